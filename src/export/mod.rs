//! Publishing a case: schema.org `ClaimReview` JSON-LD, a Markdown report, CSV.
//!
//! Pure functions from `&Case` to text; the caller reads files, supplies today's date and the
//! configured author and base URL, and writes the result. Text from the case is cleaned of
//! hidden characters (controls, bidi overrides, zero-width characters) before it is
//! published: stripped in JSON-LD and CSV, shown as visible markers in Markdown.

mod claimreview;
mod csv;
mod markdown;
mod markdown_rich;
mod published;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_hostile;
#[cfg(test)]
mod tests_publish_hostile;
#[cfg(test)]
mod tests_schemaorg;
#[cfg(test)]
mod tests_text;

pub use claimreview::{
    claimant_kind, claimreview, html_blocks, looks_like_organization, publishable_problems,
};
pub use csv::{CsvOptions, csv, csv_with};
pub use markdown::{ReportOptions, markdown, markdown_with};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{Case, Claim, ClaimId, Label, Link, Published, Scale, Stance};
use crate::text::sanitize::{Glyph, glyph_at};

/// The config key holding the publication URL pattern.
pub const BASE_URL_KEY: &str = "publication.base_url";
/// The config keys holding the fact-checker's name and kind.
pub const AUTHOR_KEYS: &str = "publication.author.name and publication.author.kind";

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// schema.org ClaimReview JSON-LD, one per rated claim.
    Claimreview,
    /// A report for the editor.
    Markdown,
    /// One row per claim.
    Csv,
}

impl Format {
    /// The file extension of an export in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Claimreview => "jsonld",
            Format::Markdown => "md",
            Format::Csv => "csv",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Claimreview => "ClaimReview",
            Format::Markdown => "Markdown",
            Format::Csv => "CSV",
        }
    }
}

/// What the ClaimReview export needs beyond the case; filled from the command line and config.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExportOptions {
    /// Where the fact-check is published. `{id}` in it is replaced by the claim id;
    /// without `{id}`, `#<id>` is appended as a fragment.
    pub base_url: Option<String>,
    /// Who publishes the fact-check.
    pub author: Option<Author>,
    /// `YYYY-MM-DD` (`--date`): every review's `datePublished` in this export, overriding
    /// the stored first-publication dates; nothing is stored.
    pub date_published: Option<String>,
    /// `YYYY-MM-DD`: the `datePublished` of a review published for the first time now
    /// (then recorded in [`Exported::published`]). `None` leaves it out.
    pub today: Option<String>,
}

/// The fact-checker: `author` of every ClaimReview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// As published: "Daily Tidings Fact Check".
    pub name: String,
    /// Organization (the default) or Person.
    #[serde(default)]
    pub kind: AuthorKind,
    /// The organisation's home page.
    #[serde(default)]
    pub url: Option<String>,
    /// Profiles elsewhere (Wikidata, social media): schema.org `sameAs`.
    #[serde(default)]
    pub same_as: Vec<String>,
    /// The logo's URL.
    #[serde(default)]
    pub logo: Option<String>,
}

/// The schema.org type of an author.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum AuthorKind {
    /// A newsroom or fact-checking organisation.
    #[default]
    Organization,
    /// A single checker publishing under their own name.
    Person,
}

impl AuthorKind {
    /// The schema.org type name.
    pub fn schema_type(self) -> &'static str {
        match self {
            AuthorKind::Organization => "Organization",
            AuthorKind::Person => "Person",
        }
    }
}

/// An export's text and the claims it left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Exported {
    /// The document, ending in a newline.
    pub text: String,
    /// One line per claim not exported, naming it and saying why.
    pub skipped: Vec<String>,
    /// Reviews published for the first time by this export: to record in the verdict file
    /// ([`record_published`]) so later exports keep their date.
    pub published: Vec<(ClaimId, Published)>,
    /// One document per exported claim (number, text): for `--per-claim`.
    pub each: Vec<(u32, String)>,
}

/// Records first publications in the case: each claim's `verdict.published`, unless it
/// has one already.
pub fn record_published(case: &mut Case, published: &[(ClaimId, Published)]) -> usize {
    let mut recorded = 0;
    for (id, first) in published {
        if let Some(claim) = case.claim_mut(id)
            && claim.verdict.published.is_none()
        {
            claim.verdict.published = Some(first.clone());
            recorded += 1;
        }
    }
    recorded
}

