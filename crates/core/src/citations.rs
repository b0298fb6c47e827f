//! Who cites what: every link from one post to another (or to an entry of
//! it), with the sentence it stands in, found in the tree the renderer
//! made, so a citation is exactly a link the reader can follow. `papershelf
//! index` gathers them for the whole site ([`cited_by`]) and writes each
//! cited post's list beside the index ([`crate::paths::cited_path`]); the
//! browser only reads that file.
//!
//! ```
//! use papershelf_core::citations::citations_in;
//! use papershelf_core::post::Post;
//! let post = Post::parse("papers/b.md", "# B\n\nAs [the earlier review](./a.md#1-x) showed, it scales. Next.\n");
//! let (to, c) = &citations_in(&post)[0];
//! assert_eq!(to, "papers/a.md");
//! assert_eq!((c.before.as_str(), c.text.as_str(), c.after.as_str()), ("As ", "the earlier review", " showed, it scales."));
//! assert_eq!(c.anchor.as_deref(), Some("1-x"));
//! ```

use crate::doc::{Node, Target};
use crate::paths::post_stem;
use crate::post::{ParsedPost, Post};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The version of the cited-by files' shape.
pub const CITED_VERSION: u32 = 1;

/// How many characters of the sentence a citation keeps on each side of its link.
const CONTEXT_CHARS: usize = 120;

/// One place a post cites another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// The citing post's path.
    pub from: String,
    /// The citing post's title.
    pub title: String,
    /// The citing post's date (empty for a doc).
    #[serde(default)]
    pub date: String,
    /// The id of the heading the link stands under in the citing post
    /// (its entry), if any: where "read it in context" leads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// The cited heading (an entry's anchor); `None` when the link names
    /// the whole post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// The sentence before the link.
    pub before: String,
    /// The link's text.
    pub text: String,
    /// The sentence after the link.
    pub after: String,
}

/// A cited post's file: who cites it, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cited {
    /// [`CITED_VERSION`].
    pub version: u32,
    /// Every citation of the post, newest first.
    pub citations: Vec<Citation>,
}

/// Elements whose text is read as one run of sentences.
const BLOCKS: &[&str] = &[
    "p",
    "li",
    "td",
    "th",
    "dd",
    "dt",
    "figcaption",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "summary",
    "blockquote",
    "div",
    "section",
    "ol",
    "ul",
    "table",
    "thead",
    "tbody",
    "tr",
    "details",
    "aside",
];

/// A block's own text (not its inner blocks') and its links to posts: each
/// link's character range in the text and its target.
#[derive(Default)]
struct Run<'a> {
    text: String,
    links: Vec<(usize, usize, &'a str, Option<&'a str>)>,
}

impl<'a> Run<'a> {
    /// Adds `node`'s inline text; inner blocks go to `inner`, read on their own.
    fn add(&mut self, node: &'a Node, inner: &mut Vec<&'a Node>) {
        match node {
            Node::Text(t) => self.text.push_str(t),
            Node::Element(e) if BLOCKS.contains(&e.tag()) => {
                inner.push(node);
                self.text.push(' ');
            }
            Node::Element(e) => match e.target() {
                Some(Target::Post { path, anchor }) if e.tag() == "a" => {
                    let start = self.text.chars().count();
                    self.text.push_str(&e.plain_text());
                    let end = self.text.chars().count();
                    self.links
                        .push((start, end, path.as_str(), anchor.as_deref()));
                }
                _ => {
                    for child in &e.children {
                        self.add(child, inner);
                    }
                }
            },
        }
    }
}

/// Where the sentence holding chars `start..end` of `chars` begins and ends:
/// after the last `.`, `!`, `?` or `。` followed by a space before it (or a
/// new line), up to the first after it, each side at most [`CONTEXT_CHARS`].
fn sentence(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let ends_sentence = |i: usize| {
        matches!(chars[i], '.' | '!' | '?' | '。' | '\n')
            && chars.get(i + 1).is_none_or(|c| c.is_whitespace())
    };
    let mut from = start;
    while from > 0 && start - from < CONTEXT_CHARS && !ends_sentence(from - 1) {
        from -= 1;
    }
    let mut to = end;
    while to < chars.len() && to - end < CONTEXT_CHARS {
        to += 1;
        if ends_sentence(to - 1) {
            break;
        }
    }
    (from, to)
}

