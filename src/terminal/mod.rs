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

mod autosave;
mod effects;
mod external;
mod input;
mod jobs;
mod loading;
mod reopen;
mod signals;
mod suggest;
#[cfg(unix)]
mod tty;

use autosave::{Autosave, write_recovery_of};
use effects::{Flow, carry_out};
#[cfg(debug_assertions)]
use input::test_panic_trigger;
use input::{Input, key_of, read_event, translate};
use jobs::{start_indexer, start_rewrap};

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
            if state.doc.stale_lines() && rewrapper.as_ref().is_none_or(|(w, _)| *w != width) {
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
        input::add_missed_resize(&mut events, input.size(), area);
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
