//! Pure text handling for factdesk: ingest (decoding, HTML and Markdown), residue, display
//! sanitising, sentences, wrapping, offsets.

pub mod attribution;
pub mod checkworthy;
pub mod claimant;
pub mod ingest;
pub mod offsets;
pub mod residue;
pub mod sanitize;
pub mod segment;
pub mod words;
pub mod wrap;

#[cfg(test)]
mod attribution_tests;
#[cfg(test)]
mod claimant_tests;
#[cfg(test)]
mod sanitize_tests;
#[cfg(test)]
mod segment_tests;
#[cfg(test)]
mod wrap_tests;

pub use attribution::guess_claimant_in;
pub use claimant::guess_claimant;
pub use ingest::decode::{Decoded, IngestWarning, decode_article};
pub use offsets::{CharIndex, LAZY_INDEX_BYTES, slice_chars};
pub use sanitize::{
    Glyph, HiddenReport, TAB_STOP, clean_block, clean_line, glyph, glyph_in_context, glyph_width,
    hidden_kind, scan_hidden, strip_hidden,
};
pub use segment::sentences;
pub use words::{next_word_end, prev_word_end};
pub use wrap::{column_to_byte, line_of, wrap, wrap_range};
