//! Moving around: the article cursor and scroll, the word selection, the claim list.

use super::state::{AppState, Pane, Selection};
use crate::text;

/// Lines kept between the cursor and the pane's edge when scrolling, if the pane is tall enough.
const SCROLL_OFF: usize = 2;

impl AppState {
    fn max_top(&self) -> usize {
        self.doc
            .lines
            .len()
            .saturating_sub(self.viewport.article_height.max(1))
    }

    /// Scrolls so the cursor's sentence (or the selection's end) is in view, and makes the
    /// innermost claim under the cursor the current one.
    pub(super) fn follow_cursor(&mut self) {
        let range = match self.selection {
            Some(sel) => sel.end.saturating_sub(1).max(sel.start)..sel.end,
            None => self.cursor_range(),
        };
        self.scroll_to(range.clone());
        if self.selection.is_none() {
            if let Some(i) = self.doc.innermost_in(range) {
                self.select_claim(i);
            }
        }
    }

    /// Scrolls the article so `range` is visible, keeping a margin where possible.
    pub(super) fn scroll_to(&mut self, range: std::ops::Range<usize>) {
        let height = self.viewport.article_height.max(1);
        let (first, last) = self.doc.lines_of(&range);
        let margin = if height > 4 * SCROLL_OFF {
            SCROLL_OFF
        } else {
            0
        };
        if first < self.top + margin {
            self.top = first.saturating_sub(margin);
        } else if last + margin >= self.top + height {
            // Bring the end into view, but never push the start out of it.
            self.top = (last + margin + 1).saturating_sub(height).min(first);
        }
        self.top = self.top.min(self.max_top());
    }

    pub(super) fn move_cursor(&mut self, delta: isize) {
        let count = self.doc.sentences.len();
        if count == 0 {
            return;
        }
        if self.selection.is_none() && self.read_through(delta) {
            return;
        }
        self.cursor = self.cursor.saturating_add_signed(delta).min(count - 1);
        self.point = None;
        self.follow_cursor();
    }

    /// `j`/`k` on a sentence taller than the pane first scroll through it, a page less
    /// two lines at a time (as a pager does), so every line of it can be read; true when
    /// it scrolled.
    fn read_through(&mut self, delta: isize) -> bool {
        let height = self.viewport.article_height.max(1);
        let (first, last) = self.doc.lines_of(&self.cursor_range());
        let step = height.saturating_sub(2).max(1);
        if delta > 0 && last >= self.top + height {
            self.top = (self.top + step).min(last + 1 - height).min(self.max_top());
            return true;
        }
        if delta < 0 && first < self.top && last >= self.top {
            self.top = self.top.saturating_sub(step).max(first);
            return true;
        }
        false
    }

    /// The cursor on the last sentence, the last screen in view (as `G` in the article).
    pub fn go_to_end(&mut self) {
        self.partial_jump(true);
        self.cursor_to(usize::MAX);
    }

    /// Takes the reader's place from a preview of this article (the runner shows one while
    /// a large article is read): the cursor on the sentence at `cursor_byte`, the line at
    /// `top_byte` at the top, from the last screens when `at_end`. Bytes this document
    /// does not cover leave the cursor at the start (or the end).
    pub fn continue_from(&mut self, at_end: bool, cursor_byte: usize, top_byte: usize) {
        if at_end {
            self.go_to_end();
        }
        let covered = self.doc.base..self.doc.covered.max(self.doc.base + 1);
        if !covered.contains(&cursor_byte) {
            return;
        }
        self.placed = true;
        self.cursor = self.doc.sentence_at(cursor_byte);
        if covered.contains(&top_byte) {
            self.top = self.doc.line_of(top_byte).min(self.max_top());
        }
        self.follow_cursor();
    }

    /// `g` and `G` before the background index is done: index just the first or the last
    /// screens so the jump is instant.
    pub(super) fn partial_jump(&mut self, to_end: bool) {
        if self.doc.complete {
            return;
        }
        let text = &self.case.article.text;
        let width = self.viewport.article_width;
        if to_end && self.doc.covered < text.len() {
            self.doc = super::document::Document::tail(text, width);
        } else if !to_end && self.doc.base > 0 {
            self.doc = super::document::Document::head(text, width);
        }
        self.top = if to_end { self.max_top() } else { 0 };
    }

    pub(super) fn cursor_to(&mut self, sentence: usize) {
        self.cursor = sentence.min(self.doc.sentences.len().saturating_sub(1));
        self.follow_cursor();
    }

