//! `$…$` and `$$…$$` as MathML elements of the safe tree.
//!
//! The LaTeX is turned into MathML text by `latex2mathml`, then read back
//! with the raw-HTML tokenizer through the MathML allow-list
//! ([`from_mathml`]), so even the math renderer's output cannot add anything
//! outside the policy.
//!
//! Without the `math` feature (the browser's first download) math becomes a
//! placeholder: a `code` element holding the TeX, marked with [`MATH_ATTR`].
//! The browser loads the renderer (a second, small wasm module built from
//! [`tex_to_mathml`]) only when a post has math, and swaps each placeholder
//! for [`from_mathml`] of its output.

use crate::doc::{AttrValue, Element, Node};
use crate::raw_html::{tokenize, Token};

/// The attribute that marks a math placeholder: `display` or `inline`.
/// Only the renderer sets it (no `data-` attribute passes the content policy).
pub const MATH_ATTR: &str = "data-ps-math";

/// The MathML tree for `tex`, or `None` where it cannot be rendered (the
/// caller then shows the TeX source).
#[cfg(feature = "math")]
pub fn to_tree(tex: &str, display: bool) -> Option<Element> {
    from_mathml(&tex_to_mathml(tex, display)?)
}

/// MathML markup for `tex`, as `latex2mathml` writes it, or `None` where it
/// cannot be rendered. Not safe to show as it is: read it with [`from_mathml`].
#[cfg(feature = "math")]
pub fn tex_to_mathml(tex: &str, display: bool) -> Option<String> {
    use latex2mathml::{latex_to_mathml, DisplayStyle};
    // The LaTeX parser recurses on groups: refuse what could exhaust the (small, wasm) stack.
    if tex.len() > 20_000 || nesting(tex) > 40 {
        return None;
    }
    let style = if display {
        DisplayStyle::Block
    } else {
        DisplayStyle::Inline
    };
    latex_to_mathml(tex, style).ok()
}

/// The deepest `{`/`\left` nesting in `tex`.
#[cfg_attr(not(feature = "math"), allow(dead_code))]
fn nesting(tex: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for (i, c) in tex.char_indices() {
        let opens = c == '{' || tex[i..].starts_with("\\left") || tex[i..].starts_with("\\begin");
        let closes = c == '}' || tex[i..].starts_with("\\right") || tex[i..].starts_with("\\end");
        if opens {
            depth += 1;
            max = max.max(depth);
        } else if closes {
            depth = depth.saturating_sub(1);
        }
    }
    max
}

/// Without the `math` feature, math is shown as its source.
#[cfg(not(feature = "math"))]
pub fn to_tree(_tex: &str, _display: bool) -> Option<Element> {
    None
}

/// A `<math>` element read from MathML markup through the MathML allow-list:
/// elements and attributes not on it are dropped, text stays text. `None`
/// unless the markup's root is `<math>`.
pub fn from_mathml(markup: &str) -> Option<Element> {
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    for token in tokenize(markup) {
        match token {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                let Some(mut el) = Element::mathml(&name) else {
                    continue;
                };
                for (an, v) in attrs {
                    if let Some(an) = crate::policy::mathml_attr(&an) {
                        el.set(an, AttrValue::Text(v));
                    }
                }
                if self_closing || stack.len() >= crate::render::MAX_DEPTH {
                    match stack.last_mut() {
                        Some(parent) => parent.push(Node::Element(el)),
                        None => root = Some(el),
                    }
                } else {
                    stack.push(el);
                }
            }
            Token::End { name } => {
                if stack.last().is_some_and(|e| e.tag() == name) {
                    let el = stack.pop()?;
                    match stack.last_mut() {
                        Some(parent) => parent.push(Node::Element(el)),
                        None => root = Some(el),
                    }
                }
            }
            Token::Text(t) => {
                if let Some(parent) = stack.last_mut() {
                    if !t.trim().is_empty() {
                        parent.push(Node::Text(t));
                    }
                }
            }
        }
    }
    root.filter(|r| r.tag() == "math")
}

#[cfg(all(test, feature = "math"))]
mod tests {
    use super::*;

    #[test]
    fn fractions_become_mathml() {
        let el = to_tree("\\frac{a}{b}", false).expect("renders");
        assert_eq!(el.tag(), "math");
        assert_eq!(Node::Element(el).plain_text(), "ab");
    }

    #[test]
    fn renderer_output_passes_the_mathml_allow_list() {
        let el = from_mathml(
            "<math onload=\"x()\"><mi href=\"javascript:x\">a</mi><script>x()</script><mtext>b</mtext></math>",
        )
        .expect("a math root");
        let html = crate::html::to_html(
            &crate::doc::Doc {
                children: vec![Node::Element(el)],
            },
            &crate::doc::HashLinker {
                content_base: String::new(),
            },
        );
        assert_eq!(html, "<math><mi>a</mi>x()<mtext>b</mtext></math>");
        assert!(from_mathml("<div>x</div>").is_none());
    }

    #[test]
    fn display_math_is_a_block() {
        let el = to_tree("x^2", true).expect("renders");
        assert_eq!(el.attr("display"), Some("block"));
    }
}
