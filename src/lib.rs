//! factdesk: a terminal fact-check workbench.
//!
//! The core (`model`, `text`, `anchor`, `store`, `app`, `keymap`) never touches the terminal;
//! only `ui` (drawing from `&AppState`) and `terminal` (the event loop) do.
#![forbid(unsafe_code)]

/// The case: article, claims, anchors, verdicts, rating scale — plain data.
pub mod model;
/// Keys as data: the default keymap, lookup by context, help text.
pub mod keymap;
