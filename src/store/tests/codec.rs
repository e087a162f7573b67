//! The JSON format: round trips, refusals, hard errors, warnings, orphans, helpers, schema.

use serde_json::{Value, json};

use super::*;

/// A case with non-ASCII text, rated and unrated claims, a multiline explanation and
/// unknown fields at every level loads back identically, with no warnings.
#[test]
fn round_trip_is_identical() {
    let json = sample_json();
    let loaded = from_json(&json).expect("loads");
    assert_eq!(loaded.case, sample_case());
    assert_eq!(loaded.view, sample_view());
    assert_eq!(loaded.extra, sample_extra());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert!(orphans(&loaded.case).is_empty());
}

/// Serialising the same case twice, or a loaded copy of it, gives the same bytes.
#[test]
fn output_is_byte_stable() {
    let first = sample_json();
    assert_eq!(first, sample_json());
    let l = from_json(&first).expect("loads");
    assert_eq!(to_json(&l.case, &l.view, &l.extra).expect("saves"), first);
}

/// The layout: format and version first, 2-space indent, struct-order keys, unknown fields
/// after known ones, trailing newline.
#[test]
fn layout_is_pretty_and_ordered() {
    let json = sample_json();
    assert!(json.starts_with("{\n  \"format\": \"factdesk-verdicts\",\n  \"version\": 3,\n"));
    assert!(json.ends_with("}\n") && !json.ends_with("\n\n"));
    let keys: Vec<String> = match serde_json::from_str::<Value>(&json).expect("JSON") {
        Value::Object(m) => m.keys().cloned().collect(),
        _ => panic!("not an object"),
    };
    let expected = [
        "format", "version", "article", "scale", "claims", "sources", "history", "view",
    ];
    assert_eq!(keys[..8], expected);
    assert_eq!(keys[8..], ["x-generator", "x-big"]);
    let text_at = json.find("\"text\"").expect("text");
    assert!(
        text_at < json.find("\"sha256\"").expect("sha")
            && text_at < json.find("x-language").expect("x")
    );
}

/// The JSON we write is valid against the bundled schema.
#[test]
fn saved_json_matches_schema() {
    let errors = schema_errors(&sample_json());
    assert!(errors.is_empty(), "{errors:?}");
}

