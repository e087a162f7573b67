//! Turning raw file bytes into article text: BOMs, UTF-16, invalid UTF-8 and line endings.

use std::fmt;

/// Something that was changed while decoding an article, worth telling the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestWarning {
    /// The file was UTF-16 (detected by its byte order mark) and was converted.
    Utf16 {
        /// True for big-endian (BOM `FE FF`), false for little-endian (`FF FE`).
        big_endian: bool,
    },
    /// The file was not valid UTF-8; invalid sequences were replaced with U+FFFD.
    InvalidUtf8 {
        /// Byte offset in the input of the first invalid byte.
        first_bad_offset: usize,
        /// Number of invalid sequences, each replaced by one U+FFFD.
        count: usize,
    },
    /// CRLF or lone CR line endings were normalised to LF.
    LineEndings {
        /// Number of CRLF pairs turned into LF.
        crlf: usize,
        /// Number of lone CRs turned into LF.
        cr: usize,
    },
}

impl fmt::Display for IngestWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            IngestWarning::Utf16 { big_endian } => {
                let order = if big_endian { "big" } else { "little" };
                write!(f, "file was UTF-16 ({order}-endian) and was converted")
            }
            IngestWarning::InvalidUtf8 {
                first_bad_offset,
                count,
            } => {
                let noun = if count == 1 { "sequence" } else { "sequences" };
                write!(
                    f,
                    "not valid UTF-8: first bad byte at offset {first_bad_offset} \
                     ({count} {noun} replaced with \u{FFFD})"
                )
            }
            IngestWarning::LineEndings { crlf, cr } => {
                write!(f, "line endings normalised to LF")?;
                match (crlf, cr) {
                    (0, cr) => write!(f, " ({cr} CR)"),
                    (crlf, 0) => write!(f, " ({crlf} CRLF)"),
                    (crlf, cr) => write!(f, " ({crlf} CRLF, {cr} CR)"),
                }
            }
        }
    }
}

/// The decoded article text together with what had to be fixed on the way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decoded {
    /// The article text: valid UTF-8, LF line endings, no leading BOM.
    pub text: String,
    /// Warnings in the order they arose (encoding first, then line endings).
    pub warnings: Vec<IngestWarning>,
}

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Decodes raw file bytes into article text.
///
/// A UTF-8 BOM is stripped silently; UTF-16 with a BOM is converted; invalid
/// UTF-8 is replaced lossily; CRLF and lone CR become LF. Valid UTF-8 with LF
/// endings is copied exactly once.
pub fn decode_article(bytes: &[u8]) -> Decoded {
    let mut warnings = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        decode_utf8(rest, UTF8_BOM.len(), &mut warnings)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        warnings.push(IngestWarning::Utf16 { big_endian: false });
        decode_utf16(rest, false)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        warnings.push(IngestWarning::Utf16 { big_endian: true });
        decode_utf16(rest, true)
    } else {
        decode_utf8(bytes, 0, &mut warnings)
    };
    let text = normalize_line_endings(text, &mut warnings);
    Decoded { text, warnings }
}

/// Decodes UTF-8 lossily; `base` is the offset of `bytes` within the original input.
fn decode_utf8(bytes: &[u8], base: usize, warnings: &mut Vec<IngestWarning>) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut offset = base;
    let mut first_bad = None;
    let mut count = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            first_bad.get_or_insert(offset);
            count += 1;
            out.push('\u{FFFD}');
            offset += chunk.invalid().len();
        }
    }
    if let Some(first_bad_offset) = first_bad {
        warnings.push(IngestWarning::InvalidUtf8 {
            first_bad_offset,
            count,
        });
    }
    out
}

/// Decodes UTF-16 (after its BOM), replacing unpaired surrogates and a dangling odd byte with U+FFFD.
fn decode_utf16(bytes: &[u8], big_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut out: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if bytes.len() % 2 == 1 {
        out.push(char::REPLACEMENT_CHARACTER);
    }
    out
}

