//! Fuzzy picker: ranks a list of haystacks (library sources as
//! "title | publisher | URL", palette commands, claims) against a typed
//! query, in bounded slices so a UI never blocks on a large list.
//!
//! * Scoring is `fuzzy_matcher`'s `SkimMatcherV2` with smart case (it is the
//!   matcher's default; set explicitly): case-insensitive unless the query
//!   has an uppercase letter. The query is a single pattern: a space matches
//!   a space (there is no fzf-style splitting into AND terms).
//! * Diacritics are folded on both sides before matching (`ü`→`u`, `ß`→`ss`,
//!   see [`fold`]), so "sudd" finds "Süddeutsche Zeitung". Highlight
//!   positions are char indices into the *original* haystack.
//! * Order: higher score first, then shorter haystack (in chars), then
//!   lower original index. An empty query lists every item in original order.
//! * Typing that extends the previous query only rescans the previous
//!   matches; any other change rescans every item.
//! * [`Picker::step`] scores at most `budget` items per call. While a scan is
//!   incomplete, [`Picker::matches`] is the best [`PARTIAL_TOP`] of what has
//!   been scored, kept sorted per step in O(new + K log K); the full
//!   ranking is sorted once, when the scan completes.
//! * Highlight positions are not computed while ranking (that would run the
//!   matcher's full back-tracking matrix for every match). The picker's
//!   [`Match::positions`] are empty; ask [`Picker::positions`] for the rows
//!   actually drawn. [`rank`] fills them for every match.
//! * Before the matcher, a per-item character bitmask and a subsequence scan
//!   skip items that cannot match, and the matcher is given only the part of
//!   a haystack its score depends on (see [`pattern`]). Scores are the
//!   matcher's, independent of what it scored before (see [`score`]).
//!
//! No I/O. A large slice is scored on every core (`std::thread::scope`);
//! [`Picker::step`] returns when its slice is done, so a runner may drive a
//! `Picker` from any one thread.

mod fold;
mod pattern;
#[cfg(test)]
mod reference_tests;
mod score;
mod single;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;

use fuzzy_matcher::skim::SkimMatcherV2;

use fold::Folded;
pub use fold::fold_for_search;
use pattern::Pattern;
use score::Scorer;

/// How many rows [`Picker::matches`] shows while a scan is incomplete.
pub const PARTIAL_TOP: usize = 200;

/// The final sort of `n` matches counts as `n / SORT_COST_DIVISOR` scored
/// items against a step's budget (sorting is far cheaper than scoring).
const SORT_COST_DIVISOR: usize = 16;

/// One matching item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index of the item in the list given to [`Picker::new`] or [`rank`].
    pub index: usize,
    /// Matcher score; higher is better (0 for the empty query).
    pub score: i64,
    /// Matched char indices into the original haystack, ascending. Empty in
    /// [`Picker::matches`] (use [`Picker::positions`]); filled by [`rank`].
    pub positions: Vec<usize>,
}

/// Where the current query's ranking stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Candidates `cursor..` remain to be scored.
    Scanning,
    /// Everything is scored; the full sort is still due.
    Sorting,
    /// `results` is the full, sorted ranking.
    Complete,
}

/// An incremental fuzzy picker over a fixed list of haystacks.
pub struct Picker {
    items: Vec<String>,
    folded: Vec<Folded>,
    /// Original length in chars of each item (contiguous, for sorting).
    lens: Vec<u32>,
    /// `pattern::char_mask` of each item's folded text.
    masks: Vec<u64>,
    matcher: SkimMatcherV2,
    /// Threads a large slice is scored on.
    threads: usize,
    query: String,
    pattern: Pattern,
    /// Item indices to score for the current query.
    candidates: Vec<usize>,
    /// Next candidate to score.
    cursor: usize,
    /// Matches found so far (unsorted until `Phase::Complete`).
    results: Vec<Match>,
    /// While scanning: the best `PARTIAL_TOP` of `results`, sorted.
    top: Vec<Match>,
    phase: Phase,
}

