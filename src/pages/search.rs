//! `#/search?q=`: the posts whose text matches the words, best first, each
//! with the paper entries that matched and a snippet with the words marked;
//! narrowed by the same tag filter as the lists (`&tags=a,b&match=any`).
//!
//! The results element carries `data-search-results`, `data-query` (the
//! query it shows) and, once that search is complete, `data-count` (how
//! many posts match), for tests and scripts.

use super::filter::{current_filter, FilterBar, ShowMore};
use super::home::TagLink;
use super::{when_loaded, ErrorBox};
use crate::search::{self, Hit, SearchError};
use crate::{api, Library, Shelf};
use leptos::prelude::*;
use papershelf_core::catalog::{Filter, Results};
use papershelf_core::doc::post_hash;
use papershelf_core::post::Post;
use papershelf_core::sections::{sections_of, Section};
use papershelf_web::dom::{self, Listener};
use papershelf_web::filters;
use papershelf_web::messages::{self, t};
use papershelf_web::site_header;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Posts per "page"; "Show more" adds as many again.
const PAGE: usize = 10;

/// How many characters a snippet shows.
const SNIPPET_CHARS: usize = 160;

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    let filter = current_filter(shelf);
    Effect::new(move || {
        let q = filter.with(|f| f.text.trim().to_string());
        shelf.set_title(&if q.is_empty() {
            t("title.search").to_string()
        } else {
            messages::format("search.title", &[("query", &q)])
        });
    });
    search::preload();
    when_loaded("loading.posts", |library| {
        view! { <SearchResults library=library/> }.into_any()
    })
}

/// Where a search stands.
#[derive(Debug, Clone, PartialEq)]
enum State {
    /// Nothing to search for yet.
    Empty,
    /// Fetching and ranking.
    Running,
    /// Done: the query, and the posts matching it, best first.
    Done(String, Arc<Vec<Hit>>),
    /// It could not run.
    Failed(SearchError),
}

#[component]
fn SearchResults(
    /// The loaded index.
    library: Arc<Library>,
) -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    let filter = current_filter(shelf);
    let query = Memo::new(move |_| filter.with(|f| f.text.trim().to_string()));
    let state = RwSignal::new(State::Empty);
    let retries = RwSignal::new(0u32);
    // Each search has a number; an answer for an older one is dropped.
    let generation = StoredValue::new(0u64);
    let lib = library.clone();
    Effect::new(move || {
        let q = query.get();
        retries.track();
        let this = generation.get_value() + 1;
        generation.set_value(this);
        if q.is_empty() {
            state.set(State::Empty);
            return;
        }
        state.set(State::Running);
        let lib = lib.clone();
        let base = shelf.content_base.get_value();
        leptos::task::spawn_local(async move {
            let current = move || generation.try_get_value() == Some(this);
            crate::timing::mark("search:start");
            let result = search::run(&lib, &base, &q, current).await;
            // The engine and any pieces fetched: `make bench` reads it.
            crate::timing::measure("search", "search:start");
            if !current() {
                return;
            }
            state.try_set(match result {
                Ok(Some(hits)) => State::Done(q, Arc::new(hits)),
                Ok(None) => return,
                Err(e) => State::Failed(e),
            });
        });
    });
    // The last complete answer stays on screen while the next one runs.
    let shown_hits = Memo::new(move |before: Option<&Option<Arc<Vec<Hit>>>>| {
        state.with(|s| match s {
            State::Done(_, hits) => Some(hits.clone()),
            State::Running => before.cloned().flatten(),
            State::Empty | State::Failed(_) => None,
        })
    });
    // The tag filter alone: typing changes the query, not this, and the
    // results on screen wait for the new answer untouched.
    let tags = Memo::new(move |_| {
        filter.with(|f| Filter {
            text: String::new(),
            ..f.clone()
        })
    });
    // The hits that also match the tags, in rank order, and the facets over them.
    let lib = library.clone();
    let narrowed = Memo::new(move |_| {
        let hits = shown_hits.get()?;
        let positions: Vec<usize> = hits.iter().map(|h| h.post).collect();
        let results: Results = tags.with(|f| lib.catalog.filter_posts_among(f, &positions));
        let kept: Vec<Hit> = hits
            .iter()
            .filter(|h| results.items.binary_search(&h.post).is_ok())
            .cloned()
            .collect();
        Some((Arc::new(kept), results.facets))
    });
    let limit = RwSignal::new(PAGE);
    Effect::watch(
        move || filter.get(),
        move |_, _, _| {
            if limit.get_untracked() != PAGE {
                limit.set(PAGE);
            }
        },
        false,
    );
    let total = Signal::derive(move || narrowed.with(|n| n.as_ref().map_or(0, |(k, _)| k.len())));
    let facets = Signal::derive(move || {
        narrowed.with(|n| n.as_ref().map(|(_, f)| f.clone()).unwrap_or_default())
    });
    let count = move || match state.get() {
        State::Empty => t("search.hint").to_string(),
        State::Running => t("search.running").to_string(),
        State::Failed(_) => String::new(),
        State::Done(..) => match (total.get(), query.get()) {
            (0, q) => messages::format("search.none", &[("query", &q)]),
            (n, q) => messages::messages().count("search.found", n, &[("query", &q)]),
        },
    };
    let lib = library.clone();
    let shown = move || {
        let (hits, _) = narrowed.get()?;
        let q = query.get_untracked();
        let selected = filter.with_untracked(|f| f.tags.clone());
        Some(
            hits.iter()
                .take(limit.get())
                .map(|hit| {
                    let post = lib.index.posts[hit.post].clone();
                    view! { <SearchHit post=post sections=hit.sections.clone() query=q.clone() selected=selected.clone()/> }
                })
                .collect_view(),
        )
    };
    view! {
        <h1 class="page-title">{t("title.search")}</h1>
        <FilterBar filter=filter facets=facets counted=filters::RESULTS text_box=false/>
        <p class="result-count" role="status" aria-live="polite">{count}</p>
        {move || match state.get() {
            State::Failed(error) => Some(view! { <ErrorBox message=error.to_string() retry=Callback::new(move |_| retries.update(|r| *r += 1))/> }),
            _ => None,
        }}
        <ol
            class="search-results"
            data-search-results=""
            data-query=move || query.get()
            data-count=move || {
                // Only once the search for the query shown is complete.
                let done = state.with(|s| matches!(s, State::Done(q, _) if *q == query.get()));
                done.then(|| narrowed.with(|n| n.as_ref().map(|(k, _)| k.len().to_string())))
                    .flatten()
            }
            aria-busy=move || (state.get() == State::Running).to_string()
        >
            {shown}
        </ol>
        <ShowMore limit=limit total=total step=PAGE/>
    }
}

