//! The verdict file's JSON: writing it, reading it back with version checks, migrations,
//! and validation. No file-system access here.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::safe_json::Escape;
use super::validate::{hard_problems, save_problems, warnings};
use super::{
    FORMAT, LoadError, LoadWarning, Loaded, MAX_VERDICT_FILE_BYTES, SaveError, SavedView, VERSION,
};
use crate::model::{
    Anchor, Article, Case, Claim, Conflict, Label, Link, Scale, Source, Suggestions, Verdict,
};

/// Saved files up to this size are read back in full and compared with the case before
/// they are written; larger ones only have their JSON checked (a full read-back doubles a
/// large case's memory and time).
const FULL_CHECK_BYTES: usize = 4 << 20;

/// The top-level keys of the current version, in file order.
pub(super) const TOP_LEVEL_FIELDS: &[&str] = &[
    "format",
    "version",
    "article",
    "scale",
    "claims",
    "sources",
    "history",
    "conflicts",
    "suggestions",
    "view",
];

/// The file as written: borrowed, field order = key order.
#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u32,
    article: &'a Article,
    scale: &'a Scale,
    claims: &'a [Claim],
    sources: &'a [Source],
    history: &'a [Value],
    #[serde(skip_serializing_if = "<[Conflict]>::is_empty")]
    conflicts: &'a [Conflict],
    #[serde(skip_serializing_if = "Suggestions::is_empty")]
    suggestions: &'a Suggestions,
    view: &'a SavedView,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

impl<'a> FileOut<'a> {
    /// The current version's file for a case: the one place its shape is spelled out.
    fn new(case: &'a Case, view: &'a SavedView, extra: &'a Map<String, Value>) -> Self {
        FileOut {
            format: FORMAT,
            version: VERSION,
            article: &case.article,
            scale: &case.scale,
            claims: &case.claims,
            sources: &case.sources,
            history: &case.history,
            conflicts: &case.conflicts,
            suggestions: &case.suggestions,
            view,
            extra,
        }
    }
}

/// The file as read (after the format and version checks and any migration).
#[derive(Deserialize)]
pub(super) struct FileIn {
    /// Checked before the rest; named here so they are not taken for unknown fields.
    #[expect(dead_code, reason = "checked before the rest is read")]
    pub(super) format: IgnoredAny,
    #[expect(dead_code, reason = "checked before the rest is read")]
    pub(super) version: IgnoredAny,
    pub(super) article: Article,
    pub(super) scale: Scale,
    pub(super) claims: Vec<Claim>,
    #[serde(default)]
    pub(super) sources: Vec<Source>,
    #[serde(default)]
    pub(super) history: Vec<Value>,
    #[serde(default)]
    pub(super) conflicts: Vec<Conflict>,
    #[serde(default)]
    pub(super) suggestions: Suggestions,
    #[serde(default)]
    pub(super) view: SavedView,
    #[serde(flatten)]
    pub(super) extra: Map<String, Value>,
}

/// Serialises a case to the verdict-file JSON (pretty, 2-space indent, trailing newline).
///
/// Refuses — with every problem listed, and without panicking — a case that would not load
/// back identically: invalid or duplicate claim ids, reversed anchors, an invalid scale, a
/// cursor past the end of the article, extra fields that clash with known ones. As a last
/// guard the output is parsed back and compared with the input.
pub fn to_json(
    case: &Case,
    view: &SavedView,
    extra: &Map<String, Value>,
) -> Result<String, SaveError> {
    let refused = |problems: Vec<String>| SaveError::Refused {
        problems,
        path: None,
    };
    let problems = save_problems(case, view.cursor, &view.extra, extra);
    if !problems.is_empty() {
        return Err(refused(problems));
    }
    let file = FileOut::new(case, view, extra);
    let json = super::safe_json::to_string_pretty(&file, Escape::Terminal)
        .map_err(|e| refused(vec![e.to_string()]))?;
    if json.len() as u64 > MAX_VERDICT_FILE_BYTES {
        return Err(refused(vec![format!(
            "the file would be {} bytes, more than the {MAX_VERDICT_FILE_BYTES}-byte limit",
            json.len()
        )]));
    }
    if json.len() > FULL_CHECK_BYTES {
        // A large case is checked for what can still go wrong at this point — the JSON
        // itself (syntax, nesting, numbers) — without building a second copy of the case:
        // ids, anchors and clashing fields were checked above, non-finite numbers cannot
        // occur, and floats round-trip exactly (serde_json's float_roundtrip).
        serde_json::from_str::<IgnoredAny>(&json)
            .map_err(|e| refused(vec![format!("the saved file would not load back: {e}")]))?;
        return Ok(json);
    }
    let back = from_json(&json)
        .map_err(|e| refused(vec![format!("the saved file would not load back: {e}")]))?;
    let mut differs = Vec::new();
    if back.case != *case {
        differs.push("the case");
    }
    if back.view != *view {
        differs.push("the view");
    }
    if back.extra != *extra {
        differs.push("the extra top-level fields");
    }
    if !differs.is_empty() {
        return Err(refused(vec![format!(
            "{} would not load back identically",
            differs.join(" and ")
        )]));
    }
    Ok(json)
}

