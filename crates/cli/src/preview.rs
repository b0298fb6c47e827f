//! A preview image per post and per paper page (`og:image`): a 1200×630 PNG
//! with the site's title, the post's date and its paper titles (as many as
//! fit), drawn natively from a Korean font's outlines, never by a browser.
//! Hangul syllables and Latin letters need no shaping: each character is its
//! glyph, set by its advance. Drawn once per content: an image whose words
//! were drawn before is read back from the cache folder (`publish --cache`).

use std::path::{Path, PathBuf};
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};

/// The image's size, as Open Graph and link previews expect it.
pub const WIDTH: u32 = 1200;
/// See [`WIDTH`].
pub const HEIGHT: u32 = 630;
/// Bumped when the drawing changes, so cached images are drawn again.
const DRAWING_VERSION: u32 = 1;
/// The margin around what is drawn.
const MARGIN: f32 = 72.0;

/// Where a Korean font is looked for when `PAPERSHELF_FONT` names none
/// (Debian's `fonts-noto-cjk`: Noto Sans CJK, whose KR face is used).
const FONTS: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
];

/// What draws previews: a font with Hangul, and where drawn images are kept.
pub struct Previews {
    font: Vec<u8>,
    face: u32,
    cache: Option<PathBuf>,
}

/// What one preview shows.
pub struct Card<'a> {
    /// The site's title, at the top.
    pub site: &'a str,
    /// The line under it (the post's date, as the site writes dates).
    pub subtitle: &'a str,
    /// The lines below (each paper's number and title, or the post's title).
    pub lines: &'a [String],
    /// What the last line says when not every line fits (`외 {n}편`), with
    /// `{n}` the number left out.
    pub more: &'a str,
}

impl Previews {
    /// A drawer with the font `PAPERSHELF_FONT` names, else the first of
    /// [`FONTS`]; images kept in `cache` when given. An error says what to install.
    pub fn find(cache: Option<&Path>) -> Result<Previews, String> {
        let named = std::env::var_os("PAPERSHELF_FONT").map(PathBuf::from);
        let candidates: Vec<PathBuf> = named
            .clone()
            .into_iter()
            .chain(FONTS.iter().map(PathBuf::from))
            .collect();
        for path in &candidates {
            let Ok(font) = std::fs::read(path) else {
                continue;
            };
            if let Some(face) = korean_face(&font) {
                return Ok(Previews {
                    font,
                    face,
                    cache: cache.map(Path::to_path_buf),
                });
            }
        }
        Err(match named {
            Some(p) => format!(
                "PAPERSHELF_FONT={} is not a font with Hangul (a .ttf, .otf or .ttc)",
                p.display()
            ),
            None => "no Korean font for the preview images: install fonts-noto-cjk \
                     (Debian, Ubuntu) or set PAPERSHELF_FONT to a .ttf, .otf or .ttc with Hangul"
                .to_string(),
        })
    }

    /// The PNG of `card`: from the cache if those words were drawn before.
    pub fn png(&self, card: &Card) -> Result<Vec<u8>, String> {
        let kept = self
            .cache
            .as_ref()
            .map(|dir| dir.join(format!("{}.png", card_key(card))));
        if let Some(bytes) = kept.as_ref().and_then(|f| std::fs::read(f).ok()) {
            return Ok(bytes);
        }
        let bytes = self.draw(card)?;
        if let Some(file) = kept {
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
            std::fs::write(&file, &bytes)
                .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        }
        Ok(bytes)
    }

