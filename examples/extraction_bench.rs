//! The article-extraction benchmark: extracts every page of
//! `../shared/testdata/extraction/html/*.html.gz` the way `factdesk import` does, writes the
//! benchmark's `output/factdesk.json` into a temporary folder beside a copy of its
//! `ground-truth.json`, and runs its own scorer (`evaluate.py`, 4-gram shingle F1) there.
//!
//! `cargo run --release --example extraction_bench [-- DATA_DIR]`
//!
//! Prints the scorer's table and one summary line:
//! `extraction: F1 0.951 over 136 pages, median 2.7 ms/page (p90 …)`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use factdesk::text::ingest::{self, Format};

fn main() -> ExitCode {
    let data = std::env::args().nth(1).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/extraction"),
        PathBuf::from,
    );
    match run(&data) {
        Ok(report) => {
            print!("{}", report.table);
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("extraction_bench: {e}");
            ExitCode::from(2)
        }
    }
}

/// What one run measured.
pub struct Report {
    /// The scorer's F1 for factdesk's output.
    pub f1: f64,
    pub pages: usize,
    /// Median and 90th percentile of the time to read one page (decode, extract, residue).
    pub median_ms: f64,
    pub p90_ms: f64,
    /// The scorer's printed table.
    pub table: String,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "extraction: F1 {:.3} over {} pages, median {:.1} ms/page (p90 {:.1} ms)",
            self.f1, self.pages, self.median_ms, self.p90_ms
        )
    }
}

/// Extracts every page of `data/html`, scores the output with `data/evaluate.py`.
pub fn run(data: &Path) -> Result<Report, String> {
    let html_dir = data.join("html");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&html_dir)
        .map_err(|e| format!("{}: {e}", html_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    pages.sort();
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    std::fs::create_dir(work.path().join("output")).map_err(|e| e.to_string())?;
    std::fs::copy(
        data.join("ground-truth.json"),
        work.path().join("ground-truth.json"),
    )
    .map_err(|e| format!("ground-truth.json: {e}"))?;

    let mut output = serde_json::Map::new();
    let mut times = Vec::with_capacity(pages.len());
    let mut fell_back = 0;
    for page in &pages {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(page).map_err(|e| e.to_string())?)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{}: {e}", page.display()))?;
        let name = page
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".html.gz"))
            .unwrap_or_default()
            .to_string();
        let started = Instant::now();
        let body = if std::env::var_os("EXTRACTION_BENCH_BARE").is_some() {
            bare(&bytes)
        } else {
            match ingest::ingest(&bytes, Format::Html) {
                Ok(ingested) => {
                    fell_back +=
                        usize::from(ingested.notices.iter().any(|n| n.contains("whole text")));
                    ingested.text
                }
                Err(e) => {
                    eprintln!("{name}: {e}");
                    String::new()
                }
            }
        };
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        output.insert(name, serde_json::json!({ "articleBody": body }));
    }
    let json = serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "output": output,
    });
    std::fs::write(work.path().join("output/factdesk.json"), json.to_string())
        .map_err(|e| e.to_string())?;

    if let Some(keep) = std::env::var_os("EB_OUT") {
        let _ = std::fs::copy(work.path().join("output/factdesk.json"), keep);
    }
    if fell_back > 0 {
        eprintln!("{fell_back} pages had no article found: their whole text was kept");
    }
    let scored = std::process::Command::new("python3")
        .arg(data.join("evaluate.py"))
        .args(["--n-bootstrap", "100", "--output", "metrics.json"])
        .current_dir(work.path())
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !scored.status.success() {
        return Err(format!(
            "evaluate.py failed: {}",
            String::from_utf8_lossy(&scored.stderr)
        ));
    }
    let metrics: serde_json::Value = serde_json::from_slice(
        &std::fs::read(work.path().join("metrics.json")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let f1 = metrics["factdesk"]["f1"]
        .as_f64()
        .ok_or("evaluate.py wrote no F1")?;
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    Ok(Report {
        f1,
        pages: times.len(),
        median_ms: at(0.5),
        p90_ms: at(0.9),
        table: String::from_utf8_lossy(&scored.stdout).into_owned(),
    })
}

/// dom_smoothie alone (Formatted text), for comparison: `EXTRACTION_BENCH_BARE=1`.
fn bare(bytes: &[u8]) -> String {
    let html = String::from_utf8_lossy(bytes);
    let var = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<usize>().ok());
    let mut config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    if std::env::var_os("EB_SMOOTHIE").is_some() {
        config.candidate_select_mode = dom_smoothie::CandidateSelectMode::DomSmoothie;
    }
    if let Some(n) = var("EB_TOP") {
        config.n_top_candidates = n;
    }
    if let Some(n) = var("EB_CHARS") {
        config.char_threshold = n;
    }
    dom_smoothie::Readability::new(html.as_ref(), None, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}
