use super::fold::{Folded, fold_str};
use super::*;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// A deterministic library of news-like haystacks (with diacritics).
pub(super) fn library(n: usize) -> Vec<String> {
    const WORDS: &[&str] = &[
        "Ukraine",
        "election",
        "Reuters",
        "climate",
        "Zeitung",
        "Süddeutsche",
        "Straße",
        "report",
        "minister",
        "fact",
        "check",
        "Łódź",
        "crisis",
        "budget",
        "Größe",
        "vote",
        "army",
        "trade",
        "Église",
        "energy",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|_| {
            let words = 2 + (next() % 6) as usize;
            let title: Vec<&str> = (0..words)
                .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
                .collect();
            title.join(" ")
        })
        .collect()
}

fn indices(matches: &[Match]) -> Vec<(usize, i64)> {
    matches.iter().map(|m| (m.index, m.score)).collect()
}

fn full_rescan(query: &str, items: &[String]) -> Vec<(usize, i64)> {
    let mut picker = Picker::new(items.to_vec());
    picker.set_query(query);
    while !picker.step(usize::MAX) {}
    indices(picker.matches())
}

/// A contiguous match outranks a scattered one.
#[test]
fn contiguous_beats_scattered() {
    let items = strings(&[
        "Rural Electric Utilities Test Ex Roads Survey",
        "Reuters Fact Check",
    ]);
    let ranked = rank("reuters", &items);
    assert_eq!(ranked.len(), 2);
    assert_eq!(ranked[0].index, 1);
    assert!(ranked[0].score > ranked[1].score);
}

/// "sudd" matches "Süddeutsche Zeitung" through diacritic folding and ranks it first.
#[test]
fn sudd_finds_sueddeutsche_first() {
    let items = strings(&[
        "Sunday Dispatch Daily",
        "Southern Utah Daily Digest",
        "The Guardian",
        "Süddeutsche Zeitung",
        "Le Monde",
        "Agence France-Presse",
    ]);
    let ranked = rank("sudd", &items);
    assert_eq!(ranked[0].index, 3);
    assert_eq!(ranked[0].positions, vec![0, 1, 2, 3]);
    assert!(ranked.iter().all(|m| m.index != 2 && m.index != 4));
}

/// Letters beyond Latin-1 and Extended-A fold through Unicode decomposition: `nguyen`
/// finds "Nguyễn Phú Trọng", and "Știrile" ranks first for `stirile`.
#[test]
fn accents_fold_by_decomposition() {
    let items = strings(&[
        "Stiri in limba romana: ile de France",
        "Nguyễn Phú Trọng",
        "Știrile zilei",
        "Ştirile ProTV",
    ]);
    let ranked = rank("nguyen", &items);
    assert_eq!(ranked.first().map(|m| m.index), Some(1));
    assert_eq!(ranked[0].positions, vec![0, 1, 2, 3, 4, 5]);
    assert_eq!(rank("trong", &items).first().map(|m| m.index), Some(1));
    let ranked = rank("stirile", &items);
    assert_eq!(ranked.first().map(|m| m.index), Some(2));
    assert!(
        ranked.iter().any(|m| m.index == 3),
        "ş with a cedilla folds too"
    );
    assert_eq!(fold_for_search("Nguyễn Phú Trọng"), "nguyen phu trong");
    assert_eq!(
        fold_for_search("e\u{301}tude"),
        "etude",
        "a combining mark is dropped"
    );
}

/// The empty query matches every item, in original order, without highlights.
#[test]
fn empty_query_lists_all_in_order() {
    let items = strings(&["zeta long haystack", "alpha", "mid item"]);
    let ranked = rank("", &items);
    assert_eq!(indices(&ranked), vec![(0, 0), (1, 0), (2, 0)]);
    assert!(ranked.iter().all(|m| m.positions.is_empty()));
    let mut picker = Picker::new(items);
    assert!(picker.is_complete());
    assert_eq!(picker.matches().len(), 3);
    picker.set_query("al");
    picker.set_query("");
    assert!(picker.is_complete());
    assert_eq!(indices(picker.matches()), vec![(0, 0), (1, 0), (2, 0)]);
}

