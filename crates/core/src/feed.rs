//! The site's feeds: Atom 1.0, RSS 2.0 and JSON Feed 1.1, with every post's
//! full content from the same safe tree as the page, every URL absolute.
//!
//! Each entry's id and link is the post's page URL ([`page_url`]:
//! `<url><route_base><path without .md>/`, the URL a Docusaurus site gives the
//! same file, written by `papershelf publish`), which never changes.

use crate::doc::{post_hash, post_page_path, Linker, Target};
use crate::html::nodes_to_html;
use crate::links::encode_path;
use crate::post::{ParsedPost, Post};
use crate::site::Site;

pub use crate::links::ascii_url;

/// Where the site at `url` keeps its post pages: `https://x.org/sub/docs/`.
/// `papershelf publish` writes it into the pages' `<meta name="papershelf-pages">`,
/// from which the app's "copy link" controls make a post's page URL.
pub fn pages_url(url: &str, route_base: &str) -> String {
    ascii_url(&format!("{url}{}", encode_path(route_base)))
}

/// The page URL of the post at `path` (`papers/a.md`) on the site at `url`
/// (ending in `/`): `https://x.org/sub/docs/papers/a/`.
pub fn page_url(url: &str, route_base: &str, path: &str) -> String {
    format!(
        "{}{}",
        pages_url(url, route_base),
        ascii_url(&post_page_path(path))
    )
}

/// The viewer's URL of the post at `path`: `https://x.org/sub/#/post/papers/a`.
pub fn viewer_url(url: &str, path: &str, anchor: Option<&str>) -> String {
    ascii_url(&format!("{url}{}", post_hash(path, anchor)))
}

/// Links as feed readers need them: absolute, to the site at `url`.
#[derive(Debug, Clone)]
pub struct AbsoluteLinker {
    /// The site's public URL, ending in `/`.
    pub url: String,
}

impl Linker for AbsoluteLinker {
    fn url(&self, target: &Target) -> String {
        match target {
            Target::External { url } => url.clone(),
            Target::Asset { path, suffix } => ascii_url(&format!(
                "{}content/{}{suffix}",
                self.url,
                encode_path(path)
            )),
            Target::Post { path, anchor } => viewer_url(&self.url, path, anchor.as_deref()),
        }
    }
}

/// `s` without the characters XML 1.0 forbids (controls other than tab and
/// newlines, lone surrogates cannot occur in a `str`, U+FFFE and U+FFFF),
/// with `&`, `<`, `>` and `"` escaped: safe as element text or attribute value.
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `s` without control characters (a JSON string may hold them escaped,
/// but no reader wants them).
fn plain(s: &str) -> String {
    s.chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n'))
        .collect()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp as i64 + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A post's `YYYY-MM-DD`, if it is a real day.
fn ymd(date: &str) -> Option<(i64, u32, u32)> {
    let mut parts = date.splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (date.len() == 10 && (1..=12).contains(&m) && d >= 1 && d <= days[m as usize - 1])
        .then_some((y, m, d))
}

/// Midnight of `date` in the zone `tz` (`+09:00`, `Z`), as RFC 3339.
pub fn rfc3339(date: &str, tz: &str) -> Option<String> {
    ymd(date)?;
    Some(format!("{date}T00:00:00{tz}"))
}

/// Midnight of `date` in the zone `tz`, as RFC 822 (RSS):
/// `Thu, 06 Nov 2025 00:00:00 +0900`.
pub fn rfc822(date: &str, tz: &str) -> Option<String> {
    let (y, m, d) = ymd(date)?;
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let weekday = DAYS[days_from_civil(y, m, d).rem_euclid(7) as usize];
    let zone = if tz == "Z" {
        "+0000".to_string()
    } else {
        tz.replace(':', "")
    };
    Some(format!(
        "{weekday}, {d:02} {} {y:04} 00:00:00 {zone}",
        MONTHS[m as usize - 1]
    ))
}

/// One post as the feeds carry it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The post's page URL, its id.
    pub id: String,
    /// Where a reader opens it: the page URL too.
    pub link: String,
    /// Its title (a post without one is named by its file).
    pub title: String,
    /// Its summary: the description.
    pub summary: String,
    /// Its body as HTML, every URL absolute.
    pub html: String,
    /// Its date as RFC 3339, else the feed's newest date.
    pub date: String,
    /// Its date as RFC 822.
    pub date_rss: String,
    /// Its tags, as written.
    pub tags: Vec<String>,
}

/// The three feeds' text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feeds {
    /// `atom.xml`.
    pub atom: String,
    /// `rss.xml`.
    pub rss: String,
    /// `feed.json`.
    pub json: String,
}

