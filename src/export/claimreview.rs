//! schema.org `ClaimReview` JSON-LD: one review per rated claim, and a checker for the fields
//! Google's fact-check documentation requires.
//!
//! The document is `{"@context": "https://schema.org", "@graph": [...]}`: one context for all
//! reviews, the form JSON-LD 1.1 defines for several top-level nodes (§ "Named graphs",
//! a top-level object with only `@context` and `@graph` is the default graph) and that
//! Google's structured-data parser and the Rich Results Test read. A page may embed the whole
//! document in one `<script type="application/ld+json">`.
//!
//! Sources go in `citation` (a `CreativeWork` property, so valid on `ClaimReview`, a
//! `Review`, a `CreativeWork`): title, URL and archive copy (`archivedAt`). `appearance` is
//! only where the claim itself appears: the article.

use serde_json::{Map, Value, json};

use super::published::{day, review_dates};
use super::{
    Author, AuthorKind, ExportError, ExportOptions, Exported, Rating, html_safe_json, is_web_url,
    plain, plain_line, rating, title, web_url,
};
use crate::model::{Case, Claim, ClaimantKind, Name, SourceId};

/// Words that mark a claimant as an organisation rather than a person (compared lower-case,
/// word by word).
const ORGANISATION_WORDS: &str = "\
    administration agency airlines alliance assembly association authority bank board \
    bureau campaign center centre coalition college commission committee company congress \
    corp corporation council court department embassy federation foundation gmbh \
    government group hospital inc institute league lines llc ltd media ministry network \
    news office organisation organization parliament party plc police press school senate \
    service services society team times trust union university";

/// Whether a claimant is exported as an `Organization` rather than a `Person`.
///
/// The rule: a word of the name is an organisation word ("Council", "Ministry", "Lines",
/// "Institute", "Inc", … see the list in the source), or the whole name is an acronym: 2–6
/// capitals and digits starting with a capital ("WHO", "NASA", "G20"). Anything else is a
/// person.
/// An affiliation in brackets is not part of the name: "Ian Bremmer (Eurasia Group)" is a
/// person.
pub fn looks_like_organization(name: &str) -> bool {
    let name = name.split(['(', '[']).next().unwrap_or(name).trim();
    let acronym = (2..=6).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    acronym
        || name.split(|c: char| !c.is_alphanumeric()).any(|w| {
            let w = w.to_lowercase();
            ORGANISATION_WORDS.split_whitespace().any(|o| o == w)
        })
}

/// One `ClaimReview` per rated claim; claims that cannot produce every required field are
/// listed in `skipped` instead.
///
/// `url` is the base URL with `{id}` replaced by the claim id, or, without `{id}`, the base
/// URL plus `#<id>`. On a conclusion-only scale the `reviewRating` has only `alternateName`
/// (the explanation's first line): schema.org's `Rating` needs no number, and Google accepts
/// a rating given by `alternateName` alone. Fails when the base URL, the author or the date
/// is missing or malformed.
pub fn claimreview(case: &Case, opts: &ExportOptions) -> Result<Exported, ExportError> {
    let base = base_url(opts.base_url.as_deref())?;
    let author = opts
        .author
        .as_ref()
        .filter(|a| !plain_line(&a.name).is_empty())
        .ok_or(ExportError::NoAuthor)?;
    date(opts.date_published.as_deref())?;
    date(opts.today.as_deref())?;
    let author = reviewer(author);
    let language = case
        .article
        .meta
        .language
        .as_deref()
        .map(plain_line)
        .filter(|l| !l.is_empty());

    let mut out = Exported::default();
    let mut graph = Vec::new();
    for claim in &case.claims {
        match review(case, claim) {
            Ok(mut review) => {
                review.insert("url".into(), claim_url(base, &claim.id.0).into());
                review.insert("author".into(), author.clone());
                let dates = review_dates(claim, opts);
                if let Some(date) = dates.published {
                    review.insert("datePublished".into(), date.into());
                }
                if let Some(date) = dates.modified {
                    review.insert("dateModified".into(), date.into());
                }
                if let Some(first) = dates.first {
                    out.published.push((claim.id.clone(), first));
                }
                if let Some(language) = &language {
                    review.insert("inLanguage".into(), language.clone().into());
                }
                let review = Value::Object(order(review));
                let mut single = Map::new();
                single.insert("@context".into(), "https://schema.org".into());
                if let Value::Object(fields) = &review {
                    single.extend(fields.clone());
                }
                let single = crate::store::safe_json::to_string_pretty(
                    &Value::Object(single),
                    crate::store::safe_json::Escape::Html,
                )
                .map_err(|e| ExportError::Json(e.to_string()))?;
                out.each.push((claim.number, single));
                graph.push(review);
            }
            Err(why) => out
                .skipped
                .push(format!("C{} ({}): {why}", claim.number, claim.id)),
        }
    }
    let doc = json!({"@context": "https://schema.org", "@graph": graph});
    out.text =
        crate::store::safe_json::to_string_pretty(&doc, crate::store::safe_json::Escape::Html)
            .map_err(|e| ExportError::Json(e.to_string()))?;
    Ok(out)
}

