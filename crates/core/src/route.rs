//! Which page is shown, as a value. Where it is kept (the URL hash on a
//! static host, memory when embedded) is the viewer's business.
//!
//! Hash forms: `#/` (posts), `#/papers`, `#/tags`,
//! `#/post/<path without .md>?id=<anchor>`, `#/search?q=<words>`; the lists
//! and the search take a filter query `?tags=a,b&match=any&q=words` (on the
//! lists `q` filters paper titles; on the search it is the full-text query).

use crate::catalog::{Filter, Match};
use crate::links::{percent_decode, percent_encode};

/// A page of the viewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `#/`: the posts, newest first, filtered.
    Home(Filter),
    /// `#/papers`: every reviewed paper, filtered.
    Papers(Filter),
    /// `#/tags`: every tag with its counts.
    Tags,
    /// `#/archive`: every dated post, by year.
    Archive,
    /// `#/search?q=`: posts whose text matches the words (`Filter::text`)
    /// and the tags.
    Search(Filter),
    /// `#/post/<path>`: one post, optionally scrolled to a heading.
    Post {
        /// Post file path relative to the content directory, with `.md`.
        path: String,
        /// Heading id from `?id=`.
        anchor: Option<String>,
    },
    /// `#/paper/<key>`: one reviewed paper and every review of it (its key
    /// as `crate::paper_id::key` writes it: the arXiv id, or a title's slug
    /// and hash).
    Paper {
        /// The paper's key.
        key: String,
    },
    /// Anything else: what was asked for, to show on the not-found page.
    NotFound {
        /// The hash as given.
        asked: String,
    },
}

impl Route {
    /// Reads a location hash (`#/post/…`, with or without the `#`).
    ///
    /// ```
    /// use papershelf_core::route::Route;
    /// assert_eq!(Route::from_hash("#/post/papers/y2025/nov/20251106?id=x"),
    ///     Route::Post { path: "papers/y2025/nov/20251106.md".into(), anchor: Some("x".into()) });
    /// assert!(matches!(Route::from_hash("#/post/../../etc/passwd"), Route::NotFound { .. }));
    /// ```
    pub fn from_hash(hash: &str) -> Route {
        let h = hash.strip_prefix('#').unwrap_or(hash);
        let not_found = || Route::NotFound {
            asked: h.to_string(),
        };
        let (path, query) = h.split_once('?').unwrap_or((h, ""));
        let path = path.strip_prefix('/').unwrap_or(path);
        match path.trim_end_matches('/') {
            "" => return Route::Home(filter_of(query, false)),
            "papers" => return Route::Papers(filter_of(query, true)),
            "search" => return Route::Search(filter_of(query, false)),
            "tags" => return Route::Tags,
            "archive" => return Route::Archive,
            _ => {}
        }
        if let Some(key) = path.strip_prefix("paper/") {
            let key = percent_decode(key.trim_end_matches('/'));
            return if crate::paper_id::is_key(&key) {
                Route::Paper { key }
            } else {
                not_found()
            };
        }
        let Some(post) = path.strip_prefix("post/") else {
            return not_found();
        };
        let anchor = query_param(query, "id");
        match safe_post_path(post) {
            Some(path) => Route::Post { path, anchor },
            None => not_found(),
        }
    }

    /// The hash for this route, starting with `#/`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Home(f) => format!("#/{}", filter_query(f)),
            Route::Papers(f) => format!("#/papers{}", filter_query(f)),
            Route::Search(f) => format!("#/search{}", filter_query(f)),
            Route::Tags => "#/tags".to_string(),
            Route::Archive => "#/archive".to_string(),
            Route::Post { path, anchor } => crate::doc::post_hash(path, anchor.as_deref()),
            Route::Paper { key } => paper_hash(key),
            Route::NotFound { asked } => format!("#{asked}"),
        }
    }

    /// The filter of a list page, if this is one.
    pub fn filter(&self) -> Option<&Filter> {
        match self {
            Route::Home(f) | Route::Papers(f) | Route::Search(f) => Some(f),
            _ => None,
        }
    }

    /// The same list page (or search) with another filter.
    pub fn with_filter(&self, filter: Filter) -> Route {
        match self {
            Route::Papers(_) => Route::Papers(filter),
            Route::Search(_) => Route::Search(filter),
            _ => Route::Home(filter),
        }
    }
}

