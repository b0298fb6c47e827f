//! Fenced code blocks as Docusaurus writes them: the info string's language,
//! `title="…"`, `{1,3-4}` line ranges and `showLineNumbers`, and the magic
//! comments (`// highlight-next-line`, `// highlight-start` …
//! `// highlight-end`) that highlight lines and are removed.
//!
//! ````text
//! ```js title="src/config.js" {2} showLineNumbers
//! ````
//!
//! The renderer (`render.rs`) turns a block with any of these into
//!
//! ```html
//! <div class="code-block line-numbers">
//!   <div class="code-title">src/config.js</div>
//!   <pre><code class="language-js"><span class="code-line">…
//! </span><span class="code-line highlighted">…
//! </span></code></pre>
//! </div>
//! ```
//!
//! and leaves a plain block as `<pre><code>`. Each line keeps its newline,
//! so the code's text (copied, searched) is the code as written.

use crate::doc::{Element, Node};

/// The `class` of the block around a code block with a title, line numbers or highlights.
pub const BLOCK_CLASS: &str = "code-block";
/// The block's class when its lines are numbered.
pub const NUMBERED_CLASS: &str = "code-block line-numbers";
/// The `class` of a code block's title bar.
pub const TITLE_CLASS: &str = "code-title";
/// The `class` of one line of a code block whose lines are marked.
pub const LINE_CLASS: &str = "code-line";
/// The `class` of a highlighted line.
pub const HIGHLIGHTED_CLASS: &str = "code-line highlighted";

/// Diagram languages shown as their source, under a title bar naming them.
const UNDRAWN_DIAGRAMS: &[&str] = &["mermaid"];

/// The longest range `{a-b}` read; a wider one is cut to this many lines.
const MAX_RANGE: u32 = 10_000;

/// What a fenced code block's info string says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Info {
    /// The language (`js`), or empty: only `[A-Za-z0-9_+-]` kept.
    pub lang: String,
    /// `title="…"` (or `title='…'`, or a bare word).
    pub title: Option<String>,
    /// 1-based lines `{1,3-4}` highlights, in ranges.
    pub ranges: Vec<(u32, u32)>,
    /// Whether `showLineNumbers` numbers the lines.
    pub line_numbers: bool,
}

impl Info {
    /// Reads an info string: ```` ```js title="a.js" {1,3-4} showLineNumbers ````.
    pub fn parse(info: &str) -> Info {
        let mut out = Info {
            lang: info
                .split([' ', ',', '{', '\t'])
                .next()
                .unwrap_or("")
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+'))
                .collect(),
            ..Info::default()
        };
        let meta = info
            .find([' ', '\t', '{'])
            .map(|at| &info[at..])
            .unwrap_or("");
        let mut rest = meta.trim_start();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('{') {
                let end = after.find('}').unwrap_or(after.len());
                out.ranges.extend(ranges(&after[..end]));
                rest = after.get(end + 1..).unwrap_or("");
            } else if let Some(after) = rest.strip_prefix("title=") {
                let (title, after) = quoted(after);
                out.title = Some(title.to_string()).filter(|t| !t.trim().is_empty());
                rest = after;
            } else {
                let end = rest.find([' ', '\t', '{']).unwrap_or(rest.len());
                let word = &rest[..end];
                if word == "showLineNumbers" || word.starts_with("showLineNumbers=") {
                    out.line_numbers = true;
                }
                rest = &rest[end..];
            }
            rest = rest.trim_start();
        }
        out
    }

    /// Whether the block is drawn with its lines marked or a title: anything
    /// beyond a plain `<pre><code>`.
    pub fn is_dressed(&self) -> bool {
        self.title.is_some() || self.line_numbers || !self.ranges.is_empty()
    }

    /// The title bar's text: `title="…"`, or for a diagram papershelf does
    /// not draw (Mermaid), its language, so its source reads as what it is.
    fn label(&self) -> Option<&str> {
        self.title.as_deref().or_else(|| {
            UNDRAWN_DIAGRAMS
                .contains(&self.lang.as_str())
                .then_some(self.lang.as_str())
        })
    }
}

