//! Loading and saving on disk: atomic replace, backups, links, permissions, refusals.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::*;

/// A fresh temporary directory.
fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// Saves the sample case to `path` and checks the written file against the schema.
fn save_sample(path: &Path) -> SaveReport {
    let report = save(path, &sample_case(), &sample_view(), &sample_extra()).expect("saves");
    assert_file_matches_schema(&report.path);
    report
}

/// The names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Writes `bytes` to `dir/name` and returns the path.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).expect("writes");
    p
}

/// A saved file loads back identically, with exactly the bytes `to_json` produces.
#[test]
fn save_then_load_round_trips() {
    let dir = tempdir();
    let path = dir.path().join("case.factdesk.json");
    let report = save_sample(&path);
    assert_eq!(report.path, path);
    assert_eq!(report.backup, None);
    assert_eq!(fs::read_to_string(&path).expect("reads"), sample_json());
    assert_eq!(report.bytes, sample_json().len());
    let l = load(&path).expect("loads");
    assert_eq!(
        (l.case, l.view, l.extra),
        (sample_case(), sample_view(), sample_extra())
    );
    assert!(l.warnings.is_empty());
}

/// A second save is byte-identical, keeps the first version as `.bak`, and leaves no
/// temporary files.
#[test]
fn second_save_keeps_backup_and_cleans_up() {
    let dir = tempdir();
    let path = dir.path().join("case.factdesk.json");
    save_sample(&path);
    let first = fs::read(&path).expect("reads");
    let mut case = sample_case();
    case.claims[1].claimant = "the minister".into();
    let report = save(&path, &case, &sample_view(), &sample_extra()).expect("saves");
    assert_file_matches_schema(&path);
    let bak = dir.path().join("case.factdesk.json.bak");
    assert_eq!(report.backup.as_deref(), Some(bak.as_path()));
    assert_eq!(fs::read(&bak).expect("bak"), first);
    assert_eq!(load(&path).expect("loads").case, case);
    save(&path, &case, &sample_view(), &sample_extra()).expect("saves again");
    let third = fs::read(&path).expect("reads");
    assert_eq!(
        fs::read(&bak).expect("bak"),
        third,
        "identical save: bak = current"
    );
    assert_eq!(
        names(dir.path()),
        ["case.factdesk.json", "case.factdesk.json.bak"]
    );
}

/// A refused case writes nothing at all.
#[test]
fn refused_save_writes_nothing() {
    let dir = tempdir();
    let path = dir.path().join("case.factdesk.json");
    let mut case = sample_case();
    case.claims[1].id = case.claims[0].id.clone();
    let err = save(&path, &case, &sample_view(), &Map::new()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("cannot save {}:", path.display())),
        "{err}"
    );
    assert!(names(dir.path()).is_empty());
}

/// Saving into a read-only directory fails clearly and leaves the old file untouched
/// (skipped when running as root, where permissions do not apply).
#[test]
fn read_only_directory_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let path = dir.path().join("case.factdesk.json");
    save_sample(&path);
    let before = fs::read(&path).expect("reads");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).expect("chmod");
    let probe = dir.path().join("probe");
    if fs::write(&probe, b"").is_ok() {
        fs::remove_file(&probe).expect("cleans probe");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
        eprintln!("skipped: running with privileges that ignore directory permissions");
        return;
    }
    let mut case = sample_case();
    case.scale.name = "changed".into();
    let err = save(&path, &case, &sample_view(), &Map::new()).unwrap_err();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    let msg = err.to_string();
    assert!(
        msg.contains(&path.display().to_string()) && msg.contains("ermission"),
        "{msg}"
    );
    assert_eq!(fs::read(&path).expect("reads"), before);
    assert_eq!(names(dir.path()), ["case.factdesk.json"]);
}

/// Saving under a directory that does not exist fails with the path and the reason.
#[test]
fn vanished_directory_fails_cleanly() {
    let dir = tempdir();
    let path = dir.path().join("gone").join("case.factdesk.json");
    let err = save(&path, &sample_case(), &sample_view(), &Map::new()).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, SaveError::NoDirectory { .. }), "{msg}");
    assert!(
        msg.contains(&path.display().to_string()) && msg.contains("does not exist"),
        "{msg}"
    );
    assert!(
        !msg.contains(".case.factdesk.json."),
        "no temporary names: {msg}"
    );
    assert!(names(dir.path()).is_empty());
}