/// The current version's file for a case as a JSON value (for merging), after the same
/// refusals as [`to_json`] but without its read-back check.
pub(super) fn to_value(
    case: &Case,
    view: &SavedView,
    extra: &Map<String, Value>,
) -> Result<Value, SaveError> {
    let refused = |problems: Vec<String>| SaveError::Refused {
        problems,
        path: None,
    };
    let problems = save_problems(case, view.cursor, &view.extra, extra);
    if !problems.is_empty() {
        return Err(refused(problems));
    }
    serde_json::to_value(FileOut::new(case, view, extra)).map_err(|e| refused(vec![e.to_string()]))
}

/// Writes a case as verdict-file JSON straight to `out` (a large case never becomes one
/// big string), after the same refusals as [`to_json`]. The JSON has the file's layout but
/// not the terminal escapes: `out` applies them (a `safe_json::Escaping` writer, on this
/// thread or on the one that writes the file; see `files::write_case`).
pub(super) fn write_json(
    case: &Case,
    view: &SavedView,
    extra: &Map<String, Value>,
    out: &mut impl std::io::Write,
) -> Result<Result<(), std::io::Error>, SaveError> {
    let problems = save_problems(case, view.cursor, &view.extra, extra);
    if !problems.is_empty() {
        return Err(SaveError::Refused {
            problems,
            path: None,
        });
    }
    let file = FileOut::new(case, view, extra);
    let written = super::safe_json::to_writer_layout(&mut *out, &file)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"));
    Ok(written)
}

/// serde_json's message without its " at line L column C" tail; a hint for truncation.
fn bare_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    let msg = full.strip_suffix(&tail).unwrap_or(&full);
    match e.classify() {
        serde_json::error::Category::Eof => {
            format!("{msg} (the file ends too early; it may be truncated)")
        }
        _ => msg.to_string(),
    }
}

/// A short, one-line rendering of a JSON value for messages.
fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Reads the `version` field: 1..=VERSION, or the error to report.
fn read_version(obj: &Map<String, Value>) -> Result<u64, LoadError> {
    let bad = |found: String| LoadError::BadVersion { path: None, found };
    let v = obj.get("version").ok_or_else(|| bad("missing".into()))?;
    match v.as_u64() {
        Some(0) | None => Err(bad(short(v))),
        Some(n) if n > u64::from(VERSION) => Err(LoadError::NewerVersion {
            path: None,
            found: n,
            supported: VERSION,
        }),
        Some(n) => Ok(n),
    }
}

/// Upgrades a file of version `from_version` to the current version's shape, one version
/// at a time.
pub(super) fn migrate(value: Value, from_version: u64) -> Result<Value, LoadError> {
    match from_version {
        1 => migrate(v1_to_v2(value)?, 2),
        2 => migrate(v2_to_v3(value), 3),
        3 => Ok(value),
        other => Err(LoadError::Migration {
            path: None,
            from: other,
            msg: "no upgrade is known from this version".into(),
        }),
    }
}

