//! Export tests: a realistic case in each format, the publishable checker, quoting and
//! escaping.

use serde_json::{Value, json};

use super::*;
use crate::model::{
    Anchor, Article, ClaimId, ClaimStatus, Extra, Origin, Source, SourceId, Verdict,
};

pub(super) const ARTICLE: &str = include_str!("../../assets/demo-article.txt");
pub(super) const URL: &str = "https://dailytidings.example/2026/01/ferry-ridership";
pub(super) const TITLE: &str =
    "Harbour city council accused of inflating ferry ridership before bridge vote";

/// An anchor on the first occurrence of `exact` in the demo article, in chars.
fn anchor(exact: &str) -> Anchor {
    let byte = ARTICLE.find(exact).expect("exact text is in the article");
    let start = ARTICLE[..byte].chars().count();
    Anchor {
        start,
        end: start + exact.chars().count(),
        exact: exact.to_string(),
        prefix: String::new(),
        suffix: String::new(),
        review: None,
        extra: Extra::new(),
    }
}

/// A claim anchored on `exact`, worded `text`.
fn claim(id: &str, exact: &str, text: &str, claimant: &str) -> Claim {
    Claim {
        id: ClaimId(id.into()),
        number: 0,
        anchors: vec![anchor(exact)],
        text: text.into(),
        claimant: claimant.into(),
        claimant_guess: None,
        claimant_kind: None,
        made_on: None,
        first_appearance: None,
        status: ClaimStatus::Todo,
        verdict: Verdict::default(),
        links: Vec::new(),
        created: "2026-01-02T03:04:05Z".into(),
        updated: "2026-01-03T10:00:00Z".into(),
        extra: Extra::new(),
    }
}

/// A rating with an explanation.
fn rated(label: &str, explanation: &str) -> Verdict {
    Verdict {
        rating: Some(label.into()),
        explanation: explanation.into(),
        rated_at: Some("2026-01-03T10:00:00Z".into()),
        published: None,
        extra: Extra::new(),
    }
}

/// A link of `stance` to source `id`.
fn link(id: &str, stance: Stance, quote: &str, locator: &str, question: &str) -> Link {
    Link {
        stance,
        quote: quote.into(),
        locator: locator.into(),
        question: question.into(),
        ..Link::new(SourceId(id.into()))
    }
}

/// The demo article with three claims (two rated, one not) and links of every stance.
pub(super) fn demo_case() -> Case {
    let origin = Origin {
        path: Some(URL.into()),
        title: Some(TITLE.into()),
        retrieved: Some("2026-01-02T03:00:00Z".into()),
        extra: Extra::new(),
        ..Origin::default()
    };
    let mut case = Case::new(Article::new(ARTICLE.into(), origin), Scale::default_scale());
    let mut operator = Source::new(
        SourceId("s1".into()),
        "Statement on ferry ridership",
        "https://norrsund.example/press/ridership",
        "2026-01-03",
    );
    operator.container_title = "Norrsund Lines".into();
    operator.archive_url = "https://web.archive.org/web/2026/https://norrsund.example".into();
    let mut budget = Source::new(
        SourceId("s2".into()),
        "Budget papers 2026",
        "https://lindqvist.example/budget.pdf",
        "2026-01-03",
    );
    budget.kind = "report".into();
    let interview = Source::new(
        SourceId("s3".into()),
        "Interview with Dr. Amara Quist",
        "",
        "",
    );
    case.sources = vec![operator, budget, interview];

    let mut fell = claim(
        "k3x9q2ma",
        "ferry ridership had fallen by 40% since 2019",
        "Ferry ridership in Lindqvist Harbour fell by 40% between 2019 and 2025.",
        "Lindqvist Harbour council",
    );
    fell.status = ClaimStatus::Reviewed;
    fell.verdict = rated(
        "False",
        "The operator's figures show a 12% fall.\nThe council counted weekday commuters only.",
    );
    fell.links = vec![
        link(
            "s1",
            Stance::Refutes,
            "Our ridership fell by 12%, not 40%.",
            "para. 2",
            "",
        ),
        link(
            "s3",
            Stance::Context,
            "",
            "",
            "Did the ferries run in 2020?",
        ),
        link(
            "s1",
            Stance::Context,
            "counting only weekday commuters",
            "",
            "",
        ),
    ];
    let mut carried = claim(
        "p7wq3n",
        "the ferries carried 1.2 million passengers in 2019 and barely 720,000 last year",
        "The ferries carried 1.2 million passengers in 2019 and 720,000 in 2025.",
        "Olivia Brandt",
    );
    carried.status = ClaimStatus::Researching;
    carried.verdict = rated("Mostly False", "Weekday commuters only; see the operator.");
    carried.links = vec![link("s2", Stance::Supports, "1,2 Mio.", "p. 14", "")];
    let crossing = claim(
        "zz4",
        "the bridge will cut the crossing time from 25 minutes to 4",
        "The bridge will cut the crossing from 25 minutes to 4.",
        "Pieter Holm",
    );
    for c in [carried, crossing, fell] {
        case.insert_claim(c);
    }
    case
}

