//! The home and papers pages' first screens ([`Front`], written to
//! [`FRONT_FILE`] by `papershelf index`): a few kilobytes, drawn before the
//! whole index has arrived. Above the index and the catalog it is made from.

use crate::catalog::{Catalog, Filter, Paper};
use crate::index::{Index, INDEX_VERSION};
use crate::post::Post;
use serde::{Deserialize, Serialize};

pub use crate::index::FRONT_FILE;

/// Posts on the home page's first screen, and per "Show more".
pub const FRONT_POSTS: usize = 30;

/// Paper cards on the papers page's first screen, and per "Show more".
pub const FRONT_PAPERS: usize = 40;

/// `content/_papershelf/front.json` ([`FRONT_FILE`]): what the home page shows first, with no
/// filter: the newest [`FRONT_POSTS`] posts, how many there are in all, and
/// the tag facets over all of them; and the same for the papers page
/// ([`PapersFront`]). A few kilobytes whatever the size of the journal, so
/// the first screen of either list never waits for the whole index (the
/// first view draws it; the app then loads `index.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Front {
    /// Format version; [`INDEX_VERSION`].
    pub version: u32,
    /// How many posts the index holds.
    pub total: usize,
    /// Each tag and how many posts carry it, as the home page's filter
    /// lists them ([`Catalog::filter_posts`] with no filter).
    pub facets: Vec<(String, usize)>,
    /// The newest posts, as in the index.
    pub posts: Vec<Post>,
    /// The papers page's first screen (none in a front written before it
    /// had one: the app then draws the page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub papers: Option<PapersFront>,
}

/// The papers page's first screen with no filter, in [`FRONT_FILE`]:
/// the first [`FRONT_PAPERS`] cards with every review of each (a paper
/// reviewed again in an older post has that review too), how many papers
/// there are, and the tag facets over all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PapersFront {
    /// How many papers the catalog holds.
    pub total: usize,
    /// Each tag and how many papers carry it ([`Catalog::filter_papers`]
    /// with no filter).
    pub facets: Vec<(String, usize)>,
    /// The first cards, in the papers page's order.
    pub cards: Vec<Paper>,
    /// How many papers were reviewed more than once.
    #[serde(default)]
    pub again: usize,
}

impl Front {
    /// The front of `index`, whose catalog is `catalog`.
    pub fn of(index: &Index, catalog: &Catalog) -> Front {
        let all = catalog.filter_posts(&Filter::default());
        Front {
            version: INDEX_VERSION,
            total: all.items.len(),
            facets: all.facets,
            posts: all
                .items
                .iter()
                .take(FRONT_POSTS)
                .filter_map(|&i| index.posts.get(i).cloned())
                .collect(),
            papers: Some(PapersFront::of(catalog)),
        }
    }
}

impl PapersFront {
    /// The papers page's first screen in `catalog`.
    pub fn of(catalog: &Catalog) -> PapersFront {
        let all = catalog.filter_papers(&Filter::default());
        PapersFront {
            again: all.again,
            total: all.items.len(),
            facets: all.facets,
            cards: all
                .items
                .iter()
                .take(FRONT_PAPERS)
                .filter_map(|&i| catalog.papers().get(i).cloned())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::post::test_post as post;

    #[test]
    fn the_front_holds_the_newest_posts_and_every_facet() {
        let mut posts: Vec<Post> = (0..40)
            .map(|i| Post {
                tags: vec![if i % 2 == 0 { "Even" } else { "odd" }.into()],
                ..post(
                    &format!("p/{i:02}.md"),
                    &format!("2025-01-{:02}", i % 28 + 1),
                )
            })
            .collect();
        posts[3].draft = true;
        let index = Index::build(posts);
        let front = Front::of(&index, &Catalog::new(&index));
        assert_eq!(front.total, 39, "drafts are not counted");
        assert_eq!(front.posts.len(), FRONT_POSTS);
        assert_eq!(
            front.posts[..],
            index.posts[..FRONT_POSTS],
            "newest first, as the index"
        );
        assert_eq!(
            front.facets,
            vec![("even".to_string(), 20), ("odd".to_string(), 19)]
        );
    }

    fn entry(title: &str, url: &str, tags: &[&str]) -> crate::post::PaperEntry {
        crate::post::PaperEntry {
            number: None,
            title: title.into(),
            subtitle: None,
            url: Some(url.into()),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            anchor: title.to_lowercase(),
        }
    }

    #[test]
    fn the_front_holds_the_first_paper_cards_with_every_review() {
        // 50 papers, one per post; the newest post reviews the oldest paper again.
        let mut posts: Vec<Post> = (0..50)
            .map(|i| Post {
                entries: vec![entry(
                    &format!("Paper {i}"),
                    &format!("https://example.org/{i}"),
                    &[if i % 5 == 0 { "Meta" } else { "other" }],
                )],
                ..post(
                    &format!("p/{i:02}.md"),
                    &format!("2025-03-{:02}", i % 28 + 1),
                )
            })
            .collect();
        posts.push(Post {
            entries: vec![entry("Paper 0, again", "https://example.org/0", &[])],
            ..post("p/zz.md", "2025-04-01")
        });
        let index = Index::build(posts);
        let catalog = Catalog::new(&index);
        let papers = Front::of(&index, &catalog).papers.expect("a papers front");
        let all = catalog.filter_papers(&Filter::default());
        assert_eq!(papers.total, 50, "one card per URL");
        assert_eq!(papers.facets, all.facets, "facets over every paper");
        assert_eq!(papers.cards.len(), FRONT_PAPERS);
        let expected: Vec<&Paper> = all.items[..FRONT_PAPERS]
            .iter()
            .map(|&i| &catalog.papers()[i])
            .collect();
        assert_eq!(
            papers.cards.iter().collect::<Vec<_>>(),
            expected,
            "the papers page's order"
        );
        let again = papers
            .cards
            .iter()
            .find(|c| c.url.as_deref() == Some("https://example.org/0"))
            .expect("the paper reviewed again is on the first screen");
        assert_eq!(again.reviews.len(), 2, "with its older review too");
        // What the browser reads back is what was written.
        let json = serde_json::to_string(&papers).unwrap();
        assert_eq!(serde_json::from_str::<PapersFront>(&json).unwrap(), papers);
    }

    #[test]
    fn a_small_journal_is_all_front() {
        let index = Index::build([post("a.md", "2025-01-02"), post("b.md", "2025-01-01")]);
        let front = Front::of(&index, &Catalog::new(&index));
        assert_eq!((front.total, front.posts.len()), (2, 2));
        assert!(front.facets.is_empty());
    }
}
