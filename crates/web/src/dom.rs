//! The safe tree as DOM nodes, built with `createElement`, `setAttribute`
//! and text nodes only. No string from a post is ever parsed as HTML here.

use papershelf_core::doc::{AttrValue, Linker, Namespace, Node};
use wasm_bindgen::JsCast;
use web_sys::Document;

const MATHML_NS: &str = "http://www.w3.org/1998/Math/MathML";

/// Builds `nodes` (a document's blocks, or some of them) into `parent`,
/// replacing what it held.
pub fn render_into(parent: &web_sys::Element, nodes: &[Node], linker: &dyn Linker) {
    parent.set_text_content(None);
    let Some(document) = parent.owner_document() else {
        return;
    };
    let fragment = document.create_document_fragment();
    for node in nodes {
        if let Some(n) = self::node(&document, node, linker) {
            let _ = fragment.append_child(&n);
        }
    }
    let _ = parent.append_child(&fragment);
    crate::tabs::wire(parent);
}

/// One node and its children, as DOM nodes of `document`. Depth is bounded
/// by the core (`MAX_DEPTH`).
pub fn node(document: &Document, node: &Node, linker: &dyn Linker) -> Option<web_sys::Node> {
    match node {
        Node::Text(t) => Some(document.create_text_node(t).into()),
        Node::Element(el) => {
            let element = match el.namespace() {
                Namespace::Html => document.create_element(el.tag()).ok()?,
                Namespace::MathMl => document.create_element_ns(Some(MATHML_NS), el.tag()).ok()?,
            };
            for attr in el.attrs() {
                let value = match &attr.value {
                    AttrValue::Text(t) => t.clone(),
                    AttrValue::Url(target) => linker.url(target),
                    AttrValue::Style(decls) => {
                        // Through CSSOM, which a Content-Security-Policy without
                        // 'unsafe-inline' allows (a `style` attribute it would block).
                        if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
                            let style = html.style();
                            for (property, value) in decls {
                                let _ = style.set_property(property, value);
                            }
                        }
                        continue;
                    }
                };
                let _ = element.set_attribute(attr.name, &value);
            }
            for child in &el.children {
                if let Some(c) = self::node(document, child, linker) {
                    let _ = element.append_child(&c);
                }
            }
            Some(element.into())
        }
    }
}

/// An event listener added to a node, removed when this is dropped (or kept
/// for the life of the page with [`Listener::keep`]).
pub struct Listener {
    target: web_sys::EventTarget,
    event: &'static str,
    handler: Option<wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>>,
}

impl Listener {
    /// Keeps the listener for as long as its node lives (a first view's
    /// controls, shown once).
    pub fn keep(mut self) {
        if let Some(handler) = self.handler.take() {
            handler.forget();
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(handler) = self.handler.take() {
            let _ = self
                .target
                .remove_event_listener_with_callback(self.event, handler.as_ref().unchecked_ref());
        }
    }
}

/// Runs `handler` on every `event` at `target` until the returned
/// [`Listener`] is dropped.
pub fn listen(
    target: &web_sys::EventTarget,
    event: &'static str,
    handler: impl FnMut(web_sys::Event) + 'static,
) -> Listener {
    let handler = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
    Listener {
        target: target.clone(),
        event,
        handler: Some(handler),
    }
}
