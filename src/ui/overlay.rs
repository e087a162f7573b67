//! Overlays drawn over the main screen: help, rating picker, editor, confirmations.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::claims::truncate;
use super::theme::Theme;
use crate::app::{AppState, Confirmation, Editor, Field, Overlay};
use crate::keymap::{Command, HelpLine, help_lines};
use crate::text::clean_line;

/// A centred rectangle of at most `width`×`height` inside `area`.
pub(super) fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

pub(super) fn popup(frame: &mut Frame, area: Rect, title: String, theme: &Theme) -> Rect {
    let block = Block::bordered()
        .title(title)
        .border_style(theme.border(true));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    inner
}

/// "key label" hints for an overlay's footer, from the keymap in force.
pub(super) fn footer<'a>(state: &AppState, theme: &Theme, commands: &[Command]) -> Line<'a> {
    let mut spans = Vec::new();
    for (key, hint) in state.keymap.hints(state.context(), commands) {
        spans.push(Span::styled(key.to_string(), theme.key()));
        spans.push(Span::raw(format!(" {hint}  ")));
    }
    Line::from(spans)
}

pub fn draw_overlay(frame: &mut Frame, state: &AppState, theme: &Theme) {
    draw_one(frame, state, theme, state.overlay.as_ref());
}

fn draw_one(frame: &mut Frame, state: &AppState, theme: &Theme, overlay: Option<&Overlay>) {
    let area = frame.area();
    match overlay {
        None => {}
        Some(Overlay::Discard(under)) => {
            draw_one(frame, state, theme, Some(under));
            let rect = centred(area, 44, 4);
            let inner = popup(frame, rect, " Discard changes? ".into(), theme);
            let body = vec![
                Line::raw("What you typed here will be lost."),
                footer(
                    state,
                    theme,
                    &[Command::DiscardChanges, Command::KeepEditing],
                ),
            ];
            frame.render_widget(Paragraph::new(body), inner);
        }
        Some(Overlay::Help { scroll }) => draw_help(frame, area, state, theme, *scroll),
        Some(Overlay::ReanchorOffer { path, fresh, .. }) => {
            let path = path.display().to_string();
            super::review::draw_offer(frame, area, state, theme, &path, fresh.is_some());
        }
        Some(Overlay::Review { selected }) => {
            super::review::draw_review(frame, area, state, theme, *selected)
        }
        Some(Overlay::Rating { claim, selected }) => {
            let name = state
                .case
                .claim_index(claim)
                .map(|i| state.claim_label(i))
                .unwrap_or_default();
            draw_rating(frame, area, state, theme, &name, *selected);
        }
        Some(Overlay::Edit {
            claim,
            field,
            editor,
        }) => {
            let name = state
                .case
                .claim_index(claim)
                .map(|i| state.claim_label(i))
                .unwrap_or_default();
            draw_editor(frame, area, state, theme, &name, *field, editor);
        }
        Some(Overlay::Confirm(what)) => draw_confirm(frame, area, state, theme, what),
        Some(Overlay::Picker(p)) => super::picker::draw_picker(frame, area, state, theme, p),
        Some(Overlay::NewSourceTitle { url, editor, .. }) => {
            let title = format!(
                " New source: {} — its title ",
                truncate(&clean_line(url), 50)
            );
            draw_line_editor(frame, area, state, theme, title, editor);
        }
        Some(Overlay::LinkForm {
            claim,
            source,
            editing,
            form,
        }) => {
            let name = state
                .case
                .claim_index(claim)
                .map(|i| state.claim_label(i))
                .unwrap_or_default();
            let title = state
                .case
                .source(source)
                .map(|s| s.title.clone())
                .unwrap_or_else(|| source.to_string());
            let heading = format!(
                " {} {name} → {} ",
                if editing.is_some() {
                    "Edit link:"
                } else {
                    "Link"
                },
                truncate(&clean_line(&title), 40)
            );
            super::form::draw_form(frame, area, state, theme, heading, form);
        }
        Some(Overlay::SourceForm { source, form }) => {
            let heading = match source {
                Some(id) => {
                    let cited = state.case.citing_claims(id);
                    let names: Vec<String> = cited.iter().map(|i| state.claim_label(*i)).collect();
                    match names.is_empty() {
                        true => " Source record · cited by no claim ".to_string(),
                        false => format!(" Source record · cited by {} ", names.join(", ")),
                    }
                }
                None => " New source ".to_string(),
            };
            super::form::draw_form(frame, area, state, theme, heading, form);
        }
        Some(Overlay::Recovery {
            differences,
            showing,
            ..
        }) => {
            let shown = if *showing {
                differences.len().min(12)
            } else {
                0
            };
            let rect = centred(area, 70, u16::try_from(shown + 8).unwrap_or(20));
            let inner = popup(frame, rect, " Unsaved work found ".into(), theme);
            let mut body = vec![Line::raw(format!(
                "Work on {} was never saved: factdesk was stopped or crashed before a save, and kept it in a recovery file.",
                clean_line(&state.file_name())
            ))];
            if *showing {
                body.push(Line::default());
                for d in differences.iter().take(12) {
                    body.push(Line::raw(truncate(&clean_line(d), 66)));
                }
                if differences.len() > 12 {
                    body.push(Line::styled(
                        format!("… and {} more", differences.len() - 12),
                        theme.dim(),
                    ));
                }
            }
            body.push(Line::default());
            body.push(footer(
                state,
                theme,
                &[
                    Command::RecoverWork,
                    Command::DiscardRecovery,
                    Command::ShowDifferences,
                ],
            ));
            frame.render_widget(Paragraph::new(body).wrap(Wrap { trim: true }), inner);
        }
        Some(Overlay::SaveConflict { what, .. }) => {
            let rect = centred(area, 72, 8);
            let inner = popup(frame, rect, " The file on disk is different ".into(), theme);
            let body = vec![
                Line::raw(format!(
                    "{} on disk is not the version this case was read from:",
                    clean_line(&state.file_name()),
                )),
                Line::raw(format!("it {}.", clean_line(what))),
                Line::raw("Overwrite it, save this case elsewhere, or cancel."),
                Line::default(),
                footer(
                    state,
                    theme,
                    &[Command::OverwriteFile, Command::SaveAs, Command::Cancel],
                ),
            ];
            frame.render_widget(Paragraph::new(body).wrap(Wrap { trim: true }), inner);
        }
        Some(Overlay::ExistingCase { .. }) => {
            let rect = centred(area, 66, 7);
            let inner = popup(
                frame,
                rect,
                " This article has a verdict file ".into(),
                theme,
            );
            let body = vec![
                Line::raw(format!(
                    "{} already holds a check of this article ({} claims).",
                    clean_line(&state.file_name()),
                    state.case.claims.len()
                )),
                Line::raw("Continue it, or start a new case from the article?"),
                Line::default(),
                footer(state, theme, &[Command::OpenExisting, Command::StartFresh]),
            ];
            frame.render_widget(Paragraph::new(body).wrap(Wrap { trim: true }), inner);
        }
        Some(Overlay::SaveFailed { reason, .. }) => {
            let rect = centred(area, 72, 8);
            let inner = popup(frame, rect, " Not saved ".into(), theme);
            let body = vec![
                Line::raw(clean_line(reason).into_owned()),
                Line::default(),
                Line::raw("Everything is still here. Save it somewhere else, or fix the cause"),
                Line::raw("and press Ctrl-s again."),
                Line::default(),
                footer(state, theme, &[Command::SaveAs, Command::Cancel]),
            ];
            frame.render_widget(Paragraph::new(body).wrap(Wrap { trim: true }), inner);
        }
        Some(Overlay::Conflicts { selected, editor }) => {
            super::conflicts::draw_conflicts(frame, area, state, theme, *selected, editor.as_ref());
        }
        Some(Overlay::Search { editor }) => {
            let title = " Search the article (lower case: any case) ".to_string();
            draw_line_editor(frame, area, state, theme, title, editor);
        }
        Some(Overlay::ClaimFilter { editor }) => {
            let title =
                " Filter claims: status:todo verdict:False claimant:NAME words ".to_string();
            draw_line_editor(frame, area, state, theme, title, editor);
        }
        Some(Overlay::Claimant(prompt)) => {
            super::claimant::draw_claimant(frame, area, state, theme, prompt)
        }
        Some(Overlay::MetadataForm { form }) => {
            let heading = match state.current_index() {
                Some(i) => format!(" Article metadata · last two: {} ", state.claim_label(i)),
                None => " Article metadata ".to_string(),
            };
            super::form::draw_form(frame, area, state, theme, heading, form);
        }
        Some(Overlay::ExportPath { format, editor }) => {
            let title = format!(" Export {} to — path ", format.name());
            draw_line_editor(frame, area, state, theme, title, editor);
        }
        Some(Overlay::SaveAs { editor, .. }) => {
            draw_line_editor(frame, area, state, theme, " Save as — path ".into(), editor);
        }
        Some(Overlay::QuitPrompt) => {
            // `=` on a claim seen before: which case opens once this one is left.
            let then = state.open_next().map(|next| {
                let name = next.file_name().unwrap_or(next.as_os_str());
                Line::raw(format!(
                    "Then {} opens.",
                    clean_line(&name.to_string_lossy())
                ))
            });
            let rect = centred(area, 56, 5 + u16::from(then.is_some()));
            let inner = popup(frame, rect, " Unsaved changes ".into(), theme);
            let mut body = vec![Line::raw(format!(
                "{} has unsaved changes.",
                clean_line(&state.file_name())
            ))];
            body.extend(then);
            body.extend([
                Line::default(),
                footer(
                    state,
                    theme,
                    &[
                        Command::SaveAndQuit,
                        Command::DiscardAndQuit,
                        Command::Cancel,
                    ],
                ),
            ]);
            frame.render_widget(Paragraph::new(body), inner);
        }
    }
}

