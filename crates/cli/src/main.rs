//! `papershelf`: index, render and check a content directory with the same
//! core the browser uses.

use clap::{Parser, Subcommand};
use papershelf_core::catalog::Catalog;
use papershelf_core::check::{check, Finding};
use papershelf_core::diagnostic::Diagnostic;
use papershelf_core::doc::HashLinker;
use papershelf_core::feed;
use papershelf_core::front::Front;
use papershelf_core::html::to_html;
use papershelf_core::index::{Index, FRONT_FILE, OFFLINE_FILE, SEARCH_DIR};
use papershelf_core::page;
use papershelf_core::post::{ParsedPost, Post};
use papershelf_core::site::{self, Site};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use written::Written;

mod written;

/// What `papershelf` and each command exit with.
const EXIT_CODES: &str = "\
Exit codes:
  0  done
  1  `check` found problems (each is printed as FILE:LINE: message);
     `init` found a papershelf.toml already there (left as it is)
  2  wrong arguments, or a file that could not be read or written";

/// papershelf: index, render, check and search a papershelf content
/// directory, with the same core the browser uses.
#[derive(Parser)]
#[command(name = "papershelf", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write DIR/index.json, and DIR/_papershelf/ (the first screens, the search
    /// index, the posts drawn ahead), from the posts under DIR; never touches a
    /// file it did not write
    #[command(after_help = EXIT_CODES)]
    Index {
        /// The content directory (posts as .md and .mdx files, in any folders)
        dir: PathBuf,
        /// Write the index to PATH instead (`-`: to stdout); _papershelf/ goes
        /// beside it
        #[arg(long, value_name = "PATH")]
        out: Option<String>,
    },
    /// Print the HTML of one post's body, as the browser renders it
    #[command(after_help = EXIT_CODES)]
    Render {
        /// The post (.md or .mdx)
        file: PathBuf,
    },
    /// Report broken links and images, unknown imports and bad front matter
    #[command(after_help = EXIT_CODES)]
    Check {
        /// The content directory
        dir: PathBuf,
    },
    /// Write a page per post, and (with the site's URL) the feeds, sitemap.xml and robots.txt, into a built site
    #[command(after_help = EXIT_CODES)]
    Publish {
        /// The built site: index.html and content/ with the posts (`make dist` writes dist/)
        site_dir: PathBuf,
        /// The site's public URL, with its sub-path; overrides `url` in content/papershelf.toml
        #[arg(long, value_name = "URL")]
        site_url: Option<String>,
    },
    /// Write DIR/papershelf.toml, the site's settings, guessed from a
    /// docusaurus.config.js (or .ts) in DIR or the two folders above it, else
    /// asked for; never over an existing file
    #[command(after_help = EXIT_CODES)]
    Init {
        /// The content directory (a Docusaurus site's docs/ folder works as it is)
        dir: PathBuf,
        /// The site's name (else guessed or asked)
        #[arg(long)]
        title: Option<String>,
        /// The site's public URL, with its sub-path (else guessed or asked)
        #[arg(long)]
        url: Option<String>,
        /// The posts' language, a BCP 47 tag such as ko or en (else guessed or asked)
        #[arg(long)]
        language: Option<String>,
    },
    /// Search DIR's index as the browser does (run `papershelf index DIR` first)
    #[command(after_help = EXIT_CODES)]
    Search {
        /// The content directory
        dir: PathBuf,
        /// What to look for: words, "a quoted phrase"
        #[arg(allow_hyphen_values = true)]
        query: String,
        /// Print the hits as JSON
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    // Wrong arguments: clap prints what is wrong and the usage, and exits with 2.
    let result = match Cli::parse().command {
        Command::Index { dir, out } => index(&dir, out.as_deref()),
        Command::Render { file } => render(&file),
        Command::Check { dir } => check_dir(&dir),
        Command::Search { dir, query, json } => search(&dir, &query, json),
        Command::Publish { site_dir, site_url } => publish(&site_dir, site_url.as_deref()),
        Command::Init {
            dir,
            title,
            url,
            language,
        } => init(&dir, title, url, language),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("papershelf: {message}");
            ExitCode::from(2)
        }
    }
}

