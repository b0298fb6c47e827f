//! The files a post is read from and written to, named from its path in the
//! content directory. A leaf: routes, the index, the CLI and the browser all
//! ask here, and the boot code's router (`www/boot/route.js`) is tested
//! against the same cases (`tests/rules/routes.json`).

/// The folder of everything `papershelf index` writes beside the posts but
/// `index.json`: the author's own files are never among them.
pub const GENERATED_DIR: &str = "_papershelf";

/// A post's path without its `.md` or `.mdx`: what routes and Docusaurus
/// URLs name it by, so a link finds the post whatever its file's extension.
///
/// ```
/// use papershelf_core::paths::post_stem;
/// assert_eq!(post_stem("docs/intro.mdx"), "docs/intro");
/// assert_eq!(post_stem("papers/y2025/nov/20251106.md"), "papers/y2025/nov/20251106");
/// ```
pub fn post_stem(path: &str) -> &str {
    path.strip_suffix(".md")
        .or_else(|| path.strip_suffix(".mdx"))
        .unwrap_or(path)
}

/// The file asked for next when the post at `path` answers 404: a route
/// names a post without its extension (`.md` is assumed), and the file may
/// be an `.mdx`. `None` for a path that is not an `.md`.
///
/// ```
/// use papershelf_core::paths::mdx_fallback;
/// assert_eq!(mdx_fallback("docs/intro.md").as_deref(), Some("docs/intro.mdx"));
/// assert_eq!(mdx_fallback("docs/intro.mdx"), None);
/// ```
pub fn mdx_fallback(path: &str) -> Option<String> {
    path.strip_suffix(".md").map(|stem| format!("{stem}.mdx"))
}

/// Where the post at `path` is drawn ahead (its safe tree as data), in the
/// content directory: `_papershelf/drawn/<path without extension>.json`.
///
/// ```
/// use papershelf_core::paths::drawing_path;
/// assert_eq!(drawing_path("docs/intro.mdx"), "_papershelf/drawn/docs/intro.json");
/// ```
pub fn drawing_path(path: &str) -> String {
    format!("{GENERATED_DIR}/drawn/{}.json", post_stem(path))
}

/// Where the posts citing the post at `path` are listed, beside the index
/// (written by `papershelf index` only for a post something cites).
///
/// ```
/// use papershelf_core::paths::cited_path;
/// assert_eq!(cited_path("papers/a.md"), "_papershelf/cited/papers/a.json");
/// ```
pub fn cited_path(path: &str) -> String {
    format!("{GENERATED_DIR}/cited/{}.json", post_stem(path))
}

/// A decoded content path as a URL path: `%`, `#`, `?` and what browsers
/// would not send as written (spaces, controls) are percent-encoded, so
/// `file%23name.pdf` asks for that file and not for `file`. Other characters
/// (Hangul among them) stay as they are; the browser encodes them.
pub fn encode_path(path: &str) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| {
        matches!(c, '%' | '#' | '?' | '"' | '<' | '>' | '\\') || c <= ' ' || c == '\u{7f}'
    };
    if !path.contains(needs) {
        return std::borrow::Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len() + 8);
    for c in path.chars() {
        if needs(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}
