//! Says, once per build of the test profile, when the third-party test data in `../shared`
//! is absent: the tests that need it then skip (each also notes it on stderr).

fn main() {
    println!("cargo:rerun-if-changed=../shared");
    let debug = std::env::var("PROFILE").is_ok_and(|p| p == "debug");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let shared = std::path::Path::new(&manifest).join("../shared");
    if debug && !shared.is_dir() {
        println!(
            "cargo:warning=../shared (third-party test data) is absent: the tests that need it skip"
        );
    }
}
