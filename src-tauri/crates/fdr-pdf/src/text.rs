//! Setting text: from styled spans to measured, kerned, broken lines.
//!
//! French typography ([`fdr_core::typography`]) is applied first, so every
//! text of the documents gets it, user text and our own alike. Lines then
//! break where Unicode's line breaking algorithm (annex 14, the
//! `unicode-linebreak` crate) allows: at spaces (never at the no-break
//! spaces U+00A0 and U+202F), after a hyphen between letters, between
//! ideographs or emoji — never inside a number, an amount with its `€`, a
//! date (`31/12/2021`) or an identifier (`ind_1`, `A-12`). A word longer than
//! the whole line is hyphenated with French patterns (typst's `hypher`),
//! and only when no syllable fits is it cut between characters; either cut
//! shows a hyphen, extracted as a soft hyphen (U+00AD). `\n` forces a line
//! break; TAB is set as a space; invisible format characters (joiners,
//! variation selectors, controls) are dropped when no face draws them.
//! Everything here is linear in the length of the text.

use crate::fonts::{FaceId, Fonts, Glyph};
use fdr_core::markdown::Span;
use fdr_core::typography;

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
    /// The characters drawn (one glyph each).
    pub text: String,
    /// Kerning before some of them: (index of the character in `text`,
    /// adjustment in thousandths of an em, positive moving left), in order.
    /// Empty for most pieces: no allocation.
    pub kerns: Vec<(u32, f32)>,
    /// The original text when some characters are drawn as replacements.
    pub actual_text: Option<String>,
}

/// How a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    /// At a space.
    Space,
    /// At a forced line break (`\n`), or the text ends.
    Forced,
    /// Inside a word too long for the line, where Unicode allows a break
    /// without a space (after a hyphen or a slash, between ideographs).
    Opportunity,
    /// Inside a word too long for the line, between French syllables, with a hyphen.
    Hyphenated,
    /// Inside a word too long for the line with no syllable that fits,
    /// between characters, with a hyphen.
    Cut,
}

/// A set line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Its pieces, left to right.
    pub pieces: Vec<Piece>,
    /// Total width in points.
    pub width: f32,
    /// How it ends.
    pub end: LineEnd,
}

impl Line {
    /// The line's text, as a reader would extract it.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for p in &self.pieces {
            match &p.actual_text {
                Some(t) => s.push_str(t),
                None => s.push_str(&p.text),
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

/// The character standing for a hyphen added at a line break: drawn as `-`,
/// extracted as a soft hyphen.
const SOFT_HYPHEN: char = '\u{AD}';

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

/// What the kerning between two glyphs adds to the width, in points.
fn join_pt(fonts: &mut Fonts, a: &Set, b: &Set) -> f32 {
    -kern_between(fonts, a, b) * b.atom.style.size / 1000.0
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
            w += join_pt(fonts, &sets[i - 1], s);
        }
    }
    w
}

/// Turns glyphs into pieces (runs of one face and style).
fn pieces(fonts: &mut Fonts, sets: &[Set]) -> Line {
    let is_replaced = |s: &Set| s.glyph.drawn != s.atom.c;
    let runs = 1 + sets
        .windows(2)
        .filter(|w| !same_run(&w[0], &w[1]) || is_replaced(&w[0]) != is_replaced(&w[1]))
        .count();
    let mut out: Vec<Piece> = Vec::with_capacity(runs);
    let mut x = 0.0f32;
    let mut i = 0;
    while i < sets.len() {
        let first = sets[i];
        let replaced = is_replaced(&first);
        let mut j = i + 1;
        while j < sets.len() && same_run(&first, &sets[j]) && is_replaced(&sets[j]) == replaced {
            j += 1;
        }
        let run = &sets[i..j];
        // One pass: the text, its kerning, and the width from the same
        // kerning values (as `width_of` counts it). Sized once: a line
        // ending at a space gets one more (see `break_lines`).
        let mut text = String::with_capacity(run.iter().map(|s| s.glyph.drawn.len_utf8()).sum::<usize>() + 1);
        let mut kerns: Vec<(u32, f32)> = Vec::new();
        let mut width = 0.0f32;
        for (k, s) in run.iter().enumerate() {
            width += advance_pt(s);
            if k > 0 {
                let kern = kern_between(fonts, &run[k - 1], s);
                width += -kern * s.atom.style.size / 1000.0;
                if kern != 0.0 {
                    kerns.push((k as u32, kern));
                }
            }
            text.push(s.glyph.drawn);
        }
        out.push(Piece {
            x,
            width,
            face: first.glyph.face,
            size: first.atom.style.size,
            color: first.atom.style.color,
            text,
            kerns,
            actual_text: replaced.then(|| run.iter().map(|s| s.atom.c).collect()),
        });
        x += width;
        i = j;
    }
    Line {
        pieces: out,
        width: x,
        end: LineEnd::Forced,
    }
}

