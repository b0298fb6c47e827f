//! `#/post/<path>`: one post, fetched as Markdown and rendered by the core.

use super::paper::Bibtex;
use super::{ErrorBox, Loading};
use crate::api::{self, FetchError};
use crate::{dom, Load, Route, Shelf};
use leptos::html::Div;
use leptos::prelude::*;
use papershelf_core::bibtex;
use papershelf_core::citations::{Cited, CITED_VERSION};
use papershelf_core::doc::{post_hash, HashLinker};
use papershelf_core::post::{ParsedPost, Post};
use papershelf_web::messages::t;
use papershelf_web::{find_anchor, first, header, share};
use wasm_bindgen::JsCast;

/// Fetches, parses and shows one post; follows `?id=` to a heading.
#[component]
pub fn PostPage(
    /// Post file path relative to the content directory.
    path: String,
) -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    let state: RwSignal<Load<ParsedPost>> = RwSignal::new(Load::Loading);
    let head = NodeRef::<Div>::new();
    let body = NodeRef::<Div>::new();
    let path = StoredValue::new(path);
    let anchor = Memo::new(move |_| match shelf.route.get() {
        Route::Post { anchor, .. } => anchor,
        _ => None,
    });
    let load = move || {
        state.set(Load::Loading);
        path.set_value(shelf.post_file(&path.get_value()));
        let (base, asked) = (shelf.content_base.get_value(), path.get_value());
        leptos::task::spawn_local(async move {
            let (file, result) = api::fetch_post_file(&base, &asked).await;
            // The effects below find the first view and the neighbours by it.
            path.try_set_value(file.clone());
            crate::timing::mark("post:fetched");
            // A page left before the answer came is gone: `try_set` then does nothing,
            // so a slow post never overwrites the one shown after it.
            // The partials it includes (`import Intro from './_intro.mdx'`), read
            // before it is parsed; one that cannot be read shows nothing, as `check` says.
            let mut partials = papershelf_core::mdx::Partials::new();
            if let Ok(text) = &result {
                for p in papershelf_core::mdx::partial_paths(&file, text) {
                    if let Ok(t) = api::fetch_text(&format!(
                        "{base}{}",
                        papershelf_core::paths::encode_path(&p)
                    ))
                    .await
                    {
                        partials.insert(p, t);
                    }
                }
            }
            state.try_set(match result {
                Ok(text) => {
                    let parsed =
                        Post::parse_full(&file, &text, crate::context::context(), &partials);
                    crate::timing::mark("post:parsed");
                    Load::Ready(parsed)
                }
                Err(FetchError::NotFound(_)) => Load::Failed(FetchError::NotFound(file)),
                Err(e) => Load::Failed(e),
            });
        });
    };
    load();
    // A route by a Docusaurus address (`#/post/blog/2021/08/26/welcome`) names
    // no file: once the index is in, it says which post has that address.
    Effect::watch(
        move || shelf.library.with(|l| matches!(l, Load::Ready(_))),
        move |ready, _, _| {
            let missing =
                state.with_untracked(|s| matches!(s, Load::Failed(FetchError::NotFound(_))));
            let asked = path.get_value();
            if *ready && missing && shelf.post_file(&asked) != asked {
                load();
            }
        },
        false,
    );
    // The service worker showed a cached copy and then found the post edited
    // since (www/sw.js): it has the new text now.
    let changed = window_event_listener_untyped("papershelf-post-changed", move |ev| {
        let changed = ev
            .dyn_ref::<web_sys::CustomEvent>()
            .and_then(|e| e.detail().as_string());
        if changed.is_some_and(|p| path.try_get_value().is_some_and(|shown| shown == p)) {
            load();
        }
    });
    on_cleanup(move || changed.remove());

    // The header, from the one parse of the post's front matter (the CLI's,
    // which drew the first view's).
    Effect::new(move || {
        let Some(container) = head.get() else { return };
        state.with(|s| match s {
            Load::Ready(parsed) => {
                let linker = HashLinker {
                    content_base: shelf.content_base.get_value(),
                };
                header::render_into(&container, &parsed.post, &linker);
                back_to_the_list(shelf, &container);
            }
            _ => container.set_text_content(None),
        });
    });
    // Build the body once per load; the first view's body is taken over as is.
    Effect::new(move || {
        let Some(container) = body.get() else { return };
        let path = path.get_value();
        // The first view shows this post while the app is out of sight.
        let pending = first::shows(&path);
        let (loading, adopted) = state.with(|s| match s {
            Load::Loading => (true, false),
            Load::Failed(_) => (false, false),
            Load::Ready(parsed) => {
                shelf.set_title(&parsed.post.title);
                let linker = HashLinker {
                    content_base: shelf.content_base.get_value(),
                };
                let adopted = first::take_over(&path, &container);
                if !adopted {
                    dom::render_into(&container, parsed.doc().after_title(), &linker);
                    share::mark_headings(&container, &path);
                }
                crate::timing::mark("post:rendered");
                if parsed.rendered.has_math {
                    let container: web_sys::Element = container.clone().into();
                    leptos::task::spawn_local(async move {
                        crate::math::render_math(container, &linker).await;
                    });
                }
                (false, adopted)
            }
        });
        if !loading {
            first::hand_off();
        }
        // Taken over from the first view, or still behind it: the reader may
        // have scrolled already, so their place is kept.
        if !(adopted || pending && loading) {
            scroll_to(shelf, &container, anchor.get_untracked().as_deref());
        }
    });
    // Who cites it, under the entries they cite (`papershelf index` counted
    // them; the list is fetched only for a post something cites).
    Effect::new(move || {
        let Some(container) = body.get() else { return };
        if !state.with(|s| matches!(s, Load::Ready(_))) {
            return;
        }
        let file = path.get_value();
        let cited = shelf.library.with(|l| match l {
            Load::Ready(lib) => lib.index.find(&file).map_or(0, |p| p.cited),
            _ => 0,
        });
        if cited == 0 {
            return;
        }
        let url = format!(
            "{}{}",
            shelf.content_base.get_value(),
            papershelf_core::paths::encode_path(&papershelf_core::paths::cited_path(&file))
        );
        leptos::task::spawn_local(async move {
            // A list that cannot be read leaves the post as it is.
            let Ok(value) = api::fetch_json(&url).await else {
                return;
            };
            let Ok(cited) = serde_wasm_bindgen::from_value::<Cited>(value) else {
                return;
            };
            if cited.version == CITED_VERSION && path.try_get_value().as_deref() == Some(&file) {
                papershelf_web::cited::show(&container, &cited.citations);
            }
        });
    });
    // Follow later `?id=` changes without fetching again.
    Effect::watch(
        move || anchor.get(),
        move |a, _, _| {
            if let Some(container) = body.get_untracked() {
                scroll_to(shelf, &container, a.as_deref());
            }
        },
        false,
    );

    let neighbours = move || {
        // Tracks the post too: its file (`.md` or `.mdx`) is known once it is read.
        state.track();
        shelf.library.with(|l| match l {
            Load::Ready(lib) => {
                let (older, newer) = lib.index.neighbours(&path.get_value());
                (
                    older.map(|p| (p.path.clone(), p.title.clone())),
                    newer.map(|p| (p.path.clone(), p.title.clone())),
                )
            }
            _ => (None, None),
        })
    };

    view! {
        <article class="post">
            {move || state.with(|s| match s {
                Load::Loading => view! { <Loading what="loading.post"/> }.into_any(),
                Load::Failed(FetchError::NotFound(p)) => view! { <PostNotFound path=p.clone()/> }.into_any(),
                Load::Failed(e) => view! { <ErrorBox message=e.to_string() retry=Callback::new(move |_| load())/> }.into_any(),
                Load::Ready(_) => ().into_any(),
            })}
            <div class="post-head" node_ref=head></div>
            <div class="post-body" node_ref=body></div>
            {move || state.with(|s| match s {
                // A paper review gives the BibTeX of all its papers at once.
                Load::Ready(parsed) if !parsed.post.entries.is_empty() => {
                    let entries = parsed.post.entries.iter().map(|e| (e.title.as_str(), e.url.as_deref()));
                    Some(view! { <Bibtex text=bibtex::entries(entries) label="bibtex.post"/> })
                }
                _ => None,
            })}
            {move || {
                let ready = state.with(|s| matches!(s, Load::Ready(_)));
                let (older, newer) = neighbours();
                ready.then(|| view! {
                    <nav class="post-nav" aria-label=t("post.nav")>
                        {older.map(|(p, t)| view! { <a class="older" rel="prev" href=post_hash(&p, None)>"← " {t}</a> })}
                        {newer.map(|(p, t)| view! { <a class="newer" rel="next" href=post_hash(&p, None)>{t} " →"</a> })}
                    </nav>
                })
            }}
        </article>
    }
}

