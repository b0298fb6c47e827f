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
    let site = content_dir(path)
        .and_then(|dir| read_site(&dir).ok())
        .map(|(site, _)| site)
        .unwrap_or_default();
    let parsed = Post::parse_with(&rel, &text, &site.papers);
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
