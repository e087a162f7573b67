//! Tests of `factdesk check`: every check with its message, and the hostile inputs.
use serde_json::json;

use super::*;
use crate::model::{Case, ClaimStatus, Extra, Origin, SourceId, Stance};

/// The article of the fixture: accents, an emoji and CJK, on two lines.
const TEXT: &str = "Café owners said “rents rose 40%” 🎉.\n東京 has 14 million people.\n";

/// An anchor on the first occurrence of `exact` in [`TEXT`], in chars.
fn anchor(exact: &str) -> Anchor {
    let byte = TEXT.find(exact).expect("exact text is in the article");
    let start = TEXT[..byte].chars().count();
    Anchor {
        start,
        end: start + exact.chars().count(),
        exact: exact.into(),
        prefix: String::new(),
        suffix: String::new(),
        review: None,
        extra: Extra::new(),
    }
}

/// A clean case: two claims (one rated, one linked to a source), one source.
pub(super) fn case() -> Case {
    let mut case = Case::new(
        Article::new(TEXT.into(), Origin::default()),
        Scale::default_scale(),
    );
    for (id, exact) in [
        ("c1", "rents rose 40%"),
        ("c2", "東京 has 14 million people"),
    ] {
        case.insert_claim(Claim {
            id: ClaimId(id.into()),
            number: 0,
            anchors: vec![anchor(exact)],
            text: exact.into(),
            claimant: String::new(),
            claimant_guess: None,
            claimant_kind: None,
            made_on: None,
            first_appearance: None,
            status: ClaimStatus::Todo,
            verdict: Verdict::default(),
            links: Vec::new(),
            created: "2026-01-02T03:04:05Z".into(),
            updated: "2026-01-02T03:04:05Z".into(),
            extra: Extra::new(),
        });
    }
    case.claims[0].verdict.rating = Some("Mostly True".into());
    case.sources = vec![Source::new(
        SourceId("s1".into()),
        "Report",
        "https://example.org",
        "2026-01-03",
    )];
    let mut link = Link::new(SourceId("s1".into()));
    link.stance = Stance::Refutes;
    case.claims[1].links = vec![link];
    case
}

/// The clean case as verdict-file JSON, cursor at 5.
fn clean_json() -> String {
    let view = SavedView {
        cursor: 5,
        ..SavedView::default()
    };
    store::to_json(&case(), &view, &Map::new()).expect("the fixture saves")
}

/// The fixture parsed, edited by `edit`, and printed back.
fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&clean_json()).expect("fixture parses");
    edit(&mut v);
    serde_json::to_string_pretty(&v).expect("prints")
}

/// The report's lines, as `factdesk check` prints them.
fn lines(report: &CheckReport) -> Vec<String> {
    report.problems.iter().map(ToString::to_string).collect()
}

/// Checks `json`, asserts the exit code, and returns the lines.
fn check_with(json: &str, code: i32) -> Vec<String> {
    let report = check_bytes(json.as_bytes());
    assert_eq!(report.exit_code(), code, "{:#?}", lines(&report));
    lines(&report)
}

/// The one line of a report with exactly one problem.
fn only(lines: Vec<String>) -> String {
    assert_eq!(lines.len(), 1, "{lines:#?}");
    lines.into_iter().next().expect("one line")
}

/// A saved case, its byte-order-marked copy and a version-1 copy are clean: exit 0.
#[test]
fn clean_file_exit_0() {
    assert_eq!(check_with(&clean_json(), 0), Vec::<String>::new());
    assert!(check_with(&format!("\u{feff}{}", clean_json()), 0).is_empty());
    let v1 = edited(|v| {
        v["version"] = json!(1);
        for c in v["claims"].as_array_mut().expect("claims") {
            c.as_object_mut().expect("claim").remove("links");
        }
    });
    assert!(check_with(&v1, 0).is_empty());
}

