//! Import tests: document shapes, duplicate URLs, id collisions.

use serde_json::{Value, json};

use super::tests::{imp, import_into};
use super::*;
use crate::model::{Source, SourceId};

/// One item, {"items": …}, {"references": …}, an empty array and a BOM are all accepted;
/// non-object entries in an array are skipped.
#[test]
fn document_shapes() {
    let item = r#"{"id": "a", "type": "webpage", "title": "t"}"#;
    for text in [
        item.to_string(),
        format!("{{\"items\": [{item}]}}"),
        format!("{{\"references\": [{item}]}}"),
        format!("\u{feff}[{item}]"),
    ] {
        assert_eq!(imp(&text).sources.len(), 1, "{text}");
    }
    assert_eq!(imp("[]"), Imported::default());
    let out = imp(&format!("[{item}, 7]"));
    assert_eq!((out.sources.len(), out.skipped), (1, 1));
    assert_eq!(out.warnings, ["item 2: a number, not a CSL item: skipped"]);
}

/// Duplicates are found by DOI (any case, with or without doi.org), then by URL plus
/// title; items sharing only a URL (two articles of one page, a site's front page) are not.
#[test]
fn duplicates_by_doi_then_url_and_title() {
    let mut old = Source::new(
        SourceId("old".into()),
        "Old",
        "https://x.example/a",
        "2025-01-01",
    );
    old.extra = serde_json::from_value(serde_json::json!({"custom": {"DOI": "10.1/ABC"}})).unwrap();
    let out = import_into(
        r#"[{"id": "n1", "type": "webpage", "title": "Other title", "DOI": "https://doi.org/10.1/abc"},
            {"id": "n2", "type": "webpage", "title": "A again", "URL": " https://x.example/a "},
            {"id": "n3", "type": "webpage", "title": "B", "URL": "https://x.example/b"},
            {"id": "n4", "type": "webpage", "title": " b ", "URL": "https://x.example/b"},
            {"id": "n5", "type": "webpage", "title": "B", "URL": "https://x.example/b", "DOI": "10.2/x"},
            {"id": "n6", "type": "webpage", "title": "No URL"},
            {"id": "n7", "type": "webpage", "title": "No URL"}]"#,
        &[old],
    );
    let ids: Vec<&str> = out.sources.iter().map(|s| s.id.0.as_str()).collect();
    assert_eq!(ids, ["n2", "n3", "n5", "n6", "n7"]);
    assert_eq!(out.skipped, 2);
    assert_eq!(
        out.warnings,
        [
            "item 1 (“Other title”): same DOI as a source already in the library: skipped",
            "item 4 (“b”): same URL and title as item 3: skipped"
        ]
    );
}

/// Taken, repeated, invalid and numeric ids get fresh ones, the original kept as csl-id;
/// fresh ids never collide with ids kept from the file.
#[test]
fn id_collisions() {
    let existing = [Source::new(
        SourceId("bremmer2022".into()),
        "Old",
        "",
        "2025-01-01",
    )];
    let out = import_into(
        r#"[{"id": "c2", "type": "report", "title": "1"},
            {"id": "bremmer2022", "type": "report", "title": "2"},
            {"id": "c1", "type": "report", "title": "3"},
            {"id": "Bremmer2022", "type": "report", "title": "4"},
            {"id": 7, "type": "report", "title": "5"},
            {"type": "report", "title": "6"},
            {"id": "ok_id-1", "type": "report", "title": "7"}]"#,
        &existing,
    );
    let ids: Vec<&str> = out.sources.iter().map(|s| s.id.0.as_str()).collect();
    assert_eq!(ids, ["c2", "c1", "c3", "c4", "c5", "c6", "ok_id-1"]);
    let csl_ids: Vec<Option<&Value>> = out
        .sources
        .iter()
        .map(|s| s.extra.get("custom").and_then(|c| c.get("csl-id")))
        .collect();
    let (b, c1, cap, seven) = (
        json!("bremmer2022"),
        json!("c1"),
        json!("Bremmer2022"),
        json!(7),
    );
    assert_eq!(
        csl_ids,
        [
            None,
            Some(&b),
            Some(&c1),
            Some(&cap),
            Some(&seven),
            None,
            None
        ]
    );
    assert!(out.warnings.is_empty());
}
