//! The recovery file (unsaved work written beside the verdict file on a timer and when
//! factdesk is stopped) and the stamp that tells whether the file on disk changed.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_json::{Map, Value};

use super::{LoadError, Loaded, SaveError, SavedView, to_json};
use crate::model::Case;

/// `.<name>.recover` beside the verdict file `<name>`.
pub fn recovery_path(verdict_file: &Path) -> PathBuf {
    let name = verdict_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "factdesk".into());
    verdict_file.with_file_name(format!(".{name}.recover"))
}

/// Writes the unsaved case to the recovery file, atomically (a temporary file renamed into
/// place), and returns its path.
pub fn write_recovery(
    verdict_file: &Path,
    case: &Case,
    view: &SavedView,
    extra: &Map<String, Value>,
) -> Result<PathBuf, SaveError> {
    let path = recovery_path(verdict_file);
    let json = if super::files::stream(case) {
        None
    } else {
        Some(to_json(case, view, extra).map_err(|e| e.with_path(&path))?)
    };
    let io_err = |step: &'static str| {
        let path = path.clone();
        move |source: io::Error| SaveError::Io {
            path: path.clone(),
            step,
            source,
        }
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".factdesk-recover-")
        .tempfile_in(&dir)
        .map_err(io_err("creating a temporary file"))?;
    match &json {
        Some(json) => tmp
            .write_all(json.as_bytes())
            .map_err(io_err("writing the recovery file"))?,
        None => {
            super::files::write_case(tmp.as_file(), case, view, extra, &path)?;
        }
    }
    tmp.as_file()
        .sync_all()
        .map_err(io_err("flushing the recovery file"))?;
    tmp.persist(&path)
        .map_err(|e| e.error)
        .map_err(io_err("renaming the recovery file into place"))?;
    Ok(path)
}

/// A recovery file that is newer than its verdict file (or whose verdict file is missing),
/// loaded; `None` when there is none or it is older.
pub fn pending_recovery(verdict_file: &Path) -> Option<Result<Loaded, LoadError>> {
    let path = recovery_path(verdict_file);
    let recovered = fs::metadata(&path).ok()?.modified().ok()?;
    let saved = fs::metadata(verdict_file).and_then(|m| m.modified()).ok();
    if saved.is_some_and(|s| s > recovered) {
        return None;
    }
    Some(super::load(&path))
}

/// Removes the recovery file (after a save or when the checker discards it).
pub fn remove_recovery(verdict_file: &Path) -> io::Result<()> {
    match fs::remove_file(recovery_path(verdict_file)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// What a verdict file on disk looked like when factdesk last read or wrote it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiskStamp {
    pub size: u64,
    pub modified: Option<SystemTime>,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
}

impl DiskStamp {
    /// The stamp of the file at `path` now; `None` when there is no file.
    pub fn of(path: &Path) -> Option<DiskStamp> {
        let meta = fs::metadata(path).ok()?;
        let bytes = fs::read(path).ok()?;
        Some(DiskStamp::from_bytes(&meta, &bytes))
    }

    /// The stamp of a file with `meta` whose bytes hashed to `sha256` as they were read.
    pub fn from_digest(meta: &fs::Metadata, sha256: String) -> DiskStamp {
        DiskStamp {
            size: meta.len(),
            modified: meta.modified().ok(),
            sha256,
        }
    }

    /// The stamp of bytes just read from a file with `meta`.
    pub fn from_bytes(meta: &fs::Metadata, bytes: &[u8]) -> DiskStamp {
        DiskStamp {
            size: bytes.len() as u64,
            modified: meta.modified().ok(),
            sha256: hex_sha256(bytes),
        }
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Loads a verdict file and stamps it in one go (the stamp is of the bytes that were read).
pub fn load_stamped(path: &Path) -> Result<(Loaded, Option<DiskStamp>), LoadError> {
    let (loaded, stamp) = super::files::load_with_stamp(path)?;
    Ok((loaded, Some(stamp)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Origin, Scale};

    fn case(text: &str) -> Case {
        Case::new(
            Article::new(text.into(), Origin::default()),
            Scale::default_scale(),
        )
    }

    /// The recovery file sits beside the verdict file as a hidden `.recover`, is offered
    /// while it is newer than the file, and is gone after removal.
    #[test]
    fn recovery_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.factdesk.json");
        assert_eq!(
            recovery_path(&file),
            dir.path().join(".a.factdesk.json.recover")
        );
        assert!(pending_recovery(&file).is_none());
        let path =
            write_recovery(&file, &case("Text."), &SavedView::default(), &Map::new()).unwrap();
        assert!(path.exists());
        let loaded = pending_recovery(&file).unwrap().unwrap();
        assert_eq!(loaded.case.article.text, "Text.");
        // A verdict file saved after the recovery file makes it stale.
        std::thread::sleep(std::time::Duration::from_millis(20));
        super::super::save(&file, &case("Text."), &SavedView::default(), &Map::new()).unwrap();
        assert!(pending_recovery(&file).is_none());
        remove_recovery(&file).unwrap();
        assert!(!path.exists());
        remove_recovery(&file).unwrap();
    }

    /// A stamp changes when the bytes change, even at the same size.
    #[test]
    fn stamps_see_changes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.json");
        assert!(DiskStamp::of(&file).is_none());
        fs::write(&file, "abc").unwrap();
        let a = DiskStamp::of(&file).unwrap();
        fs::write(&file, "abd").unwrap();
        let b = DiskStamp::of(&file).unwrap();
        assert_eq!(a.size, b.size);
        assert_ne!(a, b);
    }
}
