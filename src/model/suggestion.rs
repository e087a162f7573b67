//! What the checker decided about check-worthiness suggestions: the ones dismissed, so they
//! do not come back.

use serde::{Deserialize, Serialize};

use super::Extra;

/// The case's suggestion decisions (top-level `suggestions` in the verdict file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestions {
    /// Sentences the checker said are not worth checking.
    #[serde(default)]
    pub dismissed: Vec<Dismissal>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Suggestions {
    /// Nothing decided: the field is left out of the file.
    pub fn is_empty(&self) -> bool {
        self.dismissed.is_empty() && self.extra.is_empty()
    }

    /// Whether the sentence at `start..end` (chars) with this text was dismissed; the text
    /// must match too, so a dismissal does not silence another sentence after an edit.
    pub fn is_dismissed(&self, start: usize, end: usize, exact: &str) -> bool {
        self.dismissed
            .iter()
            .any(|d| d.start == start && d.end == end && d.exact == exact)
    }
}

/// A dismissed sentence: its position in chars of the article text and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dismissal {
    pub start: usize,
    pub end: usize,
    pub exact: String,
    #[serde(flatten)]
    pub extra: Extra,
}
