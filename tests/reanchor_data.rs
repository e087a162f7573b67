//! Re-anchoring against third-party data: the public anchoring test vectors
//! (`../shared/testdata/anchoring/`) and real Wikipedia revisions
//! (`../shared/testdata/revisions/`). Each test skips, saying so, when the data is absent.

mod support;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use factdesk::anchor::myers;
use factdesk::anchor::quote::{Context, match_quote};
use factdesk::anchor::reanchor::{Reanchorer, Step};
use factdesk::model::Anchor;
use factdesk::text::CharIndex;
use serde_json::Value;

fn shared(rel: &str) -> Option<PathBuf> {
    support::shared(rel)
}

fn vectors(name: &str) -> Option<Value> {
    let path = shared(&format!("testdata/anchoring/{name}.vectors.json"))?;
    Some(serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap())
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn usize_of(v: &Value, key: &str) -> Option<usize> {
    v.get(key).and_then(Value::as_u64).map(|n| n as usize)
}

/// A char offset for a UTF-16 offset of `text`.
fn char_of_utf16(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (n, c) in text.chars().enumerate() {
        if units >= utf16 {
            return n;
        }
        units += c.len_utf16();
    }
    text.chars().count()
}

/// approx-string-match's 18 cases: in UTF-16 code units exactly as JavaScript counts
/// (offsets and errors), and in scalar values with the offsets converted.
#[test]
fn approx_string_match_vectors() {
    let Some(data) = vectors("approx-string-match") else {
        return;
    };
    let cases = data["cases"].as_array().unwrap();
    for case in cases {
        let (text, pattern) = (str_of(case, "text"), str_of(case, "pattern"));
        let max = usize_of(case, "max_errors").unwrap();
        let units = |s: &str| s.encode_utf16().collect::<Vec<u16>>();
        let in_utf16 = myers::search(&units(text), &units(pattern), max);
        let in_chars = myers::search(&chars(text), &chars(pattern), max);
        let label = format!("{}: {pattern:?} in {text:?}", str_of(case, "group"));
        if case.get("expect_empty").is_some() {
            assert!(in_utf16.is_empty() && in_chars.is_empty(), "{label}");
            continue;
        }
        if let Some(n) = usize_of(case, "expect_count") {
            assert_eq!(in_utf16.len(), n, "{label}");
            assert_eq!(in_chars.len(), n, "{label}");
            continue;
        }
        let expected = case
            .get("best_matches_any_of")
            .or(case.get("all_matches"))
            .and_then(Value::as_array)
            .unwrap();
        let spans: Vec<(usize, usize, usize)> = expected
            .iter()
            .map(|m| {
                let get = |k| usize_of(m, k).unwrap();
                (get("start"), get("end"), get("errors"))
            })
            .collect();
        if case.get("all_matches").is_some() {
            let got: Vec<_> = in_utf16
                .iter()
                .map(|m| (m.start, m.end, m.errors))
                .collect();
            assert_eq!(got, spans, "{label}");
        }
        assert!(!in_utf16.is_empty(), "{label}");
        for m in &in_utf16 {
            assert!(
                spans.contains(&(m.start, m.end, m.errors)),
                "{label}: {m:?}"
            );
        }
        // Scalar values: the same spans once converted (errors differ only where a
        // character takes two UTF-16 units).
        for m in &in_chars {
            let converted: Vec<(usize, usize)> = spans
                .iter()
                .map(|&(s, e, _)| (char_of_utf16(text, s), char_of_utf16(text, e)))
                .collect();
            assert!(converted.contains(&(m.start, m.end)), "{label}: {m:?}");
        }
    }
    eprintln!(
        "approx-string-match: {} of {} cases pass",
        cases.len(),
        cases.len()
    );
}

/// Hypothesis's match-quote cases: exact and fuzzy scores, the orderings by quote,
/// prefix and suffix similarity, context and position-hint choices, and no match.
#[test]
fn hypothesis_match_quote_vectors() {
    let Some(data) = vectors("hypothesis-match-quote") else {
        return;
    };
    let texts = &data["texts"];
    let cases = data["cases"].as_array().unwrap();
    for case in cases {
        let id = str_of(case, "id");
        let text = match case.get("text_literal") {
            Some(t) => t.as_str().unwrap().to_string(),
            None => str_of(texts, str_of(case, "text")).to_string(),
        };
        let t = chars(&text);
        let score_of = |quote: &str, prefix: &str, suffix: &str| {
            let (p, s) = (chars(prefix), chars(suffix));
            let context = Context {
                prefix: &p,
                suffix: &s,
                hint: None,
            };
            match_quote(&t, &chars(quote), &context).map_or(0.0, |m| m.score)
        };
        let descending = |scores: Vec<f64>| scores.windows(2).all(|w| w[0] > w[1]);
        if let Some(quotes) = case
            .get("quotes_descending_score")
            .and_then(Value::as_array)
        {
            let scores = quotes
                .iter()
                .map(|q| score_of(q.as_str().unwrap(), "", ""))
                .collect();
            assert!(descending(scores), "{id}");
            continue;
        }
        let quote = str_of(case, "quote");
        if let Some(prefixes) = case
            .get("prefixes_descending_score")
            .and_then(Value::as_array)
        {
            let scores = prefixes
                .iter()
                .map(|p| score_of(quote, p.as_str().unwrap(), ""))
                .collect();
            assert!(descending(scores), "{id}");
            continue;
        }
        if let Some(suffixes) = case
            .get("suffixes_descending_score")
            .and_then(Value::as_array)
        {
            let scores = suffixes
                .iter()
                .map(|s| score_of(quote, "", s.as_str().unwrap()))
                .collect();
            assert!(descending(scores), "{id}");
            continue;
        }
        let quote = match case.get("quote_is_text") {
            Some(name) => str_of(texts, name.as_str().unwrap()).to_string(),
            None => quote.to_string(),
        };
        let (p, s) = (chars(str_of(case, "prefix")), chars(str_of(case, "suffix")));
        let context = Context {
            prefix: &p,
            suffix: &s,
            hint: usize_of(case, "hint"),
        };
        let found = match_quote(&t, &chars(&quote), &context);
        let expect = &case["expect"];
        if expect.is_null() {
            assert!(found.is_none(), "{id}: {found:?}");
            continue;
        }
        let found = found.unwrap_or_else(|| panic!("{id}: no match"));
        if let Some(exact) = expect.get("exact_text").and_then(Value::as_str) {
            let got: String = t[found.start..found.end].iter().collect();
            assert_eq!(got, exact, "{id}");
        }
        if let Some(start) = usize_of(expect, "start") {
            assert_eq!(found.start, start, "{id}");
        }
        if let Some(score) = expect.get("score").and_then(Value::as_f64) {
            assert!((found.score - score).abs() < 1e-9, "{id}");
        }
        if expect.get("score_between_0_and_1_exclusive").is_some() {
            assert!(found.score > 0.0 && found.score < 1.0, "{id}");
        }
    }
    eprintln!(
        "hypothesis match-quote: {} of {} cases pass",
        cases.len(),
        cases.len()
    );
}

/// An anchor with only a quote selector (and a position when the case gives a hint).
fn selector_anchor(selector: &Value, hint: Option<usize>) -> Anchor {
    let exact = str_of(selector, "exact").to_string();
    let start = hint.unwrap_or(0);
    Anchor {
        start,
        end: start + exact.chars().count(),
        exact,
        prefix: str_of(selector, "prefix").to_string(),
        suffix: str_of(selector, "suffix").to_string(),
        review: None,
        extra: Default::default(),
    }
}

/// dom-anchor-text-quote's cases: 32-character context on creation; finding a quote
/// selector exactly, fuzzily (proposed for review, never accepted), by prefix, suffix or
/// position, and refusing what does not match well enough.
#[test]
fn dom_anchor_text_quote_vectors() {
    let Some(data) = vectors("dom-anchor-text-quote") else {
        return;
    };
    let text = str_of(&data, "text_content");
    let index = CharIndex::new(text);
    for case in data["from_range"].as_array().unwrap() {
        let exact = str_of(case, "exact");
        let at = text.find(exact).unwrap();
        let a = factdesk::anchor::create(text, &index, at..at + exact.len());
        assert_eq!(a.prefix, str_of(case, "expect_prefix"));
        assert_eq!(a.suffix, str_of(case, "expect_suffix"));
    }
    // Nothing of the quote is in an "old" text: this is the search on its own.
    let reanchorer = Reanchorer::new("", text);
    let cases = data["to_range"].as_array().unwrap();
    for case in cases {
        let anchor = selector_anchor(&case["selector"], usize_of(case, "hint"));
        let out = reanchorer.anchor(&anchor);
        let label = format!("{:?}", anchor.exact);
        if case.get("expect_null").is_some() {
            assert_eq!(out.step, Step::Orphaned, "{label}: {:?}", out.anchor.exact);
            continue;
        }
        if let Some(expected) = case.get("expect_text").and_then(Value::as_str) {
            assert_eq!(out.anchor.exact, expected, "{label}");
        }
        if let Some(start) = usize_of(case, "expect_start") {
            assert_eq!(out.anchor.start, start, "{label}");
        }
        let fuzzy = str_of(case, "kind") == "fuzzy";
        assert_eq!(out.step == Step::Changed, fuzzy, "{label}: {:?}", out.step);
        assert_eq!(out.anchor.review.is_some(), fuzzy, "{label}");
    }
    eprintln!(
        "dom-anchor-text-quote: {} of {} cases pass",
        cases.len(),
        cases.len()
    );
}

/// Sentences of the lower-cased corpus: cut after `.`, `!` or `?` before white space, and
/// at line ends. Byte ranges, trimmed.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        let ends = bytes[i] == b'\n'
            || (matches!(bytes[i], b'.' | b'!' | b'?')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace));
        if ends || i + 1 == bytes.len() {
            let end = if bytes[i] == b'\n' { i } else { i + 1 };
            let piece = &text[start..end];
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if trimmed.len() >= 20 {
                out.push((start + lead, start + lead + trimmed.len()));
            }
            start = i + 1;
        }
    }
    out
}

