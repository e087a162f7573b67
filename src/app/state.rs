//! The application state: the case being checked plus everything about how it is shown.

use super::document::Document;
use super::editor::Editor;
use super::form::{FieldValue, Form};
use crate::keymap::{Command, Context, Keymap};
use crate::model::{Case, Claim, ClaimId, Entropy, SourceId};
use crate::picker::Picker;

/// The panes the focus moves between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Article,
    Claims,
    Detail,
}

impl Pane {
    pub fn next(self) -> Pane {
        match self {
            Pane::Article => Pane::Claims,
            Pane::Claims => Pane::Detail,
            Pane::Detail => Pane::Article,
        }
    }

    pub fn previous(self) -> Pane {
        match self {
            Pane::Article => Pane::Detail,
            Pane::Claims => Pane::Article,
            Pane::Detail => Pane::Claims,
        }
    }

    /// The pane's name in a verdict file's `view.focus`.
    pub fn name(self) -> &'static str {
        match self {
            Pane::Article => "article",
            Pane::Claims => "claims",
            Pane::Detail => "detail",
        }
    }

    /// The pane a `view.focus` names; `None` for a name this version does not know.
    pub fn from_name(name: &str) -> Option<Pane> {
        [Pane::Article, Pane::Claims, Pane::Detail]
            .into_iter()
            .find(|p| p.name() == name)
    }
}

/// Which text field of a claim an editor changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Wording,
    Explanation,
    Claimant,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Wording => "wording",
            Field::Explanation => "explanation",
            Field::Claimant => "claimant",
        }
    }
}

/// What a fuzzy picker picks.
#[derive(Debug, Clone, PartialEq)]
pub enum PickerKind {
    /// A source to link to the claim; the last row offers a new source.
    Source { claim: ClaimId },
    /// A command to run, as if its key had been pressed in `context`.
    Palette {
        context: Context,
        commands: Vec<Command>,
    },
    /// A claim to select; `only`: just these claims (by index), e.g. from the overview.
    Claims { only: Option<Vec<usize>> },
    /// A rating-scale preset for the case (by preset id).
    Scale { ids: Vec<&'static str> },
}

/// A fuzzy picker open over the screen: the query being typed and the ranked rows.
#[derive(Debug)]
pub struct PickerOverlay {
    pub kind: PickerKind,
    pub picker: Picker,
    pub input: Editor,
    /// Row under the cursor, counted in the ranked rows (plus the "new source" row).
    pub selected: usize,
}

impl PickerOverlay {
    /// Rows shown: the matches, plus "+ New source" for the source picker.
    pub fn row_count(&self) -> usize {
        self.picker.matches().len() + usize::from(self.offers_new())
    }

    /// Whether the last row is "+ New source: <typed text>".
    pub fn offers_new(&self) -> bool {
        matches!(self.kind, PickerKind::Source { .. })
    }
}

/// What a confirmation dialog asks about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmation {
    DeleteClaim(ClaimId),
    RemoveLink { claim: ClaimId, index: usize },
    DeleteSource(SourceId),
}

/// A modal overlay; at most one is open.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Rating {
        claim: ClaimId,
        selected: usize,
    },
    Edit {
        claim: ClaimId,
        field: Field,
        editor: Editor,
    },
    Confirm(Confirmation),
    QuitPrompt,
    /// "Discard changes? y/n", asked over the form or editor (kept here to go back to) when
    /// Esc is pressed with changes typed.
    Discard(Box<Overlay>),
    Picker(Box<PickerOverlay>),
    /// After "+ New source: <url>": the new source's title.
    NewSourceTitle {
        claim: ClaimId,
        url: String,
        editor: Editor,
    },
    /// A link being made or edited (`editing`: its index among the claim's links).
    LinkForm {
        claim: ClaimId,
        source: SourceId,
        editing: Option<usize>,
        form: Form,
    },
    /// A source record being added (`source: None`) or edited.
    SourceForm {
        source: Option<SourceId>,
        form: Form,
    },
    /// Unsaved work from a recovery file, offered when the case opens.
    Recovery {
        case: Box<Case>,
        cursor: usize,
        differences: Vec<String>,
        showing: bool,
    },
    /// The file on disk changed since it was opened: overwrite, save elsewhere, or not.
    SaveConflict {
        then_quit: bool,
        /// What became of the file, after "it": "was changed by another program", "is now
        /// a symbolic link to /etc/passwd".
        what: String,
    },
    /// The path to save to.
    SaveAs {
        editor: Editor,
        then_quit: bool,
    },
    /// A save failed; the work is still in memory and can go elsewhere.
    SaveFailed {
        reason: String,
        then_quit: bool,
    },
    /// The article opened has a verdict file already (shown); the article as a new case.
    ExistingCase {
        fresh: Box<Case>,
    },
    /// The text to search the article for.
    Search {
        editor: Editor,
    },
    /// The article at `path` differs from the case's: move the case onto it?
    ReanchorOffer {
        text: Box<String>,
        path: std::path::PathBuf,
        /// The article as a new case, offered as well (when it was the article opened).
        fresh: Option<Box<Case>>,
    },
    /// The changed and orphaned spans (`selected`: a row of `AppState::review_items`).
    Review {
        selected: usize,
    },
    /// The claim list's filter being edited.
    ClaimFilter {
        editor: Editor,
    },
    /// The merge conflicts of the case (`case.conflicts`); `editor`: a value being typed
    /// for the selected one.
    Conflicts {
        selected: usize,
        editor: Option<Editor>,
    },
    /// The claimant of a claim: the guess selected, completion from the case.
    Claimant(Box<super::claimant::ClaimantPrompt>),
    /// The article's metadata form.
    MetadataForm {
        form: Form,
    },
    /// Where an export from the TUI is written.
    ExportPath {
        format: crate::export::Format,
        editor: Editor,
    },
}

