//! The claimant prompt: the text (selected while it is the untouched pre-fill), whether it
//! is a guess, the kind, and the claimants of the case that fit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::overlay::{centred, footer, popup};
use super::theme::Theme;
use crate::app::{AppState, ClaimantPrompt};
use crate::keymap::Command;
use crate::text::clean_line;

/// How many completions are listed under the text.
const SHOWN: usize = 4;

pub(super) fn draw_claimant(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    prompt: &ClaimantPrompt,
) {
    let name = state
        .case
        .claim_index(&prompt.claim)
        .map(|i| state.claim_label(i))
        .unwrap_or_default();
    let width = area.width.saturating_sub(8).clamp(40, 96);
    let rect = centred(area, width, 6 + SHOWN as u16);
    let title = format!(" Claimant of {name} ");
    let inner = popup(frame, rect, title, theme);
    let [text_area, note_area, list_area, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(SHOWN as u16 + 1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let (x, shown) = super::form::scrolled_line(&prompt.editor, usize::from(text_area.width));
    let style = if prompt.selected {
        theme.selection()
    } else {
        Style::new()
    };
    frame.render_widget(Paragraph::new(Span::styled(shown, style)), text_area);
    let kind = match prompt.kind {
        None => "kind: detected (Ctrl-o)",
        Some(crate::model::ClaimantKind::Person) => "kind: person",
        Some(_) => "kind: organization",
    };
    let mut note = Vec::new();
    if prompt.from_guess && prompt.selected {
        note.push(Span::styled(
            "a guess: Enter confirms, typing replaces · ",
            theme.warning(),
        ));
    }
    note.push(Span::styled(kind, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(note)), note_area);
    let typed = if prompt.selected {
        String::new()
    } else {
        prompt.editor.text()
    };
    let fits = ClaimantPrompt::completions(&prompt.known, &typed);
    let mut lines = vec![Line::styled(
        if fits.is_empty() {
            "No other claimant in the case fits"
        } else {
            "In the case (Tab):"
        },
        theme.dim(),
    )];
    for name in fits.iter().take(SHOWN) {
        lines.push(Line::from(Span::styled(
            format!("  {}", clean_line(name)),
            Style::new().add_modifier(Modifier::ITALIC),
        )));
    }
    frame.render_widget(Paragraph::new(lines), list_area);
    frame.render_widget(
        footer(
            state,
            theme,
            &[
                Command::Confirm,
                Command::CompleteClaimant,
                Command::CycleClaimantKind,
                Command::Cancel,
            ],
        ),
        footer_area,
    );
    frame.set_cursor_position(Position::new(text_area.x + x, text_area.y));
}
