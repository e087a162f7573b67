//! The state machine: `AppState::update(Action) -> Vec<Effect>`. No terminal here.

mod action;
mod claims;
mod document;
mod editor;
mod navigate;
mod state;
mod update;

#[cfg(test)]
mod tests;

pub use action::{Action, Effect};
pub use document::{ClaimSpan, Document};
pub use editor::Editor;
pub use state::{
    AppState, Field, FileInfo, Message, MessageKind, Mode, Overlay, Pane, Selection, Viewport,
};
