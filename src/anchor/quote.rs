//! Ranking where a quote may be, as Hypothesis's `match-quote` does, and deciding whether an
//! approximate candidate is close enough to propose.
//!
//! A candidate scores `(50·quote + 20·prefix + 20·suffix + 2·position) / 92`: each part is
//! 1 − edits ÷ length of the quote, the prefix or the suffix against the text at the
//! candidate, and the position part falls linearly with the distance from a hint.

use super::myers::{self, Match};

/// Weights of the quote, prefix, suffix and position parts of a candidate's score.
const WEIGHTS: (f64, f64, f64, f64) = (50.0, 20.0, 20.0, 2.0);

/// The most edits an approximate candidate for a quote of `len` characters may have to be
/// proposed: 2 plus a tenth of its length (3 for a 13-character quote, 17 for 150).
///
/// Short quotes get room for a changed word or figure; long ones about 10 %, so a quote
/// one part of which was rewritten is orphaned rather than proposed. On the shared
/// Wikipedia revisions no sentence of another article comes within it (see the README's
/// "When the article changes" for the figures).
pub fn max_edits(len: usize) -> usize {
    2 + len / 10
}

/// Where to look and what to prefer: the text before and after the quote, and a position.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    pub prefix: &'a [char],
    pub suffix: &'a [char],
    pub hint: Option<usize>,
}

/// A candidate with its score in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub start: usize,
    pub end: usize,
    pub errors: usize,
    pub score: f64,
}

/// How well `pattern` occurs in `text`: 1 − fewest edits ÷ its length (0 when either is
/// empty).
pub fn text_match_score(text: &[char], pattern: &[char]) -> f64 {
    if pattern.is_empty() || text.is_empty() {
        return 0.0;
    }
    1.0 - myers::best_errors(text, pattern) as f64 / pattern.len() as f64
}

/// The score of a candidate `m` for `quote` in `text`.
pub fn score(text: &[char], quote_len: usize, m: Match, context: &Context) -> f64 {
    let (wq, wp, ws, wpos) = WEIGHTS;
    let quote = 1.0 - m.errors as f64 / quote_len.max(1) as f64;
    let prefix = match context.prefix {
        [] => 1.0,
        p => text_match_score(&text[m.start.saturating_sub(p.len())..m.start], p),
    };
    let suffix = match context.suffix {
        [] => 1.0,
        s => text_match_score(&text[m.end..(m.end + s.len()).min(text.len())], s),
    };
    let position = context.hint.map_or(1.0, |hint| {
        1.0 - m.start.abs_diff(hint) as f64 / text.len().max(1) as f64
    });
    (wq * quote + wp * prefix + ws * suffix + wpos * position) / (wq + wp + ws + wpos)
}

/// Scores every candidate and keeps the best: the highest score, then the length nearest
/// the quote's, then the nearest to the hint, then the first.
pub fn best(
    text: &[char],
    quote_len: usize,
    candidates: impl IntoIterator<Item = Match>,
    context: &Context,
) -> Option<Scored> {
    let rank = |s: &Scored| {
        let length = (s.end - s.start).abs_diff(quote_len);
        let distance = context.hint.map_or(0, |h| s.start.abs_diff(h));
        (length, distance)
    };
    candidates
        .into_iter()
        .map(|m| Scored {
            start: m.start,
            end: m.end,
            errors: m.errors,
            score: score(text, quote_len, m, context),
        })
        .fold(None, |best: Option<Scored>, s| match best {
            Some(b) if b.score > s.score + 1e-12 => Some(b),
            Some(b) if (b.score - s.score).abs() <= 1e-12 && rank(&b) <= rank(&s) => Some(b),
            _ => Some(s),
        })
}

/// Hypothesis's `matchQuote`: the exact occurrences of `quote` in `text` if there are any,
/// else the approximate ones with at most min(256, len/2) edits, ranked by [`score`].
pub fn match_quote(text: &[char], quote: &[char], context: &Context) -> Option<Scored> {
    if quote.is_empty() {
        return None;
    }
    let exact: Vec<Match> = text
        .windows(quote.len())
        .enumerate()
        .filter(|(_, w)| *w == quote)
        .map(|(start, _)| Match {
            start,
            end: start + quote.len(),
            errors: 0,
        })
        .collect();
    let candidates = if exact.is_empty() {
        myers::search(text, quote, 256.min(quote.len() / 2))
    } else {
        exact
    };
    let scored = candidates.into_iter().map(|m| Scored {
        start: m.start,
        end: m.end,
        errors: m.errors,
        score: score(text, quote.len(), m, context),
    });
    // The first of the best, as a stable sort by descending score gives.
    scored.fold(None, |best: Option<Scored>, s| match best {
        Some(b) if b.score >= s.score => Some(b),
        _ => Some(s),
    })
}

/// Whether an approximate candidate with `errors` edits is close enough to a quote of
/// `len` characters to propose (see [`max_edits`]).
pub fn close_enough(len: usize, errors: usize) -> bool {
    len > 0 && errors <= max_edits(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// An exact, context-free match scores 1; a fuzzy one less.
    #[test]
    fn exact_scores_one() {
        let text = chars("Many years later, as he faced the firing squad");
        let exact = match_quote(&text, &chars("years later"), &Context::default()).unwrap();
        assert_eq!((exact.start, exact.score), (5, 1.0));
        let fuzzy = match_quote(&text, &chars("yeers later"), &Context::default()).unwrap();
        assert!(fuzzy.score < 1.0 && fuzzy.score > 0.9);
    }

    /// A quote with one part rewritten is refused even when most of it matches; a word
    /// inserted into a long quote is not.
    #[test]
    fn rewritten_part_is_refused() {
        let text = chars("Quisque sit amet est et sapien ullamcorper pharetra. Vestibulum");
        let good = chars("Quisque sit amet est et sapien ullamcorper pharetre");
        let bad = chars("Quisque sit amet est et sapien ullam triceracorn");
        let m = |q: &[char]| myers::search(&text, q, q.len() / 2)[0];
        assert!(close_enough(good.len(), m(&good).errors));
        assert!(!close_enough(bad.len(), m(&bad).errors));
        let long = chars(&"the council said that the bridge would pay ".repeat(3));
        let once = "the council said that the bridge would pay ".repeat(3);
        let inserted = format!("xx {} yy", once.replacen("said", "said reportedly", 1));
        let found = myers::search(&chars(&inserted), &long, long.len() / 2)[0];
        assert!(close_enough(long.len(), found.errors), "{found:?}");
    }
}
