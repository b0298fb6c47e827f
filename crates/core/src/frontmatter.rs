//! YAML front matter, as Docusaurus reads it: a `---` block at the top of a post.

use crate::diagnostic::Diagnostic;
use yaml_rust2::{Yaml, YamlLoader};

/// The front matter fields papershelf uses. Unknown keys are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `title:`, the post's title (else its first `# ` heading).
    pub title: Option<String>,
    /// `date:`, `YYYY-MM-DD` (else the date in the file name).
    pub date: Option<String>,
    /// `tags:`, the post's own tags (a list, or one string).
    pub tags: Vec<String>,
    /// `description:`, a one-line summary.
    pub description: Option<String>,
    /// `draft: true` keeps the post out of the index.
    pub draft: bool,
    /// `papers: true` makes a post a paper review wherever it is (its `## N.
    /// [Title](link)` headings are papers); `papers: false` makes it an
    /// ordinary post even in a papers folder ([`crate::context::PaperFolders`]).
    pub papers: Option<bool>,
    /// `unlisted: true`: reachable by its address, never in a list, a feed,
    /// the search or the sitemap (as Docusaurus does).
    pub unlisted: bool,
    /// `authors:` (keys of `authors.yml`, or authors written out), or the
    /// older `author:`, `author_title:`, `author_url:`, `author_image_url:`.
    pub authors: Vec<AuthorRef>,
    /// `sidebar_position:`, a doc's place among its folder's docs.
    pub sidebar_position: Option<String>,
    /// `slug:`, the post's Docusaurus URL (see `address.rs`).
    pub slug: Option<String>,
    /// `id:`, a doc's id: the last part of its Docusaurus URL.
    pub id: Option<String>,
    /// `image:`, the post's own preview image for link previews.
    pub image: Option<String>,
}

/// An author as a post's front matter names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthorRef {
    /// A key of `authors.yml`.
    Key(String),
    /// An author written out in the post.
    Inline(crate::context::Author),
}

/// A post split into its front matter and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines, if the post has front matter.
    pub yaml: Option<&'a str>,
    /// Everything after the front matter.
    pub body: &'a str,
    /// 1-based line number of the body's first line in the file.
    pub body_line: u32,
}

/// Splits off a leading `---` … `---` block.
pub fn split(text: &str) -> Split<'_> {
    let no_front = Split {
        yaml: None,
        body: text,
        body_line: 1,
    };
    let Some(first_nl) = text.find('\n') else {
        return no_front;
    };
    if text[..first_nl].trim_end() != "---" {
        return no_front;
    }
    let mut offset = first_nl + 1;
    let mut line = 2u32;
    while offset <= text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |e| offset + e);
        let l = text[offset..end].trim_end();
        if l == "---" || l == "..." {
            let body_start = (end + 1).min(text.len());
            return Split {
                yaml: Some(&text[first_nl + 1..offset]),
                body: &text[body_start..],
                body_line: line + 1,
            };
        }
        if end == text.len() {
            break;
        }
        offset = end + 1;
        line += 1;
    }
    no_front
}

impl FrontMatter {
    /// Parses the YAML of a front matter block that starts at file line 2.
    /// On a YAML error, returns what a line-by-line reading could recover
    /// together with the error.
    pub fn parse(yaml: &str) -> (FrontMatter, Option<Diagnostic>) {
        // The YAML parser recurses on nesting; front matter is flat, so refuse deep nesting.
        if yaml.len() > 64 * 1024 || bracket_depth(yaml) > 32 {
            let message =
                "front matter is too large or too deeply nested: keep it to `key: value` lines";
            return (Self::recover(yaml), Some(Diagnostic::error(2, message)));
        }
        match YamlLoader::load_from_str(yaml) {
            Ok(docs) => {
                let Some(doc) = docs.into_iter().next() else {
                    return (FrontMatter::default(), None);
                };
                match doc {
                    Yaml::Hash(_) => (Self::from_yaml(&doc), None),
                    Yaml::Null | Yaml::BadValue => (FrontMatter::default(), None),
                    _ => (
                        FrontMatter::default(),
                        Some(Diagnostic::error(
                            2,
                            "front matter must be `key: value` lines between the two `---` lines",
                        )),
                    ),
                }
            }
            Err(e) => {
                // Markers count lines from 1; the YAML starts on file line 2.
                let line = e.marker().line() as u32 + 1;
                let message = format!(
                    "bad front matter: {} (check quoting: a value with `: ` or starting with `[`, `{{`, `*` or `&` needs quotes)",
                    e.info()
                );
                (Self::recover(yaml), Some(Diagnostic::error(line, message)))
            }
        }
    }

