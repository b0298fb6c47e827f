//! The browser side that both wasm modules of the site share.
//!
//! The app (Leptos, the whole viewer) and the first view (`crates/lists-wasm`,
//! a post or a list page on screen before the app has downloaded) build the
//! same markup from the same code: [`dom`] turns the core's safe tree into
//! nodes, [`header`] builds a post's date, tags, title and table of entries,
//! [`list`] the home page's posts by month, [`share`] the links a reader
//! copies and the site's name and feeds, [`theme`] holds the reader's theme
//! choice, [`shared`] reads what the page's scripts share, and [`first`] shows a linked post or the home page early and hands
//! it to the app.

pub mod dom;
pub mod first;
pub mod header;
pub mod list;
pub mod share;
pub mod shared;
pub mod theme;

/// The content directory of the site, relative to its page.
pub const CONTENT_BASE: &str = "content/";

/// The element of `root` whose `id` is `anchor` (or the `user-content-`
/// prefixed id given to ids that look like globals), if any.
pub fn find_anchor(root: &web_sys::Element, anchor: &str) -> Option<web_sys::Element> {
    let find = |id: &str| {
        root.query_selector(&format!("[id=\"{}\"]", id.replace(['"', '\\'], "")))
            .ok()
            .flatten()
    };
    find(anchor).or_else(|| find(&format!("user-content-{anchor}")))
}
