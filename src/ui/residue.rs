//! How ingest's findings are drawn: residue dimmed in the article pane, the article's
//! links tagged in the source picker.

use std::ops::Range;

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use super::picker::highlighted;
use super::theme::Theme;
use crate::app::{AppState, PickerOverlay};

/// The tag before a source-picker row that comes from the article's own links.
pub const LINKED_TAG: &str = "linked from the article · ";

/// The residue of the article inside `line` (a byte range of the text), as byte ranges
/// clipped to the line.
pub fn residue_in(state: &AppState, line: Range<usize>) -> Vec<Range<usize>> {
    let residue = &state.case.article.residue;
    if residue.is_empty() || line.is_empty() {
        return Vec::new();
    }
    let text = &state.case.article.text;
    let chars = &state.doc.chars;
    let (Some(first), Some(last)) = (
        chars.char_of_byte(text, line.start),
        chars.char_of_byte(text, line.end),
    ) else {
        return Vec::new();
    };
    // Residue is kept in text order; spans never nest, so those ending after the line's
    // start begin at the partition point.
    let from = residue.partition_point(|r| r.end <= first);
    residue[from..]
        .iter()
        .take_while(|r| r.start < last)
        .filter_map(|r| {
            let start = chars.byte_of_char(text, r.start.max(first))?;
            let end = chars.byte_of_char(text, r.end.min(last))?;
            (start < end).then_some(start..end)
        })
        .collect()
}

/// The look of residue: dimmed and italic, under any claim colour drawn over it.
pub fn residue_style(theme: &Theme) -> Style {
    theme.dim().add_modifier(Modifier::ITALIC)
}

/// A source-picker row for an article link: the tag, then the anchor text and URL with
/// the matched characters highlighted.
pub fn linked_row<'a>(
    p: &PickerOverlay,
    index: usize,
    positions: &[usize],
    width: usize,
    base: Style,
    theme: &Theme,
) -> Vec<Span<'a>> {
    let text = p.picker.item(index).unwrap_or_default();
    let tag = LINKED_TAG.chars().count();
    let mut spans = vec![Span::styled(LINKED_TAG, base.patch(theme.dim()))];
    spans.extend(highlighted(
        text,
        positions,
        width.saturating_sub(tag),
        base,
        theme,
    ));
    spans
}
