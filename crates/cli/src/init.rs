//! `papershelf init DIR`: a starter `papershelf.toml`, guessed from a
//! Docusaurus config where there is one, asked for on a terminal.

use crate::source::read_text;
use papershelf_core::site::{self, Site};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The Docusaurus config of the site whose content folder is `dir`: in it,
/// or in one of the two folders above it (`my-site/docs/` is in `my-site/`).
fn docusaurus_config(dir: &Path) -> Option<PathBuf> {
    let dir = dir.canonicalize().ok()?;
    dir.ancestors().take(3).find_map(|folder| {
        [
            "docusaurus.config.js",
            "docusaurus.config.ts",
            "docusaurus.config.mjs",
        ]
        .iter()
        .map(|name| folder.join(name))
        .find(|path| path.is_file())
    })
}

/// Asks `question` on the terminal, showing `default`; the answer, or the
/// default for an empty one. Without a terminal, the default at once.
fn ask(question: &str, default: &str) -> String {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return default.to_string();
    }
    let shown = if default.is_empty() {
        String::new()
    } else {
        format!(" [{default}]")
    };
    eprint!("{question}{shown}: ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    match line.trim() {
        "" => default.to_string(),
        answer => answer.to_string(),
    }
}

/// `papershelf init DIR`: a starter `DIR/papershelf.toml`; an existing one is
/// never touched.
pub fn run(
    dir: &Path,
    title: Option<String>,
    url: Option<String>,
    language: Option<String>,
) -> Result<ExitCode, String> {
    use papershelf_core::starter::{guess_from_docusaurus, Guess, Starter};
    if !dir.is_dir() {
        return Err(format!(
            "{} is not a directory: give the content folder (a Docusaurus site's docs/)",
            dir.display()
        ));
    }
    let file = dir.join(site::FILE);
    if file.exists() {
        eprintln!(
            "papershelf: {} already exists; it is left as it is (edit it, or remove it to start again)",
            file.display()
        );
        return Ok(ExitCode::from(1));
    }
    let config = docusaurus_config(dir);
    let guess = match &config {
        Some(path) => guess_from_docusaurus(&read_text(path)?),
        None => Guess::default(),
    };
    let source = match &config {
        Some(path) => format!("Guessed from {}: check them.", path.display()),
        None => "Written by `papershelf init`.".to_string(),
    };
    let title = title
        .or(guess.title)
        .unwrap_or_else(|| ask("The site's name", "papershelf"));
    let url = match url.or(guess.url) {
        Some(url) => Some(site::check_url(&url).map_err(|why| format!("--url: {why}"))?),
        None => {
            let answer = ask(
                "Its public address, with its sub-path (empty: none yet)",
                "",
            );
            match answer.as_str() {
                "" => None,
                url => Some(site::check_url(url)?),
            }
        }
    };
    let language = language
        .or(guess.language)
        .unwrap_or_else(|| ask("The posts' language", "ko"));
    let starter = Starter {
        title,
        description: guess.description.unwrap_or_default(),
        url,
        language,
        route_base: guess.route_base,
        source,
    };
    let text = starter.to_toml();
    let (_, problems) = Site::parse(&text);
    if let Some(problem) = problems.first() {
        return Err(format!("{}:{problem}; nothing was written", file.display()));
    }
    std::fs::write(&file, &text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    eprintln!("papershelf: wrote {}", file.display());
    if starter.url.is_none() {
        eprintln!(
            "papershelf: no public URL yet: set `url` in it for feeds, the sitemap and link previews"
        );
    }
    Ok(ExitCode::SUCCESS)
}
