//! The thin renderer: layout boxes to PDF bytes. printpdf subsets the
//! fonts (`printpdf::font::subset_font`, allsorts underneath); the content
//! streams and every object — fonts with `/W` and `/ToUnicode`, pages, link
//! annotations, the structure tree (`/StructTreeRoot`, `/ParentTree`,
//! `/MarkInfo`), the nested outline, the embedded JSON (`/EmbeddedFiles` and
//! `/AF`), `/Lang`, metadata with an explicit date and a deterministic file
//! identifier — are written directly by [`crate::syntax`], because going
//! through printpdf's operations and lopdf's document model was 60 % of the
//! export time. The same layout and metadata always give the same bytes.

use crate::fonts::{FaceId, FastMap};
use crate::layout::{Destination, Document, Item, NodeId, Tag};
use crate::syntax::{self, Body};
use crate::text::Rgb;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Document metadata.
#[derive(Debug, Clone)]
pub struct Metadata {
    /// Title (shown in the viewer's title bar).
    pub title: String,
    /// Author(s).
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Keywords.
    pub keywords: String,
    /// Creation date, RFC 3339 UTC (`2026-11-23T10:00:00Z`).
    pub created: String,
}

/// A file carried inside the PDF.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// File name.
    pub name: String,
    /// MIME type.
    pub mime: String,
    /// Description.
    pub description: String,
    /// Exact bytes.
    pub bytes: Vec<u8>,
}

/// An outline entry (bookmark) with its children.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// Title.
    pub title: String,
    /// Target.
    pub to: Destination,
    /// Sub-entries.
    pub children: Vec<Bookmark>,
}

/// Builds the nested outline from the document's headings (levels 1 and 2).
pub fn outline(doc: &Document) -> Vec<Bookmark> {
    let mut out: Vec<Bookmark> = Vec::new();
    for h in &doc.headings {
        let b = Bookmark {
            title: h.title.clone(),
            to: h.at,
            children: Vec::new(),
        };
        match (h.level, out.last_mut()) {
            (1, _) | (_, None) => out.push(b),
            (2, Some(parent)) => parent.children.push(b),
            (_, Some(parent)) => match parent.children.last_mut() {
                Some(sub) => sub.children.push(b),
                None => parent.children.push(b),
            },
        }
    }
    out
}

fn xml_escape(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\t' || *c == '\n')
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// The XMP packet: Dublin Core title, author, subject and language, dates,
/// and the PDF/UA-1 identifier.
fn xmp(meta: &Metadata) -> String {
    let (title, author, subject) = (
        xml_escape(&meta.title),
        xml_escape(&meta.author),
        xml_escape(&meta.subject),
    );
    let (keywords, date) = (xml_escape(&meta.keywords), xml_escape(&meta.created));
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
<dc:language><rdf:Bag><rdf:li>fr-FR</rdf:li></rdf:Bag></dc:language>\n\
<pdf:Keywords>{keywords}</pdf:Keywords>\n\
<pdf:Producer>Feuilles de route (printpdf)</pdf:Producer>\n\
<xmp:CreatorTool>Feuilles de route</xmp:CreatorTool>\n\
<xmp:CreateDate>{date}</xmp:CreateDate>\n\
<xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
<pdfuaid:part>1</pdfuaid:part>\n\
</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>"
    )
}

/// `D:YYYYMMDDHHmmSSZ` from an RFC 3339 UTC timestamp (falls back to the epoch).
fn pdf_date(rfc3339: &str) -> String {
    let digits: String = rfc3339.chars().filter(char::is_ascii_digit).take(14).collect();
    if digits.len() == 14 {
        format!("D:{digits}Z")
    } else {
        "D:19700101000000Z".to_string()
    }
}

/// Where each marked-content sequence went: (page, MCID) → node.
struct Marks {
    /// Whether to write marked content and the structure tree at all (off
    /// only to measure what tagging costs).
    tagged: bool,
    /// Per page, the node of each MCID in order.
    per_page: Vec<Vec<NodeId>>,
}

/// Graphics and text state already set on the page, so that each operator
/// is written only when its value changes (both persist across BT/ET).
#[derive(Default)]
struct State {
    font: Option<(FaceId, u32)>,
    fill: Option<(u32, u32, u32)>,
    stroke: Option<(u32, u32, u32)>,
    width: Option<u32>,
    /// The text leading (`TL`) in hundredths of a point: 0 at a page's start.
    leading: i64,
}

