//! Export tests for the text formats: the Markdown report and CSV, escaping and quoting.

use super::tests::{ARTICLE, TITLE, URL, demo_case};
use super::*;

/// The Markdown report has the header, each claim's quote, fields, verdict, explanation and
/// every source with stance, quote, locator, question and links, and the scale at the end.
#[test]
fn markdown_of_demo_case() {
    let md = markdown(&demo_case());
    let expected_start = format!(
        "# Fact-check report: {TITLE}\n\n| No. | Claim | Claimant | Verdict |\n\
         | --- | --- | --- | --- |\n\
         | C3 | Ferry ridership in Lindqvist Harbour fell by 40% between 2019 and 2025. | \
         Lindqvist Harbour council | **False** |\n\
         | C1 | The ferries carried 1.2 million passengers in 2019 and 720,000 in 2025. | \
         Olivia Brandt | **Mostly False** |\n\
         | C2 | The bridge will cut the crossing from 25 minutes to 4. | Pieter Holm | — |\n\n\
         - **Origin:** [{URL}](<{URL}>)\n\
         - **Retrieved:** 2026-01-02T03:00:00Z\n- **Rating scale:** PolitiFact\n\
         - **Claims:** 3 (2 with a verdict)\n"
    );
    assert!(md.starts_with(&expected_start), "{md}");
    let claim1 = "\n## C3 · Ferry ridership in Lindqvist Harbour fell by 40% between 2019 and 2025.\n\n\
        > ferry ridership had fallen by 40% since 2019\n\n\
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
    // A list item stays a list item (explanations may carry lists); the rest is literal.
    assert!(
        md.contains("code?\n1. list\n\\=====\\\nsafe⟨U+202E⟩txt\n"),
        "{md}"
    );
    assert!(
        md.contains("**supports**: Budget papers 2026 (javascript:alert(1))\n"),
        "{md}"
    );
    assert!(md.contains("| True | 6 | a \\| b⏎c |\n"), "{md}");
    assert!(!md.lines().any(|l| l.starts_with("## Injected")));
}

/// The report an editor publishes from: the signature, the URL from the metadata (never
/// a local path), a wording equal to its quote said once, a multi-line quote as one block
/// quote without line glyphs or added quotation marks, the corrections log, and each
/// source's authors and date.
#[test]
fn markdown_for_publishing() {
    let mut case = demo_case();
    case.article.origin.path = Some("/home/me/article.txt".into());
    case.article.meta.url = None;
    let md = markdown_with(&case, &ReportOptions::default());
    assert!(md.contains("- **Origin:** no URL recorded"), "{md}");
    assert!(!md.contains("/home/me"), "{md}");
    case.article.meta.url = Some("https://dailytidings.example/c".into());
    case.article.meta.outlet = Some("Daily Tidings".into());
    let c = &mut case.claims[1];
    c.anchors[0].exact = "“No, it is not.\nI have spoken to him once,”".into();
    c.text = "“No, it is not. I have spoken to him once,”".into();
    c.verdict
        .explanation
        .push_str("\nCorrection 2026-02-01: the rating was True.");
    case.sources[0].author = vec![crate::model::Name::parse("Quist, Amara").unwrap()];
    case.sources[0].issued = "2026-01-02".into();
    let opts = ReportOptions {
        checker: Some("Jane Doe".into()),
        date: Some("2026-03-01".into()),
    };
    let md = markdown_with(&case, &opts);
    assert!(
        md.contains("*Checked by Jane Doe, report of 2026-03-01.*"),
        "{md}"
    );
    assert!(md.contains("- **Origin:** [https://dailytidings.example/c](<https://dailytidings.example/c>)\n- **Outlet:** Daily Tidings\n"), "{md}");
    assert!(
        md.contains("> “No, it is not.\\\n> I have spoken to him once,”\n\n- **Claimant:**"),
        "{md}"
    );
    assert!(!md.contains('⏎') && !md.contains("““"), "{md}");
    assert!(
        md.contains("**Corrections:**\n\n- 2026-02-01: the rating was True.\n"),
        "{md}"
    );
    assert!(!md.contains("Correction 2026"), "{md}");
    assert!(md.contains("(Amara Quist, "), "{md}");
    assert!(md.contains(", 2026-01-02)"), "{md}");
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
        "number,id,position,quote,wording,claimant,claimant_kind,claim_date,status,rating,\
         rating_value,explanation,sources,supports,refutes,context,source_titles,source_urls,\
         date_published,created,updated\r\n"
    ));
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\r'));
    let rows = parse_csv(&text);
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r.len() == 21));
    // The claim number, the claimant's kind (detected: "council") and the claim's date
    // (the article's, which the demo case leaves unknown).
    assert_eq!(
        [&rows[1][0], &rows[1][6], &rows[1][7]],
        ["3", "organization", ""]
    );
    let titles: Vec<&str> = rows[1][16].lines().collect();
    assert_eq!(titles.len(), 2, "{:?}", rows[1][16]);
    assert_eq!(titles[0], "Statement on ferry ridership");
    assert_eq!(rows[1][17], "https://norrsund.example/press/ridership");
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| {
            let mut r = r;
            r.drain(16..19);
            r.drain(6..8);
            r.remove(0);
            r
        })
        .collect();
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

/// `--links` gives one row per link with the link's columns (a claim without links keeps
/// one row with them empty); `--bom` starts the file with a byte-order mark, off by default.
#[test]
fn csv_links_and_bom() {
    let case = demo_case();
    let plain = csv(&case);
    assert!(!plain.starts_with('\u{feff}'));
    let text = csv_with(
        &case,
        CsvOptions {
            links: true,
            bom: true,
        },
    );
    let body = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let rows = parse_csv(body);
    let links: usize = case.claims.iter().map(|c| c.links.len().max(1)).sum();
    assert_eq!(rows.len(), 1 + links);
    assert!(rows.iter().all(|r| r.len() == 28));
    assert_eq!(rows[0][21], "link_stance");
    let first = rows.iter().find(|r| r[1] == "k3x9q2ma").unwrap();
    assert_eq!(
        [&first[21], &first[22], &first[24]],
        ["refutes", "Statement on ferry ridership", "Norrsund Lines"]
    );
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
    assert_eq!(rows[1][4], "'=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(rows[1][5], "'@admin, \"ops\"");
    assert_eq!(rows[1][10], "-1");
    assert!(csv(&case).contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","));
}
