//! `factdesk export VERDICT_FILE --format claimreview|markdown|csv [-o FILE|-]
//! [--per-claim DIR] [--html] [--date D] [--links] [--bom]`, and the same exports from the
//! TUI.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

pub use crate::export::Format;
use crate::export::{self, Author, CsvOptions, ExportOptions, ReportOptions};
use crate::model::{Case, ClaimId, Published};
use crate::store;

/// Everything an export needs beyond the case.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// ClaimReview: publication URL, author, dates.
    pub export: ExportOptions,
    /// ClaimReview: `<script>` blocks instead of bare JSON-LD.
    pub html: bool,
    /// CSV layout.
    pub csv: CsvOptions,
    /// Markdown: who signs the report and its date.
    pub report: ReportOptions,
}

/// An export made: the files to write and what to tell the user.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    /// The whole document.
    pub text: String,
    /// One document per claim, by file name (`C3.jsonld`, `C3.html`): for `--per-claim`.
    pub each: Vec<(String, String)>,
    /// Lines for standard error: lint warnings, claims left out.
    pub notes: Vec<String>,
    /// First publications to record in the verdict file.
    pub published: Vec<(ClaimId, Published)>,
}

/// Renders `case` in `format`, with the pre-publication lint as warnings.
pub fn render(case: &Case, format: Format, opts: &Options) -> anyhow::Result<Rendered> {
    let mut out = Rendered {
        notes: crate::check::lint::lint(case)
            .into_iter()
            .map(|f| format!("warning: {}", crate::text::clean_line(&f.message)))
            .collect(),
        ..Rendered::default()
    };
    match format {
        Format::Claimreview => {
            let exported = export::claimreview(case, &opts.export)?;
            out.notes.extend(
                exported
                    .skipped
                    .iter()
                    .map(|s| format!("not exported: {}", crate::text::clean_line(s))),
            );
            let extension = if opts.html { "html" } else { "jsonld" };
            out.each = exported
                .each
                .iter()
                .map(|(number, doc)| {
                    let text = if opts.html {
                        export::html_blocks(&[doc])
                    } else {
                        doc.clone()
                    };
                    (format!("C{number}.{extension}"), text)
                })
                .collect();
            out.text = if opts.html {
                let docs: Vec<&str> = exported.each.iter().map(|(_, d)| d.as_str()).collect();
                export::html_blocks(&docs)
            } else {
                exported.text
            };
            out.published = exported.published;
        }
        Format::Markdown => out.text = export::markdown_with(case, &opts.report),
        Format::Csv => out.text = export::csv_with(case, opts.csv),
    }
    Ok(out)
}

/// Writes an export's bytes to `path` (`-`: standard output) under `guard` (see
/// [`crate::output`]: never over an input or a verdict file unless forced). The one place
/// exports reach the file system. Returns what to tell the user.
pub fn write_output(
    path: &Path,
    bytes: &[u8],
    guard: crate::output::Guard<'_>,
) -> anyhow::Result<Option<String>> {
    Ok(crate::output::write(Some(path), bytes, guard)?.note())
}

