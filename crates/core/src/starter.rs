//! `papershelf init`: a first `papershelf.toml`, with what a Docusaurus
//! site's `docusaurus.config.js` (or `.ts`) already says about it.
//!
//! The config is JavaScript; it is not run. The values papershelf needs are
//! string literals in nearly every config (`title: 'My Site'`), so they are
//! read as such: the first `title`, `tagline`, `url`, `baseUrl`,
//! `routeBasePath` and `defaultLocale` written as a quoted string, outside
//! `//` and `/* */` comments. A value computed in code is not guessed; the
//! command then asks for it, or leaves the default.

use crate::site::check_url;

/// What a `docusaurus.config.js` says about the site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Guess {
    /// `title`.
    pub title: Option<String>,
    /// `tagline`, as the description.
    pub description: Option<String>,
    /// `url` and `baseUrl` joined, ending in `/`: `https://you.github.io/reviews/`.
    pub url: Option<String>,
    /// `i18n.defaultLocale`.
    pub language: Option<String>,
    /// The docs plugin's `routeBasePath` as papershelf's `route_base`
    /// (`docs` is `docs/`, `/` is empty), so the post pages keep the old URLs.
    pub route_base: Option<String>,
}

/// `text` without its `//` and `/* */` comments (string literals kept whole,
/// so `https://` in a string stays).
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('/', Some('/')) => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut last = ' ';
                for n in chars.by_ref() {
                    if last == '*' && n == '/' {
                        break;
                    }
                    last = n;
                }
            }
            ('\'' | '"' | '`', _) => {
                quote = Some(c);
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The first string literal given to `key` (`key: 'v'`, `key: "v"`,
/// `key: \`v\`` without `${}`, or `"key": "v"`), escapes read.
fn string_value(code: &str, key: &str) -> Option<String> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut from = 0;
    while let Some(i) = code[from..].find(key) {
        let start = from + i;
        from = start + key.len();
        let before = code[..start].chars().next_back();
        let before_ok = match before {
            Some('"' | '\'') => code[..start - 1]
                .chars()
                .next_back()
                .is_none_or(|c| !is_ident(c)),
            Some(c) => !is_ident(c),
            None => true,
        };
        let mut rest = &code[from..];
        rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
        let Some(rest) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let rest = rest.trim_start();
        let Some(q) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '\'' | '"' | '`'))
        else {
            continue;
        };
        let mut value = String::new();
        let mut chars = rest[1..].chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some(other) => value.push(other),
                    None => return None,
                },
                c if c == q => {
                    return (!(q == '`' && value.contains("${"))).then_some(value);
                }
                c => value.push(c),
            }
        }
        return None;
    }
    None
}

/// What the Docusaurus config `text` says about the site.
pub fn guess_from_docusaurus(text: &str) -> Guess {
    let code = without_comments(text);
    let get = |key: &str| string_value(&code, key).filter(|v| !v.trim().is_empty());
    let url = get("url").and_then(|url| {
        let base = get("baseUrl").unwrap_or_else(|| "/".into());
        let joined = format!(
            "{}/{}",
            url.trim_end_matches('/'),
            base.trim_start_matches('/')
        );
        check_url(&joined).ok()
    });
    Guess {
        title: get("title"),
        description: get("tagline"),
        url,
        language: get("defaultLocale"),
        route_base: string_value(&code, "routeBasePath").map(|r| {
            let r = r.trim_matches('/');
            if r.is_empty() {
                String::new()
            } else {
                format!("{r}/")
            }
        }),
    }
}

/// `s` as a TOML basic string, quotes included.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The settings a starter `papershelf.toml` holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Starter {
    /// The site's name.
    pub title: String,
    /// What it is, in a sentence (left out when empty).
    pub description: String,
    /// The public URL (commented out when unknown).
    pub url: Option<String>,
    /// The posts' language.
    pub language: String,
    /// Where post pages go (left to the default when unknown).
    pub route_base: Option<String>,
    /// Where the values came from, said at the top of the file.
    pub source: String,
}

