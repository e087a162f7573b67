//! Approximate search: where a pattern occurs in a text with the fewest edits.
//!
//! Myers' bit-parallel algorithm (1999) over 64-bit blocks of the pattern, as
//! approx-string-match does it over 32-bit ones: every block is advanced for every text
//! symbol, so the cost is `text.len() × ⌈pattern.len() / 64⌉` word operations. Edits are
//! insertions, deletions and substitutions of one symbol each. The symbols are whatever the
//! caller counts in: `char` (Unicode scalar values, the verdict file's unit) or `u16`
//! (UTF-16 code units, JavaScript's).

use std::collections::HashMap;
use std::hash::Hash;

/// A symbol the search works on.
pub trait Symbol: Copy + Eq + Hash {
    /// The symbol as a small number when it is ASCII (a table lookup instead of a hash).
    fn ascii(self) -> Option<u8>;
}

impl Symbol for char {
    fn ascii(self) -> Option<u8> {
        u8::try_from(self).ok().filter(u8::is_ascii)
    }
}

impl Symbol for u16 {
    fn ascii(self) -> Option<u8> {
        u8::try_from(self).ok().filter(u8::is_ascii)
    }
}

/// One approximate occurrence: `start..end` in the text, with `errors` edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub errors: usize,
}

const W: usize = 64;

/// The occurrences of `pattern` in `text` with the fewest edits, at most `max_errors`: every
/// end position reaching that fewest number, each with the earliest start that does. Empty
/// when the pattern or the text is empty, or nothing is within `max_errors`.
pub fn search<S: Symbol>(text: &[S], pattern: &[S], max_errors: usize) -> Vec<Match> {
    let ends = match_ends(text, pattern, max_errors);
    ends.into_iter()
        .map(|(end, errors)| Match {
            start: match_start(text, pattern, end, errors),
            end,
            errors,
        })
        .collect()
}

/// The fewest edits turning `pattern` into some substring of `text` (`pattern.len()` when
/// the text is empty).
pub fn best_errors<S: Symbol>(text: &[S], pattern: &[S]) -> usize {
    match_ends(text, pattern, pattern.len())
        .first()
        .map_or(pattern.len(), |&(_, errors)| errors)
}

/// Per-symbol match masks of the pattern, one u64 per block.
struct Peq<S> {
    blocks: usize,
    ascii: Vec<Option<usize>>,
    other: HashMap<S, usize>,
    masks: Vec<u64>,
}

impl<S: Symbol> Peq<S> {
    fn new(pattern: &[S]) -> Self {
        let blocks = pattern.len().div_ceil(W);
        let mut peq = Peq {
            blocks,
            ascii: vec![None; 128],
            other: HashMap::new(),
            // Slot 0 is the all-zero mask of symbols not in the pattern.
            masks: vec![0; blocks],
        };
        for (i, &s) in pattern.iter().enumerate() {
            let slot = match peq.slot(s) {
                Some(slot) => slot,
                None => {
                    let slot = peq.masks.len() / blocks;
                    peq.masks.extend(std::iter::repeat_n(0, blocks));
                    match s.ascii() {
                        Some(a) => peq.ascii[usize::from(a)] = Some(slot),
                        None => {
                            peq.other.insert(s, slot);
                        }
                    }
                    slot
                }
            };
            peq.masks[slot * blocks + i / W] |= 1 << (i % W);
        }
        peq
    }

    fn slot(&self, s: S) -> Option<usize> {
        match s.ascii() {
            Some(a) => self.ascii[usize::from(a)],
            None => self.other.get(&s).copied(),
        }
    }

    fn masks(&self, s: S) -> &[u64] {
        let slot = self.slot(s).unwrap_or(0);
        &self.masks[slot * self.blocks..(slot + 1) * self.blocks]
    }
}

/// Advances one block by one text symbol (Hyyrö's formulation): `h_in` is the horizontal
/// delta entering the block's top row, the result the one leaving its `last` row.
fn advance(p: &mut u64, m: &mut u64, eq: u64, h_in: i8, last: u64) -> i8 {
    let (pv, mv) = (*p, *m);
    let h_in_neg = u64::from(h_in < 0);
    let eq = eq | h_in_neg;
    let xv = eq | mv;
    let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
    let mut ph = mv | !(xh | pv);
    let mut mh = pv & xh;
    let h_out = i8::from(ph & last != 0) - i8::from(mh & last != 0);
    ph <<= 1;
    mh <<= 1;
    mh |= h_in_neg;
    ph |= u64::from(h_in > 0);
    *p = mh | !(xv | ph);
    *m = ph & xv;
    h_out
}

