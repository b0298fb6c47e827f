//! `papershelf search DIR QUERY`: the browser's search engine over DIR's
//! search index, from the command line.

use papershelf_core::index::{Index, SEARCH_DIR};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Searches `DIR`'s search index (`DIR/_papershelf/search/`, which `index` writes) with
/// the browser's engine: the posts that match, best first, each with its
/// matching entries, and what the query had to read.
pub fn run(dir: &Path, query: &str, json: bool) -> Result<ExitCode, String> {
    use papershelf_core::search::engine::{pieces_needed, run};
    use papershelf_core::search::index::{Manifest, Piece, SEARCH_VERSION};
    use papershelf_core::search::query::Query;
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
    let search_dir = dir.join(SEARCH_DIR);
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
