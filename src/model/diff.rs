//! What differs between two versions of a case, as a typed summary: claims added, removed
//! or changed (wording, verdict, status, claimant, dates, links…), sources added, removed or
//! edited, the article's metadata, the scale, suggestions dismissed or taken back. Claims are
//! matched by id and listed in claim-number order. `factdesk diff` prints
//! it; anything else that needs "what changed" can read it.

use std::collections::HashMap;

use super::{Case, Claim, ClaimStatus, ClaimantKind, Dismissal, Link, Source};

/// Everything that differs from `before` to `after`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseDiff {
    /// In claim-number order.
    pub claims: Vec<ClaimDiff>,
    /// In library order (removed ones after).
    pub sources: Vec<SourceDiff>,
    /// The article's title and metadata fields that changed: (name, before, after), each
    /// value as one line (`""`: none).
    pub meta: Vec<(&'static str, String, String)>,
    /// The scale's name before and after, when it changed.
    pub scale: Option<(String, String)>,
    /// Unresolved merge conflicts before and after, when their number changed.
    pub conflicts: Option<(usize, usize)>,
    /// Suggestions dismissed since, then dismissals taken back, by their text.
    pub dismissals: Vec<DismissalChange>,
}

/// A check-worthiness suggestion dismissed, or its dismissal taken back (the sentence).
#[derive(Debug, Clone, PartialEq)]
pub enum DismissalChange {
    Dismissed(String),
    Restored(String),
}

/// One claim that differs.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimDiff {
    Added {
        number: u32,
        text: String,
    },
    Removed {
        number: u32,
        text: String,
    },
    Changed {
        number: u32,
        changes: Vec<ClaimChange>,
    },
}

impl ClaimDiff {
    pub fn number(&self) -> u32 {
        match self {
            ClaimDiff::Added { number, .. }
            | ClaimDiff::Removed { number, .. }
            | ClaimDiff::Changed { number, .. } => *number,
        }
    }
}

/// What changed in a claim.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimChange {
    Wording(String, String),
    Rating(Option<String>, Option<String>),
    Explanation,
    Status(ClaimStatus, ClaimStatus),
    Claimant(String, String),
    /// factdesk's guess at the claimant.
    ClaimantGuess(Option<String>, Option<String>),
    /// Person or organization (`None`: detected from the name).
    ClaimantKind(Option<ClaimantKind>, Option<ClaimantKind>),
    /// The date the claim was made.
    MadeOn(Option<String>, Option<String>),
    /// Where the claim first appeared.
    FirstAppearance(Option<String>, Option<String>),
    /// The date the review was first published.
    Published(Option<String>, Option<String>),
    Anchors,
    LinkAdded(LinkSummary),
    LinkRemoved(LinkSummary),
    LinkChanged(LinkSummary),
    /// Anything else (fields this summary does not name, the number).
    Other,
}

/// A link as the summary names it.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkSummary {
    pub source: String,
    pub stance: &'static str,
    pub quote: String,
}

impl LinkSummary {
    fn of(link: &Link) -> LinkSummary {
        LinkSummary {
            source: link.source.0.clone(),
            stance: link.stance.name(),
            quote: link.quote.clone(),
        }
    }
}

/// One source that differs.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceDiff {
    Added { id: String, title: String },
    Removed { id: String, title: String },
    Edited { id: String, title: String },
}

/// The differences from `before` to `after`.
pub fn diff(before: &Case, after: &Case) -> CaseDiff {
    let old: HashMap<&str, &Claim> = before.claims.iter().map(|c| (c.id.0.as_str(), c)).collect();
    let new: HashMap<&str, &Claim> = after.claims.iter().map(|c| (c.id.0.as_str(), c)).collect();
    let mut claims = Vec::new();
    for c in &after.claims {
        match old.get(c.id.0.as_str()) {
            None => claims.push(ClaimDiff::Added {
                number: c.number,
                text: c.text.clone(),
            }),
            Some(o) if *o != c => claims.push(ClaimDiff::Changed {
                number: c.number,
                changes: claim_changes(o, c),
            }),
            Some(_) => {}
        }
    }
    for c in before
        .claims
        .iter()
        .filter(|c| !new.contains_key(c.id.0.as_str()))
    {
        claims.push(ClaimDiff::Removed {
            number: c.number,
            text: c.text.clone(),
        });
    }
    claims.sort_by_key(|d| (d.number(), matches!(d, ClaimDiff::Added { .. })));
    let scale = (before.scale != after.scale)
        .then(|| (before.scale.name.clone(), after.scale.name.clone()));
    let conflicts = (before.conflicts.len() != after.conflicts.len())
        .then_some((before.conflicts.len(), after.conflicts.len()));
    CaseDiff {
        claims,
        sources: source_changes(&before.sources, &after.sources),
        meta: meta_changes(before, after),
        scale,
        conflicts,
        dismissals: dismissal_changes(&before.suggestions.dismissed, &after.suggestions.dismissed),
    }
}