fn index(dir: &Path, out: Option<&str>) -> Result<ExitCode, String> {
    let dir = dir.to_path_buf();
    let (posts, texts) = read_posts_and_texts(&dir)?;
    let index = Index::build(posts.iter().zip(&texts).map(|(p, text)| Post {
        hash: content_hash(text.as_bytes()),
        ..p.post.clone()
    }));
    let (site, problems) = read_site(&dir)?;
    for d in &problems {
        eprintln!("{}:{d}", dir.join(site::FILE).display());
    }
    let json = index_json(&index, &site).map_err(|e| e.to_string())?;
    if out == Some("-") {
        print!("{json}");
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
        None => (dir.clone(), "index.json".to_string()),
    };
    let mut written = Written::open(&beside)?;
    written.write(&name, json.as_bytes())?;
    let front = Front::of(&index, &Catalog::new(&index));
    let front = serde_json::to_string(&front).map_err(|e| e.to_string())? + "\n";
    written.write(FRONT_FILE, front.as_bytes())?;
    let indexed = indexed(&index, &posts, &texts);
    written.write(OFFLINE_FILE, offline_json(&dir, &indexed).as_bytes())?;
    write_search_index(&indexed, &mut written)?;
    write_drawn(&indexed, &mut written)?;
    written.finish()?;
    eprintln!("papershelf: indexed {} posts", index.posts.len());
    Ok(ExitCode::SUCCESS)
}

/// The index as JSON with one post per line (see the README): still one JSON
/// document, and the browser can parse it a few lines at a time, so a large
/// index never blocks the page for long. The first line also holds the
/// site's `title`, `description` and `language` from `papershelf.toml`, which
/// the build writes into `index.html` (scripts/post-build.mjs).
fn index_json(index: &Index, site: &Site) -> Result<String, serde_json::Error> {
    let about = serde_json::json!({
        "title": site.title,
        "description": site.description,
        "language": site.language,
    });
    let mut out = format!(
        "{{\"version\":{},\"site\":{about},\"posts\":[\n",
        index.version
    );
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

/// A post file's content hash, as `index.json` gives it: the first 16 hex
/// digits of its SHA-256 (the service worker computes the same with
/// SubtleCrypto to know a cached copy is current).
fn content_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One post of the index (with its content hash), as read and parsed.
struct Indexed<'a> {
    post: &'a Post,
    parsed: &'a ParsedPost,
    text: &'a str,
}

/// The index's posts in its order, each with what was read and parsed of it.
fn indexed<'a>(index: &'a Index, posts: &'a [ParsedPost], texts: &'a [String]) -> Vec<Indexed<'a>> {
    let by_path: std::collections::HashMap<&str, (&ParsedPost, &String)> = posts
        .iter()
        .zip(texts)
        .map(|(p, t)| (p.post.path.as_str(), (p, t)))
        .collect();
    index
        .posts
        .iter()
        .filter_map(|post| {
            let (parsed, text) = by_path.get(post.path.as_str())?;
            Some(Indexed { post, parsed, text })
        })
        .collect()
}

/// `content/_papershelf/offline.json`: what "Save for offline" fetches for each indexed
/// post and how many bytes that is, the post with its files:
/// `{"version": 1, "posts": {"a/b.md": {"bytes": 48213, "files": ["a/asset/x.png"]}}}`.
/// Files missing on disk are left out (`check` reports them).
fn offline_json(dir: &Path, indexed: &[Indexed]) -> String {
    let mut out = serde_json::Map::new();
    for Indexed { post, parsed, text } in indexed {
        let mut bytes = text.len() as u64;
        let mut files = Vec::new();
        for file in parsed.files() {
            if let Ok(meta) = std::fs::metadata(dir.join(&file)) {
                bytes += meta.len();
                files.push(serde_json::Value::from(file));
            }
        }
        out.insert(
            post.path.clone(),
            serde_json::json!({ "bytes": bytes, "files": files }),
        );
    }
    serde_json::json!({ "version": 1, "posts": out }).to_string() + "\n"
}

