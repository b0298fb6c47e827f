//! The safety policy: which elements, attributes, CSS properties and URL
//! schemes may exist in a rendered post. Anything not named here is dropped.

/// HTML elements content may use (raw HTML or MDX JSX).
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements whose content is dropped with them (never shown as text either).
const DROP_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "template",
    "noscript",
    "textarea",
    "title",
    "svg",
    "math",
    "select",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "frameset",
    "head",
];

/// Elements with no content or end tag.
const VOID_ELEMENTS: &[&str] = &[
    "br", "col", "hr", "img", "input", "wbr", "area", "base", "embed", "link", "meta", "source",
    "track", "mspace",
];

/// MathML elements the math renderer may produce.
const MATHML_ELEMENTS: &[&str] = &[
    "math",
    "menclose",
    "merror",
    "mfrac",
    "mi",
    "mmultiscripts",
    "mn",
    "mo",
    "mover",
    "mpadded",
    "mphantom",
    "mprescripts",
    "mroot",
    "mrow",
    "ms",
    "mspace",
    "msqrt",
    "mstyle",
    "msub",
    "msubsup",
    "msup",
    "mtable",
    "mtd",
    "mtext",
    "mtr",
    "munder",
    "munderover",
    "none",
    "semantics",
    "annotation",
];

/// MathML attributes the math renderer may produce.
const MATHML_ATTRS: &[&str] = &[
    "display",
    "mathvariant",
    "stretchy",
    "fence",
    "separator",
    "lspace",
    "rspace",
    "accent",
    "accentunder",
    "linethickness",
    "columnalign",
    "rowspacing",
    "columnspacing",
    "displaystyle",
    "scriptlevel",
    "width",
    "height",
    "depth",
    "notation",
    "encoding",
    "movablelimits",
    "form",
    "largeop",
    "symmetric",
];

/// The allow-listed form of an HTML element name (lower-cased), if allowed.
pub fn html_element(name: &str) -> Option<&'static str> {
    find(HTML_ELEMENTS, name)
}

/// The allow-listed form of a MathML element name, if allowed.
pub fn mathml_element(name: &str) -> Option<&'static str> {
    find(MATHML_ELEMENTS, name)
}

/// The allow-listed form of a MathML attribute name, if allowed.
pub fn mathml_attr(name: &str) -> Option<&'static str> {
    find(MATHML_ATTRS, name)
}

/// Whether an element is dropped together with everything inside it.
pub fn drops_content(name: &str) -> bool {
    find(DROP_WITH_CONTENT, name).is_some()
}

/// Whether an element never has content or an end tag.
pub fn is_void(name: &str) -> bool {
    find(VOID_ELEMENTS, name).is_some()
}

/// How an allowed attribute's value must be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrKind {
    /// Plain text.
    Text,
    /// A URL for a link (`href`).
    LinkUrl,
    /// A URL for an image (`src`).
    ImageUrl,
    /// CSS declarations, filtered by [`style_declaration`].
    Style,
    /// An element id (checked so it cannot shadow page globals).
    Id,
}

/// The allow-listed form of an attribute of `element`, and how to treat its value.
pub fn html_attr(element: &str, name: &str) -> Option<(&'static str, AttrKind)> {
    let global: &[(&str, AttrKind)] = &[
        ("title", AttrKind::Text),
        ("lang", AttrKind::Text),
        ("dir", AttrKind::Text),
        ("align", AttrKind::Text),
        ("style", AttrKind::Style),
        ("id", AttrKind::Id),
    ];
    let specific: &[(&str, AttrKind)] = match element {
        "a" => &[("href", AttrKind::LinkUrl)],
        "img" => &[
            ("src", AttrKind::ImageUrl),
            ("alt", AttrKind::Text),
            ("width", AttrKind::Text),
            ("height", AttrKind::Text),
        ],
        "td" | "th" => &[("colspan", AttrKind::Text), ("rowspan", AttrKind::Text)],
        "ol" => &[("start", AttrKind::Text), ("reversed", AttrKind::Text)],
        "details" => &[("open", AttrKind::Text)],
        "time" => &[("datetime", AttrKind::Text)],
        "col" | "colgroup" => &[("span", AttrKind::Text)],
        _ => &[],
    };
    let lower = name.to_ascii_lowercase();
    global
        .iter()
        .chain(specific.iter())
        .find(|(n, _)| *n == lower)
        .map(|(n, k)| (*n, *k))
}