fn occurrences(text: &str, needle: &str) -> usize {
    text.match_indices(needle).take(2).count()
}

/// Real revisions: every sentence unique and unchanged in the next version comes back
/// exact or moved at its new place (≥ 99 %); a sentence that changed never comes back
/// exact or moved; and sentences of another article are never proposed.
#[test]
fn wikipedia_revisions() {
    let Some(dir) = shared("testdata/revisions/versions") else {
        return;
    };
    let mut titles: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    titles.sort();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let (mut kept, mut kept_ok) = (0usize, 0usize);
    for title in &titles {
        let versions = read_versions(title);
        for pair in versions.windows(2) {
            let (old, new) = (&pair[0], &pair[1]);
            let reanchorer = Reanchorer::new(old, new);
            let index = CharIndex::new(old);
            for (s, e) in sentences(old) {
                let sentence = &old[s..e];
                if occurrences(old, sentence) != 1 {
                    continue;
                }
                let out = reanchorer.anchor(&factdesk::anchor::create(old, &index, s..e));
                match occurrences(new, sentence) {
                    1 => {
                        kept += 1;
                        let at = new.find(sentence).unwrap();
                        let want = new[..at].chars().count();
                        let ok = matches!(out.step, Step::Exact | Step::Moved)
                            && out.anchor.start == want
                            && out.anchor.exact == sentence;
                        kept_ok += usize::from(ok);
                        if !ok && std::env::var_os("REANCHOR_DEBUG").is_some() {
                            eprintln!(
                                "MISS {:?} {} want {want} got {} {:?}\n  {sentence:?}\n  {:?}",
                                out.step,
                                title.display(),
                                out.anchor.start,
                                out.anchor.exact,
                                out.old.start
                            );
                        }
                    }
                    0 => {
                        assert!(
                            !matches!(out.step, Step::Exact | Step::Moved),
                            "{}: {sentence:?} changed but came back {:?}",
                            title.display(),
                            out.step
                        );
                        *counts.entry(out.step.name()).or_default() += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    let foreign = foreign_proposals(&titles);
    let share = 100.0 * kept_ok as f64 / kept.max(1) as f64;
    eprintln!(
        "revisions: {kept_ok} of {kept} unique unchanged sentences exact or moved at their \
         new place ({share:.2} %); changed sentences: {counts:?}; sentences of other \
         articles proposed: {} of {}",
        foreign.0, foreign.1
    );
    assert!(kept > 1000, "too few sentences to measure: {kept}");
    assert!(share >= 99.0, "{share:.2} %");
    assert_eq!(foreign.0, 0, "a sentence of another article was proposed");
}

/// Sentences of each article's oldest version carried onto the newest version of the next
/// article: (how many came back as anything but orphaned, how many were tried).
fn foreign_proposals(titles: &[PathBuf]) -> (usize, usize) {
    let mut tried = 0;
    let mut proposed = 0;
    for pair in titles.windows(2) {
        let (Some(old), Some(new)) = (
            read_versions(&pair[0]).into_iter().next(),
            read_versions(&pair[1]).pop(),
        ) else {
            continue;
        };
        let reanchorer = Reanchorer::new(&old, &new);
        let index = CharIndex::new(&old);
        for (s, e) in sentences(&old) {
            if occurrences(&new, &old[s..e]) > 0 {
                continue;
            }
            tried += 1;
            let out = reanchorer.anchor(&factdesk::anchor::create(&old, &index, s..e));
            proposed += usize::from(out.step != Step::Orphaned);
        }
    }
    (proposed, tried)
}

fn read_versions(dir: &Path) -> Vec<String> {
    (0..)
        .map(|n| dir.join(format!("{n}.txt")))
        .take_while(|p| p.exists())
        .map(|p| fs::read_to_string(p).unwrap())
        .collect()
}
