//! The safe document tree: the only shape in which post content reaches a page.
//!
//! Every element name and attribute name in a [`Doc`] is a `&'static str`
//! taken from an allow-list in [`crate::policy`]; attribute values are plain
//! text, a checked [`Target`], or a checked list of CSS declarations. The
//! browser maps the tree to DOM nodes with `createElement` and
//! `setAttribute`; the CLI serializes it to HTML with every value escaped.
//! Neither ever hands content to an HTML parser.

use serde::{Deserialize, Serialize};

/// A rendered post body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    /// Top-level block nodes, in order.
    pub children: Vec<Node>,
}

impl Doc {
    /// The blocks after a leading `# ` heading (a post's header shows the
    /// title), or all of them when the body does not open with one.
    ///
    /// ```
    /// use papershelf_core::post::Post;
    /// let parsed = Post::parse("a.md", "# Title\n\nFirst paragraph.\n");
    /// let blocks = parsed.doc().after_title();
    /// assert!(blocks.iter().all(|n| !matches!(n, papershelf_core::doc::Node::Element(e) if e.tag() == "h1")));
    /// assert_eq!(Post::parse("b.md", "Text only.\n").doc().after_title().len(),
    ///            Post::parse("b.md", "Text only.\n").doc().children.len());
    /// ```
    pub fn after_title(&self) -> &[Node] {
        let first = self
            .children
            .iter()
            .position(|n| !matches!(n, Node::Text(t) if t.trim().is_empty()));
        match first {
            Some(i) if matches!(&self.children[i], Node::Element(e) if e.tag() == "h1") => {
                &self.children[i + 1..]
            }
            _ => &self.children,
        }
    }

    /// The path (in the content directory) of the first image that is a
    /// file of the site, if any: what a phone paints largest first, and a
    /// post page's preview image.
    pub fn first_image(&self) -> Option<String> {
        fn walk(nodes: &[Node]) -> Option<String> {
            nodes.iter().find_map(|n| match n {
                Node::Element(el) if el.tag() == "img" => match el.target() {
                    Some(Target::Asset { path, .. }) => Some(path.clone()),
                    _ => None,
                },
                Node::Element(el) => walk(&el.children),
                Node::Text(_) => None,
            })
        }
        walk(&self.children)
    }
}

/// One node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// An element from the allow-list.
    Element(Element),
    /// Text, shown as written (never parsed as markup).
    Text(String),
}

/// Which namespace an element is created in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Namespace {
    /// Ordinary HTML.
    Html,
    /// MathML made by the math renderer (never from raw content).
    MathMl,
}

/// An element whose name and attribute names come from the allow-list.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    tag: &'static str,
    ns: Namespace,
    attrs: Vec<Attr>,
    /// Child nodes, in order.
    pub children: Vec<Node>,
}

/// One attribute: a name from the allow-list and a checked value.
#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    /// The attribute's name, from the allow-list.
    pub name: &'static str,
    /// The attribute's value.
    pub value: AttrValue,
}

/// A checked attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    /// Plain text; set as is.
    Text(String),
    /// A link or image target; turned into a URL by a [`Linker`].
    Url(Target),
    /// CSS declarations whose properties and values passed the allow-list.
    Style(Vec<(&'static str, String)>),
}

/// Where a link or an image points, decided by the core, turned into a URL
/// only at the edge (the browser's route mode, the CLI's output).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Target {
    /// An `http`, `https`, `mailto` or `data:image/…` URL, opened in a new tab when a link.
    External {
        /// The URL, already checked against the scheme allow-list.
        url: String,
    },
    /// Another post (or this one) in the viewer, optionally at a heading.
    Post {
        /// Path of the post file relative to the content directory, e.g. `papers/y2025/oct/20251029.md`.
        path: String,
        /// Heading id to scroll to.
        anchor: Option<String>,
    },
    /// A file in the content directory (images, PDFs), relative to its root.
    Asset {
        /// Path relative to the content directory, percent-decoded.
        path: String,
        /// The `?query` and `#fragment` as written (`#page=3`), or empty.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        suffix: String,
    },
}

impl Element {
    /// An HTML element, if `tag` is on the allow-list for content.
    pub fn html(tag: &str) -> Option<Self> {
        crate::policy::html_element(tag).map(|tag| Self::with_ns(tag, Namespace::Html))
    }

    /// An element the renderer itself makes (tags like `input` for task lists
    /// that content may not write directly).
    pub(crate) fn own(tag: &'static str) -> Self {
        Self::with_ns(tag, Namespace::Html)
    }

