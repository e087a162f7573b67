//! What opening a path means: an article starts a new case, a verdict file continues one.

use std::fs;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::{Case, Entropy, Origin, Scale};
use crate::store::{self, FileInfo};
use crate::text::ingest::{self, Format};

mod preview;
pub use preview::{PREVIEW_FROM_BYTES, Preview, preview};

/// The demo article shipped in the binary, opened when no file is given.
pub const DEMO_ARTICLE: &str = include_str!("../assets/demo-article.txt");
/// The demo verdict file's name, in the user's data directory.
pub const DEMO_VERDICT_FILE: &str = "factdesk-demo.factdesk.json";
/// The demo's worked example: the demo article with one claim rated, sourced and explained.
pub const DEMO_CASE: &str = include_str!("../assets/demo.factdesk.json");

/// Where the demo's verdict file goes: `out`, else the user's data directory
/// (`~/.local/share/factdesk/` on Linux), else the current directory.
pub fn demo_path(out: Option<&Path>) -> PathBuf {
    out.map(Path::to_path_buf).unwrap_or_else(|| {
        directories::ProjectDirs::from("", "", "factdesk").map_or_else(
            || PathBuf::from(DEMO_VERDICT_FILE),
            |dirs| dirs.data_dir().join(DEMO_VERDICT_FILE),
        )
    })
}

/// Writes the worked example to `target` (making its directory); false when it cannot.
fn write_demo_case(target: &Path) -> bool {
    let made = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .is_none_or(|p| fs::create_dir_all(p).is_ok());
    made && fs::write(target, DEMO_CASE).is_ok()
}
/// Articles larger than this are refused before they are read.
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 256 * 1024 * 1024;

/// A case ready for the app: what to show, where to save it, what to tell the checker.
#[derive(Debug)]
pub struct Opened {
    pub case: Case,
    pub file: FileInfo,
    /// The screen as it was saved: cursor, focused pane, selected claim.
    pub view: store::SavedView,
    /// Problems worth showing (bad bytes, hidden characters, orphans, a changed article).
    pub notices: Vec<String>,
    /// Unsaved work found in a recovery file newer than the verdict file: the case and its
    /// cursor, to offer.
    pub recovery: Option<(Case, usize)>,
    /// When an article was opened and its verdict file already existed: the article as a
    /// new case, offered instead of the existing one.
    pub fresh: Option<Box<Case>>,
    /// The case's article file holds a different text now: that text and its path, to
    /// offer re-anchoring onto.
    pub newer: Option<(String, PathBuf)>,
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
        let target = demo_path(out);
        // The first time, the demo starts from the worked example.
        if target.exists() || write_demo_case(&target) {
            return open_verdict_file(&target, Some(&target));
        }
        let origin = Origin {
            retrieved: Some(entropy.now()),
            ..Origin::default()
        };
        let article = crate::model::Article::new(DEMO_ARTICLE.to_string(), origin);
        return Ok(new_case(Case::new(article, Scale::default_scale()), target));
    };
    // A verdict file is recognised from its name or its first bytes, then loaded by the
    // store (as a stream when large): its text is not read here first.
    if store::looks_like_verdict_file(path, &read_head(path)) {
        let mut opened = open_verdict_file(path, out)?;
        opened.newer = crate::reanchor_cli::newer_version(&opened.case, path, max_article_bytes);
        return Ok(opened);
    }
    let bytes = read_article(path, max_article_bytes)?;
    let target = out.map_or_else(|| store::default_path_for(path), Path::to_path_buf);
    let (article, mut notices) = read_new_article(path, bytes, None, Some(entropy.now()))?;
    let fresh = new_case(Case::new(article, Scale::default_scale()), target.clone());
    if target.exists() {
        // Never start a second case over an existing one unasked: open it, and offer the
        // article as a fresh case instead.
        let mut opened = open_verdict_file(&target, out)?;
        if opened.case.article.text != fresh.case.article.text {
            opened.notices.push(format!(
                "{} differs from the article saved in this verdict file; showing the saved one",
                path.display()
            ));
        }
        if opened.case.article.text != fresh.case.article.text {
            opened.newer = Some((fresh.case.article.text.to_string(), path.to_path_buf()));
        }
        // Saving the fresh case must ask before replacing the existing file.
        opened.fresh = Some(Box::new(fresh.case));
        return Ok(opened);
    }
    if fresh.case.article.text.trim().is_empty() {
        notices.push("The article is empty".into());
    }
    Ok(Opened { notices, ..fresh })
}

