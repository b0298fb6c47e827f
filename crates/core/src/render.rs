//! Markdown (after the MDX pre-pass) into the safe document tree.
//!
//! pulldown-cmark's events and the tokens of any raw HTML between them are
//! fed to one stack-based tree builder. Raw HTML only ever adds elements and
//! attributes that [`crate::policy`] allows; everything else is dropped (with
//! its content for `<script>`, `<style>` and their kind, keeping it for
//! unknown tags like `<Tabs>`).

use crate::autolink;
use crate::code_block;
use crate::diagnostic::{say, Diagnostic};
use crate::doc::{AttrValue, Doc, Element, Node, Target};
use crate::links::{resolve, UrlUse};
use crate::mdx::{Prepared, ADMONITIONS};
use crate::policy::{self, AttrKind};
use crate::raw_html::{self, Token};
use crate::slug::Slugger;
use crate::tabs;
use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd,
};

pub use crate::options::{cmark_options, MAX_DEPTH};

/// A heading of the rendered post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Its id (`None` for the `# ` title, as in Docusaurus).
    pub id: Option<String>,
    /// Its plain text.
    pub text: String,
    /// 1-based file line.
    pub line: u32,
}

/// The rendered body of a post.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The safe tree.
    pub doc: Doc,
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// Every link target to another post, with its file line (for `check`).
    pub post_links: Vec<(Target, u32)>,
    /// Every link to a page of the site by its address (`/blog/2021/08/26/welcome`,
    /// `/showcase`), with its file line: a post's path or alias, or a page of
    /// the Docusaurus site outside the content (for `check`, a warning).
    pub route_links: Vec<(Target, u32)>,
    /// Every asset an image or link points at, with its file line.
    pub assets: Vec<(String, u32)>,
    /// Whether the post has `$…$` math.
    pub has_math: bool,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// Opened by a Markdown start event; closed by its end event.
    Markdown,
    /// Opened with a Markdown frame to hold its content (`code` in `pre`).
    Inner,
    /// Opened by a raw HTML start tag of this name.
    Html(&'static str),
    /// An unknown raw HTML tag: its content goes to the parent.
    Transparent,
    /// A raw HTML tag dropped with its content (`<script>`).
    Drop,
}

struct Frame {
    el: Option<Element>,
    origin: Origin,
    name: String,
    children: Vec<Node>,
}

struct Builder<'a> {
    post_path: &'a str,
    stack: Vec<Frame>,
    dropping: usize,
    slugger: Slugger,
    out: Rendered,
    table_aligns: Vec<pulldown_cmark::Alignment>,
    cell: usize,
    in_table_head: bool,
    footnotes: Vec<(String, Element)>,
    footnote_order: Vec<String>,
    footnote_numbers: std::collections::HashMap<String, usize>,
    heading_attrs: Option<(Option<String>, u32)>,
    /// What the open `TabItem`s said, until their `Tabs` closes.
    tab_items: tabs::Items,
    /// What the open fenced code block's info string says.
    code_info: Option<code_block::Info>,
    line: u32,
    /// How many open elements take no autolinks (links, code, images).
    no_autolinks: usize,
    /// Raw HTML start tags met with the stack at [`MAX_DEPTH`], by name, not
    /// yet closed. They get no frame: their content goes to the deepest open
    /// one either way, and frames past the cap would make closing tags search,
    /// and popping move children through, ever deeper stacks (quadratic time
    /// on a post of unclosed `<div>` lines). Closed by their end tags, or all
    /// at once when the frame they opened in is popped.
    overflow: std::collections::HashMap<String, usize>,
}