/// Writes each indexed post's safe tree into [`DRAWN_DIR`] as
/// `<path without extension>.json` ([`papershelf_core::tree::Drawn`]): a link to the post is
/// then drawn without the Markdown parser. Files of posts no longer indexed go
/// ([`Written::finish`]).
fn write_drawn(indexed: &[Indexed], written: &mut Written) -> Result<(), String> {
    for Indexed { post, parsed, .. } in indexed {
        let drawn = papershelf_core::tree::Drawn::of(post, parsed);
        let json = serde_json::to_string(&drawn).map_err(|e| e.to_string())? + "\n";
        written.write(
            &papershelf_core::paths::drawing_path(&post.path),
            json.as_bytes(),
        )?;
    }
    Ok(())
}

/// How large a search index piece is, about: a query fetches a few.
const SEARCH_PIECE_BYTES: usize = 12 * 1024;

/// Writes the search index for the `indexed` posts (in the index's order) into
/// [`SEARCH_DIR`]: `manifest.json` and the pieces it names; pieces no longer
/// named go ([`Written::finish`]).
fn write_search_index(indexed: &[Indexed], written: &mut Written) -> Result<(), String> {
    use papershelf_core::search::index::{sections_of, Builder};
    let mut builder = Builder::default();
    for Indexed { parsed, .. } in indexed {
        builder.add_post(&sections_of(parsed));
    }
    let built = builder.finish(SEARCH_PIECE_BYTES);
    for (file, bytes) in &built.pieces {
        // Named by their bytes: a piece already there is the same piece.
        written.write_once(&format!("{SEARCH_DIR}{file}"), bytes)?;
    }
    let manifest = serde_json::to_string(&built.manifest).map_err(|e| e.to_string())?;
    written.write(&format!("{SEARCH_DIR}manifest.json"), manifest.as_bytes())
}

