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
use ratatui::layout::Rect;

use crate::app::{Action, AppState, Effect};
use crate::keymap::{Key, KeyCode};
use crate::model::Entropy;
use crate::store;
use crate::{open, ui};

mod external;
mod loading;
mod reopen;
mod signals;
mod suggest;
#[cfg(unix)]
mod tty;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

pub use reopen::open_instead;
use signals::Stop;

/// The terminal as the app draws it: through one buffer, so a frame leaves in one write
/// (standard output's own buffer would send it a kibibyte at a time).
pub(crate) type Screen =
    ratatui::Terminal<ratatui::backend::CrosstermBackend<std::io::BufWriter<std::io::Stdout>>>;

/// Takes the terminal over (raw mode, alternate screen, ratatui's panic hook) and gives
/// the buffered screen to draw on.
fn take_over() -> anyhow::Result<Screen> {
    drop(ratatui::init());
    let buffered = std::io::BufWriter::with_capacity(1 << 16, stdout());
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(buffered))
        .context("cannot take over the terminal")
}

/// How the interactive session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The user quit.
    Quit,
    /// The user quit to open this case instead (`=` on a claim seen before): see
    /// [`open_instead`].
    Open(std::path::PathBuf),
    /// A signal or a vanished terminal stopped it; `kept` says where unsaved work went.
    Stopped {
        reason: String,
        kept: store::Kept,
        code: u8,
    },
}

/// Unsaved work is written to the recovery file this often (when something changed).
const AUTOSAVE_EVERY: Duration = Duration::from_secs(5);
/// The longest the loop waits for input before looking at signals and the autosave timer.
const POLL: Duration = Duration::from_millis(100);

/// Opens `file` (or the demo) and runs the interactive app until the user quits.
/// `scale` is for a new case (else the config's default scale); `config` brings the
/// checker's name, key overrides and theme; its warnings are shown as notices.
pub fn open_and_run(
    file: Option<&Path>,
    output: Option<&Path>,
    options: open::OpenOptions,
    config: &crate::config::Loaded,
    entropy: impl Entropy + Send + 'static,
) -> anyhow::Result<Outcome> {
    let scale = options.scale.clone().or_else(|| {
        config
            .config
            .default_scale
            .as_deref()
            .and_then(crate::model::Scale::preset)
    });
    let options = open::OpenOptions { scale, ..options };
    let first_run = file.is_none() && !open::demo_path(output).exists();
    let theme = ui::Theme::from_config(&config.config);
    // A large plain-text article shows its first screen while the rest is read.
    if let Some(path) = file
        && let Some(preview) = open::preview(path, output, options.max_article_bytes)
    {
        let loading = loading::Loading::start(preview, path, output, options, entropy, config);
        return run_with(loading.first_state(), theme, Some(loading));
    }
    let opened = open::open_with(file, output, &options, &entropy)?;
    let (state, _lock) = desk_for(opened, config, Box::new(entropy), first_run);
    run(state, theme)
}

/// The app for an opened case: the config's keys, name, opener and width applied, the
/// case locked (or opened read-only when another factdesk holds it), and what to offer
/// first (re-anchoring, a fresh case, unsaved work). The lock is held while it lives.
fn desk_for(
    opened: open::Opened,
    config: &crate::config::Loaded,
    entropy: Box<dyn Entropy + Send>,
    first_run: bool,
) -> (AppState, Option<store::CaseLock>) {
    let (keymap, key_warnings) = crate::config::keymap(&config.config);
    let mut notices = opened.notices;
    notices.extend(config.warnings.iter().cloned());
    notices.extend(key_warnings);
    // The panes' size is known before the terminal is taken over: lay out once, at it.
    let viewport = crossterm::terminal::size()
        .map(|(w, h)| ui::viewport(Rect::new(0, 0, w, h)))
        .unwrap_or_default();
    let mut state = AppState::with_viewport(
        opened.case,
        opened.file,
        opened.view.cursor,
        notices,
        keymap,
        entropy,
        viewport,
    );
    state.restore_view(&opened.view);
    state.time_zone = jiff::tz::TimeZone::system();
    state.checker = config.config.name.clone();
    state.publication = config.config.export_options();
    state.cases_dir = config.config.cases_dir.clone();
    // One factdesk per case: a second one reads it but cannot save over it or autosave.
    let lock = match store::lock_case(&state.file.path) {
        Ok(lock) => lock,
        Err(held) => {
            let who = held.pid.map_or_else(String::new, |p| format!(" (pid {p})"));
            let why = format!(
                "read-only: open in another factdesk{who}; Save as writes a copy of {}",
                state.file_name()
            );
            state.open_read_only(why);
            None
        }
    };
    state.first_steps = first_run;
    state.opener = config.config.opener.clone().unwrap_or_default();
    state.reading_width = config.config.reading_width;
    if state.reading_width.is_some() {
        state.update(Action::Resize(state.viewport));
    }
    match (opened.newer, opened.fresh) {
        (Some((text, path)), fresh) => state.offer_reanchor(text, path, fresh.map(|f| *f)),
        (None, Some(fresh)) => state.offer_fresh_case(*fresh),
        (None, None) => {}
    }
    // Unsaved work comes first: it is what would otherwise be lost. It belongs to the
    // factdesk that holds the case.
    if let Some((case, cursor)) = opened.recovery
        && state.read_only.is_none()
    {
        state.offer_recovery(case, cursor);
    }
    (state, lock)
}