/// Options that satisfy every requirement.
fn opts() -> ExportOptions {
    ExportOptions {
        base_url: Some("https://tidings.example/factcheck/ferry".into()),
        author: Some(Author {
            name: "Daily Tidings Fact Check".into(),
            kind: AuthorKind::Organization,
            ..Author::default()
        }),
        date_published: Some("2026-01-05".into()),
        today: None,
    }
}

/// The exported document parsed back.
fn export_json(case: &Case, opts: &ExportOptions) -> (Value, Vec<String>) {
    let out = claimreview(case, opts).expect("exports");
    assert!(out.text.ends_with("}\n"), "{}", out.text);
    (
        serde_json::from_str(&out.text).expect("valid JSON"),
        out.skipped,
    )
}

/// The demo case exports one complete ClaimReview per rated claim, in article order, with
/// the claimant typed by the organisation rule, sources as citations (each once), and the
/// unrated claim reported.
#[test]
fn claimreview_of_demo_case() {
    let case = demo_case();
    let (doc, skipped) = export_json(&case, &opts());
    assert_eq!(doc["@context"], "https://schema.org");
    let graph = doc["@graph"].as_array().expect("a graph");
    assert_eq!(graph.len(), 2);
    assert_eq!(skipped, ["C2 (zz4): not rated yet"]);
    let appearance = json!({"@type": "CreativeWork", "url": URL, "name": TITLE, "headline": TITLE});
    assert_eq!(
        graph[0],
        json!({
            "@type": "ClaimReview",
            "claimReviewed": "Ferry ridership in Lindqvist Harbour fell by 40% between 2019 and 2025.",
            "reviewRating": {
                "@type": "Rating",
                "alternateName": "False",
                "ratingValue": 2,
                "bestRating": 6,
                "worstRating": 1,
                "ratingExplanation": "The operator's figures show a 12% fall.\nThe council counted weekday commuters only."
            },
            "url": "https://tidings.example/factcheck/ferry#k3x9q2ma",
            "author": {"@type": "Organization", "name": "Daily Tidings Fact Check"},
            "datePublished": "2026-01-05",
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Organization", "name": "Lindqvist Harbour council"},
                "appearance": appearance
            },
            "citation": [
                {
                    "@type": "CreativeWork",
                    "name": "Statement on ferry ridership",
                    "url": "https://norrsund.example/press/ridership",
                    "archivedAt": "https://web.archive.org/web/2026/https://norrsund.example",
                    "publisher": {"@type": "Organization", "name": "Norrsund Lines"}
                },
                {"@type": "CreativeWork", "name": "Interview with Dr. Amara Quist"}
            ]
        })
    );
    let second = &graph[1];
    assert_eq!(second["reviewRating"]["alternateName"], "Mostly False");
    assert_eq!(second["reviewRating"]["ratingValue"], 3);
    assert_eq!(
        second["itemReviewed"]["author"],
        json!({"@type": "Person", "name": "Olivia Brandt"})
    );
    assert_eq!(
        second["citation"][0]["url"],
        "https://lindqvist.example/budget.pdf"
    );
    assert_eq!(publishable_problems(&doc), Vec::<String>::new());
}

