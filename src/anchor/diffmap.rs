//! Carrying offsets from one version of a text to the next through a word diff.
//!
//! Both texts are cut into tokens (a run of letters and digits, a run of white space, or
//! one other character) and diffed with imara-diff's Histogram algorithm. A token the diff
//! keeps has a partner on the other side; offsets inside kept tokens carry over exactly.

use imara_diff::{Algorithm, Diff, InternedInput};

/// No partner: the token was removed (old side) or added (new side).
const NONE: u32 = u32::MAX;

/// Tokens of one side: where each starts (in chars) and its partner on the other side.
#[derive(Debug, Default)]
struct Side {
    /// Char offset of each token, then the text's length in chars.
    starts: Vec<u32>,
    /// Index of the kept partner token on the other side, or [`NONE`].
    partner: Vec<u32>,
    /// For each token, the first token index on the other side at or after it.
    near: Vec<u32>,
}

impl Side {
    /// The token holding char `at` (the last token for the end of the text).
    fn token_at(&self, at: usize) -> Option<usize> {
        let tokens = self.partner.len();
        if tokens == 0 {
            return None;
        }
        let k = self.starts[..tokens].partition_point(|&s| s as usize <= at);
        Some(k.saturating_sub(1).min(tokens - 1))
    }

    fn start(&self, token: usize) -> usize {
        self.starts[token] as usize
    }
}

/// How a span of the old text fares in the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mapped {
    /// Every token of the span was kept, in one piece: its place in the new text.
    Kept { start: usize, end: usize },
    /// Some of it was removed or replaced. `start..end` is where it would be; `replaced`
    /// says whether new text stands there (an edit in place) rather than nothing (a
    /// deletion, or a move elsewhere).
    Touched {
        start: usize,
        end: usize,
        replaced: bool,
    },
}

impl Mapped {
    /// Where the span would start in the new text.
    pub fn start(self) -> usize {
        match self {
            Mapped::Kept { start, .. } | Mapped::Touched { start, .. } => start,
        }
    }

    pub fn end(self) -> usize {
        match self {
            Mapped::Kept { end, .. } | Mapped::Touched { end, .. } => end,
        }
    }
}

/// The word diff between two versions of a text.
#[derive(Debug, Default)]
pub struct DiffMap {
    old: Side,
    new: Side,
}

/// The tokens of `text` and the char offset where each starts, then the text's length.
/// A byte loop with ASCII decided by table: this runs over the whole of both texts.
fn tokens(text: &str) -> (Vec<&str>, Vec<u32>) {
    const WORD: u8 = 0;
    const SPACE: u8 = 1;
    const OTHER: u8 = 2;
    // A line break is a token of its own, so no token spans two lines.
    let class = |c: char| match c {
        c if c.is_alphanumeric() => WORD,
        '\n' => OTHER,
        c if c.is_whitespace() => SPACE,
        _ => OTHER,
    };
    let ascii: [u8; 128] = std::array::from_fn(|b| class(char::from(b as u8)));
    let bytes = text.as_bytes();
    let mut pieces = Vec::with_capacity(text.len() / 3 + 1);
    let mut starts = Vec::with_capacity(text.len() / 3 + 2);
    let (mut piece_start, mut previous, mut chars) = (0usize, u8::MAX, 0u32);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (k, width) = match ascii.get(usize::from(b)) {
            Some(&k) => (k, 1),
            None => {
                let c = text[i..].chars().next().unwrap_or(' ');
                (class(c), c.len_utf8())
            }
        };
        if k != previous || k == OTHER {
            if previous != u8::MAX {
                pieces.push(&text[piece_start..i]);
            }
            starts.push(chars);
            piece_start = i;
        }
        previous = k;
        chars = chars.saturating_add(1);
        i += width;
    }
    if previous != u8::MAX {
        pieces.push(&text[piece_start..]);
    }
    starts.push(chars);
    (pieces, starts)
}

/// A line and the range of tokens it was cut into.
type LineTokens<'t> = (&'t str, std::ops::Range<usize>);

