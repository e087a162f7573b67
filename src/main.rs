//! factdesk's entry point: parse the command line, run one subcommand.

use std::process::ExitCode;

use clap::Parser;

use factdesk::cli::{Cli, Command, SourcesCommand};
use factdesk::model::SystemEntropy;
use factdesk::model::{Entropy, Scale};
use factdesk::terminal::Outcome;
use factdesk::{config, export_cli, import_cli, say, sources_cli, team_cli, terminal};

/// The end of an interactive session: a stop by a signal or a lost terminal says so on
/// stderr in one line — where the unsaved work went, or plainly that it could not be kept —
/// and exits with the signal's code.
fn interactive(outcome: anyhow::Result<Outcome>) -> anyhow::Result<()> {
    match outcome? {
        Outcome::Quit => Ok(()),
        Outcome::Open(next) => terminal::open_instead(&next),
        Outcome::Stopped { reason, kept, code } => {
            say::err(format!("factdesk: {reason}; {}", kept.describe()));
            std::process::exit(i32::from(code));
        }
    }
}

/// The config file, or its defaults when it cannot be read (the reason on stderr).
fn config() -> config::Loaded {
    match config::load() {
        Ok(loaded) => loaded,
        Err(e) => {
            say::err(format!("factdesk: {e}; using the defaults"));
            config::Loaded::default()
        }
    }
}

/// The command line; a usage error is printed cleaned (it may echo a hostile value) and
/// exits 2, as clap would.
fn parse() -> Cli {
    match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(), // --help, --version
        Err(e) => {
            say::err(e.render().to_string().trim_end());
            std::process::exit(2);
        }
    }
}

fn open_options(scale: Option<&str>, max_mib: u64) -> factdesk::open::OpenOptions {
    factdesk::open::OpenOptions {
        scale: scale.and_then(Scale::preset),
        max_article_bytes: max_mib.saturating_mul(1024 * 1024),
    }
}

