//! Screen tests: every screen and overlay rendered into a buffer at 80×24 and 160×48, with
//! snapshots of the text and explicit checks of the colours that carry meaning.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use super::{Theme, draw, viewport};
use crate::app::{Action, AppState};
use crate::open::DEMO_ARTICLE;
use crate::test_support::press;

/// The shared test state on `text`, sized to a `width`×`height` screen.
pub(super) fn state(text: &str, width: u16, height: u16) -> AppState {
    let mut s = crate::test_support::state(text, 0);
    s.time_zone = jiff::tz::TimeZone::UTC;
    s.update(Action::Resize(viewport(ratatui::layout::Rect::new(
        0, 0, width, height,
    ))));
    s
}

pub(super) fn render(s: &AppState, width: u16, height: u16, theme: Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, s, &theme)).unwrap();
    terminal.backend().buffer().clone()
}

pub(super) fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let row: String = (0..area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Position of the first cell at or right of column `min_x` where `needle` starts.
pub(super) fn find_from(buffer: &Buffer, needle: &str, min_x: u16) -> Option<(u16, u16)> {
    find_between(buffer, needle, min_x, buffer.area.width)
}

/// Like [`find_from`], but only in the article pane (the left 60 %).
pub(super) fn find_in_article(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    find_between(buffer, needle, 0, buffer.area.width * 3 / 5)
}

pub(super) fn find_between(
    buffer: &Buffer,
    needle: &str,
    min_x: u16,
    max_x: u16,
) -> Option<(u16, u16)> {
    (0..buffer.area.height).find_map(|y| {
        let row: String = (min_x..max_x)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        let byte = row.find(needle)?;
        Some((min_x + row[..byte].chars().count() as u16, y))
    })
}

/// A demo case with claims in every state: rated, unrated, and one made from a selection.
fn worked_state(width: u16, height: u16) -> AppState {
    let mut s = state(DEMO_ARTICLE, width, height);
    press(&mut s, "jjcr5"); // the 40% claim: False
    press(&mut s, "jj/told reporters<Enter>vwc<Esc>"); // "told reporters that", unrated
    press(&mut s, "jjcx");
    s
}

macro_rules! snapshot_both_sizes {
    ($name:ident, $setup:expr) => {
        /// The screen renders at both reference sizes exactly as the snapshot shows.
        #[test]
        fn $name() {
            for (w, h) in [(80u16, 24u16), (160, 48)] {
                let s: AppState = $setup(w, h);
                let text = text_of(&render(&s, w, h, Theme::COLOR));
                insta::assert_snapshot!(format!("{}_{w}x{h}", stringify!($name)), text);
            }
        }
    };
}

snapshot_both_sizes!(main_screen_fresh, |w, h| state(DEMO_ARTICLE, w, h));
snapshot_both_sizes!(main_screen_with_claims, worked_state);
snapshot_both_sizes!(help_overlay, |w, h| {
    let mut s = state(DEMO_ARTICLE, w, h);
    press(&mut s, "?");
    s
});
snapshot_both_sizes!(rating_picker, |w, h| {
    let mut s = worked_state(w, h);
    press(&mut s, "r");
    s
});
snapshot_both_sizes!(wording_editor, |w, h| {
    let mut s = worked_state(w, h);
    press(&mut s, "e");
    s
});
snapshot_both_sizes!(explanation_editor, |w, h| {
    let mut s = worked_state(w, h);
    press(
        &mut s,
        "EThe operator's figures show 12%.<Enter>Source: annual report.",
    );
    s
});
snapshot_both_sizes!(claimant_prompt_with_guess, |w, h| {
    let mut s = worked_state(w, h);
    press(&mut s, "[a");
    s
});
snapshot_both_sizes!(metadata_form, |w, h| {
    let mut s = worked_state(w, h);
    s.case.article.meta.url = Some("https://dailytidings.example/ferry".into());
    s.case.article.meta.authors = vec!["R. Okafor".into(), "J. Berg".into()];
    press(&mut s, "M");
    s
});
snapshot_both_sizes!(export_prompt, |w, h| {
    let mut s = worked_state(w, h);
    press(&mut s, ":export markdown<Enter>");
    s
});
snapshot_both_sizes!(delete_confirmation, |w, h| {
    let mut s = worked_state(w, h);
    press(&mut s, "d");
    s
});
snapshot_both_sizes!(quit_prompt, |w, h| {
    let mut s = worked_state(w, h);
    press(&mut s, "q");
    s
});
snapshot_both_sizes!(selecting_words, |w, h| {
    let mut s = state(DEMO_ARTICLE, w, h);
    press(&mut s, "jj/told reporters<Enter>vw");
    s
});
/// The worked state after a merge: two conflicts on the first claim, the list open.
fn conflicted_state(width: u16, height: u16) -> AppState {
    use serde_json::json;
    let mut s = worked_state(width, height);
    let id = json!(s.case.claims[0].id.0);
    let path = |field: &[&str]| {
        let mut p = vec![json!("claims"), id.clone()];
        p.extend(field.iter().map(|f| json!(f)));
        p
    };
    s.case.conflicts = vec![
        crate::model::Conflict::new(
            path(&["verdict", "rating"]),
            Some(json!(null)),
            Some(json!("False")),
            Some(json!("Mostly True")),
        ),
        crate::model::Conflict::new(
            path(&["verdict", "explanation"]),
            Some(json!("")),
            Some(json!("The operator's own figures show 12%.")),
            Some(json!(
                "Ridership rose 40% on the new line only.\nSee the annual report."
            )),
        ),
    ];
    press(&mut s, "!");
    s
}
snapshot_both_sizes!(conflict_list, conflicted_state);
snapshot_both_sizes!(conflict_editor, |w, h| {
    let mut s = conflicted_state(w, h);
    press(&mut s, "je");
    s
});
snapshot_both_sizes!(claim_list_focused, |w, h| {
    let mut s = worked_state(w, h);
    press(&mut s, "<Tab>k");
    s
});

/// Below the minimum size the screen says so instead of drawing panes.
#[test]
fn too_small() {
    let s = state(DEMO_ARTICLE, 50, 12);
    let text = text_of(&render(&s, 50, 12, Theme::COLOR));
    assert!(text.contains("Terminal too small"), "{text}");
    assert!(text.contains("50×12, need 60×16"));
    assert!(!text.contains("Article"));
}

/// A rated claim is drawn on its verdict's colour; an unrated one underlined in its own
/// colour; the cursor's sentence on the cursor background.
#[test]
fn verdict_colours_in_the_article() {
    let s = worked_state(160, 48);
    let buffer = render(&s, 160, 48, Theme::COLOR);
    let (x, y) = find_in_article(&buffer, "The fictional port").unwrap();
    let false_colour = Color::Rgb(0xe0, 0x36, 0x2c);
    assert_eq!(buffer[(x, y)].bg, false_colour, "rated False claim");
    assert_eq!(buffer[(x, y)].fg, Color::Black);

    let (x, y) = find_in_article(&buffer, "told reporters that").unwrap();
    let cell = &buffer[(x, y)];
    assert_eq!(cell.fg, Color::LightCyan, "unrated claim");
    assert!(cell.modifier.contains(Modifier::UNDERLINED));

    // The current claim (the last one made) is bold.
    let (x, y) = find_in_article(&buffer, "However, the ferry").unwrap();
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));

    // The claim list shows the rated claim's bullet and key in the verdict colour.
    let (x, y) = find_from(&buffer, "● C1", 96).unwrap();
    assert_eq!(buffer[(x, y)].fg, false_colour);
    let (x, y) = find_from(&buffer, " F │", 96).unwrap();
    assert_eq!(buffer[(x + 1, y)].fg, false_colour);
}