/// A "Conclusion only" case (no labels, written conclusions) saves, matches the schema and
/// loads back unchanged, without warnings.
#[test]
fn conclusion_only_case_round_trips() {
    let mut case = sample_case();
    case.scale = Scale::preset("conclusion-only").expect("bundled preset");
    for claim in &mut case.claims {
        claim.verdict.rating = None;
    }
    let json = to_json(&case, &sample_view(), &sample_extra()).expect("saves");
    let errors = schema_errors(&json);
    assert!(errors.is_empty(), "{errors:?}");
    let loaded = from_json(&json).expect("loads");
    assert_eq!(loaded.case, case);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

/// The schema is strict on known fields: a bad status, version, id, colour or offset fails.
#[test]
fn schema_rejects_broken_files() {
    let breakages: Vec<fn(&mut Value)> = vec![
        |v| v["claims"][0]["status"] = json!("done"),
        |v| v["version"] = json!(4),
        |v| drop(v["claims"][0].as_object_mut().map(|c| c.remove("number"))),
        |v| v["sources"][0]["issued"] = json!("last spring"),
        |v| v["claims"][0]["links"][0]["stance"] = json!("agrees"),
        |v| v["sources"][0]["id"] = json!("Not Valid"),
        |v| v["format"] = json!("other"),
        |v| v["claims"][0]["id"] = json!("Bad Id"),
        |v| v["scale"]["labels"][0]["colour"] = json!("green"),
        |v| v["claims"][0]["anchors"][0]["start"] = json!(-1),
        |v| v["scale"]["labels"][0]["value"] = json!(1.5),
        |v| v["scale"]["labels"] = json!([]),
        |v| v["claims"][0]["verdict"]["rating"] = json!(3),
        |v| drop(v.as_object_mut().map(|o| o.remove("article"))),
    ];
    for (i, brk) in breakages.into_iter().enumerate() {
        assert!(
            !schema_errors(&edited(brk)).is_empty(),
            "breakage {i} passed the schema"
        );
    }
}

/// Duplicate ids are refused on save, naming the id, instead of writing a broken file.
#[test]
fn save_refuses_duplicate_and_invalid_ids() {
    let mut case = sample_case();
    case.claims[1].id = case.claims[0].id.clone();
    let err = to_json(&case, &SavedView::default(), &Map::new()).unwrap_err();
    assert!(err.to_string().contains("k3x9q2ma"), "{err}");
    case.claims[1].id = ClaimId("Not/Valid".into());
    let err = to_json(&case, &SavedView::default(), &Map::new()).unwrap_err();
    assert!(err.to_string().contains("Not/Valid"), "{err}");
}

/// Other invariants are refused on save: reversed anchors, a cursor past the text, extra
/// fields that clash with known ones, an invalid scale.
#[test]
fn save_refuses_what_would_not_reload() {
    let view = SavedView::default();
    let none = Map::new();
    let mut case = sample_case();
    case.claims[0].anchors[0].start = 100;
    case.claims[0].anchors[0].end = 5;
    assert!(to_json(&case, &view, &none).is_err());

    let far = SavedView {
        cursor: TEXT.chars().count() + 1,
        ..SavedView::default()
    };
    assert!(to_json(&sample_case(), &far, &none).is_err());
    let at_end = SavedView {
        cursor: TEXT.chars().count(),
        ..SavedView::default()
    };
    assert!(to_json(&sample_case(), &at_end, &none).is_ok());

    let mut case = sample_case();
    case.article.extra.insert("text".into(), json!("again"));
    let err = to_json(&case, &view, &none).unwrap_err().to_string();
    assert!(err.contains("\"text\""), "{err}");
    let clash = obj(json!({"version": 2}));
    assert!(to_json(&sample_case(), &view, &clash).is_err());

    let mut case = sample_case();
    case.scale.labels.clear();
    assert!(to_json(&case, &view, &none).is_err());
}

/// Duplicate ids in a file refuse it with a message naming the id.
#[test]
fn load_refuses_duplicate_ids() {
    let json = edited(|v| v["claims"][1]["id"] = json!("k3x9q2ma"));
    let err = from_json(&json).unwrap_err();
    assert!(matches!(err, LoadError::Invalid { .. }));
    assert!(
        err.to_string()
            .contains("\"k3x9q2ma\" is used by more than one"),
        "{err}"
    );
}

/// An invalid id refuses the file, naming the id.
#[test]
fn load_refuses_invalid_id() {
    let err = from_json(&edited(|v| v["claims"][0]["id"] = json!("../etc"))).unwrap_err();
    assert!(matches!(err, LoadError::Invalid { .. }));
    assert!(err.to_string().contains("\"../etc\""), "{err}");
}

/// An anchor starting after its end refuses the file, naming the claim.
#[test]
fn load_refuses_reversed_anchor() {
    let err = from_json(&edited(|v| {
        v["claims"][0]["anchors"][0]["start"] = json!(60)
    }))
    .unwrap_err();
    assert!(matches!(err, LoadError::Invalid { .. }));
    assert!(err.to_string().contains("k3x9q2ma") && err.to_string().contains("after its end"));
}

/// An invalid scale refuses the file.
#[test]
fn load_refuses_invalid_scale() {
    let err = from_json(&edited(|v| {
        v["scale"]["labels"][2]["colour"] = json!("red")
    }))
    .unwrap_err();
    assert!(matches!(err, LoadError::Invalid { .. }) && err.to_string().contains("red"));
}

/// A wrong type is reported with where it is and serde_json's line and column.
#[test]
fn wrong_type_names_location_and_line() {
    let err = from_json(&edited(|v| {
        v["claims"][1]["anchors"][0]["end"] = json!("x")
    }))
    .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, LoadError::Malformed { .. }), "{msg}");
    assert!(msg.contains("claims[1] (id \"c2\").anchors[0]"), "{msg}");
    assert!(msg.contains("line") && msg.contains("column"), "{msg}");
    let err = from_json(&edited(|v| {
        drop(v["claims"][0].as_object_mut().map(|c| c.remove("created")))
    }));
    assert!(
        err.unwrap_err()
            .to_string()
            .contains("missing field `created`")
    );
}

