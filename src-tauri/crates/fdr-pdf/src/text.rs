//! Setting text: from styled spans to measured, kerned, broken lines.
//!
//! Lines break at spaces (never at the no-break spaces U+00A0 and U+202F of
//! French typography), after `-`, `/`, `_` inside a word if the word does not
//! fit, and inside a word only when the word alone is longer than the line
//! (URLs, 100,000-character words): nothing ever runs past the measure.
//! `\n` forces a line break; TAB is set as a space.

use crate::fonts::{FaceId, Fonts, Glyph};
use fdr_core::markdown::Span;

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// Body text.
    pub const TEXT: Rgb = Rgb(0.086, 0.086, 0.086);
    /// DSFR *bleu France* (#000091), for titles.
    pub const BLUE: Rgb = Rgb(0.0, 0.0, 0.569);
    /// Secondary text.
    pub const GREY: Rgb = Rgb(0.4, 0.4, 0.4);
    /// Rules and grid lines.
    pub const RULE: Rgb = Rgb(0.8, 0.8, 0.8);
    /// Table header background.
    pub const HEADER_FILL: Rgb = Rgb(0.925, 0.925, 0.996);
    /// Zebra rows.
    pub const ZEBRA: Rgb = Rgb(0.965, 0.965, 0.965);
    /// Warnings (DSFR *rouge marianne*).
    pub const RED: Rgb = Rgb(0.808, 0.0, 0.192);
    /// White.
    pub const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);
}

/// The look of a run of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Font size in points.
    pub size: f32,
    /// Colour.
    pub color: Rgb,
    /// Bold before any Markdown emphasis.
    pub bold: bool,
    /// Italic before any Markdown emphasis.
    pub italic: bool,
}

impl TextStyle {
    /// Regular text of a size.
    pub const fn regular(size: f32) -> Self {
        Self {
            size,
            color: Rgb::TEXT,
            bold: false,
            italic: false,
        }
    }
    /// Bold text of a size.
    pub const fn bold(size: f32) -> Self {
        Self {
            size,
            color: Rgb::TEXT,
            bold: true,
            italic: false,
        }
    }
    /// The same in another colour.
    pub const fn colored(mut self, color: Rgb) -> Self {
        self.color = color;
        self
    }
    /// Line height for this size.
    pub fn line_height(&self) -> f32 {
        self.size * 1.32
    }
}

/// One item of a PDF `TJ` array.
#[derive(Debug, Clone, PartialEq)]
pub enum Chunk {
    /// Characters to show.
    Text(String),
    /// A kerning adjustment in thousandths of an em (positive: moves left).
    Kern(f32),
}

/// A run of glyphs of one face, size and colour, at an offset in its line.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Offset from the line's start, in points.
    pub x: f32,
    /// Width in points.
    pub width: f32,
    /// Face.
    pub face: FaceId,
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub color: Rgb,
    /// What to show.
    pub chunks: Vec<Chunk>,
    /// The original text when some characters are drawn as replacements.
    pub actual_text: Option<String>,
}

/// A set line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Its pieces, left to right.
    pub pieces: Vec<Piece>,
    /// Total width in points.
    pub width: f32,
}

impl Line {
    /// The line's text, as a reader would extract it.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for p in &self.pieces {
            match &p.actual_text {
                Some(t) => s.push_str(t),
                None => p.chunks.iter().for_each(|c| {
                    if let Chunk::Text(t) = c {
                        s.push_str(t)
                    }
                }),
            }
        }
        s
    }
}

#[derive(Clone, Copy)]
struct Atom {
    c: char,
    style: TextStyle,
}

/// A shaped glyph with its style, in a line being built.
#[derive(Clone, Copy)]
struct Set {
    atom: Atom,
    glyph: Glyph,
}

fn face_of(style: &TextStyle) -> FaceId {
    FaceId::styled(style.bold, style.italic)
}

