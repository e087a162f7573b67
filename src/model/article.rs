use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Extra, Metadata};

/// The text under check, verbatim, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub text: String,
    /// Hex SHA-256 of `text` as UTF-8.
    pub sha256: String,
    pub origin: Origin,
    /// What is known about the article as published (URL, outlet, authors, date, language).
    #[serde(default)]
    pub meta: Metadata,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where the article came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Origin {
    /// Path or URL the text was read from.
    pub path: Option<String>,
    pub title: Option<String>,
    /// RFC 3339 time the text was read.
    pub retrieved: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Article {
    /// An article for `text`; the hash is computed here so it always matches.
    pub fn new(text: String, origin: Origin) -> Self {
        let sha256 = sha256_hex(&text);
        Article {
            text,
            sha256,
            origin,
            meta: Metadata::default(),
            extra: Extra::new(),
        }
    }

    /// An article whose hash is computed later (see [`Article::ensure_hash`]): hashing
    /// 10 MB takes longer than showing its first screen.
    pub fn unhashed(text: String, origin: Origin) -> Self {
        Article {
            text,
            sha256: String::new(),
            origin,
            meta: Metadata::default(),
            extra: Extra::new(),
        }
    }

    /// Computes the hash if it was deferred; a no-op otherwise.
    pub fn ensure_hash(&mut self) {
        if self.sha256.is_empty() {
            self.sha256 = sha256_hex(&self.text);
        }
    }

    /// Whether `sha256` still matches `text` (a hand-edited file may break it).
    pub fn hash_matches(&self) -> bool {
        sha256_hex(&self.text) == self.sha256
    }

    /// The title to show: the origin's, else the first non-empty line of the text.
    pub fn display_title(&self) -> &str {
        if let Some(title) = self
            .origin
            .title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
        {
            return title.trim();
        }
        self.text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("(empty article)")
    }
}

/// Lower-case hex SHA-256 of a string's UTF-8 bytes: the one SHA-256 helper, as
/// `article.sha256` records it.
pub fn sha256_hex(text: &str) -> String {
    sha256_hex_bytes(text.as_bytes())
}

/// Lower-case hex SHA-256 of bytes.
pub fn sha256_hex_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex of a digest.
pub fn hex(digest: &[u8]) -> String {
    use std::fmt::Write as _;
    digest.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash is the well-known SHA-256 of "abc".
    #[test]
    fn sha256_of_abc() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    /// The title falls back to the first non-empty line.
    #[test]
    fn title_falls_back_to_first_line() {
        let a = Article::new("\n\n  Headline here \nBody.".into(), Origin::default());
        assert_eq!(a.display_title(), "Headline here");
        assert!(a.hash_matches());
    }
}
