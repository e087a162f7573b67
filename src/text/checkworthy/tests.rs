//! Tests of the check-worthiness features and model.

use super::*;

fn model() -> &'static Model {
    Model::embedded().expect("the embedded model reads")
}

fn reasons(sentence: &str) -> Vec<String> {
    model()
        .explain(sentence)
        .reasons
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The shipped asset reads, is at most 64 KiB and has a threshold between 0 and 1.
#[test]
fn embedded_model_is_small_and_reads() {
    assert!(
        MODEL_ASSET.len() <= 64 * 1024,
        "{} bytes",
        MODEL_ASSET.len()
    );
    let m = model();
    assert!(m.threshold > 0.0 && m.threshold < 1.0);
    assert_eq!(Model::from_bytes(&m.to_bytes()).as_ref(), Ok(m));
}

/// A broken asset is refused with the reason, never a panic.
#[test]
fn broken_assets_are_refused() {
    assert_eq!(Model::from_bytes(b""), Err(ModelError::Magic));
    assert_eq!(
        Model::from_bytes(b"FDCW0001\x00\x40"),
        Err(ModelError::Truncated)
    );
    let mut bytes = model().to_bytes();
    bytes[8] = 3; // 3 buckets
    assert!(matches!(
        Model::from_bytes(&bytes),
        Err(ModelError::Buckets(_))
    ));
    let mut bytes = model().to_bytes();
    bytes.truncate(bytes.len() - 1);
    assert_eq!(Model::from_bytes(&bytes), Err(ModelError::Truncated));
}

/// Reasons name the signal and the words that fired it.
#[test]
fn reasons_carry_their_words() {
    let r = reasons("Unemployment fell by 40% since 2019, the minister said, costing $3 billion.");
    for want in [
        "percentage: 40%",
        "date: 2019",
        "money: $3 billion",
        "attributed: minister said",
    ] {
        assert!(r.iter().any(|x| x == want), "{want:?} not in {r:?}");
    }
    let r = reasons(
        "“No, it is not. I have only spoken to Putin once and it was about 18 months ago,” Musk wrote.",
    );
    assert!(r.iter().any(|x| x == "number: 18 months"), "{r:?}");
    assert!(r.iter().any(|x| x == "attributed: Musk wrote"), "{r:?}");
    assert!(r.iter().any(|x| x.ends_with("quotation")), "{r:?}");
    let r = reasons("Do you really think that is fair?");
    assert!(r.iter().any(|x| x == "against: question"), "{r:?}");
}

/// Checkable statements of fact score above opinions and questions.
#[test]
fn facts_outscore_opinions() {
    let m = model();
    let mut f = Features::default();
    let fact = m.score(
        "The deficit rose to $1.4 trillion in 2009, the largest since 1945.",
        &mut f,
    );
    let opinion = m.score(
        "I think we should all be proud of what we are going to do.",
        &mut f,
    );
    let question = m.score("What would you do about it?", &mut f);
    assert!(fact >= m.threshold, "{fact}");
    assert!(
        opinion < m.threshold && question < m.threshold,
        "{opinion} {question}"
    );
}

/// Sentences in residue are scored but never suggested.
#[test]
fn residue_is_never_suggested() {
    let text = "The deficit rose to $1.4 trillion in 2009, the largest since 1945. Photo: the deficit rose to $1.4 trillion in 2009, the largest since 1945.";
    let sentences = crate::text::sentences(text);
    assert_eq!(sentences.len(), 2);
    let residue = [sentences[1].clone()];
    let scored = score_sentences(model(), text, &sentences, &residue);
    assert!(scored[0].suggested);
    assert!(!scored[1].suggested && scored[1].score >= model().threshold);
}

/// Hostile strings (BLNS, control characters, huge runs) score without a panic, finite.
#[test]
fn hostile_text_scores() {
    let m = model();
    let mut f = Features::default();
    let blns = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/testdata/hostile/blns.txt");
    let mut inputs: Vec<String> = match std::fs::read_to_string(&blns) {
        Ok(t) => t.lines().map(String::from).collect(),
        Err(_) => {
            eprintln!("skipping BLNS: {} not found", blns.display());
            Vec::new()
        }
    };
    inputs.extend([
        String::new(),
        "\u{0}\u{1b}[31m\u{202e}".into(),
        "9".repeat(100_000),
        "“".repeat(10_000),
        "A".repeat(50_000),
    ]);
    for s in &inputs {
        let score = m.score(s, &mut f);
        assert!(score.is_finite() && (0.0..=1.0).contains(&score), "{s:?}");
        let _ = m.explain(s).reasons.iter().map(ToString::to_string).count();
    }
}

/// The budget: F1 of the positive class on CheckThat! 2024 dev-test at the shipped
/// threshold is at least 0.62 (the trainer reports 0.715).
#[test]
fn dev_test_f1_meets_the_budget() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/testdata/checkworthy/CT24_checkworthy_english_dev-test.tsv");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return;
    };
    let m = model();
    let mut f = Features::default();
    let (mut tp, mut fp, mut positives) = (0.0f32, 0.0f32, 0.0f32);
    for line in data.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [_, sentence, label] = cols[..] else {
            continue;
        };
        let yes = label.trim() == "Yes";
        let hit = m.score(sentence, &mut f) >= m.threshold;
        positives += f32::from(u8::from(yes));
        tp += f32::from(u8::from(hit && yes));
        fp += f32::from(u8::from(hit && !yes));
    }
    let (p, r) = (tp / (tp + fp), tp / positives);
    let f1 = 2.0 * p * r / (p + r);
    eprintln!("dev-test P {p:.3} R {r:.3} F1 {f1:.3}");
    assert!(f1 >= 0.62, "F1 {f1}");
}

/// A long article scored on several threads gets the scores one thread gives, in text
/// order, residue included.
#[test]
fn threads_score_as_one_does() {
    let mut text = String::new();
    for k in 0..(3 * SENTENCES_PER_THREAD) {
        text.push_str(match k % 4 {
            0 => "Unemployment fell by 40% since 2019, the minister said. ",
            1 => "I think we should be proud. ",
            2 => "What would you do about it? ",
            _ => "The deficit rose to $1.4 trillion in 2009. ",
        });
        if k % 97 == 0 {
            text.push_str(&format!("Ferry {k} sailed. "));
        }
    }
    let sentences = crate::text::sentences(&text);
    assert!(sentences.len() >= 2 * SENTENCES_PER_THREAD);
    let residue = [sentences[8].clone(), sentences[sentences.len() - 3].clone()];
    let one = score_part(model(), &text, &sentences, &residue, false);
    let many = score_sentences(model(), &text, &sentences, &residue);
    assert_eq!(one.len(), sentences.len());
    assert!(one == many, "the threads' scores differ from one thread's");
    // Keeping only the suggested ones, on the threads, keeps exactly those.
    let kept: Vec<Scored> = one.iter().filter(|s| s.suggested).cloned().collect();
    assert_eq!(
        score_in_parts(model(), &text, &sentences, &residue, true),
        kept
    );
    assert_eq!(suggestions_of(&text, &sentences, &residue), kept);
    assert!(many[4].suggested && many[8].score >= model().threshold && !many[8].suggested);
}
