//! Replacing a file atomically: a temporary file in the same directory, flushed, given the
//! old file's permissions and owner, renamed over the target, the directory flushed. One
//! home for it: verdict files, recovery files and `-o` outputs all go through here.

use std::fs::{self, File, Metadata};
use std::io;
use std::path::{Path, PathBuf};

use super::files::not_regular;
use super::{SaveError, SaveReport};

/// Temporary files are `.factdesk-XXXXXX.tmp`: short, so a target whose own name is near
/// the 255-byte limit can still be replaced in place.
const TMP_PREFIX: &str = ".factdesk-";
const TMP_SUFFIX: &str = ".tmp";

/// The longest file name most file systems take, in bytes.
const NAME_MAX: usize = 255;

/// `<prefix><name><suffix>` when it fits in a file name; otherwise the name is cut (at a
/// char boundary) and a short hash of the whole name keeps it apart from its neighbours.
pub(crate) fn sibling_name(name: &str, prefix: &str, suffix: &str) -> String {
    let whole = format!("{prefix}{name}{suffix}");
    if whole.len() <= NAME_MAX {
        return whole;
    }
    let hash = &crate::model::sha256_hex(name)[..8];
    let room = NAME_MAX - prefix.len() - suffix.len() - hash.len() - 1;
    let mut cut = room.min(name.len());
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{prefix}{}~{hash}{suffix}", &name[..cut])
}

/// Follows `path` through symbolic links (relative ones against their own directory) to
/// the file that should really be written; a dangling link resolves to its target.
pub(crate) fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            Ok(_) => return Ok(p),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// How [`replace`] treats the path it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Replace {
    /// Follow a symbolic link at the path and replace its target (else replace the link).
    pub follow_links: bool,
    /// Keep the previous contents as `<name>.bak`.
    pub keep_backup: bool,
}

/// Replaces the regular file at `path` (or creates it) with what `write` writes into a
/// temporary file. On failure the old file is untouched and the temporary file removed.
pub(crate) fn replace(
    path: &Path,
    how: Replace,
    write: impl FnOnce(&File) -> Result<usize, SaveError>,
) -> Result<SaveReport, SaveError> {
    let io_err = |step: &'static str| {
        move |source: io::Error| SaveError::Io {
            path: path.to_path_buf(),
            step,
            source,
        }
    };
    let target = match how.follow_links {
        true => resolve_symlinks(path).map_err(io_err("following the symbolic link"))?,
        false => path.to_path_buf(),
    };
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name"))
        .map_err(io_err("choosing the file name"))?
        .to_string_lossy()
        .into_owned();
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(SaveError::NoDirectory { path: target, dir });
    }
    let old = match fs::symlink_metadata(&target) {
        Ok(m) if m.file_type().is_symlink() => None, // replaced, not written through
        Ok(m) => match not_regular(&m) {
            Some(what) => return Err(SaveError::NotARegularFile { path: target, what }),
            None => Some(m),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err("checking the existing file")(e)),
    };
    remove_leftovers(&dir, &name);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TMP_PREFIX).suffix(TMP_SUFFIX);
    #[cfg(unix)]
    if old.is_none() {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets the usual 0o666 minus the umask, not the temp file's 0o600.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let tmp = builder
        .tempfile_in(&dir)
        .map_err(io_err("creating a temporary file in its directory"))?;
    let bytes = write(tmp.as_file())?;
    if let Some(meta) = &old {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(io_err("copying the file's permissions"))?;
        keep_owner(tmp.as_file(), meta);
    }
    tmp.as_file()
        .sync_all()
        .map_err(io_err("flushing the temporary file to disk"))?;
    let backup = match (&old, how.keep_backup) {
        (Some(_), true) => Some(
            keep_backup(&target, &dir, &name)
                .map_err(io_err("keeping the previous version as .bak"))?,
        ),
        _ => None,
    };
    tmp.persist(&target)
        .map_err(|e| io_err("replacing the file")(e.error))?;
    sync_dir(&dir).map_err(io_err("flushing the directory to disk"))?;
    Ok(SaveReport {
        path: target,
        bytes,
        backup,
    })
}

