//! CSL-JSON out: items that validate against the official CSL-JSON schema.

use serde_json::{Map, Value};

use super::dates::{date_value, is_csl_date, read_date};
use super::{
    ARCHIVE_KEY, CSL_ID_KEY, CSL_TYPES, Kind, TYPE_KEY, fits, is_name_property, property_kind,
};
use crate::model::{Name, Source};

/// Item keys [`export`] writes from [`Source`] fields: never taken from `custom`.
const OWN_KEYS: &[&str] = &[
    "id",
    "type",
    "title",
    "URL",
    "container-title",
    "note",
    "author",
    "issued",
    "accessed",
    "custom",
];

/// The library as a CSL-JSON array that validates against the CSL-JSON 1.0 schema.
///
/// `id` is the source id; a type that is not a CSL type becomes `document` (the original
/// kept in `custom["factdesk-type"]`); empty text fields are left out; dates are
/// `date-parts` with numbers (`literal` when not `YYYY[-MM[-DD]]`); the archive URL goes
/// to `custom.archive_url`. Keys of `extra["custom"]` that are CSL item properties with a
/// value of the right shape go back to the top level (`DOI`, `publisher`, `editor`…);
/// everything else, and every other `extra` key, goes into `custom`. Name parts that CSL
/// does not know are left out.
pub fn export(sources: &[Source]) -> Value {
    Value::Array(sources.iter().map(item).collect())
}

fn item(s: &Source) -> Value {
    let mut o = Map::new();
    let mut pool = custom_pool(s);
    // The id the item had when imported (a Zotero URI, a citation key with capitals): what
    // documents cite it by.
    let id = match pool.remove(CSL_ID_KEY) {
        Some(Value::String(original)) if !original.trim().is_empty() => original,
        Some(other) => {
            pool.insert(CSL_ID_KEY.into(), other);
            s.id.0.clone()
        }
        None => s.id.0.clone(),
    };
    o.insert("id".into(), id.into());
    let is_csl_type = CSL_TYPES.contains(&s.kind.as_str());
    let csl_type = if is_csl_type { &s.kind } else { "document" };
    o.insert("type".into(), csl_type.into());

    if !is_csl_type && !s.kind.trim().is_empty() {
        pool.insert(TYPE_KEY.into(), s.kind.clone().into());
    }
    if !s.archive_url.is_empty() {
        pool.insert(ARCHIVE_KEY.into(), s.archive_url.clone().into());
    }

    for (key, value) in [
        ("title", &s.title),
        ("container-title", &s.container_title),
        ("URL", &s.url),
    ] {
        if !value.is_empty() {
            o.insert(key.into(), value.clone().into());
        }
    }
    if !s.author.is_empty() {
        o.insert("author".into(), s.author.iter().map(name).collect());
    }
    let mut lifted: Vec<&str> = Vec::new();
    for (key, date) in [("issued", &s.issued), ("accessed", &s.accessed)] {
        // A date kept from an import (a range, a season, free text) goes back as it was,
        // as long as the source's date is still the one read from it.
        let kept = pool
            .get(key)
            .filter(|v| is_csl_date(v) && read_date(v).date == date.trim());
        if let Some(v) = kept {
            o.insert(key.into(), v.clone());
            lifted.push(key);
        } else if let Some(v) = date_value(date) {
            o.insert(key.into(), v);
        }
    }
    if !s.note.is_empty() {
        o.insert("note".into(), s.note.clone().into());
    }

    let mut custom = Map::new();
    for (key, value) in pool {
        if lifted.contains(&key.as_str()) {
            continue;
        }
        let to_top = !OWN_KEYS.contains(&key.as_str())
            && property_kind(&key).is_some_and(|k| k != Kind::Object && fits(k, &value));
        if to_top {
            o.insert(key, value);
        } else {
            custom.insert(key, value);
        }
    }
    if !custom.is_empty() {
        o.insert("custom".into(), Value::Object(custom));
    }
    Value::Object(o)
}

/// `extra["custom"]` (a non-object kept under `custom`), then the other `extra` keys.
fn custom_pool(s: &Source) -> Map<String, Value> {
    let mut pool = match s.extra.get("custom") {
        Some(Value::Object(m)) => m.clone(),
        Some(other) => Map::from_iter([("custom".to_string(), other.clone())]),
        None => Map::new(),
    };
    pool.remove(TYPE_KEY);
    for (key, value) in &s.extra {
        if key != "custom" && !pool.contains_key(key) {
            pool.insert(key.clone(), value.clone());
        }
    }
    pool
}

/// A name as a CSL name object: its parts, and the extra parts CSL knows.
fn name(n: &Name) -> Value {
    let mut o = Map::new();
    for (key, value) in [("family", &n.family), ("given", &n.given)] {
        if !value.is_empty() {
            o.insert(key.into(), value.clone().into());
        }
    }
    for (key, value) in &n.extra {
        if is_name_property(key, value) && !o.contains_key(key) && key != "literal" {
            o.insert(key.clone(), value.clone());
        }
    }
    if !n.literal.is_empty() {
        o.insert("literal".into(), n.literal.clone().into());
    }
    Value::Object(o)
}
