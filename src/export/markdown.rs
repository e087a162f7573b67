//! The Markdown report an editor reads before publishing.
//!
//! Every piece of text from the case goes through `clean_line`/`clean_block` (hidden
//! characters become visible markers) and then [`escape`], so a claim, a title or a quote can
//! never make a heading, a list, a link, an image, HTML or a table cell break.

use std::fmt::Write;

use super::claimreview::article_url;
use super::{Rating, plain_line, rating, stance_counts, web_url};
use crate::model::{Case, Claim, Link};
use crate::text::{clean_block, clean_line};

/// Who signs the report and when; both optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// The checker's name (the config's `name`).
    pub checker: Option<String>,
    /// `YYYY-MM-DD`: the report's date.
    pub date: Option<String>,
}

/// A Markdown report without a signature: see [`markdown_with`].
pub fn markdown(case: &Case) -> String {
    markdown_with(case, &ReportOptions::default())
}

/// A Markdown report an editor can publish from: the article's title, a summary table
/// (number, wording, claimant, verdict), the checker and date, the article's metadata; then
/// per claim (headed by its number and wording) the quoted text, the wording when it differs
/// from the quote, claimant, status, verdict, explanation (Markdown links and lists kept),
/// corrections and every source with stance, authors, publisher, date, archive and the
/// link's quote, locator, question and note; the rating scale's definitions at the end.
pub fn markdown_with(case: &Case, opts: &ReportOptions) -> String {
    let mut out = String::new();
    header(&mut out, case, opts);
    for claim in &case.claims {
        claim_section(&mut out, case, claim);
    }
    scale_section(&mut out, case);
    out
}

/// Title, summary table, signature, article metadata and counts.
fn header(out: &mut String, case: &Case, opts: &ReportOptions) {
    let origin = &case.article.origin;
    let meta = &case.article.meta;
    let _ = writeln!(
        out,
        "# Fact-check report: {}\n",
        line(case.article.display_title())
    );
    if !case.claims.is_empty() {
        out.push_str("| No. | Claim | Claimant | Verdict |\n| --- | --- | --- | --- |\n");
        for claim in &case.claims {
            let _ = writeln!(
                out,
                "| C{n} | {} | {} | {} |",
                line(&claim.text),
                or_none(&claim.claimant),
                verdict_short(case, claim),
                n = claim.number,
            );
        }
        out.push('\n');
    }
    let signed = [
        opts.checker
            .as_deref()
            .map(|c| format!("Checked by {}", line(c))),
        opts.date
            .as_deref()
            .map(|d| format!("report of {}", line(d))),
    ];
    let signed: Vec<String> = signed.into_iter().flatten().collect();
    if !signed.is_empty() {
        let _ = writeln!(out, "*{}.*\n", signed.join(", "));
    }
    match article_url(case) {
        Some(url) => {
            let _ = writeln!(out, "- **Origin:** {}", link(&url, &url));
        }
        None => out.push_str("- **Origin:** no URL recorded (factdesk meta --url sets it)\n"),
    }
    let fields = [
        ("Outlet", meta.outlet.clone()),
        (
            "Authors",
            Some(meta.authors.join(", ")).filter(|a| !a.is_empty()),
        ),
        ("Published", meta.published.clone()),
        ("Retrieved", origin.retrieved.clone()),
        ("Language", meta.language.clone()),
    ];
    for (name, value) in fields {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            let _ = writeln!(out, "- **{name}:** {}", line(&value));
        }
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

/// One claim: quote, fields, explanation, corrections, sources.
fn claim_section(out: &mut String, case: &Case, claim: &Claim) {
    let n = claim.number;
    let _ = writeln!(out, "\n## C{n} · {}\n", line(&claim.text));
    let quoted = claim.quotes();
    if quoted.is_empty() {
        out.push_str("*No quoted text: the claim has no anchor in the article.*\n\n");
    }
    for quote in &quoted {
        let lines = block(quote);
        for (i, l) in lines.iter().enumerate() {
            // A hard break keeps the quote's own line breaks.
            let more = lines.get(i + 1).is_some_and(|next| !next.is_empty());
            let brk = if more && !l.is_empty() { "\\" } else { "" };
            let sep = if l.is_empty() { "" } else { " " };
            let _ = writeln!(out, ">{sep}{l}{brk}");
        }
        out.push('\n');
    }
    let same = quoted.len() == 1 && plain_line(quoted[0]) == plain_line(&claim.text);
    if !same {
        let _ = writeln!(out, "- **Wording:** {}", or_none(&claim.text));
    }
    let _ = writeln!(out, "- **Claimant:** {}", or_none(&claim.claimant));
    let made = claim.made_on.as_deref().filter(|d| !d.trim().is_empty());
    if let Some(made) = made {
        let _ = writeln!(out, "- **Claim made:** {}", line(made));
    }
    if let Some(first) = claim.first_appearance.as_deref().map(str::trim)
        && !first.is_empty()
    {
        let _ = writeln!(out, "- **First appeared:** {}", link(first, first));
    }
    let _ = writeln!(out, "- **Status:** {}", claim.status.name());
    let _ = writeln!(out, "- **Verdict:** {}", verdict(case, claim));
    if let Some(p) = &claim.verdict.published {
        let _ = writeln!(out, "- **Published:** {}", line(&p.date));
    }

    let reasoning = claim.verdict.reasoning();
    if reasoning.trim().is_empty() {
        out.push_str("\n**Explanation:** none yet.\n");
    } else {
        out.push_str("\n**Explanation:**\n\n");
        out.push_str(&super::markdown_rich::rich(&reasoning));
        out.push('\n');
    }
    let corrections = claim.verdict.corrections();
    if !corrections.is_empty() {
        out.push_str("\n**Corrections:**\n\n");
        for c in corrections {
            let _ = writeln!(out, "- {}: {}", line(&c.date), line(&c.note));
        }
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

/// The verdict for the summary table: the label, a conclusion, or a dash.
fn verdict_short(case: &Case, claim: &Claim) -> String {
    match rating(&case.scale, claim) {
        Rating::Unrated => "—".into(),
        Rating::Unknown(name) => format!("{} (not on the scale)", line(name)),
        Rating::Conclusion(first) => line(&first),
        Rating::Label(label) => format!("**{}**", line(&label.label)),
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

/// One numbered source with its stance, authors, publisher, date, archive and the link's
/// details.
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
    let authors: Vec<String> = source.author.iter().map(|a| line(&a.display())).collect();
    let by = [
        Some(authors.join(", ")).filter(|a| !a.is_empty()),
        Some(line(&source.container_title)).filter(|p| !p.is_empty()),
        Some(line(&source.issued)).filter(|d| !d.is_empty()),
    ];
    let by: Vec<String> = by.into_iter().flatten().collect();
    if !by.is_empty() {
        let _ = write!(out, " ({})", by.join(", "));
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
pub(super) fn link(text: &str, url: &str) -> String {
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
pub(super) fn line(s: &str) -> String {
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