fn draw_confirm(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    what: &Confirmation,
) {
    let label = |claim| {
        state
            .case
            .claim_index(claim)
            .map(|i| (state.claim_label(i), state.case.claims[i].text.clone()))
            .unwrap_or_default()
    };
    let (title, lines) = match what {
        Confirmation::DeleteClaim(claim) => {
            let (name, wording) = label(claim);
            (
                " Delete claim? ",
                vec![
                    format!("Delete {name} “{}”?", truncate(&clean_line(&wording), 40)),
                    "Its verdict, explanation and links go with it.".to_string(),
                ],
            )
        }
        Confirmation::RemoveLink { claim, index } => {
            let (name, _) = label(claim);
            let source = state
                .case
                .claim(claim)
                .and_then(|c| c.links.get(*index))
                .and_then(|l| state.case.source(&l.source))
                .map(|s| s.title.clone())
                .unwrap_or_default();
            (
                " Remove link? ",
                vec![
                    format!(
                        "Remove the link from {name} to “{}”?",
                        truncate(&clean_line(&source), 30)
                    ),
                    "The source stays in the library.".to_string(),
                ],
            )
        }
        Confirmation::DeleteSource(id) => {
            let title = state
                .case
                .source(id)
                .map(|s| s.title.clone())
                .unwrap_or_default();
            let links = state.case.link_count(id);
            let claims = state.case.citing_claims(id).len();
            (
                " Delete source? ",
                vec![
                    format!(
                        "Delete “{}” from the library?",
                        truncate(&clean_line(&title), 36)
                    ),
                    match links {
                        0 => "No claim cites it.".to_string(),
                        n => format!(
                            "{n} link{} from {claims} claim{} go{} with it.",
                            if n == 1 { "" } else { "s" },
                            if claims == 1 { "" } else { "s" },
                            if n == 1 { "es" } else { "" }
                        ),
                    },
                ],
            )
        }
    };
    let rect = centred(area, 60, 6);
    let inner = popup(frame, rect, title.into(), theme);
    let mut body: Vec<Line> = lines.into_iter().map(Line::raw).collect();
    body.push(Line::default());
    body.push(footer(state, theme, &[Command::Confirm, Command::Cancel]));
    frame.render_widget(Paragraph::new(body).wrap(Wrap { trim: true }), inner);
}

