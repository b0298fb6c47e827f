//! papershelf in the browser: a Leptos view over the pure core.
//!
//! [`Viewer`] shows the page for a [`Route`]; where the route is kept is the
//! caller's choice ([`RouteMode`]): the URL hash on a static host ([`App`]),
//! or memory when embedded. The pages under [`pages`] map the core's model to
//! views, [`api`] is the only place that fetches, [`dom`] turns the core's
//! safe tree into nodes.

pub mod api;
pub mod context;
pub mod embed;
pub mod math;
pub mod offline;
pub mod pages;
pub mod prefetch;
pub mod search;
pub mod theme;
pub mod timing;

/// The safe tree as DOM nodes (shared with the first view).
pub use papershelf_web::dom;

use api::FetchError;
use leptos::prelude::*;
use papershelf_core::catalog::Catalog;
use papershelf_core::index::Index;
pub use papershelf_core::route::Route;
use std::sync::Arc;
use timing::{yield_to_browser, Slices};
use wasm_bindgen::JsCast;

/// Something fetched: still loading, ready, or failed with a reason.
#[derive(Debug, Clone)]
pub enum Load<T> {
    /// The request is under way.
    Loading,
    /// The value arrived.
    Ready(T),
    /// It failed; the message says what to do.
    Failed(FetchError),
}

/// The loaded index and the catalog built from it once.
pub struct Library {
    /// The index as fetched.
    pub index: Index,
    /// Posts and papers ready to filter.
    pub catalog: Catalog,
}

/// Where a viewer keeps its route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteMode {
    /// In the page's URL hash: links can be bookmarked and shared.
    Hash,
    /// In memory only: the host page's URL is never touched.
    Memory,
}

/// How a navigation is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// A new history entry (a click).
    Push,
    /// Replaces the current one (typing in the search box).
    Replace,
}

/// What every page of one viewer shares.
#[derive(Clone, Copy)]
pub struct Shelf {
    /// The content directory's URL, ending in `/`.
    pub content_base: StoredValue<String>,
    /// The index, once loaded.
    pub library: RwSignal<Load<Arc<Library>>>,
    /// The page shown.
    pub route: RwSignal<Route>,
    /// Where the route is kept.
    pub mode: RouteMode,
    /// The viewer's root element.
    pub root: NodeRef<leptos::html::Div>,
    /// Where the keyboard focus goes once the page navigated to is drawn.
    pub focus: StoredValue<Option<FocusGoal>>,
    /// The list (posts, papers or a search) last shown, with its filter: a
    /// post's "back" link returns to it as it was.
    pub last_list: RwSignal<Route>,
    /// What the reader asked of a list's first view before the app took it
    /// over (more items, every tag), for the list to show.
    pub asked: RwSignal<papershelf_web::first::Asked>,
}

/// Where the focus goes after a navigation: the new page's heading (a link
/// followed), or the link that was followed from this page (back, forward).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FocusGoal {
    /// The page's `h1` (or the heading `?id=` names).
    Heading,
    /// The link with this `href`.
    Link(String),
}

impl Shelf {
    /// (Re)loads the index. A large index is read a slice at a time, giving
    /// the page back to the browser about every [`timing::SLICE_MS`], so loading never
    /// blocks it for long.
    pub fn load_index(self) {
        self.library.set(Load::Loading);
        let url = format!("{}index.json", self.content_base.get_value());
        timing::mark("index:start");
        leptos::task::spawn_local(async move {
            let result = async {
                // Not in the task that builds the page (a linked post is shown
                // there first, when the boot script has already fetched it).
                yield_to_browser().await;
                let index = api::fetch_index(&url).await?;
                // Decoding the answer was a task of its own; so is each slice.
                yield_to_browser().await;
                let mut posts = Vec::with_capacity(index.len() as usize);
                let mut catalog = Catalog::default();
                let mut slices = Slices::start();
                for i in 0..index.len() {
                    slices.check().await;
                    let post = index.post(i)?;
                    catalog.add_post(&post);
                    posts.push(post);
                }
                // The first list is drawn in a task of its own.
                yield_to_browser().await;
                Ok::<_, FetchError>(Library {
                    index: Index {
                        version: papershelf_core::index::INDEX_VERSION,
                        posts,
                    },
                    catalog,
                })
            }
            .await;
            // Fetch, the browser's JSON.parse, reading and the catalog: `make bench` reads it.
            timing::measure("index", "index:start");
            // What is new since the last visit: the visit begins here if no
            // first view began it, and counts with every post.
            if let Ok(library) = &result {
                papershelf_web::visit::begin(&library.index.posts);
                papershelf_web::visit::count(&library.index.posts);
            }
            self.library.try_set(match result {
                Ok(library) => Load::Ready(Arc::new(library)),
                Err(e) => Load::Failed(e),
            });
        });
    }

