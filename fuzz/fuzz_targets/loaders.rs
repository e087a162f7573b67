//! Fuzz target over both loaders: the article loader (decode, then every structure the
//! display builds from the text) and the verdict-file loader (`store::from_json` and
//! `factdesk check`). Any panic is a bug.
//!
//! Run on stable: `cargo fuzz run -s none loaders` (see the README's development section).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Article loader: bytes → text → sentences, wrapped lines, hidden-character report.
    let decoded = factdesk::text::decode_article(data);
    let text = decoded.text.as_str();
    let width = usize::from(data.first().copied().unwrap_or(80));
    let _ = factdesk::text::sentences(text);
    let lines = factdesk::text::wrap(text, width);
    for line in lines.iter().take(64) {
        let _ = factdesk::text::column_to_byte(text, line.clone(), width / 2);
    }
    let _ = factdesk::text::scan_hidden(text);
    let _ = factdesk::text::clean_block(text);

    // Verdict-file loader: the loader on the text, and the checker on the raw bytes.
    let json = String::from_utf8_lossy(data);
    let loaded = factdesk::store::from_json(&json);
    let report = factdesk::check::check_bytes(data);
    assert!((0..=2).contains(&report.exit_code()));
    // Whatever loads can be saved again (to_json itself checks it loads back identically).
    if let Ok(loaded) = loaded {
        let _ = factdesk::store::orphans(&loaded.case);
        if let Err(e) = factdesk::store::to_json(&loaded.case, &loaded.view, &loaded.extra) {
            panic!("a file that loads cannot be saved again: {e}");
        }
    }
});