/// Each JSON-LD document as a ready `<script type="application/ld+json">` block, its JSON
/// escaped so that no text in it can end the element.
pub fn html_blocks(docs: &[&str]) -> String {
    docs.iter()
        .map(|doc| {
            format!(
                "<script type=\"application/ld+json\">\n{}\n</script>\n",
                html_safe_json(doc.trim_end())
            )
        })
        .collect()
}

/// The fact-checker as the review's `author`: name, and the URL, profiles and logo the
/// config gives.
fn reviewer(author: &Author) -> Value {
    let mut out = Map::new();
    out.insert("@type".into(), author.kind.schema_type().into());
    out.insert("name".into(), plain_line(&author.name).into());
    if let Some(url) = author.url.as_deref().and_then(web_url) {
        out.insert("url".into(), url.into());
    }
    let same_as: Vec<Value> = author
        .same_as
        .iter()
        .filter_map(|u| web_url(u))
        .map(Value::from)
        .collect();
    if !same_as.is_empty() {
        out.insert("sameAs".into(), same_as.into());
    }
    let logo = author.logo.as_deref().and_then(web_url);
    if let (Some(logo), AuthorKind::Organization) = (logo, author.kind) {
        out.insert("logo".into(), json!({"@type": "ImageObject", "url": logo}));
    }
    Value::Object(out)
}

/// The schema.org type of a claim's confirmed claimant: the checker's choice, else
/// detected from the name ([`looks_like_organization`]).
pub fn claimant_kind(claim: &Claim) -> AuthorKind {
    match claim.claimant_kind {
        Some(ClaimantKind::Person) => AuthorKind::Person,
        Some(ClaimantKind::Organization) => AuthorKind::Organization,
        None if looks_like_organization(&claim.claimant) => AuthorKind::Organization,
        None => AuthorKind::Person,
    }
}

/// The checked base URL.
fn base_url(base: Option<&str>) -> Result<&str, ExportError> {
    let base = base.map(str::trim).filter(|b| !b.is_empty());
    let base = base.ok_or(ExportError::NoBaseUrl)?;
    let bad = |reason: &str| ExportError::BadBaseUrl {
        url: base.to_string(),
        reason: reason.to_string(),
    };
    if !is_web_url(base) {
        return Err(bad("is not an http:// or https:// URL"));
    }
    if base.contains('#') && !base.contains("{id}") {
        return Err(bad(
            "already has a #fragment; put {id} where the claim id belongs",
        ));
    }
    Ok(base)
}

/// The checked publication date.
fn date(date: Option<&str>) -> Result<Option<&str>, ExportError> {
    let Some(date) = date.map(str::trim) else {
        return Ok(None);
    };
    let ok = date.len() == 10 && date.parse::<jiff::civil::Date>().is_ok();
    if ok {
        Ok(Some(date))
    } else {
        Err(ExportError::BadDate(date.to_string()))
    }
}

/// The claim's URL: `{id}` substituted, or `#<id>` appended.
fn claim_url(base: &str, id: &str) -> String {
    if base.contains("{id}") {
        base.replace("{id}", id)
    } else {
        format!("{base}#{id}")
    }
}

