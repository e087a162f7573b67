//! Properties of the three-way merge over random edits of the sample case.

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;
use crate::model::{Case, Link, Source, SourceId};

/// One edit a checker might make.
#[derive(Debug, Clone)]
enum Edit {
    AddClaim(usize),
    DeleteClaim(usize),
    Rate(usize, usize),
    Word(usize, String),
    Status(usize),
    AddSource(usize),
    Link(usize, usize, String),
    NewField(usize, u8),
    History(u8),
}

const EXACTS: [&str; 4] = [
    "Café owners",
    "the minister claimed",
    "crime fell",
    "data disagree",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..4usize).prop_map(Edit::AddClaim),
        (0..4usize).prop_map(Edit::DeleteClaim),
        (0..4usize, 0..6usize).prop_map(|(c, r)| Edit::Rate(c, r)),
        (0..4usize, "[a-z ]{0,6}").prop_map(|(c, w)| Edit::Word(c, w)),
        (0..4usize).prop_map(Edit::Status),
        (0..3usize).prop_map(Edit::AddSource),
        (0..4usize, 0..4usize, "[ab]{0,2}").prop_map(|(c, s, q)| Edit::Link(c, s, q)),
        (0..4usize, 0..3u8).prop_map(|(c, v)| Edit::NewField(c, v)),
        (0..3u8).prop_map(Edit::History),
    ]
}

/// Applies edits as side `side` ("a" or "b"), so new ids of the two sides differ.
fn apply(case: &Case, side: &str, edits: &[Edit]) -> Case {
    let mut case = case.clone();
    for (n, e) in edits.iter().enumerate() {
        let len = case.claims.len();
        match e {
            Edit::AddClaim(x) => {
                let mut c = claim(&format!("{side}{n}"), EXACTS[*x]);
                c.created = format!("2026-01-0{}T00:00:00Z", 1 + n % 9);
                case.insert_claim(c);
            }
            Edit::DeleteClaim(i) if len > 0 => {
                let id = case.claims[i % len].id.clone();
                case.remove_claim(&id);
            }
            Edit::Rate(i, r) if len > 0 => {
                let label = case.scale.labels.get(*r).map(|l| l.label.clone());
                case.claims[i % len].verdict.rating = label;
            }
            Edit::Word(i, w) if len > 0 => case.claims[i % len].text = w.clone(),
            Edit::Status(i) if len > 0 => {
                let s = &mut case.claims[i % len].status;
                *s = s.next();
            }
            Edit::AddSource(k) => {
                let id = format!("{side}s{n}{k}");
                case.sources.push(Source::new(SourceId(id), "t", "", ""));
            }
            Edit::Link(i, s, q) if len > 0 && !case.sources.is_empty() => {
                let source = case.sources[s % case.sources.len()].id.clone();
                let mut link = Link::new(source);
                link.quote = q.clone();
                case.claims[i % len].links.push(link);
            }
            Edit::NewField(i, v) if len > 0 => {
                case.claims[i % len].extra.insert("x-new".into(), json!(v));
            }
            Edit::History(v) => case
                .history
                .push(json!({"at": format!("2026-01-1{v}T00:00:00Z"), "side": side})),
            _ => {}
        }
    }
    case
}

fn value_of(case: &Case) -> Value {
    serde_json::to_value(case).expect("serialises")
}

/// Lists put in one order (by their JSON), so results from the two merge orders compare.
fn normal(mut v: Value) -> Value {
    fn sort(list: &mut Value) {
        if let Some(items) = list.as_array_mut() {
            items.sort_by_key(|i| i.to_string());
        }
    }
    for key in ["claims", "sources", "history"] {
        sort(&mut v[key]);
    }
    if let Some(claims) = v["claims"].as_array_mut() {
        for c in claims {
            sort(&mut c["links"]);
        }
    }
    v
}

/// Every conflicted place set back to the base (the values there differ by which side is
/// ours).
fn without(v: &Value, conflicts: &[crate::model::Conflict]) -> Value {
    let mut v = v.clone();
    for c in conflicts {
        let walk = &mut super::merge_file::Walk::default();
        super::merge_file::set_at(&mut v, walk, &c.path, c.base.as_ref()).expect("a path");
    }
    v
}

fn keys(case: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in case["claims"].as_array().into_iter().flatten() {
        out.insert(format!("claim {}", c["id"]));
        for l in c["links"].as_array().into_iter().flatten() {
            out.insert(format!("link {} {} {}", c["id"], l["source"], l["quote"]));
        }
    }
    for s in case["sources"].as_array().into_iter().flatten() {
        out.insert(format!("source {}", s["id"]));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// merge(base, a, base) = a and merge(base, base, b) = b, with no conflicts.
    #[test]
    fn one_side_unchanged_gives_the_other(a in prop::collection::vec(edit(), 0..6)) {
        let base = sample_case();
        let a = value_of(&apply(&base, "a", &a));
        let base = value_of(&base);
        let m = merge_values(Some(&base), &a, &base);
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(&m.value, &a);
        let m = merge_values(Some(&base), &base, &a);
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(&m.value, &a);
    }

    /// merge(base, a, b) and merge(base, b, a) agree up to list order and the sides of the
    /// conflicts; every claim, source and link a or b added is in the result.
    #[test]
    fn symmetric_and_keeps_additions(
        a in prop::collection::vec(edit(), 0..6),
        b in prop::collection::vec(edit(), 0..6),
    ) {
        let base_case = sample_case();
        let (a, b) = (value_of(&apply(&base_case, "a", &a)), value_of(&apply(&base_case, "b", &b)));
        let base = value_of(&base_case);
        let ab = merge_values(Some(&base), &a, &b);
        let ba = merge_values(Some(&base), &b, &a);
        let swapped: Vec<_> = ba.conflicts.iter().map(|c| {
            let mut c = c.clone();
            std::mem::swap(&mut c.ours, &mut c.theirs);
            c
        }).collect();
        let set = |cs: &[crate::model::Conflict]| cs.iter().map(|c| serde_json::to_string(c).unwrap()).collect::<BTreeSet<_>>();
        prop_assert_eq!(set(&ab.conflicts), set(&swapped));
        prop_assert_eq!(
            normal(without(&ab.value, &ab.conflicts)),
            normal(without(&ba.value, &ba.conflicts))
        );
        let merged = keys(&ab.value);
        let old = keys(&base);
        for side in [&a, &b] {
            for k in keys(side).difference(&old) {
                prop_assert!(merged.contains(k), "{} missing", k);
            }
        }
    }
}
