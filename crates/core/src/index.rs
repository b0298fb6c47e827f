//! `content/index.json`: every post's metadata, newest first, for listing and
//! filtering without fetching the posts.
//!
//! The format is stable (documented in the README):
//! `{"version": 1, "posts": [Post, …]}` where each post is a [`Post`].

use crate::post::Post;
use serde::{Deserialize, Serialize};

/// The index format version this build reads and writes.
pub const INDEX_VERSION: u32 = 1;

/// The whole index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    /// Format version; [`INDEX_VERSION`].
    pub version: u32,
    /// Posts, newest first, drafts left out.
    pub posts: Vec<Post>,
}

impl Index {
    /// Builds the index from parsed posts: drafts dropped, newest first
    /// (then by path, so the order is stable).
    pub fn build(posts: impl IntoIterator<Item = Post>) -> Index {
        let mut posts: Vec<Post> = posts.into_iter().filter(|p| !p.draft).collect();
        posts.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.path.cmp(&a.path)));
        Index {
            version: INDEX_VERSION,
            posts,
        }
    }

    /// The posts before (older) and after (newer) the one at `path`.
    pub fn neighbours(&self, path: &str) -> (Option<&Post>, Option<&Post>) {
        let Some(i) = self.posts.iter().position(|p| p.path == path) else {
            return (None, None);
        };
        (
            self.posts.get(i + 1),
            i.checked_sub(1).and_then(|j| self.posts.get(j)),
        )
    }
}
