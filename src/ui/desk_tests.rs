//! Screen tests of the desk: the gutter's claim brackets and uncovered marks, the claim
//! list's filter, the detail pane's markers.

use insta::assert_snapshot;

use super::Theme;
use super::tests::{find_in_article, render, state, text_of};
use crate::test_support::press;

/// The article pane's part of the first screen row whose article part holds `needle`.
fn article_row(text: &str, needle: &str) -> String {
    text.lines()
        .map(|l| l.chars().take(47).collect::<String>())
        .find(|l| l.contains(needle))
        .unwrap_or_default()
}

const NESTED: &str = "Title\n\nAlpha beta gamma delta. Next sentence here.\n\nLast one.";

/// A claim nested in another gets its own bracket in the gutter; rated claims get heavy
/// brackets and unrated ones dashed, so the two differ with NO_COLOR too.
#[test]
fn nested_claims_have_brackets() {
    let mut s = state(NESTED, 80, 24);
    press(&mut s, "jc/beta<Enter>vc<Esc>"); // an unrated sentence, an unrated word inside it
    let text = text_of(&render(&s, 80, 24, Theme::MONO));
    let row = article_row(&text, "Alpha");
    assert!(row.starts_with("│ ┆┆Alpha"), "two dashed brackets: {row:?}");
    press(&mut s, "r1"); // rate the word (the current claim): True
    let text = text_of(&render(&s, 80, 24, Theme::MONO));
    let row = article_row(&text, "Alpha");
    assert!(
        row.starts_with("│ ┆┃Alpha"),
        "the rated inner claim is heavy: {row:?}"
    );
}

/// U marks sentences no claim covers: a mark in the gutter and a tint on the text; the
/// covered sentence has neither.
#[test]
fn uncovered_sentences_are_marked() {
    let mut s = state("Title\n\nAlpha beta gamma delta.\n\nLast one.", 80, 24);
    press(&mut s, "jcU");
    let buffer = render(&s, 80, 24, Theme::COLOR);
    let text = text_of(&buffer);
    let last = article_row(&text, "Last one.");
    assert!(last.starts_with("│▸"), "{last:?}");
    let alpha = article_row(&text, "Alpha");
    assert!(!alpha.contains('▸'), "{alpha:?}");
    let (x, y) = find_in_article(&buffer, "Last").unwrap();
    assert_eq!(buffer[(x, y)].bg, Theme::COLOR.uncovered().bg.unwrap());
    press(&mut s, "U");
    let text = text_of(&render(&s, 80, 24, Theme::COLOR));
    assert!(
        !article_row(&text, "Last").contains('▸'),
        "the toggle turns the marks off"
    );
}

/// The claim list with a filter: only matching claims, the filter in the title.
#[test]
fn filtered_claim_list() {
    let mut s = state(super::super::open::DEMO_ARTICLE, 80, 24);
    press(&mut s, "jjcr5jjcjjcx");
    press(&mut s, "<Tab>/status:todo verdict:false<Enter>");
    let text = text_of(&render(&s, 80, 24, Theme::COLOR));
    assert_snapshot!(text);
    assert!(text.contains("Claims 1/1 of 3 · status:to… "));
    let wide = text_of(&render(&s, 160, 48, Theme::COLOR));
    assert!(wide.contains("Claims 1/1 of 3 · status:todo verdict:false "));
}

/// The first-steps panel shows over the article on the first run and Esc closes it.
#[test]
fn first_steps_panel() {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let mut s = state(super::super::open::DEMO_ARTICLE, w, h);
        s.first_steps = true;
        let text = text_of(&render(&s, w, h, Theme::COLOR));
        insta::assert_snapshot!(format!("first_steps_{w}x{h}"), text);
        press(&mut s, "<Esc>");
        let text = text_of(&render(&s, w, h, Theme::COLOR));
        assert!(!text.contains("First steps"));
    }
}
