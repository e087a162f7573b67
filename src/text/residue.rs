//! Scraping residue: lines of an article's text that are not the story.
//!
//! Scrapers leave picture captions behind (a run of numbers, then the headline again),
//! photo credits ("(REUTERS / Mike Blake / file)"), read-more and thank-you boilerplate
//! ("Keep reading:", "We would love to give thanks…"), the headline repeated at the end,
//! and share/subscribe lines. Each rule looks at one whole line, and every rule but the
//! caption's needs the line to be short, so a sentence of the story is never taken for
//! residue because of a word it contains.

use crate::model::{Residue, ResidueKind};

/// A line longer than this (in words) is story, whatever it contains.
const MAX_BOILERPLATE_WORDS: usize = 16;
/// Photo credits and captions with a credit can be longer than a boilerplate phrase.
const MAX_CAPTION_WORDS: usize = 40;

/// The residue lines of `text`, in order. `title` is the article's headline when known
/// (else its first line is).
pub fn detect(text: &str, title: Option<&str>) -> Vec<Residue> {
    let first_line = text
        .split('\n')
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let headline = words(title.filter(|t| !t.trim().is_empty()).unwrap_or(first_line));
    // The last three non-empty lines, by their byte offset: the only ones that can be a
    // repeated headline.
    let mut tail_starts = Vec::new();
    let mut end = text.len();
    for line in text.rsplit('\n') {
        let start = end - line.len();
        if !line.trim().is_empty() {
            tail_starts.push(start);
            if tail_starts.len() == 3 {
                break;
            }
        }
        end = start.saturating_sub(1);
    }
    let mut found = Vec::new();
    let mut first = true;
    let (mut byte, mut start) = (0, 0);
    for line in text.split('\n') {
        let (line_byte, line_start) = (byte, start);
        byte += line.len() + 1;
        start += line.chars().count() + 1;
        let start = line_start;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let at_end = !first && tail_starts.contains(&line_byte);
        first = false;
        // Every rule but the repeated headline's needs a short line: a paragraph of the
        // story is passed over without splitting it into words.
        if !at_end && more_words_than(trimmed, MAX_CAPTION_WORDS) {
            continue;
        }
        if let Some(kind) = classify(trimmed, &headline, at_end) {
            let lead = line.chars().take_while(|c| c.is_whitespace()).count();
            let len = trimmed.chars().count();
            found.push(Residue::new(start + lead, start + lead + len, kind));
        }
    }
    found
}

/// Whether `line` has more than `n` words (runs of letters and digits, as [`words`]
/// splits them), counted without allocating.
fn more_words_than(line: &str, n: usize) -> bool {
    let mut count = 0;
    let mut in_word = false;
    for c in line.chars() {
        let alnum = c.is_alphanumeric();
        if alnum && !in_word {
            count += 1;
            if count > n {
                return true;
            }
        }
        in_word = alnum;
    }
    false
}

/// The kind of residue a (trimmed) line is, if any. `at_end`: among the last lines and
/// not the first.
pub fn classify(line: &str, headline: &[String], at_end: bool) -> Option<ResidueKind> {
    let w = words(line);
    if w.is_empty() {
        return None;
    }
    if is_caption(line, &w, headline) {
        return Some(ResidueKind::Caption);
    }
    if at_end && !headline.is_empty() && w == headline {
        return Some(ResidueKind::DuplicateHeadline);
    }
    if w.len() <= MAX_CAPTION_WORDS && is_photo_credit(line) {
        return Some(ResidueKind::PhotoCredit);
    }
    if w.len() <= MAX_BOILERPLATE_WORDS * 2 && is_thank_you(&w) {
        return Some(ResidueKind::ThankYou);
    }
    if w.len() > MAX_BOILERPLATE_WORDS {
        return None;
    }
    if is_read_more(line, &w) {
        return Some(ResidueKind::ReadMore);
    }
    if is_share(line, &w) {
        return Some(ResidueKind::Share);
    }
    None
}

/// Lower-cased words (letters and digits), for comparing lines.
fn words(line: &str) -> Vec<String> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether a line ends like a sentence of running text.
fn ends_like_sentence(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    end.ends_with(['.', '!', '?', '…', '。'])
}

/// A caption scraped from a picture: a run of numbers (an image id, a timestamp, a size),
/// then words — the headline again, or a phrase without sentence punctuation.
fn is_caption(line: &str, w: &[String], headline: &[String]) -> bool {
    let numbers = w
        .iter()
        .take_while(|t| t.chars().all(|c| c.is_ascii_digit()))
        .count();
    if numbers == 0 || numbers == w.len() {
        return false;
    }
    let digits: usize = w[..numbers].iter().map(String::len).sum();
    // One short number starts sentences ("2022 was…", "15 people…"); an id does not.
    let id_like = w[0].len() >= 6 || (numbers >= 2 && digits >= 6);
    if !id_like || w.len() > MAX_CAPTION_WORDS {
        return false;
    }
    let rest = &w[numbers..];
    let shared = rest.iter().filter(|t| headline.contains(t)).count();
    let repeats_headline = rest.len() >= 3 && shared * 10 >= rest.len() * 6;
    repeats_headline || !ends_like_sentence(line)
}

/// Agencies and words that name who took a picture.
const CREDIT_WORDS: &[&str] = &[
    "reuters",
    "afp",
    "ap",
    "epa",
    "getty",
    "images",
    "photo",
    "photos",
    "foto",
    "file",
    "archive",
    "archivo",
    "courtesy",
    "shutterstock",
    "efe",
    "xinhua",
    "bloomberg",
    "anadolu",
    "dpa",
    "ansa",
    "pa",
    "istock",
    "handout",
    "credit",
    "picture",
    "pictures",
    "image",
    "alamy",
    "imago",
    "sipa",
    "tass",
    "ria",
    "europa",
    "press",
    "illustration",
    "screenshot",
];