/// `{id}` in the base URL is replaced; a Person author and no date are honoured; a local
/// origin path is not published and an empty claimant leaves `author` out.
#[test]
fn claimreview_url_pattern_and_options() {
    let mut case = demo_case();
    case.article.origin.path = Some("/home/ed/ferry.txt".into());
    case.claims[1].claimant = " ".into();
    let opts = ExportOptions {
        base_url: Some("https://t.example/checks/{id}.html".into()),
        author: Some(Author {
            name: "Ed Itor".into(),
            kind: AuthorKind::Person,
            ..Author::default()
        }),
        date_published: None,
        today: None,
    };
    let (doc, _) = export_json(&case, &opts);
    let review = &doc["@graph"][0];
    assert_eq!(review["url"], "https://t.example/checks/k3x9q2ma.html");
    assert_eq!(
        review["author"],
        json!({"@type": "Person", "name": "Ed Itor"})
    );
    assert!(review.get("datePublished").is_none());
    assert!(review["itemReviewed"]["appearance"].get("url").is_none());
    assert_eq!(review["itemReviewed"]["appearance"]["headline"], TITLE);
    assert!(doc["@graph"][1]["itemReviewed"].get("author").is_none());
    assert_eq!(publishable_problems(&doc), Vec::<String>::new());
}

/// Without a base URL or author, or with a bad URL or date, nothing is exported and the
/// message says how to fix it.
#[test]
fn claimreview_refuses_missing_options() {
    let case = demo_case();
    let err = |o: ExportOptions| claimreview(&case, &o).unwrap_err();
    let no_url = err(ExportOptions {
        base_url: Some(" ".into()),
        ..opts()
    });
    assert_eq!(no_url, ExportError::NoBaseUrl);
    let msg = no_url.to_string();
    assert!(msg.contains("--base-url URL") && msg.contains("base_url in the config file"));
    assert!(msg.contains("factdesk config --path"), "{msg}");
    let no_author = err(ExportOptions {
        author: None,
        ..opts()
    })
    .to_string();
    assert!(no_author.contains("author.name"), "{no_author}");
    let blank = Author {
        name: "\u{200b} ".into(),
        kind: AuthorKind::Person,
        ..Author::default()
    };
    assert_eq!(
        err(ExportOptions {
            author: Some(blank),
            ..opts()
        }),
        ExportError::NoAuthor
    );
    let ftp = err(ExportOptions {
        base_url: Some("ftp://x.example".into()),
        ..opts()
    });
    assert!(ftp.to_string().contains("http"), "{ftp}");
    let frag = err(ExportOptions {
        base_url: Some("https://x.example/#a".into()),
        ..opts()
    });
    assert!(frag.to_string().contains("{id}"), "{frag}");
    for date in ["2026-13-01", "5 Jan 2026", "2026-1-5"] {
        let e = err(ExportOptions {
            date_published: Some(date.into()),
            today: None,
            ..opts()
        });
        assert_eq!(e, ExportError::BadDate(date.into()));
    }
}

