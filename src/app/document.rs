//! What the app derives from the article to move and draw quickly: char offsets, sentences,
//! the wrapped line index for the pane's width, and claim spans ordered by position.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::anchor;
use crate::model::Case;
use crate::text::{self, CharIndex, HiddenReport};

/// A claim's anchor resolved to bytes of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimSpan {
    pub range: Range<usize>,
    /// Index into `Case::claims`.
    pub claim: usize,
}

/// Derived, never saved: rebuilt from the case when it changes.
#[derive(Debug, Clone)]
pub struct Document {
    pub chars: CharIndex,
    pub sentences: Vec<Range<usize>>,
    /// Wrapped lines as byte ranges, for `width`.
    pub lines: Vec<Range<usize>>,
    pub width: usize,
    /// Resolved anchors sorted by start, then by length (longest first).
    pub spans: Vec<ClaimSpan>,
    /// Claims (by index) that have at least one anchor that cannot be resolved.
    pub orphans: Vec<usize>,
    /// The longest span, to bound the backwards search for spans reaching into a line.
    max_span: usize,
    pub hidden: HiddenReport,
    /// Bytes of the text the sentences and lines cover, `base..covered`: all of it once
    /// complete; the first or the last screens while the rest is indexed.
    pub base: usize,
    pub covered: usize,
    /// Whether everything is indexed; a head-only document draws the first screens while
    /// the rest is indexed in the background.
    pub complete: bool,
    /// After a resize of a large article (see [`Document::rewrap_around`]), until the
    /// background re-wrap comes in ([`Document::lines_ready`]): the byte ranges whose lines
    /// are wrapped for the current width; lines elsewhere are still for an earlier one.
    /// `None`: every line is current.
    fresh: Option<Vec<Range<usize>>>,
}

/// The order of [`Document::spans`]: by start, longest first, then by claim.
fn span_order(s: &ClaimSpan) -> (usize, usize, usize) {
    (s.range.start, usize::MAX - s.range.end, s.claim)
}

/// Wraps in paragraph-aligned chunks of about 1 MiB, storing the bytes done in `progress`;
/// the same lines as one `text::wrap` of the whole text.
fn wrap_counting(text: &str, width: usize, progress: &AtomicUsize) -> Vec<Range<usize>> {
    let mut lines = Vec::with_capacity(text.len() / width + 1);
    let mut start = 0;
    loop {
        let mut end = (start + (1 << 20)).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        // A chunk ends at a newline (not included), so the next starts a paragraph.
        let end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        text::wrap_range(text, start..end, width, &mut lines);
        progress.store(end, Ordering::Relaxed);
        if end >= text.len() {
            return lines;
        }
        start = end + 1;
    }
}

pub use crate::text::LAZY_INDEX_BYTES;
/// How far around the view a resize re-wraps at once (the rest in the background).
const WINDOW_BYTES: usize = 64 << 10;
/// How much of a large article the head-only index covers.
const HEAD_BYTES: usize = 64 << 10;

impl Document {
    /// The complete index of a case (sentences and wrapping in parallel for large texts).
    pub fn new(case: &Case, width: usize) -> Document {
        let mut doc = Document::index(&case.article.text, width);
        doc.index_claims(case);
        doc
    }

    /// The complete index of an article's text, with no claims: what the background
    /// indexer computes.
    pub fn index(text: &str, width: usize) -> Document {
        Document::index_with_progress(text, width, &AtomicUsize::new(0), true)
    }