impl Starter {
    /// The text of `papershelf.toml` with these settings.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# The site's settings (papershelf's README, \"Site settings and feeds\").\n",
        );
        out += &format!("# {}\n", self.source);
        out += &format!("title = {}\n", toml_string(&self.title));
        if !self.description.is_empty() {
            out += &format!("description = {}\n", toml_string(&self.description));
        }
        match &self.url {
            Some(url) => out += &format!("url = {}\n", toml_string(url)),
            None => {
                out += "# The public address, with its sub-path: feeds, the sitemap and link previews need it.\n";
                out += "# url = \"https://you.github.io/reviews/\"\n";
            }
        }
        out += &format!("language = {}\n", toml_string(&self.language));
        out += "timezone = \"+09:00\"\n";
        if let Some(base) = &self.route_base {
            out += "# Where post pages go: the URLs Docusaurus gave the same files.\n";
            out += &format!("route_base = {}\n", toml_string(base));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::Site;

    const CONFIG: &str = r#"
// @ts-check
import {themes as prismThemes} from 'prism-react-renderer';

/** @type {import('@docusaurus/types').Config} */
const config = {
  title: '논문 읽는 밤', // the site's name
  tagline: "Papers I read, one post a day",
  favicon: 'img/favicon.ico',
  /* url: 'https://old.example.org', */
  url: 'https://kim.github.io',
  baseUrl: '/reviews/',
  i18n: {
    defaultLocale: 'ko',
    locales: ['ko', 'en'],
  },
  presets: [['classic', { docs: { routeBasePath: 'docs', sidebarPath: './sidebars.js' } }]],
  themeConfig: { navbar: { title: 'Navbar title', items: [] } },
};
export default config;
"#;

    #[test]
    fn a_docusaurus_config_gives_title_url_locale_and_route_base() {
        let g = guess_from_docusaurus(CONFIG);
        assert_eq!(
            g.title.as_deref(),
            Some("논문 읽는 밤"),
            "the first title, not the navbar's"
        );
        assert_eq!(
            g.description.as_deref(),
            Some("Papers I read, one post a day")
        );
        assert_eq!(
            g.url.as_deref(),
            Some("https://kim.github.io/reviews/"),
            "not the commented-out one"
        );
        assert_eq!(g.language.as_deref(), Some("ko"));
        assert_eq!(g.route_base.as_deref(), Some("docs/"));
    }

    #[test]
    fn computed_values_and_a_root_route_base() {
        let g = guess_from_docusaurus(
            "module.exports = { title: `${name} notes`, url: process.env.URL, baseUrl: '/', presets: [{ docs: { routeBasePath: '/' } }] };",
        );
        assert_eq!(g.title, None, "a template with ${{}} is code");
        assert_eq!(g.url, None);
        assert_eq!(g.route_base.as_deref(), Some(""));
        assert_eq!(guess_from_docusaurus("").title, None);
    }

    #[test]
    fn the_starter_is_a_papershelf_toml_that_check_accepts() {
        let g = guess_from_docusaurus(CONFIG);
        let starter = Starter {
            title: "Quotes \" and \\ back".into(),
            description: g.description.unwrap(),
            url: g.url,
            language: g.language.unwrap(),
            route_base: g.route_base,
            source: "Guessed from docusaurus.config.js.".into(),
        };
        let (site, problems) = Site::parse(&starter.to_toml());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(site.title, "Quotes \" and \\ back");
        assert_eq!(site.url.as_deref(), Some("https://kim.github.io/reviews/"));
        assert_eq!(
            (site.language.as_str(), site.route_base.as_str()),
            ("ko", "docs/")
        );
        let no_url = Starter {
            url: None,
            ..starter
        };
        let (site, problems) = Site::parse(&no_url.to_toml());
        assert!(problems.is_empty() && site.url.is_none(), "{problems:?}");
    }
}
