//! Export tests: schema validity, the export rules, round trips, the generated library.

use serde_json::{Value, json};

use super::tests::{ZOTERO, custom, imp, import_into};
use super::*;
use crate::model::{Extra, FixedEntropy, Name, Source, SourceId};

/// The official CSL-JSON schema from the shared test data (`None` after a skip line).
fn csl_schema() -> Option<Value> {
    let path = crate::test_support::shared("testdata/csl/csl-data.schema.json")?;
    Some(serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
}

/// Checks `instance` against the official CSL-JSON schema; skips when it is absent.
fn assert_valid(instance: &Value) {
    let Some(schema) = csl_schema() else {
        return;
    };
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

fn name(family: &str, given: &str) -> Name {
    Name {
        family: family.into(),
        given: given.into(),
        ..Name::default()
    }
}

fn extra(value: Value) -> Extra {
    value.as_object().cloned().unwrap()
}

/// A library using every feature: all types incl. "other" and a non-CSL one, literal and
/// particle names, partial and free-text dates, archive URLs, custom data of every kind.
fn library() -> Vec<Source> {
    let mut full = Source::new(
        SourceId("sz-2022".into()),
        "Bargeld bleibt",
        "https://sz.example/1",
        "2022-10-12",
    );
    full.kind = "article-newspaper".into();
    full.container_title = "Süddeutsche Zeitung".into();
    full.author = vec![
        name("Müller", "Anna"),
        Name {
            literal: "World Health Organization".into(),
            ..Name::default()
        },
        Name {
            extra: extra(
                json!({"dropping-particle": "van", "suffix": "Jr.", "comma-suffix": true}),
            ),
            ..name("Gogh", "Vincent")
        },
    ];
    full.issued = "2022-10-11".into();
    full.archive_url = "https://web.archive.org/web/2022/https://sz.example/1".into();
    full.note = "Primary source.".into();
    full.extra = extra(json!({"custom": {
        "DOI": "10.5555/x", "publisher": "Süddeutscher Verlag", "language": "de",
        "editor": [{"family": "Rossi", "given": "Marco"}], "volume": 3,
        "categories": ["politics", "economy"], "original-date": {"date-parts": [[2021]]},
        "csl-id": "http://zotero.org/users/123/items/ABCD1234", "checked": true,
        "DOI-list": ["a", "b"], "ISBN": 978, "issued": {"date-parts": [[2022, 10, 11], [2022, 10, 13]]}
    }}));

    let mut other = Source::new(SourceId("c7".into()), "A leaflet", "", "2026-01-02");
    other.kind = "other".into();
    other.issued = "2020-05".into();
    let mut blog = Source::new(
        SourceId("blog_1".into()),
        "A blog",
        "https://b.example",
        "2025-03-04",
    );
    blog.kind = "blog-entry".into();
    blog.issued = "2019".into();
    blog.extra = extra(json!({"custom": {"issued": {"literal": "Spring 2019", "season": 1}}}));
    let mut free = Source::new(
        SourceId("free".into()),
        "Undated",
        "https://c.example",
        "2025-03-04",
    );
    free.kind = "interview".into();
    free.extra = extra(json!({"custom": {"issued": {"literal": "Spring 2020"}}}));
    let mut sources = vec![full, other, blog, free];
    for (i, kind) in SOURCE_TYPES.iter().enumerate() {
        let mut s = Source::new(
            SourceId(format!("t{i}")),
            kind,
            &format!("https://t.example/{i}"),
            "2024-02-29",
        );
        s.kind = kind.to_string();
        sources.push(s);
    }
    sources
}
use crate::model::SOURCE_TYPES;

/// An export of a library with every feature validates against the CSL-JSON schema.
#[test]
fn export_validates_against_schema() {
    let out = export(&library());
    assert_valid(&out);
    assert_eq!(out.as_array().unwrap().len(), library().len());
}

/// import(export(library)) exports field for field as the library did: CSL ids (the
/// imported ones too), fields, authors, dates, custom; factdesk's own ids come back.
#[test]
fn round_trip() {
    let lib = library();
    let first = export(&lib);
    let back = imp(&first.to_string());
    assert_eq!(back.skipped, 0);
    assert_eq!(export(&back.sources), first);
    let ids = |s: &[Source]| s.iter().skip(1).map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&back.sources), ids(&lib));
    let warnings: Vec<&str> = back.warnings.iter().map(|w| w.as_str()).collect();
    assert_eq!(
        warnings,
        [
            "item 1 (“Bargeld bleibt”): issued: is a range: kept its start, the range is in custom",
            "item 4 (“Undated”): issued: \"Spring 2020\" is not a YYYY-MM-DD date: kept as written in custom",
        ]
    );
}

