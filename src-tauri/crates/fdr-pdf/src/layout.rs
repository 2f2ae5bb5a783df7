//! The pure layout pass: positioned boxes on pages, each carrying its role in
//! the document's logical structure (heading, paragraph, list, table cell,
//! figure, link) or marked as an artifact (running header, footer, rules).
//!
//! Coordinates are points from the page's top-left corner, y downwards; the
//! renderer flips them. Nothing here touches PDF syntax, so every rule of the
//! layout (margins, no overlap, headers repeated, headings kept with what
//! follows) is tested on numbers.
//!
//! [`Flow`] places blocks one after another: it breaks pages, keeps headings
//! with their next line, repeats table headers after a break, and records
//! where each heading landed for the table of contents and the outline.

use crate::fonts::Fonts;
use crate::text::{self, Line, Rgb, TextStyle};
use fdr_core::markdown::{self, Block, Span};

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// A length in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Mm(pub f32);

/// A length in points.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Pt(pub f32);

impl From<Mm> for Pt {
    fn from(mm: Mm) -> Self {
        Pt(mm.0 * PT_PER_MM)
    }
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Left margin.
    pub left: f32,
    /// Right margin.
    pub right: f32,
    /// Top margin (the running header sits above it).
    pub top: f32,
    /// Bottom margin (the footer sits below it).
    pub bottom: f32,
}

impl Geometry {
    /// A4 portrait with 20 mm side margins, room for a running header and a footer.
    pub fn a4() -> Self {
        Self {
            width: Pt::from(Mm(210.0)).0,
            height: Pt::from(Mm(297.0)).0,
            left: Pt::from(Mm(20.0)).0,
            right: Pt::from(Mm(20.0)).0,
            top: Pt::from(Mm(24.0)).0,
            bottom: Pt::from(Mm(22.0)).0,
        }
    }
    /// Width of the text block.
    pub fn measure(&self) -> f32 {
        self.width - self.left - self.right
    }
    /// Lowest y the body may reach.
    pub fn body_bottom(&self) -> f32 {
        self.height - self.bottom
    }
}

/// Structure roles (PDF standard structure types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The whole document.
    Document,
    /// A section.
    Sect,
    /// Headings.
    H1,
    /// Second level.
    H2,
    /// Third level.
    H3,
    /// A paragraph.
    P,
    /// A list.
    L,
    /// A list item.
    LI,
    /// A list item's label (bullet).
    Lbl,
    /// A list item's body.
    LBody,
    /// A table.
    Table,
    /// Table head rows.
    THead,
    /// Table body rows.
    TBody,
    /// A row.
    TR,
    /// A header cell.
    TH,
    /// A data cell.
    TD,
    /// A chart or timeline, with alternative text.
    Figure,
    /// A link.
    Link,
    /// Table of contents.
    TOC,
    /// An entry of the table of contents.
    TOCI,
}

impl Role {
    /// The PDF structure type name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Document => "Document",
            Self::Sect => "Sect",
            Self::H1 => "H1",
            Self::H2 => "H2",
            Self::H3 => "H3",
            Self::P => "P",
            Self::L => "L",
            Self::LI => "LI",
            Self::Lbl => "Lbl",
            Self::LBody => "LBody",
            Self::Table => "Table",
            Self::THead => "THead",
            Self::TBody => "TBody",
            Self::TR => "TR",
            Self::TH => "TH",
            Self::TD => "TD",
            Self::Figure => "Figure",
            Self::Link => "Link",
            Self::TOC => "TOC",
            Self::TOCI => "TOCI",
        }
    }
}

/// A node of the structure tree.
pub type NodeId = usize;

/// One node: its role, place in the tree, and accessibility attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Role.
    pub role: Role,
    /// Parent (none for the root).
    pub parent: Option<NodeId>,
    /// Children in reading order.
    pub children: Vec<NodeId>,
    /// Alternative text (figures).
    pub alt: Option<String>,
    /// Header cell scope: true for a column header, false for a row header.
    pub column_scope: Option<bool>,
}

/// The logical structure of a document, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StructTree {
    /// Every node; node 0 is the document.
    pub nodes: Vec<Node>,
}

