//! One factdesk at a time on a verdict file: an advisory lock (`flock`) on a small file in
//! the user's runtime directory, keyed by the verdict file's absolute path, holding the
//! owner's pid. The lock goes with the process, however it ends; no file appears beside
//! the case (teams keep cases in git).

use std::fs::{self, File};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The lock on a verdict file, held while this value lives.
#[derive(Debug)]
pub struct CaseLock {
    file: File,
    path: PathBuf,
}

impl Drop for CaseLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
        let _ = &self.file; // closing the file releases the lock
    }
}

/// Takes the lock without waiting: `Ok(true)` taken, `Ok(false)` held elsewhere.
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use rustix::fs::{FlockOperation, flock};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::WOULDBLOCK) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Where there is no `flock`, factdesk works unlocked.
#[cfg(not(unix))]
fn try_lock(_file: &File) -> std::io::Result<bool> {
    Err(std::io::Error::other("no file locks here"))
}

/// Another factdesk holds the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// Its process id, when it wrote one.
    pub pid: Option<u32>,
}

/// Locks `verdict_file` for this process. `Ok(None)` when no lock can be taken here (no
/// runtime or temporary directory to write to): factdesk then works unlocked, as before.
pub fn lock_case(verdict_file: &Path) -> Result<Option<CaseLock>, Held> {
    let Some(path) = lock_path(verdict_file) else {
        return Ok(None);
    };
    if let Some(dir) = path.parent()
        && fs::create_dir_all(dir).is_err()
    {
        return Ok(None);
    }
    let Ok(mut file) = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
    else {
        return Ok(None);
    };
    match try_lock(&file) {
        Ok(true) => {}
        Ok(false) => {
            let mut pid = String::new();
            let _ = file.read_to_string(&mut pid);
            return Err(Held {
                pid: pid.trim().parse().ok(),
            });
        }
        Err(_) => return Ok(None),
    }
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| write!(file, "{}", std::process::id()))
        .and_then(|()| file.flush());
    Ok(Some(CaseLock { file, path }))
}

/// `<runtime dir>/factdesk/locks/<hash of the absolute path>.lock`.
fn lock_path(verdict_file: &Path) -> Option<PathBuf> {
    let absolute = match verdict_file.canonicalize() {
        Ok(p) => p,
        Err(_) => std::path::absolute(verdict_file).ok()?,
    };
    let key = crate::model::sha256_hex(&absolute.to_string_lossy());
    let dir = directories::ProjectDirs::from("", "", "factdesk")
        .and_then(|p| p.runtime_dir().map(Path::to_path_buf))
        .unwrap_or_else(|| std::env::temp_dir().join("factdesk-locks"));
    Some(dir.join(format!("{}.lock", &key[..24])))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A second lock on the same case is refused with the holder's pid; once the first is
    /// dropped the case can be locked again.
    #[test]
    fn second_lock_is_refused_until_the_first_goes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("a.factdesk.json");
        std::fs::write(&case, "{}").expect("writes");
        let first = lock_case(&case).expect("free").expect("lockable here");
        let held = lock_case(&case).expect_err("already locked");
        assert_eq!(held.pid, Some(std::process::id()));
        drop(first);
        assert!(lock_case(&case).expect("free again").is_some());
    }
}
