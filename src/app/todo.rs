//! What is left to do: sentences no claim covers, the next claim still to do, and the claim
//! list's persistent filter (`status:todo verdict:False musk`).

use super::editor::Editor;
use super::state::{AppState, Overlay, Pane};
use crate::model::{Claim, ClaimStatus, Scale};
use crate::picker::fold_for_search;

/// A filter over the claim list: every term must hold. Terms are `status:NAME`,
/// `verdict:LABEL` (`verdict:none` for unrated), `claimant:NAME` and plain words, which
/// match the wording or the claimant (or, while none is confirmed, the guess). Matching
/// ignores case and accents; a value is a prefix (`status:res`, `verdict:mostly`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFilter {
    /// The filter as typed, shown in the list's title.
    pub text: String,
    terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Status(String),
    Verdict(String),
    Claimant(String),
    Text(String),
}

impl ClaimFilter {
    /// Parses a filter; `None` when it has no terms.
    pub fn parse(text: &str) -> Option<ClaimFilter> {
        let terms: Vec<Term> = text
            .split_whitespace()
            .map(|word| {
                let folded = |v: &str| fold_for_search(v);
                match word.split_once(':') {
                    Some(("status", v)) => Term::Status(folded(v)),
                    Some(("verdict", v)) => Term::Verdict(folded(v)),
                    Some(("claimant", v)) => Term::Claimant(folded(v)),
                    _ => Term::Text(folded(word)),
                }
            })
            .collect();
        (!terms.is_empty()).then(|| ClaimFilter {
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            terms,
        })
    }

    /// Whether `claim` passes every term, its verdict read on `scale`.
    pub fn matches(&self, claim: &Claim, scale: &Scale) -> bool {
        let verdict = match claim.verdict.rating.as_deref() {
            None => "none".to_string(),
            Some(r) => fold_for_search(
                &scale
                    .label(r)
                    .map_or(r.to_string(), |l| format!("{} {}", l.label, l.key)),
            ),
        };
        let claimant = fold_for_search(claim.claimant_or_guess());
        let wording = fold_for_search(&claim.text);
        self.terms.iter().all(|term| match term {
            Term::Status(v) => claim.status.name().starts_with(v.as_str()),
            Term::Verdict(v) => {
                verdict.split(' ').any(|w| w.starts_with(v.as_str()))
                    || verdict.starts_with(v.as_str())
            }
            Term::Claimant(v) => claimant.contains(v.as_str()),
            Term::Text(v) => wording.contains(v.as_str()) || claimant.contains(v.as_str()),
        })
    }
}

impl AppState {
    /// The claims the list shows (by index, in text order): all, or those the filter passes.
    pub fn visible_claims(&self) -> Vec<usize> {
        let all = 0..self.case.claims.len();
        match &self.claim_filter {
            None => all.collect(),
            Some(f) => all
                .filter(|i| f.matches(&self.case.claims[*i], &self.case.scale))
                .collect(),
        }
    }

    /// Whether sentence `i` has text and no claim touches it.
    pub fn is_uncovered(&self, i: usize) -> bool {
        let Some(range) = self.doc.sentences.get(i) else {
            return false;
        };
        let text = &self.case.article.text[range.clone()];
        text.chars().any(char::is_alphanumeric) && self.doc.spans_in(range.clone()).next().is_none()
    }

    /// The toggle: mark the sentences no claim covers.
    pub(super) fn toggle_uncovered(&mut self) {
        self.show_uncovered = !self.show_uncovered;
        let left = (0..self.doc.sentences.len())
            .filter(|i| self.is_uncovered(*i))
            .count();
        if self.show_uncovered {
            self.info(format!(
                "{left} sentence{} no claim covers, marked",
                if left == 1 { "" } else { "s" }
            ));
        } else {
            self.info("Uncovered sentences no longer marked");
        }
    }

    /// The cursor to the next (or previous) sentence no claim covers, wrapping around.
    pub(super) fn jump_uncovered(&mut self, forward: bool) {
        let n = self.doc.sentences.len();
        let found = (1..=n)
            .map(|k| {
                if forward {
                    (self.cursor + k) % n
                } else {
                    (self.cursor + n * 2 - k) % n
                }
            })
            .find(|i| self.is_uncovered(*i));
        match found {
            Some(i) => {
                self.focus = Pane::Article;
                self.selection = None;
                self.cursor_to(i);
            }
            None => self.info("Every sentence is covered by a claim"),
        }
    }

