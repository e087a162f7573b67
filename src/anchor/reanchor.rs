//! Re-anchoring: carrying a case's anchors from one version of the article to the next.
//!
//! Each span tries, in order:
//! 1. **exact**: the diff keeps it whole at the same offsets;
//! 2. **moved**: it occurs exactly elsewhere — where the diff carried it, or else the best
//!    exact occurrence by prefix, suffix and position (Hypothesis's ranking);
//! 3. **changed**: it occurs only approximately, close enough ([`quote::max_edits`]).
//!    The new span is a proposal: the anchor is marked "needs review";
//! 4. **orphaned**: it keeps its old position and quote, marked orphaned.
//!
//! Searching "elsewhere" searches the text the diff added (and the span's own
//! surroundings): everything else was in the old text already, so it is another instance.
//!
//! Two rules keep a claim from silently landing on the wrong words. An occurrence that was
//! already in the old text at another place, and survived unchanged, is never where a span
//! went (it is another instance). And when the words at the span itself were edited, the
//! result is at best "changed", never "moved": an edit at a claim always asks the checker.

use std::cell::{Cell, OnceCell};

use super::diffmap::{DiffMap, Mapped};
use super::myers::{self, Match};
use super::quote::{self, Context, Scored};
use crate::model::{Anchor, Review, ReviewStatus, Span};
use crate::text::CharIndex;

/// Which step found a span on the new text; ordered from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    Exact,
    Moved,
    Changed,
    Orphaned,
}

impl Step {
    pub fn name(self) -> &'static str {
        match self {
            Step::Exact => "exact",
            Step::Moved => "moved",
            Step::Changed => "changed",
            Step::Orphaned => "orphaned",
        }
    }

    /// Whether the checker must look at it.
    pub fn needs_checker(self) -> bool {
        self >= Step::Changed
    }
}

/// At most this many exact occurrences of one quote are ranked (a very common word).
const MAX_CANDIDATES: usize = 2_000;
/// A quote at least this long, found exactly once in new text, is taken to have moved
/// even when its old place was rewritten.
const DISTINCTIVE_CHARS: usize = 32;
/// Characters searched approximately either side of where the diff puts a span.
const WINDOW_PAD: usize = 64;
/// The whole text is searched approximately only up to this many block steps
/// (chars × 64-char pieces of the quote): about a quarter of a second.
const FULL_SEARCH_STEPS: usize = 200_000_000;
/// All whole-text searches of one re-anchoring together stop at this many block steps
/// (about two seconds): past it, what the diff and the exact search did not find is an
/// orphan, so a revision that deleted most of a long article still re-anchors quickly.
const TOTAL_SEARCH_STEPS: usize = 2_000_000_000;

/// One span's way onto the new text.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub step: Step,
    /// The anchor on the new text (for an orphan, the old one marked orphaned).
    pub anchor: Anchor,
    /// The span as it was.
    pub old: Span,
}

/// The old and the new text with the diff between them, ready to carry anchors over.
pub struct Reanchorer<'a> {
    old: &'a str,
    old_index: CharIndex,
    new: &'a str,
    new_index: CharIndex,
    map: DiffMap,
    new_chars: OnceCell<Vec<char>>,
    /// Char ranges of the new text the diff added (see [`DiffMap::added`]).
    added: OnceCell<Vec<std::ops::Range<usize>>>,
    /// Block steps left for whole-text searches (see [`TOTAL_SEARCH_STEPS`]).
    search_budget: Cell<usize>,
}

impl<'a> Reanchorer<'a> {
    pub fn new(old: &'a str, new: &'a str) -> Self {
        Reanchorer {
            old,
            old_index: CharIndex::new(old),
            new,
            new_index: CharIndex::new(new),
            map: DiffMap::new(old, new),
            new_chars: OnceCell::new(),
            added: OnceCell::new(),
            search_budget: Cell::new(TOTAL_SEARCH_STEPS),
        }
    }

    fn chars(&self) -> &[char] {
        self.new_chars.get_or_init(|| self.new.chars().collect())
    }

    /// Carries one anchor onto the new text.
    pub fn anchor(&self, anchor: &Anchor) -> Outcome {
        let old = Span {
            start: anchor.start,
            end: anchor.end,
            exact: anchor.exact.clone(),
        };
        let (step, found) = self.find(anchor);
        let earlier = anchor.review.as_ref().map(|r| r.old.clone());
        let review = |status| {
            Some(Review {
                status,
                old: earlier.clone().unwrap_or_else(|| old.clone()),
                extra: Default::default(),
            })
        };
        let new_anchor = match found {
            Some((start, end)) => {
                let mut a = self.create(start, end);
                a.extra = anchor.extra.clone();
                // A span still waiting for the checker keeps waiting, wherever it is now.
                a.review = match step {
                    Step::Changed => review(ReviewStatus::NeedsReview),
                    _ if earlier.is_some() => review(ReviewStatus::NeedsReview),
                    _ => None,
                };
                a
            }
            None => Anchor {
                review: review(ReviewStatus::Orphaned),
                ..anchor.clone()
            },
        };
        Outcome {
            step,
            anchor: new_anchor,
            old,
        }
    }

