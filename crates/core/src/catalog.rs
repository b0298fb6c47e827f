//! Finding reviewed papers: posts and papers filtered by tags and title
//! words, with facet counts, computed from the index in memory.
//!
//! Tags are compared case-insensitively (shown in lower case). A post has
//! its own tags and every tag of its entries; a paper has its entry's tags
//! and its post's tags. The same paper (one `crate::paper_id::identity`) reviewed twice is one
//! [`Paper`] with two [`Review`]s.

use crate::index::Index;
use crate::post::Post;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

/// `s` in lower case, as `str::to_lowercase` makes it (and faster for
/// ASCII): how the catalog compares tags and title words. Routes and tag
/// links use `to_lowercase` itself, which gives the same text: the reader
/// module, which has them, would grow by this ASCII path.
fn lower(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

/// How many facet tags a list shows before "N more tags".
pub const FACETS_SHOWN: usize = 24;

/// How selected tags combine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Match {
    /// Every selected tag (the default).
    #[default]
    All,
    /// At least one selected tag.
    Any,
}

/// What the reader is looking for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Selected tags, lower case, in the order chosen.
    pub tags: Vec<String>,
    /// How they combine.
    pub mode: Match,
    /// Words that must all appear in the title (any case, any script).
    pub text: String,
    /// Only papers reviewed more than once (the papers page's `again=1`).
    pub again: bool,
}

impl Filter {
    /// This filter with `tag` added (or removed if already selected).
    pub fn toggled(&self, tag: &str) -> Filter {
        let tag = lower(tag);
        let mut f = self.clone();
        match f.tags.iter().position(|t| *t == tag) {
            Some(i) => {
                f.tags.remove(i);
            }
            None => f.tags.push(tag),
        }
        f
    }
}

/// One review of a paper: where in which post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The post's path.
    pub post_path: String,
    /// The post's title.
    pub post_title: String,
    /// The post's date.
    pub date: String,
    /// The entry heading's id.
    pub anchor: String,
}

/// A reviewed paper, once per identity (its arXiv id, else its link, else its title).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paper {
    /// Title as first reviewed.
    pub title: String,
    /// Subtitle, if any review had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The paper's link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its tags and its posts' tags, lower case.
    pub tags: Vec<String>,
    /// Every review, newest first.
    pub reviews: Vec<Review>,
    /// The name of its page, `#/paper/<key>` (`crate::paper_id::key`).
    #[serde(default)]
    pub key: String,
}

/// A tag with how many posts and papers carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    /// The tag, lower case.
    pub tag: String,
    /// Posts with the tag (on the post or on any entry).
    pub posts: usize,
    /// Papers with the tag (on the entry or on its post).
    pub papers: usize,
}

/// The result of a filter: matching item positions and facet counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    /// Positions of matching items, in catalog order (newest first).
    pub items: Vec<usize>,
    /// For each tag not selected: how many items the filter would give with it added.
    /// Sorted by count, then name; tags that would give nothing are left out.
    pub facets: Vec<(String, usize)>,
    /// How many of the items match reviewed more than once: what the
    /// filter would give with [`Filter::again`] (0 for posts).
    pub again: usize,
}

struct Row {
    tags: Vec<u32>,
    text: String,
    /// How many reviews (a paper's; 0 for a post).
    reviews: u32,
}

/// Every post and paper of an index, ready to filter.
#[derive(Default)]
pub struct Catalog {
    tag_names: Vec<String>,
    tag_ids: HashMap<String, u32>,
    post_rows: Vec<Row>,
    paper_rows: Vec<Row>,
    papers: Vec<Paper>,
    /// Papers by their identity (`crate::paper_id::identity`).
    by_identity: HashMap<String, usize>,
}

impl Catalog {
    /// Builds the catalog (once per index).
    pub fn new(index: &Index) -> Catalog {
        let mut c = Catalog::default();
        for post in &index.posts {
            c.add_post(post);
        }
        c
    }

