//! The recovery file (unsaved work written beside the verdict file on a timer and when
//! factdesk is stopped) and the stamp that tells whether the file on disk changed.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_json::{Map, Value};

use super::{LoadError, Loaded, SaveError, SavedView, to_json};
use crate::model::Case;

/// `.<name>.recover` beside the verdict file `<name>` (a long name is shortened to fit).
pub fn recovery_path(verdict_file: &Path) -> PathBuf {
    let name = verdict_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "factdesk".into());
    verdict_file.with_file_name(super::sibling_name(&name, ".", ".recover"))
}

/// Writes the unsaved case to the recovery file, atomically (a temporary file renamed into
/// place), and returns its path.
pub fn write_recovery(
    verdict_file: &Path,
    case: &Case,
    view: &SavedView,
    extra: &Map<String, Value>,
) -> Result<PathBuf, SaveError> {
    write_recovery_at(&recovery_path(verdict_file), case, view, extra)
}

/// Writes the unsaved case to the recovery file `path` (a link there is replaced, never
/// written through).
pub fn write_recovery_at(
    path: &Path,
    case: &Case,
    view: &SavedView,
    extra: &Map<String, Value>,
) -> Result<PathBuf, SaveError> {
    let json = if super::files::stream(case) {
        None
    } else {
        Some(to_json(case, view, extra).map_err(|e| e.with_path(path))?)
    };
    let how = super::Replace {
        follow_links: false,
        keep_backup: false,
    };
    let report = super::replace(path, how, |file| match &json {
        Some(json) => (&mut &*file)
            .write_all(json.as_bytes())
            .map(|()| json.len())
            .map_err(|source| SaveError::Io {
                path: path.to_path_buf(),
                step: "writing the recovery file",
                source,
            }),
        None => super::files::write_case(file, case, view, extra, path),
    })?;
    Ok(report.path)
}

/// Where unsaved work went when factdesk had to stop or autosave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// Nothing was unsaved.
    Nothing,
    /// The recovery file beside the verdict file (offered when the case is opened again).
    Beside(PathBuf),
    /// The recovery file could not be written beside the case (`why`); the work is in
    /// `path`, a verdict file of its own.
    Elsewhere { path: PathBuf, why: String },
    /// It could not be written anywhere.
    Lost(String),
}

impl Kept {
    /// Where the work is, if it was kept.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Kept::Beside(p) | Kept::Elsewhere { path: p, .. } => Some(p),
            Kept::Nothing | Kept::Lost(_) => None,
        }
    }

    /// One sentence for the user.
    pub fn describe(&self) -> String {
        match self {
            Kept::Nothing => "nothing was unsaved".into(),
            Kept::Beside(p) => format!(
                "unsaved work kept in {} (offered when you open the case again)",
                p.display()
            ),
            Kept::Elsewhere { path, why } => format!(
                "the recovery file could not be written beside the case ({why}); unsaved work \
                 kept in {} (open it with: factdesk {})",
                path.display(),
                path.display()
            ),
            Kept::Lost(why) => format!("UNSAVED WORK COULD NOT BE KEPT: {why}"),
        }
    }
}

/// Writes unsaved work where it can: the recovery file beside the verdict file, else a
/// file in the user's state directory, else in the temporary directory.
pub fn keep_unsaved(
    verdict_file: &Path,
    case: &Case,
    view: &SavedView,
    extra: &Map<String, Value>,
) -> Kept {
    let why = match write_recovery(verdict_file, case, view, extra) {
        Ok(path) => return Kept::Beside(path),
        Err(e) => e.to_string(),
    };
    let name = verdict_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "factdesk".into());
    let file = super::sibling_name(&name, "", &format!(".{}.recover", std::process::id()));
    let mut reasons = vec![why.clone()];
    for dir in fallback_dirs() {
        if let Err(e) = fs::create_dir_all(&dir) {
            reasons.push(format!("{}: {e}", dir.display()));
            continue;
        }
        match write_recovery_at(&dir.join(&file), case, view, extra) {
            Ok(path) => return Kept::Elsewhere { path, why },
            Err(e) => reasons.push(e.to_string()),
        }
    }
    Kept::Lost(reasons.join("; "))
}

/// The user's state directory for factdesk (XDG_STATE_HOME on Linux, else the local data
/// directory), then the temporary directory.
fn fallback_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(p) = directories::ProjectDirs::from("", "", "factdesk") {
        dirs.push(
            p.state_dir()
                .unwrap_or_else(|| p.data_local_dir())
                .join("recovered"),
        );
    }
    dirs.push(std::env::temp_dir().join("factdesk-recovered"));
    dirs
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
    /// Where the path pointed when it was a symbolic link (its own target, not followed
    /// further); `None` when it was not a link.
    pub link: Option<PathBuf>,
}

impl DiskStamp {
    /// The stamp of the file at `path` now; `None` when there is no file.
    pub fn of(path: &Path) -> Option<DiskStamp> {
        // Hashed as it is read: the file is never held whole beside the case.
        let file = fs::File::open(path).ok()?;
        let meta = file.metadata().ok()?;
        let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
        let mut reader = io::BufReader::with_capacity(1 << 16, file);
        loop {
            let chunk = io::BufRead::fill_buf(&mut reader).ok()?;
            if chunk.is_empty() {
                break;
            }
            sha2::Digest::update(&mut hasher, chunk);
            let n = chunk.len();
            io::BufRead::consume(&mut reader, n);
        }
        let sha256 = crate::model::hex(&sha2::Digest::finalize(hasher));
        Some(DiskStamp::from_digest(&meta, sha256).at(path))
    }

    /// The stamp with the symbolic link at `path`, if there is one, recorded.
    pub fn at(mut self, path: &Path) -> DiskStamp {
        self.link = fs::read_link(path).ok();
        self
    }

    /// The stamp of a file with `meta` whose bytes hashed to `sha256` as they were read.
    pub fn from_digest(meta: &fs::Metadata, sha256: String) -> DiskStamp {
        DiskStamp {
            size: meta.len(),
            modified: meta.modified().ok(),
            sha256,
            link: None,
        }
    }

    /// The stamp of bytes just read from a file with `meta`.
    pub fn from_bytes(meta: &fs::Metadata, bytes: &[u8]) -> DiskStamp {
        DiskStamp {
            size: bytes.len() as u64,
            modified: meta.modified().ok(),
            sha256: hex_sha256(bytes),
            link: None,
        }
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    crate::model::sha256_hex_bytes(bytes)
}

/// Loads a verdict file and stamps it in one go (the stamp is of the bytes that were read).
pub fn load_stamped(path: &Path) -> Result<(Loaded, Option<DiskStamp>), LoadError> {
    let (loaded, stamp) = super::files::load_with_stamp(path)?;
    Ok((loaded, Some(stamp.at(path))))
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