/// The entries of the site's feeds: `posts` newest first (as the index has
/// them), at most the site's `feed_limit` of them (0: all).
pub fn entries(site: &Site, url: &str, posts: &[&ParsedPost]) -> Vec<Entry> {
    let linker = AbsoluteLinker { url: url.into() };
    let limit = if site.feed_limit == 0 {
        usize::MAX
    } else {
        site.feed_limit
    };
    // A post without a real date is dated as the newest one that has one.
    let newest = posts
        .iter()
        .find_map(|p| ymd(&p.post.date).map(|_| p.post.date.clone()));
    let fallback = newest.unwrap_or_else(|| "1970-01-01".into());
    posts
        .iter()
        .take(limit)
        .map(|parsed| {
            let post: &Post = &parsed.post;
            let date = if ymd(&post.date).is_some() {
                &post.date
            } else {
                &fallback
            };
            Entry {
                id: page_url(url, &site.route_base, &post.path),
                link: page_url(url, &site.route_base, &post.path),
                title: if post.title.trim().is_empty() {
                    post.path.clone()
                } else {
                    post.title.clone()
                },
                summary: post.description.clone(),
                html: nodes_to_html(parsed.doc().after_title(), &linker),
                date: rfc3339(date, &site.timezone).unwrap_or_default(),
                date_rss: rfc822(date, &site.timezone).unwrap_or_default(),
                tags: post
                    .tags
                    .iter()
                    .chain(post.entries.iter().flat_map(|e| &e.tags))
                    .fold(Vec::new(), |mut all: Vec<String>, t| {
                        if !all.iter().any(|a| a.eq_ignore_ascii_case(t)) {
                            all.push(t.clone());
                        }
                        all
                    }),
            }
        })
        .collect()
}

/// The feeds of `entries` for the site at `url` (feeds at its root).
pub fn feeds(site: &Site, url: &str, entries: &[Entry]) -> Feeds {
    Feeds {
        atom: atom(site, url, entries),
        rss: rss(site, url, entries),
        json: json_feed(site, url, entries),
    }
}

/// A feed per tag: `tags/<tag slug>/atom.xml` (its path from the site's
/// root) and its text, for every tag of `entries` (a post's own and its
/// entries', without regard to case), newest first, each with at most
/// `limit` entries (0: all). A tag whose slug is empty (only symbols) has none.
pub fn tag_feeds(site: &Site, url: &str, entries: &[Entry], limit: usize) -> Vec<(String, String)> {
    // Each entry's tag slugs, made once: every tag's feed reads them.
    let slugs: Vec<Vec<String>> = entries
        .iter()
        .map(|e| e.tags.iter().map(|t| crate::slug::slugify(t)).collect())
        .collect();
    // Each slug with the tag as first written, in slug order.
    let mut tags: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
    for (e, slugs) in entries.iter().zip(&slugs) {
        for (tag, slug) in e.tags.iter().zip(slugs) {
            if !slug.is_empty() {
                tags.entry(slug).or_insert(tag);
            }
        }
    }
    let limit = if limit == 0 { usize::MAX } else { limit };
    // The site's messages, made once for every tag's feed title.
    let says = site.messages();
    tags.into_iter()
        .map(|(slug, name)| {
            let tagged: Vec<Entry> = entries
                .iter()
                .zip(&slugs)
                .filter(|(_, s)| s.iter().any(|s| s == slug))
                .map(|(e, _)| e.clone())
                .take(limit)
                .collect();
            let path = format!("tags/{slug}/atom.xml");
            let own = ascii_url(&format!("{url}{}", encode_path(&path)));
            let title = says.format("feed.tag", &[("site", &site.title), ("tag", name)]);
            (path, atom_feed(site, url, &title, &own, &tagged))
        })
        .collect()
}

/// Who the feeds name as the author: the configured one, else the site.
fn author(site: &Site) -> String {
    site.author.clone().unwrap_or_else(|| site.title.clone())
}

/// `atom.xml`: Atom 1.0 (RFC 4287).
fn atom(site: &Site, url: &str, entries: &[Entry]) -> String {
    atom_feed(site, url, &site.title, &format!("{url}atom.xml"), entries)
}

/// An Atom feed named `title`, whose own address is `own`, with the site's
/// settings and home page.
fn atom_feed(site: &Site, url: &str, title: &str, own: &str, entries: &[Entry]) -> String {
    let x = xml_text;
    let updated = entries
        .iter()
        .map(|e| e.date.as_str())
        .max()
        .unwrap_or("1970-01-01T00:00:00Z")
        .to_string();
    let mut atom = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    atom += &format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        x(&site.language)
    );
    atom += &format!("  <id>{}</id>\n  <title>{}</title>\n", x(own), x(title));
    if !site.description.is_empty() {
        atom += &format!("  <subtitle>{}</subtitle>\n", x(&site.description));
    }
    atom += &format!(
        "  <updated>{}</updated>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        x(&updated),
        x(own),
        x(url)
    );
    let author = author(site);
    atom += &format!("  <author><name>{}</name></author>\n", x(&author));
    atom += "  <generator>papershelf</generator>\n";
    for e in entries {
        atom += "  <entry>\n";
        atom += &format!(
            "    <id>{}</id>\n    <title>{}</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <published>{}</published>\n    <updated>{}</updated>\n",
            x(&e.id),
            x(&e.title),
            x(&e.link),
            x(&e.date),
            x(&e.date)
        );
        for tag in &e.tags {
            atom += &format!("    <category term=\"{}\"/>\n", x(tag));
        }
        if !e.summary.is_empty() {
            atom += &format!("    <summary>{}</summary>\n", x(&e.summary));
        }
        // Escaped HTML, never CDATA: no `]]>` in a post can end it early.
        atom += &format!("    <content type=\"html\">{}</content>\n", x(&e.html));
        atom += "  </entry>\n";
    }
    atom += "</feed>\n";

    atom
}

