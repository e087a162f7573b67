//! `factdesk check FILE`: every problem of a verdict file, one line each.
//!
//! The store's loader ([`store::from_json`]) decides whether a file opens; it stops at the
//! first part it cannot read. The check goes on: when the loader refuses a file that is
//! still a JSON object of the right format, the parts (article, scale, each claim, each
//! source, history, view) are read one by one from the [`serde_json::Value`], every part
//! that fails is reported with where it is, and the rules are checked on the parts that
//! were read. Soft problems use the loader's own [`LoadWarning`] messages.
//!
//! Exit codes ([`CheckReport::exit_code`]): 0 clean, 1 problems, 2 unreadable (not a
//! regular file, too big, not UTF-8, empty, not JSON, not a factdesk verdict file, a newer
//! version). Unknown fields are not problems: they are kept on save. Never panics.

pub mod lint;
mod original;

use std::collections::HashSet;
use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::model::{
    Anchor, Article, Claim, ClaimId, Conflict, Label, Link, Scale, Source, Verdict,
};
use crate::store::{self, LoadError, LoadWarning, MAX_VERDICT_FILE_BYTES, SavedView};
use crate::text::{CharIndex, slice_chars};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file will not open, or opens only after something is lost or guessed.
    Error,
    /// The file opens, but something in it is off (the loader warns about it too).
    Warning,
}

/// One problem, as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and where, on one line.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{tag}: {}", self.message)
    }
}

/// Everything found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// Every problem, in file order as far as possible; empty for a clean file.
    pub problems: Vec<Problem>,
    /// False when the file could not be read as a factdesk verdict file at all (then
    /// `problems` holds the one reason).
    pub readable: bool,
}

impl CheckReport {
    /// The process exit code: 0 clean, 1 problems, 2 unreadable.
    pub fn exit_code(&self) -> i32 {
        match (self.readable, self.problems.is_empty()) {
            (false, _) => 2,
            (true, true) => 0,
            (true, false) => 1,
        }
    }

    /// A report for a file that cannot be read, with its one reason.
    fn unreadable(message: String) -> Self {
        CheckReport {
            problems: vec![error(message)],
            readable: false,
        }
    }
}

/// An error-severity problem.
fn error(message: String) -> Problem {
    Problem {
        severity: Severity::Error,
        message,
    }
}

/// A warning-severity problem.
fn warning(message: String) -> Problem {
    Problem {
        severity: Severity::Warning,
        message,
    }
}

/// Reads the file's bytes the way [`store::load`] does: directories, FIFOs and devices
/// are refused from their metadata before opening, files over the limit by their size.
fn read_verdict_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let owned = || path.to_path_buf();
    let io_error = |source: io::Error| match source.kind() {
        io::ErrorKind::NotFound => LoadError::NotFound { path: owned() },
        io::ErrorKind::PermissionDenied => LoadError::PermissionDenied { path: owned() },
        io::ErrorKind::IsADirectory => LoadError::NotARegularFile {
            path: owned(),
            what: "a directory",
        },
        _ => LoadError::Io {
            path: owned(),
            source,
        },
    };
    let refuse = |meta: &Metadata| -> Result<(), LoadError> {
        if let Some(what) = crate::store::not_regular(meta) {
            return Err(LoadError::NotARegularFile {
                path: owned(),
                what,
            });
        }
        if meta.len() > MAX_VERDICT_FILE_BYTES {
            return Err(LoadError::TooLarge {
                path: owned(),
                size: meta.len(),
                limit: MAX_VERDICT_FILE_BYTES,
            });
        }
        Ok(())
    };
    refuse(&fs::metadata(path).map_err(io_error)?)?;
    let file = File::open(path).map_err(io_error)?;
    // The path may have been swapped between the check and the open.
    let meta = file.metadata().map_err(io_error)?;
    refuse(&meta)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_VERDICT_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_VERDICT_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: owned(),
            size: bytes.len() as u64,
            limit: MAX_VERDICT_FILE_BYTES,
        });
    }
    Ok(bytes)
}

