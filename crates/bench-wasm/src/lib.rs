//! Parse-and-render as the browser runs it, for `make bench` (not shipped).

use papershelf_core::doc::HashLinker;
use papershelf_core::html::to_html;
use papershelf_core::post::Post;
use wasm_bindgen::prelude::*;

/// Parses and renders one post `times` times; returns the output length (so nothing is optimised away).
#[wasm_bindgen]
pub fn render_times(path: &str, text: &str, times: u32) -> usize {
    let linker = HashLinker {
        content_base: "content/".into(),
    };
    (0..times)
        .map(|_| to_html(Post::parse(path, text).doc(), &linker).len())
        .sum()
}

/// A generated post of about `bytes` bytes.
#[wasm_bindgen]
pub fn generated_post(bytes: usize) -> String {
    papershelf_core::sample::generated_post(bytes)
}
