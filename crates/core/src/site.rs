//! `papershelf.toml`: the site's own settings, in the content directory.
//!
//! ```toml
//! title = "Paper reviews"
//! description = "Papers I read, one post a day"
//! url = "https://example.github.io/reviews/"   # the public URL, with its sub-path
//! author = "Kim"
//! language = "ko"          # the default
//! timezone = "+09:00"      # the default: posts' dates are days in this zone
//! image = "img/card.png"   # the default preview image (in the content directory, or a URL)
//! route_base = "docs/"     # the default: where post pages go, as Docusaurus puts them
//! feed_limit = 30          # the default: posts in each feed; 0 means all
//! papers = ["papers/"]     # the default: folders whose posts review papers
//! static = "../static"     # Docusaurus's static/ folder (default: static/ here or beside)
//!
//! [messages]               # the site's own words for any of the app's (crate::messages)
//! "nav.papers" = "읽은 논문"
//! ```
//!
//! Every key is optional. [`Site::parse`] reports every problem with its
//! line, and a bad value keeps its default, so one typo never stops a build.

use crate::diagnostic::{say, Diagnostic};

/// The settings file's name, in the content directory.
pub const FILE: &str = "papershelf.toml";

/// The keys `papershelf.toml` may have.
pub const KEYS: [&str; 12] = [
    "title",
    "description",
    "url",
    "author",
    "language",
    "timezone",
    "image",
    "route_base",
    "feed_limit",
    "papers",
    "static",
    "messages",
];

/// The site's settings, with the defaults for what the file leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The site's name (default `papershelf`).
    pub title: String,
    /// What the site is, in a sentence (default empty).
    pub description: String,
    /// The public URL, ending in `/` (`https://example.github.io/reviews/`);
    /// without it no feed or sitemap is written, since they need absolute URLs.
    pub url: Option<String>,
    /// The author's name.
    pub author: Option<String>,
    /// The language of the posts, a BCP 47 tag (default `ko`).
    pub language: String,
    /// The time zone of the posts' dates, `+HH:MM`, `-HH:MM` or `Z` (default `+09:00`).
    pub timezone: String,
    /// The default preview image: a path in the content directory or an absolute URL.
    pub image: Option<String>,
    /// Where post pages go under the site, ending in `/` unless empty (default `docs/`).
    pub route_base: String,
    /// Posts in each feed, newest first; 0 means all (default 30).
    pub feed_limit: usize,
    /// The site's own texts for messages of the app, by key (`[messages]`).
    pub messages: std::collections::BTreeMap<String, String>,
    /// The folders whose posts review papers (default `["papers/"]`; `[""]`: every post).
    pub papers: crate::post::PaperFolders,
    /// The Docusaurus site's `static/` folder, relative to the content
    /// directory (default: `static/` in it, else `../static/`, whichever
    /// exists): its files are served at the site's root, as `/img/a.png`.
    pub static_dir: Option<String>,
}

impl Site {
    /// The site's messages: its language's table (English for a language
    /// without one) with its own texts over it.
    pub fn messages(&self) -> crate::messages::Messages {
        let (lang, _) = crate::messages::Lang::of(&self.language);
        crate::messages::Messages::new(lang, &self.messages).0
    }
}

impl Default for Site {
    fn default() -> Site {
        Site {
            title: "papershelf".into(),
            description: String::new(),
            url: None,
            author: None,
            language: "ko".into(),
            timezone: "+09:00".into(),
            image: None,
            route_base: "docs/".into(),
            feed_limit: 30,
            messages: Default::default(),
            papers: Default::default(),
            static_dir: None,
        }
    }
}

/// The 1-based line where the message `name` is set in `text`'s
/// `[messages]` (its key bare or quoted), if it is.
fn message_line(text: &str, name: &str) -> Option<u32> {
    let quoted = format!("\"{name}\"");
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            [quoted.as_str(), name].iter().any(|k| {
                l.strip_prefix(k)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
        })
        .map(|i| i as u32 + 1)
}

/// The 1-based line where `key` is set in `text`, else 1.
fn line_of(text: &str, key: &str) -> u32 {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |i| i as u32 + 1)
}

