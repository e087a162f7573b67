//! Three-way merge of verdict files at the level of their JSON, keyed by ids.
//!
//! [`merge_values`] is the algorithm, pure: (base, ours, theirs) → merged value and
//! conflicts. Every object merges key by key: a value changed on one side is taken,
//! changed alike on both is fine, changed differently is a [`Conflict`] (the result holds
//! ours, or theirs when ours deleted it). Lists of things with an identity merge item by
//! item, matched by key: claims and sources by `id`, links by `[source, quote]`, any other
//! list of objects that all carry a distinct string `id` by it, dismissed suggestions by
//! `[start, end]`; the history and the conflicts list by the entries' whole content (their
//! union, less what one side removed; the history ordered by `at`). Added on one side:
//! kept; deleted on one side and unchanged on the other: deleted; deleted on one side and
//! changed on the other: a conflict. Other lists, and scalars, are compared whole.
//! Timestamps (`updated`, `*_at`) changed on both sides take the later one; a verdict's
//! first publication (`published`) recorded differently on both sides takes the earlier
//! one, whole (its date and the rating published then belong together).
//!
//! Nothing here names a field beyond those keys, so fields added to the model later merge
//! correctly without a change. [`merge_files`](super::merge_files) wraps this for files.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use crate::model::Conflict;

/// The result of a merge: the merged JSON and what could not be decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub value: Value,
    pub conflicts: Vec<Conflict>,
}

/// Merges `ours` and `theirs`, two descendants of `base` (`None`: no common ancestor).
pub fn merge_values(base: Option<&Value>, ours: &Value, theirs: &Value) -> Merged {
    let mut conflicts = Vec::new();
    let mut walk = Walk::default();
    let value = merge(&mut walk, base, Some(ours), Some(theirs), &mut conflicts)
        .unwrap_or_else(|| ours.clone());
    Merged { value, conflicts }
}

/// How the items of a list are matched across the three versions.
#[derive(Debug, Clone, Copy)]
pub(super) enum Keyed {
    /// By a key computed from each item.
    By(fn(&Value) -> Option<Value>),
    /// By the whole item (a set); `sort_by_at`: ordered by the items' `at` afterwards.
    Whole { sort_by_at: bool },
}

fn by_id(item: &Value) -> Option<Value> {
    item.get("id").filter(|id| id.is_string()).cloned()
}

fn by_source_and_quote(item: &Value) -> Option<Value> {
    let source = item.get("source")?.as_str()?;
    let quote = item.get("quote").and_then(Value::as_str).unwrap_or("");
    Some(json!([source, quote]))
}

fn by_range(item: &Value) -> Option<Value> {
    let start = item.get("start")?;
    let end = item.get("end")?;
    Some(json!([start, end]))
}

/// Where the merge is: each step with whether it is a list item's key (else an object key).
#[derive(Debug, Default)]
pub(super) struct Walk {
    steps: Vec<(Value, bool)>,
}

impl Walk {
    pub(super) fn push_key(&mut self, key: &str) {
        self.steps.push((Value::String(key.to_owned()), false));
    }

    pub(super) fn push_item(&mut self, key: Value) {
        self.steps.push((key, true));
    }

    pub(super) fn pop(&mut self) {
        self.steps.pop();
    }

    /// The path as a conflict records it.
    pub(super) fn path(&self) -> Vec<Value> {
        self.steps.iter().map(|(v, _)| v.clone()).collect()
    }

    /// The object keys along the way, list items left out: `["claims", "links"]`.
    fn names(&self) -> Vec<&str> {
        self.steps
            .iter()
            .filter(|(_, item)| !item)
            .filter_map(|(v, _)| v.as_str())
            .collect()
    }

    fn last_key(&self) -> Option<&str> {
        match self.steps.last() {
            Some((Value::String(k), false)) => Some(k),
            _ => None,
        }
    }
}

fn is_dismissed(name: &str) -> bool {
    name.contains("dismissed")
}

/// How the list at `path` is keyed, looking at its items when the path does not say.
pub(super) fn keying(walk: &Walk, lists: &[Option<&Vec<Value>>]) -> Option<Keyed> {
    let names = walk.names();
    match names.as_slice() {
        ["claims"] | ["sources"] => return Some(Keyed::By(by_id)),
        ["claims", "links"] => return Some(Keyed::By(by_source_and_quote)),
        ["history"] => return Some(Keyed::Whole { sort_by_at: true }),
        ["conflicts"] => return Some(Keyed::Whole { sort_by_at: false }),
        _ => {}
    }
    let items = || lists.iter().flatten().flat_map(|l| l.iter());
    if names.last().is_some_and(|n| is_dismissed(n)) {
        let ranged = items().all(|i| by_range(i).is_some());
        return Some(match ranged {
            true => Keyed::By(by_range),
            false => Keyed::Whole { sort_by_at: false },
        });
    }
    // Any other list whose items all carry a distinct string id in every version.
    let distinct = lists.iter().flatten().all(|l| {
        let mut ids: Vec<_> = l.iter().map(by_id).collect();
        let n = ids.len();
        ids.sort_by_key(|id| id.as_ref().map(Value::to_string));
        ids.dedup();
        ids.len() == n && ids.iter().all(Option::is_some)
    });
    let any = items().next().is_some();
    (any && distinct).then_some(Keyed::By(by_id))
}

