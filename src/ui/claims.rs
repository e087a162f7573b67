//! The claim list and the claim detail pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::{AppState, Pane};
use crate::model::{Claim, ClaimStatus, Stance};
use crate::text::clean_line;

/// Longest quote or explanation line drawn in the detail pane: a claim anchored on a
/// whole 10 MB paragraph must not cost a frame its whole length.
const MAX_QUOTE_CHARS: usize = 2_000;
const MAX_EXPLANATION_LINES: usize = 500;

/// The first `chars` characters of `s`: what a row can show at most, before cleaning.
pub fn clip(s: &str, chars: usize) -> &str {
    match s.char_indices().nth(chars) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// `s` cleaned for display and cut at `chars` characters with a visible "…".
fn clip_marked(s: &str, chars: usize) -> String {
    let shown = clip(s, chars);
    let mut out = clean_line(shown).into_owned();
    if shown.len() < s.len() {
        out.push('…');
    }
    out
}

/// A link's stance in text with a sign, so it reads without colour.
pub fn stance_badge(stance: Stance) -> &'static str {
    match stance {
        Stance::Supports => "+ supports",
        Stance::Refutes => "− refutes ",
        Stance::Context => "~ context ",
    }
}

/// Status as one glyph, for the list: · todo, ◐ researching, ✓ reviewed.
pub fn status_glyph(status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::Todo => "·",
        ClaimStatus::Researching => "◐",
        ClaimStatus::Reviewed => "✓",
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
    let position = state.current_index().map_or(0, |i| i + 1);
    let block = Block::bordered()
        .border_style(theme.border(focused))
        .title(format!(" Claims {position}/{count} "));
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
    let width = usize::from(inner.width);
    let current = state.current_index();
    let rows: Vec<Line> = state
        .case
        .claims
        .iter()
        .enumerate()
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
    let field = |name: &str| Span::styled(format!("{name}: "), theme.dim());
    let mut lines = vec![
        Line::from(vec![
            field("Claimant"),
            if claim.claimant.is_empty() {
                Span::styled("— (a to set)", theme.dim())
            } else {
                Span::raw(clean_line(&claim.claimant).into_owned())
            },
        ]),
        Line::from(vec![
            field("Status"),
            Span::raw(format!(
                "{} {}",
                status_glyph(claim.status),
                claim.status.name()
            )),
        ]),
        Line::from(vec![
            field("Verdict"),
            verdict_span(state, theme, claim, true),
        ]),
    ];
    if let Some(at) = &claim.verdict.rated_at {
        lines.push(Line::from(vec![
            field("Rated"),
            Span::styled(clean_line(at).into_owned(), theme.dim()),
        ]));
    }
    lines.extend(super::suggestion::seen_line(state, index, theme));
    lines.push(Line::default());
    let evidence_heading = Line::from(vec![
        Span::styled(format!("Evidence ({}):", claim.links.len()), theme.dim()),
        Span::styled(
            if claim.links.is_empty() {
                " none yet (l to link a source)"
            } else {
                ""
            },
            theme.dim(),
        ),
    ]);
    lines.push(evidence_heading);
    let selected_link = state.selected_link().map(|(i, _)| i);
    let mut selected_line = None;
    for (i, link) in claim.links.iter().enumerate() {
        let selected = focused && Some(i) == selected_link;
        if selected {
            selected_line = Some(lines.len());
        }
        let base = if selected {
            theme.selected_row(true)
        } else {
            Style::new()
        };
        let (title, publisher) = match state.case.source(&link.source) {
            Some(s) => (
                clean_line(&s.title).into_owned(),
                clean_line(&s.container_title).into_owned(),
            ),
            None => (format!("(missing source {})", link.source), String::new()),
        };
        let mut row = vec![
            Span::styled(if selected { "▶" } else { " " }, base),
            Span::styled(
                stance_badge(link.stance),
                base.patch(theme.stance(link.stance)),
            ),
            Span::styled(format!(" {title}"), base),
        ];
        if !publisher.is_empty() {
            row.push(Span::styled(
                format!(" · {publisher}"),
                base.patch(theme.dim()),
            ));
        }
        lines.push(Line::from(row).style(base));
        if let Some(first) = link.quote.lines().find(|l| !l.trim().is_empty()) {
            lines.push(Line::from(vec![
                Span::raw("   "),
                Span::styled(
                    format!("“{}”", clean_line(first.trim())),
                    Style::new().add_modifier(Modifier::ITALIC),
                ),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("In the article:", theme.dim()));
    let orphan = state.doc.orphans.contains(&index);
    for anchor in &claim.anchors {
        lines.push(Line::from(vec![
            Span::styled("▌", theme.dim()),
            Span::styled(
                clip_marked(&anchor.exact, MAX_QUOTE_CHARS),
                Style::new().add_modifier(Modifier::ITALIC),
            ),
        ]));
    }
    if orphan {
        lines.push(Line::styled(
            "⚠ orphan: this text is no longer where it was anchored",
            theme.warning(),
        ));
    }
    lines.push(Line::default());
    lines.push(Line::styled("Explanation:", theme.dim()));
    if claim.verdict.explanation.is_empty() {
        lines.push(Line::styled("— (E to write)", theme.dim()));
    } else {
        for l in claim
            .verdict
            .explanation
            .lines()
            .take(MAX_EXPLANATION_LINES)
        {
            lines.push(Line::raw(clip_marked(l, MAX_QUOTE_CHARS)));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(format!("id {}", claim.id), theme.dim()));

    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width.max(1));
    let total: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let height = usize::from(inner.height);
    let max_scroll = total.saturating_sub(height);
    // With a link selected, scroll just enough to show it (and its quote line).
    let scroll = match selected_line {
        Some(line) => (line + 2).saturating_sub(height),
        None => state.detail_scroll,
    }
    .min(max_scroll);
    frame.render_widget(
        paragraph.scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        inner,
    );
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
