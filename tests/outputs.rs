//! Where `-o` writes: never over the input or another verdict file unless forced, into
//! FIFOs and devices as they are, through symbolic links, `-` to standard output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod support;
use support::run_in;

use factdesk::model::{Article, Case, Claim, Origin, Scale};
use factdesk::store::{self, SavedView};

/// A small saved case with one rated claim, and its path.
fn case_file(dir: &Path, name: &str) -> PathBuf {
    let text = "Ridership fell by 40% since 2019. The bridge will pay for itself.";
    let origin = Origin {
        path: Some("https://news.example/ferry".into()),
        title: Some("Ferry".into()),
        ..Origin::default()
    };
    let mut case = Case::new(Article::new(text.into(), origin), Scale::default_scale());
    let claim: Claim = serde_json::from_value(serde_json::json!({
        "id": "aa1", "anchors": [{"start": 0, "end": 33, "exact": &text[..33]}],
        "text": "Ridership fell by 40% since 2019.", "claimant": "Olivia Brandt",
        "verdict": {"rating": "False", "explanation": "The operator says 12%."},
        "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z"
    }))
    .expect("a claim");
    case.insert_claim(claim);
    let path = dir.join(name);
    store::save(&path, &case, &SavedView::default(), &Default::default()).expect("saves");
    path
}

/// Exporting over the case itself is refused (exit 2) and the case is untouched; with
/// --force the export is written and the case kept as .bak. Another verdict file is
/// refused the same way; `-` writes to standard output.
#[test]
fn export_never_replaces_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let case = case_file(dir.path(), "case.factdesk.json");
    let before = fs::read(&case).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "export",
            "case.factdesk.json",
            "--format",
            "markdown",
            "-o",
            "case.factdesk.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("it is the input file") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(fs::read(&case).unwrap(), before);

    case_file(dir.path(), "other.factdesk.json");
    fs::rename(
        dir.path().join("other.factdesk.json"),
        dir.path().join("other.json"),
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &[
            "export",
            "case.factdesk.json",
            "--format",
            "csv",
            "-o",
            "other.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a factdesk verdict file"));

    let out = run_in(
        dir.path(),
        &[
            "export",
            "case.factdesk.json",
            "--format",
            "markdown",
            "-o",
            "case.factdesk.json",
            "--force",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        fs::read_to_string(&case)
            .unwrap()
            .starts_with("# Fact-check report")
    );
    assert_eq!(
        fs::read(dir.path().join("case.factdesk.json.bak")).unwrap(),
        before
    );

    let case = case_file(dir.path(), "case.factdesk.json");
    let out = run_in(
        dir.path(),
        &["export", "case.factdesk.json", "--format", "csv", "-o", "-"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Ridership fell by 40%"));
    assert!(case.exists());
}

/// A FIFO is written into (a reader gets the report) and stays a FIFO; /dev/null stays a
/// device; a symbolic link is written through, and stays a link.
#[cfg(unix)]
#[test]
fn special_targets_are_written_as_they_are() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    case_file(dir.path(), "case.factdesk.json");

    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        let out = run_in(
            dir.path(),
            &[
                "export",
                "case.factdesk.json",
                "--format",
                "csv",
                "-o",
                "pipe",
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(reader.join().unwrap().contains("Ridership"));
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    } else {
        support::skip("mkfifo is not available");
    }

    for args in [
        vec![
            "export",
            "case.factdesk.json",
            "--format",
            "markdown",
            "-o",
            "/dev/null",
        ],
        vec!["sources", "export", "case.factdesk.json", "-o", "/dev/null"],
    ] {
        let out = run_in(dir.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(
            fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    let target = dir.path().join("real.md");
    fs::write(&target, "old").unwrap();
    std::os::unix::fs::symlink("real.md", dir.path().join("link.md")).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "export",
            "case.factdesk.json",
            "--format",
            "markdown",
            "-o",
            "link.md",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        fs::symlink_metadata(dir.path().join("link.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .starts_with("# Fact-check report")
    );
}

/// `sources export -o` refuses the verdict file it reads, like export.
#[test]
fn sources_export_never_replaces_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let case = case_file(dir.path(), "case.factdesk.json");
    let before = fs::read(&case).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "sources",
            "export",
            "case.factdesk.json",
            "-o",
            "case.factdesk.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(&case).unwrap(), before);
}

/// A verdict file whose name is 250 bytes long saves in place, twice (the .bak's name is
/// shortened to fit).
#[test]
fn long_names_save_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}.factdesk.json", "n".repeat(250 - ".factdesk.json".len()));
    assert_eq!(name.len(), 250);
    let path = case_file(dir.path(), &name);
    case_file(dir.path(), &name);
    assert!(path.exists());
    let baks = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".bak")
        })
        .count();
    assert_eq!(baks, 1);
}
