//! `#/paper/<key>`: one reviewed paper: its title, its org, links to its
//! abstract, PDF and Hugging Face page, its BibTeX, and every review of it,
//! newest first, each with the review's first lines (read from the post).

use super::not_found::with_code;
use super::when_loaded;
use crate::{api, Shelf};
use leptos::prelude::*;
use papershelf_core::bibtex;
use papershelf_core::catalog::Paper;
use papershelf_core::doc::post_hash;
use papershelf_core::mdx::Partials;
use papershelf_core::paper_id::sources;
use papershelf_core::post::Post;
use papershelf_core::sections::entry_lead;
use papershelf_web::header::tag_href;
use papershelf_web::messages::{self, t};

/// How many characters of a review a paper page shows.
const LEAD_CHARS: usize = 180;

/// The paper page.
#[component]
pub fn PaperPage(
    /// The paper's key (`papershelf_core::paper_id::key`).
    key: String,
) -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    shelf.set_title(t("title.papers"));
    when_loaded("loading.paper", move |lib| match lib.catalog.paper(&key) {
        Some(paper) => {
            shelf.set_title(&paper.title);
            view! { <PaperView paper=paper.clone()/> }.into_any()
        }
        None => view! { <PaperNotFound key=key.clone()/> }.into_any(),
    })
}

#[component]
fn PaperView(
    /// The paper, with every review of it.
    paper: Paper,
) -> impl IntoView {
    let shelf = expect_context::<Shelf>();
    let bib = bibtex::entry(&paper.title, paper.url.as_deref());
    let count = messages::count("paper.reviews", paper.reviews.len());
    // Each review's first lines, as its post comes in (none if it cannot be read).
    let leads = RwSignal::new(vec![None::<String>; paper.reviews.len()]);
    for (i, review) in paper.reviews.iter().enumerate() {
        let (base, path, anchor) = (
            shelf.content_base.get_value(),
            review.post_path.clone(),
            review.anchor.clone(),
        );
        leptos::task::spawn_local(async move {
            let (file, text) = api::fetch_post_file(&base, &path).await;
            let Ok(text) = text else { return };
            let parsed =
                Post::parse_full(&file, &text, crate::context::context(), &Partials::new());
            let lead = entry_lead(&parsed, &anchor, LEAD_CHARS).filter(|l| !l.is_empty());
            leads.try_update(|all| all[i] = lead);
        });
    }
    let reviews = paper
        .reviews
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let href = post_hash(&r.post_path, Some(&r.anchor));
            let day = messages::date(&r.date, false);
            let lead = move || {
                leads
                    .with(|all| all[i].clone())
                    .map(|l| view! { <p class="review-lead">{l}</p> })
            };
            view! {
                <li class="paper-review">
                    <time class="date" datetime=r.date.clone()>{day}</time>
                    <a class="review-post" href=href>{r.post_title.clone()}</a>
                    {lead}
                </li>
            }
        })
        .collect_view();
    view! {
        <article class="paper-page">
            <p class="back"><a class="back" href="#/papers">{t("back.papers")}</a></p>
            <h1 class="page-title">{paper.title.clone()}</h1>
            {paper.subtitle.clone().map(|s| view! { <p class="paper-subtitle">{s}</p> })}
            <div class="paper-tags">
                {paper.tags.iter().map(|tag| view! { <a class="tag" href=tag_href(tag)>{tag.clone()}</a> }).collect_view()}
            </div>
            <ul class="paper-sources">
                {sources(paper.url.as_deref())
                    .into_iter()
                    .map(|(label, url)| view! {
                        <li><a href=url target="_blank" rel="noopener noreferrer">{t(label)}</a></li>
                    })
                    .collect_view()}
            </ul>
            <Bibtex text=bib label="bibtex"/>
            <h2 class="paper-reviews-title">{count}</h2>
            <ol class="paper-reviews">{reviews}</ol>
        </article>
    }
}

/// A "BibTeX" button that shows `text` in a box to copy from, with a copy
/// button (the boot code's copy listener, `www/boot/copy.js`, copies it).
#[component]
pub fn Bibtex(
    /// The BibTeX entries.
    text: String,
    /// The message key of the button's label.
    label: &'static str,
) -> impl IntoView {
    view! {
        <details class="bibtex">
            <summary>{t(label)}</summary>
            <pre class="bibtex-text" tabindex="0"><code>{text.clone()}</code></pre>
            <button type="button" class="copy-bibtex" data-copy=text data-copy-status="bibtex.copied">
                {t("bibtex.copy")}
            </button>
        </details>
    }
}

/// A key no reviewed paper has.
#[component]
fn PaperNotFound(
    /// The key asked for.
    key: String,
) -> impl IntoView {
    expect_context::<Shelf>().set_title(t("paper.missing"));
    view! {
        <section class="not-found" role="alert">
            <h1>{t("paper.missing")}</h1>
            <p>{with_code(t("paper.missing.text"), "key", key)}</p>
            <p><a href="#/papers">{t("back.papers")}</a></p>
        </section>
    }
}