/// The tokens of a text given as lines: a line in a gap (`in_gap`) is cut into words, any
/// other line is one token (both versions have it whole, so offsets inside it carry over).
/// Also the char offset of each token (then the text's length) and each line's tokens.
fn tokens_by_line<'t>(
    lines: &[&'t str],
    in_gap: &[bool],
) -> (Vec<&'t str>, Vec<u32>, Vec<LineTokens<'t>>) {
    let mut pieces = Vec::new();
    let mut starts = Vec::new();
    let mut out = Vec::with_capacity(lines.len());
    let mut chars = 0u32;
    for (line, &split) in lines.iter().zip(in_gap) {
        let first = pieces.len();
        let len = if split {
            let (words, offsets) = tokens(line);
            pieces.extend(words);
            starts.extend(offsets[..offsets.len() - 1].iter().map(|o| o + chars));
            offsets.last().copied().unwrap_or(0)
        } else {
            pieces.push(*line);
            starts.push(chars);
            line.chars().count() as u32
        };
        chars = chars.saturating_add(len);
        out.push((*line, first..pieces.len()));
    }
    starts.push(chars);
    (pieces, starts, out)
}

/// The stretches of lines between the lines both texts have exactly once, in an order
/// both agree on (the longest increasing run, as patience diff finds it): each is diffed
/// word by word; the lines between them are kept. O(n log n) however many edits, where a
/// histogram diff of the lines re-scans the rest of the text at every edit.
fn line_gaps(old: &[&str], new: &[&str]) -> Vec<imara_diff::Hunk> {
    use std::collections::HashMap;
    let mut seen: HashMap<&str, (u32, usize, u32, usize)> = HashMap::with_capacity(old.len());
    for (i, line) in old.iter().enumerate() {
        let e = seen.entry(line).or_insert((0, i, 0, 0));
        e.0 += 1;
    }
    for (j, line) in new.iter().enumerate() {
        if let Some(e) = seen.get_mut(line) {
            e.2 += 1;
            e.3 = j;
        }
    }
    let mut unique: Vec<(usize, usize)> = seen
        .values()
        .filter(|e| e.0 == 1 && e.2 == 1)
        .map(|e| (e.1, e.3))
        .collect();
    unique.sort_unstable();
    // Longest run increasing in the new text too (patience sorting).
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; unique.len()];
    for (k, &(_, j)) in unique.iter().enumerate() {
        let at = tails.partition_point(|&t| unique[t].1 < j);
        before[k] = at.checked_sub(1).map(|p| tails[p]);
        match tails.get_mut(at) {
            Some(slot) => *slot = k,
            None => tails.push(k),
        }
    }
    let mut anchors = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied();
    while let Some(i) = k {
        anchors.push(unique[i]);
        k = before[i];
    }
    anchors.reverse();
    anchors.push((old.len(), new.len()));
    let mut gaps = Vec::new();
    let (mut o, mut n) = (0usize, 0usize);
    for (a, b) in anchors {
        if o < a || n < b {
            gaps.push(imara_diff::Hunk {
                before: o as u32..a as u32,
                after: n as u32..b as u32,
            });
        }
        (o, n) = (a + 1, b + 1);
    }
    gaps
}

/// Fills `near`: for each token, the first other-side token at or after its place.
fn fill_near(partner: &[u32], other_len: usize) -> Vec<u32> {
    let mut near = vec![0; partner.len()];
    let mut next = other_len as u32;
    for (k, &p) in partner.iter().enumerate().rev() {
        if p != NONE {
            next = p;
        }
        near[k] = next;
    }
    near
}

