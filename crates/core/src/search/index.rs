//! The search index: every term's postings (the sections it is in, and how
//! often, weighted by field), split into pieces by term range so a query
//! fetches only the pieces its terms fall in.
//!
//! Layout, written by `papershelf index` under `content/_papershelf/search/`:
//! - `manifest.json` ([`Manifest`]): the format version, how many posts and
//!   sections were indexed, and each piece's first term and file name. Piece
//!   names carry a hash of their bytes, so a piece can be cached for good and
//!   an edited post never shows through a stale piece.
//! - `<hash>.bin`: a [`Piece`], terms in order, each with, for each section
//!   it is in, its frequency weighted by field. There are no positions: a
//!   quoted phrase asks for its words' join terms (see [`super::text`]).
//!
//! Sections are numbered in `index.json`'s order: for each post, first its
//! text before the first paper entry (with the post's title, tags and
//! description), then one section per paper entry. A term's position tells
//! its field: the title from 0, the subtitle from [`FIELD_STRIDE`], the
//! tags from twice that, the body from three times that.

use super::text::{normalize, text_terms, Term};
pub use crate::sections::{sections_of, Section};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The search index format version this build reads and writes.
pub const SEARCH_VERSION: u32 = 2;

/// Positions a field may take; the rest of a very long body is not indexed.
pub const FIELD_STRIDE: u32 = 1 << 16;

/// The fields of a section, in position order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A paper's title, or the post's title for its first section.
    Title,
    /// The `### ` line under a paper heading.
    Subtitle,
    /// The entry's and the post's tags.
    Tags,
    /// Headings and text.
    Body,
}

impl Field {
    const ALL: [Field; 4] = [Field::Title, Field::Subtitle, Field::Tags, Field::Body];

    /// The field a position is in.
    pub fn of(pos: u32) -> Field {
        Field::ALL[((pos / FIELD_STRIDE) as usize).min(3)]
    }

    /// How much a match in this field counts: titles and tags over body text.
    pub fn weight(self) -> f32 {
        match self {
            Field::Title => 3.0,
            Field::Subtitle => 2.0,
            Field::Tags => 2.5,
            Field::Body => 1.0,
        }
    }

    fn base(self) -> u32 {
        FIELD_STRIDE * self as u32
    }
}

impl Section {
    /// Every term of the section with its position (fields at their bases).
    pub fn terms(&self) -> Vec<Term> {
        let mut out = Vec::new();
        let tags = self.tags.join(", ");
        for (field, text) in [
            (Field::Title, self.title.as_str()),
            (Field::Subtitle, self.subtitle.as_str()),
            (Field::Tags, tags.as_str()),
            (Field::Body, self.body.as_str()),
        ] {
            text_terms(
                &normalize(text),
                field.base(),
                field.base() + FIELD_STRIDE,
                &mut out,
            );
        }
        out
    }
}

/// What `manifest.json` says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`SEARCH_VERSION`].
    pub version: u32,
    /// Posts indexed (those of `index.json`, in its order).
    pub posts: u32,
    /// Sections indexed: for each post, one plus its paper entries.
    pub sections: u32,
    /// The pieces, in term order.
    pub pieces: Vec<PieceRef>,
}

/// Where a piece is and which terms it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceRef {
    /// Its first term; it holds every term from this one up to the next piece's first.
    pub first: String,
    /// Its file name, relative to the manifest.
    pub file: String,
}

impl Manifest {
    /// The pieces a term is in: one for a term, those whose range meets the
    /// prefix's for a prefix.
    pub fn pieces_for(&self, term: &str, prefix: bool) -> &[PieceRef] {
        let list = &self.pieces;
        let n = list.len();
        // The last piece whose first term is <= term.
        let start = list
            .partition_point(|p| p.first.as_str() <= term)
            .saturating_sub(1);
        if !prefix {
            return &list[start..(start + 1).min(n)];
        }
        let end = list[start..]
            .iter()
            .position(|p| p.first.as_str() > term && !p.first.starts_with(term))
            .map_or(n, |i| start + i);
        &list[start..end.max((start + 1).min(n))]
    }
}