/// With the article's metadata, the reviewer's links, a confirmed claimant of the
/// checker's kind, a claim date, a first appearance, source details and a correction, the
/// review carries each where real publishers put it; a mere guess is never an author.
#[test]
fn claimreview_carries_metadata_and_only_confirmed_claimants() {
    let mut case = demo_case();
    let meta = &mut case.article.meta;
    meta.url = Some("https://dailytidings.example/canonical".into());
    meta.outlet = Some("Daily Tidings".into());
    meta.authors = vec!["Ann Lee".into(), "Bo Ek".into()];
    meta.published = Some("2026-01-01".into());
    meta.language = Some("en".into());
    let c = &mut case.claims[0];
    c.claimant = "Ian Bremmer (Eurasia Group)".into();
    c.made_on = Some("2025-12-30".into());
    c.first_appearance = Some("https://social.example/post/1".into());
    c.verdict
        .explanation
        .push_str("\nCorrection 2026-01-09: a figure was fixed.");
    case.claims[1].claimant = String::new();
    case.claims[1].claimant_guess = Some("Olivia Brandt".into());
    case.sources[0].issued = "2026-01-02".into();
    case.sources[0].author = vec![crate::model::Name::parse("Quist, Amara").unwrap()];
    let mut o = opts();
    if let Some(a) = o.author.as_mut() {
        a.url = Some("https://tidings.example/".into());
        a.same_as = vec!["https://www.wikidata.org/wiki/Q1".into()];
        a.logo = Some("https://tidings.example/logo.png".into());
    }
    let (doc, _) = export_json(&case, &o);
    let first = &doc["@graph"][0];
    assert_eq!(first["inLanguage"], "en");
    assert_eq!(
        first["author"],
        json!({"@type": "Organization", "name": "Daily Tidings Fact Check",
               "url": "https://tidings.example/", "sameAs": ["https://www.wikidata.org/wiki/Q1"],
               "logo": {"@type": "ImageObject", "url": "https://tidings.example/logo.png"}})
    );
    let item = &first["itemReviewed"];
    assert_eq!(
        item["author"],
        json!({"@type": "Person", "name": "Ian Bremmer (Eurasia Group)"})
    );
    assert_eq!(item["datePublished"], "2025-12-30");
    assert_eq!(
        item["firstAppearance"]["url"],
        "https://social.example/post/1"
    );
    assert_eq!(
        item["appearance"],
        json!({"@type": "CreativeWork", "url": "https://dailytidings.example/canonical",
               "name": TITLE, "headline": TITLE,
               "publisher": {"@type": "Organization", "name": "Daily Tidings"},
               "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Ek"}],
               "datePublished": "2026-01-01"})
    );
    let cited: Vec<&Value> = first["citation"].as_array().unwrap().iter().collect();
    let by_id = case.claims[0]
        .links
        .iter()
        .position(|l| l.source == case.sources[0].id);
    if by_id.is_some() {
        let with_author = cited
            .iter()
            .find(|c| c.get("author").is_some())
            .expect("an author");
        assert_eq!(with_author["datePublished"], "2026-01-02");
    }
    assert_eq!(
        first["correction"],
        json!(["2026-01-09: a figure was fixed."])
    );
    assert!(
        !first["reviewRating"]["ratingExplanation"]
            .as_str()
            .unwrap()
            .contains("Correction")
    );
    assert!(doc["@graph"][1]["itemReviewed"].get("author").is_none());
    assert_eq!(publishable_problems(&doc), Vec::<String>::new());
}

/// The first export reports each review's first publication; recorded, a later export
/// keeps that date, and a changed rating adds dateModified.
#[test]
fn claimreview_dates_are_stable() {
    let mut case = demo_case();
    let o = ExportOptions {
        date_published: None,
        today: Some("2026-01-05".into()),
        ..opts()
    };
    let first = claimreview(&case, &o).unwrap();
    assert_eq!(first.published.len(), 2);
    assert_eq!(record_published(&mut case, &first.published), 2);
    case.claims[0].verdict.rating = Some("True".into());
    case.claims[0].verdict.rated_at = Some("2026-02-01T08:00:00Z".into());
    let later = ExportOptions {
        today: Some("2026-03-01".into()),
        ..o
    };
    let again = claimreview(&case, &later).unwrap();
    assert!(again.published.is_empty());
    let doc: Value = serde_json::from_str(&again.text).unwrap();
    assert_eq!(doc["@graph"][0]["datePublished"], "2026-01-05");
    assert_eq!(doc["@graph"][0]["dateModified"], "2026-02-01");
    assert!(doc["@graph"][1].get("dateModified").is_none());
    assert_eq!(again.each.len(), 2);
    assert!(
        again.each[0]
            .1
            .contains("\"@context\": \"https://schema.org\"")
    );
}

