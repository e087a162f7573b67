//! `factdesk import`: a web page, Markdown or text file to a new verdict file, with a
//! summary; and `factdesk check` noticing when the imported file changed.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn factdesk(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(args)
        .output()
        .unwrap()
}

fn import(file: &Path, extra: &[&str]) -> Output {
    let mut args = vec![std::ffi::OsStr::new("import"), file.as_os_str()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    factdesk(&args)
}

const PAGE: &str = "<!doctype html><html lang=en><head>\
    <title>Ferry strike \u{1b}]0;owned\u{7} goes on</title>\
    <link rel=canonical href=\"https://news.example/ferry\">\
    <meta property=\"article:published_time\" content=\"2024-03-01\">\
    <script>var x = 'SCRIPT TEXT';</script></head><body><article>\
    <p>The union said the strike would go on until Friday, and the company said it had \
    cancelled every crossing, according to <a href=\"https://stats.example/f\">the figures</a>.</p>\
    <p>Passengers were told to travel by air or wait until next week for a crossing.</p>\
    <p>Keep reading:</p></article></body></html>";

/// Import prints the title, URL, date, words and residue lines, without control bytes,
/// and writes a verdict file that holds the extracted text and the original's identity.
#[test]
fn import_html_prints_a_summary_and_writes_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("ferry.html");
    fs::write(&page, PAGE).unwrap();
    let out = import(&page, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for expected in [
        "format:    html",
        "URL:       https://news.example/ferry",
        "published: 2024-03-01",
        "words:",
        "residue:   1 line",
        "read more",
        "Keep reading:",
    ] {
        assert!(stdout.contains(expected), "{expected} missing in\n{stdout}");
    }
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );

    let saved = dir.path().join("ferry.factdesk.json");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&saved).unwrap()).unwrap();
    let article = &json["article"];
    let text = article["text"].as_str().unwrap();
    assert!(text.starts_with("The union said"), "{text}");
    assert!(!text.contains("SCRIPT TEXT") && !text.contains("<p>"));
    assert_eq!(article["origin"]["format"], "html");
    assert_eq!(article["origin"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(article["links"][0]["url"], "https://stats.example/f");
    assert_eq!(article["residue"][0]["kind"], "read_more");
    assert_eq!(article["meta"]["provenance"]["url"], "link rel=canonical");

    // The file validates against the schema and passes check; a changed page is noticed.
    let schema: serde_json::Value = serde_json::from_str(factdesk::store::SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&json));
    let check = |p: &Path| factdesk(&[std::ffi::OsStr::new("check"), p.as_os_str()]);
    assert_eq!(check(&saved).status.code(), Some(0));
    fs::write(&page, PAGE.replace("Friday", "Monday")).unwrap();
    let changed = check(&saved);
    let report = String::from_utf8_lossy(&changed.stdout);
    assert_eq!(changed.status.code(), Some(1), "{report}");
    assert!(report.contains("changed since it was imported"), "{report}");
}

/// An existing verdict file is never replaced; -o and --format choose the output and the
/// reader; a missing file is a clear error.
#[test]
fn import_refuses_to_replace_and_honours_options() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("notes.txt");
    fs::write(
        &md,
        "# Heading\n\nSome **bold** [link](https://l.example/).",
    )
    .unwrap();
    let out_path = dir.path().join("out.factdesk.json");
    let out = import(
        &md,
        &["--format", "markdown", "-o", out_path.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(json["article"]["text"], "Heading\n\nSome bold link.");
    let before = fs::read(&out_path).unwrap();
    let again = import(&md, &["-o", out_path.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(fs::read(&out_path).unwrap(), before, "nothing was replaced");
    let missing = import(&dir.path().join("nope.html"), &[]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));
}
