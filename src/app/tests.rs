//! Behaviour tests in one line each: article text (with `|` marking the cursor), keys, and
//! what the case looks like afterwards — the helix idea applied to claims.

use std::path::PathBuf;

use super::*;
use crate::keymap::{Key, KeyCode, Keymap};
use crate::model::{ClaimStatus, FixedEntropy, Scale};
use crate::test_support::{keys, press};

const TEXT: &str = "Musk spoke with Putin in 2022. Russia has three times the population of Ukraine. \
The Kremlin denied it.\n\nCaption line (file)\n\nLast paragraph here.";

/// A state on `marked` with the cursor at its `|` (removed from the text).
fn state_for(marked: &str) -> AppState {
    let cursor = marked.find('|').map_or(0, |b| marked[..b].chars().count());
    crate::test_support::state(&marked.replacen('|', "", 1), cursor)
}

/// Runs `keys` on `marked` and returns the state and every effect asked for.
pub(super) fn run(marked: &str, key_string: &str) -> (AppState, Vec<Effect>) {
    let mut state = state_for(marked);
    let effects = press(&mut state, key_string);
    (state, effects)
}

fn exacts(state: &AppState) -> Vec<&str> {
    state
        .case
        .claims
        .iter()
        .map(|c| c.anchors[0].exact.as_str())
        .collect()
}

/// The cases: (text with cursor, keys, claims' exact texts afterwards).
#[test]
fn making_claims() {
    let cases: &[(&str, &str, &[&str])] = &[
        (TEXT, "c", &["Musk spoke with Putin in 2022."]),
        (
            TEXT,
            "jc",
            &["Russia has three times the population of Ukraine."],
        ),
        (TEXT, "jjjc", &["Caption line (file)"]),
        (TEXT, "Gc", &["Last paragraph here."]),
        (TEXT, "vc", &["Musk"]),
        (TEXT, "vwwc", &["Musk spoke with"]),
        (TEXT, "vwwbc", &["Musk spoke"]),
        (TEXT, "vlwc", &["Musk spoke"]),
        (TEXT, "vlllhc", &["Musk s"]),
        (TEXT, "vwLLLLLc", &["spoke"]),
        (TEXT, "vwwLLLLLHc", &["spoke with"]),
        (TEXT, "vLLLLc", &["k"]),
        (
            "He said “Our ridership fell.”",
            "/our<Enter>vHwc",
            &["“Our ridership"],
        ),
        (
            "He said “Our ridership fell.”",
            "/our<Enter>vwc",
            &["Our ridership"],
        ),
        (TEXT, "vjc", &["Musk spoke with Putin in 2022."]),
        (
            TEXT,
            "vjjc",
            &["Musk spoke with Putin in 2022. Russia has three times the population of Ukraine."],
        ),
        (TEXT, "vjjkc", &["Musk spoke with Putin in 2022."]),
        (TEXT, "vjkc", &["Musk"]),
        (TEXT, "v<Esc>c", &["Musk spoke with Putin in 2022."]),
        ("One. Two |here. Three.", "c", &["Two here."]),
        (
            TEXT,
            "cjc",
            &[
                "Musk spoke with Putin in 2022.",
                "Russia has three times the population of Ukraine.",
            ],
        ),
        (
            TEXT,
            "jcgc",
            &[
                "Musk spoke with Putin in 2022.",
                "Russia has three times the population of Ukraine.",
            ],
        ),
        (TEXT, "cc", &["Musk spoke with Putin in 2022."]),
        (TEXT, "vcc", &["Musk spoke with Putin in 2022.", "Musk"]),
        ("", "c", &[]),
        ("   \n\n  ", "vc", &[]),
    ];
    for (text, key_string, expected) in cases {
        let (state, _) = run(text, key_string);
        assert_eq!(&exacts(&state), expected, "{text:?} + {key_string:?}");
    }
}