    /// Page down or up: scroll by exactly one screen, then put the cursor on the first
    /// sentence that starts in view (the view stays where the page put it).
    pub(super) fn page_article(&mut self, down: bool) {
        let step = self.viewport.article_height.max(1);
        let old_top = self.top;
        self.top = if down {
            (self.top + step).min(self.max_top())
        } else {
            self.top.saturating_sub(step)
        };
        if self.top == old_top {
            let last = self.doc.sentences.len().saturating_sub(1);
            self.cursor_to(if down { last } else { 0 });
            return;
        }
        let byte = self.doc.lines.get(self.top).map_or(0, |l| l.start);
        let bottom = self
            .doc
            .lines
            .get(self.top + step - 1)
            .map_or(usize::MAX, |l| l.end);
        let at = self.doc.sentence_at(byte);
        let starts_in_view = |i: usize| {
            self.doc
                .sentences
                .get(i)
                .is_some_and(|s| s.start >= byte && s.start < bottom)
        };
        self.cursor = if self.doc.sentences.get(at).is_some_and(|s| s.start >= byte)
            || !starts_in_view(at + 1)
        {
            at
        } else {
            at + 1
        };
        self.point = None;
        if let Some(i) = self.doc.innermost_in(self.cursor_range()) {
            self.select_claim(i);
        }
    }

    /// Mouse wheel: scroll the article without moving the cursor.
    pub(super) fn scroll_article(&mut self, lines: isize) {
        self.top = self.top.saturating_add_signed(lines).min(self.max_top());
    }

    /// After a resize: keep the first visible text at the top, then the cursor in view.
    pub(super) fn relayout(&mut self) {
        let top_byte = self.doc.lines.get(self.top).map_or(0, |l| l.start);
        let width = self.viewport.article_width;
        self.doc
            .rewrap_around(&self.case.article.text, width, top_byte);
        self.top = self.doc.line_of(top_byte).min(self.max_top());
        let range = self.cursor_range();
        if !self.placed {
            self.placed = true;
            let first = self.doc.line_of(range.start);
            self.top = first
                .saturating_sub(self.viewport.article_height / 3)
                .min(self.max_top());
        }
        self.scroll_to(range);
        self.keep_list_in_view();
        self.keep_link_in_view();
    }

    /// Swaps in the complete index from the background, keeping the view where it was.
    pub(super) fn index_ready(&mut self, doc: super::document::Document, sha256: String) {
        self.index_progress = None;
        if self.doc.complete {
            return;
        }
        let top_byte = self.doc.lines.get(self.top).map_or(0, |l| l.start);
        let cursor_byte = self.cursor_range().start;
        let had_notice = super::state::hidden_notice(&self.doc);
        self.doc = doc;
        self.doc.index_claims(&self.case);
        if self.case.article.sha256.is_empty() {
            self.case.article.sha256 = sha256;
        }
        if let Some(notice) = super::state::hidden_notice(&self.doc) {
            self.notices.retain(|n| Some(n) != had_notice.as_ref());
            self.notices.push(notice);
        }
        self.cursor = self.doc.sentence_at(cursor_byte);
        self.doc.rewrap_around(
            &self.case.article.text,
            self.viewport.article_width,
            top_byte,
        );
        self.top = self.doc.line_of(top_byte).min(self.max_top());
    }

    /// The background re-wrap after a resize, when it is still for the pane's width:
    /// every line is current again, the view on the same text.
    pub(super) fn lines_ready(&mut self, width: usize, lines: Vec<std::ops::Range<usize>>) {
        self.keeping_view(|doc, _| doc.lines_ready(width, lines));
    }

    /// While lines away from the view are still wrapped for an earlier width (after a
    /// resize of a large article): the lines the view has moved to (`G`, a search, a
    /// claim) are made current, so the pane never shows lines of another width.
    pub(super) fn freshen_view(&mut self) {
        if self.doc.stale_lines() {
            let text = self.case.article.text.clone();
            self.keeping_view(|doc, top_byte| doc.freshen(&text, top_byte));
        }
    }

    /// `change` to the document's lines (given the first shown byte; true when it changed
    /// them), the same text kept at the top and the cursor kept in view when it was.
    fn keeping_view(&mut self, change: impl FnOnce(&mut super::Document, usize) -> bool) {
        let top_byte = self.doc.lines.get(self.top).map_or(0, |l| l.start);
        let height = self.viewport.article_height.max(1);
        let (first, last) = self.doc.lines_of(&self.cursor_range());
        let cursor_shown = first < self.top + height && last >= self.top;
        if change(&mut self.doc, top_byte) {
            self.top = self.doc.line_of(top_byte).min(self.max_top());
            if cursor_shown {
                self.scroll_to(self.cursor_range());
            }
        }
    }