    /// Shows `route`, recording it where this viewer keeps routes.
    pub fn navigate(self, route: Route, nav: Nav) {
        if self.mode == RouteMode::Hash {
            let hash = route.to_hash();
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = match nav {
                    Nav::Push => {
                        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash))
                    }
                    Nav::Replace => history.replace_state_with_url(
                        &wasm_bindgen::JsValue::NULL,
                        "",
                        Some(&hash),
                    ),
                };
            }
        }
        self.route.set(route);
    }

    /// The file a post route names, relative to the content directory. Routes
    /// drop the extension (the route's path ends in `.md`); once the index is
    /// there it knows whether the file is `.md` or `.mdx`. Before it,
    /// [`api::fetch_post_file`] tries `.mdx` after a `.md` not found.
    pub fn post_file(self, path: &str) -> String {
        self.library
            .with_untracked(|l| match l {
                Load::Ready(lib) => lib.index.find(path).map(|p| p.path.clone()),
                _ => None,
            })
            .unwrap_or_else(|| path.to_string())
    }

    /// Puts the focus where [`Shelf::focus`] says, once the page has drawn
    /// it (a post's heading arrives with the post): tried every frame for up
    /// to 5 s, and given up when another navigation comes first.
    pub fn settle_focus(self) {
        let Some(goal) = self.focus.try_update_value(|f| f.take()).flatten() else {
            return;
        };
        let route = self.route.get_untracked();
        leptos::task::spawn_local(async move {
            let start = timing::now();
            while timing::now() - start < 5000.0 {
                if self.route.try_get_untracked().as_ref() != Some(&route) {
                    return;
                }
                if let Some(target) = self.focus_target(&goal, &route) {
                    let opts = web_sys::FocusOptions::new();
                    opts.set_prevent_scroll(true);
                    let _ = target.focus_with_options(&opts);
                    return;
                }
                timing::next_frame().await;
            }
        });
    }

    fn focus_target(self, goal: &FocusGoal, route: &Route) -> Option<web_sys::HtmlElement> {
        let root = self.root.get_untracked()?;
        let main = root.query_selector("main").ok()??;
        let el = match goal {
            FocusGoal::Link(href) => main.query_selector_all("a[href]").ok().and_then(|links| {
                (0..links.length())
                    .filter_map(|i| links.item(i)?.dyn_into::<web_sys::Element>().ok())
                    .find(|a| a.get_attribute("href").as_deref() == Some(href))
            })?,
            FocusGoal::Heading => {
                let anchored = match route {
                    Route::Post {
                        anchor: Some(a), ..
                    } => main
                        .query_selector_all("h1[id], h2[id], h3[id], h4[id]")
                        .ok()
                        .and_then(|hs| {
                            (0..hs.length())
                                .filter_map(|i| hs.item(i)?.dyn_into::<web_sys::Element>().ok())
                                .find(|h| {
                                    let id = h.id();
                                    id == *a || id.strip_prefix("user-content-") == Some(a)
                                })
                        }),
                    _ => None,
                };
                let heading = match anchored {
                    Some(h) => h,
                    None => main.query_selector("h1").ok()??,
                };
                if !heading.has_attribute("tabindex") {
                    let _ = heading.set_attribute("tabindex", "-1");
                }
                heading
            }
        };
        el.dyn_into().ok()
    }

    /// Titles the window `page · <site name>` (the site's name alone for an
    /// empty `page`), on a page of our own only (never a host page's).
    pub fn set_title(self, page: &str) {
        if self.mode == RouteMode::Hash && !embedded() {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                doc.set_title(&papershelf_web::share::page_title(&doc, page));
            }
        }
    }

    /// Scrolls the viewer's top into view: the window's top on our own page,
    /// the viewer itself (only if it is above the screen) when embedded.
    pub fn scroll_to_top(self) {
        if self.mode == RouteMode::Hash && !embedded() {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        } else if let Some(root) = self.root.get_untracked() {
            if root.get_bounding_client_rect().top() < 0.0 {
                root.scroll_into_view();
            }
        }
    }
}

