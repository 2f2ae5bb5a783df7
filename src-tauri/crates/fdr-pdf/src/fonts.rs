//! The faces compiled into the application, their metrics and kerning.
//!
//! Noto Sans in four styles sets the text; Noto Emoji (monochrome, reduced
//! to the glyphs its `cmap` reaches) draws emoji, and DejaVu Sans is the
//! fallback for what both lack (arrows, symbols such as ✓ → ≥, Hebrew,
//! Arabic…). A character none has (CJK, rare scripts) is drawn as U+FFFD from
//! the fallback, with the original kept as `/ActualText` so that it stays
//! extractable.
//!
//! Extending it: a new face is a file in `assets/fonts/` (with its licence
//! in `assets/LICENSES.md`), a [`FaceId`] variant, its place in the chain of
//! [`Fonts::glyph`] and its PostScript name in the renderer.
//!
//! Metrics come from the font files with `ttf-parser`: advances from `hmtx`,
//! pair kerning from the GPOS `kern` feature (format 1 and 2 pair
//! adjustments), cached per document.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast hasher for the metric caches (keys are glyph ids and
/// characters from our own text: no need for a DoS-resistant hash).
#[derive(Default)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u16(&mut self, n: u16) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
use ttf_parser::gpos::{PairAdjustment, PositioningSubtable};
use ttf_parser::opentype_layout::LayoutTable;
use ttf_parser::{GlyphId, Tag};

/// The font files, compiled in.
pub const NOTO_REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Regular.ttf");
/// Bold.
pub const NOTO_BOLD: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Bold.ttf");
/// Italic.
pub const NOTO_ITALIC: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Italic.ttf");
/// Bold italic.
pub const NOTO_BOLD_ITALIC: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-BoldItalic.ttf");
/// Fallback for characters Noto Sans lacks.
pub const DEJAVU_SANS: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
/// Emoji (monochrome Noto Emoji, reduced to the glyphs its `cmap` reaches).
pub const NOTO_EMOJI: &[u8] = include_bytes!("../../../../assets/fonts/NotoEmoji-Regular.ttf");

/// One of the embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceId {
    /// Noto Sans Regular.
    Regular,
    /// Noto Sans Bold.
    Bold,
    /// Noto Sans Italic.
    Italic,
    /// Noto Sans Bold Italic.
    BoldItalic,
    /// DejaVu Sans (fallback).
    Fallback,
    /// Noto Emoji (fallback for emoji).
    Emoji,
}

impl FaceId {
    /// Every face, in resource order.
    pub const ALL: [FaceId; 6] = [
        Self::Regular,
        Self::Bold,
        Self::Italic,
        Self::BoldItalic,
        Self::Fallback,
        Self::Emoji,
    ];

    /// The face for a style.
    pub fn styled(bold: bool, italic: bool) -> Self {
        match (bold, italic) {
            (false, false) => Self::Regular,
            (true, false) => Self::Bold,
            (false, true) => Self::Italic,
            (true, true) => Self::BoldItalic,
        }
    }

    /// The font file.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Self::Regular => NOTO_REGULAR,
            Self::Bold => NOTO_BOLD,
            Self::Italic => NOTO_ITALIC,
            Self::BoldItalic => NOTO_BOLD_ITALIC,
            Self::Fallback => DEJAVU_SANS,
            Self::Emoji => NOTO_EMOJI,
        }
    }

    /// Index in [`FaceId::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The PDF resource name, also the subset tag of the embedded font: six
    /// capital letters, fixed, so the output is deterministic.
    pub fn resource_name(self) -> &'static str {
        match self {
            Self::Regular => "FDRREG",
            Self::Bold => "FDRBLD",
            Self::Italic => "FDRITA",
            Self::BoldItalic => "FDRBIT",
            Self::Fallback => "FDRFBK",
            Self::Emoji => "FDREMJ",
        }
    }
}

/// The replacement drawn for a character no face has.
pub const REPLACEMENT: char = '\u{FFFD}';

