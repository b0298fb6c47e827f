//! The MDX pre-pass never touches code: whatever pulldown-cmark reads as a
//! code block or a code span in the raw post comes out byte for byte, at any
//! depth (numbered lists past 9, nested lists, block quotes, tabs, indented
//! code), and MDX's `import`/`export` are read only where MDX reads them.

use papershelf_core::doc::{HashLinker, Node};
use papershelf_core::html::to_html;
use papershelf_core::post::Post;
use papershelf_core::render::cmark_options;
use proptest::prelude::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

const PATH: &str = "papers/y2025/nov/20251106.md";

fn html(src: &str) -> String {
    let parsed = Post::parse(PATH, src);
    to_html(
        parsed.doc(),
        &HashLinker {
            content_base: "content/".into(),
        },
    )
}

/// The text of every code block and code span pulldown-cmark finds in `src`, in order.
fn code_per_pulldown(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    for event in Parser::new_ext(src, cmark_options()) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => block = Some(String::new()),
            Event::End(TagEnd::CodeBlock) => out.extend(block.take()),
            Event::Text(t) if block.is_some() => block.as_mut().unwrap().push_str(&t),
            Event::Code(c) => out.push(c.to_string()),
            _ => {}
        }
    }
    out
}

/// The text of every `code` element papershelf renders for `src`, in order.
fn code_per_papershelf(src: &str) -> Vec<String> {
    fn walk(nodes: &[Node], out: &mut Vec<String>) {
        for node in nodes {
            if let Node::Element(e) = node {
                if e.tag() == "code" {
                    out.push(node.plain_text());
                } else {
                    walk(&e.children, out);
                }
            }
        }
    }
    let parsed = Post::parse(PATH, src);
    let mut out = Vec::new();
    walk(&parsed.doc().children, &mut out);
    out
}

fn assert_code_survives(src: &str) {
    assert_eq!(
        code_per_papershelf(src),
        code_per_pulldown(src),
        "code changed in:\n{src}"
    );
}

#[test]
fn export_in_a_fence_of_a_list_item_numbered_past_nine() {
    let src = "10. Set the path:\n    ```bash\n    export PATH=$HOME/bin:$PATH\n    ```\n";
    assert_code_survives(src);
    assert!(html(src).contains("export PATH=$HOME/bin:$PATH"));
}

#[test]
fn import_in_a_tab_indented_fence() {
    let src = "1. Install\n\n\t```js\n\timport a from './a.png';\n\texport default a;\n\t```\n";
    assert_code_survives(src);
    assert!(html(src).contains("import a from './a.png';\nexport default a;"));
}

#[test]
fn comment_and_import_in_a_fence_in_a_nested_list() {
    let src =
        "- a\n  - b\n\n    ```jsx\n    import a from './a.png';\n    {/* keep me */}\n    ```\n";
    assert_code_survives(src);
    assert!(html(src).contains("{/* keep me */}"));
}

#[test]
fn indented_code_is_code() {
    let src = "Text.\n\n    export default X;\n    <img src={x} />\n";
    assert_code_survives(src);
    let parsed = Post::parse(PATH, src);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    assert!(html(src).contains("export default X;\n&lt;img src={x} /&gt;"));
}

#[test]
fn export_cannot_interrupt_a_paragraph() {
    let src = "The U.S. has strict\nexport rules for crypto.\n";
    assert_eq!(
        html(src),
        "<p>The U.S. has strict\nexport rules for crypto.</p>"
    );
}

#[test]
fn import_must_start_at_column_zero() {
    let src = " import a from './a.png';\n";
    assert!(html(src).contains("import a from"));
}

#[test]
fn a_code_span_of_backticks_is_no_fence() {
    let src = "``` aa ```\n\nimport a from './a.png';\n\n<img src={a} />\n";
    let out = html(src);
    assert!(out.starts_with("<p><code>aa</code></p>"), "{out}");
    assert!(!out.contains("import"), "{out}");
    assert!(
        out.contains("src=\"content/papers/y2025/nov/a.png\""),
        "{out}"
    );
}

