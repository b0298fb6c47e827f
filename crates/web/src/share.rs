//! What a reader shares and follows: a post's link ("Copy link", and the
//! link mark on each heading), the site's own name, and its feeds.
//!
//! A post's link is its page (`https://x.org/sub/docs/papers/a/`, the URL
//! link previews read and the author's old Docusaurus links have) when the
//! site knows where its pages are: `papershelf publish` writes that into
//! `<meta name="papershelf-pages">` once the site's URL is configured.
//! Without it (no URL configured, or `trunk serve`) the link is the viewer's
//! hash route on this page. The boot script copies it on a click on any
//! `[data-copy]` element. An embedded viewer draws no such controls: its
//! host page has no boot script and its address is not ours.

use crate::header::element;
use papershelf_core::doc::{post_hash, post_page_path};
use papershelf_core::links::{ascii_url, encode_path};
use web_sys::{Document, Element};

/// The `<meta name>` holding where the site's post pages are, ending in `/`.
pub const PAGES_META: &str = "papershelf-pages";
/// The attribute holding the link a control copies.
pub const COPY_ATTR: &str = "data-copy";

/// The content of `<meta name="{name}">` in `document`, if set and not empty.
fn meta(document: &Document, name: &str) -> Option<String> {
    document
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .filter(|c| !c.trim().is_empty())
}

/// The site's name, as `papershelf.toml` gives it (the build writes it into
/// `<meta name="application-name">`); `papershelf` without one.
pub fn site_name(document: &Document) -> String {
    meta(document, "application-name").unwrap_or_else(|| "papershelf".into())
}

/// The title of a page of the site: `page · <site name>`, or the site's name
/// alone for its home page (`page` empty).
pub fn page_title(document: &Document, page: &str) -> String {
    let site = site_name(document);
    if page.is_empty() {
        site
    } else {
        format!("{page} · {site}")
    }
}

/// Whether this page is `embed.js`'s viewer inside someone else's page.
pub fn embedded() -> bool {
    crate::shared::get("embedded").is_some_and(|v| v.is_truthy())
}

/// The link to share for the post at `path`, at its heading `anchor` if
/// given: its page's URL when the site's pages are known, else the viewer's
/// hash route on this page (the site's root on a post page, whose `<base>`
/// is the root).
pub fn post_link(document: &Document, path: &str, anchor: Option<&str>) -> String {
    match meta(document, PAGES_META).filter(|base| base.ends_with('/')) {
        Some(pages) => {
            let fragment = anchor
                .map(|a| format!("#{}", ascii_url(&encode_path(a))))
                .unwrap_or_default();
            format!("{pages}{}{fragment}", ascii_url(&post_page_path(path)))
        }
        None => {
            let here = document.base_uri().ok().flatten().unwrap_or_default();
            let here = here.split('#').next().unwrap_or_default();
            format!("{here}{}", ascii_url(&post_hash(path, anchor)))
        }
    }
}

/// The "Copy link" button of the post at `path` (none in an embedded viewer).
pub fn copy_button(document: &Document, path: &str) -> Option<Element> {
    if embedded() {
        return None;
    }
    let link = post_link(document, path, None);
    Some(element(
        document,
        "button",
        &[
            ("type", "button"),
            ("class", "copy-link"),
            (COPY_ATTR, &link),
            ("title", crate::messages::t("copy.post")),
            (crate::keys::KEY_ATTR, "copy"),
        ],
        crate::messages::t("copy"),
    ))
}

/// Gives each heading with an id in `body` (the post at `path`, rendered) a
/// link mark, as Docusaurus does: a link to the post at that heading, which a
/// click copies. Headings keep their text (the mark's `#` is drawn by the
/// style sheet). Nothing in an embedded viewer.
pub fn mark_headings(body: &Element, path: &str) {
    if embedded() {
        return;
    }
    let Some(document) = body.owner_document() else {
        return;
    };
    let Ok(headings) = body.query_selector_all("h2[id], h3[id], h4[id]") else {
        return;
    };
    for i in 0..headings.length() {
        let Some(heading) = headings
            .item(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
        else {
            continue;
        };
        let Some(id) = heading.get_attribute("id") else {
            continue;
        };
        // Ids that look like globals carry a prefix in the page; links name the heading's own.
        let anchor = id.strip_prefix("user-content-").unwrap_or(&id);
        let link = post_link(&document, path, Some(anchor));
        let text = heading.text_content().unwrap_or_default();
        let label = crate::messages::format("copy.heading", &[("title", text.trim())]);
        let mark = element(
            &document,
            "a",
            &[
                ("class", "hash-link"),
                ("href", &link),
                (COPY_ATTR, &link),
                ("aria-label", &label),
                ("title", crate::messages::t("copy.section")),
            ],
            "",
        );
        let _ = heading.append_child(&mark);
    }
}

/// The site's feeds as `<link rel="alternate">` in `document`'s head names
/// them (written by `papershelf publish` when the site's URL is known), as
/// (label, href): Atom, RSS, JSON Feed. Empty without feeds.
pub fn feeds(document: &Document) -> Vec<(&'static str, String)> {
    [
        ("Atom", "application/atom+xml"),
        ("RSS", "application/rss+xml"),
        ("JSON Feed", "application/feed+json"),
    ]
    .into_iter()
    .filter_map(|(label, kind)| {
        document
            .query_selector(&format!("link[rel=\"alternate\"][type=\"{kind}\"]"))
            .ok()
            .flatten()
            .and_then(|l| l.get_attribute("href"))
            .map(|href| (label, href))
    })
    .collect()
}
