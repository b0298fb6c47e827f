//! Text into search terms, the same way for the index and for queries.
//!
//! The text is put in Unicode NFC first (Hangul typed on macOS may arrive
//! decomposed), then read as runs:
//! - letters and digits of alphabetic scripts: one lower-cased term a word;
//! - Hangul syllables (and Han and Kana, which have no spaces either): each
//!   overlapping pair of syllables is a term, and a run of one syllable is a
//!   term of its own. Korean attaches particles and endings to words
//!   (`모델은`, `강화학습에서`); pairs find the word inside them all;
//! - everything else separates.
//!
//! Where two runs stand a space apart, a join term links them, so a quoted
//! phrase can ask for adjacent words without a positional index:
//! - two Hangul runs: the pair of syllables across the space (`언어 모델` has
//!   `어모`), the same term as inside a word, so `언어모델` and `언어 모델`
//!   find each other, as Korean spacing varies;
//! - otherwise: [`JOIN`], the last term of the first run, a space, and the
//!   first term of the second (`\u{1}large language`), a term no word
//!   search ever meets.
//!
//! Each term has a position, which tells its field (see `index::Field`).

/// One term of a text and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term: a lower-cased word, or one or two syllables.
    pub text: String,
    /// Its position: consecutive terms have consecutive positions.
    pub pos: u32,
    /// Whether it comes from a run of syllables (Hangul, Han, Kana).
    pub syllabic: bool,
}

/// The class of a character for splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Written without spaces between words: Hangul syllables, Han, Kana.
    Syllable,
    /// A letter or digit of any other script.
    Word,
    /// Anything else: spaces, punctuation, symbols.
    Gap,
}

fn class(c: char) -> Class {
    match c {
        '\u{AC00}'..='\u{D7A3}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' => Class::Syllable,
        c if c.is_alphanumeric() => Class::Word,
        _ => Class::Gap,
    }
}

/// Whether a character is a Hangul syllable.
pub fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Text in NFC and lower case, as both sides compare it.
pub fn normalize(text: &str) -> String {
    nfc(text).chars().map(fold).collect()
}

/// A character in lower case, as search compares it: the scripts with case
/// this journal meets (Latin with its accented letters, Greek, Cyrillic,
/// full-width Latin); every other character as it is. One character for
/// one, so a match maps back onto the text. Written out rather than
/// `char::to_lowercase`, whose table would be a sixth of the browser's
/// search module; both sides fold with this one function.
///
/// ```
/// use papershelf_core::search::text::fold;
/// let folded: String = "GRPO Ärger ΣΩ Модель Ａ".chars().map(fold).collect();
/// assert_eq!(folded, "grpo ärger σω модель ａ");
/// ```
pub fn fold(c: char) -> char {
    let n = c as u32;
    let lower = match n {
        // ASCII, Latin-1 (not ×), Greek capitals (not the gap at U+03A2),
        // basic Cyrillic and full-width Latin: a fixed distance.
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            n + 32
        }
        0xFF21..=0xFF3A => n + 32,
        // Cyrillic Ѐ-Џ.
        0x400..=0x40F => n + 80,
        // Latin Extended-A, capitals at even code points (but İ and ı,
        // and the odd-paired run from Ĺ to Ň, and ſ).
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if n.is_multiple_of(2) => n + 1,
        0x139..=0x148 | 0x179..=0x17E if !n.is_multiple_of(2) => n + 1,
        0x178 => 0xFF,
        // Cyrillic Ѡ-ҁ and Ҋ-ӿ pairs.
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if n.is_multiple_of(2) => n + 1,
        _ => n,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// Text in Unicode NFC. With the `nfc` feature (the CLI), by the
/// `unicode-normalization` crate; without it (the browser's search module,
/// which would otherwise carry 80 KB of tables), text is taken as NFC
/// already: the viewer normalizes it with the browser's own
/// `String.prototype.normalize` before handing it over.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    #[cfg(feature = "nfc")]
    {
        use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
        if is_nfc_quick(text.chars()) != IsNormalized::Yes {
            return std::borrow::Cow::Owned(text.nfc().collect());
        }
    }
    std::borrow::Cow::Borrowed(text)
}

/// A run of text of one class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run<'a> {
    /// The characters of the run (already normalized).
    pub text: &'a str,
    /// Syllables (Hangul, Han, Kana) or a word.
    pub syllabic: bool,
}

/// The runs of normalized text, in order, gaps left out.
pub fn runs(normalized: &str) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, Class)> = None;
    for (i, c) in normalized.char_indices() {
        let k = class(c);
        match start {
            Some((s, prev)) if prev != k => {
                if prev != Class::Gap {
                    out.push(Run {
                        text: &normalized[s..i],
                        syllabic: prev == Class::Syllable,
                    });
                }
                start = Some((i, k));
            }
            None => start = Some((i, k)),
            _ => {}
        }
    }
    if let Some((s, k)) = start {
        if k != Class::Gap {
            out.push(Run {
                text: &normalized[s..],
                syllabic: k == Class::Syllable,
            });
        }
    }
    out
}

/// The terms of one run, at positions from `pos` on; returns the next free position.
pub fn run_terms(run: &Run<'_>, mut pos: u32, out: &mut Vec<Term>) -> u32 {
    if !run.syllabic {
        out.push(Term {
            text: run.text.to_string(),
            pos,
            syllabic: false,
        });
        return pos + 1;
    }
    let chars: Vec<(usize, char)> = run.text.char_indices().collect();
    if chars.len() == 1 {
        out.push(Term {
            text: run.text.to_string(),
            pos,
            syllabic: true,
        });
        return pos + 1;
    }
    for pair in chars.windows(2) {
        let end = pair[1].0 + pair[1].1.len_utf8();
        out.push(Term {
            text: run.text[pair[0].0..end].to_string(),
            pos,
            syllabic: true,
        });
        pos += 1;
    }
    pos
}

