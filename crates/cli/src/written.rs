//! The files `papershelf index` owns, known from the list it writes
//! ([`WRITTEN_FILE`]), never from their names or their shape: it replaces
//! and removes those, and refuses to touch any other file, so an author's
//! own `search/manifest.json` or `drawn/x.json` is never overwritten or
//! deleted.

use papershelf_core::index::{GENERATED_DIR, WRITTEN_FILE};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The output folder of one `index` run: what it wrote last time, and what
/// it writes now.
pub struct Written {
    root: PathBuf,
    before: BTreeSet<String>,
    now: BTreeSet<String>,
}

impl Written {
    /// Reads `root`'s list of files written by the last run (none if there
    /// is no list yet).
    pub fn open(root: &Path) -> Result<Written, String> {
        let list = root.join(WRITTEN_FILE);
        let before = match std::fs::read(&list) {
            Ok(bytes) => serde_json::from_slice::<Vec<String>>(&bytes)
                .map_err(|e| {
                    format!(
                        "{}: {e}: this is papershelf's list of the files it wrote; \
                         delete it with the files it names and index again",
                        list.display()
                    )
                })?
                .into_iter()
                .filter(|p| is_ours(p))
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeSet::new(),
            Err(e) => return Err(format!("cannot read {}: {e}", list.display())),
        };
        Ok(Written {
            root: root.to_path_buf(),
            before,
            now: BTreeSet::new(),
        })
    }

    /// Writes `bytes` to `rel` (a `/`-separated path under the root), unless
    /// the file is there with these bytes already (a file watcher does not
    /// loop). A file there that the last run did not write is refused.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let path = self.claim(rel)?;
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    /// Writes `bytes` to `rel` only if no file is there: a file named by its
    /// bytes (a search index piece) that is there is the same file.
    pub fn write_once(&mut self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let path = self.claim(rel)?;
        if path.exists() {
            return Ok(());
        }
        self.write(rel, bytes)
    }

    /// Removes the files the last run wrote and this one did not (posts
    /// gone, pieces replaced), then writes the new list.
    pub fn finish(mut self) -> Result<(), String> {
        for rel in self.before.difference(&self.now) {
            let path = self.root.join(rel);
            let _ = std::fs::remove_file(&path);
            // Folders left empty by it go too, up to the root (never one with anything in it).
            let mut folder = path.parent();
            while let Some(dir) = folder.filter(|d| *d != self.root) {
                if std::fs::remove_dir(dir).is_err() {
                    break;
                }
                folder = dir.parent();
            }
        }
        // The list itself is papershelf's (it was read as one, or is not there).
        self.before.insert(WRITTEN_FILE.to_string());
        self.now.insert(WRITTEN_FILE.to_string());
        let list: Vec<&String> = self.now.iter().collect();
        let json = serde_json::to_string_pretty(&list).map_err(|e| e.to_string())? + "\n";
        self.write(WRITTEN_FILE, json.as_bytes())
    }

    /// The path of `rel`, now this run's: refused if a file is there that
    /// papershelf did not write.
    fn claim(&mut self, rel: &str) -> Result<PathBuf, String> {
        let path = self.root.join(rel);
        if !is_plain(rel) {
            return Err(format!(
                "papershelf index would write outside {}: {rel}",
                self.root.display()
            ));
        }
        if path.symlink_metadata().is_ok() && !self.before.contains(rel) && !self.now.contains(rel)
        {
            return Err(format!(
                "{} is there and papershelf did not write it (it is not in {}), so `index` \
                 leaves it alone and stops: move it elsewhere. If an older papershelf wrote \
                 it, delete it and index again.",
                path.display(),
                self.root.join(WRITTEN_FILE).display()
            ));
        }
        self.now.insert(rel.to_string());
        Ok(path)
    }
}

/// A path a list may name: in [`GENERATED_DIR`], or the index itself (a
/// `.json` file beside it), so an edited list cannot make `index` replace or
/// delete a post.
fn is_ours(rel: &str) -> bool {
    is_plain(rel)
        && (rel.starts_with(&format!("{GENERATED_DIR}/"))
            || (!rel.contains('/') && rel.ends_with(".json")))
}

/// A relative path with no `..`, no root and no empty part.
fn is_plain(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.starts_with('/')
        && !rel.contains('\\')
        && rel
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}
