//! Posts fetched on intent: a link to a post that the pointer rests on, that
//! is pressed, or that gets the keyboard focus has its Markdown fetched
//! before the click, so the post opens without waiting for the network.
//!
//! The answer goes where the boot script puts the linked post (see
//! [`api::fetch_early`]), so the post page takes it like any early answer,
//! and shows errors and retries as usual.

use crate::api;
use crate::Shelf;
use leptos::prelude::*;
use papershelf_core::route::{post_url, Route};
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
    /// Where posts are, and which file a post route names.
    shelf: Shelf,
    /// The page shown: links into its own post fetch nothing.
    route: RwSignal<Route>,
    /// The hover timer running, and the post (its route's path) it is for.
    pending: StoredValue<Option<(String, i32)>>,
}

impl Intent {
    /// Fetches posts under the shelf's content directory for a viewer showing `route`.
    pub fn new(shelf: Shelf, route: RwSignal<Route>) -> Intent {
        Intent {
            shelf,
            route,
            pending: StoredValue::new(None),
        }
    }

    /// The pointer (or the focus) came to `target`: fetch its post if it rests there.
    pub fn hover(self, target: Option<web_sys::EventTarget>) {
        let Some(path) = self.post_path(target) else {
            return;
        };
        if self
            .pending
            .with_value(|p| p.as_ref().is_some_and(|(u, _)| *u == path))
        {
            return;
        }
        self.leave(None);
        let Some(window) = web_sys::window() else {
            return;
        };
        let for_timer = path.clone();
        let fire = Closure::once_into_js(move || {
            // `try_`: the viewer may have been taken out of the page since.
            if self.pending.try_set_value(None).is_none() {
                self.fetch(&for_timer);
            }
        });
        if let Ok(handle) = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(fire.unchecked_ref(), HOVER_MS)
        {
            self.pending.set_value(Some((path, handle)));
        }
    }

    /// The pointer (or the focus) left for `to`: unless that is in the same
    /// link, a fetch not started yet is not started.
    pub fn leave(self, to: Option<web_sys::EventTarget>) {
        let to = self.post_path(to);
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
        if let Some(path) = self.post_path(target) {
            self.fetch(&path);
        }
    }

    /// Fetches the post a route's `path` names, as the post page will ask for
    /// it ([`Shelf::post_file`]), unless the browser asks to save data.
    fn fetch(self, path: &str) {
        if !save_data() {
            let base = self.shelf.content_base.get_value();
            api::fetch_early(&post_url(&base, &self.shelf.post_file(path)), KEEP_MS);
        }
    }

    /// The post a link in the viewer points at (its route's path), if it is
    /// a post's and not the one shown.
    fn post_path(self, target: Option<web_sys::EventTarget>) -> Option<String> {
        let link = target?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest("a[href^=\"#/post/\"]")
            .ok()??;
        match Route::from_hash(&link.get_attribute("href")?) {
            Route::Post { path, .. } => {
                let shown =
                    matches!(self.route.get_untracked(), Route::Post { path: p, .. } if p == path);
                (!shown).then_some(path)
            }
            _ => None,
        }
    }
}

/// Whether the browser asks to save data (`navigator.connection.saveData`).
fn save_data() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"navigator".into())
        .and_then(|n| js_sys::Reflect::get(&n, &"connection".into()))
        .ok()
        .filter(|c| c.is_object())
        .and_then(|c| js_sys::Reflect::get(&c, &"saveData".into()).ok())
        .is_some_and(|s| s.is_truthy())
}
