//! Reading a large verdict file of the current version from one buffer, fast, with the
//! article's text held once.
//!
//! serde_json reading from a stream goes byte by byte (three times slower than from a
//! slice), and from a slice or a stream it unescapes a long string into a scratch buffer
//! and then copies it: the file, the scratch and the text would be three copies of the
//! article. Here the file is parsed from its bytes with the article's text left as raw
//! JSON; everything else becomes the case as usual. Then the text is unescaped in place,
//! at the front of the same buffer, which becomes the article's `String`.
//!
//! Anything unusual — another version, a duplicate key, an escape this reader does not
//! take, any error at all — gives `None`, and the caller reads the file the careful way
//! for the right message. A file this reader accepts loads exactly as the careful path
//! loads it.

use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::format::FileIn;
use super::{FORMAT, SavedView, VERSION};
use crate::model::{Article, Claim, Conflict, Scale, Source, Suggestions};

/// A file read from a buffer, but for its article's text: where that is in the buffer
/// (the raw JSON string, quotes included).
pub(super) type Parsed = (FileIn, Range<usize>);

/// A file parsed from `bytes`, its article's text still raw. `None`: not a file of the
/// current version this reader takes (the bytes are untouched).
pub(super) fn parse(bytes: &[u8]) -> Option<Parsed> {
    // One fast UTF-8 check of the whole buffer, then a parse that checks nothing again
    // (from a slice, serde_json would check each string and raw value on its own).
    let json = simdutf8::basic::from_utf8(bytes).ok()?;
    let raw: RawFile<'_> = serde_json::from_str(json).ok()?;
    let current =
        raw.format.as_str() == Some(FORMAT) && raw.version.as_u64() == Some(u64::from(VERSION));
    if !current {
        return None;
    }
    let text = raw.article.text.get();
    let start = text.as_ptr().addr().checked_sub(bytes.as_ptr().addr())?;
    let range = start..start + text.len();
    // The raw text is borrowed from `bytes` (serde_json borrows from a slice), a string.
    let quoted = text.starts_with('"') && text.ends_with('"') && text.len() >= 2;
    if bytes.get(range.clone())?.as_ptr() != text.as_ptr() || !quoted {
        return None;
    }
    let mut fields = raw.article.fields;
    fields.insert("text".into(), Value::String(String::new()));
    let article = Article::deserialize(Value::Object(fields)).ok()?;
    let file = FileIn {
        format: IgnoredAny,
        version: IgnoredAny,
        article,
        scale: raw.scale?,
        claims: claims(raw.claims?)?,
        sources: raw.sources,
        history: raw.history,
        conflicts: raw.conflicts,
        suggestions: raw.suggestions,
        view: raw.view,
        extra: raw.extra,
    };
    Some((file, range))
}

/// Claims at most this many to a thread (fewer are parsed on the calling thread).
const CLAIMS_PER_THREAD: usize = 1_000;

/// The claims parsed from their raw JSON, split over the machine's cores when there are
/// many: the same claims, in the same order, as one parse of the list gives. `None` when
/// any of them does not parse.
fn claims(raw: Vec<&RawValue>) -> Option<Vec<Claim>> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    claims_on(&raw, cores.min(raw.len().div_ceil(CLAIMS_PER_THREAD)))
}

/// [`claims`] on `threads` threads (the calling one included).
pub(super) fn claims_on(raw: &[&RawValue], threads: usize) -> Option<Vec<Claim>> {
    let parse = |part: &[&RawValue]| -> Option<Vec<Claim>> {
        part.iter()
            .map(|r| serde_json::from_str(r.get()).ok())
            .collect()
    };
    crate::parallel::in_parts(raw, threads, "load-claims", parse)
        .into_iter()
        .collect::<Option<Vec<Vec<Claim>>>>()
        .map(|parts| parts.into_iter().flatten().collect())
}

/// The JSON string at `range` of `bytes` (quotes included; serde_json checked its
/// syntax) unescaped to the front of the buffer, which becomes the string. `None` when
/// a `\u` escape is not a char (a lone surrogate) or the result is not UTF-8: the buffer
/// is spent then, and the file must be read again for the careful path's message.
pub(super) fn into_text(mut bytes: Vec<u8>, range: Range<usize>) -> Option<String> {
    let end = range.end.checked_sub(1)?;
    let mut read = range.start + 1;
    let mut write = 0;
    while read < end {
        let run = memchr::memchr(b'\\', &bytes[read..end]).unwrap_or(end - read);
        bytes.copy_within(read..read + run, write);
        write += run;
        read += run;
        if read == end {
            break;
        }
        let (c, len) = escape_at(&bytes[read..end])?;
        read += len;
        // An escape is at least as long as what it stands for: `write` stays behind.
        let mut utf8 = [0; 4];
        let encoded = c.encode_utf8(&mut utf8).as_bytes();
        bytes[write..write + encoded.len()].copy_from_slice(encoded);
        write += encoded.len();
    }
    bytes.truncate(write);
    bytes.shrink_to_fit();
    String::from_utf8(bytes).ok()
}

