//! Marking scraping residue by hand, and the article's own links as candidate sources.

use super::state::AppState;
use crate::model::{ArticleLink, Residue, ResidueKind};

impl AppState {
    /// Marks the cursor's line as residue, or unmarks it when residue covers any of it.
    /// Undoable.
    pub(super) fn toggle_residue(&mut self) {
        let text = &self.case.article.text;
        let at = self.cursor_range().start.min(text.len());
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = &text[line_start..line_end];
        let trimmed = line.trim();
        if trimmed.is_empty() {
            self.info("No line under the cursor to mark");
            return;
        }
        let lead = line.len() - line.trim_start().len();
        let Some(start) = self.doc.chars.char_of_byte(text, line_start + lead) else {
            return;
        };
        let end = start + trimmed.chars().count();
        let before = self.case.article.residue.clone();
        let residue = &mut self.case.article.residue;
        let overlapping = |r: &Residue| r.start < end && start < r.end;
        let description = if residue.iter().any(overlapping) {
            residue.retain(|r| !overlapping(r));
            "unmark residue line"
        } else {
            let at = residue.partition_point(|r| r.start < start);
            residue.insert(at, Residue::new(start, end, ResidueKind::Marked));
            "mark residue line"
        };
        self.info(format!("{}: {description}", short(trimmed)));
        self.commit_residue(before, description.to_string());
    }

    /// The article's links not yet in the library (by URL), in text order: the "linked
    /// from the article" rows of the source picker, after the library's sources.
    pub fn candidate_links(&self) -> Vec<&ArticleLink> {
        let mut seen: Vec<&str> = self.case.sources.iter().map(|s| s.url.as_str()).collect();
        let mut out = Vec::new();
        for link in &self.case.article.links {
            if !seen.contains(&link.url.as_str()) {
                seen.push(&link.url);
                out.push(link);
            }
        }
        out
    }

    /// Adds an article link to the library (titled by its anchor text) and returns the
    /// new source's id.
    pub(super) fn add_article_link(&mut self, link: &ArticleLink) -> crate::model::SourceId {
        let title = if link.text.trim().is_empty() {
            link.url.clone()
        } else {
            link.text.trim().to_string()
        };
        self.add_source(&title, &link.url.clone())
    }
}

/// The haystack of an article link in the source picker.
pub fn link_haystack(link: &ArticleLink) -> String {
    format!("{} | {}", link.text, link.url)
}

fn short(line: &str) -> String {
    let mut s: String = line.chars().take(40).collect();
    if line.chars().count() > 40 {
        s.push('…');
    }
    crate::text::clean_line(&s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, FileInfo};
    use crate::keymap::{Key, Keymap};
    use crate::model::{Article, Case, FixedEntropy, Origin, Scale};

    const TEXT: &str = "Headline\n\nA story sentence. Another one.\n\nKeep reading:\n\nLast.";

    fn state() -> AppState {
        let mut article = Article::new(TEXT.into(), Origin::default());
        article.residue = crate::text::residue::detect(TEXT, None);
        AppState::new(
            Case::new(article, Scale::default_scale()),
            FileInfo::new("t.factdesk.json".into()),
            0,
            Vec::new(),
            Keymap::default_keymap(),
            Box::new(FixedEntropy::default()),
        )
    }

    fn press(s: &mut AppState, keys: &str) {
        for c in keys.chars() {
            s.update(Action::Key(Key::char(c)));
        }
    }

    fn marked(s: &AppState) -> Vec<String> {
        let chars: Vec<char> = s.case.article.text.chars().collect();
        s.case
            .article
            .residue
            .iter()
            .map(|r| chars[r.start..r.end].iter().collect())
            .collect()
    }

    /// R marks the cursor's whole line as residue, u takes the mark back, Ctrl-r redoes.
    #[test]
    fn toggle_marks_the_line_and_undoes() {
        let mut s = state();
        assert_eq!(marked(&s), vec!["Keep reading:"]);
        press(&mut s, "jjR"); // the second sentence of the story's line
        assert_eq!(
            marked(&s),
            vec!["A story sentence. Another one.", "Keep reading:"]
        );
        assert_eq!(s.case.article.residue[0].kind, ResidueKind::Marked);
        assert!(s.dirty());
        press(&mut s, "u");
        assert_eq!(marked(&s), vec!["Keep reading:"]);
        assert!(!s.dirty());
        s.update(Action::Key(Key::ctrl('r')));
        assert_eq!(marked(&s).len(), 2);
    }

    /// R on a detected residue line unmarks it; the change is recorded in the history.
    #[test]
    fn toggle_unmarks_detected_residue() {
        let mut s = state();
        press(&mut s, "jjjR");
        assert!(marked(&s).is_empty(), "{:?}", marked(&s));
        let last = s.case.history.last().expect("a history entry");
        assert_eq!(last["action"], "unmark residue line");
    }
}
