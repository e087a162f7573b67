//! The desk: the detail pane's scrolling, search and selection, what is left to do.

use super::*;
use crate::model::{Source, SourceId};
use crate::test_support::keys;

/// A state with three sources in the library, after `keys`, at `viewport`.
fn desk(viewport: Viewport, key_string: &str) -> (AppState, Vec<Effect>) {
    let (mut s, _) = super::tests::run(super::evidence_tests::TEXT, "");
    s.update(Action::Resize(viewport));
    for (id, title, url) in [
        (
            "s1",
            "Süddeutsche Zeitung: Musk und Putin",
            "https://sz.example/musk",
        ),
        (
            "s2",
            "Reuters: Musk denies talking to Putin",
            "https://reuters.example/denial",
        ),
        (
            "s3",
            "World Bank population data",
            "https://data.example/pop",
        ),
    ] {
        s.case
            .sources
            .push(Source::new(SourceId(id.into()), title, url, "2026-01-01"));
    }
    let mut effects = Vec::new();
    for key in keys(key_string) {
        effects.extend(s.update(Action::Key(key)));
    }
    (s, effects)
}

/// The detail pane's height in these tests (the list takes 2 rows for its one claim): fewer
/// rows than the three links take.
const H: usize = 5;

fn small() -> Viewport {
    Viewport {
        detail_width: 30,
        list_height: 2,
        detail_height: H,
        ..Viewport::default()
    }
}

/// Three links with quotes: more than an H-row pane holds.
const THREE_LINKS: &str = "clsudd<Enter>cQuote one<Ctrl-s>clreuters<Enter>rQuote two<Ctrl-s>\
clworld<Enter>sQuote three<Ctrl-s><Tab><Tab>";

/// Moving over links keeps the selected one wholly in the pane, however small.
#[test]
fn selected_link_stays_in_view() {
    let (mut s, _) = desk(small(), THREE_LINKS);
    assert_eq!(s.detail_link, 2, "the last made link is selected");
    assert!(s.selected_link_in_view());
    assert!(
        s.detail_scroll > 0,
        "the third link is below the first rows"
    );
    for key in keys("kk") {
        s.update(Action::Key(key));
        assert!(s.selected_link_in_view(), "link {} in view", s.detail_link);
    }
    assert_eq!(s.detail_link, 0);
}

/// PgDn and PgUp scroll the pane a screen; the wheel scrolls it; a link scrolled out is
/// replaced by one in view; the scroll stops at the end.
#[test]
fn detail_pages_and_wheel() {
    let (mut s, _) = desk(small(), &format!("{THREE_LINKS}gg"));
    assert_eq!((s.detail_scroll, s.detail_link), (0, 0));
    let rows = s.detail_rows(None).len();
    let page_down = crate::keymap::Key::plain(crate::keymap::KeyCode::PageDown);
    s.update(Action::Key(page_down));
    assert_eq!(s.detail_scroll, H);
    s.update(Action::Key(page_down));
    assert_eq!(s.detail_scroll, 2 * H);
    assert!(
        s.detail_link > 0,
        "the first link scrolled out: another is selected"
    );
    assert!(s.selected_link_in_view());
    for _ in 0..10 {
        s.update(Action::ScrollDetail(3));
    }
    assert_eq!(s.detail_scroll, rows - H, "stops at the last row");
    s.update(Action::Key(crate::keymap::Key::plain(
        crate::keymap::KeyCode::PageUp,
    )));
    assert_eq!(s.detail_scroll, rows - 2 * H);
}

/// The pane starts with the full wording, however long, on a "Wording" line.
#[test]
fn wording_line_is_whole() {
    let (s, _) = desk(small(), "v<Down><Down>c");
    let rows = s.detail_rows(None);
    let text: String = rows
        .iter()
        .take_while(|r| !r.parts.iter().any(|(_, t)| t.starts_with("Claimant")))
        .flat_map(|r| r.parts.iter().map(|(_, t)| t.clone()))
        .collect();
    assert_eq!(text, format!("Wording: {}", s.case.claims[0].text));
    assert!(
        rows.len() > 2 && text.chars().count() > 30,
        "wrapped over rows"
    );
}

/// `/` opens empty (never appending to the last query); ↑ and ↓ walk earlier queries,
/// newest first, and past the newest the prompt is empty again.
#[test]
fn search_history() {
    let (mut s, _) = super::tests::run(super::evidence_tests::TEXT, "/putin<Enter>/russia<Enter>/");
    let prompt = |s: &AppState| match &s.overlay {
        Some(Overlay::Search { editor }) => editor.text(),
        _ => panic!("no search prompt"),
    };
    assert_eq!(prompt(&s), "", "starts empty");
    let mut walk = Vec::new();
    for key in keys("<Up><Up><Up><Down><Down>") {
        s.update(Action::Key(key));
        walk.push(prompt(&s));
    }
    assert_eq!(walk, ["russia", "putin", "putin", "russia", ""]);
    for key in keys("<Up><Up><Enter>") {
        s.update(Action::Key(key));
    }
    assert_eq!(s.search.as_ref().map(|x| x.query.as_str()), Some("putin"));
    assert_eq!(
        s.search_history,
        ["russia", "putin"],
        "a query searched again moves last"
    );
}

