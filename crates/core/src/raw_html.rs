//! A small tokenizer for the raw HTML fragments pulldown-cmark hands over.
//!
//! It only splits tags, text and comments and decodes entities; deciding what
//! is kept is [`crate::policy`]'s job. A full HTML parser (html5ever) would
//! add far more to the wasm than posts need, and its output would still have
//! to pass the same allow-list.

/// One piece of a raw HTML fragment.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// `<name attr=value …>` or `<name …/>`.
    Start {
        /// Lower-cased element name.
        name: String,
        /// Attributes with lower-cased names and entity-decoded values.
        attrs: Vec<(String, String)>,
        /// Written as `<name/>`.
        self_closing: bool,
    },
    /// `</name>`.
    End {
        /// Lower-cased element name.
        name: String,
    },
    /// Text with entities decoded.
    Text(String),
}

/// Splits a fragment into tokens. Comments, doctypes and processing
/// instructions are dropped; a `<` that starts no tag is text.
pub fn tokenize(input: &str) -> Vec<Token> {
    tokenize_at(input).into_iter().map(|(_, t)| t).collect()
}

/// [`tokenize`], each token with the byte offset in `input` where it starts.
pub fn tokenize_at(input: &str) -> Vec<(usize, Token)> {
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut text_start = 0;
    let b = input.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'<' {
            let parsed = tag_at(input, i);
            if parsed.is_none()
                && b.get(i + 1)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/')
            {
                // A tag left open at the end: like a browser, never backtrack into it.
                // The rest is text, which keeps tokenizing linear.
                if text.is_empty() {
                    text_start = i;
                }
                text.push_str(&input[i..]);
                break;
            }
            if let Some((tok, next)) = parsed {
                if !text.is_empty() {
                    tokens.push((
                        text_start,
                        Token::Text(decode_entities(&std::mem::take(&mut text))),
                    ));
                }
                if let Some(tok) = tok {
                    tokens.push((i, tok));
                }
                i = next;
                continue;
            }
        }
        let ch_len = input[i..].chars().next().map_or(1, char::len_utf8);
        if text.is_empty() {
            text_start = i;
        }
        text.push_str(&input[i..i + ch_len]);
        i += ch_len;
    }
    if !text.is_empty() {
        tokens.push((text_start, Token::Text(decode_entities(&text))));
    }
    tokens
}

/// The token starting at `<` at byte `i`, and where it ends. `Some((None, _))`
/// for something skipped (a comment); `None` when no tag starts here.
fn tag_at(s: &str, i: usize) -> Option<(Option<Token>, usize)> {
    let rest = &s[i..];
    if rest.starts_with("<!--") || rest.starts_with("<!") || rest.starts_with("<?") {
        return skipped_at(s, i);
    }
    tag_within(s, i)
}

/// A comment, doctype or processing instruction: skipped up to its end.
fn skipped_at(s: &str, i: usize) -> Option<(Option<Token>, usize)> {
    let rest = &s[i..];
    if let Some(body) = rest.strip_prefix("<!--") {
        let end = body.find("-->").map_or(s.len(), |e| i + 4 + e + 3);
        return Some((None, end));
    }
    let end = rest.find('>').map_or(s.len(), |e| i + e + 1);
    Some((None, end))
}

fn tag_within(s: &str, i: usize) -> Option<(Option<Token>, usize)> {
    let b = s.as_bytes();
    let mut j = i + 1;
    let closing = b.get(j) == Some(&b'/');
    if closing {
        j += 1;
    }
    let name_start = j;
    if !b.get(j).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    while b
        .get(j)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b':' || *c == b'.')
    {
        j += 1;
    }
    let name = s[name_start..j].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while b.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        match b.get(j) {
            None => return None,
            Some(b'>') => {
                j += 1;
                break;
            }
            Some(b'/') if b.get(j + 1) == Some(&b'>') => {
                self_closing = true;
                j += 2;
                break;
            }
            Some(b'/') => {
                j += 1;
                continue;
            }
            _ => {}
        }
        let an_start = j;
        while b.get(j).is_some_and(|c| {
            !c.is_ascii_whitespace() && !matches!(c, b'=' | b'>' | b'/' | b'"' | b'\'')
        }) {
            j += 1;
        }
        if j == an_start {
            // A stray quote: not a tag after all.
            return None;
        }
        let an = s[an_start..j].to_ascii_lowercase();
        while b.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        let mut value = String::new();
        if b.get(j) == Some(&b'=') {
            j += 1;
            while b.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            match b.get(j) {
                Some(q @ (b'"' | b'\'')) => {
                    let close = s[j + 1..].find(*q as char)?;
                    value = decode_attr_entities(&s[j + 1..j + 1 + close]);
                    j += close + 2;
                }
                Some(_) => {
                    let vs = j;
                    while b
                        .get(j)
                        .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>')
                    {
                        j += 1;
                    }
                    value = decode_attr_entities(&s[vs..j]);
                }
                None => return None,
            }
        }
        attrs.push((an, value));
    }
    let tok = if closing {
        Token::End { name }
    } else {
        Token::Start {
            name,
            attrs,
            self_closing,
        }
    };
    Some((Some(tok), j))
}

/// Decodes character references in text as a browser does: numeric ones,
/// every HTML5 named one (`&eacute;`, `&euro;`, `&NotEqualTilde;`), and the
/// legacy names browsers also take without `;` (`&copy 2025`). Unknown names
/// are left as written (they then show as text, harmlessly).
pub fn decode_entities(s: &str) -> String {
    decode(s, false)
}