impl StructTree {
    /// A tree with its `Document` root.
    pub fn new() -> Self {
        Self {
            nodes: vec![Node {
                role: Role::Document,
                parent: None,
                children: Vec::new(),
                alt: None,
                column_scope: None,
            }],
        }
    }
    /// The root.
    pub const ROOT: NodeId = 0;
    /// Adds a child at the end of `parent`'s children.
    pub fn add(&mut self, parent: NodeId, role: Role) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(Node {
            role,
            parent: Some(parent),
            children: Vec::new(),
            alt: None,
            column_scope: None,
        });
        self.nodes[parent].children.push(id);
        id
    }
}

/// Whether an item belongs to the content (a structure node) or is an artifact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Page furniture: running header, footer, rules, backgrounds.
    Artifact,
    /// Content of this structure node.
    Node(NodeId),
}

/// Where a link goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Destination {
    /// Page index (0-based).
    pub page: usize,
    /// y from the top of that page.
    pub y: f32,
}

/// A positioned box.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A set line, its baseline at `y`.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// The line.
        line: Line,
    },
    /// A straight line.
    Rule {
        /// Start.
        x1: f32,
        /// Start.
        y1: f32,
        /// End.
        x2: f32,
        /// End.
        y2: f32,
        /// Stroke width.
        width: f32,
        /// Colour.
        color: Rgb,
    },
    /// A filled rectangle (top-left corner, size).
    Fill {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Colour.
        color: Rgb,
    },
    /// A clickable area going to a place in the document.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Target.
        to: Destination,
    },
}

impl Item {
    /// Moves the box down by `dy` points.
    pub fn shift_y(&mut self, dy: f32) {
        match self {
            Item::Text { y, .. } => *y += dy,
            Item::Rule { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
            Item::Fill { y, .. } | Item::Link { y, .. } => *y += dy,
        }
    }

    /// The box covered: (left, top, right, bottom).
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        match self {
            Item::Text { x, y, line } => {
                let size = line.pieces.iter().map(|p| p.size).fold(0.0, f32::max);
                (*x, y - size * 0.8, x + line.width, y + size * 0.25)
            }
            Item::Rule {
                x1, y1, x2, y2, width, ..
            } => (
                x1.min(*x2),
                y1.min(*y2) - width / 2.0,
                x1.max(*x2),
                y1.max(*y2) + width / 2.0,
            ),
            Item::Fill { x, y, w, h, .. } | Item::Link { x, y, w, h, .. } => (*x, *y, x + w, y + h),
        }
    }
}

/// A positioned box and its tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The box.
    pub item: Item,
    /// Its structure.
    pub tag: Tag,
}

/// One page of boxes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Boxes in drawing (and reading) order.
    pub items: Vec<Placed>,
}

/// A heading placed in the flow, for the contents and the outline.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingMark {
    /// 1, 2 or 3.
    pub level: u8,
    /// Its text.
    pub title: String,
    /// Where it landed.
    pub at: Destination,
    /// Listed in the table of contents.
    pub in_contents: bool,
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Page geometry.
    pub geometry: Geometry,
    /// Pages.
    pub pages: Vec<Page>,
    /// Logical structure.
    pub tree: StructTree,
    /// Headings in order.
    pub headings: Vec<HeadingMark>,
}

/// Paragraph styles of the documents.
pub mod styles {
    use super::*;
    /// Body text.
    pub const BODY: TextStyle = TextStyle::regular(9.5);
    /// Small print (table cells, captions).
    pub const SMALL: TextStyle = TextStyle::regular(8.0);
    /// Small bold (table headers).
    pub const SMALL_BOLD: TextStyle = TextStyle::bold(8.0);
    /// Level-1 heading.
    pub const H1: TextStyle = TextStyle::bold(16.0).colored(Rgb::BLUE);
    /// Level-2 heading.
    pub const H2: TextStyle = TextStyle::bold(12.5).colored(Rgb::BLUE);
    /// Level-3 heading.
    pub const H3: TextStyle = TextStyle::bold(10.5).colored(Rgb::TEXT);
}

