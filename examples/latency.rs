//! Keystroke-to-frame latency on a 10 MB article with 10,000 claims (issue 4, QUALITY.md:
//! p99 ≤ 16 ms).
//!
//! Drives the real state machine (`AppState::update`) and renderer (`ui::draw` into a
//! ratatui `TestBackend`) with ~2,000 scripted keys — runs of j/k, PgDn/PgUp, `]`/`[`, G/g,
//! the claim list, rating, status, undo/redo, the source picker and `/` search — and times
//! each key's update + draw with `Instant`, as the runner's loop does them: one key, then a
//! frame; while a picker is still scoring, `Tick` frames follow (reported apart).
//!
//! The case is opened the way the binary opens it: a verdict file written to a temporary
//! directory, then `open::open` + `AppState::with_viewport` + resize. That part runs in a child
//! process, so its peak RSS (VmHWM) is the app's, not the generator's.
//!
//!     cargo run --release --example latency
//!     cargo run --release --example latency -- --file some.factdesk.json   # any file
//!
//! Data is generated deterministically (`benches/common/scale_case.rs`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use serde_json::Map;

use factdesk::app::{Action, AppState, Effect};
use factdesk::keymap::{Key, KeyCode, Keymap};
use factdesk::model::FixedEntropy;
use factdesk::store::{self, SavedView};
use factdesk::{open, ui};

#[path = "../benches/common/scale_case.rs"]
mod scale_case;

use scale_case::{HEIGHT, WIDTH};

/// Keys in the scripted session.
const KEYS: usize = 2_000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--write") {
        // Only write the 10 MB / 10k-claim verdict file (to measure the binary on it).
        let path = PathBuf::from(args.get(i + 1).expect("--write PATH"));
        let case = scale_case::big_case();
        store::save(&path, &case, &SavedView::default(), &Map::new()).expect("saved");
        println!("wrote {}", path.display());
        return;
    }
    match args.iter().position(|a| a == "--file") {
        Some(i) => {
            let path = PathBuf::from(args.get(i + 1).expect("--file PATH"));
            run(&path);
        }
        None => generate_and_run(),
    }
}

/// Writes the 10 MB / 10k-claim verdict file, then measures in a fresh process.
fn generate_and_run() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("scale.factdesk.json");
    let started = Instant::now();
    let case = scale_case::big_case();
    let view = SavedView {
        // The cursor in the middle of the article.
        cursor: case.article.text.chars().count() / 2,
        ..SavedView::default()
    };
    let report = store::save(&path, &case, &view, &Map::new()).expect("saved");
    println!(
        "generated {} bytes of article, {} claims, {} sources -> {} ({:.1} MB) in {:.2?}",
        case.article.text.len(),
        case.claims.len(),
        case.sources.len(),
        path.display(),
        report.bytes as f64 / 1e6,
        started.elapsed()
    );
    drop(case);
    let exe = std::env::current_exe().expect("own path");
    let status = Command::new(exe)
        .arg("--file")
        .arg(&path)
        .status()
        .expect("runs the measuring process");
    if !status.success() {
        eprintln!("the measuring process failed: {status}");
        std::process::exit(1);
    }
}

fn key_name(key: Key) -> String {
    key.to_string()
}

