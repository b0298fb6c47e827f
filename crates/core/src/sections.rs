//! A post as the search index takes it: one section for its text before the
//! first paper entry, then one per entry. Text only, never markup, URLs or
//! imports. The index writer (`papershelf index`) and the browser (for the
//! snippets under a result) read posts into sections with this one function.

/// One searchable section of a post, as text (never markup, URLs or imports).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The paper's title, or the post's title.
    pub title: String,
    /// The paper's subtitle.
    pub subtitle: String,
    /// Tags, each as written.
    pub tags: Vec<String>,
    /// Headings and text, blocks separated by new lines.
    pub body: String,
}

/// A post's sections, as the index takes them: its text before the first
/// paper entry (with the post's title and tags), then each entry's title,
/// subtitle, tags and text up to the next entry. Text only: no markup, no
/// URLs, no imports (the MDX pre-pass has hidden them).
pub fn sections_of(parsed: &crate::post::ParsedPost) -> Vec<Section> {
    use crate::doc::Node;
    let post = &parsed.post;
    let mut sections = vec![Section {
        title: post.title.clone(),
        tags: post.tags.clone(),
        ..Section::default()
    }];
    let mut entries = post.entries.iter().peekable();
    let mut skip_subtitle = false;
    for node in parsed.doc().after_title() {
        if let Node::Element(e) = node {
            // Headings carry the entry's anchor as the policy writes ids.
            let starts_entry = e.tag() == "h2"
                && entries.peek().is_some_and(|entry| {
                    e.attr("id") == Some(crate::policy::safe_id(&entry.anchor).as_str())
                });
            if starts_entry {
                let entry = entries.next().expect("peeked");
                sections.push(Section {
                    title: entry.title.clone(),
                    subtitle: entry.subtitle.clone().unwrap_or_default(),
                    tags: entry.tags.clone(),
                    body: String::new(),
                });
                skip_subtitle = entry.subtitle.is_some();
                continue;
            }
            if skip_subtitle && e.tag() == "h3" {
                skip_subtitle = false;
                continue;
            }
        }
        skip_subtitle = false;
        let text = node.plain_text();
        let text = text.trim();
        if !text.is_empty() {
            let body = &mut sections.last_mut().expect("one section at least").body;
            if !body.is_empty() {
                body.push('\n');
            }
            body.push_str(text);
        }
    }
    // A description from the front matter is the author's summary; one
    // taken from the first paragraph is already in its entry's text.
    if sections[0].body.is_empty() && parsed.authored_description {
        sections[0].body = post.description.clone();
    }
    sections
}

/// The first lines of the review under the entry whose heading is
/// `anchor` (a paper page's excerpt of each review): its text up to
/// `max_chars` characters, cut at a word and ended with `…` when longer.
/// `None` when the post has no such entry.
pub fn entry_lead(
    parsed: &crate::post::ParsedPost,
    anchor: &str,
    max_chars: usize,
) -> Option<String> {
    let at = parsed
        .post
        .entries
        .iter()
        .position(|e| e.anchor == anchor)?;
    let sections = sections_of(parsed);
    let body = &sections.get(at + 1)?.body;
    Some(cut(&body.replace('\n', " "), max_chars))
}

/// `text` up to `max` characters, cut after the last whole word and ended
/// with `…` when it was longer.
fn cut(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    let head = match head.rfind(char::is_whitespace) {
        Some(i) if i > head.len() / 2 => &head[..i],
        _ => head.as_str(),
    };
    format!("{}…", head.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post::Post;

    #[test]
    fn a_post_is_its_preamble_and_one_section_per_entry() {
        let parsed = Post::parse(
            "papers/y2025/nov/20251106.md",
            "import a from './asset/a.png';\n\n# 2025-11-06 papers review\n\nIntro **text**.\n\n\
             ## 1. [MIRA](https://example.org/mira) `bytedance`\n### Visual CoT\n\n\
             시각적 사고가 [필요](https://example.org/x)하다.\n\n<img src={a} />\n\n\
             ## 2. [Glyph](https://example.org/glyph)\n\nText.\n",
        );
        let s = sections_of(&parsed);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].title, "2025-11-06 papers review");
        assert_eq!(s[0].body, "Intro text.");
        assert_eq!(s[1].title, "MIRA");
        assert_eq!(s[1].subtitle, "Visual CoT");
        assert_eq!(s[1].tags, ["bytedance"]);
        assert_eq!(s[1].body, "시각적 사고가 필요하다.");
        assert_eq!(s[2].body, "Text.");
        assert!(s
            .iter()
            .all(|s| !s.body.contains("http") && !s.body.contains("import")));
    }

    #[test]
    fn an_entry_lead_is_its_first_words() {
        let parsed = Post::parse(
            "papers/a.md",
            "# Day\n\n## 1. [A](https://example.org/a)\n\n첫 문단은 짧다.\n\n둘째 문단은 조금 더 길게 쓴 문장이다.\n\n## 2. [B](https://example.org/b)\n",
        );
        assert_eq!(
            entry_lead(&parsed, "1-a", 200).as_deref(),
            Some("첫 문단은 짧다. 둘째 문단은 조금 더 길게 쓴 문장이다.")
        );
        assert_eq!(
            entry_lead(&parsed, "1-a", 16).as_deref(),
            Some("첫 문단은 짧다. 둘째…")
        );
        assert_eq!(entry_lead(&parsed, "2-b", 200).as_deref(), Some(""));
        assert_eq!(entry_lead(&parsed, "9-none", 200), None);
    }

    #[test]
    fn a_description_is_searched_once() {
        let without = "# Review

## 1. [A](https://example.org/a)

The entry's text.
";
        let s = sections_of(&Post::parse("papers/a.md", without));
        assert_eq!(s[0].body, "", "the first paragraph stays in its entry");
        let with = format!("---\ndescription: A summary by the author\n---\n{without}");
        let s = sections_of(&Post::parse("papers/a.md", &with));
        assert_eq!(s[0].body, "A summary by the author");
    }
}
