//! The case overview (O): a bar chart of verdicts in the scale's colours, workflow counts,
//! evidence gaps, unused sources. Each row lists the claims it counts on Enter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::Theme;
use crate::app::{AppState, OverviewView, RowKind, overview_rows};
use crate::text::clean_line;

pub fn draw_overview(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    view: &OverviewView,
) {
    let rows = overview_rows(&state.case);
    let total = state.case.claims.len();
    let block = Block::bordered()
        .border_style(theme.border(state.overlay.is_none()))
        .title(format!(
            " Overview · {total} claim{} · scale {} · Enter lists the claims, Esc back ",
            if total == 1 { "" } else { "s" },
            clean_line(&state.case.scale.name)
        ))
        .title_bottom(super::suggestion::overview_note(state));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_width = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let bar_room = usize::from(inner.width)
        .saturating_sub(label_width + 12)
        .max(1);
    let max = rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Verdict(_)))
        .map(|r| r.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let mut lines = Vec::new();
    let mut selected_line = 0;
    for (i, row) in rows.iter().enumerate() {
        if let Some(heading) = row.heading {
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.push(Line::styled(heading, theme.heading()));
        }
        let selected = i == view.selected;
        if selected {
            selected_line = lines.len();
        }
        let base = if selected {
            theme.selected_row(true)
        } else {
            Style::new()
        };
        let mut spans = vec![
            Span::styled(if selected { "▶ " } else { "  " }, base),
            Span::styled(format!("{:<label_width$}", row.label), base),
            Span::styled(format!("{:>5}  ", row.count), base.patch(theme.key())),
        ];
        if let RowKind::Verdict(colour) = &row.kind {
            let length = (row.count * bar_room).div_ceil(max).min(bar_room);
            let style = match colour {
                Some(hex) if theme.color => Style::new().fg(theme.verdict_colour(hex)),
                _ => theme.dim(),
            };
            spans.push(Span::styled("█".repeat(length), style));
        }
        lines.push(Line::from(spans).style(base));
    }
    let height = usize::from(inner.height);
    let scroll = (selected_line + 2).saturating_sub(height);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
