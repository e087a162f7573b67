//! Evidence: the fuzzy pickers, linking a source to a claim, the links in the detail pane.

use super::action::Effect;
use super::editor::Editor;
use super::form::{Form, FormField};
use super::state::{AppState, Confirmation, Overlay, Pane, PickerKind, PickerOverlay};
use crate::keymap::{Command, Context};
use crate::model::{ClaimId, Link, Source, SourceId, Stance, looks_like_url};
use crate::picker::Picker;

/// Items scored per keystroke or tick: at most about 8 ms of SkimMatcherV2 work in a release
/// build (measured: 2.1 µs per item for the worst queries on 110-character haystacks),
/// so a 100,000-source library never blocks typing.
pub const PICKER_BUDGET: usize = 3_500;

/// The stances in form order.
pub const STANCES: &[&str] = &["supports", "refutes", "context"];

/// Contexts whose commands the palette offers.
const PALETTE_CONTEXTS: &[Context] = &[
    Context::Global,
    Context::Article,
    Context::Claim,
    Context::Claims,
    Context::Detail,
    Context::Library,
];

impl AppState {
    fn open_picker(&mut self, kind: PickerKind, items: Vec<String>) {
        let mut picker = Picker::new(items);
        picker.step(PICKER_BUDGET);
        self.overlay = Some(Overlay::Picker(Box::new(PickerOverlay {
            kind,
            picker,
            input: Editor::single_line(""),
            selected: 0,
        })));
    }

    /// `l`: the source picker for the claim under the cursor (or the current claim).
    pub(super) fn open_source_picker(&mut self) {
        let Some(claim) = self.require_target() else {
            return;
        };
        if let Some(i) = self.case.claim_index(&claim) {
            self.select_claim(i);
        }
        let mut items: Vec<String> = self.case.sources.iter().map(Source::haystack).collect();
        items.extend(
            self.candidate_links()
                .into_iter()
                .map(super::residue::link_haystack),
        );
        self.open_picker(PickerKind::Source { claim }, items);
    }

    /// `:`: every command of the keymap in the palette, with its key in this context.
    pub(super) fn open_palette(&mut self) {
        let context = self.context();
        // Commands with no key of their own are reached from here.
        let mut commands: Vec<Command> = vec![
            Command::SaveAs,
            Command::ChangeScale,
            Command::ShowOverview,
            Command::ShowReview,
            Command::ExportClaimreview,
            Command::ExportMarkdown,
            Command::ExportCsv,
        ];
        for c in PALETTE_CONTEXTS {
            for (command, _) in self.keymap.section(*c) {
                if !commands.contains(&command) && command != Command::OpenPalette {
                    commands.push(command);
                }
            }
        }
        let items = commands
            .iter()
            .map(|c| format!("{} {}", c.description(), c.name()))
            .collect();
        self.open_picker(PickerKind::Palette { context, commands }, items);
    }

    /// `/` in the claim list: claims by wording and claimant (`only`: a subset, by index).
    pub(super) fn open_claim_filter(&mut self, only: Option<Vec<usize>>) {
        let indices: Vec<usize> = match &only {
            Some(list) => list.clone(),
            None => (0..self.case.claims.len()).collect(),
        };
        let items = indices
            .iter()
            .filter_map(|i| self.case.claims.get(*i))
            .map(|c| format!("{} | {}", c.text, c.claimant_or_guess()))
            .collect();
        self.open_picker(PickerKind::Claims { only }, items);
    }

    /// `:scale`: the rating-scale presets, to change the case's scale.
    pub(super) fn open_scale_picker(&mut self) {
        let presets = crate::model::Scale::presets();
        let items = presets
            .iter()
            .map(|(id, scale)| {
                let labels: Vec<&str> = scale.labels.iter().map(|l| l.label.as_str()).collect();
                format!("{} ({id}): {}", scale.name, labels.join(", "))
            })
            .collect();
        let ids = presets.iter().map(|(id, _)| *id).collect();
        self.open_picker(PickerKind::Scale { ids }, items);
    }

