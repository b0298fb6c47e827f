//! A post's header: back link, date, tags, title, and the table of the papers
//! it reviews. The app and the first view build it with this one function, so
//! the header does not change when the app takes the page over.

use crate::keys::{self, KEY_ATTR};
use crate::messages::{self, t};
use papershelf_core::catalog::Filter;
use papershelf_core::doc::{post_hash, Linker, Target};
use papershelf_core::links::{resolve, UrlUse};
use papershelf_core::post::Post;
use papershelf_core::route::Route;
use web_sys::{Document, Element};

/// The home page filtered by `tag` (tags match without regard to case).
pub fn tag_href(tag: &str) -> String {
    Route::Home(Filter {
        tags: vec![tag.to_lowercase()],
        ..Default::default()
    })
    .to_hash()
}

/// An element with attributes and text. Only for the literal tag names of
/// this crate, which `createElement` always accepts.
pub fn element(document: &Document, tag: &str, attrs: &[(&str, &str)], text: &str) -> Element {
    let el = document
        .create_element(tag)
        .expect("createElement accepts a literal HTML tag name");
    for (name, value) in attrs {
        let _ = el.set_attribute(name, value);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    el
}

fn tag_link(document: &Document, tag: &str) -> Element {
    element(
        document,
        "a",
        &[
            ("class", "tag"),
            ("href", &tag_href(tag)),
            (KEY_ATTR, &keys::tag(tag)),
        ],
        tag,
    )
}

/// The post's authors (`authors:`): each with their picture (linked to
/// their page), their name (listing their posts, as a tag does) and what
/// they do. Pictures and pages pass the
/// URL allow-list as a post's own images and links do; `linker` makes
/// their URLs.
fn authors(document: &Document, post: &Post, linker: &dyn Linker) -> Option<Element> {
    if post.authors.is_empty() {
        return None;
    }
    let list = element(
        document,
        "ul",
        &[("class", "post-authors"), ("aria-label", t("authors"))],
        "",
    );
    for author in &post.authors {
        let item = element(document, "li", &[("class", "author")], "");
        let url = |raw: &str, usage: UrlUse| match resolve(raw, &post.path, usage) {
            Ok(target @ (Target::External { .. } | Target::Asset { .. })) => {
                Some(linker.url(&target))
            }
            _ => None,
        };
        // Their picture links to their own page, if they have one.
        if let Some(src) = author
            .image_url
            .as_deref()
            .and_then(|i| url(i, UrlUse::Image))
        {
            let avatar = element(
                document,
                "img",
                &[
                    ("class", "avatar"),
                    ("src", &src),
                    ("alt", ""),
                    ("width", "36"),
                    ("height", "36"),
                    ("loading", "lazy"),
                ],
                "",
            );
            match author.url.as_deref().and_then(|u| url(u, UrlUse::Link)) {
                Some(href) => {
                    let link = element(
                        document,
                        "a",
                        &[
                            ("class", "author-page"),
                            ("href", &href),
                            ("rel", "author noopener"),
                            ("target", "_blank"),
                            ("aria-label", &author.name),
                        ],
                        "",
                    );
                    let _ = link.append_child(&avatar);
                    let _ = item.append_child(&link);
                }
                None => {
                    let _ = item.append_child(&avatar);
                }
            }
        }
        // Their name lists their posts, as a tag does.
        let who = element(document, "span", &[("class", "who")], "");
        let _ = who.append_child(&element(
            document,
            "a",
            &[
                ("class", "name"),
                ("href", &tag_href(&author.name)),
                (KEY_ATTR, &keys::tag(&author.name)),
            ],
            &author.name,
        ));
        if let Some(title) = &author.title {
            let _ = who.append_child(&element(
                document,
                "span",
                &[("class", "author-title")],
                title,
            ));
        }
        let _ = item.append_child(&who);
        let _ = list.append_child(&item);
    }
    Some(list)
}

/// Fills `container` with the header of `post`, replacing what it held;
/// `linker` makes the URLs of its authors' pictures and pages.
pub fn render_into(container: &Element, post: &Post, linker: &dyn Linker) {
    container.set_text_content(None);
    let Some(document) = container.owner_document() else {
        return;
    };
    let meta = element(&document, "div", &[("class", "post-meta")], "");
    let _ = meta.append_child(&element(
        &document,
        "a",
        &[("class", "back"), ("href", "#/"), (KEY_ATTR, "back")],
        t("back.posts"),
    ));
    let date = element(
        &document,
        "time",
        &[("class", "date"), ("datetime", &post.date)],
        &messages::date(&post.date, true),
    );
    let _ = meta.append_child(&date);
    if post.minutes > 0 {
        let minutes = messages::format("minutes", &[("n", &post.minutes.to_string())]);
        let _ = meta.append_child(&element(
            &document,
            "span",
            &[("class", "minutes")],
            &minutes,
        ));
    }
    for tag in &post.tags {
        let _ = meta.append_child(&tag_link(&document, tag));
    }
    if let Some(copy) = crate::share::copy_button(&document, &post.path) {
        let _ = meta.append_child(&copy);
    }
    let _ = container.append_child(&meta);
    let title = element(&document, "h1", &[("class", "post-title")], &post.title);
    let _ = container.append_child(&title);
    if let Some(authors) = authors(&document, post, linker) {
        let _ = container.append_child(&authors);
    }
    if post.entries.is_empty() {
        return;
    }
    let toc = element(
        &document,
        "nav",
        &[("class", "toc"), ("aria-label", t("toc"))],
        "",
    );
    let list = element(&document, "ul", &[], "");
    for entry in &post.entries {
        let key = format!("entry:{}", entry.anchor);
        let item = element(&document, "li", &[(KEY_ATTR, &key)], "");
        if let Some(n) = entry.number {
            let _ = item.append_child(&element(
                &document,
                "span",
                &[("class", "num")],
                &format!("{n}."),
            ));
        }
        let href = post_hash(&post.path, Some(&entry.anchor));
        let _ = item.append_child(&element(
            &document,
            "a",
            &[("href", &href), (KEY_ATTR, "link")],
            &entry.title,
        ));
        for tag in &entry.tags {
            let _ = item.append_child(&tag_link(&document, tag));
        }
        let _ = list.append_child(&item);
    }
    let _ = toc.append_child(&list);
    let _ = container.append_child(&toc);
}
