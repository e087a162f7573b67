//! The terminal's edges: a terminal that goes away, two factdesks on one case, a symbolic
//! link swapped in under the case, work kept when the case's folder is gone.

mod support;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use support::{CEILING, TIMEOUT, Tui, bin};

const ARTICLE: &str = "First claim here. Second claim here.\n";

/// factdesk on a.txt in `dir` with one unsaved claim.
fn start(dir: &Path, program: &Path, args: &[&str], env: &[(&str, &str)]) -> Tui {
    fs::write(dir.join("a.txt"), ARTICLE).unwrap();
    let mut tui = Tui::spawn(program, args, dir, 80, 24, env);
    tui.wait_for("Claims 0/0", TIMEOUT);
    tui.key("c");
    tui.wait_for("Claims 1/1", TIMEOUT);
    tui
}

/// The process ids of `pid`'s children (Linux).
fn children(pid: u32) -> Vec<u32> {
    fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

fn alive(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        !s.rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
    })
}

/// Closing the terminal (as tmux kill-session does) ends factdesk with SIGHUP's code,
/// promptly, with the unsaved claim in the recovery file — no spinning, no abort.
#[test]
fn closed_terminal_ends_factdesk() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = start(dir.path(), &bin(), &["a.txt"], &[]);
    let asked = Instant::now();
    tui.hang_up("j");
    let code = tui.wait_exit(CEILING);
    assert!(code == 129 || code == 1, "exit code {code}");
    assert!(
        asked.elapsed() < Duration::from_secs(5),
        "took {:?}",
        asked.elapsed()
    );
    assert!(dir.path().join(".a.factdesk.json.recover").exists());
}

/// When the session leader ignores SIGHUP, factdesk is not told the terminal closed: it
/// sees its input hang up instead, keeps the work and leaves, without burning a core.
#[test]
fn hung_up_input_ends_factdesk_without_a_signal() {
    let dir = tempfile::tempdir().unwrap();
    let script = format!("trap '' HUP; '{}' a.txt; sleep 30", bin().display());
    let mut tui = start(dir.path(), Path::new("/bin/sh"), &["-c", &script], &[]);
    let shell = tui.pid().expect("a pid");
    let factdesk = *children(shell)
        .first()
        .expect("factdesk runs under the shell");
    tui.hang_up("j");
    let end = Instant::now() + CEILING;
    while alive(factdesk) && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!alive(factdesk), "factdesk still running after the hang-up");
    assert!(
        dir.path().join(".a.factdesk.json.recover").exists(),
        "work kept"
    );
}

/// A second factdesk on the same case is read-only and says who holds it; saving there
/// is refused with that reason, and the first one saves as usual.
#[test]
fn second_instance_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let runtime = dir.path().join("run");
    fs::create_dir(&runtime).unwrap();
    let env = [("XDG_RUNTIME_DIR", runtime.to_str().unwrap())];
    let mut first = start(dir.path(), &bin(), &["a.txt"], &env);
    first.key("Ctrl-s");
    first.wait_for("Saved 1 claim", TIMEOUT);
    let mut second = Tui::spawn(&bin(), &["a.factdesk.json"], dir.path(), 100, 30, &env);
    second.wait_for("[read-only]", TIMEOUT);
    second.wait_for(&format!("pid {}", first.pid().unwrap()), TIMEOUT);
    second.key("x");
    second.key("Ctrl-s");
    second.wait_for("open in another factdesk", TIMEOUT);
    first.key("x");
    first.key("Ctrl-s");
    first.wait_for("Saved 1 claim", TIMEOUT);
}

/// A symbolic link swapped in where the case was: the save prompt names where it points,
/// and overwriting replaces the link with the case — the link's target is never written.
#[cfg(unix)]
#[test]
fn swapped_in_symlink_is_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = start(dir.path(), &bin(), &["a.txt"], &[]);
    tui.key("Ctrl-s");
    tui.wait_for("Saved 1 claim", TIMEOUT);
    let victim = dir.path().join("passwd");
    fs::write(&victim, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    let case = dir.path().join("a.factdesk.json");
    fs::remove_file(&case).unwrap();
    std::os::unix::fs::symlink(&victim, &case).unwrap();
    tui.key("x");
    tui.key("Ctrl-s");
    tui.wait_for("is now a symbolic link to", TIMEOUT);
    tui.wait_for("passwd", TIMEOUT);
    tui.key("o");
    tui.wait_for("Saved 1 claim", TIMEOUT);
    assert_eq!(
        fs::read_to_string(&victim).unwrap(),
        "root:x:0:0:root:/root:/bin/bash\n"
    );
    assert!(
        !fs::symlink_metadata(&case)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&case)
            .unwrap()
            .contains("factdesk-verdicts")
    );
}

/// When the recovery file cannot be written beside the case (its folder is gone), a stop
/// keeps the work in the state directory and says where.
#[test]
fn work_is_kept_elsewhere_when_the_folder_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let work = dir.path().join("work");
    fs::create_dir(&work).unwrap();
    let env = [("XDG_STATE_HOME", state.to_str().unwrap())];
    let mut tui = start(&work, &bin(), &["a.txt"], &env);
    fs::remove_dir_all(&work).unwrap();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &tui.pid().unwrap().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(tui.wait_exit(CEILING), 143);
    tui.wait_for("could not be written beside", TIMEOUT);
    let kept: Vec<_> = fs::read_dir(state.join("factdesk/recovered"))
        .expect("the fallback folder")
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(
        fs::read_to_string(&kept[0])
            .unwrap()
            .contains("First claim here.")
    );
}
