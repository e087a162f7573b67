//! Keys as data: the embedded default keymap, lookup by context, help generated from it.

mod command;
mod help;
mod key;

pub use command::Command;
pub use help::{HelpLine, help_lines};
pub use key::{Key, KeyCode, KeyParseError};

use std::fmt;

use thiserror::Error;

/// The default keymap, compiled in.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// A group of bindings that are in force together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Article,
    Claims,
    Detail,
    Claim,
    Selection,
    Rating,
    Help,
    Confirm,
    QuitPrompt,
    Editing,
    LineEditor,
    TextEditor,
    Picker,
    LinkForm,
    Stance,
    SourceForm,
    SourceType,
    Library,
    LibraryFilter,
    FormLine,
    Recovery,
    SaveConflict,
    SaveFailed,
    ExistingCase,
    Overview,
    /// "Discard changes? y/n" over a form or editor.
    DiscardPrompt,
    /// Composite contexts: a form's field, looked up through the form's chain.
    LinkStance,
    LinkText,
    LinkLine,
    SourceTypeField,
    SourceLine,
    SourceText,
}

impl Context {
    pub const ALL: [Context; 33] = [
        Context::Global,
        Context::Article,
        Context::Claims,
        Context::Detail,
        Context::Claim,
        Context::Selection,
        Context::Rating,
        Context::Help,
        Context::Confirm,
        Context::QuitPrompt,
        Context::Editing,
        Context::LineEditor,
        Context::TextEditor,
        Context::Picker,
        Context::LinkForm,
        Context::Stance,
        Context::SourceForm,
        Context::SourceType,
        Context::Library,
        Context::LibraryFilter,
        Context::FormLine,
        Context::Recovery,
        Context::SaveConflict,
        Context::SaveFailed,
        Context::ExistingCase,
        Context::Overview,
        Context::DiscardPrompt,
        Context::LinkStance,
        Context::LinkText,
        Context::LinkLine,
        Context::SourceTypeField,
        Context::SourceLine,
        Context::SourceText,
    ];

