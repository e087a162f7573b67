//! Deterministic data for the scale benches and the latency harness: a news-like article of
//! any size, 10,000 claims anchored through it and a library of 1,000 sources.
//!
//! Shared by `benches/scale.rs` and `examples/latency.rs` (through `#[path]`); nothing here
//! is committed as data.
#![allow(dead_code)]

use std::path::PathBuf;

use ratatui::layout::Rect;

use factdesk::anchor;
use factdesk::app::{Action, AppState, FileInfo};
use factdesk::keymap::Keymap;
use factdesk::model::{
    Article, Case, Claim, ClaimId, ClaimStatus, Extra, FixedEntropy, Link, Origin, Scale, Source,
    SourceId, Stance, Verdict,
};
use factdesk::text::{self, CharIndex};
use factdesk::ui;

/// 10 MiB: the article size of issue 4 and QUALITY.md.
pub const ARTICLE_BYTES: usize = 10 * 1024 * 1024;
pub const CLAIMS: usize = 10_000;
pub const SOURCES: usize = 1_000;
pub const WIDTH: u16 = 200;
pub const HEIGHT: u16 = 50;

/// A xorshift step: the only randomness, seeded, so every run sees the same data.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// About `bytes` of news-like prose with paragraphs, numbers, curly quotes and non-ASCII
/// (the generator of `benches/render.rs`).
pub fn article(bytes: usize) -> String {
    const WORDS: &[&str] = &[
        "the",
        "council",
        "said",
        "ferry",
        "ridership",
        "fell",
        "by",
        "40%",
        "since",
        "2019,",
        "according",
        "to",
        "“official”",
        "figures",
        "—",
        "Zürich",
        "3.5",
        "million",
        "euros",
        "spokesman",
        "denied",
        "it.",
        "However,",
        "residents",
        "were",
        "divided.",
        "Brandt",
        "wrote",
        "that",
        "bridge",
        "would",
        "pay",
        "for",
        "itself.",
    ];
    let mut out = String::with_capacity(bytes + 200);
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut words_in_paragraph = 0;
    while out.len() < bytes {
        let r = next(&mut seed);
        out.push_str(WORDS[(r % WORDS.len() as u64) as usize]);
        words_in_paragraph += 1;
        if words_in_paragraph > 60 + (r % 80) as usize {
            out.push_str("\n\n");
            words_in_paragraph = 0;
        } else {
            out.push(' ');
        }
    }
    out
}

/// `n` sources with repetitive news vocabulary, as a checker's library looks.
pub fn sources(n: usize) -> Vec<Source> {
    const TOPICS: &[&str] = &[
        "Ferry ridership",
        "Bridge financing",
        "Council budget",
        "Zürich transport",
        "Harbour tolls",
        "Commuter survey",
        "Regional audit",
        "Tourism figures",
    ];
    const KINDS: &[&str] = &["report", "statement", "dataset", "interview", "minutes"];
    const PUBLISHERS: &[&str] = &[
        "Reuters",
        "Associated Press",
        "Süddeutsche Zeitung",
        "City Council",
        "Federal Statistical Office",
        "The Harbour Times",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..n)
        .map(|i| {
            let r = next(&mut seed);
            let topic = TOPICS[(r % TOPICS.len() as u64) as usize];
            let kind = KINDS[((r >> 8) % KINDS.len() as u64) as usize];
            let publisher = PUBLISHERS[((r >> 16) % PUBLISHERS.len() as u64) as usize];
            let year = 2015 + (r >> 24) % 11;
            let mut s = Source::new(
                SourceId(format!("s{i:04}")),
                &format!("{topic} {year}: {kind} no. {i}"),
                &format!(
                    "https://example.org/{}/{year}/{i}",
                    publisher.to_lowercase().replace(' ', "-")
                ),
                "2026-01-02",
            );
            s.container_title = publisher.to_string();
            s.issued = format!("{year}-{:02}-{:02}", 1 + (r >> 32) % 12, 1 + (r >> 40) % 28);
            s
        })
        .collect()
}

