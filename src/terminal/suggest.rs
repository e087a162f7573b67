//! Scoring the article's sentences for suggestions on a thread of its own, so the first
//! frame and the keys never wait for it.

use std::sync::mpsc::{Receiver, channel};

use crate::text::checkworthy::{self, Scored};

/// Suggestions being computed in the background for one version of the article text.
pub struct Scoring {
    rx: Receiver<Vec<Scored>>,
    /// The article generation the text is from (`AppState::article_generation`).
    pub generation: u64,
}

impl Scoring {
    /// Starts scoring a copy of `text` (the article at `generation`); None if no thread
    /// could be started (then nothing is suggested this session).
    pub fn start(text: &str, generation: u64) -> Option<Scoring> {
        let text = text.to_string();
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("factdesk-suggest".into())
            .spawn(move || {
                // Every sentence is scored: residue is left out when the marks are drawn,
                // so a line unmarked with R can be suggested again.
                let _ = tx.send(checkworthy::suggestions(&text, &[]));
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
