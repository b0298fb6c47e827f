//! The page for anything the viewer does not know.

use leptos::prelude::*;

/// Says what was asked for and links home.
#[component]
pub fn NotFound(
    /// The route as asked for.
    asked: String,
) -> impl IntoView {
    expect_context::<crate::Shelf>().set_title("Page not found");
    view! {
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at " <code>{asked}</code> "."</p>
            <p><a href="#/">"See all posts"</a></p>
        </section>
    }
}
