//! Anchors: from a span of the article to a W3C-style selector and back.
//!
//! Creating an anchor records the span's position in Unicode scalar values plus the exact
//! text and up to [`CONTEXT_CHARS`] of context either side. Resolving checks that the exact
//! text is still at that position; one that is not is an orphan, reported and never moved.

use std::ops::Range;

pub mod apply;
mod diffmap;
pub mod myers;
pub mod quote;
pub mod reanchor;

use crate::model::{Anchor, Extra};
use crate::text::CharIndex;

/// Characters of prefix and suffix kept around the exact text.
pub const CONTEXT_CHARS: usize = 32;

/// Anchors the byte range `span` of `text` (on char boundaries).
pub fn create(text: &str, index: &CharIndex, span: Range<usize>) -> Anchor {
    let start = index.char_of_byte(text, span.start).unwrap_or(0);
    let end = index.char_of_byte(text, span.end).unwrap_or(start);
    let before = &text[..span.start];
    let prefix_from = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let after = &text[span.end..];
    let suffix_to = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    Anchor {
        start,
        end,
        exact: text[span.clone()].to_string(),
        prefix: before[prefix_from..].to_string(),
        suffix: after[..suffix_to].to_string(),
        review: None,
        extra: Extra::new(),
    }
}

/// The byte range an anchor covers, if its exact text is still where it says; `None` for an
/// orphan.
pub fn resolve(text: &str, index: &CharIndex, anchor: &Anchor) -> Option<Range<usize>> {
    if anchor.start > anchor.end {
        return None;
    }
    let start = index.byte_of_char(text, anchor.start)?;
    let end = index.byte_of_char(text, anchor.end)?;
    (text.get(start..end)? == anchor.exact).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(text: &str, needle: &str) -> Anchor {
        let at = text.find(needle).unwrap();
        create(text, &CharIndex::new(text), at..at + needle.len())
    }

    /// Positions count Unicode scalar values, not bytes, on non-ASCII text.
    #[test]
    fn positions_count_scalar_values() {
        let text = "Zürich — “Crimée” 🇺🇦 annexée en 2014.";
        let a = anchor(text, "annexée");
        assert_eq!(a.exact, "annexée");
        let chars: Vec<char> = text.chars().collect();
        let slice: String = chars[a.start..a.end].iter().collect();
        assert_eq!(slice, "annexée");
        assert_eq!(a.start, 21, "the flag counts as two scalar values");
        assert_eq!(a.suffix, " en 2014.");
        assert_eq!(a.prefix, "Zürich — “Crimée” 🇺🇦 ");
    }

    /// Prefix and suffix keep at most 32 characters of context.
    #[test]
    fn context_is_capped_at_32_chars() {
        let text = format!("{}needle{}", "é".repeat(40), "ß".repeat(40));
        let a = anchor(&text, "needle");
        assert_eq!(a.prefix.chars().count(), 32);
        assert_eq!(a.suffix.chars().count(), 32);
        assert_eq!((a.start, a.end), (40, 46));
    }

    /// An anchor resolves back to its span; a moved or out-of-range one is an orphan.
    #[test]
    fn resolve_and_orphans() {
        let text = "Ein Satz über Öl. Noch einer.";
        let index = CharIndex::new(text);
        let a = anchor(text, "über Öl");
        let span = resolve(text, &index, &a).unwrap();
        assert_eq!(&text[span], "über Öl");
        let moved = Anchor {
            start: a.start + 1,
            end: a.end + 1,
            ..a.clone()
        };
        assert_eq!(resolve(text, &index, &moved), None);
        let outside = Anchor {
            start: 10,
            end: 1000,
            ..a.clone()
        };
        assert_eq!(resolve(text, &index, &outside), None);
        let backwards = Anchor {
            start: 5,
            end: 2,
            ..a
        };
        assert_eq!(resolve(text, &index, &backwards), None);
    }
}