/// Whitespace runs as single spaces.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Every link in `parsed` to a post other than itself, as written (the
/// target's path, which may be an address rather than a file) with its
/// citation, in document order.
pub fn citations_in(parsed: &ParsedPost) -> Vec<(String, Citation)> {
    let post = &parsed.post;
    let mut out = Vec::new();
    let mut at: Option<String> = None;
    for node in parsed.doc().after_title() {
        if let Node::Element(e) = node {
            if e.tag() == "h2" {
                at = e.attr("id").map(str::to_string);
            }
        }
        // Blocks are read one at a time, inner blocks after their parent's own text.
        let mut pending: Vec<&Node> = vec![node];
        let mut inner: Vec<&Node> = Vec::new();
        while let Some(n) = pending.pop() {
            let mut run = Run::default();
            match n {
                Node::Element(e) if BLOCKS.contains(&e.tag()) => {
                    for child in &e.children {
                        run.add(child, &mut inner);
                    }
                }
                other => run.add(other, &mut inner),
            }
            let chars: Vec<char> = run.text.chars().collect();
            for (start, end, to, anchor) in run.links {
                if post_stem(to) == post_stem(&post.path) {
                    continue;
                }
                let (from, upto) = sentence(&chars, start, end);
                let text = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
                let before = squeeze(&text(from, start));
                let after = squeeze(&text(end, upto));
                out.push((
                    to.to_string(),
                    Citation {
                        from: post.path.clone(),
                        title: post.title.clone(),
                        date: post.date.clone(),
                        at: at.clone(),
                        anchor: anchor.map(str::to_string),
                        // A space kept where the link had one beside it.
                        before: if text(from, start).ends_with(char::is_whitespace) {
                            format!("{before} ")
                        } else {
                            before
                        },
                        text: squeeze(&text(start, end)),
                        after: if text(end, upto).starts_with(char::is_whitespace) {
                            format!(" {after}")
                        } else {
                            after
                        },
                    },
                ));
            }
            // Inner blocks in document order (the stack pops the last first).
            pending.extend(inner.drain(..).rev());
        }
    }
    out
}

