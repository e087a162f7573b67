//! Import tests: Zotero and Pandoc shapes, leniency, errors, duplicates, ids.

use serde_json::{Value, json};

use super::*;
use crate::model::{FixedEntropy, Name, Source, SourceId};

pub(super) fn imp(json: &str) -> Imported {
    import_into(json, &[])
}

pub(super) fn import_into(json: &str, existing: &[Source]) -> Imported {
    import(json, existing, &mut FixedEntropy::default()).unwrap()
}

pub(super) fn custom(s: &Source) -> &serde_json::Map<String, Value> {
    s.extra["custom"].as_object().unwrap()
}

pub(super) const ZOTERO: &str = r#"[
  {
    "id": "http://zotero.org/users/123/items/ABCD1234",
    "type": "article-newspaper",
    "title": "Faktencheck: Nein, der Bundestag hat das Bargeld nicht abgeschafft",
    "container-title": "Süddeutsche Zeitung",
    "URL": "https://www.sueddeutsche.de/politik/bargeld-faktencheck-1.5671234",
    "author": [{"family": "Müller", "given": "Anna"}, {"family": "Schmidt", "given": "Jonas"}],
    "issued": {"date-parts": [["2022", 10, "11"]]},
    "accessed": {"date-parts": [[2022, 10, 12]]},
    "language": "de",
    "publisher": "Süddeutscher Verlag",
    "note": "Primary source for the denial."
  }
]"#;

/// A Zotero export item maps onto a source field by field; its URI id is kept in custom.
#[test]
fn zotero_item() {
    let out = imp(ZOTERO);
    assert_eq!(out.warnings, Vec::<String>::new());
    assert_eq!(out.skipped, 0);
    let s = &out.sources[0];
    assert_eq!(s.id, SourceId("c1".into()));
    assert_eq!(s.kind, "article-newspaper");
    assert!(s.title.starts_with("Faktencheck"));
    assert_eq!(s.container_title, "Süddeutsche Zeitung");
    assert!(s.url.ends_with("1.5671234"));
    assert_eq!(s.authors_typed(), "Müller, Anna; Schmidt, Jonas");
    assert_eq!(
        (s.issued.as_str(), s.accessed.as_str()),
        ("2022-10-11", "2022-10-12")
    );
    assert_eq!(s.note, "Primary source for the denial.");
    assert_eq!(
        Value::Object(custom(s).clone()),
        json!({"language": "de", "publisher": "Süddeutscher Verlag",
               "csl-id": "http://zotero.org/users/123/items/ABCD1234"})
    );
}

/// A Pandoc item keeps its citation key as id; a missing access date stays missing.
#[test]
fn pandoc_item() {
    let out = imp(
        r#"[{"id": "bremmer2022", "type": "report", "title": "Top Risks 2022",
        "author": [{"family": "Bremmer", "given": "Ian"}], "issued": {"date-parts": [[2022]]}}]"#,
    );
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let s = &out.sources[0];
    assert_eq!(s.id.0, "bremmer2022");
    assert_eq!((s.issued.as_str(), s.accessed.as_str()), ("2022", ""));
    assert!(s.extra.is_empty());
}

/// No type means webpage, no title "(untitled)"; warnings name the item by title or number.
#[test]
fn missing_type_and_title() {
    let out = imp(
        r#"[{"id": "a", "title": "Heat-wave deaths", "URL": "https://a.example"},
                      {"id": "b", "type": "post"}]"#,
    );
    assert_eq!(out.sources[0].kind, "webpage");
    assert_eq!(out.sources[1].title, "(untitled)");
    assert_eq!(
        out.warnings,
        [
            "item 1 (“Heat-wave deaths”): no type: imported as webpage",
            "item 2: no title: imported as \"(untitled)\""
        ]
    );
}

