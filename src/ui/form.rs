//! Forms (link, source record): labelled fields, the focused one editable.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::overlay::{centred, footer, popup};
use super::theme::Theme;
use crate::app::{AppState, Editor, FieldValue, Form};
use crate::keymap::Command;
use crate::text::clean_line;

/// Rows of a multi-line field.
const TEXT_ROWS: usize = 4;

/// The part of an editor's line shown in `width` columns with the cursor in view, and the
/// cursor's column in it.
pub(super) fn scrolled_line(editor: &Editor, width: usize) -> (u16, String) {
    let (row, col) = editor.cursor();
    let line = clean_line(&editor.lines()[row]).into_owned();
    let before: String = editor.lines()[row].chars().take(col).collect();
    let cursor = clean_line(&before).width();
    let skip = (cursor + 1).saturating_sub(width.max(1));
    let mut used = 0;
    let shown: String = line
        .chars()
        .skip_while(|c| {
            let skipping = used < skip;
            used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            skipping
        })
        .collect();
    (u16::try_from(cursor - skip).unwrap_or(0), shown)
}

pub fn draw_form(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    title: String,
    form: &Form,
) {
    let label_width = form
        .fields
        .iter()
        .map(|f| f.label.width())
        .max()
        .unwrap_or(0)
        + 2;
    let rows: usize = form
        .fields
        .iter()
        .map(|f| match f.value {
            FieldValue::Text(_) => TEXT_ROWS,
            _ => 1,
        })
        .sum();
    let width = area.width.saturating_sub(6).clamp(50, 110);
    let rect = centred(area, width, u16::try_from(rows + 4).unwrap_or(u16::MAX));
    let inner = popup(frame, rect, title, theme);
    let value_width = usize::from(inner.width).saturating_sub(label_width);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label_style = if focused { theme.key() } else { theme.dim() };
        let label = Span::styled(
            format!("{:>w$} ", field.label, w = label_width - 1),
            label_style,
        );
        match &field.value {
            FieldValue::Choice { options, index } => {
                let mut spans = vec![label];
                let all: usize = options.iter().map(|o| o.width() + 2).sum();
                if all > value_width {
                    // Too many to list: the chosen one between arrows, and where it is.
                    spans.push(Span::styled(
                        format!("‹ {} ›", options[*index]),
                        Style::new().add_modifier(Modifier::BOLD),
                    ));
                    spans.push(Span::styled(
                        format!("  {}/{}", index + 1, options.len()),
                        theme.dim(),
                    ));
                    lines.push(Line::from(spans));
                    continue;
                }
                for (j, option) in options.iter().enumerate() {
                    let style = if j == *index {
                        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
                    } else {
                        theme.dim()
                    };
                    spans.push(Span::styled(format!(" {option} "), style));
                }
                lines.push(Line::from(spans));
            }
            FieldValue::Line(editor) => {
                let (x, shown) = scrolled_line(editor, value_width);
                if focused {
                    cursor = Some((x, lines.len()));
                }
                lines.push(Line::from(vec![label, Span::raw(shown)]));
            }
            FieldValue::Text(editor) => {
                let (row, _) = editor.cursor();
                let first = row.saturating_sub(TEXT_ROWS - 1);
                for r in 0..TEXT_ROWS {
                    let head = if r == 0 {
                        label.clone()
                    } else {
                        Span::raw(" ".repeat(label_width))
                    };
                    let text = editor
                        .lines()
                        .get(first + r)
                        .map(|l| clean_line(l).into_owned())
                        .unwrap_or_default();
                    if focused && first + r == row {
                        let (x, shown) = scrolled_line(editor, value_width);
                        cursor = Some((x, lines.len()));
                        lines.push(Line::from(vec![head, Span::raw(shown)]));
                    } else {
                        lines.push(Line::from(vec![head, Span::raw(text)]));
                    }
                }
            }
        }
    }
    lines.push(Line::default());
    let context = state.context();
    let hints = match form.focused().value {
        FieldValue::Choice { .. } => {
            let mut h = stance_or_type_hints(context);
            h.extend([Command::Confirm, Command::Cancel]);
            h
        }
        _ => vec![Command::NextField, Command::Confirm, Command::Cancel],
    };
    lines.push(footer(state, theme, &hints));
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((x, row)) = cursor {
        let x = inner.x + u16::try_from(label_width).unwrap_or(0) + x;
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        frame.set_cursor_position(Position::new(x, y));
    }
}

fn stance_or_type_hints(context: crate::keymap::Context) -> Vec<Command> {
    match context {
        crate::keymap::Context::LinkStance => vec![
            Command::StanceSupports,
            Command::StanceRefutes,
            Command::StanceContext,
        ],
        _ => vec![Command::NextType],
    }
}
