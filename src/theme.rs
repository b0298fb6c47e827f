//! Light and dark themes: the system's setting by default, or the reader's choice, remembered.

use leptos::prelude::*;
use papershelf_web::dom::{self, Listener};
use papershelf_web::site_header;

pub use papershelf_web::theme::Choice;

/// Gives the theme toggle of the site header (drawn in `header` by
/// `papershelf_web::site_header`) its work: each press cycles system →
/// light → dark, remembered, and the button shows the choice. The listener
/// lasts as long as what is returned is kept.
pub fn toggle(header: &web_sys::Element, theme: RwSignal<Choice>) -> Option<Listener> {
    let button = site_header::control(header, site_header::THEME_KEY)?;
    let shown = send_wrapper::SendWrapper::new(button.clone());
    Effect::new(move || site_header::show_theme(&shown, theme.get()));
    Some(dom::listen(&button, "click", move |_| {
        let next = theme.get_untracked().next();
        theme.set(next);
        next.store();
    }))
}
