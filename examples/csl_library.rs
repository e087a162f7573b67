//! Prints a deterministic CSL-JSON library of N news-like items (default 1,000), for trying
//! `factdesk sources import` and for comparing the picker with other tools on the same data:
//!
//!     cargo run --release --example csl_library -- 1000 > library.json
//!     factdesk sources import library.json --into case.factdesk.json

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let library = factdesk::csl::generate_library(n, 42);
    match serde_json::to_string_pretty(&library) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("csl_library: {e}");
            std::process::exit(2);
        }
    }
}