/// Whether this module was loaded by `embed.js` inside someone else's page.
pub fn embedded() -> bool {
    papershelf_web::share::embedded()
}

/// Which page component is shown: a filter change keeps the page (and the
/// focus in its search box); another post makes a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Page {
    Home,
    Papers,
    Tags,
    Archive,
    Search,
    Post(String),
    Paper(String),
    NotFound(String),
}

impl Page {
    /// The section of the site header this page is, as
    /// `papershelf_web::site_header::SECTIONS` names it.
    fn section(&self) -> Option<&'static str> {
        match self {
            Page::Home => Some("#/"),
            Page::Papers | Page::Paper(_) => Some("#/papers"),
            Page::Tags => Some("#/tags"),
            Page::Archive => Some("#/archive"),
            _ => None,
        }
    }

    fn of(route: &Route) -> Page {
        match route {
            Route::Home(_) => Page::Home,
            Route::Papers(_) => Page::Papers,
            Route::Tags => Page::Tags,
            Route::Archive => Page::Archive,
            Route::Search(_) => Page::Search,
            Route::Post { path, .. } => Page::Post(path.clone()),
            Route::Paper { key } => Page::Paper(key.clone()),
            Route::NotFound { asked } => Page::NotFound(asked.clone()),
        }
    }
}

