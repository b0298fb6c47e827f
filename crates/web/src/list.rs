//! The home page's list of posts: grouped by month, each post with its date,
//! title, tags and entries. The app and the first view build it with these
//! functions, so the list does not change when the app takes the page over.

use crate::header::{element, tag_href};
use papershelf_core::doc::post_hash;
use papershelf_core::post::Post;
use web_sys::{Document, Element};

/// Fills `container` with `posts` (newest first) grouped by month
/// (`2025-11`), replacing what it held; a line saying nothing matches when
/// there are none. Tags in `selected` (lower case) are highlighted.
pub fn render_posts(container: &Element, posts: &[Post], selected: &[String]) {
    container.set_text_content(None);
    let Some(document) = container.owner_document() else {
        return;
    };
    if posts.is_empty() {
        let empty = element(
            &document,
            "p",
            &[("class", "empty")],
            "No posts match. Remove a tag or change the search.",
        );
        let _ = container.append_child(&empty);
        return;
    }
    let mut month: Option<(&str, Element)> = None;
    for post in posts {
        let label = post.date.get(..7).unwrap_or("undated");
        let list = match &month {
            Some((m, list)) if *m == label => list.clone(),
            _ => {
                let section = element(
                    &document,
                    "section",
                    &[("class", "month"), ("aria-label", label)],
                    "",
                );
                let _ = section.append_child(&element(
                    &document,
                    "h2",
                    &[("class", "month-title")],
                    label,
                ));
                let list = element(&document, "ul", &[("class", "posts")], "");
                let _ = section.append_child(&list);
                let _ = container.append_child(&section);
                month = Some((label, list.clone()));
                list
            }
        };
        let _ = list.append_child(&post_item(&document, post, selected));
    }
}

fn post_item(document: &Document, post: &Post, selected: &[String]) -> Element {
    let item = element(document, "li", &[("class", "post-item")], "");
    let _ = item.append_child(&element(
        document,
        "time",
        &[("class", "date"), ("datetime", &post.date)],
        &post.date,
    ));
    let _ = item.append_child(&element(
        document,
        "a",
        &[
            ("class", "post-title"),
            ("href", &post_hash(&post.path, None)),
        ],
        &post.title,
    ));
    for tag in &post.tags {
        let _ = item.append_child(&tag_link(document, tag, selected));
    }
    let entries = element(document, "ul", &[("class", "entries")], "");
    for entry in &post.entries {
        let li = element(document, "li", &[("class", "entry")], "");
        let href = post_hash(&post.path, Some(&entry.anchor));
        let _ = li.append_child(&element(document, "a", &[("href", &href)], &entry.title));
        for tag in &entry.tags {
            let _ = li.append_child(&tag_link(document, tag, selected));
        }
        let _ = entries.append_child(&li);
    }
    let _ = item.append_child(&entries);
    item
}

/// A tag that filters the posts by itself when followed, highlighted when
/// it is one of `selected`.
fn tag_link(document: &Document, tag: &str, selected: &[String]) -> Element {
    let on = selected.contains(&tag.to_lowercase());
    element(
        document,
        "a",
        &[
            ("class", if on { "tag selected" } else { "tag" }),
            ("href", &tag_href(tag)),
        ],
        tag,
    )
}
