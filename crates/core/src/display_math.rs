//! Display math blocks as remark-math (what Docusaurus uses) reads them: a
//! line holding only `$$` opens a block that ends at the next line holding
//! only `$$`, at the top level, in lists and in block quotes alike, and
//! nothing between them is Markdown. Written over several lines, a formula's
//! `=` line is no setext underline and its `+ x` line no list item.
//!
//! pulldown-cmark reads `$$` as inline math inside a paragraph, so a formula
//! whose lines look like Markdown falls apart there. [`fence`] rewrites each
//! such block, before anything else reads the post, into a fenced code block
//! (the same lines, only the two `$$` replaced by a fence, container prefixes
//! kept): the parser then takes its content as code, so the MDX pre-pass
//! leaves it alone, and the renderer draws it as display math, knowing the
//! block by its opening line ([`Fenced::lines`]), not by a marker in the text.

use std::ops::Range;

/// The info string of a fence [`fence`] writes. The renderer draws a block
/// with it as math only where [`Fenced::lines`] says `fence` wrote it: an
/// author's own ```` ```math ```` block stays code, as in Docusaurus.
pub const INFO: &str = "math";

/// A post body with its `$$` blocks fenced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fenced {
    /// The body, line for line as it was (no line added or removed).
    pub text: String,
    /// The 0-based lines where a math fence opens, ascending.
    pub lines: Vec<usize>,
}

/// Fences the `$$` blocks of `body` that lie outside its code blocks
/// (`code`: byte ranges, sorted, as the parser found them). A block is
/// fenced only when it is closed before a blank line and every line of it
/// stays inside the opening line's container (as many `>` and at least the
/// indentation of its `$$`): otherwise it is left as written, never turned
/// into an unclosed fence that would swallow the rest of the post.
pub fn fence(body: &str, code: &[Range<usize>]) -> Fenced {
    let mut lines: Vec<&str> = Vec::new();
    let mut starts = Vec::new();
    let mut at = 0;
    for line in body.split('\n') {
        starts.push(at);
        at += line.len() + 1;
        lines.push(line);
    }
    let in_code = |k: usize| {
        let (start, end) = (starts[k], starts[k] + lines[k].len());
        let i = code.partition_point(|r| r.end <= start);
        code.get(i).is_some_and(|r| r.start < end.max(start + 1))
    };
    let mut out = Fenced {
        text: String::new(),
        lines: Vec::new(),
    };
    // (opening line, closing line, where each `$$` is in its line, fence length)
    let mut blocks: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(open) = (!in_code(i)).then(|| opener(lines[i])).flatten() else {
            i += 1;
            continue;
        };
        let mut longest_ticks = 0;
        let mut close = None;
        for (k, line) in lines.iter().enumerate().skip(i + 1) {
            let Some(inner) = within(line, open.quotes, open.indent) else {
                break;
            };
            if in_code(k) {
                break;
            }
            if inner.trim() == "$$" {
                close = Some((k, line.len() - line.trim_start_matches(|c| c != '$').len()));
                break;
            }
            let ticks = inner
                .trim_start()
                .bytes()
                .take_while(|b| *b == b'`')
                .count();
            longest_ticks = longest_ticks.max(ticks);
        }
        match close {
            Some((k, close_at)) => {
                blocks.push((i, k, open.at, close_at, longest_ticks.max(2) + 1));
                i = k + 1;
            }
            None => i += 1,
        }
    }
    if blocks.is_empty() {
        out.text = body.to_string();
        return out;
    }
    out.text.reserve(body.len() + blocks.len() * 16);
    let mut next = blocks.iter().peekable();
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            out.text.push('\n');
        }
        let Some(&&(open, close, open_at, close_at, ticks)) = next.peek() else {
            out.text.push_str(line);
            continue;
        };
        let ticks = "`".repeat(ticks);
        if k == open {
            out.text.push_str(&line[..open_at]);
            out.text.push_str(&ticks);
            out.text.push_str(INFO);
            out.text.push_str(&line[open_at + 2..]);
            out.lines.push(k);
        } else if k == close {
            out.text.push_str(&line[..close_at]);
            out.text.push_str(&ticks);
            out.text.push_str(&line[close_at + 2..]);
            next.next();
        } else {
            out.text.push_str(line);
        }
    }
    out
}

/// Where a `$$` line opens a block: its container and where the `$$` is.
struct Opener {
    /// How many block quote markers come first.
    quotes: usize,
    /// The column of the `$$` after them: the block's lines are indented as far.
    indent: usize,
    /// The byte offset of the `$$` in the line.
    at: usize,
}

