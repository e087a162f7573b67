//! CSL dates to and from factdesk's `YYYY[-MM[-DD]]` strings.

use serde_json::{Value, json};

/// What reading a CSL date gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateRead {
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or empty when nothing valid was found.
    pub date: String,
    /// Whether the original value says more than `date` (a range, a season, invalid parts,
    /// free text) and must be kept in `custom`.
    pub keep: bool,
    /// What went wrong, for the user; `None` when the date read cleanly.
    pub warning: Option<String>,
}

impl DateRead {
    fn clean(date: String) -> DateRead {
        DateRead {
            date,
            keep: false,
            warning: None,
        }
    }

    fn kept(date: String, warning: Option<String>) -> DateRead {
        DateRead {
            date,
            keep: true,
            warning,
        }
    }
}

/// Reads a CSL date: a date object (`date-parts`, `raw`, `literal`) or a bare EDTF string.
pub(crate) fn read_date(value: &Value) -> DateRead {
    match value {
        Value::Null => DateRead::clean(String::new()),
        Value::String(s) => read_text(s),
        Value::Number(n) => read_text(&n.to_string()),
        Value::Object(o) => {
            let others = |key: &str| o.keys().any(|k| k != key);
            if let Some(parts) = o.get("date-parts") {
                if let Some(mut read) = read_parts(parts) {
                    read.keep |= others("date-parts");
                    return read;
                }
            }
            for key in ["raw", "literal"] {
                if let Some(Value::String(s)) = o.get(key) {
                    let mut read = read_text(s);
                    read.keep |= others(key);
                    return read;
                }
            }
            if o.is_empty() {
                return DateRead::clean(String::new());
            }
            DateRead::kept(
                String::new(),
                Some("has no date-parts, raw or literal".into()),
            )
        }
        Value::Bool(_) | Value::Array(_) => {
            DateRead::kept(String::new(), Some("is not a date object".into()))
        }
    }
}

/// Reads `date-parts`: one `[y, m, d]` array, or two for a range (the first is taken).
/// `None` when there are no parts at all.
fn read_parts(parts: &Value) -> Option<DateRead> {
    let list = parts.as_array()?;
    let first = list.first()?.as_array()?;
    if first.is_empty() {
        return None;
    }
    let numbers: Vec<Option<i64>> = first.iter().take(3).map(part_number).collect();
    let (date, warning) = assemble(&numbers);
    let range = list.len() > 1;
    let warning = match (warning, range) {
        (Some(w), _) => Some(w),
        (None, true) => Some("is a range: kept its start, the range is in custom".into()),
        (None, false) => None,
    };
    let keep = range || first.len() > 3 || warning.is_some();
    Some(DateRead {
        date,
        keep,
        warning,
    })
}

/// A date part as a number: JSON integers, integral floats, or digit strings ("05").
fn part_number(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e9)
                .map(|f| f as i64)
        }),
        Value::String(s) => {
            let s = s.trim();
            if !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; anything else is kept as written.
fn read_text(s: &str) -> DateRead {
    let s = s.trim();
    if s.is_empty() {
        return DateRead::clean(String::new());
    }
    let pieces: Vec<&str> = s.split('-').collect();
    let shaped = pieces.len() <= 3
        && pieces[0].len() == 4
        && pieces[1..].iter().all(|p| (1..=2).contains(&p.len()))
        && pieces.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shaped {
        return DateRead::kept(
            String::new(),
            Some(format!(
                "\"{s}\" is not a YYYY-MM-DD date: kept as written in custom"
            )),
        );
    }
    let numbers: Vec<Option<i64>> = pieces.iter().map(|p| p.parse().ok()).collect();
    match assemble(&numbers) {
        (date, None) => DateRead::clean(date),
        (date, warning) => DateRead::kept(date, warning),
    }
}

/// Builds `YYYY[-MM[-DD]]` from parts, keeping the valid prefix and saying what was not.
fn assemble(parts: &[Option<i64>]) -> (String, Option<String>) {
    let show = |p: Option<i64>| p.map_or_else(|| "?".to_string(), |n| n.to_string());
    let year = match parts.first().copied().flatten() {
        Some(y) if (1..=9999).contains(&y) => y,
        other => {
            return (
                String::new(),
                Some(format!("year {} is not valid: kept in custom", show(other))),
            );
        }
    };
    let mut date = format!("{year:04}");
    let Some(&month) = parts.get(1) else {
        return (date, None);
    };
    let month = match month {
        Some(m) if (1..=12).contains(&m) => m,
        other => {
            let w = format!("month {} is not valid: kept the year", show(other));
            return (date, Some(w));
        }
    };
    date.push_str(&format!("-{month:02}"));
    let Some(&day) = parts.get(2) else {
        return (date, None);
    };
    match day {
        Some(d) if (1..=days_in_month(year, month)).contains(&d) => {
            date.push_str(&format!("-{d:02}"));
            (date, None)
        }
        other => {
            let w = format!("day {} is not valid: kept year and month", show(other));
            (date, Some(w))
        }
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A factdesk date as a CSL date object: `date-parts` with numbers when it is
/// `YYYY[-MM[-DD]]`, else `{"literal": …}`; `None` when empty.
pub(crate) fn date_value(s: &str) -> Option<Value> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let read = read_text(s);
    if read.warning.is_some() {
        return Some(json!({ "literal": s }));
    }
    let parts: Vec<Value> = read
        .date
        .split('-')
        .filter_map(|p| p.parse::<u64>().ok())
        .map(Value::from)
        .collect();
    Some(json!({ "date-parts": [parts] }))
}

/// Whether `value` is a date object the CSL schema accepts.
pub(crate) fn is_csl_date(value: &Value) -> bool {
    let Some(o) = value.as_object() else {
        return false;
    };
    let str_num = |v: &Value| v.is_string() || v.is_number();
    o.iter().all(|(k, v)| match k.as_str() {
        "date-parts" => v.as_array().is_some_and(|list| {
            (1..=2).contains(&list.len())
                && list.iter().all(|d| {
                    d.as_array()
                        .is_some_and(|p| (1..=3).contains(&p.len()) && p.iter().all(str_num))
                })
        }),
        "season" => str_num(v),
        "circa" => str_num(v) || v.is_boolean(),
        "literal" | "raw" => v.is_string(),
        _ => false,
    })
}
