//! The core never touches the terminal: only `src/ui/` and `src/terminal.rs` may use
//! ratatui or crossterm (STYLE.md), and nothing uses `unsafe`.

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// No file of the core names ratatui or crossterm.
#[test]
fn core_does_not_import_the_terminal() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "found the sources");
    let mut leaks = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("ui/") || rel.starts_with("terminal/") || rel == "terminal.rs" {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.contains("ratatui") || line.contains("crossterm") {
                let code = line.trim_start();
                if !code.starts_with("//") {
                    leaks.push(format!("{rel}:{}: {code}", n + 1));
                }
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "terminal crates in the core:\n{}",
        leaks.join("\n")
    );
}
