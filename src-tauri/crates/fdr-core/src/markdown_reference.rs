//! The first version of the light-Markdown parser, kept word for word as the
//! reference the linear parser ([`crate::markdown`]) is compared with: the
//! property tests in `markdown.rs` and the benchmark `benches/markdown.rs`
//! (which shows its cubic time on runs such as `*x ** `). Not compiled into
//! the library.
//!
//! Its own `Span` and `Block` mirror the library's, so this file compiles
//! alone inside the benchmark as well.

#![allow(dead_code)]

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// A block of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Span>),
    Bullets(Vec<Vec<Span>>),
}

/// Parses a text field.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut items: Vec<Vec<&str>> = Vec::new();

    fn flush_paragraph(blocks: &mut Vec<Block>, paragraph: &mut Vec<&str>) {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(inline(&paragraph.join("\n"))));
            paragraph.clear();
        }
    }
    fn flush_items(blocks: &mut Vec<Block>, items: &mut Vec<Vec<&str>>) {
        if !items.is_empty() {
            blocks.push(Block::Bullets(
                items.iter().map(|lines| inline(&lines.join("\n"))).collect(),
            ));
            items.clear();
        }
    }

    for raw in text.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.chars().all(|c| c == ' ' || c == '\t') {
            flush_paragraph(&mut blocks, &mut paragraph);
            flush_items(&mut blocks, &mut items);
        } else if let Some(item) = line.strip_prefix("- ") {
            flush_paragraph(&mut blocks, &mut paragraph);
            items.push(vec![item]);
        } else if let Some(last) = items.last_mut() {
            last.push(line);
        } else {
            paragraph.push(line);
        }
    }
    flush_paragraph(&mut blocks, &mut paragraph);
    flush_items(&mut blocks, &mut items);
    blocks
}

/// Parses the emphasis of one block's text.
pub fn inline(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    emphasis(text, false, false, &mut out);
    out
}

fn push_text(out: &mut Vec<Span>, text: &str, bold: bool, italic: bool) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(text),
        _ => out.push(Span {
            text: text.to_string(),
            bold,
            italic,
        }),
    }
}

fn starts_ok(s: &str) -> bool {
    s.chars().next().is_some_and(|c| !c.is_whitespace())
}

fn ends_ok(s: &str) -> bool {
    s.chars().next_back().is_some_and(|c| !c.is_whitespace())
}

/// Finds the closing `**` for a bold run whose content starts at `from`.
fn closing_bold(s: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(k) = s[at..].find("**") {
        let j = at + k;
        let inner = &s[from..j];
        if starts_ok(inner) && ends_ok(inner) {
            return Some(j);
        }
        at = j + 1;
    }
    None
}

/// Finds the closing single `*` for an italic run whose content starts at `from`,
/// skipping the markers of bold runs inside it.
fn closing_italic(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut j = from;
    while j < b.len() {
        if b[j] == b'*' {
            if b.get(j + 1) == Some(&b'*') {
                // A bold run inside the italic one: skip to its end if it closes.
                if let Some(end) = closing_bold(s, j + 2) {
                    j = end + 2;
                    continue;
                }
                j += 2;
                continue;
            }
            let inner = &s[from..j];
            if starts_ok(inner) && ends_ok(inner) {
                return Some(j);
            }
        }
        j += 1;
    }
    None
}

fn emphasis(s: &str, bold: bool, italic: bool, out: &mut Vec<Span>) {
    let mut literal_from = 0;
    let mut i = 0;
    let b = s.as_bytes();
    while i < b.len() {
        if b[i] != b'*' {
            i += 1;
            continue;
        }
        if !bold && s[i..].starts_with("**") {
            if let Some(j) = closing_bold(s, i + 2) {
                push_text(out, &s[literal_from..i], bold, italic);
                emphasis(&s[i + 2..j], true, italic, out);
                i = j + 2;
                literal_from = i;
                continue;
            }
            i += 2;
            continue;
        }
        if !italic && !s[i..].starts_with("**") {
            if let Some(j) = closing_italic(s, i + 1) {
                push_text(out, &s[literal_from..i], bold, italic);
                emphasis(&s[i + 1..j], bold, true, out);
                i = j + 1;
                literal_from = i;
                continue;
            }
        }
        i += 1;
    }
    push_text(out, &s[literal_from..], bold, italic);
}
