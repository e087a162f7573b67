//! factdesk's entry point: parse the command line, run one subcommand.

use std::process::ExitCode;

use clap::Parser;

use factdesk::cli::{Cli, Command, SourcesCommand};
use factdesk::model::SystemEntropy;
use factdesk::terminal::Outcome;
use factdesk::{sources_cli, terminal};

/// The end of an interactive session: a stop by a signal or a lost terminal says so on
/// stderr in one line and exits with the signal's code.
fn interactive(outcome: anyhow::Result<Outcome>) -> anyhow::Result<()> {
    match outcome? {
        Outcome::Quit => Ok(()),
        Outcome::Stopped {
            reason,
            recovery,
            code,
        } => {
            match recovery {
                Some(path) => eprintln!(
                    "factdesk: {reason}; unsaved work kept in {} (offered when you open the case again)",
                    path.display()
                ),
                None => eprintln!("factdesk: {reason}; nothing was unsaved"),
            }
            std::process::exit(i32::from(code));
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Open { file, output }) => interactive(terminal::open_and_run(
            Some(&file),
            output.as_deref(),
            SystemEntropy,
        )),
        Some(Command::Sources(SourcesCommand::Import { file, into })) => {
            sources_cli::import(&file, &into, &mut SystemEntropy)
                .map(|report| eprintln!("{report}"))
        }
        Some(Command::Sources(SourcesCommand::Export {
            verdict_file,
            output,
        })) => sources_cli::export(&verdict_file, output.as_deref())
            .map(|report| report.into_iter().for_each(|r| eprintln!("{r}"))),
        None => interactive(terminal::open_and_run(
            cli.file.as_deref(),
            cli.output.as_deref(),
            SystemEntropy,
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("factdesk: {e:#}");
            ExitCode::from(2)
        }
    }
}