/// Checks the verdict file at `path`. File-system problems (missing, permission denied,
/// a directory or FIFO, over the size limit) make the report unreadable; the file is never
/// opened when its metadata already refuses it, so a FIFO cannot hang the check.
pub fn check_file(path: &Path) -> CheckReport {
    match read_verdict_bytes(path) {
        Ok(bytes) => check(&bytes, Some(path)),
        Err(e) => CheckReport::unreadable(e.to_string()),
    }
}

/// Checks verdict-file bytes (as read from a file). Never panics, whatever the bytes.
pub fn check_bytes(bytes: &[u8]) -> CheckReport {
    check(bytes, None)
}

/// The check; `path` only names the file in messages about the whole file.
fn check(bytes: &[u8], path: Option<&Path>) -> CheckReport {
    let whole_file = |e: LoadError| match path {
        Some(p) => e.with_path(p).to_string(),
        None => e.to_string(),
    };
    if bytes.len() as u64 > MAX_VERDICT_FILE_BYTES {
        return CheckReport::unreadable(format!(
            "the input is {} bytes, more than the {MAX_VERDICT_FILE_BYTES}-byte limit for a verdict file",
            bytes.len()
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return CheckReport::unreadable(whole_file(LoadError::NotUtf8 {
                path: None,
                offset: e.valid_up_to(),
            }));
        }
    };
    let mut problems = Vec::new();
    let mut readable = true;
    let refusal = match store::from_json(text) {
        // The loader read everything: its warnings are all there is to say.
        Ok(loaded) => {
            let mut problems: Vec<Problem> = loaded.warnings.iter().map(from_warning).collect();
            problems.extend(loaded.case.conflicts.iter().map(|c| {
                error(format!(
                    "unresolved merge conflict at {}: ours {}, theirs {}, base {} (open the file in factdesk to resolve it)",
                    c.place(&loaded.case),
                    Conflict::side(&c.ours),
                    Conflict::side(&c.theirs),
                    Conflict::side(&c.base)
                ))
            }));
            problems.extend(original::original_changed(&loaded.case.article, path).map(warning));
            return CheckReport {
                problems,
                readable: true,
            };
        }
        // Refusals about parts of the file: read it part by part below. (A version-1 file
        // whose sources cannot be upgraded is one of them: the walk reports each source.)
        Err(
            e @ (LoadError::Malformed { .. }
            | LoadError::Invalid { .. }
            | LoadError::Migration { .. }),
        ) => whole_file(e),
        // A missing or invalid version: say so, and read the rest as the current version
        // for what else is wrong; no factdesk can open it, so it is unreadable (exit 2).
        Err(e @ LoadError::BadVersion { .. }) => {
            readable = false;
            let message = whole_file(e);
            problems.push(error(message.clone()));
            message
        }
        // Empty, not JSON, not ours, newer: there is nothing more to read.
        Err(e) => return CheckReport::unreadable(whole_file(e)),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(file)) => problems.extend(walk(&file)),
        // from_json parsed this same text into an object; this cannot happen.
        _ => problems.push(error("the file could not be read a second time".into())),
    }
    // The loader refused the file, so the check must not pass it, whatever the walk found.
    if !problems.iter().any(|p| p.severity == Severity::Error) {
        problems.push(error(refusal));
    }
    CheckReport { problems, readable }
}

/// A loader warning as a check problem. The cursor is reported, not moved.
fn from_warning(w: &LoadWarning) -> Problem {
    match w {
        LoadWarning::CursorClamped { cursor, len } => warning(format!(
            "the saved cursor (character {cursor}) is past the end of the article ({len} characters)"
        )),
        other => warning(other.to_string()),
    }
}

