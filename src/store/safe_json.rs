//! JSON that is safe to `cat` to a terminal and to paste into an HTML `<script>`: the same
//! values as serde_json writes, with the characters that could act on a terminal or end a
//! script element written as `\uXXXX` escapes. Every JSON factdesk writes (verdict files,
//! recovery files, ClaimReview, CSL-JSON) goes through here.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

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

/// JSON text with the extra escapes applied: correct for any valid JSON, since the
/// escaped characters can only stand inside its strings.
pub fn escape_json_text(json: &str, escape: Escape) -> String {
    let mut out = Vec::with_capacity(json.len());
    let mut f = SafeFormatter::new(escape);
    // Writing into a Vec cannot fail.
    let _ = f.write_string_fragment(&mut out, json);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// serde_json's pretty printer (two-space indent) with the extra escapes.
pub struct SafeFormatter {
    pretty: PrettyFormatter<'static>,
    escape: Escape,
}

impl SafeFormatter {
    pub fn new(escape: Escape) -> Self {
        SafeFormatter {
            pretty: PrettyFormatter::with_indent(b"  "),
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
        let plain =
            |b: u8| b < 0x7F && !(self.escape == Escape::Html && matches!(b, b'<' | b'>' | b'&'));
        if fragment.bytes().all(plain) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if !escaped(c, self.escape) {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(w)
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
