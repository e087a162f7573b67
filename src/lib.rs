//! factdesk: a terminal fact-check workbench.
//!
//! The core (`model`, `text`, `anchor`, `store`, `app`, `keymap`) never touches the terminal;
//! only `ui` (drawing from `&AppState`) and `terminal` (the event loop) do.
#![forbid(unsafe_code)]

/// Anchors: W3C-style selectors to and from article spans.
pub mod anchor;
/// The state machine: actions in, state changed, effects out.
pub mod app;
/// `factdesk check`: every problem of a verdict file, one line each, never a panic.
pub mod check;
/// The command line definitions.
pub mod cli;
/// Shell completion scripts and the man page.
pub mod completion;
/// The user's config file: name, publication, default scale, key overrides, theme.
pub mod config;
/// CSL-JSON import and export of the source library (Zotero, Pandoc).
pub mod csl;
/// Publishing a case: ClaimReview JSON-LD, a Markdown report, CSV — pure functions.
pub mod export;
/// `factdesk export`: ClaimReview, Markdown, CSV files from a verdict file.
pub mod export_cli;
/// `factdesk import`: a web page, Markdown or text file to a new verdict file.
pub mod import_cli;
/// Keys as data: the default keymap, lookup by context, help text.
pub mod keymap;
/// `factdesk meta` (the article's metadata) and `factdesk check`.
pub mod meta_cli;
/// The case: article, claims, anchors, verdicts, rating scale — plain data.
pub mod model;
/// What opening a path means: an article or a verdict file.
pub mod open;
/// Where outputs go: never over the input or a verdict file, through links, `-` for stdout.
pub mod output;
/// Work split over the machine's cores.
mod parallel;
/// Fuzzy matching for the pickers: ranked matches in bounded slices.
pub mod picker;
/// `factdesk reanchor`: a case onto a new version of its article.
pub mod reanchor_cli;
/// Printing outside the TUI: every line cleaned as the screen cleans text.
pub mod say;
/// "Seen before": claims matched against other verdict files in a folder.
pub mod seen;
/// `factdesk sources import|export`.
pub mod sources_cli;
/// Verdict files: format versions, validation, atomic save.
pub mod store;
/// `factdesk suggest`: the sentences worth checking, with their reasons.
pub mod suggest_cli;
/// Team work through git: `factdesk merge`, `diff`, `show` and `git-setup`.
pub mod team_cli;
/// The runner: terminal setup, event loop, effects (crossterm).
pub mod terminal;
/// What the unit tests share: third-party data, skips, keys, a state builder.
#[cfg(test)]
pub(crate) mod test_support;
/// Pure text work: decoding, cleaning for display, sentences, wrapping, offsets.
pub mod text;
/// Drawing the screen from `&AppState` (ratatui).
pub mod ui;
