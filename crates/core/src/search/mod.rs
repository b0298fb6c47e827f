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

pub mod engine;
pub mod index;
pub mod query;
pub mod text;