/// Unknown fields at every level are kept by the loader, so they are not problems.
#[test]
fn unknown_fields_are_not_problems() {
    let json = edited(|v| {
        v["x-top"] = json!({"a": [1, 2.5, null]});
        v["article"]["x-lang"] = json!("de");
        v["article"]["origin"]["x-o"] = json!(true);
        v["scale"]["x-s"] = json!(1);
        v["scale"]["labels"][0]["x-l"] = json!(1);
        v["claims"][0]["x-c"] = json!([]);
        v["claims"][0]["anchors"][0]["x-a"] = json!({});
        v["claims"][0]["verdict"]["x-v"] = json!("r");
        v["claims"][1]["links"][0]["x-k"] = json!(0);
        v["sources"][0]["x-src"] = json!("s");
        v["view"]["x-scroll"] = json!(3);
    });
    assert!(check_with(&json, 0).is_empty());
}

/// Problems print as "error: …" or "warning: …", one line each.
#[test]
fn problems_print_with_their_severity() {
    let e = error("bad".into());
    let w = warning("odd".into());
    assert_eq!(
        (e.to_string(), w.to_string()),
        ("error: bad".into(), "warning: odd".into())
    );
}

/// Exit codes: 0 clean, 1 problems (warnings count), 2 unreadable.
#[test]
fn exit_codes() {
    let report = |problems, readable| CheckReport { problems, readable };
    assert_eq!(report(vec![], true).exit_code(), 0);
    assert_eq!(report(vec![warning("w".into())], true).exit_code(), 1);
    assert_eq!(report(vec![error("e".into())], true).exit_code(), 1);
    assert_eq!(report(vec![error("e".into())], false).exit_code(), 2);
}

/// An empty or whitespace-only file is unreadable: "the file is empty".
#[test]
fn empty_file() {
    for input in ["", " \n\t"] {
        assert_eq!(
            only(check_with(input, 2)),
            "error: cannot load the verdict file: the file is empty"
        );
    }
}

/// Text that is not JSON is unreadable, with the line and column of the syntax error.
#[test]
fn not_json_has_line_and_column() {
    let line = only(check_with("{\n  \"format\": oops\n}", 2));
    assert_eq!(
        line,
        "error: cannot load the verdict file: not valid JSON at line 2, column 13: expected value"
    );
    let cut = clean_json();
    let line = only(check_with(&cut[..cut.len() / 2], 2));
    assert!(
        line.contains("the file ends too early; it may be truncated"),
        "{line}"
    );
}

/// Bytes that are not UTF-8 are unreadable, with the offset of the first bad byte.
#[test]
fn not_utf8() {
    let report = check_bytes(b"{\"format\": \"\xff\"}");
    assert_eq!(report.exit_code(), 2);
    assert_eq!(
        only(lines(&report)),
        "error: cannot load the verdict file: the file is not UTF-8 text (invalid byte at offset 12)"
    );
}

/// JSON that is not a factdesk verdict file is unreadable and says what it is instead.
#[test]
fn not_a_verdict_file() {
    let cases = [
        ("[1]", "it holds a list, not a JSON object"),
        ("{\"a\": 1}", "it has no \"format\" field"),
        (
            "{\"format\": \"zotero\"}",
            "its format is \"zotero\", expected \"factdesk-verdicts\"",
        ),
    ];
    for (input, reason) in cases {
        assert_eq!(
            only(check_with(input, 2)),
            format!("error: cannot load the verdict file: not a factdesk verdict file ({reason})")
        );
    }
}

/// A newer version is unreadable and names both versions.
#[test]
fn newer_version_is_unreadable() {
    let line = only(check_with(&edited(|v| v["version"] = json!(9)), 2));
    assert_eq!(
        line,
        "error: cannot load the verdict file: this verdict file is version 9; this factdesk reads versions up to 3 — update factdesk to open it"
    );
}

