//! Every file papershelf writes for a site, computed from what was read
//! ([`Source`]) by one pure function, [`site`]: `index` writes the content
//! folder's part of it, `publish` the rest, and the tests check the whole.

use crate::preview::{self, Card, Previews};
use crate::source::Source;
use papershelf_core::app_page::{index_page_with, Build};
use papershelf_core::catalog::Catalog;
use papershelf_core::citations;
use papershelf_core::feed;
use papershelf_core::front::Front;
use papershelf_core::index::{
    Index, CONTEXT_FILE, FRONT_FILE, MESSAGES_FILE, OFFLINE_FILE, SEARCH_DIR,
};
use papershelf_core::page;
use papershelf_core::paper_page;
use papershelf_core::post::{ParsedPost, Post};
use papershelf_core::site::Site;

/// Where the content folder is in a built site.
pub const CONTENT: &str = "content/";

/// One file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Its path from the site's root, with `/` (the content folder's files
    /// under [`CONTENT`]).
    pub path: String,
    /// What it holds.
    pub bytes: Vec<u8>,
    /// Named by its bytes (a search index piece): a file of that name is
    /// this file already.
    pub named_by_bytes: bool,
}

impl Output {
    fn new(path: String, bytes: impl Into<Vec<u8>>) -> Output {
        Output {
            path,
            bytes: bytes.into(),
            named_by_bytes: false,
        }
    }
}

/// Every file of the site made from `source`: the index and what goes
/// beside it in the content folder; with a `build` (what the app's build
/// made, `papershelf-build.json`), also the app's page `index.html` and the
/// post pages made from it, and with the site's URL (`source.site.url`)
/// the feeds, the sitemap and `robots.txt`.
/// With `previews` (and the site's URL), a preview image for each post and
/// paper page too.
pub fn site(
    source: &Source,
    build: Option<&Build>,
    previews: Option<&Previews>,
) -> Result<Vec<Output>, String> {
    site_timed(source, build, &mut Steps::default(), previews)
}

/// How long the steps of [`site`] took that `papershelf index --timings` names.
#[derive(Debug, Default)]
pub struct Steps {
    /// Finding who cites whom.
    pub cited: std::time::Duration,
}

/// [`site`], noting in `steps` how long its steps took; with `previews`
/// (and the site's URL), a preview image for each post and paper page.
pub fn site_timed(
    source: &Source,
    build: Option<&Build>,
    steps: &mut Steps,
    previews: Option<&Previews>,
) -> Result<Vec<Output>, String> {
    let mut index = Index::build_in(
        source
            .posts
            .iter()
            .zip(&source.texts)
            .map(|(p, text)| Post {
                hash: content_hash(text.as_bytes()),
                ..p.post.clone()
            }),
        &source.sidebar,
    );
    // Who cites whom, from the links the renderer resolved: each cited
    // post's count in the index, its citations in a file of its own.
    let started = std::time::Instant::now();
    let cited = citations::cited_by(&index.posts, &source.posts);
    steps.cited = started.elapsed();
    for post in &mut index.posts {
        post.cited = cited.get(&post.path).map_or(0, |c| c.len() as u32);
    }
    let indexed = indexed(&index, &source.posts, &source.texts);
    let mut out = vec![Output::new(
        format!("{CONTENT}index.json"),
        index_json(&index, &source.site).map_err(|e| e.to_string())?,
    )];
    let catalog = Catalog::new(&index);
    let front = Front::of(&index, &catalog);
    out.push(Output::new(
        format!("{CONTENT}{FRONT_FILE}"),
        to_json(&front)? + "\n",
    ));
    out.push(Output::new(
        format!("{CONTENT}{OFFLINE_FILE}"),
        offline_json(source, &indexed),
    ));
    out.push(Output::new(
        format!("{CONTENT}{CONTEXT_FILE}"),
        to_json(&source.context)? + "\n",
    ));
    out.push(Output::new(
        format!("{CONTENT}{MESSAGES_FILE}"),
        papershelf_core::app_page::messages_json(&source.site.messages()) + "\n",
    ));
    out.extend(search_index(&indexed)?);
    for (path, citations) in cited {
        let file = citations::Cited {
            version: citations::CITED_VERSION,
            citations,
        };
        out.push(Output::new(
            format!("{CONTENT}{}", papershelf_core::paths::cited_path(&path)),
            to_json(&file)? + "\n",
        ));
    }
    for Indexed { post, parsed, .. } in &indexed {
        let drawn = papershelf_core::tree::Drawn::of(post, parsed);
        out.push(Output::new(
            format!(
                "{CONTENT}{}",
                papershelf_core::paths::drawing_path(&post.path)
            ),
            to_json(&drawn)? + "\n",
        ));
    }
    if let Some(build) = build {
        let newest: Vec<&ParsedPost> = indexed.iter().map(|i| i.parsed).collect();
        out.extend(published(source, build, &newest, &catalog, previews)?);
    }
    Ok(out)
}