fn same_run(a: &Set, b: &Set) -> bool {
    a.glyph.face == b.glyph.face && a.atom.style == b.atom.style
}

/// Kerning (TJ units) applied between two adjacent glyphs.
fn kern_between(fonts: &mut Fonts, a: &Set, b: &Set) -> f32 {
    if same_run(a, b) && a.glyph.drawn == a.atom.c && b.glyph.drawn == b.atom.c {
        -fonts.kern(a.glyph.face, a.glyph.gid, b.glyph.gid)
    } else {
        0.0
    }
}

fn advance_pt(s: &Set) -> f32 {
    s.glyph.advance * s.atom.style.size / 1000.0
}

/// Width in points of glyphs set side by side.
fn width_of(fonts: &mut Fonts, sets: &[Set]) -> f32 {
    let mut w = 0.0;
    for (i, s) in sets.iter().enumerate() {
        w += advance_pt(s);
        if i > 0 {
            w -= kern_between(fonts, &sets[i - 1], s) * s.atom.style.size / 1000.0;
        }
    }
    w
}

/// Turns glyphs into pieces (runs of one face and style).
fn pieces(fonts: &mut Fonts, sets: &[Set]) -> Line {
    let mut out: Vec<Piece> = Vec::new();
    let mut x = 0.0f32;
    let mut i = 0;
    while i < sets.len() {
        let first = sets[i];
        let replaced = first.glyph.drawn != first.atom.c;
        let mut j = i + 1;
        while j < sets.len() && same_run(&first, &sets[j]) && (sets[j].glyph.drawn != sets[j].atom.c) == replaced {
            j += 1;
        }
        let run = &sets[i..j];
        let mut chunks: Vec<Chunk> = Vec::new();
        let mut current = String::new();
        for (k, s) in run.iter().enumerate() {
            if k > 0 {
                let kern = kern_between(fonts, &run[k - 1], s);
                if kern != 0.0 {
                    chunks.push(Chunk::Text(std::mem::take(&mut current)));
                    chunks.push(Chunk::Kern(kern));
                }
            }
            current.push(s.glyph.drawn);
        }
        if !current.is_empty() {
            chunks.push(Chunk::Text(current));
        }
        let width = width_of(fonts, run);
        out.push(Piece {
            x,
            width,
            face: first.glyph.face,
            size: first.atom.style.size,
            color: first.atom.style.color,
            chunks,
            actual_text: replaced.then(|| run.iter().map(|s| s.atom.c).collect()),
        });
        x += width;
        i = j;
    }
    Line { pieces: out, width: x }
}

