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
/// Where `papershelf index` writes the site's context (its paper folders,
/// `authors.yml`, `tags.yml`: `crate::context`) beside the index, for an
/// embedded viewer, whose page is not the site's.
pub const CONTEXT_FILE: &str = "_papershelf/site.json";

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

pub use crate::sidebar::Sidebar;

/// Undated posts (docs) as a Docusaurus sidebar orders them: level by level
/// down their paths, a folder by its `_category_.json` position and a doc by
/// its `sidebar_position` (those with one first, in its order), then by name
/// (numbered folders and files in their numbers' order); a folder's
/// `index.md` or `README.md` leads its folder.
fn docs_order(
    a: &Post,
    b: &Post,
    folders: &std::collections::BTreeMap<String, f64>,
) -> std::cmp::Ordering {
    // Each level of the path: (no position?, position, is not an index?, name).
    let chain = |p: &Post| {
        let mut at = String::new();
        let mut out = Vec::new();
        let parts: Vec<&str> = p.path.split('/').collect();
        for (k, part) in parts.iter().enumerate() {
            if !at.is_empty() {
                at.push('/');
            }
            at.push_str(part);
            let is_file = k + 1 == parts.len();
            let pos = if is_file {
                p.position.as_deref().and_then(|n| n.parse::<f64>().ok())
            } else {
                folders.get(&at).copied()
            };
            let stem = crate::paths::post_stem(part).to_ascii_lowercase();
            let is_index = is_file && (stem == "index" || stem == "readme");
            out.push((
                !is_index,
                pos.is_none(),
                pos.unwrap_or(0.0),
                part.to_string(),
            ));
        }
        out
    };
    let (ca, cb) = (chain(a), chain(b));
    ca.iter()
        .zip(cb.iter())
        .map(|(x, y)| {
            x.0.cmp(&y.0)
                .then(x.1.cmp(&y.1))
                .then(x.2.total_cmp(&y.2))
                .then_with(|| x.3.cmp(&y.3))
        })
        .find(|o| o.is_ne())
        .unwrap_or_else(|| ca.len().cmp(&cb.len()))
}

impl Index {
    /// Builds the index from parsed posts: drafts and unlisted posts dropped, newest first
    /// (then by path, so the order is stable).
    pub fn build(posts: impl IntoIterator<Item = Post>) -> Index {
        Index::build_in(posts, &Sidebar::default())
    }

    /// [`Index::build`], the docs' folders in the order their
    /// `_category_.json` positions give (`folders`: a folder's path and its
    /// position; folders without one after those with one, by name).
    pub fn build_in(posts: impl IntoIterator<Item = Post>, sidebar: &Sidebar) -> Index {
        // A doc `sidebars.js` lists comes in its place there, before the
        // others; it is found by its path, an alias or either without numbers.
        let ranks: std::collections::HashMap<&str, usize> = sidebar
            .docs
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let rank = |p: &Post| {
            let stem = post_stem(&p.path);
            std::iter::once(stem.to_string())
                .chain(p.aliases.iter().cloned())
                .chain(std::iter::once(crate::address::key(stem)))
                .filter_map(|id| ranks.get(id.as_str()).copied())
                .min()
        };
        let folders = &sidebar.folders;
        let mut posts: Vec<Post> = posts
            .into_iter()
            .filter(|p| !p.draft && !p.unlisted)
            .collect();
        posts.sort_by(|a, b| match (a.date.is_empty(), b.date.is_empty()) {
            (false, false) => b.date.cmp(&a.date).then_with(|| b.path.cmp(&a.path)),
            (false, true) => std::cmp::Ordering::Less,
            (true, false) => std::cmp::Ordering::Greater,
            (true, true) => match (rank(a), rank(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => docs_order(a, b, folders),
            },
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
        // `_category_.json` positions order the folders.
        let mut sidebar = Sidebar {
            folders: [("zeta".to_string(), 1.0), ("alpha".to_string(), 2.0)].into(),
            docs: Vec::new(),
        };
        let docs = || {
            [
                doc("alpha/a.md", None),
                doc("zeta/z.md", None),
                doc("beta/b.md", None),
                doc("01-x/02-y.md", None),
            ]
        };
        let index = Index::build_in(docs(), &sidebar);
        let order: Vec<&str> = index.posts.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            order,
            ["zeta/z.md", "alpha/a.md", "01-x/02-y.md", "beta/b.md"]
        );
        // A `sidebars.js` list comes first, in its order (ids without numbers too).
        sidebar.docs = vec!["beta/b".into(), "x/y".into()];
        let index = Index::build_in(docs(), &sidebar);
        let order: Vec<&str> = index.posts.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            order,
            ["beta/b.md", "01-x/02-y.md", "zeta/z.md", "alpha/a.md"]
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