/// A new claim becomes current, the cursor stays in the article, and its wording defaults
/// to the anchored text on one line.
#[test]
fn new_claim_is_current() {
    let (state, _) = run("A first line\ncontinues here. Next.", "c");
    assert_eq!(state.focus, Pane::Article);
    let claim = state.current_claim().unwrap();
    assert_eq!(claim.text, "A first line continues here.");
    assert_eq!(claim.status, ClaimStatus::Todo);
    assert_eq!(claim.created, "2026-01-02T03:04:05Z");
    assert!(state.dirty());
}

/// The claimant is guessed from the sentence, else from its paragraph, and kept as a
/// guess: the confirmed claimant stays empty until the checker confirms it.
#[test]
fn claimant_guess() {
    let text = "Title\n\n“No, it is not. I have spoken to him once,” Musk wrote on Twitter.\n\nPlain fact here.";
    let (s, _) = run(text, "jc");
    assert_eq!(s.case.claims[0].anchors[0].exact, "“No, it is not.");
    assert_eq!(s.case.claims[0].claimant_guess.as_deref(), Some("Musk"));
    assert_eq!(s.case.claims[0].claimant, "");
    let (s, _) = run(text, "Gc");
    assert_eq!(s.case.claims[0].claimant_guess, None);
}

/// The claimant prompt opens with the guess selected: Enter confirms it, typing replaces
/// it (never "MuskElon Musk"), Tab completes from the case, Ctrl-o picks the kind.
#[test]
fn claimant_prompt_confirms_replaces_and_completes() {
    let text = "Title\n\n“No, it is not. I have spoken to him once,” Musk wrote on Twitter.\n\nPlain fact here.";
    let (s, _) = run(text, "jca<Enter>");
    assert_eq!(s.case.claims[0].claimant, "Musk");
    let (s, _) = run(text, "jcaElon Musk<Enter>");
    assert_eq!(s.case.claims[0].claimant, "Elon Musk");
    let (s, _) = run(
        text,
        "jcaElon Musk<Enter>Gca<Backspace>el<Tab><Ctrl-o><Ctrl-o><Enter>",
    );
    let last = s
        .case
        .claims
        .iter()
        .find(|c| c.anchors[0].exact.starts_with("Plain"))
        .unwrap();
    assert_eq!(last.claimant, "Elon Musk");
    assert_eq!(
        last.claimant_kind,
        Some(crate::model::ClaimantKind::Organization)
    );
    let (s, _) = run(text, "jca<Left><Right>, Inc.<Enter>");
    assert_eq!(s.case.claims[0].claimant, "Musk, Inc.");
}

/// Rating: digits pick by position, 0 clears, Esc cancels, a digit right after c rates nothing.
#[test]
fn rating() {
    let rating = |k: &str| {
        let (s, _) = run(TEXT, k);
        s.case.claims[0].verdict.rating.clone()
    };
    assert_eq!(rating("cr2").as_deref(), Some("Mostly True"));
    assert_eq!(rating("cr6").as_deref(), Some("Pants on Fire"));
    assert_eq!(rating("cr9"), None, "no ninth rating on a six-label scale");
    assert_eq!(rating("c1"), None, "a digit after c does not rate");
    assert_eq!(rating("cr3r0"), None);
    assert_eq!(rating("cr<Esc>"), None);
    assert_eq!(rating("crjj<Enter>").as_deref(), Some("Half True"));
    let (s, _) = run(TEXT, "cr1");
    assert_eq!(
        s.case.claims[0].verdict.rated_at.as_deref(),
        Some("2026-01-02T03:04:05Z")
    );
    assert!(s.overlay.is_none());
}

/// r, e, x and d in the article act on the claim under the cursor, and say so when none is.
#[test]
fn article_actions_need_a_claim_under_the_cursor() {
    let (s, _) = run(TEXT, "cjr");
    assert!(s.overlay.is_none());
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("No claim under the cursor")
    );
    let (s, _) = run(TEXT, "cjkr1");
    assert_eq!(s.case.claims[0].verdict.rating.as_deref(), Some("True"));
}

