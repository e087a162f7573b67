//! Where each pane goes, and what a mouse position means.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::{Action, AppState, Viewport};

/// Columns left of the article's text: a mark for sentences no claim covers, then a
/// bracket per claim level (outer, inner) so nested and overlapping claims show.
pub const GUTTER: usize = 3;

/// Below this the screen says "terminal too small" instead of drawing.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The rectangles of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub article: Rect,
    pub claims: Rect,
    pub detail: Rect,
    pub status: Rect,
}

impl Panes {
    /// Splits the terminal: article left (3/5), claim list over claim detail right, status
    /// bar at the bottom. `None` when the terminal is too small.
    pub fn new(area: Rect) -> Option<Panes> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let [main, status] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        let [article, right] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(main);
        let [claims, detail] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(right);
        Some(Panes {
            article,
            claims,
            detail,
            status,
        })
    }

    /// Like [`Panes::new`], the right column split between list and detail by how many
    /// claims the list shows (the same split the state machine scrolls by).
    pub fn for_state(area: Rect, state: &AppState) -> Option<Panes> {
        let mut panes = Panes::new(area)?;
        let right = panes.claims.union(panes.detail);
        let total = usize::from(right.height.saturating_sub(4));
        let (list, _) = crate::app::split_right(total, state.visible_claims().len());
        let list = u16::try_from(list + 2).unwrap_or(u16::MAX);
        let [claims, detail] =
            Layout::vertical([Constraint::Length(list), Constraint::Min(0)]).areas(right);
        panes.claims = claims;
        panes.detail = detail;
        Some(panes)
    }

    /// The insides of the panes, as the state machine needs them.
    pub fn viewport(&self) -> Viewport {
        Viewport {
            article_width: usize::from(self.article.width.saturating_sub(2))
                .saturating_sub(GUTTER)
                .max(1),
            article_height: usize::from(self.article.height.saturating_sub(2)),
            list_height: usize::from(self.claims.height.saturating_sub(2)),
            detail_width: usize::from(self.detail.width.saturating_sub(2)),
            detail_height: usize::from(self.detail.height.saturating_sub(2)),
        }
    }
}

/// The viewport for a terminal of `area`, or the smallest usable one when too small.
pub fn viewport(area: Rect) -> Viewport {
    let area = Rect {
        width: area.width.max(MIN_WIDTH),
        height: area.height.max(MIN_HEIGHT),
        ..area
    };
    Panes::new(area).map(|p| p.viewport()).unwrap_or_default()
}

fn inner(r: Rect) -> Rect {
    r.inner(ratatui::layout::Margin::new(1, 1))
}

/// What a click at (`col`, `row`) means on a terminal of `area`.
pub fn click(state: &AppState, area: Rect, col: u16, row: u16) -> Option<Action> {
    let panes = Panes::for_state(area, state)?;
    let at = ratatui::layout::Position::new(col, row);
    let article = inner(panes.article);
    if article.contains(at) {
        return Some(Action::ClickArticle {
            line: state.top + usize::from(row - article.y),
            col: usize::from(col - article.x).saturating_sub(GUTTER),
        });
    }
    let claims = inner(panes.claims);
    if claims.contains(at) {
        let row = state.list_top + usize::from(row - claims.y);
        return state
            .visible_claims()
            .get(row)
            .map(|index| Action::ClickClaim(*index));
    }
    if panes.claims.contains(at) {
        return Some(Action::ClickPane(crate::app::Pane::Claims));
    }
    if panes.detail.contains(at) {
        return Some(Action::ClickPane(crate::app::Pane::Detail));
    }
    None
}

/// A drag with the button held at (`col`, `row`): a position in the article, clamped to
/// its pane so dragging past an edge selects to that edge.
pub fn drag(state: &AppState, area: Rect, col: u16, row: u16) -> Option<Action> {
    let panes = Panes::new(area)?;
    let article = inner(panes.article);
    if article.width == 0 || article.height == 0 {
        return None;
    }
    let col = col.clamp(article.x, article.right() - 1);
    let row = row.clamp(article.y, article.bottom() - 1);
    Some(Action::DragArticle {
        line: state.top + usize::from(row - article.y),
        col: usize::from(col - article.x).saturating_sub(GUTTER),
    })
}

/// What the mouse wheel means at (`col`, `row`): `lines` is negative for up.
pub fn wheel(state: &AppState, area: Rect, col: u16, row: u16, lines: isize) -> Option<Action> {
    let panes = Panes::for_state(area, state)?;
    let at = ratatui::layout::Position::new(col, row);
    if panes.article.contains(at) {
        Some(Action::ScrollArticle(lines * 3))
    } else if panes.claims.contains(at) {
        Some(Action::ScrollClaims(lines))
    } else if panes.detail.contains(at) {
        Some(Action::ScrollDetail(lines * 3))
    } else {
        None
    }
}