    /// A MathML element, if `tag` is on the MathML allow-list.
    pub(crate) fn mathml(tag: &str) -> Option<Self> {
        crate::policy::mathml_element(tag).map(|tag| Self::with_ns(tag, Namespace::MathMl))
    }

    fn with_ns(tag: &'static str, ns: Namespace) -> Self {
        Self {
            tag,
            ns,
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// The element's name.
    pub fn tag(&self) -> &'static str {
        self.tag
    }

    /// The element's namespace.
    pub fn namespace(&self) -> Namespace {
        self.ns
    }

    /// The element's attributes, in order.
    pub fn attrs(&self) -> &[Attr] {
        &self.attrs
    }

    /// The value of a text attribute, if set.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name == name)
            .and_then(|a| match &a.value {
                AttrValue::Text(t) => Some(t.as_str()),
                _ => None,
            })
    }

    /// The target of a `href` or `src` attribute, if set.
    pub fn target(&self) -> Option<&Target> {
        self.attrs.iter().find_map(|a| match &a.value {
            AttrValue::Url(t) => Some(t),
            _ => None,
        })
    }

    /// Sets an attribute the renderer chose; the name must be static and the
    /// value is escaped on output. Replaces an earlier value of the same name.
    pub(crate) fn set(&mut self, name: &'static str, value: AttrValue) {
        if let Some(a) = self.attrs.iter_mut().find(|a| a.name == name) {
            a.value = value;
        } else {
            self.attrs.push(Attr { name, value });
        }
    }

    /// Sets a text attribute the renderer chose.
    pub(crate) fn set_text(&mut self, name: &'static str, value: impl Into<String>) {
        self.set(name, AttrValue::Text(value.into()));
    }

    /// Removes an attribute the renderer set.
    pub(crate) fn remove(&mut self, name: &str) {
        self.attrs.retain(|a| a.name != name);
    }

    /// Appends a child node.
    pub fn push(&mut self, node: Node) {
        self.children.push(node);
    }

    /// The element's text content, markup dropped.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for child in &self.children {
            child.collect_text(&mut out);
        }
        out
    }

    /// Builder form of [`Element::push`].
    pub(crate) fn with_child(mut self, node: Node) -> Self {
        self.children.push(node);
        self
    }
}

/// Elements whose text is kept apart from the text before it.
const SEPARATE: &[&str] = &[
    "p",
    "li",
    "td",
    "th",
    "tr",
    "div",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "summary",
    "details",
    "section",
];

impl Node {
    /// A text node.
    pub fn text(s: impl Into<String>) -> Self {
        Node::Text(s.into())
    }

    /// The node's text content, markup dropped.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        // Iterative, in document order: content may be nested deeply.
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => {
                    // A block or a table cell is a word of its own: two
                    // cells "SAM 2" and "SAM 3" read "SAM 2 SAM 3".
                    if SEPARATE.contains(&e.tag())
                        && out.chars().last().is_some_and(|c| !c.is_whitespace())
                    {
                        out.push(' ');
                    }
                    stack.extend(e.children.iter().rev())
                }
            }
        }
    }
}

/// Turns [`Target`]s into URLs for one place the tree is shown.
pub trait Linker {
    /// The `href` or `src` for a target.
    fn url(&self, target: &Target) -> String;
}

/// The links papershelf uses on a static host: assets under a content base
/// URL, posts as hash routes (`#/post/<path without .md>?id=<anchor>`).
#[derive(Debug, Clone)]
pub struct HashLinker {
    /// The content directory's URL, ending in `/` (for example `content/`).
    pub content_base: String,
}

impl Linker for HashLinker {
    fn url(&self, target: &Target) -> String {
        match target {
            Target::External { url } => url.clone(),
            Target::Asset { path, suffix } => format!(
                "{}{}{}",
                self.content_base,
                crate::paths::encode_path(path),
                suffix
            ),
            Target::Post { path, anchor } => post_hash(path, anchor.as_deref()),
        }
    }
}

/// Where the page of the post at `path` is, relative to the site's post
/// pages (`<url><route_base>`, written by `papershelf publish`): its path
/// without the extension, made a URL path, ending in `/` (`papers/a.md` is
/// `papers/a/`), the URL a Docusaurus site gives the same file.
pub fn post_page_path(path: &str) -> String {
    format!(
        "{}/",
        crate::paths::encode_path(crate::paths::post_stem(path))
    )
}

/// The hash route of a post, as links and bookmarks use it.
pub fn post_hash(path: &str, anchor: Option<&str>) -> String {
    let stem = crate::paths::post_stem(path);
    match anchor {
        Some(a) => format!("#/post/{stem}?id={a}"),
        None => format!("#/post/{stem}"),
    }
}