struct Face {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    glyphs: FastMap<char, Option<(GlyphId, u16)>>,
    kerning: FastMap<u32, i16>,
    /// Indices of the GPOS lookups of the `kern` feature, found once.
    kern_lookups: Option<Vec<u16>>,
}

impl Face {
    fn new(id: FaceId) -> Self {
        let face = ttf_parser::Face::parse(id.bytes(), 0).expect("the embedded fonts are valid (tested)");
        let units_per_em = f32::from(face.units_per_em());
        Self {
            face,
            units_per_em,
            glyphs: FastMap::default(),
            kerning: FastMap::default(),
            kern_lookups: None,
        }
    }

    fn glyph(&mut self, c: char) -> Option<(GlyphId, u16)> {
        let face = &self.face;
        *self.glyphs.entry(c).or_insert_with(|| {
            let g = face.glyph_index(c)?;
            Some((g, face.glyph_hor_advance(g).unwrap_or(0)))
        })
    }

    fn kern(&mut self, left: GlyphId, right: GlyphId) -> i16 {
        let face = &self.face;
        let lookups = self.kern_lookups.get_or_insert_with(|| kern_lookups(face));
        *self
            .kerning
            .entry(u32::from(left.0) << 16 | u32::from(right.0))
            .or_insert_with(|| pair_kerning(face, lookups, left, right))
    }
}

/// The GPOS lookups that the `kern` feature uses, in order, without repeats.
fn kern_lookups(face: &ttf_parser::Face) -> Vec<u16> {
    let Some(gpos) = face.tables().gpos else {
        return Vec::new();
    };
    let kern = Tag::from_bytes(b"kern");
    let mut out: Vec<u16> = Vec::new();
    for feature in gpos.features.into_iter().filter(|f| f.tag == kern) {
        for index in feature.lookup_indices {
            if !out.contains(&index) {
                out.push(index);
            }
        }
    }
    out
}

/// The GPOS pair adjustment of the `kern` feature between two glyphs, in font units.
fn pair_kerning(face: &ttf_parser::Face, lookups: &[u16], left: GlyphId, right: GlyphId) -> i16 {
    let Some(gpos) = face.tables().gpos else { return 0 };
    let table: &LayoutTable = &gpos;
    let mut total = 0i16;
    for &lookup_index in lookups {
        let Some(lookup) = table.lookups.get(lookup_index) else {
            continue;
        };
        for subtable in lookup.subtables.into_iter::<PositioningSubtable>() {
            let PositioningSubtable::Pair(pair) = subtable else {
                continue;
            };
            let Some(cov) = pair.coverage().get(left) else { continue };
            let value = match pair {
                PairAdjustment::Format1 { sets, .. } => {
                    sets.get(cov).and_then(|set| set.get(right)).map(|(a, _)| a.x_advance)
                }
                PairAdjustment::Format2 { classes, matrix, .. } => {
                    let (c1, c2) = (classes.0.get(left), classes.1.get(right));
                    matrix.get((c1, c2)).map(|(a, _)| a.x_advance)
                }
            };
            if let Some(v) = value {
                total = total.saturating_add(v);
                break; // the first subtable covering the pair applies
            }
        }
    }
    total
}

/// What draws a character.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The face that draws it.
    pub face: FaceId,
    /// The character actually drawn (the original, or [`REPLACEMENT`]).
    pub drawn: char,
    /// Advance in thousandths of an em.
    pub advance: f32,
    /// Glyph id in its face.
    pub gid: u16,
}

/// The faces and their caches, for one document.
pub struct Fonts {
    faces: Vec<Face>,
}

impl Default for Fonts {
    fn default() -> Self {
        Self::new()
    }
}

impl Fonts {
    /// Parses the embedded faces.
    pub fn new() -> Self {
        Self {
            faces: FaceId::ALL.iter().map(|&id| Face::new(id)).collect(),
        }
    }

