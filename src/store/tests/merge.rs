//! The three-way merge: values (pure) and whole files.

use serde_json::{Value, json};

use super::*;
use crate::model::{Case, ClaimId, Link, SourceId};

/// The sample case as merge input: the current version's JSON value.
fn value_of(case: &Case) -> Value {
    let text = to_json(case, &sample_view(), &sample_extra()).expect("saves");
    serde_json::from_str(&text).expect("parses")
}

fn text_of(case: &Case) -> String {
    to_json(case, &sample_view(), &sample_extra()).expect("saves")
}

fn edit(f: impl FnOnce(&mut Case)) -> Case {
    let mut case = sample_case();
    f(&mut case);
    case
}

fn claim_mut<'c>(case: &'c mut Case, id: &str) -> &'c mut crate::model::Claim {
    case.claim_mut(&ClaimId(id.into())).expect("claim")
}

fn merged_case(base: &Case, ours: &Case, theirs: &Case) -> (Case, Vec<crate::model::Conflict>) {
    let m = merge_files(
        &text_of(base),
        &text_of(ours),
        &text_of(theirs),
        "2026-02-01T00:00:00Z",
    )
    .expect("merges");
    (from_json(&m.json).expect("loads").case, m.conflicts)
}

/// A field changed on one side only is taken from that side, whichever side it is.
#[test]
fn one_sided_changes_are_taken() {
    let base = sample_case();
    let ours = edit(|c| claim_mut(c, "c2").text = "Tokyo has 14 million".into());
    let theirs = edit(|c| claim_mut(c, "k3x9q2ma").claimant = "The owners".into());
    let (m, conflicts) = merged_case(&base, &ours, &theirs);
    assert!(conflicts.is_empty(), "{conflicts:?}");
    assert_eq!(
        m.claim(&ClaimId("c2".into())).unwrap().text,
        "Tokyo has 14 million"
    );
    assert_eq!(
        m.claim(&ClaimId("k3x9q2ma".into())).unwrap().claimant,
        "The owners"
    );
}

/// The same verdict changed differently is one conflict holding all three values; the
/// case keeps ours; the `updated`/`rated_at` stamps take the later time without conflict.
#[test]
fn different_changes_conflict_once() {
    let base = sample_case();
    let ours = edit(|c| {
        let k = claim_mut(c, "k3x9q2ma");
        k.verdict.rating = Some("False".into());
        k.verdict.rated_at = Some("2026-01-05T00:00:00Z".into());
        k.updated = "2026-01-05T00:00:00Z".into();
    });
    let theirs = edit(|c| {
        let k = claim_mut(c, "k3x9q2ma");
        k.verdict.rating = Some("True".into());
        k.verdict.rated_at = Some("2026-01-06T00:00:00Z".into());
        k.updated = "2026-01-06T00:00:00Z".into();
    });
    let (m, conflicts) = merged_case(&base, &ours, &theirs);
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let c = &conflicts[0];
    assert_eq!(
        c.path,
        vec![
            json!("claims"),
            json!("k3x9q2ma"),
            json!("verdict"),
            json!("rating")
        ]
    );
    assert_eq!(c.base, Some(json!("Mostly True")));
    assert_eq!(c.ours, Some(json!("False")));
    assert_eq!(c.theirs, Some(json!("True")));
    let k = m.claim(&ClaimId("k3x9q2ma".into())).unwrap();
    assert_eq!(k.verdict.rating.as_deref(), Some("False"));
    assert_eq!(k.updated, "2026-01-06T00:00:00Z");
    assert_eq!(m.conflicts.len(), 1, "the conflict is saved in the file");
}

/// Changed alike on both sides is no conflict.
#[test]
fn same_change_on_both_sides_is_fine() {
    let base = sample_case();
    let both = edit(|c| claim_mut(c, "c2").status = crate::model::ClaimStatus::Reviewed);
    let (m, conflicts) = merged_case(&base, &both, &both.clone());
    assert!(conflicts.is_empty());
    assert_eq!(
        m.claim(&ClaimId("c2".into())).unwrap().status,
        crate::model::ClaimStatus::Reviewed
    );
}

