//! The Markdown report an editor reads before publishing.
//!
//! Every piece of text from the case goes through `clean_line`/`clean_block` (hidden
//! characters become visible markers) and then [`escape`], so a claim, a title or a quote can
//! never make a heading, a list, a link, an image, HTML or a table cell break.

use std::fmt::Write;

use super::{Rating, quotes, rating, stance_counts, web_url};
use crate::model::{Case, Claim, Link};
use crate::text::{clean_block, clean_line};

/// A Markdown report: the article's title and origin, then per claim the quoted text, wording,
/// claimant, status, verdict, explanation and every source with stance, quote, locator,
/// question, note and links; the rating scale's definitions at the end.
pub fn markdown(case: &Case) -> String {
    let mut out = String::new();
    header(&mut out, case);
    for (i, claim) in case.claims.iter().enumerate() {
        claim_section(&mut out, case, i + 1, claim);
    }
    scale_section(&mut out, case);
    out
}

/// Title, origin and counts.
fn header(out: &mut String, case: &Case) {
    let origin = &case.article.origin;
    let _ = writeln!(
        out,
        "# Fact-check report: {}\n",
        line(case.article.display_title())
    );
    match origin.path.as_deref().map(str::trim) {
        Some(p) if web_url(p).is_some() => {
            let _ = writeln!(out, "- **Origin:** {}", link(p, p));
        }
        Some(p) if !p.is_empty() => {
            let _ = writeln!(out, "- **Origin:** {}", line(p));
        }
        _ => out.push_str("- **Origin:** not recorded\n"),
    }
    if let Some(retrieved) = origin.retrieved.as_deref().filter(|r| !r.trim().is_empty()) {
        let _ = writeln!(out, "- **Retrieved:** {}", line(retrieved));
    }
    let rated = case
        .claims
        .iter()
        .filter(|c| !matches!(rating(&case.scale, c), Rating::Unrated))
        .count();
    let _ = writeln!(out, "- **Rating scale:** {}", line(&case.scale.name));
    let _ = writeln!(
        out,
        "- **Claims:** {} ({rated} with a verdict)",
        case.claims.len()
    );
    let _ = writeln!(
        out,
        "- **Article SHA-256:** `{}`",
        line(&case.article.sha256)
    );
}

