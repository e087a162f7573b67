//! Re-anchoring at scale: 10,000 claims on the 10 MB bench article carried onto a revision
//! with 1 % of its sentences edited. Budget: ≤ 1 s (issue 13).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};

use factdesk::anchor::apply;
use factdesk::anchor::reanchor::Step;
use factdesk::text;

#[path = "common/scale_case.rs"]
mod scale_case;

/// The article with every hundredth sentence edited: a word replaced inside it.
fn revision(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1024);
    let mut last = 0;
    for (k, range) in text::sentences(text).into_iter().enumerate() {
        if k % 100 != 0 {
            continue;
        }
        let sentence = &text[range.clone()];
        let Some(space) = sentence.find(' ') else {
            continue;
        };
        out.push_str(&text[last..range.start + space]);
        out.push_str(" reportedly");
        last = range.start + space;
    }
    out.push_str(&text[last..]);
    out
}

fn bench(c: &mut Criterion) {
    let case = scale_case::big_case();
    let new_text = revision(&case.article.text);
    let mut group = c.benchmark_group("reanchor");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    {
        // Where the time goes, once, on standard error.
        let clock = std::time::Instant::now();
        let reanchorer = factdesk::anchor::reanchor::Reanchorer::new(&case.article.text, &new_text);
        let diffed = clock.elapsed();
        let mut slowest = Vec::new();
        for claim in &case.claims {
            for a in &claim.anchors {
                let t = std::time::Instant::now();
                let out = reanchorer.anchor(a);
                slowest.push((t.elapsed(), out.step));
            }
        }
        let spans = clock.elapsed() - diffed;
        slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
        let by = |s: Step| {
            slowest
                .iter()
                .filter(|x| x.1 == s)
                .map(|x| x.0)
                .sum::<Duration>()
        };
        eprintln!(
            "diff {diffed:?}, spans {spans:?} (moved {:?}, changed {:?}, orphaned {:?}); slowest {:?}",
            by(Step::Moved),
            by(Step::Changed),
            by(Step::Orphaned),
            &slowest[..5.min(slowest.len())]
        );
        let mut probe = case.clone();
        let clock = std::time::Instant::now();
        let reports = apply::onto_new_version(&mut probe, new_text.clone(), None, "t");
        let count = |s: Step| reports.iter().filter(|r| r.step == s).count();
        eprintln!(
            "{:?} in all; {} claims: {} exact, {} moved, {} changed, {} orphaned",
            clock.elapsed(),
            reports.len(),
            count(Step::Exact),
            count(Step::Moved),
            count(Step::Changed),
            count(Step::Orphaned)
        );
    }
    group.bench_function("10k claims, 10 MB, 1 % of sentences edited", |b| {
        b.iter_batched(
            || (case.clone(), new_text.clone()),
            |(mut case, text)| black_box(apply::onto_new_version(&mut case, text, None, "t")),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
