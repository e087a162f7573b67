//! The feature extraction as it was before the byte tokenizer (factdesk 0.2 development, up
//! to commit a91c999), kept only for tests: the fast path must give the very same features,
//! hence the very same scores and reasons. Lexicon words are looked up in a std `HashMap`
//! built from [`LEXICON`] instead of the open-addressing table, so the table is checked too.

use std::ops::Range;

use super::{
    HAND, LENGTH, LEXICON, NUMBER_HASH, START_HASH, Signal, bigram, is_function_word, is_quote,
    lower,
};

/// What the old extraction computed: the fields of [`super::Features`] that scoring reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Old {
    pub hand: [f32; HAND],
    pub evidence: [Option<Range<usize>>; Signal::ALL.len()],
    pub hashes: Vec<u32>,
}

impl Old {
    fn fire(&mut self, signal: Signal, range: Range<usize>) {
        let i = signal as usize;
        self.hand[i] = 1.0;
        if self.evidence[i].is_none() {
            self.evidence[i] = Some(range);
        }
    }
}

/// The first signal of the lexicon whose word has `hash`.
fn word_signal(hash: u32) -> Option<Signal> {
    static BY_HASH: std::sync::OnceLock<std::collections::HashMap<u32, Signal>> =
        std::sync::OnceLock::new();
    let by_hash = BY_HASH.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        for (signal, words) in LEXICON {
            for w in *words {
                map.entry(fnv(w)).or_insert(*signal);
            }
        }
        map
    });
    by_hash.get(&hash).copied()
}

/// One word of a sentence, classified once.
#[derive(Debug, Clone)]
struct Word {
    range: Range<usize>,
    hash: u32,
    capital: bool,
    digit: bool,
}

/// FNV-1a over a word's bytes, ASCII-lowercased, with ’ read as '.
fn fnv(word: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut step = |b: u8| {
        h ^= u32::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0100_0193);
    };
    if word.is_ascii() {
        word.bytes().for_each(step);
        return h;
    }
    for c in word.chars() {
        match c {
            '’' => step(b'\''),
            c if c.is_ascii() => step(c as u8),
            c => c.encode_utf8(&mut [0; 4]).bytes().for_each(&mut step),
        }
    }
    h
}

/// Splits into words (letters and digits, with inner apostrophes, hyphens, and the '.' or ','
/// of "3.5" and "1,000"); calls `punct` with every other non-space char and its byte offset.
fn words(s: &str, out: &mut Vec<Word>, mut punct: impl FnMut(char, usize)) {
    out.clear();
    let bytes = s.as_bytes();
    let mut start: Option<usize> = None;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let inner = start.is_some()
            && match c {
                '\'' | '’' | '-' => next.is_some_and(char::is_alphanumeric),
                '.' | ',' => {
                    i > 0
                        && bytes[i - 1].is_ascii_digit()
                        && next.is_some_and(|n| n.is_ascii_digit())
                }
                _ => false,
            };
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
            continue;
        }
        if let Some(st) = start.take() {
            out.push(word(s, st..i));
        }
        if !c.is_whitespace() {
            punct(c, i);
        }
    }
    if let Some(st) = start {
        out.push(word(s, st..s.len()));
    }
}

/// True when only spaces separate two words (no comma, stop or quotation mark).
fn spaced(s: &str, a: &Word, b: &Word) -> bool {
    s.get(a.range.end..b.range.start)
        .is_some_and(|between| between.chars().all(char::is_whitespace))
}

fn word(s: &str, range: Range<usize>) -> Word {
    let text = &s[range.clone()];
    let digit = text.bytes().any(|b| b.is_ascii_digit());
    let hash = if digit { NUMBER_HASH } else { fnv(text) };
    Word {
        range,
        hash,
        capital: text.chars().next().is_some_and(char::is_uppercase),
        digit,
    }
}

