//! Out to the world: opening a source's URL in the browser, copying a claim's wording or
//! quote. The runner does the opening and the copying; this decides what and whether.

use super::action::Effect;
use super::state::{AppState, Pane};
use crate::model::SourceId;

/// Whether `url` may be handed to the opener: http(s) only, one line, no spaces or control
/// characters (so it can never be read as an option or a second argument).
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme = lower.starts_with("https://") || lower.starts_with("http://");
    let host = url.split_once("://").map_or("", |(_, rest)| rest);
    scheme
        && !host.is_empty()
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || crate::text::sanitize::hidden_kind(c).is_some()
        })
}

impl AppState {
    /// Puts `text` on the clipboard (OSC 52) through the one copy path, which strips
    /// control and hidden characters; an empty text is not copied.
    pub(super) fn copy(&mut self, what: &str, text: &str) -> Vec<Effect> {
        if text.trim().is_empty() {
            self.info(format!("Nothing to copy: the {what} is empty"));
            return Vec::new();
        }
        self.copy_text(text)
    }

    /// `o` on a link or a library source: its URL in the system's browser.
    pub(super) fn open_url(&mut self, source: Option<SourceId>) -> Vec<Effect> {
        let Some(source) = source.and_then(|id| self.case.source(&id)) else {
            self.info("No source selected");
            return Vec::new();
        };
        let url = source.url.trim().to_string();
        if url.is_empty() {
            self.info("This source has no URL");
            return Vec::new();
        }
        if !is_web_url(&url) {
            self.warn(format!(
                "Not opened: only http(s) addresses are opened ({})",
                crate::text::clean_line(&url.chars().take(60).collect::<String>())
            ));
            return Vec::new();
        }
        self.info(format!("Opening {}", crate::text::clean_line(&url)));
        vec![Effect::OpenUrl(url)]
    }

    /// `y` on a claim: its wording; `Y`: the article's words it is anchored on.
    pub(super) fn copy_claim(&mut self, quote: bool) -> Vec<Effect> {
        let Some(claim) = self.require_target().and_then(|id| self.case.claim(&id)) else {
            return Vec::new();
        };
        if quote {
            let exact: Vec<&str> = claim.anchors.iter().map(|a| a.exact.as_str()).collect();
            let text = exact.join(" … ");
            self.copy("quote", &text)
        } else {
            let text = claim.text.clone();
            self.copy("wording", &text)
        }
    }

    /// The explanation in `$EDITOR`: the runner suspends the screen, runs the editor on a
    /// temporary file and answers with [`super::Action::ExternalEdit`].
    pub(super) fn edit_externally(&mut self) -> Vec<Effect> {
        let Some(claim) = self.require_target() else {
            return Vec::new();
        };
        let Some(text) = self
            .case
            .claim(&claim)
            .map(|c| c.verdict.explanation.clone())
        else {
            return Vec::new();
        };
        self.select_by_id(&claim);
        vec![Effect::EditExternally { claim, text }]
    }

    /// The editor is done: its text (when it exited 0) becomes the explanation, as if typed
    /// in the explanation editor and saved there.
    pub(super) fn external_edit_done(
        &mut self,
        claim: crate::model::ClaimId,
        result: Result<Option<String>, String>,
    ) {
        match result {
            Ok(Some(text)) => {
                self.overlay = Some(super::state::Overlay::Edit {
                    claim,
                    field: super::state::Field::Explanation,
                    editor: super::editor::Editor::multi_line(&text),
                });
                self.finish_edit();
                if self.message.is_none() {
                    self.info("The explanation is unchanged");
                }
            }
            Ok(None) => self.warn("The editor did not exit cleanly: the explanation is unchanged"),
            Err(reason) => self.error(format!("No external editor: {reason}")),
        }
    }

    /// The source of the selected link (detail pane) for `o`.
    pub(super) fn selected_source(&self) -> Option<SourceId> {
        if self.focus != Pane::Detail {
            return None;
        }
        self.selected_link().map(|(_, l)| l.source.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only one-line http(s) addresses reach the opener; other schemes, options and
    /// anything with spaces or control characters are refused.
    #[test]
    fn only_web_urls_open() {
        for ok in [
            "https://example.org/a?b=c",
            "http://x.example",
            "HTTPS://EXAMPLE.ORG",
        ] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "--help",
            "https://",
            "https://a.example b",
            "https://a.example\n--flag",
            "https://a.example/\u{1b}[31m",
            "https://a.example/\u{202e}x",
            "ftp://a.example",
            "",
        ] {
            assert!(!is_web_url(bad), "{bad:?}");
        }
    }
}
