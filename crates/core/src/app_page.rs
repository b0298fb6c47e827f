//! The app's page, `index.html`, written whole in one place: from what the
//! build made ([`Build`], which `scripts/post-build.mjs` keeps in
//! [`BUILD_FILE`]) and the site's settings (`papershelf.toml`). `papershelf
//! publish` writes it, during every build and again with the site's URL;
//! every post page starts from it (`page::post_page`).
//!
//! What it holds, top to bottom: the site's language, name and description;
//! the icons and the manifest; the lists module that draws the first view
//! (named in `<meta name="papershelf-lists">`, preloaded on a first visit
//! from a `<template>`); the style sheet inline (and as a file, in a
//! `<template>`, for a Content-Security-Policy that refuses the inline one);
//! the boot module; with the site's URL, where the post pages are and the
//! feeds; then the messages for readers without JavaScript or while the app
//! loads, and the one inline script (`www/boot/inline.js`, bundled).

use crate::context::{Context, CONTEXT_ID};
use crate::feed::{pages_url, xml_text};
use crate::site::Site;
use serde::{Deserialize, Serialize};

/// Where the build keeps [`Build`], in the built site.
pub const BUILD_FILE: &str = "papershelf-build.json";

/// What the description says when the site gives none.
const DEFAULT_DESCRIPTION: &str = "A paper-review journal: posts reviewing papers, every paper reviewed, searchable by tag and by what the reviews say.";

/// A wasm module the page names: its glue and its wasm, as built (hashed names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Module {
    /// The JavaScript glue.
    pub js: String,
    /// The WebAssembly.
    pub wasm: String,
}

/// The style sheet: its file, that file's integrity hash, and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Style {
    /// The hashed file (`style-<hash>.css`).
    pub file: String,
    /// Its Subresource Integrity hash (`sha384-…`).
    pub integrity: String,
    /// Its text, put inline in the page.
    pub text: String,
}

/// What the build made that the app's page names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Build {
    /// The boot module (`www/boot/main.js` bundled, `boot-<hash>.js`).
    pub boot: String,
    /// The lists module, which draws the first view.
    pub lists: Module,
    /// The style sheet.
    pub style: Style,
    /// The inline script's text (`www/boot/inline.js` bundled).
    pub inline: String,
    /// Under `trunk serve`, Trunk's own script that reloads the page when it
    /// has built again (none in a release build).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reload: Option<String>,
}

/// Why a [`Build`] cannot go into a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsafe(pub String);

impl std::fmt::Display for Unsafe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A file name of the build, checked to be one: no quote, angle bracket or
/// space can reach an attribute.
fn file_name(name: &str) -> Result<&str, Unsafe> {
    let plain = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if plain {
        Ok(name)
    } else {
        Err(Unsafe(format!(
            "{BUILD_FILE}: `{name}` is not a file name of the build; build the site again (make dist)"
        )))
    }
}

/// `index.html` for `site` from `build`. Fails when `build` holds what
/// would end its element early (a file name that is not one, `</style` in
/// the style sheet, `</script` in the inline script).
pub fn index_page(build: &Build, site: &Site) -> Result<String, Unsafe> {
    let context = Context {
        papers: site.papers.clone(),
        ..Context::default()
    };
    index_page_with(build, site, &context)
}

