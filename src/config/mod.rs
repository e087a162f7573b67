//! The user's config file (TOML): the checker's name, the publication URL and author, the
//! default rating scale, key overrides and the theme. Every setting is optional; problems
//! that leave the rest usable (unknown keys, wrong types, a scale that is not a preset, bad
//! key overrides) are warnings, and only an unreadable or syntactically broken file is an
//! error.

mod keys;
#[cfg(test)]
mod tests;

use std::ffi::{OsStr, OsString};
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;
use toml::{Table, Value};

use crate::export::{Author, AuthorKind, ExportOptions};
use crate::model::{Rgb, Scale};

pub use keys::{KeyOverride, keymap};

/// A fully commented config file that parses to the defaults (`factdesk config --default`).
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.default.toml");

/// The environment variable naming the config file, overriding the platform's place.
pub const ENV_VAR: &str = "FACTDESK_CONFIG";

/// The config file's name inside the platform's config directory.
pub const FILE_NAME: &str = "config.toml";

/// The settings; `None` (or empty) wherever the file says nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The checker's name: the history log's "by" (`name`).
    pub name: Option<String>,
    /// The publication URL pattern, `{id}` standing for the claim id (`publication.base_url`).
    pub base_url: Option<String>,
    /// Who publishes the fact-checks (`publication.author`).
    pub author: Option<Author>,
    /// A preset id valid for [`Scale::preset`] (`defaults.scale`).
    pub default_scale: Option<String>,
    /// Where other cases are, for "seen before" (`defaults.cases_dir`; default: the open
    /// verdict file's folder).
    pub cases_dir: Option<std::path::PathBuf>,
    /// Key overrides (`[keys.<context>]`), in file order, already checked for known names.
    pub key_overrides: Vec<KeyOverride>,
    /// Whether to draw in colour (`theme.color`); `NO_COLOR` wins, see [`Config::theme`].
    pub color: Option<bool>,
    /// Colour overrides of interface roles (`theme.accent`, `theme.cursor`, `theme.selection`).
    pub colors: ThemeColors,
    /// The widest the article's lines run, in columns (`layout.reading_width`).
    pub reading_width: Option<usize>,
    /// The program that opens URLs, with its first arguments (`open.command`).
    pub opener: Option<Vec<String>>,
}

/// Colours of interface roles the user replaced; `None` keeps the built-in colour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ThemeColors {
    /// The focused pane's border.
    pub accent: Option<Rgb>,
    /// Behind the sentence under the cursor.
    pub cursor: Option<Rgb>,
    /// Behind selected words.
    pub selection: Option<Rgb>,
}

/// A config as loaded, with what was wrong in it but did not stop it loading.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    /// The settings.
    pub config: Config,
    /// One sentence per problem, naming the key; to show at startup.
    pub warnings: Vec<String>,
}

/// Why no config could be loaded.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("cannot read the config file {}: {source}", .path.display())]
    Read {
        /// The config file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The file is not valid TOML.
    #[error("{}:{line}:{column}: the config file is not valid TOML: {message}", shown(.path))]
    Syntax {
        /// The config file; `None` for text given to [`parse`].
        path: Option<PathBuf>,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        column: usize,
        /// What the TOML parser said.
        message: String,
    },
}

fn shown(path: &Option<PathBuf>) -> String {
    path.as_ref()
        .map_or_else(|| FILE_NAME.to_string(), |p| p.display().to_string())
}

/// Where the config file is: `$FACTDESK_CONFIG` if set, else `config.toml` in the platform's
/// config directory (`~/.config/factdesk/` on Linux); `None` without a home directory.
pub fn path() -> Option<PathBuf> {
    path_from(std::env::var_os(ENV_VAR))
}

/// [`path`] with the environment variable's value given (an empty value counts as unset).
pub fn path_from(env: Option<OsString>) -> Option<PathBuf> {
    match env {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => directories::ProjectDirs::from("", "", "factdesk")
            .map(|dirs| dirs.config_dir().join(FILE_NAME)),
    }
}

/// Loads the config from [`path`]; no config place or no file there means the defaults.
pub fn load() -> Result<Loaded, ConfigError> {
    match path() {
        Some(path) => load_from(&path),
        None => Ok(Loaded::default()),
    }
}

