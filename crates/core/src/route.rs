//! Which page is shown, as a value. Where it is kept (the URL hash on a
//! static host, memory when embedded) is the viewer's business.
//!
//! Hash form: `#/` (posts), `#/post/<path without .md>?id=<anchor>`.

use crate::links::{normalize, percent_decode};

/// A page of the viewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `#/`: the posts, newest first.
    Home,
    /// `#/post/<path>`: one post, optionally scrolled to a heading.
    Post {
        /// Post file path relative to the content directory, with `.md`.
        path: String,
        /// Heading id from `?id=`.
        anchor: Option<String>,
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
        if path.is_empty() {
            return Route::Home;
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
            Route::Home => "#/".to_string(),
            Route::Post { path, anchor } => crate::doc::post_hash(path, anchor.as_deref()),
            Route::NotFound { asked } => format!("#{asked}"),
        }
    }
}

/// The value of `key` in a `a=b&c=d` query, percent-decoded.
fn query_param(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key && !v.is_empty()).then(|| percent_decode(v))
    })
}

/// A post path from a route, confined to the content directory: no `..`
/// (plain or `%2e%2e`), no backslashes, no scheme, no host.
fn safe_post_path(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw);
    let bad = decoded.contains('\\')
        || decoded.contains(':')
        || decoded.starts_with('/')
        || decoded.split('/').any(|seg| seg == ".." || seg == ".")
        || decoded.chars().any(char::is_control);
    if bad {
        return None;
    }
    let path = normalize(&decoded)?;
    if path.is_empty() {
        return None;
    }
    Some(if path.ends_with(".md") || path.ends_with(".mdx") {
        path
    } else {
        format!("{path}.md")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_and_posts_round_trip() {
        for r in [
            Route::Home,
            Route::Post {
                path: "papers/y2025/oct/20251029.md".into(),
                anchor: Some("1-kimi".into()),
            },
        ] {
            assert_eq!(Route::from_hash(&r.to_hash()), r);
        }
        assert_eq!(Route::from_hash(""), Route::Home);
        assert_eq!(Route::from_hash("#"), Route::Home);
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
}
