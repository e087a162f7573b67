use serde::{Deserialize, Serialize};

/// Everything a key can be bound to. The keymap file names these in snake_case; the help
/// overlay and the hint bar take their descriptions from [`Command::description`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// Write the verdict file.
    Save,
    /// Leave factdesk, asking first when there are unsaved changes.
    Quit,
    /// Show the keys in force.
    ShowHelp,
    /// Move the focus to the next pane.
    FocusNextPane,
    /// Move the focus to the previous pane.
    FocusPreviousPane,
    /// Down one item: the next sentence, claim, rating or line.
    MoveDown,
    /// Up one item.
    MoveUp,
    /// Down one page.
    PageDown,
    /// Up one page.
    PageUp,
    /// To the first item.
    GoTop,
    /// To the last item.
    GoBottom,
    /// Start selecting words at the search match or the clicked word (else the sentence's first).
    StartSelection,
    /// Make the selection, or the sentence under the cursor, a claim.
    MakeClaim,
    /// Mark the cursor's line as scraping residue, or unmark it.
    ToggleResidue,
    /// Jump to the next claim in the text.
    NextClaim,
    /// Jump to the previous claim in the text.
    PreviousClaim,
    /// Show the selected claim in the article.
    JumpToClaim,
    /// Pick a verdict from the rating scale.
    RateClaim,
    /// Edit the claim's wording.
    EditWording,
    /// Edit the verdict's explanation.
    EditExplanation,
    /// Edit the explanation in `$EDITOR`.
    EditInEditor,
    /// Edit who made the claim.
    EditClaimant,
    /// Cycle the workflow status: todo, researching, reviewed.
    CycleStatus,
    /// Delete the claim, or in the detail pane the selected link (asks first).
    Delete,
    /// Save to another file (asks for the path).
    SaveAs,
    /// Replace the case with the unsaved work found in the recovery file.
    RecoverWork,
    /// Delete the recovery file and keep the case as saved.
    DiscardRecovery,
    /// Show what the recovery file changes.
    ShowDifferences,
    /// Keep the existing verdict file open.
    OpenExisting,
    /// Start a new case from the article instead of the existing verdict file.
    StartFresh,
    /// Save over a file that changed on disk since it was opened.
    OverwriteFile,
    /// Search the article's text.
    Search,
    /// The next search match.
    NextMatch,
    /// The previous search match.
    PreviousMatch,
    /// To the next suggested sentence (check-worthy, not yet a claim).
    NextSuggestion,
    /// To the previous suggested sentence.
    PreviousSuggestion,
    /// Dismiss the suggestion under the cursor (kept in the verdict file).
    DismissSuggestion,
    /// Show or hide the suggestion marks.
    ToggleSuggestions,
    /// Open the similar claim's case in this factdesk's place (unsaved changes: asks first).
    ShowSimilar,
    /// Change the case's rating scale (presets).
    ChangeScale,
    /// The case overview: verdicts, statuses, evidence gaps.
    ShowOverview,
    /// The list of merge conflicts left by `factdesk merge`.
    ShowConflicts,
    /// Resolve the selected conflict with our value.
    TakeOurs,
    /// Resolve the selected conflict with their value.
    TakeTheirs,
    /// Resolve the selected conflict with a value typed in.
    EditConflict,
    /// Undo the last change to the case.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Link a source to the claim: the fuzzy picker over the library.
    LinkSource,
    /// The command palette: every command, fuzzy.
    OpenPalette,
    /// The source library, full screen.
    OpenLibrary,
    /// Filter the claim list by wording and claimant.
    FilterClaims,
    /// Edit the selected link.
    EditLink,
    /// Open the selected link's source record.
    OpenSource,
    /// Copy the source's URL to the clipboard.
    CopyUrl,
    /// Open the source's URL in the browser.
    OpenUrl,
    /// Copy the claim's wording to the clipboard.
    CopyWording,
    /// Copy the claim's quote (the article's words) to the clipboard.
    CopyQuote,
    /// The next field of a form.
    NextField,
    /// The previous field of a form.
    PreviousField,
    /// Stance: the source supports the claim.
    StanceSupports,
    /// Stance: the source refutes the claim.
    StanceRefutes,
    /// Stance: the source gives context.
    StanceContext,
    /// The next source type.
    NextType,
    /// The previous source type.
    PreviousType,
    /// Filter the library.
    FilterLibrary,
    /// Add a source to the library.
    AddSource,
    /// Edit the selected source.
    EditSource,
    /// Delete the selected source (asks first, saying how many links go with it).
    DeleteSource,
    /// Extend the selection by a word.
    ExtendWord,
    /// Shrink the selection by a word.
    ShrinkWord,
    /// Extend the selection to the end of the next sentence.
    ExtendSentence,
    /// Shrink the selection by a sentence.
    ShrinkSentence,
    /// Move the selection's start one character right.
    MoveStartRight,
    /// Move the selection's start one character left.
    MoveStartLeft,
    /// Extend the selection's end by a character.
    ExtendChar,
    /// Shrink the selection's end by a character.
    ShrinkChar,
    /// Mark the sentences no claim covers (toggle).
    ToggleUncovered,
    /// The cursor to the next sentence no claim covers.
    NextUncovered,
    /// The cursor to the previous sentence no claim covers.
    PreviousUncovered,
    /// The next claim not yet reviewed.
    NextTodo,
    /// The search prompt: the query searched before this one.
    EarlierQuery,
    /// The search prompt: the query searched after this one.
    LaterQuery,
    /// Accept: pick, confirm or finish editing.
    Confirm,
    /// Close the overlay or selection without changing anything.
    Cancel,
    /// Remove the rating: the claim becomes unrated.
    ClearRating,
    /// Save, then quit.
    SaveAndQuit,
    /// Quit without saving.
    DiscardAndQuit,
    /// Cursor one character left.
    CursorLeft,
    /// Cursor one character right.
    CursorRight,
    /// Cursor to the line above.
    CursorUp,
    /// Cursor to the line below.
    CursorDown,
    /// Cursor to the start of the line.
    LineStart,
    /// Cursor to the end of the line.
    LineEnd,
    /// Delete the character before the cursor.
    DeleteBack,
    /// Delete the character under the cursor.
    DeleteForward,
    /// Delete the word before the cursor.
    DeleteWordBack,
    /// Delete the word after the cursor.
    DeleteWordForward,
    /// Cursor to the start of the word (or the previous word).
    WordLeft,
    /// Cursor past the end of the word (or the next word).
    WordRight,
    /// Delete from the start of the line to the cursor.
    DeleteToLineStart,
    /// Delete from the cursor to the end of the line.
    DeleteToLineEnd,
    /// Start a new line.
    NewLine,
    /// Move the case onto the new version of the article.
    ReanchorArticle,
    /// Accept the re-anchored span proposed for a claim.
    AcceptSpan,
    /// Select the claim's text anew in the article.
    ReselectSpan,
    /// Keep the span as an orphan (its old quote, not in the text).
    KeepOrphan,
    /// Add the selection to the current claim as another span.
    AddSpan,
    /// The current claim's next span in the text.
    NextSpan,
    /// The current claim's previous span in the text.
    PreviousSpan,
    /// The spans re-anchoring changed or orphaned, to settle.
    ShowReview,
    /// Edit the article's metadata: URL, outlet, authors, dates, language.
    EditMetadata,
    /// Write the rated claims as ClaimReview JSON-LD beside the verdict file.
    ExportClaimreview,
    /// Write the Markdown report beside the verdict file.
    ExportMarkdown,
    /// Write the CSV table beside the verdict file.
    ExportCsv,
    /// In the claimant prompt: the next claimant of the case that fits what is typed.
    CompleteClaimant,
    /// In the claimant prompt: person, organization, or detected from the name.
    CycleClaimantKind,
    /// Throw away what was typed (asked when there are changes).
    DiscardChanges,
    /// Go back to the form or editor.
    KeepEditing,
}

