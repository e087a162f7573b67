//! Merging whole verdict files (what `factdesk merge` and git's merge driver run), and
//! resolving a conflict left in a case.
//!
//! Each side is loaded (any version, migrated and validated), written back as the current
//! version's JSON, merged by [`merge_values`], and the result loaded again, so what comes
//! out is a case that opens. Around the merge: the saved view is ours; claims that both
//! sides numbered alike are renumbered; a source one side deleted while the other linked
//! it is kept, as a conflict.

use std::collections::{BTreeMap, HashSet};

use serde_json::{Value, json};
use thiserror::Error;

pub(super) use super::merge::Walk;
use super::merge::{item_keys, keying, merge_values};
use super::{LoadError, LoadWarning, from_json, to_json};
use crate::model::{Case, Conflict};

/// Why two verdict files were not merged.
#[derive(Debug, Error)]
pub enum MergeError {
    /// One of the three files cannot be read as a verdict file.
    #[error("cannot read {side}: {source}")]
    Load {
        /// "the base", "ours" or "theirs".
        side: &'static str,
        #[source]
        source: LoadError,
    },
    /// The sides check different article texts.
    #[error(
        "the two sides check different versions of the article (sha256 {ours} here, {theirs} \
         on the other side): re-anchor one side to the other's article first, then merge again"
    )]
    ArticleDiffers {
        /// Our article's hash (the first 12 hex digits).
        ours: String,
        /// Theirs.
        theirs: String,
    },
    /// The merge produced something that does not load: a bug, never a half-merge written.
    #[error("the merged case would not load back: {0}")]
    Internal(String),
}

/// A finished merge.
#[derive(Debug, Clone, PartialEq)]
pub struct FileMerge {
    /// The merged verdict file, canonical (as factdesk saves it).
    pub json: String,
    /// Every unresolved conflict in it (new ones and any left from earlier merges).
    pub conflicts: Vec<Conflict>,
    /// Claims given a new number: (id, number before, number after).
    pub renumbered: Vec<(String, u32, u32)>,
    /// What the merged file warns about when it is opened (e.g. a link to a missing source).
    pub warnings: Vec<LoadWarning>,
}

/// A side as the current version's JSON, with its case.
fn canonical(side: &'static str, json: &str) -> Result<(Case, Value), MergeError> {
    let loaded = from_json(json).map_err(|source| MergeError::Load { side, source })?;
    let value = super::format::to_value(&loaded.case, &loaded.view, &loaded.extra)
        .map_err(|e| MergeError::Internal(format!("{side} cannot be written back: {e}")))?;
    Ok((loaded.case, value))
}

/// Merges verdict files `ours` and `theirs` with their common ancestor `base` (empty: none,
/// as git passes for two files added apart). `now` stamps the history entries the merge
/// adds.
pub fn merge_files(
    base: &str,
    ours: &str,
    theirs: &str,
    now: &str,
) -> Result<FileMerge, MergeError> {
    let base = match base.trim().is_empty() {
        true => None,
        false => Some(canonical("the base", base)?),
    };
    let (our_case, ours) = canonical("ours", ours)?;
    let (their_case, mut theirs) = canonical("theirs", theirs)?;
    if our_case.article.text != their_case.article.text {
        let short = |case: &Case| case.article.sha256.chars().take(12).collect::<String>();
        return Err(MergeError::ArticleDiffers {
            ours: short(&our_case),
            theirs: short(&their_case),
        });
    }
    let mut base = base.map(|(_, v)| v);
    // The saved view (cursor) is ours alone: never a conflict.
    let view = ours.get("view").cloned().unwrap_or(Value::Null);
    for side in [Some(&mut theirs), base.as_mut()].into_iter().flatten() {
        side["view"] = view.clone();
    }
    let merged = merge_values(base.as_ref(), &ours, &theirs);
    let mut value = merged.value;
    let mut conflicts = merged.conflicts;
    conflicts.extend(keep_linked_sources(
        &mut value,
        base.as_ref(),
        &ours,
        &theirs,
    ));
    let renumbered = renumber(&mut value, base.as_ref(), now);
    if let Some(obj) = value.as_object_mut() {
        let mut all: Vec<Value> = match obj.remove("conflicts") {
            Some(Value::Array(earlier)) => earlier,
            _ => Vec::new(),
        };
        for c in &conflicts {
            let c = serde_json::to_value(c).map_err(|e| MergeError::Internal(e.to_string()))?;
            if !all.contains(&c) {
                all.push(c);
            }
        }
        if !all.is_empty() {
            obj.insert("conflicts".into(), Value::Array(all));
        }
    }
    let text = serde_json::to_string(&value).map_err(|e| MergeError::Internal(e.to_string()))?;
    let mut loaded = from_json(&text).map_err(|e| MergeError::Internal(e.to_string()))?;
    loaded.case.sort_claims();
    let json = to_json(&loaded.case, &loaded.view, &loaded.extra)
        .map_err(|e| MergeError::Internal(e.to_string()))?;
    Ok(FileMerge {
        json,
        conflicts: loaded.case.conflicts,
        renumbered,
        warnings: loaded.warnings,
    })
}

