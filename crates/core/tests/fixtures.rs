//! Fixtures that read as documentation: each folder under `tests/fixtures/`
//! holds `input.md` (a post in the author's format, at
//! `papers/y2025/nov/20251106.md`), `expected.html` (what `papershelf render`
//! prints: the tree the browser shows) and `expected.txt` (the diagnostics).
//!
//! Run with `UPDATE_FIXTURES=1` to rewrite the expected files after a
//! deliberate change, then read the diff.

use papershelf_core::doc::HashLinker;
use papershelf_core::html::to_html;
use papershelf_core::post::Post;
use std::fs;
use std::path::Path;

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut failures = Vec::new();
    let mut count = 0;
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    for case in cases {
        count += 1;
        let input = fs::read_to_string(case.join("input.md")).unwrap();
        // Partials (`_*.md`, `_*.mdx` beside the input) sit beside the post.
        let partials: papershelf_core::mdx::Partials = fs::read_dir(&case)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with('_'))
            .map(|name| {
                let text = fs::read_to_string(case.join(&name)).unwrap();
                (format!("papers/y2025/nov/{name}"), text)
            })
            .collect();
        let parsed = Post::parse_full(
            "papers/y2025/nov/20251106.md",
            &input,
            &Default::default(),
            &partials,
        );
        let html = to_html(
            parsed.doc(),
            &HashLinker {
                content_base: "content/".into(),
            },
        )
        .replace("><", ">\n<");
        let diags: String = parsed
            .diagnostics
            .iter()
            .map(|d| format!("{d}\n"))
            .collect();
        for (file, actual) in [("expected.html", html), ("expected.txt", diags)] {
            let path = case.join(file);
            if update {
                fs::write(&path, &actual).unwrap();
            } else if fs::read_to_string(&path).unwrap_or_default() != actual {
                failures.push(format!(
                    "{}:\n--- expected\n{}\n--- actual\n{}",
                    path.display(),
                    fs::read_to_string(&path).unwrap_or_default(),
                    actual
                ));
            }
        }
    }
    assert!(count >= 8, "fixtures missing");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
