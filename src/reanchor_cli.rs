//! `factdesk reanchor VERDICT_FILE NEW_ARTICLE [-o OUT] [--json]`: moves a case onto a new
//! version of its article.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde_json::{Value, json};

use crate::anchor::apply::{self, ClaimReport};
use crate::anchor::reanchor::Step;
use crate::model::{Case, Entropy};
use crate::open::{self, OpenError};
use crate::store;
use crate::text::clean_line;

/// What a run printed and how it ends.
#[derive(Debug)]
pub struct Run {
    /// Standard output: one line per claim, or the JSON array.
    pub stdout: String,
    /// Standard error: where the file went, notices about the new article.
    pub notes: Vec<String>,
    /// 0 when every claim is exact or moved, 1 when any changed or was orphaned.
    pub code: u8,
}

/// The text of a new version of the article, as opening it would read it.
pub fn read_new_article(path: &Path, max_bytes: u64) -> Result<(String, Vec<String>), OpenError> {
    let bytes = open::read_article(path, max_bytes)?;
    let decoded = crate::text::decode_article(&bytes);
    let notes = decoded.warnings.iter().map(ToString::to_string).collect();
    Ok((decoded.text, notes))
}

/// The text of the case's article file when it differs from the case's: the file named by
/// `article.origin.path` (as given, else beside the verdict file), if it is a readable
/// regular file of at most `max_bytes`. `None` when it is the same, absent or a URL.
pub fn newer_version(
    case: &Case,
    verdict_file: &Path,
    max_bytes: u64,
) -> Option<(String, PathBuf)> {
    let named = case.article.origin.path.as_deref()?;
    if named.contains("://") {
        return None;
    }
    let named = Path::new(named);
    let beside = verdict_file.parent().map(|dir| dir.join(named));
    let path = std::iter::once(named.to_path_buf())
        .chain(beside.filter(|_| named.is_relative()))
        .find(|p| p.is_file())?;
    let (text, _) = read_new_article(&path, max_bytes).ok()?;
    (text != case.article.text).then_some((text, path))
}

/// Re-anchors `verdict_file` onto `new_article` and saves to `out` (default: the verdict
/// file itself, atomically, the old one kept as `.bak`).
pub fn reanchor(
    verdict_file: &Path,
    new_article: &Path,
    out: Option<&Path>,
    json: bool,
    entropy: &dyn Entropy,
) -> anyhow::Result<Run> {
    let loaded = store::load(verdict_file)?;
    let (text, mut notes) = read_new_article(new_article, open::DEFAULT_MAX_ARTICLE_BYTES)?;
    let mut case = loaded.case;
    let reports = move_case(&mut case, text, new_article, entropy);
    let target = out.unwrap_or(verdict_file);
    store::save(target, &case, &loaded.view, &loaded.extra)
        .with_context(|| format!("cannot save {}", target.display()))?;
    notes.push(format!(
        "Wrote {}",
        clean_line(&target.display().to_string())
    ));
    let code = u8::from(reports.iter().any(|r| r.step.needs_checker()));
    let stdout = match json {
        true => json_report(&reports),
        false => text_report(&reports),
    };
    Ok(Run {
        stdout,
        notes,
        code,
    })
}

/// Moves the case onto `text` read from `path` now; the article's origin follows it.
pub fn move_case(
    case: &mut Case,
    text: String,
    path: &Path,
    entropy: &dyn Entropy,
) -> Vec<ClaimReport> {
    let now = entropy.now();
    let reports = apply::onto_new_version(case, text, Some(now.clone()), &now);
    case.article.origin.path = Some(path.display().to_string());
    reports
}

fn quoted(s: &str) -> String {
    let short: String = s.chars().take(80).collect();
    let more = if short.len() < s.len() { "…" } else { "" };
    format!("\"{}{more}\"", clean_line(&short))
}

