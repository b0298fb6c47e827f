//! A page per reviewed paper, `paper/<key>/index.html` (the key of
//! `crate::paper_id::key`), made from the built `index.html` as a post's
//! page is (`crate::page`): what reference managers read (`citation_title`,
//! `citation_arxiv_id`, `citation_pdf_url`, `citation_publication_date`, as
//! Zotero and Google Scholar take them), Open Graph and a canonical URL, a
//! `<noscript>` summary of its reviews, and `<meta name="papershelf-paper">`
//! so the boot script opens the app at `#/paper/<key>`.

use crate::catalog::Paper;
use crate::feed::{ascii_url, page_url, xml_text};
use crate::messages::Messages;
use crate::page::{fill, truncate};
use crate::paper_id::{arxiv_id, submitted};
use crate::site::Site;

/// Where the page of the paper named `key` goes, relative to the site's root.
///
/// ```
/// use papershelf_core::paper_page::paper_file;
/// assert_eq!(paper_file("2511.16719"), "paper/2511.16719/index.html");
/// assert_eq!(paper_file("hep-th/9901001"), "paper/hep-th/9901001/index.html");
/// ```
pub fn paper_file(key: &str) -> String {
    format!("paper/{key}/index.html")
}

/// The absolute URL of the paper's page on the site at `url` (ending in `/`).
pub fn paper_url(url: &str, key: &str) -> String {
    ascii_url(&format!("{url}paper/{key}/"))
}

/// Where the paper can be read: its abstract and PDF for an arXiv paper,
/// else its own link when it is a web address.
fn pdf_url(paper: &Paper) -> Option<String> {
    match paper.url.as_deref().and_then(arxiv_id) {
        Some(id) => Some(format!("https://arxiv.org/pdf/{id}")),
        None => paper
            .url
            .as_deref()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .filter(|u| {
                u.split(['?', '#'])
                    .next()
                    .is_some_and(|p| p.ends_with(".pdf"))
            })
            .map(str::to_string),
    }
}

/// The page of `paper`, from the built `template`, in the words of `says`;
/// `leads` holds each review's first lines, in the order of its reviews
/// (`None` where its post could not say). `url` is the site's public URL;
/// `image` its preview image.
pub fn paper_page(
    template: &str,
    site: &Site,
    says: &Messages,
    url: Option<&str>,
    paper: &Paper,
    leads: &[Option<String>],
    image: Option<&crate::page::PageImage>,
) -> String {
    let a = xml_text;
    let depth = paper_file(&paper.key).matches('/').count();
    let base = "../".repeat(depth);
    let title = paper.title.trim();
    let lead = leads.iter().flatten().next().cloned().unwrap_or_default();
    let description = truncate(
        paper
            .subtitle
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(if lead.is_empty() { title } else { &lead }),
        160,
    );
    let own = url.map(|u| paper_url(u, &paper.key));
    let id = paper.url.as_deref().and_then(arxiv_id);

    let mut head = String::from("<meta charset=\"utf-8\">\n");
    head += &format!("  <base href=\"{}\">\n", a(&base));
    head += &format!(
        "  <title>{} · {}</title>\n",
        a(&truncate(title, 200)),
        a(&site.title)
    );
    head += &format!(
        "  <meta name=\"description\" content=\"{}\">\n",
        a(&description)
    );
    head += &format!(
        "  <meta name=\"papershelf-paper\" content=\"{}\">\n",
        a(&paper.key)
    );
    if let Some(own) = &own {
        head += &format!("  <link rel=\"canonical\" href=\"{}\">\n", a(own));
    }
    // What reference managers read.
    head += &format!(
        "  <meta name=\"citation_title\" content=\"{}\">\n",
        a(title)
    );
    if let Some(id) = &id {
        head += &format!(
            "  <meta name=\"citation_arxiv_id\" content=\"{}\">\n",
            a(id)
        );
        if let Some((year, month)) = submitted(id) {
            head += &format!(
                "  <meta name=\"citation_publication_date\" content=\"{year}/{month:02}\">\n"
            );
        }
    }
    if let Some(pdf) = pdf_url(paper) {
        head += &format!(
            "  <meta name=\"citation_pdf_url\" content=\"{}\">\n",
            a(&ascii_url(&pdf))
        );
    }
    head += &crate::page::open_graph(site, title, &description, own.as_deref(), image);
    if image.is_some() {
        head += "  <meta name=\"twitter:card\" content=\"summary_large_image\">\n";
    } else {
        head += "  <meta name=\"twitter:card\" content=\"summary\">\n";
    }

    let summary = summary(site, says, url, paper, leads, &base);
    lighter(&fill(template, &head, &summary, None))
}

