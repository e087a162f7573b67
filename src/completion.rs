//! Shell completion scripts and the manual page, generated from the command line's
//! definition (so they never disagree with `--help`).

use clap::CommandFactory;

use crate::cli::Cli;

/// The completion script for `shell`. clap's zsh script lets the optional `[FILE]` take the
/// subcommand's place (after `export` it offered the top-level flags again): the first
/// word is completed as a subcommand or a file, and the subcommand read from it.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "factdesk", &mut script);
    if shell == clap_complete::Shell::Zsh {
        let text = String::from_utf8_lossy(&script).into_owned();
        return fix_zsh(&text).into_bytes();
    }
    script
}

/// The manual page (roff).
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    Ok(page)
}

fn fix_zsh(script: &str) -> String {
    let mut out = String::with_capacity(script.len() + 200);
    let mut top_level_lines = 0;
    for line in script.lines() {
        if line.starts_with("'::file -- ") {
            continue;
        }
        if line == "\":: :_factdesk_commands\" \\" {
            out.push_str("\":: :_factdesk_first_word\" \\\n");
            continue;
        }
        // The top-level dispatch read the subcommand as the second positional word.
        if top_level_lines < 3 && line.contains("$line[2]") {
            top_level_lines += 1;
            out.push_str(&line.replace("$line[2]", "$line[1]"));
            out.push('\n');
            continue;
        }
        if line.starts_with("if [ \"$funcstack[1]\"") {
            out.push_str(
                "(( $+functions[_factdesk_first_word] )) ||\n_factdesk_first_word() {\n    \
                 _alternative 'commands:: _factdesk_commands' 'files:file:_files'\n}\n\n",
            );
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The zsh script no longer has a top-level file positional before the subcommand, and
    /// dispatches on the first word; bash and fish offer the scale presets.
    #[test]
    fn zsh_dispatches_on_the_first_word() {
        let zsh = String::from_utf8(script(clap_complete::Shell::Zsh)).unwrap();
        assert!(!zsh.contains("'::file -- "));
        assert!(zsh.contains("\":: :_factdesk_first_word\""));
        assert!(zsh.contains("_factdesk_first_word() {"));
        assert!(zsh.contains("case $line[1] in\n            (open)"));
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
        ] {
            let text = String::from_utf8(script(shell)).unwrap();
            assert!(text.contains("conclusion-only"), "{shell}: --scale presets");
        }
    }

    /// The man page names the program and its subcommands.
    #[test]
    fn man_page_lists_subcommands() {
        let page = String::from_utf8(man_page().unwrap()).unwrap();
        assert!(page.contains(".TH factdesk 1"));
        for sub in ["open", "export", "completions", "man"] {
            assert!(page.contains(sub), "{sub}");
        }
    }
}
