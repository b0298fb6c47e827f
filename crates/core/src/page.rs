//! A page per post: `<route_base><path without .md>/index.html`, the URL a
//! Docusaurus site gives the same file, made from the built `index.html`.
//!
//! Its `<head>` starts with what link previews and crawlers read (title,
//! description, canonical URL, Open Graph, Twitter card, JSON-LD), none of
//! which a hash URL can carry; its `<noscript>` holds a summary of the post
//! for readers and crawlers without JavaScript. A `<base>` makes the built
//! page's relative URLs (`./boot-….js`, `content/…`) point at the site's
//! root from any depth, and `<meta name="papershelf-post">` tells the boot
//! script which post to open: the app then runs as on the home page.

use crate::feed::{ascii_url, page_url, rfc3339, xml_text};
use crate::links::encode_path;
use crate::messages::Messages;
use crate::post::{post_stem, ParsedPost};
use crate::site::Site;

/// Where the post page of `path` goes, relative to the site's root.
pub fn page_file(site: &Site, path: &str) -> String {
    format!("{}{}/index.html", site.route_base, post_stem(path))
}

/// `text` cut to at most `max` characters at a character boundary, never
/// inside a Hangul syllable written as jamo or before a combining mark, with
/// `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut cut = max - 1;
    // A vowel or final consonant jamo, or a combining mark, belongs to the
    // character before it: cut before that character too.
    while cut > 0 && is_continuation(chars[cut]) {
        cut -= 1;
    }
    let mut out: String = chars[..cut]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string();
    out.push('…');
    out
}

fn is_continuation(c: char) -> bool {
    matches!(c, '\u{1160}'..='\u{11FF}' | '\u{D7B0}'..='\u{D7FF}' | '\u{0300}'..='\u{036F}' | '\u{200D}' | '\u{FE0F}')
}

/// What a post page says about its image: its absolute URL and its size, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageImage {
    /// Absolute URL.
    pub url: String,
    /// Width and height in pixels.
    pub size: Option<(u32, u32)>,
}

/// The post page of `parsed`, from the built `template` (`index.html`),
/// in the words of `says` (the site's messages, made once for every page).
/// `url` is the site's public URL (without one, the tags that need an
/// absolute URL are left out); `image` the preview image. The page asks
/// for the post as `papershelf index` drew it ahead with itself (the
/// template already asks for the module that draws it).
pub fn post_page(
    template: &str,
    site: &Site,
    says: &Messages,
    url: Option<&str>,
    parsed: &ParsedPost,
    image: Option<&PageImage>,
) -> String {
    post_page_at(template, site, says, url, parsed, image, &parsed.post.path)
}

