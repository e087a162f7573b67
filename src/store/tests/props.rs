//! Property tests: any case the model can express saves and loads back identically.
//!
//! Non-finite numbers cannot occur in the model. Its only numbers are integers
//! (`Label::value: i32`, anchor offsets and the cursor: `usize`); everything else numeric
//! lives in `serde_json::Value`s (unknown fields, `history`), and a `Value` cannot hold NaN
//! or infinity: `serde_json::Number::from_f64` returns `None` for them and
//! `Value::from(f64::NAN)` is `Value::Null`. On the way in, the parser refuses numbers
//! beyond f64 (`1e400`) as a syntax error. So "NaN saved as null" (serde-rs/json #202)
//! cannot happen to a verdict file; the tests at the bottom show each step.
//!
//! Cases per property: 64, or `PROPTEST_CASES` when set.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{Map, Number, Value};

use super::*;
use crate::model::{
    Anchor, Article, Case, Claim, ClaimId, ClaimStatus, Extra, Label, Link, Name, Origin, Scale,
    Source, SourceId, Stance, Verdict,
};

/// 64 cases, or `PROPTEST_CASES`; no regression files written into the source tree.
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Any char, with the troublesome ones made likely: controls (C0, DEL, C1, CR, tab,
/// newline), bidi controls, zero-width characters, BOM, emoji (with a ZWJ and a variation
/// selector), CJK, combining marks and the replacement character.
fn any_char() -> impl Strategy<Value = char> {
    let special = prop::sample::select(vec![
        '\0',
        '\u{1}',
        '\u{7}',
        '\u{8}',
        '\t',
        '\n',
        '\r',
        '\u{1b}',
        '\u{7f}',
        '\u{80}',
        '\u{9b}',
        '\u{9f}',
        '\u{200b}',
        '\u{200c}',
        '\u{200d}',
        '\u{2060}',
        '\u{feff}',
        '\u{202a}',
        '\u{202b}',
        '\u{202c}',
        '\u{202d}',
        '\u{202e}',
        '\u{2066}',
        '\u{2067}',
        '\u{2068}',
        '\u{2069}',
        '\u{200e}',
        '\u{200f}',
        '\u{61c}',
        '🎉',
        '👩',
        '🏽',
        '\u{fe0f}',
        '東',
        '京',
        '語',
        '한',
        'é',
        '\u{301}',
        '\u{fffd}',
        '"',
        '\\',
        '/',
        ' ',
        '\u{a0}',
        '\u{2028}',
        '\u{2029}',
        '\u{10ffff}',
    ]);
    prop_oneof![
        3 => special,
        2 => proptest::char::range(' ', '~'),
        1 => any::<char>(),
    ]
}

/// An arbitrary Unicode string of up to `max` chars (empty included).
fn text(max: usize) -> impl Strategy<Value = String> {
    vec(any_char(), 0..=max).prop_map(|cs| cs.into_iter().collect())
}

/// A key for an unknown field: arbitrary Unicode after `x-`, so it never clashes with a
/// known field (a clash is refused at save, tested elsewhere).
fn extra_key() -> impl Strategy<Value = String> {
    text(6).prop_map(|s| format!("x-{s}"))
}

/// Any JSON value, at most 3 levels deep: null, booleans, integers (signed and unsigned,
/// to the extremes), finite floats, strings, arrays and objects.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        text(8).prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            vec((text(6), inner), 0..4).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Unknown fields for one struct.
fn extra() -> impl Strategy<Value = Extra> {
    vec((extra_key(), json_value()), 0..3).prop_map(|kv| kv.into_iter().collect::<Map<_, _>>())
}

/// An optional string.
fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text(12))
}

/// A valid id (1–64 of `[a-z0-9_-]`), made unique by its index.
fn id(i: usize) -> impl Strategy<Value = String> {
    "[a-z0-9_-]{1,50}".prop_map(move |s| format!("{s}{i}"))
}

