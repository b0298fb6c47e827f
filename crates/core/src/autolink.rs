//! GFM autolink literals: `www.example.com`, `https://example.com` and
//! `user@example.com` in text become links, as remark-gfm makes them in
//! Docusaurus (the GFM spec's "Autolinks (extension)"). pulldown-cmark 0.13
//! does not do this; the renderer calls [`find`] on text outside code and
//! links only.

use std::ops::Range;

/// One link found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autolink {
    /// Where the link's text is, in bytes.
    pub range: Range<usize>,
    /// Where it points: `http://` added to `www.`, `mailto:` to an address.
    pub href: String,
}

/// Every autolink literal in `text`, in order, none overlapping.
///
/// ```
/// use papershelf_core::autolink::find;
/// let links = find("See www.commonmark.org/help, or mail me@example.com.");
/// assert_eq!(links[0].href, "http://www.commonmark.org/help");
/// assert_eq!(links[1].href, "mailto:me@example.com");
/// ```
pub fn find(text: &str) -> Vec<Autolink> {
    let b = text.as_bytes();
    let mut out: Vec<Autolink> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let found = match b[i] {
            b'w' | b'W' if at_boundary(b, i) => www(text, i),
            b'h' | b'H' | b'f' | b'F' if at_boundary(b, i) => url(text, i),
            b'@' => email(text, i, out.last().map_or(0, |l| l.range.end)),
            _ => None,
        };
        match found {
            Some(link) => {
                i = link.range.end;
                out.push(link);
            }
            None => i += 1,
        }
    }
    out
}

/// At the start of the text, after white space, or after `*`, `_`, `~` or `(`.
fn at_boundary(b: &[u8], i: usize) -> bool {
    i == 0 || b[i - 1].is_ascii_whitespace() || matches!(b[i - 1], b'*' | b'_' | b'~' | b'(')
}

fn www(text: &str, i: usize) -> Option<Autolink> {
    let rest = &text[i..];
    if !rest.get(..4)?.eq_ignore_ascii_case("www.") {
        return None;
    }
    let domain = domain_len(rest, false)?;
    let end = i + link_end(rest, domain);
    if end <= i + 4 {
        return None;
    }
    Some(Autolink {
        range: i..end,
        href: format!("http://{}", &text[i..end]),
    })
}

fn url(text: &str, i: usize) -> Option<Autolink> {
    let rest = &text[i..];
    let scheme = ["https://", "http://", "ftp://"].into_iter().find(|s| {
        rest.get(..s.len())
            .is_some_and(|r| r.eq_ignore_ascii_case(s))
    })?;
    let after = &rest[scheme.len()..];
    let domain = domain_len(after, true)?;
    let end = i + scheme.len() + link_end(after, domain);
    if end <= i + scheme.len() {
        return None;
    }
    Some(Autolink {
        range: i..end,
        href: text[i..end].to_string(),
    })
}

/// An address around the `@` at `at`; its local part starts no earlier than `floor`.
fn email(text: &str, at: usize, floor: usize) -> Option<Autolink> {
    let b = text.as_bytes();
    let local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'+' | b'-' | b'_');
    let mut start = at;
    while start > floor && local(b[start - 1]) {
        start -= 1;
    }
    if start == at {
        return None;
    }
    let (mut end, mut dots) = (at + 1, 0);
    while end < b.len() {
        let c = b[end];
        if c.is_ascii_alphanumeric() || c == b'-' || c == b'_' {
            end += 1;
        } else if c == b'.' && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric) {
            dots += 1;
            end += 1;
        } else {
            break;
        }
    }
    // The domain has a dot and ends in a letter (`a@b.c-` and `a@b.c_` are no addresses).
    if dots == 0 || !b[end - 1].is_ascii_alphabetic() {
        return None;
    }
    Some(Autolink {
        range: start..end,
        href: format!("mailto:{}", &text[start..end]),
    })
}

/// The length of a valid domain at the start of `s`: segments of letters,
/// digits, `-` and `_` separated by `.`, with at least one `.` unless
/// `short` (a URL after its scheme may be `http://localhost`), and no `_`
/// in the last two segments.
fn domain_len(s: &str, short: bool) -> Option<usize> {
    let (mut len, mut dots) = (0, 0);
    let (mut underscores_before, mut underscores_last) = (0, 0);
    for (j, c) in s.char_indices() {
        if c == '.' {
            underscores_before = underscores_last;
            underscores_last = 0;
            dots += 1;
        } else if c == '_' {
            underscores_last += 1;
        } else if !(c.is_alphanumeric() || c == '-') {
            break;
        }
        len = j + c.len_utf8();
    }
    let ok = len > 0 && (short || dots > 0) && underscores_before == 0 && underscores_last == 0;
    ok.then_some(len)
}

