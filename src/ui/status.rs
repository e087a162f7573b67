//! The status bar: mode, file, unsaved marker, key hints or the last message, counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::claims::truncate;
use super::theme::Theme;
use crate::app::{AppState, MessageKind};
use crate::keymap::{Command, Context};
use crate::text::clean_line;

/// The commands worth a hint in each context, most useful first.
fn hint_commands(context: Context) -> &'static [Command] {
    use Command::*;
    match context {
        Context::Article => &[
            MakeClaim,
            ShowHelp,
            StartSelection,
            RateClaim,
            LinkSource,
            EditWording,
            NextClaim,
            Search,
            Save,
        ],
        Context::Claims => &[
            JumpToClaim,
            ShowHelp,
            LinkSource,
            RateClaim,
            EditWording,
            EditExplanation,
            CycleStatus,
            Delete,
        ],
        Context::Detail => &[
            LinkSource, EditLink, Delete, OpenUrl, OpenSource, CopyUrl, ShowHelp,
        ],
        Context::Selection => &[
            ExtendChar,
            ExtendWord,
            ShrinkWord,
            ExtendSentence,
            MoveStartRight,
            MakeClaim,
            Cancel,
        ],
        Context::Rating => &[Confirm, ClearRating, Cancel],
        Context::LineEditor | Context::TextEditor => &[Confirm, Cancel],
        Context::Confirm => &[Confirm, Cancel],
        Context::QuitPrompt => &[SaveAndQuit, DiscardAndQuit, Cancel],
        Context::Help => &[Cancel],
        Context::Recovery => &[RecoverWork, DiscardRecovery, ShowDifferences],
        Context::SaveConflict => &[OverwriteFile, SaveAs, Cancel],
        Context::SaveFailed => &[SaveAs, Cancel],
        Context::ExistingCase => &[OpenExisting, StartFresh],
        Context::Picker => &[Confirm, Cancel],
        Context::Library => &[FilterLibrary, AddSource, EditSource, DeleteSource, Cancel],
        Context::LibraryFilter => &[Confirm, Cancel],
        Context::Overview => &[Confirm, Cancel],
        Context::Conflicts => &[TakeOurs, TakeTheirs, EditConflict, Undo, Cancel],
        Context::LinkStance => &[
            StanceSupports,
            StanceRefutes,
            StanceContext,
            NextField,
            Confirm,
        ],
        Context::LinkText | Context::LinkLine => &[NextField, Confirm, Cancel],
        Context::SourceTypeField => &[NextType, NextField, Confirm, Cancel],
        Context::SourceLine | Context::SourceText => &[NextField, Confirm, Cancel],
        _ => &[],
    }
}

pub fn draw_status(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let mut left = vec![
        Span::styled(format!(" {} ", state.mode().name()), theme.mode()),
        Span::raw(" "),
        Span::raw(clean_line(&state.file_name()).into_owned()),
    ];
    if state.dirty() {
        left.push(Span::styled(" [+]", theme.warning()));
    }
    if state.read_only.is_some() {
        left.push(Span::styled(" [read-only]", theme.warning()));
    }
    // Unsaved work that is not safe outranks the hints; a message still comes first.
    if state.message.is_none()
        && let Some(problem) = &state.autosave_problem
    {
        left.push(Span::raw("  "));
        left.push(Span::styled(
            clean_line(problem).into_owned(),
            theme.error(),
        ));
    }
    left.push(Span::raw("  "));

    // A message needs the room more than the counts do.
    let right = match state.message {
        _ if !state.doc.complete => {
            let done = state
                .index_progress
                .as_ref()
                .map_or(0, |p| p.load(std::sync::atomic::Ordering::Relaxed));
            format!(
                " indexing {}% ",
                done * 100 / state.case.article.text.len().max(1)
            )
        }
        Some(_) => String::new(),
        None => {
            // Counted only when shown: a message hides it (10,000 claims are a walk).
            let rated = state.case.claims.iter().filter(|c| c.is_rated()).count();
            let count = state.case.claims.len();
            format!(
                " {count} claim{} · {rated} rated ",
                if count == 1 { "" } else { "s" }
            )
        }
    };
    let used: usize = left.iter().map(|s| s.content.width()).sum::<usize>() + right.width();
    let room = usize::from(area.width).saturating_sub(used);

    let middle: Vec<Span> = match &state.message {
        Some(message) => {
            let style = match message.kind {
                MessageKind::Info => ratatui::style::Style::new(),
                MessageKind::Warning => theme.warning(),
                MessageKind::Error => theme.error(),
            };
            vec![Span::styled(
                truncate(&clean_line(&message.text), room),
                style,
            )]
        }
        None => {
            let context = state.context();
            let mut spans = Vec::new();
            let mut width = 0;
            for (key, hint) in state.keymap.hints(context, hint_commands(context)) {
                let key = key.to_string();
                let w = key.width() + hint.width() + 3;
                if width + w > room {
                    break;
                }
                width += w;
                spans.push(Span::styled(key, theme.key()));
                spans.push(Span::raw(format!(" {hint}  ")));
            }
            spans
        }
    };
    let middle_width: usize = middle.iter().map(|s| s.content.width()).sum();
    let mut spans = left;
    spans.extend(middle);
    spans.push(Span::raw(" ".repeat(room.saturating_sub(middle_width))));
    spans.push(Span::styled(right, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
