//! A list page's controls: the filter bar (the title box, the chosen tags
//! as removable chips, all/any, and the other tags with what each would
//! give), the count of what matches, and "Show more". The app and the first
//! view draw them with these functions, and read a press on them with
//! [`action`], so both do the same thing for the same press.

use crate::header::element;
use crate::keys::{self, KEY_ATTR};
use crate::messages::{self, t};
use papershelf_core::catalog::{Filter, Match, FACETS_SHOWN};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// What a list counts: posts, papers or search results. Its messages are
/// `count.<it>` ("게시물 4개", "4 posts"), `unit.<it>` (what a facet's number
/// counts, to a screen reader), `filter.<it>` (the bar's name) and, for a
/// list with a title box, `filter.box.<it>` and `filter.placeholder.<it>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counted(&'static str);

/// The home page's posts.
pub const POSTS: Counted = Counted("posts");
/// The papers page's papers.
pub const PAPERS: Counted = Counted("papers");
/// The search page's results.
pub const RESULTS: Counted = Counted("results");

impl Counted {
    /// `n` items: "게시물 12개", "1 post", "12 posts".
    pub fn count(self, n: usize) -> String {
        messages::count(&format!("count.{}", self.0), n)
    }

    /// Its message `<kind>.<it>`.
    fn says(self, kind: &str) -> String {
        messages::messages()
            .get(&format!("{kind}.{}", self.0))
            .to_string()
    }

    fn unit(self, n: usize) -> String {
        messages::count(&format!("unit.{}", self.0), n)
    }
}

/// The key of the filter's title box.
pub const TEXT_KEY: &str = "title-words";
/// The key of the button showing every tag (or fewer again).
pub const MORE_TAGS_KEY: &str = "more-tags";
/// The key of "Show more".
pub const SHOW_MORE_KEY: &str = "show-more";
/// The key of "Reviewed more than once".
pub const AGAIN_KEY: &str = "again";

/// What a press (or typing) on a list page's controls asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Add the tag to the filter, or remove it (a facet or a chip).
    Toggle(String),
    /// Match all chosen tags, or any.
    Mode(Match),
    /// Remove every tag and the words.
    Clear,
    /// The title box now holds these words.
    Text(String),
    /// Show every tag, or fewer again.
    MoreTags,
    /// Show the next page of the list.
    ShowMore,
    /// Only papers reviewed more than once, or every paper again.
    Again,
}

impl Action {
    /// The filter after this action on `filter`, for the actions that change it.
    pub fn apply(&self, filter: &Filter) -> Option<Filter> {
        match self {
            Action::Toggle(tag) => Some(filter.toggled(tag)),
            Action::Mode(mode) => Some(Filter {
                mode: *mode,
                ..filter.clone()
            }),
            Action::Clear => Some(Filter::default()),
            Action::Again => Some(Filter {
                again: !filter.again,
                ..filter.clone()
            }),
            Action::Text(text) => Some(Filter {
                text: text.clone(),
                ..filter.clone()
            }),
            Action::MoreTags | Action::ShowMore => None,
        }
    }
}

/// What the `event` (a click, or input in the title box) on a list page's
/// controls asks for, read from the key of the control it reached.
pub fn action(event: &web_sys::Event) -> Option<Action> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    let control = target.closest(&format!("[{KEY_ATTR}]")).ok()??;
    let key = control.get_attribute(KEY_ATTR)?;
    if event.type_() == "input" {
        let input = control.dyn_into::<web_sys::HtmlInputElement>().ok()?;
        return (key == TEXT_KEY).then(|| Action::Text(input.value()));
    }
    if event.type_() != "click" {
        return None;
    }
    let tag = key
        .strip_prefix("facet:")
        .or_else(|| key.strip_prefix("chip:"));
    Some(match (tag, key.as_str()) {
        (Some(tag), _) => Action::Toggle(tag.to_string()),
        (_, "mode:all") => Action::Mode(Match::All),
        (_, "mode:any") => Action::Mode(Match::Any),
        (_, "clear") => Action::Clear,
        (_, MORE_TAGS_KEY) => Action::MoreTags,
        (_, SHOW_MORE_KEY) => Action::ShowMore,
        (_, AGAIN_KEY) => Action::Again,
        _ => return None,
    })
}

