//! The merge-conflict list: each conflict resolved with ours, theirs or a typed value, as
//! an undoable change. The conflicts live in the case (`case.conflicts`), so a resolved one
//! is simply gone from it and the next save drops it from the file.

use serde_json::Value;

use super::action::Effect;
use super::editor::Editor;
use super::state::{AppState, Overlay};
use crate::keymap::Command;
use crate::store;

/// Which value resolves a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Ours,
    Theirs,
}

impl AppState {
    /// Opens the conflict list, quietly, when the case has conflicts (as a case opens, and
    /// after the questions asked on opening); its title says how many.
    pub(super) fn open_conflicts_if_any(&mut self) {
        if !self.case.conflicts.is_empty() {
            self.overlay = Some(Overlay::Conflicts {
                selected: 0,
                editor: None,
            });
        }
    }

    /// `!`: the conflict list.
    pub(super) fn open_conflicts(&mut self) {
        if self.case.conflicts.is_empty() {
            self.info("No merge conflicts");
            return;
        }
        self.overlay = Some(Overlay::Conflicts {
            selected: 0,
            editor: None,
        });
        let n = self.case.conflicts.len();
        self.warn(format!(
            "{n} merge conflict{} to resolve: o ours, t theirs, e edit",
            if n == 1 { "" } else { "s" }
        ));
    }

    fn selected_conflict(&self) -> Option<usize> {
        match &self.overlay {
            Some(Overlay::Conflicts { selected, .. }) => {
                Some((*selected).min(self.case.conflicts.len().checked_sub(1)?))
            }
            _ => None,
        }
    }

    pub(super) fn run_conflicts(&mut self, command: Command) -> Vec<Effect> {
        use Command::*;
        let Some(index) = self.selected_conflict() else {
            self.overlay = None;
            return Vec::new();
        };
        match command {
            MoveDown | MoveUp => {
                let last = self.case.conflicts.len() - 1;
                let next = match command {
                    MoveDown => (index + 1).min(last),
                    _ => index.saturating_sub(1),
                };
                self.overlay = Some(Overlay::Conflicts {
                    selected: next,
                    editor: None,
                });
            }
            TakeOurs => self.take(index, Side::Ours),
            TakeTheirs => self.take(index, Side::Theirs),
            EditConflict => self.open_conflict_editor(index),
            Cancel => self.overlay = None,
            // Save, undo, redo, quit and help work over the list.
            _ => return self.run_pane(command),
        }
        Vec::new()
    }

    fn take(&mut self, index: usize, side: Side) {
        let Some(c) = self.case.conflicts.get(index) else {
            return;
        };
        let value = match side {
            Side::Ours => c.ours.clone(),
            Side::Theirs => c.theirs.clone(),
        };
        let how = match side {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        };
        self.resolve(index, value, how);
    }

    /// Sets the conflict's place to `value`, records it, and moves on to the next one.
    fn resolve(&mut self, index: usize, value: Option<Value>, how: &str) {
        let place = self.case.conflicts[index].place(&self.case);
        match store::resolve_conflict(&mut self.case, index, value.as_ref()) {
            Ok(_) => {
                self.commit(format!("resolve {place} ({how})"));
                let left = self.case.conflicts.len();
                if left == 0 {
                    self.overlay = None;
                    self.info(format!(
                        "Took {how} for {place}: no conflicts left (save to drop them from the file)"
                    ));
                } else {
                    self.overlay = Some(Overlay::Conflicts {
                        selected: index.min(left - 1),
                        editor: None,
                    });
                    self.info(format!("Took {how} for {place}: {left} left"));
                }
            }
            Err(e) => self.error(format!("Not resolved: {e}")),
        }
    }

    /// `e`: an editor on the value, ours to start with (text as text, anything else as JSON).
    fn open_conflict_editor(&mut self, index: usize) {
        let c = &self.case.conflicts[index];
        let start = c.ours.as_ref().or(c.theirs.as_ref());
        let text = match start {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        let editor = match text.contains('\n') {
            true => Editor::multi_line(&text),
            false => Editor::single_line(&text),
        };
        self.overlay = Some(Overlay::Conflicts {
            selected: index,
            editor: Some(editor),
        });
    }

    /// Enter in the conflict editor: the typed value resolves the conflict.
    pub(super) fn finish_conflict_edit(&mut self) {
        let Some(Overlay::Conflicts {
            selected,
            editor: Some(editor),
        }) = &self.overlay
        else {
            return;
        };
        let (index, typed) = (*selected, editor.text());
        let Some(c) = self.case.conflicts.get(index) else {
            return;
        };
        let textual = [&c.ours, &c.theirs, &c.base]
            .iter()
            .any(|v| matches!(v, Some(Value::String(_))));
        let value = match textual {
            true => Value::String(typed),
            false => match serde_json::from_str(&typed) {
                Ok(v) => v,
                Err(e) => {
                    self.error(format!("Not JSON: {e}"));
                    return;
                }
            },
        };
        self.resolve(index, Some(value), "an edited value");
    }
}