impl std::fmt::Debug for Picker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Picker")
            .field("items", &self.items.len())
            .field("query", &self.query)
            .field("phase", &self.phase)
            .field("scanned", &self.cursor)
            .field("candidates", &self.candidates.len())
            .field("matches", &self.results.len())
            .finish()
    }
}

/// Ranking order: score descending, then haystack length, then index.
fn order(lens: &[u32], a: &Match, b: &Match) -> Ordering {
    let len = |m: &Match| lens.get(m.index).copied().unwrap_or(u32::MAX);
    b.score
        .cmp(&a.score)
        .then_with(|| len(a).cmp(&len(b)))
        .then_with(|| a.index.cmp(&b.index))
}

impl Picker {
    /// Creates a picker over `items` (the haystacks), folding each once.
    /// The initial query is empty: every item matches, in original order.
    pub fn new(items: Vec<String>) -> Self {
        let folded: Vec<Folded> = items.iter().map(|s| Folded::new(s)).collect();
        let lens = folded.iter().map(|f| f.len).collect();
        let masks = items
            .iter()
            .zip(&folded)
            .map(|(item, f)| pattern::char_mask(f.text(item)))
            .collect();
        let mut picker = Picker {
            items,
            folded,
            lens,
            masks,
            matcher: SkimMatcherV2::default().smart_case(),
            threads: score::thread_count(),
            query: String::new(),
            pattern: Pattern::default(),
            candidates: Vec::new(),
            cursor: 0,
            results: Vec::new(),
            top: Vec::new(),
            phase: Phase::Complete,
        };
        picker.match_all();
        picker
    }

    /// Number of items in the list.
    pub fn item_count(&self) -> usize {
        self.items.len()
    }

    /// The haystack of item `index`, if it exists.
    pub fn item(&self, index: usize) -> Option<&str> {
        self.items.get(index).map(String::as_str)
    }

    /// The current query.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Sets the query. If it extends the previous query (the previous one is
    /// a prefix), only the previous matches (and any candidates not yet
    /// scored) are rescanned; otherwise every item is. The empty query
    /// completes at once. Otherwise call [`Picker::step`] until it returns
    /// true. Setting the same query again keeps the current progress.
    pub fn set_query(&mut self, query: &str) {
        if query == self.query {
            return;
        }
        let extends = query.starts_with(self.query.as_str());
        self.query.clear();
        self.query.push_str(query);
        self.pattern = Pattern::new(query);
        if self.pattern.is_empty() {
            self.match_all();
            return;
        }
        let mut candidates = Vec::new();
        if extends {
            candidates.reserve(self.results.len() + self.candidates.len() - self.cursor);
            candidates.extend(self.results.iter().map(|m| m.index));
            candidates.extend_from_slice(&self.candidates[self.cursor..]);
        } else {
            candidates.extend(0..self.items.len());
        }
        self.candidates = candidates;
        self.cursor = 0;
        self.results.clear();
        self.top.clear();
        self.phase = Phase::Scanning;
    }

    /// Every item matches with score 0, in original order; complete.
    fn match_all(&mut self) {
        self.results.clear();
        self.results
            .extend((0..self.items.len()).map(|index| Match {
                index,
                score: 0,
                positions: Vec::new(),
            }));
        self.candidates.clear();
        self.cursor = 0;
        self.top.clear();
        self.phase = Phase::Complete;
    }

