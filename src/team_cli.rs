//! Working as a team through git: `factdesk merge` (git's merge driver), `factdesk diff`,
//! `factdesk show` (git's textconv) and `factdesk git-setup`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};

use crate::model::{Case, Entropy, SystemEntropy, diff};
use crate::say;
use crate::store::{self, MAX_VERDICT_FILE_BYTES, MergeError, SaveError};
use crate::text::clean_line;

/// Exit codes of `factdesk merge`, as git reads a merge driver's.
pub mod exit {
    /// Merged cleanly.
    pub const CLEAN: u8 = 0;
    /// Conflicts (the file written holds them), or a side that cannot be merged (nothing
    /// written: ours stays as it was).
    pub const CONFLICTS: u8 = 1;
    /// Something went wrong in factdesk itself: git aborts the merge.
    pub const INTERNAL: u8 = 130;
}

/// What `factdesk merge` was given.
#[derive(Debug, Clone)]
pub struct MergeArgs {
    pub base: PathBuf,
    pub ours: PathBuf,
    pub theirs: PathBuf,
    /// Where the result goes; `None`: over `ours` (what git expects of a driver).
    pub output: Option<PathBuf>,
    /// The file's path in the repository (git's `%P`), for messages.
    pub pathname: Option<String>,
}

fn shown(path: &Path) -> String {
    clean_line(&path.display().to_string()).into_owned()
}

/// A side's text; a missing base is no base (git passes an empty file for none).
fn read_side(path: &Path, side: &'static str, optional: bool) -> Result<String, String> {
    let too_big = |n: u64| {
        format!(
            "{side} ({}) is {n} bytes, over the {MAX_VERDICT_FILE_BYTES}-byte limit",
            shown(path)
        )
    };
    match fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            return Err(format!("{side} ({}) is not a regular file", shown(path)));
        }
        Ok(m) if m.len() > MAX_VERDICT_FILE_BYTES => return Err(too_big(m.len())),
        Err(e) if optional && e.kind() == std::io::ErrorKind::NotFound => return Ok(String::new()),
        Err(e) => return Err(format!("cannot read {side} ({}): {e}", shown(path))),
        Ok(_) => {}
    }
    let bytes = fs::read(path).map_err(|e| format!("cannot read {side} ({}): {e}", shown(path)))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{side} ({}) is not UTF-8 (at byte {})",
            shown(path),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Replaces (or creates) the file at `path` with `bytes`, atomically, keeping no backup.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let how = store::Replace {
        follow_links: true,
        keep_backup: false,
    };
    let written = store::replace(path, how, |mut file| {
        std::io::Write::write_all(&mut file, bytes)
            .map(|()| bytes.len())
            .map_err(|source| SaveError::Io {
                path: path.to_path_buf(),
                step: "writing the temporary file",
                source,
            })
    });
    written.map(|_| ())
}

