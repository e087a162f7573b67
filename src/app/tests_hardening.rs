//! The edges of the desk: the clipboard, Esc over typed text, pastes, save-and-quit after
//! a failed save.

use super::tests::run;
use super::*;
use crate::model::{Source, SourceId};
use crate::test_support::press;

const TEXT: &str =
    "Musk spoke with Putin in 2022. Russia has three times the population of Ukraine.";

/// A URL holding an end-of-paste sequence and a newline (from an imported library) reaches
/// the clipboard without its control characters, and the status bar says so.
#[test]
fn clipboard_gets_no_control_characters() {
    let (mut s, _) = run(TEXT, "");
    let evil = "https://x.example/\u{1b}[201~\nrm -rf ~\u{202E}\u{9B}";
    s.case.sources.push(Source::new(
        SourceId("s1".into()),
        "Evil",
        evil,
        "2026-01-01",
    ));
    let effects = press(&mut s, "S<Tab>");
    let effects = [effects, press(&mut s, "y")].concat();
    let copied: Vec<&String> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Copy(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(copied, [&"https://x.example/[201~rm -rf ~".to_string()]);
    let message = &s.message.as_ref().expect("a message").text;
    assert!(
        message.contains("removed 4 hidden or control characters"),
        "{message}"
    );
}

/// Esc in an editor with changes typed asks first: n goes back to the typing, y throws it
/// away; without changes Esc just closes.
#[test]
fn esc_asks_before_discarding_typed_text() {
    let (mut s, _) = run(TEXT, "cE");
    press(&mut s, "The ministry's own data<Esc>");
    assert!(
        matches!(s.overlay, Some(Overlay::Discard(_))),
        "{:?}",
        s.overlay
    );
    press(&mut s, "n");
    match &s.overlay {
        Some(Overlay::Edit { editor, .. }) => assert_eq!(editor.text(), "The ministry's own data"),
        other => panic!("back in the editor expected, got {other:?}"),
    }
    press(&mut s, "<Ctrl-s>");
    assert_eq!(
        s.case.claims[0].verdict.explanation,
        "The ministry's own data"
    );
    press(&mut s, "E more<Esc>y");
    assert!(s.overlay.is_none());
    assert_eq!(
        s.case.claims[0].verdict.explanation,
        "The ministry's own data"
    );
    press(&mut s, "e<Esc>");
    assert!(s.overlay.is_none(), "nothing typed: Esc closes at once");
}

/// Esc in the link form with a quote typed asks too.
#[test]
fn esc_in_a_form_asks() {
    let (mut s, _) = run(
        TEXT,
        "clhttps://a.example<Enter>A title<Enter><Tab>a quote<Esc>",
    );
    assert!(
        matches!(s.overlay, Some(Overlay::Discard(_))),
        "{:?}",
        s.overlay
    );
    press(&mut s, "y");
    assert!(s.overlay.is_none() && s.case.claims[0].links.is_empty());
}

/// Esc in the claimant prompt and the metadata form asks too once something was typed or
/// chosen; untouched, Esc closes them at once.
#[test]
fn esc_in_claimant_prompt_and_metadata_form_asks() {
    for keys in [
        "ca Olivia<Esc>",
        "ca<Ctrl-o><Esc>",
        "cM<Tab>https://a.example<Esc>",
    ] {
        let (s, _) = run(TEXT, keys);
        assert!(
            matches!(s.overlay, Some(Overlay::Discard(_))),
            "{keys}: {:?}",
            s.overlay
        );
    }
    for keys in ["ca<Esc>", "cM<Esc>"] {
        let (s, _) = run(TEXT, keys);
        assert!(s.overlay.is_none(), "{keys}: {:?}", s.overlay);
    }
    let (s, _) = run(TEXT, "ca Olivia<Esc>y");
    assert!(s.overlay.is_none() && s.case.claims[0].claimant.is_empty());
}

/// The readline keys work in every field: Ctrl-u empties a wording in one press.
#[test]
fn readline_keys_in_fields() {
    let (s, _) = run(TEXT, "ce<Ctrl-u>Musk met Putin<Alt-b><Ctrl-k>Xi<Enter>");
    assert_eq!(s.case.claims[0].text, "Musk met Xi");
}

/// A paste goes in whole: a huge paste into a one-line field is cut to its cap with a
/// message; the multi-line editor takes it all.
#[test]
fn pastes_go_in_whole_and_one_line_fields_are_capped() {
    let (mut s, _) = run(TEXT, "ce<Ctrl-u>");
    s.update(Action::Paste("w".repeat(50_000)));
    match &s.overlay {
        Some(Overlay::Edit { editor, .. }) => {
            assert_eq!(editor.text().chars().count(), editor::ONE_LINE_MAX);
        }
        other => panic!("{other:?}"),
    }
    assert!(s.message.as_ref().is_some_and(|m| m.text.contains("cut")));
    let (mut s, _) = run(TEXT, "cE");
    s.update(Action::Paste("line\n".repeat(20_000)));
    press(&mut s, "<Ctrl-s>");
    assert_eq!(s.case.claims[0].verdict.explanation.lines().count(), 20_000);
}

/// q, save, a failed save, Save as… that succeeds: the quit intent travels with the
/// effects, so factdesk still quits (the runner quits on a save asked with then_quit).
#[test]
fn save_and_quit_survives_a_failed_save() {
    let (mut s, _) = run(TEXT, "c");
    let effects = press(&mut s, "qs");
    assert_eq!(effects, [Effect::Save { then_quit: true }]);
    s.update(Action::Saved {
        result: Err("the disk is full".into()),
        then_quit: true,
    });
    assert!(matches!(
        s.overlay,
        Some(Overlay::SaveFailed {
            then_quit: true,
            ..
        })
    ));
    let effects = press(&mut s, "a<Ctrl-u>/tmp/elsewhere.factdesk.json<Enter>");
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::SaveAs {
                then_quit: true,
                ..
            }]
        ),
        "{effects:?}"
    );
    assert!(
        s.dirty(),
        "not saved yet: dirty comes from the undo history"
    );
    s.update(Action::Saved {
        result: Ok("/tmp/elsewhere.factdesk.json".into()),
        then_quit: true,
    });
    assert!(!s.dirty());
}

