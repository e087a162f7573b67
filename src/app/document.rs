//! What the app derives from the article to move and draw quickly: char offsets, sentences,
//! the wrapped line index for the pane's width, and claim spans ordered by position.

use std::ops::Range;

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
}

impl Document {
    pub fn new(case: &Case, width: usize) -> Document {
        let text = &case.article.text;
        let mut doc = Document {
            chars: CharIndex::new(text),
            sentences: text::sentences(text),
            lines: text::wrap(text, width.max(1)),
            width: width.max(1),
            spans: Vec::new(),
            orphans: Vec::new(),
            max_span: 0,
            hidden: text::scan_hidden(text),
        };
        doc.index_claims(case);
        doc
    }

    /// Re-wraps for a new width; a no-op when the width is unchanged.
    pub fn rewrap(&mut self, text: &str, width: usize) {
        let width = width.max(1);
        if width != self.width {
            self.lines = text::wrap(text, width);
            self.width = width;
        }
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
        self.spans
            .sort_by_key(|s| (s.range.start, usize::MAX - s.range.end, s.claim));
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