fn main() -> ExitCode {
    let cli = parse();
    let result = match cli.command {
        Some(Command::Config { path, default }) => {
            if default {
                say::out(config::DEFAULT_CONFIG.trim_end());
            } else if path {
                match config::path() {
                    Some(p) => say::out(p.display()),
                    None => say::err("factdesk: no config directory on this system"),
                }
            } else {
                let loaded = config();
                match config::path() {
                    Some(p) if p.exists() => say::out(format!("{} (in use)", p.display())),
                    Some(p) => say::out(format!(
                        "{} (not there: the defaults are in use)",
                        p.display()
                    )),
                    None => say::out("no config directory on this system: the defaults are in use"),
                }
                loaded
                    .warnings
                    .iter()
                    .for_each(|w| say::err(format!("warning: {w}")));
            }
            Ok(())
        }
        Some(Command::Open {
            file,
            output,
            scale,
            max_article_size,
        }) => interactive(terminal::open_and_run(
            Some(&file),
            output.as_deref(),
            open_options(scale.as_deref(), max_article_size),
            &config(),
            SystemEntropy,
        )),
        Some(Command::Man) => factdesk::completion::man_page()
            .and_then(|page| write_out(&page))
            .map_err(anyhow::Error::from),
        Some(Command::Import {
            file,
            output,
            format,
            max_article_size,
        }) => import_cli::import(
            &file,
            output.as_deref(),
            format,
            max_article_size.saturating_mul(1024 * 1024),
            &SystemEntropy,
        )
        .map(|imported| say::out(import_cli::summary(&imported).trim_end())),
        Some(Command::Completions { shell }) => {
            // Into a buffer first: clap_complete panics when its writer fails (a closed pipe).
            write_out(&factdesk::completion::script(shell)).map_err(anyhow::Error::from)
        }
        Some(Command::Sources(SourcesCommand::Import { file, into })) => {
            sources_cli::import(&file, &into, &mut SystemEntropy).map(say::err)
        }
        Some(Command::Sources(SourcesCommand::Export {
            verdict_file,
            output,
            force,
        })) => sources_cli::export(&verdict_file, output.as_deref(), force)
            .map(|report| report.into_iter().for_each(say::err)),
        Some(Command::Suggest {
            file,
            top,
            all,
            format,
        }) => factdesk::suggest_cli::suggest(
            &file,
            &factdesk::suggest_cli::Options { top, all, format },
            &SystemEntropy,
        ),
        Some(Command::Check {
            verdict_file,
            strict,
        }) => {
            return ExitCode::from(factdesk::meta_cli::check(&verdict_file, strict));
        }
        Some(Command::Meta {
            verdict_file,
            url,
            outlet,
            author,
            published,
            language,
            json,
        }) => {
            let edit = factdesk::model::MetaEdit {
                url,
                outlet,
                authors: (!author.is_empty()).then_some(author),
                published,
                language,
            };
            factdesk::meta_cli::meta(&verdict_file, edit, json)
                .map(|out| out.into_iter().for_each(say::out))
        }
        Some(Command::Reanchor {
            verdict_file,
            new_article,
            output,
            json,
        }) => {
            match factdesk::reanchor_cli::reanchor(
                &verdict_file,
                &new_article,
                output.as_deref(),
                json,
                &SystemEntropy,
            ) {
                Ok(run) => {
                    print!("{}", run.stdout);
                    run.notes.iter().for_each(|n| eprintln!("{n}"));
                    return ExitCode::from(run.code);
                }
                Err(e) => Err(e),
            }
        }
        Some(Command::Export {
            verdict_file,
            format,
            output,
            base_url,
            author,
            author_kind,
            per_claim,
            html,
            date,
            links,
            bom,
            force,
        }) => {
            let configured = config();
            configured
                .warnings
                .iter()
                .for_each(|w| say::err(format!("warning: {w}")));
            let mut export = export_cli::options(
                base_url,
                author,
                author_kind,
                configured.config.base_url.clone(),
                configured.config.author.clone(),
                SystemEntropy.today(),
            );
            export.date_published = date;
            let opts = export_cli::Options {
                export,
                html,
                csv: factdesk::export::CsvOptions { links, bom },
                report: factdesk::export::ReportOptions {
                    checker: configured.config.name.clone(),
                    date: Some(SystemEntropy.today()),
                },
            };
            export_cli::export(
                &verdict_file,
                format,
                output.as_deref(),
                per_claim.as_deref(),
                force,
                &opts,
            )
            .map(|notes| notes.iter().for_each(say::err))
        }
        Some(Command::Merge {
            base,
            ours,
            theirs,
            output,
            marker_size: _,
            pathname,
        }) => {
            let args = team_cli::MergeArgs {
                base,
                ours,
                theirs,
                output,
                pathname,
            };
            // Any failure inside must abort git's merge, never leave a half-merge.
            let code = std::panic::catch_unwind(|| team_cli::merge(&args))
                .unwrap_or(team_cli::exit::INTERNAL);
            return ExitCode::from(code);
        }
        Some(Command::Diff { before, after }) => team_cli::diff_files(&before, &after),
        Some(Command::Show { verdict_file }) => team_cli::show(&verdict_file),
        Some(Command::GitSetup) => team_cli::git_setup(std::path::Path::new("."))
            .map(|report| report.iter().for_each(say::out)),
        None => interactive(terminal::open_and_run(
            cli.file.as_deref(),
            cli.output.as_deref(),
            open_options(cli.scale.as_deref(), cli.max_article_size),
            &config(),
            SystemEntropy,
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say::err(format!("factdesk: {e:#}"));
            ExitCode::from(2)
        }
    }
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn write_out(bytes: &[u8]) -> std::io::Result<()> {
    std::io::Write::write_all(&mut std::io::stdout(), bytes).or_else(|e| match e.kind() {
        std::io::ErrorKind::BrokenPipe => Ok(()),
        _ => Err(e),
    })
}
