//! The claimant prompt (`a`): confirm factdesk's guess, type over it, or complete from the
//! claimants already in the case; and say whether the claimant is a person or an
//! organisation.

use super::editor::Editor;
use super::state::{AppState, Overlay};
use super::update::edit;
use crate::keymap::Command;
use crate::model::{ClaimId, ClaimantKind};

/// The open claimant prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimantPrompt {
    pub claim: ClaimId,
    pub editor: Editor,
    /// The pre-filled text (the claimant, else the guess) is selected: typing or deleting
    /// replaces all of it; moving the cursor keeps it.
    pub selected: bool,
    /// Whether the pre-filled text is only factdesk's guess.
    pub from_guess: bool,
    /// Person or organisation; `None`: detected from the name on export.
    pub kind: Option<ClaimantKind>,
    /// The claimants confirmed in the case, sorted, each once.
    pub known: Vec<String>,
    /// What was typed before completing, and which completion is shown.
    completing: Option<(String, usize)>,
    /// The text and kind the prompt opened with.
    opened_with: (String, Option<ClaimantKind>),
}

impl ClaimantPrompt {
    /// Whether the text or the kind differs from what the prompt opened with.
    pub fn changed(&self) -> bool {
        (self.editor.text(), self.kind) != self.opened_with
    }

    /// The claimants of `known` that fit `typed` (case-insensitive): those that start
    /// with it first, then those that contain it.
    pub fn completions<'a>(known: &'a [String], typed: &str) -> Vec<&'a str> {
        let typed = typed.trim().to_lowercase();
        let (mut starts, mut contains) = (Vec::new(), Vec::new());
        for name in known {
            let lower = name.to_lowercase();
            if lower.starts_with(&typed) {
                starts.push(name.as_str());
            } else if lower.contains(&typed) {
                contains.push(name.as_str());
            }
        }
        starts.extend(contains);
        starts
    }

    /// Types (or pastes) text: replaces the selected pre-filled text. Returns how many
    /// characters did not fit the one-line field.
    pub fn type_text(&mut self, text: &str) -> usize {
        self.replace_selection();
        self.editor.insert_str(text)
    }

    /// An editing command: a deletion removes the selected text, a cursor move keeps it.
    pub fn edit(&mut self, command: Command) {
        let deletes = matches!(
            command,
            Command::DeleteBack | Command::DeleteForward | Command::DeleteWordBack
        );
        if self.selected && deletes {
            self.replace_selection();
            return;
        }
        self.selected = false;
        self.completing = None;
        edit(&mut self.editor, command);
    }

    fn replace_selection(&mut self) {
        if self.selected {
            self.editor = Editor::single_line("");
            self.selected = false;
        }
        self.completing = None;
    }

    /// Tab: the next claimant of the case that fits what was typed, wrapping.
    pub fn complete(&mut self) {
        let (typed, next) = match self.completing.take() {
            Some((typed, shown)) => (typed, shown + 1),
            None if self.selected => (String::new(), 0),
            None => (self.editor.text(), 0),
        };
        let fits = Self::completions(&self.known, &typed);
        if fits.is_empty() {
            return;
        }
        let at = next % fits.len();
        self.editor = Editor::single_line(fits[at]);
        self.selected = false;
        self.completing = Some((typed, at));
    }

    /// Ctrl-o: detected → person → organization → detected.
    pub fn cycle_kind(&mut self) {
        self.kind = match self.kind {
            None => Some(ClaimantKind::Person),
            Some(ClaimantKind::Person) => Some(ClaimantKind::Organization),
            Some(ClaimantKind::Organization) => None,
        };
    }
}

impl AppState {
    /// `a`: the claimant prompt for the target claim, the claimant (or the guess) selected.
    pub(super) fn open_claimant_prompt(&mut self) {
        let Some(claim) = self.require_target() else {
            return;
        };
        let Some(c) = self.case.claim(&claim) else {
            return;
        };
        let (text, from_guess) = match (&c.claimant, &c.claimant_guess) {
            (confirmed, _) if !confirmed.trim().is_empty() => (confirmed.clone(), false),
            (_, Some(guess)) => (guess.clone(), true),
            _ => (String::new(), false),
        };
        let kind = c.claimant_kind;
        let mut known: Vec<String> = self
            .case
            .claims
            .iter()
            .map(|c| c.claimant.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        known.sort();
        known.dedup();
        if let Some(i) = self.case.claim_index(&claim) {
            self.select_claim(i);
        }
        self.overlay = Some(Overlay::Claimant(Box::new(ClaimantPrompt {
            claim,
            selected: !text.is_empty(),
            editor: Editor::single_line(&text),
            from_guess,
            kind,
            known,
            completing: None,
            opened_with: (text, kind),
        })));
    }

    /// Commands of the open claimant prompt.
    pub(super) fn run_claimant_prompt(&mut self, command: Command) {
        let Some(Overlay::Claimant(prompt)) = &mut self.overlay else {
            return;
        };
        match command {
            Command::Confirm => self.finish_claimant(),
            Command::Cancel => self.cancel_overlay(),
            Command::CompleteClaimant => prompt.complete(),
            Command::CycleClaimantKind => prompt.cycle_kind(),
            other => prompt.edit(other),
        }
    }

    /// Enter: the typed (or accepted) claimant is confirmed, with the chosen kind. An empty
    /// claimant clears the confirmed one; a guess stays a guess.
    fn finish_claimant(&mut self) {
        let Some(Overlay::Claimant(prompt)) = self.overlay.take() else {
            return;
        };
        let value = prompt.editor.text().trim().to_string();
        let now = self.now();
        let Some(index) = self.case.claim_index(&prompt.claim) else {
            return;
        };
        let c = &mut self.case.claims[index];
        if c.claimant == value && c.claimant_kind == prompt.kind {
            return;
        }
        c.claimant = value;
        c.claimant_kind = prompt.kind;
        c.updated = now;
        let name = self.claim_label(index);
        self.commit(format!("edit the claimant of {name}"));
        self.info(format!("Updated the claimant of {name}"));
    }
}

#[cfg(test)]
mod tests {
    use super::ClaimantPrompt;

    /// Completions put names that start with the typed text first, ignore case, and leave
    /// out names that do not hold it.
    #[test]
    fn completions_rank_prefixes_first() {
        let known = vec![
            "Elon Musk".to_string(),
            "Kimbal Musk".to_string(),
            "Musk Foundation".to_string(),
            "Ian Bremmer".to_string(),
        ];
        assert_eq!(
            ClaimantPrompt::completions(&known, "musk"),
            ["Musk Foundation", "Elon Musk", "Kimbal Musk"]
        );
        assert!(ClaimantPrompt::completions(&known, "putin").is_empty());
    }
}
