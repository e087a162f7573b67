//! One-char queries: a short haystack with the same score.
//!
//! Matching one char, `SkimMatcherV2` scores each char that pairs with it on its own:
//! a constant, the match score (less a penalty when the case differs) and the bonus of
//! its position, which depends only on the class of the char before it (start of text,
//! upper case, lower case, digit, hard or soft separator) and its own class, doubled
//! for the first char. Gaps cost nothing, since no earlier query char is matched. The
//! score is the best of these. So one occurrence per (class before, char) stands for
//! all, each written after a char of that class that does not pair with the query:
//! at most 21 chars instead of the whole haystack.

use super::pattern::Pattern;

/// The matcher's classes of the char before a match (its `CharType`, start excepted).
#[derive(Clone, Copy)]
enum Class {
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

impl Class {
    fn of(c: char) -> Class {
        match c {
            ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => Class::HardSep,
            '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => Class::SoftSep,
            '0'..='9' => Class::Number,
            'A'..='Z' => Class::Upper,
            _ => Class::Lower,
        }
    }

    /// Two chars of the class; at most one of them pairs with any query char.
    fn chars(self) -> [char; 2] {
        match self {
            Class::Upper => ['A', 'B'],
            Class::Lower => ['a', 'b'],
            Class::Number => ['0', '1'],
            Class::HardSep => [' ', '/'],
            Class::SoftSep => ['.', ','],
        }
    }
}

/// For a one-char query `p`: writes into `out` a haystack the matcher scores as it
/// scores `hay`, and returns whether `hay` has a char that pairs with `p` (else `out`
/// is meaningless).
pub(super) fn stand_in(pattern: &Pattern, p: char, hay: &str, out: &mut String) -> bool {
    out.clear();
    let mut seen = 0u16;
    let mut prev: Option<char> = None;
    let mut found = false;
    for c in hay.chars() {
        if pattern.pairs(c, p) {
            found = true;
            match prev {
                // The first char of the haystack: written first, so it stays first.
                None => out.push(c),
                Some(before) => {
                    let class = Class::of(before);
                    let key = 1u16 << (class as u16 * 2 + u16::from(c == p));
                    if seen & key == 0 {
                        seen |= key;
                        let [a, b] = class.chars();
                        out.push(if pattern.pairs(a, p) { b } else { a });
                        out.push(c);
                    }
                }
            }
        }
        prev = Some(c);
    }
    found
}
