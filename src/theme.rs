//! Light and dark themes: the system's setting by default, or the reader's choice, remembered.

use leptos::prelude::*;

const STORAGE_KEY: &str = "papershelf-theme";

/// The reader's theme choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Follow the system setting.
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Choice {
    /// The `data-theme` attribute value (none for the system setting).
    pub fn attr(self) -> Option<&'static str> {
        match self {
            Choice::System => None,
            Choice::Light => Some("light"),
            Choice::Dark => Some("dark"),
        }
    }

    fn next(self) -> Choice {
        match self {
            Choice::System => Choice::Light,
            Choice::Light => Choice::Dark,
            Choice::Dark => Choice::System,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Choice::System => "Theme: system",
            Choice::Light => "Theme: light",
            Choice::Dark => "Theme: dark",
        }
    }
}

/// The theme signal, read from local storage.
pub struct Theme;

impl Theme {
    /// The stored choice (system if none or storage is unavailable).
    pub fn load() -> RwSignal<Choice> {
        let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let choice = match stored.as_deref() {
            Some("light") => Choice::Light,
            Some("dark") => Choice::Dark,
            _ => Choice::System,
        };
        RwSignal::new(choice)
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A button cycling system → light → dark.
#[component]
pub fn ThemeToggle(
    /// The theme signal to change.
    theme: RwSignal<Choice>,
) -> impl IntoView {
    let toggle = move |_| {
        let next = theme.get_untracked().next();
        theme.set(next);
        if let Some(s) = storage() {
            let _ = match next.attr() {
                Some(v) => s.set_item(STORAGE_KEY, v),
                None => s.remove_item(STORAGE_KEY),
            };
        }
    };
    view! {
        <button type="button" class="theme-toggle" on:click=toggle aria-label=move || theme.get().label() title=move || theme.get().label()>
            {move || match theme.get() {
                Choice::System => "◐",
                Choice::Light => "☀",
                Choice::Dark => "☾",
            }}
        </button>
    }
}
