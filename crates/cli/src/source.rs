//! What papershelf reads from a content folder: its settings, every post
//! (parsed, with its text) and every other file (its size, and an image's
//! dimensions). Every command reads through here; what is written from it
//! is computed by [`crate::outputs::site`], without reading anything more.

use papershelf_core::context::Context;
use papershelf_core::diagnostic::Diagnostic;
use papershelf_core::post::{ParsedPost, Post};
use papershelf_core::site::{self, Site};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file of the content folder that is not a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct File {
    /// Its size in bytes.
    pub bytes: u64,
    /// Width and height, for a PNG or JPEG that could be read.
    pub dimensions: Option<(u32, u32)>,
}

/// A content folder as read.
#[derive(Debug)]
pub struct Source {
    /// Its settings (`papershelf.toml`; the defaults when there is none).
    pub site: Site,
    /// What is wrong in the settings.
    pub site_problems: Vec<Diagnostic>,
    /// Every post, parsed, in path order.
    pub posts: Vec<ParsedPost>,
    /// The text of each post, as read (same order).
    pub texts: Vec<String>,
    /// Every other file, by its path in the folder (with `/`), and every
    /// file of the Docusaurus `static/` folder by its path from there (it is
    /// served at the site's root: `/img/a.png`).
    pub files: BTreeMap<String, File>,
    /// The `static/` folder's files: their path from it, and where they are.
    pub statics: Vec<(String, PathBuf)>,
    /// What parsing a post takes from the site: its paper folders, and the
    /// authors and tags its `authors.yml` and `tags.yml` declare.
    pub context: Context,
    /// What is wrong in `authors.yml` and `tags.yml`: the file (in the folder) and the problem.
    pub context_problems: Vec<(String, Diagnostic)>,
    /// What orders the docs: folders' positions (`_category_.json`,
    /// `_category_.yml`) and the doc ids a `sidebars.js` lists (here, or
    /// beside the folder: a Docusaurus site's root).
    pub sidebar: papershelf_core::sidebar::Sidebar,
}

/// The doc ids the site's `sidebars.js` (or `.ts`) lists, in the content
/// folder `dir` or the folder above it.
fn sidebar_docs(dir: &Path) -> Vec<String> {
    [
        "sidebars.js",
        "sidebars.ts",
        "../sidebars.js",
        "../sidebars.ts",
    ]
    .iter()
    .find_map(|f| std::fs::read_to_string(dir.join(f)).ok())
    .map(|js| papershelf_core::sidebar::doc_ids(&js))
    .unwrap_or_default()
}

/// The sidebar position a `_category_.json` (or `.yml`) file's `text` gives its folder.
fn category_position(file: &str, text: &str) -> Option<f64> {
    let position = if file.ends_with(".json") {
        serde_json::from_str::<serde_json::Value>(text)
            .ok()?
            .get("position")?
            .as_f64()
    } else {
        text.lines()
            .find_map(|l| l.strip_prefix("position:"))
            .and_then(|v| v.trim().parse().ok())
    };
    position.filter(|p: &f64| p.is_finite())
}

/// The folders' positions `_category_` files among `all` give.
fn folders_of(all: &[(String, PathBuf)]) -> std::collections::BTreeMap<String, f64> {
    all.iter()
        .filter_map(|(rel, full)| {
            let (dir, name) = rel.rsplit_once('/')?;
            if !["_category_.json", "_category_.yml", "_category_.yaml"].contains(&name) {
                return None;
            }
            let position = category_position(name, &std::fs::read_to_string(full).ok()?)?;
            Some((dir.to_string(), position))
        })
        .collect()
}

/// The context of the content folder whose files are `all`: `site`'s paper
/// folders, and the first `authors.yml` and `tags.yml` (the shallowest, as
/// a Docusaurus blog has them in `blog/`), with what is wrong in them.
fn context_of(site: &Site, all: &[(String, PathBuf)]) -> (Context, Vec<(String, Diagnostic)>) {
    let mut context = Context {
        papers: site.papers.clone(),
        ..Context::default()
    };
    let mut problems = Vec::new();
    let first = |name: &str| {
        all.iter()
            .filter(|(rel, _)| rel.rsplit('/').next() == Some(name))
            .min_by_key(|(rel, _)| (rel.matches('/').count(), rel.clone()))
    };
    if let Some((rel, full)) = first("authors.yml") {
        match read_text(full).and_then(|t| Context::read_authors(&t)) {
            Ok(authors) => context.authors = authors,
            Err(e) => problems.push((rel.clone(), Diagnostic::error(1, e))),
        }
    }
    if let Some((rel, full)) = first("tags.yml") {
        match read_text(full).and_then(|t| Context::read_tags(&t)) {
            Ok(tags) => context.tags = tags,
            Err(e) => problems.push((rel.clone(), Diagnostic::error(1, e))),
        }
    }
    (context, problems)
}

/// The Docusaurus `static/` folder of the content folder `dir`: the site's
/// `static` setting, else `static/` in it, else `../static/` beside it.
pub fn static_dir(dir: &Path, site: &Site) -> Option<PathBuf> {
    match &site.static_dir {
        Some(s) => Some(dir.join(s)).filter(|p| p.is_dir()),
        None => [dir.join("static"), dir.join("../static")]
            .into_iter()
            .find(|p| p.is_dir()),
    }
}

/// A file's size, and an image's dimensions, as [`File`].
fn file_of(rel: &str, full: &Path) -> Result<File, String> {
    let bytes = std::fs::metadata(full)
        .map_err(|e| format!("cannot read {}: {e}", full.display()))?
        .len();
    let lower = rel.to_ascii_lowercase();
    let dimensions = [".png", ".jpg", ".jpeg"]
        .iter()
        .any(|e| lower.ends_with(e))
        .then(|| imagesize::size(full).ok())
        .flatten()
        .map(|s| (s.width as u32, s.height as u32));
    Ok(File { bytes, dimensions })
}