/// Makes `bar` (a `<section>`) the filter bar of a list of `counted`, with
/// a box for title words when `text_box` (the search page has the header's
/// box instead), replacing what it held. [`show_bar`] then shows a filter.
pub fn dress_bar(bar: &Element, counted: Counted, text_box: bool) {
    bar.set_text_content(None);
    let Some(document) = bar.owner_document() else {
        return;
    };
    let el = |tag: &str, attrs: &[(&str, &str)], text: &str| element(&document, tag, attrs, text);
    let _ = bar.set_attribute("class", "filters");
    let _ = bar.set_attribute("aria-label", &counted.says("filter"));
    if text_box {
        let label = el("label", &[("class", "search")], "");
        let _ = label.append_child(&el(
            "span",
            &[("class", "visually-hidden")],
            &counted.says("filter.box"),
        ));
        let _ = label.append_child(&el(
            "input",
            &[
                ("type", "search"),
                ("placeholder", &counted.says("filter.placeholder")),
                ("autocomplete", "off"),
                (KEY_ATTR, TEXT_KEY),
            ],
            "",
        ));
        let _ = bar.append_child(&label);
    }
}

/// What a filter bar shows: the `filter`, the `facets` (each tag not chosen
/// and how many items adding it gives), and whether every tag is shown.
pub struct Shown<'a> {
    /// The list's filter.
    pub filter: &'a Filter,
    /// Each tag not chosen, with how many items adding it gives.
    pub facets: &'a [(String, usize)],
    /// Whether every tag is shown, not only the first [`FACETS_SHOWN`].
    pub all_tags: bool,
    /// How many items the filter gives reviewed more than once, on the
    /// papers page (`None` elsewhere): the number on its toggle.
    pub again: Option<usize>,
}

/// Shows `shown` on the filter bar `bar` (dressed by [`dress_bar`]): the
/// filter's words in its box, its tags as chips, and the facets. The focus
/// stays on the control it was on, when that is still there.
pub fn show_bar(bar: &Element, counted: Counted, shown: &Shown) {
    let Some(document) = bar.owner_document() else {
        return;
    };
    if let Some(input) = bar
        .query_selector(&format!("[{KEY_ATTR}=\"{TEXT_KEY}\"]"))
        .ok()
        .flatten()
        .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        if input.value() != shown.filter.text {
            input.set_value(&shown.filter.text);
        }
    }
    keys::keep_focus(bar, || {
        for old in [".selected", ".again", ".facets"] {
            if let Ok(Some(group)) = bar.query_selector(old) {
                group.remove();
            }
        }
        if !shown.filter.tags.is_empty() {
            let _ = bar.append_child(&chips(&document, shown.filter));
        }
        if let Some(n) = shown.again.filter(|n| *n > 0 || shown.filter.again) {
            let _ = bar.append_child(&again(&document, shown.filter.again, n));
        }
        let _ = bar.append_child(&facets(&document, counted, shown));
    });
}

/// The chosen tags, each a button removing it, then all/any and "Clear all".
fn chips(document: &Document, filter: &Filter) -> Element {
    let el = |tag: &str, attrs: &[(&str, &str)], text: &str| element(document, tag, attrs, text);
    let group = el(
        "div",
        &[
            ("class", "selected"),
            ("role", "group"),
            ("aria-label", t("filter.selected")),
        ],
        "",
    );
    for tag in &filter.tags {
        let chip = el(
            "button",
            &[
                ("type", "button"),
                ("class", "chip"),
                ("data-tag", &tag.to_lowercase()),
                (
                    "aria-label",
                    &messages::format("filter.remove", &[("tag", tag)]),
                ),
                (KEY_ATTR, &format!("chip:{}", tag.to_lowercase())),
            ],
            tag,
        );
        let _ = chip.append_child(&el("span", &[("aria-hidden", "true")], " ×"));
        let _ = group.append_child(&chip);
    }
    let mode = el(
        "span",
        &[
            ("class", "match"),
            ("role", "radiogroup"),
            ("aria-label", t("filter.match")),
        ],
        "",
    );
    for (key, which, text) in [
        ("mode:all", Match::All, t("filter.all")),
        ("mode:any", Match::Any, t("filter.any")),
    ] {
        let checked = (filter.mode == which).to_string();
        let _ = mode.append_child(&el(
            "button",
            &[
                ("type", "button"),
                ("role", "radio"),
                ("aria-checked", &checked),
                (KEY_ATTR, key),
            ],
            text,
        ));
    }
    let _ = group.append_child(&mode);
    let _ = group.append_child(&el(
        "button",
        &[("type", "button"), ("class", "clear"), (KEY_ATTR, "clear")],
        t("filter.clear"),
    ));
    group
}

