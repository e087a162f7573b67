//! Reading and writing verdict files on disk: refuse what is not a regular file before
//! opening it, and replace files atomically with a `.bak` of the previous version.

use std::fs::{self, File, Metadata};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::recovery::DiskStamp;
use super::{LoadError, Loaded, SaveError, SavedView, from_json, to_json};
use crate::model::Case;

/// The largest verdict file [`load`] reads (256 MiB); larger files are refused by size.
pub const MAX_VERDICT_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// What [`save`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveReport {
    /// The real file written (the symlink's target when saving through a link).
    pub path: PathBuf,
    /// Bytes written.
    pub bytes: usize,
    /// Where the previous version was kept, if there was one.
    pub backup: Option<PathBuf>,
}

/// What a file is when it is not a regular file, for messages; `None` for a regular file.
pub(crate) fn not_regular(meta: &Metadata) -> Option<&'static str> {
    let ft = meta.file_type();
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if ft.is_char_device() || ft.is_block_device() {
            return Some("a device");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Maps an I/O error while opening or reading to the matching [`LoadError`].
fn load_io_error(path: &Path, source: io::Error) -> LoadError {
    let path = path.to_path_buf();
    match source.kind() {
        io::ErrorKind::NotFound => LoadError::NotFound { path },
        io::ErrorKind::PermissionDenied => LoadError::PermissionDenied { path },
        io::ErrorKind::IsADirectory => LoadError::NotARegularFile {
            path,
            what: "a directory",
        },
        _ => LoadError::Io { path, source },
    }
}

/// Reads and parses a verdict file (see [`from_json`]).
///
/// Directories, FIFOs, devices and sockets are refused from their metadata before the file
/// is opened (so a FIFO cannot hang the app), as are files over
/// [`MAX_VERDICT_FILE_BYTES`].
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    load_inner(path, false).map(|(loaded, _)| loaded)
}

/// [`load`], with the stamp of the bytes it read (one read: the same bytes are hashed and
/// parsed, so a change between two reads cannot slip through).
pub(crate) fn load_with_stamp(path: &Path) -> Result<(Loaded, DiskStamp), LoadError> {
    let (loaded, stamp) = load_inner(path, true)?;
    Ok((loaded, stamp.unwrap_or_default()))
}

fn load_inner(path: &Path, stamp: bool) -> Result<(Loaded, Option<DiskStamp>), LoadError> {
    let meta = fs::metadata(path).map_err(|e| load_io_error(path, e))?;
    if let Some(what) = not_regular(&meta) {
        return Err(LoadError::NotARegularFile {
            path: path.to_path_buf(),
            what,
        });
    }
    let too_large = |size: u64| LoadError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: MAX_VERDICT_FILE_BYTES,
    };
    if meta.len() > MAX_VERDICT_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = File::open(path).map_err(|e| load_io_error(path, e))?;
    // The path may have been swapped between the check and the open.
    let meta = file.metadata().map_err(|e| load_io_error(path, e))?;
    if let Some(what) = not_regular(&meta) {
        return Err(LoadError::NotARegularFile {
            path: path.to_path_buf(),
            what,
        });
    }
    if meta.len() > STREAM_LOAD_BYTES {
        // A large file of the current version is parsed as it is read and hashed on the
        // way, so its text is never held in memory beside the case it becomes.
        // The hasher sits under the buffer, so it sees large chunks, not single bytes.
        let hashing = Hashing::new((&file).take(MAX_VERDICT_FILE_BYTES + 1), stamp);
        let mut reader = io::BufReader::with_capacity(1 << 16, hashing);
        if let Some(result) = super::format::from_reader_current(&mut reader)
            && reader.get_ref().count <= MAX_VERDICT_FILE_BYTES
        {
            let digest = reader.into_inner().finish();
            let loaded = result.map_err(|e| e.with_path(path))?;
            let stamp = stamp.then(|| DiskStamp::from_digest(&meta, digest));
            return Ok((loaded, stamp));
        }
        // Not that: read it whole, the careful way, for the right message.
        io::Seek::rewind(&mut &file).map_err(|e| load_io_error(path, e))?;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_VERDICT_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| load_io_error(path, e))?;
    if bytes.len() as u64 > MAX_VERDICT_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let stamp = stamp.then(|| DiskStamp::from_bytes(&meta, &bytes));
    let text = String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        path: Some(path.to_path_buf()),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let loaded = from_json(&text).map_err(|e| e.with_path(path))?;
    Ok((loaded, stamp))
}

/// Whether a case is large enough to be written as a stream rather than one string.
pub(super) fn stream(case: &Case) -> bool {
    case.article.text.len() as u64 > STREAM_LOAD_BYTES
}