/// One claim: quote, fields, explanation, sources.
fn claim_section(out: &mut String, case: &Case, n: usize, claim: &Claim) {
    let _ = writeln!(out, "\n## Claim {n} · {}\n", line(&claim.id.0));
    let quoted = quotes(claim);
    if quoted.is_empty() {
        out.push_str("*No quoted text: the claim has no anchor in the article.*\n\n");
    }
    for quote in quoted {
        for l in block(quote) {
            let sep = if l.is_empty() { "" } else { " " };
            let _ = writeln!(out, ">{sep}{l}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "- **Wording:** {}", or_none(&claim.text));
    let _ = writeln!(out, "- **Claimant:** {}", or_none(&claim.claimant));
    let _ = writeln!(out, "- **Status:** {}", claim.status.name());
    let _ = writeln!(out, "- **Verdict:** {}", verdict(case, claim));

    let explanation = block(&claim.verdict.explanation);
    if explanation.is_empty() {
        out.push_str("\n**Explanation:** none yet.\n");
    } else {
        out.push_str("\n**Explanation:**\n\n");
        out.push_str(&paragraphs(&explanation));
        out.push('\n');
    }

    let (supports, refutes, context) = stance_counts(&claim.links);
    if claim.links.is_empty() {
        out.push_str("\n**Sources:** none.\n");
        return;
    }
    let _ = writeln!(
        out,
        "\n**Sources** ({supports} supporting, {refutes} refuting, {context} context):\n"
    );
    for (i, l) in claim.links.iter().enumerate() {
        source_item(out, case, i + 1, l);
    }
}

/// The verdict line: label with its value, a conclusion, or why there is none.
fn verdict(case: &Case, claim: &Claim) -> String {
    match rating(&case.scale, claim) {
        Rating::Unrated if case.scale.is_conclusion_only() => "*no conclusion yet*".into(),
        Rating::Unrated => "*not rated yet*".into(),
        Rating::Unknown(name) => format!("{} (not on the scale)", line(name)),
        Rating::Conclusion(first) => format!("{} (written conclusion)", line(&first)),
        Rating::Label(label) => {
            let range = case
                .scale
                .best_and_worst()
                .map(|(best, worst)| format!(" on a scale from {worst} to {best}"))
                .unwrap_or_default();
            format!("**{}** ({}{range})", line(&label.label), label.value)
        }
    }
}

/// One numbered source with its stance, links and the link's details.
fn source_item(out: &mut String, case: &Case, n: usize, l: &Link) {
    let stance = l.stance.name();
    let Some(source) = case.source(&l.source) else {
        let _ = writeln!(
            out,
            "{n}. **{stance}**: *source {} is missing from the library*",
            line(&l.source.0)
        );
        return;
    };
    let title = if source.title.trim().is_empty() {
        source.url.as_str()
    } else {
        source.title.as_str()
    };
    let _ = write!(out, "{n}. **{stance}**: {}", link(title, source.url.trim()));
    if !source.container_title.trim().is_empty() {
        let _ = write!(out, " ({})", line(&source.container_title));
    }
    if !source.archive_url.trim().is_empty() {
        let _ = write!(
            out,
            ", archived copy: {}",
            link("archive", source.archive_url.trim())
        );
    }
    out.push('\n');
    for (name, value) in [
        ("Quote", &l.quote),
        ("Locator", &l.locator),
        ("Question", &l.question),
        ("Note", &l.note),
    ] {
        if !value.trim().is_empty() {
            let _ = writeln!(out, "   - {name}: {}", line(value));
        }
    }
}

/// The scale's labels with values and descriptions (IFCN transparency).
fn scale_section(out: &mut String, case: &Case) {
    let scale = &case.scale;
    let _ = writeln!(out, "\n## Rating scale: {}\n", line(&scale.name));
    if scale.labels.is_empty() {
        out.push_str(
            "No labels: each verdict is a written conclusion, given in full as the \
             explanation.\n",
        );
        return;
    }
    out.push_str("Higher values mean more true.\n\n");
    out.push_str("| Label | Value | Description |\n| --- | ---: | --- |\n");
    for label in &scale.labels {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            line(&label.label),
            label.value,
            line(&label.description)
        );
    }
}

/// A link to an `http(s)` URL with escaped text, or the escaped text (and URL) otherwise.
fn link(text: &str, url: &str) -> String {
    let shown = if text.trim().is_empty() { url } else { text };
    if let Some(url) = web_url(url) {
        format!("[{}](<{url}>)", line(shown))
    } else if url.is_empty() || shown == url {
        line(shown)
    } else {
        format!("{} ({})", line(shown), line(url))
    }
}

/// One line of user text, cleaned and escaped, or "not recorded".
fn or_none(s: &str) -> String {
    if s.trim().is_empty() {
        "*not recorded*".into()
    } else {
        line(s)
    }
}

/// A single line of user text: hidden characters marked, Markdown escaped.
fn line(s: &str) -> String {
    escape(clean_line(s.trim()).as_ref())
}

/// Multi-line user text: cleaned, escaped line by line, runs of blank lines as one empty
/// string, leading and trailing blank lines dropped.
fn block(s: &str) -> Vec<String> {
    let cleaned = clean_block(s.trim());
    let mut out: Vec<String> = Vec::new();
    for l in cleaned.lines() {
        let l = escape(l);
        if l.is_empty() && out.last().is_none_or(String::is_empty) {
            continue;
        }
        out.push(l);
    }
    out
}

/// Lines from [`block`] as Markdown paragraphs: a blank line between paragraphs, a hard
/// line break (`\` at the end) between the lines of one.
fn paragraphs(lines: &[String]) -> String {
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if l.is_empty() {
            out.push_str("\n\n");
            continue;
        }
        if lines.get(i.wrapping_sub(1)).is_some_and(|p| !p.is_empty()) {
            out.push_str("\\\n");
        }
        out.push_str(l);
    }
    out
}

/// Escapes one line so it renders as literal text: backslash-escapes every character with
/// inline meaning (emphasis, code, links, images, HTML, entities, tables, strikethrough,
/// headings), and the characters that start a block (list markers, `=` underlines, ordered
/// list numbers) at the start of the line; leading spaces are dropped so the line cannot
/// become a code block.
pub(crate) fn escape(s: &str) -> String {
    let s = s.trim_start();
    let mut out = String::with_capacity(s.len() + 8);
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in s.chars().enumerate() {
        let at_start = i == 0 && matches!(c, '+' | '-' | '=');
        let list_number = digits > 0 && i == digits && matches!(c, '.' | ')');
        let inline = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&'
        );
        if at_start || list_number || inline {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