/// A valid scale: 1–4 labels with distinct names, non-blank keys, `#rrggbb` colours, any
/// values and descriptions.
fn scale() -> impl Strategy<Value = Scale> {
    let label = (
        text(10),
        text(3),
        any::<i32>(),
        "#[0-9a-fA-F]{6}",
        text(20),
        extra(),
    );
    (text(12), vec(label, 1..=4), extra()).prop_map(|(name, labels, extra)| Scale {
        name,
        labels: labels
            .into_iter()
            .enumerate()
            .map(
                |(i, (label, key, value, colour, description, extra))| Label {
                    label: format!("{label}#{i}"),
                    key: format!("{key}k"),
                    value,
                    colour,
                    description,
                    extra,
                },
            )
            .collect(),
        extra,
    })
}

/// A name: family/given/literal, each possibly empty.
fn name() -> impl Strategy<Value = Name> {
    (text(8), text(8), text(8), extra()).prop_map(|(family, given, literal, extra)| Name {
        family,
        given,
        literal,
        extra,
    })
}

/// A source with arbitrary strings everywhere but its id.
fn source(i: usize) -> impl Strategy<Value = Source> {
    (
        id(i),
        (text(10), text(20), text(20), text(10)),
        vec(name(), 0..3),
        (text(10), text(10), text(20), text(20)),
        extra(),
    )
        .prop_map(
            |(
                id,
                (kind, title, url, container_title),
                author,
                (issued, accessed, archive_url, note),
                extra,
            )| {
                Source {
                    id: SourceId(id),
                    kind,
                    title,
                    url,
                    container_title,
                    author,
                    issued,
                    accessed,
                    archive_url,
                    note,
                    extra,
                }
            },
        )
}

/// An anchor at valid char offsets of `chars`, its quote computed from the text.
fn anchor(chars: std::sync::Arc<Vec<char>>) -> impl Strategy<Value = Anchor> {
    let n = chars.len();
    (0..=n, 0..=n, extra()).prop_map(move |(a, b, extra)| {
        let (start, end) = (a.min(b), a.max(b));
        let span = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
        Anchor {
            start,
            end,
            exact: span(start, end),
            prefix: span(start.saturating_sub(32), start),
            suffix: span(end, (end + 32).min(n)),
            review: None,
            extra,
        }
    })
}

/// A link to one of `sources` (or to a missing one when there are none), any stance.
fn link(sources: std::sync::Arc<Vec<SourceId>>) -> impl Strategy<Value = Link> {
    let stance = prop::sample::select(vec![Stance::Supports, Stance::Refutes, Stance::Context]);
    (
        any::<prop::sample::Index>(),
        stance,
        (text(20), text(6), text(20), text(20)),
        extra(),
    )
        .prop_map(
            move |(pick, stance, (quote, locator, question, note), extra)| {
                let source = match sources.is_empty() {
                    true => SourceId("missing".into()),
                    false => sources[pick.index(sources.len())].clone(),
                };
                Link {
                    source,
                    stance,
                    quote,
                    locator,
                    question,
                    note,
                    extra,
                }
            },
        )
}

/// A claim anchored in `chars`, rated on `labels` or not, linked to `sources`.
fn claim(
    i: usize,
    chars: std::sync::Arc<Vec<char>>,
    labels: std::sync::Arc<Vec<String>>,
    sources: std::sync::Arc<Vec<SourceId>>,
) -> impl Strategy<Value = Claim> {
    let status = prop::sample::select(vec![
        ClaimStatus::Todo,
        ClaimStatus::Researching,
        ClaimStatus::Reviewed,
    ]);
    let rating = prop::option::of(any::<prop::sample::Index>())
        .prop_map(move |pick| pick.map(|p| labels[p.index(labels.len())].clone()));
    let verdict = (rating, text(30), opt_text(), extra()).prop_map(
        |(rating, explanation, rated_at, extra)| Verdict {
            rating,
            explanation,
            rated_at,
            published: None,
            extra,
        },
    );
    (
        id(i),
        vec(anchor(chars), 0..3),
        (text(20), text(10), status),
        verdict,
        vec(link(sources), 0..3),
        (text(10), text(10)),
        extra(),
    )
        .prop_map(
            |(id, anchors, (text, claimant, status), verdict, links, (created, updated), extra)| {
                Claim {
                    id: ClaimId(id),
                    number: 0,
                    anchors,
                    text,
                    claimant,
                    claimant_guess: None,
                    claimant_kind: None,
                    made_on: None,
                    first_appearance: None,
                    status,
                    verdict,
                    links,
                    created,
                    updated,
                    extra,
                }
            },
        )
}

