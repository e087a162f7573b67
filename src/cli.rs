//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// factdesk: a terminal fact-check workbench.
///
/// Opens an article (a web page, Markdown or plain text) or a verdict file (*.factdesk.json). Without a FILE it opens
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
    #[arg(long, value_name = "NAME", value_parser = ScaleParser)]
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
        #[arg(long, value_name = "NAME", value_parser = ScaleParser)]
        scale: Option<String>,
        /// Refuse articles larger than this many MiB (default 256).
        #[arg(long, value_name = "MIB", default_value_t = 256)]
        max_article_size: u64,
    },
    /// Read a web page, Markdown or text file into a new verdict file and print what was
    /// found (title, URL, date, words, residue lines), without opening the desk.
    Import {
        file: PathBuf,
        /// Where to write the verdict file (default: <stem>.factdesk.json beside FILE).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// How to read FILE (default: from its extension and first bytes).
        #[arg(long, value_enum, default_value_t)]
        format: crate::import_cli::FormatChoice,
        /// Refuse files larger than this many MiB (default 256), checked before reading.
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
    Check {
        verdict_file: PathBuf,
        /// Also fail (exit 1) on pre-publication lint: unsourced or unexplained verdicts,
        /// guessed claimants, long wordings, uncorrected changes.
        #[arg(long)]
        strict: bool,
    },
    /// Show or set the article's metadata: URL, outlet, authors, date, language.
    Meta {
        verdict_file: PathBuf,
        /// The article's canonical URL.
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// The outlet that published it.
        #[arg(long, value_name = "NAME")]
        outlet: Option<String>,
        /// An author, in byline order; repeat for several (replaces the list).
        #[arg(long, value_name = "NAME")]
        author: Vec<String>,
        /// When it was published: YYYY-MM-DD or RFC 3339.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// Its language: a BCP 47 tag (en, de-CH).
        #[arg(long, value_name = "TAG")]
        language: Option<String>,
        /// Print the metadata as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Publish a verdict file: ClaimReview JSON-LD, a Markdown report or CSV.
    Export {
        verdict_file: PathBuf,
        #[arg(long, value_enum)]
        format: crate::export::Format,
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
        /// ClaimReview: one JSON-LD file per claim into this folder (C3.jsonld…).
        #[arg(long, value_name = "DIR")]
        per_claim: Option<PathBuf>,
        /// ClaimReview: ready <script type="application/ld+json"> blocks.
        #[arg(long)]
        html: bool,
        /// ClaimReview: datePublished of every review in this export (YYYY-MM-DD), instead
        /// of each review's first publication date; records nothing.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// CSV: one row per link instead of one per claim.
        #[arg(long)]
        links: bool,
        /// CSV: start with a byte-order mark, for Excel.
        #[arg(long)]
        bom: bool,
        /// Write over the output even when it is the verdict file or another verdict file
        /// (the old one is kept as .bak).
        #[arg(long)]
        force: bool,
    },
    /// Merge two edited copies of a verdict file (git's merge driver).
    ///
    /// Claims, sources and links are matched by id, fields merged three-way. Exit 0
    /// merged, 1 conflicts (kept in the file as a list) or not mergeable (nothing written),
    /// 2 usage, 130 internal failure (git aborts the merge).
    Merge {
        /// The common ancestor (an empty file: none).
        base: PathBuf,
        /// Our copy; the result is written over it unless -o is given.
        ours: PathBuf,
        /// Their copy.
        theirs: PathBuf,
        /// Where to write the result (default: over OURS, as git expects).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Conflict-marker size, as git passes it (unused: conflicts are kept as data).
        #[arg(short = 'L', value_name = "SIZE")]
        marker_size: Option<String>,
        /// The file's path in the repository, as git passes it (for messages).
        #[arg(short = 'P', value_name = "PATH")]
        pathname: Option<String>,
    },
    /// What differs between two verdict files, in claim-number order.
    ///
    /// Claims added or removed, wording, verdicts, statuses, links and sources.
    Diff { before: PathBuf, after: PathBuf },
    /// A verdict file as lines for people (git's textconv).
    ///
    /// Claims in number order with verdicts and links, sources, conflicts: `git diff` and
    /// `git log -p` show fact-check changes instead of JSON.
    Show { verdict_file: PathBuf },
    /// Set up the git repository here for verdict files.
    ///
    /// Adds the attributes line to .gitattributes and sets the merge driver and the diff in
    /// the repository's config. Safe to run again.
    GitSetup,
    /// Move a case onto a new version of its article: one line per claim (exact, moved,
    /// changed, orphaned); exit 0 when all are exact or moved, 1 when any needs the checker,
    /// 2 on error.
    Reanchor {
        verdict_file: PathBuf,
        /// The new version of the article.
        new_article: PathBuf,
        /// Where to write (default: the verdict file itself, the old one kept as .bak).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Print a JSON array instead of one line per claim.
        #[arg(long)]
        json: bool,
    },
    /// The sentences of an article (or a verdict file's article) worth checking, best first,
    /// with the reasons for each score.
    Suggest {
        /// An article (text, HTML, Markdown) or a verdict file.
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
    /// Print factdesk's manual page (roff), e.g. `factdesk man | man -l -`.
    Man,
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

/// `--scale`: a preset by id or name; the ids are offered to shell completion.
#[derive(Debug, Clone, Copy)]
struct ScaleParser;

impl clap::builder::TypedValueParser for ScaleParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let text = clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)?;
        parse_scale(&text).map_err(|_| {
            use clap::error::{ContextKind, ContextValue};
            let mut err = clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd);
            err.insert(ContextKind::InvalidValue, ContextValue::String(text));
            let ids: Vec<String> = crate::model::Scale::presets()
                .iter()
                .map(|(id, _)| id.to_string())
                .collect();
            err.insert(ContextKind::ValidValue, ContextValue::Strings(ids));
            if let Some(arg) = arg {
                err.insert(
                    clap::error::ContextKind::InvalidArg,
                    clap::error::ContextValue::String(arg.to_string()),
                );
            }
            err
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let ids: Vec<&'static str> = crate::model::Scale::presets()
            .iter()
            .map(|(id, _)| *id)
            .collect();
        Some(Box::new(
            ids.into_iter().map(clap::builder::PossibleValue::new),
        ))
    }
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