impl DiffMap {
    /// Diffs `old` against `new` line by line, then word by word inside the lines that
    /// changed: quick on long, repetitive texts, where a word diff of the whole would
    /// find every word everywhere. Texts over 2 G tokens are not diffed: nothing maps.
    pub fn new(old: &str, new: &str) -> Self {
        let old_texts: Vec<&str> = old.split_inclusive('\n').collect();
        let new_texts: Vec<&str> = new.split_inclusive('\n').collect();
        if old_texts.len() >= i32::MAX as usize || new_texts.len() >= i32::MAX as usize {
            return DiffMap::default();
        }
        let gaps = line_gaps(&old_texts, &new_texts);
        let mut old_in_gap = vec![false; old_texts.len()];
        let mut new_in_gap = vec![false; new_texts.len()];
        for gap in &gaps {
            old_in_gap[gap.before.start as usize..gap.before.end as usize].fill(true);
            new_in_gap[gap.after.start as usize..gap.after.end as usize].fill(true);
        }
        let (old_pieces, old_starts, old_lines) = tokens_by_line(&old_texts, &old_in_gap);
        let (new_pieces, new_starts, new_lines) = tokens_by_line(&new_texts, &new_in_gap);
        if old_pieces.len() >= i32::MAX as usize || new_pieces.len() >= i32::MAX as usize {
            return DiffMap::default();
        }
        let mut old_partner = vec![NONE; old_pieces.len()];
        let mut new_partner = vec![NONE; new_pieces.len()];
        let mut pair = |o: usize, n: usize| {
            old_partner[o] = n as u32;
            new_partner[n] = o as u32;
        };
        // Kept lines pair token for token (the same text cuts into the same tokens).
        let pair_lines =
            |from: (usize, usize), to: (usize, usize), pair: &mut dyn FnMut(usize, usize)| {
                let (mut o, mut n) = from;
                while o < to.0 && n < to.1 {
                    let (a, b) = (&old_lines[o].1, &new_lines[n].1);
                    for (x, y) in a.clone().zip(b.clone()) {
                        pair(x, y);
                    }
                    o += 1;
                    n += 1;
                }
            };
        let token_range = |lines: &[(&str, std::ops::Range<usize>)], r: std::ops::Range<u32>| {
            let (from, to) = (r.start as usize, r.end as usize);
            let start = lines
                .get(from)
                .map_or_else(|| lines.last().map_or(0, |l| l.1.end), |l| l.1.start);
            let end = match to {
                0 => start,
                _ => lines.get(to - 1).map_or(start, |l| l.1.end),
            };
            start..end.max(start)
        };
        let mut words = InternedInput::default();
        let (mut o, mut n) = (0usize, 0usize);
        for hunk in gaps {
            pair_lines(
                (o, n),
                (hunk.before.start as usize, hunk.after.start as usize),
                &mut pair,
            );
            let before = token_range(&old_lines, hunk.before.clone());
            let after = token_range(&new_lines, hunk.after.clone());
            words.clear();
            words.update_before(old_pieces[before.clone()].iter().copied());
            words.update_after(new_pieces[after.clone()].iter().copied());
            let inner = Diff::compute(Algorithm::Histogram, &words);
            let (mut x, mut y) = (0u32, 0u32);
            let mut pair_words = |x_end: u32, y_end: u32, x: &mut u32, y: &mut u32| {
                while *x < x_end && *y < y_end {
                    pair(before.start + *x as usize, after.start + *y as usize);
                    *x += 1;
                    *y += 1;
                }
            };
            for h in inner.hunks() {
                pair_words(h.before.start, h.after.start, &mut x, &mut y);
                x = h.before.end;
                y = h.after.end;
            }
            pair_words(before.len() as u32, after.len() as u32, &mut x, &mut y);
            o = hunk.before.end as usize;
            n = hunk.after.end as usize;
        }
        pair_lines((o, n), (old_lines.len(), new_lines.len()), &mut pair);
        let old_near = fill_near(&old_partner, new_partner.len());
        let new_near = fill_near(&new_partner, old_partner.len());
        DiffMap {
            old: Side {
                starts: old_starts,
                partner: old_partner,
                near: old_near,
            },
            new: Side {
                starts: new_starts,
                partner: new_partner,
                near: new_near,
            },
        }
    }

    /// Char ranges of the new text made of added tokens (no partner in the old text), in
    /// order and merged.
    pub fn added(&self) -> Vec<std::ops::Range<usize>> {
        let mut out: Vec<std::ops::Range<usize>> = Vec::new();
        for (k, &p) in self.new.partner.iter().enumerate() {
            if p != NONE {
                continue;
            }
            let (start, end) = (self.new.start(k), self.new.starts[k + 1] as usize);
            match out.last_mut() {
                Some(last) if last.end == start => last.end = end,
                _ => out.push(start..end),
            }
        }
        out
    }

