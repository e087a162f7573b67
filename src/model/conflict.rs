//! A merge conflict kept in the case until someone resolves it: where in the verdict file
//! it is, and the base, ours and theirs values there.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::Extra;

/// One place where two merged versions of a case changed the same thing differently.
///
/// The case holds ours there until the conflict is resolved (or theirs, when ours deleted
/// the thing theirs changed: nothing is lost). `None` for a side means that side did not
/// have it (never had it, or deleted it); JSON `null` is a value like any other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The way to the value from the top of the verdict file: object keys as strings; in
    /// the keyed lists the item's key (a claim's or source's id; a link's
    /// `[source, quote]`). E.g. `["claims", "k3x9q2ma", "verdict", "rating"]`.
    pub path: Vec<Value>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub base: Option<Value>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub ours: Option<Value>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub theirs: Option<Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A present key is a value, even `null`; an absent one (serde's `default`) is `None`.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

impl Conflict {
    pub fn new(
        path: Vec<Value>,
        base: Option<Value>,
        ours: Option<Value>,
        theirs: Option<Value>,
    ) -> Conflict {
        Conflict {
            path,
            base,
            ours,
            theirs,
            extra: Extra::new(),
        }
    }

    /// The claim the conflict is in, when it is in one.
    pub fn claim_id(&self) -> Option<&str> {
        match self.path.as_slice() {
            [Value::String(top), Value::String(id), ..] if top == "claims" => Some(id),
            _ => None,
        }
    }

    /// The path below the claim or source (or from the top), dotted: `verdict.rating`,
    /// `links[src1 "quote"].stance`; empty for the claim or source as a whole.
    pub fn field(&self) -> String {
        let rest = match self.path.as_slice() {
            [Value::String(top), _, rest @ ..] if top == "claims" || top == "sources" => rest,
            all => all,
        };
        let mut out = String::new();
        for step in rest {
            match step {
                Value::String(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                other => out.push_str(&format!("[{}]", step_label(other))),
            }
        }
        out
    }
}

impl Conflict {
    /// Where the conflict is, for people: "C3 verdict.rating", "source s2",
    /// "article.meta.title".
    pub fn place(&self, case: &super::Case) -> String {
        let field = self.field();
        let join = |head: String| match field.is_empty() {
            true => head,
            false => format!("{head} {field}"),
        };
        match (self.claim_id(), self.path.first().and_then(Value::as_str)) {
            (Some(id), _) => {
                let number = case.claims.iter().find(|k| k.id.0 == id).map(|k| k.number);
                join(number.map_or_else(|| format!("claim {id}"), |n| format!("C{n}")))
            }
            (None, Some("sources")) => {
                let id = self.path.get(1).and_then(Value::as_str).unwrap_or("?");
                join(format!("source {id}"))
            }
            _ => field,
        }
    }

    /// A side's value on one line for people: `"False"`, `(none)` when it had none.
    pub fn side(value: &Option<Value>) -> String {
        value
            .as_ref()
            .map_or_else(|| "(none)".to_string(), Value::to_string)
    }
}

/// A list item's key for people: `[source, quote]` as `source "quote"`.
fn step_label(step: &Value) -> String {
    match step {
        Value::Array(parts) => parts
            .iter()
            .map(|p| match p {
                Value::String(s) if s.is_empty() => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A side that had `null` stays `null` through a save; an absent side stays absent.
    #[test]
    fn null_and_absent_sides_round_trip() {
        let c = Conflict::new(
            vec![
                json!("claims"),
                json!("a1"),
                json!("verdict"),
                json!("rating"),
            ],
            Some(Value::Null),
            None,
            Some(json!("False")),
        );
        let text = serde_json::to_string(&c).unwrap();
        assert!(!text.contains("\"ours\""), "{text}");
        let back: Conflict = serde_json::from_str(&text).unwrap();
        assert_eq!(back, c);
        assert_eq!(back.claim_id(), Some("a1"));
        assert_eq!(back.field(), "verdict.rating");
    }

    /// A link's key shows as its source and quote in the field name.
    #[test]
    fn link_field_names_source_and_quote() {
        let c = Conflict::new(
            vec![
                json!("claims"),
                json!("a1"),
                json!("links"),
                json!(["s1", "the quote"]),
                json!("stance"),
            ],
            None,
            None,
            None,
        );
        assert_eq!(c.field(), "links[s1 the quote].stance");
    }
}