/// A missing or invalid version is an error that makes the file unreadable (exit 2: no
/// factdesk opens it), and the rest is still checked as the current version.
#[test]
fn bad_version_is_reported_and_checking_goes_on() {
    let json = edited(|v| {
        v["version"] = json!("two");
        v["claims"][1]["id"] = json!("c1");
    });
    assert_eq!(
        check_with(&json, 2),
        [
            "error: cannot load the verdict file: the version \"two\" is not valid (it must be a whole number, at least 1)",
            "error: the claim id \"c1\" is used by more than one claim",
        ]
    );
    let missing = edited(|v| drop(v.as_object_mut().map(|o| o.remove("version"))));
    assert!(only(check_with(&missing, 2)).contains("the version missing is not valid"));
}

/// A version-1 file whose source cannot be upgraded: the source is reported with where
/// it is, and the rest is still checked.
#[test]
fn version_1_with_an_unreadable_source() {
    let json = edited(|v| {
        v["version"] = json!(1);
        v["sources"][0]["title"] = json!(7);
        v["article"]["sha256"] = json!("0");
    });
    assert_eq!(
        check_with(&json, 1),
        [
            "error: in sources[0] (id \"s1\"): invalid type: integer `7`, expected a string",
            "warning: the article text no longer matches its recorded SHA-256 — it was edited outside factdesk",
        ]
    );
}

/// Invalid and duplicate claim ids are errors naming the claim.
#[test]
fn claim_ids() {
    let json = edited(|v| {
        v["claims"][0]["id"] = json!("Bad Id");
        v["claims"][1]["id"] = json!("ok");
        let copy = v["claims"][1].clone();
        v["claims"].as_array_mut().expect("claims").push(copy);
    });
    assert_eq!(
        check_with(&json, 1),
        [
            "error: claim 1 has the id \"Bad Id\", which is not 1–64 characters of a-z, 0-9, '-' and '_'",
            "error: the claim id \"ok\" is used by more than one claim",
        ]
    );
}

/// Invalid and duplicate source ids are errors naming the source.
#[test]
fn source_ids() {
    let json = edited(|v| {
        let s = v["sources"][0].clone();
        let sources = v["sources"].as_array_mut().expect("sources");
        sources.push(s.clone());
        let mut bad = s;
        bad["id"] = json!("");
        sources.push(bad);
    });
    assert_eq!(
        check_with(&json, 1),
        [
            "error: the source id \"s1\" is used by more than one source",
            "error: source 3 has the id \"\", which is not 1–64 characters of a-z, 0-9, '-' and '_'",
        ]
    );
}

/// A link to a source that is not in the library is a warning naming both.
#[test]
fn links_to_missing_sources() {
    let json = edited(|v| v["claims"][1]["links"][0]["source"] = json!("gone"));
    assert_eq!(
        only(check_with(&json, 1)),
        "warning: claim c2: links to the source gone, which is not in the library; the link is kept"
    );
}

/// An anchor past the end of the article is a warning with both lengths.
#[test]
fn anchor_outside_the_article() {
    let json = edited(|v| v["claims"][0]["anchors"][0]["end"] = json!(500));
    assert_eq!(
        only(check_with(&json, 1)),
        "warning: claim c1: anchor 1 ends at character 500, past the end of the article (63 characters); kept as an orphan"
    );
}

/// An anchor whose exact text is no longer at its position is a warning.
#[test]
fn anchor_text_no_longer_matches() {
    let json = edited(|v| v["claims"][0]["anchors"][0]["exact"] = json!("rents fell"));
    assert_eq!(
        only(check_with(&json, 1)),
        "warning: claim c1: anchor 1 no longer matches the article text at characters 18–32; kept as an orphan"
    );
}

/// An anchor that ends before it starts is an error.
#[test]
fn reversed_anchor() {
    let json = edited(|v| {
        v["claims"][0]["anchors"][0]["start"] = json!(30);
        v["claims"][0]["anchors"][0]["end"] = json!(20);
    });
    assert_eq!(
        only(check_with(&json, 1)),
        "error: claim \"c1\": anchor 1 starts at character 30 after its end 20"
    );
}

/// A rating that is not a label on the scale is a warning naming the scale.
#[test]
fn rating_not_on_the_scale() {
    let json = edited(|v| v["claims"][0]["verdict"]["rating"] = json!("Sort of"));
    assert_eq!(
        only(check_with(&json, 1)),
        "warning: claim c1: the rating \"Sort of\" is not a label on the scale \"PolitiFact\""
    );
}