/// `value` as JSON.
fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}

/// The app's page and the post pages, and with the site's URL the feeds,
/// the sitemap and `robots.txt`.
fn published(
    source: &Source,
    build: &Build,
    newest: &[&ParsedPost],
    catalog: &Catalog,
    previews: Option<&Previews>,
) -> Result<Vec<Output>, String> {
    let site = &source.site;
    let html = index_page_with(build, site, &source.context).map_err(|e| e.to_string())?;
    let mut out = vec![Output::new("index.html".to_string(), html.clone())];
    if let Some(url) = &site.url {
        let all = feed::entries(
            &Site {
                feed_limit: 0,
                ..site.clone()
            },
            url,
            newest,
        );
        let limit = match site.feed_limit {
            0 => all.len(),
            n => n.min(all.len()),
        };
        let feeds = feed::feeds(site, url, &all[..limit]);
        for (name, text) in [
            ("atom.xml", feeds.atom),
            ("rss.xml", feeds.rss),
            ("feed.json", feeds.json),
        ] {
            out.push(Output::new(name.to_string(), text));
        }
        for (path, text) in feed::tag_feeds(site, url, &all, site.feed_limit) {
            out.push(Output::new(path, text));
        }
    }
    let url = site.url.as_deref();
    let says = site.messages();
    let mut pages = Vec::new();
    // Each post's preview image, drawn beside its page (else its own first image).
    let mut images: std::collections::HashMap<&str, page::PageImage> = Default::default();
    for parsed in newest {
        // A post's own `image:` wins; else its drawn preview.
        let own = own_image(source, parsed);
        let drawn = match (&own, previews, url) {
            (None, Some(p), Some(u)) => Some(drawn_preview(p, site, &says, u, parsed, &mut out)?),
            _ => None,
        };
        if let Some(image) = own.or(drawn).or_else(|| preview_image(source, parsed)) {
            images.insert(&parsed.post.path, image);
        }
    }
    for parsed in newest {
        let image = images.get(parsed.post.path.as_str());
        let page = page::post_page(&html, site, &says, url, parsed, image);
        out.push(Output::new(page::page_file(site, &parsed.post.path), page));
        if let Some(url) = url {
            pages.push((
                feed::page_url(url, &site.route_base, &parsed.post.path),
                parsed.post.date.clone(),
            ));
        }
    }
    // A post's other addresses (a blog post's date path, a `slug:`, a doc's
    // `id:`) get its page too, so a link written for the Docusaurus site
    // still opens it; never over another page, and never in the sitemap.
    let mut taken: std::collections::HashSet<String> = out.iter().map(|o| o.path.clone()).collect();
    for parsed in newest {
        for alias in &parsed.post.aliases {
            let file = page::page_file(site, alias);
            if !taken.insert(file.clone()) {
                continue;
            }
            let image = images.get(parsed.post.path.as_str());
            let page = page::post_page_at(&html, site, &says, url, parsed, image, alias);
            out.push(Output::new(file, page));
        }
    }
    // A page per paper, with each review's first lines.
    let by_path: std::collections::HashMap<&str, &ParsedPost> =
        newest.iter().map(|p| (p.post.path.as_str(), *p)).collect();
    for paper in catalog.papers() {
        let leads: Vec<Option<String>> = paper
            .reviews
            .iter()
            .map(|r| {
                let parsed = by_path.get(r.post_path.as_str())?;
                papershelf_core::sections::entry_lead(parsed, &r.anchor, 180)
                    .filter(|l| !l.is_empty())
            })
            .collect();
        // Its newest review's preview, which lists it among that post's papers:
        // a journal of 4,000 posts reviews some 24,000 papers, too many
        // images to draw and host one each.
        let image = paper
            .reviews
            .first()
            .and_then(|r| images.get(r.post_path.as_str()))
            .cloned();
        let html = paper_page::paper_page(&html, site, &says, url, paper, &leads, image.as_ref());
        out.push(Output::new(paper_page::paper_file(&paper.key), html));
        if let Some(url) = url {
            let newest = paper.reviews.first().map(|r| r.date.clone());
            pages.push((
                paper_page::paper_url(url, &paper.key),
                newest.unwrap_or_default(),
            ));
        }
    }
    if let Some(url) = url {
        out.push(Output::new(
            "sitemap.xml".to_string(),
            page::sitemap(&pages),
        ));
        out.push(Output::new("robots.txt".to_string(), page::robots(url)));
    }
    Ok(out)
}

