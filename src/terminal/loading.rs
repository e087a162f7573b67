//! Opening a large article in two steps (see [`open::Preview`]): its first screen at once,
//! the whole of it read in the background.
//!
//! While the article is read, the screen is a real desk over the preview's text: the
//! first screens, or the last ones after `G`. Moving about (`j` `k` `g` `G`, pages) works
//! on it; `q` quits; every other key and event waits, in order, and is carried out as
//! soon as the article is in. The reader keeps their place: the cursor and the top line
//! move onto the same bytes of the whole text.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use crossterm::event::{self, Event, KeyEventKind};
use ratatui::layout::Rect;

use super::{Input, Stop, desk_for, key_of, lock, read_event};
use crate::app::{Action, AppState};
use crate::keymap::{Command, Context};
use crate::model::{Article, Case, Entropy, Origin, Scale, SystemEntropy};
use crate::store::{CaseLock, FileInfo};
use crate::{open, ui};

/// What the background reader sends back: the opened case (or why not) and the entropy
/// it borrowed, which the desk keeps.
type Read = (
    Result<open::Opened, open::OpenError>,
    Box<dyn Entropy + Send>,
);

/// Which part of the article the preview shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Head,
    Tail,
}

/// A large article being read, and the preview shown meanwhile.
pub(super) struct Loading {
    preview: open::Preview,
    path: PathBuf,
    rx: Receiver<Read>,
    /// The background read, started once the first frame is out (so the two do not
    /// compete for a core or for the memory bus).
    reader: Option<Box<dyn FnOnce() + Send>>,
    config: crate::config::Loaded,
    /// The desk over the part not shown (built when first needed).
    other: Option<AppState>,
    part: Part,
    /// Events that need the whole article, in the order they came.
    waiting: Vec<Event>,
}

impl Loading {
    /// Starts reading `path` in the background (as [`open::open_with`] would).
    pub(super) fn start(
        preview: open::Preview,
        path: &Path,
        output: Option<&Path>,
        options: open::OpenOptions,
        entropy: impl Entropy + Send + 'static,
        config: &crate::config::Loaded,
    ) -> Loading {
        let (tx, rx) = mpsc::channel();
        let (file, out) = (path.to_path_buf(), output.map(Path::to_path_buf));
        let reader = move || {
            let opened = open::open_with(Some(&file), out.as_deref(), &options, &entropy);
            let entropy: Box<dyn Entropy + Send> = Box::new(entropy);
            let _ = tx.send((opened, entropy));
        };
        Loading {
            preview,
            path: path.to_path_buf(),
            rx,
            reader: Some(Box::new(reader)),
            config: config.clone(),
            other: None,
            part: Part::Head,
            waiting: Vec::new(),
        }
    }

    /// The desk over the first screens, shown first.
    pub(super) fn first_state(&self) -> AppState {
        self.preview_state(Part::Head)
    }

    /// A desk over one part of the preview, laid out as the real one will be.
    fn preview_state(&self, part: Part) -> AppState {
        let text = match part {
            Part::Head => self.preview.head.clone(),
            Part::Tail => self.preview.tail.clone(),
        };
        let origin = Origin {
            path: Some(self.path.to_string_lossy().into_owned()),
            ..Origin::default()
        };
        let case = Case::new(Article::unhashed(text, origin), Scale::default_scale());
        let (keymap, _) = crate::config::keymap(&self.config.config);
        let viewport = crossterm::terminal::size()
            .map(|(w, h)| ui::viewport(Rect::new(0, 0, w, h)))
            .unwrap_or_default();
        let mut state = AppState::with_viewport(
            case,
            FileInfo::new(self.preview.target.clone()),
            0,
            Vec::new(),
            keymap,
            Box::new(SystemEntropy),
            viewport,
        );
        // The status bar shows the article being read, as it shows indexing.
        state.index_progress = Some(Arc::new(AtomicUsize::new(0)));
        state.reading_width = self.config.config.reading_width;
        state.update(Action::Resize(viewport));
        if part == Part::Tail {
            state.go_to_end();
        }
        state
    }