/// Exports a verdict file; writes to `out` (`None` or `-`: standard output; see
/// [`crate::output`] for what `force` allows) and, with `per_claim`, one file per claim
/// into that folder. A ClaimReview export records each review's first publication date in
/// the verdict file (saved atomically), so later exports keep it; `--date` records nothing.
/// Returns notes for standard error.
pub fn export(
    verdict_file: &Path,
    format: Format,
    out: Option<&Path>,
    per_claim: Option<&Path>,
    force: bool,
    opts: &Options,
) -> anyhow::Result<Vec<String>> {
    let guard = crate::output::Guard {
        inputs: &[verdict_file],
        force,
    };
    let mut loaded = store::load(verdict_file)?;
    if let Some(first) = loaded.case.conflicts.first() {
        anyhow::bail!(
            "{} has {} unresolved merge conflict(s), the first at {}: resolve them in factdesk before exporting",
            verdict_file.display(),
            loaded.case.conflicts.len(),
            first.place(&loaded.case)
        );
    }
    let rendered = render(&loaded.case, format, opts)?;
    let mut notes = rendered.notes;
    if let Some(dir) = per_claim {
        if format != Format::Claimreview {
            anyhow::bail!("--per-claim is for --format claimreview (one JSON-LD file per claim)");
        }
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot make the folder {}", dir.display()))?;
        for (name, text) in &rendered.each {
            write_output(&dir.join(name), text.as_bytes(), guard)?;
        }
        notes.push(format!(
            "Wrote {} file{} to {}",
            rendered.each.len(),
            if rendered.each.len() == 1 { "" } else { "s" },
            dir.display()
        ));
    }
    match (out, per_claim) {
        (None, Some(_)) => {}
        (out, _) => {
            let path = out.unwrap_or(Path::new("-"));
            notes.extend(write_output(path, rendered.text.as_bytes(), guard)?);
        }
    }
    let recorded = export::record_published(&mut loaded.case, &rendered.published);
    if recorded > 0 {
        store::save(verdict_file, &loaded.case, &loaded.view, &loaded.extra).with_context(
            || {
                format!(
                    "cannot record the publication dates in {}",
                    verdict_file.display()
                )
            },
        )?;
        let claims: Vec<String> = rendered
            .published
            .iter()
            .filter_map(|(id, _)| loaded.case.claim(id).map(|c| format!("C{}", c.number)))
            .collect();
        notes.push(format!(
            "Recorded the first publication of {} in {} (later exports keep its date)",
            claims.join(", "),
            verdict_file.display()
        ));
    }
    Ok(notes)
}

/// The default path of a TUI export: beside the verdict file, `<stem>.<extension>`
/// (`case.factdesk.json` → `case.jsonld`).
pub fn default_path(verdict_file: &Path, format: Format) -> PathBuf {
    let name = verdict_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".factdesk.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(&name);
    let stem = if stem.is_empty() { "factdesk" } else { stem };
    verdict_file.with_file_name(format!("{stem}.{}", format.extension()))
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
            ..Author::default()
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
        date_published: None,
        today: Some(today),
    }
}

/// An export from the TUI: the case as it is in memory (unsaved changes included), written
/// to `path`; first publications come back to be recorded in the case.
pub fn export_from_tui(
    state: &crate::app::AppState,
    format: Format,
    path: &Path,
) -> Result<crate::app::Exported, String> {
    let today = crate::model::Entropy::today(&crate::model::SystemEntropy);
    let opts = Options {
        export: ExportOptions {
            today: Some(today.clone()),
            ..state.publication.clone()
        },
        report: ReportOptions {
            checker: state.checker.clone(),
            date: Some(today),
        },
        ..Options::default()
    };
    if path == Path::new("-") {
        return Err("standard output is the screen here: choose a file".into());
    }
    if let Some(first) = state.case.conflicts.first() {
        return Err(format!(
            "{} unresolved merge conflict(s), the first at {}: resolve them before exporting",
            state.case.conflicts.len(),
            first.place(&state.case)
        ));
    }
    let guard = crate::output::Guard {
        inputs: &[state.file.path.as_path()],
        force: false,
    };
    let rendered = render(&state.case, format, &opts).map_err(|e| format!("{e:#}"))?;
    write_output(path, rendered.text.as_bytes(), guard).map_err(|e| format!("{e:#}"))?;
    Ok(crate::app::Exported {
        format,
        path: path.to_path_buf(),
        warnings: crate::check::lint::lint(&state.case).len(),
        published: rendered.published,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An export from the TUI waits, like the command line's, while merge conflicts are
    /// unresolved: it says where the first one is and writes nothing.
    #[test]
    fn tui_export_waits_for_conflicts() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("report.md");
        let mut state = crate::test_support::state("Crime fell by half.", 0);
        crate::test_support::press(&mut state, "c");
        state.case.conflicts.push(crate::model::Conflict::new(
            vec![
                "claims".into(),
                state.case.claims[0].id.0.clone().into(),
                "text".into(),
            ],
            None,
            Some("a".into()),
            Some("b".into()),
        ));
        let why = export_from_tui(&state, Format::Markdown, &path).expect_err("refused");
        assert!(
            why.contains("1 unresolved merge conflict(s), the first at C1 text"),
            "{why}"
        );
        assert!(!path.exists());
        state.case.conflicts.clear();
        export_from_tui(&state, Format::Markdown, &path).expect("written");
        assert!(path.exists());
    }
}
