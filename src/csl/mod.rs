//! CSL-JSON import and export of the source library.
//!
//! [`import()`] reads CSL-JSON as Zotero, Better BibTeX and Pandoc write it, leniently: what it
//! cannot map to a [`Source`](crate::model::Source) field it keeps under
//! `extra["custom"]`, and everything it had to guess or skip is reported as a warning.
//! [`export()`] writes items that validate against the official CSL-JSON schema, putting CSL
//! properties kept in `custom` back at the top level, so a round trip through a reference
//! manager loses nothing. Both are pure: no file I/O.

mod dates;
mod export;
mod fields;
mod generate;
mod import;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_export;
#[cfg(test)]
mod tests_ids;

use serde_json::Value;

pub use export::export;
pub use generate::generate_library;
pub use import::{Imported, import};

/// Why a text could not be read as CSL-JSON at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CslError {
    /// The text is not JSON.
    #[error("not valid JSON (line {line}, column {column}): {msg}")]
    Syntax {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the JSON parser expected.
        msg: String,
    },
    /// The text is JSON but not a CSL-JSON item list.
    #[error("not CSL-JSON: {0}")]
    NotCsl(String),
}

/// The JSON shape a CSL item property's value must have to validate against the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A string.
    Str,
    /// A string or a number.
    StrNum,
    /// An array of strings.
    StrList,
    /// An array of name objects.
    Names,
    /// A date object.
    Date,
    /// Any object (`custom`).
    Object,
}

/// Every property of a CSL item (CSL-JSON schema v1.0, `csl-data.json`) with its value shape.
pub(crate) const CSL_PROPERTIES: &[(&str, Kind)] = {
    use Kind::*;
    &[
        ("type", Str),
        ("id", StrNum),
        ("citation-key", Str),
        ("categories", StrList),
        ("language", Str),
        ("journalAbbreviation", Str),
        ("shortTitle", Str),
        ("author", Names),
        ("chair", Names),
        ("collection-editor", Names),
        ("compiler", Names),
        ("composer", Names),
        ("container-author", Names),
        ("contributor", Names),
        ("curator", Names),
        ("director", Names),
        ("editor", Names),
        ("editorial-director", Names),
        ("executive-producer", Names),
        ("guest", Names),
        ("host", Names),
        ("interviewer", Names),
        ("illustrator", Names),
        ("narrator", Names),
        ("organizer", Names),
        ("original-author", Names),
        ("performer", Names),
        ("producer", Names),
        ("recipient", Names),
        ("reviewed-author", Names),
        ("script-writer", Names),
        ("series-creator", Names),
        ("translator", Names),
        ("accessed", Date),
        ("available-date", Date),
        ("event-date", Date),
        ("issued", Date),
        ("original-date", Date),
        ("submitted", Date),
        ("abstract", Str),
        ("annote", Str),
        ("archive", Str),
        ("archive_collection", Str),
        ("archive_location", Str),
        ("archive-place", Str),
        ("authority", Str),
        ("call-number", Str),
        ("chapter-number", StrNum),
        ("citation-number", StrNum),
        ("citation-label", Str),
        ("collection-number", StrNum),
        ("collection-title", Str),
        ("container-title", Str),
        ("container-title-short", Str),
        ("dimensions", Str),
        ("division", Str),
        ("DOI", Str),
        ("edition", StrNum),
        ("event", Str),
        ("event-title", Str),
        ("event-place", Str),
        ("first-reference-note-number", StrNum),
        ("genre", Str),
        ("ISBN", Str),
        ("ISSN", Str),
        ("issue", StrNum),
        ("jurisdiction", Str),
        ("keyword", Str),
        ("locator", StrNum),
        ("medium", Str),
        ("note", Str),
        ("number", StrNum),
        ("number-of-pages", StrNum),
        ("number-of-volumes", StrNum),
        ("original-publisher", Str),
        ("original-publisher-place", Str),
        ("original-title", Str),
        ("page", StrNum),
        ("page-first", StrNum),
        ("part", StrNum),
        ("part-title", Str),
        ("PMCID", Str),
        ("PMID", Str),
        ("printing", StrNum),
        ("publisher", Str),
        ("publisher-place", Str),
        ("references", Str),
        ("reviewed-genre", Str),
        ("reviewed-title", Str),
        ("scale", Str),
        ("section", Str),
        ("source", Str),
        ("status", Str),
        ("supplement", StrNum),
        ("title", Str),
        ("title-short", Str),
        ("URL", Str),
        ("version", Str),
        ("volume", StrNum),
        ("volume-title", Str),
        ("volume-title-short", Str),
        ("year-suffix", Str),
        ("custom", Object),
    ]
};

/// The CSL item types of the schema's `type` enum.
pub(crate) const CSL_TYPES: &[&str] = &[
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
];

/// Name-object properties: `true` for the string-only ones, `false` for string/number/bool.
pub(crate) const NAME_PROPERTIES: &[(&str, bool)] = &[
    ("family", true),
    ("given", true),
    ("dropping-particle", true),
    ("non-dropping-particle", true),
    ("suffix", true),
    ("comma-suffix", false),
    ("static-ordering", false),
    ("literal", true),
    ("parse-names", false),
];

/// The key in `custom` that keeps an item's original CSL id when it got a fresh one.
pub(crate) const CSL_ID_KEY: &str = "csl-id";
/// The key in `custom` that keeps a non-CSL source type exported as `document`.
pub(crate) const TYPE_KEY: &str = "factdesk-type";
/// The key in `custom` that keeps the archive copy's URL.
pub(crate) const ARCHIVE_KEY: &str = "archive_url";

/// The value shape a CSL item property must have, or `None` when it is not one.
pub(crate) fn property_kind(key: &str) -> Option<Kind> {
    CSL_PROPERTIES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, kind)| *kind)
}

/// Whether `value` has the shape the CSL schema requires for a property of `kind`.
pub(crate) fn fits(kind: Kind, value: &Value) -> bool {
    match kind {
        Kind::Str => value.is_string(),
        Kind::StrNum => value.is_string() || value.is_number(),
        Kind::StrList => value
            .as_array()
            .is_some_and(|a| a.iter().all(Value::is_string)),
        Kind::Names => value.as_array().is_some_and(|a| a.iter().all(is_csl_name)),
        Kind::Date => dates::is_csl_date(value),
        Kind::Object => value.is_object(),
    }
}

/// Whether one `(key, value)` pair is allowed in a CSL name object.
pub(crate) fn is_name_property(key: &str, value: &Value) -> bool {
    NAME_PROPERTIES.iter().any(|(k, string_only)| {
        *k == key
            && (value.is_string() || (!string_only && (value.is_number() || value.is_boolean())))
    })
}

/// Whether `value` is a name object the CSL schema accepts.
fn is_csl_name(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|o| o.iter().all(|(k, v)| is_name_property(k, v)))
}