/// Where a term occurs, section by section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    /// Sections in ascending order.
    pub sections: Vec<Posting>,
}

/// A term in one section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Posting {
    /// The section's number.
    pub section: u32,
    /// How often the term is in it, each time weighted by its field
    /// ([`Field::weight`]), times two.
    pub weighted: u32,
}

/// Builds the index a section at a time.
#[derive(Debug, Default)]
pub struct Builder {
    postings: BTreeMap<String, Postings>,
    sections: u32,
    posts: u32,
}

/// A built index: the manifest and each piece's file name and bytes.
#[derive(Debug, Clone)]
pub struct Built {
    /// `manifest.json`.
    pub manifest: Manifest,
    /// `(file name, bytes)` of each piece.
    pub pieces: Vec<(String, Vec<u8>)>,
}

impl Builder {
    /// Adds a post's sections: its text before the first entry, then each entry's.
    pub fn add_post(&mut self, sections: &[Section]) {
        self.posts += 1;
        for section in sections {
            let id = self.sections;
            self.sections += 1;
            for term in section.terms() {
                let weight = (Field::of(term.pos).weight() * 2.0) as u32;
                let postings = self.postings.entry(term.text).or_default();
                match postings.sections.last_mut() {
                    Some(p) if p.section == id => p.weighted += weight,
                    _ => postings.sections.push(Posting {
                        section: id,
                        weighted: weight,
                    }),
                }
            }
        }
    }

    /// The index, in pieces of about `piece_bytes` each (a term's postings
    /// are never split, so a piece may be larger).
    pub fn finish(self, piece_bytes: usize) -> Built {
        let mut pieces = Vec::new();
        let mut refs = Vec::new();
        let mut current = Vec::new();
        let mut first: Option<&str> = None;
        let mut count = 0u32;
        let mut flush = |bytes: &mut Vec<u8>, first: &mut Option<&str>, count: &mut u32| {
            if let Some(f) = first.take() {
                let mut piece = Vec::with_capacity(bytes.len() + 8);
                piece.extend_from_slice(MAGIC);
                varint(&mut piece, *count as u64);
                piece.append(bytes);
                let file = format!("{}.bin", hash_hex(&piece));
                refs.push(PieceRef {
                    first: f.to_string(),
                    file: file.clone(),
                });
                pieces.push((file, piece));
                *count = 0;
            }
        };
        for (term, postings) in &self.postings {
            if first.is_none() {
                first = Some(term);
            }
            write_term(&mut current, term, postings);
            count += 1;
            if current.len() >= piece_bytes {
                flush(&mut current, &mut first, &mut count);
            }
        }
        flush(&mut current, &mut first, &mut count);
        Built {
            manifest: Manifest {
                version: SEARCH_VERSION,
                posts: self.posts,
                sections: self.sections,
                pieces: refs,
            },
            pieces,
        }
    }
}

/// The first bytes of every piece: the format and its version.
const MAGIC: &[u8] = b"PSS2";

fn write_term(out: &mut Vec<u8>, term: &str, postings: &Postings) {
    varint(out, term.len() as u64);
    out.extend_from_slice(term.as_bytes());
    varint(out, postings.sections.len() as u64);
    let mut last_section = 0;
    for posting in &postings.sections {
        // The gap from the last section, and whether a weight follows:
        // most postings are one word of body text (weight 2), which then
        // takes no byte of its own.
        let gap = (posting.section - last_section) as u64;
        last_section = posting.section;
        if posting.weighted == ONCE_IN_BODY {
            varint(out, gap << 1);
        } else {
            varint(out, gap << 1 | 1);
            varint(out, posting.weighted as u64);
        }
    }
}

