//! Programs factdesk starts: the system's opener for a URL, and `$EDITOR` for a long text.
//! Neither goes through a shell: the program and its arguments are passed as they are.

use std::path::Path;
use std::process::{Command, Stdio};

/// The opener when the config names none.
pub fn default_opener() -> Vec<String> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    vec![program.to_string()]
}

/// Starts `opener` (program, then arguments) with `url` as its last argument, detached
/// from the terminal (no input, output discarded). Only http(s) URLs are accepted.
pub fn open_url(opener: &[String], url: &str) -> Result<(), String> {
    let mut child = spawn_opener(opener, url)?;
    // Reap it when it ends, so no zombie is left behind.
    std::thread::spawn(move || child.wait());
    Ok(())
}

fn spawn_opener(opener: &[String], url: &str) -> Result<std::process::Child, String> {
    if !crate::app::is_web_url(url) {
        return Err("only http(s) addresses are opened".into());
    }
    let (program, args) = opener
        .split_first()
        .ok_or_else(|| "no opener configured".to_string())?;
    Command::new(program)
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))
}

/// Runs `f` with the terminal given back to the user (main screen, cooked mode, no mouse),
/// then takes it over again and redraws from scratch.
pub fn suspended<T>(terminal: &mut super::Screen, f: impl FnOnce() -> T) -> T {
    use crossterm::event::{
        DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    };
    use crossterm::terminal::EnterAlternateScreen;
    let _ = crossterm::execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
    let out = f();
    let _ = crossterm::terminal::enable_raw_mode();
    let _ = crossterm::execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    );
    let _ = terminal.clear();
    out
}

/// The editor command: `$VISUAL`, else `$EDITOR`, split on spaces ("code -w"), else `vi`.
pub fn editor_command() -> Vec<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|v| v.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .find(|words| !words.is_empty())
        .unwrap_or_else(|| vec!["vi".to_string()])
}

/// Runs `editor` on `text` in a temporary file and returns the file's text after it exits
/// with status 0; `Ok(None)` when it exits otherwise (the edit is not taken). The caller
/// has given the terminal to the editor.
pub fn edit_text(editor: &[String], text: &str, dir: &Path) -> Result<Option<String>, String> {
    let (program, args) = editor
        .split_first()
        .ok_or_else(|| "no editor configured".to_string())?;
    let file = tempfile::Builder::new()
        .prefix("factdesk-explanation-")
        .suffix(".md")
        .tempfile_in(dir)
        .or_else(|_| tempfile::Builder::new().suffix(".md").tempfile())
        .map_err(|e| format!("cannot make a temporary file: {e}"))?;
    std::fs::write(file.path(), text)
        .map_err(|e| format!("cannot write the temporary file: {e}"))?;
    let status = Command::new(program)
        .args(args)
        .arg(file.path())
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if !status.success() {
        return Ok(None);
    }
    let bytes =
        std::fs::read(file.path()).map_err(|e| format!("cannot read the edit back: {e}"))?;
    let edited =
        String::from_utf8(bytes).map_err(|_| "the edited text is not UTF-8".to_string())?;
    Ok(Some(edited))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Vec<String> {
        vec!["sh".into(), "-c".into(), script.into(), "editor".into()]
    }

    /// The edit is taken only when the editor exits 0; the file it edits holds the text.
    #[test]
    fn editor_exit_status_decides() {
        let dir = tempfile::tempdir().unwrap();
        let appended = edit_text(&sh("printf ' more' >> \"$1\""), "text", dir.path()).unwrap();
        assert_eq!(appended.as_deref(), Some("text more"));
        let failed = edit_text(&sh("printf 'x' >> \"$1\"; exit 1"), "text", dir.path()).unwrap();
        assert_eq!(failed, None, "a non-zero exit discards the edit");
        assert!(edit_text(&["/nonexistent/editor".into()], "t", dir.path()).is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "the temporary file is removed");
    }

    /// The opener gets the URL as one argument, never through a shell; non-web URLs are
    /// refused before anything starts.
    #[test]
    fn opener_gets_the_url_as_an_argument() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("args");
        let opener = vec![
            "sh".into(),
            "-c".into(),
            format!("printf '%s|' \"$@\" > '{}'", out.display()),
            "opener".into(),
        ];
        let mut child = spawn_opener(
            &opener,
            "https://a.example/?q=$(touch${IFS}x)&b;touch${IFS}x",
        )
        .unwrap();
        assert!(child.wait().unwrap().success());
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "https://a.example/?q=$(touch${IFS}x)&b;touch${IFS}x|"
        );
        assert!(open_url(&opener, "file:///etc/passwd").is_err());
        assert!(!dir.path().join("x").exists() && !std::path::Path::new("x").exists());
    }
}
