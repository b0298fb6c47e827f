//! The search engine on its own: the core's tokenizer, query parser and
//! ranking (`papershelf_core::search`) behind a few functions, built by
//! Trunk as a wasm module of its own (`papershelf-search-<hash>.js`). The
//! viewer's first download leaves search out; it imports this module when
//! the reader first focuses the search box or opens a search.
//!
//! The viewer fetches; this module only reads what it is given:
//! 1. [`set_manifest`] with `_papershelf/search/manifest.json` (as `JSON.parse` read it)
//!    and each post's number of sections, in `index.json`'s order;
//! 2. [`needed`]: the piece files a query needs that are not held yet;
//! 3. [`add_piece`] for each, as fetched;
//! 4. [`search`]: the matching posts, best first;
//! 5. [`snippet`]: a marked snippet of a section's text.

use papershelf_core::search::engine::{self, pieces_needed};
use papershelf_core::search::index::{Manifest, Piece, PieceRef, SEARCH_VERSION};
use papershelf_core::search::query::Query;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Default)]
struct State {
    manifest: Manifest,
    sections: Vec<u32>,
    /// Pieces read, by file name; names carry a hash of the bytes, so a
    /// piece held stays right for any manifest that names it.
    pieces: HashMap<String, Piece>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Takes the manifest and each post's number of sections (one plus its
/// paper entries, in `index.json`'s order). Fails, saying what to do, when
/// the index is of another format or does not describe these posts.
#[wasm_bindgen]
pub fn set_manifest(manifest: JsValue, sections: Vec<u32>) -> Result<(), String> {
    let manifest = read_manifest(&manifest).ok_or_else(|| {
        "_papershelf/search/manifest.json is not a papershelf search manifest".to_string()
    })?;
    if manifest.version != SEARCH_VERSION {
        return Err(format!(
            "_papershelf/search/manifest.json is of format {} and this viewer reads format {SEARCH_VERSION}: run `papershelf index` and deploy again",
            manifest.version
        ));
    }
    let total: u64 = sections.iter().map(|s| *s as u64).sum();
    if manifest.posts as usize != sections.len() || manifest.sections as u64 != total {
        return Err(format!(
            "the search index describes {} posts and index.json lists {}: they were written at different times; run `papershelf index` and deploy both",
            manifest.posts,
            sections.len()
        ));
    }
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let named: std::collections::HashSet<&str> =
            manifest.pieces.iter().map(|p| p.file.as_str()).collect();
        s.pieces.retain(|file, _| named.contains(file.as_str()));
        s.manifest = manifest;
        s.sections = sections;
    });
    Ok(())
}

/// The manifest as `JSON.parse` read it, field by field (serde would bring
/// its number formatting along: a tenth of this module).
fn read_manifest(value: &JsValue) -> Option<Manifest> {
    let get = |v: &JsValue, key: &str| js_sys::Reflect::get(v, &key.into()).ok();
    let number = |key: &str| get(value, key)?.as_f64().map(|n| n as u32);
    let pieces = get(value, "pieces")?.dyn_into::<js_sys::Array>().ok()?;
    let pieces = pieces
        .iter()
        .map(|p| {
            Some(PieceRef {
                first: get(&p, "first")?.as_string()?,
                file: get(&p, "file")?.as_string()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Manifest {
        version: number("version")?,
        posts: number("posts")?,
        sections: number("sections")?,
        pieces,
    })
}

/// The piece files `query` needs that are not held yet.
#[wasm_bindgen]
pub fn needed(query: &str) -> Vec<String> {
    let query = Query::parse(query);
    STATE.with(|s| {
        let s = s.borrow();
        pieces_needed(&query, &s.manifest)
            .into_iter()
            .filter(|f| !s.pieces.contains_key(f))
            .collect()
    })
}

/// Reads a fetched piece; a damaged one is an error naming it.
#[wasm_bindgen]
pub fn add_piece(file: &str, bytes: &[u8]) -> Result<(), String> {
    let piece = Piece::parse(bytes).map_err(|e| format!("_papershelf/search/{file}: {e}"))?;
    STATE.with(|s| s.borrow_mut().pieces.insert(file.to_string(), piece));
    Ok(())
}

/// The posts matching `query`, best first (ties: the newer first), given
/// the pieces [`needed`] named, as one flat list: for each post its
/// position in `index.json`, how many of its sections match, and those
/// sections, best first (0: the text before the entries; n: entry n). An
/// empty query matches nothing.
#[wasm_bindgen]
pub fn search(query: &str) -> Vec<u32> {
    let query = Query::parse(query);
    STATE.with(|s| {
        let s = s.borrow();
        let mut out = Vec::new();
        for hit in engine::run(&query, &s.manifest, &s.sections, |f| s.pieces.get(f)) {
            out.push(hit.post);
            out.push(hit.sections.len() as u32);
            out.extend(hit.sections.into_iter().map(|(n, _)| n));
        }
        out
    })
}

/// About `width` characters of `text` around its first match of `query`,
/// as alternating pieces: plain text, marked text, plain text, … (the
/// first may be empty). Text only: the viewer shows it as text nodes.
#[wasm_bindgen]
pub fn snippet(text: &str, query: &str, width: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    for segment in engine::snippet(text, &Query::parse(query), width) {
        // Plain pieces stand at even places, marked ones at odd places.
        let current_is_marked = out.len() % 2 == 0;
        if segment.mark != current_is_marked {
            out.push(String::new());
        }
        out.last_mut()
            .expect("one piece at least")
            .push_str(&segment.text);
    }
    out
}
