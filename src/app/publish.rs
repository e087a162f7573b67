//! Publishing from the TUI: the article-metadata form (`M`) and the exports of the palette.

use std::path::PathBuf;

use super::action::{Action, Effect, Exported};
use super::editor::Editor;
use super::form::{Form, FormField};
use super::state::{AppState, Overlay};
use crate::export::Format;
use crate::keymap::Command;
use crate::model::{MetaEdit, is_date_or_time, looks_like_url};

/// The metadata form's fields, in order. The last two belong to the current claim.
pub const METADATA_FIELDS: [&str; 8] = [
    "Title",
    "URL",
    "Outlet",
    "Authors (; between)",
    "Published",
    "Language",
    "Claim made on",
    "Claim first seen at",
];

impl AppState {
    /// `M`: the article's metadata, and the current claim's date and first appearance.
    pub(super) fn open_metadata_form(&mut self) {
        let meta = &self.case.article.meta;
        let claim = self.current_claim();
        let form = Form::new(vec![
            FormField::line(
                METADATA_FIELDS[0],
                self.case.article.origin.title.as_deref().unwrap_or(""),
            ),
            FormField::line(METADATA_FIELDS[1], meta.url.as_deref().unwrap_or("")),
            FormField::line(METADATA_FIELDS[2], meta.outlet.as_deref().unwrap_or("")),
            FormField::line(METADATA_FIELDS[3], &meta.authors.join("; ")),
            FormField::line(METADATA_FIELDS[4], meta.published.as_deref().unwrap_or("")),
            FormField::line(METADATA_FIELDS[5], meta.language.as_deref().unwrap_or("")),
            FormField::line(
                METADATA_FIELDS[6],
                claim.and_then(|c| c.made_on.as_deref()).unwrap_or(""),
            ),
            FormField::line(
                METADATA_FIELDS[7],
                claim
                    .and_then(|c| c.first_appearance.as_deref())
                    .unwrap_or(""),
            ),
        ]);
        self.overlay = Some(Overlay::MetadataForm { form });
    }

    pub(super) fn run_metadata_form(&mut self, command: Command) {
        let Some(Overlay::MetadataForm { form }) = &mut self.overlay else {
            return;
        };
        match command {
            Command::NextField => form.next(),
            Command::PreviousField => form.previous(),
            Command::Cancel => self.cancel_overlay(),
            Command::Confirm => self.finish_metadata_form(),
            other => {
                if let Some(editor) = form.focused_mut().editor_mut() {
                    super::update::edit(editor, other);
                }
            }
        }
    }

    /// Ctrl-s: checks every value (the rules of `factdesk meta`), then applies them; a bad
    /// value keeps the form open with the reason.
    fn finish_metadata_form(&mut self) {
        let Some(Overlay::MetadataForm { form }) = &self.overlay else {
            return;
        };
        let v = |i: usize| form.value(i).trim().to_string();
        let edit = MetaEdit {
            url: Some(v(1)),
            outlet: Some(v(2)),
            authors: Some(v(3).split(';').map(str::to_string).collect()),
            published: Some(v(4)),
            language: Some(v(5)),
        };
        let (title, made_on, first) = (v(0), v(6), v(7));
        let claim = self.current.clone();
        if claim.is_some() && !made_on.is_empty() && !is_date_or_time(&made_on) {
            self.warn(format!("Claim made on: {made_on:?} is not YYYY-MM-DD"));
            return;
        }
        if claim.is_some()
            && !first.is_empty()
            && !(looks_like_url(&first) && first.contains("://"))
        {
            self.warn(format!(
                "Claim first seen at: {first:?} is not an http(s) URL"
            ));
            return;
        }
        let mut meta = self.case.article.meta.clone();
        let mut changed = match edit.apply(&mut meta) {
            Ok(changed) => changed,
            Err(e) => {
                self.warn(e.to_string());
                return;
            }
        };
        self.overlay = None;
        self.case.article.meta = meta;
        let title = (!title.is_empty()).then_some(title);
        if self.case.article.origin.title != title {
            self.case.article.origin.title = title;
            changed.push("title");
        }
        let now = self.now();
        let claim_index = claim.as_ref().and_then(|id| self.case.claim_index(id));
        if let Some(index) = claim_index {
            let c = &mut self.case.claims[index];
            let made_on = (!made_on.is_empty()).then_some(made_on);
            let first = (!first.is_empty()).then_some(first);
            if c.made_on != made_on || c.first_appearance != first {
                c.made_on = made_on;
                c.first_appearance = first;
                c.updated = now;
                changed.push("the claim's date and first appearance");
            }
        }
        // One undoable change for the article's metadata and the claim's fields.
        self.commit("edit the article's metadata");
        self.info(if changed.is_empty() {
            "Metadata unchanged".to_string()
        } else {
            format!("Metadata: set {}", changed.join(", "))
        });
    }

