use super::*;

fn residue_lines(text: &str, title: Option<&str>) -> Vec<(String, ResidueKind)> {
    let chars: Vec<char> = text.chars().collect();
    detect(text, title)
        .into_iter()
        .map(|r| (chars[r.start..r.end].iter().collect(), r.kind))
        .collect()
}

fn sample() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/sample/musk-putin-article.txt"
    );
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("skipping: {path} not found (the shared sample is only in CI)");
            None
        }
    }
}

/// On the sample article: both caption lines, "Keep reading:" and the thank-you line are
/// residue, and no sentence of the story is.
#[test]
fn sample_article_residue() {
    let Some(text) = sample() else { return };
    let found = residue_lines(&text, None);
    let lines: Vec<&str> = found.iter().map(|(l, _)| l.as_str()).collect();
    let kinds: Vec<ResidueKind> = found.iter().map(|(_, k)| *k).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == ResidueKind::Caption).count(),
        2,
        "{found:#?}"
    );
    assert!(lines.contains(&"Keep reading:"), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|(l, k)| *k == ResidueKind::ThankYou && l.starts_with("We would love")),
        "{found:#?}"
    );
    // Everything else found is a photo credit or the repeated headline, never a sentence
    // of the story (the story's lines all end with sentence punctuation or run long).
    for (line, kind) in &found {
        assert!(
            matches!(
                kind,
                ResidueKind::Caption
                    | ResidueKind::ReadMore
                    | ResidueKind::ThankYou
                    | ResidueKind::PhotoCredit
                    | ResidueKind::DuplicateHeadline
            ),
            "{line}"
        );
    }
    let story_lines = text
        .lines()
        .filter(|l| l.split_whitespace().count() > MAX_CAPTION_WORDS || ends_like_sentence(l));
    for line in story_lines {
        assert!(
            !lines.contains(&line.trim()),
            "story line taken as residue: {line}"
        );
    }
    assert_eq!(found.len(), 6, "{found:#?}");
}

/// Each kind of residue is recognised in other words than the sample's.
#[test]
fn residue_kinds_in_other_words() {
    let text = "Storm closes port\n\n\
        20240311 Storm closes port as ferries stay docked\n\n\
        Waves hit the harbour wall on Monday (AFP / Jean Dupont)\n\n\
        The port of Calais closed on Monday after gusts of 120 km/h.\n\n\
        READ MORE: Ferries cancelled across the Channel\n\n\
        Share this article\n\n\
        Facebook Twitter WhatsApp Email\n\n\
        Subscribe to our daily newsletter\n\n\
        Thank you for reading our news coverage\n\n\
        Storm closes port";
    let found = residue_lines(text, None);
    let kinds: Vec<ResidueKind> = found.iter().map(|(_, k)| *k).collect();
    assert_eq!(
        kinds,
        vec![
            ResidueKind::Caption,
            ResidueKind::PhotoCredit,
            ResidueKind::ReadMore,
            ResidueKind::Share,
            ResidueKind::Share,
            ResidueKind::Share,
            ResidueKind::ThankYou,
            ResidueKind::DuplicateHeadline,
        ],
        "{found:#?}"
    );
}

/// Story sentences that merely mention numbers, thanks, photos, sharing or reading are
/// not residue.
#[test]
fn story_sentences_are_not_residue() {
    let text = "Budget passes\n\n\
        2022 was the year the budget first passed.\n\n\
        15 people were hurt (two of them seriously).\n\n\
        The minister thanked the author of the report for his work on the article of law, \
        which took the committee more than a year and several hundred pages to settle.\n\n\
        Shares fell 5% after the vote.\n\n\
        Reuters reported that the photo was taken in 2019.\n\n\
        Read more about the budget in the minister's statement, she said.\n\n\
        Subscribers to the service received the letter on Monday.";
    assert_eq!(residue_lines(text, None), Vec::new());
}

/// Offsets count Unicode scalar values and cover the trimmed line.
#[test]
fn offsets_are_chars() {
    let text = "Ünïcödé headline\n  Keep reading:  \nMore.";
    let found = detect(text, None);
    assert_eq!(found.len(), 1);
    let start = "Ünïcödé headline\n  ".chars().count();
    assert_eq!(
        (found[0].start, found[0].end),
        (start, start + "Keep reading:".len())
    );
}

/// Ground-truth article bodies of the extraction benchmark (clean text chosen by hand)
/// have almost no line taken for residue.
#[test]
fn clean_articles_have_little_residue() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/testdata/extraction/ground-truth.json"
    );
    let Ok(json) = std::fs::read_to_string(path) else {
        eprintln!("skipping: {path} not found (third-party test data is only in CI)");
        return;
    };
    let truth: serde_json::Value = serde_json::from_str(&json).unwrap();
    let (mut lines, mut flagged) = (0usize, Vec::new());
    for page in truth.as_object().unwrap().values() {
        let body = page["articleBody"].as_str().unwrap_or("");
        lines += body.lines().filter(|l| !l.trim().is_empty()).count();
        flagged.extend(residue_lines(body, None));
    }
    assert!(
        flagged.len() * 200 <= lines,
        "{} of {lines} lines: {flagged:#?}",
        flagged.len()
    );
}
