//! The MDX subset Docusaurus posts use, turned into plain Markdown + HTML
//! before pulldown-cmark sees it.
//!
//! - `import name from './asset/x.png';` binds `name` to that path and is hidden.
//! - `export …` lines and `{/* comments */}` are hidden.
//! - JSX tags with `{…}` attribute values (`<img src={name} style={{width: 500}} />`)
//!   are rewritten as HTML tags on one line, names resolved through the
//!   imports, literals kept, anything else dropped with a warning. Nothing is
//!   ever evaluated.
//! - `:::note Title` … `:::` admonitions become `<ps-admonition>` blocks.
//!
//! The output is not trusted: it goes through the same allow-list as any
//! raw HTML. Each output line remembers the file line it came from.

use crate::diagnostic::{say, Diagnostic};
use crate::html::escape_attr;
use pulldown_cmark::{Event, Parser, Tag};
use std::borrow::Cow;
use std::ops::Range;

/// One `import name from 'path'` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The bound name.
    pub name: String,
    /// The path as written, relative to the post.
    pub path: String,
    /// 1-based file line.
    pub line: u32,
}

/// The result of the pre-pass.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// Markdown for pulldown-cmark.
    pub markdown: String,
    /// For each output line, the 1-based file line it came from.
    pub line_map: Vec<u32>,
    /// Asset imports, in order.
    pub imports: Vec<Import>,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
    /// Byte offset in `markdown` where each output line starts.
    line_starts: Vec<usize>,
    /// The file lines where a display math block opens (fenced by
    /// [`crate::display_math::fence`]), ascending.
    math_blocks: Vec<u32>,
    /// Byte offsets in `markdown` of the lines that stand for hidden
    /// `import`/`export` lines, ascending.
    hidden: Vec<usize>,
    /// JSX tags with an attribute naming what no import binds: the byte
    /// offset of the tag's `<` in `markdown` and the name, ascending.
    unresolved: Vec<(usize, String)>,
}

impl Prepared {
    /// Whether the fenced code block opening at file line `line` is a
    /// display math block the pre-pass fenced.
    pub fn opens_math(&self, line: u32) -> bool {
        self.math_blocks.binary_search(&line).is_ok()
    }

    /// Whether the HTML block starting at byte `offset` of
    /// [`Prepared::markdown`] stands for a hidden `import`/`export` line:
    /// the renderer draws nothing for it.
    pub fn is_hidden(&self, offset: usize) -> bool {
        self.hidden.binary_search(&offset).is_ok()
    }

    /// The name no import binds in the JSX tag whose `<` is at byte
    /// `offset` of [`Prepared::markdown`], if that tag has one: the
    /// renderer draws it as a broken image.
    pub fn unresolved_at(&self, offset: usize) -> Option<&str> {
        let at = self
            .unresolved
            .binary_search_by_key(&offset, |(o, _)| *o)
            .ok()?;
        Some(&self.unresolved[at].1)
    }

    /// The file line of a byte offset in [`Prepared::markdown`].
    pub fn line_of(&self, offset: usize) -> u32 {
        // `line_starts` is sorted: a binary search keeps rendering linear.
        let out_line = self
            .line_starts
            .partition_point(|start| *start <= offset)
            .saturating_sub(1);
        self.line_map
            .get(out_line)
            .or(self.line_map.last())
            .copied()
            .unwrap_or(1)
    }
}

/// The info string of a fenced block whose content is MDX to render, as
/// Docusaurus renders it (its docs wrap imports and `<Tabs>` in them).
pub const MDX_CODE_BLOCK: &str = "mdx-code-block";

/// `body` with the fence lines of its top-level `mdx-code-block` blocks
/// made blank (so every line keeps its number), or `None` if it has none.
fn unfence_mdx_code_blocks(body: &str) -> Option<String> {
    if !body.contains(MDX_CODE_BLOCK) {
        return None;
    }
    let mut blank: Vec<Range<usize>> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, crate::options::cmark_options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info)))
                if depth == 0 && info.trim() == MDX_CODE_BLOCK =>
            {
                let block = &body[range.clone()];
                let open_end = block.find('\n').map_or(block.len(), |i| i + 1);
                blank.push(range.start..range.start + open_end);
                // The closing fence, if the block has one: its last line, a run
                // of the opening fence's character.
                let fence = block.trim_start().chars().next().unwrap_or('`');
                let inner = block.trim_end_matches('\n');
                let last_start = inner.rfind('\n').map_or(0, |i| i + 1);
                let last = inner[last_start..].trim();
                if last_start >= open_end && last.len() >= 3 && last.chars().all(|c| c == fence) {
                    blank.push(range.start + last_start..range.start + inner.len());
                }
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if blank.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for r in blank {
        out.push_str(&body[at..r.start]);
        if body[r.clone()].ends_with('\n') {
            out.push('\n');
        }
        at = r.end;
    }
    out.push_str(&body[at..]);
    Some(out)
}

/// Admonition kinds Docusaurus knows.
pub const ADMONITIONS: &[&str] = &[
    "note",
    "tip",
    "info",
    "warning",
    "danger",
    "caution",
    "important",
    "success",
    "secondary",
];

