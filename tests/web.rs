//! Components in a real browser (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use papershelf_app::dom::render_into;
use papershelf_app::pages::home::PostList;
use papershelf_core::doc::HashLinker;
use papershelf_core::post::Post;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn container() -> web_sys::HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

#[wasm_bindgen_test]
async fn post_list_groups_posts_by_month_with_entry_tags() {
    let posts = vec![
        Post::parse(
            "papers/y2025/nov/20251120.md",
            "# Nov 20\n\n## 1. [SAM 3](https://x.org/sam3) `meta`\n",
        )
        .post,
        Post::parse(
            "papers/y2025/nov/20251106.md",
            "# Nov 6\n\n## 1. [A](https://x.org/a) `bytedance`\n",
        )
        .post,
        Post::parse("papers/y2025/oct/20251029.md", "# Oct 29\n").post,
    ];
    // The site's messages, as the page holds them (Korean: months as `2025년 11월`).
    let table = document().create_element("script").unwrap();
    table.set_id(papershelf_web::messages::ELEMENT_ID);
    table.set_attribute("type", "application/json").unwrap();
    table.set_text_content(Some(
        r#"{"month.title": "{year}년 {month}월", "month.10": "10", "month.11": "11", "date": "{year}년 {month}월 {day}일"}"#,
    ));
    document()
        .document_element()
        .unwrap()
        .append_child(&table)
        .unwrap();
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <PostList posts=posts/> });
    // The list is drawn into its element once that is mounted
    // (`papershelf_web::list`, the first view's builder too).
    papershelf_app::timing::yield_to_browser().await;
    let months: Vec<String> = texts(&root, ".month-title");
    assert_eq!(months, ["2025년 11월", "2025년 10월"]);
    assert_eq!(
        texts(&root, ".post-item time"),
        ["2025년 11월 20일", "2025년 11월 6일", "2025년 10월 29일"]
    );
    assert_eq!(texts(&root, ".post-title"), ["Nov 20", "Nov 6", "Oct 29"]);
    assert_eq!(texts(&root, ".entry .tag"), ["meta", "bytedance"]);
    let link = root.query_selector(".entry a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("#/post/papers/y2025/nov/20251120?id=1-sam-3-meta")
    );
}

#[wasm_bindgen_test]
fn hostile_markup_never_becomes_live_elements() {
    let text = "# T\n\n<script>window.__pwned = 1</script>\n\n<img src=x onerror=\"window.__pwned=1\">\n\n[x](javascript:alert(1))\n";
    let parsed = Post::parse("p/20250101.md", text);
    let root = container();
    render_into(
        &root,
        &parsed.doc().children,
        &HashLinker {
            content_base: "content/".into(),
        },
    );
    assert!(root.query_selector("script").unwrap().is_none());
    let img = root.query_selector("img").unwrap().unwrap();
    assert!(img.get_attribute("onerror").is_none());
    assert!(root
        .query_selector("a[href^='javascript']")
        .unwrap()
        .is_none());
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
fn the_search_engines_flat_answer_reads_back() {
    use papershelf_app::search::{read_hits, Hit};
    assert_eq!(
        read_hits(&[3, 2, 1, 0, 7, 0, 9, 1, 4]),
        [
            Hit {
                post: 3,
                sections: vec![1, 0]
            },
            Hit {
                post: 7,
                sections: vec![]
            },
            Hit {
                post: 9,
                sections: vec![4]
            },
        ]
    );
    assert_eq!(
        read_hits(&[3, 5, 1]),
        [Hit {
            post: 3,
            sections: vec![1]
        }]
    );
}

#[wasm_bindgen_test]
fn text_for_the_search_engine_is_composed_by_the_browser() {
    // 모델 typed on macOS: conjoining jamo.
    let nfd = "\u{1106}\u{1169}\u{1103}\u{1166}\u{11af}";
    assert_eq!(papershelf_app::search::nfc(nfd), "모델");
}
