//! Trains the check-worthiness model shipped as `assets/checkworthy.bin`.
//!
//! Logistic regression over factdesk's explainable signals and hashed word uni- and bigrams
//! (`factdesk::text::checkworthy::extract`, the extraction the tool scores with), fitted by
//! deterministic SGD on the CheckThat! 2024 task 1 English train split (the ClaimBuster debate
//! sentences: Arslan, Hassan, Li & Tremayne, 2020, Zenodo 10.5281/zenodo.3609356). The
//! threshold is the one that maximises F1 on the dev split, chosen after the n-gram weights are
//! quantised to i8, so it is the tool's own threshold; dev-test is reported, never tuned on.
//! No sentence of the data goes into the asset: only weights.
//!
//!     cargo run --release --example train_checkworthy -- [DATA_DIR] [--out assets/checkworthy.bin]
//!
//! DATA_DIR defaults to `../shared/testdata/checkworthy` beside the repository.

use std::path::{Path, PathBuf};

use factdesk::text::checkworthy::{Features, HAND, Model, extract};

/// Number of hashed n-gram buckets (one i8 each in the asset).
const BUCKETS: usize = 1 << 15;
const EPOCHS: usize = 12;
const RATE: f32 = 0.05;
const L2: f32 = 2e-6;

/// One labelled sentence, as features.
struct Example {
    hand: [f32; HAND],
    buckets: Vec<u32>,
    label: bool,
}

fn read_split(dir: &Path, split: &str) -> Vec<Example> {
    let path = dir.join(format!("CT24_checkworthy_english_{split}.tsv"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut f = Features::default();
    let mut skipped = 0;
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(_id), Some(sentence), Some(label)) = (cols.next(), cols.next(), cols.next())
        else {
            skipped += 1;
            continue;
        };
        let label = match label.trim() {
            "Yes" => true,
            "No" => false,
            _ => {
                skipped += 1;
                continue;
            }
        };
        extract(sentence, &mut f);
        let mask = BUCKETS as u32 - 1;
        out.push(Example {
            hand: f.hand,
            buckets: f.hashes.iter().map(|h| h & mask).collect(),
            label,
        });
    }
    eprintln!(
        "{split}: {} sentences ({skipped} malformed lines skipped)",
        out.len()
    );
    out
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Float weights during training.
struct Weights {
    bias: f32,
    hand: [f32; HAND],
    buckets: Vec<f32>,
}

impl Weights {
    fn logit(&self, e: &Example) -> f32 {
        let hand: f32 = self.hand.iter().zip(&e.hand).map(|(w, x)| w * x).sum();
        let grams: f32 = e.buckets.iter().map(|&b| self.buckets[b as usize]).sum();
        self.bias + hand + grams
    }
}

/// Deterministic SGD with a decaying rate, in an order shuffled by a seeded xorshift.
fn train(data: &[Example]) -> Weights {
    let mut w = Weights {
        bias: 0.0,
        hand: [0.0; HAND],
        buckets: vec![0.0; BUCKETS],
    };
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed: u64 = 0x0fac_7de5_c0ff_ee00;
    let mut step = 0usize;
    for _ in 0..EPOCHS {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let e = &data[i];
            let rate = RATE / (1.0 + step as f32 / data.len() as f32);
            step += 1;
            let g = sigmoid(w.logit(e)) - f32::from(u8::from(e.label));
            w.bias -= rate * g;
            for (wh, x) in w.hand.iter_mut().zip(&e.hand) {
                *wh -= rate * (g * x + L2 * *wh * data.len() as f32 / 1000.0);
            }
            for &b in &e.buckets {
                let wb = &mut w.buckets[b as usize];
                *wb -= rate * (g + L2 * *wb * data.len() as f32 / 1000.0);
            }
        }
    }
    w
}

/// i8 n-gram weights with one scale; the float bias and signal weights as they are.
fn quantise(w: &Weights) -> Model {
    let max = w
        .buckets
        .iter()
        .fold(0.0f32, |m, x| m.max(x.abs()))
        .max(1e-6);
    let scale = max / 127.0;
    Model {
        bias: w.bias,
        hand: w.hand,
        scale,
        buckets: w
            .buckets
            .iter()
            .map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8)
            .collect(),
        threshold: 0.5,
    }
}

/// Precision, recall and F1 of the positive class at `threshold`.
fn f1(scores: &[(f32, bool)], threshold: f32) -> (f32, f32, f32) {
    let tp = scores.iter().filter(|(s, l)| *s >= threshold && *l).count() as f32;
    let fp = scores
        .iter()
        .filter(|(s, l)| *s >= threshold && !*l)
        .count() as f32;
    let positives = scores.iter().filter(|(_, l)| *l).count() as f32;
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if positives > 0.0 { tp / positives } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Scores with the quantised model exactly as the tool computes them.
fn scores(model: &Model, data: &[Example]) -> Vec<(f32, bool)> {
    let mut f = Features::default();
    data.iter()
        .map(|e| {
            f.hand = e.hand;
            f.hashes.clone_from(&e.buckets);
            (sigmoid(model.logit(&f)), e.label)
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .map_or_else(|| PathBuf::from("assets/checkworthy.bin"), PathBuf::from);
    let dir = args.first().filter(|a| !a.starts_with("--")).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/checkworthy"),
        PathBuf::from,
    );
    let train_set = read_split(&dir, "train");
    let dev = read_split(&dir, "dev");
    let dev_test = read_split(&dir, "dev-test");
    let weights = train(&train_set);
    let mut model = quantise(&weights);
    let dev_scores = scores(&model, &dev);
    let (mut best, mut best_f) = (0.5, -1.0);
    for k in 5..95 {
        let t = k as f32 / 100.0;
        let (_, _, f) = f1(&dev_scores, t);
        if f > best_f {
            (best, best_f) = (t, f);
        }
    }
    model.threshold = best;
    let (p, r, f) = f1(&dev_scores, best);
    println!("threshold {best:.2} (tuned on dev)");
    println!("dev       P {p:.3} R {r:.3} F1 {f:.3}");
    let (p, r, f) = f1(&scores(&model, &dev_test), best);
    println!("dev-test  P {p:.3} R {r:.3} F1 {f:.3}");
    let (p, r, f) = f1(&scores(&model, &train_set), best);
    println!("train     P {p:.3} R {r:.3} F1 {f:.3}");
    println!("signal weights:");
    for s in factdesk::text::checkworthy::Signal::ALL {
        println!("  {:<14} {:+.2}", s.name(), model.hand[s as usize]);
    }
    println!("  {:<14} {:+.2}", "length", model.hand[HAND - 1]);
    println!("  {:<14} {:+.2}", "bias", model.bias);
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    println!("wrote {} ({} bytes)", out.display(), bytes.len());
}
