//! Team work through real git: `git-setup`, then `git merge` with factdesk as the merge
//! driver, `git diff` through `factdesk show`, `check` and export on a conflicted file.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use factdesk::model::{
    Anchor, Article, Case, Claim, ClaimId, Link, Origin, Scale, Source, SourceId,
};
use factdesk::store::{self, SavedView};

const TEXT: &str = "The mayor said crime fell by half. Rents rose 40% in 2023. \
Tokyo has 14 million people. The minister denied it.\n";
const FILE: &str = "case.factdesk.json";

fn run(dir: &Path, program: &Path, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        // Never find a repository around the temporary directory.
        .env("GIT_CEILING_DIRECTORIES", dir.parent().unwrap_or(dir))
        .output()
        .expect("runs")
}

fn git(dir: &Path, args: &[&str]) -> Output {
    run(dir, Path::new("git"), args)
}

/// git, which must succeed.
fn ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn claim(id: &str, exact: &str, created: &str) -> Claim {
    let byte = TEXT.find(exact).expect("in the text");
    let start = TEXT[..byte].chars().count();
    Claim {
        id: ClaimId(id.into()),
        number: 0,
        anchors: vec![Anchor {
            start,
            end: start + exact.chars().count(),
            exact: exact.into(),
            prefix: String::new(),
            suffix: String::new(),
            review: None,
            extra: Default::default(),
        }],
        text: exact.into(),
        claimant: String::new(),
        claimant_guess: None,
        claimant_kind: None,
        made_on: None,
        first_appearance: None,
        status: Default::default(),
        verdict: Default::default(),
        links: Vec::new(),
        created: created.into(),
        updated: created.into(),
        extra: Default::default(),
    }
}

fn load(dir: &Path) -> Case {
    store::load(&dir.join(FILE))
        .expect("the verdict file loads")
        .case
}

fn save(dir: &Path, case: &Case) {
    store::save(
        &dir.join(FILE),
        case,
        &SavedView::default(),
        &Default::default(),
    )
    .expect("saves");
    let _ = std::fs::remove_file(dir.join(format!("{FILE}.bak")));
}

fn edit(dir: &Path, f: impl FnOnce(&mut Case)) {
    let mut case = load(dir);
    f(&mut case);
    save(dir, &case);
}

fn rate(case: &mut Case, id: &str, rating: &str) {
    let c = case.claim_mut(&ClaimId(id.into())).expect("claim");
    c.verdict.rating = Some(rating.into());
}

/// A repository set up with `factdesk git-setup`, holding a case with two claims.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, &["init", "-q", "-b", "main"]);
    ok(d, &["config", "user.name", "Checker"]);
    ok(d, &["config", "user.email", "checker@example.org"]);
    ok(d, &["config", "commit.gpgsign", "false"]);
    std::fs::write(d.join(".gitattributes"), "*.txt text").unwrap();
    let setup = run(d, &support::bin(), &["git-setup"]);
    assert!(setup.status.success(), "{}", text(&setup));
    assert!(text(&setup).contains("added"), "{}", text(&setup));
    let again = run(d, &support::bin(), &["git-setup"]);
    assert!(again.status.success());
    assert!(
        !text(&again).contains("added") && text(&again).matches("already").count() == 4,
        "git-setup twice changes nothing: {}",
        text(&again)
    );
    let attributes = std::fs::read_to_string(d.join(".gitattributes")).unwrap();
    assert_eq!(
        attributes,
        "*.txt text\n*.factdesk.json merge=factdesk diff=factdesk\n"
    );
    let mut case = Case::new(
        Article::new(TEXT.into(), Origin::default()),
        Scale::default_scale(),
    );
    case.insert_claim(claim("c1", "crime fell by half", "2026-01-01T00:00:00Z"));
    case.insert_claim(claim(
        "c2",
        "Rents rose 40% in 2023",
        "2026-01-01T00:00:01Z",
    ));
    save(d, &case);
    ok(d, &["add", "."]);
    ok(d, &["commit", "-q", "-m", "base"]);
    dir
}

