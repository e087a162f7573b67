//! A large verdict file (read from one buffer, the article's text unescaped in place)
//! loads exactly as the careful path loads its text, and fails with the careful path's
//! message.

use std::fs;
use std::path::Path;

use super::*;

/// Every kind of char the writer escapes or keeps, repeated past the one-buffer size.
fn hard_text() -> String {
    let line = "Quote \" backslash \\ slash / tab \t cr \r nl \n bell \u{7} esc \u{1b} \
                del \u{7f} c1 \u{9b} bidi \u{202e} sep \u{2028} é 😀 東京 \u{0} end.\n";
    format!("{TEXT}{}", line.repeat(5 << 20 >> 7))
}

/// A case with `text` as its article and the sample's claims anchored in it.
fn big_case(text: String) -> Case {
    let mut case = sample_case();
    case.article = Article::new(text, case.article.origin.clone());
    case
}

/// What the careful path makes of the file at `path`.
fn careful(path: &Path) -> Result<Loaded, String> {
    let text = fs::read_to_string(path).expect("reads");
    from_json(&text).map_err(|e| e.with_path(path).to_string())
}

/// The case of [`hard_text`] saved in a new directory (kept alive by the first value).
fn saved_hard_case() -> (tempfile::TempDir, std::path::PathBuf, Case) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.factdesk.json");
    let case = big_case(hard_text());
    save(&path, &case, &sample_view(), &sample_extra()).expect("saves");
    (dir, path, case)
}

/// Loads `path` both ways and checks they agree; returns the load.
fn both_ways(path: &Path) -> Result<Loaded, String> {
    let loaded = load(path).map_err(|e| e.to_string());
    assert_eq!(loaded, careful(path), "{}", path.display());
    loaded
}

/// The article's text goes through the one buffer intact: every escape the writer makes
/// and raw chars of every width; the rest of the case and unknown fields too.
#[test]
fn one_buffer_equals_careful_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.factdesk.json");
    let mut case = big_case(hard_text());
    // Every top-level part of the file, the suggestions' dismissals and a claim's guess too.
    case.suggestions.dismissed.push(crate::model::Dismissal {
        start: 0,
        end: 4,
        exact: TEXT.chars().take(4).collect(),
        extra: Default::default(),
    });
    case.claims[0].claimant_guess = Some("Musk".into());
    save(&path, &case, &sample_view(), &sample_extra()).expect("saves");
    let bytes = fs::read(&path).expect("reads");
    assert!(bytes.len() > 4 << 20);
    let (_, range) = super::super::one_buffer::parse(&bytes).expect("taken by the one buffer");
    let text = super::super::one_buffer::into_text(bytes, range).expect("unescapes");
    assert_eq!(text, case.article.text);
    let loaded = both_ways(&path).expect("loads");
    assert_eq!(loaded.case, case);
    assert_eq!(loaded.view, sample_view());
    assert_eq!(loaded.extra, sample_extra());
}

/// Escapes written by another program (`\u` for plain letters, surrogate pairs, `\/`)
/// decode as serde_json decodes them.
#[test]
fn hand_written_escapes_decode_alike() {
    let (_dir, path, case) = saved_hard_case();
    let json = fs::read_to_string(&path).expect("reads");
    let edited = json
        .replacen("Quote", "\\u0051u\\u006Fte", 3)
        .replacen("😀", "\\ud83d\\ude00", 3)
        .replacen("slash /", "slash \\/", 3)
        .replacen("é", "\\u00e9", 3);
    fs::write(&path, edited).expect("writes");
    let loaded = both_ways(&path).expect("loads");
    assert_eq!(loaded.case.article.text, case.article.text);
}

