//! The math renderer on its own: pulldown-latex (with the core's KaTeX
//! rewrites, `papershelf_core::math::katex`) behind one function, built by
//! Trunk as a second wasm module (`papershelf-math-<hash>.js`). The viewer's
//! first download leaves math out; it imports this module the first time a
//! post has math, and reads what it returns through the core's MathML
//! allow-list (`papershelf_core::math::from_mathml`), never as HTML.

use wasm_bindgen::prelude::*;

/// MathML markup for `tex` (a `<math>` element, `display="block"` when
/// `display`), or `undefined` where the TeX cannot be rendered.
#[wasm_bindgen]
pub fn tex_to_mathml(tex: &str, display: bool) -> Option<String> {
    papershelf_core::math::tex_to_mathml(tex, display)
}
