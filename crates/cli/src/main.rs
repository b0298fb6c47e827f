//! `papershelf`: index, render and check a content directory with the same
//! core the browser uses.

use papershelf_core::catalog::Catalog;
use papershelf_core::check::{check, Finding};
use papershelf_core::doc::HashLinker;
use papershelf_core::html::to_html;
use papershelf_core::index::{Front, Index};
use papershelf_core::post::{ParsedPost, Post};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
papershelf: index, render and check a papershelf content directory

usage:
  papershelf index DIR [--out PATH]   write DIR/index.json, index-front.json and search/ (--out - for stdout)
  papershelf render FILE              print the HTML of one post's body
  papershelf check DIR                report broken links, imports, front matter (exit 1 if any)
  papershelf search DIR QUERY [--json]
                                      search DIR's index as the browser does (after `index`)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("index") => index(&args[1..]),
        Some("render") => render(&args[1..]),
        Some("check") => check_dir(&args[1..]),
        Some("search") => search(&args[1..]),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(format!("expected a command\n\n{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("papershelf: {message}");
            ExitCode::from(2)
        }
    }
}

fn index(args: &[String]) -> Result<ExitCode, String> {
    let (dir, out) = match args {
        [dir] => (PathBuf::from(dir), None),
        [dir, flag, out] if flag == "--out" => (PathBuf::from(dir), Some(out.clone())),
        _ => {
            return Err(format!(
                "index takes DIR and an optional --out PATH\n\n{USAGE}"
            ))
        }
    };
    let posts = read_posts(&dir)?;
    let index = Index::build(posts.iter().map(|p| p.post.clone()));
    let json = index_json(&index).map_err(|e| e.to_string())?;
    match out.as_deref() {
        Some("-") => print!("{json}"),
        Some(path) => write_if_changed(Path::new(path), &json)?,
        None => write_if_changed(&dir.join("index.json"), &json)?,
    }
    if out.as_deref() != Some("-") {
        let beside = match out.as_deref() {
            Some(path) => Path::new(path)
                .parent()
                .unwrap_or(Path::new("."))
                .to_path_buf(),
            None => dir.clone(),
        };
        let front = Front::of(&index, &Catalog::new(&index));
        let front = serde_json::to_string(&front).map_err(|e| e.to_string())? + "\n";
        write_if_changed(&beside.join("index-front.json"), &front)?;
        write_search_index(&index, &posts, &beside.join("search"))?;
    }
    if out.as_deref() != Some("-") {
        eprintln!("papershelf: indexed {} posts", index.posts.len());
    }
    Ok(ExitCode::SUCCESS)
}

/// The index as JSON with one post per line (see the README): still one JSON
/// document, and the browser can parse it a few lines at a time, so a large
/// index never blocks the page for long.
fn index_json(index: &Index) -> Result<String, serde_json::Error> {
    let mut out = format!("{{\"version\":{},\"posts\":[\n", index.version);
    for (i, post) in index.posts.iter().enumerate() {
        out += &serde_json::to_string(post)?;
        out += if i + 1 < index.posts.len() {
            ",\n"
        } else {
            "\n"
        };
    }
    out += "]}\n";
    Ok(out)
}

/// How large a search index piece is, about: a query fetches a few.
const SEARCH_PIECE_BYTES: usize = 12 * 1024;

