//! Math at KaTeX's level: of the formulas in `tests/math/corpus.tex` (written
//! for KaTeX, one per line, KaTeX renders every one), at least 99.5% render
//! as MathML with no error and no command left as text. The figure is printed
//! (`cargo test --test math_coverage -- --nocapture`) for the closing notes.
#![cfg(feature = "math")]

use papershelf_core::math::render;

#[test]
fn katex_formulas_render_as_mathml() {
    let corpus = include_str!("math/corpus.tex");
    let formulas: Vec<&str> = corpus
        .lines()
        .filter(|l| !l.starts_with('%') && !l.trim().is_empty())
        .collect();
    let mut failed = Vec::new();
    for tex in &formulas {
        for display in [false, true] {
            match render(tex, display) {
                Ok(mathml) if leaks_a_command(&mathml) => {
                    failed.push(format!("{tex}  [shown as text: {mathml}]"))
                }
                Ok(_) => {}
                Err(why) => failed.push(format!("{tex}  [{why}]")),
            }
        }
    }
    let total = formulas.len() * 2;
    let rate = 100.0 * (total - failed.len()) as f64 / total as f64;
    println!(
        "math coverage: {} of {total} renders ({rate:.2}%); not rendered:\n  {}",
        total - failed.len(),
        failed.join("\n  ")
    );
    assert!(formulas.len() >= 500, "the corpus lost formulas");
    assert!(
        rate >= 99.5,
        "{rate:.2}% < 99.5%:\n  {}",
        failed.join("\n  ")
    );
}

/// Whether MathML text (outside tags) still holds TeX: a `\command`,
/// `\,`, or an operator's name with its `*{`.
fn leaks_a_command(mathml: &str) -> bool {
    mathml.split('<').any(|piece| {
        let text = piece.split_once('>').map_or("", |(_, t)| t);
        // `\backslash` and `\setminus` draw a backslash: its own `<mo>`.
        (text.contains('\\') && text.trim() != "\\") || text.contains("*{")
    })
}

#[test]
fn a_formula_that_fails_names_the_command() {
    let why = render(r"a \foo b", false).unwrap_err();
    assert_eq!(why, "unknown command `\\foo`");
}