/// Turns CRLF and lone CR into LF in place (never grows, so no second copy).
fn normalize_line_endings(text: String, warnings: &mut Vec<IngestWarning>) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    let (mut crlf, mut cr) = (0, 0);
    let mut write = 0;
    let mut read = 0;
    while read < bytes.len() {
        let b = bytes[read];
        if b == b'\r' {
            if bytes.get(read + 1) == Some(&b'\n') {
                crlf += 1;
                read += 1;
            } else {
                cr += 1;
            }
            bytes[write] = b'\n';
        } else {
            bytes[write] = b;
        }
        write += 1;
        read += 1;
    }
    bytes.truncate(write);
    warnings.push(IngestWarning::LineEndings { crlf, cr });
    // Only ASCII bytes were replaced or removed, so this is still valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain UTF-8 with LF endings passes through unchanged and without warnings.
    #[test]
    fn plain_utf8_unchanged() {
        let d = decode_article("héllo\nworld ✓\n".as_bytes());
        assert_eq!(d.text, "héllo\nworld ✓\n");
        assert!(d.warnings.is_empty());
    }

    /// An empty input decodes to empty text with no warnings.
    #[test]
    fn empty_input() {
        assert_eq!(decode_article(b""), Decoded::default());
    }

    /// A UTF-8 BOM is stripped silently.
    #[test]
    fn utf8_bom_stripped() {
        let d = decode_article(b"\xEF\xBB\xBFabc");
        assert_eq!(d.text, "abc");
        assert!(d.warnings.is_empty());
    }

    /// UTF-16 LE and BE with BOM decode, with a warning naming the byte order.
    #[test]
    fn utf16_both_orders() {
        let s = "Zürich 🚀\nok";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        let d = decode_article(&le);
        assert_eq!(d.text, s);
        assert_eq!(d.warnings, vec![IngestWarning::Utf16 { big_endian: false }]);
        let d = decode_article(&be);
        assert_eq!(d.text, s);
        assert_eq!(d.warnings, vec![IngestWarning::Utf16 { big_endian: true }]);
    }

    /// Unpaired surrogates and an odd trailing byte in UTF-16 become U+FFFD.
    #[test]
    fn utf16_lossy() {
        let bytes = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0, 0x41];
        let d = decode_article(&bytes);
        assert_eq!(d.text, "a\u{FFFD}b\u{FFFD}");
    }

    /// Invalid UTF-8 is replaced and reported with the first bad offset and run count.
    #[test]
    fn invalid_utf8_reported() {
        let d = decode_article(b"ab\xFFcd\xC3\xE9f");
        assert_eq!(d.text, "ab\u{FFFD}cd\u{FFFD}\u{FFFD}f");
        assert_eq!(
            d.warnings,
            vec![IngestWarning::InvalidUtf8 {
                first_bad_offset: 2,
                count: 3
            }]
        );
    }

    /// The first-bad offset counts the stripped UTF-8 BOM, since it is an input offset.
    #[test]
    fn invalid_offset_counts_bom() {
        let d = decode_article(b"\xEF\xBB\xBFa\x80");
        assert_eq!(
            d.warnings,
            vec![IngestWarning::InvalidUtf8 {
                first_bad_offset: 4,
                count: 1
            }]
        );
    }

    /// Markus Kuhn's UTF-8-test.txt has its first bad byte (0xF8) at offset 4461.
    #[test]
    fn kuhn_utf8_test_file() {
        let Some(path) = crate::test_support::shared("testdata/hostile/UTF-8-test.txt") else {
            return;
        };
        let bytes = std::fs::read(path).unwrap();
        let d = decode_article(&bytes);
        let Some(IngestWarning::InvalidUtf8 {
            first_bad_offset,
            count,
        }) = d.warnings.first().cloned()
        else {
            panic!("expected an InvalidUtf8 warning, got {:?}", d.warnings);
        };
        assert_eq!(first_bad_offset, 4461);
        assert_eq!(bytes[4461], 0xF8);
        assert_eq!(count, d.text.matches('\u{FFFD}').count() - 1); // file has one literal U+FFFD
        let msg = d.warnings[0].to_string();
        assert!(msg.starts_with("not valid UTF-8: first bad byte at offset 4461 ("));
    }

    /// CRLF and lone CR become LF and are counted separately.
    #[test]
    fn line_endings_normalised() {
        let d = decode_article(b"a\r\nb\rc\r\n\r\nd\r");
        assert_eq!(d.text, "a\nb\nc\n\nd\n");
        assert_eq!(
            d.warnings,
            vec![IngestWarning::LineEndings { crlf: 3, cr: 2 }]
        );
    }

    /// Line endings are normalised after lossy UTF-8 decoding, both warnings kept in order.
    #[test]
    fn invalid_and_crlf_together() {
        let d = decode_article(b"\xFFx\r\ny");
        assert_eq!(d.text, "\u{FFFD}x\ny");
        assert_eq!(d.warnings.len(), 2);
        assert!(matches!(
            d.warnings[1],
            IngestWarning::LineEndings { crlf: 1, cr: 0 }
        ));
    }

    /// Warnings render as short user-facing sentences.
    #[test]
    fn warning_display() {
        let w = IngestWarning::InvalidUtf8 {
            first_bad_offset: 4461,
            count: 12,
        };
        assert_eq!(
            w.to_string(),
            "not valid UTF-8: first bad byte at offset 4461 (12 sequences replaced with \u{FFFD})"
        );
        let w = IngestWarning::LineEndings { crlf: 2, cr: 1 };
        assert_eq!(
            w.to_string(),
            "line endings normalised to LF (2 CRLF, 1 CR)"
        );
        let w = IngestWarning::Utf16 { big_endian: true };
        assert_eq!(
            w.to_string(),
            "file was UTF-16 (big-endian) and was converted"
        );
    }
}
