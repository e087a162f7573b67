//! The folded query and the cheap tests run before the matcher: a character bitmask, a
//! subsequence scan, and the part of a haystack the score depends on.

use std::ops::Range;

use super::fold::fold_str;

/// A query prepared for matching.
#[derive(Debug, Clone, Default)]
pub(super) struct Pattern {
    /// The query folded like the haystacks (what the matcher is given).
    pub(super) folded: String,
    /// Case-sensitive (the folded query has an ASCII uppercase letter):
    /// the same rule `SkimMatcherV2`'s smart case applies.
    case_sensitive: bool,
    /// When the folded query is ASCII: its bytes, lower-cased unless
    /// case-sensitive, for the byte-level scans.
    ascii: Option<Box<[u8]>>,
    /// The folded query's chars (used when it is not ASCII).
    chars: Box<[char]>,
    /// [`char_mask`] of the folded query: a haystack lacking one of its bits cannot match.
    pub(super) mask: u64,
}

/// Which kinds of character `s` contains, one bit per kind: ASCII letters (either case)
/// one bit each, digits one bit each, other ASCII and other chars folded onto the
/// remaining bits. Every char the matcher could pair with a query char (equal, or equal
/// ignoring ASCII case) sets the same bit, so `mask(hay) & mask(query) == mask(query)`
/// whenever the query can match the haystack.
pub(super) fn char_mask(s: &str) -> u64 {
    let mut mask = 0;
    if s.is_ascii() {
        for &b in s.as_bytes() {
            mask |= byte_bit(b);
        }
    } else {
        for c in s.chars() {
            mask |= match u8::try_from(c) {
                Ok(b) if b.is_ascii() => byte_bit(b),
                _ => 1 << (48 + (u32::from(c) % 16)),
            };
        }
    }
    mask
}

/// The [`char_mask`] bit of an ASCII byte.
fn byte_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'A'..=b'Z' => 1 << (b - b'A'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 1 << (36 + b % 12),
    }
}

impl Pattern {
    /// Prepares `query`.
    pub(super) fn new(query: &str) -> Self {
        let folded = fold_str(query);
        let case_sensitive = folded.chars().any(|c| c.is_ascii_uppercase());
        let ascii = folded.is_ascii().then(|| {
            let bytes = folded.as_bytes();
            if case_sensitive {
                bytes.into()
            } else {
                bytes.to_ascii_lowercase().into_boxed_slice()
            }
        });
        let chars = folded.chars().collect();
        let mask = char_mask(&folded);
        Pattern {
            folded,
            case_sensitive,
            ascii,
            chars,
            mask,
        }
    }

    /// Whether the query is empty.
    pub(super) fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// The query's char when it is one char long.
    pub(super) fn single_char(&self) -> Option<char> {
        match *self.chars {
            [c] => Some(c),
            _ => None,
        }
    }

    /// Whether the matcher pairs haystack char `c` with query char `p`: equal, or equal
    /// ignoring ASCII case when the query is not case-sensitive (its `char_equal`).
    pub(super) fn pairs(&self, c: char, p: char) -> bool {
        if self.case_sensitive {
            c == p
        } else {
            c.eq_ignore_ascii_case(&p)
        }
    }

    /// `None` when the query is not a subsequence of `hay` under the matcher's char
    /// equality (exactly the matcher's own first test, so nothing it would accept is
    /// rejected). Otherwise the byte range of `hay` the matcher's score depends on: from
    /// the char before the first char pairing with the query's first char (it sets that
    /// char's bonus), or from the start, to the end of the last char pairing with the
    /// query's last char (no alignment ends later). `SkimMatcherV2` gives this range the
    /// score it gives the whole haystack, in less time.
    pub(super) fn window(&self, hay: &str) -> Option<Range<usize>> {
        let (first, last) = match &self.ascii {
            Some(pat) => self.ascii_ends(pat, hay)?,
            None => self.char_ends(hay)?,
        };
        let start = match hay[..first].char_indices().next_back() {
            Some((before, _)) => before,
            None => 0,
        };
        Some(start..last)
    }

    /// For an ASCII query: the byte offset of the first char pairing with the query's
    /// first char, and the end of the last char pairing with its last char, when the
    /// query is a subsequence. Bytes of multi-byte UTF-8 sequences are >= 0x80 and never
    /// equal an ASCII query byte, so a byte scan equals the char scan.
    fn ascii_ends(&self, pat: &[u8], hay: &str) -> Option<(usize, usize)> {
        let bytes = hay.as_bytes();
        let fold = |b: u8| {
            if self.case_sensitive {
                b
            } else {
                b.to_ascii_lowercase()
            }
        };
        let (&head, rest) = pat.split_first()?;
        let first = bytes.iter().position(|&b| fold(b) == head)?;
        let mut want = rest.iter();
        let mut next = want.next();
        for &b in &bytes[first + 1..] {
            match next {
                Some(&p) if fold(b) == p => next = want.next(),
                Some(_) => {}
                None => break,
            }
        }
        if next.is_some() {
            return None;
        }
        let tail = *pat.last()?;
        let last = bytes.iter().rposition(|&b| fold(b) == tail)?;
        Some((first, last + 1))
    }

    /// [`Pattern::ascii_ends`] for a query that is not ASCII, char by char.
    fn char_ends(&self, hay: &str) -> Option<(usize, usize)> {
        let (&head, rest) = self.chars.split_first()?;
        let mut chars = hay.char_indices();
        let (first, _) = chars.find(|&(_, c)| self.pairs(c, head))?;
        let mut want = rest.iter();
        let mut next = want.next();
        for (_, c) in chars {
            match next {
                Some(&p) if self.pairs(c, p) => next = want.next(),
                Some(_) => {}
                None => break,
            }
        }
        if next.is_some() {
            return None;
        }
        let tail = *self.chars.last()?;
        let (last, c) = hay
            .char_indices()
            .rev()
            .find(|&(_, c)| self.pairs(c, tail))?;
        Some((first, last + c.len_utf8()))
    }
}