/// Loads the config from a file; a missing file means the defaults. Warnings name the file.
pub fn load_from(path: &Path) -> Result<Loaded, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Loaded::default()),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    match parse(&text) {
        Ok(mut loaded) => {
            for w in &mut loaded.warnings {
                *w = format!("{}: {w}", path.display());
            }
            Ok(loaded)
        }
        Err(ConfigError::Syntax {
            line,
            column,
            message,
            ..
        }) => Err(ConfigError::Syntax {
            path: Some(path.to_path_buf()),
            line,
            column,
            message,
        }),
        Err(e) => Err(e),
    }
}

/// Parses config text (pure): settings that make sense are kept, the rest become warnings.
pub fn parse(text: &str) -> Result<Loaded, ConfigError> {
    let table: Table = toml::from_str(text).map_err(|e| syntax_error(text, &e))?;
    let mut r = Reader::default();
    for (key, value) in &table {
        match key.as_str() {
            "name" => r.config.name = r.string(value, "name"),
            "publication" => r.publication(value),
            "defaults" => r.defaults(value),
            "keys" => {
                let overrides = keys::read(value, &mut r.warnings);
                r.config.key_overrides = overrides;
            }
            "theme" => r.theme(value),
            "layout" => r.layout(value),
            "open" => r.open(value),
            _ => r.unknown(key),
        }
    }
    Ok(Loaded {
        config: r.config,
        warnings: r.warnings,
    })
}

fn syntax_error(text: &str, e: &toml::de::Error) -> ConfigError {
    let offset = e.span().map_or(0, |s| s.start).min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    ConfigError::Syntax {
        path: None,
        line,
        column,
        message: e.message().trim().to_string(),
    }
}

impl Config {
    /// What the ClaimReview export takes from the config (no date: the caller adds today).
    pub fn export_options(&self) -> ExportOptions {
        ExportOptions {
            base_url: self.base_url.clone(),
            author: self.author.clone(),
            date_published: None,
            today: None,
        }
    }

    /// Whether to draw in colour now: unless `theme.color = false` or `NO_COLOR` is set
    /// (non-empty).
    pub fn color_now(&self) -> bool {
        self.use_color(std::env::var_os("NO_COLOR").as_deref())
    }

    /// Whether to draw in colour, given the value of `NO_COLOR` (which wins when non-empty).
    pub fn use_color(&self, no_color: Option<&OsStr>) -> bool {
        let no_color = no_color.is_some_and(|v| !v.is_empty());
        !no_color && self.color.unwrap_or(true)
    }
}

/// Walks the TOML table, filling a config and collecting warnings.
#[derive(Default)]
struct Reader {
    config: Config,
    warnings: Vec<String>,
}

impl Reader {
    fn unknown(&mut self, key: &str) {
        self.warnings.push(format!("unknown key {key} (ignored)"));
    }

    fn wrong(&mut self, key: &str, expected: &str, value: &Value) {
        self.warnings.push(format!(
            "{key} should be {expected}, not {} {value} (ignored)",
            value.type_str()
        ));
    }