fn draw_line_editor(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    title: String,
    editor: &Editor,
) {
    let width = area.width.saturating_sub(8).clamp(40, 96);
    let rect = centred(area, width, 5);
    let inner = popup(frame, rect, title, theme);
    let [text_area, _, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let (x, shown) = super::form::scrolled_line(editor, usize::from(text_area.width));
    frame.render_widget(Paragraph::new(shown), text_area);
    frame.render_widget(
        footer(state, theme, &[Command::Confirm, Command::Cancel]),
        footer_area,
    );
    frame.set_cursor_position(Position::new(text_area.x + x, text_area.y));
}

fn draw_help(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme, scroll: usize) {
    let rect = centred(area, 76, area.height.saturating_sub(2));
    let inner = popup(frame, rect, " Keys — j/k scroll · Esc close ".into(), theme);
    let mut lines = Vec::new();
    if !state.notices.is_empty() {
        lines.push(HelpLine::Heading("About this article and file"));
        for notice in &state.notices {
            lines.push(HelpLine::Entry {
                keys: "⚠".into(),
                description: clean_line(notice).into_owned(),
            });
        }
        lines.push(HelpLine::Blank);
    }
    lines.extend(help_lines(&state.keymap));
    let (lines, key_width) = crate::keymap::wrap_help(&lines, usize::from(inner.width));
    let shown: Vec<Line> = lines
        .iter()
        .skip(scroll.min(lines.len().saturating_sub(usize::from(inner.height))))
        .take(usize::from(inner.height))
        .map(|l| match l {
            HelpLine::Heading(h) => Line::styled(*h, theme.heading()),
            HelpLine::Blank => Line::default(),
            HelpLine::Entry { keys, description } => Line::from(vec![
                Span::styled(format!("  {keys:<key_width$}  "), theme.key()),
                Span::raw(description.clone()),
            ]),
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

fn draw_rating(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    name: &str,
    selected: usize,
) {
    let labels = &state.case.scale.labels;
    let height = u16::try_from(labels.len())
        .unwrap_or(u16::MAX)
        .saturating_add(4);
    let rect = centred(area, area.width.saturating_sub(8).clamp(40, 110), height);
    let inner = popup(
        frame,
        rect,
        format!(" Rate {name} · {} ", clean_line(&state.case.scale.name)),
        theme,
    );
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let digit = if i < 9 {
                format!("{}", i + 1)
            } else {
                " ".into()
            };
            let colour = theme.verdict_colour(&label.colour);
            let head = format!(" {digit} ■ {:<14}", clean_line(&label.label));
            let room = width.saturating_sub(head.width() + 1);
            let mut line = Line::from(vec![
                Span::styled(format!(" {digit} "), theme.key()),
                Span::styled("■ ", Style::new().fg(colour)),
                Span::styled(
                    format!("{:<14}", clean_line(&label.label)),
                    Style::new().fg(colour).add_modifier(Modifier::BOLD),
                ),
                Span::styled(
                    format!(" {}", truncate(&clean_line(&label.description), room)),
                    theme.dim(),
                ),
            ]);
            if i == selected {
                line = line.style(theme.selected_row(true));
            }
            line
        })
        .collect();
    lines.push(Line::default());
    lines.push(footer(
        state,
        theme,
        &[Command::Confirm, Command::ClearRating, Command::Cancel],
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_editor(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    name: &str,
    field: Field,
    editor: &Editor,
) {
    let rows = if editor.is_multiline() { 10 } else { 1 };
    let width = area.width.saturating_sub(8).clamp(40, 96);
    let rect = centred(area, width, rows + 4);
    let inner = popup(
        frame,
        rect,
        format!(" Edit the {} of {name} ", field.name()),
        theme,
    );
    let [text_area, _, footer_area] = Layout::vertical([
        Constraint::Length(rows),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let (row, col) = editor.cursor();
    let visible = usize::from(rows);
    let first_row = row.saturating_sub(visible.saturating_sub(1));
    let text_width = usize::from(text_area.width.max(1));
    let mut cursor_x = 0;
    let lines: Vec<Line> = editor
        .lines()
        .iter()
        .enumerate()
        .skip(first_row)
        .take(visible)
        .map(|(i, line)| {
            // Long lines scroll horizontally so the cursor stays visible.
            let before: String = line.chars().take(col).collect();
            let shown_before = clean_line(&before);
            let mut skip = 0;
            if i == row && shown_before.width() >= text_width {
                skip = shown_before.width() + 1 - text_width;
            }
            let cleaned = clean_line(line).into_owned();
            let shown: String = skip_columns(&cleaned, skip);
            if i == row {
                cursor_x = shown_before.width() - skip;
            }
            Line::raw(shown)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);
    frame.render_widget(
        footer(state, theme, &[Command::Confirm, Command::Cancel]),
        footer_area,
    );
    let x = text_area.x + u16::try_from(cursor_x).unwrap_or(0);
    let y = text_area.y + u16::try_from(row - first_row).unwrap_or(0);
    frame.set_cursor_position(Position::new(x, y));
}

/// Drops the first `columns` display columns of `s`.
fn skip_columns(s: &str, columns: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    s.chars()
        .skip_while(|c| {
            let skip = used < columns;
            used += c.width().unwrap_or(0);
            skip
        })
        .collect()
}