/// Smart case: a lower-case query ignores case, an upper-case letter makes it exact.
#[test]
fn smart_case() {
    let items = strings(&["apple pie", "Le Monde", "LE MONDE"]);
    let lower: Vec<usize> = rank("le", &items).iter().map(|m| m.index).collect();
    assert_eq!(lower.len(), 3);
    let upper: Vec<usize> = rank("Le", &items).iter().map(|m| m.index).collect();
    assert_eq!(upper, vec![1]);
    // An upper-case folded letter also switches to exact case.
    let items = strings(&["Über uns", "über alles"]);
    let upper: Vec<usize> = rank("Üb", &items).iter().map(|m| m.index).collect();
    assert_eq!(upper, vec![0]);
    assert_eq!(rank("ub", &items).len(), 2);
}

/// Ties are broken by shorter haystack, then by original index.
#[test]
fn ties_shorter_then_index() {
    let items = strings(&["Reuters wire", "Reuters", "Reuters wire", "Reuters"]);
    let order: Vec<usize> = rank("reuters", &items).iter().map(|m| m.index).collect();
    assert_eq!(order, vec![1, 3, 0, 2]);
}

/// Highlight positions index the original chars, also after ß→ss and dropped marks.
#[test]
fn positions_map_to_original_chars() {
    let items = strings(&[
        "Großbritannien",
        "Straße der Pariser Kommune",
        "Su\u{308}d",
        "Süddeutsche Zeitung",
    ]);
    let picker_positions = |query: &str, index: usize| {
        let mut picker = Picker::new(items.clone());
        picker.set_query(query);
        while !picker.step(usize::MAX) {}
        picker.positions(index)
    };
    assert_eq!(picker_positions("brit", 0), vec![4, 5, 6, 7]);
    assert_eq!(picker_positions("strasse", 1), vec![0, 1, 2, 3, 4, 5]);
    assert_eq!(
        picker_positions("kommune", 1),
        vec![19, 20, 21, 22, 23, 24, 25]
    );
    assert_eq!(picker_positions("sud", 2), vec![0, 1, 3]);
    assert_eq!(picker_positions("zeit", 3), vec![12, 13, 14, 15]);
    // A ß in the query folds too.
    assert_eq!(picker_positions("großb", 0), vec![0, 1, 2, 3, 4]);
    for (query, index) in [("brit", 0), ("kommune", 1), ("zeit", 3)] {
        let chars: Vec<char> = items[index].chars().collect();
        let picked: String = picker_positions(query, index)
            .iter()
            .map(|&i| chars[i])
            .collect();
        assert_eq!(picked.to_lowercase(), query);
    }
}

/// The ranking score (no back-tracking) equals the score reported with positions.
#[test]
fn scores_agree_with_positions_run() {
    let items = library(300);
    let mut picker = Picker::new(items);
    picker.set_query("rep");
    while !picker.step(usize::MAX) {}
    assert!(!picker.matches().is_empty());
    for m in picker.matches() {
        let (score, _) = picker.score_with_positions(m.index).expect("matches");
        assert_eq!(score, m.score);
    }
}

/// The fold table maps Latin-1 and Latin Extended-A letters to ASCII, keeping case.
#[test]
fn fold_table() {
    assert_eq!(fold_str("ÀÉÎÕÜÝàéîõüýÿ"), "AEIOUYaeiouyy");
    assert_eq!(fold_str("øØðÐñÇ×÷"), "oOdDnC×÷");
    assert_eq!(fold_str("ßẞæÆœŒĳþ"), "ssSSaeAEoeOEijth");
    assert_eq!(fold_str("ŁłŽžŠšČčĞğİıŐőŰűſ"), "LlZzSsCcGgIiOoUus");
    assert_eq!(
        fold_str("ĀāĂăĄąĆćĎďĒēĘęĚěĜĝĤĥĴĵĶķĸĹĺŃńŇňŊŋŔŕŘřŚśŤťŦŧŨũŮůŴŵŶŷŸŹźŻż"),
        "AaAaAaCcDdEeEeEeGgHhJjKkkLlNnNnNnRrRrSsTtTtUuUuWwYyYZzZz"
    );
    assert_eq!(fold_str("ΩМосква"), "ωмосква");
    let f = Folded::new("plain ascii");
    assert!(f.text.is_none() && f.map.is_none());
    let f = Folded::new("Zürich");
    assert_eq!(f.text.as_deref(), Some("Zurich"));
    assert!(f.map.is_none());
    assert_eq!(Folded::new("Straße").len, 6);
}

