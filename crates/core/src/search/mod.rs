//! Full-text search that gets Korean right: the one tokenizer both the index
//! writer (`papershelf index`) and the browser's search engine use, so both
//! sides split text the same way.
//!
//! - [`text`]: text into terms with positions. Latin words are lower-cased
//!   words; a run of Hangul syllables becomes its overlapping two-syllable
//!   terms (bigrams), so `모델` is found inside `모델은`, `모델을` and
//!   `대규모언어모델` with no dictionary.
//! - [`query`]: what the reader typed, as clauses of terms: words are ANDed,
//!   `"quoted words"` must be adjacent, a particle typed after a Korean word
//!   (`모델을`) is dropped, and Latin words match as prefixes.
//!
//! Not yet within issue 14's budgets: on a synthetic 4,000-post journal
//! (15 MB of Korean and English text) the index is 16 MB in 536 pieces, and
//! a very common term's piece is 118 KB gzipped. The positions are the bulk.
//! The plan: per-section term frequencies in the pieces, positions in pieces
//! of their own fetched only for quoted phrases, and Korean words of three
//! or more syllables matched by their pairs in one section.

pub mod engine;
pub mod index;
pub mod query;
pub mod text;
