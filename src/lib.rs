//! papershelf in the browser: a Leptos view over the pure core.
//!
//! [`App`] keeps the [`Route`] in the URL hash and shows the [`Viewer`];
//! the pages under [`pages`] map the core's model to views, [`api`] is the
//! only place that fetches, [`dom`] turns the core's safe tree into nodes.

pub mod api;
pub mod dom;
pub mod pages;

use api::FetchError;
use leptos::prelude::*;
use papershelf_core::index::Index;
pub use papershelf_core::route::Route;

/// Something fetched: still loading, ready, or failed with a reason.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    /// The request is under way.
    Loading,
    /// The value arrived.
    Ready(T),
    /// It failed; the message says what to do.
    Failed(FetchError),
}

/// What every page of one viewer shares.
#[derive(Clone, Copy)]
pub struct Shelf {
    /// The content directory's URL, ending in `/`.
    pub content_base: StoredValue<String>,
    /// The index, once loaded.
    pub index: RwSignal<Load<Index>>,
    /// The page shown.
    pub route: RwSignal<Route>,
}

impl Shelf {
    /// (Re)loads the index.
    pub fn load_index(self) {
        self.index.set(Load::Loading);
        let url = format!("{}index.json", self.content_base.get_value());
        leptos::task::spawn_local(async move {
            let result = api::fetch_index(&url).await;
            self.index.try_set(match result {
                Ok(index) => Load::Ready(index),
                Err(e) => Load::Failed(e),
            });
        });
    }
}

/// The viewer: header, the page for the current route, and the index it reads.
#[component]
pub fn Viewer(
    /// URL of the content directory holding `index.json`, ending in `/`.
    #[prop(into)]
    content_base: String,
    /// The route to show; the caller decides where it is kept.
    route: RwSignal<Route>,
) -> impl IntoView {
    let shelf = Shelf {
        content_base: StoredValue::new(content_base),
        index: RwSignal::new(Load::Loading),
        route,
    };
    shelf.load_index();
    provide_context(shelf);
    view! {
        <div class="papershelf">
            <header class="site-header">
                <a class="brand" href="#/">"papershelf"</a>
                <span class="tagline">"paper reviews"</span>
            </header>
            <main class="page" id="main">
                {move || match route.get() {
                    Route::Home => view! { <pages::home::HomePage/> }.into_any(),
                    Route::Post { path, anchor } => view! { <pages::post::PostPage path=path anchor=anchor/> }.into_any(),
                    Route::NotFound { asked } => view! { <pages::not_found::NotFound asked=asked/> }.into_any(),
                }}
            </main>
        </div>
    }
}

/// The page on a static host: the route lives in the URL hash.
#[component]
pub fn App() -> impl IntoView {
    let route = RwSignal::new(Route::from_hash(&current_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::from_hash(&current_hash()));
    });
    on_cleanup(move || handle.remove());
    view! { <Viewer content_base="content/" route=route/> }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}
