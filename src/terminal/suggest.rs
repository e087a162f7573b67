//! Scoring the article's sentences for suggestions on a thread of its own, so the first
//! frame and the keys never wait for it.

use std::sync::mpsc::{Receiver, channel};

use crate::text::checkworthy::{self, Scored};

/// Suggestions being computed in the background.
pub struct Scoring(Receiver<Vec<Scored>>);

impl Scoring {
    /// Starts scoring a copy of `text`; None if no thread could be started (then nothing is
    /// suggested this session).
    pub fn start(text: &str) -> Option<Scoring> {
        let text = text.to_string();
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("factdesk-suggest".into())
            .spawn(move || {
                // Residue (captions, bylines) is never suggested: none is known yet.
                let _ = tx.send(checkworthy::suggestions(&text, &[]));
            })
            .ok()?;
        Some(Scoring(rx))
    }

    /// The suggestions, once they are done (without waiting); none if the thread died.
    pub fn ready(&self) -> Option<Vec<Scored>> {
        match self.0.try_recv() {
            Ok(scored) => Some(scored),
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Some(Vec::new()),
        }
    }
}
