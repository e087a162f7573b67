//! The case onto a new version of its article, the review of what moved under the claims,
//! and claims of several spans.

use std::path::PathBuf;

use super::detail::{DetailLine, Look, MAX_QUOTE_CHARS, clip_marked};
use super::state::{AppState, Overlay, Pane};
use crate::anchor::{self, apply, reanchor::Step};
use crate::keymap::Command;
use crate::model::{Case, ClaimId, ReviewStatus};

/// A span waiting for the checker: the claim (by index) and the anchor within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewItem {
    pub claim: usize,
    pub anchor: usize,
    pub status: ReviewStatus,
}

impl AppState {
    /// Offers to move the case onto a newer version of its article (found at `path`);
    /// `fresh`: the article as a new case, offered as well.
    pub fn offer_reanchor(&mut self, text: String, path: PathBuf, fresh: Option<Case>) {
        self.overlay = Some(Overlay::ReanchorOffer {
            text: Box::new(text),
            path,
            fresh: fresh.map(Box::new),
        });
    }

    pub(super) fn run_reanchor_offer(&mut self, command: Command) {
        let Some(Overlay::ReanchorOffer { text, path, fresh }) = self.overlay.take() else {
            return;
        };
        match command {
            Command::ReanchorArticle => self.reanchor_onto(*text, path),
            Command::StartFresh if fresh.is_some() => {
                self.overlay = fresh.map(|fresh| Overlay::ExistingCase { fresh });
                self.run_existing_case(Command::StartFresh);
            }
            Command::StartFresh => {
                self.overlay = Some(Overlay::ReanchorOffer { text, path, fresh })
            }
            _ => self.info("Kept the article as saved in the verdict file"),
        }
    }

    /// Moves the case onto `text` (read from `path`): one undoable change. Opens the
    /// review when a span changed or was orphaned.
    pub fn reanchor_onto(&mut self, text: String, path: PathBuf) {
        if !self.doc.complete {
            self.warn("Still indexing the article: try again in a moment");
            return;
        }
        let before = self.case.article.clone();
        let history_before = self.case.history.len();
        let now = self.now();
        let reports = apply::onto_new_version(&mut self.case, text, Some(now.clone()), &now);
        self.case.article.origin.path = Some(path.display().to_string());
        self.doc = super::document::Document::new(&self.case, self.viewport.article_width);
        self.article_replaced();
        self.commit_new_article(
            "re-anchor onto the new article version",
            before,
            history_before,
        );
        let count = |step: Step| reports.iter().filter(|r| r.step == step).count();
        let summary = format!(
            "Re-anchored {} claims: {} exact, {} moved, {} changed, {} orphaned",
            reports.len(),
            count(Step::Exact),
            count(Step::Moved),
            count(Step::Changed),
            count(Step::Orphaned),
        );
        self.cursor = self.cursor.min(self.doc.sentences.len().saturating_sub(1));
        self.follow_cursor();
        if self.review_items().is_empty() {
            self.info(format!("{summary} (u undoes it)"));
        } else {
            self.overlay = Some(Overlay::Review { selected: 0 });
            self.info(summary);
        }
    }

    /// Every span re-anchoring left for the checker, in claim order.
    pub fn review_items(&self) -> Vec<ReviewItem> {
        let mut items = Vec::new();
        for (claim, c) in self.case.claims.iter().enumerate() {
            for (anchor, a) in c.anchors.iter().enumerate() {
                if let Some(review) = &a.review {
                    items.push(ReviewItem {
                        claim,
                        anchor,
                        status: review.status,
                    });
                }
            }
        }
        items
    }

    /// `R`: the review of changed and orphaned spans.
    pub(super) fn open_review(&mut self) {
        if self.review_items().is_empty() {
            self.info("Nothing to review: every span is settled");
            return;
        }
        self.overlay = Some(Overlay::Review { selected: 0 });
    }