/// Renders a prepared post body.
pub fn render(prepared: &Prepared, post_path: &str) -> Rendered {
    let mut b = Builder {
        post_path,
        stack: vec![Frame {
            el: None,
            origin: Origin::Markdown,
            name: String::new(),
            children: Vec::new(),
        }],
        dropping: 0,
        slugger: Slugger::new(),
        out: Rendered::default(),
        table_aligns: Vec::new(),
        cell: 0,
        in_table_head: false,
        footnotes: Vec::new(),
        footnote_order: Vec::new(),
        footnote_numbers: std::collections::HashMap::new(),
        heading_attrs: None,
        code_info: None,
        tab_items: tabs::Items::default(),
        line: 1,
        no_autolinks: 0,
        overflow: std::collections::HashMap::new(),
    };
    let mut html_block = String::new();
    let mut html_block_line = 1;
    // Where each line of the HTML block being read starts in it, and in the
    // Markdown: a tag's place in the Markdown is how the pre-pass names it.
    let mut html_pieces: Vec<(usize, usize)> = Vec::new();
    // Runs of text events, joined so an autolink literal split by the parser
    // (at `_` or `&`) is found whole.
    let mut text = String::new();
    let mut text_line = 1;
    // The TeX of a display math block being read (see crate::display_math).
    let mut math_block: Option<String> = None;
    // Whether the HTML block being read stands for a hidden line (see crate::mdx).
    let mut hidden_block = false;
    for (event, range) in Parser::new_ext(&prepared.markdown, cmark_options()).into_offset_iter() {
        let line = prepared.line_of(range.start);
        if let Some(tex) = &mut math_block {
            match event {
                Event::Text(t) => tex.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    b.line = line;
                    let tex = math_block.take().unwrap_or_default();
                    b.math(tex.trim_end_matches('\n'), true);
                }
                _ => {}
            }
            continue;
        }
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = &event {
            if info.as_ref() == crate::display_math::INFO && prepared.opens_math(line) {
                if !text.is_empty() {
                    b.line = text_line;
                    b.markdown_text(&std::mem::take(&mut text));
                }
                math_block = Some(String::new());
                continue;
            }
        }
        if let Event::Text(t) = &event {
            if text.is_empty() {
                text_line = line;
            }
            // Text inside a raw HTML element is read as a browser reads it:
            // a legacy entity without `;` (`<span>&copy 2024</span>`) is its
            // character. Only text written as it is in the source: an
            // `&amp;copy` the parser decoded already stays `&copy`.
            let in_html = b
                .stack
                .last()
                .is_some_and(|f| matches!(f.origin, Origin::Html(_)));
            if in_html
                && t.contains('&')
                && prepared.markdown.get(range.clone()) == Some(t.as_ref())
            {
                text.push_str(&crate::raw_html::decode_entities(t));
            } else {
                text.push_str(t);
            }
            continue;
        }
        if !text.is_empty() {
            b.line = text_line;
            b.markdown_text(&std::mem::take(&mut text));
        }
        b.line = line;
        match event {
            Event::Start(Tag::HtmlBlock) => {
                html_block.clear();
                html_pieces.clear();
                html_block_line = b.line;
                hidden_block = prepared.is_hidden(range.start);
            }
            Event::Html(s) => {
                html_pieces.push((html_block.len(), range.start));
                html_block.push_str(&s);
            }
            Event::End(TagEnd::HtmlBlock) if hidden_block => {}
            Event::End(TagEnd::HtmlBlock) => {
                b.line = html_block_line;
                b.raw_html(&std::mem::take(&mut html_block), &html_pieces, prepared);
            }
            Event::InlineHtml(s) => b.raw_html(&s, &[(0, range.start)], prepared),
            Event::Start(tag) => b.start(tag),
            Event::End(tag) => b.end(tag),
            // Gathered above, and handed over before the next other event.
            Event::Text(_) => {}
            Event::Code(c) => b.append(Node::Element(
                Element::own("code").with_child(Node::text(c.as_ref())),
            )),
            Event::InlineMath(m) => b.math(&m, false),
            Event::DisplayMath(m) => b.math(&m, true),
            Event::SoftBreak => b.text("\n"),
            Event::HardBreak => b.append(Node::Element(Element::own("br"))),
            Event::Rule => b.append(Node::Element(Element::own("hr"))),
            Event::TaskListMarker(done) => {
                let mut input = Element::own("input");
                input.set_text("type", "checkbox");
                input.set_text("disabled", "");
                if done {
                    input.set_text("checked", "");
                }
                b.append(Node::Element(input));
            }
            Event::FootnoteReference(label) => b.footnote_ref(&label),
        }
    }
    if !text.is_empty() {
        b.markdown_text(&text);
    }
    b.finish()
}

