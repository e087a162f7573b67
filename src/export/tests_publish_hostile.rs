//! Hostile text through the publishing paths: every BLNS string as article metadata,
//! claimant, correction and source details; a huge wording; empty cases.

use serde_json::Value;

use super::tests::demo_case;
use super::*;
use crate::model::{MetaEdit, Name};

fn blns() -> Option<Vec<String>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/testdata/hostile/blns.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(
            text.lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .map(String::from)
                .collect(),
        ),
        Err(_) => {
            eprintln!("SKIP: {} not found", path.display());
            None
        }
    }
}

fn opts() -> ExportOptions {
    ExportOptions {
        base_url: Some("https://check.example/{id}".into()),
        author: Some(Author {
            name: "Check".into(),
            ..Author::default()
        }),
        today: Some("2026-01-05".into()),
        ..ExportOptions::default()
    }
}

/// Each BLNS string, wherever the checker can type it, leaves the ClaimReview valid,
/// publishable JSON (and valid inside a script block), the Markdown free of raw HTML
/// and headings from user text, and CSV rows intact; metadata edits either take the
/// string or refuse it with a reason.
#[test]
fn naughty_strings_everywhere() {
    let Some(strings) = blns() else {
        return;
    };
    for s in &strings {
        let mut case = demo_case();
        let edit = MetaEdit {
            outlet: Some(s.clone()),
            authors: Some(vec![s.clone()]),
            language: Some(s.clone()),
            ..MetaEdit::default()
        };
        let _ = edit.apply(&mut case.article.meta);
        let outlet = MetaEdit {
            outlet: Some(s.clone()),
            ..MetaEdit::default()
        };
        let _ = outlet.apply(&mut case.article.meta);
        case.claims[0].claimant = s.clone();
        case.claims[0].verdict.explanation = format!("{s}\nCorrection 2026-01-09: {s}");
        case.sources[0].author = Name::parse(s).into_iter().collect();
        case.sources[0].issued = s.clone();
        let out = claimreview(&case, &opts()).expect("exports");
        let doc: Value = serde_json::from_str(&out.text).expect("valid JSON");
        assert!(publishable_problems(&doc).is_empty(), "{s:?}");
        let html = html_blocks(&[out.text.as_str()]);
        assert_eq!(html.matches("</script>").count(), 1, "{s:?}");
        let md = markdown(&case);
        let raw_html = md
            .match_indices('<')
            .any(|(i, _)| !md[..i].ends_with('\\') && !md[i..].starts_with("<http"));
        assert!(!raw_html, "{s:?}");
        assert!(
            !md.lines().any(|l| l.starts_with("# ")
                && l.contains(s.as_str())
                && !l.starts_with("# Fact-check")),
            "{s:?}"
        );
        let rows = super::tests_text::parse_csv(&csv(&case));
        assert!(rows.iter().all(|r| r.len() == 21), "{s:?}");
    }
}

/// A 1 MB wording and an empty case export without cutting or failing.
#[test]
fn huge_and_empty() {
    let mut case = demo_case();
    case.claims[0].text = "word ".repeat(200_000);
    let out = claimreview(&case, &opts()).expect("exports");
    let doc: Value = serde_json::from_str(&out.text).unwrap();
    let wording = doc["@graph"][0]["claimReviewed"].as_str().unwrap();
    assert_eq!(wording.len(), "word ".repeat(200_000).trim_end().len());
    let lint = crate::check::lint::lint(&case);
    assert!(
        lint.iter()
            .any(|f| f.kind == crate::check::lint::LintKind::LongWording)
    );
    case.claims.clear();
    case.sources.clear();
    let out = claimreview(&case, &opts()).expect("exports");
    assert!(out.each.is_empty() && out.published.is_empty());
    assert!(markdown(&case).contains("- **Claims:** 0"));
    assert_eq!(csv(&case).lines().count(), 1);
}