/// An item's key in its list: the keying's key, and which of the items with that key it
/// is (links may repeat a source and quote). The path step is the key alone for the
/// first, `{"key", "nth"}` for later ones.
pub(super) fn item_keys(list: &[Value], keyed: Keyed) -> Vec<Value> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    list.iter()
        .map(|item| {
            let key = match keyed {
                Keyed::By(f) => f(item).unwrap_or_else(|| item.clone()),
                Keyed::Whole { .. } => item.clone(),
            };
            let count = seen.entry(key.to_string()).or_insert(0);
            let nth = *count;
            *count += 1;
            match nth {
                0 => key,
                n => json!({"key": key, "nth": n}),
            }
        })
        .collect()
}

/// Whether a key names a timestamp, merged by taking the later time.
fn is_timestamp(key: &str) -> bool {
    key == "updated" || key.ends_with("_at")
}

/// The three-way merge of one value; `None` when the result has none there.
fn merge(
    walk: &mut Walk,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<Conflict>,
) -> Option<Value> {
    if ours == theirs || theirs == base {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    if walk.names() == ["claims", "verdict", "published"]
        && let Some(first) = first_publication(ours, theirs)
    {
        return Some(first.clone());
    }
    match (ours, theirs) {
        (Some(Value::Object(o)), Some(Value::Object(t))) => {
            let b = base.and_then(Value::as_object);
            return Some(Value::Object(merge_objects(walk, b, o, t, conflicts)));
        }
        (Some(Value::Array(o)), Some(Value::Array(t))) => {
            let b = base.and_then(Value::as_array);
            if let Some(keyed) = keying(walk, &[b, Some(o), Some(t)]) {
                return Some(Value::Array(merge_lists(walk, keyed, b, o, t, conflicts)));
            }
        }
        (Some(Value::String(o)), Some(Value::String(t)))
            if walk.last_key().is_some_and(is_timestamp) =>
        {
            return Some(Value::String(o.max(t).clone()));
        }
        _ => {}
    }
    conflicts.push(Conflict::new(
        walk.path(),
        base.cloned(),
        ours.cloned(),
        theirs.cloned(),
    ));
    ours.or(theirs).cloned()
}

/// Of two recorded first publications, the earlier (by `date`, `YYYY-MM-DD`); `None`
/// unless both have a date.
fn first_publication<'v>(ours: Option<&'v Value>, theirs: Option<&'v Value>) -> Option<&'v Value> {
    let date = |v: Option<&'v Value>| v?.get("date")?.as_str();
    let (o, t) = (date(ours)?, date(theirs)?);
    if t < o { theirs } else { ours }
}

fn merge_objects(
    walk: &mut Walk,
    base: Option<&Map<String, Value>>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    conflicts: &mut Vec<Conflict>,
) -> Map<String, Value> {
    let keys = ours
        .keys()
        .chain(theirs.keys().filter(|k| !ours.contains_key(*k)))
        .chain(base.into_iter().flat_map(|b| b.keys()));
    let mut out = Map::new();
    for key in keys {
        if out.contains_key(key) {
            continue;
        }
        walk.push_key(key);
        let merged = merge(
            walk,
            base.and_then(|b| b.get(key)),
            ours.get(key),
            theirs.get(key),
            conflicts,
        );
        walk.pop();
        if let Some(v) = merged {
            out.insert(key.clone(), v);
        }
    }
    out
}

fn merge_lists(
    walk: &mut Walk,
    keyed: Keyed,
    base: Option<&Vec<Value>>,
    ours: &[Value],
    theirs: &[Value],
    conflicts: &mut Vec<Conflict>,
) -> Vec<Value> {
    let empty = Vec::new();
    let base = base.unwrap_or(&empty);
    let (bk, ok, tk) = (
        item_keys(base, keyed),
        item_keys(ours, keyed),
        item_keys(theirs, keyed),
    );
    let index = |keys: &[Value]| -> HashMap<String, usize> {
        keys.iter()
            .enumerate()
            .map(|(i, k)| (k.to_string(), i))
            .collect()
    };
    let (bi, oi, ti) = (index(&bk), index(&ok), index(&tk));
    fn find<'l>(at: &HashMap<String, usize>, list: &'l [Value], key: &str) -> Option<&'l Value> {
        at.get(key).map(|&i| &list[i])
    }
    // Ours' order, then what only theirs has (in theirs' order), then what only base has
    // (kept only when one side changed what the other deleted).
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for key in ok.iter().chain(&tk).chain(&bk) {
        let text = key.to_string();
        if !seen.insert(text.clone()) {
            continue;
        }
        let (b, o, t) = (
            find(&bi, base, &text),
            find(&oi, ours, &text),
            find(&ti, theirs, &text),
        );
        walk.push_item(key.clone());
        if let Some(v) = merge(walk, b, o, t, conflicts) {
            out.push(v);
        }
        walk.pop();
    }
    if let Keyed::Whole { sort_by_at: true } = keyed {
        let at = |v: &Value| v.get("at").and_then(Value::as_str).map(str::to_owned);
        out.sort_by_key(at);
    }
    out
}
