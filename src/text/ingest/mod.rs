//! Article ingest: from a file's bytes to the text a reader saw, with what the page said
//! about itself.
//!
//! - [`decode`]: bytes to text (BOMs, UTF-16, invalid UTF-8, line endings);
//! - [`charset`]: the character set a web page declares, decoded with encoding_rs;
//! - [`html`]: the main text of a web page (a readability-class extractor) and its links;
//! - [`meta`]: the page's metadata (canonical URL, title, outlet, authors, date, language);
//! - [`markdown`]: Markdown to plain text and links.
//!
//! Scraping residue is found afterwards, on the text, by [`crate::text::residue`].

pub mod charset;
pub mod decode;
pub mod html;
pub mod markdown;
pub mod meta;

#[cfg(test)]
mod tests;

use std::fmt;

use thiserror::Error;

use crate::model::{Article, ArticleLink, Metadata, Origin, Residue, sha256_hex_bytes};

/// What kind of file an article came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, kept verbatim.
    Text,
    /// A saved web page: the main text is extracted.
    Html,
    /// Markdown: the text without its markup.
    Markdown,
}

impl Format {
    /// The name recorded in the verdict file (`article.origin.format`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Markdown => "markdown",
        }
    }

    /// The format a file name's extension says, if it says one.
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "xhtml" | "shtml" | "mhtml" => Some(Format::Html),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    /// The format of a file: HTML when its first bytes look like a page (whatever the
    /// name says), else what the extension says, else text.
    pub fn detect(name: &str, bytes: &[u8]) -> Format {
        if looks_like_html(bytes) {
            return Format::Html;
        }
        Format::from_name(name).unwrap_or(Format::Text)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether bytes start like a web page: `<!doctype html`, `<html`, or `<head`/`<body`
/// near the start (after a BOM, whitespace and comments).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let start = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(lower.len());
    let rest = &lower[start..];
    rest.starts_with(b"<!doctype html")
        || rest.starts_with(b"<html")
        || (rest.starts_with(b"<")
            && [&b"<head"[..], b"<body", b"<meta charset"]
                .iter()
                .any(|tag| rest.windows(tag.len()).any(|w| w == *tag)))
}

/// An article read from a file: its text and what came with it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ingested {
    /// The article text: what anchors count in.
    pub text: String,
    /// The title the file gave, if any.
    pub title: Option<String>,
    /// Where the title came from (`og:title`, `<title>`, `first heading`).
    pub title_from: Option<&'static str>,
    /// Metadata the file gave, with provenance per field.
    pub meta: Metadata,
    /// The links in the text, in order.
    pub links: Vec<ArticleLink>,
    /// Scraping residue in the text.
    pub residue: Vec<Residue>,
    /// What had to be fixed or guessed on the way, for the checker.
    pub notices: Vec<String>,
}

/// Why a file could not be read as an article.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The HTML extractor failed on this page (it panicked or found nothing at all).
    #[error("the web page could not be read: {0}")]
    Html(String),
}

/// Reads `bytes` as an article of `format`. Residue is detected for every format.
pub fn ingest(bytes: &[u8], format: Format) -> Result<Ingested, IngestError> {
    ingest_owned(bytes.to_vec(), format).map(|(ingested, _)| ingested)
}

/// Like [`ingest`], taking the bytes so that a large file is not held twice: valid UTF-8
/// becomes the text (or the page) without a copy. Also returns the hex SHA-256 of the
/// bytes when the text is not the bytes unchanged.
pub fn ingest_owned(
    bytes: Vec<u8>,
    format: Format,
) -> Result<(Ingested, Option<String>), IngestError> {
    let mut original_sha = None;
    let mut ingested = match format {
        Format::Text => {
            let (text, warnings) = match unchanged_utf8(bytes) {
                Ok(text) => (text, Vec::new()),
                Err(bytes) => {
                    original_sha = Some(sha256_hex_bytes(&bytes));
                    let decoded = decode::decode_article(&bytes);
                    (decoded.text, decoded.warnings)
                }
            };
            Ingested {
                text,
                notices: warnings.iter().map(ToString::to_string).collect(),
                ..Ingested::default()
            }
        }
        Format::Markdown => {
            original_sha = Some(sha256_hex_bytes(&bytes));
            let decoded = decode::decode_article(&bytes);
            drop(bytes);
            let mut md = markdown::to_text(&decoded.text);
            md.notices
                .splice(0..0, decoded.warnings.iter().map(ToString::to_string));
            md
        }
        Format::Html => {
            original_sha = Some(sha256_hex_bytes(&bytes));
            let decoded = charset::decode_html_owned(bytes);
            let mut page = html::read_page(&decoded.text)?;
            drop(decoded.text);
            page.notices.splice(0..0, decoded.notices);
            page
        }
    };
    ingested.residue = crate::text::residue::detect(&ingested.text, ingested.title.as_deref());
    Ok((ingested, original_sha))
}

/// The bytes as text when decoding would change nothing (valid UTF-8, no BOM, no CR).
fn unchanged_utf8(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if bytes.starts_with(b"\xEF\xBB\xBF") || bytes.contains(&b'\r') {
        return Err(bytes);
    }
    String::from_utf8(bytes).map_err(std::string::FromUtf8Error::into_bytes)
}

/// A new article from a file's bytes: the text read as `format`, its title, metadata,
/// links and residue, and an origin naming the file, its format and (where the text is
/// not the file's bytes) the bytes' SHA-256. Notices come back for the checker.
pub fn article_from_file(
    path: &str,
    bytes: Vec<u8>,
    format: Format,
    retrieved: Option<String>,
) -> Result<(Article, Vec<String>), IngestError> {
    // A plain-text file whose bytes became the text unchanged is identified by the text's
    // own hash; anything else records the bytes' hash.
    let (ingested, sha256) = ingest_owned(bytes, format)?;
    let origin = Origin {
        path: Some(path.to_string()),
        title: ingested.title,
        retrieved,
        format: Some(format.as_str().to_string()),
        sha256,
        ..Origin::default()
    };
    let text = ingested.text;
    // A large article is hashed by the background indexer, not before the first frame.
    let mut article = if text.len() > crate::text::LAZY_INDEX_BYTES {
        Article::unhashed(text, origin)
    } else {
        Article::new(text, origin)
    };
    article.meta = ingested.meta;
    article.links = ingested.links;
    article.residue = ingested.residue;
    Ok((article, ingested.notices))
}