/// Deleted on one side and unchanged on the other: deleted. Deleted on one side and
/// changed on the other: a conflict, and the changed claim is kept.
#[test]
fn deletions() {
    let base = sample_case();
    let ours = edit(|c| {
        c.remove_claim(&ClaimId("c2".into()));
        c.remove_claim(&ClaimId("k3x9q2ma".into()));
    });
    let theirs = edit(|c| claim_mut(c, "k3x9q2ma").text = "changed".into());
    let (m, conflicts) = merged_case(&base, &ours, &theirs);
    assert!(m.claim(&ClaimId("c2".into())).is_none());
    assert_eq!(
        m.claim(&ClaimId("k3x9q2ma".into())).unwrap().text,
        "changed"
    );
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].path, vec![json!("claims"), json!("k3x9q2ma")]);
    assert_eq!(conflicts[0].ours, None);
    assert!(conflicts[0].theirs.is_some());
}

/// Claims, sources and links added on either side are all kept; links match by source
/// and quote, so two new links to one source with different quotes are two links.
#[test]
fn additions_from_both_sides_are_kept() {
    let base = sample_case();
    let ours = edit(|c| {
        let mut n = claim("ours1", "crime fell by half");
        n.created = "2026-01-05T00:00:00Z".into();
        c.insert_claim(n);
        c.sources.push(crate::model::Source::new(
            SourceId("s3".into()),
            "A",
            "",
            "",
        ));
        let mut l = Link::new(SourceId("s3".into()));
        l.quote = "one".into();
        claim_mut(c, "c2").links.push(l);
    });
    let theirs = edit(|c| {
        let mut n = claim("theirs1", "the data disagree");
        n.created = "2026-01-04T00:00:00Z".into();
        c.insert_claim(n);
        c.sources.push(crate::model::Source::new(
            SourceId("s4".into()),
            "B",
            "",
            "",
        ));
        let mut l = Link::new(SourceId("s1".into()));
        l.quote = "two".into();
        claim_mut(c, "c2").links.push(l);
    });
    let m = merge_files(
        &text_of(&base),
        &text_of(&ours),
        &text_of(&theirs),
        "2026-02-01T00:00:00Z",
    )
    .expect("merges");
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let case = from_json(&m.json).unwrap().case;
    for id in ["ours1", "theirs1", "c2", "k3x9q2ma"] {
        assert!(case.claim(&ClaimId(id.into())).is_some(), "{id}");
    }
    let ids: Vec<&str> = case.sources.iter().map(|s| s.id.0.as_str()).collect();
    assert_eq!(ids, ["s1", "s2", "s3", "s4"]);
    let quotes: Vec<&str> = case
        .claim(&ClaimId("c2".into()))
        .unwrap()
        .links
        .iter()
        .map(|l| l.quote.as_str())
        .collect();
    assert_eq!(quotes, ["one", "two"]);
    // Both made claim 3: theirs1 was made first and keeps it; ours1 becomes 4.
    let number = |id: &str| case.claim(&ClaimId(id.into())).unwrap().number;
    assert_eq!((number("theirs1"), number("ours1")), (3, 4));
    assert_eq!(m.renumbered, vec![("ours1".to_string(), 3, 4)]);
    let last = case.history.last().expect("a history entry");
    assert_eq!(last["action"], "renumber claim");
    assert_eq!(
        (last["before"].clone(), last["after"].clone()),
        (json!(3), json!(4))
    );
}

