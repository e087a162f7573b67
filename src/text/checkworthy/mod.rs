//! Check-worthiness: a score per sentence from a small logistic regression over explainable
//! signals and hashed word n-grams, with the signals that fired as reasons.
//!
//! The weights are `assets/checkworthy.bin`, trained by `examples/train_checkworthy.rs` on
//! the ClaimBuster sentences (Arslan, Hassan, Li & Tremayne, 2020) as CheckThat! 2024 task 1
//! gives them. Scoring is one dot product per sentence.

mod features;

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

pub use features::{Features, HAND, Signal, extract};

/// The weights shipped in the binary.
pub const MODEL_ASSET: &[u8] = include_bytes!("../../../assets/checkworthy.bin");

/// The asset's first bytes, naming the layout and the feature set it was trained for.
pub const MAGIC: &[u8; 8] = b"FDCW0001";

/// A trained model: bias, the explainable signals' weights, and quantised n-gram weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub bias: f32,
    pub hand: [f32; HAND],
    /// Scale of the i8 n-gram weights: weight = scale × q.
    pub scale: f32,
    pub buckets: Vec<i8>,
    /// Probability at or above which a sentence is suggested (tuned on the dev split).
    pub threshold: f32,
}

/// Why an asset could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("not a factdesk check-worthiness model (or one for other features)")]
    Magic,
    #[error("the model is truncated")]
    Truncated,
    #[error("the model's bucket count {0} is not a power of two")]
    Buckets(usize),
}

fn f32_at(bytes: &[u8], at: usize) -> Result<f32, ModelError> {
    let b = bytes.get(at..at + 4).ok_or(ModelError::Truncated)?;
    Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

impl Model {
    /// Reads the layout: magic, bucket count (u32), threshold, bias, scale, `HAND` weights
    /// (f32, little-endian), then one i8 per bucket.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.get(..8) != Some(MAGIC.as_slice()) {
            return Err(ModelError::Magic);
        }
        let n = bytes.get(8..12).ok_or(ModelError::Truncated)?;
        let n = u32::from_le_bytes([n[0], n[1], n[2], n[3]]) as usize;
        if !n.is_power_of_two() {
            return Err(ModelError::Buckets(n));
        }
        let threshold = f32_at(bytes, 12)?;
        let bias = f32_at(bytes, 16)?;
        let scale = f32_at(bytes, 20)?;
        let mut hand = [0.0; HAND];
        for (i, w) in hand.iter_mut().enumerate() {
            *w = f32_at(bytes, 24 + 4 * i)?;
        }
        let from = 24 + 4 * HAND;
        let q = bytes.get(from..from + n).ok_or(ModelError::Truncated)?;
        Ok(Model {
            bias,
            hand,
            scale,
            buckets: q.iter().map(|&b| b as i8).collect(),
            threshold,
        })
    }

    /// The asset bytes of this model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&(self.buckets.len() as u32).to_le_bytes());
        for v in [self.threshold, self.bias, self.scale] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for w in self.hand {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend(self.buckets.iter().map(|&q| q as u8));
        out
    }

    /// The model in the binary; None only if the asset is broken (then nothing is suggested).
    pub fn embedded() -> Option<&'static Model> {
        static MODEL: OnceLock<Option<Model>> = OnceLock::new();
        MODEL
            .get_or_init(|| Model::from_bytes(MODEL_ASSET).ok())
            .as_ref()
    }

    /// The log-odds of features already extracted.
    pub fn logit(&self, f: &Features) -> f32 {
        let mask = self.buckets.len() - 1;
        let q: i32 = f
            .hashes
            .iter()
            .map(|&h| i32::from(self.buckets[h as usize & mask]))
            .sum();
        let hand: f32 = self.hand.iter().zip(&f.hand).map(|(w, x)| w * x).sum();
        self.bias + hand + self.scale * q as f32
    }

    /// The probability that `sentence` is worth checking.
    pub fn score(&self, sentence: &str, scratch: &mut Features) -> f32 {
        extract(sentence, scratch);
        sigmoid(self.logit(scratch))
    }

    /// The score and the reasons for one sentence, strongest first.
    pub fn explain(&self, sentence: &str) -> Explanation {
        let mut f = Features::default();
        let score = self.score(sentence, &mut f);
        let mut reasons: Vec<Reason> = Signal::ALL
            .iter()
            .filter(|s| f.hand[**s as usize] > 0.0 && self.hand[**s as usize] != 0.0)
            .map(|&signal| Reason {
                signal,
                words: f
                    .words_of(sentence, signal)
                    .filter(|_| {
                        !matches!(signal, Signal::Quotation | Signal::Question | Signal::Short)
                    })
                    .map(|w| w.split_whitespace().collect::<Vec<_>>().join(" ")),
                weight: self.hand[signal as usize],
            })
            .collect();
        reasons.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        Explanation {
            score,
            suggested: score >= self.threshold,
            reasons,
        }
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// An explainable signal that fired, with the words that fired it and its learned weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    pub signal: Signal,
    pub words: Option<String>,
    pub weight: f32,
}