/// Takes over the terminal, runs the event loop, and gives the terminal back — also on
/// error, on panic (after writing the recovery file) and on SIGTERM, SIGHUP and SIGINT.
pub fn run(state: AppState, theme: ui::Theme) -> anyhow::Result<Outcome> {
    run_with(state, theme, None)
}

/// Like [`run`]; with `loading`, `state` is the preview of a large article until the whole
/// of it is read (see [`loading`]).
fn run_with(
    state: AppState,
    theme: ui::Theme,
    loading: Option<loading::Loading>,
) -> anyhow::Result<Outcome> {
    // The state is shared with the signal thread, which writes the recovery file itself
    // when the event loop is stuck; the loop holds the lock only while it works.
    let shared = Arc::new(Mutex::new(state));
    let rescue = {
        let shared = Arc::clone(&shared);
        move || {
            for _ in 0..10 {
                if let Ok(state) = shared.try_lock() {
                    return write_recovery_of(&state);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            store::Kept::Lost("the case was busy and could not be read in time".into())
        }
    };
    install_panic_hook();
    let input = Input::open();
    let stop = Stop::install(rescue, input.probe());
    // Bracketed paste: pasted text arrives as one event, so its newlines never act as Enter.
    let result = take_over()
        .and_then(|terminal| {
            execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)
                .context("cannot enable the mouse")
                .map(|()| terminal)
        })
        .and_then(|mut terminal| {
            let mut autosave = Autosave::new();
            let looped = catch_unwind(AssertUnwindSafe(|| {
                let (_case_lock, waiting) = match loading {
                    Some(loading) => {
                        match loading.run(&mut terminal, &shared, &theme, &stop, &input)? {
                            Some(loaded) => loaded,
                            None => return Ok(Outcome::Quit),
                        }
                    }
                    None => (None, Vec::new()),
                };
                event_loop(
                    &mut terminal,
                    &shared,
                    theme,
                    &stop,
                    &input,
                    &mut autosave,
                    waiting,
                )
            }));
            let state = lock(&shared);
            match looped {
                Ok(outcome) => outcome.or_else(|e| {
                    // The terminal went away (read error, end of input): keep the work.
                    Ok(Outcome::Stopped {
                        reason: format!("{e:#}"),
                        kept: autosave.write_now(&state),
                        code: 1,
                    })
                }),
                Err(_) => Ok(Outcome::Stopped {
                    reason: "factdesk hit a bug (the message is above)".into(),
                    kept: autosave.write_now(&state),
                    code: 101,
                }),
            }
        });
    restore();
    stop.finished();
    result
}

/// The state, even if a panic poisoned its lock (the data is what the user had).
fn lock(shared: &Mutex<AppState>) -> MutexGuard<'_, AppState> {
    shared.lock().unwrap_or_else(|e| e.into_inner())
}

/// Keeps unsaved work (see [`store::keep_unsaved`]): beside the case, else in a fallback
/// directory; says where, or why it could not.
fn write_recovery_of(state: &AppState) -> store::Kept {
    if !state.dirty() || state.read_only.is_some() {
        return store::Kept::Nothing;
    }
    let view = state.saved_view();
    if state.case.article.sha256.is_empty() {
        // The hash of a large article is computed when it is first needed.
        let mut case = state.case.clone();
        case.article.ensure_hash();
        return store::keep_unsaved(&state.file.path, &case, &view, &state.file.extra);
    }
    store::keep_unsaved(&state.file.path, &state.case, &view, &state.file.extra)
}