/// What a hidden `import`/`export` line becomes in the Markdown: an HTML
/// block (so it ends a list or quote above it, as the line it replaces
/// does), which [`Prepared::is_hidden`] tells the renderer to leave out.
const HIDDEN: &str = "<!---->";

/// How many lines a JSX tag may span before it is taken as text.
const MAX_TAG_LINES: usize = 16;

/// How long a JSX tag may be; a longer one is text. Bounding it keeps the
/// pre-pass linear on lines full of unclosed `<a b={`.
const MAX_TAG_BYTES: usize = 4096;

/// What pulldown-cmark itself reads in the raw post, so the pre-pass never
/// decides on its own what is code: it leaves alone every byte the parser
/// takes as a code block, a code span or math, at any depth (lists, block
/// quotes, tabs), and finds MDX's `import`/`export` only where MDX does.
#[derive(Debug, Default)]
struct Structure {
    /// Byte ranges of code blocks (fenced or indented), fences included.
    blocks: Vec<Range<usize>>,
    /// Byte ranges of code spans and math, sorted.
    spans: Vec<Range<usize>>,
    /// Offsets where a paragraph outside any container starts at column 0.
    top_paragraphs: Vec<usize>,
}

impl Structure {
    fn of(body: &str) -> Structure {
        let mut s = Structure::default();
        let mut depth = 0usize;
        let parser = Parser::new_ext(body, crate::options::cmark_options());
        for (event, range) in parser.into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(_)) => s.blocks.push(range),
                Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                    // In document order, as the parser reads; kept sorted for
                    // the binary searches below without a sort routine.
                    let at = s.spans.partition_point(|r| r.start <= range.start);
                    s.spans.insert(at, range);
                }
                Event::Start(Tag::Paragraph) => {
                    if depth == 0 && (range.start == 0 || body.as_bytes()[range.start - 1] == b'\n')
                    {
                        s.top_paragraphs.push(range.start);
                    }
                    depth += 1;
                }
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        s
    }

    /// Whether any byte of `line` (at `start..end` in the body) is in a code block.
    fn in_code_block(&self, start: usize, end: usize) -> bool {
        let i = self.blocks.partition_point(|r| r.end <= start);
        self.blocks
            .get(i)
            .is_some_and(|r| r.start < end.max(start + 1))
    }

    /// The code spans and math overlapping `start..end`, relative to `start`.
    fn spans_in(&self, start: usize, end: usize) -> impl Iterator<Item = Range<usize>> + '_ {
        let i = self.spans.partition_point(|r| r.end <= start);
        self.spans[i..]
            .iter()
            .take_while(move |r| r.start < end)
            .map(move |r| r.start.saturating_sub(start)..r.end.min(end) - start)
    }

    fn starts_top_paragraph(&self, start: usize) -> bool {
        self.top_paragraphs.binary_search(&start).is_ok()
    }
}

/// Other files a post includes, by their path in the content directory:
/// Docusaurus partials (`import Intro from './_intro.mdx';` and `<Intro />`).
pub type Partials = std::collections::BTreeMap<String, String>;

/// Runs the pre-pass over a post body whose first line is file line `first_line`.
pub fn prepare(body: &str, first_line: u32) -> Prepared {
    prepare_with(body, first_line, "", &Partials::new())
}

/// The partials the post at `post_path` imports (`.md`/`.mdx` files, by
/// their path in the content directory), which [`prepare_with`] inlines
/// where their tags stand: what to read before parsing it.
pub fn partial_paths(post_path: &str, body: &str) -> Vec<String> {
    body.lines()
        .filter_map(|line| partial_import(post_path, line))
        .map(|(_, path)| path)
        .collect()
}

/// An `import Name from './x.mdx';` line's name and the file's path in the
/// content directory, if it imports a Markdown file.
fn partial_import(post_path: &str, line: &str) -> Option<(String, String)> {
    let (name, path) = parse_import(line).flatten()?;
    if !(path.ends_with(".md") || path.ends_with(".mdx")) {
        return None;
    }
    match crate::links::resolve(&path, post_path, crate::links::UrlUse::Image) {
        Ok(crate::doc::Target::Asset { path, .. }) => Some((name, path)),
        _ => None,
    }
}

/// `body` with each line that is only a partial's tag (`<Intro />`) replaced
/// by that partial's body (its front matter left out), and the file line of
/// each line of the result (a partial's lines are its tag's); `None` if
/// nothing is inlined. One level: a partial's own partials stay tags.
fn inline_partials(
    body: &str,
    first_line: u32,
    post_path: &str,
    partials: &Partials,
) -> Option<(String, Vec<u32>)> {
    if partials.is_empty() {
        return None;
    }
    let bound: Vec<(String, &String)> = body
        .lines()
        .filter_map(|l| partial_import(post_path, l))
        .filter_map(|(name, path)| Some((name, partials.get(&path)?)))
        .collect();
    if bound.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(body.len());
    let mut origin = Vec::new();
    let mut fence: Option<String> = None;
    let mut inlined = false;
    for (k, line) in body.split('\n').enumerate() {
        let file_line = first_line + k as u32;
        let t = line.trim();
        let tag = t
            .strip_prefix('<')
            .and_then(|r| r.strip_suffix("/>"))
            .map(str::trim);
        let partial = match (&fence, tag) {
            (None, Some(tag)) => bound.iter().find(|(n, _)| n == tag).map(|(_, text)| *text),
            _ => None,
        };
        if t.starts_with("```") || t.starts_with("~~~") {
            let mark: String = t.chars().take_while(|c| *c == '`' || *c == '~').collect();
            match &fence {
                Some(open) if mark.starts_with(open.as_str()) => fence = None,
                None => fence = Some(mark),
                _ => {}
            }
        }
        match partial {
            Some(text) => {
                inlined = true;
                let split = crate::frontmatter::split(text);
                for part in std::iter::once("")
                    .chain(split.body.split('\n'))
                    .chain(std::iter::once(""))
                {
                    out.push_str(part);
                    out.push('\n');
                    origin.push(file_line);
                }
            }
            None => {
                out.push_str(line);
                out.push('\n');
                origin.push(file_line);
            }
        }
    }
    out.pop();
    inlined.then_some((out, origin))
}