/// Overlapping claims both show: the inner one in its own style inside the outer one.
#[test]
fn overlapping_claims_both_show() {
    let mut s = state("Title\n\nAlpha beta gamma delta. Next sentence.", 80, 24);
    press(&mut s, "jcr1"); // whole sentence: True
    press(&mut s, "/beta<Enter>vc<Esc>"); // "beta": unrated, inside it
    let buffer = render(&s, 80, 24, Theme::COLOR);
    let (x, y) = find_in_article(&buffer, "Alpha").unwrap();
    assert_eq!(buffer[(x, y)].bg, Color::Rgb(0x2e, 0x9e, 0x44));
    let (x, y) = find_in_article(&buffer, "beta").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::LightCyan);
    assert!(buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
    let (x, y) = find_in_article(&buffer, "gamma").unwrap();
    assert_eq!(buffer[(x, y)].bg, Color::Rgb(0x2e, 0x9e, 0x44));
}

/// With NO_COLOR no cell carries a colour, and claims are still marked by underlining.
#[test]
fn no_color_uses_no_colour() {
    let s = worked_state(80, 24);
    let buffer = render(&s, 80, 24, Theme::MONO);
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    let (x, y) = find_in_article(&buffer, "told reporters").unwrap();
    assert!(buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
}

/// Hostile text is drawn as visible markers: no control, bidi or zero-width character reaches
/// a cell, and the pane warns about them.
#[test]
fn hostile_text_never_reaches_the_screen() {
    let text = "Title\u{1b}]0;pwned\u{7}\n\nEvil \u{202e}txt.exe\u{202c} and \u{200b}zero\u{9b}31m width\ttab.";
    let s = state(text, 80, 24);
    let buffer = render(&s, 80, 24, Theme::COLOR);
    for cell in buffer.content() {
        for c in cell.symbol().chars() {
            assert!(
                !c.is_control()
                    && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
                "{c:?} reached the screen"
            );
        }
    }
    let shown = text_of(&buffer);
    assert!(shown.contains("Title␛]0;pwned␇"), "{shown}");
    assert!(shown.contains("⟨U+202E⟩txt.exe"));
    assert!(
        shown.contains("width tab") || shown.contains("width   tab"),
        "tab expands"
    );
    assert!(
        shown.contains("hidden characters (control, bidi"),
        "{shown}"
    );
}

/// Scrolling far down a long article draws the lines at that position (past u16 lines).
#[test]
fn far_scroll_draws_the_right_lines() {
    let text: String = (0..70_000).map(|i| format!("Line {i}.\n")).collect();
    let mut s = state(&text, 80, 24);
    press(&mut s, "G");
    let shown = text_of(&render(&s, 80, 24, Theme::COLOR));
    assert!(shown.contains("Line 69999."), "{shown}");
    assert!(shown.contains("Bot"));
}

/// Every string of the Big List of Naughty Strings, as article text and as claim wording,
/// claimant and explanation: no control, bidi or zero-width character reaches a cell, and
/// the case round-trips through the verdict file unchanged.
#[test]
fn naughty_strings_are_drawn_safely_and_round_trip() {
    let Some(path) = crate::test_support::shared("testdata/hostile/blns.txt") else {
        return;
    };
    let list = std::fs::read_to_string(&path).unwrap();
    let strings: Vec<&str> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    assert!(strings.len() > 400);
    let forbidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
    };
    for chunk in strings.chunks(40) {
        let article = format!("Title\n\n{}", chunk.join("\n"));
        let mut s = state(&article, 80, 24);
        for (i, naughty) in chunk.iter().enumerate() {
            press(&mut s, "j");
            press(&mut s, "c");
            let Some(id) = s.current.clone() else {
                continue;
            };
            let claim = s.case.claim_mut(&id).unwrap();
            claim.text = format!("{naughty} #{i}");
            claim.claimant = naughty.to_string();
            claim.verdict.explanation = format!("{naughty}\n{naughty}");
        }
        for keys in ["", "G", "<Tab>"] {
            press(&mut s, keys);
            let buffer = render(&s, 80, 24, Theme::COLOR);
            for cell in buffer.content() {
                let symbol = cell.symbol();
                // A joiner inside a cluster (emoji sequences, Indic conjuncts) shapes the
                // letters around it; the cleaner keeps it there on purpose.
                let joined = symbol.chars().count() > 1;
                let bad = symbol
                    .chars()
                    .any(|c| forbidden(c) && !(joined && matches!(c, '\u{200c}' | '\u{200d}')));
                assert!(!bad, "{symbol:?} reached the screen");
            }
        }
        let view = crate::store::SavedView::default();
        let json = crate::store::to_json(&s.case, &view, &Default::default()).unwrap();
        let back = crate::store::from_json(&json).unwrap();
        assert_eq!(back.case, s.case);
    }
}

