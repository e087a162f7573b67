//! A web page's metadata, each value with where it came from.
//!
//! - URL: `<link rel=canonical>`, then `og:url`, then JSON-LD `url` / `mainEntityOfPage`;
//! - title: `og:title`, then JSON-LD `headline`, then `<title>`;
//! - outlet: `og:site_name`, then JSON-LD `publisher`;
//! - authors: JSON-LD `author`, then `<meta name=author>` (then the byline, in `html`);
//! - published: JSON-LD `datePublished`, then `article:published_time`, then `<time datetime>`;
//! - language: `<html lang>`.

use dom_query::Document;
use serde_json::Value;

use crate::model::Metadata;

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub title_from: Option<&'static str>,
    pub meta: Metadata,
}

/// Values longer than this are not metadata (a page stuffing its `<title>`).
const MAX_VALUE_CHARS: usize = 1000;

/// Reads the metadata of a parsed page (before anything is removed from it).
pub fn read(doc: &Document) -> PageMeta {
    let ld = json_ld(doc);
    let ld_str = |key: &str| ld.iter().find_map(|o| string_of(o.get(key)?));
    let mut out = PageMeta::default();
    let meta = &mut out.meta;

    let url = [
        (
            attr(doc, "link[rel~=\"canonical\"]", "href"),
            "link rel=canonical",
        ),
        (meta_content(doc, "property", "og:url"), "og:url"),
        (ld_str("url"), "JSON-LD url"),
        (ld_str("mainEntityOfPage"), "JSON-LD mainEntityOfPage"),
    ];
    if let Some((value, from)) = first(url) {
        meta.url = Some(value);
        meta.provenance.insert("url".into(), from.into());
    }

    let title = [
        (meta_content(doc, "property", "og:title"), "og:title"),
        (ld_str("headline"), "JSON-LD headline"),
        (clean(&doc.select("title").first().text()), "<title>"),
    ];
    if let Some((value, from)) = first(title) {
        out.title = Some(value);
        out.title_from = Some(from);
        meta.provenance.insert("title".into(), from.into());
    }

    let outlet = [
        (
            meta_content(doc, "property", "og:site_name"),
            "og:site_name",
        ),
        (
            ld.iter()
                .find_map(|o| names(o.get("publisher")?).into_iter().next()),
            "JSON-LD publisher",
        ),
    ];
    if let Some((value, from)) = first(outlet) {
        meta.outlet = Some(value);
        meta.provenance.insert("outlet".into(), from.into());
    }

    let ld_authors = ld
        .iter()
        .map(|o| o.get("author").map(names).unwrap_or_default())
        .find(|a| !a.is_empty())
        .unwrap_or_default();
    if !ld_authors.is_empty() {
        meta.authors = ld_authors;
        meta.provenance
            .insert("authors".into(), "JSON-LD author".into());
    } else if let Some(author) = meta_content(doc, "name", "author") {
        meta.authors = vec![author];
        meta.provenance
            .insert("authors".into(), "meta name=author".into());
    }

    let published = [
        (ld_str("datePublished"), "JSON-LD datePublished"),
        (
            meta_content(doc, "property", "article:published_time"),
            "article:published_time",
        ),
        (attr(doc, "time[datetime]", "datetime"), "<time datetime>"),
    ];
    if let Some((value, from)) = first(published) {
        meta.published = Some(value);
        meta.provenance.insert("published".into(), from.into());
    }

    if let Some(lang) = attr(doc, "html[lang]", "lang") {
        meta.language = Some(lang);
        meta.provenance
            .insert("language".into(), "html lang".into());
    }
    out
}

/// The first value present, with its provenance.
fn first<const N: usize>(
    candidates: [(Option<String>, &'static str); N],
) -> Option<(String, &'static str)> {
    candidates
        .into_iter()
        .find_map(|(v, from)| Some((v?, from)))
}

/// Whitespace collapsed, entities already decoded by the parser; `None` when empty or
/// absurdly long.
fn clean(value: &str) -> Option<String> {
    let value: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!value.is_empty() && value.chars().count() <= MAX_VALUE_CHARS).then_some(value)
}

fn attr(doc: &Document, selector: &str, name: &str) -> Option<String> {
    clean(&doc.select(selector).first().attr(name)?)
}

fn meta_content(doc: &Document, key: &str, value: &str) -> Option<String> {
    doc.select("meta[content]")
        .iter()
        .find(|m| {
            m.attr(key)
                .is_some_and(|k| k.trim().eq_ignore_ascii_case(value))
        })
        .and_then(|m| clean(&m.attr("content")?))
}

/// The JSON-LD objects of a page, articles first (`@graph` and arrays flattened).
fn json_ld(doc: &Document) -> Vec<serde_json::Map<String, Value>> {
    let mut objects = Vec::new();
    for script in doc.select("script[type]").iter() {
        let is_ld = script
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            continue;
        }
        if let Ok(value) = serde_json::from_str::<Value>(script.text().trim()) {
            flatten(value, &mut objects, 0);
        }
    }
    let is_article = |o: &serde_json::Map<String, Value>| {
        let types = match o.get("@type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        types
            .iter()
            .any(|t| t.ends_with("Article") || *t == "BlogPosting" || *t == "Report")
    };
    objects.sort_by_key(|o| !is_article(o));
    objects
}

fn flatten(value: Value, out: &mut Vec<serde_json::Map<String, Value>>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, out, depth + 1)),
        Value::Object(mut o) => {
            if let Some(graph) = o.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            out.push(o);
        }
        _ => {}
    }
}

/// A string, or the `@id` / `url` of an object (`mainEntityOfPage` is often one).
fn string_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => clean(s),
        Value::Object(o) => o
            .get("@id")
            .or_else(|| o.get("url"))
            .and_then(Value::as_str)
            .and_then(clean),
        Value::Array(items) => items.iter().find_map(string_of),
        _ => None,
    }
}

/// The names in an author or publisher value: a string, an object with `name`, or a list.
fn names(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => clean(s).into_iter().collect(),
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .and_then(clean)
            .into_iter()
            .collect(),
        Value::Array(items) => items.iter().flat_map(names).collect(),
        _ => Vec::new(),
    }
}
