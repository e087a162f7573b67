//! The conflict list: opening on a conflicted case, ours / theirs / edit, undo, save.

use std::path::PathBuf;

use serde_json::{Value, json};

use super::*;
use crate::keymap::Keymap;
use crate::model::{Anchor, Article, Case, Claim, ClaimId, Conflict, FixedEntropy, Origin, Scale};
use crate::test_support::{press, state};

const TEXT: &str = "Crime fell by half. Rents rose.";

fn claim(id: &str, number: u32, exact: &str) -> Claim {
    let start = TEXT.find(exact).unwrap();
    Claim {
        id: ClaimId(id.into()),
        number,
        anchors: vec![Anchor {
            start,
            end: start + exact.len(),
            exact: exact.into(),
            prefix: String::new(),
            suffix: String::new(),
            review: None,
            extra: Default::default(),
        }],
        text: exact.into(),
        claimant: String::new(),
        claimant_guess: None,
        claimant_kind: None,
        made_on: None,
        first_appearance: None,
        status: Default::default(),
        verdict: Default::default(),
        links: Vec::new(),
        created: String::new(),
        updated: String::new(),
        extra: Default::default(),
    }
}

fn at(id: &str, field: &[&str]) -> Vec<Value> {
    let mut path = vec![json!("claims"), json!(id)];
    path.extend(field.iter().map(|f| json!(f)));
    path
}

/// A merged case: C1 rated False here and True there; C2 scored 1 here and 2 there.
fn conflicted() -> AppState {
    let mut case = Case::new(
        Article::new(TEXT.into(), Origin::default()),
        Scale::default_scale(),
    );
    let mut c1 = claim("a", 1, "Crime fell by half");
    c1.verdict.rating = Some("False".into());
    let mut c2 = claim("b", 2, "Rents rose");
    c2.extra.insert("x-score".into(), json!(1));
    case.claims = vec![c1, c2];
    case.conflicts = vec![
        Conflict::new(
            at("a", &["verdict", "rating"]),
            Some(Value::Null),
            Some(json!("False")),
            Some(json!("True")),
        ),
        Conflict::new(at("b", &["x-score"]), None, Some(json!(1)), Some(json!(2))),
    ];
    let file = FileInfo {
        path: PathBuf::from("test.factdesk.json"),
        extra: Default::default(),
        view_extra: Default::default(),
        stamp: None,
    };
    AppState::new(
        case,
        file,
        0,
        Vec::new(),
        Keymap::default_keymap(),
        Box::new(FixedEntropy::default()),
    )
}

fn rating(s: &AppState) -> Option<&str> {
    s.case.claims[0].verdict.rating.as_deref()
}

/// A case with conflicts opens on the conflict list; one without does not.
#[test]
fn opens_on_the_list() {
    let s = conflicted();
    assert!(matches!(
        s.overlay,
        Some(Overlay::Conflicts {
            selected: 0,
            editor: None
        })
    ));
    assert_eq!(s.mode(), Mode::Confirm);
    let mut s = state("A b.", 0);
    press(&mut s, "!");
    assert!(s.overlay.is_none(), "no conflicts: no list");
}

/// `t` takes theirs and the conflict leaves the list; `u` puts both back; `o` keeps ours.
#[test]
fn theirs_ours_and_undo() {
    let mut s = conflicted();
    press(&mut s, "t");
    assert_eq!(rating(&s), Some("True"));
    assert_eq!(s.case.conflicts.len(), 1);
    assert!(s.dirty());
    let last = s.case.history.last().unwrap();
    assert_eq!(last["action"], "resolve conflict");
    press(&mut s, "u");
    assert_eq!(rating(&s), Some("False"));
    assert_eq!(s.case.conflicts.len(), 2);
    assert!(!s.dirty(), "undone back to the file as opened");
    press(&mut s, "o");
    assert_eq!(rating(&s), Some("False"));
    assert_eq!(s.case.conflicts.len(), 1);
    assert!(
        s.dirty(),
        "resolving with ours changes the file (the conflict goes)"
    );
    press(&mut s, "<Ctrl-r>");
    assert_eq!(s.case.conflicts.len(), 1);
}

/// `e` types a value: JSON for a number (refused until it parses), text for text; the
/// last resolution closes the list, and saving is asked for.
#[test]
fn edit_then_save() {
    let mut s = conflicted();
    press(&mut s, "je<Backspace>x<Enter>");
    assert_eq!(s.case.conflicts.len(), 2, "not JSON: still there");
    assert_eq!(s.message.as_ref().map(|m| m.kind), Some(MessageKind::Error));
    press(&mut s, "<Backspace>7<Enter>");
    assert_eq!(s.case.claims[1].extra["x-score"], json!(7));
    assert_eq!(s.case.conflicts.len(), 1);
    press(
        &mut s,
        "e<Backspace><Backspace><Backspace><Backspace><Backspace>Half True<Enter>",
    );
    assert_eq!(rating(&s), Some("Half True"));
    assert!(s.case.conflicts.is_empty());
    assert!(s.overlay.is_none());
    let effects = press(&mut s, "<Ctrl-s>");
    assert!(effects.iter().any(|e| matches!(e, Effect::Save { .. })));
}

/// Esc in the editor goes back to the list; Esc on the list closes it, `!` reopens it.
#[test]
fn escape_and_reopen() {
    let mut s = conflicted();
    press(&mut s, "e<Esc>");
    assert!(matches!(
        s.overlay,
        Some(Overlay::Conflicts { editor: None, .. })
    ));
    press(&mut s, "<Esc>");
    assert!(s.overlay.is_none());
    press(&mut s, "!");
    assert!(matches!(s.overlay, Some(Overlay::Conflicts { .. })));
}

/// Recovering unsaved work brings back its resolutions too, and the list of what is left
/// opens after the question.
#[test]
fn recovery_keeps_resolutions() {
    let mut s = conflicted();
    let mut recovered = s.case.clone();
    recovered.conflicts.remove(0);
    recovered.claims[0].verdict.rating = Some("True".into());
    s.offer_recovery(recovered, 0);
    press(&mut s, "r");
    assert_eq!(rating(&s), Some("True"));
    assert_eq!(s.case.conflicts.len(), 1);
    assert!(matches!(s.overlay, Some(Overlay::Conflicts { .. })));
}