impl Overlay {
    /// Whether the overlay holds typed text that Esc would throw away: an edited wording,
    /// claimant or explanation, a link, source or metadata form, a new source's title.
    pub fn has_changes(&self) -> bool {
        match self {
            Overlay::Edit { editor, .. } | Overlay::NewSourceTitle { editor, .. } => {
                editor.changed()
            }
            Overlay::LinkForm { form, .. }
            | Overlay::SourceForm { form, .. }
            | Overlay::MetadataForm { form } => form.changed(),
            Overlay::Claimant(prompt) => prompt.changed(),
            _ => false,
        }
    }

    pub fn context(&self) -> Context {
        let field = |form: &Form, choice: Context, line: Context, text: Context| match &form
            .focused()
            .value
        {
            FieldValue::Choice { .. } => choice,
            FieldValue::Line(_) => line,
            FieldValue::Text(_) => text,
        };
        match self {
            Overlay::Help { .. } => Context::Help,
            Overlay::Rating { .. } => Context::Rating,
            Overlay::Edit { editor, .. } if editor.is_multiline() => Context::TextEditor,
            Overlay::Edit { .. }
            | Overlay::NewSourceTitle { .. }
            | Overlay::SaveAs { .. }
            | Overlay::Search { .. }
            | Overlay::ClaimFilter { .. }
            | Overlay::Claimant(_)
            | Overlay::ExportPath { .. } => Context::LineEditor,
            Overlay::MetadataForm { form } => field(
                form,
                Context::SourceTypeField,
                Context::SourceLine,
                Context::SourceText,
            ),
            Overlay::Conflicts {
                editor: Some(editor),
                ..
            } => match editor.is_multiline() {
                true => Context::TextEditor,
                false => Context::LineEditor,
            },
            Overlay::Conflicts { editor: None, .. } => Context::Conflicts,
            Overlay::Recovery { .. } => Context::Recovery,
            Overlay::SaveConflict { .. } => Context::SaveConflict,
            Overlay::SaveFailed { .. } => Context::SaveFailed,
            Overlay::ExistingCase { .. } => Context::ExistingCase,
            Overlay::ReanchorOffer { .. } => Context::ReanchorOffer,
            Overlay::Review { .. } => Context::Review,
            Overlay::Confirm(_) => Context::Confirm,
            Overlay::QuitPrompt => Context::QuitPrompt,
            Overlay::Discard(_) => Context::DiscardPrompt,
            Overlay::Picker(_) => Context::Picker,
            Overlay::LinkForm { form, .. } => field(
                form,
                Context::LinkStance,
                Context::LinkLine,
                Context::LinkText,
            ),
            Overlay::SourceForm { form, .. } => field(
                form,
                Context::SourceTypeField,
                Context::SourceLine,
                Context::SourceText,
            ),
        }
    }
}

/// The main screen, or the source library over the whole terminal.
#[derive(Debug)]
pub enum View {
    Main,
    Library(Box<LibraryView>),
    Overview(super::overview::OverviewView),
}