    /// Adds the next post (posts come newest first), so a large index can be
    /// taken in a few posts at a time without blocking the page.
    pub fn add_post(&mut self, post: &Post) {
        let post_tags: Vec<u32> = post.tags.iter().map(|t| self.intern(t)).collect();
        let each_entry: Vec<Vec<u32>> = post
            .entries
            .iter()
            .map(|e| e.tags.iter().map(|t| self.intern(t)).collect())
            .collect();
        let mut tags = post_tags.clone();
        // A post's authors filter the posts as its tags do (never the papers).
        let author_tags: Vec<u32> = post.authors.iter().map(|a| self.intern(&a.name)).collect();
        tags.extend(author_tags);
        let mut text = lower(&post.title);
        for (e, entry_tags) in post.entries.iter().zip(&each_entry) {
            tags.extend_from_slice(entry_tags);
            text.push('\n');
            text.push_str(&lower(&e.title));
            if let Some(s) = &e.subtitle {
                text.push('\n');
                text.push_str(&lower(s));
            }
        }
        self.post_rows.push(Row {
            tags: sorted(tags),
            text,
            reviews: 0,
        });
        for (e, entry_tags) in post.entries.iter().zip(each_entry) {
            let review = Review {
                post_path: post.path.clone(),
                post_title: post.title.clone(),
                date: post.date.clone(),
                anchor: e.anchor.clone(),
            };
            let entry_tags: Vec<u32> = entry_tags
                .into_iter()
                .chain(post_tags.iter().copied())
                .collect();
            // One card per paper: reviews that link it differently (its
            // arXiv abstract, its PDF, its Hugging Face page) are one paper.
            let id = crate::paper_id::identity(e.url.as_deref(), &e.title);
            let existing = self.by_identity.get(&id).copied();
            match existing {
                Some(i) => {
                    let p = &mut self.papers[i];
                    p.reviews.push(review);
                    if p.subtitle.is_none() {
                        p.subtitle = e.subtitle.clone();
                    }
                    let row = &mut self.paper_rows[i];
                    row.reviews += 1;
                    row.tags = sorted(row.tags.iter().copied().chain(entry_tags).collect());
                    p.tags = row
                        .tags
                        .iter()
                        .map(|t| self.tag_names[*t as usize].clone())
                        .collect();
                }
                None => {
                    self.by_identity.insert(id.clone(), self.papers.len());
                    let tags = sorted(entry_tags);
                    let mut text = lower(&e.title);
                    if let Some(s) = &e.subtitle {
                        text.push('\n');
                        text.push_str(&lower(s));
                    }
                    self.papers.push(Paper {
                        title: e.title.clone(),
                        subtitle: e.subtitle.clone(),
                        url: e.url.clone(),
                        tags: tags
                            .iter()
                            .map(|t| self.tag_names[*t as usize].clone())
                            .collect(),
                        reviews: vec![review],
                        key: crate::paper_id::key_of(&id, &e.title),
                    });
                    self.paper_rows.push(Row {
                        tags,
                        text,
                        reviews: 1,
                    });
                }
            }
        }
    }

