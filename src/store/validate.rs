//! The rules a loaded case must follow (hard problems refuse the file) and the oddities it
//! may have (warnings; the file still opens). Orphan anchors are reported, never moved.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::LoadWarning;
use crate::model::{Anchor, Case, ClaimId};
use crate::text::{CharIndex, slice_chars};

/// Char offsets of a text resolved to byte offsets through the shared [`CharIndex`]
/// (checkpoints, not one entry per char: cheap on a 10 MB article).
pub(super) struct CharBounds(CharIndex);

impl CharBounds {
    /// Indexes `text`.
    pub(super) fn new(text: &str) -> Self {
        CharBounds(CharIndex::new(text))
    }

    /// Characters in the text.
    pub(super) fn char_len(&self) -> usize {
        self.0.char_len()
    }

    /// The text between char offsets `start` and `end`, if both are in range and ordered.
    pub(super) fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> Option<&'t str> {
        if start > end {
            return None;
        }
        slice_chars(text, &self.0, start, end)
    }
}

/// Whether an anchor is an orphan: out of the text, reversed, or its `exact` text differs.
fn is_orphan(text: &str, bounds: &CharBounds, anchor: &Anchor) -> bool {
    bounds.slice(text, anchor.start, anchor.end) != Some(anchor.exact.as_str())
}

/// Every anchor whose `exact` text is no longer at its position (or is out of the text), as
/// `(claim id, anchor index)`, in claim order. Orphans stay in the case as loaded.
pub fn orphans(case: &Case) -> Vec<(ClaimId, usize)> {
    let text = &case.article.text;
    let bounds = CharBounds::new(text);
    case.claims
        .iter()
        .flat_map(|c| {
            c.anchors
                .iter()
                .enumerate()
                .filter(|(_, a)| is_orphan(text, &bounds, a))
                .map(|(i, _)| (c.id.clone(), i))
        })
        .collect()
}

/// Problems that make a case unusable: bad or duplicate claim ids, reversed anchors, an
/// invalid scale. One line each; empty means the case is sound.
pub(super) fn hard_problems(case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    if let Err(e) = case.scale.validate() {
        problems.push(e.to_string());
    }
    let mut seen = HashSet::with_capacity(case.claims.len());
    let mut numbers = HashSet::with_capacity(case.claims.len());
    for (i, claim) in case.claims.iter().enumerate() {
        let id = &claim.id.0;
        if claim.number != 0 && !numbers.insert(claim.number) {
            problems.push(format!(
                "the claim number C{} is used by more than one claim",
                claim.number
            ));
        }
        if !ClaimId::is_valid(id) {
            problems.push(format!(
                "claim {} has the id {id:?}, which is not 1–64 characters of a-z, 0-9, '-' and '_'",
                i + 1
            ));
        } else if !seen.insert(id.as_str()) {
            problems.push(format!(
                "the claim id {id:?} is used by more than one claim"
            ));
        }
        for (j, a) in claim.anchors.iter().enumerate() {
            if a.start > a.end {
                problems.push(format!(
                    "claim {id:?}: anchor {} starts at character {} after its end {}",
                    j + 1,
                    a.start,
                    a.end
                ));
            }
        }
    }
    let mut seen_sources = HashSet::with_capacity(case.sources.len());
    for (i, source) in case.sources.iter().enumerate() {
        let id = &source.id.0;
        if !ClaimId::is_valid(id) {
            problems.push(format!(
                "source {} has the id {id:?}, which is not 1–64 characters of a-z, 0-9, '-' and '_'",
                i + 1
            ));
        } else if !seen_sources.insert(id.as_str()) {
            problems.push(format!(
                "the source id {id:?} is used by more than one source"
            ));
        }
    }
    problems
}

