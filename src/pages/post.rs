//! `#/post/<path>`: one post, fetched as Markdown and rendered by the core.

use super::home::set_title;
use super::{ErrorBox, Loading};
use crate::api::{self, FetchError};
use crate::{dom, Load, Shelf};
use leptos::html::Div;
use leptos::prelude::*;
use papershelf_core::doc::HashLinker;
use papershelf_core::post::{ParsedPost, Post};

/// Fetches, parses and shows one post, then scrolls to `anchor`.
#[component]
pub fn PostPage(
    /// Post file path relative to the content directory.
    path: String,
    /// Heading id to scroll to.
    anchor: Option<String>,
) -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    let state: RwSignal<Load<ParsedPost>> = RwSignal::new(Load::Loading);
    let body = NodeRef::<Div>::new();
    let path = StoredValue::new(path);
    let load = move || {
        state.set(Load::Loading);
        let path = path.get_value();
        let url = format!("{}{}", shelf.content_base.get_value(), path);
        leptos::task::spawn_local(async move {
            let result = api::fetch_post(&url).await;
            // A page left before the answer came is gone: `try_set` then does nothing.
            state.try_set(match result {
                Ok(text) => Load::Ready(Post::parse(&path, &text)),
                Err(FetchError::NotFound(_)) => Load::Failed(FetchError::NotFound(path.clone())),
                Err(e) => Load::Failed(e),
            });
        });
    };
    load();

    Effect::new(move || {
        let Some(container) = body.get() else { return };
        state.with(|s| {
            if let Load::Ready(parsed) = s {
                set_title(&format!("{} · papershelf", parsed.post.title));
                let linker = HashLinker {
                    content_base: shelf.content_base.get_value(),
                };
                dom::render_into(&container, &parsed.doc, &linker);
                scroll_to(anchor.as_deref());
            }
        });
    });

    view! {
        <article class="post">
            {move || state.with(|s| match s {
                Load::Loading => view! { <Loading what="the post"/> }.into_any(),
                Load::Failed(FetchError::NotFound(p)) => view! { <PostNotFound path=p.clone()/> }.into_any(),
                Load::Failed(e) => view! { <ErrorBox error=e.clone() retry=Callback::new(move |_| load())/> }.into_any(),
                Load::Ready(parsed) => view! { <PostHeader post=parsed.post.clone() has_h1=has_h1(parsed)/> }.into_any(),
            })}
            <div class="post-body" node_ref=body></div>
        </article>
    }
}

fn has_h1(parsed: &ParsedPost) -> bool {
    parsed.rendered.headings.iter().any(|h| h.level == 1)
}

/// Date and tags above the body; the title too when the body has no `# ` heading.
#[component]
fn PostHeader(
    /// The post.
    post: Post,
    /// Whether the body already shows the title as its `# ` heading.
    has_h1: bool,
) -> impl IntoView {
    view! {
        <div class="post-meta">
            <a class="back" href="#/">"← All posts"</a>
            <time class="date" datetime=post.date.clone()>{post.date.clone()}</time>
            {post.tags.into_iter().map(|t| view! { <span class="tag">{t}</span> }).collect_view()}
        </div>
        {(!has_h1).then(|| view! { <h1 class="post-title">{post.title}</h1> })}
    }
}

/// A post that is not (or no longer) on the server.
#[component]
fn PostNotFound(
    /// The path that was asked for.
    path: String,
) -> impl IntoView {
    set_title("Post not found · papershelf");
    view! {
        <section class="not-found" role="alert">
            <h1>"Post not found"</h1>
            <p>"There is no post " <code>{path}</code> ". It may have been renamed or removed."</p>
            <p><a href="#/">"See all posts"</a></p>
        </section>
    }
}

/// Scrolls to a heading by id (also under the prefix given to ids that look like globals).
fn scroll_to(anchor: Option<&str>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target = anchor.and_then(|a| {
        document
            .get_element_by_id(a)
            .or_else(|| document.get_element_by_id(&format!("user-content-{a}")))
    });
    match target {
        Some(el) => el.scroll_into_view(),
        None => {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    }
}
