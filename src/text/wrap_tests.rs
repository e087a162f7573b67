//! Tests for `wrap`: exact small cases and a deterministic property loop.

use super::sanitize::{Glyph, glyph_in_text, glyph_width};
use super::wrap::*;
use std::ops::Range;

/// The wrapped lines of `text` as string slices.
fn lines(text: &str, width: usize) -> Vec<&str> {
    wrap(text, width).into_iter().map(|r| &text[r]).collect()
}

/// Display width of `s` drawn from column 0.
fn draw_width(text: &str, r: Range<usize>) -> usize {
    let mut col = 0;
    for (k, c) in text[r.clone()].char_indices() {
        col += glyph_width(&glyph_in_text(text, r.start + k, c), col);
    }
    col
}

/// Greedy break after whitespace; the space stays on the earlier line.
#[test]
fn simple_words() {
    assert_eq!(lines("aaa bbb ccc", 7), vec!["aaa bbb ", "ccc"]);
    assert_eq!(lines("aaa bbb ccc", 11), vec!["aaa bbb ccc"]);
    assert_eq!(lines("aaa bbb ccc", 3), vec!["aaa ", "bbb ", "ccc"]);
    assert_eq!(lines("aaa   bbb", 4), vec!["aaa   ", "bbb"]);
}

/// Words longer than the width are broken at char boundaries; width 0 acts as 1.
#[test]
fn long_words() {
    assert_eq!(lines("abcdefgh", 3), vec!["abc", "def", "gh"]);
    assert_eq!(lines("ab cdefghij", 4), vec!["ab ", "cdef", "ghij"]);
    assert_eq!(lines("héllo", 2), vec!["hé", "ll", "o"]);
    assert_eq!(lines("abc", 0), vec!["a", "b", "c"]);
}

/// Wide CJK chars never straddle the edge at odd widths.
#[test]
fn cjk_odd_width() {
    assert_eq!(lines("漢字漢字", 3), vec!["漢", "字", "漢", "字"]);
    assert_eq!(lines("漢字漢字", 5), vec!["漢字", "漢字"]);
    assert_eq!(lines("a漢字", 4), vec!["a漢", "字"]);
    assert_eq!(lines("漢", 1), vec!["漢"]);
    assert_eq!(lines("👍👍", 3), vec!["👍", "👍"]);
}

/// Newlines end lines; empty paragraphs and a trailing newline give empty lines.
#[test]
fn newlines_and_empty() {
    assert_eq!(wrap("", 10), vec![0..0]);
    assert_eq!(wrap("\n", 10), vec![0..0, 1..1]);
    assert_eq!(wrap("a\n\nb\n", 10), vec![0..1, 2..2, 3..4, 5..5]);
    assert_eq!(lines("ab cd\nef", 3), vec!["ab ", "cd", "ef"]);
}

/// Tabs expand to the tab stop from the start of each wrapped line.
#[test]
fn tabs() {
    assert_eq!(lines("a\tb", 5), vec!["a\tb"]);
    assert_eq!(lines("a\tb", 4), vec!["a\t", "b"]);
    assert_eq!(lines("ab\tcd\tef", 8), vec!["ab\tcd\t", "ef"]);
}

/// Markers count as drawn: ESC is one column, U+202E is as wide as "⟨U+202E⟩".
#[test]
fn markers_count_as_drawn() {
    assert_eq!(lines("\x1b[31m", 3), vec!["\x1b[3", "1m"]);
    // "⟨U+202E⟩" is 8 columns wide.
    assert_eq!(lines("ab\u{202E}cd", 7), vec!["ab", "\u{202E}", "cd"]);
    assert_eq!(lines("ab\u{202E}cd", 9), vec!["ab", "\u{202E}c", "d"]);
    assert_eq!(lines("ab\u{202E}cd", 12), vec!["ab\u{202E}cd"]);
    assert_eq!(lines("ab\u{202E}cd", 11), vec!["ab\u{202E}c", "d"]);
}

/// NBSP does not allow a break; combining marks stay with their base.
#[test]
fn nbsp_and_combining() {
    assert_eq!(lines("ab\u{a0}cd ef", 5), vec!["ab\u{a0}cd ", "ef"]);
    assert_eq!(lines("abe\u{301}", 3), vec!["abe\u{301}"]);
}

