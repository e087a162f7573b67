//! The article's text: one copy, shared.
//!
//! An article can be 100 MB. The background indexer, the re-anchoring worker and the save
//! all need to read it while the case stays usable, so the text is shared by reference
//! count instead of copied: [`ArticleText::clone`] is a pointer copy.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Immutable text, cheap to clone. Reads as a `&str` (it derefs to one); a new text
/// replaces the old one whole.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct ArticleText(Arc<String>);

impl ArticleText {
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The text as an owned `String`: without a copy when this is the only reference.
    pub fn into_string(self) -> String {
        Arc::try_unwrap(self.0).unwrap_or_else(|shared| shared.as_str().to_owned())
    }
}

impl Deref for ArticleText {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for ArticleText {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl std::borrow::Borrow<str> for ArticleText {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl From<String> for ArticleText {
    fn from(text: String) -> Self {
        ArticleText(Arc::new(text))
    }
}

impl From<&str> for ArticleText {
    fn from(text: &str) -> Self {
        ArticleText(Arc::new(text.to_owned()))
    }
}

impl PartialEq<str> for ArticleText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ArticleText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for ArticleText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<ArticleText> for String {
    fn eq(&self, other: &ArticleText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<ArticleText> for &str {
    fn eq(&self, other: &ArticleText) -> bool {
        *self == other.as_str()
    }
}

impl fmt::Debug for ArticleText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ArticleText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ArticleText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ArticleText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(ArticleText::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clones share one buffer; the only reference gives its buffer back without a copy.
    #[test]
    fn clones_share_the_text() {
        let text = ArticleText::from("x".repeat(1000));
        let other = text.clone();
        assert!(std::ptr::eq(text.as_ptr(), other.as_ptr()));
        drop(other);
        let at = text.as_ptr();
        let owned = text.into_string();
        assert_eq!(owned.as_ptr(), at);
        let json = serde_json::to_string(&ArticleText::from("a\"b")).unwrap();
        assert_eq!(json, r#""a\"b""#);
        let back: ArticleText = serde_json::from_str(&json).unwrap();
        assert_eq!(back, "a\"b");
    }
}