/// Runs the pre-pass over the body of the post at `post_path`, whose first
/// line is file line `first_line`, with the `partials` it may include.
pub fn prepare_with(body: &str, first_line: u32, post_path: &str, partials: &Partials) -> Prepared {
    let inlined = inline_partials(body, first_line, post_path, partials);
    let (body, origin) = match &inlined {
        Some((text, origin)) => (text.as_str(), Some(origin.as_slice())),
        None => (body, None),
    };
    let line_of = |k: usize| match origin {
        Some(o) => o.get(k).or(o.last()).copied().unwrap_or(first_line),
        None => first_line + k as u32,
    };
    // ```mdx-code-block fences hold MDX to render: their fence lines go first.
    let unfenced = unfence_mdx_code_blocks(body);
    let body = unfenced.as_deref().unwrap_or(body);
    let mut structure = Structure::of(body);
    let mut p = Prepared::default();
    // Display math blocks first: their lines are then code to everything below.
    let fenced = crate::display_math::fence(body, &structure.blocks);
    let body = if fenced.lines.is_empty() {
        body
    } else {
        p.math_blocks = fenced.lines.iter().map(|l| line_of(*l)).collect();
        structure = Structure::of(&fenced.text);
        &fenced.text
    };
    let lines: Vec<&str> = body.split('\n').collect();
    let mut starts = Vec::with_capacity(lines.len());
    let mut at = 0;
    for line in &lines {
        starts.push(at);
        at += line.len() + 1;
    }
    let span = |k: usize| (starts[k], starts[k] + lines[k].len());
    p.markdown.reserve(body.len() + 64);
    p.line_starts.reserve(lines.len());
    p.line_map.reserve(lines.len());
    let mut open_admonitions: Vec<usize> = Vec::new();
    // Inside an MDX `import`/`export` block, which runs to the next blank line.
    let mut in_esm = false;
    let mut esm_depth = 0i32;
    let mut esm_lines = 0usize;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].strip_suffix('\r').unwrap_or(lines[i]);
        let (start, end) = span(i);
        let file_line = line_of(i);
        i += 1;
        // An indented line of an open statement is JavaScript, not an indented code block.
        let in_open_esm = in_esm && esm_depth > 0 && esm_lines < MAX_ESM_LINES;
        if structure.in_code_block(start, end) && !in_open_esm {
            in_esm = false;
            push(&mut p, line, file_line);
            continue;
        }
        // MDX reads `import`/`export` only at column 0, where a paragraph
        // starts outside any container (micromark-extension-mdxjs-esm), and
        // to the next blank line. Here the block also ends at a line that
        // cannot continue it (Markdown right after the imports).
        // A statement whose brackets are still open goes on over blank lines
        // too (`export const Card = () => (` … `);`), as the JavaScript
        // parser MDX uses reads it, up to MAX_ESM_LINES.
        let open = esm_depth > 0 && esm_lines < MAX_ESM_LINES;
        let continues = in_esm
            && (open
                || !line.trim().is_empty()
                    && (is_esm(line) || line.starts_with([' ', '\t', '}', ')', ']'])));
        if continues || (structure.starts_top_paragraph(start) && is_esm(line)) {
            if !continues {
                esm_depth = 0;
                esm_lines = 0;
            }
            esm_lines += 1;
            in_esm = true;
            esm_depth += bracket_balance(line);
            esm_line(&mut p, line, file_line);
            // An empty comment, not an empty line: like the import it
            // replaces, it ends a list or quote above it.
            p.hidden.push(p.markdown.len());
            push(&mut p, HIDDEN, file_line);
            continue;
        }
        in_esm = false;
        let trimmed = line.trim_start();
        // An admonition keeps its indentation, so it stays in its list item.
        let indent = &line[..line.len() - trimmed.len()];
        if let Some(colons) = admonition_close(trimmed) {
            if open_admonitions.last().is_some_and(|c| *c <= colons) {
                open_admonitions.pop();
                push(&mut p, "", file_line);
                push(&mut p, &format!("{indent}</ps-admonition>"), file_line);
                push(&mut p, "", file_line);
                continue;
            }
        }
        if let Some((colons, kind, title)) = admonition_open(trimmed) {
            if !ADMONITIONS.contains(&kind.as_str()) {
                p.diagnostics.push(Diagnostic::warning(
                    file_line,
                    say!(
                        "unknown admonition `:::{kind}`: use one of {}",
                        ADMONITIONS.join(", ")
                    ),
                ));
            }
            open_admonitions.push(colons);
            push(&mut p, "", file_line);
            push(
                &mut p,
                &format!(
                    "{indent}<ps-admonition kind=\"{}\" title=\"{}\">",
                    escape_attr(&kind),
                    escape_attr(&title)
                ),
                file_line,
            );
            push(&mut p, "", file_line);
            continue;
        }
        // Join the lines of a JSX tag or an MDX comment that spans several.
        // The tag can only end on a line with `>`, so only those lines
        // trigger a new check. Code never joins in.
        let mut joined = Cow::Borrowed(line);
        let mut spans: Vec<Range<usize>> = structure.spans_in(start, end).collect();
        let mut extra = 0;
        if has_unclosed_jsx(line, &spans) || has_unclosed_comment(line, &spans) {
            let mut more = line.to_string();
            let mut more_spans = spans.clone();
            let mut closed = false;
            while extra < MAX_TAG_LINES && i + extra < lines.len() {
                let (next_start, next_end) = span(i + extra);
                if structure.in_code_block(next_start, next_end) {
                    break;
                }
                let next = lines[i + extra].trim_end_matches('\r');
                more.push(' ');
                let offset = more.len();
                more.push_str(next);
                more_spans.extend(
                    structure
                        .spans_in(next_start, next_end)
                        .map(|r| r.start + offset..r.end + offset),
                );
                extra += 1;
                if (next.contains('>') || next.contains("*/}"))
                    && !has_unclosed_jsx(&more, &more_spans)
                    && !has_unclosed_comment(&more, &more_spans)
                {
                    closed = true;
                    break;
                }
            }
            let worth_it = more.contains("={") || more.contains("{/*");
            if closed && worth_it {
                joined = Cow::Owned(more);
                spans = more_spans;
            } else {
                extra = 0;
            }
        }
        i += extra;
        let (converted, unresolved) =
            convert_line(&joined, &spans, &p.imports, file_line, &mut p.diagnostics);
        let base = p.markdown.len();
        p.unresolved
            .extend(unresolved.into_iter().map(|(at, name)| (base + at, name)));
        push(&mut p, &converted, file_line);
    }
    for _ in open_admonitions {
        let last = line_of(lines.len().saturating_sub(1));
        p.diagnostics.push(Diagnostic::warning(
            last,
            say!("an admonition is not closed: add a `:::` line after its content"),
        ));
        push(&mut p, "", last);
        push(&mut p, "</ps-admonition>", last);
    }
    if p.markdown.ends_with('\n') {
        p.markdown.pop();
    }
    p
}

