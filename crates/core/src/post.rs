//! The content model: a [`Post`] and its [`PaperEntry`]s.

use crate::context::{Author, Context};
use crate::diagnostic::{say, Diagnostic};
use crate::doc::{Doc, Element, Node, Target};
use crate::frontmatter::{self, AuthorRef, FrontMatter};
use crate::mdx;
use crate::render::{self, Rendered};
use serde::{Deserialize, Serialize};

/// One post: a day's paper reviews.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// Path of the file relative to the content directory (`papers/y2025/nov/20251106.md`).
    pub path: String,
    /// Front matter `title`, else the first `# ` heading, else the file name.
    pub title: String,
    /// `YYYY-MM-DD`: front matter `date`, else the file name's `YYYYMMDD`; empty if neither.
    pub date: String,
    /// The post's own tags (front matter `tags`).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Front matter `description`, else the start of the first paragraph.
    #[serde(default)]
    pub description: String,
    /// Front matter `draft: true`; drafts are left out of the index.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// The post's authors (`authors:` in its front matter, through `authors.yml`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<crate::context::Author>,
    /// `sidebar_position:`: a doc's place among its folder's docs in the
    /// Docs section (where undated posts are listed, by folder).
    /// Kept as written (a number, `2` or `2.5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// The text above the post's truncate marker (`<!-- truncate -->`),
    /// shown under its title in lists; empty without a marker.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub excerpt: String,
    /// `unlisted: true` in front matter: left out of the index (so of every
    /// list, feed, search and the sitemap), still opened by its address.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unlisted: bool,
    /// Whether the post has math (the viewer may load a math font for it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub math: bool,
    /// The papers reviewed, in order.
    #[serde(default)]
    pub entries: Vec<PaperEntry>,
    /// The post file's content hash (the first 16 hex digits of its
    /// SHA-256), written by `papershelf index`: the service worker serves a
    /// cached copy only while this is unchanged.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hash: String,
    /// About how many minutes reading it takes
    /// (`messages::reading_minutes`); 0 where not known (an older index).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub minutes: u32,
    /// The post's other addresses (without extension), as Docusaurus links
    /// name it: a blog post's date path, its `slug:`, a doc's `id:`
    /// ([`crate::address`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// `image:` in front matter: the post's own preview image (link
    /// previews), as written; `papershelf publish` draws none for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// How many links in other posts cite it (see the citations module), written
    /// by `papershelf index`; its citations are in
    /// `crate::paths::cited_path`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cited: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl ParsedPost {
    /// The files of the content directory the post shows or links (its
    /// images, imported or not, and linked files), relative to the content
    /// directory, sorted, each once: what reading it offline needs.
    pub fn files(&self) -> Vec<String> {
        use crate::links::{resolve, UrlUse};
        let mut out: Vec<String> = self
            .rendered
            .assets
            .iter()
            .map(|(f, _)| f.clone())
            .collect();
        for import in &self.imports {
            if let Ok(Target::Asset { path, .. }) =
                resolve(&import.path, &self.post.path, UrlUse::Image)
            {
                out.push(path);
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// One reviewed paper: a `## N. [Title](url) `tag`` heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperEntry {
    /// The `N` of `N.`, if written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// The paper's title (the link text).
    pub title: String,
    /// The `### ` heading directly below, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The paper's link, if the heading has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The inline-code words after the link (organisations, topics).
    #[serde(default)]
    pub tags: Vec<String>,
    /// The heading's id, for `#/post/…?id=<anchor>`.
    pub anchor: String,
}

/// A post read from its text: the model, the rendered tree, and what went wrong.
#[derive(Debug, Clone)]
pub struct ParsedPost {
    /// The content model.
    pub post: Post,
    /// Everything the renderer found (links, assets, headings) for `check`.
    pub rendered: Rendered,
    /// Asset imports, for `check`.
    pub imports: Vec<mdx::Import>,
    /// Problems, in file-line order.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether `post.description` was written in the front matter (else it
    /// is the start of the first paragraph, already in the post's text).
    pub authored_description: bool,
    /// Whether the post reviews papers: in one of the site's paper folders,
    /// or saying so in its front matter ([`PaperFolders`]).
    pub reviews_papers: bool,
}

/// Largest post papershelf renders (larger ones are refused with a message).
pub const MAX_POST_BYTES: usize = 16 * 1024 * 1024;

pub use crate::paths::post_stem;

impl ParsedPost {
    /// The rendered body: the safe tree the browser and the CLI show.
    pub fn doc(&self) -> &Doc {
        &self.rendered.doc
    }
}

impl Post {
    /// Parses a post's text. `path` is relative to the content directory.
    /// Never fails: what cannot be read is reported in the diagnostics.
    pub fn parse(path: &str, text: &str) -> ParsedPost {
        Post::parse_with(path, text, &Context::default())
    }

    /// Parses a post at `path` (relative to the content directory) in its
    /// site's `context`: its papers made only where the site's paper folders
    /// or its front matter says it reviews papers, its authors and tags as
    /// `authors.yml` and `tags.yml` say.
    pub fn parse_with(path: &str, text: &str, context: &Context) -> ParsedPost {
        Post::parse_full(path, text, context, &mdx::Partials::new())
    }

    /// Parses a post as [`Post::parse_with`] does, with the `partials` it
    /// includes (`import Intro from './_intro.mdx'` and `<Intro />`: see
    /// [`mdx::partial_paths`]) inlined where their tags stand.
    pub fn parse_full(
        path: &str,
        text: &str,
        context: &Context,
        partials: &mdx::Partials,
    ) -> ParsedPost {
        let papers = &context.papers;
        let mut diagnostics = Vec::new();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // CommonMark: U+0000 is replaced by U+FFFD.
        let nul_free;
        let text = if text.contains('\0') {
            nul_free = text.replace('\0', "\u{fffd}");
            nul_free.as_str()
        } else {
            text
        };
        let too_big = text.len() > MAX_POST_BYTES;
        let text = if too_big {
            diagnostics.push(Diagnostic::error(
                1,
                say!(
                    "the post is {} MB; papershelf renders posts up to {} MB: split it",
                    text.len() >> 20,
                    MAX_POST_BYTES >> 20
                ),
            ));
            ""
        } else {
            text
        };
        let split = frontmatter::split(text);
        let (fm, fm_error) = split.yaml.map(FrontMatter::parse).unwrap_or_default();
        diagnostics.extend(fm_error);
        let prepared = mdx::prepare_with(split.body, split.body_line, path, partials);
        let mut rendered = render::render(&prepared, path);
        diagnostics.extend(prepared.diagnostics.iter().cloned());
        diagnostics.extend(rendered.diagnostics.iter().cloned());
        diagnostics.sort_by_key(|d| d.line);

        let date = match fm.date.as_deref() {
            Some(d) => frontmatter::parse_date(d).unwrap_or_else(|| {
                diagnostics.push(Diagnostic::error(
                    2,
                    say!("front matter date `{d}` is not YYYY-MM-DD"),
                ));
                frontmatter::date_from_file_name(path).unwrap_or_default()
            }),
            None => frontmatter::date_from_file_name(path).unwrap_or_default(),
        };
        let h1 = rendered
            .headings
            .iter()
            .find(|h| h.level == 1)
            .map(|h| h.text.clone());
        let title = fm
            .title
            .clone()
            .or(h1)
            .unwrap_or_else(|| file_stem(path).to_string());
        let authored_description = fm.description.is_some();
        let excerpt = excerpt(split.body, split.body_line, path).unwrap_or_default();
        let description = fm.description.clone().unwrap_or_else(|| {
            if excerpt.is_empty() {
                first_paragraph(&rendered.doc)
            } else {
                excerpt.clone()
            }
        });
        let reviews_papers = papers.holds(path, fm.papers);
        let entries = if reviews_papers {
            entries(&rendered.doc)
        } else {
            Vec::new()
        };
        let words: Vec<String> = rendered.doc.children.iter().map(Node::plain_text).collect();
        let minutes = crate::messages::reading_minutes(&words.join(" "));
        describe_images(&mut rendered.doc, &title, &entries);
        load_first_image_first(&mut rendered.doc.children);
        let authors = fm
            .authors
            .iter()
            .map(|a| match a {
                AuthorRef::Inline(author) => author.clone(),
                AuthorRef::Key(key) => context.authors.get(key).cloned().unwrap_or_else(|| {
                    if !context.authors.is_empty() {
                        diagnostics.push(Diagnostic::warning(
                            1,
                            say!("author `{key}` is not in authors.yml: add them there, or write them out"),
                        ));
                    }
                    Author {
                        name: key.clone(),
                        ..Author::default()
                    }
                }),
            })
            .collect();
        let tags = fm.tags.iter().map(|t| context.tag_label(t)).collect();
        let post = Post {
            path: path.to_string(),
            title,
            date,
            tags,
            authors,
            description,
            draft: fm.draft,
            unlisted: fm.unlisted,
            excerpt,
            position: fm.sidebar_position.clone(),
            math: rendered.has_math,
            entries,
            hash: String::new(),
            minutes,
            aliases: crate::address::aliases(path, fm.slug.as_deref(), fm.id.as_deref()),
            image: fm.image.clone(),
            cited: 0,
        };
        diagnostics.sort_by_key(|d| d.line);
        ParsedPost {
            post,
            rendered,
            imports: prepared.imports,
            diagnostics,
            authored_description,
            reviews_papers,
        }
    }
}

pub use crate::context::{PaperFolders, DEFAULT_PAPER_FOLDER};

fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split('.').next().unwrap_or(name)
}

/// The lines that end a post's excerpt (Docusaurus's truncate markers).
const TRUNCATE: [&str; 2] = ["<!-- truncate -->", "{/* truncate */}"];

/// How much of the text above a truncate marker a list shows.
const EXCERPT_CHARS: usize = 400;

/// The text above the post's truncate marker (`<!-- truncate -->` or
/// `{/* truncate */}` on a line of its own, outside code), its title left
/// out, cut at about [`EXCERPT_CHARS`] characters; `None` without a marker.
fn excerpt(body: &str, body_line: u32, path: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim();
        match fence {
            Some(f) if t.starts_with(f) => fence = None,
            Some(_) => {}
            None if t.starts_with("```") || t.starts_with("~~~") => fence = Some(&t[..3]),
            None if TRUNCATE.contains(&t) => {
                let above = render::render(&mdx::prepare(&body[..at], body_line), path);
                let text: Vec<String> = above
                    .doc
                    .children
                    .iter()
                    .filter(|n| !matches!(n, Node::Element(e) if e.tag() == "h1"))
                    .map(Node::plain_text)
                    .collect();
                let text = text
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                return Some(match text.char_indices().nth(EXCERPT_CHARS) {
                    Some((i, _)) => format!("{}…", &text[..i]),
                    None => text,
                });
            }
            None => {}
        }
        at += line.len();
    }
    None
}

