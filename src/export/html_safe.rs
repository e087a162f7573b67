//! JSON that is safe inside an HTML `<script>` element.

/// `json` with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`, and U+2028 and
/// U+2029 as `\u2028`, `\u2029`: the same JSON value, but no `</script>`, `<!--` or entity
/// can end or change the script element it is embedded in, and old JavaScript parsers do not
/// see a line break inside a string. Only valid inside JSON strings, which is the only place
/// those characters can be in serialised JSON.
pub fn html_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::html_safe_json;
    use serde_json::{Value, json};

    /// A value holding `</script>`, a comment opener, an entity and line separators comes
    /// out with none of them literally present, and parses back to the same value.
    #[test]
    fn script_breakers_are_escaped_and_value_kept() {
        let value = json!({"a": "</script><!-- &amp; \u{2028}\u{2029} ok"});
        let escaped = html_safe_json(&value.to_string());
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!escaped.contains(bad), "{bad:?} left in {escaped}");
        }
        let back: Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
    }

    /// Every BLNS string round-trips unchanged through the escape and never leaves a
    /// `</script` in the output.
    #[test]
    fn hostile_strings_round_trip() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/testdata/hostile/blns.txt");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("SKIP: {} not found", path.display());
            return;
        };
        let mut checked = 0;
        for line in text.lines().chain(["</SCRIPT>", "<\u{2028}>"]) {
            let value = Value::String(line.to_string());
            let escaped = html_safe_json(&value.to_string());
            assert!(!escaped.to_ascii_lowercase().contains("</script"));
            assert_eq!(serde_json::from_str::<Value>(&escaped).unwrap(), value);
            checked += 1;
        }
        assert!(
            checked > 100,
            "only {checked} strings read from {}",
            path.display()
        );
    }
}
