//! Screen tests of what ingest found: residue dimmed in the article pane, the article's
//! links in the source picker.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use super::{Theme, draw, viewport};
use crate::app::{Action, AppState, FileInfo};
use crate::keymap::{Key, KeyCode, Keymap};
use crate::model::{Article, ArticleLink, Case, FixedEntropy, Origin, Scale};

const TEXT: &str = "Ferry strike goes on\n\n\
    The union said the strike would go on until Friday.\n\n\
    Keep reading:\n\n\
    The company cancelled every crossing, the official figures show.";

fn state(width: u16, height: u16) -> AppState {
    let mut article = Article::new(TEXT.to_string(), Origin::default());
    article.residue = crate::text::residue::detect(TEXT, None);
    let start = TEXT.chars().count() - "official figures show.".chars().count();
    article.links = vec![ArticleLink {
        url: "https://stats.example/ferries".into(),
        text: "official figures".into(),
        start,
        end: start + "official figures".len(),
        extra: Default::default(),
    }];
    let case = Case::new(article, Scale::default_scale());
    let mut s = AppState::new(
        case,
        FileInfo::new("/tmp/ferry.factdesk.json".into()),
        0,
        Vec::new(),
        Keymap::default_keymap(),
        Box::new(FixedEntropy::default()),
    );
    s.update(Action::Resize(viewport(ratatui::layout::Rect::new(
        0, 0, width, height,
    ))));
    s
}

fn press(s: &mut AppState, keys: &str) {
    for c in keys.chars() {
        let key = match c {
            '⏎' => Key::plain(KeyCode::Enter),
            c => Key::char(c),
        };
        s.update(Action::Key(key));
    }
}

fn render(s: &AppState, width: u16, height: u16, theme: Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, s, &theme)).unwrap();
    terminal.backend().buffer().clone()
}

fn text_of(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| {
            let row: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buffer.area.height).find_map(|y| {
        let row: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        let byte = row.find(needle)?;
        Some((row[..byte].chars().count() as u16, y))
    })
}

/// Residue lines are drawn dimmed and italic, story lines are not, in colour and without.
#[test]
fn residue_is_dimmed() {
    for theme in [Theme::COLOR, Theme::MONO] {
        for (w, h) in [(80u16, 24u16), (160, 48)] {
            let buffer = render(&state(w, h), w, h, theme);
            let (x, y) = find(&buffer, "Keep reading:").expect("residue line shown");
            let dim = theme.dim();
            for dx in 0..13 {
                let cell = &buffer[(x + dx, y)];
                assert!(cell.modifier.contains(Modifier::ITALIC), "{w}x{h} col {dx}");
                assert_eq!(cell.fg, dim.fg.unwrap_or(cell.fg), "{w}x{h} col {dx}");
            }
            let (x, y) = find(&buffer, "The union said").expect("story shown");
            assert!(!buffer[(x + 1, y)].modifier.contains(Modifier::ITALIC));
        }
    }
}

/// The source picker lists the article's links under "linked from the article", with
/// their anchor text.
#[test]
fn picker_lists_article_links() {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let mut s = state(w, h);
        press(&mut s, "jcl");
        let text = text_of(&render(&s, w, h, Theme::COLOR));
        assert!(
            text.contains("linked from the article · official figures"),
            "{text}"
        );
        insta::assert_snapshot!(format!("picker_lists_article_links_{w}x{h}"), text);
    }
}

/// Enter on an article link adds it to the library, titled by its anchor text, and
/// opens the link form for the claim; the link leaves the "linked" rows.
#[test]
fn enter_adds_an_article_link_to_the_library() {
    let mut s = state(80, 24);
    press(&mut s, "jcl⏎");
    assert_eq!(s.case.sources.len(), 1);
    assert_eq!(s.case.sources[0].url, "https://stats.example/ferries");
    assert_eq!(s.case.sources[0].title, "official figures");
    assert!(s.candidate_links().is_empty());
}
