//! `#/archive`: every dated post, by year, newest first, as a Docusaurus
//! blog's archive lists them (the undated ones are the Docs section of the
//! posts page).

use super::when_loaded;
use crate::Shelf;
use leptos::prelude::*;
use papershelf_core::doc::post_hash;
use papershelf_web::messages::{self, t};

/// One post in the archive: its link, title and date.
type Item = (String, String, String);

/// The archive page.
#[component]
pub fn ArchivePage() -> impl IntoView {
    expect_context::<Shelf>().set_title(t("title.archive"));
    when_loaded("loading.archive", |lib| {
        // The index is newest first: each year's posts come together.
        let mut years: Vec<(String, Vec<Item>)> = Vec::new();
        for post in lib.index.posts.iter().filter(|p| p.date.len() >= 4) {
            let year = post.date[..4].to_string();
            let item = (
                post_hash(&post.path, None),
                post.title.clone(),
                post.date.clone(),
            );
            match years.last_mut() {
                Some((y, items)) if *y == year => items.push(item),
                _ => years.push((year, vec![item])),
            }
        }
        let total: usize = years.iter().map(|(_, items)| items.len()).sum();
        view! {
            <h1 class="page-title">{t("title.archive")}</h1>
            <p class="result-count">{messages::count("count.posts", total)}</p>
            {years
                .into_iter()
                .map(|(year, items)| {
                    let heading = messages::format("archive.year", &[("year", &year)]);
                    let count = messages::count("count.posts", items.len());
                    view! {
                        <section class="archive-year">
                            <h2>{heading}<span class="archive-count">{count}</span></h2>
                            <ul class="archive-list">
                                {items
                                    .into_iter()
                                    .map(|(href, title, date)| {
                                        let day = messages::date(&date, false);
                                        view! {
                                            <li>
                                                <time class="date" datetime=date>{day}</time>
                                                <a class="post-title" href=href>{title}</a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
        }
        .into_any()
    })
}
