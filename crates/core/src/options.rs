//! What every Markdown parse shares: pulldown-cmark's options and how deep
//! the safe tree may nest. A leaf: the pre-pass, raw HTML, math and the
//! renderer all read it, and it reads none of them.

use pulldown_cmark::Options;

/// How deep elements may nest; deeper content is kept as text in the
/// deepest element, so neither output recurses without bound.
pub const MAX_DEPTH: usize = 96;

/// All parser options in one place (as mdBook's `new_cmark_parser`).
pub fn cmark_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}
