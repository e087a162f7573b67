//! Publishing from the command line: stable review dates, one file per claim, `<script>`
//! blocks, `factdesk meta` and `factdesk check --strict`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use factdesk::model::{Anchor, Article, Case, Claim, Origin, Scale};
use factdesk::store::{self, SavedView};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_factdesk")
}

const TEXT: &str = "Ridership fell by 40% since 2019. The bridge </script> will pay for itself.";

fn claim(exact: &str, id: &str, rating: Option<&str>) -> Claim {
    let start = TEXT[..TEXT.find(exact).unwrap()].chars().count();
    let mut c: Claim = serde_json::from_value(serde_json::json!({
        "id": id, "anchors": [], "text": exact, "claimant": "",
        "claimant_guess": "Olivia Brandt",
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
    c.verdict.rated_at = Some("2026-01-02T00:00:00Z".into());
    c.verdict.explanation = "The operator's own figures show a 12% fall.".into();
    c
}

fn case_file(dir: &Path) -> PathBuf {
    let origin = Origin {
        path: Some("/home/someone/ferry.txt".into()),
        title: Some("Ferry".into()),
        ..Origin::default()
    };
    let mut case = Case::new(Article::new(TEXT.into(), origin), Scale::default_scale());
    case.insert_claim(claim(
        "Ridership fell by 40% since 2019.",
        "aa1",
        Some("False"),
    ));
    case.insert_claim(claim(
        "The bridge </script> will pay for itself.",
        "bb2",
        Some("True"),
    ));
    let path = dir.join("ferry.factdesk.json");
    store::save(&path, &case, &SavedView::default(), &Default::default()).unwrap();
    path
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(bin())
        .args(args)
        .env("FACTDESK_CONFIG", "/nonexistent/factdesk-test-config.toml")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const REVIEW: [&str; 6] = [
    "--format",
    "claimreview",
    "--base-url",
    "https://check.example/{id}",
    "--author",
    "Tidings Check",
];

/// The first ClaimReview export records each review's date in the verdict file; a later
/// one (or with another --date) keeps it unless --date overrides, which records nothing.
#[test]
fn review_dates_are_recorded_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = case_file(dir.path());
    let f = file.to_str().unwrap();
    let mut args = vec!["export", f];
    args.extend(REVIEW);
    let (code, out, err) = run(&args);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("Recorded the first publication of C1, C2"),
        "{err}"
    );
    let today =
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["@graph"][0]["datePublished"]
            .as_str()
            .unwrap()
            .to_string();
    let saved = store::load(&file).unwrap();
    let published = saved.case.claims[0].verdict.published.clone().unwrap();
    assert_eq!(
        (published.date.as_str(), published.rating.as_deref()),
        (today.as_str(), Some("False"))
    );
    let mut forced = args.clone();
    forced.extend(["--date", "2020-02-02"]);
    let (_, out, err) = run(&forced);
    assert!(out.contains("\"datePublished\": \"2020-02-02\""), "{out}");
    assert!(!err.contains("Recorded"), "{err}");
    assert_eq!(
        store::load(&file).unwrap().case.claims[0].verdict.published,
        Some(published)
    );
    // Guessed claimants are never published, and the export says so.
    assert!(!out.contains("Olivia Brandt"), "{out}");
    assert!(
        err.contains("warning: C1's claimant \"Olivia Brandt\" is only a guess"),
        "{err}"
    );
}

/// --per-claim writes one JSON-LD document per claim; with --html each is a script block
/// whose JSON cannot close the element.
#[test]
fn per_claim_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let file = case_file(dir.path());
    let out_dir = dir.path().join("reviews");
    let mut args = vec!["export", file.to_str().unwrap()];
    args.extend(REVIEW);
    args.extend([
        "--per-claim",
        out_dir.to_str().unwrap(),
        "--date",
        "2026-01-05",
    ]);
    let (code, _, err) = run(&args);
    assert_eq!(code, Some(0), "{err}");
    let one: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out_dir.join("C1.jsonld")).unwrap()).unwrap();
    assert_eq!(one["@type"], "ClaimReview");
    assert_eq!(one["@context"], "https://schema.org");
    assert!(factdesk::export::publishable_problems(&one).is_empty());
    args.push("--html");
    let (code, _, err) = run(&args);
    assert_eq!(code, Some(0), "{err}");
    let html = fs::read_to_string(out_dir.join("C2.html")).unwrap();
    assert!(
        html.starts_with("<script type=\"application/ld+json\">\n"),
        "{html}"
    );
    assert_eq!(html.matches("</script>").count(), 1, "{html}");
    assert!(html.contains("\\u003c/script\\u003e"), "{html}");
}

/// `factdesk meta` sets fields (saved, provenance "checker"), prints them, and --json gives
/// the documented keys; a bad value exits 2 and changes nothing; the URL reaches the
/// Markdown origin, the local path never does.
#[test]
fn meta_sets_prints_and_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let file = case_file(dir.path());
    let f = file.to_str().unwrap();
    let (code, out, err) = run(&[
        "meta",
        f,
        "--url",
        "https://news.example/ferry",
        "--outlet",
        "Daily Tidings",
        "--author",
        "R. Okafor",
        "--author",
        "J. Berg",
        "--published",
        "2026-01-01",
        "--language",
        "en",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("url        https://news.example/ferry  (checker)"),
        "{out}"
    );
    let (_, out, _) = run(&["meta", f, "--json"]);
    let json: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 7);
    for key in [
        "url",
        "title",
        "outlet",
        "authors",
        "published",
        "retrieved",
        "language",
    ] {
        assert!(json.get(key).is_some(), "{key} missing: {json}");
    }
    assert_eq!(json["authors"], serde_json::json!(["R. Okafor", "J. Berg"]));
    let before = fs::read(&file).unwrap();
    for bad in [
        ["--url", "javascript:alert(1)"],
        ["--published", "yesterday"],
        ["--language", "\u{1b}[31m"],
    ] {
        let mut args = vec!["meta", f];
        args.extend(bad);
        let (code, _, err) = run(&args);
        assert_eq!(code, Some(2), "{bad:?}: {err}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
    }
    assert_eq!(fs::read(&file).unwrap(), before);
    let (_, md, _) = run(&["export", f, "--format", "markdown"]);
    assert!(
        md.contains("- **Origin:** [https://news.example/ferry]"),
        "{md}"
    );
    assert!(!md.contains("/home/someone"), "{md}");
}

/// `check` reports lint on stderr and exits 0; `check --strict` prints it and exits 1.
#[test]
fn check_strict_fails_on_lint() {
    let dir = tempfile::tempdir().unwrap();
    let file = case_file(dir.path());
    let f = file.to_str().unwrap();
    let (code, out, err) = run(&["check", f]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        err.contains("lint: C1 is rated but cites no source"),
        "{err}"
    );
    let (code, out, _) = run(&["check", "--strict", f]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("lint: C2's claimant \"Olivia Brandt\" is only a guess"),
        "{out}"
    );
}
