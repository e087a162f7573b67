//! The re-anchoring overlays: the offer to move onto a changed article, and the review of
//! changed and orphaned claims with old and new quote side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::claims::truncate;
use super::overlay::{centred, footer, popup};
use super::theme::Theme;
use crate::app::{AppState, ReviewItem};
use crate::keymap::Command;
use crate::model::ReviewStatus;
use crate::text::clean_line;

/// "The article changed on disk: re-anchor onto the new version?"
pub fn draw_offer(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    path: &str,
    fresh: bool,
) {
    let rect = centred(area, 72, 8);
    let inner = popup(frame, rect, " The article has a new version ".into(), theme);
    let mut commands = vec![Command::ReanchorArticle];
    if fresh {
        commands.push(Command::StartFresh);
    }
    commands.push(Command::OpenExisting);
    let body = vec![
        Line::raw(format!(
            "{} differs from the article saved in {} ({} claims).",
            clean_line(path),
            clean_line(&state.file_name()),
            state.case.claims.len()
        )),
        Line::raw(
            "Re-anchor the claims onto the new version (changed and orphaned ones are \
             listed for review), or keep the saved text.",
        ),
        Line::default(),
        footer(state, theme, &commands),
    ];
    frame.render_widget(Paragraph::new(body).wrap(Wrap { trim: true }), inner);
}

/// The review: every unsettled span, the selected one's old and new quote side by side.
pub fn draw_review(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    selected: usize,
) {
    let items = state.review_items();
    let width = area.width.saturating_sub(4).min(120);
    let wanted = (items.len() as u16).min(8) + 16;
    let height = area.height.saturating_sub(2).min(wanted);
    let rect = centred(area, width, height);
    let title = format!(" Review re-anchored claims · {} left ", items.len());
    let inner = popup(frame, rect, title, theme);
    let selected = selected.min(items.len().saturating_sub(1));
    let list_rows = (items.len() as u16).clamp(1, inner.height.saturating_sub(8) / 2 + 1);
    let [list, _, compare, keys] = Layout::vertical([
        Constraint::Length(list_rows),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(inner);
    let first = selected.saturating_sub(list_rows.saturating_sub(1) as usize);
    let rows: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(first)
        .take(list_rows as usize)
        .map(|(i, item)| row(state, theme, item, i == selected, list.width as usize))
        .collect();
    frame.render_widget(Paragraph::new(rows), list);
    if let Some(item) = items.get(selected) {
        draw_compare(frame, compare, state, theme, item);
    }
    let commands = [
        Command::AcceptSpan,
        Command::ReselectSpan,
        Command::KeepOrphan,
        Command::Cancel,
    ];
    frame.render_widget(Paragraph::new(footer(state, theme, &commands)), keys);
}

fn row<'a>(
    state: &AppState,
    theme: &Theme,
    item: &ReviewItem,
    selected: bool,
    width: usize,
) -> Line<'a> {
    let claim = &state.case.claims[item.claim];
    let (mark, what, style) = match item.status {
        ReviewStatus::NeedsReview => ("  ", "needs review", theme.warning()),
        ReviewStatus::Orphaned => ("⚠ ", "orphaned", theme.error()),
    };
    let span = match claim.anchors.len() {
        1 => String::new(),
        n => format!(" span {}/{n}", item.anchor + 1),
    };
    let label = format!("{mark}{}{span} {what}  ", state.claim_label(item.claim));
    let wording = truncate(
        &clean_line(&claim.text),
        width.saturating_sub(label.chars().count()),
    );
    let base = match selected {
        true => theme.selected_row(true),
        false => Style::default(),
    };
    Line::from(vec![
        Span::styled(label, style.patch(base)),
        Span::styled(wording, base),
    ])
}

fn draw_compare(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme, item: &ReviewItem) {
    let anchor = &state.case.claims[item.claim].anchors[item.anchor];
    let Some(review) = &anchor.review else {
        return;
    };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let old = clean_line(&review.old.exact).into_owned();
    let (new, heading) = match item.status {
        ReviewStatus::NeedsReview => (clean_line(&anchor.exact).into_owned(), "Proposed now"),
        ReviewStatus::Orphaned => (String::new(), "Not found in the new version"),
    };
    let (old_marks, new_marks) = differing_words(&old, &new);
    let marked = theme
        .warning()
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let side = |heading: &str, words: Marked| {
        let spans: Vec<Span> = words
            .into_iter()
            .map(|(w, differs)| match differs {
                true => Span::styled(w, marked),
                false => Span::raw(w),
            })
            .collect();
        Paragraph::new(vec![
            Line::styled(heading.to_string(), theme.heading()),
            Line::from(spans),
        ])
        .wrap(Wrap { trim: false })
    };
    frame.render_widget(
        side("Before", old_marks),
        left.inner(ratatui::layout::Margin::new(1, 0)),
    );
    frame.render_widget(
        side(heading, new_marks),
        right.inner(ratatui::layout::Margin::new(1, 0)),
    );
}

/// Words, each with whether it differs from the other side.
pub type Marked = Vec<(String, bool)>;

/// Both quotes cut into words (with their trailing space), each marked when it is not part
/// of the longest common run of words (up to 400 words a side; longer ones are all marked).
pub fn differing_words(old: &str, new: &str) -> (Marked, Marked) {
    let words = |s: &str| -> Vec<String> { s.split_inclusive(' ').map(str::to_string).collect() };
    let (a, b) = (words(old), words(new));
    let key = |w: &String| w.trim_end().to_string();
    if a.len() > 400 || b.len() > 400 {
        let all = |v: Vec<String>| v.into_iter().map(|w| (w, true)).collect();
        return (all(a), all(b));
    }
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = match key(&a[i]) == key(&b[j]) {
                true => lcs[i + 1][j + 1] + 1,
                false => lcs[i + 1][j].max(lcs[i][j + 1]),
            };
        }
    }
    let (mut keep_a, mut keep_b) = (vec![false; a.len()], vec![false; b.len()]);
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if key(&a[i]) == key(&b[j]) {
            (keep_a[i], keep_b[j]) = (true, true);
            (i, j) = (i + 1, j + 1);
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    let marks =
        |v: Vec<String>, keep: Vec<bool>| v.into_iter().zip(keep).map(|(w, k)| (w, !k)).collect();
    (marks(a, keep_a), marks(b, keep_b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only the words that differ are marked, on each side.
    #[test]
    fn marks_the_changed_words() {
        let (old, new) = differing_words("Oil fell 3 % in May", "Oil fell 5 % in June");
        let marked = |v: &[(String, bool)]| -> Vec<String> {
            v.iter()
                .filter(|(_, m)| *m)
                .map(|(w, _)| w.trim().to_string())
                .collect()
        };
        assert_eq!(marked(&old), ["3", "May"]);
        assert_eq!(marked(&new), ["5", "June"]);
    }
}
