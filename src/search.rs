//! Full-text search in the viewer. The first download has no search engine:
//! the engine module (`crates/search-wasm`) is imported through
//! the shared object's `search()` (`www/boot/shared.js`) (defined by the boot script or
//! `embed.js`) when the reader first focuses the search box or opens a
//! search. Then each query fetches only what it needs: the manifest once
//! per loaded index, and the index pieces its words fall in, each once (their
//! names follow their bytes, so the browser may keep them for good).
//!
//! Text handed to the engine is put in Unicode NFC here, with the browser's
//! own `String.prototype.normalize`, so the engine carries no tables for it.

use crate::api::{self, FetchError};
use crate::Library;
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The engine module, imported once per page.
    static MODULE: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
    /// The index (by address) and content directory the engine holds the manifest for.
    static MANIFEST_FOR: RefCell<Option<(usize, String)>> = const { RefCell::new(None) };
}

/// Why a search could not run, worded for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchError {
    /// The site has no search index (`_papershelf/search/manifest.json` is missing).
    Missing(String),
    /// The index is there but a part of it could not be fetched.
    Fetch(FetchError),
    /// The index is damaged or does not match the posts.
    Broken(String),
    /// The engine module could not be loaded.
    Engine(String),
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use papershelf_web::messages::format;
        f.write_str(&match self {
            SearchError::Missing(url) => format("search.no-index", &[("url", url)]),
            SearchError::Fetch(e) => format("search.piece", &[("why", &e.to_string())]),
            SearchError::Broken(why) => format("search.broken", &[("why", why)]),
            SearchError::Engine(why) => format("search.engine", &[("why", why)]),
        })
    }
}

/// One matching post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Its position in the index (and the catalog).
    pub post: usize,
    /// Its matching sections, best first: 0 is the text before the first
    /// paper entry, n is entry n.
    pub sections: Vec<u32>,
}

/// Starts importing the engine, so that the first query does not wait for it.
pub fn preload() {
    let _ = module();
}

/// The engine module's promise, importing it the first time.
fn module() -> js_sys::Promise {
    MODULE.with(|m| {
        m.borrow_mut()
            .get_or_insert_with(|| {
                papershelf_web::shared::get("search")
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                    .ok_or_else(|| JsValue::from_str("this page did not say where it is"))
                    .and_then(|f| f.call0(&JsValue::NULL))
                    .and_then(|p| p.dyn_into::<js_sys::Promise>())
                    .unwrap_or_else(|e| js_sys::Promise::reject(&e))
            })
            .clone()
    })
}

/// The imported engine.
struct Engine(JsValue);

impl Engine {
    async fn load() -> Result<Engine, SearchError> {
        match JsFuture::from(module()).await {
            Ok(m) => Ok(Engine(m)),
            Err(e) => {
                // Not kept: the next search tries again.
                MODULE.with(|m| m.borrow_mut().take());
                Err(SearchError::Engine(
                    e.dyn_ref::<js_sys::Error>()
                        .map(|e| String::from(e.message()))
                        .or_else(|| e.as_string())
                        .unwrap_or_else(|| "no answer".into()),
                ))
            }
        }
    }

    fn call(&self, name: &str, args: &[JsValue]) -> Result<JsValue, SearchError> {
        let f: js_sys::Function = js_sys::Reflect::get(&self.0, &name.into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| SearchError::Engine("it is not papershelf's search module".into()))?;
        f.apply(&JsValue::NULL, &args.iter().collect::<js_sys::Array>())
            .map_err(|e| {
                SearchError::Broken(e.as_string().unwrap_or_else(|| "the engine failed".into()))
            })
    }
}

/// `text` in Unicode NFC, by the browser.
pub fn nfc(text: &str) -> String {
    js_sys::JsString::from(text)
        .normalize("NFC")
        .as_string()
        .unwrap_or_else(|| text.to_string())
}