/// A failed autosave stays in the status line until one succeeds.
#[test]
fn autosave_failure_is_kept_in_view() {
    let (mut s, _) = run(TEXT, "c");
    s.update(Action::Autosaved(crate::store::Kept::Lost(
        "the disk is full".into(),
    )));
    assert_eq!(
        s.autosave_problem.as_deref(),
        Some("autosave failed: the disk is full")
    );
    press(&mut s, "j");
    assert!(s.autosave_problem.is_some(), "a key does not clear it");
    s.update(Action::Autosaved(crate::store::Kept::Beside("x".into())));
    assert!(s.autosave_problem.is_none());
}

/// A sentence taller than the pane can be read to its end with j (and back with k) before
/// the cursor moves on.
#[test]
fn long_sentence_scrolls_by_keyboard() {
    let long = format!("{}end of the long one. Next sentence.", "word ".repeat(400));
    let (mut s, _) = run(&long, "");
    let viewport = Viewport {
        article_width: 40,
        article_height: 10,
        ..Viewport::default()
    };
    s.update(Action::Resize(viewport));
    let lines = s.doc.lines.len();
    assert!(lines > 30, "the sentence spans {lines} lines");
    let mut presses = 0;
    while s.cursor == 0 && presses < 100 {
        press(&mut s, "j");
        presses += 1;
        let (_, last) = s.doc.lines_of(&(0..s.doc.sentences[0].end));
        if s.cursor == 0 {
            assert!(s.top + 10 <= last + 10, "never past the sentence's end");
        }
    }
    assert!(presses > 3, "scrolled through first ({presses} presses)");
    assert_eq!(s.cursor, 1);
    press(&mut s, "k");
    assert_eq!(s.cursor, 0);
    let top = s.top;
    press(&mut s, "k");
    assert!(
        s.top < top || s.top == 0,
        "k reads back up through the long sentence"
    );
}
