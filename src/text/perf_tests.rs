//! Release-mode timings on a generated 10 MB text (run with `--release -- --ignored`).

use super::*;
use std::time::Instant;

/// About 10 MB of article-like text: the sample article repeated (or a built-in paragraph).
fn ten_megabytes() -> String {
    let unit = std::fs::read_to_string("/work/shared/sample/musk-putin-article.txt").unwrap_or_else(|_| {
        "“No, it is not. I have only spoken to Putin once,” Musk wrote. Mr. Smith paid $3.5 million.\n\n"
            .to_string()
    });
    let mut s = String::with_capacity(10_500_000);
    while s.len() < 10_000_000 {
        s.push_str(&unit);
        s.push('\n');
    }
    s
}

/// Prints timings of decode, scan_hidden, sentences, wrap(…, 200) and CharIndex on 10 MB.
#[test]
#[ignore = "timing only; run with --release -- --ignored --nocapture"]
fn timing_10mb() {
    let text = ten_megabytes();
    let mb = text.len() as f64 / 1e6;
    let t = Instant::now();
    let d = decode_article(text.as_bytes());
    eprintln!("decode_article: {:?} ({mb:.1} MB)", t.elapsed());
    assert_eq!(d.text.len(), text.len());
    let t = Instant::now();
    let h = scan_hidden(&text);
    eprintln!("scan_hidden:    {:?} ({} hidden)", t.elapsed(), h.count);
    let t = Instant::now();
    let s = sentences(&text);
    eprintln!("sentences:      {:?} ({} sentences)", t.elapsed(), s.len());
    let t = Instant::now();
    let w = wrap(&text, 200);
    eprintln!("wrap(200):      {:?} ({} lines)", t.elapsed(), w.len());
    let t = Instant::now();
    let w80 = wrap(&text, 80);
    eprintln!("wrap(80):       {:?} ({} lines)", t.elapsed(), w80.len());
    let t = Instant::now();
    let idx = CharIndex::new(&text);
    eprintln!(
        "CharIndex::new: {:?} ({} chars)",
        t.elapsed(),
        idx.char_len()
    );
}