/// One matching post: its title, date and tags, a snippet, and the paper
/// entries that matched, each with its own snippet.
#[component]
fn SearchHit(
    /// The post.
    post: Post,
    /// Its matching sections, best first (0: before the entries; n: entry n).
    sections: Vec<u32>,
    /// The query, for the snippets.
    query: String,
    /// Tags selected in the filter.
    selected: Vec<String>,
) -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    // The post's text, read into sections, fetched when the hit comes near
    // the screen (a long list fetches only what is read), once per page.
    let texts: RwSignal<Option<Arc<Vec<Section>>>> = RwSignal::new(None);
    let item = NodeRef::<leptos::html::Li>::new();
    {
        let base = shelf.content_base.get_value();
        let path = post.path.clone();
        when_near(item, move || {
            leptos::task::spawn_local(async move {
                if let Some(sections) = post_sections(&base, &path).await {
                    texts.try_set(Some(sections));
                }
            })
        });
    }
    let href = post_hash(&post.path, None);
    let path = post.path.clone();
    let on = |t: &str| selected.contains(&t.to_lowercase());
    let tags = post
        .tags
        .iter()
        .map(|t| view! { <TagLink on=on(t) tag=t.clone()/> })
        .collect_view();
    let preamble = sections.contains(&0);
    let q = query.clone();
    let entries = sections
        .iter()
        .filter(|s| **s > 0)
        .filter_map(|s| {
            post.entries
                .get(*s as usize - 1)
                .map(|e| (*s as usize, e.clone()))
        })
        .map(|(n, entry)| {
            let href = post_hash(&path, Some(&entry.anchor));
            let q = q.clone();
            let etags = entry
                .tags
                .iter()
                .map(|t| view! { <TagLink on=on(t) tag=t.clone()/> })
                .collect_view();
            view! {
                <li class="sub-result">
                    <a href=href><Marked text=entry.title.clone() query=q.clone()/></a>
                    {etags}
                    <Snippet texts=texts section=n query=q/>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="search-hit" node_ref=item>
            <time class="date" datetime=post.date.clone()>{messages::date(&post.date, false)}</time>
            <a class="post-title" href=href><Marked text=post.title.clone() query=query.clone()/></a>
            {tags}
            {preamble.then(|| view! { <Snippet texts=texts section=0 query=query.clone()/> })}
            <ul class="sub-results">{entries}</ul>
        </li>
    }
}

/// `text` with the query's words marked, once the engine has marked them
/// (plain text until then).
#[component]
fn Marked(
    /// The text (a title).
    text: String,
    /// The query.
    query: String,
) -> impl IntoView {
    let pieces = RwSignal::new(vec![(text.clone(), false)]);
    leptos::task::spawn_local(async move {
        if let Some(p) = search::snippet(&text, &query, usize::MAX / 2).await {
            pieces.try_set(p);
        }
    });
    move || {
        pieces
            .get()
            .into_iter()
            .map(|(t, mark)| piece(t, mark))
            .collect_view()
    }
}

/// The snippet of one section, once the post's text is in.
#[component]
fn Snippet(
    /// The post's sections, once fetched.
    texts: RwSignal<Option<Arc<Vec<Section>>>>,
    /// Which section.
    section: usize,
    /// The query.
    query: String,
) -> impl IntoView {
    let pieces: RwSignal<Option<Vec<(String, bool)>>> = RwSignal::new(None);
    Effect::new(move || {
        let Some(text) = texts.with(|t| t.as_ref().and_then(|s| s.get(section)).map(section_text))
        else {
            return;
        };
        let q = query.clone();
        leptos::task::spawn_local(async move {
            if let Some(p) = search::snippet(&text, &q, SNIPPET_CHARS).await {
                pieces.try_set(Some(p));
            }
        });
    });
    move || {
        pieces.get().filter(|p| !p.is_empty()).map(|p| {
            view! { <p class="snippet">{p.into_iter().map(|(t, mark)| piece(t, mark)).collect_view()}</p> }
        })
    }
}

thread_local! {
    /// Posts read into sections for snippets, by URL: typing a query shows
    /// many of the same posts again.
    static SECTIONS: RefCell<HashMap<String, Arc<Vec<Section>>>> = RefCell::new(HashMap::new());
}

/// How many posts [`SECTIONS`] keeps before it starts again.
const SECTIONS_KEPT: usize = 200;

/// The sections of the post at `path`, fetched and read once per page.
async fn post_sections(base: &str, path: &str) -> Option<Arc<Vec<Section>>> {
    let key = format!("{base}{path}");
    if let Some(s) = SECTIONS.with(|c| c.borrow().get(&key).cloned()) {
        return Some(s);
    }
    let (file, result) = api::fetch_post_file(base, path).await;
    let sections = Arc::new(sections_of(&Post::parse_with(
        &file,
        &result.ok()?,
        crate::context::context(),
    )));
    SECTIONS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= SECTIONS_KEPT {
            c.clear();
        }
        c.insert(key, sections.clone());
    });
    Some(sections)
}

