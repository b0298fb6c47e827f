//! Where links and images in a post point: the URL-scheme allow-list,
//! Docusaurus doc routes, and paths confined to the content directory.

use crate::doc::Target;

/// Whether a URL is used for a link or an image (images may also be `data:image/…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    /// `href` of a link.
    Link,
    /// `src` of an image.
    Image,
}

/// Why a URL was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    /// A scheme that is not allowed (`javascript:`, `vbscript:`, `file:`, …).
    Scheme(String),
    /// A relative path that climbs out of the content directory.
    OutsideContent(String),
    /// Nothing left after cleaning.
    Empty,
}

impl std::fmt::Display for UrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlError::Scheme(s) => write!(
                f,
                "the URL scheme `{s}:` is not allowed (use http, https, mailto or a relative path)"
            ),
            UrlError::OutsideContent(p) => write!(f, "`{p}` points outside the content directory"),
            UrlError::Empty => write!(f, "the URL is empty"),
        }
    }
}

/// Removes what browsers ignore in a URL: leading and trailing spaces and
/// control characters, and tabs and newlines anywhere (`jav\tascript:`).
pub fn clean_url(raw: &str) -> String {
    raw.trim_matches(|c: char| c <= ' ' || c == '\u{7f}')
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// Resolves a link or image URL written in the post at `post_path`
/// (relative to the content directory) into a [`Target`].
///
/// ```
/// use papershelf_core::links::{resolve, UrlUse};
/// use papershelf_core::doc::Target;
/// let t = resolve("/docs/papers/y2025/oct/20251029.md#latent", "papers/y2025/nov/20251106.md", UrlUse::Link);
/// assert_eq!(t, Ok(Target::Post { path: "papers/y2025/oct/20251029.md".into(), anchor: Some("latent".into()) }));
/// ```
pub fn resolve(raw: &str, post_path: &str, usage: UrlUse) -> Result<Target, UrlError> {
    let url = clean_url(raw);
    if url.is_empty() {
        return Err(UrlError::Empty);
    }
    // `@site/…`: the Docusaurus site's root, whose `static/` files are
    // served at the root (`@site/static/img/a.png` is `/img/a.png`) and whose
    // `docs/` is the content directory (as `/docs/…` links are).
    if let Some(rest) = url.strip_prefix("@site/") {
        let rest = rest
            .strip_prefix("static/")
            .or_else(|| rest.strip_prefix("docs/"))
            .unwrap_or(rest);
        return resolve(&format!("/{rest}"), post_path, usage);
    }
    // `pathname:///files/a.pdf`: Docusaurus's way to link a file as a plain
    // link, never a page.
    if let Some(rest) = url.strip_prefix("pathname://") {
        return match resolve(
            &format!("/{}", rest.trim_start_matches('/')),
            post_path,
            UrlUse::Image,
        )? {
            Target::Asset { path, suffix } => Ok(Target::Asset { path, suffix }),
            other => Ok(other),
        };
    }
    if let Some(scheme) = scheme_of(&url) {
        let lower = scheme.to_ascii_lowercase();
        let allowed = match lower.as_str() {
            "http" | "https" => true,
            "mailto" => usage == UrlUse::Link,
            "data" => usage == UrlUse::Image && is_data_image(&url),
            _ => false,
        };
        return if allowed {
            Ok(Target::External { url })
        } else {
            Err(UrlError::Scheme(lower))
        };
    }
    if url.starts_with("//") || url.starts_with("\\\\") || url.starts_with("/\\") {
        // Protocol-relative: another host. Fine to link to, written out as https.
        return Ok(Target::External {
            url: format!("https:{}", url.replace('\\', "/")),
        });
    }
    let (path_part, anchor) = match url.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string()).filter(|a| !a.is_empty())),
        None => (url.as_str(), None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    // What follows the path (`?query#fragment`), kept for assets (`paper.pdf#page=3`).
    let suffix = url[path_part.len()..].to_string();
    if path_part.is_empty() {
        // `#anchor`: a heading of this post.
        return Ok(Target::Post {
            path: post_path.to_string(),
            anchor,
        });
    }
    let decoded = percent_decode(path_part);
    let joined = if let Some(doc) = decoded.strip_prefix("/docs/") {
        doc.to_string()
    } else if let Some(abs) = decoded.strip_prefix('/') {
        abs.to_string()
    } else {
        let dir = post_path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        if dir.is_empty() {
            decoded.clone()
        } else {
            format!("{dir}/{decoded}")
        }
    };
    let path = normalize(&joined).ok_or_else(|| UrlError::OutsideContent(path_part.to_string()))?;
    let is_doc = decoded.starts_with("/docs/")
        || path.ends_with(".md")
        || path.ends_with(".mdx")
        || names_route(&path);
    if is_doc && usage == UrlUse::Link {
        let path = if path.ends_with(".md") || path.ends_with(".mdx") {
            path
        } else {
            format!("{path}.md")
        };
        Ok(Target::Post { path, anchor })
    } else {
        Ok(Target::Asset { path, suffix })
    }
}