/// `rss.xml`: RSS 2.0, with its own address as `atom:link rel="self"` and
/// the full content as `content:encoded`.
fn rss(site: &Site, url: &str, entries: &[Entry]) -> String {
    let x = xml_text;
    let mut rss = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    rss += "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n";
    rss += &format!(
        "  <title>{}</title>\n  <link>{}</link>\n  <description>{}</description>\n  <language>{}</language>\n  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n  <generator>papershelf</generator>\n",
        x(&site.title),
        x(url),
        x(if site.description.is_empty() { &site.title } else { &site.description }),
        x(&site.language),
        x(&format!("{url}rss.xml"))
    );
    if let Some(newest) = entries.first() {
        rss += &format!("  <lastBuildDate>{}</lastBuildDate>\n", x(&newest.date_rss));
    }
    for e in entries {
        rss += "  <item>\n";
        rss += &format!(
            "    <title>{}</title>\n    <link>{}</link>\n    <guid isPermaLink=\"true\">{}</guid>\n    <pubDate>{}</pubDate>\n",
            x(&e.title),
            x(&e.link),
            x(&e.id),
            x(&e.date_rss)
        );
        for tag in &e.tags {
            rss += &format!("    <category>{}</category>\n", x(tag));
        }
        rss += &format!("    <description>{}</description>\n", x(&e.summary));
        rss += &format!("    <content:encoded>{}</content:encoded>\n", x(&e.html));
        rss += "  </item>\n";
    }
    rss += "</channel>\n</rss>\n";

    rss
}

/// `feed.json`: JSON Feed 1.1.
fn json_feed(site: &Site, url: &str, entries: &[Entry]) -> String {
    let items: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.id,
                "url": e.link,
                "title": plain(&e.title),
                "summary": plain(&e.summary),
                "content_html": plain(&e.html),
                "date_published": e.date,
                "date_modified": e.date,
                "tags": e.tags.iter().map(|t| plain(t)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut json = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": plain(&site.title),
        "home_page_url": url,
        "feed_url": format!("{url}feed.json"),
        "language": site.language,
        "authors": [{ "name": plain(&author(site)) }],
        "items": items,
    });
    if !site.description.is_empty() {
        json["description"] = plain(&site.description).into();
    }
    serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_forms() {
        assert_eq!(
            rfc3339("2025-11-06", "+09:00").unwrap(),
            "2025-11-06T00:00:00+09:00"
        );
        assert_eq!(
            rfc822("2025-11-06", "+09:00").unwrap(),
            "Thu, 06 Nov 2025 00:00:00 +0900"
        );
        assert_eq!(
            rfc822("2024-02-29", "Z").unwrap(),
            "Thu, 29 Feb 2024 00:00:00 +0000"
        );
        assert_eq!(
            rfc822("1970-01-01", "-05:00").unwrap(),
            "Thu, 01 Jan 1970 00:00:00 -0500"
        );
        assert_eq!(
            rfc822("2000-03-01", "Z").unwrap(),
            "Wed, 01 Mar 2000 00:00:00 +0000"
        );
        for bad in ["", "2025-02-29", "2025-13-01", "2025-1-1", "someday"] {
            assert_eq!(rfc3339(bad, "Z"), None, "{bad}");
        }
    }

    #[test]
    fn xml_text_drops_what_xml_forbids() {
        assert_eq!(xml_text("a\u{1}b\u{FFFF}c\td"), "abc\td");
        assert_eq!(
            xml_text("<a href=\"x\">&]]>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;]]&gt;"
        );
    }

    #[test]
    fn urls_are_absolute_and_encoded() {
        let url = "https://x.org/sub/";
        assert_eq!(
            page_url(url, "docs/", "papers/y2025/nov/20251106.md"),
            "https://x.org/sub/docs/papers/y2025/nov/20251106/"
        );
        assert_eq!(
            page_url(url, "", "노트/a b.mdx"),
            "https://x.org/sub/%EB%85%B8%ED%8A%B8/a%20b/"
        );
        let linker = AbsoluteLinker { url: url.into() };
        assert_eq!(
            linker.url(&Target::Asset {
                path: "p/asset/a b.png".into(),
                suffix: String::new()
            }),
            "https://x.org/sub/content/p/asset/a%20b.png"
        );
        assert_eq!(
            linker.url(&Target::Post {
                path: "p/a.md".into(),
                anchor: Some("1-x".into())
            }),
            "https://x.org/sub/#/post/p/a?id=1-x"
        );
    }
}
