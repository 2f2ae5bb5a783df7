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
use fdr_core::typography;

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
    /// A4 landscape with the same margins (wide tables).
    pub fn a4_landscape() -> Self {
        let p = Self::a4();
        Self {
            width: p.height,
            height: p.width,
            ..p
        }
    }
    /// Whether the page is wider than tall.
    pub fn is_landscape(&self) -> bool {
        self.width > self.height
    }
    /// Height of the body, between the top and bottom margins.
    pub fn body_height(&self) -> f32 {
        self.body_bottom() - self.top
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
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Its size and margins (portrait, or landscape for a wide table).
    pub geometry: Geometry,
    /// Boxes in drawing (and reading) order.
    pub items: Vec<Placed>,
}

impl Page {
    /// An empty page.
    pub fn new(geometry: Geometry) -> Self {
        Self {
            geometry,
            items: Vec::new(),
        }
    }
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
    /// The usual page geometry (each page has its own: see [`Page::geometry`]).
    pub geometry: Geometry,
    /// Pages.
    pub pages: Vec<Page>,
    /// Logical structure.
    pub tree: StructTree,
    /// Headings in order.
    pub headings: Vec<HeadingMark>,
}

/// A part laid out in a flow of its own ([`Flow::finish_part`]).
#[derive(Debug, Clone)]
pub struct LaidPart {
    pages: Vec<Page>,
    tree: StructTree,
    headings: Vec<HeadingMark>,
    y: f32,
    geometry: Geometry,
    next_geometry: Geometry,
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

/// A table column: header text and alignment. Its width comes from its
/// content (see [`Flow::table`]).
#[derive(Debug, Clone)]
pub struct Column {
    /// Header text.
    pub header: String,
    /// Right-aligned (numbers, money).
    pub right: bool,
}

impl Column {
    /// A left-aligned column.
    pub fn new(header: &str) -> Self {
        Self {
            header: header.to_string(),
            right: false,
        }
    }
    /// A right-aligned column (numbers, money).
    pub fn right(header: &str) -> Self {
        Self {
            header: header.to_string(),
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

/// The largest reduction of a table's font size before it turns to landscape.
const MAX_SHRINK: f32 = 2.0;

/// A word wider than this (at the table's base size) counts for this much in
/// its column's minimum width: it will be hyphenated rather than widen the
/// column (a URL, a 200,000-character word).
const LONG_TOKEN: f32 = 120.0;

/// Where a flow stood, to come back to it (see [`Flow::keep_together`]).
#[derive(Clone, Copy)]
struct Mark {
    pages: usize,
    items: usize,
    nodes: usize,
    headings: usize,
    y: f32,
    pending_heading: Option<(usize, usize, f32, usize)>,
    geometry: Geometry,
    next_geometry: Geometry,
}

/// How a table is set: font size, orientation, and the columns of each
/// part (the row header repeated in each when the columns are split).
#[derive(Debug, Clone, PartialEq)]
pub struct TablePlan {
    /// Font size of the cells.
    pub size: f32,
    /// On landscape pages.
    pub landscape: bool,
    /// The parts: indices of their columns, and the columns' widths in points.
    pub parts: Vec<(Vec<usize>, Vec<f32>)>,
}

/// Places blocks on pages.
pub struct Flow<'f> {
    /// Fonts and metrics.
    pub fonts: &'f mut Fonts,
    /// Geometry of the current page.
    pub geometry: Geometry,
    /// Geometry of the pages started from now on.
    next_geometry: Geometry,
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
            next_geometry: geometry,
            pages: vec![Page::new(geometry)],
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
        self.geometry = self.next_geometry;
        self.pages.push(Page::new(self.geometry));
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

    /// Pages started from now on are landscape (`true`) or portrait. The
    /// current page changes too when nothing is on it yet; otherwise a new
    /// page starts (taking along a heading waiting for what follows).
    pub fn set_landscape(&mut self, landscape: bool) {
        let base = self.next_geometry;
        let wanted = if landscape == base.is_landscape() {
            base
        } else {
            Geometry {
                width: base.height,
                height: base.width,
                ..base
            }
        };
        self.next_geometry = wanted;
        if self.geometry == wanted {
            return;
        }
        let page = self.page_index();
        if self.pages[page].items.is_empty() {
            self.geometry = wanted;
            self.pages[page].geometry = wanted;
            self.y = wanted.top;
        } else if landscape {
            self.new_page();
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

    fn mark(&self) -> Mark {
        Mark {
            pages: self.pages.len(),
            items: self.pages[self.pages.len() - 1].items.len(),
            nodes: self.tree.nodes.len(),
            headings: self.headings.len(),
            y: self.y,
            pending_heading: self.pending_heading,
            geometry: self.geometry,
            next_geometry: self.next_geometry,
        }
    }

    /// Undoes everything placed since `mark`: boxes, pages, structure nodes, headings.
    fn rewind(&mut self, mark: Mark) {
        self.pages.truncate(mark.pages);
        self.pages[mark.pages - 1].items.truncate(mark.items);
        for node in mark.nodes..self.tree.nodes.len() {
            if let Some(parent) = self.tree.nodes[node].parent.filter(|p| *p < mark.nodes) {
                self.tree.nodes[parent].children.retain(|c| *c < mark.nodes);
            }
        }
        self.tree.nodes.truncate(mark.nodes);
        self.headings.truncate(mark.headings);
        self.y = mark.y;
        self.pending_heading = mark.pending_heading;
        self.geometry = mark.geometry;
        self.next_geometry = mark.next_geometry;
    }

    /// Lays out `content` so that it stays on one page: when it ran over a
    /// page break but would fit on a page of its own, it is laid out again
    /// from the next page (taking along a heading just before it). Content
    /// taller than a page flows as usual. At most twice the work, once.
    pub fn keep_together(&mut self, mut content: impl FnMut(&mut Flow)) {
        let mark = self.mark();
        content(self);
        let broke = self.pages.len() > mark.pages;
        let at_top = mark.y <= mark.geometry.top + 0.01;
        if !broke || at_top || self.pages.len() > mark.pages + 1 {
            return;
        }
        // Its height, had it started at the top of a page.
        let first = mark.geometry.body_bottom() - mark.y;
        let used_first = self.pages[mark.pages - 1].items[mark.items..]
            .iter()
            .map(|p| p.item.bounds().3)
            .fold(mark.y, f32::max)
            - mark.y;
        let height = used_first.min(first) + (self.y - self.geometry.top);
        if height > self.geometry.body_height() {
            return;
        }
        self.rewind(mark);
        self.new_page();
        content(self);
    }

    /// Places set lines at `x`, breaking pages between lines, never leaving
    /// the first line of a block alone at the foot of a page nor its last
    /// line alone at the top of the next (no orphan, no widow).
    pub fn lines(&mut self, lines: Vec<Line>, x: f32, style: TextStyle, tag: Tag) {
        let lh = style.line_height();
        let n = lines.len();
        let mut lines = lines.into_iter();
        let mut done = 0;
        while done < n {
            let at_top = self.y <= self.geometry.top + 0.01;
            let fit = ((self.room() + 0.01) / lh).floor().max(0.0) as usize;
            let rest = n - done;
            let mut take = fit.min(rest);
            if take < rest {
                if rest - take == 1 {
                    take = take.saturating_sub(1);
                }
                if done == 0 && take == 1 {
                    take = 0;
                }
            }
            if take == 0 {
                if !at_top {
                    self.new_page();
                    continue;
                }
                take = fit.clamp(1, rest);
            }
            for line in lines.by_ref().take(take) {
                let baseline = self.y + style.size;
                self.place(Item::Text { x, y: baseline, line }, tag);
                self.y += lh;
            }
            done += take;
            if done < n {
                self.new_page();
            }
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
            // As typed: the outline (bookmarks) shows it so; the contents
            // page sets it with typography like every drawn text.
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
            // The bullet goes with the lines that [`Flow::lines`] keeps together:
            // a short item whole, a longer one at least two lines.
            let keep = if lines.len() <= 3 { lines.len() } else { 2 };
            self.ensure(lh * keep.max(1) as f32);
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

    /// How a table will be set, in the spirit of HTML's automatic table
    /// layout: each column has a minimum width (its longest unbreakable
    /// piece: a word, an amount with its `€`, a number with its unit, a
    /// date, an id) and a preferred one (its longest line); the measure is
    /// shared from those. When the minimums do not fit: the font shrinks by
    /// up to 2 pt; then the table goes to landscape pages; then its columns
    /// are split over several tables, each repeating the row header.
    pub fn plan_table(&mut self, columns: &[Column], rows: &[Row]) -> TablePlan {
        let base = styles::SMALL.size;
        let mut extents: Vec<text::Extent> = columns
            .iter()
            .map(|c| text::extent(self.fonts, &c.header, styles::SMALL_BOLD, LONG_TOKEN))
            .collect();
        for row in rows {
            for (j, cell) in row.cells.iter().enumerate().take(columns.len()) {
                let style = if cell.bold || row.total {
                    styles::SMALL_BOLD
                } else {
                    styles::SMALL
                };
                let e = text::extent(self.fonts, &cell.text, style, LONG_TOKEN);
                extents[j].min = extents[j].min.max(e.min);
                extents[j].max = extents[j].max.max(e.max);
            }
        }
        let pad = 2.0 * CELL_PAD + 0.5;
        let at = |size: f32, j: usize| {
            let k = size / base;
            (extents[j].min * k + pad, extents[j].max.max(extents[j].min) * k + pad)
        };
        let fits =
            |size: f32, cols: &[usize], measure: f32| cols.iter().map(|&j| at(size, j).0).sum::<f32>() <= measure;
        let share = |size: f32, cols: &[usize], measure: f32| -> Vec<f32> {
            let (mins, maxs): (Vec<f32>, Vec<f32>) = cols.iter().map(|&j| at(size, j)).unzip();
            let smax = maxs.iter().sum::<f32>();
            if smax <= measure {
                return maxs
                    .iter()
                    .map(|m| m + (measure - smax) * m / smax.max(0.001))
                    .collect();
            }
            // Short columns (statuses, dates, amounts) get their whole line
            // when the others can still have their minimum; the rest of the
            // measure goes to the wide ones, in proportion to what they lack.
            let narrow: Vec<bool> = maxs.iter().map(|m| *m <= measure * 0.16).collect();
            let floor: Vec<f32> = (0..cols.len())
                .map(|i| if narrow[i] { maxs[i] } else { mins[i] })
                .collect();
            let lower = if floor.iter().sum::<f32>() <= measure {
                floor
            } else {
                mins
            };
            let slower = lower.iter().sum::<f32>();
            let want: f32 = maxs.iter().zip(&lower).map(|(hi, lo)| hi - lo).sum();
            if want > 0.001 {
                let extra = (measure - slower).max(0.0);
                lower
                    .iter()
                    .zip(&maxs)
                    .map(|(lo, hi)| lo + extra * (hi - lo) / want)
                    .collect()
            } else {
                lower
            }
        };
        let all: Vec<usize> = (0..columns.len()).collect();
        let sizes = [base, base - 0.5, base - 1.0, base - 1.5, base - MAX_SHRINK];
        for landscape in [false, true] {
            let measure = self.oriented(landscape).measure();
            if let Some(&size) = sizes.iter().find(|s| fits(**s, &all, measure)) {
                return TablePlan {
                    size,
                    landscape,
                    parts: vec![(all.clone(), share(size, &all, measure))],
                };
            }
        }
        // Split the columns, the row header repeated at the left of each part.
        let size = base - MAX_SHRINK;
        let measure = self.oriented(true).measure();
        let head: Vec<usize> = if rows.iter().any(|r| r.row_header) {
            vec![0]
        } else {
            Vec::new()
        };
        let mut parts: Vec<Vec<usize>> = Vec::new();
        let mut current = head.clone();
        for j in head.len()..columns.len() {
            current.push(j);
            if current.len() > head.len() + 1 && !fits(size, &current, measure) {
                current.pop();
                parts.push(std::mem::replace(&mut current, head.clone()));
                current.push(j);
            }
        }
        parts.push(current);
        TablePlan {
            size,
            landscape: true,
            parts: parts
                .into_iter()
                .map(|cols| {
                    let w = share(size, &cols, measure);
                    (cols, w)
                })
                .collect(),
        }
    }

    /// The geometry of pages of this flow in an orientation.
    fn oriented(&self, landscape: bool) -> Geometry {
        let g = self.next_geometry;
        if g.is_landscape() == landscape {
            g
        } else {
            Geometry {
                width: g.height,
                height: g.width,
                ..g
            }
        }
    }

    /// A table with a header row repeated after each page break, its columns
    /// sized from their content ([`Flow::plan_table`]). Rows taller than a
    /// page are split between lines; the header row stays with the first
    /// row. Returns the (first) table's node.
    pub fn table(&mut self, columns: &[Column], rows: &[Row], parent: NodeId) -> NodeId {
        let plan = self.plan_table(columns, rows);
        if plan.landscape {
            self.set_landscape(true);
        }
        let mut first = None;
        for (cols, widths) in &plan.parts {
            let node = self.table_part(columns, rows, cols, widths, plan.size, parent);
            first.get_or_insert(node);
        }
        if plan.landscape {
            self.set_landscape(false);
        }
        first.unwrap_or(parent)
    }

    /// One table of the columns `cols` (of `columns`), `widths` wide, cells at `size` points.
    fn table_part(
        &mut self,
        columns: &[Column],
        rows: &[Row],
        cols: &[usize],
        widths: &[f32],
        size: f32,
        parent: NodeId,
    ) -> NodeId {
        let regular = TextStyle { size, ..styles::SMALL };
        let bold = TextStyle {
            size,
            ..styles::SMALL_BOLD
        };
        let table = self.tree.add(parent, Role::Table);
        let measure: f32 = widths.iter().sum();
        let left = self.geometry.left;
        let xs: Vec<f32> = widths
            .iter()
            .scan(left, |x, w| {
                let here = *x;
                *x += w;
                Some(here)
            })
            .collect();
        let right: Vec<bool> = cols.iter().map(|&j| columns[j].right).collect();
        let head = self.tree.add(table, Role::THead);
        let body = self.tree.add(table, Role::TBody);
        let header_cells: Vec<Vec<Line>> = cols
            .iter()
            .zip(widths)
            .map(|(&j, w)| text::plain_lines(self.fonts, &columns[j].header, bold, w - 2.0 * CELL_PAD))
            .collect();
        let header_lines = header_cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let lh = regular.line_height();
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
                    let x = if right[i] {
                        xs[i] + widths[i] - CELL_PAD - line.width
                    } else {
                        xs[i] + CELL_PAD
                    };
                    let y = top + CELL_PAD + k as f32 * lh + bold.size;
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
        let set_row = |flow: &mut Flow, row: &Row| -> Vec<(Vec<Line>, TextStyle)> {
            cols.iter()
                .zip(widths)
                .map(|(&j, w)| {
                    let cell = row.cells.get(j);
                    let style = if cell.is_some_and(|c| c.bold) || row.total {
                        bold
                    } else {
                        regular
                    };
                    let style = style.colored(cell.map_or(Rgb::TEXT, |c| c.color));
                    let text = cell.map_or("", |c| c.text.as_str());
                    (text::plain_lines(flow.fonts, text, style, w - 2.0 * CELL_PAD), style)
                })
                .collect()
        };
        let row_height = |cells: &[(Vec<Line>, TextStyle)]| {
            cells.iter().map(|c| c.0.len()).max().unwrap_or(1).max(1) as f32 * lh + 2.0 * CELL_PAD
        };
        let all: Vec<Vec<(Vec<Line>, TextStyle)>> = rows.iter().map(|r| set_row(self, r)).collect();
        let heights: Vec<f32> = all.iter().map(|c| row_height(c)).collect();
        // Keep the header with the whole first row (or a line of it, when the
        // row is taller than a page); a small table stays whole.
        let body_height = self.geometry.body_height();
        let whole = header_height + heights.iter().sum::<f32>();
        let first_height = heights.first().copied().unwrap_or(0.0);
        let keep = if whole <= body_height / 3.0 {
            whole - header_height
        } else if header_height + first_height <= body_height {
            first_height
        } else {
            lh + 2.0 * CELL_PAD
        };
        self.ensure(header_height + keep);
        let tr = self.tree.add(head, Role::TR);
        let th: Vec<NodeId> = cols
            .iter()
            .map(|_| {
                let n = self.tree.add(tr, Role::TH);
                self.tree.nodes[n].column_scope = Some(true);
                n
            })
            .collect();
        draw_header(self, Some(th));

        let last = rows.len().saturating_sub(1);
        for (r, (row, cells)) in rows.iter().zip(all).enumerate() {
            let tr = self.tree.add(body, Role::TR);
            let nodes: Vec<NodeId> = (0..cells.len())
                .map(|i| {
                    let header = i == 0 && row.row_header;
                    let n = self.tree.add(tr, if header { Role::TH } else { Role::TD });
                    if header {
                        self.tree.nodes[n].column_scope = Some(false);
                    }
                    n
                })
                .collect();
            let n_lines = cells.iter().map(|c| c.0.len()).max().unwrap_or(1).max(1);
            // The last row (often the total) never goes alone to a new page:
            // the one before it goes along.
            let with_next = if r + 1 == last && last > 1 && heights[r] + heights[last] + header_height <= body_height {
                heights[last]
            } else {
                0.0
            };
            if heights[r] + with_next > self.room() {
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
                for (i, (lines, style)) in cells.iter().enumerate() {
                    for (k, l) in lines.iter().enumerate().skip(line).take(fit) {
                        let x = if right[i] {
                            xs[i] + widths[i] - CELL_PAD - l.width
                        } else {
                            xs[i] + CELL_PAD
                        };
                        let y = top + CELL_PAD + (k - line) as f32 * lh + style.size;
                        self.place(Item::Text { x, y, line: l.clone() }, Tag::Node(nodes[i]));
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
        self.tree.nodes[node].alt = Some(typography::french(&alt));
        let (x, y) = (self.geometry.left, self.y);
        draw(self, x, y, node);
        self.y = y + height;
        node
    }

    /// This flow as a part of a larger one, to be put after its pages
    /// with [`Flow::append`]: laid out from its own first page, in a flow
    /// of its own (another thread, other fonts).
    pub fn finish_part(self) -> LaidPart {
        LaidPart {
            pages: self.pages,
            tree: self.tree,
            headings: self.headings,
            y: self.y,
            geometry: self.geometry,
            next_geometry: self.next_geometry,
        }
    }

    /// Puts `part` after the last page, as if it had been laid out here
    /// after [`Flow::new_page`]: its pages, its structure (its root's
    /// children become `parent`'s last children), its headings and its
    /// links, renumbered, and the flow goes on where the part ended.
    pub fn append(&mut self, part: LaidPart, parent: NodeId) {
        let page_offset = self.pages.len();
        let node_offset = self.tree.nodes.len() - 1;
        let map = |n: NodeId| if n == StructTree::ROOT { parent } else { n + node_offset };
        let mut nodes = part.tree.nodes.into_iter();
        let root = nodes.next().expect("a structure tree has its root");
        for mut node in nodes {
            node.parent = node.parent.map(map);
            for child in &mut node.children {
                *child = map(*child);
            }
            self.tree.nodes.push(node);
        }
        let children = root.children.into_iter().map(map);
        self.tree.nodes[parent].children.extend(children);
        for mut page in part.pages {
            for placed in &mut page.items {
                if let Tag::Node(n) = &mut placed.tag {
                    *n = map(*n);
                }
                if let Item::Link { to, .. } = &mut placed.item {
                    to.page += page_offset;
                }
            }
            self.pages.push(page);
        }
        self.headings.extend(part.headings.into_iter().map(|mut h| {
            h.at.page += page_offset;
            h
        }));
        self.y = part.y;
        self.geometry = part.geometry;
        self.next_geometry = part.next_geometry;
        self.pending_heading = None;
    }

    /// The finished layout.
    pub fn finish(self) -> Document {
        Document {
            geometry: self.oriented(false),
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
        let columns = vec![Column::new("Id"), Column::new("Intitulé"), Column::right("Montant")];
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
        let columns = vec![Column::new("Financeur")];
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

    /// Every line of a table cell (TD/TH) ends at a space or a forced break:
    /// no word, number, amount, date or id is cut across lines.
    pub(crate) fn cut_cells(doc: &Document) -> Vec<(usize, String, text::LineEnd)> {
        let mut cut = Vec::new();
        for (p, page) in doc.pages.iter().enumerate() {
            for placed in &page.items {
                if let (Item::Text { line, .. }, Tag::Node(n)) = (&placed.item, placed.tag) {
                    let cell = matches!(doc.tree.nodes[n].role, Role::TD | Role::TH);
                    if cell && !matches!(line.end, text::LineEnd::Space | text::LineEnd::Forced) {
                        cut.push((p, line.text(), line.end));
                    }
                }
            }
        }
        cut
    }

    fn budget_lines(years: std::ops::RangeInclusive<i64>, amount_cents: i64) -> Vec<fdr_core::FundingLine> {
        let funders = [
            "État",
            "Région Hauts-de-France",
            "Département du Pas-de-Calais",
            "Caisse d’allocations familiales",
            "Fonds social européen",
        ];
        funders
            .iter()
            .flat_map(|f| {
                years.clone().map(move |year| fdr_core::FundingLine {
                    funder: f.to_string(),
                    year,
                    amount_cents,
                })
            })
            .collect()
    }

    #[test]
    fn the_regional_budget_shows_six_years_and_the_total_of_amounts_up_to_a_billion_unbroken() {
        let mut fonts = Fonts::new();
        let mut flow = Flow::new(&mut fonts, Geometry::a4());
        let lines = budget_lines(2018..=2023, 99_999_999_999);
        assert!(crate::roadmap::funding_grid(&mut flow, &lines, StructTree::ROOT));
        let doc = flow.finish();
        let tables = doc.tree.nodes.iter().filter(|n| n.role == Role::Table).count();
        assert_eq!(tables, 1, "six years and the total in one table, not split");
        assert!(cut_cells(&doc).is_empty(), "nothing cut: {:?}", cut_cells(&doc));
        let texts: Vec<String> = doc.pages.iter().flat_map(text_items).map(|t| t.2).collect();
        let amount = "999\u{202F}999\u{202F}999,99\u{A0}€";
        assert_eq!(
            texts.iter().filter(|t| t.trim() == amount).count(),
            5 * 6,
            "each of the 30 amounts is one line of its own cell: {texts:?}"
        );
        for whole in [
            "4\u{202F}999\u{202F}999\u{202F}999,95\u{A0}€",
            "29\u{202F}999\u{202F}999\u{202F}999,70\u{A0}€",
        ] {
            assert!(texts.iter().any(|t| t.trim() == whole), "the total {whole} is whole");
        }
        for page in &doc.pages {
            for p in &page.items {
                let (l, _, r, _) = p.item.bounds();
                assert!(
                    l >= page.geometry.left - 0.5 && r <= page.geometry.width - page.geometry.right + 0.5,
                    "inside the margins"
                );
            }
        }
    }

    fn wide_table(columns: usize) -> (Vec<Column>, Vec<Row>) {
        let mut cols = vec![Column::new("Financeur")];
        cols.extend((1..columns).map(|i| Column::right(&format!("{}", 2000 + i))));
        let rows = (0..4)
            .map(|r| Row {
                cells: std::iter::once(Cell::new(format!("Financeur {r}")))
                    .chain((1..columns).map(|_| Cell::new("1\u{202F}234\u{202F}567\u{202F}890,12\u{A0}€")))
                    .collect(),
                row_header: true,
                total: false,
            })
            .collect();
        (cols, rows)
    }

    #[test]
    fn a_table_too_wide_shrinks_its_font_then_turns_landscape_then_splits_its_columns() {
        let mut fonts = Fonts::new();
        let mut flow = Flow::new(&mut fonts, Geometry::a4());
        let mut plans = Vec::new();
        for n in [4, 7, 10, 16] {
            let (c, r) = wide_table(n);
            plans.push((n, flow.plan_table(&c, &r)));
        }
        let (_, p4) = &plans[0];
        assert_eq!(
            (p4.size, p4.landscape, p4.parts.len()),
            (8.0, false, 1),
            "4 columns fit as they are"
        );
        let (_, p7) = &plans[1];
        assert!(
            p7.size < 8.0 && p7.size >= 6.0 && !p7.landscape,
            "7 columns: a smaller font, portrait: {p7:?}"
        );
        let (_, p10) = &plans[2];
        assert!(
            p10.landscape && p10.parts.len() == 1,
            "10 columns: landscape, one table: {p10:?}"
        );
        let (_, p16) = &plans[3];
        assert!(
            p16.landscape && p16.parts.len() == 2,
            "16 columns: split in two: {p16:?}"
        );
        for (cols, widths) in &p16.parts {
            assert_eq!(cols[0], 0, "each part repeats the row header");
            assert!(widths.iter().sum::<f32>() <= Geometry::a4_landscape().measure() + 0.5);
        }
        let (c, r) = wide_table(16);
        let mut flow = Flow::new(&mut fonts, Geometry::a4());
        flow.plain("Avant le tableau.", styles::BODY, StructTree::ROOT);
        flow.table(&c, &r, StructTree::ROOT);
        flow.plain("Après le tableau.", styles::BODY, StructTree::ROOT);
        flow.new_page();
        flow.plain("Page suivante.", styles::BODY, StructTree::ROOT);
        let doc = flow.finish();
        assert!(cut_cells(&doc).is_empty(), "{:?}", cut_cells(&doc));
        let kinds: Vec<bool> = doc.pages.iter().map(|p| p.geometry.is_landscape()).collect();
        assert_eq!(kinds, vec![false, true, false], "the table's page alone is landscape");
        let heads = text_items(&doc.pages[1])
            .iter()
            .filter(|t| t.2.starts_with("Financeur"))
            .count();
        assert_eq!(heads, 2 * 5, "two tables, each with the header and four row headers");
    }

    #[test]
    fn a_group_kept_together_moves_whole_to_the_next_page() {
        let mut fonts = Fonts::new();
        let g = Geometry::a4();
        let mut flow = Flow::new(&mut fonts, g);
        flow.plain("Texte avant.", styles::BODY, StructTree::ROOT);
        flow.y = g.body_bottom() - 80.0;
        flow.keep_together(|flow| {
            flow.heading(3, "ind_1 · Un indicateur", StructTree::ROOT, false);
            flow.plain("Sa définition.", styles::BODY, StructTree::ROOT);
            flow.figure(96.0, "Graphique".into(), StructTree::ROOT, |flow, x, y, node| {
                flow.place(
                    Item::Fill {
                        x,
                        y,
                        w: 10.0,
                        h: 96.0,
                        color: Rgb::BLUE,
                    },
                    Tag::Node(node),
                );
            });
        });
        let doc = flow.finish();
        assert_eq!(doc.pages.len(), 2);
        assert!(
            !text_items(&doc.pages[0]).iter().any(|t| t.2.contains("indicateur")),
            "the heading left the first page"
        );
        let second = text_items(&doc.pages[1]);
        assert!(second.iter().any(|t| t.2.contains("indicateur")) && second.iter().any(|t| t.2.contains("définition")));
        assert!(
            doc.pages[1].items.iter().any(|p| matches!(p.item, Item::Fill { .. })),
            "with its chart"
        );
        assert_eq!(doc.headings[0].at.page, 1, "the heading's mark follows it");
        assert_eq!(
            doc.tree.nodes.iter().filter(|n| n.role == Role::Figure).count(),
            1,
            "laid out again, not twice: one figure in the structure"
        );
        assert_eq!(doc.tree.nodes.iter().filter(|n| n.role == Role::H3).count(), 1);
    }

    #[test]
    fn no_line_of_a_paragraph_is_left_alone_at_a_page_break() {
        let mut fonts = Fonts::new();
        let g = Geometry::a4();
        let lh = styles::BODY.line_height();
        let text = "mot ".repeat(400);
        let lines_of = |fonts: &mut Fonts| text::plain_lines(fonts, &text, styles::BODY, g.measure()).len();
        let n = lines_of(&mut fonts);
        assert!(n > 6);
        for room_lines in [1usize, n - 1] {
            let mut flow = Flow::new(&mut fonts, g);
            flow.plain("Avant.", styles::BODY, StructTree::ROOT);
            flow.y = g.body_bottom() - lh * room_lines as f32 - 0.5;
            flow.plain(&text, styles::BODY, StructTree::ROOT);
            let doc = flow.finish();
            let per_page: Vec<usize> = doc
                .pages
                .iter()
                .map(|p| text_items(p).iter().filter(|t| t.2.starts_with("mot")).count())
                .collect();
            assert!(
                per_page.iter().all(|c| *c == 0 || *c >= 2),
                "room for {room_lines}: {per_page:?}"
            );
            assert_eq!(per_page.iter().sum::<usize>(), n);
        }
    }
}