/// wrap_range over paragraphs one by one equals wrapping the whole text.
#[test]
fn wrap_range_by_paragraph() {
    let text = "first para is long\n\nsecond one\nthird para here\n";
    let whole = wrap(text, 6);
    let mut lazy = Vec::new();
    let mut start = 0;
    for (k, _) in text.match_indices('\n') {
        wrap_range(text, start..k, 6, &mut lazy);
        start = k + 1;
    }
    wrap_range(text, start..text.len(), 6, &mut lazy);
    assert_eq!(whole, lazy);
    let mut clamped = Vec::new();
    wrap_range("é", 0..99, 4, &mut clamped);
    assert_eq!(clamped, vec![0..2]);
}

/// line_of maps offsets, newlines and trailing whitespace to the line they end.
#[test]
fn line_of_offsets() {
    let text = "aaa bbb ccc\n\nd";
    let ls = wrap(text, 7); // [0..8, 8..11, 12..12, 13..14]
    assert_eq!(ls, vec![0..8, 8..11, 12..12, 13..14]);
    assert_eq!(line_of(&ls, 0), 0);
    assert_eq!(line_of(&ls, 7), 0);
    assert_eq!(line_of(&ls, 8), 1);
    assert_eq!(line_of(&ls, 11), 1);
    assert_eq!(line_of(&ls, 12), 2);
    assert_eq!(line_of(&ls, 13), 3);
    assert_eq!(line_of(&ls, 14), 3);
    assert_eq!(line_of(&[], 5), 0);
}

/// column_to_byte finds the glyph under a column, including wide glyphs and markers, clamped to the line.
#[test]
fn column_to_byte_cases() {
    let text = "a漢\u{202E}b";
    let line = 0..text.len();
    assert_eq!(column_to_byte(text, line.clone(), 0), 0);
    assert_eq!(column_to_byte(text, line.clone(), 1), 1);
    assert_eq!(column_to_byte(text, line.clone(), 2), 1);
    assert_eq!(column_to_byte(text, line.clone(), 3), 4);
    assert_eq!(column_to_byte(text, line.clone(), 10), 4);
    assert_eq!(column_to_byte(text, line.clone(), 11), 7);
    assert_eq!(column_to_byte(text, line.clone(), 99), 8);
    assert_eq!(column_to_byte(text, 5..99, 0), 4); // 5 is inside U+202E: floored
    assert_eq!(column_to_byte(text, 7..99, 0), 7);
}

/// Tiny deterministic xorshift generator.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// For random strings and widths: lines cover all non-newline bytes in order, and each line fits
/// unless it is one glyph wider than the width or the overflow is trailing whitespace.
#[test]
fn property_random_strings() {
    const ALPHABET: &[&str] = &[
        "a",
        "b",
        "xyz",
        " ",
        " ",
        "  ",
        "\n",
        "\t",
        "漢",
        "é",
        "e\u{301}",
        "\x1b",
        "\u{202E}",
        "👍",
        "👨\u{200D}👩",
        "\u{A0}",
        "\u{200B}",
        "\u{3000}",
        "longword",
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let n = (rng.next() % 40) as usize;
        let text: String = (0..n)
            .map(|_| ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize])
            .collect();
        let width = (rng.next() % 14) as usize;
        let ls = wrap(&text, width);
        let w = width.max(1);
        // Coverage: consecutive lines are adjacent or separated by exactly one '\n'.
        assert_eq!(ls.first().map(|r| r.start), Some(0), "{text:?}");
        assert_eq!(ls.last().map(|r| r.end), Some(text.len()), "{text:?}");
        for pair in ls.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let gap = &text[a.end..b.start];
            assert!(
                gap.is_empty() || gap == "\n",
                "gap {gap:?} in {text:?} at {w}"
            );
            assert!(
                !gap.is_empty() || a.end > a.start,
                "empty wrapped line in {text:?}"
            );
        }
        for r in &ls {
            let line = &text[r.clone()];
            assert!(!line.contains('\n'));
            let trimmed_len = line
                .trim_end_matches(|c: char| {
                    c == ' ' || c == '\t' || c == '\u{3000}' || c == '\u{301}' || (c == '\u{200D}')
                })
                .len();
            let body = r.start..r.start + trimmed_len;
            if draw_width(&text, body.clone()) <= w {
                continue;
            }
            let visible = text[body.clone()]
                .char_indices()
                .filter(|&(k, c)| glyph_width(&glyph_in_text(&text, body.start + k, c), 0) > 0)
                .count();
            assert_eq!(visible, 1, "line {line:?} too wide for {w} in {text:?}");
        }
    }
}

/// Tabs are classified as Tab glyphs (sanity for the tab tests above).
#[test]
fn tab_is_tab_glyph() {
    assert_eq!(glyph_in_text("\t", 0, '\t'), Glyph::Tab);
}
