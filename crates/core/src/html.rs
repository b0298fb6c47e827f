//! The safe tree as HTML text: what `papershelf render` prints.

use crate::doc::{AttrValue, Doc, Linker, Node};

/// Serializes a document, escaping every text and attribute value.
pub fn to_html(doc: &Doc, linker: &dyn Linker) -> String {
    nodes_to_html(&doc.children, linker)
}

/// Serializes a run of a document's nodes (as [`Doc::after_title`] gives).
pub fn nodes_to_html(nodes: &[Node], linker: &dyn Linker) -> String {
    let mut out = String::new();
    for node in nodes {
        write_node(node, linker, &mut out);
    }
    out
}

fn write_node(node: &Node, linker: &dyn Linker, out: &mut String) {
    match node {
        Node::Text(t) => escape_into(t, false, out),
        Node::Element(el) => {
            out.push('<');
            out.push_str(el.tag());
            for a in el.attrs() {
                out.push(' ');
                out.push_str(a.name);
                out.push_str("=\"");
                match &a.value {
                    AttrValue::Text(t) => escape_into(t, true, out),
                    AttrValue::Url(target) => escape_into(&linker.url(target), true, out),
                    AttrValue::Style(decls) => escape_into(&style_text(decls), true, out),
                }
                out.push('"');
            }
            out.push('>');
            if crate::policy::is_void(el.tag()) {
                return;
            }
            // Depth is bounded by the renderer (MAX_DEPTH), so recursion is safe.
            for child in &el.children {
                write_node(child, linker, out);
            }
            out.push_str("</");
            out.push_str(el.tag());
            out.push('>');
        }
    }
}

/// CSS text for allowed declarations.
pub fn style_text(decls: &[(&'static str, String)]) -> String {
    decls
        .iter()
        .map(|(p, v)| format!("{p}:{v}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// Escapes text for a double-quoted attribute value.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(s, true, &mut out);
    out
}

fn escape_into(s: &str, attr: bool, out: &mut String) {
    // Copies the runs between special bytes whole; all four are ASCII, so
    // every cut falls on a character boundary.
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attr => "&quot;",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(escaped);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Element, HashLinker};

    fn html_of(node: Node) -> String {
        to_html(
            &Doc {
                children: vec![node],
            },
            &HashLinker {
                content_base: "content/".into(),
            },
        )
    }

    #[test]
    fn text_escapes_markup_and_keeps_every_other_character() {
        let text = "<b>&é한\"글'</b>a&&<";
        assert_eq!(
            html_of(Node::Text(text.into())),
            "&lt;b&gt;&amp;é한\"글'&lt;/b&gt;a&amp;&amp;&lt;"
        );
        assert_eq!(html_of(Node::Text(String::new())), "");
        assert_eq!(html_of(Node::Text("한국어".into())), "한국어");
    }

    #[test]
    fn attribute_values_also_escape_quotes() {
        assert_eq!(
            escape_attr("\"><x a=\"é\""),
            "&quot;&gt;&lt;x a=&quot;é&quot;"
        );
        let mut el = Element::html("span").expect("allowed");
        el.set_text("title", "\"onload=\"x()");
        assert_eq!(
            html_of(Node::Element(el)),
            "<span title=\"&quot;onload=&quot;x()\"></span>"
        );
    }
}
