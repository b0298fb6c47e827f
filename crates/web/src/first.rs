//! The first view: a linked post on screen before the app has downloaded.
//!
//! On a link to a post (`#/post/…`), the boot script loads the small reader
//! module (`crates/reader-wasm`, the core without Leptos) beside the post,
//! and [`show`] builds the page the app would build: the site header, the
//! post's header and its body. The app then loads, mounts out of sight
//! ([`wait`]) and, when its own page for that post is ready, takes the view
//! over in one step ([`take_over`]): the post's body nodes move into the app
//! (images already loaded stay loaded), the first view goes, the app appears
//! at the same scroll position with the keyboard focus where it was. If the
//! app shows another page first, [`hand_off`] just gives way. Until then the
//! first view is a page of plain links: following one changes the hash,
//! which the app reads when it starts.
//!
//! The post header and body come from the same code as the app's
//! ([`header`], [`dom`]); the site header here mirrors the app's `Viewer`
//! markup, and `tests/e2e/first-view.test.mjs` checks the two are the same.

use crate::theme::Choice;
use crate::{dom, find_anchor, header, CONTENT_BASE};
use papershelf_core::doc::HashLinker;
use papershelf_core::post::{post_stem, Post};
use papershelf_core::route::Route;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// Marks the first view's root; its value is the path of the post shown.
pub const VIEW_ATTR: &str = "data-first-view";
/// Marks the app's root while it waits out of sight (`display: none` in the style sheet).
pub const WAIT_ATTR: &str = "data-waiting";

/// The site header the app's viewer has (brand, sections, search box, theme toggle), for
/// a page that is not one of the sections.
pub fn site_header(document: &Document, theme: Choice) -> Element {
    let el =
        |tag: &str, attrs: &[(&str, &str)], text: &str| header::element(document, tag, attrs, text);
    let bar = el("header", &[("class", "site-header")], "");
    let _ = bar.append_child(&el(
        "a",
        &[("class", "brand"), ("href", "#/")],
        "papershelf",
    ));
    let nav = el(
        "nav",
        &[("class", "site-nav"), ("aria-label", "Sections")],
        "",
    );
    for (href, text) in [("#/", "Posts"), ("#/papers", "Papers"), ("#/tags", "Tags")] {
        let _ = nav.append_child(&el("a", &[("href", href)], text));
    }
    let _ = bar.append_child(&nav);
    // The app's search box (it works once the app has taken over), so the
    // header keeps its height.
    let search = el("form", &[("class", "site-search"), ("role", "search")], "");
    let _ = search.append_child(&el(
        "input",
        &[
            ("type", "search"),
            ("name", "q"),
            ("aria-label", "Search the reviews"),
            ("aria-keyshortcuts", "/ Control+K Meta+K"),
            ("placeholder", "Search reviews  /"),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            ("enterkeyhint", "search"),
        ],
        "",
    ));
    let _ = bar.append_child(&search);
    let label = theme.label();
    let toggle = el(
        "button",
        &[
            ("class", "theme-toggle"),
            ("type", "button"),
            ("aria-label", label),
            ("title", label),
        ],
        theme.glyph(),
    );
    let _ = bar.append_child(&toggle);
    bar
}

