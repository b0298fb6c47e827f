//! The top of every page: the skip link and the site header (the site's
//! name, the sections, the search box, the theme toggle). The app and the
//! first view draw them with these functions; the app then gives the
//! controls their work (`src/lib.rs`), the first view leaves them as links.

use crate::header::element;
use crate::keys::KEY_ATTR;
use crate::messages::t;
use crate::theme::Choice;
use web_sys::Element;

/// The sections in the header: their route and the key of their name.
pub const SECTIONS: [(&str, &str); 4] = [
    ("#/", "nav.posts"),
    ("#/papers", "nav.papers"),
    ("#/tags", "nav.tags"),
    ("#/archive", "nav.archive"),
];

/// The key of the header's search box.
pub const SEARCH_KEY: &str = "search";
/// The key of the theme toggle.
pub const THEME_KEY: &str = "theme";

/// Makes `link` (an `<a>`) the skip link to the page's `<main id="main">`.
pub fn dress_skip_link(link: &Element) {
    let _ = link.set_attribute("class", "skip-link");
    let _ = link.set_attribute("href", "#main");
    let _ = link.set_attribute(KEY_ATTR, "skip");
    link.set_text_content(Some(t("skip")));
}

/// Fills `header` (a `<header>`) with the site's name `brand`, the
/// sections (the one at `current` marked as the page shown), the search box
/// and the theme toggle showing `theme`, replacing what it held.
pub fn fill(header: &Element, brand: &str, current: Option<&str>, theme: Choice) {
    header.set_text_content(None);
    let Some(document) = header.owner_document() else {
        return;
    };
    let el = |tag: &str, attrs: &[(&str, &str)], text: &str| element(&document, tag, attrs, text);
    let _ = header.set_attribute("class", "site-header");
    let _ = header.append_child(&el(
        "a",
        &[("class", "brand"), ("href", "#/"), (KEY_ATTR, "brand")],
        brand,
    ));
    let nav = el(
        "nav",
        &[("class", "site-nav"), ("aria-label", t("nav.label"))],
        "",
    );
    for (href, name) in SECTIONS {
        let key = format!("section:{href}");
        let _ = nav.append_child(&el("a", &[("href", href), (KEY_ATTR, &key)], t(name)));
    }
    let _ = header.append_child(&nav);
    mark_current(header, current);
    show_new(header);
    let search = el("form", &[("class", "site-search"), ("role", "search")], "");
    let _ = search.append_child(&el(
        "input",
        &[
            ("type", "search"),
            ("name", "q"),
            ("aria-label", t("search.label")),
            ("aria-keyshortcuts", "/ Control+K Meta+K"),
            ("placeholder", t("search.placeholder")),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            ("enterkeyhint", "search"),
            (KEY_ATTR, SEARCH_KEY),
        ],
        "",
    ));
    let _ = header.append_child(&search);
    let toggle = el(
        "button",
        &[
            ("class", "theme-toggle"),
            ("type", "button"),
            (KEY_ATTR, THEME_KEY),
        ],
        "",
    );
    show_theme(&toggle, theme);
    let _ = header.append_child(&toggle);
}

/// Marks the section at `current` (its route, as in [`SECTIONS`]) as the
/// page shown, and no other.
pub fn mark_current(header: &Element, current: Option<&str>) {
    let Ok(links) = header.query_selector_all(".site-nav a") else {
        return;
    };
    for link in (0..links.length()).filter_map(|i| links.item(i)) {
        let Some(link) = wasm_bindgen::JsCast::dyn_ref::<Element>(&link) else {
            continue;
        };
        if current.is_some() && link.get_attribute("href").as_deref() == current {
            let _ = link.set_attribute("aria-current", "page");
        } else {
            let _ = link.remove_attribute("aria-current");
        }
    }
}

/// Shows on the posts section of `header` how many posts are new since the
/// reader's last visit (`crate::visit`), if any.
pub fn show_new(header: &Element) {
    let Ok(Some(posts)) = header.query_selector(".site-nav a[href=\"#/\"]") else {
        return;
    };
    if let Ok(Some(old)) = posts.query_selector(".new-count") {
        old.remove();
    }
    let Some(n) = crate::visit::new_count().filter(|n| *n > 0) else {
        return;
    };
    let Some(document) = header.owner_document() else {
        return;
    };
    let said = crate::messages::count("new.count", n);
    let badge = element(
        &document,
        "span",
        &[("class", "new-count"), ("title", &said)],
        "",
    );
    let _ = badge.append_child(&element(
        &document,
        "span",
        &[("aria-hidden", "true")],
        &n.to_string(),
    ));
    let _ = badge.append_child(&element(
        &document,
        "span",
        &[("class", "visually-hidden")],
        &said,
    ));
    let _ = posts.append_child(&badge);
}

/// Shows `theme` on the theme toggle `button`: its glyph, and what
/// pressing it does as its name.
pub fn show_theme(button: &Element, theme: Choice) {
    let _ = button.set_attribute("aria-label", theme.label());
    let _ = button.set_attribute("title", theme.label());
    button.set_text_content(Some(theme.glyph()));
}

/// The control with key `key` in `header` ([`SEARCH_KEY`], [`THEME_KEY`]).
pub fn control(header: &Element, key: &str) -> Option<Element> {
    header
        .query_selector(&format!("[{KEY_ATTR}=\"{key}\"]"))
        .ok()
        .flatten()
}
