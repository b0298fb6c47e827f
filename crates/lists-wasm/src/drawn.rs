//! A post as `papershelf index` drew it ahead (`content/_papershelf/drawn/<post>.json`,
//! see `papershelf_core::tree`), as the browser's `JSON.parse` gave it: its
//! header, and its body read back through the allow-list.

use crate::front::{field, number, post};
use js_sys::Array;
use papershelf_core::doc::Node;
use papershelf_core::post::Post;
use papershelf_core::tree::{self, Data, TREE_VERSION};
use wasm_bindgen::{JsCast, JsValue};

/// A value `JSON.parse` gave, read as the tree's data.
struct Js(JsValue);

impl Data for Js {
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn items(&self) -> Option<Vec<Self>> {
        Some(self.0.dyn_ref::<Array>()?.iter().map(Js).collect())
    }

    fn field(&self, key: &str) -> Option<Self> {
        if !self.0.is_object() {
            return None;
        }
        Some(Js(field(&self.0, key))).filter(|v| !v.0.is_undefined())
    }
}

/// The header and body in `value`, if it is a drawing of this version
/// whose every node is on the allow-list.
pub fn read(value: &JsValue) -> Option<(Post, Vec<Node>)> {
    if number(value, "version")? != f64::from(TREE_VERSION) {
        return None;
    }
    let post = post(&field(value, "post"))?;
    let body = tree::read(&Js(field(value, "body")))?;
    Some((post, body))
}
