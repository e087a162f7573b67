//! A claimant guess for a sentence in its article: the sentence's own attribution, else, for
//! a sentence that is part of a quotation, the attribution of the quotation in the sentences
//! around it ("… 18 months ago. The topic we discussed was space,” Musk wrote.").
//!
//! A sentence in the article's own voice (no attribution, no quotation) gets no guess.

use std::ops::Range;

use super::claimant::{guess_claimant, reports_speech};

/// How far around the sentence the paragraph is looked at, in bytes each way.
const REACH: usize = 4096;
/// How many sentences before and after are looked at.
const NEIGHBOURS: usize = 3;

fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '«' | '„')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// The paragraph (blank-line bounded, at most `REACH` bytes each way) around `range`.
fn paragraph(text: &str, range: &Range<usize>) -> Range<usize> {
    let mut lo = range.start.saturating_sub(REACH);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (range.end + REACH).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let start = text[lo..range.start]
        .rfind("\n\n")
        .map_or(lo, |i| lo + i + 2);
    let end = text[range.end..hi]
        .find("\n\n")
        .map_or(hi, |i| range.end + i);
    start..end
}

/// Whether a quotation is open at the end of `before` (curly quotes nest by count, straight
/// ones by parity).
fn quote_open(before: &str) -> bool {
    let (mut depth, mut straight) = (0i32, false);
    for c in before.chars() {
        if is_open_quote(c) {
            depth += 1;
        } else if is_close_quote(c) {
            depth = (depth - 1).max(0);
        } else if c == '"' {
            straight = !straight;
        }
    }
    depth > 0 || straight
}

/// Who made the statement of the sentence `sentence` (bytes of `text`), if anyone but the
/// article: see the module documentation.
pub fn guess_claimant_in(text: &str, sentence: Range<usize>) -> Option<String> {
    let own = text.get(sentence.clone())?;
    let own = bounded(own);
    if let Some(name) = guess_claimant(own) {
        return Some(name);
    }
    let para = paragraph(text, &sentence);
    let sentences: Vec<Range<usize>> = super::sentences(&text[para.clone()])
        .into_iter()
        .map(|r| r.start + para.start..r.end + para.start)
        .collect();
    let at = sentences.iter().position(|r| r.end > sentence.start)?;
    if reports_speech(own) {
        // "He said so", "the richest man in the world said": the speaker named just before.
        let named = (1..=NEIGHBOURS)
            .filter_map(|d| at.checked_sub(d).and_then(|i| sentences.get(i)))
            .find_map(|r| guess_claimant(bounded(&text[r.clone()])));
        if named.is_some() {
            return named;
        }
    }
    let quoted = own
        .chars()
        .any(|c| is_open_quote(c) || is_close_quote(c) || c == '"')
        || quote_open(&text[para.start..sentence.start]);
    if !quoted {
        return None;
    }
    for d in 1..=NEIGHBOURS {
        let after = sentences.get(at + d);
        let before = at.checked_sub(d).and_then(|i| sentences.get(i));
        for r in [after, before].into_iter().flatten() {
            // Only a neighbour that belongs to a quotation: with quotation marks or inside one.
            let s = &text[r.clone()];
            let marks = s
                .chars()
                .any(|c| is_open_quote(c) || is_close_quote(c) || c == '"');
            if !marks && !quote_open(&text[para.start..r.start]) {
                continue;
            }
            if let Some(name) = guess_claimant(bounded(s)) {
                return Some(name);
            }
        }
    }
    None
}

/// At most the first 4 KiB of `s`, on a char boundary.
fn bounded(s: &str) -> &str {
    let mut end = s.len().min(REACH);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
