//! Docusaurus tabs (`<Tabs groupId="…">` holding `<TabItem value="…"
//! label="…" default>`) as the ARIA tabs pattern:
//!
//! ```html
//! <div class="tabs" data-tab-group="pm">
//!   <div class="tab-list" role="tablist">
//!     <button class="tab" type="button" role="tab" id="tab-npm-tab" aria-controls="tab-npm"
//!             aria-selected="true" tabindex="0" data-tab-value="npm">npm</button>
//!     <button class="tab" … aria-selected="false" tabindex="-1" data-tab-value="yarn">Yarn</button>
//!   </div>
//!   <div class="tab-panel" role="tabpanel" id="tab-npm" aria-labelledby="tab-npm-tab">…</div>
//!   <div class="tab-panel" role="tabpanel" id="tab-yarn" aria-labelledby="tab-yarn-tab" hidden="until-found">…</div>
//! </div>
//! ```
//!
//! Every panel stays in the page: a hidden one is `hidden="until-found"`,
//! so find-in-page reaches its text (and the browser shows it), and the
//! app's search reads it as it reads any text. The renderer
//! (`render.rs`) opens a panel per `TabItem` ([`panel`]) and, when the
//! `Tabs` element closes, puts the tab list in front ([`finish`]); the
//! browser (`papershelf_web::tabs`) switches them, keeps tabs of one group
//! together and remembers the reader's choice.

use crate::doc::{Element, Node};
use crate::slug::{slugify, Slugger};
use std::collections::HashMap;

/// The `class` of the element around a set of tabs.
pub const TABS_CLASS: &str = "tabs";
/// The `class` of the tab list.
pub const LIST_CLASS: &str = "tab-list";
/// The `class` of one tab (a `button`).
pub const TAB_CLASS: &str = "tab";
/// The `class` of one tab's panel.
pub const PANEL_CLASS: &str = "tab-panel";
/// The attribute naming the tabs' group (`groupId`): tabs of one group switch together.
pub const GROUP_ATTR: &str = "data-tab-group";
/// The attribute holding a tab's value (`value`), what a group matches on.
pub const VALUE_ATTR: &str = "data-tab-value";
/// The `hidden` value of a panel not shown: still found by find-in-page.
pub const HIDDEN_VALUE: &str = "until-found";

/// Between a value and its label in the `values` attribute the pre-pass writes.
const PAIR: char = '\u{1f}';
/// Between two tabs in the `values` attribute the pre-pass writes.
const NEXT: char = '\u{1e}';

/// The `values={[{label: 'Yarn', value: 'yarn'}, …]}` expression of a
/// `<Tabs>` (Docusaurus's older API, where the labels are the `Tabs`'s),
/// read (never evaluated) as the attribute the renderer reads back; `None`
/// for anything but an array of such objects.
pub fn values_attr(expr: &str) -> Option<String> {
    let inner = expr.trim().strip_prefix('[')?.strip_suffix(']')?;
    let mut out = Vec::new();
    for object in inner.split('}') {
        let object = object.trim().trim_start_matches(',').trim();
        if object.is_empty() {
            continue;
        }
        let object = object.strip_prefix('{')?;
        let value = string_field(object, "value")?;
        let label = string_field(object, "label").unwrap_or_else(|| value.clone());
        out.push(format!("{value}{PAIR}{label}"));
    }
    (!out.is_empty()).then(|| out.join(&NEXT.to_string()))
}

/// The quoted string `key: '…'` (or `"key": "…"`) holds in an object literal's body.
fn string_field(object: &str, key: &str) -> Option<String> {
    for (at, _) in object.match_indices(key) {
        let before = object[..at].trim_end_matches(['"', '\'']).trim_end();
        if !(before.is_empty() || before.ends_with(',') || before.ends_with('{')) {
            continue;
        }
        let rest = object[at + key.len()..]
            .trim_start_matches(['"', '\''])
            .trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let rest = rest.trim_start();
        let quote = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '\'' | '"' | '`'))?;
        let body = &rest[1..];
        return body.find(quote).map(|end| body[..end].to_string());
    }
    None
}

/// What the open `Tabs` said of their items: labels by value (`values`),
/// and the value selected first (`defaultValue`).
#[derive(Debug, Default)]
struct Open {
    labels: Vec<(String, String)>,
    default: Option<String>,
}