/// A value after `title=`: quoted with `"` or `'` (to the closing quote), or
/// a bare word; and what follows it.
fn quoted(s: &str) -> (&str, &str) {
    match s.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let body = &s[1..];
            match body.find(q) {
                Some(end) => (&body[..end], &body[end + 1..]),
                None => (body, ""),
            }
        }
        _ => {
            let end = s.find([' ', '\t']).unwrap_or(s.len());
            (&s[..end], &s[end..])
        }
    }
}

/// `1,3-4` as ranges; what is not a number or a range is skipped.
fn ranges(s: &str) -> Vec<(u32, u32)> {
    s.split(',')
        .filter_map(|part| {
            let part = part.trim();
            let (a, b) = part.split_once('-').unwrap_or((part, part));
            let a: u32 = a.trim().parse().ok()?;
            let b: u32 = b.trim().parse().ok()?;
            (a >= 1 && b >= a).then_some((a, b.min(a.saturating_add(MAX_RANGE))))
        })
        .collect()
}

/// What a magic comment line does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Magic {
    NextLine,
    Start,
    End,
}

/// The magic comment `line` is, alone on its line, in any of the comment
/// forms Docusaurus reads (`//`, `/* */`, `#`, `<!-- -->`, `{/* */}`, `--`, `%`, `;`).
fn magic(line: &str) -> Option<Magic> {
    let t = line.trim();
    let inner = [
        ("{/*", "*/}"),
        ("/*", "*/"),
        ("<!--", "-->"),
        ("//", ""),
        ("#", ""),
        ("--", ""),
        ("%", ""),
        (";", ""),
    ]
    .iter()
    .find_map(|(open, close)| t.strip_prefix(open)?.strip_suffix(close))?;
    match inner.trim() {
        "highlight-next-line" => Some(Magic::NextLine),
        "highlight-start" => Some(Magic::Start),
        "highlight-end" => Some(Magic::End),
        _ => None,
    }
}

/// A code block's lines (each with its newline, if it had one) and which
/// are highlighted, its magic comments removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines {
    /// The lines, magic comments gone.
    pub lines: Vec<String>,
    /// Whether each line is highlighted.
    pub highlighted: Vec<bool>,
}

impl Lines {
    /// Splits `code` into lines, reads its magic comments (removing them) and
    /// highlights what they and `ranges` (1-based, after removal) name.
    pub fn read(code: &str, ranges: &[(u32, u32)]) -> Lines {
        let mut out = Lines::default();
        let mut next = false;
        let mut open = 0usize;
        for line in code.split_inclusive('\n') {
            match magic(line) {
                Some(Magic::NextLine) => next = true,
                Some(Magic::Start) => open += 1,
                Some(Magic::End) => open = open.saturating_sub(1),
                None => {
                    out.lines.push(line.to_string());
                    out.highlighted.push(next || open > 0);
                    next = false;
                }
            }
        }
        for &(a, b) in ranges {
            for n in a..=b {
                match out.highlighted.get_mut(n as usize - 1) {
                    Some(h) => *h = true,
                    None => break,
                }
            }
        }
        out
    }

    /// Whether any line is highlighted.
    pub fn any_highlighted(&self) -> bool {
        self.highlighted.iter().any(|h| *h)
    }

    /// The code's text, magic comments gone.
    pub fn text(&self) -> String {
        self.lines.concat()
    }

    /// The lines as `<span class="code-line">` nodes (highlighted ones marked).
    pub fn spans(&self) -> Vec<Node> {
        self.lines
            .iter()
            .zip(&self.highlighted)
            .map(|(line, lit)| {
                let mut span = Element::own("span");
                span.set_text("class", if *lit { HIGHLIGHTED_CLASS } else { LINE_CLASS });
                span.push(Node::text(line.as_str()));
                Node::Element(span)
            })
            .collect()
    }
}

