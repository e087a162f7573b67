//! The source library screen (`S`) and the source record form.

use super::action::Effect;
use super::editor::Editor;
use super::form::{Form, FormField};
use super::state::{AppState, Confirmation, LibraryView, Overlay, View};
use crate::keymap::Command;
use crate::model::{Name, SOURCE_TYPES, Source, SourceId};
use crate::picker::Picker;

use super::evidence::PICKER_BUDGET;

/// Field order of the source record; the type comes first.
const SOURCE_FIELDS: [&str; 9] = [
    "Type",
    "Title",
    "URL",
    "Site / journal",
    "Authors",
    "Issued",
    "Accessed",
    "Archive URL",
    "Notes",
];

impl AppState {
    /// `S`: the library, full screen (again: back to the main screen).
    pub(super) fn toggle_library(&mut self) {
        if matches!(self.view, View::Library(_)) {
            self.view = View::Main;
            return;
        }
        let mut picker = Picker::new(self.case.sources.iter().map(Source::haystack).collect());
        picker.step(PICKER_BUDGET);
        self.view = View::Library(Box::new(LibraryView {
            picker,
            filter: Editor::single_line(""),
            filtering: false,
            selected: 0,
        }));
    }

    /// Rebuilds the library's rows after the sources changed, keeping the filter.
    pub(super) fn refresh_library(&mut self) {
        let haystacks = self.case.sources.iter().map(Source::haystack).collect();
        if let View::Library(l) = &mut self.view {
            l.picker = Picker::new(haystacks);
            l.picker.set_query(&l.filter.text());
            l.picker.step(PICKER_BUDGET);
            let rows = l.picker.matches().len();
            l.selected = l.selected.min(rows.saturating_sub(1));
        }
    }

    /// The source under the library's cursor.
    pub fn library_selection(&self) -> Option<SourceId> {
        let View::Library(l) = &self.view else {
            return None;
        };
        let m = l.picker.matches().get(l.selected)?;
        Some(self.case.sources.get(m.index)?.id.clone())
    }

    pub(super) fn run_library(&mut self, command: Command) -> Vec<Effect> {
        let page = self.viewport.article_height.saturating_sub(2).max(1) as isize;
        let View::Library(l) = &mut self.view else {
            return Vec::new();
        };
        let rows = l.picker.matches().len();
        let mut move_by = |delta: isize| {
            l.selected = l
                .selected
                .saturating_add_signed(delta)
                .min(rows.saturating_sub(1));
        };
        match command {
            Command::MoveDown => move_by(1),
            Command::MoveUp => move_by(-1),
            Command::PageDown => move_by(page),
            Command::PageUp => move_by(-page),
            Command::GoTop => move_by(isize::MIN),
            Command::GoBottom => move_by(isize::MAX),
            Command::FilterLibrary => l.filtering = true,
            // Esc with a filter in force clears the filter first.
            Command::Cancel if !l.filter.text().is_empty() => {
                l.filter = Editor::single_line("");
                l.picker.set_query("");
                l.picker.step(PICKER_BUDGET);
                l.selected = 0;
            }
            Command::Cancel | Command::OpenLibrary => self.view = View::Main,
            Command::AddSource => self.open_source_form(None),
            Command::EditSource => match self.library_selection() {
                Some(id) => self.open_source_form(Some(id)),
                None => self.info("No source here: a adds one"),
            },
            Command::DeleteSource => match self.library_selection() {
                Some(id) => self.overlay = Some(Overlay::Confirm(Confirmation::DeleteSource(id))),
                None => self.info("No source here"),
            },
            Command::CopyUrl => return self.copy_url(self.library_selection()),
            Command::OpenUrl => return self.open_url(self.library_selection()),
            other => return self.run_pane(other),
        }
        Vec::new()
    }

    /// Keys while typing the library filter.
    pub(super) fn run_library_filter(&mut self, command: Command) {
        let View::Library(l) = &mut self.view else {
            return;
        };
        match command {
            Command::Confirm => l.filtering = false,
            Command::Cancel => {
                l.filtering = false;
                l.filter = Editor::single_line("");
                l.picker.set_query("");
                l.picker.step(PICKER_BUDGET);
                l.selected = 0;
            }
            other => {
                if super::update::edit(&mut l.filter, other) {
                    l.picker.set_query(&l.filter.text());
                    l.picker.step(PICKER_BUDGET);
                    l.selected = 0;
                }
            }
        }
    }