/// The case-dependent part of one review, or why the claim cannot have one.
fn review(case: &Case, claim: &Claim) -> Result<Map<String, Value>, String> {
    let wording = plain_line(&claim.text);
    let rating = match rating(&case.scale, claim) {
        Rating::Unrated if case.scale.is_conclusion_only() => {
            return Err("no written conclusion yet (the explanation is empty)".into());
        }
        Rating::Unrated => return Err("not rated yet".into()),
        Rating::Unknown(name) => {
            return Err(format!(
                "its rating {:?} is not on the scale {:?}",
                plain_line(name),
                case.scale.name
            ));
        }
        Rating::Label(label) => {
            let name = plain_line(&label.label);
            let (best, worst) = case
                .scale
                .best_and_worst()
                .unwrap_or((label.value, label.value));
            if name.is_empty() {
                return Err("its rating's label is blank".into());
            }
            json!({
                "@type": "Rating",
                "alternateName": name,
                "ratingValue": label.value,
                "bestRating": best,
                "worstRating": worst,
            })
        }
        Rating::Conclusion(line) => json!({"@type": "Rating", "alternateName": line}),
    };
    if wording.is_empty() {
        return Err("its wording is empty, so claimReviewed would be blank".into());
    }
    let mut rating = rating;
    let explanation = plain(&claim.verdict.reasoning());
    // A one-line conclusion is already the alternateName.
    let repeats = rating["alternateName"] == explanation.as_str();
    if let (false, Some(r)) = (explanation.is_empty() || repeats, rating.as_object_mut()) {
        r.insert("ratingExplanation".into(), explanation.into());
    }

    let mut review = Map::new();
    review.insert("@type".into(), "ClaimReview".into());
    review.insert("claimReviewed".into(), wording.into());
    review.insert("reviewRating".into(), rating);
    review.insert("itemReviewed".into(), item_reviewed(case, claim));
    let citations = citations(case, claim);
    if !citations.is_empty() {
        review.insert("citation".into(), citations.into());
    }
    let corrections: Vec<Value> = claim
        .verdict
        .corrections()
        .iter()
        .map(|c| format!("{}: {}", c.date, plain_line(&c.note)).into())
        .collect();
    if !corrections.is_empty() {
        review.insert("correction".into(), corrections.into());
    }
    Ok(review)
}

/// The article's URL as published: the metadata's, else an `http(s)` origin path.
pub(crate) fn article_url(case: &Case) -> Option<String> {
    let meta = case.article.meta.url.as_deref().and_then(web_url);
    meta.or_else(|| case.article.origin.path.as_deref().and_then(web_url))
}

/// A `Person` (or `Organization`, by the name) for each CSL name.
fn people(names: &[Name]) -> Vec<Value> {
    names
        .iter()
        .map(|n| plain_line(&n.display()))
        .filter(|n| !n.is_empty())
        .map(|n| {
            let kind = if looks_like_organization(&n) {
                AuthorKind::Organization
            } else {
                AuthorKind::Person
            };
            json!({"@type": kind.schema_type(), "name": n})
        })
        .collect()
}

/// A value or a list: one author stays an object.
fn one_or_many(mut list: Vec<Value>) -> Value {
    if list.len() == 1 {
        list.remove(0)
    } else {
        list.into()
    }
}

/// The reviewed `Claim`: who made it (the confirmed claimant only), when, and where it
/// appears: the article, with its URL, headline, publisher, authors and date.
fn item_reviewed(case: &Case, claim: &Claim) -> Value {
    let meta = &case.article.meta;
    let mut item = Map::new();
    item.insert("@type".into(), "Claim".into());
    let claimant = plain_line(&claim.claimant);
    if !claimant.is_empty() {
        let kind = claimant_kind(claim);
        item.insert(
            "author".into(),
            json!({"@type": kind.schema_type(), "name": claimant}),
        );
    }
    let made = claim.made_on.as_deref().or(meta.published.as_deref());
    if let Some(made) = made.map(day).filter(|d| !d.is_empty()) {
        item.insert("datePublished".into(), made.into());
    }
    let mut appearance = Map::new();
    appearance.insert("@type".into(), "CreativeWork".into());
    if let Some(url) = article_url(case) {
        appearance.insert("url".into(), url.into());
    }
    let headline = title(case);
    appearance.insert("name".into(), headline.clone().into());
    appearance.insert("headline".into(), headline.into());
    if let Some(outlet) = meta
        .outlet
        .as_deref()
        .map(plain_line)
        .filter(|o| !o.is_empty())
    {
        appearance.insert(
            "publisher".into(),
            json!({"@type": "Organization", "name": outlet}),
        );
    }
    let authors: Vec<Value> = meta
        .authors
        .iter()
        .map(|a| plain_line(a))
        .filter(|a| !a.is_empty())
        .map(|a| json!({"@type": "Person", "name": a}))
        .collect();
    if !authors.is_empty() {
        appearance.insert("author".into(), one_or_many(authors));
    }
    if let Some(date) = meta
        .published
        .as_deref()
        .map(plain_line)
        .filter(|d| !d.is_empty())
    {
        appearance.insert("datePublished".into(), date.into());
    }
    item.insert("appearance".into(), appearance.into());
    if let Some(first) = claim.first_appearance.as_deref().and_then(web_url) {
        item.insert(
            "firstAppearance".into(),
            json!({"@type": "CreativeWork", "url": first}),
        );
    }
    Value::Object(item)
}

