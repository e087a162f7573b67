//! Suggestion marks: a bar in the article pane's left border beside every line of a
//! suggested sentence, and the suggestion's reasons in the detail pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::{AppState, Pane, SuggestionDetail};
use crate::text::clean_line;

/// The gutter mark of a suggested line.
pub const MARK: &str = "┃";

/// The suggestion marks' look (and a seen-before match's, in the claim detail).
pub fn mark_style(theme: &Theme) -> Style {
    if theme.color {
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

/// Marks the left border of `area` beside the visible lines (from `inner`'s top) that hold
/// an open suggestion.
pub fn draw_gutter(frame: &mut Frame, area: Rect, inner: Rect, state: &AppState, theme: &Theme) {
    if !state.show_suggestions || state.suggestions.is_empty() {
        return;
    }
    let style = mark_style(theme);
    let rows = state
        .doc
        .lines
        .iter()
        .skip(state.top)
        .take(usize::from(inner.height));
    for (row, line) in rows.enumerate() {
        if state.suggestions_in(line.clone()).next().is_some() {
            let y = inner.y + u16::try_from(row).unwrap_or(u16::MAX);
            if let Some(cell) = frame.buffer_mut().cell_mut((area.x, y)) {
                cell.set_symbol(MARK).set_style(style);
            }
        }
    }
}

/// The suggestion under the cursor, when the article has the focus and no claim is there.
pub fn detail_to_show(state: &AppState) -> Option<SuggestionDetail> {
    if state.focus != Pane::Article || state.doc.innermost_in(state.cursor_range()).is_some() {
        return None;
    }
    state.suggestion_detail()
}

/// The detail pane for a suggested sentence: its score, reasons and the keys.
pub fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    detail: &SuggestionDetail,
) {
    let block = Block::bordered()
        .border_style(theme.border(false))
        .title(" Suggested: worth checking? ");
    let dim = |s: String| Span::styled(s, theme.dim());
    let mut lines = vec![
        Line::from(vec![
            dim("Score: ".into()),
            Span::styled(format!("{:.2}", detail.score), mark_style(theme)),
        ]),
        Line::from(vec![
            dim("Claimant guess: ".into()),
            Span::raw(match &detail.claimant_guess {
                Some(who) => clean_line(who).into_owned(),
                None => "— (the article's own voice)".into(),
            }),
        ]),
        Line::default(),
        Line::from(dim("Why:".into())),
    ];
    for reason in &detail.reasons {
        let against = reason.starts_with("against: ");
        let text = clean_line(reason.trim_start_matches("against: ")).into_owned();
        lines.push(Line::from(if against {
            vec![dim(" − ".into()), dim(text)]
        } else {
            vec![Span::styled(" + ", mark_style(theme)), Span::raw(text)]
        }));
    }
    lines.push(Line::default());
    let key = |c| {
        state
            .keymap
            .keys_for(crate::keymap::Context::Article, c)
            .first()
            .map_or_else(String::new, ToString::to_string)
    };
    use crate::keymap::Command::*;
    lines.push(Line::from(dim(format!(
        "{} claim it · {} dismiss · {}/{} next/previous · {} hide marks",
        key(MakeClaim),
        key(DismissSuggestion),
        key(NextSuggestion),
        key(PreviousSuggestion),
        key(ToggleSuggestions),
    ))));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// The overview's count of suggested sentences not yet claimed or dismissed.
pub fn overview_note(state: &AppState) -> Line<'static> {
    let n = state.open_suggestion_count();
    let key = state
        .keymap
        .keys_for(
            crate::keymap::Context::Article,
            crate::keymap::Command::NextSuggestion,
        )
        .first()
        .map_or_else(String::new, |k| {
            format!(": {k} in the article goes to the next")
        });
    Line::from(format!(
        " {n} suggested sentence{} still unclaimed{} ",
        if n == 1 { "" } else { "s" },
        if n == 0 { String::new() } else { key }
    ))
}