/// Gives the new file the old one's owner and group when they differ (only possible as
/// root; failures are ignored, the permissions are already copied).
fn keep_owner(file: &File, old: &Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(new) = file.metadata()
            && (new.uid(), new.gid()) != (old.uid(), old.gid())
        {
            let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
        }
    }
    #[cfg(not(unix))]
    let _ = (file, old);
}

/// Removes temporary files an interrupted save left behind (`.factdesk-*.tmp`, and
/// `.<name>.*.tmp` as factdesk 0.1.0 named them), at least a minute old so a save running
/// in another process is not disturbed.
fn remove_leftovers(dir: &Path, name: &str) {
    let old_prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(TMP_PREFIX) || name.starts_with(&old_prefix);
        if !(ours && name.ends_with(TMP_SUFFIX)) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() >= 60);
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Atomically makes `<name>.bak` hold the current contents of `target`: a hard link (or,
/// where links are not possible, a flushed copy) under a temporary name, renamed into place.
fn keep_backup(target: &Path, dir: &Path, name: &str) -> io::Result<PathBuf> {
    let bak = dir.join(sibling_name(name, "", ".bak"));
    #[cfg(unix)]
    if let (Ok(t), Ok(b)) = (fs::metadata(target), fs::symlink_metadata(&bak)) {
        use std::os::unix::fs::MetadataExt;
        if (t.dev(), t.ino()) == (b.dev(), b.ino()) {
            return Ok(bak); // Already the same file; renaming a link onto itself is a no-op.
        }
    }
    let replaced = HeldBackup::open(&bak);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TMP_PREFIX).suffix(TMP_SUFFIX);
    match builder.make_in(dir, |p| fs::hard_link(target, p)) {
        Ok(link) => {
            link.persist(&bak).map_err(|e| e.error)?;
        }
        Err(_) => {
            let mut copy = builder.tempfile_in(dir)?;
            io::copy(&mut File::open(target)?, &mut copy)?;
            copy.as_file()
                .set_permissions(fs::metadata(target)?.permissions())?;
            copy.as_file().sync_all()?;
            copy.persist(&bak).map_err(|e| e.error)?;
        }
    }
    replaced.free_elsewhere();
    Ok(bak)
}

/// The `.bak` a save replaces, held open so that freeing its blocks (20 ms for a 21 MB
/// file on a disk mounted with `discard`) happens when it is closed, on another thread,
/// and not in the rename the user waits for. Only files worth a thread are held.
struct HeldBackup(Option<File>);

impl HeldBackup {
    /// Backups smaller than this are freed in the rename, as before.
    const WORTH_A_THREAD: u64 = 1 << 20;

    fn open(bak: &Path) -> HeldBackup {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let worth = fs::symlink_metadata(bak)
                .is_ok_and(|m| m.is_file() && m.len() >= Self::WORTH_A_THREAD);
            // Never a link followed, and never a wait: a FIFO put there opens at once.
            let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
            let file = worth
                .then(|| rustix::fs::open(bak, flags, Mode::empty()).ok())
                .flatten()
                .map(File::from)
                .filter(|f| f.metadata().is_ok_and(|m| m.is_file()));
            HeldBackup(file)
        }
        #[cfg(not(unix))]
        {
            let _ = bak;
            HeldBackup(None)
        }
    }

    /// Closes the replaced file on a thread of its own (here when none can be had).
    fn free_elsewhere(self) {
        if let Some(file) = self.0 {
            let _ = std::thread::Builder::new()
                .name("free-backup".into())
                .spawn(move || drop(file));
        }
    }
}

/// Flushes a directory so a rename in it survives a crash. Platforms and file systems that
/// cannot flush a directory are skipped silently.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        match File::open(dir).and_then(|d| d.sync_all()) {
            Ok(()) => Ok(()),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::Unsupported | io::ErrorKind::InvalidInput
                ) =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}
