//! JSON that is safe to `cat` to a terminal and to paste into an HTML `<script>`: the same
//! values as serde_json writes, with the characters that could act on a terminal or end a
//! script element written as `\uXXXX` escapes. Every JSON factdesk writes (verdict files,
//! recovery files, ClaimReview, CSL-JSON) goes through here.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

/// Which characters are escaped besides the ones JSON itself requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// DEL, C1 controls, bidi controls and the line/paragraph separators: nothing in the
    /// file can move a terminal's cursor, change its state or reorder what it shows.
    Terminal,
    /// [`Escape::Terminal`] plus `<`, `>` and `&`: the text cannot close a `<script>`
    /// element or open a comment when embedded in HTML.
    Html,
}

/// Whether `c` is written as a `\uXXXX` escape.
fn escaped(c: char, escape: Escape) -> bool {
    match c {
        '<' | '>' | '&' => escape == Escape::Html,
        '\u{7F}'..='\u{9F}' | '\u{2028}' | '\u{2029}' => true,
        _ => crate::text::hidden_kind(c) == Some("bidi"),
    }
}

/// Whether `b` can be the first byte of a char that [`escaped`] escapes: DEL, the lead byte
/// of U+0080–U+00BF (C1 controls), of U+0600–U+063F (the Arabic letter mark) and of
/// U+2000–U+2FFF (bidi controls, line and paragraph separators), and for HTML the markup
/// bytes. Lets a long text be scanned a byte at a time; a test checks it against every char.
fn may_start_escape(b: u8, escape: Escape) -> bool {
    let html = escape == Escape::Html;
    (b == 0x7F)
        | (b == 0xC2)
        | (b == 0xD8)
        | (b == 0xE2)
        | (html & ((b == b'<') | (b == b'>') | (b == b'&')))
}

/// The first byte at or after `from` that [`may_start_escape`]: a block without one is
/// passed over in a loop without branches.
fn next_candidate(bytes: &[u8], from: usize, escape: Escape) -> Option<usize> {
    const BLOCK: usize = 32;
    let rest = bytes.get(from..)?;
    let blocks = rest.chunks_exact(BLOCK);
    let tail = blocks.len() * BLOCK;
    for (k, block) in blocks.enumerate() {
        let mut hits = 0u8;
        for &b in block {
            hits |= u8::from(may_start_escape(b, escape));
        }
        if hits != 0
            && let Some(i) = block.iter().position(|&b| may_start_escape(b, escape))
        {
            return Some(from + k * BLOCK + i);
        }
    }
    let i = rest[tail..]
        .iter()
        .position(|&b| may_start_escape(b, escape))?;
    Some(from + tail + i)
}