/// With overlapping claims the one just made is current; otherwise the innermost.
#[test]
fn overlapping_claims() {
    let (s, _) = run(TEXT, "vccr1");
    let rated: Vec<_> = s
        .case
        .claims
        .iter()
        .filter(|c| c.is_rated())
        .map(|c| c.anchors[0].exact.as_str())
        .collect();
    assert_eq!(rated, ["Musk spoke with Putin in 2022."]);
    let (s, _) = run(TEXT, "cvcjkr1");
    let rated: Vec<_> = s
        .case
        .claims
        .iter()
        .filter(|c| c.is_rated())
        .map(|c| c.anchors[0].exact.as_str())
        .collect();
    assert_eq!(
        rated,
        ["Musk"],
        "moving onto the sentence picks the innermost claim"
    );
}

/// Status cycles todo → researching → reviewed → todo.
#[test]
fn status_cycles() {
    let status = |k: &str| run(TEXT, k).0.case.claims[0].status;
    assert_eq!(status("cx"), ClaimStatus::Researching);
    assert_eq!(status("cxx"), ClaimStatus::Reviewed);
    assert_eq!(status("cxxx"), ClaimStatus::Todo);
}

/// The one-line editor changes the wording; Esc keeps the old one; empty is refused.
#[test]
fn editing_wording_and_claimant() {
    let (s, _) = run(TEXT, "ce<Ctrl-w><Ctrl-w><Ctrl-w>met Putin<Enter>");
    assert_eq!(s.case.claims[0].text, "Musk spoke with met Putin");
    let (s, _) = run(TEXT, "ceXYZ<Esc>");
    assert_eq!(s.case.claims[0].text, "Musk spoke with Putin in 2022.");
    let (s, _) = run(
        "Short.",
        "ce<Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Enter>",
    );
    assert_eq!(s.case.claims[0].text, "Short.");
    assert!(
        matches!(s.overlay, Some(Overlay::Edit { .. })),
        "editor stays open"
    );
    let (s, _) = run(TEXT, "caElon Musk<Enter>");
    assert_eq!(s.case.claims[0].claimant, "Elon Musk");
}

/// The multi-line editor keeps line breaks; Ctrl-s finishes it (and does not save the file).
#[test]
fn editing_explanation() {
    let (s, effects) = run(TEXT, "cEFirst line.<Enter>Second line.<Ctrl-s>");
    assert_eq!(
        s.case.claims[0].verdict.explanation,
        "First line.\nSecond line."
    );
    assert!(effects.is_empty());
}

/// Delete asks first: y deletes, n keeps.
#[test]
fn deleting() {
    assert_eq!(run(TEXT, "cdy").0.case.claims.len(), 0);
    assert_eq!(run(TEXT, "cdn").0.case.claims.len(), 1);
    assert_eq!(run(TEXT, "cd<Esc>").0.case.claims.len(), 1);
}

/// q quits at once when saved, asks when not; s saves then quits, c cancels.
#[test]
fn quitting() {
    assert_eq!(run(TEXT, "q").1, [Effect::Quit]);
    let (s, effects) = run(TEXT, "cq");
    assert!(effects.is_empty());
    assert!(matches!(s.overlay, Some(Overlay::QuitPrompt)));
    assert_eq!(run(TEXT, "cqs").1, [Effect::Save { then_quit: true }]);
    assert_eq!(run(TEXT, "cqd").1, [Effect::Quit]);
    let (s, effects) = run(TEXT, "cqc");
    assert!(effects.is_empty() && s.overlay.is_none());
    assert_eq!(run(TEXT, "<Ctrl-s>").1, [Effect::Save { then_quit: false }]);
}

/// A failed save keeps the work and says so; a good one clears the unsaved marker.
#[test]
fn save_results() {
    let (mut s, _) = run(TEXT, "c");
    s.update(Action::Saved {
        result: Err("disk full".into()),
        then_quit: false,
    });
    assert!(s.dirty());
    assert!(s.message.as_ref().unwrap().text.contains("disk full"));
    s.update(Action::Saved {
        result: Ok(PathBuf::from("x.factdesk.json")),
        then_quit: false,
    });
    assert!(!s.dirty());
}

