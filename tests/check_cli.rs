//! `factdesk check` on real files: exit 0 clean, 1 with one line per problem, 2 unreadable.

use std::fs;
use std::process::Command;

mod support;
use support::bin;

use factdesk::model::{Article, Case, Origin, Scale};
use factdesk::store::{self, SavedView};

fn check(path: &std::path::Path) -> (Option<i32>, String) {
    let out = Command::new(bin()).arg("check").arg(path).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// A clean file passes; a hand-broken one lists every problem; garbage is unreadable.
#[test]
fn check_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.factdesk.json");
    let case = Case::new(
        Article::new("Some text.".into(), Origin::default()),
        Scale::default_scale(),
    );
    store::save(&path, &case, &SavedView::default(), &Default::default()).unwrap();
    assert_eq!(check(&path).0, Some(0));

    let mut json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    json["article"]["sha256"] = "0000".into();
    json["claims"] = serde_json::json!([
        {"id": "Bad Id", "anchors": [{"start": 0, "end": 99, "exact": "x"}], "text": "t",
         "created": "c", "updated": "u", "links": [{"source": "gone"}]}
    ]);
    fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let (code, out) = check(&path);
    assert_eq!(code, Some(1));
    assert!(out.lines().count() >= 3, "{out}");
    assert!(out.contains("Bad Id") && out.contains("SHA-256"), "{out}");

    fs::write(&path, "{\"format\": ").unwrap();
    assert_eq!(check(&path).0, Some(2));
}
