//! `factdesk suggest` on real files: JSON lines, char offsets, order, dismissals, bad input.

use std::fs;
use std::process::Command;

use factdesk::model::{Article, Case, Dismissal, Origin, Scale};
use factdesk::store::{self, SavedView};

const ARTICLE: &str = "Zürich’s rents rose 40% since 2019, the council said, costing tenants $3 billion.\n\nI think it is lovely here?\n\nUnemployment fell to 3.5 percent in 2022, the lowest since 1969, officials reported.";

fn run(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(args)
        .output()
        .expect("factdesk runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// JSON lines carry exactly the documented keys, with offsets in chars of the article.
#[test]
fn json_lines_in_char_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, ARTICLE).unwrap();
    let (stdout, stderr, code) = run(&["suggest", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let rows = json_lines(&stdout);
    assert_eq!(rows.len(), 2, "{stdout}");
    let chars: Vec<char> = ARTICLE.chars().collect();
    for row in &rows {
        let obj = row.as_object().unwrap();
        let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "start",
                "end",
                "text",
                "score",
                "suggested",
                "reasons",
                "residue",
                "claimant_guess"
            ]
        );
        let (s, e) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            row["text"].as_str().unwrap()
        );
        assert_eq!(row["suggested"], true);
        assert!(row["residue"].is_null());
    }
    assert!(
        rows[0]["score"].as_f64() >= rows[1]["score"].as_f64(),
        "best first"
    );
    assert!(
        rows.iter()
            .any(|r| r["claimant_guess"] == "council" || r["claimant_guess"].is_null())
    );
    let reasons = rows
        .iter()
        .flat_map(|r| r["reasons"].as_array().unwrap().clone());
    assert!(reasons.into_iter().any(|r| r == "percentage: 40%"));
}

/// --all prints every sentence in text order, the unsuggested ones marked false; --top cuts.
#[test]
fn all_and_top() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, ARTICLE).unwrap();
    let (stdout, _, _) = run(&[
        "suggest",
        path.to_str().unwrap(),
        "--all",
        "--format",
        "json",
    ]);
    let rows = json_lines(&stdout);
    assert_eq!(rows.len(), 3);
    let starts: Vec<u64> = rows.iter().map(|r| r["start"].as_u64().unwrap()).collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(rows[1]["suggested"], false);
    let (stdout, _, _) = run(&["suggest", path.to_str().unwrap(), "--top", "1"]);
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with('*')).count(),
        1,
        "{stdout}"
    );
}

/// A verdict file's dismissed sentence is not suggested again.
#[test]
fn verdict_file_dismissals_hold() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.factdesk.json");
    let mut case = Case::new(
        Article::new(ARTICLE.into(), Origin::default()),
        Scale::default_scale(),
    );
    let first = "Zürich’s rents rose 40% since 2019, the council said, costing tenants $3 billion.";
    case.suggestions.dismissed.push(Dismissal {
        start: 0,
        end: first.chars().count(),
        exact: first.into(),
        extra: Default::default(),
    });
    store::save(&path, &case, &SavedView::default(), &Default::default()).unwrap();
    let (stdout, stderr, code) = run(&["suggest", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let rows = json_lines(&stdout);
    assert_eq!(rows.len(), 1, "{stdout}");
    assert!(
        rows[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Unemployment")
    );
}

/// Missing files and directories fail with a message; hostile text prints no control bytes.
#[test]
fn bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let (_, stderr, code) = run(&["suggest", dir.path().join("nope.txt").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no such file"), "{stderr}");
    let (_, _, code) = run(&["suggest", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    let path = dir.path().join("h.txt");
    fs::write(
        &path,
        "Rents rose 40% in 2019, \u{1b}[31mthe council\u{7} said, costing $3 billion.\u{202e}",
    )
    .unwrap();
    for format in ["text", "json"] {
        let (stdout, _, code) = run(&[
            "suggest",
            path.to_str().unwrap(),
            "--all",
            "--format",
            format,
        ]);
        assert_eq!(code, 0);
        assert!(
            !stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{stdout:?}"
        );
        assert!(!stdout.contains('\u{202e}'), "{stdout:?}");
    }
    fs::write(&path, "").unwrap();
    let (stdout, _, code) = run(&["suggest", path.to_str().unwrap()]);
    assert_eq!((stdout.as_str(), code), ("", 0));
}

/// Web pages and Markdown are read through the import path (text without markup), and
/// scraping residue is named in `residue` and never suggested: here the headline repeated
/// at the end of a Markdown article.
#[test]
fn pages_and_markdown_with_residue() {
    let dir = tempfile::tempdir().unwrap();
    let headline = "Unemployment fell to 3.5 percent in 2022, officials said";
    let md = dir.path().join("a.md");
    fs::write(
        &md,
        format!(
            "# {headline}\n\nThe deficit rose to **$1.4 trillion** in 2009, the largest since 1945.\n\n{headline}\n"
        ),
    )
    .unwrap();
    let (stdout, stderr, code) =
        run(&["suggest", md.to_str().unwrap(), "--all", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let rows = json_lines(&stdout);
    assert!(
        rows.iter()
            .all(|r| !r["text"].as_str().unwrap().contains("**"))
    );
    let last = rows.last().expect("rows");
    assert_eq!(last["text"], headline, "{stdout}");
    assert_eq!(last["residue"], "duplicate_headline", "{stdout}");
    assert_eq!(last["suggested"], false);
    assert_eq!(rows[0]["text"], headline);
    assert_eq!(rows[0]["residue"], serde_json::Value::Null);
    assert_eq!(rows[0]["suggested"], true, "{stdout}");

    let html = dir.path().join("page.html");
    fs::write(
        &html,
        "<!doctype html><html><head><title>Rents</title><script>var x = 'Rents rose 99% in 2020';</script></head>\
         <body><article><h1>Rents</h1><p>Zürich’s rents rose <b>40%</b> since 2019, the council said, \
         costing tenants $3 billion.</p><p>Unemployment fell to 3.5 percent in 2022, the lowest since \
         1969, officials reported.</p></article></body></html>",
    )
    .unwrap();
    let (stdout, stderr, code) = run(&["suggest", html.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let rows = json_lines(&stdout);
    assert!(!rows.is_empty(), "{stdout}");
    for row in &rows {
        let text = row["text"].as_str().unwrap();
        assert!(!text.contains('<') && !text.contains("99%"), "{text}");
    }
    assert!(
        rows.iter()
            .any(|r| r["text"].as_str().unwrap().contains("rose 40% since 2019"))
    );
}
