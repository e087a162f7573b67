//! Lifecycle end to end: a panic, SIGTERM, SIGHUP and SIGINT leave a restored terminal and a
//! recovery file that the next open offers; kill -9 during saves never leaves a broken file;
//! a file changed on disk is never overwritten silently.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use support::{CEILING, TIMEOUT, Tui, bin};

const ARTICLE: &str = "First claim here. Second claim here.\n";

fn start(dir: &Path, env: &[(&str, &str)]) -> Tui {
    fs::write(dir.join("a.txt"), ARTICLE).unwrap();
    let mut tui = Tui::spawn(&bin(), &["a.txt"], dir, 80, 24, env);
    tui.wait_for("Claims 0/0", TIMEOUT);
    tui.key("c");
    tui.wait_for("Claims 1/1", TIMEOUT);
    tui
}

fn kill(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

/// Reopening offers the recovery file; r recovers the claim; saving removes the file.
fn recover(dir: &Path) {
    let recovery = dir.join(".a.factdesk.json.recover");
    assert!(recovery.exists(), "recovery file written");
    let mut tui = Tui::spawn(&bin(), &["a.txt"], dir, 80, 24, &[]);
    tui.wait_for("Unsaved work found", TIMEOUT);
    tui.key("s");
    tui.wait_for("+ claim “First claim here.”", TIMEOUT);
    tui.key("r");
    tui.wait_for("Claims 1/1", TIMEOUT);
    tui.key("Ctrl-s");
    tui.wait_for("Saved 1 claim", TIMEOUT);
    assert!(!recovery.exists(), "a save removes the recovery file");
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
}

/// A signal stops factdesk (waited for, up to a ceiling only a hang reaches) with the
/// signal's exit code, the terminal restored and the unsaved claim in the recovery file.
fn stopped_by(signal: &str, code: u32) {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = start(dir.path(), &[]);
    kill(tui.pid().unwrap(), signal);
    assert_eq!(tui.wait_exit(CEILING), code);
    assert!(!tui.in_alternate_screen(), "terminal restored");
    tui.wait_for("unsaved work kept in", TIMEOUT);
    recover(dir.path());
}

/// SIGTERM: recovery file written, terminal restored, exit 143.
#[test]
fn sigterm() {
    stopped_by("TERM", 143);
}

/// SIGHUP (the terminal was closed): the same, exit 129.
#[test]
fn sighup() {
    stopped_by("HUP", 129);
}

/// SIGINT sent from outside (Ctrl-C inside is a key): the same, exit 130.
#[test]
fn sigint() {
    stopped_by("INT", 130);
}

/// A panic (a trigger compiled into debug builds only) restores the terminal, prints the
/// panic, writes the recovery file and exits 101.
#[test]
fn panic_writes_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let env = [("FACTDESK_TEST_PANIC_KEY", "!"), ("RUST_BACKTRACE", "0")];
    let mut tui = start(dir.path(), &env);
    tui.send("!");
    assert_eq!(tui.wait_exit(TIMEOUT), 101);
    assert!(!tui.in_alternate_screen());
    tui.wait_for("test panic requested", TIMEOUT);
    recover(dir.path());
}

/// Discarding the offered work deletes the recovery file and keeps the saved case.
#[test]
fn discard_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = start(dir.path(), &[]);
    kill(tui.pid().unwrap(), "TERM");
    tui.wait_exit(TIMEOUT);
    let mut tui = Tui::spawn(&bin(), &["a.txt"], dir.path(), 80, 24, &[]);
    tui.wait_for("Unsaved work found", TIMEOUT);
    tui.key("d");
    tui.wait_for("Discarded the unsaved work", TIMEOUT);
    assert!(!dir.path().join(".a.factdesk.json.recover").exists());
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
}

/// A verdict file changed by someone else is not overwritten: the dialog offers Save as…,
/// which writes the other path and leaves the changed file alone.
#[test]
fn outside_change_asks_before_saving() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = start(dir.path(), &[]);
    tui.key("Ctrl-s");
    tui.wait_for("Saved 1 claim", TIMEOUT);
    let file = dir.path().join("a.factdesk.json");
    let theirs = fs::read_to_string(&file)
        .unwrap()
        .replace("First claim here.\",", "First claim here. (edited)\",");
    fs::write(&file, &theirs).unwrap();
    tui.key("x");
    tui.key("Ctrl-s");
    tui.wait_for("on disk is not the version", TIMEOUT);
    tui.key("a");
    tui.wait_for("Save as", TIMEOUT);
    for _ in 0..40 {
        tui.key("Backspace");
    }
    tui.send("mine.factdesk.json");
    tui.key("Enter");
    tui.wait_for("Saved 1 claim to mine.factdesk.json", TIMEOUT);
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        theirs,
        "their file untouched"
    );
    let mine = fs::read_to_string(dir.path().join("mine.factdesk.json")).unwrap();
    assert!(mine.contains("\"researching\""));
    // From now on the case is mine.factdesk.json: saving again does not ask.
    tui.key("x");
    tui.key("Ctrl-s");
    tui.wait_for("Saved 1 claim to mine.factdesk.json", TIMEOUT);
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
}

/// Names of the save's temporary files (`.<name>.*.tmp`, `.bak.tmp` too) in `dir`.
/// The temporary files of saves in `dir` (`.factdesk-*.tmp`; the directory holds one case).
fn temp_files(dir: &Path, _name: &str) -> BTreeSet<String> {
    let names = fs::read_dir(dir).unwrap().filter_map(|e| e.ok());
    let names = names.map(|e| e.file_name().to_string_lossy().into_owned());
    names
        .filter(|n| n.starts_with(".factdesk-") && n.ends_with(".tmp"))
        .collect()
}

