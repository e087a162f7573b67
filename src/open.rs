//! What opening a path means: an article starts a new case, a verdict file continues one.

use std::fs;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::app::FileInfo;
use crate::model::{Article, Case, Entropy, Origin, Scale};
use crate::store;
use crate::text;

/// The demo article shipped in the binary, opened when no file is given.
pub const DEMO_ARTICLE: &str = include_str!("../assets/demo-article.txt");
/// Where the demo's verdict file goes: the current directory.
pub const DEMO_VERDICT_FILE: &str = "factdesk-demo.factdesk.json";
/// Articles larger than this are refused before they are read.
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 256 * 1024 * 1024;

/// A case ready for the app: what to show, where to save it, what to tell the checker.
#[derive(Debug)]
pub struct Opened {
    pub case: Case,
    pub file: FileInfo,
    /// Char offset of the cursor.
    pub cursor: usize,
    /// Problems worth showing (bad bytes, hidden characters, orphans, a changed article).
    pub notices: Vec<String>,
}

#[derive(Debug, Error)]
pub enum OpenError {
    #[error("cannot open {path}: {reason}")]
    Article { path: PathBuf, reason: String },
    #[error(transparent)]
    Verdict(#[from] store::LoadError),
}

impl OpenError {
    fn article(path: &Path, reason: impl Into<String>) -> OpenError {
        OpenError::Article {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }
}

/// Opens `path` (an article or a verdict file), or the demo article when `None`.
/// `out` overrides where the verdict file is saved.
pub fn open(
    path: Option<&Path>,
    out: Option<&Path>,
    entropy: &dyn Entropy,
) -> Result<Opened, OpenError> {
    let Some(path) = path else {
        let target = out.map_or_else(|| PathBuf::from(DEMO_VERDICT_FILE), Path::to_path_buf);
        if target.exists() {
            return open_verdict_file(&target, Some(&target));
        }
        let origin = Origin {
            retrieved: Some(entropy.now()),
            ..Origin::default()
        };
        return Ok(new_case(
            DEMO_ARTICLE.to_string(),
            origin,
            target,
            Vec::new(),
        ));
    };
    let bytes = read_article(path, DEFAULT_MAX_ARTICLE_BYTES)?;
    let head = &bytes[..bytes.len().min(4096)];
    if store::looks_like_verdict_file(path, head) {
        return open_verdict_file(path, out);
    }
    let target = out.map_or_else(|| store::default_path_for(path), Path::to_path_buf);
    let decoded = text::decode_article(&bytes);
    let mut notices: Vec<String> = decoded.warnings.iter().map(ToString::to_string).collect();
    if target.exists() {
        // Never start a second case over an existing one: continue it instead.
        let mut opened = open_verdict_file(&target, out)?;
        if opened.case.article.text != decoded.text {
            opened.notices.push(format!(
                "{} differs from the article saved in this verdict file; showing the saved one",
                path.display()
            ));
        }
        opened.notices.insert(
            0,
            format!("Continuing the existing verdict file {}", target.display()),
        );
        return Ok(opened);
    }
    if decoded.text.trim().is_empty() {
        notices.push("The article is empty".into());
    }
    let origin = Origin {
        path: Some(path.display().to_string()),
        title: None,
        retrieved: Some(entropy.now()),
        ..Origin::default()
    };
    Ok(new_case(decoded.text, origin, target, notices))
}

fn new_case(text: String, origin: Origin, target: PathBuf, notices: Vec<String>) -> Opened {
    let case = Case::new(Article::new(text, origin), Scale::default_scale());
    Opened {
        case,
        file: FileInfo {
            path: target,
            extra: Default::default(),
            view_extra: Default::default(),
        },
        cursor: 0,
        notices,
    }
}

fn open_verdict_file(path: &Path, out: Option<&Path>) -> Result<Opened, OpenError> {
    let loaded = store::load(path)?;
    Ok(Opened {
        case: loaded.case,
        file: FileInfo {
            path: out.unwrap_or(path).to_path_buf(),
            extra: loaded.extra,
            view_extra: loaded.view.extra,
        },
        cursor: loaded.view.cursor,
        notices: loaded.warnings.iter().map(ToString::to_string).collect(),
    })
}

/// Reads an article's bytes, refusing what is not a regular file or is over `cap` before
/// opening it (a FIFO would block, a device would never end).
pub fn read_article(path: &Path, cap: u64) -> Result<Vec<u8>, OpenError> {
    let meta = fs::metadata(path).map_err(|e| OpenError::article(path, io_reason(&e)))?;
    if meta.is_dir() {
        return Err(OpenError::article(path, "it is a directory"));
    }
    if !meta.is_file() {
        return Err(OpenError::article(
            path,
            "it is not a regular file (a FIFO, socket or device)",
        ));
    }
    if meta.len() > cap {
        return Err(OpenError::article(
            path,
            format!("it is {} bytes, over the limit of {cap} bytes", meta.len()),
        ));
    }
    fs::read(path).map_err(|e| OpenError::article(path, io_reason(&e)))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
