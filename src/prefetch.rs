//! Posts fetched on intent: a link to a post that the pointer rests on, that
//! is pressed, or that gets the keyboard focus has its Markdown fetched
//! before the click, so the post opens without waiting for the network.
//!
//! The answer goes where the boot script puts the linked post (see
//! [`api::fetch_early`]), so the post page takes it like any early answer,
//! and shows errors and retries as usual.

use crate::api;
use crate::{Library, Load, Shelf};
use leptos::prelude::*;
use papershelf_core::route::Route;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How long the pointer rests on a link before its post is fetched: a pointer
/// passing over a list of posts fetches nothing (as instant.page does).
pub const HOVER_MS: i32 = 65;

/// How long a fetched post waits for its click; after that a click asks the
/// server again, so a post edited meanwhile is never shown stale for long.
pub const KEEP_MS: i32 = 30_000;

/// Watches the links inside one viewer. Call [`Intent::hover`],
/// [`Intent::leave`] and [`Intent::now`] from its pointer and focus events.
#[derive(Clone, Copy)]
pub struct Intent {
    content_base: StoredValue<String>,
    /// The index, once loaded: it knows whether a post's file is `.md` or `.mdx`.
    library: RwSignal<Load<Arc<Library>>>,
    /// The page shown: links into its own post fetch nothing.
    route: RwSignal<Route>,
    /// The hover timer running, and the URL it is for.
    pending: StoredValue<Option<(String, i32)>>,
}

impl Intent {
    /// Fetches posts under the shelf's content directory for a viewer showing `route`.
    pub fn new(shelf: Shelf, route: RwSignal<Route>) -> Intent {
        Intent {
            content_base: shelf.content_base,
            library: shelf.library,
            route,
            pending: StoredValue::new(None),
        }
    }

    /// The pointer (or the focus) came to `target`: fetch its post if it rests there.
    pub fn hover(self, target: Option<web_sys::EventTarget>) {
        let Some(url) = self.post_url(target) else {
            return;
        };
        if self
            .pending
            .with_value(|p| p.as_ref().is_some_and(|(u, _)| *u == url))
        {
            return;
        }
        self.leave(None);
        let Some(window) = web_sys::window() else {
            return;
        };
        let for_timer = url.clone();
        let fire = Closure::once_into_js(move || {
            // `try_`: the viewer may have been taken out of the page since.
            let _ = self.pending.try_set_value(None);
            fetch(&for_timer);
        });
        if let Ok(handle) = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(fire.unchecked_ref(), HOVER_MS)
        {
            self.pending.set_value(Some((url, handle)));
        }
    }

    /// The pointer (or the focus) left for `to`: unless that is in the same
    /// link, a fetch not started yet is not started.
    pub fn leave(self, to: Option<web_sys::EventTarget>) {
        let to = self.post_url(to);
        if to.is_some()
            && self
                .pending
                .with_value(|p| p.as_ref().map(|(u, _)| u) == to.as_ref())
        {
            return;
        }
        if let Some((_, handle)) = self.pending.try_update_value(Option::take).flatten() {
            if let Some(window) = web_sys::window() {
                window.clear_timeout_with_handle(handle);
            }
        }
    }

    /// A link was pressed: fetch its post now (the click follows).
    pub fn now(self, target: Option<web_sys::EventTarget>) {
        if let Some(url) = self.post_url(target) {
            fetch(&url);
        }
    }

    /// The post file a link in the viewer points at, if it is a post's.
    fn post_url(self, target: Option<web_sys::EventTarget>) -> Option<String> {
        let link = target?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest("a[href^=\"#/post/\"]")
            .ok()??;
        match Route::from_hash(&link.get_attribute("href")?) {
            Route::Post { path, .. } => {
                let shown =
                    matches!(self.route.get_untracked(), Route::Post { path: p, .. } if p == path);
                // The file the post page will ask for (see `PostPage`).
                let file = self.library.with_untracked(|l| match l {
                    Load::Ready(lib) => lib.index.find(&path).map(|p| p.path.clone()),
                    _ => None,
                });
                let file = file.unwrap_or(path);
                (!shown).then(|| format!("{}{file}", self.content_base.get_value()))
            }
            _ => None,
        }
    }
}

/// Fetches `url` ahead of time ([`api::fetch_early`]), unless the reader
/// asked to save data.
fn fetch(url: &str) {
    let save_data = js_sys::Reflect::get(&js_sys::global(), &"navigator".into())
        .and_then(|n| js_sys::Reflect::get(&n, &"connection".into()))
        .ok()
        .filter(|c| c.is_object())
        .and_then(|c| js_sys::Reflect::get(&c, &"saveData".into()).ok())
        .is_some_and(|s| s.is_truthy());
    if !save_data {
        api::fetch_early(url, KEEP_MS);
    }
}