    /// Draws `card`.
    fn draw(&self, card: &Card) -> Result<Vec<u8>, String> {
        let face = ttf_parser::Face::parse(&self.font, self.face)
            .map_err(|e| format!("the preview font cannot be read: {e}"))?;
        let mut pix = Pixmap::new(WIDTH, HEIGHT).ok_or("no room for a preview image")?;
        pix.fill(Color::from_rgba8(0xfb, 0xfb, 0xf9, 0xff));
        let mut accent = Paint::default();
        accent.set_color_rgba8(0x24, 0x58, 0xc6, 0xff);
        if let Some(bar) = Rect::from_xywh(0.0, 0.0, WIDTH as f32, 14.0) {
            pix.fill_rect(bar, &accent, Transform::identity(), None);
        }
        let ink = Color::from_rgba8(0x1a, 0x1a, 0x1a, 0xff);
        let muted = Color::from_rgba8(0x5f, 0x63, 0x68, 0xff);
        let width = WIDTH as f32 - 2.0 * MARGIN;
        let pen = Pen { face: &face };
        pen.line(
            &mut pix,
            &fit(&face, card.site, 44.0, width),
            MARGIN,
            118.0,
            44.0,
            ink,
        );
        pen.line(
            &mut pix,
            &fit(&face, card.subtitle, 30.0, width),
            MARGIN,
            172.0,
            30.0,
            muted,
        );
        // Lines 66 px apart from y = 262 down to the bottom margin.
        let rows = ((HEIGHT as f32 - 40.0 - 262.0) / 66.0) as usize + 1;
        let shown = if card.lines.len() > rows {
            rows - 1
        } else {
            card.lines.len()
        };
        for (i, line) in card.lines.iter().take(shown).enumerate() {
            let y = 262.0 + 66.0 * i as f32;
            pen.line(
                &mut pix,
                &fit(&face, line, 38.0, width),
                MARGIN,
                y,
                38.0,
                ink,
            );
        }
        if shown < card.lines.len() {
            let left = (card.lines.len() - shown).to_string();
            let more = card.more.replace("{n}", &left);
            let y = 262.0 + 66.0 * shown as f32;
            pen.line(&mut pix, &more, MARGIN, y, 32.0, muted);
        }
        pix.encode_png()
            .map_err(|e| format!("a preview image could not be encoded: {e}"))
    }
}

/// The face of `font` (a collection or one font) to draw with: the Korean
/// one of a CJK collection, else the first that has Hangul.
fn korean_face(font: &[u8]) -> Option<u32> {
    let count = ttf_parser::fonts_in_collection(font).unwrap_or(1);
    let faces: Vec<(u32, ttf_parser::Face)> = (0..count)
        .filter_map(|i| Some((i, ttf_parser::Face::parse(font, i).ok()?)))
        .filter(|(_, f)| f.glyph_index('한').is_some())
        .collect();
    let korean = faces.iter().find(|(_, f)| {
        f.names()
            .into_iter()
            .any(|n| n.to_string().is_some_and(|s| s.contains("KR")))
    });
    korean.or(faces.first()).map(|(i, _)| *i)
}

/// The cache name of `card`: a hash of everything drawn and of the drawing's version.
fn card_key(card: &Card) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(DRAWING_VERSION.to_le_bytes());
    for part in [card.site, card.subtitle, card.more]
        .into_iter()
        .chain(card.lines.iter().map(String::as_str))
    {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How wide `text` is at `size` px.
fn width_of(face: &ttf_parser::Face, text: &str, size: f32) -> f32 {
    let scale = size / f32::from(face.units_per_em());
    text.chars()
        .map(|c| match face.glyph_index(c) {
            Some(g) => f32::from(face.glyph_hor_advance(g).unwrap_or(0)) * scale,
            None => size * 0.5,
        })
        .sum()
}

/// `text` on one line at `size` px within `width`: cut with `…` if longer.
fn fit(face: &ttf_parser::Face, text: &str, size: f32, width: f32) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if width_of(face, &text, size) <= width {
        return text;
    }
    let ellipsis = width_of(face, "…", size);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = width_of(face, c.encode_utf8(&mut [0; 4]), size);
        if used + w + ellipsis > width {
            break;
        }
        used += w;
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// Sets text with one face's outlines.
struct Pen<'a> {
    face: &'a ttf_parser::Face<'a>,
}

