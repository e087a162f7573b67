//! Hostile text in every published field: ClaimReview stays one inert `<script>` element,
//! URLs carry no hidden characters.

use serde_json::Value;

use super::tests::demo_case;
use super::*;
use crate::model::{Label, Scale};

/// Every BLNS string (plus a few crafted ones) from the shared data, one per line.
fn hostile_strings() -> Option<Vec<String>> {
    let path = crate::test_support::shared("testdata/hostile/blns.txt")?;
    let text = std::fs::read_to_string(path).expect("blns.txt is UTF-8");
    let mut lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    lines.extend(
        [
            "</script><script>alert(1)</script>",
            "<!-- <script>",
            "</SCRIPT >\u{2028}\u{2029}",
            "\u{202E}evil\u{9B}31m",
        ]
        .map(String::from),
    );
    Some(lines)
}

/// The JSON-LD as a page embeds it: inside `<script type="application/ld+json">`.
fn embedded(json: &str) -> String {
    format!("<html><head><script type=\"application/ld+json\">{json}</script></head></html>")
}

/// With every hostile string as wording, claimant, author, article title and scale label,
/// the ClaimReview holds no `<` at all — so an HTML parser sees exactly one script element
/// that ends where the page ends it — and parses to the same JSON as plain serde_json.
#[test]
fn claimreview_is_one_inert_script_element() {
    let Some(strings) = hostile_strings() else {
        return;
    };
    for s in &strings {
        let mut case = demo_case();
        case.article.origin.title = Some(s.clone());
        case.claims[0].text = s.clone();
        case.claims[0].claimant = s.clone();
        let mut labels = case.scale.labels.clone();
        let rated = case.claims[0]
            .verdict
            .rating
            .clone()
            .expect("demo claim is rated");
        if let Some(l) = labels.iter_mut().find(|l| l.label == rated) {
            l.label = format!("{rated} {s}");
        }
        case.claims[0].verdict.rating = Some(format!("{rated} {s}"));
        case.scale = Scale {
            labels: labels.into_iter().map(|l| Label { ..l }).collect(),
            ..case.scale.clone()
        };
        let opts = ExportOptions {
            base_url: Some("https://checks.example/{id}".into()),
            author: Some(Author {
                name: s.clone(),
                kind: AuthorKind::Organization,
                ..Author::default()
            }),
            date_published: Some("2026-01-05".into()),
            today: None,
        };
        let Ok(out) = claimreview(&case, &opts) else {
            continue; // a string the scale refuses as a label
        };
        assert!(!out.text.contains('<') && !out.text.contains('>'), "{s:?}");
        let page = embedded(&out.text);
        assert_eq!(page.matches("<script").count(), 1, "{s:?}");
        assert_eq!(page.matches("</script").count(), 1, "{s:?}");
        let ours: Value = serde_json::from_str(&out.text).expect("valid JSON");
        let plain = serde_json::to_string(&ours).expect("serialises");
        assert_eq!(serde_json::from_str::<Value>(&plain).expect("json"), ours);
        assert!(
            !out.text
                .chars()
                .any(|c| matches!(c, '\u{80}'..='\u{9F}' | '\u{202A}'..='\u{202E}' | '\u{2028}' | '\u{2029}')),
            "{s:?}"
        );
    }
}

/// A URL from an imported library with a bidi override, a C1 control, spaces or quotes is
/// published percent-encoded; anything but http(s) is not published as a URL.
#[test]
fn urls_are_percent_encoded() {
    assert_eq!(
        web_url(" https://a.example/x\u{202E}y z\"\u{9B} ").as_deref(),
        Some("https://a.example/x%E2%80%AEy%20z%22%C2%9B")
    );
    assert_eq!(
        web_url("https://a.example/ok?q=1").as_deref(),
        Some("https://a.example/ok?q=1")
    );
    assert_eq!(web_url("javascript:alert(1)"), None);
    assert_eq!(web_url("https://"), None);
    let mut case = demo_case();
    case.sources[0].url = "https://evil.example/\u{202E}fdp.exe\u{1b}]52;c;x\u{7}".into();
    let md = markdown(&case);
    assert!(
        md.contains("https://evil.example/%E2%80%AEfdp.exe%1B]52;c;x%07"),
        "{md}"
    );
    assert!(!md.contains('\u{202E}') && !md.contains('\u{1b}'));
}
