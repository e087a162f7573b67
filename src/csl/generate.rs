//! A deterministic, realistic CSL-JSON library for benches, demos and tests.

use serde_json::{Map, Value, json};

const SUBJECTS: &[&str] = &[
    "EU Commission",
    "Bundestag",
    "WHO",
    "Government",
    "Central bank",
    "Constitutional court",
    "Ministry of Health",
    "Police",
    "New study",
    "Mayor",
    "Parliament",
    "Climate scientists",
    "Farmers' union",
    "National airline",
    "City council",
    "Eurostat",
];
const VERBS: &[&str] = &[
    "announces",
    "denies",
    "confirms",
    "rejects",
    "publishes",
    "warns of",
    "investigates",
    "approves",
    "cuts",
    "doubles",
];
const OBJECTS: &[&str] = &[
    "new climate targets",
    "vaccine rollout figures",
    "rent cap",
    "inflation data",
    "migration report",
    "energy price cap",
    "election results",
    "heat-wave deaths",
    "budget deficit",
    "fuel tax",
    "wolf population figures",
    "school closures",
    "pension reform",
    "unemployment statistics",
];
const QUALIFIERS: &[&str] = &[
    "",
    "",
    " after protests",
    " amid criticism",
    ", report says",
    " for 2024",
    " in record time",
    " despite warnings",
];
/// (container title, URL slug, language)
const PUBLISHERS: &[(&str, &str, &str)] = &[
    ("Süddeutsche Zeitung", "sueddeutsche", "de"),
    ("Reuters", "reuters", "en"),
    ("Agence France-Presse", "afp", "en"),
    ("Le Monde", "lemonde", "fr"),
    ("The Guardian", "theguardian", "en"),
    ("El País", "elpais", "es"),
    ("Der Spiegel", "spiegel", "de"),
    ("Associated Press", "apnews", "en"),
    ("BBC News", "bbc", "en"),
    ("Die Zeit", "zeit", "de"),
    ("Corriere della Sera", "corriere", "it"),
    ("Libération", "liberation", "fr"),
    ("Deutsche Welle", "dw", "en"),
    ("Politico Europe", "politico", "en"),
];
const FAMILIES: &[&str] = &[
    "Müller",
    "Schmidt",
    "Dupont",
    "García",
    "Rossi",
    "Smith",
    "Nowak",
    "Jansen",
    "Bremmer",
    "Okafor",
    "Lefèvre",
    "Andersson",
    "Kowalski",
    "O'Brien",
    "Yılmaz",
    "Fischer",
];
const GIVENS: &[&str] = &[
    "Anna", "Jonas", "Camille", "Lucía", "Marco", "Emma", "Piotr", "Sanne", "Ian", "Chidi",
    "Élodie", "Lars", "Zofia", "Siobhan", "Elif", "Katrin",
];
const ORGANISATIONS: &[&str] = &[
    "World Health Organization",
    "Reuters Fact Check",
    "AFP Factuel",
    "Eurostat",
    "European Centre for Disease Prevention and Control",
];
/// (CSL type, weight out of 100)
const TYPES: &[(&str, u64)] = &[
    ("article-newspaper", 55),
    ("webpage", 15),
    ("report", 10),
    ("post", 8),
    ("interview", 5),
    ("dataset", 4),
    ("article-magazine", 3),
];
const NOTES: &[&str] = &[
    "Quoted in the claim's second paragraph.",
    "Paywalled; archived copy read.",
    "Corrected on the following day.",
    "Primary source for the figures.",
];

/// A deterministic CSL-JSON library of n news-like items, for benches and demos.
///
/// The same `(n, seed)` always gives the same array. Items are shaped like Zotero and
/// Pandoc exports (Zotero item URIs or citation keys as ids, date parts sometimes as
/// strings, literal organisation authors, `language`, `publisher`, `DOI`, `note`), validate
/// against the CSL-JSON schema, and have distinct URLs, so importing them skips none.
pub fn generate_library(n: usize, seed: u64) -> Value {
    let mut rng = Rng(seed ^ 0x5EED_F00D_CAFE_F00D);
    Value::Array((0..n).map(|i| generate_item(i, &mut rng)).collect())
}

