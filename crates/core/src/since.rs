//! What a reader's last visit saw, to tell what is new since: the newest
//! date the site had and the posts of that date. The browser keeps it
//! (`papershelf_web::visit`); the rule lives here.

use crate::post::Post;

/// What the last visit saw: the newest date and the posts of that date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    /// The newest date (`2025-11-24`).
    pub date: String,
    /// The posts dated `date`.
    pub paths: Vec<String>,
}

impl Baseline {
    /// Read from its stored form: the date, then one path a line.
    pub fn parse(text: &str) -> Option<Baseline> {
        let mut lines = text.lines();
        let date = lines.next()?.trim();
        if date.len() < 10 {
            return None;
        }
        Some(Baseline {
            date: date.to_string(),
            paths: lines.map(str::to_string).collect(),
        })
    }

    /// Its stored form.
    pub fn to_text(&self) -> String {
        std::iter::once(self.date.as_str())
            .chain(self.paths.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// What a visit sees in `posts` (newest first): the newest date and the
    /// posts of that date. `None` when no post has a date.
    pub fn of<'a>(posts: impl IntoIterator<Item = &'a Post>) -> Option<Baseline> {
        let mut out: Option<Baseline> = None;
        for p in posts.into_iter().filter(|p| p.date.len() >= 10) {
            match &mut out {
                Some(b) if p.date == b.date => b.paths.push(p.path.clone()),
                Some(b) if p.date > b.date => {
                    *b = Baseline {
                        date: p.date.clone(),
                        paths: vec![p.path.clone()],
                    }
                }
                Some(_) => {}
                None => {
                    out = Some(Baseline {
                        date: p.date.clone(),
                        paths: vec![p.path.clone()],
                    })
                }
            }
        }
        out
    }

    /// Whether the post at `path`, dated `date`, came after this baseline.
    pub fn is_new(&self, path: &str, date: &str) -> bool {
        date.len() >= 10
            && (date > self.date.as_str()
                || date == self.date && !self.paths.iter().any(|p| p == path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(path: &str, date: &str) -> Post {
        Post {
            path: path.into(),
            date: date.into(),
            ..Post::default()
        }
    }

    #[test]
    fn new_is_after_the_newest_date_seen_or_on_it_and_unseen() {
        let seen = [
            post("a.md", "2025-11-20"),
            post("b.md", "2025-11-20"),
            post("c.md", "2025-11-10"),
        ];
        let b = Baseline::of(&seen).unwrap();
        assert_eq!(b.date, "2025-11-20");
        assert_eq!(b.paths, ["a.md", "b.md"]);
        assert_eq!(Baseline::parse(&b.to_text()), Some(b.clone()));
        assert!(b.is_new("d.md", "2025-11-24"));
        assert!(
            b.is_new("e.md", "2025-11-20"),
            "the same day, written later"
        );
        assert!(!b.is_new("a.md", "2025-11-20"));
        assert!(!b.is_new("old.md", "2025-01-01"));
        assert!(!b.is_new("doc.md", ""), "a doc has no date");
        assert_eq!(Baseline::parse(""), None, "a first visit");
        assert_eq!(Baseline::of(&[post("doc.md", "")]), None);
    }
}
