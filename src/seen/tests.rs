//! Tests of "seen before" matching and folder scanning.

use super::*;

fn record(file: &str, label: &str, text: &str, rating: Option<&str>) -> Record {
    Record {
        file: PathBuf::from(file),
        label: label.into(),
        text: text.into(),
        rating: rating.map(String::from),
    }
}

/// A reworded claim finds the earlier one; unrelated and one-word overlaps do not match.
#[test]
fn finds_the_reworded_claim() {
    let index = Index::new(vec![
        record(
            "2022-10-musk.factdesk.json",
            "C3",
            "Musk spoke with Putin before tweeting his peace plan for Ukraine",
            Some("False"),
        ),
        record(
            "other.factdesk.json",
            "C1",
            "Ferry ridership fell by 40% since 2019",
            None,
        ),
    ]);
    let found = index
        .best(
            "Elon Musk spoke with Putin before tweeting a peace plan for Ukraine",
            None,
        )
        .expect("a match");
    assert_eq!(found.record.label, "C3");
    assert_eq!(
        found.describe(),
        "similar to C3 in 2022-10-musk.factdesk.json — rated False"
    );
    assert!(index.best("Putin visited a ferry", None).is_none());
    assert!(index.best("", None).is_none());
    assert!(
        index
            .best(
                "Musk spoke with Putin before tweeting his peace plan for Ukraine",
                Some(Path::new("2022-10-musk.factdesk.json"))
            )
            .is_none(),
        "the excluded file is not matched"
    );
}

/// Scanning a folder reads verdict files, skips broken ones with a reason and the open case.
#[test]
fn scan_tolerates_broken_files() {
    use crate::model::{Article, Case, Claim, Origin, Scale};
    let dir = tempfile::tempdir().unwrap();
    let mut case = Case::new(
        Article::new("Musk spoke with Putin in 2022.".into(), Origin::default()),
        Scale::default_scale(),
    );
    let mut claim: Claim = serde_json::from_value(serde_json::json!({
        "id": "c1", "anchors": [], "text": "Musk spoke with Putin in 2022",
        "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z"
    }))
    .unwrap();
    claim.verdict.rating = Some("False".into());
    case.insert_claim(claim);
    let good = dir.path().join("good.factdesk.json");
    crate::store::save(&good, &case, &Default::default(), &Default::default()).unwrap();
    let own = dir.path().join("own.factdesk.json");
    crate::store::save(&own, &case, &Default::default(), &Default::default()).unwrap();
    std::fs::write(dir.path().join("broken.factdesk.json"), "{ not json").unwrap();
    std::fs::write(dir.path().join("empty.factdesk.json"), "").unwrap();
    std::fs::write(
        dir.path().join("notes.txt"),
        "Musk spoke with Putin in 2022",
    )
    .unwrap();
    let scan = scan(dir.path(), Some(&own));
    assert_eq!(scan.index.len(), 1);
    assert_eq!(scan.skipped.len(), 2, "{:?}", scan.skipped);
    let found = scan
        .index
        .best("Musk spoke to Putin in 2022", None)
        .expect("a match");
    assert_eq!(found.record.file, good);
    assert_eq!(found.record.rating.as_deref(), Some("False"));
    let missing = super::scan(&dir.path().join("nope"), None);
    assert!(missing.index.is_empty() && missing.skipped.len() == 1);
}
