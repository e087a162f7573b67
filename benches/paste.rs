//! A 5 MiB paste into every text field: each costs time linear in what it takes in (the
//! one-line fields take their first 10,000 characters and say so). 0.1.0 typed a paste
//! character by character: 200 KB took 17 s in a one-line field, 100 KB over 32 s in the
//! picker, 5 MiB hung.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};

use factdesk::app::{Action, AppState};
use factdesk::keymap::Key;
use factdesk::model::{Article, Case, Origin, Scale, Source, SourceId};

#[path = "common/scale_case.rs"]
mod scale_case;

const PASTE_BYTES: usize = 5 << 20;

/// A small case with one claim and a 1,000-source library, the given keys pressed.
fn state_after(keys: &str) -> AppState {
    let text = "Musk spoke with Putin in 2022. Russia has three times the population of Ukraine.";
    let mut case = Case::new(
        Article::new(text.into(), Origin::default()),
        Scale::default_scale(),
    );
    case.sources = (0..1000)
        .map(|i| {
            Source::new(
                SourceId(format!("s{i}")),
                &format!("Source {i}"),
                "",
                "2026-01-01",
            )
        })
        .collect();
    let mut state = scale_case::state_for(case, PathBuf::from("paste.factdesk.json"), 0);
    state.update(Action::Key(Key::char('c')));
    for k in keys.chars() {
        state.update(Action::Key(Key::char(k)));
    }
    state
}

fn paste(c: &mut Criterion) {
    let text: String = "The ministry's figures, pasted from a PDF.\n"
        .chars()
        .cycle()
        .take(PASTE_BYTES)
        .collect();
    let mut group = c.benchmark_group("paste_5MiB");
    group.sample_size(10);
    for (field, keys) in [
        ("wording", "e"),
        ("claimant", "a"),
        ("explanation", "E"),
        ("search", "/"),
        ("source_picker", "l"),
        ("palette", ":"),
    ] {
        group.bench_function(field, |b| {
            b.iter_batched(
                || state_after(keys),
                |mut state| {
                    state.update(Action::Paste(text.clone()));
                    black_box(state)
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, paste);
criterion_main!(benches);