/// Ours runs after ratatui's hook has restored the terminal (ratatui calls the hook it found).
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
}

/// Gives the terminal back: mouse and paste modes off, raw mode off, main screen.
pub(crate) fn restore() {
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    let _ = ratatui::try_restore();
}

/// The recovery file: written every few seconds while there are unsaved changes, when the
/// user has paused (a large case takes a moment to write; no copy of it is made).
struct Autosave {
    last: Instant,
    revision: u64,
    written: Option<std::path::PathBuf>,
}

/// Unsaved work is written once the keyboard has been quiet this long.
const AUTOSAVE_IDLE: Duration = Duration::from_millis(800);

impl Autosave {
    fn new() -> Autosave {
        Autosave {
            last: Instant::now(),
            revision: 0,
            written: None,
        }
    }

    /// Writes the recovery file if it is due and the user is idle; removes it once
    /// nothing is unsaved. A failure (or work kept only in a fallback place) is shown in
    /// the status bar until an autosave or a save succeeds.
    fn tick(&mut self, state: &mut AppState, idle: Duration) {
        if !state.dirty() {
            if self.written.take().is_some() {
                let _ = store::remove_recovery(&state.file.path);
            }
            return;
        }
        if state.revision != self.revision
            && self.last.elapsed() >= AUTOSAVE_EVERY
            && idle >= AUTOSAVE_IDLE
        {
            let kept = self.write_now(state);
            state.update(Action::Autosaved(kept));
        }
    }

    /// Writes the recovery file now if anything is unsaved; says where it went.
    fn write_now(&mut self, state: &AppState) -> store::Kept {
        self.last = Instant::now();
        self.revision = state.revision;
        let kept = write_recovery_of(state);
        if let store::Kept::Beside(path) = &kept {
            self.written = Some(path.clone());
        }
        kept
    }

    /// After a save or an explicit discard: the recovery file has nothing left to keep.
    fn clear(&mut self, state: &AppState) {
        self.written = None;
        self.revision = state.revision;
        let _ = store::remove_recovery(&state.file.path);
    }
}

