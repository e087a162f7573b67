//! The fuzzy picker overlay (sources, commands, claims) and highlighted rows.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::claims::truncate;
use super::overlay::{centred, footer, popup};
use super::theme::Theme;
use crate::app::{AppState, PickerKind, PickerOverlay};
use crate::keymap::{Command, Context};
use crate::picker::Picker;
use crate::text::clean_line;

/// A haystack with its matched characters highlighted, cut to `width` columns.
pub(super) fn highlighted<'a>(
    text: &str,
    positions: &[usize],
    width: usize,
    base: Style,
    theme: &Theme,
) -> Vec<Span<'a>> {
    let shown = truncate(text, width);
    let hit = theme.key().add_modifier(Modifier::UNDERLINED);
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in shown.chars().enumerate() {
        let is_hit = positions.binary_search(&i).is_ok();
        if is_hit != run_hit && !run.is_empty() {
            let style = if run_hit { base.patch(hit) } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hit = is_hit;
        let cleaned = clean_line(c.encode_utf8(&mut [0; 4])).into_owned();
        run.push_str(&cleaned);
    }
    if !run.is_empty() {
        spans.push(Span::styled(
            run,
            if run_hit { base.patch(hit) } else { base },
        ));
    }
    spans
}

/// Rows `first..first + count` of a picker's ranking: (item index, highlight positions).
pub(super) fn visible_rows(
    picker: &Picker,
    first: usize,
    count: usize,
) -> Vec<(usize, Vec<usize>)> {
    picker
        .matches()
        .iter()
        .skip(first)
        .take(count)
        .map(|m| (m.index, picker.positions(m.index)))
        .collect()
}

pub fn draw_picker(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    p: &PickerOverlay,
) {
    let title = match &p.kind {
        PickerKind::Source { claim } => {
            let name = state
                .case
                .claim_index(claim)
                .map(|i| state.claim_label(i))
                .unwrap_or_default();
            format!(" Link a source to {name} ")
        }
        PickerKind::Palette { .. } => " Commands ".to_string(),
        PickerKind::Claims { .. } => " Filter claims ".to_string(),
        PickerKind::Scale { .. } => format!(
            " Rating scale (now {}) — verdicts keep their label where the new scale has it ",
            clean_line(&state.case.scale.name)
        ),
    };
    let rect = centred(
        area,
        area.width.saturating_sub(8).clamp(40, 110),
        area.height.saturating_sub(4),
    );
    let inner = popup(frame, rect, title, theme);
    let [input_area, count_area, list_area, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);

    let (x, shown) =
        super::form::scrolled_line(&p.input, usize::from(input_area.width).saturating_sub(2));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("> ", theme.key()),
            Span::raw(shown),
        ])),
        input_area,
    );
    frame.set_cursor_position(Position::new(input_area.x + 2 + x, input_area.y));

    let total = p.picker.item_count();
    let found = p.picker.matches().len();
    let status = if p.picker.is_complete() {
        format!("{found}/{total}")
    } else {
        format!("{found}/{total} … searching")
    };
    frame.render_widget(
        Paragraph::new(Line::styled(status, theme.dim())),
        count_area,
    );

    let height = usize::from(list_area.height);
    let first = p.selected.saturating_sub(height.saturating_sub(1));
    let width = usize::from(list_area.width).saturating_sub(2);
    let mut lines: Vec<Line> = Vec::new();
    for (row, (index, positions)) in visible_rows(&p.picker, first, height)
        .into_iter()
        .enumerate()
    {
        let selected = first + row == p.selected;
        let base = if selected {
            theme.selected_row(true)
        } else {
            Style::new()
        };
        let marker = Span::styled(if selected { "▶ " } else { "  " }, base);
        let mut spans = vec![marker];
        match &p.kind {
            PickerKind::Palette { context, commands } => {
                let command = commands[index];
                let key = state
                    .keymap
                    .keys_for(palette_context(*context, command), command)
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let text = command.description();
                let room = width.saturating_sub(key.len() + 2);
                spans.extend(highlighted(text, &positions, room, base, theme));
                let used: usize = spans.iter().map(|s| s.width()).sum();
                spans.push(Span::styled(
                    " ".repeat((width + 2).saturating_sub(used + key.len())),
                    base,
                ));
                spans.push(Span::styled(key, base.patch(theme.key())));
            }
            PickerKind::Source { .. } if index >= state.case.sources.len() => {
                spans.extend(super::residue::linked_row(
                    p, index, &positions, width, base, theme,
                ));
            }
            _ => {
                let text = p.picker.item(index).unwrap_or_default();
                spans.extend(highlighted(text, &positions, width, base, theme));
            }
        }
        lines.push(Line::from(spans).style(base));
    }
    if p.offers_new() && lines.len() < height {
        let selected = p.selected >= found;
        let base = if selected {
            theme.selected_row(true)
        } else {
            Style::new()
        };
        let typed = p.input.text();
        lines.push(
            Line::from(vec![
                Span::styled(if selected { "▶ " } else { "  " }, base),
                Span::styled("+ New source: ", base.patch(theme.key())),
                Span::styled(
                    truncate(&clean_line(&typed), width.saturating_sub(14)),
                    base,
                ),
            ])
            .style(base),
        );
    }
    frame.render_widget(Paragraph::new(lines), list_area);
    frame.render_widget(
        footer(
            state,
            theme,
            &[Command::MoveDown, Command::Confirm, Command::Cancel],
        ),
        footer_area,
    );
}

/// Where a palette command's key is looked up: the pane it came from, or its own screen.
fn palette_context(context: Context, command: Command) -> Context {
    use Command::*;
    match command {
        AddSource | EditSource | DeleteSource | FilterLibrary => Context::Library,
        EditLink | OpenSource | CopyUrl => Context::Detail,
        JumpToClaim | FilterClaims => Context::Claims,
        StartSelection | MakeClaim | NextClaim | PreviousClaim => Context::Article,
        _ => context,
    }
}