/// Pathological shapes open and respond: one 10 MB line, and a million short lines.
#[test]
fn huge_shapes_open_and_respond() {
    for text in ["word ".repeat(2 * 1024 * 1024), "Line.\n".repeat(1_000_000)] {
        let mut s = state(&text, 80, 24);
        press(&mut s, "Gkc");
        assert_eq!(s.case.claims.len(), 1);
        let shown = text_of(&render(&s, 80, 24, Theme::COLOR));
        assert!(shown.contains("Claims 1/1"));
    }
}

/// A case with a small library and links of every stance on the first claim.
fn evidence_state(width: u16, height: u16) -> AppState {
    use crate::model::{Source, SourceId};
    let mut s = worked_state(width, height);
    for (id, title, publisher, url) in [
        (
            "s1",
            "Ferry ridership 2019–2024",
            "Norrsund Lines",
            "https://norrsund.example/ridership",
        ),
        (
            "s2",
            "Council budget papers 2024",
            "Lindqvist Harbour Council",
            "https://lindqvist.example/budget.pdf",
        ),
        (
            "s3",
            "Süddeutsche Zeitung: Fähren im Norden",
            "Süddeutsche Zeitung",
            "https://sz.example/faehren",
        ),
    ] {
        let mut source = Source::new(SourceId(id.into()), title, url, "2026-01-02");
        source.container_title = publisher.into();
        s.case.sources.push(source);
    }
    press(&mut s, "gjj");
    press(
        &mut s,
        "lnorrsund<Enter>r<Tab>Ridership fell by 12%, not 40%.<Tab>p. 3<Ctrl-s>",
    );
    press(&mut s, "lbudget<Enter>c<Ctrl-s>");
    press(&mut s, "lsudd<Enter><Ctrl-s>");
    s
}