/// The first paragraph's text, cut at about 200 characters.
fn first_paragraph(doc: &Doc) -> String {
    let Some(p) = doc
        .children
        .iter()
        .find(|n| matches!(n, Node::Element(e) if e.tag() == "p"))
    else {
        return String::new();
    };
    let text = p
        .plain_text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match text.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

/// Paper entries: top-level `h2`s that start with `N.` or hold a link.
/// The post's first image is its largest paint on most screens: it loads at
/// once, first among images (`fetchpriority="high"`), not when scrolled to.
fn load_first_image_first(nodes: &mut [Node]) -> bool {
    for node in nodes {
        if let Node::Element(e) = node {
            if e.tag() == "img" {
                e.remove("loading");
                e.set_text("fetchpriority", "high");
                return true;
            }
            if load_first_image_first(&mut e.children) {
                return true;
            }
        }
    }
    false
}

/// Gives every image without alt text (a JSX `<img src={…} />`, `![](…)`)
/// one that says what it belongs to: "Figure for <the paper's title>", or
/// for the post's title before the first entry. `check` warns about each.
fn describe_images(doc: &mut Doc, title: &str, entries: &[PaperEntry]) {
    fn fill(nodes: &mut [Node], label: &str) {
        for node in nodes {
            if let Node::Element(e) = node {
                if e.tag() == "img" && e.attr("alt").is_none_or(|a| a.trim().is_empty()) {
                    e.set_text("alt", format!("Figure for {label}"));
                }
                fill(&mut e.children, label);
            }
        }
    }
    let mut label = title.to_string();
    let mut next = entries.iter().peekable();
    for node in &mut doc.children {
        if let Node::Element(e) = node {
            if e.tag() == "h2" {
                if let Some(entry) = next.next_if(|entry| {
                    e.attr("id") == Some(crate::policy::safe_id(&entry.anchor).as_str())
                }) {
                    label = entry.title.clone();
                }
            }
        }
        fill(std::slice::from_mut(node), &label);
    }
}

fn entries(doc: &Doc) -> Vec<PaperEntry> {
    let blocks: Vec<&Element> = doc
        .children
        .iter()
        .filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .collect();
    let mut out = Vec::new();
    for (i, h) in blocks.iter().enumerate() {
        if h.tag() != "h2" {
            continue;
        }
        let Some(mut entry) = entry_from_heading(h) else {
            continue;
        };
        entry.subtitle = blocks
            .get(i + 1)
            .filter(|n| n.tag() == "h3")
            .map(|n| n.plain_text().trim().to_string());
        out.push(entry);
    }
    out
}

fn entry_from_heading(h: &Element) -> Option<PaperEntry> {
    let anchor = h.attr("id").unwrap_or_default().to_string();
    let mut number = None;
    let mut link: Option<&Element> = None;
    let mut tags = Vec::new();
    let mut loose_text = String::new();
    for (i, child) in h.children.iter().enumerate() {
        match child {
            Node::Text(t) if i == 0 => {
                let t = t.trim_start();
                let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
                match t[digits.len()..].strip_prefix('.') {
                    Some(rest) if !digits.is_empty() => {
                        number = digits.parse().ok();
                        loose_text.push_str(rest);
                    }
                    _ => loose_text.push_str(t),
                }
            }
            Node::Text(t) => loose_text.push_str(t),
            Node::Element(e) if e.tag() == "a" && link.is_none() => link = Some(e),
            Node::Element(e)
                if e.tag() == "code" && (link.is_some() || !loose_text.trim().is_empty()) =>
            {
                let tag = e.plain_text().trim().to_string();
                if !tag.is_empty() && !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            Node::Element(e) => loose_text.push_str(&e.plain_text()),
        }
    }
    if number.is_none() && link.is_none() {
        return None;
    }
    let title = match link {
        Some(a) => a.plain_text(),
        None => loose_text,
    };
    let url = link.and_then(|a| a.target()).map(|t| match t {
        Target::External { url } => url.clone(),
        Target::Post { path, anchor } => crate::doc::post_hash(path, anchor.as_deref()),
        Target::Asset { path, .. } => path.clone(),
    });
    Some(PaperEntry {
        number,
        title: title.trim().to_string(),
        subtitle: None,
        url,
        tags,
        anchor,
    })
}

/// A post with only its path and date, for tests of what lists posts.
#[cfg(test)]
pub(crate) fn test_post(path: &str, date: &str) -> Post {
    Post {
        path: path.into(),
        date: date.into(),
        ..Post::default()
    }
}

#[cfg(test)]
mod paper_folder_tests {
    use super::*;

    const REVIEW: &str =
        "# A day\n\n## 1. [MIRA](https://example.org/mira) `bytedance`\n\n## 2. Intro\n";

    #[test]
    fn papers_are_made_only_where_a_folder_or_the_front_matter_says() {
        let folders = Context::default();
        assert_eq!(
            Post::parse_with("papers/y2025/a.md", REVIEW, &folders)
                .post
                .entries
                .len(),
            2
        );
        // An ordinary blog post: `## 1. Intro` is a section.
        assert!(Post::parse_with("blog/a.md", REVIEW, &folders)
            .post
            .entries
            .is_empty());
        assert!(Post::parse_with("paperslike/a.md", REVIEW, &folders)
            .post
            .entries
            .is_empty());
        // The front matter wins over the folder, both ways.
        let yes = format!("---\npapers: true\n---\n{REVIEW}");
        assert_eq!(
            Post::parse_with("blog/a.md", &yes, &folders)
                .post
                .entries
                .len(),
            2
        );
        let no = format!("---\npapers: false\n---\n{REVIEW}");
        assert!(Post::parse_with("papers/a.md", &no, &folders)
            .post
            .entries
            .is_empty());
        // `""` holds every post; several folders; `./` and a missing `/` are forgiven.
        let every = PaperFolders(vec![String::new()]);
        assert!(every.holds("blog/a.md", None));
        let some = PaperFolders(vec!["./reviews".into(), "docs/papers/".into()]);
        assert!(some.holds("reviews/a.md", None));
        assert!(some.holds("docs/papers/2025/a.md", None));
        assert!(!some.holds("docs/a.md", None));
    }
}

#[cfg(test)]
mod excerpt_tests {
    use super::*;

    #[test]
    fn the_truncate_marker_ends_the_excerpt() {
        let text =
            "# Title\n\nFirst paragraph.\n\nSecond, **bold**.\n\n<!-- truncate -->\n\nThe rest.\n";
        let post = Post::parse("blog/a.md", text).post;
        assert_eq!(post.description, "First paragraph. Second, bold.");
        assert_eq!(post.excerpt, post.description, "shown in lists");
        let mdx = "# T\n\nOnly this.\n\n{/* truncate */}\n\nNot this.\n";
        assert_eq!(
            Post::parse("blog/a.mdx", mdx).post.description,
            "Only this."
        );
        // In code it is code; without one, the first paragraph.
        let code = "# T\n\nIntro.\n\n```md\n<!-- truncate -->\n```\n\nMore.\n";
        assert_eq!(Post::parse("blog/a.md", code).post.description, "Intro.");
        // The author's own description comes first.
        let own = "---\ndescription: Mine\n---\n# T\n\nA.\n\n<!-- truncate -->\n";
        let post = Post::parse("blog/a.md", own).post;
        assert_eq!(
            (post.description.as_str(), post.excerpt.as_str()),
            ("Mine", "A.")
        );
        assert_eq!(Post::parse("blog/a.md", code).post.excerpt, "");
    }
}

#[cfg(test)]
mod author_tests {
    use super::*;

    #[test]
    fn authors_by_key_written_out_or_the_old_way_and_tags_by_label() {
        let context = Context {
            authors: Context::read_authors("kim:\n  name: Kim Minji\n  title: RL\n").unwrap(),
            tags: Context::read_tags("rl:\n  label: Reinforcement learning\n").unwrap(),
            ..Context::default()
        };
        let text = "---\nauthors: [kim, {name: Lee, url: 'https://lee.example'}, nobody]\ntags: [rl, other]\n---\n# T\n";
        let parsed = Post::parse_with("blog/a.md", text, &context);
        let names: Vec<&str> = parsed
            .post
            .authors
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, ["Kim Minji", "Lee", "nobody"]);
        assert_eq!(parsed.post.authors[0].title.as_deref(), Some("RL"));
        // (Its words only where diagnostics are written: the CLI's build.)
        assert!(parsed.diagnostics.iter().any(|d| d.line == 1
            && (!cfg!(feature = "diagnostics")
                || d.message.contains("author `nobody` is not in authors.yml"))));
        assert_eq!(parsed.post.tags, ["Reinforcement learning", "other"]);
        let old = "---\nauthor: Park\nauthor_title: Editor\n---\n# T\n";
        let post = Post::parse_with("blog/b.md", old, &context).post;
        assert_eq!(
            (
                post.authors[0].name.as_str(),
                post.authors[0].title.as_deref()
            ),
            ("Park", Some("Editor"))
        );
        assert_eq!(
            Post::parse_with("blog/c.md", "---\nauthors: kim\n---\n", &context)
                .post
                .authors[0]
                .name,
            "Kim Minji"
        );
    }
}
