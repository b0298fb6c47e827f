//! `#/`: the posts, newest first, grouped by month.

use super::{ErrorBox, Loading};
use crate::{Load, Shelf};
use leptos::prelude::*;
use papershelf_core::doc::post_hash;
use papershelf_core::post::Post;

/// The home page: the post list once the index is loaded.
#[component]
pub fn HomePage() -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    set_title("papershelf");
    move || match shelf.index.get() {
        Load::Loading => view! { <Loading what="the posts"/> }.into_any(),
        Load::Failed(error) => {
            view! { <ErrorBox error=error retry=Callback::new(move |_| shelf.load_index())/> }
                .into_any()
        }
        Load::Ready(index) => view! { <PostList posts=index.posts/> }.into_any(),
    }
}

/// Posts grouped by month (`2025-11`), in the order given.
#[component]
pub fn PostList(
    /// The posts, newest first.
    posts: Vec<Post>,
) -> impl IntoView {
    if posts.is_empty() {
        return view! { <p class="empty">"No posts yet. Add one under content/ and run papershelf index content."</p> }.into_any();
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
                    view! {
                        <section class="month" aria-label=label>
                            <h2 class="month-title">{month}</h2>
                            <ul class="posts">{posts.into_iter().map(|p| view! { <PostItem post=p/> }).collect_view()}</ul>
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
) -> impl IntoView {
    let href = post_hash(&post.path, None);
    let path = post.path.clone();
    view! {
        <li class="post-item">
            <time class="date" datetime=post.date.clone()>{post.date.clone()}</time>
            <a class="post-title" href=href>{post.title.clone()}</a>
            <ul class="entries">
                {post
                    .entries
                    .into_iter()
                    .map(|e| {
                        let href = post_hash(&path, Some(&e.anchor));
                        view! {
                            <li class="entry">
                                <a href=href>{e.title}</a>
                                {e.tags.into_iter().map(|t| view! { <span class="tag">{t}</span> }).collect_view()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </li>
    }
}

/// Sets the document's title.
pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}