/// A text changed outside factdesk opens with the hash warning; its anchors become orphans
/// but are kept exactly as saved.
#[test]
fn hash_mismatch_warns() {
    let json = edited(|v| v["article"]["text"] = json!(format!("Intro.\n{TEXT}")));
    let l = from_json(&json).expect("opens");
    assert!(
        l.warnings
            .iter()
            .any(|w| matches!(w, LoadWarning::HashMismatch { .. }))
    );
    let shown: Vec<String> = l.warnings.iter().map(ToString::to_string).collect();
    assert!(
        shown.iter().any(|s| s.contains("edited outside factdesk")),
        "{shown:?}"
    );
    assert_eq!(l.case.claims, sample_case().claims);
    assert_eq!(orphans(&l.case).len(), 3);
}

/// An anchor past the end of the text is an orphan: warned about, listed, not moved.
#[test]
fn out_of_range_anchor_is_kept_as_orphan() {
    let json = edited(|v| v["claims"][1]["anchors"][1]["end"] = json!(10_000));
    let l = from_json(&json).expect("opens");
    assert!(matches!(
        l.warnings.as_slice(),
        [LoadWarning::AnchorOutOfRange {
            anchor: 1,
            end: 10_000,
            ..
        }]
    ));
    assert_eq!(l.case.claims[1].anchors[1].end, 10_000);
    assert_eq!(orphans(&l.case), vec![(ClaimId("c2".into()), 1)]);
}

/// An anchor whose exact text differs from the article there is an orphan, kept as loaded.
#[test]
fn exact_mismatch_is_orphan() {
    let json = edited(|v| v["claims"][0]["anchors"][0]["exact"] = json!("rents fell"));
    let l = from_json(&json).expect("opens");
    assert!(matches!(
        l.warnings.as_slice(),
        [LoadWarning::AnchorMismatch { .. }]
    ));
    assert_eq!(l.case.claims[0].anchors[0].exact, "rents fell");
    assert_eq!(orphans(&l.case), vec![(ClaimId("k3x9q2ma".into()), 0)]);
}

/// A rating that is not on the scale opens with a warning naming the claim.
#[test]
fn unknown_rating_warns() {
    let l = from_json(&edited(|v| {
        v["claims"][0]["verdict"]["rating"] = json!("Sorta\nTrue")
    }))
    .expect("opens");
    assert_eq!(l.warnings.len(), 1);
    let shown = l.warnings[0].to_string();
    assert!(
        shown.contains("k3x9q2ma") && !shown.contains('\n'),
        "{shown}"
    );
}

/// A cursor past the end of the text is clamped to the end, with a warning.
#[test]
fn cursor_is_clamped() {
    let l = from_json(&edited(|v| v["view"]["cursor"] = json!(1_000_000))).expect("opens");
    let len = TEXT.chars().count();
    assert_eq!(l.view.cursor, len);
    assert_eq!(l.view.extra, sample_view().extra);
    assert_eq!(
        l.warnings,
        [LoadWarning::CursorClamped {
            cursor: 1_000_000,
            len
        }]
    );
}

/// Every warning displays as a single line, and claim warnings name their claim.
#[test]
fn warnings_are_one_line() {
    let json = edited(|v| {
        v["article"]["sha256"] = json!("00");
        v["claims"][0]["anchors"][0]["exact"] = json!("a\nb");
        v["claims"][1]["anchors"][0]["end"] = json!(999);
        v["claims"][1]["verdict"]["rating"] = json!("Nope");
        v["view"]["cursor"] = json!(999);
    });
    let l = from_json(&json).expect("opens");
    assert_eq!(l.warnings.len(), 5);
    for w in &l.warnings {
        let s = w.to_string();
        assert!(!s.contains('\n'), "{s}");
        match w {
            LoadWarning::HashMismatch { .. } | LoadWarning::CursorClamped { .. } => {}
            _ => assert!(s.contains("k3x9q2ma") || s.contains("c2"), "{s}"),
        }
    }
}

