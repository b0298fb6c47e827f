//! `#/`: the posts, newest first, grouped by month, filtered by tags and title words.

use super::filter::{FilterBar, Paged, ResultCount, ShowMore};
use super::when_loaded;
use crate::Shelf;
use leptos::prelude::*;
use papershelf_core::catalog::Catalog;
use papershelf_core::front::FRONT_POSTS;
use papershelf_core::post::Post;
use papershelf_web::filters;
use papershelf_web::messages::t;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    expect_context::<Shelf>().set_title("");
    when_loaded("loading.posts", |_| view! { <FilteredPosts/> }.into_any())
}

#[component]
fn FilteredPosts() -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    let paged = Paged::new(shelf, FRONT_POSTS, Catalog::filter_posts);
    let shown = move || {
        let posts: Vec<Post> = paged.shown(|lib, i| lib.index.posts[i].clone());
        let selected = paged.filter.with(|f| f.tags.clone());
        view! { <PostList posts=posts selected=selected/> }
    };
    // Filtered by one tag, the page is that tag's: what `tags.yml` says of it.
    let about = move || {
        paged.filter.with(|f| match &f.tags[..] {
            [tag] => crate::context::context()
                .tag_info(tag)
                .and_then(|info| info.description.clone())
                .map(|d| view! { <p class="tag-intro">{d}</p> }),
            _ => None,
        })
    };
    view! {
        <h1 class="page-title">{t("title.posts")}</h1>
        {about}
        <FilterBar filter=paged.filter facets=paged.facets() counted=filters::POSTS/>
        <ResultCount total=paged.total counted=filters::POSTS/>
        {shown}
        <ShowMore limit=paged.limit total=paged.total step=FRONT_POSTS/>
    }
}

/// Posts grouped by month (`2025-11`), in the order given: the markup of
/// `papershelf_web::list`, which the first view of the home page draws too.
#[component]
pub fn PostList(
    /// The posts, newest first.
    posts: Vec<Post>,
    /// Tags selected in the filter, highlighted where they appear.
    #[prop(optional)]
    selected: Vec<String>,
) -> impl IntoView {
    let list = NodeRef::<leptos::html::Div>::new();
    list.on_load(move |el| papershelf_web::list::render_posts(&el, &posts, &selected));
    view! { <div class="post-list" node_ref=list></div> }
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
