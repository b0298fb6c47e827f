//! The safe tree as data: what `papershelf index` writes for each post
//! (`content/_papershelf/drawn/<post>.json`, see [`Drawn`]), so a linked post is drawn
//! in the browser without the Markdown parser, and how that data is read
//! back, checked against the allow-list again as if it came from anywhere.
//!
//! A node is a JSON string (text) or an array: the element's name, its
//! attributes as a flat list of names and values, then its children:
//!
//! ```text
//! ["p", [], "See ", ["a", ["href", {"kind": "post", "path": "a.md", "anchor": "x"}], "this"], "."]
//! ```
//!
//! A value is a string (text), a list of `[property, value]` pairs (`style`),
//! or a [`Target`] (`href`, `src`). An element named `math`, and everything
//! in one, is MathML. [`read`] rebuilds a [`Node`] only from names on the
//! allow-lists of [`crate::policy`] (plus the few the renderer itself
//! writes, with their only values), values that pass the same checks as a
//! post's own markup, and targets that resolve as the link resolver would
//! resolve them; anything else and nothing is read.

use crate::doc::{Attr, AttrValue, Element, Namespace, Node, Target};
use crate::links::{encode_path, is_external, normalize, UrlUse};
use crate::policy::{self, AttrKind};
use crate::post::{ParsedPost, Post};
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;

/// The version of the data [`Drawn`] holds; a reader of another version
/// reads none.
pub const TREE_VERSION: u32 = 1;

/// A post drawn at build time: `content/_papershelf/drawn/<post without extension>.json`.
#[derive(Debug, Serialize)]
pub struct Drawn<'a> {
    /// [`TREE_VERSION`].
    pub version: u32,
    /// The post file's content hash (as `index.json` gives it): the drawing
    /// is used only for exactly that text.
    pub hash: &'a str,
    /// The post's header: path, title, date, tags and entries.
    pub post: &'a Post,
    /// The URL (relative to the site: `content/…`) of the post's first image
    /// in the content directory, which the boot script asks for as soon as
    /// the drawing arrives, before the module that draws it has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The blocks after the title ([`crate::doc::Doc::after_title`]).
    pub body: Nodes<'a>,
}

impl<'a> Drawn<'a> {
    /// The drawing of `parsed` under its index entry `post` (which has its
    /// content hash).
    pub fn of(post: &'a Post, parsed: &'a ParsedPost) -> Self {
        Drawn {
            version: TREE_VERSION,
            hash: &post.hash,
            post,
            image: parsed
                .doc()
                .first_image()
                .map(|path| format!("content/{}", encode_path(&path))),
            body: Nodes(parsed.doc().after_title()),
        }
    }
}

/// Nodes, serialized as described in the module docs.
#[derive(Debug)]
pub struct Nodes<'a>(pub &'a [Node]);

impl Serialize for Nodes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for node in self.0 {
            seq.serialize_element(&NodeData(node))?;
        }
        seq.end()
    }
}

struct NodeData<'a>(&'a Node);

impl Serialize for NodeData<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let el = match self.0 {
            Node::Text(t) => return s.serialize_str(t),
            Node::Element(el) => el,
        };
        let mut seq = s.serialize_seq(Some(2 + el.children.len()))?;
        seq.serialize_element(el.tag())?;
        seq.serialize_element(&AttrsData(el.attrs()))?;
        for child in &el.children {
            seq.serialize_element(&NodeData(child))?;
        }
        seq.end()
    }
}

struct AttrsData<'a>(&'a [Attr]);

impl Serialize for AttrsData<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(2 * self.0.len()))?;
        for attr in self.0 {
            seq.serialize_element(attr.name)?;
            match &attr.value {
                AttrValue::Text(t) => seq.serialize_element(t)?,
                AttrValue::Url(target) => seq.serialize_element(target)?,
                AttrValue::Style(decls) => seq.serialize_element(decls)?,
            }
        }
        seq.end()
    }
}

/// What [`read`] needs of a JSON value: `JSON.parse`'s output in the
/// browser, `serde_json::Value` in tests.
pub trait Data: Sized {
    /// The value as a string, if it is one.
    fn string(&self) -> Option<String>;
    /// The value's items, if it is an array.
    fn items(&self) -> Option<Vec<Self>>;
    /// The value at `key`, if it is an object that has one.
    fn field(&self, key: &str) -> Option<Self>;
}