    /// Shows the preview until the whole article is read, then puts the real desk in
    /// `shared` where the reader was. `None`: the user quit first (nothing to lose).
    /// The events that waited are handed back, to be carried out next.
    pub(super) fn run(
        mut self,
        terminal: &mut super::Screen,
        shared: &Mutex<AppState>,
        theme: &ui::Theme,
        stop: &Stop,
        input: &Input,
    ) -> anyhow::Result<Option<(Option<CaseLock>, Vec<Event>)>> {
        loop {
            {
                let state = lock(shared);
                terminal
                    .draw(|frame| ui::draw(frame, &state, theme))
                    .context("cannot draw")?;
            }
            if let Some(reader) = self.reader.take() {
                // If no thread can be made, the channel is dropped and the wait says so.
                let _ = std::thread::Builder::new()
                    .name("factdesk-read".into())
                    .spawn(reader);
                // The last screens, ready for `G`.
                if self.other.is_none() {
                    self.other = Some(self.preview_state(Part::Tail));
                }
            }
            loop {
                if let Some(signal) = stop.signal() {
                    anyhow::bail!("stopped by {}", super::signals::name(signal));
                }
                stop.beat();
                match self.rx.try_recv() {
                    Ok((opened, entropy)) => {
                        let opened = opened.map_err(anyhow::Error::from)?;
                        let case_lock = self.swap_in(shared, opened, entropy);
                        return Ok(Some((case_lock, self.waiting)));
                    }
                    Err(TryRecvError::Disconnected) => {
                        anyhow::bail!("the article could not be read (the reader stopped)")
                    }
                    Err(TryRecvError::Empty) => {}
                }
                if input.ready(Duration::from_millis(5))? {
                    break;
                }
            }
            while input.ready(Duration::ZERO)?
                && event::poll(Duration::ZERO).context("terminal gone")?
            {
                let ev = read_event()?;
                if self.handle(shared, ev) == Handled::Quit {
                    return Ok(None);
                }
            }
        }
    }