/// A table column: header text and share of the measure.
#[derive(Debug, Clone)]
pub struct Column {
    /// Header text.
    pub header: String,
    /// Relative width.
    pub weight: f32,
    /// Right-aligned (numbers, money).
    pub right: bool,
}

impl Column {
    /// A left-aligned column.
    pub fn new(header: &str, weight: f32) -> Self {
        Self {
            header: header.to_string(),
            weight,
            right: false,
        }
    }
    /// A right-aligned column (numbers, money).
    pub fn right(header: &str, weight: f32) -> Self {
        Self {
            header: header.to_string(),
            weight,
            right: true,
        }
    }
}

/// A table cell's content.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Text (plain).
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Colour.
    pub color: Rgb,
}

impl Cell {
    /// Plain cell.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: false,
            color: Rgb::TEXT,
        }
    }
    /// Bold cell.
    pub fn bold(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: true,
            color: Rgb::TEXT,
        }
    }
    /// In a colour.
    pub fn colored(mut self, color: Rgb) -> Self {
        self.color = color;
        self
    }
}

/// A table row: cells, whether the first cell is a row header, whether it is a total.
#[derive(Debug, Clone)]
pub struct Row {
    /// Cells, one per column.
    pub cells: Vec<Cell>,
    /// The first cell heads its row (TH scope Row).
    pub row_header: bool,
    /// Shaded as a total.
    pub total: bool,
}

const CELL_PAD: f32 = 3.0;

/// Places blocks on pages.
pub struct Flow<'f> {
    /// Fonts and metrics.
    pub fonts: &'f mut Fonts,
    /// Geometry.
    pub geometry: Geometry,
    /// Pages so far.
    pub pages: Vec<Page>,
    /// Structure so far.
    pub tree: StructTree,
    /// Headings so far.
    pub headings: Vec<HeadingMark>,
    /// Current y on the last page.
    pub y: f32,
    /// The heading just placed, while nothing follows it yet: (page, first
    /// item, y where it starts, index in `headings`). A page break now takes
    /// it along, so no heading is ever left alone at the foot of a page.
    pending_heading: Option<(usize, usize, f32, usize)>,
    in_heading: bool,
    /// Added to every heading level: a roadmap laid out inside the
    /// consolidated document has its parts one level down.
    pub level_offset: u8,
}

impl<'f> Flow<'f> {
    /// A flow with one empty page.
    pub fn new(fonts: &'f mut Fonts, geometry: Geometry) -> Self {
        Self {
            fonts,
            geometry,
            pages: vec![Page::default()],
            tree: StructTree::new(),
            headings: Vec::new(),
            y: geometry.top,
            pending_heading: None,
            in_heading: false,
            level_offset: 0,
        }
    }

    /// Index of the current page.
    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    /// Starts a new page, taking along a heading that nothing follows yet.
    pub fn new_page(&mut self) {
        let carried = match self.pending_heading.take() {
            Some((page, first, y0, mark)) if page == self.pages.len() - 1 && y0 > self.geometry.top + 0.01 => {
                let moved: Vec<Placed> = self.pages[page].items.drain(first..).collect();
                Some((moved, y0, mark))
            }
            other => {
                self.pending_heading = other;
                None
            }
        };
        self.pages.push(Page::default());
        self.y = self.geometry.top;
        if let Some((moved, y0, mark)) = carried {
            let dy = self.geometry.top - y0;
            let page = self.pages.len() - 1;
            let end = moved.iter().map(|p| p.item.bounds().3).fold(y0, f32::max);
            for mut placed in moved {
                placed.item.shift_y(dy);
                self.pages[page].items.push(placed);
            }
            self.headings[mark].at = Destination {
                page,
                y: self.geometry.top,
            };
            self.y = end + dy;
            self.pending_heading = Some((page, 0, self.geometry.top, mark));
        }
    }

    /// Room left on the current page.
    pub fn room(&self) -> f32 {
        self.geometry.body_bottom() - self.y
    }

    /// Breaks the page unless `height` fits.
    pub fn ensure(&mut self, height: f32) {
        if height > self.room() && self.y > self.geometry.top + 0.01 {
            self.new_page();
        }
    }

