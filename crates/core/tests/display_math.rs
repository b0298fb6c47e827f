//! Display math written over several lines is one formula, as remark-math
//! (Docusaurus) reads it: a `$$` line opens a block that ends at the next
//! `$$` line, at the top level, in block quotes and in lists, and no line
//! inside it is Markdown. Regression: a line holding only `=` became a setext
//! heading's underline, and `+ x` a list item, so the formula fell apart
//! into headings and bullet points.
#![cfg(feature = "math")]

use papershelf_core::doc::HashLinker;
use papershelf_core::html::to_html;
use papershelf_core::post::Post;
use proptest::prelude::*;

fn html(src: &str) -> String {
    to_html(
        Post::parse("notes/math.md", src).doc(),
        &HashLinker {
            content_base: "content/".into(),
        },
    )
}

/// Lines of TeX that read as Markdown when they stand alone.
fn markdown_looking_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("=".to_string()),
        Just("---".to_string()),
        Just("===".to_string()),
        "[a-z]".prop_map(|v| format!("+ {v}")),
        "[a-z]".prop_map(|v| format!("- {v}")),
        "[a-z]".prop_map(|v| format!("# {v}")),
        "[a-z]".prop_map(|v| format!("> {v}")),
        "[a-z]".prop_map(|v| format!("1. {v}")),
        "[a-z]".prop_map(|v| format!("| {v} |")),
        "[a-z]".prop_map(|v| format!("* {v} * {v}")),
        "[a-z]".prop_map(|v| format!("{v}_1 + {v}_2")),
        Just(r"\frac{1}{2}".to_string()),
        Just(r"\sum_{i=1}^{n} x_i".to_string()),
    ]
}

/// Where the formula stands: the prefix of its lines.
fn container() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop_oneof![
        Just(("", "")),
        Just(("> ", "> ")),
        Just(("- ", "  ")),
        Just(("1. ", "   ")),
        Just(("> - ", ">   ")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_formula_is_one_math_element(
        lines in prop::collection::vec(markdown_looking_line(), 1..6),
        (first, rest) in container(),
    ) {
        let mut src = String::from("Before.\n\n");
        src += &format!("{first}$$\n");
        for line in &lines {
            src += &format!("{rest}{line}\n");
        }
        src += &format!("{rest}$$\n\nAfter.\n");
        let out = html(&src);
        // One formula: MathML, or (for TeX KaTeX refuses too, such as `# a`)
        // the TeX shown whole as one display formula.
        let formulas = out.matches("<math").count() + out.matches("math-display math-failed").count();
        prop_assert_eq!(formulas, 1, "{}\n{}", src, out);
        prop_assert!(out.contains("<math display=\"block\"") || out.contains("math-display math-failed"), "{}\n{}", src, out);
        for leaked in ["<h1", "<h2", "<hr", "<table"] {
            prop_assert!(!out.contains(leaked), "{} in {}\n{}", leaked, src, out);
        }
        // The container's own list item, and no other.
        let items = usize::from(first.contains(['-', '1']));
        prop_assert_eq!(out.matches("<li>").count(), items, "{}\n{}", src, out);
        prop_assert_eq!(out.matches("<blockquote>").count(), usize::from(first.starts_with('>')), "{}\n{}", src, out);
        prop_assert!(out.contains("<p>After.</p>"), "{}\n{}", src, out);
    }
}

#[test]
fn a_formula_in_a_quote_and_in_a_list_keeps_its_container() {
    let out = html("> Quote:\n>\n> $$\n> a\n> =\n> b\n> $$\n");
    assert!(out.starts_with("<blockquote>"), "{out}");
    assert_eq!(out.matches("<math").count(), 1, "{out}");
    assert!(out.trim_end().ends_with("</blockquote>"), "{out}");
    let out = html("- item\n\n  $$\n  x\n  + y\n  $$\n- next\n");
    assert_eq!(out.matches("<li>").count(), 2, "{out}");
    assert_eq!(out.matches("<math").count(), 1, "{out}");
}

#[test]
fn an_authors_math_fence_stays_code_and_inline_math_is_unchanged() {
    // Docusaurus shows a ```math block as code: so does papershelf.
    let out = html("```math\na = b\n```\n");
    assert!(out.contains("<code class=\"language-math\">a = b"), "{out}");
    let out = html("Inline $a = b$ and $$c$$ stay.\n");
    assert_eq!(out.matches("<math").count(), 2, "{out}");
}

#[test]
fn modular_arithmetic_renders() {
    for tex in [r"a \mod b", r"a \bmod b", r"a \pmod{n}", r"a \pod{n}"] {
        let out = html(&format!("${tex}$\n"));
        assert!(
            out.contains("<math") && !out.contains("math-failed"),
            "{tex}: {out}"
        );
        assert!(out.contains("mod") || tex.contains("pod"), "{tex}: {out}");
    }
}

#[test]
fn legacy_entities_in_raw_html_text_read_as_a_browser_reads_them() {
    let out = html("Made <span>&copy 2024</span>, <span>&amp;copy</span> and &copy here.\n");
    assert!(out.contains("<span>© 2024</span>"), "{out}");
    // Written as `&amp;copy`: the text `&copy`, as a browser shows it.
    assert!(out.contains("<span>&amp;copy</span>"), "{out}");
    // Outside raw HTML, Markdown's rule: `&copy` without `;` is text.
    assert!(out.contains("and &amp;copy here"), "{out}");
}
