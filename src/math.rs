//! Math on demand: the first download has no math renderer. A post with math
//! arrives with placeholders (`code[data-ps-math]` holding the TeX); the
//! first such post imports the renderer module (`crates/math-wasm`) through
//! the shared object's `math()` (`www/boot/shared.js`), which the page's boot script or
//! `embed.js` defines, and each placeholder is swapped for MathML read
//! through the core's allow-list.

use papershelf_core::doc::{Linker, Node};
use papershelf_core::math::{from_mathml, MATH_ATTR};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The module, imported once per page.
    static MODULE: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// Why math stayed as TeX, worded for the reader.
fn failed(why: &str) -> String {
    papershelf_web::messages::format("math.failed", &[("why", why)])
}

/// Replaces the math placeholders under `container` with MathML, loading
/// the renderer first if needed. Where that fails, each placeholder keeps
/// its TeX and says why in its tooltip; a formula the renderer cannot read
/// stays as TeX, as the CLI shows it.
pub async fn render_math(container: web_sys::Element, linker: &dyn Linker) {
    let Ok(placeholders) = container.query_selector_all(&format!("code[{MATH_ATTR}]")) else {
        return;
    };
    if placeholders.length() == 0 {
        return;
    }
    let codes: Vec<web_sys::Element> = (0..placeholders.length())
        .filter_map(|i| placeholders.item(i)?.dyn_into().ok())
        .collect();
    match renderer().await {
        Ok(render) => {
            let Some(document) = container.owner_document() else {
                return;
            };
            let mut parents: Vec<web_sys::Element> = Vec::new();
            for code in codes {
                if let Some(p) = code.parent_element() {
                    if !parents.contains(&p) {
                        parents.push(p);
                    }
                }
                let tex = code.text_content().unwrap_or_default();
                let display = code.get_attribute(MATH_ATTR).as_deref() == Some("display");
                let markup = render
                    .call2(&JsValue::NULL, &tex.into(), &display.into())
                    .ok()
                    .and_then(|m| m.as_string());
                let math = markup.and_then(|m| from_mathml(&m));
                match math.and_then(|el| crate::dom::node(&document, &Node::Element(el), linker)) {
                    Some(node) => {
                        // A block formula scrolls sideways on a narrow screen:
                        // the keyboard can reach it to scroll it.
                        if display {
                            if let Some(el) = node.dyn_ref::<web_sys::Element>() {
                                let _ = el.set_attribute("tabindex", "0");
                            }
                        }
                        let _ = code.replace_with_with_node_1(&node);
                    }
                    // The renderer could not read it (`papershelf check` says why): the TeX stays, marked.
                    None => {
                        let _ = code
                            .set_attribute("title", papershelf_web::messages::t("math.unknown"));
                        let _ = code.class_list().add_1("math-failed");
                    }
                }
            }
            // A paragraph that scrolls sideways for its formulas (a phone):
            // the keyboard can reach it to scroll it.
            for p in parents {
                if p.scroll_width() > p.client_width() && !p.has_attribute("tabindex") {
                    let _ = p.set_attribute("tabindex", "0");
                }
            }
        }
        Err(why) => {
            for code in codes {
                let _ = code.set_attribute("title", &failed(&why));
                let _ = code.class_list().add_1("math-failed");
            }
        }
    }
}

/// The module's `tex_to_mathml`, importing the module the first time.
async fn renderer() -> Result<js_sys::Function, String> {
    let import: js_sys::Function = papershelf_web::shared::get("math")
        .and_then(|v| v.dyn_into().ok())
        .ok_or("this page did not say where it is")?;
    let promise = MODULE.with(|m| {
        m.borrow_mut()
            .get_or_insert_with(|| {
                import
                    .call0(&JsValue::NULL)
                    .and_then(|p| p.dyn_into::<js_sys::Promise>())
                    .unwrap_or_else(|e| js_sys::Promise::reject(&e))
            })
            .clone()
    });
    let module = match JsFuture::from(promise).await {
        Ok(module) => module,
        Err(e) => {
            // Not cached: the next post with math tries again.
            MODULE.with(|m| m.borrow_mut().take());
            return Err(e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "no answer".into()));
        }
    };
    js_sys::Reflect::get(&module, &"tex_to_mathml".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| "it is not papershelf's math module".into())
}
