//! `papershelf check DIR [--strict]`: every problem in the posts and
//! settings, one `FILE:LINE: error|warning: message` per line; exit 1 when
//! one is an error (a page it breaks), or, with `--strict`, a warning.

use crate::source::Source;
use papershelf_core::check::{check, Finding};
use papershelf_core::diagnostic::Severity;
use papershelf_core::site;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

/// Runs `papershelf check DIR`; with `strict`, warnings fail it too.
pub fn run(dir: &Path, strict: bool) -> Result<ExitCode, String> {
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
    findings.extend(
        source
            .context_problems
            .iter()
            .map(|(file, diagnostic)| Finding {
                path: file.clone(),
                diagnostic: diagnostic.clone(),
            }),
    );
    for f in &findings {
        println!(
            "{}",
            Finding {
                path: dir.join(&f.path).display().to_string(),
                diagnostic: f.diagnostic.clone()
            }
        );
    }
    let errors = findings
        .iter()
        .filter(|f| f.diagnostic.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    let counted = |n: usize, one: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {one}s"),
    };
    if findings.is_empty() {
        eprintln!("papershelf: {}, no problems", counted(posts.len(), "post"));
    } else {
        eprintln!(
            "papershelf: {} and {} in {}",
            counted(errors, "error"),
            counted(warnings, "warning"),
            counted(posts.len(), "post")
        );
    }
    Ok(if errors > 0 || strict && warnings > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
