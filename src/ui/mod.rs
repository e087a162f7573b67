//! Drawing: every function renders from `&AppState`; nothing here changes the case.

mod article;
mod claimant;
mod claims;
mod conflicts;
mod first_steps;
mod form;
mod gutter;
mod layout;
mod library;
mod overlay;
mod overview;
mod picker;
mod residue;
mod review;
mod status;
mod suggestion;
mod theme;

#[cfg(test)]
mod desk_tests;
#[cfg(test)]
mod residue_tests;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
mod tests;

pub use layout::{MIN_HEIGHT, MIN_WIDTH, Panes, click, drag, viewport, wheel};
pub use theme::Theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::{AppState, View};

/// Draws the whole screen for the current state.
pub fn draw(frame: &mut Frame, state: &AppState, theme: &Theme) {
    let area = frame.area();
    let Some(panes) = Panes::for_state(area, state) else {
        draw_too_small(frame);
        return;
    };
    let main = panes.article.union(panes.detail);
    if let View::Library(library) = &state.view {
        library::draw_library(frame, main, state, theme, library);
    } else if let View::Overview(view) = &state.view {
        overview::draw_overview(frame, main, state, theme, view);
    } else {
        article::draw_article(frame, panes.article, state, theme);
        claims::draw_claims(frame, panes.claims, state, theme);
        match suggestion::detail_to_show(state) {
            Some(detail) => suggestion::draw_detail(frame, panes.detail, state, theme, &detail),
            None => claims::draw_detail(frame, panes.detail, state, theme),
        }
        first_steps::draw_first_steps(frame, panes.article, state, theme);
    }
    status::draw_status(frame, panes.status, state, theme);
    overlay::draw_overlay(frame, state, theme);
}

fn draw_too_small(frame: &mut Frame) {
    let area = frame.area();
    let text = vec![
        Line::from("Terminal too small"),
        Line::from(format!(
            "{}×{}, need {MIN_WIDTH}×{MIN_HEIGHT}",
            area.width, area.height
        )),
    ];
    let [middle] = Layout::vertical([Constraint::Length(2)])
        .flex(Flex::Center)
        .areas(area);
    frame.render_widget(Paragraph::new(text).centered(), middle);
}