snapshot_both_sizes!(detail_with_links, |w, h| {
    let mut s = evidence_state(w, h);
    press(&mut s, "<Tab><Tab>k");
    s
});
snapshot_both_sizes!(source_picker, |w, h| {
    let mut s = evidence_state(w, h);
    press(&mut s, "lfer");
    s
});
snapshot_both_sizes!(source_picker_new_url, |w, h| {
    let mut s = evidence_state(w, h);
    press(&mut s, "lhttps://example.org/new");
    s
});
snapshot_both_sizes!(link_form, |w, h| {
    let mut s = evidence_state(w, h);
    press(&mut s, "<Tab><Tab>k<Enter>");
    s
});
snapshot_both_sizes!(source_record, |w, h| {
    let mut s = evidence_state(w, h);
    press(&mut s, "<Tab><Tab>ks");
    s
});
snapshot_both_sizes!(library_screen, |w, h| {
    let mut s = evidence_state(w, h);
    press(&mut s, "S");
    s
});
snapshot_both_sizes!(library_filtered, |w, h| {
    let mut s = evidence_state(w, h);
    press(&mut s, "S/budg");
    s
});
snapshot_both_sizes!(command_palette, |w, h| {
    let mut s = evidence_state(w, h);
    press(&mut s, ":link");
    s
});

