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

/// Texts longer than this are searched in two halves at once.
const PARALLEL_SEARCH_BYTES: usize = 1 << 20;

/// Every match of `query` in `text`: exact when the query has an upper-case letter, else
/// ignoring ASCII case (smart case). Matches do not overlap (each is looked for after the
/// last), and there is no per-match allocation. A long text is searched in two halves on
/// two threads, with the same result.
pub fn find_all(text: &str, query: &str) -> (Vec<Range<usize>>, bool) {
    if query.is_empty() || query.len() > text.len() {
        return (Vec::new(), false);
    }
    if text.len() < PARALLEL_SEARCH_BYTES {
        return find_in(text, query, 0..text.len(), MAX_MATCHES);
    }
    find_split(text, query, text.len() / 2)
}

/// [`find_all`] as two searches at once, of the matches that start before `mid` and of
/// those from `mid` on, joined into what one search finds.
fn find_split(text: &str, query: &str, mid: usize) -> (Vec<Range<usize>>, bool) {
    let ((mut out, truncated), (second, second_truncated)) = crate::parallel::both(
        || find_in(text, query, 0..mid, MAX_MATCHES),
        || find_in(text, query, mid..text.len(), MAX_MATCHES),
    );
    if truncated {
        return (out, true);
    }
    let mut second = second.into_iter().peekable();
    // The one scan would go on where the first half's last match ends. When that match
    // runs past the middle, the second half's scan may be out of step: the one scan is
    // carried on from there until it meets a match the second half found.
    let mut pos = out.last().map_or(0, |m| m.end);
    while pos > mid {
        let Some(m) = find_in(text, query, pos..text.len(), 1).0.pop() else {
            second.by_ref().for_each(drop);
            break;
        };
        while second.next_if(|s| s.start < m.start).is_some() {}
        if second.peek().is_some_and(|s| s.start == m.start) {
            break;
        }
        pos = m.end;
        out.push(m);
    }
    out.extend(second);
    let over = out.len() > MAX_MATCHES;
    out.truncate(MAX_MATCHES);
    (out, over || second_truncated)
}

/// [`find_all`] for the matches that start in `starts`, at most `limit` of them (and
/// whether there were more), on this thread.
fn find_in(
    text: &str,
    query: &str,
    starts: Range<usize>,
    limit: usize,
) -> (Vec<Range<usize>>, bool) {
    let (from, until) = (starts.start, starts.end);
    let fold = !query.chars().any(char::is_uppercase);
    let hay = &text.as_bytes()[..text.len().min(until + query.len() - 1)];
    let mut out = Vec::new();
    let mut keep = |at: usize| {
        // A str found in a str starts and ends on char boundaries; checked all the same.
        let end = at + query.len();
        if !(text.is_char_boundary(at) && text.is_char_boundary(end)) {
            return Some(at + 1);
        }
        if out.len() == limit {
            return None;
        }
        out.push(at..end);
        Some(end)
    };
    let complete = if query.len() > hay.len() - from.min(hay.len()) {
        true
    } else if fold {
        find_folded(hay, query.as_bytes(), from, &mut keep)
    } else {
        find_exact(hay, query.as_bytes(), from, &mut keep)
    };
    (out, !complete)
}

/// Calls `keep` with each match of `needle` from `from` on, each after where the last call
/// said to go on (`None`: stop). Returns whether the whole text was searched.
fn find_exact(
    hay: &[u8],
    needle: &[u8],
    mut from: usize,
    keep: &mut impl FnMut(usize) -> Option<usize>,
) -> bool {
    let finder = memchr::memmem::Finder::new(needle);
    while let Some(k) = hay.get(from..).and_then(|rest| finder.find(rest)) {
        match keep(from + k) {
            Some(next) => from = next,
            None => return false,
        }
    }
    true
}

/// How a byte of the needle is compared when ignoring ASCII case: `(byte | or) == value`.
/// Setting 0x20 folds exactly the two cases of a letter and nothing else.
fn folded_test(b: u8) -> (u8, u8) {
    if b.is_ascii_alphabetic() {
        (0x20, b.to_ascii_lowercase())
    } else {
        (0, b)
    }
}