/// Narrowing on extension gives exactly the results of a full rescan, also after a backspace.
#[test]
fn incremental_equals_full_rescan() {
    let items = library(2_000);
    let mut picker = Picker::new(items.clone());
    for query in [
        "", "r", "re", "rep", "repo", "repor", "repo", "re", "ü", "üb", "", "s", "st", "stra",
        "straß", "straße", "U", "Uk", "Ukr",
    ] {
        picker.set_query(query);
        while !picker.step(usize::MAX) {}
        assert_eq!(
            indices(picker.matches()),
            full_rescan(query, &items),
            "{query:?}"
        );
    }
}

/// Extending the query in the middle of a scan still yields the full-rescan result.
#[test]
fn extension_mid_scan_equals_full_rescan() {
    let items = library(2_000);
    let mut picker = Picker::new(items.clone());
    picker.set_query("e");
    assert!(!picker.step(300));
    picker.set_query("el");
    assert!(!picker.step(100));
    picker.set_query("ele");
    while !picker.step(57) {}
    assert_eq!(indices(picker.matches()), full_rescan("ele", &items));
    // And a non-extension mid-scan.
    picker.set_query("c");
    assert!(!picker.step(10));
    picker.set_query("ch");
    while !picker.step(1_000) {}
    assert_eq!(indices(picker.matches()), full_rescan("ch", &items));
}

/// Stepping in small budgets gives the same final ranking as one big step.
#[test]
fn small_steps_equal_one_big_step() {
    let items = library(3_000);
    for query in ["r", "cli", "zz", "Ukr"] {
        let mut picker = Picker::new(items.clone());
        picker.set_query(query);
        let mut steps = 0;
        while !picker.step(97) {
            steps += 1;
        }
        assert!(steps >= 3_000 / 97, "{query:?} took {steps} steps");
        assert_eq!(
            indices(picker.matches()),
            full_rescan(query, &items),
            "{query:?}"
        );
        let mut zero = Picker::new(items.clone());
        zero.set_query(query);
        let mut calls = 0;
        while !zero.step(0) {
            calls += 1;
        }
        assert!(calls >= 3_000 - 1);
        assert_eq!(indices(zero.matches()), indices(picker.matches()));
    }
}

/// While incomplete, the visible rows are the best of what has been scanned so far.
#[test]
fn partial_ranking_is_best_of_scanned() {
    let items = library(5_000);
    let mut picker = Picker::new(items.clone());
    picker.set_query("e");
    let mut checked = 0;
    while !picker.step(700) {
        if picker.phase != Phase::Scanning {
            continue;
        }
        let scanned = picker.cursor;
        assert!(scanned < items.len());
        let expected = full_rescan("e", &items[..scanned]);
        let shown = indices(picker.matches());
        assert_eq!(shown.len(), expected.len().min(PARTIAL_TOP));
        assert_eq!(shown, expected[..shown.len()]);
        checked += 1;
    }
    assert!(checked >= 5);
    assert_eq!(indices(picker.matches()), full_rescan("e", &items));
}

/// Accessors report the list and query; unknown indices give no positions.
#[test]
fn accessors() {
    let mut picker = Picker::new(strings(&["one", "two"]));
    assert_eq!(picker.item_count(), 2);
    assert_eq!(picker.item(1), Some("two"));
    assert_eq!(picker.item(2), None);
    picker.set_query("tw");
    assert_eq!(picker.query(), "tw");
    assert!(picker.positions(0).is_empty());
    assert!(picker.positions(9).is_empty());
    assert_eq!(picker.positions(1), vec![0, 1]);
}

/// A picker can be moved to (and shared with) a worker thread.
#[test]
fn picker_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Picker>();
    assert_send_sync::<Match>();
}
