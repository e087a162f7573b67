//! `factdesk sources import|export`: the case's library in and out as CSL-JSON.

use std::io::Read;
use std::path::Path;

use anyhow::Context as _;

use crate::csl;
use crate::model::Entropy;
use crate::store;

/// Reads CSL-JSON from `file` (`-`: standard input) into the library of `verdict_file`,
/// saves it, and returns a report for the terminal.
pub fn import(
    file: &Path,
    verdict_file: &Path,
    entropy: &mut dyn Entropy,
) -> anyhow::Result<String> {
    let json = if file == Path::new("-") {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read CSL-JSON from standard input")?;
        s
    } else {
        let bytes = crate::open::read_article(file, store::MAX_VERDICT_FILE_BYTES)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(
                "cannot read {}: not UTF-8 text (invalid byte at offset {})",
                file.display(),
                e.utf8_error().valid_up_to()
            )
        })?
    };
    let mut loaded = store::load(verdict_file)?;
    let imported = csl::import(&json, &loaded.case.sources, entropy)
        .with_context(|| format!("cannot import {}", file.display()))?;
    let count = imported.sources.len();
    loaded.case.sources.extend(imported.sources);
    let report = store::save(verdict_file, &loaded.case, &loaded.view, &loaded.extra)?;
    let mut out = format!(
        "Imported {count} source{} into {} ({} in the library)",
        if count == 1 { "" } else { "s" },
        report.path.display(),
        loaded.case.sources.len()
    );
    if imported.skipped > 0 {
        out.push_str(&format!("; skipped {} already there", imported.skipped));
    }
    for warning in &imported.warnings {
        out.push_str(&format!("\nwarning: {warning}"));
    }
    Ok(out)
}

/// Writes the library of `verdict_file` as CSL-JSON to `out` (`None` or `-`: standard
/// output; see [`crate::output`] for what `force` allows); returns a one-line report when
/// writing to a file.
pub fn export(
    verdict_file: &Path,
    out: Option<&Path>,
    force: bool,
) -> anyhow::Result<Option<String>> {
    let loaded = store::load(verdict_file)?;
    let json = crate::store::safe_json::to_string_pretty(
        &csl::export(&loaded.case.sources),
        crate::store::safe_json::Escape::Terminal,
    )
    .context("cannot write CSL-JSON")?;
    let guard = crate::output::Guard {
        inputs: &[verdict_file],
        force,
    };
    let written = crate::output::write(out, json.as_bytes(), guard)?;
    let n = loaded.case.sources.len();
    Ok(written.note().map(|to| {
        format!(
            "Exported {n} source{} — {to}",
            if n == 1 { "" } else { "s" }
        )
    }))
}