/// The scripted session: a deterministic mix of what a checker does on a long article.
fn script() -> Vec<Key> {
    let c = Key::char;
    let p = Key::plain;
    let mut seed: u64 = 0x5eed_f1a7_ec0d_e001;
    let mut rand = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n) as usize
    };
    let mut keys = Vec::with_capacity(KEYS + 64);
    while keys.len() < KEYS {
        match rand(12) {
            0..=2 => {
                keys.extend(std::iter::repeat_n(c('j'), 5 + rand(40)));
                keys.extend(std::iter::repeat_n(c('k'), 2 + rand(15)));
            }
            3 => {
                keys.extend(std::iter::repeat_n(p(KeyCode::PageDown), 1 + rand(5)));
                keys.extend(std::iter::repeat_n(p(KeyCode::PageUp), 1 + rand(3)));
            }
            4 => {
                keys.extend(std::iter::repeat_n(c(']'), 1 + rand(10)));
                keys.extend(std::iter::repeat_n(c('['), 1 + rand(5)));
            }
            5 => {
                keys.push(c('G'));
                keys.extend(std::iter::repeat_n(c('k'), rand(5)));
                keys.push(c('g'));
                // Back towards the middle, as a checker would.
                keys.extend(std::iter::repeat_n(p(KeyCode::PageDown), 3));
            }
            6 => {
                // The claim list: browse, cycle a status, come back.
                keys.push(p(KeyCode::Tab));
                keys.extend(std::iter::repeat_n(c('j'), 5 + rand(25)));
                keys.extend(std::iter::repeat_n(c('k'), rand(8)));
                keys.extend(std::iter::repeat_n(p(KeyCode::PageDown), rand(3)));
                keys.push(p(KeyCode::PageUp));
                keys.push(c('x'));
                keys.push(p(KeyCode::BackTab));
            }
            7 => {
                // Rate the next claim in the text.
                keys.push(c(']'));
                keys.push(c('r'));
                keys.push(c(char::from(b'1' + rand(6) as u8)));
            }
            8 => {
                keys.push(c(']'));
                keys.push(c('x'));
                keys.push(c('u'));
                keys.push(Key::ctrl('r'));
                keys.push(c('u'));
            }
            9 => {
                // Link a source: open the picker over the library, type, give up.
                keys.push(c(']'));
                keys.push(c('l'));
                let query = ["reuters", "ferry 2019", "sudd", "council budget"][rand(4)];
                keys.extend(query.chars().map(c));
                keys.push(p(KeyCode::Backspace));
                keys.push(p(KeyCode::Esc));
            }
            10 => {
                // Search the whole text, then step through matches.
                keys.push(c('/'));
                let query = ["brandt", "Zürich", "bridge would"][rand(3)];
                keys.extend(query.chars().map(c));
                keys.push(p(KeyCode::Enter));
                keys.extend(std::iter::repeat_n(c('n'), 1 + rand(5)));
                keys.push(c('N'));
            }
            _ => {
                keys.extend(std::iter::repeat_n(c('j'), 3 + rand(10)));
                keys.push(c('['));
            }
        }
    }
    keys
}

/// One timed key: what it was, where, and how long update + draw took.
struct Sample {
    index: usize,
    key: Key,
    context: String,
    took: Duration,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &AppState, theme: &ui::Theme) {
    terminal
        .draw(|f| ui::draw(f, state, theme))
        .expect("drawing to a TestBackend");
}

