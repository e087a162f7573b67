//! Key overrides: `[keys.<context>] command = ["key", ...]`, merged over the default keymap.

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Value;

use super::Config;
use crate::keymap::{Command, Context, Key, Keymap, KeymapError};

/// One override: in `context`, `command` gets exactly `keys` (replacing its default keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    /// The keymap section, e.g. `article`.
    pub context: Context,
    /// The command, e.g. `make_claim`.
    pub command: Command,
    /// Its keys in that context; empty unbinds it.
    pub keys: Vec<Key>,
}

impl KeyOverride {
    /// How the override is written in the config file, for warnings.
    fn label(&self) -> String {
        let keys: Vec<String> = self
            .keys
            .iter()
            .map(|k| format!("{:?}", k.to_string()))
            .collect();
        format!(
            "[keys.{}] {} = [{}]",
            self.context,
            self.command,
            keys.join(", ")
        )
    }
}

/// Reads the `keys` table; anything that does not name a context, command and keys
/// becomes a warning and is left out (so the default keys stay).
pub(super) fn read(value: &Value, warnings: &mut Vec<String>) -> Vec<KeyOverride> {
    let mut out = Vec::new();
    let Some(sections) = value.as_table() else {
        warnings.push(format!(
            "keys should be a table of [keys.<context>] sections, not {} {value} (ignored)",
            value.type_str()
        ));
        return out;
    };
    for (section, entries) in sections {
        let Some(context) = Context::from_name(section) else {
            warnings.push(format!(
                "keys.{section}: unknown context {section:?} (ignored); contexts are the \
                 sections of the built-in keymap, e.g. global, article, claims, detail"
            ));
            continue;
        };
        let Some(entries) = entries.as_table() else {
            warnings.push(format!(
                "keys.{section} should be a table of command = [\"key\", ...] (ignored)"
            ));
            continue;
        };
        for (name, keys) in entries {
            let at = format!("keys.{section}.{name}");
            let command: Result<Command, serde::de::value::Error> =
                Command::deserialize(name.as_str().into_deserializer());
            let Ok(command) = command else {
                warnings.push(format!("{at}: unknown command {name:?} (ignored)"));
                continue;
            };
            match parse_keys(keys) {
                Ok(keys) => out.push(KeyOverride {
                    context,
                    command,
                    keys,
                }),
                Err(problem) => warnings.push(format!("{at}: {problem} (ignored)")),
            }
        }
    }
    out
}

fn parse_keys(value: &Value) -> Result<Vec<Key>, String> {
    let not_a_list =
        || format!("keys must be a list of strings like [\"c\", \"Ctrl-k\"], not {value}");
    let list = value.as_array().ok_or_else(not_a_list)?;
    list.iter()
        .map(|key| {
            let name = key.as_str().ok_or_else(not_a_list)?;
            name.parse::<Key>().map_err(|e| e.to_string())
        })
        .collect()
}

/// The embedded default keymap with the config's overrides merged in, and a warning for
/// each override dropped because it would bind a key twice (the defaults stay in force).
pub fn keymap(config: &Config) -> (Keymap, Vec<String>) {
    let defaults = Keymap::default_keymap();
    let mut kept: Vec<&KeyOverride> = config.key_overrides.iter().collect();
    let mut warnings = Vec::new();
    loop {
        let list: Vec<(Context, Command, Vec<Key>)> = kept
            .iter()
            .map(|o| (o.context, o.command, o.keys.clone()))
            .collect();
        let err = match defaults.with_overrides(&list) {
            Ok(keymap) => return (keymap, warnings),
            Err(err) => err,
        };
        // The defaults bind no key twice, so an override is to blame: drop the last one
        // (in file order) that binds the key to one of the two commands, and try again.
        let culprit = match &err {
            KeymapError::Duplicate {
                context,
                key,
                first,
                second,
            } => kept.iter().rposition(|o| {
                context.chain().contains(&o.context)
                    && (o.command == *first || o.command == *second)
                    && o.keys.contains(key)
            }),
            _ => None,
        };
        match culprit {
            Some(i) => {
                let dropped = kept.remove(i);
                warnings.push(format!("{}: {err} (ignored)", dropped.label()));
            }
            None => {
                warnings.push(format!("key overrides: {err} (all ignored)"));
                return (defaults, warnings);
            }
        }
    }
}