/// The ids of a list's items that have one.
fn ids(list: Option<&Value>) -> impl Iterator<Item = &str> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|item| item.get("id")?.as_str())
}

fn find_by_id<'v>(file: Option<&'v Value>, list: &str, id: &str) -> Option<&'v Value> {
    file?
        .get(list)?
        .as_array()?
        .iter()
        .find(|item| item.get("id").and_then(Value::as_str) == Some(id))
}

/// A source deleted on one side and linked on the other comes back, as a conflict at the
/// source (the case keeps it, so no link points nowhere).
fn keep_linked_sources(
    merged: &mut Value,
    base: Option<&Value>,
    ours: &Value,
    theirs: &Value,
) -> Vec<Conflict> {
    let present: HashSet<String> = ids(merged.get("sources")).map(str::to_owned).collect();
    let mut linked: Vec<String> = Vec::new();
    for claim in merged["claims"].as_array().into_iter().flatten() {
        for link in claim["links"].as_array().into_iter().flatten() {
            if let Some(s) = link.get("source").and_then(Value::as_str)
                && !present.contains(s)
                && !linked.iter().any(|l| l == s)
            {
                linked.push(s.to_owned());
            }
        }
    }
    let mut conflicts = Vec::new();
    for id in linked {
        let (o, t) = (
            find_by_id(Some(ours), "sources", &id),
            find_by_id(Some(theirs), "sources", &id),
        );
        let Some(kept) = o.or(t).cloned() else {
            continue;
        };
        if let Some(list) = merged.get_mut("sources").and_then(Value::as_array_mut) {
            list.push(kept);
        }
        conflicts.push(Conflict::new(
            vec![json!("sources"), json!(id)],
            find_by_id(base, "sources", &id).cloned(),
            o.cloned(),
            t.cloned(),
        ));
    }
    conflicts
}

/// Claims of the two sides that share a number: the one the base had, else the one made
/// first (then by id), keeps it; the others get numbers after the highest, in the order
/// they were made, each with a "renumber claim" history entry.
fn renumber(merged: &mut Value, base: Option<&Value>, now: &str) -> Vec<(String, u32, u32)> {
    let in_base: HashSet<&str> = ids(base.and_then(|b| b.get("claims"))).collect();
    let Some(claims) = merged.get_mut("claims").and_then(Value::as_array_mut) else {
        return Vec::new();
    };
    let number = |c: &Value| {
        c.get("number")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(0)
    };
    let text = |c: &Value, key: &str| c.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    let order = |c: &Value| {
        (
            !in_base.contains(text(c, "id").as_str()),
            text(c, "created"),
            text(c, "id"),
        )
    };
    let mut by_number: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        by_number.entry(number(c)).or_default().push(i);
    }
    let mut moved: Vec<usize> = Vec::new();
    for (n, mut group) in by_number {
        if n == 0 || group.len() < 2 {
            continue;
        }
        group.sort_by_key(|&i| order(&claims[i]));
        moved.extend(group.into_iter().skip(1));
    }
    moved.sort_by_key(|&i| (text(&claims[i], "created"), text(&claims[i], "id")));
    let mut next = claims.iter().map(number).max().unwrap_or(0);
    let mut out = Vec::new();
    for i in moved {
        next += 1;
        let before = number(&claims[i]);
        claims[i]["number"] = json!(next);
        out.push((text(&claims[i], "id"), before, next));
    }
    if let Some(history) = merged.get_mut("history").and_then(Value::as_array_mut) {
        for (id, before, after) in &out {
            history.push(json!({
                "at": now, "action": "renumber claim", "claim": id,
                "before": before, "after": after,
            }));
        }
    }
    out
}