impl Builder<'_> {
    fn top(&mut self) -> &mut Frame {
        self.stack
            .last_mut()
            .expect("the root frame is never popped")
    }

    fn append(&mut self, node: Node) {
        if self.dropping > 0 {
            return;
        }

        let children = &mut self.top().children;
        if let (Node::Text(new), Some(Node::Text(last))) = (&node, children.last_mut()) {
            last.push_str(new);
            return;
        }
        children.push(node);
    }

    fn text(&mut self, t: &str) {
        if self.dropping > 0 {
            return;
        }
        // Runs of text events (soft breaks, entities) grow one node.
        match self.top().children.last_mut() {
            Some(Node::Text(last)) => last.push_str(t),
            _ => self.top().children.push(Node::text(t)),
        }
    }

    /// Text from Markdown: autolink literals become links, except in code,
    /// links and image descriptions.
    fn markdown_text(&mut self, t: &str) {
        let plain = self.dropping > 0 || self.no_autolinks > 0;
        let links = if plain { Vec::new() } else { autolink::find(t) };
        let mut at = 0;
        for link in links {
            self.text(&t[at..link.range.start]);
            match self.link_element(&link.href, UrlUse::Link) {
                Some(mut a) => {
                    a.push(Node::text(&t[link.range.clone()]));
                    self.append(Node::Element(a));
                }
                None => self.text(&t[link.range.clone()]),
            }
            at = link.range.end;
        }
        self.text(&t[at..]);
    }

    fn push(&mut self, el: Option<Element>, origin: Origin, name: &str) {
        if self.stack.len() >= MAX_DEPTH && matches!(origin, Origin::Html(_) | Origin::Transparent)
        {
            *self.overflow.entry(name.to_string()).or_insert(0) += 1;
            return;
        }
        let el = if self.stack.len() >= MAX_DEPTH {
            None
        } else {
            el
        };
        let origin = if el.is_none() && matches!(origin, Origin::Html(_)) {
            Origin::Transparent
        } else {
            origin
        };
        if origin == Origin::Drop {
            self.dropping += 1;
        }
        if el.as_ref().is_some_and(takes_no_autolinks) {
            self.no_autolinks += 1;
        }
        self.stack.push(Frame {
            el,
            origin,
            name: name.to_string(),
            children: Vec::new(),
        });
    }

    /// Pops the top frame and hands its node to the new top.
    fn pop(&mut self) -> Option<Node> {
        if self.stack.len() <= 1 {
            return None;
        }
        if !self.overflow.is_empty() {
            self.overflow.clear();
        }
        let frame = self.stack.pop()?;
        if frame.el.as_ref().is_some_and(takes_no_autolinks) {
            self.no_autolinks -= 1;
        }
        if frame.origin == Origin::Drop {
            self.dropping -= 1;
            return None;
        }
        match frame.el {
            Some(mut el) => {
                // Keep children the element was made with (an admonition's title).
                if el.children.is_empty() {
                    el.children = frame.children;
                } else {
                    el.children.extend(frame.children);
                }
                if frame.name == "tabs" {
                    el = tabs::finish(el, &mut self.tab_items);
                }
                Some(Node::Element(el))
            }
            None => {
                for child in frame.children {
                    self.append(child);
                }
                None
            }
        }
    }

    fn pop_append(&mut self) {
        if let Some(node) = self.pop() {
            self.append(node);
        }
    }

    /// Pops up to and including the innermost Markdown frame, returning its node.
    fn pop_markdown(&mut self) -> Option<Node> {
        while self.stack.len() > 1 {
            if self.top().origin == Origin::Markdown {
                return self.pop();
            }
            self.pop_append();
        }
        None
    }

    fn start(&mut self, tag: Tag<'_>) {
        let el = match tag {
            Tag::Paragraph => Element::own("p"),
            Tag::Heading { level, id, .. } => {
                self.heading_attrs = Some((id.map(|i| i.to_string()), self.line));
                Element::own(heading_tag(level))
            }
            Tag::BlockQuote(kind) => match kind {
                Some(k) => admonition(blockquote_kind(k), ""),
                None => Element::own("blockquote"),
            },
            Tag::CodeBlock(kind) => {
                self.push(Some(Element::own("pre")), Origin::Markdown, "");
                let mut code = Element::own("code");
                let info = match kind {
                    CodeBlockKind::Fenced(info) => code_block::Info::parse(&info),
                    CodeBlockKind::Indented => code_block::Info::default(),
                };
                if !info.lang.is_empty() {
                    code.set_text("class", format!("language-{}", info.lang));
                }
                self.code_info = Some(info);
                self.push(Some(code), Origin::Inner, "");
                return;
            }
            Tag::List(Some(start)) => {
                let mut ol = Element::own("ol");
                if start != 1 {
                    ol.set_text("start", start.to_string());
                }
                ol
            }
            Tag::List(None) => Element::own("ul"),
            Tag::Item => Element::own("li"),
            Tag::FootnoteDefinition(label) => {
                let mut li = Element::own("li");
                li.set_text("id", format!("fn-{}", policy::safe_id(&label)));
                self.push(Some(li), Origin::Markdown, &label);
                return;
            }
            Tag::Table(aligns) => {
                self.table_aligns = aligns;
                Element::own("table")
            }
            Tag::TableHead => {
                self.in_table_head = true;
                self.cell = 0;
                self.push(Some(Element::own("thead")), Origin::Markdown, "");
                self.push(Some(Element::own("tr")), Origin::Inner, "");
                return;
            }
            Tag::TableRow => {
                self.cell = 0;
                if self.top().el.as_ref().is_some_and(|e| e.tag() == "table") {
                    self.push(Some(Element::own("tbody")), Origin::Inner, "");
                }
                Element::own("tr")
            }
            Tag::TableCell => {
                let mut cell = Element::own(if self.in_table_head { "th" } else { "td" });
                let align = match self.table_aligns.get(self.cell) {
                    Some(pulldown_cmark::Alignment::Left) => Some("left"),
                    Some(pulldown_cmark::Alignment::Center) => Some("center"),
                    Some(pulldown_cmark::Alignment::Right) => Some("right"),
                    _ => None,
                };
                if let Some(a) = align {
                    cell.set(
                        "style",
                        AttrValue::Style(vec![("text-align", a.to_string())]),
                    );
                }
                self.cell += 1;
                cell
            }
            Tag::Emphasis => Element::own("em"),
            Tag::Strong => Element::own("strong"),
            Tag::Strikethrough => Element::own("del"),
            Tag::Superscript => Element::own("sup"),
            Tag::Subscript => Element::own("sub"),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let dest = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                match self.link_element(&dest, UrlUse::Link) {
                    Some(mut a) => {
                        if !title.is_empty() {
                            a.set_text("title", title.to_string());
                        }
                        a
                    }
                    None => {
                        self.push(None, Origin::Markdown, "");
                        return;
                    }
                }
            }
            Tag::Image {
                dest_url, title, ..
            } => match self.link_element(&dest_url, UrlUse::Image) {
                Some(mut img) => {
                    if !title.is_empty() {
                        img.set_text("title", title.to_string());
                    }
                    img
                }
                None => broken("image", &dest_url),
            },
            Tag::MetadataBlock(_)
            | Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {
                self.push(None, Origin::Markdown, "");
                return;
            }
        };
        self.push(Some(el), Origin::Markdown, "");
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some(Node::Element(mut h)) = self.pop_markdown() {
                    let (custom, line) = self.heading_attrs.take().unwrap_or((None, self.line));
                    let text = h.plain_text();
                    let level = h.tag().as_bytes()[1] - b'0';
                    let id = (level > 1).then(|| match custom {
                        Some(c) => self.slugger.unique(c),
                        None => self.slugger.slug(text.trim()),
                    });
                    if let Some(id) = &id {
                        h.set_text("id", policy::safe_id(id));
                    }
                    self.out.headings.push(Heading {
                        level,
                        id,
                        text: text.trim().to_string(),
                        line,
                    });
                    self.append(Node::Element(h));
                }
            }
            TagEnd::Image => {
                if let Some(Node::Element(mut img)) = self.pop_markdown() {
                    if img.tag() == "img" {
                        let mut alt = String::new();
                        alt_text(&img.children, &mut alt);
                        img.children.clear();
                        if alt.trim().is_empty() {
                            self.out.diagnostics.push(Diagnostic::warning(
                                self.line,
                                say!("{}", crate::mdx::NO_ALT),
                            ));
                        }
                        img.set_text("alt", alt);
                    }
                    self.append(Node::Element(img));
                }
            }
            TagEnd::FootnoteDefinition => {
                let label = self
                    .stack
                    .iter()
                    .rev()
                    .find(|f| f.origin == Origin::Markdown)
                    .map(|f| f.name.clone())
                    .unwrap_or_default();
                if let Some(Node::Element(li)) = self.pop_markdown() {
                    self.footnotes.push((label, li));
                }
            }
            TagEnd::CodeBlock => {
                let info = self.code_info.take().unwrap_or_default();
                if let Some(node) = self.pop_markdown() {
                    self.append(match node {
                        Node::Element(pre) => Node::Element(code_block::dress(pre, &info)),
                        other => other,
                    });
                }
            }
            TagEnd::TableHead => {
                self.in_table_head = false;
                if let Some(node) = self.pop_markdown() {
                    self.append(node);
                }
            }
            TagEnd::TableCell => {
                // An empty header cell (a table's top-left corner) heads
                // nothing: a data cell, so no screen reader reads a blank header.
                if let Some(node) = self.pop_markdown() {
                    self.append(match node {
                        Node::Element(th)
                            if th.tag() == "th" && th.children.iter().all(is_blank) =>
                        {
                            let mut td = Element::own("td");
                            for a in th.attrs() {
                                td.set(a.name, a.value.clone());
                            }
                            Node::Element(td)
                        }
                        other => other,
                    });
                }
            }
            TagEnd::Item => {
                if let Some(node) = self.pop_markdown() {
                    self.append(match node {
                        Node::Element(li) => Node::Element(label_task(li)),
                        other => other,
                    });
                }
            }
            TagEnd::Paragraph => {
                // A paragraph left empty by dropped markup (`<svg …>` on its own) is not shown.
                if let Some(node) = self.pop_markdown().filter(|n| !is_blank(n)) {
                    self.append(node);
                }
            }
            _ => {
                if let Some(node) = self.pop_markdown() {
                    self.append(node);
                }
            }
        }
    }

    /// A card that links to what an `<iframe>` of `src` would show (a
    /// YouTube embed links to its watch page), named by its `title` unless
    /// that is a player's generic one, else by the address. `None` for
    /// anything but an http(s) page.
    fn embed_card(&mut self, src: &str, title: Option<&str>) -> Option<Element> {
        let url = match resolve(src, self.post_path, UrlUse::Link) {
            Ok(Target::External { url }) if url.starts_with("http") => url,
            _ => {
                self.out.diagnostics.push(Diagnostic::warning(
                    self.line,
                    say!("an <iframe> is never shown: `{src}` is no web page to link to instead"),
                ));
                return None;
            }
        };
        let url = crate::embed::page_of(&url);
        let title = title
            .map(str::trim)
            .filter(|t| !t.is_empty() && !crate::embed::is_generic_title(t));
        let mut a = self.link_element(&url, UrlUse::Link)?;
        a.push(Node::text(
            title
                .map(str::to_string)
                .unwrap_or_else(|| crate::embed::shown(&url)),
        ));
        // A `span` (shown as a block): it may stand where the iframe was, in a paragraph too.
        let mut card = Element::own("span");
        card.set_text("class", crate::embed::CARD_CLASS);
        card.push(Node::Element(a));
        Some(card)
    }

    /// An `a` or `img` element for a URL, or `None` (with a diagnostic) if refused.
    fn link_element(&mut self, dest: &str, usage: UrlUse) -> Option<Element> {
        match resolve(dest, self.post_path, usage) {
            Ok(target) => {
                let (tag, attr) = if usage == UrlUse::Link {
                    ("a", "href")
                } else {
                    ("img", "src")
                };
                let mut el = Element::own(tag);
                el.set(attr, AttrValue::Url(target.clone()));
                match &target {
                    Target::Post { .. } if is_route_link(dest) => {
                        self.out.route_links.push((target.clone(), self.line))
                    }
                    Target::Post { .. } => self.out.post_links.push((target.clone(), self.line)),
                    Target::Asset { path, .. } => self.out.assets.push((path.clone(), self.line)),
                    Target::External { .. } if usage == UrlUse::Link => {
                        el.set_text("target", "_blank");
                        el.set_text("rel", "noopener noreferrer");
                    }
                    Target::External { .. } => {}
                }
                if usage == UrlUse::Image {
                    el.set_text("loading", "lazy");
                }
                Some(el)
            }
            Err(e) => {
                self.out.diagnostics.push(Diagnostic::warning(
                    self.line,
                    say!("link `{dest}` dropped: {e}"),
                ));
                None
            }
        }
    }

    /// Raw HTML: `html`, whose pieces `(where in html, where in the
    /// Markdown)` the parser gave, of the Markdown `prepared` wrote.
    fn raw_html(&mut self, html: &str, pieces: &[(usize, usize)], prepared: &Prepared) {
        // Tokens come in order, and so do the pieces: one pass over both.
        let mut piece = 0;
        for (at, token) in raw_html::tokenize_at(html) {
            while pieces.get(piece + 1).is_some_and(|(start, _)| *start <= at) {
                piece += 1;
            }
            match token {
                Token::Text(t) => self.text(&t),
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                } => {
                    // A JSX tag naming what no import binds (the pre-pass said
                    // where): shown as a broken image, its attributes dropped.
                    let source = pieces
                        .get(piece)
                        .filter(|(start, _)| *start <= at)
                        .map(|(start, offset)| offset + (at - start));
                    match source.and_then(|s| prepared.unresolved_at(s)) {
                        Some(unresolved) if self.dropping == 0 => {
                            self.append(Node::Element(broken(&name, &format!("{{{unresolved}}}"))))
                        }
                        _ => self.html_start(&name, &attrs, self_closing),
                    }
                }
                Token::End { name } => self.html_end(&name),
            }
        }
    }

    fn html_start(&mut self, name: &str, attrs: &[(String, String)], self_closing: bool) {
        // An `<iframe>` (a video) never loads: a card links to what it shows.
        if name == "iframe" && self.dropping == 0 {
            let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
            if let Some(card) = get("src").and_then(|src| self.embed_card(src, get("title"))) {
                self.append(Node::Element(card));
            }
        }
        if self.dropping > 0 || policy::drops_content(name) {
            // `<embed>` is void: it has no content to drop and no end tag to wait for.
            if policy::drops_content(name) && !self_closing && !policy::is_void(name) {
                self.push(None, Origin::Drop, name);
            }
            return;
        }
        if name == "ps-admonition" {
            let get = |k: &str| {
                attrs
                    .iter()
                    .find(|(n, _)| n == k)
                    .map(|(_, v)| v.as_str())
                    .unwrap_or("")
            };
            let mut el = admonition(get("kind"), "");
            let title = get("title").trim();
            if !title.is_empty() && self.stack.len() < MAX_DEPTH / 2 {
                // The title is inline Markdown (`:::tip[Custom *title*]`).
                let inline = render(&crate::mdx::prepare(title, self.line), self.post_path);
                if let (Some(Node::Element(head)), Some(Node::Element(p))) = (
                    el.children.first_mut(),
                    inline.doc.children.into_iter().next(),
                ) {
                    head.children = p.children;
                }
            }
            self.push(Some(el), Origin::Html("ps-admonition"), name);
            return;
        }
        if name == "tabs" || name == "tabitem" {
            let el = if name == "tabs" {
                tabs::tabs(attrs, &mut self.tab_items)
            } else {
                tabs::panel(attrs, &mut self.slugger, &mut self.tab_items)
            };
            if self_closing {
                let el = if name == "tabs" {
                    tabs::finish(el, &mut self.tab_items)
                } else {
                    el
                };
                self.append(Node::Element(el));
            } else {
                self.push(Some(el), Origin::Html("div"), name);
            }
            return;
        }
        let Some(mut el) = Element::html(name) else {
            if !self_closing && !policy::is_void(name) {
                self.push(None, Origin::Transparent, name);
            }
            return;
        };
        for (an, value) in attrs {
            let Some((an, kind)) = policy::html_attr(el.tag(), an) else {
                continue;
            };
            match kind {
                AttrKind::Text => {
                    if let Some(v) = policy::text_attr_value(an, value) {
                        el.set_text(an, v);
                    }
                }
                AttrKind::Id => el.set_text(an, policy::safe_id(value)),
                AttrKind::Style => {
                    let decls = policy::style_attribute(value);
                    if !decls.is_empty() {
                        el.set(an, AttrValue::Style(decls));
                    }
                }
                AttrKind::LinkUrl | AttrKind::ImageUrl => {
                    let usage = if kind == AttrKind::LinkUrl {
                        UrlUse::Link
                    } else {
                        UrlUse::Image
                    };
                    if let Some(linked) = self.link_element(value, usage) {
                        for a in linked.attrs() {
                            el.set(a.name, a.value.clone());
                        }
                    } else if usage == UrlUse::Image {
                        self.append(Node::Element(broken("img", value)));
                        return;
                    }
                }
            }
        }
        if self_closing || policy::is_void(el.tag()) {
            self.append(Node::Element(el));
        } else {
            let tag = el.tag();
            self.push(Some(el), Origin::Html(tag), name);
        }
    }

    fn html_end(&mut self, name: &str) {
        if self.dropping > 0 {
            if self.top().origin == Origin::Drop && self.top().name == name {
                self.pop();
            }
            return;
        }
        if let Some(open) = self.overflow.get_mut(name) {
            *open -= 1;
            if *open == 0 {
                self.overflow.remove(name);
            }
            return;
        }
        // Close the matching open raw-HTML element, never past a Markdown block.
        let found = self
            .stack
            .iter()
            .rev()
            .take_while(|f| f.origin != Origin::Markdown)
            .position(|f| {
                f.name == name && matches!(f.origin, Origin::Html(_) | Origin::Transparent)
            });
        if let Some(depth) = found {
            for _ in 0..=depth {
                self.pop_append();
            }
        }
    }

    fn footnote_ref(&mut self, label: &str) {
        let next = self.footnote_order.len() + 1;
        let n = *self
            .footnote_numbers
            .entry(label.to_string())
            .or_insert(next);
        if n == next {
            self.footnote_order.push(label.to_string());
        }
        let id = policy::safe_id(label);
        let mut a = Element::own("a");
        a.set(
            "href",
            AttrValue::Url(Target::Post {
                path: self.post_path.to_string(),
                anchor: Some(format!("fn-{id}")),
            }),
        );
        a.set_text("id", format!("fnref-{id}"));
        a.push(Node::text(n.to_string()));
        let mut sup = Element::own("sup");
        sup.push(Node::Element(a));
        self.append(Node::Element(sup));
    }

    fn math(&mut self, tex: &str, display: bool) {
        self.out.has_math = true;
        match crate::math::to_tree(tex, display) {
            Ok(el) => self.append(Node::Element(el)),
            // No renderer in this build: a placeholder the browser's math module fills.
            Err(None) => {
                let mut code = Element::own("code");
                code.set_text("class", if display { "math math-display" } else { "math" });
                code.set_text(
                    crate::math::MATH_ATTR,
                    if display { "display" } else { "inline" },
                );
                code.push(Node::text(tex));
                self.append(Node::Element(code));
            }
            // The renderer could not read it: the TeX, marked, and a diagnostic.
            Err(Some(why)) => {
                let short: String = tex.chars().take(60).collect();
                let more = if short.len() < tex.len() { "…" } else { "" };
                self.out.diagnostics.push(Diagnostic::warning(
                    self.line,
                    say!("math: {why} in `{short}{more}`: it is shown as TeX"),
                ));
                let mut code = Element::own("code");
                code.set_text(
                    "class",
                    if display {
                        "math math-display math-failed"
                    } else {
                        "math math-failed"
                    },
                );
                code.set_text(
                    "title",
                    format!("This formula could not be rendered ({why}); it is shown as TeX."),
                );
                code.push(Node::text(tex));
                self.append(Node::Element(code));
            }
        }
    }

    fn finish(mut self) -> Rendered {
        while self.stack.len() > 1 {
            self.pop_append();
        }
        let root = self.stack.pop().expect("root frame");
        let mut children = root.children;
        if !self.footnotes.is_empty() {
            let mut ol = Element::own("ol");
            let order = &self.footnote_order;
            self.footnotes.sort_by_key(|(label, _)| {
                order.iter().position(|l| l == label).unwrap_or(usize::MAX)
            });
            for (label, mut li) in self.footnotes {
                let mut back = Element::own("a");
                back.set(
                    "href",
                    AttrValue::Url(Target::Post {
                        path: self.post_path.to_string(),
                        anchor: Some(format!("fnref-{}", policy::safe_id(&label))),
                    }),
                );
                back.set_text("class", "footnote-backref");
                back.push(Node::text("↩"));
                li.push(Node::Element(back));
                ol.push(Node::Element(li));
            }
            let mut section = Element::own("section");
            section.set_text("class", "footnotes");
            section.push(Node::Element(Element::own("hr")));
            section.push(Node::Element(ol));
            children.push(Node::Element(section));
        }
        self.out.doc = Doc { children };
        self.out
    }
}

