//! Every type and property the ClaimReview export writes is in the schema.org vocabulary,
//! used on a type in its domain (subclasses inherit) with a value in its range.

use std::collections::{HashMap, HashSet};

use serde_json::{Value, json};

use super::tests::demo_case;
use super::tests_text::parse_csv;
use super::*;

const SCHEMA: &str = "https://schema.org/";

/// A property's domain and range (short type names) and whether it is superseded.
struct Property {
    domains: Vec<String>,
    ranges: Vec<String>,
    superseded: bool,
}

/// The vocabulary: each type's direct supertypes, and the properties.
struct Vocabulary {
    parents: HashMap<String, Vec<String>>,
    properties: HashMap<String, Property>,
}

/// The CSV in `dir` whose name starts with `prefix`, as records keyed by header.
fn read_table(dir: &std::path::Path, prefix: &str) -> Option<Vec<HashMap<String, String>>> {
    let entry = std::fs::read_dir(dir).ok()?.flatten().find(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.starts_with(prefix) && name.ends_with(".csv")
    })?;
    let rows = parse_csv(&std::fs::read_to_string(entry.path()).ok()?);
    let (header, rows) = rows.split_first()?;
    Some(
        rows.iter()
            .map(|r| header.iter().cloned().zip(r.iter().cloned()).collect())
            .collect(),
    )
}

/// Short names from a comma-separated list of schema.org URLs.
fn names(list: &str) -> Vec<String> {
    list.split(',')
        .map(|s| s.trim().trim_start_matches(SCHEMA).to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The vocabulary from the shared CSVs, or `None` (after a skip line) when they are absent.
fn vocabulary() -> Option<Vocabulary> {
    let dir = crate::test_support::shared("testdata/schemaorg")?;
    let table = |prefix| read_table(&dir, prefix).unwrap_or_else(|| panic!("no {prefix} CSV"));
    let types = table("schemaorg-current-https-types");
    let props = table("schemaorg-current-https-properties");
    let parents = types
        .iter()
        .map(|t| (t["label"].clone(), names(&t["subTypeOf"])))
        .collect();
    let properties = props
        .iter()
        .map(|p| {
            let property = Property {
                domains: names(&p["domainIncludes"]),
                ranges: names(&p["rangeIncludes"]),
                superseded: !p["supersededBy"].trim().is_empty(),
            };
            (p["label"].clone(), property)
        })
        .collect();
    Some(Vocabulary {
        parents,
        properties,
    })
}

impl Vocabulary {
    /// `t` and all its supertypes.
    fn lineage(&self, t: &str) -> HashSet<String> {
        let mut seen = HashSet::new();
        let mut todo = vec![t.to_string()];
        while let Some(t) = todo.pop() {
            if let Some(ps) = self.parents.get(&t) {
                todo.extend(ps.iter().cloned());
            }
            seen.insert(t);
        }
        seen
    }

    /// Problems of a node (and everything under it); `types` collects the types seen.
    fn check(&self, node: &Value, at: &str, types: &mut HashSet<String>, out: &mut Vec<String>) {
        let Some(obj) = node.as_object() else {
            return;
        };
        let Some(t) = obj.get("@type").and_then(Value::as_str) else {
            out.push(format!("{at}: no @type"));
            return;
        };
        if !self.parents.contains_key(t) {
            out.push(format!("{at}: unknown type {t}"));
            return;
        }
        types.insert(t.to_string());
        let lineage = self.lineage(t);
        for (key, value) in obj.iter().filter(|(k, _)| !k.starts_with('@')) {
            let at = format!("{at}.{key}");
            let Some(p) = self.properties.get(key) else {
                out.push(format!("{at}: unknown property"));
                continue;
            };
            if p.superseded {
                out.push(format!("{at}: superseded property"));
            }
            if !p.domains.iter().any(|d| lineage.contains(d)) {
                out.push(format!("{at}: not in the domain {:?} of a {t}", p.domains));
            }
            let values = value
                .as_array()
                .cloned()
                .unwrap_or_else(|| vec![value.clone()]);
            for (i, v) in values.iter().enumerate() {
                let at = format!("{at}[{i}]");
                let ok = match v {
                    Value::Object(o) => o
                        .get("@type")
                        .and_then(Value::as_str)
                        .is_some_and(|vt| p.ranges.iter().any(|r| self.lineage(vt).contains(r))),
                    Value::String(_) => p
                        .ranges
                        .iter()
                        .any(|r| ["Text", "URL", "Date", "DateTime"].contains(&r.as_str())),
                    Value::Number(_) => p
                        .ranges
                        .iter()
                        .any(|r| ["Number", "Integer", "Float"].contains(&r.as_str())),
                    _ => false,
                };
                if !ok {
                    out.push(format!("{at}: {v} is not in the range {:?}", p.ranges));
                }
                self.check(v, &at, types, out);
            }
        }
    }

    /// Problems of an exported document (`@context` + `@graph`).
    fn check_document(&self, doc: &Value, types: &mut HashSet<String>) -> Vec<String> {
        let mut out = Vec::new();
        if doc["@context"] != "https://schema.org" {
            out.push("@context is not https://schema.org".into());
        }
        for (i, node) in doc["@graph"].as_array().into_iter().flatten().enumerate() {
            self.check(node, &format!("@graph[{i}]"), types, &mut out);
        }
        out
    }
}

/// Every `@type` and property in the exports (labelled, conclusion-only, Person author) is in
/// the vocabulary, on a type in its domain, with a value in its range, and each passes the
/// publishable checker.
#[test]
fn claimreview_uses_schemaorg_vocabulary() {
    let Some(vocabulary) = vocabulary() else {
        return;
    };
    let opts = ExportOptions {
        base_url: Some("https://tidings.example/checks/{id}".into()),
        author: Some(Author {
            name: "Daily Tidings".into(),
            kind: AuthorKind::Person,
            ..Author::default()
        }),
        date_published: Some("2026-01-05".into()),
        today: None,
    };
    let labelled = demo_case();
    let mut conclusion = demo_case();
    conclusion.scale = Scale::preset("conclusion-only").expect("preset");
    let mut types = HashSet::new();
    for case in [&labelled, &conclusion] {
        let out = claimreview(case, &opts).expect("exports");
        let doc: Value = serde_json::from_str(&out.text).expect("JSON");
        assert_eq!(doc["@graph"].as_array().map(Vec::len), Some(2));
        let problems = vocabulary.check_document(&doc, &mut types);
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(publishable_problems(&doc), Vec::<String>::new());
    }
    let mut seen: Vec<_> = types.into_iter().collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            "Claim",
            "ClaimReview",
            "CreativeWork",
            "Organization",
            "Person",
            "Rating"
        ]
    );
}

/// The vocabulary check itself catches an unknown property, a property off its domain and a
/// value outside its range.
#[test]
fn vocabulary_check_catches_mistakes() {
    let Some(vocabulary) = vocabulary() else {
        return;
    };
    let doc = json!({"@context": "https://schema.org", "@graph": [{
        "@type": "ClaimReview",
        "claimReviewd": "typo",
        "appearance": {"@type": "CreativeWork"},
        "author": {"@type": "Rating"}
    }]});
    let problems = vocabulary.check_document(&doc, &mut HashSet::new());
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].contains("claimReviewd: unknown property"));
    assert!(problems[1].contains("appearance: not in the domain"));
    assert!(problems[2].contains("author[0]"));
}