    /// The section name in the keymap file.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Article => "article",
            Context::Claims => "claims",
            Context::Detail => "detail",
            Context::Claim => "claim",
            Context::Selection => "selection",
            Context::Rating => "rating",
            Context::Help => "help",
            Context::Confirm => "confirm",
            Context::QuitPrompt => "quit_prompt",
            Context::Editing => "editing",
            Context::LineEditor => "line_editor",
            Context::TextEditor => "text_editor",
            Context::Picker => "picker",
            Context::LinkForm => "link_form",
            Context::Stance => "stance",
            Context::SourceForm => "source_form",
            Context::SourceType => "source_type",
            Context::Library => "library",
            Context::LibraryFilter => "library_filter",
            Context::FormLine => "form_line",
            Context::Recovery => "recovery",
            Context::SaveConflict => "save_conflict",
            Context::SaveFailed => "save_failed",
            Context::ExistingCase => "existing_case",
            Context::Overview => "overview",
            Context::DiscardPrompt => "discard_prompt",
            Context::LinkStance => "link_stance",
            Context::LinkText => "link_text",
            Context::LinkLine => "link_line",
            Context::SourceTypeField => "source_type_field",
            Context::SourceLine => "source_line",
            Context::SourceText => "source_text",
        }
    }

    /// A heading for the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Anywhere",
            Context::Article => "Article",
            Context::Claims => "Claim list",
            Context::Detail => "Claim detail",
            Context::Claim => "The current claim (article, list or detail)",
            Context::Selection => "Selecting words (after v)",
            Context::Rating => "Rating picker (1-9 pick by position)",
            Context::Help => "Help",
            Context::Confirm => "Confirmation",
            Context::QuitPrompt => "Quitting with unsaved changes",
            Context::Editing => "Editing text",
            Context::LineEditor => "One-line editor",
            Context::TextEditor => "Multi-line editor",
            Context::Picker => "Fuzzy pickers (l, :, /): letters type into the query",
            Context::LinkForm => "Link form",
            Context::Stance => "Link form: the stance field",
            Context::SourceForm => "Source record",
            Context::SourceType => "Source record: the type field",
            Context::Library => "Source library (S)",
            Context::LibraryFilter => "Source library: typing a filter",
            Context::FormLine => "One-line form fields",
            Context::Recovery => "Recovering unsaved work",
            Context::SaveConflict => "The file changed on disk",
            Context::SaveFailed => "A save failed",
            Context::ExistingCase => "The article already has a verdict file",
            Context::Overview => "Case overview (O)",
            Context::DiscardPrompt => "Esc with changes typed: discard them?",
            Context::LinkStance | Context::LinkText | Context::LinkLine => "Link form",
            Context::SourceTypeField | Context::SourceLine | Context::SourceText => "Source record",
        }
    }

    /// The context whose section name (see [`Context::name`]) is `name`.
    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Contexts consulted in order when this one is active; earlier ones win.
    pub fn chain(self) -> &'static [Context] {
        use Context::*;
        match self {
            Article => &[Article, Claim, Global],
            Claims => &[Claims, Claim, Global],
            Detail => &[Detail, Claim, Global],
            Selection => &[Selection, Global],
            LineEditor => &[LineEditor, Editing],
            TextEditor => &[TextEditor, Editing],
            Global => &[Global],
            Claim => &[Claim, Global],
            Rating => &[Rating],
            Help => &[Help],
            Picker => &[Picker, Editing],
            LinkForm => &[LinkForm],
            Stance => &[Stance],
            SourceForm => &[SourceForm],
            SourceType => &[SourceType],
            FormLine => &[FormLine],
            Recovery => &[Recovery],
            SaveConflict => &[SaveConflict],
            SaveFailed => &[SaveFailed],
            ExistingCase => &[ExistingCase],
            Overview => &[Overview, Global],
            DiscardPrompt => &[DiscardPrompt],
            LinkStance => &[Stance, LinkForm],
            LinkText => &[LinkForm, TextEditor, Editing],
            LinkLine => &[LinkForm, FormLine, Editing],
            SourceTypeField => &[SourceType, SourceForm],
            SourceLine => &[SourceForm, FormLine, Editing],
            SourceText => &[SourceForm, TextEditor, Editing],
            Library => &[Library, Global],
            LibraryFilter => &[LibraryFilter, Editing],
            Confirm => &[Confirm],
            QuitPrompt => &[QuitPrompt],
            Editing => &[Editing],
        }
    }
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One binding: a key in a context runs a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub command: Command,
}

#[derive(Debug, Error, PartialEq)]
pub enum KeymapError {
    #[error("keymap is not valid TOML: {0}")]
    Toml(String),
    #[error("keymap: unknown section [{0}]")]
    UnknownContext(String),
    #[error("keymap [{context}]: unknown command {name:?}")]
    UnknownCommand { context: String, name: String },
    #[error("keymap [{context}] {command}: {error}")]
    BadKey {
        context: String,
        command: String,
        error: KeyParseError,
    },
    #[error("keymap [{context}] {command}: keys must be a list of strings")]
    NotAList { context: String, command: String },
    #[error("key {key} is bound twice where [{context}] is active: {first} and {second}")]
    Duplicate {
        context: Context,
        key: Key,
        first: Command,
        second: Command,
    },
}

