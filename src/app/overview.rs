//! The case overview: what an editor looks at before publishing.

use std::collections::HashSet;

use super::state::{AppState, View};
use crate::keymap::Command;
use crate::model::{Case, Stance};

/// What a row of the overview counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKind {
    /// Claims rated with this label (its `#rrggbb` colour), or unrated (`None`).
    Verdict(Option<String>),
    /// Claims in a workflow status.
    Status,
    /// Claims whose evidence needs a look.
    Gap,
    /// Sources cited by no claim.
    UnusedSources,
}

/// A line of the overview: a label, what it counts, and the claims (by index) it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewRow {
    pub heading: Option<&'static str>,
    pub label: String,
    pub kind: RowKind,
    pub count: usize,
    pub claims: Vec<usize>,
}

/// The overview's rows, in display order: verdicts, statuses, evidence gaps, unused sources.
pub fn overview_rows(case: &Case) -> Vec<OverviewRow> {
    let mut rows = Vec::new();
    let claims_where = |f: &dyn Fn(&crate::model::Claim) -> bool| -> Vec<usize> {
        case.claims
            .iter()
            .enumerate()
            .filter(|(_, c)| f(c))
            .map(|(i, _)| i)
            .collect()
    };
    let mut push = |heading, label: String, kind, claims: Vec<usize>| {
        rows.push(OverviewRow {
            heading,
            label,
            kind,
            count: claims.len(),
            claims,
        })
    };
    let mut first = true;
    for label in &case.scale.labels {
        let claims = claims_where(&|c| c.verdict.rating.as_deref() == Some(label.label.as_str()));
        let heading = first.then_some("Verdicts");
        first = false;
        push(
            heading,
            label.label.clone(),
            RowKind::Verdict(Some(label.colour.clone())),
            claims,
        );
    }
    let off_scale = claims_where(&|c| {
        c.verdict
            .rating
            .as_deref()
            .is_some_and(|r| case.scale.label(r).is_none())
    });
    if !off_scale.is_empty() {
        push(
            None,
            "Not on the scale ⚠".into(),
            RowKind::Verdict(None),
            off_scale,
        );
    }
    let heading = first.then_some("Verdicts");
    push(
        heading,
        "Unrated".into(),
        RowKind::Verdict(None),
        claims_where(&|c| !c.is_rated()),
    );
    for (i, status) in ["todo", "researching", "reviewed"].into_iter().enumerate() {
        let claims = claims_where(&|c| c.status.name() == status);
        push(
            (i == 0).then_some("Workflow"),
            status.into(),
            RowKind::Status,
            claims,
        );
    }
    let known: HashSet<&str> = case.sources.iter().map(|s| s.id.0.as_str()).collect();
    let sources_of = |c: &crate::model::Claim| -> HashSet<String> {
        c.links
            .iter()
            .filter(|l| known.contains(l.source.0.as_str()))
            .map(|l| l.source.0.clone())
            .collect()
    };
    let stances =
        |c: &crate::model::Claim| -> HashSet<Stance> { c.links.iter().map(|l| l.stance).collect() };
    push(
        Some("Evidence"),
        "No sources".into(),
        RowKind::Gap,
        claims_where(&|c| sources_of(c).is_empty()),
    );
    push(
        None,
        "Only one source".into(),
        RowKind::Gap,
        claims_where(&|c| sources_of(c).len() == 1),
    );
    push(
        None,
        "Only supporting evidence".into(),
        RowKind::Gap,
        claims_where(&|c| stances(c) == HashSet::from([Stance::Supports])),
    );
    push(
        None,
        "Only refuting evidence".into(),
        RowKind::Gap,
        claims_where(&|c| stances(c) == HashSet::from([Stance::Refutes])),
    );
    let unused = case
        .sources
        .iter()
        .filter(|s| case.link_count(&s.id) == 0)
        .count();
    rows.push(OverviewRow {
        heading: Some("Library"),
        label: "Sources cited by no claim".into(),
        kind: RowKind::UnusedSources,
        count: unused,
        claims: Vec::new(),
    });
    publishing_rows(case, &mut rows);
    rows
}