    fn from_yaml(doc: &Yaml) -> FrontMatter {
        let text = |key: &str| match &doc[key] {
            Yaml::String(s) => Some(s.clone()),
            Yaml::Integer(i) => Some(i.to_string()),
            Yaml::Real(r) => Some(r.clone()),
            _ => None,
        };
        let tags = match &doc["tags"] {
            Yaml::Array(items) => items
                .iter()
                .filter_map(|t| match t {
                    Yaml::String(s) => Some(s.clone()),
                    Yaml::Hash(_) => t["label"].as_str().map(str::to_string),
                    Yaml::Integer(i) => Some(i.to_string()),
                    _ => None,
                })
                .collect(),
            Yaml::String(s) => split_tag_list(s),
            _ => Vec::new(),
        };
        FrontMatter {
            title: text("title"),
            date: text("date"),
            tags: clean_tags(tags),
            description: text("description"),
            unlisted: matches!(doc["unlisted"], Yaml::Boolean(true))
                || doc["unlisted"].as_str() == Some("true"),
            authors: {
                let one = |y: &Yaml| match y {
                    Yaml::String(k) => Some(AuthorRef::Key(k.trim().to_string())),
                    Yaml::Hash(_) => crate::context::Author::from_yaml(y).map(AuthorRef::Inline),
                    _ => None,
                };
                let mut authors: Vec<AuthorRef> = match &doc["authors"] {
                    Yaml::Array(items) => items.iter().filter_map(one).collect(),
                    y => one(y).into_iter().collect(),
                };
                if authors.is_empty() {
                    if let Some(name) = text("author") {
                        authors.push(AuthorRef::Inline(crate::context::Author {
                            name,
                            title: text("author_title"),
                            url: text("author_url"),
                            image_url: text("author_image_url"),
                        }));
                    }
                }
                authors
            },
            sidebar_position: text("sidebar_position")
                .filter(|p| p.trim().parse::<f64>().is_ok_and(f64::is_finite))
                .map(|p| p.trim().to_string()),
            slug: text("slug"),
            id: text("id"),
            image: text("image").filter(|i| !i.trim().is_empty()),
            draft: matches!(doc["draft"], Yaml::Boolean(true))
                || doc["draft"].as_str() == Some("true"),
            papers: match &doc["papers"] {
                Yaml::Boolean(b) => Some(*b),
                v => v.as_str().and_then(|s| s.parse().ok()),
            },
        }
    }

    /// Reads `key: value` lines one by one: the fields papershelf uses, with
    /// tags as `[a, b]`, `a, b` or a `- a` list on the lines below. What a
    /// front matter the YAML parser refuses still gives.
    fn recover(yaml: &str) -> FrontMatter {
        let mut fm = FrontMatter::default();
        let mut in_tags = false;
        for line in yaml.lines() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if in_tags {
                if let Some(item) = trimmed.strip_prefix("- ") {
                    fm.tags.push(unquote(item).to_string());
                    continue;
                }
                in_tags = false;
            }
            if line.starts_with([' ', '\t']) {
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = unquote(value);
            match key.trim() {
                "title" if !value.is_empty() => fm.title = Some(value.to_string()),
                "date" if !value.is_empty() => fm.date = Some(value.to_string()),
                "description" if !value.is_empty() => fm.description = Some(value.to_string()),
                "draft" => fm.draft = value == "true",
                "papers" => fm.papers = value.parse().ok(),
                "unlisted" => fm.unlisted = value == "true",
                "authors" if !value.is_empty() => {
                    fm.authors = split_tag_list(value)
                        .into_iter()
                        .map(AuthorRef::Key)
                        .collect()
                }
                "sidebar_position" => {
                    fm.sidebar_position = value
                        .parse::<f64>()
                        .is_ok_and(f64::is_finite)
                        .then(|| value.to_string())
                }
                "slug" if !value.is_empty() => fm.slug = Some(value.to_string()),
                "id" if !value.is_empty() => fm.id = Some(value.to_string()),
                "image" if !value.is_empty() => fm.image = Some(value.to_string()),
                "tags" if value.is_empty() => in_tags = true,
                "tags" => fm.tags = split_tag_list(value),
                _ => {}
            }
        }
        // Trimmed, without empties and repeats, once for every way of writing them.
        fm.tags = clean_tags(std::mem::take(&mut fm.tags));
        fm
    }
}