fn key(c: Rgb) -> (u32, u32, u32) {
    (c.0.to_bits(), c.1.to_bits(), c.2.to_bits())
}

fn rgb(out: &mut String, c: Rgb, op: &str) {
    syntax::component(out, c.0);
    out.push(' ');
    syntax::component(out, c.1);
    out.push(' ');
    syntax::component(out, c.2);
    out.push(' ');
    out.push_str(op);
    out.push('\n');
}

fn num(out: &mut String, v: f32) {
    syntax::number(out, v);
}

/// Moves the text line by `(dx, dy)` hundredths of a point: `T*` when it is
/// the next line at the current leading (most lines of a paragraph), `TD`
/// when a line below starts another leading, `Td` otherwise.
fn move_to(out: &mut String, state: &mut State, (dx, dy): (i64, i64)) {
    if dx == 0 && dy < 0 && -dy == state.leading {
        out.push_str("T*\n");
        return;
    }
    syntax::hundredths(out, dx);
    out.push(' ');
    syntax::hundredths(out, dy);
    if dy < 0 {
        out.push_str(" TD\n");
        state.leading = -dy;
    } else {
        out.push_str(" Td\n");
    }
}

/// One face as embedded: its glyphs by character, and the subset's glyph
/// id for each original one.
struct FaceUse {
    face: ttf_parser::Face<'static>,
    /// Character → glyph id: the original's, then (once subset) the subset's.
    by_char: FastMap<char, u16>,
    /// Original glyph id → the text it stands for (first character seen).
    used: BTreeMap<u16, String>,
}

impl FaceUse {
    fn new(id: FaceId) -> Self {
        Self {
            face: ttf_parser::Face::parse(id.bytes(), 0).expect("the embedded fonts are valid (tested)"),
            by_char: FastMap::default(),
            used: BTreeMap::new(),
        }
    }

    /// Notes that `c` is drawn.
    fn glyph(&mut self, c: char) {
        if self.by_char.contains_key(&c) {
            return;
        }
        let gid = self.face.glyph_index(c).map_or(0, |g| g.0);
        self.by_char.insert(c, gid);
        if gid != 0 {
            self.used.entry(gid).or_insert_with(|| c.to_string());
        }
    }

    /// The subset's glyph id for `c` (after [`embed_font`]).
    fn subset_glyph(&self, c: char) -> u16 {
        self.by_char.get(&c).copied().unwrap_or(0)
    }
}

