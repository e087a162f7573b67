//! What reaches the state machine, and what it asks the runner to do.

use std::path::PathBuf;

use super::state::Viewport;
use crate::keymap::Key;

/// An input to [`super::AppState::update`].
#[derive(Debug, Clone)]
pub enum Action {
    /// A key press, looked up in the keymap for the active context.
    Key(Key),
    /// The terminal changed size; the panes' insides are now this big.
    Resize(Viewport),
    /// A click on the article at wrapped line `line` (counted from the top of the text) and
    /// display column `col`.
    ClickArticle {
        line: usize,
        col: usize,
    },
    /// The mouse dragged (button held) to wrapped line `line`, column `col` of the article:
    /// the words from where the button went down to here are selected.
    DragArticle {
        line: usize,
        col: usize,
    },
    /// A click on row `index` of the claim list.
    ClickClaim(usize),
    /// A click elsewhere in a pane: focus it.
    ClickPane(super::Pane),
    /// The mouse wheel over the article: scroll by lines (negative: up).
    ScrollArticle(isize),
    /// The mouse wheel over the claim list: move the selection.
    ScrollClaims(isize),
    /// The mouse wheel over the claim detail: scroll it by rows.
    ScrollDetail(isize),
    /// Text pasted into the terminal: typed into the open editor or query, never run as keys.
    Paste(String),
    /// The background indexer finished: the complete index of the article (and its hash,
    /// when it was not computed at open).
    IndexReady {
        doc: Box<super::Document>,
        sha256: String,
    },
    /// The background scoring finished: the suggested sentences, in text order, of the
    /// article text as it was at `generation` (see `AppState::article_generation`).
    SuggestionsReady {
        generation: u64,
        scored: Vec<crate::text::checkworthy::Scored>,
    },
    /// The other cases' claims were read (and these files could not be).
    CasesScanned(std::sync::Arc<crate::seen::Index>, Vec<String>),
    /// Time passed with work pending: score another slice of an open picker.
    /// The background re-wrap of a large article after a resize, for `width`.
    LinesReady {
        width: usize,
        lines: Vec<std::ops::Range<usize>>,
    },
    Tick,
    /// The file on disk changed since it was opened; the save was not made.
    SaveConflict {
        then_quit: bool,
        what: String,
    },
    /// The runner wrote (or failed to write) the recovery file.
    Autosaved(crate::store::Kept),
    /// The runner finished a save (the path written) or failed (the reason); `then_quit`
    /// is the intent the save was asked with, carried back through the effect.
    Saved {
        result: Result<PathBuf, String>,
        then_quit: bool,
    },
    /// `$EDITOR` is done: the text when it exited 0, `None` when it did not (the edit is
    /// dropped), or why it could not run.
    ExternalEdit {
        claim: crate::model::ClaimId,
        result: Result<Option<String>, String>,
    },
    /// The runner wrote an export, or could not (the reason).
    Exported(Result<Exported, String>),
}

/// An export the runner wrote from the TUI.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub format: crate::export::Format,
    pub path: PathBuf,
    /// Pre-publication lint findings at the time.
    pub warnings: usize,
    /// Reviews published for the first time: recorded in the case.
    pub published: Vec<(crate::model::ClaimId, crate::model::Published)>,
}

/// Something only the runner can do, asked for by `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the verdict file; quit afterwards if it succeeded and `then_quit`.
    Save { then_quit: bool },
    /// Write the verdict file even though it changed on disk.
    Overwrite { then_quit: bool },
    /// Write the case to another file, which becomes the case's file.
    SaveAs { path: PathBuf, then_quit: bool },
    /// Delete the recovery file: the checker chose the saved case.
    DiscardRecovery,
    /// Leave the event loop.
    Quit,
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Read a new version of the article and move the case onto it.
    Reanchor { path: PathBuf },
    /// Open an http(s) URL with the system's opener (never through a shell).
    OpenUrl(String),
    /// Edit a claim's explanation (now `text`) in `$EDITOR`, the screen suspended meanwhile;
    /// answered with [`Action::ExternalEdit`].
    EditExternally {
        claim: crate::model::ClaimId,
        text: String,
    },
    /// Write an export of the case to `path`.
    Export {
        format: crate::export::Format,
        path: PathBuf,
    },
}