/// Two branches add claims, sources and links and rate different claims: `git merge`
/// exits 0 and the result holds everything, with the colliding new claim renumbered.
#[test]
fn independent_work_merges_cleanly() {
    let dir = repo();
    let d = dir.path();
    ok(d, &["checkout", "-q", "-b", "theirs"]);
    edit(d, |c| {
        c.insert_claim(claim(
            "t1",
            "Tokyo has 14 million people",
            "2026-01-02T00:00:00Z",
        ));
        c.sources.push(Source::new(
            SourceId("st".into()),
            "Census",
            "https://example.org/c",
            "",
        ));
        let t1 = c.claim_mut(&ClaimId("t1".into())).unwrap();
        t1.links.push(Link::new(SourceId("st".into())));
        rate(c, "c2", "False");
    });
    ok(d, &["commit", "-q", "-am", "theirs"]);
    ok(d, &["checkout", "-q", "main"]);
    edit(d, |c| {
        c.insert_claim(claim(
            "o1",
            "The minister denied it",
            "2026-01-03T00:00:00Z",
        ));
        c.sources
            .push(Source::new(SourceId("so".into()), "Police data", "", ""));
        let o1 = c.claim_mut(&ClaimId("o1".into())).unwrap();
        o1.links.push(Link::new(SourceId("so".into())));
        rate(c, "c1", "True");
    });
    ok(d, &["commit", "-q", "-am", "ours"]);
    let merge = git(d, &["merge", "--no-edit", "theirs"]);
    assert_eq!(merge.status.code(), Some(0), "{}", text(&merge));
    let case = load(d);
    let ids: Vec<&str> = case.claims.iter().map(|c| c.id.0.as_str()).collect();
    assert_eq!(ids, ["c1", "c2", "t1", "o1"]);
    let get = |id: &str| case.claim(&ClaimId(id.into())).unwrap();
    assert_eq!(get("c1").verdict.rating.as_deref(), Some("True"));
    assert_eq!(get("c2").verdict.rating.as_deref(), Some("False"));
    assert_eq!(get("t1").links.len() + get("o1").links.len(), 2);
    assert_eq!(case.sources.len(), 2);
    assert!(case.conflicts.is_empty());
    // Both made C3: theirs' claim was made first and keeps it.
    assert_eq!((get("t1").number, get("o1").number), (3, 4));
    assert!(case.history.iter().any(|h| h["action"] == "renumber claim"));
    // git log -p shows fact-check lines, not JSON.
    let log = git(d, &["log", "-p", "-1", "--first-parent", "HEAD"]);
    let log = text(&log);
    assert!(
        log.contains("+C4 [unrated] todo: “The minister denied it”"),
        "{log}"
    );
    assert!(!log.contains("\"anchors\""), "{log}");
}