/// The hash of the page of the paper named `key` (`#/paper/2510.25616`).
pub fn paper_hash(key: &str) -> String {
    let path: Vec<String> = key.split('/').map(percent_encode).collect();
    format!("#/paper/{}", path.join("/"))
}

/// The filter a list page's query gives; `again=1` (papers reviewed more
/// than once) only where `papers`.
fn filter_of(query: &str, papers: bool) -> Filter {
    let tags = query_param(query, "tags")
        .map(|t| {
            let mut tags: Vec<String> = Vec::new();
            for tag in t
                .split(',')
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty())
            {
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            tags
        })
        .unwrap_or_default();
    let mode = if query_param(query, "match").as_deref() == Some("any") {
        Match::Any
    } else {
        Match::All
    };
    Filter {
        tags,
        mode,
        text: query_param(query, "q").unwrap_or_default(),
        again: papers && query_param(query, "again").as_deref() == Some("1"),
    }
}

fn filter_query(f: &Filter) -> String {
    let mut parts = Vec::new();
    if !f.tags.is_empty() {
        parts.push(format!(
            "tags={}",
            f.tags
                .iter()
                .map(|t| percent_encode(t))
                .collect::<Vec<_>>()
                .join(",")
        ));
        if f.mode == Match::Any {
            parts.push("match=any".to_string());
        }
    }
    if !f.text.is_empty() {
        parts.push(format!("q={}", percent_encode(&f.text)));
    }
    if f.again {
        parts.push("again=1".to_string());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The value of `key` in a `a=b&c=d` query, percent-decoded.
fn query_param(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key && !v.is_empty()).then(|| percent_decode(v))
    })
}

/// How many times a route's path is percent-decoded before it must be
/// stable: a path encoded more often than this is refused.
const MAX_DECODES: usize = 4;

/// A post path from a route, confined to the content directory whatever its
/// encoding: the path is percent-decoded to a fixed point (so `%252e%252e`
/// is `..` however often it was encoded), then refused if it holds what a
/// URL would read as something other than a file name (`%`, `?`, `#`, `\`,
/// `:`, a control character), a leading `/`, or an empty, `.` or `..`
/// segment. The fetch URL is built from what is left by [`post_url`].
fn safe_post_path(raw: &str) -> Option<String> {
    let mut decoded = raw.to_string();
    let mut stable = false;
    for _ in 0..MAX_DECODES {
        let next = percent_decode(&decoded);
        if next == decoded {
            stable = true;
            break;
        }
        decoded = next;
    }
    let path = decoded.trim_end_matches('/');
    let bad = !stable
        || path.is_empty()
        || path.contains(['%', '?', '#', '\\', ':'])
        || path.starts_with('/')
        || path
            .split('/')
            .any(|seg| seg.is_empty() || seg == ".." || seg == ".")
        || path.chars().any(char::is_control);
    if bad {
        return None;
    }
    Some(if path.ends_with(".md") || path.ends_with(".mdx") {
        path.to_string()
    } else {
        format!("{path}.md")
    })
}