/// An article edited outside factdesk no longer matches its hash: a warning.
#[test]
fn article_hash_mismatch() {
    let json = edited(|v| v["article"]["sha256"] = json!("00"));
    assert_eq!(
        only(check_with(&json, 1)),
        "warning: the article text no longer matches its recorded SHA-256 — it was edited outside factdesk"
    );
}

/// A saved cursor past the end of the article is a warning (reported, not moved).
#[test]
fn cursor_past_the_end() {
    let json = edited(|v| v["view"]["cursor"] = json!(1000));
    assert_eq!(
        only(check_with(&json, 1)),
        "warning: the saved cursor (character 1000) is past the end of the article (63 characters)"
    );
}

/// An invalid scale is an error with the scale's own message.
#[test]
fn invalid_scale() {
    let json = edited(|v| v["scale"]["labels"][0]["colour"] = json!("green"));
    assert_eq!(
        only(check_with(&json, 1)),
        "error: the label \"True\" has the colour \"green\", expected #rrggbb"
    );
}

/// Parts of the wrong type are each reported with where they are, and the parts that
/// can be read are still checked.
#[test]
fn malformed_parts_are_each_located() {
    let json = edited(|v| {
        v["claims"][0]["anchors"][0]["start"] = json!("x");
        v["claims"][1]["verdict"]["rating"] = json!(5);
        v["scale"]["labels"][2]["value"] = json!("high");
        v["sources"][0]["title"] = json!(null);
        v["view"]["cursor"] = json!(-1);
        v["history"] = json!({});
        let copy = v["claims"][1].clone();
        v["claims"].as_array_mut().expect("claims").push(copy);
        v["claims"][2]["verdict"]["rating"] = json!("Unheard of");
        v["claims"][2]["links"][0]["stance"] = json!("maybe");
        v["claims"].as_array_mut().expect("claims").push(json!(7));
    });
    assert_eq!(
        check_with(&json, 1),
        [
            "error: in scale.labels[2]: invalid type: string \"high\", expected i32",
            "error: in claims[0] (id \"c1\").anchors[0]: invalid type: string \"x\", expected usize",
            "error: in claims[1] (id \"c2\").verdict: invalid type: integer `5`, expected a string",
            "error: in claims[2] (id \"c2\").links[0]: unknown variant `maybe`, expected one of `supports`, `refutes`, `context`",
            "error: in claims[3]: invalid type: integer `7`, expected struct Claim",
            "error: in sources[0] (id \"s1\"): invalid type: null, expected a string",
            "error: in history: invalid type: map, expected a sequence",
            "error: in view: invalid value: integer `-1`, expected usize",
        ]
    );
}

/// Missing required parts and lists that are not lists are errors; the other parts are
/// still checked.
#[test]
fn missing_parts_and_non_lists() {
    let json = edited(|v| {
        let o = v.as_object_mut().expect("object");
        o.remove("article");
        o.remove("scale");
        o.insert("sources".into(), json!("none"));
        v["claims"][0]["id"] = json!("c2");
    });
    assert_eq!(
        check_with(&json, 1),
        [
            "error: the file has no \"article\" field",
            "error: the file has no \"scale\" field",
            "error: in sources: expected a list, found \"none\"",
            "error: the claim id \"c2\" is used by more than one claim",
            "warning: claim c2: links to the source s1, which is not in the library; the link is kept",
        ]
    );
    let json = edited(|v| v["claims"] = json!({}));
    assert_eq!(
        only(check_with(&json, 1)),
        "error: in claims: expected a list, found {}"
    );
}