/// "Before publishing": a row per kind of pre-publication lint finding that the case has
/// (the rules of `check::lint`), or one row saying there is nothing to fix.
fn publishing_rows(case: &Case, rows: &mut Vec<OverviewRow>) {
    let findings = crate::check::lint::lint(case);
    let mut heading = Some("Before publishing");
    for kind in crate::check::lint::LintKind::ALL {
        let mut claims: Vec<usize> = findings
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| f.claim)
            .collect();
        claims.dedup();
        if claims.is_empty() {
            continue;
        }
        rows.push(OverviewRow {
            heading: heading.take(),
            label: kind.label().into(),
            kind: RowKind::Gap,
            count: claims.len(),
            claims,
        });
    }
    if heading.is_some() {
        rows.push(OverviewRow {
            heading,
            label: "Nothing to fix".into(),
            kind: RowKind::Gap,
            count: 0,
            claims: Vec::new(),
        });
    }
}

/// The overview screen's cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OverviewView {
    pub selected: usize,
}

impl AppState {
    /// `O`: the overview (again: back to the main screen).
    pub(super) fn toggle_overview(&mut self) {
        self.view = match self.view {
            View::Overview(_) => View::Main,
            _ => View::Overview(OverviewView::default()),
        };
    }

    pub(super) fn run_overview(&mut self, command: Command) -> Vec<super::action::Effect> {
        let rows = overview_rows(&self.case);
        let View::Overview(view) = &mut self.view else {
            return Vec::new();
        };
        let last = rows.len().saturating_sub(1);
        match command {
            Command::MoveDown => view.selected = (view.selected + 1).min(last),
            Command::MoveUp => view.selected = view.selected.saturating_sub(1),
            Command::GoTop => view.selected = 0,
            Command::GoBottom => view.selected = last,
            Command::Cancel | Command::ShowOverview => self.view = View::Main,
            Command::Confirm => {
                let Some(row) = rows.get(view.selected) else {
                    return Vec::new();
                };
                match (&row.kind, row.count) {
                    (_, 0) => self.info(format!("No claims: {}", row.label)),
                    (RowKind::UnusedSources, _) => self.toggle_library(),
                    _ => self.open_claim_filter(Some(row.claims.clone())),
                }
            }
            other => return self.run_pane(other),
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Link, Origin, Scale, Source, SourceId};

    /// Rows count verdicts, statuses, evidence gaps and unused sources, and list the claims.
    #[test]
    fn rows_count_the_case() {
        let mut case = Case::new(
            Article::new("A. B. C.".into(), Origin::default()),
            Scale::default_scale(),
        );
        for (i, (rating, links)) in [
            (Some("False"), vec![Stance::Refutes]),
            (Some("False"), vec![]),
            (None, vec![Stance::Supports, Stance::Refutes]),
        ]
        .into_iter()
        .enumerate()
        {
            let mut c: crate::model::Claim = serde_json::from_value(serde_json::json!({
                "id": format!("c{i}"), "anchors": [{"start": i * 3, "end": i * 3 + 2, "exact": "x"}],
                "text": "t", "created": "", "updated": ""
            }))
            .unwrap();
            c.verdict.rating = rating.map(String::from);
            c.links = links
                .into_iter()
                .enumerate()
                .map(|(j, stance)| Link {
                    stance,
                    ..Link::new(SourceId(format!("s{j}")))
                })
                .collect();
            case.claims.push(c);
        }
        for id in ["s0", "s1", "s2"] {
            case.sources
                .push(Source::new(SourceId(id.into()), id, "", ""));
        }
        let rows = overview_rows(&case);
        let row = |label: &str| rows.iter().find(|r| r.label == label).unwrap();
        assert_eq!(row("False").claims, [0, 1]);
        assert_eq!(row("True").count, 0);
        assert_eq!(row("Unrated").claims, [2]);
        assert_eq!(row("todo").count, 3);
        assert_eq!(row("No sources").claims, [1]);
        assert_eq!(row("Only one source").claims, [0]);
        assert_eq!(row("Only refuting evidence").claims, [0]);
        assert_eq!(row("Only supporting evidence").count, 0);
        assert_eq!(row("Sources cited by no claim").count, 1, "s2");
    }
}
