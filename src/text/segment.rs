//! Sentence segmentation for the article's sentence cursor.
//!
//! One forward pass over the bytes; no regex and no allocation beyond the result.

use std::ops::Range;

/// Abbreviations (compared ASCII-case-insensitively) after which a '.' does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp",
    "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "approx", "est",
];

/// Abbreviations that only count with this exact capitalisation (months).
const CASED_ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Closing punctuation that may follow a terminator and still belongs to the sentence.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '\'' | ')' | ']' | '»' | '」' | '』')
}

/// Opening punctuation skipped when looking at how the next sentence starts.
fn is_opener(c: char) -> bool {
    matches!(c, '“' | '‘' | '"' | '\'' | '(' | '[' | '«' | '「' | '『')
}

/// Sentence terminators; CJK full stops end a sentence even without following whitespace.
fn terminator(c: char) -> Option<bool> {
    match c {
        '.' | '!' | '?' | '…' | '‽' => Some(false),
        '。' | '！' | '？' => Some(true),
        _ => None,
    }
}

/// The char starting at byte `i` (None at the end).
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Byte ranges of the sentences of `text`.
///
/// Ranges are trimmed of surrounding whitespace, non-empty, ascending and
/// non-overlapping; every non-whitespace char belongs to exactly one range.
/// A blank line always ends a sentence; a single `\n` ends one unless the next
/// line starts with a lowercase letter. A terminator run (`.`, `!`, `?`, `…`,
/// `..`, `?!`) plus closing quotes/brackets followed by whitespace ends a
/// sentence, unless the word before a single `.` is a known abbreviation, an
/// initial ("J."), dotted initials ("U.S."), "No" before a number, or the next
/// sentence would start with a lowercase letter.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0; // end of the last non-whitespace char seen
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() || b == b',' {
            start.get_or_insert(i);
            last_end = i + 1;
            i += 1;
            continue;
        }
        if b == b'\n' {
            if newline_ends_sentence(text, i + 1) {
                close(&mut out, &mut start, last_end);
            }
            i += 1;
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let Some(c) = char_at(text, i) else { break };
        let len = c.len_utf8();
        if c.is_whitespace() {
            i += len;
            continue;
        }
        start.get_or_insert(i);
        last_end = i + len;
        let Some(cjk) = terminator(c) else {
            i += len;
            continue;
        };
        let (end, single_dot) = scan_terminator_run(text, i);
        last_end = end;
        if ends_sentence(text, i, end, cjk, single_dot) {
            close(&mut out, &mut start, end);
        }
        i = end;
    }
    close(&mut out, &mut start, last_end);
    out
}

/// Pushes the open sentence `start..end` (if any) and resets `start`.
fn close(out: &mut Vec<Range<usize>>, start: &mut Option<usize>, end: usize) {
    if let Some(s) = start.take()
        && end > s
    {
        out.push(s..end);
    }
}

/// Given a terminator at `i`, returns the end of the terminator run plus
/// closing punctuation, and whether the run was a single '.'.
fn scan_terminator_run(text: &str, i: usize) -> (usize, bool) {
    let mut j = i;
    let mut n = 0;
    while let Some(c) = char_at(text, j).filter(|&c| terminator(c).is_some()) {
        j += c.len_utf8();
        n += 1;
    }
    let single_dot = n == 1 && text.as_bytes().get(i) == Some(&b'.');
    while let Some(c) = char_at(text, j).filter(|&c| is_closer(c)) {
        j += c.len_utf8();
    }
    (j, single_dot)
}

/// Decides whether the terminator run at `i..end` ends a sentence.
fn ends_sentence(text: &str, i: usize, end: usize, cjk: bool, single_dot: bool) -> bool {
    let Some(after) = char_at(text, end) else {
        return true;
    };
    if !after.is_whitespace() {
        return cjk;
    }
    let next = next_sentence_char(text, end);
    if next.is_some_and(char::is_lowercase) {
        return false;
    }
    !(single_dot && is_abbreviation(&text[..i], next))
}

/// The first char after `from` that is neither whitespace nor opening punctuation.
fn next_sentence_char(text: &str, from: usize) -> Option<char> {
    text.get(from..)?
        .chars()
        .find(|&c| !c.is_whitespace() && !is_opener(c))
}

/// True when the word ending `before` (just before a '.') is an abbreviation or initial.
fn is_abbreviation(before: &str, next: Option<char>) -> bool {
    let mut word_start = before.len();
    for (k, c) in before.char_indices().rev().take(16) {
        if c.is_alphabetic() || c == '.' {
            word_start = k;
        } else {
            break;
        }
    }
    let word = &before[word_start..];
    if word.is_empty() || word.starts_with('.') {
        return false;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    if word == "No" {
        return next.is_some_and(|c| c.is_ascii_digit());
    }
    if dotted_initials(word) {
        return true;
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
        || CASED_ABBREVIATIONS.contains(&word)
}

/// True for "U.S", "e.g", "i.e", "a.m": single letters separated by dots.
fn dotted_initials(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// Decides whether a '\n' just before byte `from` ends the sentence.
fn newline_ends_sentence(text: &str, from: usize) -> bool {
    let Some(rest) = text.get(from..) else {
        return true;
    };
    for c in rest.chars() {
        if c == '\n' {
            return true;
        }
        if !c.is_whitespace() {
            return !c.is_lowercase();
        }
    }
    true
}
