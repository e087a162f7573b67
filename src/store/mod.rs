//! The verdict file: the case saved as versioned JSON, loaded back with validation.
//!
//! Version 3 is `{"format": "factdesk-verdicts", "version": 3, "article", "scale",
//! "claims", "sources", "history", "view"}`. Earlier versions are migrated on load:
//! version 1 had no typed sources and no claim links, version 2 no claim numbers and no
//! article metadata. Files are pretty-printed with a trailing newline, keys in
//! struct field order. Unknown fields at any level are kept and written back. Anchors count
//! Unicode scalar values; anchors whose text no longer matches are orphans, reported as
//! warnings and never moved or dropped. [`SCHEMA`](crate::store::SCHEMA) (the file
//! `assets/verdict-file.schema.json`) describes the format.
//!
//! - [`from_json`](crate::store::from_json) / [`to_json`](crate::store::to_json): the
//!   format, no I/O.
//! - [`load`](crate::store::load) / [`save`](crate::store::save): the file system (regular
//!   files only, atomic replace keeping a `.bak`).

mod atomic;
mod error;
mod file_info;
mod files;
mod format;
mod lock;
mod merge;
mod merge_file;
mod numbers;
mod one_buffer;
mod recovery;
pub mod safe_json;
mod validate;

#[cfg(test)]
mod tests;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub(crate) use atomic::{Replace, replace, sibling_name};
pub use error::{LoadError, LoadWarning, SaveError};
pub use file_info::FileInfo;
pub use files::not_regular;
pub use files::{MAX_VERDICT_FILE_BYTES, SaveReport, load, save, save_with};
pub use format::{from_json, to_json};
pub use lock::{CaseLock, Held, lock_case};
pub use merge::{Merged, merge_values};
pub use merge_file::{FileMerge, MergeError, ResolveError, merge_files, resolve_conflict};
pub use recovery::{
    DiskStamp, Kept, keep_unsaved, load_stamped, pending_recovery, recovery_path, remove_recovery,
    write_recovery, write_recovery_at,
};
pub use validate::orphans;

use crate::model::Case;

/// The `format` every verdict file declares.
pub const FORMAT: &str = "factdesk-verdicts";

/// The newest verdict-file version this build reads, and the one it writes.
pub const VERSION: u32 = 3;

/// JSON Schema (draft 2020-12) of the current verdict-file version.
pub const SCHEMA: &str = include_str!("../../assets/verdict-file.schema.json");

/// The file-name ending of verdict files.
const SUFFIX: &str = ".factdesk.json";

/// The part of the screen state saved with the case.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedView {
    /// Char offset (Unicode scalar values) of the cursor in the article text.
    #[serde(default)]
    pub cursor: usize,
    /// The pane that had the focus: "article", "claims" or "detail" (an unknown name is
    /// ignored, so a later version's panes do not stop the file opening).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// The claim selected in the list and shown in the detail pane.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<crate::model::ClaimId>,
    /// Fields of `view` this version does not know, kept for the next save.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A verdict file as loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The case, exactly as saved (orphan anchors included).
    pub case: Case,
    /// The saved view, with the cursor clamped to the article.
    pub view: SavedView,
    /// Things to tell the user; the file opened anyway.
    pub warnings: Vec<LoadWarning>,
    /// Unknown top-level fields, to pass back to [`save`].
    pub extra: Map<String, Value>,
}

/// Where the verdict file for an article goes by default: `<dir>/<stem>.factdesk.json`,
/// the stem being the file name without its last extension (`notes.txt` → `notes`).
pub fn default_path_for(article: &Path) -> PathBuf {
    let stem = article
        .file_stem()
        .map_or_else(|| OsString::from("article"), |s| s.to_os_string());
    let mut name = stem;
    name.push(SUFFIX);
    match article.parent() {
        Some(dir) => dir.join(name),
        None => PathBuf::from(name),
    }
}

/// Whether a file looks like a verdict file, from its name (ending in `.factdesk.json`) or
/// its first bytes (at most 4 KiB are looked at): a JSON object that mentions `"format"`
/// and `"factdesk-verdicts"`. Cheap and approximate; [`load`] decides for real.
pub fn looks_like_verdict_file(path: &Path, first_bytes: &[u8]) -> bool {
    let named = path.file_name().is_some_and(|n| {
        let n = n.to_string_lossy();
        n.len() > SUFFIX.len()
            && n.is_char_boundary(n.len() - SUFFIX.len())
            && n[n.len() - SUFFIX.len()..].eq_ignore_ascii_case(SUFFIX)
    });
    if named {
        return true;
    }
    let head = first_bytes.get(..4096).unwrap_or(first_bytes);
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let body = head.trim_ascii_start();
    let Some(body) = body.strip_prefix(b"{") else {
        return false;
    };
    let contains = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
    contains(b"\"format\"") && contains(b"\"factdesk-verdicts\"")
}