/// Version 2 typed the source library and added `links` to claims. Version 1 files written
/// by factdesk always had `"sources": []`; a hand-written v1 source must already have the
/// v2 shape, else the upgrade says which one cannot be read.
fn v1_to_v2(mut value: Value) -> Result<Value, LoadError> {
    let fail = |msg: String| LoadError::Migration {
        path: None,
        from: 1,
        msg,
    };
    let Some(obj) = value.as_object_mut() else {
        return Err(fail("the file is not a JSON object".into()));
    };
    obj.insert("version".into(), Value::from(2));
    if let Some(Value::Array(sources)) = obj.get("sources") {
        for (i, s) in sources.iter().enumerate() {
            Source::deserialize(s).map_err(|e| fail(format!("sources[{i}]: {e}")))?;
        }
    }
    if let Some(Value::Array(claims)) = obj.get_mut("claims") {
        for claim in claims.iter_mut().filter_map(Value::as_object_mut) {
            claim
                .entry("links")
                .or_insert_with(|| Value::Array(Vec::new()));
        }
    }
    Ok(value)
}

/// Version 3 gave every claim a stable `number` and the article its `meta`data. Claims
/// of a version 2 file are numbered in file order (article order, as 0.1.0 showed them):
/// done in [`finish`], which numbers any claim without one.
fn v2_to_v3(mut value: Value) -> Value {
    if let Some(obj) = value.as_object_mut() {
        obj.insert("version".into(), Value::from(3));
    }
    value
}

/// Where in the file a type error is, found by deserialising the parts one by one.
fn locate(value: &Value) -> String {
    fn fails<'a, T: Deserialize<'a>>(v: &'a Value) -> bool {
        T::deserialize(v).is_err()
    }
    let Some(obj) = value.as_object() else {
        return "the file".into();
    };
    if let Some(a) = obj.get("article").filter(|a| fails::<Article>(a)) {
        let origin_bad = a.get("origin").is_some_and(fails::<crate::model::Origin>);
        return if origin_bad {
            "article.origin"
        } else {
            "article"
        }
        .into();
    }
    if let Some(s) = obj.get("scale").filter(|s| fails::<Scale>(s)) {
        let labels = s.get("labels").and_then(Value::as_array);
        if let Some(i) = labels.and_then(|ls| ls.iter().position(fails::<Label>)) {
            return format!("scale.labels[{i}]");
        }
        return "scale".into();
    }
    if let Some(claims) = obj.get("claims") {
        let Some(list) = claims.as_array() else {
            return "claims".into();
        };
        if let Some((i, c)) = list.iter().enumerate().find(|(_, c)| fails::<Claim>(c)) {
            let id = c.get("id").and_then(Value::as_str);
            let name = match id {
                Some(id) => format!("claims[{i}] (id {})", short(&Value::from(id))),
                None => format!("claims[{i}]"),
            };
            let anchors = c.get("anchors").and_then(Value::as_array);
            if let Some(j) = anchors.and_then(|a| a.iter().position(fails::<Anchor>)) {
                return format!("{name}.anchors[{j}]");
            }
            if c.get("verdict").is_some_and(fails::<Verdict>) {
                return format!("{name}.verdict");
            }
            let links = c.get("links").and_then(Value::as_array);
            if let Some(j) = links.and_then(|l| l.iter().position(fails::<Link>)) {
                return format!("{name}.links[{j}]");
            }
            return name;
        }
    }
    if let Some(sources) = obj.get("sources") {
        let Some(list) = sources.as_array() else {
            return "sources".into();
        };
        if let Some(i) = list.iter().position(fails::<Source>) {
            return format!("sources[{i}]");
        }
    }
    if obj.get("history").is_some_and(fails::<Vec<Value>>) {
        return "history".into();
    }
    if obj.get("suggestions").is_some_and(fails::<Suggestions>) {
        return "suggestions".into();
    }
    if obj.get("view").is_some_and(fails::<SavedView>) {
        return "view".into();
    }
    "the file".into()
}