/// The claim's sources, each once in order of first link, as `CreativeWork`s.
fn citations(case: &Case, claim: &Claim) -> Vec<Value> {
    let mut seen: Vec<&SourceId> = Vec::new();
    let mut out = Vec::new();
    for link in &claim.links {
        if seen.contains(&&link.source) {
            continue;
        }
        seen.push(&link.source);
        let Some(source) = case.source(&link.source) else {
            continue;
        };
        let mut work = Map::new();
        work.insert("@type".into(), "CreativeWork".into());
        let name = plain_line(&source.title);
        if !name.is_empty() {
            work.insert("name".into(), name.into());
        }
        if let Some(url) = web_url(&source.url) {
            work.insert("url".into(), url.into());
        }
        if let Some(archive) = web_url(&source.archive_url) {
            work.insert("archivedAt".into(), archive.into());
        }
        let publisher = plain_line(&source.publisher());
        if !publisher.is_empty() {
            work.insert(
                "publisher".into(),
                json!({"@type": "Organization", "name": publisher}),
            );
        }
        let authors = people(&source.author);
        if !authors.is_empty() {
            work.insert("author".into(), one_or_many(authors));
        }
        let issued = plain_line(&source.issued);
        if !issued.is_empty() {
            work.insert("datePublished".into(), issued.into());
        }
        if work.len() > 1 {
            out.push(Value::Object(work));
        }
    }
    out
}

/// The review's properties in reading order: what, verdict, where, who, when, about what.
fn order(mut review: Map<String, Value>) -> Map<String, Value> {
    const ORDER: [&str; 11] = [
        "@type",
        "claimReviewed",
        "reviewRating",
        "url",
        "author",
        "datePublished",
        "dateModified",
        "inLanguage",
        "itemReviewed",
        "citation",
        "correction",
    ];
    let mut out = Map::new();
    for key in ORDER {
        if let Some(v) = review.remove(key) {
            out.insert(key.into(), v);
        }
    }
    out.extend(review);
    out
}

/// The Google-required fields missing or empty in a `ClaimReview`: `claimReviewed`,
/// `reviewRating` with `alternateName` or `ratingValue` (within `worstRating`..`bestRating`
/// when those are numbers), an `http(s)` `url`, and an `author` with a name or URL.
///
/// Takes one ClaimReview object, or a document with `@graph`, or an array of them; problems
/// in a list are prefixed with the item's index. Empty means publishable.
pub fn publishable_problems(value: &Value) -> Vec<String> {
    let items = value
        .get("@graph")
        .and_then(Value::as_array)
        .or(value.as_array());
    let Some(items) = items else {
        return object_problems(value);
    };
    if items.is_empty() {
        return vec!["the document holds no ClaimReview".into()];
    }
    items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| {
            object_problems(item)
                .into_iter()
                .map(move |p| format!("item {}: {p}", i + 1))
        })
        .collect()
}

/// The problems of one ClaimReview object.
fn object_problems(review: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let text = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .is_some_and(|s| !s.trim().is_empty())
    };
    let is_type = |v: &Value, t: &str| match v.get("@type") {
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|s| s == t),
        _ => false,
    };
    if !is_type(review, "ClaimReview") {
        problems.push("@type is not ClaimReview".to_string());
    }
    if !text(review.get("claimReviewed")) {
        problems.push("claimReviewed is missing or empty".into());
    }
    match review.get("reviewRating") {
        Some(r) if r.is_object() => rating_problems(r, &mut problems),
        _ => problems.push("reviewRating is missing".into()),
    }
    let url = review.get("url").and_then(Value::as_str).unwrap_or("");
    if !is_web_url(url.trim()) {
        problems.push("url is missing or not an http(s) URL".into());
    }
    let named = |a: &Value| text(a.get("name")) || text(a.get("url"));
    let author_ok = match review.get("author") {
        Some(Value::Array(list)) => !list.is_empty() && list.iter().all(named),
        Some(a) => named(a),
        None => false,
    };
    if !author_ok {
        problems.push("author is missing or has neither name nor url".into());
    }
    problems
}

/// Problems of a `reviewRating`: no alternateName or ratingValue, a value out of range.
fn rating_problems(rating: &Value, problems: &mut Vec<String>) {
    let name = rating
        .get("alternateName")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.trim().is_empty());
    let number = |key: &str| match rating.get(key) {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    let value = number("ratingValue");
    if !name && value.is_none() {
        problems.push("reviewRating has neither alternateName nor ratingValue".into());
    }
    // schema.org's defaults: worstRating 1, bestRating 5.
    let (best, worst) = (
        number("bestRating").unwrap_or(5.0),
        number("worstRating").unwrap_or(1.0),
    );
    if let Some(v) = value.filter(|v| *v < worst || *v > best) {
        problems.push(format!(
            "reviewRating's ratingValue {v} is outside worstRating {worst} .. bestRating {best}"
        ));
    }
}
