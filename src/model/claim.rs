use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::{Extra, Link};

/// A claim's stable id: a short random string of `[a-z0-9]`, never reused.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClaimId(pub String);

impl ClaimId {
    /// Ids are 1–64 characters of `[a-z0-9_-]`: safe in file names, URLs and fragments.
    pub fn is_valid(s: &str) -> bool {
        (1..=64).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    }
}

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// W3C Web Annotation style anchor: a position selector (`start`..`end`, counted in Unicode
/// scalar values of the article text) plus a quote selector (`exact`, `prefix`, `suffix`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    /// Set by re-anchoring when this span could not be carried onto the new article text
    /// unaided; `None` once the checker has settled it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What re-anchoring left for the checker to settle on one span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub status: ReviewStatus,
    /// The span as it was on the previous version of the article.
    pub old: Span,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Why a span waits for the checker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Found only approximately: the anchor holds the proposed new span.
    NeedsReview,
    /// Not found: the anchor keeps its old position and quote.
    Orphaned,
}

/// A span of some version of the article: scalar-value offsets and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub exact: String,
}

/// Where the checker is with a claim; kept apart from the verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    #[default]
    Todo,
    Researching,
    Reviewed,
}

impl ClaimStatus {
    /// todo → researching → reviewed → todo.
    pub fn next(self) -> Self {
        match self {
            ClaimStatus::Todo => ClaimStatus::Researching,
            ClaimStatus::Researching => ClaimStatus::Reviewed,
            ClaimStatus::Reviewed => ClaimStatus::Todo,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ClaimStatus::Todo => "todo",
            ClaimStatus::Researching => "researching",
            ClaimStatus::Reviewed => "reviewed",
        }
    }
}

/// The rating (a label of the case's scale, or none yet) and the explanation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// The `label` of a rating on the case's scale; `None` while unrated.
    pub rating: Option<String>,
    #[serde(default)]
    pub explanation: String,
    /// RFC 3339 time the rating was last set or cleared.
    pub rated_at: Option<String>,
    /// When this verdict was first published as a ClaimReview, and what it said then; set
    /// by the first ClaimReview export, never moved by later ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Published>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The first publication of a verdict: its date and the rating it published.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Published {
    /// `YYYY-MM-DD`: the review's `datePublished` from then on.
    pub date: String,
    /// The rating published that day (`None` on a conclusion-only scale).
    #[serde(default)]
    pub rating: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A dated line of a verdict's corrections log: `Correction YYYY-MM-DD: what changed`,
/// written in the explanation on a line of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// What changed and why.
    pub note: String,
}

impl Verdict {
    /// The corrections log: every line of the explanation of the form
    /// `Correction YYYY-MM-DD: note`, in the order written.
    pub fn corrections(&self) -> Vec<Correction> {
        self.explanation.lines().filter_map(correction).collect()
    }

    /// The explanation without its corrections log.
    pub fn reasoning(&self) -> String {
        let kept: Vec<&str> = self
            .explanation
            .lines()
            .filter(|l| correction(l).is_none())
            .collect();
        kept.join("\n").trim().to_string()
    }

    /// Whether the rating differs from the one first published.
    pub fn changed_since_published(&self) -> bool {
        self.published
            .as_ref()
            .is_some_and(|p| p.rating != self.rating)
    }
}

/// One corrections-log line, if `line` is one.
fn correction(line: &str) -> Option<Correction> {
    let rest = line.trim().strip_prefix("Correction ")?;
    let (date, note) = rest.split_once(':')?;
    let date = date.trim();
    let valid = date.len() == 10 && date.parse::<jiff::civil::Date>().is_ok();
    valid.then(|| Correction {
        date: date.to_string(),
        note: note.trim().to_string(),
    })
}

/// Whether a claimant is a person or an organisation (schema.org `Person`/`Organization`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimantKind {
    Person,
    Organization,
}

impl ClaimantKind {
    pub fn name(self) -> &'static str {
        match self {
            ClaimantKind::Person => "person",
            ClaimantKind::Organization => "organization",
        }
    }
}

/// A statement in the article worth checking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: ClaimId,
    /// The claim number people use ("C3"): given once when the claim is made, never
    /// changed; unique within a case. 0 only while a migration has yet to number it.
    #[serde(default)]
    pub number: u32,
    #[serde(deserialize_with = "exact_size")]
    pub anchors: Vec<Anchor>,
    /// The checker's normalised wording of the claim.
    pub text: String,
    /// The confirmed claimant: typed or accepted by the checker; the only one exported.
    #[serde(default)]
    pub claimant: String,
    /// factdesk's guess at the claimant, shown as a guess until the checker confirms it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant_guess: Option<String>,
    /// The checker's choice of Person or Organization; `None`: detected from the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant_kind: Option<ClaimantKind>,
    /// When the claim was made (`YYYY-MM-DD`); `None`: the article's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub made_on: Option<String>,
    /// Where the claim first appeared, when that is not the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_appearance: Option<String>,
    #[serde(default)]
    pub status: ClaimStatus,
    #[serde(default)]
    pub verdict: Verdict,
    /// Evidence, in the order it was linked.
    #[serde(default, deserialize_with = "exact_size")]
    pub links: Vec<Link>,
    pub created: String,
    pub updated: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A list read at its exact size. A parser grows a list of unknown length by doubling: a