/// A piece of a word between break opportunities, shaped.
struct Segment {
    sets: Vec<Set>,
    /// A space precedes it (a break opportunity that disappears at a line end).
    space_before: Option<Set>,
    /// A forced line break precedes it.
    newline_before: bool,
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn segments(fonts: &mut Fonts, atoms: &[Atom]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut current: Vec<Set> = Vec::new();
    let mut space_before: Option<Set> = None;
    let mut newline_before = false;
    let flush = |out: &mut Vec<Segment>, current: &mut Vec<Set>, space: &mut Option<Set>, nl: &mut bool| {
        if !current.is_empty() {
            out.push(Segment {
                sets: std::mem::take(current),
                space_before: space.take(),
                newline_before: *nl,
            });
            *nl = false;
        }
    };
    for (index, a) in atoms.iter().enumerate() {
        match a.c {
            '\n' => {
                flush(&mut out, &mut current, &mut space_before, &mut newline_before);
                space_before = None;
                newline_before = true;
            }
            '\r' => {}
            c if is_space(c) => {
                flush(&mut out, &mut current, &mut space_before, &mut newline_before);
                let sp = Atom { c: ' ', style: a.style };
                space_before = Some(Set {
                    atom: sp,
                    glyph: fonts.glyph(face_of(&a.style), ' '),
                });
            }
            c => {
                let glyph = fonts.glyph(face_of(&a.style), c);
                current.push(Set { atom: *a, glyph });
                // '/' between digits is a date (31/12/2021): no break there.
                let date_slash = c == '/' && atoms.get(index + 1).is_some_and(|n| n.c.is_ascii_digit());
                if matches!(c, '-' | '/' | '_' | '\u{2010}') && !date_slash {
                    // A break opportunity after it, with no space.
                    out.push(Segment {
                        sets: std::mem::take(&mut current),
                        space_before: space_before.take(),
                        newline_before,
                    });
                    newline_before = false;
                }
            }
        }
    }
    flush(&mut out, &mut current, &mut space_before, &mut newline_before);
    if newline_before {
        // A trailing line break: an empty last line.
        out.push(Segment {
            sets: Vec::new(),
            space_before: None,
            newline_before: true,
        });
    }
    out
}

/// Sets styled spans in lines of at most `max_width` points.
pub fn break_lines(fonts: &mut Fonts, spans: &[Span], base: TextStyle, max_width: f32) -> Vec<Line> {
    let atoms: Vec<Atom> = spans
        .iter()
        .flat_map(|s| {
            let style = TextStyle {
                bold: base.bold || s.bold,
                italic: base.italic || s.italic,
                ..base
            };
            s.text.chars().map(move |c| Atom { c, style })
        })
        .collect();
    let max_width = max_width.max(1.0);
    let mut lines: Vec<Vec<Set>> = Vec::new();
    let mut soft_spaces = std::collections::BTreeSet::new();
    let mut line: Vec<Set> = Vec::new();
    let mut width = 0.0f32;
    for seg in segments(fonts, &atoms) {
        if seg.newline_before {
            lines.push(std::mem::take(&mut line));
            width = 0.0;
        }
        let mut candidate: Vec<Set> = Vec::with_capacity(seg.sets.len() + 1);
        if !line.is_empty() {
            if let Some(sp) = seg.space_before {
                candidate.push(sp);
            }
        }
        candidate.extend_from_slice(&seg.sets);
        let join = match (line.last(), candidate.first()) {
            (Some(a), Some(b)) => -kern_between(fonts, a, b) * b.atom.style.size / 1000.0,
            _ => 0.0,
        };
        let added = width_of(fonts, &candidate) + join;
        if width + added <= max_width + 0.001 {
            line.extend(candidate);
            width += added;
            continue;
        }
        // Does not fit: start a new line with the segment. Its space ends the
        // previous line, drawn but not counted in the width (invisible), so
        // that text extraction and screen readers keep the words apart.
        if !line.is_empty() {
            if seg.space_before.is_some() {
                soft_spaces.insert(lines.len());
            }
            lines.push(std::mem::take(&mut line));
        }
        let mut sets = seg.sets;
        // A segment longer than the whole measure is cut between characters.
        // One pass: accumulate widths and cut whenever the next glyph would overflow.
        let mut start = 0;
        let mut w = 0.0f32;
        for k in 0..sets.len() {
            let step = advance_pt(&sets[k])
                - if k > start {
                    kern_between(fonts, &sets[k - 1], &sets[k]) * sets[k].atom.style.size / 1000.0
                } else {
                    0.0
                };
            if k > start && w + step > max_width + 0.001 {
                lines.push(sets[start..k].to_vec());
                start = k;
                w = advance_pt(&sets[k]);
            } else {
                w += step;
            }
        }
        sets.drain(..start);
        width = w;
        line = sets;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut set = pieces(fonts, l);
            if soft_spaces.contains(&i) {
                if let Some(last) = set.pieces.last_mut().filter(|p| p.actual_text.is_none()) {
                    match last.chunks.last_mut() {
                        Some(Chunk::Text(t)) => t.push(' '),
                        _ => last.chunks.push(Chunk::Text(" ".into())),
                    }
                }
            }
            set
        })
        .collect()
}