    /// Where the old span `start..end` (chars) is in the new text.
    pub fn map(&self, start: usize, end: usize) -> Mapped {
        let Some((first, last)) = self.covering(&self.old, start, end) else {
            return Mapped::Touched {
                start: 0,
                end: 0,
                replaced: false,
            };
        };
        let (p_first, p_last) = (self.old.partner[first], self.old.partner[last]);
        let kept = (first..=last).all(|k| self.old.partner[k] != NONE)
            && p_last as usize - p_first as usize == last - first;
        if kept {
            let new_start = self.new.start(p_first as usize) + (start - self.old.start(first));
            let new_end = self.new.start(p_last as usize) + (end - self.old.start(last));
            return Mapped::Kept {
                start: new_start,
                end: new_end,
            };
        }
        // Carry each end through its nearest kept token.
        let new_chars = *self.new.starts.last().unwrap_or(&0) as usize;
        let carry = |k: usize, at: usize| match self.old.partner[k] {
            NONE => self
                .new
                .starts
                .get(self.old.near[k] as usize)
                .map_or(new_chars, |&s| s as usize),
            p => self.new.start(p as usize) + (at - self.old.start(k)),
        };
        let new_start = carry(first, start);
        let new_end = carry(last, end.max(start)).max(new_start);
        // New text stands in the span's place when some new token there has no partner.
        let from = self.old.near[first] as usize;
        let to = (self.old.near[last] as usize + 1).min(self.new.partner.len());
        let replaced = (from..to).any(|k| self.new.partner[k] == NONE);
        Mapped::Touched {
            start: new_start,
            end: new_end,
            replaced,
        }
    }

    /// Whether the new span `start..end` was there, unchanged, in the old text at a place
    /// that does not overlap the old span `old_start..old_end`: another instance that was
    /// already in the article, so never where that old span went.
    pub fn is_other_old_instance(
        &self,
        start: usize,
        end: usize,
        old_start: usize,
        old_end: usize,
    ) -> bool {
        let Some((first, last)) = self.covering(&self.new, start, end) else {
            return false;
        };
        let (p_first, p_last) = (self.new.partner[first], self.new.partner[last]);
        let kept = (first..=last).all(|k| self.new.partner[k] != NONE)
            && p_last as usize - p_first as usize == last - first;
        if !kept {
            return false;
        }
        let back_start = self.old.start(p_first as usize) + (start - self.new.start(first));
        let back_end = self.old.start(p_last as usize) + (end - self.new.start(last));
        back_end <= old_start || back_start >= old_end.max(old_start + 1)
    }

    /// The first and last token of `side` that `start..end` touches.
    fn covering(&self, side: &Side, start: usize, end: usize) -> Option<(usize, usize)> {
        let first = side.token_at(start)?;
        let last = side.token_at(end.saturating_sub(1).max(start))?;
        Some((first, last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, needle: &str) -> (usize, usize) {
        let at = text.find(needle).unwrap();
        let start = text[..at].chars().count();
        (start, start + needle.chars().count())
    }

    /// A span untouched by an edit before it is carried to its shifted place.
    #[test]
    fn kept_span_shifts() {
        let old = "Putinbefore the talks. Prices rose by 5 %. Später mehr.";
        let new = "Putin before the talks. Prices rose by 5 %. Später mehr.";
        let (s, e) = span(old, "Prices rose by 5 %");
        let mapped = DiffMap::new(old, new).map(s, e);
        assert_eq!(
            mapped,
            Mapped::Kept {
                start: s + 1,
                end: e + 1
            }
        );
        let (s, e) = span(old, "Später");
        assert_eq!(DiffMap::new(old, new).map(s, e).start(), s + 1);
    }

    /// A span whose words were replaced is touched, with new text in its place.
    #[test]
    fn edited_span_is_touched_and_replaced() {
        let old = "Intro. Prices rose by 5 % last year. Outro.";
        let new = "Intro. Prices rose by 7 % last year. Outro.";
        let (s, e) = span(old, "Prices rose by 5 %");
        match DiffMap::new(old, new).map(s, e) {
            Mapped::Touched {
                start, replaced, ..
            } => {
                assert_eq!(start, s);
                assert!(replaced);
            }
            kept => panic!("{kept:?}"),
        }
    }

    /// A deleted span is touched with nothing in its place.
    #[test]
    fn deleted_span_is_not_replaced() {
        let old = "One two. Three four five. Six.";
        let new = "One two. Six.";
        let (s, e) = span(old, "Three four five.");
        assert!(matches!(
            DiffMap::new(old, new).map(s, e),
            Mapped::Touched {
                replaced: false,
                ..
            }
        ));
    }

    /// An instance that was already in the old text elsewhere is recognised as another one.
    #[test]
    fn other_instances_are_recognised() {
        let old = "Putin said no. Later, Putin said yes.";
        let new = "Putin said no. Later, he said yes.";
        let map = DiffMap::new(old, new);
        let claim = old.rfind("Putin").unwrap();
        assert!(map.is_other_old_instance(0, 5, claim, claim + 5));
        assert!(!map.is_other_old_instance(0, 5, 0, 5), "its own image");
    }
}