/// The content stream of one page, and the node of each of its MCIDs in
/// order (empty when untagged).
fn page_content(doc: &Document, page_index: usize, tagged: bool, faces: &[Option<FaceUse>]) -> (String, Vec<NodeId>) {
    let page = &doc.pages[page_index];
    let h = page.geometry.height;
    let mut out = String::with_capacity(32 * 1024);
    let mut state = State::default();
    let mut i = 0;
    let mut mcids: Vec<NodeId> = Vec::new();
    while i < page.items.len() {
        let tag = page.items[i].tag;
        let mut j = i + 1;
        while j < page.items.len() && page.items[j].tag == tag {
            j += 1;
        }
        // Links draw nothing: a run of only links gets no marked content.
        let draws = tagged && page.items[i..j].iter().any(|p| !matches!(p.item, Item::Link { .. }));
        if draws {
            match tag {
                Tag::Artifact => out.push_str("/Artifact BMC\n"),
                Tag::Node(node) => {
                    let role = doc.tree.nodes[node].role.name();
                    let _ = writeln!(out, "/{role}<</MCID {}>>BDC", mcids.len());
                    mcids.push(node);
                }
            }
        }
        // One text object for the lines that follow one another in a run,
        // whatever their faces: `Tf` is switched inside it, and each piece
        // moves from the one before by a relative move computed in whole
        // hundredths of a point, so no rounding accumulates (see `move_to`).
        // Rules and fills cannot be drawn inside a text object: they close it.
        let mut text_origin: Option<(i64, i64)> = None;
        for placed in &page.items[i..j] {
            if !matches!(placed.item, Item::Text { .. } | Item::Link { .. }) && text_origin.take().is_some() {
                out.push_str("ET\n");
            }
            match &placed.item {
                Item::Text { x, y, line } => {
                    if line.pieces.is_empty() {
                        continue;
                    }
                    let mut origin = text_origin.unwrap_or_else(|| {
                        out.push_str("BT\n");
                        (0, 0)
                    });
                    let baseline = syntax::to_hundredths(h - y);
                    for piece in &line.pieces {
                        if let Some(actual) = &piece.actual_text {
                            out.push_str("/Span <</ActualText ");
                            syntax::utf16_hex(&mut out, actual);
                            out.push_str(">> BDC\n");
                        }
                        let font = (piece.face, piece.size.to_bits());
                        if state.font != Some(font) {
                            let _ = write!(out, "/{} ", piece.face.resource_name());
                            num(&mut out, piece.size);
                            out.push_str(" Tf\n");
                            state.font = Some(font);
                        }
                        if state.fill != Some(key(piece.color)) {
                            rgb(&mut out, piece.color, "rg");
                            state.fill = Some(key(piece.color));
                        }
                        let at = (syntax::to_hundredths(x + piece.x), baseline);
                        move_to(&mut out, &mut state, (at.0 - origin.0, at.1 - origin.1));
                        out.push('[');
                        origin = at;
                        let face = faces[piece.face.index()]
                            .as_ref()
                            .expect("every face drawn was embedded");
                        out.push('<');
                        let mut kerns = piece.kerns.iter().peekable();
                        for (i, c) in piece.text.chars().enumerate() {
                            if let Some((_, k)) = kerns.next_if(|(at, _)| *at as usize == i) {
                                out.push('>');
                                let _ = write!(out, "{}", k.round() as i32);
                                out.push('<');
                            }
                            syntax::hex4(&mut out, face.subset_glyph(c));
                        }
                        out.push('>');
                        out.push_str("] TJ\n");
                        if piece.actual_text.is_some() {
                            out.push_str("EMC\n");
                        }
                    }
                    text_origin = Some(origin);
                }
                Item::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color: c,
                } => {
                    if state.stroke != Some(key(*c)) {
                        rgb(&mut out, *c, "RG");
                        state.stroke = Some(key(*c));
                    }
                    if state.width != Some(width.to_bits()) {
                        num(&mut out, *width);
                        out.push_str(" w\n");
                        state.width = Some(width.to_bits());
                    }
                    num(&mut out, *x1);
                    out.push(' ');
                    num(&mut out, h - y1);
                    out.push_str(" m ");
                    num(&mut out, *x2);
                    out.push(' ');
                    num(&mut out, h - y2);
                    out.push_str(" l S\n");
                }
                Item::Fill {
                    x,
                    y,
                    w,
                    h: height,
                    color: c,
                } => {
                    if state.fill != Some(key(*c)) {
                        rgb(&mut out, *c, "rg");
                        state.fill = Some(key(*c));
                    }
                    num(&mut out, *x);
                    out.push(' ');
                    num(&mut out, h - y - height);
                    out.push(' ');
                    num(&mut out, *w);
                    out.push(' ');
                    num(&mut out, *height);
                    out.push_str(" re f\n");
                }
                Item::Link { .. } => {}
            }
        }
        if text_origin.is_some() {
            out.push_str("ET\n");
        }
        if draws {
            out.push_str("EMC\n");
        }
        i = j;
    }
    (out, mcids)
}

/// Every page's content stream and MCIDs, in page order: the two halves of
/// the document on two threads (each page's stream depends only on it; a
/// consolidation has thousands of pages).
fn page_contents(doc: &Document, tagged: bool, faces: &[Option<FaceUse>]) -> Vec<(String, Vec<NodeId>)> {
    let n = doc.pages.len();
    let range = |pages: std::ops::Range<usize>| -> Vec<(String, Vec<NodeId>)> {
        pages.map(|i| page_content(doc, i, tagged, faces)).collect()
    };
    if n < 8 {
        return range(0..n);
    }
    let middle = n / 2;
    let (mut first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| range(middle..n));
        let first = range(0..middle);
        (first, second.join().expect("a page's content cannot panic"))
    });
    first.extend(second);
    first
}

/// Every glyph the document draws, by face (the subsets are made of them).
fn collect_glyphs(doc: &Document) -> Vec<Option<FaceUse>> {
    let mut faces: Vec<Option<FaceUse>> = FaceId::ALL.iter().map(|_| None).collect();
    for page in &doc.pages {
        for placed in &page.items {
            if let Item::Text { line, .. } = &placed.item {
                for piece in &line.pieces {
                    let face = faces[piece.face.index()].get_or_insert_with(|| FaceUse::new(piece.face));
                    piece.text.chars().for_each(|c| face.glyph(c));
                }
            }
        }
    }
    faces
}

