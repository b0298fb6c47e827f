//! Generated posts for benchmarks and tests: the author's format at any size.

/// A post of about `bytes` bytes with paper entries, Korean and English prose,
/// images, links, code, a table and an admonition, as the author writes them.
pub fn generated_post(bytes: usize) -> String {
    let mut out =
        String::from("import img0 from './asset/img0.png';\n\n# Generated papers review\n\n");
    let mut n = 0;
    while out.len() < bytes {
        out.push_str(&format!(
            "## {n}. [Paper number {n}: a study of things](https://arxiv.org/abs/2511.{n:05}) `org{}` `topic{}`\n### Subtitle of paper {n}\n\n\
             모델이 **시각 정보**를 처리하는 방식을 분석한 논문. The authors show that *random* pruning is a strong baseline, \
             see [the earlier post](/docs/papers/y2025/oct/20251029.md#1-latent-sketchpad) and `code` spans.\n\n\
             <div style={{{{textAlign: 'center'}}}}>\n <img src={{img0}} style={{{{width: 500}}}} />\n</div>\n\n\
             | model | score |\n|---|--:|\n| a | {n} |\n\n:::note\nA note with a footnote.[^f{n}]\n:::\n\n[^f{n}]: Source {n}.\n\n",
            n % 40,
            n % 7
        ));
        n += 1;
    }
    out
}
