//! `#/`: the posts, newest first, grouped by month, filtered by tags and title words.

use super::filter::{FilterBar, Paged, ResultCount, ShowMore};
use super::when_loaded;
use crate::Shelf;
use leptos::prelude::*;
use papershelf_core::catalog::Catalog;
use papershelf_core::doc::post_hash;
use papershelf_core::post::Post;

/// Posts per "page"; "Show more" adds as many again.
const PAGE: usize = 30;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    expect_context::<Shelf>().set_title("papershelf");
    when_loaded("the posts", |_| view! { <FilteredPosts/> }.into_any())
}

#[component]
fn FilteredPosts() -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    let paged = Paged::new(shelf, PAGE, Catalog::filter_posts);
    let shown = move || {
        let posts: Vec<Post> = paged.shown(|lib, i| lib.index.posts[i].clone());
        let selected = paged.filter.with(|f| f.tags.clone());
        view! { <PostList posts=posts selected=selected/> }
    };
    view! {
        <h1 class="page-title">"Posts"</h1>
        <FilterBar filter=paged.filter facets=paged.facets() noun="posts"/>
        <ResultCount total=paged.total one="post" many="posts"/>
        {shown}
        <ShowMore limit=paged.limit total=paged.total step=PAGE/>
    }
}

/// Posts grouped by month (`2025-11`), in the order given.
#[component]
pub fn PostList(
    /// The posts, newest first.
    posts: Vec<Post>,
    /// Tags selected in the filter, highlighted where they appear.
    #[prop(optional)]
    selected: Vec<String>,
) -> impl IntoView {
    if posts.is_empty() {
        return view! { <p class="empty">"No posts match. Remove a tag or change the search."</p> }
            .into_any();
    }
    let mut months: Vec<(String, Vec<Post>)> = Vec::new();
    for post in posts {
        let month = post.date.get(..7).unwrap_or("undated").to_string();
        match months.last_mut() {
            Some((m, list)) if *m == month => list.push(post),
            _ => months.push((month, vec![post])),
        }
    }
    view! {
        <div class="post-list">
            {months
                .into_iter()
                .map(|(month, posts)| {
                    let label = month.clone();
                    let selected = selected.clone();
                    view! {
                        <section class="month" aria-label=label>
                            <h2 class="month-title">{month}</h2>
                            <ul class="posts">
                                {posts.into_iter().map(|p| view! { <PostItem post=p selected=selected.clone()/> }).collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// One post in the list: date, title, and its entries with their tags.
#[component]
fn PostItem(
    /// The post to show.
    post: Post,
    /// Tags selected in the filter.
    selected: Vec<String>,
) -> impl IntoView {
    let href = post_hash(&post.path, None);
    let path = post.path.clone();
    view! {
        <li class="post-item">
            <time class="date" datetime=post.date.clone()>{post.date.clone()}</time>
            <a class="post-title" href=href>{post.title.clone()}</a>
            {post.tags.into_iter().map(|t| view! { <TagLink on=is_on(&selected, &t) tag=t/> }).collect_view()}
            <ul class="entries">
                {post
                    .entries
                    .into_iter()
                    .map(|e| {
                        let href = post_hash(&path, Some(&e.anchor));
                        view! {
                            <li class="entry">
                                <a href=href>{e.title}</a>
                                {e.tags.into_iter().map(|t| view! { <TagLink on=is_on(&selected, &t) tag=t/> }).collect_view()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </li>
    }
}

/// A tag that filters the posts by itself when followed.
#[component]
pub fn TagLink(
    /// The tag as written.
    tag: String,
    /// Whether the tag is selected in the filter (then it is highlighted).
    #[prop(optional)]
    on: bool,
) -> impl IntoView {
    let href = papershelf_web::header::tag_href(&tag);
    view! { <a class="tag" class:selected=on href=href>{tag}</a> }
}

fn is_on(selected: &[String], tag: &str) -> bool {
    // Selected tags are lower case (the route makes them so).
    selected.contains(&tag.to_lowercase())
}
