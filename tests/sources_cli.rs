//! `factdesk sources import|export` on real files.

use std::fs;
use std::path::Path;
use std::process::Command;

mod support;
use support::{bin, shared};

use factdesk::model::{Article, Case, Origin, Scale};
use factdesk::store::{self, SavedView};

fn new_case(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("case.factdesk.json");
    let case = Case::new(
        Article::new("Musk spoke with Putin.".into(), Origin::default()),
        Scale::default_scale(),
    );
    store::save(&path, &case, &SavedView::default(), &Default::default()).unwrap();
    path
}

/// A 1,000-item CSL-JSON library imports into a verdict file; importing it again skips every
/// item; the export validates against the official CSL-JSON schema.
#[test]
fn import_then_export() {
    let dir = tempfile::tempdir().unwrap();
    let case = new_case(dir.path());
    let library = dir.path().join("library.json");
    fs::write(
        &library,
        factdesk::csl::generate_library(1000, 7).to_string(),
    )
    .unwrap();

    let out = Command::new(bin())
        .args(["sources", "import"])
        .arg(&library)
        .arg("--into")
        .arg(&case)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("Imported 1000 sources"), "{err}");
    assert_eq!(store::load(&case).unwrap().case.sources.len(), 1000);

    let again = Command::new(bin())
        .args(["sources", "import"])
        .arg(&library)
        .arg("--into")
        .arg(&case)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("Imported 0 sources") && err.contains("skipped 1000"),
        "{err}"
    );

    let exported = dir.path().join("out.json");
    let out = Command::new(bin())
        .args(["sources", "export"])
        .arg(&case)
        .arg("-o")
        .arg(&exported)
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&exported).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1000);
    let Some(schema) = shared("testdata/csl/csl-data.schema.json") else {
        return;
    };
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(schema).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .take(5)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");

    // Without -o, the CSL-JSON goes to standard output.
    let out = Command::new(bin())
        .args(["sources", "export"])
        .arg(&case)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .trim_start()
            .starts_with('[')
    );
}

/// Bad input says what is wrong, exits 2 and leaves the verdict file untouched.
#[test]
fn bad_imports_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let case = new_case(dir.path());
    let before = fs::read(&case).unwrap();
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "[{\"title\": \"x\",]").unwrap();
    let out = Command::new(bin())
        .args(["sources", "import"])
        .arg(&bad)
        .arg("--into")
        .arg(&case)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json") && err.contains("line 1"), "{err}");
    assert_eq!(fs::read(&case).unwrap(), before);
    let out = Command::new(bin())
        .args(["sources", "import", "missing.json", "--into"])
        .arg(&case)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