/// Both sides rate the same claim differently: git reports a conflict, the file is valid
/// JSON holding both values, `check` shows one conflict, export refuses.
#[test]
fn the_same_verdict_changed_differently_conflicts() {
    let dir = repo();
    let d = dir.path();
    ok(d, &["checkout", "-q", "-b", "theirs"]);
    edit(d, |c| rate(c, "c1", "False"));
    ok(d, &["commit", "-q", "-am", "theirs: false"]);
    ok(d, &["checkout", "-q", "main"]);
    edit(d, |c| rate(c, "c1", "True"));
    ok(d, &["commit", "-q", "-am", "ours: true"]);
    let merge = git(d, &["merge", "--no-edit", "theirs"]);
    assert_eq!(merge.status.code(), Some(1), "{}", text(&merge));
    assert!(
        text(&merge).contains("CONFLICT (content)"),
        "{}",
        text(&merge)
    );
    assert!(
        text(&merge).contains("C1 verdict.rating"),
        "{}",
        text(&merge)
    );
    let raw = std::fs::read_to_string(d.join(FILE)).unwrap();
    assert!(!raw.contains("<<<<<<<"));
    let case = load(d);
    assert_eq!(case.conflicts.len(), 1);
    assert_eq!(case.conflicts[0].theirs, Some("False".into()));
    assert_eq!(case.claims[0].verdict.rating.as_deref(), Some("True"));
    let check = run(d, &support::bin(), &["check", FILE]);
    assert_eq!(check.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("unresolved merge conflict at C1 verdict.rating"),
        "{stdout}"
    );
    let export = run(
        d,
        &support::bin(),
        &["export", FILE, "--format", "markdown"],
    );
    assert_ne!(export.status.code(), Some(0));
    assert!(
        text(&export).contains("unresolved merge conflict"),
        "{}",
        text(&export)
    );

    // The TUI opens on the conflict, takes theirs, saves; the merge can be committed.
    let config = d.join("no-config.toml");
    let config = config.to_string_lossy();
    let env = [
        ("FACTDESK_CONFIG", config.as_ref()),
        ("HOME", "/nonexistent"),
    ];
    let mut tui = support::Tui::spawn(&support::bin(), &[FILE], d, 100, 30, &env);
    tui.wait_for("Merge conflicts: 1 to resolve", support::TIMEOUT);
    tui.wait_for("Theirs  False", support::TIMEOUT);
    tui.key("t");
    tui.wait_for("no conflicts left", support::TIMEOUT);
    tui.key("Ctrl-s");
    tui.wait_for("Saved", support::TIMEOUT);
    tui.key("q");
    assert_eq!(tui.wait_exit(support::TIMEOUT), 0);
    let check = run(d, &support::bin(), &["check", FILE]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let case = load(d);
    assert!(case.conflicts.is_empty());
    assert_eq!(case.claims[0].verdict.rating.as_deref(), Some("False"));
    ok(d, &["add", FILE]);
    ok(d, &["commit", "-q", "--no-edit"]);
}

/// Sides with different article texts are not merged: exit 1, ours left as it was, and
/// the message says to re-anchor.
#[test]
fn different_articles_are_refused() {
    let dir = repo();
    let d = dir.path();
    ok(d, &["checkout", "-q", "-b", "theirs"]);
    edit(d, |c| {
        c.article = Article::new(format!("{TEXT}More.\n"), Origin::default())
    });
    ok(d, &["commit", "-q", "-am", "new article"]);
    ok(d, &["checkout", "-q", "main"]);
    edit(d, |c| rate(c, "c1", "True"));
    ok(d, &["commit", "-q", "-am", "ours"]);
    let ours = std::fs::read_to_string(d.join(FILE)).unwrap();
    let merge = git(d, &["merge", "--no-edit", "theirs"]);
    assert_eq!(merge.status.code(), Some(1));
    assert!(text(&merge).contains("re-anchor"), "{}", text(&merge));
    assert_eq!(std::fs::read_to_string(d.join(FILE)).unwrap(), ours);
}

/// The driver's exit codes outside git: 2 for a usage error, 1 with nothing written for
/// an unreadable side, and `-o` leaves ours untouched.
#[test]
fn merge_exit_codes() {
    let dir = repo();
    let d = dir.path();
    let usage = run(d, &support::bin(), &["merge", FILE]);
    assert_eq!(usage.status.code(), Some(2));
    std::fs::write(d.join("bad.json"), "{\"format\": ").unwrap();
    let before = std::fs::read_to_string(d.join(FILE)).unwrap();
    let bad = run(d, &support::bin(), &["merge", FILE, FILE, "bad.json"]);
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    assert!(text(&bad).contains("cannot read theirs"), "{}", text(&bad));
    assert_eq!(std::fs::read_to_string(d.join(FILE)).unwrap(), before);
    let out = run(
        d,
        &support::bin(),
        &["merge", "missing-base", FILE, FILE, "-o", "out.json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(store::load(&d.join("out.json")).is_ok());
    let diff = run(d, &support::bin(), &["diff", FILE, "out.json"]);
    assert_eq!(String::from_utf8_lossy(&diff.stdout), "no differences\n");
}

/// Outside a git repository `git-setup` says so, exits 2 and writes nothing.
#[test]
fn git_setup_outside_a_repository() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &support::bin(), &["git-setup"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("not in a git repository"),
        "{}",
        text(&out)
    );
    assert!(!dir.path().join(".gitattributes").exists());
}