/// Checks a plain attribute value: sizes and counts must be numbers, `align`
/// and `dir` one of their keywords. Returns the value to keep.
pub fn text_attr_value(name: &str, value: &str) -> Option<String> {
    let v = value.trim();
    match name {
        "width" | "height" | "colspan" | "rowspan" | "start" | "span" => {
            (!v.is_empty() && v.len() <= 6 && v.bytes().all(|b| b.is_ascii_digit() || b == b'%'))
                .then(|| v.to_string())
        }
        "align" => keyword(v, &["left", "right", "center", "justify"]),
        "dir" => keyword(v, &["ltr", "rtl", "auto"]),
        "open" | "reversed" => Some(String::new()),
        _ => Some(value.to_string()),
    }
}

/// The ids of the app's own elements (the boot message, the main landmark,
/// the notice bars, the inline style sheet and its templates). A heading or
/// element of a post with one of them is renamed by [`safe_id`], so the app
/// never finds a post's element where it looks for its own, and the post
/// never loses one to the app. Every id the app writes is listed here (a
/// test reads the app's sources for them).
pub const APP_IDS: &[&str] = &[
    "boot",
    "main",
    "copy-status",
    "offline-notice",
    "update-notice",
    "papershelf-boot",
    "papershelf-first-visit",
    "papershelf-style",
    "papershelf-style-file",
    "papershelf-messages",
    "papershelf-site",
];

/// Ids that could shadow a property a page script looks up on `window` or
/// `document`, and the app's own ([`APP_IDS`]), are given the prefix
/// `user-content-` (where a link to the plain id still finds them, see
/// `papershelf_web::find_anchor`); everything else is kept exactly, so
/// Docusaurus anchors keep working.
pub fn safe_id(id: &str) -> String {
    const RESERVED: &[&str] = &[
        "alert",
        "body",
        "close",
        "closed",
        "config",
        "cookie",
        "document",
        "domain",
        "forms",
        "frames",
        "head",
        "history",
        "images",
        "length",
        "links",
        "localstorage",
        "location",
        "name",
        "navigator",
        "opener",
        "origin",
        "parent",
        "scripts",
        "self",
        "status",
        "top",
        "window",
    ];
    let looks_global = id.starts_with("__")
        || id.starts_with("on")
        || id.starts_with("wasm")
        || RESERVED.contains(&id.to_ascii_lowercase().as_str())
        || APP_IDS.contains(&id.to_ascii_lowercase().as_str());
    if looks_global {
        format!("user-content-{id}")
    } else {
        id.to_string()
    }
}

/// CSS properties content may set, and what their values may be.
const STYLE_PROPERTIES: &[(&str, ValueKind)] = &[
    (
        "text-align",
        ValueKind::Keyword(&["left", "right", "center", "justify", "start", "end"]),
    ),
    ("width", ValueKind::Length),
    ("max-width", ValueKind::Length),
    ("min-width", ValueKind::Length),
    ("height", ValueKind::Length),
    ("max-height", ValueKind::Length),
    ("min-height", ValueKind::Length),
    ("margin", ValueKind::Lengths),
    ("margin-top", ValueKind::Length),
    ("margin-bottom", ValueKind::Length),
    ("margin-left", ValueKind::Length),
    ("margin-right", ValueKind::Length),
    ("padding", ValueKind::Lengths),
    (
        "display",
        ValueKind::Keyword(&["block", "inline", "inline-block", "flex", "none"]),
    ),
    ("float", ValueKind::Keyword(&["left", "right", "none"])),
    (
        "vertical-align",
        ValueKind::Keyword(&["top", "middle", "bottom", "baseline"]),
    ),
    (
        "font-weight",
        ValueKind::Keyword(&["normal", "bold", "400", "500", "600", "700"]),
    ),
    ("font-style", ValueKind::Keyword(&["normal", "italic"])),
    (
        "justify-content",
        ValueKind::Keyword(&[
            "center",
            "flex-start",
            "flex-end",
            "space-between",
            "space-around",
        ]),
    ),
    ("gap", ValueKind::Length),
];

#[derive(Debug, Clone, Copy)]
enum ValueKind {
    Keyword(&'static [&'static str]),
    Length,
    Lengths,
}

