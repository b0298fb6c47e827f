//! The site's paper folders in the browser (`papershelf_core::post::PaperFolders`):
//! `papershelf publish` names them in the page (`<meta name="papershelf-papers">`,
//! a JSON list) when they are not the default; the app parses every post
//! with them, as the CLI does, so a post's papers are the same in both.
//! An embedded viewer, or a page without the meta, has the default.

use papershelf_core::post::{PaperFolders, PAPERS_META};
use std::cell::OnceCell;
use wasm_bindgen::JsCast;

thread_local! {
    static FOLDERS: OnceCell<PaperFolders> = const { OnceCell::new() };
}

/// Reads the folders from the page, if it names them.
fn from_page() -> Option<PaperFolders> {
    let meta = web_sys::window()?
        .document()?
        .query_selector(&format!("meta[name=\"{PAPERS_META}\"]"))
        .ok()??;
    let list = js_sys::JSON::parse(&meta.get_attribute("content")?).ok()?;
    let list = list.dyn_ref::<js_sys::Array>()?;
    let folders = list
        .iter()
        .map(|v| v.as_string())
        .collect::<Option<Vec<_>>>()?;
    Some(PaperFolders(folders))
}

/// The site's paper folders (read once per page).
pub fn folders() -> PaperFolders {
    FOLDERS.with(|cell| cell.get_or_init(|| from_page().unwrap_or_default()).clone())
}