/// Stance badges are named in text and coloured, each stance its own colour.
#[test]
fn stance_badges_are_coloured_and_named() {
    let s = {
        let mut s = evidence_state(160, 48);
        press(&mut s, "<Tab><Tab>");
        s
    };
    let buffer = render(&s, 160, 48, Theme::COLOR);
    let colour = |needle: &str| {
        let (x, y) = find_from(&buffer, needle, 96).unwrap_or_else(|| panic!("{needle} on screen"));
        buffer[(x + 2, y)].fg
    };
    assert_eq!(colour("− refutes"), Color::Rgb(0xe0, 0x36, 0x2c));
    assert_eq!(colour("~ context"), Color::Rgb(0x4a, 0x90, 0xe2));
    assert_eq!(colour("+ supports"), Color::Rgb(0x2e, 0x9e, 0x44));
    let mono = render(&s, 160, 48, Theme::MONO);
    assert!(
        find_from(&mono, "− refutes", 96).is_some(),
        "named without colour too"
    );
}

/// The picker highlights the matched characters of each row.
#[test]
fn picker_highlights_matches() {
    let mut s = evidence_state(160, 48);
    press(&mut s, "lsudd");
    let buffer = render(&s, 160, 48, Theme::COLOR);
    let (x, y) = find_from(&buffer, "Süddeutsche Zeitung: F", 0).expect("row shown");
    for (dx, highlighted) in [(0, true), (1, true), (2, true), (3, true), (4, false)] {
        let cell = &buffer[(x + dx, y)];
        assert_eq!(
            cell.modifier.contains(Modifier::UNDERLINED),
            highlighted,
            "column {dx}"
        );
    }
}

snapshot_both_sizes!(overview_screen, |w, h| {
    let mut s = evidence_state(w, h);
    press(&mut s, "O");
    s
});
snapshot_both_sizes!(scale_picker, |w, h| {
    let mut s = evidence_state(w, h);
    press(&mut s, ":change the rating<Enter>");
    s
});

/// The overview's verdict bars are drawn in each label's colour.
#[test]
fn overview_bars_use_verdict_colours() {
    let mut s = evidence_state(160, 48);
    press(&mut s, "O");
    let buffer = render(&s, 160, 48, Theme::COLOR);
    let (x, y) = find_from(&buffer, "  False ", 0).expect("False row");
    let bar = (x..buffer.area.width)
        .find(|&c| buffer[(c, y)].symbol() == "█")
        .expect("a bar");
    assert_eq!(buffer[(bar, y)].fg, Color::Rgb(0xe0, 0x36, 0x2c));
}

/// Search matches are highlighted in the article.
#[test]
fn search_matches_are_highlighted() {
    let mut s = state(DEMO_ARTICLE, 160, 48);
    press(&mut s, "/norrsund<Enter>");
    let buffer = render(&s, 160, 48, Theme::COLOR);
    let (x, y) = find_in_article(&buffer, "Norrsund Lines denied").unwrap();
    assert_eq!(buffer[(x, y)].bg, Color::Rgb(0xff, 0xd7, 0x5f));
    assert_ne!(buffer[(x + 9, y)].bg, Color::Rgb(0xff, 0xd7, 0x5f));
}

#[path = "overlay_tests.rs"]
mod overlays;

/// The demo article with its suggestions scored and the cursor on the first one.
fn suggesting_state(width: u16, height: u16) -> AppState {
    let mut s = state(DEMO_ARTICLE, width, height);
    let scored = crate::text::checkworthy::suggestions(DEMO_ARTICLE, &[]);
    s.update(Action::SuggestionsReady {
        generation: s.article_generation(),
        scored,
    });
    press(&mut s, ")");
    s
}

snapshot_both_sizes!(suggestion_detail, suggesting_state);

/// Suggested lines carry a yellow bar in the article's left border; Z takes the bars away.
#[test]
fn suggestion_gutter_marks() {
    let mut s = suggesting_state(80, 24);
    let buffer = render(&s, 80, 24, Theme::COLOR);
    let marked: Vec<u16> = (0..24)
        .filter(|&y| buffer[(0, y)].symbol() == "┃")
        .collect();
    assert!(!marked.is_empty());
    assert!(marked.iter().all(|&y| buffer[(0, y)].fg == Color::Yellow));
    press(&mut s, "Z");
    let buffer = render(&s, 80, 24, Theme::COLOR);
    assert!((0..24).all(|y| buffer[(0, y)].symbol() != "┃"));
}