/// Runs `then` once, when `item` is on screen or a quarter of a screen below
/// (at once where IntersectionObserver is missing).
fn when_near(item: NodeRef<leptos::html::Li>, then: impl FnOnce() + 'static) {
    let then = Rc::new(RefCell::new(Some(then)));
    let run = {
        let then = then.clone();
        move || {
            if let Some(f) = then.borrow_mut().take() {
                f();
            }
        }
    };
    item.on_load(move |el| {
        let fire = run.clone();
        let callback = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                let near = entries.iter().any(|e| {
                    e.dyn_into::<web_sys::IntersectionObserverEntry>()
                        .is_ok_and(|e| e.is_intersecting())
                });
                if near {
                    observer.disconnect();
                    fire();
                }
            },
        );
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin("0px 0px 25% 0px");
        match web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &init,
        ) {
            Ok(observer) => {
                observer.observe(&el);
                // Kept as long as the hit is on the page.
                let kept = send_wrapper::SendWrapper::new((observer, callback));
                on_cleanup(move || kept.0.disconnect());
            }
            Err(_) => run(),
        }
    });
}

/// A section's text for its snippet: its subtitle and body.
fn section_text(s: &Section) -> String {
    match (s.subtitle.is_empty(), s.body.is_empty()) {
        (false, false) => format!("{} — {}", s.subtitle, s.body.replace('\n', " ")),
        (false, true) => s.subtitle.clone(),
        _ => s.body.replace('\n', " "),
    }
}

