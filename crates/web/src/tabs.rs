//! Tabs in the browser (`papershelf_core::tabs` draws them): a press or
//! the arrow keys switch them as the ARIA tabs pattern says, tabs of one
//! group (`groupId`) on the page switch together, the reader's choice for a
//! group is remembered, and find-in-page opens the tab its match is in.
//!
//! One set of listeners on the document serves every set of tabs, drawn by
//! the first view or the app: the first view's nodes keep working when the
//! app takes them over. A press handled once is marked (`preventDefault`),
//! so a second module's listeners (the app's, after the first view's) leave it.

use papershelf_core::tabs::{
    GROUP_ATTR, HIDDEN_VALUE, PANEL_CLASS, TABS_CLASS, TAB_CLASS, VALUE_ATTR,
};
use std::cell::Cell;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent};

thread_local! {
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

/// Where the reader's choice for a group is kept.
fn storage_key(group: &str) -> String {
    format!("papershelf.tab.{group}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The tabs (`button.tab`) of the set `root`, in order.
fn tabs_of(root: &Element) -> Vec<Element> {
    let mut out = Vec::new();
    if let Ok(list) = root.query_selector_all(&format!(":scope > [role=tablist] > .{TAB_CLASS}")) {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                out.push(el);
            }
        }
    }
    out
}

/// Selects `tab` in its set: it alone is selected and focusable, its panel
/// alone shown (the others `hidden="until-found"`).
fn select_tab(root: &Element, tab: &Element) {
    for other in tabs_of(root) {
        let on = &other == tab;
        let _ = other.set_attribute("aria-selected", if on { "true" } else { "false" });
        let _ = other.set_attribute("tabindex", if on { "0" } else { "-1" });
        let Some(panel) = other.get_attribute("aria-controls").and_then(|id| {
            root.query_selector(&format!(":scope > #{}", css_ident(&id)))
                .ok()
                .flatten()
        }) else {
            continue;
        };
        if on {
            let _ = panel.remove_attribute("hidden");
        } else {
            let _ = panel.set_attribute("hidden", HIDDEN_VALUE);
        }
    }
}

/// `id` escaped for a CSS selector (ids here are the renderer's: letters,
/// digits, `-`, `_`, and any letter of a post's language).
fn css_ident(id: &str) -> String {
    let mut out = String::new();
    for (i, c) in id.chars().enumerate() {
        if c.is_alphanumeric() && !(i == 0 && c.is_ascii_digit())
            || c == '-'
            || c == '_'
            || !c.is_ascii()
        {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out
}

/// Selects the tab of value `value` in every set of group `group` under `scope`.
fn select_in_group(scope: &web_sys::Document, group: &str, value: &str) {
    let Ok(sets) = scope.query_selector_all(&format!(".{TABS_CLASS}[{GROUP_ATTR}]")) else {
        return;
    };
    for i in 0..sets.length() {
        let Some(set) = sets.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if set.get_attribute(GROUP_ATTR).as_deref() != Some(group) {
            continue;
        }
        if let Some(tab) = tabs_of(&set)
            .into_iter()
            .find(|t| t.get_attribute(VALUE_ATTR).as_deref() == Some(value))
        {
            select_tab(&set, &tab);
        }
    }
}

/// Chooses `tab`: selects it, and in every set of its group, and keeps the choice.
fn choose(tab: &Element) {
    let Some(root) = tab.closest(&format!(".{TABS_CLASS}")).ok().flatten() else {
        return;
    };
    select_tab(&root, tab);
    let group = root.get_attribute(GROUP_ATTR);
    let value = tab.get_attribute(VALUE_ATTR);
    if let (Some(group), Some(value), Some(document)) = (group, value, tab.owner_document()) {
        select_in_group(&document, &group, &value);
        if let Some(storage) = storage() {
            let _ = storage.set_item(&storage_key(&group), &value);
        }
    }
}

/// The tab an event happened on, if any.
fn tab_of(event: &Event) -> Option<Element> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    target
        .closest(&format!(".{TABS_CLASS} > [role=tablist] > .{TAB_CLASS}"))
        .ok()
        .flatten()
}

fn on_click(event: Event) {
    if event.default_prevented() {
        return;
    }
    if let Some(tab) = tab_of(&event) {
        event.prevent_default();
        choose(&tab);
    }
}

fn on_key(event: Event) {
    if event.default_prevented() {
        return;
    }
    let Some(key) = event.dyn_ref::<KeyboardEvent>().map(|k| k.key()) else {
        return;
    };
    let Some(tab) = tab_of(&event) else {
        return;
    };
    let Some(root) = tab.closest(&format!(".{TABS_CLASS}")).ok().flatten() else {
        return;
    };
    let tabs = tabs_of(&root);
    let Some(at) = tabs.iter().position(|t| t == &tab) else {
        return;
    };
    let next = match key.as_str() {
        "ArrowRight" => (at + 1) % tabs.len(),
        "ArrowLeft" => (at + tabs.len() - 1) % tabs.len(),
        "Home" => 0,
        "End" => tabs.len() - 1,
        _ => return,
    };
    event.prevent_default();
    let next = &tabs[next];
    choose(next);
    if let Some(el) = next.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Find-in-page is about to show a match in a hidden panel: its tab is chosen.
fn on_before_match(event: Event) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Some(panel) = target.closest(&format!(".{PANEL_CLASS}")).ok().flatten() else {
        return;
    };
    let (Some(id), Some(root)) = (panel.get_attribute("id"), panel.parent_element()) else {
        return;
    };
    if let Some(tab) = tabs_of(&root)
        .into_iter()
        .find(|t| t.get_attribute("aria-controls").as_deref() == Some(id.as_str()))
    {
        choose(&tab);
    }
}

/// Makes the tabs under `parent` work: the document's listeners (once per
/// module), and the reader's remembered choice for each group applied.
pub fn wire(parent: &Element) {
    let Some(document) = parent.owner_document() else {
        return;
    };
    if !LISTENING.with(|l| l.replace(true)) {
        crate::dom::listen(&document, "click", on_click).keep();
        crate::dom::listen(&document, "keydown", on_key).keep();
        // `beforematch` does not reach the document's bubbling listeners everywhere: caught on the way down.
        let handler = wasm_bindgen::closure::Closure::<dyn FnMut(Event)>::new(on_before_match);
        let options = web_sys::AddEventListenerOptions::new();
        options.set_capture(true);
        let _ = document.add_event_listener_with_callback_and_add_event_listener_options(
            "beforematch",
            handler.as_ref().unchecked_ref(),
            &options,
        );
        handler.forget();
    }
    let Ok(sets) = parent.query_selector_all(&format!(".{TABS_CLASS}[{GROUP_ATTR}]")) else {
        return;
    };
    let storage = storage();
    for i in 0..sets.length() {
        let Some(set) = sets.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let Some(group) = set.get_attribute(GROUP_ATTR) else {
            continue;
        };
        let Some(value) = storage
            .as_ref()
            .and_then(|s| s.get_item(&storage_key(&group)).ok().flatten())
        else {
            continue;
        };
        if let Some(tab) = tabs_of(&set)
            .into_iter()
            .find(|t| t.get_attribute(VALUE_ATTR).as_deref() == Some(value.as_str()))
        {
            select_tab(&set, &tab);
        }
    }
}