impl Source {
    /// Reads the content folder `dir`: an error names what could not be read
    /// and what to do.
    pub fn read(dir: &Path) -> Result<Source, String> {
        let all = walk(dir)?;
        // A file or folder whose name starts with `_` holds partials
        // (Docusaurus's convention): never a post of its own.
        let is_post = |rel: &str| {
            (rel.ends_with(".md") || rel.ends_with(".mdx"))
                && !rel.split('/').any(|part| part.starts_with('_'))
        };
        let mut texts = Vec::new();
        let mut paths = Vec::new();
        let mut files = BTreeMap::new();
        let mut partials = papershelf_core::mdx::Partials::new();
        for (rel, full) in &all {
            if is_post(rel) {
                texts.push(read_text(full)?);
                paths.push(rel.clone());
            } else {
                if rel.ends_with(".md") || rel.ends_with(".mdx") {
                    // A partial: its text is what a post including it shows.
                    partials.insert(rel.clone(), read_text(full)?);
                }
                files.insert(rel.clone(), file_of(rel, full)?);
            }
        }
        if texts.is_empty() {
            return Err(format!(
                "{} has no .md posts: put posts under it, e.g. papers/y2025/nov/20251106.md",
                dir.display()
            ));
        }
        let (site, site_problems) = read_site(dir)?;
        let (context, context_problems) = context_of(&site, &all);
        // The static folder's files, at the site's root; a content file of
        // the same path comes first.
        let mut statics = Vec::new();
        if let Some(folder) = static_dir(dir, &site) {
            for (rel, full) in walk(&folder)? {
                if !files.contains_key(&rel) && !is_post(&rel) {
                    files.insert(rel.clone(), file_of(&rel, &full)?);
                    statics.push((rel, full));
                }
            }
        }
        Ok(Source {
            site_problems,
            statics,
            context_problems,
            sidebar: papershelf_core::sidebar::Sidebar {
                folders: folders_of(&all),
                docs: sidebar_docs(dir),
            },
            ..Source::with_partials(
                site,
                context,
                paths.into_iter().zip(texts).collect(),
                files,
                &partials,
            )
        })
    }

    /// A content folder of `site`'s settings, the posts `(path, text)` and
    /// the other `files`, as if read.
    #[cfg(test)]
    pub fn new(site: Site, posts: Vec<(String, String)>, files: BTreeMap<String, File>) -> Source {
        let context = Context {
            papers: site.papers.clone(),
            ..Context::default()
        };
        Source::with_partials(site, context, posts, files, &Default::default())
    }

    /// [`Source::new`], the posts including the `partials` they import
    /// (`_intro.mdx`: see `papershelf_core::mdx::partial_paths`).
    pub fn with_partials(
        site: Site,
        context: Context,
        posts: Vec<(String, String)>,
        files: BTreeMap<String, File>,
        partials: &papershelf_core::mdx::Partials,
    ) -> Source {
        let parsed = posts
            .iter()
            .map(|(path, text)| Post::parse_full(path, text, &context, partials))
            .collect();
        Source {
            site,
            site_problems: Vec::new(),
            posts: parsed,
            texts: posts.into_iter().map(|(_, text)| text).collect(),
            files,
            statics: Vec::new(),
            context,
            context_problems: Vec::new(),
            sidebar: Default::default(),
        }
    }
}

/// The site's settings from `dir`'s `papershelf.toml` (the defaults when
/// there is none), and what is wrong in them.
pub fn read_site(dir: &Path) -> Result<(Site, Vec<Diagnostic>), String> {
    let path = dir.join(site::FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Site::parse(&text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((Site::default(), Vec::new())),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Reads a file as UTF-8, decoding invalid bytes lossily with a warning.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            eprintln!(
                "{}:1: warning: not valid UTF-8 (byte {}); invalid bytes shown as �",
                path.display(),
                e.utf8_error().valid_up_to()
            );
            Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
    }
}

/// Every file under `dir` as (path relative to `dir` with `/`, full path), sorted.
pub fn walk(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    if !dir.is_dir() {
        return Err(format!(
            "{} is not a directory: give the content directory (e.g. content/)",
            dir.display()
        ));
    }
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).map_err(|e| format!("cannot list {}: {e}", d.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            // Hidden files and folders (.git, .docusaurus), and a site's
            // installed packages, are no part of the content.
            if name.to_string_lossy().starts_with('.') || name == "node_modules" {
                continue;
            }
            if path.is_dir() {
                // What `index` wrote is no part of the content.
                if !(d == dir && name == papershelf_core::index::GENERATED_DIR) {
                    stack.push(path);
                }
            } else if let Ok(rel) = path.strip_prefix(dir) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                if rel != "index.json" {
                    out.push((rel, path));
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The `content/` directory a post sits in, if any.
pub fn content_dir(path: &Path) -> Option<std::path::PathBuf> {
    let text = path.to_string_lossy().replace('\\', "/");
    text.rfind("content/")
        .map(|i| std::path::PathBuf::from(&text[..i + "content".len()]))
}

/// The path of a post relative to the `content/` directory it sits in, if any.
pub fn content_relative(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    match text.rfind("content/") {
        Some(i) => text[i + "content/".len()..].to_string(),
        None => text.trim_start_matches("./").to_string(),
    }
}

/// Writes only when the text changed, so a file watcher does not loop.
pub fn write_if_changed(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), String> {
    let bytes = bytes.as_ref();
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