/// A short, one-line rendering of a JSON value for messages.
fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Reads one part of the file as `T`, or records where and why it cannot be read.
fn part<T: for<'de> Deserialize<'de>>(
    v: &Value,
    location: impl FnOnce() -> String,
    out: &mut Vec<Problem>,
) -> Option<T> {
    match T::deserialize(v) {
        Ok(t) => Some(t),
        Err(e) => {
            out.push(error(format!("in {}: {e}", location())));
            None
        }
    }
}

/// The first element of a list that cannot be read as `T`, as `name[i]`.
fn first_bad<T: for<'de> Deserialize<'de>>(v: &Value, field: &str) -> Option<String> {
    let list = v.get(field)?.as_array()?;
    let i = list.iter().position(|x| T::deserialize(x).is_err())?;
    Some(format!(".{field}[{i}]"))
}

/// A required list field: its elements, or a problem when it is missing or not a list.
fn list<'v>(file: &'v Map<String, Value>, key: &str, out: &mut Vec<Problem>) -> &'v [Value] {
    match file.get(key) {
        Some(Value::Array(items)) => items,
        Some(other) => {
            out.push(error(format!(
                "in {key}: expected a list, found {}",
                short(other)
            )));
            &[]
        }
        None => &[],
    }
}

/// The parts of a file that could be read.
struct Parts {
    article: Option<Article>,
    scale: Option<Scale>,
    claims: Vec<Claim>,
    sources: Vec<Source>,
    /// Ids of every source in the file, including sources that could not be read (so
    /// links to them are not also reported as missing).
    source_ids: HashSet<String>,
    cursor: usize,
}

/// Reads the file part by part, then checks the rules on what was read.
fn walk(file: &Map<String, Value>) -> Vec<Problem> {
    let mut out = Vec::new();
    for key in ["article", "scale", "claims"] {
        if !file.contains_key(key) {
            out.push(error(format!("the file has no {key:?} field")));
        }
    }
    let article = file
        .get("article")
        .and_then(|a| part::<Article>(a, || "article".into(), &mut out));
    let scale = file.get("scale").and_then(|s| {
        part::<Scale>(
            s,
            || {
                format!(
                    "scale{}",
                    first_bad::<Label>(s, "labels").unwrap_or_default()
                )
            },
            &mut out,
        )
    });
    let claims = list(file, "claims", &mut out)
        .iter()
        .enumerate()
        .filter_map(|(i, c)| part::<Claim>(c, || claim_location(i, c), &mut out))
        .collect();
    let source_values = list(file, "sources", &mut out);
    let sources = source_values
        .iter()
        .enumerate()
        .filter_map(|(i, s)| part::<Source>(s, || source_location(i, s), &mut out))
        .collect();
    let source_ids = source_values
        .iter()
        .filter_map(|s| s.get("id")?.as_str().map(str::to_owned))
        .collect();
    if let Some(h) = file.get("history") {
        part::<Vec<Value>>(h, || "history".into(), &mut out);
    }
    let cursor = file
        .get("view")
        .and_then(|v| part::<SavedView>(v, || "view".into(), &mut out))
        .map_or(0, |v| v.cursor);
    let parts = Parts {
        article,
        scale,
        claims,
        sources,
        source_ids,
        cursor,
    };
    out.extend(rules(&parts));
    out
}

/// Where a claim that cannot be read is: `claims[i] (id "x")`, down to the anchor,
/// verdict or link at fault.
fn claim_location(i: usize, c: &Value) -> String {
    let mut at = format!("claims[{i}]");
    if let Some(id) = c.get("id").and_then(Value::as_str) {
        at.push_str(&format!(" (id {})", short(&Value::from(id))));
    }
    if let Some(inner) = first_bad::<Anchor>(c, "anchors") {
        at.push_str(&inner);
    } else if c
        .get("verdict")
        .is_some_and(|v| Verdict::deserialize(v).is_err())
    {
        at.push_str(".verdict");
    } else if let Some(inner) = first_bad::<Link>(c, "links") {
        at.push_str(&inner);
    }
    at
}