    fn intern(&mut self, tag: &str) -> u32 {
        let tag = tag.trim();
        // Most tags are written in lower case already: looked up as they are.
        let tag = if tag.is_ascii() && !tag.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Borrowed(tag)
        } else {
            std::borrow::Cow::Owned(lower(tag))
        };
        if let Some(id) = self.tag_ids.get(tag.as_ref()) {
            return *id;
        }
        let id = self.tag_names.len() as u32;
        self.tag_names.push(tag.to_string());
        self.tag_ids.insert(tag.into_owned(), id);
        id
    }

    /// Every paper, in order of first review (newest first).
    pub fn papers(&self) -> &[Paper] {
        &self.papers
    }

    /// The paper whose page `key` names (`crate::paper_id::key`). A key
    /// made from a title still finds its paper when a later review retitled
    /// it: its hash, of the paper's identity, is the same.
    pub fn paper(&self, key: &str) -> Option<&Paper> {
        self.papers.iter().find(|p| p.key == key).or_else(|| {
            let hash = key.rsplit('-').next().filter(|h| h.len() == 8)?;
            self.papers
                .iter()
                .find(|p| p.key.len() > 8 && p.key.rsplit('-').next() == Some(hash))
        })
    }

    /// Posts matching `filter` (positions in the index's post list).
    pub fn filter_posts(&self, filter: &Filter) -> Results {
        self.run(&self.post_rows, filter, None)
    }

    /// Posts among `among` (positions in the index's post list: the posts a
    /// full-text search found) that match `filter`'s tags, with facets
    /// counted over them. The filter's text is the search's query, already
    /// applied, so it is not read as title words here.
    pub fn filter_posts_among(&self, filter: &Filter, among: &[usize]) -> Results {
        let mut among: Vec<usize> = among
            .iter()
            .copied()
            .filter(|i| *i < self.post_rows.len())
            .collect();
        among.sort_unstable();
        among.dedup();
        self.run(&self.post_rows, filter, Some(&among))
    }

    /// Papers matching `filter` (positions in [`Catalog::papers`]).
    pub fn filter_papers(&self, filter: &Filter) -> Results {
        self.run(&self.paper_rows, filter, None)
    }

    /// Every tag with its post and paper counts, by paper count, then post count, then name.
    pub fn tag_counts(&self) -> Vec<TagCount> {
        let mut posts = vec![0usize; self.tag_names.len()];
        let mut papers = vec![0usize; self.tag_names.len()];
        for r in &self.post_rows {
            for t in &r.tags {
                posts[*t as usize] += 1;
            }
        }
        for r in &self.paper_rows {
            for t in &r.tags {
                papers[*t as usize] += 1;
            }
        }
        let mut out: Vec<TagCount> = self
            .tag_names
            .iter()
            .enumerate()
            .map(|(i, t)| TagCount {
                tag: t.clone(),
                posts: posts[i],
                papers: papers[i],
            })
            .collect();
        out.sort_by(|a, b| {
            b.papers
                .cmp(&a.papers)
                .then(b.posts.cmp(&a.posts))
                .then(a.tag.cmp(&b.tag))
        });
        out
    }

    /// Items of `rows` (or of those at `only`, ascending) matching `filter`;
    /// the filter's text is read as title words only over all rows.
    fn run(&self, rows: &[Row], filter: &Filter, only: Option<&[usize]>) -> Results {
        let words: Vec<String> = match only {
            Some(_) => Vec::new(),
            None => filter.text.split_whitespace().map(lower).collect(),
        };
        // A selected tag no item has matches nothing (under "all") and adds nothing (under "any").
        let selected: Vec<Option<u32>> = filter
            .tags
            .iter()
            .map(|t| self.tag_ids.get(&lower(t)).copied())
            .collect();
        let text_ok = |r: &Row| words.iter().all(|w| r.text.contains(w.as_str()));
        let tags_ok = |r: &Row| {
            if selected.is_empty() {
                return true;
            }
            let has = |t: &Option<u32>| t.is_some_and(|t| r.tags.binary_search(&t).is_ok());
            match filter.mode {
                Match::All => selected.iter().all(has),
                Match::Any => selected.iter().any(has),
            }
        };
        let mut items = Vec::new();
        let mut again = 0;
        let mut with_tag = vec![0usize; self.tag_names.len()];
        let mut extra = vec![0usize; self.tag_names.len()];
        let positions: Box<dyn Iterator<Item = usize>> = match only {
            Some(only) => Box::new(only.iter().copied()),
            None => Box::new(0..rows.len()),
        };
        for i in positions {
            let r = &rows[i];
            if !text_ok(r) || filter.again && r.reviews < 2 {
                continue;
            }
            if tags_ok(r) {
                items.push(i);
                again += usize::from(r.reviews >= 2);
                for t in &r.tags {
                    with_tag[*t as usize] += 1;
                }
            } else if filter.mode == Match::Any {
                for t in &r.tags {
                    extra[*t as usize] += 1;
                }
            }
        }
        let is_selected = |t: usize| selected.contains(&Some(t as u32));
        let mut facets: Vec<(String, usize)> = (0..self.tag_names.len())
            .filter(|t| !is_selected(*t))
            .map(|t| {
                let count = match (filter.mode, selected.is_empty()) {
                    (Match::Any, false) => items.len() + extra[t],
                    _ => with_tag[t],
                };
                (self.tag_names[t].clone(), count)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        facets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Results {
            items,
            facets,
            again,
        }
    }
}

fn sorted(mut v: Vec<u32>) -> Vec<u32> {
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> Index {
        let posts = [
            ("papers/20251120.md", "# Nov 20\n\n## 1. [SAM 3](https://x.org/sam3) `meta`\n### Segment Anything with Concepts\n\n## 2. [Nemotron](https://x.org/nemo) `nvidia`\n"),
            ("papers/20251106.md", "---\ntags: [agents]\n---\n# Nov 6\n\n## 1. [Lumine](https://arxiv.org/abs/2511.08892) `bytedance`\n\n## 2. [모델 평가](https://x.org/ko) `Meta`\n"),
            ("papers/20251029.md", "# Oct 29\n\n## 1. [SAM 3 again](https://x.org/sam3/) `meta` `vision`\n\n## 2. No link `bytedance`\n\n## 3. [Its PDF](https://arxiv.org/pdf/2511.08892v2) `bytedance`\n"),
        ];
        Index::build(posts.iter().map(|(p, t)| Post::parse(p, t).post))
    }

    fn f(tags: &[&str], mode: Match, text: &str) -> Filter {
        Filter {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            mode,
            text: text.into(),
            again: false,
        }
    }

    #[test]
    fn the_same_paper_is_one_card_with_both_reviews() {
        let c = Catalog::new(&index());
        // Linked by its arXiv abstract and, months later, by its PDF: one paper.
        let lumine = c
            .papers()
            .iter()
            .find(|p| p.title == "Lumine")
            .expect("a card");
        let dates: Vec<&str> = lumine.reviews.iter().map(|r| r.date.as_str()).collect();
        assert_eq!(dates, ["2025-11-06", "2025-10-29"]);
        let titles: Vec<&str> = c.papers().iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            titles,
            ["SAM 3", "Nemotron", "Lumine", "모델 평가", "No link"]
        );
        let sam = &c.papers()[0];
        assert_eq!(
            sam.reviews
                .iter()
                .map(|r| r.date.as_str())
                .collect::<Vec<_>>(),
            ["2025-11-20", "2025-10-29"]
        );
        assert_eq!(sam.tags, ["meta", "vision"]);
        assert_eq!(
            sam.subtitle.as_deref(),
            Some("Segment Anything with Concepts")
        );
    }

    #[test]
    fn a_paper_page_finds_its_paper_by_key() {
        let c = Catalog::new(&index());
        let lumine = c.paper("2511.08892").expect("by its arXiv id");
        assert_eq!(lumine.reviews.len(), 2);
        let sam = &c.papers()[0];
        assert!(sam.key.starts_with("sam-3-"), "{}", sam.key);
        assert_eq!(lumine.key, "2511.08892");
        assert_eq!(c.paper(&sam.key).map(|p| &p.title), Some(&sam.title));
        // A later review retitled it: the old address still finds it by its hash.
        let hash = sam.key.rsplit('-').next().unwrap().to_string();
        assert_eq!(
            c.paper(&format!("segment-anything-{hash}"))
                .map(|p| &p.title),
            Some(&sam.title)
        );
        assert!(c.paper("2511.99999").is_none());
        assert!(c.paper("nothing-00000000").is_none());
    }

    #[test]
    fn papers_reviewed_more_than_once() {
        let c = Catalog::new(&index());
        let all = c.filter_papers(&Filter::default());
        assert_eq!(all.again, 2, "SAM 3 and Lumine");
        let again = Filter {
            again: true,
            ..Filter::default()
        };
        let r = c.filter_papers(&again);
        let titles: Vec<&str> = r
            .items
            .iter()
            .map(|i| c.papers()[*i].title.as_str())
            .collect();
        assert_eq!(titles, ["SAM 3", "Lumine"]);
        assert_eq!(r.again, 2);
        // Facets count within the papers reviewed again.
        assert!(
            r.facets.contains(&("bytedance".to_string(), 1)),
            "{:?}",
            r.facets
        );
        assert!(
            !r.facets.iter().any(|(t, _)| t == "nvidia"),
            "{:?}",
            r.facets
        );
        // With a tag: SAM 3 is `meta`, Lumine is not.
        let meta = c.filter_papers(&Filter {
            tags: vec!["meta".into()],
            ..Filter::default()
        });
        assert_eq!(meta.again, 1);
        assert_eq!(
            c.filter_posts(&Filter::default()).again,
            0,
            "posts are not reviewed"
        );
    }

    #[test]
    fn entries_without_links_are_one_paper_by_title() {
        let posts = [
            ("papers/b.md", "# B\n\n## 1. The Bitter Lesson: Revisited\n"),
            (
                "papers/a.md",
                "# A\n\n## 1. the bitter lesson — revisited\n",
            ),
        ];
        let c = Catalog::new(&Index::build(
            posts.iter().map(|(p, t)| Post::parse(p, t).post),
        ));
        assert_eq!(c.papers().len(), 1);
        assert_eq!(c.papers()[0].reviews.len(), 2);
    }

    #[test]
    fn all_tags_must_match_by_default_and_post_tags_count() {
        let c = Catalog::new(&index());
        assert_eq!(
            c.filter_posts(&f(&["meta"], Match::All, "")).items,
            [0, 1, 2]
        );
        assert_eq!(
            c.filter_posts(&f(&["meta", "bytedance"], Match::All, ""))
                .items,
            [1, 2]
        );
        // The post tag `agents` reaches every entry of its post.
        assert_eq!(
            c.filter_papers(&f(&["agents", "bytedance"], Match::All, ""))
                .items,
            [2]
        );
        assert_eq!(
            c.filter_papers(&f(&["agents", "meta"], Match::All, ""))
                .items,
            [3]
        );
        assert_eq!(
            c.filter_papers(&f(&["nope"], Match::All, "")).items,
            Vec::<usize>::new()
        );
    }

    #[test]
    fn search_hits_are_narrowed_by_tags_and_not_by_title_words() {
        let c = Catalog::new(&index());
        // A search found posts 2 and 0; the query's words are not title words.
        let r = c.filter_posts_among(&f(&["meta"], Match::All, "모델을 찾는다"), &[2, 0, 9]);
        assert_eq!(r.items, [0, 2]);
        assert!(
            r.facets.contains(&("bytedance".to_string(), 1)),
            "{:?}",
            r.facets
        );
        let r = c.filter_posts_among(&f(&["agents", "vision"], Match::Any, ""), &[2, 0]);
        assert_eq!(r.items, [2]);
        assert!(c
            .filter_posts_among(&f(&[], Match::All, ""), &[])
            .items
            .is_empty());
    }

    #[test]
    fn any_mode_unites() {
        let c = Catalog::new(&index());
        assert_eq!(
            c.filter_papers(&f(&["nvidia", "vision"], Match::Any, ""))
                .items,
            [0, 1]
        );
    }

    #[test]
    fn facets_count_what_adding_a_tag_would_give() {
        let c = Catalog::new(&index());
        let r = c.filter_papers(&f(&["meta"], Match::All, ""));
        assert_eq!(r.items, [0, 3]);
        assert_eq!(
            r.facets,
            [("agents".to_string(), 1), ("vision".to_string(), 1)]
        );
        let r = c.filter_papers(&f(&["nvidia"], Match::Any, ""));
        // Under "any", adding bytedance gives nvidia's 1 + bytedance's 2.
        assert!(
            r.facets.contains(&("bytedance".to_string(), 3)),
            "{:?}",
            r.facets
        );
        let none = c.filter_papers(&Filter::default());
        // Three tags give two papers each: by name.
        assert_eq!(
            &none.facets[..3],
            [
                ("agents".to_string(), 2),
                ("bytedance".to_string(), 2),
                ("meta".to_string(), 2)
            ]
        );
    }

    #[test]
    fn title_words_narrow_in_any_script_and_case() {
        let c = Catalog::new(&index());
        assert_eq!(c.filter_papers(&f(&[], Match::All, "sam")).items, [0]);
        assert_eq!(c.filter_papers(&f(&[], Match::All, "모델")).items, [3]);
        assert_eq!(
            c.filter_papers(&f(&[], Match::All, "segment concepts"))
                .items,
            [0]
        );
        assert_eq!(
            c.filter_posts(&f(&["meta"], Match::All, "lumine")).items,
            [1]
        );
    }

    #[test]
    fn tags_and_titles_compare_in_any_case_and_script() {
        let text = "# Day\n\n## 1. [ÉCOLE Études](https://x.org/e) `Ünïcode` `META`\n\n## 2. [Plain](https://x.org/p) `ünïcode` `meta`\n";
        let c = Catalog::new(&Index::build(
            [Post::parse("papers/20251201.md", text).post],
        ));
        let names: Vec<String> = c.tag_counts().into_iter().map(|t| t.tag).collect();
        assert_eq!(
            names,
            ["meta", "ünïcode"],
            "one tag per name, in lower case"
        );
        assert_eq!(
            c.filter_papers(&f(&["ÜNÏCODE"], Match::All, "")).items,
            [0, 1]
        );
        assert_eq!(c.filter_papers(&f(&[], Match::All, "école")).items, [0]);
        assert_eq!(c.filter_papers(&f(&[], Match::All, "ÉTUDES")).items, [0]);
    }

    #[test]
    fn tag_counts_are_sorted_by_count_then_name() {
        let c = Catalog::new(&index());
        let counts = c.tag_counts();
        assert_eq!(
            counts[0],
            TagCount {
                tag: "meta".into(),
                posts: 3,
                papers: 2
            }
        );
        assert_eq!(
            counts[1],
            TagCount {
                tag: "bytedance".into(),
                posts: 2,
                papers: 2
            }
        );
        let names: Vec<&str> = counts.iter().map(|t| t.tag.as_str()).collect();
        // Papers first, then posts, then name.
        assert_eq!(names, ["meta", "bytedance", "agents", "nvidia", "vision"]);
    }
}