/// Why a conflict could not be resolved as asked.
#[derive(Debug, Error)]
pub enum ResolveError {
    #[error("there is no conflict number {0}")]
    NoSuchConflict(usize),
    #[error("{0} is not part of the case here")]
    NotFound(String),
    #[error("that value does not fit there: {0}")]
    Invalid(String),
}

/// Resolves the case's conflict `index` by setting its place to `value` (`None`: delete
/// the thing there): one side's value, or an edited one. The conflict leaves the list.
pub fn resolve_conflict(
    case: &mut Case,
    index: usize,
    value: Option<&Value>,
) -> Result<Conflict, ResolveError> {
    let conflict = case
        .conflicts
        .get(index)
        .cloned()
        .ok_or(ResolveError::NoSuchConflict(index))?;
    let mut tree =
        serde_json::to_value(&*case).map_err(|e| ResolveError::Invalid(e.to_string()))?;
    let place = || conflict.field();
    // Only the case's own parts can take a value: top-level fields it does not model would
    // be dropped. Ours there is what the file already holds, so taking it just settles it.
    let top = conflict.path.first().and_then(Value::as_str);
    if !matches!(
        top,
        Some("article" | "scale" | "claims" | "sources" | "history")
    ) {
        if conflict.ours.is_some() && value == conflict.ours.as_ref() {
            case.conflicts.remove(index);
            return Ok(conflict);
        }
        return Err(ResolveError::NotFound(format!("{:?}", place())));
    }
    set_at(&mut tree, &mut Walk::default(), &conflict.path, value)
        .ok_or_else(|| ResolveError::NotFound(format!("{:?}", place())))?;
    let mut resolved: Case =
        serde_json::from_value(tree).map_err(|e| ResolveError::Invalid(e.to_string()))?;
    let problems = super::validate::hard_problems(&resolved);
    if let Some(first) = problems.first() {
        return Err(ResolveError::Invalid(first.clone()));
    }
    resolved.conflicts.remove(index);
    resolved.sort_claims();
    *case = resolved;
    Ok(conflict)
}

/// Sets (or, with `None`, removes) the value at `path`; `None` when the path leads nowhere.
pub(super) fn set_at(
    node: &mut Value,
    walk: &mut Walk,
    path: &[Value],
    value: Option<&Value>,
) -> Option<()> {
    let (step, rest) = path.split_first()?;
    match node {
        Value::Object(map) => {
            let key = step.as_str()?;
            if rest.is_empty() {
                match value {
                    Some(v) => map.insert(key.to_owned(), v.clone()),
                    None => map.remove(key),
                };
                return Some(());
            }
            walk.push_key(key);
            set_at(map.get_mut(key)?, walk, rest, value)
        }
        Value::Array(list) => {
            let keyed = keying(walk, &[Some(list)])?;
            let at = item_keys(list, keyed).iter().position(|k| k == step);
            if rest.is_empty() {
                match (at, value) {
                    (Some(i), Some(v)) => list[i] = v.clone(),
                    (Some(i), None) => drop(list.remove(i)),
                    (None, Some(v)) => list.push(v.clone()),
                    (None, None) => {}
                }
                return Some(());
            }
            walk.push_item(step.clone());
            set_at(list.get_mut(at?)?, walk, rest, value)
        }
        _ => None,
    }
}
