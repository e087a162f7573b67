//! Reading and writing verdict files on disk: refuse what is not a regular file before
//! opening it, and replace files atomically with a `.bak` of the previous version.

use std::fs::{self, File, Metadata};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::recovery::DiskStamp;
use super::safe_json::{Escape, Escaping};
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
pub fn not_regular(meta: &Metadata) -> Option<&'static str> {
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
    let read = || -> Result<Vec<u8>, LoadError> {
        if meta.len() > ONE_BUFFER_BYTES
            && let Some(bytes) =
                read_halves(&file, meta.len()).map_err(|e| load_io_error(path, e))?
        {
            return Ok(bytes);
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        (&file)
            .take(MAX_VERDICT_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| load_io_error(path, e))?;
        if bytes.len() as u64 > MAX_VERDICT_FILE_BYTES {
            return Err(too_large(bytes.len() as u64));
        }
        Ok(bytes)
    };
    let bytes = read()?;
    if bytes.len() as u64 > ONE_BUFFER_BYTES {
        let (parsed, (underflow, stamped)) = parse_and_check(&bytes, &meta, stamp);
        let Some((parsed, text)) = parsed.filter(|_| !underflow) else {
            // Not that: the careful way, for the right message.
            return careful(path, bytes, stamped);
        };
        // The text is unescaped while the checks that do not read it run.
        let mut opened = super::format::Opened::from(parsed);
        let (text, problems) = crate::parallel::both(
            || super::one_buffer::into_text(bytes, text),
            || opened.number_and_check(),
        );
        let Some(text) = text else {
            // The buffer is spent: read the file again, the careful way.
            io::Seek::rewind(&mut &file).map_err(|e| load_io_error(path, e))?;
            let bytes = read()?;
            let stamped = stamp.then(|| DiskStamp::from_bytes(&meta, &bytes));
            return careful(path, bytes, stamped);
        };
        opened.case.article.text = text.into();
        let loaded = opened.finish(problems).map_err(|e| e.with_path(path))?;
        return Ok((loaded, stamped));
    }
    let stamped = stamp.then(|| DiskStamp::from_bytes(&meta, &bytes));
    careful(path, bytes, stamped)
}

/// A large file's `len` bytes read as two halves at once: most of reading 21 MB here is
/// the kernel giving the fresh buffer its pages, which two threads do in half the time.
/// `None` when the file is no longer `len` bytes long (changed while read): the plain read
/// then takes it as it is.
#[cfg(unix)]
fn read_halves(file: &File, len: u64) -> io::Result<Option<Vec<u8>>> {
    use std::os::unix::fs::FileExt;
    let Ok(size) = usize::try_from(len) else {
        return Ok(None);
    };
    let mut bytes = vec![0; size];
    let (front, back) = bytes.split_at_mut(size / 2);
    let mid = front.len() as u64;
    let (front, back) = crate::parallel::both(
        || read_all_at(file, front, 0),
        || read_all_at(file, back, mid),
    );
    if !(front? && back?) {
        return Ok(None);
    }
    // Grown meanwhile: the plain read sees all of it.
    if file.read_at(&mut [0], len)? != 0 {
        return Ok(None);
    }
    Ok(Some(bytes))
}

#[cfg(not(unix))]
fn read_halves(_: &File, _: u64) -> io::Result<Option<Vec<u8>>> {
    Ok(None)
}

