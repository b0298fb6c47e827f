//! Light and dark themes: the system's setting by default, or the reader's choice, remembered.

use leptos::prelude::*;

pub use papershelf_web::theme::Choice;

/// A button cycling system → light → dark.
#[component]
pub fn ThemeToggle(
    /// The theme signal to change.
    theme: RwSignal<Choice>,
) -> impl IntoView {
    let toggle = move |_| {
        let next = theme.get_untracked().next();
        theme.set(next);
        next.store();
    };
    view! {
        <button type="button" class="theme-toggle" on:click=toggle aria-label=move || theme.get().label() title=move || theme.get().label()>
            {move || theme.get().glyph()}
        </button>
    }
}
