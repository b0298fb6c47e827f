//! The browser side that both wasm modules of the site share.
//!
//! The app (Leptos, the whole viewer) and the first view (`crates/lists-wasm`,
//! a post or a list page on screen before the app has downloaded) build the
//! same markup from the same code: [`dom`] turns the core's safe tree into
//! nodes, [`site_header`] draws the top of every page, [`header`] a post's
//! date, tags, title and table of entries, [`list`] the home page's posts by
//! month and the papers page's cards, [`filters`] a list's filter bar, count
//! and "Show more" (and reads a press on them), [`share`] the links a reader
//! copies and the site's name and feeds, [`theme`] holds the reader's theme
//! choice, [`keys`] names what a reader can focus so another drawing of the
//! page finds it, [`shared`] reads what the page's scripts share, and
//! [`first`] shows a linked post or a list page early and hands it to the
//! app. [`cited`] (the app's alone) lists under a post who cites it.

pub mod cited;
pub mod dom;
pub mod filters;
pub mod first;
pub mod header;
pub mod keys;
pub mod list;
pub mod messages;
pub mod share;
pub mod shared;
pub mod site_header;
pub mod tabs;
pub mod theme;
pub mod visit;

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