/// Every CSL type string, and any other string, is kept as the source type.
#[test]
fn types_kept_as_is() {
    let out =
        imp(r#"[{"type": "legal_case", "title": "x"}, {"type": "blog-entry", "title": "y"}]"#);
    let kinds: Vec<&str> = out.sources.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(kinds, ["legal_case", "blog-entry"]);
}

/// Dates in every shape: string parts, raw, literal, bare EDTF, ranges and invalid parts.
#[test]
fn date_forms() {
    // (issued value, date, kept in custom, warned)
    let cases = [
        (
            json!({"date-parts": [["2020", "05", "01"]]}),
            "2020-05-01",
            false,
            false,
        ),
        (json!({"date-parts": [[2020, 5]]}), "2020-05", false, false),
        (json!({"date-parts": [["2020"]]}), "2020", false, false),
        (json!({"raw": "2020-05-01"}), "2020-05-01", false, false),
        (json!({"literal": "2021"}), "2021", false, false),
        (json!("2020-05-01"), "2020-05-01", false, false),
        (json!({"literal": "Spring 2020"}), "", true, true),
        (json!("2020-05-01/2020-06-01"), "", true, true),
        (
            json!({"date-parts": [[2020, 5, 1], [2020, 6, 1]]}),
            "2020-05-01",
            true,
            true,
        ),
        (json!({"date-parts": [[2020, 13, 1]]}), "2020", true, true),
        (
            json!({"date-parts": [[2020, 5, 32]]}),
            "2020-05",
            true,
            true,
        ),
        (
            json!({"date-parts": [[2021, 2, 29]]}),
            "2021-02",
            true,
            true,
        ),
        (
            json!({"date-parts": [[2024, 2, 29]]}),
            "2024-02-29",
            false,
            false,
        ),
        (
            json!({"date-parts": [[2020]], "circa": true}),
            "2020",
            true,
            false,
        ),
        (json!({"season": 1}), "", true, true),
    ];
    for (issued, date, kept, warned) in cases {
        let item = json!([{"id": "a", "type": "report", "title": "t", "issued": issued}]);
        let out = imp(&item.to_string());
        let s = &out.sources[0];
        assert_eq!(s.issued, date, "{issued}");
        let in_custom = s.extra.get("custom").map(|c| c["issued"] == issued);
        assert_eq!(in_custom.unwrap_or(false), kept, "{issued}");
        assert_eq!(
            out.warnings.len(),
            usize::from(warned),
            "{issued}: {:?}",
            out.warnings
        );
        if warned {
            assert!(
                out.warnings[0].starts_with("item 1 (“t”): issued: "),
                "{:?}",
                out.warnings
            );
        }
    }
}

/// Literal, family-only and particle names import; other name roles stay in custom.
#[test]
fn names_and_roles() {
    let out = imp(r#"[{"id": "who", "type": "report", "title": "Report",
        "author": [{"literal": "World Health Organization"}, {"family": "Bremmer"},
                   {"family": "Gogh", "given": "Vincent", "dropping-particle": "van", "suffix": "Jr."},
                   {}, "Smith, Jane"],
        "editor": [{"family": "Rossi", "given": "Marco"}],
        "translator": [{"literal": "AFP Factuel"}]}]"#);
    let s = &out.sources[0];
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert_eq!(s.author.len(), 4);
    assert_eq!(s.author[0].display(), "World Health Organization");
    assert_eq!(
        s.author[1],
        Name {
            family: "Bremmer".into(),
            ..Name::default()
        }
    );
    assert_eq!(s.author[2].extra["dropping-particle"], "van");
    assert_eq!(s.author[2].extra["suffix"], "Jr.");
    assert_eq!(s.author[3].typed(), "Smith, Jane");
    assert_eq!(
        custom(s)["editor"],
        json!([{"family": "Rossi", "given": "Marco"}])
    );
    assert_eq!(custom(s)["translator"][0]["literal"], "AFP Factuel");
}

/// Unknown fields go to custom, merged with an incoming custom object; archive_url and
/// factdesk-type in custom return to their fields.
#[test]
fn unknown_fields_kept_under_custom() {
    let out = imp(
        r#"[{"id": "a", "type": "document", "title": "t", "DOI": "10.1/x",
        "abstract": "Short.", "x-zotero-flag": {"deep": [1, 2]}, "publisher": "AFP",
        "custom": {"archive_url": "https://web.archive.org/web/2022/x",
                   "factdesk-type": "other", "checked": true, "publisher": "AP"}}]"#,
    );
    let s = &out.sources[0];
    assert_eq!(s.kind, "other");
    assert_eq!(s.archive_url, "https://web.archive.org/web/2022/x");
    assert_eq!(
        Value::Object(custom(s).clone()),
        json!({"DOI": "10.1/x", "abstract": "Short.", "x-zotero-flag": {"deep": [1, 2]},
               "publisher": "AFP", "checked": true})
    );
    assert_eq!(
        out.warnings,
        ["item 1 (“t”): custom.publisher differs from the item's own publisher: kept the item's"]
    );
}

/// Fields of the wrong shape are kept in custom with a warning, never lost or fatal.
#[test]
fn odd_field_shapes() {
    let out = imp(
        r#"[{"id": "a", "type": 3, "title": ["x"], "URL": 42, "author": "Doe, J; ACME",
        "note": null}]"#,
    );
    let s = &out.sources[0];
    assert_eq!(
        (s.kind.as_str(), s.title.as_str(), s.url.as_str()),
        ("webpage", "(untitled)", "42")
    );
    assert_eq!(s.authors_typed(), "Doe, J; ACME");
    assert_eq!(custom(s)["type"], 3);
    assert_eq!(custom(s)["title"], json!(["x"]));
    assert_eq!(out.warnings.len(), 4, "{:?}", out.warnings);
}

/// The deliberately broken AFP structure files fail as JSON, naming line and column.
#[test]
fn invalid_json_names_line_and_column() {
    let files = [
        ("claimReview__claimreview-structure.json", 9),
        ("mediaReview__media-structure.json", 19),
    ];
    if let Some(dir) = crate::test_support::shared("testdata/claimreview/afp-defacto") {
        for (file, expected_line) in files {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            let err = import(&text, &[], &mut FixedEntropy::default()).unwrap_err();
            let CslError::Syntax { line, column, .. } = &err else {
                panic!("{file}: {err:?}");
            };
            assert_eq!(*line, expected_line, "{file}: {err}");
            assert!(*column > 0);
            let shown = err.to_string();
            assert!(shown.starts_with(&format!("not valid JSON (line {line}, column {column}): ")));
        }
    }
    let err = import(
        "[\n  {\"id\": \"a\",}\n]",
        &[],
        &mut FixedEntropy::default(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        CslError::Syntax {
            line: 2,
            column: 14,
            msg: "trailing comma".into()
        }
    );
}

/// JSON that is not a CSL item list is refused with a message saying what was found.
#[test]
fn not_csl() {
    for (text, says) in [
        ("42", "a number"),
        ("\"refs\"", "a string"),
        ("null", "null"),
        ("{}", "without CSL item fields"),
        ("{\"@type\": \"ClaimReview\"}", "without CSL item fields"),
        ("[1, 2]", "array of number values"),
    ] {
        let err = import(text, &[], &mut FixedEntropy::default()).unwrap_err();
        assert!(matches!(err, CslError::NotCsl(_)), "{text}");
        let shown = err.to_string();
        assert!(
            shown.starts_with("not CSL-JSON: ") && shown.contains(says),
            "{text}: {shown}"
        );
    }
}
