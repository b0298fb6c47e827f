//! `#/tags`: every tag with how many posts and papers carry it.

use super::when_loaded;
use crate::Shelf;
use leptos::prelude::*;
use papershelf_core::catalog::Filter;
use papershelf_core::route::Route;

/// The tags page.
#[component]
pub fn TagsPage() -> impl IntoView {
    expect_context::<Shelf>().set_title("Tags");
    when_loaded("the tags", |lib| {
        let counts = lib.catalog.tag_counts();
        view! {
                <h1 class="page-title">"Tags"</h1>
                <p class="result-count">{format!("{} tags", counts.len())}</p>
                <table class="tag-table">
                    <thead>
                        <tr>
                            <th scope="col">"Tag"</th>
                            <th scope="col" class="num">"Papers"</th>
                            <th scope="col" class="num">"Posts"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {counts
                            .into_iter()
                            .map(|c| {
                                let filter = Filter { tags: vec![c.tag.clone()], ..Default::default() };
                                let papers = Route::Papers(filter.clone()).to_hash();
                                let posts = Route::Home(filter).to_hash();
                                view! {
                                    <tr>
                                        <th scope="row"><a class="tag" href=papers.clone()>{c.tag}</a></th>
                                        <td class="num"><a href=papers>{c.papers}</a></td>
                                        <td class="num"><a href=posts>{c.posts}</a></td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
    })
}
