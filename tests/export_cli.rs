//! `factdesk export` in all three formats, on a real file.

use std::fs;
use std::path::Path;
use std::process::Command;

mod support;
use support::bin;

use factdesk::model::{
    Anchor, Article, Case, Claim, ClaimId, Link, Origin, Scale, Source, SourceId, Stance,
};
use factdesk::store::{self, SavedView};

fn claim(text: &str, exact: &str, id: &str, rating: Option<&str>) -> Claim {
    let start = text[..text.find(exact).unwrap()].chars().count();
    let mut c: Claim = serde_json::from_value(serde_json::json!({
        "id": id, "anchors": [], "text": exact, "claimant": "Olivia Brandt",
        "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z"
    }))
    .unwrap();
    c.anchors.push(Anchor {
        start,
        end: start + exact.chars().count(),
        exact: exact.into(),
        prefix: String::new(),
        suffix: String::new(),
        review: None,
        extra: Default::default(),
    });
    c.verdict.rating = rating.map(String::from);
    c.verdict.explanation = "The operator's own figures show a 12% fall.".into();
    c
}

fn case_file(dir: &Path) -> std::path::PathBuf {
    let text = "Ridership fell by 40% since 2019. The bridge will pay for itself.";
    let origin = Origin {
        path: Some("https://news.example/ferry".into()),
        title: Some("Ferry".into()),
        ..Origin::default()
    };
    let mut case = Case::new(Article::new(text.into(), origin), Scale::default_scale());
    let mut rated = claim(
        text,
        "Ridership fell by 40% since 2019.",
        "aa1",
        Some("False"),
    );
    case.sources.push(Source::new(
        SourceId("s1".into()),
        "Norrsund annual report",
        "https://norrsund.example/report",
        "2026-01-02",
    ));
    let mut link = Link::new(SourceId("s1".into()));
    link.stance = Stance::Refutes;
    link.quote = "Ridership fell by 12%".into();
    rated.links.push(link);
    case.insert_claim(rated);
    case.insert_claim(claim(text, "The bridge will pay for itself.", "bb2", None));
    let path = dir.join("ferry.factdesk.json");
    store::save(&path, &case, &SavedView::default(), &Default::default()).unwrap();
    path
}

fn export(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(bin())
        .arg("export")
        .arg(dir.join("ferry.factdesk.json"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// ClaimReview: without a base URL the error names both ways to set it; with one, one
/// publishable ClaimReview per rated claim, the unrated one reported.
#[test]
fn claimreview() {
    let dir = tempfile::tempdir().unwrap();
    case_file(dir.path());
    let (code, _, err) = export(dir.path(), &["--format", "claimreview"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--base-url") && err.contains("config"),
        "{err}"
    );
    let (code, out, err) = export(
        dir.path(),
        &[
            "--format",
            "claimreview",
            "--base-url",
            "https://check.example/{id}",
            "--author",
            "Daily Tidings Fact Check",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let graph = json["@graph"].as_array().unwrap();
    assert_eq!(graph.len(), 1);
    assert_eq!(graph[0]["url"], "https://check.example/aa1");
    assert_eq!(graph[0]["reviewRating"]["alternateName"], "False");
    assert_eq!(graph[0]["author"]["name"], "Daily Tidings Fact Check");
    assert!(factdesk::export::publishable_problems(&json).is_empty());
    assert!(
        err.contains("not exported") && err.contains("not rated"),
        "{err}"
    );
}

/// Markdown goes to a file with -o; CSV has a header and one row per claim.
#[test]
fn markdown_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    case_file(dir.path());
    let report = dir.path().join("report.md");
    let (code, _, err) = export(
        dir.path(),
        &["--format", "markdown", "-o", report.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{err}");
    let md = fs::read_to_string(&report).unwrap();
    assert!(
        md.contains("Norrsund annual report")
            && md.contains("refutes")
            && md.contains("Pants on Fire"),
        "{md}"
    );
    let (code, out, _) = export(dir.path(), &["--format", "csv"]);
    assert_eq!(code, Some(0));
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.lines().next().unwrap().starts_with("number,id,"));
}

/// A file that cannot be read exits 2 with its name.
#[test]
fn unreadable_file() {
    let out = Command::new(bin())
        .args(["export", "nope.factdesk.json", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.factdesk.json"));
    let _ = ClaimId("x".into());
}