/// What a `TabItem` said, kept until its `Tabs` closes.
#[derive(Debug, Clone)]
pub struct Item {
    label: String,
    value: String,
    default: bool,
}

/// The items of the tabs being rendered, by their panel's id, and what
/// each open `Tabs` (innermost last) said of its items.
#[derive(Debug, Default)]
pub struct Items(HashMap<String, Item>, Vec<Open>);

/// A group name or a tab value as an attribute keeps it: letters, digits,
/// `-`, `_` and `.`, at most 64 of them.
fn token(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(64)
        .collect()
}

/// The element around a set of tabs, from the `Tabs` tag's attributes
/// (`groupId`, and the older API's `values` and `defaultValue`, kept in
/// `items` until [`finish`]).
pub fn tabs(attrs: &[(String, String)], items: &mut Items) -> Element {
    let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    items.1.push(Open {
        labels: get("values")
            .map(|v| {
                v.split(NEXT)
                    .filter_map(|pair| pair.split_once(PAIR))
                    .map(|(value, label)| (token(value), label.to_string()))
                    .collect()
            })
            .unwrap_or_default(),
        default: get("defaultvalue").map(token),
    });
    let mut el = Element::own("div");
    el.set_text("class", TABS_CLASS);
    let group = attrs
        .iter()
        .find(|(n, _)| n == "groupid")
        .map(|(_, v)| token(v))
        .filter(|g| !g.is_empty());
    if let Some(group) = group {
        el.set_text(GROUP_ATTR, group);
    }
    el
}

/// A panel for a `TabItem` tag's attributes (`value`, `label`, `default`),
/// its id made unique on the page by `slugger`; what it said is kept in `items`.
pub fn panel(attrs: &[(String, String)], slugger: &mut Slugger, items: &mut Items) -> Element {
    let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim());
    let value = token(get("value").unwrap_or(""));
    let open = items.1.last();
    let label = get("label")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .or_else(|| {
            open?
                .labels
                .iter()
                .find(|(v, _)| *v == value)
                .map(|(_, l)| l.clone())
        })
        .unwrap_or_else(|| get("value").unwrap_or("").to_string());
    let chosen =
        open.and_then(|o| o.default.as_deref()) == Some(value.as_str()) && !value.is_empty();
    let base = slugify(if value.is_empty() { &label } else { &value });
    let id = slugger.unique(format!("tab-{base}"));
    items.0.insert(
        id.clone(),
        Item {
            label,
            value,
            default: chosen || get("default").is_some_and(|d| d != "false" && d != "{false}"),
        },
    );
    let mut el = Element::own("div");
    el.set_text("class", PANEL_CLASS);
    el.set_text("role", "tabpanel");
    el.set_text("id", id);
    el
}

/// Whether `el` is a panel [`panel`] made, and its id.
fn panel_id(el: &Element) -> Option<&str> {
    (el.tag() == "div" && el.attr("class") == Some(PANEL_CLASS))
        .then(|| el.attr("id"))
        .flatten()
}

