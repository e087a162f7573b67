//! Hostile input: truncation, nesting, huge numbers, wrong top-level shapes, versions.

use serde_json::json;

use super::*;

/// A file cut at every byte offset is refused (or, cut only in its trailing whitespace,
/// loads) — never a panic.
#[test]
fn truncation_at_every_byte_never_panics() {
    let json = sample_json();
    let bytes = json.as_bytes();
    assert!(
        bytes.len() < 7000,
        "keep the fixture small: {} bytes",
        bytes.len()
    );
    for cut in 0..=bytes.len() {
        let text = String::from_utf8_lossy(&bytes[..cut]);
        let result = from_json(&text);
        if text.trim_end() == json.trim_end() {
            assert!(result.is_ok(), "cut at {cut}: {:?}", result.err());
        } else {
            assert!(result.is_err(), "cut at {cut} loaded");
        }
    }
}

/// 100,000 nested brackets hit serde_json's recursion limit and give a clean syntax error.
#[test]
fn deep_nesting_is_refused() {
    let deep = "[".repeat(100_000);
    let err = from_json(&deep).unwrap_err();
    assert!(matches!(err, LoadError::Syntax { .. }), "{err}");
    assert!(err.to_string().contains("recursion limit"), "{err}");
    let inside = format!(
        "{{\"format\":\"factdesk-verdicts\",\"version\":1,\"sources\":{}",
        "[".repeat(100_000)
    );
    assert!(matches!(from_json(&inside), Err(LoadError::Syntax { .. })));
}

/// A number too large for a float is a clear syntax error with its position.
#[test]
fn huge_numbers_are_refused() {
    let err = from_json("{\"format\": \"factdesk-verdicts\", \"version\": 1e400}").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("number out of range") && msg.contains("line 1"),
        "{msg}"
    );
    let json = edited(|v| v["x-n"] = json!(0)).replace("\"x-n\": 0", "\"x-n\": -1e400");
    assert!(matches!(from_json(&json), Err(LoadError::Syntax { .. })));
    let json = edited(|v| v["claims"][0]["anchors"][0]["end"] = json!(u64::MAX));
    assert!(matches!(
        from_json(&json),
        Ok(_) | Err(LoadError::Malformed { .. })
    ));
}

/// Empty and whitespace-only input is reported as empty.
#[test]
fn empty_input() {
    assert!(matches!(from_json(""), Err(LoadError::Empty { .. })));
    assert!(matches!(from_json(" \n\t"), Err(LoadError::Empty { .. })));
}

/// JSON that is not an object is "not a factdesk verdict file".
#[test]
fn non_objects_are_not_verdict_files() {
    for input in [
        "null",
        "[]",
        "42",
        "\"text\"",
        "true",
        "[{\"format\": \"factdesk-verdicts\"}]",
    ] {
        let err = from_json(input).unwrap_err();
        assert!(
            matches!(err, LoadError::NotVerdictFile { .. }),
            "{input}: {err}"
        );
        assert!(err.to_string().contains("not a factdesk verdict file"));
    }
}

/// Text that is not JSON is a syntax error with line and column.
#[test]
fn not_json_is_a_syntax_error() {
    let err = from_json("{\n  \"format\": oops\n}").unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::Syntax {
                line: 2,
                column: 13,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("line 2, column 13"), "{err}");
}

/// A missing or different `format` is refused as not a verdict file.
#[test]
fn format_is_checked() {
    let missing = edited(|v| drop(v.as_object_mut().map(|o| o.remove("format"))));
    let err = from_json(&missing).unwrap_err();
    assert!(
        err.to_string()
            .contains("not a factdesk verdict file (it has no \"format\" field)")
    );
    let other = edited(|v| v["format"] = json!("zotero"));
    assert!(
        from_json(&other)
            .unwrap_err()
            .to_string()
            .contains("\"zotero\"")
    );
    let typed = edited(|v| v["format"] = json!(1));
    assert!(matches!(
        from_json(&typed),
        Err(LoadError::NotVerdictFile { .. })
    ));
}

/// A newer version is refused with a message naming both versions.
#[test]
fn newer_version_is_refused() {
    let err = from_json(&edited(|v| v["version"] = json!(7))).unwrap_err();
    assert!(matches!(
        err,
        LoadError::NewerVersion {
            found: 7,
            supported: 3,
            ..
        }
    ));
    assert!(
        err.to_string()
            .contains("this verdict file is version 7; this factdesk reads versions up to 3 — update factdesk to open it"),
        "{err}"
    );
}

/// Version 0, negative, fractional, textual or missing versions are refused.
#[test]
fn bad_versions_are_refused() {
    for bad in [
        json!(0),
        json!(-1),
        json!(1.5),
        json!(1.0),
        json!("1"),
        json!(null),
    ] {
        let err = from_json(&edited(|v| v["version"] = bad.clone())).unwrap_err();
        assert!(matches!(err, LoadError::BadVersion { .. }), "{bad}: {err}");
    }
    let missing = edited(|v| drop(v.as_object_mut().map(|o| o.remove("version"))));
    assert!(
        from_json(&missing)
            .unwrap_err()
            .to_string()
            .contains("missing")
    );
}

