//! A cheap heuristic guess at who made a quoted or attributed statement.

/// Speech verbs that attribute a statement.
const VERBS: &[&str] = &[
    "said",
    "says",
    "wrote",
    "writes",
    "told",
    "tells",
    "tweeted",
    "tweets",
    "posted",
    "posts",
    "claimed",
    "claims",
    "stated",
    "states",
    "argued",
    "argues",
    "added",
    "adds",
    "insisted",
    "insists",
    "explained",
    "explains",
    "replied",
    "replies",
    "responded",
    "responds",
    "announced",
    "announces",
    "noted",
    "notes",
    "warned",
    "warns",
    "asserted",
    "asserts",
    "denied",
    "denies",
    "admitted",
    "admits",
    "confirmed",
    "confirms",
    "revealed",
    "reveals",
    "promised",
    "promises",
    "acknowledged",
    "acknowledges",
    "testified",
    "testifies",
];

/// Lowercase words allowed between a name and its verb ("Musk had said", "Bremmer also wrote").
const AUXILIARIES: &[&str] = &[
    "had",
    "has",
    "have",
    "also",
    "then",
    "later",
    "earlier",
    "reportedly",
    "previously",
    "recently",
    "once",
    "again",
    "publicly",
    "privately",
    "first",
    "would",
    "will",
    "later",
];

/// Titles and roles stripped from the front of a name ("Kremlin spokesman Dmitry Peskov").
const ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "vice",
    "minister",
    "prime",
    "secretary",
    "senator",
    "sen",
    "rep",
    "representative",
    "governor",
    "gov",
    "general",
    "gen",
    "ceo",
    "founder",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "analyst",
    "professor",
    "prof",
    "dr",
    "mr",
    "mrs",
    "ms",
    "mx",
    "sir",
    "dame",
    "lord",
    "lady",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "justice",
    "mayor",
    "chancellor",
    "ambassador",
    "commander",
    "colonel",
    "col",
    "lt",
    "captain",
    "capt",
    "sgt",
    "sergeant",
    "officer",
    "chief",
    "leader",
    "adviser",
    "advisor",
    "economist",
    "expert",
    "author",
    "journalist",
    "reporter",
    "editor",
    "billionaire",
    "owner",
    "deputy",
    "official",
    "press",
    "head",
    "candidate",
    "lawmaker",
    "newspaper",
    "agency",
    "magazine",
    "broadcaster",
    "channel",
    "website",
    "daily",
    "outlet",
];

/// Lowercase particles allowed inside a name ("Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du", "dos", "das",
    "bin", "ibn", "al", "el", "ter", "ten",
];

/// Capitalised words that are never names (sentence starters, pronouns).
const NOT_NAMES: &[&str] = &[
    "He",
    "She",
    "They",
    "It",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "The",
    "A",
    "An",
    "There",
    "Who",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "Then",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "According",
    "No",
    "Yes",
    "Some",
    "Many",
    "Officials",
    "Experts",
    "Critics",
    "Sources",
    "Reports",
];

/// One word of the sentence with its byte span and whether punctuation separates it from the previous word.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    punct_before: bool,
}

/// Splits `s` into word tokens (letters, digits, inner apostrophes and hyphens).
fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut punct = false;
    let mut start: Option<usize> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner = matches!(c, '\'' | '’' | '-')
            && start.is_some()
            && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_uppercase()
            && let Some(st) = start
            && glued(&s[st..i])
            && chars.peek().is_some_and(|&(_, n)| n.is_lowercase())
        {
            // "devastatingMusk": words run together where markup was stripped.
            out.push(Token {
                text: &s[st..i],
                start: st,
                end: i,
                punct_before: punct,
            });
            punct = true;
            start = Some(i);
            continue;
        }
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
            continue;
        }
        if let Some(st) = start.take() {
            out.push(Token {
                text: &s[st..i],
                start: st,
                end: i,
                punct_before: punct,
            });
            punct = false;
        }
        // A '.' after a single capital letter is an initial, not a separator.
        let initial = c == '.' && out.last().is_some_and(|t| t.end == i && is_initial(t.text));
        if !c.is_whitespace() && !initial {
            punct = true;
        }
    }
    if let Some(st) = start {
        out.push(Token {
            text: &s[st..],
            start: st,
            end: s.len(),
            punct_before: punct,
        });
    }
    out
}

/// True when a word so far ends in four lowercase letters: an uppercase letter next starts
/// a new word that lost its space ("devastatingMusk"), not a name like "McDonald".
fn glued(so_far: &str) -> bool {
    so_far
        .chars()
        .rev()
        .take(4)
        .filter(|c| c.is_lowercase())
        .count()
        == 4
}

/// True for a single uppercase letter.
fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next()), (Some(x), None) if x.is_uppercase())
}

/// True for a capitalised word that could be part of a name.
fn is_cap(t: &Token<'_>) -> bool {
    t.text.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&t.text)
}