/// "(REUTERS / Mike Blake / file)" at the end of a caption, "Photo: AFP", "Getty Images".
fn is_photo_credit(line: &str) -> bool {
    let lower = line.to_lowercase();
    let starts = [
        "photo:",
        "photo by",
        "photograph:",
        "image:",
        "credit:",
        "foto:",
        "picture:",
    ];
    if starts.iter().any(|s| lower.starts_with(s)) {
        return true;
    }
    let trimmed = lower.trim_end_matches(['.', ' ']);
    if let Some(inner) = trimmed
        .strip_suffix(')')
        .and_then(|l| l.rsplit_once('(').map(|(_, inner)| inner))
    {
        let credit_words = words(inner);
        let named = credit_words
            .iter()
            .any(|w| CREDIT_WORDS.contains(&w.as_str()));
        return named && (inner.contains('/') || inner.contains('|') || credit_words.len() <= 4);
    }
    // "… | Getty Images", "… / AFP"
    if let Some((_, credit)) = trimmed.rsplit_once(['|', '/']) {
        let credit_words = words(credit);
        return !credit_words.is_empty()
            && credit_words.len() <= 4
            && credit_words
                .iter()
                .any(|w| CREDIT_WORDS.contains(&w.as_str()))
            && !ends_like_sentence(line);
    }
    false
}

/// "Thank you for reading", "We would love to give thanks to the author of this post…":
/// thanks, addressed to this page ("this post", "our coverage", "for reading").
fn is_thank_you(w: &[String]) -> bool {
    let thanks = w
        .iter()
        .any(|t| t.starts_with("thank") || t == "gracias" || t == "danke" || t == "merci");
    let about = [
        "author",
        "post",
        "content",
        "article",
        "website",
        "web",
        "site",
        "source",
        "writer",
        "publisher",
        "blog",
        "news",
        "story",
        "coverage",
        "page",
        "journalism",
    ];
    let this_page = w.windows(2).any(|pair| {
        (["for", "por"].contains(&pair[0].as_str())
            && ["reading", "visiting", "watching", "leer"].contains(&pair[1].as_str()))
            || (["this", "our", "my"].contains(&pair[0].as_str()) && {
                let rest = w.iter().skip_while(|t| *t != &pair[0]).skip(1).take(3);
                rest.into_iter().any(|t| about.contains(&t.as_str()))
            })
    });
    thanks && this_page
}

/// Phrases that lead to other articles.
const READ_MORE: &[&str] = &[
    "keep reading",
    "read more",
    "read also",
    "also read",
    "read next",
    "related",
    "related articles",
    "related stories",
    "related news",
    "related content",
    "see also",
    "continue reading",
    "more on this story",
    "more on this topic",
    "recommended",
    "recommended stories",
    "you may also like",
    "you might also like",
    "most read",
    "most popular",
    "trending",
    "more from",
    "more stories",
    "further reading",
    "top stories",
    "seguir leyendo",
    "sigue leyendo",
    "lee también",
    "leer más",
    "más información",
    "lire aussi",
    "weiterlesen",
    "mehr zum thema",
    "leia também",
    "leggi anche",
];

/// A read-more line: the phrase alone ("Keep reading:"), or leading a link title
/// ("READ MORE: Ten things…").
fn is_read_more(line: &str, w: &[String]) -> bool {
    let joined = w.join(" ");
    if READ_MORE.contains(&joined.as_str()) {
        return true;
    }
    let lower = line.to_lowercase();
    READ_MORE.iter().any(|p| {
        lower.starts_with(p)
            && lower[p.len()..]
                .trim_start()
                .starts_with([':', '»', '>', '→', '|', '-', '–'])
    })
}

/// Whole lines of share, follow and subscribe boxes.
const SHARE_LINES: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "share this story",
    "share article",
    "tweet",
    "email",
    "subscribe",
    "newsletter",
    "sign up",
    "advertisement",
    "sponsored",
    "comments",
    "leave a comment",
    "print",
    "copy link",
];
/// Phrases that start a share, follow or subscribe line.
const SHARE_LEADS: &[&str] = &[
    "share this",
    "share on",
    "follow us",
    "subscribe to",
    "subscribe for",
    "sign up for",
    "sign up to",
    "click here",
    "join our",
    "download our app",
    "download the app",
    "like us on",
    "get our newsletter",
    "get the latest",
];
/// Networks and channels named in share boxes.
const NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "email",
    "linkedin",
    "telegram",
    "reddit",
    "pinterest",
    "print",
    "copy",
    "link",
    "messenger",
    "flipboard",
    "share",
    "tweet",
    "mail",
];

/// A share/subscribe line: one of the whole lines, a line led by one of the phrases and
/// not ending as a sentence, or a line that only names networks ("Facebook Twitter Email").
fn is_share(line: &str, w: &[String]) -> bool {
    let joined = w.join(" ");
    w.iter().all(|t| NETWORKS.contains(&t.as_str()))
        || SHARE_LINES.contains(&joined.as_str())
        || (w.len() <= 12
            && !ends_like_sentence(line)
            && SHARE_LEADS
                .iter()
                .any(|p| joined == *p || joined.starts_with(&format!("{p} "))))
}

#[cfg(test)]
#[path = "residue_tests.rs"]
mod tests;
