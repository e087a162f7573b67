//! The case under check: article, claims with anchors and verdicts, rating scale.
//!
//! Plain data with invariants checked in constructors; no terminal and no I/O. The types
//! serialise to the verdict-file shape directly (see `store` for versions and validation);
//! every struct keeps fields it does not know in `extra` so nothing a newer tool wrote is
//! lost on the next save.

mod article;
mod claim;
mod conflict;
pub mod diff;
mod entropy;
mod ingested;
mod meta;
mod meta_edit;
mod scale;
mod source;
mod suggestion;
mod text;

pub use article::{Article, ArticleVersion, Origin, hex, sha256_hex, sha256_hex_bytes};
pub use claim::{
    Anchor, Claim, ClaimId, ClaimStatus, ClaimantKind, Correction, Published, Review, ReviewStatus,
    Span, Verdict,
};
pub use conflict::Conflict;
pub use entropy::{Entropy, FixedEntropy, SystemEntropy};
pub use ingested::{ArticleLink, Residue, ResidueKind};
pub use meta::Metadata;
pub use meta_edit::{MetaEdit, MetaError, is_date_or_time, is_language_tag};
pub use scale::{Label, Rgb, Scale, ScaleError};
pub use source::{Link, Name, SOURCE_TYPES, Source, SourceId, Stance, looks_like_url};
pub use suggestion::{Dismissal, Suggestions};
pub use text::ArticleText;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Fields a struct does not know, kept verbatim so they survive a load/save round trip.
pub type Extra = Map<String, Value>;

/// Everything one fact-check is about: the article, the scale, the claims.
///
/// `history` is carried as raw JSON until the history feature models it; it round-trips
/// unchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub article: Article,
    pub scale: Scale,
    /// Claims in article order (by the start of their first anchor, longer first, then id).
    pub claims: Vec<Claim>,
    /// The case's source library, in the order sources were added.
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub history: Vec<Value>,
    /// What a merge could not decide, until resolved (see `store::merge`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// Suggestions the checker dismissed.
    #[serde(default, skip_serializing_if = "Suggestions::is_empty")]
    pub suggestions: Suggestions,
}

impl Case {
    pub fn new(article: Article, scale: Scale) -> Self {
        Case {
            article,
            scale,
            claims: Vec::new(),
            sources: Vec::new(),
            history: Vec::new(),
            conflicts: Vec::new(),
            suggestions: Suggestions::default(),
        }
    }

    /// The number the next new claim gets: one more than any claim's so far.
    pub fn next_claim_number(&self) -> u32 {
        self.claims.iter().map(|c| c.number).max().unwrap_or(0) + 1
    }

    /// Numbers the claims that have none (number 0), in article order, after the highest
    /// number in use: what a file from before claim numbers gets on load.
    pub fn number_unnumbered_claims(&mut self) {
        let next = self.next_claim_number();
        let unnumbered = self.claims.iter_mut().filter(|c| c.number == 0);
        for (number, claim) in (next..).zip(unnumbered) {
            claim.number = number;
        }
    }

    pub fn claim(&self, id: &ClaimId) -> Option<&Claim> {
        self.claims.iter().find(|c| &c.id == id)
    }

    pub fn claim_mut(&mut self, id: &ClaimId) -> Option<&mut Claim> {
        self.claims.iter_mut().find(|c| &c.id == id)
    }

    pub fn claim_index(&self, id: &ClaimId) -> Option<usize> {
        self.claims.iter().position(|c| &c.id == id)
    }

    /// Puts the claims in article order (stable).
    pub fn sort_claims(&mut self) {
        self.claims.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }

    /// Inserts a claim at its place in article order and returns its index. A claim
    /// without a number (0) gets the next one.
    pub fn insert_claim(&mut self, mut claim: Claim) -> usize {
        if claim.number == 0 {
            claim.number = self.next_claim_number();
        }
        let key = claim.sort_key();
        let at = self.claims.partition_point(|c| c.sort_key() <= key);
        self.claims.insert(at, claim);
        at
    }

    pub fn remove_claim(&mut self, id: &ClaimId) -> Option<Claim> {
        let at = self.claim_index(id)?;
        Some(self.claims.remove(at))
    }

    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }

    pub fn source_mut(&mut self, id: &SourceId) -> Option<&mut Source> {
        self.sources.iter_mut().find(|s| &s.id == id)
    }

    pub fn source_index(&self, id: &SourceId) -> Option<usize> {
        self.sources.iter().position(|s| &s.id == id)
    }

    /// Claims (by index) that cite a source, with how many links each has to it.
    pub fn citing_claims(&self, id: &SourceId) -> Vec<usize> {
        self.claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.links.iter().any(|l| &l.source == id))
            .map(|(i, _)| i)
            .collect()
    }

    /// Number of links, over all claims, to a source.
    pub fn link_count(&self, id: &SourceId) -> usize {
        self.claims
            .iter()
            .map(|c| c.links.iter().filter(|l| &l.source == id).count())
            .sum()
    }
}
