//! Prints the haystacks ("title | publisher | URL") of a generated library of N sources, one
//! per line, so `fzf --filter` can be timed on exactly what factdesk's picker ranks:
//!
//!     cargo run --release --example picker_list -- 100000 > list.txt
//!     hyperfine 'fzf --filter sudd < list.txt'

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let library = factdesk::csl::generate_library(n, 42);
    let Some(items) = library.as_array() else {
        return;
    };
    let field = |item: &serde_json::Value, key: &str| item[key].as_str().unwrap_or("").to_string();
    for item in items {
        let parts = [
            field(item, "title"),
            field(item, "container-title"),
            field(item, "URL"),
        ];
        let line: Vec<String> = parts.into_iter().filter(|s| !s.is_empty()).collect();
        println!("{}", line.join(" | "));
    }
}
