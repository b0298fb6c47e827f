//! One module per route, and the pieces they share.

pub mod archive;
pub mod filter;
pub mod home;
pub mod not_found;
pub mod paper;
pub mod papers;
pub mod post;
pub mod search;
pub mod tags;

use crate::{Library, Load, Shelf};
use leptos::prelude::*;
use papershelf_web::messages::t;
use std::sync::Arc;

/// Shows `ready` once the index is loaded; until then a loading line, or the
/// error with a retry.
pub fn when_loaded(
    what: &'static str,
    ready: impl Fn(Arc<Library>) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    move || {
        match shelf.library.get() {
        Load::Loading => view! { <Loading what=what/> }.into_any(),
        Load::Failed(error) => {
            view! { <ErrorBox message=error.to_string() retry=Callback::new(move |_| shelf.load_index())/> }
                .into_any()
        }
        Load::Ready(library) => ready(library),
    }
    }
}

/// Something that failed: what happened and what to do (a fetch error, a
/// search error, worded for the reader), and a button to try again.
#[component]
pub fn ErrorBox(
    /// What went wrong.
    message: String,
    /// Runs when the reader asks to try again.
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="error-box" role="alert">
            <p class="error-message">{message}</p>
            <button type="button" class="retry" on:click=move |_| retry.run(())>{t("retry")}</button>
        </div>
    }
}

/// A loading line that screen readers announce.
#[component]
pub fn Loading(
    /// What is being loaded: the key of its message (`loading.posts`).
    what: &'static str,
) -> impl IntoView {
    let line = papershelf_web::messages::format("loading", &[("what", t(what))]);
    view! { <p class="loading" role="status" aria-live="polite">{line}</p> }
}
