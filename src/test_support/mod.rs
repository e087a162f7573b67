//! What the library's unit tests share: third-party data and skips ([`shared`], also used
//! by `tests/support`), keys in the keymap's notation and one state builder.

mod shared;

use std::path::PathBuf;

pub(crate) use shared::{shared, skip};

use crate::app::{Action, AppState, FileInfo};
use crate::keymap::{Key, Keymap};
use crate::model::{Article, Case, FixedEntropy, Origin, Scale};

/// One key in the keymap's notation (`j`, `G`, `Ctrl-s`, `Shift-Tab`, `Enter`, `F5`).
#[track_caller]
pub(crate) fn key(name: &str) -> Key {
    name.parse().unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A key sequence: characters type themselves, `<name>` is one key in the keymap's
/// notation, e.g. `ce<Ctrl-w>met Putin<Enter>`.
#[track_caller]
pub(crate) fn keys(sequence: &str) -> Vec<Key> {
    let mut out = Vec::new();
    let mut rest = sequence;
    while let Some(c) = rest.chars().next() {
        if let Some((name, after)) = rest.strip_prefix('<').and_then(|r| r.split_once('>')) {
            out.push(key(name));
            rest = after;
        } else {
            out.push(Key::char(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// A state on a fresh case of `text` with the cursor on character `cursor`, the default
/// keymap and scale, fixed ids and times, and no screen size yet.
pub(crate) fn state(text: &str, cursor: usize) -> AppState {
    let case = Case::new(
        Article::new(text.to_string(), Origin::default()),
        Scale::default_scale(),
    );
    let file = FileInfo {
        path: PathBuf::from("/tmp/demo.factdesk.json"),
        extra: Default::default(),
        view_extra: Default::default(),
        stamp: None,
    };
    AppState::new(
        case,
        file,
        cursor,
        Vec::new(),
        Keymap::default_keymap(),
        Box::new(FixedEntropy::default()),
    )
}

/// Sends every key of `sequence` (see [`keys`]) and returns the effects asked for.
pub(crate) fn press(state: &mut AppState, sequence: &str) -> Vec<crate::app::Effect> {
    let mut effects = Vec::new();
    for key in keys(sequence) {
        effects.extend(state.update(Action::Key(key)));
    }
    effects
}

/// The keys parser reads characters, named keys and modifiers.
#[test]
fn keys_in_the_keymap_notation() {
    use crate::keymap::KeyCode;
    assert_eq!(
        keys("a<Enter><Ctrl-s><Shift-Tab> "),
        [
            Key::char('a'),
            Key::plain(KeyCode::Enter),
            Key::ctrl('s'),
            Key::plain(KeyCode::BackTab),
            Key::char(' '),
        ]
    );
}
