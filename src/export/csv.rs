//! CSV: one row per claim, for spreadsheets.
//!
//! RFC 4180: records end in CRLF; a field holding a comma, a double quote, CR or LF is
//! enclosed in double quotes, with inner quotes doubled. Hidden characters are stripped;
//! line breaks inside a field are kept.
//!
//! Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and,
//! in some, tab or CR) as a formula, so a text field starting with one of those gets a
//! leading apostrophe (`'=1+1`), which spreadsheets show as text. Numeric columns the export
//! computes itself (position, rating_value, counts) are never prefixed, so a negative rating
//! value stays a number.

use super::{Rating, claimant_kind, plain, rating, stance_counts};
use crate::model::{Case, Claim, Link, SourceId};

/// How the CSV is laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// One row per link (the claim's columns repeated, then the link's) instead of one
    /// per claim.
    pub links: bool,
    /// Start with a UTF-8 byte-order mark, which Excel needs to read UTF-8. Off by
    /// default: RFC 4180 readers (pandas, csvkit, LibreOffice, R) take the first
    /// column's name with the mark otherwise.
    pub bom: bool,
}

/// The columns a `--links` row adds after the claim's.
const LINK_COLUMNS: [&str; 7] = [
    "link_stance",
    "link_source_title",
    "link_source_url",
    "link_publisher",
    "link_quote",
    "link_locator",
    "link_archive_url",
];

/// The header row's column names, in order.
const COLUMNS: [&str; 21] = [
    "number",
    "id",
    "position",
    "quote",
    "wording",
    "claimant",
    "claimant_kind",
    "claim_date",
    "status",
    "rating",
    "rating_value",
    "explanation",
    "sources",
    "supports",
    "refutes",
    "context",
    "source_titles",
    "source_urls",
    "date_published",
    "created",
    "updated",
];

/// A header row and one row per claim in article order.
///
/// `position` is the start of the claim's first anchor in characters (empty without
/// anchors); `quote` is the anchors' exact texts joined with " … "; `rating` is the label
/// (or, on a conclusion-only scale, the explanation's first line); `rating_value` is empty
/// unless the rating is a label of the scale; `sources` counts the claim's links and
/// `supports`/`refutes`/`context` count them by stance.
///
/// `claimant` is the confirmed claimant only; `claimant_kind` is `person` or
/// `organization` (the checker's choice, else detected), empty without a claimant;
/// `claim_date` is when the claim was made (else the article's date); `source_titles` and
/// `source_urls` list the claim's sources, each once, one per line; `date_published` is the
/// first ClaimReview publication.
pub fn csv(case: &Case) -> String {
    csv_with(case, CsvOptions::default())
}

/// [`csv`] with a layout: a row per link, a byte-order mark.
pub fn csv_with(case: &Case, opts: CsvOptions) -> String {
    let mut out = String::new();
    if opts.bom {
        out.push('\u{feff}');
    }
    let link_columns: &[&str] = if opts.links { &LINK_COLUMNS } else { &[] };
    push_record(
        &mut out,
        COLUMNS
            .iter()
            .chain(link_columns)
            .map(|c| Field::Number(c.to_string())),
    );
    for claim in &case.claims {
        if !opts.links {
            push_record(&mut out, row(case, claim).into_iter());
            continue;
        }
        if claim.links.is_empty() {
            let blanks = LINK_COLUMNS.iter().map(|_| Field::Number(String::new()));
            push_record(&mut out, row(case, claim).into_iter().chain(blanks));
        }
        for link in &claim.links {
            push_record(
                &mut out,
                row(case, claim).into_iter().chain(link_row(case, link)),
            );
        }
    }
    out
}

/// The link's cells of a `--links` row.
fn link_row(case: &Case, link: &Link) -> Vec<Field> {
    let source = case.source(&link.source);
    let of = |f: fn(&crate::model::Source) -> &String| {
        Field::Text(source.map(|s| f(s).clone()).unwrap_or_default())
    };
    vec![
        Field::Number(link.stance.name().to_string()),
        of(|s| &s.title),
        of(|s| &s.url),
        of(|s| &s.container_title),
        Field::Text(link.quote.clone()),
        Field::Text(link.locator.clone()),
        of(|s| &s.archive_url),
    ]
}

/// The claim's sources, each once in order of first link.
fn sources_of<'a>(case: &'a Case, claim: &Claim) -> Vec<&'a crate::model::Source> {
    let mut seen: Vec<&SourceId> = Vec::new();
    let mut out = Vec::new();
    for link in &claim.links {
        if seen.contains(&&link.source) {
            continue;
        }
        seen.push(&link.source);
        out.extend(case.source(&link.source));
    }
    out
}

/// One cell: user text (guarded and stripped) or a value the export computed.
enum Field {
    /// Text from the case.
    Text(String),
    /// A number or fixed word computed here: never guarded.
    Number(String),
}

/// The cells of one claim.
fn row(case: &Case, claim: &Claim) -> Vec<Field> {
    let position = claim
        .anchors
        .iter()
        .map(|a| a.start)
        .min()
        .map(|p| p.to_string())
        .unwrap_or_default();
    let (label, value) = match rating(&case.scale, claim) {
        Rating::Unrated => (String::new(), String::new()),
        Rating::Unknown(name) => (name.to_string(), String::new()),
        Rating::Conclusion(line) => (line, String::new()),
        Rating::Label(l) => (l.label.clone(), l.value.to_string()),
    };
    let (supports, refutes, context) = stance_counts(&claim.links);
    let kind = if claim.claimant.trim().is_empty() {
        ""
    } else {
        match claimant_kind(claim) {
            super::AuthorKind::Person => "person",
            super::AuthorKind::Organization => "organization",
        }
    };
    let claim_date = claim
        .made_on
        .clone()
        .or_else(|| case.article.meta.published.clone())
        .unwrap_or_default();
    let sources = sources_of(case, claim);
    let titles: Vec<&str> = sources.iter().map(|s| s.title.as_str()).collect();
    let urls: Vec<&str> = sources
        .iter()
        .map(|s| s.url.trim())
        .filter(|u| !u.is_empty())
        .collect();
    let published = claim.verdict.published.as_ref().map(|p| p.date.clone());
    vec![
        Field::Number(claim.number.to_string()),
        Field::Text(claim.id.0.clone()),
        Field::Number(position),
        Field::Text(claim.quote()),
        Field::Text(claim.text.clone()),
        Field::Text(claim.claimant.clone()),
        Field::Number(kind.to_string()),
        Field::Text(claim_date),
        Field::Number(claim.status.name().to_string()),
        Field::Text(label),
        Field::Number(value),
        Field::Text(claim.verdict.explanation.clone()),
        Field::Number(claim.links.len().to_string()),
        Field::Number(supports.to_string()),
        Field::Number(refutes.to_string()),
        Field::Number(context.to_string()),
        Field::Text(titles.join("\n")),
        Field::Text(urls.join("\n")),
        Field::Text(published.unwrap_or_default()),
        Field::Text(claim.created.clone()),
        Field::Text(claim.updated.clone()),
    ]
}

/// Appends one CRLF-terminated record.
fn push_record(out: &mut String, fields: impl Iterator<Item = Field>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let text = match field {
            Field::Text(t) => guard(&plain(&t)),
            Field::Number(n) => n,
        };
        out.push_str(&quote(&text));
    }
    out.push_str("\r\n");
}

/// Prefixes an apostrophe to text a spreadsheet would read as a formula.
pub(crate) fn guard(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// RFC 4180 quoting: quoted when it holds `,` `"` CR or LF, inner quotes doubled.
pub(crate) fn quote(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
