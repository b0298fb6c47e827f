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
//! Not yet within issue 14's budgets. On a synthetic 4,000-post journal
//! (15 MB of Korean and English text, Zipf-distributed words) the term
//! pieces, all most queries fetch, are 7 MB in 261 files (a query of one or
//! two words fetches 19-46 KB gzipped); the position pieces, fetched only
//! for quoted phrases, are 16 MB in 536 files, over the 8 MB and 500 files
//! the issue allows. Next: phrases verified without a full positional index.

pub mod engine;
pub mod index;
pub mod query;
pub mod text;
