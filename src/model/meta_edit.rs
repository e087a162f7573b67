//! Changing the article's metadata: the rules shared by `factdesk meta` and the TUI form.

use thiserror::Error;

use super::{Metadata, looks_like_url};

/// New values for some metadata fields; `None` leaves a field as it is, an empty string
/// (or an empty author list) clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetaEdit {
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub authors: Option<Vec<String>>,
    pub published: Option<String>,
    pub language: Option<String>,
}

/// A value the metadata cannot take.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum MetaError {
    #[error("the URL {0:?} is not an http:// or https:// URL")]
    Url(String),
    #[error("the date {0:?} is not YYYY-MM-DD or an RFC 3339 time (2026-03-01T09:30:00Z)")]
    Date(String),
    #[error("the language {0:?} is not a BCP 47 tag such as en, de-CH or pt-BR")]
    Language(String),
    #[error("{field} holds a control character")]
    Control { field: &'static str },
}

impl MetaEdit {
    /// Whether no field is given.
    pub fn is_empty(&self) -> bool {
        *self == MetaEdit::default()
    }

    /// Applies the edit after checking every value, marking each changed field as given
    /// by the checker in `provenance`. Returns the names of the fields that changed;
    /// nothing changes when any value is refused.
    pub fn apply(&self, meta: &mut Metadata) -> Result<Vec<&'static str>, MetaError> {
        let clean = |field: &'static str, s: &str| -> Result<Option<String>, MetaError> {
            if s.chars().any(char::is_control) {
                return Err(MetaError::Control { field });
            }
            let s = s.trim();
            Ok((!s.is_empty()).then(|| s.to_string()))
        };
        let mut next = meta.clone();
        let mut changed = Vec::new();
        if let Some(url) = &self.url {
            let url = clean("url", url)?;
            if let Some(u) = &url
                && !(looks_like_url(u) && u.contains("://"))
            {
                return Err(MetaError::Url(u.clone()));
            }
            set(&mut next.url, url, "url", &mut changed);
        }
        if let Some(outlet) = &self.outlet {
            set(
                &mut next.outlet,
                clean("outlet", outlet)?,
                "outlet",
                &mut changed,
            );
        }
        if let Some(authors) = &self.authors {
            let mut list = Vec::new();
            for a in authors {
                list.extend(clean("authors", a)?);
            }
            if next.authors != list {
                next.authors = list;
                changed.push("authors");
            }
        }
        if let Some(date) = &self.published {
            let date = clean("published", date)?;
            if let Some(d) = &date
                && !is_date_or_time(d)
            {
                return Err(MetaError::Date(d.clone()));
            }
            set(&mut next.published, date, "published", &mut changed);
        }
        if let Some(language) = &self.language {
            let language = clean("language", language)?;
            if let Some(l) = &language
                && !is_language_tag(l)
            {
                return Err(MetaError::Language(l.clone()));
            }
            set(&mut next.language, language, "language", &mut changed);
        }
        for field in &changed {
            next.provenance
                .insert((*field).to_string(), "checker".to_string());
        }
        *meta = next;
        Ok(changed)
    }
}

fn set(
    slot: &mut Option<String>,
    value: Option<String>,
    name: &'static str,
    changed: &mut Vec<&'static str>,
) {
    if *slot != value {
        *slot = value;
        changed.push(name);
    }
}

/// `YYYY-MM-DD`, or an RFC 3339 time.
pub fn is_date_or_time(s: &str) -> bool {
    (s.len() == 10 && s.parse::<jiff::civil::Date>().is_ok())
        || s.parse::<jiff::Timestamp>().is_ok()
}

/// A BCP 47 tag's shape: a 2–3 letter language, then subtags of 1–8 letters or digits.
pub fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let lang_ok = parts
        .next()
        .is_some_and(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()));
    lang_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Good values are set and marked as the checker's; an empty value clears a field; a
    /// bad value changes nothing at all.
    #[test]
    fn apply_checks_everything_first() {
        let mut meta = Metadata::default();
        let edit = MetaEdit {
            url: Some("https://news.example/a".into()),
            authors: Some(vec!["Ann Lee".into(), " ".into()]),
            published: Some("2026-03-01".into()),
            language: Some("de-CH".into()),
            ..MetaEdit::default()
        };
        assert_eq!(
            edit.apply(&mut meta).unwrap(),
            ["url", "authors", "published", "language"]
        );
        assert_eq!(meta.authors, ["Ann Lee"]);
        assert_eq!(
            meta.provenance.get("url").map(String::as_str),
            Some("checker")
        );
        let before = meta.clone();
        for bad in [
            MetaEdit {
                url: Some("ftp://x".into()),
                outlet: Some("New".into()),
                ..MetaEdit::default()
            },
            MetaEdit {
                published: Some("1 March".into()),
                ..MetaEdit::default()
            },
            MetaEdit {
                language: Some("english!".into()),
                ..MetaEdit::default()
            },
            MetaEdit {
                outlet: Some("a\u{1b}[31m".into()),
                ..MetaEdit::default()
            },
        ] {
            assert!(bad.apply(&mut meta).is_err(), "{bad:?}");
            assert_eq!(meta, before);
        }
        let clear = MetaEdit {
            language: Some(String::new()),
            ..MetaEdit::default()
        };
        assert_eq!(clear.apply(&mut meta).unwrap(), ["language"]);
        assert_eq!(meta.language, None);
    }
}