    pub(super) fn run_review(&mut self, command: Command) {
        let Some(Overlay::Review { selected }) = self.overlay else {
            return;
        };
        let items = self.review_items();
        let Some(item) = items
            .get(selected.min(items.len().saturating_sub(1)))
            .copied()
        else {
            self.overlay = None;
            return;
        };
        let set = |s: &mut Self, to: usize| s.overlay = Some(Overlay::Review { selected: to });
        match command {
            Command::MoveDown => set(self, (selected + 1).min(items.len() - 1)),
            Command::MoveUp => set(self, selected.saturating_sub(1)),
            Command::AcceptSpan if item.status == ReviewStatus::NeedsReview => {
                self.settle(item, "accept the re-anchored span", apply::accept);
            }
            Command::AcceptSpan => self.warn("An orphan has no new span: re-select it (s)"),
            Command::KeepOrphan => {
                self.settle(item, "keep the span as an orphan", apply::keep_as_orphan);
            }
            Command::ReselectSpan => self.start_reselect(item),
            _ => self.overlay = None,
        }
    }

    /// Applies `how` to the item's anchor as one undoable change; the review stays open on
    /// what is left (an orphan kept as orphan stays listed until re-selected).
    fn settle(&mut self, item: ReviewItem, what: &str, how: fn(&mut crate::model::Anchor)) {
        let Some(anchor) = self.case.claims[item.claim].anchors.get_mut(item.anchor) else {
            return;
        };
        how(anchor);
        let id = self.case.claims[item.claim].id.clone();
        self.case.sort_claims();
        self.commit(what.to_string());
        let left = self.review_items();
        let at = left
            .iter()
            .position(|i| self.case.claims[i.claim].id == id && i.anchor == item.anchor)
            .map_or(0, |p| p + 1)
            .min(left.len().saturating_sub(1));
        self.overlay = (!left.is_empty()).then_some(Overlay::Review { selected: at });
        if let Some(i) = self.case.claim_index(&id) {
            self.info(format!("{}: {what}", self.claim_label(i)));
        }
    }

    /// `s` in the review: select the new text in the article; `+` puts the span there.
    fn start_reselect(&mut self, item: ReviewItem) {
        self.overlay = None;
        let claim = &self.case.claims[item.claim];
        let id = claim.id.clone();
        let at = claim.anchors[item.anchor].start;
        self.reselecting = Some((id, item.anchor));
        self.select_claim(item.claim);
        self.focus = Pane::Article;
        let byte = self
            .doc
            .chars
            .byte_of_char(&self.case.article.text, at)
            .unwrap_or(0);
        self.cursor = self.doc.sentence_at(byte);
        self.follow_cursor();
        self.start_selection();
        self.info(format!(
            "Select the text for {}, then + puts the span there (Esc cancels)",
            self.claim_label(item.claim)
        ));
    }

    /// `+` while selecting: the selection becomes a span of the current claim (or, while
    /// re-selecting, replaces the span under review).
    pub(super) fn add_span(&mut self) {
        let Some(sel) = self.selection.take() else {
            return;
        };
        let text = &self.case.article.text;
        let slice = &text[sel.start..sel.end];
        let start = sel.start + (slice.len() - slice.trim_start().len());
        let end = (sel.end - (slice.len() - slice.trim_end().len())).max(start);
        if start == end {
            self.info("Nothing selected to add");
            return;
        }
        let new = anchor::create(text, &self.doc.chars, start..end);
        let reselecting = self.reselecting.take();
        let target = reselecting
            .as_ref()
            .map(|(id, _)| id.clone())
            .or_else(|| self.current.clone());
        let Some(id) = target else {
            self.info("No current claim: press c to make the selection a claim");
            return;
        };
        let Some(claim) = self.case.claim_mut(&id) else {
            return;
        };
        let what = match reselecting {
            Some((_, k)) if k < claim.anchors.len() => {
                claim.anchors[k] = crate::model::Anchor {
                    extra: claim.anchors[k].extra.clone(),
                    ..new
                };
                "re-select the span"
            }
            _ => {
                if claim
                    .anchors
                    .iter()
                    .any(|a| (a.start, a.end) == (new.start, new.end))
                {
                    self.info("This text is already a span of the claim");
                    return;
                }
                claim.anchors.push(new);
                "add a span"
            }
        };
        claim.updated = self.entropy.now();
        let spans = claim.anchors.len();
        self.case.sort_claims();
        self.commit(what.to_string());
        if let Some(i) = self.case.claim_index(&id) {
            self.select_claim(i);
            let plural = if spans == 1 { "" } else { "s" };
            self.info(format!(
                "{}: {what} ({spans} span{plural})",
                self.claim_label(i)
            ));
        }
    }