/// The most lines one `import`/`export` statement is read over while its
/// brackets are open: a bracket the count gets wrong (in a JSX text, say)
/// never hides the rest of the post.
const MAX_ESM_LINES: usize = 200;

/// Whether a line starts an MDX `import`/`export` block (at column 0).
fn is_esm(line: &str) -> bool {
    line.starts_with("import ") || line.starts_with("export ")
}

/// How many more brackets a line of JavaScript opens than it closes
/// (strings skipped): an `export const x = {` block goes on until it is 0.
fn bracket_balance(line: &str) -> i32 {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in line.chars() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' | '`' => quote = Some(c),
                '{' | '(' | '[' => depth += 1,
                '}' | ')' | ']' => depth -= 1,
                _ => {}
            },
        }
    }
    depth
}

/// Reads one line of an `import`/`export` block: an asset import binds its
/// name; a line that is no JavaScript Docusaurus could build is reported.
fn esm_line(p: &mut Prepared, line: &str, file_line: u32) {
    match parse_import(line) {
        // A component import (`@theme/Tabs`) binds nothing: its tags show their content only.
        Some(Some((name, path))) => p.imports.push(Import {
            name,
            path,
            line: file_line,
        }),
        Some(None) => {}
        None if line.starts_with("import ") && !is_bare_import(line) => {
            p.diagnostics.push(Diagnostic::warning(
                file_line,
                say!(
                    "a paragraph starting with `import ` is read as an MDX import and hidden: \
                     reword it, or indent it by one space to keep it as text"
                ),
            ))
        }
        None => {}
    }
}

/// `import './style.css';` or `import '@site/x';`: an import for its effect.
fn is_bare_import(line: &str) -> bool {
    let rest = line["import ".len()..].trim().trim_end_matches(';').trim();
    rest.len() >= 2
        && (rest.starts_with('\'') && rest.ends_with('\'')
            || rest.starts_with('"') && rest.ends_with('"'))
}

fn push(p: &mut Prepared, line: &str, file_line: u32) {
    p.line_starts.push(p.markdown.len());
    p.markdown.push_str(line);
    p.markdown.push('\n');
    p.line_map.push(file_line);
}

/// `import name from './path';`: `Some(Some(..))` for an asset binding,
/// `Some(None)` for any other import (hidden, no binding), `None` if not an import.
fn parse_import(line: &str) -> Option<Option<(String, String)>> {
    let rest = line.strip_prefix("import ")?;
    let (name, from) = rest.split_once(" from ")?;
    let name = name.trim();
    let from = from.trim().trim_end_matches(';').trim();
    let quote = from.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let path = from.strip_prefix(quote)?.strip_suffix(quote)?;
    let is_ident = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    let is_relative = path.starts_with("./") || path.starts_with("../");
    // `@site/static/img/a.png`: a file of the site (a component, such as
    // `@site/src/components/X`, binds nothing).
    let is_site_file = path.starts_with("@site/")
        && path
            .rsplit('/')
            .next()
            .and_then(|f| f.rsplit_once('.'))
            .is_some_and(|(_, ext)| {
                !["js", "jsx", "ts", "tsx", "md", "mdx", "json"].contains(&ext)
            });
    Some((is_ident && (is_relative || is_site_file)).then(|| (name.to_string(), path.to_string())))
}

fn admonition_open(line: &str) -> Option<(usize, String, String)> {
    let colons = line.bytes().take_while(|b| *b == b':').count();
    if colons < 3 {
        return None;
    }
    let rest = &line[colons..];
    let kind_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    if kind_len == 0 {
        return None;
    }
    let kind = rest[..kind_len].to_ascii_lowercase();
    let after = rest[kind_len..].trim();
    let title = if let Some(t) = after.strip_prefix('[') {
        t.strip_suffix(']').unwrap_or(t).to_string()
    } else {
        after.to_string()
    };
    Some((colons, kind, title))
}

fn admonition_close(line: &str) -> Option<usize> {
    let t = line.trim_end();
    let colons = t.bytes().take_while(|b| *b == b':').count();
    (colons >= 3 && colons == t.len()).then_some(colons)
}

/// The span of `spans` (sorted, not overlapping) that holds byte `at`.
fn covering(spans: &[Range<usize>], at: usize) -> Option<&Range<usize>> {
    let i = spans.partition_point(|r| r.end <= at);
    spans.get(i).filter(|r| r.start <= at)
}

/// Whether a line holds a JSX tag with `{` that does not end on it
/// (outside the code spans and math at `spans`).
fn has_unclosed_jsx(line: &str, spans: &[Range<usize>]) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    while let Some(off) = line[i..].find('<') {
        let at = i + off;
        if let Some(span) = covering(spans, at) {
            i = span.end;
            continue;
        }
        if b.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
            match parse_jsx_tag(&line[at..]) {
                JsxParse::Incomplete => return true,
                JsxParse::Tag(tag) => {
                    i = at + tag.len;
                    continue;
                }
                JsxParse::NotATag => {}
            }
        }
        i = at + 1;
    }
    false
}

/// Whether the last `{/*` of a line (outside code and math) is not closed by `*/}`.
fn has_unclosed_comment(line: &str, spans: &[Range<usize>]) -> bool {
    let mut i = 0;
    let mut open = false;
    while let Some(off) = line[i..].find(if open { "*/}" } else { "{/*" }) {
        let at = i + off;
        if let Some(span) = covering(spans, at) {
            i = span.end.max(at + 1);
            continue;
        }
        open = !open;
        i = at + 3;
    }
    open
}

/// A JSX attribute value as written.
#[derive(Debug, Clone, PartialEq)]
enum JsxValue {
    /// `attr` with no value.
    Bare,
    /// `attr="text"` or `attr='text'`.
    Quoted(String),
    /// `attr={expression}`: the text between the braces.
    Expr(String),
}

#[derive(Debug, Clone, PartialEq)]
struct JsxTag {
    name: String,
    attrs: Vec<(String, JsxValue)>,
    self_closing: bool,
    len: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum JsxParse {
    Tag(JsxTag),
    Incomplete,
    NotATag,
}

/// Parses a JSX opening tag at the start of `s` (which starts with `<`).
fn parse_jsx_tag(s: &str) -> JsxParse {
    let window = floor_char_boundary(s, MAX_TAG_BYTES);
    match parse_jsx_tag_within(&s[..window]) {
        JsxParse::Incomplete if window < s.len() => JsxParse::NotATag,
        other => other,
    }
}

/// The largest char boundary of `s` at or below `at`.
fn floor_char_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    let mut i = at;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn parse_jsx_tag_within(s: &str) -> JsxParse {
    let b = s.as_bytes();
    let mut j = 1;
    while b
        .get(j)
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_'))
    {
        j += 1;
    }
    if j == 1 {
        return JsxParse::NotATag;
    }
    let name = s[1..j].to_string();
    let mut attrs = Vec::new();
    loop {
        while b.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        match b.get(j) {
            None => return JsxParse::Incomplete,
            Some(b'>') => {
                return JsxParse::Tag(JsxTag {
                    name,
                    attrs,
                    self_closing: false,
                    len: j + 1,
                })
            }
            Some(b'/') if b.get(j + 1) == Some(&b'>') => {
                return JsxParse::Tag(JsxTag {
                    name,
                    attrs,
                    self_closing: true,
                    len: j + 2,
                })
            }
            Some(b'{') => {
                // `{...spread}`: skipped, never evaluated.
                match balanced(s, j) {
                    Some(end) => {
                        attrs.push((
                            "{spread}".to_string(),
                            JsxValue::Expr(s[j + 1..end - 1].to_string()),
                        ));
                        j = end;
                        continue;
                    }
                    None => return JsxParse::Incomplete,
                }
            }
            _ => {}
        }
        let start = j;
        while b
            .get(j)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':'))
        {
            j += 1;
        }
        if j == start {
            return JsxParse::NotATag;
        }
        let an = s[start..j].to_string();
        while b.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if b.get(j) != Some(&b'=') {
            attrs.push((an, JsxValue::Bare));
            continue;
        }
        j += 1;
        while b.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        match b.get(j) {
            None => return JsxParse::Incomplete,
            Some(q @ (b'"' | b'\'')) => match s[j + 1..].find(*q as char) {
                Some(close) => {
                    attrs.push((an, JsxValue::Quoted(s[j + 1..j + 1 + close].to_string())));
                    j += close + 2;
                }
                None => return JsxParse::Incomplete,
            },
            Some(b'{') => match balanced(s, j) {
                Some(end) => {
                    attrs.push((an, JsxValue::Expr(s[j + 1..end - 1].trim().to_string())));
                    j = end;
                }
                None => return JsxParse::Incomplete,
            },
            Some(_) => return JsxParse::NotATag,
        }
    }
}

/// The end (exclusive) of the `{…}` group starting at `start`, skipping strings.
fn balanced(s: &str, start: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut j = start;
    while j < b.len() {
        let c = b[j];
        match quote {
            Some(_) if c == b'\\' => j += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'\'' | b'"' | b'`' => quote = Some(c),
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(j + 1);
                    }
                }
                _ => {}
            },
        }
        j += 1;
    }
    None
}

