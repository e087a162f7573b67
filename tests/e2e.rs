//! End-to-end: the real binary in a pseudo-terminal, driven by keys, checked on screen and
//! on disk.

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use support::{CEILING, Color, TIMEOUT, Tui, bin, shared, skip};

fn schema_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("../assets/verdict-file.schema.json"))
        .expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// Reads a saved verdict file, checks it against the shipped JSON Schema, and returns it.
fn read_verdict_file(path: &Path) -> Value {
    let json: Value = serde_json::from_str(&fs::read_to_string(path).expect("verdict file"))
        .expect("verdict file is JSON");
    let validator = schema_validator();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:?}");
    json
}

/// The first (row, col) where `needle` starts left of column `max_col`.
fn find_left_of(tui: &Tui, needle: &str, max_col: usize) -> Option<(u16, u16)> {
    tui.screen().lines().enumerate().find_map(|(row, line)| {
        let left: String = line.chars().take(max_col).collect();
        let byte = left.find(needle)?;
        Some((row as u16, left[..byte].chars().count() as u16))
    })
}

/// Runs `command` to its end, killing it and failing if it is still running after `ceiling`.
#[track_caller]
fn output_within(command: &mut Command, ceiling: Duration) -> std::process::Output {
    use std::process::Stdio;
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = child.unwrap();
    let end = std::time::Instant::now() + ceiling;
    while matches!(child.try_wait(), Ok(None)) && std::time::Instant::now() < end {
        std::thread::sleep(Duration::from_millis(20));
    }
    if matches!(child.try_wait(), Ok(None)) {
        let _ = child.kill();
        panic!("still running after {ceiling:?}");
    }
    child.wait_with_output().unwrap()
}

fn chars(s: &str, start: u64, end: u64) -> String {
    s.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// The demo article opens with no arguments; q leaves the alternate screen with exit 0.
#[test]
fn opens_the_demo_and_quits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn(&bin(), &[], dir.path(), 80, 24, &[]);
    tui.wait_for("Article: Harbour city council", TIMEOUT);
    tui.wait_for("Claims 0/0", TIMEOUT);
    tui.wait_for("NORMAL", TIMEOUT);
    assert!(tui.in_alternate_screen());
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
    assert!(!tui.in_alternate_screen(), "terminal restored");
}

/// The core loop on the real scraped article: claim, rate, save, quit; the JSON on disk has
/// the claim with a correct anchor; reopening shows it.
#[test]
fn claim_rate_save_reopen_on_the_real_article() {
    let Some(sample) = shared("sample/musk-putin-article.txt") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("musk.txt");
    fs::copy(sample, &article).unwrap();

    let mut tui = Tui::spawn(&bin(), &["musk.txt"], dir.path(), 100, 30, &[]);
    tui.wait_for("Article: Controversy", TIMEOUT);
    tui.key("j");
    tui.key("j");
    tui.key("c");
    tui.wait_for("Claims 1/1", TIMEOUT);
    tui.key("r");
    tui.wait_for("Rate C1", TIMEOUT);
    tui.key("5");
    tui.wait_for("C1 rated False", TIMEOUT);
    tui.wait_for("[+]", TIMEOUT);
    // In the article pane (left), the claim is drawn on the False colour.
    let (row, col) = find_left_of(&tui, "The American billionaire", 60).expect("claim in article");
    let cell = tui.cell_style(row, col).unwrap();
    assert_eq!(cell.bgcolor(), Color::Rgb(0xe0, 0x36, 0x2c));
    tui.key("Ctrl-s");
    tui.wait_for("Saved 1 claim", TIMEOUT);
    assert!(!tui.screen().contains("[+]"));
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);

    let saved = dir.path().join("musk.factdesk.json");
    let json = read_verdict_file(&saved);
    assert_eq!(json["format"], "factdesk-verdicts");
    assert_eq!(json["version"], 3);
    let text = json["article"]["text"].as_str().unwrap();
    assert_eq!(text, fs::read_to_string(&article).unwrap());
    let claim = &json["claims"][0];
    assert_eq!(claim["verdict"]["rating"], "False");
    let anchor = &claim["anchors"][0];
    let exact = chars(
        text,
        anchor["start"].as_u64().unwrap(),
        anchor["end"].as_u64().unwrap(),
    );
    assert_eq!(anchor["exact"].as_str().unwrap(), exact);
    assert!(
        exact.starts_with("The American billionaire Elon Musk"),
        "{exact}"
    );

    let mut tui = Tui::spawn(&bin(), &["musk.factdesk.json"], dir.path(), 100, 30, &[]);
    tui.wait_for("Claims 1/1", TIMEOUT);
    tui.wait_for("C1 · The American billionaire", TIMEOUT);
    tui.wait_for("Verdict: False", TIMEOUT);
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
}