/// Sets one plain string on one line, without breaking (labels, numbers).
pub fn single_line(fonts: &mut Fonts, text: &str, style: TextStyle) -> Line {
    let sets: Vec<Set> = text
        .chars()
        .filter(|c| *c != '\n' && *c != '\r')
        .map(|c| {
            let c = if c == '\t' { ' ' } else { c };
            let atom = Atom { c, style };
            Set {
                atom,
                glyph: fonts.glyph(face_of(&style), c),
            }
        })
        .collect();
    pieces(fonts, &sets)
}

/// Sets plain text (no Markdown) in lines.
pub fn plain_lines(fonts: &mut Fonts, text: &str, style: TextStyle, max_width: f32) -> Vec<Line> {
    break_lines(
        fonts,
        &[Span {
            text: text.to_string(),
            bold: false,
            italic: false,
        }],
        style,
        max_width,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<Span> {
        vec![Span {
            text: text.into(),
            bold: false,
            italic: false,
        }]
    }

    #[test]
    fn lines_never_exceed_the_measure() {
        let mut fonts = Fonts::new();
        let long_word = "x".repeat(100_000);
        let url = "https://www.example.org/un/chemin/tres/long/qui/ne/tient/pas/sur/une/ligne?avec=parametres";
        for text in [
            "Le développement de l’offre d’accueil du jeune enfant et de la mixité sociale",
            &long_word,
            url,
        ] {
            for width in [30.0, 120.0, 400.0] {
                let lines = break_lines(&mut fonts, &plain(text), TextStyle::regular(10.0), width);
                for l in &lines {
                    assert!(l.width <= width + 0.01, "{} > {width} for {:?}", l.width, &text[..20]);
                }
                let joined: String = lines.iter().map(Line::text).collect::<Vec<_>>().join("");
                assert_eq!(
                    joined.replace(' ', ""),
                    text.replace(' ', ""),
                    "no character lost or added"
                );
            }
        }
    }

    #[test]
    fn no_break_spaces_hold_figures_together() {
        let mut fonts = Fonts::new();
        let text = "Montant : 213\u{202F}000\u{A0}€ au total";
        let narrow = break_lines(&mut fonts, &plain(text), TextStyle::regular(10.0), 80.0);
        assert!(
            narrow.iter().any(|l| l.text().contains("213\u{202F}000\u{A0}€")),
            "the amount stays on one line: {:?}",
            narrow.iter().map(Line::text).collect::<Vec<_>>()
        );
    }

    #[test]
    fn forced_breaks_and_styles() {
        let mut fonts = Fonts::new();
        let spans = vec![
            Span {
                text: "Ligne un\nLigne ".into(),
                bold: false,
                italic: false,
            },
            Span {
                text: "deux".into(),
                bold: true,
                italic: false,
            },
        ];
        let lines = break_lines(&mut fonts, &spans, TextStyle::regular(10.0), 500.0);
        assert_eq!(lines.len(), 2, "\\n breaks the line");
        assert_eq!(lines[1].pieces.len(), 2, "a bold word is its own piece");
        assert_eq!(lines[1].pieces[1].face, FaceId::Bold);
        assert!(lines[1].pieces[1].x > 0.0);
    }

    #[test]
    fn kerning_tightens_and_replacements_keep_the_text() {
        let mut fonts = Fonts::new();
        let av = single_line(&mut fonts, "AVAV", TextStyle::regular(10.0));
        assert!(
            av.pieces[0]
                .chunks
                .iter()
                .any(|c| matches!(c, Chunk::Kern(k) if *k > 0.0)),
            "A V is kerned"
        );
        let cjk = single_line(&mut fonts, "a漢b", TextStyle::regular(10.0));
        assert_eq!(cjk.text(), "a漢b", "the original stays extractable");
        assert_eq!(cjk.pieces[1].actual_text.as_deref(), Some("漢"));
    }
}