/// Renders a laid-out document to PDF bytes.
pub fn render(doc: &Document, meta: &Metadata, attachments: &[Attachment]) -> Vec<u8> {
    render_with(doc, meta, attachments, RenderOptions { tagged: true })
}

/// Rendering switches.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Tagged PDF (always, but for measuring the cost of tagging).
    pub tagged: bool,
}

/// A destination `[page /XYZ null y null]`; `heights` are the pages' heights.
fn dest(body: &mut Body, pages: &[u32], to: Destination, heights: &[f32]) {
    let index = if to.page < pages.len() { to.page } else { 0 };
    body.raw(" [").reference(pages[index]).raw(" /XYZ null");
    body.number(heights[index] - to.y + 4.0).raw(" null]");
}

fn add_outline(
    file: &mut syntax::File,
    items: &[Bookmark],
    parent: u32,
    pages: &[u32],
    heights: &[f32],
) -> (u32, u32, i64) {
    let ids: Vec<u32> = items.iter().map(|_| file.reserve()).collect();
    let mut count = 0i64;
    for (i, b) in items.iter().enumerate() {
        let mut d = Body::default();
        d.raw("<< /Title")
            .text(&b.title)
            .raw(" /Parent")
            .reference(parent)
            .raw(" /Dest");
        dest(&mut d, pages, b.to, heights);
        if i > 0 {
            d.raw(" /Prev").reference(ids[i - 1]);
        }
        if i + 1 < ids.len() {
            d.raw(" /Next").reference(ids[i + 1]);
        }
        count += 1;
        if !b.children.is_empty() {
            let (first, last, n) = add_outline(file, &b.children, ids[i], pages, heights);
            d.raw(" /First").reference(first).raw(" /Last").reference(last);
            // Positive: open at level 1 so sections show their sub-sections.
            let _ = write!(d.0, " /Count {n}");
            count += n;
        }
        d.raw(" >>");
        file.object(ids[i], d.0);
    }
    (ids[0], ids[ids.len() - 1], count)
}

/// The PostScript name each face is embedded under.
fn base_font(face: FaceId) -> &'static str {
    match face {
        FaceId::Regular => "NotoSans-Regular",
        FaceId::Bold => "NotoSans-Bold",
        FaceId::Italic => "NotoSans-Italic",
        FaceId::BoldItalic => "NotoSans-BoldItalic",
        FaceId::Fallback => "DejaVuSans",
        FaceId::Emoji => "NotoEmoji-Regular",
    }
}

/// Subsets a used face and writes its Type 0 font (descendant CIDFontType2,
/// descriptor, font program, `/W`, `/ToUnicode`); from then on the face
/// maps characters to the subset's glyph ids.
fn embed_font(file: &mut syntax::File, id: FaceId, face: &mut FaceUse) -> u32 {
    let mut warnings = Vec::new();
    let parsed =
        printpdf::ParsedFont::from_bytes(id.bytes(), 0, &mut warnings).expect("the embedded fonts parse (tested)");
    let subset = printpdf::font::subset_font(&parsed, &face.used).expect("the embedded fonts subset (tested)");
    let upem = f32::from(face.face.units_per_em());
    let scale = |v: f32| (v * 1000.0 / upem).round();
    let mut widths = Body::default();
    let mut cmap = String::new();
    let mut last: Option<u16> = None;
    let mut remap: FastMap<u16, u16> = FastMap::default();
    let mut pairs: Vec<(u16, u16, &String)> = subset
        .glyph_mapping
        .iter()
        .map(|(orig, (new, text))| (*new, *orig, text))
        .collect();
    pairs.sort_by_key(|p| p.0);
    widths.raw("[");
    for (new, orig, _) in &pairs {
        remap.insert(*orig, *new);
        let w = scale(f32::from(
            face.face.glyph_hor_advance(ttf_parser::GlyphId(*orig)).unwrap_or(0),
        ));
        if last.is_some_and(|l| l + 1 == *new) {
            widths.number(w);
        } else {
            if last.is_some() {
                widths.raw("]");
            }
            let _ = write!(widths.0, " {new} [");
            num(&mut widths.0, w);
        }
        last = Some(*new);
    }
    if last.is_some() {
        widths.raw("]");
    }
    widths.raw(" ]");
    // From now on, characters map straight to the subset's glyph ids.
    for gid in face.by_char.values_mut() {
        *gid = remap.get(gid).copied().unwrap_or(0);
    }
    for block in pairs.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", block.len());
        for (new, _, text) in block {
            let _ = write!(cmap, "<{new:04x}> <");
            for unit in text.encode_utf16() {
                let _ = write!(cmap, "{unit:04x}");
            }
            cmap.push_str(">\n");
        }
        cmap.push_str("endbfchar\n");
    }
    let to_unicode = format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n{cmap}\
endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    );
    let name = format!("{}+{}", id.resource_name(), base_font(id));
    let (type0, cid, descriptor, program, unicode) = (
        file.reserve(),
        file.reserve(),
        file.reserve(),
        file.reserve(),
        file.reserve(),
    );
    let program_len = subset.bytes.len();
    file.stream(program, format!(" /Length1 {program_len}"), subset.bytes, true);
    file.stream(unicode, String::new(), to_unicode.into_bytes(), true);
    let f = &face.face;
    let bbox = f.global_bounding_box();
    let italic = matches!(id, FaceId::Italic | FaceId::BoldItalic);
    let mut d = Body::default();
    let _ = write!(
        d.0,
        "<< /Type /FontDescriptor /FontName /{name} /Flags {} /FontBBox [{} {} {} {}] /ItalicAngle {} /Ascent {} /Descent {} /CapHeight {} /StemV {} /FontFile2",
        if italic { 96 } else { 32 },
        scale(f32::from(bbox.x_min)),
        scale(f32::from(bbox.y_min)),
        scale(f32::from(bbox.x_max)),
        scale(f32::from(bbox.y_max)),
        f.italic_angle().round(),
        scale(f32::from(f.ascender())),
        scale(f32::from(f.descender())),
        scale(f32::from(f.capital_height().unwrap_or(f.ascender()))),
        if matches!(id, FaceId::Bold | FaceId::BoldItalic) { 140 } else { 80 },
    );
    d.reference(program).raw(" >>");
    file.object(descriptor, d.0);
    let mut d = Body::default();
    let _ = write!(
        d.0,
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /CIDToGIDMap /Identity /DW 1000 /W {} /FontDescriptor",
        widths.0.trim_start()
    );
    d.reference(descriptor).raw(" >>");
    file.object(cid, d.0);
    let mut d = Body::default();
    let _ = write!(
        d.0,
        "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts ["
    );
    d.reference(cid).raw(" ] /ToUnicode").reference(unicode).raw(" >>");
    file.object(type0, d.0);
    type0
}

