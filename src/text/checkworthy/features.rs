//! The features of one sentence: explainable signals (each with the words that fired it)
//! and hashed word uni- and bigrams. The one extraction both the trainer and the tool use.

use std::ops::Range;

/// An explainable signal. The order is the order of the weights in the model asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Signal {
    Number,
    Percent,
    Money,
    Date,
    Comparison,
    Attributed,
    Quotation,
    Name,
    Causal,
    Policy,
    Question,
    FirstPerson,
    SecondPerson,
    Opinion,
    Future,
    Short,
}

impl Signal {
    pub const ALL: [Signal; 16] = [
        Signal::Number,
        Signal::Percent,
        Signal::Money,
        Signal::Date,
        Signal::Comparison,
        Signal::Attributed,
        Signal::Quotation,
        Signal::Name,
        Signal::Causal,
        Signal::Policy,
        Signal::Question,
        Signal::FirstPerson,
        Signal::SecondPerson,
        Signal::Opinion,
        Signal::Future,
        Signal::Short,
    ];

    /// The name a reason starts with ("number: 18 months").
    pub fn name(self) -> &'static str {
        match self {
            Signal::Number => "number",
            Signal::Percent => "percentage",
            Signal::Money => "money",
            Signal::Date => "date",
            Signal::Comparison => "comparison",
            Signal::Attributed => "attributed",
            Signal::Quotation => "quotation",
            Signal::Name => "name",
            Signal::Causal => "cause",
            Signal::Policy => "policy word",
            Signal::Question => "question",
            Signal::FirstPerson => "first person",
            Signal::SecondPerson => "second person",
            Signal::Opinion => "opinion",
            Signal::Future => "future",
            Signal::Short => "short",
        }
    }
}

/// Explainable signals plus one feature that is not a reason: sentence length.
pub const HAND: usize = Signal::ALL.len() + 1;
const LENGTH: usize = Signal::ALL.len();

/// Reusable buffers for [`extract`]: scoring a long article allocates once.
#[derive(Debug, Default, Clone)]
pub struct Features {
    /// Values of the explainable signals (0 or 1) and the length feature.
    pub hand: [f32; HAND],
    /// Where each signal first fired: bytes of the sentence.
    pub evidence: [Option<Range<usize>>; Signal::ALL.len()],
    /// Hashes of the lowercased word unigrams and bigrams (numbers folded to one word).
    pub hashes: Vec<u32>,
    words: Vec<Word>,
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

/// The hash that stands for every number, and for the start of a sentence.
const NUMBER_HASH: u32 = 0x6e75_6d00;
const START_HASH: u32 = 0x0073_7461;

/// Combines two word hashes into a bigram hash.
fn bigram(a: u32, b: u32) -> u32 {
    (a.rotate_left(5) ^ b).wrapping_mul(0x9e37_79b1) ^ 0x5bd1_e995
}

/// A word's lowercase ASCII form in `buf`, or "" when it is long or not ASCII.
fn lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> &'b str {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return "";
    }
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).unwrap_or("")
}

