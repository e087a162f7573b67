//! Export tests for the text formats: the Markdown report and CSV, escaping and quoting.

use super::tests::{ARTICLE, TITLE, URL, demo_case};
use super::*;

/// The Markdown report has the header, each claim's quote, fields, verdict, explanation and
/// every source with stance, quote, locator, question and links, and the scale at the end.
#[test]
fn markdown_of_demo_case() {
    let md = markdown(&demo_case());
    let expected_start = format!(
        "# Fact-check report: {TITLE}\n\n- **Origin:** [{URL}](<{URL}>)\n\
         - **Retrieved:** 2026-01-02T03:00:00Z\n- **Rating scale:** PolitiFact\n\
         - **Claims:** 3 (2 with a verdict)\n"
    );
    assert!(md.starts_with(&expected_start), "{md}");
    let claim1 = "\n## Claim 3 · k3x9q2ma\n\n> ferry ridership had fallen by 40% since 2019\n\n\
        - **Wording:** Ferry ridership in Lindqvist Harbour fell by 40% between 2019 and 2025.\n\
        - **Claimant:** Lindqvist Harbour council\n- **Status:** reviewed\n\
        - **Verdict:** **False** (2 on a scale from 1 to 6)\n\n**Explanation:**\n\n\
        The operator's figures show a 12% fall.\\\nThe council counted weekday commuters only.\n\n\
        **Sources** (0 supporting, 1 refuting, 2 context):\n\n\
        1. **refutes**: [Statement on ferry ridership](<https://norrsund.example/press/ridership>) \
        (Norrsund Lines), archived copy: [archive](<https://web.archive.org/web/2026/https://norrsund.example>)\n   \
        - Quote: Our ridership fell by 12%, not 40%.\n   - Locator: para. 2\n\
        2. **context**: Interview with Dr. Amara Quist\n   - Question: Did the ferries run in 2020?\n\
        3. **context**: ";
    assert!(md.contains(claim1), "{md}");
    assert!(md.contains(
        "- **Verdict:** *not rated yet*\n\n**Explanation:** none yet.\n\n**Sources:** none.\n"
    ));
    assert!(md.contains("1. **supports**: [Budget papers 2026](<https://lindqvist.example/budget.pdf>)\n   - Quote: 1,2 Mio.\n   - Locator: p. 14\n"));
    assert!(md.ends_with(
        "| Pants on Fire | 1 | The statement is not accurate and makes a ridiculous claim. |\n"
    ));
    assert!(md.contains("\n## Rating scale: PolitiFact\n\nHigher values mean more true.\n\n| Label | Value | Description |\n"));
}

/// User text cannot make headings, links, HTML, list items, code blocks or table breaks, and
/// hidden characters show as markers.
#[test]
fn markdown_escapes_user_text() {
    let mut case = demo_case();
    case.claims[0].text = "# Big [click](https://evil.example) <b>x</b> *em* | `c` ![i](j)".into();
    case.claims[0].claimant = "\n## Injected heading\n- item".into();
    case.claims[1].verdict.explanation = "    code?\n1. list\n=====\nsafe\u{202e}txt".into();
    case.sources[1].url = "javascript:alert(1)".into();
    case.scale.labels[0].description = "a | b\nc".into();
    let md = markdown(&case);
    assert!(md.contains(
        "- **Wording:** \\# Big \\[click\\](https://evil.example) \\<b\\>x\\</b\\> \\*em\\* \\| \\`c\\` \\!\\[i\\](j)\n"
    ), "{md}");
    assert!(
        md.contains("- **Claimant:** \\#\\# Injected heading⏎- item\n"),
        "{md}"
    );
    assert!(
        md.contains("code?\\\n1\\. list\\\n\\=====\\\nsafe⟨U+202E⟩txt\n"),
        "{md}"
    );
    assert!(
        md.contains("**supports**: Budget papers 2026 (javascript:alert(1))\n"),
        "{md}"
    );
    assert!(md.contains("| True | 6 | a \\| b⏎c |\n"), "{md}");
    assert!(!md.lines().any(|l| l.starts_with("## Injected")));
}

/// A minimal RFC 4180 reader for the tests: records of fields, CRLF or LF line ends.
pub(super) fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// The CSV has the header and one row per claim with the documented columns and counts.
#[test]
fn csv_of_demo_case() {
    let case = demo_case();
    let text = csv(&case);
    assert!(text.starts_with(
        "id,position,quote,wording,claimant,status,rating,rating_value,explanation,sources,\
         supports,refutes,context,created,updated\r\n"
    ));
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\r'));
    let rows = parse_csv(&text);
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r.len() == 15));
    let position = ARTICLE[..ARTICLE.find("ferry ridership had").unwrap()]
        .chars()
        .count();
    assert_eq!(
        rows[1],
        [
            "k3x9q2ma",
            position.to_string().as_str(),
            "ferry ridership had fallen by 40% since 2019",
            "Ferry ridership in Lindqvist Harbour fell by 40% between 2019 and 2025.",
            "Lindqvist Harbour council",
            "reviewed",
            "False",
            "2",
            "The operator's figures show a 12% fall.\nThe council counted weekday commuters only.",
            "3",
            "0",
            "1",
            "2",
            "2026-01-02T03:04:05Z",
            "2026-01-03T10:00:00Z",
        ]
    );
    assert_eq!(rows[2][0], "p7wq3n");
    assert_eq!(&rows[2][5..8], ["researching", "Mostly False", "3"]);
    assert_eq!(&rows[3][5..12], ["todo", "", "", "", "0", "0", "0"]);
    assert!(text.contains(",\"The operator's figures show a 12% fall.\nThe council"));
}

/// Fields with commas, quotes and line breaks are quoted with quotes doubled; fields that
/// start like a formula get an apostrophe, computed negative numbers do not.
#[test]
fn csv_quoting_and_formula_guard() {
    assert_eq!(csv::quote("plain"), "plain");
    assert_eq!(csv::quote("a,b"), "\"a,b\"");
    assert_eq!(csv::quote("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv::quote("two\nlines"), "\"two\nlines\"");
    assert_eq!(csv::quote("cr\rhere"), "\"cr\rhere\"");
    for (raw, guarded) in [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@x", "'@x"),
    ] {
        assert_eq!(csv::guard(raw), guarded);
    }
    assert_eq!(csv::guard("a=b"), "a=b");

    let mut case = demo_case();
    case.claims[0].text = "=HYPERLINK(\"http://evil\",\"x\")".into();
    case.claims[0].claimant = "  @admin, \"ops\"".into();
    case.scale.labels[4].value = -1;
    let rows = parse_csv(&csv(&case));
    assert_eq!(rows[1][3], "'=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(rows[1][4], "'@admin, \"ops\"");
    assert_eq!(rows[1][7], "-1");
    assert!(csv(&case).contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","));
}
