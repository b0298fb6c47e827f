//! Keys: what names a control or a link on a page, whoever drew it.
//!
//! Every builder of this crate writes a `data-key` on what a reader can
//! focus or press (a section link, a facet, a post in a list, an entry of
//! its table) and on the items that hold such things (a post of a list, an
//! entry), unique among its keyed siblings. An element is then found again
//! by its key path (the keys of its keyed ancestors, then its own) in any
//! drawing of the same page: the app's, when it takes over from the first
//! view, or the same list drawn again after a change.

use wasm_bindgen::JsCast;
use web_sys::Element;

/// The attribute holding an element's key.
pub const KEY_ATTR: &str = "data-key";

/// The key of a tag link or button, `tag:<tag>` (in lower case, as filters
/// hold tags).
pub fn tag(tag: &str) -> String {
    format!("tag:{}", tag.to_lowercase())
}

/// The key path of `el` under `root`: the keys of its keyed ancestors
/// below `root`, outermost first, then its own. Empty when `el` has no key.
pub fn path(el: &Element, root: &Element) -> Vec<String> {
    if !el.has_attribute(KEY_ATTR) {
        return Vec::new();
    }
    let mut keys = Vec::new();
    let mut at = Some(el.clone());
    while let Some(node) = at {
        if node == *root {
            break;
        }
        if let Some(key) = node.get_attribute(KEY_ATTR) {
            keys.push(key);
        }
        at = node.parent_element();
    }
    keys.reverse();
    keys
}

/// The element with the key path `path` under the first of `roots` that
/// has one.
pub fn find(roots: &[Element], path: &[String]) -> Option<Element> {
    let own = path.last()?;
    roots.iter().find_map(|root| {
        let keyed = root.query_selector_all(&format!("[{KEY_ATTR}]")).ok()?;
        (0..keyed.length())
            .filter_map(|i| keyed.item(i)?.dyn_into::<Element>().ok())
            .filter(|el| el.get_attribute(KEY_ATTR).as_ref() == Some(own))
            .find(|el| path_is(el, root, path))
    })
}

fn path_is(el: &Element, root: &Element, expected: &[String]) -> bool {
    path(el, root) == expected
}

/// Runs `redraw` (which replaces what `container` holds) and puts the focus
/// back on the element with the key path the focused one had, when the
/// focus was inside `container`.
pub fn keep_focus(container: &Element, redraw: impl FnOnce()) {
    let focused = container
        .owner_document()
        .and_then(|d| d.active_element())
        .filter(|active| container.contains(Some(active)) && active != container);
    let Some(focused) = focused else {
        redraw();
        return;
    };
    let keys = path(&focused, container);
    redraw();
    if focused.is_connected() || keys.is_empty() {
        return;
    }
    if let Some(again) = find(std::slice::from_ref(container), &keys)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = again.focus();
    }
}