/// Saving through a symlink writes the real file (with its backup beside it) and keeps the
/// link; a dangling link creates its target.
#[test]
fn symlink_target_is_written() {
    let dir = tempdir();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).expect("mkdir");
    let real = real_dir.join("case.factdesk.json");
    let link = dir.path().join("link.factdesk.json");
    std::os::unix::fs::symlink("real/case.factdesk.json", &link).expect("symlink");
    let report = save_sample(&link);
    assert_eq!(report.path, real);
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    save_sample(&link);
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        names(&real_dir),
        ["case.factdesk.json", "case.factdesk.json.bak"]
    );
    assert_eq!(load(&link).expect("loads").case, sample_case());
}

/// The file's permissions survive a save (0o640 stays 0o640).
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let path = dir.path().join("case.factdesk.json");
    save_sample(&path);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    save_sample(&path);
    let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640);
}

/// Saving onto a directory is refused without touching it.
#[test]
fn save_onto_directory_is_refused() {
    let dir = tempdir();
    let err = save(dir.path(), &sample_case(), &sample_view(), &Map::new()).unwrap_err();
    assert!(
        matches!(
            err,
            SaveError::NotARegularFile {
                what: "a directory",
                ..
            }
        ),
        "{err}"
    );
}

/// Loading a directory is refused with "the file is a directory".
#[test]
fn load_refuses_directory() {
    let dir = tempdir();
    let err = load(dir.path()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot open {}: the file is a directory",
            dir.path().display()
        )
    );
}

/// Loading a FIFO is refused from its metadata, promptly, without blocking on open.
#[test]
fn load_refuses_fifo_without_hanging() {
    let dir = tempdir();
    let fifo = dir.path().join("pipe.factdesk.json");
    match std::process::Command::new("mkfifo").arg(&fifo).status() {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || tx.send(load(&path).map(|_| ())));
    let result = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("load returned promptly");
    let err = result.unwrap_err();
    assert!(matches!(err, LoadError::NotARegularFile { .. }), "{err}");
    assert!(err.to_string().contains("named pipe"));
}

/// /dev/zero is refused as a device rather than read forever.
#[test]
fn load_refuses_device() {
    let zero = Path::new("/dev/zero");
    if !zero.exists() {
        eprintln!("skipped: no /dev/zero");
        return;
    }
    let err = load(zero).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::NotARegularFile {
                what: "a device",
                ..
            }
        ),
        "{err}"
    );
}

/// A missing file is "no such file", naming it.
#[test]
fn load_missing_file() {
    let dir = tempdir();
    let path = dir.path().join("nope.factdesk.json");
    let err = load(&path).unwrap_err();
    assert!(matches!(err, LoadError::NotFound { .. }));
    assert!(err.to_string().contains(&path.display().to_string()));
}

/// A file over the limit is refused by its size, quickly (a sparse file, never read).
#[test]
fn load_refuses_oversized_file() {
    let dir = tempdir();
    let path = dir.path().join("big.factdesk.json");
    let file = fs::File::create(&path).expect("creates");
    file.set_len(MAX_VERDICT_FILE_BYTES + 1).expect("sparse");
    let started = Instant::now();
    let err = load(&path).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(
        matches!(err, LoadError::TooLarge { size, limit, .. } if size == limit + 1),
        "{err}"
    );
}

/// Invalid UTF-8 is refused naming the offset of the first bad byte and the file.
#[test]
fn load_refuses_invalid_utf8() {
    let dir = tempdir();
    let path = write(dir.path(), "bad.factdesk.json", b"{\"format\": \"\xff\"}");
    let err = load(&path).unwrap_err();
    assert!(
        matches!(err, LoadError::NotUtf8 { offset: 12, .. }),
        "{err}"
    );
    assert!(err.to_string().contains(&path.display().to_string()));
}

/// Empty files, non-JSON, and a newer version all say what is wrong and name the file.
#[test]
fn load_refuses_bad_contents() {
    let dir = tempdir();
    let empty = write(dir.path(), "empty.json", b"");
    assert!(matches!(
        load(&empty),
        Err(LoadError::Empty { path: Some(_) })
    ));
    let prose = write(dir.path(), "prose.json", b"Dear diary,\n");
    let err = load(&prose).unwrap_err();
    assert!(matches!(err, LoadError::Syntax { line: 1, .. }), "{err}");
    assert!(err.to_string().contains("prose.json"));
    let newer = edited(|v| v["version"] = serde_json::json!(4));
    let newer = write(dir.path(), "newer.json", newer.as_bytes());
    let msg = load(&newer).unwrap_err().to_string();
    assert!(msg.contains("newer.json") && msg.contains("version 4") && msg.contains("up to 3"));
}