/// The index as JSON with one post per line (see the README): still one JSON
/// document, and the browser can parse it a few lines at a time, so a large
/// index never blocks the page for long. The first line also holds the
/// site's `title`, `description` and `language` from `papershelf.toml`, which
/// the build writes into `index.html` (scripts/post-build.mjs).
fn index_json(index: &Index, site: &Site) -> Result<String, serde_json::Error> {
    let about = serde_json::json!({
        "title": site.title,
        "description": site.description,
        "language": site.language,
    });
    let mut out = format!(
        "{{\"version\":{},\"site\":{about},\"posts\":[\n",
        index.version
    );
    for (i, post) in index.posts.iter().enumerate() {
        out += &serde_json::to_string(post)?;
        out += if i + 1 < index.posts.len() {
            ",\n"
        } else {
            "\n"
        };
    }
    out += "]}\n";
    Ok(out)
}

/// A post file's content hash, as `index.json` gives it: the first 16 hex
/// digits of its SHA-256 (the boot code and the service worker compute the
/// same with SubtleCrypto: `www/boot/hash.js`, tested against the same
/// cases, `tests/rules/content-hash.json`).
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One post of the index (with its content hash), as read and parsed.
struct Indexed<'a> {
    post: &'a Post,
    parsed: &'a ParsedPost,
    text: &'a str,
}

/// The index's posts in its order, each with what was read and parsed of it.
fn indexed<'a>(index: &'a Index, posts: &'a [ParsedPost], texts: &'a [String]) -> Vec<Indexed<'a>> {
    let by_path: std::collections::HashMap<&str, (&ParsedPost, &String)> = posts
        .iter()
        .zip(texts)
        .map(|(p, t)| (p.post.path.as_str(), (p, t)))
        .collect();
    index
        .posts
        .iter()
        .filter_map(|post| {
            let (parsed, text) = by_path.get(post.path.as_str())?;
            Some(Indexed { post, parsed, text })
        })
        .collect()
}

/// `content/_papershelf/offline.json`: what "Save for offline" fetches for each indexed
/// post and how many bytes that is, the post with its files:
/// `{"version": 1, "posts": {"a/b.md": {"bytes": 48213, "files": ["a/asset/x.png"]}}}`.
/// Files missing from the folder are left out (`check` reports them).
fn offline_json(source: &Source, indexed: &[Indexed]) -> String {
    let mut out = serde_json::Map::new();
    for Indexed { post, parsed, text } in indexed {
        let mut bytes = text.len() as u64;
        let mut files = Vec::new();
        for file in parsed.files() {
            if let Some(found) = source.files.get(&file) {
                bytes += found.bytes;
                files.push(serde_json::Value::from(file));
            }
        }
        out.insert(
            post.path.clone(),
            serde_json::json!({ "bytes": bytes, "files": files }),
        );
    }
    serde_json::json!({ "version": 1, "posts": out }).to_string() + "\n"
}

/// How large a search index piece is, about: a query fetches a few.
const SEARCH_PIECE_BYTES: usize = 12 * 1024;

/// The search index for the `indexed` posts (in the index's order), in
/// [`SEARCH_DIR`]: the pieces and `manifest.json`, which names them.
fn search_index(indexed: &[Indexed]) -> Result<Vec<Output>, String> {
    use papershelf_core::search::index::{sections_of, Builder};
    let mut builder = Builder::default();
    for Indexed { parsed, .. } in indexed {
        builder.add_post(&sections_of(parsed));
    }
    let built = builder.finish(SEARCH_PIECE_BYTES);
    let mut out: Vec<Output> = built
        .pieces
        .into_iter()
        .map(|(file, bytes)| Output {
            path: format!("{CONTENT}{SEARCH_DIR}{file}"),
            bytes,
            named_by_bytes: true,
        })
        .collect();
    let manifest = to_json(&built.manifest)?;
    out.push(Output::new(
        format!("{CONTENT}{SEARCH_DIR}manifest.json"),
        manifest,
    ));
    Ok(out)
}