/// A piece of text, in `<mark>` if it matched. Always a text node.
fn piece(text: String, mark: bool) -> AnyView {
    if mark {
        view! { <mark>{text}</mark> }.into_any()
    } else {
        text.into_any()
    }
}

/// The search route for `text`, keeping the tag filter of `current`.
pub fn search_route(current: &Filter, text: String) -> papershelf_core::route::Route {
    papershelf_core::route::Route::Search(Filter {
        text,
        ..current.clone()
    })
}

/// Gives the search box in the site header (`papershelf_web::site_header`,
/// drawn in `header`) its work, on every page and in embedded viewers:
/// results follow as the reader types (no Enter needed; a query that needs
/// the network waits [`search::FETCH_DELAY_MS`] for the next keystroke
/// first); Escape leaves the box. [`shortcut`] focuses it from anywhere, as
/// `input`, which this loads. `main` is where Escape sends the focus. The
/// listeners last as long as what is returned is kept.
pub fn search_box(
    header: &web_sys::Element,
    input: NodeRef<leptos::html::Input>,
    main: NodeRef<leptos::html::Main>,
) -> Vec<Listener> {
    use leptos::tachys::html::node_ref::NodeRefContainer;
    let Some(box_el) = site_header::control(header, site_header::SEARCH_KEY) else {
        return Vec::new();
    };
    input.load(&box_el);
    let shelf = expect_context::<Shelf>();
    // What the box last asked for.
    let sent = StoredValue::new(String::new());
    // The box shows the search on screen (after back, forward or a link),
    // but never changes under the reader's fingers: while it has the focus,
    // the route it set itself (a few letters behind the typing) is left alone.
    Effect::new(move || {
        let text = shelf.route.with(|r| match r {
            papershelf_core::route::Route::Search(f) => f.text.clone(),
            _ => String::new(),
        });
        let Some(el) = input.get() else { return };
        let focused = el
            .owner_document()
            .and_then(|d| d.active_element())
            .is_some_and(|a| a == **el);
        let own = focused && sent.with_value(|s| *s == text);
        if !own && el.value() != text {
            el.set_value(&text);
        }
    });
    let go = move || {
        let Some(el) = input.get_untracked() else {
            return;
        };
        let text = el.value();
        let (route, nav) = shelf.route.with_untracked(|r| match r {
            papershelf_core::route::Route::Search(f) => {
                (search_route(f, text.clone()), crate::Nav::Replace)
            }
            _ => (
                search_route(&Filter::default(), text.clone()),
                crate::Nav::Push,
            ),
        });
        if !shelf.route.with_untracked(|r| *r == route) {
            sent.set_value(text);
            shelf.navigate(route, nav);
        }
    };
    let on_key = move |ev: web_sys::Event| {
        let Some(ev) = ev.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        if ev.key() == "Escape" {
            // Leaves the box (and keeps what it holds: Chromium would clear it).
            ev.prevent_default();
            if let Some(el) = input.get_untracked() {
                let _ = el.blur();
            }
            if let Some(m) = main.get_untracked() {
                let _ = m.focus();
            }
        }
    };
    let mut listeners = vec![
        dom::listen(&box_el, "input", move |_| go()),
        dom::listen(&box_el, "focus", move |_| search::preload()),
        dom::listen(&box_el, "keydown", on_key),
    ];
    if let Some(form) = box_el.closest("form").ok().flatten() {
        listeners.push(dom::listen(&form, "submit", move |ev| {
            ev.prevent_default();
            go();
        }));
    }
    listeners
}

/// Handles `/` and Ctrl/Cmd-K: focuses the search box and selects what it
/// holds. `/` typed into a field is left alone.
pub fn shortcut(ev: &web_sys::KeyboardEvent, input: NodeRef<leptos::html::Input>) {
    use wasm_bindgen::JsCast;
    if ev.default_prevented() || ev.alt_key() {
        return;
    }
    let slash = ev.key() == "/" && !ev.ctrl_key() && !ev.meta_key();
    let k = (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("k");
    if !slash && !k {
        return;
    }
    let in_field = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || e.is_content_editable()
        });
    if slash && in_field {
        return;
    }
    let Some(el) = input.get_untracked() else {
        return;
    };
    ev.prevent_default();
    let _ = el.focus();
    el.select();
}