    /// The anchor for chars `start..end` of the new text, with fresh context.
    fn create(&self, start: usize, end: usize) -> Anchor {
        let byte = |c| self.new_index.byte_of_char(self.new, c).unwrap_or(0);
        let (from, to) = (byte(start), byte(end));
        super::create(self.new, &self.new_index, from..to.max(from))
    }

    /// The step and the new span (chars), `None` for an orphan.
    fn find(&self, anchor: &Anchor) -> (Step, Option<(usize, usize)>) {
        let resolves = super::resolve(self.old, &self.old_index, anchor).is_some();
        let mapped = resolves.then(|| self.map.map(anchor.start, anchor.end));
        if let Some(Mapped::Kept { start, end }) = mapped {
            let step = if (start, end) == (anchor.start, anchor.end) {
                Step::Exact
            } else {
                Step::Moved
            };
            return (step, Some((start, end)));
        }
        if anchor.exact.is_empty() {
            return (Step::Orphaned, None);
        }
        // The old span, for telling other instances apart; none for an old orphan.
        let own = match resolves {
            true => (anchor.start, anchor.end),
            false => (usize::MAX, usize::MAX),
        };
        let edited_here = matches!(mapped, Some(Mapped::Touched { replaced: true, .. }));
        let quote: Vec<char> = anchor.exact.chars().collect();
        let prefix: Vec<char> = anchor.prefix.chars().collect();
        let suffix: Vec<char> = anchor.suffix.chars().collect();
        let context = Context {
            prefix: &prefix,
            suffix: &suffix,
            hint: Some(mapped.map_or(anchor.start, Mapped::start)),
        };
        let step_at = |start: usize| match start == anchor.start {
            true => Step::Exact,
            false => Step::Moved,
        };
        // The quote intact near where the diff put it: the edit was around it, not in it.
        // After an edit in place, only the span's own place counts, not text around it.
        if let Some(m) = mapped {
            let window = self.window(quote.len(), m, edited_here);
            if let Some((found, _)) = self.best_exact(&anchor.exact, window, &context, own) {
                return (step_at(found.start), Some((found.start, found.end)));
            }
        }
        let near = |m: Mapped| self.approximate_near(&quote, m, edited_here, &context, own);
        if edited_here && let Some(found) = mapped.and_then(near) {
            return (Step::Changed, Some((found.start, found.end)));
        }
        let everywhere = 0..self.new_index.char_len();
        if let Some((found, count)) = self.best_exact(&anchor.exact, everywhere, &context, own) {
            // Nothing like the claim is left at its place, and its words are in new text
            // elsewhere: a move, when the words are distinctive (long, and there once);
            // a short or repeated quote asks the checker.
            let distinctive = quote.len() >= DISTINCTIVE_CHARS && count == 1;
            let step = match edited_here && !distinctive {
                true => Step::Changed,
                false => step_at(found.start),
            };
            return (step, Some((found.start, found.end)));
        }
        if !edited_here && let Some(found) = mapped.and_then(near) {
            return (Step::Changed, Some((found.start, found.end)));
        }
        match self.approximate_anywhere(&quote, &context, own) {
            Some(found) => (Step::Changed, Some((found.start, found.end))),
            None => (Step::Orphaned, None),
        }
    }

    /// The chars around where the diff put a span of `len` chars: its own place give or
    /// take its length (`tight`), or that and [`WINDOW_PAD`] more either side.
    fn window(&self, len: usize, mapped: Mapped, tight: bool) -> std::ops::Range<usize> {
        let pad = if tight { len } else { len + WINDOW_PAD };
        let from = mapped.start().saturating_sub(pad);
        let to = (mapped.end() + pad).min(self.new_index.char_len());
        from.min(to)..to
    }

