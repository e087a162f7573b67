//! Undo and redo: every change to the case is recorded as the before and after states of the
//! claims and sources it touched (found by comparing with the last recorded state), with the
//! history entries it appended. Unlimited within a session.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::state::{AppState, View};
use crate::model::{
    Article, Case, Claim, ClaimId, Conflict, Metadata, Residue, Scale, Source, SourceId,
    Suggestions,
};

/// What the metadata form changes about the article: its title and its metadata.
type ArticleInfo = (Option<String>, Metadata);

fn article_info(article: &Article) -> ArticleInfo {
    (article.origin.title.clone(), article.meta.clone())
}

/// An entity and where it stood in its list, or `None` where it did not exist.
type Placed<T> = Option<(usize, T)>;
/// An entity's id with its state before and after a change.
type Touched<K, T> = (K, Placed<T>, Placed<T>);

/// One change: what each touched claim and source was before and after.
#[derive(Debug, Clone)]
pub struct Change {
    pub description: String,
    claims: Vec<(ClaimId, Option<Claim>, Option<Claim>)>,
    /// Sources with their index in the library (to put them back in place).
    sources: Vec<Touched<SourceId, Source>>,
    /// The scale before and after, when the change replaced it.
    scale: Option<(Scale, Scale)>,
    /// The article's residue marks before and after, when the change toggled one.
    residue: Option<(Vec<Residue>, Vec<Residue>)>,
    /// The article's title and metadata before and after, when the change edited them.
    article_info: Option<(ArticleInfo, ArticleInfo)>,
    /// The `history` entries the change appended.
    history: Vec<Value>,
    /// The merge conflicts before and after, when the change resolved one.
    conflicts: Option<(Vec<Conflict>, Vec<Conflict>)>,
    /// The article before and after, when the change moved the case onto a new version.
    article: Option<Box<(Article, Article)>>,
    /// The suggestion decisions before and after, when the change dismissed one.
    suggestions: Option<(Suggestions, Suggestions)>,
}

/// Done and undone changes, and where the file on disk stands.
#[derive(Debug, Default)]
pub struct UndoStack {
    done: Vec<Change>,
    undone: Vec<Change>,
    /// `done.len()` when the file was last saved or opened; `None` once that state is lost.
    saved: Option<usize>,
    /// The claims and sources as of the last recorded change.
    last_claims: Vec<Claim>,
    last_sources: Vec<Source>,
    last_scale: Option<Scale>,
    last_conflicts: Vec<Conflict>,
    last_article_info: Option<ArticleInfo>,
    last_suggestions: Suggestions,
}

impl UndoStack {
    pub fn new(case: &Case) -> UndoStack {
        UndoStack {
            saved: Some(0),
            last_claims: case.claims.clone(),
            last_sources: case.sources.clone(),
            last_scale: Some(case.scale.clone()),
            last_conflicts: case.conflicts.clone(),
            last_article_info: Some(article_info(&case.article)),
            last_suggestions: case.suggestions.clone(),
            ..UndoStack::default()
        }
    }

    /// Whether the case differs from the file as last saved.
    pub fn dirty(&self) -> bool {
        self.saved != Some(self.done.len())
    }

    pub fn mark_saved(&mut self) {
        self.saved = Some(self.done.len());
    }
}

/// Whether the last change touched no source (so the recorded sources are still current).
fn change_sources_empty(done: &[Change]) -> bool {
    done.last().is_none_or(|c| c.sources.is_empty())
}

/// The entities changed in place (same ids in the same order, some edited): found by one
/// pass of comparisons, without building maps. `None` when the lists differ in shape.
fn changed_in_place<T: Clone + PartialEq, K: Clone + PartialEq>(
    before: &[T],
    after: &[T],
    key: impl Fn(&T) -> &K,
) -> Option<Vec<Touched<K, T>>> {
    if before.len() != after.len() {
        return None;
    }
    let mut out = Vec::new();
    for (i, (b, a)) in before.iter().zip(after).enumerate() {
        if key(b) != key(a) {
            return None;
        }
        if b != a {
            out.push((key(a).clone(), Some((i, b.clone())), Some((i, a.clone()))));
        }
    }
    Some(out)
}

/// [`changed_in_place`] when only the claim at `i` can differ: `None` if the lists do not
/// hold the same claim there.
fn only_claim(before: &[Claim], after: &[Claim], i: usize) -> Option<Vec<Touched<ClaimId, Claim>>> {
    let (b, a) = (before.get(i)?, after.get(i)?);
    if b.id != a.id {
        return None;
    }
    Some(if b == a {
        Vec::new()
    } else {
        vec![(a.id.clone(), Some((i, b.clone())), Some((i, a.clone())))]
    })
}

