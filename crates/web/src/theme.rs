//! The reader's theme choice, remembered in local storage. The app's toggle
//! changes it; the first view only reads it, so it opens in the same colours.

/// Where the choice is kept in local storage: `papershelf <scope> theme`,
/// the scope being the folder of the site's root page (as `www/first-view.js`
/// names it), so sites sharing an origin keep a choice each.
pub fn storage_key() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    format!("papershelf {} theme", scope_of(&base))
}

/// The path of the folder of `url` (`http://h/a/docs/x?y` → `/a/docs/`), as
/// `new URL('./', url).pathname` gives it.
fn scope_of(url: &str) -> &str {
    let url = url.split(['?', '#']).next().unwrap_or("");
    let path = match url.find("://") {
        Some(i) => url[i + 3..].find('/').map_or("/", |p| &url[i + 3 + p..]),
        None => "/",
    };
    &path[..path.rfind('/').map_or(0, |i| i + 1).max(1)]
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_scope_is_the_folder_of_the_page() {
        for (url, scope) in [
            ("http://127.0.0.1:8080/", "/"),
            ("https://you.github.io/reviews/", "/reviews/"),
            (
                "https://you.github.io/reviews/index.html?x=/y#/post/a",
                "/reviews/",
            ),
            ("https://you.github.io", "/"),
            ("", "/"),
        ] {
            assert_eq!(super::scope_of(url), scope, "{url}");
        }
    }
}

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
    /// The stored choice (system if none, or if storage is unavailable).
    pub fn stored() -> Choice {
        let stored = storage().and_then(|s| s.get_item(&storage_key()).ok().flatten());
        match stored.as_deref() {
            Some("light") => Choice::Light,
            Some("dark") => Choice::Dark,
            _ => Choice::System,
        }
    }

    /// Remembers this choice.
    pub fn store(self) {
        if let Some(s) = storage() {
            let _ = match self.attr() {
                Some(v) => s.set_item(&storage_key(), v),
                None => s.remove_item(&storage_key()),
            };
        }
    }

    /// The `data-theme` attribute value (none for the system setting).
    pub fn attr(self) -> Option<&'static str> {
        match self {
            Choice::System => None,
            Choice::Light => Some("light"),
            Choice::Dark => Some("dark"),
        }
    }

    /// The choice after this one: system → light → dark → system.
    pub fn next(self) -> Choice {
        match self {
            Choice::System => Choice::Light,
            Choice::Light => Choice::Dark,
            Choice::Dark => Choice::System,
        }
    }

    /// The toggle's accessible name, in the site's language.
    pub fn label(self) -> &'static str {
        crate::messages::t(match self {
            Choice::System => "theme.system",
            Choice::Light => "theme.light",
            Choice::Dark => "theme.dark",
        })
    }

    /// The toggle's symbol.
    pub fn glyph(self) -> &'static str {
        match self {
            Choice::System => "◐",
            Choice::Light => "☀",
            Choice::Dark => "☾",
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