/// The history is the union of both sides' entries, ordered by time.
#[test]
fn history_is_the_union_by_time() {
    let base = value_of(&sample_case());
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours["history"]
        .as_array_mut()
        .unwrap()
        .push(json!({"at": "2026-01-09T00:00:00Z", "op": "o"}));
    theirs["history"]
        .as_array_mut()
        .unwrap()
        .push(json!({"at": "2026-01-08T00:00:00Z", "op": "t"}));
    let m = merge_values(Some(&base), &ours, &theirs);
    let ops: Vec<&str> = m.value["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["op"].as_str().unwrap())
        .collect();
    assert_eq!(ops, ["rate", "t", "o"]);
}

/// A field no version of factdesk knows today merges by the same rules: added on one side,
/// it is kept; changed differently, it conflicts.
#[test]
fn unknown_fields_merge_without_code() {
    let base = value_of(&sample_case());
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours["claims"][0]["claim_guess"] = json!({"who": "the mayor", "score": 0.5});
    theirs["claims"][0]["claim_guess"] = json!({"who": "the mayor", "score": 0.7});
    theirs["claims"][1]["residue"] = json!(true);
    let m = merge_values(Some(&base), &ours, &theirs);
    assert_eq!(m.value["claims"][1]["residue"], json!(true));
    assert_eq!(m.conflicts.len(), 1);
    let id = base["claims"][0]["id"].clone();
    assert_eq!(
        m.conflicts[0].path,
        vec![json!("claims"), id, json!("claim_guess"), json!("score")]
    );
}

/// Dismissed suggestions match by their range: each side's dismissals are kept, and one
/// taken back on one side stays taken back.
#[test]
fn dismissed_suggestions_merge_by_range() {
    let mut base = value_of(&sample_case());
    base["dismissed"] = json!([{"start": 1, "end": 5}, {"start": 9, "end": 12}]);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours["dismissed"] = json!([{"start": 9, "end": 12}, {"start": 20, "end": 30}]);
    theirs["dismissed"] =
        json!([{"start": 1, "end": 5}, {"start": 9, "end": 12}, {"start": 40, "end": 41}]);
    let m = merge_values(Some(&base), &ours, &theirs);
    assert!(m.conflicts.is_empty());
    assert_eq!(
        m.value["dismissed"],
        json!([{"start": 9, "end": 12}, {"start": 20, "end": 30}, {"start": 40, "end": 41}])
    );
}

/// The verdict file's own dismissals (`suggestions.dismissed`) survive a merge: each side's
/// new ones are kept, one taken back (undone) on one side stays taken back, and `diff`
/// names them.
#[test]
fn dismissed_suggestions_of_the_case_merge() {
    let dismissal = |start: usize, end: usize| crate::model::Dismissal {
        start,
        end,
        exact: TEXT.chars().skip(start).take(end - start).collect(),
        extra: Default::default(),
    };
    let base = edit(|c| c.suggestions.dismissed.push(dismissal(0, 4)));
    let ours = edit(|c| c.suggestions.dismissed.push(dismissal(5, 9)));
    let theirs = edit(|c| {
        c.suggestions.dismissed.push(dismissal(0, 4));
        c.suggestions.dismissed.push(dismissal(10, 14));
    });
    let (m, conflicts) = merged_case(&base, &ours, &theirs);
    assert!(conflicts.is_empty(), "{conflicts:?}");
    assert_eq!(
        m.suggestions.dismissed,
        [dismissal(5, 9), dismissal(10, 14)]
    );
    let lines = crate::model::diff::diff(&base, &m).lines();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("suggestion no longer dismissed")),
        "{lines:?}"
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("suggestion dismissed"))
            .count(),
        2
    );
}

/// A source deleted on one side and newly linked on the other stays, as a conflict.
#[test]
fn a_linked_source_is_not_deleted() {
    let base = sample_case();
    let ours = edit(|c| {
        for claim in &mut c.claims {
            claim.links.retain(|l| l.source.0 != "s2");
        }
        c.sources.retain(|s| s.id.0 != "s2");
    });
    let theirs = edit(|c| {
        claim_mut(c, "c2")
            .links
            .push(Link::new(SourceId("s2".into())))
    });
    let m = merge_files(&text_of(&base), &text_of(&ours), &text_of(&theirs), "now").unwrap();
    let case = from_json(&m.json).unwrap().case;
    assert!(case.source(&SourceId("s2".into())).is_some());
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].path, vec![json!("sources"), json!("s2")]);
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
}

/// Sides checking different article texts are refused with the advice to re-anchor.
#[test]
fn different_articles_are_refused() {
    let base = sample_case();
    let mut other = sample_case();
    other.article = crate::model::Article::new(format!("{TEXT}More.\n"), Default::default());
    let e = merge_files(&text_of(&base), &text_of(&base), &text_of(&other), "now").unwrap_err();
    assert!(matches!(e, MergeError::ArticleDiffers { .. }));
    assert!(e.to_string().contains("re-anchor"), "{e}");
}

/// Unreadable sides are refused, naming the side; an empty base means no ancestor.
#[test]
fn bad_inputs() {
    let good = text_of(&sample_case());
    for bad in [
        "",
        "{",
        "[]",
        "null",
        "{\"format\": \"factdesk-verdicts\", \"version\": 99}",
    ] {
        let e = merge_files(&good, bad, &good, "now").unwrap_err();
        assert!(e.to_string().starts_with("cannot read ours"), "{bad}: {e}");
    }
    let m = merge_files("", &good, &good, "now").expect("no base");
    assert!(m.conflicts.is_empty());
    // Added apart with different verdicts: a conflict against no base.
    let other = text_of(&edit(|c| claim_mut(c, "c2").text = "x".into()));
    let m = merge_files("", &good, &other, "now").expect("no base");
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].base, None);
}

