//! The site's context in the browser (`papershelf_core::context`): its
//! paper folders, authors and tags, which `papershelf publish` writes into
//! the page (`<script type="application/json" id="papershelf-site">`) when
//! they are not the default. The app parses every post in it, as the CLI
//! does, so a post's papers, authors and tags are the same in both. An
//! embedded viewer reads `content/_papershelf/site.json` (`www/embed.js`
//! fetches it); a page without either has the default.

use papershelf_core::context::{Context, CONTEXT_ID};
use std::cell::OnceCell;

thread_local! {
    static CONTEXT: OnceCell<&'static Context> = const { OnceCell::new() };
}

/// Reads the context from the page, if it holds one; in an embedded
/// viewer, from what `www/embed.js` read of `_papershelf/site.json`.
fn from_page() -> Option<Context> {
    let in_page = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(CONTEXT_ID))
        .and_then(|e| e.text_content());
    let text = in_page
        .or_else(|| papershelf_web::shared::get("site_context").and_then(|v| v.as_string()))?;
    // The browser's own JSON parser, then serde (as the index is read).
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(&text).ok()?).ok()
}

/// The site's context (read once per page, then shared, never copied: the
/// tags page asks it once per row).
pub fn context() -> &'static Context {
    CONTEXT.with(|cell| *cell.get_or_init(|| Box::leak(Box::new(from_page().unwrap_or_default()))))
}
