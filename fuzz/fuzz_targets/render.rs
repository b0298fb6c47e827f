//! The whole pipeline on arbitrary input: front matter, MDX pre-pass,
//! Markdown, raw HTML, math, entries, the HTML output, the index, routes.
//! Run: `cargo +nightly fuzz run render -- -max_total_time=600`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papershelf_core::catalog::{Catalog, Filter};
use papershelf_core::doc::{AttrValue, HashLinker, Node, Target};
use papershelf_core::html::to_html;
use papershelf_core::index::Index;
use papershelf_core::post::Post;
use papershelf_core::route::Route;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = Post::parse("papers/y2025/nov/20251106.md", &text);
    let html = to_html(&parsed.doc(), &HashLinker { content_base: "content/".into() });
    // Text is escaped, so these can only appear as markup, which the policy forbids.
    for banned in ["<script", "<iframe", "<object", "<embed", "<style", "<svg", "<form", "<base", "<meta", "<input name"] {
        assert!(!html.to_ascii_lowercase().contains(banned), "{banned} in output");
    }
    // Every attribute is allowed and every URL has an allowed scheme.
    let mut stack: Vec<&Node> = parsed.doc().children.iter().collect();
    while let Some(node) = stack.pop() {
        let Node::Element(el) = node else { continue };
        for a in el.attrs() {
            assert!(!a.name.starts_with("on"), "event handler attribute {}", a.name);
            if let AttrValue::Url(Target::External { url }) = &a.value {
                let lower = url.to_ascii_lowercase();
                assert!(
                    ["http:", "https:", "mailto:", "data:image/"].iter().any(|s| lower.starts_with(s)),
                    "bad URL {url}"
                );
            }
        }
        stack.extend(el.children.iter());
    }
    let index = Index::build([parsed.post.clone()]);
    let catalog = Catalog::new(&index);
    let tags: Vec<String> = text.split_whitespace().take(3).map(str::to_string).collect();
    let _ = catalog.filter_papers(&Filter { tags, text: text.chars().take(20).collect(), ..Default::default() });
    let route = Route::from_hash(&text);
    if let Route::Post { path, .. } = &route {
        assert!(!path.split('/').any(|s| s == ".."), "route escaped: {path}");
    }
    let _ = Route::from_hash(&route.to_hash());
});
