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
    /// Unsaved work found in a recovery file newer than the verdict file: the case and its
    /// cursor, to offer.
    pub recovery: Option<(Case, usize)>,
    /// When an article was opened and its verdict file already existed: the article as a
    /// new case, offered instead of the existing one.
    pub fresh: Option<Box<Case>>,
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
/// `out` overrides where the verdict file is saved. Unsaved work in a recovery file newer
/// than the verdict file comes with it, to offer.
pub fn open(
    path: Option<&Path>,
    out: Option<&Path>,
    entropy: &dyn Entropy,
) -> Result<Opened, OpenError> {
    open_with(path, out, &OpenOptions::default(), entropy)
}

/// Choices for a new case and limits for reading an article.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// The rating scale of a new case.
    pub scale: Option<Scale>,
    /// Articles larger than this are refused before they are read.
    pub max_article_bytes: u64,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            scale: None,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
        }
    }
}

/// Like [`open`], with a scale for a new case and a size limit for the article.
pub fn open_with(
    path: Option<&Path>,
    out: Option<&Path>,
    options: &OpenOptions,
    entropy: &dyn Entropy,
) -> Result<Opened, OpenError> {
    let mut opened = open_inner(path, out, options.max_article_bytes, entropy)?;
    if let Some(scale) = options.scale.clone() {
        if opened.file.stamp.is_none() && opened.case.claims.is_empty() {
            opened.case.scale = scale.clone();
        } else {
            opened
                .notices
                .push("--scale applies to new cases; change this one's with :scale".into());
        }
        if let Some(fresh) = &mut opened.fresh {
            fresh.scale = scale;
        }
    }
    Ok(with_recovery(opened))
}