/// q with unsaved changes asks; c cancels; d quits without writing anything.
#[test]
fn quitting_with_unsaved_changes_asks() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "One claim here. Another one.\n").unwrap();
    let mut tui = Tui::spawn(&bin(), &["a.txt"], dir.path(), 80, 24, &[]);
    tui.wait_for("Claims 0/0", TIMEOUT);
    tui.key("c");
    tui.key("q");
    tui.wait_for("has unsaved changes", TIMEOUT);
    tui.key("c");
    tui.wait_for("NORMAL", TIMEOUT);
    tui.key("q");
    tui.wait_for("has unsaved changes", TIMEOUT);
    tui.key("d");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
    assert!(!dir.path().join("a.factdesk.json").exists());
}

/// Save-and-quit from the prompt writes the file; -o chooses where.
#[test]
fn save_and_quit_honours_output_path() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "One claim here. Another one.\n").unwrap();
    fs::create_dir(dir.path().join("out")).unwrap();
    let args = ["a.txt", "-o", "out/case.factdesk.json"];
    let mut tui = Tui::spawn(&bin(), &args, dir.path(), 80, 24, &[]);
    tui.wait_for("case.factdesk.json", TIMEOUT);
    tui.key("j");
    tui.key("c");
    tui.key("x");
    tui.key("q");
    tui.wait_for("has unsaved changes", TIMEOUT);
    tui.key("s");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
    let json = read_verdict_file(&dir.path().join("out/case.factdesk.json"));
    assert_eq!(json["claims"][0]["status"], "researching");
    assert_eq!(json["claims"][0]["text"], "Another one.");
}

/// Resizing below the minimum says so; growing again redraws the panes.
#[test]
fn live_resize() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn(&bin(), &[], dir.path(), 80, 24, &[]);
    tui.wait_for("Claims 0/0", TIMEOUT);
    tui.resize(40, 10);
    tui.wait_for("Terminal too small", TIMEOUT);
    tui.resize(120, 40);
    tui.wait_for("Claims 0/0", TIMEOUT);
    tui.key("?");
    tui.wait_for("Keys", TIMEOUT);
    tui.wait_for("make the selection (or the sentence) a claim", TIMEOUT);
    tui.key("Esc");
    tui.wait_for("NORMAL", TIMEOUT);
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
}

/// A mouse click on a sentence moves the cursor there, so c claims that sentence.
#[test]
fn mouse_click_selects_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "First sentence.\n\nSecond sentence.\n\nThird sentence.\n",
    )
    .unwrap();
    let mut tui = Tui::spawn(&bin(), &["a.txt"], dir.path(), 80, 24, &[]);
    tui.wait_for("Third sentence.", TIMEOUT);
    let (row, col) = tui.find("Third sentence.").unwrap();
    // SGR mouse report: left button press and release at (col+1, row+1), 1-based.
    tui.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 3,
        row + 1,
        col + 3,
        row + 1
    ));
    tui.key("c");
    tui.wait_for("Claims 1/1", TIMEOUT);
    tui.wait_for("C1 · Third sentence.", TIMEOUT);
    tui.key("q");
    tui.wait_for("has unsaved changes", TIMEOUT);
    tui.key("d");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
}

/// --help and --version work without a terminal.
#[test]
fn help_and_version() {
    let out = Command::new(bin()).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("Usage: factdesk"), "{help}");
    assert!(help.contains("--output"));
    let out = Command::new(bin()).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("factdesk {}", env!("CARGO_PKG_VERSION"))
    );
}

/// Files that cannot be opened give one clear line on stderr and exit 2, before the
/// terminal is touched.
#[test]
fn unopenable_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let run = |arg: &str| {
        let out = Command::new(bin())
            .arg(arg)
            .current_dir(dir.path())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run("missing.txt");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("missing.txt") && err.contains("no such file"),
        "{err}"
    );
    let (code, err) = run(".");
    assert_eq!(code, Some(2));
    assert!(err.contains("directory"), "{err}");
    let (code, err) = run("/dev/zero");
    assert_eq!(code, Some(2));
    assert!(err.contains("not a regular file"), "{err}");
    fs::write(
        dir.path().join("new.factdesk.json"),
        r#"{"format": "factdesk-verdicts", "version": 99}"#,
    )
    .unwrap();
    let (code, err) = run("new.factdesk.json");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("99") && err.contains("update factdesk"),
        "{err}"
    );
}

/// A FIFO is refused at once instead of blocking on open.
#[test]
fn fifo_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        skip("mkfifo is not available");
        return;
    }
    let out = output_within(Command::new(bin()).arg(&fifo), CEILING);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}

