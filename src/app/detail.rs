//! The claim detail pane as data: its lines, wrapped to the pane, and scrolling over them.
//!
//! One home for the pane's shape: the screen draws these rows, and the state machine scrolls
//! and keeps the selected link in view with the same rows, so the two never disagree.

use std::ops::Range;

use super::state::AppState;
use crate::model::{Claim, Stance};
use crate::text::{self, clean_line};

/// Longest quote or explanation line shown: a claim anchored on a whole 10 MB paragraph must
/// not cost a frame its whole length.
pub const MAX_QUOTE_CHARS: usize = 2_000;
const MAX_EXPLANATION_LINES: usize = 500;

/// How a piece of a detail line is drawn; the screen maps each to its theme's style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Look {
    Plain,
    /// Field names, headings and hints.
    Dim,
    /// Quoted text: the article's words, a link's quote.
    Quote,
    Warning,
    /// A verdict on the scale, drawn in the label's colour (`#rrggbb`).
    Verdict(String),
    Stance(Stance),
    /// The "▶" before the selected link.
    Pointer,
    /// What the suggestion marks point at: a claim seen in another case.
    Suggested,
}

/// One logical line of the pane, before wrapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailLine {
    pub parts: Vec<(Look, String)>,
    /// The link (by index among the claim's links) this line shows.
    pub link: Option<usize>,
}

impl DetailLine {
    pub(super) fn new(parts: Vec<(Look, String)>) -> DetailLine {
        DetailLine { parts, link: None }
    }

    fn field(name: &str, look: Look, value: impl Into<String>) -> DetailLine {
        DetailLine::new(vec![(Look::Dim, format!("{name}: ")), (look, value.into())])
    }

    fn dim(text: impl Into<String>) -> DetailLine {
        DetailLine::new(vec![(Look::Dim, text.into())])
    }

    fn blank() -> DetailLine {
        DetailLine::new(Vec::new())
    }
}

/// One screen row of the pane: pieces of one [`DetailLine`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailRow {
    pub parts: Vec<(Look, String)>,
    pub link: Option<usize>,
}

/// `s` cleaned for display and cut at `chars` characters with a visible "…".
pub fn clip_marked(s: &str, chars: usize) -> String {
    let end = s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i);
    let mut out = clean_line(&s[..end]).into_owned();
    if end < s.len() {
        out.push('…');
    }
    out
}

/// Status as one glyph, for the list: · todo, ◐ researching, ✓ reviewed.
pub fn status_glyph(status: crate::model::ClaimStatus) -> &'static str {
    use crate::model::ClaimStatus;
    match status {
        ClaimStatus::Todo => "·",
        ClaimStatus::Researching => "◐",
        ClaimStatus::Reviewed => "✓",
    }
}

/// A link's stance in text with a sign, so it reads without colour.
pub fn stance_badge(stance: Stance) -> &'static str {
    match stance {
        Stance::Supports => "+ supports",
        Stance::Refutes => "− refutes ",
        Stance::Context => "~ context ",
    }
}