/// Opens `path` as the binary does, then plays the script.
fn run(path: &Path) {
    let theme = ui::Theme::COLOR;
    let opened_at = Instant::now();
    let opened = open::open(Some(path), None, &FixedEntropy::default()).expect("opens");
    // As the binary: the panes' size is known first, so the article is laid out once.
    let mut state = AppState::with_viewport(
        opened.case,
        opened.file,
        opened.cursor,
        opened.notices,
        Keymap::default_keymap(),
        Box::new(FixedEntropy::default()),
        ui::viewport(Rect::new(0, 0, WIDTH, HEIGHT)),
    );
    let area = Rect::new(0, 0, WIDTH, HEIGHT);
    state.update(Action::Resize(ui::viewport(area)));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
    draw(&mut terminal, &state, &theme);
    let first_frame = opened_at.elapsed();
    println!(
        "opened {} ({} bytes of article, {} claims, {} sources) to first frame at {WIDTH}x{HEIGHT}: {}",
        path.display(),
        state.case.article.text.len(),
        state.case.claims.len(),
        state.case.sources.len(),
        ms(first_frame)
    );
    let mut peaks = vec![("open + first frame", peak_rss())];

    let keys = script();
    let mut samples = Vec::with_capacity(keys.len());
    let mut ticks = Vec::new();
    let mut unexpected = Vec::new();
    for (index, key) in keys.iter().copied().enumerate() {
        let context = state.context().to_string();
        let started = Instant::now();
        let effects = state.update(Action::Key(key));
        draw(&mut terminal, &state, &theme);
        let took = started.elapsed();
        samples.push(Sample {
            index,
            key,
            context,
            took,
        });
        unexpected.extend(effects);
        // The runner's loop: while a picker is scoring, a Tick and a frame, until done.
        while state.busy() {
            let started = Instant::now();
            state.update(Action::Tick);
            draw(&mut terminal, &state, &theme);
            ticks.push(started.elapsed());
        }
    }
    peaks.push(("+ scripted keys", peak_rss()));
    if !unexpected.is_empty() {
        println!("effects asked for (not carried out): {unexpected:?}");
    }

    let mut sorted: Vec<Duration> = samples.iter().map(|s| s.took).collect();
    sorted.sort();
    let total: Duration = sorted.iter().sum();
    println!();
    println!(
        "{} keys, update + draw each (keystroke to frame), {WIDTH}x{HEIGHT}:",
        samples.len()
    );
    println!(
        "  p50 {}   p90 {}   p99 {}   max {}   mean {}",
        ms(percentile(&sorted, 50.0)),
        ms(percentile(&sorted, 90.0)),
        ms(percentile(&sorted, 99.0)),
        ms(*sorted.last().unwrap_or(&Duration::ZERO)),
        ms(total / samples.len().max(1) as u32),
    );
    let p99 = percentile(&sorted, 99.0);
    println!(
        "  budget p99 <= 16 ms: {}",
        if p99 <= Duration::from_millis(16) {
            "PASS"
        } else {
            "MISS"
        }
    );
    println!("  slowest 5:");
    let mut slowest: Vec<&Sample> = samples.iter().collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.took));
    for s in slowest.iter().take(5) {
        println!(
            "    #{:<5} {:<10} in [{}]  {}",
            s.index,
            key_name(s.key),
            s.context,
            ms(s.took)
        );
    }

    // Per key and context: which kinds of key are slow.
    let mut kinds: Vec<(String, Vec<Duration>)> = Vec::new();
    for s in &samples {
        let name = format!("{} [{}]", key_name(s.key), s.context);
        match kinds.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(s.took),
            None => kinds.push((name, vec![s.took])),
        }
    }
    for (_, v) in &mut kinds {
        v.sort();
    }
    kinds.sort_by(|a, b| b.1.last().cmp(&a.1.last()));
    println!("  by key [context], slowest first (count, p50, max):");
    for (name, v) in &kinds {
        println!(
            "    {:<26} {:>5}  {:>11}  {:>11}",
            name,
            v.len(),
            ms(percentile(v, 50.0)),
            ms(*v.last().unwrap_or(&Duration::ZERO))
        );
    }
    if !ticks.is_empty() {
        ticks.sort();
        println!(
            "  picker Tick frames (scoring between keys): {}  p50 {}  max {}",
            ticks.len(),
            ms(percentile(&ticks, 50.0)),
            ms(*ticks.last().unwrap_or(&Duration::ZERO))
        );
    }

    // Blocking work the runner does on the input path, outside the percentiles above.
    let view = SavedView {
        cursor: state.cursor_char(),
        extra: state.file.view_extra.clone(),
    };
    let started = Instant::now();
    let recovery = store::write_recovery(&state.file.path, &state.case, &view, &state.file.extra);
    println!(
        "  autosave (write_recovery, every 5 s while dirty, on the event loop): {} ({})",
        ms(started.elapsed()),
        if recovery.is_ok() { "ok" } else { "failed" }
    );
    let _ = store::remove_recovery(&state.file.path);
    peaks.push(("+ autosave", peak_rss()));
    let started = Instant::now();
    let effects = state.update(Action::Key(Key::ctrl('s')));
    let mut saved = false;
    for effect in effects {
        if let Effect::Save { .. } = effect {
            let result = store::save(&state.file.path, &state.case, &view, &state.file.extra);
            saved = result.is_ok();
            state.update(Action::Saved {
                result: result.map(|r| r.path).map_err(|e| e.to_string()),
                then_quit: false,
            });
        }
    }
    draw(&mut terminal, &state, &theme);
    println!(
        "  Ctrl-s (save carried out by the runner before the next frame): {} ({})",
        ms(started.elapsed()),
        if saved { "saved" } else { "not saved" }
    );

    peaks.push(("+ Ctrl-s", peak_rss()));
    report_memory(
        state.case.article.text.len(),
        state.case.claims.len(),
        &peaks,
    );
}

/// A field of /proc/self/status in bytes (Linux only).
fn proc_status(name: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map(|kb| kb * 1024)
}

/// Peak RSS so far (VmHWM).
fn peak_rss() -> Option<u64> {
    proc_status("VmHWM:")
}

/// Peak RSS after each phase and at the end, against QUALITY.md's budget.
fn report_memory(article_bytes: usize, claims: usize, peaks: &[(&str, Option<u64>)]) {
    let mb = |b: u64| format!("{:.1} MB", b as f64 / 1e6);
    let budget = 4 * article_bytes as u64 + 2048 * claims as u64;
    println!();
    let (Some(peak), Some(rss)) = (peak_rss(), proc_status("VmRSS:")) else {
        println!("memory: /proc/self/status not available");
        return;
    };
    println!(
        "memory: peak RSS (VmHWM) {}, now {}; budget 4 x {} + 2 KB x {claims} = {}: {}",
        mb(peak),
        mb(rss),
        mb(article_bytes as u64),
        mb(budget),
        if peak <= budget { "PASS" } else { "MISS" }
    );
    for (phase, at) in peaks {
        if let Some(at) = at {
            println!("  peak after {phase:<20} {}", mb(*at));
        }
    }
}