    /// Adds vertical space (dropped at the top of a page).
    pub fn space(&mut self, height: f32) {
        if self.y > self.geometry.top + 0.01 {
            self.y = (self.y + height).min(self.geometry.body_bottom());
        }
    }

    /// Puts a box on the current page.
    pub fn place(&mut self, item: Item, tag: Tag) {
        if !self.in_heading {
            self.pending_heading = None;
        }
        let page = self.pages.len() - 1;
        self.pages[page].items.push(Placed { item, tag });
    }

    /// Places set lines at `x`, breaking pages between lines.
    pub fn lines(&mut self, lines: Vec<Line>, x: f32, style: TextStyle, tag: Tag) {
        let lh = style.line_height();
        for line in lines {
            self.ensure(lh);
            let baseline = self.y + style.size;
            self.place(Item::Text { x, y: baseline, line }, tag);
            self.y += lh;
        }
    }

    /// A heading, kept with at least two lines of what follows.
    pub fn heading(&mut self, level: u8, title: &str, parent: NodeId, in_contents: bool) -> NodeId {
        let level = level + self.level_offset;
        let (role, style, before, after) = match level {
            1 => (Role::H1, styles::H1, 14.0, 6.0),
            2 => (Role::H2, styles::H2, 10.0, 4.0),
            _ => (Role::H3, styles::H3, 7.0, 3.0),
        };
        let lines = text::plain_lines(self.fonts, title, style, self.geometry.measure());
        let height = before + lines.len() as f32 * style.line_height() + after + 2.0 * styles::BODY.line_height();
        self.ensure(height);
        self.space(before);
        let node = self.tree.add(parent, role);
        let start = (
            self.page_index(),
            self.pages[self.page_index()].items.len(),
            self.y,
            self.headings.len(),
        );
        self.in_heading = true;
        self.headings.push(HeadingMark {
            level,
            title: title.to_string(),
            at: Destination {
                page: self.page_index(),
                y: self.y,
            },
            in_contents,
        });
        let x = self.geometry.left;
        self.lines(lines, x, style, Tag::Node(node));
        if level == 1 {
            let y = self.y + 1.0;
            let (x1, x2) = (self.geometry.left, self.geometry.width - self.geometry.right);
            self.place(
                Item::Rule {
                    x1,
                    y1: y,
                    x2,
                    y2: y,
                    width: 0.8,
                    color: Rgb::BLUE,
                },
                Tag::Artifact,
            );
        }
        self.y += after;
        self.in_heading = false;
        self.pending_heading = Some(start);
        node
    }

    /// A paragraph of styled spans.
    pub fn paragraph(&mut self, spans: &[Span], style: TextStyle, parent: NodeId) -> NodeId {
        let node = self.tree.add(parent, Role::P);
        let lines = text::break_lines(self.fonts, spans, style, self.geometry.measure());
        let x = self.geometry.left;
        self.lines(lines, x, style, Tag::Node(node));
        self.y += style.size * 0.5;
        node
    }

    /// A plain-text paragraph.
    pub fn plain(&mut self, text: &str, style: TextStyle, parent: NodeId) -> NodeId {
        self.paragraph(
            &[Span {
                text: text.to_string(),
                bold: false,
                italic: false,
            }],
            style,
            parent,
        )
    }

    /// A grey note standing for missing content (« Aucun … »).
    pub fn note(&mut self, text: &str, parent: NodeId) -> NodeId {
        self.plain(text, styles::BODY.colored(Rgb::GREY), parent)
    }

    /// A light-Markdown text: paragraphs and bulleted lists.
    pub fn markdown(&mut self, text: &str, style: TextStyle, parent: NodeId) {
        for block in markdown::parse(text) {
            match block {
                Block::Paragraph(spans) => {
                    self.paragraph(&spans, style, parent);
                }
                Block::Bullets(items) => self.bullets(&items, style, parent),
            }
        }
    }