fn heading_tag(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

fn blockquote_kind(k: BlockQuoteKind) -> &'static str {
    match k {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "info",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "danger",
    }
}

/// An admonition box: `div.admonition.admonition-<kind>` with a title line.
fn admonition(kind: &str, title: &str) -> Element {
    let kind = ADMONITIONS
        .iter()
        .find(|k| **k == kind)
        .copied()
        .unwrap_or("note");
    let mut div = Element::own("div");
    div.set_text("class", format!("admonition admonition-{kind}"));
    div.set_text("role", "note");
    let mut head = Element::own("p");
    head.set_text("class", "admonition-title");
    let title = if title.trim().is_empty() {
        kind.to_ascii_uppercase()
    } else {
        title.trim().to_string()
    };
    head.push(Node::text(title));
    div.push(Node::Element(head));
    div
}

/// Elements whose text never becomes an autolink.
fn takes_no_autolinks(el: &Element) -> bool {
    matches!(el.tag(), "a" | "code" | "pre" | "img")
}

/// Whether a node holds nothing but ASCII white space. A `&nbsp;` is
/// content (a spacer paragraph), as in a browser.
/// A task list item (`- [x] text`) with its checkbox named by the item's
/// own text (not its inner lists'), as a screen reader needs: "모델 공개,
/// checkbox, checked".
fn label_task(mut li: Element) -> Element {
    let words = |text: String| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let own_text = |nodes: &[Node]| {
        let mut text = String::new();
        for n in nodes {
            match n {
                Node::Element(e) if matches!(e.tag(), "ul" | "ol") => {}
                n => text.push_str(&n.plain_text()),
            }
        }
        words(text)
    };
    let is_box = |n: &Node| matches!(n, Node::Element(e) if e.tag() == "input");
    let first = |nodes: &[Node]| -> Option<usize> {
        nodes
            .iter()
            .position(|n| matches!(n, Node::Element(_)) || !is_blank(n))
    };
    let label = own_text(&li.children);
    let at = first(&li.children);
    let boxed = match at.map(|i| &mut li.children[i]) {
        // A loose list: the box opens the item's first paragraph, named by it.
        Some(Node::Element(p)) if p.tag() == "p" => {
            let label = words(p.plain_text());
            let i = first(&p.children).filter(|i| is_box(&p.children[*i]));
            i.map(|i| (&mut p.children[i], label))
        }
        Some(n) if is_box(n) => Some((n, label)),
        _ => None,
    };
    if let Some((Node::Element(input), label)) = boxed {
        if !label.is_empty() {
            input.set_text("aria-label", label);
        }
    }
    li
}