/// [`index_page`], with the site's `context` (its paper folders, authors
/// and tags) for the browser to parse posts in, when it is not the default.
pub fn index_page_with(build: &Build, site: &Site, context: &Context) -> Result<String, Unsafe> {
    let a = xml_text;
    let boot = file_name(&build.boot)?;
    let (lists_js, lists_wasm) = (file_name(&build.lists.js)?, file_name(&build.lists.wasm)?);
    let css = file_name(&build.style.file)?;
    let integrity = a(&build.style.integrity);
    let reload = build.reload.as_deref().unwrap_or_default();
    for (text, end, what) in [
        (build.style.text.as_str(), "</style", "the style sheet"),
        (build.inline.as_str(), "</script", "the inline script"),
        (reload, "</script", "Trunk's reload script"),
    ] {
        if text.to_ascii_lowercase().contains(end) {
            return Err(Unsafe(format!(
                "{BUILD_FILE}: {what} holds `{end}`, which would end its element early"
            )));
        }
    }
    let description = if site.description.trim().is_empty() {
        DEFAULT_DESCRIPTION
    } else {
        site.description.trim()
    };
    let title = a(&site.title);
    let says = site.messages();
    let site_name = [("site", site.title.as_str())];
    let mut page = format!(
        "<!doctype html>
<html lang=\"{lang}\">
<head>
  <meta charset=\"utf-8\">
  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
  <meta name=\"color-scheme\" content=\"light dark\">
  <title>{title}</title>
  <meta name=\"application-name\" content=\"{title}\">
  <meta name=\"description\" content=\"{description}\">
  <link rel=\"icon\" href=\"data:,\">
  <link rel=\"manifest\" href=\"manifest.webmanifest\">
  <link rel=\"apple-touch-icon\" href=\"icons/icon-192.png\">
  <meta name=\"theme-color\" content=\"#fbfbf9\" media=\"(prefers-color-scheme: light)\">
  <meta name=\"theme-color\" content=\"#151517\" media=\"(prefers-color-scheme: dark)\">
  <script type=\"application/json\" id=\"papershelf-messages\">{messages}</script>
  <meta name=\"papershelf-lists\" content=\"./{lists_js}\" data-wasm=\"./{lists_wasm}\">
  <template id=\"papershelf-first-visit\">
    <link rel=\"modulepreload\" href=\"./{lists_js}\" data-first-visit>
    <link rel=\"preload\" as=\"fetch\" href=\"./{lists_wasm}\" crossorigin data-first-visit>
  </template>
  <style id=\"papershelf-style\">{style}</style>
  <template id=\"papershelf-style-file\"><link rel=\"stylesheet\" href=\"./{css}\" integrity=\"{integrity}\"></template>
  <script type=\"module\" src=\"./{boot}\" id=\"papershelf-boot\"></script>
",
        lang = a(&site.language),
        description = a(description),
        style = build.style.text.trim(),
        messages = messages_json(&says),
    );
    if *context != Context::default() {
        // The browser parses posts in the site's context (papershelf_web::context).
        let json = serde_json::to_string(context)
            .unwrap_or_else(|_| "{}".into())
            .replace('<', "\\u003c");
        page +=
            &format!("  <script type=\"application/json\" id=\"{CONTEXT_ID}\">{json}</script>\n");
    }
    if let Some(url) = &site.url {
        let pages = a(&pages_url(url, &site.route_base));
        page += &format!(
            "  <meta name=\"papershelf-pages\" content=\"{pages}\">
  <link rel=\"alternate\" type=\"application/atom+xml\" title=\"{title} (Atom)\" href=\"atom.xml\">
  <link rel=\"alternate\" type=\"application/rss+xml\" title=\"{title} (RSS)\" href=\"rss.xml\">
  <link rel=\"alternate\" type=\"application/feed+json\" title=\"{title} (JSON Feed)\" href=\"feed.json\">
"
        );
    }
    page += &format!(
        "</head>
<body>
  <noscript><p class=\"boot-message\">{noscript}</p></noscript>
  <p id=\"boot\" class=\"boot-message\" role=\"status\">{loading}</p>
  <script nomodule src=\"nomodule.js\"></script>
<script>{inline}</script>{reload}
</body>
</html>
",
        noscript = a(&says.format("noscript", &site_name)),
        loading = a(&says.format("loading.app", &site_name)),
        inline = build.inline.trim(),
        reload = if reload.is_empty() {
            String::new()
        } else {
            format!("\n<script>{}</script>", reload.trim())
        },
    );
    Ok(page)
}

