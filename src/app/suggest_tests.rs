//! Suggestions in the app: moving between them, dismissing (undoably), claiming, hiding.

use std::path::PathBuf;

use super::*;
use crate::keymap::Keymap;
use crate::model::{Article, Case, FixedEntropy, Origin, Scale};
use crate::test_support::press;
use crate::text::checkworthy;

const TEXT: &str = "I think it is lovely here. Unemployment fell to 3.5 percent in 2022, the lowest since 1969, officials said.\n\nWhat do you want?\n\nThe deficit rose to $1.4 trillion in 2009, the largest since 1945.";

fn state() -> AppState {
    state_of(TEXT)
}

/// A case of `text` with its suggestions scored, as the runner would.
fn state_of(text: &str) -> AppState {
    let case = Case::new(
        Article::new(text.into(), Origin::default()),
        Scale::default_scale(),
    );
    let file = FileInfo {
        path: PathBuf::from("test.factdesk.json"),
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
    s.update(Action::SuggestionsReady {
        generation: s.article_generation(),
        scored: checkworthy::suggestions(text, &[]),
    });
    s
}

fn cursor_text(s: &AppState) -> &str {
    &s.case.article.text[s.cursor_range()]
}

/// `)` and `(` move between the suggested sentences only.
#[test]
fn next_and_previous_suggestion() {
    let mut s = state();
    assert_eq!(s.open_suggestion_count(), 2);
    press(&mut s, ")");
    assert!(
        cursor_text(&s).starts_with("Unemployment"),
        "{}",
        cursor_text(&s)
    );
    press(&mut s, ")");
    assert!(cursor_text(&s).starts_with("The deficit"));
    press(&mut s, ")");
    assert!(cursor_text(&s).starts_with("The deficit"), "no more below");
    press(&mut s, "(");
    assert!(cursor_text(&s).starts_with("Unemployment"));
    assert!(
        s.suggestion_detail()
            .is_some_and(|d| d.reasons.iter().any(|r| r == "date: 2022"))
    );
}

/// `X` records the dismissal in the case (so it is saved), `u` takes it back, Ctrl-r redoes.
#[test]
fn dismiss_is_saved_and_undoable() {
    let mut s = state();
    press(&mut s, ")X");
    assert_eq!(s.case.suggestions.dismissed.len(), 1);
    assert!(
        s.case.suggestions.dismissed[0]
            .exact
            .starts_with("Unemployment")
    );
    assert_eq!(s.open_suggestion_count(), 1);
    assert!(s.dirty());
    press(&mut s, "u");
    assert!(s.case.suggestions.dismissed.is_empty());
    assert_eq!(s.open_suggestion_count(), 2);
    press(&mut s, "<Ctrl-r>");
    assert_eq!(s.open_suggestion_count(), 1);
    let json = crate::store::to_json(&s.case, &Default::default(), &Default::default()).unwrap();
    let back = crate::store::from_json(&json).unwrap();
    assert_eq!(back.case.suggestions, s.case.suggestions);
}

/// `c` on a suggestion makes it a claim; claimed sentences are no longer counted as open.
#[test]
fn claiming_closes_the_suggestion() {
    let mut s = state();
    press(&mut s, "))c");
    assert_eq!(s.case.claims.len(), 1);
    assert_eq!(s.open_suggestion_count(), 1);
    assert!(s.suggestion_at_cursor().is_none());
    press(&mut s, "(");
    assert!(cursor_text(&s).starts_with("Unemployment"));
}

/// `Z` hides the marks (nothing drawn), and shows them again.
#[test]
fn toggle_hides_marks() {
    let mut s = state();
    let all = 0..TEXT.len();
    assert_eq!(s.suggestions_in(all.clone()).count(), 2);
    press(&mut s, "Z");
    assert_eq!(s.suggestions_in(all.clone()).count(), 0);
    press(&mut s, "Z");
    assert_eq!(s.suggestions_in(all).count(), 2);
}

/// A suggested sentence inside scraping residue (marked with `R`) is not open: no mark,
/// not counted, skipped by `)`; unmarking it brings it back.
#[test]
fn residue_is_never_suggested() {
    let mut s = state();
    press(&mut s, ")");
    assert!(cursor_text(&s).starts_with("Unemployment"));
    press(&mut s, "R");
    assert!(!s.case.article.residue.is_empty());
    assert_eq!(s.open_suggestion_count(), 1);
    assert!(s.suggestion_at_cursor().is_none());
    press(&mut s, "gg)");
    assert!(cursor_text(&s).starts_with("The deficit"));
    press(&mut s, "u");
    assert_eq!(s.open_suggestion_count(), 2);
}

/// Suggestions scored for an article text since replaced (re-anchoring onto a new version)
/// are dropped, and the new text's arrive.
#[test]
fn suggestions_follow_the_article_text() {
    let mut s = state();
    let old = s.article_generation();
    let new_text = format!("{TEXT}\n\nExports fell by 12% in 2023, the ministry said.");
    s.reanchor_onto(new_text.clone(), PathBuf::from("new.txt"));
    assert_ne!(s.article_generation(), old);
    assert_eq!(s.open_suggestion_count(), 0, "the old text's are gone");
    s.update(Action::SuggestionsReady {
        generation: old,
        scored: checkworthy::suggestions(TEXT, &[]),
    });
    assert_eq!(
        s.open_suggestion_count(),
        0,
        "late ones for the old text are dropped"
    );
    s.update(Action::SuggestionsReady {
        generation: s.article_generation(),
        scored: checkworthy::suggestions(&new_text, &[]),
    });
    assert_eq!(s.open_suggestion_count(), 3);
    press(&mut s, "u");
    assert_eq!(s.case.article.text, TEXT);
    assert_eq!(s.open_suggestion_count(), 0, "undo replaced the text again");
}

/// A claim made on the sentence of TEXT that another case holds (C3 of
/// cases/2022-10.factdesk.json), with that case's claims scanned.
fn seen_state() -> AppState {
    let mut s = state();
    press(&mut s, ")c");
    let index = crate::seen::Index::new(vec![crate::seen::Record {
        file: PathBuf::from("cases/2022-10.factdesk.json"),
        label: "C3".into(),
        text: "Unemployment fell to 3.5 percent in 2022, the lowest since 1969".into(),
        rating: Some("True".into()),
    }]);
    s.update(Action::CasesScanned(std::sync::Arc::new(index), Vec::new()));
    s
}

/// A claim like one of another case shows "Seen: similar to …" with the key in the detail.
#[test]
fn seen_before_shows_in_the_detail() {
    let s = seen_state();
    let lines = detail_lines(&s, 0, None);
    let seen: String = lines
        .iter()
        .flat_map(|l| l.parts.iter().map(|(_, t)| t.as_str()))
        .filter(|t| t.contains("similar") || t.contains("opens it"))
        .collect();
    assert_eq!(
        seen,
        "similar to C3 in 2022-10.factdesk.json — rated True · = opens it"
    );
}

/// `=` with everything saved quits to open the similar claim's case in this factdesk.
#[test]
fn equals_opens_the_similar_case() {
    let mut s = seen_state();
    s.update(Action::Saved {
        result: Ok(PathBuf::from("test.factdesk.json")),
        then_quit: false,
    });
    assert!(!s.dirty());
    assert_eq!(press(&mut s, "="), [Effect::Quit]);
    assert_eq!(
        s.open_next(),
        Some(std::path::Path::new("cases/2022-10.factdesk.json"))
    );
}

/// With unsaved changes `=` asks first, in the quit prompt: save then open, discard then
/// open, or cancel (and a later plain quit opens nothing).
#[test]
fn equals_with_unsaved_changes_asks_first() {
    let mut s = seen_state();
    assert!(s.dirty());
    let other = Some(std::path::Path::new("cases/2022-10.factdesk.json"));
    assert_eq!(press(&mut s, "="), []);
    assert!(matches!(s.overlay, Some(Overlay::QuitPrompt)));
    assert_eq!(s.open_next(), other);
    assert_eq!(press(&mut s, "<Esc>"), []);
    assert!(s.overlay.is_none() && s.open_next().is_none());
    assert_eq!(press(&mut s, "="), []);
    assert_eq!(press(&mut s, "s"), [Effect::Save { then_quit: true }]);
    assert_eq!(s.open_next(), other, "opened once the save is done");
    assert_eq!(press(&mut s, "="), []);
    assert_eq!(press(&mut s, "d"), [Effect::Quit]);
    assert_eq!(s.open_next(), other);
    // A plain quit after all that quits only.
    assert_eq!(press(&mut s, "q"), []);
    assert!(matches!(s.overlay, Some(Overlay::QuitPrompt)));
    assert_eq!(press(&mut s, "d"), [Effect::Quit]);
    assert_eq!(s.open_next(), None);
}

/// Recovering unsaved work brings back its dismissals too, undoably.
#[test]
fn recovery_keeps_dismissals() {
    let mut s = state();
    let mut recovered = s.case.clone();
    press(&mut s, ")X");
    recovered.suggestions = s.case.suggestions.clone();
    press(&mut s, "u");
    assert_eq!(s.open_suggestion_count(), 2);
    s.offer_recovery(recovered, 0);
    press(&mut s, "r");
    assert_eq!(s.case.suggestions.dismissed.len(), 1);
    assert_eq!(s.open_suggestion_count(), 1);
    press(&mut s, "u");
    assert!(s.case.suggestions.dismissed.is_empty());
}

const QUOTED: &str = "“Unemployment fell to 3.5 percent in 2022, the lowest since 1969. The deficit rose to $1.4 trillion in 2009,” Janet Yellen said.\n\nThe council spent 40 million euros on the bridge in 2020. Mayor Olivia Brandt said the budget was balanced.";

/// A suggestion made a claim keeps the guess of the sentence in its context (the speaker
/// named after the quotation) apart from the claimant: nothing confirmed, `a` opens with the
/// guess selected. A sentence in the article's own voice gets no guess, even in a paragraph
/// that names a speaker.
#[test]
fn a_claimed_suggestion_keeps_its_claimant_guess_apart() {
    let mut s = state_of(QUOTED);
    press(&mut s, ")(");
    assert!(
        cursor_text(&s).starts_with("“Unemployment"),
        "{}",
        cursor_text(&s)
    );
    assert_eq!(
        s.suggestion_detail()
            .and_then(|d| d.claimant_guess)
            .as_deref(),
        Some("Janet Yellen")
    );
    press(&mut s, "c");
    let claim = &s.case.claims[0];
    assert_eq!(claim.claimant_guess.as_deref(), Some("Janet Yellen"));
    assert_eq!(claim.claimant, "");
    press(&mut s, "a");
    match &s.overlay {
        Some(Overlay::Claimant(prompt)) => {
            assert_eq!(prompt.editor.text(), "Janet Yellen");
            assert!(prompt.selected && prompt.from_guess);
        }
        other => panic!("no claimant prompt: {other:?}"),
    }
    press(&mut s, "<Esc>");

    let mut s = state_of(QUOTED);
    for _ in 0..4 {
        if !cursor_text(&s).starts_with("The council") {
            press(&mut s, ")");
        }
    }
    assert!(
        cursor_text(&s).starts_with("The council"),
        "{}",
        cursor_text(&s)
    );
    press(&mut s, "c");
    let claim = s
        .case
        .claims
        .iter()
        .find(|c| c.anchors[0].exact.starts_with("The council"));
    assert_eq!(claim.map(|c| c.claimant_guess.clone()), Some(None));
}

/// A dismissal and a metadata edit are separate undo steps over the same stack: undo takes
/// back the metadata first, then the dismissal, and redo brings both back.
#[test]
fn dismissals_and_metadata_undo_one_step_at_a_time() {
    let mut s = state();
    press(&mut s, ")X");
    press(&mut s, "M<Tab>https://news.example/a<Ctrl-s>");
    assert!(s.overlay.is_none(), "{:?}", s.message);
    assert_eq!(
        s.case.article.meta.url.as_deref(),
        Some("https://news.example/a")
    );
    assert_eq!(s.case.suggestions.dismissed.len(), 1);
    press(&mut s, "u");
    assert_eq!(s.case.article.meta.url, None);
    assert_eq!(s.case.suggestions.dismissed.len(), 1);
    press(&mut s, "u");
    assert!(s.case.suggestions.dismissed.is_empty());
    assert!(!s.dirty());
    press(&mut s, "<Ctrl-r><Ctrl-r>");
    assert_eq!(s.case.suggestions.dismissed.len(), 1);
    assert_eq!(
        s.case.article.meta.url.as_deref(),
        Some("https://news.example/a")
    );
}
