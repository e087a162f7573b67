//! `AppState::update`: one action in, state changed, effects out.

use super::action::{Action, Effect};
use super::editor::Editor;
use super::state::{AppState, Confirmation, Field, Overlay, Pane, View};
use crate::keymap::{Command, Context, Key};

/// Applies an editing command to an editor; false when the command is not an edit.
pub(super) fn edit(editor: &mut Editor, command: Command) -> bool {
    use Command::*;
    match command {
        CursorLeft => editor.left(),
        CursorRight => editor.right(),
        CursorUp => editor.up(),
        CursorDown => editor.down(),
        LineStart => editor.home(),
        LineEnd => editor.end(),
        DeleteBack => editor.delete_back(),
        DeleteForward => editor.delete_forward(),
        DeleteWordBack => editor.delete_word_back(),
        DeleteWordForward => editor.delete_word_forward(),
        WordLeft => editor.word_left(),
        WordRight => editor.word_right(),
        DeleteToLineStart => editor.delete_to_line_start(),
        DeleteToLineEnd => editor.delete_to_line_end(),
        NewLine => editor.new_line(),
        _ => return false,
    }
    true
}

impl AppState {
    /// Applies one action and returns what the runner must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let effects = self.apply_action(action);
        self.freshen_view();
        effects
    }

    /// [`AppState::update`] but for the view's lines.
    fn apply_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Key(key) => {
                self.message = None;
                return self.key(key);
            }
            Action::Resize(mut viewport) => {
                if let Some(width) = self.reading_width {
                    viewport.article_width = viewport.article_width.min(width.max(1));
                }
                self.viewport = viewport;
                self.relayout();
            }
            Action::ClickArticle { line, col } if self.overlay.is_none() => {
                self.click_article(line, col)
            }
            Action::DragArticle { line, col } if self.overlay.is_none() => {
                self.drag_article(line, col)
            }
            Action::ClickClaim(index) if self.overlay.is_none() => {
                self.focus = Pane::Claims;
                self.select_claim(index);
            }
            Action::ClickPane(pane) if self.overlay.is_none() => {
                self.focus = pane;
                self.selection = None;
            }
            Action::ScrollArticle(lines) if matches!(self.view, View::Main) => {
                self.scroll_article(lines)
            }
            Action::Tick => self.tick(),
            Action::LinesReady { width, lines } => self.lines_ready(width, lines),
            Action::ExternalEdit { claim, result } => {
                self.message = None;
                self.external_edit_done(claim, result)
            }
            Action::SuggestionsReady { generation, scored } => {
                self.suggestions_ready(generation, scored)
            }
            Action::CasesScanned(index, skipped) => self.cases_scanned(index, skipped),
            Action::IndexReady { doc, sha256 } => self.index_ready(*doc, sha256),
            Action::Paste(text) => self.paste(&text),
            Action::ScrollClaims(rows) if self.overlay.is_none() => self.move_list(rows),
            Action::ScrollDetail(rows) if self.overlay.is_none() => self.scroll_detail(rows),
            Action::Saved {
                result: Ok(path), ..
            } => {
                self.autosave_problem = None;
                self.undo.mark_saved();
                self.info(format!(
                    "Saved {} claim{} to {}",
                    self.case.claims.len(),
                    if self.case.claims.len() == 1 { "" } else { "s" },
                    path.display()
                ));
            }
            Action::Exported(result) => self.exported(result),
            Action::SaveConflict { then_quit, what } => {
                self.overlay = Some(Overlay::SaveConflict { then_quit, what });
            }
            Action::Autosaved(kept) => self.autosaved(kept),
            Action::Saved {
                result: Err(reason),
                then_quit,
            } => {
                self.error(format!("Not saved: {reason}"));
                self.overlay = Some(Overlay::SaveFailed { reason, then_quit });
            }
            _ => {}
        }
        Vec::new()
    }

    /// Whether a key must wait for the complete index: everything but moving around the
    /// article (which works on the partial index of the first or last screens).
    pub fn key_needs_index(&self, key: Key) -> bool {
        use Command::*;
        if self.doc.complete {
            return false;
        }
        let context = self.context();
        let command = self.keymap.lookup(context, key);
        // Typing a search needs no index; running it does.
        if matches!(self.overlay, Some(super::state::Overlay::Search { .. })) {
            return command == Some(Confirm);
        }
        !(context == Context::Article
            && matches!(
                command,
                Some(MoveDown | MoveUp | PageDown | PageUp | GoTop | GoBottom | Search)
            ))
    }

    /// What the status bar says while keys wait for the complete index (see
    /// [`AppState::key_needs_index`]).
    pub fn held_for_index(&mut self, keys: usize) {
        let what = if matches!(self.overlay, Some(super::state::Overlay::Search { .. })) {
            "Searching… (the article is still being indexed)".to_string()
        } else {
            format!(
                "The article is still being indexed: {keys} key{} will follow",
                if keys == 1 { "" } else { "s" }
            )
        };
        self.info(what);
    }

    fn key(&mut self, key: Key) -> Vec<Effect> {
        let context = self.context();
        if let Some(command) = self.keymap.lookup(context, key) {
            return self.run(context, command);
        }
        if let Some(d) = key.digit().filter(|d| *d > 0)
            && let Some(Overlay::Rating { claim, .. }) = &self.overlay
        {
            let claim = claim.clone();
            self.rate(&claim, Some(d as usize - 1));
            return Vec::new();
        }
        if let Some(c) = key.typed_char() {
            self.type_char(c);
        }
        Vec::new()
    }

    /// A character typed into the open text field, query or filter.
    fn type_char(&mut self, c: char) {
        self.type_text(c.encode_utf8(&mut [0; 4]));
    }

    /// Text typed or pasted into the open text field, query or filter, in one step: the
    /// cost is linear in its length, and a picker or filter rescores once.
    fn type_text(&mut self, text: &str) {
        let context = self.context();
        let dropped = match &mut self.overlay {
            Some(Overlay::Picker(_)) => self.picker_type(text),
            Some(Overlay::Claimant(prompt)) => prompt.type_text(text),
            Some(Overlay::ExportPath { editor, .. }) => editor.insert_str(text),
            Some(Overlay::MetadataForm { form }) => form
                .focused_mut()
                .editor_mut()
                .map_or(0, |editor| editor.insert_str(text)),
            Some(
                Overlay::Edit { editor, .. }
                | Overlay::NewSourceTitle { editor, .. }
                | Overlay::SaveAs { editor, .. }
                | Overlay::Search { editor }
                | Overlay::ClaimFilter { editor }
                | Overlay::Conflicts {
                    editor: Some(editor),
                    ..
                },
            ) => editor.insert_str(text),
            Some(Overlay::LinkForm { form, .. } | Overlay::SourceForm { form, .. }) => form
                .focused_mut()
                .editor_mut()
                .map_or(0, |editor| editor.insert_str(text)),
            None if context == Context::LibraryFilter => self.library_type(text),
            _ => 0,
        };
        if dropped > 0 {
            self.warn(format!(
                "Pasted text cut: a one-line field holds {} characters ({dropped} left out)",
                super::editor::ONE_LINE_MAX
            ));
        }
    }

    /// Pasted text goes into whatever text field is open; elsewhere it is ignored (a paste
    /// must never run commands).
    fn paste(&mut self, text: &str) {
        if self.overlay.is_none() && self.context() != Context::LibraryFilter {
            self.info("Paste into an editor, a picker or a filter");
            return;
        }
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        self.type_text(&text);
    }

    /// Runs `command` as if its key had been pressed in `context` (the command palette).
    pub(super) fn run_command(&mut self, context: Context, command: Command) -> Vec<Effect> {
        self.run(context, command)
    }

    /// Runs a command bound in `context`.
    fn run(&mut self, context: Context, command: Command) -> Vec<Effect> {
        use Command::*;
        match context {
            Context::Help => self.run_help(command),
            Context::Rating => self.run_rating(command),
            Context::LineEditor | Context::TextEditor => return self.run_editor(command),
            Context::Recovery => return self.run_recovery(command),
            Context::SaveConflict => return self.run_save_conflict(command),
            Context::ExistingCase => self.run_existing_case(command),
            Context::ReanchorOffer => self.run_reanchor_offer(command),
            Context::Review => self.run_review(command),
            Context::SaveFailed => {
                if let Some(Overlay::SaveFailed { then_quit, .. }) = self.overlay.take()
                    && command == SaveAs
                {
                    self.open_save_as(then_quit);
                }
            }
            Context::Picker => return self.run_picker(command),
            Context::LinkStance | Context::LinkText | Context::LinkLine => {
                self.run_link_form(command)
            }
            Context::SourceTypeField | Context::SourceLine | Context::SourceText
                if matches!(self.overlay, Some(Overlay::MetadataForm { .. })) =>
            {
                self.run_metadata_form(command)
            }
            Context::SourceTypeField | Context::SourceLine | Context::SourceText => {
                self.run_source_form(command)
            }
            Context::Library => return self.run_library(command),
            Context::Overview => return self.run_overview(command),
            Context::Conflicts => return self.run_conflicts(command),
            Context::LibraryFilter => self.run_library_filter(command),
            Context::Confirm => {
                if let Some(Overlay::Confirm(what)) = self.overlay.take() {
                    match (command == Confirm, what) {
                        (true, Confirmation::DeleteClaim(claim)) => self.delete(&claim),
                        (true, Confirmation::RemoveLink { claim, index }) => {
                            self.remove_link(&claim, index)
                        }
                        (true, Confirmation::DeleteSource(source)) => self.delete_source(&source),
                        (false, _) => self.info("Nothing deleted"),
                    }
                }
            }
            Context::DiscardPrompt => self.run_discard_prompt(command),
            Context::QuitPrompt => {
                self.overlay = None;
                match command {
                    SaveAndQuit => return vec![Effect::Save { then_quit: true }],
                    DiscardAndQuit => return vec![Effect::Quit],
                    _ => self.open_next = None,
                }
            }
            _ => return self.run_pane(command),
        }
        Vec::new()
    }

    /// Commands of the panes, the selection and the global context.
    pub(super) fn run_pane(&mut self, command: Command) -> Vec<Effect> {
        use Command::*;
        let in_article = self.focus == Pane::Article;
        if command == Cancel && self.reselecting.take().is_some() {
            self.info("Re-selecting cancelled: the span is as it was");
        }
        match command {
            Save => return vec![Effect::Save { then_quit: false }],
            Quit => return self.quit(None),
            ShowHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            FocusNextPane | FocusPreviousPane => {
                self.selection = None;
                self.focus = if command == FocusNextPane {
                    self.focus.next()
                } else {
                    self.focus.previous()
                };
            }
            MoveDown | MoveUp => {
                let delta = if command == MoveDown { 1 } else { -1 };
                match self.focus {
                    Pane::Article => self.move_cursor(delta),
                    Pane::Claims => self.move_list(delta),
                    Pane::Detail => self.move_link(delta),
                }
            }
            PageDown | PageUp => {
                let down = command == PageDown;
                if in_article {
                    self.page_article(down);
                } else if self.focus == Pane::Detail {
                    let page = self.detail_pane_height() as isize;
                    self.scroll_detail(if down { page } else { -page });
                } else {
                    let page = self.list_pane_height().saturating_sub(1).max(1) as isize;
                    self.move_list(if down { page } else { -page });
                }
            }
            GoTop if in_article => {
                self.partial_jump(false);
                self.cursor_to(0);
            }
            GoBottom if in_article => {
                self.partial_jump(true);
                self.cursor_to(usize::MAX);
            }
            GoTop if self.focus == Pane::Detail => {
                self.detail_scroll = 0;
                self.detail_link = 0;
            }
            GoTop => self.move_list(isize::MIN),
            GoBottom => self.move_list(isize::MAX),
            StartSelection => self.start_selection(),
            SaveAs => self.open_save_as(false),
            ShowConflicts => self.open_conflicts(),
            Undo => self.undo(),
            Redo => self.redo(),
            MakeClaim => self.make_claim(),
            ToggleResidue if in_article => self.toggle_residue(),
            NextClaim => self.jump_claim(true),
            PreviousClaim => self.jump_claim(false),
            JumpToClaim => self.jump_to_current(),
            RateClaim => self.open_rating(),
            EditWording => self.open_editor(Field::Wording),
            EditExplanation => self.open_editor(Field::Explanation),
            EditClaimant => self.open_claimant_prompt(),
            EditMetadata => self.open_metadata_form(),
            ExportClaimreview => self.open_export(crate::export::Format::Claimreview),
            ExportMarkdown => self.open_export(crate::export::Format::Markdown),
            ExportCsv => self.open_export(crate::export::Format::Csv),
            CycleStatus => self.cycle_status(),
            Delete if self.focus == Pane::Detail => self.ask_remove_link(),
            Delete => self.ask_delete(),
            LinkSource => self.open_source_picker(),
            OpenPalette => self.open_palette(),
            OpenLibrary => self.toggle_library(),
            FilterClaims => self.open_list_filter(),
            ToggleUncovered => self.toggle_uncovered(),
            NextUncovered => self.jump_uncovered(true),
            PreviousUncovered => self.jump_uncovered(false),
            NextTodo => self.jump_todo(),
            ChangeScale => self.open_scale_picker(),
            ShowOverview => self.toggle_overview(),
            EditLink => self.edit_selected_link(),
            OpenSource => self.open_selected_source(),
            OpenUrl => {
                let source = self.selected_source();
                return self.open_url(source);
            }
            CopyWording => return self.copy_claim(false),
            EditInEditor => return self.edit_externally(),
            CopyQuote => return self.copy_claim(true),
            CopyUrl => {
                let source = self.selected_link().map(|(_, l)| l.source.clone());
                return self.copy_url(source);
            }
            ExtendWord => self.adjust_selection_end(false, true),
            ShrinkWord => self.adjust_selection_end(false, false),
            ExtendSentence => self.adjust_selection_end(true, true),
            ShrinkSentence => self.adjust_selection_end(true, false),
            MoveStartRight => self.move_selection_start(true),
            MoveStartLeft => self.move_selection_start(false),
            ExtendChar => self.adjust_selection_by_char(true),
            ShrinkChar => self.adjust_selection_by_char(false),
            Cancel if std::mem::take(&mut self.first_steps) => {
                self.info("Closed the first-steps panel: ? shows every key");
            }
            Cancel if self.selection.take().is_none() && self.search.take().is_some() => {
                self.info("Search cleared");
            }
            AddSpan => self.add_span(),
            NextSpan => self.visit_span(true),
            PreviousSpan => self.visit_span(false),
            ShowReview => self.open_review(),
            Search => self.open_search(),
            NextMatch => self.jump_match(true),
            NextSuggestion => self.jump_suggestion(true),
            PreviousSuggestion => self.jump_suggestion(false),
            DismissSuggestion => self.dismiss_suggestion(),
            ToggleSuggestions => self.toggle_suggestions(),
            ShowSimilar => return self.show_similar(),
            PreviousMatch => self.jump_match(false),
            _ => {}
        }
        Vec::new()
    }

    /// Esc in a form or editor: closes it, or asks first when something was typed.
    pub(super) fn cancel_overlay(&mut self) {
        match self.overlay.take() {
            Some(overlay) if overlay.has_changes() => {
                self.overlay = Some(Overlay::Discard(Box::new(overlay)));
            }
            _ => {}
        }
    }

    /// "Discard changes? y/n": y throws the typing away, n or Esc goes back to it.
    fn run_discard_prompt(&mut self, command: Command) {
        let Some(Overlay::Discard(under)) = self.overlay.take() else {
            return;
        };
        match command {
            Command::DiscardChanges => self.info("Discarded the changes"),
            _ => self.overlay = Some(*under),
        }
    }

    fn run_help(&mut self, command: Command) {
        let Some(Overlay::Help { scroll }) = &mut self.overlay else {
            return;
        };
        // The help popup shows about one line fewer than the article pane.
        let visible = self.viewport.article_height.saturating_sub(1).max(1);
        let page = visible.saturating_sub(1).max(1);
        let notices = if self.notices.is_empty() {
            0
        } else {
            self.notices.len() * 2 + 2
        };
        // The popup's inside: at most 76 columns, less its border (as the screen draws it).
        let v = &self.viewport;
        let screen = v.article_width + v.detail_width + 7;
        let width = screen.min(76).saturating_sub(2);
        let rows = crate::keymap::wrap_help(&crate::keymap::help_lines(&self.keymap), width)
            .0
            .len();
        let max = (rows + notices).saturating_sub(visible);
        match command {
            Command::MoveDown => *scroll = (*scroll + 1).min(max),
            Command::MoveUp => *scroll = scroll.saturating_sub(1),
            Command::PageDown => *scroll = (*scroll + page).min(max),
            Command::PageUp => *scroll = scroll.saturating_sub(page),
            Command::Cancel => self.overlay = None,
            _ => {}
        }
    }

    fn run_rating(&mut self, command: Command) {
        let Some(Overlay::Rating { claim, selected }) = &mut self.overlay else {
            return;
        };
        let count = self.case.scale.labels.len();
        match command {
            Command::MoveDown => *selected = (*selected + 1).min(count.saturating_sub(1)),
            Command::MoveUp => *selected = selected.saturating_sub(1),
            Command::Confirm => {
                let (claim, at) = (claim.clone(), *selected);
                self.rate(&claim, Some(at));
            }
            Command::ClearRating => {
                let claim = claim.clone();
                self.rate(&claim, None);
            }
            Command::Cancel => self.overlay = None,
            _ => {}
        }
    }

    fn run_editor(&mut self, command: Command) -> Vec<Effect> {
        match (command, &mut self.overlay) {
            (_, Some(Overlay::Claimant(_))) => self.run_claimant_prompt(command),
            (Command::Confirm, Some(Overlay::ExportPath { .. })) => return self.finish_export(),
            (Command::Confirm, Some(Overlay::NewSourceTitle { .. })) => {
                self.finish_new_source_title()
            }
            (Command::Confirm, Some(Overlay::SaveAs { .. })) => return self.finish_save_as(),
            (Command::Confirm, Some(Overlay::Search { .. })) => self.finish_search(),
            (Command::Confirm, Some(Overlay::ClaimFilter { .. })) => self.finish_list_filter(),
            (Command::EarlierQuery | Command::LaterQuery, Some(Overlay::Search { .. })) => {
                self.recall_search(command == Command::EarlierQuery)
            }
            (Command::Confirm, Some(Overlay::Conflicts { .. })) => self.finish_conflict_edit(),
            (Command::Cancel, Some(Overlay::Conflicts { editor, .. })) => *editor = None,
            (Command::Confirm, _) => self.finish_edit(),
            (Command::Cancel, _) => self.cancel_overlay(),
            (
                other,
                Some(
                    Overlay::Edit { editor, .. }
                    | Overlay::NewSourceTitle { editor, .. }
                    | Overlay::SaveAs { editor, .. }
                    | Overlay::Search { editor }
                    | Overlay::ClaimFilter { editor }
                    | Overlay::ExportPath { editor, .. }
                    | Overlay::Conflicts {
                        editor: Some(editor),
                        ..
                    },
                ),
            ) => {
                edit(editor, other);
            }
            _ => {}
        }
        Vec::new()
    }
}
