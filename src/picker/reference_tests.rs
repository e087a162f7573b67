//! The picker against a plain reference: every item folded, scored by a new
//! `SkimMatcherV2`, sorted by score, length and index. Whatever the picker does to be
//! fast (bitmask, windows, one-char stand-ins, threads, slices) must not show.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::fold_str;
use super::*;

/// The ranking a plain loop gives: `(index, score)`, best first.
fn reference(query: &str, items: &[String]) -> Vec<(usize, i64)> {
    let query = fold_str(query);
    if query.is_empty() {
        return (0..items.len()).map(|i| (i, 0)).collect();
    }
    let mut found: Vec<(i64, usize, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let matcher = SkimMatcherV2::default().smart_case();
            let score = matcher.fuzzy_match(&fold_str(item), &query)?;
            Some((score, item.chars().count(), i))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    found.into_iter().map(|(s, _, i)| (i, s)).collect()
}

/// Highlight positions a new matcher gives, mapped to original chars.
fn reference_positions(query: &str, item: &str) -> Vec<usize> {
    let matcher = SkimMatcherV2::default().smart_case();
    let folded = Folded::new(item);
    matcher
        .fuzzy_indices(folded.text(item), &fold_str(query))
        .map(|(_, p)| folded.to_original(p))
        .unwrap_or_default()
}

fn ranked(picker: &mut Picker, query: &str, budget: usize) -> Vec<(usize, i64)> {
    picker.set_query(query);
    while !picker.step(budget) {}
    picker
        .matches()
        .iter()
        .map(|m| (m.index, m.score))
        .collect()
}

/// Source haystacks as the app builds them ("title | publisher | URL").
fn sources(n: usize) -> Vec<String> {
    let library = crate::csl::generate_library(n, 7);
    let field = |item: &serde_json::Value, key: &str| item[key].as_str().unwrap_or("").to_string();
    library
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| {
                    [
                        field(item, "title"),
                        field(item, "container-title"),
                        field(item, "URL"),
                    ]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" | ")
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Short random strings over every printable ASCII char and some accented letters, so
/// each query char meets every kind of neighbour.
fn jumble(n: usize) -> Vec<String> {
    let alphabet: Vec<char> = (' '..='~').chain("üÜßéÉøŁłœ\u{301}".chars()).collect();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|_| {
            let len = 1 + (next() % 40) as usize;
            (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect()
        })
        .collect()
}

const QUERIES: &[&str] = &[
    "r", "R", "e", "s", "/", ".", "-", " ", "1", "ü", "Ü", "ß", "é", "sudd", "reuters", "Reuters",
    "wwwcom", "www", "zq", "tax", "a b", "ee", "rer", "httpsw", "strasse", "Łódź", "e.x", "20",
    "://",
];

/// The ranking equals the reference's on source-like, accented and jumbled data, in one
/// step or many, on one thread or several.
#[test]
fn ranking_equals_reference() {
    let sets = [
        ("sources", sources(2_500)),
        ("accented", super::tests::library(2_500)),
        ("jumble", jumble(2_500)),
    ];
    for (name, items) in &sets {
        let mut one = Picker::new(items.clone());
        one.threads = 1;
        let mut many = Picker::new(items.clone());
        many.threads = 3;
        for &query in QUERIES {
            let expected = reference(query, items);
            assert_eq!(
                ranked(&mut one, query, usize::MAX),
                expected,
                "{name} {query:?}"
            );
            assert_eq!(
                ranked(&mut many, query, 1_500),
                expected,
                "{name} {query:?} in slices"
            );
        }
    }
}

/// Narrowing as the user types gives the reference ranking at every step.
#[test]
fn typing_equals_reference() {
    let items = sources(3_000);
    let mut picker = Picker::new(items.clone());
    picker.threads = 2;
    for query in [
        "w", "ww", "www", "wwwc", "wwwco", "wwwcom", "ww", "r", "re", "reu",
    ] {
        assert_eq!(
            ranked(&mut picker, query, 2_000),
            reference(query, &items),
            "{query:?}"
        );
    }
}

/// A score does not depend on what was scored before: `SkimMatcherV2` alone gives "www"
/// 75 for the query "www" right after scoring "/www", and 71 when new.
#[test]
fn score_ignores_what_came_before() {
    let alone = rank("www", &["www".to_string()]);
    let after = rank("www", &["/www".to_string(), "www".to_string()]);
    let score_of =
        |ranked: &[Match], index: usize| ranked.iter().find(|m| m.index == index).map(|m| m.score);
    assert_eq!(score_of(&alone, 0), Some(71));
    assert_eq!(score_of(&after, 1), Some(71));
}

/// Highlight positions are a new matcher's, whatever was asked before.
#[test]
fn positions_equal_reference() {
    let items = sources(400);
    let mut picker = Picker::new(items.clone());
    for query in ["reuters", "www", "wwwcom", "r", "sudd"] {
        picker.set_query(query);
        while !picker.step(usize::MAX) {}
        let shown: Vec<usize> = picker.matches().iter().take(60).map(|m| m.index).collect();
        for index in shown.into_iter().rev() {
            assert_eq!(
                picker.positions(index),
                reference_positions(query, &items[index]),
                "{query:?} {index}"
            );
        }
    }
}