    /// Like [`Document::index`], counting the bytes wrapped so far in `progress`; on one
    /// thread unless `parallel` (in the background one thread leaves a core to the terminal
    /// that is drawing the first frame).
    pub fn index_with_progress(
        text: &str,
        width: usize,
        progress: &AtomicUsize,
        parallel: bool,
    ) -> Document {
        let width = width.max(1);
        let (chars, sentences, hidden, lines) = if text.len() < LAZY_INDEX_BYTES || !parallel {
            let lines = wrap_counting(text, width, progress);
            (
                CharIndex::new(text),
                text::sentences(text),
                text::scan_hidden(text),
                lines,
            )
        } else {
            // Two cores: wrapping on this thread, the rest on another.
            std::thread::scope(|scope| {
                let rest = scope.spawn(|| {
                    (
                        CharIndex::new(text),
                        text::sentences(text),
                        text::scan_hidden(text),
                    )
                });
                let lines = wrap_counting(text, width, progress);
                match rest.join() {
                    Ok((chars, sentences, hidden)) => (chars, sentences, hidden, lines),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            })
        };
        // Vectors grown by doubling can hold twice what they need: a 10 MB article's index
        // gives back megabytes here.
        let (mut sentences, mut lines) = (sentences, lines);
        sentences.shrink_to_fit();
        lines.shrink_to_fit();
        Document {
            chars,
            sentences,
            lines,
            width,
            spans: Vec::new(),
            orphans: Vec::new(),
            max_span: 0,
            hidden,
            base: 0,
            covered: text.len(),
            complete: true,
            fresh: None,
        }
    }

    /// An index of the first screens only (about 64 KiB, ending at a paragraph break where
    /// there is one), for the first frame of a large article with no claims yet.
    pub fn head(text: &str, width: usize) -> Document {
        let width = width.max(1);
        let mut end = text.len().min(HEAD_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if let Some(i) = text[end..].find("\n\n").filter(|i| *i < HEAD_BYTES) {
            end += i;
        }
        let head = &text[..end];
        let mut lines = Vec::new();
        text::wrap_range(text, 0..end, width, &mut lines);
        Document {
            chars: CharIndex::new(""),
            sentences: text::sentences(head),
            lines,
            width,
            spans: Vec::new(),
            orphans: Vec::new(),
            max_span: 0,
            hidden: text::scan_hidden(head),
            base: 0,
            covered: end,
            complete: end == text.len(),
            fresh: None,
        }
    }

    /// An index of the last screens only: `G` before the background index is done.
    pub fn tail(text: &str, width: usize) -> Document {
        let width = width.max(1);
        let mut start = text.len().saturating_sub(HEAD_BYTES);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        if start > 0
            && let Some(i) = text[start..].find("\n\n")
        {
            start += i + 2;
        }
        let tail = &text[start..];
        let mut lines = Vec::new();
        text::wrap_range(text, start..text.len(), width, &mut lines);
        let sentences = text::sentences(tail)
            .into_iter()
            .map(|r| r.start + start..r.end + start)
            .collect();
        Document {
            chars: CharIndex::new(""),
            sentences,
            lines,
            width,
            spans: Vec::new(),
            orphans: Vec::new(),
            max_span: 0,
            hidden: text::scan_hidden(tail),
            base: start,
            covered: text.len(),
            complete: start == 0,
            fresh: None,
        }
    }

    /// Re-wraps for a new width; a no-op when the width is unchanged.
    pub fn rewrap(&mut self, text: &str, width: usize) {
        let width = width.max(1);
        if width != self.width {
            self.lines.clear();
            text::wrap_range(text, self.base..self.covered, width, &mut self.lines);
            if self.lines.is_empty() {
                self.lines.push(0..0);
            }
            self.width = width;
        }
    }

    /// Re-wraps for a new width without making the keystroke wait for a large article:
    /// the paragraphs within about 64 KiB of `around` (the view) now, the rest by the
    /// background re-wrap ([`Document::wrap_all`], then [`Document::lines_ready`]).
    /// Lines outside the window keep the earlier width meanwhile; they are not on screen,
    /// and [`Document::freshen`] re-wraps the ones the view moves to.
    pub fn rewrap_around(&mut self, text: &str, width: usize, around: usize) {
        let width = width.max(1);
        if width == self.width {
            return;
        }
        if !self.complete || text.len() <= LAZY_INDEX_BYTES {
            self.rewrap(text, width);
            self.fresh = None;
            return;
        }
        self.width = width;
        self.fresh = Some(Vec::new());
        self.freshen(text, around);
    }

    /// Whether some lines are still wrapped for an earlier width (see
    /// [`Document::rewrap_around`]).
    pub fn stale_lines(&self) -> bool {
        self.fresh.is_some()
    }

    /// While some lines are stale: makes the lines within about 64 KiB of `around` current,
    /// unless the 32 KiB from `around` on (more than any screen shows) already are. True
    /// when lines changed (line numbers after the window moved).
    pub fn freshen(&mut self, text: &str, around: usize) -> bool {
        let Some(fresh) = &self.fresh else {
            return false;
        };
        let around = around.min(text.len());
        let shown = around..(around + WINDOW_BYTES / 2).min(text.len());
        if fresh
            .iter()
            .any(|r| r.start <= shown.start && shown.end <= r.end)
        {
            return false;
        }
        let floor = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let lo = floor(around.saturating_sub(WINDOW_BYTES));
        let start = text[..lo].rfind('\n').map_or(0, |i| i + 1);
        let hi = floor((around + WINDOW_BYTES).min(text.len()));
        let end = text[hi..].find('\n').map_or(text.len(), |i| hi + i);
        let mut window = Vec::new();
        text::wrap_range(text, start..end, self.width, &mut window);
        let first = self.lines.partition_point(|l| l.start < start);
        let last = self.lines.partition_point(|l| l.start <= end);
        self.lines.splice(first..last, window);
        if start == 0 && end == text.len() {
            self.fresh = None;
        } else if let Some(fresh) = &mut self.fresh {
            fresh.push(start..end);
        }
        true
    }

    /// Every line of `text` at `width`: the background half of [`Document::rewrap_around`].
    pub fn wrap_all(text: &str, width: usize) -> Vec<Range<usize>> {
        let mut lines = wrap_counting(text, width.max(1), &AtomicUsize::new(0));
        lines.shrink_to_fit();
        lines
    }

    /// Takes the background re-wrap for `width`; false (and nothing changes) when the
    /// width has changed again since, or the lines are current.
    pub fn lines_ready(&mut self, width: usize, lines: Vec<Range<usize>>) -> bool {
        if self.fresh.is_none() || width != self.width || !self.complete {
            return false;
        }
        self.lines = lines;
        self.fresh = None;
        true
    }

    /// Rebuilds the claim spans after any change to the claims.
    pub fn index_claims(&mut self, case: &Case) {
        let text = &case.article.text;
        self.spans.clear();
        self.orphans.clear();
        for (i, claim) in case.claims.iter().enumerate() {
            let mut orphan = false;
            for a in &claim.anchors {
                match anchor::resolve(text, &self.chars, a) {
                    Some(range) => self.spans.push(ClaimSpan { range, claim: i }),
                    None => orphan = true,
                }
            }
            if orphan {
                self.orphans.push(i);
            }
        }
        self.spans.sort_by_key(span_order);
        self.max_span = self.spans.iter().map(|s| s.range.len()).max().unwrap_or(0);
    }

    /// Re-resolves the anchors of the claims at `touched` only, when the claim list kept
    /// its shape (same claims at the same places): a rating or an edited span costs the
    /// spans it changes, not 10,000 anchors.
    pub fn reindex_claims(&mut self, case: &Case, touched: &[usize]) {
        if touched.is_empty() {
            return;
        }
        let text = &case.article.text;
        self.spans.retain(|s| !touched.contains(&s.claim));
        self.orphans.retain(|i| !touched.contains(i));
        for &i in touched {
            let Some(claim) = case.claims.get(i) else {
                continue;
            };
            let mut orphan = false;
            for a in &claim.anchors {
                match anchor::resolve(text, &self.chars, a) {
                    Some(range) => {
                        let span = ClaimSpan { range, claim: i };
                        let at = self
                            .spans
                            .partition_point(|s| span_order(s) < span_order(&span));
                        self.spans.insert(at, span);
                    }
                    None => orphan = true,
                }
            }
            if orphan {
                let at = self.orphans.partition_point(|o| *o < i);
                self.orphans.insert(at, i);
            }
        }
        self.max_span = self.spans.iter().map(|s| s.range.len()).max().unwrap_or(0);
    }

    /// Spans overlapping `range`, in start order. Cost is proportional to the spans near it.
    pub fn spans_in(&self, range: Range<usize>) -> impl Iterator<Item = &ClaimSpan> {
        let hi = self
            .spans
            .partition_point(|s| s.range.start < range.end.max(range.start + 1));
        let lo_start = range.start.saturating_sub(self.max_span);
        let lo = self.spans.partition_point(|s| s.range.start < lo_start);
        self.spans[lo..hi].iter().filter(move |s| {
            s.range.end > range.start || (s.range.is_empty() && s.range.start == range.start)
        })
    }

    /// The innermost (shortest) claim whose span contains `byte`.
    pub fn innermost_at(&self, byte: usize) -> Option<usize> {
        self.spans_in(byte..byte + 1)
            .filter(|s| s.range.start <= byte && byte < s.range.end)
            .min_by_key(|s| s.range.len())
            .map(|s| s.claim)
    }

    /// The innermost claim overlapping a range (e.g. the cursor's sentence).
    pub fn innermost_in(&self, range: Range<usize>) -> Option<usize> {
        self.spans_in(range)
            .min_by_key(|s| s.range.len())
            .map(|s| s.claim)
    }

    /// Index of the sentence containing `byte`, or the next one after it, or the last.
    pub fn sentence_at(&self, byte: usize) -> usize {
        let i = self.sentences.partition_point(|s| s.end <= byte);
        i.min(self.sentences.len().saturating_sub(1))
    }

    pub fn line_of(&self, byte: usize) -> usize {
        text::line_of(&self.lines, byte)
    }

    /// First and last wrapped line of a byte range.
    pub fn lines_of(&self, range: &Range<usize>) -> (usize, usize) {
        let first = self.line_of(range.start);
        let last = self.line_of(range.end.saturating_sub(1).max(range.start));
        (first, last)
    }

    /// The first span (of any claim) for a claim index: where the claim sits in the text.
    pub fn first_span_of(&self, claim: usize) -> Option<&ClaimSpan> {
        self.spans.iter().find(|s| s.claim == claim)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wrapping in counted chunks gives exactly the lines of one wrap of the whole text.
    #[test]
    fn chunked_wrap_matches_whole_wrap() {
        let mut text: String = (0..30_000)
            .map(|i| format!("Paragraph {i} has some words in it, Zürich “quoted”.\n"))
            .collect();
        text.push_str("no final newline here");
        for t in [text.as_str(), &text[..text.len() - 21], ""] {
            let progress = AtomicUsize::new(0);
            let (chunked, whole) = (wrap_counting(t, 37, &progress), text::wrap(t, 37));
            let first_difference = chunked.iter().zip(&whole).position(|(a, b)| a != b);
            assert_eq!(first_difference, None, "{} bytes", t.len());
            assert_eq!(chunked.len(), whole.len(), "{} bytes", t.len());
            assert_eq!(progress.load(Ordering::Relaxed), t.len());
        }
    }

    /// A resize of a large article re-wraps the paragraphs around the view at the new
    /// width and leaves the others at the old one (whole paragraphs, no line split in
    /// two); the background re-wrap then makes every line the new width's, and one for a
    /// width since changed again is refused.
    #[test]
    fn resize_rewraps_the_view_first() {
        let text: String = (0..20_000)
            .map(|i| format!("Paragraph {i} has some words in it, Zürich “quoted”.\n\n"))
            .collect();
        assert!(text.len() > LAZY_INDEX_BYTES);
        let mut doc = Document::index(&text, 60);
        let (old, new) = (text::wrap(&text, 60), text::wrap(&text, 37));
        let around = text.len() / 2;
        doc.rewrap_around(&text, 37, around);
        assert!(doc.stale_lines());
        assert_eq!(doc.width, 37);
        // Every line is a line of the old wrap or of the new one, in text order, covering
        // the text; the new ones are those around the view.
        let old_set: std::collections::HashSet<&Range<usize>> = old.iter().collect();
        let fresh: Vec<&Range<usize>> = doc.lines.iter().filter(|l| !old_set.contains(l)).collect();
        let (lo, hi) = (fresh[0].start, fresh[fresh.len() - 1].end);
        assert!(
            lo < around && hi > around && hi - lo < 3 * WINDOW_BYTES,
            "{lo}..{hi}"
        );
        let part = |lines: &[Range<usize>], keep: &dyn Fn(&Range<usize>) -> bool| {
            lines
                .iter()
                .filter(|l| keep(l))
                .cloned()
                .collect::<Vec<_>>()
        };
        let inside = |l: &Range<usize>| l.start >= lo && l.end <= hi;
        let outside = |l: &Range<usize>| l.end < lo || l.start > hi;
        assert_eq!(part(&doc.lines, &inside), part(&new, &inside));
        assert_eq!(part(&doc.lines, &outside), part(&old, &outside));
        assert!(doc.lines.windows(2).all(|w| w[0].start <= w[1].start));
        assert!(
            !doc.lines_ready(60, Document::wrap_all(&text, 60)),
            "an old width"
        );
        assert!(doc.lines_ready(37, Document::wrap_all(&text, 37)));
        assert_eq!((doc.lines == new, doc.stale_lines()), (true, false));
        // A small article is re-wrapped whole at once.
        let small = &text[..10_000];
        let mut doc = Document::index(small, 60);
        doc.rewrap_around(small, 37, 5_000);
        assert_eq!(
            (doc.lines == text::wrap(small, 37), doc.stale_lines()),
            (true, false)
        );
    }

    /// While lines are stale, the view moved far away (`G`, a search) gets the lines of
    /// the new width there too; a view already on current lines changes nothing.
    #[test]
    fn a_view_moved_into_stale_lines_is_rewrapped() {
        let text: String = (0..20_000)
            .map(|i| format!("Paragraph {i} has some words in it, Zürich “quoted”.\n\n"))
            .collect();
        let mut doc = Document::index(&text, 60);
        let (old, new) = (text::wrap(&text, 60), text::wrap(&text, 37));
        doc.rewrap_around(&text, 37, 0);
        assert!(!doc.freshen(&text, 100), "already current");
        let end = text.len() - 10;
        assert!(doc.freshen(&text, end));
        assert!(!doc.freshen(&text, end));
        let near = |l: &&Range<usize>| l.start < 1_000 || l.start > text.len() - 1_000;
        let middle = |l: &&Range<usize>| l.start.abs_diff(text.len() / 2) < 1_000;
        let lines = |all: &[Range<usize>], keep: &dyn Fn(&&Range<usize>) -> bool| {
            all.iter().filter(keep).cloned().collect::<Vec<_>>()
        };
        assert_eq!(lines(&doc.lines, &near), lines(&new, &near));
        assert_eq!(lines(&doc.lines, &middle), lines(&old, &middle));
        assert!(doc.lines.windows(2).all(|w| w[0].end <= w[1].start));
        assert!(doc.stale_lines());
        assert!(doc.lines_ready(37, Document::wrap_all(&text, 37)));
        assert!(!doc.freshen(&text, text.len() / 2), "all current");
    }
}