/// A file with a byte-order mark still loads.
#[test]
fn load_accepts_bom() {
    let dir = tempdir();
    let text = format!("\u{feff}{}", sample_json());
    let path = write(dir.path(), "bom.factdesk.json", text.as_bytes());
    assert_eq!(load(&path).expect("loads").case, sample_case());
}

/// Temporary files left by an interrupted save are removed by the next save once they are
/// a minute old; fresh ones (a save in progress elsewhere) are left alone.
#[test]
fn leftover_temporary_files_are_cleaned() {
    let dir = tempdir();
    let path = dir.path().join("case.factdesk.json");
    let stale = dir.path().join(".factdesk-AbC123.tmp");
    let stale_010 = dir.path().join(".case.factdesk.json.AbC123.tmp");
    let fresh = dir.path().join(".factdesk-XyZ789.tmp");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for leftover in [&stale, &stale_010] {
        std::fs::write(leftover, "half a file").expect("write");
        std::fs::File::options()
            .write(true)
            .open(leftover)
            .and_then(|f| f.set_modified(old))
            .expect("age the file");
    }
    std::fs::write(&fresh, "another save").expect("write");
    save(&path, &sample_case(), &sample_view(), &Map::new()).expect("saves");
    assert!(!stale.exists(), "stale leftover removed");
    assert!(
        !stale_010.exists(),
        "a leftover named as 0.1.0 named them removed"
    );
    assert!(
        fresh.exists(),
        "a fresh one may be another save in progress"
    );
}

/// A large file (read from one buffer) loads exactly as a small one does, stamps the bytes
/// it read, and still gets the careful path's message when it is not of the current version.
#[test]
fn large_files_load_from_one_buffer() {
    let dir = tempdir();
    let path = dir.path().join("big.factdesk.json");
    let mut case = sample_case();
    case.article = crate::model::Article::new(
        format!(
            "{}{}",
            sample_case().article.text,
            "Filler line.\n".repeat(400_000)
        ),
        case.article.origin.clone(),
    );
    save(&path, &case, &sample_view(), &sample_extra()).expect("saves");
    assert!(std::fs::metadata(&path).expect("exists").len() > 4 << 20);
    let (loaded, stamp) = crate::store::load_stamped(&path).expect("loads");
    assert_eq!(loaded.case, case);
    assert_eq!(loaded.extra, sample_extra());
    assert_eq!(stamp, crate::store::DiskStamp::of(&path));

    let newer = std::fs::read_to_string(&path).expect("reads").replacen(
        "\"version\": 3",
        "\"version\": 9",
        1,
    );
    std::fs::write(&path, newer).expect("writes");
    let err = load(&path).unwrap_err().to_string();
    assert!(err.contains("version 9"), "{err}");
}

/// The sample case with `filler` repeated `times` after its article: large enough to be
/// saved as a stream.
fn large_case(filler: &str, times: usize) -> Case {
    let mut case = sample_case();
    case.article = crate::model::Article::new(
        format!("{}{}", sample_case().article.text, filler.repeat(times)),
        case.article.origin.clone(),
    );
    case
}

/// A short article with many claims is a large file too: it is written as a stream, and
/// loads back identically.
#[test]
fn many_claims_on_a_short_article_save_as_a_stream() {
    let dir = tempdir();
    let path = dir.path().join("many.factdesk.json");
    let mut case = sample_case();
    assert!(!super::super::files::stream(&case));
    let first = case.claims[0].clone();
    for i in 0..40_000 {
        let mut claim = first.clone();
        claim.id = crate::model::ClaimId(format!("m{i}"));
        claim.number = 0;
        claim.text = format!("{} {i} {}", first.text, "more words ".repeat(8));
        case.claims.push(claim);
    }
    case.number_unnumbered_claims();
    assert!(super::super::files::stream(&case));
    save(&path, &case, &sample_view(), &sample_extra()).expect("saves");
    let loaded = load(&path).expect("loads");
    assert_eq!(loaded.case, case);
    assert_eq!(loaded.extra, sample_extra());
}