    fn table<'a>(&mut self, value: &'a Value, key: &str) -> Option<&'a Table> {
        let table = value.as_table();
        if table.is_none() {
            self.wrong(key, "a table", value);
        }
        table
    }

    /// A non-empty string (surrounding space trimmed).
    fn string(&mut self, value: &Value, key: &str) -> Option<String> {
        match value.as_str().map(str::trim) {
            Some("") => {
                self.warnings.push(format!("{key} is empty (ignored)"));
                None
            }
            Some(s) => Some(s.to_string()),
            None => {
                self.wrong(key, "a string", value);
                None
            }
        }
    }

    fn publication(&mut self, value: &Value) {
        let Some(table) = self.table(value, "publication") else {
            return;
        };
        for (key, value) in table {
            match key.as_str() {
                "base_url" => self.config.base_url = self.string(value, "publication.base_url"),
                "author" => self.config.author = self.author(value),
                _ => self.unknown(&format!("publication.{key}")),
            }
        }
    }

    fn author(&mut self, value: &Value) -> Option<Author> {
        const SHAPE: &str =
            "a table like { name = \"Example Fact Check\", kind = \"Organization\" }";
        let Some(table) = value.as_table() else {
            self.wrong("publication.author", SHAPE, value);
            return None;
        };
        let mut name = None;
        let mut kind = AuthorKind::default();
        let mut links = Author::default();
        for (key, value) in table {
            match key.as_str() {
                "name" => name = self.string(value, "publication.author.name"),
                "url" => links.url = self.web_url(value, "publication.author.url"),
                "logo" => links.logo = self.web_url(value, "publication.author.logo"),
                "same_as" => {
                    let list = value.as_array().map(|a| a.as_slice()).unwrap_or_default();
                    if !value.is_array() {
                        self.wrong("publication.author.same_as", "a list of URLs", value);
                    }
                    links.same_as = list
                        .iter()
                        .filter_map(|v| self.web_url(v, "publication.author.same_as"))
                        .collect();
                }
                "kind" => match value.as_str().map(str::to_ascii_lowercase).as_deref() {
                    Some("organization" | "organisation") => kind = AuthorKind::Organization,
                    Some("person") => kind = AuthorKind::Person,
                    _ => self.wrong(
                        "publication.author.kind",
                        "\"Organization\" or \"Person\"",
                        value,
                    ),
                },
                _ => self.unknown(&format!("publication.author.{key}")),
            }
        }
        if name.is_none() && !table.contains_key("name") {
            self.warnings
                .push("publication.author has no name (ignored)".to_string());
        }
        name.map(|name| Author {
            name,
            kind,
            ..links
        })
    }

    /// An `http(s)` URL, or a warning.
    fn web_url(&mut self, value: &Value, key: &str) -> Option<String> {
        let url = self.string(value, key)?;
        if crate::export::is_web_url(&url) {
            Some(url)
        } else {
            self.warnings
                .push(format!("{key} {url:?} is not an http(s) URL (ignored)"));
            None
        }
    }

    fn defaults(&mut self, value: &Value) {
        let Some(table) = self.table(value, "defaults") else {
            return;
        };
        for (key, value) in table {
            match key.as_str() {
                "scale" => {
                    let Some(id) = self.string(value, "defaults.scale") else {
                        continue;
                    };
                    if Scale::preset(&id).is_some() {
                        self.config.default_scale = Some(id);
                    } else {
                        let ids: Vec<&str> = Scale::presets().iter().map(|(id, _)| *id).collect();
                        self.warnings.push(format!(
                            "defaults.scale {id:?} is not a preset ({}); the default scale is used",
                            ids.join(", ")
                        ));
                    }
                }
                "cases_dir" => {
                    if let Some(dir) = self.string(value, "defaults.cases_dir") {
                        self.config.cases_dir = Some(dir.into());
                    }
                }
                _ => self.unknown(&format!("defaults.{key}")),
            }
        }
    }

    fn layout(&mut self, value: &Value) {
        let Some(table) = self.table(value, "layout") else {
            return;
        };
        for (key, value) in table {
            match (key.as_str(), value.as_integer()) {
                ("reading_width", Some(w)) if (20..=1000).contains(&w) => {
                    self.config.reading_width = usize::try_from(w).ok();
                }
                ("reading_width", _) => self.wrong(
                    "layout.reading_width",
                    "a number of columns from 20 to 1000",
                    value,
                ),
                _ => self.unknown(&format!("layout.{key}")),
            }
        }
    }

    fn open(&mut self, value: &Value) {
        let Some(table) = self.table(value, "open") else {
            return;
        };
        for (key, value) in table {
            if key != "command" {
                self.unknown(&format!("open.{key}"));
                continue;
            }
            let words: Option<Vec<String>> = value.as_array().and_then(|a| {
                a.iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
            });
            match words {
                Some(w) if w.first().is_some_and(|p| !p.trim().is_empty()) => {
                    self.config.opener = Some(w);
                }
                _ => self.wrong(
                    "open.command",
                    "a list like [\"firefox\", \"--new-tab\"] (no shell: the URL is added as the last argument)",
                    value,
                ),
            }
        }
    }

    fn theme(&mut self, value: &Value) {
        let Some(table) = self.table(value, "theme") else {
            return;
        };
        for (key, value) in table {
            match key.as_str() {
                "color" => match value.as_bool() {
                    Some(b) => self.config.color = Some(b),
                    None => self.wrong("theme.color", "true or false", value),
                },
                "accent" | "cursor" | "selection" => {
                    let Some(rgb) = value.as_str().and_then(Rgb::parse) else {
                        self.wrong(&format!("theme.{key}"), "a colour \"#rrggbb\"", value);
                        continue;
                    };
                    let colors = &mut self.config.colors;
                    match key.as_str() {
                        "accent" => colors.accent = Some(rgb),
                        "cursor" => colors.cursor = Some(rgb),
                        _ => colors.selection = Some(rgb),
                    }
                }
                _ => self.unknown(&format!("theme.{key}")),
            }
        }
    }
}
