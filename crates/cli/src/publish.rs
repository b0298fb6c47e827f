//! `papershelf publish SITE_DIR`: a built site's page (`index.html`, from
//! what the build made: `papershelf-build.json`) and post pages, and with its
//! public address its feeds, sitemap and `robots.txt`, from the content it
//! holds (`SITE_DIR/content`, indexed by the build). The build runs it
//! (scripts/post-build.mjs); run again with `--site-url`, it writes the same
//! files for that address. A release build's drafts (`draft: true`) leave it.

use crate::outputs::{self, CONTENT};
use crate::preview::Previews;
use crate::source::{read_text, write_if_changed, Source};
use papershelf_core::app_page::{Build, BUILD_FILE};
use papershelf_core::site;
use std::path::Path;
use std::process::ExitCode;

/// Runs `papershelf publish SITE_DIR [--site-url URL] [--cache DIR]`.
pub fn run(
    site_dir: &Path,
    site_url: Option<&str>,
    cache: Option<&Path>,
) -> Result<ExitCode, String> {
    let content = site_dir.join("content");
    let built = site_dir.join(BUILD_FILE);
    let build: Build = read_text(&built)
        .map_err(|e| format!("{e}; SITE_DIR is a built site (run `make dist` and publish dist/)"))
        .and_then(|text| {
            serde_json::from_str(&text).map_err(|e| {
                format!(
                    "{}:{}: {e}; build the site again (make dist)",
                    built.display(),
                    e.line()
                )
            })
        })?;
    let mut source = Source::read(&content)?;
    for d in &source.site_problems {
        eprintln!("{}:{d}", content.join(site::FILE).display());
    }
    if let Some(url) = site_url {
        source.site.url = Some(site::check_url(url).map_err(|why| format!("--site-url: {why}"))?);
    }
    // A release build publishes no drafts, as Docusaurus builds none: their
    // files leave the built site (under `trunk serve`, which carries Trunk's
    // reload script, the author still reads them).
    if build.reload.is_none() {
        for parsed in source.posts.iter().filter(|p| p.post.draft) {
            let file = content.join(&parsed.post.path);
            if file.is_file() {
                std::fs::remove_file(&file)
                    .map_err(|e| format!("cannot remove the draft {}: {e}", file.display()))?;
            }
        }
    }
    // Preview images need the site's address (og:image is absolute) and a Korean font.
    let previews = match &source.site.url {
        Some(_) => match Previews::find(cache) {
            Ok(p) => Some(p),
            Err(why) => {
                eprintln!("papershelf: {why}; the posts' own images are their previews meanwhile");
                None
            }
        },
        None => None,
    };
    let files = outputs::site(&source, Some(&build), previews.as_ref())?;
    let (mut pages, mut papers) = (0, 0);
    for file in files.iter().filter(|f| !f.path.starts_with(CONTENT)) {
        let path = site_dir.join(&file.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        }
        write_if_changed(&path, &file.bytes)?;
        let page = file.path.ends_with("/index.html");
        let paper = file.path.starts_with("paper/");
        pages += usize::from(page && !paper);
        papers += usize::from(page && paper);
    }
    let site = &source.site;
    let Some(url) = &site.url else {
        eprintln!(
            "papershelf: wrote {pages} post pages and {papers} paper pages; no feeds, sitemap or \
             preview images: they need the site's public address. Set `url` in the content folder's {} (url = \"https://you.github.io/reviews/\"), \
             or pass --site-url (make dist SITE_URL=https://…)",
            site::FILE
        );
        return Ok(ExitCode::SUCCESS);
    };
    eprintln!(
        "papershelf: wrote {pages} post pages, {papers} paper pages{}, sitemap.xml, robots.txt, and \
         atom.xml, rss.xml, feed.json ({} posts) and a feed per tag (tags/<tag>/atom.xml) for {url}",
        if previews.is_some() {
            " with their preview images"
        } else {
            ""
        },
        if site.feed_limit == 0 {
            pages
        } else {
            site.feed_limit.min(pages)
        }
    );
    Ok(ExitCode::SUCCESS)
}
