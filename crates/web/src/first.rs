//! The first view: a linked post, the home page or the papers page, on
//! screen before the app has downloaded.
//!
//! On a link to a post (`#/post/…`), the boot code loads the small lists
//! module (`crates/lists-wasm`) beside the post and its drawing ahead
//! (`content/_papershelf/drawn/`), and [`show_drawn`] builds the page the app would
//! build from that drawing: the site header, the post's header and its
//! body. A post with no current drawing is left to the app, which draws it
//! from its text. On the home page and the papers page, [`show_list`]
//! builds the first screen from `_papershelf/front.json`. The app then loads, mounts
//! out of sight ([`wait`]) and, when its own page for that post is ready,
//! takes the view over in one step ([`take_over`]): the post's body nodes
//! move into the app (images already loaded stay loaded), the first view
//! goes, the app appears at the same scroll position with the keyboard focus
//! where it was. If the app shows another page first (or a list page once
//! its index is in), [`hand_off`] just gives way. Until then the
//! first view is a page of plain links: following one changes the hash,
//! which the app reads when it starts.
//!
//! The post header and body come from the same code as the app's
//! ([`header`], [`dom`]); the site header here mirrors the app's `Viewer`
//! markup, and `tests/e2e/first-view.test.mjs` checks the two are the same.

use crate::theme::Choice;
use crate::{
    dom, filters, find_anchor, header, keys, list, messages, share, site_header, CONTENT_BASE,
};
use papershelf_core::catalog::Filter;
use papershelf_core::doc::{HashLinker, Node};
use papershelf_core::front::{Front, PapersFront, FRONT_PAPERS, FRONT_POSTS};
use papershelf_core::index::INDEX_VERSION;
use papershelf_core::post::{post_stem, Post};
use papershelf_core::route::Route;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// Marks the first view's root; its value is the path of the post shown.
pub const VIEW_ATTR: &str = "data-first-view";
/// Marks the app's root while it waits out of sight (`display: none` in the style sheet).
pub const WAIT_ATTR: &str = "data-waiting";

/// The value of [`VIEW_ATTR`] on the first view of the home page (no post's
/// path starts with `#`).
pub const HOME_VIEW: &str = "#/";
/// The value of [`VIEW_ATTR`] on the first view of the papers page.
pub const PAPERS_VIEW: &str = "#/papers";

/// Shows the post the page's `hash` links to, fetched from `url`, from what
/// `papershelf index` drew of it ahead: its header `post` and its `body`
/// (read back through the allow-list, `papershelf_core::tree`). Returns
/// whether it did: nothing is shown when `hash` is not a post's, names
/// another file than `url`, or `post` is another file's.
pub fn show_drawn(hash: &str, url: &str, post: &Post, body: &[Node]) -> bool {
    match linked(hash, url) {
        Some((path, anchor)) if post.path == path => draw(&path, anchor, post, body),
        _ => false,
    }
}

/// The path (in the content directory) and heading of the post `hash`
/// links to, when its file is `url`.
fn linked(hash: &str, url: &str) -> Option<(String, Option<String>)> {
    let Route::Post { path, anchor } = Route::from_hash(hash) else {
        return None;
    };
    // The route names the post without its extension: the file may be `.mdx`.
    let path = url
        .strip_prefix(CONTENT_BASE)
        .filter(|file| post_stem(file) == post_stem(&path) && *file != post_stem(file))?;
    Some((path.to_string(), anchor))
}

/// Draws the post at `path` (its header `post` and its `body`), scrolled to
/// the heading `anchor` names, if one does.
fn draw(path: &str, anchor: Option<String>, post: &Post, body: &[Node]) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(page) = document.body() else {
        return false;
    };
    let el = |tag: &str, attrs: &[(&str, &str)], text: &str| {
        header::element(&document, tag, attrs, text)
    };

    let (root, main) = frame(&document, path, None);
    let article = el("article", &[("class", "post")], "");
    let head = el("div", &[("class", "post-head")], "");
    let linker = HashLinker {
        content_base: CONTENT_BASE.into(),
    };
    header::render_into(&head, post, &linker);
    let post_body = el("div", &[("class", "post-body")], "");
    dom::render_into(&post_body, body, &linker);
    share::mark_headings(&post_body, path);
    let _ = article.append_child(&head);
    let _ = article.append_child(&post_body);
    let _ = main.append_child(&article);
    let _ = root.append_child(&main);

    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    let _ = page.append_child(&root);
    document.set_title(&share::page_title(&document, &post.title));
    if let Some(target) = anchor.and_then(|a| find_anchor(&post_body, &a)) {
        target.scroll_into_view();
    }
    true
}

