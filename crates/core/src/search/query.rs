//! What the reader typed, as clauses a document must all match.
//!
//! - Words are ANDed: each is a clause.
//! - `"quoted words"` are one clause whose terms must be adjacent, in order.
//!   An unclosed quote runs to the end.
//! - A Korean word loses a particle or ending typed after it (`모델을` is
//!   `모델`, `강화학습에서` is `강화학습`), as long as two syllables are left,
//!   so a particle never narrows the search; a word that is only a particle
//!   (`를`) is dropped.
//! - A Latin word matches as a prefix (`transfo` finds `transformer`; `model`
//!   finds `models`), one letter only as itself. A lone syllable matches
//!   itself only (a one-syllable word such as `책`): as a prefix it would
//!   read pieces for every pair it starts, most of the index's bytes for a
//!   keystroke the next one replaces.
//! - Queries are bounded: [`MAX_CHARS`] characters, [`MAX_CLAUSES`] clauses.

use super::text::{normalize, run_terms, runs, text_terms, Run, JOIN};

/// Characters of a query read; the rest is ignored.
pub const MAX_CHARS: usize = 256;
/// Clauses of a query kept; the rest are ignored.
pub const MAX_CLAUSES: usize = 12;

/// Particles and endings dropped after a Korean word typed in a query,
/// longest first where one ends another.
const PARTICLES: &[&str] = &[
    "에서는",
    "에서도",
    "에게서",
    "으로는",
    "으로도",
    "으로서",
    "으로써",
    "입니다",
    "이라는",
    "에서",
    "에게",
    "한테",
    "으로",
    "까지",
    "부터",
    "처럼",
    "보다",
    "이나",
    "이랑",
    "이며",
    "이고",
    "이다",
    "에는",
    "에도",
    "와는",
    "과는",
    "로는",
    "로도",
    "로서",
    "로써",
    "라는",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "와",
    "과",
    "도",
    "만",
    "랑",
];

/// One term of a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// The term, as [`super::text::terms`] writes terms.
    pub text: String,
    /// Its place in the clause: a document matches where each term stands
    /// at the first term's position plus this.
    pub offset: u32,
    /// Whether any indexed term starting with [`QueryTerm::text`] matches.
    pub prefix: bool,
}

/// A word or a quoted phrase: terms that must stand together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The terms, in order.
    pub terms: Vec<QueryTerm>,
    /// What the clause matches, as text to highlight (`모델`, `언어 모델`).
    pub text: String,
    /// Written in quotes.
    pub quoted: bool,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Every clause must match.
    pub clauses: Vec<Clause>,
}

impl Query {
    /// Parses what the reader typed.
    ///
    /// ```
    /// use papershelf_core::search::query::Query;
    /// let q = Query::parse("모델을 \"언어 모델\" transfo");
    /// let texts: Vec<&str> = q.clauses.iter().map(|c| c.text.as_str()).collect();
    /// assert_eq!(texts, ["모델", "언어 모델", "transfo"]);
    /// assert!(q.clauses[2].terms[0].prefix);
    /// ```
    pub fn parse(input: &str) -> Query {
        let input: String = input.chars().take(MAX_CHARS).collect();
        let normalized = normalize(&input);
        let mut clauses = Vec::new();
        let mut rest = normalized.as_str();
        while !rest.is_empty() && clauses.len() < MAX_CLAUSES {
            let (piece, quoted, after) = match rest.find('"') {
                Some(0) => {
                    let body = &rest[1..];
                    match body.find('"') {
                        Some(end) => (&body[..end], true, &body[end + 1..]),
                        None => (body, true, ""),
                    }
                }
                Some(at) => (&rest[..at], false, &rest[at..]),
                None => (rest, false, ""),
            };
            if quoted {
                clauses.extend(phrase(piece));
            } else {
                for word in piece.split_whitespace() {
                    clauses.extend(word_clause(word));
                }
            }
            rest = after;
        }
        clauses.truncate(MAX_CLAUSES);
        Query { clauses }
    }

