//! `_papershelf/front.json` as the browser's `JSON.parse` gave it, read field by
//! field: a few hundred bytes of code, where a serde deserializer for the
//! index's types would add kilobytes to the first download.

use js_sys::{Array, Reflect};
use papershelf_core::catalog::{Paper, Review};
use papershelf_core::context::Author;
use papershelf_core::front::{Front, PapersFront};
use papershelf_core::post::{PaperEntry, Post};
use wasm_bindgen::{JsCast, JsValue};

pub(crate) fn field(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    field(value, key).as_string()
}

pub(crate) fn number(value: &JsValue, key: &str) -> Option<f64> {
    field(value, key).as_f64()
}

fn list(value: &JsValue, key: &str) -> Option<Vec<JsValue>> {
    let items = field(value, key);
    if items.is_undefined() {
        return Some(Vec::new());
    }
    Some(items.dyn_into::<Array>().ok()?.iter().collect())
}

/// The array at `key` (none is empty), each item read by `read`; `None`
/// if it is not an array or an item does not read.
fn each<T>(value: &JsValue, key: &str, read: impl Fn(&JsValue) -> Option<T>) -> Option<Vec<T>> {
    list(value, key)?.iter().map(read).collect()
}

fn texts(value: &JsValue, key: &str) -> Option<Vec<String>> {
    each(value, key, JsValue::as_string)
}

fn entry(value: &JsValue) -> Option<PaperEntry> {
    Some(PaperEntry {
        number: number(value, "number").map(|n| n as u32),
        title: text(value, "title")?,
        subtitle: text(value, "subtitle"),
        url: text(value, "url"),
        tags: texts(value, "tags")?,
        anchor: text(value, "anchor")?,
    })
}

pub(crate) fn post(value: &JsValue) -> Option<Post> {
    Some(Post {
        path: text(value, "path")?,
        title: text(value, "title")?,
        date: text(value, "date")?,
        tags: texts(value, "tags")?,
        entries: each(value, "entries", entry)?,
        minutes: number(value, "minutes").map_or(0, |n| n as u32),
        excerpt: text(value, "excerpt").unwrap_or_default(),
        authors: each(value, "authors", author).unwrap_or_default(),
        ..Post::default()
    })
}

fn author(value: &JsValue) -> Option<Author> {
    Some(Author {
        name: text(value, "name")?,
        title: text(value, "title"),
        url: text(value, "url"),
        image_url: text(value, "image_url"),
    })
}

fn review(value: &JsValue) -> Option<Review> {
    Some(Review {
        post_path: text(value, "post_path")?,
        post_title: text(value, "post_title").unwrap_or_default(),
        date: text(value, "date")?,
        anchor: text(value, "anchor")?,
    })
}

fn paper(value: &JsValue) -> Option<Paper> {
    Some(Paper {
        title: text(value, "title")?,
        subtitle: text(value, "subtitle"),
        url: text(value, "url"),
        tags: texts(value, "tags")?,
        reviews: each(value, "reviews", review)?,
        key: text(value, "key")?,
    })
}

/// `[[tag, count], …]`.
fn facets(value: &JsValue) -> Option<Vec<(String, usize)>> {
    each(value, "facets", |pair| {
        let pair = pair.dyn_ref::<Array>()?;
        Some((pair.get(0).as_string()?, pair.get(1).as_f64()? as usize))
    })
}

fn papers(value: &JsValue) -> Option<PapersFront> {
    Some(PapersFront {
        total: number(value, "total")? as usize,
        facets: facets(value)?,
        cards: each(value, "cards", paper)?,
        again: number(value, "again").map_or(0, |n| n as usize),
    })
}

/// The front in `value`, if it has the shape `papershelf index` writes.
pub fn read(value: &JsValue) -> Option<Front> {
    let papers_field = field(value, "papers");
    Some(Front {
        version: number(value, "version")? as u32,
        total: number(value, "total")? as usize,
        facets: facets(value)?,
        posts: each(value, "posts", post)?,
        papers: if papers_field.is_undefined() {
            None
        } else {
            Some(papers(&papers_field)?)
        },
    })
}