/// Where a source that cannot be read is: `sources[i] (id "x")`.
fn source_location(i: usize, s: &Value) -> String {
    match s.get("id").and_then(Value::as_str) {
        Some(id) => format!("sources[{i}] (id {})", short(&Value::from(id))),
        None => format!("sources[{i}]"),
    }
}

/// An id that is valid for claims and sources.
fn id_problem(what: &str, n: usize, id: &str) -> String {
    format!("{what} {n} has the id {id:?}, which is not 1–64 characters of a-z, 0-9, '-' and '_'")
}

/// The loader's rules on the parts that were read, with the loader's messages: ids,
/// reversed anchors and the scale (errors); the article hash, anchors outside the article
/// or no longer matching, links to missing sources, ratings not on the scale and the
/// cursor (warnings).
fn rules(parts: &Parts) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(scale) = &parts.scale
        && let Err(e) = scale.validate()
    {
        out.push(error(e.to_string()));
    }
    let mut seen = HashSet::new();
    for (i, claim) in parts.claims.iter().enumerate() {
        let id = &claim.id.0;
        if !ClaimId::is_valid(id) {
            out.push(error(id_problem("claim", i + 1, id)));
        } else if !seen.insert(id.as_str()) {
            out.push(error(format!(
                "the claim id {id:?} is used by more than one claim"
            )));
        }
        for (j, a) in claim.anchors.iter().enumerate() {
            if a.start > a.end {
                out.push(error(format!(
                    "claim {id:?}: anchor {} starts at character {} after its end {}",
                    j + 1,
                    a.start,
                    a.end
                )));
            }
        }
    }
    let mut seen = HashSet::new();
    for (i, source) in parts.sources.iter().enumerate() {
        let id = &source.id.0;
        if !ClaimId::is_valid(id) {
            out.push(error(id_problem("source", i + 1, id)));
        } else if !seen.insert(id.as_str()) {
            out.push(error(format!(
                "the source id {id:?} is used by more than one source"
            )));
        }
    }
    if let Some(article) = &parts.article
        && !article.hash_matches()
    {
        out.push(from_warning(&LoadWarning::HashMismatch {
            recorded: article.sha256.clone(),
            actual: crate::model::sha256_hex(&article.text),
        }));
    }
    let text = parts.article.as_ref().map(|a| a.text.as_str());
    let index = text.map(CharIndex::new);
    for claim in &parts.claims {
        for (j, a) in claim.anchors.iter().enumerate() {
            // Reversed anchors are errors, reported above.
            let (Some(text), Some(index)) = (text, &index) else {
                continue;
            };
            if a.start > a.end {
                continue;
            }
            let len = index.char_len();
            let w = if a.end > len {
                LoadWarning::AnchorOutOfRange {
                    claim: claim.id.clone(),
                    anchor: j,
                    end: a.end,
                    len,
                }
            } else if slice_chars(text, index, a.start, a.end) != Some(a.exact.as_str()) {
                LoadWarning::AnchorMismatch {
                    claim: claim.id.clone(),
                    anchor: j,
                    start: a.start,
                    end: a.end,
                }
            } else {
                continue;
            };
            out.push(from_warning(&w));
        }
        for link in &claim.links {
            if !parts.source_ids.contains(&link.source.0) {
                out.push(from_warning(&LoadWarning::MissingSource {
                    claim: claim.id.clone(),
                    source: link.source.clone(),
                }));
            }
        }
        if let (Some(rating), Some(scale)) = (&claim.verdict.rating, &parts.scale)
            && scale.label(rating).is_none()
        {
            out.push(from_warning(&LoadWarning::UnknownRating {
                claim: claim.id.clone(),
                rating: rating.clone(),
                scale: scale.name.clone(),
            }));
        }
    }
    if let Some(index) = &index
        && parts.cursor > index.char_len()
    {
        out.push(from_warning(&LoadWarning::CursorClamped {
            cursor: parts.cursor,
            len: index.char_len(),
        }));
    }
    out
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_lint;