/// Invisible format characters: dropped unless a face draws them.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | SOFT_HYPHEN | '\u{34F}' | '\u{61C}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Characters that attach to the one before: never cut before them.
fn attaches(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36F}' | '\u{483}'..='\u{489}' | '\u{591}'..='\u{5BD}' | '\u{610}'..='\u{61A}'
        | '\u{64B}'..='\u{65F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{200C}' | '\u{200D}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}' | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Styled characters of spans, with French typography, line separators as
/// `\n`, TAB as a space and `\r` dropped.
fn atoms(spans: &[Span], base: TextStyle) -> Vec<Atom> {
    let styled: Vec<(char, TextStyle)> = spans
        .iter()
        .flat_map(|s| {
            let style = TextStyle {
                bold: base.bold || s.bold,
                italic: base.italic || s.italic,
                ..base
            };
            s.text.chars().map(move |c| (c, style))
        })
        .collect();
    typography::apply(&styled)
        .into_iter()
        .filter_map(|(c, style)| {
            let c = match c {
                '\r' => return None,
                '\t' => ' ',
                '\u{B}' | '\u{C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => '\n',
                c => c,
            };
            Some(Atom { c, style })
        })
        .collect()
}

/// Shapes one character; `None` for an invisible one no face draws.
fn shape(fonts: &mut Fonts, a: Atom) -> Option<Set> {
    let glyph = fonts.glyph(face_of(&a.style), a.c);
    if glyph.drawn != a.c && invisible(a.c) {
        return None;
    }
    Some(Set { atom: a, glyph })
}

/// A word: text between spaces (or forced breaks), shaped.
struct Segment {
    /// Its glyphs, in the vector [`segments`] returns with the segments (one
    /// vector for the whole text, not one per word).
    sets: std::ops::Range<usize>,
    /// Indices in its glyphs before which Unicode allows a break without a
    /// space: used only when the word is longer than the line.
    opportunities: Vec<usize>,
    /// A space precedes it (a break opportunity that disappears at a line end).
    space_before: Option<Set>,
    /// A forced line break precedes it.
    newline_before: bool,
}