/// Why an export could not be made at all.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ExportError {
    /// No publication URL.
    #[error(
        "no publication URL for the ClaimReviews: give --base-url URL on the command line, or \
         set {BASE_URL_KEY} in the config file (factdesk config --path shows where)"
    )]
    NoBaseUrl,
    /// The publication URL is not usable.
    #[error("the publication URL {url:?} {reason}")]
    BadBaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong, as the end of a sentence.
        reason: String,
    },
    /// No fact-checker to name as author.
    #[error(
        "no author for the ClaimReviews: set {AUTHOR_KEYS} (Organization or Person) in the \
         config file (factdesk config --path shows where)"
    )]
    NoAuthor,
    /// The publication date is not `YYYY-MM-DD`.
    #[error("the publication date {0:?} is not a date of the form YYYY-MM-DD")]
    BadDate(String),
    /// The JSON could not be written.
    #[error("cannot write the JSON: {0}")]
    Json(String),
}

/// JSON text (as serde_json writes it) made safe to embed in an HTML `<script>` element
/// and to show in a terminal: `<`, `>`, `&`, controls, bidi controls and U+2028/U+2029
/// inside strings become `\uXXXX` escapes. The value is unchanged.
pub fn html_safe_json(json: &str) -> String {
    crate::store::safe_json::escape_json_text(json, crate::store::safe_json::Escape::Html)
}

/// What a claim's verdict amounts to on the case's scale.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Rating<'a> {
    /// No rating yet (or, on a conclusion-only scale, no written conclusion).
    Unrated,
    /// A label of the scale.
    Label(&'a Label),
    /// A rating that is not a label of the scale (a hand-edited file, a changed scale).
    Unknown(&'a str),
    /// On a conclusion-only scale: the first line of the explanation, cleaned.
    Conclusion(String),
}

/// The verdict of `claim` on `scale`.
pub(crate) fn rating<'a>(scale: &'a Scale, claim: &'a Claim) -> Rating<'a> {
    if scale.is_conclusion_only() {
        return match first_line(&claim.verdict.explanation) {
            Some(line) => Rating::Conclusion(line),
            None => Rating::Unrated,
        };
    }
    match claim.verdict.rating.as_deref() {
        None => Rating::Unrated,
        Some(name) => scale
            .label(name)
            .map_or(Rating::Unknown(name), Rating::Label),
    }
}

/// The first non-blank line of `s`, hidden characters stripped and spaces collapsed.
pub(crate) fn first_line(s: &str) -> Option<String> {
    s.lines().map(plain_line).find(|l| !l.is_empty())
}

/// `s` with hidden characters removed (zero-width joiners inside emoji and Indic or Arabic
/// words are kept), tabs as spaces and line breaks kept as `\n`; trimmed.
pub(crate) fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match glyph_at(s, i) {
            Some(Glyph::Plain(_)) => out.push(c),
            Some(Glyph::Tab) => out.push(' '),
            Some(Glyph::Newline) => out.push('\n'),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// `s` as one line: [`plain`] with every run of whitespace (line breaks too) as one space.
pub(crate) fn plain_line(s: &str) -> String {
    plain(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Links of each stance: (supports, refutes, context).
pub(crate) fn stance_counts(links: &[Link]) -> (usize, usize, usize) {
    let count = |s: Stance| links.iter().filter(|l| l.stance == s).count();
    (
        count(Stance::Supports),
        count(Stance::Refutes),
        count(Stance::Context),
    )
}

/// The case's title for reports: the origin's, else the article's first line.
pub(crate) fn title(case: &Case) -> String {
    plain_line(case.article.display_title())
}

/// Whether `s` is an `http(s)://` URL without whitespace or characters that would end a
/// Markdown link destination.
/// An `http(s)` URL as published: trimmed, with every control, bidi, zero-width or
/// space character (and `<`, `>`, `"`, `\\`, `` ` ``) percent-encoded, so a URL from an
/// imported library cannot carry hidden text into a page, a report or a spreadsheet.
/// `None` when it is not a web URL.
pub(crate) fn web_url(s: &str) -> Option<String> {
    let s = s.trim();
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &s[8..]
    } else if lower.starts_with("http://") {
        &s[7..]
    } else {
        return None;
    };
    if rest.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let encode = c.is_whitespace()
            || c.is_control()
            || crate::text::hidden_kind(c).is_some()
            || matches!(c, '<' | '>' | '"' | '\\' | '`');
        if encode {
            for b in c.encode_utf8(&mut [0; 4]).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

pub fn is_web_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty())
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
}