    /// `]`/`[` in the detail pane: the current claim's next or previous span, in the text.
    pub(super) fn visit_span(&mut self, forward: bool) {
        let Some(claim) = self.current_claim() else {
            return;
        };
        let count = claim.anchors.len();
        if count == 0 {
            return;
        }
        let k = match forward {
            true => (self.detail_span + 1) % count,
            false => (self.detail_span + count - 1) % count,
        };
        let mut order: Vec<usize> = (0..count).collect();
        order.sort_by_key(|&i| claim.anchors[i].start);
        let anchor = &claim.anchors[order[k]];
        let Some(range) = anchor::resolve(&self.case.article.text, &self.doc.chars, anchor) else {
            self.detail_span = k;
            self.warn(format!(
                "Span {} of {count} is an orphan: not in the text",
                k + 1
            ));
            return;
        };
        self.detail_span = k;
        self.cursor = self.doc.sentence_at(range.start);
        self.scroll_to(range);
        self.info(format!("Span {} of {count}", k + 1));
    }

    /// A new version could not be read: say why; the case is unchanged.
    pub fn reanchor_failed(&mut self, reason: &str) {
        self.error(format!("Not re-anchored: {reason}"));
    }

    /// The id of the claim whose span is being re-selected, if any.
    pub fn reselecting(&self) -> Option<&ClaimId> {
        self.reselecting.as_ref().map(|(id, _)| id)
    }
}

/// The detail pane's "In the article" lines: each span in text order, numbered when there
/// are several (the one `]`/`[` last visited marked), and what re-anchoring left to review.
pub(super) fn span_lines(state: &AppState, claim: &crate::model::Claim) -> Vec<DetailLine> {
    let count = claim.anchors.len();
    let heading = match count {
        0 | 1 => "In the article:".to_string(),
        n => format!("In the article ({n} spans, ] and [ visit them):"),
    };
    let mut lines = vec![line(vec![(Look::Dim, heading)])];
    let mut order: Vec<&crate::model::Anchor> = claim.anchors.iter().collect();
    order.sort_by_key(|a| a.start);
    for (k, anchor) in order.into_iter().enumerate() {
        let visited = count > 1 && k == state.detail_span % count;
        let number = if count > 1 {
            format!("{} ", k + 1)
        } else {
            String::new()
        };
        let bar = if visited { "▶" } else { "▌" };
        lines.push(line(vec![
            (Look::Dim, format!("{bar}{number}")),
            (Look::Quote, clip_marked(&anchor.exact, MAX_QUOTE_CHARS)),
        ]));
        if let Some(review) = &anchor.review {
            let note = match review.status {
                ReviewStatus::NeedsReview => format!(
                    "≈ needs review: the article changed here (was “{}”; R to review)",
                    clip_marked(&review.old.exact, 60)
                ),
                ReviewStatus::Orphaned => "⚠ not found in the new version (R to review)".into(),
            };
            lines.push(line(vec![(Look::Warning, note)]));
        }
    }
    lines
}

fn line(parts: Vec<(Look, String)>) -> DetailLine {
    DetailLine { parts, link: None }
}
