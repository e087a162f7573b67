//! Tests of the pre-publication lint: each rule on a small case.

use super::lint::{LintKind, MAX_WORDING_CHARS, lint};
use super::tests::case;
use crate::model::{Link, Published, Source, SourceId};

fn kinds(case: &crate::model::Case, claim: usize) -> Vec<LintKind> {
    lint(case)
        .into_iter()
        .filter(|f| f.claim == claim)
        .map(|f| f.kind)
        .collect()
}

/// A rated claim with no source and no explanation is flagged for both; with two sources
/// from one publisher it still has one independent source; with two publishers and an
/// explanation it is clean.
#[test]
fn sources_and_explanation() {
    let mut case = case();
    assert_eq!(
        kinds(&case, 0),
        [LintKind::NoSource, LintKind::NoExplanation]
    );
    case.sources.push(Source::new(
        SourceId("s2".into()),
        "Report, page 2",
        "https://www.example.org/p2",
        "2026-01-03",
    ));
    case.claims[0].links = vec![
        Link::new(SourceId("s1".into())),
        Link::new(SourceId("s2".into())),
    ];
    case.claims[0].verdict.explanation = "Checked.".into();
    assert_eq!(kinds(&case, 0), [LintKind::OneSource]);
    case.sources[1].url = "https://stats.example.net/t".into();
    assert!(kinds(&case, 0).is_empty(), "{:?}", lint(&case));
    // The unrated claim has sources but needs none of the rated rules.
    assert!(kinds(&case, 1).is_empty());
}

/// A guessed claimant, a long wording and a rating changed after publication without a
/// correction are flagged; a correction dated after publication clears the last.
#[test]
fn claimant_wording_and_corrections() {
    let mut case = case();
    let c = &mut case.claims[1];
    c.claimant_guess = Some("Musk".into());
    c.text = "x".repeat(MAX_WORDING_CHARS + 1);
    assert_eq!(
        kinds(&case, 1),
        [LintKind::UnconfirmedClaimant, LintKind::LongWording]
    );
    let c = &mut case.claims[1];
    c.claimant = "Elon Musk".into();
    c.text = "x".repeat(MAX_WORDING_CHARS);
    assert!(kinds(&case, 1).is_empty());
    let c = &mut case.claims[1];
    c.verdict.rating = Some("False".into());
    c.verdict.explanation = "Because.".into();
    c.verdict.published = Some(Published {
        date: "2026-01-05".into(),
        rating: Some("True".into()),
        extra: Default::default(),
    });
    assert_eq!(
        kinds(&case, 1),
        [LintKind::OneSource, LintKind::UncorrectedChange]
    );
    let findings = lint(&case);
    let message = &findings
        .iter()
        .find(|f| f.kind == LintKind::UncorrectedChange)
        .unwrap()
        .message;
    assert!(
        message.starts_with("C2's rating changed after it was published on 2026-01-05"),
        "{message}"
    );
    case.claims[1]
        .verdict
        .explanation
        .push_str("\nCorrection 2026-01-04: too early");
    assert!(kinds(&case, 1).contains(&LintKind::UncorrectedChange));
    case.claims[1]
        .verdict
        .explanation
        .push_str("\nCorrection 2026-01-06: was True");
    assert_eq!(kinds(&case, 1), [LintKind::OneSource]);
}