/// Reads an article file's bytes as `format` (detected from the name and the bytes when
/// `None`): the article with its metadata, links and residue, and notices.
pub fn read_new_article(
    path: &Path,
    bytes: Vec<u8>,
    format: Option<Format>,
    retrieved: Option<String>,
) -> Result<(crate::model::Article, Vec<String>), OpenError> {
    let name = path.to_string_lossy();
    let format = format.unwrap_or_else(|| Format::detect(&name, &bytes));
    ingest::article_from_file(&name, bytes, format, retrieved)
        .map_err(|e| OpenError::article(path, e.to_string()))
}

fn new_case(case: Case, target: PathBuf) -> Opened {
    Opened {
        case,
        file: FileInfo::new(target),
        view: store::SavedView::default(),
        notices: Vec::new(),
        recovery: None,
        fresh: None,
        newer: None,
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
            view_extra: loaded.view.extra.clone(),
        },
        view: loaded.view,
        notices: loaded.warnings.iter().map(ToString::to_string).collect(),
        recovery: None,
        fresh: None,
        newer: None,
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

    /// The demo starts from the worked example: one claim rated, with a source, a quote and
    /// an explanation; the example's article is the demo article. Nested -o directories are
    /// made; without -o the file goes to the data directory, not the current one.
    #[test]
    fn demo_is_a_worked_example() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new/dir").join(DEMO_VERDICT_FILE);
        let opened = open(None, Some(&out), &FixedEntropy::default()).unwrap();
        assert!(out.exists());
        let claim = &opened.case.claims[0];
        assert_eq!(opened.case.claims.len(), 1);
        assert!(claim.is_rated() && !claim.verdict.explanation.is_empty());
        assert!(!claim.links.is_empty() && !claim.links[0].quote.is_empty());
        assert_eq!(opened.case.sources.len(), 1);
        assert!(opened.notices.is_empty(), "{:?}", opened.notices);
        let default = demo_path(None);
        assert!(
            default.is_absolute() || directories::ProjectDirs::from("", "", "factdesk").is_none()
        );
        assert_ne!(default, PathBuf::from(DEMO_VERDICT_FILE));
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
        assert_eq!(again.view.cursor, 5);
        assert!(
            again.fresh.is_some(),
            "the article is offered as a new case"
        );
        fs::write(&path, "Changed text.").unwrap();
        let changed = open_path(&path).unwrap();
        assert!(changed.notices.iter().any(|n| n.contains("differs")));
        assert_eq!(changed.case.article.text, "One. Two.");
    }

    /// A saved web page and a Markdown file open as their text, with metadata, links
    /// and the original file's identity; a plain-text article keeps its bytes as text.
    #[test]
    fn pages_and_markdown_open_as_text() {
        let dir = tempfile::tempdir().unwrap();
        let page = write(
            dir.path(),
            "page.html",
            b"<!DOCTYPE html><html lang=en><head><title>Ferry</title>\
              <meta property='og:url' content='https://n.example/f'></head><body>\
              <nav>Home News</nav><article><p>The ferry &ldquo;stopped&rdquo; on Monday, \
              the operator said in a statement that gave no reason for the stop.</p>\
              <p>Passengers were told to wait for further notice from the operator.</p>\
              </article></body></html>",
        );
        let opened = open_path(&page).unwrap();
        let article = &opened.case.article;
        assert!(
            article
                .text
                .starts_with("The ferry \u{201c}stopped\u{201d}"),
            "{}",
            article.text
        );
        assert!(!article.text.contains('<'));
        assert_eq!(article.origin.title.as_deref(), Some("Ferry"));
        assert_eq!(article.origin.format.as_deref(), Some("html"));
        assert_eq!(article.meta.url.as_deref(), Some("https://n.example/f"));
        assert!(article.hash_matches());

        let md = write(
            dir.path(),
            "a.md",
            b"# Title\n\nA **bold** [claim](https://x.example/).",
        );
        let opened = open_path(&md).unwrap();
        assert_eq!(opened.case.article.text, "Title\n\nA bold claim.");
        assert_eq!(opened.case.article.links[0].url, "https://x.example/");

        let txt = write(dir.path(), "t.txt", b"A **kept** <b>verbatim</b>.");
        let opened = open_path(&txt).unwrap();
        assert_eq!(opened.case.article.text, "A **kept** <b>verbatim</b>.");
        assert_eq!(opened.case.article.origin.sha256, None);
    }
}
