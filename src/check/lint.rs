//! Pre-publication lint: what an editor would send back before a verdict is published.
//!
//! One home for these rules: `factdesk check` lists them (and `--strict` fails on them),
//! the overview counts them, `factdesk export` warns about them.

use std::collections::HashSet;

use crate::export::{Rating, rating};
use crate::model::{Case, Claim};

/// Google's advice for `claimReviewed`: at most 75 characters.
pub const MAX_WORDING_CHARS: usize = 75;

/// The kinds of finding, in the order they are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LintKind {
    /// Rated without any source.
    NoSource,
    /// Rated with fewer than two independent sources (AFP's norm).
    OneSource,
    /// Rated without an explanation.
    NoExplanation,
    /// The claimant is only factdesk's guess.
    UnconfirmedClaimant,
    /// The wording is longer than [`MAX_WORDING_CHARS`].
    LongWording,
    /// The verdict changed after it was published, with no correction note since.
    UncorrectedChange,
}

impl LintKind {
    pub const ALL: [LintKind; 6] = [
        LintKind::NoSource,
        LintKind::OneSource,
        LintKind::NoExplanation,
        LintKind::UnconfirmedClaimant,
        LintKind::LongWording,
        LintKind::UncorrectedChange,
    ];

    /// A short label for the overview.
    pub fn label(self) -> &'static str {
        match self {
            LintKind::NoSource => "Rated without a source",
            LintKind::OneSource => "Fewer than 2 independent sources",
            LintKind::NoExplanation => "Rated without an explanation",
            LintKind::UnconfirmedClaimant => "Claimant only guessed",
            LintKind::LongWording => "Wording over 75 characters",
            LintKind::UncorrectedChange => "Changed after publishing, no correction",
        }
    }
}

/// One finding about one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: LintKind,
    /// Index of the claim in the case.
    pub claim: usize,
    /// What is wrong, naming the claim ("C3 …"), on one line.
    pub message: String,
}

/// Every finding, claim by claim in article order.
pub fn lint(case: &Case) -> Vec<Finding> {
    let mut out = Vec::new();
    for (index, claim) in case.claims.iter().enumerate() {
        for kind in claim_findings(case, claim) {
            out.push(Finding {
                kind,
                claim: index,
                message: message(claim, kind),
            });
        }
    }
    out
}

/// The kinds of finding of one claim.
fn claim_findings(case: &Case, claim: &Claim) -> Vec<LintKind> {
    let rated = !matches!(rating(&case.scale, claim), Rating::Unrated);
    let independent = independent_sources(case, claim);
    let mut kinds = Vec::new();
    if rated && independent == 0 {
        kinds.push(LintKind::NoSource);
    }
    if rated && independent == 1 {
        kinds.push(LintKind::OneSource);
    }
    if rated && claim.verdict.reasoning().trim().is_empty() && !case.scale.is_conclusion_only() {
        kinds.push(LintKind::NoExplanation);
    }
    if claim.claimant_unconfirmed() {
        kinds.push(LintKind::UnconfirmedClaimant);
    }
    if wording_chars(claim) > MAX_WORDING_CHARS {
        kinds.push(LintKind::LongWording);
    }
    if uncorrected_change(claim) {
        kinds.push(LintKind::UncorrectedChange);
    }
    kinds
}

fn wording_chars(claim: &Claim) -> usize {
    claim
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .count()
}

/// Whether the rating differs from the one published and no correction is dated on or
/// after the publication day.
fn uncorrected_change(claim: &Claim) -> bool {
    let Some(published) = &claim.verdict.published else {
        return false;
    };
    claim.verdict.changed_since_published()
        && !claim
            .verdict
            .corrections()
            .iter()
            .any(|c| c.date >= published.date)
}

/// How many independent sources a claim links: sources counted once per publisher (the
/// `container-title`, else the URL's host, else the source itself).
pub fn independent_sources(case: &Case, claim: &Claim) -> usize {
    let publishers: HashSet<String> = claim
        .links
        .iter()
        .filter_map(|l| case.source(&l.source))
        .map(|s| {
            let publisher = s.container_title.trim().to_lowercase();
            if !publisher.is_empty() {
                return publisher;
            }
            host(&s.url).unwrap_or_else(|| format!("source:{}", s.id))
        })
        .collect();
    publishers.len()
}

/// The host of an `http(s)` URL, without `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.to_lowercase();
    let host = host.rsplit('@').next()?.to_string();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

fn message(claim: &Claim, kind: LintKind) -> String {
    let name = format!("C{}", claim.number);
    match kind {
        LintKind::NoSource => format!("{name} is rated but cites no source"),
        LintKind::OneSource => format!(
            "{name} is rated on one independent source; two or more are the norm \
             (sources from one publisher count once)"
        ),
        LintKind::NoExplanation => format!("{name} is rated but has no explanation"),
        LintKind::UnconfirmedClaimant => format!(
            "{name}'s claimant {:?} is only a guess: confirm it (a) or type the claimant; \
             exports leave it out until then",
            claim
                .claimant_guess
                .as_deref()
                .map(crate::text::clean_line)
                .unwrap_or_default()
        ),
        LintKind::LongWording => format!(
            "{name}'s wording has {} characters; Google advises at most {MAX_WORDING_CHARS} \
             for claimReviewed (it is never cut)",
            wording_chars(claim)
        ),
        LintKind::UncorrectedChange => format!(
            "{name}'s rating changed after it was published on {}; add a line \
             \"Correction YYYY-MM-DD: what changed\" to its explanation",
            claim
                .verdict
                .published
                .as_ref()
                .map_or("", |p| p.date.as_str())
        ),
    }
    .chars()
    .filter(|c| !c.is_control())
    .collect()
}

/// The findings of the verdict file at `path`, or `None` when it does not open (the check
/// reports why).
pub fn lint_file(path: &std::path::Path) -> Option<Vec<Finding>> {
    crate::store::load(path)
        .ok()
        .map(|loaded| lint(&loaded.case))
}