#[test]
fn a_code_span_over_two_lines_keeps_its_jsx() {
    let src = "See `<img\nsrc={a} />` and {/* gone */} this.\n";
    assert_code_survives(src);
    assert_eq!(
        html(src),
        "<p>See <code>&lt;img src={a} /&gt;</code> and  this.</p>"
    );
}

#[test]
fn export_blocks_run_to_their_closing_bracket() {
    let src = "export const meta = {\n  title: 'x',\n};\n\nText.\n";
    assert_eq!(html(src), "<p>Text.</p>");
    let src = "export const a = 1;\n# Heading\n";
    assert_eq!(html(src), "<h1>Heading</h1>");
}

#[test]
fn a_comment_over_several_lines_vanishes() {
    let src = "Before.\n\n{/*\n  hidden\n*/}\n\nAfter.\n";
    assert_eq!(html(src), "<p>Before.</p><p>After.</p>");
}

#[test]
fn prose_read_as_an_import_is_reported() {
    let parsed = Post::parse(PATH, "import this module from here.\n");
    assert_eq!(parsed.diagnostics.len(), 1);
    assert!(parsed.diagnostics[0]
        .message
        .contains("read as an MDX import"));
}

/// Lines that must never change inside code.
const CODE_LINES: &[&str] = &[
    "export PATH=$HOME/bin:$PATH",
    "import a from './a.png';",
    "import Tabs from '@theme/Tabs';",
    "{/* keep me */}",
    "<img src={a} style={{width: 500}} />",
    "<div style={{textAlign: 'center'}}>",
    ":::note Title",
    ":::",
    "export default function X() {",
    "}",
    "  indented",
    "plain code",
    "",
];

/// Blocks of Markdown and MDX around the code.
const PROSE: &[&str] = &[
    "Some prose with `{/* a span */}` in it.",
    "The U.S. has strict\nexport rules.",
    "import a from './asset/a.png';",
    "<div style={{textAlign: 'center'}}>\n <img src={a} style={{width: 500}} />\n</div>",
    "{/* a comment */}",
    "## 1. [Paper](https://example.org) `org`",
    ":::tip\n\nInside.\n\n:::",
    "- item\n- item `<img src={a} />`",
    "> quoted `export x`",
];

/// One code block inside a container, each line with the container's prefix.
fn code_block() -> impl Strategy<Value = String> {
    let containers = prop_oneof![
        Just(("", "")),
        Just(("- item\n\n", "  ")),
        Just(("10. step\n", "    ")),
        Just(("1. step\n\n", "   ")),
        Just(("- a\n  - b\n\n", "    ")),
        Just(("- a\n\n", "\t")),
        Just(("> quote\n>\n", "> ")),
        Just(("> - quoted item\n>\n", ">   ")),
    ];
    let fences = prop_oneof![
        Just(("```js", "```")),
        Just(("````", "````")),
        Just(("~~~", "~~~")),
        Just(("```bash", "```")),
        Just(("", "")),
    ];
    let lines = prop::collection::vec(prop::sample::select(CODE_LINES), 1..6);
    (containers, fences, lines).prop_map(|((intro, prefix), (open, close), lines)| {
        let mut s = intro.to_string();
        if open.is_empty() {
            // Indented code: four more spaces, after a blank line. At the top
            // level a paragraph comes first, or a list above would take the
            // lines in as its own (a case of MDX comments, not code).
            if intro.is_empty() {
                s.push_str("Para.\n");
            }
            s.push('\n');
            for l in lines.iter().filter(|l| !l.is_empty()) {
                s.push_str(&format!("{prefix}    {l}\n"));
            }
        } else {
            s.push_str(&format!("{prefix}{open}\n"));
            for l in &lines {
                s.push_str(&format!("{prefix}{l}\n"));
            }
            s.push_str(&format!("{prefix}{close}\n"));
        }
        s
    })
}

fn post() -> impl Strategy<Value = String> {
    let block = prop_oneof![
        code_block(),
        prop::sample::select(PROSE).prop_map(|s| format!("{s}\n")),
    ];
    prop::collection::vec(block, 1..8).prop_map(|blocks| blocks.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn code_text_survives_at_any_depth(src in post()) {
        prop_assert_eq!(code_per_papershelf(&src), code_per_pulldown(&src), "in:\n{}", src);
    }
}
