//! "Seen before" end-to-end: `=` on a claim another case holds opens that case in the same
//! terminal, asking first about unsaved changes.

mod support;

use std::fs;

use support::{CEILING, TIMEOUT, Tui, bin};

const SHARED: &str = "Unemployment fell to 3.5 percent in 2022, the lowest since 1969.";

/// Makes the case of `article` in `dir` with a claim on each of its first `claims`
/// sentences, saved.
fn make_case(dir: &std::path::Path, article: &str, claims: usize) {
    let mut tui = Tui::spawn(&bin(), &[article], dir, 100, 30, &[]);
    tui.wait_for("NORMAL", TIMEOUT);
    for k in 0..claims {
        if k > 0 {
            tui.key("j");
        }
        tui.key("c");
    }
    tui.key("Ctrl-s");
    tui.wait_for("Saved", TIMEOUT);
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
}

/// Two cases in one folder share a claim. In the first, with a change not saved, `=` asks
/// (save / discard / cancel); saving opens the other case in this factdesk, whose claims
/// show, and the first case's lock is let go: `=` there goes back to it, not read-only.
#[test]
fn equals_opens_the_similar_case_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let other = format!("{SHARED} Ferries carried 4,000 people across the sound in May.\n");
    fs::write(dir.path().join("b.txt"), other).unwrap();
    let first = format!("{SHARED} The weather was mild all week.\n");
    fs::write(dir.path().join("a.txt"), first).unwrap();
    make_case(dir.path(), "b.txt", 2);

    let mut tui = Tui::spawn(&bin(), &["a.txt"], dir.path(), 120, 40, &[]);
    tui.wait_for("NORMAL", TIMEOUT);
    tui.key("c");
    tui.wait_for("similar to C1 in b.factdesk.json", CEILING);
    tui.key("=");
    tui.wait_for("has unsaved changes", TIMEOUT);
    tui.wait_for("Then b.factdesk.json opens.", TIMEOUT);
    tui.key("s");
    tui.wait_for("C2 · Ferries carried 4,000 people", CEILING);
    assert!(tui.screen().contains("b.factdesk.json"), "{}", tui.screen());
    let saved = fs::read_to_string(dir.path().join("a.factdesk.json")).unwrap();
    assert!(
        saved.contains("Unemployment fell"),
        "the first case was saved"
    );

    // Back again: the first case opens writable, so its lock went with the old process.
    tui.key("k");
    tui.wait_for("similar to C1 in a.factdesk.json", CEILING);
    tui.key("=");
    tui.wait_for("The weather was mild", CEILING);
    let screen = tui.screen();
    assert!(!screen.contains("read-only"), "{screen}");
    assert!(!screen.contains("Ferries carried"), "{screen}");
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
}
