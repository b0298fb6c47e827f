//! `content/index.json`: every post's metadata, newest first, for listing and
//! filtering without fetching the posts.
//!
//! The format is stable (documented in the README):
//! `{"version": 1, "posts": [Post, …]}` where each post is a [`Post`].

use crate::post::{post_stem, Post};
use serde::{Deserialize, Serialize};

pub use crate::paths::GENERATED_DIR;

/// The home and papers pages' first screens ([`Front`]), in [`GENERATED_DIR`].
pub const FRONT_FILE: &str = "_papershelf/front.json";

/// What "Save for offline" fetches per post, in [`GENERATED_DIR`].
pub const OFFLINE_FILE: &str = "_papershelf/offline.json";
/// The site's messages (its language's table with its own texts), beside
/// the index: what an embedded viewer reads (`crate::messages`).
pub const MESSAGES_FILE: &str = "_papershelf/messages.json";

/// The search index's folder (its `manifest.json` and pieces), in [`GENERATED_DIR`].
pub const SEARCH_DIR: &str = "_papershelf/search/";

/// The posts drawn ahead (`<post without extension>.json`), in [`GENERATED_DIR`].
pub const DRAWN_DIR: &str = "_papershelf/drawn/";

/// The list of every file `papershelf index` wrote (relative to the folder
/// of `index.json`): it replaces and removes those, and never another.
pub const WRITTEN_FILE: &str = "_papershelf/written.json";

/// The index format version this build reads and writes.
pub const INDEX_VERSION: u32 = 1;

/// The whole index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    /// Format version; [`INDEX_VERSION`].
    pub version: u32,
    /// Posts, newest first, drafts and unlisted posts left out.
    pub posts: Vec<Post>,
}

/// Undated posts (docs) as a Docusaurus sidebar orders them: by folder
/// (numbered folders in their numbers' order), then by `sidebar_position`
/// (docs with one first), then by path.
fn docs_order(a: &Post, b: &Post) -> std::cmp::Ordering {
    let position = |p: &Post| p.position.as_deref().and_then(|n| n.parse::<f64>().ok());
    let folder = |p: &Post| p.path.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    folder(a)
        .cmp(&folder(b))
        .then_with(|| match (position(a), position(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        })
        .then_with(|| a.path.cmp(&b.path))
}

impl Index {
    /// Builds the index from parsed posts: drafts and unlisted posts dropped, newest first
    /// (then by path, so the order is stable).
    pub fn build(posts: impl IntoIterator<Item = Post>) -> Index {
        let mut posts: Vec<Post> = posts
            .into_iter()
            .filter(|p| !p.draft && !p.unlisted)
            .collect();
        posts.sort_by(|a, b| match (a.date.is_empty(), b.date.is_empty()) {
            (false, false) => b.date.cmp(&a.date).then_with(|| b.path.cmp(&a.path)),
            (false, true) => std::cmp::Ordering::Less,
            (true, false) => std::cmp::Ordering::Greater,
            (true, true) => docs_order(a, b),
        });
        Index {
            version: INDEX_VERSION,
            posts,
        }
    }

    /// The indexed post a route's path names, whatever its file's extension:
    /// `a/b.md` finds `a/b.mdx` (routes and Docusaurus links drop it), and
    /// an address Docusaurus gives it (`blog/2021/08/26/welcome.md`, see
    /// [`crate::address`]) finds it too, its own path first.
    pub fn find(&self, path: &str) -> Option<&Post> {
        let stem = post_stem(path);
        let key = crate::address::key(stem);
        self.posts
            .iter()
            .find(|p| post_stem(&p.path) == stem)
            .or_else(|| {
                self.posts
                    .iter()
                    .find(|p| p.aliases.iter().any(|a| a == stem))
            })
            .or_else(|| self.posts.iter().find(|p| p.aliases.contains(&key)))
    }

    /// The posts before (older) and after (newer) the one at `path`
    /// (with either extension, as [`Index::find`]).
    pub fn neighbours(&self, path: &str) -> (Option<&Post>, Option<&Post>) {
        let stem = post_stem(path);
        let Some(i) = self.posts.iter().position(|p| post_stem(&p.path) == stem) else {
            return (None, None);
        };
        (
            self.posts.get(i + 1),
            i.checked_sub(1).and_then(|j| self.posts.get(j)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::post::test_post as post;

    #[test]
    fn an_unlisted_post_is_in_no_list() {
        let text = "---\nunlisted: true\n---\n# Hidden\n";
        let post = crate::post::Post::parse("blog/a.md", text).post;
        assert!(post.unlisted);
        assert!(Index::build([post]).posts.is_empty());
    }

    #[test]
    fn docs_come_after_dated_posts_in_sidebar_order() {
        let doc = |path: &str, position: Option<&str>| Post {
            path: path.into(),
            title: path.into(),
            position: position.map(str::to_string),
            ..Post::default()
        };
        let dated = Post {
            path: "blog/a.md".into(),
            title: "a".into(),
            date: "2024-01-01".into(),
            ..Post::default()
        };
        let index = Index::build([
            doc("guides/b.md", None),
            doc("guides/z.md", Some("1")),
            dated,
            doc("intro.md", Some("2")),
            doc("guides/a.md", Some("2.5")),
        ]);
        let order: Vec<&str> = index.posts.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            order,
            [
                "blog/a.md",
                "intro.md",
                "guides/z.md",
                "guides/a.md",
                "guides/b.md"
            ]
        );
    }

    #[test]
    fn a_route_finds_an_mdx_post() {
        let index = Index::build([
            post("docs/intro.mdx", "2025-11-03"),
            post("papers/a.md", "2025-11-02"),
            post("papers/b.mdx", "2025-11-01"),
        ]);
        assert_eq!(index.find("docs/intro.md").unwrap().path, "docs/intro.mdx");
        assert_eq!(index.find("docs/intro.mdx").unwrap().path, "docs/intro.mdx");
        assert_eq!(index.find("papers/a.md").unwrap().path, "papers/a.md");
        assert!(index.find("papers/c.md").is_none());
        let (older, newer) = index.neighbours("papers/a.md");
        assert_eq!(older.unwrap().path, "papers/b.mdx");
        assert_eq!(newer.unwrap().path, "docs/intro.mdx");
    }
}