impl Command {
    /// The snake_case name used in keymap files.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// One line for the help overlay.
    pub fn description(self) -> &'static str {
        use Command::*;
        match self {
            Save => "save the verdict file",
            EditMetadata => "article metadata: URL, outlet, authors, dates, language",
            ExportClaimreview => "export ClaimReview JSON-LD (export)",
            ExportMarkdown => "export the Markdown report (export)",
            ExportCsv => "export CSV (export)",
            CompleteClaimant => "complete from the case's claimants",
            CycleClaimantKind => "claimant kind: person, organization, detected",
            Quit => "quit (asks when there are unsaved changes)",
            ShowHelp => "show this help",
            FocusNextPane => "next pane",
            FocusPreviousPane => "previous pane",
            MoveDown => "down one (sentence, claim, rating, line)",
            MoveUp => "up one",
            PageDown => "page down",
            PageUp => "page up",
            GoTop => "to the top",
            GoBottom => "to the bottom",
            StartSelection => "select words from the search match or clicked word",
            MakeClaim => "make the selection (or the sentence) a claim",
            ToggleResidue => "mark the cursor's line as scraping residue, or unmark it",
            NextClaim => "next claim in the text",
            PreviousClaim => "previous claim in the text",
            JumpToClaim => "show the claim in the article",
            RateClaim => "rate the claim",
            EditWording => "edit the claim's wording",
            EditExplanation => "edit the explanation",
            EditClaimant => "edit the claimant",
            EditInEditor => "edit the explanation in $EDITOR (taken when it exits 0)",
            CycleStatus => "cycle status: todo, researching, reviewed",
            Delete => "delete the claim (in the detail pane: the selected link)",
            LinkSource => "link a source (fuzzy picker over the library)",
            SaveAs => "save to another file",
            RecoverWork => "recover the unsaved work",
            DiscardRecovery => "discard the unsaved work",
            ShowDifferences => "show what differs",
            OverwriteFile => "overwrite the file on disk",
            OpenExisting => "continue the existing verdict file",
            StartFresh => "start a new case from the article",
            ChangeScale => "change the rating scale (scale)",
            Search => "search the article",
            NextMatch => "next match",
            PreviousMatch => "previous match",
            NextSuggestion => "next suggested sentence (worth checking)",
            PreviousSuggestion => "previous suggested sentence",
            DismissSuggestion => "dismiss the suggestion under the cursor",
            ToggleSuggestions => "show or hide suggestion marks",
            ShowSimilar => "open the similar claim's case (asks to save first)",
            ShowOverview => "case overview: verdicts, statuses, evidence gaps (overview)",
            ShowConflicts => "resolve merge conflicts (conflicts)",
            TakeOurs => "take ours (this copy's value)",
            TakeTheirs => "take theirs (the merged-in value)",
            EditConflict => "type the value yourself",
            Undo => "undo the last change",
            Redo => "redo what was undone",
            OpenPalette => "command palette",
            OpenLibrary => "source library",
            FilterClaims => "filter the list: status:todo verdict:False claimant:musk words",
            EditLink => "edit the selected link",
            OpenSource => "open the link's source record",
            CopyUrl => "copy the source's URL (OSC 52)",
            OpenUrl => "open the source's URL in the browser (http/https only)",
            CopyWording => "copy the claim's wording (OSC 52)",
            CopyQuote => "copy the claim's quote from the article (OSC 52)",
            NextField => "next field",
            PreviousField => "previous field",
            StanceSupports => "stance: supports",
            StanceRefutes => "stance: refutes",
            StanceContext => "stance: context",
            NextType => "next source type",
            PreviousType => "previous source type",
            FilterLibrary => "filter the library",
            AddSource => "add a source",
            EditSource => "edit the source",
            DeleteSource => "delete the source",
            ExtendWord => "extend by a word",
            ShrinkWord => "shrink by a word",
            ExtendSentence => "extend by a sentence",
            ShrinkSentence => "shrink by a sentence",
            MoveStartRight => "move the start a character right",
            MoveStartLeft => "move the start a character left",
            ExtendChar => "extend by a character",
            ShrinkChar => "shrink by a character",
            ToggleUncovered => "mark sentences no claim covers (toggle)",
            NextUncovered => "next sentence no claim covers",
            PreviousUncovered => "previous sentence no claim covers",
            NextTodo => "next claim still to do (not reviewed)",
            EarlierQuery => "search: the earlier query",
            LaterQuery => "search: the later query",
            Confirm => "accept",
            Cancel => "cancel",
            ClearRating => "clear the rating (unrated)",
            SaveAndQuit => "save and quit",
            DiscardAndQuit => "discard changes and quit",
            CursorLeft => "cursor left",
            CursorRight => "cursor right",
            CursorUp => "cursor up a line",
            CursorDown => "cursor down a line",
            LineStart => "start of line",
            LineEnd => "end of line",
            DeleteBack => "delete the character before the cursor",
            DeleteForward => "delete the character under the cursor",
            DeleteWordBack => "delete the word before the cursor",
            DeleteWordForward => "delete the word after the cursor",
            WordLeft => "back a word",
            WordRight => "forward a word",
            DeleteToLineStart => "delete to the start of the line",
            DeleteToLineEnd => "delete to the end of the line",
            NewLine => "new line",
            ReanchorArticle => "re-anchor the claims onto the new version (reanchor PATH)",
            AcceptSpan => "accept the proposed span",
            ReselectSpan => "re-select the claim's text in the article",
            KeepOrphan => "keep it as an orphan",
            AddSpan => "add the selection to the current claim (another span)",
            NextSpan => "the claim's next span",
            PreviousSpan => "the claim's previous span",
            ShowReview => "review the changed and orphaned claims",
            DiscardChanges => "discard the changes",
            KeepEditing => "keep editing",
        }
    }

    /// A one- or two-word label for the hint bar.
    pub fn hint(self) -> &'static str {
        use Command::*;
        match self {
            MakeClaim => "claim",
            ToggleResidue => "residue",
            RateClaim => "rate",
            EditWording => "edit",
            EditExplanation => "explain",
            CycleStatus => "status",
            StartSelection => "select",
            JumpToClaim => "show",
            ShowHelp => "help",
            Save => "save",
            Quit => "quit",
            Confirm => "ok",
            Cancel => "cancel",
            ClearRating => "unrated",
            ExtendWord => "+word",
            ShrinkWord => "-word",
            ExtendSentence => "+sentence",
            ExtendChar => "+char",
            MoveStartRight => "start→",
            SaveAndQuit => "save",
            DiscardAndQuit => "discard",
            DiscardChanges => "discard them",
            KeepEditing => "keep editing",
            Delete => "delete",
            LinkSource => "link",
            SaveAs => "save as…",
            ShowOverview => "overview",
            Search => "search",
            NextMatch => "next match",
            RecoverWork => "recover",
            DiscardRecovery => "discard",
            ShowDifferences => "differences",
            OverwriteFile => "overwrite",
            OpenExisting => "continue it",
            StartFresh => "start a new case",
            ShowConflicts => "conflicts",
            TakeOurs => "ours",
            TakeTheirs => "theirs",
            EditConflict => "edit",
            Undo => "undo",
            Redo => "redo",
            OpenPalette => "commands",
            OpenLibrary => "library",
            FilterClaims => "filter",
            EditLink => "edit link",
            OpenSource => "source",
            CopyUrl => "copy URL",
            OpenUrl => "open URL",
            NextField => "next field",
            StanceSupports => "supports",
            StanceRefutes => "refutes",
            StanceContext => "context",
            NextType => "type",
            FilterLibrary => "filter",
            AddSource => "add",
            EditSource => "edit",
            DeleteSource => "delete",
            NextClaim => "next claim",
            NextTodo => "to do",
            ToggleUncovered => "uncovered",
            MoveDown => "move",
            ReanchorArticle => "re-anchor",
            AcceptSpan => "accept",
            ReselectSpan => "re-select",
            KeepOrphan => "keep orphan",
            AddSpan => "add span",
            NextSpan => "next span",
            ShowReview => "review",
            EditMetadata => "metadata",
            CompleteClaimant => "complete",
            CycleClaimantKind => "kind",
            _ => "",
        }
    }
}

impl std::fmt::Display for Command {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names are snake_case and parse back through serde, as the keymap file needs.
    #[test]
    fn names_round_trip() {
        assert_eq!(Command::FocusNextPane.name(), "focus_next_pane");
        let back: Command = serde_json::from_str("\"delete_word_back\"").unwrap();
        assert_eq!(back, Command::DeleteWordBack);
    }
}