/// A first view's root (theme, skip link, site header) and its empty
/// `<main>`, as the app's viewer has them; `shown` is [`VIEW_ATTR`]'s value.
fn frame(document: &Document, shown: &str, current: Option<&str>) -> (Element, Element) {
    let el =
        |tag: &str, attrs: &[(&str, &str)], text: &str| header::element(document, tag, attrs, text);
    let theme = Choice::stored();
    let root = el(
        "div",
        &[
            ("class", "papershelf"),
            ("lang", messages::lang()),
            (VIEW_ATTR, shown),
        ],
        "",
    );
    if let Some(attr) = theme.attr() {
        let _ = root.set_attribute("data-theme", attr);
    }
    let skip = el("a", &[], "");
    site_header::dress_skip_link(&skip);
    let _ = root.append_child(&skip);
    let header = el("header", &[], "");
    site_header::fill(&header, &share::site_name(document), current, theme);
    let _ = root.append_child(&header);
    // The app's page has the same id: until it takes over (and this view
    // goes) it waits out of sight, and the skip link finds this one first.
    let main = el(
        "main",
        &[("class", "page"), ("id", "main"), ("tabindex", "-1")],
        "",
    );
    (root, main)
}

/// Shows the first screen of the home page or the papers page, from
/// `front` (`_papershelf/front.json`), as the app would show it, when the page's
/// `hash` is either with no filter. Returns whether it did. Until the app
/// takes over, a tag in the filter opens the list filtered by it, and words
/// typed into the title box are kept in the route: the app opens on either.
pub fn show_list(hash: &str, front: &Front) -> bool {
    let route = Route::from_hash(hash);
    let list = match (&route, &front.papers) {
        _ if front.version != INDEX_VERSION => return false,
        (Route::Home(filter), _) if *filter == Filter::default() => List::Posts,
        (Route::Papers(filter), Some(papers)) if *filter == Filter::default() => {
            List::Papers(papers)
        }
        _ => return false,
    };
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Some((document, body)) = window.document().and_then(|d| Some((d.clone(), d.body()?)))
    else {
        return false;
    };
    let el = |tag: &str, attrs: &[(&str, &str)], text: &str| {
        header::element(&document, tag, attrs, text)
    };
    // The visit begins: what is new since the last one is marked from here on.
    crate::visit::begin(&front.posts);
    let Shape {
        view,
        title,
        counted,
        step,
        total,
        facets,
        shown,
        again,
    } = list.shape(front);
    let (root, main) = frame(&document, view, Some(view));
    let _ = main.append_child(&el("h1", &[("class", "page-title")], title));
    let bar = el("section", &[], "");
    filters::dress_bar(&bar, counted, true);
    let shown_bar = filters::Shown {
        filter: &Filter::default(),
        facets,
        all_tags: false,
        again,
    };
    filters::show_bar(&bar, counted, &shown_bar);
    let _ = main.append_child(&bar);
    let count = el("p", &[], "");
    filters::dress_count(&count);
    filters::show_count(&count, counted, total);
    let _ = main.append_child(&count);
    match list {
        List::Posts => {
            let container = el("div", &[("class", "post-list")], "");
            list::render_posts(&container, &front.posts, &[]);
            let _ = main.append_child(&container);
        }
        List::Papers(papers) => {
            let container = el("div", &[("class", "paper-list")], "");
            list::render_papers(&container, &papers.cards, &[]);
            let _ = main.append_child(&container);
        }
    }
    let remaining = total.saturating_sub(shown);
    if remaining > 0 {
        let more = el("button", &[], "");
        filters::dress_show_more(&more, remaining, step);
        let _ = main.append_child(&more);
    }
    let _ = root.append_child(&main);
    until_the_app(&main, route, shown, step, facets.to_vec(), counted, again);
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    let _ = body.append_child(&root);
    if let List::Papers(_) = list {
        document.set_title(&share::page_title(&document, title));
    }
    true
}