/// Shows the post the page's `hash` links to, whose text `text` was fetched
/// from `url`, as the app would show it. Returns whether it did: nothing is
/// shown when `hash` is not a post's or names another file than `url`.
pub fn show(hash: &str, url: &str, text: &str) -> bool {
    let Route::Post { path, anchor } = Route::from_hash(hash) else {
        return false;
    };
    // The route names the post without its extension: the file may be `.mdx`.
    let Some(path) = url
        .strip_prefix(CONTENT_BASE)
        .filter(|file| post_stem(file) == post_stem(&path) && *file != post_stem(file))
        .map(str::to_string)
    else {
        return false;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(body) = document.body() else {
        return false;
    };
    let parsed = Post::parse(&path, text);
    let el = |tag: &str, attrs: &[(&str, &str)], text: &str| {
        header::element(&document, tag, attrs, text)
    };

    let theme = Choice::stored();
    let root = el("div", &[("class", "papershelf"), (VIEW_ATTR, &path)], "");
    if let Some(attr) = theme.attr() {
        let _ = root.set_attribute("data-theme", attr);
    }
    let _ = root.append_child(&el(
        "a",
        &[("class", "skip-link"), ("href", "#main")],
        "Skip to content",
    ));
    let _ = root.append_child(&site_header(&document, theme));
    let main = el("main", &[("class", "page"), ("tabindex", "-1")], "");
    let article = el("article", &[("class", "post")], "");
    let head = el("div", &[("class", "post-head")], "");
    header::render_into(&head, &parsed.post);
    let post_body = el("div", &[("class", "post-body")], "");
    let linker = HashLinker {
        content_base: CONTENT_BASE.into(),
    };
    dom::render_into(&post_body, parsed.doc().after_title(), &linker);
    let _ = article.append_child(&head);
    let _ = article.append_child(&post_body);
    let _ = main.append_child(&article);
    let _ = root.append_child(&main);

    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    let _ = body.append_child(&root);
    document.set_title(&format!("{} · papershelf", parsed.post.title));
    if let Some(target) = anchor.and_then(|a| find_anchor(&post_body, &a)) {
        target.scroll_into_view();
    }
    true
}

fn first_view(document: &Document) -> Option<Element> {
    document
        .query_selector(&format!("[{VIEW_ATTR}]"))
        .ok()
        .flatten()
}

/// The first view, if it shows the post at `path`.
fn showing(path: &str) -> Option<Element> {
    let view = first_view(&web_sys::window()?.document()?)?;
    let shown = view.get_attribute(VIEW_ATTR)?;
    (post_stem(&shown) == post_stem(path)).then_some(view)
}

/// Scrolls the first view to the heading the page's `hash` names, when the
/// hash links to the post it shows (a link in its table of entries, before
/// the app is there to follow it). Returns whether it did.
pub fn follow(hash: &str) -> bool {
    let Route::Post {
        path,
        anchor: Some(anchor),
    } = Route::from_hash(hash)
    else {
        return false;
    };
    let Some(target) = showing(&path).and_then(|view| find_anchor(&view, &anchor)) else {
        return false;
    };
    target.scroll_into_view();
    true
}

/// Keeps the app's `root` out of sight while a first view is shown; returns
/// whether one is.
pub fn wait(root: &Element) -> bool {
    let shown = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| first_view(&d))
        .is_some();
    if shown {
        let _ = root.set_attribute(WAIT_ATTR, "");
    }
    shown
}

/// Whether the first view shows the post at `path` (not yet handed off).
pub fn shows(path: &str) -> bool {
    showing(path).is_some()
}

/// Takes the first view over if it shows the post at `path`: its body nodes
/// move into `container` (replacing what it held), then [`hand_off`].
/// Returns whether it did.
pub fn take_over(path: &str, container: &Element) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Some(view) = showing(path) else {
        return false;
    };
    let Some(body) = view.query_selector(".post-body").ok().flatten() else {
        return false;
    };
    replace(&window, &view, || {
        container.set_text_content(None);
        while let Some(child) = body.first_child() {
            let _ = container.append_child(&child);
        }
    });
    true
}

/// Removes the first view and shows the waiting app in its place, at the
/// same scroll position. Does nothing when there is no first view.
pub fn hand_off() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(view) = window.document().and_then(|d| first_view(&d)) else {
        return;
    };
    replace(&window, &view, || {});
}

/// The element of `view` that has the keyboard focus, if one has.
fn focused_in(view: &Element) -> Option<web_sys::HtmlElement> {
    let active = view.owner_document()?.active_element()?;
    view.contains(Some(&active))
        .then(|| active.dyn_into().ok())
        .flatten()
}

/// The waiting app in place of `view`, at the same scroll position, after
/// `move_nodes` has moved what the app takes from it. The focus, if the
/// first view had it, goes back to the same element when it moved into the
/// app (the body's nodes), else to the app's page.
fn replace(window: &web_sys::Window, view: &Element, move_nodes: impl FnOnce()) {
    // Read before the page changes: moving nodes out clamps the scroll and
    // takes the focus away.
    let y = window.scroll_y().unwrap_or(0.0);
    let focused = focused_in(view);
    move_nodes();
    view.remove();
    let mut shown = Vec::new();
    if let Some(document) = window.document() {
        if let Ok(waiting) = document.query_selector_all(&format!("[{WAIT_ATTR}]")) {
            for i in 0..waiting.length() {
                if let Some(el) = waiting.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = el.remove_attribute(WAIT_ATTR);
                    shown.push(el);
                }
            }
        }
    }
    window.scroll_to_with_x_and_y(0.0, y);
    if let Some(focused) = focused {
        let target = if focused.is_connected() {
            Some(focused)
        } else {
            shown
                .iter()
                .find_map(|root| root.query_selector("main").ok().flatten())
                .and_then(|main| main.dyn_into().ok())
        };
        if let Some(target) = target {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = target.focus_with_options(&options);
        }
    }
}