/// [`find_exact`] ignoring ASCII case. The text is read eight places at a time, testing
/// the needle's first and last bytes together on whole words (the zero-byte trick, which
/// may flag a byte too many, never one too few); only places where both may be right are
/// checked whole.
fn find_folded(
    hay: &[u8],
    needle: &[u8],
    from: usize,
    keep: &mut impl FnMut(usize) -> Option<usize>,
) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A high bit set in each byte that is zero, and maybe in some just above one.
    let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    // The words of a block of 32 bytes (one bounds check for the four).
    let words = |at: usize| -> [u64; 4] {
        let mut block = [0; 32];
        block.copy_from_slice(&hay[at..at + 32]);
        std::array::from_fn(|k| {
            let mut word = [0; 8];
            word.copy_from_slice(&block[8 * k..8 * k + 8]);
            u64::from_le_bytes(word)
        })
    };
    let last = needle.len() - 1;
    let tests: Vec<(u8, u8)> = needle.iter().map(|&b| folded_test(b)).collect();
    let ((or0, v0), (or1, v1)) = (tests[0], tests[last]);
    let (or0w, v0w, or1w, v1w) = (
        u64::from(or0) * ONES,
        u64::from(v0) * ONES,
        u64::from(or1) * ONES,
        u64::from(v1) * ONES,
    );
    let whole = |at: usize| {
        hay[at..at + needle.len()]
            .iter()
            .zip(&tests)
            .all(|(&h, &(or, v))| h | or == v)
    };
    // Places a match can start: 0..starts.
    let starts = hay.len() - last;
    let mut next = 0;
    let mut try_at = |at: usize, next: &mut usize| -> bool {
        if at >= *next && whole(at) {
            match keep(at) {
                Some(go_on) => *next = go_on,
                None => return false,
            }
        }
        true
    };
    let mut p = from;
    while p + 32 <= starts {
        let (firsts, lasts) = (words(p), words(p + last));
        let hits: [u64; 4] = std::array::from_fn(|k| {
            zero_bytes((firsts[k] | or0w) ^ v0w) & zero_bytes((lasts[k] | or1w) ^ v1w)
        });
        if hits.iter().any(|&w| w != 0) {
            for (k, mut hits) in hits.into_iter().enumerate() {
                while hits != 0 {
                    let at = p + 8 * k + (hits.trailing_zeros() / 8) as usize;
                    hits &= hits - 1;
                    if !try_at(at, &mut next) {
                        return false;
                    }
                }
            }
        }
        p += 32;
    }
    for (at, &b) in hay.iter().enumerate().take(starts).skip(p) {
        if b | or0 == v0 && !try_at(at, &mut next) {
            return false;
        }
    }
    true
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

    /// The search in two halves finds what one scan finds wherever the text is cut: amid
    /// matches that overlap the cut, in runs where the halves fall out of step, amid a
    /// multi-byte char, ignoring case or not.
    #[test]
    fn split_search_agrees_with_the_plain_scan() {
        let texts = [
            "aaaaaaaaaaaaaaaaaaaaa",
            "abababababaabab",
            "AaaAaaAAaab aab",
            "über übER Über ü",
        ];
        for text in texts {
            for query in ["a", "aa", "aaa", "aba", "ab", "Aa", "über", "ü", "b a"] {
                let want = find_all_bytewise(text, query);
                for mid in (0..=text.len()).filter(|&m| text.is_char_boundary(m)) {
                    assert_eq!(
                        find_split(text, query, mid),
                        want,
                        "{text:?} {query:?} at {mid}"
                    );
                }
            }
        }
        // A text long enough to be searched in two halves.
        let long = "ab aab aaab ÜBER über ".repeat(60_000);
        for query in ["aab", "über", "Über", "b a"] {
            assert_eq!(
                find_all(&long, query),
                find_all_bytewise(&long, query),
                "{query}"
            );
        }
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
