//! The main text of a web page, as a reader saw it, with its links and metadata.
//!
//! The page is parsed once (html5ever, through dom_query); the metadata is read from the
//! whole page, then dom_smoothie (a port of Mozilla's Readability with its own candidate
//! selection) picks the article and formats its text with paragraph breaks. A page too
//! large or too deeply nested for a document tree is read by a streaming tag stripper
//! instead: its whole visible text, with a notice.

use std::panic::{AssertUnwindSafe, catch_unwind};

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::{IngestError, Ingested, meta};
use crate::model::ArticleLink;

/// Pages larger than this are not parsed into a tree: the tree costs several times the
/// page's size, over the memory budget for a large article.
pub const MAX_TREE_BYTES: usize = 8 << 20;
/// Pages nested deeper than this are not handed to the extractor, whose tree walks recurse.
pub const MAX_TREE_DEPTH: usize = 512;

/// Elements whose content is never article text.
pub(crate) const HIDDEN_ELEMENTS: &str = "script, style, iframe, noscript, template, \
                                          object, embed, svg, math, textarea, select, button";

/// Picture captions and credits: residue of the page, not the story (on the benchmark
/// pages, dropping them raises shingle F1 from 0.949 to 0.961).
const CAPTIONS: &str = "figcaption, [class*=caption], [class*=credit]";

/// Reads a decoded web page: the article text, title, metadata, links, notices.
pub fn read_page(html: &str) -> Result<Ingested, IngestError> {
    if html.len() > MAX_TREE_BYTES {
        return Ok(stripped(
            html,
            format!(
                "the page is {} MB, too large to find its article in: its whole text was kept",
                html.len() >> 20
            ),
        ));
    }
    let depth = nesting_depth(html);
    if depth > MAX_TREE_DEPTH {
        return Ok(stripped(
            html,
            format!(
                "the page nests {depth} elements deep, too deep to find its article in: \
                 its whole text was kept"
            ),
        ));
    }
    guarded(html, extract)
}

/// Runs `extract` on the page with a panic guard: the extractor is third-party code over
/// untrusted input, so a panic in it is a page that could not be read, never a crash.
fn guarded(
    html: &str,
    extract: impl FnOnce(&str) -> Option<Ingested>,
) -> Result<Ingested, IngestError> {
    match catch_unwind(AssertUnwindSafe(|| extract(html))) {
        Ok(Some(page)) => Ok(page),
        Ok(None) => Ok(stripped(
            html,
            "no article was found in the page: its whole text was kept".into(),
        )),
        Err(panic) => Err(IngestError::Html(panic_message(&panic))),
    }
}

fn extract(html: &str) -> Option<Ingested> {
    let doc = Document::from(html);
    let found = meta::read(&doc);
    doc.select(HIDDEN_ELEMENTS).remove();
    doc.select(CAPTIONS).remove();
    let base = found.meta.url.clone().filter(|u| is_web_url(u));
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::with_document(doc, base.as_deref(), Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let text = tidy(&article.text_content);
    if text.trim().is_empty() {
        return None;
    }
    let links = links(&article.content, &text);
    let mut page = Ingested {
        text,
        title: found.title,
        title_from: found.title_from,
        meta: found.meta,
        links,
        ..Ingested::default()
    };
    if page.meta.authors.is_empty()
        && let Some(byline) = article.byline.as_deref().map(str::trim)
        && !byline.is_empty()
        && byline.chars().count() <= 100
    {
        page.meta.authors = vec![byline.to_string()];
        page.meta
            .provenance
            .insert("authors".into(), "byline".into());
    }
    if page.title.is_none() && !article.title.trim().is_empty() {
        page.title = Some(article.title.trim().to_string());
        page.title_from = Some("<title>");
    }
    Some(page)
}

/// The links of the extracted article, in order, with their place in `text`.
fn links(content: &str, text: &str) -> Vec<ArticleLink> {
    let doc = Document::from(content);
    let mut out = Vec::new();
    let mut from = 0; // byte offset in `text` where the next anchor text is looked for
    let mut chars_before = 0; // chars in text[..from]
    for a in doc.select("a[href]").iter() {
        let Some(href) = a.attr("href") else { continue };
        let url = href.trim();
        if !is_web_url(url) {
            continue;
        }
        let anchor: String = a.text().split_whitespace().collect::<Vec<_>>().join(" ");
        let (start, end) = match text[from..]
            .find(anchor.as_str())
            .filter(|_| !anchor.is_empty())
        {
            Some(at) => {
                let start = chars_before + text[from..from + at].chars().count();
                let end = start + anchor.chars().count();
                chars_before = end;
                from += at + anchor.len();
                (start, end)
            }
            None => (chars_before, chars_before),
        };
        out.push(ArticleLink {
            url: url.to_string(),
            text: anchor,
            start,
            end,
            extra: Default::default(),
        });
    }
    out
}

/// Whether a URL is absolute http(s): what can be looked up as a source.
pub(crate) fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && url.len() > 8
}