/// A rated claim with blank wording or a rating not on the scale is reported, not exported.
#[test]
fn claimreview_skips_incomplete_claims() {
    let mut case = demo_case();
    case.claims[0].text = "\u{202e}\n ".into();
    case.claims[1].verdict.rating = Some("Sorta True".into());
    let (doc, skipped) = export_json(&case, &opts());
    assert_eq!(doc["@graph"], json!([]));
    assert_eq!(skipped.len(), 3);
    assert!(
        skipped[0].starts_with("C3 (k3x9q2ma): its wording is empty"),
        "{skipped:?}"
    );
    assert!(
        skipped[1].contains("\"Sorta True\" is not on the scale"),
        "{skipped:?}"
    );
}

/// On a conclusion-only scale the rating is the explanation's first line as alternateName,
/// with no numbers; the rest goes in ratingExplanation; no explanation means no review.
#[test]
fn claimreview_conclusion_only() {
    let mut case = demo_case();
    case.scale = Scale::preset("conclusion-only").expect("preset");
    case.claims[0].verdict.explanation =
        "\n  Wrong: the operator reports a 12% fall.\n\nThe council counted commuters.".into();
    case.claims[1].verdict.explanation = "Misleading.".into();
    let (doc, skipped) = export_json(&case, &opts());
    assert_eq!(
        doc["@graph"][0]["reviewRating"],
        json!({
            "@type": "Rating",
            "alternateName": "Wrong: the operator reports a 12% fall.",
            "ratingExplanation": "Wrong: the operator reports a 12% fall.\n\nThe council counted commuters."
        })
    );
    assert_eq!(
        doc["@graph"][1]["reviewRating"],
        json!({"@type": "Rating", "alternateName": "Misleading."})
    );
    assert_eq!(
        skipped,
        ["C2 (zz4): no written conclusion yet (the explanation is empty)"]
    );
    assert_eq!(publishable_problems(&doc), Vec::<String>::new());
}

/// Organisations are recognised by a word of the name or an acronym; people are not.
#[test]
fn claimant_kind_rule() {
    for org in [
        "Lindqvist Harbour council",
        "Norrsund Lines",
        "WHO",
        "G20",
        "Acme Inc.",
    ] {
        assert!(looks_like_organization(org), "{org}");
    }
    for person in ["Olivia Brandt", "Dr. Amara Quist", "Li", "Bremmer, Ian"] {
        assert!(!looks_like_organization(person), "{person}");
    }
}

/// The example without reviewRating is rejected and the complete one passes.
#[test]
fn publishable_checker_on_shared_examples() {
    let Some(dir) = crate::test_support::shared("testdata/claimreview") else {
        return;
    };
    let bad = std::fs::read_to_string(dir.join("eg-0325.json")).unwrap();
    let good = std::fs::read_to_string(dir.join("eg-0324.json")).unwrap();
    let bad: Value = serde_json::from_str(&bad).unwrap();
    assert_eq!(publishable_problems(&bad), ["reviewRating is missing"]);
    let good: Value = serde_json::from_str(&good).unwrap();
    assert_eq!(publishable_problems(&good), Vec::<String>::new());
}

/// The checker names each missing or empty required field, and rating values out of range.
#[test]
fn publishable_checker_names_problems() {
    let review = json!({
        "@type": "ClaimReview",
        "claimReviewed": " ",
        "reviewRating": {"@type": "Rating", "ratingValue": 7, "bestRating": 6},
        "url": "tidings.example/x",
        "author": {"@type": "Organization"}
    });
    assert_eq!(
        publishable_problems(&review),
        [
            "claimReviewed is missing or empty",
            "reviewRating's ratingValue 7 is outside worstRating 1 .. bestRating 6",
            "url is missing or not an http(s) URL",
            "author is missing or has neither name nor url",
        ]
    );
    let doc = json!({"@graph": [{"@type": "Review", "reviewRating": {}}]});
    let problems = publishable_problems(&doc);
    assert_eq!(problems[0], "item 1: @type is not ClaimReview");
    assert!(
        problems.contains(&"item 1: reviewRating has neither alternateName nor ratingValue".into())
    );
    assert_eq!(
        publishable_problems(&json!({"@graph": []})),
        ["the document holds no ClaimReview"]
    );
}