/// The export rules: own fields, type mapping, dates as numbers, CSL custom keys lifted
/// when their value fits the schema, everything else in custom.
#[test]
fn export_rules() {
    let mut lib = library();
    lib[1].extra = extra(json!({"from-a-newer-factdesk": 1, "publisher": "AFP"}));
    let out = export(&lib);
    assert_eq!(
        out[0],
        json!({
            "id": "http://zotero.org/users/123/items/ABCD1234",
            "type": "article-newspaper", "title": "Bargeld bleibt",
            "container-title": "Süddeutsche Zeitung", "URL": "https://sz.example/1",
            "author": [{"family": "Müller", "given": "Anna"},
                       {"literal": "World Health Organization"},
                       {"family": "Gogh", "given": "Vincent", "dropping-particle": "van",
                        "suffix": "Jr.", "comma-suffix": true}],
            "issued": {"date-parts": [[2022, 10, 11], [2022, 10, 13]]},
            "accessed": {"date-parts": [[2022, 10, 12]]},
            "note": "Primary source.",
            "DOI": "10.5555/x", "publisher": "Süddeutscher Verlag", "language": "de",
            "editor": [{"family": "Rossi", "given": "Marco"}], "volume": 3,
            "categories": ["politics", "economy"], "original-date": {"date-parts": [[2021]]},
            "custom": {"checked": true,
                       "DOI-list": ["a", "b"], "ISBN": 978,
                       "archive_url": "https://web.archive.org/web/2022/https://sz.example/1"}
        })
    );
    assert_eq!(
        out[1],
        json!({"id": "c7", "type": "document", "title": "A leaflet",
               "issued": {"date-parts": [[2020, 5]]}, "accessed": {"date-parts": [[2026, 1, 2]]},
               "publisher": "AFP",
               "custom": {"from-a-newer-factdesk": 1, "factdesk-type": "other"}})
    );
    assert_eq!(out[3]["issued"], json!({"literal": "Spring 2020"}));
    assert_valid(&out);
}

/// A date the source no longer matches is not revived from custom; free text goes out as
/// a literal; a name part CSL does not know is left out.
#[test]
fn stale_dates_and_unknown_name_parts() {
    let mut s = Source::new(SourceId("a".into()), "t", "", "");
    s.issued = "May 2020".into();
    s.author = vec![Name {
        extra: extra(json!({"isInstitution": true})),
        ..name("X", "")
    }];
    s.extra = extra(json!({"custom": {"issued": {"date-parts": [[2019]]}}}));
    let out = export(std::slice::from_ref(&s));
    assert_eq!(
        out,
        json!([{"id": "a", "type": "webpage", "title": "t", "author": [{"family": "X"}],
                "issued": {"literal": "May 2020"},
                "custom": {"issued": {"date-parts": [[2019]]}}}])
    );
    assert_valid(&out);
}

/// A Zotero item survives import and export: every field comes back, dates as numbers.
#[test]
fn zotero_round_trip_loses_nothing() {
    let original: Value = serde_json::from_str(ZOTERO).unwrap();
    let out = export(&imp(ZOTERO).sources);
    assert_valid(&out);
    let (orig, item) = (
        original[0].as_object().unwrap(),
        out[0].as_object().unwrap(),
    );
    for (key, value) in orig {
        let expected = match key.as_str() {
            "issued" => json!({"date-parts": [[2022, 10, 11]]}),
            _ => value.clone(),
        };
        assert_eq!(item[key], expected, "{key}");
    }
    assert_eq!(item.get("custom"), None);
    // And once more: the second import exports the same again.
    let again = import_into(&out.to_string(), &[]);
    assert_eq!(export(&again.sources), out);
    assert_eq!(
        custom(&again.sources[0])["publisher"],
        "Süddeutscher Verlag"
    );
}

/// A Zotero-style export (Zotero URIs and a Better BibTeX key as ids, two articles at one
/// URL, a report and a dataset by a publisher, items without an access date) imports
/// whole and exports field for field as it came in.
#[test]
fn zotero_export_round_trips_field_for_field() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/zotero-export.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let original: Value = serde_json::from_str(&text).unwrap();
    assert_valid(&original);
    let imported = imp(&text);
    assert_eq!(
        (imported.sources.len(), imported.skipped),
        (6, 0),
        "{:?}",
        imported.warnings
    );
    let invented = imported
        .sources
        .iter()
        .filter(|s| !s.accessed.is_empty())
        .count();
    assert_eq!(
        invented, 2,
        "only the two items with an access date have one"
    );
    let out = export(&imported.sources);
    assert_eq!(out, original);
    assert_valid(&out);
    // The publisher stays the publisher: a report is not "in" the World Bank.
    assert_eq!(out[0]["publisher"], "World Bank");
    assert!(out[0].get("container-title").is_none());
}

/// The generated library is deterministic, schema-valid, varied, and imports cleanly.
#[test]
fn generated_library() {
    let lib = generate_library(1000, 42);
    assert_eq!(lib, generate_library(1000, 42));
    assert_ne!(lib, generate_library(1000, 43));
    assert_valid(&lib);
    let text = lib.to_string();
    for needle in [
        "Süddeutsche Zeitung",
        "Reuters",
        "Agence France-Presse",
        "Le Monde",
        "\"literal\"",
        "zotero.org/users/123/items/",
        "https://www.lemonde.example/20",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    let out = import(&text, &[], &mut FixedEntropy::default()).unwrap();
    assert_eq!((out.sources.len(), out.skipped), (1000, 0));
    assert!(
        out.warnings.is_empty(),
        "{:?}",
        &out.warnings[..3.min(out.warnings.len())]
    );
    assert!(out.sources.iter().all(|s| s.accessed >= s.issued));
    assert_eq!(export(&out.sources).as_array().map(Vec::len), Some(1000));
}

/// The schema check bites: raw custom data at the top level, a bad type or name is refused.
#[test]
fn schema_check_is_not_vacuous() {
    let Some(schema) = csl_schema() else {
        return;
    };
    let validator = jsonschema::validator_for(&schema).unwrap();
    for bad in [
        json!([{"id": "a", "type": "webpage", "checked": true}]),
        json!([{"id": "a", "type": "other"}]),
        json!([{"id": "a", "type": "webpage", "author": [{"isInstitution": true}]}]),
        json!([{"id": "a", "type": "webpage", "issued": "2020-05-01"}]),
    ] {
        assert!(!validator.is_valid(&bad), "{bad}");
    }
}
