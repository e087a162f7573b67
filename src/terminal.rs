//! The runner: terminal setup and restore, the event loop, carrying out effects.

use std::io::stdout;
use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode as CtKey, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;

use crate::app::{Action, AppState, Effect};
use crate::keymap::{Key, KeyCode, Keymap};
use crate::model::Entropy;
use crate::store::{self, SavedView};
use crate::{open, ui};

/// Opens `file` (or the demo) and runs the interactive app until the user quits.
pub fn open_and_run(
    file: Option<&Path>,
    output: Option<&Path>,
    entropy: impl Entropy + 'static,
) -> anyhow::Result<()> {
    let opened = open::open(file, output, &entropy)?;
    let state = AppState::new(
        opened.case,
        opened.file,
        opened.cursor,
        opened.notices,
        Keymap::default_keymap(),
        Box::new(entropy),
    );
    run(state, ui::Theme::from_env())
}

/// Takes over the terminal, runs the event loop, and gives the terminal back — also on
/// error and on panic.
pub fn run(mut state: AppState, theme: ui::Theme) -> anyhow::Result<()> {
    install_panic_hook();
    let mut terminal = ratatui::init();
    // Bracketed paste: pasted text arrives as one event, so its newlines never act as Enter.
    let result = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)
        .context("cannot enable the mouse")
        .and_then(|()| event_loop(&mut terminal, &mut state, theme));
    restore();
    result
}

/// Ours runs after ratatui's hook has restored the terminal (ratatui calls the hook it found).
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
}

fn restore() {
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    state: &mut AppState,
    theme: ui::Theme,
) -> anyhow::Result<()> {
    let mut area: Rect = terminal
        .size()
        .context("cannot read the terminal size")?
        .into();
    state.update(Action::Resize(ui::viewport(area)));
    loop {
        terminal
            .draw(|frame| ui::draw(frame, state, &theme))
            .context("cannot draw")?;
        // With picker work pending, score another slice unless a key is waiting; otherwise
        // block for one event. Then take whatever else is queued before drawing again.
        if state.busy() && !event::poll(Duration::ZERO).context("terminal gone")? {
            state.update(Action::Tick);
            continue;
        }
        let mut events = vec![read_event()?];
        while event::poll(Duration::ZERO).context("terminal gone")? {
            events.push(read_event()?);
        }
        for ev in events {
            if let Event::Resize(w, h) = ev {
                area = Rect::new(0, 0, w, h);
            }
            let Some(action) = translate(&ev, state, area) else {
                continue;
            };
            for effect in state.update(action) {
                if carry_out(effect, state) == Flow::Quit {
                    return Ok(());
                }
            }
        }
    }
}

/// A read error or end of input means the terminal is gone: leave instead of spinning.
fn read_event() -> anyhow::Result<Event> {
    event::read().context("terminal gone (input closed)")
}

#[derive(Debug, PartialEq, Eq)]
enum Flow {
    Continue,
    Quit,
}

fn carry_out(effect: Effect, state: &mut AppState) -> Flow {
    match effect {
        Effect::Quit => Flow::Quit,
        Effect::Copy(text) => {
            copy_to_clipboard(&text);
            Flow::Continue
        }
        Effect::Save { then_quit } => {
            let view = SavedView {
                cursor: state.cursor_char(),
                extra: state.file.view_extra.clone(),
            };
            let result = store::save(&state.file.path, &state.case, &view, &state.file.extra)
                .map(|report| report.path)
                .map_err(|e| e.to_string());
            let saved = result.is_ok();
            state.update(Action::Saved(result));
            if saved && then_quit {
                Flow::Quit
            } else {
                Flow::Continue
            }
        }
    }
}

/// OSC 52: asks the terminal to put `text` on the system clipboard (works over SSH and in
/// tmux with `set-clipboard on`). The text is base64, so nothing in it can escape.
fn copy_to_clipboard(text: &str) {
    use std::io::Write;
    let sequence = format!("\x1b]52;c;{}\x07", base64(text.as_bytes()));
    let mut out = stdout();
    let _ = out
        .write_all(sequence.as_bytes())
        .and_then(|()| out.flush());
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Turns a terminal event into an action, or nothing.
fn translate(ev: &Event, state: &AppState, area: Rect) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_of(key).map(Action::Key),
        Event::Resize(w, h) => Some(Action::Resize(ui::viewport(Rect::new(0, 0, *w, *h)))),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => ui::click(state, area, m.column, m.row),
            MouseEventKind::ScrollDown => ui::wheel(area, m.column, m.row, 1),
            MouseEventKind::ScrollUp => ui::wheel(area, m.column, m.row, -1),
            _ => None,
        },
        _ => None,
    }
}

fn key_of(key: &KeyEvent) -> Option<Key> {
    let code = match key.code {
        CtKey::Char(c) => KeyCode::Char(c),
        CtKey::Enter => KeyCode::Enter,
        CtKey::Esc => KeyCode::Esc,
        CtKey::Tab => KeyCode::Tab,
        CtKey::BackTab => KeyCode::BackTab,
        CtKey::Backspace => KeyCode::Backspace,
        CtKey::Delete => KeyCode::Delete,
        CtKey::Up => KeyCode::Up,
        CtKey::Down => KeyCode::Down,
        CtKey::Left => KeyCode::Left,
        CtKey::Right => KeyCode::Right,
        CtKey::Home => KeyCode::Home,
        CtKey::End => KeyCode::End,
        CtKey::PageUp => KeyCode::PageUp,
        CtKey::PageDown => KeyCode::PageDown,
        CtKey::F(n) => KeyCode::F(n),
        _ => return None,
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let code = match code {
        KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    Some(Key {
        code,
        ctrl,
        alt: key.modifiers.contains(KeyModifiers::ALT),
    })
}

#[cfg(test)]
mod tests {
    use super::base64;

    /// The OSC 52 payload is standard base64 (RFC 4648 test vectors).
    #[test]
    fn base64_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }
}