/// The text's glyphs, and its words as ranges of them.
fn segments(fonts: &mut Fonts, atoms: &[Atom]) -> (Vec<Set>, Vec<Segment>) {
    // Break opportunities from annex 14: `allowed[i]`, a break may come before atom i.
    let text: String = atoms.iter().map(|a| a.c).collect();
    let mut allowed = vec![false; atoms.len() + 1];
    let mut byte_to_index = text.char_indices().map(|(b, _)| b).enumerate().peekable();
    for (byte, _) in unicode_linebreak::linebreaks(&text) {
        while let Some(&(i, b)) = byte_to_index.peek() {
            if b < byte {
                byte_to_index.next();
            } else {
                if b == byte {
                    allowed[i] = true;
                }
                break;
            }
        }
    }
    // One segment per space or line break, and one more: sized once (a
    // segment is large, and 66,000 short lines grew this vector 17 times).
    let breaks = atoms.iter().filter(|a| matches!(a.c, ' ' | '\n')).count();
    let mut out: Vec<Segment> = Vec::with_capacity(breaks + 2);
    let mut glyphs: Vec<Set> = Vec::with_capacity(atoms.len());
    let mut current = Segment {
        sets: 0..0,
        opportunities: Vec::new(),
        space_before: None,
        newline_before: false,
    };
    let flush = |out: &mut Vec<Segment>, current: &mut Segment, at: usize| {
        if !current.sets.is_empty() {
            let next = Segment {
                sets: at..at,
                opportunities: Vec::new(),
                space_before: None,
                newline_before: false,
            };
            out.push(std::mem::replace(current, next));
        }
    };
    for (index, a) in atoms.iter().enumerate() {
        match a.c {
            '\n' => {
                flush(&mut out, &mut current, glyphs.len());
                current.space_before = None;
                current.newline_before = true;
            }
            ' ' => {
                flush(&mut out, &mut current, glyphs.len());
                current.space_before = shape(fonts, *a);
            }
            _ => {
                if allowed[index] && !current.sets.is_empty() {
                    current.opportunities.push(current.sets.len());
                }
                if let Some(set) = shape(fonts, *a) {
                    glyphs.push(set);
                    current.sets.end = glyphs.len();
                }
            }
        }
    }
    let trailing_newline = current.newline_before && current.sets.is_empty();
    flush(&mut out, &mut current, glyphs.len());
    if trailing_newline {
        // A trailing line break: an empty last line.
        out.push(Segment {
            sets: glyphs.len()..glyphs.len(),
            opportunities: Vec::new(),
            space_before: None,
            newline_before: true,
        });
    }
    (glyphs, out)
}

/// Where a word may be hyphenated: indices in `sets` before which a break
/// with a hyphen is allowed, from the French patterns, for words of letters
/// of reasonable length (a 200,000-letter "word" is cut by measure instead).
fn hyphenation_points(sets: &[Set]) -> Vec<usize> {
    let mut points = Vec::new();
    if sets.len() > 120 {
        return points;
    }
    let mut i = 0;
    while i < sets.len() {
        if !sets[i].atom.c.is_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < sets.len() && sets[i].atom.c.is_alphabetic() {
            i += 1;
        }
        let word: String = sets[start..i].iter().map(|s| s.atom.c).collect();
        let mut at = start;
        for syllable in hypher::hyphenate(&word, hypher::Lang::French) {
            if at > start {
                points.push(at);
            }
            at += syllable.chars().count();
        }
    }
    points
}