    /// A bulleted list: L > LI > (Lbl, LBody).
    pub fn bullets(&mut self, items: &[Vec<Span>], style: TextStyle, parent: NodeId) {
        let list = self.tree.add(parent, Role::L);
        let indent = style.size * 1.4;
        for spans in items {
            let li = self.tree.add(list, Role::LI);
            let lbl = self.tree.add(li, Role::Lbl);
            let body = self.tree.add(li, Role::LBody);
            let lines = text::break_lines(self.fonts, spans, style, self.geometry.measure() - indent);
            let lh = style.line_height();
            self.ensure(lh);
            let bullet = text::single_line(self.fonts, "•", style);
            let x = self.geometry.left;
            self.place(
                Item::Text {
                    x: x + style.size * 0.3,
                    y: self.y + style.size,
                    line: bullet,
                },
                Tag::Node(lbl),
            );
            self.lines(lines, x + indent, style, Tag::Node(body));
            self.y += style.size * 0.2;
        }
        self.y += style.size * 0.4;
    }

    /// A table with a header row repeated after each page break. Rows taller
    /// than a page are split between lines.
    pub fn table(&mut self, columns: &[Column], rows: &[Row], parent: NodeId) -> NodeId {
        let table = self.tree.add(parent, Role::Table);
        let measure = self.geometry.measure();
        let total_weight: f32 = columns.iter().map(|c| c.weight).sum::<f32>().max(0.001);
        let widths: Vec<f32> = columns.iter().map(|c| measure * c.weight / total_weight).collect();
        let left = self.geometry.left;
        let xs: Vec<f32> = widths
            .iter()
            .scan(left, |x, w| {
                let here = *x;
                *x += w;
                Some(here)
            })
            .collect();
        let head = self.tree.add(table, Role::THead);
        let body = self.tree.add(table, Role::TBody);
        let header_cells: Vec<Vec<Line>> = columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| text::plain_lines(self.fonts, &c.header, styles::SMALL_BOLD, w - 2.0 * CELL_PAD))
            .collect();
        let header_lines = header_cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let lh = styles::SMALL.line_height();
        let header_height = header_lines as f32 * lh + 2.0 * CELL_PAD;

        // The header row, tagged once; repeats after page breaks are artifacts.
        let draw_header = |flow: &mut Flow, tags: Option<Vec<NodeId>>| {
            let top = flow.y;
            flow.place(
                Item::Fill {
                    x: left,
                    y: top,
                    w: measure,
                    h: header_height,
                    color: Rgb::HEADER_FILL,
                },
                Tag::Artifact,
            );
            for (i, lines) in header_cells.iter().enumerate() {
                let tag = tags.as_ref().map_or(Tag::Artifact, |t| Tag::Node(t[i]));
                for (k, line) in lines.iter().enumerate() {
                    let x = if columns[i].right {
                        xs[i] + widths[i] - CELL_PAD - line.width
                    } else {
                        xs[i] + CELL_PAD
                    };
                    let y = top + CELL_PAD + k as f32 * lh + styles::SMALL_BOLD.size;
                    flow.place(
                        Item::Text {
                            x,
                            y,
                            line: line.clone(),
                        },
                        tag,
                    );
                }
            }
            flow.y = top + header_height;
            flow.place(
                Item::Rule {
                    x1: left,
                    y1: flow.y,
                    x2: left + measure,
                    y2: flow.y,
                    width: 0.6,
                    color: Rgb::BLUE,
                },
                Tag::Artifact,
            );
        };
        // Keep the header with at least one line of the first row.
        self.ensure(header_height + lh + 2.0 * CELL_PAD);
        let tr = self.tree.add(head, Role::TR);
        let th: Vec<NodeId> = (0..columns.len())
            .map(|_| {
                let n = self.tree.add(tr, Role::TH);
                self.tree.nodes[n].column_scope = Some(true);
                n
            })
            .collect();
        draw_header(self, Some(th));