/// [`post_page`] written at the page of `at` (another address of the post,
/// `blog/2021/08/26/welcome`, where a link written for Docusaurus leads):
/// the same page, its relative URLs made from that depth, its canonical URL
/// the post's own page.
pub fn post_page_at(
    template: &str,
    site: &Site,
    says: &Messages,
    url: Option<&str>,
    parsed: &ParsedPost,
    image: Option<&PageImage>,
    at: &str,
) -> String {
    let post = &parsed.post;
    let a = xml_text;
    let depth = page_file(site, at).matches('/').count();
    let base = "../".repeat(depth);
    let title = if post.title.trim().is_empty() {
        post.path.clone()
    } else {
        post.title.trim().to_string()
    };
    let description = truncate(
        if post.description.trim().is_empty() {
            &site.description
        } else {
            &post.description
        },
        160,
    );
    let own = url.map(|u| page_url(u, &site.route_base, &post.path));

    let mut head = String::from("<meta charset=\"utf-8\">\n");
    head += &format!("  <base href=\"{}\">\n", a(&base));
    head += &format!(
        "  <title>{} · {}</title>\n",
        a(&truncate(&title, 200)),
        a(&site.title)
    );
    head += &format!(
        "  <meta name=\"description\" content=\"{}\">\n",
        a(&description)
    );
    head += &format!(
        "  <meta name=\"papershelf-post\" content=\"{}\">\n",
        a(&post.path)
    );
    if let Some(own) = &own {
        head += &format!("  <link rel=\"canonical\" href=\"{}\">\n", a(own));
    }
    head += &open_graph(site, &title, &description, own.as_deref(), image);
    let published = rfc3339(&post.date, &site.timezone);
    if let Some(published) = &published {
        head += &format!(
            "  <meta property=\"article:published_time\" content=\"{}\">\n",
            a(published)
        );
    }
    for tag in &post.tags {
        head += &format!("  <meta property=\"article:tag\" content=\"{}\">\n", a(tag));
    }
    head += "  <meta name=\"twitter:card\" content=\"summary_large_image\">\n";
    // The post's first image is what a phone paints largest first (its LCP):
    // asked for with the page, not once the lists module has drawn the post.
    if let Some(first) = parsed.doc().first_image() {
        head += &format!(
            "  <link rel=\"preload\" as=\"image\" href=\"content/{}\" fetchpriority=\"high\">\n",
            a(&encode_path(&first))
        );
    }
    // The post drawn ahead (`content/_papershelf/drawn/<post>.json`), asked for beside
    // the boot script rather than by it: one round trip less before the
    // post is shown. Only on a first visit: it goes with the template's
    // other first-visit preloads (see `FIRST_VISIT`), which a page the
    // service worker controls leaves out; it draws the post from what this
    // device kept.
    let drawn = format!(
        "<link rel=\"preload\" as=\"fetch\" href=\"content/{}\" crossorigin data-first-visit>",
        a(&encode_path(&crate::paths::drawing_path(&post.path)))
    );
    let first_visit = template.contains(FIRST_VISIT);
    if !first_visit {
        head += &format!("  {drawn}\n");
    }
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": truncate(&title, 110),
        "description": description,
        "keywords": post.tags.iter().chain(post.entries.iter().flat_map(|e| &e.tags)).cloned().collect::<Vec<_>>(),
        "inLanguage": site.language,
    });
    if let Some(published) = &published {
        ld["datePublished"] = published.clone().into();
    }
    if let Some(own) = &own {
        ld["url"] = own.clone().into();
        ld["mainEntityOfPage"] = own.clone().into();
    }
    if let Some(image) = image {
        ld["image"] = image.url.clone().into();
    }
    if let Some(author) = &site.author {
        ld["author"] = serde_json::json!({ "@type": "Person", "name": author });
    }
    // `<` escaped, so no text in it can close the script element.
    let ld = serde_json::to_string(&ld)
        .unwrap_or_default()
        .replace('<', "\\u003c");
    head += &format!("  <script type=\"application/ld+json\">{ld}</script>\n");

    let summary = noscript_summary(site, says, parsed, &title, &base);
    let (head, first_visit_extra) = if first_visit {
        (head, Some(drawn))
    } else {
        (head, None)
    };
    fill(template, &head, &summary, first_visit_extra.as_deref())
}

/// The built `template` (`index.html`) with `head` first in its `<head>`
/// (its own title and description give way), `summary` first in its
/// `<body>`, and `first_visit` among the preloads of a first visit.
pub(crate) fn fill(template: &str, head: &str, summary: &str, first_visit: Option<&str>) -> String {
    let mut html = template.to_string();
    // The charset comes first of all (browsers look for it in the first
    // 1024 bytes), in the head written below; the template's goes.
    for (open, close) in [
        ("<meta charset", ">"),
        ("<title>", "</title>"),
        ("<meta name=\"description\"", ">"),
    ] {
        if let Some(start) = html.find(open) {
            if let Some(len) = html[start..].find(close) {
                let mut end = start + len + close.len();
                if html[end..].starts_with('\n') {
                    end += 1;
                }
                html.replace_range(start..end, "");
            }
        }
    }
    let html = match html.find("<head>") {
        Some(i) => format!(
            "{}<head>\n  {head}{}",
            &html[..i],
            &html[i + "<head>".len()..]
        ),
        None => html,
    };
    let html = match first_visit {
        Some(extra) => html.replacen(FIRST_VISIT, &format!("{FIRST_VISIT}\n    {extra}"), 1),
        None => html,
    };
    match html.find("<body>") {
        Some(i) => format!(
            "{}<body>\n  {summary}{}",
            &html[..i],
            &html[i + "<body>".len()..]
        ),
        None => html,
    }
}