/// End positions (exclusive) of the lowest-cost occurrences, with their cost.
fn match_ends<S: Symbol>(text: &[S], pattern: &[S], max_errors: usize) -> Vec<(usize, usize)> {
    if pattern.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let peq = Peq::new(pattern);
    let blocks = peq.blocks;
    let last_bit = |b: usize| {
        if b + 1 == blocks {
            1u64 << ((pattern.len() - 1) % W)
        } else {
            1u64 << (W - 1)
        }
    };
    let lasts: Vec<u64> = (0..blocks).map(last_bit).collect();
    let mut p = vec![!0u64; blocks];
    let mut m = vec![0u64; blocks];
    let mut score = pattern.len();
    let mut best = max_errors;
    let mut ends = Vec::new();
    for (j, &s) in text.iter().enumerate() {
        let eq = peq.masks(s);
        let mut carry = 0i8;
        for b in 0..blocks {
            carry = advance(&mut p[b], &mut m[b], eq[b], carry, lasts[b]);
        }
        score = score.saturating_add_signed(isize::from(carry));
        if score <= best {
            if score < best {
                ends.clear();
                best = score;
            }
            ends.push((j + 1, score));
        }
    }
    ends
}

/// The earliest start of an occurrence of `pattern` ending at `end` with `errors` edits
/// (a small dynamic programme over the reversed window that can hold it).
fn match_start<S: Symbol>(text: &[S], pattern: &[S], end: usize, errors: usize) -> usize {
    let from = end.saturating_sub(pattern.len() + errors);
    let window: Vec<S> = text[from..end].iter().rev().copied().collect();
    let pat: Vec<S> = pattern.iter().rev().copied().collect();
    // col[i] = edits between pat[..i] and window[..j], for the current j.
    let mut col: Vec<usize> = (0..=pat.len()).collect();
    let mut earliest = end;
    if col[pat.len()] <= errors {
        earliest = end;
    }
    for (j, &w) in window.iter().enumerate() {
        let mut diag = col[0];
        col[0] = j + 1;
        for i in 1..=pat.len() {
            let sub = diag + usize::from(pat[i - 1] != w);
            diag = col[i];
            col[i] = sub.min(col[i] + 1).min(col[i - 1] + 1);
        }
        if col[pat.len()] <= errors {
            earliest = end - (j + 1);
        }
    }
    earliest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Reference: the fewest edits of `pattern` against any substring, by full DP.
    fn naive_best(text: &[char], pattern: &[char]) -> usize {
        let mut prev: Vec<usize> = (0..=pattern.len()).collect();
        let mut best = prev[pattern.len()];
        for &t in text {
            let mut cur = vec![0; pattern.len() + 1];
            for i in 1..=pattern.len() {
                cur[i] = (prev[i] + 1)
                    .min(cur[i - 1] + 1)
                    .min(prev[i - 1] + usize::from(pattern[i - 1] != t));
            }
            best = best.min(cur[pattern.len()]);
            prev = cur;
        }
        best
    }

    /// Exact occurrences are found with no errors, every one of them.
    #[test]
    fn exact_occurrences() {
        let found = search(&chars("foo bar foo bar foo"), &chars("foo"), 0);
        let starts: Vec<usize> = found.iter().map(|m| m.start).collect();
        assert_eq!(starts, [0, 8, 16]);
        assert!(found.iter().all(|m| m.errors == 0 && m.end == m.start + 3));
    }

    /// Patterns longer than one 64-bit block count edits across the block boundary.
    #[test]
    fn long_patterns_span_blocks() {
        let pattern = "the quick brown fox jumps over the lazy dog ".repeat(4);
        let mut text = format!("xx{pattern}yy");
        text.replace_range(70..71, "Q");
        text.replace_range(150..152, "");
        let (t, p) = (chars(&text), chars(&pattern));
        let found = search(&t, &p, 40);
        assert_eq!(found[0].errors, naive_best(&t, &p));
        assert_eq!(found[0].errors, 3);
        assert_eq!(found[0].start, 2);
    }

    /// The bit-parallel count equals the textbook dynamic programme on mixed inputs.
    #[test]
    fn agrees_with_dynamic_programming() {
        let texts = ["Zürich — “Crimée” 🇺🇦 annexée", "abababab", "", "a"];
        let patterns = ["annexé", "Crimé", "bab", "zzz", "🇺🇦", "a"];
        for text in texts {
            for pattern in patterns {
                let (t, p) = (chars(text), chars(pattern));
                let expected = if t.is_empty() {
                    p.len()
                } else {
                    naive_best(&t, &p)
                };
                assert_eq!(best_errors(&t, &p), expected, "{pattern:?} in {text:?}");
            }
        }
    }

    /// Nothing is found beyond the error limit, nor for an empty pattern or text.
    #[test]
    fn limits_and_empties() {
        assert!(search(&chars("four candles"), &chars("foouur"), 1).is_empty());
        assert!(search(&chars(""), &chars("foo"), 3).is_empty());
        assert!(search(&chars("foo"), &chars(""), 3).is_empty());
    }
}
