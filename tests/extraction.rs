//! The extraction benchmark's F1 budget, scored by the benchmark's own `evaluate.py`.
//! (Its time budget is measured by `cargo run --release --example extraction_bench`.)

#[path = "../examples/extraction_bench.rs"]
#[allow(dead_code)]
mod bench;

use std::path::Path;

/// factdesk's HTML extraction scores shingle F1 ≥ 0.95 on the benchmark pages.
#[test]
fn extraction_f1_budget() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/extraction");
    if !data.join("evaluate.py").exists() {
        eprintln!(
            "skipping: {} not found (third-party test data is only in CI)",
            data.display()
        );
        return;
    }
    let report = bench::run(&data).expect("the benchmark runs");
    eprintln!("{report}");
    assert_eq!(report.pages, 136);
    assert!(report.f1 >= 0.95, "{report}\n{}", report.table);
}