/// Cuts a word longer than the line into lines that fit: where Unicode
/// allows a break first, then at French syllables, else between characters
/// (these two with a hyphen). Returns the full lines with how each ends,
/// and the rest (the start of the next line).
fn cut(
    fonts: &mut Fonts,
    sets: &[Set],
    opportunities: &[usize],
    max_width: f32,
) -> (Vec<(Vec<Set>, LineEnd)>, Vec<Set>) {
    let mut is_point = vec![false; sets.len() + 1];
    for p in hyphenation_points(sets) {
        is_point[p] = true;
    }
    let mut is_opportunity = vec![false; sets.len() + 1];
    for &p in opportunities {
        is_opportunity[p] = true;
    }
    let mut lines = Vec::new();
    let mut start = 0;
    while start < sets.len() {
        let hyphen = {
            let last = sets[start].atom;
            let glyph = fonts.glyph(face_of(&last.style), '-');
            Set {
                atom: Atom {
                    c: SOFT_HYPHEN,
                    style: last.style,
                },
                glyph,
            }
        };
        let hyphen_w = advance_pt(&hyphen);
        // Walk while it fits; remember the last syllable and character cuts that fit.
        let mut w = 0.0f32;
        let (mut best_opportunity, mut best_point, mut best_char) = (None, None, None);
        let mut k = start;
        while k < sets.len() {
            let step = advance_pt(&sets[k])
                + if k > start {
                    join_pt(fonts, &sets[k - 1], &sets[k])
                } else {
                    0.0
                };
            if w + step > max_width + 0.001 && k > start {
                break;
            }
            w += step;
            k += 1;
            if k < sets.len() && is_opportunity[k] {
                best_opportunity = Some(k);
            }
            if k < sets.len() && w + hyphen_w <= max_width + 0.001 {
                if is_point[k] {
                    best_point = Some(k);
                }
                if !attaches(sets[k].atom.c) && sets[k].glyph.advance > 0.0 {
                    best_char = Some(k);
                }
            }
        }
        if k >= sets.len() {
            break;
        }
        let (end, how, with_hyphen) = match (best_opportunity, best_point, best_char) {
            (Some(end), _, _) => (end, LineEnd::Opportunity, false),
            (None, Some(end), _) => (end, LineEnd::Hyphenated, true),
            (None, None, Some(end)) => (end, LineEnd::Cut, true),
            (None, None, None) => {
                // Not even one character and a hyphen fit: one cluster alone.
                let mut end = start + 1;
                while end < sets.len() && attaches(sets[end].atom.c) {
                    end += 1;
                }
                (end, LineEnd::Cut, false)
            }
        };
        let mut line = sets[start..end].to_vec();
        if with_hyphen {
            line.push(hyphen);
        }
        lines.push((line, how));
        start = end;
    }
    (lines, sets[start.min(sets.len())..].to_vec())
}

/// Sets a line's glyphs as pieces. A line ending at a space draws it,
/// uncounted in its width, so that extraction keeps the words apart.
fn set_line(fonts: &mut Fonts, sets: &[Set], end: LineEnd) -> Line {
    let mut set = pieces(fonts, sets);
    set.end = end;
    if end == LineEnd::Space {
        if let Some(last) = set.pieces.last_mut().filter(|p| p.actual_text.is_none()) {
            last.text.push(' ');
        }
    }
    set
}

/// Sets styled spans in lines of at most `max_width` points.
pub fn break_lines(fonts: &mut Fonts, spans: &[Span], base: TextStyle, max_width: f32) -> Vec<Line> {
    let atoms = atoms(spans, base);
    let max_width = max_width.max(1.0);
    // Each line is set as soon as it is complete; its glyphs' vector is
    // reused for the next one.
    let mut lines: Vec<Line> = Vec::new();
    let mut line: Vec<Set> = Vec::new();
    let mut width = 0.0f32;
    let (glyphs, words) = segments(fonts, &atoms);
    for seg in words {
        let sets = &glyphs[seg.sets.clone()];
        if seg.newline_before {
            lines.push(set_line(fonts, &line, LineEnd::Forced));
            line.clear();
            width = 0.0;
        }
        // The space before the word (not at a line start), then the word.
        let space = seg.space_before.filter(|_| !line.is_empty());
        let first = space.as_ref().or(sets.first());
        let mut added = match (line.last(), first) {
            (Some(a), Some(b)) => join_pt(fonts, a, b),
            _ => 0.0,
        };
        if let Some(sp) = &space {
            added += advance_pt(sp);
            if let Some(b) = sets.first() {
                added += join_pt(fonts, sp, b);
            }
        }
        let word_width = width_of(fonts, sets);
        added += word_width;
        if width + added <= max_width + 0.001 {
            line.extend(space);
            line.extend_from_slice(sets);
            width += added;
            continue;
        }
        // Does not fit: start a new line with the segment. Its space ends the
        // previous line, drawn but not counted in the width (invisible), so
        // that text extraction and screen readers keep the words apart.
        if !line.is_empty() {
            // A segment always follows a space here (words are split at spaces only).
            lines.push(set_line(fonts, &line, LineEnd::Space));
            line.clear();
        }
        if word_width <= max_width + 0.001 {
            width = word_width;
            line.extend_from_slice(sets);
        } else {
            // Longer than the whole measure: broken inside.
            let (full, rest) = cut(fonts, sets, &seg.opportunities, max_width);
            for (l, end) in &full {
                lines.push(set_line(fonts, l, *end));
            }
            width = width_of(fonts, &rest);
            line = rest;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(set_line(fonts, &line, LineEnd::Forced));
    }
    lines
}

/// How wide a text wants to be: its longest unbreakable piece (`min`, each
/// piece counted at most `cap`: longer ones will be hyphenated) and its
/// longest line when only forced breaks apply (`max`), in points.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Extent {
    /// The narrowest width that breaks no word, number or identifier.
    pub min: f32,
    /// The width that breaks no line.
    pub max: f32,
}