    /// A click on wrapped line `line` at display column `col` of the article.
    pub(super) fn click_article(&mut self, line: usize, col: usize) {
        let Some(range) = self.doc.lines.get(line).cloned() else {
            return;
        };
        let byte = text::column_to_byte(&self.case.article.text, range, col);
        self.focus = Pane::Article;
        self.selection = None;
        self.cursor = self.doc.sentence_at(byte);
        self.point = Some(word_at(&self.case.article.text, byte));
        self.drag_from = Some(byte);
        let under = self.doc.innermost_at(byte);
        self.follow_cursor();
        if let Some(i) = under {
            self.select_claim(i);
        }
    }

    /// `]` and `[`: the next or previous claim in the text, in span order (start, then the
    /// longer first), from the current claim when it is under the cursor.
    pub(super) fn jump_claim(&mut self, forward: bool) {
        let cursor = self.cursor_range();
        let spans = &self.doc.spans;
        let here = self
            .current_index()
            .and_then(|i| spans.iter().position(|s| s.claim == i))
            .filter(|p| cursor.contains(&spans[*p].range.start) || spans[*p].range == cursor);
        let target = match (here, forward) {
            (Some(p), true) => spans.get(p + 1),
            (Some(p), false) => p.checked_sub(1).and_then(|p| spans.get(p)),
            (None, true) => spans.iter().find(|s| s.range.start > cursor.start),
            (None, false) => spans.iter().rev().find(|s| s.range.start < cursor.start),
        };
        let Some(target) = target.cloned() else {
            self.info(if forward {
                "No more claims below"
            } else {
                "No more claims above"
            });
            return;
        };
        self.cursor = self.doc.sentence_at(target.range.start);
        self.scroll_to(target.range.clone());
        self.select_claim(target.claim);
    }

    /// `Enter` in the list: show the current claim in the article and focus it.
    pub(super) fn jump_to_current(&mut self) {
        let Some(i) = self.current_index() else {
            return;
        };
        let Some(span) = self.doc.first_span_of(i).cloned() else {
            self.warn(format!(
                "{} is an orphan: its text is no longer in the article",
                self.claim_label(i)
            ));
            return;
        };
        self.focus = Pane::Article;
        self.cursor = self.doc.sentence_at(span.range.start);
        self.scroll_to(span.range);
    }

    /// Makes claim `index` current and keeps it visible in the list.
    pub(super) fn select_claim(&mut self, index: usize) {
        let Some(claim) = self.case.claims.get(index) else {
            return;
        };
        if self.current.as_ref() != Some(&claim.id) {
            self.current = Some(claim.id.clone());
            self.detail_scroll = 0;
            self.detail_link = 0;
        }
        self.keep_list_in_view();
    }

    /// Moves the list's selection by `delta` rows of the (filtered) list.
    pub(super) fn move_list(&mut self, delta: isize) {
        let visible = self.visible_claims();
        if visible.is_empty() {
            return;
        }
        let row = self
            .current_index()
            .and_then(|c| visible.iter().position(|i| *i == c));
        let at = row.map_or(0, |r| r.saturating_add_signed(delta).min(visible.len() - 1));
        self.select_claim(visible[at]);
    }

    pub(super) fn keep_list_in_view(&mut self) {
        let height = self.list_pane_height();
        let visible = self.visible_claims();
        let Some(i) = self
            .current_index()
            .and_then(|c| visible.iter().position(|i| *i == c))
        else {
            self.list_top = self.list_top.min(visible.len().saturating_sub(height));
            return;
        };
        if i < self.list_top {
            self.list_top = i;
        } else if i >= self.list_top + height {
            self.list_top = i + 1 - height;
        }
        self.list_top = self.list_top.min(visible.len().saturating_sub(height));
    }

