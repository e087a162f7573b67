//! Diacritic folding for matching.
//!
//! `SkimMatcherV2` compares `char`s (ASCII case-insensitively at most), so
//! `u` never matches `ü`. Before matching, every haystack and the query are
//! folded into a copy where Latin-1 Supplement and Latin Extended-A letters
//! become their ASCII base letters (`ü`→`u`, `É`→`E`, `ø`→`o`, `ß`→`ss`,
//! `Œ`→`OE`), combining diacritical marks (U+0300–U+036F) are dropped, and
//! any other non-ASCII char is lower-cased (when that gives one char).
//!
//! ASCII and table letters keep their case, so the matcher's smart case and
//! its camel-case bonus still work on the folded copy. Because one original
//! char may become two (`ß`→`ss`) or none (a combining mark), a folded copy
//! that is not char-for-char aligned carries a map from folded char index
//! back to original char index, used to report highlight positions.

/// Single-letter folds for U+00C0..=U+00FF. `?` marks a multi-letter fold
/// (see [`special`]), `.` a char that is not folded (`×`, `÷`).
const LATIN1: &[u8; 64] = b"AAAAAA?CEEEEIIIIDNOOOOO.OUUUUY??aaaaaa?ceeeeiiiidnooooo.ouuuuy?y";

/// Single-letter folds for U+0100..=U+017F. `?` marks a multi-letter fold.
const EXT_A: &[u8; 128] = b"AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi??JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo??RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/// Multi-letter folds.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'Æ' => "AE",
        'æ' => "ae",
        'Þ' => "TH",
        'þ' => "th",
        'ß' => "ss",
        'ẞ' => "SS",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'Œ' => "OE",
        'œ' => "oe",
        _ => return None,
    })
}

/// How one char folds.
enum Fold {
    /// Kept as it is.
    Keep,
    /// Replaced by one char.
    One(char),
    /// Replaced by several chars.
    Many(&'static str),
    /// Dropped (combining mark).
    Drop,
}

fn fold_char(c: char) -> Fold {
    let code = c as u32;
    if code < 0x80 {
        return Fold::Keep;
    }
    let table = match code {
        0xC0..=0xFF => Some(LATIN1[(code - 0xC0) as usize]),
        0x100..=0x17F => Some(EXT_A[(code - 0x100) as usize]),
        _ => None,
    };
    match table {
        Some(b'.') => Fold::Keep,
        Some(b'?') => special(c).map_or(Fold::Keep, Fold::Many),
        Some(b) => Fold::One(char::from(b)),
        None if (0x300..=0x36F).contains(&code) => Fold::Drop,
        None => match special(c) {
            Some(s) => Fold::Many(s),
            None if is_combining_mark(c) => Fold::Drop,
            None if let Some(base) = decomposed_base(c) => Fold::One(base),
            None => {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) if l != c => Fold::One(l),
                    _ => Fold::Keep,
                }
            }
        },
    }
}

/// The letter a precomposed char is built on when Unicode decomposes it (NFD) into that
/// letter and combining marks: `ễ`→`e`, `Ș`→`S`, `ọ`→`o`. Beyond the Latin tables above.
fn decomposed_base(c: char) -> Option<char> {
    let mut base = None;
    let mut only_marks = true;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        } else if !is_combining_mark(d) {
            only_marks = false;
        }
    });
    base.filter(|b| *b != c && only_marks && !is_combining_mark(*b))
}

fn is_combining_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Text folded for plain matching: accents dropped, lower case (`Nguyễn`→`nguyen`).
pub fn fold_for_search(s: &str) -> String {
    fold_str(s).to_lowercase()
}

/// Folds a query (or any text) for matching; no index map is kept.
pub(super) fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match fold_char(c) {
            Fold::Keep => out.push(c),
            Fold::One(f) => out.push(f),
            Fold::Many(f) => out.push_str(f),
            Fold::Drop => {}
        }
    }
    out
}

/// The folded form of one haystack.
#[derive(Debug, Clone, Default)]
pub(super) struct Folded {
    /// The folded text, or `None` when folding changes nothing.
    pub(super) text: Option<Box<str>>,
    /// Folded char index → original char index, or `None` when the folded
    /// text is char-for-char aligned with the original.
    pub(super) map: Option<Box<[u32]>>,
    /// Length of the original haystack in chars (used as a tie-breaker).
    pub(super) len: u32,
}

impl Folded {
    /// Folds `s`, keeping only what differs from the original.
    pub(super) fn new(s: &str) -> Self {
        let len = u32::try_from(s.chars().count()).unwrap_or(u32::MAX);
        if s.is_ascii() {
            return Folded {
                text: None,
                map: None,
                len,
            };
        }
        let mut text = String::with_capacity(s.len());
        let mut map: Vec<u32> = Vec::with_capacity(s.len());
        let mut aligned = true;
        let mut changed = false;
        for (i, c) in s.chars().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            match fold_char(c) {
                Fold::Keep => {
                    text.push(c);
                    map.push(i);
                }
                Fold::One(f) => {
                    text.push(f);
                    map.push(i);
                    changed = true;
                }
                Fold::Many(f) => {
                    for f in f.chars() {
                        text.push(f);
                        map.push(i);
                    }
                    aligned = false;
                    changed = true;
                }
                Fold::Drop => {
                    aligned = false;
                    changed = true;
                }
            }
        }
        Folded {
            text: changed.then(|| text.into_boxed_str()),
            map: (!aligned).then(|| map.into_boxed_slice()),
            len,
        }
    }

    /// The text to match against: the folded copy, or `original` itself.
    pub(super) fn text<'a>(&'a self, original: &'a str) -> &'a str {
        self.text.as_deref().unwrap_or(original)
    }

    /// Maps folded char indices (ascending) to original char indices,
    /// merging folded chars that came from the same original char.
    pub(super) fn to_original(&self, folded: Vec<usize>) -> Vec<usize> {
        let Some(map) = &self.map else {
            return folded;
        };
        let mut out: Vec<usize> = Vec::with_capacity(folded.len());
        for f in folded {
            if let Some(&o) = map.get(f) {
                let o = o as usize;
                if out.last() != Some(&o) {
                    out.push(o);
                }
            }
        }
        out
    }
}