/// Parses verdict-file JSON: checks `format` and `version`, migrates older versions,
/// deserialises, refuses broken cases and collects warnings (see [`LoadWarning`]).
///
/// A leading byte-order mark is ignored. Never panics: syntax errors, truncation, excessive nesting and out-of-range numbers are
/// all errors with a line and column.
pub fn from_json(json: &str) -> Result<Loaded, LoadError> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if json.trim().is_empty() {
        return Err(LoadError::Empty { path: None });
    }
    if super::numbers::may_underflow(json.as_bytes())
        && let Some((line, column, number)) = super::numbers::first_underflow(json)
    {
        return Err(LoadError::Syntax {
            path: None,
            line,
            column,
            msg: format!("the number {number} is too small to keep exactly (it would become 0)"),
        });
    }
    // The common case, a file of the current version, is read straight into the case:
    // no intermediate JSON tree (half the time and far less memory on a large case).
    // Anything else, or any error, takes the careful path below for its messages.
    if let Ok(probe) = serde_json::from_str::<Probe>(json)
        && probe.format.as_deref() == Some(FORMAT)
        && probe.version == Some(u64::from(VERSION))
        && let Ok(file) = serde_json::from_str::<FileIn>(json)
    {
        return finish(file);
    }
    let value: Value = serde_json::from_str(json).map_err(|e| LoadError::Syntax {
        path: None,
        line: e.line(),
        column: e.column(),
        msg: bare_message(&e),
    })?;
    let not_ours = |reason: String| LoadError::NotVerdictFile { path: None, reason };
    let Some(obj) = value.as_object() else {
        let what = match &value {
            Value::Null => "null",
            Value::Bool(_) => "a true/false value",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        };
        return Err(not_ours(format!("it holds {what}, not a JSON object")));
    };
    match obj.get("format") {
        None => return Err(not_ours("it has no \"format\" field".into())),
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(not_ours(format!(
                "its format is {}, expected \"{FORMAT}\"",
                short(other)
            )));
        }
    }
    let version = read_version(obj)?;
    let value = migrate(value, version)?;
    let file = FileIn::deserialize(&value).map_err(|e| {
        // Re-read the text for a line and column when it is already in the current shape.
        let msg = match version == u64::from(VERSION) {
            true => serde_json::from_str::<FileIn>(json).err().unwrap_or(e),
            false => e,
        };
        LoadError::Malformed {
            path: None,
            location: locate(&value),
            msg: msg.to_string(),
        }
    })?;
    finish(file)
}

/// The top-level `format` and `version`, read without building the rest.
#[derive(Deserialize)]
struct Probe {
    format: Option<String>,
    version: Option<u64>,
}

/// Checks a deserialised file and collects its warnings.
pub(super) fn finish(file: FileIn) -> Result<Loaded, LoadError> {
    let mut opened = Opened::from(file);
    let problems = opened.number_and_check();
    opened.finish(problems)
}

/// A deserialised file on its way to [`Loaded`]: the checks that need the article's text
/// ([`Opened::finish`]) can wait for it while the others run ([`Opened::number_and_check`]).
pub(super) struct Opened {
    pub(super) case: Case,
    view: SavedView,
    extra: Map<String, Value>,
}

impl From<FileIn> for Opened {
    fn from(file: FileIn) -> Self {
        Opened {
            case: Case {
                article: file.article,
                scale: file.scale,
                claims: file.claims,
                sources: file.sources,
                history: file.history,
                conflicts: file.conflicts,
                suggestions: file.suggestions,
            },
            view: file.view,
            extra: file.extra,
        }
    }
}

impl Opened {
    /// Numbers the claims that have no number, then lists the problems that refuse the
    /// file. Reads neither the article's text nor its hash.
    pub(super) fn number_and_check(&mut self) -> Vec<String> {
        self.case.number_unnumbered_claims();
        hard_problems(&self.case)
    }

    /// The loaded case, refused for `problems` (from [`Opened::number_and_check`]), else
    /// with its warnings (the text is final by now).
    pub(super) fn finish(self, problems: Vec<String>) -> Result<Loaded, LoadError> {
        let Opened {
            case,
            mut view,
            extra,
        } = self;
        if !problems.is_empty() {
            return Err(LoadError::Invalid {
                problems,
                path: None,
            });
        }
        let warnings: Vec<LoadWarning> = warnings(&case, view.cursor);
        for w in &warnings {
            if let LoadWarning::CursorClamped { len, .. } = w {
                view.cursor = *len;
            }
        }
        Ok(Loaded {
            case,
            view,
            warnings,
            extra,
        })
    }
}
