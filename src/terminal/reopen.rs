//! Opening another case in this factdesk's place (`=` on a claim seen before): once the
//! terminal is given back and the case's lock let go, the process becomes `factdesk PATH`.

use std::path::Path;
use std::process::Command;

use anyhow::Context as _;

/// Replaces this process with `factdesk path` (the same binary, never through a shell); on
/// systems without `exec`, runs it and exits with its status. Returns only on failure.
pub fn open_instead(path: &Path) -> anyhow::Result<()> {
    let exe = std::env::current_exe().context("cannot find the factdesk binary")?;
    // Absolute, so a file named like a subcommand or starting with '-' is still a file.
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut command = Command::new(exe);
    command.arg(&path);
    let failed = |e: std::io::Error| {
        anyhow::Error::new(e).context(format!(
            "cannot open {}",
            crate::text::clean_line(&path.display().to_string())
        ))
    };
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Files Rust opens are close-on-exec: the old case's lock goes with the old process.
        Err(failed(command.exec()))
    }
    #[cfg(not(unix))]
    {
        let status = command.status().map_err(failed)?;
        std::process::exit(status.code().unwrap_or(1));
    }
}
