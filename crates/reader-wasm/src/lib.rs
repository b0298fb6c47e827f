//! The first view of a linked post parsed in the browser, as a wasm module
//! of its own: the core and the DOM builder without Leptos, about half the
//! app's download. The boot script imports it on a link to a post that has
//! no current drawing ahead (none written, or one of other text: a post
//! edited since `papershelf index`, as under `trunk serve`; the lists module
//! draws the others), and calls [`show_post`]; the app, loaded next, takes
//! the page over (see `papershelf_web::first`).

use wasm_bindgen::prelude::*;

/// Shows nothing for a post longer than this: the app shows it (see [`ALLOC`]).
pub const MAX_POST_BYTES: usize = 256 * 1024;

/// Shows the post the page's `hash` links to, whose text `text` was fetched
/// from `url` (relative to the page). Returns whether it did: nothing is
/// shown when `hash` does not link to that file or the post is longer than
/// [`MAX_POST_BYTES`], and the app shows the page.
#[wasm_bindgen]
pub fn show_post(hash: &str, url: &str, text: &str) -> bool {
    text.len() <= MAX_POST_BYTES && papershelf_web::first::show(hash, url, text)
}

/// Scrolls the first view to the heading the page's `hash` names, if it links
/// into the post shown; the boot script calls it on `hashchange` until the app
/// takes over. Returns whether it scrolled.
#[wasm_bindgen]
pub fn follow_anchor(hash: &str) -> bool {
    papershelf_web::first::follow(hash)
}

/// The module runs once per page, to show one post: memory is handed out by
/// bumping a pointer and never given back, which spares the download a
/// general allocator (6.8 KB of 129 KB gzipped) and is faster than one.
/// Parsing takes about 64 bytes per byte of text, so [`MAX_POST_BYTES`]
/// bounds what this module ever holds to about 16 MB.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: the module runs on the page's main thread only (no threads in this build).
static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::LeakingAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::LeakingAllocator::new()) };
