//! Running a query over the pieces it needs: which posts match, which of
//! their sections, how well (BM25 with field weights), and the snippets.
//!
//! A post matches when each clause of the query matches somewhere in it (in
//! its text before the entries, or in any entry). A clause matches a section
//! holding all its terms: a Korean word's syllable pairs, a phrase's words
//! and the join terms that say they stand a space apart (see
//! [`super::text`]). Its sections that match a clause are the sub-results.

use super::index::{Manifest, Piece, Postings};
use super::query::{Clause, Query};
use super::text::is_hangul;

/// BM25's term-frequency saturation.
const K1: f32 = 1.2;
/// How much a prefix match counts against the word itself (`transfo` in `transformer`).
const PREFIX_WEIGHT: f32 = 0.7;
/// At most this many indexed terms stand for one prefix (the most frequent).
pub const MAX_EXPANSION: usize = 64;

/// The piece files (their names in the manifest) a query needs.
pub fn pieces_needed(query: &Query, manifest: &Manifest) -> Vec<String> {
    let mut out: Vec<String> = query
        .clauses
        .iter()
        .flat_map(|c| c.terms.iter())
        .flat_map(|t| manifest.pieces_for(&t.text, t.prefix))
        .map(|r| r.file.clone())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// One matching post.
#[derive(Debug, Clone, PartialEq)]
pub struct PostHit {
    /// The post's number in `index.json`'s order.
    pub post: u32,
    /// How well it matches.
    pub score: f32,
    /// Its sections that match a clause (0: the text before the entries;
    /// n: entry n-1), best first.
    pub sections: Vec<(u32, f32)>,
}

/// Runs `query` given each post's number of sections (one plus its entries,
/// in `index.json`'s order) and the pieces [`pieces_needed`] named, by file
/// name (`None` for one not at hand: its terms then match nothing). Posts
/// come best first; on a tie the newer (earlier in the index) first.
pub fn run<'a>(
    query: &Query,
    manifest: &Manifest,
    sections_per_post: &[u32],
    piece: impl Fn(&str) -> Option<&'a Piece>,
) -> Vec<PostHit> {
    if query.is_empty() {
        return Vec::new();
    }
    let total = manifest.sections.max(1) as f32;
    // For each clause: its matches as (post, section within the post, score),
    // in section order, so posts come in ascending order too.
    let mut per_clause: Vec<Vec<(u32, u32, f32)>> = Vec::new();
    for clause in &query.clauses {
        let matches = clause_matches(clause, manifest, &piece);
        let df = matches.len() as f32;
        let idf = (1.0 + (total - df + 0.5) / (df + 0.5)).ln();
        let mut out = Vec::with_capacity(matches.len());
        // Sections ascend: the post they are in is found by walking along.
        let mut post = 0usize;
        let mut start = 0u32;
        for (section, tf) in matches {
            while post < sections_per_post.len() && start + sections_per_post[post] <= section {
                start += sections_per_post[post];
                post += 1;
            }
            if post >= sections_per_post.len() {
                break;
            }
            out.push((
                post as u32,
                section - start,
                idf * tf * (K1 + 1.0) / (tf + K1),
            ));
        }
        per_clause.push(out);
    }
    // Each clause's matches, post by post: (post, its range in the list).
    let grouped: Vec<Vec<(u32, std::ops::Range<usize>)>> = per_clause
        .iter()
        .map(|list| {
            let mut groups: Vec<(u32, std::ops::Range<usize>)> = Vec::new();
            for (i, (post, _, _)) in list.iter().enumerate() {
                match groups.last_mut() {
                    Some((p, range)) if p == post => range.end = i + 1,
                    _ => groups.push((*post, i..i + 1)),
                }
            }
            groups
        })
        .collect();
    let (first, rest) = grouped
        .split_first()
        .expect("a non-empty query has a clause");
    // Posts in every clause, by merging the ascending lists.
    let mut cursors = vec![0usize; rest.len()];
    let mut hits = Vec::new();
    'posts: for (post, range) in first {
        let mut ranges = vec![range.clone()];
        for (k, groups) in rest.iter().enumerate() {
            let c = &mut cursors[k];
            while *c < groups.len() && groups[*c].0 < *post {
                *c += 1;
            }
            match groups.get(*c) {
                Some((p, r)) if p == post => ranges.push(r.clone()),
                _ => continue 'posts,
            }
        }
        let mut sections: Vec<(u32, f32)> = Vec::new();
        let mut score = 0.0;
        for (list, range) in per_clause.iter().zip(&ranges) {
            let scores = &list[range.clone()];
            score += scores.iter().map(|(_, _, s)| *s).fold(0.0, f32::max);
            sections.extend(scores.iter().map(|(_, local, s)| (*local, *s)));
        }
        // The same section matching several clauses counts once, summed.
        sum_by_section(&mut sections);
        // A post where more of its entries match ranks a little higher.
        let best = sections.iter().map(|(_, s)| *s).fold(0.0, f32::max);
        let extra: f32 = sections.iter().map(|(_, s)| *s).sum::<f32>() - best;
        score += 0.1 * extra;
        sections.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.push(PostHit {
            post: *post,
            score,
            sections,
        });
    }
    hits.sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then(a.post.cmp(&b.post)));
    hits
}

