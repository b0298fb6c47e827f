//! The home page's list of posts (grouped by month, each post with its date,
//! title, tags and entries) and the papers page's cards. The app and the
//! first view build them with these functions, so a list does not change
//! when the app takes the page over.

use crate::header::{element, tag_href};
use crate::keys::{self, KEY_ATTR};
use crate::messages::{self, t};
use crate::visit::NEW_ATTR;
use papershelf_core::catalog::Paper;
use papershelf_core::doc::post_hash;
use papershelf_core::links::{is_external, UrlUse};
use papershelf_core::post::Post;
use papershelf_core::route::paper_hash;
use web_sys::{Document, Element};

/// Empties `container` for a list; when the list is `empty`, says nothing
/// matches (the message `says`) and returns `None`, else the document to
/// build it in.
fn emptied(container: &Element, empty: bool, says: &'static str) -> Option<Document> {
    container.set_text_content(None);
    let document = container.owner_document()?;
    if empty {
        let line = t(says);
        let _ = container.append_child(&element(&document, "p", &[("class", "empty")], line));
        return None;
    }
    Some(document)
}

/// Fills `container` with `posts` (newest first) grouped by month
/// (`2025-11`), replacing what it held; a line saying nothing matches when
/// there are none. Tags in `selected` (lower case) are highlighted.
pub fn render_posts(container: &Element, posts: &[Post], selected: &[String]) {
    let Some(document) = emptied(container, posts.is_empty(), "empty.posts") else {
        return;
    };
    let mut month: Option<(&str, Element)> = None;
    for post in posts {
        let month_of = post.date.get(..7).unwrap_or("undated");
        let list = match &month {
            Some((m, list)) if *m == month_of => list.clone(),
            _ => {
                let label = &messages::messages().month(month_of);
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
                month = Some((month_of, list.clone()));
                list
            }
        };
        let _ = list.append_child(&post_item(&document, post, selected));
    }
}

/// Fills `container` with a card for each of `papers`, replacing what it
/// held; a line saying nothing matches when there are none. Tags in
/// `selected` (lower case) are highlighted.
pub fn render_papers(container: &Element, papers: &[Paper], selected: &[String]) {
    let Some(document) = emptied(container, papers.is_empty(), "empty.papers") else {
        return;
    };
    let cards = element(&document, "ul", &[("class", "paper-cards")], "");
    for paper in papers {
        let _ = cards.append_child(&paper_card(&document, paper, selected));
    }
    let _ = container.append_child(&cards);
}

