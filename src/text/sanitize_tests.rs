//! Tests for `sanitize`: hostile input never survives cleaning.

use super::sanitize::*;
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// Chars that must never reach the terminal (except `\n` where `allow_nl`).
fn forbidden(c: char, allow_nl: bool) -> bool {
    matches!(c,
        '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{180E}' | '\u{2028}' | '\u{2029}'
        | '\u{E0000}'..='\u{E007F}')
        && !(allow_nl && c == '\n')
}

/// Asserts no forbidden char survives in `out`, except ZWJ/ZWNJ where the context rules allow it.
fn assert_clean(input: &str, out: &str, allow_nl: bool) {
    let chars: Vec<char> = out.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        if matches!(c, '\u{200C}' | '\u{200D}') {
            let prev = k.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(k + 1).copied();
            assert!(
                matches!(glyph_in_context(prev, c, next), Glyph::Plain(_)),
                "joiner survived outside a sequence in {input:?}"
            );
            continue;
        }
        assert!(
            !forbidden(c, allow_nl),
            "U+{:04X} survived in {input:?} -> {out:?}",
            c as u32
        );
    }
}

/// ESC/OSC/CSI sequences become visible symbols and markers, nothing raw survives.
#[test]
fn escape_sequences_become_visible() {
    let s = "\x1b]0;title\x07 \x1b[31mred \u{9b}2J";
    let line = clean_line(s);
    assert_eq!(line, "␛]0;title␇ ␛[31mred ⟨U+009B⟩2J");
    assert_clean(s, &line, false);
    let block = clean_block(s);
    assert_clean(s, &block, true);
}

/// Context-free classification of each hidden category.
#[test]
fn glyph_classification() {
    assert_eq!(glyph('\x1b'), Glyph::Symbol('␛'));
    assert_eq!(glyph('\0'), Glyph::Symbol('␀'));
    assert_eq!(glyph('\x7f'), Glyph::Symbol('␡'));
    assert_eq!(glyph('\u{85}'), Glyph::Marker('\u{85}'));
    assert_eq!(glyph('\u{202E}'), Glyph::Marker('\u{202E}'));
    assert_eq!(glyph('\u{200B}'), Glyph::Marker('\u{200B}'));
    assert_eq!(glyph('\u{2029}'), Glyph::Marker('\u{2029}'));
    assert_eq!(glyph('\u{AD}'), Glyph::Plain('\u{AD}'));
    assert_eq!(glyph('\t'), Glyph::Tab);
    assert_eq!(glyph('\n'), Glyph::Newline);
    assert_eq!(glyph('é'), Glyph::Plain('é'));
}

/// ZWJ is plain inside emoji ZWJ sequences but a marker between letters.
#[test]
fn zwj_context() {
    let family = '👨';
    assert_eq!(
        glyph_in_context(Some(family), '\u{200D}', Some('👩')),
        Glyph::Plain('\u{200D}')
    );
    assert_eq!(
        glyph_in_context(Some('\u{FE0F}'), '\u{200D}', Some('🌈')),
        Glyph::Plain('\u{200D}')
    );
    assert_eq!(
        glyph_in_context(Some('a'), '\u{200D}', Some('b')),
        Glyph::Marker('\u{200D}')
    );
    assert_eq!(
        glyph_in_context(None, '\u{200D}', Some('👩')),
        Glyph::Marker('\u{200D}')
    );
    assert_eq!(
        glyph_in_context(Some('❤'), '\u{FE0F}', None),
        Glyph::Plain('\u{FE0F}')
    );
    assert_eq!(
        glyph_in_context(Some('1'), '\u{FE0F}', Some('\u{20E3}')),
        Glyph::Plain('\u{FE0F}')
    );
    assert_eq!(
        glyph_in_context(Some('a'), '\u{FE0F}', None),
        Glyph::Marker('\u{FE0F}')
    );
}

/// Every sequence in Unicode's emoji-zwj-sequences.txt is drawn without markers.
#[test]
fn emoji_zwj_sequences_plain() {
    let Some(path) = crate::test_support::shared("testdata/hostile/emoji-zwj-sequences.txt") else {
        return;
    };
    let data = std::fs::read_to_string(path).unwrap();
    let mut n = 0;
    for line in data.lines() {
        let Some(field) = line
            .split(';')
            .next()
            .filter(|f| !line.starts_with('#') && !f.trim().is_empty())
        else {
            continue;
        };
        let seq: String = field
            .split_whitespace()
            .filter_map(|h| u32::from_str_radix(h, 16).ok().and_then(char::from_u32))
            .collect();
        assert!(
            matches!(clean_line(&seq), Cow::Borrowed(_)),
            "markers in {seq:?} ({field})"
        );
        assert_eq!(scan_hidden(&seq).count, 0, "{field}");
        n += 1;
    }
    assert!(n > 1000, "parsed only {n} sequences");
}