/// A file with many problems lists every one, not just the first.
#[test]
fn every_problem_is_listed() {
    let json = edited(|v| {
        v["article"]["sha256"] = json!("00");
        v["claims"][0]["id"] = json!("c2");
        v["claims"][0]["anchors"][0]["end"] = json!(999);
        v["claims"][0]["verdict"]["rating"] = json!("Meh");
        v["claims"][1]["anchors"][0]["exact"] = json!("Osaka");
        v["claims"][1]["links"][0]["source"] = json!("nope");
        v["claims"][1]["anchors"]
            .as_array_mut()
            .expect("anchors")
            .push(json!({"start": 9, "end": 3, "exact": ""}));
        v["sources"][0]["id"] = json!("S!");
        v["view"]["cursor"] = json!(65);
    });
    assert_eq!(
        check_with(&json, 1),
        [
            "error: the claim id \"c2\" is used by more than one claim",
            "error: claim \"c2\": anchor 2 starts at character 9 after its end 3",
            "error: source 1 has the id \"S!\", which is not 1–64 characters of a-z, 0-9, '-' and '_'",
            "warning: the article text no longer matches its recorded SHA-256 — it was edited outside factdesk",
            "warning: claim c2: anchor 1 ends at character 999, past the end of the article (63 characters); kept as an orphan",
            "warning: claim c2: the rating \"Meh\" is not a label on the scale \"PolitiFact\"",
            "warning: claim c2: anchor 1 no longer matches the article text at characters 37–61; kept as an orphan",
            "warning: claim c2: links to the source nope, which is not in the library; the link is kept",
            "warning: the saved cursor (character 65) is past the end of the article (63 characters)",
        ]
    );
}

/// The part-by-part walk says exactly what the loader says: the same warnings for a
/// file that opens, and every refusal reason of a file that does not.
#[test]
fn walk_agrees_with_the_loader() {
    let soft = edited(|v| {
        v["article"]["sha256"] = json!("00");
        v["claims"][0]["anchors"][0]["end"] = json!(999);
        v["claims"][0]["verdict"]["rating"] = json!("Meh");
        v["claims"][1]["anchors"][0]["exact"] = json!("Osaka");
        v["claims"][1]["links"][0]["source"] = json!("nope");
        v["view"]["cursor"] = json!(65);
    });
    let loaded = store::from_json(&soft).expect("opens with warnings");
    let expected: Vec<Problem> = loaded.warnings.iter().map(from_warning).collect();
    assert_eq!(expected.len(), 6);
    let Ok(Value::Object(file)) = serde_json::from_str::<Value>(&soft) else {
        panic!("an object");
    };
    assert_eq!(walk(&file), expected);
    assert_eq!(check_bytes(soft.as_bytes()).problems, expected);

    let hard = edited(|v| {
        v["claims"][0]["id"] = json!("BAD");
        v["claims"][1]["anchors"][0]["start"] = json!(99);
        v["scale"]["labels"][1]["key"] = json!(" ");
        v["sources"][0]["id"] = json!("");
    });
    let Err(LoadError::Invalid { problems, .. }) = store::from_json(&hard) else {
        panic!("refused as invalid");
    };
    let report = check_bytes(hard.as_bytes());
    let errors: Vec<&str> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(errors, problems);
}

/// A file cut at every byte offset is unreadable (or clean, when only trailing
/// whitespace was cut) — never a panic.
#[test]
fn truncation_at_every_byte() {
    let json = clean_json();
    let bytes = json.as_bytes();
    for cut in 0..bytes.len() {
        let report = check_bytes(&bytes[..cut]);
        let whole = json
            .get(..cut)
            .is_some_and(|t| t.trim_end() == json.trim_end());
        let expected = if whole { 0 } else { 2 };
        assert_eq!(report.exit_code(), expected, "cut at {cut}: {report:?}");
    }
}