/// Whether `code` holds a magic comment line (a quick test before [`Lines::read`]).
pub fn has_magic(code: &str) -> bool {
    code.contains("highlight-") && code.lines().any(|l| magic(l).is_some())
}

/// Dresses a rendered `<pre><code>` block as `info` and its magic comments
/// say: its text split into lines (marked, when any is highlighted or lines
/// are numbered), under a title bar, in a `div.code-block`. A block that
/// needs none of it comes back as it was.
pub fn dress(pre: Element, info: &Info) -> Element {
    let Some(Node::Element(code)) = pre.children.first() else {
        return pre;
    };
    let text = code.plain_text();
    let magic = has_magic(&text);
    if !info.is_dressed() && !magic && info.label().is_none() {
        return pre;
    }
    let lines = Lines::read(&text, &info.ranges);
    let mut code = code.clone();
    code.children = if lines.any_highlighted() || info.line_numbers {
        lines.spans()
    } else {
        vec![Node::text(lines.text())]
    };
    let mut pre = pre;
    pre.children = vec![Node::Element(code)];
    if info.label().is_none() && !info.line_numbers && !lines.any_highlighted() {
        return pre;
    }
    let mut block = Element::own("div");
    block.set_text(
        "class",
        if info.line_numbers {
            NUMBERED_CLASS
        } else {
            BLOCK_CLASS
        },
    );
    if let Some(title) = info.label() {
        let mut bar = Element::own("div");
        bar.set_text("class", TITLE_CLASS);
        bar.push(Node::text(title));
        block.push(Node::Element(bar));
    }
    block.push(Node::Element(pre));
    block
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings_as_docusaurus_writes_them() {
        let info = Info::parse(r#"js title="src/config.js" {1,3-4} showLineNumbers"#);
        assert_eq!(info.lang, "js");
        assert_eq!(info.title.as_deref(), Some("src/config.js"));
        assert_eq!(info.ranges, vec![(1, 1), (3, 4)]);
        assert!(info.line_numbers);
        assert_eq!(Info::parse("jsx{2}").ranges, vec![(2, 2)]);
        assert_eq!(Info::parse("jsx{2}").lang, "jsx");
        assert_eq!(
            Info::parse("bash title='a b.sh'").title.as_deref(),
            Some("a b.sh")
        );
        assert_eq!(Info::parse("py title=x.py").title.as_deref(), Some("x.py"));
        assert_eq!(Info::parse("rust").title, None);
        assert!(!Info::parse("rust").is_dressed());
        assert!(Info::parse("ts showLineNumbers=5").line_numbers);
        // Nonsense ranges are skipped, never a panic.
        assert_eq!(Info::parse("js {0,5-2,x,-}").ranges, vec![]);
        assert_eq!(Info::parse("js {1-4294967295}").ranges, vec![(1, 10_001)]);
    }

    #[test]
    fn magic_comments_highlight_and_go() {
        let code =
            "a\n// highlight-next-line\nb\nc\n# highlight-start\nd\ne\n<!-- highlight-end -->\nf\n";
        let lines = Lines::read(code, &[]);
        assert_eq!(lines.text(), "a\nb\nc\nd\ne\nf\n");
        assert_eq!(
            lines.highlighted,
            vec![false, true, false, true, true, false]
        );
        // A comment that is not alone on its line stays code.
        let kept = Lines::read("x(); // highlight-next-line\ny\n", &[]);
        assert_eq!(kept.text(), "x(); // highlight-next-line\ny\n");
        assert!(!kept.any_highlighted());
        // Ranges count the lines left after the comments go.
        let both = Lines::read("{/* highlight-next-line */}\na\nb\n", &[(2, 9)]);
        assert_eq!(both.highlighted, vec![true, true]);
    }
}
