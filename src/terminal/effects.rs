//! Carrying out what the app asks for: saving, quitting, the clipboard, opening URLs.

use super::*;

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Flow {
    Continue,
    Quit,
}

pub(super) fn carry_out(effect: Effect, state: &mut AppState, autosave: &mut Autosave) -> Flow {
    match effect {
        Effect::Quit => {
            // Quitting discards what was not saved, on purpose: nothing left to recover.
            autosave.clear(state);
            Flow::Quit
        }
        Effect::Copy(text) => {
            copy_to_clipboard(&text);
            Flow::Continue
        }
        Effect::OpenUrl(url) => {
            let opener = if state.opener.is_empty() {
                external::default_opener()
            } else {
                state.opener.clone()
            };
            if let Err(reason) = external::open_url(&opener, &url) {
                state.message = Some(crate::app::Message {
                    text: format!("Not opened: {reason}"),
                    kind: crate::app::MessageKind::Error,
                });
            }
            Flow::Continue
        }
        // Carried out in the event loop, which holds the terminal.
        Effect::EditExternally { .. } => Flow::Continue,
        Effect::DiscardRecovery => {
            autosave.clear(state);
            Flow::Continue
        }
        Effect::Export { format, path } => {
            let result = crate::export_cli::export_from_tui(state, format, &path);
            state.update(Action::Exported(result));
            Flow::Continue
        }
        Effect::Save { then_quit } if state.read_only.is_some() => {
            state.update(Action::Saved {
                result: Err(state.read_only.clone().unwrap_or_default()),
                then_quit,
            });
            Flow::Continue
        }
        Effect::Save { then_quit } => save(state, autosave, None, false, then_quit),
        Effect::Overwrite { then_quit } => save(state, autosave, None, true, then_quit),
        Effect::SaveAs { path, then_quit } => save(state, autosave, Some(path), true, then_quit),
        Effect::Reanchor { path } => {
            let max = crate::open::DEFAULT_MAX_ARTICLE_BYTES;
            match crate::reanchor_cli::read_new_article(&path, max) {
                Ok((text, _)) => state.reanchor_onto(text, path),
                Err(e) => state.reanchor_failed(&e.to_string()),
            }
            Flow::Continue
        }
    }
}

/// Saves to the case's file (or `to`), first making sure the file on disk is still the one
/// that was opened unless `force`; tells the state how it went.
fn save(
    state: &mut AppState,
    autosave: &mut Autosave,
    to: Option<std::path::PathBuf>,
    force: bool,
    then_quit: bool,
) -> Flow {
    let target = to.clone().unwrap_or_else(|| state.file.path.clone());
    let now = store::DiskStamp::of(&target);
    // Saving to the case's own file compares it with what was loaded; a new path must
    // not hold a file (the Save as prompt asked already).
    let expected = if to.is_none() {
        state.file.stamp.clone()
    } else {
        now.clone()
    };
    if !force && now != expected {
        let what = changed_on_disk(&target, expected.as_ref(), now.as_ref());
        state.update(Action::SaveConflict { then_quit, what });
        return Flow::Continue;
    }
    // A symbolic link is written through only when it was there, to the same place, when
    // the case was read: a link swapped in since is replaced, never followed.
    let link_now = std::fs::read_link(&target).ok();
    let follow_links = match (to.is_some(), &state.file.stamp) {
        (true, _) => true,
        (false, Some(stamp)) => link_now.is_some() && stamp.link == link_now,
        (false, None) => false,
    };
    state.case.article.ensure_hash();
    let view = state.saved_view();
    match store::save_with(&target, &state.case, &view, &state.file.extra, follow_links) {
        Ok(report) => {
            autosave.clear(state);
            state.file.path = target.clone();
            state.file.stamp = store::DiskStamp::of(&target);
            state.update(Action::Saved {
                result: Ok(report.path),
                then_quit,
            });
            if then_quit {
                Flow::Quit
            } else {
                Flow::Continue
            }
        }
        Err(e) => {
            state.update(Action::Saved {
                result: Err(e.to_string()),
                then_quit,
            });
            Flow::Continue
        }
    }
}

/// What became of the file at `path` since it was read (`was`), for the save prompt.
fn changed_on_disk(
    path: &Path,
    was: Option<&store::DiskStamp>,
    now: Option<&store::DiskStamp>,
) -> String {
    let link_was = was.and_then(|s| s.link.as_deref());
    match (std::fs::read_link(path).ok(), now) {
        (Some(to), _) if link_was != Some(to.as_path()) => {
            format!("is now a symbolic link to {}", to.display())
        }
        (_, None) => "is gone from disk".into(),
        (_, Some(_)) if was.is_none() => "already holds another case".into(),
        _ => "was changed by another program".into(),
    }
}

/// OSC 52: asks the terminal to put `text` on the system clipboard (works over SSH and in
/// tmux with `set-clipboard on`). The text is base64, so nothing in it can escape.
fn copy_to_clipboard(text: &str) {
    use std::io::Write;
    let sequence = format!("\x1b]52;c;{}\x07", base64(text.as_bytes()));
    let mut out = stdout();
    let _ = out
        .write_all(sequence.as_bytes())
        .and_then(|()| out.flush());
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    /// The OSC 52 payload is standard base64 (RFC 4648 test vectors).
    #[test]
    fn base64_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }
}
