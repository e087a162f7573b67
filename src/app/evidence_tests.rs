//! The evidence side in one-line behaviour tests: keys in, sources and links out.

use super::tests::run;
use super::*;
use crate::model::{Source, SourceId, Stance};

const TEXT: &str =
    "Musk spoke with Putin in 2022. Russia has three times the population of Ukraine.";

/// The whole link lifecycle from the keyboard: l, a new URL, its title, refutes, a quote.
#[test]
fn link_a_new_url_source() {
    let (s, _) = run(
        TEXT,
        "clhttps://example.org/report<Enter>City report<Enter>r<Tab>rents rose 38%<Ctrl-s>",
    );
    assert!(s.overlay.is_none(), "{:?}", s.overlay);
    let source = &s.case.sources[0];
    assert_eq!(
        (source.title.as_str(), source.url.as_str()),
        ("City report", "https://example.org/report")
    );
    assert_eq!(source.accessed, "2026-01-02");
    let link = &s.case.claims[0].links[0];
    assert_eq!(link.source, source.id);
    assert_eq!(link.stance, Stance::Refutes);
    assert_eq!(link.quote, "rents rose 38%");
    assert!(s.dirty());
}

/// Text that is not a URL becomes the new source's title; Enter with nothing typed does
/// not make a source.
#[test]
fn link_a_new_titled_source() {
    let (s, _) = run(TEXT, "clReuters fact check<Enter><Ctrl-s>");
    assert_eq!(s.case.sources[0].title, "Reuters fact check");
    assert_eq!(s.case.sources[0].url, "");
    assert_eq!(
        s.case.claims[0].links[0].stance,
        Stance::Supports,
        "supports by default"
    );
    let (s, _) = run(TEXT, "cl<Enter>");
    assert!(s.case.sources.is_empty());
}

fn with_sources(keys: &str) -> (AppState, Vec<Effect>) {
    let (mut s, _) = run(TEXT, "");
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
    for key in crate::test_support::keys(keys) {
        effects.extend(s.update(Action::Key(key)));
    }
    (s, effects)
}

/// The picker finds an existing source fuzzily and links it; one source serves two claims.
#[test]
fn pick_existing_sources() {
    let (s, _) =
        with_sources("clsudd<Enter>c<Ctrl-s>jcldenies<Enter><Ctrl-s>jclsudd<Enter><Ctrl-s>");
    assert_eq!(s.case.sources.len(), 3, "no new source");
    let links: Vec<(&str, Stance)> = s
        .case
        .claims
        .iter()
        .flat_map(|c| c.links.iter().map(|l| (l.source.0.as_str(), l.stance)))
        .collect();
    assert_eq!(
        links,
        [
            ("s1", Stance::Context),
            ("s2", Stance::Supports),
            ("s1", Stance::Supports)
        ]
    );
    assert_eq!(s.case.citing_claims(&SourceId("s1".into())), [0, 1]);
}

/// In the detail pane: j/k select links, Enter edits one, d removes one after asking.
#[test]
fn detail_pane_links() {
    let (s, _) =
        with_sources("clsudd<Enter><Ctrl-s>clworld<Enter>c<Ctrl-s><Tab><Tab>k<Enter>r<Ctrl-s>");
    let stances: Vec<Stance> = s.case.claims[0].links.iter().map(|l| l.stance).collect();
    assert_eq!(stances, [Stance::Refutes, Stance::Context]);
    let (s, _) = with_sources("clsudd<Enter><Ctrl-s>clworld<Enter><Ctrl-s><Tab><Tab>dy");
    let sources: Vec<&str> = s.case.claims[0]
        .links
        .iter()
        .map(|l| l.source.0.as_str())
        .collect();
    assert_eq!(sources, ["s1"], "the selected (last made) link was removed");
    let (s, _) = with_sources("clsudd<Enter><Ctrl-s><Tab><Tab>dn");
    assert_eq!(s.case.claims[0].links.len(), 1);
}

