//! The character set of a web page: its BOM, then `<meta charset>`, then
//! `<meta http-equiv="Content-Type" content="…; charset=…">`, decoded with encoding_rs.

use encoding_rs::{Encoding, UTF_8};

use super::decode;

/// A page's text and what decoding it involved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DecodedPage {
    pub text: String,
    /// Notices for the checker (a legacy charset, bytes that were not valid in it).
    pub notices: Vec<String>,
}

/// How far into the page the declaration is looked for (the HTML standard's prescan
/// looks at 1024 bytes; pages with long `<head>` comments put it later).
const PRESCAN_BYTES: usize = 4096;

/// Decodes a web page's bytes. A BOM wins; then the declared charset; then UTF-8.
pub fn decode_html(bytes: &[u8]) -> DecodedPage {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    let declared = if has_bom {
        None
    } else {
        declared_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)])
    };
    match declared {
        // A page cannot declare UTF-16 in its own bytes (HTML treats it as UTF-8).
        Some(encoding) if encoding != UTF_8 && !encoding.name().starts_with("UTF-16") => {
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            let mut notices = vec![format!(
                "the page declares {} and was converted",
                encoding.name()
            )];
            if had_errors {
                notices.push(format!(
                    "some bytes were not valid {} and were replaced with \u{FFFD}",
                    encoding.name()
                ));
            }
            DecodedPage {
                text: text.into_owned(),
                notices,
            }
        }
        _ => {
            let decoded = decode::decode_article(bytes);
            DecodedPage {
                text: decoded.text,
                notices: decoded
                    .warnings
                    .iter()
                    .filter(|w| !matches!(w, decode::IngestWarning::LineEndings { .. }))
                    .map(ToString::to_string)
                    .collect(),
            }
        }
    }
}

/// Like [`decode_html`], taking the bytes: a UTF-8 page without a BOM becomes its text
/// without a copy.
pub fn decode_html_owned(bytes: Vec<u8>) -> DecodedPage {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    let declared = declared_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]);
    let legacy = declared.is_some_and(|e| e != UTF_8 && !e.name().starts_with("UTF-16"));
    if has_bom || legacy {
        return decode_html(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => DecodedPage {
            text,
            notices: Vec::new(),
        },
        Err(e) => decode_html(e.as_bytes()),
    }
}

/// The charset a page declares in its first bytes: `<meta charset=…>` first, then an
/// http-equiv Content-Type. Unknown labels are ignored.
pub fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let metas: Vec<&[u8]> = tags(&lower, b"<meta").collect();
    let from_charset = metas.iter().find_map(|tag| {
        let value = attribute(tag, b"charset")?;
        Encoding::for_label(value)
    });
    from_charset.or_else(|| {
        metas.iter().find_map(|tag| {
            let equiv = attribute(tag, b"http-equiv")?;
            if equiv != b"content-type" {
                return None;
            }
            let content = attribute(tag, b"content")?;
            let at = find(content, b"charset=")? + b"charset=".len();
            let rest = &content[at..];
            let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
            let end = rest
                .iter()
                .position(|b| matches!(b, b';' | b'"' | b'\'' | b' '))
                .unwrap_or(rest.len());
            Encoding::for_label(&rest[..end])
        })
    })
}

/// The `<meta …>` tags in lower-cased bytes, each up to its `>`.
fn tags<'a>(lower: &'a [u8], open: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + find(&lower[from..], open)?;
        let end = lower[at..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| at + e);
        from = end;
        Some(&lower[at + open.len()..end])
    })
}

/// The value of attribute `name` inside a tag's bytes, unquoted.
fn attribute<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(found) = find(&tag[from..], name) {
        let at = from + found;
        from = at + name.len();
        let before_ok = at == 0 || matches!(tag[at - 1], b' ' | b'\t' | b'\n' | b'\r' | b'/');
        let rest = tag[from..].trim_ascii_start();
        if !before_ok || !rest.starts_with(b"=") {
            continue;
        }
        let value = rest[1..].trim_ascii_start();
        return Some(match value.first() {
            Some(&q @ (b'"' | b'\'')) => {
                let inner = &value[1..];
                &inner[..inner.iter().position(|&b| b == q).unwrap_or(inner.len())]
            }
            _ => {
                let end = value
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || *b == b'/')
                    .unwrap_or(value.len());
                &value[..end]
            }
        });
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `<meta charset>` names the page's encoding; Windows-1252 bytes come out right.
    #[test]
    fn meta_charset_is_used() {
        let page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xE9</title>";
        let decoded = decode_html(page);
        assert!(decoded.text.contains("Caf\u{e9}"), "{}", decoded.text);
        assert!(decoded.notices[0].contains("windows-1252"));
    }

    /// The http-equiv declaration is read when there is no `<meta charset>`.
    #[test]
    fn http_equiv_charset_is_used() {
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-2'>\
                     <p>\xB1</p>";
        assert_eq!(
            declared_charset(page).map(Encoding::name),
            Some("ISO-8859-2")
        );
        assert!(decode_html(page).text.contains('\u{105}'));
    }

    /// A BOM wins over a declaration, and UTF-8 pages pass through.
    #[test]
    fn bom_wins_and_utf8_passes() {
        let page = "\u{feff}<meta charset=windows-1252><p>Zürich</p>".as_bytes();
        let decoded = decode_html(page);
        assert!(decoded.text.contains("Zürich"));
        assert!(decoded.notices.is_empty());
        let plain = decode_html("<meta charset=utf-8><p>Zürich</p>".as_bytes());
        assert!(plain.text.contains("Zürich"));
    }

    /// An unknown or missing label falls back to UTF-8 without a panic.
    #[test]
    fn unknown_label_is_ignored() {
        assert!(declared_charset(b"<meta charset=klingon>").is_none());
        assert!(declared_charset(b"<meta charset=").is_none());
        assert!(declared_charset(b"<meta").is_none());
    }
}
