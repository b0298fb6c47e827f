//! The page for anything the viewer does not know.

use leptos::prelude::*;
use papershelf_web::messages::t;

/// Says what was asked for and links home.
#[component]
pub fn NotFound(
    /// The route as asked for.
    asked: String,
) -> impl IntoView {
    expect_context::<crate::Shelf>().set_title(t("page.missing"));
    view! {
        <section class="not-found">
            <h1>{t("page.missing")}</h1>
            <p>{with_code(t("page.missing.text"), "path", asked)}</p>
            <p><a href="#/">{t("all")}</a></p>
        </section>
    }
}

/// `text` with its `{slot}` as `value` in `<code>`: a path named in a
/// sentence, wherever the language puts it.
pub fn with_code(text: &'static str, slot: &str, value: String) -> impl IntoView {
    let mark = format!("{{{slot}}}");
    let (before, after) = text.split_once(mark.as_str()).unwrap_or((text, ""));
    view! { {before} <code>{value}</code> {after} }
}
