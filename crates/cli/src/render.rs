//! `papershelf render FILE`: one post as the HTML the browser shows, with
//! what is wrong in it on stderr.

use crate::source::{content_dir, content_relative, read_site, read_text};
use papershelf_core::doc::HashLinker;
use papershelf_core::html::to_html;
use papershelf_core::post::Post;
use std::path::Path;
use std::process::ExitCode;

/// Runs `papershelf render FILE`.
pub fn run(path: &Path) -> Result<ExitCode, String> {
    let text = read_text(path)?;
    let rel = content_relative(path);
    // The site's paper folders, when the post is in a content directory.
    let dir = content_dir(path);
    let site = dir
        .as_ref()
        .and_then(|dir| read_site(dir).ok())
        .map(|(site, _)| site)
        .unwrap_or_default();
    // The partials it includes, read from its content directory (else beside it).
    let root = dir.unwrap_or_else(|| {
        let depth = rel.matches('/').count();
        let mut root = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        for _ in 0..depth {
            root.pop();
        }
        root
    });
    let partials = papershelf_core::mdx::partial_paths(&rel, &text)
        .into_iter()
        .filter_map(|p| Some((p.clone(), std::fs::read_to_string(root.join(&p)).ok()?)))
        .collect();
    let context = papershelf_core::context::Context {
        papers: site.papers.clone(),
        ..Default::default()
    };
    let parsed = Post::parse_full(&rel, &text, &context, &partials);
    for d in &parsed.diagnostics {
        eprintln!("{}:{d}", path.display());
    }
    print!(
        "{}",
        to_html(
            parsed.doc(),
            &HashLinker {
                content_base: "content/".into()
            }
        )
    );
    println!();
    Ok(ExitCode::SUCCESS)
}
