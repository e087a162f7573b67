//! Check-worthiness suggestions in the app: which sentences are suggested and still open,
//! moving between them, dismissing one (recorded in the case, undoable), hiding them.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::detail::{DetailLine, Look};
use super::state::AppState;
use crate::keymap::{Command, Context};
use crate::model::Dismissal;
use crate::text::checkworthy::{Model, Scored};

/// What the detail pane shows for a suggested sentence under the cursor.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionDetail {
    pub score: f32,
    pub reasons: Vec<String>,
    pub claimant_guess: Option<String>,
}

impl AppState {
    /// The suggestions computed in the background have arrived; dropped when they were
    /// scored for an article text since replaced.
    pub(super) fn suggestions_ready(&mut self, generation: u64, scored: Vec<Scored>) {
        if generation == self.article_generation {
            self.suggestions = scored;
        }
    }

    /// Which version of the article text this is: it changes whenever re-anchoring (or
    /// undoing it) replaces the text, so the runner knows to score the sentences again.
    pub fn article_generation(&self) -> u64 {
        self.article_generation
    }

    /// The article text was replaced: the suggestions of the old one no longer apply.
    pub(super) fn article_replaced(&mut self) {
        self.article_generation += 1;
        self.suggestions.clear();
    }

    /// Whether scraping residue (detected or marked with `R`) covers any of a byte range:
    /// residue is never suggested.
    fn in_residue(&self, range: &Range<usize>) -> bool {
        let residue = &self.case.article.residue;
        if residue.is_empty() {
            return false;
        }
        let text = &self.case.article.text;
        let (Some(start), Some(end)) = (
            self.doc.chars.char_of_byte(text, range.start),
            self.doc.chars.char_of_byte(text, range.end),
        ) else {
            return false;
        };
        // Residue is kept in text order and never nests.
        let from = residue.partition_point(|r| r.end <= start);
        residue.get(from).is_some_and(|r| r.start < end)
    }

    /// The char span and text of a byte range of the article.
    fn dismissal_of(&self, range: &Range<usize>) -> Option<Dismissal> {
        let text = &self.case.article.text;
        Some(Dismissal {
            start: self.doc.chars.char_of_byte(text, range.start)?,
            end: self.doc.chars.char_of_byte(text, range.end)?,
            exact: text.get(range.clone())?.to_string(),
            extra: Default::default(),
        })
    }

    /// Whether a suggestion is still open: not dismissed, not residue, and no claim
    /// overlaps it.
    pub fn suggestion_open(&self, s: &Scored) -> bool {
        if self.doc.spans_in(s.range.clone()).next().is_some() || self.in_residue(&s.range) {
            return false;
        }
        let dismissed = &self.case.suggestions;
        dismissed.dismissed.is_empty()
            || self
                .dismissal_of(&s.range)
                .is_none_or(|d| !dismissed.is_dismissed(d.start, d.end, &d.exact))
    }

    /// The open suggestions overlapping `range` (for drawing), empty while hidden.
    pub fn suggestions_in(&self, range: Range<usize>) -> impl Iterator<Item = &Scored> {
        let from = self
            .suggestions
            .partition_point(|s| s.range.end <= range.start);
        let shown = if self.show_suggestions {
            &self.suggestions[from..]
        } else {
            &[]
        };
        shown
            .iter()
            .take_while(move |s| s.range.start < range.end)
            .filter(|s| self.suggestion_open(s))
    }

    /// How many suggested sentences are still unclaimed and not dismissed.
    pub fn open_suggestion_count(&self) -> usize {
        self.suggestions
            .iter()
            .filter(|s| self.suggestion_open(s))
            .count()
    }

    /// The open suggestion at the cursor's sentence, if any.
    pub fn suggestion_at_cursor(&self) -> Option<&Scored> {
        if self.selection.is_some() {
            return None;
        }
        self.suggestions_in(self.cursor_range()).next()
    }

    /// Score, reasons and claimant guess of the suggestion under the cursor.
    pub fn suggestion_detail(&self) -> Option<SuggestionDetail> {
        let s = self.suggestion_at_cursor()?;
        let text = &self.case.article.text;
        let sentence = text.get(s.range.clone())?;
        let explanation = Model::embedded()?.explain(sentence);
        Some(SuggestionDetail {
            score: s.score,
            reasons: explanation
                .reasons
                .iter()
                .map(ToString::to_string)
                .collect(),
            claimant_guess: crate::text::guess_claimant_in(text, s.range.clone()),
        })
    }