/// claim of one anchor kept room for four, 8 MB of 10,000 claims' 24.
fn exact_size<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let mut list = Vec::<T>::deserialize(d)?;
    list.shrink_to_fit();
    Ok(list)
}

impl Claim {
    /// Start of the first anchor (in scalar values): where the claim sits in the article.
    pub fn position(&self) -> usize {
        self.anchors
            .iter()
            .map(|a| a.start)
            .min()
            .unwrap_or(usize::MAX)
    }

    /// Article order: by start, the longer claim first when two start together, then by id.
    pub(super) fn sort_key(&self) -> (usize, std::cmp::Reverse<usize>, &str) {
        let first = self.anchors.iter().min_by_key(|a| a.start);
        let end = first.map_or(0, |a| a.end);
        (self.position(), std::cmp::Reverse(end), &self.id.0)
    }

    pub fn is_rated(&self) -> bool {
        self.verdict.rating.is_some()
    }

    /// The quoted text of each span, in article order.
    pub fn quotes(&self) -> Vec<&str> {
        let mut spans: Vec<&Anchor> = self.anchors.iter().collect();
        spans.sort_by_key(|a| (a.start, a.end));
        spans.iter().map(|a| a.exact.as_str()).collect()
    }

    /// The quoted text of all spans in article order, joined with " … ": what exports show.
    pub fn quote(&self) -> String {
        self.quotes().join(" … ")
    }

    /// Whether re-anchoring left any of the claim's spans for the checker to settle.
    pub fn needs_review(&self) -> bool {
        self.anchors.iter().any(|a| a.review.is_some())
    }

    /// The confirmed claimant, else the guess (for finding claims, never for publishing).
    pub fn claimant_or_guess(&self) -> &str {
        match (self.claimant.trim().is_empty(), &self.claimant_guess) {
            (true, Some(guess)) => guess,
            _ => &self.claimant,
        }
    }

    /// Whether the claimant is unconfirmed: none typed, and a guess waiting.
    pub fn claimant_unconfirmed(&self) -> bool {
        self.claimant.trim().is_empty() && self.claimant_guess.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A read claim's lists hold no spare room: with 10,000 claims it was a third of their
    /// memory.
    #[test]
    fn read_lists_are_exact_size() {
        let json = r#"{"id": "c1", "anchors": [{"start": 0, "end": 1, "exact": "a"}],
            "text": "", "links": [{"source": "s1"}, {"source": "s2"}, {"source": "s3"}],
            "created": "", "updated": ""}"#;
        let claim: Claim = serde_json::from_str(json).expect("a claim");
        assert_eq!((claim.anchors.len(), claim.anchors.capacity()), (1, 1));
        assert_eq!((claim.links.len(), claim.links.capacity()), (3, 3));
        let claim: Claim = serde_json::from_value(serde_json::from_str(json).unwrap()).unwrap();
        assert_eq!(claim.anchors.capacity(), 1);
        let claim: Claim = serde_json::from_str(
            r#"{"id": "c1", "anchors": [], "text": "",
            "created": "", "updated": ""}"#,
        )
        .expect("a claim without links");
        assert!(claim.links.is_empty());
    }

    /// Statuses cycle in the documented order and come back to the start.
    #[test]
    fn status_cycles() {
        let s = ClaimStatus::Todo;
        assert_eq!(s.next(), ClaimStatus::Researching);
        assert_eq!(s.next().next(), ClaimStatus::Reviewed);
        assert_eq!(s.next().next().next(), ClaimStatus::Todo);
    }

    /// Spans are quoted in article order, joined with an ellipsis.
    #[test]
    fn quote_joins_spans_in_order() {
        let span = |start: usize, exact: &str| Anchor {
            start,
            end: start + exact.chars().count(),
            exact: exact.into(),
            prefix: String::new(),
            suffix: String::new(),
            review: None,
            extra: Extra::new(),
        };
        let claim = Claim {
            id: ClaimId("c1".into()),
            number: 1,
            anchors: vec![span(40, "second part"), span(3, "first part")],
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
            extra: Extra::new(),
        };
        assert_eq!(claim.quote(), "first part … second part");
        assert!(!claim.needs_review());
    }

    /// Correction lines are read from the explanation with their dates; other lines,
    /// and lines with a malformed date, are the reasoning.
    #[test]
    fn corrections_log() {
        let v = Verdict {
            explanation: "It was false.\nCorrection 2026-03-02: rating was Mostly False.\n\
                          Correction 2026-13-40: not a date"
                .into(),
            ..Verdict::default()
        };
        assert_eq!(
            v.corrections(),
            vec![Correction {
                date: "2026-03-02".into(),
                note: "rating was Mostly False.".into()
            }]
        );
        assert_eq!(
            v.reasoning(),
            "It was false.\nCorrection 2026-13-40: not a date"
        );
    }

    /// Ids accept the generated alphabet and refuse anything a path or URL would trip on.
    #[test]
    fn id_validation() {
        assert!(ClaimId::is_valid("k3x9q2ma"));
        assert!(!ClaimId::is_valid(""));
        assert!(!ClaimId::is_valid("A1"));
        assert!(!ClaimId::is_valid("a/b"));
        assert!(!ClaimId::is_valid(&"a".repeat(65)));
    }
}
