//! `papershelf check DIR`: every problem in the posts and settings, one
//! `FILE:LINE: message` per line; exit 1 when there is one.

use crate::source::Source;
use papershelf_core::check::{check, Finding};
use papershelf_core::site;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

/// Runs `papershelf check DIR`.
pub fn run(dir: &Path) -> Result<ExitCode, String> {
    let source = Source::read(dir)?;
    let posts = &source.posts;
    let mut files: BTreeSet<String> = source.files.keys().cloned().collect();
    files.extend(posts.iter().map(|p| p.post.path.clone()));
    let mut findings: Vec<Finding> = check(posts, &files);
    for (parsed, text) in posts.iter().zip(&source.texts) {
        findings.extend(
            papershelf_core::check::sharing(parsed, text)
                .into_iter()
                .map(|diagnostic| Finding {
                    path: parsed.post.path.clone(),
                    diagnostic,
                }),
        );
    }
    findings.sort_by(|a, b| (&a.path, a.diagnostic.line).cmp(&(&b.path, b.diagnostic.line)));
    findings.extend(source.site_problems.iter().map(|diagnostic| Finding {
        path: site::FILE.into(),
        diagnostic: diagnostic.clone(),
    }));
    for f in &findings {
        println!(
            "{}",
            Finding {
                path: dir.join(&f.path).display().to_string(),
                diagnostic: f.diagnostic.clone()
            }
        );
    }
    if findings.is_empty() {
        eprintln!("papershelf: {} posts, no problems", posts.len());
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "papershelf: {} problems in {} posts",
            findings.len(),
            posts.len()
        );
        Ok(ExitCode::from(1))
    }
}