/// The char the escape at the start of `s` stands for, and the escape's length.
fn escape_at(s: &[u8]) -> Option<(char, usize)> {
    let simple = match *s.get(1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let high = hex4(s.get(2..6)?)?;
            if !(0xD800..0xDC00).contains(&high) {
                return Some((char::from_u32(high)?, 6));
            }
            if s.get(6..8)? != b"\\u" {
                return None;
            }
            let low = hex4(s.get(8..12)?)?;
            if !(0xDC00..0xE000).contains(&low) {
                return None;
            }
            let c = char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?;
            return Some((c, 12));
        }
        _ => return None,
    };
    Some((simple, 2))
}

/// Four hex digits.
fn hex4(digits: &[u8]) -> Option<u32> {
    let s = std::str::from_utf8(digits).ok()?;
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(s, 16).ok()
}

/// The top level as read here: the article in parts, unknown keys kept.
struct RawFile<'a> {
    format: Value,
    version: Value,
    article: RawArticle<'a>,
    scale: Option<Scale>,
    /// Each claim as raw JSON, parsed after the skim on every core.
    claims: Option<Vec<&'a RawValue>>,
    sources: Vec<Source>,
    history: Vec<Value>,
    conflicts: Vec<Conflict>,
    suggestions: Suggestions,
    view: SavedView,
    extra: Map<String, Value>,
}

/// The article: its text as raw JSON, its other fields as values.
struct RawArticle<'a> {
    text: &'a RawValue,
    fields: Map<String, Value>,
}

/// Refuses a key seen twice (the careful path then says what it makes of it).
fn once<T, E: de::Error>(slot: &mut Option<T>, value: T, key: &str) -> Result<(), E> {
    if slot.replace(value).is_some() {
        return Err(E::custom(format_args!("duplicate field `{key}`")));
    }
    Ok(())
}

impl<'de> Deserialize<'de> for RawFile<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Top;
        impl<'de> Visitor<'de> for Top {
            type Value = RawFile<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a verdict file")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFile<'de>, A::Error> {
                let (mut format, mut version, mut article, mut scale) = (None, None, None, None);
                let (mut claims, mut sources, mut history) = (None, None, None);
                let (mut conflicts, mut suggestions, mut view) = (None, None, None);
                let mut extra = Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "format" => once(&mut format, map.next_value()?, &key)?,
                        "version" => once(&mut version, map.next_value()?, &key)?,
                        "article" => once(&mut article, map.next_value()?, &key)?,
                        "scale" => once(&mut scale, map.next_value()?, &key)?,
                        "claims" => once(&mut claims, map.next_value()?, &key)?,
                        "sources" => once(&mut sources, map.next_value()?, &key)?,
                        "history" => once(&mut history, map.next_value()?, &key)?,
                        "conflicts" => once(&mut conflicts, map.next_value()?, &key)?,
                        "suggestions" => once(&mut suggestions, map.next_value()?, &key)?,
                        "view" => once(&mut view, map.next_value()?, &key)?,
                        _ => {
                            let value = map.next_value()?;
                            if extra.insert(key.clone(), value).is_some() {
                                return Err(de::Error::custom(format_args!(
                                    "duplicate field `{key}`"
                                )));
                            }
                        }
                    }
                }
                Ok(RawFile {
                    format: format.ok_or_else(|| de::Error::missing_field("format"))?,
                    version: version.ok_or_else(|| de::Error::missing_field("version"))?,
                    article: article.ok_or_else(|| de::Error::missing_field("article"))?,
                    scale,
                    claims,
                    sources: sources.unwrap_or_default(),
                    history: history.unwrap_or_default(),
                    conflicts: conflicts.unwrap_or_default(),
                    suggestions: suggestions.unwrap_or_default(),
                    view: view.unwrap_or_default(),
                    extra,
                })
            }
        }
        d.deserialize_map(Top)
    }
}

impl<'de> Deserialize<'de> for RawArticle<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Parts;
        impl<'de> Visitor<'de> for Parts {
            type Value = RawArticle<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an article")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawArticle<'de>, A::Error> {
                let mut text = None;
                let mut fields = Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "text" {
                        once(&mut text, map.next_value()?, &key)?;
                    } else if fields.insert(key.clone(), map.next_value()?).is_some() {
                        return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
                    }
                }
                let text = text.ok_or_else(|| de::Error::missing_field("text"))?;
                Ok(RawArticle { text, fields })
            }
        }
        d.deserialize_map(Parts)
    }
}
