//! Moving a whole case onto a new version of its article, and settling what re-anchoring
//! left for review.

use serde_json::{Value, json};

use super::reanchor::{Outcome, Reanchorer, Step};
use crate::model::{Anchor, ArticleVersion, Case, ClaimId, ReviewStatus, Span, sha256_hex};

/// What happened to one claim: the worst step of its spans, and each span's way.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimReport {
    pub claim: ClaimId,
    pub number: u32,
    pub step: Step,
    pub spans: Vec<Outcome>,
}

/// Moves `case` onto `new_text`: every span of every claim is carried over on its own, the
/// old text is kept in `article.versions`, and the history records each span's old quote
/// and step. `retrieved` is when the new text was read, `at` the time of the change.
pub fn onto_new_version(
    case: &mut Case,
    new_text: String,
    retrieved: Option<String>,
    at: &str,
) -> Vec<ClaimReport> {
    let reports: Vec<ClaimReport> = {
        let reanchorer = Reanchorer::new(&case.article.text, &new_text);
        case.claims
            .iter()
            .map(|claim| {
                let spans: Vec<Outcome> =
                    claim.anchors.iter().map(|a| reanchorer.anchor(a)).collect();
                ClaimReport {
                    claim: claim.id.clone(),
                    number: claim.number,
                    step: spans.iter().map(|s| s.step).max().unwrap_or(Step::Exact),
                    spans,
                }
            })
            .collect()
    };
    for (claim, report) in case.claims.iter_mut().zip(&reports) {
        claim.anchors = report.spans.iter().map(|s| s.anchor.clone()).collect();
        for (k, span) in report.spans.iter().enumerate() {
            case.history.push(history_entry(report, k, span, at));
        }
    }
    case.sort_claims();
    let article = &mut case.article;
    article.ensure_hash();
    let previous = article.sha256.clone();
    let old_text = std::mem::replace(&mut article.text, new_text.into());
    article.versions.push(ArticleVersion {
        sha256: previous.clone(),
        retrieved: article.origin.retrieved.take(),
        text: old_text.into_string(),
        replaced: Some(at.to_string()),
        extra: Default::default(),
    });
    article.sha256 = sha256_hex(&article.text);
    article.origin.retrieved = retrieved;
    case.history.push(json!({
        "at": at,
        "action": "new article version",
        "sha256": article.sha256,
        "previous": previous,
    }));
    reports
}

fn span_json(span: &Span) -> Value {
    json!({"start": span.start, "end": span.end, "exact": span.exact})
}

/// The new span of an outcome, `None` for an orphan.
pub fn new_span(outcome: &Outcome) -> Option<Span> {
    (outcome.step != Step::Orphaned).then(|| Span {
        start: outcome.anchor.start,
        end: outcome.anchor.end,
        exact: outcome.anchor.exact.clone(),
    })
}

fn history_entry(report: &ClaimReport, k: usize, span: &Outcome, at: &str) -> Value {
    json!({
        "at": at,
        "action": "reanchor",
        "claim": report.claim,
        "number": report.number,
        "span": k,
        "step": span.step.name(),
        "old": span_json(&span.old),
        "new": new_span(span).as_ref().map_or(Value::Null, span_json),
    })
}

/// Accepts the proposed span: the review is settled.
pub fn accept(anchor: &mut Anchor) {
    anchor.review = None;
}

/// Gives up on the proposal: the span goes back to its old position and quote, orphaned.
pub fn keep_as_orphan(anchor: &mut Anchor) {
    let Some(review) = anchor.review.take() else {
        return;
    };
    if review.status == ReviewStatus::NeedsReview {
        anchor.start = review.old.start;
        anchor.end = review.old.end;
        anchor.exact = review.old.exact.clone();
    }
    anchor.review = Some(crate::model::Review {
        status: ReviewStatus::Orphaned,
        ..review
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Claim, ClaimStatus, Origin, Scale, Verdict};
    use crate::text::CharIndex;

    fn claim(text: &str, number: u32, needles: &[&str]) -> Claim {
        let index = CharIndex::new(text);
        Claim {
            id: ClaimId(format!("c{number}")),
            number,
            anchors: needles
                .iter()
                .map(|n| {
                    let at = text.find(n).unwrap();
                    super::super::create(text, &index, at..at + n.len())
                })
                .collect(),
            text: String::new(),
            claimant: String::new(),
            claimant_guess: None,
            claimant_kind: None,
            made_on: None,
            first_appearance: None,
            status: ClaimStatus::Todo,
            verdict: Verdict::default(),
            links: Vec::new(),
            created: String::new(),
            updated: String::new(),
            extra: Default::default(),
        }
    }

    /// A case moves onto the new text: the old text becomes a version, each span is carried
    /// on its own, the history names the old quote and the step of each.
    #[test]
    fn case_moves_onto_new_version() {
        let old = "Putinbefore the talks. Gas rose 40 %. Oil fell 3 %. The end.";
        let new = "Putin before the talks. Gas rose 40 %. Oil fell 5 %. The end.";
        let mut case = Case::new(
            Article::new(old.into(), Origin::default()),
            Scale::default_scale(),
        );
        case.claims
            .push(claim(old, 1, &["Gas rose 40 %", "Oil fell 3 %"]));
        case.claims.push(claim(old, 2, &["The end."]));
        let reports = onto_new_version(&mut case, new.into(), Some("t1".into()), "t2");
        assert_eq!(reports[0].step, Step::Changed, "the worst of its spans");
        assert_eq!(reports[0].spans[0].step, Step::Moved);
        assert_eq!(reports[1].step, Step::Moved);
        assert_eq!(case.article.text, new);
        assert!(case.article.hash_matches());
        assert_eq!(case.article.versions.len(), 1);
        assert_eq!(case.article.versions[0].text, old);
        assert_eq!(case.article.origin.retrieved.as_deref(), Some("t1"));
        let c1 = &case.claims[0];
        assert!(c1.needs_review());
        assert_eq!(c1.quote(), "Gas rose 40 % … Oil fell 5 %");
        let steps: Vec<&str> = case
            .history
            .iter()
            .filter_map(|h| h["step"].as_str())
            .collect();
        assert_eq!(steps, ["moved", "changed", "moved"]);
        assert_eq!(case.history[1]["old"]["exact"], "Oil fell 3 %");
        assert_eq!(case.history[1]["new"]["exact"], "Oil fell 5 %");
        assert_eq!(
            case.history.last().unwrap()["action"],
            "new article version"
        );
    }

    /// Keeping a proposal as an orphan puts the old span back; accepting settles it.
    #[test]
    fn settling_a_review() {
        let old = "Intro. Oil fell 3 % today. Outro.";
        let new = "Intro. Oil fell 5 % today. Outro.";
        let mut case = Case::new(
            Article::new(old.into(), Origin::default()),
            Scale::default_scale(),
        );
        case.claims.push(claim(old, 1, &["Oil fell 3 % today"]));
        onto_new_version(&mut case, new.into(), None, "t");
        let mut anchor = case.claims[0].anchors[0].clone();
        keep_as_orphan(&mut anchor);
        assert_eq!(anchor.exact, "Oil fell 3 % today");
        assert_eq!(
            anchor.review.as_ref().map(|r| r.status),
            Some(ReviewStatus::Orphaned)
        );
        let mut anchor = case.claims[0].anchors[0].clone();
        accept(&mut anchor);
        assert_eq!(
            (anchor.exact.as_str(), anchor.review),
            ("Oil fell 5 % today", None)
        );
    }
}