/// Sections where a clause matches (all its terms, joins included, are in
/// them), in ascending order, with its weighted term frequency: that of its
/// rarest term.
fn clause_matches<'a>(
    clause: &Clause,
    manifest: &Manifest,
    piece: &impl Fn(&str) -> Option<&'a Piece>,
) -> Vec<(u32, f32)> {
    let mut lists: Vec<Vec<(u32, f32)>> = Vec::new();
    for term in &clause.terms {
        let mut found: Vec<(&str, &Postings)> = Vec::new();
        for r in manifest.pieces_for(&term.text, term.prefix) {
            let Some(p) = piece(&r.file) else {
                continue;
            };
            if term.prefix {
                found.extend(p.with_prefix(&term.text));
            } else if let Some(postings) = p.get(&term.text) {
                found.push((&term.text, postings));
            }
        }
        if term.prefix && found.len() > MAX_EXPANSION {
            found.sort_unstable_by_key(|(t, p)| {
                (*t != term.text, std::cmp::Reverse(p.sections.len()), *t)
            });
            found.truncate(MAX_EXPANSION);
        }
        let mut list: Vec<(u32, f32)> = Vec::new();
        for (text, postings) in &found {
            let weight = if *text == term.text {
                1.0
            } else {
                PREFIX_WEIGHT
            };
            list.extend(
                postings
                    .sections
                    .iter()
                    .map(|p| (p.section, weight * p.weighted as f32 / 2.0)),
            );
        }
        if found.len() > 1 {
            // Several words under one prefix: in section order, a section once.
            sum_by_section(&mut list);
        }
        if list.is_empty() {
            return Vec::new();
        }
        lists.push(list);
    }
    // The rarest term first: the others are walked along it.
    lists.sort_unstable_by_key(|l| l.len());
    let Some((first, rest)) = lists.split_first() else {
        return Vec::new();
    };
    let mut cursors = vec![0usize; rest.len()];
    let mut out = Vec::new();
    'sections: for (section, weighted) in first {
        let mut tf = *weighted;
        for (k, list) in rest.iter().enumerate() {
            let c = &mut cursors[k];
            while *c < list.len() && list[*c].0 < *section {
                *c += 1;
            }
            match list.get(*c) {
                Some((s, w)) if s == section => tf = tf.min(*w),
                _ => continue 'sections,
            }
        }
        if tf > 0.0 {
            out.push((*section, tf));
        }
    }
    out
}

/// Sorts `(section, score)` pairs by section, one pair a section, its
/// scores summed.
fn sum_by_section(list: &mut Vec<(u32, f32)>) {
    list.sort_unstable_by_key(|(s, _)| *s);
    list.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 += later.1;
        }
        same
    });
}

/// A piece of a snippet: text, marked where it matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The text, as written (in NFC).
    pub text: String,
    /// Whether it is a match.
    pub mark: bool,
}

