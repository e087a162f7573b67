//! Hot paths of the article pane: wrapping a large article and drawing one frame anywhere
//! in it. Data is generated here, deterministically; nothing large is committed.
//!
//! Budgets (QUALITY.md): a frame anywhere in a 10 MB article at 200×50 ≤ 2 ms median;
//! re-wrapping 10 MB at a new width ≤ 100 ms.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "common/scale_case.rs"]
mod common;
use common::article;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use factdesk::app::{Action, AppState};
use factdesk::keymap::Key;
use factdesk::model::{Article, Case, Origin, Scale};
use factdesk::{text, ui};

/// The article as a new case, laid out as the binary does before its first frame.
fn state_for(text: String) -> AppState {
    let case = Case::new(
        Article::new(text, Origin::default()),
        Scale::default_scale(),
    );
    common::state_for(case, PathBuf::from("bench.factdesk.json"), 0)
}

fn frames(c: &mut Criterion) {
    let (w, h) = (common::WIDTH, common::HEIGHT);
    let mut state = state_for(article(10 * 1024 * 1024));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = ui::Theme::COLOR;
    let mut group = c.benchmark_group("frame_10mb_200x50");
    for (name, key) in [("top", 'g'), ("middle", 'M'), ("end", 'G')] {
        if key == 'M' {
            let middle = state.doc.lines.len() / 2;
            state.top = middle;
            state.cursor = state.doc.sentence_at(state.doc.lines[middle].start);
        } else {
            state.update(Action::Key(Key::char(key)));
        }
        group.bench_function(name, |b| {
            b.iter(|| {
                terminal
                    .draw(|f| ui::draw(f, black_box(&state), &theme))
                    .unwrap();
            })
        });
    }
    group.finish();
}

fn wrapping(c: &mut Criterion) {
    let text = article(10 * 1024 * 1024);
    let mut group = c.benchmark_group("layout_10mb");
    group.sample_size(20);
    group.bench_function("wrap_at_198", |b| {
        b.iter(|| text::wrap(black_box(&text), 198))
    });
    group.bench_function("sentences", |b| {
        b.iter(|| text::sentences(black_box(&text)))
    });
    group.finish();
}

/// A resize of the 10 MB article as the event loop sees it: the state's update (the view's
/// paragraphs re-wrapped at once) and the next frame; the rest is re-wrapped in the
/// background (`wrap_all`, timed apart as the work taken off the resize).
fn resizing(c: &mut Criterion) {
    let (w, h) = (common::WIDTH, common::HEIGHT);
    let text = article(10 * 1024 * 1024);
    let mut state = state_for(text.clone());
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = ui::Theme::COLOR;
    let middle = state.doc.lines.len() / 2;
    state.top = middle;
    state.cursor = state.doc.sentence_at(state.doc.lines[middle].start);
    let viewport = |cols: u16| ui::viewport(ratatui::layout::Rect::new(0, 0, cols, h));
    let mut group = c.benchmark_group("resize_10mb");
    group.sample_size(20);
    let mut wide = false;
    group.bench_function("resize_and_frame", |b| {
        b.iter(|| {
            wide = !wide;
            state.update(Action::Resize(viewport(if wide { w } else { w - 37 })));
            terminal
                .draw(|f| ui::draw(f, black_box(&state), &theme))
                .unwrap();
        })
    });
    group.bench_function("background_wrap_all", |b| {
        b.iter(|| factdesk::app::Document::wrap_all(black_box(&text), 150))
    });
    group.finish();
}

criterion_group!(benches, frames, wrapping, resizing);
criterion_main!(benches);
