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

    /// The index as `papershelf index` writes it: one JSON document with the
    /// header on the first line and one post per line, so a viewer can read
    /// it a few posts at a time ([`IndexText`]) and never block the page.
    #[cfg(feature = "json")]
    pub fn to_json_lines(&self) -> Result<String, serde_json::Error> {
        let mut out = format!("{{\"version\":{},\"posts\":[\n", self.version);
        for (i, post) in self.posts.iter().enumerate() {
            out += &serde_json::to_string(post)?;
            out += if i + 1 < self.posts.len() {
                ",\n"
            } else {
                "\n"
            };
        }
        out += "]}\n";
        Ok(out)
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

/// Why an `index.json` cannot be read, for [`IndexError::describe`].
#[cfg(feature = "json")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexError {
    /// Not JSON; `line` (1-based) when the index has one post per line.
    NotJson {
        /// The file line that is not JSON, if known.
        line: Option<usize>,
    },
    /// No `version` number or no `posts` list.
    MissingFields,
    /// Another format version than [`INDEX_VERSION`].
    Version(u32),
    /// Post `number` (1-based) is JSON but not a post.
    Post {
        /// 1-based position in `posts`.
        number: usize,
        /// What serde said was wrong.
        why: String,
    },
}

#[cfg(feature = "json")]
impl IndexError {
    /// The message a reader sees, naming the file at `url` and what to do.
    pub fn describe(&self, url: &str) -> String {
        const FIX: &str = "regenerate it with `papershelf index content`.";
        match self {
            IndexError::NotJson { line: None } => format!("{url} is not valid JSON: {FIX}"),
            IndexError::NotJson { line: Some(n) } => {
                format!("{url}, line {n}, is not valid JSON: {FIX}")
            }
            IndexError::MissingFields => {
                format!("{url} does not have the expected fields (`version` and `posts`): {FIX}")
            }
            IndexError::Version(v) => {
                format!("{url} has format version {v}, this viewer reads version {INDEX_VERSION}.")
            }
            IndexError::Post { number, why } => {
                format!("{url}: post {number} does not have the expected fields ({why}): {FIX}")
            }
        }
    }
}

/// An `index.json` whose posts are read one at a time, so a viewer can take
/// a large index in a few posts at a time (see [`IndexText::post`]).
///
/// The layout `papershelf index` writes, the header on the first line and one
/// post per line, is only split into lines here. An index written any other
/// way (on one line, by another tool) is checked whole, and its posts found;
/// either way each post is read when asked for.
///
/// ```
/// use papershelf_core::index::{IndexError, IndexText};
/// let text = b"{\"version\":1,\"posts\":[\n{\"path\":\"a.md\",\"title\":\"A\",\"date\":\"\",\"entries\":[]},\n{\"path\": oops\n]}\n";
/// let index = IndexText::parse(text.to_vec()).unwrap();
/// assert_eq!(index.len(), 2);
/// assert_eq!(index.post(0).unwrap().title, "A");
/// assert_eq!(index.post(1), Err(IndexError::NotJson { line: Some(3) }));
/// ```
#[cfg(feature = "json")]
#[derive(Debug)]
pub struct IndexText {
    text: Vec<u8>,
    /// Where each post's JSON is in `text` (for the CLI's layout, its line,
    /// with the separating comma).
    posts: Vec<std::ops::Range<usize>>,
    by_line: bool,
}

/// The header line, closed (`{"version":1,"posts":[` + `]}`).
#[cfg(feature = "json")]
#[derive(Deserialize)]
struct Header {
    version: Option<u32>,
    posts: Option<Vec<serde::de::IgnoredAny>>,
}

/// An index in any other layout: its posts as JSON not yet read.
#[cfg(feature = "json")]
#[derive(Deserialize)]
struct Whole<'a> {
    version: Option<u32>,
    #[serde(borrow)]
    posts: Option<Vec<&'a serde_json::value::RawValue>>,
}

#[cfg(feature = "json")]
impl IndexText {
    /// Checks the header (the version) and finds the posts, without reading them.
    pub fn parse(mut text: Vec<u8>) -> Result<IndexText, IndexError> {
        // A byte order mark, as some editors write (a browser's `text()` drops it too).
        if text.starts_with(b"\xEF\xBB\xBF") {
            text.drain(..3);
        }
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, b) in text.iter().enumerate() {
            if *b == b'\n' {
                lines.push(start..i);
                start = i + 1;
            }
        }
        lines.push(start..text.len());
        let line = |r: &std::ops::Range<usize>| text[r.clone()].trim_ascii();
        let by_line = lines.len() > 1 && line(&lines[0]).ends_with(b"[");
        let not_json = |line| {
            move |e: serde_json::Error| {
                if e.is_data() {
                    IndexError::MissingFields
                } else {
                    IndexError::NotJson { line }
                }
            }
        };
        if !by_line {
            let whole: Whole = serde_json::from_slice(&text).map_err(not_json(None))?;
            check(whole.version, whole.posts.is_some())?;
            let base = text.as_ptr() as usize;
            let posts = whole
                .posts
                .unwrap_or_default()
                .iter()
                .map(|raw| {
                    let at = raw.get().as_ptr() as usize - base;
                    at..at + raw.get().len()
                })
                .collect();
            return Ok(IndexText {
                text,
                posts,
                by_line,
            });
        }
        let mut header = line(&lines[0]).to_vec();
        header.extend_from_slice(b"]}");
        let header: Header = serde_json::from_slice(&header).map_err(not_json(Some(1)))?;
        check(header.version, header.posts.is_some())?;
        let end = (1..lines.len())
            .rev()
            .find(|&i| !line(&lines[i]).is_empty());
        match end {
            Some(end) if line(&lines[end]) == b"]}" => {
                lines.truncate(end);
                lines.remove(0);
                Ok(IndexText {
                    text,
                    posts: lines,
                    by_line,
                })
            }
            _ => Err(IndexError::NotJson { line: None }),
        }
    }

    /// How many posts the index holds.
    pub fn len(&self) -> usize {
        self.posts.len()
    }

    /// Whether the index holds no posts.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Post `i` (0-based), read now.
    pub fn post(&self, i: usize) -> Result<Post, IndexError> {
        let json = self.text[self.posts[i].clone()].trim_ascii();
        let json = json.strip_suffix(b",").unwrap_or(json);
        serde_json::from_slice(json).map_err(|e| {
            if e.is_data() || !self.by_line {
                IndexError::Post {
                    number: i + 1,
                    why: e.to_string(),
                }
            } else {
                // The header is line 1.
                IndexError::NotJson { line: Some(i + 2) }
            }
        })
    }
}

