//! Parse-and-render throughput of the core, natively: every sample post, a
//! generated 100 KB post, and 1 MB and 8 MB of unclosed `<div>` lines. `make bench` reads the medians from
//! target/criterion/render/*/new/estimates.json.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use papershelf_core::doc::HashLinker;
use papershelf_core::html::to_html;
use papershelf_core::post::Post;
use std::path::Path;

fn render(path: &str, text: &str) -> usize {
    let parsed = Post::parse(path, text);
    to_html(
        parsed.doc(),
        &HashLinker {
            content_base: "content/".into(),
        },
    )
    .len()
}

fn samples() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push((
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                ));
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    let samples = samples();
    let total: usize = samples.iter().map(|(_, t)| t.len()).sum();
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("samples", |b| {
        b.iter(|| samples.iter().map(|(p, t)| render(p, t)).sum::<usize>())
    });
    let big = papershelf_core::sample::generated_post(100 * 1024);
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function("generated-100k", |b| {
        b.iter(|| render("papers/y2025/nov/20251106.md", &big))
    });
    group.finish();
    // Unclosed raw HTML at two sizes: time must grow with the input, not its
    // square (8 times the bytes, about 8 times the time).
    let mut group = c.benchmark_group("unclosed-div");
    group.sample_size(10);
    for mb in [1, 8] {
        let post = unclosed_divs(mb * 1024 * 1024);
        group.throughput(Throughput::Bytes(post.len() as u64));
        group.bench_function(format!("{mb}mb"), |b| {
            b.iter(|| render("papers/y2025/nov/20251106.md", &post))
        });
    }
    group.finish();
}

/// A post of `bytes` of unclosed `<div>` lines, the shape that once took
/// quadratic time (0.8 s at 960 KB, 7.4 s at 3.8 MB).
fn unclosed_divs(bytes: usize) -> String {
    let mut post = String::from("# Unclosed\n\n");
    while post.len() < bytes {
        post.push_str("<div>\n");
    }
    post
}

criterion_group!(benches, bench);
criterion_main!(benches);
