//! `#/papers`: every reviewed paper as a card, filtered by tags and title words.

use super::filter::{FilterBar, Paged, ResultCount, ShowMore};
use super::when_loaded;
use crate::Shelf;
use leptos::prelude::*;
use papershelf_core::catalog::{Catalog, Paper};
use papershelf_core::front::FRONT_PAPERS;
use papershelf_web::filters;
use papershelf_web::messages::t;

/// The papers page.
#[component]
pub fn PapersPage() -> impl IntoView {
    expect_context::<Shelf>().set_title(t("title.papers"));
    when_loaded("loading.papers", |_| view! { <FilteredPapers/> }.into_any())
}

#[component]
fn FilteredPapers() -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    let paged = Paged::new(shelf, FRONT_PAPERS, Catalog::filter_papers);
    let cards = move || {
        let selected = paged.filter.with(|f| f.tags.clone());
        let papers: Vec<Paper> = paged.shown(|lib, i| lib.catalog.papers()[i].clone());
        view! { <PaperCards papers=papers selected=selected/> }
    };
    view! {
        <h1 class="page-title">{t("title.papers")}</h1>
        <FilterBar filter=paged.filter facets=paged.facets() counted=filters::PAPERS again=paged.again()/>
        <ResultCount total=paged.total counted=filters::PAPERS/>
        {cards}
        <ShowMore limit=paged.limit total=paged.total step=FRONT_PAPERS/>
    }
}

/// A card for each paper (title linking to the paper, subtitle, tags, and
/// every review of it): the markup of `papershelf_web::list`, which the
/// first view of the papers page draws too.
#[component]
fn PaperCards(
    /// The papers, in the page's order.
    papers: Vec<Paper>,
    /// Tags selected in the filter, highlighted where they appear.
    selected: Vec<String>,
) -> impl IntoView {
    let list = NodeRef::<leptos::html::Div>::new();
    list.on_load(move |el| papershelf_web::list::render_papers(&el, &papers, &selected));
    view! { <div class="paper-list" node_ref=list></div> }
}