/// The keys in force, in file order (which is also the help overlay's order).
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Keymap {
    /// The embedded default keymap.
    pub fn default_keymap() -> Keymap {
        // Checked by a unit test, so a broken asset cannot ship.
        Keymap::parse(DEFAULT_KEYMAP).expect("bundled keymap is valid")
    }

    /// Parses a keymap file and rejects keys bound twice in any active chain of contexts.
    pub fn parse(toml_text: &str) -> Result<Keymap, KeymapError> {
        let table: toml::Table =
            toml::from_str(toml_text).map_err(|e| KeymapError::Toml(e.to_string()))?;
        let mut bindings = Vec::new();
        for (section, entries) in &table {
            let context = Context::from_name(section)
                .ok_or_else(|| KeymapError::UnknownContext(section.clone()))?;
            let Some(entries) = entries.as_table() else {
                return Err(KeymapError::UnknownContext(section.clone()));
            };
            for (name, keys) in entries {
                let command: Command = serde_json::from_value(serde_json::Value::String(
                    name.clone(),
                ))
                .map_err(|_| KeymapError::UnknownCommand {
                    context: section.clone(),
                    name: name.clone(),
                })?;
                let not_a_list = || KeymapError::NotAList {
                    context: section.clone(),
                    command: name.clone(),
                };
                for key in keys.as_array().ok_or_else(not_a_list)? {
                    let key: Key =
                        key.as_str()
                            .ok_or_else(not_a_list)?
                            .parse()
                            .map_err(|error| KeymapError::BadKey {
                                context: section.clone(),
                                command: name.clone(),
                                error,
                            })?;
                    bindings.push(Binding {
                        context,
                        key,
                        command,
                    });
                }
            }
        }
        let keymap = Keymap { bindings };
        keymap.check_duplicates()?;
        Ok(keymap)
    }

    /// This keymap with commands' keys replaced: each `(context, command, keys)` replaces
    /// every key of `command` in `context` (an empty list unbinds it), keeping its place in
    /// the help. The result is checked like a keymap file: a key bound twice is an error.
    pub fn with_overrides(
        &self,
        overrides: &[(Context, Command, Vec<Key>)],
    ) -> Result<Keymap, KeymapError> {
        let mut bindings = self.bindings.clone();
        for (context, command, keys) in overrides {
            let is_old = |b: &Binding| b.context == *context && b.command == *command;
            // Where the command's first key was, else after the context's last binding.
            let at = bindings
                .iter()
                .position(is_old)
                .or_else(|| {
                    let last = bindings.iter().rposition(|b| b.context == *context);
                    last.map(|i| i + 1)
                })
                .unwrap_or(bindings.len());
            bindings.retain(|b| !is_old(b));
            let mut new: Vec<Binding> = Vec::new();
            for &key in keys {
                if !new.iter().any(|b| b.key == key) {
                    new.push(Binding {
                        context: *context,
                        key,
                        command: *command,
                    });
                }
            }
            bindings.splice(at..at, new);
        }
        let keymap = Keymap { bindings };
        keymap.check_duplicates()?;
        Ok(keymap)
    }

    /// A key may mean only one command wherever a context chain is active (the same
    /// binding repeated in two layers of a chain is harmless).
    fn check_duplicates(&self) -> Result<(), KeymapError> {
        for context in Context::ALL {
            let mut seen: Vec<&Binding> = Vec::new();
            for layer in context.chain() {
                for b in self.bindings.iter().filter(|b| b.context == *layer) {
                    if let Some(first) = seen
                        .iter()
                        .find(|s| s.key == b.key && s.command != b.command)
                    {
                        return Err(KeymapError::Duplicate {
                            context,
                            key: b.key,
                            first: first.command,
                            second: b.command,
                        });
                    }
                    seen.push(b);
                }
            }
        }
        Ok(())
    }

    /// The command a key runs in a context (looking through its chain), if any.
    pub fn lookup(&self, context: Context, key: Key) -> Option<Command> {
        context.chain().iter().find_map(|layer| {
            self.bindings
                .iter()
                .find(|b| b.context == *layer && b.key == key)
                .map(|b| b.command)
        })
    }

    /// The keys bound to a command in a context's chain, in file order.
    pub fn keys_for(&self, context: Context, command: Command) -> Vec<Key> {
        context
            .chain()
            .iter()
            .flat_map(|layer| {
                self.bindings
                    .iter()
                    .filter(move |b| b.context == *layer && b.command == command)
                    .map(|b| b.key)
            })
            .collect()
    }

    /// Bindings of one context (not its chain), grouped by command in file order:
    /// what the help overlay lists under the context's heading.
    pub fn section(&self, context: Context) -> Vec<(Command, Vec<Key>)> {
        let mut out: Vec<(Command, Vec<Key>)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.context == context) {
            match out.iter_mut().find(|(c, _)| *c == b.command) {
                Some((_, keys)) => keys.push(b.key),
                None => out.push((b.command, vec![b.key])),
            }
        }
        out
    }

    /// Short "key label" hints for the status bar, for the given commands in a context.
    pub fn hints(&self, context: Context, commands: &[Command]) -> Vec<(Key, &'static str)> {
        commands
            .iter()
            .filter_map(|c| {
                let key = *self.keys_for(context, *c).first()?;
                Some((key, c.hint()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped keymap parses and binds no key twice in any context chain.
    #[test]
    fn default_keymap_has_no_duplicates() {
        let km = Keymap::default_keymap();
        assert!(km.check_duplicates().is_ok());
        assert!(!km.bindings.is_empty());
    }

    /// The defaults the product documents are bound as documented.
    #[test]
    fn documented_defaults() {
        let km = Keymap::default_keymap();
        let k = |s: &str| s.parse::<Key>().unwrap();
        use Command::*;
        use Context::*;
        let cases = [
            (Article, "j", MoveDown),
            (Article, "Down", MoveDown),
            (Article, "k", MoveUp),
            (Article, "PgDn", PageDown),
            (Article, "g", GoTop),
            (Article, "G", GoBottom),
            (Article, "Tab", FocusNextPane),
            (Claims, "Shift-Tab", FocusPreviousPane),
            (Article, "v", StartSelection),
            (Selection, "w", ExtendWord),
            (Selection, "b", ShrinkWord),
            (Selection, "j", ExtendSentence),
            (Selection, "k", ShrinkSentence),
            (Article, "c", MakeClaim),
            (Article, "]", NextClaim),
            (Article, "[", PreviousClaim),
            (Claims, "Enter", JumpToClaim),
            (Claims, "r", RateClaim),
            (Article, "r", RateClaim),
            (Article, "e", EditWording),
            (Article, "E", EditExplanation),
            (Claims, "x", CycleStatus),
            (Claims, "d", Delete),
            (Detail, "Ctrl-s", Save),
            (Article, "q", Quit),
            (Article, "?", ShowHelp),
            (Rating, "Esc", Cancel),
            (Rating, "0", ClearRating),
            (Context::Confirm, "y", Command::Confirm),
            (Help, "Esc", Cancel),
            (LineEditor, "Ctrl-w", DeleteWordBack),
            (LineEditor, "Enter", Command::Confirm),
            (TextEditor, "Enter", NewLine),
            (TextEditor, "Home", LineStart),
        ];
        for (ctx, key, cmd) in cases {
            assert_eq!(km.lookup(ctx, k(key)), Some(cmd), "{ctx} {key}");
        }
        assert_eq!(
            km.lookup(Article, k("1")),
            None,
            "a digit alone rates nothing"
        );
    }

    /// A key bound twice in one chain is rejected, naming the key and both commands.
    #[test]
    fn duplicate_keys_are_rejected() {
        let err = Keymap::parse("[global]\nsave = [\"s\"]\n[article]\nmake_claim = [\"s\"]\n")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "key s is bound twice where [article] is active: make_claim and save"
        );
        let err = Keymap::parse("[article]\ngo_top = [\"g\"]\ngo_bottom = [\"g\"]\n").unwrap_err();
        assert!(matches!(err, KeymapError::Duplicate { .. }));
    }

    /// Unknown sections, commands and keys are reported by name.
    #[test]
    fn bad_keymaps_are_reported() {
        assert!(matches!(
            Keymap::parse("[nowhere]\nsave = [\"s\"]"),
            Err(KeymapError::UnknownContext(_))
        ));
        assert!(
            Keymap::parse("[global]\nfly = [\"f\"]")
                .unwrap_err()
                .to_string()
                .contains("fly")
        );
        assert!(
            Keymap::parse("[global]\nsave = [\"Hyper-s\"]")
                .unwrap_err()
                .to_string()
                .contains("Hyper-s")
        );
        assert!(matches!(
            Keymap::parse("[global]\nsave = \"s\""),
            Err(KeymapError::NotAList { .. })
        ));
    }

    /// Sections list commands in file order with all their keys, as the help shows them.
    #[test]
    fn sections_group_keys() {
        let km = Keymap::default_keymap();
        let article = km.section(Context::Article);
        assert_eq!(article[0].0, Command::MoveDown);
        assert_eq!(
            article[0].1,
            vec![Key::char('j'), Key::plain(KeyCode::Down)]
        );
    }
}
