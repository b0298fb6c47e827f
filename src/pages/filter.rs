//! The filter controls shared by `#/` and `#/papers`: a title search, the
//! selected tags as removable chips, all/any, and every other tag with the
//! number of results it would give.

use crate::{Library, Load, Nav, Shelf};
use leptos::prelude::*;
use papershelf_core::catalog::{Catalog, Filter, Match, Results, FACETS_SHOWN};
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

    /// The facets, for [`FilterBar`].
    pub fn facets(&self) -> Signal<Vec<(String, usize)>> {
        let results = self.results;
        Signal::derive(move || results.with(|r| r.facets.clone()))
    }
}

/// "12 posts", announced to screen readers as it changes.
#[component]
pub fn ResultCount(
    /// How many items match.
    total: Signal<usize>,
    /// The noun for one item.
    one: &'static str,
    /// The noun for several.
    many: &'static str,
) -> impl IntoView {
    view! {
        <p class="result-count" role="status" aria-live="polite">
            {move || match total.get() {
                1 => format!("1 {one}"),
                n => format!("{n} {many}"),
            }}
        </p>
    }
}

/// Search box, chips, match mode and facets.
#[component]
pub fn FilterBar(
    /// The current filter (from [`Paged`]).
    filter: Memo<Filter>,
    /// Facets: each unselected tag and how many results adding it gives.
    facets: Signal<Vec<(String, usize)>>,
    /// What the list holds ("posts" or "papers"), for labels.
    noun: &'static str,
    /// Whether it has a box for title words (the search page has the
    /// header's search box instead).
    #[prop(default = true)]
    text_box: bool,
) -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    let all_facets = RwSignal::new(false);

    let on_input = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let mut f = filter.get_untracked();
        f.text = input.value();
        set_filter(shelf, f, Nav::Replace);
    };
    let toggle = move |tag: String| {
        let f = filter.get_untracked().toggled(&tag);
        let added = f.tags.contains(&tag.to_lowercase());
        set_filter(shelf, f, Nav::Push);
        // The focus follows the tag: onto its chip when added, back onto its
        // facet when removed (never onto another tag a second Enter would add).
        keep_focus_on_tag(shelf, tag, added);
    };
    let set_mode = move |mode: Match| {
        let mut f = filter.get_untracked();
        f.mode = mode;
        set_filter(shelf, f, Nav::Push);
    };
    let clear = move |_| set_filter(shelf, Filter::default(), Nav::Push);

    view! {
        <section class="filters" aria-label=format!("Filter {noun}")>
            {text_box.then(|| view! {
                <label class="search">
                    <span class="visually-hidden">{format!("Search {noun} by title")}</span>
                    <input
                        type="search"
                        placeholder=format!("Search {noun} by title…")
                        prop:value=move || filter.with(|f| f.text.clone())
                        on:input=on_input
                        autocomplete="off"
                    />
                </label>
            })}
            <Show when=move || filter.with(|f| !f.tags.is_empty())>
                <div class="selected" role="group" aria-label="Selected tags">
                    {move || {
                        filter
                            .get()
                            .tags
                            .into_iter()
                            .map(|tag| {
                                let label = format!("Remove tag {tag}");
                                let t = tag.clone();
                                let lower = tag.to_lowercase();
                                view! {
                                    <button type="button" class="chip" data-tag=lower aria-label=label on:click=move |_| toggle(t.clone())>
                                        {tag}
                                        <span aria-hidden="true">" ×"</span>
                                    </button>
                                }
                            })
                            .collect_view()
                    }}
                    <span class="match" role="radiogroup" aria-label="Match">
                        <button type="button" role="radio" aria-checked=move || (filter.with(|f| f.mode) == Match::All).to_string() on:click=move |_| set_mode(Match::All)>
                            "all tags"
                        </button>
                        <button type="button" role="radio" aria-checked=move || (filter.with(|f| f.mode) == Match::Any).to_string() on:click=move |_| set_mode(Match::Any)>
                            "any tag"
                        </button>
                    </span>
                    <button type="button" class="clear" on:click=clear>"Clear all"</button>
                </div>
            </Show>
            <div class="facets" role="group" aria-label="Add a tag">
                {move || {
                    let list = facets.get();
                    let total = list.len();
                    let shown = if all_facets.get() { total } else { total.min(FACETS_SHOWN) };
                    let buttons = list
                        .into_iter()
                        .take(shown)
                        .map(|(tag, count)| {
                            // The name is the visible text and what it counts: "meta 4 posts".
                            let unit = if count == 1 { noun.trim_end_matches('s') } else { noun };
                            let t = tag.clone();
                            let lower = tag.to_lowercase();
                            view! {
                                <button type="button" class="facet" data-tag=lower on:click=move |_| toggle(t.clone())>
                                    {tag}
                                    " "
                                    <span class="count">{count}</span>
                                    <span class="visually-hidden">{format!(" {unit}")}</span>
                                </button>
                            }
                        })
                        .collect_view();
                    view! {
                        {buttons}
                        {(total > FACETS_SHOWN)
                            .then(|| {
                                view! {
                                    <button type="button" class="more-tags" aria-expanded=move || all_facets.get().to_string() on:click=move |_| all_facets.update(|a| *a = !*a)>
                                        {move || if all_facets.get() { "Fewer tags".to_string() } else { format!("{} more tags", total - FACETS_SHOWN) }}
                                    </button>
                                }
                            })}
                    }
                }}
            </div>
        </section>
    }
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

/// A "Show more" button for a paged list; `limit` grows by `step`.
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
            view! {
                <button type="button" class="show-more" on:click=move |_| limit.update(|l| *l += step)>
                    {format!("Show {} more ({remaining} left)", remaining.min(step))}
                </button>
            }
        })
    }
}