/// A whole case with its view and top-level unknown fields.
fn case() -> impl Strategy<Value = (Case, SavedView, Extra)> {
    let article = (
        text(80),
        (opt_text(), opt_text(), opt_text(), extra()),
        extra(),
    );
    let sources = (0..3usize).prop_flat_map(|n| (0..n).map(source).collect::<Vec<_>>());
    (
        article,
        scale(),
        sources,
        vec(json_value(), 0..3),
        extra(),
        extra(),
    )
        .prop_flat_map(
            |(
                (text, (path, title, retrieved, origin_extra), article_extra),
                scale,
                sources,
                history,
                view_extra,
                extra,
            )| {
                let origin = Origin {
                    path,
                    title,
                    retrieved,
                    extra: origin_extra,
                    ..Origin::default()
                };
                let mut article = Article::new(text, origin);
                article.extra = article_extra;
                let chars = std::sync::Arc::new(article.text.chars().collect::<Vec<_>>());
                let labels = std::sync::Arc::new(
                    scale
                        .labels
                        .iter()
                        .map(|l| l.label.clone())
                        .collect::<Vec<_>>(),
                );
                let ids =
                    std::sync::Arc::new(sources.iter().map(|s| s.id.clone()).collect::<Vec<_>>());
                let claims = (0..4usize).prop_flat_map(move |n| {
                    (0..n)
                        .map(|i| claim(i, chars.clone(), labels.clone(), ids.clone()))
                        .collect::<Vec<_>>()
                });
                let len = article.text.chars().count();
                let case = Case {
                    article,
                    scale,
                    claims: Vec::new(),
                    sources,
                    history,
                    conflicts: Vec::new(),
                    suggestions: Default::default(),
                };
                (Just(case), claims, 0..=len, Just(view_extra), Just(extra))
            },
        )
        .prop_map(|(mut case, claims, cursor, view_extra, extra)| {
            case.claims = claims;
            case.number_unnumbered_claims();
            let view = SavedView {
                cursor,
                extra: view_extra,
                ..SavedView::default()
            };
            (case, view, extra)
        })
}

proptest! {
    #![proptest_config(config())]

    /// Any case the model can express saves, and loads back equal in case, view and
    /// unknown fields, with no warnings (its anchors match, its ratings resolve, its links
    /// resolve unless the library is empty), `check` reports the same, and it saves again to
    /// the same bytes.
    #[test]
    fn any_case_round_trips((case, view, extra) in case()) {
        let json = to_json(&case, &view, &extra).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = from_json(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded.case, &case);
        prop_assert_eq!(&loaded.view, &view);
        prop_assert_eq!(&loaded.extra, &extra);
        // The only warnings: links to "missing" when the library is empty.
        let dangling = loaded
            .warnings
            .iter()
            .all(|w| matches!(w, LoadWarning::MissingSource { .. }) && case.sources.is_empty());
        prop_assert!(dangling, "{:?}", loaded.warnings);
        // `factdesk check` agrees: exactly the loader's warnings.
        let report = crate::check::check_bytes(json.as_bytes());
        prop_assert_eq!(report.problems.len(), loaded.warnings.len());
        prop_assert!(report.readable);
        // Saving again gives the same bytes: nothing drifts over load/save cycles.
        let again = to_json(&loaded.case, &loaded.view, &loaded.extra)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again, json);
    }

    /// Any JSON value kept as an unknown field survives a save and a load unchanged.
    #[test]
    fn any_unknown_value_round_trips(value in json_value()) {
        let mut extra = Extra::new();
        extra.insert("x-value".into(), value);
        let json = to_json(&sample_case(), &sample_view(), &extra)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = from_json(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(loaded.extra, extra);
    }
}

