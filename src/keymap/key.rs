use std::fmt;
use std::str::FromStr;

use thiserror::Error;

/// A key press as the core sees it: the terminal runner translates its own events into this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// The keys factdesk knows by name. Shifted letters are plain upper-case `Char`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// The digit of a plain `0`–`9` key.
    pub fn digit(&self) -> Option<u32> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt => c.to_digit(10),
            _ => None,
        }
    }

    /// The character a plain (or shifted) key types, for text entry.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }
}

const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Shift-Tab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Space", KeyCode::Char(' ')),
];

#[derive(Debug, Error, PartialEq, Eq)]
#[error("unknown key {0:?} (examples: \"j\", \"G\", \"Ctrl-s\", \"Shift-Tab\", \"PgDn\", \"F1\")")]
pub struct KeyParseError(pub String);

impl FromStr for Key {
    type Err = KeyParseError;

    /// Parses the keymap notation: `j`, `G`, `?`, `Ctrl-s`, `Alt-x`, `Shift-Tab`, `PgDn`, `F5`.
    fn from_str(s: &str) -> Result<Key, KeyParseError> {
        let err = || KeyParseError(s.to_string());
        let mut key = Key::plain(KeyCode::Esc);
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("Ctrl-").filter(|r| !r.is_empty()) {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("Alt-").filter(|r| !r.is_empty()) {
                key.alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if key.ctrl { c.to_ascii_lowercase() } else { c }),
            _ => {
                if let Some((_, code)) = NAMED.iter().find(|(name, _)| *name == rest) {
                    *code
                } else if let Some(n) = rest.strip_prefix('F').and_then(|n| n.parse().ok()) {
                    KeyCode::F(n)
                } else {
                    return Err(err());
                }
            }
        };
        Ok(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            code => {
                let name = NAMED
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map(|(n, _)| *n)
                    .unwrap_or("?");
                f.write_str(name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every notation used in the keymap parses and prints back the same.
    #[test]
    fn parse_and_display_round_trip() {
        for s in [
            "j",
            "G",
            "?",
            "]",
            "(",
            ")",
            "=",
            "}",
            "Ctrl-s",
            "Ctrl-r",
            "Alt-x",
            "Shift-Tab",
            "PgDn",
            "PgUp",
            "Enter",
            "Esc",
            "F5",
            "Space",
            "Home",
            "Backspace",
        ] {
            let key: Key = s.parse().unwrap();
            assert_eq!(key.to_string(), s);
        }
    }

    /// Ctrl with a letter is case-insensitive; unknown names are refused with examples.
    #[test]
    fn ctrl_letters_and_errors() {
        assert_eq!("Ctrl-S".parse::<Key>().unwrap(), Key::ctrl('s'));
        let err = "Hyper-x".parse::<Key>().unwrap_err();
        assert!(err.to_string().contains("Ctrl-s"));
        assert!("".parse::<Key>().is_err());
        assert!("Ctrl-".parse::<Key>().is_err());
    }

    /// Digits are recognised only without modifiers.
    #[test]
    fn digits() {
        assert_eq!(Key::char('3').digit(), Some(3));
        assert_eq!(Key::ctrl('3').digit(), None);
        assert_eq!(Key::char('x').digit(), None);
    }
}