/// The weighted frequency of a term once in body text ([`Posting::weighted`]).
const ONCE_IN_BODY: u32 = 2;

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A short content hash (FNV-1a, 64 bits) as hex, for file names: a few
/// hundred pieces, and a name the manifest repeats for each of them.
fn hash_hex(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x100_0000_01b3)
    });
    format!("{h:016x}")
}

/// Why a piece could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrupt(pub &'static str);

impl std::fmt::Display for Corrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the search index piece is damaged ({})", self.0)
    }
}

/// A piece read back: its terms, in order, with their postings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Terms in order with their postings.
    pub terms: Vec<(String, Postings)>,
}

impl Piece {
    /// Reads a piece; damaged bytes give an error, never a panic, and no
    /// count in them can make it allocate more than the bytes could hold.
    pub fn parse(bytes: &[u8]) -> Result<Piece, Corrupt> {
        let mut r = Reader { bytes, at: 0 };
        if bytes.get(..MAGIC.len()) != Some(MAGIC) {
            return Err(Corrupt("not a papershelf search piece of this version"));
        }
        r.at = MAGIC.len();
        let count = r.count()?;
        let mut terms = Vec::with_capacity(count);
        let mut previous: Option<String> = None;
        for _ in 0..count {
            let len = r.count()?;
            let text = std::str::from_utf8(r.take(len)?)
                .map_err(|_| Corrupt("a term is not UTF-8"))?
                .to_string();
            if previous.as_ref().is_some_and(|p| *p >= text) {
                return Err(Corrupt("terms out of order"));
            }
            let sections = r.count()?;
            let mut postings = Postings {
                sections: Vec::with_capacity(sections),
            };
            let mut section = 0u32;
            for _ in 0..sections {
                let code = r.varint()?;
                let gap = u32::try_from(code >> 1).map_err(|_| Corrupt("a number is too large"))?;
                section = section
                    .checked_add(gap)
                    .ok_or(Corrupt("a section number overflows"))?;
                let weighted = if code & 1 == 1 {
                    r.u32()?
                } else {
                    ONCE_IN_BODY
                };
                postings.sections.push(Posting { section, weighted });
            }
            previous = Some(text.clone());
            terms.push((text, postings));
        }
        if r.at != bytes.len() {
            return Err(Corrupt("bytes left over"));
        }
        Ok(Piece { terms })
    }

    /// The postings of one term.
    pub fn get(&self, term: &str) -> Option<&Postings> {
        self.terms
            .binary_search_by(|(t, _)| t.as_str().cmp(term))
            .ok()
            .map(|i| &self.terms[i].1)
    }