/// The places of the claims changed in place whose anchors changed (the only ones whose
/// spans in the article move).
fn moved_spans(changed: &[Touched<ClaimId, Claim>]) -> Vec<usize> {
    changed
        .iter()
        .filter_map(|(_, before, after)| match (before, after) {
            (Some((i, b)), Some((_, a))) if b.anchors != a.anchors => Some(*i),
            _ => None,
        })
        .collect()
}

/// What changed between two lists of entities, by id.
fn diff<T: Clone + PartialEq, K: Clone + Eq + std::hash::Hash>(
    before: &[T],
    after: &[T],
    key: impl Fn(&T) -> &K,
) -> Vec<Touched<K, T>> {
    if before == after {
        return Vec::new();
    }
    let old: HashMap<&K, (usize, &T)> = before
        .iter()
        .enumerate()
        .map(|(i, t)| (key(t), (i, t)))
        .collect();
    let new: HashMap<&K, (usize, &T)> = after
        .iter()
        .enumerate()
        .map(|(i, t)| (key(t), (i, t)))
        .collect();
    let mut out = Vec::new();
    for (i, t) in after.iter().enumerate() {
        match old.get(key(t)) {
            Some((_, o)) if *o == t => {}
            Some((j, o)) => out.push((
                key(t).clone(),
                Some((*j, (*o).clone())),
                Some((i, t.clone())),
            )),
            None => out.push((key(t).clone(), None, Some((i, t.clone())))),
        }
    }
    for (j, o) in before.iter().enumerate() {
        if !new.contains_key(key(o)) {
            out.push((key(o).clone(), Some((j, o.clone())), None));
        }
    }
    out
}

impl AppState {
    /// Records whatever changed since the last record as one undoable change, appends its
    /// history entries, and re-indexes the claims.
    pub(super) fn commit(&mut self, description: impl Into<String>) {
        self.commit_with(description.into(), None);
    }

    /// Like [`AppState::commit`] after a change that can only have touched the claim at
    /// `index` (a rating, a status, a field): that claim alone is compared with its
    /// recorded state, not all 10,000. Debug builds (the tests) check the promise against
    /// the full comparison.
    pub(super) fn commit_claim(&mut self, index: usize, description: impl Into<String>) {
        self.commit_with(description.into(), Some(index));
    }

