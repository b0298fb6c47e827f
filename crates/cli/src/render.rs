//! `papershelf render FILE`: one post as the HTML the browser shows, with
//! what is wrong in it on stderr.

use crate::source::{content_relative, read_text};
use papershelf_core::doc::HashLinker;
use papershelf_core::html::to_html;
use papershelf_core::post::Post;
use std::path::Path;
use std::process::ExitCode;

/// Runs `papershelf render FILE`.
pub fn run(path: &Path) -> Result<ExitCode, String> {
    let text = read_text(path)?;
    let rel = content_relative(path);
    let parsed = Post::parse(&rel, &text);
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
