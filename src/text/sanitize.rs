//! How each char of the (verbatim) article is displayed, so hostile text never reaches the terminal.
//!
//! C0/C1 controls, DEL, bidi controls, zero-width and other invisible format
//! chars are drawn as visible stand-ins; everything else is drawn as itself.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

/// Width of a tab stop in display columns.
pub const TAB_STOP: usize = 4;

/// How one char is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Glyph {
    /// Drawn as the char itself.
    Plain(char),
    /// A C0 control or DEL, drawn as the given one-column stand-in symbol (e.g. ESC as `␛`).
    Symbol(char),
    /// An invisible or dangerous char, drawn as `⟨U+XXXX⟩`; holds the hidden char.
    Marker(char),
    /// A horizontal tab, drawn as spaces up to the next tab stop.
    Tab,
    /// A line feed: ends a line in the article; drawn as `⏎` in single-line strings.
    Newline,
}

/// The kind of hidden char `c` is, if it would be drawn as a marker or symbol (context-free).
pub fn hidden_kind(c: char) -> Option<&'static str> {
    let kind = match c {
        '\n' | '\t' => return None,
        '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' => "control",
        '\u{20}'..='\u{7E}' => return None,
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => "bidi",
        '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2065}' | '\u{FEFF}' | '\u{180E}' => "zero-width",
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{206A}'..='\u{206F}' => "invisible",
        '\u{FFF9}'..='\u{FFFB}' => "invisible",
        '\u{2028}' | '\u{2029}' => "separator",
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => "variation-selector",
        '\u{E0000}'..='\u{E007F}' => "tag",
        _ => return None,
    };
    Some(kind)
}

/// Classifies a char for display without looking at its neighbours.
pub fn glyph(c: char) -> Glyph {
    match c {
        '\n' => Glyph::Newline,
        '\t' => Glyph::Tab,
        '\u{7F}' => Glyph::Symbol('\u{2421}'),
        '\0'..='\u{1F}' => Glyph::Symbol(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
        _ if hidden_kind(c).is_some() => Glyph::Marker(c),
        _ => Glyph::Plain(c),
    }
}

/// True for chars that commonly take part in emoji sequences.
pub fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}'
        | '\u{2600}'..='\u{27BF}'
        | '\u{2190}'..='\u{21FF}'
        | '\u{2300}'..='\u{23FF}'
        | '\u{2B00}'..='\u{2BFF}'
        | '\u{2900}'..='\u{297F}'
        | '\u{25A0}'..='\u{25FF}'
        | '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{24C2}' | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}')
}

/// True for letters of scripts where ZWJ/ZWNJ legitimately shape text (Arabic, Indic, Sinhala).
fn is_joining_script(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{0900}'..='\u{0DFF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// Classifies a char for display given its neighbours.
///
/// ZWJ stays plain between emoji (the previous char may be an emoji, a
/// skin-tone modifier or U+FE0F); ZWJ and ZWNJ stay plain between letters of
/// Arabic or Indic scripts; U+FE0E/U+FE0F stay plain after an emoji or in a
/// keycap sequence (`1`, U+FE0F, U+20E3). Everything else is as [`glyph`].
pub fn glyph_in_context(prev: Option<char>, c: char, next: Option<char>) -> Glyph {
    let plain = match c {
        '\u{200D}' => match (prev, next) {
            (Some(p), Some(n)) => {
                ((is_pictographic(p) || p == '\u{FE0F}') && is_pictographic(n))
                    || (is_joining_script(p) && is_joining_script(n))
            }
            _ => false,
        },
        '\u{200C}' => matches!((prev, next), (Some(p), Some(n))
            if is_joining_script(p) && is_joining_script(n)),
        '\u{FE0E}' | '\u{FE0F}' => {
            prev.is_some_and(is_pictographic)
                || (matches!(prev, Some('0'..='9' | '#' | '*')) && next == Some('\u{20E3}'))
        }
        _ => false,
    };
    if plain { Glyph::Plain(c) } else { glyph(c) }
}

/// Classifies char `c` found at byte `i` of `text`, looking at neighbours only when needed.
pub(super) fn glyph_in_text(text: &str, i: usize, c: char) -> Glyph {
    if matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE0E}' | '\u{FE0F}') {
        let prev = text.get(..i).and_then(|s| s.chars().next_back());
        let next = text.get(i + c.len_utf8()..).and_then(|s| s.chars().next());
        glyph_in_context(prev, c, next)
    } else {
        glyph(c)
    }
}

/// The glyph of the char starting at byte `byte` of `text` (None at the end or off a char boundary).
pub fn glyph_at(text: &str, byte: usize) -> Option<Glyph> {
    let c = text.get(byte..)?.chars().next()?;
    Some(glyph_in_text(text, byte, c))
}