/// Reads nodes written by [`Nodes`], checking every name, value and target
/// again; `None` when anything is not what the renderer writes.
pub fn read<D: Data>(value: &D) -> Option<Vec<Node>> {
    value
        .items()?
        .iter()
        .map(|n| node(n, Namespace::Html, 0))
        .collect()
}

/// Elements the renderer makes that a post may not write itself.
const OWN_ELEMENTS: &[&str] = &["input", "button"];

/// An attribute the renderer sets beyond a post's own: its name, the
/// elements it sets it on, and the values it gives it (`None`: any text).
type OwnAttr = (
    &'static str,
    &'static [&'static str],
    Option<&'static [&'static str]>,
);

/// Attributes the renderer sets beyond a post's own (`class` is checked by
/// [`is_renderer_class`]).
const OWN_ATTRS: &[OwnAttr] = &[
    (
        "class",
        &["code", "a", "section", "div", "p", "span", "button"],
        None,
    ),
    (
        "role",
        &["div", "span"],
        Some(&["note", "img", "tablist", "tabpanel"]),
    ),
    ("role", &["button"], Some(&["tab"])),
    ("type", &["button"], Some(&["button"])),
    ("aria-selected", &["button"], Some(&["true", "false"])),
    ("tabindex", &["button"], Some(&["0", "-1"])),
    ("aria-controls", &["button"], None),
    ("aria-labelledby", &["div"], None),
    ("hidden", &["div"], Some(&[crate::tabs::HIDDEN_VALUE])),
    (crate::tabs::GROUP_ATTR, &["div"], None),
    (crate::tabs::VALUE_ATTR, &["button"], None),
    ("target", &["a"], Some(&["_blank"])),
    ("rel", &["a"], Some(&["noopener noreferrer"])),
    ("loading", &["img"], Some(&["lazy"])),
    ("fetchpriority", &["img"], Some(&["high"])),
    ("type", &["input"], Some(&["checkbox"])),
    ("disabled", &["input"], Some(&[""])),
    ("checked", &["input"], Some(&[""])),
    ("aria-label", &["input"], None),
    (
        crate::math::MATH_ATTR,
        &["code"],
        Some(&["display", "inline"]),
    ),
];

/// The `class` values the renderer writes ([`crate::render`]): code
/// languages, code blocks' titles and lines ([`crate::code_block`]), math
/// placeholders and failures, footnotes, admonitions, the broken-element
/// marker. A drawing with any other class is refused: it
/// could dress post text as the app's own controls (an update bar, a
/// search field).
pub fn is_renderer_class(value: &str) -> bool {
    const FIXED: &[&str] = &[
        "math",
        "math math-display",
        "math math-failed",
        "math math-display math-failed",
        "footnotes",
        "footnote-backref",
        "admonition-title",
        "ps-broken",
        crate::embed::CARD_CLASS,
        crate::tabs::TABS_CLASS,
        crate::tabs::LIST_CLASS,
        crate::tabs::TAB_CLASS,
        crate::tabs::PANEL_CLASS,
        crate::code_block::BLOCK_CLASS,
        crate::code_block::NUMBERED_CLASS,
        crate::code_block::TITLE_CLASS,
        crate::code_block::LINE_CLASS,
        crate::code_block::HIGHLIGHTED_CLASS,
    ];
    if FIXED.contains(&value) {
        return true;
    }
    if let Some(lang) = value.strip_prefix("language-") {
        return !lang.is_empty()
            && lang
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+'));
    }
    value
        .strip_prefix("admonition admonition-")
        .is_some_and(|kind| crate::mdx::ADMONITIONS.contains(&kind))
}

/// Whether `el`, read whole, is what the renderer writes where its
/// attributes alone cannot tell: a task list's checkbox is an empty,
/// disabled `<input type="checkbox">`, never a field to type in; a tab
/// ([`crate::tabs`]) is a `<button>` with its label only.
fn is_whole(el: &Element) -> bool {
    match el.tag() {
        "input" => {
            el.attr("type") == Some("checkbox")
                && el.attr("disabled").is_some()
                && el.children.is_empty()
        }
        // A tab is a button that switches panels, holding its label only.
        "button" => {
            el.attr("type") == Some("button")
                && el.attr("role") == Some("tab")
                && el.attr("class") == Some(crate::tabs::TAB_CLASS)
                && el.children.iter().all(|c| matches!(c, Node::Text(_)))
        }
        _ => true,
    }
}