/// The [`Extent`] of plain text in a style.
pub fn extent(fonts: &mut Fonts, text: &str, style: TextStyle, cap: f32) -> Extent {
    let atoms = atoms(
        &[Span {
            text: text.to_string(),
            bold: false,
            italic: false,
        }],
        style,
    );
    let mut e = Extent::default();
    let mut line_w = 0.0f32;
    let mut last: Option<Set> = None;
    let (glyphs, words) = segments(fonts, &atoms);
    for seg in words {
        let sets = &glyphs[seg.sets.clone()];
        if seg.newline_before {
            e.max = e.max.max(line_w);
            line_w = 0.0;
            last = None;
        }
        let w = width_of(fonts, sets);
        e.min = e.min.max(w.min(cap));
        if let Some(prev) = last {
            line_w += seg.space_before.as_ref().map_or(0.0, advance_pt);
            if let (None, Some(first)) = (&seg.space_before, sets.first()) {
                line_w += join_pt(fonts, &prev, first);
            }
        }
        line_w += w;
        last = sets.last().copied().or(last);
    }
    e.max = e.max.max(line_w);
    e
}

/// Sets one plain string on one line, without breaking (labels, numbers).
pub fn single_line(fonts: &mut Fonts, text: &str, style: TextStyle) -> Line {
    let sets: Vec<Set> = atoms(
        &[Span {
            text: text.to_string(),
            bold: false,
            italic: false,
        }],
        style,
    )
    .into_iter()
    .filter(|a| a.c != '\n')
    .filter_map(|a| shape(fonts, a))
    .collect();
    pieces(fonts, &sets)
}