/// Rewrites the JSX in one (joined) line and drops its MDX comments,
/// leaving the code spans and math at `spans` (sorted, relative to the line)
/// alone. Also returns, for each tag with a name no import binds, where its
/// `<` is in the rewritten line and the name.
fn convert_line<'a>(
    line: &'a str,
    spans: &[Range<usize>],
    imports: &[Import],
    file_line: u32,
    diags: &mut Vec<Diagnostic>,
) -> (Cow<'a, str>, Vec<(usize, String)>) {
    let mut unresolved = Vec::new();
    if !line.contains('{') {
        return (Cow::Borrowed(line), unresolved);
    }
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut spans = spans.iter().peekable();
    let mut i = 0;
    while i < b.len() {
        while spans.peek().is_some_and(|r| r.end <= i) {
            spans.next();
        }
        if let Some(span) = spans.peek().filter(|r| r.start <= i) {
            let end = span.end.min(b.len());
            out.push_str(&line[i..end]);
            i = end;
            continue;
        }
        match b[i] {
            b'{' if line[i..].starts_with("{/*") => match line[i..].find("*/}") {
                Some(end) => i += end + 3,
                None => {
                    out.push('{');
                    i += 1;
                }
            },
            // `{' '}`, `{'text'}`, `{"text"}`, `` {`text`} ``: the string, as text.
            b'{' => match string_expression(&line[i..]) {
                Some((text, len)) => {
                    out.push_str(&as_text(&text));
                    i += len;
                }
                None => {
                    out.push('{');
                    i += 1;
                }
            },
            b'<' if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                match parse_jsx_tag(&line[i..]) {
                    JsxParse::Tag(tag)
                        if tag
                            .attrs
                            .iter()
                            .any(|(_, v)| matches!(v, JsxValue::Expr(_))) =>
                    {
                        let (html, name) = to_html(&tag, imports, file_line, diags);
                        if let Some(name) = name {
                            unresolved.push((out.len(), name));
                        }
                        out.push_str(&html);
                        i += tag.len;
                    }
                    _ => {
                        out.push('<');
                        i += 1;
                    }
                }
            }
            _ => {
                let ch_len = line[i..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&line[i..i + ch_len]);
                i += ch_len;
            }
        }
    }
    (Cow::Owned(out), unresolved)
}

