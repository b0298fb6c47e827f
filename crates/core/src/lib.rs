//! The pure core of papershelf: no web dependencies, no I/O.
//!
//! A post's text goes through [`frontmatter`], the [`mdx`] pre-pass and the
//! [`render`]er into one safe [`doc::Doc`] tree, checked by the [`policy`].
//! [`post::Post`] is the content model, [`index::Index`] the list the
//! viewer filters, [`check`] what `papershelf check` reports. The browser
//! maps the tree to DOM nodes; the CLI prints it with [`html::to_html`].
//!
//! ```
//! use papershelf_core::{post::Post, doc::HashLinker, html::to_html};
//! let parsed = Post::parse("papers/y2025/nov/20251106.md",
//!     "# 2025-11-06 papers review\n\n## 1. [MIRA](https://example.org/mira) `bytedance`\n");
//! assert_eq!(parsed.post.date, "2025-11-06");
//! assert_eq!(parsed.post.entries[0].tags, vec!["bytedance"]);
//! let html = to_html(parsed.doc(), &HashLinker { content_base: "content/".into() });
//! assert!(html.contains(r#"<h2 id="1-mira-bytedance">"#));
//! ```

pub mod address;
#[cfg(feature = "site")]
pub mod app_page;
pub mod autolink;
pub mod bibtex;
pub mod catalog;
pub mod check;
pub mod citations;
pub mod code_block;
pub mod context;
pub mod diagnostic;
pub mod display_math;
pub mod doc;
pub mod embed;
#[cfg(feature = "site")]
pub mod feed;
pub mod front;
pub mod frontmatter;
pub mod html;
pub mod index;
pub mod links;
pub mod math;
pub mod mdx;
pub mod messages;
pub mod options;
#[cfg(feature = "site")]
pub mod page;
pub mod paper_id;
#[cfg(feature = "site")]
pub mod paper_page;
pub mod paths;
pub mod policy;
pub mod post;
pub mod raw_html;
pub mod render;
pub mod route;
pub mod sample;
#[cfg(feature = "search")]
pub mod search;
pub mod sections;
pub mod sidebar;
pub mod since;
#[cfg(feature = "site")]
pub mod site;
pub mod slug;
#[cfg(feature = "site")]
pub mod starter;
pub mod tabs;
pub mod tree;