/// o opens the link's source record; every field can be changed; a bad date is refused.
#[test]
fn source_record() {
    let (s, _) = with_sources(
        "clworld<Enter><Ctrl-s><Tab><Tab>o<Tab><Ctrl-w><Ctrl-w>stats<Tab><Tab>World Bank<Tab>Doe, Jane; UN<Tab>2023-13<Ctrl-s>",
    );
    assert!(
        matches!(s.overlay, Some(Overlay::SourceForm { .. })),
        "bad month keeps the form open"
    );
    assert!(s.message.as_ref().unwrap().text.contains("YYYY-MM"));
    let (s, _) = with_sources(
        "clworld<Enter><Ctrl-s><Tab><Tab>o<Right><Tab><Ctrl-w><Ctrl-w>stats<Tab><Tab>World Bank<Tab>Doe, Jane; UN<Tab>2023-05<Ctrl-s>",
    );
    let source = s.case.source(&SourceId("s3".into())).unwrap();
    assert_eq!(source.kind, "article-newspaper");
    assert_eq!(source.title, "World Bank stats");
    assert_eq!(source.container_title, "World Bank");
    assert_eq!(source.authors_typed(), "Doe, Jane; UN");
    assert_eq!(source.issued, "2023-05");
}

/// y copies the selected link's URL via the runner (OSC 52).
#[test]
fn copy_url() {
    let (_, effects) = with_sources("clreuters<Enter><Ctrl-s><Tab><Tab>y");
    assert_eq!(
        effects,
        [Effect::Copy("https://reuters.example/denial".into())]
    );
}

/// The library: filter, add, edit, and delete a cited source with its links.
#[test]
fn library() {
    let (s, _) = with_sources("S/pop<Enter>");
    assert_eq!(s.library_selection(), Some(SourceId("s3".into())));
    let (s, _) = with_sources("SaFact sheet<Tab>https://x.example<Ctrl-s>");
    assert_eq!(s.case.sources.last().unwrap().title, "Fact sheet");
    let (s, _) = with_sources("clreuters<Enter><Ctrl-s>S/reuters<Enter>d");
    assert!(matches!(
        s.overlay,
        Some(Overlay::Confirm(Confirmation::DeleteSource(_)))
    ));
    let (s, _) = with_sources("clreuters<Enter><Ctrl-s>S/reuters<Enter>dy");
    assert_eq!(s.case.sources.len(), 2);
    assert!(s.case.claims[0].links.is_empty(), "its links went with it");
    let (s, _) = with_sources("S<Esc>");
    assert!(matches!(s.view, View::Main));
}

/// The command palette runs what it picks; / in the claim list picks a claim by claimant.
#[test]
fn palette_and_claim_filter() {
    let (_, effects) = with_sources(":save the verdict<Enter>");
    assert_eq!(effects, [Effect::Save { then_quit: false }]);
    let (s, _) = with_sources(":source library<Enter>");
    assert!(matches!(s.view, View::Library(_)));
    let (s, _) = with_sources("cjcaKremlin<Enter><Tab>/krem<Enter>");
    assert_eq!(s.current_index(), Some(1));
    assert_eq!(s.focus, Pane::Claims);
}

/// u undoes every kind of change and Ctrl-r redoes it; the status bar says what.
#[test]
fn undo_and_redo() {
    let rating = |k: &str| {
        run(TEXT, k)
            .0
            .case
            .claims
            .first()
            .and_then(|c| c.verdict.rating.clone())
    };
    assert_eq!(rating("cr1u"), None);
    assert_eq!(rating("cr1r2u").as_deref(), Some("True"));
    assert_eq!(rating("cr1u<Ctrl-r>").as_deref(), Some("True"));
    assert!(run(TEXT, "cr1uu").0.case.claims.is_empty());
    let (s, _) = run(TEXT, "cr1uu<Ctrl-r><Ctrl-r>");
    assert_eq!(s.case.claims[0].verdict.rating.as_deref(), Some("True"));
    assert_eq!(s.message.as_ref().unwrap().text, "Redone: rate C1 True");
    let (s, _) = run(TEXT, "cxdyu");
    assert_eq!(
        s.case.claims[0].status,
        crate::model::ClaimStatus::Researching,
        "deleted claim back"
    );
    let (s, _) = run(TEXT, "ceNew words<Enter>u");
    assert_eq!(s.case.claims[0].text, "Musk spoke with Putin in 2022.");
    let (s, _) = run(TEXT, "u");
    assert_eq!(s.message.as_ref().unwrap().text, "Nothing to undo");
}