fn open_inner(
    path: Option<&Path>,
    out: Option<&Path>,
    max_article_bytes: u64,
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
    // A verdict file is recognised from its name or its first bytes, then loaded by the
    // store (as a stream when large): its text is not read here first.
    if store::looks_like_verdict_file(path, &read_head(path)) {
        return open_verdict_file(path, out);
    }
    let bytes = read_article(path, max_article_bytes)?;
    let target = out.map_or_else(|| store::default_path_for(path), Path::to_path_buf);
    let decoded = text::decode_article(&bytes);
    let mut notices: Vec<String> = decoded.warnings.iter().map(ToString::to_string).collect();
    if target.exists() {
        // Never start a second case over an existing one unasked: open it, and offer the
        // article as a fresh case instead.
        let mut opened = open_verdict_file(&target, out)?;
        if opened.case.article.text != decoded.text {
            opened.notices.push(format!(
                "{} differs from the article saved in this verdict file; showing the saved one",
                path.display()
            ));
        }
        let origin = Origin {
            path: Some(path.display().to_string()),
            title: None,
            retrieved: Some(entropy.now()),
            ..Origin::default()
        };
        let mut fresh = new_case(decoded.text, origin, target, notices);
        // Saving the fresh case must ask before replacing the existing file.
        fresh.file.stamp = None;
        opened.fresh = Some(Box::new(fresh.case));
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
    // A large article is hashed by the background indexer, not before the first frame.
    let article = if text.len() > crate::app::LAZY_INDEX_BYTES {
        Article::unhashed(text, origin)
    } else {
        Article::new(text, origin)
    };
    let case = Case::new(article, Scale::default_scale());
    Opened {
        case,
        file: FileInfo {
            path: target,
            extra: Default::default(),
            view_extra: Default::default(),
            stamp: None,
        },
        cursor: 0,
        notices,
        recovery: None,
        fresh: None,
    }
}

fn open_verdict_file(path: &Path, out: Option<&Path>) -> Result<Opened, OpenError> {
    let (loaded, stamp) = store::load_stamped(path)?;
    let target = out.unwrap_or(path).to_path_buf();
    Ok(Opened {
        case: loaded.case,
        // Saving elsewhere (-o) must not be stopped by changes to the file read from.
        file: FileInfo {
            stamp: if target == path {
                stamp
            } else {
                store::DiskStamp::of(&target)
            },
            path: target,
            extra: loaded.extra,
            view_extra: loaded.view.extra,
        },
        cursor: loaded.view.cursor,
        notices: loaded.warnings.iter().map(ToString::to_string).collect(),
        recovery: None,
        fresh: None,
    })
}

/// Looks for unsaved work beside the verdict file and attaches it to the offer.
fn with_recovery(mut opened: Opened) -> Opened {
    match store::pending_recovery(&opened.file.path) {
        Some(Ok(loaded)) => opened.recovery = Some((loaded.case, loaded.view.cursor)),
        Some(Err(e)) => opened
            .notices
            .push(format!("A recovery file was found but cannot be read: {e}")),
        None => {}
    }
    opened
}

/// The first 4 KiB of a regular file (nothing for anything else): enough to recognise a
/// verdict file.
fn read_head(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut head = Vec::new();
    if fs::metadata(path).is_ok_and(|m| m.is_file())
        && let Ok(file) = fs::File::open(path)
    {
        let _ = file.take(4096).read_to_end(&mut head);
    }
    head
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::FixedEntropy;

    fn open_path(path: &Path) -> Result<Opened, OpenError> {
        open(Some(path), None, &FixedEntropy::default())
    }

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    /// No file: the demo article, saved to the demo verdict file name.
    #[test]
    fn no_file_opens_the_demo() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join(DEMO_VERDICT_FILE);
        let opened = open(None, Some(&out), &FixedEntropy::default()).unwrap();
        assert_eq!(opened.case.article.text, DEMO_ARTICLE);
        assert_eq!(opened.file.path, out);
        assert!(opened.case.article.hash_matches());
    }

    /// A text article starts a case saved beside it as `<stem>.factdesk.json`.
    #[test]
    fn article_opens_with_default_verdict_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "story.txt", "Hello. World.".as_bytes());
        let opened = open_path(&path).unwrap();
        assert_eq!(opened.file.path, dir.path().join("story.factdesk.json"));
        assert_eq!(opened.case.article.origin.path.as_deref(), path.to_str());
        assert!(opened.notices.is_empty());
    }

    /// The bad inputs of QUALITY.md for the article loader give a clear error or a notice.
    #[test]
    fn hostile_article_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let err = |p: &Path| open_path(p).unwrap_err().to_string();

        assert!(err(&d.join("missing.txt")).contains("no such file"));
        assert!(err(d).contains("it is a directory"));
        assert!(err(Path::new("/dev/zero")).contains("not a regular file"));

        // Over the size cap: refused from the metadata, without reading.
        let big = d.join("big.txt");
        fs::File::create(&big).unwrap().set_len(2048).unwrap();
        let e = read_article(&big, 1024).unwrap_err().to_string();
        assert!(e.contains("2048 bytes, over the limit of 1024"), "{e}");

        // Empty and whitespace-only articles open, and say they are empty.
        for (name, bytes) in [("empty.txt", &b""[..]), ("blank.txt", &b"  \n\t\n"[..])] {
            let opened = open_path(&write(d, name, bytes)).unwrap();
            assert!(opened.notices.iter().any(|n| n.contains("empty")), "{name}");
        }

        // BOM, UTF-16 and line endings are decoded, with notices where text changed.
        let opened = open_path(&write(d, "bom.txt", b"\xEF\xBB\xBFHi.")).unwrap();
        assert_eq!(opened.case.article.text, "Hi.");
        let opened = open_path(&write(d, "u16.txt", b"\xFF\xFEH\0i\0")).unwrap();
        assert_eq!(opened.case.article.text, "Hi");
        assert!(opened.notices.iter().any(|n| n.contains("UTF-16")));
        let opened = open_path(&write(d, "crlf.txt", b"a\r\nb\rc")).unwrap();
        assert_eq!(opened.case.article.text, "a\nb\nc");

        // A symlink opens its target; the verdict file goes beside the link.
        let target = write(d, "real.txt", b"Linked text.");
        let link = d.join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let opened = open_path(&link).unwrap();
        assert_eq!(opened.case.article.text, "Linked text.");
        assert_eq!(opened.file.path, d.join("link.factdesk.json"));
    }

    /// A FIFO is refused before it is opened, so opening never blocks.
    #[test]
    fn fifo_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            crate::test_support::skip("mkfifo is not available");
            return;
        }
        let e = open_path(&fifo).unwrap_err().to_string();
        assert!(e.contains("not a regular file"), "{e}");
    }

    /// Kuhn's deliberately broken UTF-8 opens lossily, naming the first bad byte (4461).
    #[test]
    fn invalid_utf8_opens_with_a_warning() {
        let Some(path) = crate::test_support::shared("testdata/hostile/UTF-8-test.txt") else {
            return;
        };
        let opened = open_path(&path).unwrap();
        assert!(
            opened.notices.iter().any(|n| n.contains("offset 4461")),
            "{:?}",
            opened.notices
        );
        assert!(opened.case.article.text.contains('\u{FFFD}'));
    }

    /// Opening an article whose verdict file exists opens that file, and offers the
    /// article as a fresh case instead.
    #[test]
    fn existing_verdict_file_is_continued() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "a.txt", b"One. Two.");
        let first = open_path(&path).unwrap();
        let view = store::SavedView {
            cursor: 5,
            ..Default::default()
        };
        store::save(&first.file.path, &first.case, &view, &first.file.extra).unwrap();
        let again = open_path(&path).unwrap();
        assert_eq!(again.cursor, 5);
        assert!(
            again.fresh.is_some(),
            "the article is offered as a new case"
        );
        fs::write(&path, "Changed text.").unwrap();
        let changed = open_path(&path).unwrap();
        assert!(changed.notices.iter().any(|n| n.contains("differs")));
        assert_eq!(changed.case.article.text, "One. Two.");
    }
}
