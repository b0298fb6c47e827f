//! The first view of the home page, the papers page and a linked post, as a
//! wasm module of its own: the list and post markup of `papershelf_web`
//! without the Markdown parser or Leptos (the app's), a few tens of
//! kilobytes. The boot code (`www/boot/first-view.js`) imports it on either
//! list page with no filter, beside `content/_papershelf/front.json`, and
//! calls [`show_list`]; on a link to a post, beside the post and what
//! `papershelf index` drew of it ahead, and calls [`show_post`] (a post with
//! no drawing, or one of other text, is the app's). The app, loaded next,
//! takes the page over (see `papershelf_web::first`).

use wasm_bindgen::prelude::*;

mod drawn;
mod front;

/// Shows the first screen of the home page or the papers page when the
/// page's `hash` is either with no filter, from `front`:
/// `content/_papershelf/front.json` as the browser's JSON parser read it. Returns
/// whether it did: nothing is shown for another page, or a front of another
/// version or shape (the app then shows the page).
#[wasm_bindgen]
pub fn show_list(hash: &str, front: JsValue) -> bool {
    front::read(&front).is_some_and(|front| papershelf_web::first::show_list(hash, &front))
}

/// Shows the post the page's `hash` links to, fetched from `url` (relative
/// to the page), from `drawn`: `content/_papershelf/drawn/<post>.json` as the browser's
/// JSON parser read it, which the boot code has checked was drawn from
/// that very text. Returns whether it did: nothing is shown for a drawing
/// of another version or post, or with anything off the allow-list.
#[wasm_bindgen]
pub fn show_post(hash: &str, url: &str, drawn: JsValue) -> bool {
    drawn::read(&drawn)
        .is_some_and(|(post, body)| papershelf_web::first::show_drawn(hash, url, &post, &body))
}

/// Scrolls the first view to the heading the page's `hash` names, if it links
/// into the post shown; the boot code calls it on `hashchange` until the app
/// takes over. Returns whether it scrolled.
#[wasm_bindgen]
pub fn follow_anchor(hash: &str) -> bool {
    papershelf_web::first::follow(hash)
}

/// The module runs once per page, to draw one screen from a front or a
/// drawing of a few kilobytes: memory is handed out by bumping a pointer
/// and never given back, which spares the download a general allocator.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: the module runs on the page's main thread only (no threads in this build).
static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::LeakingAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::LeakingAllocator::new()) };