/// The article's title and metadata, field by field, as one line each.
fn meta_changes(before: &Case, after: &Case) -> Vec<(&'static str, String, String)> {
    let fields = |case: &Case| {
        let (origin, meta) = (&case.article.origin, &case.article.meta);
        let one = |v: &Option<String>| v.clone().unwrap_or_default();
        [
            ("title", one(&origin.title)),
            ("url", one(&meta.url)),
            ("outlet", one(&meta.outlet)),
            ("authors", meta.authors.join("; ")),
            ("published", one(&meta.published)),
            ("language", one(&meta.language)),
        ]
    };
    fields(before)
        .into_iter()
        .zip(fields(after))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((name, a), (_, b))| (name, a, b))
        .collect()
}

/// Dismissals are the same when their place and text are.
fn dismissal_changes(before: &[Dismissal], after: &[Dismissal]) -> Vec<DismissalChange> {
    let same =
        |a: &Dismissal, b: &Dismissal| (a.start, a.end, &a.exact) == (b.start, b.end, &b.exact);
    let added = after
        .iter()
        .filter(|d| !before.iter().any(|b| same(b, d)))
        .map(|d| DismissalChange::Dismissed(d.exact.clone()));
    let removed = before
        .iter()
        .filter(|d| !after.iter().any(|a| same(a, d)))
        .map(|d| DismissalChange::Restored(d.exact.clone()));
    added.chain(removed).collect()
}

fn claim_changes(o: &Claim, n: &Claim) -> Vec<ClaimChange> {
    let mut out = Vec::new();
    if o.text != n.text {
        out.push(ClaimChange::Wording(o.text.clone(), n.text.clone()));
    }
    if o.verdict.rating != n.verdict.rating {
        let rating = (o.verdict.rating.clone(), n.verdict.rating.clone());
        out.push(ClaimChange::Rating(rating.0, rating.1));
    }
    if o.verdict.explanation != n.verdict.explanation {
        out.push(ClaimChange::Explanation);
    }
    if o.status != n.status {
        out.push(ClaimChange::Status(o.status, n.status));
    }
    if o.claimant != n.claimant {
        out.push(ClaimChange::Claimant(
            o.claimant.clone(),
            n.claimant.clone(),
        ));
    }
    if o.claimant_guess != n.claimant_guess {
        let guess = (o.claimant_guess.clone(), n.claimant_guess.clone());
        out.push(ClaimChange::ClaimantGuess(guess.0, guess.1));
    }
    if o.claimant_kind != n.claimant_kind {
        out.push(ClaimChange::ClaimantKind(o.claimant_kind, n.claimant_kind));
    }
    if o.made_on != n.made_on {
        out.push(ClaimChange::MadeOn(o.made_on.clone(), n.made_on.clone()));
    }
    if o.first_appearance != n.first_appearance {
        let first = (o.first_appearance.clone(), n.first_appearance.clone());
        out.push(ClaimChange::FirstAppearance(first.0, first.1));
    }
    let published = |c: &Claim| c.verdict.published.as_ref().map(|p| p.date.clone());
    if published(o) != published(n) {
        out.push(ClaimChange::Published(published(o), published(n)));
    }
    if o.anchors != n.anchors {
        out.push(ClaimChange::Anchors);
    }
    let key = |l: &Link| (l.source.0.clone(), l.quote.clone());
    for l in &n.links {
        match o.links.iter().find(|x| key(x) == key(l)) {
            None => out.push(ClaimChange::LinkAdded(LinkSummary::of(l))),
            Some(x) if x != l => out.push(ClaimChange::LinkChanged(LinkSummary::of(l))),
            Some(_) => {}
        }
    }
    for l in o
        .links
        .iter()
        .filter(|l| !n.links.iter().any(|x| key(x) == key(l)))
    {
        out.push(ClaimChange::LinkRemoved(LinkSummary::of(l)));
    }
    if out.is_empty() {
        out.push(ClaimChange::Other);
    }
    out
}

