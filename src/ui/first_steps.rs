//! The first-steps panel: shown on the demo's first run, over the bottom of the article,
//! until Esc closes it. Its keys come from the keymap in force.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::AppState;
use crate::keymap::{Command, Context};

pub fn draw_first_steps(frame: &mut Frame, article: Rect, state: &AppState, theme: &Theme) {
    if !state.first_steps || state.overlay.is_some() {
        return;
    }
    let key = |command: Command| {
        state
            .keymap
            .keys_for(Context::Article, command)
            .first()
            .map_or_else(|| "(unbound)".to_string(), ToString::to_string)
    };
    let step = |keys: Vec<(Command, &str)>| {
        let mut spans = Vec::new();
        for (i, (command, what)) in keys.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(" · "));
            }
            spans.push(Span::styled(key(command), theme.key()));
            spans.push(Span::raw(format!(" {what}")));
        }
        Line::from(spans)
    };
    let lines = vec![
        Line::raw("C1 is a worked example: rated, sourced and explained. Try the same:"),
        step(vec![
            (Command::MoveDown, "next sentence"),
            (Command::MakeClaim, "make it a claim"),
            (Command::StartSelection, "select words first"),
        ]),
        step(vec![
            (Command::RateClaim, "rate"),
            (Command::LinkSource, "link a source"),
            (Command::EditExplanation, "explain"),
            (Command::CycleStatus, "status"),
        ]),
        step(vec![
            (Command::FocusNextPane, "to the list and the detail"),
            (Command::Save, "save"),
        ]),
        step(vec![
            (Command::ShowHelp, "every key"),
            (Command::Cancel, "close this panel"),
        ]),
    ];
    let inner_width = usize::from(article.width.saturating_sub(4)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner_width).max(1))
        .sum();
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    if article.height < height + 4 || article.width < 30 {
        return;
    }
    let area = Rect {
        x: article.x + 1,
        y: article.bottom().saturating_sub(height + 1),
        width: article.width.saturating_sub(2),
        height,
    };
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_style(theme.key())
        .title(Line::styled(" First steps ", theme.heading()));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}
