//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// factdesk: a terminal fact-check workbench.
///
/// Opens an article (plain text) or a verdict file (*.factdesk.json). Without a FILE it opens
/// the bundled demo article.
#[derive(Debug, Parser)]
#[command(
    name = "factdesk",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// An article to check, or a verdict file to continue.
    pub file: Option<PathBuf>,

    /// Where to save the verdict file (default: <article-stem>.factdesk.json beside it).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// The rating scale of a new case: politifact, snopes, aap, meta, fever, averitec,
    /// conclusion-only (default: the config file's, else politifact).
    #[arg(long, value_name = "NAME", value_parser = parse_scale)]
    pub scale: Option<String>,

    /// Refuse articles larger than this many MiB (default 256), checked before reading.
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    pub max_article_size: u64,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open an article or a verdict file (the same as giving FILE alone).
    Open {
        file: PathBuf,
        /// Where to save the verdict file.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// The rating scale of a new case (a preset name).
        #[arg(long, value_name = "NAME", value_parser = parse_scale)]
        scale: Option<String>,
        /// Refuse articles larger than this many MiB (default 256).
        #[arg(long, value_name = "MIB", default_value_t = 256)]
        max_article_size: u64,
    },
    /// Where the config file is, or a commented default one.
    Config {
        /// Print the config file's path.
        #[arg(long, conflicts_with = "default")]
        path: bool,
        /// Print a commented default config file.
        #[arg(long)]
        default: bool,
    },
    /// Print a shell completion script: bash, zsh or fish.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Validate a verdict file: one line per problem; exit 0 clean, 1 problems, 2 unreadable.
    Check { verdict_file: PathBuf },
    /// Publish a verdict file: ClaimReview JSON-LD, a Markdown report or CSV.
    Export {
        verdict_file: PathBuf,
        #[arg(long, value_enum)]
        format: crate::export_cli::Format,
        /// Where to write (default or `-`: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The publication URL of the fact-check; `{id}` is replaced by the claim id, else
        /// `#<id>` is appended (default: publication.base_url in the config file).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Who publishes the fact-check (default: publication.author in the config file).
        #[arg(long, value_name = "NAME")]
        author: Option<String>,
        /// Whether the author is an organization or a person.
        #[arg(long, value_enum)]
        author_kind: Option<crate::export::AuthorKind>,
        /// Write over the output even when it is the verdict file or another verdict file
        /// (the old one is kept as .bak).
        #[arg(long)]
        force: bool,
    },
    /// The sentences of an article (or a verdict file's article) worth checking, best first,
    /// with the reasons for each score.
    Suggest {
        /// An article or a verdict file.
        file: PathBuf,
        /// At most this many sentences.
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        /// Every sentence in text order, suggested (marked *) or not.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = crate::suggest_cli::Format::Text)]
        format: crate::suggest_cli::Format,
    },
    /// The case's source library in and out as CSL-JSON (Zotero, Pandoc).
    #[command(subcommand)]
    Sources(SourcesCommand),
}

#[derive(Debug, Subcommand)]
pub enum SourcesCommand {
    /// Add the items of a CSL-JSON file to a verdict file's library.
    Import {
        /// CSL-JSON as Zotero or Pandoc export it (`-` for standard input).
        file: PathBuf,
        /// The verdict file whose library receives the sources.
        #[arg(long, value_name = "VERDICT_FILE")]
        into: PathBuf,
    },
    /// Write a verdict file's library as CSL-JSON.
    Export {
        verdict_file: PathBuf,
        /// Where to write (default or `-`: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write over the output even when it is a verdict file (the old one is kept as
        /// .bak).
        #[arg(long)]
        force: bool,
    },
}

/// Accepts a rating-scale preset by id or name.
fn parse_scale(name: &str) -> Result<String, String> {
    match crate::model::Scale::preset(name) {
        Some(_) => Ok(name.to_string()),
        None => {
            let known: Vec<&str> = crate::model::Scale::presets()
                .iter()
                .map(|(id, _)| *id)
                .collect();
            Err(format!("no such scale; known: {}", known.join(", ")))
        }
    }
}
