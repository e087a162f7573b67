//! Numbers JSON can write but a double cannot hold: `1e400` is refused by serde_json, while
//! `1e-400` would silently become 0 — in a field factdesk keeps for another tool, a changed
//! value. Both are refused, with the place and the number.

/// Whether `json` may hold a number whose exponent underflows a double: a quick look for
/// `e-` or `E-` followed by three digits, after a digit or a point (rare in prose too).
pub(super) fn may_underflow(json: &[u8]) -> bool {
    // The minus first: it is far rarer than an `e`.
    memchr::memchr_iter(b'-', json).any(|i| {
        i >= 2
            && matches!(json[i - 1], b'e' | b'E')
            && (json[i - 2].is_ascii_digit() || json[i - 2] == b'.')
            && json.get(i + 1).is_some_and(u8::is_ascii_digit)
            && json.get(i + 2).is_some_and(u8::is_ascii_digit)
    })
}

/// The first number outside strings that is not zero but parses as zero: its 1-based line
/// and column and its text.
pub(super) fn first_underflow(json: &str) -> Option<(usize, usize, String)> {
    let bytes = json.as_bytes();
    let (mut i, mut in_string) = (0, false);
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        if b == b'"' {
            in_string = true;
            i += 1;
            continue;
        }
        if b == b'-' || b.is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && matches!(bytes[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
            {
                i += 1;
            }
            let token = &json[start..i];
            let mantissa_nonzero = token
                .split(['e', 'E'])
                .next()
                .is_some_and(|m| m.bytes().any(|d| (b'1'..=b'9').contains(&d)));
            if mantissa_nonzero && token.parse::<f64>().is_ok_and(|v| v == 0.0) {
                let line = json[..start].matches('\n').count() + 1;
                let column = start - json[..start].rfind('\n').map_or(0, |n| n + 1) + 1;
                return Some((line, column, token.to_string()));
            }
            continue;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An underflowing number is found outside strings, with its place; the same text
    /// inside a string, or a number that is only small, is not.
    #[test]
    fn finds_underflow_outside_strings() {
        let json = "{\n  \"a\": \"1e-400 in text\",\n  \"b\": [1e-300, 2.5e-400]\n}";
        assert!(may_underflow(json.as_bytes()));
        assert_eq!(first_underflow(json), Some((3, 17, "2.5e-400".into())));
        assert_eq!(first_underflow("{\"a\": \"9e-999\", \"b\": 0e-500}"), None);
        assert!(!may_underflow(b"{\"pre-election\": 1e-3}"));
    }
}
