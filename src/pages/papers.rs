//! `#/papers`: every reviewed paper as a card, filtered by tags and title words.

use super::filter::{FilterBar, Paged, ResultCount, ShowMore};
use super::home::TagLink;
use super::when_loaded;
use crate::Shelf;
use leptos::prelude::*;
use papershelf_core::catalog::{Catalog, Paper};
use papershelf_core::doc::post_hash;

/// Cards per "page"; "Show more" adds as many again.
const PAGE: usize = 40;

/// The papers page.
#[component]
pub fn PapersPage() -> impl IntoView {
    expect_context::<Shelf>().set_title("Papers");
    when_loaded("the papers", |_| view! { <FilteredPapers/> }.into_any())
}

#[component]
fn FilteredPapers() -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    let paged = Paged::new(shelf, PAGE, Catalog::filter_papers);
    let cards = move || {
        let selected = paged.filter.with(|f| f.tags.clone());
        let papers: Vec<Paper> = paged.shown(|lib, i| lib.catalog.papers()[i].clone());
        if papers.is_empty() {
            return view! { <p class="empty">"No papers match. Remove a tag or change the search."</p> }.into_any();
        }
        view! {
            <ul class="paper-cards">
                {papers.into_iter().map(|p| view! { <PaperCard paper=p selected=selected.clone()/> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h1 class="page-title">"Papers"</h1>
        <FilterBar filter=paged.filter facets=paged.facets() noun="papers"/>
        <ResultCount total=paged.total one="paper" many="papers"/>
        {cards}
        <ShowMore limit=paged.limit total=paged.total step=PAGE/>
    }
}

/// One paper: title (linking to the paper), subtitle, tags, and every review of it.
#[component]
fn PaperCard(
    /// The paper.
    paper: Paper,
    /// Tags selected in the filter.
    selected: Vec<String>,
) -> impl IntoView {
    let title = match paper.url.clone() {
        Some(url) => view! { <a class="paper-link" href=url target="_blank" rel="noopener noreferrer">{paper.title.clone()}</a> }.into_any(),
        None => view! { <span>{paper.title.clone()}</span> }.into_any(),
    };
    view! {
        <li class="paper-card">
            <h2 class="paper-title">{title}</h2>
            {paper.subtitle.map(|s| view! { <p class="paper-subtitle">{s}</p> })}
            <div class="paper-tags">
                {paper.tags.into_iter().map(|t| view! { <TagLink on=selected.contains(&t) tag=t/> }).collect_view()}
            </div>
            <ul class="reviews">
                {paper
                    .reviews
                    .into_iter()
                    .map(|r| {
                        let href = post_hash(&r.post_path, Some(&r.anchor));
                        view! {
                            <li>
                                <a class="review-link" href=href>
                                    "Review, " <time datetime=r.date.clone()>{r.date.clone()}</time>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </li>
    }
}