/// Version 3 is read as it is; versions 1 and 2 are upgraded step by step (version
/// bumped, claims get empty links); unknown old versions cannot be upgraded.
#[test]
fn migrate_dispatch() {
    let v3 = json!({"version": 3, "a": 1});
    assert_eq!(
        crate::store::format::migrate(v3.clone(), 3).expect("identity"),
        v3
    );
    assert_eq!(
        crate::store::format::migrate(json!({"version": 2, "a": 1}), 2).expect("upgrade"),
        v3
    );
    let v1 = json!({"version": 1, "claims": [{"id": "a"}], "sources": []});
    assert_eq!(
        crate::store::format::migrate(v1, 1).expect("upgrade"),
        json!({"version": 3, "claims": [{"id": "a", "links": []}], "sources": []})
    );
    let bad = json!({"version": 1, "sources": [{"url": "x"}]});
    let err = crate::store::format::migrate(bad, 1)
        .unwrap_err()
        .to_string();
    assert!(err.contains("sources[0]"), "{err}");
    assert!(crate::store::format::migrate(json!({}), 0).is_err());
}

/// A version-1 file as factdesk 0.1 wrote it loads, saves as version 3, and keeps every
/// claim, verdict and unknown field.
#[test]
fn version_1_files_migrate() {
    let v1 = edited(|v| {
        v["version"] = json!(1);
        v["sources"] = json!([]);
        v["article"]
            .as_object_mut()
            .expect("article")
            .remove("meta");
        for claim in v["claims"].as_array_mut().expect("claims") {
            let claim = claim.as_object_mut().expect("claim");
            claim.remove("links");
            claim.remove("number");
        }
    });
    let loaded = from_json(&v1).expect("v1 loads");
    let mut expected = sample_case();
    expected.sources.clear();
    for claim in &mut expected.claims {
        claim.links.clear();
    }
    assert_eq!(loaded.case, expected);
    assert_eq!(loaded.extra, sample_extra());
    let saved = to_json(&loaded.case, &loaded.view, &loaded.extra).expect("saves");
    assert!(saved.contains("\"version\": 3,"));
    assert!(schema_errors(&saved).is_empty());
}

/// A version-2 file as factdesk 0.1.0 wrote it (no claim numbers, no article metadata)
/// loads with its claims numbered C1, C2… in file order (article order, as 0.1.0 showed
/// them), and saves as a version-3 file the schema accepts. Its claimants (0.1.0 saved
/// its guesses there, indistinguishable from typed ones) stay confirmed claimants.
#[test]
fn version_2_files_migrate() {
    let v2 = edited(|v| {
        v["version"] = json!(2);
        v["claims"][0]["claimant"] = json!("Musk");
        v["article"]
            .as_object_mut()
            .expect("article")
            .remove("meta");
        for claim in v["claims"].as_array_mut().expect("claims") {
            claim.as_object_mut().expect("claim").remove("number");
        }
    });
    let loaded = from_json(&v2).expect("v2 loads");
    let numbers: Vec<u32> = loaded.case.claims.iter().map(|c| c.number).collect();
    assert_eq!(
        numbers,
        (1..=loaded.case.claims.len() as u32).collect::<Vec<_>>()
    );
    let first = &loaded.case.claims[0];
    assert_eq!(
        (first.claimant.as_str(), &first.claimant_guess),
        ("Musk", &None)
    );
    let mut expected = sample_case();
    expected.claims[0].claimant = "Musk".into();
    assert_eq!(loaded.case, expected);
    let saved = to_json(&loaded.case, &loaded.view, &loaded.extra).expect("saves");
    assert!(saved.contains("\"version\": 3,") && saved.contains("\"number\": 1,"));
    assert!(schema_errors(&saved).is_empty());
}

/// The publishing fields (claimant guess and kind, claim date, first appearance, first
/// publication) round-trip and the schema accepts them; a kind that is neither person
/// nor organization is refused by the schema.
#[test]
fn publishing_fields_round_trip() {
    let mut case = sample_case();
    let c = &mut case.claims[0];
    c.claimant_guess = Some("Musk".into());
    c.claimant_kind = Some(crate::model::ClaimantKind::Organization);
    c.made_on = Some("2026-01-01".into());
    c.first_appearance = Some("https://social.example/1".into());
    c.verdict.published = Some(crate::model::Published {
        date: "2026-01-05".into(),
        rating: Some("False".into()),
        extra: Default::default(),
    });
    let saved = to_json(&case, &SavedView::default(), &Default::default()).expect("saves");
    assert!(
        schema_errors(&saved).is_empty(),
        "{:?}",
        schema_errors(&saved)
    );
    assert_eq!(from_json(&saved).expect("loads").case, case);
    let bad = saved.replace("\"organization\"", "\"robot\"");
    assert!(!schema_errors(&bad).is_empty());
}

/// A UTF-8 byte-order mark before the JSON is ignored.
#[test]
fn bom_is_ignored() {
    let json = format!("\u{feff}{}", sample_json());
    assert_eq!(from_json(&json).expect("loads").case, sample_case());
}

/// Two sources with one id refuse the file; a link to a missing source opens with a
/// warning naming both, and the link is kept.
#[test]
fn source_ids_and_dangling_links() {
    let dup = edited(|v| v["sources"][1]["id"] = json!("s1"));
    let err = from_json(&dup).unwrap_err().to_string();
    assert!(
        err.contains("source id \"s1\" is used by more than one source"),
        "{err}"
    );
    let dangling = edited(|v| v["claims"][0]["links"][1]["source"] = json!("gone"));
    let loaded = from_json(&dangling).expect("opens");
    let warning = loaded
        .warnings
        .iter()
        .map(ToString::to_string)
        .find(|w| w.contains("gone"));
    assert!(warning.is_some_and(|w| w.contains("k3x9q2ma") && w.contains("kept")));
    assert_eq!(loaded.case.claims[0].links.len(), 2);
}
