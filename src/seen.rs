//! "Seen before": a claim matched against the claims of other verdict files in a folder,
//! offline, by the overlap of their content words and word pairs (Jaccard similarity over
//! shingles, candidates found through an inverted index over content words).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Matches at least this similar are shown.
pub const MIN_SIMILARITY: f32 = 0.45;
/// Verdict files larger than this are skipped when scanning (a case folder's files are small).
const MAX_FILE_BYTES: u64 = 64 << 20;

/// A claim of another case.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub file: PathBuf,
    /// "C3".
    pub label: String,
    pub text: String,
    pub rating: Option<String>,
}

/// A claim found similar to the one asked about.
#[derive(Debug, Clone, PartialEq)]
pub struct Match<'a> {
    pub record: &'a Record,
    pub similarity: f32,
}

impl Match<'_> {
    /// "similar to C3 in 2022-10-musk.factdesk.json — rated False".
    pub fn describe(&self) -> String {
        let name = self.record.file.file_name().map_or_else(
            || self.record.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let rated = match &self.record.rating {
            Some(r) => format!("rated {r}"),
            None => "not rated".to_string(),
        };
        format!("similar to {} in {name} — {rated}", self.record.label)
    }
}

/// Words too common to say two claims are alike.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its",
    "that", "this", "these", "those", "he", "she", "they", "we", "i", "you", "his", "her", "their",
    "our", "not", "no", "will", "would", "can", "could", "said", "says", "than", "there", "which",
    "who", "what", "so", "if", "do", "does", "did", "about", "into", "after",
];

/// The content words of a claim: lowercase, numbers kept, stopwords dropped.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect()
}

/// Shingles: every content word and every pair of neighbouring content words, hashed.
fn shingles(words: &[String]) -> HashSet<u64> {
    let hash = |s: &str| {
        s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })
    };
    let mut out: HashSet<u64> = words.iter().map(|w| hash(w)).collect();
    for pair in words.windows(2) {
        out.insert(hash(&pair[0]).rotate_left(17) ^ hash(&pair[1]) ^ 0x9e37_79b9_7f4a_7c15);
    }
    out
}

/// The claims of many cases, indexed for matching.
#[derive(Debug, Default)]
pub struct Index {
    records: Vec<Record>,
    shingles: Vec<HashSet<u64>>,
    /// Content word → the records holding it.
    postings: HashMap<String, Vec<u32>>,
}

impl Index {
    pub fn new(records: Vec<Record>) -> Index {
        let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
        let mut all = Vec::with_capacity(records.len());
        for (i, r) in records.iter().enumerate() {
            let w = words(&r.text);
            let unique: HashSet<&String> = w.iter().collect();
            for word in unique {
                postings.entry(word.clone()).or_default().push(i as u32);
            }
            all.push(shingles(&w));
        }
        Index {
            records,
            shingles: all,
            postings,
        }
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The most similar claim to `text` (at least [`MIN_SIMILARITY`]), outside `exclude`.
    pub fn best(&self, text: &str, exclude: Option<&Path>) -> Option<Match<'_>> {
        let w = words(text);
        if w.is_empty() {
            return None;
        }
        let mine = shingles(&w);
        // Words in more than a tenth of all claims find too much to be worth following.
        let cap = (self.records.len() / 10).max(50);
        let mut shared: HashMap<u32, u32> = HashMap::new();
        let unique: HashSet<&String> = w.iter().collect();
        for word in unique {
            let Some(list) = self.postings.get(word.as_str()) else {
                continue;
            };
            if list.len() > cap {
                continue;
            }
            for &i in list {
                *shared.entry(i).or_default() += 1;
            }
        }
        shared
            .into_iter()
            .filter(|&(_, n)| n >= 2)
            .filter(|&(i, _)| exclude.is_none_or(|e| self.records[i as usize].file != e))
            .map(|(i, _)| {
                let theirs = &self.shingles[i as usize];
                let inter = mine.intersection(theirs).count() as f32;
                let union = (mine.len() + theirs.len()) as f32 - inter;
                (i, if union > 0.0 { inter / union } else { 0.0 })
            })
            .filter(|&(_, s)| s >= MIN_SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(i, similarity)| Match {
                record: &self.records[i as usize],
                similarity,
            })
    }
}

/// What scanning a folder found: the index, and one line per file that could not be read.
#[derive(Debug, Default)]
pub struct Scan {
    pub index: Index,
    pub skipped: Vec<String>,
}

/// Reads the verdict files (`*.factdesk.json`) directly in `dir`, skipping `exclude` (the
/// open case), files over 64 MiB and files that do not load (each said in `skipped`).
pub fn scan(dir: &Path, exclude: Option<&Path>) -> Scan {
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            skipped.push(format!("{}: {e}", dir.display()));
            return Scan {
                index: Index::default(),
                skipped,
            };
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".factdesk.json"))
        .filter(|p| exclude.is_none_or(|e| !same_file(p, e)))
        .collect();
    paths.sort();
    for path in paths {
        let meta = std::fs::metadata(&path);
        if meta
            .as_ref()
            .is_ok_and(|m| !m.is_file() || m.len() > MAX_FILE_BYTES)
        {
            skipped.push(format!(
                "{}: not a regular file or too large",
                path.display()
            ));
            continue;
        }
        match crate::store::load(&path) {
            Ok(loaded) => records.extend(loaded.case.claims.iter().map(|c| Record {
                file: path.clone(),
                label: format!("C{}", c.number),
                text: c.text.clone(),
                rating: c.verdict.rating.clone(),
            })),
            Err(e) => skipped.push(e.to_string()),
        }
    }
    Scan {
        index: Index::new(records),
        skipped,
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests;