/// The library screen: every source, filtered fuzzily.
#[derive(Debug)]
pub struct LibraryView {
    pub picker: Picker,
    pub filter: Editor,
    /// Keys type into the filter.
    pub filtering: bool,
    /// Row under the cursor among the filtered rows.
    pub selected: usize,
}

/// A word selection in the article, as bytes; started with `v`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Warning,
    Error,
}

/// A one-line message in the status bar, replaced by the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub kind: MessageKind,
}

/// Sizes of the panes' insides, from the last resize.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    pub article_width: usize,
    pub article_height: usize,
    /// The list's and the detail's insides at the default split; the two share these
    /// rows as [`super::split_right`] says.
    pub list_height: usize,
    pub detail_width: usize,
    pub detail_height: usize,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            article_width: 46,
            article_height: 20,
            list_height: 8,
            detail_width: 28,
            detail_height: 10,
        }
    }
}

/// A loaded verdict file's identity belongs to the store.
pub use crate::store::FileInfo;

/// The mode shown at the left of the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Select,
    Rate,
    Edit,
    Confirm,
    Help,
    Pick,
    Library,
    Overview,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "NORMAL",
            Mode::Select => "SELECT",
            Mode::Rate => "RATE",
            Mode::Edit => "EDIT",
            Mode::Confirm => "CONFIRM",
            Mode::Help => "HELP",
            Mode::Pick => "PICK",
            Mode::Library => "LIBRARY",
            Mode::Overview => "OVERVIEW",
        }
    }
}

/// The notice about hidden characters in the article, if it has any.
pub(super) fn hidden_notice(doc: &Document) -> Option<String> {
    let h = &doc.hidden;
    (h.count > 0).then(|| {
        format!(
            "{} hidden character{} ({}) shown as ⟨…⟩",
            h.count,
            if h.count == 1 { "" } else { "s" },
            h.kinds.join(", ")
        )
    })
}

/// Everything the screen is drawn from.
pub struct AppState {
    pub case: Case,
    pub doc: Document,
    pub file: FileInfo,
    pub focus: Pane,
    /// Index of the sentence under the article cursor.
    pub cursor: usize,
    /// First wrapped line shown in the article pane.
    pub top: usize,
    pub selection: Option<Selection>,
    /// The search in force (`/`), its matches highlighted.
    pub search: Option<super::search::Search>,
    /// The current claim: selected in the list, shown in the detail pane.
    pub current: Option<ClaimId>,
    /// First row shown in the claim list.
    pub list_top: usize,
    pub detail_scroll: usize,
    /// The selected link of the current claim, in the detail pane.
    pub detail_link: usize,
    /// The span of the current claim last visited with `]`/`[` (in text order).
    pub detail_span: usize,
    /// A claim's span being selected anew from the review: (claim, anchor index).
    pub(super) reselecting: Option<(ClaimId, usize)>,
    pub view: View,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    /// Why the last autosave did not keep the work beside the case, until one does (shown
    /// in the status bar: the checker must know their work is not safe).
    pub autosave_problem: Option<String>,
    /// Why this case cannot be saved in place (another factdesk has it open); `None` when
    /// it can.
    pub read_only: Option<String>,
    /// What the article and file held that the checker should know (bad bytes, hidden
    /// characters, orphans): shown on the article pane for the whole session.
    pub notices: Vec<String>,
    pub keymap: Keymap,
    pub viewport: Viewport,
    pub(super) entropy: Box<dyn Entropy + Send>,
    pub(super) undo: super::undo::UndoStack,
    /// Counts changes (and undos): the runner writes the recovery file when it moved.
    pub revision: u64,
    /// The checker's name from the config file: the history log's "by".
    pub checker: Option<String>,
    /// The publication settings from the config file, for exports from the TUI.
    pub publication: crate::export::ExportOptions,
    /// Bytes the background indexer has done, while it runs (for the status bar).
    pub index_progress: Option<std::sync::Arc<std::sync::atomic::AtomicUsize>>,
    /// Whether the article has been laid out for a real terminal size yet; the first
    /// layout puts the cursor a third of the way down the pane.
    pub(super) placed: bool,
    /// Queries searched for this session, oldest first (↑ in the search prompt).
    pub search_history: Vec<String>,
    /// Which of them the search prompt shows, while walking them.
    pub(super) search_recall: Option<usize>,
    /// Where in the cursor's sentence `v` starts: the search match or the clicked word.
    pub(super) point: Option<std::ops::Range<usize>>,
    /// Where a mouse drag over the article started (a byte).
    pub(super) drag_from: Option<usize>,
    /// The claim list's persistent filter (`/` in the list).
    pub claim_filter: Option<super::todo::ClaimFilter>,
    /// Whether sentences no claim covers are marked in the article.
    pub show_uncovered: bool,
    /// The program (and its first arguments) that opens a URL (`o`); empty: the system's.
    pub opener: Vec<String>,
    /// Whether the first-steps panel shows (the first run of the demo; Esc closes it).
    pub first_steps: bool,
    /// The widest the article's lines run (the config's `layout.reading_width`).
    pub reading_width: Option<usize>,
    /// Where times are shown in (stored times are UTC). UTC until the runner sets the
    /// system's zone: finding it reads the zoneinfo directory, which the first frame of a
    /// large article does not wait for.
    pub time_zone: jiff::tz::TimeZone,
    /// Suggested sentences (check-worthiness at or above the threshold), in text order;
    /// empty until the background scoring is done.
    pub suggestions: Vec<crate::text::checkworthy::Scored>,
    /// Whether suggestion marks are drawn.
    pub show_suggestions: bool,
    /// Counts the times the article's text was replaced (re-anchoring and its undo), so
    /// suggestions scored for an older text are not shown on a newer one.
    pub(super) article_generation: u64,
    /// The claims of the other cases in `cases_dir`, once scanned in the background.
    pub seen: Option<std::sync::Arc<crate::seen::Index>>,
    /// The folder of other cases (config); None: the verdict file's folder.
    pub cases_dir: Option<std::path::PathBuf>,
    /// The case to open in this factdesk's place once it quits (`=`: a claim seen before).
    pub(super) open_next: Option<std::path::PathBuf>,
}

