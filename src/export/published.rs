//! A review's dates: `datePublished` stays what the first export gave it; `dateModified`
//! says when the verdict changed since.

use super::ExportOptions;
use crate::model::{Claim, Published};

/// The dates of one review.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct ReviewDates {
    /// `datePublished`, when known.
    pub published: Option<String>,
    /// `dateModified`: only after a change since the first publication.
    pub modified: Option<String>,
    /// Set when this export publishes the review for the first time.
    pub first: Option<Published>,
}

/// The dates of `claim`'s review in this export.
///
/// `--date` (`opts.date_published`) wins and records nothing. Otherwise the stored first
/// publication is kept; a review never published gets `opts.today` and is recorded. The
/// review is modified when the rating differs from the one published (on the day it was
/// last rated) or a correction is dated after the publication; the latest of those days is
/// `dateModified`.
pub(super) fn review_dates(claim: &Claim, opts: &ExportOptions) -> ReviewDates {
    if let Some(date) = &opts.date_published {
        return ReviewDates {
            published: Some(date.clone()),
            ..ReviewDates::default()
        };
    }
    let Some(first) = &claim.verdict.published else {
        return ReviewDates {
            published: opts.today.clone(),
            modified: None,
            first: opts.today.as_ref().map(|date| Published {
                date: date.clone(),
                rating: claim.verdict.rating.clone(),
                extra: Default::default(),
            }),
        };
    };
    let rated = claim
        .verdict
        .changed_since_published()
        .then(|| claim.verdict.rated_at.as_deref().map(day))
        .flatten();
    let corrected = claim.verdict.corrections().into_iter().map(|c| c.date);
    let modified = rated
        .into_iter()
        .chain(corrected)
        .filter(|d| d.as_str() > first.date.as_str())
        .max();
    ReviewDates {
        published: Some(first.date.clone()),
        modified,
        first: None,
    }
}

/// The `YYYY-MM-DD` of an RFC 3339 time (or of a date).
pub(crate) fn day(time: &str) -> String {
    time.trim().chars().take(10).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, ClaimId, ClaimStatus, Verdict};

    fn claim(rating: &str, rated_at: &str, published: Option<(&str, &str)>) -> Claim {
        Claim {
            id: ClaimId("a".into()),
            number: 1,
            anchors: Vec::<Anchor>::new(),
            text: "x".into(),
            claimant: String::new(),
            claimant_guess: None,
            claimant_kind: None,
            made_on: None,
            first_appearance: None,
            status: ClaimStatus::Reviewed,
            verdict: Verdict {
                rating: Some(rating.into()),
                rated_at: Some(rated_at.into()),
                published: published.map(|(date, rating)| Published {
                    date: date.into(),
                    rating: Some(rating.into()),
                    extra: Default::default(),
                }),
                ..Verdict::default()
            },
            links: Vec::new(),
            created: String::new(),
            updated: String::new(),
            extra: Default::default(),
        }
    }

    fn today(date: &str) -> ExportOptions {
        ExportOptions {
            today: Some(date.into()),
            ..ExportOptions::default()
        }
    }

    /// A first export takes today and records it; a later one keeps the stored day.
    #[test]
    fn first_export_is_recorded_and_kept() {
        let fresh = review_dates(
            &claim("False", "2026-01-02T09:00:00Z", None),
            &today("2026-01-05"),
        );
        assert_eq!(fresh.published.as_deref(), Some("2026-01-05"));
        assert_eq!(
            fresh.first.as_ref().map(|p| p.date.as_str()),
            Some("2026-01-05")
        );
        let kept = claim(
            "False",
            "2026-01-02T09:00:00Z",
            Some(("2026-01-05", "False")),
        );
        let later = review_dates(&kept, &today("2026-02-01"));
        assert_eq!(later.published.as_deref(), Some("2026-01-05"));
        assert_eq!((later.modified, later.first), (None, None));
    }

    /// A rating changed after publication gives dateModified the day it was re-rated; a
    /// later correction moves it on; `--date` overrides and records nothing.
    #[test]
    fn changes_since_publication_set_date_modified() {
        let mut c = claim(
            "True",
            "2026-03-01T10:00:00Z",
            Some(("2026-01-05", "False")),
        );
        let dates = review_dates(&c, &today("2026-04-01"));
        assert_eq!(dates.modified.as_deref(), Some("2026-03-01"));
        c.verdict.explanation = "Correction 2026-03-09: the rating was False.".into();
        let dates = review_dates(&c, &today("2026-04-01"));
        assert_eq!(dates.modified.as_deref(), Some("2026-03-09"));
        let forced = ExportOptions {
            date_published: Some("2026-02-02".into()),
            ..today("2026-04-01")
        };
        let dates = review_dates(&c, &forced);
        assert_eq!(dates.published.as_deref(), Some("2026-02-02"));
        assert_eq!((dates.modified, dates.first), (None, None));
    }
}
