//! Recovering unsaved work, and saving when the file changed on disk.

use std::collections::HashMap;
use std::path::PathBuf;

use super::action::Effect;
use super::editor::Editor;
use super::state::{AppState, Overlay};
use crate::keymap::Command;
use crate::model::Case;

impl AppState {
    /// Offers the unsaved work of a recovery file (newer than the verdict file).
    pub fn offer_recovery(&mut self, recovered: Case, cursor: usize) {
        let differences = differences(&self.case, &recovered);
        self.overlay = Some(Overlay::Recovery {
            case: Box::new(recovered),
            cursor,
            differences,
            showing: false,
        });
    }

    pub(super) fn run_recovery(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::ShowDifferences => {
                if let Some(Overlay::Recovery { showing, .. }) = &mut self.overlay {
                    *showing = !*showing;
                }
            }
            Command::DiscardRecovery => {
                self.overlay = None;
                self.info("Discarded the unsaved work; the case is as last saved");
                self.open_conflicts_if_any();
                return vec![Effect::DiscardRecovery];
            }
            Command::RecoverWork => {
                let Some(Overlay::Recovery { case, cursor, .. }) = self.overlay.take() else {
                    return Vec::new();
                };
                // Recovering is itself a change: undo goes back to the file as saved.
                self.case.claims = case.claims;
                self.case.sources = case.sources;
                self.case.scale = case.scale;
                self.case.history = case.history;
                self.case.conflicts = case.conflicts;
                self.case.suggestions = case.suggestions;
                self.commit("recover unsaved work");
                let byte = self
                    .doc
                    .chars
                    .byte_of_char(&self.case.article.text, cursor)
                    .unwrap_or(0);
                self.cursor_to(self.doc.sentence_at(byte));
                self.info("Recovered the unsaved work: save to keep it (u undoes it)");
                self.open_conflicts_if_any();
            }
            _ => {}
        }
        Vec::new()
    }

    /// Another factdesk holds the case: this one can read it and save a copy elsewhere,
    /// never over it; `why` is said in the status bar and kept as a notice.
    pub fn open_read_only(&mut self, why: String) {
        self.warn(why.clone());
        self.notices.push(why.clone());
        self.read_only = Some(why);
    }

    /// The runner kept (or failed to keep) unsaved work: a problem stays in the status bar
    /// until an autosave or a save succeeds.
    pub(super) fn autosaved(&mut self, kept: crate::store::Kept) {
        use crate::store::Kept;
        self.autosave_problem = match kept {
            Kept::Nothing | Kept::Beside(_) => None,
            Kept::Elsewhere { path, why } => Some(format!(
                "autosave failed beside the case ({why}); kept in {}",
                path.display()
            )),
            Kept::Lost(why) => Some(format!("autosave failed: {why}")),
        };
    }

    /// Offers the opened article as a new case beside the existing verdict file (shown).
    pub fn offer_fresh_case(&mut self, fresh: Case) {
        self.overlay = Some(Overlay::ExistingCase {
            fresh: Box::new(fresh),
        });
    }

    pub(super) fn run_existing_case(&mut self, command: Command) {
        let Some(Overlay::ExistingCase { fresh }) = self.overlay.take() else {
            return;
        };
        if command != Command::StartFresh {
            self.info(format!("Continuing {}", self.file_name()));
            self.open_conflicts_if_any();
            return;
        }
        self.case = *fresh;
        self.doc = super::document::Document::new(&self.case, self.viewport.article_width);
        self.article_replaced();
        self.undo = super::undo::UndoStack::new(&self.case);
        self.current = None;
        self.cursor = 0;
        self.top = 0;
        // The existing file stays until a save, which asks before replacing it.
        self.file.stamp = None;
        self.file.extra.clear();
        self.file.view_extra.clear();
        self.info(format!(
            "A new case: saving asks before replacing {}",
            self.file_name()
        ));
    }

    pub(super) fn run_save_conflict(&mut self, command: Command) -> Vec<Effect> {
        let Some(Overlay::SaveConflict { then_quit, .. }) = self.overlay.take() else {
            return Vec::new();
        };
        match command {
            Command::OverwriteFile => return vec![Effect::Overwrite { then_quit }],
            Command::SaveAs => self.open_save_as(then_quit),
            _ => self.info("Not saved: the file on disk was left as it is"),
        }
        Vec::new()
    }

    /// Asks for a path to save to, starting from the current one.
    pub(super) fn open_save_as(&mut self, then_quit: bool) {
        let current = self.file.path.display().to_string();
        self.overlay = Some(Overlay::SaveAs {
            editor: Editor::single_line(&current),
            then_quit,
        });
    }

    /// Enter in the save-as prompt.
    pub(super) fn finish_save_as(&mut self) -> Vec<Effect> {
        let Some(Overlay::SaveAs { editor, then_quit }) = self.overlay.take() else {
            return Vec::new();
        };
        let path = editor.text().trim().to_string();
        if path.is_empty() {
            self.warn("Type a path to save to");
            self.open_save_as(then_quit);
            return Vec::new();
        }
        vec![Effect::SaveAs {
            path: PathBuf::from(path),
            then_quit,
        }]
    }
}

/// One line per claim or source that the recovered case adds, removes or changes.
pub fn differences(saved: &Case, recovered: &Case) -> Vec<String> {
    let mut out = Vec::new();
    let old: HashMap<_, _> = saved.claims.iter().map(|c| (&c.id, c)).collect();
    let new: HashMap<_, _> = recovered.claims.iter().map(|c| (&c.id, c)).collect();
    let short = |s: &str| -> String {
        let cut: String = s.chars().take(40).collect();
        if cut.len() < s.len() {
            format!("{cut}…")
        } else {
            cut
        }
    };
    for c in &recovered.claims {
        let Some(o) = old.get(&c.id) else {
            out.push(format!("+ claim “{}”", short(&c.text)));
            continue;
        };
        let name = short(&c.text);
        if o.verdict.rating != c.verdict.rating {
            let r = |r: &Option<String>| r.clone().unwrap_or_else(|| "unrated".into());
            out.push(format!(
                "~ “{name}”: {} → {}",
                r(&o.verdict.rating),
                r(&c.verdict.rating)
            ));
        }
        if o.links.len() != c.links.len() {
            out.push(format!(
                "~ “{name}”: {} → {} links",
                o.links.len(),
                c.links.len()
            ));
        } else if o.links != c.links {
            out.push(format!("~ “{name}”: links changed"));
        }
        if o.text != c.text
            || o.claimant != c.claimant
            || o.verdict.explanation != c.verdict.explanation
            || o.status != c.status
        {
            out.push(format!(
                "~ “{name}”: wording, claimant, status or explanation"
            ));
        }
    }
    for c in &saved.claims {
        if !new.contains_key(&c.id) {
            out.push(format!("− claim “{}”", short(&c.text)));
        }
    }
    let added = recovered
        .sources
        .iter()
        .filter(|s| saved.source(&s.id).is_none())
        .count();
    let removed = saved
        .sources
        .iter()
        .filter(|s| recovered.source(&s.id).is_none())
        .count();
    if added + removed > 0 {
        out.push(format!("sources: +{added} −{removed}"));
    }
    if out.is_empty() {
        out.push("no differences in claims, links, verdicts or sources".into());
    }
    out
}