/// Checks one CSS declaration. `property` may be CSS (`text-align`) or JSX
/// camelCase (`textAlign`); a bare number is taken as pixels, as React does.
/// Returns the property's allow-listed name and the value to write.
pub fn style_declaration(property: &str, value: &str) -> Option<(&'static str, String)> {
    let css = camel_to_kebab(property.trim());
    let (name, kind) = STYLE_PROPERTIES.iter().find(|(n, _)| *n == css)?;
    let value = value.trim().to_ascii_lowercase();
    let ok = match kind {
        ValueKind::Keyword(words) => keyword(&value, words),
        ValueKind::Length => length(&value),
        ValueKind::Lengths => {
            let parts: Option<Vec<String>> = value.split_ascii_whitespace().map(length).collect();
            parts
                .filter(|p| (1..=4).contains(&p.len()))
                .map(|p| p.join(" "))
        }
    }?;
    Some((*name, ok))
}

/// Parses a CSS `style` attribute into allowed declarations.
pub fn style_attribute(css: &str) -> Vec<(&'static str, String)> {
    css.split(';')
        .filter_map(|decl| {
            let (p, v) = decl.split_once(':')?;
            style_declaration(p, v)
        })
        .collect()
}

fn keyword(v: &str, words: &[&str]) -> Option<String> {
    let lower = v.to_ascii_lowercase();
    words.iter().find(|w| **w == lower).map(|w| w.to_string())
}

/// A plain length: `0`, `auto`, a number (pixels), or a number with a unit.
fn length(v: &str) -> Option<String> {
    if v == "auto" || v == "0" {
        return Some(v.to_string());
    }
    let split = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let (num, unit) = v.split_at(split);
    let valid_num =
        !num.is_empty() && num.len() <= 8 && num.matches('.').count() <= 1 && num != ".";
    if !valid_num {
        return None;
    }
    match unit {
        "" => Some(format!("{num}px")),
        "px" | "%" | "em" | "rem" | "vw" | "vh" | "ch" => Some(v.to_string()),
        _ => None,
    }
}

fn camel_to_kebab(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

fn find(list: &[&'static str], name: &str) -> Option<&'static str> {
    list.iter().copied().find(|n| n.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsx_numbers_are_pixels_and_strings_stay_as_written() {
        assert_eq!(
            style_declaration("width", "500"),
            Some(("width", "500px".into()))
        );
        assert_eq!(
            style_declaration("width", "80%"),
            Some(("width", "80%".into()))
        );
        assert_eq!(
            style_declaration("textAlign", "center"),
            Some(("text-align", "center".into()))
        );
        assert_eq!(
            style_declaration("maxWidth", "30em"),
            Some(("max-width", "30em".into()))
        );
    }

    #[test]
    fn dangerous_css_is_dropped() {
        assert_eq!(style_declaration("position", "fixed"), None);
        assert_eq!(
            style_declaration("background", "url(javascript:alert(1))"),
            None
        );
        assert_eq!(style_declaration("width", "expression(alert(1))"), None);
        assert_eq!(style_declaration("width", "calc(100% - 1px)"), None);
        assert_eq!(style_declaration("display", "contents"), None);
        assert!(style_attribute("width:10px;position:absolute;top:0").len() == 1);
    }

    #[test]
    fn scripts_and_frames_are_not_elements() {
        for tag in [
            "script", "iframe", "object", "embed", "base", "meta", "form", "style", "svg", "math",
            "input", "link",
        ] {
            assert_eq!(html_element(tag), None, "{tag} must not be allowed");
        }
        assert!(drops_content("SCRIPT"));
        assert_eq!(html_element("DIV"), Some("div"));
    }

    #[test]
    fn event_handlers_are_not_attributes() {
        assert_eq!(html_attr("img", "onerror"), None);
        assert_eq!(html_attr("a", "onclick"), None);
        assert_eq!(html_attr("div", "srcdoc"), None);
        assert_eq!(html_attr("a", "HREF"), Some(("href", AttrKind::LinkUrl)));
    }

    #[test]
    fn ids_that_look_like_globals_are_prefixed() {
        assert_eq!(
            safe_id("3-the-collaboration-gap-microsoft"),
            "3-the-collaboration-gap-microsoft"
        );
        assert_eq!(safe_id("__pwned"), "user-content-__pwned");
        assert_eq!(safe_id("location"), "user-content-location");
    }
}
