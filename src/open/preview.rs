//! The first and the last screens of a large article, read before the rest of it.
//!
//! Reading, checking and indexing 100 MB takes a few hundred milliseconds; a pager shows
//! the first screen in a few. A large plain-text article that starts a new case is
//! therefore opened in two steps: its first and last bytes are read here and shown at
//! once, while the whole file is read in the background (with `read`, not a mapping: a
//! file truncated meanwhile gives a short read, never a SIGBUS). Where the text can
//! differ from the bytes (a BOM, CRs, bytes that are not UTF-8, a web page or Markdown),
//! there is no preview: offsets in it would not be offsets in the article.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use crate::store;
use crate::text::ingest::Format;

/// Articles at least this large open with a preview.
pub const PREVIEW_FROM_BYTES: u64 = 256 << 10;
/// How much of the start is read for the preview.
const HEAD_BYTES: u64 = 128 << 10;
/// How much of the end is read for the preview (the last screens).
const TAIL_BYTES: u64 = 64 << 10;

/// The start and the end of an article, as text: exactly the article's first and last
/// bytes, each cut at a paragraph break where there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The article's first bytes (to the last paragraph break in them).
    pub head: String,
    /// The article's last bytes (from the first paragraph break in them).
    pub tail: String,
    /// The file's size when the preview was read.
    pub len: u64,
    /// Where the new case will be saved.
    pub target: PathBuf,
}

/// A preview of `path`, when it is a large plain-text article that starts a new case
/// (no verdict file and no unsaved work at the target) and whose first and last bytes
/// are text as they stand. `None` means "open it the ordinary way".
pub fn preview(path: &Path, out: Option<&Path>, max_article_bytes: u64) -> Option<Preview> {
    let meta = fs::metadata(path).ok()?;
    let len = meta.len();
    if !meta.is_file() || len < PREVIEW_FROM_BYTES || len > max_article_bytes {
        return None;
    }
    let target = out.map_or_else(|| store::default_path_for(path), Path::to_path_buf);
    if target.exists() || store::recovery_path(&target).exists() {
        return None;
    }
    let file = File::open(path).ok()?;
    let head = read_at(&file, 0, HEAD_BYTES)?;
    let name = path.to_string_lossy();
    if store::looks_like_verdict_file(path, &head) || Format::detect(&name, &head) != Format::Text {
        return None;
    }
    let tail = read_at(&file, len.saturating_sub(TAIL_BYTES), TAIL_BYTES)?;
    Some(Preview {
        head: head_text(&head)?,
        tail: tail_text(&tail)?,
        len,
        target,
    })
}

/// `len` bytes from `offset` (fewer at the end of the file).
fn read_at(file: &File, offset: u64, len: u64) -> Option<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = file;
    file.seek(SeekFrom::Start(offset)).ok()?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).ok()?);
    file.take(len).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Whether the text would be read as it stands: no BOM, no CR.
fn as_it_stands(text: &str) -> bool {
    !text.starts_with('\u{FEFF}') && !text.contains('\r')
}

/// The first bytes as text, to the last paragraph break in them; `None` when they are
/// not UTF-8 as they stand (a character cut at the end is dropped).
fn head_text(bytes: &[u8]) -> Option<String> {
    let text = valid_prefix(bytes)?;
    let end = text.rfind("\n\n").map_or(text.len(), |i| i + 2);
    let text = &text[..end];
    as_it_stands(text).then(|| text.to_owned())
}

/// The last bytes as text, from the first paragraph break in them (as the article pane
/// indexes its last screens); `None` when they are not UTF-8 as they stand.
fn tail_text(bytes: &[u8]) -> Option<String> {
    // Skip the rest of a character cut at the start.
    let skip = bytes
        .iter()
        .take(3)
        .take_while(|b| (**b & 0xC0) == 0x80)
        .count();
    let text = std::str::from_utf8(&bytes[skip..]).ok()?;
    let start = text.find("\n\n").map_or(0, |i| i + 2);
    let text = &text[start..];
    as_it_stands(text).then(|| text.to_owned())
}

/// The longest UTF-8 prefix of `bytes` when only a character cut at the end is invalid.
fn valid_prefix(bytes: &[u8]) -> Option<&str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok(),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    /// A large article of paragraphs, with `é` (two bytes) everywhere, so that cuts fall
    /// inside characters.
    fn big_text() -> String {
        let mut text = String::from("FIRST line\n\n");
        let mut i = 0;
        while text.len() < 600 << 10 {
            text.push_str(&format!("Paragraph {i}: café résumé né.\n\n"));
            i += 1;
        }
        text.push_str("LAST line.\n");
        text
    }

    /// The preview is the article's own first and last bytes, cut at paragraph breaks, so
    /// offsets in it are offsets in the article.
    #[test]
    fn head_and_tail_are_the_article_own_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let text = big_text();
        let path = article(dir.path(), "a.txt", text.as_bytes());
        let p = preview(&path, None, u64::MAX).expect("a preview");
        assert!(text.starts_with(&p.head) && p.head.ends_with("\n\n"));
        assert!(text.ends_with(&p.tail) && p.tail.ends_with("LAST line.\n"));
        assert!(p.tail.starts_with("Paragraph "), "{:?}", &p.tail[..20]);
        assert!(p.head.len() as u64 <= HEAD_BYTES && p.tail.len() as u64 <= TAIL_BYTES);
        assert_eq!(p.len, text.len() as u64);
        assert_eq!(p.target, dir.path().join("a.factdesk.json"));
    }

    /// No preview where the text is not the bytes as they stand, the file is small or
    /// over the limit, or the case already exists (or has unsaved work).
    #[test]
    fn no_preview_unless_the_text_is_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let text = big_text();
        let crlf = text.replace('\n', "\r\n");
        let mut latin1 = text.clone().into_bytes();
        latin1[20] = 0xE9;
        let cases: Vec<(&str, Vec<u8>)> = vec![
            (
                "bom.txt",
                [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            ),
            ("crlf.txt", crlf.into_bytes()),
            ("latin1.txt", latin1),
            ("page.txt", format!("<!doctype html><p>{text}").into_bytes()),
            ("notes.md", text.clone().into_bytes()),
            ("small.txt", b"One. Two.\n".to_vec()),
        ];
        for (name, bytes) in cases {
            let path = article(dir.path(), name, &bytes);
            assert_eq!(preview(&path, None, u64::MAX), None, "{name}");
        }
        let path = article(dir.path(), "a.txt", text.as_bytes());
        assert!(preview(&path, None, u64::MAX).is_some());
        assert_eq!(preview(&path, None, 1000), None, "over the limit");
        let existing = dir.path().join("a.factdesk.json");
        fs::write(&existing, "{}").unwrap();
        assert_eq!(preview(&path, None, u64::MAX), None, "the case exists");
        fs::remove_file(&existing).unwrap();
        fs::write(store::recovery_path(&existing), "{}").unwrap();
        assert_eq!(
            preview(&path, None, u64::MAX),
            None,
            "unsaved work is waiting"
        );
        let elsewhere = dir.path().join("b.factdesk.json");
        assert!(preview(&path, Some(&elsewhere), u64::MAX).is_some());
        assert_eq!(preview(dir.path(), None, u64::MAX), None, "a directory");
    }
}