fn event_loop(
    terminal: &mut Screen,
    shared: &Mutex<AppState>,
    theme: ui::Theme,
    stop: &Stop,
    input: &Input,
    autosave: &mut Autosave,
    waiting: Vec<Event>,
) -> anyhow::Result<Outcome> {
    let mut area: Rect = terminal
        .size()
        .context("cannot read the terminal size")?
        .into();
    lock(shared).update(Action::Resize(ui::viewport(area)));
    // crossterm starts watching for resizes (SIGWINCH) when it is first asked for events:
    // ask now, so a resize during the first frame is not lost.
    event::poll(Duration::ZERO).context("terminal gone")?;
    // The indexer starts after the first frame, so it does not compete with it for a core.
    let mut indexer: Option<std::sync::mpsc::Receiver<crate::app::Document>> = None;
    // The background re-wrap after a resize of a large article: its width and result.
    let mut rewrapper: Option<(
        usize,
        std::sync::mpsc::Receiver<Vec<std::ops::Range<usize>>>,
    )> = None;
    // Suggestions are scored on another thread too, whatever the article's size.
    let mut scorer: Option<suggest::Scoring> = None;
    // The article generation last scored: re-anchoring replaces the text, to score again.
    let mut scored_for: Option<u64> = None;
    let mut cases: Option<std::sync::mpsc::Receiver<crate::seen::Scan>> = None;
    let mut first_frame = true;
    let mut quick_polls = 0u32;
    let mut last_input = Instant::now();
    // Events that came while a large article was read, carried out first.
    let mut waiting = waiting;
    // Events that need the complete index, held while it builds.
    let mut held: Vec<Event> = Vec::new();
    loop {
        // The background index, when it is done (without waiting); the keys that waited
        // for it follow.
        if let Some(rx) = &indexer {
            match rx.try_recv() {
                Ok(doc) => {
                    lock(shared).update(Action::IndexReady {
                        doc: Box::new(doc),
                        sha256: String::new(),
                    });
                    indexer = None;
                }
                // The indexer is gone (it panicked): keys act on the partial index.
                Err(std::sync::mpsc::TryRecvError::Disconnected) => indexer = None,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        if indexer.is_none() && !held.is_empty() {
            lock(shared).message = None;
            waiting.append(&mut held);
        }
        if let Some((generation, scored)) = scorer
            .as_ref()
            .and_then(|s| Some((s.generation, s.ready()?)))
        {
            lock(shared).update(Action::SuggestionsReady { generation, scored });
            scorer = None;
        }
        if let Some(scan) = cases.as_ref().and_then(|rx| rx.try_recv().ok()) {
            let index = std::sync::Arc::new(scan.index);
            lock(shared).update(Action::CasesScanned(index, scan.skipped));
            cases = None;
        }
        if let Some((width, rx)) = &rewrapper
            && let Ok(lines) = rx.try_recv()
        {
            let width = *width;
            lock(shared).update(Action::LinesReady { width, lines });
            rewrapper = None;
        }
        {
            let mut state = lock(shared);
            let width = state.doc.width;
            if state.doc.stale_lines && rewrapper.as_ref().is_none_or(|(w, _)| *w != width) {
                rewrapper = start_rewrap(&mut state);
            }
        }
        {
            let state = lock(shared);
            terminal
                .draw(|frame| ui::draw(frame, &state, &theme))
                .context("cannot draw")?;
        }
        if std::mem::take(&mut first_frame) {
            indexer = start_indexer(&mut lock(shared));
            cases = suggest::start_scan(&lock(shared));
        }
        // Scoring waits for the background index: the two at once would hold two sentence
        // tables of a large article (and share two cores with the screen).
        if scorer.is_none() && indexer.is_none() {
            let state = lock(shared);
            let generation = state.article_generation();
            if scored_for != Some(generation)
                && state.case.article.text.len() > suggest::MAX_SCORED_BYTES
            {
                scored_for = Some(generation);
                drop(state);
                lock(shared).notices.push(format!(
                    "No suggestions for an article over {} MiB (factdesk suggest FILE scores it)",
                    suggest::MAX_SCORED_BYTES >> 20
                ));
            } else if scored_for != Some(generation) {
                scored_for = Some(generation);
                let sentences = state.doc.complete.then(|| state.doc.sentences.clone());
                scorer = suggest::Scoring::start(&state.case.article.text, sentences, generation);
            }
        }
        while waiting.is_empty() {
            if let Some(signal) = stop.signal() {
                return Ok(Outcome::Stopped {
                    reason: format!("stopped by {}", signals::name(signal)),
                    kept: autosave.write_now(&lock(shared)),
                    code: u8::try_from(128 + signal).unwrap_or(1),
                });
            }
            stop.beat();
            let busy = {
                let mut state = lock(shared);
                autosave.tick(&mut state, last_input.elapsed());
                state.busy()
            };
            if busy {
                if input.ready(Duration::ZERO)? {
                    break;
                }
                let mut state = lock(shared);
                state.update(Action::Tick);
                terminal
                    .draw(|frame| ui::draw(frame, &state, &theme))
                    .context("cannot draw")?;
                continue;
            }
            let asked = Instant::now();
            // While indexing, look back soon to swap the index in and redraw.
            let wait = if indexer.is_some() || scorer.is_some() || rewrapper.is_some() {
                Duration::from_millis(5)
            } else {
                POLL
            };
            if input.ready(wait)? {
                quick_polls = 0;
                break;
            }
            // A poll that returns at once with nothing, again and again, is a terminal that
            // is gone (crossterm #793): leave instead of spinning.
            if indexer.is_some() || scorer.is_some() || rewrapper.is_some() {
                // Not a spinning terminal: the short wait is ours.
                break;
            }
            quick_polls = if asked.elapsed() < wait / 10 {
                quick_polls + 1
            } else {
                0
            };
            if quick_polls > 200 {
                anyhow::bail!("terminal gone (input keeps returning nothing)");
            }
        }
        let mut events = std::mem::take(&mut waiting);
        while input.ready(Duration::ZERO)?
            && event::poll(Duration::ZERO).context("terminal gone")?
        {
            events.push(read_event()?);
        }
        if !events.is_empty() {
            last_input = Instant::now();
        }
        // Most keys act on the complete index: wait for it (tens of milliseconds, once).
        // Moving around the article works on the partial index and does not wait.
        let needs_index = {
            let state = lock(shared);
            events.iter().any(|ev| match ev {
                Event::Key(k) => key_of(k).is_some_and(|k| state.key_needs_index(k)),
                Event::Mouse(_) | Event::Paste(_) => !state.doc.complete,
                _ => false,
            })
        };
        // While the index builds, they wait (in order, the screen alive) and follow as soon
        // as it is in; a resize never waits.
        if indexer.is_some() && (needs_index || !held.is_empty()) {
            let (resizes, rest): (Vec<Event>, Vec<Event>) = events
                .into_iter()
                .partition(|ev| matches!(ev, Event::Resize(..)));
            held.extend(rest);
            events = resizes;
            let count = held.iter().filter(|ev| matches!(ev, Event::Key(_))).count();
            lock(shared).held_for_index(count);
        }
        let mut state = lock(shared);
        for ev in events {
            if let Event::Resize(w, h) = ev {
                area = Rect::new(0, 0, w, h);
            }
            #[cfg(debug_assertions)]
            test_panic_trigger(&ev);
            let Some(action) = translate(&ev, &state, area) else {
                continue;
            };
            for effect in state.update(action) {
                if let Effect::EditExternally { claim, text } = effect {
                    let dir = state.file.path.parent().map(Path::to_path_buf);
                    let dir = dir
                        .filter(|d| d.is_dir())
                        .unwrap_or_else(std::env::temp_dir);
                    let editor = external::editor_command();
                    let result =
                        external::suspended(terminal, || external::edit_text(&editor, &text, &dir));
                    state.update(Action::ExternalEdit { claim, result });
                    continue;
                }
                if carry_out(effect, &mut state, autosave) == Flow::Quit {
                    return Ok(match state.open_next() {
                        Some(next) => Outcome::Open(next.to_path_buf()),
                        None => Outcome::Quit,
                    });
                }
            }
        }
    }
}

/// Starts indexing the whole article in the background when only its head is indexed;
/// the receiver yields the complete index.
fn start_indexer(state: &mut AppState) -> Option<std::sync::mpsc::Receiver<crate::app::Document>> {
    if state.doc.complete {
        return None;
    }
    let text = state.case.article.text.clone();
    let width = state.viewport.article_width;
    let progress = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    state.index_progress = Some(Arc::clone(&progress));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("factdesk-index".into())
        .spawn(move || {
            let doc = crate::app::Document::index_with_progress(&text, width, &progress, false);
            let _ = tx.send(doc);
        })
        .ok()?;
    Some(rx)
}

/// Re-wraps the whole article at the pane's width in the background, after a resize
/// re-wrapped only the lines around the view (see `Document::rewrap_around`).
fn start_rewrap(
    state: &mut AppState,
) -> Option<(
    usize,
    std::sync::mpsc::Receiver<Vec<std::ops::Range<usize>>>,
)> {
    let text = state.case.article.text.clone();
    let width = state.doc.width;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("factdesk-wrap".into())
        .spawn(move || {
            let _ = tx.send(crate::app::Document::wrap_all(&text, width));
        })
        .ok()?;
    Some((width, rx))
}

/// Debug builds only (the ones `cargo test` runs): the key named in
/// `FACTDESK_TEST_PANIC_KEY` panics, so tests can see the recovery file and the terminal
/// restored after a bug.
#[cfg(debug_assertions)]
fn test_panic_trigger(ev: &Event) {
    if let (Event::Key(key), Ok(trigger)) = (ev, std::env::var("FACTDESK_TEST_PANIC_KEY"))
        && key.code == CtKey::Char(trigger.chars().next().unwrap_or('\0'))
    {
        panic!("test panic requested with FACTDESK_TEST_PANIC_KEY");
    }
}

/// The terminal's input: watched here for a hang-up (see [`tty`]), read by crossterm.
struct Input {
    #[cfg(unix)]
    tty: Option<tty::Tty>,
}

impl Input {
    fn open() -> Input {
        Input {
            #[cfg(unix)]
            tty: tty::Tty::open(),
        }
    }

    /// Whether there is input to read within `wait`; an error when the terminal is gone.
    fn ready(&self, wait: Duration) -> anyhow::Result<bool> {
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
    fn probe(&self) -> Option<Box<dyn Fn() -> bool + Send>> {
        #[cfg(unix)]
        if self.tty.is_some() {
            let tty = tty::Tty::open()?;
            return Some(Box::new(move || tty.gone()));
        }
        None
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

fn carry_out(effect: Effect, state: &mut AppState, autosave: &mut Autosave) -> Flow {
    match effect {
        Effect::Quit => {
            // Quitting discards what was not saved, on purpose: nothing left to recover.
            autosave.clear(state);
            Flow::Quit
        }
        Effect::Copy(text) => {
            copy_to_clipboard(&text);
            Flow::Continue
        }
        Effect::OpenUrl(url) => {
            let opener = if state.opener.is_empty() {
                external::default_opener()
            } else {
                state.opener.clone()
            };
            if let Err(reason) = external::open_url(&opener, &url) {
                state.message = Some(crate::app::Message {
                    text: format!("Not opened: {reason}"),
                    kind: crate::app::MessageKind::Error,
                });
            }
            Flow::Continue
        }
        // Carried out in the event loop, which holds the terminal.
        Effect::EditExternally { .. } => Flow::Continue,
        Effect::DiscardRecovery => {
            autosave.clear(state);
            Flow::Continue
        }
        Effect::Export { format, path } => {
            let result = crate::export_cli::export_from_tui(state, format, &path);
            state.update(Action::Exported(result));
            Flow::Continue
        }
        Effect::Save { then_quit } if state.read_only.is_some() => {
            state.update(Action::Saved {
                result: Err(state.read_only.clone().unwrap_or_default()),
                then_quit,
            });
            Flow::Continue
        }
        Effect::Save { then_quit } => save(state, autosave, None, false, then_quit),
        Effect::Overwrite { then_quit } => save(state, autosave, None, true, then_quit),
        Effect::SaveAs { path, then_quit } => save(state, autosave, Some(path), true, then_quit),
        Effect::Reanchor { path } => {
            let max = crate::open::DEFAULT_MAX_ARTICLE_BYTES;
            match crate::reanchor_cli::read_new_article(&path, max) {
                Ok((text, _)) => state.reanchor_onto(text, path),
                Err(e) => state.reanchor_failed(&e.to_string()),
            }
            Flow::Continue
        }
    }
}

/// Saves to the case's file (or `to`), first making sure the file on disk is still the one
/// that was opened unless `force`; tells the state how it went.
fn save(
    state: &mut AppState,
    autosave: &mut Autosave,
    to: Option<std::path::PathBuf>,
    force: bool,
    then_quit: bool,
) -> Flow {
    let target = to.clone().unwrap_or_else(|| state.file.path.clone());
    let now = store::DiskStamp::of(&target);
    // Saving to the case's own file compares it with what was loaded; a new path must
    // not hold a file (the Save as prompt asked already).
    let expected = if to.is_none() {
        state.file.stamp.clone()
    } else {
        now.clone()
    };
    if !force && now != expected {
        let what = changed_on_disk(&target, expected.as_ref(), now.as_ref());
        state.update(Action::SaveConflict { then_quit, what });
        return Flow::Continue;
    }
    // A symbolic link is written through only when it was there, to the same place, when
    // the case was read: a link swapped in since is replaced, never followed.
    let link_now = std::fs::read_link(&target).ok();
    let follow_links = match (to.is_some(), &state.file.stamp) {
        (true, _) => true,
        (false, Some(stamp)) => link_now.is_some() && stamp.link == link_now,
        (false, None) => false,
    };
    state.case.article.ensure_hash();
    let view = state.saved_view();
    match store::save_with(&target, &state.case, &view, &state.file.extra, follow_links) {
        Ok(report) => {
            autosave.clear(state);
            state.file.path = target.clone();
            state.file.stamp = store::DiskStamp::of(&target);
            state.update(Action::Saved {
                result: Ok(report.path),
                then_quit,
            });
            if then_quit {
                Flow::Quit
            } else {
                Flow::Continue
            }
        }
        Err(e) => {
            state.update(Action::Saved {
                result: Err(e.to_string()),
                then_quit,
            });
            Flow::Continue
        }
    }
}

/// What became of the file at `path` since it was read (`was`), for the save prompt.
fn changed_on_disk(
    path: &Path,
    was: Option<&store::DiskStamp>,
    now: Option<&store::DiskStamp>,
) -> String {
    let link_was = was.and_then(|s| s.link.as_deref());
    match (std::fs::read_link(path).ok(), now) {
        (Some(to), _) if link_was != Some(to.as_path()) => {
            format!("is now a symbolic link to {}", to.display())
        }
        (_, None) => "is gone from disk".into(),
        (_, Some(_)) if was.is_none() => "already holds another case".into(),
        _ => "was changed by another program".into(),
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