    /// How `c` is drawn in the style's face: by that face,
    /// by the emoji face, by the fallback, or as a replacement from the fallback.
    pub fn glyph(&mut self, style_face: FaceId, c: char) -> Glyph {
        for face in [style_face, FaceId::Emoji, FaceId::Fallback] {
            let f = &mut self.faces[face.index()];
            if let Some((gid, adv)) = f.glyph(c) {
                if gid.0 != 0 {
                    let upem = f.units_per_em;
                    return Glyph {
                        face,
                        drawn: c,
                        advance: f32::from(adv) * 1000.0 / upem,
                        gid: gid.0,
                    };
                }
            }
        }
        let f = &mut self.faces[FaceId::Fallback.index()];
        let (gid, adv) = f.glyph(REPLACEMENT).unwrap_or((GlyphId(0), 1000));
        let upem = f.units_per_em;
        Glyph {
            face: FaceId::Fallback,
            drawn: REPLACEMENT,
            advance: f32::from(adv) * 1000.0 / upem,
            gid: gid.0,
        }
    }

    /// Kerning between two glyphs of the same face, in thousandths of an em
    /// (negative: closer).
    pub fn kern(&mut self, face: FaceId, left: u16, right: u16) -> f32 {
        let f = &mut self.faces[face.index()];
        let upem = f.units_per_em;
        f32::from(f.kern(GlyphId(left), GlyphId(right))) * 1000.0 / upem
    }

    /// Ascender of a face, in thousandths of an em.
    pub fn ascender(&self, face: FaceId) -> f32 {
        let f = &self.faces[face.index()];
        f32::from(f.face.ascender()) * 1000.0 / f.units_per_em
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_face_parses_and_covers_french() {
        let mut fonts = Fonts::new();
        for face in [FaceId::Regular, FaceId::Bold, FaceId::Italic, FaceId::BoldItalic] {
            for c in "àâçéèêëîïôöùûüÿœæÀÇÉÈÊŒ«»’€ \u{A0}\u{202F}–—…°".chars() {
                assert_eq!(fonts.glyph(face, c).face, face, "{face:?} draws {c:?} itself");
            }
        }
    }

    #[test]
    fn missing_glyphs_fall_back_then_are_replaced() {
        let mut fonts = Fonts::new();
        let arrow = fonts.glyph(FaceId::Regular, '⇒');
        assert_eq!(arrow.face, FaceId::Fallback, "DejaVu draws what Noto Sans lacks");
        let cjk = fonts.glyph(FaceId::Regular, '漢');
        assert_eq!(
            (cjk.face, cjk.drawn),
            (FaceId::Fallback, REPLACEMENT),
            "no embedded face has CJK: replacement"
        );
        assert!(cjk.advance > 0.0);
    }

    #[test]
    fn symbols_and_emoji_people_type_have_a_glyph() {
        let mut fonts = Fonts::new();
        for c in "✓→≥½€œŒ😀👍❤✅⚠📅🎉♻✔".chars() {
            let g = fonts.glyph(FaceId::Regular, c);
            assert_eq!(g.drawn, c, "{c:?} is drawn by a face ({:?}), not replaced", g.face);
            assert!(g.advance > 0.0, "{c:?} has an advance");
        }
        assert_eq!(
            fonts.glyph(FaceId::Bold, '😀').face,
            FaceId::Emoji,
            "emoji come from Noto Emoji"
        );
        assert_eq!(
            fonts.glyph(FaceId::Regular, '✓').face,
            FaceId::Fallback,
            "DejaVu draws ✓ before the emoji face"
        );
    }

    #[test]
    fn kerning_pairs_come_from_gpos() {
        let mut fonts = Fonts::new();
        let a = fonts.glyph(FaceId::Regular, 'A').gid;
        let v = fonts.glyph(FaceId::Regular, 'V').gid;
        assert!(
            fonts.kern(FaceId::Regular, a, v) < 0.0,
            "A and V kern closer in Noto Sans"
        );
        let o = fonts.glyph(FaceId::Regular, 'o').gid;
        assert_eq!(fonts.kern(FaceId::Regular, o, o), 0.0, "o o has no kerning");
    }
}