/// [`decode_entities`] for an attribute value, where a legacy name without
/// `;` followed by a letter, digit or `=` stays as written (`?a=1&copy=2`).
pub fn decode_attr_entities(s: &str) -> String {
    decode(s, true)
}

fn decode(s: &str, in_attr: bool) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match entity_at(rest, in_attr) {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The entities HTML decodes without a `;` (the HTML standard's legacy
/// names), space-separated: one string is smaller in the wasm than a list.
const LEGACY: &str = "AElig AMP Aacute Acirc Agrave Aring Atilde Auml COPY Ccedil ETH Eacute \
    Ecirc Egrave Euml GT Iacute Icirc Igrave Iuml LT Ntilde Oacute Ocirc Ograve Oslash Otilde Ouml \
    QUOT REG THORN Uacute Ucirc Ugrave Uuml Yacute aacute acirc acute aelig agrave amp aring \
    atilde auml brvbar ccedil cedil cent copy curren deg divide eacute ecirc egrave eth euml \
    frac12 frac14 frac34 gt iacute icirc iexcl igrave iquest iuml laquo lt macr micro middot nbsp \
    not ntilde oacute ocirc ograve ordf ordm oslash otilde ouml para plusmn pound quot raquo reg \
    sect shy sup1 sup2 sup3 szlig thorn times uacute ucirc ugrave uml uuml yacute yen yuml";

/// The text of a named character reference, from pulldown-cmark's own table
/// of all HTML5 entities (it decodes them in Markdown text). Using it costs
/// the browser modules nothing: the table is already in them.
fn named(name: &str) -> Option<String> {
    if name.is_empty() || name.len() > 32 {
        return None;
    }
    let written = format!("&{name};");
    let mut text = String::new();
    // The offset iterator, as the renderer uses: one copy of the parser in the wasm.
    let parser = pulldown_cmark::Parser::new_ext(&written, crate::options::cmark_options());
    for (event, _) in parser.into_offset_iter() {
        if let pulldown_cmark::Event::Text(t) = event {
            text.push_str(&t);
        }
    }
    (text != written).then_some(text)
}

fn entity_at(s: &str, in_attr: bool) -> Option<(String, usize)> {
    let body = &s[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (h, 16, 3),
            None => (num, 10, 2),
        };
        let n = digits
            .bytes()
            .take_while(|c| (*c as char).is_digit(radix))
            .count();
        if n == 0 || n > 8 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..n], radix).ok()?;
        let ch = char::from_u32(value)
            .filter(|c| *c != '\0')
            .unwrap_or('\u{FFFD}');
        let semi = usize::from(digits.as_bytes().get(n) == Some(&b';'));
        return Some((ch.to_string(), skip + n + semi));
    }
    let n = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if body.as_bytes().get(n) == Some(&b';') {
        if let Some(text) = named(&body[..n]) {
            return Some((text, n + 2));
        }
    }
    // A legacy name without `;`: the longest one the text starts with.
    let legacy = LEGACY
        .split(' ')
        .filter(|l| !l.is_empty() && body[..n].starts_with(*l))
        .max_by_key(|l| l.len())?;
    let next = body.as_bytes().get(legacy.len());
    if in_attr && next.is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'=') {
        return None;
    }
    Some((named(legacy)?, legacy.len() + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(name: &str, attrs: &[(&str, &str)], self_closing: bool) -> Token {
        Token::Start {
            name: name.into(),
            attrs: attrs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            self_closing,
        }
    }

    #[test]
    fn tags_text_and_comments() {
        assert_eq!(
            tokenize("<div style=\"text-align:center\">\n <img src='a.png' alt=x />\n</div><!-- hidden -->"),
            vec![
                start("div", &[("style", "text-align:center")], false),
                Token::Text("\n ".into()),
                start("img", &[("src", "a.png"), ("alt", "x")], true),
                Token::Text("\n".into()),
                Token::End { name: "div".into() },
            ]
        );
    }

    #[test]
    fn entities_are_decoded_in_text_and_values() {
        assert_eq!(
            decode_entities("a &amp; b &#106;&#x61;&Tab;&colon; &bogus; &#0;"),
            "a & b ja\t: &bogus; \u{FFFD}"
        );
        assert_eq!(
            tokenize("<a href=\"jav&#x09;ascript:x\">"),
            vec![start("a", &[("href", "jav\tascript:x")], false)]
        );
    }

    #[test]
    fn every_html5_name_and_the_legacy_forms_are_decoded() {
        assert_eq!(
            decode_entities("Jos&eacute; &euro;5 &NotEqualTilde; &fjlig; &zwj;"),
            "José €5 \u{2242}\u{338} fj \u{200d}"
        );
        // Without `;` only the legacy names, longest first, as browsers do.
        assert_eq!(
            decode_entities("&copy 2025 &notit; &eacute &euro &amp"),
            "© 2025 ¬it; é &euro &"
        );
        // In attribute values a legacy name before a letter, digit or `=` stays.
        assert_eq!(
            tokenize("<a href=\"?a=1&copy=2&lang=ko&amp;x\" title=\"&eacute;t&eacute\">"),
            vec![start(
                "a",
                &[("href", "?a=1&copy=2&lang=ko&x"), ("title", "été")],
                false
            )]
        );
        assert_eq!(
            tokenize("<p>Jos&eacute; &euro;5</p>"),
            vec![
                start("p", &[], false),
                Token::Text("José €5".into()),
                Token::End { name: "p".into() }
            ]
        );
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(
            tokenize("1 < 2 and <3"),
            vec![Token::Text("1 < 2 and <3".into())]
        );
    }
}
