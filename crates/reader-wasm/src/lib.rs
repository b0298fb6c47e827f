//! The first view of a linked post, as a wasm module of its own: the core and
//! the DOM builder without Leptos, about half the app's download. The boot
//! script imports it on a link to a post, beside the post itself, and calls
//! [`show_post`]; the app, loaded next, takes the page over (see
//! `papershelf_web::first`).

use wasm_bindgen::prelude::*;

/// Shows the post the page's `hash` links to, whose text `text` was fetched
/// from `url` (relative to the page). Returns whether it did: nothing is
/// shown when `hash` does not link to that file, and the app shows the page.
#[wasm_bindgen]
pub fn show_post(hash: &str, url: &str, text: &str) -> bool {
    papershelf_web::first::show(hash, url, text)
}
