//! The merge-conflict list: each conflict's place, with ours, theirs and the base value of
//! the selected one, and the keys that resolve it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use super::claims::truncate;
use super::overlay::{centred, footer, popup};
use super::theme::Theme;
use crate::app::{AppState, Editor};
use crate::keymap::Command;
use crate::text::clean_line;

/// A side's value for people: text as it reads, anything else as JSON, "(none)" when the
/// side did not have it.
fn shown(value: &Option<Value>) -> String {
    match value {
        None => "(none: deleted or never there)".into(),
        Some(Value::String(s)) if s.is_empty() => "(empty)".into(),
        Some(Value::String(s)) => clean_line(s).into_owned(),
        Some(other) => clean_line(&other.to_string()).into_owned(),
    }
}

pub(super) fn draw_conflicts(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    selected: usize,
    editor: Option<&Editor>,
) {
    let conflicts = &state.case.conflicts;
    let Some(last) = conflicts.len().checked_sub(1) else {
        return;
    };
    let selected = selected.min(last);
    let width = area.width.saturating_sub(4).clamp(40, 100);
    let c = &conflicts[selected];
    let values = [
        ("Field", clean_line(&c.place(&state.case)).into_owned()),
        ("Ours", shown(&c.ours)),
        ("Theirs", shown(&c.theirs)),
        ("Base", shown(&c.base)),
    ];
    // Each value wraps; the popup grows to fit them (within the screen).
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let value_rows: usize = values
        .iter()
        .map(|(_, v)| (8 + v.width()).div_ceil(inner_width).max(1))
        .sum();
    let edit_rows = if editor.is_some() { 3 } else { 0 };
    let list_rows = u16::try_from(conflicts.len().min(8)).unwrap_or(8);
    let wanted = usize::from(list_rows) + 1 + value_rows + edit_rows + 2 + 2;
    let height = u16::try_from(wanted).unwrap_or(u16::MAX).min(area.height);
    let rect = centred(area, width, height);
    let n = conflicts.len();
    let title = format!(" Merge conflicts: {n} to resolve (saved in the file until then) ");
    let inner = popup(frame, rect, title, theme);
    let list_rows = list_rows.min(inner.height / 3).max(1);
    let [list_area, _, detail_area, _, footer_area] = Layout::vertical([
        Constraint::Length(list_rows),
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let first = selected.saturating_sub(usize::from(list_rows).saturating_sub(1));
    let text_width = usize::from(inner.width);
    let rows: Vec<Line> = conflicts
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(list_rows))
        .map(|(i, c)| {
            let marker = if i == selected { "▶ " } else { "  " };
            let text = truncate(
                &clean_line(&c.place(&state.case)),
                text_width.saturating_sub(2),
            );
            let line = Line::raw(format!("{marker}{text}"));
            match i == selected {
                true => line.style(theme.selected_row(true)),
                false => line,
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), list_area);
    let label = |name: &str| Span::styled(format!("{name:<8}"), theme.heading());
    let mut detail: Vec<Line> = values
        .into_iter()
        .map(|(name, value)| match name {
            "Base" => Line::from(vec![label(name), Span::styled(value, theme.dim())]),
            _ => Line::from(vec![label(name), Span::raw(value)]),
        })
        .collect();
    if editor.is_some() {
        detail.push(Line::default());
        detail.push(Line::from(label("Value")));
    }
    let [values_area, edit_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(u16::from(editor.is_some())),
    ])
    .areas(detail_area);
    frame.render_widget(
        Paragraph::new(detail).wrap(Wrap { trim: false }),
        values_area,
    );
    let commands: &[Command] = match editor {
        Some(_) => &[Command::Confirm, Command::Cancel],
        None => &[
            Command::TakeOurs,
            Command::TakeTheirs,
            Command::EditConflict,
            Command::Undo,
            Command::Cancel,
        ],
    };
    frame.render_widget(footer(state, theme, commands), footer_area);
    if let Some(editor) = editor {
        let (x, line) = super::form::scrolled_line(editor, usize::from(edit_area.width));
        frame.render_widget(Paragraph::new(line), edit_area);
        frame.set_cursor_position(Position::new(edit_area.x + x, edit_area.y));
    }
}
