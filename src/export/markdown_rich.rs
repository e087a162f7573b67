//! Explanations in the Markdown report: the checker may write Markdown links and lists;
//! everything else (emphasis, HTML, headings, tables) stays literal text.

use super::is_web_url;
use super::markdown::{escape, link};
use crate::text::clean_line;

/// `text` as Markdown: paragraphs split at blank lines, lines of a paragraph joined by hard
/// breaks, list items (`- `, `* `, `+ `, `1. `, `1) `) as list items, `[text](http…)` as
/// links; tabs kept; every other character escaped.
pub(super) fn rich(text: &str) -> String {
    let mut out = String::new();
    let mut previous: Option<bool> = None; // Some(is list item) of the last line written
    for raw in text.lines() {
        if raw.trim().is_empty() {
            if previous.is_some() {
                out.push_str("\n\n");
            }
            previous = None;
            continue;
        }
        let (marker, rest) = list_item(raw);
        match (previous, marker.is_some()) {
            (Some(_), true) | (Some(true), false) => out.push('\n'),
            (Some(false), false) => out.push_str("\\\n"),
            (None, _) => {}
        }
        if let Some(marker) = &marker {
            out.push_str(marker);
            out.push(' ');
        }
        out.push_str(&inline(rest));
        previous = Some(marker.is_some());
    }
    out.trim_end().to_string()
}

/// The list marker of a line (normalised: `-` or `N.`) and the rest.
fn list_item(line: &str) -> (Option<String>, &str) {
    let trimmed = line.trim_start();
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = trimmed.strip_prefix(bullet) {
            return (Some("-".into()), rest);
        }
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &trimmed[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return (Some(format!("{}.", &trimmed[..digits])), rest);
        }
    }
    (None, line)
}

/// One line's text: `[text](url)` with an `http(s)` URL as a link, the rest escaped.
fn inline(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let Some((text, url, after)) = link_at(&rest[open..]) else {
            out.push_str(&literal(&rest[..open + 1], out.is_empty()));
            rest = &rest[open + 1..];
            continue;
        };
        out.push_str(&literal(&rest[..open], out.is_empty()));
        out.push_str(&link(text, url));
        rest = after;
    }
    out.push_str(&literal(rest, out.is_empty()));
    out
}

/// `[text](url)` at the start of `s`: the text, the URL and what follows.
fn link_at(s: &str) -> Option<(&str, &str, &str)> {
    let close = s.find("](")?;
    let text = &s[1..close];
    if text.is_empty() || text.contains(['[', ']']) {
        return None;
    }
    let after = &s[close + 2..];
    let end = after.find(')')?;
    let url = &after[..end];
    is_web_url(url).then(|| (text, url, &after[end + 1..]))
}

/// Literal text, hidden characters marked, escaped; tabs kept. `first`: at the start of
/// the line, where block markers must be escaped too.
fn literal(s: &str, first: bool) -> String {
    let cleaned: Vec<String> = s.split('\t').map(|p| clean_line(p).into_owned()).collect();
    let cleaned = cleaned.join("\t");
    if first {
        return escape(&cleaned);
    }
    // Mid-line: only inline meaning matters; escape() would drop leading spaces.
    let lead = cleaned.len() - cleaned.trim_start().len();
    let escaped = escape(&format!("x{}", &cleaned[lead..]));
    format!("{}{}", &cleaned[..lead], &escaped[1..])
}

#[cfg(test)]
mod tests {
    use super::rich;

    /// Links with web URLs and list items render as Markdown; HTML, emphasis and
    /// javascript: links stay literal; tabs are kept.
    #[test]
    fn links_and_lists_render_the_rest_is_literal() {
        let md = rich(
            "See [the budget](https://x.example/b.pdf) and <b>this</b> *now*.\n\
             - first\tpoint\n2) second [bad](javascript:alert(1))\n\nNext para\nline two",
        );
        assert_eq!(
            md,
            "See [the budget](<https://x.example/b.pdf>) and \\<b\\>this\\</b\\> \\*now\\*.\n\
             - first\tpoint\n2. second \\[bad\\](javascript:alert(1))\n\nNext para\\\nline two"
        );
    }
}
