//! What stands for an `<iframe>` (a YouTube video, a slide deck): papershelf
//! never loads another site's page inside a post, so the renderer
//! (`render.rs`) writes a card that links to it instead:
//!
//! ```html
//! <span class="embed-card"><a href="https://www.youtube.com/watch?v=ID" target="_blank" rel="noopener noreferrer">Talk title</a></span>
//! ```

/// The `class` of the card.
pub const CARD_CLASS: &str = "embed-card";

/// The page to link to for an embed's `url`: a YouTube embed's watch page
/// (`youtube.com/embed/ID`, `youtube-nocookie.com/embed/ID`), else the URL itself.
pub fn page_of(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    for host in ["youtube.com/embed/", "youtube-nocookie.com/embed/"] {
        if let Some(id) = rest.strip_prefix(host) {
            let id: String = id
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                .collect();
            if !id.is_empty() {
                return format!("https://www.youtube.com/watch?v={id}");
            }
        }
    }
    url.to_string()
}

/// Whether an iframe's `title` names the player rather than what it plays
/// (YouTube's embed code says "YouTube video player").
pub fn is_generic_title(title: &str) -> bool {
    let t = title.to_ascii_lowercase();
    t.ends_with("video player") || t == "youtube" || t == "embed" || t == "iframe"
}

/// An address as a card shows it: without its scheme and `www.`.
pub fn shown(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    rest.strip_prefix("www.").unwrap_or(rest).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_youtube_embed_links_to_its_watch_page() {
        assert_eq!(
            page_of("https://www.youtube.com/embed/dQw4w9WgXcQ?si=x"),
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
        );
        assert_eq!(
            page_of("https://www.youtube-nocookie.com/embed/abc_-1"),
            "https://www.youtube.com/watch?v=abc_-1"
        );
        assert_eq!(
            page_of("https://player.vimeo.com/video/1"),
            "https://player.vimeo.com/video/1"
        );
        assert!(is_generic_title("YouTube video player"));
        assert!(!is_generic_title("Docusaurus 3.0 launch"));
        assert_eq!(
            shown("https://www.youtube.com/watch?v=a"),
            "youtube.com/watch?v=a"
        );
    }
}
