//! Tests for `segment::sentences`, on inline strings and the sample article.

use super::segment::sentences;

/// The sentences of `text` as string slices.
fn split(text: &str) -> Vec<&str> {
    sentences(text).into_iter().map(|r| &text[r]).collect()
}

/// Checks the structural invariants: trimmed, non-empty, ascending, covering every non-whitespace char once.
fn check_invariants(text: &str) {
    let ranges = sentences(text);
    let mut prev_end = 0;
    for r in &ranges {
        assert!(r.start >= prev_end && r.start < r.end, "bad range {r:?}");
        let s = &text[r.clone()];
        assert_eq!(s.trim(), s, "untrimmed {s:?}");
        assert!(
            text[prev_end..r.start].trim().is_empty(),
            "uncovered text before {r:?}"
        );
        prev_end = r.end;
    }
    assert!(text[prev_end..].trim().is_empty(), "uncovered tail");
}

/// The quoted paragraph from the article gives exactly three sentences.
#[test]
fn quoted_paragraph_three_sentences() {
    let p = "“No, it is not. I have only spoken to Putin once and it was about 18 months ago. \
             The topic we discussed was space, ”Musk wrote on his account on the social network.";
    assert_eq!(
        split(p),
        vec![
            "“No, it is not.",
            "I have only spoken to Putin once and it was about 18 months ago.",
            "The topic we discussed was space, ”Musk wrote on his account on the social network.",
        ]
    );
}

/// A caption line between blank lines is a sentence on its own.
#[test]
fn caption_line_alone() {
    let t = "Headline here\n\nThe founder of SpaceX and Tesla Elon Musk (REUTERS / Mike Blake / file)\n\nThe American billionaire spoke.";
    assert_eq!(
        split(t),
        vec![
            "Headline here",
            "The founder of SpaceX and Tesla Elon Musk (REUTERS / Mike Blake / file)",
            "The American billionaire spoke.",
        ]
    );
}

/// A double-dot run splits the sentence.
#[test]
fn double_dot_splits() {
    assert_eq!(
        split("Musk posted the same points on Twitter.. In his proposal he said so."),
        vec![
            "Musk posted the same points on Twitter..",
            "In his proposal he said so."
        ]
    );
}

/// Abbreviations, decimal numbers and month abbreviations do not split.
#[test]
fn abbreviations_and_numbers() {
    assert_eq!(
        split("Mr. Smith paid $3.5 million on Jan. 5. He left."),
        vec!["Mr. Smith paid $3.5 million on Jan. 5.", "He left."]
    );
    assert_eq!(
        split("It cost 1,000.25 dollars. Fine."),
        vec!["It cost 1,000.25 dollars.", "Fine."]
    );
    assert_eq!(
        split("The U.S. Senate met, e.g. Sen. Byrd. Then."),
        vec!["The U.S. Senate met, e.g. Sen. Byrd.", "Then."]
    );
    assert_eq!(
        split("See No. 5 now. No. I won't."),
        vec!["See No. 5 now.", "No.", "I won't."]
    );
}

/// Initials do not split.
#[test]
fn initials() {
    assert_eq!(
        split("J. K. Rowling wrote it."),
        vec!["J. K. Rowling wrote it."]
    );
    assert_eq!(
        split("J.K. Rowling wrote it."),
        vec!["J.K. Rowling wrote it."]
    );
}

/// Curly-quoted speech splits after the attribution, and the trailing quote stays attached.
#[test]
fn curly_quoted_speech() {
    let t = "“It is very positive,” said Kremlin spokesman Dmitry Peskov. But, “regarding…”";
    assert_eq!(
        split(t),
        vec![
            "“It is very positive,” said Kremlin spokesman Dmitry Peskov.",
            "But, “regarding…”"
        ]
    );
}