/// Fills `buf` from `offset` on; `false` when the file ends first.
#[cfg(unix)]
fn read_all_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<bool> {
    use std::os::unix::fs::FileExt;
    while !buf.is_empty() {
        match file.read_at(buf, offset) {
            Ok(0) => return Ok(false),
            Ok(n) => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

/// Parses a large file's bytes (see [`super::one_buffer`]) while another thread looks for
/// numbers that may underflow and, when asked, stamps the bytes.
fn parse_and_check(
    bytes: &[u8],
    meta: &Metadata,
    stamp: bool,
) -> (Option<super::one_buffer::Parsed>, (bool, Option<DiskStamp>)) {
    let check = || {
        (
            super::numbers::may_underflow(bytes),
            stamp.then(|| DiskStamp::from_bytes(meta, bytes)),
        )
    };
    std::thread::scope(|scope| {
        let checking = std::thread::Builder::new()
            .name("load-check".into())
            .spawn_scoped(scope, check);
        let parsed = super::one_buffer::parse(bytes);
        let checked = match checking {
            Ok(handle) => match handle.join() {
                Ok(checked) => checked,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => check(),
        };
        (parsed, checked)
    })
}

/// The careful way: the whole text, then [`from_json`], whose messages say what is wrong.
fn careful(
    path: &Path,
    bytes: Vec<u8>,
    stamp: Option<DiskStamp>,
) -> Result<(Loaded, Option<DiskStamp>), LoadError> {
    let text = String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        path: Some(path.to_path_buf()),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let loaded = from_json(&text).map_err(|e| e.with_path(path))?;
    Ok((loaded, stamp))
}

/// Whether a case is large enough to be written as a stream rather than one string: an
/// estimate of its file (the article, the claims' wordings and quotes, and
/// [`CLAIM_JSON_BYTES`] a claim for the rest) over [`STREAM_SAVE_BYTES`]. A short article
/// with many claims is a large file too. Both ways write the same bytes.
pub(super) fn stream(case: &Case) -> bool {
    if case.article.text.len() as u64 > STREAM_SAVE_BYTES {
        return true;
    }
    let claims: usize = case
        .claims
        .iter()
        .map(|c| {
            let quotes = c
                .anchors
                .iter()
                .map(|a| a.exact.len() + a.prefix.len() + a.suffix.len());
            CLAIM_JSON_BYTES + c.text.len() + quotes.sum::<usize>()
        })
        .sum();
    (case.article.text.len() + claims) as u64 > STREAM_SAVE_BYTES
}

/// About what a claim's keys, dates, status and verdict take in the file.
const CLAIM_JSON_BYTES: usize = 256;

/// Writes a large case's JSON into `file` as a stream (the case was checked before: ids,
/// anchors, clashing fields; serde_json writes nothing it cannot read back, and the model
/// holds no non-finite number). Returns the bytes written; refuses a file over the cap.
///
/// The JSON is made on this thread in chunks that another thread escapes for the terminal
/// and writes, flushing to disk every [`EARLY_SYNC_BYTES`]: the disk takes the file while
/// the rest is being made, and the caller's final flush has only the tail left.
pub(super) fn write_case(
    file: &File,
    case: &Case,
    view: &SavedView,
    extra: &Map<String, Value>,
    path: &Path,
) -> Result<usize, SaveError> {
    let io_error = |source| SaveError::Io {
        path: path.to_path_buf(),
        step: "writing the temporary file",
        source,
    };
    let count = std::thread::scope(|scope| {
        let (chunks, received) = std::sync::mpsc::sync_channel::<Vec<u8>>(CHUNKS_IN_FLIGHT);
        let writer = std::thread::Builder::new()
            .name("save-write".into())
            .spawn_scoped(scope, move || write_chunks(file, received));
        let Ok(writer) = writer else {
            // No thread to be had: escape and write here, then.
            let mut out = escaping(file);
            super::format::write_json(case, view, extra, &mut out)?
                .and_then(|()| out.flush())
                .map_err(io_error)?;
            return Ok(out.inner.count);
        };
        let mut out = Chunks::new(chunks);
        let made =
            super::format::write_json(case, view, extra, &mut out)?.and_then(|()| out.flush());
        drop(out);
        let written = match writer.join() {
            Ok(written) => written,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        // The writer's own error says more than the closed channel the maker then hit.
        let count = written.and_then(|count| made.map(|()| count));
        count.map_err(io_error)
    })
    .map_err(|e: SaveError| e.with_path(path))?;
    if count > MAX_VERDICT_FILE_BYTES {
        return Err(SaveError::Refused {
            problems: vec![format!(
                "the file would be {count} bytes, more than the {MAX_VERDICT_FILE_BYTES}-byte limit"
            )],
            path: Some(path.to_path_buf()),
        });
    }
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
}

/// What writes a verdict file's JSON into `file`: the terminal escapes applied, buffered,
/// the bytes counted.
fn escaping(file: &File) -> Escaping<Counting<io::BufWriter<&File>>> {
    Escaping {
        inner: Counting {
            inner: io::BufWriter::with_capacity(CHUNK_BYTES, file),
            count: 0,
        },
        escape: Escape::Terminal,
    }
}

/// Escapes and writes the chunks as they come, flushing to disk every
/// [`EARLY_SYNC_BYTES`]. Returns the bytes written.
fn write_chunks(file: &File, chunks: std::sync::mpsc::Receiver<Vec<u8>>) -> io::Result<u64> {
    let mut out = escaping(file);
    let mut synced = 0;
    for chunk in chunks {
        out.write_all(&chunk)?;
        if out.inner.count - synced >= EARLY_SYNC_BYTES {
            out.flush()?;
            file.sync_data()?;
            synced = out.inner.count;
        }
    }
    out.flush()?;
    Ok(out.inner.count)
}

/// A writer that hands what it is given to another thread in chunks, each ending on a char
/// boundary (the other thread escapes each chunk as text).
struct Chunks {
    chunk: Vec<u8>,
    send: std::sync::mpsc::SyncSender<Vec<u8>>,
}

impl Chunks {
    fn new(send: std::sync::mpsc::SyncSender<Vec<u8>>) -> Chunks {
        Chunks {
            chunk: Vec::with_capacity(CHUNK_BYTES),
            send,
        }
    }

    fn send_chunk(&mut self) -> io::Result<()> {
        let full = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK_BYTES));
        self.send
            .send(full)
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the writing thread stopped"))
    }
}

/// The longest start of `buf`, at most `max` bytes, that ends on a char boundary (all of
/// `max` when `buf` is not text there).
fn char_floor(buf: &[u8], max: usize) -> usize {
    if max >= buf.len() {
        return buf.len();
    }
    // A char is at most four bytes: a boundary is within three of any point in text.
    (max.saturating_sub(3)..=max)
        .rev()
        .find(|&n| buf[n] & 0xC0 != 0x80)
        .unwrap_or(max)
}

impl Write for Chunks {
    /// Takes what fits in the chunk, up to a char boundary: a paragraph of megabytes (an
    /// article without line breaks) is sent in chunks, not copied whole into one.
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut taken = char_floor(buf, CHUNK_BYTES - self.chunk.len());
        if taken == 0 && !buf.is_empty() {
            // Not even one char fits: this chunk is done.
            self.send_chunk()?;
            taken = char_floor(buf, CHUNK_BYTES).max(1);
        }
        self.chunk.extend_from_slice(&buf[..taken]);
        if self.chunk.len() >= CHUNK_BYTES {
            self.send_chunk()?;
        }
        Ok(taken)
    }

    /// Most writes are a few bytes (a key, a quote, a line break): copied without a loop.
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if buf.len() < CHUNK_BYTES - self.chunk.len() {
            self.chunk.extend_from_slice(buf);
            return Ok(());
        }
        let mut rest = buf;
        while !rest.is_empty() {
            let taken = self.write(rest)?;
            rest = &rest[taken..];
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        self.send_chunk()
    }
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

/// The size of the chunks a large case is written in.
const CHUNK_BYTES: usize = 256 << 10;

/// Chunks made ahead of the writing thread at most.
const CHUNKS_IN_FLIGHT: usize = 4;

/// A large case's file is flushed to disk every this many bytes while it is written.
const EARLY_SYNC_BYTES: u64 = 4 << 20;

/// Files larger than this are read through [`super::one_buffer`] when they are of the
/// current version.
const ONE_BUFFER_BYTES: u64 = 4 << 20;

/// Cases larger than this (see [`stream`]) are written as a stream.
const STREAM_SAVE_BYTES: u64 = 4 << 20;

/// Saves a case atomically and returns what was written.
///
/// The JSON is produced first, so a refused case writes nothing. A symlink is followed and
/// its target replaced (the link stays) unless `follow_links` is false, when the link
/// itself is replaced (a link that appeared after the case was opened is never written
/// through). The old file is kept as `<name>.bak`. See [`super::atomic::replace`].
pub fn save(
    path: &Path,
    case: &Case,
    view: &SavedView,
    extra: &Map<String, Value>,
) -> Result<SaveReport, SaveError> {
    save_with(path, case, view, extra, true)
}

/// [`save`], saying whether a symbolic link at `path` is followed.
pub fn save_with(
    path: &Path,
    case: &Case,
    view: &SavedView,
    extra: &Map<String, Value>,
    follow_links: bool,
) -> Result<SaveReport, SaveError> {
    // A small case is turned into JSON (and checked) before anything is touched on disk.
    let json = if stream(case) {
        None
    } else {
        Some(to_json(case, view, extra).map_err(|e| e.with_path(path))?)
    };
    let how = super::atomic::Replace {
        follow_links,
        keep_backup: true,
    };
    super::atomic::replace(path, how, |file| match &json {
        Some(json) => (&mut &*file)
            .write_all(json.as_bytes())
            .map(|()| json.len())
            .map_err(|source| SaveError::Io {
                path: path.to_path_buf(),
                step: "writing the temporary file",
                source,
            }),
        None => write_case(file, case, view, extra, path),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file read in two halves is the file; one that is shorter or longer than the size
    /// it was said to have (changed while read) gives `None`, for the plain read.
    #[cfg(unix)]
    #[test]
    fn halves_read_the_file_or_say_it_changed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("f");
        let content: Vec<u8> = (0..1_000_003u32).map(|i| (i % 253) as u8).collect();
        fs::write(&path, &content).expect("written");
        let file = File::open(&path).expect("opens");
        let len = content.len() as u64;
        assert_eq!(read_halves(&file, len).expect("read"), Some(content));
        assert_eq!(read_halves(&file, len + 1).expect("read"), None, "shrunk");
        assert_eq!(read_halves(&file, len - 1).expect("read"), None, "grown");
    }

    /// One write of megabytes (an article of one paragraph) goes out in chunks of at most
    /// [`CHUNK_BYTES`], all of it, in order, each chunk whole chars.
    #[test]
    fn a_long_write_is_sent_in_bounded_chunks_of_whole_chars() {
        let (send, received) = std::sync::mpsc::sync_channel(64);
        let mut out = Chunks::new(send);
        let big = "aé€😀".repeat(CHUNK_BYTES / 2);
        out.write_all(b"{")
            .and_then(|()| out.write_all(big.as_bytes()))
            .and_then(|()| out.write_all("é".as_bytes()))
            .expect("written");
        out.flush().expect("flushed");
        drop(out);
        let chunks: Vec<Vec<u8>> = received.iter().collect();
        assert!(chunks.len() > 4, "{}", chunks.len());
        for chunk in &chunks {
            assert!(chunk.len() <= CHUNK_BYTES, "{}", chunk.len());
            assert!(
                std::str::from_utf8(chunk).is_ok(),
                "a char split at a chunk's end"
            );
        }
        assert_eq!(chunks.concat(), format!("{{{big}é").into_bytes());
    }
}