    /// `v`: select from the cursor: the search match or clicked word when it is in the
    /// cursor's sentence, else the sentence's first word.
    pub(super) fn start_selection(&mut self) {
        let range = self.cursor_range();
        if range.is_empty() {
            return;
        }
        let text = &self.case.article.text;
        let selection = match self.point.clone() {
            Some(p) if range.contains(&p.start) && p.end <= range.end && !p.is_empty() => {
                Selection {
                    start: p.start,
                    end: p.end,
                }
            }
            _ => {
                let end = text::next_word_end(text, range.start).min(range.end);
                Selection {
                    start: range.start,
                    end: end.max(range.start + first_char_len(text, range.start)),
                }
            }
        };
        self.selection = Some(selection);
        self.follow_cursor();
    }

    /// A mouse drag over the article: select from where the button went down to here.
    pub(super) fn drag_article(&mut self, line: usize, col: usize) {
        let (Some(from), Some(range)) = (self.drag_from, self.doc.lines.get(line).cloned()) else {
            return;
        };
        let text = &self.case.article.text;
        let to = text::column_to_byte(text, range, col);
        let (lo, hi) = (from.min(to), from.max(to));
        let end = (hi + first_char_len(text, hi)).min(text.len());
        if end <= lo {
            return;
        }
        self.focus = Pane::Article;
        self.selection = Some(Selection { start: lo, end });
        self.follow_cursor();
    }

    /// `l` / `h`: the selection's end a character further or back (never empty).
    pub(super) fn adjust_selection_by_char(&mut self, grow: bool) {
        let Some(mut sel) = self.selection else {
            return;
        };
        let text = &self.case.article.text;
        if grow {
            sel.end = (sel.end + first_char_len(text, sel.end)).min(text.len());
        } else {
            let back = text[..sel.end]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
            sel.end = (sel.end - back).max(sel.start + first_char_len(text, sel.start));
        }
        self.selection = Some(sel);
        self.follow_cursor();
    }

    /// Grows or shrinks the selection's end by a word (`w`/`b`) or a sentence (`j`/`k`).
    pub(super) fn adjust_selection_end(&mut self, by_sentence: bool, grow: bool) {
        let Some(mut sel) = self.selection else {
            return;
        };
        let text = &self.case.article.text;
        // Never shrink to nothing; shrinking by sentences stops at the first word, which
        // never reaches past its sentence.
        let min_end = sel.start + first_char_len(text, sel.start).max(1);
        let sentence_end = self.doc.sentences[self.doc.sentence_at(sel.start)].end;
        let first_word = text::next_word_end(text, sel.start)
            .min(sentence_end)
            .max(min_end);
        sel.end = match (by_sentence, grow) {
            (false, true) => text::next_word_end(text, sel.end),
            (false, false) => text::prev_word_end(text, sel.end),
            (true, true) => {
                let i = self.doc.sentence_at(sel.end);
                let s = &self.doc.sentences[i];
                if s.end > sel.end && s.start < sel.end {
                    s.end
                } else {
                    self.doc
                        .sentences
                        .get(i + usize::from(s.end <= sel.end))
                        .map_or(sel.end, |n| n.end)
                }
            }
            (true, false) => {
                let i = self.doc.sentence_at(sel.end.saturating_sub(1));
                i.checked_sub(1)
                    .and_then(|p| self.doc.sentences.get(p))
                    .map_or(first_word, |p| p.end.max(min_end))
            }
        };
        sel.end = sel.end.clamp(min_end.min(text.len()), text.len());
        self.selection = Some(sel);
        self.follow_cursor();
    }

    /// `L` / `H`: moves the selection's start a character right or left, so an opening
    /// quotation mark can be taken in or left out; never past the end.
    pub(super) fn move_selection_start(&mut self, right: bool) {
        let Some(mut sel) = self.selection else {
            return;
        };
        let text = &self.case.article.text;
        let new_start = if right {
            sel.start + first_char_len(text, sel.start)
        } else {
            sel.start
                - text[..sel.start]
                    .chars()
                    .next_back()
                    .map_or(0, char::len_utf8)
        };
        if new_start >= sel.end || new_start == sel.start {
            return;
        }
        sel.start = new_start;
        self.selection = Some(sel);
        self.scroll_to(sel.start..sel.end);
    }
}

fn first_char_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(0, char::len_utf8)
}

/// The word at byte `at` (from its start), or from `at` to the next word's end when `at`
/// is not in a word (an opening quotation mark stays in).
fn word_at(text: &str, at: usize) -> std::ops::Range<usize> {
    let mut start = at.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if text[start..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
    {
        for (i, c) in text[..start].char_indices().rev() {
            if !c.is_alphanumeric() {
                break;
            }
            start = i;
        }
    }
    start..text::next_word_end(text, start)
}
