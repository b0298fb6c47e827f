//! Inputs that make naive Markdown renderers quadratic or blow the stack
//! (the CommonMark pathological cases, and the same for the MDX pre-pass).
//! Each must render, and 8× the input must cost less than about 20× the time.

use papershelf_core::doc::HashLinker;
use papershelf_core::html::to_html;
use papershelf_core::post::Post;
use std::time::{Duration, Instant};

fn render(text: &str) -> usize {
    let parsed = Post::parse("papers/y2025/nov/20251106.md", text);
    to_html(
        parsed.doc(),
        &HashLinker {
            content_base: "content/".into(),
        },
    )
    .len()
}

/// The best of three runs, to keep a busy machine from failing the test.
fn time(text: &str) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(render(text));
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Timed cases run one at a time, so parallel tests do not skew each other's timings.
static TIMING: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn assert_linear(name: &str, make: impl Fn(usize) -> String, n: usize) {
    let _one_at_a_time = TIMING.lock().unwrap_or_else(|e| e.into_inner());
    let small = make(n);
    let large = make(8 * n);
    // A busy machine can stall one measurement: a quadratic case fails all
    // three (×64 for 8 times the input), a linear one passes at least one.
    let mut tries = 0;
    let (a, b, ratio) = loop {
        let (a, b) = (time(&small), time(&large));
        // Below a millisecond, timer noise dominates: compare from there.
        let ratio = b.as_secs_f64() / a.as_secs_f64().max(0.001);
        tries += 1;
        if ratio < 20.0 || tries == 3 {
            break (a, b, ratio);
        }
    };
    assert!(
        ratio < 20.0,
        "{name}: {} bytes took {a:?}, {} bytes took {b:?} (×{ratio:.1})",
        small.len(),
        large.len()
    );
}

#[test]
fn nested_brackets() {
    assert_linear("[[[[", |n| "[".repeat(n) + "a" + &"]".repeat(n), 5_000);
}

#[test]
fn nested_block_quotes() {
    assert_linear("> > >", |n| "> ".repeat(n) + "a\n", 5_000);
}

#[test]
fn nested_lists() {
    assert_linear(
        "- - -",
        |n| {
            (0..n)
                .map(|i| format!("{}- a\n", "  ".repeat(i % 200)))
                .collect()
        },
        2_000,
    );
}

#[test]
fn runs_of_comment_openers() {
    assert_linear("<!--", |n| "a <!--".repeat(n), 5_000);
    assert_linear("<!-- blocks", |n| "<!--\n".repeat(n), 5_000);
}

#[test]
fn unclosed_link_destinations() {
    assert_linear("[a](<b", |n| "[a](<b".repeat(n), 5_000);
}

#[test]
fn emphasis_runs() {
    assert_linear("*a**", |n| "*a**".repeat(n), 5_000);
    assert_linear("**_", |n| "**_".repeat(n) + "a", 5_000);
}

#[test]
fn deep_html_nesting() {
    assert_linear("<div>", |n| "<div>".repeat(n) + "x", 5_000);
    assert_linear(
        "<span> inline",
        |n| "a ".to_string() + &"<span>".repeat(n) + "x",
        5_000,
    );
}

#[test]
fn unclosed_attribute_quotes() {
    assert_linear("<a b=\"", |n| "<a b=\"".repeat(n), 5_000);
    assert_linear(
        "html block",
        |n| "<div>\n".to_string() + &"<a b='".repeat(n),
        5_000,
    );
}

#[test]
fn mdx_unclosed_tags_and_braces() {
    assert_linear("<div {", |n| "<div style={{".repeat(n), 2_000);
    assert_linear("{{", |n| "text {{ ".repeat(n), 5_000);
    assert_linear("<img src={ lines", |n| "<img src={\n".repeat(n), 2_000);
    assert_linear("unclosed div", |n| "<div>\n\ntext\n\n".repeat(n), 2_000);
    assert_linear("{' strings", |n| "{'never closed ".repeat(n), 2_000);
    assert_linear(
        "open export",
        |n| format!("export const x = (\n{}", "\n  line\n".repeat(n)),
        2_000,
    );
}

#[test]
fn many_imports() {
    assert_linear(
        "imports",
        |n| {
            (0..n)
                .map(|i| format!("import img{i} from './asset/{i}.png';\n"))
                .collect::<String>()
                + "<img src={img0} />"
        },
        1_250,
    );
}

#[test]
fn many_headings_with_the_same_text() {
    assert_linear("## a", |n| "## a\n\n".repeat(n), 2_000);
}

#[test]
fn admonition_runs() {
    assert_linear(
        ":::note",
        |n| ":::note\n".repeat(n) + "x\n" + &":::\n".repeat(n),
        1_000,
    );
}

#[test]
fn a_hundred_thousand_deep_nesting_does_not_overflow() {
    // Run on a small stack, as in the browser's wasm.
    let child = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            for text in [
                "> ".repeat(100_000),
                "[".repeat(100_000),
                "<div>".repeat(100_000),
                "- ".repeat(100_000),
                "*".repeat(100_000) + "a" + &"*".repeat(100_000),
                format!("${}{}$", "{".repeat(10_000), "}".repeat(10_000)),
                format!("---\ntags: {}\n---\n", "[".repeat(100_000)),
                ":::note\n".repeat(20_000),
            ] {
                render(&text);
            }
        })
        .unwrap();
    child.join().expect("no stack overflow on deep nesting");
}

/// A post of unclosed `<div>` lines at 1 MB and 8 MB renders whole: every
/// line's content kept, no stack overflow. (Time against size is measured in
/// `make bench`, not here: it took 7.4 s at 3.8 MB when closing tags searched,
/// and popping moved children through, a stack of every unclosed tag.)
#[test]
fn unclosed_div_lines_at_one_and_eight_megabytes() {
    for mb in [1, 8] {
        let mut post = String::from("# Unclosed\n\n");
        let mut lines = 0;
        while post.len() < mb * 1024 * 1024 {
            post.push_str("<div>x\n");
            lines += 1;
        }
        let parsed = Post::parse("papers/y2025/nov/20251106.md", &post);
        let html = to_html(
            parsed.doc(),
            &HashLinker {
                content_base: "content/".into(),
            },
        );
        assert_eq!(
            html.matches('x').count(),
            lines,
            "{mb} MB: every line's text is kept"
        );
        assert!(
            html.matches("<div>").count() < 200,
            "{mb} MB: nesting is capped"
        );
    }
}
