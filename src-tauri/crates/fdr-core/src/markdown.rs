//! The light Markdown of text fields, exactly as the format defines it and
//! nothing more: paragraphs separated by a blank line, lines starting with
//! `- ` forming a bulleted list, `**bold**`, `*italic*`. Everything else is
//! literal text.
//!
//! Where the format is silent this module decides, and the desktop preview
//! and the PDF both use it, so they always agree:
//! - a blank line is a line holding only spaces or tabs;
//! - a single line break inside a paragraph or a list item is kept as a
//!   line break (animators write addresses and lists of names that way);
//! - a line that does not start with `- ` right after a list item continues
//!   that item;
//! - emphasis needs a closing marker in the same block, and its text may not
//!   start or end with a space (`2 * 3 * 4` stays literal); an unmatched
//!   marker is literal text;
//! - `\r` before a line break is dropped when the text is shown (it is kept
//!   in the data).

use serde::Serialize;

/// A run of text in one style. `text` may contain `\n`: a line break.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Span {
    /// The characters shown.
    pub text: String,
    /// In `**bold**`.
    pub bold: bool,
    /// In `*italic*`.
    pub italic: bool,
}

/// A block of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "content", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Span>),
    /// A bulleted list: one entry per item.
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

/// The text without its markers, as a reader sees it (for search, alt text,
/// spreadsheets).
pub fn plain_text(text: &str) -> String {
    parse(text)
        .iter()
        .map(|b| match b {
            Block::Paragraph(spans) => spans.iter().map(|s| s.text.as_str()).collect::<String>(),
            Block::Bullets(items) => items
                .iter()
                .map(|spans| format!("• {}", spans.iter().map(|s| s.text.as_str()).collect::<String>()))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, bold: bool, italic: bool) -> Span {
        Span {
            text: text.into(),
            bold,
            italic,
        }
    }

    #[test]
    fn paragraphs_and_bullets() {
        let blocks = parse("Un **deux**.\n\nIntro :\n- a ;\n- b\n  suite\n\n\nFin");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![
                    span("Un ", false, false),
                    span("deux", true, false),
                    span(".", false, false)
                ]),
                Block::Paragraph(vec![span("Intro :", false, false)]),
                Block::Bullets(vec![
                    vec![span("a ;", false, false)],
                    vec![span("b\n  suite", false, false)]
                ]),
                Block::Paragraph(vec![span("Fin", false, false)]),
            ]
        );
    }

    #[test]
    fn crlf_and_whitespace_only_lines_separate_paragraphs() {
        assert_eq!(parse("a\r\n \t\r\nb").len(), 2, "a line of blanks separates paragraphs");
        assert_eq!(
            parse("a\r\nb"),
            vec![Block::Paragraph(vec![span("a\nb", false, false)])],
            "CR dropped, break kept"
        );
        assert!(parse("").is_empty());
        assert!(parse("\n\n  \n").is_empty());
    }

    #[test]
    fn emphasis_rules() {
        assert_eq!(
            inline("*a* et **b**"),
            vec![
                span("a", false, true),
                span(" et ", false, false),
                span("b", true, false)
            ]
        );
        assert_eq!(inline("**gras *et italique* fin**")[1], span("et italique", true, true));
        assert_eq!(inline("*ita **gras** lique*")[1], span("gras", true, true));
        assert_eq!(
            inline("2 * 3 * 4"),
            vec![span("2 * 3 * 4", false, false)],
            "spaced stars are literal"
        );
        assert_eq!(inline("**pas fermé"), vec![span("**pas fermé", false, false)]);
        assert_eq!(inline("*"), vec![span("*", false, false)]);
        assert_eq!(inline("****"), vec![span("****", false, false)]);
        assert_eq!(
            inline("# titre `code` [lien](x)"),
            vec![span("# titre `code` [lien](x)", false, false)],
            "nothing else is interpreted"
        );
        assert_eq!(inline("**é**"), vec![span("é", true, false)], "multi-byte content");
    }

    #[test]
    fn a_dash_without_space_is_not_a_bullet() {
        assert_eq!(
            parse("-a\n -b"),
            vec![Block::Paragraph(vec![span("-a\n -b", false, false)])]
        );
    }

    #[test]
    fn plain_text_drops_markers() {
        assert_eq!(plain_text("**a** *b*\n\n- c"), "a b\n\n• c");
    }
}