/// kill -9 in the middle of saves: each round waits until the save's temporary file
/// exists, then kills (at once, or on odd rounds after a random 0–19 ms). At least one kill must land while it still exists (mid-write: the
/// file is left behind); after every round the verdict file loads and holds the old or the
/// new set of sources, never a mix; what is left behind is exactly those temporary files,
/// and the next save removes them once they are a minute old.
#[test]
fn kill_9_during_saves_never_breaks_the_file() {
    use factdesk::model::{Article, Case, Origin, Scale};
    use factdesk::store::{self, SavedView};
    const NAME: &str = "case.factdesk.json";
    let dir = tempfile::tempdir().unwrap();
    let case_path = dir.path().join(NAME);
    let case = Case::new(
        Article::new(ARTICLE.repeat(2000), Origin::default()),
        Scale::default_scale(),
    );
    store::save(
        &case_path,
        &case,
        &SavedView::default(),
        &Default::default(),
    )
    .unwrap();
    let library = dir.path().join("lib.json");
    let import = |seed: u64| {
        // A new library every time, so each import really adds 300 sources and writes.
        let generated = factdesk::csl::generate_library(300, seed).to_string();
        fs::write(&library, generated).unwrap();
        Command::new(bin())
            .args(["sources", "import"])
            .arg(&library)
            .arg("--into")
            .arg(&case_path)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut sources, mut mid_write, mut left_behind) = (0, 0, BTreeSet::new());
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..12 {
        let mut child = import(round + 2);
        // Wait (with a generous ceiling) for a temporary file that was not there before.
        let end = Instant::now() + CEILING;
        let appeared = loop {
            let new = &temp_files(dir.path(), NAME) - &left_behind;
            if !new.is_empty() || Instant::now() > end {
                break !new.is_empty();
            }
            if matches!(child.try_wait(), Ok(Some(_))) {
                break false; // done before a poll saw its temporary file
            }
            std::thread::yield_now();
        };
        if round % 2 == 1 {
            // Odd rounds kill a little later, anywhere up to and after the rename.
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            std::thread::sleep(Duration::from_millis(seed % 20));
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let left = &temp_files(dir.path(), NAME) - &left_behind;
        if appeared && !left.is_empty() {
            mid_write += 1;
        }
        left_behind.extend(left);
        let loaded = store::load(&case_path);
        let loaded = loaded.unwrap_or_else(|e| panic!("round {round}: {e}"));
        let now = loaded.case.sources.len();
        assert!(
            now == sources || now == sources + 300,
            "round {round}: {now} sources, neither the old {sources} nor the new {}",
            sources + 300
        );
        sources = now;
    }
    assert!(mid_write >= 1, "no kill landed mid-write in 12 rounds");
    assert_eq!(
        temp_files(dir.path(), NAME),
        left_behind,
        "only the killed saves' files"
    );

    // A killed save's temporary file is removed by the next save once a minute old.
    let old = std::time::SystemTime::now() - Duration::from_secs(120);
    for name in &left_behind {
        let file = fs::File::options().write(true).open(dir.path().join(name));
        file.unwrap().set_modified(old).unwrap();
    }
    assert!(import(99).wait().unwrap().success());
    assert_eq!(temp_files(dir.path(), NAME), BTreeSet::new());
    let loaded = store::load(&case_path).unwrap();
    assert_eq!(loaded.case.sources.len(), sources + 300);
    eprintln!("{mid_write} of 12 kills landed mid-write");
}

/// Opening an article whose verdict file exists offers to continue it (o) or start a new
/// case (n); the new case asks before replacing the existing file.
#[test]
fn existing_verdict_file_is_offered() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = start(dir.path(), &[]);
    tui.key("Ctrl-s");
    tui.wait_for("Saved 1 claim", TIMEOUT);
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);

    let mut tui = Tui::spawn(&bin(), &["a.txt"], dir.path(), 80, 24, &[]);
    tui.wait_for("This article has a verdict file", TIMEOUT);
    tui.key("o");
    tui.wait_for("Claims 1/1", TIMEOUT);
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);

    let mut tui = Tui::spawn(&bin(), &["a.txt"], dir.path(), 80, 24, &[]);
    tui.wait_for("This article has a verdict file", TIMEOUT);
    tui.key("n");
    tui.wait_for("Claims 0/0", TIMEOUT);
    tui.key("j");
    tui.key("c");
    tui.key("Ctrl-s");
    tui.wait_for("on disk is not the version", TIMEOUT);
    tui.key("o");
    tui.wait_for("Saved 1 claim", TIMEOUT);
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
    let saved = fs::read_to_string(dir.path().join("a.factdesk.json")).unwrap();
    assert!(saved.contains("Second claim here."));
    assert!(
        dir.path().join("a.factdesk.json.bak").exists(),
        "the old case kept as .bak"
    );
}

/// Unsaved work reaches the recovery file by the 5-second autosave, while factdesk runs
/// (waited for, up to a ceiling only a hang reaches); a save removes it.
#[test]
fn autosave_writes_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = start(dir.path(), &[]);
    let recovery = dir.path().join(".a.factdesk.json.recover");
    let deadline = Instant::now() + CEILING;
    while !recovery.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(recovery.exists(), "no autosave in {CEILING:?}");
    let recovered = factdesk::store::load(&recovery).unwrap();
    assert_eq!(recovered.case.claims.len(), 1);
    tui.key("Ctrl-s");
    tui.wait_for("Saved 1 claim", TIMEOUT);
    assert!(!recovery.exists());
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
}
