//! The thin renderer: layout boxes to printpdf operations, then lopdf
//! post-processing for what printpdf does not write — the embedded JSON
//! (`/EmbeddedFiles` and `/AF`), `/Lang`, the nested outline, link
//! annotations, the structure tree (`/StructTreeRoot`, `/ParentTree`,
//! `/MarkInfo`), document metadata with an explicit date, and a
//! deterministic file identifier. The same layout and metadata always give
//! the same bytes.

use crate::fonts::FaceId;
use crate::layout::{Destination, Document, Item, NodeId, Tag};
use crate::text::{Chunk, Rgb};
use lopdf::{dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Color, DictItem, FontId, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Polygon, PolygonRing, Pt, TextItem, WindingOrder,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

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

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

fn pt(v: f32) -> Pt {
    Pt(v)
}

/// A PDF text string: ASCII as is, otherwise UTF-16BE with its byte-order mark.
fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

fn utf16_dict_string(s: &str) -> DictItem {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    DictItem::String {
        data: bytes,
        literal: false,
    }
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
<pdf:Producer>Feuilles de route (printpdf, lopdf)</pdf:Producer>\n\
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

/// Rounds a coordinate to 1/100 pt: invisible, and the content streams
/// compress far better.
fn r2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// Graphics and text state already set on the page, so that each operator
/// is written only when its value changes (both persist across BT/ET).
#[derive(Default)]
struct State {
    font: Option<(FaceId, u32)>,
    fill: Option<(u32, u32, u32)>,
    stroke: Option<(u32, u32, u32)>,
    width: Option<u32>,
}

fn key(c: Rgb) -> (u32, u32, u32) {
    (c.0.to_bits(), c.1.to_bits(), c.2.to_bits())
}

fn page_ops(doc: &Document, page_index: usize, marks: &mut Marks) -> Vec<Op> {
    let h = doc.geometry.height;
    let page = &doc.pages[page_index];
    let mut ops = Vec::new();
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
        let draws = marks.tagged && page.items[i..j].iter().any(|p| !matches!(p.item, Item::Link { .. }));
        if draws {
            match tag {
                Tag::Artifact => ops.push(Op::BeginMarkedContent { tag: "Artifact".into() }),
                Tag::Node(node) => {
                    let role = doc.tree.nodes[node].role.name();
                    let mut map = BTreeMap::new();
                    map.insert("MCID".to_string(), DictItem::Int(mcids.len() as i64));
                    ops.push(Op::BeginMarkedContentWithProperties {
                        tag: role.into(),
                        properties: DictItem::Dict { map },
                    });
                    mcids.push(node);
                }
            }
        }
        for placed in &page.items[i..j] {
            match &placed.item {
                Item::Text { x, y, line } => {
                    for piece in &line.pieces {
                        if let Some(actual) = &piece.actual_text {
                            let mut map = BTreeMap::new();
                            map.insert("ActualText".to_string(), utf16_dict_string(actual));
                            ops.push(Op::BeginMarkedContentWithProperties {
                                tag: "Span".into(),
                                properties: DictItem::Dict { map },
                            });
                        }
                        ops.push(Op::StartTextSection);
                        let font = (piece.face, piece.size.to_bits());
                        if state.font != Some(font) {
                            ops.push(Op::SetFont {
                                font: PdfFontHandle::External(FontId(piece.face.resource_name().into())),
                                size: pt(piece.size),
                            });
                            state.font = Some(font);
                        }
                        if state.fill != Some(key(piece.color)) {
                            ops.push(Op::SetFillColor {
                                col: color(piece.color),
                            });
                            state.fill = Some(key(piece.color));
                        }
                        ops.push(Op::SetTextCursor {
                            pos: Point {
                                x: pt(r2(x + piece.x)),
                                y: pt(r2(h - y)),
                            },
                        });
                        let items = piece
                            .chunks
                            .iter()
                            .map(|c| match c {
                                Chunk::Text(t) => TextItem::Text(t.clone()),
                                Chunk::Kern(k) => TextItem::Offset(k.round()),
                            })
                            .collect();
                        ops.push(Op::ShowText { items });
                        ops.push(Op::EndTextSection);
                        if piece.actual_text.is_some() {
                            ops.push(Op::EndMarkedContent);
                        }
                    }
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
                        ops.push(Op::SetOutlineColor { col: color(*c) });
                        state.stroke = Some(key(*c));
                    }
                    if state.width != Some(width.to_bits()) {
                        ops.push(Op::SetOutlineThickness { pt: pt(*width) });
                        state.width = Some(width.to_bits());
                    }
                    ops.push(Op::DrawLine {
                        line: printpdf::Line {
                            points: vec![
                                LinePoint {
                                    p: Point {
                                        x: pt(r2(*x1)),
                                        y: pt(r2(h - y1)),
                                    },
                                    bezier: false,
                                },
                                LinePoint {
                                    p: Point {
                                        x: pt(r2(*x2)),
                                        y: pt(r2(h - y2)),
                                    },
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Item::Fill {
                    x,
                    y,
                    w,
                    h: height,
                    color: c,
                } => {
                    let (x0, y0, x1, y1) = (r2(*x), r2(h - y - height), r2(x + w), r2(h - y));
                    if state.fill != Some(key(*c)) {
                        ops.push(Op::SetFillColor { col: color(*c) });
                        state.fill = Some(key(*c));
                    }
                    ops.push(Op::DrawPolygon {
                        polygon: Polygon {
                            rings: vec![PolygonRing {
                                points: [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
                                    .iter()
                                    .map(|(a, b)| LinePoint {
                                        p: Point { x: pt(*a), y: pt(*b) },
                                        bezier: false,
                                    })
                                    .collect(),
                            }],
                            mode: PaintMode::Fill,
                            winding_order: WindingOrder::NonZero,
                        },
                    });
                }
                Item::Link { .. } => {}
            }
        }
        if draws {
            ops.push(Op::EndMarkedContent);
        }
        i = j;
    }
    marks.per_page.push(mcids);
    ops
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

/// [`render`] with switches.
pub fn render_with(doc: &Document, meta: &Metadata, attachments: &[Attachment], options: RenderOptions) -> Vec<u8> {
    let tf = std::time::Instant::now();
    let mut pdf = PdfDocument::new(&meta.title);
    // Fonts under stable resource names (printpdf's own ids are random).
    let used: BTreeSet<FaceId> = doc
        .pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|p| match &p.item {
            Item::Text { line, .. } => Some(line.pieces.iter().map(|piece| piece.face)),
            _ => None,
        })
        .flatten()
        .collect();
    for face in &used {
        let mut warnings = Vec::new();
        let parsed = printpdf::ParsedFont::from_bytes(face.bytes(), 0, &mut warnings)
            .expect("the embedded fonts parse (tested)");
        pdf.resources.fonts.map.insert(
            FontId(face.resource_name().into()),
            printpdf::font::PdfFont::new(parsed),
        );
    }
    let t0 = std::time::Instant::now();
    let mut marks = Marks {
        tagged: options.tagged,
        per_page: Vec::new(),
    };
    let (w_mm, h_mm) = (
        Mm(doc.geometry.width / crate::layout::PT_PER_MM),
        Mm(doc.geometry.height / crate::layout::PT_PER_MM),
    );
    pdf.pages = (0..doc.pages.len())
        .map(|i| PdfPage::new(w_mm, h_mm, page_ops(doc, i, &mut marks)))
        .collect();
    let mut warnings = Vec::new();
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let t1 = std::time::Instant::now();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    let t2 = std::time::Instant::now();
    post_process(&mut lo, doc, meta, attachments, &marks);
    let t3 = std::time::Instant::now();
    compress_streams(&mut lo);
    let t4 = std::time::Instant::now();
    let mut out = Vec::new();
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(OBJECT_STREAM_LEVEL)
        .build();
    lo.save_with_options(&mut out, options)
        .expect("writing to memory cannot fail");
    if std::env::var_os("FDR_PDF_TIMING").is_some() {
        let ms = |a: std::time::Instant, b: std::time::Instant| (b - a).as_secs_f64() * 1000.0;
        let t5 = std::time::Instant::now();
        eprintln!("fonts {:.1}", ms(tf, t0));
        eprintln!(
            "ops {:.1} printpdf {:.1} post {:.1} compress {:.1} save {:.1}",
            ms(t0, t1),
            ms(t1, t2),
            ms(t2, t3),
            ms(t3, t4),
            ms(t4, t5)
        );
    }
    out
}

/// Deflate level: 6 costs a third of `best` for a file a few per cent larger.
const COMPRESSION_LEVEL: u32 = 6;
/// Deflate level of the object streams (structure tree, dictionaries).
const OBJECT_STREAM_LEVEL: u32 = 6;

/// Compresses every stream that has no filter yet (content, fonts, the
/// attachment), at [`COMPRESSION_LEVEL`].
fn compress_streams(lo: &mut lopdf::Document) {
    use std::io::Write;
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    let compress = |stream: &mut &mut lopdf::Stream| {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(COMPRESSION_LEVEL));
        if encoder.write_all(&stream.content).is_err() {
            return;
        }
        if let Ok(compressed) = encoder.finish() {
            if compressed.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    };
    // Two halves of similar size, on two threads: deflate dominates the render.
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let (mut a, mut b): (Vec<&mut lopdf::Stream>, Vec<&mut lopdf::Stream>) = (Vec::new(), Vec::new());
    let (mut sa, mut sb) = (0usize, 0usize);
    for s in streams {
        if sa <= sb {
            sa += s.content.len();
            a.push(s);
        } else {
            sb += s.content.len();
            b.push(s);
        }
    }
    std::thread::scope(|scope| {
        scope.spawn(|| b.iter_mut().for_each(compress));
        a.iter_mut().for_each(compress);
    });
}

fn page_ids(lo: &lopdf::Document) -> Vec<ObjectId> {
    lo.get_pages().into_values().collect()
}

fn dest(pages: &[ObjectId], to: Destination, height: f32) -> Object {
    let page = pages.get(to.page).copied().unwrap_or(pages[0]);
    Object::Array(vec![
        Object::Reference(page),
        "XYZ".into(),
        Object::Null,
        Object::Real(height - to.y + 4.0),
        Object::Null,
    ])
}

fn add_outline(
    lo: &mut lopdf::Document,
    items: &[Bookmark],
    parent: ObjectId,
    pages: &[ObjectId],
    height: f32,
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = items.iter().map(|_| lo.new_object_id()).collect();
    let mut count = 0i64;
    for (i, b) in items.iter().enumerate() {
        let mut d = dictionary! {
            "Title" => text_string(&b.title),
            "Parent" => parent,
            "Dest" => dest(pages, b.to, height),
        };
        if i > 0 {
            d.set("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            d.set("Next", ids[i + 1]);
        }
        count += 1;
        if !b.children.is_empty() {
            let (first, last, n) = add_outline(lo, &b.children, ids[i], pages, height);
            d.set("First", first);
            d.set("Last", last);
            // Positive: open at level 1 so sections show their sub-sections.
            d.set("Count", n);
            count += n;
        }
        lo.objects.insert(ids[i], Object::Dictionary(d));
    }
    (ids[0], ids[ids.len() - 1], count)
}

fn post_process(lo: &mut lopdf::Document, doc: &Document, meta: &Metadata, attachments: &[Attachment], marks: &Marks) {
    let pages = page_ids(lo);
    let height = doc.geometry.height;
    let catalog_id = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .expect("printpdf writes a catalog");

    // Metadata, with the export date rather than the clock.
    let date = pdf_date(&meta.created);
    let info = lo.add_object(dictionary! {
        "Title" => text_string(&meta.title),
        "Author" => text_string(&meta.author),
        "Subject" => text_string(&meta.subject),
        "Keywords" => text_string(&meta.keywords),
        "Creator" => text_string("Feuilles de route"),
        "Producer" => text_string("Feuilles de route (printpdf, lopdf)"),
        "CreationDate" => Object::string_literal(date.clone()),
        "ModDate" => Object::string_literal(date),
    });
    lo.trailer.set("Info", info);

    // Structure tree: one StructElem per node, kids in reading order.
    let elem_ids: Vec<ObjectId> = doc.tree.nodes.iter().map(|_| lo.new_object_id()).collect();
    let mut kids: Vec<Vec<Object>> = doc
        .tree
        .nodes
        .iter()
        .map(|n| n.children.iter().map(|c| Object::Reference(elem_ids[*c])).collect())
        .collect();
    // Marked content: MCIDs appended to their node in page order. A node on
    // one page gets that page as /Pg and bare integers; a node spanning pages
    // gets MCR dictionaries.
    let mut content: Vec<Vec<(usize, i64)>> = vec![Vec::new(); doc.tree.nodes.len()];
    for (p, mcids) in marks.per_page.iter().enumerate() {
        for (mcid, node) in mcids.iter().enumerate() {
            content[*node].push((p, mcid as i64));
        }
    }
    let mut objrs: Vec<Vec<Object>> = vec![Vec::new(); doc.tree.nodes.len()];
    // Link annotations, each with its Link element.
    let mut parent_tree: Vec<(i64, Object)> = Vec::new();
    let mut next_key = marks.per_page.len() as i64;
    let mut annots_per_page: Vec<Vec<Object>> = vec![Vec::new(); pages.len()];
    for (p, page) in doc.pages.iter().enumerate() {
        for placed in &page.items {
            if let Item::Link { x, y, w, h, to } = &placed.item {
                let annot_id = lo.new_object_id();
                let mut annot = dictionary! {
                    "Type" => "Annot",
                    "Subtype" => "Link",
                    "Rect" => vec![Object::Real(*x), Object::Real(height - y - h), Object::Real(x + w), Object::Real(height - y)],
                    "Border" => vec![0.into(), 0.into(), 0.into()],
                    "Dest" => dest(&pages, *to, height),
                    "P" => pages[p],
                };
                if let (true, Tag::Node(node)) = (marks.tagged, placed.tag) {
                    annot.set("StructParent", next_key);
                    annot.set("Contents", text_string("Aller à la section"));
                    parent_tree.push((next_key, Object::Reference(elem_ids[node])));
                    next_key += 1;
                    objrs[node].push(Object::Dictionary(dictionary! {
                        "Type" => "OBJR",
                        "Obj" => annot_id,
                        "Pg" => pages[p],
                    }));
                }
                lo.objects.insert(annot_id, Object::Dictionary(annot));
                annots_per_page[p].push(Object::Reference(annot_id));
            }
        }
    }
    let tree_root = if !marks.tagged {
        None
    } else {
        for (n, node) in doc.tree.nodes.iter().enumerate() {
            let marked = std::mem::take(&mut content[n]);
            let one_page = marked
                .first()
                .map(|(p, _)| *p)
                .filter(|p| marked.iter().all(|(q, _)| q == p));
            let mut k: Vec<Object> = match one_page {
                Some(_) => marked.iter().map(|(_, mcid)| Object::Integer(*mcid)).collect(),
                None => marked
                    .iter()
                    .map(|(p, mcid)| {
                        Object::Dictionary(dictionary! { "Type" => "MCR", "Pg" => pages[*p], "MCID" => *mcid })
                    })
                    .collect(),
            };
            k.append(&mut objrs[n]);
            k.append(&mut kids[n]);
            let mut elem = dictionary! {
                "S" => node.role.name(),
                "K" => if k.len() == 1 { k.remove(0) } else { Object::Array(k) },
            };
            if let Some(p) = one_page {
                elem.set("Pg", pages[p]);
            }
            elem.set(
                "P",
                node.parent.map_or(Object::Null, |p| Object::Reference(elem_ids[p])),
            );
            if node.parent.is_none() {
                elem.set("P", Object::Null);
            }
            if let Some(alt) = &node.alt {
                elem.set("Alt", text_string(alt));
            }
            if let Some(column) = node.column_scope {
                elem.set(
                    "A",
                    dictionary! { "O" => "Table", "Scope" => if column { "Column" } else { "Row" } },
                );
            }
            if node.role == crate::layout::Role::Document {
                elem.set("Lang", text_string("fr-FR"));
            }
            lo.objects.insert(elem_ids[n], Object::Dictionary(elem));
        }
        let tree_root = lo.new_object_id();
        // The document element's parent is the tree root.
        if let Ok(Object::Dictionary(d)) = lo.get_object_mut(elem_ids[0]) {
            d.set("P", tree_root);
        }
        let mut nums: Vec<Object> = Vec::new();
        for (p, mcids) in marks.per_page.iter().enumerate() {
            nums.push((p as i64).into());
            nums.push(Object::Array(
                mcids.iter().map(|n| Object::Reference(elem_ids[*n])).collect(),
            ));
        }
        for (key, elem) in parent_tree {
            nums.push(key.into());
            nums.push(elem);
        }
        let parent_tree_id = lo.add_object(dictionary! { "Nums" => nums });
        lo.objects.insert(
            tree_root,
            Object::Dictionary(dictionary! {
                "Type" => "StructTreeRoot",
                "K" => elem_ids[0],
                "ParentTree" => parent_tree_id,
                "ParentTreeNextKey" => next_key,
            }),
        );
        Some(tree_root)
    };
    for (p, page_id) in pages.iter().enumerate() {
        if let Ok(Object::Dictionary(d)) = lo.get_object_mut(*page_id) {
            if marks.tagged {
                d.set("StructParents", p as i64);
            }
            d.set("Tabs", "S");
            if !annots_per_page[p].is_empty() {
                d.set("Annots", annots_per_page[p].clone());
            }
        }
    }

    // Outline.
    let bookmarks = outline(doc);
    let outline_root = if bookmarks.is_empty() {
        None
    } else {
        let root = lo.new_object_id();
        let (first, last, count) = add_outline(lo, &bookmarks, root, &pages, height);
        lo.objects.insert(
            root,
            Object::Dictionary(
                dictionary! { "Type" => "Outlines", "First" => first, "Last" => last, "Count" => count },
            ),
        );
        Some(root)
    };

    // The attachments, by name (a name tree lists its keys in order).
    let mut sorted: Vec<&Attachment> = attachments.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let filespecs: Vec<(String, ObjectId)> = sorted
        .iter()
        .map(|a| {
            let mut file = lopdf::Stream::new(
                dictionary! {
                    "Type" => "EmbeddedFile",
                    "Subtype" => Object::Name(a.mime.replace('/', "#2F").into_bytes()),
                    "Params" => dictionary! {
                        "Size" => a.bytes.len() as i64,
                        "CreationDate" => Object::string_literal(pdf_date(&meta.created)),
                        "ModDate" => Object::string_literal(pdf_date(&meta.created)),
                    },
                },
                a.bytes.clone(),
            );
            file.allows_compression = true;
            let file_id = lo.add_object(file);
            let fs = lo.add_object(dictionary! {
                "Type" => "Filespec",
                "F" => Object::string_literal(a.name.clone()),
                "UF" => text_string(&a.name),
                "Desc" => text_string(&a.description),
                "AFRelationship" => "Data",
                "EF" => dictionary! { "F" => file_id, "UF" => file_id },
            });
            (a.name.clone(), fs)
        })
        .collect();

    let mut xmp_stream = lopdf::Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp(meta).into_bytes(),
    );
    xmp_stream.allows_compression = false;
    let xmp_id = lo.add_object(xmp_stream);

    if let Ok(Object::Dictionary(catalog)) = lo.get_object_mut(catalog_id) {
        catalog.set("Metadata", xmp_id);
        catalog.set("Lang", text_string("fr-FR"));
        catalog.set("ViewerPreferences", dictionary! { "DisplayDocTitle" => true });
        if let Some(tree_root) = tree_root {
            catalog.set("MarkInfo", dictionary! { "Marked" => true });
            catalog.set("StructTreeRoot", tree_root);
        }
        if let Some(root) = outline_root {
            catalog.set("Outlines", root);
            catalog.set("PageMode", "UseOutlines");
        }
        if !filespecs.is_empty() {
            let names: Vec<Object> = filespecs
                .iter()
                .flat_map(|(name, fs)| [Object::string_literal(name.clone()), Object::Reference(*fs)])
                .collect();
            catalog.set(
                "Names",
                dictionary! { "EmbeddedFiles" => dictionary! { "Names" => names } },
            );
            catalog.set(
                "AF",
                filespecs
                    .iter()
                    .map(|(_, fs)| Object::Reference(*fs))
                    .collect::<Vec<_>>(),
            );
        }
    }

    // A deterministic file identifier: the same content gives the same id.
    let mut hash = Sha256::new();
    hash.update(meta.title.as_bytes());
    hash.update(meta.created.as_bytes());
    for a in attachments {
        hash.update(&a.bytes);
    }
    hash.update((doc.pages.len() as u64).to_be_bytes());
    let id = hash.finalize()[..16].to_vec();
    lo.trailer.set(
        "ID",
        vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ],
    );
    lo.version = "1.7".to_string();
}
