//! Every subcommand against the hostile strings of `../shared/testdata/hostile/`: as file
//! names and as field values, nothing factdesk prints outside the TUI carries a control,
//! C1 or bidi character — only the newlines factdesk writes itself.

use std::fs;
use std::path::PathBuf;
use std::process::Output;

mod support;
use support::run_in;

use factdesk::model::{Article, Case, Claim, Origin, Scale, Source, SourceId};
use factdesk::store::{self, SavedView};

/// The BLNS strings, one per line (comments and blank lines left out).
fn hostile() -> Option<Vec<String>> {
    let path = support::shared("testdata/hostile/blns.txt")?;
    let text = String::from_utf8_lossy(&fs::read(path).expect("reads")).into_owned();
    let mut lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    lines.push("\u{1b}]0;pwned\u{7}\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J".into());
    lines.push("\u{202E}gnp.exe\u{9B}31m\r".into());
    Some(lines)
}

/// The first character factdesk should never have printed, if any (CSV's own CRLF line
/// ends are newlines factdesk writes).
fn forbidden(bytes: &[u8]) -> Option<char> {
    String::from_utf8_lossy(bytes).replace("\r\n", "\n").chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
    })
}

fn assert_clean(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if let Some(c) = forbidden(bytes) {
            let text = String::from_utf8_lossy(bytes);
            let at = text.find(c).unwrap_or(0);
            let around: String = text[at..].chars().take(80).collect();
            panic!("{what}: {stream} carries {c:?} at byte {at}: {around:?}");
        }
    }
}

/// A case whose every text field holds hostile strings.
fn hostile_case(strings: &[String]) -> Case {
    let text: String = strings.iter().map(|s| format!("{s}.\n")).collect();
    let origin = Origin {
        path: Some(format!("https://news.example/{}", strings[0])),
        title: Some(strings.join(" ")),
        ..Origin::default()
    };
    let mut case = Case::new(Article::new(text.clone(), origin), Scale::default_scale());
    let mut at = 0;
    for (i, s) in strings.iter().enumerate() {
        let len = s.chars().count();
        let claim: Claim = serde_json::from_value(serde_json::json!({
            "id": format!("c{i}"), "anchors": [{"start": at, "end": at + len, "exact": s}],
            "text": s, "claimant": s,
            "verdict": {"rating": "False", "explanation": s},
            "links": [{"source": format!("s{i}"), "quote": s, "note": s, "locator": s}],
            "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z"
        }))
        .expect("a claim");
        case.insert_claim(claim);
        let mut source = Source::new(
            SourceId(format!("s{i}")),
            s,
            &format!("https://x.example/{s}"),
            "2026-01-01",
        );
        source.container_title = s.clone();
        case.sources.push(source);
        at += len + 2;
    }
    case
}

/// Hostile field values through check, export (every format), sources export and import,
/// and a bad status value through check: nothing raw reaches the terminal.
#[test]
fn hostile_field_values_print_clean() {
    let Some(strings) = hostile() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let case = hostile_case(&strings);
    store::save(
        &dir.path().join("h.factdesk.json"),
        &case,
        &SavedView::default(),
        &Default::default(),
    )
    .expect("saves");
    let base = "--base-url=https://checks.example/{id}";
    for args in [
        vec!["check", "h.factdesk.json"],
        vec![
            "export",
            "h.factdesk.json",
            "--format",
            "claimreview",
            base,
            "--author",
            &strings[1],
        ],
        vec!["export", "h.factdesk.json", "--format", "markdown"],
        vec!["export", "h.factdesk.json", "--format", "csv"],
        vec!["sources", "export", "h.factdesk.json"],
    ] {
        let out = run_in(dir.path(), &args);
        assert_clean(&args.join(" "), &out);
    }
    // A library to import whose titles are hostile and whose URLs repeat (warnings).
    let items: Vec<serde_json::Value> = strings
        .iter()
        .enumerate()
        .map(|(i, s)| serde_json::json!({"id": format!("k{i}"), "type": s, "title": s, "URL": "https://dup.example/"}))
        .collect();
    fs::write(
        dir.path().join("lib.json"),
        serde_json::to_string(&items).unwrap(),
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &["sources", "import", "lib.json", "--into", "h.factdesk.json"],
    );
    assert_clean("sources import", &out);
    // Bad values the checker reports.
    let mut json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("h.factdesk.json")).unwrap())
            .unwrap();
    json["claims"][0]["status"] = strings.last().unwrap().as_str().into();
    json["claims"][1]["links"][0]["stance"] = strings[strings.len() - 2].as_str().into();
    json["claims"][2]["links"][0]["source"] = strings.last().unwrap().as_str().into();
    fs::write(dir.path().join("bad.factdesk.json"), json.to_string()).unwrap();
    let out = run_in(dir.path(), &["check", "bad.factdesk.json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_clean("check of bad values", &out);
    // A hostile value the command line itself refuses.
    let out = run_in(dir.path(), &["--scale", strings.last().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_clean("usage error", &out);
}

/// Every hostile string that can be a file name, as the case's name and as the output's:
/// the notes and errors that echo it print it cleaned.
#[test]
fn hostile_file_names_print_clean() {
    let Some(strings) = hostile() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let case = hostile_case(&strings[..2]);
    let names: Vec<&String> = strings
        .iter()
        .filter(|s| !s.contains(['/', '\0']) && s.len() < 200 && !matches!(s.as_str(), "." | ".."))
        .collect();
    let chunks: Vec<Vec<&String>> = names
        .chunks(names.len().div_ceil(2))
        .map(<[_]>::to_vec)
        .collect();
    std::thread::scope(|scope| {
        for chunk in &chunks {
            let (dir, case) = (dir.path(), &case);
            scope.spawn(move || {
                for name in chunk {
                    let path: PathBuf = dir.join(name.as_str());
                    if store::save(&path, case, &SavedView::default(), &Default::default()).is_err()
                    {
                        continue; // a name this file system refuses
                    }
                    let out_name = format!("{name}.csv");
                    for args in [
                        vec!["check", name.as_str()],
                        vec![
                            "export",
                            name.as_str(),
                            "--format",
                            "csv",
                            "-o",
                            out_name.as_str(),
                        ],
                        vec!["check", "no-such-dir/x"]
                            .into_iter()
                            .chain([name.as_str()])
                            .collect(),
                    ] {
                        let out = run_in(dir, &args);
                        assert_clean(&format!("{args:?}"), &out);
                    }
                }
            });
        }
    });
}