impl Pen<'_> {
    /// Draws `text` with its baseline at (`x`, `y`), `size` px, in `color`.
    fn line(&self, pix: &mut Pixmap, text: &str, x: f32, y: f32, size: f32, color: Color) {
        let scale = size / f32::from(self.face.units_per_em());
        let mut paint = Paint::default();
        paint.set_color(color);
        paint.anti_alias = true;
        let mut at = x;
        for c in text.chars() {
            let Some(glyph) = self.face.glyph_index(c) else {
                at += size * 0.5;
                continue;
            };
            let mut outline = Outline(PathBuilder::new());
            if self.face.outline_glyph(glyph, &mut outline).is_some() {
                if let Some(path) = outline.0.finish() {
                    // Font units go up; the image's rows go down.
                    let place = Transform::from_row(scale, 0.0, 0.0, -scale, at, y);
                    pix.fill_path(&path, &paint, FillRule::Winding, place, None);
                }
            }
            at += f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) * scale;
        }
    }
}

/// A glyph's outline as a path.
struct Outline(PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y)
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y)
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y)
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y)
    }
    fn close(&mut self) {
        self.0.close()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card<'a>(subtitle: &'a str, lines: &'a [String]) -> Card<'a> {
        Card {
            site: "논문 노트",
            subtitle,
            lines,
            more: "외 {n}편",
        }
    }

    fn pixels(png: &[u8]) -> Pixmap {
        Pixmap::decode_png(png).expect("a PNG")
    }

    #[test]
    fn korean_is_drawn_as_its_letters_not_as_boxes() {
        let previews = Previews::find(None).expect("make test installs fonts-noto-cjk");
        let lines = vec!["1. 공간 지각".to_string()];
        let a = previews.draw(&card("가나다라", &lines)).unwrap();
        let b = previews.draw(&card("마바사아", &lines)).unwrap();
        let (a, b) = (pixels(&a), pixels(&b));
        assert_eq!((a.width(), a.height()), (WIDTH, HEIGHT));
        // Boxes for missing glyphs would draw two strings of one length alike.
        assert_ne!(a.data(), b.data(), "two Korean lines, two drawings");
        let inked = a.pixels().iter().filter(|p| p.red() < 0x80).count();
        assert!(inked > 2_000, "text is drawn: {inked} dark pixels");
    }

    #[test]
    fn as_many_papers_as_fit_then_how_many_more() {
        let previews = Previews::find(None).expect("a Korean font");
        let many: Vec<String> = (1..=12).map(|i| format!("{i}. 논문 제목 {i}")).collect();
        let few: Vec<String> = many[..5].to_vec();
        let png = previews.draw(&card("2025년 11월 24일", &many)).unwrap();
        assert!(png.len() <= 300 * 1024, "{} bytes", png.len());
        // A title longer than the line is cut, not drawn past the margin.
        let long = vec!["1. ".to_string() + &"아주 긴 제목 ".repeat(30)];
        let drawn = pixels(&previews.draw(&card("", &long)).unwrap());
        let right_margin_ink = (262 - 40..262 + 10)
            .flat_map(|y| (WIDTH - 60..WIDTH).map(move |x| (x, y)))
            .filter(|(x, y)| drawn.pixel(*x, *y).is_some_and(|p| p.red() < 0x80))
            .count();
        assert_eq!(right_margin_ink, 0, "nothing in the right margin");
        assert_ne!(
            previews.draw(&card("", &many)).unwrap(),
            previews.draw(&card("", &few)).unwrap()
        );
    }

    #[test]
    fn drawn_once_then_read_from_the_cache() {
        let dir = std::env::temp_dir().join(format!("papershelf-previews-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        let previews = Previews::find(Some(&dir)).expect("a Korean font");
        let lines = vec!["1. A".to_string()];
        let first = previews.png(&card("2025", &lines)).unwrap();
        let kept: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(kept.len(), 1);
        // The cached bytes are what is used: a second call never draws.
        let file = kept[0].as_ref().unwrap().path();
        std::fs::write(&file, b"kept").unwrap();
        assert_eq!(previews.png(&card("2025", &lines)).unwrap(), b"kept");
        assert_ne!(
            previews.png(&card("2026", &lines)).unwrap(),
            first,
            "other words, drawn"
        );
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
        std::fs::remove_dir_all(&dir).ok();
    }
}