#[cfg(feature = "json")]
fn check(version: Option<u32>, has_posts: bool) -> Result<(), IndexError> {
    match version {
        Some(INDEX_VERSION) if has_posts => Ok(()),
        Some(INDEX_VERSION) | None => Err(IndexError::MissingFields),
        Some(other) => Err(IndexError::Version(other)),
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::*;
    use crate::post::PaperEntry;

    fn post(path: &str, date: &str, entries: usize) -> Post {
        Post {
            path: path.into(),
            title: format!("{date} 리뷰"),
            date: date.into(),
            tags: vec!["agents".into()],
            description: String::new(),
            draft: false,
            math: false,
            entries: (0..entries)
                .map(|n| PaperEntry {
                    number: Some(n as u32 + 1),
                    title: format!("Paper {n}"),
                    subtitle: None,
                    url: Some(format!("https://arxiv.org/abs/2511.{n:05}")),
                    tags: vec!["org".into()],
                    anchor: format!("{}-paper-{n}", n + 1),
                })
                .collect(),
        }
    }

    fn read_all(text: &[u8]) -> Result<Vec<Post>, IndexError> {
        let index = IndexText::parse(text.to_vec())?;
        (0..index.len()).map(|i| index.post(i)).collect()
    }

    #[test]
    fn what_the_cli_writes_reads_back_line_by_line() {
        let index = Index::build([post("a.md", "2025-01-02", 2), post("b.md", "2025-01-01", 0)]);
        let text = index.to_json_lines().unwrap();
        assert_eq!(text.lines().count(), 4, "header, two posts, end");
        assert_eq!(read_all(text.as_bytes()).unwrap(), index.posts);
        // It is one JSON document too.
        assert_eq!(serde_json::from_str::<Index>(&text).unwrap(), index);
        let empty = Index::build([]).to_json_lines().unwrap();
        assert_eq!(read_all(empty.as_bytes()).unwrap(), vec![]);
    }

    #[test]
    fn other_layouts_are_read_whole() {
        let index = Index::build([post("a.md", "2025-01-02", 1), post("b.md", "2025-01-01", 3)]);
        let one_line = serde_json::to_string(&index).unwrap();
        assert_eq!(read_all(one_line.as_bytes()).unwrap(), index.posts);
        let pretty = serde_json::to_string_pretty(&index).unwrap();
        assert_eq!(read_all(pretty.as_bytes()).unwrap(), index.posts);
    }

    #[test]
    fn windows_line_ends_and_a_byte_order_mark_are_read() {
        let text = Index::build([post("a.md", "2025-01-02", 1)])
            .to_json_lines()
            .unwrap();
        let mut crlf = b"\xEF\xBB\xBF".to_vec();
        crlf.extend(text.replace('\n', "\r\n").bytes());
        assert_eq!(read_all(&crlf).unwrap()[0].path, "a.md");
    }

    #[test]
    fn every_fault_names_what_is_wrong_and_where() {
        let url = "content/index.json";
        let fault = |text: &str| read_all(text.as_bytes()).unwrap_err().describe(url);
        assert_eq!(
            fault("{\"version\": 1, \"posts\": ["),
            "content/index.json is not valid JSON: regenerate it with `papershelf index content`."
        );
        assert_eq!(
            fault("{\"version\":1,\"posts\":[\n{\"path\":\"a.md\",\"title\":\"A\",\"date\":\"\",\"entries\":[]},\n{\"path\": oops\n]}\n"),
            "content/index.json, line 3, is not valid JSON: regenerate it with `papershelf index content`."
        );
        // The end is missing: the file was cut short.
        assert!(fault("{\"version\":1,\"posts\":[\n{\"path\":\"a.md\",\"title\":\"A\",\"date\":\"\",\"entries\":[]},\n").contains("is not valid JSON"));
        assert!(fault("{\"version\": 1, \"posts\": [{\"title\": \"no path\"}]}")
            .starts_with("content/index.json: post 1 does not have the expected fields (missing field `path`"));
        assert!(
            fault("{\"version\":1,\"posts\":[\n{\"title\":\"no path\"}\n]}\n")
                .starts_with("content/index.json: post 1 does not have the expected fields")
        );
        assert_eq!(
            fault("{\"version\": 9, \"posts\": []}"),
            "content/index.json has format version 9, this viewer reads version 1."
        );
        assert_eq!(
            fault("{\"posts\": []}"),
            "content/index.json does not have the expected fields (`version` and `posts`): regenerate it with `papershelf index content`."
        );
        assert!(fault("{\"version\":1,\"posts\":{}}").contains("expected fields"));
        assert!(fault("").contains("is not valid JSON"));
    }
}
