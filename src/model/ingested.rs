//! What reading an article found besides its text: scraping residue and the article's own
//! links. Offsets count Unicode scalar values, like anchors.

use serde::{Deserialize, Serialize};

use super::Extra;

/// A span of the article text that is not the story: left over from the page it was
/// scraped from. It is dimmed and never suggested as a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Residue {
    /// Char offset of the first character.
    pub start: usize,
    /// Char offset one past the last character.
    pub end: usize,
    pub kind: ResidueKind,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Residue {
    pub fn new(start: usize, end: usize, kind: ResidueKind) -> Self {
        Residue {
            start,
            end,
            kind,
            extra: Extra::new(),
        }
    }

    /// Whether char offset `at` lies inside the span.
    pub fn contains(&self, at: usize) -> bool {
        (self.start..self.end).contains(&at)
    }
}

/// What kind of residue a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResidueKind {
    /// A picture caption scraped as text: a run of numbers, then words of the headline.
    Caption,
    /// "(REUTERS / Mike Blake / file)", "Photo: AFP".
    PhotoCredit,
    /// "Keep reading:", "Read more", "Related:".
    ReadMore,
    /// "Thank you for reading", "We would love to give thanks to the author…".
    ThankYou,
    /// The headline again at the end of the text.
    DuplicateHeadline,
    /// "Share this article", "Subscribe to our newsletter".
    Share,
    /// Marked as residue by the checker.
    Marked,
}

impl ResidueKind {
    /// A short label for lists.
    pub fn label(self) -> &'static str {
        match self {
            ResidueKind::Caption => "caption",
            ResidueKind::PhotoCredit => "photo credit",
            ResidueKind::ReadMore => "read more",
            ResidueKind::ThankYou => "thank-you",
            ResidueKind::DuplicateHeadline => "repeated headline",
            ResidueKind::Share => "share/subscribe",
            ResidueKind::Marked => "marked",
        }
    }
}

/// A link in the article text: a candidate source for its claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleLink {
    /// Where the link points, as the page gave it (absolute when the page said where it was).
    pub url: String,
    /// The link's anchor text.
    pub text: String,
    /// Char offset of the anchor text in the article, when it was found there.
    #[serde(default)]
    pub start: usize,
    /// Char offset one past the anchor text (equal to `start` when not found).
    #[serde(default)]
    pub end: usize,
    #[serde(flatten)]
    pub extra: Extra,
}
