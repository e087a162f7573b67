use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use super::*;
use crate::keymap::{Command, Context};
use crate::test_support::key;

fn parsed(text: &str) -> Loaded {
    parse(text).unwrap_or_else(|e| panic!("{e}"))
}

/// No file at all means the defaults, without warnings; so does an empty file.
#[test]
fn defaults_when_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = load_from(&dir.path().join("absent.toml")).unwrap();
    assert_eq!(loaded, Loaded::default());
    assert_eq!(parsed(""), Loaded::default());
    let config = Config::default();
    assert!(config.use_color(None));
    assert_eq!(
        config.export_options(),
        crate::export::ExportOptions::default()
    );
}

/// The shipped default file is all comments (and empty sections): it parses to the defaults.
#[test]
fn commented_default_file_parses_to_defaults() {
    assert_eq!(parsed(DEFAULT_CONFIG), Loaded::default());
}

/// Every example setting in the default file, uncommented, is valid and understood.
#[test]
fn default_file_examples_are_valid() {
    // Settings are commented out as `#key = ...`; prose comments have a space after `#`.
    let uncommented: String = DEFAULT_CONFIG
        .lines()
        .map(|l| match l.strip_prefix('#') {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_alphabetic()) => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let loaded = parsed(&uncommented);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let c = &loaded.config;
    assert_eq!(c.name.as_deref(), Some("Jane Doe"));
    assert!(c.base_url.is_some() && c.author.is_some() && c.default_scale.is_some());
    assert_eq!(c.key_overrides.len(), 1);
    assert_eq!(c.color, Some(true));
    assert!(c.colors.accent.is_some() && c.colors.cursor.is_some());
    assert!(c.colors.selection.is_some());
    let (_, warnings) = keymap(c);
    assert!(warnings.is_empty(), "{warnings:?}");
}

/// A file setting everything is read into every field.
#[test]
fn full_file() {
    let loaded = parsed(
        r##"
name = "Jane Doe"
[publication]
base_url = "https://factcheck.example.org/checks/{id}"
author = { name = "Jane Doe", kind = "Person" }
[defaults]
scale = "snopes"
[keys.article]
make_claim = ["c", "C"]
[keys.global]
save = ["Ctrl-s", "F2"]
[theme]
color = false
accent = "#5fafff"
"##,
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(
        loaded.config,
        Config {
            name: Some("Jane Doe".into()),
            base_url: Some("https://factcheck.example.org/checks/{id}".into()),
            author: Some(Author {
                name: "Jane Doe".into(),
                kind: AuthorKind::Person,
                ..Author::default()
            }),
            default_scale: Some("snopes".into()),
            cases_dir: None,
            key_overrides: vec![
                KeyOverride {
                    context: Context::Article,
                    command: Command::MakeClaim,
                    keys: vec![key("c"), key("C")],
                },
                KeyOverride {
                    context: Context::Global,
                    command: Command::Save,
                    keys: vec![key("Ctrl-s"), key("F2")],
                },
            ],
            color: Some(false),
            colors: ThemeColors {
                accent: Some(Rgb(0x5f, 0xaf, 0xff)),
                ..ThemeColors::default()
            },
            reading_width: None,
            opener: None,
        }
    );
    assert!(!loaded.config.use_color(None));
    // The author's kind defaults to Organization.
    let org = parsed("[publication]\nauthor = { name = \"Example Fact Check\" }\n");
    assert_eq!(
        org.config.author.map(|a| a.kind),
        Some(AuthorKind::Organization)
    );
}

/// Unknown keys, wrong types, bad values and a scale that is not a preset are warnings
/// naming the key; the rest of the file still counts.
#[test]
fn unknown_keys_are_warned() {
    let loaded = parsed(
        r##"
name = "Jane Doe"
nmae = "typo"
[publication]
base_uri = "https://example.org/"
author = { name = "Example", kind = "Company", email = "x@example.org" }
[defaults]
scale = "nonsense"
[keys.artcle]
make_claim = ["C"]
[keys.article]
mak_claim = ["C"]
go_top = ["Hyper-g"]
go_bottom = "G"
[theme]
color = "yes"
accent = "blue"
font = "Iosevka"
"##,
    );
    let w = loaded.warnings.join("\n");
    for named in [
        "unknown key nmae",
        "unknown key publication.base_uri",
        "publication.author.kind",
        "unknown key publication.author.email",
        "defaults.scale \"nonsense\" is not a preset (politifact, snopes",
        "keys.artcle",
        "keys.article.mak_claim",
        "keys.article.go_top",
        "Hyper-g",
        "keys.article.go_bottom",
        "theme.color",
        "theme.accent",
        "unknown key theme.font",
    ] {
        assert!(w.contains(named), "no warning naming {named:?} in:\n{w}");
    }
    assert_eq!(loaded.warnings.len(), 12, "{w}");
    let c = &loaded.config;
    assert_eq!(c.name.as_deref(), Some("Jane Doe"));
    // The author keeps its name; the bad kind falls back to the default.
    assert_eq!(
        c.author.as_ref().map(|a| a.kind),
        Some(AuthorKind::Organization)
    );
    assert_eq!(c.default_scale, None);
    assert!(c.key_overrides.is_empty());
    assert_eq!((c.color, c.colors), (None, ThemeColors::default()));
}

/// Broken TOML is an error giving the file, line and column.
#[test]
fn bad_toml_is_an_error_with_line() {
    let text = "name = \"Jane\"\n[defaults]\nscale = politifact\n";
    let err = parse(text).unwrap_err();
    let ConfigError::Syntax { line, column, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!((*line, *column), (3, 9), "{err}");
    assert!(err.to_string().starts_with("config.toml:3:9: "), "{err}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    let err = load_from(&path).unwrap_err();
    assert!(
        err.to_string().starts_with(&format!(
            "{}:3:9: the config file is not valid TOML",
            path.display()
        )),
        "{err}"
    );
}

/// An override replaces the command's keys in that context: the new key runs it, the old
/// one no longer does, and other contexts keep their defaults.
#[test]
fn key_override_replaces_binding() {
    let loaded = parsed("[keys.article]\nmake_claim = [\"C\"]\n");
    let (km, warnings) = keymap(&loaded.config);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        km.lookup(Context::Article, key("C")),
        Some(Command::MakeClaim)
    );
    assert_eq!(km.lookup(Context::Article, key("c")), None);
    assert_eq!(
        km.keys_for(Context::Article, Command::MakeClaim),
        vec![key("C")]
    );
    assert_eq!(
        km.lookup(Context::Selection, key("c")),
        Some(Command::MakeClaim)
    );
    // Swapping two keys is not a conflict, whatever the order of the lines.
    let swap = parsed("[keys.global]\nundo = [\"Ctrl-r\"]\nredo = [\"u\"]\n");
    let (km, warnings) = keymap(&swap.config);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(km.lookup(Context::Article, key("u")), Some(Command::Redo));
    assert_eq!(
        km.lookup(Context::Article, key("Ctrl-r")),
        Some(Command::Undo)
    );
}

/// An override that would bind a key twice is reported by name and dropped: the default
/// stays in force, and the other overrides still apply.
#[test]
fn conflicting_override_is_reported_and_dropped() {
    let loaded = parsed(
        "[keys.article]\nmake_claim = [\"q\"]\nstart_selection = [\"V\"]\n\
         [keys.claims]\njump_to_claim = [\"o\"]\nfilter_claims = [\"o\"]\n",
    );
    let (km, warnings) = keymap(&loaded.config);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("[keys.article] make_claim = [\"q\"]: key q is bound twice"),
        "{warnings:?}"
    );
    assert!(warnings[0].contains("quit"), "{warnings:?}");
    // Of two overrides binding one key, the later line is dropped.
    assert!(
        warnings[1].starts_with("[keys.claims] filter_claims"),
        "{warnings:?}"
    );
    assert_eq!(km.lookup(Context::Article, key("q")), Some(Command::Quit));
    assert_eq!(
        km.lookup(Context::Article, key("c")),
        Some(Command::MakeClaim)
    );
    assert_eq!(
        km.lookup(Context::Article, key("V")),
        Some(Command::StartSelection)
    );
    assert_eq!(
        km.lookup(Context::Claims, key("o")),
        Some(Command::JumpToClaim)
    );
    assert_eq!(
        km.lookup(Context::Claims, key("/")),
        Some(Command::FilterClaims)
    );
}

/// FACTDESK_CONFIG names the file; unset or empty, the platform's config directory is used.
#[test]
fn env_override_is_honoured() {
    let custom = OsString::from("/tmp/elsewhere/my-config.toml");
    assert_eq!(
        path_from(Some(custom)),
        Some(PathBuf::from("/tmp/elsewhere/my-config.toml"))
    );
    let platform = path_from(None);
    assert_eq!(path_from(Some(OsString::new())), platform);
    if let Some(p) = platform {
        assert!(p.ends_with("config.toml"), "{}", p.display());
        assert!(p.to_string_lossy().contains("factdesk"), "{}", p.display());
    }
}

/// NO_COLOR (non-empty) wins over `theme.color = true`; an empty NO_COLOR does not count.
#[test]
fn no_color_wins() {
    let config = parsed("[theme]\ncolor = true\n").config;
    assert!(!config.use_color(Some(OsStr::new("1"))));
    assert!(config.use_color(Some(OsStr::new(""))));
    assert!(config.use_color(None));
}

/// `layout.reading_width` and `open.command` are read; bad values are warnings naming
/// the key, and leave the default.
#[test]
fn layout_and_opener() {
    let config =
        parsed("[layout]\nreading_width = 72\n[open]\ncommand = [\"firefox\", \"--new-tab\"]\n")
            .config;
    assert_eq!(config.reading_width, Some(72));
    assert_eq!(
        config.opener,
        Some(vec!["firefox".to_string(), "--new-tab".to_string()])
    );
    let bad = parsed("[layout]\nreading_width = 5\n[open]\ncommand = \"firefox %u\"\n");
    assert_eq!(
        (bad.config.reading_width, bad.config.opener.clone()),
        (None, None)
    );
    assert!(bad.warnings[0].starts_with("layout.reading_width should be"));
    assert!(bad.warnings[1].starts_with("open.command should be a list"));
    let empty = parsed("[open]\ncommand = []\n");
    assert_eq!(empty.config.opener, None);
}