/// One line of plain text at most `max_width` wide: the whole text when it
/// fits, else as much as fits followed by `…` (one pass).
pub fn fit_with_ellipsis(fonts: &mut Fonts, text: &str, style: TextStyle, max_width: f32) -> Line {
    let sets: Vec<Set> = atoms(
        &[Span {
            text: text.to_string(),
            bold: false,
            italic: false,
        }],
        style,
    )
    .into_iter()
    .map(|a| if a.c == '\n' { Atom { c: ' ', ..a } } else { a })
    .filter_map(|a| shape(fonts, a))
    .collect();
    if width_of(fonts, &sets) <= max_width + 0.001 {
        return pieces(fonts, &sets);
    }
    let ellipsis = shape(fonts, Atom { c: '…', style });
    let room = max_width - ellipsis.as_ref().map_or(0.0, advance_pt);
    let mut w = 0.0;
    let mut end = 0;
    for k in 0..sets.len() {
        let step = advance_pt(&sets[k])
            + if k > 0 {
                join_pt(fonts, &sets[k - 1], &sets[k])
            } else {
                0.0
            };
        if w + step > room {
            break;
        }
        w += step;
        end = k + 1;
    }
    while end > 0 && (sets[end - 1].atom.c == ' ' || attaches(sets.get(end).map_or(' ', |s| s.atom.c))) {
        end -= 1;
    }
    let mut kept = sets[..end].to_vec();
    kept.extend(ellipsis);
    pieces(fonts, &kept)
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
                    joined.replace([' ', SOFT_HYPHEN], ""),
                    text.replace(' ', ""),
                    "no character lost or added but the hyphens of cuts"
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

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn numbers_dates_and_ids_are_never_cut_words_are_hyphenated_in_french() {
        let mut fonts = Fonts::new();
        let style = TextStyle::regular(8.0);
        let amount = "999\u{202F}999\u{202F}999,99\u{A0}€";
        let wide = extent(&mut fonts, amount, style, 1000.0);
        let lines = break_lines(
            &mut fonts,
            &plain(&format!("{amount} au 31/12/2021 pour ind_1 et A-12")),
            style,
            wide.min + 0.5,
        );
        for token in [amount, "31/12/2021", "ind_1", "A-12"] {
            assert!(
                texts(&lines).iter().any(|l| l.contains(token)),
                "{token} whole on a line: {:?}",
                texts(&lines)
            );
        }
        // A word wider than its column: cut at a French syllable, with a hyphen.
        let word = extent(&mut fonts, "certifications", style, 1000.0);
        let lines = break_lines(&mut fonts, &plain("certifications"), style, word.min * 0.7);
        assert!(lines.len() >= 2);
        assert!(
            lines[0].text().ends_with(SOFT_HYPHEN),
            "the cut shows a hyphen: {:?}",
            texts(&lines)
        );
        let first = lines[0].text().trim_end_matches(SOFT_HYPHEN).to_string();
        assert!(
            ["cer", "certi", "certifi", "certifica"].contains(&first.as_str()),
            "cut between syllables (cer-ti-fi-ca-tions), not « {first} »"
        );
        for l in &lines {
            assert!(l.width <= word.min * 0.7 + 0.01, "hyphen included, the line fits");
        }
    }

    #[test]
    fn extent_is_the_longest_token_and_the_longest_line() {
        let mut fonts = Fonts::new();
        let style = TextStyle::regular(8.0);
        let e = extent(&mut fonts, "un mot\nune ligne plus longue", style, 1000.0);
        let longest = single_line(&mut fonts, "longue", style).width;
        let line = single_line(&mut fonts, "une ligne plus longue", style).width;
        assert!((e.min - longest).abs() < 0.01, "{} vs {longest}", e.min);
        assert!((e.max - line).abs() < 0.01, "{} vs {line}", e.max);
        let capped = extent(&mut fonts, &"x".repeat(10_000), style, 50.0);
        assert_eq!(capped.min, 50.0, "a huge word counts for the cap only");
    }

    #[test]
    fn typography_and_ellipsis() {
        let mut fonts = Fonts::new();
        let l = single_line(&mut fonts, "familles? \"oui\"", TextStyle::regular(9.0));
        assert_eq!(l.text(), "familles\u{202F}? «\u{202F}oui\u{202F}»");
        let short = fit_with_ellipsis(&mut fonts, &"mot ".repeat(1000), TextStyle::regular(9.0), 100.0);
        assert!(short.width <= 100.0 && short.text().ends_with('…'), "{}", short.text());
        let zalgo = format!("a{}", "\u{301}".repeat(50_000));
        let z = fit_with_ellipsis(&mut fonts, &zalgo, TextStyle::regular(9.0), 100.0);
        assert!(z.width <= 100.0);
    }

    #[test]
    fn kerning_tightens_and_replacements_keep_the_text() {
        let mut fonts = Fonts::new();
        let av = single_line(&mut fonts, "AVAV", TextStyle::regular(10.0));
        assert!(av.pieces[0].kerns.iter().any(|&(_, k)| k > 0.0), "A V is kerned");
        let cjk = single_line(&mut fonts, "a漢b", TextStyle::regular(10.0));
        assert_eq!(cjk.text(), "a漢b", "the original stays extractable");
        assert_eq!(cjk.pieces[1].actual_text.as_deref(), Some("漢"));
    }
}