    fn commit_with(&mut self, description: String, only: Option<usize>) {
        let in_place = match only {
            Some(i) if self.undo.last_claims.len() == self.case.claims.len() => {
                let touched = only_claim(&self.undo.last_claims, &self.case.claims, i);
                debug_assert_eq!(
                    touched,
                    changed_in_place(&self.undo.last_claims, &self.case.claims, |c| &c.id),
                    "commit_claim({i}) after a change that touched other claims"
                );
                touched
            }
            _ => changed_in_place(&self.undo.last_claims, &self.case.claims, |c| &c.id),
        };
        let reindex = in_place.as_ref().map(|changed| moved_spans(changed));
        let claims = match in_place {
            Some(changed) => changed,
            None => diff(&self.undo.last_claims, &self.case.claims, |c| &c.id),
        };
        let sources = diff(&self.undo.last_sources, &self.case.sources, |s| &s.id);
        let scale = match &self.undo.last_scale {
            Some(old) if *old != self.case.scale => Some((old.clone(), self.case.scale.clone())),
            _ => None,
        };
        let conflicts = (self.undo.last_conflicts != self.case.conflicts).then(|| {
            (
                self.undo.last_conflicts.clone(),
                self.case.conflicts.clone(),
            )
        });
        let info = article_info(&self.case.article);
        let info_change = match &self.undo.last_article_info {
            Some(old) if *old != info => Some((old.clone(), info)),
            _ => None,
        };
        let suggestions = (self.undo.last_suggestions != self.case.suggestions).then(|| {
            (
                self.undo.last_suggestions.clone(),
                self.case.suggestions.clone(),
            )
        });
        match reindex {
            Some(touched) => self.doc.reindex_claims(&self.case, &touched),
            None => self.doc.index_claims(&self.case),
        }
        if claims.is_empty()
            && sources.is_empty()
            && scale.is_none()
            && conflicts.is_none()
            && info_change.is_none()
            && suggestions.is_none()
        {
            return;
        }
        let at = self.now();
        let mut history = Vec::new();
        for (id, before, after) in &claims {
            let rating = |c: &Option<(usize, Claim)>| {
                c.as_ref()
                    .map_or(Value::Null, |(_, c)| json!(c.verdict.rating))
            };
            let (b, a) = (rating(before), rating(after));
            let mut entry = match (before, after) {
                (Some(_), Some(_)) if b != a => {
                    json!({"at": at, "action": "rate", "claim": id, "before": b, "after": a})
                }
                (None, _) => json!({"at": at, "action": "add claim", "claim": id}),
                (_, None) => json!({"at": at, "action": "delete claim", "claim": id, "before": b}),
                _ => json!({"at": at, "action": description, "claim": id}),
            };
            if let Some((_, c)) = after.as_ref().or(before.as_ref()) {
                entry["number"] = json!(c.number);
            }
            history.push(entry);
        }
        for (id, before, after) in &sources {
            let action = match (before, after) {
                (None, _) => "add source",
                (_, None) => "delete source",
                _ => "edit source",
            };
            history.push(json!({"at": at, "action": action, "source": id}));
        }
        if let Some((_, new)) = &scale {
            history.push(json!({"at": at, "action": "change scale", "scale": new.name}));
        }
        if let Some((before, after)) = &conflicts {
            for c in before.iter().filter(|c| !after.contains(c)) {
                history.push(json!({"at": at, "action": "resolve conflict", "path": c.path}));
            }
        }
        if info_change.is_some() {
            history.push(json!({"at": at, "action": description}));
        }
        if let Some((_, new)) = &suggestions {
            self.undo.last_suggestions = new.clone();
        }
        if let Some(by) = &self.checker {
            for entry in &mut history {
                entry["by"] = json!(by);
            }
        }
        self.case.history.extend(history.iter().cloned());
        let change = Change {
            description,
            claims: claims
                .into_iter()
                .map(|(id, b, a)| (id, b.map(|(_, c)| c), a.map(|(_, c)| c)))
                .collect(),
            sources,
            scale,
            residue: None,
            article_info: info_change,
            history,
            conflicts,
            article: None,
            suggestions,
        };
        if self.undo.saved.is_some_and(|s| s > self.undo.done.len()) {
            self.undo.saved = None;
        }
        // Bring the recorded state up to date: only what changed when the list kept its
        // shape (10,000 claims are not cloned for one rating).
        let same_shape = self.undo.last_claims.len() == self.case.claims.len()
            && change
                .claims
                .iter()
                .all(|(_, b, a)| b.is_some() && a.is_some());
        if same_shape {
            for (id, _, after) in &change.claims {
                if let (Some(i), Some(after)) = (self.case.claim_index(id), after) {
                    self.undo.last_claims[i] = after.clone();
                }
            }
        } else {
            self.undo.last_claims = self.case.claims.clone();
        }
        self.undo.done.push(change);
        self.undo.undone.clear();
        self.revision += 1;
        if !change_sources_empty(&self.undo.done) {
            self.undo.last_sources = self.case.sources.clone();
        }
        self.undo.last_scale = Some(self.case.scale.clone());
        self.undo.last_conflicts = self.case.conflicts.clone();
        self.undo.last_article_info = Some(article_info(&self.case.article));
    }

    /// Records a change of the article's residue marks (from `before` to what they are
    /// now) as one undoable change with its history entry.
    pub(super) fn commit_residue(&mut self, before: Vec<Residue>, description: String) {
        let mut entry = json!({"at": self.now(), "action": description});
        if let Some(by) = &self.checker {
            entry["by"] = json!(by);
        }
        self.case.history.push(entry.clone());
        let change = Change {
            description,
            claims: Vec::new(),
            sources: Vec::new(),
            scale: None,
            residue: Some((before, self.case.article.residue.clone())),
            article_info: None,
            history: vec![entry],
            conflicts: None,
            article: None,
            suggestions: None,
        };
        if self.undo.saved.is_some_and(|s| s > self.undo.done.len()) {
            self.undo.saved = None;
        }
        self.undo.done.push(change);
        self.undo.undone.clear();
        self.revision += 1;
    }

    /// Records a move onto a new article version (`before`: the article as it was;
    /// `history_from`: the history's length before it) as one undoable change.
    pub(super) fn commit_new_article(
        &mut self,
        description: &str,
        before: Article,
        history_from: usize,
    ) {
        let done = self.undo.done.len();
        self.commit(description.to_string());
        if self.undo.done.len() == done {
            // No claim changed: the change is the article alone.
            self.undo.done.push(Change {
                description: description.to_string(),
                claims: Vec::new(),
                sources: Vec::new(),
                scale: None,
                residue: None,
                article_info: None,
                history: Vec::new(),
                conflicts: None,
                article: None,
                suggestions: None,
            });
            self.undo.undone.clear();
            self.revision += 1;
        }
        let history = self.case.history[history_from.min(self.case.history.len())..].to_vec();
        if let Some(change) = self.undo.done.last_mut() {
            change.history = history;
            change.article = Some(Box::new((before, self.case.article.clone())));
        }
    }

