//! The filter controls shared by `#/` and `#/papers`: a title search, the
//! selected tags as removable chips, all/any, and every other tag with the
//! number of results it would give.

use crate::{Library, Load, Nav, Shelf};
use leptos::prelude::*;
use papershelf_core::catalog::{Catalog, Filter, Results};
use papershelf_web::filters::{self, Action, Counted};
use wasm_bindgen::JsCast;

/// The current list filter (empty on other pages).
pub fn current_filter(shelf: Shelf) -> Memo<Filter> {
    Memo::new(move |_| {
        shelf
            .route
            .with(|r| r.filter().cloned().unwrap_or_default())
    })
}

fn set_filter(shelf: Shelf, filter: Filter, nav: Nav) {
    let route = shelf.route.with_untracked(|r| r.with_filter(filter));
    shelf.navigate(route, nav);
}

/// The current filter's results over posts or papers, shown a page at a time.
#[derive(Clone, Copy)]
pub struct Paged {
    /// The current filter.
    pub filter: Memo<Filter>,
    /// Matching items and facets.
    pub results: Memo<Results>,
    /// How many items are shown; back to one page whenever the filter changes.
    pub limit: RwSignal<usize>,
    /// How many items match.
    pub total: Signal<usize>,
    shelf: Shelf,
}

impl Paged {
    /// Runs `run` (the catalog's posts or papers filter) on the current filter.
    pub fn new(shelf: Shelf, page: usize, run: fn(&Catalog, &Filter) -> Results) -> Paged {
        let filter = current_filter(shelf);
        let results = Memo::new(move |_| {
            shelf.library.with(|l| match l {
                Load::Ready(lib) => filter.with(|f| run(&lib.catalog, f)),
                _ => Results::default(),
            })
        });
        let limit = RwSignal::new(page);
        Effect::watch(move || filter.get(), move |_, _, _| limit.set(page), false);
        // As many as the first view was asked to show, if it was.
        Effect::watch(
            move || shelf.asked.get().limit,
            move |asked, _, _| {
                if let Some(asked) = *asked {
                    limit.update(|l| *l = (*l).max(asked));
                }
            },
            true,
        );
        let total = Signal::derive(move || results.with(|r| r.items.len()));
        Paged {
            filter,
            results,
            limit,
            total,
            shelf,
        }
    }

    /// The items on the pages shown, each taken from the library by `item`
    /// (given its position in the catalog's posts or papers).
    pub fn shown<T>(&self, item: impl Fn(&Library, usize) -> T) -> Vec<T> {
        let positions: Vec<usize> = self
            .results
            .with(|r| r.items.iter().take(self.limit.get()).copied().collect());
        self.shelf.library.with(|l| match l {
            Load::Ready(lib) => positions.into_iter().map(|i| item(lib, i)).collect(),
            _ => Vec::new(),
        })
    }

    /// How many items the filter gives reviewed more than once, for [`FilterBar`].
    pub fn again(&self) -> Signal<usize> {
        let results = self.results;
        Signal::derive(move || results.with(|r| r.again))
    }

    /// The facets, for [`FilterBar`].
    pub fn facets(&self) -> Signal<Vec<(String, usize)>> {
        let results = self.results;
        Signal::derive(move || results.with(|r| r.facets.clone()))
    }
}

/// "12 posts", announced to screen readers as it changes
/// (`papershelf_web::filters`, as the first view draws it).
#[component]
pub fn ResultCount(
    /// How many items match.
    total: Signal<usize>,
    /// What is counted.
    counted: Counted,
) -> impl IntoView {
    let line = NodeRef::<leptos::html::P>::new();
    line.on_load(|p| filters::dress_count(&p));
    Effect::new(move || {
        if let Some(p) = line.get() {
            filters::show_count(&p, counted, total.get());
        }
    });
    view! { <p node_ref=line></p> }
}

