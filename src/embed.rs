//! `<papershelf-viewer>`: the viewer mounted inside another page's element
//! (`www/embed.js` defines the custom element and calls [`mount_viewer`]).

use crate::{hash_route, RouteMode, Viewer};
use leptos::prelude::*;
use papershelf_core::catalog::Filter;
use papershelf_core::route::Route;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// The element's attributes, as `embed.js` passes them.
#[derive(Debug, Deserialize)]
pub struct EmbedOptions {
    /// Absolute URL of the content directory, ending in `/`.
    pub content: String,
    /// An initial tag filter, comma-separated.
    #[serde(default)]
    pub tags: Option<String>,
    /// A post to open, e.g. `papers/y2025/nov/20251106`.
    #[serde(default)]
    pub post: Option<String>,
    /// `memory` (default) or `hash`.
    #[serde(default)]
    pub route: Option<String>,
}

impl EmbedOptions {
    /// The first page to show.
    pub fn initial_route(&self) -> Route {
        if let Some(post) = self.post.as_deref().filter(|p| !p.trim().is_empty()) {
            return Route::from_hash(&format!("#/post/{}", post.trim().trim_start_matches('/')));
        }
        let tags: Vec<String> = self
            .tags
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        Route::Home(Filter {
            tags,
            ..Default::default()
        })
    }
}

/// Mounts a viewer into `element` with `options` (see [`EmbedOptions`]).
#[wasm_bindgen]
pub fn mount_viewer(element: web_sys::HtmlElement, options: JsValue) -> Result<(), JsValue> {
    let options: EmbedOptions = serde_wasm_bindgen::from_value(options)
        .map_err(|e| JsValue::from_str(&format!("papershelf-viewer: bad options: {e}")))?;
    let content = options.content.clone();
    let hash_mode = options.route.as_deref() == Some("hash");
    let start = options.initial_route();
    leptos::mount::mount_to(element, move || {
        let (route, mode) = if hash_mode {
            let route = hash_route();
            if route.get_untracked() == Route::Home(Filter::default()) {
                route.set(start);
            }
            (route, RouteMode::Hash)
        } else {
            (RwSignal::new(start), RouteMode::Memory)
        };
        view! { <Viewer content_base=content route=route mode=mode/> }
    })
    .forget();
    Ok(())
}