/// The viewer: header, navigation, and the page for the current route.
#[component]
pub fn Viewer(
    /// URL of the content directory holding `index.json`, ending in `/`.
    #[prop(into)]
    content_base: String,
    /// The route to show.
    route: RwSignal<Route>,
    /// Where the route is kept.
    mode: RouteMode,
) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    let shelf = Shelf {
        content_base: StoredValue::new(content_base),
        library: RwSignal::new(Load::Loading),
        route,
        mode,
        root,
        focus: StoredValue::new(None),
        last_list: RwSignal::new(Route::Home(Default::default())),
        asked: RwSignal::new(Default::default()),
    };
    shelf.load_index();
    provide_context(shelf);
    let page = Memo::new(move |_| Page::of(&route.get()));
    // The list a post's back link returns to.
    Effect::new(move || {
        route.with(|r| {
            if matches!(r, Route::Home(_) | Route::Papers(_) | Route::Search(_)) {
                shelf.last_list.set(r.clone());
            }
        })
    });
    // Links followed, by the page they were followed from: Back puts the
    // focus on that link again.
    let followed: StoredValue<std::collections::HashMap<String, String>> =
        StoredValue::new(Default::default());
    // A new page after a navigation: the focus goes where it should.
    Effect::watch(
        move || route.get(),
        move |_, _, _| shelf.settle_focus(),
        false,
    );
    if mode == RouteMode::Hash && !embedded() {
        let back = window_event_listener(leptos::ev::popstate, move |_| {
            let here = Route::from_hash(&current_hash()).to_hash();
            let link = followed.with_value(|f| f.get(&here).cloned());
            shelf.focus.set_value(Some(match link {
                Some(href) => FocusGoal::Link(href),
                None => FocusGoal::Heading,
            }));
        });
        on_cleanup(move || back.remove());
    }
    let main_ref = NodeRef::<leptos::html::Main>::new();
    let theme = RwSignal::new(theme::Choice::stored());
    // A first view (a linked post, or the home or papers page, shown before
    // the app loaded) gives way as soon as the app shows another page; its
    // own post hands it off when ready, a list page once the index is in and
    // drawn.
    Effect::new(move || match page.get() {
        Page::Post(p) if papershelf_web::first::shows(&p) => {}
        Page::Home if papershelf_web::first::shows_list(papershelf_web::first::HOME_VIEW) => {
            hand_off_when_loaded(shelf)
        }
        Page::Papers if papershelf_web::first::shows_list(papershelf_web::first::PAPERS_VIEW) => {
            hand_off_when_loaded(shelf)
        }
        _ => papershelf_web::first::hand_off(),
    });

    // In-app links (`#/…`) navigate through the shelf, so an embedded viewer
    // never touches its host page's URL.
    let on_click = move |ev: web_sys::MouseEvent| {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(anchor) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let Some(href) = anchor.get_attribute("href").filter(|h| h.starts_with("#/")) else {
            return;
        };
        ev.prevent_default();
        let from = route.get_untracked().to_hash();
        followed.update_value(|f| {
            f.insert(from, href.clone());
        });
        let to = Route::from_hash(&href);
        // A link within the page (a post's table of entries) scrolls; a link
        // to another page moves the focus to its heading.
        if Page::of(&to) != page.get_untracked() || matches!(to, Route::Post { .. }) {
            shelf.focus.set_value(Some(FocusGoal::Heading));
        }
        shelf.navigate(to, Nav::Push);
    };

    // Posts fetched on intent: the pointer resting on a link, a press, the focus.
    let intent = prefetch::Intent::new(shelf, route);

    // `/` and Ctrl/Cmd-K focus the search box: from anywhere on our own
    // page; only from inside the viewer when embedded in someone else's.
    let search_input = NodeRef::<leptos::html::Input>::new();
    if mode == RouteMode::Hash && !embedded() {
        let keys = window_event_listener(leptos::ev::keydown, move |ev| {
            pages::search::shortcut(&ev, search_input)
        });
        on_cleanup(move || keys.remove());
    }
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if mode != RouteMode::Hash || embedded() {
            pages::search::shortcut(&ev, search_input)
        }
    };

    let document = web_sys::window().and_then(|w| w.document());
    // The site's own name (papershelf.toml), and its feeds on a page of our
    // own (an embedded viewer's host page has neither).
    let brand = document
        .as_ref()
        .filter(|_| mode == RouteMode::Hash && !embedded())
        .map_or_else(
            || "papershelf".to_string(),
            papershelf_web::share::site_name,
        );
    let brand_name = brand.clone();
    let feeds = document
        .as_ref()
        .filter(|_| mode == RouteMode::Hash && !embedded())
        .map(papershelf_web::share::feeds)
        .unwrap_or_default();
    let own_page = mode == RouteMode::Hash && !embedded();
    // The skip link and the site header, as the first view draws them; the
    // search box and the theme toggle get their work here.
    let skip = NodeRef::<leptos::html::A>::new();
    skip.on_load(|a| papershelf_web::site_header::dress_skip_link(&a));
    let header = NodeRef::<leptos::html::Header>::new();
    let current = move || page.with(Page::section);
    // Dropped with the viewer.
    let listeners = StoredValue::new_local(Vec::new());
    header.on_load(move |el| {
        papershelf_web::site_header::fill(&el, &brand, current(), theme.get_untracked());
        let mut added = pages::search::search_box(&el, search_input, main_ref);
        added.extend(theme::toggle(&el, theme));
        listeners.update_value(|l: &mut Vec<_>| l.extend(added));
    });
    Effect::new(move || {
        let section = current();
        if let Some(el) = header.get() {
            papershelf_web::site_header::mark_current(&el, section);
        }
    });
    // How many posts are new, once the index has counted them.
    Effect::new(move || {
        let ready = shelf.library.with(|l| matches!(l, Load::Ready(_)));
        if let (true, Some(el)) = (ready, header.get()) {
            papershelf_web::site_header::show_new(&el);
        }
    });
    let subscribe = (!feeds.is_empty()).then(|| {
        let links = feeds
            .into_iter()
            .enumerate()
            .map(|(i, (label, href))| {
                view! {
                    {(i > 0).then_some(" · ")}
                    <a class="feed" href=href>{label}</a>
                }
            })
            .collect_view();
        let says = papershelf_web::messages::format("subscribe", &[("site", &brand_name)]);
        view! { <p>{says} {links}</p> }
    });
    let footer = own_page.then(|| {
        view! {
            <footer class="site-footer">
                {subscribe}
                <offline::OfflineControls/>
            </footer>
        }
    });

    view! {
        <div
            class="papershelf"
            lang=papershelf_web::messages::lang()
            node_ref=root
            data-theme=move || theme.get().attr()
            on:click=on_click
            on:pointerover=move |ev| intent.hover(ev.target())
            on:pointerout=move |ev| intent.leave(ev.related_target())
            on:pointerdown=move |ev| intent.now(ev.target())
            on:focusin=move |ev| intent.hover(ev.target())
            on:focusout=move |ev| intent.leave(ev.related_target())
            on:keydown=on_keydown
        >
            <a node_ref=skip on:click=move |ev| {
                ev.prevent_default();
                if let Some(main) = main_ref.get() {
                    let _ = main.focus();
                }
            }></a>
            <header node_ref=header></header>
            <main class="page" id="main" node_ref=main_ref tabindex="-1">
                {move || match page.get() {
                    Page::Home => view! { <pages::home::HomePage/> }.into_any(),
                    Page::Papers => view! { <pages::papers::PapersPage/> }.into_any(),
                    Page::Tags => view! { <pages::tags::TagsPage/> }.into_any(),
                    Page::Archive => view! { <pages::archive::ArchivePage/> }.into_any(),
                    Page::Search => view! { <pages::search::SearchPage/> }.into_any(),
                    Page::Post(path) => view! { <pages::post::PostPage path=path/> }.into_any(),
                    Page::Paper(key) => view! { <pages::paper::PaperPage key=key/> }.into_any(),
                    Page::NotFound(asked) => view! { <pages::not_found::NotFound asked=asked/> }.into_any(),
                }}
            </main>
            {footer}
        </div>
    }
}