    /// Typed or pasted text into the library's filter; how many chars did not fit.
    pub(super) fn library_type(&mut self, text: &str) -> usize {
        let View::Library(l) = &mut self.view else {
            return 0;
        };
        let dropped = l.filter.insert_str(text);
        l.picker.set_query(&l.filter.text());
        l.picker.step(PICKER_BUDGET);
        l.selected = 0;
        dropped
    }

    /// The source record: every field editable; `None` adds a new source.
    pub(super) fn open_source_form(&mut self, id: Option<SourceId>) {
        let today = self.entropy.today();
        let blank = Source::new(SourceId(String::new()), "", "", &today);
        let source = id
            .as_ref()
            .and_then(|id| self.case.source(id))
            .unwrap_or(&blank);
        let kind = SOURCE_TYPES
            .iter()
            .position(|t| *t == source.kind)
            .unwrap_or(SOURCE_TYPES.len() - 1);
        let f = SOURCE_FIELDS;
        let form = Form::new(vec![
            FormField::choice(f[0], &SOURCE_TYPES, kind),
            FormField::line(f[1], &source.title),
            FormField::line(f[2], &source.url),
            FormField::line(f[3], &source.container_title),
            FormField::line(f[4], &source.authors_typed()),
            FormField::line(f[5], &source.issued),
            FormField::line(f[6], &source.accessed),
            FormField::line(f[7], &source.archive_url),
            FormField::text(f[8], &source.note),
        ]);
        let mut form = form;
        if id.is_none() {
            form.focus = 1;
        }
        self.overlay = Some(Overlay::SourceForm { source: id, form });
    }

    pub(super) fn run_source_form(&mut self, command: Command) {
        let Some(Overlay::SourceForm { form, .. }) = &mut self.overlay else {
            return;
        };
        match command {
            Command::NextField => form.next(),
            Command::PreviousField => form.previous(),
            Command::NextType => form.cycle(0, 1),
            Command::PreviousType => form.cycle(0, -1),
            Command::Cancel => self.cancel_overlay(),
            Command::Confirm => self.finish_source_form(),
            other => {
                if let Some(editor) = form.focused_mut().editor_mut() {
                    super::update::edit(editor, other);
                }
            }
        }
    }

    /// Applies the source record; a missing title or a malformed date keeps the form open.
    fn finish_source_form(&mut self) {
        let Some(Overlay::SourceForm { source, form }) = &self.overlay else {
            return;
        };
        let title = form.value(1).trim().to_string();
        if title.is_empty() {
            self.warn("A source needs a title");
            return;
        }
        for field in [5, 6] {
            let date = form.value(field);
            if !is_date(date.trim()) {
                self.warn(format!(
                    "{} must be YYYY, YYYY-MM or YYYY-MM-DD (or empty), not {:?}",
                    SOURCE_FIELDS[field],
                    date.trim()
                ));
                return;
            }
        }
        let (id, form) = (source.clone(), form.clone());
        self.overlay = None;
        let id = match id {
            Some(id) => id,
            None => self.add_source(&title, ""),
        };
        let Some(s) = self.case.source_mut(&id) else {
            return;
        };
        s.kind = form.value(0);
        s.title = title;
        s.url = form.value(2).trim().to_string();
        s.container_title = form.value(3).trim().to_string();
        s.author = form.value(4).split(';').filter_map(Name::parse).collect();
        s.issued = form.value(5).trim().to_string();
        s.accessed = form.value(6).trim().to_string();
        s.archive_url = form.value(7).trim().to_string();
        s.note = form.value(8).trim_end().to_string();
        let title = s.title.clone();
        self.commit(format!("edit source “{title}”"));
        self.refresh_library();
        self.info(format!("Saved the source “{title}”"));
    }

    pub(super) fn delete_source(&mut self, id: &SourceId) {
        let Some(index) = self.case.source_index(id) else {
            return;
        };
        let removed = self.case.sources.remove(index);
        let links = self.case.link_count(id);
        let now = self.now();
        for claim in &mut self.case.claims {
            let before = claim.links.len();
            claim.links.retain(|l| &l.source != id);
            if claim.links.len() != before {
                claim.updated = now.clone();
            }
        }
        self.commit(format!("delete source “{}”", removed.title));
        self.refresh_library();
        self.info(format!(
            "Deleted “{}” and {links} link{}",
            removed.title,
            if links == 1 { "" } else { "s" }
        ));
    }
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` with a real month and day, or empty.
pub fn is_date(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, len: usize| -> Option<u32> {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => number(y, 4).is_some(),
        [y, m] => number(y, 4).is_some() && number(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => {
            number(y, 4).is_some()
                && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(d, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}
