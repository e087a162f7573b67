//! Shared fixtures for the store tests: a case exercising everything the format carries,
//! and a check that saved JSON matches the bundled schema.

mod codec;
mod files;
mod merge;
mod merge_props;
mod one_buffer;
mod props;
mod robust;

use std::path::Path;

use serde_json::{Map, Value, json};

use super::*;
use crate::model::{
    Anchor, Article, Case, Claim, ClaimId, ClaimStatus, Extra, Link, Name, Origin, Scale, Source,
    SourceId, Stance, Verdict,
};

/// The article: accents, an emoji, CJK and curly quotes, on several lines.
pub(super) const TEXT: &str = "Café owners in Zürich said “rents rose 40% in 2023” 🎉.\n\
東京 has 14 million people, the minister claimed.\n\
The mayor said crime fell by half — but the data disagree.\n";

/// A JSON object from a `json!` literal.
pub(super) fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

/// An anchor on the first occurrence of `exact` in `text`, in chars, with 32 chars of context.
pub(super) fn anchor(text: &str, exact: &str) -> Anchor {
    let byte = text.find(exact).expect("exact text is in the article");
    let start = text[..byte].chars().count();
    let end = start + exact.chars().count();
    let chars: Vec<char> = text.chars().collect();
    Anchor {
        start,
        end,
        exact: exact.to_string(),
        prefix: chars[start.saturating_sub(32)..start].iter().collect(),
        suffix: chars[end..(end + 32).min(chars.len())].iter().collect(),
        review: None,
        extra: Extra::new(),
    }
}

/// A claim with the given id anchored on `exact`, unrated.
pub(super) fn claim(id: &str, exact: &str) -> Claim {
    Claim {
        id: ClaimId(id.into()),
        number: 0,
        anchors: vec![anchor(TEXT, exact)],
        text: exact.to_string(),
        claimant: String::new(),
        claimant_guess: None,
        claimant_kind: None,
        made_on: None,
        first_appearance: None,
        status: ClaimStatus::Todo,
        verdict: Verdict::default(),
        links: Vec::new(),
        created: "2026-01-02T03:04:05Z".into(),
        updated: "2026-01-02T03:04:05Z".into(),
        extra: Extra::new(),
    }
}

/// A case with a rated and an unrated claim and unknown fields at every level.
pub(super) fn sample_case() -> Case {
    let mut origin = Origin {
        path: Some("/news/zürich.txt".into()),
        title: Some("Rents “soar”".into()),
        retrieved: Some("2026-01-01T00:00:00Z".into()),
        extra: Extra::new(),
        ..Origin::default()
    };
    origin.extra = obj(json!({"x-origin-note": "from a newer factdesk"}));
    let mut article = Article::new(TEXT.into(), origin);
    article.extra = obj(json!({"x-language": "de", "x-nested": {"a": [1, 2.5, null]}}));
    let mut scale = Scale::default_scale();
    scale.extra = obj(json!({"x-scale-source": "politifact.com"}));
    scale.labels[1].extra = obj(json!({"x-icon": "✓"}));
    let mut case = Case::new(article, scale);

    let mut rated = claim("k3x9q2ma", "rents rose 40% in 2023");
    rated.claimant = "Café owners".into();
    rated.status = ClaimStatus::Reviewed;
    rated.verdict = Verdict {
        rating: Some("Mostly True".into()),
        explanation: "Rents rose 38%.\nSee the city's “Mietpreis” report.\n\n— checked twice"
            .into(),
        rated_at: Some("2026-01-03T10:00:00Z".into()),
        published: None,
        extra: obj(json!({"x-reviewer": "é"})),
    };
    rated.anchors[0].extra = obj(json!({"x-selector": "TextQuoteSelector"}));
    rated.extra = obj(json!({"x-tags": ["economy", "🏠"]}));
    case.insert_claim(rated);

    let mut unrated = claim("c2", "東京 has 14 million people");
    unrated.status = ClaimStatus::Researching;
    unrated.anchors.push(anchor(TEXT, "crime fell by half"));
    case.insert_claim(unrated);

    let mut report = Source::new(
        SourceId("s1".into()),
        "Mietpreisbericht 2023 — “Zürich”",
        "https://example.org/report",
        "2026-01-03",
    );
    report.kind = "report".into();
    report.container_title = "Stadt Zürich".into();
    report.author = vec![
        Name::parse("Müller, Anna").expect("a name"),
        Name::parse("Statistik Stadt Zürich").expect("a name"),
    ];
    report.issued = "2024-02".into();
    report.extra = obj(json!({"x-weight": 0.1, "custom": {"zotero-key": "ABC"}}));
    let mut interview = Source::new(SourceId("s2".into()), "Interview", "", "2026-01-04");
    interview.kind = "interview".into();
    interview.note = "by phone\nsecond line".into();
    case.sources = vec![report, interview];
    let mut link = Link::new(SourceId("s1".into()));
    link.stance = Stance::Refutes;
    link.quote = "Rents rose 38 %\nin the city".into();
    link.locator = "p. 4".into();
    link.question = "How much did rents rise?".into();
    link.extra = obj(json!({"x-confidence": "high"}));
    let first = case
        .claim_index(&ClaimId("k3x9q2ma".into()))
        .expect("claim");
    case.claims[first].links = vec![link, Link::new(SourceId("s2".into()))];
    case.history = vec![json!({"at": "2026-01-03T10:00:00Z", "op": "rate"})];
    case
}

/// A view with a cursor inside the text and an unknown field.
pub(super) fn sample_view() -> SavedView {
    SavedView {
        cursor: 12,
        focus: Some("detail".into()),
        claim: Some(crate::model::ClaimId("c1".into())),
        extra: obj(json!({"x-scroll": 3})),
    }
}

/// Unknown top-level fields.
pub(super) fn sample_extra() -> Map<String, Value> {
    obj(json!({"x-generator": "factdesk 9.9", "x-big": 1e300}))
}

/// The sample case as verdict-file JSON.
pub(super) fn sample_json() -> String {
    to_json(&sample_case(), &sample_view(), &sample_extra()).expect("sample case saves")
}

/// The sample JSON parsed, edited by `edit`, and printed back.
pub(super) fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&sample_json()).expect("sample JSON parses");
    edit(&mut v);
    serde_json::to_string_pretty(&v).expect("prints")
}

/// The schema errors of a JSON text (empty when valid).
pub(super) fn schema_errors(json: &str) -> Vec<String> {
    let schema: Value = serde_json::from_str(SCHEMA).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let instance: Value = serde_json::from_str(json).expect("instance is JSON");
    validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

/// Asserts the file at `path` is valid against the schema.
pub(super) fn assert_file_matches_schema(path: &Path) {
    let json = std::fs::read_to_string(path).expect("saved file reads");
    let errors = schema_errors(&json);
    assert!(errors.is_empty(), "schema errors: {errors:?}");
}
