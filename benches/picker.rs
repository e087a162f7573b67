//! The fuzzy source picker on generated libraries of 1k, 10k and 100k sources.
//!
//! Budgets (QUALITY.md): with 10,000 sources a keystroke's filter and render fit in 16 ms;
//! with 100,000 typing never blocks. The UI scores at most `PICKER_BUDGET` items per
//! keystroke or tick, so `keystroke` is what one key costs before the next frame, and
//! `complete` is how long until the full ranking is there.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use factdesk::app::PICKER_BUDGET;
use factdesk::picker::Picker;

/// Haystacks as the picker sees them: "title | publisher | URL" of generated sources.
fn haystacks(n: usize) -> Vec<String> {
    let library = factdesk::csl::generate_library(n, 42);
    let field = |item: &serde_json::Value, key: &str| item[key].as_str().unwrap_or("").to_string();
    library
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| {
                    [
                        field(item, "title"),
                        field(item, "container-title"),
                        field(item, "URL"),
                    ]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" | ")
                })
                .collect()
        })
        .unwrap_or_default()
}

fn complete(picker: &mut Picker, query: &str) -> usize {
    picker.set_query(query);
    while !picker.step(usize::MAX) {}
    picker.matches().len()
}

fn picker(c: &mut Criterion) {
    for size in [1_000, 10_000, 100_000] {
        let mut picker = Picker::new(haystacks(size));
        let mut group = c.benchmark_group(format!("picker_{size}"));
        if size == 100_000 {
            group.sample_size(10);
        }
        for query in ["r", "sudd", "reuters"] {
            group.bench_with_input(BenchmarkId::new("complete", query), query, |b, q| {
                b.iter(|| {
                    complete(&mut picker, "");
                    complete(&mut picker, black_box(q))
                })
            });
        }
        // One keystroke on the UI path: the query grows by a letter, one bounded slice.
        group.bench_function("keystroke_first_slice", |b| {
            b.iter(|| {
                picker.set_query("");
                picker.set_query(black_box("r"));
                picker.step(PICKER_BUDGET);
                picker.matches().len()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, picker);
criterion_main!(benches);
