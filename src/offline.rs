//! "Offline reading" in the site's footer: save every post (or those the
//! current filter shows) with their images ahead of a trip, with a progress
//! bar and the size it will take; remove what was saved, saying how much it
//! freed. It is a `<details>`: nothing is fetched or counted until it is
//! opened, so the page's first seconds stay the reader's.
//!
//! The service worker (`www/sw.js`) does the saving; the boot script gives
//! this module the shared object's `offline` (`www/boot/shared.js`) to ask it. Without a worker
//! controlling the page (`trunk serve`, the first visit before it installs,
//! an embedded viewer) the section is not shown.

use crate::api;
use crate::{Load, Route, Shelf};
use leptos::prelude::*;
use papershelf_core::catalog::Filter;
use papershelf_web::messages::{self, t};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The boot script's side of offline reading, if there is a worker to ask.
fn bridge() -> Option<JsValue> {
    let api = papershelf_web::shared::get("offline")?;
    let ready = js_sys::Reflect::get(&api, &"ready".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    ready
        .call0(&api)
        .ok()
        .filter(JsValue::is_truthy)
        .map(|_| api)
}

/// Calls `name` on the bridge with `args`, and waits for the promise it returns.
async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let api = bridge().ok_or_else(|| JsValue::from_str("no service worker"))?;
    let f = js_sys::Reflect::get(&api, &name.into())?.dyn_into::<js_sys::Function>()?;
    let promise = f.apply(&api, &args.iter().collect::<js_sys::Array>())?;
    JsFuture::from(js_sys::Promise::from(promise)).await
}

/// `bytes` for people: `840 KB`, `2.3 MB`.
pub fn format_bytes(bytes: f64) -> String {
    if bytes < 1024.0 * 1024.0 {
        format!("{} KB", (bytes / 1024.0).ceil() as u64)
    } else {
        format!("{:.1} MB", bytes / (1024.0 * 1024.0))
    }
}

/// What saving a post takes, from `content/_papershelf/offline.json` (written by
/// `papershelf index`): its bytes with its files', by path.
type Sizes = std::collections::HashMap<String, f64>;

async fn sizes(base: &str) -> Option<Sizes> {
    let json = api::fetch_json(&format!("{base}{}", papershelf_core::index::OFFLINE_FILE))
        .await
        .ok()?;
    let posts = js_sys::Reflect::get(&json, &"posts".into()).ok()?;
    let mut out = Sizes::new();
    for key in js_sys::Object::keys(posts.dyn_ref::<js_sys::Object>()?) {
        let path = key.as_string()?;
        let entry = js_sys::Reflect::get(&posts, &key).ok()?;
        let bytes = js_sys::Reflect::get(&entry, &"bytes".into())
            .ok()?
            .as_f64()?;
        out.insert(path, bytes);
    }
    Some(out)
}

/// Where saving stands.
#[derive(Debug, Clone, PartialEq)]
enum Saving {
    Idle,
    Running { done: u32, total: u32 },
    Said(String),
}

