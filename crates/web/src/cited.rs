//! "Cited by" in a post: the posts that link to it, each with the sentence
//! around its link (the link's text marked), under the entry the link names
//! or, for a link to the whole post, at its end. Newest first; past
//! [`SHOWN`], the rest behind "Show all". Text only: every word comes from
//! `papershelf index`'s file as text nodes, never as markup.

use crate::header::element;
use crate::messages::{self, t};
use papershelf_core::citations::Citation;
use papershelf_core::doc::post_hash;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// How many citations a list shows before "Show all".
pub const SHOWN: usize = 20;

/// Adds to `body` (a post's body, drawn) the citations of it: grouped by
/// the heading they cite, each group at the end of that heading's section;
/// those citing the whole post (or a heading it no longer has) at the end.
pub fn show(body: &Element, citations: &[Citation]) {
    let Some(document) = body.owner_document() else {
        return;
    };
    // Any left from an earlier drawing of the same body.
    if let Ok(old) = body.query_selector_all(".cited-by") {
        for i in 0..old.length() {
            if let Some(node) = old.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                node.remove();
            }
        }
    }
    let mut groups: Vec<(Option<Element>, Vec<&Citation>)> = Vec::new();
    for c in citations {
        let heading = c
            .anchor
            .as_deref()
            .and_then(|a| crate::find_anchor(body, a));
        match groups.iter_mut().find(|(h, _)| *h == heading) {
            Some((_, list)) => list.push(c),
            None => groups.push((heading, vec![c])),
        }
    }
    for (heading, list) in groups {
        match heading {
            Some(h) => {
                let aside = group(&document, &list, "h3");
                // The end of the heading's section: before the next heading of its rank or above.
                let rank = h.tag_name().to_ascii_lowercase();
                let mut next = h.next_element_sibling();
                while let Some(n) = &next {
                    let tag = n.tag_name().to_ascii_lowercase();
                    if tag == "h1" || tag == "h2" || tag == rank {
                        break;
                    }
                    next = n.next_element_sibling();
                }
                let parent = h.parent_node();
                match (parent, next) {
                    (Some(p), Some(n)) => {
                        let _ = p.insert_before(&aside, Some(&n));
                    }
                    (Some(p), None) => {
                        let _ = p.append_child(&aside);
                    }
                    _ => {}
                }
            }
            None => {
                let _ = body.append_child(&group(&document, &list, "h2"));
            }
        }
    }
}

/// One group's list, titled with a heading of `level`.
fn group(document: &Document, list: &[&Citation], level: &str) -> Element {
    let aside = element(
        document,
        "aside",
        &[("class", "cited-by"), ("aria-label", t("cited.title"))],
        "",
    );
    let title = element(
        document,
        level,
        &[("class", "cited-title")],
        t("cited.title"),
    );
    let _ = title.append_child(&element(
        document,
        "span",
        &[("class", "cited-count")],
        &list.len().to_string(),
    ));
    let _ = aside.append_child(&title);
    let ul = element(document, "ul", &[("class", "citations")], "");
    for (i, c) in list.iter().enumerate() {
        let li = citation(document, c);
        if i >= SHOWN {
            let _ = li.set_attribute("hidden", "");
        }
        let _ = ul.append_child(&li);
    }
    let _ = aside.append_child(&ul);
    if list.len() > SHOWN {
        let button = element(
            document,
            "button",
            &[("type", "button"), ("class", "show-all")],
            &messages::count("cited.all", list.len()),
        );
        let list = ul.clone();
        let shown = button.clone();
        let open = Closure::<dyn FnMut()>::new(move || {
            if let Ok(hidden) = list.query_selector_all("li[hidden]") {
                for i in 0..hidden.length() {
                    if let Some(li) = hidden.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        let _ = li.remove_attribute("hidden");
                    }
                }
            }
            shown.remove();
        });
        let _ = button.add_event_listener_with_callback("click", open.as_ref().unchecked_ref());
        open.forget();
        let _ = aside.append_child(&button);
    }
    aside
}

/// One citation: the citing post (at the entry the link stands under), its
/// date, and the sentence with the link's text marked.
fn citation(document: &Document, c: &Citation) -> Element {
    let li = element(document, "li", &[("class", "citation")], "");
    let _ = li.append_child(&element(
        document,
        "a",
        &[
            ("class", "citation-post"),
            ("href", &post_hash(&c.from, c.at.as_deref())),
        ],
        &c.title,
    ));
    if !c.date.is_empty() {
        let _ = li.append_with_str_1(" ");
        let _ = li.append_child(&element(
            document,
            "time",
            &[("datetime", &c.date)],
            &messages::date(&c.date, false),
        ));
    }
    let quote = element(document, "p", &[("class", "citation-text")], "");
    let _ = quote.append_with_str_1(&c.before);
    let _ = quote.append_child(&element(document, "mark", &[], &c.text));
    let _ = quote.append_with_str_1(&c.after);
    let _ = li.append_child(&quote);
    li
}
