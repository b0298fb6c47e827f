//! One module per route, and the pieces they share.

pub mod filter;
pub mod home;
pub mod not_found;
pub mod papers;
pub mod post;
pub mod tags;

use crate::api::FetchError;
use leptos::prelude::*;

/// A failed fetch: what happened, and a button to try again.
#[component]
pub fn ErrorBox(
    /// What went wrong.
    error: FetchError,
    /// Runs when the reader asks to try again.
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="error-box" role="alert">
            <p class="error-message">{error.to_string()}</p>
            <button type="button" class="retry" on:click=move |_| retry.run(())>"Try again"</button>
        </div>
    }
}

/// A loading line that screen readers announce.
#[component]
pub fn Loading(
    /// What is being loaded.
    #[prop(into)]
    what: String,
) -> impl IntoView {
    view! { <p class="loading" role="status" aria-live="polite">"Loading " {what} "…"</p> }
}