/// `page` without what only a first view needs, as a paper's page has none
/// (the app draws it): the inline style sheet gives way to the style sheet's
/// file (the template's `papershelf-style-file`), and the inline script that
/// starts a first view goes (the boot module starts the app). A site of
/// 24,000 papers has 24,000 of these pages: a fifth of the size each.
fn lighter(page: &str) -> String {
    let mut page = page.to_string();
    let file = between(
        &page,
        "<template id=\"papershelf-style-file\">",
        "</template>",
    )
    .map(str::to_string);
    if let (Some(link), Some(start)) = (file, page.find("<style id=\"papershelf-style\">")) {
        if let Some(len) = page[start..].find("</style>") {
            page.replace_range(start..start + len + "</style>".len(), &link);
        }
    }
    // The inline script: the one `<script>` with no attributes.
    if let Some(start) = page.find("<script>") {
        if let Some(len) = page[start..].find("</script>") {
            page.replace_range(start..start + len + "</script>".len(), "");
        }
    }
    page
}

/// The text of `page` between `open` and the next `close`.
fn between<'a>(page: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = page.find(open)? + open.len();
    let len = page[start..].find(close)?;
    Some(&page[start..start + len])
}

/// The `<noscript>` summary: the title, where to read the paper, and every
/// review with its date, its first lines and a link to its post's page.
fn summary(
    site: &Site,
    says: &Messages,
    url: Option<&str>,
    paper: &Paper,
    leads: &[Option<String>],
    base: &str,
) -> String {
    let a = xml_text;
    let mut s = String::from("<noscript><article class=\"noscript-summary\">\n");
    s += &format!("    <h1>{}</h1>\n", a(paper.title.trim()));
    if let Some(sub) = &paper.subtitle {
        s += &format!("    <p>{}</p>\n", a(sub));
    }
    let sources = crate::paper_id::sources(paper.url.as_deref());
    if !sources.is_empty() {
        let links: Vec<String> = sources
            .iter()
            .map(|(label, href)| {
                format!(
                    "<a href=\"{}\">{}</a>",
                    a(&ascii_url(href)),
                    a(says.get(label))
                )
            })
            .collect();
        s += &format!("    <p>{}</p>\n", links.join(" · "));
    }
    s += &format!(
        "    <h2>{}</h2>\n    <ol>\n",
        a(&says.count("paper.reviews", paper.reviews.len(), &[]))
    );
    for (i, review) in paper.reviews.iter().enumerate() {
        let page = match url {
            Some(u) => page_url(u, &site.route_base, &review.post_path),
            None => format!(
                "{base}{}{}",
                ascii_url(&crate::links::encode_path(&site.route_base)),
                ascii_url(&crate::doc::post_page_path(&review.post_path))
            ),
        };
        let link = format!("{}#{}", page, crate::links::percent_encode(&review.anchor));
        s += &format!(
            "      <li><time datetime=\"{}\">{}</time> <a href=\"{}\">{}</a>",
            a(&review.date),
            a(&says.date(&review.date, false)),
            a(&link),
            a(&review.post_title)
        );
        if let Some(Some(lead)) = leads.get(i) {
            s += &format!("<p>{}</p>", a(lead));
        }
        s += "</li>\n";
    }
    s += "    </ol>\n";
    s += &format!(
        "    <p><a href=\"{}\">{}</a></p>\n",
        a(if base.is_empty() { "./" } else { base }),
        a(&site.title)
    );
    s += "  </article></noscript>\n";
    s
}