/// Trims each line's trailing spaces and collapses runs of blank lines to one.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown failure".into());
    format!("the extractor failed ({what})")
}

/// The deepest element nesting in a page, counted from its tags without a tree (void
/// elements and self-closing tags do not nest; an unclosed tag nests until the end).
pub fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "option", "td", "tr", "th", "dt", "dd",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = memchr(b'<', &bytes[i..]) {
        i += at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = i + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = memchr(b'>', &bytes[name_start..]).map_or(bytes.len(), |e| name_start + e);
        if VOID.contains(&name.as_str()) {
            i = end;
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if bytes.get(end.wrapping_sub(1)) != Some(&b'/') {
            depth += 1;
            deepest = deepest.max(depth);
        }
        i = end.min(bytes.len());
    }
    deepest
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// The page's whole visible text by a streaming tag stripper, for pages the tree cannot
/// take: hidden elements and comments dropped, block ends as paragraph breaks, entities
/// decoded.
fn stripped(html: &str, notice: String) -> Ingested {
    Ingested {
        text: strip_tags(html),
        notices: vec![notice],
        ..Ingested::default()
    }
}

/// Elements whose end (or start) breaks a paragraph in the stripped text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "table",
    "main",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "form",
    "hr",
    "dl",
    "address",
];
const LINE_BREAKS: &[&str] = &["br", "li", "tr", "dt", "dd"];
/// Elements skipped with their content by the stripper (raw-text and hidden elements).
const SKIPPED: &[&str] = &[
    "script", "style", "iframe", "noscript", "template", "object", "svg", "math", "textarea",
    "select", "button", "head", "title",
];

/// Strips the tags of a page in one pass; see [`stripped`].
pub fn strip_tags(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut pending = String::new(); // a text run, entity-decoded when it ends
    let mut i = 0;
    let flush = |pending: &mut String, out: &mut String| {
        if pending.is_empty() {
            return;
        }
        let decoded = html_escape::decode_html_entities(pending.as_str());
        for word in decoded.split_whitespace() {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push(' ');
            }
            out.push_str(word);
        }
        pending.clear();
    };
    let breaks = |out: &mut String, n: usize| {
        let have = out.len() - out.trim_end_matches('\n').len();
        if !out.is_empty() && have < n {
            out.extend(std::iter::repeat_n('\n', n - have));
        }
    };
    while i < bytes.len() {
        let Some(at) = memchr(b'<', &bytes[i..]) else {
            pending.push_str(&html[i..]);
            break;
        };
        pending.push_str(&html[i..i + at]);
        i += at;
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        let closing = bytes.get(i + 1) == Some(&b'/');
        let name_start = i + 1 + usize::from(closing);
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            // `<` not starting a tag (`a < b`, `<!doctype`, `<?xml`): text, or a declaration.
            if matches!(bytes.get(i + 1), Some(b'!' | b'?')) {
                i = memchr(b'>', &bytes[i..]).map_or(bytes.len(), |e| i + e + 1);
            } else {
                pending.push('<');
                i += 1;
            }
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end =
            memchr(b'>', &bytes[name_start..]).map_or(bytes.len(), |e| name_start + e + 1);
        i = tag_end;
        let block = BLOCKS.contains(&name.as_str());
        let line = LINE_BREAKS.contains(&name.as_str());
        if !block && !line && !SKIPPED.contains(&name.as_str()) {
            continue; // inline: text runs on
        }
        flush(&mut pending, &mut out);
        if !closing && SKIPPED.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ascii_case_insensitive(&html[i..], &close).map_or(bytes.len(), |e| {
                let after = i + e;
                memchr(b'>', &bytes[after..]).map_or(bytes.len(), |g| after + g + 1)
            });
            continue;
        }
        breaks(&mut out, if block { 2 } else { 1 });
    }
    flush(&mut pending, &mut out);
    out.truncate(out.trim_end().len());
    out
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
pub(super) fn guarded_for_test(
    html: &str,
    extract: impl FnOnce(&str) -> Option<Ingested>,
) -> Result<Ingested, IngestError> {
    guarded(html, extract)
}
