//! Scale: a 10 MB article with 10,000 claims (issue 4). Data is generated here,
//! deterministically (`benches/common/scale_case.rs`); nothing large is committed.
//!
//! Budgets (QUALITY.md): open to first frame ≤ 3× `less` on the same file (~6 ms first
//! screen, ~3 ms more for `G`); keystroke to frame ≤ 16 ms at p99 (the medians here, the p99
//! in `examples/latency.rs`); save and reload with 10,000 claims ≤ 150 ms each, fsync
//! included. Files go to a temporary directory under the target directory (a real disk,
//! so fsync costs what it costs).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use serde_json::Map;

use factdesk::app::{Action, AppState, Pane};
use factdesk::keymap::{Key, KeyCode, Keymap};
use factdesk::model::FixedEntropy;
use factdesk::store::{self, SavedView};
use factdesk::{open, ui};

#[path = "common/scale_case.rs"]
mod scale_case;

use scale_case::{HEIGHT, WIDTH};

fn scratch_dir() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary directory")
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &AppState) {
    terminal
        .draw(|f| ui::draw(f, black_box(state), &ui::Theme::COLOR))
        .expect("drawing to a TestBackend");
}

/// What the binary does before its first frame: open the file, build the state, lay it out
/// for the terminal and draw.
fn open_to_first_frame(article: &std::path::Path, out: &std::path::Path) -> AppState {
    let opened = open::open(Some(article), Some(out), &FixedEntropy::default()).expect("opens");
    // As the binary: the panes' size is known first, so the article is laid out once.
    let mut state = AppState::with_viewport(
        opened.case,
        opened.file,
        opened.view.cursor,
        opened.notices,
        Keymap::default_keymap(),
        Box::new(FixedEntropy::default()),
        ui::viewport(Rect::new(0, 0, WIDTH, HEIGHT)),
    );
    state.update(Action::Resize(ui::viewport(Rect::new(0, 0, WIDTH, HEIGHT))));
    draw(&mut terminal(), &state);
    state
}

fn opening(c: &mut Criterion) {
    let dir = scratch_dir();
    let article = dir.path().join("article.txt");
    std::fs::write(&article, scale_case::article(scale_case::ARTICLE_BYTES)).expect("written");
    // Never created: opening starts a new case, as for a first look at an article.
    let out: PathBuf = dir.path().join("article.factdesk.json");
    let mut group = c.benchmark_group("open_to_first_frame_10mb");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(6));
    group.bench_function("first_frame", |b| {
        b.iter(|| open_to_first_frame(&article, &out))
    });
    // `less` + `G`: the first frame, then the end of the text drawn.
    group.bench_function("first_frame_then_G", |b| {
        b.iter(|| {
            let mut state = open_to_first_frame(&article, &out);
            state.update(Action::Key(Key::char('G')));
            let mut t = terminal();
            draw(&mut t, &state);
            state
        })
    });
    group.finish();
}

/// Runs `keys[(i / run) % keys.len()]` on iteration `i`, so a direction is kept for `run`
/// keys and then reversed: the cursor stays around where it started however long criterion
/// runs.
fn key_bench(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    state: &mut AppState,
    terminal: &mut Terminal<TestBackend>,
    keys: &[Key],
    run: usize,
) {
    let mut i = 0usize;
    group.bench_function(name, |b| {
        b.iter(|| {
            let key = keys[(i / run) % keys.len()];
            i += 1;
            state.update(Action::Key(black_box(key)));
            draw(terminal, state);
        })
    });
}

fn keystrokes(c: &mut Criterion) {
    let mut state = scale_case::big_state();
    let mut terminal = terminal();
    draw(&mut terminal, &state);
    let start = (state.cursor, state.top);
    let mut group = c.benchmark_group("keystroke_10mb_10k_claims");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let char_key = Key::char;
    // j for 500 keys, then k for 500: the cursor walks around the middle.
    key_bench(
        &mut group,
        "j",
        &mut state,
        &mut terminal,
        &[char_key('j'), char_key('k')],
        500,
    );
    (state.cursor, state.top) = start;
    key_bench(
        &mut group,
        "]",
        &mut state,
        &mut terminal,
        &[char_key(']'), char_key('[')],
        500,
    );
    // Alternating: every key is a jump across the whole text.
    key_bench(
        &mut group,
        "G_g",
        &mut state,
        &mut terminal,
        &[char_key('G'), char_key('g')],
        1,
    );
    // At the end of the text with the last claim current: what a frame costs when the
    // current claim is found by a linear search (once per visible line).
    state.update(Action::Key(char_key('G')));
    state.update(Action::Key(char_key('[')));
    key_bench(
        &mut group,
        "j_at_end",
        &mut state,
        &mut terminal,
        &[char_key('k'), char_key('j')],
        5,
    );
    // A change to the case: status cycled, undo recorded, claims re-indexed.
    (state.cursor, state.top) = start;
    state.update(Action::Key(char_key(']')));
    group.sampling_mode(SamplingMode::Flat);
    key_bench(
        &mut group,
        "x",
        &mut state,
        &mut terminal,
        &[char_key('x')],
        1,
    );
    group.finish();
}

fn claim_list(c: &mut Criterion) {
    let mut state = scale_case::big_state();
    let mut terminal = terminal();
    state.update(Action::Key(Key::plain(KeyCode::Tab)));
    assert_eq!(state.focus, Pane::Claims);
    let mut group = c.benchmark_group("claim_list_scroll_10k");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    // 100 pages down, 100 up, around the claim under the middle of the article.
    key_bench(
        &mut group,
        "pgdn",
        &mut state,
        &mut terminal,
        &[Key::plain(KeyCode::PageDown), Key::plain(KeyCode::PageUp)],
        100,
    );
    group.finish();
}

fn saving(c: &mut Criterion) {
    let case = scale_case::big_case();
    let dir = scratch_dir();
    let path = dir.path().join("big.factdesk.json");
    let view = SavedView::default();
    let extra = Map::new();
    let mut group = c.benchmark_group("save_10k_claims");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(8));
    // The whole save: JSON, the load-back check, temporary file, fsync, .bak, rename.
    group.bench_function("save_fsync", |b| {
        b.iter(|| store::save(&path, black_box(&case), &view, &extra).expect("saved"))
    });
    // Only the JSON (with its load-back check), no I/O.
    group.bench_function("to_json", |b| {
        b.iter(|| store::to_json(black_box(&case), &view, &extra).expect("serialised"))
    });
    group.finish();

    let json = store::to_json(&case, &view, &extra).expect("serialised");
    // The file to load exists even when a filter skipped the save benches.
    store::save(&path, &case, &view, &extra).expect("saved");
    let mut group = c.benchmark_group("load_10k_claims");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(6));
    group.bench_function("load", |b| {
        b.iter(|| store::load(black_box(&path)).expect("loaded"))
    });
    group.bench_function("from_json", |b| {
        b.iter(|| store::from_json(black_box(&json)).expect("parsed"))
    });
    group.finish();
}

criterion_group!(benches, opening, keystrokes, claim_list, saving);
criterion_main!(benches);