/// `s` up to the char boundary at or before `at`.
fn cut(s: &str, at: usize) -> String {
    let at = (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
    s[..at].to_string()
}

/// Broken or odd large files fare as on the careful path, never a panic: a lone
/// surrogate in the text, a text that is not a string, a number that underflows, another
/// version and truncation fail with its message; duplicate keys load as it loads them.
#[test]
fn broken_large_files_fail_as_the_careful_path_says() {
    let (_dir, path, _) = saved_hard_case();
    let json = fs::read_to_string(&path).expect("reads");
    let text_at = json.find("\"text\": \"").expect("the article text");
    let cases: Vec<(&str, String)> = vec![
        ("lone surrogate", json.replacen("end.", "\\ud800 end.", 1)),
        (
            "reversed pair",
            json.replacen("end.", "\\ude00\\ud83d end.", 1),
        ),
        (
            "text not a string",
            format!(
                "{}\"text\": 5, \"x\": \"{}",
                &json[..text_at],
                &json[text_at + 9..]
            ),
        ),
        (
            "duplicate claims",
            json.replacen("\"claims\": [", "\"claims\": [], \"claims\": [", 1),
        ),
        (
            "duplicate text",
            json.replacen("\"text\": \"", "\"text\": \"a\", \"text\": \"", 1),
        ),
        (
            "underflow",
            json.replacen("\"version\": 3,", "\"version\": 3, \"x-n\": 1e-400,", 1),
        ),
        (
            "newer version",
            json.replacen("\"version\": 3", "\"version\": 9", 1),
        ),
        (
            "claim id used twice",
            json.replacen("\"id\": \"c2\"", "\"id\": \"k3x9q2ma\"", 1),
        ),
        (
            "unknown rating",
            json.replacen("\"rating\": \"Mostly True\"", "\"rating\": \"Meh\"", 1),
        ),
        ("truncated in the text", cut(&json, text_at + 4_500_000)),
        ("truncated in the claims", cut(&json, json.len() - 400)),
    ];
    for (what, bytes) in cases {
        fs::write(&path, &bytes).expect("writes");
        assert!(bytes.len() > 4 << 20, "{what}");
        let result = both_ways(&path);
        match what {
            "duplicate claims" | "duplicate text" => {}
            "unknown rating" => {
                let warnings = result.expect("loads").warnings;
                assert!(
                    warnings
                        .iter()
                        .any(|w| matches!(w, LoadWarning::UnknownRating { .. })),
                    "{warnings:?}"
                );
            }
            _ => assert!(result.is_err(), "{what}"),
        }
    }
}

/// A large file that is not UTF-8, in its text or in a claim, is refused with the offset
/// of the first bad byte, as a small one is.
#[test]
fn large_files_that_are_not_utf8_say_where() {
    let (_dir, path, _) = saved_hard_case();
    let json = fs::read(&path).expect("reads");
    let find = |needle: &[u8]| json.windows(needle.len()).position(|w| w == needle);
    let in_text = find("東京".as_bytes()).expect("in the text") + 1_000_000;
    let in_text = in_text
        + json[in_text..]
            .iter()
            .position(|&b| b == b' ')
            .expect("a space");
    // The é of a claimant, after the text.
    let in_claim = find_last(&json, "Café".as_bytes()).expect("a claimant") + 3;
    assert!(in_claim > in_text);
    for at in [in_text, in_claim] {
        let mut bytes = json.clone();
        bytes[at] = 0xff;
        fs::write(&path, &bytes).expect("writes");
        let err = load(&path).unwrap_err();
        assert!(
            matches!(err, LoadError::NotUtf8 { offset, .. } if offset == at),
            "{at}: {err}"
        );
    }
}

/// Where `needle` last starts in `haystack`.
fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Claims parsed on several threads come back as one parse gives them, in order; one that
/// does not parse, in any part, refuses the lot (the careful path then says why).
#[test]
fn claims_split_over_threads_parse_alike() {
    let case = sample_case();
    let json: Vec<String> = (0..7)
        .flat_map(|_| case.claims.iter())
        .map(|c| serde_json::to_string(c).expect("serialises"))
        .collect();
    let raw: Vec<&serde_json::value::RawValue> = json
        .iter()
        .map(|j| serde_json::from_str(j).expect("raw"))
        .collect();
    let whole = super::super::one_buffer::claims_on(&raw, 1).expect("parses");
    assert_eq!(whole.len(), raw.len());
    for threads in [2, 3, raw.len(), raw.len() + 5] {
        assert_eq!(
            super::super::one_buffer::claims_on(&raw, threads).as_ref(),
            Some(&whole),
            "{threads} threads"
        );
    }
    let broken = serde_json::from_str::<&serde_json::value::RawValue>(r#"{"id": 5}"#).expect("raw");
    for at in [0, raw.len() / 2, raw.len() - 1] {
        let mut with_bad = raw.clone();
        with_bad[at] = broken;
        assert_eq!(
            super::super::one_buffer::claims_on(&with_bad, 3),
            None,
            "bad claim at {at}"
        );
    }
}
