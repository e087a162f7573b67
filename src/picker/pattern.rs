//! The folded query and a cheap subsequence pre-filter.

use super::fold::fold_str;

/// A query prepared for matching.
#[derive(Debug, Clone, Default)]
pub(super) struct Pattern {
    /// The query folded like the haystacks (what the matcher is given).
    pub(super) folded: String,
    /// Case-sensitive (the folded query has an ASCII uppercase letter):
    /// the same rule `SkimMatcherV2`'s smart case applies.
    case_sensitive: bool,
    /// When the folded query is ASCII: its bytes, lower-cased unless
    /// case-sensitive, for the byte-level pre-filter.
    ascii: Option<Box<[u8]>>,
    /// The folded query's chars (used when it is not ASCII).
    chars: Box<[char]>,
}

impl Pattern {
    /// Prepares `query`.
    pub(super) fn new(query: &str) -> Self {
        let folded = fold_str(query);
        let case_sensitive = folded.chars().any(|c| c.is_ascii_uppercase());
        let ascii = folded.is_ascii().then(|| {
            let bytes = folded.as_bytes();
            if case_sensitive {
                bytes.into()
            } else {
                bytes.to_ascii_lowercase().into_boxed_slice()
            }
        });
        let chars = folded.chars().collect();
        Pattern {
            folded,
            case_sensitive,
            ascii,
            chars,
        }
    }

    /// Whether the query is empty.
    pub(super) fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// True when the query is a subsequence of `hay` under the matcher's
    /// char equality (exact, or ASCII case-insensitive). Exactly the
    /// matcher's own first test, so it never rejects what it would accept;
    /// it only spares the matcher its per-call setup on misses.
    pub(super) fn may_match(&self, hay: &str) -> bool {
        if let Some(pat) = &self.ascii {
            // Bytes of multi-byte UTF-8 sequences are >= 0x80 and never equal
            // an ASCII pattern byte, so a byte scan equals the char scan.
            let mut pat = pat.iter();
            let Some(mut want) = pat.next() else {
                return true;
            };
            for &b in hay.as_bytes() {
                let b = if self.case_sensitive {
                    b
                } else {
                    b.to_ascii_lowercase()
                };
                if b == *want {
                    match pat.next() {
                        Some(next) => want = next,
                        None => return true,
                    }
                }
            }
            false
        } else {
            let mut pat = self.chars.iter();
            let Some(mut want) = pat.next() else {
                return true;
            };
            for c in hay.chars() {
                let equal = if self.case_sensitive {
                    c == *want
                } else {
                    c.eq_ignore_ascii_case(want)
                };
                if equal {
                    match pat.next() {
                        Some(next) => want = next,
                        None => return true,
                    }
                }
            }
            false
        }
    }
}