/// The lines of the pane for claim `index`; `pointer`: the link drawn as selected.
pub fn detail_lines(state: &AppState, index: usize, pointer: Option<usize>) -> Vec<DetailLine> {
    let Some(claim) = state.case.claims.get(index) else {
        return Vec::new();
    };
    let mut lines = vec![
        DetailLine::field(
            "Wording",
            Look::Plain,
            clip_marked(&claim.text, MAX_QUOTE_CHARS),
        ),
        match (claim.claimant.is_empty(), &claim.claimant_guess) {
            (false, _) => {
                DetailLine::field("Claimant", Look::Plain, clip_marked(&claim.claimant, 200))
            }
            (true, Some(guess)) => DetailLine::field(
                "Claimant",
                Look::Dim,
                format!("{}? (a guess: a to confirm)", clip_marked(guess, 200)),
            ),
            (true, None) => DetailLine::field("Claimant", Look::Dim, "— (a to set)"),
        },
        DetailLine::field(
            "Status",
            Look::Plain,
            format!("{} {}", status_glyph(claim.status), claim.status.name()),
        ),
        verdict_line(state, claim),
    ];
    if let Some(at) = &claim.verdict.rated_at {
        lines.push(DetailLine::field(
            "Rated",
            Look::Dim,
            state.readable_time(at),
        ));
    }
    lines.extend(state.seen_line(index));
    lines.push(DetailLine::blank());
    lines.push(DetailLine::dim(format!(
        "Evidence ({}):{}",
        claim.links.len(),
        if claim.links.is_empty() {
            " none yet (l to link a source)"
        } else {
            ""
        }
    )));
    for (i, link) in claim.links.iter().enumerate() {
        let (title, publisher) = match state.case.source(&link.source) {
            Some(s) => (
                clip_marked(&s.title, 300),
                clip_marked(&s.container_title, 200),
            ),
            None => (format!("(missing source {})", link.source), String::new()),
        };
        let mut parts = vec![
            (
                Look::Pointer,
                if pointer == Some(i) { "▶" } else { " " }.to_string(),
            ),
            (Look::Stance(link.stance), stance_badge(link.stance).into()),
            (Look::Plain, format!(" {title}")),
        ];
        if !publisher.is_empty() {
            parts.push((Look::Dim, format!(" · {publisher}")));
        }
        lines.push(DetailLine {
            parts,
            link: Some(i),
        });
        if let Some(first) = link.quote.lines().find(|l| !l.trim().is_empty()) {
            lines.push(DetailLine {
                parts: vec![
                    (Look::Plain, "   ".into()),
                    (
                        Look::Quote,
                        format!("“{}”", clip_marked(first.trim(), MAX_QUOTE_CHARS)),
                    ),
                ],
                link: Some(i),
            });
        }
    }
    lines.push(DetailLine::blank());
    lines.extend(super::reanchor::span_lines(state, claim));
    if state.doc.orphans.contains(&index) {
        lines.push(DetailLine::new(vec![(
            Look::Warning,
            "⚠ orphan: this text is no longer where it was anchored".into(),
        )]));
    }
    lines.push(DetailLine::blank());
    lines.push(DetailLine::dim("Explanation:"));
    if claim.verdict.explanation.is_empty() {
        lines.push(DetailLine::dim("— (E to write)"));
    } else {
        for l in claim
            .verdict
            .explanation
            .lines()
            .take(MAX_EXPLANATION_LINES)
        {
            lines.push(DetailLine::new(vec![(
                Look::Plain,
                clip_marked(l, MAX_QUOTE_CHARS),
            )]));
        }
    }
    lines.push(DetailLine::blank());
    lines.push(DetailLine::dim(format!("id {}", claim.id)));
    lines
}

fn verdict_line(state: &AppState, claim: &Claim) -> DetailLine {
    let rating = claim.verdict.rating.as_deref();
    match rating.map(|r| (r, state.case.scale.label(r))) {
        Some((_, Some(label))) => DetailLine::field(
            "Verdict",
            Look::Verdict(label.colour.clone()),
            clean_line(&label.label).into_owned(),
        ),
        Some((unknown, None)) => DetailLine::field(
            "Verdict",
            Look::Warning,
            format!("{} (not on the scale)", clip_marked(unknown, 60)),
        ),
        None => DetailLine::field("Verdict", Look::Dim, "unrated"),
    }
}

/// Wraps the lines to `width` columns, word by word, keeping each piece's look.
pub fn wrap_lines(lines: &[DetailLine], width: usize) -> Vec<DetailRow> {
    let mut rows = Vec::new();
    for line in lines {
        let whole: String = line.parts.iter().map(|(_, s)| s.as_str()).collect();
        for range in text::wrap(&whole, width) {
            rows.push(DetailRow {
                parts: slice_parts(&line.parts, range),
                link: line.link,
            });
        }
    }
    rows
}

/// The pieces of `parts` that fall in `range` of their concatenation.
fn slice_parts(parts: &[(Look, String)], range: Range<usize>) -> Vec<(Look, String)> {
    let mut out = Vec::new();
    let mut at = 0;
    for (look, s) in parts {
        let (lo, hi) = (at, at + s.len());
        at = hi;
        let start = range.start.max(lo);
        let end = range.end.min(hi);
        if start < end {
            out.push((look.clone(), s[start - lo..end - lo].to_string()));
        }
    }
    out
}