    /// Every term starting with `prefix`, with its postings.
    pub fn with_prefix<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a Postings)> + 'a {
        let start = self.terms.partition_point(|(t, _)| t.as_str() < prefix);
        self.terms[start..]
            .iter()
            .take_while(move |(t, _)| t.starts_with(prefix))
            .map(|(t, p)| (t.as_str(), p))
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> Result<u64, Corrupt> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at).ok_or(Corrupt("cut short"))?;
            self.at += 1;
            v |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(Corrupt("a number is too long"))
    }

    fn u32(&mut self) -> Result<u32, Corrupt> {
        u32::try_from(self.varint()?).map_err(|_| Corrupt("a number is too large"))
    }

    /// A count of things still to read: each takes at least a byte.
    fn count(&mut self) -> Result<usize, Corrupt> {
        let n = self.varint()?;
        if n > (self.bytes.len() - self.at) as u64 {
            return Err(Corrupt("a count larger than the piece"));
        }
        Ok(n as usize)
    }

    fn take(&mut self, n: usize) -> Result<&[u8], Corrupt> {
        let end = self.at.checked_add(n).ok_or(Corrupt("cut short"))?;
        let slice = self.bytes.get(self.at..end).ok_or(Corrupt("cut short"))?;
        self.at = end;
        Ok(slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(title: &str, body: &str) -> Section {
        Section {
            title: title.into(),
            body: body.into(),
            ..Section::default()
        }
    }

    fn built(piece_bytes: usize) -> Built {
        let mut b = Builder::default();
        b.add_post(&[
            section(
                "2025-11-06 papers review",
                "VLA 모델은 로봇 행동에 적용한다.",
            ),
            section("MIRA", "시각적 사고가 필요한 문제. GRPO로 학습."),
        ]);
        b.add_post(&[section(
            "2025-10-01 papers review",
            "강화학습에서 GRPO는 value 모델 없이",
        )]);
        b.finish(piece_bytes)
    }

    /// The piece holding `term`.
    fn piece(built: &Built, term: &str) -> Piece {
        let file = &built.manifest.pieces_for(term, false)[0].file;
        let (_, bytes) = built.pieces.iter().find(|(f, _)| f == file).unwrap();
        Piece::parse(bytes).unwrap()
    }

    #[test]
    fn pieces_round_trip_and_cover_every_term() {
        for size in [16, 200, 1 << 20] {
            let built = built(size);
            assert_eq!((built.manifest.posts, built.manifest.sections), (2, 3));
            let terms = piece(&built, "grpo");
            let grpo = terms.get("grpo").expect("grpo is in its piece");
            let sections: Vec<u32> = grpo.sections.iter().map(|p| p.section).collect();
            assert_eq!(sections, [1, 2]);
            // In body text, once each: weight 1, times two.
            assert!(grpo.sections.iter().all(|p| p.weighted == 2));
            // `모델` is in the first and third sections, inside `모델은` too.
            assert_eq!(piece(&built, "모델").get("모델").unwrap().sections.len(), 2);
            // A title counts three times, times two.
            let mira = piece(&built, "mira");
            assert_eq!(mira.get("mira").unwrap().sections[0].weighted, 6);
            // Words a space apart are joined; across punctuation they are not.
            let vla = piece(&built, "\u{1}vla 모");
            assert!(vla.get("\u{1}vla 모").is_some());
        }
    }

    #[test]
    fn positions_tell_the_field() {
        let terms = section("GRPO", "grpo").terms();
        assert_eq!(Field::of(terms[0].pos), Field::Title);
        assert_eq!(Field::of(terms[1].pos), Field::Body);
    }

    #[test]
    fn file_names_follow_the_bytes() {
        let a = built(200);
        let b = built(200);
        assert_eq!(
            a.manifest, b.manifest,
            "the same text writes the same names"
        );
        let mut c = Builder::default();
        c.add_post(&[section("other", "text")]);
        assert_ne!(
            c.finish(200).manifest.pieces[0].file,
            a.manifest.pieces[0].file
        );
    }

    #[test]
    fn damaged_pieces_are_errors_not_panics() {
        assert!(Piece::parse(b"").is_err());
        assert!(Piece::parse(b"PSS2\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01").is_err());
        assert!(Piece::parse(b"PSS1T\x00").is_err(), "an older format");
        for (_, good) in &built(1 << 20).pieces {
            for cut in 0..good.len() {
                assert!(Piece::parse(&good[..cut]).is_err(), "cut at {cut}");
            }
            let mut flipped = good.clone();
            for i in MAGIC.len()..flipped.len() {
                flipped[i] ^= 0x55;
                let _ = Piece::parse(&flipped);
                flipped[i] ^= 0x55;
            }
        }
    }

    #[test]
    fn a_prefix_finds_its_pieces() {
        let built = built(16);
        let found: Vec<String> = built
            .manifest
            .pieces_for("gr", true)
            .iter()
            .map(|r| {
                let (_, bytes) = built.pieces.iter().find(|(f, _)| *f == r.file).unwrap();
                Piece::parse(bytes).unwrap()
            })
            .flat_map(|p| {
                p.with_prefix("gr")
                    .map(|(t, _)| t.to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(found, ["grpo"]);
    }
}
