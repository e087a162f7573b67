//! Merging verdict files (`factdesk merge`, git's merge driver): the 10 MB article with
//! 10,000 claims and 1,000 sources (`benches/common/scale_case.rs`), each side rating 100
//! claims and adding 50, one claim rated differently on both (one conflict). Budget: a merge
//! driver that keeps `git merge` interactive, ≤ 1 s for this case. `diff` of the two sides
//! is measured too.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use serde_json::Map;

use factdesk::model::{Case, diff};
use factdesk::store::{self, SavedView};

#[path = "common/scale_case.rs"]
mod scale_case;

/// A side: `offset` picks which claims it rates; its new claims copy existing ones under
/// new ids (and take the next numbers, so the sides' numbers collide).
fn side(base: &Case, offset: usize, tag: &str, rating: &str) -> Case {
    let mut case = base.clone();
    for i in (offset..case.claims.len()).step_by(100).take(100) {
        case.claims[i].verdict.rating = Some(rating.into());
    }
    case.claims[0].verdict.rating = Some(rating.into());
    for i in 0..50 {
        let mut c = case.claims[i * 7].clone();
        c.id = factdesk::model::ClaimId(format!("{tag}{i}"));
        c.number = 0;
        case.insert_claim(c);
    }
    case
}

fn json(case: &Case) -> String {
    store::to_json(case, &SavedView::default(), &Map::new()).expect("saves")
}

fn bench(c: &mut Criterion) {
    let base = scale_case::big_case();
    let labels: Vec<String> = base.scale.labels.iter().map(|l| l.label.clone()).collect();
    let ours = side(&base, 1, "o", &labels[0]);
    let theirs = side(&base, 2, "t", &labels[1]);
    let (b, o, t) = (json(&base), json(&ours), json(&theirs));
    let mut group = c.benchmark_group("merge_10k_claims");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("merge_files", |bench| {
        bench.iter(|| {
            let m =
                store::merge_files(black_box(&b), &o, &t, "2026-01-01T00:00:00Z").expect("merges");
            assert_eq!(m.conflicts.len(), 1);
            m
        })
    });
    group.bench_function("diff", |bench| {
        bench.iter(|| diff::diff(black_box(&ours), &theirs))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