/// The URL a post is fetched from: `base` (the content directory's URL,
/// ending in `/`) and the post's path, each character a URL would read as
/// other than part of a file name percent-encoded, so the request names
/// exactly that file inside the content directory.
///
/// ```
/// use papershelf_core::route::post_url;
/// assert_eq!(post_url("content/", "papers/a b#1.md"), "content/papers/a%20b%231.md");
/// ```
pub fn post_url(base: &str, path: &str) -> String {
    format!("{base}{}", crate::links::encode_path(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::{drawing_path, mdx_fallback};

    /// `tests/rules/routes.json`, the cases the boot code's router
    /// (`www/boot/route.js`) is tested against too: both read every hash alike.
    #[test]
    fn the_route_fixture() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/rules/routes.json")).unwrap();
        let cases = fixture["cases"].as_array().unwrap();
        assert!(cases.len() >= 40, "the fixture has its cases");
        for case in cases {
            let hash = case["hash"].as_str().unwrap();
            let field = |name: &str| case.get(name).and_then(|v| v.as_str()).map(String::from);
            let route = Route::from_hash(hash);
            let page = match &route {
                Route::Home(_) => "home",
                Route::Papers(_) => "papers",
                Route::Tags => "tags",
                Route::Archive => "archive",
                Route::Search(_) => "search",
                Route::Post { .. } => "post",
                Route::Paper { .. } => "paper",
                Route::NotFound { .. } => "not-found",
            };
            assert_eq!(Some(page.to_string()), field("page"), "{hash}");
            let filtered = route.filter().map(|f| *f != Filter::default());
            assert_eq!(
                filtered,
                case.get("filtered").and_then(|v| v.as_bool()),
                "{hash}"
            );
            let (post, anchor) = match &route {
                Route::Post { path, anchor } => (Some(path.clone()), anchor.clone()),
                _ => (None, None),
            };
            assert_eq!(post, field("post"), "{hash}");
            let paper = match &route {
                Route::Paper { key } => Some(key.clone()),
                _ => None,
            };
            assert_eq!(paper, field("paper"), "{hash}");
            assert_eq!(anchor, field("anchor"), "{hash}");
            let url = post.as_deref().map(|p| post_url("content/", p));
            assert_eq!(url, field("url"), "{hash}");
            let mdx = post.as_deref().and_then(mdx_fallback);
            assert_eq!(
                mdx.map(|m| post_url("content/", &m)),
                field("mdx"),
                "{hash}"
            );
            let drawing = post
                .as_deref()
                .map(|p| post_url("content/", &drawing_path(p)));
            assert_eq!(drawing, field("drawing"), "{hash}");
        }
    }

    #[test]
    fn home_and_posts_round_trip() {
        let filtered = Filter {
            tags: vec!["meta".into(), "비전 모델".into()],
            mode: Match::Any,
            text: "sam 3".into(),
            again: false,
        };
        assert_eq!(
            filtered_hash(&filtered),
            "#/papers?tags=meta,%EB%B9%84%EC%A0%84%20%EB%AA%A8%EB%8D%B8&match=any&q=sam%203"
        );
        for r in [
            Route::Home(Filter::default()),
            Route::Papers(filtered),
            Route::Tags,
            Route::Search(Filter {
                tags: vec!["rl".into()],
                mode: Match::Any,
                text: "\"언어 모델\" GRPO는 <img onerror=x>".into(),
                again: false,
            }),
            Route::Search(Filter::default()),
            Route::Papers(Filter {
                again: true,
                ..Filter::default()
            }),
            Route::Post {
                path: "papers/y2025/oct/20251029.md".into(),
                anchor: Some("1-kimi".into()),
            },
            Route::Paper {
                key: "2510.25616".into(),
            },
            Route::Paper {
                key: "hep-th/9901001".into(),
            },
            Route::Paper {
                key: "모델-평가-0a1b2c3d".into(),
            },
        ] {
            assert_eq!(Route::from_hash(&r.to_hash()), r);
        }
        assert_eq!(Route::from_hash(""), Route::Home(Filter::default()));
        assert_eq!(Route::from_hash("#"), Route::Home(Filter::default()));
        let f = Route::from_hash("#/?tags=Agents,bytedance,agents");
        assert_eq!(
            f.filter().unwrap().tags,
            ["agents", "bytedance"],
            "lower case, no repeats"
        );
        assert_eq!(f.filter().unwrap().mode, Match::All);
        // Reviewed more than once is the papers page's alone.
        assert_eq!(
            Route::from_hash("#/papers?again=1").to_hash(),
            "#/papers?again=1"
        );
        assert_eq!(
            Route::from_hash("#/?again=1"),
            Route::Home(Filter::default())
        );
    }

    #[test]
    fn a_search_keeps_its_words_and_tags() {
        let r = Route::from_hash("#/search?q=%EB%AA%A8%EB%8D%B8%EC%9D%84&tags=rl,vision&match=any");
        assert_eq!(
            r,
            Route::Search(Filter {
                tags: vec!["rl".into(), "vision".into()],
                mode: Match::Any,
                text: "모델을".into(),
                again: false,
            })
        );
        assert_eq!(
            r.with_filter(Filter::default()),
            Route::Search(Filter::default())
        );
        assert_eq!(
            Route::from_hash("#/search"),
            Route::Search(Filter::default())
        );
    }

    fn filtered_hash(f: &Filter) -> String {
        Route::Papers(f.clone()).to_hash()
    }

    #[test]
    fn routes_cannot_leave_the_content_directory() {
        for h in [
            "#/post/../secret",
            "#/post/%2e%2e/%2e%2e/x",
            "#/post/a%2f..%2f..%2fb",
            "#/post/..\\..\\x",
            "#/post//evil.example/x",
            "#/post/https://evil.example/x",
            "#/post/%2F%2Fevil.example",
            // Dot segments encoded twice, three and four times: a URL reads %2e as `.`.
            "#/post/%252e%252e/%252e%252e/other-project/README",
            "#/post/papers/%25252e%25252e/%25252e%25252e/x",
            "#/post/a/%2525252E%2525252E/b",
            // More encodings than any link needs: refused, not decoded on and on.
            "#/post/%252525252e%252525252e/x",
            // `?` and `#` inside the path would end the file name in the fetch URL.
            "#/post/a%3F.md",
            "#/post/a%253Fb",
            "#/post/README.txt%23.md",
            "#/post/a%5Cb",
            "#/post/a/./b",
            "#/post/a//b",
            "#/post/%00a",
        ] {
            assert!(matches!(Route::from_hash(h), Route::NotFound { .. }), "{h}");
        }
    }

    #[test]
    fn unknown_pages_are_not_found() {
        assert_eq!(
            Route::from_hash("#/nope"),
            Route::NotFound {
                asked: "/nope".into()
            }
        );
    }

    #[test]
    fn plain_and_hangul_paths_are_posts_and_fetch_as_themselves() {
        for (hash, path, url) in [
            (
                "#/post/papers/y2025/nov/20251106",
                "papers/y2025/nov/20251106.md",
                "content/papers/y2025/nov/20251106.md",
            ),
            (
                "#/post/papers/oct/20251001.mdx",
                "papers/oct/20251001.mdx",
                "content/papers/oct/20251001.mdx",
            ),
            (
                "#/post/%EB%85%BC%EB%AC%B8/%EA%B8%80",
                "논문/글.md",
                "content/논문/글.md",
            ),
            (
                "#/post/notes/a%20b",
                "notes/a b.md",
                "content/notes/a%20b.md",
            ),
            (
                "#/post/notes/a%2520b",
                "notes/a b.md",
                "content/notes/a%20b.md",
            ),
            (
                "#/post/docs/intro/",
                "docs/intro.md",
                "content/docs/intro.md",
            ),
        ] {
            let Route::Post { path: got, .. } = Route::from_hash(hash) else {
                panic!("{hash} is a post");
            };
            assert_eq!(got, path, "{hash}");
            assert_eq!(post_url("content/", &got), url, "{hash}");
        }
    }
}