/// The preview image of a post page: the post's first image when it is a
/// PNG or JPEG in the content folder, else the site's `image`; absolute (so
/// only with a site URL), with its size when the file could be read.
/// Draws the preview of `parsed` (the site's title, the post's date, its
/// papers, else its title) into `out` beside its page; returns what its page
/// says of it.
fn drawn_preview(
    previews: &Previews,
    site: &Site,
    says: &papershelf_core::messages::Messages,
    url: &str,
    parsed: &ParsedPost,
    out: &mut Vec<Output>,
) -> Result<page::PageImage, String> {
    let post = &parsed.post;
    let lines: Vec<String> = if post.entries.is_empty() {
        vec![post.title.clone()]
    } else {
        post.entries
            .iter()
            .enumerate()
            .map(|(i, e)| format!("{}. {}", e.number.unwrap_or(i as u32 + 1), e.title))
            .collect()
    };
    let date = if post.date.is_empty() {
        String::new()
    } else {
        says.date(&post.date, true)
    };
    let card = Card {
        site: &site.title,
        subtitle: &date,
        lines: &lines,
        more: says.get("preview.more"),
    };
    let file = page::page_file(site, &post.path).replace("index.html", "preview.png");
    out.push(Output::new(file, previews.png(&card)?));
    Ok(page::PageImage {
        url: format!(
            "{}preview.png",
            feed::page_url(url, &site.route_base, &post.path)
        ),
        size: Some((preview::WIDTH, preview::HEIGHT)),
    })
}

/// The post's own preview image, `image:` in its front matter (Docusaurus's
/// social card): a web address as it is, else a file of the content (its
/// size read from it) as a link to it resolves. Needs the site's URL.
fn own_image(source: &Source, parsed: &ParsedPost) -> Option<page::PageImage> {
    let url = source.site.url.as_deref()?;
    let image = parsed.post.image.as_deref()?.trim();
    if image.starts_with("https://") || image.starts_with("http://") {
        return Some(page::PageImage {
            url: feed::ascii_url(image),
            size: None,
        });
    }
    use papershelf_core::links::{resolve, UrlUse};
    let Ok(papershelf_core::doc::Target::Asset { path, .. }) =
        resolve(image, &parsed.post.path, UrlUse::Image)
    else {
        return None;
    };
    Some(page::PageImage {
        url: feed::ascii_url(&format!(
            "{url}{CONTENT}{}",
            papershelf_core::paths::encode_path(&path)
        )),
        size: source.files.get(&path).and_then(|f| f.dimensions),
    })
}