/// Resolving a conflict sets theirs (or ours, or an edited value) at its path and takes
/// it off the list; the case stays valid.
#[test]
fn resolving_sets_the_value() {
    let base = sample_case();
    let ours = edit(|c| claim_mut(c, "c2").verdict.rating = Some("False".into()));
    let theirs = edit(|c| claim_mut(c, "c2").verdict.rating = Some("True".into()));
    let (mut m, _) = merged_case(&base, &ours, &theirs);
    let theirs_value = m.conflicts[0].theirs.clone();
    let done = resolve_conflict(&mut m, 0, theirs_value.as_ref()).expect("resolves");
    assert_eq!(done.field(), "verdict.rating");
    assert!(m.conflicts.is_empty());
    assert_eq!(
        m.claim(&ClaimId("c2".into()))
            .unwrap()
            .verdict
            .rating
            .as_deref(),
        Some("True")
    );
    assert!(matches!(
        resolve_conflict(&mut m, 0, None),
        Err(ResolveError::NoSuchConflict(0))
    ));
    // A value that does not fit the field is refused and the case is unchanged.
    let (mut m, _) = merged_case(&base, &ours, &theirs);
    let before = m.clone();
    let e = resolve_conflict(&mut m, 0, Some(&json!({"not": "a rating"}))).unwrap_err();
    assert!(matches!(e, ResolveError::Invalid(_)), "{e}");
    assert_eq!(m, before);
}

/// A link conflict (same source and quote, stance changed differently) resolves in place.
#[test]
fn link_conflicts_resolve_by_key() {
    let base = sample_case();
    let stance = |s| edit(move |c| claim_mut(c, "k3x9q2ma").links[1].stance = s);
    let (mut m, conflicts) = merged_case(
        &base,
        &stance(crate::model::Stance::Context),
        &stance(crate::model::Stance::Supports),
    );
    // base s2 link is `supports`: theirs unchanged → no conflict; make both differ.
    assert!(conflicts.is_empty());
    let ours = stance(crate::model::Stance::Context);
    let theirs = stance(crate::model::Stance::Refutes);
    let (mut m2, conflicts) = merged_case(&base, &ours, &theirs);
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].field(), "links[s2].stance");
    resolve_conflict(&mut m2, 0, Some(&json!("refutes"))).unwrap();
    let k = m2.claim(&ClaimId("k3x9q2ma".into())).unwrap();
    assert_eq!(k.links[1].stance, crate::model::Stance::Refutes);
    resolve_conflict(&mut m, 0, None).unwrap_err();
}

/// Naughty strings on both sides of a conflict come through the merge byte for byte, the
/// merged file loads, and the places and values printed for people carry no control bytes.
#[test]
fn naughty_strings_merge_and_print_safely() {
    let Some(path) = crate::test_support::shared("testdata/hostile/blns.txt") else {
        return;
    };
    let list = std::fs::read_to_string(&path).expect("blns.txt reads");
    let strings: Vec<&str> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    let base = sample_case();
    let base_text = text_of(&base);
    for pair in strings
        .chunks(2)
        .filter(|p| p.len() == 2 && p[0] != p[1])
        .take(120)
    {
        let side = |s: &str| {
            text_of(&edit(|c| {
                let k = claim_mut(c, "k3x9q2ma");
                k.text = s.to_string();
                k.extra.insert(s.to_string(), json!(s));
            }))
        };
        let m = merge_files(&base_text, &side(pair[0]), &side(pair[1]), "now").expect("merges");
        let case = from_json(&m.json).expect("the merged file loads").case;
        let text = m
            .conflicts
            .iter()
            .find(|c| c.field() == "text")
            .expect("a text conflict");
        assert_eq!(text.ours, Some(json!(pair[0])));
        assert_eq!(text.theirs, Some(json!(pair[1])));
        for c in &case.conflicts {
            let printed = crate::text::clean_line(&format!(
                "{} {}",
                c.place(&case),
                crate::model::Conflict::side(&c.theirs)
            ))
            .into_owned();
            assert!(!printed.chars().any(char::is_control), "{printed:?}");
        }
    }
}