/// Oddities that do not stop the file opening. `cursor` is the saved view's cursor; the
/// caller clamps it when a [`LoadWarning::CursorClamped`] is returned.
pub(super) fn warnings(case: &Case, cursor: usize) -> Vec<LoadWarning> {
    // A long text is hashed on another thread while its anchors are checked.
    let (hash_matches, mut out) = if case.article.text.len() > PARALLEL_HASH_BYTES {
        std::thread::scope(|scope| {
            let hashing = std::thread::Builder::new()
                .name("load-hash".into())
                .spawn_scoped(scope, || case.article.hash_matches());
            let out = anchor_warnings(case, cursor);
            let matches = match hashing {
                Ok(handle) => match handle.join() {
                    Ok(matches) => matches,
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                Err(_) => case.article.hash_matches(),
            };
            (matches, out)
        })
    } else {
        (case.article.hash_matches(), anchor_warnings(case, cursor))
    };
    if !hash_matches {
        out.insert(
            0,
            LoadWarning::HashMismatch {
                recorded: case.article.sha256.clone(),
                actual: crate::model::sha256_hex(&case.article.text),
            },
        );
    }
    out
}

/// Texts longer than this are hashed beside the anchor checks.
const PARALLEL_HASH_BYTES: usize = 1 << 20;

/// [`warnings`] other than the hash's.
fn anchor_warnings(case: &Case, cursor: usize) -> Vec<LoadWarning> {
    let mut out = Vec::new();
    let text = &case.article.text;
    let bounds = CharBounds::new(text);
    let len = bounds.char_len();
    let sources: HashSet<&str> = case.sources.iter().map(|s| s.id.0.as_str()).collect();
    for claim in &case.claims {
        for (i, a) in claim.anchors.iter().enumerate() {
            if a.end > len {
                out.push(LoadWarning::AnchorOutOfRange {
                    claim: claim.id.clone(),
                    anchor: i,
                    end: a.end,
                    len,
                });
            } else if is_orphan(text, &bounds, a) {
                out.push(LoadWarning::AnchorMismatch {
                    claim: claim.id.clone(),
                    anchor: i,
                    start: a.start,
                    end: a.end,
                });
            }
        }
        for link in &claim.links {
            if !sources.contains(link.source.0.as_str()) {
                out.push(LoadWarning::MissingSource {
                    claim: claim.id.clone(),
                    source: link.source.clone(),
                });
            }
        }
        if let Some(rating) = &claim.verdict.rating
            && case.scale.label(rating).is_none()
        {
            out.push(LoadWarning::UnknownRating {
                claim: claim.id.clone(),
                rating: rating.clone(),
                scale: case.scale.name.clone(),
            });
        }
    }
    if cursor > len {
        out.push(LoadWarning::CursorClamped { cursor, len });
    }
    out
}

/// Known field names of each serialised struct; an `extra` key equal to one of these would
/// write the field twice.
const KNOWN: &[(&str, &[&str])] = &[
    ("the file", super::format::TOP_LEVEL_FIELDS),
    ("article", &["text", "sha256", "origin"]),
    ("article.origin", &["path", "title", "retrieved"]),
    ("scale", &["name", "labels"]),
    (
        "scale label",
        &["label", "key", "value", "colour", "description"],
    ),
    (
        "claim",
        &[
            "id", "anchors", "text", "claimant", "status", "verdict", "links", "created", "updated",
        ],
    ),
    (
        "link",
        &["source", "stance", "quote", "locator", "question", "note"],
    ),
    (
        "source",
        &[
            "id",
            "type",
            "title",
            "URL",
            "container-title",
            "author",
            "issued",
            "accessed",
            "archive_url",
            "note",
        ],
    ),
    ("name", &["family", "given", "literal"]),
    ("anchor", &["start", "end", "exact", "prefix", "suffix"]),
    ("verdict", &["rating", "explanation", "rated_at"]),
    ("view", &["cursor", "focus", "claim"]),
];

/// Extra fields that would collide with a known field of their struct.
fn collisions(problems: &mut Vec<String>, what: &str, extra: &Map<String, Value>) {
    let known = KNOWN
        .iter()
        .find(|(w, _)| *w == what)
        .map_or(&[][..], |(_, k)| *k);
    for key in extra.keys().filter(|k| known.contains(&k.as_str())) {
        problems.push(format!(
            "{what} has an extra field {key:?} that clashes with a known field"
        ));
    }
}

/// Everything that would stop a saved case loading back identically: the hard problems,
/// a cursor past the end of the article, extra fields that clash with known ones.
pub(super) fn save_problems(
    case: &Case,
    cursor: usize,
    view_extra: &Map<String, Value>,
    extra: &Map<String, Value>,
) -> Vec<String> {
    let mut problems = hard_problems(case);
    for claim in case.claims.iter().filter(|c| c.number == 0) {
        problems.push(format!("claim {:?} has no claim number", claim.id.0));
    }
    let len = case.article.text.chars().count();
    if cursor > len {
        problems.push(format!(
            "the cursor (character {cursor}) is past the end of the article ({len} characters)"
        ));
    }
    collisions(&mut problems, "the file", extra);
    collisions(&mut problems, "view", view_extra);
    collisions(&mut problems, "article", &case.article.extra);
    collisions(&mut problems, "article.origin", &case.article.origin.extra);
    collisions(&mut problems, "scale", &case.scale.extra);
    for label in &case.scale.labels {
        collisions(&mut problems, "scale label", &label.extra);
    }
    for claim in &case.claims {
        collisions(&mut problems, "claim", &claim.extra);
        collisions(&mut problems, "verdict", &claim.verdict.extra);
        for anchor in &claim.anchors {
            collisions(&mut problems, "anchor", &anchor.extra);
        }
        for link in &claim.links {
            collisions(&mut problems, "link", &link.extra);
        }
    }
    for source in &case.sources {
        collisions(&mut problems, "source", &source.extra);
        for name in &source.author {
            collisions(&mut problems, "name", &name.extra);
        }
    }
    problems
}