/// `n` claims spread evenly through `text`: whole sentences, word spans inside a sentence,
/// spans running into the next sentence, and every tenth claim nested in the previous one's
/// sentence (overlapping). A third are rated, a quarter link to 1–3 sources.
pub fn claims(text: &str, n: usize, scale: &Scale, sources: &[Source]) -> Vec<Claim> {
    let chars = CharIndex::new(text);
    let sentences = text::sentences(text);
    let mut seed: u64 = 0x1234_5678_9abc_def1;
    let mut out = Vec::with_capacity(n);
    let step = sentences.len() / (n + 1);
    for k in 0..n {
        let r = next(&mut seed);
        // Every tenth claim sits in the sentence of the one before it: nested spans.
        let s = if k % 10 == 9 {
            (k - 1) * step
        } else {
            k * step
        };
        let sentence = sentences[s].clone();
        let span = match k % 3 {
            // A whole sentence.
            0 => sentence.clone(),
            // A few words of it.
            1 => {
                let mut end = sentence.start;
                for _ in 0..3 + r % 4 {
                    end = text::next_word_end(text, end).min(sentence.end);
                }
                sentence.start..end
            }
            // From its middle into the next sentence.
            _ => {
                let mut start = sentence.start;
                for _ in 0..2 {
                    start = text::next_word_end(text, start).min(sentence.end);
                }
                let start = start + text[start..].len() - text[start..].trim_start().len();
                let end = sentences.get(s + 1).map_or(sentence.end, |n| n.end);
                start..end
            }
        };
        // Whatever the text looks like, a span is non-empty and on char boundaries.
        let span = if span.start < span.end
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
        {
            span
        } else {
            sentence
        };
        let anchor = anchor::create(text, &chars, span.clone());
        let wording: String = anchor.exact.chars().take(160).collect();
        let rated = k % 3 == 2 || k % 7 == 0;
        let verdict = Verdict {
            rating: rated.then(|| {
                scale.labels[(r >> 8) as usize % scale.labels.len()]
                    .label
                    .clone()
            }),
            explanation: if rated {
                "The council's own figures contradict it.".into()
            } else {
                String::new()
            },
            rated_at: rated.then(|| "2026-01-02T03:04:05Z".into()),
            published: None,
            extra: Extra::new(),
        };
        let links = if k % 4 == 0 && !sources.is_empty() {
            (0..1 + (r >> 16) % 3)
                .map(|j| {
                    let mut link = Link::new(
                        sources[((r >> 20) as usize + j as usize * 37) % sources.len()]
                            .id
                            .clone(),
                    );
                    link.stance =
                        [Stance::Supports, Stance::Refutes, Stance::Context][j as usize % 3];
                    link.quote = "Ridership fell by 12% in the first quarter.".into();
                    link
                })
                .collect()
        } else {
            Vec::new()
        };
        out.push(Claim {
            id: ClaimId(format!("k{k:05}")),
            number: k as u32 + 1,
            anchors: vec![anchor],
            text: wording,
            claimant: if k % 5 == 0 {
                "Brandt".into()
            } else {
                String::new()
            },
            claimant_guess: None,
            claimant_kind: None,
            made_on: None,
            first_appearance: None,
            status: [
                ClaimStatus::Todo,
                ClaimStatus::Researching,
                ClaimStatus::Reviewed,
            ][k % 3],
            verdict,
            links,
            created: "2026-01-02T03:04:05Z".into(),
            updated: "2026-01-02T03:04:05Z".into(),
            extra: Extra::new(),
        });
    }
    out
}

/// The 10 MB article with 10,000 claims and a 1,000-source library.
pub fn big_case() -> Case {
    let text = article(ARTICLE_BYTES);
    let scale = Scale::default_scale();
    let library = sources(SOURCES);
    let claims = claims(&text, CLAIMS, &scale, &library);
    let origin = Origin {
        path: Some("scale-bench.txt".into()),
        ..Origin::default()
    };
    let mut case = Case::new(Article::new(text, origin), scale);
    case.claims = claims;
    case.sources = library;
    case
}

/// A state as the binary has it before its first frame: `AppState::new`, then the resize to
/// the terminal's size.
pub fn state_for(case: Case, path: PathBuf, cursor_char: usize) -> AppState {
    let file = FileInfo {
        path,
        extra: Default::default(),
        view_extra: Default::default(),
        stamp: None,
    };
    let mut state = AppState::new(
        case,
        file,
        cursor_char,
        Vec::new(),
        Keymap::default_keymap(),
        Box::new(FixedEntropy::default()),
    );
    state.update(Action::Resize(ui::viewport(Rect::new(0, 0, WIDTH, HEIGHT))));
    state
}

/// The big case laid out at 200×50 with the cursor in the middle of the article.
pub fn big_state() -> AppState {
    let case = big_case();
    let middle = case.article.text.chars().count() / 2;
    state_for(case, PathBuf::from("scale-bench.factdesk.json"), middle)
}
