//! Work on a thread of its own for a large article: the complete index, the re-wrap.

use super::*;

/// Starts indexing the whole article in the background when only its head is indexed;
/// the receiver yields the complete index.
pub(super) fn start_indexer(
    state: &mut AppState,
) -> Option<std::sync::mpsc::Receiver<crate::app::Document>> {
    if state.doc.complete {
        return None;
    }
    let text = state.case.article.text.clone();
    let width = state.viewport.article_width;
    let progress = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    state.index_progress = Some(Arc::clone(&progress));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("factdesk-index".into())
        .spawn(move || {
            let doc = crate::app::Document::index_with_progress(&text, width, &progress, false);
            let _ = tx.send(doc);
        })
        .ok()?;
    Some(rx)
}

/// Re-wraps the whole article at the pane's width in the background, after a resize
/// re-wrapped only the lines around the view (see `Document::rewrap_around`).
pub(super) fn start_rewrap(
    state: &mut AppState,
) -> Option<(
    usize,
    std::sync::mpsc::Receiver<Vec<std::ops::Range<usize>>>,
)> {
    let text = state.case.article.text.clone();
    let width = state.doc.width;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("factdesk-wrap".into())
        .spawn(move || {
            let _ = tx.send(crate::app::Document::wrap_all(&text, width));
        })
        .ok()?;
    Some((width, rx))
}
