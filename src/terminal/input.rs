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
                tty::Input::Ready => {
                    if event::poll(Duration::ZERO).context("terminal gone")? {
                        return Ok(true);
                    }
                    // Input crossterm does not see: it took a resize from the same poll
                    // and forgot the input's readiness (crossterm 0.29, `mio.rs`); it reads
                    // these bytes when more come. Not a spin meanwhile, nor a wait inside
                    // crossterm (which never returns if the terminal hangs up then).
                    std::thread::sleep(wait.min(Duration::from_millis(25)));
                    Ok(false)
                }
                // Resizes and other signals crossterm turns into events.
                tty::Input::Idle => event::poll(Duration::ZERO).context("terminal gone"),
                tty::Input::Gone => anyhow::bail!("terminal gone (its input hung up)"),
            };
        }
        event::poll(wait).context("terminal gone")
    }

    /// The terminal's size as (columns, rows), asked of the terminal; `None` when unknown.
    pub(super) fn size(&self) -> Option<(u16, u16)> {
        #[cfg(unix)]
        if let Some(tty) = &self.tty {
            return tty.size();
        }
        None
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

/// Adds to `events` a resize crossterm missed: when the terminal's signal that it was
/// resized comes in the same poll as a key, crossterm's reader returns the key and forgets
/// the signal (crossterm 0.29, `mio.rs`), and the panes would stay the old size. `size` is
/// the terminal's, `area` the size the app last applied. The resize goes after any read
/// (it is newer), else before the keys (most likely typed at the new size).
pub(super) fn add_missed_resize(events: &mut Vec<Event>, size: Option<(u16, u16)>, area: Rect) {
    let Some((w, h)) = size else {
        return;
    };
    let last = events
        .iter()
        .rposition(|ev| matches!(ev, Event::Resize(..)));
    let applied = match last.map(|i| &events[i]) {
        Some(Event::Resize(w, h)) => (*w, *h),
        _ => (area.width, area.height),
    };
    if (w, h) != applied {
        let at = match last {
            Some(i) => i + 1,
            None => events
                .iter()
                .take_while(|ev| !matches!(ev, Event::Key(_)))
                .count(),
        };
        events.insert(at, Event::Resize(w, h));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> Event {
        Event::Key(event::KeyEvent::new(
            CtKey::Char(c),
            event::KeyModifiers::NONE,
        ))
    }

    /// A size the app has not applied is added: before the keys, or after the resizes
    /// read (it is newer); a size already applied or about to be adds nothing.
    #[test]
    fn a_missed_resize_is_added_where_it_belongs() {
        let area = Rect::new(0, 0, 120, 40);
        let mut events = vec![key('G'), key('j')];
        add_missed_resize(&mut events, Some((70, 26)), area);
        assert_eq!(events, vec![Event::Resize(70, 26), key('G'), key('j')]);

        let mut events = vec![key('G'), Event::Resize(90, 30), key('j')];
        add_missed_resize(&mut events, Some((70, 26)), area);
        assert_eq!(
            events,
            vec![
                key('G'),
                Event::Resize(90, 30),
                Event::Resize(70, 26),
                key('j')
            ]
        );

        for (events, size) in [
            (vec![key('G')], Some((120, 40))),
            (vec![key('G'), Event::Resize(70, 26)], Some((70, 26))),
            (vec![key('G')], None),
        ] {
            let mut added = events.clone();
            add_missed_resize(&mut added, size, area);
            assert_eq!(added, events);
        }
    }
}