impl Reason {
    /// Whether the signal raises the score (else it lowers it).
    pub fn raises(&self) -> bool {
        self.weight > 0.0
    }
}

impl fmt::Display for Reason {
    /// "number: 18 months", "quotation", "against: opinion: think".
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.raises() {
            out.write_str("against: ")?;
        }
        out.write_str(self.signal.name())?;
        if let Some(w) = &self.words {
            write!(out, ": {w}")?;
        }
        Ok(())
    }
}

/// The score of one sentence and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub score: f32,
    pub suggested: bool,
    pub reasons: Vec<Reason>,
}

/// A scored sentence of an article (bytes of its text).
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub range: Range<usize>,
    pub score: f32,
    /// At or above the threshold and not in residue.
    pub suggested: bool,
}

/// Sentences per thread below which one thread scores them all.
const SENTENCES_PER_THREAD: usize = 20_000;
/// The most threads a long article is scored on.
const MAX_THREADS: usize = 4;

/// Scores every sentence of `text`; sentences overlapping a `residue` range (bytes: captions,
/// bylines, navigation) are never suggested. A long article is scored on several threads:
/// sentences are scored one by one, so the result is the same, in the same order.
pub fn score_sentences(
    model: &Model,
    text: &str,
    sentences: &[Range<usize>],
    residue: &[Range<usize>],
) -> Vec<Scored> {
    score_in_parts(model, text, sentences, residue, false)
}

/// [`score_sentences`], keeping only the suggested sentences when `suggested_only` (a
/// 100 MB article has a million sentences: the others are never held).
fn score_in_parts(
    model: &Model,
    text: &str,
    sentences: &[Range<usize>],
    residue: &[Range<usize>],
    suggested_only: bool,
) -> Vec<Scored> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores
        .min(MAX_THREADS)
        .min(sentences.len() / SENTENCES_PER_THREAD);
    if threads < 2 {
        return score_part(model, text, sentences, residue, suggested_only);
    }
    let chunk = sentences.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = sentences
            .chunks(chunk)
            .map(|part| {
                let spawned = std::thread::Builder::new()
                    .name("factdesk-score".into())
                    .spawn_scoped(scope, move || {
                        score_part(model, text, part, residue, suggested_only)
                    });
                // No thread to be had: this one scores the part.
                spawned.map_err(|_| part)
            })
            .collect();
        let parts: Vec<Vec<Scored>> = parts
            .into_iter()
            .map(|part| match part {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(part) => score_part(model, text, part, residue, suggested_only),
            })
            .collect();
        // Joined at their exact size: a vector grown by doubling would hold up to twice.
        let mut all = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        for part in parts {
            all.extend(part);
        }
        all
    })
}

/// [`score_sentences`] on one thread.
fn score_part(
    model: &Model,
    text: &str,
    sentences: &[Range<usize>],
    residue: &[Range<usize>],
    suggested_only: bool,
) -> Vec<Scored> {
    let mut scratch = Features::default();
    sentences
        .iter()
        .map(|r| {
            let score = text
                .get(r.clone())
                .map_or(0.0, |s| model.score(s, &mut scratch));
            let in_residue = residue.iter().any(|x| x.start < r.end && r.start < x.end);
            Scored {
                range: r.clone(),
                score,
                suggested: score >= model.threshold && !in_residue,
            }
        })
        .filter(|s| s.suggested || !suggested_only)
        .collect()
}

/// The suggested sentences of `text` only, in text order: what the app keeps.
pub fn suggestions(text: &str, residue: &[Range<usize>]) -> Vec<Scored> {
    let sentences = crate::text::sentences(text);
    suggestions_of(text, &sentences, residue)
}

/// [`suggestions`] of `text` split into `sentences` already (the app's index has them).
pub fn suggestions_of(
    text: &str,
    sentences: &[Range<usize>],
    residue: &[Range<usize>],
) -> Vec<Scored> {
    let Some(model) = Model::embedded() else {
        return Vec::new();
    };
    let mut scored = score_in_parts(model, text, sentences, residue, true);
    scored.shrink_to_fit();
    scored
}

#[cfg(test)]
mod tests;