    /// A palette export: asks where, defaulting to beside the verdict file.
    pub(super) fn open_export(&mut self, format: Format) {
        let path = crate::export_cli::default_path(&self.file.path, format);
        self.overlay = Some(Overlay::ExportPath {
            format,
            editor: Editor::single_line(&path.display().to_string()),
        });
    }

    /// Enter in the export prompt: the runner writes the file.
    pub(super) fn finish_export(&mut self) -> Vec<Effect> {
        let Some(Overlay::ExportPath { format, editor }) = self.overlay.take() else {
            return Vec::new();
        };
        let path = editor.text().trim().to_string();
        if path.is_empty() {
            self.warn("Type a path to export to");
            self.open_export(format);
            return Vec::new();
        }
        vec![Effect::Export {
            format,
            path: PathBuf::from(path),
        }]
    }

    /// The runner wrote an export (or could not): say where, and record first publications.
    pub(super) fn exported(&mut self, result: Result<Exported, String>) {
        let done = match result {
            Ok(done) => done,
            Err(reason) => {
                self.error(format!("Not exported: {reason}"));
                return;
            }
        };
        let recorded = crate::export::record_published(&mut self.case, &done.published);
        if recorded > 0 {
            self.commit("record the first publication of reviews");
        }
        let mut text = format!("{} written to {}", done.format.name(), done.path.display());
        if done.warnings > 0 {
            text.push_str(&format!(
                " · {} to fix before publishing (O overview)",
                done.warnings
            ));
        }
        if recorded > 0 {
            text.push_str(&format!(
                " · first publication of {recorded} recorded: save to keep"
            ));
        }
        self.info(text);
    }

    /// The action that reports an export.
    pub fn export_action(result: Result<Exported, String>) -> Action {
        Action::Exported(result)
    }
}

#[cfg(test)]
mod tests {
    use crate::app::tests::run;

    /// The metadata form sets the article's metadata and the claim's date; the case is
    /// changed (to save), undo puts both back; a bad date keeps the form open.
    #[test]
    fn metadata_form_sets_and_undoes() {
        let text = "Title\n\nA claim here. Another one.";
        let (s, _) = run(
            text,
            "jjcM<Tab>https://news.example/a<Tab>Tidings<Tab><Tab>2026-01-02<Tab>en<Tab>2025-12-31<Ctrl-s>",
        );
        assert!(s.overlay.is_none(), "{:?}", s.message);
        assert_eq!(
            s.case.article.meta.url.as_deref(),
            Some("https://news.example/a")
        );
        assert_eq!(s.case.article.meta.outlet.as_deref(), Some("Tidings"));
        assert_eq!(s.case.claims[0].made_on.as_deref(), Some("2025-12-31"));
        assert!(s.dirty());
        let (s, _) = run(text, "jjcM<Tab>https://news.example/a<Ctrl-s>u");
        assert_eq!(s.case.article.meta.url, None);
        let (s, _) = run(text, "jjcM<Tab><Tab><Tab><Tab>last week<Ctrl-s>");
        assert!(s.overlay.is_some());
        assert_eq!(s.case.article.meta.published, None);
    }
}