/// The first character of join terms, which sorts them before every word.
pub const JOIN: char = '\u{1}';

/// The join term linking two runs a space apart (see the module's docs).
pub fn join(a: &Run<'_>, b: &Run<'_>) -> String {
    let last = |r: &Run<'_>| {
        if r.syllabic {
            r.text
                .chars()
                .next_back()
                .map(String::from)
                .unwrap_or_default()
        } else {
            r.text.to_string()
        }
    };
    let first = |r: &Run<'_>| {
        if r.syllabic {
            r.text.chars().next().map(String::from).unwrap_or_default()
        } else {
            r.text.to_string()
        }
    };
    if a.syllabic && b.syllabic {
        format!("{}{}", last(a), first(b))
    } else {
        format!("{JOIN}{} {}", last(a), first(b))
    }
}

/// Whether what stands between two runs is spaces on one line.
pub fn joined_by_space(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
}

/// Every term of normalized `text` from position `pos`, joins included,
/// stopping before `end`; returns the next free position.
pub fn text_terms(normalized: &str, mut pos: u32, end: u32, out: &mut Vec<Term>) -> u32 {
    let mut previous: Option<Run<'_>> = None;
    for run in runs(normalized) {
        if pos >= end {
            break;
        }
        if let Some(prev) = &previous {
            let gap_start =
                prev.text.as_ptr() as usize - normalized.as_ptr() as usize + prev.text.len();
            let gap_end = run.text.as_ptr() as usize - normalized.as_ptr() as usize;
            if joined_by_space(&normalized[gap_start..gap_end]) {
                let text = join(prev, &run);
                let syllabic = !text.starts_with(JOIN);
                out.push(Term {
                    text,
                    pos,
                    syllabic,
                });
            }
        }
        pos = run_terms(&run, pos, out);
        previous = Some(run);
    }
    out.retain(|t| t.pos < end);
    pos
}

/// Every term of `text`, in order, joins included, positions from 0.
///
/// ```
/// use papershelf_core::search::text::terms;
/// let t: Vec<String> = terms("LoRA는 대규모언어모델을").into_iter().map(|t| t.text).collect();
/// assert_eq!(t, ["lora", "는", "는대", "대규", "규모", "모언", "언어", "어모", "모델", "델을"]);
/// ```
pub fn terms(text: &str) -> Vec<Term> {
    let normalized = normalize(text);
    let mut out = Vec::new();
    text_terms(&normalized, 0, u32::MAX, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        terms(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn latin_words_are_lower_cased_terms() {
        assert_eq!(
            texts("GRPO, Dr. GRPO & PPO-clip"),
            ["grpo", "dr", "grpo", "ppo", "clip"]
        );
        assert_eq!(
            texts("Qwen2.5-VL 7B"),
            ["qwen2", "5", "vl", "\u{1}vl 7b", "7b"]
        );
    }

    #[test]
    fn hangul_runs_become_overlapping_pairs() {
        assert_eq!(
            texts("강화학습에서"),
            ["강화", "화학", "학습", "습에", "에서"]
        );
        assert_eq!(texts("모델 은"), ["모델", "델은", "은"]);
    }

    #[test]
    fn positions_follow_each_other_across_runs() {
        let t = terms("언어 모델을");
        let pos: Vec<(String, u32)> = t.into_iter().map(|t| (t.text, t.pos)).collect();
        assert_eq!(
            pos,
            [
                ("언어".into(), 0),
                ("어모".into(), 1),
                ("모델".into(), 1),
                ("델을".into(), 2)
            ]
        );
    }

    #[test]
    fn words_a_space_apart_are_joined_and_others_are_not() {
        // Hangul across a space: the same pair as inside a word.
        assert_eq!(texts("강화 학습"), texts("강화학습"));
        // Latin, or Latin and Hangul: a join term of its own.
        assert_eq!(
            texts("Large Language"),
            ["large", "\u{1}large language", "language"]
        );
        assert_eq!(
            texts("GRPO 알고리즘"),
            ["grpo", "\u{1}grpo 알", "알고", "고리", "리즘"]
        );
        // Punctuation, a line break, or nothing between: no join.
        assert_eq!(texts("model, data"), ["model", "data"]);
        assert_eq!(texts("model\ndata"), ["model", "data"]);
        assert_eq!(texts("LoRA는"), ["lora", "는"]);
    }

    #[test]
    #[cfg(feature = "nfc")]
    fn decomposed_hangul_is_composed() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "모델"
            .chars()
            .flat_map(|c| c.to_string().nfd().collect::<Vec<_>>())
            .collect();
        assert_ne!(nfd, "모델");
        assert_eq!(texts(&nfd), ["모델"]);
    }

    #[test]
    fn scripts_split_where_they_meet() {
        assert_eq!(texts("LoRA는"), ["lora", "는"]);
        assert_eq!(texts("GPT-4o를"), ["gpt", "4o", "를"]);
        assert_eq!(texts("日本語"), ["日本", "本語"]);
    }

    #[test]
    fn punctuation_and_symbols_separate() {
        assert_eq!(
            texts("<img onerror=x>"),
            ["img", "\u{1}img onerror", "onerror", "x"]
        );
        assert!(texts("...!?").is_empty());
    }
}
