//! What can go wrong loading or saving a verdict file, and what a load can warn about.
//!
//! Every message is one line a user can act on, and names the file (when there is one) and
//! the claim (when there is one).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::{ClaimId, SourceId};

/// How a path is shown in messages: as given, or "the verdict file" for in-memory JSON.
fn at(path: &Option<PathBuf>) -> String {
    match path {
        Some(p) => p.display().to_string(),
        None => "the verdict file".to_string(),
    }
}

/// Why a verdict file could not be opened; the file is refused and nothing is loaded.
///
/// Variants about the file system always carry the path; variants about the contents carry
/// it once [`load`](super::load) knows it (`None` from [`from_json`](super::from_json)).
#[derive(Debug, Error)]
pub enum LoadError {
    /// The file does not exist.
    #[error("cannot open {}: there is no such file", .path.display())]
    NotFound {
        /// The file asked for.
        path: PathBuf,
    },
    /// The operating system refused to let us read it.
    #[error("cannot open {}: permission denied", .path.display())]
    PermissionDenied {
        /// The file asked for.
        path: PathBuf,
    },
    /// A directory, FIFO, device or socket: refused before opening so nothing can hang.
    #[error("cannot open {}: the file is {what}", .path.display())]
    NotARegularFile {
        /// The file asked for.
        path: PathBuf,
        /// What it is instead, e.g. "a directory".
        what: &'static str,
    },
    /// Larger than [`MAX_VERDICT_FILE_BYTES`](super::MAX_VERDICT_FILE_BYTES).
    #[error(
        "cannot open {}: the file is {size} bytes, more than the {limit}-byte limit for a verdict file",
        .path.display()
    )]
    TooLarge {
        /// The file asked for.
        path: PathBuf,
        /// Its size in bytes (at least, if it grew while being read).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Any other I/O failure while reading.
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        /// The file asked for.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
    /// The bytes are not UTF-8 text.
    #[error("cannot load {}: the file is not UTF-8 text (invalid byte at offset {offset})", at(.path))]
    NotUtf8 {
        /// The file, if loaded from one.
        path: Option<PathBuf>,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// Zero bytes, or only whitespace.
    #[error("cannot load {}: the file is empty", at(.path))]
    Empty {
        /// The file, if loaded from one.
        path: Option<PathBuf>,
    },
    /// Not well-formed JSON (including truncation, nesting too deep, numbers out of range).
    #[error("cannot load {}: not valid JSON at line {line}, column {column}: {msg}", at(.path))]
    Syntax {
        /// The file, if loaded from one.
        path: Option<PathBuf>,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// serde_json's description, without the position.
        msg: String,
    },
    /// Well-formed JSON, but not a factdesk verdict file (no or another `format`).
    #[error("cannot load {}: not a factdesk verdict file ({reason})", at(.path))]
    NotVerdictFile {
        /// The file, if loaded from one.
        path: Option<PathBuf>,
        /// What was found instead.
        reason: String,
    },
    /// Written by a newer factdesk.
    #[error(
        "cannot load {}: this verdict file is version {found}; this factdesk reads versions up to {supported} — update factdesk to open it",
        at(.path)
    )]
    NewerVersion {
        /// The file, if loaded from one.
        path: Option<PathBuf>,
        /// The file's version.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// `version` missing, not an integer, or below 1.
    #[error(
        "cannot load {}: the version {found} is not valid (it must be a whole number, at least 1)",
        at(.path)
    )]
    BadVersion {
        /// The file, if loaded from one.
        path: Option<PathBuf>,
        /// The `version` value as written (or "missing").
        found: String,
    },
    /// Upgrading an older version failed.
    #[error("cannot load {}: cannot upgrade from version {from}: {msg}", at(.path))]
    Migration {
        /// The file, if loaded from one.
        path: Option<PathBuf>,
        /// The file's version.
        from: u64,
        /// What went wrong.
        msg: String,
    },
    /// A field is missing or has the wrong type.
    #[error("cannot load {}: in {location}: {msg}", at(.path))]
    Malformed {
        /// The file, if loaded from one.
        path: Option<PathBuf>,
        /// Where in the file, e.g. `claims[2].anchors[0]` (or "the file").
        location: String,
        /// serde_json's description, with line and column when known.
        msg: String,
    },
    /// Well-typed, but breaks a rule the app relies on (ids, anchors, scale).
    #[error("cannot load {}: {}", at(.path), .problems.join("; "))]
    Invalid {
        /// One line per problem.
        problems: Vec<String>,
        /// The file, if loaded from one.
        path: Option<PathBuf>,
    },
}

