//! The addresses Docusaurus gives a post besides its file's path, so that a
//! link written for Docusaurus finds it: a blog post's date path
//! (`blog/2021/08/26/welcome`), a `slug:`, a doc's `id:`, a folder's
//! `index.md`/`README.md`, and paths without number prefixes
//! (`01-guides/02-install.md` is `guides/install`).
//!
//! Each address is relative to the content directory, without an
//! extension or a leading `/`, as links resolve them
//! (the link resolver, `links.rs`): `/docs/x` and `/x` both name `x`, and a blog
//! post's `/blog/…` is its folder's. [`aliases`] are kept in the index
//! (a post's `aliases`), where the app and `check` find posts by them
//! (`Index::find`).

use crate::frontmatter::blog_date_at;
use crate::paths::post_stem;

/// `segment` without a Docusaurus number prefix (`01-intro` → `intro`,
/// `1. Intro` → `Intro`); a segment that is only a number stays.
fn unnumbered(segment: &str) -> &str {
    let digits = segment.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return segment;
    }
    let rest = segment[digits..].trim_start();
    let sep = rest
        .bytes()
        .take_while(|b| matches!(b, b'-' | b'_' | b'.'))
        .count();
    let rest = rest[sep..].trim_start();
    if sep == 0 || rest.is_empty() {
        segment
    } else {
        rest
    }
}

/// `address` as [`aliases`] keep addresses: each folder without its number
/// prefix (a link written from a numbered folder, `01-guides/install`,
/// finds `guides/install`).
pub fn key(address: &str) -> String {
    address
        .split('/')
        .map(unnumbered)
        .collect::<Vec<_>>()
        .join("/")
}

/// The other addresses of the post at `path`: from its blog date, its
/// front matter's `slug` and `id`, its folder's index file and its number
/// prefixes; for a post under `docs/` (the content directory is the
/// Docusaurus site), each also without `docs/`, as `/docs/…` links name
/// it. Never its own path; no repeats.
pub fn aliases(path: &str, slug: Option<&str>, id: Option<&str>) -> Vec<String> {
    let mut out = own_aliases(path, slug, id);
    if let Some(doc) = path.strip_prefix("docs/") {
        let own = post_stem(doc).to_string();
        for a in std::iter::once(own).chain(own_aliases(doc, slug, id)) {
            if !a.is_empty() && !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out
}

fn own_aliases(path: &str, slug: Option<&str>, id: Option<&str>) -> Vec<String> {
    let own = post_stem(path).to_string();
    let mut out: Vec<String> = Vec::new();
    let mut add = |a: String| {
        let a = a.trim_matches('/').to_string();
        if !a.is_empty() && a != own && !out.contains(&a) && !a.split('/').any(|s| s == "..") {
            out.push(a);
        }
    };
    let slug = slug.map(str::trim).filter(|s| !s.is_empty());
    if let Some((start, end, date)) = blog_date_at(&own) {
        // A blog post: `<blog folder>/<slug>`, else `<blog folder>/YYYY/MM/DD/<name>`.
        let root = &own[..start];
        let name = own[end..]
            .trim_start_matches(['-', '/', '.'])
            .trim_end_matches("/index");
        match slug {
            Some(slug) => add(format!("{root}{}", slug.trim_start_matches('/'))),
            None if !name.is_empty() && name != "index" => {
                add(format!("{root}{}/{name}", date.replace('-', "/")))
            }
            None => {}
        }
        return out;
    }
    // A doc: its folders and name without number prefixes, `id` for its name.
    let (dir, name) = own.rsplit_once('/').unwrap_or(("", own.as_str()));
    let dir: Vec<&str> = dir
        .split('/')
        .filter(|s| !s.is_empty())
        .map(unnumbered)
        .collect();
    let dir = dir.join("/");
    let within = |leaf: &str| {
        if dir.is_empty() {
            leaf.to_string()
        } else {
            format!("{dir}/{leaf}")
        }
    };
    let is_index = ["index", "readme"].contains(&name.to_ascii_lowercase().as_str());
    match (slug, id) {
        (Some(slug), _) if slug.starts_with('/') => add(slug.to_string()),
        (Some(slug), _) => add(within(slug)),
        (None, Some(id)) => add(within(id.trim())),
        (None, None) if is_index => add(dir.clone()),
        (None, None) => add(within(unnumbered(name))),
    }
    // The folder's index file is its folder, and the doc keeps its plain name too.
    if is_index {
        add(dir.clone());
    }
    add(within(unnumbered(name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blog_posts_are_found_by_their_date_path_or_slug() {
        assert_eq!(
            aliases("blog/2021-08-26-welcome.md", None, None),
            ["blog/2021/08/26/welcome"]
        );
        assert_eq!(
            aliases("blog/2021-08-26-welcome/index.md", None, None),
            ["blog/2021/08/26/welcome"]
        );
        assert_eq!(
            aliases("blog/2021/08/26/welcome.md", None, None),
            Vec::<String>::new(),
            "its path is its address"
        );
        assert_eq!(
            aliases("blog/2022/08-01-launch/index.mdx", None, None),
            ["blog/2022/08/01/launch"]
        );
        assert_eq!(
            aliases("blog/2021-08-26-welcome.md", Some("/hello"), None),
            ["blog/hello"]
        );
        assert_eq!(
            aliases("2021-08-26-welcome.md", Some("hello"), None),
            ["hello"]
        );
    }

    #[test]
    fn docs_are_found_by_slug_id_folder_and_name_without_numbers() {
        assert_eq!(
            aliases("guides/01-install.md", None, None),
            ["guides/install"]
        );
        assert_eq!(
            aliases("01-guides/02-install.mdx", None, None),
            ["guides/install"]
        );
        assert_eq!(
            aliases("guides/install.md", None, Some("setup")),
            ["guides/setup"]
        );
        assert_eq!(
            aliases("guides/install.md", Some("/start"), None),
            ["start"]
        );
        assert_eq!(
            aliases("guides/install.md", Some("start"), None),
            ["guides/start"]
        );
        assert_eq!(aliases("guides/index.md", None, None), ["guides"]);
        assert_eq!(aliases("guides/README.md", None, None), ["guides"]);
        assert_eq!(
            aliases("papers/y2025/nov/20251106.md", None, None),
            Vec::<String>::new()
        );
        assert_eq!(unnumbered("2024"), "2024");
        assert_eq!(unnumbered("1. Intro"), "Intro");
        // Nothing climbs out of the content directory.
        assert_eq!(
            aliases("a/b.md", Some("../../etc"), None),
            Vec::<String>::new()
        );
        // The content directory is the site: `/docs/…` links name docs without `docs/`.
        assert_eq!(
            aliases("docs/01-guides/02-install.md", None, Some("setup")),
            [
                "docs/guides/setup",
                "docs/guides/install",
                "01-guides/02-install",
                "guides/setup",
                "guides/install"
            ]
        );
        assert_eq!(key("docs/01-guides/install"), "docs/guides/install");
    }
}
