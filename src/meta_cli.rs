//! `factdesk meta VERDICT_FILE [--url U] [--outlet O] [--author A]… [--published DATE]
//! [--language L] [--json]`, and `factdesk check [--strict]`.

use std::path::Path;

use anyhow::Context as _;
use serde_json::json;

use crate::model::{Case, MetaEdit};
use crate::store;
use crate::text::clean_line;

/// Sets the given fields (saving the verdict file atomically) and prints the metadata: one
/// `field: value` line each, or with `json` one object with the keys `url`, `title`,
/// `outlet`, `authors`, `published`, `retrieved`, `language`.
pub fn meta(verdict_file: &Path, edit: MetaEdit, as_json: bool) -> anyhow::Result<Vec<String>> {
    let mut loaded = store::load(verdict_file)?;
    let mut out = Vec::new();
    if !edit.is_empty() {
        let changed = edit.apply(&mut loaded.case.article.meta)?;
        if !changed.is_empty() {
            store::save(verdict_file, &loaded.case, &loaded.view, &loaded.extra)
                .with_context(|| format!("cannot save {}", verdict_file.display()))?;
        }
        crate::say::err(format!(
            "{}: {}",
            verdict_file.display(),
            if changed.is_empty() {
                "nothing changed".to_string()
            } else {
                format!("set {}", changed.join(", "))
            }
        ));
    }
    let case = &loaded.case;
    if as_json {
        out.push(json_of(case).to_string());
    } else {
        out.extend(lines_of(case));
    }
    Ok(out)
}

/// The metadata as one JSON object (absent values are `null`, authors a list).
pub fn json_of(case: &Case) -> serde_json::Value {
    let meta = &case.article.meta;
    let origin = &case.article.origin;
    json!({
        "url": meta.url,
        "title": origin.title,
        "outlet": meta.outlet,
        "authors": meta.authors,
        "published": meta.published,
        "retrieved": origin.retrieved,
        "language": meta.language,
    })
}

/// The metadata as `field: value` lines, cleaned for the terminal; "—" where unknown.
fn lines_of(case: &Case) -> Vec<String> {
    let meta = &case.article.meta;
    let origin = &case.article.origin;
    let authors = meta.authors.join("; ");
    let rows: [(&str, Option<&str>); 7] = [
        ("url", meta.url.as_deref()),
        ("title", origin.title.as_deref()),
        ("outlet", meta.outlet.as_deref()),
        ("authors", Some(authors.as_str()).filter(|a| !a.is_empty())),
        ("published", meta.published.as_deref()),
        ("retrieved", origin.retrieved.as_deref()),
        ("language", meta.language.as_deref()),
    ];
    rows.iter()
        .map(|(name, value)| {
            let shown = value.map_or_else(|| "—".to_string(), |v| clean_line(v).into_owned());
            let from = meta
                .provenance
                .get(*name)
                .map(|p| format!("  ({})", clean_line(p)))
                .unwrap_or_default();
            format!("{name:<10} {shown}{from}")
        })
        .collect()
}

/// `factdesk check`: the file's problems on stdout, the pre-publication lint too; the exit
/// code is the check's, and with `strict` lint findings make it 1.
pub fn check(verdict_file: &Path, strict: bool) -> u8 {
    let report = crate::check::check_file(verdict_file);
    let shown = verdict_file.display().to_string();
    for problem in &report.problems {
        crate::say::out(format!("{shown}: {problem}"));
    }
    let findings = if report.readable {
        crate::check::lint::lint_file(verdict_file).unwrap_or_default()
    } else {
        Vec::new()
    };
    for finding in &findings {
        let line = format!("{shown}: lint: {}", finding.message);
        if strict {
            crate::say::out(line);
        } else {
            crate::say::err(line);
        }
    }
    let code = u8::try_from(report.exit_code()).unwrap_or(2);
    if report.problems.is_empty() {
        match (findings.len(), strict) {
            (0, _) => crate::say::err(format!("{shown}: no problems")),
            (n, false) => crate::say::err(format!(
                "{shown}: no problems in the file; {n} before publishing (--strict fails on them)"
            )),
            (n, true) => crate::say::err(format!("{shown}: {n} to fix before publishing")),
        }
    }
    if strict && code == 0 && !findings.is_empty() {
        return 1;
    }
    code
}
