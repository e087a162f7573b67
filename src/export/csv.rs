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

use super::{Rating, plain, rating, stance_counts};
use crate::model::{Case, Claim};

/// The header row's column names, in order.
const COLUMNS: [&str; 15] = [
    "id",
    "position",
    "quote",
    "wording",
    "claimant",
    "status",
    "rating",
    "rating_value",
    "explanation",
    "sources",
    "supports",
    "refutes",
    "context",
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
pub fn csv(case: &Case) -> String {
    let mut out = String::new();
    push_record(
        &mut out,
        COLUMNS.iter().map(|c| Field::Number(c.to_string())),
    );
    for claim in &case.claims {
        push_record(&mut out, row(case, claim).into_iter());
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
    vec![
        Field::Text(claim.id.0.clone()),
        Field::Number(position),
        Field::Text(claim.quote()),
        Field::Text(claim.text.clone()),
        Field::Text(claim.claimant.clone()),
        Field::Number(claim.status.name().to_string()),
        Field::Text(label),
        Field::Number(value),
        Field::Text(claim.verdict.explanation.clone()),
        Field::Number(claim.links.len().to_string()),
        Field::Number(supports.to_string()),
        Field::Number(refutes.to_string()),
        Field::Number(context.to_string()),
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
