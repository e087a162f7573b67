//! Timings of the text pipeline on about 10 MB of article text: decode, hidden-character
//! scan, sentences, wrapping at 200 and 80 columns, the char index. A measuring script, not
//! a test: it asserts nothing about time (the budgets are checked by `benches/`).
//!
//!     cargo run --release --example text_timings
//!
//! The text is the shared sample article (`../shared/sample/musk-putin-article.txt`)
//! repeated, or a built-in paragraph when that is absent.

use std::path::Path;
use std::time::Instant;

use factdesk::text::{CharIndex, decode_article, scan_hidden, sentences, wrap};

/// About 10 MB of article-like text: the sample article repeated (or a built-in paragraph).
fn ten_megabytes() -> String {
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/sample/musk-putin-article.txt");
    let unit = std::fs::read_to_string(&sample).unwrap_or_else(|_| {
        eprintln!("{} is absent: using a built-in paragraph", sample.display());
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

fn main() {
    let text = ten_megabytes();
    let mb = text.len() as f64 / 1e6;
    let t = Instant::now();
    let d = decode_article(text.as_bytes());
    println!("decode_article: {:?} ({mb:.1} MB)", t.elapsed());
    assert_eq!(d.text.len(), text.len(), "valid UTF-8 decodes unchanged");
    let t = Instant::now();
    let h = scan_hidden(&text);
    println!("scan_hidden:    {:?} ({} hidden)", t.elapsed(), h.count);
    let t = Instant::now();
    let s = sentences(&text);
    println!("sentences:      {:?} ({} sentences)", t.elapsed(), s.len());
    let t = Instant::now();
    let w = wrap(&text, 200);
    println!("wrap(200):      {:?} ({} lines)", t.elapsed(), w.len());
    let t = Instant::now();
    let w80 = wrap(&text, 80);
    println!("wrap(80):       {:?} ({} lines)", t.elapsed(), w80.len());
    let t = Instant::now();
    let idx = CharIndex::new(&text);
    println!(
        "CharIndex::new: {:?} ({} chars)",
        t.elapsed(),
        idx.char_len()
    );
}
