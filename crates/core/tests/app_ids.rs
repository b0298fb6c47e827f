//! The app's own element ids are never a post's: a heading named like one is
//! renamed (`user-content-…`), and every id the app writes is one the core
//! knows ([`APP_IDS`]). Regression: `## Offline notice` got the id
//! `offline-notice`, and the notice bar overwrote, then removed, the heading.

use papershelf_core::doc::HashLinker;
use papershelf_core::html::to_html;
use papershelf_core::policy::{safe_id, APP_IDS};
use papershelf_core::post::Post;
use std::path::Path;

fn render(text: &str) -> String {
    to_html(
        Post::parse("notes/ids.md", text).doc(),
        &HashLinker {
            content_base: "content/".into(),
        },
    )
}

#[test]
fn headings_named_like_the_apps_ids_are_renamed() {
    for id in APP_IDS {
        let title = id.replace('-', " ");
        let html = render(&format!(
            "# Ids\n\n## {title}\n\nText.\n\n### Custom {{#{id}}}\n"
        ));
        assert!(
            !html.contains(&format!("id=\"{id}\"")),
            "`## {title}` keeps the app's id {id}: {html}"
        );
        assert!(
            html.contains(&format!("id=\"user-content-{id}\"")),
            "`## {title}` is renamed: {html}"
        );
        let raw = render(&format!("<div id=\"{id}\">x</div>\n"));
        assert!(!raw.contains(&format!("id=\"{id}\"")), "{raw}");
    }
}

#[test]
fn a_link_to_a_renamed_heading_still_names_the_plain_anchor() {
    // The link keeps `?id=offline-notice`: the viewer finds the renamed
    // heading by the prefix (papershelf_web::find_anchor), as Docusaurus
    // links are written.
    let html = render("## Offline notice\n\n[see](#offline-notice)\n");
    assert!(html.contains("?id=offline-notice\""), "{html}");
    assert_eq!(safe_id("Offline-Notice"), "user-content-Offline-Notice");
}

/// Ids written as string literals in the app's sources: `id="x"`, `.id = 'x'`,
/// `getElementById('x')`, `("id", "x")`, `bar('x'`.
fn ids_in(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for (open, quotes) in [
        ("id=\"", &['"'][..]),
        ("id=\\\"", &['\\'][..]),
        (".id = '", &['\''][..]),
        ("getElementById('", &['\''][..]),
        ("get_element_by_id(\"", &['"'][..]),
        ("(\"id\", \"", &['"'][..]),
        ("bar('", &['\''][..]),
    ] {
        let mut rest = text;
        while let Some(at) = rest.find(open) {
            rest = &rest[at + open.len()..];
            let end = rest.find(quotes).unwrap_or(0);
            let id = &rest[..end];
            if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "rs" || e == "js" || e == "mjs" || e == "html")
        {
            out.push(path);
        }
    }
}

#[test]
fn every_id_the_app_writes_is_reserved() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["www", "src", "scripts", "crates/web/src"] {
        sources(&root.join(dir), &mut files);
    }
    files.push(root.join("crates/core/src/page.rs"));
    let mut seen = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for id in ids_in(&text) {
            seen += 1;
            assert!(
                APP_IDS.contains(&id.as_str()),
                "{} writes the id `{id}`, which is not in papershelf_core::policy::APP_IDS: \
                 add it there, so no post can take it",
                file.display()
            );
        }
    }
    assert!(seen >= APP_IDS.len(), "the sources were read ({seen} ids)");
}
