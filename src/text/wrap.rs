//! Greedy word wrap by display width into a line index of byte ranges.
//!
//! Computed once per width; the renderer draws only the visible lines from it.
//!
//! Rules: each `\n` ends a line and belongs to no range; an empty paragraph is
//! an empty range at its position; text ending in `\n` has a final empty line
//! (like an editor), and empty text is exactly one empty line. A line breaks
//! before a word that would overflow; the whitespace at the break stays at the
//! end of the earlier line (it may overflow the width). Only spaces and tabs
//! and other breakable Unicode spaces are break points (not NBSP). A word wider
//! than the width is broken at char boundaries; a single glyph wider than the
//! width gets a line of its own. Zero-width chars never start a line unless
//! they start a paragraph. Every wrapped line starts at column 0 for tabs.

use super::sanitize::{Glyph, glyph_in_text, glyph_width};
use std::ops::Range;

/// Wraps the whole `text` to `width` columns (0 is treated as 1).
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / width.max(1) + 1);
    wrap_range(text, 0..text.len(), width, &mut out);
    out
}

/// Largest char boundary of `text` at or below `i`.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Wraps `text[range]` (which should start at a paragraph start) and appends its lines to `out`.
///
/// The range is clamped to the text and to char boundaries. Each `\n` inside
/// ends a line; the part after the last `\n` always yields at least one line,
/// so wrapping paragraphs one by one (ranges excluding their `\n`) gives the
/// same lines as [`wrap`].
pub fn wrap_range(text: &str, range: Range<usize>, width: usize, out: &mut Vec<Range<usize>>) {
    let width = width.max(1);
    let end = floor_boundary(text, range.end);
    let mut start = floor_boundary(text, range.start).min(end);
    loop {
        let para_end = text
            .get(start..end)
            .and_then(|s| s.find('\n'))
            .map_or(end, |k| start + k);
        wrap_paragraph(text, start, para_end, width, out);
        if para_end >= end {
            break;
        }
        start = para_end + 1;
    }
}

/// Breakable whitespace: drawn blank and allows a line break after it.
fn is_break_space(c: char) -> bool {
    c.is_whitespace()
        && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
        && matches!(super::sanitize::glyph(c), Glyph::Plain(_) | Glyph::Tab)
}

/// Greedy wrap of one paragraph `start..end` (no `\n` inside).
fn wrap_paragraph(text: &str, start: usize, end: usize, width: usize, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut line_start = start;
    let mut col = 0usize;
    // Start of the last word on this line and the column it starts at.
    let mut brk: Option<(usize, usize)> = None;
    let mut prev_space = false;
    let mut i = start;
    while i < end {
        let b = bytes[i];
        let (w, len, space) = if (0x21..0x7F).contains(&b) {
            (1, 1, false)
        } else if b == b' ' {
            (1, 1, true)
        } else {
            let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
                break;
            };
            let g = glyph_in_text(text, i, c);
            (glyph_width(&g, col), c.len_utf8(), is_break_space(c))
        };
        if space {
            col += w;
            prev_space = true;
            i += len;
            continue;
        }
        if prev_space && w > 0 {
            brk = Some((i, col));
            prev_space = false;
        }
        if w > 0 && col + w > width {
            if let Some((b_at, b_col)) = brk.filter(|&(b_at, _)| b_at > line_start) {
                out.push(line_start..b_at);
                line_start = b_at;
                col -= b_col;
                brk = None;
            }
            if col > 0 && col + w > width {
                out.push(line_start..i);
                line_start = i;
                col = 0;
                brk = None;
            }
        }
        col += w;
        i += len;
    }
    out.push(line_start..end);
}

/// Index of the line containing byte offset `byte` (binary search).
///
/// An offset on a `\n` or in trailing whitespace maps to the line it ends;
/// offsets past the end map to the last line; an empty index gives 0.
pub fn line_of(lines: &[Range<usize>], byte: usize) -> usize {
    lines.partition_point(|r| r.start <= byte).saturating_sub(1)
}

/// The byte offset drawn at display column `col` of `line` (for mouse clicks).
///
/// A column inside a wide glyph, marker or tab maps to that glyph's start; a
/// column past the end maps to the line's end. The line is clamped to the text.
pub fn column_to_byte(text: &str, line: Range<usize>, col: usize) -> usize {
    let end = floor_boundary(text, line.end);
    let start = floor_boundary(text, line.start).min(end);
    let mut x = 0;
    for (k, c) in text[start..end].char_indices() {
        let i = start + k;
        let w = glyph_width(&glyph_in_text(text, i, c), x);
        if col < x + w {
            return i;
        }
        x += w;
    }
    end
}
