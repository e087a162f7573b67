//! Changing the case: making, rating, editing and deleting claims.

use super::editor::Editor;
use super::state::{AppState, Confirmation, Field, Overlay, Pane};
use crate::anchor;
use crate::model::{Claim, ClaimId, ClaimStatus, Extra, Verdict};
use crate::text;

impl AppState {
    /// The claim an action acts on: in the article the one under the cursor (the current
    /// claim if it is there, else the innermost); elsewhere the current claim.
    pub fn target_claim(&self) -> Option<ClaimId> {
        if self.focus != Pane::Article {
            return self.current.clone();
        }
        let range = self.cursor_range();
        if let Some(i) = self.current_index() {
            let here = self.doc.spans_in(range.clone()).any(|s| s.claim == i);
            if here {
                return self.current.clone();
            }
        }
        let i = self.doc.innermost_in(range)?;
        Some(self.case.claims[i].id.clone())
    }

    /// Like [`Self::target_claim`], but says why there is none.
    pub(super) fn require_target(&mut self) -> Option<ClaimId> {
        let target = self.target_claim();
        if target.is_none() {
            self.info(if self.focus == Pane::Article {
                "No claim under the cursor: press c to make one"
            } else {
                "No claim selected"
            });
        }
        target
    }

    /// `c`: make the selection, or the cursor's sentence, a claim and make it current.
    pub(super) fn make_claim(&mut self) {
        let range = match self.selection.take() {
            Some(sel) => sel.start..sel.end,
            None => self.cursor_range(),
        };
        let trimmed = trim_range(&self.case.article.text, range);
        if trimmed.is_empty() {
            self.info("Nothing to make a claim of here");
            return;
        }
        let existing = self
            .doc
            .spans_in(trimmed.clone())
            .find(|s| s.range == trimmed)
            .map(|s| s.claim);
        if let Some(existing) = existing {
            self.select_claim(existing);
            self.info(format!(
                "This text is already claim {}",
                self.claim_label(existing)
            ));
            return;
        }
        let text = &self.case.article.text;
        let anchor = anchor::create(text, &self.doc.chars, trimmed.clone());
        let sentence_range = self
            .doc
            .sentences
            .get(self.doc.sentence_at(trimmed.start))
            .cloned()
            .unwrap_or(trimmed.clone());
        // Only a guess: the checker confirms it (`a`), and only a confirmed claimant is
        // published.
        let claimant_guess = text::guess_claimant_in(text, sentence_range);
        let now = self.now();
        let claim = Claim {
            id: self.fresh_id(),
            number: 0, // the case numbers it
            text: default_wording(&anchor.exact),
            anchors: vec![anchor],
            claimant: String::new(),
            claimant_guess,
            claimant_kind: None,
            made_on: None,
            first_appearance: None,
            status: ClaimStatus::Todo,
            verdict: Verdict::default(),
            links: Vec::new(),
            created: now.clone(),
            updated: now,
            extra: Extra::new(),
        };
        let id = claim.id.clone();
        let index = self.case.insert_claim(claim);
        self.commit(format!("make claim {}", self.claim_label(index)));
        self.current = Some(id);
        self.detail_scroll = 0;
        self.detail_link = 0;
        self.cursor = self.doc.sentence_at(trimmed.start);
        self.keep_list_in_view();
        self.info(format!(
            "Made claim {}: r rate · e edit wording · E explain",
            self.claim_label(index)
        ));
    }

    fn fresh_id(&mut self) -> ClaimId {
        loop {
            let id = self.entropy.new_id();
            if self.case.claim(&id).is_none() {
                return id;
            }
        }
    }

    pub(super) fn open_rating(&mut self) {
        let Some(claim) = self.require_target() else {
            return;
        };
        if self.case.scale.labels.is_empty() {
            // A conclusion-only scale has no ratings: the verdict is the written conclusion.
            self.info("This case uses a written conclusion instead of ratings: write it here");
            self.select_by_id(&claim);
            self.open_editor(Field::Explanation);
            return;
        }
        let selected = self
            .case
            .claim(&claim)
            .and_then(|c| c.verdict.rating.as_deref())
            .and_then(|r| self.case.scale.position(r))
            .unwrap_or(0);
        self.select_by_id(&claim);
        self.overlay = Some(Overlay::Rating { claim, selected });
    }

