//! `/` search in the article, `n`/`N` between matches.

use std::ops::Range;

use super::editor::Editor;
use super::state::{AppState, Overlay, Pane};

/// More matches than this are not kept (the count says so).
const MAX_MATCHES: usize = 1_000_000;

/// Earlier queries kept for ↑ in the search prompt.
const MAX_HISTORY: usize = 100;

/// A search in force: its matches as byte ranges, in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub matches: Vec<Range<usize>>,
    /// The match the cursor is on.
    pub current: usize,
    /// Whether matching stopped at [`MAX_MATCHES`].
    pub truncated: bool,
}

impl Search {
    /// Matches overlapping `range`, for drawing a line.
    pub fn matches_in(&self, range: Range<usize>) -> &[Range<usize>] {
        let lo = self.matches.partition_point(|m| m.end <= range.start);
        let hi = self.matches.partition_point(|m| m.start < range.end);
        &self.matches[lo..hi.max(lo)]
    }
}

/// Every match of `query` in `text`: exact when the query has an upper-case letter, else
/// ignoring ASCII case (smart case). One pass, no per-match allocation.
pub fn find_all(text: &str, query: &str) -> (Vec<Range<usize>>, bool) {
    if query.is_empty() {
        return (Vec::new(), false);
    }
    let fold = !query.chars().any(char::is_uppercase);
    let needle: Vec<u8> = if fold {
        query.bytes().map(|b| b.to_ascii_lowercase()).collect()
    } else {
        query.as_bytes().to_vec()
    };
    let hay = text.as_bytes();
    let n = needle.len();
    let (first, first_upper) = (needle[0], needle[0].to_ascii_uppercase());
    let rest_matches = |at: usize| {
        hay[at..at + n].iter().zip(&needle).all(|(h, b)| {
            if fold {
                h.to_ascii_lowercase() == *b
            } else {
                h == b
            }
        })
    };
    let mut out = Vec::new();
    let mut i = 0;
    // Candidates are found by their first byte (memchr: many bytes at a time), then
    // checked whole.
    while i + n <= hay.len() {
        let window = &hay[i..=hay.len() - n];
        let found = if fold && first != first_upper {
            memchr::memchr2(first, first_upper, window)
        } else {
            memchr::memchr(first, window)
        };
        let Some(k) = found else {
            break;
        };
        let at = i + k;
        if rest_matches(at) && text.is_char_boundary(at) && text.is_char_boundary(at + n) {
            if out.len() == MAX_MATCHES {
                return (out, true);
            }
            out.push(at..at + n);
            i = at + n;
        } else {
            i = at + 1;
        }
    }
    (out, false)
}

impl AppState {
    /// `/`: asks for the text to find, starting empty; ↑ brings back earlier queries.
    pub(super) fn open_search(&mut self) {
        self.search_recall = None;
        self.overlay = Some(Overlay::Search {
            editor: Editor::single_line(""),
        });
    }

