//! Everything factdesk prints outside the TUI — results, notes, warnings, errors — goes
//! through here, so no file name, library field or bad value can reach the terminal raw:
//! each line is cleaned as the screen cleans text (controls, bidi and zero-width characters
//! become visible markers). Only the newlines factdesk writes itself separate lines.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::Write;

/// `text` with each line cleaned for a terminal; its own newlines are kept.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text
        .split('\n')
        .any(|line| matches!(crate::text::clean_line(line), Cow::Owned(_)))
    {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(crate::text::clean_line).collect();
    Cow::Owned(lines.join("\n"))
}

/// Prints `text` and a newline on standard output (a closed pipe is not an error).
pub fn out(text: impl Display) {
    let text = text.to_string();
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", clean(&text));
}

/// Prints `text` and a newline on standard error.
pub fn err(text: impl Display) {
    let text = text.to_string();
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{}", clean(&text));
}

#[cfg(test)]
mod tests {
    use super::clean;

    /// Escape sequences, bidi overrides and carriage returns in a printed line become
    /// visible markers; the line breaks factdesk wrote stay.
    #[test]
    fn lines_are_cleaned_and_newlines_kept() {
        let hostile = "wrote \u{1b}]0;pwned\u{7}x.json\nline \u{202E}two\r";
        let cleaned = clean(hostile);
        assert_eq!(cleaned.lines().count(), 2);
        assert!(
            !cleaned
                .chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{202E}'),
            "{cleaned:?}"
        );
        assert!(cleaned.contains("pwned"));
        assert!(matches!(
            clean("plain\ntext"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
