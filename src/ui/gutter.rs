//! The article's gutter: a mark on lines with sentences no claim covers, and a bracket per
//! claim level, so a claim nested in another or overlapping it shows where each begins
//! and ends. Rated claims get heavy brackets and unrated ones dashed, so the two differ
//! without colour too.

use std::ops::Range;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::{AppState, ClaimSpan};

/// Byte ranges of the uncovered sentences that touch `line`, when they are marked.
pub fn uncovered_in(state: &AppState, line: Range<usize>) -> Vec<Range<usize>> {
    if !state.show_uncovered || state.doc.sentences.is_empty() {
        return Vec::new();
    }
    let first = state.doc.sentence_at(line.start);
    let last = state
        .doc
        .sentence_at(line.end.saturating_sub(1).max(line.start));
    (first..=last)
        .filter(|i| state.is_uncovered(*i))
        .map(|i| state.doc.sentences[i].clone())
        .filter(|s| s.start < line.end.max(line.start + 1) && s.end > line.start)
        .collect()
}

/// How many claims are open around `span`'s start: 0 for an outermost claim.
fn level(state: &AppState, span: &ClaimSpan) -> usize {
    let at = span.range.start;
    state
        .doc
        .spans_in(at..at + 1)
        .filter(|s| {
            s.claim != span.claim
                && s.range.start <= at
                && s.range.end > at
                && (s.range.start < at || s.range.len() > span.range.len())
        })
        .count()
}

/// The gutter of one wrapped line of the article.
pub fn gutter_line<'a>(
    state: &AppState,
    theme: &Theme,
    line: Range<usize>,
    current: Option<usize>,
) -> Line<'a> {
    let mark = if uncovered_in(state, line.clone()).is_empty() {
        Span::raw(" ")
    } else {
        Span::styled("▸", theme.warning())
    };
    // The outermost claim on this line, then the innermost of the rest.
    let mut columns: [Option<&ClaimSpan>; 2] = [None, None];
    for span in state.doc.spans_in(line.clone()) {
        let column = usize::from(level(state, span) > 0);
        let keep = columns[column].is_some_and(|c| c.range.len() <= span.range.len());
        if !keep {
            columns[column] = Some(span);
        }
    }
    let mut spans = vec![mark];
    for column in columns {
        spans.push(match column {
            None => Span::raw(" "),
            Some(span) => bracket(state, theme, span, &line, current),
        });
    }
    Line::from(spans)
}

fn bracket<'a>(
    state: &AppState,
    theme: &Theme,
    span: &ClaimSpan,
    line: &Range<usize>,
    current: Option<usize>,
) -> Span<'a> {
    let claim = &state.case.claims[span.claim];
    let colour = claim
        .verdict
        .rating
        .as_deref()
        .and_then(|r| state.case.scale.label(r))
        .map(|l| l.colour.clone());
    let starts = span.range.start >= line.start;
    let ends = span.range.end <= line.end.max(line.start + 1);
    let rated = claim.is_rated();
    let glyph = match (starts, ends, rated) {
        (true, true, true) | (false, false, true) => "┃",
        (true, true, false) | (false, false, false) => "┆",
        (true, false, true) => "┏",
        (true, false, false) => "╭",
        (false, true, true) => "┗",
        (false, true, false) => "╰",
    };
    let mut style = match (&colour, theme.color) {
        (Some(hex), true) => Style::new().fg(theme.verdict_colour(hex)),
        (None, true) => Style::new().fg(Color::LightCyan),
        _ => Style::new(),
    };
    if Some(span.claim) == current {
        style = style.add_modifier(Modifier::BOLD);
    }
    Span::styled(glyph, style)
}
