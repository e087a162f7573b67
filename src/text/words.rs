//! Word steps for extending and shrinking a selection end.
//!
//! Uses Unicode word boundaries (UAX #29) on a local window around the offset.

use unicode_segmentation::UnicodeSegmentation;

/// Initial size in bytes of the window scanned backwards.
const WINDOW: usize = 256;

/// True when a word-boundary segment is a word (contains a letter or digit).
fn is_word(seg: &str) -> bool {
    seg.chars().any(char::is_alphanumeric)
}

/// Largest char boundary of `text` at or below `i`.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// End of the word at or after `byte`, skipping leading whitespace and punctuation.
///
/// If `byte` is inside a word, that word's end; clamped to `text.len()` when no word follows.
pub fn next_word_end(text: &str, byte: usize) -> usize {
    let start = floor_boundary(text, byte);
    text[start..]
        .split_word_bound_indices()
        .find(|(_, seg)| is_word(seg))
        .map_or(text.len(), |(k, seg)| start + k + seg.len())
}

/// The largest word end strictly before `byte` (0 when there is none).
///
/// With `byte` at the end of a word this is the end of the word before it,
/// so it shrinks a selection end by one word.
pub fn prev_word_end(text: &str, byte: usize) -> usize {
    let byte = floor_boundary(text, byte);
    // A little lookahead so boundaries just before `byte` are decided as in the full text.
    let look = floor_boundary(text, byte.saturating_add(16));
    let mut window = WINDOW;
    loop {
        let mut from = floor_boundary(text, byte.saturating_sub(window));
        if from > 0 {
            // Start just after a whitespace char so the window begins on a word boundary.
            match text[from..byte].find(char::is_whitespace) {
                Some(k) => from += k,
                None => {
                    window = window.saturating_mul(2);
                    continue;
                }
            }
        }
        let best = text[from..look]
            .split_word_bound_indices()
            .filter(|(_, seg)| is_word(seg))
            .map(|(k, seg)| from + k + seg.len())
            .take_while(|&end| end < byte)
            .last();
        if let Some(end) = best {
            return end;
        }
        if from == 0 {
            return 0;
        }
        window = window.saturating_mul(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// next_word_end skips whitespace and punctuation, including curly quotes.
    #[test]
    fn next_word_end_skips_punctuation() {
        let t = "said “no matter what.”, including";
        assert_eq!(next_word_end(t, 0), 4);
        assert_eq!(next_word_end(t, 4), t.find("no").map_or(0, |k| k + 2));
        let after_what = t.find("what").map_or(0, |k| k + 4);
        assert_eq!(next_word_end(t, after_what), t.len());
        assert_eq!(next_word_end(t, t.len()), t.len());
        assert_eq!(next_word_end("...", 0), 3);
    }

    /// Inside a word, next_word_end gives that word's end; apostrophes stay inside words.
    #[test]
    fn next_word_end_inside_word() {
        let t = "Musk’s survey";
        assert_eq!(next_word_end(t, 2), "Musk’s".len());
        assert_eq!(next_word_end("naïve café", 1), "naïve".len());
        assert_eq!(next_word_end("naïve café", 3), "naïve".len()); // 3 is inside 'ï': floored
        assert_eq!(next_word_end("naïve café", 6), "naïve café".len());
    }

    /// prev_word_end shrinks to the end of the previous word, with non-ASCII words and quotes.
    #[test]
    fn prev_word_end_shrinks() {
        let t = "Zelensky posted “Which Elon”";
        let which_end = t.find("Which").map_or(0, |k| k + 5);
        assert_eq!(
            prev_word_end(t, t.find("Elon").map_or(0, |k| k + 4)),
            which_end
        );
        assert_eq!(prev_word_end(t, which_end), "Zelensky posted".len());
        assert_eq!(prev_word_end(t, 8), 0);
        assert_eq!(prev_word_end(t, 0), 0);
        assert_eq!(
            prev_word_end(t, t.len()),
            t.find("Elon").map_or(0, |k| k + 4)
        );
        assert_eq!(
            prev_word_end("café naïve", "café naïve".len()),
            "café".len()
        );
    }

    /// prev_word_end works across a window larger than the initial scan and on long words.
    #[test]
    fn prev_word_end_long_runs() {
        let t = format!("alpha{}omega", " ".repeat(1000));
        assert_eq!(prev_word_end(&t, t.len()), 5);
        let long = format!("x {}", "y".repeat(2000));
        assert_eq!(prev_word_end(&long, long.len()), 1);
        assert_eq!(prev_word_end(&long, 1000), 1);
    }

    /// next and prev are inverse-ish: prev of next returns to the previous word end.
    #[test]
    fn round_trip() {
        let t = "“It is very positive,” said Peskov.";
        let mut ends = Vec::new();
        let mut b = 0;
        while b < t.len() {
            b = next_word_end(t, b);
            ends.push(b);
        }
        for w in ends.windows(2) {
            if w[1] != t.len() || is_word(&t[w[0]..]) {
                assert_eq!(prev_word_end(t, w[1]), w[0]);
            }
        }
    }
}