/// `messages` as the JSON the page holds in `<script type="application/json">`
/// (and `content/_papershelf/messages.json`): an object of texts by key,
/// with `<` written `\u003c`, so no text can end the element.
pub fn messages_json(messages: &crate::messages::Messages) -> String {
    serde_json::to_string(messages.texts())
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build() -> Build {
        Build {
            boot: "boot-1.js".into(),
            lists: Module {
                js: "papershelf-lists-2.js".into(),
                wasm: "papershelf-lists-2_bg.wasm".into(),
            },
            style: Style {
                file: "style-3.css".into(),
                integrity: "sha384-abc".into(),
                text: "body{margin:0}\n".into(),
            },
            inline: "(()=>{})();".into(),
            reload: None,
        }
    }

    #[test]
    fn the_page_names_the_build_and_the_site() {
        let site = Site {
            title: "논문 <노트>".into(),
            language: "en".into(),
            ..Site::default()
        };
        let page = index_page(&build(), &site).unwrap();
        assert!(page.starts_with("<!doctype html>\n<html lang=\"en\">"));
        assert!(page.contains("<title>논문 &lt;노트&gt;</title>"));
        assert!(page.contains("<meta name=\"application-name\" content=\"논문 &lt;노트&gt;\">"));
        assert!(page.contains(DEFAULT_DESCRIPTION));
        assert!(page.contains("<style id=\"papershelf-style\">body{margin:0}</style>"));
        assert!(page.contains(
            "<meta name=\"papershelf-lists\" content=\"./papershelf-lists-2.js\" data-wasm=\"./papershelf-lists-2_bg.wasm\">"
        ));
        assert!(page.contains(
            "<script type=\"module\" src=\"./boot-1.js\" id=\"papershelf-boot\"></script>"
        ));
        assert!(page.contains("<script>(()=>{})();</script>\n</body>"));
        // Under `trunk serve`, Trunk's reload script comes last.
        let served = index_page(
            &Build {
                reload: Some("reload()".into()),
                ..build()
            },
            &site,
        )
        .unwrap();
        assert!(served.contains("<script>(()=>{})();</script>\n<script>reload()</script>\n</body>"));
        assert!(
            !page.contains("papershelf-pages"),
            "no URL, no pages or feeds"
        );
        assert!(!page.contains("application/atom+xml"));
    }

    #[test]
    fn with_the_sites_url_it_links_the_feeds_and_says_where_the_pages_are() {
        let site = Site {
            url: Some("https://kim.github.io/reviews/".into()),
            ..Site::default()
        };
        let page = index_page(&build(), &site).unwrap();
        assert!(page.contains(
            "<meta name=\"papershelf-pages\" content=\"https://kim.github.io/reviews/docs/\">"
        ));
        let feeds = page.matches("rel=\"alternate\"").count();
        assert_eq!(feeds, 3);
        assert!(page.find("atom.xml").unwrap() < page.find("</head>").unwrap());
    }

    #[test]
    fn the_page_holds_the_sites_context_when_it_is_its_own() {
        let page = index_page(&build(), &Site::default()).unwrap();
        assert!(!page.contains(CONTEXT_ID), "the default goes unsaid");
        let site = Site {
            papers: crate::post::PaperFolders(vec!["docs/</script>/".into()]),
            ..Site::default()
        };
        let page = index_page(&build(), &site).unwrap();
        assert!(page.contains(
            "<script type=\"application/json\" id=\"papershelf-site\">{\"papers\":[\"docs/\\u003c/script>/\"]}</script>"
        ), "{page}");
    }

    #[test]
    fn the_page_speaks_the_sites_language_and_holds_its_messages() {
        let site = Site {
            title: "노트".into(),
            language: "ko-KR".into(),
            messages: [("skip".to_string(), "</script><b>건너뛰기".to_string())].into(),
            ..Site::default()
        };
        let page = index_page(&build(), &site).unwrap();
        assert!(page.contains("<html lang=\"ko-KR\">"));
        assert!(page.contains("노트 불러오는 중…"));
        assert!(page.contains("JavaScript와 WebAssembly가 필요합니다"));
        let marker = "id=\"papershelf-messages\">";
        let start = page.find(marker).unwrap() + marker.len();
        let json = &page[start..start + page[start..].find("</script>").unwrap()];
        let texts: std::collections::BTreeMap<String, String> = serde_json::from_str(json).unwrap();
        assert_eq!(texts["skip"], "</script><b>건너뛰기");
        assert_eq!(texts["nav.papers"], "논문");
        assert_eq!(
            page.matches("</script>").count(),
            4,
            "the message did not end its element"
        );
    }

    #[test]
    fn what_would_end_its_element_early_is_refused() {
        let mut b = build();
        b.inline = "a='</SCRIPT>'".into();
        assert!(index_page(&b, &Site::default())
            .unwrap_err()
            .0
            .contains("</script"));
        let mut b = build();
        b.style.text = "</style><script>x()</script>".into();
        assert!(index_page(&b, &Site::default()).is_err());
        let mut b = build();
        b.boot = "boot.js\" onload=\"x()".into();
        assert!(index_page(&b, &Site::default())
            .unwrap_err()
            .0
            .contains("not a file name"));
    }
}
