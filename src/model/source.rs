use std::fmt;

use serde::{Deserialize, Serialize};

use super::Extra;

/// A source's stable id: the same alphabet as claim ids.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SourceId(pub String);

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The source types offered when adding a source; any CSL type is accepted on import.
pub const SOURCE_TYPES: [&str; 7] = [
    "webpage",
    "article-newspaper",
    "report",
    "interview",
    "dataset",
    "post",
    "other",
];

/// A person or organisation as CSL-JSON names them: family/given, or a literal name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Name {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub family: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub given: String,
    /// A name kept as written ("World Health Organization").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub literal: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Name {
    /// "Given Family", or the literal name.
    pub fn display(&self) -> String {
        if !self.literal.is_empty() {
            return self.literal.clone();
        }
        match (self.given.is_empty(), self.family.is_empty()) {
            (false, false) => format!("{} {}", self.given, self.family),
            (true, _) => self.family.clone(),
            (false, true) => self.given.clone(),
        }
    }

    /// Parses one name as typed: "Family, Given", or anything else as a literal.
    pub fn parse(s: &str) -> Option<Name> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        Some(match s.split_once(',') {
            Some((family, given)) if !family.trim().is_empty() => Name {
                family: family.trim().to_string(),
                given: given.trim().to_string(),
                ..Name::default()
            },
            _ => Name {
                literal: s.to_string(),
                ..Name::default()
            },
        })
    }

    /// The typed form [`Name::parse`] reads back: "Family, Given" or the literal.
    pub fn typed(&self) -> String {
        if !self.literal.is_empty() || self.given.is_empty() {
            return self.display();
        }
        format!("{}, {}", self.family, self.given)
    }
}

/// An item of the case's source library. Field names follow CSL-JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    /// A CSL item type: one of [`SOURCE_TYPES`] or any other CSL type kept from an import.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    #[serde(rename = "URL", default)]
    pub url: String,
    /// The publisher or site: CSL's `container-title`.
    #[serde(rename = "container-title", default)]
    pub container_title: String,
    #[serde(default)]
    pub author: Vec<Name>,
    /// When it was published: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub issued: String,
    /// When the checker read it, same form.
    #[serde(default)]
    pub accessed: String,
    /// A web archive copy (Wayback Machine, archive.today).
    #[serde(default)]
    pub archive_url: String,
    #[serde(default)]
    pub note: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Source {
    /// A new source of `kind` with a title and URL, accessed on `today` (`YYYY-MM-DD`).
    pub fn new(id: SourceId, title: &str, url: &str, today: &str) -> Source {
        Source {
            id,
            kind: "webpage".into(),
            title: title.to_string(),
            url: url.to_string(),
            container_title: String::new(),
            author: Vec::new(),
            issued: String::new(),
            accessed: today.to_string(),
            archive_url: String::new(),
            note: String::new(),
            extra: Extra::new(),
        }
    }

    /// What the fuzzy picker matches against and shows: title, publisher and URL, the empty
    /// ones left out.
    pub fn haystack(&self) -> String {
        [&self.title, &self.container_title, &self.url]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// Who published it: CSL's `publisher` (kept from an import), else the site or
    /// journal it appeared in (`container-title`).
    pub fn publisher(&self) -> String {
        let own = self
            .extra
            .get("custom")
            .and_then(|c| c.get("publisher"))
            .or(self.extra.get("publisher"))
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|p| !p.is_empty());
        own.unwrap_or(self.container_title.trim()).to_string()
    }

    /// Authors as typed in the editor: "Family, Given; Literal Name".
    pub fn authors_typed(&self) -> String {
        self.author
            .iter()
            .map(Name::typed)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// How a source bears on a claim.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    #[default]
    Supports,
    Refutes,
    Context,
}

impl Stance {
    pub fn name(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Refutes => "refutes",
            Stance::Context => "context",
        }
    }
}

/// Evidence: a claim's link to a source, with the quote that matters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub source: SourceId,
    #[serde(default)]
    pub stance: Stance,
    /// The exact words of the source that bear on the claim.
    #[serde(default)]
    pub quote: String,
    /// Page, paragraph or timestamp.
    #[serde(default)]
    pub locator: String,
    /// The question this evidence answers (AVeriTeC style).
    #[serde(default)]
    pub question: String,
    #[serde(default)]
    pub note: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Link {
    pub fn new(source: SourceId) -> Link {
        Link {
            source,
            stance: Stance::Supports,
            quote: String::new(),
            locator: String::new(),
            question: String::new(),
            note: String::new(),
            extra: Extra::new(),
        }
    }
}

/// Whether typed text looks like a URL (so a new source takes it as its URL).
pub fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    !s.contains(char::is_whitespace)
        && (s.starts_with("http://")
            || s.starts_with("https://")
            || (s.starts_with("www.") && s.len() > 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names parse from "Family, Given" and otherwise stay literal; typing round-trips.
    #[test]
    fn names() {
        let n = Name::parse("Bremmer, Ian").unwrap();
        assert_eq!((n.family.as_str(), n.given.as_str()), ("Bremmer", "Ian"));
        assert_eq!(n.display(), "Ian Bremmer");
        assert_eq!(Name::parse(&n.typed()), Some(n));
        let org = Name::parse("Eurasia Group").unwrap();
        assert_eq!(org.literal, "Eurasia Group");
        assert_eq!(Name::parse("  "), None);
    }

    /// URLs are recognised by scheme or www., never when they contain spaces.
    #[test]
    fn url_detection() {
        assert!(looks_like_url("https://www.reuters.com/x"));
        assert!(looks_like_url("www.ft.com"));
        assert!(!looks_like_url("Reuters fact check"));
        assert!(!looks_like_url("https://a b"));
    }
}
