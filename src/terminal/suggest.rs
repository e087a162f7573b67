//! Scoring the article's sentences for suggestions on a thread of its own, so the first
//! frame and the keys never wait for it.

use std::sync::mpsc::{Receiver, channel};

use crate::text::checkworthy::{self, Scored};

/// Articles larger than this are not scored in the TUI: a real article is well under a
/// megabyte, and the suggestions of a 100 MB text (most of its million sentences) would
/// cost more memory than the text itself. `factdesk suggest` still scores any size.
pub const MAX_SCORED_BYTES: usize = 16 << 20;

/// Suggestions being computed in the background for one version of the article text.
pub struct Scoring {
    rx: Receiver<Vec<Scored>>,
    /// The article generation the text is from (`AppState::article_generation`).
    pub generation: u64,
}

impl Scoring {
    /// Starts scoring `text` (the article at `generation`, shared, not copied); None if
    /// no thread could be started (then nothing is suggested this session).
    /// `sentences`: the article's, when the index has them all (else they are found here).
    pub fn start(
        text: &crate::model::ArticleText,
        sentences: Option<Vec<std::ops::Range<usize>>>,
        generation: u64,
    ) -> Option<Scoring> {
        let text = text.clone();
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("factdesk-suggest".into())
            .spawn(move || {
                // Every sentence is scored: residue is left out when the marks are drawn,
                // so a line unmarked with R can be suggested again.
                let scored = match sentences {
                    Some(sentences) => checkworthy::suggestions_of(&text, &sentences, &[]),
                    None => checkworthy::suggestions(&text, &[]),
                };
                let _ = tx.send(scored);
            })
            .ok()?;
        Some(Scoring { rx, generation })
    }

    /// The suggestions, once they are done (without waiting); none if the thread died.
    pub fn ready(&self) -> Option<Vec<Scored>> {
        match self.rx.try_recv() {
            Ok(scored) => Some(scored),
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Some(Vec::new()),
        }
    }
}

/// Reads the other cases of the case's folder (or `cases_dir`) on a thread of its own.
pub fn start_scan(state: &crate::app::AppState) -> Option<Receiver<crate::seen::Scan>> {
    let own = state.file.path.clone();
    let dir = state.cases_dir.clone().or_else(|| {
        own.parent().map(|p| {
            if p.as_os_str().is_empty() {
                ".".into()
            } else {
                p.to_path_buf()
            }
        })
    })?;
    let (tx, rx) = channel();
    std::thread::Builder::new()
        .name("factdesk-cases".into())
        .spawn(move || {
            let _ = tx.send(crate::seen::scan(&dir, Some(&own)));
        })
        .ok()?;
    Some(rx)
}
