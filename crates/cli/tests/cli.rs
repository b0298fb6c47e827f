//! The `papershelf` binary on real directories.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn papershelf(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_papershelf"))
        .args(args)
        .output()
        .expect("runs")
}

fn here(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_reports_every_problem_with_path_and_line() {
    let dir = here("tests/broken-content");
    let out = papershelf(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let broken = format!("{}/papers/y2025/nov/20251102.md", dir.display());
    let expect = [
        format!("{broken}:4: error: bad front matter"),
        format!("{broken}:6: error: import `missing` from `./asset/missing.png`: the file `papers/y2025/nov/asset/missing.png` does not exist"),
        format!("{broken}:10: warning: image without alt text"),
        format!("{broken}:11: warning: image without alt text"),
        format!("{broken}:11: error: unknown name `nope`"),
        format!("{broken}:13: error: link to `papers/y2025/oct/20250101.md`: there is no such post"),
        format!("{broken}:14: error: link to `papers/y2025/oct/20251001.md#1-target-paper-metaa`: that post has no such heading (did you mean `#1-target-paper-meta`?)"),
        format!("{broken}:18: warning: math: unknown command `\\notacommand` in `a \\notacommand b`: it is shown as TeX"),
        format!("{}/papers/y2025/oct/20251001.md:1: warning: another post", dir.display()),
    ];
    for e in &expect {
        assert!(
            text.lines().any(|l| l.starts_with(e.as_str())),
            "missing `{e}` in:\n{text}"
        );
    }
    assert_eq!(text.lines().count(), expect.len(), "{text}");
}

/// Warnings (missing alt text, an unknown admonition) say what to improve;
/// only errors (what breaks a page) fail `check`, unless `--strict`.
#[test]
fn check_fails_on_errors_and_on_warnings_only_when_strict() {
    let dir = std::env::temp_dir().join(format!("papershelf-strict-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("20250101.md"),
        "# A post\n\n:::unknown\nA box of a kind Docusaurus lacks.\n:::\n",
    )
    .unwrap();
    let out = papershelf(&["check", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains(": warning: unknown admonition"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("0 errors and 1 warning in 1 post"),
        "{}",
        stderr(&out)
    );
    let strict = papershelf(&["check", "--strict", dir.to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(1));
    std::fs::write(dir.join("20250102.md"), "# B\n\n[nowhere](./19990101.md)\n").unwrap();
    let broken = papershelf(&["check", dir.to_str().unwrap()]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        stderr(&broken).contains("1 error and 1 warning in 2 posts"),
        "{}",
        stderr(&broken)
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A Docusaurus site as its authors write it: a blog, docs with numbered
/// folders, ids, slugs and index files, and every kind of link between them
/// Docusaurus resolves. `check` finds no error in it (it builds), and says
/// of a link to a page outside the content only that it cannot see it.
#[test]
fn check_finds_no_error_in_a_site_docusaurus_builds() {
    let dir = std::env::temp_dir().join(format!("papershelf-docusaurus-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    let files = [
        ("blog/2021-08-26-welcome.md", "---\ntitle: Welcome\n---\n\nRead [the guide](/docs/guides/install), [setup](/docs/guides/setup#steps) and [the launch](/blog/launch).\n"),
        ("blog/2022/08-01-launch/index.mdx", "---\ntitle: Launch\nslug: /launch\n---\n\nSee [welcome](/blog/2021/08/26/welcome), [the showcase](/showcase), and [intro](../../../docs/intro.md).\n"),
        ("blog/2022-08-01-second.md", "# Second post the same day\n\nBlogs have several a day.\n"),
        ("docs/intro.md", "# Intro\n\n## 1. Why\n\nA numbered section, no paper. Next: [install](guides/install) or [the guides](guides).\n"),
        ("docs/01-guides/index.md", "# Guides\n\n[Install](install) and [Windows](./windows).\n"),
        ("docs/01-guides/02-install.md", "---\nid: install\n---\n# Install\n\n## Steps\n\nBack to [intro](/docs/intro).\n"),
        ("docs/01-guides/windows.mdx", "---\nslug: setup\n---\n# Windows\n\n## Steps\n\nText.\n"),
        ("docs/_snippet.mdx", "A partial, never a post.\n"),
        ("docs/assets.mdx", "import logo from '@site/static/img/logo.svg';\n\n# Assets\n\n![The logo](/img/logo.svg) <img src={logo} alt=\"The logo\" /> [slides](pathname:///files/slides.pdf)\n"),
        ("static/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"),
        ("static/files/slides.pdf", "%PDF-1.4\n"),
        ("node_modules/some-package/README.md", "# Not a post\n\n[nowhere](./nowhere.md)\n"),
        ("docs/01-guides/_category_.json", "{\"label\": \"Guides\", \"position\": 1}\n"),
        ("sidebars.js", "module.exports = { docs: [{type: 'doc', id: 'intro', label: 'Start'}, {type: 'autogenerated', dirName: '.'}] };\n"),
    ];
    for (file, text) in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let out = papershelf(&["check", dir.to_str().unwrap()]);
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{report}{}", stderr(&out));
    assert!(!report.contains(": error:"), "{report}");
    let warnings: Vec<&str> = report.lines().collect();
    assert_eq!(warnings.len(), 1, "{report}");
    assert!(
        warnings[0].contains(
            "launch/index.mdx:6: warning: link to `/showcase`: no post here has that address"
        ),
        "{report}"
    );
    // The index keeps each post's Docusaurus addresses.
    let out = papershelf(&["index", dir.to_str().unwrap(), "--out", "-"]);
    let index: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let aliases = |path: &str| {
        index["posts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["path"] == path)
            .map(|p| p["aliases"].clone())
    };
    assert_eq!(
        aliases("blog/2021-08-26-welcome.md"),
        Some(serde_json::json!(["blog/2021/08/26/welcome"]))
    );
    assert_eq!(
        aliases("docs/01-guides/02-install.md"),
        Some(serde_json::json!([
            "docs/guides/install",
            "01-guides/02-install",
            "guides/install"
        ]))
    );
    // The Docs in sidebar order: what sidebars.js lists first, then the
    // guides folder (position 1) before the docs beside it.
    let docs: Vec<&str> = index["posts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["date"] == "")
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        docs,
        [
            "docs/intro.md",
            "docs/01-guides/index.md",
            "docs/01-guides/02-install.md",
            "docs/01-guides/windows.mdx",
            "docs/assets.mdx"
        ]
    );
    // Built elsewhere, the static folder's files are served at the root, beside the index.
    let built = dir.with_extension("built");
    std::fs::remove_dir_all(&built).ok();
    let out = papershelf(&[
        "index",
        dir.to_str().unwrap(),
        "--out",
        built.join("index.json").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(built.join("img/logo.svg").is_file());
    assert!(built.join("files/slides.pdf").is_file());
    // In place, never: the author's folder gets no copies.
    let out = papershelf(&["index", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dir.join("img").exists());
    std::fs::remove_dir_all(&built).ok();
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn check_passes_on_the_sample_content() {
    let out = papershelf(&["check", here("../../content").to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn index_writes_posts_newest_first_without_drafts() {
    let tmp = std::env::temp_dir().join(format!("papershelf-index-{}", std::process::id()));
    let posts = tmp.join("papers/y2025/nov");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::write(
        posts.join("20251101.md"),
        "# Old\n\n## 1. [P](https://x.org) `meta`\n",
    )
    .unwrap();
    std::fs::write(posts.join("20251120.md"), "# New\n").unwrap();
    std::fs::write(
        posts.join("20251125.md"),
        "---\ndraft: true\n---\n# Draft\n",
    )
    .unwrap();
    // Partials (a file or folder named with a leading `_`) are never posts.
    std::fs::write(posts.join("_shared.mdx"), "# A partial\n").unwrap();
    std::fs::create_dir_all(tmp.join("_parts")).unwrap();
    std::fs::write(tmp.join("_parts/20251130.md"), "# Another partial\n").unwrap();
    let out = papershelf(&["index", tmp.to_str().unwrap(), "--out", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let index: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(index["version"], 1);
    let titles: Vec<&str> = index["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["New", "Old"]);
    assert_eq!(index["posts"][1]["entries"][0]["tags"][0], "meta");
    assert_eq!(index["posts"][1]["entries"][0]["anchor"], "1-p-meta");
    // One post per line after the header, so the viewer can read it in slices.
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    // The header line: the version, and the site's settings (the defaults:
    // this folder has no papershelf.toml).
    assert_eq!(
        lines[0],
        r#"{"version":1,"site":{"description":"","language":"ko","title":"papershelf"},"posts":["#
    );
    assert_eq!(lines[3], "]}");
    for (line, title) in [(lines[1], "New"), (lines[2], "Old")] {
        let post: serde_json::Value =
            serde_json::from_str(line.strip_suffix(',').unwrap_or(line)).unwrap();
        assert_eq!(post["title"], title);
    }
    // Each post's content hash: the first 16 hex digits of the file's SHA-256
    // (what the service worker computes): `# New\n`.
    assert_eq!(index["posts"][0]["hash"], "f676b43bd55f9145");
    let out = papershelf(&["index", tmp.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(tmp.join("index.json").exists());
    // What "Save for offline" fetches: each post's files and its bytes with them.
    std::fs::create_dir_all(posts.join("asset")).unwrap();
    std::fs::write(posts.join("asset/fig.png"), [0u8; 100]).unwrap();
    std::fs::write(
        posts.join("20251120.md"),
        "# New\n\n![fig](./asset/fig.png)\n",
    )
    .unwrap();
    assert!(papershelf(&["index", tmp.to_str().unwrap()])
        .status
        .success());
    let offline: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.join("_papershelf/offline.json")).unwrap())
            .unwrap();
    let entry = &offline["posts"]["papers/y2025/nov/20251120.md"];
    assert_eq!(
        entry["files"],
        serde_json::json!(["papers/y2025/nov/asset/fig.png"])
    );
    assert_eq!(entry["bytes"], 31 + 100);
    assert_eq!(
        offline["posts"]["papers/y2025/nov/20251101.md"]["files"],
        serde_json::json!([])
    );
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn index_writes_the_search_index_beside_it_and_drops_stale_pieces() {
    use papershelf_core::search::index::{Manifest, Piece};
    let tmp = std::env::temp_dir().join(format!("papershelf-index-search-{}", std::process::id()));
    let posts = tmp.join("papers/y2025/nov");
    std::fs::create_dir_all(&posts).unwrap();
    let post = posts.join("20251101.md");
    std::fs::write(
        &post,
        "# 리뷰

## 1. [MIRA](https://x.org) `meta`

모델은 강화학습으로.
",
    )
    .unwrap();
    let pieces = |dir: &std::path::Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".bin"))
            .collect();
        names.sort();
        names
    };
    let search = tmp.join("_papershelf/search");
    assert!(papershelf(&["index", tmp.to_str().unwrap()])
        .status
        .success());
    let manifest: Manifest =
        serde_json::from_str(&std::fs::read_to_string(search.join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!((manifest.posts, manifest.sections), (1, 2));
    let first = pieces(&search);
    assert_eq!(first.len(), manifest.pieces.len());
    let piece = Piece::parse(&std::fs::read(search.join(&first[0])).unwrap()).unwrap();
    assert!(piece.get("모델").is_some() && piece.get("mira").is_some());
    assert!(piece.get("https").is_none(), "URLs are not indexed");
    // The same text writes the same pieces; an edit replaces them.
    assert!(papershelf(&["index", tmp.to_str().unwrap()])
        .status
        .success());
    assert_eq!(pieces(&search), first);
    std::fs::write(
        &post,
        "# 리뷰

## 1. [MIRA](https://x.org) `meta`

고친 글.
",
    )
    .unwrap();
    assert!(papershelf(&["index", tmp.to_str().unwrap()])
        .status
        .success());
    let second = pieces(&search);
    assert!(
        second.iter().all(|n| !first.contains(n)),
        "stale pieces are removed"
    );
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn search_answers_as_the_browser_does() {
    let tmp = std::env::temp_dir().join(format!("papershelf-query-{}", std::process::id()));
    let dir = tmp.join("papers/y2025/nov");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("20251106.md"),
        "# 2025-11-06 papers review\n\n## 1. [MIRA](https://x.org/mira) `bytedance`\n\n시각적 사고가 필요한 문제. 대규모언어모델은 못 푼다.\n\n## 2. [Glyph](https://x.org/glyph)\n\nLoRA는 쓰지 않았다.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("20251120.md"),
        "# 2025-11-20 papers review\n\n## 1. [SAM 3](https://x.org/sam3) `meta`\n\n언어 모델을 쓰지 않는 분할.\n",
    )
    .unwrap();
    let root = tmp.to_str().unwrap();
    // Before `index`: what to run.
    let out = papershelf(&["search", root, "모델"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("run `papershelf index"),
        "{}",
        stderr(&out)
    );
    let out = papershelf(&["index", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = |q: &str| -> serde_json::Value {
        let out = papershelf(&["search", root, q, "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let paths = |v: &serde_json::Value| -> Vec<String> {
        v["posts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["path"].as_str().unwrap().to_string())
            .collect()
    };
    // A particle typed does not narrow; the word is found inside a compound.
    let model = json("모델을");
    assert_eq!(
        paths(&model),
        [
            "papers/y2025/nov/20251120.md",
            "papers/y2025/nov/20251106.md"
        ]
    );
    assert_eq!(model["count"], 2);
    // The matching entry is named by its anchor.
    let lora = json("lora");
    assert_eq!(paths(&lora), ["papers/y2025/nov/20251106.md"]);
    assert_eq!(lora["posts"][0]["entries"][0], "2-glyph");
    assert_eq!(json("\"시각적 사고\"")["count"], 1);
    assert_eq!(json("\"사고 시각적\"")["count"], 0);
    // Plain output: one line a post, its entries under it.
    let out = papershelf(&["search", root, "mira"]);
    assert!(stdout(&out).contains("papers/y2025/nov/20251106.md  2025-11-06 papers review"));
    assert!(
        stdout(&out).contains("  #1-mira-bytedance  MIRA"),
        "{}",
        stdout(&out)
    );
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn render_prints_the_safe_tree() {
    let post = here("../../content/papers/y2025/nov/20251106.md");
    let out = papershelf(&["render", post.to_str().unwrap()]);
    assert!(out.status.success());
    let html = stdout(&out);
    assert!(html.contains(r#"<img src="content/papers/y2025/nov/asset/blog_20251106_img2.png" alt="Spatial benchmark scores before and after Visual Spatial Tuning" style="width:500px" fetchpriority="high">"#), "{html}");
    assert!(!html.contains("import "));
}

#[test]
fn bad_input_gets_a_clear_answer() {
    let out = papershelf(&["check", "/no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not a directory"),
        "{}",
        stderr(&out)
    );

    let empty = std::env::temp_dir().join(format!("papershelf-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let out = papershelf(&["index", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("has no .md posts"),
        "{}",
        stderr(&out)
    );

    let latin1 = empty.join("20250101.md");
    std::fs::write(&latin1, b"# Caf\xe9\n").unwrap();
    let out = papershelf(&["render", latin1.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("not valid UTF-8"), "{}", stderr(&out));
    assert!(stdout(&out).contains("<h1>Caf\u{FFFD}</h1>"));
    std::fs::remove_dir_all(&empty).ok();

    let out = papershelf(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Usage:"), "{}", stderr(&out));
}

#[test]
fn every_command_has_help_and_the_cli_its_conventions() {
    for command in ["index", "render", "check", "search"] {
        let out = papershelf(&[command, "--help"]);
        assert!(out.status.success(), "{command} --help: {}", stderr(&out));
        let help = stdout(&out);
        assert!(
            help.contains(&format!("Usage: papershelf {command}")),
            "{help}"
        );
        assert!(help.contains("Exit codes:"), "{command}: {help}");
        // Never read as a file name.
        assert!(!stderr(&out).contains("cannot read"), "{}", stderr(&out));
    }
    let out = papershelf(&["--help"]);
    assert!(out.status.success());
    for command in ["index", "render", "check", "search"] {
        assert!(stdout(&out).contains(command), "{}", stdout(&out));
    }

    let out = papershelf(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out).trim(),
        format!("papershelf {}", env!("CARGO_PKG_VERSION"))
    );

    // An unknown flag, a missing argument, an extra one: what is wrong, the usage, exit 2.
    for (args, says) in [
        (
            &["render", "--frobnicate", "x.md"][..],
            "unexpected argument '--frobnicate'",
        ),
        (&["check"][..], "required arguments were not provided"),
        (
            &["render", "a.md", "b.md"][..],
            "unexpected argument 'b.md'",
        ),
        (&["search", "content"][..], "<QUERY>"),
    ] {
        let out = papershelf(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("Usage:"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

/// Copies the files of `from` into `to`, folders and all.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every `href` and `src` value in `html`.
fn urls_in(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            urls.push(rest[..rest.find('"').unwrap_or(rest.len())].to_string());
        }
    }
    urls
}

/// `site` as the app's build leaves it for `publish`: `papershelf-build.json`,
/// what the build made (scripts/post-build.mjs writes it), with a style
/// sheet and an inline script as long as the real ones.
fn built(site: &Path) {
    let build = serde_json::json!({
        "boot": "boot-0123456789abcdef.js",
        "lists": {"js": "papershelf-lists-1.js", "wasm": "papershelf-lists-1_bg.wasm"},
        "style": {"file": "style-2.css", "integrity": "sha384-x", "text": "p{margin:0}".repeat(2000)},
        "inline": "void 0;".repeat(1000),
    });
    std::fs::create_dir_all(site).unwrap();
    std::fs::write(site.join("papershelf-build.json"), build.to_string()).unwrap();
}

/// Drafts are not published, as Docusaurus builds none; under `trunk serve`
/// (a build with Trunk's reload script) the author still reads them.
#[test]
fn a_release_build_publishes_no_drafts() {
    let site = std::env::temp_dir().join(format!("papershelf-drafts-{}", std::process::id()));
    std::fs::remove_dir_all(&site).ok();
    let content = site.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(content.join("20250101.md"), "# Out\n").unwrap();
    std::fs::write(
        content.join("20250102.md"),
        "---\ndraft: true\n---\n# Not yet\n",
    )
    .unwrap();
    built(&site);
    let build = site.join("papershelf-build.json");
    let mut served: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&build).unwrap()).unwrap();
    served["reload"] = serde_json::json!("void 0;");
    std::fs::write(&build, served.to_string()).unwrap();
    let out = papershelf(&["publish", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        content.join("20250102.md").is_file(),
        "served: the author reads the draft"
    );
    built(&site);
    let out = papershelf(&["publish", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!content.join("20250102.md").exists(), "released: no draft");
    assert!(content.join("20250101.md").is_file());
    std::fs::remove_dir_all(&site).ok();
}

/// A link written for the Docusaurus site (a blog post's date path, a doc's
/// `id:`) still opens the post on a static host: its page is written there too.
#[test]
fn publish_writes_a_post_page_at_each_docusaurus_address() {
    let site = std::env::temp_dir().join(format!("papershelf-aliases-{}", std::process::id()));
    std::fs::remove_dir_all(&site).ok();
    let content = site.join("content");
    std::fs::create_dir_all(content.join("blog")).unwrap();
    std::fs::create_dir_all(content.join("guides")).unwrap();
    std::fs::write(
        content.join("blog/2021-08-26-welcome.md"),
        "# Welcome\n\nHello.\n",
    )
    .unwrap();
    std::fs::write(
        content.join("guides/02-install.md"),
        "---\nid: setup\n---\n# Install\n",
    )
    .unwrap();
    built(&site);
    let out = papershelf(&[
        "publish",
        site.to_str().unwrap(),
        "--site-url",
        "https://x.org/r",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let own =
        std::fs::read_to_string(site.join("docs/blog/2021-08-26-welcome/index.html")).unwrap();
    let alias = std::fs::read_to_string(site.join("docs/blog/2021/08/26/welcome/index.html"))
        .expect("a page at the blog post's date path");
    for page in [&own, &alias] {
        assert!(
            page.contains("<meta name=\"papershelf-post\" content=\"blog/2021-08-26-welcome.md\">")
        );
        assert!(page.contains(
            "<link rel=\"canonical\" href=\"https://x.org/r/docs/blog/2021-08-26-welcome/\">"
        ));
    }
    assert!(own.contains("<base href=\"../../../\">"), "{own}");
    assert!(
        alias.contains("<base href=\"../../../../../../\">"),
        "{alias}"
    );
    assert!(
        site.join("docs/guides/setup/index.html").is_file(),
        "a doc's id"
    );
    assert!(
        site.join("docs/guides/install/index.html").is_file(),
        "without its number"
    );
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(
        !sitemap.contains("2021/08/26"),
        "the sitemap lists each post once: {sitemap}"
    );
    std::fs::remove_dir_all(&site).ok();
}

#[test]
fn publish_writes_feeds_that_a_feed_reader_reads() {
    let site = std::env::temp_dir().join(format!("papershelf-publish-{}", std::process::id()));
    std::fs::remove_dir_all(&site).ok();
    copy_dir(&here("../../content"), &site.join("content"));
    // A built site has its index (a clean checkout's content/ has none).
    let out = papershelf(&["index", site.join("content").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    built(&site);
    let settings = site.join("content/papershelf.toml");
    let root = site.to_str().unwrap();

    // Without a URL: no feeds, one line saying why and what to do.
    std::fs::write(&settings, "title = \"Paper reviews\"\n").unwrap();
    let out = papershelf(&["publish", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("set `url`") || stderr(&out).contains("Set `url`"),
        "{}",
        stderr(&out)
    );
    assert!(!site.join("atom.xml").exists());
    assert!(!site.join("sitemap.xml").exists());
    let page = site.join("docs/papers/y2025/nov/20251106/index.html");
    let html = std::fs::read_to_string(&page).expect("post pages are written without a URL too");
    assert!(
        !html.contains("rel=\"canonical\""),
        "no absolute URL to give"
    );
    assert!(html.contains("<base href=\"../../../../../\">"), "{html}");

    std::fs::write(
        &settings,
        "title = \"Reviews <&> \\\"quoted\\\"\"\ndescription = \"Papers, read daily\"\nfeed_limit = 3\n",
    )
    .unwrap();
    let base = "http://127.0.0.1:9/sub/";
    let out = papershelf(&["publish", root, "--site-url", "http://127.0.0.1:9/sub"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let newest: Vec<String> = {
        let index: serde_json::Value =
            serde_json::from_slice(&std::fs::read(site.join("content/index.json")).unwrap())
                .unwrap();
        index["posts"].as_array().unwrap()[..3]
            .iter()
            .map(|p| {
                p["path"]
                    .as_str()
                    .unwrap()
                    .trim_end_matches(".md")
                    .to_string()
            })
            .collect()
    };
    for (file, kind) in [
        ("atom.xml", feed_rs::model::FeedType::Atom),
        ("rss.xml", feed_rs::model::FeedType::RSS2),
        ("feed.json", feed_rs::model::FeedType::JSON),
    ] {
        let feed = feed_rs::parser::parse(&std::fs::read(site.join(file)).unwrap()[..])
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(feed.feed_type, kind, "{file}");
        assert_eq!(
            feed.title.as_ref().unwrap().content,
            "Reviews <&> \"quoted\"",
            "{file}"
        );
        assert_eq!(feed.entries.len(), 3, "{file}: feed_limit");
        let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        let expected: Vec<String> = newest.iter().map(|p| format!("{base}docs/{p}/")).collect();
        assert_eq!(ids, expected, "{file}: the page URLs, newest first");
        for e in &feed.entries {
            assert!(
                e.published.is_some() || e.updated.is_some(),
                "{file}: {} has a date",
                e.id
            );
            assert_eq!(e.links[0].href, e.id, "{file}: the link is the page");
            let body = e
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .unwrap_or_default();
            assert!(body.contains("<h2"), "{file}: the full post: {body}");
            assert!(!body.to_lowercase().contains("<script"), "{file}");
            for url in urls_in(&body) {
                assert!(
                    ["http://", "https://", "mailto:", "data:image/"]
                        .iter()
                        .any(|s| url.starts_with(s)),
                    "{file}: {} has a relative URL: {url}",
                    e.id
                );
            }
        }
        if kind == feed_rs::model::FeedType::Atom {
            let own = feed
                .links
                .iter()
                .find(|l| l.rel.as_deref() == Some("self"))
                .unwrap();
            assert_eq!(own.href, format!("{base}atom.xml"));
        }
    }
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains(&format!(
            "<link rel=\"canonical\" href=\"{base}docs/papers/y2025/nov/20251106/\">"
        )),
        "{html}"
    );
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let indexed = serde_json::from_slice::<serde_json::Value>(
        &std::fs::read(site.join("content/index.json")).unwrap(),
    )
    .unwrap()["posts"]
        .as_array()
        .unwrap()
        .len();
    let papers = sitemap.matches("/paper/").count();
    assert_eq!(
        sitemap.matches("<loc>").count(),
        indexed + papers,
        "every post page and every paper page"
    );
    assert!(papers > 30, "{papers} paper pages");
    assert!(
        sitemap.contains(&format!(
            "<loc>{base}docs/papers/y2025/nov/20251106/</loc><lastmod>2025-11-06</lastmod>"
        )),
        "{sitemap}"
    );
    // SAM 3, reviewed twice (by its abstract, then its Hugging Face page):
    // one page, dated by its newest review, with what Zotero and Scholar read.
    assert!(
        sitemap.contains(&format!(
            "<loc>{base}paper/2511.16719/</loc><lastmod>2025-11-24</lastmod>"
        )),
        "{sitemap}"
    );
    let paper = std::fs::read_to_string(site.join("paper/2511.16719/index.html")).unwrap();
    for want in [
        "<base href=\"../../\">".to_string(),
        "<meta name=\"papershelf-paper\" content=\"2511.16719\">".to_string(),
        "<meta name=\"citation_title\" content=\"SAM 3\">".to_string(),
        "<meta name=\"citation_arxiv_id\" content=\"2511.16719\">".to_string(),
        "<meta name=\"citation_publication_date\" content=\"2025/11\">".to_string(),
        "<meta name=\"citation_pdf_url\" content=\"https://arxiv.org/pdf/2511.16719\">".to_string(),
        format!("<link rel=\"canonical\" href=\"{base}paper/2511.16719/\">"),
        format!("<meta property=\"og:url\" content=\"{base}paper/2511.16719/\">"),
        "<meta property=\"og:title\" content=\"SAM 3\">".to_string(),
        // Its reviews, newest first, in the noscript summary, linking to their post pages.
        format!("<a href=\"{base}docs/papers/y2025/nov/20251124/#4-sam-3-meta\">2025-11-24 papers review</a><p>코드가 공개되어 다시 읽음."),
        format!("<a href=\"{base}docs/papers/y2025/nov/20251120/#2-sam-3-meta\">2025-11-20 papers review</a>"),
    ] {
        assert!(paper.contains(&want), "{want} in {paper}");
    }
    assert_eq!(paper.matches("<meta charset").count(), 1);
    // A paper's page is light (no first view to draw): the style sheet's
    // file, not its text, and no inline script.
    assert!(!paper.contains("<style id=\"papershelf-style\">") && !paper.contains("<script>"));
    assert!(
        paper.contains("<link rel=\"stylesheet\" href=\"./"),
        "{paper}"
    );
    assert!(paper.len() < 24 * 1024, "{} bytes", paper.len());
    // Preview images, drawn by publish for each post, 1200×630, at most
    // 300 KB (WhatsApp's limit), beside its page; a paper's page shows its
    // newest review's.
    for (page, png) in [
        (
            "docs/papers/y2025/nov/20251106/index.html",
            "docs/papers/y2025/nov/20251106/preview.png",
        ),
        (
            "paper/2511.16719/index.html",
            "docs/papers/y2025/nov/20251124/preview.png",
        ),
    ] {
        let bytes = std::fs::read(site.join(png)).expect("a preview image");
        assert!(bytes.starts_with(b"\x89PNG"), "{png}");
        assert!(bytes.len() <= 300 * 1024, "{png}: {} bytes", bytes.len());
        let size = imagesize::blob_size(&bytes).unwrap();
        assert_eq!((size.width, size.height), (1200, 630), "{png}");
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        for want in [
            format!("<meta property=\"og:image\" content=\"{base}{png}\">"),
            "<meta property=\"og:image:width\" content=\"1200\">".to_string(),
            "<meta name=\"twitter:card\" content=\"summary_large_image\">".to_string(),
        ] {
            assert!(html.contains(&want), "{want} in {page}");
        }
    }
    // A post's own `image:` (Docusaurus's social card) still wins: nothing is drawn for it.
    let own = site.join("content/papers/y2025/nov/20251120.md");
    let text = std::fs::read_to_string(&own).unwrap();
    std::fs::write(
        &own,
        format!("---\nimage: ./asset/blog_20251120_img0.png\n---\n{text}"),
    )
    .unwrap();
    let out = papershelf(&["publish", root, "--site-url", "http://127.0.0.1:9/sub"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page =
        std::fs::read_to_string(site.join("docs/papers/y2025/nov/20251120/index.html")).unwrap();
    assert!(
        page.contains(&format!("<meta property=\"og:image\" content=\"{base}content/papers/y2025/nov/asset/blog_20251120_img0.png\">")),
        "{page}"
    );
    assert!(!page.contains("20251120/preview.png"), "{page}");
    std::fs::write(&own, text).unwrap();
    // Drawn once: a second publish with the same cache draws nothing new;
    // a post whose words changed is drawn again, alone.
    let cache = site.join("previews-cache");
    let publish = || {
        let out = papershelf(&[
            "publish",
            root,
            "--site-url",
            "http://127.0.0.1:9/sub",
            "--cache",
            cache.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    let cached = || std::fs::read_dir(&cache).map_or(0, |d| d.count());
    publish();
    let first = cached();
    assert_eq!(first, 14, "an image per post");
    publish();
    assert_eq!(cached(), first, "nothing changed, nothing drawn");
    let post = site.join("content/papers/y2025/nov/20251124.md");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(&post, text.replace("[Olmo 3]", "[Olmo 3.1]")).unwrap();
    publish();
    assert_eq!(cached(), first + 1, "its preview, drawn again, alone");
    assert!(paper.find("<meta charset").unwrap() < 1024);
    // A paper without an arXiv id: no arXiv id, no PDF that is not one.
    let olmo = std::fs::read_dir(site.join("paper"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("olmo-3-"))
        .expect("a page named by its title and a hash");
    let olmo = std::fs::read_to_string(site.join("paper").join(olmo).join("index.html")).unwrap();
    assert!(olmo.contains("<meta name=\"citation_title\" content=\"Olmo 3\">"));
    assert!(!olmo.contains("citation_arxiv_id") && !olmo.contains("citation_pdf_url"));
    // A feed per tag, as many entries as the limit allows, each carrying the tag.
    let meta = feed_rs::parser::parse(&std::fs::read(site.join("tags/meta/atom.xml")).unwrap()[..])
        .unwrap();
    assert!(
        !meta.entries.is_empty() && meta.entries.len() <= 3,
        "{}",
        meta.entries.len()
    );
    // Named in the site's language (this site's is the default, Korean).
    assert_eq!(
        meta.title.unwrap().content,
        "Reviews <&> \"quoted\": meta 태그"
    );
    for e in &meta.entries {
        assert!(
            e.categories
                .iter()
                .any(|c| c.term.eq_ignore_ascii_case("meta")),
            "{}",
            e.id
        );
    }
    assert!(
        meta.links
            .iter()
            .any(|l| l.rel.as_deref() == Some("self")
                && l.href == format!("{base}tags/meta/atom.xml"))
    );
    let rss = std::fs::read_to_string(site.join("rss.xml")).unwrap();
    assert!(
        rss.contains(&format!("<atom:link href=\"{base}rss.xml\" rel=\"self\"")),
        "{rss}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("feed.json")).unwrap()).unwrap();
    assert_eq!(json["feed_url"], format!("{base}feed.json"));

    // The page links the three, once, however often it is published.
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    for (kind, file) in [
        ("atom+xml", "atom.xml"),
        ("rss+xml", "rss.xml"),
        ("feed+json", "feed.json"),
    ] {
        assert!(
            html.contains(&format!("type=\"application/{kind}\""))
                && html.contains(&format!("href=\"{file}\"")),
            "{html}"
        );
    }
    assert!(
        html.contains("title=\"Reviews &lt;&amp;&gt; &quot;quoted&quot; (Atom)\""),
        "{html}"
    );
    // Where the post pages are, for the app's "copy link" controls.
    assert!(
        html.contains(&format!(
            "<meta name=\"papershelf-pages\" content=\"{base}docs/\">"
        )),
        "{html}"
    );
    papershelf(&["publish", root, "--site-url", base]);
    assert_eq!(
        std::fs::read_to_string(site.join("index.html")).unwrap(),
        html
    );

    // Every post when the limit is 0; a bad URL is refused.
    std::fs::write(&settings, "feed_limit = 0\n").unwrap();
    assert!(papershelf(&["publish", root, "--site-url", base])
        .status
        .success());
    let all = feed_rs::parser::parse(&std::fs::read(site.join("atom.xml")).unwrap()[..]).unwrap();
    let posts = serde_json::from_slice::<serde_json::Value>(
        &std::fs::read(site.join("content/index.json")).unwrap(),
    )
    .unwrap()["posts"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(all.entries.len(), posts);
    let out = papershelf(&["publish", root, "--site-url", "example.org/blog"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--site-url"), "{}", stderr(&out));
    std::fs::remove_dir_all(&site).ok();
}

#[test]
fn check_reports_a_bad_settings_file() {
    let dir = std::env::temp_dir().join(format!("papershelf-settings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("20250101.md"), "# A post\n").unwrap();
    std::fs::write(
        dir.join("papershelf.toml"),
        "title = \"Mine\"\nurl = \"not a url\"\ncolour = \"red\"\n",
    )
    .unwrap();
    let out = papershelf(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("papershelf.toml:2: error: `not a url` is not an absolute"),
        "{text}"
    );
    assert!(
        text.contains("papershelf.toml:3: error: unknown key `colour`"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn odd_posts_never_break_a_feed_a_page_or_the_build_and_check_names_each() {
    let site = std::env::temp_dir().join(format!("papershelf-odd-{}", std::process::id()));
    std::fs::remove_dir_all(&site).ok();
    let content = site.join("content");
    std::fs::create_dir_all(content.join("노트")).unwrap();
    std::fs::write(content.join("untitled.md"), "Just text, no heading.\n").unwrap();
    let long_title = "가".repeat(1000);
    std::fs::write(
        content.join("노트/a b.md"),
        format!(
            "---\ntitle: \"{long_title}\"\ndate: 2025-11-07\ntags: [\"<b>&amp;\", \"한국어 태그\"]\n---\n\nBody \u{1} with a control character, and ]]> too.\n\n![missing](./asset/nope.png)\n"
        ),
    )
    .unwrap();
    built(&site);

    let out = papershelf(&["check", content.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    // A page outside the paper folders (a doc) has no date, and is not told to.
    assert!(
        !report.contains("untitled.md:1: warning: no date"),
        "{report}"
    );
    for says in [
        "untitled.md:1: warning: no title",
        "a b.md:1: warning: the title is 1000 characters",
        "a b.md:1: warning: tag `<b>&amp;` has HTML characters",
        "a b.md:1: warning: the file name has ` `",
        "a b.md:7: warning: control character U+0001",
        "a b.md:9: error: `노트/asset/nope.png` does not exist",
    ] {
        assert!(report.contains(says), "{says} in {report}");
    }
    assert!(
        !report.contains("한국어 태그"),
        "a Korean tag is a good tag: {report}"
    );

    let base = "https://x.org/sub/";
    let out = papershelf(&["publish", site.to_str().unwrap(), "--site-url", base]);
    assert!(out.status.success(), "{}", stderr(&out));
    for file in ["atom.xml", "rss.xml", "feed.json"] {
        let bytes = std::fs::read(site.join(file)).unwrap();
        let feed = feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(feed.entries.len(), 2, "{file}");
        assert!(!bytes.contains(&1u8), "{file}: no control character");
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.contains("%EB%85%B8%ED%8A%B8/a%20b/"),
            "{file}: the encoded page URL"
        );
        let body = feed
            .entries
            .iter()
            .find_map(|e| e.content.as_ref()?.body.clone())
            .unwrap_or_default();
        assert!(
            feed.entries.iter().any(|e| e
                .content
                .as_ref()
                .and_then(|c| c.body.as_deref())
                .is_some_and(|b| b.contains("]]&gt;") || b.contains("]]>"))),
            "{file}: {body}"
        );
    }
    let page = std::fs::read_to_string(site.join("docs/노트/a b/index.html")).unwrap();
    let og_title = page
        .split("<meta property=\"og:title\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    assert_eq!(og_title.chars().count(), 90, "{og_title}");
    assert!(og_title.ends_with('…') && og_title.starts_with("가가"));
    assert!(site.join("docs/untitled/index.html").is_file());
    let korean =
        std::fs::read(site.join("tags/한국어-태그/atom.xml")).expect("a Korean tag has its feed");
    let korean = feed_rs::parser::parse(&korean[..]).unwrap();
    assert_eq!(korean.entries.len(), 1);
    assert!(korean.links.iter().any(|l| l
        .href
        .ends_with("tags/%ED%95%9C%EA%B5%AD%EC%96%B4-%ED%83%9C%EA%B7%B8/atom.xml")));
    std::fs::remove_dir_all(&site).ok();
}

#[test]
fn init_guesses_from_a_docusaurus_config_and_never_overwrites() {
    let site = std::env::temp_dir().join(format!("papershelf-init-{}", std::process::id()));
    let docs = site.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        site.join("docusaurus.config.js"),
        "// The author's Docusaurus site.\nconst config = {\n  title: 'Paper Notes',\n  tagline: '매일 읽은 논문',\n  url: 'https://kim.github.io',\n  baseUrl: '/notes/',\n  i18n: { defaultLocale: 'ko', locales: ['ko'] },\n  themeConfig: { navbar: { title: 'Notes' } },\n};\nmodule.exports = config;\n",
    )
    .unwrap();
    let out = papershelf(&["init", docs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = docs.join("papershelf.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    for line in [
        "title = \"Paper Notes\"",
        "description = \"매일 읽은 논문\"",
        "url = \"https://kim.github.io/notes/\"",
        "language = \"ko\"",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
    // What `check` reads from it: no problem.
    std::fs::write(docs.join("20251106.md"), "# A post\n").unwrap();
    let check = papershelf(&["check", docs.to_str().unwrap()]);
    assert!(
        !stdout(&check).contains("papershelf.toml"),
        "{}",
        stdout(&check)
    );
    // A second run changes nothing and says so.
    std::fs::write(&file, "title = \"Edited by hand\"\n").unwrap();
    let again = papershelf(&["init", docs.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "title = \"Edited by hand\"\n"
    );
    // Without a config and a terminal: the defaults and flags, the URL left to set.
    let bare = std::env::temp_dir().join(format!("papershelf-init-bare-{}", std::process::id()));
    std::fs::create_dir_all(&bare).unwrap();
    let out = papershelf(&["init", bare.to_str().unwrap(), "--title", "Bare"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(bare.join("papershelf.toml")).unwrap();
    assert!(
        text.contains("title = \"Bare\"") && text.contains("# url = "),
        "{text}"
    );
    assert!(stderr(&out).contains("no public URL yet"));
    std::fs::remove_dir_all(&site).ok();
    std::fs::remove_dir_all(&bare).ok();
}

#[test]
fn index_draws_each_post_ahead_and_drops_drawings_of_posts_gone() {
    let tmp = std::env::temp_dir().join(format!("papershelf-index-drawn-{}", std::process::id()));
    let posts = tmp.join("papers/y2025/nov");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::write(
        posts.join("20251120.md"),
        "# New\n\n## 1. [MIRA](https://x.org) `meta`\n\nBody <b onclick=\"x()\">bold</b>.\n",
    )
    .unwrap();
    std::fs::write(posts.join("20251101.mdx"), "# Old\n\nText.\n").unwrap();
    assert!(papershelf(&["index", tmp.to_str().unwrap()])
        .status
        .success());
    let read = |stem: &str| -> serde_json::Value {
        let file = tmp.join("_papershelf/drawn").join(format!("{stem}.json"));
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap()
    };
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.join("index.json")).unwrap()).unwrap();
    let drawn = read("papers/y2025/nov/20251120");
    // The version, the file's content hash (as index.json gives it), the
    // header, and the body after the title: the allow-list already applied.
    assert_eq!(drawn["version"], 1);
    assert_eq!(drawn["hash"], index["posts"][0]["hash"]);
    assert_eq!(drawn["post"]["title"], "New");
    assert_eq!(
        drawn["post"]["entries"][0]["tags"],
        serde_json::json!(["meta"])
    );
    let body = drawn["body"].to_string();
    assert!(body.starts_with(r#"[["h2",["id","1-mira-meta"],"1. ",["a",["href",{"kind":"external","url":"https://x.org"}"#), "{body}");
    assert!(
        body.contains(r#"["b",[],"bold"]"#) && !body.contains("onclick"),
        "{body}"
    );
    assert_eq!(drawn.get("image"), None, "no image in the post");
    // An `.mdx` post is drawn under its stem, as its route names it, with
    // the URL of its first image (as the image's own `src` has it).
    std::fs::write(
        posts.join("20251101.mdx"),
        "# Old\n\n![a figure](<./asset/그림 1.png>)\n\n![b](./asset/b.png)\n",
    )
    .unwrap();
    assert!(papershelf(&["index", tmp.to_str().unwrap()])
        .status
        .success());
    assert_eq!(
        read("papers/y2025/nov/20251101")["image"],
        "content/papers/y2025/nov/asset/그림%201.png"
    );
    assert_eq!(
        read("papers/y2025/nov/20251101")["post"]["path"],
        "papers/y2025/nov/20251101.mdx"
    );
    // A post deleted: its drawing goes at the next index.
    std::fs::remove_file(posts.join("20251101.mdx")).unwrap();
    assert!(papershelf(&["index", tmp.to_str().unwrap()])
        .status
        .success());
    assert!(!tmp
        .join("_papershelf/drawn/papers/y2025/nov/20251101.json")
        .exists());
    assert!(tmp
        .join("_papershelf/drawn/papers/y2025/nov/20251120.json")
        .exists());
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn index_lists_who_cites_each_post_and_says_how_long_that_took() {
    let tmp = std::env::temp_dir().join(format!("papershelf-index-cited-{}", std::process::id()));
    let posts = tmp.join("papers/y2025/nov");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::write(
        posts.join("20251101.md"),
        "# Old\n\n## 1. [MIRA](https://arxiv.org/abs/2511.00001) `meta`\n\nText.\n",
    )
    .unwrap();
    std::fs::write(
        posts.join("20251120.md"),
        "# New\n\n## 1. [Next](https://x.org) `meta`\n\n- 앞서 본 [MIRA 리뷰](./20251101.md#1-mira-meta)의 후속.\n",
    )
    .unwrap();
    let out = papershelf(&["index", tmp.to_str().unwrap(), "--timings"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("papershelf: timings: read and parse ")
            && stderr(&out).contains(" ms, cited-by "),
        "{}",
        stderr(&out)
    );
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.join("index.json")).unwrap()).unwrap();
    assert_eq!(index["posts"][1]["path"], "papers/y2025/nov/20251101.md");
    assert_eq!(index["posts"][1]["cited"], 1);
    assert_eq!(
        index["posts"][0].get("cited"),
        None,
        "nothing cites the new one"
    );
    let cited: serde_json::Value = serde_json::from_slice(
        &std::fs::read(tmp.join("_papershelf/cited/papers/y2025/nov/20251101.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        cited,
        serde_json::json!({"version": 1, "citations": [{
            "from": "papers/y2025/nov/20251120.md", "title": "New", "date": "2025-11-20",
            "at": "1-next-meta", "anchor": "1-mira-meta",
            "before": "앞서 본 ", "text": "MIRA 리뷰", "after": "의 후속."
        }]})
    );
    assert!(!tmp
        .join("_papershelf/cited/papers/y2025/nov/20251120.json")
        .exists());
    // The citing post gone: so is the list.
    std::fs::remove_file(posts.join("20251120.md")).unwrap();
    assert!(papershelf(&["index", tmp.to_str().unwrap()])
        .status
        .success());
    assert!(!tmp
        .join("_papershelf/cited/papers/y2025/nov/20251101.json")
        .exists());
    std::fs::remove_dir_all(&tmp).ok();
}

/// Files of an author's Docusaurus folder that share names with what older
/// papershelf builds wrote (`search/`, `drawn/`): a category named "search"
/// is plausible on a paper-review site.
fn authors_own_files(root: &Path) -> Vec<(&'static str, &'static [u8])> {
    let files: Vec<(&'static str, &'static [u8])> = vec![
        (
            "search/20251101.md",
            b"# Search engines, reviewed\n\nText.\n",
        ),
        ("search/data.bin", b"\x00\x01 the author's bytes"),
        ("search/manifest.json", b"{\"mine\": \"search manifest\"}\n"),
        ("drawn/20251102.md", b"# Drawn papers\n\nText.\n"),
        (
            "drawn/20251102.json",
            b"{\"version\": 1, \"hash\": \"x\", \"body\": []}\n",
        ),
        ("drawn/notes.json", b"{\"mine\": true}\n"),
        ("papers/y2025/nov/20251120.md", b"# New\n\nText.\n"),
    ];
    for (rel, bytes) in &files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    files
}

#[test]
fn index_in_place_changes_no_file_it_did_not_write() {
    let tmp = std::env::temp_dir().join(format!("papershelf-index-own-{}", std::process::id()));
    std::fs::remove_dir_all(&tmp).ok();
    let files = authors_own_files(&tmp);
    for _ in 0..2 {
        let out = papershelf(&["index", tmp.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        for (rel, bytes) in &files {
            assert_eq!(
                &std::fs::read(tmp.join(rel)).unwrap(),
                bytes,
                "{rel} is unchanged"
            );
        }
    }
    // The author's posts in search/ and drawn/ are posts, drawn in _papershelf/.
    let index = std::fs::read_to_string(tmp.join("index.json")).unwrap();
    assert!(
        index.contains("\"search/20251101.md\"") && index.contains("\"drawn/20251102.md\""),
        "{index}"
    );
    assert!(tmp.join("_papershelf/drawn/search/20251101.json").exists());
    assert!(tmp.join("_papershelf/search/manifest.json").exists());
    // What it wrote, it lists; nothing else.
    let written: Vec<String> =
        serde_json::from_slice(&std::fs::read(tmp.join("_papershelf/written.json")).unwrap())
            .unwrap();
    assert!(written.contains(&"index.json".to_string()), "{written:?}");
    assert!(
        written
            .iter()
            .all(|w| w == "index.json" || w.starts_with("_papershelf/")),
        "{written:?}"
    );
    // A post gone: its drawing goes, the author's files stay.
    std::fs::remove_file(tmp.join("drawn/20251102.md")).unwrap();
    assert!(papershelf(&["index", tmp.to_str().unwrap()])
        .status
        .success());
    assert!(!tmp.join("_papershelf/drawn/drawn/20251102.json").exists());
    assert_eq!(
        std::fs::read(tmp.join("drawn/20251102.json")).unwrap(),
        files[4].1
    );
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn index_refuses_to_replace_a_file_it_did_not_write() {
    let tmp = std::env::temp_dir().join(format!("papershelf-index-refuse-{}", std::process::id()));
    std::fs::remove_dir_all(&tmp).ok();
    std::fs::create_dir_all(tmp.join("_papershelf")).unwrap();
    std::fs::write(tmp.join("a.md"), "# A\n").unwrap();
    // An index.json of someone else's (an older papershelf wrote one without a list).
    std::fs::write(tmp.join("index.json"), "{\"theirs\": true}").unwrap();
    let out = papershelf(&["index", tmp.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("index.json is there and papershelf did not write it"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(tmp.join("index.json")).unwrap(),
        "{\"theirs\": true}"
    );
    // A list naming a post cannot make `index` delete it.
    std::fs::remove_file(tmp.join("index.json")).unwrap();
    std::fs::write(tmp.join("_papershelf/written.json"), "[\"a.md\", \"../x\"]").unwrap();
    assert!(papershelf(&["index", tmp.to_str().unwrap()])
        .status
        .success());
    assert!(tmp.join("a.md").exists());
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn every_page_publish_writes_has_its_charset_in_the_first_1024_bytes() {
    let site = std::env::temp_dir().join(format!("papershelf-charset-{}", std::process::id()));
    std::fs::remove_dir_all(&site).ok();
    copy_dir(&here("../../content"), &site.join("content"));
    // A post whose title and description fill a head on their own.
    let long = "아주 긴 제목과 설명 ".repeat(40);
    std::fs::write(
        site.join("content/papers/y2025/nov/20251130.md"),
        format!("---\ntitle: {long}\ndescription: {long}\ndate: 2025-11-30\n---\n\n## 1. [Paper](https://arxiv.org/abs/2511.00001) `org`\n\nText.\n"),
    )
    .unwrap();
    assert!(
        papershelf(&["index", site.join("content").to_str().unwrap()])
            .status
            .success()
    );
    // What the build made (a style sheet as long as the real one): publish writes index.html from it.
    built(&site);
    let out = papershelf(&[
        "publish",
        site.to_str().unwrap(),
        "--site-url",
        "https://you.github.io/reviews/",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut pages = Vec::new();
    let mut stack = vec![site.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                pages.push(path);
            }
        }
    }
    assert!(pages.len() > 10, "the post pages were written: {pages:?}");
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let at = html.find("<meta charset=\"utf-8\">").unwrap_or(usize::MAX);
        assert!(at < 1024, "{}: <meta charset> at byte {at}", page.display());
        assert_eq!(
            html.matches("<meta charset").count(),
            1,
            "{}",
            page.display()
        );
    }
    std::fs::remove_dir_all(&site).ok();
}