/// `url` checked as a site's public URL, ending in `/`; else what is wrong.
pub fn check_url(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| say!("`{url}` is not an absolute http:// or https:// URL"))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || host.contains('@') {
        return Err(say!("`{url}` has no host name"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) || url.contains(['?', '#']) {
        return Err(say!(
            "`{url}` has spaces, a query (`?`) or a fragment (`#`); give the site's address only"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

fn is_timezone(tz: &str) -> bool {
    let b = tz.as_bytes();
    tz == "Z"
        || (b.len() == 6
            && matches!(b[0], b'+' | b'-')
            && b[1..3].iter().all(u8::is_ascii_digit)
            && b[3] == b':'
            && b[4..6].iter().all(u8::is_ascii_digit)
            && tz[1..3] <= *"14"
            && tz[4..6] < *"60")
}

fn is_language(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl Site {
    /// Reads the settings from the text of `papershelf.toml`, with a
    /// diagnostic for every problem: a syntax error (then every default), an
    /// unknown key, a value of the wrong type or form (then its default).
    pub fn parse(text: &str) -> (Site, Vec<Diagnostic>) {
        let mut site = Site::default();
        let mut problems = Vec::new();
        let table: toml::Table = match text.parse() {
            Ok(table) => table,
            Err(e) => {
                let line = e.span().map_or(1, |s| {
                    text[..s.start.min(text.len())].lines().count().max(1)
                });
                problems.push(Diagnostic::error(
                    line as u32,
                    say!("{FILE} is not valid TOML: {}", e.message()),
                ));
                return (site, problems);
            }
        };
        for (key, value) in &table {
            let line = line_of(text, key);
            let bad = |what: &str| Diagnostic::error(line, say!("`{key}` {what}"));
            let text_value = || value.as_str().map(str::trim).map(str::to_string);
            match key.as_str() {
                "title" | "description" | "author" | "image" => match text_value() {
                    Some(v) if key == "title" && v.is_empty() => {
                        problems.push(bad("is empty; give the site a name"))
                    }
                    Some(v) => match key.as_str() {
                        "title" => site.title = v,
                        "description" => site.description = v,
                        "author" => site.author = Some(v),
                        _ => site.image = Some(v),
                    },
                    None => problems.push(bad("must be a string, in quotes")),
                },
                "url" => match text_value().map(|u| check_url(&u)) {
                    Some(Ok(url)) => site.url = Some(url),
                    Some(Err(why)) => problems.push(Diagnostic::error(line, why)),
                    None => problems.push(bad("must be a string, in quotes")),
                },
                "language" => match text_value() {
                    Some(v) if is_language(&v) => site.language = v,
                    _ => problems.push(bad("must be a language tag such as \"ko\" or \"en-US\"")),
                },
                "timezone" => match text_value() {
                    Some(v) if is_timezone(&v) => site.timezone = v,
                    _ => problems.push(bad(
                        "must be an offset such as \"+09:00\", \"-05:00\" or \"Z\"",
                    )),
                },
                "route_base" => match text_value() {
                    Some(v)
                        if !v.starts_with('/')
                            && !v.contains(['\\', '?', '#', ':'])
                            && !v.split('/').any(|s| s == "." || s == "..") =>
                    {
                        let v = v.trim_end_matches('/');
                        site.route_base = if v.is_empty() {
                            String::new()
                        } else {
                            format!("{v}/")
                        };
                    }
                    _ => problems.push(bad(
                        "must be a relative folder such as \"docs/\" (or \"\" for the site's root)",
                    )),
                },
                "messages" => match value.as_table() {
                    Some(texts) => {
                        let (lang, _) = crate::messages::Lang::of(&site.language);
                        for (name, given) in texts {
                            let known = lang.table().iter().any(|(k, _)| k == name);
                            match given.as_str() {
                                Some(_) if !known => problems.push(Diagnostic::warning(
                                    message_line(text, name).unwrap_or(line),
                                    say!("unknown message `{name}` in [messages]; the README lists the keys"),
                                )),
                                Some(t) => {
                                    site.messages.insert(name.clone(), t.to_string());
                                }
                                None => problems.push(bad("holds texts only, in quotes")),
                            }
                        }
                    }
                    None => problems.push(bad(
                        "must be a table: [messages] and `\"key\" = \"text\"` lines",
                    )),
                },
                "static" => match text_value() {
                    Some(v) if !v.is_empty() => site.static_dir = Some(v),
                    _ => problems.push(bad("must be a folder, in quotes: static = \"../static\"")),
                },
                "papers" => match value.as_array().map(|a| {
                    a.iter()
                        .map(|v| v.as_str().map(str::to_string))
                        .collect::<Option<Vec<_>>>()
                }) {
                    Some(Some(folders)) => site.papers = crate::post::PaperFolders(folders),
                    _ => problems.push(bad(
                        "must be a list of folders in quotes: papers = [\"papers/\"]",
                    )),
                },
                "feed_limit" => match value.as_integer() {
                    Some(n) if n >= 0 => site.feed_limit = n as usize,
                    _ => problems.push(bad("must be a whole number, 0 for every post")),
                },
                _ => problems.push(Diagnostic::error(
                    line,
                    say!("unknown key `{key}`; the keys are {}", KEYS.join(", ")),
                )),
            }
        }
        if !crate::messages::Lang::of(&site.language).1 {
            problems.push(Diagnostic::warning(
                line_of(text, "language"),
                say!(
                    "papershelf has no messages in `{}`: the app's own words are English (it has \"ko\" and \"en\"); set your own with [messages]",
                    site.language
                ),
            ));
        }
        problems.sort_by_key(|d| d.line);
        (site, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_read() {
        let (site, problems) = Site::parse(
            "title = \"Paper reviews\"\ndescription = \"Daily\"\nurl = \"https://example.github.io/reviews\"\nauthor = \"Kim\"\nlanguage = \"en-US\"\ntimezone = \"-05:00\"\nimage = \"img/card.png\"\nroute_base = \"blog\"\nfeed_limit = 0\npapers = [\"reviews/\", \"docs/papers/\"]\nstatic = \"../static\"\n[messages]\n\"nav.papers\" = \"Reading list\"\n",
        );
        assert_eq!(problems, vec![]);
        assert_eq!(
            site,
            Site {
                title: "Paper reviews".into(),
                description: "Daily".into(),
                url: Some("https://example.github.io/reviews/".into()),
                author: Some("Kim".into()),
                language: "en-US".into(),
                timezone: "-05:00".into(),
                image: Some("img/card.png".into()),
                route_base: "blog/".into(),
                feed_limit: 0,
                papers: crate::post::PaperFolders(vec!["reviews/".into(), "docs/papers/".into()]),
                static_dir: Some("../static".into()),
                messages: [("nav.papers".to_string(), "Reading list".to_string())].into(),
            }
        );
        assert_eq!(site.messages().get("nav.papers"), "Reading list");
        assert_eq!(site.messages().get("nav.posts"), "Posts");
    }

    #[test]
    fn a_language_without_a_table_and_an_unknown_message_are_warned_of() {
        let (site, problems) = Site::parse(
            "language = \"fr\"\n\n[messages]\n\"nav.posts\" = \"Billets\"\n\"nav.post\" = \"typo\"\n",
        );
        assert_eq!(site.messages().get("nav.posts"), "Billets");
        assert_eq!(site.messages().get("skip"), "Skip to content");
        let said: Vec<(u32, bool, String)> = problems
            .iter()
            .map(|d| {
                (
                    d.line,
                    d.severity == crate::diagnostic::Severity::Error,
                    d.message.clone(),
                )
            })
            .collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!((said[0].0, said[0].1), (1, false));
        assert!(said[0].2.contains("English"), "{said:?}");
        assert_eq!((said[1].0, said[1].1), (5, false));
        assert!(said[1].2.contains("nav.post"), "{said:?}");
    }

    #[test]
    fn an_empty_file_is_every_default() {
        assert_eq!(Site::parse(""), (Site::default(), vec![]));
        assert_eq!(Site::parse("route_base = \"\"").0.route_base, "");
    }

    #[test]
    fn every_problem_is_reported_on_its_line_and_keeps_the_default() {
        let (site, problems) = Site::parse(
            "title = \"Mine\"\nurl = \"example.org/blog\"\ntimezone = \"KST\"\nlangauge = \"ko\"\nfeed_limit = -3\nroute_base = \"../up\"\nauthor = 7\n",
        );
        assert_eq!(site.title, "Mine", "good values are kept");
        assert_eq!(site.url, None);
        assert_eq!(site.timezone, "+09:00");
        assert_eq!(site.feed_limit, 30);
        assert_eq!(site.route_base, "docs/");
        let lines: Vec<u32> = problems.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6, 7], "{problems:?}");
        assert!(
            problems[0].message.contains("not an absolute http"),
            "{problems:?}"
        );
        assert!(
            problems[2].message.contains("unknown key `langauge`"),
            "{problems:?}"
        );
        assert!(
            problems[2].message.contains("language"),
            "the keys are listed"
        );
    }

    #[test]
    fn a_syntax_error_says_where() {
        let (site, problems) = Site::parse("title = \"ok\"\nurl = https://x.org\n");
        assert_eq!(site, Site::default());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2, "{problems:?}");
        assert!(problems[0].message.contains("not valid TOML"));
    }

    #[test]
    fn urls_are_checked() {
        assert_eq!(check_url("https://a.org").unwrap(), "https://a.org/");
        assert_eq!(
            check_url("http://127.0.0.1:8080/sub/").unwrap(),
            "http://127.0.0.1:8080/sub/"
        );
        for bad in [
            "ftp://a.org/",
            "https:///x",
            "https://a.org/#top",
            "https://a.org/ x",
            "a.org",
            "https://u@a.org/",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