/// The next number of a xorshift64 generator: deterministic noise without a crate.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Random bytes, and a real file with random bytes overwritten, never panic; an
/// unreadable report has one error, or starts with the bad version and lists what else
/// is wrong; and whatever the loader refuses the check never passes.
#[test]
fn random_bytes_never_panic() {
    let json = clean_json();
    let mut state = 0x9E37_79B9_7F4A_7C15;
    let pool = b"{}[]\":,0123456789-.eE \ntruefalsnul\\u\xff\xc3";
    for round in 0..1500 {
        let bytes: Vec<u8> = if round % 3 == 0 {
            let len = (xorshift(&mut state) % 300) as usize;
            (0..len).map(|_| xorshift(&mut state) as u8).collect()
        } else {
            let mut b = json.as_bytes().to_vec();
            for _ in 0..=(xorshift(&mut state) % 4) {
                let at = (xorshift(&mut state) as usize) % b.len();
                b[at] = pool[(xorshift(&mut state) as usize) % pool.len()];
            }
            b
        };
        let report = check_bytes(&bytes);
        if !report.readable {
            let bad_version = report.problems[0].message.contains("the version");
            assert!(report.problems.len() == 1 || bad_version, "{report:?}");
        }
        let loads = std::str::from_utf8(&bytes).is_ok_and(|t| store::from_json(t).is_ok());
        if !loads {
            assert_ne!(
                report.exit_code(),
                0,
                "{:?}",
                String::from_utf8_lossy(&bytes)
            );
        }
    }
}

/// JSON nested 100,000 deep hits the parser's recursion limit: unreadable, no crash.
#[test]
fn deep_nesting_is_unreadable() {
    for deep in [
        "[".repeat(100_000),
        format!(
            "{{\"format\":\"factdesk-verdicts\",\"x\":{}",
            "{\"a\":".repeat(100_000)
        ),
    ] {
        let line = only(check_with(&deep, 2));
        assert!(line.contains("recursion limit exceeded"), "{line}");
    }
}

/// A number too large for a float (1e400) is unreadable, with its position.
#[test]
fn huge_number_is_unreadable() {
    let json = clean_json().replacen("\"cursor\": 5", "\"cursor\": 1e400", 1);
    let line = only(check_with(&json, 2));
    assert!(
        line.starts_with("error: cannot load the verdict file: not valid JSON at line ")
            && line.ends_with("number out of range"),
        "{line}"
    );
}

/// A clean file on disk checks clean; problems in it are listed; a missing file is
/// unreadable and named.
#[test]
fn files_on_disk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("a.factdesk.json");
    fs::write(&path, clean_json()).expect("writes");
    assert_eq!(check_file(&path).exit_code(), 0);
    fs::write(&path, edited(|v| v["article"]["sha256"] = json!("0"))).expect("writes");
    assert_eq!(check_file(&path).exit_code(), 1);
    fs::write(&path, "{").expect("writes");
    let line = only(lines(&check_file(&path)));
    assert!(line.contains(&format!("cannot load {}: not valid JSON", path.display())));
    let gone = dir.path().join("gone.json");
    assert_eq!(
        only(lines(&check_file(&gone))),
        format!(
            "error: cannot open {}: there is no such file",
            gone.display()
        )
    );
}

/// A 1 GB sparse file is refused from its size, without being read.
#[test]
fn huge_file_is_refused_by_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.factdesk.json");
    File::create(&path)
        .and_then(|f| f.set_len(1 << 30))
        .expect("sparse file");
    let report = check_file(&path);
    assert_eq!(report.exit_code(), 2);
    assert_eq!(
        only(lines(&report)),
        format!(
            "error: cannot open {}: the file is 1073741824 bytes, more than the 268435456-byte limit for a verdict file",
            path.display()
        )
    );
}

/// A directory is refused as one.
#[test]
fn directory_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = check_file(dir.path());
    assert_eq!(report.exit_code(), 2);
    assert_eq!(
        only(lines(&report)),
        format!(
            "error: cannot open {}: the file is a directory",
            dir.path().display()
        )
    );
}

/// A FIFO is refused from its metadata without being opened, so the check cannot hang
/// (skipped where `mkfifo` is missing).
#[cfg(unix)]
#[test]
fn fifo_is_refused_without_hanging() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pipe.factdesk.json");
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available; skipped");
        return;
    }
    let report = check_file(&path);
    assert_eq!(report.exit_code(), 2);
    assert_eq!(
        only(lines(&report)),
        format!(
            "error: cannot open {}: the file is a named pipe (FIFO)",
            path.display()
        )
    );
}