/// Writes the search index for `index`'s posts (in its order) into `dir`:
/// `manifest.json` and the pieces it names; pieces no longer named go.
fn write_search_index(index: &Index, posts: &[ParsedPost], dir: &Path) -> Result<(), String> {
    use papershelf_core::search::index::{sections_of, Builder};
    let by_path: std::collections::HashMap<&str, &ParsedPost> =
        posts.iter().map(|p| (p.post.path.as_str(), p)).collect();
    let mut builder = Builder::default();
    for post in &index.posts {
        let parsed = by_path[post.path.as_str()];
        builder.add_post(&sections_of(parsed));
    }
    let built = builder.finish(SEARCH_PIECE_BYTES);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut keep = std::collections::HashSet::new();
    for (file, bytes) in &built.pieces {
        let path = dir.join(file);
        // Named by their bytes: a piece already there is the same piece.
        if !path.exists() {
            std::fs::write(&path, bytes)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        keep.insert(file.clone());
    }
    let manifest = serde_json::to_string(&built.manifest).map_err(|e| e.to_string())?;
    write_if_changed(&dir.join("manifest.json"), &manifest)?;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".bin") && !keep.contains(&name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// Searches `DIR`'s search index (`DIR/search/`, which `index` writes) with
/// the browser's engine: the posts that match, best first, each with its
/// matching entries, and what the query had to read.
fn search(args: &[String]) -> Result<ExitCode, String> {
    use papershelf_core::search::engine::{pieces_needed, run};
    use papershelf_core::search::index::{Manifest, Piece, SEARCH_VERSION};
    use papershelf_core::search::query::Query;
    let json = args.iter().any(|a| a == "--json");
    let rest: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    let [dir, query] = rest.as_slice() else {
        return Err(format!(
            "search takes DIR and one QUERY (quote it)\n\n{USAGE}"
        ));
    };
    let dir = Path::new(dir.as_str());
    let read = |path: PathBuf| {
        std::fs::read(&path).map_err(|e| {
            format!(
                "cannot read {}: {e}; run `papershelf index {}` first",
                path.display(),
                dir.display()
            )
        })
    };
    let index: Index = serde_json::from_slice(&read(dir.join("index.json"))?)
        .map_err(|e| format!("{}: {e}", dir.join("index.json").display()))?;
    let search_dir = dir.join("search");
    let manifest: Manifest = serde_json::from_slice(&read(search_dir.join("manifest.json"))?)
        .map_err(|e| format!("{}: {e}", search_dir.join("manifest.json").display()))?;
    if manifest.version != SEARCH_VERSION || manifest.posts as usize != index.posts.len() {
        return Err(format!(
            "{} is out of date: run `papershelf index {}`",
            search_dir.display(),
            dir.display()
        ));
    }
    let query = Query::parse(query);
    let mut pieces = std::collections::HashMap::new();
    let mut bytes = 0;
    let needed = pieces_needed(&query, &manifest);
    for file in &needed {
        let raw = read(search_dir.join(file))?;
        bytes += raw.len();
        let piece =
            Piece::parse(&raw).map_err(|e| format!("{}: {e}", search_dir.join(file).display()))?;
        pieces.insert(file.clone(), piece);
    }
    let sections: Vec<u32> = index
        .posts
        .iter()
        .map(|p| 1 + p.entries.len() as u32)
        .collect();
    let hits = run(&query, &manifest, &sections, |f| pieces.get(f));
    if json {
        let posts: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                let post = &index.posts[h.post as usize];
                serde_json::json!({
                    "path": post.path,
                    "score": h.score,
                    "entries": h.sections.iter().filter(|s| s.0 > 0).map(|s| &post.entries[s.0 as usize - 1].anchor).collect::<Vec<_>>(),
                })
            })
            .collect();
        let out = serde_json::json!({ "count": hits.len(), "pieces": needed, "bytes": bytes, "posts": posts });
        emit(&format!("{out}\n"));
    } else {
        let mut out = String::new();
        for h in &hits {
            let post = &index.posts[h.post as usize];
            out += &format!("{}  {}  ({:.2})\n", post.path, post.title, h.score);
            for (s, _) in h.sections.iter().filter(|s| s.0 > 0) {
                let entry = &post.entries[*s as usize - 1];
                out += &format!("  #{}  {}\n", entry.anchor, entry.title);
            }
        }
        emit(&out);
        eprintln!(
            "papershelf: {} posts match; read {} pieces, {bytes} bytes",
            hits.len(),
            needed.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints to stdout; a reader that stopped reading (`| head`) is not an error.
fn emit(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Writes only when the text changed, so a file watcher does not loop.
fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn render(args: &[String]) -> Result<ExitCode, String> {
    let [file] = args else {
        return Err(format!("render takes one FILE\n\n{USAGE}"));
    };
    let path = Path::new(file);
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

fn check_dir(args: &[String]) -> Result<ExitCode, String> {
    let [dir] = args else {
        return Err(format!("check takes one DIR\n\n{USAGE}"));
    };
    let dir = PathBuf::from(dir);
    let posts = read_posts(&dir)?;
    let files: BTreeSet<String> = walk(&dir)?.into_iter().map(|(rel, _)| rel).collect();
    let findings: Vec<Finding> = check(&posts, &files);
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

/// The path of a post relative to the `content/` directory it sits in, if any.
fn content_relative(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    match text.rfind("content/") {
        Some(i) => text[i + "content/".len()..].to_string(),
        None => text.trim_start_matches("./").to_string(),
    }
}

fn read_posts(dir: &Path) -> Result<Vec<ParsedPost>, String> {
    let files = walk(dir)?;
    let posts: Vec<ParsedPost> = files
        .iter()
        .filter(|(rel, _)| rel.ends_with(".md") || rel.ends_with(".mdx"))
        .map(|(rel, full)| read_text(full).map(|text| Post::parse(rel, &text)))
        .collect::<Result<_, _>>()?;
    if posts.is_empty() {
        return Err(format!(
            "{} has no .md posts: put posts under it, e.g. papers/y2025/nov/20251106.md",
            dir.display()
        ));
    }
    Ok(posts)
}

/// Reads a file as UTF-8, decoding invalid bytes lossily with a warning.
fn read_text(path: &Path) -> Result<String, String> {
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
fn walk(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
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
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
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