/// Whether a resolved `path` names a page rather than a file: its last
/// segment has no extension (`guides/install`, `blog/2021/08/26/welcome`),
/// as Docusaurus links name pages. A link to one is a link to the post
/// with that path or address (see `address.rs`).
pub fn names_route(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    !last.is_empty() && !last.contains('.')
}

/// Whether `url` is an external URL the scheme allow-list keeps exactly as
/// written: what a link or image target read back from data (an index, a
/// drawing) must be to be used as one.
///
/// ```
/// use papershelf_core::links::{is_external, UrlUse};
/// assert!(is_external("https://arxiv.org/abs/1", UrlUse::Link));
/// assert!(!is_external("javascript:alert(1)", UrlUse::Link));
/// assert!(!is_external(" https://arxiv.org/abs/1", UrlUse::Link)); // not as written
/// assert!(!is_external("papers/a.md", UrlUse::Link));
/// ```
pub fn is_external(url: &str, usage: UrlUse) -> bool {
    matches!(resolve(url, "", usage), Ok(Target::External { url: kept }) if kept == url)
}

/// `url` with every non-ASCII character percent-encoded (as UTF-8), as
/// sitemaps and strict feed readers want: `노트` becomes `%EB%85%B8%ED%8A%B8`.
pub fn ascii_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

pub use crate::paths::encode_path;

/// The scheme of an absolute URL (`https` in `https://…`), if it has one.
fn scheme_of(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    let scheme = &url[..end];
    let first_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = scheme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then_some(scheme)
}

fn is_data_image(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["png", "gif", "jpeg", "jpg", "webp"].iter().any(|t| {
        lower
            .strip_prefix("data:image/")
            .and_then(|r| r.strip_prefix(t))
            .is_some_and(|r| r.starts_with(';') || r.starts_with(','))
    })
}

