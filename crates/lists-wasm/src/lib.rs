//! The first view of the home page and the papers page, as a wasm module of
//! its own: the list markup of `papershelf_web` without the Markdown parser
//! (the reader module's) or Leptos (the app's), a few tens of kilobytes. The
//! boot script imports it on either page with no filter, beside
//! `content/index-front.json`, and calls [`show_list`]; the app, loaded
//! next, takes the page over (see `papershelf_web::first`).

use wasm_bindgen::prelude::*;

mod front;

/// Shows the first screen of the home page or the papers page when the
/// page's `hash` is either with no filter, from `front`:
/// `content/index-front.json` as the browser's JSON parser read it. Returns
/// whether it did: nothing is shown for another page, or a front of another
/// version or shape (the app then shows the page).
#[wasm_bindgen]
pub fn show_list(hash: &str, front: JsValue) -> bool {
    front::read(&front).is_some_and(|front| papershelf_web::first::show_list(hash, &front))
}

/// The module runs once per page, to draw one screen from a front of a few
/// kilobytes: memory is handed out by bumping a pointer and never given
/// back, which spares the download a general allocator.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: the module runs on the page's main thread only (no threads in this build).
static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::LeakingAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::LeakingAllocator::new()) };
