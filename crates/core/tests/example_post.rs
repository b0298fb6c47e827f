//! The author's real post (`shared/format/example-post.md`, kept outside this
//! repository), rendered as Docusaurus 3.10 renders it. The expected values
//! come from `shared/format/FORMAT.md`.

use papershelf_core::doc::{HashLinker, Target};
use papershelf_core::html::to_html;
use papershelf_core::post::Post;
use std::path::PathBuf;

fn example() -> Option<String> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/format/example-post.md");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: {} not found", path.display());
            None
        }
        Err(e) => panic!(
            "CI must have shared/ beside the clone: {}: {e}",
            path.display()
        ),
    }
}

const PATH: &str = "papers/y2025/nov/20251106.md";

#[test]
fn heading_ids_match_docusaurus() {
    let Some(text) = example() else { return };
    let parsed = Post::parse(PATH, &text);
    let ids: Vec<&str> = parsed
        .rendered
        .headings
        .iter()
        .filter_map(|h| h.id.as_deref())
        .collect();
    assert_eq!(
        ids,
        [
            "0-dont-blind-your-vla",
            "aligning-visual-representations-for-ood-generalization",
            "1-when-visualizing-is-the-first-step-to-reasoning-mira-a-benchmark-for-visual-chain-of-thought-bytedance",
            "2-when-modalities-conflict",
            "how-unimodal-reasoning-uncertainty-governs-preference-dynamics-in-mllms",
            "3-the-collaboration-gap-microsoft",
            "4-can-visual-input-be-compressed",
            "a-visual-token-compression-benchmark-for-large-multimodal-models",
            "5-ltd-bench-tencent",
            "evaluating-large-language-models-by-letting-them-draw",
            "6-reg-dpo-bytedance",
            "sft-regularized-direct-preference-optimization-with-gt-pair-for-improving-video-generation",
        ]
    );
    assert_eq!(
        parsed.rendered.headings[0].id, None,
        "the # title has no id"
    );
}

#[test]
fn seven_entries_with_tags_and_subtitles() {
    let Some(text) = example() else { return };
    let post = Post::parse(PATH, &text).post;
    assert_eq!(post.title, "2025-11-06 papers review");
    assert_eq!(post.date, "2025-11-06");
    let e = &post.entries;
    assert_eq!(e.len(), 7);
    assert_eq!(
        e.iter().map(|e| e.number).collect::<Vec<_>>(),
        (0..7).map(Some).collect::<Vec<_>>()
    );
    assert_eq!(e[0].title, "Don't Blind Your VLA");
    assert_eq!(
        e[0].subtitle.as_deref(),
        Some("Aligning Visual Representations for OOD Generalization")
    );
    assert_eq!(
        e[0].url.as_deref(),
        Some("https://huggingface.co/papers/2510.25616")
    );
    assert!(e[0].tags.is_empty());
    assert_eq!(e[1].tags, ["bytedance"]);
    assert_eq!(e[1].subtitle, None);
    assert_eq!(e[3].title, "THE COLLABORATION GAP");
    assert_eq!(e[3].tags, ["microsoft"]);
    assert_eq!(e[5].tags, ["tencent"]);
    assert_eq!(
        e[5].subtitle.as_deref(),
        Some("Evaluating Large Language Models by Letting Them Draw")
    );
    assert_eq!(e[6].title, "Reg-DPO");
    assert_eq!(e[6].tags, ["bytedance"]);
    assert_eq!(e[6].anchor, "6-reg-dpo-bytedance");
}

#[test]
fn imports_hidden_and_three_images_resolved_with_widths() {
    let Some(text) = example() else { return };
    let parsed = Post::parse(PATH, &text);
    let html = to_html(
        parsed.doc(),
        &HashLinker {
            content_base: "content/".into(),
        },
    );
    assert!(!html.contains("import"), "import lines must not be shown");
    // The JSX images have no alt text: each is named for its paper, and
    // `check` says so.
    for (n, paper) in [
        (2, "Don't Blind Your VLA"),
        (0, "Can Visual Input Be Compressed?"),
        (1, "LTD-Bench"),
    ] {
        // The first image loads at once, the others when scrolled to.
        let img = if n == 2 {
            format!(
                r#"<img src="content/papers/y2025/nov/asset/blog_20251106_img{n}.png" style="width:500px" alt="Figure for {paper}" fetchpriority="high">"#
            )
        } else {
            format!(
                r#"<img src="content/papers/y2025/nov/asset/blog_20251106_img{n}.png" loading="lazy" style="width:500px" alt="Figure for {paper}">"#
            )
        };
        assert!(html.contains(&img), "missing image {n} in:\n{html}");
    }
    assert_eq!(html.matches("<img").count(), 3);
    assert_eq!(html.matches(r#"alt="Figure for "#).count(), 3);
    let warnings: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(
        warnings
            .iter()
            .all(|w| w.contains("image without alt text")),
        "{warnings:?}"
    );
}

#[test]
fn cross_post_link_is_routed_and_external_links_open_a_new_tab() {
    let Some(text) = example() else { return };
    let parsed = Post::parse(PATH, &text);
    assert_eq!(
        parsed.rendered.post_links[0].0,
        Target::Post {
            path: "papers/y2025/oct/20251029.md".into(),
            anchor: Some("latent-sketchpad-sketching-visual-thoughts-to-elicit-multimodal-reasoning-in-mllms-microsoft".into())
        }
    );
    let html = to_html(
        parsed.doc(),
        &HashLinker {
            content_base: "content/".into(),
        },
    );
    assert!(html.contains(r##"<a href="#/post/papers/y2025/oct/20251029?id=latent-sketchpad-sketching-visual-thoughts-to-elicit-multimodal-reasoning-in-mllms-microsoft">Latent Sketchpad</a>"##));
    assert!(html.contains(r#"<a href="https://huggingface.co/papers/2511.02779" target="_blank" rel="noopener noreferrer">"#));
    assert!(html.contains("<strong>MIRA 벤치마크</strong> 제안"));
}