fn is_blank(node: &Node) -> bool {
    let blank = |t: &str| t.trim_ascii().is_empty();
    match node {
        Node::Element(e) => e
            .children
            .iter()
            .all(|c| matches!(c, Node::Text(t) if blank(t))),
        Node::Text(t) => blank(t),
    }
}

/// The `alt` text of an image from its content: text, and the `alt` of
/// images nested in it (`![a ![b](x) c](y)` has `alt="a b c"`).
fn alt_text(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.tag() == "img" => out.push_str(e.attr("alt").unwrap_or("")),
            Node::Element(e) => alt_text(&e.children, out),
        }
    }
}

/// A visible marker where an element could not be shown.
fn broken(what: &str, detail: &str) -> Element {
    let mut span = Element::own("span");
    span.set_text("class", "ps-broken");
    span.set_text("role", "img");
    span.push(Node::text(format!("⚠ {what} not shown: {detail}")));
    span
}

/// Whether the link `dest` names a page of the site by its address
/// (`/blog/2021/08/26/welcome`, `/showcase`): absolute, outside `/docs/`,
/// no `.md`/`.mdx`. It may be a post's alias, or a page the Docusaurus site
/// has outside the content (a React page, another docs folder).
fn is_route_link(dest: &str) -> bool {
    let path = dest.trim().split(['#', '?']).next().unwrap_or("");
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/docs/")
        && !path.ends_with(".md")
        && !path.ends_with(".mdx")
}
