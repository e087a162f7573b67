//! Scoring a slice of candidates: the cheap tests, then `SkimMatcherV2` on the part of
//! each haystack its score depends on, on every core when the slice is large.

use std::num::NonZeroUsize;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::Match;
use super::fold::Folded;
use super::pattern::Pattern;
use super::single::stand_in;

/// Slices shorter than this are scored on the calling thread (starting a thread costs
/// about as much as scoring a few dozen items).
const PARALLEL_MIN: usize = 1_024;

/// At most this many threads score one slice.
const MAX_THREADS: usize = 8;

/// The threads a slice is scored on: the machine's cores, up to [`MAX_THREADS`].
pub(super) fn thread_count() -> usize {
    std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_THREADS)
}

/// What scoring reads: the haystacks, their folded copies and masks, the query.
#[derive(Clone, Copy)]
pub(super) struct Scorer<'a> {
    pub(super) items: &'a [String],
    pub(super) folded: &'a [Folded],
    pub(super) masks: &'a [u64],
    pub(super) pattern: &'a Pattern,
    pub(super) matcher: &'a SkimMatcherV2,
}

impl Scorer<'_> {
    /// The score of item `index`, if it matches (`scratch` is working space).
    fn score(&self, index: usize, scratch: &mut String) -> Option<i64> {
        let mask = *self.masks.get(index)?;
        if mask & self.pattern.mask != self.pattern.mask {
            return None;
        }
        let hay = self.folded.get(index)?.text(self.items.get(index)?);
        let query = self.pattern.folded.as_str();
        if let Some(p) = self.pattern.single_char() {
            // One char: the score depends on no cell an earlier call left (each match
            // is scored from the first row alone), so no reset is needed.
            return stand_in(self.pattern, p, hay, scratch)
                .then(|| self.matcher.fuzzy_match(scratch, query))
                .flatten();
        }
        let window = self.pattern.window(hay)?;
        fuzzy_match(self.matcher, &hay[window], query)
    }

    /// The matches among `candidates`, in candidate order (positions left empty).
    fn score_slice(&self, candidates: &[usize]) -> Vec<Match> {
        let mut scratch = String::new();
        candidates
            .iter()
            .filter_map(|&index| {
                self.score(index, &mut scratch).map(|score| Match {
                    index,
                    score,
                    positions: Vec::new(),
                })
            })
            .collect()
    }

    /// [`Scorer::score_slice`] split over up to `threads` threads (the calling one
    /// included); the result is the same, in the same order.
    pub(super) fn score_all(&self, candidates: &[usize], threads: usize) -> Vec<Match> {
        let threads = threads.clamp(1, candidates.len().div_ceil(PARALLEL_MIN).max(1));
        if threads == 1 {
            return self.score_slice(candidates);
        }
        crate::parallel::in_parts(candidates, threads, "picker", |part| self.score_slice(part))
            .into_iter()
            .flatten()
            .collect()
    }
}

/// `matcher.fuzzy_match`, independent of what the matcher scored before.
///
/// `SkimMatcherV2` (0.3.7) reuses a per-thread score matrix between calls and some calls
/// read cells they did not write (seen with queries that repeat a letter, such as
/// "wwwcom": about 1 % of URLs scored differently depending on the haystack scored just
/// before). A call on a one-char haystack first shrinks that matrix to four cells, which
/// every later call overwrites or extends with fresh cells, so each score is the one a
/// new matcher gives: the same on any thread and in any order.
pub(super) fn fuzzy_match(matcher: &SkimMatcherV2, hay: &str, pattern: &str) -> Option<i64> {
    matcher.fuzzy_match("a", "a");
    matcher.fuzzy_match(hay, pattern)
}

/// `matcher.fuzzy_indices`, independent of what the matcher scored before (see
/// [`fuzzy_match`]).
pub(super) fn fuzzy_indices(
    matcher: &SkimMatcherV2,
    hay: &str,
    pattern: &str,
) -> Option<(i64, Vec<usize>)> {
    matcher.fuzzy_match("a", "a");
    matcher.fuzzy_indices(hay, pattern)
}
