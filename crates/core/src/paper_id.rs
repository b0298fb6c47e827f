//! A reviewed paper's identity, so that two reviews of one paper are one
//! paper whatever link or title each gives it: its arXiv id, read from every
//! form of link authors use; without one, its link normalized; without a
//! link, its title normalized.
//!
//! ```
//! use papershelf_core::paper_id::{arxiv_id, identity};
//! assert_eq!(arxiv_id("https://huggingface.co/papers/2510.25616"), Some("2510.25616".into()));
//! assert_eq!(arxiv_id("https://arxiv.org/pdf/2510.25616v2.pdf"), Some("2510.25616".into()));
//! assert_eq!(identity(Some("https://arxiv.org/abs/2510.25616v2"), "Title"), "arxiv:2510.25616");
//! ```

/// Hosts whose paper pages are named by arXiv id, and the paths before the id.
const ID_PAGES: &[(&str, &[&str])] = &[
    ("arxiv.org", &["abs/", "pdf/", "html/", "format/"]),
    ("export.arxiv.org", &["abs/", "pdf/"]),
    ("huggingface.co", &["papers/"]),
    ("alphaxiv.org", &["abs/", "overview/"]),
];

/// The URL without its scheme, `www.`, query and fragment, its host in lowercase.
fn bare(url: &str) -> String {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (host, path) = rest
        .split_once('/')
        .map_or((rest, None), |(h, p)| (h, Some(p)));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    match path {
        Some(p) => format!("{host}/{p}"),
        None => host.to_string(),
    }
}

/// A new-style id (`2510.25616`, `0704.0001`) at the start of `s`, without its version.
fn new_style(s: &str) -> Option<String> {
    let (yymm, rest) = s.split_once('.')?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let ok = yymm.len() == 4
        && yymm.bytes().all(|b| b.is_ascii_digit())
        && (4..=5).contains(&digits.len());
    let after = &rest[digits.len()..];
    let end_ok = after.is_empty()
        || after.starts_with('v')
            && after[1..]
                .split(['.', '/'])
                .next()
                .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        || after == ".pdf"
        || after == "/";
    (ok && end_ok).then(|| format!("{yymm}.{digits}"))
}

/// An old-style id (`hep-th/9901001`, `math.GT/0309136`) at the start of `s`, without its version.
fn old_style(s: &str) -> Option<String> {
    let (archive, rest) = s.split_once('/')?;
    let name_ok = !archive.is_empty()
        && archive
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '-' || c == '.' || c.is_ascii_uppercase())
        && archive
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase());
    let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[number.len()..];
    let end_ok = after.is_empty() || after.starts_with('v') || after == ".pdf";
    (name_ok && number.len() == 7 && end_ok).then(|| format!("{archive}/{number}"))
}

/// The arXiv id a link to a paper names (`arxiv.org/abs/…`, `/pdf/…` with
/// or without `.pdf`, any `vN`, `huggingface.co/papers/…`,
/// `alphaxiv.org/abs/…`, old-style ids), without its version; `None` for
/// any other link (`arxiv.org/list/cs.CL`).
pub fn arxiv_id(url: &str) -> Option<String> {
    let rest = bare(url);
    let (host, path) = rest.split_once('/')?;
    let (_, prefixes) = ID_PAGES.iter().find(|(h, _)| *h == host)?;
    let id = prefixes.iter().find_map(|p| path.strip_prefix(p))?;
    new_style(id).or_else(|| old_style(id))
}

/// A link as one paper's: lowercase host, no scheme, `www.`, fragment or
/// trailing `/`.
pub fn normalized_link(url: &str) -> String {
    bare(url).trim_end_matches('/').to_string()
}