/// Dragging the mouse over the article selects from where the button went down to where
/// it is, either way, taking in the character under the pointer.
#[test]
fn drag_selects() {
    let (mut s, _) = super::tests::run(super::evidence_tests::TEXT, "");
    s.update(Action::Resize(Viewport {
        article_width: 200,
        ..Viewport::default()
    }));
    s.update(Action::ClickArticle { line: 0, col: 5 });
    s.update(Action::DragArticle { line: 0, col: 14 });
    let sel = s.selection.expect("a selection");
    assert_eq!(&s.case.article.text[sel.start..sel.end], "spoke with");
    s.update(Action::DragArticle { line: 0, col: 0 });
    let sel = s.selection.expect("a selection");
    assert_eq!(&s.case.article.text[sel.start..sel.end], "Musk s");
    s.update(Action::Key(crate::keymap::Key::char('c')));
    assert_eq!(s.case.claims[0].anchors[0].exact, "Musk s");
}

/// `}` and `{` move the cursor to the next and previous sentence no claim covers; `t`
/// selects the next claim not yet reviewed, wrapping around.
#[test]
fn jumps_to_what_is_left() {
    let text = "One here. Two here. Three here. Four here.";
    let (s, _) = super::tests::run(text, "jcg}");
    assert_eq!(s.cursor, 2, "past the covered second sentence");
    let (s, _) = super::tests::run(text, "jcg}}{");
    assert_eq!(s.cursor, 2);
    let (s, _) = super::tests::run(text, "cjcxxjcgt");
    let current = s.current_index().unwrap();
    assert_eq!(current, 2, "the reviewed second claim is skipped");
    let (s, _) = super::tests::run(text, "cxxgt");
    assert_eq!(
        s.message.unwrap().text,
        "No claim left to do: every claim is reviewed"
    );
}

/// The list's filter persists: j/k move over matching claims only, and an empty filter
/// shows them all again.
#[test]
fn list_filter_persists() {
    let text = "One here. Two here. Three here. Four here.";
    let (mut s, _) = super::tests::run(text, "cjcxxjcjcxx<Tab>/status:rev<Enter>gj");
    assert_eq!(s.visible_claims(), [1, 3]);
    assert_eq!(s.current_index(), Some(3));
    for key in keys("k/<Ctrl-w><Backspace><Ctrl-w><Enter>") {
        s.update(Action::Key(key));
    }
    assert_eq!(s.claim_filter, None);
    assert_eq!(s.visible_claims().len(), 4);
}

/// `y` copies the claim's wording and `Y` its quote; `o` on a link asks to open its URL,
/// and only an http(s) one.
#[test]
fn out_to_the_world() {
    let (_, effects) = desk(small(), "vwcey<Ctrl-w><Ctrl-w>Musk and Putin<Enter>y");
    assert_eq!(effects, [Effect::Copy("Musk and Putin".into())]);
    let (_, effects) = desk(small(), "vwcY");
    assert_eq!(effects, [Effect::Copy("Musk spoke".into())]);
    let (_, effects) = desk(small(), "cy");
    assert_eq!(
        effects.len(),
        1,
        "y in the article copies the claim's wording"
    );
    let (_, effects) = desk(small(), "clreuters<Enter><Ctrl-s><Tab><Tab>o");
    assert_eq!(
        effects,
        [Effect::OpenUrl("https://reuters.example/denial".into())]
    );
    let (mut s, _) = desk(small(), "clreuters<Enter><Ctrl-s><Tab><Tab>");
    s.case.sources[1].url = "file:///etc/passwd".into();
    let effects = s.update(Action::Key(crate::keymap::Key::char('o')));
    assert!(effects.is_empty());
    assert!(
        s.message
            .unwrap()
            .text
            .starts_with("Not opened: only http(s)")
    );
}

/// Ctrl-e asks for the explanation in `$EDITOR`; its text is taken when the editor exited
/// 0 (undoable like any edit) and dropped when it did not.
#[test]
fn explanation_in_editor() {
    let (mut s, effects) = desk(small(), "cE<Ctrl-w>old<Ctrl-s><Ctrl-e>");
    let claim = s.case.claims[0].id.clone();
    assert_eq!(
        effects,
        [Effect::EditExternally {
            claim: claim.clone(),
            text: "old".into()
        }]
    );
    s.update(Action::ExternalEdit {
        claim: claim.clone(),
        result: Ok(None),
    });
    assert_eq!(s.case.claims[0].verdict.explanation, "old");
    s.update(Action::ExternalEdit {
        claim: claim.clone(),
        result: Ok(Some("new\nlines\n".into())),
    });
    assert_eq!(s.case.claims[0].verdict.explanation, "new\nlines");
    assert!(s.overlay.is_none());
    s.update(Action::Key(crate::keymap::Key::char('u')));
    assert_eq!(s.case.claims[0].verdict.explanation, "old");
}