/// JSON text with the extra escapes applied: correct for any valid JSON, since the
/// escaped characters can only stand inside its strings.
pub fn escape_json_text(json: &str, escape: Escape) -> String {
    let mut out = Vec::with_capacity(json.len());
    // Writing into a Vec cannot fail.
    let _ = write_escaped(&mut out, json.as_bytes(), escape);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// serde_json's pretty layout (two-space indent), byte for byte, with each line break and
/// its indent written at once (serde_json writes the indent one level at a time, and a
/// verdict file has a million line breaks).
#[derive(Debug, Default)]
pub(crate) struct Layout {
    depth: usize,
    has_value: bool,
}

/// A comma, a line break and the indent of [`BREAK_DEPTH`] levels, sliced for each break.
const BREAK: [u8; 2 + 2 * BREAK_DEPTH] = {
    let mut line = [b' '; 2 + 2 * BREAK_DEPTH];
    line[0] = b',';
    line[1] = b'\n';
    line
};
const BREAK_DEPTH: usize = 32;

impl Layout {
    /// A line break (after a comma unless `first`) and the indent of the current depth.
    fn line_break<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        let from = usize::from(first);
        let depth = self.depth.min(BREAK_DEPTH);
        w.write_all(&BREAK[from..2 + 2 * depth])?;
        for _ in depth..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line_break(w, true)?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for Layout {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line_break(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line_break(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `bytes` (a piece of a JSON string, or JSON text, cut on char boundaries) written with
/// the extra escapes. Only the chars that may be escaped are decoded: one that is cut
/// short is an error, the rest is passed on as it is.
pub(crate) fn write_escaped<W: ?Sized + Write>(
    writer: &mut W,
    bytes: &[u8],
    escape: Escape,
) -> io::Result<()> {
    let mut start = 0;
    let mut at = 0;
    while let Some(i) = next_candidate(bytes, at, escape) {
        let c = char_at(bytes, i).ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidData, "JSON with a char cut short")
        })?;
        at = i + c.len_utf8();
        if !escaped(c, escape) {
            continue;
        }
        writer.write_all(&bytes[start..i])?;
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            write!(writer, "\\u{unit:04x}")?;
        }
        start = at;
    }
    writer.write_all(&bytes[start..])
}

/// The char whose UTF-8 starts at `bytes[i]`, if it is whole there.
fn char_at(bytes: &[u8], i: usize) -> Option<char> {
    let len = match *bytes.get(i)? {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    std::str::from_utf8(bytes.get(i..i + len)?)
        .ok()?
        .chars()
        .next()
}

/// A writer that applies the extra escapes to JSON text given to it in pieces that each end
/// on a char boundary (as serde_json writes, and as a save's chunks are cut): JSON made
/// with [`Layout`] alone becomes what [`SafeFormatter`] makes, the escaping done where the
/// text is written (on another thread, for a large save).
pub(crate) struct Escaping<W> {
    pub(crate) inner: W,
    pub(crate) escape: Escape,
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        write_escaped(&mut self.inner, buf, self.escape)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `value` as pretty JSON without the extra escapes, for an [`Escaping`] writer
/// downstream.
pub(crate) fn to_writer_layout<W: Write, T: ?Sized + Serialize>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        writer,
        Layout::default(),
    ))
}

/// [`Layout`] with the extra escapes, applied to string fragments only (structural writes
/// pass untouched: an [`Escaping`] writer in their place made a 10k-claim case's JSON
/// string 40 % slower).
pub struct SafeFormatter {
    layout: Layout,
    escape: Escape,
}

impl SafeFormatter {
    pub fn new(escape: Escape) -> Self {
        SafeFormatter {
            layout: Layout::default(),
            escape,
        }
    }
}

impl Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        write_escaped(writer, fragment.as_bytes(), self.escape)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.layout.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.layout.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.layout.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.layout.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.layout.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.layout.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.layout.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.layout.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.layout.end_object_value(w)
    }
}

/// Writes `value` as pretty JSON with the extra escapes.
pub fn to_writer_pretty<W: Write, T: ?Sized + Serialize>(
    writer: W,
    value: &T,
    escape: Escape,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(writer, SafeFormatter::new(escape));
    value.serialize(&mut ser)
}

