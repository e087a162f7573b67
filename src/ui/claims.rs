//! The claim list and the claim detail pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::{AppState, Look, Pane, detail_lines, status_glyph, wrap_lines};
use crate::model::Claim;
use crate::text::clean_line;

/// The first `chars` characters of `s`: what a row can show at most, before cleaning.
pub fn clip(s: &str, chars: usize) -> &str {
    match s.char_indices().nth(chars) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn verdict_span<'a>(state: &AppState, theme: &Theme, claim: &Claim, long: bool) -> Span<'a> {
    match claim
        .verdict
        .rating
        .as_deref()
        .map(|r| (r, state.case.scale.label(r)))
    {
        Some((_, Some(label))) => Span::styled(
            if long {
                label.label.clone()
            } else {
                label.key.clone()
            },
            Style::new()
                .fg(theme.verdict_colour(&label.colour))
                .add_modifier(Modifier::BOLD),
        ),
        Some((unknown, None)) if long => Span::styled(
            format!("{} (not on the scale)", clean_line(clip(unknown, 60))),
            theme.warning(),
        ),
        Some((_, None)) => Span::styled("⚠", theme.warning()),
        None => Span::styled(if long { "unrated" } else { "?" }, theme.dim()),
    }
}

pub fn draw_claims(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Pane::Claims && state.overlay.is_none();
    let count = state.case.claims.len();
    let visible = state.visible_claims();
    let current = state.current_index();
    let position = current
        .and_then(|c| visible.iter().position(|i| *i == c))
        .map_or(0, |i| i + 1);
    let title = match &state.claim_filter {
        None => format!(" Claims {position}/{count} "),
        Some(f) => {
            let head = format!(" Claims {position}/{} of {count} · ", visible.len());
            let room = usize::from(area.width).saturating_sub(head.chars().count() + 3);
            format!("{head}{} ", truncate(&clean_line(&f.text), room))
        }
    };
    let block = Block::bordered()
        .border_style(theme.border(focused))
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if count == 0 {
        let hint = Paragraph::new(vec![
            Line::styled("No claims yet.", theme.dim()),
            Line::styled(
                "Press c on a sentence to make it a claim, or v to select words first.",
                theme.dim(),
            ),
        ])
        .wrap(Wrap { trim: true });
        frame.render_widget(hint, inner);
        return;
    }
    if visible.is_empty() {
        let hint = Line::styled("No claim matches the filter (/ to change it).", theme.dim());
        frame.render_widget(Paragraph::new(hint).wrap(Wrap { trim: true }), inner);
        return;
    }
    let width = usize::from(inner.width);
    let rows: Vec<Line> = visible
        .iter()
        .map(|i| (*i, &state.case.claims[*i]))
        .skip(state.list_top)
        .take(usize::from(inner.height))
        .map(|(i, claim)| {
            let verdict = verdict_span(state, theme, claim, false);
            let bullet_style = verdict.style;
            let bullet = if claim.is_rated() { "●" } else { "○" };
            let orphan = state.doc.orphans.contains(&i);
            let head = format!(
                " {} {} ",
                state.claim_label(i),
                if orphan {
                    "⚠"
                } else if claim.needs_review() {
                    "≈"
                } else {
                    status_glyph(claim.status)
                }
            );
            let wording = clean_line(clip(&claim.text, width));
            let used = 2 + head.chars().count() + verdict.content.chars().count() + 1;
            let room = width.saturating_sub(used);
            let mut row = Line::from(vec![
                Span::styled(bullet, bullet_style),
                Span::raw(head),
                Span::raw(pad(&truncate(&wording, room), room)),
                Span::raw(" "),
                verdict,
            ]);
            if Some(i) == current {
                row = row.style(theme.selected_row(focused));
            }
            row
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}

pub fn draw_detail(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Pane::Detail && state.overlay.is_none();
    let mut block = Block::bordered().border_style(theme.border(focused));
    let Some((index, claim)) = state.current_index().map(|i| (i, &state.case.claims[i])) else {
        let inner = block.inner(area);
        frame.render_widget(block.title(" Claim "), area);
        let hint = Line::styled("The current claim shows here.", theme.dim());
        frame.render_widget(Paragraph::new(hint).wrap(Wrap { trim: true }), inner);
        return;
    };
    let label = state.claim_label(index);
    let title_room = usize::from(area.width.saturating_sub(8 + label.len() as u16));
    block = block.title(format!(
        " {label} · {} ",
        truncate(&clean_line(clip(&claim.text, title_room + 1)), title_room)
    ));
    let selected = state.selected_link().map(|(i, _)| i).filter(|_| focused);
    let inner = block.inner(area);
    let width = usize::from(inner.width.max(1));
    let rows = wrap_lines(&detail_lines(state, index, selected), width);
    let height = usize::from(inner.height);
    let scroll = state.detail_scroll.min(rows.len().saturating_sub(height));
    if scroll > 0 {
        block = block.title(Line::styled(" ▲ more ", theme.key()).right_aligned());
    }
    if scroll + height < rows.len() {
        block = block.title_bottom(Line::styled(" ▼ more ", theme.key()).right_aligned());
    }
    frame.render_widget(block, area);
    let lines: Vec<Line> = rows
        .iter()
        .skip(scroll)
        .take(height)
        .map(|row| {
            let base = if row.link.is_some() && row.link == selected {
                theme.selected_row(true)
            } else {
                Style::new()
            };
            let spans: Vec<Span> = row
                .parts
                .iter()
                .map(|(look, text)| Span::styled(text.clone(), base.patch(look_style(theme, look))))
                .collect();
            Line::from(spans).style(base)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The theme's style for a piece of the detail pane.
fn look_style(theme: &Theme, look: &Look) -> Style {
    match look {
        Look::Plain | Look::Pointer => Style::new(),
        Look::Dim => theme.dim(),
        Look::Quote => Style::new().add_modifier(Modifier::ITALIC),
        Look::Warning => theme.warning(),
        Look::Verdict(colour) => Style::new()
            .fg(theme.verdict_colour(colour))
            .add_modifier(Modifier::BOLD),
        Look::Stance(stance) => theme.stance(*stance),
        Look::Suggested => super::suggestion::mark_style(theme),
    }
}

/// Cuts `s` to `width` columns, ending in "…" when cut.
pub fn truncate(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w >= width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Pads `s` with spaces to `width` columns.
fn pad(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}