    /// One event while the article is read: moving about the preview is done now, `q`
    /// quits, a resize applies to both parts, anything else waits.
    fn handle(&mut self, shared: &Mutex<AppState>, ev: Event) -> Handled {
        let mut state = lock(shared);
        match &ev {
            Event::Resize(w, h) => {
                let viewport = ui::viewport(Rect::new(0, 0, *w, *h));
                state.update(Action::Resize(viewport));
                if let Some(other) = &mut self.other {
                    other.update(Action::Resize(viewport));
                }
                // The real desk is laid out for the size the terminal has when it comes.
                return Handled::Done;
            }
            Event::Key(k) if k.kind != KeyEventKind::Release && self.waiting.is_empty() => {
                let Some(key) = key_of(k) else {
                    return Handled::Done;
                };
                match state.keymap.lookup(Context::Article, key) {
                    Some(Command::Quit) => return Handled::Quit,
                    Some(command @ (Command::GoBottom | Command::GoTop)) => {
                        let part = if command == Command::GoBottom {
                            Part::Tail
                        } else {
                            Part::Head
                        };
                        if part != self.part {
                            let other = self
                                .other
                                .take()
                                .unwrap_or_else(|| self.preview_state(part));
                            self.other = Some(std::mem::replace(&mut *state, other));
                            self.part = part;
                        }
                        state.update(Action::Key(key));
                        return Handled::Done;
                    }
                    Some(
                        Command::MoveDown | Command::MoveUp | Command::PageDown | Command::PageUp,
                    ) if state.focus == crate::app::Pane::Article && state.overlay.is_none() => {
                        state.update(Action::Key(key));
                        return Handled::Done;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        self.waiting.push(ev);
        Handled::Done
    }

    /// Replaces the preview in `shared` with the desk of the whole article, on the bytes
    /// the preview showed; returns the case's lock.
    fn swap_in(
        &mut self,
        shared: &Mutex<AppState>,
        opened: open::Opened,
        entropy: Box<dyn Entropy + Send>,
    ) -> Option<CaseLock> {
        let mut state = lock(shared);
        let text = &opened.case.article.text;
        // Where the preview's bytes are in the whole text (if the file still holds them).
        let offset = match self.part {
            Part::Head => text
                .starts_with(state.case.article.text.as_str())
                .then_some(0),
            Part::Tail => text
                .ends_with(state.case.article.text.as_str())
                .then(|| text.len() - state.case.article.text.len()),
        };
        let changed = offset.is_none() || text.len() as u64 != self.preview.len;
        let cursor = state.cursor_range().start;
        let top = state.doc.lines.get(state.top).map_or(0, |l| l.start);
        let (mut desk, case_lock) = desk_for(opened, &self.config, entropy, false);
        match offset {
            Some(offset) => {
                desk.continue_from(self.part == Part::Tail, offset + cursor, offset + top)
            }
            None if self.part == Part::Tail => desk.go_to_end(),
            None => {}
        }
        if changed {
            desk.notices.push(format!(
                "{} changed while it was read: showing it as it was read",
                self.path.display()
            ));
        }
        *state = desk;
        case_lock
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Handled {
    Done,
    Quit,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode as CtKey, KeyEvent, KeyModifiers};

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(CtKey::Char(c), KeyModifiers::NONE))
    }

    /// A 600 KB article of numbered paragraphs, "FIRST …" to "LAST …".
    fn big_article(dir: &Path) -> PathBuf {
        let mut text = String::from("FIRST line of the report.\n\n");
        let mut i = 0;
        while text.len() < 600 << 10 {
            text.push_str(&format!("Paragraph {i} says a thing. It says another.\n\n"));
            i += 1;
        }
        text.push_str("LAST sentence of the report.\n");
        let path = dir.join("big.txt");
        std::fs::write(&path, text).unwrap();
        path
    }

    /// A loading desk on `path` whose background read is `reader`'s to send.
    fn loading(path: &Path) -> (Loading, mpsc::Sender<Read>, Mutex<AppState>) {
        let preview = open::preview(path, None, u64::MAX).expect("a preview");
        let (tx, rx) = mpsc::channel();
        let loading = Loading {
            preview,
            path: path.to_path_buf(),
            rx,
            reader: None,
            config: crate::config::Loaded::default(),
            other: None,
            part: Part::Head,
            waiting: Vec::new(),
        };
        let shared = Mutex::new(loading.first_state());
        (loading, tx, shared)
    }

    fn opened(path: &Path) -> open::Opened {
        open::open_with(
            Some(path),
            None,
            &open::OpenOptions::default(),
            &crate::model::FixedEntropy::default(),
        )
        .unwrap()
    }

    /// Moving about works on the preview at once, `G` shows the last screens, a key that
    /// changes the case waits; the desk of the whole article then has the cursor on the
    /// same sentence, and what waited is handed back in order.
    #[test]
    fn the_reader_keeps_their_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = big_article(dir.path());
        let (mut loading, _tx, shared) = loading(&path);
        assert_eq!(loading.handle(&shared, key('j')), Handled::Done);
        assert_eq!(lock(&shared).cursor, 1, "j moved the preview's cursor");
        loading.handle(&shared, key('G'));
        assert_eq!(loading.part, Part::Tail);
        loading.handle(&shared, key('k'));
        let (c, x) = (key('c'), key('x'));
        loading.handle(&shared, c.clone());
        loading.handle(&shared, key('j'));
        loading.handle(&shared, x.clone());
        assert_eq!(loading.waiting, [c, key('j'), x], "c and what follows wait");
        let sentence = {
            let s = lock(&shared);
            s.case.article.text[s.cursor_range()].to_owned()
        };
        assert!(sentence.starts_with("It says another."), "{sentence}");

        let case_lock = loading.swap_in(&shared, opened(&path), Box::new(SystemEntropy));
        drop(case_lock);
        let s = lock(&shared);
        assert_eq!(s.case.article.text.len() as u64, loading.preview.len);
        assert_eq!(&s.case.article.text[s.cursor_range()], sentence);
        assert!(s.cursor_range().start > s.case.article.text.len() - (64 << 10));
        assert!(s.notices.is_empty(), "{:?}", s.notices);
    }

    /// `q` while the article is read quits; with a key waiting, it waits too (the key
    /// may open a prompt that `q` types into).
    #[test]
    fn q_quits_unless_keys_wait() {
        let dir = tempfile::tempdir().unwrap();
        let path = big_article(dir.path());
        let (mut loading, _tx, shared) = loading(&path);
        assert_eq!(loading.handle(&shared, key('q')), Handled::Quit);
        loading.handle(&shared, key('/'));
        assert_eq!(loading.handle(&shared, key('q')), Handled::Done);
        assert_eq!(loading.waiting.len(), 2);
    }

    /// An article cut short while it was read (another program truncated it) opens as
    /// read, with a notice; the reader at the end lands at the new end.
    #[test]
    fn an_article_truncated_meanwhile_opens_as_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = big_article(dir.path());
        let (mut loading, _tx, shared) = loading(&path);
        loading.handle(&shared, key('G'));
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(300 << 10).unwrap();
        loading.swap_in(&shared, opened(&path), Box::new(SystemEntropy));
        let s = lock(&shared);
        assert_eq!(s.case.article.text.len(), 300 << 10);
        assert!(
            s.notices
                .iter()
                .any(|n| n.contains("changed while it was read"))
        );
        assert_eq!(s.cursor + 1, s.doc.sentences.len(), "on the last sentence");
    }
}
