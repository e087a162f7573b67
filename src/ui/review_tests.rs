//! Screen tests of the re-anchoring overlays at 80×24 and 160×48: the offer, and the
//! review with old and new quote side by side.

use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use super::{Theme, draw, viewport};
use crate::app::{Action, AppState, FileInfo};
use crate::keymap::{Key, Keymap};
use crate::model::{Article, Case, FixedEntropy, Origin, Scale};
use crate::open::DEMO_ARTICLE;

/// The demo with claims on the 40 % sentence and on Brandt's quote, at a terminal size.
fn state(width: u16, height: u16) -> AppState {
    let case = Case::new(
        Article::new(DEMO_ARTICLE.to_string(), Origin::default()),
        Scale::default_scale(),
    );
    let file = FileInfo {
        path: PathBuf::from("/tmp/demo.factdesk.json"),
        extra: Default::default(),
        view_extra: Default::default(),
        stamp: None,
    };
    let mut s = AppState::new(
        case,
        file,
        0,
        Vec::new(),
        Keymap::default_keymap(),
        Box::new(FixedEntropy::default()),
    );
    s.update(Action::Resize(viewport(ratatui::layout::Rect::new(
        0, 0, width, height,
    ))));
    press(&mut s, "jjcjcjc");
    s
}

fn press(s: &mut AppState, keys: &str) {
    for c in keys.chars() {
        s.update(Action::Key(Key::char(c)));
    }
}

/// The demo edited: a figure changed in one claim, another claim's sentence deleted.
fn new_version() -> String {
    DEMO_ARTICLE
        .replacen("fallen by 40% since 2019", "fallen by 38% since 2019", 1)
        .replacen(
            "The figure was questioned this week by a local transport researcher.",
            "",
            1,
        )
}

fn render(s: &AppState, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, s, &Theme::COLOR)).unwrap();
    terminal.backend().buffer().clone()
}

fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let row: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn reviewing(w: u16, h: u16) -> AppState {
    let mut s = state(w, h);
    s.reanchor_onto(new_version(), "story-v2.txt".into());
    s
}

/// The offer renders at both sizes as the snapshot shows.
#[test]
fn reanchor_offer() {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let mut s = state(w, h);
        s.offer_reanchor(new_version(), "story-v2.txt".into(), None);
        insta::assert_snapshot!(
            format!("reanchor_offer_{w}x{h}"),
            text_of(&render(&s, w, h))
        );
    }
}

/// The review renders at both sizes: the changed claim with both quotes, the orphan with ⚠.
#[test]
fn review_overlay() {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let s = reviewing(w, h);
        let text = text_of(&render(&s, w, h));
        assert!(text.contains("⚠ C2 orphaned"), "{text}");
        insta::assert_snapshot!(format!("review_overlay_{w}x{h}"), text);
    }
}

/// Only the differing words are marked: "38%" on the new side, not its neighbours.
#[test]
fn differing_words_are_marked() {
    let s = reviewing(160, 48);
    let buffer = render(&s, 160, 48);
    let text = text_of(&buffer);
    // The last row with it: the review's, drawn over the article.
    let lines: Vec<&str> = text.lines().collect();
    let row = lines.iter().rposition(|l| l.contains("38%")).unwrap();
    let line = lines[row];
    let col = |needle: &str| line[..line.rfind(needle).unwrap()].chars().count() as u16;
    let style = |x: u16| buffer[(x, row as u16)].modifier;
    assert!(style(col("38%")).contains(Modifier::UNDERLINED));
    assert!(!style(col("since")).contains(Modifier::UNDERLINED));
}