/// Writes a large case's JSON into `file` as a stream (the case was checked before: ids,
/// anchors, clashing fields; serde_json writes nothing it cannot read back, and the model
/// holds no non-finite number). Returns the bytes written; refuses a file over the cap.
pub(super) fn write_case(
    file: &File,
    case: &Case,
    view: &SavedView,
    extra: &Map<String, Value>,
    path: &Path,
) -> Result<usize, SaveError> {
    let mut out = Counting {
        inner: io::BufWriter::with_capacity(1 << 16, file),
        count: 0,
    };
    super::format::write_json(case, view, extra, &mut out)
        .map_err(|e| e.with_path(path))?
        .and_then(|()| out.flush())
        .map_err(|source| SaveError::Io {
            path: path.to_path_buf(),
            step: "writing the temporary file",
            source,
        })?;
    if out.count > MAX_VERDICT_FILE_BYTES {
        return Err(SaveError::Refused {
            problems: vec![format!(
                "the file would be {} bytes, more than the {MAX_VERDICT_FILE_BYTES}-byte limit",
                out.count
            )],
            path: Some(path.to_path_buf()),
        });
    }
    Ok(usize::try_from(out.count).unwrap_or(usize::MAX))
}

/// A writer that counts what passes through it.
struct Counting<W> {
    inner: W,
    count: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Files larger than this are read as a stream when they are of the current version.
const STREAM_LOAD_BYTES: u64 = 4 << 20;

/// A reader that counts what passes through it and, when asked, hashes it (SHA-256).
struct Hashing<R> {
    inner: R,
    hasher: Option<sha2::Sha256>,
    count: u64,
}

impl<R> Hashing<R> {
    fn new(inner: R, hash: bool) -> Self {
        Hashing {
            inner,
            hasher: hash.then(sha2::Digest::new),
            count: 0,
        }
    }

    /// The hex SHA-256 of everything read (empty when not hashing).
    fn finish(self) -> String {
        self.hasher.map_or_else(String::new, |h| {
            sha2::Digest::finalize(h)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        })
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(h) = &mut self.hasher {
            sha2::Digest::update(h, &buf[..n]);
        }
        self.count += n as u64;
        Ok(n)
    }
}

/// Follows `path` through symbolic links (relative ones against their own directory) to
/// the file that should really be written; a dangling link resolves to its target.
fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
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

/// Saves a case atomically and returns what was written.
///
/// The JSON is produced first, so a refused case writes nothing. A symlink is followed and
/// its target replaced (the link stays). The new contents go to a temporary file in the
/// same directory, are flushed to disk and given the old file's permissions; the old file
/// is kept as `<name>.bak`; the temporary file is renamed over the target and the directory
/// flushed. On failure the old file is untouched and the temporary file removed.
pub fn save(
    path: &Path,
    case: &Case,
    view: &SavedView,
    extra: &Map<String, Value>,
) -> Result<SaveReport, SaveError> {
    // A small case is turned into JSON (and checked) before anything is touched on disk.
    let json = if stream(case) {
        None
    } else {
        Some(to_json(case, view, extra).map_err(|e| e.with_path(path))?)
    };
    let io_err = |step: &'static str| {
        move |source: io::Error| SaveError::Io {
            path: path.to_path_buf(),
            step,
            source,
        }
    };
    let target = resolve_symlinks(path).map_err(io_err("following the symbolic link"))?;
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
        Ok(m) => match not_regular(&m) {
            Some(what) => return Err(SaveError::NotARegularFile { path: target, what }),
            None => Some(m),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err("checking the existing file")(e)),
    };

    let prefix = format!(".{name}.");
    remove_leftovers(&dir, &prefix);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if old.is_none() {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets the usual 0o666 minus the umask, not the temp file's 0o600.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(&dir)
        .map_err(io_err("creating a temporary file in its directory"))?;
    let bytes = match &json {
        Some(json) => {
            tmp.write_all(json.as_bytes())
                .map_err(io_err("writing the temporary file"))?;
            json.len()
        }
        None => write_case(tmp.as_file(), case, view, extra, path)?,
    };
    if let Some(meta) = &old {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(io_err("copying the file's permissions"))?;
        keep_owner(tmp.as_file(), meta);
    }
    tmp.as_file()
        .sync_all()
        .map_err(io_err("flushing the temporary file to disk"))?;
    let backup = match &old {
        Some(_) => Some(
            keep_backup(&target, &dir, &name)
                .map_err(io_err("keeping the previous version as .bak"))?,
        ),
        None => None,
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

/// Removes temporary files an interrupted save left behind (`.<name>.*.tmp`, at least a
/// minute old so a save running in another process is not disturbed).
fn remove_leftovers(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(prefix) && name.ends_with(".tmp")) {
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
    let bak = dir.join(format!("{name}.bak"));
    #[cfg(unix)]
    if let (Ok(t), Ok(b)) = (fs::metadata(target), fs::symlink_metadata(&bak)) {
        use std::os::unix::fs::MetadataExt;
        if (t.dev(), t.ino()) == (b.dev(), b.ino()) {
            return Ok(bak); // Already the same file; renaming a link onto itself is a no-op.
        }
    }
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".bak.tmp");
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
    Ok(bak)
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