/// Number of hex digits shown in a marker for `c` (at least 4).
fn hex_digits(c: char) -> usize {
    let v = c as u32;
    if v > 0xFFFFF {
        6
    } else if v > 0xFFFF {
        5
    } else {
        4
    }
}

/// Display width of a glyph drawn at display column `col` (only tabs depend on `col`).
pub fn glyph_width(g: &Glyph, col: usize) -> usize {
    match *g {
        Glyph::Plain(c) | Glyph::Symbol(c) => c.width().unwrap_or(0),
        Glyph::Marker(c) => 4 + hex_digits(c),
        Glyph::Tab => TAB_STOP - col % TAB_STOP,
        Glyph::Newline => 0,
    }
}

/// Appends the drawn text of `g` at column `col` to `out` and returns its width.
///
/// Tabs become spaces; a newline becomes `⏎` (callers that keep line breaks handle `\n` first).
pub fn push_glyph(out: &mut String, g: Glyph, col: usize) -> usize {
    use std::fmt::Write;
    let w = glyph_width(&g, col);
    match g {
        Glyph::Plain(c) | Glyph::Symbol(c) => out.push(c),
        Glyph::Marker(c) => {
            // Writing to a String cannot fail.
            let _ = write!(out, "\u{27E8}U+{:04X}\u{27E9}", c as u32);
        }
        Glyph::Tab => out.extend(std::iter::repeat_n(' ', w)),
        Glyph::Newline => {
            out.push('\u{23CE}');
            return 1;
        }
    }
    w
}

/// True when `s` is printable ASCII only (nothing to clean).
fn printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7F).contains(&b))
}

/// True when every char of `s` is drawn as itself (newlines allowed when `keep_newlines`).
fn all_plain(s: &str, keep_newlines: bool) -> bool {
    printable_ascii(s)
        || s.char_indices().all(|(i, c)| match glyph_in_text(s, i, c) {
            Glyph::Plain(_) => true,
            Glyph::Newline => keep_newlines,
            _ => false,
        })
}

/// Makes a short UI string (claim wording, file name, title) safe to draw on one line.
///
/// Hidden chars become markers, `\n` becomes `⏎`, `\t` a single space.
/// Returns `Cow::Borrowed` when nothing changed.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    if all_plain(s, false) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for (i, c) in s.char_indices() {
        match glyph_in_text(s, i, c) {
            Glyph::Tab => out.push(' '),
            g => {
                push_glyph(&mut out, g, 0);
            }
        }
    }
    Cow::Owned(out)
}

/// Makes multi-line text safe to draw: like [`clean_line`] but keeps `\n`
/// and expands tabs to spaces up to the next tab stop.
pub fn clean_block(s: &str) -> Cow<'_, str> {
    if all_plain(s, true) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut col = 0;
    for (i, c) in s.char_indices() {
        match glyph_in_text(s, i, c) {
            Glyph::Newline => {
                out.push('\n');
                col = 0;
            }
            g => col += push_glyph(&mut out, g, col),
        }
    }
    Cow::Owned(out)
}

/// `s` without its hidden characters — controls (newlines and tabs too), DEL, C1, bidi,
/// zero-width and other invisible characters — for the clipboard, where any of them could
/// act when pasted into a shell; with how many were removed.
pub fn strip_hidden(s: &str) -> (Cow<'_, str>, usize) {
    let hidden = |c: char| c == '\n' || c == '\t' || hidden_kind(c).is_some();
    let removed = s.chars().filter(|&c| hidden(c)).count();
    match removed {
        0 => (Cow::Borrowed(s), 0),
        n => (Cow::Owned(s.chars().filter(|&c| !hidden(c)).collect()), n),
    }
}

/// Summary of the hidden chars in a text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HiddenReport {
    /// Number of chars that are drawn as markers or control symbols.
    pub count: usize,
    /// Byte offset of the first such char.
    pub first_offset: Option<usize>,
    /// Distinct kinds found ("control", "bidi", "zero-width", ...), in order of first appearance.
    pub kinds: Vec<&'static str>,
}

impl HiddenReport {
    fn record(&mut self, offset: usize, kind: &'static str) {
        self.count += 1;
        self.first_offset.get_or_insert(offset);
        if !self.kinds.contains(&kind) {
            self.kinds.push(kind);
        }
    }
}

/// Counts the chars of `text` that would be drawn as markers or control symbols (one pass).
pub fn scan_hidden(text: &str) -> HiddenReport {
    let mut report = HiddenReport::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F {
                report.record(i, "control");
            }
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        if let Some(kind) = hidden_kind(c)
            && !matches!(glyph_in_text(text, i, c), Glyph::Plain(_))
        {
            report.record(i, kind);
        }
        i += c.len_utf8();
    }
    report
}