    /// Changes the case's scale: verdicts keep their label where the new scale has it
    /// (compared without case), the rest stay as they are and show ⚠ as not on the scale.
    pub fn change_scale(&mut self, scale: crate::model::Scale) {
        let mut mapped = 0;
        let mut flagged = 0;
        for claim in &mut self.case.claims {
            let Some(rating) = &claim.verdict.rating else {
                continue;
            };
            match scale
                .labels
                .iter()
                .find(|l| l.label.eq_ignore_ascii_case(rating))
            {
                Some(label) => {
                    claim.verdict.rating = Some(label.label.clone());
                    mapped += 1;
                }
                None => flagged += 1,
            }
        }
        let name = scale.name.clone();
        self.case.scale = scale;
        self.commit(format!("change the scale to {name}"));
        let kept = format!(
            "{mapped} verdict{} kept",
            if mapped == 1 { "" } else { "s" }
        );
        self.info(match flagged {
            0 => format!("Scale: {name}; {kept}"),
            n => format!("Scale: {name}; {kept}, {n} not on it flagged ⚠ (rate them again)"),
        });
    }

    /// Whether a picker still has scoring to do (the runner then sends ticks).
    pub fn busy(&self) -> bool {
        match (&self.overlay, &self.view) {
            (Some(Overlay::Picker(p)), _) => !p.picker.is_complete(),
            (None, super::state::View::Library(l)) => !l.picker.is_complete(),
            _ => false,
        }
    }

    /// Scores another slice of a picker's items.
    pub(super) fn tick(&mut self) {
        if let Some(Overlay::Picker(p)) = &mut self.overlay {
            p.picker.step(PICKER_BUDGET);
        } else if let super::state::View::Library(l) = &mut self.view {
            l.picker.step(PICKER_BUDGET);
        }
    }

    /// A key in a picker: commands move and pick; anything typed edits the query.
    pub(super) fn run_picker(&mut self, command: Command) -> Vec<Effect> {
        let Some(Overlay::Picker(p)) = &mut self.overlay else {
            return Vec::new();
        };
        let rows = p.row_count();
        let page = self.viewport.article_height.saturating_sub(6).max(1);
        match command {
            Command::MoveDown => p.selected = (p.selected + 1).min(rows.saturating_sub(1)),
            Command::MoveUp => p.selected = p.selected.saturating_sub(1),
            Command::PageDown => p.selected = (p.selected + page).min(rows.saturating_sub(1)),
            Command::PageUp => p.selected = p.selected.saturating_sub(page),
            Command::Cancel => self.overlay = None,
            Command::Confirm => return self.pick(),
            other => {
                if super::update::edit(&mut p.input, other) {
                    self.query_changed();
                }
            }
        }
        Vec::new()
    }

    /// Types a character into the open picker's query.
    /// Typed or pasted text into a picker's query; how many chars did not fit.
    pub(super) fn picker_type(&mut self, text: &str) -> usize {
        let Some(Overlay::Picker(p)) = &mut self.overlay else {
            return 0;
        };
        let dropped = p.input.insert_str(text);
        self.query_changed();
        dropped
    }

    fn query_changed(&mut self) {
        if let Some(Overlay::Picker(p)) = &mut self.overlay {
            p.picker.set_query(&p.input.text());
            p.picker.step(PICKER_BUDGET);
            p.selected = 0;
        }
    }

    /// Enter in a picker.
    fn pick(&mut self) -> Vec<Effect> {
        let Some(Overlay::Picker(p)) = self.overlay.take() else {
            return Vec::new();
        };
        let typed = p.input.text().trim().to_string();
        let chosen = p.picker.matches().get(p.selected).map(|m| m.index);
        match p.kind {
            PickerKind::Source { claim } => match chosen {
                Some(i) if i < self.case.sources.len() => {
                    let source = self.case.sources[i].id.clone();
                    self.open_link_form(claim, source, None);
                }
                // A row "linked from the article": into the library, then linked.
                Some(i) => {
                    let link = self
                        .candidate_links()
                        .get(i - self.case.sources.len())
                        .map(|l| (*l).clone());
                    if let Some(link) = link {
                        let source = self.add_article_link(&link);
                        self.open_link_form(claim, source, None);
                    }
                }
                None => self.new_source_from(claim, typed),
            },
            PickerKind::Palette { context, commands } => {
                // `:saveas PATH` saves at once, as in an editor's command line.
                if let Some(path) = typed.strip_prefix("saveas ").map(str::trim)
                    && !path.is_empty()
                {
                    return vec![Effect::SaveAs {
                        path: path.into(),
                        then_quit: false,
                    }];
                }
                // `:reanchor PATH` moves the case onto a new version of the article.
                if let Some(path) = typed.strip_prefix("reanchor ").map(str::trim)
                    && !path.is_empty()
                {
                    return vec![Effect::Reanchor { path: path.into() }];
                }
                if let Some(name) = typed.strip_prefix("scale ").map(str::trim) {
                    match crate::model::Scale::preset(name) {
                        Some(scale) => self.change_scale(scale),
                        None => self.warn(format!("No scale preset {name:?}: try :scale")),
                    }
                    return Vec::new();
                }
                if let Some(command) = chosen.and_then(|i| commands.get(i)) {
                    return self.run_command(context, *command);
                }
            }
            PickerKind::Claims { only } => {
                let claim = match (&only, chosen) {
                    (Some(list), Some(i)) => list.get(i).copied(),
                    (None, chosen) => chosen,
                    _ => None,
                };
                if let Some(i) = claim {
                    self.view = super::state::View::Main;
                    self.select_claim(i);
                    // Shown in the article at once; the list keeps the focus.
                    self.jump_to_current();
                    self.focus = Pane::Claims;
                }
            }
            PickerKind::Scale { ids } => {
                if let Some(scale) = chosen
                    .and_then(|i| ids.get(i))
                    .and_then(|id| crate::model::Scale::preset(id))
                {
                    self.change_scale(scale);
                }
            }
        }
        Vec::new()
    }