fn preview_image(source: &Source, parsed: &ParsedPost) -> Option<page::PageImage> {
    let site = &source.site;
    let url = site.url.as_deref()?;
    let local = |path: &str| -> Option<page::PageImage> {
        let lower = path.to_ascii_lowercase();
        let is_preview = [".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e));
        let file = source.files.get(path).filter(|_| is_preview)?;
        Some(page::PageImage {
            url: feed::ascii_url(&format!(
                "{url}{CONTENT}{}",
                papershelf_core::paths::encode_path(path)
            )),
            size: file.dimensions,
        })
    };
    parsed
        .doc()
        .first_image()
        .and_then(|path| local(&path))
        .or_else(|| {
            let image = site.image.as_deref()?;
            if image.starts_with("https://") || image.starts_with("http://") {
                Some(page::PageImage {
                    url: feed::ascii_url(image),
                    size: None,
                })
            } else {
                local(image.trim_start_matches('/'))
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::File;
    use papershelf_core::site::Site;
    use std::collections::BTreeMap;

    fn built() -> Build {
        serde_json::from_str(
            r#"{"boot": "boot-1.js", "lists": {"js": "papershelf-lists-2.js", "wasm": "papershelf-lists-2_bg.wasm"},
                "style": {"file": "style-3.css", "integrity": "sha384-x", "text": "body{}"}, "inline": "void 0"}"#,
        )
        .unwrap()
    }

    fn source(url: Option<&str>) -> Source {
        let site = Site {
            title: "리뷰".into(),
            url: url.map(String::from),
            ..Site::default()
        };
        let posts = vec![
            (
                "papers/y2025/nov/20251106.md".to_string(),
                "# 2025-11-06 papers review\n\n## 1. [MIRA](https://example.org/mira) `bytedance`\n\n![그림](./asset/a.png)\n".to_string(),
            ),
            (
                "notes/a b.mdx".to_string(),
                "---\ntitle: 노트\ndate: 2025-11-01\n---\n\nimport x from './x.png';\n\n본문.\n".to_string(),
            ),
            (
                "notes/draft.md".to_string(),
                "---\ndraft: true\n---\n# Draft\n".to_string(),
            ),
        ];
        let files = BTreeMap::from([(
            "papers/y2025/nov/asset/a.png".to_string(),
            File {
                bytes: 2048,
                dimensions: Some((640, 480)),
            },
        )]);
        Source::new(site, posts, files)
    }

    fn find<'a>(files: &'a [Output], path: &str) -> &'a str {
        let file = files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} is written"));
        std::str::from_utf8(&file.bytes).unwrap()
    }

    /// The index, its first screens, offline.json, the search index and a
    /// drawing per post, all in the content folder; nothing else without a build.
    #[test]
    fn an_indexed_site_is_its_content_files() {
        let files = site(&source(None), None, None).unwrap();
        assert!(files.iter().all(|f| f.path.starts_with(CONTENT)));
        let index: Index = serde_json::from_str(find(&files, "content/index.json")).unwrap();
        assert_eq!(index.posts.len(), 2, "the draft is left out");
        let read = source(None);
        for post in &index.posts {
            let at = read
                .posts
                .iter()
                .position(|p| p.post.path == post.path)
                .unwrap();
            assert_eq!(
                post.hash,
                content_hash(read.texts[at].as_bytes()),
                "{}",
                post.path
            );
            let drawing = find(
                &files,
                &format!(
                    "content/{}",
                    papershelf_core::paths::drawing_path(&post.path)
                ),
            );
            assert!(
                drawing.contains(&format!("\"hash\":\"{}\"", post.hash)),
                "{drawing}"
            );
        }
        let offline: serde_json::Value =
            serde_json::from_str(find(&files, "content/_papershelf/offline.json")).unwrap();
        let nov = &offline["posts"]["papers/y2025/nov/20251106.md"];
        assert_eq!(
            nov["files"],
            serde_json::json!(["papers/y2025/nov/asset/a.png"])
        );
        let text_bytes = source(None).texts[0].len() as u64;
        assert_eq!(nov["bytes"], serde_json::json!(text_bytes + 2048));
        assert!(files
            .iter()
            .any(|f| f.path == "content/_papershelf/search/manifest.json"));
        assert!(files
            .iter()
            .filter(|f| f.named_by_bytes)
            .all(|f| f.path.starts_with("content/_papershelf/search/")));
        assert_eq!(
            site(&source(None), None, None).unwrap(),
            files,
            "the same source, the same files"
        );
    }

    /// Published, each post has a page whose drawing preload names a drawing
    /// the site has; with its URL, the feeds, the sitemap and index.html too.
    #[test]
    fn a_published_site_links_only_files_it_has() {
        let files = site(
            &source(Some("https://you.github.io/reviews/")),
            Some(&built()),
            None,
        )
        .unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        for wanted in [
            "index.html",
            "atom.xml",
            "rss.xml",
            "feed.json",
            "sitemap.xml",
            "robots.txt",
        ] {
            assert!(paths.contains(&wanted), "{wanted} in {paths:?}");
        }
        let pages: Vec<&Output> = files
            .iter()
            .filter(|f| f.path.starts_with("docs/"))
            .collect();
        assert_eq!(pages.len(), 2);
        for page in pages {
            let html = std::str::from_utf8(&page.bytes).unwrap();
            let preload = html
                .split("<link rel=\"preload\" as=\"fetch\" href=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .expect("a drawing preload");
            let decoded = papershelf_core::links::percent_decode(preload);
            assert!(
                paths.contains(&decoded.as_str()),
                "{} preloads {decoded}, which the site lacks",
                page.path
            );
            assert!(
                html.contains("og:image") == page.path.contains("20251106"),
                "{}: only the post with an image has a preview",
                page.path
            );
        }
        assert!(find(&files, "index.html").contains("application/atom+xml"));
        // Without its URL: the app's page (no feeds linked), the post pages
        // and the paper pages only.
        let local = site(&source(None), Some(&built()), None).unwrap();
        assert!(local.iter().all(|f| f.path.starts_with(CONTENT)
            || f.path.starts_with("docs/")
            || f.path.starts_with("paper/")
            || f.path == "index.html"));
        assert!(local.iter().any(|f| f.path.starts_with("paper/")));
        assert!(!find(&local, "index.html").contains("application/atom+xml"));
    }

    /// `tests/rules/content-hash.json`, the cases the boot code and the
    /// service worker (`www/boot/hash.js`) are tested against too.
    #[test]
    fn the_content_hash_fixture() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/rules/content-hash.json")).unwrap();
        let cases = fixture["cases"].as_array().unwrap();
        assert!(cases.len() >= 4);
        for case in cases {
            let text = case["text"].as_str().unwrap();
            assert_eq!(
                super::content_hash(text.as_bytes()),
                case["hash"].as_str().unwrap(),
                "{text:?}"
            );
        }
    }
}
