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

/// What `detect` finds, by the plain rule: every non-empty line classified, the last three
/// (but the first) as the end of the article.
fn detect_every_line(text: &str, title: Option<&str>) -> Vec<Residue> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        lines.push((offset, line));
        offset += line.chars().count() + 1;
    }
    let first = lines.iter().map(|(_, l)| l.trim()).find(|l| !l.is_empty());
    let headline = words(title.or(first).unwrap_or(""));
    let nonempty: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].1.trim().is_empty())
        .collect();
    let tail = &nonempty[nonempty.len().saturating_sub(3)..];
    let mut found = Vec::new();
    for (n, &i) in nonempty.iter().enumerate() {
        let (start, line) = lines[i];
        if let Some(kind) = classify(line.trim(), &headline, n > 0 && tail.contains(&i)) {
            let lead = line.chars().take_while(|c| c.is_whitespace()).count();
            let len = line.trim().chars().count();
            found.push(Residue::new(start + lead, start + lead + len, kind));
        }
    }
    found
}

/// Passing long lines over unsplit finds exactly what classifying every line finds: lines
/// around the word limits, captions and credits padded with words and symbols, a headline
/// repeated at the end, blank and indented lines.
#[test]
fn long_lines_are_skipped_without_changing_what_is_found() {
    let mut text = String::from("Musk and Putin talks: what we know\n\n");
    for n in [1, 15, 16, 17, 32, 33, 39, 40, 41, 60] {
        let pad = "word ".repeat(n);
        text.push_str(&format!("1665516979 934 {pad}\n"));
        text.push_str(&format!("  (REUTERS / Mike Blake / {pad}file)\n"));
        text.push_str(&format!("Keep reading: {pad}\n"));
        text.push_str(&format!("Thank you for reading {pad}— — — —\n\n"));
        text.push_str(&format!("We would love to give thanks {pad}.\n"));
    }
    text.push_str("A sentence of the story, which ends as sentences do.\n\n");
    text.push_str("Musk and Putin talks: what we know\n");
    let mut texts = vec![text];
    if let Some(sample) = sample() {
        texts.push(sample);
    }
    for text in &texts {
        for title in [None, Some("Musk and Putin talks: what we know")] {
            assert_eq!(detect(text, title), detect_every_line(text, title));
        }
    }
    assert!(!detect(&texts[0], None).is_empty());
}
