//! The state machine: `AppState::update(Action) -> Vec<Effect>`. No terminal here.

mod action;
mod claimant;
mod claims;
mod conflicts;
mod detail;
mod document;
mod editor;
mod evidence;
mod form;
mod library;
mod navigate;
mod overview;
mod publish;
mod reanchor;
mod recovery;
mod residue;
mod search;
mod state;
mod suggest;
mod todo;
mod undo;
mod update;
mod world;

#[cfg(test)]
mod conflicts_tests;
#[cfg(test)]
mod desk_tests;
#[cfg(test)]
mod evidence_tests;
#[cfg(test)]
mod reanchor_tests;
#[cfg(test)]
mod suggest_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_hardening;

pub use action::{Action, Effect, Exported};
pub use claimant::ClaimantPrompt;
pub use detail::{
    DetailLine, DetailRow, Look, MAX_QUOTE_CHARS, clip_marked, detail_lines, split_right,
    stance_badge, status_glyph, wrap_lines,
};
pub use document::{ClaimSpan, Document, LAZY_INDEX_BYTES};
pub use editor::Editor;
pub use evidence::{PICKER_BUDGET, STANCES};
pub use form::{FieldValue, Form, FormField};
pub use library::is_date;
pub use overview::{OverviewRow, OverviewView, RowKind, overview_rows};
pub use publish::METADATA_FIELDS;
pub use reanchor::ReviewItem;
pub use recovery::differences;
pub use search::{Search, find_all};
pub use state::{
    AppState, Confirmation, Field, FileInfo, LibraryView, Message, MessageKind, Mode, Overlay,
    Pane, PickerKind, PickerOverlay, Selection, View, Viewport,
};
pub use suggest::SuggestionDetail;
pub use todo::ClaimFilter;
pub use world::is_web_url;
