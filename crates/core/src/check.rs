//! `papershelf check`: problems across a whole content directory.

use crate::diagnostic::Diagnostic;
use crate::doc::Target;
use crate::links::{resolve, UrlUse};
use crate::post::{post_stem, ParsedPost};
use std::collections::{BTreeSet, HashMap};

/// A problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// File path relative to the content directory.
    pub path: String,
    /// The problem.
    pub diagnostic: Diagnostic,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.path, self.diagnostic)
    }
}

/// Checks parsed posts against each other and against the files present
/// (`files`: every file path relative to the content directory).
pub fn check(posts: &[ParsedPost], files: &BTreeSet<String>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let ids: HashMap<&str, Vec<&str>> = posts
        .iter()
        .map(|p| {
            (
                post_stem(&p.post.path),
                p.rendered
                    .headings
                    .iter()
                    .filter_map(|h| h.id.as_deref())
                    .collect(),
            )
        })
        .collect();
    let mut dates: HashMap<&str, &str> = HashMap::new();
    for parsed in posts {
        let path = parsed.post.path.as_str();
        let mut add = |d: Diagnostic| {
            findings.push(Finding {
                path: path.to_string(),
                diagnostic: d,
            })
        };
        for d in &parsed.diagnostics {
            add(d.clone());
        }
        for (target, line) in &parsed.rendered.post_links {
            let Target::Post { path: to, anchor } = target else {
                continue;
            };
            match ids.get(post_stem(to)) {
                None => add(Diagnostic::error(
                    *line,
                    format!("link to `{to}`: there is no such post"),
                )),
                Some(headings) => {
                    if let Some(a) = anchor {
                        let is_footnote = a.starts_with("fn-") || a.starts_with("fnref-");
                        if !is_footnote && !headings.contains(&a.as_str()) {
                            let hint = closest(a, headings)
                                .map(|c| format!(" (did you mean `#{c}`?)"))
                                .unwrap_or_default();
                            add(Diagnostic::error(
                                *line,
                                format!("link to `{to}#{a}`: that post has no such heading{hint}"),
                            ));
                        }
                    }
                }
            }
        }
        for import in &parsed.imports {
            match resolve(&import.path, path, UrlUse::Image) {
                Ok(Target::Asset { path: file, .. }) if !files.contains(&file) => {
                    add(Diagnostic::error(
                        import.line,
                        format!(
                            "import `{}` from `{}`: the file `{file}` does not exist",
                            import.name, import.path
                        ),
                    ))
                }
                Err(e) => add(Diagnostic::error(
                    import.line,
                    format!("import `{}`: {e}", import.name),
                )),
                _ => {}
            }
        }
        for (file, line) in &parsed.rendered.assets {
            if !files.contains(file)
                && !parsed.imports.iter().any(|i| {
                    matches!(resolve(&i.path, path, UrlUse::Image),
                        Ok(Target::Asset { path: p, .. }) if p == *file)
                })
            {
                add(Diagnostic::error(*line, format!("`{file}` does not exist")));
            }
        }
        if !parsed.post.date.is_empty() && !parsed.post.draft {
            if let Some(other) = dates.insert(&parsed.post.date, path) {
                add(Diagnostic::warning(
                    1,
                    format!(
                        "another post, `{other}`, has the same date {}",
                        parsed.post.date
                    ),
                ));
            }
        }
        if parsed.post.date.is_empty() {
            add(Diagnostic::warning(1, "no date: name the file `YYYYMMDD.md` or add `date: YYYY-MM-DD` to the front matter"));
        }
    }
    findings.sort_by(|a, b| {
        a.path
            .cmp(&b.path)
            .then(a.diagnostic.line.cmp(&b.diagnostic.line))
    });
    findings.dedup();
    findings
}

/// The candidate sharing the longest prefix with `wanted`, if any shares a few characters.
fn closest<'a>(wanted: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| {
            (
                c.chars()
                    .zip(wanted.chars())
                    .take_while(|(a, b)| a == b)
                    .count(),
                *c,
            )
        })
        .filter(|(n, _)| *n >= 3)
        .max_by_key(|(n, _)| *n)
        .map(|(_, c)| c)
}
