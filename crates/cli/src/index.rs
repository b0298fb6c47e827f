//! `papershelf index DIR`: the index and what goes beside it (the first
//! screens, offline.json, the search index, the posts drawn ahead), written
//! into DIR (or beside `--out`), never over a file it did not write.

use crate::outputs::{self, CONTENT};
use crate::source::Source;
use crate::written::Written;
use papershelf_core::site;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Runs `papershelf index DIR [--out FILE] [--timings]`.
pub fn run(dir: &Path, out: Option<&str>, timings: bool) -> Result<ExitCode, String> {
    let started = Instant::now();
    let source = Source::read(dir)?;
    for d in &source.site_problems {
        eprintln!("{}:{d}", dir.join(site::FILE).display());
    }
    let read = started.elapsed();
    let mut steps = outputs::Steps::default();
    let files = outputs::site_timed(&source, None, &mut steps, None)?;
    let computed = started.elapsed();
    let index_json = format!("{CONTENT}index.json");
    if out == Some("-") {
        let json = files
            .iter()
            .find(|f| f.path == index_json)
            .ok_or_else(|| format!("{index_json} was not computed (a bug: please report it)"))?;
        print!("{}", String::from_utf8_lossy(&json.bytes));
        return Ok(ExitCode::SUCCESS);
    }
    // Everything else goes beside the index, in _papershelf/.
    let (beside, name) = match out {
        Some(path) => {
            let path = Path::new(path);
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .ok_or_else(|| format!("--out {}: name a file", path.display()))?;
            let folder = path.parent().unwrap_or(Path::new(".")).to_path_buf();
            (folder, name)
        }
        None => (dir.to_path_buf(), "index.json".to_string()),
    };
    let mut written = Written::open(&beside)?;
    for file in &files {
        let Some(path) = file.path.strip_prefix(CONTENT) else {
            continue;
        };
        let path = if file.path == index_json {
            name.as_str()
        } else {
            path
        };
        if file.named_by_bytes {
            written.write_once(path, &file.bytes)?;
        } else {
            written.write(path, &file.bytes)?;
        }
    }
    // Written elsewhere (a build): the static folder's files go beside the
    // index, where links to `/img/a.png` find them. Never into the folder itself.
    let in_place = beside
        .canonicalize()
        .ok()
        .zip(dir.canonicalize().ok())
        .is_some_and(|(a, b)| a == b);
    if !in_place {
        for (rel, full) in &source.statics {
            let bytes =
                std::fs::read(full).map_err(|e| format!("cannot read {}: {e}", full.display()))?;
            written.write(rel, &bytes)?;
        }
    }
    written.finish()?;
    let posts = source.posts.iter().filter(|p| !p.post.draft).count();
    eprintln!("papershelf: indexed {posts} posts");
    if timings {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "papershelf: timings: read and parse {:.0} ms, cited-by {:.0} ms, the other files {:.0} ms, write {:.0} ms, total {:.0} ms",
            ms(read),
            ms(steps.cited),
            ms(computed - read - steps.cited),
            ms(started.elapsed() - computed),
            ms(started.elapsed()),
        );
    }
    Ok(ExitCode::SUCCESS)
}