/// ] and [ jump between claims in text order; Enter in the list jumps to the claim.
#[test]
fn jumping_between_claims() {
    let (s, _) = run(TEXT, "cjjcgg]");
    assert_eq!(s.cursor, 2);
    let (s, _) = run(TEXT, "cjjcgg]]");
    assert_eq!(s.cursor, 2, "no claim after the last");
    assert!(s.message.as_ref().unwrap().text.contains("No more claims"));
    let (s, _) = run(TEXT, "cjjc[");
    assert_eq!(s.cursor, 0);
    let (s, _) = run(TEXT, "cjjcG<Tab>k<Enter>");
    assert_eq!((s.focus, s.cursor), (Pane::Article, 0));
}

/// Tab and Shift-Tab cycle the panes; j/k move the list selection there.
#[test]
fn panes_and_list() {
    let (s, _) = run(TEXT, "<Tab>");
    assert_eq!(s.focus, Pane::Claims);
    let (s, _) = run(TEXT, "<Tab><Tab><Tab>");
    assert_eq!(s.focus, Pane::Article);
    let (s, _) = run(TEXT, "<Shift-Tab>");
    assert_eq!(s.focus, Pane::Detail);
    let (s, _) = run(TEXT, "cjc<Tab>k");
    assert_eq!(s.current_index(), Some(0));
    let (s, _) = run(TEXT, "cjc<Tab>kx");
    assert_eq!(s.case.claims[0].status, ClaimStatus::Researching);
}

/// ? opens help generated from the keymap; Esc closes every overlay.
#[test]
fn help_and_escape() {
    let (s, _) = run(TEXT, "?");
    assert_eq!(s.mode(), Mode::Help);
    let (s, _) = run(TEXT, "?jj<Esc>");
    assert!(s.overlay.is_none());
    let (s, _) = run(TEXT, "cr<Esc>");
    assert_eq!(s.mode(), Mode::Normal);
}

/// The cursor starts on the sentence holding the saved char offset, and reports it back.
#[test]
fn cursor_from_char_offset() {
    let s = state_for("Été brûlant. Deuxième |phrase ici. Trois.");
    assert_eq!(s.cursor, 1);
    assert_eq!(s.cursor_char(), "Été brûlant. ".chars().count());
}

/// Scrolling keeps the cursor in view on a long article, at any height.
#[test]
fn scrolling_follows_the_cursor() {
    let text: String = (0..200)
        .map(|i| format!("Sentence number {i} is here.\n"))
        .collect();
    let mut s = state_for(&text);
    s.update(Action::Resize(Viewport {
        article_width: 30,
        article_height: 10,
        ..Viewport::default()
    }));
    for key in keys(&"j".repeat(50)) {
        s.update(Action::Key(key));
    }
    assert_eq!(s.cursor, 50);
    let line = s.doc.line_of(s.cursor_range().start);
    assert!(
        line >= s.top && line < s.top + 10,
        "line {line} top {}",
        s.top
    );
    s.update(Action::Key(Key::char('G')));
    assert_eq!(s.cursor, 199);
    assert!(s.top + 10 >= s.doc.lines.len());
    s.update(Action::Key(Key::char('g')));
    assert_eq!((s.cursor, s.top), (0, 0));
    s.update(Action::Key(Key::plain(KeyCode::PageDown)));
    assert!(s.top > 0 && s.cursor > 0);
}

/// A click on the article moves the cursor to the clicked sentence and selects the claim there.
#[test]
fn clicking() {
    let (mut s, _) = run(TEXT, "jcgg");
    let line = s.doc.line_of(s.doc.sentences[1].start);
    let col = 2;
    s.update(Action::ClickArticle { line, col });
    assert_eq!(
        s.cursor_range(),
        s.doc.sentences[s.doc.sentence_at(s.doc.lines[line].start + col)].clone()
    );
    s.update(Action::ClickClaim(0));
    assert_eq!((s.focus, s.current_index()), (Pane::Claims, Some(0)));
}