/// The words that carry a signal by themselves, lowercase.
const LEXICON: &[(Signal, &[&str])] = &[
    (Signal::Percent, &["percent", "percentage", "pct"]),
    (
        Signal::Money,
        &[
            "dollars", "dollar", "euros", "euro", "pounds", "cents", "usd", "eur", "bucks",
            "rubles", "roubles", "yen", "yuan",
        ],
    ),
    (
        Signal::Number,
        &[
            "million",
            "millions",
            "billion",
            "billions",
            "trillion",
            "thousand",
            "thousands",
            "hundred",
            "hundreds",
            "dozen",
            "dozens",
            "twice",
            "half",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "fifteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety",
            "triple",
            "tripled",
            "doubled",
            "quadrupled",
        ],
    ),
    (
        Signal::Date,
        &[
            "january",
            "february",
            "march",
            "april",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "yesterday",
            "decade",
            "decades",
            "century",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "year",
            "years",
            "months",
            "weeks",
        ],
    ),
    (
        Signal::Comparison,
        &[
            "more",
            "less",
            "fewer",
            "most",
            "least",
            "than",
            "higher",
            "lower",
            "larger",
            "smaller",
            "bigger",
            "biggest",
            "largest",
            "highest",
            "lowest",
            "increase",
            "increased",
            "increases",
            "decrease",
            "decreased",
            "rise",
            "rose",
            "risen",
            "fell",
            "fallen",
            "grew",
            "grown",
            "dropped",
            "record",
            "only",
            "every",
            "never",
            "ever",
            "first",
            "last",
            "cut",
            "raised",
        ],
    ),
    (
        Signal::Attributed,
        &[
            "said",
            "says",
            "say",
            "wrote",
            "writes",
            "told",
            "tells",
            "tweeted",
            "tweets",
            "posted",
            "claimed",
            "claims",
            "stated",
            "states",
            "reported",
            "announced",
            "admitted",
            "denied",
            "insisted",
            "argued",
            "warned",
            "according",
            "testified",
            "acknowledged",
            "confirmed",
        ],
    ),
    (
        Signal::Causal,
        &[
            "because",
            "caused",
            "cause",
            "causes",
            "due",
            "result",
            "resulted",
            "results",
            "led",
            "leads",
            "therefore",
            "consequently",
            "thanks",
            "responsible",
            "blamed",
        ],
    ),
    (
        Signal::Policy,
        &[
            "tax",
            "taxes",
            "jobs",
            "job",
            "unemployment",
            "economy",
            "budget",
            "deficit",
            "debt",
            "health",
            "insurance",
            "medicare",
            "medicaid",
            "security",
            "war",
            "military",
            "troops",
            "nuclear",
            "oil",
            "energy",
            "education",
            "schools",
            "crime",
            "immigration",
            "immigrants",
            "law",
            "bill",
            "voted",
            "vote",
            "spending",
            "wages",
            "income",
            "trade",
            "inflation",
            "prices",
            "sanctions",
            "weapons",
            "army",
            "government",
            "welfare",
            "pension",
            "pensions",
            "salary",
            "gdp",
            "growth",
            "killed",
            "deaths",
            "died",
            "cases",
            "vaccine",
            "vaccines",
            "emissions",
            "climate",
            "poverty",
            "cost",
            "costs",
            "funding",
            "funded",
            "invaded",
            "invasion",
            "treaty",
            "elected",
            "election",
        ],
    ),
    (
        Signal::FirstPerson,
        &[
            "i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll", "we", "us", "our",
            "ours", "we're", "we've", "we'll", "let's",
        ],
    ),
    (
        Signal::SecondPerson,
        &["you", "your", "yours", "you're", "you've"],
    ),
    (
        Signal::Opinion,
        &[
            "think",
            "believe",
            "feel",
            "hope",
            "wish",
            "want",
            "should",
            "must",
            "ought",
            "love",
            "hate",
            "great",
            "wonderful",
            "terrible",
            "horrible",
            "good",
            "bad",
            "thank",
            "agree",
            "disagree",
            "opinion",
            "probably",
            "maybe",
            "perhaps",
            "seems",
            "guess",
            "wrong",
            "right",
            "nice",
            "proud",
            "honored",
            "glad",
            "pleased",
        ],
    ),
    (
        Signal::Future,
        &[
            "will", "going", "gonna", "would", "could", "might", "plan", "promise", "tomorrow",
            "future", "won't", "shall", "intend",
        ],
    ),
];

/// Slots of the lexicon's hash table (a power of two, about three times the lexicon's
/// size; 8 KiB, so it stays in the cache beside the model's n-gram weights).
const SLOTS: usize = 1024;

/// Lexicon words by their hash (as [`fnv`] computes it): open addressing, linear probing.
fn lexicon() -> &'static [(u32, Option<Signal>)] {
    static TABLE: std::sync::OnceLock<Vec<(u32, Option<Signal>)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![(0u32, None); SLOTS];
        for (signal, words) in LEXICON {
            for w in *words {
                let h = fnv(w);
                let mut at = h as usize & (SLOTS - 1);
                while let (other, Some(_)) = table[at] {
                    if other == h {
                        break;
                    }
                    at = (at + 1) & (SLOTS - 1);
                }
                if table[at].1.is_none() {
                    table[at] = (h, Some(*signal));
                }
            }
        }
        table
    })
}

/// The signal a word carries by itself, found by its hash (about one probe per word).
fn word_signal(table: &[(u32, Option<Signal>)], hash: u32) -> Option<Signal> {
    let mut at = hash as usize & (SLOTS - 1);
    loop {
        match table[at] {
            (h, Some(signal)) if h == hash => return Some(signal),
            (_, None) => return None,
            _ => at = (at + 1) & (SLOTS - 1),
        }
    }
}

/// Capitalised words that are not names where they stand (pronouns, function words).
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "i" | "the"
            | "a"
            | "an"
            | "and"
            | "but"
            | "or"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "you"
            | "this"
            | "that"
            | "in"
            | "on"
            | "at"
            | "of"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
    )
}