/// The Open Graph tags of a page titled `title` (an article of `site`), at
/// `own` when the site's URL is known, with its preview `image`.
pub(crate) fn open_graph(
    site: &Site,
    title: &str,
    description: &str,
    own: Option<&str>,
    image: Option<&PageImage>,
) -> String {
    let a = xml_text;
    let mut head = String::from("  <meta property=\"og:type\" content=\"article\">\n");
    for (property, content) in [
        ("og:site_name", site.title.clone()),
        ("og:locale", site.language.replace('-', "_")),
        ("og:title", truncate(title, 90)),
        ("og:description", description.to_string()),
    ] {
        head += &format!(
            "  <meta property=\"{property}\" content=\"{}\">\n",
            a(&content)
        );
    }
    if let Some(own) = own {
        head += &format!("  <meta property=\"og:url\" content=\"{}\">\n", a(own));
    }
    if let Some(image) = image {
        head += &format!(
            "  <meta property=\"og:image\" content=\"{}\">\n",
            a(&image.url)
        );
        if let Some((w, h)) = image.size {
            head += &format!(
                "  <meta property=\"og:image:width\" content=\"{w}\">\n  <meta property=\"og:image:height\" content=\"{h}\">\n"
            );
        }
    }
    head
}

/// Where the app's `index.html` keeps the preloads only a first visit needs
/// (`scripts/post-build.mjs` writes it; `www/first-visit.js` adds them to the
/// page where no service worker is in control).
const FIRST_VISIT: &str = "<template id=\"papershelf-first-visit\">";

/// The `<noscript>` summary: title, date, tags, description, and the papers
/// reviewed, each linking to the paper, and the Markdown source.
fn noscript_summary(
    site: &Site,
    says: &Messages,
    parsed: &ParsedPost,
    title: &str,
    base: &str,
) -> String {
    let post = &parsed.post;
    let a = xml_text;
    let mut s = String::from("<noscript><article class=\"noscript-summary\">\n");
    s += &format!("    <h1>{}</h1>\n", a(title));
    if !post.date.is_empty() {
        s += &format!(
            "    <p><time datetime=\"{}\">{}</time></p>\n",
            a(&post.date),
            a(&says.date(&post.date, true))
        );
    }
    let tags: Vec<&String> = post.tags.iter().collect();
    if !tags.is_empty() {
        let list = tags
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        s += &format!(
            "    <p>{}</p>\n",
            a(&says.format("page.tags", &[("tags", &list)]))
        );
    }
    if !post.description.trim().is_empty() {
        s += &format!("    <p>{}</p>\n", a(post.description.trim()));
    }
    if !post.entries.is_empty() {
        s += &format!("    <h2>{}</h2>\n    <ol>\n", a(says.get("page.papers")));
        for e in &post.entries {
            let name = match &e.url {
                Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
                    format!("<a href=\"{}\">{}</a>", a(&ascii_url(u)), a(&e.title))
                }
                _ => a(&e.title),
            };
            let tags = if e.tags.is_empty() {
                String::new()
            } else {
                format!(" ({})", a(&e.tags.join(", ")))
            };
            s += &format!("      <li>{name}{tags}</li>\n");
        }
        s += "    </ol>\n";
    }
    s += &format!(
        "    <p><a href=\"{}content/{}\">{}</a> · <a href=\"{}\">{}</a></p>\n",
        a(base),
        a(&encode_path(&post.path)),
        a(says.get("page.source")),
        a(if base.is_empty() { "./" } else { base }),
        a(&site.title)
    );
    s += "  </article></noscript>\n";
    s
}

/// `sitemap.xml` of the post pages: each page's absolute URL and the day it
/// was last changed (`YYYY-MM-DD`, or nothing).
pub fn sitemap(pages: &[(String, String)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, lastmod) in pages {
        s += &format!("  <url><loc>{}</loc>", xml_text(loc));
        if rfc3339(lastmod, "Z").is_some() {
            s += &format!("<lastmod>{}</lastmod>", xml_text(lastmod));
        }
        s += "</url>\n";
    }
    s += "</urlset>\n";
    s
}