/// Search box, chips, match mode and facets: the markup of
/// `papershelf_web::filters`, which the first view of a list draws too, and
/// a press read by its [`filters::action`].
#[component]
pub fn FilterBar(
    /// The current filter (from [`Paged`]).
    filter: Memo<Filter>,
    /// Facets: each unselected tag and how many results adding it gives.
    facets: Signal<Vec<(String, usize)>>,
    /// What the list holds, for labels.
    counted: Counted,
    /// How many items the filter gives reviewed more than once (the papers
    /// page's toggle; none elsewhere).
    #[prop(optional, into)]
    again: Option<Signal<usize>>,
    /// Whether it has a box for title words (the search page has the
    /// header's search box instead).
    #[prop(default = true)]
    text_box: bool,
) -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    let all_tags = RwSignal::new(false);
    // Every tag shown, if the first view was asked to before the app came.
    Effect::watch(
        move || shelf.asked.get().all_tags,
        move |all, _, _| {
            if *all {
                all_tags.set(true);
            }
        },
        true,
    );
    let bar = NodeRef::<leptos::html::Section>::new();
    bar.on_load(move |el| filters::dress_bar(&el, counted, text_box));
    Effect::new(move || {
        let Some(el) = bar.get() else { return };
        filter.with(|f| {
            facets.with(|facets| {
                let shown = filters::Shown {
                    filter: f,
                    facets,
                    all_tags: all_tags.get(),
                    again: again.map(|n| n.get()),
                };
                filters::show_bar(&el, counted, &shown);
            })
        });
    });
    let act = move |ev: web_sys::Event| {
        let Some(action) = filters::action(&ev) else {
            return;
        };
        let current = filter.get_untracked();
        match &action {
            Action::MoreTags => all_tags.update(|a| *a = !*a),
            Action::Text(_) => {
                if let Some(f) = action.apply(&current) {
                    set_filter(shelf, f, Nav::Replace);
                }
            }
            Action::Toggle(tag) => {
                let f = current.toggled(tag);
                let added = f.tags.contains(&tag.to_lowercase());
                set_filter(shelf, f, Nav::Push);
                // The focus follows the tag: onto its chip when added, back onto its
                // facet when removed (never onto another tag a second Enter would add).
                keep_focus_on_tag(shelf, tag.clone(), added);
            }
            Action::Mode(_) | Action::Clear | Action::Again => {
                if let Some(f) = action.apply(&current) {
                    set_filter(shelf, f, Nav::Push);
                }
            }
            Action::ShowMore => {}
        }
    };
    view! { <section node_ref=bar on:click=move |ev| act(ev.into()) on:input=act></section> }
}

/// Moves the focus, once the filter is drawn, to the chip of `tag` (added)
/// or its facet (removed), else to the first tag control left.
fn keep_focus_on_tag(shelf: Shelf, tag: String, added: bool) {
    let tag = tag.to_lowercase();
    leptos::task::spawn_local(async move {
        crate::timing::next_frame().await;
        let Some(root) = shelf.root.get_untracked() else {
            return;
        };
        let class = if added { "chip" } else { "facet" };
        let find = |selector: &str| root.query_selector(selector).ok().flatten();
        let target = root
            .query_selector_all(&format!(".filters .{class}"))
            .ok()
            .and_then(|all| {
                (0..all.length())
                    .filter_map(|i| all.item(i)?.dyn_into::<web_sys::Element>().ok())
                    .find(|e| e.get_attribute("data-tag").as_deref() == Some(tag.as_str()))
            })
            .or_else(|| find(".filters .chip"))
            .or_else(|| find(".filters .facet"));
        if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// A "Show more" button for a paged list; `limit` grows by `step`
/// (`papershelf_web::filters`, as the first view draws it).
#[component]
pub fn ShowMore(
    /// How many items are shown now.
    limit: RwSignal<usize>,
    /// How many there are.
    total: Signal<usize>,
    /// How many more each press shows.
    step: usize,
) -> impl IntoView {
    move || {
        let remaining = total.get().saturating_sub(limit.get());
        (remaining > 0).then(|| {
            let button = NodeRef::<leptos::html::Button>::new();
            button.on_load(move |el| filters::dress_show_more(&el, remaining, step));
            view! { <button node_ref=button on:click=move |_| limit.update(|l| *l += step)></button> }
        })
    }
}