/// Marker width matches the width of the text actually drawn for it.
#[test]
fn marker_width_matches_drawn_text() {
    for c in ['\u{85}', '\u{202E}', '\u{FEFF}', '\u{E0041}', '\u{E0100}'] {
        let g = glyph(c);
        let mut s = String::new();
        let w = push_glyph(&mut s, g, 0);
        assert_eq!(w, s.width(), "{s}");
        assert_eq!(w, glyph_width(&g, 0));
    }
    let mut s = String::new();
    push_glyph(&mut s, glyph('\u{85}'), 0);
    assert_eq!(s, "⟨U+0085⟩");
}

/// Tab width reaches the next tab stop from any column.
#[test]
fn tab_width() {
    assert_eq!(glyph_width(&Glyph::Tab, 0), 4);
    assert_eq!(glyph_width(&Glyph::Tab, 1), 3);
    assert_eq!(glyph_width(&Glyph::Tab, 3), 1);
    assert_eq!(glyph_width(&Glyph::Tab, 4), 4);
    assert_eq!(glyph_width(&Glyph::Plain('漢'), 0), 2);
    assert_eq!(glyph_width(&Glyph::Plain('\u{301}'), 0), 0);
}

/// Clean strings are returned borrowed; changed ones owned.
#[test]
fn clean_fast_path_borrows() {
    assert!(matches!(clean_line("plain ascii"), Cow::Borrowed(_)));
    assert!(matches!(clean_line("naïve 漢字 👍🏽"), Cow::Borrowed(_)));
    assert!(matches!(clean_block("two\nlines"), Cow::Borrowed(_)));
    assert!(matches!(clean_line("two\nlines"), Cow::Owned(_)));
    assert!(matches!(clean_block("tab\there"), Cow::Owned(_)));
}

/// clean_line shows newlines as ⏎ and tabs as one space; clean_block expands tabs per line.
#[test]
fn newline_and_tab_handling() {
    assert_eq!(clean_line("a\nb\tc"), "a⏎b c");
    assert_eq!(clean_block("a\tb\nab\tc"), "a   b\nab  c");
    assert_eq!(clean_block("\u{202E}\tx"), "⟨U+202E⟩    x");
}

/// scan_hidden counts every hidden char, the first offset, and distinct kinds in order.
#[test]
fn scan_hidden_report() {
    let r = scan_hidden("ok \u{202E}evil\u{200B} \x1b[0m 👨\u{200D}👩 a\u{200D}b");
    assert_eq!(r.count, 4);
    assert_eq!(r.first_offset, Some(3));
    assert_eq!(r.kinds, vec!["bidi", "zero-width", "control"]);
    assert_eq!(scan_hidden("clean text é"), HiddenReport::default());
}

/// Every line of the Big List of Naughty Strings comes out of clean_line without forbidden chars.
#[test]
fn blns_lines_clean() {
    let Some(path) = crate::test_support::shared("testdata/hostile/blns.txt") else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let data = String::from_utf8_lossy(&bytes);
    let mut n = 0;
    for line in data.split('\n') {
        let out = clean_line(line);
        assert_clean(line, &out, false);
        assert_clean(line, &clean_block(line), true);
        n += 1;
    }
    let whole = clean_block(&data);
    assert_clean("blns.txt", &whole, true);
    assert!(n > 500);
}

/// Every char from U+0000 to U+FFFF and the supplementary hidden ranges is cleaned.
#[test]
fn all_bmp_chars_clean() {
    let s: String = (0..=0xFFFFu32)
        .chain(0xE0000..=0xE01EF)
        .filter_map(char::from_u32)
        .collect();
    assert_clean("BMP", &clean_line(&s), false);
    assert_clean("BMP", &clean_block(&s), true);
}

/// scan_hidden on 10 MB of mostly-ASCII text finishes (single pass) and finds the planted chars.
#[test]
fn scan_hidden_large() {
    let mut s = "The quick brown fox jumps over the lazy dog. ".repeat(200_000);
    s.push('\u{202E}');
    let r = scan_hidden(&s);
    assert_eq!(r.count, 1);
    assert_eq!(r.first_offset, Some(s.len() - 3));
}