/// Linking evidence end to end: on the real article, c, l, a new URL, its title, refutes,
/// Ctrl-s; save; reopen and see the link in the detail pane.
#[test]
fn link_a_new_source_save_reopen() {
    let Some(sample) = shared("sample/musk-putin-article.txt") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    fs::copy(sample, dir.path().join("musk.txt")).unwrap();
    let mut tui = Tui::spawn(&bin(), &["musk.txt"], dir.path(), 120, 40, &[]);
    tui.wait_for("Article: Controversy", TIMEOUT);
    tui.key("j");
    tui.key("j");
    tui.key("c");
    tui.wait_for("Claims 1/1", TIMEOUT);
    tui.key("l");
    tui.wait_for("Link a source to C1", TIMEOUT);
    tui.send("https://www.reuters.com/musk-denies");
    tui.wait_for("+ New source: https://www.reuters.com/musk-denies", TIMEOUT);
    tui.key("Enter");
    tui.wait_for("its title", TIMEOUT);
    tui.send("Reuters: Musk denies Putin call");
    tui.key("Enter");
    tui.wait_for("Link C1 → Reuters: Musk denies Putin call", TIMEOUT);
    tui.key("r");
    tui.key("Ctrl-s");
    tui.wait_for("C1 linked: refutes", TIMEOUT);
    tui.key("Ctrl-s");
    tui.wait_for("Saved 1 claim", TIMEOUT);
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);

    let json = read_verdict_file(&dir.path().join("musk.factdesk.json"));
    assert_eq!(
        json["sources"][0]["URL"],
        "https://www.reuters.com/musk-denies"
    );
    assert_eq!(
        json["sources"][0]["title"],
        "Reuters: Musk denies Putin call"
    );
    let link = &json["claims"][0]["links"][0];
    assert_eq!(link["stance"], "refutes");
    assert_eq!(link["source"], json["sources"][0]["id"]);

    let mut tui = Tui::spawn(&bin(), &["musk.factdesk.json"], dir.path(), 120, 40, &[]);
    tui.wait_for("Evidence (1):", TIMEOUT);
    tui.wait_for("− refutes  Reuters: Musk denies Putin call", TIMEOUT);
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
}

/// --scale picks the rating scale of a new case; O shows the overview; completions print.
#[test]
fn scale_overview_and_completions() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "One claim here. Another one.\n").unwrap();
    let mut tui = Tui::spawn(
        &bin(),
        &["a.txt", "--scale", "fever"],
        dir.path(),
        100,
        30,
        &[],
    );
    tui.wait_for("Claims 0/0", TIMEOUT);
    tui.key("c");
    tui.key("r");
    tui.wait_for("Rate C1 · FEVER", TIMEOUT);
    tui.key("2");
    tui.key("O");
    tui.wait_for("Overview · 1 claim · scale FEVER", TIMEOUT);
    tui.wait_for("No sources", TIMEOUT);
    tui.key("Esc");
    tui.key("q");
    tui.wait_for("has unsaved changes", TIMEOUT);
    tui.key("d");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
    for shell in ["bash", "zsh", "fish"] {
        let out = Command::new(bin())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("factdesk"),
            "{shell}"
        );
    }
}

/// The config file: the checker's name goes into the history, key overrides and the
/// default scale apply, the publication settings feed the ClaimReview export; `config
/// --path` and `--default` print where it is and a commented default file.
#[test]
fn config_file_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    fs::write(
        &config,
        r#"name = "Jane Checker"
[publication]
base_url = "https://check.example/{id}"
author = { name = "Example Fact Check", kind = "Organization" }
[defaults]
scale = "aap"
[keys.article]
make_claim = ["m"]
"#,
    )
    .unwrap();
    let env = [("FACTDESK_CONFIG", config.to_str().unwrap())];
    fs::write(dir.path().join("a.txt"), "One claim here. Another one.\n").unwrap();
    let mut tui = Tui::spawn(&bin(), &["a.txt"], dir.path(), 100, 30, &env);
    tui.wait_for("Claims 0/0", TIMEOUT);
    // The override replaces c: c does nothing, j moves to the second sentence and m claims
    // it. Were c still bound it would claim the first sentence (and m the second, if the
    // override only added a key): the one claim must be the second sentence.
    tui.key("c");
    tui.key("j");
    tui.key("m");
    tui.wait_for("C1 · Another one.", TIMEOUT);
    let screen = tui.wait_stable(Duration::from_millis(300), TIMEOUT);
    assert!(screen.contains("Claims 1/1"), "{screen}");
    tui.key("r");
    tui.wait_for("Rate C1 · AAP", TIMEOUT);
    tui.key("1");
    tui.key("Ctrl-s");
    tui.wait_for("Saved 1 claim", TIMEOUT);
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
    let json = read_verdict_file(&dir.path().join("a.factdesk.json"));
    assert_eq!(json["history"][0]["by"], "Jane Checker");

    let out = Command::new(bin())
        .args(["export", "a.factdesk.json", "--format", "claimreview"])
        .current_dir(dir.path())
        .env("FACTDESK_CONFIG", &config)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["@graph"][0]["author"]["name"], "Example Fact Check");
    assert!(
        doc["@graph"][0]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://check.example/")
    );

    let path = Command::new(bin())
        .args(["config", "--path"])
        .env("FACTDESK_CONFIG", &config)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&path.stdout).trim(),
        config.to_str().unwrap()
    );
    let default = Command::new(bin())
        .args(["config", "--default"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&default.stdout);
    assert!(factdesk::config::parse(&text).unwrap().warnings.is_empty());
    assert!(text.contains("base_url"));
}

/// --max-article-size refuses a larger article with a clear line.
#[test]
fn article_size_cap() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    fs::File::create(&big)
        .unwrap()
        .set_len(3 * 1024 * 1024)
        .unwrap();
    let out = Command::new(bin())
        .arg(&big)
        .args(["--max-article-size", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("over the limit of 2097152 bytes"), "{err}");
}
