//! A reviewed paper as a BibTeX entry, built from what the review gives (its
//! title, its link, the arXiv id in the link) with no network: an `@misc`
//! with `title`, `eprint`, `archivePrefix = {arXiv}`, the year and month the
//! id was submitted in, and `url`.
//!
//! ```
//! use papershelf_core::bibtex::entry;
//! let bib = entry("Visual Spatial Tuning", Some("https://arxiv.org/pdf/2511.05491v1"));
//! assert!(bib.starts_with("@misc{arxiv2511.05491,\n"));
//! assert!(bib.contains("  eprint = {2511.05491},\n  archivePrefix = {arXiv},\n"));
//! assert!(bib.contains("  year = {2025},\n  month = {nov},\n"));
//! ```

use crate::paper_id::{arxiv_id, key, submitted};

/// BibTeX's month macros, January first.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `text` as a braced BibTeX value: LaTeX's special characters escaped, and
/// braces kept balanced (an unbalanced brace ends a BibTeX value early).
fn value(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URL as a BibTeX value: only braces and backslashes could break it.
fn url_value(url: &str) -> String {
    url.chars()
        .filter(|c| !matches!(c, '{' | '}' | '\\') && !c.is_control())
        .collect()
}

/// The citation key: `arxiv<id>` for an arXiv paper (`/` of an old-style id
/// as `-`), else the paper's address name (`crate::paper_id::key`).
fn cite_key(title: &str, url: Option<&str>) -> String {
    match url.and_then(arxiv_id) {
        Some(id) => format!("arxiv{}", id.replace('/', "-")),
        None => key(url, title)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect(),
    }
}

/// The `@misc` entry of a paper titled `title` at `url`.
pub fn entry(title: &str, url: Option<&str>) -> String {
    let mut fields = vec![("title", format!("{{{}}}", value(title.trim())))];
    let id = url.and_then(arxiv_id);
    if let Some(id) = &id {
        fields.push(("eprint", id.clone()));
        fields.push(("archivePrefix", "arXiv".to_string()));
        if let Some((year, month)) = submitted(id) {
            fields.push(("year", year.to_string()));
            fields.push(("month", MONTHS[month as usize - 1].to_string()));
        }
    }
    match (&id, url) {
        (Some(id), _) => fields.push(("url", format!("https://arxiv.org/abs/{id}"))),
        (None, Some(url)) => fields.push(("url", url_value(url))),
        (None, None) => {}
    }
    let mut out = format!("@misc{{{},\n", cite_key(title, url));
    for (name, text) in fields {
        out.push_str(&format!("  {name} = {{{text}}},\n"));
    }
    out.push('}');
    out
}

/// The entries of several papers, one after another, blank lines between.
pub fn entries<'a>(papers: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> String {
    papers
        .into_iter()
        .map(|(title, url)| entry(title, url))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arxiv_paper_from_any_of_its_links() {
        let want = "@misc{arxiv2510.25616,\n  title = {{Don't Blind Your VLA}},\n  eprint = {2510.25616},\n  archivePrefix = {arXiv},\n  year = {2025},\n  month = {oct},\n  url = {https://arxiv.org/abs/2510.25616},\n}";
        for url in [
            "https://huggingface.co/papers/2510.25616",
            "https://arxiv.org/pdf/2510.25616v2.pdf",
            "https://www.alphaxiv.org/abs/2510.25616",
        ] {
            assert_eq!(entry("Don't Blind Your VLA", Some(url)), want, "{url}");
        }
    }

    #[test]
    fn an_old_style_id_and_a_paper_without_one() {
        let old = entry("Strings", Some("https://arxiv.org/abs/hep-th/9901001"));
        assert!(old.starts_with("@misc{arxivhep-th-9901001,\n"), "{old}");
        assert!(old.contains("year = {1999},\n  month = {jan},"), "{old}");
        let web = entry("A Blog Paper", Some("https://example.org/p?a=1"));
        assert!(
            web.contains("  url = {https://example.org/p?a=1},\n"),
            "{web}"
        );
        assert!(!web.contains("eprint") && !web.contains("year"), "{web}");
        assert!(entry("제목만 있는 논문", None).contains("title = {{제목만 있는 논문}}"));
    }

    #[test]
    fn a_title_cannot_break_out_of_its_value() {
        let bib = entry("50% of {Everything} & A_b \\end", None);
        assert!(
            bib.contains("title = {{50\\% of \\{Everything\\} \\& A\\_b \\textbackslash{}end}}"),
            "{bib}"
        );
        let braces =
            bib.chars().filter(|c| *c == '{').count() as i64 - bib.matches("\\{").count() as i64;
        let closes =
            bib.chars().filter(|c| *c == '}').count() as i64 - bib.matches("\\}").count() as i64;
        assert_eq!(braces, closes, "balanced: {bib}");
        assert!(entry("x", Some("https://e.org/}\n@misc{evil"))
            .contains("url = {https://e.org/@miscevil}"));
    }

    #[test]
    fn several_papers_at_once() {
        let all = entries([("A", Some("https://arxiv.org/abs/2511.00001")), ("B", None)]);
        assert_eq!(all.matches("@misc{").count(), 2);
        assert!(all.contains("}\n\n@misc{"));
    }
}