/// What `check` says about an image without alt text (which the viewer
/// names "Figure for <the paper's title>").
pub const NO_ALT: &str = "image without alt text: the viewer calls it \"Figure for\" and the paper's title; describe the image in `alt`";

/// Writes a JSX tag as an HTML tag, and the first name in it that no
/// import binds, if there is one (the attribute is left out).
fn to_html(
    tag: &JsxTag,
    imports: &[Import],
    file_line: u32,
    diags: &mut Vec<Diagnostic>,
) -> (String, Option<String>) {
    let mut unresolved = None;
    let mut out = format!("<{}", tag.name);
    let described = tag.attrs.iter().any(|(name, value)| {
        name == "alt" && !matches!(value, JsxValue::Quoted(s) if s.trim().is_empty())
    });
    if tag.name == "img" && !described {
        diags.push(Diagnostic::warning(file_line, say!("{}", NO_ALT)));
    }
    for (name, value) in &tag.attrs {
        let name = if name == "className" {
            "class"
        } else {
            name.as_str()
        };
        let text = match value {
            JsxValue::Bare => Some(String::new()),
            JsxValue::Quoted(s) => Some(s.clone()),
            JsxValue::Expr(e) if name == "style" => Some(style_object(e, file_line, diags)),
            // Docusaurus's older tabs API: `<Tabs values={[{label: 'Yarn', value: 'yarn'}]}>`.
            JsxValue::Expr(e) if tag.name == "Tabs" && name == "values" => {
                crate::tabs::values_attr(e)
            }
            JsxValue::Expr(e) => match literal(e).or_else(|| required(e)) {
                Some(Literal::Text(s)) => Some(s),
                Some(Literal::Bool(true)) => Some(String::new()),
                Some(Literal::Bool(false)) => None,
                None if is_identifier(e) => match imports.iter().find(|im| im.name == *e) {
                    Some(im) => Some(im.path.clone()),
                    None => {
                        diags.push(Diagnostic::error(
                            file_line,
                            say!("unknown name `{e}` in `<{} {name}={{{e}}}>`: add `import {e} from './asset/…';` at the top of the post", tag.name),
                        ));
                        unresolved.get_or_insert_with(|| e.to_string());
                        None
                    }
                },
                None => {
                    diags.push(Diagnostic::warning(
                        file_line,
                        say!("the expression `{{{e}}}` in `<{}>` is not evaluated: use a name bound by an import, a string or a number", tag.name),
                    ));
                    None
                }
            },
        };
        if let Some(text) = text {
            if name == "{spread}" {
                continue;
            }
            out.push_str(&format!(" {}=\"{}\"", name, escape_attr(&text)));
        }
    }
    out.push_str(if tag.self_closing { " />" } else { ">" });
    (out, unresolved)
}