fn generate_item(i: usize, rng: &mut Rng) -> Value {
    let (publisher, pub_slug, language) = *rng.pick(PUBLISHERS);
    let title = format!(
        "{} {} {}{}",
        rng.pick(SUBJECTS),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(QUALIFIERS)
    );
    let kind = rng.weighted(TYPES);
    let year = 2015 + rng.below(11);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let url = format!(
        "https://www.{pub_slug}.example/{year}/{month:02}/{}-{i}",
        slug(&title)
    );

    let mut authors = Vec::new();
    if rng.below(100) < 15 {
        authors.push(json!({ "literal": rng.pick(ORGANISATIONS) }));
    } else {
        for _ in 0..rng.below(4) {
            authors.push(json!({ "family": rng.pick(FAMILIES), "given": rng.pick(GIVENS) }));
        }
    }
    let first_family = authors
        .first()
        .and_then(|a| a.get("family"))
        .and_then(Value::as_str)
        .unwrap_or(pub_slug);
    let zotero = rng.below(100) < 30;
    let id = if zotero {
        format!("http://zotero.org/users/123/items/{}", zotero_key(i))
    } else {
        format!(
            "{}{year}{}",
            slug(first_family).replace('-', ""),
            letters(i)
        )
    };
    let issued = if zotero {
        // Zotero writes some date parts as strings.
        json!({ "date-parts": [[year.to_string(), month, day.to_string()]] })
    } else if kind == "report" || kind == "dataset" {
        json!({ "date-parts": [[year, month]] })
    } else {
        json!({ "date-parts": [[year, month, day]] })
    };
    let acc_year = (year + rng.below(2)).min(2025);
    let acc_month = if acc_year == year {
        month + rng.below(13 - month)
    } else {
        1 + rng.below(12)
    };

    let mut o = Map::new();
    o.insert("id".into(), id.into());
    o.insert("type".into(), kind.into());
    o.insert("title".into(), title.into());
    o.insert("container-title".into(), publisher.into());
    // DOIs follow the URL, so two libraries share a DOI only where they share an item.
    let doi = format!("10.5555/{}", url.trim_start_matches("https://www."));
    o.insert("URL".into(), url.into());
    if !authors.is_empty() {
        o.insert("author".into(), authors.into());
    }
    o.insert("issued".into(), issued);
    let acc_day = if acc_year == year && acc_month == month {
        day + rng.below(29 - day)
    } else {
        1 + rng.below(28)
    };
    o.insert(
        "accessed".into(),
        json!({ "date-parts": [[acc_year, acc_month, acc_day]] }),
    );
    o.insert("language".into(), language.into());
    if rng.below(100) < 30 {
        o.insert("publisher".into(), publisher.into());
    }
    if kind == "report" && rng.below(100) < 50 {
        o.insert("DOI".into(), doi.into());
    }
    if rng.below(100) < 20 {
        o.insert("note".into(), rng.pick(NOTES).to_string().into());
    }
    if rng.below(100) < 10 {
        let text = format!("{publisher} reports on {}.", rng.pick(OBJECTS));
        o.insert("abstract".into(), text.into());
    }
    Value::Object(o)
}

/// A URL slug: lowercase ASCII, German umlauts spelled out, other accents dropped.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        let ascii = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'á' | 'à' | 'â' => "a",
            'é' | 'è' | 'ê' => "e",
            'í' | 'ı' => "i",
            'ó' | 'ò' => "o",
            'ñ' => "n",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if ascii == "-" && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push_str(ascii);
    }
    out.trim_end_matches('-').to_string()
}

/// A unique lowercase suffix for a citation key: 0 → "a", 25 → "z", 26 → "ba"…
fn letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (i % 26) as u8);
        i /= 26;
        if i == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A unique 8-character Zotero item key for item `i`.
fn zotero_key(i: usize) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHIJKLMNPQRSTUVWXYZ";
    const LEN: u64 = 33u64.pow(8);
    // Multiplying by a number coprime to 33 is a bijection modulo 33⁸: keys never repeat.
    let mut x = ((i as u64 % LEN) * 1_000_003 + 12_345) % LEN;
    (0..8)
        .map(|_| {
            let c = ALPHABET[(x % ALPHABET.len() as u64) as usize] as char;
            x /= ALPHABET.len() as u64;
            c
        })
        .collect()
}

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn weighted(&mut self, items: &[(&'static str, u64)]) -> &'static str {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut r = self.below(total);
        for (item, w) in items {
            if r < *w {
                return item;
            }
            r -= w;
        }
        items[0].0
    }
}