    /// "+ New source: <typed>": a URL asks for a title next; other text is the title.
    fn new_source_from(&mut self, claim: ClaimId, typed: String) {
        if typed.is_empty() {
            self.info("Type a title or a URL for the new source");
            self.open_source_picker();
            return;
        }
        if looks_like_url(&typed) {
            self.overlay = Some(Overlay::NewSourceTitle {
                claim,
                url: typed,
                editor: Editor::single_line(""),
            });
            return;
        }
        let id = self.add_source(&typed, "");
        self.open_link_form(claim, id, None);
    }

    /// Enter on the new source's title.
    pub(super) fn finish_new_source_title(&mut self) {
        let Some(Overlay::NewSourceTitle { claim, url, editor }) = self.overlay.take() else {
            return;
        };
        let title = editor.text().trim().to_string();
        // A source with no title is listed by its URL.
        let title = if title.is_empty() { url.clone() } else { title };
        let id = self.add_source(&title, &url);
        self.open_link_form(claim, id, None);
    }

    /// Adds a source to the library and returns its id.
    pub(super) fn add_source(&mut self, title: &str, url: &str) -> SourceId {
        let id = loop {
            let id = self.entropy.new_source_id();
            if self.case.source(&id).is_none() {
                break id;
            }
        };
        let today = self.entropy.today();
        self.case
            .sources
            .push(Source::new(id.clone(), title, url, &today));
        self.commit(format!("add source “{title}”"));
        id
    }

    /// The link form, stance first; for a new link or the claim's link `editing`.
    pub(super) fn open_link_form(
        &mut self,
        claim: ClaimId,
        source: SourceId,
        editing: Option<usize>,
    ) {
        let link = editing
            .and_then(|i| self.case.claim(&claim)?.links.get(i).cloned())
            .unwrap_or_else(|| Link::new(source.clone()));
        let stance = STANCES
            .iter()
            .position(|s| *s == link.stance.name())
            .unwrap_or(0);
        let form = Form::new(vec![
            FormField::choice("Stance", STANCES, stance),
            FormField::text("Quote", &link.quote),
            FormField::line("Locator", &link.locator),
            FormField::line("Question", &link.question),
            FormField::line("Note", &link.note),
        ]);
        self.overlay = Some(Overlay::LinkForm {
            claim,
            source,
            editing,
            form,
        });
    }

    /// Keys of the link form.
    pub(super) fn run_link_form(&mut self, command: Command) {
        let Some(Overlay::LinkForm { form, .. }) = &mut self.overlay else {
            return;
        };
        match command {
            Command::NextField => form.next(),
            Command::PreviousField => form.previous(),
            Command::StanceSupports => form.choose(0, "supports"),
            Command::StanceRefutes => form.choose(0, "refutes"),
            Command::StanceContext => form.choose(0, "context"),
            Command::Cancel => self.cancel_overlay(),
            Command::Confirm => self.finish_link_form(),
            other => {
                if let Some(editor) = form.focused_mut().editor_mut() {
                    super::update::edit(editor, other);
                }
            }
        }
    }

