//! Large articles in the real binary: the first screen comes from a preview while the
//! whole article is read, keys typed meanwhile are carried out on it in order, and a file
//! truncated while it is read never takes the session down.

mod support;

use std::fs;
use std::path::Path;

use serde_json::Value;
use support::{TIMEOUT, Tui, bin};

/// A news-like article of about `bytes`, "FIRSTMARKER" on its first line and
/// "LASTMARKER end of report." its last sentence.
fn write_article(path: &Path, bytes: usize) {
    let mut text = String::from("FIRSTMARKER Long report on the negotiations\n\n");
    let mut i = 0u64;
    while text.len() < bytes {
        for _ in 0..5 {
            i += 1;
            text.push_str(&format!(
                "Source {i} said that the talks had stalled, according to a note. "
            ));
        }
        text.push_str("\n\n");
    }
    text.push_str("LASTMARKER end of report.\n");
    fs::write(path, text).unwrap();
}

/// Saves (one claim made), quits, and reads the verdict file and its article text.
fn save_quit_and_read(tui: &mut Tui, dir: &Path) -> (Value, String) {
    tui.key("Ctrl-s");
    tui.wait_for("Saved 1 claim", TIMEOUT);
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
    claim_text(dir)
}

fn claim_text(dir: &Path) -> (Value, String) {
    let json: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("big.factdesk.json")).unwrap()).unwrap();
    let text = json["article"]["text"].as_str().unwrap().to_owned();
    (json, text)
}

/// `G` then `c` typed the moment the first screen shows: the claim is the article's last
/// sentence, anchored at its place in the whole text.
#[test]
fn keys_typed_during_the_read_act_on_the_whole_article() {
    let dir = tempfile::tempdir().unwrap();
    write_article(&dir.path().join("big.txt"), 4 << 20);
    let mut tui = Tui::spawn(&bin(), &["big.txt"], dir.path(), 100, 30, &[]);
    tui.wait_for("FIRSTMARKER", TIMEOUT);
    tui.key("G");
    tui.key("c");
    tui.wait_for("Made claim C1", TIMEOUT);
    let (json, text) = save_quit_and_read(&mut tui, dir.path());
    let anchor = &json["claims"][0]["anchors"][0];
    assert_eq!(anchor["exact"], "LASTMARKER end of report.");
    let start = anchor["start"].as_u64().unwrap() as usize;
    assert_eq!(
        start,
        text.chars().count() - "LASTMARKER end of report.\n".len()
    );
}

/// Another program truncates the article while factdesk reads it: the session goes on
/// (no SIGBUS, no error), the case saves, and the text saved is the one read.
#[test]
fn an_article_truncated_while_open_is_survived() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    write_article(&path, 8 << 20);
    let mut tui = Tui::spawn(&bin(), &["big.txt"], dir.path(), 100, 30, &[]);
    tui.wait_for("FIRSTMARKER", TIMEOUT);
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(1 << 20)
        .unwrap();
    tui.key("G");
    tui.key("c");
    tui.wait_for("Made claim C1", TIMEOUT);
    let (json, text) = save_quit_and_read(&mut tui, dir.path());
    assert!(
        text.len() == 1 << 20 || text.len() > 8 << 20,
        "{}",
        text.len()
    );
    let anchor = &json["claims"][0]["anchors"][0];
    let start = anchor["start"].as_u64().unwrap() as usize;
    let end = anchor["end"].as_u64().unwrap() as usize;
    let exact: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(anchor["exact"].as_str().unwrap(), exact);
}

/// Resizing a large article re-wraps the view at once and the rest in the background:
/// the text stays whole and in order, and the end is where `G` goes.
#[test]
fn resizing_a_large_article_keeps_its_text_whole() {
    let dir = tempfile::tempdir().unwrap();
    write_article(&dir.path().join("big.txt"), 4 << 20);
    let mut tui = Tui::spawn(&bin(), &["big.txt"], dir.path(), 120, 30, &[]);
    tui.wait_for("FIRSTMARKER", TIMEOUT);
    tui.key("j");
    tui.wait_for("Source 1 said", TIMEOUT);
    tui.resize(90, 30);
    tui.wait_for("FIRSTMARKER", TIMEOUT);
    tui.resize(70, 26);
    // The pane redrawn at the new width before `G`: a key that comes with a resize can
    // wait in crossterm for the next one (see `Input::ready`).
    tui.wait_for("Long repor… ─ Top ┐", TIMEOUT);
    tui.key("G");
    tui.wait_for("LASTMARKER end of report.", TIMEOUT);
    tui.key("c");
    tui.wait_for("Made claim C1", TIMEOUT);
    tui.key("g");
    tui.wait_for("FIRSTMARKER", TIMEOUT);
    let (json, _) = save_quit_and_read(&mut tui, dir.path());
    assert_eq!(
        json["claims"][0]["anchors"][0]["exact"],
        "LASTMARKER end of report."
    );
}

/// A search typed while the article is read and indexed completes on the whole article.
#[test]
fn a_search_typed_at_once_completes() {
    let dir = tempfile::tempdir().unwrap();
    write_article(&dir.path().join("big.txt"), 8 << 20);
    let mut tui = Tui::spawn(&bin(), &["big.txt"], dir.path(), 100, 30, &[]);
    tui.wait_for("FIRSTMARKER", TIMEOUT);
    tui.send("/LASTMARKER end");
    tui.key("Enter");
    tui.wait_for("Match 1/1 for “LASTMARKER end”", TIMEOUT);
    tui.key("q");
    assert_eq!(tui.wait_exit(TIMEOUT), 0);
}