/// The toggle showing only the papers reviewed more than once (`n` of them
/// under the filter), pressed when `on`.
fn again(document: &Document, on: bool, n: usize) -> Element {
    let button = element(
        document,
        "button",
        &[
            ("type", "button"),
            ("class", "again"),
            ("aria-pressed", if on { "true" } else { "false" }),
            (KEY_ATTR, AGAIN_KEY),
        ],
        t("papers.again"),
    );
    let _ = button.append_with_str_1(" ");
    let _ = button.append_child(&element(
        document,
        "span",
        &[("class", "count")],
        &n.to_string(),
    ));
    let _ = button.append_child(&element(
        document,
        "span",
        &[("class", "visually-hidden")],
        &PAPERS.unit(n),
    ));
    button
}

/// The tags not chosen, each with how many items adding it gives ("meta 4
/// posts" to a screen reader), and the button showing every tag.
fn facets(document: &Document, counted: Counted, shown: &Shown) -> Element {
    let el = |tag: &str, attrs: &[(&str, &str)], text: &str| element(document, tag, attrs, text);
    let group = el(
        "div",
        &[
            ("class", "facets"),
            ("role", "group"),
            ("aria-label", t("filter.add")),
        ],
        "",
    );
    let total = shown.facets.len();
    let visible = if shown.all_tags {
        total
    } else {
        total.min(FACETS_SHOWN)
    };
    for (tag, count) in shown.facets.iter().take(visible) {
        let lower = tag.to_lowercase();
        let button = el(
            "button",
            &[
                ("type", "button"),
                ("class", "facet"),
                ("data-tag", &lower),
                (KEY_ATTR, &format!("facet:{lower}")),
            ],
            tag,
        );
        let _ = button.append_with_str_1(" ");
        let _ = button.append_child(&el("span", &[("class", "count")], &count.to_string()));
        let unit = counted.unit(*count);
        let _ = button.append_child(&el("span", &[("class", "visually-hidden")], &unit));
        let _ = group.append_child(&button);
    }
    if total > FACETS_SHOWN {
        let text = if shown.all_tags {
            t("filter.fewer").to_string()
        } else {
            messages::count("filter.more", total - FACETS_SHOWN)
        };
        let _ = group.append_child(&el(
            "button",
            &[
                ("type", "button"),
                ("class", "more-tags"),
                ("aria-expanded", &shown.all_tags.to_string()),
                (KEY_ATTR, MORE_TAGS_KEY),
            ],
            &text,
        ));
    }
    group
}

/// Makes `p` the line counting a list's items, read to screen readers as
/// it changes; [`show_count`] fills it.
pub fn dress_count(p: &Element) {
    let _ = p.set_attribute("class", "result-count");
    let _ = p.set_attribute("role", "status");
    let _ = p.set_attribute("aria-live", "polite");
}

/// Says on the count line `p` that `total` items match.
pub fn show_count(p: &Element, counted: Counted, total: usize) {
    let text = counted.count(total);
    if p.text_content().as_deref() != Some(text.as_str()) {
        p.set_text_content(Some(&text));
    }
}

/// Makes `button` the "Show more" of a list with `remaining` items not
/// shown, of which a press shows `step`.
pub fn dress_show_more(button: &Element, remaining: usize, step: usize) {
    let _ = button.set_attribute("type", "button");
    let _ = button.set_attribute("class", "show-more");
    let _ = button.set_attribute(KEY_ATTR, SHOW_MORE_KEY);
    let left = remaining.to_string();
    let text = messages::messages().count("more", remaining.min(step), &[("left", &left)]);
    button.set_text_content(Some(&text));
}