/// True when `w` is in `list`, ignoring ASCII case.
fn in_list(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Builds the name from tokens, dropping leading roles and normalising whitespace.
fn name_from(s: &str, toks: &[Token<'_>]) -> Option<String> {
    let after_role = toks
        .iter()
        .rposition(|t| in_list(ROLES, t.text))
        .map_or(0, |k| k + 1);
    let toks = &toks[after_role..];
    let first = toks.iter().position(is_cap)?;
    let last = toks.iter().rposition(is_cap)?;
    let toks = &toks[first..=last];
    let toks = &toks[toks.len().saturating_sub(4)..];
    let (a, b) = (toks.first()?, toks.last()?);
    if !is_cap(a) {
        return None;
    }
    let mut end = b.end;
    if is_initial(b.text) && s[end..].starts_with('.') {
        end += 1;
    }
    Some(
        s[a.start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// True when the tokens end in a capitalised word, possibly followed by more particles.
fn particle_follows_name(toks: &[Token<'_>]) -> bool {
    toks.iter()
        .rev()
        .take(3)
        .find(|t| !in_list(PARTICLES, t.text))
        .is_some_and(is_cap)
}

/// Name ending just before token `v` ("Musk wrote", "Bremmer also wrote").
fn name_before(s: &str, toks: &[Token<'_>], v: usize) -> Option<String> {
    let mut k = v;
    let mut skipped = 0;
    while k > 0 && skipped < 2 && in_list(AUXILIARIES, toks[k - 1].text) && !toks[k].punct_before {
        k -= 1;
        skipped += 1;
    }
    let end = k;
    if toks[end].punct_before {
        return None;
    }
    while k > 0 && end - k < 6 {
        let t = &toks[k - 1];
        let ok = is_cap(t)
            || in_list(ROLES, t.text)
            || (in_list(PARTICLES, t.text) && particle_follows_name(&toks[..k - 1]));
        if !ok {
            break;
        }
        k -= 1;
        if t.punct_before {
            break;
        }
    }
    name_from(s, &toks[k..end])
}

/// The text between token `i - 1` and token `i`, trimmed.
fn separator<'a>(s: &'a str, toks: &[Token<'_>], i: usize) -> &'a str {
    match i.checked_sub(1) {
        Some(p) => s[toks[p].end..toks[i].start].trim(),
        None => s[..toks[i].start].trim(),
    }
}

/// Apposition: "Ian Bremmer, founder of Eurasia Group, wrote": the name before an aside set
/// off by commas that ends just before the verb at `v` (an aside of at most 10 words with no
/// speech verb in it).
fn name_before_aside(s: &str, toks: &[Token<'_>], v: usize) -> Option<String> {
    if v == 0 || separator(s, toks, v) != "," {
        return None;
    }
    let mut j = v - 1;
    while j > 0 && v - j <= 10 {
        if VERBS.contains(&toks[j].text) {
            return None;
        }
        if toks[j].punct_before {
            if separator(s, toks, j) != "," {
                return None;
            }
            let mut shadow = toks[..=j].to_vec();
            shadow[j].punct_before = false;
            return name_before(s, &shadow, j);
        }
        j -= 1;
    }
    None
}

/// Name starting at token `k` ("said Kremlin spokesman Dmitry Peskov", "according to Bremmer").
fn name_after(s: &str, toks: &[Token<'_>], k: usize) -> Option<String> {
    let mut j = k;
    while j < toks.len() && j - k < 8 {
        let t = &toks[j];
        if j > k && t.punct_before {
            break;
        }
        let ok = is_cap(t)
            || in_list(ROLES, t.text)
            || t.text == "the"
            || (in_list(PARTICLES, t.text) && toks.get(j + 1).is_some_and(is_cap));
        if !ok {
            break;
        }
        j += 1;
    }
    name_from(s, &toks[k..j])
}

/// Guesses who made the statement in `sentence`, e.g. "Dmitry Peskov" for
/// `“…,” said Kremlin spokesman Dmitry Peskov.` Returns None when no
/// attribution pattern matches.
///
/// Patterns: "<Name> said/wrote/told/…", "said/wrote <roles> <Name>",
/// "according to <Name>"; a name is 1–4 capitalised words (particles such as
/// "von" allowed), with leading titles and roles removed.
pub fn guess_claimant(sentence: &str) -> Option<String> {
    let toks = tokenize(sentence);
    for (k, t) in toks.iter().enumerate() {
        if t.text.eq_ignore_ascii_case("according")
            && toks
                .get(k + 1)
                .is_some_and(|n| n.text == "to" && !n.punct_before)
            && let Some(name) = name_after(sentence, &toks, k + 2)
        {
            return Some(name);
        }
        if VERBS.contains(&t.text) {
            // "told X" / "announced X" name the listener or the news, not the speaker.
            let inverted = !matches!(t.text, "told" | "tells" | "announced" | "announces");
            let found = name_before(sentence, &toks, k)
                .or_else(|| name_before_aside(sentence, &toks, k))
                .or_else(|| {
                    (inverted && k + 1 < toks.len())
                        .then(|| name_after(sentence, &toks, k + 1))
                        .flatten()
                });
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

/// Whether `sentence` reports speech (a speech verb or "according to") without naming
/// the speaker where the patterns look: "He said so", "the richest man in the world said".
pub(crate) fn reports_speech(sentence: &str) -> bool {
    tokenize(sentence)
        .iter()
        .any(|t| VERBS.contains(&t.text) || t.text.eq_ignore_ascii_case("according"))
}