/// What a list's first view does with a press until the app takes over
/// (read by [`filters::action`], as the app reads it): a tag, or words in
/// the title box, change the route the app opens on; every tag is shown at
/// once; "Show more" is noted ([`LIMIT_ATTR`]) for the app, which has the
/// items. The app takes all of it over with [`asked`].
fn until_the_app(
    main: &Element,
    route: Route,
    shown: usize,
    step: usize,
    facets: Vec<(String, usize)>,
    counted: filters::Counted,
    again: Option<usize>,
) {
    let at = main.clone();
    let on_click = move |event: web_sys::Event| {
        let Some(action) = filters::action(&event) else {
            return;
        };
        match action {
            filters::Action::MoreTags => {
                let Some(bar) = at.query_selector(".filters").ok().flatten() else {
                    return;
                };
                let shown = filters::Shown {
                    filter: &Filter::default(),
                    facets: &facets,
                    all_tags: !all_tags_shown(&bar),
                    again,
                };
                filters::show_bar(&bar, counted, &shown);
            }
            filters::Action::ShowMore => {
                let asked = at
                    .get_attribute(LIMIT_ATTR)
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or(shown);
                let _ = at.set_attribute(LIMIT_ATTR, &(asked + step).to_string());
            }
            other => {
                let Some(filter) = other.apply(&Filter::default()) else {
                    return;
                };
                let hash = route.with_filter(filter).to_hash();
                if let Some(window) = web_sys::window() {
                    // Words typed replace the route; a tag is a step back can undo.
                    let _ = match other {
                        filters::Action::Text(_) => window.location().replace(&hash),
                        _ => window.location().set_hash(&hash),
                    };
                }
            }
        }
    };
    let on_input = on_click.clone();
    dom::listen(main, "click", on_click).keep();
    dom::listen(main, "input", on_input).keep();
}

/// Whether the filter bar `bar` shows every tag.
fn all_tags_shown(bar: &Element) -> bool {
    bar.query_selector(&format!(
        "[{}=\"{}\"]",
        keys::KEY_ATTR,
        filters::MORE_TAGS_KEY
    ))
    .ok()
    .flatten()
    .and_then(|b| b.get_attribute("aria-expanded"))
    .is_some_and(|e| e == "true")
}

/// On a list's first view's `<main>`: how many items the reader asked to
/// see with "Show more", for the app to show when it takes over.
pub const LIMIT_ATTR: &str = "data-limit";

/// What the reader asked of a list's first view that only the app can do:
/// more items than the first screen holds, and every tag shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Asked {
    /// How many items to show, when "Show more" was pressed.
    pub limit: Option<usize>,
    /// Whether every tag is shown.
    pub all_tags: bool,
}

/// What the reader asked of the first view of a list page, if one is shown.
pub fn asked() -> Asked {
    let Some(view) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| first_view(&d))
    else {
        return Asked::default();
    };
    let limit = view
        .query_selector(&format!("[{LIMIT_ATTR}]"))
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute(LIMIT_ATTR)?.parse().ok());
    let all_tags = view
        .query_selector(".filters")
        .ok()
        .flatten()
        .is_some_and(|bar| all_tags_shown(&bar));
    Asked { limit, all_tags }
}

/// Which list a first view shows (the papers page's from the front's own part).
#[derive(Clone, Copy)]
enum List<'a> {
    Posts,
    Papers(&'a PapersFront),
}

/// What a list's first screen says: which view it is, its title, what it
/// counts, how many "Show more" adds, and from the front its total, its
/// facets and how many it shows.
struct Shape<'a> {
    view: &'static str,
    title: &'static str,
    counted: filters::Counted,
    step: usize,
    total: usize,
    facets: &'a [(String, usize)],
    shown: usize,
    again: Option<usize>,
}