/// A terminator inside quotes followed by a comma does not split.
#[test]
fn quote_then_comma_no_split() {
    let t = "would be achieved “no matter what.””, including a nuclear attack. Next one.";
    assert_eq!(
        split(t),
        vec![
            "would be achieved “no matter what.””, including a nuclear attack.",
            "Next one."
        ]
    );
}

/// A terminator followed by a lowercase word does not split.
#[test]
fn lowercase_continuation() {
    assert_eq!(
        split("its Starlink network. in Crimea, a decision. Then"),
        vec!["its Starlink network. in Crimea, a decision.", "Then"]
    );
}

/// Single newlines split unless the next line starts lowercase; blank lines always split.
#[test]
fn newline_rules() {
    assert_eq!(
        split("hard wrapped\nprose goes on"),
        vec!["hard wrapped\nprose goes on"]
    );
    assert_eq!(split("Title\nBody text"), vec!["Title", "Body text"]);
    assert_eq!(split("one\n\nlower"), vec!["one", "lower"]);
    assert_eq!(split("one\n  \t\n  two"), vec!["one", "two"]);
}

/// Question and exclamation runs and closing quotes are part of the sentence.
#[test]
fn terminator_runs() {
    assert_eq!(
        split("Really?! Yes. “Go!” He went."),
        vec!["Really?!", "Yes.", "“Go!”", "He went."]
    );
    assert_eq!(
        split("Which one?”: “The one”"),
        vec!["Which one?”: “The one”"]
    );
}

/// Empty text, whitespace only, and a trailing unterminated sentence.
#[test]
fn degenerate_inputs() {
    assert!(sentences("").is_empty());
    assert!(sentences(" \n\t \n\n ").is_empty());
    assert_eq!(split("  no terminator  "), vec!["no terminator"]);
    assert_eq!(split("."), vec!["."]);
}

/// A 1 MB line without punctuation is a single sentence.
#[test]
fn one_megabyte_line() {
    let t = "word ".repeat(200_000);
    assert_eq!(sentences(&t), vec![0..t.len() - 1]);
}

/// CJK full stops split even without following whitespace.
#[test]
fn cjk_full_stop() {
    assert_eq!(
        split("今日は晴れ。明日は雨。"),
        vec!["今日は晴れ。", "明日は雨。"]
    );
}

/// Structural invariants hold on assorted tricky strings.
#[test]
fn invariants_on_tricky_strings() {
    for t in [
        "",
        " ",
        "a",
        ". . .",
        "…",
        "\u{a0}x\u{a0}",
        "“”",
        "a.\u{2028}B",
        "x\n\n\ny",
        "Mr.",
        "e.g.",
        "? ! .",
        "ab\u{200B}. Cd",
        "A. B. C.",
        "\n\nx.\n\n",
    ] {
        check_invariants(t);
    }
}

/// The real article segments with invariants, keeps the caption alone and splits the quoted paragraph in three.
#[test]
fn sample_article() {
    let Some(path) = crate::test_support::shared("sample/musk-putin-article.txt") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    check_invariants(&text);
    let s = split(&text);
    assert!(s.contains(&"The founder of SpaceX and Tesla Elon Musk (REUTERS / Mike Blake / file)"));
    assert!(s.contains(&"“No, it is not."));
    assert!(s.contains(&"I have only spoken to Putin once and it was about 18 months ago."));
    assert!(
        s.iter()
            .any(|x| x.starts_with("The topic we discussed was space, ”Musk wrote"))
    );
    assert!(s.contains(&"“It is very positive that a person like Elon Musk tries to seek a peaceful agreement,” said Kremlin spokesman Dmitry Peskov."));
    assert!(s.contains(&"Keep reading:"));
    assert!(s.iter().any(|x| x.ends_with("on Twitter..")));
    assert!(
        s.iter()
            .any(|x| x.contains("“no matter what.””, including a possible nuclear attack"))
    );
    assert!(s.iter().any(|x| x.contains("internet network. in Crimea")));
    assert!(s.len() > 25 && s.len() < 45, "got {} sentences", s.len());
}