/// How long a query that needs pieces from the network waits first: the
/// next keystroke usually replaces it, and then nothing was fetched for it.
/// A query whose pieces are at hand runs at once.
pub const FETCH_DELAY_MS: i32 = 150;

/// Runs `query` over the index of `library` (under `content_base`): the
/// matching posts, best first, or `Ok(None)` when `current` says, after
/// [`FETCH_DELAY_MS`], that another query has replaced it. Fetches the
/// manifest (once per loaded index) and the pieces the query needs that are
/// not held yet, all at once.
pub async fn run(
    library: &Arc<Library>,
    content_base: &str,
    query: &str,
    current: impl Fn() -> bool,
) -> Result<Option<Vec<Hit>>, SearchError> {
    let engine = Engine::load().await?;
    let dir = format!("{content_base}{}", papershelf_core::index::SEARCH_DIR);
    let key = (Arc::as_ptr(library) as usize, content_base.to_string());
    if MANIFEST_FOR.with(|m| m.borrow().as_ref() != Some(&key)) {
        let url = format!("{dir}manifest.json");
        let manifest = match api::fetch_json(&url).await {
            Ok(m) => m,
            Err(FetchError::NotFound(url)) => return Err(SearchError::Missing(url)),
            Err(e) => return Err(SearchError::Fetch(e)),
        };
        let sections: Vec<u32> = library
            .index
            .posts
            .iter()
            .map(|p| 1 + p.entries.len() as u32)
            .collect();
        engine.call(
            "set_manifest",
            &[
                manifest,
                js_sys::Uint32Array::from(sections.as_slice()).into(),
            ],
        )?;
        MANIFEST_FOR.with(|m| *m.borrow_mut() = Some(key));
    }
    let query = nfc(query);
    let needed: Vec<String> = engine
        .call("needed", &[query.as_str().into()])?
        .dyn_into::<js_sys::Array>()
        .map(|a| a.iter().filter_map(|f| f.as_string()).collect())
        .unwrap_or_default();
    if !needed.is_empty() {
        crate::timing::sleep(FETCH_DELAY_MS).await;
        if !current() {
            return Ok(None);
        }
    }
    // Every piece at once.
    let urls: Vec<String> = needed.iter().map(|file| format!("{dir}{file}")).collect();
    let fetched = futures::future::join_all(urls.iter().map(|url| api::fetch_immutable(url))).await;
    for (file, bytes) in needed.iter().zip(fetched) {
        let bytes = bytes.map_err(SearchError::Fetch)?;
        engine.call("add_piece", &[file.as_str().into(), bytes.into()])?;
    }
    let flat: Vec<u32> = engine
        .call("search", &[query.as_str().into()])?
        .dyn_into::<js_sys::Uint32Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default();
    Ok(Some(read_hits(&flat)))
}

/// The engine's flat answer (`post, n, n sections, post, …`) as hits; a
/// cut answer is read up to where it stops.
pub fn read_hits(flat: &[u32]) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut rest = flat;
    while let [post, n, tail @ ..] = rest {
        let n = (*n as usize).min(tail.len());
        out.push(Hit {
            post: *post as usize,
            sections: tail[..n].to_vec(),
        });
        rest = &tail[n..];
    }
    out
}

/// A snippet of `text` around its first match of `query`, as pieces of
/// text, each marked or not; `None` if the engine is not loaded.
pub async fn snippet(text: &str, query: &str, width: usize) -> Option<Vec<(String, bool)>> {
    let engine = Engine::load().await.ok()?;
    let pieces = engine
        .call(
            "snippet",
            &[nfc(text).into(), nfc(query).into(), (width as u32).into()],
        )
        .ok()?
        .dyn_into::<js_sys::Array>()
        .ok()?;
    Some(
        pieces
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((p.as_string()?, i % 2 == 1)))
            .filter(|(t, _)| !t.is_empty())
            .collect(),
    )
}
