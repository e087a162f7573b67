//! Where factdesk's outputs go (`export -o`, `sources export -o`, and every other file a
//! subcommand writes besides the verdict file): never over the input, never over a
//! verdict file unless forced, through symbolic links, into FIFOs and devices as they are,
//! `-` to standard output.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::store::{self, SaveError};

/// What must not be written over, and whether the user said to anyway.
#[derive(Debug, Clone, Copy, Default)]
pub struct Guard<'a> {
    /// The files the command reads: never replaced by its output, unless `force`.
    pub inputs: &'a [&'a Path],
    /// `--force`: write over an input or a verdict file (a `.bak` keeps the old one).
    pub force: bool,
}

/// Where an output went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Standard output.
    Stdout,
    /// A regular file, replaced atomically (the path is a link's target when written
    /// through a link); `backup` holds the old contents when a verdict file was forced.
    File {
        path: PathBuf,
        backup: Option<PathBuf>,
    },
    /// A FIFO, a device or a terminal, opened and written as it is.
    Special { path: PathBuf, what: &'static str },
}

impl Written {
    /// What to tell the user on standard error ("Wrote out.md"), `None` for stdout.
    pub fn note(&self) -> Option<String> {
        match self {
            Written::Stdout => None,
            Written::File { path, backup: None } => Some(format!("Wrote {}", path.display())),
            Written::File {
                path,
                backup: Some(bak),
            } => Some(format!(
                "Wrote {} (the previous file is kept as {})",
                path.display(),
                bak.display()
            )),
            Written::Special { path, what } => {
                Some(format!("Wrote to {} ({what})", path.display()))
            }
        }
    }
}

/// Why an output was not written. Nothing was changed on disk.
#[derive(Debug, Error)]
pub enum OutputError {
    /// The target is one of the command's own input files.
    #[error("will not write over {}: it is the input file (use --force to replace it)", .0.display())]
    IsInput(PathBuf),
    /// The target is a factdesk verdict file.
    #[error("will not write over {}: it is a factdesk verdict file (use --force to replace it)", .0.display())]
    IsVerdictFile(PathBuf),
    /// The target is a directory.
    #[error("cannot write {}: it is a directory", .0.display())]
    IsDirectory(PathBuf),
    /// Writing failed.
    #[error("cannot write {}: {reason}", .path.display())]
    Io { path: PathBuf, reason: String },
    /// Replacing a regular file failed.
    #[error(transparent)]
    Replace(#[from] SaveError),
}

/// Whether a command-line output argument means standard output (`None` or `-`).
pub fn is_stdout(out: Option<&Path>) -> bool {
    out.is_none_or(|p| p == Path::new("-"))
}

/// Writes `bytes` to `out` (see the module docs) and says where they went.
pub fn write(out: Option<&Path>, bytes: &[u8], guard: Guard<'_>) -> Result<Written, OutputError> {
    let path = match out {
        Some(p) if !is_stdout(out) => p,
        _ => {
            let mut stdout = io::stdout().lock();
            return match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                Ok(()) => Ok(Written::Stdout),
                // A closed pipe (`| head`) is the reader's choice, not a failure.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Written::Stdout),
                Err(e) => Err(OutputError::Io {
                    path: PathBuf::from("standard output"),
                    reason: e.to_string(),
                }),
            };
        }
    };
    let io_err = |e: io::Error| OutputError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(OutputError::IsDirectory(path.to_path_buf())),
        Ok(meta) if !meta.is_file() => {
            // A FIFO, a device, /dev/stdout: open it as it is (through any link) and write.
            let what = store::not_regular(&meta).unwrap_or("not a regular file");
            let mut file = OpenOptions::new().write(true).open(path).map_err(io_err)?;
            file.write_all(bytes)
                .and_then(|()| file.flush())
                .map_err(io_err)?;
            Ok(Written::Special {
                path: path.to_path_buf(),
                what,
            })
        }
        Ok(meta) => {
            let forced_over_verdict = refuse_over(path, &meta, guard)?;
            let how = store::Replace {
                follow_links: true,
                keep_backup: forced_over_verdict,
            };
            let report = replace_with(path, how, bytes)?;
            Ok(Written::File {
                path: report.path,
                backup: report.backup,
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let how = store::Replace {
                follow_links: true,
                keep_backup: false,
            };
            let report = replace_with(path, how, bytes)?;
            Ok(Written::File {
                path: report.path,
                backup: None,
            })
        }
        Err(e) => Err(io_err(e)),
    }
}

/// Replaces the regular file at `path` with `bytes` (see [`store::replace`]).
fn replace_with(
    path: &Path,
    how: store::Replace,
    bytes: &[u8],
) -> Result<store::SaveReport, SaveError> {
    store::replace(path, how, |mut file| {
        file.write_all(bytes)
            .map(|()| bytes.len())
            .map_err(|source| SaveError::Io {
                path: path.to_path_buf(),
                step: "writing the temporary file",
                source,
            })
    })
}

/// Refuses an existing regular file that is an input or a verdict file, unless forced;
/// true when a verdict file is being forced (so its old contents are kept as `.bak`).
fn refuse_over(path: &Path, meta: &fs::Metadata, guard: Guard<'_>) -> Result<bool, OutputError> {
    let is_input = guard.inputs.iter().any(|input| same_file(input, meta));
    let is_verdict = looks_like_verdict_file(path);
    if !guard.force {
        if is_input {
            return Err(OutputError::IsInput(path.to_path_buf()));
        }
        if is_verdict {
            return Err(OutputError::IsVerdictFile(path.to_path_buf()));
        }
    }
    Ok(is_verdict || is_input)
}

/// Whether `input` is the file `meta` describes (the same inode, through any links).
fn same_file(input: &Path, meta: &fs::Metadata) -> bool {
    let Ok(other) = fs::metadata(input) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (other.dev(), other.ino()) == (meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (other, meta);
        false
    }
}

/// Whether the file at `path` is a factdesk verdict file, by its name or its first 4 KiB.
fn looks_like_verdict_file(path: &Path) -> bool {
    let mut head = Vec::with_capacity(4096);
    let read = fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    read.is_ok() && store::looks_like_verdict_file(path, &head)
}
