//! What is new since the reader's last visit. A visit keeps, in local
//! storage under the site's scope, the newest date the site had and the
//! posts of that date; the next visit reads it as its baseline once, at its
//! start, and keeps it in session storage, so marks stay while the reader
//! browses and reloads. Posts dated after the baseline (or on its date and
//! not among its posts) are new; a paper is new when a new post reviews it.
//! A first visit, or a browser that keeps nothing, marks nothing.

use papershelf_core::catalog::Paper;
use papershelf_core::post::Post;
use papershelf_core::since::Baseline;
use std::cell::RefCell;

/// The attribute on a new post's or paper's list item.
pub const NEW_ATTR: &str = "data-new";

thread_local! {
    /// This visit's baseline, once read: `Some(None)` on a first visit.
    static BASELINE: RefCell<Option<Option<Baseline>>> = const { RefCell::new(None) };
    /// How many posts are new, among those last counted ([`count`]).
    static NEW: RefCell<Option<usize>> = const { RefCell::new(None) };
}

/// The storage key, `papershelf <scope> visit`, as the theme's.
fn key() -> String {
    crate::theme::storage_key().replace(" theme", " visit")
}

/// Begins the visit, once per page (later calls only read): takes this
/// visit's baseline (from session storage if the visit began on an earlier
/// page of it, else what local storage kept of the last visit) and keeps
/// what `posts` (the site's posts, newest first) show now for the next one.
/// Nothing is marked where storage cannot be used.
pub fn begin<'a>(posts: impl IntoIterator<Item = &'a Post>) {
    if BASELINE.with(|b| b.borrow().is_some()) {
        return;
    }
    let window = web_sys::window();
    let local = window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten());
    let session = window
        .as_ref()
        .and_then(|w| w.session_storage().ok().flatten());
    let (Some(local), Some(session)) = (local, session) else {
        BASELINE.with(|b| *b.borrow_mut() = Some(None));
        return;
    };
    // Storage that throws on use (blocked, full) keeps nothing: nothing is new.
    let key = key();
    let baseline = match session.get_item(&key) {
        Ok(Some(kept)) => Baseline::parse(&kept),
        Ok(None) => {
            let last = local.get_item(&key).ok().flatten();
            // Kept for the rest of this visit: "" when this is the first.
            let _ = session.set_item(&key, last.as_deref().unwrap_or(""));
            last.as_deref().and_then(Baseline::parse)
        }
        Err(_) => None,
    };
    let posts: Vec<&Post> = posts.into_iter().collect();
    if let Some(now) = Baseline::of(posts.iter().copied()) {
        let _ = local.set_item(&key, &now.to_text());
    }
    BASELINE.with(|b| *b.borrow_mut() = Some(baseline));
    count(posts);
}

/// Counts the new posts among `posts` (the first view has the first few;
/// the app, once it has the index, every post): what [`new_count`] says.
pub fn count<'a>(posts: impl IntoIterator<Item = &'a Post>) {
    let n = posts.into_iter().filter(|p| is_new(p)).count();
    NEW.with(|c| *c.borrow_mut() = Some(n));
}

/// How many posts are new since the last visit, once counted.
pub fn new_count() -> Option<usize> {
    NEW.with(|c| *c.borrow())
}

/// Whether the visit has begun ([`begin`]).
pub fn begun() -> bool {
    BASELINE.with(|b| b.borrow().is_some())
}

/// Whether `post` is new since the last visit.
pub fn is_new(post: &Post) -> bool {
    BASELINE.with(|b| {
        b.borrow()
            .as_ref()
            .and_then(Option::as_ref)
            .is_some_and(|b| b.is_new(&post.path, &post.date))
    })
}

/// Whether `paper` is new since the last visit: a new post reviews it.
pub fn is_new_paper(paper: &Paper) -> bool {
    BASELINE.with(|b| {
        b.borrow()
            .as_ref()
            .and_then(Option::as_ref)
            .is_some_and(|b| {
                paper
                    .reviews
                    .iter()
                    .any(|r| b.is_new(&r.post_path, &r.date))
            })
    })
}
