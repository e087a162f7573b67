//! The recovery file: unsaved work written beside the case while the checker pauses.

use super::*;

/// Unsaved work is written to the recovery file this often (when something changed).
pub(super) const AUTOSAVE_EVERY: Duration = Duration::from_secs(5);

/// Keeps unsaved work (see [`store::keep_unsaved`]): beside the case, else in a fallback
/// directory; says where, or why it could not.
pub(super) fn write_recovery_of(state: &AppState) -> store::Kept {
    if !state.dirty() || state.read_only.is_some() {
        return store::Kept::Nothing;
    }
    let view = state.saved_view();
    if state.case.article.sha256.is_empty() {
        // The hash of a large article is computed when it is first needed.
        let mut case = state.case.clone();
        case.article.ensure_hash();
        return store::keep_unsaved(&state.file.path, &case, &view, &state.file.extra);
    }
    store::keep_unsaved(&state.file.path, &state.case, &view, &state.file.extra)
}

/// The recovery file: written every few seconds while there are unsaved changes, when the
/// user has paused (a large case takes a moment to write; no copy of it is made).
pub(super) struct Autosave {
    last: Instant,
    revision: u64,
    written: Option<std::path::PathBuf>,
}

/// Unsaved work is written once the keyboard has been quiet this long.
pub(super) const AUTOSAVE_IDLE: Duration = Duration::from_millis(800);

impl Autosave {
    pub(super) fn new() -> Autosave {
        Autosave {
            last: Instant::now(),
            revision: 0,
            written: None,
        }
    }

    /// Writes the recovery file if it is due and the user is idle; removes it once
    /// nothing is unsaved. A failure (or work kept only in a fallback place) is shown in
    /// the status bar until an autosave or a save succeeds.
    pub(super) fn tick(&mut self, state: &mut AppState, idle: Duration) {
        if !state.dirty() {
            if self.written.take().is_some() {
                let _ = store::remove_recovery(&state.file.path);
            }
            return;
        }
        if state.revision != self.revision
            && self.last.elapsed() >= AUTOSAVE_EVERY
            && idle >= AUTOSAVE_IDLE
        {
            let kept = self.write_now(state);
            state.update(Action::Autosaved(kept));
        }
    }

    /// Writes the recovery file now if anything is unsaved; says where it went.
    pub(super) fn write_now(&mut self, state: &AppState) -> store::Kept {
        self.last = Instant::now();
        self.revision = state.revision;
        let kept = write_recovery_of(state);
        if let store::Kept::Beside(path) = &kept {
            self.written = Some(path.clone());
        }
        kept
    }

    /// After a save or an explicit discard: the recovery file has nothing left to keep.
    pub(super) fn clear(&mut self, state: &AppState) {
        self.written = None;
        self.revision = state.revision;
        let _ = store::remove_recovery(&state.file.path);
    }
}
