//! Third-party test data in `<CARGO_MANIFEST_DIR>/../shared` and visible skips.
//!
//! One file for the library's unit tests and the integration tests (`tests/support`
//! includes it by path); it needs only std.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the third-party test data lives: `../shared` beside the project.
pub fn shared_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// The path of `rel` under `../shared`, or `None` after a visible skip when the folder is
/// absent (a user's fresh clone).
///
/// Panics when `CI` is set and the folder is absent (CI must run these tests), and when
/// the folder is there but `rel` is not (the data moved: a skip would hide it).
#[track_caller]
pub fn shared(rel: &str) -> Option<PathBuf> {
    let root = shared_root();
    if !root.is_dir() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "CI is set but the third-party test data is missing: {} is not a folder \
                 (tests read it from CARGO_MANIFEST_DIR/../shared)",
                root.display()
            );
        }
        skip(&format!(
            "../shared/{rel} is absent (third-party test data)"
        ));
        return None;
    }
    let path = root.join(rel);
    assert!(
        path.exists(),
        "{} is missing although {} exists",
        path.display(),
        root.display()
    );
    Some(path)
}

/// Says on the real stderr that the running test skipped (part of) its work and why:
/// `skipping <test>: <reason>`. Written past the test harness's capture so `cargo test`
/// shows it, and counted by `.ci/run`.
pub fn skip(reason: &str) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("(unnamed)");
    let line = format!("skipping {test}: {reason}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
}