/// Missing optional parts (sources, history, view) default; missing claims refuse.
#[test]
fn optional_parts_default() {
    let json = edited(|v| {
        let o = v.as_object_mut().expect("object");
        o.remove("sources");
        o.remove("history");
        o.remove("view");
    });
    let l = from_json(&json).expect("opens");
    assert!(l.case.sources.is_empty() && l.view == SavedView::default());
    let json = edited(|v| drop(v.as_object_mut().map(|o| o.remove("claims"))));
    assert!(matches!(from_json(&json), Err(LoadError::Malformed { .. })));
}

/// The default path swaps the last extension for `.factdesk.json`, in the same directory.
#[test]
fn default_paths() {
    let p = |s: &str| default_path_for(Path::new(s));
    assert_eq!(p("notes.txt"), Path::new("notes.factdesk.json"));
    assert_eq!(p("/a/b/a.b.md"), Path::new("/a/b/a.b.factdesk.json"));
    assert_eq!(p("dir/README"), Path::new("dir/README.factdesk.json"));
    assert_eq!(p("/x/.hidden"), Path::new("/x/.hidden.factdesk.json"));
}

/// Verdict files are recognised by name or by their first bytes, and others are not.
#[test]
fn recognises_verdict_files() {
    let any = Path::new("case.json");
    assert!(looks_like_verdict_file(Path::new("a/b.factdesk.json"), b""));
    assert!(looks_like_verdict_file(Path::new("B.FACTDESK.JSON"), b""));
    assert!(looks_like_verdict_file(any, sample_json().as_bytes()));
    assert!(looks_like_verdict_file(
        any,
        b"\xEF\xBB\xBF \n{\"format\":\"factdesk-verdicts\""
    ));
    assert!(!looks_like_verdict_file(
        any,
        b"[\"format\", \"factdesk-verdicts\"]"
    ));
    assert!(!looks_like_verdict_file(any, b"{\"format\": \"other\"}"));
    assert!(!looks_like_verdict_file(
        Path::new("notes.txt"),
        "é\u{0}".as_bytes()
    ));
    assert!(!looks_like_verdict_file(Path::new(".factdesk.json"), b""));
}

/// A value nested deeper than serde_json reads back (built in memory, not parsed) is
/// refused on save rather than written into a file that would not open.
#[test]
fn save_refuses_unreadable_nesting() {
    let mut deep = json!(0);
    for _ in 0..200 {
        deep = json!([deep]);
    }
    let mut case = sample_case();
    case.history.push(deep);
    let err = to_json(&case, &SavedView::default(), &Map::new()).unwrap_err();
    assert!(err.to_string().contains("would not load back"), "{err}");
}

/// Dismissed suggestions save, match the schema (a broken one does not) and load back;
/// a case without any leaves the field out.
#[test]
fn dismissed_suggestions_round_trip() {
    let mut case = sample_case();
    let json = to_json(&case, &sample_view(), &sample_extra()).expect("saves");
    assert!(!json.contains("\"suggestions\""));
    case.suggestions.dismissed.push(crate::model::Dismissal {
        start: 0,
        end: 5,
        exact: case.article.text.chars().take(5).collect(),
        extra: Default::default(),
    });
    let json = to_json(&case, &sample_view(), &sample_extra()).expect("saves");
    let errors = schema_errors(&json);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(from_json(&json).expect("loads").case, case);
    let broken = json.replacen(
        "\"start\": 0,\n        \"end\": 5",
        "\"start\": -1,\n        \"end\": 5",
        1,
    );
    assert_ne!(broken, json);
    assert!(!schema_errors(&broken).is_empty());
}
