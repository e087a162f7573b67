//! The TUI side of re-anchoring: the offer, the review (accept, keep as orphan, re-select),
//! undo, and claims of several spans.

use super::tests::run;
use super::*;
use crate::model::ReviewStatus;
use crate::test_support::keys;

const OLD: &str = "Putinbefore the talks. Gas rose 40 % in May. Oil fell 3 % in June. The end.";
const NEW: &str = "Putin before the talks. Gas rose 40 % in May. Oil fell 5 % in June. The end.";

fn press(state: &mut AppState, key_string: &str) -> Vec<Effect> {
    keys(key_string)
        .into_iter()
        .flat_map(|k| state.update(Action::Key(k)))
        .collect()
}

/// Claims on the 2nd and 3rd sentences (`jc` twice), then the offer of `NEW`, accepted.
fn reanchored() -> AppState {
    let (mut state, _) = run(&format!("|{OLD}"), "jcjc");
    assert_eq!(state.case.claims.len(), 2);
    state.offer_reanchor(NEW.into(), "new.txt".into(), None);
    press(&mut state, "r");
    state
}

/// Re-anchoring from the offer moves the case onto the new text and opens the review
/// on the one claim edited in place; the other one moved silently.
#[test]
fn offer_reanchors_and_opens_the_review() {
    let state = reanchored();
    assert_eq!(state.case.article.text, NEW);
    assert_eq!(state.case.article.versions[0].text, OLD);
    assert!(matches!(
        state.overlay,
        Some(Overlay::Review { selected: 0 })
    ));
    let items = state.review_items();
    assert_eq!(items.len(), 1);
    assert_eq!(
        state.case.claims[items[0].claim].anchors[0].exact,
        "Oil fell 5 % in June."
    );
    assert!(state.case.claims[0].anchors[0].review.is_none());
    assert!(state.dirty());
}

/// Accepting settles the span; undo brings back the review, and a second undo the old
/// article with its anchors.
#[test]
fn accept_then_undo_twice() {
    let mut state = reanchored();
    press(&mut state, "a");
    assert!(state.review_items().is_empty());
    assert!(
        state.overlay.is_none(),
        "the review closes when nothing is left"
    );
    press(&mut state, "u");
    assert_eq!(state.review_items().len(), 1);
    press(&mut state, "u");
    assert_eq!(state.case.article.text, OLD);
    assert!(state.case.article.versions.is_empty());
    assert!(state.case.claims.iter().all(|c| !c.needs_review()));
    assert_eq!(
        state.case.claims[1].anchors[0].exact,
        "Oil fell 3 % in June."
    );
    press(&mut state, "<Ctrl-r>");
    assert_eq!(
        state.case.article.text, NEW,
        "redo moves it onto the new text again"
    );
}

/// Keeping a proposal as an orphan restores the old quote; the orphan stays listed.
#[test]
fn keep_as_orphan_stays_listed() {
    let mut state = reanchored();
    press(&mut state, "o");
    let items = state.review_items();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].status, ReviewStatus::Orphaned);
    assert_eq!(
        state.case.claims[items[0].claim].anchors[0].exact,
        "Oil fell 3 % in June."
    );
    assert!(state.doc.orphans.contains(&items[0].claim));
    press(&mut state, "a");
    assert_eq!(
        state.review_items().len(),
        1,
        "an orphan cannot be accepted"
    );
}

/// Re-selecting puts a selection in the text; `+` makes it the claim's span, settled.
#[test]
fn reselect_with_a_selection() {
    let mut state = reanchored();
    press(&mut state, "s");
    assert!(state.selection.is_some());
    assert!(state.reselecting().is_some());
    press(&mut state, "ww+");
    let claim = &state.case.claims[1];
    assert_eq!(claim.anchors.len(), 1, "replaced, not added");
    assert_eq!(claim.anchors[0].exact, "Oil fell 5");
    assert!(claim.anchors[0].review.is_none());
    assert!(state.reselecting().is_none());
}

/// `:reanchor PATH` asks the runner to read the new version.
#[test]
fn palette_reanchor_command() {
    let (_, effects) = run(&format!("|{OLD}"), ":reanchor new.txt<Enter>");
    assert_eq!(
        effects,
        vec![Effect::Reanchor {
            path: "new.txt".into()
        }]
    );
}

/// `+` adds the selection to the current claim; `]`/`[` in the detail pane visit the
/// spans in text order; undo takes the span away again.
#[test]
fn spans_added_and_visited() {
    let (mut state, _) = run(&format!("|{OLD}"), "jcjvw+");
    let claim = &state.case.claims[0];
    assert_eq!(claim.anchors.len(), 2);
    assert_eq!(claim.quote(), "Gas rose 40 % in May. … Oil fell");
    press(&mut state, "<Tab><Tab>");
    assert_eq!(state.focus, Pane::Detail);
    press(&mut state, "]");
    assert_eq!(state.detail_span, 1);
    assert_eq!(
        state.cursor, 2,
        "the cursor is on the second span's sentence"
    );
    press(&mut state, "[");
    assert_eq!((state.detail_span, state.cursor), (0, 1));
    press(&mut state, "u");
    assert_eq!(state.case.claims[0].anchors.len(), 1);
}
