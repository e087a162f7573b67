//! `factdesk import FILE`: a web page, Markdown or text file to a new verdict file, with a
//! summary of what was read (title, URL, date, words, residue lines) and no terminal UI.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::bail;

use crate::model::{Case, Entropy, Scale};
use crate::store;
use crate::text::{self, ingest::Format};

/// How the file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum FormatChoice {
    /// From the extension and the first bytes.
    #[default]
    Auto,
    Html,
    Markdown,
    Text,
}

impl FormatChoice {
    fn format(self) -> Option<Format> {
        match self {
            FormatChoice::Auto => None,
            FormatChoice::Html => Some(Format::Html),
            FormatChoice::Markdown => Some(Format::Markdown),
            FormatChoice::Text => Some(Format::Text),
        }
    }
}

/// What an import wrote, for the summary.
#[derive(Debug)]
pub struct Imported {
    pub path: PathBuf,
    pub case: Case,
    pub notices: Vec<String>,
}

/// Reads `file`, writes a new verdict file (`out`, else `<stem>.factdesk.json` beside it;
/// an existing one is never replaced) and returns what was written.
pub fn import(
    file: &Path,
    out: Option<&Path>,
    format: FormatChoice,
    max_article_bytes: u64,
    entropy: &dyn Entropy,
) -> anyhow::Result<Imported> {
    let target = out.map_or_else(|| store::default_path_for(file), Path::to_path_buf);
    if target.exists() || target.is_symlink() {
        bail!(
            "{} already exists; open it with factdesk, or import to another file with -o",
            target.display()
        );
    }
    let bytes = crate::open::read_article(file, max_article_bytes)?;
    let (mut article, notices) =
        crate::open::read_new_article(file, bytes, format.format(), Some(entropy.now()))?;
    article.ensure_hash();
    let case = Case::new(article, Scale::default_scale());
    store::save(
        &target,
        &case,
        &store::SavedView::default(),
        &Default::default(),
    )?;
    Ok(Imported {
        path: target,
        case,
        notices,
    })
}

/// The summary printed after an import: every line cleaned of control characters.
pub fn summary(imported: &Imported) -> String {
    let article = &imported.case.article;
    let meta = &article.meta;
    let clean = |s: &str| text::clean_line(s).into_owned();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Imported {}",
        clean(&imported.path.display().to_string())
    );
    let format = article.origin.format.as_deref().unwrap_or("text");
    let _ = writeln!(out, "  format:    {format}");
    let _ = writeln!(out, "  title:     {}", clean(article.display_title()));
    let field = |v: Option<&str>| v.map_or_else(|| "(none found)".to_string(), clean);
    let _ = writeln!(out, "  URL:       {}", field(meta.url.as_deref()));
    let _ = writeln!(out, "  published: {}", field(meta.published.as_deref()));
    if let Some(outlet) = &meta.outlet {
        let _ = writeln!(out, "  outlet:    {}", clean(outlet));
    }
    if !meta.authors.is_empty() {
        let _ = writeln!(out, "  authors:   {}", clean(&meta.authors.join(", ")));
    }
    let words = article.text.split_whitespace().count();
    let _ = writeln!(out, "  words:     {words}");
    let _ = writeln!(out, "  links:     {}", article.links.len());
    let n = article.residue.len();
    let _ = writeln!(
        out,
        "  residue:   {n} line{}",
        if n == 1 { "" } else { "s" }
    );
    // One pass over the text for all residue lines (they are in text order).
    let mut chars = article.text.chars().enumerate().peekable();
    let mut line = 1;
    for r in &article.residue {
        while let Some((_, c)) = chars.next_if(|(i, _)| *i < r.start) {
            line += usize::from(c == '\n');
        }
        let span: String = chars
            .clone()
            .take_while(|(i, _)| *i < r.end)
            .map(|(_, c)| c)
            .take(70)
            .collect();
        let more = if r.end - r.start > 70 { "…" } else { "" };
        let _ = writeln!(
            out,
            "    line {line:>4}  {:<17} {}{more}",
            r.kind.label(),
            clean(&span)
        );
    }
    for notice in &imported.notices {
        let _ = writeln!(out, "note: {}", clean(notice));
    }
    out
}
