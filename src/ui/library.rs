//! The source library, full screen: every source, which claims cite it, a fuzzy filter.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::claims::truncate;
use super::picker::{highlighted, visible_rows};
use super::theme::Theme;
use crate::app::{AppState, LibraryView};
use crate::text::clean_line;

pub fn draw_library(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    l: &LibraryView,
) {
    let total = state.case.sources.len();
    let found = l.picker.matches().len();
    let block = Block::bordered()
        .border_style(theme.border(state.overlay.is_none()))
        .title(format!(" Source library · {found}/{total} "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [filter_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);

    let filter = l.filter.text();
    let filter_line = if l.filtering || !filter.is_empty() {
        Line::from(vec![
            Span::styled("/ ", theme.key()),
            Span::raw(clean_line(&filter).into_owned()),
            Span::styled(if l.filtering { "▏" } else { "" }, theme.key()),
        ])
    } else {
        Line::styled(
            "/ to filter · a add · Enter edit · d delete · Esc back",
            theme.dim(),
        )
    };
    frame.render_widget(Paragraph::new(filter_line), filter_area);

    if total == 0 {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "The library is empty: press a to add a source, or l on a claim.",
                theme.dim(),
            )),
            list_area,
        );
        return;
    }
    let height = usize::from(list_area.height);
    let first = l.selected.saturating_sub(height.saturating_sub(1));
    let width = usize::from(list_area.width);
    let cited_width = 14;
    let mut lines = Vec::new();
    for (row, (index, positions)) in visible_rows(&l.picker, first, height)
        .into_iter()
        .enumerate()
    {
        let source = &state.case.sources[index];
        let selected = first + row == l.selected;
        let base = if selected {
            theme.selected_row(true)
        } else {
            Style::new()
        };
        let cited: Vec<String> = state
            .case
            .citing_claims(&source.id)
            .iter()
            .map(|i| state.claim_label(*i))
            .collect();
        let cited = if cited.is_empty() {
            "—".to_string()
        } else {
            cited.join(",")
        };
        let kind = format!("{:<17}", truncate(&source.kind, 17));
        let room = width.saturating_sub(cited_width + kind.len() + 4);
        let mut spans = vec![
            Span::styled(if selected { "▶ " } else { "  " }, base),
            Span::styled(kind, base.patch(theme.dim())),
            Span::styled(" ", base),
        ];
        let haystack = state.case.sources[index].haystack();
        spans.extend(highlighted(&haystack, &positions, room, base, theme));
        let used: usize = spans.iter().map(|s| s.width()).sum();
        spans.push(Span::styled(
            " ".repeat(width.saturating_sub(used + cited_width)),
            base,
        ));
        spans.push(Span::styled(
            format!("{:>w$}", truncate(&cited, cited_width), w = cited_width),
            base.patch(theme.key()),
        ));
        lines.push(Line::from(spans).style(base));
    }
    frame.render_widget(Paragraph::new(lines), list_area);
}
