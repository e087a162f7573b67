//! Whether the file an article was imported from (a saved page, a Markdown or text file)
//! still has the bytes it had, by the SHA-256 recorded in `article.origin`.

use std::path::{Path, PathBuf};

use crate::model::{Article, sha256_hex, sha256_hex_bytes};

/// Original files larger than this are not hashed by `check`.
const MAX_ORIGINAL_BYTES: u64 = 256 * 1024 * 1024;

/// A message when the original file is there and its bytes changed since the import.
/// Nothing when no hash was recorded, the path is a URL, or the file is not there any
/// more (moving a saved page is not a problem of the verdict file).
pub fn original_changed(article: &Article, verdict_file: Option<&Path>) -> Option<String> {
    let origin = &article.origin;
    let recorded = match (&origin.sha256, origin.format.as_deref()) {
        (Some(hash), _) => hash.clone(),
        // A plain-text file read unchanged is identified by the text's own hash.
        (None, Some("text")) => sha256_hex(&article.text),
        (None, _) => return None,
    };
    let path = origin.path.as_deref()?;
    if path.contains("://") {
        return None;
    }
    let found = locate(Path::new(path), verdict_file)?;
    let meta = std::fs::metadata(&found).ok()?;
    if !meta.is_file() || meta.len() > MAX_ORIGINAL_BYTES {
        return None;
    }
    let bytes = std::fs::read(&found).ok()?;
    let actual = sha256_hex_bytes(&bytes);
    (actual != recorded).then(|| {
        format!(
            "the article's original file {} changed since it was imported (SHA-256 {} recorded, {} now)",
            found.display(),
            short(&recorded),
            short(&actual)
        )
    })
}

/// The original file: as recorded (absolute, or relative to where factdesk ran), else
/// beside the verdict file.
fn locate(path: &Path, verdict_file: Option<&Path>) -> Option<PathBuf> {
    if path.exists() {
        return Some(path.to_path_buf());
    }
    let beside = verdict_file?.parent()?.join(path.file_name()?);
    beside.exists().then_some(beside)
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