/// Resolves `.` and `..` segments and backslashes; `None` if the path climbs
/// above the content directory's root.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Encodes everything but unreserved characters (`A-Z a-z 0-9 - . _ ~`) as `%XX`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (invalid ones are kept as written).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HERE: &str = "papers/y2025/nov/20251106.md";

    fn post(path: &str, anchor: Option<&str>) -> Result<Target, UrlError> {
        Ok(Target::Post {
            path: path.into(),
            anchor: anchor.map(Into::into),
        })
    }

    #[test]
    fn docusaurus_and_relative_links_become_posts() {
        assert_eq!(
            resolve("/docs/papers/y2025/oct/20251029.md#x", HERE, UrlUse::Link),
            post("papers/y2025/oct/20251029.md", Some("x"))
        );
        assert_eq!(
            resolve("../oct/20251029.md", HERE, UrlUse::Link),
            post("papers/y2025/oct/20251029.md", None)
        );
        assert_eq!(
            resolve("./20251107.md#a", HERE, UrlUse::Link),
            post("papers/y2025/nov/20251107.md", Some("a"))
        );
        assert_eq!(
            resolve("/docs/papers/y2025/oct/20251029", HERE, UrlUse::Link),
            post("papers/y2025/oct/20251029.md", None)
        );
        assert_eq!(
            resolve("#results", HERE, UrlUse::Link),
            post(HERE, Some("results"))
        );
    }

    #[test]
    fn docusaurus_site_paths_static_files_and_routes() {
        let asset = |p: &str| {
            Ok(Target::Asset {
                path: p.into(),
                suffix: String::new(),
            })
        };
        // `static/` files are served at the site's root.
        assert_eq!(
            resolve("/img/logo.png", HERE, UrlUse::Image),
            asset("img/logo.png")
        );
        assert_eq!(
            resolve("@site/static/img/logo.png", HERE, UrlUse::Image),
            asset("img/logo.png")
        );
        assert_eq!(
            resolve("@site/docs/papers/a.md", HERE, UrlUse::Link),
            post("papers/a.md", None)
        );
        // A plain file link, never a page.
        assert_eq!(
            resolve("pathname:///files/slides", HERE, UrlUse::Link),
            asset("files/slides")
        );
        // A route: a page by its address, relative or absolute.
        assert_eq!(
            resolve("windows", HERE, UrlUse::Link),
            post("papers/y2025/nov/windows.md", None)
        );
        assert_eq!(
            resolve("/blog/2021/08/26/welcome", HERE, UrlUse::Link),
            post("blog/2021/08/26/welcome.md", None)
        );
        assert_eq!(
            resolve("./paper.pdf", HERE, UrlUse::Link),
            asset("papers/y2025/nov/paper.pdf")
        );
    }

    #[test]
    fn images_resolve_next_to_the_post() {
        assert_eq!(
            resolve("./asset/img0.png", HERE, UrlUse::Image),
            Ok(Target::Asset {
                path: "papers/y2025/nov/asset/img0.png".into(),
                suffix: String::new(),
            })
        );
    }

    #[test]
    fn script_schemes_are_refused_however_disguised() {
        for raw in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "jav\tascript:alert(1)",
            "\u{1}javascript:alert(1)",
            " javascript:x",
            "vbscript:x",
            "java\nscript:x",
            "data:text/html,<script>",
        ] {
            assert!(
                matches!(resolve(raw, HERE, UrlUse::Link), Err(UrlError::Scheme(_))),
                "{raw:?} must be refused"
            );
        }
        assert!(resolve("data:image/svg+xml,<svg>", HERE, UrlUse::Image).is_err());
        assert!(resolve("data:image/png;base64,AAAA", HERE, UrlUse::Image).is_ok());
        assert!(resolve("data:image/png;base64,AAAA", HERE, UrlUse::Link).is_err());
        assert!(resolve("mailto:a@b.c", HERE, UrlUse::Link).is_ok());
    }

    #[test]
    fn encoded_paths_stay_encoded_and_suffixes_stay() {
        let linker = crate::doc::HashLinker {
            content_base: "content/".into(),
        };
        use crate::doc::Linker;
        let url = |raw: &str| linker.url(&resolve(raw, HERE, UrlUse::Link).unwrap());
        assert_eq!(
            url("file%23name.pdf"),
            "content/papers/y2025/nov/file%23name.pdf"
        );
        assert_eq!(
            url("a%20b%25c.pdf"),
            "content/papers/y2025/nov/a%20b%25c.pdf"
        );
        assert_eq!(
            url("./paper.pdf#page=3"),
            "content/papers/y2025/nov/paper.pdf#page=3"
        );
        assert_eq!(
            url("data.csv?v=2#row"),
            "content/papers/y2025/nov/data.csv?v=2#row"
        );
        assert_eq!(
            url("./자료/논문.pdf"),
            "content/papers/y2025/nov/자료/논문.pdf"
        );
        // The file `check` looks for is the decoded one.
        assert_eq!(
            resolve("file%23name.pdf#p", HERE, UrlUse::Link),
            Ok(Target::Asset {
                path: "papers/y2025/nov/file#name.pdf".into(),
                suffix: "#p".into()
            })
        );
    }

    #[test]
    fn paths_never_leave_the_content_directory() {
        for raw in [
            "../../../../etc/passwd",
            "..%2f..%2f..%2f..%2fsecret",
            "..\\..\\..\\..\\x",
            "/docs/../../x.md",
        ] {
            assert!(
                matches!(
                    resolve(raw, HERE, UrlUse::Image),
                    Err(UrlError::OutsideContent(_))
                ),
                "{raw:?}"
            );
        }
    }
}