fn source_changes(before: &[Source], after: &[Source]) -> Vec<SourceDiff> {
    let mut out = Vec::new();
    for s in after {
        let (id, title) = (s.id.0.clone(), s.title.clone());
        match before.iter().find(|o| o.id == s.id) {
            None => out.push(SourceDiff::Added { id, title }),
            Some(o) if o != s => out.push(SourceDiff::Edited { id, title }),
            Some(_) => {}
        }
    }
    for s in before
        .iter()
        .filter(|s| !after.iter().any(|n| n.id == s.id))
    {
        out.push(SourceDiff::Removed {
            id: s.id.0.clone(),
            title: s.title.clone(),
        });
    }
    out
}

impl CaseDiff {
    pub fn is_empty(&self) -> bool {
        *self == CaseDiff::default()
    }

    /// The summary for people, one line each (not yet cleaned for a terminal).
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let rating = |r: &Option<String>| r.clone().unwrap_or_else(|| "unrated".into());
        let value = |v: &Option<String>| v.as_ref().map_or("none".into(), |v| format!("“{v}”"));
        let kind = |k: &Option<ClaimantKind>| k.map_or("detected", ClaimantKind::name);
        let link = |l: &LinkSummary| match l.quote.is_empty() {
            true => format!("{} ({})", l.source, l.stance),
            false => format!("{} ({}) “{}”", l.source, l.stance, l.quote),
        };
        for c in &self.claims {
            match c {
                ClaimDiff::Added { number, text } => out.push(format!("C{number} added: “{text}”")),
                ClaimDiff::Removed { number, text } => {
                    out.push(format!("C{number} removed: “{text}”"))
                }
                ClaimDiff::Changed { number, changes } => {
                    for change in changes {
                        out.push(format!(
                            "C{number} {}",
                            match change {
                                ClaimChange::Wording(a, b) => format!("wording: “{a}” → “{b}”"),
                                ClaimChange::Rating(a, b) => {
                                    format!("verdict: {} → {}", rating(a), rating(b))
                                }
                                ClaimChange::Explanation => "explanation changed".into(),
                                ClaimChange::Status(a, b) => {
                                    format!("status: {} → {}", a.name(), b.name())
                                }
                                ClaimChange::Claimant(a, b) => format!("claimant: “{a}” → “{b}”"),
                                ClaimChange::ClaimantGuess(a, b) => {
                                    format!("claimant guess: {} → {}", value(a), value(b))
                                }
                                ClaimChange::ClaimantKind(a, b) => {
                                    format!("claimant kind: {} → {}", kind(a), kind(b))
                                }
                                ClaimChange::MadeOn(a, b) => {
                                    format!("claim date: {} → {}", value(a), value(b))
                                }
                                ClaimChange::FirstAppearance(a, b) => {
                                    format!("first appearance: {} → {}", value(a), value(b))
                                }
                                ClaimChange::Published(a, b) => {
                                    format!("first published: {} → {}", value(a), value(b))
                                }
                                ClaimChange::Anchors => "moved in the article".into(),
                                ClaimChange::LinkAdded(l) => format!("link added: {}", link(l)),
                                ClaimChange::LinkRemoved(l) => format!("link removed: {}", link(l)),
                                ClaimChange::LinkChanged(l) => format!("link changed: {}", link(l)),
                                ClaimChange::Other => "changed".into(),
                            }
                        ));
                    }
                }
            }
        }
        for s in &self.sources {
            out.push(match s {
                SourceDiff::Added { id, title } => format!("source added: {id} “{title}”"),
                SourceDiff::Removed { id, title } => format!("source removed: {id} “{title}”"),
                SourceDiff::Edited { id, title } => format!("source edited: {id} “{title}”"),
            });
        }
        let text = |v: &String| match v.is_empty() {
            true => "none".to_string(),
            false => format!("“{v}”"),
        };
        for (name, a, b) in &self.meta {
            out.push(format!("article {name}: {} → {}", text(a), text(b)));
        }
        if let Some((a, b)) = &self.scale {
            out.push(format!("scale: {a} → {b}"));
        }
        if let Some((a, b)) = self.conflicts {
            out.push(format!("unresolved conflicts: {a} → {b}"));
        }
        for d in &self.dismissals {
            out.push(match d {
                DismissalChange::Dismissed(t) => format!("suggestion dismissed: “{t}”"),
                DismissalChange::Restored(t) => format!("suggestion no longer dismissed: “{t}”"),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, ClaimId, Origin, Scale, SourceId, Stance};

    fn case() -> Case {
        let mut case = Case::new(
            Article::new("A b c.".into(), Origin::default()),
            Scale::default_scale(),
        );
        for (id, n) in [("a", 1), ("b", 2), ("c", 3)] {
            case.claims.push(Claim {
                id: ClaimId(id.into()),
                number: n,
                anchors: Vec::new(),
                text: format!("claim {id}"),
                claimant: String::new(),
                claimant_guess: None,
                claimant_kind: None,
                made_on: None,
                first_appearance: None,
                status: ClaimStatus::Todo,
                verdict: Default::default(),
                links: Vec::new(),
                created: String::new(),
                updated: String::new(),
                extra: Default::default(),
            });
        }
        case.sources
            .push(Source::new(SourceId("s1".into()), "Report", "", ""));
        case
    }

    /// Each kind of change gets its line, claims in number order whatever the list order.
    #[test]
    fn lines_in_claim_number_order() {
        let before = case();
        let mut after = case();
        after.claims.remove(0);
        after.claims.reverse();
        after.claims[0].verdict.rating = Some("False".into());
        after.claims[0].status = ClaimStatus::Reviewed;
        let mut link = Link::new(SourceId("s1".into()));
        link.stance = Stance::Refutes;
        link.quote = "q".into();
        after.claims[1].links.push(link);
        after.claims[1].text = "claim B".into();
        let mut new = after.claims[0].clone();
        new.id = ClaimId("d".into());
        new.number = 4;
        after.claims.push(new);
        after
            .sources
            .push(Source::new(SourceId("s2".into()), "Data", "", ""));
        after.sources[0].title = "Report 2".into();
        let dismissal = |exact: &str| Dismissal {
            start: 0,
            end: exact.chars().count(),
            exact: exact.into(),
            extra: Default::default(),
        };
        let mut before = before;
        before.suggestions.dismissed.push(dismissal("A b"));
        after.suggestions.dismissed.push(dismissal("A b c."));
        let lines = diff(&before, &after).lines();
        assert_eq!(
            lines,
            [
                "C1 removed: “claim a”",
                "C2 wording: “claim b” → “claim B”",
                "C2 link added: s1 (refutes) “q”",
                "C3 verdict: unrated → False",
                "C3 status: todo → reviewed",
                "C4 added: “claim c”",
                "source edited: s1 “Report 2”",
                "source added: s2 “Data”",
                "suggestion dismissed: “A b c.”",
                "suggestion no longer dismissed: “A b”",
            ]
        );
        assert!(diff(&before, &before).is_empty());
    }

    /// The publishing fields are named, not lumped into "changed": the claimant's guess and
    /// kind, the claim's date and first appearance, the first publication, the metadata.
    #[test]
    fn publishing_fields_are_named() {
        let before = case();
        let mut after = case();
        let c = &mut after.claims[0];
        c.claimant_guess = Some("Olivia Brandt".into());
        c.claimant_kind = Some(ClaimantKind::Organization);
        c.made_on = Some("2026-01-01".into());
        c.first_appearance = Some("https://x.example/first".into());
        c.verdict.published = Some(crate::model::Published {
            date: "2026-02-03".into(),
            ..Default::default()
        });
        after.article.meta.url = Some("https://news.example/a".into());
        after.article.meta.authors = vec!["R. Okafor".into(), "J. Berg".into()];
        after.article.origin.title = Some("Ferries".into());
        assert_eq!(
            diff(&before, &after).lines(),
            [
                "C1 claimant guess: none → “Olivia Brandt”",
                "C1 claimant kind: detected → organization",
                "C1 claim date: none → “2026-01-01”",
                "C1 first appearance: none → “https://x.example/first”",
                "C1 first published: none → “2026-02-03”",
                "article title: none → “Ferries”",
                "article url: none → “https://news.example/a”",
                "article authors: none → “R. Okafor; J. Berg”",
            ]
        );
    }
}
