//! Colours and text styles, with a monochrome variant for `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Rgb;

/// How meaning is drawn: verdict colours, highlights, the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// The focused pane's border and the keys in hints.
    accent: Color,
    /// Behind the sentence under the cursor (and the selected row).
    cursor_bg: Color,
    /// Behind selected words.
    selection_bg: Color,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color { Theme::MONO } else { Theme::COLOR }
    }

    /// The theme a config asks for: colour or not (`NO_COLOR` wins), and its colours.
    pub fn from_config(config: &crate::config::Config) -> Theme {
        Theme::new(config.color_now(), &config.colors)
    }

    /// A theme in colour or not, with the config's colour overrides (`[theme]`).
    pub fn new(color: bool, colors: &crate::config::ThemeColors) -> Theme {
        let base = if color { Theme::COLOR } else { Theme::MONO };
        let rgb =
            |c: Option<Rgb>, default: Color| c.map_or(default, |Rgb(r, g, b)| Color::Rgb(r, g, b));
        Theme {
            accent: rgb(colors.accent, base.accent),
            cursor_bg: rgb(colors.cursor, base.cursor_bg),
            selection_bg: rgb(colors.selection, base.selection_bg),
            ..base
        }
    }

    pub const COLOR: Theme = Theme {
        color: true,
        accent: Color::LightBlue,
        cursor_bg: Color::Rgb(52, 58, 74),
        selection_bg: Color::Rgb(150, 190, 255),
    };
    pub const MONO: Theme = Theme {
        color: false,
        ..Theme::COLOR
    };

    /// A scale label's colour (`#rrggbb`); white when it cannot be parsed.
    pub fn verdict_colour(&self, hex: &str) -> Color {
        if !self.color {
            return Color::Reset;
        }
        Rgb::parse(hex).map_or(Color::White, |Rgb(r, g, b)| Color::Rgb(r, g, b))
    }

    /// A rated claim in the article: its verdict's colour behind dark text.
    pub fn rated_claim(&self, hex: &str) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(self.verdict_colour(hex))
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// An unrated claim in the article.
    pub fn unrated_claim(&self) -> Style {
        let style = Style::new().add_modifier(Modifier::UNDERLINED);
        if self.color {
            style.fg(Color::LightCyan)
        } else {
            style.add_modifier(Modifier::ITALIC)
        }
    }

    /// Added on top of the claim style for the current claim.
    pub fn current_claim(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// The sentence under the article cursor.
    pub fn cursor(&self) -> Style {
        if self.color {
            Style::new().bg(self.cursor_bg)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A sentence no claim covers, while they are marked.
    pub fn uncovered(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(64, 48, 20))
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// A search match in the article.
    pub fn search_match(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Rgb(0xff, 0xd7, 0x5f))
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::ITALIC)
        }
    }

    pub fn selection(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(self.selection_bg)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// Borders: the focused pane stands out.
    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(self.accent).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, true) => Style::new().fg(Color::DarkGray),
            (false, false) => Style::new(),
        }
    }

    /// The selected row of a list.
    pub fn selected_row(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().bg(self.cursor_bg).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::REVERSED),
            (false, _) => Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// A link's stance badge: each stance its own colour (and always named in text).
    pub fn stance(&self, stance: crate::model::Stance) -> Style {
        use crate::model::Stance;
        if !self.color {
            return Style::new().add_modifier(Modifier::BOLD);
        }
        let colour = match stance {
            Stance::Supports => Color::Rgb(0x2e, 0x9e, 0x44),
            Stance::Refutes => Color::Rgb(0xe0, 0x36, 0x2c),
            Stance::Context => Color::Rgb(0x4a, 0x90, 0xe2),
        };
        Style::new().fg(colour).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn warning(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn error(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        }
    }

    /// The mode badge at the left of the status bar.
    pub fn mode(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::LightBlue)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn key(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn heading(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ThemeColors;

    /// The config's accent, cursor and selection colours are drawn; unset ones keep the
    /// built-in colours, and without colour none is used.
    #[test]
    fn config_colours_are_applied() {
        let colors = ThemeColors {
            accent: Some(Rgb(1, 2, 3)),
            cursor: Some(Rgb(4, 5, 6)),
            selection: None,
        };
        let theme = Theme::new(true, &colors);
        assert_eq!(theme.border(true).fg, Some(Color::Rgb(1, 2, 3)));
        assert_eq!(theme.cursor().bg, Some(Color::Rgb(4, 5, 6)));
        assert_eq!(theme.selected_row(true).bg, Some(Color::Rgb(4, 5, 6)));
        assert_eq!(theme.selection().bg, Theme::COLOR.selection().bg);
        let mono = Theme::new(false, &colors);
        assert_eq!(mono.border(true).fg, None);
        assert_eq!(mono.cursor().bg, None);
    }
}