    /// `u`: puts back the state before the last change.
    pub(super) fn undo(&mut self) {
        let Some(change) = self.undo.done.pop() else {
            self.info("Nothing to undo");
            return;
        };
        self.apply(&change, true);
        self.info(format!("Undone: {}", change.description));
        self.undo.undone.push(change);
    }

    /// `Ctrl-r`: applies the last undone change again.
    pub(super) fn redo(&mut self) {
        let Some(change) = self.undo.undone.pop() else {
            self.info("Nothing to redo");
            return;
        };
        self.apply(&change, false);
        self.info(format!("Redone: {}", change.description));
        self.undo.done.push(change);
    }

    /// Sets every entity the change touched to its state before (`back`) or after it.
    fn apply(&mut self, change: &Change, back: bool) {
        for (id, before, after) in &change.claims {
            let state = if back { before } else { after };
            self.case.remove_claim(id);
            if let Some(claim) = state {
                self.case.insert_claim(claim.clone());
            }
        }
        let mut sources: Vec<_> = change.sources.iter().collect();
        // Put sources back in index order so each lands where it was.
        sources.sort_by_key(|(_, b, a)| {
            if back { b } else { a }
                .as_ref()
                .map_or(usize::MAX, |(i, _)| *i)
        });
        for (id, before, after) in sources {
            let state = if back { before } else { after };
            if let Some(i) = self.case.source_index(id) {
                self.case.sources.remove(i);
            }
            if let Some((i, source)) = state {
                let at = (*i).min(self.case.sources.len());
                self.case.sources.insert(at, source.clone());
            }
        }
        if let Some((before, after)) = &change.scale {
            self.case.scale = if back { before } else { after }.clone();
        }
        if let Some((before, after)) = &change.conflicts {
            self.case.conflicts = if back { before } else { after }.clone();
            self.undo.last_conflicts = self.case.conflicts.clone();
        }
        if let Some((before, after)) = &change.residue {
            self.case.article.residue = if back { before } else { after }.clone();
        }
        if let Some(articles) = &change.article {
            self.case.article = if back { &articles.0 } else { &articles.1 }.clone();
            self.doc = super::document::Document::new(&self.case, self.viewport.article_width);
            self.cursor = self.cursor.min(self.doc.sentences.len().saturating_sub(1));
            self.article_replaced();
        }
        if let Some((before, after)) = &change.suggestions {
            self.case.suggestions = if back { before } else { after }.clone();
            self.undo.last_suggestions = self.case.suggestions.clone();
        }
        if let Some((before, after)) = &change.article_info {
            let (title, meta) = if back { before } else { after }.clone();
            self.case.article.origin.title = title;
            self.case.article.meta = meta;
        }
        if back {
            let keep = self.case.history.len().saturating_sub(change.history.len());
            self.case.history.truncate(keep);
        } else {
            self.case.history.extend(change.history.iter().cloned());
        }
        // The recorded state follows: only the touched claims when the list kept its shape.
        let in_place = self.undo.last_claims.len() == self.case.claims.len()
            && change
                .claims
                .iter()
                .all(|(_, b, a)| b.is_some() && a.is_some());
        // Spans point at claims by place: only when every claim kept its place can the
        // touched claims' spans be redone alone.
        let same_places = self.undo.last_claims.iter().map(|c| &c.id).eq(self
            .case
            .claims
            .iter()
            .map(|c| &c.id));
        let mut moved = Vec::new();
        if in_place {
            for (id, before, after) in &change.claims {
                if let Some(i) = self.case.claim_index(id) {
                    self.undo.last_claims[i] = self.case.claims[i].clone();
                    let anchors = |c: &Option<Claim>| c.as_ref().map(|c| c.anchors.clone());
                    if anchors(before) != anchors(after) {
                        moved.push(i);
                    }
                }
            }
        } else {
            self.undo.last_claims = self.case.claims.clone();
        }
        if !change.sources.is_empty() {
            self.undo.last_sources = self.case.sources.clone();
        }
        self.undo.last_scale = Some(self.case.scale.clone());
        self.undo.last_article_info = Some(article_info(&self.case.article));
        if same_places && change.article.is_none() {
            self.doc.reindex_claims(&self.case, &moved);
        } else {
            self.doc.index_claims(&self.case);
        }
        self.revision += 1;
        if matches!(self.view, View::Library(_)) {
            self.refresh_library();
        }
        if self.current_index().is_none() && !self.case.claims.is_empty() {
            let i = self
                .current_index()
                .unwrap_or(0)
                .min(self.case.claims.len() - 1);
            self.select_claim(i);
        }
        let touched = change.claims.first().map(|(id, _, _)| id.clone());
        if let Some(i) = touched.and_then(|id| self.case.claim_index(&id)) {
            self.select_claim(i);
        }
    }
}
