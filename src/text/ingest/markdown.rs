//! Markdown to the text a reader sees: no `#`, `**` or `[..](..)`; links become their text
//! and are kept as the article's links. A YAML front-matter block gives the title, authors,
//! date and URL when it names them.

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::Ingested;
use crate::model::ArticleLink;

/// Converts Markdown to plain text with paragraph breaks; the first level-1 heading (or
/// the front matter's `title`) is the title.
pub fn to_text(markdown: &str) -> Ingested {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out = Ingested::default();
    let mut text = String::with_capacity(markdown.len());
    let mut chars = 0usize; // chars in `text`
    let mut open_links: Vec<(String, usize, usize)> = Vec::new(); // url, start char, start byte
    let mut in_front_matter = false;
    let mut image_depth = 0usize;
    let mut heading: Option<(usize, bool)> = None; // byte start, is level 1
    let mut list_depth = 0usize;

    let push = |text: &mut String, chars: &mut usize, s: &str| {
        text.push_str(s);
        *chars += s.chars().count();
    };
    let block_break = |text: &mut String, chars: &mut usize, n: usize| {
        let have = text.len() - text.trim_end_matches('\n').len();
        if !text.is_empty() && have < n {
            for _ in have..n {
                text.push('\n');
                *chars += 1;
            }
        }
    };

    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => {
                in_front_matter = true
            }
            Event::End(TagEnd::MetadataBlock(_)) => in_front_matter = false,
            Event::Text(t) if in_front_matter => front_matter(&t, &mut out),
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            _ if image_depth > 0 => {}
            Event::Text(t) | Event::Code(t) => push(&mut text, &mut chars, &t),
            Event::SoftBreak => push(&mut text, &mut chars, " "),
            Event::HardBreak => push(&mut text, &mut chars, "\n"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                open_links.push((dest_url.to_string(), chars, text.len()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, start, byte)) = open_links.pop() {
                    let anchor = text[byte..].trim().to_string();
                    if super::html::is_web_url(&url) {
                        out.links.push(ArticleLink {
                            url,
                            text: anchor,
                            start,
                            end: chars,
                            extra: Default::default(),
                        });
                    }
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                block_break(&mut text, &mut chars, 2);
                heading = Some((text.len(), level == pulldown_cmark::HeadingLevel::H1));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, true)) = heading.take()
                    && out.title.is_none()
                {
                    let title = text[start..].trim();
                    if !title.is_empty() {
                        out.title = Some(title.to_string());
                        out.title_from = Some("first heading");
                    }
                }
                block_break(&mut text, &mut chars, 2);
            }
            Event::Start(Tag::List(_)) => {
                block_break(&mut text, &mut chars, if list_depth == 0 { 2 } else { 1 });
                list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                block_break(&mut text, &mut chars, if list_depth == 0 { 2 } else { 1 });
            }
            Event::Start(Tag::Item) => block_break(&mut text, &mut chars, 1),
            Event::Start(Tag::Paragraph) if list_depth == 0 => {
                block_break(&mut text, &mut chars, 2);
            }
            Event::End(TagEnd::Paragraph | TagEnd::BlockQuote(_) | TagEnd::CodeBlock)
                if list_depth == 0 =>
            {
                block_break(&mut text, &mut chars, 2);
            }
            Event::Start(Tag::CodeBlock(_) | Tag::BlockQuote(_) | Tag::Table(_)) => {
                block_break(&mut text, &mut chars, 2);
            }
            Event::End(TagEnd::TableCell) => push(&mut text, &mut chars, "\t"),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                block_break(&mut text, &mut chars, 1);
            }
            Event::Rule => block_break(&mut text, &mut chars, 2),
            // Raw HTML, footnote markers, task boxes and the rest are markup, not text.
            _ => {}
        }
    }
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    out.text = text;
    let total = out.text.chars().count();
    for link in &mut out.links {
        link.end = link.end.min(total);
        link.start = link.start.min(link.end);
    }
    out
}

/// Reads `key: value` lines of a YAML front-matter block for the fields factdesk knows.
fn front_matter(block: &str, out: &mut Ingested) {
    for line in block.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if value.is_empty() {
            continue;
        }
        let from = "front matter";
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => {
                out.title = Some(value.to_string());
                out.title_from = Some(from);
                out.meta.provenance.insert("title".into(), from.into());
            }
            "author" | "authors" => {
                let authors = value.trim_matches(|c| c == '[' || c == ']');
                out.meta.authors = authors
                    .split(',')
                    .map(|a| a.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
                    .filter(|a| !a.is_empty())
                    .collect();
                out.meta.provenance.insert("authors".into(), from.into());
            }
            "date" | "published" => {
                out.meta.published = Some(value.to_string());
                out.meta.provenance.insert("published".into(), from.into());
            }
            "url" | "canonical_url" | "source" if super::html::is_web_url(value) => {
                out.meta.url = Some(value.to_string());
                out.meta.provenance.insert("url".into(), from.into());
            }
            "lang" | "language" => {
                out.meta.language = Some(value.to_string());
                out.meta.provenance.insert("language".into(), from.into());
            }
            _ => {}
        }
    }
}