/// `robots.txt`: everything may be crawled; the sitemap is at `url`.
pub fn robots(url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {url}sitemap.xml\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post::Post;

    #[test]
    fn the_sitemap_lists_absolute_urls_with_their_day() {
        let s = sitemap(&[
            ("https://x.org/docs/a/".into(), "2025-11-06".into()),
            ("https://x.org/docs/b%20&/".into(), String::new()),
        ]);
        assert!(
            s.contains("<url><loc>https://x.org/docs/a/</loc><lastmod>2025-11-06</lastmod></url>"),
            "{s}"
        );
        assert!(
            s.contains("<url><loc>https://x.org/docs/b%20&amp;/</loc></url>"),
            "{s}"
        );
        assert_eq!(
            robots("https://x.org/sub/"),
            "User-agent: *\nAllow: /\n\nSitemap: https://x.org/sub/sitemap.xml\n"
        );
    }

    const TEMPLATE: &str = "<!doctype html>\n<html lang=\"ko\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>papershelf</title>\n  <meta name=\"description\" content=\"Site.\">\n  <template id=\"papershelf-first-visit\">\n    <link rel=\"modulepreload\" href=\"./lists-1.js\" data-first-visit>\n  </template>\n  <script type=\"module\" src=\"./boot-1.js\"></script>\n</head>\n<body>\n  <p id=\"boot\">Loading…</p>\n</body>\n</html>\n";

    fn site() -> Site {
        Site {
            title: "Reviews".into(),
            description: "Daily papers".into(),
            author: Some("Kim".into()),
            ..Site::default()
        }
    }

    #[test]
    fn the_charset_is_the_first_thing_in_the_head() {
        // A long title and description once pushed it past the first 1024
        // bytes, where browsers no longer look for it.
        let long = "긴 제목 ".repeat(80);
        let parsed = Post::parse(
            "papers/y2025/nov/20251106.md",
            &format!("---\ntitle: {long}\ndescription: {long}\n---\n\n## 1. [Paper](https://arxiv.org/abs/1) `meta`\n"),
        );
        let html = post_page(
            TEMPLATE,
            &site(),
            &site().messages(),
            Some("https://x.org/"),
            &parsed,
            None,
        );
        let head = html.find("<head>").unwrap() + "<head>".len();
        assert!(
            html[head..]
                .trim_start()
                .starts_with("<meta charset=\"utf-8\">"),
            "{html}"
        );
        assert!(html.find("<meta charset").unwrap() < 1024);
        assert_eq!(html.matches("<meta charset").count(), 1, "{html}");
    }

    #[test]
    fn a_page_has_every_tag_the_unfurlers_read() {
        let parsed = Post::parse(
            "papers/y2025/nov/20251106.md",
            "---\ntitle: A <review>\ntags: [vision]\ndescription: What \"it\" does\n---\n\n## 1. [Paper](https://arxiv.org/abs/1) `meta`\n\n![fig](./asset/a.png)\n",
        );
        let image = PageImage {
            url: "https://x.org/sub/content/papers/y2025/nov/asset/a.png".into(),
            size: Some((640, 480)),
        };
        let html = post_page(
            TEMPLATE,
            &site(),
            &site().messages(),
            Some("https://x.org/sub/"),
            &parsed,
            Some(&image),
        );
        let own = "https://x.org/sub/docs/papers/y2025/nov/20251106/";
        for tag in [
            "<base href=\"../../../../../\">".to_string(),
            "<title>A &lt;review&gt; · Reviews</title>".into(),
            "<meta name=\"description\" content=\"What &quot;it&quot; does\">".into(),
            format!("<link rel=\"canonical\" href=\"{own}\">"),
            format!("<meta property=\"og:url\" content=\"{own}\">"),
            "<meta property=\"og:type\" content=\"article\">".into(),
            "<meta property=\"og:locale\" content=\"ko\">".into(),
            "<meta property=\"og:image\" content=\"https://x.org/sub/content/papers/y2025/nov/asset/a.png\">".into(),
            "<meta property=\"og:image:width\" content=\"640\">".into(),
            "<meta property=\"article:published_time\" content=\"2025-11-06T00:00:00+09:00\">".into(),
            "<meta property=\"article:tag\" content=\"vision\">".into(),
            "<meta name=\"twitter:card\" content=\"summary_large_image\">".into(),
            "\"@type\":\"BlogPosting\"".into(),
            "<meta name=\"papershelf-post\" content=\"papers/y2025/nov/20251106.md\">".into(),
            // The first image asked for with the page (relative to the <base>: the root).
            "<link rel=\"preload\" as=\"image\" href=\"content/papers/y2025/nov/asset/a.png\" fetchpriority=\"high\">".into(),
            // So is the post drawn ahead, on a first visit: with the template's other first-visit preloads.
            "<template id=\"papershelf-first-visit\">\n    <link rel=\"preload\" as=\"fetch\" href=\"content/_papershelf/drawn/papers/y2025/nov/20251106.json\" crossorigin data-first-visit>\n    <link rel=\"modulepreload\" href=\"./lists-1.js\" data-first-visit>\n  </template>".into(),
        ] {
            assert!(html.contains(&tag), "{tag} in {html}");
        }
        // Without that template (not the app's index.html), it is asked for with the page.
        let plain = post_page(
            &TEMPLATE.replace("template", "x"),
            &site(),
            &site().messages(),
            None,
            &parsed,
            None,
        );
        let link = plain
            .find("\n  <link rel=\"preload\" as=\"fetch\" href=\"content/_papershelf/drawn/papers/y2025/nov/20251106.json\" crossorigin data-first-visit>\n")
            .expect("the drawing's preload in <head>");
        assert!(link < plain.find("</head>").unwrap(), "{plain}");
        assert_eq!(
            html.matches("<title>").count(),
            1,
            "the template's title gives way"
        );
        assert_eq!(html.matches("name=\"description\"").count(), 1);
        assert!(html.find("og:url").unwrap() < 32 * 1024);
        // JSON-LD cannot be closed from the inside.
        assert!(html.contains("A \\u003creview>"), "{html}");
        assert!(html.contains("<noscript><article class=\"noscript-summary\">"));
        assert!(
            html.contains("<li><a href=\"https://arxiv.org/abs/1\">Paper</a> (meta)</li>"),
            "{html}"
        );
        assert!(
            html.contains("href=\"../../../../../content/papers/y2025/nov/20251106.md\""),
            "{html}"
        );
    }

    #[test]
    fn without_a_url_no_absolute_tag_is_written() {
        let parsed = Post::parse("a.md", "# A\n\ntext\n");
        let html = post_page(
            TEMPLATE,
            &Site::default(),
            &Site::default().messages(),
            None,
            &parsed,
            None,
        );
        assert!(
            !html.contains("canonical") && !html.contains("og:url") && !html.contains("og:image")
        );
        assert!(
            html.contains("<base href=\"../../\">"),
            "docs/a/index.html is two deep"
        );
    }

    #[test]
    fn truncation_keeps_syllables_whole() {
        assert_eq!(truncate("짧은 제목", 160), "짧은 제목");
        let long = "가".repeat(1000);
        let cut = truncate(&long, 160);
        assert_eq!(cut.chars().count(), 160);
        assert!(cut.ends_with('…'));
        // Decomposed Hangul: 한 = ᄒ ᅡ ᆫ; a cut never leaves a lone lead consonant.
        let nfd = "\u{1112}\u{1161}\u{11AB}".repeat(100);
        let cut = truncate(&nfd, 50);
        let kept: Vec<char> = cut.trim_end_matches('…').chars().collect();
        assert_eq!(kept.len() % 3, 0, "{kept:?}");
    }

    #[test]
    fn the_first_image_is_found() {
        let parsed = Post::parse(
            "p/a.md",
            "# A\n\ntext\n\n![x](./asset/one.png)\n\n![y](./asset/two.jpg)\n",
        );
        assert_eq!(
            parsed.doc().first_image().as_deref(),
            Some("p/asset/one.png")
        );
        assert_eq!(
            Post::parse("p/b.md", "no image\n").doc().first_image(),
            None
        );
    }
}