/// The page on a static host: the route lives in the URL hash.
#[component]
pub fn App() -> impl IntoView {
    view! { <Viewer content_base=papershelf_web::CONTENT_BASE route=hash_route() mode=RouteMode::Hash/> }
}

/// A route signal kept in step with the URL hash (back, forward, a typed or
/// bookmarked hash).
pub fn hash_route() -> RwSignal<Route> {
    let route = RwSignal::new(Route::from_hash(&current_hash()));
    let on_pop = window_event_listener(leptos::ev::popstate, move |_| {
        route.set(Route::from_hash(&current_hash()))
    });
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::from_hash(&current_hash()))
    });
    on_cleanup(move || {
        on_pop.remove();
        on_hash.remove();
    });
    route
}

/// Hands a list page's first view off once the index is in (or has
/// failed) and the app's page is drawn; tracks the library when run in an
/// effect, so it runs again when the index arrives.
fn hand_off_when_loaded(shelf: Shelf) {
    if !matches!(shelf.library.get(), Load::Loading) {
        // What the reader asked of the first view, the list shows before it appears.
        shelf.asked.set(papershelf_web::first::asked());
        leptos::task::spawn_local(async move {
            timing::next_frame().await;
            papershelf_web::first::hand_off();
            // Asked once: a list shown later starts at its first page.
            shelf.asked.set(Default::default());
        });
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}