/// A `conflicts` list of the wrong shape refuses the file, saying where; a conflict whose
/// path leads nowhere cannot be resolved with a value, and the case is left as it was.
#[test]
fn malformed_conflicts() {
    let bad = edited(|v| v["conflicts"] = json!("not a list"));
    let e = from_json(&bad).unwrap_err();
    assert!(
        e.to_string().contains("conflicts") || matches!(e, LoadError::Malformed { .. }),
        "{e}"
    );
    let bad = edited(|v| v["conflicts"] = json!([{"ours": 1}]));
    assert!(from_json(&bad).is_err(), "a conflict needs a path");
    let nowhere = edited(|v| {
        v["conflicts"] =
            json!([{"path": ["claims", "no-such-claim", "text"], "ours": "a", "theirs": "b"}])
    });
    let mut case = from_json(&nowhere).expect("loads").case;
    let before = case.clone();
    let e = resolve_conflict(&mut case, 0, Some(&json!("b"))).unwrap_err();
    assert!(matches!(e, ResolveError::NotFound(_)), "{e}");
    assert_eq!(case, before);
    // A top-level field the case does not model cannot take a value here.
    case.conflicts[0].path = vec![json!("x-generator")];
    let e = resolve_conflict(&mut case, 0, Some(&json!("b"))).unwrap_err();
    assert!(matches!(e, ResolveError::NotFound(_)), "{e}");
    // Taking ours there (what the file holds) settles it.
    resolve_conflict(&mut case, 0, Some(&json!("a"))).expect("ours is kept");
    assert!(case.conflicts.is_empty());
}

/// A merged file with conflicts matches the bundled JSON Schema.
#[test]
fn conflicted_file_matches_the_schema() {
    let base = sample_case();
    let ours = edit(|c| claim_mut(c, "c2").verdict.rating = Some("False".into()));
    let theirs = edit(|c| claim_mut(c, "c2").verdict.rating = Some("True".into()));
    let m = merge_files(&text_of(&base), &text_of(&ours), &text_of(&theirs), "now").unwrap();
    assert!(m.json.contains("\"conflicts\""));
    assert_eq!(schema_errors(&m.json), Vec::<String>::new());
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    assert_eq!(
        schema["properties"]["conflicts"]["items"]["$ref"],
        "#/$defs/conflict"
    );
    assert_eq!(schema["$defs"]["conflict"]["required"], json!(["path"]));
}

/// The publishing fields merge like any other: each side's claimant guess and kind, claim
/// date, first appearance and article metadata are kept; two different claim dates are one
/// conflict; a first publication recorded on both sides keeps the earlier one, whole.
#[test]
fn publishing_fields_merge() {
    use crate::model::{ClaimantKind, Published};
    let published = |date: &str, rating: &str| {
        Some(Published {
            date: date.into(),
            rating: Some(rating.into()),
            ..Published::default()
        })
    };
    let base = sample_case();
    let ours = edit(|c| {
        let k = claim_mut(c, "k3x9q2ma");
        k.made_on = Some("2026-01-01".into());
        k.verdict.published = published("2026-02-05", "Mostly True");
        let u = claim_mut(c, "c2");
        u.claimant_guess = Some("Olivia Brandt".into());
        u.first_appearance = Some("https://x.example/first".into());
        c.article.meta.url = Some("https://news.example/a".into());
    });
    let theirs = edit(|c| {
        let k = claim_mut(c, "k3x9q2ma");
        k.made_on = Some("2025-12-31".into());
        k.verdict.published = published("2026-02-03", "False");
        claim_mut(c, "c2").claimant_kind = Some(ClaimantKind::Organization);
        c.article.meta.outlet = Some("Tidings".into());
        c.article.meta.authors = vec!["R. Okafor".into()];
    });
    let (m, conflicts) = merged_case(&base, &ours, &theirs);
    let paths: Vec<String> = conflicts.iter().map(|c| c.field()).collect();
    assert_eq!(paths, ["made_on"], "{conflicts:?}");
    let k = m.claim(&ClaimId("k3x9q2ma".into())).unwrap();
    assert_eq!(
        k.made_on.as_deref(),
        Some("2026-01-01"),
        "ours until resolved"
    );
    assert_eq!(k.verdict.published, published("2026-02-03", "False"));
    let u = m.claim(&ClaimId("c2".into())).unwrap();
    assert_eq!(u.claimant_guess.as_deref(), Some("Olivia Brandt"));
    assert_eq!(u.claimant_kind, Some(ClaimantKind::Organization));
    assert_eq!(
        u.first_appearance.as_deref(),
        Some("https://x.example/first")
    );
    let meta = &m.article.meta;
    assert_eq!(meta.url.as_deref(), Some("https://news.example/a"));
    assert_eq!(meta.outlet.as_deref(), Some("Tidings"));
    assert_eq!(meta.authors, ["R. Okafor"]);
    // The same the other way round: the earlier publication wins whichever side has it.
    let (m, _) = merged_case(&base, &theirs, &ours);
    let k = m.claim(&ClaimId("k3x9q2ma".into())).unwrap();
    assert_eq!(k.verdict.published, published("2026-02-03", "False"));
}