/// Where a link that starts `s` and has a domain of `domain` bytes ends:
/// up to white space or `<`, less trailing punctuation, an unbalanced `)`
/// and a trailing entity-like `&name;`.
fn link_end(s: &str, domain: usize) -> usize {
    let b = s.as_bytes();
    let mut end = domain
        + s[domain..]
            .find(|c: char| c.is_whitespace() || c == '<')
            .unwrap_or(s.len() - domain);
    while end > 0 {
        match b[end - 1] {
            b'?' | b'!' | b'.' | b',' | b':' | b'*' | b'_' | b'~' | b'\'' | b'"' => end -= 1,
            b';' => {
                let name = b[..end - 1]
                    .iter()
                    .rev()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                let amp = end - 1 - name;
                if name > 0 && amp > 0 && b[amp - 1] == b'&' {
                    end = amp - 1;
                } else {
                    end -= 1;
                }
            }
            b')' => {
                let opening = b[..end].iter().filter(|c| **c == b'(').count();
                let closing = b[..end].iter().filter(|c| **c == b')').count();
                if closing <= opening {
                    break;
                }
                end -= 1;
            }
            _ => break,
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The links in `text` as (text, href) pairs.
    fn links(text: &str) -> Vec<(&str, String)> {
        find(text)
            .into_iter()
            .map(|l| (&text[l.range], l.href))
            .collect()
    }

    fn one(text: &str, linked: &str, href: &str) {
        assert_eq!(links(text), vec![(linked, href.to_string())], "in {text:?}");
    }

    // The cases below follow the GFM spec's examples, in our own words.
    #[test]
    fn www_links_get_http() {
        one(
            "www.commonmark.org",
            "www.commonmark.org",
            "http://www.commonmark.org",
        );
        one(
            "Visit www.commonmark.org/help for more information.",
            "www.commonmark.org/help",
            "http://www.commonmark.org/help",
        );
        one(
            "(www.example.com)",
            "www.example.com",
            "http://www.example.com",
        );
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_the_link() {
        one(
            "Visit www.commonmark.org.",
            "www.commonmark.org",
            "http://www.commonmark.org",
        );
        one(
            "Visit www.commonmark.org/a.b.",
            "www.commonmark.org/a.b",
            "http://www.commonmark.org/a.b",
        );
        one(
            "see https://example.com/x?",
            "https://example.com/x",
            "https://example.com/x",
        );
    }

    #[test]
    fn parentheses_balance() {
        one(
            "www.google.com/search?q=Markup+(business)",
            "www.google.com/search?q=Markup+(business)",
            "http://www.google.com/search?q=Markup+(business)",
        );
        one(
            "www.google.com/search?q=Markup+(business)))",
            "www.google.com/search?q=Markup+(business)",
            "http://www.google.com/search?q=Markup+(business)",
        );
        one(
            "(www.google.com/search?q=Markup+(business))",
            "www.google.com/search?q=Markup+(business)",
            "http://www.google.com/search?q=Markup+(business)",
        );
        one(
            "www.google.com/search?q=(business))+ok",
            "www.google.com/search?q=(business))+ok",
            "http://www.google.com/search?q=(business))+ok",
        );
    }

    #[test]
    fn entity_like_endings_are_left_out() {
        one(
            "www.google.com/search?q=commonmark&hl=en",
            "www.google.com/search?q=commonmark&hl=en",
            "http://www.google.com/search?q=commonmark&hl=en",
        );
        one(
            "www.google.com/search?q=commonmark&hl;",
            "www.google.com/search?q=commonmark",
            "http://www.google.com/search?q=commonmark",
        );
    }

    #[test]
    fn a_link_stops_at_an_angle_bracket() {
        one(
            "www.commonmark.org/he<lp",
            "www.commonmark.org/he",
            "http://www.commonmark.org/he",
        );
    }

    #[test]
    fn urls_with_a_scheme() {
        one(
            "http://commonmark.org",
            "http://commonmark.org",
            "http://commonmark.org",
        );
        one(
            "(Visit https://encrypted.google.com/search?q=Markup+(business))",
            "https://encrypted.google.com/search?q=Markup+(business)",
            "https://encrypted.google.com/search?q=Markup+(business)",
        );
        one(
            "http://localhost:8080/x",
            "http://localhost:8080/x",
            "http://localhost:8080/x",
        );
        one(
            "논문은 https://arxiv.org/abs/2511.16664 에서",
            "https://arxiv.org/abs/2511.16664",
            "https://arxiv.org/abs/2511.16664",
        );
    }

    #[test]
    fn underscores_in_the_last_two_segments_are_no_domain() {
        assert!(links("www.xxx.yyy._zzz").is_empty());
        assert!(links("www.xxx._yyy.zzz").is_empty());
        one(
            "www._xxx.yyy.zzz",
            "www._xxx.yyy.zzz",
            "http://www._xxx.yyy.zzz",
        );
    }

    #[test]
    fn emails() {
        one("foo@bar.baz", "foo@bar.baz", "mailto:foo@bar.baz");
        one(
            "hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.",
            "hello+xyz@mail.example",
            "mailto:hello+xyz@mail.example",
        );
        one("a.b-c_d@a.b", "a.b-c_d@a.b", "mailto:a.b-c_d@a.b");
        one("a.b-c_d@a.b.", "a.b-c_d@a.b", "mailto:a.b-c_d@a.b");
        assert!(links("a.b-c_d@a.b-").is_empty());
        assert!(links("a.b-c_d@a.b_").is_empty());
        assert!(links("@handle and a@b").is_empty());
    }

    #[test]
    fn words_that_only_contain_a_scheme_or_www_are_text() {
        assert!(links("awww.example.com").is_empty());
        assert!(links("xhttps://example.com").is_empty());
        assert!(links("www.").is_empty());
        assert!(links("https://").is_empty());
    }

    #[test]
    fn several_links_in_one_text() {
        let found = links("a www.a.com b https://b.org/x c d@e.fg");
        assert_eq!(
            found.iter().map(|(t, _)| *t).collect::<Vec<_>>(),
            vec!["www.a.com", "https://b.org/x", "d@e.fg"]
        );
    }
}