fn node<D: Data>(value: &D, parent: Namespace, depth: usize) -> Option<Node> {
    if let Some(text) = value.string() {
        return Some(Node::Text(text));
    }
    if depth > crate::options::MAX_DEPTH {
        return None;
    }
    let items = value.items()?;
    let (name, rest) = items.split_first()?;
    let (attrs, children) = rest.split_first()?;
    let name = name.string()?;
    let mut el = if parent == Namespace::MathMl || name == "math" {
        Element::mathml(&name)?
    } else {
        policy::html_element(&name)
            .or_else(|| OWN_ELEMENTS.iter().copied().find(|own| *own == name))
            .map(Element::own)?
    };
    let attrs = attrs.items()?;
    for pair in attrs.chunks(2) {
        let [name, value] = pair else {
            return None;
        };
        let (name, value) = attr(&el, &name.string()?, value)?;
        if el.attrs().iter().any(|a| a.name == name) {
            return None;
        }
        el.set(name, value);
    }
    for child in children {
        el.push(node(child, el.namespace(), depth + 1)?);
    }
    is_whole(&el).then_some(Node::Element(el))
}

/// An attribute of `el` as the renderer would have written it, or `None`.
fn attr<D: Data>(el: &Element, name: &str, value: &D) -> Option<(&'static str, AttrValue)> {
    if el.namespace() == Namespace::MathMl {
        return Some((policy::mathml_attr(name)?, AttrValue::Text(value.string()?)));
    }
    if let Some((name, kind)) = policy::html_attr(el.tag(), name) {
        let value = match kind {
            AttrKind::Text => {
                let text = value.string()?;
                (policy::text_attr_value(name, &text)? == text).then_some(AttrValue::Text(text))?
            }
            AttrKind::Id => {
                let id = value.string()?;
                (policy::safe_id(&id) == id).then_some(AttrValue::Text(id))?
            }
            AttrKind::Style => {
                let mut decls = Vec::new();
                for pair in value.items()? {
                    let [property, text] = &pair.items()?[..] else {
                        return None;
                    };
                    let (property, text) = (property.string()?, text.string()?);
                    let checked = policy::style_declaration(&property, &text)?;
                    (checked.1 == text).then_some(())?;
                    decls.push(checked);
                }
                AttrValue::Style(decls)
            }
            AttrKind::LinkUrl => AttrValue::Url(target(value, UrlUse::Link)?),
            AttrKind::ImageUrl => AttrValue::Url(target(value, UrlUse::Image)?),
        };
        return Some((name, value));
    }
    let (own, _, values) = OWN_ATTRS
        .iter()
        .find(|(own, on, _)| *own == name && on.contains(&el.tag()))?;
    let text = value.string()?;
    if values.is_some_and(|allowed| !allowed.contains(&text.as_str())) {
        return None;
    }
    if *own == "class" && !is_renderer_class(&text) {
        return None;
    }
    Some((own, AttrValue::Text(text)))
}

/// A link or image target, if it is one the resolver gives.
fn target<D: Data>(value: &D, usage: UrlUse) -> Option<Target> {
    let text = |key: &str| value.field(key).and_then(|v| v.string());
    let target = match text("kind")?.as_str() {
        "external" => {
            let url = text("url")?;
            // Resolved again: the scheme allow-list decides, as for a post's own link.
            is_external(&url, usage).then_some(Target::External { url })?
        }
        "post" => Target::Post {
            path: text("path")?,
            anchor: text("anchor"),
        },
        "asset" => Target::Asset {
            path: text("path")?,
            suffix: text("suffix").unwrap_or_default(),
        },
        _ => return None,
    };
    match &target {
        Target::Post { path, .. }
            if confined(path) && (path.ends_with(".md") || path.ends_with(".mdx")) => {}
        Target::Asset { path, suffix }
            if confined(path)
                && (suffix.is_empty() || suffix.starts_with('?') || suffix.starts_with('#')) => {}
        Target::External { .. } => {}
        _ => return None,
    }
    Some(target)
}