/// Puts the tab list in front of the panels of `el` (made by [`tabs`]), the
/// default tab (or the first) selected and the other panels hidden. Text
/// between the panels (the indentation of the source) goes.
pub fn finish(mut el: Element, items: &mut Items) -> Element {
    items.1.pop();
    let panels: Vec<(String, Item)> = el
        .children
        .iter()
        .filter_map(|n| match n {
            Node::Element(e) => panel_id(e),
            Node::Text(_) => None,
        })
        .filter_map(|id| Some((id.to_string(), items.0.remove(id)?)))
        .collect();
    let selected = panels.iter().position(|(_, i)| i.default).unwrap_or(0);
    let mut list = Element::own("div");
    list.set_text("class", LIST_CLASS);
    list.set_text("role", "tablist");
    for (n, (id, item)) in panels.iter().enumerate() {
        let mut tab = Element::own("button");
        tab.set_text("class", TAB_CLASS);
        tab.set_text("type", "button");
        tab.set_text("role", "tab");
        tab.set_text("id", format!("{id}-tab"));
        tab.set_text("aria-controls", id.clone());
        tab.set_text(
            "aria-selected",
            if n == selected { "true" } else { "false" },
        );
        tab.set_text("tabindex", if n == selected { "0" } else { "-1" });
        if !item.value.is_empty() {
            tab.set_text(VALUE_ATTR, item.value.clone());
        }
        let label = if item.label.is_empty() {
            (n + 1).to_string()
        } else {
            item.label.clone()
        };
        tab.push(Node::text(label));
        list.push(Node::Element(tab));
    }
    let mut children = vec![Node::Element(list)];
    let mut n = 0;
    for child in std::mem::take(&mut el.children) {
        match child {
            Node::Element(mut e)
                if panel_id(&e).is_some_and(|id| panels.iter().any(|(p, _)| p == id)) =>
            {
                let id = e.attr("id").unwrap_or_default().to_string();
                e.set_text("aria-labelledby", format!("{id}-tab"));
                if n != selected {
                    e.set_text("hidden", HIDDEN_VALUE);
                }
                n += 1;
                children.push(Node::Element(e));
            }
            Node::Text(t) if t.trim().is_empty() => {}
            other => children.push(other),
        }
    }
    el.children = children;
    el
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn the_default_tab_is_selected_and_the_others_hidden() {
        let mut slugger = Slugger::new();
        let mut items = Items::default();
        let mut tabs = tabs(&attrs(&[("groupid", "pm <x>")]), &mut items);
        assert_eq!(tabs.attr(GROUP_ATTR), Some("pmx"));
        let mut a = panel(&attrs(&[("value", "npm")]), &mut slugger, &mut items);
        a.push(Node::text("npm i"));
        let b = panel(
            &attrs(&[("value", "yarn"), ("label", "Yarn"), ("default", "")]),
            &mut slugger,
            &mut items,
        );
        tabs.push(Node::text("\n  "));
        tabs.push(Node::Element(a));
        tabs.push(Node::Element(b));
        let done = finish(tabs, &mut items);
        assert!(items.0.is_empty(), "every item is used once");
        let Node::Element(list) = &done.children[0] else {
            panic!("a list first")
        };
        let labels: Vec<String> = list.children.iter().map(|n| n.plain_text()).collect();
        assert_eq!(labels, ["npm", "Yarn"]);
        let Node::Element(first) = &list.children[0] else {
            panic!()
        };
        assert_eq!(first.attr("aria-selected"), Some("false"));
        assert_eq!(first.attr("aria-controls"), Some("tab-npm"));
        let Node::Element(panel_a) = &done.children[1] else {
            panic!()
        };
        assert_eq!(panel_a.attr("hidden"), Some(HIDDEN_VALUE));
        assert_eq!(panel_a.plain_text(), "npm i");
        let Node::Element(panel_b) = &done.children[2] else {
            panic!()
        };
        assert_eq!(panel_b.attr("hidden"), None);
        assert_eq!(
            done.children.len(),
            3,
            "the indentation between panels goes"
        );
    }

    #[test]
    fn tabs_with_one_name_twice_get_ids_of_their_own() {
        let mut slugger = Slugger::new();
        let mut items = Items::default();
        let a = panel(&attrs(&[("value", "a")]), &mut slugger, &mut items);
        let b = panel(&attrs(&[("value", "a")]), &mut slugger, &mut items);
        assert_ne!(a.attr("id"), b.attr("id"));
    }

    #[test]
    fn the_older_api_gives_labels_and_the_default_from_the_tabs() {
        let values = values_attr(
            "[\n  {label: 'npm', value: 'npm'},\n  {\"label\": \"Yarn\", \"value\": \"yarn\"},\n]",
        )
        .unwrap();
        let mut slugger = Slugger::new();
        let mut items = Items::default();
        let mut set = tabs(
            &attrs(&[("values", &values), ("defaultvalue", "yarn")]),
            &mut items,
        );
        for v in ["npm", "yarn"] {
            let p = panel(&attrs(&[("value", v)]), &mut slugger, &mut items);
            set.push(Node::Element(p));
        }
        let done = finish(set, &mut items);
        let Node::Element(list) = &done.children[0] else {
            panic!()
        };
        let labels: Vec<String> = list.children.iter().map(|n| n.plain_text()).collect();
        assert_eq!(labels, ["npm", "Yarn"]);
        let Node::Element(yarn) = &list.children[1] else {
            panic!()
        };
        assert_eq!(yarn.attr("aria-selected"), Some("true"));
        assert_eq!(values_attr("[1, 2]"), None);
        assert_eq!(values_attr("someVariable"), None);
    }
}
