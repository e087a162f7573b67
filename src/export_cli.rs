//! `factdesk export VERDICT_FILE --format claimreview|markdown|csv [-o FILE|-]`.

use std::path::Path;

use crate::export::{self, Author, ExportOptions};
use crate::store;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// schema.org ClaimReview JSON-LD, one per rated claim.
    Claimreview,
    /// A report for the editor.
    Markdown,
    /// One row per claim.
    Csv,
}

/// Exports a verdict file; writes to `out` (`None` or `-`: standard output; see
/// [`crate::output`] for what `force` allows). Returns notes for standard error: claims
/// left out and why, and where the file went.
pub fn export(
    verdict_file: &Path,
    format: Format,
    out: Option<&Path>,
    force: bool,
    opts: &ExportOptions,
) -> anyhow::Result<Vec<String>> {
    let loaded = store::load(verdict_file)?;
    let case = &loaded.case;
    let mut notes = Vec::new();
    let text = match format {
        Format::Claimreview => {
            let exported = export::claimreview(case, opts)?;
            notes.extend(
                exported
                    .skipped
                    .iter()
                    .map(|s| format!("not exported: {s}")),
            );
            exported.text
        }
        Format::Markdown => export::markdown(case),
        Format::Csv => export::csv(case),
    };
    let guard = crate::output::Guard {
        inputs: &[verdict_file],
        force,
    };
    if let Some(note) = crate::output::write(out, text.as_bytes(), guard)?.note() {
        notes.push(note);
    }
    Ok(notes)
}

/// Export options from the command line, falling back to the config file.
pub fn options(
    base_url: Option<String>,
    author: Option<String>,
    author_kind: Option<export::AuthorKind>,
    config_base_url: Option<String>,
    config_author: Option<Author>,
    today: String,
) -> ExportOptions {
    let author = match author {
        Some(name) => Some(Author {
            name,
            kind: author_kind.unwrap_or_default(),
        }),
        None => config_author.map(|mut a| {
            if let Some(kind) = author_kind {
                a.kind = kind;
            }
            a
        }),
    };
    ExportOptions {
        base_url: base_url.or(config_base_url),
        author,
        date_published: Some(today),
    }
}