impl AppState {
    /// A state for `case`, with the cursor on the sentence at char offset `cursor_char`.
    pub fn new(
        case: Case,
        file: FileInfo,
        cursor_char: usize,
        notices: Vec<String>,
        keymap: Keymap,
        entropy: Box<dyn Entropy + Send>,
    ) -> AppState {
        Self::with_viewport(
            case,
            file,
            cursor_char,
            notices,
            keymap,
            entropy,
            Viewport::default(),
        )
    }

    /// Like [`AppState::new`] for panes of a known size, so a large article is laid out
    /// once, at the width it is shown at.
    pub fn with_viewport(
        case: Case,
        file: FileInfo,
        cursor_char: usize,
        notices: Vec<String>,
        keymap: Keymap,
        entropy: Box<dyn Entropy + Send>,
        viewport: Viewport,
    ) -> AppState {
        let mut case = case;
        // Article order, whatever order a hand-edited file had.
        case.sort_claims();
        // A large new article draws its first screens from a head-only index; the runner
        // indexes the rest in the background (`needs_index`).
        let lazy =
            case.article.text.len() > super::document::LAZY_INDEX_BYTES && case.claims.is_empty();
        let doc = if lazy {
            Document::head(&case.article.text, viewport.article_width)
        } else {
            Document::new(&case, viewport.article_width)
        };
        let text = &case.article.text;
        let cursor_byte = doc.chars.byte_of_char(text, cursor_char).unwrap_or(0);
        let cursor = doc.sentence_at(cursor_byte);
        let mut notices = notices;
        if let Some(notice) = hidden_notice(&doc) {
            notices.push(notice);
        }
        let current = case.claims.first().map(|c| c.id.clone());
        let undo = super::undo::UndoStack::new(&case);
        let mut state = AppState {
            case,
            doc,
            file,
            focus: Pane::Article,
            cursor,
            top: 0,
            selection: None,
            search: None,
            current,
            list_top: 0,
            detail_scroll: 0,
            detail_link: 0,
            detail_span: 0,
            reselecting: None,
            view: View::Main,
            overlay: None,
            message: None,
            autosave_problem: None,
            read_only: None,
            notices,
            keymap,
            viewport,
            undo,
            revision: 0,
            checker: None,
            publication: Default::default(),
            index_progress: None,
            entropy,
            placed: false,
            search_history: Vec::new(),
            search_recall: None,
            point: None,
            drag_from: None,
            claim_filter: None,
            show_uncovered: false,
            opener: Vec::new(),
            reading_width: None,
            first_steps: false,
            time_zone: jiff::tz::TimeZone::UTC,
            suggestions: Vec::new(),
            show_suggestions: true,
            article_generation: 0,
            seen: None,
            cases_dir: None,
            open_next: None,
        };
        state.follow_cursor();
        state.open_conflicts_if_any();
        state
    }

    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::Rating { .. }) => Mode::Rate,
            Some(Overlay::Edit { .. }) => Mode::Edit,
            Some(
                Overlay::Confirm(_)
                | Overlay::QuitPrompt
                | Overlay::Discard(_)
                | Overlay::Recovery { .. }
                | Overlay::SaveConflict { .. }
                | Overlay::SaveFailed { .. }
                | Overlay::ExistingCase { .. }
                | Overlay::Conflicts { editor: None, .. }
                | Overlay::ReanchorOffer { .. }
                | Overlay::Review { .. },
            ) => Mode::Confirm,
            Some(Overlay::Picker(_)) => Mode::Pick,
            Some(
                Overlay::NewSourceTitle { .. }
                | Overlay::SaveAs { .. }
                | Overlay::Search { .. }
                | Overlay::ClaimFilter { .. }
                | Overlay::LinkForm { .. }
                | Overlay::SourceForm { .. }
                | Overlay::Claimant(_)
                | Overlay::MetadataForm { .. }
                | Overlay::ExportPath { .. }
                | Overlay::Conflicts {
                    editor: Some(_), ..
                },
            ) => Mode::Edit,
            None if matches!(self.view, View::Library(_)) => Mode::Library,
            None if matches!(self.view, View::Overview(_)) => Mode::Overview,
            None if self.selection.is_some() => Mode::Select,
            None => Mode::Normal,
        }
    }

    /// The keymap context keys are looked up in now.
    pub fn context(&self) -> Context {
        if let Some(overlay) = &self.overlay {
            return overlay.context();
        }
        if let View::Library(library) = &self.view {
            return if library.filtering {
                Context::LibraryFilter
            } else {
                Context::Library
            };
        }
        if let View::Overview(_) = self.view {
            return Context::Overview;
        }
        if self.selection.is_some() {
            return Context::Selection;
        }
        match self.focus {
            Pane::Article => Context::Article,
            Pane::Claims => Context::Claims,
            Pane::Detail => Context::Detail,
        }
    }

    /// Whether the case has changes not yet saved: derived from the undo history, so it
    /// cannot drift from it.
    pub fn dirty(&self) -> bool {
        self.undo.dirty()
    }

    pub fn current_index(&self) -> Option<usize> {
        self.case.claim_index(self.current.as_ref()?)
    }

    pub fn current_claim(&self) -> Option<&Claim> {
        self.case.claim(self.current.as_ref()?)
    }

    /// The cursor's sentence as a byte range (empty for an empty article).
    pub fn cursor_range(&self) -> std::ops::Range<usize> {
        self.doc.sentences.get(self.cursor).cloned().unwrap_or(0..0)
    }

    /// "C3": a claim's stable number (see [`Claim::number`]), as shown everywhere.
    pub fn claim_label(&self, index: usize) -> String {
        self.case
            .claims
            .get(index)
            .map_or_else(|| "C?".into(), |c| format!("C{}", c.number))
    }

    /// The char offset saved as the cursor position.
    pub fn cursor_char(&self) -> usize {
        let text = &self.case.article.text;
        self.doc
            .chars
            .char_of_byte(text, self.cursor_range().start)
            .unwrap_or(0)
    }

    /// What of the screen is saved with the case: the cursor, the focused pane and the
    /// selected claim (with the view's fields this version does not know).
    pub fn saved_view(&self) -> crate::store::SavedView {
        crate::store::SavedView {
            cursor: self.cursor_char(),
            focus: Some(self.focus.name().to_owned()),
            claim: self.current.clone(),
            extra: self.file.view_extra.clone(),
        }
    }

    /// Puts back the focused pane and the selected claim of a saved view (the cursor is
    /// placed when the state is made). A claim that is gone, or a pane this version does
    /// not know, leaves the default.
    pub fn restore_view(&mut self, view: &crate::store::SavedView) {
        if let Some(pane) = view.focus.as_deref().and_then(Pane::from_name) {
            self.focus = pane;
        }
        if let Some(index) = view.claim.as_ref().and_then(|id| self.case.claim_index(id)) {
            self.select_claim(index);
        }
    }

    /// The file name shown in the status bar.
    pub fn file_name(&self) -> String {
        self.file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.file.path.display().to_string())
    }

    pub(super) fn now(&self) -> String {
        self.entropy.now()
    }

    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            kind: MessageKind::Info,
        });
    }

    pub(super) fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            kind: MessageKind::Warning,
        });
    }

    pub(super) fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            kind: MessageKind::Error,
        });
    }
}