    /// Whether there is nothing to search for (an empty query, or only
    /// particles and punctuation).
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// A quoted phrase: its terms and the joins between its words, no particle
/// dropped; a last Latin word of two letters or more is a prefix (the reader
/// may be typing it), and so is its join.
fn phrase(text: &str) -> Option<Clause> {
    let mut found = Vec::new();
    text_terms(text, 0, u32::MAX, &mut found);
    let last_word = runs(text)
        .last()
        .filter(|r| !r.syllabic && r.text.chars().count() >= 2)
        .map(|r| r.text);
    let last_pos = found.last().map(|t| t.pos);
    let terms = found
        .into_iter()
        .map(|t| {
            let prefix = last_word.is_some()
                && Some(t.pos) == last_pos
                && (t.text.starts_with(JOIN) || Some(t.text.as_str()) == last_word);
            QueryTerm {
                text: t.text,
                offset: t.pos,
                prefix,
            }
        })
        .collect::<Vec<_>>();
    (!terms.is_empty()).then(|| Clause {
        terms,
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        quoted: true,
    })
}

/// A bare word: its runs, a trailing particle dropped.
fn word_clause(word: &str) -> Option<Clause> {
    let mut runs = runs(word);
    // A particle after a Latin word or number (`LoRA는`, `GPT-4o를`) goes.
    if runs.len() > 1
        && runs
            .last()
            .is_some_and(|r| r.syllabic && is_particle(r.text))
    {
        runs.pop();
    }
    let mut stripped = Vec::with_capacity(runs.len());
    let last = runs.len().saturating_sub(1);
    for (i, run) in runs.iter().enumerate() {
        let text = if i == last && run.syllabic {
            strip_particle(run.text)?
        } else {
            run.text
        };
        stripped.push(Run {
            text,
            syllabic: run.syllabic,
        });
    }
    let mut terms = Vec::new();
    let mut pos = 0;
    for run in &stripped {
        pos = push_terms(run, pos, true, &mut terms);
    }
    let text = stripped
        .iter()
        .map(|r| r.text)
        .collect::<Vec<_>>()
        .join(" ");
    (!terms.is_empty()).then_some(Clause {
        terms,
        text,
        quoted: false,
    })
}

/// The terms of a run, as the index writes them; in a bare word, Latin
/// words of two letters or more match as prefixes.
fn push_terms(run: &Run<'_>, pos: u32, prefixes: bool, out: &mut Vec<QueryTerm>) -> u32 {
    let mut terms = Vec::new();
    let next = run_terms(run, pos, &mut terms);
    for t in terms {
        let prefix = prefixes && !run.syllabic && t.text.chars().count() >= 2;
        out.push(QueryTerm {
            text: t.text,
            offset: t.pos,
            prefix,
        });
    }
    next
}

fn is_particle(text: &str) -> bool {
    PARTICLES.contains(&text)
}

/// A Korean word without the particle or ending after it, if two syllables
/// are left; `None` when the word is only a particle.
fn strip_particle(word: &str) -> Option<&str> {
    if is_particle(word) {
        return None;
    }
    let syllables = word.chars().count();
    for particle in PARTICLES {
        if let Some(stem) = word.strip_suffix(particle) {
            if stem.chars().count() >= 2 && syllables > stem.chars().count() {
                return Some(stem);
            }
        }
    }
    Some(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(q: &str) -> Vec<String> {
        Query::parse(q)
            .clauses
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    fn terms(q: &str) -> Vec<Vec<(String, u32, bool)>> {
        Query::parse(q)
            .clauses
            .into_iter()
            .map(|c| {
                c.terms
                    .into_iter()
                    .map(|t| (t.text, t.offset, t.prefix))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn particles_typed_after_a_korean_word_are_dropped() {
        assert_eq!(clauses("모델을"), ["모델"]);
        assert_eq!(clauses("모델은 강화학습에서"), ["모델", "강화학습"]);
        assert_eq!(clauses("대규모언어모델이다"), ["대규모언어모델"]);
        // Two syllables stay: `나이` is a word, not `나` + `이`.
        assert_eq!(clauses("나이"), ["나이"]);
        assert_eq!(clauses("LoRA는 GPT-4o를"), ["lora", "gpt 4o"]);
    }

    #[test]
    fn a_query_of_particles_or_punctuation_is_empty() {
        assert!(Query::parse("을 를 은").is_empty());
        assert!(Query::parse("... !? \"\"").is_empty());
        assert!(Query::parse("").is_empty());
    }

    #[test]
    fn a_korean_word_is_its_chain_of_pairs() {
        assert_eq!(
            terms("강화학습"),
            [[
                ("강화".into(), 0, false),
                ("화학".into(), 1, false),
                ("학습".into(), 2, false)
            ]]
        );
    }

    #[test]
    fn quoted_words_must_be_adjacent() {
        let q = Query::parse("\"언어 모델\"");
        assert!(q.clauses[0].quoted);
        assert_eq!(
            terms("\"언어 모델\""),
            [[
                ("언어".into(), 0, false),
                ("어모".into(), 1, false),
                ("모델".into(), 1, false)
            ]]
        );
        // An unclosed quote runs to the end.
        assert_eq!(
            clauses("grpo \"policy gradient"),
            ["grpo", "policy gradient"]
        );
    }

    #[test]
    fn latin_words_are_prefixes_and_case_blind() {
        assert_eq!(terms("Transfo"), [[("transfo".into(), 0, true)]]);
        assert_eq!(terms("a"), [[("a".into(), 0, false)]]);
        assert_eq!(terms("모"), [[("모".into(), 0, false)]]);
    }

    #[test]
    #[cfg(feature = "nfc")]
    fn decomposed_hangul_in_a_query_is_composed() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "모델을".nfd().collect();
        assert_eq!(clauses(&nfd), ["모델"]);
    }

    #[test]
    fn long_and_hostile_queries_are_bounded() {
        let long = "모델 ".repeat(500);
        assert!(Query::parse(&long).clauses.len() <= MAX_CLAUSES);
        assert_eq!(
            clauses("<img onerror=alert(1)>"),
            ["img", "onerror alert 1"]
        );
        assert_eq!(clauses("(a|b)* [x] \\d+"), ["a b", "x", "d"]);
    }
}
