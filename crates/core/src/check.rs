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
    // A post is found by its path (without extension) or any of its aliases.
    let mut ids = ids;
    for p in posts {
        let headings = ids
            .get(post_stem(&p.post.path))
            .cloned()
            .unwrap_or_default();
        for alias in &p.post.aliases {
            ids.entry(alias.as_str())
                .or_insert_with(|| headings.clone());
        }
    }
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
        let links = parsed.rendered.post_links.iter().map(|l| (l, false));
        let routes = parsed.rendered.route_links.iter().map(|l| (l, true));
        for ((target, line), is_route) in links.chain(routes) {
            let Target::Post { path: to, anchor } = target else {
                continue;
            };
            let found = ids
                .get(post_stem(to))
                .or_else(|| ids.get(crate::address::key(post_stem(to)).as_str()));
            match found {
                // A page of the site by its address: perhaps one the
                // Docusaurus site has outside the content (a React page).
                None if is_route => add(Diagnostic::warning(
                    *line,
                    format!(
                        "link to `/{}`: no post here has that address; fine if the site has that page outside the content",
                        post_stem(to)
                    ),
                )),
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
        // A journal of paper reviews has a post a day: two on one day, or
        // one without a day, is likely a slip. A blog may have several a
        // day, and docs have no dates at all.
        let reviews = parsed.reviews_papers;
        if reviews && !parsed.post.date.is_empty() && !parsed.post.draft {
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
        if reviews && parsed.post.date.is_empty() {
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
/// Longest title the post pages and feeds show whole (link previews cut
/// titles at 90 characters, page titles at 200).
pub const LONG_TITLE: usize = 200;

/// What makes a post awkward to share, though it renders: the problems
/// link previews, feeds and post pages work around (`text` is the post's
/// file as read). Each is a warning: the post, its page and the feeds are
/// still written.
pub fn sharing(parsed: &ParsedPost, text: &str) -> Vec<Diagnostic> {
    let post = &parsed.post;
    let mut found = Vec::new();
    let file = post.path.rsplit('/').next().unwrap_or(&post.path);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    if post.title.trim().is_empty() || post.title == stem {
        found.push(Diagnostic::warning(
            1,
            "no title: add `title:` to the front matter or a `# Title` line; feeds and link previews show the file name",
        ));
    }
    let chars = post.title.chars().count();
    if chars > LONG_TITLE {
        found.push(Diagnostic::warning(
            1,
            format!("the title is {chars} characters: link previews show the first 90, page titles the first {LONG_TITLE}"),
        ));
    }
    for tag in post
        .tags
        .iter()
        .chain(post.entries.iter().flat_map(|e| &e.tags))
    {
        if tag.contains(['<', '>', '&', '"', '\'']) {
            found.push(Diagnostic::warning(
                1,
                format!("tag `{tag}` has HTML characters (< > & \" '): they are shown as written, but a plain tag is easier to link to"),
            ));
        }
    }
    if let Some(c) = stem
        .chars()
        .find(|c| matches!(c, ' ' | '%' | '#' | '?' | '&' | '+'))
    {
        found.push(Diagnostic::warning(
            1,
            format!("the file name has `{c}`, which URLs must encode: its page and links work, but a name with only letters, digits and `-` reads better in an address"),
        ));
    }
    for (i, line) in text.lines().enumerate() {
        if let Some(c) = line
            .chars()
            .find(|&c| c.is_control() && c != '\t' && c != '\r')
        {
            found.push(Diagnostic::warning(
                i as u32 + 1,
                format!(
                    "control character U+{:04X} in the text: feeds and pages leave it out",
                    c as u32
                ),
            ));
        }
    }
    found
}

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