/// True for the characters that open or close a quotation.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

impl Features {
    /// The evidence of `signal` as text of `sentence`.
    pub fn words_of<'s>(&self, sentence: &'s str, signal: Signal) -> Option<&'s str> {
        let r = self.evidence[signal as usize].clone()?;
        sentence.get(r)
    }

    fn fire(&mut self, signal: Signal, range: Range<usize>) {
        let i = signal as usize;
        self.hand[i] = 1.0;
        if self.evidence[i].is_none() {
            self.evidence[i] = Some(range);
        }
    }
}

/// The marks outside words that signals look at, with their byte offsets.
#[derive(Debug, Default)]
struct Marks {
    /// The first quotation mark's start and the last one's end.
    quotes: [Option<usize>; 2],
    quote_count: usize,
    /// The last question mark.
    question: Option<usize>,
    money_sign: Option<usize>,
    percent_sign: Option<usize>,
}

impl Marks {
    /// Notes a char outside words (not a space) at byte `i`.
    fn note(&mut self, c: char, i: usize) {
        if is_quote(c) {
            self.quote_count += 1;
            if self.quotes[0].is_none() {
                self.quotes[0] = Some(i);
            } else {
                self.quotes[1] = Some(i + c.len_utf8());
            }
        } else if c == '?' {
            self.question = Some(i);
        } else if matches!(c, '$' | '£' | '€' | '¥' | '₽') {
            self.money_sign.get_or_insert(i);
        } else if c == '%' {
            self.percent_sign.get_or_insert(i);
        }
    }
}

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

/// ASCII bytes by what the tokenizer makes of them.
const ALNUM: u8 = 1;
const SPACE: u8 = 2;
/// `'` and `-`: inside a word when a letter or digit follows.
const JOINER: u8 = 3;
/// `.` and `,`: inside a number ("3.5", "1,000").
const DECIMAL: u8 = 4;
const OTHER: u8 = 0;
/// A byte of a non-ASCII char: the char is decoded.
const WIDE: u8 = 5;

/// The class of every byte: ASCII ones as `char::is_alphanumeric` and `char::is_whitespace`
/// see them, [`WIDE`] for the rest.
const CLASS: [u8; 256] = {
    let mut table = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            SPACE
        } else if matches!(c, b'\'' | b'-') {
            JOINER
        } else if matches!(c, b'.' | b',') {
            DECIMAL
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// The char starting at byte `i` of `s` (a char boundary below `s.len()`).
fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or('\0')
}

/// Whether the char starting at byte `i` is a letter or digit (false at the end).
fn alnum_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => false,
        Some(&b) if b < 0x80 => CLASS[usize::from(b)] == ALNUM,
        Some(_) => char_at(s, i).is_alphanumeric(),
    }
}

/// A word being read: where it started, its hash so far ([`fnv`], one byte at a time).
struct Open {
    start: usize,
    hash: u32,
    capital: bool,
    digit: bool,
}

impl Open {
    fn new(start: usize, capital: bool) -> Open {
        Open {
            start,
            hash: FNV_OFFSET,
            capital,
            digit: false,
        }
    }