/// Searches `DIR`'s search index (`DIR/_papershelf/search/`, which `index` writes) with
/// the browser's engine: the posts that match, best first, each with its
/// matching entries, and what the query had to read.
fn search(dir: &Path, query: &str, json: bool) -> Result<ExitCode, String> {
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

/// Writes only when the text changed, so a file watcher does not loop.
fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn render(path: &Path) -> Result<ExitCode, String> {
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

fn check_dir(dir: &Path) -> Result<ExitCode, String> {
    let dir = dir.to_path_buf();
    let (posts, texts) = read_posts_and_texts(&dir)?;
    let files: BTreeSet<String> = walk(&dir)?.into_iter().map(|(rel, _)| rel).collect();
    let mut findings: Vec<Finding> = check(&posts, &files);
    for (parsed, text) in posts.iter().zip(&texts) {
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
    let (_, settings) = read_site(&dir)?;
    findings.extend(settings.into_iter().map(|diagnostic| Finding {
        path: site::FILE.into(),
        diagnostic,
    }));
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

/// The site's settings from `dir`'s `papershelf.toml` (the defaults when
/// there is none), and what is wrong in them.
fn read_site(dir: &Path) -> Result<(Site, Vec<Diagnostic>), String> {
    let path = dir.join(site::FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Site::parse(&text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((Site::default(), Vec::new())),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

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
fn init(
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

/// The feeds of the built site in `site_dir`, written at its root and linked
/// from its `index.html`.
fn publish(site_dir: &Path, site_url: Option<&str>) -> Result<ExitCode, String> {
    let content = site_dir.join("content");
    let html_path = site_dir.join("index.html");
    let html = read_text(&html_path).map_err(|e| {
        format!("{e}; SITE_DIR is a built site (run `make dist` and publish dist/)")
    })?;
    let (mut site, problems) = read_site(&content)?;
    for d in &problems {
        eprintln!("{}:{d}", content.join(site::FILE).display());
    }
    if let Some(url) = site_url {
        site.url = Some(site::check_url(url).map_err(|why| format!("--site-url: {why}"))?);
    }
    let posts = read_posts(&content)?;
    let index = Index::build(posts.iter().map(|p| p.post.clone()));
    let by_path: std::collections::HashMap<&str, &ParsedPost> =
        posts.iter().map(|p| (p.post.path.as_str(), p)).collect();
    let newest: Vec<&ParsedPost> = index
        .posts
        .iter()
        .filter_map(|p| by_path.get(p.path.as_str()).copied())
        .collect();
    let url = site.url.clone();
    let html = match &url {
        Some(url) => {
            let all = feed::entries(
                &Site {
                    feed_limit: 0,
                    ..site.clone()
                },
                url,
                &newest,
            );
            let limit = match site.feed_limit {
                0 => all.len(),
                n => n.min(all.len()),
            };
            let feeds = feed::feeds(&site, url, &all[..limit]);
            for (name, text) in [
                ("atom.xml", &feeds.atom),
                ("rss.xml", &feeds.rss),
                ("feed.json", &feeds.json),
            ] {
                write_if_changed(&site_dir.join(name), text)?;
            }
            for (path, text) in feed::tag_feeds(&site, url, &all, site.feed_limit) {
                let file = site_dir.join(&path);
                if let Some(folder) = file.parent() {
                    std::fs::create_dir_all(folder)
                        .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
                }
                write_if_changed(&file, &text)?;
            }
            let html = with_site_links(&html, &site.title, &feed::pages_url(url, &site.route_base));
            write_if_changed(&html_path, &html)?;
            html
        }
        None => html,
    };

    // A page per post, from the built index.html (its hashed asset names).
    let mut pages = Vec::new();
    for parsed in &newest {
        let image = preview_image(&site, url.as_deref(), &content, parsed);
        let page = page::post_page(&html, &site, url.as_deref(), parsed, image.as_ref());
        let file = site_dir.join(page::page_file(&site, &parsed.post.path));
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        }
        write_if_changed(&file, &page)?;
        if let Some(url) = &url {
            pages.push((
                feed::page_url(url, &site.route_base, &parsed.post.path),
                parsed.post.date.clone(),
            ));
        }
    }
    let Some(url) = url else {
        eprintln!(
            "papershelf: wrote {} post pages; no feeds or sitemap: they need the site's public \
             address. Set `url` in the content folder's {} (url = \"https://you.github.io/reviews/\"), \
             or pass --site-url (make dist SITE_URL=https://…)",
            newest.len(),
            site::FILE
        );
        return Ok(ExitCode::SUCCESS);
    };
    write_if_changed(&site_dir.join("sitemap.xml"), &page::sitemap(&pages))?;
    write_if_changed(&site_dir.join("robots.txt"), &page::robots(&url))?;
    eprintln!(
        "papershelf: wrote {} post pages, sitemap.xml, robots.txt, and atom.xml, rss.xml, \
         feed.json ({} posts) and a feed per tag (tags/<tag>/atom.xml) for {url}",
        newest.len(),
        if site.feed_limit == 0 {
            newest.len()
        } else {
            site.feed_limit.min(newest.len())
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// The preview image of a post page: the post's first image when it is a
/// PNG or JPEG in the content folder, else the site's `image`; absolute (so
/// only with a site URL), with its size when the file can be read.
fn preview_image(
    site: &Site,
    url: Option<&str>,
    content: &Path,
    parsed: &ParsedPost,
) -> Option<page::PageImage> {
    let url = url?;
    let is_preview = |path: &str| {
        let lower = path.to_ascii_lowercase();
        [".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e))
    };
    let local = |path: &str| -> Option<page::PageImage> {
        let file = content.join(path);
        if !is_preview(path) || !file.is_file() {
            return None;
        }
        Some(page::PageImage {
            url: feed::ascii_url(&format!(
                "{url}content/{}",
                papershelf_core::links::encode_path(path)
            )),
            size: imagesize::size(&file)
                .ok()
                .map(|s| (s.width as u32, s.height as u32)),
        })
    };
    parsed
        .doc()
        .first_image()
        .and_then(|path| local(&path))
        .or_else(|| {
            let image = site.image.as_deref()?;
            if image.starts_with("https://") || image.starts_with("http://") {
                Some(page::PageImage {
                    url: feed::ascii_url(image),
                    size: None,
                })
            } else {
                local(image.trim_start_matches('/'))
            }
        })
}

/// `html` with `<link rel="alternate">` to the three feeds at the end of its
/// `<head>` (once: a page that has them is left as it is).
/// `html` (the built `index.html`) with the feeds linked and, in
/// `<meta name="papershelf-pages">`, where the post pages are (`pages`): the
/// app's "copy link" controls copy a post's page URL from it. Published twice,
/// it is unchanged.
fn with_site_links(html: &str, title: &str, pages: &str) -> String {
    if html.contains("rel=\"alternate\" type=\"application/atom+xml\"") {
        return html.to_string();
    }
    let title = papershelf_core::html::escape_attr(title);
    let pages = papershelf_core::html::escape_attr(pages);
    let links = format!(
        "  <meta name=\"papershelf-pages\" content=\"{pages}\">\n  <link rel=\"alternate\" type=\"application/atom+xml\" title=\"{title} (Atom)\" href=\"atom.xml\">\n  \
         <link rel=\"alternate\" type=\"application/rss+xml\" title=\"{title} (RSS)\" href=\"rss.xml\">\n  \
         <link rel=\"alternate\" type=\"application/feed+json\" title=\"{title} (JSON Feed)\" href=\"feed.json\">\n"
    );
    match html.find("</head>") {
        Some(i) => format!("{}{links}{}", &html[..i], &html[i..]),
        None => html.to_string(),
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
    read_posts_and_texts(dir).map(|(posts, _)| posts)
}

/// Every post under `dir`, parsed, and the text of each file as read.
fn read_posts_and_texts(dir: &Path) -> Result<(Vec<ParsedPost>, Vec<String>), String> {
    let files = walk(dir)?;
    let texts: Vec<(String, String)> = files
        .iter()
        .filter(|(rel, _)| rel.ends_with(".md") || rel.ends_with(".mdx"))
        .map(|(rel, full)| read_text(full).map(|text| (rel.clone(), text)))
        .collect::<Result<_, _>>()?;
    if texts.is_empty() {
        return Err(format!(
            "{} has no .md posts: put posts under it, e.g. papers/y2025/nov/20251106.md",
            dir.display()
        ));
    }
    let posts = texts
        .iter()
        .map(|(rel, text)| Post::parse(rel, text))
        .collect();
    Ok((posts, texts.into_iter().map(|(_, text)| text).collect()))
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

#[cfg(test)]
mod tests {
    /// `tests/rules/content-hash.json`, the cases the boot code and the
    /// service worker (`www/boot/hash.js`) are tested against too.
    #[test]
    fn the_content_hash_fixture() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/rules/content-hash.json")).unwrap();
        let cases = fixture["cases"].as_array().unwrap();
        assert!(cases.len() >= 4);
        for case in cases {
            let text = case["text"].as_str().unwrap();
            assert_eq!(
                super::content_hash(text.as_bytes()),
                case["hash"].as_str().unwrap(),
                "{text:?}"
            );
        }
    }
}
