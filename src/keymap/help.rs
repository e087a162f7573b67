//! The help overlay's text, generated from the keymap in force so it never lies.

use super::{Context, Keymap};

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A context's heading.
    Heading(&'static str),
    /// Keys (joined with " / ") and what they do.
    Entry {
        keys: String,
        description: String,
    },
    Blank,
}

/// Every context with its bindings, in the order a newcomer needs them.
pub fn help_lines(keymap: &Keymap) -> Vec<HelpLine> {
    const ORDER: [Context; 30] = [
        Context::Global,
        Context::Article,
        Context::Selection,
        Context::Claim,
        Context::Claims,
        Context::Detail,
        Context::Picker,
        Context::Library,
        Context::LibraryFilter,
        Context::Overview,
        Context::Conflicts,
        Context::LinkForm,
        Context::Stance,
        Context::SourceForm,
        Context::SourceType,
        Context::FormLine,
        Context::Rating,
        Context::LineEditor,
        Context::TextEditor,
        Context::Editing,
        Context::Confirm,
        Context::DiscardPrompt,
        Context::QuitPrompt,
        Context::Recovery,
        Context::SaveConflict,
        Context::SaveFailed,
        Context::ExistingCase,
        Context::ReanchorOffer,
        Context::Review,
        Context::Help,
    ];
    let mut lines = Vec::new();
    for context in ORDER {
        let section = keymap.section(context);
        if section.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(HelpLine::Blank);
        }
        lines.push(HelpLine::Heading(context.title()));
        for (command, keys) in section {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            lines.push(HelpLine::Entry {
                keys: keys.join(" / "),
                description: command.description().to_string(),
            });
        }
        if context == Context::Rating {
            lines.push(HelpLine::Entry {
                keys: "1 … 9".into(),
                description: "pick the rating at that place on the scale".into(),
            });
        }
    }
    lines
}

/// The widest a help line's keys column gets.
pub const MAX_KEY_WIDTH: usize = 22;

/// The help's lines wrapped to `width` columns: a description too long for its line goes on
/// in continuation entries (empty keys), so nothing is cut. Returns the keys column's width.
pub fn wrap_help(lines: &[HelpLine], width: usize) -> (Vec<HelpLine>, usize) {
    use unicode_width::UnicodeWidthStr;
    let key_width = lines
        .iter()
        .filter_map(|l| match l {
            HelpLine::Entry { keys, .. } => Some(keys.width()),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .min(MAX_KEY_WIDTH);
    let room = width.saturating_sub(key_width + 4).max(10);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let HelpLine::Entry { keys, description } = line else {
            out.push(line.clone());
            continue;
        };
        for (i, range) in crate::text::wrap(description, room).into_iter().enumerate() {
            out.push(HelpLine::Entry {
                keys: if i == 0 { keys.clone() } else { String::new() },
                description: description[range].trim_end().to_string(),
            });
        }
    }
    (out, key_width)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every binding of the keymap appears in the help, under its context's heading.
    #[test]
    fn help_lists_every_binding() {
        let km = Keymap::default_keymap();
        let lines = help_lines(&km);
        let entries = lines
            .iter()
            .filter(|l| matches!(l, HelpLine::Entry { .. }))
            .count();
        let commands: usize = Context::ALL.iter().map(|c| km.section(*c).len()).sum();
        assert_eq!(entries, commands + 1, "every command plus the digits line");
        assert!(lines.contains(&HelpLine::Entry {
            keys: "j / Down".into(),
            description: "down one (sentence, claim, rating, line)".into()
        }));
        assert_eq!(lines[0], HelpLine::Heading("Anywhere"));
    }

    /// Wrapped help keeps every word: long descriptions go on under their keys.
    #[test]
    fn help_wraps_instead_of_cutting() {
        let lines = vec![HelpLine::Entry {
            keys: "x".into(),
            description: "one two three four five six seven eight nine ten".into(),
        }];
        let (wrapped, key_width) = wrap_help(&lines, 20);
        assert_eq!(key_width, 1);
        let words: Vec<String> = wrapped
            .iter()
            .map(|l| match l {
                HelpLine::Entry { description, .. } => description.clone(),
                _ => String::new(),
            })
            .collect();
        assert!(wrapped.len() > 1);
        assert_eq!(
            words.join(" "),
            "one two three four five six seven eight nine ten"
        );
    }

    /// A rebound key shows up in the help as rebound.
    #[test]
    fn help_follows_the_keymap() {
        let km = Keymap::parse("[global]\nsave = [\"F2\"]\n").unwrap();
        let lines = help_lines(&km);
        assert!(lines.contains(&HelpLine::Entry {
            keys: "F2".into(),
            description: "save the verdict file".into()
        }));
    }
}
