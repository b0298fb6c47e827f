//! `$…$` and `$$…$$` as MathML elements of the safe tree.
//!
//! TeX as written for KaTeX is first rewritten where pulldown-latex lacks a
//! KaTeX command ([`katex`]), then turned into MathML text by pulldown-latex,
//! then read back with the raw-HTML tokenizer through the MathML allow-list
//! ([`from_mathml`]), so even the math renderer's output cannot add anything
//! outside the policy.
//!
//! Without the `math` feature (the browser's first download) math becomes a
//! placeholder: a `code` element holding the TeX, marked with [`MATH_ATTR`].
//! The browser loads the renderer (a second, small wasm module built from
//! [`tex_to_mathml`]) only when a post has math, and swaps each placeholder
//! for [`from_mathml`] of its output. A formula the renderer cannot read
//! stays as its TeX, marked (class `math-failed`), and `papershelf check`
//! says which command it did not know.

use crate::doc::{AttrValue, Element, Node};
use crate::raw_html::{tokenize, Token};

#[cfg(feature = "math")]
pub mod katex;

/// The attribute that marks a math placeholder: `display` or `inline`.
/// Only the renderer sets it (no `data-` attribute passes the content policy).
pub const MATH_ATTR: &str = "data-ps-math";

/// The MathML tree for `tex`, or why it cannot be rendered (`None` when
/// this build has no math renderer): the caller then shows the TeX source.
#[cfg(feature = "math")]
pub fn to_tree(tex: &str, display: bool) -> Result<Element, Option<String>> {
    from_mathml(&render(tex, display)?).ok_or_else(|| Some("the renderer wrote no <math>".into()))
}

/// MathML markup for `tex`, or `None` where it cannot be rendered. Not safe
/// to show as it is: read it with [`from_mathml`].
#[cfg(feature = "math")]
pub fn tex_to_mathml(tex: &str, display: bool) -> Option<String> {
    render(tex, display).ok()
}

/// MathML markup for `tex`, or what the renderer did not understand, worded
/// for `papershelf check` (`unknown command \foo`).
#[cfg(feature = "math")]
pub fn render(tex: &str, display: bool) -> Result<String, String> {
    use pulldown_latex::config::DisplayMode;
    use pulldown_latex::{push_mathml, Parser, RenderConfig, Storage};
    // The parser recurses on groups: refuse what could exhaust the (small, wasm) stack.
    if tex.len() > 20_000 || nesting(tex) > 40 {
        return Err("the formula is too long or too deeply nested to render".into());
    }
    let tex = katex::rewrite(tex);
    let storage = Storage::new();
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        ..RenderConfig::default()
    };
    let mut out = String::with_capacity(tex.len() * 8);
    push_mathml(&mut out, Parser::new(&tex, &storage), config)
        .map_err(|e| format!("the renderer failed: {e}"))?;
    match out.find("<merror") {
        None => Ok(out),
        Some(at) => Err(explain(&out[at..], &tex)),
    }
}

/// What pulldown-latex's error box says, in one line, naming the command
/// it did not know when that is the trouble (its own context marks are too
/// coarse to name it, so each command of the formula is tried alone).
#[cfg(feature = "math")]
fn explain(merror: &str, tex: &str) -> String {
    let text = merror
        .split_once("<mtext>")
        .map_or(merror, |(_, t)| t.split("</mtext>").next().unwrap_or(t));
    let message = text
        .lines()
        .next()
        .map(|l| l.trim().trim_start_matches("parsing error: "))
        .unwrap_or("unreadable");
    let message = crate::raw_html::decode_entities(message).replace("unkown", "unknown");
    if message.contains("environment") {
        let name = tex
            .split_once(r"\begin{")
            .and_then(|(_, rest)| rest.split_once('}'))
            .map(|(name, _)| name);
        if let Some(name) = name {
            return format!("unknown environment `{name}`");
        }
    }
    if message.contains("unknown primitive command") {
        if let Some(command) = unknown_command(tex) {
            return format!("unknown command `{command}`");
        }
    }
    message
}

/// The first control word in `tex` that pulldown-latex does not know.
#[cfg(feature = "math")]
fn unknown_command(tex: &str) -> Option<String> {
    use pulldown_latex::{Parser, Storage};
    let mut rest = tex;
    while let Some(at) = rest.find('\\') {
        let name_len = rest[at + 1..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len() - at - 1);
        let command = &rest[at..at + 1 + name_len];
        rest = &rest[at + 1 + name_len.max(1).min(rest.len() - at - 1)..];
        if name_len == 0 {
            continue;
        }
        let storage = Storage::new();
        let probe = format!("{command}{{x}}{{x}}{{x}}");
        let unknown = Parser::new(&probe, &storage)
            .any(|event| event.is_err_and(|e| e.to_string().contains("unknown primitive command")));
        if unknown {
            return Some(command.to_string());
        }
    }
    None
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
pub fn to_tree(_tex: &str, _display: bool) -> Result<Element, Option<String>> {
    Err(None)
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
                if self_closing || stack.len() >= crate::options::MAX_DEPTH {
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
    let mut root = root.filter(|r| r.tag() == "math")?;
    mark_accents(&mut root, 0);
    Some(root)
}

/// Characters drawn as accents over a letter (`\hat`, `\tilde`, `\bar`, `\vec`, `\dot`, …).
const ACCENTS: &[&str] = &[
    "^", "ˆ", "~", "˜", "‾", "¯", "→", "←", "↔", "˙", "¨", "ˇ", "˘", "´", "`", "˚", "⃗",
];

/// `<mover><x/><mi>^</mi></mover>` (as pulldown-latex 0.8 writes `\hat{x}`)
/// as the accent MathML Core places tightly over its base:
/// `<mover accent="true"><x/><mo>^</mo></mover>`.
fn mark_accents(el: &mut Element, depth: usize) {
    if depth > crate::options::MAX_DEPTH {
        return;
    }
    if el.tag() == "mover" && el.children.len() == 2 {
        let accent = match &el.children[1] {
            Node::Element(mi) if mi.tag() == "mi" => match mi.children.as_slice() {
                [Node::Text(t)] if ACCENTS.contains(&t.as_str()) => Some(t.clone()),
                _ => None,
            },
            _ => None,
        };
        if let (Some(text), Some(mut mo)) = (accent, Element::mathml("mo")) {
            mo.push(Node::Text(text));
            el.children[1] = Node::Element(mo);
            el.set("accent", AttrValue::Text("true".into()));
        }
    }
    for child in &mut el.children {
        if let Node::Element(e) = child {
            mark_accents(e, depth + 1);
        }
    }
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
    fn accents_sit_on_their_letter() {
        let el = to_tree("\\hat{A}_i + \\tilde{x}", false).expect("renders");
        let html = crate::html::to_html(
            &crate::doc::Doc {
                children: vec![Node::Element(el)],
            },
            &crate::doc::HashLinker {
                content_base: String::new(),
            },
        );
        assert!(
            html.contains("<mover accent=\"true\"><mrow><mi>A</mi></mrow><mo>^</mo></mover>"),
            "{html}"
        );
        assert!(html.contains("<mo>~</mo></mover>"), "{html}");
    }

    #[test]
    fn display_math_is_a_block() {
        let el = to_tree("x^2", true).expect("renders");
        assert_eq!(el.attr("display"), Some("block"));
    }
}