/// The opening of a math block, if `line` is only `$$` after its containers
/// (block quote markers, and one list item marker).
fn opener(line: &str) -> Option<Opener> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let (quotes, rest) = strip_quotes(line);
    let trimmed = rest.trim_start_matches(' ');
    let lead = rest.len() - trimmed.len();
    let after_marker = list_marker(trimmed).map_or(trimmed, |m| &trimmed[m..]);
    if after_marker.trim_end() != "$$" {
        return None;
    }
    let indent = rest.len() - after_marker.len();
    // A `$$` indented four or more past its container is an indented code block's.
    if after_marker.len() == trimmed.len() && lead >= 4 {
        return None;
    }
    Some(Opener {
        quotes,
        indent,
        at: line.len() - after_marker.len(),
    })
}

/// What is left of `line` inside a block opened with `quotes` block quote
/// markers at `indent`: `None` when it leaves that container, or is blank.
fn within(line: &str, quotes: usize, indent: usize) -> Option<&str> {
    let mut rest = line.strip_suffix('\r').unwrap_or(line);
    // The opener's quote markers, no more: a `>` after them is the formula's.
    for _ in 0..quotes {
        let trimmed = rest.trim_start_matches(' ');
        if rest.len() - trimmed.len() > 3 {
            return None;
        }
        let after = trimmed.strip_prefix('>')?;
        rest = after.strip_prefix(' ').unwrap_or(after);
    }
    if rest.trim().is_empty() {
        return None;
    }
    let lead = rest.len() - rest.trim_start_matches(' ').len();
    (lead >= indent).then_some(rest)
}

/// The number of block quote markers `line` starts with, and what follows.
fn strip_quotes(mut line: &str) -> (usize, &str) {
    let mut quotes = 0;
    loop {
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() > 3 {
            return (quotes, line);
        }
        match trimmed.strip_prefix('>') {
            Some(rest) => {
                quotes += 1;
                line = rest.strip_prefix(' ').unwrap_or(rest);
            }
            None => return (quotes, line),
        }
    }
}

/// The length of a list item marker and the spaces after it at the start of
/// `s` (`- `, `* `, `+ `, `1. `, `1) `), if there is one.
fn list_marker(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let marker = match bytes.first()? {
        b'-' | b'*' | b'+' => 1,
        _ if (1..=9).contains(&digits) && matches!(bytes.get(digits), Some(b'.' | b')')) => {
            digits + 1
        }
        _ => return None,
    };
    let spaces = bytes[marker..].iter().take_while(|b| **b == b' ').count();
    (1..=4).contains(&spaces).then_some(marker + spaces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fenced(body: &str) -> Fenced {
        fence(body, &[])
    }

    #[test]
    fn a_block_becomes_a_fence_line_for_line() {
        let f = fenced("Text.\n\n$$\na\n=\nb\n+ c\n$$\n\nMore.");
        assert_eq!(f.text, "Text.\n\n```math\na\n=\nb\n+ c\n```\n\nMore.");
        assert_eq!(f.lines, [2]);
    }

    #[test]
    fn containers_keep_their_prefixes() {
        // A `>` inside the formula is the formula's.
        assert_eq!(fenced("$$\n> a\n$$").text, "```math\n> a\n```");
        assert_eq!(fenced("> $$\n> > a\n> $$").text, "> ```math\n> > a\n> ```");
        assert_eq!(
            fenced("> $$\n> x\n> ---\n> $$").text,
            "> ```math\n> x\n> ---\n> ```"
        );
        assert_eq!(
            fenced("- item\n\n  $$\n  # x\n  $$\n- next").text,
            "- item\n\n  ```math\n  # x\n  ```\n- next"
        );
        assert_eq!(
            fenced("1. $$\n   a\n   $$").text,
            "1. ```math\n   a\n   ```"
        );
    }

    #[test]
    fn a_block_that_would_swallow_the_post_is_left_alone() {
        for body in [
            // Not closed before a blank line.
            "$$\na\n\nb\n$$",
            // Not closed at all.
            "$$\na = b",
            // A line leaving the list item, or the quote.
            "- $$\nx\n  $$",
            "> $$\nx\n> $$",
            "> > $$\n> x\n> > $$",
            // `$$` with more on its line.
            "$$ a $$\n$$x\n$$",
        ] {
            let f = fenced(body);
            assert_eq!(f.text, body, "{body}");
            assert!(f.lines.is_empty(), "{body}");
        }
    }

    #[test]
    fn a_fence_is_longer_than_any_in_the_formula_and_code_is_untouched() {
        assert_eq!(fenced("$$\n```\n$$").text, "````math\n```\n````");
        let body = "```\n$$\nx\n$$\n```";
        let code: Vec<Range<usize>> = std::iter::once(0..body.len()).collect();
        assert_eq!(fence(body, &code).text, body);
        // Indented four spaces: an indented code block's.
        assert_eq!(
            fenced("    $$\n    x\n    $$").text,
            "    $$\n    x\n    $$"
        );
    }
}
