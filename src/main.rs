//! factdesk's entry point: parse the command line, run one subcommand.

use std::process::ExitCode;

use clap::Parser;

use factdesk::cli::{Cli, Command, SourcesCommand};
use factdesk::model::SystemEntropy;
use factdesk::{sources_cli, terminal};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Open { file, output }) => {
            terminal::open_and_run(Some(&file), output.as_deref(), SystemEntropy)
        }
        Some(Command::Sources(SourcesCommand::Import { file, into })) => {
            sources_cli::import(&file, &into, &mut SystemEntropy)
                .map(|report| eprintln!("{report}"))
        }
        Some(Command::Sources(SourcesCommand::Export {
            verdict_file,
            output,
        })) => sources_cli::export(&verdict_file, output.as_deref())
            .map(|report| report.into_iter().for_each(|r| eprintln!("{r}"))),
        None => terminal::open_and_run(cli.file.as_deref(), cli.output.as_deref(), SystemEntropy),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("factdesk: {e:#}");
            ExitCode::from(2)
        }
    }
}