/// NaN and the infinities cannot be put in a JSON value at all: `Number::from_f64`
/// refuses them, and converting one to a `Value` gives `null`, never a number.
#[test]
fn non_finite_floats_cannot_be_json_numbers() {
    for f in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -f64::NAN] {
        assert!(Number::from_f64(f).is_none(), "{f}");
        assert_eq!(Value::from(f), Value::Null, "{f}");
        assert_eq!(serde_json::json!(f), Value::Null, "{f}");
    }
    assert!(Number::from_f64(f64::MAX).is_some());
    assert!(Number::from_f64(f64::MIN_POSITIVE).is_some());
}

/// A "NaN" that reached an unknown field is already `null` there, and saves and loads back
/// as `null` — so the file never holds a number that cannot be read back.
#[test]
fn attempted_nan_in_an_unknown_field_is_null_and_round_trips() {
    let mut extra = Extra::new();
    extra.insert("x-ratio".into(), Value::from(f64::NAN));
    extra.insert("x-list".into(), serde_json::json!([1.5, f64::INFINITY]));
    let json = to_json(&sample_case(), &sample_view(), &extra).expect("saves");
    assert!(json.contains("\"x-ratio\": null"), "{json}");
    let loaded = from_json(&json).expect("loads");
    assert_eq!(loaded.extra, extra);
    assert_eq!(loaded.extra["x-list"], serde_json::json!([1.5, null]));
}

/// A number too large for a float (`1e400`, `-1e400`) anywhere in the text is refused on
/// load with a message naming the problem and its line and column.
#[test]
fn numbers_beyond_f64_are_refused_on_load() {
    for n in ["1e400", "-1e400", "1e309"] {
        let json = sample_json().replacen("\"x-scroll\": 3", &format!("\"x-scroll\": {n}"), 1);
        assert!(json.contains(n));
        let err = from_json(&json).unwrap_err();
        assert!(matches!(err, LoadError::Syntax { .. }), "{err:?}");
        let msg = err.to_string();
        assert!(
            msg.starts_with("cannot load the verdict file: not valid JSON at line ")
                && msg.ends_with(": number out of range"),
            "{msg}"
        );
    }
}

/// A number too small for a float (`1e-400`) would silently become 0: it is refused like
/// `1e400`, naming the number and its place, whether the file is read whole or streamed.
#[test]
fn numbers_below_f64_are_refused_on_load() {
    for n in ["1e-400", "-2.5E-999"] {
        let json = sample_json().replacen("\"x-scroll\": 3", &format!("\"x-scroll\": {n}"), 1);
        let err = from_json(&json).unwrap_err();
        assert!(matches!(err, LoadError::Syntax { .. }), "{err:?}");
        assert!(
            err.to_string()
                .contains(&format!("the number {n} is too small")),
            "{err}"
        );
    }
    let big = sample_json().replacen(
        "\"x-scroll\": 3",
        &format!(
            "\"x-scroll\": 1e-400, \"x-pad\": \"{}\"",
            "p".repeat(5 << 20)
        ),
        1,
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.factdesk.json");
    std::fs::write(&path, big).expect("writes");
    let err = crate::store::load(&path).unwrap_err();
    assert!(err.to_string().contains("1e-400 is too small"), "{err}");
}

/// A float in an unknown field, as another tool may write it, loads and saves again: the
/// parser must read floats exactly (serde_json's `float_roundtrip` feature), else the
/// re-read after save differs in the last bit and the save is refused. Found by
/// `any_unknown_value_round_trips`.
#[test]
fn float_written_by_another_tool_loads_and_saves_again() {
    for n in [
        "7.83830669367675e-14",
        "0.30000000000000004",
        "1.7976931348623157e308",
    ] {
        let json = sample_json().replacen("\"x-scroll\": 3", &format!("\"x-scroll\": {n}"), 1);
        let loaded = from_json(&json).expect("loads");
        let saved = to_json(&loaded.case, &loaded.view, &loaded.extra);
        assert!(saved.is_ok(), "{n}: {}", saved.unwrap_err());
    }
}