/// Undo restores links and sources, including a deleted source and every link it took.
#[test]
fn undo_evidence() {
    let (s, _) = with_sources("clsudd<Enter><Ctrl-s>u");
    assert!(s.case.claims[0].links.is_empty());
    let (s, _) = with_sources("clsudd<Enter><Ctrl-s>S/sudd<Enter>dyu");
    assert_eq!(
        s.case.sources[0].id,
        SourceId("s1".into()),
        "back in its place"
    );
    assert_eq!(s.case.claims[0].links.len(), 1, "its link is back");
    let (s, _) = with_sources("clNew title<Enter><Ctrl-s>uu");
    assert_eq!(s.case.sources.len(), 3, "the new source is gone too");
}

/// Undoing back to the saved state clears the unsaved marker; a new change after undoing
/// past the save keeps it set.
#[test]
fn unsaved_marker_follows_undo() {
    let (mut s, _) = run(TEXT, "c");
    assert!(s.dirty());
    s.update(Action::Key(crate::keymap::Key::char('u')));
    assert!(!s.dirty(), "back to the file as opened");
    let (mut s, _) = run(TEXT, "c");
    s.update(Action::Saved {
        result: Ok("x".into()),
        then_quit: false,
    });
    for k in crate::test_support::keys("ux") {
        s.update(Action::Key(k));
    }
    assert!(s.dirty());
}

/// Every change appends to the file's history; verdict changes say before and after; undo
/// takes its entries back out.
#[test]
fn history_log() {
    let (s, _) = run(TEXT, "cr3r5");
    let actions: Vec<(&str, serde_json::Value, serde_json::Value)> = s
        .case
        .history
        .iter()
        .map(|h| {
            (
                h["action"].as_str().unwrap(),
                h["before"].clone(),
                h["after"].clone(),
            )
        })
        .collect();
    use serde_json::json;
    assert_eq!(
        actions,
        [
            (
                "add claim",
                serde_json::Value::Null,
                serde_json::Value::Null
            ),
            ("rate", json!(null), json!("Half True")),
            ("rate", json!("Half True"), json!("False")),
        ]
    );
    assert_eq!(s.case.history[1]["at"], "2026-01-02T03:04:05Z");
    assert_eq!(s.case.history[1]["claim"], "c1");
    let (s, _) = run(TEXT, "cr3r5u");
    assert_eq!(s.case.history.len(), 2);
}

/// Changing the scale keeps verdicts whose label the new scale has, flags the rest, and
/// can be undone; `:scale NAME` in the palette does it directly.
#[test]
fn changing_the_scale() {
    let (s, _) = run(TEXT, "cr5jcr1:scale meta<Enter>");
    assert_eq!(
        s.case.scale.name,
        crate::model::Scale::preset("meta").unwrap().name
    );
    let ratings: Vec<Option<&str>> = s
        .case
        .claims
        .iter()
        .map(|c| c.verdict.rating.as_deref())
        .collect();
    assert_eq!(
        ratings,
        [Some("False"), Some("True")],
        "both labels exist on Meta's scale"
    );
    let (s, _) = run(TEXT, "cr4:scale fever<Enter>");
    assert_eq!(
        s.case.claims[0].verdict.rating.as_deref(),
        Some("Mostly False"),
        "kept, flagged"
    );
    assert!(s.message.as_ref().unwrap().text.contains("flagged"));
    let (s, _) = run(TEXT, "cr4:scale fever<Enter>u");
    assert_eq!(s.case.scale.name, "PolitiFact");
    let (s, _) = run(TEXT, ":change the rating<Enter>averitec<Enter>");
    assert!(
        s.case.scale.name.starts_with("AVeriTeC"),
        "{}",
        s.case.scale.name
    );
}

/// The overview counts and lists: Enter on a row opens just its claims.
#[test]
fn overview_lists_claims() {
    let (s, _) = run(TEXT, "cr5jcOjjjj<Enter>");
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("picker open")
    };
    assert!(matches!(&p.kind, PickerKind::Claims { only: Some(list) } if list == &vec![0]));
    let (s, _) = run(TEXT, "cr5jcOjjjj<Enter><Enter>");
    assert_eq!((s.current_index(), s.focus), (Some(0), Pane::Claims));
    assert!(matches!(s.view, View::Main));
    let (s, _) = run(TEXT, "O<Esc>");
    assert!(matches!(s.view, View::Main));
}