/// About `width` characters of `text` around its first match of `query`,
/// the matched words marked. Plain text: the caller shows it as text.
///
/// ```
/// use papershelf_core::search::{engine::snippet, query::Query};
/// let s = snippet("VLA 모델은 로봇 행동에 적용한다.", &Query::parse("모델을"), 80);
/// let marked: Vec<&str> = s.iter().filter(|g| g.mark).map(|g| g.text.as_str()).collect();
/// assert_eq!(marked, ["모델"]);
/// ```
pub fn snippet(text: &str, query: &Query, width: usize) -> Vec<Segment> {
    let text: String = super::text::nfc(text).into_owned();
    // Lower-cased characters, each with the byte range of its original.
    let mut lower: Vec<(char, usize, usize)> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        lower.push((super::text::fold(c), i, i + c.len_utf8()));
    }
    let chars: Vec<char> = lower.iter().map(|(c, _, _)| *c).collect();
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for clause in &query.clauses {
        for word in clause.text.split(' ') {
            let needle: Vec<char> = word.chars().collect();
            if needle.is_empty() {
                continue;
            }
            let hangul = needle.iter().all(|c| is_hangul(*c));
            let mut i = 0;
            while i + needle.len() <= chars.len() {
                let at_word_start = i == 0 || !chars[i - 1].is_alphanumeric() || hangul;
                if at_word_start && chars[i..i + needle.len()] == needle[..] {
                    marks.push((lower[i].1, lower[i + needle.len() - 1].2));
                    i += needle.len();
                } else {
                    i += 1;
                }
            }
        }
    }
    marks.sort_unstable();
    marks.dedup();
    // Overlapping marks join.
    let mut joined: Vec<(usize, usize)> = Vec::new();
    for (s, e) in marks {
        match joined.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => joined.push((s, e)),
        }
    }
    // The window: from a little before the first match.
    let first = joined.first().map_or(0, |m| m.0);
    // As early as keeps the first match in view, and no later than a full window allows.
    let total = text.chars().count();
    let start_char = text[..first]
        .chars()
        .count()
        .saturating_sub(width / 4)
        .min(total.saturating_sub(width));
    let start = text.char_indices().nth(start_char).map_or(0, |(i, _)| i);
    let end = text[start..]
        .char_indices()
        .nth(width)
        .map_or(text.len(), |(i, _)| start + i);
    let mut out = Vec::new();
    let mut push = |s: &str, mark: bool| {
        if !s.is_empty() {
            out.push(Segment {
                text: s.to_string(),
                mark,
            });
        }
    };
    if start > 0 {
        push("…", false);
    }
    let mut at = start;
    for (s, e) in joined {
        if e <= start || s >= end {
            continue;
        }
        let (s, e) = (s.max(start), e.min(end));
        push(&text[at..s], false);
        push(&text[s..e], true);
        at = e;
    }
    push(&text[at..end], false);
    if end < text.len() {
        push("…", false);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::{Builder, Section};
    use std::collections::BTreeMap;

    /// Posts as (title, sections' (entry title, body)).
    fn index(posts: &[&[(&str, &str)]]) -> (Manifest, BTreeMap<String, Piece>, Vec<u32>) {
        let mut b = Builder::default();
        let mut counts = Vec::new();
        for post in posts {
            let sections: Vec<Section> = post
                .iter()
                .map(|(title, body)| Section {
                    title: title.to_string(),
                    body: body.to_string(),
                    ..Section::default()
                })
                .collect();
            counts.push(sections.len() as u32);
            b.add_post(&sections);
        }
        let built = b.finish(64);
        let pieces = built
            .pieces
            .iter()
            .map(|(file, bytes)| (file.clone(), Piece::parse(bytes).unwrap()))
            .collect();
        (built.manifest, pieces, counts)
    }

    fn search(posts: &[&[(&str, &str)]], q: &str) -> Vec<u32> {
        let (manifest, pieces, counts) = index(posts);
        run(&Query::parse(q), &manifest, &counts, |f| pieces.get(f))
            .into_iter()
            .map(|h| h.post)
            .collect()
    }

    const JOURNAL: &[&[(&str, &str)]] = &[
        &[
            ("2025-11-06", "VLA 모델은 로봇 행동에 적용"),
            ("MIRA", "시각적 사고가 필요한 문제"),
        ],
        &[
            ("2025-10-22", "대규모언어모델의 압축"),
            ("Glyph", "LoRA는 적은 파라미터로 학습"),
        ],
        &[
            ("2025-10-01", "강화학습에서 GRPO는 value 모델 없이"),
            ("Dr. GRPO", "언어 모델을 강화학습으로"),
        ],
        &[
            ("2025-09-24", "Transformers everywhere"),
            ("Mamba", "state space models"),
        ],
    ];

    #[test]
    fn korean_words_match_with_particles_and_inside_compounds() {
        assert_eq!(search(JOURNAL, "모델"), [2, 0, 1]);
        assert_eq!(
            search(JOURNAL, "모델을"),
            [2, 0, 1],
            "a particle typed does not narrow"
        );
        assert_eq!(search(JOURNAL, "강화학습"), [2]);
        assert_eq!(search(JOURNAL, "시각적 사고"), [0]);
    }

    #[test]
    fn quoted_words_must_be_adjacent() {
        // `대규모언어모델` has the two words adjacent too, without the space.
        assert_eq!(search(JOURNAL, "\"언어 모델\""), [1, 2]);
        assert_eq!(search(JOURNAL, "\"모델 언어\""), Vec::<u32>::new());
        // Korean spacing varies: with or without the space, the same words.
        assert_eq!(search(JOURNAL, "\"언어모델\""), [1, 2]);
        assert_eq!(search(JOURNAL, "언어모델"), [1, 2]);
        assert_eq!(search(JOURNAL, "\"state space\""), [3]);
        assert_eq!(search(JOURNAL, "\"space state\""), Vec::<u32>::new());
        assert_eq!(search(JOURNAL, "\"value 모델\""), [2]);
        assert_eq!(search(JOURNAL, "\"grpo 모델\""), Vec::<u32>::new());
        // Typing the last word of a phrase: a prefix.
        assert_eq!(search(JOURNAL, "\"state spa"), [3]);
    }

    #[test]
    fn latin_words_are_prefixes_and_find_words_with_particles() {
        assert_eq!(search(JOURNAL, "transfo"), [3]);
        assert_eq!(search(JOURNAL, "lora"), [1]);
        assert_eq!(search(JOURNAL, "GRPO 강화학습"), [2]);
        assert_eq!(search(JOURNAL, "model"), [3]);
    }

    #[test]
    fn words_are_anded_across_a_posts_sections() {
        assert_eq!(search(JOURNAL, "mamba transformers"), [3]);
        assert_eq!(search(JOURNAL, "mamba 모델"), Vec::<u32>::new());
    }

    #[test]
    fn titles_outrank_body_text_and_ties_go_to_the_newer_post() {
        let posts: &[&[(&str, &str)]] = &[
            &[("newer", "grpo")],
            &[("older", "grpo")],
            &[("GRPO", "about something else")],
        ];
        assert_eq!(search(posts, "grpo"), [2, 0, 1]);
    }

    #[test]
    fn sub_results_are_the_matching_entries() {
        let (manifest, pieces, counts) = index(JOURNAL);
        let hits = run(&Query::parse("grpo"), &manifest, &counts, |f| pieces.get(f));
        // Title match (entry 1) first, then the text before the entries (0).
        assert_eq!(
            hits[0].sections.iter().map(|s| s.0).collect::<Vec<_>>(),
            [1, 0]
        );
    }

    #[test]
    fn a_missing_piece_matches_nothing_and_empty_queries_nothing() {
        let (manifest, _, counts) = index(JOURNAL);
        assert!(run(&Query::parse("모델"), &manifest, &counts, |_| None).is_empty());
        let (manifest, pieces, counts) = index(JOURNAL);
        assert!(run(&Query::parse("을 ..."), &manifest, &counts, |i| pieces
            .get(i))
        .is_empty());
    }

    #[test]
    fn a_query_fetches_only_the_pieces_its_terms_are_in() {
        let (manifest, pieces, _) = index(JOURNAL);
        let needed = pieces_needed(&Query::parse("mamba"), &manifest);
        assert_eq!(needed.len(), 1);
        assert!(pieces[&needed[0]].get("mamba").is_some());
        assert!(needed.len() < manifest.pieces.len());
    }

    #[test]
    fn snippets_mark_the_words_and_stay_text() {
        let s = snippet(
            "A <b>bold</b> claim about Transformers.",
            &Query::parse("transfo"),
            80,
        );
        assert_eq!(
            s,
            [
                Segment {
                    text: "A <b>bold</b> claim about ".into(),
                    mark: false
                },
                Segment {
                    text: "Transfo".into(),
                    mark: true
                },
                Segment {
                    text: "rmers.".into(),
                    mark: false
                },
            ]
        );
        let long = format!("{} 강화학습에서 {}", "가".repeat(200), "나".repeat(200));
        let s = snippet(&long, &Query::parse("강화학습"), 40);
        assert_eq!(s.first().unwrap().text, "…");
        assert!(s.iter().any(|g| g.mark && g.text == "강화학습"));
        assert!(s.iter().map(|g| g.text.chars().count()).sum::<usize>() <= 42);
    }
}
