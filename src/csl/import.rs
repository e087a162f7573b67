//! CSL-JSON in: lenient reading of Zotero, Better BibTeX and Pandoc exports.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::dates::read_date;
use super::fields::{kind_of, label, names, text};
use super::{ARCHIVE_KEY, CSL_ID_KEY, CslError, TYPE_KEY, property_kind};
use crate::model::{ClaimId, Entropy, Extra, Name, Source, SourceId};

/// What an import produced: new sources to add, and what the user should know about.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// The new sources, in file order, with ids unique against the library and each other.
    pub sources: Vec<Source>,
    /// One line per guess or loss, naming the item ("item 3 (“Title”): …").
    pub warnings: Vec<String>,
    /// Items not imported: duplicates of a URL already present, and non-object entries.
    pub skipped: usize,
}

/// Reads CSL-JSON (an array of items, one item, or `{"items": […]}` / `{"references": […]}`)
/// into new sources for a library that already holds `existing`.
///
/// Lenient: a missing type becomes `webpage`, a missing title `(untitled)`; a missing
/// access date stays missing (it is never invented); ids that cannot be source ids (or are
/// already taken) get fresh source ids, but the original is kept in `custom["csl-id"]` and
/// exported as the item's `id` again, so citation keys survive the round trip; every field
/// without a [`Source`] counterpart is kept in `extra["custom"]`. Duplicates are found by
/// DOI, then, for items without one, by URL plus title: such items, already in the library
/// or earlier in the file, are skipped. Each of these is reported in [`Imported::warnings`].
pub fn import(
    json: &str,
    existing: &[Source],
    entropy: &mut dyn Entropy,
) -> Result<Imported, CslError> {
    let text = json.strip_prefix('\u{feff}').unwrap_or(json);
    let value: Value = serde_json::from_str(text).map_err(|e| syntax_error(&e))?;
    let items = items_of(value)?;
    let mut importer = Importer {
        ids: existing.iter().map(|s| s.id.0.clone()).collect(),
        seen: existing
            .iter()
            .flat_map(|s| {
                let doi = s
                    .extra
                    .get("custom")
                    .and_then(|c| c.get("DOI"))
                    .or(s.extra.get("DOI"));
                duplicate_key(doi, &s.url, &s.title)
            })
            .map(|k| (k, None))
            .collect(),
        out: Imported::default(),
    };
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Value::Object(o) => importer.item(i + 1, o, entropy),
            other => {
                let what = kind_of(&other);
                let msg = format!("item {}: {what}, not a CSL item: skipped", i + 1);
                importer.out.warnings.push(msg);
                importer.out.skipped += 1;
            }
        }
    }
    Ok(importer.out)
}

fn syntax_error(e: &serde_json::Error) -> CslError {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let msg = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    CslError::Syntax {
        line: e.line(),
        column: e.column(),
        msg,
    }
}

/// The item list of a CSL-JSON document, or why it is not one.
fn items_of(value: Value) -> Result<Vec<Value>, CslError> {
    match value {
        Value::Array(items) => {
            if let Some(first) = items
                .first()
                .filter(|_| !items.iter().any(Value::is_object))
            {
                return Err(CslError::NotCsl(format!(
                    "an array of {} values, expected an array of CSL items (JSON objects)",
                    kind_of(first)
                        .trim_start_matches("an ")
                        .trim_start_matches("a ")
                )));
            }
            Ok(items)
        }
        Value::Object(mut o) => {
            for key in ["items", "references"] {
                if matches!(o.get(key), Some(Value::Array(_))) {
                    return items_of(o.remove(key).unwrap_or_default());
                }
            }
            if o.keys().any(|k| property_kind(k).is_some()) {
                Ok(vec![Value::Object(o)])
            } else {
                Err(CslError::NotCsl(
                    "a JSON object without CSL item fields (id, type, title, URL…); expected \
                     an array of items, one item, or an object with an \"items\" array"
                        .into(),
                ))
            }
        }
        other => Err(CslError::NotCsl(format!(
            "the file holds {}, expected an array of CSL items",
            kind_of(&other)
        ))),
    }
}

struct Importer {
    /// Ids in use: the library's and those given so far.
    ids: HashSet<String>,
    /// Duplicate keys present ([`duplicate_key`]): `None` for the library's,
    /// `Some(item number)` for this file's.
    seen: HashMap<String, Option<usize>>,
    out: Imported,
}

/// The fields of one item as read, before ids and duplicates are settled.
#[derive(Default)]
struct Fields {
    id: Option<Value>,
    kind: Option<String>,
    title: String,
    url: String,
    container_title: String,
    note: String,
    author: Vec<Name>,
    issued: String,
    accessed: String,
    archive_url: String,
    own_type: Option<String>,
    custom: Map<String, Value>,
}

impl Importer {
    fn item(&mut self, number: usize, item: Map<String, Value>, entropy: &mut dyn Entropy) {
        let label = label(number, &item);
        let mut warnings = Vec::new();
        let mut f = Fields::default();
        let mut incoming_custom = None;
        for (key, value) in item {
            match key.as_str() {
                "id" => f.id = Some(value),
                "type" => match value {
                    Value::String(s) if !s.trim().is_empty() => f.kind = Some(s.trim().into()),
                    Value::String(_) | Value::Null => {}
                    other => {
                        warnings.push(format!("type is {}, not a string", kind_of(&other)));
                        f.custom.insert(key, other);
                    }
                },
                "title" => f.title = text(&key, value, &mut f.custom, &mut warnings),
                "URL" => f.url = text(&key, value, &mut f.custom, &mut warnings),
                "container-title" => {
                    f.container_title = text(&key, value, &mut f.custom, &mut warnings)
                }
                "note" => f.note = text(&key, value, &mut f.custom, &mut warnings),
                "author" => f.author = names(&key, value, &mut f.custom, &mut warnings),
                "issued" | "accessed" => {
                    let read = read_date(&value);
                    if let Some(w) = &read.warning {
                        warnings.push(format!("{key}: {w}"));
                    }
                    if key == "issued" {
                        f.issued = read.date;
                    } else {
                        f.accessed = read.date;
                    }
                    if read.keep {
                        f.custom.insert(key, value);
                    }
                }
                "custom" => incoming_custom = Some(value),
                _ => {
                    f.custom.insert(key, value);
                }
            }
        }
        merge_custom(&mut f, incoming_custom, &mut warnings);
        self.finish(number, &label, f, warnings, entropy);
    }