/// One line per span: the claim number, its step, and old → new quote when they differ.
pub fn text_report(reports: &[ClaimReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let many = report.spans.len() > 1;
        for (k, span) in report.spans.iter().enumerate() {
            let label = match many {
                true => format!("C{} span {}", report.number, k + 1),
                false => format!("C{}", report.number),
            };
            let line = match (span.step, apply::new_span(span)) {
                (Step::Orphaned, _) | (_, None) => {
                    format!("{label} orphaned: {} not found", quoted(&span.old.exact))
                }
                (step, Some(new)) if new.exact != span.old.exact => format!(
                    "{label} {}: {} → {}",
                    step.name(),
                    quoted(&span.old.exact),
                    quoted(&new.exact)
                ),
                (step, Some(_)) => format!("{label} {}", step.name()),
            };
            out.push_str(&line);
            out.push('\n');
        }
        if report.spans.is_empty() {
            out.push_str(&format!("C{} has no span\n", report.number));
        }
    }
    out
}

/// A JSON array, one object per span: claim id and number, status, old and new span.
pub fn json_report(reports: &[ClaimReport]) -> String {
    let span = |s: &crate::model::Span| json!({"start": s.start, "end": s.end, "exact": s.exact});
    let items: Vec<Value> = reports
        .iter()
        .flat_map(|r| {
            let many = r.spans.len() > 1;
            r.spans.iter().enumerate().map(move |(k, s)| {
                let mut item = json!({
                    "claim": r.claim,
                    "number": r.number,
                    "status": s.step.name(),
                    "old": span(&s.old),
                    "new": apply::new_span(s).as_ref().map_or(Value::Null, span),
                });
                if many {
                    item["span"] = json!(k);
                }
                item
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::model::FixedEntropy;

    /// Opening a verdict file whose article file changed offers the new text; opening the
    /// article itself does too; an unchanged or missing article offers nothing.
    #[test]
    fn a_changed_article_file_is_offered() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("story.txt");
        fs::write(&article, "One claim. Two.").unwrap();
        let opened = open::open(Some(&article), None, &FixedEntropy::default()).unwrap();
        assert!(opened.newer.is_none());
        let view = store::SavedView::default();
        store::save(&opened.file.path, &opened.case, &view, &opened.file.extra).unwrap();
        let verdict = opened.file.path.clone();
        let again = open::open(Some(&verdict), None, &FixedEntropy::default()).unwrap();
        assert!(again.newer.is_none(), "unchanged");
        fs::write(&article, "One claim, edited. Two.").unwrap();
        let changed = open::open(Some(&verdict), None, &FixedEntropy::default()).unwrap();
        let (text, path) = changed.newer.unwrap();
        assert_eq!(
            (text.as_str(), path),
            ("One claim, edited. Two.", article.clone())
        );
        let by_article = open::open(Some(&article), None, &FixedEntropy::default()).unwrap();
        assert!(by_article.newer.is_some() && by_article.fresh.is_some());
        fs::remove_file(&article).unwrap();
        let gone = open::open(Some(&verdict), None, &FixedEntropy::default()).unwrap();
        assert!(gone.newer.is_none());
    }

    /// Printed lines carry no control characters, and long quotes are cut.
    #[test]
    fn report_lines_are_clean() {
        let old = format!("Start. A \u{1b}[2J claim {} here. End.", "x".repeat(200));
        let mut case = Case::new(
            crate::model::Article::new(old.clone(), Default::default()),
            crate::model::Scale::default_scale(),
        );
        let index = crate::text::CharIndex::new(&old);
        let at = old.find("A ").unwrap();
        let end = old.find(" End").unwrap();
        let mut claim: crate::model::Claim = serde_json::from_value(serde_json::json!({
            "id": "c1", "number": 1, "anchors": [], "text": "t",
            "created": "t", "updated": "t"
        }))
        .unwrap();
        claim
            .anchors
            .push(crate::anchor::create(&old, &index, at..end));
        case.claims.push(claim);
        let reports = apply::onto_new_version(&mut case, "Other text.".into(), None, "t");
        let text = text_report(&reports);
        assert!(text.starts_with("C1 orphaned: \"A "), "{text}");
        assert!(!text.contains('\u{1b}'));
        assert!(text.contains('…'));
    }
}