    /// ↑ (`older`) or ↓ in the search prompt: walks the earlier queries, newest first; past
    /// the newest the prompt is empty again.
    pub(super) fn recall_search(&mut self, older: bool) {
        let Some(Overlay::Search { editor }) = &mut self.overlay else {
            return;
        };
        let count = self.search_history.len();
        if count == 0 {
            return;
        }
        self.search_recall = match (self.search_recall, older) {
            (None, true) => Some(count - 1),
            (None, false) => None,
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) => (i + 1 < count).then_some(i + 1),
        };
        let text = self
            .search_recall
            .map_or("", |i| self.search_history[i].as_str());
        *editor = Editor::single_line(text);
    }

    /// Enter in the search prompt: finds every match and goes to the first after the cursor.
    pub(super) fn finish_search(&mut self) {
        let Some(Overlay::Search { editor }) = self.overlay.take() else {
            return;
        };
        let query = editor.text();
        if query.is_empty() {
            self.search = None;
            return;
        }
        self.search_history.retain(|q| *q != query);
        self.search_history.push(query.clone());
        if self.search_history.len() > MAX_HISTORY {
            self.search_history.remove(0);
        }
        let (matches, truncated) = find_all(&self.case.article.text, &query);
        if matches.is_empty() {
            self.search = None;
            self.info(format!("Not found: {query}"));
            return;
        }
        let here = self.cursor_range().start;
        let current = matches.partition_point(|m| m.start < here) % matches.len();
        self.search = Some(Search {
            query,
            matches,
            current,
            truncated,
        });
        self.show_match();
    }

    /// `n` / `N`: the next or previous match, wrapping around the article.
    pub(super) fn jump_match(&mut self, forward: bool) {
        let Some(search) = &mut self.search else {
            self.info("No search: press / to search");
            return;
        };
        let n = search.matches.len();
        search.current = if forward {
            (search.current + 1) % n
        } else {
            (search.current + n - 1) % n
        };
        self.show_match();
    }

    fn show_match(&mut self) {
        let Some(search) = &self.search else {
            return;
        };
        let m = search.matches[search.current].clone();
        let message = format!(
            "Match {}/{}{} for “{}”",
            search.current + 1,
            search.matches.len(),
            if search.truncated { "+" } else { "" },
            search.query
        );
        self.focus = Pane::Article;
        self.selection = None;
        self.cursor = self.doc.sentence_at(m.start);
        self.point = Some(m.clone());
        self.scroll_to(m.clone());
        if let Some(i) = self.doc.innermost_at(m.start) {
            self.select_claim(i);
        }
        self.info(message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lower-case queries ignore case, mixed-case ones do not; matches do not overlap and
    /// never split a character.
    #[test]
    fn smart_case_matches() {
        let text = "Musk met musk. MUSK? Zürich musk";
        let (m, _) = find_all(text, "musk");
        assert_eq!(m.len(), 4);
        let (m, _) = find_all(text, "Musk");
        assert_eq!((m.len(), m[0].clone()), (1, 0..4));
        let (m, _) = find_all("aaaa", "aa");
        assert_eq!(m, [0..2, 2..4]);
        let (m, _) = find_all("Zürich", "ü");
        assert_eq!((m.len(), m[0].clone()), (1, 1..3));
        assert!(find_all(text, "").0.is_empty());
    }

    /// The plain scan, byte by byte, that the memchr search must agree with.
    fn find_all_bytewise(text: &str, query: &str) -> (Vec<Range<usize>>, bool) {
        if query.is_empty() {
            return (Vec::new(), false);
        }
        let fold = !query.chars().any(char::is_uppercase);
        let needle: Vec<u8> = if fold {
            query.bytes().map(|b| b.to_ascii_lowercase()).collect()
        } else {
            query.as_bytes().to_vec()
        };
        let hay = text.as_bytes();
        let first = needle[0];
        let mut out = Vec::new();
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            let b = if fold {
                hay[i].to_ascii_lowercase()
            } else {
                hay[i]
            };
            if b == first
                && hay[i..i + needle.len()].iter().zip(&needle).all(|(h, n)| {
                    if fold {
                        h.to_ascii_lowercase() == *n
                    } else {
                        h == n
                    }
                })
                && text.is_char_boundary(i)
                && text.is_char_boundary(i + needle.len())
            {
                if out.len() == MAX_MATCHES {
                    return (out, true);
                }
                out.push(i..i + needle.len());
                i += needle.len();
            } else {
                i += 1;
            }
        }
        (out, false)
    }

    /// The fast search finds exactly what the plain scan finds: smart case, overlapping
    /// candidates, characters that must not be split, the match limit.
    #[test]
    fn memchr_search_agrees_with_the_plain_scan() {
        let text = "Musk met musk. MUSK? Zürich musk mmusk muusk ÜBER über ü aaaaa Ü".repeat(50);
        for query in [
            "musk", "Musk", "m", "M", "aa", "ü", "Ü", "über", "k ", "z", "x", "k",
        ] {
            assert_eq!(
                find_all(&text, query),
                find_all_bytewise(&text, query),
                "{query}"
            );
        }
        let many = "a".repeat(MAX_MATCHES + 10);
        assert_eq!(find_all(&many, "a"), find_all_bytewise(&many, "a"));
        assert!(find_all(&many, "a").1, "capped");
    }
}