    fn step(&mut self, b: u8) {
        self.hash = (self.hash ^ u32::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
    }

    fn close(self, end: usize) -> Word {
        Word {
            range: self.start..end,
            hash: if self.digit { NUMBER_HASH } else { self.hash },
            capital: self.capital,
            digit: self.digit,
        }
    }
}

/// Splits into words (letters and digits, with inner apostrophes, hyphens, and the '.' or ','
/// of "3.5" and "1,000"), hashing each as it goes; notes every other non-space char in
/// `marks`. One pass over the bytes; only non-ASCII chars are decoded.
fn words(s: &str, out: &mut Vec<Word>, marks: &mut Marks) {
    out.clear();
    let bytes = s.as_bytes();
    let mut open: Option<Open> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let class = CLASS[usize::from(b)];
        if class != WIDE {
            let inside = match class {
                ALNUM => true,
                JOINER => open.is_some() && alnum_at(s, i + 1),
                DECIMAL => {
                    open.is_some()
                        && i > 0
                        && bytes[i - 1].is_ascii_digit()
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                }
                _ => false,
            };
            if inside {
                let w = open.get_or_insert_with(|| Open::new(i, b.is_ascii_uppercase()));
                w.step(b);
                w.digit |= b.is_ascii_digit();
                i += 1;
                // The rest of a run of ASCII letters and digits, the common case: an ASCII
                // letter or digit lowercases by setting bit 5, and the digits are below '@'.
                while let Some(&b) = bytes.get(i) {
                    if CLASS[usize::from(b)] != ALNUM {
                        break;
                    }
                    w.hash = (w.hash ^ u32::from(b | 0x20)).wrapping_mul(FNV_PRIME);
                    w.digit |= b < b'@';
                    i += 1;
                }
                continue;
            } else {
                if let Some(w) = open.take() {
                    out.push(w.close(i));
                }
                if class != SPACE {
                    marks.note(char::from(b), i);
                }
            }
            i += 1;
            continue;
        }
        let c = char_at(s, i);
        let len = c.len_utf8();
        let inside = match c {
            '’' => open.is_some() && alnum_at(s, i + len),
            // Dashes, curly quotes, bullets, ellipses: no letter among them.
            '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}' => false,
            c => c.is_alphanumeric(),
        };
        if inside {
            let w = open.get_or_insert_with(|| Open::new(i, c.is_uppercase()));
            if c == '’' {
                w.step(b'\'');
            } else {
                bytes[i..i + len].iter().for_each(|&b| w.step(b));
            }
        } else {
            if let Some(w) = open.take() {
                out.push(w.close(i));
            }
            if !c.is_whitespace() {
                marks.note(c, i);
            }
        }
        i += len;
    }
    if let Some(w) = open {
        out.push(w.close(s.len()));
    }
}

/// True when only spaces separate two words (no comma, stop or quotation mark).
fn spaced(s: &str, a: &Word, b: &Word) -> bool {
    let Some(between) = s.as_bytes().get(a.range.end..b.range.start) else {
        return false;
    };
    if between.is_ascii() {
        return between.iter().all(|&b| CLASS[usize::from(b)] == SPACE);
    }
    s.get(a.range.end..b.range.start)
        .is_some_and(|between| between.chars().all(char::is_whitespace))
}

/// Fills `f` with the features of `sentence`.
pub fn extract(sentence: &str, f: &mut Features) {
    f.hand = [0.0; HAND];
    f.evidence = Default::default();
    f.hashes.clear();
    let mut words_buf = std::mem::take(&mut f.words);
    let mut marks = Marks::default();
    words(sentence, &mut words_buf, &mut marks);
    let Marks {
        quotes,
        quote_count,
        question,
        money_sign,
        percent_sign,
    } = marks;
    let ws = &words_buf;
    let mut buf = [0u8; 24];
    let mut prev_hash = START_HASH;
    let lexicon = lexicon();
    for (k, w) in ws.iter().enumerate() {
        f.hashes.push(w.hash);
        f.hashes.push(bigram(prev_hash, w.hash));
        prev_hash = w.hash;
        let signal = word_signal(lexicon, w.hash);
        // A capitalised word inside the sentence may be the first name (its evidence).
        let maybe_name =
            w.capital && k > 0 && !w.digit && f.evidence[Signal::Name as usize].is_none();
        if !(w.digit || signal.is_some() || maybe_name) {
            continue;
        }
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
        let low = if signal.is_some() || maybe_name {
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
        // Only the first name is evidence: later ones change nothing.
        if maybe_name && !is_function_word(low) {
            let mut end = k;
            while end + 1 < ws.len()
                && ws[end + 1].capital
                && spaced(sentence, &ws[end], &ws[end + 1])
                && end + 1 - k < 4
            {
                end += 1;
            }
            f.fire(Signal::Name, w.range.start..ws[end].range.end);
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
    f.words = words_buf;
}

#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every lexicon word has a hash of its own, and none is the number or start hash.
    #[test]
    fn lexicon_hashes_are_distinct() {
        let mut seen = std::collections::HashMap::new();
        for (_, words) in LEXICON {
            for w in *words {
                if let Some(other) = seen.insert(fnv(w), *w) {
                    assert_eq!(other, *w, "{other} and {w} share a hash");
                }
            }
        }
        assert!(!seen.contains_key(&NUMBER_HASH) && !seen.contains_key(&START_HASH));
        assert_eq!(
            word_signal(lexicon(), fnv("Percent")),
            Some(Signal::Percent)
        );
        assert_eq!(
            word_signal(lexicon(), fnv("I’m")),
            Some(Signal::FirstPerson)
        );
        assert_eq!(word_signal(lexicon(), fnv("ferry")), None);
    }
}