enum Literal {
    Text(String),
    Bool(bool),
}

/// A JS string, number or boolean literal.
fn literal(e: &str) -> Option<Literal> {
    let e = e.trim();
    if e == "true" || e == "false" {
        return Some(Literal::Bool(e == "true"));
    }
    if let Some(q) = e.chars().next().filter(|c| matches!(c, '\'' | '"' | '`')) {
        let inner = e.strip_prefix(q)?.strip_suffix(q)?;
        if q == '`' && inner.contains("${") {
            return None;
        }
        return Some(Literal::Text(
            inner.replace("\\'", "'").replace("\\\"", "\""),
        ));
    }
    let is_number = !e.is_empty()
        && e.len() <= 12
        && e.bytes().all(|c| c.is_ascii_digit() || c == b'.')
        && e.matches('.').count() <= 1;
    is_number.then(|| Literal::Text(e.to_string()))
}

/// The longest string expression read as text: a longer one stays as written.
const MAX_STRING_EXPRESSION: usize = 256;

/// The text of the string expression `s` starts with (`{'a'}`, `{"a"}`, or
/// a template literal with no `${…}`), and its length; `None` for anything
/// else (`{'a' + b}`, `{name}`). Reads at most [`MAX_STRING_EXPRESSION`]
/// bytes, so a line of unclosed braces stays linear.
fn string_expression(s: &str) -> Option<(String, usize)> {
    let s = &s[..floor_char_boundary(s, MAX_STRING_EXPRESSION)];
    let body = s.strip_prefix('{')?;
    let open = body.len() - body.trim_start().len();
    let mut chars = body[open..].char_indices();
    let (_, q) = chars
        .next()
        .filter(|(_, c)| matches!(c, '\'' | '"' | '`'))?;
    let mut text = String::new();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => match chars.next()?.1 {
                'n' => text.push('\n'),
                't' => text.push('\t'),
                other => text.push(other),
            },
            c if c == q => {
                let after = &body[open + at + 1..];
                let rest = after.trim_start();
                return rest
                    .starts_with('}')
                    .then(|| (text, 1 + open + at + 1 + (after.len() - rest.len()) + 1));
            }
            '$' if q == '`' && body[open + at + 1..].starts_with('{') => return None,
            c => text.push(c),
        }
    }
    None
}