/// One paper: its title (linking to its page), subtitle, its link, tags, and
/// a link to every review of it.
fn paper_card(document: &Document, paper: &Paper, selected: &[String]) -> Element {
    let key = match paper.reviews.first() {
        Some(review) => format!(
            "paper:{}",
            post_hash(&review.post_path, Some(&review.anchor))
        ),
        None => format!("paper:{}", paper.title),
    };
    let card = element(
        document,
        "li",
        &[("class", "paper-card"), (KEY_ATTR, &key)],
        "",
    );
    // The title leads to the paper's page (every review of it, its BibTeX).
    let heading = element(document, "h2", &[("class", "paper-title")], "");
    let _ = heading.append_child(&element(
        document,
        "a",
        &[("href", &paper_hash(&paper.key)), (KEY_ATTR, "title")],
        &paper.title,
    ));
    let _ = card.append_child(&heading);
    if crate::visit::is_new_paper(paper) {
        mark_new(&heading);
        let _ = card.set_attribute(NEW_ATTR, "");
    }
    if let Some(subtitle) = &paper.subtitle {
        let _ = card.append_child(&element(
            document,
            "p",
            &[("class", "paper-subtitle")],
            subtitle,
        ));
    }
    let tags = element(document, "div", &[("class", "paper-tags")], "");
    // The paper itself, if the URL-scheme allow-list keeps its link: the index may be another tool's.
    if let Some(url) = paper
        .url
        .as_deref()
        .filter(|url| is_external(url, UrlUse::Link))
    {
        let _ = tags.append_child(&element(
            document,
            "a",
            &[
                ("class", "paper-link"),
                ("href", url),
                ("target", "_blank"),
                ("rel", "noopener noreferrer"),
                (KEY_ATTR, "source"),
            ],
            t("paper.source"),
        ));
    }
    for tag in &paper.tags {
        let _ = tags.append_child(&tag_link(document, tag, selected));
    }
    let _ = card.append_child(&tags);
    let reviews = element(document, "ul", &[("class", "reviews")], "");
    for review in &paper.reviews {
        let href = post_hash(&review.post_path, Some(&review.anchor));
        let link = element(
            document,
            "a",
            &[
                ("class", "review-link"),
                ("href", &href),
                (KEY_ATTR, &format!("review:{href}")),
            ],
            "",
        );
        // "Review, <time>", the date where the message has its slot.
        let says = t("review");
        let (before, after) = says.split_once("{date}").unwrap_or((says, ""));
        let _ = link.append_with_str_1(before);
        let _ = link.append_child(&element(
            document,
            "time",
            &[("datetime", &review.date)],
            &messages::date(&review.date, false),
        ));
        if !after.is_empty() {
            let _ = link.append_with_str_1(after);
        }
        let li = element(document, "li", &[], "");
        let _ = li.append_child(&link);
        let _ = reviews.append_child(&li);
    }
    let _ = card.append_child(&reviews);
    card
}

fn post_item(document: &Document, post: &Post, selected: &[String]) -> Element {
    let key = format!("post:{}", post.path);
    let item = element(
        document,
        "li",
        &[("class", "post-item"), (KEY_ATTR, &key)],
        "",
    );
    let new = crate::visit::is_new(post);
    let _ = item.append_child(&element(
        document,
        "time",
        &[("class", "date"), ("datetime", &post.date)],
        &messages::date(&post.date, false),
    ));
    let _ = item.append_child(&element(
        document,
        "a",
        &[
            ("class", "post-title"),
            ("href", &post_hash(&post.path, None)),
            (KEY_ATTR, "title"),
        ],
        &post.title,
    ));
    if new {
        mark_new(&item);
    }
    for tag in &post.tags {
        let _ = item.append_child(&tag_link(document, tag, selected));
    }
    // What the author marked as the post's start (`<!-- truncate -->`).
    if !post.excerpt.is_empty() {
        let _ = item.append_child(&element(
            document,
            "p",
            &[("class", "excerpt")],
            &post.excerpt,
        ));
    }
    let entries = element(document, "ul", &[("class", "entries")], "");
    for entry in &post.entries {
        let key = format!("entry:{}", entry.anchor);
        let li = element(document, "li", &[("class", "entry"), (KEY_ATTR, &key)], "");
        let href = post_hash(&post.path, Some(&entry.anchor));
        let _ = li.append_child(&element(
            document,
            "a",
            &[("href", &href), (KEY_ATTR, "link")],
            &entry.title,
        ));
        for tag in &entry.tags {
            let _ = li.append_child(&tag_link(document, tag, selected));
        }
        let _ = entries.append_child(&li);
    }
    let _ = item.append_child(&entries);
    item
}

/// Marks `el` (a post's list item, a paper's title) with "New": a visible,
/// translated word after what it holds, and on a list item [`NEW_ATTR`].
fn mark_new(el: &Element) {
    let Some(document) = el.owner_document() else {
        return;
    };
    if el.tag_name().eq_ignore_ascii_case("li") {
        let _ = el.set_attribute(NEW_ATTR, "");
    }
    let _ = el.append_with_str_1(" ");
    let _ = el.append_child(&element(
        &document,
        "span",
        &[("class", "new-mark")],
        t("new"),
    ));
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
            (KEY_ATTR, &keys::tag(tag)),
        ],
        tag,
    )
}