/// The features of `sentence`, as the old extraction found them.
pub fn extract(sentence: &str) -> Old {
    let mut f = Old {
        hand: [0.0; HAND],
        evidence: Default::default(),
        hashes: Vec::new(),
    };
    let mut words_buf = Vec::new();
    let mut quotes: [Option<usize>; 2] = [None, None];
    let mut quote_count = 0usize;
    let mut question = None;
    let mut money_sign = None;
    let mut percent_sign = None;
    words(sentence, &mut words_buf, |c, i| {
        if is_quote(c) {
            quote_count += 1;
            if quotes[0].is_none() {
                quotes[0] = Some(i);
            } else {
                quotes[1] = Some(i + c.len_utf8());
            }
        } else if c == '?' {
            question = Some(i);
        } else if matches!(c, '$' | '£' | '€' | '¥' | '₽') {
            money_sign.get_or_insert(i);
        } else if c == '%' {
            percent_sign.get_or_insert(i);
        }
    });
    let ws = &words_buf;
    let mut buf = [0u8; 24];
    let mut prev_hash = START_HASH;
    for (k, w) in ws.iter().enumerate() {
        f.hashes.push(w.hash);
        f.hashes.push(bigram(prev_hash, w.hash));
        prev_hash = w.hash;
        let text = &sentence[w.range.clone()];
        let next_end = ws.get(k + 1).map_or(w.range.end, |n| n.range.end);
        if w.digit {
            let after = &sentence[w.range.end..];
            if after.starts_with('%') {
                f.fire(Signal::Percent, w.range.start..w.range.end + 1);
            }
            let year = text.len() == 4
                && text.bytes().all(|b| b.is_ascii_digit())
                && (text.starts_with("19") || text.starts_with("20"));
            if year {
                f.fire(Signal::Date, w.range.clone());
            } else {
                f.fire(Signal::Number, w.range.start..next_end);
            }
            if money_sign.is_some_and(|m| m + 1 >= w.range.start && m < w.range.start) {
                let m = money_sign.unwrap_or(w.range.start);
                f.fire(Signal::Money, m..next_end);
            }
        }
        let signal = word_signal(w.hash);
        let low = if signal.is_some() || w.capital {
            lower(text, &mut buf)
        } else {
            ""
        };
        if let Some(signal) = signal {
            let range = match signal {
                Signal::Attributed if low == "according" => {
                    // "according to the British newspaper Financial Times": up to a name.
                    let mut to = k + 1;
                    while to + 1 < ws.len() && to - k < 5 && !ws[to].capital {
                        to += 1;
                    }
                    w.range.start..ws[to.min(ws.len() - 1)].range.end
                }
                Signal::Attributed => {
                    // "Musk wrote": with the word before, unless punctuation separates them.
                    let from = k
                        .checked_sub(1)
                        .filter(|&p| spaced(sentence, &ws[p], w))
                        .map_or(w.range.start, |p| ws[p].range.start);
                    from..w.range.end
                }
                Signal::Number
                    if matches!(
                        low,
                        "million"
                            | "millions"
                            | "billion"
                            | "billions"
                            | "trillion"
                            | "thousand"
                            | "thousands"
                            | "hundred"
                            | "hundreds"
                    ) =>
                {
                    // "3.5 million": with the number before.
                    let from = k
                        .checked_sub(1)
                        .filter(|&p| spaced(sentence, &ws[p], w))
                        .map_or(w.range.start, |p| ws[p].range.start);
                    from..w.range.end
                }
                Signal::Number => w.range.start..next_end,
                Signal::Money | Signal::Percent => {
                    let from = k
                        .checked_sub(1)
                        .filter(|&p| spaced(sentence, &ws[p], w))
                        .map_or(w.range.start, |p| ws[p].range.start);
                    from..w.range.end
                }
                Signal::Date if w.capital && low.len() > 3 => {
                    // "October 12" with its day; "Tuesday" alone.
                    match ws.get(k + 1) {
                        Some(n) if n.digit && spaced(sentence, w, n) => w.range.start..n.range.end,
                        _ => w.range.clone(),
                    }
                }
                Signal::Date
                    if !w.capital
                        && !matches!(
                            low,
                            "year"
                                | "years"
                                | "months"
                                | "weeks"
                                | "decade"
                                | "decades"
                                | "century"
                        ) =>
                {
                    w.range.clone()
                }
                Signal::Date => {
                    // "year", "months": a date only with a number or "last"/"next" before it.
                    let Some(p) = k.checked_sub(1).map(|p| &ws[p]) else {
                        continue;
                    };
                    let b = &sentence[p.range.clone()];
                    let relative = ["last", "next", "this", "past"]
                        .iter()
                        .any(|r| r.eq_ignore_ascii_case(b));
                    if !(p.digit || relative) {
                        continue;
                    }
                    p.range.start..w.range.end
                }
                _ => w.range.clone(),
            };
            f.fire(signal, range);
        }
        // A capitalised word inside the sentence (not its first word) is a name.
        if w.capital && k > 0 && !is_function_word(low) && !w.digit {
            let mut end = k;
            while end + 1 < ws.len()
                && ws[end + 1].capital
                && spaced(sentence, &ws[end], &ws[end + 1])
                && end + 1 - k < 4
            {
                end += 1;
            }
            if f.evidence[Signal::Name as usize].is_none() {
                f.fire(Signal::Name, w.range.start..ws[end].range.end);
            }
        }
    }
    if let Some(i) = percent_sign.filter(|_| f.evidence[Signal::Percent as usize].is_none()) {
        f.fire(Signal::Percent, i..i + 1);
    }
    if let Some(m) = money_sign.filter(|_| f.evidence[Signal::Money as usize].is_none()) {
        f.fire(Signal::Money, m..m + 1);
    }
    if let (Some(open), Some(close)) = (quotes[0], quotes[1])
        && quote_count >= 2
    {
        let inside = ws
            .iter()
            .filter(|w| w.range.start > open && w.range.end < close)
            .count();
        if inside >= 3 {
            f.fire(Signal::Quotation, open..close);
        }
    }
    if let Some(q) = question {
        // A question mark inside a quotation is the speaker's question, not the sentence's.
        let quoted = quotes[0].is_some_and(|o| o < q) && quotes[1].is_some_and(|c| c > q);
        if !quoted {
            f.fire(Signal::Question, q..q + 1);
        }
    }
    if ws.len() < 6 {
        f.fire(Signal::Short, 0..sentence.len());
    }
    f.hand[LENGTH] = (ws.len().min(40) as f32) / 40.0;
    f
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::Features;
    use super::{Old, extract as old};
    use crate::text::checkworthy::Model;

    /// The first sentence whose features differ between the two extractions, if any; the
    /// embedded model's score (as bits) is compared as well.
    fn first_difference<'a>(sentences: impl IntoIterator<Item = &'a str>) -> Option<String> {
        let model = Model::embedded().expect("the embedded model reads");
        let mut f = Features::default();
        for s in sentences {
            let want = old(s);
            let score = model.score(s, &mut f);
            let got = Old {
                hand: f.hand,
                evidence: f.evidence.clone(),
                hashes: f.hashes.clone(),
            };
            if got != want {
                return Some(format!("{s:?}\n new {got:?}\n old {want:?}"));
            }
            let old_score = sigmoid_of(model, &want);
            if score.to_bits() != old_score.to_bits() {
                return Some(format!("{s:?}: score {score} against {old_score}"));
            }
        }
        None
    }

    fn sigmoid_of(model: &Model, old: &Old) -> f32 {
        let f = Features {
            hand: old.hand,
            evidence: old.evidence.clone(),
            hashes: old.hashes.clone(),
            ..Features::default()
        };
        1.0 / (1.0 + (-model.logit(&f)).exp())
    }

    fn assert_same<'a>(what: &str, sentences: impl IntoIterator<Item = &'a str>) {
        if let Some(difference) = first_difference(sentences) {
            panic!("{what}: the extractions differ on {difference}");
        }
    }

    /// Sentences and whole lines of `text` (a line also holds several sentences at once).
    fn pieces(text: &str) -> Vec<&str> {
        let mut out: Vec<&str> = crate::text::sentences(text)
            .into_iter()
            .filter_map(|r| text.get(r))
            .collect();
        out.extend(text.lines());
        out
    }

    /// The sample article, sentence by sentence and line by line, has the same features,
    /// scores and reasons as before the byte tokenizer.
    #[test]
    fn sample_article_is_scored_as_before() {
        let Some(path) = crate::test_support::shared("sample/musk-putin-article.txt") else {
            return;
        };
        let text = std::fs::read_to_string(path).expect("the sample article reads");
        assert_same("sample article", pieces(&text));
    }

    /// The debate sentences of dev-test are scored as before (so the F1 figures stand).
    #[test]
    fn debate_sentences_are_scored_as_before() {
        let rel = "testdata/checkworthy/CT24_checkworthy_english_dev-test.tsv";
        let Some(path) = crate::test_support::shared(rel) else {
            return;
        };
        let data = std::fs::read_to_string(path).expect("dev-test reads");
        assert_same(
            "dev-test",
            data.lines().filter_map(|l| l.split('\t').nth(1)),
        );
    }

    /// Hostile strings (BLNS, malformed-UTF-8 test lines decoded lossily, emoji sequences,
    /// control and bidi characters, long runs) are scored as before.
    #[test]
    fn hostile_strings_are_scored_as_before() {
        let mut inputs: Vec<String> = Vec::new();
        for rel in [
            "testdata/hostile/blns.txt",
            "testdata/hostile/UTF-8-test.txt",
            "testdata/hostile/emoji-zwj-sequences.txt",
        ] {
            if let Some(path) = crate::test_support::shared(rel) {
                let bytes = std::fs::read(path).expect("hostile data reads");
                inputs.extend(String::from_utf8_lossy(&bytes).lines().map(String::from));
            }
        }
        inputs.extend(
            [
                "",
                " ",
                "\u{0}\u{1b}[31m\u{202e}",
                "3.",
                ".5",
                "1,",
                "a-",
                "-a",
                "it’",
                "’s",
                "x'",
                "\u{a0}\u{85}\u{b}\u{c}\u{2028}",
                "ǅemal İstanbul ÉTAT Σ ß",
                "“quoted” «guillemets» „low“ \"plain\" ?",
                "$5 £3 €4 ¥2 ₽1 $ 5 5$ %5 5 %",
            ]
            .map(String::from),
        );
        inputs.extend([
            "9".repeat(100_000),
            "“".repeat(10_000),
            "A".repeat(50_000),
            "A ".repeat(5_000),
            "1.".repeat(5_000),
        ]);
        assert_same("hostile strings", inputs.iter().map(String::as_str));
    }

    /// Every char up to U+FFFF alone, between letters, between digits and after a word
    /// (the tokenizer has fast paths for ASCII and for punctuation blocks).
    #[test]
    fn every_char_is_scored_as_before() {
        let mut inputs = Vec::new();
        for c in (0..=0xffff_u32).filter_map(char::from_u32) {
            inputs.push(format!("{c}"));
            inputs.push(format!("ab{c}cd"));
            inputs.push(format!("Ab {c}Cd"));
            inputs.push(format!("1{c}2"));
            inputs.push(format!("x {c} y"));
        }
        assert_same("every char", inputs.iter().map(String::as_str));
    }

    /// Words and marks the extraction treats apart: numbers, lexicon words in any case,
    /// names, quotes, currency, apostrophes and hyphens, non-ASCII letters and spaces.
    const VOCABULARY: &[&str] = &[
        "the",
        "The",
        "council",
        "said",
        "Said",
        "SAID",
        "wrote",
        "according",
        "to",
        "40%",
        "40",
        "%",
        "2019",
        "2019,",
        "1999",
        "3.5",
        "1,000",
        "million",
        "Million",
        "billion",
        "$",
        "$3",
        "£",
        "€",
        "₽",
        "euros",
        "percent",
        "PERCENT",
        "October",
        "12",
        "Tuesday",
        "last",
        "year",
        "years",
        "months",
        "more",
        "than",
        "because",
        "tax",
        "I",
        "I’m",
        "i'm",
        "we",
        "you",
        "think",
        "will",
        "won't",
        "won’t",
        "Musk",
        "Ian",
        "Bremmer",
        "Eurasia",
        "Group",
        "Zürich",
        "Élodie",
        "ÉTAT",
        "straße",
        "İzmir",
        "ǅ",
        "“",
        "”",
        "\"",
        "«",
        "»",
        "„",
        "?",
        "!",
        ".",
        ",",
        ";",
        ":",
        "—",
        "-",
        "'",
        "’",
        "(",
        ")",
        "co-op",
        "-year",
        "rock'n'roll",
        "x",
        "Mr",
        "Dr.",
        "A",
        "a",
        "\u{a0}",
        "\u{85}",
        "\u{b}",
        "\t",
        "\n",
        "\u{2028}",
        "٣",
        "三",
        "😀",
        "\u{301}",
        "\u{0}",
    ];

    fn sentence_of(picks: &[usize], joins: &[bool]) -> String {
        let mut out = String::new();
        for (k, (p, join)) in picks.iter().zip(joins).enumerate() {
            if k > 0 && !join {
                out.push(' ');
            }
            out.push_str(VOCABULARY[p % VOCABULARY.len()]);
        }
        out
    }

    /// A deterministic 512 KB of generated prose from that vocabulary, sentence by sentence.
    #[test]
    fn generated_text_is_scored_as_before() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut text = String::new();
        while text.len() < 512 << 10 {
            let r = next();
            text.push_str(VOCABULARY[(r % VOCABULARY.len() as u64) as usize]);
            // Mostly spaced words, sometimes two run together.
            if r >> 32 & 7 != 0 {
                text.push(' ');
            }
        }
        assert_same("generated text", pieces(&text));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Any sentence made of that vocabulary, its words spaced or run together, is
        /// scored as before.
        #[test]
        fn any_sentence_is_scored_as_before(
            picks in proptest::collection::vec(any::<usize>(), 0..40),
            joins in proptest::collection::vec(any::<bool>(), 40),
        ) {
            let s = sentence_of(&picks, &joins);
            let difference = first_difference([s.as_str()]);
            prop_assert!(difference.is_none(), "{}", difference.unwrap_or_default());
        }

        /// Any string at all is scored as before.
        #[test]
        fn any_string_is_scored_as_before(s in "\\PC{0,60}") {
            let difference = first_difference([s.as_str()]);
            prop_assert!(difference.is_none(), "{}", difference.unwrap_or_default());
        }
    }
}