/// A title as one paper's: lowercase, letters and digits only, words single-spaced.
pub fn normalized_title(title: &str) -> String {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The paper's identity: `arxiv:<id>`, else `link:<normalized link>`, else
/// `title:<normalized title>`.
pub fn identity(url: Option<&str>, title: &str) -> String {
    match url {
        Some(u) => match arxiv_id(u) {
            Some(id) => format!("arxiv:{id}"),
            None => format!("link:{}", normalized_link(u)),
        },
        None => format!("title:{}", normalized_title(title)),
    }
}

/// A paper's name in addresses (`#/paper/<key>`, `paper/<key>/`): its arXiv
/// id (`2510.25616`, `hep-th/9901001`); without one, its title's slug and a
/// short hash of its identity (`seg-anything-3f2a9c01`), so two papers of one
/// title but different links have two pages.
///
/// ```
/// use papershelf_core::paper_id::key;
/// assert_eq!(key(Some("https://arxiv.org/pdf/2510.25616v2"), "X"), "2510.25616");
/// assert!(key(Some("https://example.org/p"), "A Paper").starts_with("a-paper-"));
/// ```
pub fn key(url: Option<&str>, title: &str) -> String {
    key_of(&identity(url, title), title)
}

/// [`key`] from the paper's [`identity`] (which holds its arXiv id, if any)
/// and its title.
pub fn key_of(identity: &str, title: &str) -> String {
    if let Some(id) = identity.strip_prefix("arxiv:") {
        return id.to_string();
    }
    // FNV-1a, 32 bits: stable across builds and languages, enough to tell
    // apart the few papers one title could name.
    let hash = identity.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    // Letters and digits of any script, and `-`: what `is_key` accepts
    // (a combining mark a slug keeps is dropped).
    let slug: String = crate::slug::slugify(&normalized_title(title))
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .take(48)
        .collect();
    let slug = slug.trim_matches(['-', '_']);
    if slug.is_empty() {
        format!("{hash:08x}")
    } else {
        format!("{slug}-{hash:08x}")
    }
}

/// Where a paper linked by `url` can be read, each with the key of the
/// message that names it: an arXiv paper's abstract, PDF and Hugging Face
/// page; any other paper's own link, if the URL-scheme allow-list keeps it.
/// The paper's page in the app and the one `publish` writes list these.
///
/// ```
/// use papershelf_core::paper_id::sources;
/// assert_eq!(sources(Some("https://huggingface.co/papers/2511.16719"))[1],
///     ("paper.pdf", "https://arxiv.org/pdf/2511.16719".to_string()));
/// assert!(sources(Some("javascript:alert(1)")).is_empty());
/// ```
pub fn sources(url: Option<&str>) -> Vec<(&'static str, String)> {
    match url.and_then(arxiv_id) {
        Some(id) => vec![
            ("paper.abstract", format!("https://arxiv.org/abs/{id}")),
            ("paper.pdf", format!("https://arxiv.org/pdf/{id}")),
            ("paper.hf", format!("https://huggingface.co/papers/{id}")),
        ],
        None => url
            .filter(|u| crate::links::is_external(u, crate::links::UrlUse::Link))
            .map(|u| vec![("paper.source", u.to_string())])
            .unwrap_or_default(),
    }
}

/// Whether `key` can name a paper: what [`key`] writes (letters, digits,
/// `-`, `_`, `.`, and `/` between non-empty segments other than `.`/`..`).
pub fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key.chars().count() <= 120
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        && key
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

/// The year and month an arXiv id was submitted in (`2510.25616` is
/// October 2025; `hep-th/9901001` January 1999).
///
/// ```
/// use papershelf_core::paper_id::submitted;
/// assert_eq!(submitted("2510.25616"), Some((2025, 10)));
/// assert_eq!(submitted("hep-th/9901001"), Some((1999, 1)));
/// ```
pub fn submitted(id: &str) -> Option<(u32, u32)> {
    let digits = match id.split_once('/') {
        Some((_, number)) => number,
        None => id,
    };
    let yy: u32 = digits.get(..2)?.parse().ok()?;
    let mm: u32 = digits.get(2..4)?.parse().ok()?;
    // Old-style ids began in 1991; new-style ones in 2007.
    let year = if yy >= 91 { 1900 + yy } else { 2000 + yy };
    (1..=12).contains(&mm).then_some((year, mm))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_link_authors_use_names_the_paper() {
        for url in [
            "https://arxiv.org/abs/2510.25616",
            "http://arxiv.org/abs/2510.25616v2",
            "https://www.arxiv.org/pdf/2510.25616",
            "https://arxiv.org/pdf/2510.25616v3.pdf",
            "https://arxiv.org/pdf/2510.25616.pdf",
            "https://arxiv.org/html/2510.25616v1",
            "https://huggingface.co/papers/2510.25616",
            "https://www.alphaxiv.org/abs/2510.25616",
            "https://arxiv.org/abs/2510.25616?context=cs#sec",
            "https://export.arxiv.org/abs/2510.25616/",
        ] {
            assert_eq!(arxiv_id(url).as_deref(), Some("2510.25616"), "{url}");
        }
        assert_eq!(
            arxiv_id("https://arxiv.org/abs/0704.0001").as_deref(),
            Some("0704.0001")
        );
        assert_eq!(
            arxiv_id("https://arxiv.org/abs/hep-th/9901001v1").as_deref(),
            Some("hep-th/9901001")
        );
        assert_eq!(
            arxiv_id("https://arxiv.org/pdf/math.GT/0309136").as_deref(),
            Some("math.GT/0309136")
        );
        for not_one in [
            "https://arxiv.org/list/cs.CL",
            "https://arxiv.org/list/cs.CL/recent",
            "https://arxiv.org/abs/25101.2561",
            "https://arxiv.org/abs/2510.256",
            "https://example.org/abs/2510.25616",
            "https://huggingface.co/models",
            "https://arxiv.org/",
            "arxiv.org",
        ] {
            assert_eq!(arxiv_id(not_one), None, "{not_one}");
        }
    }

    #[test]
    fn without_an_id_the_link_then_the_title() {
        assert_eq!(
            identity(Some("https://WWW.Example.org/paper/"), "x"),
            identity(Some("http://example.org/paper#top"), "y")
        );
        assert_eq!(
            identity(None, "SAM 3: Segment Anything!"),
            identity(None, "sam 3 — segment  anything")
        );
        assert_ne!(identity(None, "SAM 3"), identity(None, "SAM 2"));
    }

    #[test]
    fn a_paper_key_is_its_arxiv_id_else_its_title_and_a_hash() {
        assert_eq!(
            key(Some("https://huggingface.co/papers/2510.25616"), "a"),
            "2510.25616"
        );
        assert_eq!(
            key(Some("https://arxiv.org/abs/hep-th/9901001v2"), "a"),
            "hep-th/9901001"
        );
        let a = key(Some("https://example.org/one"), "SAM 3: Segment Anything");
        let b = key(Some("https://example.org/two"), "SAM 3: Segment Anything");
        assert!(a.starts_with("sam-3-segment-anything-"), "{a}");
        assert_ne!(a, b, "two links, two papers");
        assert_eq!(
            a,
            key(Some("https://EXAMPLE.org/one/"), "sam 3 — segment anything")
        );
        assert!(key(None, "모델 평가").starts_with("모델-평가-"));
        assert_eq!(key(None, "!!!").len(), 8, "no slug: the hash alone");
        // A title in a script with combining marks still names a page.
        assert!(
            is_key(&key(None, "हिन्दी में मॉडल")),
            "{}",
            key(None, "हिन्दी में मॉडल")
        );
        for k in [
            a.as_str(),
            "2510.25616",
            "hep-th/9901001",
            "모델-평가-0a1b2c3d",
        ] {
            assert!(is_key(k), "{k}");
        }
        for bad in ["", "../x", "a//b", "a/./b", "x?y", "a b", "%2e%2e", "a\\b"] {
            assert!(!is_key(bad), "{bad}");
        }
    }

    #[test]
    fn submission_month_from_the_id() {
        assert_eq!(submitted("0704.0001"), Some((2007, 4)));
        assert_eq!(submitted("math.GT/0309136"), Some((2003, 9)));
        assert_eq!(submitted("2513.00001"), None, "no 13th month");
    }
}