/// The list takes the rows its claims need (two at least, about 45 % at most); the detail
/// gets the rest, and the two always add up to the column.
#[test]
fn list_and_detail_split_by_content() {
    assert_eq!(split_right(40, 8), (8, 32));
    assert_eq!(split_right(40, 0), (2, 38));
    assert_eq!(split_right(40, 500), (17, 23));
    assert_eq!(split_right(1, 8), (1, 0));
    for total in 0..60 {
        for claims in 0..30 {
            let (list, detail) = split_right(total, claims);
            assert_eq!(list + detail, total);
        }
    }
}

/// With a reading width the article wraps at it however wide the pane is.
#[test]
fn reading_width_caps_the_lines() {
    let (mut s, _) = super::tests::run(super::evidence_tests::TEXT, "");
    s.reading_width = Some(30);
    s.update(Action::Resize(Viewport {
        article_width: 200,
        ..Viewport::default()
    }));
    assert_eq!(s.viewport.article_width, 30);
    assert!(s.doc.lines.len() > 1, "wrapped at 30, not 200");
}

/// PgDn and PgUp move the article exactly one screen each time, and the cursor lands on a
/// sentence in view.
#[test]
fn pages_are_one_screen() {
    let text: String = (0..400)
        .map(|i| format!("Sentence number {i} is here and it runs on for a while. "))
        .collect();
    let (mut s, _) = super::tests::run(&text, "");
    s.update(Action::Resize(Viewport {
        article_width: 40,
        article_height: 20,
        ..Viewport::default()
    }));
    let page_down = crate::keymap::Key::plain(crate::keymap::KeyCode::PageDown);
    let mut tops = vec![s.top];
    for _ in 0..4 {
        s.update(Action::Key(page_down));
        tops.push(s.top);
        let (first, _) = s.doc.lines_of(&s.cursor_range());
        assert!((s.top..s.top + 20).contains(&first), "cursor in view");
    }
    let steps: Vec<usize> = tops.windows(2).map(|w| w[1] - w[0]).collect();
    assert_eq!(steps, [20, 20, 20, 20]);
    s.update(Action::Key(crate::keymap::Key::plain(
        crate::keymap::KeyCode::PageUp,
    )));
    assert_eq!(s.top, tops[3]);
}

/// Reopening a case puts back the focused pane and the selected claim; a claim that is
/// gone or a pane this version does not know leave the defaults.
#[test]
fn reopening_restores_focus_and_selected_claim() {
    // Two claims; the article cursor back on the first; the list focused on the second.
    let (s, _) = super::tests::run(super::evidence_tests::TEXT, "cjck<Tab>j");
    assert_eq!((s.focus, s.current_index()), (Pane::Claims, Some(1)));
    let view = s.saved_view();
    assert_eq!(view.focus.as_deref(), Some("claims"));

    let reopen = |view: &crate::store::SavedView| {
        let mut again = AppState::new(
            s.case.clone(),
            s.file.clone(),
            view.cursor,
            Vec::new(),
            crate::keymap::Keymap::default_keymap(),
            Box::new(crate::model::FixedEntropy::default()),
        );
        again.restore_view(view);
        again
    };
    let again = reopen(&view);
    assert_eq!(again.focus, Pane::Claims);
    assert_eq!(again.current, s.current);
    assert_eq!(again.cursor, s.cursor, "the cursor is where it was");

    let strange = crate::store::SavedView {
        focus: Some("sidebar".into()),
        claim: Some(crate::model::ClaimId("gone".into())),
        ..view.clone()
    };
    let again = reopen(&strange);
    assert_eq!(again.focus, Pane::Article);
    assert_eq!(again.current_index(), Some(0), "the claim under the cursor");
}

/// The spans redone for only the touched claims (ratings, statuses, a span added, undo and
/// redo of each) are always what indexing every claim afresh gives.
#[test]
fn spans_follow_touched_claims_only() {
    let text = "One claim here. Two claims there. Three is a crowd. Four more. Five.";
    let (mut s, _) = super::tests::run(text, "cjcjcjc");
    assert_eq!(s.case.claims.len(), 4);
    let fresh = |s: &AppState| {
        let mut doc = s.doc.clone();
        doc.index_claims(&s.case);
        (doc.spans, doc.orphans)
    };
    for keys in [
        "x", "r1", "k", "x", "u", "u", "<Ctrl-r>", "gvw+", "u", "<Ctrl-r>", "jjd", "y", "u",
    ] {
        crate::test_support::press(&mut s, keys);
        assert_eq!(
            (s.doc.spans.clone(), s.doc.orphans.clone()),
            fresh(&s),
            "after {keys}"
        );
    }
    assert!(
        s.case.claims.iter().any(|c| c.anchors.len() == 2),
        "a span was added"
    );
}