        for (r, row) in rows.iter().enumerate() {
            let tr = self.tree.add(body, Role::TR);
            let cells: Vec<(NodeId, Vec<Line>, TextStyle)> = row
                .cells
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    let header = i == 0 && row.row_header;
                    let role = if header { Role::TH } else { Role::TD };
                    let n = self.tree.add(tr, role);
                    if header {
                        self.tree.nodes[n].column_scope = Some(false);
                    }
                    let base = if cell.bold || row.total {
                        styles::SMALL_BOLD
                    } else {
                        styles::SMALL
                    };
                    let style = base.colored(cell.color);
                    let w = widths.get(i).copied().unwrap_or(measure);
                    (
                        n,
                        text::plain_lines(self.fonts, &cell.text, style, w - 2.0 * CELL_PAD),
                        style,
                    )
                })
                .collect();
            let n_lines = cells.iter().map(|c| c.1.len()).max().unwrap_or(1).max(1);
            let row_height = n_lines as f32 * lh + 2.0 * CELL_PAD;
            if row_height > self.room() {
                self.new_page();
                draw_header(self, None);
            }
            // Lines of the row, possibly over several pages.
            let mut line = 0;
            while line < n_lines {
                let top = self.y;
                let fit = (((self.room() - 2.0 * CELL_PAD) / lh).floor() as usize)
                    .max(1)
                    .min(n_lines - line);
                let height = fit as f32 * lh + 2.0 * CELL_PAD;
                let fill = if row.total {
                    Some(Rgb::HEADER_FILL)
                } else if r % 2 == 1 {
                    Some(Rgb::ZEBRA)
                } else {
                    None
                };
                if let Some(color) = fill {
                    self.place(
                        Item::Fill {
                            x: left,
                            y: top,
                            w: measure,
                            h: height,
                            color,
                        },
                        Tag::Artifact,
                    );
                }
                for (i, (node, lines, style)) in cells.iter().enumerate() {
                    for (k, l) in lines.iter().enumerate().skip(line).take(fit) {
                        let right = columns.get(i).is_some_and(|c| c.right);
                        let x = if right {
                            xs[i] + widths[i] - CELL_PAD - l.width
                        } else {
                            xs[i] + CELL_PAD
                        };
                        let y = top + CELL_PAD + (k - line) as f32 * lh + style.size;
                        self.place(Item::Text { x, y, line: l.clone() }, Tag::Node(*node));
                    }
                }
                self.y = top + height;
                self.place(
                    Item::Rule {
                        x1: left,
                        y1: self.y,
                        x2: left + measure,
                        y2: self.y,
                        width: 0.3,
                        color: Rgb::RULE,
                    },
                    Tag::Artifact,
                );
                line += fit;
                if line < n_lines {
                    self.new_page();
                    draw_header(self, None);
                }
            }
        }
        self.y += styles::BODY.size;
        table
    }

    /// A figure drawn by `draw` in a box of `height` at the current position,
    /// with its alternative text. Returns the figure's node.
    pub fn figure(
        &mut self,
        height: f32,
        alt: String,
        parent: NodeId,
        draw: impl FnOnce(&mut Flow, f32, f32, NodeId),
    ) -> NodeId {
        self.ensure(height);
        let node = self.tree.add(parent, Role::Figure);
        self.tree.nodes[node].alt = Some(alt);
        let (x, y) = (self.geometry.left, self.y);
        draw(self, x, y, node);
        self.y = y + height;
        node
    }

    /// The finished layout.
    pub fn finish(self) -> Document {
        Document {
            geometry: self.geometry,
            pages: self.pages,
            tree: self.tree,
            headings: self.headings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_items(page: &Page) -> Vec<(f32, f32, String)> {
        page.items
            .iter()
            .filter_map(|p| match &p.item {
                Item::Text { x, y, line } => Some((*x, *y, line.text())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn table_header_repeats_after_a_break_and_stays_in_margins() {
        let mut fonts = Fonts::new();
        let g = Geometry::a4();
        let mut flow = Flow::new(&mut fonts, g);
        let columns = vec![
            Column {
                header: "Id".into(),
                weight: 1.0,
                right: false,
            },
            Column {
                header: "Intitulé".into(),
                weight: 5.0,
                right: false,
            },
            Column {
                header: "Montant".into(),
                weight: 2.0,
                right: true,
            },
        ];
        let rows: Vec<Row> = (0..200)
            .map(|i| Row {
                cells: vec![
                    Cell::new(format!("A{i}")),
                    Cell::new("Une action assez longue ".repeat(1 + i % 4)),
                    Cell::new("1\u{202F}000\u{A0}€"),
                ],
                row_header: true,
                total: false,
            })
            .collect();
        let root = StructTree::ROOT;
        flow.table(&columns, &rows, root);
        let doc = flow.finish();
        assert!(doc.pages.len() > 2, "200 rows need several pages");
        for (i, page) in doc.pages.iter().enumerate() {
            let texts = text_items(page);
            assert_eq!(
                texts.iter().filter(|t| t.2 == "Intitulé").count(),
                1,
                "page {i} has the header once"
            );
            for p in &page.items {
                let (l, t, r, b) = p.item.bounds();
                assert!(
                    l >= g.left - 0.5 && r <= g.width - g.right + 0.5,
                    "page {i}: {l}..{r} inside the side margins"
                );
                assert!(
                    t >= g.top - 12.0 && b <= g.body_bottom() + 0.5,
                    "page {i}: {t}..{b} inside the body"
                );
            }
        }
        let header_tags = doc.pages[1]
            .items
            .iter()
            .filter(|p| matches!(&p.item, Item::Text { line, .. } if line.text() == "Intitulé"))
            .map(|p| p.tag)
            .collect::<Vec<_>>();
        assert_eq!(
            header_tags,
            vec![Tag::Artifact],
            "a repeated header is an artifact, the tree has one THead"
        );
        assert_eq!(
            doc.tree.nodes.iter().filter(|n| n.role == Role::Table).count(),
            1,
            "one table, not one per page"
        );
    }

    #[test]
    fn a_heading_is_never_alone_at_the_foot_of_a_page() {
        let mut fonts = Fonts::new();
        let g = Geometry::a4();
        let mut flow = Flow::new(&mut fonts, g);
        // Fill the page to just above the bottom.
        flow.y = g.body_bottom() - 20.0;
        flow.heading(2, "Un titre en bas de page", StructTree::ROOT, true);
        flow.plain("Le paragraphe qui suit le titre.", styles::BODY, StructTree::ROOT);
        let doc = flow.finish();
        assert!(
            doc.pages[0].items.is_empty(),
            "nothing on the first page: the heading moved with its text"
        );
        assert_eq!(doc.headings[0].at.page, 1);
    }

    #[test]
    fn a_heading_followed_by_a_table_that_breaks_moves_with_it() {
        let mut fonts = Fonts::new();
        let g = Geometry::a4();
        let mut flow = Flow::new(&mut fonts, g);
        flow.y = g.body_bottom() - 60.0;
        flow.heading(2, "Budget", StructTree::ROOT, true);
        let columns = vec![Column {
            header: "Financeur".into(),
            weight: 1.0,
            right: false,
        }];
        let rows: Vec<Row> = (0..3)
            .map(|_| Row {
                cells: vec![Cell::new("x\ny\nz")],
                row_header: false,
                total: false,
            })
            .collect();
        flow.table(&columns, &rows, StructTree::ROOT);
        let doc = flow.finish();
        assert!(
            doc.pages[0].items.is_empty(),
            "the heading left the first page with its table"
        );
        assert_eq!(
            doc.headings[0].at,
            Destination { page: 1, y: g.top },
            "the contents point at the new place"
        );
        let first = &doc.pages[1].items;
        assert!(
            matches!(&first[0].item, Item::Text { line, .. } if line.text() == "Budget"),
            "heading first on page 2"
        );
    }

    #[test]
    fn lines_do_not_overlap() {
        let mut fonts = Fonts::new();
        let mut flow = Flow::new(&mut fonts, Geometry::a4());
        for i in 0..40 {
            flow.markdown(
                &format!("Paragraphe {i} **gras** et *italique*.\n\n- un\n- deux"),
                styles::BODY,
                StructTree::ROOT,
            );
        }
        let doc = flow.finish();
        for page in &doc.pages {
            let mut ys: Vec<f32> = text_items(page).iter().filter(|t| t.2 != "•").map(|t| t.1).collect();
            ys.sort_by(f32::total_cmp);
            for w in ys.windows(2) {
                assert!(
                    w[1] - w[0] >= styles::BODY.line_height() - 0.01,
                    "baselines {} and {} too close",
                    w[0],
                    w[1]
                );
            }
        }
    }
}