impl LoadError {
    /// Attaches `path` to a content error from [`from_json`](super::from_json).
    pub fn with_path(mut self, file: &Path) -> Self {
        use LoadError::*;
        match &mut self {
            NotUtf8 { path, .. }
            | Empty { path }
            | Syntax { path, .. }
            | NotVerdictFile { path, .. }
            | NewerVersion { path, .. }
            | BadVersion { path, .. }
            | Migration { path, .. }
            | Malformed { path, .. }
            | Invalid { path, .. } => *path = Some(file.to_path_buf()),
            NotFound { .. }
            | PermissionDenied { .. }
            | NotARegularFile { .. }
            | TooLarge { .. }
            | Io { .. } => {}
        }
        self
    }
}

/// Why a save was refused or failed. A refusal writes nothing; a failure leaves the old file
/// as it was and no temporary file behind.
#[derive(Debug, Error)]
pub enum SaveError {
    /// The case breaks an invariant, so the file would not load back identically.
    #[error("cannot save {}: {}", at(.path), .problems.join("; "))]
    Refused {
        /// One line per problem.
        problems: Vec<String>,
        /// The file, once known.
        path: Option<PathBuf>,
    },
    /// The target exists but is a directory, FIFO, device or socket.
    #[error("cannot save {}: it is {what}, not a regular file", .path.display())]
    NotARegularFile {
        /// The target.
        path: PathBuf,
        /// What it is instead.
        what: &'static str,
    },
    /// The directory to save into does not exist (any more).
    #[error("cannot save {}: the directory {} does not exist (moved or deleted?)", .path.display(), .dir.display())]
    NoDirectory {
        /// The target.
        path: PathBuf,
        /// Its directory.
        dir: PathBuf,
    },
    /// A file-system step failed.
    #[error("cannot save {}: {step} failed: {}", .path.display(), reason(.source))]
    Io {
        /// The target.
        path: PathBuf,
        /// Which step, e.g. "writing the temporary file".
        step: &'static str,
        /// The operating system's error.
        source: io::Error,
    },
}

/// What an I/O error means for the user, without the temporary paths some errors carry.
fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "not found".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        io::ErrorKind::QuotaExceeded => "the disk quota is exceeded".into(),
        _ => e.to_string(),
    }
}

impl SaveError {
    /// Attaches `path` to a refusal from [`to_json`](super::to_json).
    pub fn with_path(mut self, file: &Path) -> Self {
        if let SaveError::Refused { path, .. } = &mut self {
            *path = Some(file.to_path_buf());
        }
        self
    }
}

/// Something odd about a file that still opens; shown to the user, never fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadWarning {
    /// `article.sha256` does not match `article.text`.
    HashMismatch {
        /// The recorded hash.
        recorded: String,
        /// The hash of the text as loaded.
        actual: String,
    },
    /// An anchor reaches past the end of the article; it is kept as an orphan.
    AnchorOutOfRange {
        /// The claim.
        claim: ClaimId,
        /// Index of the anchor within the claim.
        anchor: usize,
        /// The anchor's `end`.
        end: usize,
        /// Characters in the article.
        len: usize,
    },
    /// An anchor's `exact` text is not what the article has there; kept as an orphan.
    AnchorMismatch {
        /// The claim.
        claim: ClaimId,
        /// Index of the anchor within the claim.
        anchor: usize,
        /// The anchor's `start`.
        start: usize,
        /// The anchor's `end`.
        end: usize,
    },
    /// A verdict's rating is not a label on the case's scale.
    UnknownRating {
        /// The claim.
        claim: ClaimId,
        /// The rating as written.
        rating: String,
        /// The scale's name.
        scale: String,
    },
    /// A claim links to a source that is not in the library; the link is kept.
    MissingSource {
        /// The claim.
        claim: ClaimId,
        /// The source id the link names.
        source: SourceId,
    },
    /// The saved cursor was past the end of the article and was moved to the end.
    CursorClamped {
        /// The saved cursor.
        cursor: usize,
        /// Characters in the article (the new cursor).
        len: usize,
    },
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadWarning::HashMismatch { .. } => f.write_str(
                "the article text no longer matches its recorded SHA-256 — it was edited outside factdesk",
            ),
            LoadWarning::AnchorOutOfRange {
                claim,
                anchor,
                end,
                len,
            } => write!(
                f,
                "claim {claim}: anchor {} ends at character {end}, past the end of the article ({len} characters); kept as an orphan",
                anchor + 1
            ),
            LoadWarning::AnchorMismatch {
                claim,
                anchor,
                start,
                end,
            } => write!(
                f,
                "claim {claim}: anchor {} no longer matches the article text at characters {start}–{end}; kept as an orphan",
                anchor + 1
            ),
            LoadWarning::UnknownRating {
                claim,
                rating,
                scale,
            } => write!(
                f,
                "claim {claim}: the rating {rating:?} is not a label on the scale {scale:?}"
            ),
            LoadWarning::MissingSource { claim, source } => write!(
                f,
                "claim {claim}: links to the source {source}, which is not in the library; the link is kept"
            ),
            LoadWarning::CursorClamped { cursor, len } => write!(
                f,
                "the saved cursor (character {cursor}) was past the end of the article ({len} characters); moved to the end"
            ),
        }
    }
}
