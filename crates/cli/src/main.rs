//! `papershelf`: index, render and check a content directory with the same
//! core the browser uses. One module per command; what `index` and
//! `publish` write is computed by one pure function ([`outputs::site`]) from
//! what [`source::Source`] read.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

mod check;
mod index;
mod init;
mod outputs;
mod preview;
mod publish;
mod render;
mod search;
mod source;
mod written;

/// What `papershelf` and each command exit with.
const EXIT_CODES: &str = "\
Exit codes:
  0  done
  1  `check` found an error (each problem is printed as FILE:LINE: error|warning:
     message; with --strict a warning counts too);
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
        /// Say on stderr how long each step took (reading and parsing the
        /// posts, who cites whom, everything else, writing)
        #[arg(long)]
        timings: bool,
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
        /// Fail on warnings too (missing alt text, an unknown admonition, …),
        /// not only on errors (what breaks a page)
        #[arg(long)]
        strict: bool,
    },
    /// Write a page per post, and (with the site's URL) the feeds, sitemap.xml and robots.txt, into a built site
    #[command(after_help = EXIT_CODES)]
    Publish {
        /// The built site: index.html and content/ with the posts (`make dist` writes dist/)
        site_dir: PathBuf,
        /// The site's public URL, with its sub-path; overrides `url` in content/papershelf.toml
        #[arg(long, value_name = "URL")]
        site_url: Option<String>,
        /// Keep the preview images drawn in DIR, and draw again only those whose words changed
        #[arg(long, value_name = "DIR")]
        cache: Option<PathBuf>,
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
        Command::Index { dir, out, timings } => index::run(&dir, out.as_deref(), timings),
        Command::Render { file } => render::run(&file),
        Command::Check { dir, strict } => check::run(&dir, strict),
        Command::Search { dir, query, json } => search::run(&dir, &query, json),
        Command::Publish {
            site_dir,
            site_url,
            cache,
        } => publish::run(&site_dir, site_url.as_deref(), cache.as_deref()),
        Command::Init {
            dir,
            title,
            url,
            language,
        } => init::run(&dir, title, url, language),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("papershelf: {message}");
            ExitCode::from(2)
        }
    }
}