/// `value` as pretty JSON with the extra escapes, with a trailing newline.
pub fn to_string_pretty<T: ?Sized + Serialize>(
    value: &T,
    escape: Escape,
) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(128);
    to_writer_pretty(&mut out, value, escape)?;
    out.push(b'\n');
    // The serializer writes only UTF-8 (its input is `str`, its escapes ASCII).
    String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// The escapes keep the value: what is written parses back to the same JSON.
    #[test]
    fn escapes_keep_the_value() {
        let v = json!({"a": "</script><!-- & \u{202E}\u{9B}\u{7F}\u{2028} 😀 é", "b": [1, 2.5]});
        for escape in [Escape::Terminal, Escape::Html] {
            let s = to_string_pretty(&v, escape).expect("serialises");
            assert_eq!(serde_json::from_str::<Value>(&s).expect("parses"), v);
            assert!(!s.contains('\u{202E}') && !s.contains('\u{9B}') && !s.contains('\u{7F}'));
            assert!(!s.contains('\u{2028}') && s.contains("😀 é"));
        }
    }

    /// The byte scan misses no escaped char: every char [`escaped`] escapes starts with a
    /// byte [`may_start_escape`] takes.
    #[test]
    fn byte_scan_finds_every_escaped_char() {
        for escape in [Escape::Terminal, Escape::Html] {
            for c in (0..=0x10FFFF).filter_map(char::from_u32) {
                let mut utf8 = [0; 4];
                let first = c.encode_utf8(&mut utf8).as_bytes()[0];
                assert!(
                    !escaped(c, escape) || may_start_escape(first, escape),
                    "{c:?}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Text mixing escaped chars with their unescaped neighbours (same lead bytes)
        /// reads back unchanged, and no escaped char is left raw.
        #[test]
        fn mixed_text_round_trips(
            text in "[a<&\u{7F}\u{85}\u{A0}\u{E9}\u{600}\u{61C}\u{2014}\u{201C}\u{202E}\u{2028}\u{2067}]{0,40}"
        ) {
            for escape in [Escape::Terminal, Escape::Html] {
                let out = to_string_pretty(&text, escape).expect("serialises");
                proptest::prop_assert_eq!(serde_json::from_str::<String>(&out).expect("parses"), text.clone());
                proptest::prop_assert!(!out.chars().any(|c| escaped(c, escape)), "{:?}", out);
            }
        }
    }

    /// The layout is serde_json's pretty print byte for byte: empty and nested arrays and
    /// objects, and nesting deeper than one slice of [`BREAK`] holds.
    #[test]
    fn layout_is_serde_jsons_pretty_print() {
        let mut deep = json!("leaf");
        for i in 0..BREAK_DEPTH + 5 {
            deep = if i % 2 == 0 {
                json!([deep, 1, {}])
            } else {
                json!({"k": deep, "e": [], "n": null})
            };
        }
        let values = [
            json!({}),
            json!([]),
            json!({"a": [], "b": {}, "c": [[]], "d": [{}, {"x": 1}]}),
            json!([1, [2, [3, {"y": [true, false]}]]]),
            deep,
        ];
        for v in values {
            let mut ours = Vec::new();
            v.serialize(&mut serde_json::Serializer::with_formatter(
                &mut ours,
                Layout::default(),
            ))
            .expect("serialises");
            let theirs = serde_json::to_string_pretty(&v).expect("json");
            assert_eq!(String::from_utf8(ours).expect("utf-8"), theirs);
        }
    }

    /// JSON made with the layout alone and written through [`Escaping`] in pieces cut on
    /// char boundaries is what the safe formatter writes.
    #[test]
    fn escaping_writer_matches_the_formatter() {
        let v = json!({"x": "</script>\u{202E}&\u{9B}é😀", "y": ["\u{2028}\u{61C}"]});
        for escape in [Escape::Terminal, Escape::Html] {
            let mut layout = Vec::new();
            to_writer_layout(&mut layout, &v).expect("serialises");
            let text = String::from_utf8(layout).expect("utf-8");
            let mut out = Escaping {
                inner: Vec::new(),
                escape,
            };
            let mut rest = text.as_str();
            while let Some(c) = rest.chars().next() {
                // One char at a time: a piece as short as can be, never a split char.
                out.write_all(&rest.as_bytes()[..c.len_utf8()])
                    .expect("written");
                rest = &rest[c.len_utf8()..];
            }
            let direct = to_string_pretty(&v, escape).expect("serialises");
            assert_eq!(String::from_utf8(out.inner).expect("utf-8") + "\n", direct);
        }
        let mut out = Escaping {
            inner: Vec::new(),
            escape: Escape::Terminal,
        };
        let cut = &"\u{202E}".as_bytes()[..2];
        assert!(
            out.write_all(cut).is_err(),
            "a char to escape, cut short, is refused"
        );
    }

    /// Escaping JSON text after the fact gives what the formatter writes.
    #[test]
    fn escaping_text_matches_the_formatter() {
        let v = json!({"x": "</script>\u{202E}&", "y": ["\u{9B}"]});
        let plain = serde_json::to_string_pretty(&v).expect("json") + "\n";
        let direct = to_string_pretty(&v, Escape::Html).expect("serialises");
        assert_eq!(escape_json_text(&plain, Escape::Html), direct);
    }

    /// Only the HTML escape writes `<`, `>` and `&` as escapes; the layout is serde_json's
    /// two-space pretty print.
    #[test]
    fn html_escape_hides_markup() {
        let v = json!({"x": "</script>&"});
        let html = to_string_pretty(&v, Escape::Html).expect("serialises");
        assert_eq!(html, "{\n  \"x\": \"\\u003c/script\\u003e\\u0026\"\n}\n");
        let term = to_string_pretty(&v, Escape::Terminal).expect("serialises");
        assert_eq!(
            term,
            format!("{}\n", serde_json::to_string_pretty(&v).expect("json"))
        );
    }
}