/// [`render`] with switches.
pub fn render_with(doc: &Document, meta: &Metadata, attachments: &[Attachment], options: RenderOptions) -> Vec<u8> {
    let t0 = std::time::Instant::now();
    let heights: Vec<f32> = doc.pages.iter().map(|p| p.geometry.height).collect();
    let mut file = syntax::File::new(64 * 1024 + attachments.iter().map(|a| a.bytes.len()).sum::<usize>());
    let catalog = file.reserve();
    let pages_id = file.reserve();
    let resources = file.reserve();
    let pages: Vec<u32> = doc.pages.iter().map(|_| file.reserve()).collect();
    let mut marks = Marks {
        tagged: options.tagged,
        per_page: Vec::new(),
    };

    // The glyphs drawn, the subsets, then the content streams.
    let mut faces = collect_glyphs(doc);
    let t1 = std::time::Instant::now();
    let mut font_refs = String::from("<< /Font <<");
    for id in FaceId::ALL {
        if let Some(face) = faces[id.index()].as_mut() {
            let font = embed_font(&mut file, id, face);
            let _ = write!(font_refs, " /{} {font} 0 R", id.resource_name());
        }
    }
    font_refs.push_str(" >> >>");
    file.object(resources, font_refs);
    let t2 = std::time::Instant::now();
    let (contents, per_page): (Vec<String>, Vec<Vec<NodeId>>) =
        page_contents(doc, marks.tagged, &faces).into_iter().unzip();
    marks.per_page = per_page;

    // Link annotations, each with its Link element.
    let elem_ids: Vec<u32> = if marks.tagged {
        doc.tree.nodes.iter().map(|_| file.reserve()).collect()
    } else {
        Vec::new()
    };
    let mut objrs: Vec<Vec<String>> = vec![Vec::new(); doc.tree.nodes.len()];
    let mut parent_tree: Vec<(i64, u32)> = Vec::new();
    let mut next_key = marks.per_page.len() as i64;
    let mut annots_per_page: Vec<Vec<u32>> = vec![Vec::new(); pages.len()];
    for (p, page) in doc.pages.iter().enumerate() {
        for placed in &page.items {
            if let Item::Link { x, y, w, h, to } = &placed.item {
                let annot = file.reserve();
                let mut d = Body::default();
                d.raw("<< /Type /Annot /Subtype /Link /Rect [");
                let height = heights[p];
                d.number(*x).number(height - y - h).number(x + w).number(height - y);
                d.raw(" ] /Border [0 0 0] /Dest");
                dest(&mut d, &pages, *to, &heights);
                d.raw(" /P").reference(pages[p]);
                if let (true, Tag::Node(node)) = (marks.tagged, placed.tag) {
                    let _ = write!(d.0, " /StructParent {next_key}");
                    d.raw(" /Contents").text("Aller à la section");
                    parent_tree.push((next_key, elem_ids[node]));
                    next_key += 1;
                    let mut r = Body::default();
                    r.raw("<< /Type /OBJR /Obj")
                        .reference(annot)
                        .raw(" /Pg")
                        .reference(pages[p])
                        .raw(" >>");
                    objrs[node].push(r.0);
                }
                d.raw(" >>");
                file.object(annot, d.0);
                annots_per_page[p].push(annot);
            }
        }
    }

    // Structure tree: one StructElem per node, kids in reading order. A node
    // on one page gets that page as /Pg and bare MCIDs; a node spanning pages
    // gets MCR dictionaries.
    let tree_root = if !marks.tagged {
        None
    } else {
        let mut content: Vec<Vec<(usize, usize)>> = vec![Vec::new(); doc.tree.nodes.len()];
        for (p, mcids) in marks.per_page.iter().enumerate() {
            for (mcid, node) in mcids.iter().enumerate() {
                content[*node].push((p, mcid));
            }
        }
        let tree_root = file.reserve();
        for (n, node) in doc.tree.nodes.iter().enumerate() {
            let marked = &content[n];
            let one_page = marked
                .first()
                .map(|(p, _)| *p)
                .filter(|p| marked.iter().all(|(q, _)| q == p));
            // Written compactly (no optional /Type, no spaces around
            // delimiters), straight into the object stream: a 400-action
            // roadmap has 22,000 elements.
            let parent = node.parent.map_or(tree_root, |p| elem_ids[p]);
            let objr = &objrs[n];
            file.object_with(elem_ids[n], |e| {
                e.push_str("<</S/");
                e.push_str(node.role.name());
                e.push_str("/P");
                syntax::reference(e, parent);
                let count = marked.len() + objr.len() + node.children.len();
                if count > 0 {
                    e.push_str(if count > 1 { "/K[" } else { "/K" });
                    for (p, mcid) in marked {
                        if one_page.is_some() {
                            e.push(' ');
                            syntax::push_uint(e, *mcid as u64);
                        } else {
                            e.push_str("<</Type/MCR/Pg");
                            syntax::reference(e, pages[*p]);
                            e.push_str("/MCID ");
                            syntax::push_uint(e, *mcid as u64);
                            e.push_str(">>");
                        }
                    }
                    for r in objr {
                        e.push_str(r);
                    }
                    for c in &node.children {
                        syntax::reference(e, elem_ids[*c]);
                    }
                    if count > 1 {
                        e.push(']');
                    }
                }
                if let Some(p) = one_page {
                    e.push_str("/Pg");
                    syntax::reference(e, pages[p]);
                }
                if let Some(alt) = &node.alt {
                    e.push_str("/Alt ");
                    syntax::text_string(e, alt);
                }
                if let Some(column) = node.column_scope {
                    e.push_str(if column {
                        "/A<</O/Table/Scope/Column>>"
                    } else {
                        "/A<</O/Table/Scope/Row>>"
                    });
                }
                if node.role == crate::layout::Role::Document {
                    e.push_str("/Lang(fr-FR)");
                }
                e.push_str(">>");
            });
        }
        let mut nums = String::new();
        for (p, mcids) in marks.per_page.iter().enumerate() {
            let _ = write!(nums, " {p} [");
            for n in mcids {
                syntax::reference(&mut nums, elem_ids[*n]);
            }
            nums.push(']');
        }
        for (key, elem) in &parent_tree {
            let _ = write!(nums, " {key} {elem} 0 R");
        }
        let parent_tree_id = file.reserve();
        file.object(parent_tree_id, format!("<< /Nums [{nums} ] >>"));
        file.object(
            tree_root,
            format!(
                "<< /Type /StructTreeRoot /K {} 0 R /ParentTree {parent_tree_id} 0 R /ParentTreeNextKey {next_key} >>",
                elem_ids[0]
            ),
        );
        Some(tree_root)
    };

    // Pages.
    for (p, content) in contents.into_iter().enumerate() {
        let (w, h) = (doc.pages[p].geometry.width, doc.pages[p].geometry.height);
        let stream = file.reserve();
        file.stream(stream, String::new(), content.into_bytes(), true);
        let mut d = Body::default();
        d.raw("<< /Type /Page /Parent")
            .reference(pages_id)
            .raw(" /MediaBox [0 0");
        d.number(w).number(h).raw("] /Resources").reference(resources);
        d.raw(" /Contents").reference(stream);
        if marks.tagged {
            let _ = write!(d.0, " /StructParents {p}");
        }
        d.raw(" /Tabs /S");
        if !annots_per_page[p].is_empty() {
            d.raw(" /Annots [");
            for a in &annots_per_page[p] {
                d.reference(*a);
            }
            d.raw(" ]");
        }
        d.raw(" >>");
        file.object(pages[p], d.0);
    }
    let mut kids = Body::default();
    for p in &pages {
        kids.reference(*p);
    }
    file.object(
        pages_id,
        format!("<< /Type /Pages /Kids [{} ] /Count {} >>", kids.0, pages.len()),
    );

    // Outline.
    let bookmarks = outline(doc);
    let outline_root = if bookmarks.is_empty() {
        None
    } else {
        let root = file.reserve();
        let (first, last, count) = add_outline(&mut file, &bookmarks, root, &pages, &heights);
        file.object(
            root,
            format!("<< /Type /Outlines /First {first} 0 R /Last {last} 0 R /Count {count} >>"),
        );
        Some(root)
    };

    // The attachments, by name (a name tree lists its keys in order).
    let date = pdf_date(&meta.created);
    let mut sorted: Vec<&Attachment> = attachments.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let mut filespecs: Vec<(String, u32)> = Vec::new();
    for a in sorted {
        let (data, spec) = (file.reserve(), file.reserve());
        file.stream(
            data,
            format!(
                " /Type /EmbeddedFile /Subtype /{} /Params << /Size {} /CreationDate ({date}) /ModDate ({date}) >>",
                a.mime.replace('/', "#2F"),
                a.bytes.len()
            ),
            a.bytes.clone(),
            true,
        );
        let mut d = Body::default();
        d.raw("<< /Type /Filespec /F")
            .literal(&a.name)
            .raw(" /UF")
            .text(&a.name);
        d.raw(" /Desc")
            .text(&a.description)
            .raw(" /AFRelationship /Data /EF << /F");
        d.reference(data).raw(" /UF").reference(data).raw(" >> >>");
        file.object(spec, d.0);
        filespecs.push((a.name.clone(), spec));
    }

    // Metadata, with the export date rather than the clock.
    let xmp_id = file.reserve();
    file.stream(
        xmp_id,
        " /Type /Metadata /Subtype /XML".into(),
        xmp(meta).into_bytes(),
        false,
    );
    let info = file.reserve();
    let mut d = Body::default();
    d.raw("<< /Title").text(&meta.title).raw(" /Author").text(&meta.author);
    d.raw(" /Subject")
        .text(&meta.subject)
        .raw(" /Keywords")
        .text(&meta.keywords);
    d.raw(" /Creator")
        .text("Feuilles de route")
        .raw(" /Producer")
        .text(PRODUCER);
    let _ = write!(d.0, " /CreationDate ({date}) /ModDate ({date}) >>");
    file.object(info, d.0);

    let mut c = Body::default();
    c.raw("<< /Type /Catalog /Pages")
        .reference(pages_id)
        .raw(" /Metadata")
        .reference(xmp_id);
    c.raw(" /Lang (fr-FR) /ViewerPreferences << /DisplayDocTitle true >>");
    if let Some(tree_root) = tree_root {
        c.raw(" /MarkInfo << /Marked true >> /StructTreeRoot")
            .reference(tree_root);
    }
    if let Some(root) = outline_root {
        c.raw(" /Outlines").reference(root).raw(" /PageMode /UseOutlines");
    }
    if !filespecs.is_empty() {
        c.raw(" /Names << /EmbeddedFiles << /Names [");
        for (name, spec) in &filespecs {
            c.literal(name).reference(*spec);
        }
        c.raw(" ] >> >> /AF [");
        for (_, spec) in &filespecs {
            c.reference(*spec);
        }
        c.raw(" ]");
    }
    c.raw(" >>");
    file.object(catalog, c.0);

    // A deterministic file identifier: the same content gives the same id.
    let mut hash = Sha256::new();
    hash.update(meta.title.as_bytes());
    hash.update(meta.created.as_bytes());
    for a in attachments {
        hash.update(&a.bytes);
    }
    hash.update((doc.pages.len() as u64).to_be_bytes());
    let id: String = hash.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect();
    let t3 = std::time::Instant::now();
    let out = file.finish(&format!("/Root {catalog} 0 R /Info {info} 0 R /ID [<{id}> <{id}>]"));
    if std::env::var_os("FDR_PDF_TIMING").is_some() {
        let ms = |a: std::time::Instant, b: std::time::Instant| (b - a).as_secs_f64() * 1000.0;
        eprintln!(
            "glyphs {:.1} fonts {:.1} content+objects {:.1} deflate+write {:.1}",
            ms(t0, t1),
            ms(t1, t2),
            ms(t2, t3),
            ms(t3, std::time::Instant::now())
        );
    }
    out
}