    /// `)` / `(`: the cursor to the next or previous open suggestion.
    pub(super) fn jump_suggestion(&mut self, forward: bool) {
        if !self.show_suggestions {
            self.show_suggestions = true;
        }
        let here = self.cursor_range();
        let target = if forward {
            self.suggestions
                .iter()
                .find(|s| s.range.start >= here.end && self.suggestion_open(s))
        } else {
            self.suggestions
                .iter()
                .rev()
                .find(|s| s.range.end <= here.start && self.suggestion_open(s))
        };
        let Some(range) = target.map(|s| s.range.clone()) else {
            self.info(match (self.suggestions.is_empty(), forward) {
                (true, _) => "No sentence is suggested in this article",
                (false, true) => "No more suggestions below",
                (false, false) => "No more suggestions above",
            });
            return;
        };
        self.cursor = self.doc.sentence_at(range.start);
        self.scroll_to(range);
    }

    /// `X`: dismiss the suggestion under the cursor; it is kept in the verdict file.
    pub(super) fn dismiss_suggestion(&mut self) {
        let Some(range) = self.suggestion_at_cursor().map(|s| s.range.clone()) else {
            self.info("No suggestion under the cursor");
            return;
        };
        let Some(dismissal) = self.dismissal_of(&range) else {
            return;
        };
        self.case.suggestions.dismissed.push(dismissal);
        self.commit("dismiss suggestion");
        self.info("Suggestion dismissed: u undoes");
    }

    /// `Z`: show or hide the suggestion marks.
    pub(super) fn toggle_suggestions(&mut self) {
        self.show_suggestions = !self.show_suggestions;
        self.info(if self.show_suggestions {
            format!("Suggestions shown: {} open", self.open_suggestion_count())
        } else {
            "Suggestions hidden".to_string()
        });
    }
}

impl AppState {
    /// The other cases' claims have been read.
    pub(super) fn cases_scanned(
        &mut self,
        index: std::sync::Arc<crate::seen::Index>,
        skipped: Vec<String>,
    ) {
        if !skipped.is_empty() {
            self.notices.push(format!(
                "Seen before: {} verdict file{} in the cases folder could not be read ({})",
                skipped.len(),
                if skipped.len() == 1 { "" } else { "s" },
                skipped[0]
            ));
        }
        self.seen = Some(index);
    }

    /// The claim of another case most like claim `index`, if one is similar enough.
    pub fn similar_to(&self, index: usize) -> Option<crate::seen::Match<'_>> {
        let claim = self.case.claims.get(index)?;
        self.seen.as_ref()?.best(&claim.text, Some(&self.file.path))
    }

    /// The detail pane's line for a claim seen before: "Seen: similar to C3 in
    /// 2022-10-musk.factdesk.json — rated False · = opens it".
    pub(super) fn seen_line(&self, index: usize) -> Option<DetailLine> {
        let found = self.similar_to(index)?;
        let key = self
            .keymap
            .keys_for(Context::Claims, Command::ShowSimilar)
            .first()
            .map_or_else(String::new, |k| format!(" · {k} opens it"));
        Some(DetailLine::new(vec![
            (Look::Dim, "Seen: ".into()),
            (
                Look::Suggested,
                super::detail::clip_marked(&found.describe(), 400),
            ),
            (Look::Dim, key),
        ]))
    }

    /// `=`: opens the similar claim's case in this factdesk's place, asking first about
    /// unsaved changes (save, discard or cancel, as quitting does).
    pub(super) fn show_similar(&mut self) -> Vec<super::Effect> {
        let Some(index) = self.current_index() else {
            self.info("No claim selected");
            return Vec::new();
        };
        let Some(found) = self.similar_to(index) else {
            self.info(match &self.seen {
                None => "The other cases are still being read".to_string(),
                Some(seen) => format!("No similar claim in {} claims of other cases", seen.len()),
            });
            return Vec::new();
        };
        let path = found.record.file.clone();
        self.quit(Some(path))
    }

    /// Quits, then opens `then_open` in this factdesk's place when given (the runner asks
    /// [`AppState::open_next`]); with unsaved changes, the quit prompt asks first.
    pub(super) fn quit(&mut self, then_open: Option<PathBuf>) -> Vec<super::Effect> {
        self.open_next = then_open;
        if self.dirty() {
            self.overlay = Some(super::state::Overlay::QuitPrompt);
            return Vec::new();
        }
        vec![super::Effect::Quit]
    }

    /// The case to open once this factdesk has quit (`=` on a claim seen before).
    pub fn open_next(&self) -> Option<&Path> {
        self.open_next.as_deref()
    }
}
