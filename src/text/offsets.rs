//! Char (Unicode scalar value) offsets versus byte offsets.
//!
//! Anchors in the saved file count chars; the app works in bytes.

/// Chars between checkpoints.
const STRIDE: usize = 256;

/// Bytes counted at a time while indexing (less than [`STRIDE`]).
const CHUNK: usize = 32;

/// Whether a byte of UTF-8 starts a char (is not a continuation byte).
fn starts_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

/// Articles larger than this (in bytes) are indexed in the background: they open from a
/// head-only index first, and their hash is computed there.
pub const LAZY_INDEX_BYTES: usize = 1 << 20;

/// Index for converting between char and byte offsets of one text in O(256).
///
/// Built in one pass; the same text must be passed to the lookups (a
/// different text gives wrong answers or `None`, never a panic).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CharIndex {
    /// Byte offset of char `k * 256`, for every k.
    checkpoints: Vec<usize>,
    /// Number of chars in the text.
    char_len: usize,
    /// True when the text is pure ASCII (char offset == byte offset).
    ascii: bool,
}

impl CharIndex {
    /// Builds the index of `text` in one pass.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                checkpoints: Vec::new(),
                char_len: text.len(),
                ascii: true,
            };
        }
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / STRIDE + 1);
        // Chars before the current block. A block of CHUNK bytes holds at most CHUNK <
        // STRIDE chars, so at most one checkpoint: a block is counted (a loop the compiler
        // vectorises) and only a block with a checkpoint is searched for it.
        let mut n: usize = 0;
        let blocks = bytes.chunks_exact(CHUNK);
        let tail = blocks.remainder();
        for (k, block) in blocks.enumerate() {
            let starts = block
                .iter()
                .map(|&b| usize::from(starts_char(b)))
                .sum::<usize>();
            let next = n.next_multiple_of(STRIDE);
            if next < n + starts {
                let nth = block
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| starts_char(b))
                    .nth(next - n);
                if let Some((i, _)) = nth {
                    checkpoints.push(k * CHUNK + i);
                }
            }
            n += starts;
        }
        let offset = bytes.len() - tail.len();
        for (i, &b) in tail.iter().enumerate() {
            if starts_char(b) {
                if n % STRIDE == 0 {
                    checkpoints.push(offset + i);
                }
                n += 1;
            }
        }
        CharIndex {
            checkpoints,
            char_len: n,
            ascii: false,
        }
    }

    /// Number of chars in the text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of char offset `char_offset`; `char_len()` maps to `text.len()`, beyond is None.
    pub fn byte_of_char(&self, text: &str, char_offset: usize) -> Option<usize> {
        if char_offset > self.char_len {
            return None;
        }
        if self.ascii {
            return (char_offset <= text.len()).then_some(char_offset);
        }
        if char_offset == self.char_len {
            return Some(text.len());
        }
        let base = *self.checkpoints.get(char_offset / STRIDE)?;
        let rest = text.get(base..)?;
        // The n-th char start after the checkpoint (a byte test, no decoding).
        rest.bytes()
            .enumerate()
            .filter(|&(_, b)| starts_char(b))
            .nth(char_offset % STRIDE)
            .map(|(k, _)| base + k)
    }

    /// Char offset of byte offset `byte`; None when it is not a char boundary or past the end.
    pub fn char_of_byte(&self, text: &str, byte: usize) -> Option<usize> {
        if byte > text.len() || !text.is_char_boundary(byte) {
            return None;
        }
        if self.ascii {
            return Some(byte);
        }
        let k = self
            .checkpoints
            .partition_point(|&b| b <= byte)
            .checked_sub(1)?;
        let base = self.checkpoints[k];
        let between = text.get(base..byte)?.chars().count();
        Some(k * STRIDE + between)
    }
}

/// The slice of `text` from char offset `start` to char offset `end` (None if out of range or reversed).
pub fn slice_chars<'a>(
    text: &'a str,
    idx: &CharIndex,
    start: usize,
    end: usize,
) -> Option<&'a str> {
    if start > end {
        return None;
    }
    let s = idx.byte_of_char(text, start)?;
    let e = idx.byte_of_char(text, end)?;
    text.get(s..e)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks every char and byte offset of `text` against a naive char_indices reference.
    fn check_against_naive(text: &str) {
        let idx = CharIndex::new(text);
        let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bounds.push(text.len());
        assert_eq!(idx.char_len(), bounds.len() - 1);
        for (n, &b) in bounds.iter().enumerate() {
            assert_eq!(idx.byte_of_char(text, n), Some(b), "char {n}");
            assert_eq!(idx.char_of_byte(text, b), Some(n), "byte {b}");
        }
        assert_eq!(idx.byte_of_char(text, bounds.len()), None);
        for b in 0..=text.len() + 2 {
            if !bounds.contains(&b) {
                assert_eq!(idx.char_of_byte(text, b), None, "byte {b}");
            }
        }
    }

    /// Non-ASCII text (é, emoji, CJK) spanning many checkpoints matches the naive reference at every offset.
    #[test]
    fn non_ascii_every_offset() {
        let unit = "café 🚀 漢字 naïve — x";
        check_against_naive(&unit.repeat(60));
        check_against_naive("é");
        check_against_naive("");
    }

    /// Pure-ASCII text uses the identity mapping.
    #[test]
    fn ascii_identity() {
        let text = "plain ascii ".repeat(50);
        check_against_naive(&text);
        assert!(CharIndex::new(&text).ascii);
    }

    /// Exactly 256 and 257 chars: the checkpoint boundary is handled.
    #[test]
    fn checkpoint_boundaries() {
        check_against_naive(&"é".repeat(256));
        check_against_naive(&"é".repeat(257));
        check_against_naive(&"é".repeat(512));
    }

    proptest::proptest! {
        /// Any mix of 1- to 4-byte chars, across block and checkpoint edges, matches the
        /// naive reference at every offset.
        #[test]
        fn any_text_every_offset(text in "[a\u{e9}\u{2014}\u{1F680}]{0,700}") {
            check_against_naive(&text);
        }
    }

    /// slice_chars extracts by char offsets and rejects bad ranges.
    #[test]
    fn slice_by_chars() {
        let text = "a🚀bé漢";
        let idx = CharIndex::new(text);
        assert_eq!(slice_chars(text, &idx, 1, 3), Some("🚀b"));
        assert_eq!(slice_chars(text, &idx, 0, 5), Some(text));
        assert_eq!(slice_chars(text, &idx, 5, 5), Some(""));
        assert_eq!(slice_chars(text, &idx, 3, 2), None);
        assert_eq!(slice_chars(text, &idx, 0, 6), None);
    }

    /// Using an index with a different (shorter) text returns None instead of panicking.
    #[test]
    fn mismatched_text_no_panic() {
        let idx = CharIndex::new(&"é".repeat(600));
        assert_eq!(idx.byte_of_char("ab", 500), None);
        assert_eq!(idx.char_of_byte("ab", 5), None);
        let ascii = CharIndex::new("abcdef");
        assert_eq!(ascii.byte_of_char("ab", 4), None);
    }
}
