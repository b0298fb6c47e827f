//! `#/tags`: every tag with how many posts and papers carry it.

use super::when_loaded;
use crate::Shelf;
use leptos::prelude::*;
use papershelf_core::catalog::Filter;
use papershelf_core::route::Route;
use papershelf_web::messages::{self, t};

/// The tags page.
#[component]
pub fn TagsPage() -> impl IntoView {
    expect_context::<Shelf>().set_title(t("title.tags"));
    when_loaded("loading.tags", |lib| {
        let counts = lib.catalog.tag_counts();
        view! {
            <h1 class="page-title">{t("title.tags")}</h1>
            <p class="result-count">{messages::count("count.tags", counts.len())}</p>
            <table class="tag-table">
                <thead>
                    <tr>
                        <th scope="col">{t("tags.tag")}</th>
                        <th scope="col" class="num">{t("tags.papers")}</th>
                        <th scope="col" class="num">{t("tags.posts")}</th>
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
                                    <th scope="row">
                                        <a class="tag" href=papers.clone()>{c.tag.clone()}</a>
                                        {described(&c.tag)}
                                    </th>
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

/// What `tags.yml` says the tag is about, under its name.
fn described(tag: &str) -> Option<impl IntoView> {
    let description = crate::context::context()
        .tag_info(tag)?
        .description
        .clone()?;
    Some(view! { <span class="tag-description">{description}</span> })
}
