//! The article pane: only the visible wrapped lines are drawn, from the line index.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::claims::truncate;
use super::theme::Theme;
use crate::app::{AppState, Pane};
use crate::text::{self, sanitize::push_glyph};

pub fn draw_article(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Pane::Article && state.overlay.is_none();
    let title = text::clean_line(state.case.article.display_title()).into_owned();
    let total = state.doc.lines.len();
    let height = usize::from(area.height.saturating_sub(2));
    let position = if total <= height {
        "All".to_string()
    } else if state.top == 0 {
        "Top".to_string()
    } else if state.top + height >= total {
        "Bot".to_string()
    } else {
        format!("{}%", state.top * 100 / total.saturating_sub(height).max(1))
    };
    let room = usize::from(area.width).saturating_sub(position.len() + 16);
    let mut block = Block::bordered()
        .border_style(theme.border(focused))
        .title(Line::from(format!(" Article: {} ", truncate(&title, room))))
        .title_top(Line::from(format!(" {position} ")).right_aligned());
    if !state.notices.is_empty() {
        let more = match state.notices.len() {
            1 => " ".to_string(),
            n => format!(" (+{}: ? lists all) ", n - 1),
        };
        let room = usize::from(area.width).saturating_sub(more.chars().count() + 6);
        let first = text::clean_line(super::claims::clip(&state.notices[0], room)).into_owned();
        let notice = format!(" ⚠ {}{more}", truncate(&first, room));
        block = block.title_bottom(Line::styled(notice, theme.warning()));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let gutter_width = (super::layout::GUTTER as u16).min(inner.width);
    let [gutter_area, text_area] =
        Layout::horizontal([Constraint::Length(gutter_width), Constraint::Min(0)]).areas(inner);

    // Once per frame: finding the current claim's index is a search by id.
    let current = state.current_index();
    let visible = state
        .doc
        .lines
        .iter()
        .skip(state.top)
        .take(usize::from(inner.height));
    let lines: Vec<Line> = visible
        .clone()
        .map(|range| article_line(state, theme, range.clone(), current))
        .collect();
    let gutter: Vec<Line> = visible
        .map(|range| super::gutter::gutter_line(state, theme, range.clone(), current))
        .collect();
    frame.render_widget(Paragraph::new(gutter), gutter_area);
    frame.render_widget(Paragraph::new(lines), text_area);
    super::suggestion::draw_gutter(frame, area, inner, state, theme);

    if total > height {
        let mut bar = ScrollbarState::new(total.saturating_sub(height))
            .position(state.top)
            .viewport_content_length(height);
        let scrollbar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(theme.dim());
        frame.render_stateful_widget(scrollbar, area.inner(Margin::new(0, 1)), &mut bar);
    }
}

/// One wrapped line, cut into spans where the decoration changes.
fn article_line<'a>(
    state: &AppState,
    theme: &Theme,
    line: Range<usize>,
    current: Option<usize>,
) -> Line<'a> {
    let text = &state.case.article.text;
    let cursor = Some(state.cursor_range()).filter(|_| state.selection.is_none());
    let selection = state.selection.map(|s| s.start..s.end);
    let spans: Vec<_> = state.doc.spans_in(line.clone()).cloned().collect();
    let matches: &[Range<usize>] = state
        .search
        .as_ref()
        .map_or(&[], |s| s.matches_in(line.clone()));
    let residue = super::residue::residue_in(state, line.clone());

    let uncovered = super::gutter::uncovered_in(state, line.clone());
    // Every offset where some decoration starts or ends cuts the line.
    let mut cuts = vec![line.start, line.end];
    for r in cursor
        .iter()
        .chain(uncovered.iter())
        .chain(selection.iter())
        .chain(spans.iter().map(|s| &s.range))
        .chain(matches.iter())
        .chain(residue.iter())
    {
        for p in [r.start, r.end] {
            if p > line.start && p < line.end {
                cuts.push(p);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();

    let style_at = |p: usize| -> Style {
        let mut style = Style::new();
        if residue.iter().any(|r| r.contains(&p)) {
            style = super::residue::residue_style(theme);
        }
        if cursor.as_ref().is_some_and(|c| c.contains(&p)) {
            style = style.patch(theme.cursor());
        } else if uncovered.iter().any(|u| u.contains(&p)) {
            style = style.patch(theme.uncovered());
        }
        let covering = spans.iter().filter(|s| s.range.contains(&p));
        if let Some(inner) = covering.clone().min_by_key(|s| s.range.len()) {
            let claim = &state.case.claims[inner.claim];
            let colour = claim
                .verdict
                .rating
                .as_deref()
                .and_then(|r| state.case.scale.label(r))
                .map(|l| l.colour.as_str());
            style = style.patch(match colour {
                Some(hex) => theme.rated_claim(hex),
                None => theme.unrated_claim(),
            });
        }
        if covering.clone().any(|s| Some(s.claim) == current) {
            style = style.patch(theme.current_claim());
        }
        if matches.iter().any(|m| m.contains(&p)) {
            style = style.patch(theme.search_match());
        }
        if selection.as_ref().is_some_and(|s| s.contains(&p)) {
            style = style.patch(theme.selection());
        }
        style
    };

    let mut out = Vec::with_capacity(cuts.len());
    let mut col = 0;
    for pair in cuts.windows(2) {
        let seg = pair[0]..pair[1];
        let shown = display(text, seg.clone(), &mut col);
        out.push(Span::styled(shown, style_at(seg.start)));
    }
    Line::from(out)
}

/// The text of `seg` as it is drawn: markers for hidden characters, tabs as spaces.
fn display(text: &str, seg: Range<usize>, col: &mut usize) -> String {
    let mut out = String::with_capacity(seg.len());
    let mut prev = text[..seg.start].chars().next_back();
    let mut chars = text[seg.clone()].chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars
            .peek()
            .copied()
            .or_else(|| text[seg.end..].chars().next());
        *col += push_glyph(&mut out, text::glyph_in_context(prev, c, next), *col);
        prev = Some(c);
    }
    out
}