/// A value without its surrounding quotes (and without a trailing comment when unquoted).
fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    v.split(" #").next().unwrap_or(v).trim()
}

/// The deepest `[`/`{` nesting, and indentation levels counted as nesting too.
fn bracket_depth(yaml: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for c in yaml.chars() {
        match c {
            '[' | '{' => {
                depth += 1;
                max = max.max(depth);
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let indent = yaml
        .lines()
        .map(|l| l.len() - l.trim_start().len())
        .max()
        .unwrap_or(0)
        / 2;
    max.max(indent)
}

fn split_tag_list(s: &str) -> Vec<String> {
    s.trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .map(|t| t.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
        .collect()
}

fn clean_tags(tags: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim().to_string();
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Checks a `YYYY-MM-DD` date (a time after it is ignored) and returns it.
pub fn parse_date(s: &str) -> Option<String> {
    let d = s.trim().get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let month: u32 = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| d.to_string())
}

/// The date a post's path gives, as `YYYY-MM-DD`: this journal's
/// `YYYYMMDD.md`, or a Docusaurus blog's, at the start of a folder or file
/// name: `2021-08-26-slug.md`,
/// `2021-08-26-slug/index.md`, `2021/08/26/slug.md`,
/// `2022/08-01-slug/index.mdx`. The first date in the path wins.
pub fn date_from_file_name(path: &str) -> Option<String> {
    let name = path.rsplit('/').next()?;
    let stem = name.split('.').next()?;
    if let Some(digits) = stem
        .get(..8)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
    {
        if stem.len() == 8 || !stem.as_bytes()[8].is_ascii_digit() {
            return parse_date(&format!(
                "{}-{}-{}",
                &digits[..4],
                &digits[4..6],
                &digits[6..8]
            ));
        }
    }
    blog_date(path)
}

/// `YYYY[-/]M[M][-/]D[D]`, followed by `-`, `/`, `.` or the end, at the
/// start of the path or after a `/`.
fn blog_date(path: &str) -> Option<String> {
    blog_date_at(path).map(|(_, _, date)| date)
}

/// Where the blog date in `path` starts and ends, and the date
/// (`YYYY-MM-DD`), as [`date_from_file_name`] reads Docusaurus's blog
/// conventions.
pub(crate) fn blog_date_at(path: &str) -> Option<(usize, usize, String)> {
    let b = path.as_bytes();
    // The number of `min` to `max` digits at `at`, and where it ends.
    let digits = |at: usize, min: usize, max: usize| -> Option<(u32, usize)> {
        let run = b
            .get(at..)?
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if run < min {
            return None;
        }
        Some((path[at..at + run].parse().ok()?, at + run))
    };
    let starts = std::iter::once(0).chain(path.match_indices('/').map(|(i, _)| i + 1));
    for start in starts {
        let Some((year, after_year)) = digits(start, 4, 4) else {
            continue;
        };
        let sep = |at: usize| b.get(at).is_some_and(|c| matches!(c, b'-' | b'/'));
        if !sep(after_year) {
            continue;
        }
        let Some((month, after_month)) = digits(after_year + 1, 1, 2) else {
            continue;
        };
        if !sep(after_month) {
            continue;
        }
        let Some((day, after_day)) = digits(after_month + 1, 1, 2) else {
            continue;
        };
        if !matches!(b.get(after_day), None | Some(b'-' | b'/' | b'.')) {
            continue;
        }
        if let Some(date) = parse_date(&format!("{year:04}-{month:02}-{day:02}")) {
            return Some((start, after_day, date));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_body_lines() {
        let s = split("---\ntitle: Hi\n---\n# Body\n");
        assert_eq!(s.yaml, Some("title: Hi\n"));
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
        assert_eq!(split("# No front\n").yaml, None);
        assert_eq!(split("---\nunclosed: yes\n").yaml, None);
    }

    #[test]
    fn reads_docusaurus_fields() {
        let (fm, err) = FrontMatter::parse("title: Agents week\ndate: 2025-11-20\ntags: [agents, rl]\ndescription: Five papers\ndraft: false\nslug: /x\n");
        assert_eq!(err, None);
        assert_eq!(fm.title.as_deref(), Some("Agents week"));
        assert_eq!(fm.date.as_deref(), Some("2025-11-20"));
        assert_eq!(fm.tags, vec!["agents", "rl"]);
        assert!(!fm.draft);
    }

    #[test]
    fn bad_yaml_reports_its_line_and_keeps_what_it_can() {
        let (fm, err) = FrontMatter::parse("title: Fine\ntags: [a, b\ndate: 2025-01-02\n");
        // `tags: [a, b` is file line 3; the parser notices on a later line.
        let err = err.expect("an error");
        assert!(err.line >= 3, "{err}");
        assert!(err.message.contains("bad front matter"), "{err}");
        assert_eq!(fm.title.as_deref(), Some("Fine"));
        assert_eq!(fm.date.as_deref(), Some("2025-01-02"));
    }

    #[test]
    fn the_line_reader_takes_what_posts_use() {
        let fm = FrontMatter::recover(
            "title: \"Agents: a week\"\ndate: 2025-11-20 # a comment\ntags:\n  - agents\n  - 'rl'\ndraft: true\nauthors:\n  - name: x\n",
        );
        assert_eq!(fm.title.as_deref(), Some("Agents: a week"));
        assert_eq!(fm.date.as_deref(), Some("2025-11-20"));
        assert_eq!(fm.tags, vec!["agents", "rl"]);
        assert!(fm.draft);
        assert_eq!(
            FrontMatter::recover("tags: [a, \"b\", a]\n").tags,
            vec!["a", "b"]
        );
    }

    #[test]
    fn dates_from_names_and_fields() {
        assert_eq!(
            date_from_file_name("papers/y2025/nov/20251106.md").as_deref(),
            Some("2025-11-06")
        );
        assert_eq!(date_from_file_name("papers/notes.md"), None);
    }

    /// Every file name convention of a Docusaurus blog gives its date.
    #[test]
    fn docusaurus_blog_paths_give_their_date() {
        for (path, date) in [
            ("blog/2021-08-26-welcome.md", Some("2021-08-26")),
            ("blog/2021-08-26-welcome/index.md", Some("2021-08-26")),
            ("blog/2021/08/26/welcome.md", Some("2021-08-26")),
            ("blog/2022/08-01-release/index.mdx", Some("2022-08-01")),
            ("2019-5-3-short.md", Some("2019-05-03")),
            ("blog/2021-08-26.md", Some("2021-08-26")),
            ("papers/y2025/nov/20251106.md", Some("2025-11-06")),
            // Not dates: a version, a year alone, a number in a name, a bad day.
            ("docs/v2021-08-26x.md", None),
            ("docs/2021/intro.md", None),
            ("docs/release-2021-08-26.md", None),
            ("blog/2021-13-01-x.md", None),
            ("docs/123456789.md", None),
        ] {
            assert_eq!(date_from_file_name(path).as_deref(), date, "{path}");
        }
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(
            parse_date("2025-02-03T10:00:00").as_deref(),
            Some("2025-02-03")
        );
    }
}