/// Runs the merge; prints what happened on stderr and returns the exit code.
pub fn merge(args: &MergeArgs) -> u8 {
    let name = args
        .pathname
        .as_deref()
        .map_or_else(|| shown(&args.ours), |p| clean_line(p).into_owned());
    let refuse = |why: String| {
        say::err(format!(
            "factdesk merge: {name}: not merged: {}",
            clean_line(&why)
        ));
        exit::CONFLICTS
    };
    let texts = (
        read_side(&args.base, "the base", true),
        read_side(&args.ours, "ours", false),
        read_side(&args.theirs, "theirs", false),
    );
    let (base, ours, theirs) = match texts {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (b, o, t) => {
            let why = [b.err(), o.err(), t.err()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>();
            return refuse(why.join("; "));
        }
    };
    let merged = match store::merge_files(&base, &ours, &theirs, &SystemEntropy.now()) {
        Ok(m) => m,
        Err(e @ MergeError::Internal(_)) => {
            say::err(format!(
                "factdesk merge: {name}: {}",
                clean_line(&e.to_string())
            ));
            return exit::INTERNAL;
        }
        Err(e) => return refuse(e.to_string()),
    };
    let out = args.output.as_deref().unwrap_or(&args.ours);
    if let Err(e) = write_file(out, merged.json.as_bytes()) {
        say::err(format!("factdesk merge: cannot write {}: {e}", shown(out)));
        return exit::INTERNAL;
    }
    for (id, before, after) in &merged.renumbered {
        say::err(format!(
            "factdesk merge: {name}: both sides made a C{before}: claim {id} is now C{after}"
        ));
    }
    if merged.conflicts.is_empty() {
        say::err(format!("factdesk merge: {name}: merged"));
        return exit::CLEAN;
    }
    let case = store::from_json(&merged.json).map(|l| l.case).ok();
    let n = merged.conflicts.len();
    say::err(format!(
        "factdesk merge: {name}: {n} conflict{} (open the file in factdesk to resolve):",
        if n == 1 { "" } else { "s" }
    ));
    for c in &merged.conflicts {
        let place = case
            .as_ref()
            .map_or_else(|| c.field(), |case| c.place(case));
        say::err(format!("  {}", clean_line(&place)));
    }
    exit::CONFLICTS
}

/// `factdesk diff A B`: the differences, one line each, on standard output.
pub fn diff_files(a: &Path, b: &Path) -> anyhow::Result<()> {
    let before = store::load(a)?;
    let after = store::load(b)?;
    let d = diff::diff(&before.case, &after.case);
    if d.is_empty() {
        say::out("no differences");
    }
    for line in d.lines() {
        say::out(clean_line(&line));
    }
    Ok(())
}

/// `factdesk show FILE`: the case as lines for people (and for git's textconv, which diffs
/// them line by line): the claims in number order with their verdicts and links, the
/// sources, the dismissed suggestions, the unresolved conflicts. A file that does not load is shown as it is.
pub fn show(path: &Path) -> anyhow::Result<()> {
    let loaded = match store::load(path) {
        Ok(l) => l,
        Err(e) => {
            say::out(format!(
                "(not a verdict file factdesk can open: {})",
                clean_line(&e.to_string())
            ));
            let bytes = fs::read(path).unwrap_or_default();
            for line in String::from_utf8_lossy(&bytes).lines() {
                say::out(clean_line(line));
            }
            return Ok(());
        }
    };
    for line in summary(&loaded.case) {
        say::out(clean_line(&line));
    }
    Ok(())
}

/// The lines of [`show`].
pub fn summary(case: &Case) -> Vec<String> {
    let mut out = Vec::new();
    let title = case
        .article
        .origin
        .title
        .clone()
        .or_else(|| case.article.origin.path.clone());
    out.push(format!(
        "article: {}",
        title.unwrap_or_else(|| "(untitled)".into())
    ));
    out.push(format!("article sha256: {}", case.article.sha256));
    let meta = &case.article.meta;
    let authors = (!meta.authors.is_empty()).then(|| meta.authors.join("; "));
    for (name, value) in [
        ("url", &meta.url),
        ("outlet", &meta.outlet),
        ("authors", &authors),
        ("published", &meta.published),
        ("language", &meta.language),
    ] {
        if let Some(value) = value {
            out.push(format!("article {name}: {value}"));
        }
    }
    out.push(format!("scale: {}", case.scale.name));
    let mut claims: Vec<_> = case.claims.iter().collect();
    claims.sort_by_key(|c| c.number);
    for c in claims {
        let rating = c.verdict.rating.as_deref().unwrap_or("unrated");
        out.push(format!(
            "C{} [{rating}] {}: “{}”",
            c.number,
            c.status.name(),
            c.text
        ));
        if !c.claimant.is_empty() {
            out.push(format!("C{}   claimant: {}", c.number, c.claimant));
        }
        let kind = c.claimant_kind.map(|k| k.name().to_string());
        let published = c.verdict.published.as_ref().map(|p| p.date.clone());
        for (name, value) in [
            ("claimant guess", &c.claimant_guess),
            ("claimant kind", &kind),
            ("claim date", &c.made_on),
            ("first appearance", &c.first_appearance),
            ("first published", &published),
        ] {
            if let Some(value) = value {
                out.push(format!("C{}   {name}: {value}", c.number));
            }
        }
        if !c.verdict.explanation.is_empty() {
            out.push(format!(
                "C{}   explanation: {}",
                c.number, c.verdict.explanation
            ));
        }
        for l in &c.links {
            let quote = match l.quote.is_empty() {
                true => String::new(),
                false => format!(" “{}”", l.quote),
            };
            out.push(format!(
                "C{}   link: {} ({}){quote}",
                c.number,
                l.source,
                l.stance.name()
            ));
        }
    }
    for s in &case.sources {
        out.push(
            format!("source {}: “{}” {}", s.id, s.title, s.url)
                .trim_end()
                .to_string(),
        );
    }
    for d in &case.suggestions.dismissed {
        out.push(format!(
            "dismissed suggestion {}–{}: “{}”",
            d.start, d.end, d.exact
        ));
    }
    for c in &case.conflicts {
        let side = crate::model::Conflict::side;
        out.push(format!(
            "CONFLICT {}: ours {}, theirs {}, base {}",
            c.place(case),
            side(&c.ours),
            side(&c.theirs),
            side(&c.base)
        ));
    }
    out
}

/// The line `git-setup` puts in `.gitattributes`.
pub const ATTRIBUTES: &str = "*.factdesk.json merge=factdesk diff=factdesk";

/// A word for `sh` (git runs drivers through the shell): quoted unless plainly safe.
fn sh_word(s: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._-+=:,@".contains(c);
    if !s.is_empty() && s.chars().all(safe) {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<std::process::Output> {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .context("cannot run git (is it installed?)")
}

/// `factdesk git-setup`: in the git repository around `dir`, adds the attributes line to
/// `.gitattributes` and sets the merge driver and the textconv in the repository's config.
/// Idempotent; returns one line per thing done or found already done.
pub fn git_setup(dir: &Path) -> anyhow::Result<Vec<String>> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        bail!("{} is not in a git repository", shown(dir));
    }
    let root = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim_end_matches(['\n', '\r']));
    let mut report = Vec::new();
    let attributes = root.join(".gitattributes");
    let existing = match fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", shown(&attributes))),
    };
    if existing.lines().any(|l| l.trim() == ATTRIBUTES) {
        report.push(format!(
            "{}: already has “{ATTRIBUTES}”",
            shown(&attributes)
        ));
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTES);
        text.push('\n');
        write_file(&attributes, text.as_bytes())
            .with_context(|| format!("cannot write {}", shown(&attributes)))?;
        report.push(format!(
            "{}: added “{ATTRIBUTES}” (commit it so the team shares it)",
            shown(&attributes)
        ));
    }
    let exe = std::env::current_exe().context("cannot find the factdesk program's path")?;
    let exe = sh_word(&exe.to_string_lossy());
    let settings = [
        (
            "merge.factdesk.name",
            "factdesk verdict files, merged by id".to_string(),
        ),
        (
            "merge.factdesk.driver",
            format!("{exe} merge %O %A %B -L %L -P %P"),
        ),
        ("diff.factdesk.textconv", format!("{exe} show")),
    ];
    for (key, value) in settings {
        let now = git(&root, &["config", "--local", "--get", key])?;
        let current = String::from_utf8_lossy(&now.stdout).trim_end().to_string();
        if now.status.success() && current == value {
            report.push(format!("git config {key}: already set"));
            continue;
        }
        let set = git(&root, &["config", "--local", key, &value])?;
        if !set.status.success() {
            bail!(
                "git config {key} failed: {}",
                clean_line(String::from_utf8_lossy(&set.stderr).trim())
            );
        }
        report.push(format!("git config {key} = {}", clean_line(&value)));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paths with spaces or quotes reach the shell as one word.
    #[test]
    fn shell_words() {
        assert_eq!(sh_word("/usr/bin/factdesk"), "/usr/bin/factdesk");
        assert_eq!(sh_word("/a b/fd"), "'/a b/fd'");
        assert_eq!(sh_word("/it's/fd"), r"'/it'\''s/fd'");
        assert_eq!(sh_word("/x/$(rm)"), "'/x/$(rm)'");
    }
}