    fn finish_link_form(&mut self) {
        let Some(Overlay::LinkForm {
            claim,
            source,
            editing,
            form,
        }) = self.overlay.take()
        else {
            return;
        };
        let Some(index) = self.case.claim_index(&claim) else {
            return;
        };
        let stance = match form.value(0).as_str() {
            "refutes" => Stance::Refutes,
            "context" => Stance::Context,
            _ => Stance::Supports,
        };
        let now = self.now();
        let claim = &mut self.case.claims[index];
        let mut link = editing
            .and_then(|i| claim.links.get(i).cloned())
            .unwrap_or_else(|| Link::new(source.clone()));
        link.stance = stance;
        link.quote = form.value(1).trim_end().to_string();
        link.locator = form.value(2).trim().to_string();
        link.question = form.value(3).trim().to_string();
        link.note = form.value(4).trim().to_string();
        let at = match editing.filter(|i| *i < claim.links.len()) {
            Some(i) => {
                claim.links[i] = link;
                i
            }
            None => {
                claim.links.push(link);
                claim.links.len() - 1
            }
        };
        claim.updated = now;
        self.commit(format!(
            "{} link of {}",
            if editing.is_some() { "edit a" } else { "add a" },
            self.claim_label(index)
        ));
        self.select_claim(index);
        self.detail_link = at;
        self.keep_link_in_view();
        let title = self
            .case
            .source(&source)
            .map(|s| s.title.clone())
            .unwrap_or_default();
        self.info(format!(
            "{} {} {} “{title}”",
            self.claim_label(index),
            if editing.is_some() {
                "updated its link:"
            } else {
                "linked:"
            },
            stance.name(),
        ));
    }

    /// The current claim's selected link, if any.
    pub fn selected_link(&self) -> Option<(usize, &Link)> {
        let claim = self.current_claim()?;
        let i = self.detail_link.min(claim.links.len().checked_sub(1)?);
        Some((i, &claim.links[i]))
    }

    pub(super) fn move_link(&mut self, delta: isize) {
        let count = self.current_claim().map_or(0, |c| c.links.len());
        if count == 0 {
            self.scroll_detail(delta);
            return;
        }
        self.detail_link = self
            .detail_link
            .min(count - 1)
            .saturating_add_signed(delta)
            .min(count - 1);
        self.keep_link_in_view();
    }

    pub(super) fn edit_selected_link(&mut self) {
        let (Some(claim), Some((i, link))) = (self.current.clone(), self.selected_link()) else {
            self.info("No link selected: press l to link a source");
            return;
        };
        let source = link.source.clone();
        self.open_link_form(claim, source, Some(i));
    }

    pub(super) fn ask_remove_link(&mut self) {
        let (Some(claim), Some((index, _))) = (self.current.clone(), self.selected_link()) else {
            self.info("No link selected");
            return;
        };
        self.overlay = Some(Overlay::Confirm(Confirmation::RemoveLink { claim, index }));
    }

    pub(super) fn remove_link(&mut self, claim: &ClaimId, index: usize) {
        let now = self.now();
        let Some(ci) = self.case.claim_index(claim) else {
            return;
        };
        let c = &mut self.case.claims[ci];
        if index >= c.links.len() {
            return;
        }
        c.links.remove(index);
        c.updated = now;
        self.commit(format!("remove a link of {}", self.claim_label(ci)));
        self.detail_link = index.saturating_sub(1);
        self.keep_link_in_view();
        self.info(format!("Removed a link from {}", self.claim_label(ci)));
    }

    /// `o` in the detail pane: the selected link's source record.
    pub(super) fn open_selected_source(&mut self) {
        let Some(source) = self.selected_link().map(|(_, l)| l.source.clone()) else {
            self.info("No link selected");
            return;
        };
        self.open_source_form(Some(source));
    }

    /// `y`: copy a source's URL to the clipboard (OSC 52).
    pub(super) fn copy_url(&mut self, source: Option<SourceId>) -> Vec<Effect> {
        let url = source
            .and_then(|id| self.case.source(&id))
            .map(|s| s.url.clone())
            .unwrap_or_default();
        if url.is_empty() {
            self.info("This source has no URL");
            return Vec::new();
        }
        self.copy_text(&url)
    }

    /// Puts `text` on the clipboard without its control, bidi and zero-width characters
    /// (a pasted ESC or newline could run a command in a shell), and says so.
    pub(super) fn copy_text(&mut self, text: &str) -> Vec<Effect> {
        let (safe, removed) = crate::text::strip_hidden(text);
        match removed {
            0 => self.info(format!("Copied {safe}")),
            n => self.warn(format!(
                "Copied {safe} (removed {n} hidden or control character{})",
                if n == 1 { "" } else { "s" }
            )),
        }
        vec![Effect::Copy(safe.into_owned())]
    }
}
