//! Heading ids exactly as Docusaurus makes them.
//!
//! Docusaurus uses `github-slugger`: lower case, every character that is not
//! a letter, a number, a mark, `-`, `_` or a space dropped, each space turned
//! into `-`. One [`Slugger`] per post makes repeated slugs unique with `-1`,
//! `-2`, … suffixes, in the order the headings appear.

use std::collections::HashMap;

/// The slug of one heading's plain text, without de-duplication.
///
/// ```
/// use papershelf_core::slug::slugify;
/// assert_eq!(slugify("3. THE COLLABORATION GAP microsoft"), "3-the-collaboration-gap-microsoft");
/// assert_eq!(slugify("모델 평가: LTD-Bench"), "모델-평가-ltd-bench");
/// ```
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' {
            out.push('-');
        } else if c == '-' || c == '_' || c.is_alphanumeric() || is_combining_mark(c) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Combining marks that github-slugger keeps (they belong to the letter before them).
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0E31 | 0x0E34..=0x0E3A
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0x302A..=0x302F
        | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

/// Makes slugs unique within one post, as github-slugger's `Slugger` does.
#[derive(Debug, Default, Clone)]
pub struct Slugger {
    occurrences: HashMap<String, u32>,
}

impl Slugger {
    /// A slugger that has seen no heading yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The unique slug for the next heading with this plain text.
    pub fn slug(&mut self, text: &str) -> String {
        self.unique(slugify(text))
    }

    /// Registers an id the author chose (`{#id}`) or a slug already made, and
    /// returns it made unique the same way.
    pub fn unique(&mut self, original: String) -> String {
        let mut slug = original.clone();
        while self.occurrences.contains_key(&slug) {
            let count = self.occurrences.entry(original.clone()).or_insert(0);
            *count += 1;
            slug = format!("{original}-{count}");
        }
        self.occurrences.insert(slug.clone(), 0);
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_is_dropped_and_spaces_become_dashes() {
        assert_eq!(slugify("0. Don't Blind Your VLA"), "0-dont-blind-your-vla");
        assert_eq!(
            slugify("1. When Visualizing is the First Step to Reasoning: MIRA, a Benchmark for Visual Chain-of-Thought bytedance"),
            "1-when-visualizing-is-the-first-step-to-reasoning-mira-a-benchmark-for-visual-chain-of-thought-bytedance"
        );
        assert_eq!(
            slugify("4. Can Visual Input Be Compressed?"),
            "4-can-visual-input-be-compressed"
        );
    }

    #[test]
    fn hangul_and_other_letters_are_kept() {
        assert_eq!(
            slugify("시각적 사고 (Visual Thought)"),
            "시각적-사고-visual-thought"
        );
        assert_eq!(slugify("Café Ünïcode"), "café-ünïcode");
    }

    #[test]
    fn each_space_is_its_own_dash_and_emoji_vanish() {
        assert_eq!(slugify("a  b"), "a--b");
        assert_eq!(slugify("rocket 🚀 launch"), "rocket--launch");
        assert_eq!(slugify("snake_case and-dash"), "snake_case-and-dash");
    }

    #[test]
    fn repeated_headings_get_numbered_suffixes() {
        let mut s = Slugger::new();
        assert_eq!(s.slug("Results"), "results");
        assert_eq!(s.slug("Results"), "results-1");
        assert_eq!(s.slug("Results"), "results-2");
        // A heading whose own slug is a suffixed one is bumped past it, as github-slugger does.
        assert_eq!(s.slug("Results 1"), "results-1-1");
    }
}
