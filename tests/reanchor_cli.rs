//! `factdesk reanchor` on real files: the sample article with a one-character fix, exit
//! codes, JSON, `.bak`, and bad inputs.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use factdesk::model::{Article, Case, Claim, Origin, Scale};
use factdesk::store::{self, SavedView};
use factdesk::text::CharIndex;
use serde_json::Value;

/// A verdict file on `text` with one claim per given quote.
fn verdict_file(dir: &Path, text: &str, quotes: &[&str]) -> PathBuf {
    let mut case = Case::new(
        Article::new(text.into(), Origin::default()),
        Scale::default_scale(),
    );
    let index = CharIndex::new(text);
    for (n, quote) in quotes.iter().enumerate() {
        let at = text.find(quote).unwrap();
        let mut claim: Claim = serde_json::from_value(serde_json::json!({
            "id": format!("c{n}"), "number": n + 1, "anchors": [], "text": quote,
            "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z"
        }))
        .unwrap();
        claim
            .anchors
            .push(factdesk::anchor::create(text, &index, at..at + quote.len()));
        case.claims.push(claim);
    }
    case.sort_claims();
    let path = dir.join("case.factdesk.json");
    store::save(&path, &case, &SavedView::default(), &Default::default()).unwrap();
    path
}

fn run(args: &[&Path]) -> Output {
    Command::new(support::bin())
        .arg("reanchor")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The report: "Putinbefore" → "Putin before" in the sample keeps every claim
/// after it (moved), and writes the file with a `.bak` of the old one.
#[test]
fn sample_fix_moves_claims() {
    let Some(sample) = support::shared("sample/musk-putin-article.txt") else {
        return;
    };
    let text = fs::read_to_string(sample).unwrap();
    let text = factdesk::text::decode_article(text.as_bytes()).text;
    let fixed = text.replacen("Putinbefore", "Putin before", 1);
    assert_ne!(fixed, text, "the sample has the typo");
    let at = text.find("Putinbefore").unwrap();
    let later = factdesk::text::sentences(&text)
        .into_iter()
        .filter(|r| r.start > at + 20)
        .take(7)
        .map(|r| text[r].to_string())
        .collect::<Vec<_>>();
    let quotes: Vec<&str> = later.iter().map(String::as_str).collect();
    let dir = tempfile::tempdir().unwrap();
    let file = verdict_file(dir.path(), &text, &quotes);
    let new = dir.path().join("new.txt");
    fs::write(&new, &fixed).unwrap();
    let out = run(&[&file, &new]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out).lines().count(), 7);
    assert!(
        stdout(&out).lines().all(|l| l.ends_with(" moved")),
        "{}",
        stdout(&out)
    );
    assert!(dir.path().join("case.factdesk.json.bak").exists());
    let saved = store::load(&file).unwrap().case;
    assert_eq!(saved.article.text, fixed);
    assert_eq!(saved.article.versions[0].text, text);
    assert!(store::orphans(&saved).is_empty());
}

/// A claim edited in place exits 1 and says "changed" with both quotes; `--json` gives
/// the documented shape; `-o` leaves the verdict file alone.
#[test]
fn changed_claim_json_and_output() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Intro. Oil fell 3 % in May. Gas rose. The minister quit on Monday. End.";
    let file = verdict_file(
        dir.path(),
        text,
        &["Oil fell 3 % in May", "The minister quit on Monday."],
    );
    let new = dir.path().join("new.txt");
    fs::write(&new, "Intro. Oil fell 5 % in May. Gas rose. End.").unwrap();
    let out = run(&[&file, &new]);
    assert_eq!(out.status.code(), Some(1));
    let lines = stdout(&out);
    assert!(
        lines.contains("C1 changed: \"Oil fell 3 % in May\" → \"Oil fell 5 % in May\""),
        "{lines}"
    );
    assert!(
        lines.contains("C2 orphaned: \"The minister quit on Monday.\" not found"),
        "{lines}"
    );

    let file = verdict_file(dir.path(), text, &["Oil fell 3 % in May", "Gas rose."]);
    let before = fs::read(&file).unwrap();
    let other = dir.path().join("other.json");
    let out = run(&[&file, &new, Path::new("--json"), Path::new("-o"), &other]);
    assert_eq!(out.status.code(), Some(1));
    let items: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items[0]["status"], "changed");
    assert_eq!(items[0]["claim"], "c0");
    assert_eq!(items[0]["number"], 1);
    assert_eq!(items[0]["old"]["exact"], "Oil fell 3 % in May");
    assert_eq!(items[0]["new"]["start"], 7);
    // Next to the deleted sentence: found at its own place (exact, or for review).
    assert_ne!(items[1]["status"], "orphaned");
    assert_eq!(items[1]["new"]["start"], items[1]["old"]["start"]);
    assert_eq!(fs::read(&file).unwrap(), before, "-o writes elsewhere");
    let saved = store::load(&other).unwrap().case;
    assert!(saved.claims[0].needs_review());
}

/// Bad inputs exit 2 with a message and change nothing: missing files, a directory, a
/// file that is no verdict file; hostile article text re-anchors without trouble.
#[test]
fn bad_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = verdict_file(d, "One claim here. Two.", &["One claim here."]);
    let before = fs::read(&file).unwrap();
    let missing = d.join("missing.txt");
    let out = run(&[&file, &missing]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
    let out = run(&[&file, d]);
    assert_eq!(out.status.code(), Some(2));
    let junk = d.join("junk.json");
    fs::write(&junk, "{not json").unwrap();
    let new = d.join("new.txt");
    fs::write(&new, "One claim here. Two.").unwrap();
    assert_eq!(run(&[&junk, &new]).status.code(), Some(2));
    assert_eq!(fs::read(&file).unwrap(), before);

    // Empty and hostile new texts: claims are orphaned, nothing control reaches stdout.
    fs::write(&new, "").unwrap();
    let out = run(&[&file, &new]);
    assert_eq!(out.status.code(), Some(1));
    if let Some(blns) = support::shared("testdata/hostile/blns.txt") {
        let blns = fs::read(blns).unwrap();
        fs::write(&new, &blns).unwrap();
        let file = verdict_file(
            d,
            "a \u{1b}[31m red \u{7} claim. Rest.",
            &["\u{1b}[31m red \u{7} claim."],
        );
        let out = run(&[&file, &new]);
        assert!(matches!(out.status.code(), Some(0 | 1)));
        assert!(
            !out.stdout.iter().any(|&b| b == 0x1b || b == 0x07),
            "{}",
            stdout(&out)
        );
    }
}
