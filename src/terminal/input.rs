//! The terminal's input: a watch for hang-ups, events read and turned into actions.

use super::*;

/// Debug builds only (the ones `cargo test` runs): the key named in
/// `FACTDESK_TEST_PANIC_KEY` panics, so tests can see the recovery file and the terminal
/// restored after a bug.
#[cfg(debug_assertions)]
pub(super) fn test_panic_trigger(ev: &Event) {
    if let (Event::Key(key), Ok(trigger)) = (ev, std::env::var("FACTDESK_TEST_PANIC_KEY"))
        && key.code == CtKey::Char(trigger.chars().next().unwrap_or('\0'))
    {
        panic!("test panic requested with FACTDESK_TEST_PANIC_KEY");
    }
}

/// The terminal's input: watched here for a hang-up (see [`tty`]), read by crossterm.
pub(super) struct Input {
    #[cfg(unix)]
    tty: Option<tty::Tty>,
}

impl Input {
    pub(super) fn open() -> Input {
        Input {
            #[cfg(unix)]
            tty: tty::Tty::open(),
        }
    }

    /// Whether there is input to read within `wait`; an error when the terminal is gone.
    pub(super) fn ready(&self, wait: Duration) -> anyhow::Result<bool> {
        #[cfg(unix)]
        if let Some(tty) = &self.tty {
            return match tty.wait(wait) {
                tty::Input::Ready => Ok(true),
                // Resizes and other signals crossterm turns into events.
                tty::Input::Idle => event::poll(Duration::ZERO).context("terminal gone"),
                tty::Input::Gone => anyhow::bail!("terminal gone (its input hung up)"),
            };
        }
        event::poll(wait).context("terminal gone")
    }

    /// A probe the watchdog thread can call: whether the terminal is gone.
    pub(super) fn probe(&self) -> Option<Box<dyn Fn() -> bool + Send>> {
        #[cfg(unix)]
        if self.tty.is_some() {
            let tty = tty::Tty::open()?;
            return Some(Box::new(move || tty.gone()));
        }
        None
    }
}

/// A read error or end of input means the terminal is gone: leave instead of spinning.
pub(super) fn read_event() -> anyhow::Result<Event> {
    event::read().context("terminal gone (input closed)")
}

/// Turns a terminal event into an action, or nothing.
pub(super) fn translate(ev: &Event, state: &AppState, area: Rect) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_of(key).map(Action::Key),
        Event::Resize(w, h) => Some(Action::Resize(ui::viewport(Rect::new(0, 0, *w, *h)))),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => ui::click(state, area, m.column, m.row),
            MouseEventKind::Drag(event::MouseButton::Left) => {
                ui::drag(state, area, m.column, m.row)
            }
            MouseEventKind::ScrollDown => ui::wheel(state, area, m.column, m.row, 1),
            MouseEventKind::ScrollUp => ui::wheel(state, area, m.column, m.row, -1),
            _ => None,
        },
        _ => None,
    }
}

pub(super) fn key_of(key: &KeyEvent) -> Option<Key> {
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