/// Pasted text is typed into the open editor (newlines become spaces on one line) and never
/// runs commands; outside an editor a paste does nothing.
#[test]
fn paste_never_runs_commands() {
    let (mut s, _) = run(TEXT, "ce<Ctrl-w><Ctrl-w><Ctrl-w><Ctrl-w><Ctrl-w><Ctrl-w>");
    s.update(Action::Paste("pasted line one\nxxdy".into()));
    s.update(Action::Key(Key::plain(KeyCode::Enter)));
    assert_eq!(s.case.claims.len(), 1);
    assert_eq!(s.case.claims[0].text, "pasted line one xxdy");
    assert_eq!(s.case.claims[0].status, ClaimStatus::Todo);
    let (mut s, _) = run(TEXT, "cE");
    s.update(Action::Paste("one\r\ntwo".into()));
    s.update(Action::Key(Key::ctrl('s')));
    assert_eq!(s.case.claims[0].verdict.explanation, "one\ntwo");
    let (mut s, _) = run(TEXT, "");
    s.update(Action::Paste("cdy".into()));
    assert!(s.case.claims.is_empty() && s.overlay.is_none());
}

/// Shrinking a selection never grows it past the sentence it starts in, nor empties it.
#[test]
fn shrinking_stays_in_the_sentence() {
    let (s, _) = run("Intro here.\n\n* * *\n\nNext words here.", "jvbc");
    assert_eq!(exacts(&s), ["*"]);
    let (s, _) = run("Intro here.\n\n* * *\n\nNext words here.", "jvhhhhhhhc");
    assert_eq!(exacts(&s), ["*"]);
}

/// ] and [ visit claims that start at the same place, outer first.
#[test]
fn jumping_visits_nested_claims() {
    let (s, _) = run(TEXT, "jcvwwcggk]");
    assert_eq!(
        s.current_claim().unwrap().anchors[0].exact,
        "Russia has three times the population of Ukraine."
    );
    let (s, _) = run(TEXT, "jcvwwcggk]]");
    assert_eq!(
        s.current_claim().unwrap().anchors[0].exact,
        "Russia has three"
    );
    let (s, _) = run(TEXT, "jcvwwcggk]][");
    assert_eq!(
        s.current_claim().unwrap().anchors[0].exact,
        "Russia has three times the population of Ukraine."
    );
}

/// The default wording leaves out hidden characters (they must not be published) and is
/// the whole quote, however long, never cut.
#[test]
fn default_wording_is_clean_and_whole() {
    let (s, _) = run("Bidi \u{202e}evil\u{202c} and zero\u{200b}width here.", "c");
    assert_eq!(s.case.claims[0].text, "Bidi evil and zerowidth here.");
    assert_eq!(
        s.case.claims[0].anchors[0].exact,
        "Bidi \u{202e}evil\u{202c} and zero\u{200b}width here."
    );
    let long = format!("{}.", "word ".repeat(200));
    let (s, _) = run(&long, "c");
    assert_eq!(s.case.claims[0].text, long.trim_end().replace("  ", " "));
    assert!(!s.case.claims[0].text.contains('…'));
}

/// Claims out of article order in a file are put in order when it opens.
#[test]
fn claims_are_sorted_on_open() {
    let (s, _) = run(TEXT, "jjcggc");
    let mut case = s.case.clone();
    case.claims.reverse();
    let file = s.file.clone();
    let reopened = AppState::new(
        case,
        file,
        0,
        Vec::new(),
        Keymap::default_keymap(),
        Box::new(FixedEntropy::default()),
    );
    assert!(reopened.case.claims[0].position() < reopened.case.claims[1].position());
}

/// With the conclusion-only scale, r opens the explanation: the written conclusion.
#[test]
fn conclusion_only_scale() {
    let mut s = state_for(TEXT);
    s.case.scale = Scale::preset("conclusion-only").unwrap();
    for k in keys("crOur conclusion.<Ctrl-s>") {
        s.update(Action::Key(k));
    }
    assert_eq!(s.case.claims[0].verdict.explanation, "Our conclusion.");
    assert_eq!(s.case.claims[0].verdict.rating, None);
}