/// The footer's "Offline reading" section (nothing without a service worker).
#[component]
pub fn OfflineControls() -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    let ready = RwSignal::new(bridge().is_some());
    // The worker takes control a moment after the first visit's first paint.
    let listener =
        window_event_listener_untyped("papershelf-worker", move |_| ready.set(bridge().is_some()));
    on_cleanup(move || listener.remove());
    let open = RwSignal::new(false);
    let sizes: RwSignal<Option<Sizes>> = RwSignal::new(None);
    let used: RwSignal<Option<f64>> = RwSignal::new(None);
    let saving = RwSignal::new(Saving::Idle);
    let measure = move || {
        leptos::task::spawn_local(async move {
            if let Ok(bytes) = call("bytes", &[]).await {
                used.try_set(bytes.as_f64());
            }
        })
    };
    Effect::new(move || {
        if ready.get() && open.get() && sizes.get_untracked().is_none() {
            let base = shelf.content_base.get_value();
            leptos::task::spawn_local(async move {
                sizes.try_set(self::sizes(&base).await);
            });
            measure();
        }
    });
    // The posts a save takes: those the list shows under its filter, else all.
    let chosen = Memo::new(move |_| {
        let filter = match shelf.route.get() {
            Route::Home(f) => f,
            _ => Filter::default(),
        };
        shelf.library.with(|l| match l {
            Load::Ready(lib) => {
                let items = lib.catalog.filter_posts(&filter).items;
                let paths: Vec<String> = items
                    .iter()
                    .filter_map(|&i| lib.index.posts.get(i).map(|p| p.path.clone()))
                    .collect();
                (paths, filter != Filter::default())
            }
            _ => (Vec::new(), false),
        })
    });
    let size = move || {
        let (paths, _) = chosen.get();
        sizes.with(|s| {
            s.as_ref()
                .map(|s| paths.iter().filter_map(|p| s.get(p)).sum::<f64>())
        })
    };
    let save = move |_| {
        let (paths, _) = chosen.get_untracked();
        let total = paths.len() as u32;
        saving.set(Saving::Running { done: 0, total });
        leptos::task::spawn_local(async move {
            let progress = Closure::<dyn Fn(f64, f64)>::new(move |done: f64, total: f64| {
                saving.try_set(Saving::Running {
                    done: done as u32,
                    total: total as u32,
                });
            });
            let list: js_sys::Array = paths.iter().map(|p| JsValue::from_str(p)).collect();
            let result = call("save", &[list.into(), progress.as_ref().clone()]).await;
            drop(progress);
            let said = match result {
                Ok(answer) => {
                    let field = |name: &str| {
                        js_sys::Reflect::get(&answer, &name.into())
                            .ok()
                            .and_then(|v| v.as_f64())
                            .unwrap_or(0.0) as u32
                    };
                    match (field("posts"), field("failed")) {
                        (n, 0) => messages::count("offline.saved", n as usize),
                        (n, failed) => messages::format(
                            "offline.partly",
                            &[("n", &n.to_string()), ("failed", &failed.to_string())],
                        ),
                    }
                }
                Err(_) => t("offline.no-worker").to_string(),
            };
            saving.try_set(Saving::Said(said));
            measure();
        });
    };
    let remove = move |_| {
        leptos::task::spawn_local(async move {
            let said = match call("remove", &[]).await {
                Ok(freed) => messages::format(
                    "offline.removed",
                    &[(
                        "size",
                        &format_bytes(freed.as_f64().unwrap_or(0.0).max(0.0)),
                    )],
                ),
                Err(_) => t("offline.not-removed").to_string(),
            };
            saving.try_set(Saving::Said(said));
            measure();
        });
    };

    let body = move || {
        open.get().then(|| {
            let (paths, filtered) = chosen.get();
            let n = paths.len() as u32;
            let about = size()
                .map(|b| messages::format("offline.about", &[("size", &format_bytes(b))]))
                .unwrap_or_default();
            let offer = messages::messages().count(
                if filtered { "offline.shown" } else { "offline.all" },
                n as usize,
                &[("about", &about)],
            );
            let running = matches!(saving.get(), Saving::Running { .. });
            view! {
                    <p>
                        <button type="button" class="save-offline" disabled=running || n == 0 on:click=save>
                            {offer}
                        </button>
                        " "
                        <button type="button" class="remove-offline" disabled=running on:click=remove>
                            {t("offline.remove")}
                        </button>
                        {move || used.get().map(|b| messages::format("offline.used", &[("size", &format_bytes(b))]))}
                    </p>
                    {move || match saving.get() {
                        Saving::Idle => ().into_any(),
                        Saving::Running { done, total } => view! {
                            <p class="offline-progress">
                                <progress max=total value=done aria-label=t("offline.saving")></progress>
                                {messages::format("offline.progress", &[("done", &done.to_string()), ("total", &total.to_string())])}
                            </p>
                        }
                        .into_any(),
                        Saving::Said(text) => view! { <p class="offline-status" role="status">{text}</p> }.into_any(),
                    }}
            }
        })
    };
    move || {
        ready.get().then(|| {
            view! {
                <details class="offline" on:toggle=move |ev| {
                    let now = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                        .is_some_and(|d| d.open());
                    open.set(now);
                }>
                    <summary>{t("offline")}</summary>
                    {body}
                </details>
            }
        })
    }
}