/// The producer named in the metadata.
const PRODUCER: &str = "Feuilles de route (printpdf)";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Fonts;
    use crate::layout::{styles, Flow, Geometry, StructTree};

    /// Replays a content stream's text operators: the absolute origin, in
    /// hundredths of a point, of every `TJ`, and how many text objects.
    fn text_origins(content: &str) -> (Vec<(i64, i64)>, usize) {
        let (mut origins, mut objects) = (Vec::new(), 0);
        let (mut line, mut leading) = ((0i64, 0i64), 0i64);
        let mut operands: Vec<&str> = Vec::new();
        for token in content.split_whitespace() {
            match token {
                "BT" => {
                    objects += 1;
                    line = (0, 0);
                }
                "Td" | "TD" => {
                    let at = |s: &str| (s.parse::<f64>().expect("a Td operand is a number") * 100.0).round() as i64;
                    let n = operands.len();
                    let (dx, dy) = (at(operands[n - 2]), at(operands[n - 1]));
                    line = (line.0 + dx, line.1 + dy);
                    if token == "TD" {
                        leading = -dy;
                    }
                }
                "T*" => line = (line.0, line.1 - leading),
                t if t.ends_with("TJ") => origins.push(line),
                _ => {}
            }
            operands.push(token);
        }
        (origins, objects)
    }

    #[test]
    fn the_lines_of_a_run_share_one_text_object_and_each_piece_lands_where_the_layout_put_it() {
        let mut fonts = Fonts::new();
        let mut flow = Flow::new(&mut fonts, Geometry::a4());
        let text = "Bravo 👍 merci ✓ → ≥ ½ € **gras** *italique* 😀👍🎉✅ fin de la ligne et la suite.\n".repeat(30);
        flow.markdown(&text, styles::BODY, StructTree::ROOT);
        let doc = flow.finish();
        let faces = collect_glyphs(&doc);
        let page = &doc.pages[0];
        let h = page.geometry.height;
        let expected: Vec<(i64, i64)> = page
            .items
            .iter()
            .filter_map(|p| match &p.item {
                Item::Text { x, y, line } => Some((x, y, line)),
                _ => None,
            })
            .flat_map(|(x, y, line)| {
                line.pieces
                    .iter()
                    .map(move |piece| (syntax::to_hundredths(x + piece.x), syntax::to_hundredths(h - y)))
            })
            .collect();
        let (content, _) = page_content(&doc, 0, true, &faces);
        let (origins, objects) = text_origins(&content);
        assert!(expected.len() > 100, "the page holds many pieces in several faces");
        assert_eq!(
            origins, expected,
            "relative moves add up exactly to each piece's position (no rounding drift)"
        );
        assert!(
            objects * 10 < expected.len(),
            "one paragraph's lines share a text object ({objects} objects for {} pieces)",
            expected.len()
        );
        assert_eq!(
            content.matches("BT").count(),
            content.matches("ET\n").count(),
            "every text object is closed"
        );
    }
}
