//! Snapshots of the overlays the other screen tests do not open: the new source's title,
//! recovery (plain and with its differences), the save conflict, save as, a failed save,
//! an existing verdict file and search. Together with `tests.rs` every `Overlay` variant has
//! a snapshot at 80×24 and 160×48.

use super::*;
use crate::app::Action;
use crate::model::{Article, Case, Origin, Scale};

snapshot_both_sizes!(new_source_title, |w, h| {
    let mut s = evidence_state(w, h);
    press(&mut s, "lhttps://example.org/new<Enter>");
    s
});
snapshot_both_sizes!(recovery_offer, |w, h| {
    let recovered = worked_state(w, h).case;
    let mut s = state(DEMO_ARTICLE, w, h);
    s.offer_recovery(recovered, 0);
    s
});
snapshot_both_sizes!(recovery_differences, |w, h| {
    let recovered = worked_state(w, h).case;
    let mut s = state(DEMO_ARTICLE, w, h);
    s.offer_recovery(recovered, 0);
    press(&mut s, "s");
    s
});
snapshot_both_sizes!(save_conflict, |w, h| {
    let mut s = worked_state(w, h);
    s.update(Action::SaveConflict {
        then_quit: false,
        what: "was changed by another program".into(),
    });
    s
});
snapshot_both_sizes!(save_as, |w, h| {
    let mut s = worked_state(w, h);
    s.update(Action::SaveConflict {
        then_quit: false,
        what: "was changed by another program".into(),
    });
    press(&mut s, "a");
    s
});
snapshot_both_sizes!(save_failed, |w, h| {
    let mut s = worked_state(w, h);
    let reason = "/tmp/demo.factdesk.json: Read-only file system (os error 30)";
    s.update(Action::Saved {
        result: Err(reason.into()),
        then_quit: false,
    });
    s
});
snapshot_both_sizes!(existing_case, |w, h| {
    let mut s = worked_state(w, h);
    let fresh = Case::new(
        Article::new(DEMO_ARTICLE.to_string(), Origin::default()),
        Scale::default_scale(),
    );
    s.offer_fresh_case(fresh);
    s
});
snapshot_both_sizes!(search_prompt, |w, h| {
    let mut s = worked_state(w, h);
    press(&mut s, "/ferry");
    s
});