    /// The best exact occurrence of `exact` within the chars `within` that is not another
    /// old instance, and how many there are.
    fn best_exact(
        &self,
        exact: &str,
        within: std::ops::Range<usize>,
        context: &Context,
        own: (usize, usize),
    ) -> Option<(Scored, usize)> {
        let len = exact.chars().count();
        let byte = |c| {
            self.new_index
                .byte_of_char(self.new, c)
                .unwrap_or(self.new.len())
        };
        let mut candidates = Vec::new();
        for within in self.windows_of(within, len) {
            let (mut from, to) = (byte(within.start), byte(within.end));
            while candidates.len() < MAX_CANDIDATES
                && let Some(at) = self.new.get(from..to).and_then(|rest| rest.find(exact))
            {
                let byte = from + at;
                if let Some(start) = self.new_index.char_of_byte(self.new, byte)
                    && !self.is_other_instance(start, start + len, own)
                {
                    candidates.push(Match {
                        start,
                        end: start + len,
                        errors: 0,
                    });
                }
                // On to the next char boundary after this occurrence's start.
                from = byte + self.new[byte..].chars().next().map_or(1, char::len_utf8);
            }
        }
        if candidates.is_empty() {
            return None;
        }
        let count = candidates.len();
        quote::best(self.chars(), len, candidates, context).map(|best| (best, count))
    }

    /// The parts of `within` where a span of `len` chars could be new text: a whole-text
    /// range becomes the new text's added runs, widened by `len` either side (anything
    /// else there is kept old text: another instance); a narrower range stays as it is.
    fn windows_of(
        &self,
        within: std::ops::Range<usize>,
        len: usize,
    ) -> Vec<std::ops::Range<usize>> {
        let total = self.new_index.char_len();
        if within != (0..total) {
            return vec![within];
        }
        let added = self.added.get_or_init(|| self.map.added());
        let mut out: Vec<std::ops::Range<usize>> = Vec::new();
        for r in added {
            let w = r.start.saturating_sub(len)..(r.end + len).min(total);
            match out.last_mut() {
                Some(last) if last.end >= w.start => last.end = last.end.max(w.end),
                _ => out.push(w),
            }
        }
        out
    }

    fn is_other_instance(&self, start: usize, end: usize, own: (usize, usize)) -> bool {
        self.map.is_other_old_instance(start, end, own.0, own.1)
    }

    /// The best acceptable approximate occurrence around where the diff put the span.
    fn approximate_near(
        &self,
        quote: &[char],
        mapped: Mapped,
        tight: bool,
        context: &Context,
        own: (usize, usize),
    ) -> Option<Scored> {
        let window = self.window(quote.len(), mapped, tight);
        self.approximate_in(quote, window, context, own)
    }

    /// The best acceptable approximate occurrence anywhere (within the time budget).
    fn approximate_anywhere(
        &self,
        quote: &[char],
        context: &Context,
        own: (usize, usize),
    ) -> Option<Scored> {
        let blocks = quote.len().div_ceil(64);
        let windows = self.windows_of(0..self.new_index.char_len(), quote.len());
        let chars: usize = windows.iter().map(|w| w.len()).sum();
        let steps = chars.saturating_mul(blocks);
        let left = self.search_budget.get();
        if steps > FULL_SEARCH_STEPS || steps > left {
            return None;
        }
        self.search_budget.set(left - steps);
        let found = windows
            .into_iter()
            .filter_map(|w| self.approximate_in(quote, w, context, own))
            .map(|s| Match {
                start: s.start,
                end: s.end,
                errors: s.errors,
            });
        quote::best(self.chars(), quote.len(), found, context)
    }