/// Who cites each post of `index_posts`, from the citing `parsed` posts:
/// each cited post's path with its citations, newest first (then by the
/// citing post's path). A link by any address of a post (its file with or
/// without extension, a Docusaurus alias) counts; a link to no post, a
/// post citing itself, and citations from posts not in `index_posts`
/// (drafts, unlisted) do not.
pub fn cited_by<'a>(
    index_posts: &[Post],
    parsed: impl IntoIterator<Item = &'a ParsedPost>,
) -> BTreeMap<String, Vec<Citation>> {
    let mut names: HashMap<String, &str> = HashMap::new();
    for p in index_posts {
        let stem = post_stem(&p.path);
        names.insert(stem.to_string(), &p.path);
        names.entry(crate::address::key(stem)).or_insert(&p.path);
        for alias in &p.aliases {
            names.entry(alias.clone()).or_insert(&p.path);
        }
    }
    let listed: std::collections::HashSet<&str> =
        index_posts.iter().map(|p| p.path.as_str()).collect();
    let mut out: BTreeMap<String, Vec<Citation>> = BTreeMap::new();
    for post in parsed {
        if !listed.contains(post.post.path.as_str()) {
            continue;
        }
        for (to, citation) in citations_in(post) {
            let stem = post_stem(&to);
            let found = names
                .get(stem)
                .or_else(|| names.get(&crate::address::key(stem)));
            if let Some(path) = found.filter(|p| **p != post.post.path) {
                out.entry(path.to_string()).or_default().push(citation);
            }
        }
    }
    for list in out.values_mut() {
        list.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.from.cmp(&b.from)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Vec<(String, Citation)> {
        citations_in(&Post::parse("papers/y2025/nov/20251124.md", text))
    }

    fn sentence_of(c: &Citation) -> String {
        format!("{}[{}]{}", c.before, c.text, c.after)
    }

    #[test]
    fn the_sentence_around_a_link_in_a_paragraph() {
        let found = one(
            "# Day\n\n## 1. [Depth](https://arxiv.org/abs/2511.10647)\n\n\
             하나의 transformer로 depth를 추정. 이전 글의 [공간 튜닝 논문](./20251106.md#0-visual-spatial-tuning)과 같은 흐름. 다음 문장.\n",
        );
        assert_eq!(found.len(), 1);
        let (to, c) = &found[0];
        assert_eq!(to, "papers/y2025/nov/20251106.md");
        assert_eq!(sentence_of(c), "이전 글의 [공간 튜닝 논문]과 같은 흐름.");
        assert_eq!(c.anchor.as_deref(), Some("0-visual-spatial-tuning"));
        assert_eq!(
            c.at.as_deref(),
            Some("1-depth"),
            "the entry it stands under"
        );
        assert_eq!(c.date, "2025-11-24");
    }

    #[test]
    fn a_link_in_a_list_a_table_and_a_footnote() {
        let found = one(
            "# Day\n\n- first item\n- see [the list one](./a.md) here\n\n\
             | model | note |\n|---|---|\n| X | as in [the table one](./b.md#2-y) |\n\n\
             A claim.[^1]\n\n[^1]: From [the footnote one](./c.md), long ago.\n",
        );
        let got: Vec<(String, String)> = found
            .iter()
            .map(|(to, c)| (to.clone(), sentence_of(c)))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "papers/y2025/nov/a.md".to_string(),
                    "see [the list one] here".to_string()
                ),
                (
                    "papers/y2025/nov/b.md".to_string(),
                    "as in [the table one]".to_string()
                ),
                (
                    "papers/y2025/nov/c.md".to_string(),
                    "From [the footnote one], long ago.".to_string()
                ),
            ]
        );
        assert_eq!(found[1].1.anchor.as_deref(), Some("2-y"));
    }

    #[test]
    fn a_long_paragraph_is_cut_to_the_sentence_and_within_bounds() {
        let long = "word ".repeat(100);
        let found = one(&format!(
            "# Day\n\nFirst sentence ends here. {long}then [it](./a.md) and {long}. After.\n"
        ));
        let c = &found[0].1;
        assert!(
            c.before.chars().count() <= CONTEXT_CHARS + 1,
            "{}",
            c.before
        );
        assert!(c.after.chars().count() <= CONTEXT_CHARS + 1, "{}", c.after);
        assert!(!c.before.contains("First sentence"));
    }

    #[test]
    fn external_links_and_links_to_itself_are_no_citations() {
        let found = one(
            "# Day\n\nSee [arXiv](https://arxiv.org/abs/1) and [above](#1-x) and [me](./20251124.md#x).\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_site_s_cited_by_is_newest_first_by_any_address() {
        let a = Post::parse(
            "papers/a.md",
            "---\ndate: 2025-01-01\n---\n# A\n\n## 1. X\n",
        );
        let b = Post::parse(
            "papers/b.md",
            "---\ndate: 2025-02-01\n---\n# B\n\nAs in [A](./a.md#1-x).\n",
        );
        let c = Post::parse(
            "papers/c.md",
            "---\ndate: 2025-03-01\n---\n# C\n\n[A again](./a) and [nothing](./zzz.md).\n",
        );
        let hidden = Post::parse(
            "papers/d.md",
            "---\ndate: 2025-04-01\nunlisted: true\n---\n# D\n\n[A](./a.md).\n",
        );
        let listed: Vec<Post> = [&a, &b, &c].iter().map(|p| p.post.clone()).collect();
        let cited = cited_by(&listed, [&a, &b, &c, &hidden]);
        assert_eq!(cited.keys().collect::<Vec<_>>(), ["papers/a.md"]);
        let from: Vec<&str> = cited["papers/a.md"]
            .iter()
            .map(|c| c.from.as_str())
            .collect();
        assert_eq!(
            from,
            ["papers/c.md", "papers/b.md"],
            "newest first; not the unlisted one"
        );
    }
}
