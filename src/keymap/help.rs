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
    const ORDER: [Context; 27] = [
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