/// `text` as Markdown that reads as exactly that text: every ASCII
/// punctuation mark written as a character reference.
fn as_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push_str(&format!("&#{};", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The path in `require('./asset/a.png').default` (or without `.default`),
/// which Docusaurus documents for images: read as the import of that path
/// would be, never evaluated.
fn required(e: &str) -> Option<Literal> {
    let call = e
        .trim()
        .strip_prefix("require")?
        .trim_start()
        .strip_prefix('(')?;
    let (argument, after) = call.rsplit_once(')')?;
    if !matches!(after.trim(), "" | ".default") {
        return None;
    }
    match literal(argument)? {
        Literal::Text(path) if !path.contains('`') => Some(Literal::Text(path)),
        _ => None,
    }
}

fn is_identifier(e: &str) -> bool {
    let mut chars = e.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// Properties React writes without a unit.
const UNITLESS: &[&str] = &[
    "fontWeight",
    "lineHeight",
    "opacity",
    "zIndex",
    "flex",
    "flexGrow",
    "flexShrink",
    "order",
];

/// `{textAlign: 'center', width: 500}` (the text between the outer braces)
/// as CSS. Values that are not literals are dropped with a warning.
fn style_object(expr: &str, file_line: u32, diags: &mut Vec<Diagnostic>) -> String {
    let inner = expr
        .trim()
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or("");
    let mut css = String::new();
    for entry in split_top_level(inner) {
        let Some((key, value)) = entry.split_once(':') else {
            continue;
        };
        let key = key.trim().trim_matches(|c| c == '\'' || c == '"');
        let value = value.trim();
        let value = match literal(value) {
            Some(Literal::Text(v))
                if value.starts_with(|c: char| c.is_ascii_digit()) && !UNITLESS.contains(&key) =>
            {
                format!("{v}px")
            }
            Some(Literal::Text(v)) => v,
            _ => {
                diags.push(Diagnostic::warning(
                    file_line,
                    say!("style `{key}: {value}` is not a plain value and was dropped"),
                ));
                continue;
            }
        };
        css.push_str(&format!("{key}:{value};"));
    }
    css
}

/// Splits on commas outside quotes and brackets.
fn split_top_level(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' | '`' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&s[start..i]);
                    start = i + 1;
                }
                _ => {}
            },
        }
    }
    if !s[start..].trim().is_empty() {
        parts.push(&s[start..]);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_are_bound_and_hidden() {
        let p = prepare(
            "import img0 from './asset/img0.png';\nimport Tabs from '@theme/Tabs';\n\n# Title\n",
            1,
        );
        assert_eq!(
            p.imports,
            vec![Import {
                name: "img0".into(),
                path: "./asset/img0.png".into(),
                line: 1
            }]
        );
        assert_eq!(p.markdown, "<!---->\n<!---->\n\n# Title\n");
        assert_eq!(p.line_map, vec![1, 2, 3, 4, 5]);
    }

    /// The renderer knows a hidden line by where the pre-pass put it, not
    /// by what it says: an author's own empty comment is not one.
    #[test]
    fn hidden_lines_are_known_by_their_place() {
        let p = prepare("import a from './a.png';\n\n<!---->\n", 1);
        assert_eq!(p.markdown, "<!---->\n\n<!---->\n");
        assert!(p.is_hidden(0));
        assert!(!p.is_hidden(p.markdown.rfind("<!---->").unwrap()));
    }

    #[test]
    fn jsx_image_blocks_become_html() {
        let p = prepare("import a from './asset/a.png';\n<div style={{textAlign: 'center'}}>\n <img src={a} style={{width: 500}} />\n</div>", 1);
        assert_eq!(p.markdown, "<!---->\n<div style=\"textAlign:center;\">\n <img src=\"./asset/a.png\" style=\"width:500px;\" />\n</div>");
        // Without alt text: `check` says so, on the image's line.
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].line, 3);
        let p = prepare(
            "import a from './asset/a.png';\n<img src={a} alt=\"Results table\" />",
            1,
        );
        assert!(p.diagnostics.is_empty());
        let p = prepare(
            "import a from './asset/a.png';\n<img src={a} alt=\" \" />",
            1,
        );
        assert_eq!(p.diagnostics.len(), 1, "blank alt text is none");
    }

    #[test]
    fn a_tag_over_several_lines_is_joined() {
        let p = prepare(
            "import a from './a.png';\n<img\n  src={a}\n  style={{width: '80%'}}\n/>\nafter",
            10,
        );
        assert_eq!(
            p.markdown,
            "<!---->\n<img src=\"./a.png\" style=\"width:80%;\" />\nafter"
        );
        assert_eq!(p.line_map, vec![10, 11, 15]);
    }

    #[test]
    #[cfg(feature = "diagnostics")]
    fn unknown_names_are_marked_and_reported() {
        let p = prepare("<img src={nope} alt=\"x\" />", 7);
        assert_eq!(p.markdown, "<img alt=\"x\" />");
        assert_eq!(
            p.unresolved_at(0),
            Some("nope"),
            "the tag is named by its place"
        );
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].line, 7);
        assert!(p.diagnostics[0].message.contains("unknown name `nope`"));
    }

    #[test]
    fn required_images_are_read_as_imports() {
        let p = prepare(
            "<img src={require('./asset/a.png').default} alt=\"A\" />\n<img src={ require(\"./b.png\") } alt=\"B\" />",
            1,
        );
        assert_eq!(
            p.markdown,
            "<img src=\"./asset/a.png\" alt=\"A\" />\n<img src=\"./b.png\" alt=\"B\" />"
        );
        assert!(p.diagnostics.is_empty());
        // Anything else around it is an expression, never evaluated.
        for expr in [
            "require('./a.png').default.x",
            "require(x)",
            "require('./a.png' + y)",
            "require(`./${x}.png`)",
            "requireAll('./a.png')",
        ] {
            let p = prepare(&format!("<img src={{{expr}}} alt=\"x\" />"), 1);
            assert_eq!(p.markdown, "<img alt=\"x\" />", "{expr}");
        }
    }

    #[test]
    fn expressions_are_never_evaluated() {
        let p = prepare(
            "<img src={alert(1)} onClick={() => steal()} alt=\"x\" />",
            1,
        );
        assert_eq!(p.markdown, "<img alt=\"x\" />");
        assert_eq!(p.diagnostics.len(), 2);
    }

    #[test]
    fn code_is_left_alone() {
        let src =
            "```jsx\nimport a from './a.png';\n<img src={a} />\n```\nInline `<img src={a} />` too.";
        assert_eq!(prepare(src, 1).markdown, src);
    }

    #[test]
    fn admonitions_become_blocks() {
        let p = prepare(":::tip[Read this]\nBody\n:::", 1);
        assert_eq!(
            p.markdown,
            "\n<ps-admonition kind=\"tip\" title=\"Read this\">\n\nBody\n\n</ps-admonition>\n"
        );
        let p = prepare(":::note Old style title\nx\n:::", 1);
        assert!(p.markdown.contains("title=\"Old style title\""));
    }

    #[test]
    fn mdx_comments_vanish() {
        assert_eq!(prepare("a {/* hidden */} b", 1).markdown, "a  b");
    }
}