/// A failed save offers Save as…; the new path is asked for and saved to.
#[test]
fn failed_save_offers_save_as() {
    let (mut s, _) = run(TEXT, "c");
    s.update(Action::Saved {
        result: Err("the file system is read-only".into()),
        then_quit: false,
    });
    assert!(matches!(s.overlay, Some(Overlay::SaveFailed { .. })));
    let mut effects = Vec::new();
    for k in keys("a<Ctrl-w><Ctrl-w><Ctrl-w><Ctrl-w>/tmp/elsewhere.factdesk.json<Enter>") {
        effects.extend(s.update(Action::Key(k)));
    }
    assert_eq!(
        effects,
        [Effect::SaveAs {
            path: "/tmp/elsewhere.factdesk.json".into(),
            then_quit: false
        }]
    );
}

/// / finds text, n and N move between matches (wrapping), Esc clears the search.
#[test]
fn searching() {
    let (s, _) = run(TEXT, "/the<Enter>");
    let search = s.search.as_ref().unwrap();
    assert_eq!(search.matches.len(), 2, "the, The (any case)");
    assert_eq!(s.message.as_ref().unwrap().text, "Match 1/2 for “the”");
    assert_eq!(s.cursor, 1, "the first match after the cursor");
    let (s, _) = run(TEXT, "/the<Enter>n");
    assert_eq!(s.cursor, 2);
    let (s, _) = run(TEXT, "/the<Enter>nn");
    assert_eq!(s.search.as_ref().unwrap().current, 0, "wraps to the first");
    let (s, _) = run(TEXT, "/The<Enter>");
    assert_eq!(
        s.search.as_ref().unwrap().matches.len(),
        1,
        "upper case: exact"
    );
    let (s, _) = run(TEXT, "/the<Enter><Esc>");
    assert!(s.search.is_none());
    let (s, _) = run(TEXT, "/zebra<Enter>");
    assert_eq!(s.message.as_ref().unwrap().text, "Not found: zebra");
}

/// A large article opens from a head-only index; G jumps to a tail index at once; the
/// complete index then takes over, keeping the cursor where it was.
#[test]
fn large_articles_index_lazily() {
    let text: String = (0..60_000)
        .map(|i| format!("Sentence {i} is here.\n\n"))
        .collect();
    assert!(text.len() > super::LAZY_INDEX_BYTES);
    let mut s = state_for(&text);
    assert!(!s.doc.complete, "head only");
    assert!(!s.key_needs_index(Key::char('G')));
    assert!(s.key_needs_index(Key::char('c')));
    // A search is typed on the partial index; only running it waits for the whole.
    assert!(!s.key_needs_index(Key::char('/')));
    s.update(Action::Key(Key::char('/')));
    assert!(!s.key_needs_index(Key::char('x')));
    assert!(s.key_needs_index(Key::plain(crate::keymap::KeyCode::Enter)));
    s.held_for_index(1);
    assert_eq!(
        s.message.as_ref().unwrap().text,
        "Searching… (the article is still being indexed)"
    );
    s.update(Action::Key(Key::plain(crate::keymap::KeyCode::Esc)));
    s.update(Action::Key(Key::char('G')));
    assert!(s.doc.base > 0, "tail index");
    assert_eq!(&text[s.cursor_range()], "Sentence 59999 is here.");
    let full = super::Document::index(&text, s.viewport.article_width);
    s.update(Action::IndexReady {
        doc: Box::new(full),
        sha256: String::new(),
    });
    assert!(s.doc.complete);
    assert_eq!(&text[s.cursor_range()], "Sentence 59999 is here.");
    assert_eq!(s.cursor, 59_999);
    s.update(Action::Key(Key::char('k')));
    assert_eq!(&text[s.cursor_range()], "Sentence 59998 is here.");
}
