//! `factdesk suggest FILE [--top N] [--all] [--format text|json]`: the sentences of an
//! article (or of a verdict file's article) worth checking, best first, with their reasons.

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use anyhow::Context as _;
use serde_json::json;

use crate::model::{Case, Entropy};
use crate::text::checkworthy::{self, Model};
use crate::text::{self, CharIndex};

/// How `suggest` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// A block per sentence: score, offsets and text, then the reasons.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// At most this many sentences.
    pub top: Option<usize>,
    /// Every sentence in text order, suggested or not.
    pub all: bool,
    pub format: Format,
}

/// One printed sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Chars of the article text (the anchors' units).
    pub chars: Range<usize>,
    pub text: String,
    pub score: f32,
    pub suggested: bool,
    pub reasons: Vec<String>,
    /// The kind of residue the sentence is in (caption, byline, …), if any.
    pub residue: Option<String>,
    pub claimant_guess: Option<String>,
}

/// The case `file` holds: a verdict file's, or a new one for an article (the article as it
/// is on disk even when a verdict file for it exists).
fn case_of(file: &Path, entropy: &dyn Entropy) -> anyhow::Result<Case> {
    let opened = crate::open::open(Some(file), None, entropy)?;
    Ok(match opened.fresh {
        Some(fresh) if fresh.article.text != opened.case.article.text => *fresh,
        _ => opened.case,
    })
}

/// The article's scraping residue (found on import or marked with `R`) as byte ranges of
/// its text, each with its kind as the verdict file names it (`caption`, `photo_credit`…).
pub fn residue_of(case: &Case) -> Vec<(Range<usize>, String)> {
    let text = &case.article.text;
    let index = CharIndex::new(text);
    case.article
        .residue
        .iter()
        .filter_map(|r| {
            let start = index.byte_of_char(text, r.start)?;
            let end = index.byte_of_char(text, r.end)?;
            let kind = serde_json::to_value(r.kind).ok()?.as_str()?.to_string();
            Some((start..end, kind))
        })
        .collect()
}

/// The rows for a case: `residue` are byte ranges of the article with their kind.
pub fn rows(case: &Case, residue: &[(Range<usize>, String)], options: &Options) -> Vec<Row> {
    let Some(model) = Model::embedded() else {
        return Vec::new();
    };
    let text = &case.article.text;
    let sentences = text::sentences(text);
    let residue_ranges: Vec<Range<usize>> = residue.iter().map(|(r, _)| r.clone()).collect();
    let scored = checkworthy::score_sentences(model, text, &sentences, &residue_ranges);
    let index = CharIndex::new(text);
    let char_of = |b: usize| index.char_of_byte(text, b).unwrap_or(0);
    let mut picked: Vec<(Range<usize>, f32, bool)> = scored
        .into_iter()
        .map(|s| {
            let chars = char_of(s.range.start)..char_of(s.range.end);
            let dismissed =
                case.suggestions
                    .is_dismissed(chars.start, chars.end, &text[s.range.clone()]);
            (s.range, s.score, s.suggested && !dismissed)
        })
        .filter(|(_, _, suggested)| options.all || *suggested)
        .collect();
    if !options.all {
        picked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.start.cmp(&b.0.start)));
    }
    picked.truncate(options.top.unwrap_or(usize::MAX));
    picked
        .into_iter()
        .map(|(range, score, suggested)| {
            let sentence = &text[range.clone()];
            let residue = residue
                .iter()
                .find(|(r, _)| r.start < range.end && range.start < r.end)
                .map(|(_, kind)| kind.clone());
            Row {
                chars: char_of(range.start)..char_of(range.end),
                text: one_line(sentence),
                score,
                suggested,
                reasons: model
                    .explain(sentence)
                    .reasons
                    .iter()
                    .map(|r| one_line(&r.to_string()))
                    .collect(),
                residue,
                claimant_guess: text::guess_claimant_in(text, range).map(|g| one_line(&g)),
            }
        })
        .collect()
}

/// Safe to print: on one line, single-spaced, no control or hidden characters.
fn one_line(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    text::clean_line(&flat).into_owned()
}

/// A row as the JSON object of `--format json`.
pub fn json_line(row: &Row) -> String {
    json!({
        "start": row.chars.start,
        "end": row.chars.end,
        "text": row.text,
        "score": (f64::from(row.score) * 1000.0).round() / 1000.0,
        "suggested": row.suggested,
        "reasons": row.reasons,
        "residue": row.residue,
        "claimant_guess": row.claimant_guess,
    })
    .to_string()
}

/// A row as a block of `--format text`.
pub fn text_block(row: &Row) -> String {
    let mark = if row.suggested { '*' } else { ' ' };
    let mut out = format!(
        "{mark} {:.2}  {}–{}  {}\n",
        row.score, row.chars.start, row.chars.end, row.text
    );
    let mut notes = row.reasons.clone();
    if let Some(who) = &row.claimant_guess {
        notes.push(format!("claimant guess: {who}"));
    }
    if let Some(kind) = &row.residue {
        notes.push(format!("residue: {kind}"));
    }
    if !notes.is_empty() {
        out.push_str(&format!("        {}\n", notes.join(" · ")));
    }
    out
}

/// Runs the subcommand, printing to standard output.
pub fn suggest(file: &Path, options: &Options, entropy: &dyn Entropy) -> anyhow::Result<()> {
    if Model::embedded().is_none() {
        anyhow::bail!("the check-worthiness model in this build cannot be read");
    }
    let case = case_of(file, entropy)?;
    let rows = rows(&case, &residue_of(&case), options);
    let mut out = std::io::stdout().lock();
    let mut write = |s: &str| match out.write_all(s.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    };
    for row in &rows {
        match options.format {
            Format::Json => write(&format!("{}\n", json_line(row))),
            Format::Text => write(&text_block(row)),
        }
        .context("cannot write to standard output")?;
    }
    if rows.is_empty() && options.format == Format::Text {
        crate::say::err(format!("{}: no sentence suggested", file.display()));
    }
    Ok(())
}