/// Whether `path` stays in the content directory and is written as the
/// resolver writes paths (no `.`, `..` or empty segments).
fn confined(path: &str) -> bool {
    !path.is_empty() && normalize(path).as_deref() == Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post::Post;
    use serde_json::{json, Value};

    impl Data for Value {
        fn string(&self) -> Option<String> {
            self.as_str().map(str::to_string)
        }
        fn items(&self) -> Option<Vec<Self>> {
            self.as_array().cloned()
        }
        fn field(&self, key: &str) -> Option<Self> {
            self.get(key).cloned()
        }
    }

    /// The posts under `dir`, as (path relative to `root`, text).
    fn sample_posts(root: &std::path::Path, dir: &std::path::Path) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).expect("content/ is there").flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(sample_posts(root, &path));
            } else if path.extension().is_some_and(|e| e == "md" || e == "mdx") {
                let text = std::fs::read_to_string(&path).expect("a post is UTF-8");
                let relative = path.strip_prefix(root).expect("under the root");
                out.push((relative.to_string_lossy().replace('\\', "/"), text));
            }
        }
        out
    }

    fn round_trip(nodes: &[Node]) -> Option<Vec<Node>> {
        read(&serde_json::to_value(Nodes(nodes)).expect("serializes"))
    }

    /// Every sample post, and a post with every construct the renderer
    /// writes, reads back exactly as it was written.
    #[test]
    fn every_rendered_construct_reads_back_the_same() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let mut texts = sample_posts(&content, &content);
        assert!(texts.len() >= 10, "the sample site's posts are read");
        texts.push((
            "notes/all.mdx".into(),
            [
                "---\ntitle: All\n---\nimport Fig from './fig.png';\n",
                "# All\n\nText with **strong**, *em*, ~~del~~, `code`, a [post](./other.md#x), ",
                "an [asset](./paper.pdf#page=3), [out](https://example.org/a?b=1), <mailto:a@example.org>.\n\n",
                "![alt](./fig.png \"title\")\n\n",
                "<img src={require('./fig.png').default} style={{width: '60%', textAlign: 'center'}} />\n\n",
                "- [x] done\n- [ ] not yet\n\n3. three\n4. four\n\n",
                "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n",
                ":::tip Title\nInside.\n:::\n\n",
                "Math $x^2$ and\n\n$$\n\\frac{a}{b}\n$$\n\n",
                "A footnote[^1].\n\n[^1]: The note.\n\n",
                "<details open><summary>More</summary>\n\nHidden <span id=\"document\">text</span>.\n\n</details>\n\n",
                "```rust\nfn main() {}\n```\n\n---\n\n![broken](javascript:alert(1))\n\n",
                "```js title=\"a.js\" {2} showLineNumbers\nx();\n// highlight-next-line\ny();\nz();\n```\n",
                "\n<iframe src=\"https://www.youtube.com/embed/x1\" title=\"A talk\"></iframe>\n",
                "\n<Tabs groupId=\"pm\">\n<TabItem value=\"npm\" label=\"npm\">\n\nnpm i\n\n</TabItem>\n<TabItem value=\"yarn\" default>\n\nyarn\n\n</TabItem>\n</Tabs>\n",
            ]
            .concat(),
        ));
        for (path, text) in &texts {
            let parsed = Post::parse(path, text);
            let nodes = &parsed.doc().children;
            assert_eq!(round_trip(nodes).as_deref(), Some(&nodes[..]), "{path}");
        }
        // The last post has every kind of node and value.
        let parsed = Post::parse("notes/all.mdx", &texts.last().expect("added").1);
        let written = serde_json::to_string(&Nodes(&parsed.doc().children)).expect("serializes");
        // (MathML only where the renderer has math: the CLI's build.)
        let math = cfg!(feature = "math").then_some("[\"math\"");
        for part in math.into_iter().chain([
            "[\"input\"",
            "[\"img\"",
            "[\"table\"",
            "[\"details\"",
            "\"style\",[[",
            "\"kind\":\"asset\"",
            "\"kind\":\"post\"",
            "\"role\",\"note\"",
            "\"class\",\"code-title\"",
            "\"role\",\"tab\"",
            "\"class\",\"embed-card\"",
            "\"hidden\",\"until-found\"",
            "\"data-tab-group\",\"pm\"",
            "\"class\",\"code-line highlighted\"",
            "\"class\",\"code-block line-numbers\"",
            "\"fetchpriority\",\"high\"",
            "\"kind\":\"external\"",
        ]) {
            assert!(written.contains(part), "{part} in {written}");
        }
    }

    #[test]
    fn drawn_posts_say_their_version_hash_and_header() {
        let parsed = Post::parse("a.md", "# A\n\nBody.\n");
        let post = Post {
            hash: "0123456789abcdef".into(),
            ..parsed.post.clone()
        };
        let value = serde_json::to_value(Drawn::of(&post, &parsed)).expect("serializes");
        assert_eq!(value["version"], TREE_VERSION);
        assert_eq!(value["hash"], "0123456789abcdef");
        assert_eq!(value["post"]["title"], "A");
        assert_eq!(value["body"], json!([["p", [], "Body."]]));
    }

    /// Data that is not what the renderer writes reads as nothing at all,
    /// whatever part of it is off.
    #[test]
    fn anything_off_the_allow_list_reads_as_nothing() {
        let refused = [
            json!([["script", [], "alert(1)"]]),
            json!([["p", ["onclick", "alert(1)"], "x"]]),
            json!([["a", ["href", {"kind": "external", "url": "javascript:alert(1)"}], "x"]]),
            json!([["a", ["href", {"kind": "external", "url": " javascript:alert(1)"}], "x"]]),
            json!([["img", ["src", {"kind": "external", "url": "data:text/html,<script>"}]]]),
            json!([["a", ["href", {"kind": "asset", "path": "../../secret"}], "x"]]),
            json!([["a", ["href", {"kind": "post", "path": "/etc/passwd.md"}], "x"]]),
            json!([["a", ["href", {"kind": "asset", "path": "a.pdf", "suffix": "x"}], "x"]]),
            json!([["a", ["href", "javascript:alert(1)"], "x"]]),
            json!([["p", ["style", [["background", "url(javascript:x)"]]], "x"]]),
            json!([["p", ["style", [["behavior", "url(x.htc)"]]], "x"]]),
            json!([["a", ["target", "_top"], "x"]]),
            json!([["p", ["id", "cookie"], "x"]]),
            json!([["img", ["width", "100px; x"]]]),
            json!([["p", ["class", "a", "class", "b"], "x"]]),
            json!([["p", ["class"], "x"]]),
            // Classes the renderer never writes: the app's own controls, dressed up.
            json!([["div", ["class", "notice-bar"], "A new version is ready"]]),
            json!([["p", ["class", "admonition admonition-evil"], "x"]]),
            json!([["code", ["class", "language-x\" onclick"], "x"]]),
            // An input is only a task list's disabled checkbox.
            json!([["input", ["type", "text"]]]),
            json!([["input", ["type", "checkbox"]]]),
            json!([["input", []]]),
            json!([["input", ["type", "checkbox", "disabled", ""], "typed text"]]),
            // A button is only a tab: its label, no other kind, nothing inside.
            json!([[
                "button",
                ["type", "submit", "role", "tab", "class", "tab"],
                "x"
            ]]),
            json!([[
                "button",
                ["type", "button", "role", "tab", "class", "notice-bar"],
                "x"
            ]]),
            json!([["button", ["type", "button", "class", "tab"], "x"]]),
            json!([[
                "button",
                ["type", "button", "role", "tab", "class", "tab"],
                ["img", []]
            ]]),
            json!([["div", ["hidden", ""], "x"]]),
            json!([["p", ["data-tab-group", "x"], "x"]]),
            // The renderer's own attributes only where it writes them.
            json!([["p", ["target", "_blank"], "x"]]),
            json!([["a", ["loading", "lazy"], "x"]]),
            json!([["p", ["type", "checkbox"], "x"]]),
            json!([["div", ["data-ps-math", "display"], "x"]]),
            json!([["svg", [], ["p", [], "x"]]]),
            json!([["mi", [], "x"]]),
            json!([["math", [], ["p", [], "x"]]]),
            json!([["math", ["onload", "x"]]]),
            json!([["p"]]),
            json!([[]]),
            json!([1]),
            json!({"p": []}),
        ];
        for value in &refused {
            assert_eq!(read(value), None, "{value}");
        }
        let deep = (0..200).fold(json!("x"), |inner, _| json!(["div", [], inner]));
        assert_eq!(read(&json!([deep])), None, "deeper than the renderer nests");
        // What the renderer writes reads, with its own attributes.
        let fine = json!([[
            "div",
            ["class", "admonition admonition-tip", "role", "note"],
            ["p", ["class", "admonition-title"], "TIP"],
            ["math", ["display", "block"], ["mi", [], "x"]],
            ["input", ["type", "checkbox", "disabled", "", "checked", ""]]
        ]]);
        assert!(read(&fine).is_some());
    }
}
