use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Extra;

/// What is known about the article as it was published: read from the page when it is
/// imported, editable always, and published as ClaimReview's `appearance`.
///
/// The title and the retrieval time stay in [`Origin`](super::Origin); dates are
/// `YYYY-MM-DD` or RFC 3339, as the page gave them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// The canonical URL of the article.
    #[serde(default)]
    pub url: Option<String>,
    /// The outlet (site or publisher) that published it.
    #[serde(default)]
    pub outlet: Option<String>,
    /// The article's authors, in byline order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// When the article was published.
    #[serde(default)]
    pub published: Option<String>,
    /// BCP 47 language tag (`en`, `de-CH`).
    #[serde(default)]
    pub language: Option<String>,
    /// Where each value came from, by field name: `"url": "link rel=canonical"`,
    /// `"authors": "checker"`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub provenance: BTreeMap<String, String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Metadata {
    /// Whether nothing at all is known.
    pub fn is_empty(&self) -> bool {
        self.url.is_none()
            && self.outlet.is_none()
            && self.authors.is_empty()
            && self.published.is_none()
            && self.language.is_none()
    }
}