    /// Sets or clears (None) a claim's rating by its position on the scale.
    pub(super) fn rate(&mut self, claim: &ClaimId, position: Option<usize>) {
        let label = match position {
            Some(p) => match self.case.scale.labels.get(p) {
                Some(l) => Some(l.label.clone()),
                None => {
                    self.warn(format!(
                        "The scale {} has {} ratings",
                        self.case.scale.name,
                        self.case.scale.labels.len()
                    ));
                    return;
                }
            },
            None => None,
        };
        self.overlay = None;
        let now = self.now();
        let Some(index) = self.case.claim_index(claim) else {
            return;
        };
        let c = &mut self.case.claims[index];
        if c.verdict.rating == label {
            return;
        }
        c.verdict.rating = label.clone();
        c.verdict.rated_at = Some(now.clone());
        c.updated = now;
        let name = self.claim_label(index);
        self.commit_claim(
            index,
            format!("rate {name} {}", label.as_deref().unwrap_or("(unrated)")),
        );
        self.info(match label {
            Some(l) => format!("{name} rated {l}"),
            None => format!("{name} is unrated"),
        });
    }

    pub(super) fn cycle_status(&mut self) {
        let Some(claim) = self.require_target() else {
            return;
        };
        let now = self.now();
        let Some(index) = self.case.claim_index(&claim) else {
            return;
        };
        let c = &mut self.case.claims[index];
        c.status = c.status.next();
        c.updated = now;
        let status = c.status.name();
        self.commit_claim(
            index,
            format!("status of {}: {status}", self.claim_label(index)),
        );
        self.select_claim(index);
        self.info(format!("{} is {status}", self.claim_label(index)));
    }

    pub(super) fn open_editor(&mut self, field: Field) {
        let Some(claim) = self.require_target() else {
            return;
        };
        let Some(c) = self.case.claim(&claim) else {
            return;
        };
        let editor = match field {
            Field::Wording => Editor::single_line(&c.text),
            Field::Claimant => Editor::single_line(&c.claimant),
            Field::Explanation => Editor::multi_line(&c.verdict.explanation),
        };
        self.select_by_id(&claim);
        self.overlay = Some(Overlay::Edit {
            claim,
            field,
            editor,
        });
    }

    /// Applies an editor's text; an empty wording is refused and the editor stays open.
    pub(super) fn finish_edit(&mut self) {
        let Some(Overlay::Edit {
            claim,
            field,
            editor,
        }) = &self.overlay
        else {
            return;
        };
        let (claim, field) = (claim.clone(), *field);
        let value = match field {
            Field::Explanation => editor.text().trim_end().to_string(),
            _ => editor.text().trim().to_string(),
        };
        if field == Field::Wording && value.is_empty() {
            self.warn("The wording cannot be empty (Esc keeps the old one)");
            return;
        }
        self.overlay = None;
        let now = self.now();
        let Some(index) = self.case.claim_index(&claim) else {
            return;
        };
        let c = &mut self.case.claims[index];
        let slot = match field {
            Field::Wording => &mut c.text,
            Field::Claimant => &mut c.claimant,
            Field::Explanation => &mut c.verdict.explanation,
        };
        if *slot == value {
            return;
        }
        *slot = value;
        c.updated = now;
        self.commit_claim(
            index,
            format!("edit the {} of {}", field.name(), self.claim_label(index)),
        );
        self.info(format!(
            "Updated the {} of {}",
            field.name(),
            self.claim_label(index)
        ));
    }

    pub(super) fn ask_delete(&mut self) {
        if let Some(claim) = self.require_target() {
            self.select_by_id(&claim);
            self.overlay = Some(Overlay::Confirm(Confirmation::DeleteClaim(claim)));
        }
    }

    pub(super) fn delete(&mut self, claim: &ClaimId) {
        self.overlay = None;
        let Some(index) = self.case.claim_index(claim) else {
            return;
        };
        let name = self.claim_label(index);
        self.case.claims.remove(index);
        self.commit(format!("delete {name}"));
        self.current = None;
        let count = self.case.claims.len();
        if count > 0 {
            self.select_claim(index.min(count - 1));
        }
        self.info(format!("Deleted {name}"));
    }

    pub(super) fn select_by_id(&mut self, id: &ClaimId) {
        if let Some(i) = self.case.claim_index(id) {
            self.select_claim(i);
        }
    }
}

/// Shrinks a byte range to exclude surrounding whitespace.
fn trim_range(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

/// The default wording: the whole anchored text on one line with single spaces, without
/// hidden characters (they must not end up in a published ClaimReview). Never cut: a long
/// wording is a lint warning (`check::lint`), not a truncation.
fn default_wording(exact: &str) -> String {
    let visible: String = exact
        .chars()
        .map(|c| match text::sanitize::hidden_kind(c) {
            Some("control") => ' ',
            Some(_) => '\u{0}',
            None => c,
        })
        .filter(|c| *c != '\u{0}')
        .collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}
