//! What parsing a post needs from its site beyond the post itself: the
//! paper folders, the authors (`authors.yml`) and the tags (`tags.yml`) as
//! a Docusaurus blog declares them. `papershelf` reads them from the content
//! folder; `papershelf publish` writes them into the page
//! (`<script type="application/json" id="papershelf-site">`), where the
//! browser reads them, so a post parses the same in both.
//!
//! ```yaml
//! # authors.yml
//! kim:
//!   name: Kim Minji
//!   title: Reviews papers on RL
//!   url: https://example.org
//!   image_url: /img/kim.png
//! ```
//!
//! ```yaml
//! # tags.yml
//! rl:
//!   label: Reinforcement learning
//!   description: Papers on RL, from bandits to RLHF.
//! ```

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use yaml_rust2::{Yaml, YamlLoader};

/// The folders whose posts review papers (`papers = ["papers/"]` in
/// `content/papershelf.toml`, the default): there, `## N. [Title](link)
/// \`org\`` headings are papers, listed on the papers page and filtered by
/// their tags. Elsewhere a post's `## 1. Intro` is a section like any other.
/// A post's front matter `papers: true` or `false` overrides its folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperFolders(pub Vec<String>);

/// The folder whose posts review papers when the site names none.
pub const DEFAULT_PAPER_FOLDER: &str = "papers/";

impl Default for PaperFolders {
    fn default() -> Self {
        PaperFolders(vec![DEFAULT_PAPER_FOLDER.to_string()])
    }
}

impl PaperFolders {
    /// Whether the post at `path` reviews papers: its front matter's
    /// `papers:` if it has one, else whether it is in one of the folders (a
    /// folder `""` or `"/"` holds every post).
    pub fn holds(&self, path: &str, front_matter: Option<bool>) -> bool {
        front_matter.unwrap_or_else(|| {
            self.0.iter().any(|folder| {
                let folder = folder.trim_start_matches("./").trim_matches('/');
                folder.is_empty()
                    || path
                        .strip_prefix(folder)
                        .is_some_and(|rest| rest.starts_with('/'))
            })
        })
    }
}

/// The id of the page's element holding the context (JSON), when it is not the default.
pub const CONTEXT_ID: &str = "papershelf-site";

/// One author, as `authors.yml` or a post's front matter describes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// Their name.
    pub name: String,
    /// What they do ("Docusaurus maintainer").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A page about them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Their picture: a URL, or a path as a post's images are written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
}

/// A tag as `tags.yml` describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagInfo {
    /// What the tag is shown as.
    pub label: String,
    /// What it is about, shown on the tags page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The site's part in parsing a post.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// The folders whose posts review papers.
    #[serde(default)]
    pub papers: PaperFolders,
    /// The authors by key (`authors.yml`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub authors: BTreeMap<String, Author>,
    /// The tags by key (`tags.yml`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, TagInfo>,
}

/// A YAML mapping's text field.
fn text(y: &Yaml, key: &str) -> Option<String> {
    match &y[key] {
        Yaml::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Yaml::Integer(i) => Some(i.to_string()),
        _ => None,
    }
}

/// The mapping at the top of a YAML file, or what is wrong.
fn mapping(file: &str, yaml: &str) -> Result<Vec<(String, Yaml)>, String> {
    let docs =
        YamlLoader::load_from_str(yaml).map_err(|e| format!("{file} is not valid YAML: {e}"))?;
    match docs.into_iter().next() {
        None => Ok(Vec::new()),
        Some(Yaml::Hash(h)) => Ok(h
            .into_iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v)))
            .collect()),
        Some(_) => Err(format!("{file} must be a mapping of keys to entries")),
    }
}

impl Author {
    /// An author as YAML gives one (`name`, `title`, `url`, `image_url`),
    /// else `None` (no name).
    pub fn from_yaml(y: &Yaml) -> Option<Author> {
        Some(Author {
            name: text(y, "name")?,
            title: text(y, "title"),
            url: text(y, "url"),
            image_url: text(y, "image_url").or_else(|| text(y, "imageURL")),
        })
    }
}

impl Context {
    /// Reads `authors.yml`: its authors by key, or what is wrong.
    pub fn read_authors(yaml: &str) -> Result<BTreeMap<String, Author>, String> {
        Ok(mapping("authors.yml", yaml)?
            .into_iter()
            .filter_map(|(key, y)| Some((key, Author::from_yaml(&y)?)))
            .collect())
    }

    /// Reads `tags.yml`: its tags by key, or what is wrong.
    pub fn read_tags(yaml: &str) -> Result<BTreeMap<String, TagInfo>, String> {
        Ok(mapping("tags.yml", yaml)?
            .into_iter()
            .map(|(key, y)| {
                let info = TagInfo {
                    label: text(&y, "label").unwrap_or_else(|| key.clone()),
                    description: text(&y, "description"),
                };
                (key, info)
            })
            .collect())
    }

    /// The tag `tag` is shown as: its `tags.yml` label, else itself.
    pub fn tag_label(&self, tag: &str) -> String {
        self.tags
            .get(tag)
            .map_or_else(|| tag.to_string(), |t| t.label.clone())
    }

    /// What `tags.yml` says of the tag labelled `label`, if it does.
    pub fn tag_info(&self, label: &str) -> Option<&TagInfo> {
        self.tags
            .values()
            .find(|t| t.label.eq_ignore_ascii_case(label))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_and_tags_files_as_docusaurus_writes_them() {
        let authors = Context::read_authors(
            "kim:\n  name: Kim Minji\n  title: Reviews RL\n  image_url: /img/kim.png\nnoname:\n  title: x\n",
        )
        .unwrap();
        assert_eq!(authors.len(), 1, "an author without a name is left out");
        assert_eq!(authors["kim"].image_url.as_deref(), Some("/img/kim.png"));
        let tags = Context::read_tags(
            "rl:\n  label: Reinforcement learning\n  description: RL papers\nbare: {}\n",
        )
        .unwrap();
        let c = Context {
            tags,
            ..Context::default()
        };
        assert_eq!(c.tag_label("rl"), "Reinforcement learning");
        assert_eq!(c.tag_label("bare"), "bare");
        assert_eq!(c.tag_label("other"), "other");
        assert_eq!(
            c.tag_info("reinforcement learning")
                .and_then(|t| t.description.as_deref()),
            Some("RL papers")
        );
        assert!(Context::read_tags("- a\n- b\n").is_err());
    }
}