/// A large case is written as a stream: the file loads back identically, keeps its .bak,
/// and a recovery file of it loads too.
#[test]
fn large_cases_save_as_a_stream() {
    let dir = tempdir();
    let path = dir.path().join("big.factdesk.json");
    let case = large_case("Filler line.\n", 400_000);
    assert!(super::super::files::stream(&case));
    let report = save(&path, &case, &sample_view(), &sample_extra()).expect("saves");
    assert_eq!(
        report.bytes as u64,
        std::fs::metadata(&path).expect("exists").len()
    );
    save(&path, &case, &sample_view(), &sample_extra()).expect("saves again");
    assert!(dir.path().join("big.factdesk.json.bak").exists());
    let loaded = load(&path).expect("loads");
    assert_eq!((loaded.case, loaded.view), (case.clone(), sample_view()));
    let small = to_json(&sample_case(), &sample_view(), &sample_extra()).expect("json");
    assert!(small.ends_with("}\n"));
    let recovery = crate::store::write_recovery(&path, &case, &sample_view(), &sample_extra())
        .expect("recovery written");
    assert_eq!(load(&recovery).expect("recovery loads").case, case);
    let bad = {
        let mut c = case.clone();
        c.claims[0].id = crate::model::ClaimId("Bad Id".into());
        c
    };
    assert!(
        save(&path, &bad, &sample_view(), &sample_extra()).is_err(),
        "refused as before"
    );
    assert_eq!(load(&path).expect("old file intact").case, case);
}

/// A large case saved as a stream is escaped for the terminal as a small one is: the file
/// is byte for byte what `to_json` makes, with no raw control, bidi or separator char in
/// it, though its chunks are escaped on another thread and cut amid multi-byte chars.
#[test]
fn a_stream_save_is_escaped_like_a_small_one() {
    let dir = tempdir();
    let path = dir.path().join("hostile.factdesk.json");
    let case = large_case(
        "\u{9B}31m \u{202E}rev\u{2028} é😀\u{7F}\x1b[2J \u{61C}€ line.\n",
        150_000,
    );
    assert!(super::super::files::stream(&case));
    let report = save(&path, &case, &sample_view(), &sample_extra()).expect("saves");
    let written = fs::read_to_string(&path).expect("reads");
    assert_eq!(report.bytes, written.len());
    let hostile = [
        '\u{9B}', '\u{202E}', '\u{2028}', '\u{7F}', '\u{1b}', '\u{61C}',
    ];
    assert!(!written.contains(hostile), "a raw hostile char in the file");
    let json = to_json(&case, &sample_view(), &sample_extra()).expect("json");
    assert!(written == json, "the stream differs from to_json");
    assert_eq!(load(&path).expect("loads").case, case);
}

/// A stream write that fails on the writing thread says what the system said (not that
/// the thread stopped), and nothing panics.
#[test]
fn stream_write_errors_come_from_the_writer() {
    let dir = tempdir();
    let path = dir.path().join("read-only.factdesk.json");
    fs::write(&path, "").expect("writes");
    let read_only = fs::File::open(&path).expect("opens");
    // More chunks than wait between the threads: the maker meets the closed channel too.
    let mut case = sample_case();
    case.article = Article::new("word ".repeat(2 << 20), case.article.origin.clone());
    let err =
        super::super::files::write_case(&read_only, &case, &sample_view(), &sample_extra(), &path)
            .expect_err("a read-only handle cannot be written");
    match err {
        SaveError::Io { step, source, .. } => {
            assert_eq!(step, "writing the temporary file");
            assert_ne!(source.kind(), std::io::ErrorKind::BrokenPipe, "{source}");
        }
        other => panic!("expected an I/O error, got {other}"),
    }
}

/// Replacing a large `.bak` (held open and freed on another thread) still leaves the
/// previous version in it, the current one in place and nothing else; a FIFO put where
/// the `.bak` goes is replaced without a wait.
#[test]
fn large_backup_is_replaced_by_the_previous_version() {
    let dir = tempdir();
    let path = dir.path().join("big.factdesk.json");
    let (first, second, third) = (
        large_case("One line.\n", 200_000),
        large_case("Two lines.\n", 200_000),
        large_case("Three.\n", 200_000),
    );
    for case in [&first, &second, &third] {
        save(&path, case, &sample_view(), &sample_extra()).expect("saves");
    }
    let bak = dir.path().join("big.factdesk.json.bak");
    assert_eq!(load(&bak).expect("the .bak loads").case, second);
    assert_eq!(load(&path).expect("loads").case, third);
    assert_eq!(
        names(dir.path()),
        ["big.factdesk.json", "big.factdesk.json.bak"]
    );
    fs::remove_file(&bak).expect("removed");
    rustix::fs::mknodat(
        rustix::fs::CWD,
        &bak,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
        0,
    )
    .expect("a FIFO");
    save(&path, &first, &sample_view(), &sample_extra()).expect("saves over the FIFO");
    assert_eq!(load(&bak).expect("the .bak loads").case, third);
}