    fn approximate_in(
        &self,
        quote: &[char],
        window: std::ops::Range<usize>,
        context: &Context,
        own: (usize, usize),
    ) -> Option<Scored> {
        let text = self.chars();
        let offset = window.start;
        // Only candidates close enough are looked for: none is the common, cheap answer.
        let found = myers::search(&text[window], quote, quote::max_edits(quote.len()));
        let hint = context.hint.unwrap_or(0);
        let mut acceptable: Vec<Match> = found
            .into_iter()
            .map(|m| Match {
                start: m.start + offset,
                end: m.end + offset,
                errors: m.errors,
            })
            .filter(|m| quote::close_enough(quote.len(), m.errors))
            .filter(|m| !self.is_other_instance(m.start, m.end, own))
            .collect();
        // A repetitive text can give thousands of equal candidates: rank the nearest.
        acceptable.sort_by_key(|m| m.start.abs_diff(hint));
        acceptable.truncate(MAX_CANDIDATES);
        quote::best(text, quote.len(), acceptable, context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor_on(text: &str, needle: &str, nth: usize) -> Anchor {
        let (at, _) = text.match_indices(needle).nth(nth).unwrap();
        super::super::create(text, &CharIndex::new(text), at..at + needle.len())
    }

    fn carry(old: &str, new: &str, needle: &str, nth: usize) -> Outcome {
        Reanchorer::new(old, new).anchor(&anchor_on(old, needle, nth))
    }

    /// The report: one character fixed before the claims moves them, exactly.
    #[test]
    fn a_fix_before_the_claim_moves_it() {
        let old = "Putinbefore the summit. Gas prices rose by 40 percent in 2022.";
        let new = old.replace("Putinbefore", "Putin before");
        let out = carry(old, &new, "Gas prices rose by 40 percent", 0);
        assert_eq!(out.step, Step::Moved);
        assert_eq!(out.anchor.start, out.old.start + 1);
        assert_eq!(out.anchor.exact, "Gas prices rose by 40 percent");
        assert!(out.anchor.review.is_none());
    }

    /// Text unchanged at and before the claim keeps it exact.
    #[test]
    fn unchanged_is_exact() {
        let old = "First sentence. Second one here. Third.";
        let new = "First sentence. Second one here. Third, now longer.";
        let out = carry(old, new, "Second one here.", 0);
        assert_eq!(out.step, Step::Exact);
        let before = anchor_on(old, "Second one here.", 0);
        assert_eq!(
            (out.anchor.start, out.anchor.end),
            (before.start, before.end)
        );
        assert_eq!(
            out.anchor.suffix, " Third, now longer.",
            "context is refreshed"
        );
    }

    /// An edit at the claim proposes the new wording for review, never accepting it.
    #[test]
    fn an_edit_at_the_claim_needs_review() {
        let old = "Intro. Unemployment fell to 4.1 percent last year. Outro.";
        let new = "Intro. Unemployment fell to 4.3 percent last year. Outro.";
        let out = carry(old, new, "Unemployment fell to 4.1 percent last year", 0);
        assert_eq!(out.step, Step::Changed);
        assert_eq!(
            out.anchor.exact,
            "Unemployment fell to 4.3 percent last year"
        );
        let review = out.anchor.review.unwrap();
        assert_eq!(review.status, ReviewStatus::NeedsReview);
        assert_eq!(
            review.old.exact,
            "Unemployment fell to 4.1 percent last year"
        );
    }

    /// hypothesis/h #2798: the claimed word edited in place does not jump to another
    /// instance of the same words elsewhere.
    #[test]
    fn no_jump_to_another_instance() {
        let old = "Putin met Xi. The talks failed, said Putin. Putin left early.";
        let new = "Putin met Xi. The talks failed, said Lavrov. Putin left early.";
        let out = carry(old, new, "Putin", 1);
        assert_ne!(out.step, Step::Moved);
        assert_ne!(out.step, Step::Exact);
        assert_ne!(out.anchor.start, 0);
        assert_ne!(out.anchor.start, new.find("Putin left").unwrap());
    }

    /// An edit at the claim asks for review even when new text elsewhere quotes the old
    /// words exactly: the claim does not silently move there.
    #[test]
    fn an_edit_here_beats_an_exact_copy_elsewhere() {
        let old = "Intro. Oil fell 3 % in June. Outro.";
        let new = "Intro. Oil fell 5 % in June. Outro. Correction: earlier Oil fell 3 % in June.";
        let out = carry(old, new, "Oil fell 3 % in June", 0);
        assert_eq!(out.step, Step::Changed);
        assert_eq!(out.anchor.start, out.old.start);
    }

    /// A paragraph moved elsewhere is found there, exactly.
    #[test]
    fn a_moved_paragraph_is_moved() {
        let old = "Alpha one.\n\nBeta claim about oil.\n\nGamma three.\n";
        let new = "Alpha one.\n\nGamma three.\n\nBeta claim about oil.\n";
        let out = carry(old, new, "Beta claim about oil.", 0);
        assert_eq!(out.step, Step::Moved);
        assert_eq!(out.anchor.exact, "Beta claim about oil.");
    }

    /// A deleted claim is orphaned with its old quote and position.
    #[test]
    fn a_deleted_claim_is_orphaned() {
        let old = "Keep this. The minister resigned on Tuesday morning. Keep that.";
        let new = "Keep this. Keep that.";
        let out = carry(old, new, "The minister resigned on Tuesday morning.", 0);
        assert_eq!(out.step, Step::Orphaned);
        assert_eq!(out.anchor.exact, out.old.exact);
        assert_eq!(out.anchor.start, out.old.start);
        assert_eq!(
            out.anchor.review.map(|r| r.status),
            Some(ReviewStatus::Orphaned)
        );
    }

    /// Offsets count scalar values through the whole way, on non-ASCII text.
    #[test]
    fn non_ascii_offsets() {
        let old = "Zürich 🇺🇦 — die Preise stiegen um 5 %. Ende.";
        let new = "Neu: Zürich 🇺🇦 — die Preise stiegen um 5 %. Ende.";
        let out = carry(old, new, "die Preise stiegen", 0);
        assert_eq!(out.step, Step::Moved);
        let chars: Vec<char> = new.chars().collect();
        let got: String = chars[out.anchor.start..out.anchor.end].iter().collect();
        assert_eq!(got, "die Preise stiegen");
    }
}