    /// The next claim (in text order, after the current one, wrapping) that is not
    /// reviewed, shown in the article.
    pub(super) fn jump_todo(&mut self) {
        let n = self.case.claims.len();
        let from = self.current_index().map_or(n.saturating_sub(1), |i| i);
        let found = (1..=n)
            .map(|k| (from + k) % n)
            .find(|i| self.case.claims[*i].status != ClaimStatus::Reviewed);
        let Some(i) = found else {
            self.info("No claim left to do: every claim is reviewed");
            return;
        };
        self.select_claim(i);
        let focus = self.focus;
        self.jump_to_current();
        self.focus = focus;
        let left = (0..n)
            .filter(|i| self.case.claims[*i].status != ClaimStatus::Reviewed)
            .count();
        self.info(format!(
            "{}: {} · {left} claim{} to do",
            self.claim_label(i),
            self.case.claims[i].status.name(),
            if left == 1 { "" } else { "s" }
        ));
    }

    /// `/` in the claim list: edit the persistent filter.
    pub(super) fn open_list_filter(&mut self) {
        let text = self
            .claim_filter
            .as_ref()
            .map(|f| format!("{} ", f.text))
            .unwrap_or_default();
        self.overlay = Some(Overlay::ClaimFilter {
            editor: Editor::single_line(&text),
        });
    }

    /// Enter in the filter prompt: apply it (an empty one shows every claim).
    pub(super) fn finish_list_filter(&mut self) {
        let Some(Overlay::ClaimFilter { editor }) = self.overlay.take() else {
            return;
        };
        self.claim_filter = ClaimFilter::parse(&editor.text());
        let visible = self.visible_claims();
        match &self.claim_filter {
            Some(f) => self.info(format!(
                "{} of {} claims match {}",
                visible.len(),
                self.case.claims.len(),
                f.text
            )),
            None => self.info("Claim filter cleared"),
        }
        self.list_top = 0;
        if let Some(first) = visible
            .iter()
            .find(|i| Some(**i) == self.current_index())
            .or(visible.first())
        {
            self.select_claim(*first);
            if self.focus == Pane::Claims {
                let focus = self.focus;
                self.jump_to_current();
                self.focus = focus;
            }
        }
        self.keep_list_in_view();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Case, ClaimId, Extra, Origin, Verdict};

    fn claim(text: &str, claimant: &str, status: ClaimStatus, rating: Option<&str>) -> Claim {
        Claim {
            id: ClaimId("c1".into()),
            number: 1,
            text: text.into(),
            anchors: Vec::new(),
            claimant: claimant.into(),
            claimant_guess: None,
            claimant_kind: None,
            made_on: None,
            first_appearance: None,
            status,
            verdict: Verdict {
                rating: rating.map(str::to_string),
                ..Verdict::default()
            },
            links: Vec::new(),
            created: String::new(),
            updated: String::new(),
            extra: Extra::new(),
        }
    }

    /// Terms combine: status, verdict (by label, key or "none"), claimant and words, all
    /// ignoring case and accents; `False` matches the False verdict and not "Mostly false".
    #[test]
    fn filter_terms() {
        let case = Case::new(
            Article::new(String::new(), Origin::default()),
            Scale::default_scale(),
        );
        let scale = &case.scale;
        let false_label = scale.labels.iter().find(|l| l.label == "False").unwrap();
        let a = claim(
            "Musk met Putin",
            "Elon Musk",
            ClaimStatus::Todo,
            Some(&false_label.label),
        );
        let b = claim(
            "Ridership fell",
            "Nguyễn Phú Trọng",
            ClaimStatus::Reviewed,
            None,
        );
        let pass = |f: &str, c: &Claim| ClaimFilter::parse(f).unwrap().matches(c, scale);
        assert!(pass("status:todo verdict:False musk", &a));
        assert!(!pass("status:todo verdict:False musk", &b));
        assert!(pass("verdict:false", &a));
        assert!(!pass("verdict:none", &a) && pass("verdict:none", &b));
        assert!(pass("nguyen", &b) && pass("claimant:trong", &b));
        assert!(pass("status:rev", &b) && !pass("status:todo", &b));
        let mut guessed = claim("Ferries", "", ClaimStatus::Todo, None);
        guessed.claimant_guess = Some("Olivia Brandt".into());
        assert!(pass("claimant:olivia", &guessed) && pass("brandt", &guessed));
        assert!(!pass("putin verdict:none", &a));
        assert_eq!(ClaimFilter::parse("  "), None);
        assert_eq!(ClaimFilter::parse(" a   b ").unwrap().text, "a b");
    }
}
