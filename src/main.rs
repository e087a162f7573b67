//! factdesk's entry point: parse the command line, run one subcommand.

use std::process::ExitCode;

use clap::Parser;

use factdesk::cli::{Cli, Command};
use factdesk::model::SystemEntropy;
use factdesk::terminal;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (file, output) = match cli.command {
        Some(Command::Open { file, output }) => (Some(file), output),
        None => (cli.file, cli.output),
    };
    match terminal::open_and_run(file.as_deref(), output.as_deref(), SystemEntropy) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("factdesk: {e:#}");
            ExitCode::from(2)
        }
    }
}