impl<'a> List<'a> {
    fn shape(self, front: &'a Front) -> Shape<'a> {
        match self {
            List::Posts => Shape {
                view: HOME_VIEW,
                title: messages::t("title.posts"),
                counted: filters::POSTS,
                step: FRONT_POSTS,
                total: front.total,
                facets: &front.facets,
                shown: front.posts.len(),
                again: None,
            },
            List::Papers(papers) => Shape {
                view: PAPERS_VIEW,
                title: messages::t("title.papers"),
                counted: filters::PAPERS,
                step: FRONT_PAPERS,
                total: papers.total,
                facets: &papers.facets,
                shown: papers.cards.len(),
                again: Some(papers.again),
            },
        }
    }
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

/// Whether the first view shows the list page `view` ([`HOME_VIEW`] or
/// [`PAPERS_VIEW`]), not yet handed off.
pub fn shows_list(view: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| first_view(&d))
        .and_then(|v| v.get_attribute(VIEW_ATTR))
        .is_some_and(|shown| shown == view)
}

/// Whether the first view shows the post at `path` (not yet handed off).
pub fn shows(path: &str) -> bool {
    showing(path).is_some()
}

/// Marks a first view whose post has changed since the copy it shows (the
/// service worker said so): it is not taken over.
pub const STALE_ATTR: &str = "data-stale";

/// Takes the first view over if it shows the post at `path`: its body nodes
/// move into `container` (replacing what it held), then [`hand_off`].
/// Returns whether it did (not for a first view marked [`STALE_ATTR`]).
pub fn take_over(path: &str, container: &Element) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Some(view) = showing(path).filter(|v| !v.has_attribute(STALE_ATTR)) else {
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

/// Where the focus goes back to after the first view is replaced: the
/// focused element itself if the app took it over (a post's body), else the
/// element of the app with its key path ([`keys`]: the link, tag or box the
/// reader was on, a box with the words typed into it), else the app's page.
struct Refocus {
    focused: web_sys::HtmlElement,
    keys: Vec<String>,
    /// Where the caret was in a focused text box (typing goes on there).
    caret: Option<(u32, u32)>,
}

impl Refocus {
    fn of(view: &Element) -> Option<Refocus> {
        let focused = focused_in(view)?;
        let keys = keys::path(&focused, view);
        let caret = focused
            .dyn_ref::<web_sys::HtmlInputElement>()
            .and_then(|input| Some((input.selection_start().ok()??, input.selection_end().ok()??)));
        Some(Refocus {
            focused,
            keys,
            caret,
        })
    }

    fn target(self, shown: &[Element]) -> Option<web_sys::HtmlElement> {
        if self.focused.is_connected() {
            return Some(self.focused);
        }
        let same = keys::find(shown, &self.keys);
        // Words typed into a box go with it, as if typed into the app's.
        if let (Some(from), Some(to)) = (
            self.focused.dyn_ref::<web_sys::HtmlInputElement>(),
            same.as_ref()
                .and_then(|t| t.dyn_ref::<web_sys::HtmlInputElement>()),
        ) {
            if !from.value().is_empty() && to.value() != from.value() {
                to.set_value(&from.value());
                if let Ok(input) = web_sys::Event::new("input") {
                    let _ = to.dispatch_event(&input);
                }
            }
        }
        same.or_else(|| {
            shown
                .iter()
                .find_map(|root| root.query_selector("main").ok().flatten())
        })
        .and_then(|el| el.dyn_into().ok())
    }
}

/// The waiting app in place of `view`, at the same scroll position, after
/// `move_nodes` has moved what the app takes from it. The focus, if the
/// first view had it, goes where [`Refocus`] says.
fn replace(window: &web_sys::Window, view: &Element, move_nodes: impl FnOnce()) {
    // Read before the page changes: moving nodes out clamps the scroll and
    // takes the focus away.
    let y = window.scroll_y().unwrap_or(0.0);
    let refocus = Refocus::of(view);
    let caret = refocus.as_ref().and_then(|r| r.caret);
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
    if let Some(target) = refocus.and_then(|r| r.target(&shown)) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = target.focus_with_options(&options);
        if let (Some((start, end)), Some(input)) =
            (caret, target.dyn_ref::<web_sys::HtmlInputElement>())
        {
            let _ = input.set_selection_range(start, end);
        }
    }
}
