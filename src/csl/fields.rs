//! Reading single CSL fields leniently: text, names, and how messages name things.

use serde_json::{Map, Value};

use crate::model::Name;

/// "a number", "an array"…: what a JSON value is, for messages.
pub(super) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A text field: strings as they are, numbers and booleans written out; anything else is
/// kept in `custom` with a warning.
pub(super) fn text(
    key: &str,
    value: Value,
    custom: &mut Map<String, Value>,
    w: &mut Vec<String>,
) -> String {
    match value {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        other => {
            w.push(format!(
                "{key} is {}, not text: kept in custom",
                kind_of(&other)
            ));
            custom.insert(key.to_string(), other);
            String::new()
        }
    }
}

/// The `author` names. Entries that are no name at all keep the whole list in `custom`.
pub(super) fn names(
    key: &str,
    value: Value,
    custom: &mut Map<String, Value>,
    w: &mut Vec<String>,
) -> Vec<Name> {
    let list = match &value {
        Value::Null => return Vec::new(),
        Value::Array(list) => list.iter().collect(),
        Value::Object(_) | Value::String(_) => vec![&value],
        other => {
            w.push(format!(
                "{key} is {}, not a list of names: kept in custom",
                kind_of(other)
            ));
            custom.insert(key.to_string(), value);
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    let mut lost = false;
    for entry in list {
        match entry {
            Value::Object(o) => out.extend(name(o)),
            Value::String(s) => out.extend(s.split(';').filter_map(Name::parse)),
            _ => lost = true,
        }
    }
    if lost {
        w.push(format!(
            "{key} has entries that are not names: the list is kept in custom"
        ));
        custom.insert(key.to_string(), value);
    }
    out
}

/// One CSL name object; `None` when it is empty.
fn name(o: &Map<String, Value>) -> Option<Name> {
    let mut n = Name::default();
    for (k, v) in o {
        let slot = match k.as_str() {
            "family" => &mut n.family,
            "given" => &mut n.given,
            "literal" => &mut n.literal,
            _ => {
                n.extra.insert(k.clone(), v.clone());
                continue;
            }
        };
        match v {
            Value::String(s) => *slot = s.clone(),
            Value::Number(x) => *slot = x.to_string(),
            // An array or object where a name part belongs cannot be a name: dropped.
            _ => {}
        }
    }
    (n != Name::default()).then_some(n)
}

/// How warnings name an item: its 1-based number and, when it has one, its title.
pub(super) fn label(number: usize, item: &Map<String, Value>) -> String {
    match item.get("title").and_then(Value::as_str).map(str::trim) {
        Some(t) if !t.is_empty() => {
            let mut short: String = t.chars().take(60).collect();
            if short.len() < t.len() {
                short.push('…');
            }
            format!("item {number} (“{short}”)")
        }
        _ => format!("item {number}"),
    }
}