/// Points the header's back link at the list the reader came from, with
/// its filter (the first view's link, to all posts, is right on first load).
fn back_to_the_list(shelf: Shelf, header: &web_sys::HtmlDivElement) {
    let Ok(Some(back)) = header.query_selector("a.back") else {
        return;
    };
    let list = shelf.last_list.get_untracked();
    let label = t(match &list {
        Route::Papers(_) => "back.papers",
        Route::Search(_) => "back.search",
        _ => "back.posts",
    });
    let _ = back.set_attribute("href", &list.to_hash());
    back.set_text_content(Some(label));
}

/// A post that is not (or no longer) on the server.
#[component]
fn PostNotFound(
    /// The path that was asked for.
    path: String,
) -> impl IntoView {
    expect_context::<Shelf>().set_title(t("post.missing"));
    view! {
        <section class="not-found" role="alert">
            <h1>{t("post.missing")}</h1>
            <p>{super::not_found::with_code(t("post.missing.text"), "path", path)}</p>
            <p><a href="#/">{t("all")}</a></p>
        </section>
    }
}

/// Scrolls to a heading of the post by id (also under the prefix given to
/// ids that look like globals), or to the viewer's top.
fn scroll_to(shelf: Shelf, body: &web_sys::HtmlDivElement, anchor: Option<&str>) {
    match anchor.and_then(|a| find_anchor(body, a)) {
        Some(el) => el.scroll_into_view(),
        None => shelf.scroll_to_top(),
    }
}