/// Splits the right column's inside rows (`total`, borders excluded) between the claim
/// list and the detail: the list takes as many rows as it has claims (two at least, for its
/// hint) and at most about 45 % of the column; the detail gets the rest.
pub fn split_right(total: usize, claims: usize) -> (usize, usize) {
    let most = ((total + 4) * 45 / 100).saturating_sub(2).max(1);
    let list = claims.max(2).min(most).min(total);
    (list, total - list)
}

impl AppState {
    /// Rows inside the claim list, as the screen lays it out now.
    pub fn list_pane_height(&self) -> usize {
        let total = self.viewport.list_height + self.viewport.detail_height;
        split_right(total, self.visible_claims().len()).0.max(1)
    }

    /// Rows inside the detail pane, as the screen lays it out now.
    pub fn detail_pane_height(&self) -> usize {
        let total = self.viewport.list_height + self.viewport.detail_height;
        split_right(total, self.visible_claims().len()).1.max(1)
    }

    /// A stored RFC 3339 time in the checker's time zone, readable: "2 Jan 2026 03:04 UTC".
    /// Text that is not a time is shown as it is.
    pub fn readable_time(&self, stored: &str) -> String {
        match stored.parse::<jiff::Timestamp>() {
            Ok(t) => t
                .to_zoned(self.time_zone.clone())
                .strftime("%-d %b %Y %H:%M %Z")
                .to_string(),
            Err(_) => clean_line(stored).into_owned(),
        }
    }

    /// The current claim's detail rows at the pane's width, as drawn.
    pub fn detail_rows(&self, pointer: Option<usize>) -> Vec<DetailRow> {
        match self.current_index() {
            Some(i) => wrap_lines(
                &detail_lines(self, i, pointer),
                self.viewport.detail_width.max(1),
            ),
            None => Vec::new(),
        }
    }

    /// The rows (first, last) of link `index` in the detail pane.
    fn link_rows(rows: &[DetailRow], index: usize) -> Option<(usize, usize)> {
        let first = rows.iter().position(|r| r.link == Some(index))?;
        let last = rows.iter().rposition(|r| r.link == Some(index))?;
        Some((first, last))
    }

    fn max_detail_scroll(&self, rows: &[DetailRow]) -> usize {
        rows.len().saturating_sub(self.detail_pane_height())
    }

    /// Scrolls the detail pane just enough to show the selected link whole.
    pub(super) fn keep_link_in_view(&mut self) {
        let rows = self.detail_rows(None);
        let height = self.detail_pane_height();
        if let Some((i, _)) = self.selected_link()
            && let Some((first, last)) = Self::link_rows(&rows, i)
        {
            if first < self.detail_scroll {
                self.detail_scroll = first;
            } else if last >= self.detail_scroll + height {
                self.detail_scroll = (last + 1).saturating_sub(height).min(first);
            }
        }
        self.detail_scroll = self.detail_scroll.min(self.max_detail_scroll(&rows));
    }

    /// PgDn/PgUp and the wheel over the detail pane: scroll by `delta` rows; the selected
    /// link moves to one in view when it scrolls out.
    pub(super) fn scroll_detail(&mut self, delta: isize) {
        let rows = self.detail_rows(None);
        let height = self.detail_pane_height();
        self.detail_scroll = self
            .detail_scroll
            .saturating_add_signed(delta)
            .min(self.max_detail_scroll(&rows));
        let view = self.detail_scroll..self.detail_scroll + height;
        let Some((selected, _)) = self.selected_link() else {
            return;
        };
        let whole_in_view = |link: usize| {
            Self::link_rows(&rows, link)
                .is_some_and(|(first, last)| view.contains(&first) && view.contains(&last))
        };
        if whole_in_view(selected) {
            return;
        }
        let count = self.current_claim().map_or(0, |c| c.links.len());
        let visible: Vec<usize> = (0..count).filter(|l| whole_in_view(*l)).collect();
        let pick = if delta > 0 {
            visible.first()
        } else {
            visible.last()
        };
        if let Some(link) = pick {
            self.detail_link = *link;
        }
    }

    /// Whether the selected link is wholly on screen in the detail pane.
    pub fn selected_link_in_view(&self) -> bool {
        let Some((i, _)) = self.selected_link() else {
            return false;
        };
        let rows = self.detail_rows(None);
        let height = self.detail_pane_height();
        Self::link_rows(&rows, i).is_some_and(|(first, last)| {
            first >= self.detail_scroll && last < self.detail_scroll + height
        })
    }
}