    /// Scores up to `budget` more candidate items (0 counts as 1) and
    /// returns true when the ranking is complete. The final sort runs in the
    /// same call when `budget` leaves room for it (it counts as one scored
    /// item per [`SORT_COST_DIVISOR`] matches), else in the next call.
    pub fn step(&mut self, budget: usize) -> bool {
        let budget = budget.max(1);
        if self.phase == Phase::Scanning {
            let end = self
                .cursor
                .saturating_add(budget)
                .min(self.candidates.len());
            let first_new = self.results.len();
            let found = self
                .scorer()
                .score_all(&self.candidates[self.cursor..end], self.threads);
            self.results.extend(found);
            let spent = end - self.cursor;
            self.cursor = end;
            let sort_cost = self.results.len() / SORT_COST_DIVISOR;
            if self.cursor < self.candidates.len() || spent.saturating_add(sort_cost) > budget {
                self.merge_top(first_new);
                if self.cursor == self.candidates.len() {
                    self.phase = Phase::Sorting;
                }
                return false;
            }
            self.phase = Phase::Sorting;
        }
        if self.phase == Phase::Sorting {
            let lens = &self.lens;
            self.results.sort_unstable_by(|a, b| order(lens, a, b));
            self.top = Vec::new();
            self.candidates = Vec::new();
            self.cursor = 0;
            self.phase = Phase::Complete;
        }
        true
    }

    /// Folds `results[first_new..]` into the sorted partial top.
    fn merge_top(&mut self, first_new: usize) {
        if first_new == self.results.len() {
            return;
        }
        let lens = &self.lens;
        let cmp = |a: &Match, b: &Match| order(lens, a, b);
        let mut top = std::mem::take(&mut self.top);
        top.extend_from_slice(&self.results[first_new..]);
        if top.len() > PARTIAL_TOP {
            top.select_nth_unstable_by(PARTIAL_TOP - 1, cmp);
            top.truncate(PARTIAL_TOP);
        }
        top.sort_unstable_by(cmp);
        self.top = top;
    }

    /// Whether the ranking for the current query is complete.
    pub fn is_complete(&self) -> bool {
        self.phase == Phase::Complete
    }

    /// The ranked matches: when complete, all of them, best first; while
    /// scanning, the best [`PARTIAL_TOP`] of the items scored so far, best
    /// first. `positions` are empty here; see [`Picker::positions`].
    pub fn matches(&self) -> &[Match] {
        match self.phase {
            Phase::Complete => &self.results,
            Phase::Scanning | Phase::Sorting => &self.top,
        }
    }

    /// Highlight positions of item `index` for the current query: char
    /// indices into the original haystack, ascending. Empty when the query
    /// is empty or the item does not match. Costs one full matcher run, so
    /// call it for visible rows only.
    pub fn positions(&self, index: usize) -> Vec<usize> {
        self.score_with_positions(index)
            .map(|(_, positions)| positions)
            .unwrap_or_default()
    }

    /// Score and original-char positions of item `index`, if it matches.
    fn score_with_positions(&self, index: usize) -> Option<(i64, Vec<usize>)> {
        if self.pattern.is_empty() {
            return None;
        }
        let (item, folded) = (self.items.get(index)?, self.folded.get(index)?);
        let hay = folded.text(item);
        let (score, indices) = score::fuzzy_indices(&self.matcher, hay, &self.pattern.folded)?;
        Some((score, folded.to_original(indices)))
    }

    /// What scoring a slice reads.
    fn scorer(&self) -> Scorer<'_> {
        Scorer {
            items: &self.items,
            folded: &self.folded,
            masks: &self.masks,
            pattern: &self.pattern,
            matcher: &self.matcher,
        }
    }
}

/// Ranks `items` against `query` by running a [`Picker`] to completion, and
/// fills [`Match::positions`] for every match (so it suits short lists such
/// as the command palette). Pure.
pub fn rank(query: &str, items: &[String]) -> Vec<Match> {
    let mut picker = Picker::new(items.to_vec());
    picker.set_query(query);
    while !picker.step(usize::MAX) {}
    let mut matches = std::mem::take(&mut picker.results);
    for m in &mut matches {
        m.positions = picker.positions(m.index);
    }
    matches
}