    fn finish(
        &mut self,
        number: usize,
        label: &str,
        mut f: Fields,
        mut warnings: Vec<String>,
        entropy: &mut dyn Entropy,
    ) {
        if let Some(key) = duplicate_key(f.custom.get("DOI"), &f.url, &f.title) {
            if let Some(first) = self.seen.get(&key) {
                let whose = match first {
                    None => "a source already in the library".to_string(),
                    Some(n) => format!("item {n}"),
                };
                let what = if key.starts_with("doi:") {
                    "DOI"
                } else {
                    "URL and title"
                };
                warnings.push(format!("same {what} as {whose}: skipped"));
                self.out.skipped += 1;
                self.push_warnings(label, warnings);
                return;
            }
            self.seen.insert(key, Some(number));
        }
        let id = match f.id.take() {
            Some(Value::String(s)) if ClaimId::is_valid(&s) && !self.ids.contains(&s) => {
                SourceId(s)
            }
            original => {
                if let Some(original) = original.filter(|v| !v.is_null()) {
                    f.custom.entry(CSL_ID_KEY).or_insert(original);
                }
                self.fresh_id(entropy)
            }
        };
        self.ids.insert(id.0.clone());
        let kind = match (f.kind, f.own_type) {
            (Some(k), Some(own)) if k == "document" => own,
            (Some(k), _) => k,
            (None, Some(own)) => own,
            (None, None) => {
                warnings.push("no type: imported as webpage".into());
                "webpage".into()
            }
        };
        if f.title.trim().is_empty() {
            warnings.push("no title: imported as \"(untitled)\"".into());
            f.title = "(untitled)".into();
        }
        let accessed = f.accessed;
        let mut extra = Extra::new();
        if !f.custom.is_empty() {
            extra.insert("custom".into(), Value::Object(f.custom));
        }
        self.out.sources.push(Source {
            id,
            kind,
            title: f.title,
            url: f.url,
            container_title: f.container_title,
            author: f.author,
            issued: f.issued,
            accessed,
            archive_url: f.archive_url,
            note: f.note,
            extra,
        });
        self.push_warnings(label, warnings);
    }

    fn push_warnings(&mut self, label: &str, warnings: Vec<String>) {
        for w in warnings {
            self.out.warnings.push(format!("{label}: {w}"));
        }
    }

    /// A fresh id from `entropy`, retried until unused.
    fn fresh_id(&self, entropy: &mut dyn Entropy) -> SourceId {
        let mut id = entropy.new_source_id();
        for _ in 0..1000 {
            if !self.ids.contains(&id.0) {
                return id;
            }
            id = entropy.new_source_id();
        }
        // An entropy that keeps repeating itself: make the last one unique by counting.
        let base = id.0.chars().take(50).collect::<String>();
        let n = (1..).find(|n| !self.ids.contains(&format!("{base}-{n}")));
        SourceId(format!("{base}-{}", n.unwrap_or_default()))
    }
}

/// What makes two items the same: the DOI (case-insensitive, without a `doi.org` prefix)
/// when there is one, else the URL plus the title; `None` without either.
fn duplicate_key(doi: Option<&Value>, url: &str, title: &str) -> Option<String> {
    let doi = doi.and_then(Value::as_str).map(|d| d.trim().to_lowercase());
    let doi = doi.map(|d| {
        let bare = [
            "https://doi.org/",
            "http://doi.org/",
            "https://dx.doi.org/",
            "http://dx.doi.org/",
            "doi:",
        ]
        .iter()
        .find_map(|p| d.strip_prefix(p));
        bare.unwrap_or(&d).trim().to_string()
    });
    if let Some(doi) = doi.filter(|d| !d.is_empty()) {
        return Some(format!("doi:{doi}"));
    }
    let url = url.trim();
    (!url.is_empty()).then(|| format!("url:{url}\u{0}{}", title.trim().to_lowercase()))
}

/// Merges an incoming `custom` object into the fields kept so far; our own keys
/// (`archive_url`, `factdesk-type`) go back to their fields.
fn merge_custom(f: &mut Fields, incoming: Option<Value>, warnings: &mut Vec<String>) {
    match incoming {
        None | Some(Value::Null) => {}
        Some(Value::Object(o)) => {
            for (k, v) in o {
                match (k.as_str(), v) {
                    (ARCHIVE_KEY, Value::String(s)) => f.archive_url = s,
                    (TYPE_KEY, Value::String(s)) => {
                        f.own_type = Some(s).filter(|s| !s.trim().is_empty())
                    }
                    (_, v) => match f.custom.get(&k) {
                        Some(top) if *top != v => warnings.push(format!(
                            "custom.{k} differs from the item's own {k}: kept the item's"
                        )),
                        _ => {
                            f.custom.insert(k, v);
                        }
                    },
                }
            }
        }
        Some(other) => {
            f.custom.insert("custom".into(), other);
        }
    }
}
