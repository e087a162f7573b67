//! Suggestions (issue 14): scoring every sentence of a 10 MB article (budget ≤ 100 ms, off
//! the UI thread), and "seen before" against 5,000 other cases of 10 claims each. Data is
//! generated deterministically (`benches/common/scale_case.rs`); nothing is committed.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};

use factdesk::seen::{Index, Record};
use factdesk::text::{self, checkworthy};

#[path = "common/scale_case.rs"]
mod scale_case;

fn scoring(c: &mut Criterion) {
    let text = scale_case::article(scale_case::ARTICLE_BYTES);
    let sentences = text::sentences(&text);
    let model = checkworthy::Model::embedded().expect("the embedded model");
    let mut group = c.benchmark_group("suggest");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("score 10 MB article (sentences given)", |b| {
        b.iter(|| black_box(checkworthy::score_sentences(model, &text, &sentences, &[])))
    });
    group.bench_function("suggestions of 10 MB article (with segmentation)", |b| {
        b.iter(|| black_box(checkworthy::suggestions(&text, &[])))
    });
    group.finish();
}

/// 50,000 claims of 5,000 cases: sentences of the generated article as claim wordings.
fn records() -> Vec<Record> {
    let text = scale_case::article(8 << 20);
    text::sentences(&text)
        .into_iter()
        .take(50_000)
        .enumerate()
        .map(|(i, r)| Record {
            file: PathBuf::from(format!("case-{:04}.factdesk.json", i / 10)),
            label: format!("C{}", i % 10 + 1),
            text: text[r].to_string(),
            rating: Some("False".into()),
        })
        .collect()
}

fn seen_before(c: &mut Criterion) {
    let records = records();
    let query = records[records.len() / 2].text.clone();
    let mut group = c.benchmark_group("seen");
    group.sample_size(10);
    group.bench_function("index 50k claims of 5k cases", |b| {
        b.iter(|| black_box(Index::new(records.clone())))
    });
    let index = Index::new(records);
    group.bench_function("best match among 50k claims", |b| {
        b.iter(|| black_box(index.best(&query, None).map(|m| m.similarity)))
    });
    group.finish();
}

criterion_group!(benches, scoring, seen_before);
criterion_main!(benches);
