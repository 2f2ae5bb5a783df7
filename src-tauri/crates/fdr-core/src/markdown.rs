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
//!
//! Any text parses in time linear in its length (a received file is not
//! trusted): `cargo bench -p fdr-core --bench markdown` shows 200,000
//! characters of hostile runs in a few milliseconds. Extending the syntax
//! means extending the tables of `Emphasis` (private), then the reference comparison in
//! the tests (which pins the rules of the first, simpler parser).

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
///
/// Linear in the length of `text`: each position is looked at a bounded
/// number of times (see `Emphasis`).
pub fn inline(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    if !text.contains('*') {
        push_text(&mut out, text, false, false);
        return out;
    }
    let marks = Emphasis::new(text);
    let whole = marks.italic_walk(0, text.len());
    marks.emphasis(0, text.len(), false, false, &whole, &mut out);
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

/// No position: the end of a search that found nothing.
const NONE: usize = usize::MAX;

/// The emphasis of one block, found in time linear in its length.
///
/// The rules are those of the first version of this module, which searched
/// forward from every marker (cubic on runs such as `*x ** `); the results
/// are the same on every text (a property test compares the two):
/// - `**` opens bold when a closing `**` follows in the same span of text
///   whose content neither starts nor ends with a space; the first such
///   closer wins;
/// - a single `*` opens italic when a closing single `*` follows under the
///   same condition, the search stepping over bold runs that close (and over
///   both stars of a `**` that does not);
/// - bold inside italic and italic inside bold are read; nothing deeper.
///
/// Two tables make each search a look-up: [`Emphasis::bold_closer`], the
/// next `**` that may close a bold run, built once per block from the end;
/// and the italic walk ([`Emphasis::italic_walk`]), where the search that
/// starts at each position ends, built from the end of each span that
/// opens italic (the block, and each bold run in it: disjoint, so the total
/// is linear too).
struct Emphasis<'a> {
    text: &'a str,
    /// `bold_closer[k]`: the first `j >= k` where `**` starts after a
    /// character that is not a space, or [`NONE`].
    bold_closer: Vec<usize>,
}

impl<'a> Emphasis<'a> {
    fn new(text: &'a str) -> Self {
        let b = text.as_bytes();
        let mut bold_closer = vec![NONE; b.len() + 1];
        for j in (0..b.len()).rev() {
            bold_closer[j] = if b[j] == b'*' && b.get(j + 1) == Some(&b'*') && ends_ok(&text[..j]) {
                j
            } else {
                bold_closer[j + 1]
            };
        }
        Self { text, bold_closer }
    }

    /// The closing `**` of a bold run whose content starts at `from`, inside
    /// the span that ends at `end`.
    fn closing_bold(&self, from: usize, end: usize) -> Option<usize> {
        if from >= end || !starts_ok(&self.text[from..end]) {
            return None;
        }
        let j = self.bold_closer[from + 1];
        (j != NONE && j + 2 <= end).then_some(j)
    }

    /// Where the search for a closing `*` ends, for every position of the
    /// span `start..end`: `walk[p - start]` is the first single `*` at or
    /// after `p` that follows a character that is not a space, stepping over
    /// bold runs (or [`NONE`]).
    fn italic_walk(&self, start: usize, end: usize) -> Vec<usize> {
        let b = self.text.as_bytes();
        let mut walk = vec![NONE; end - start + 1];
        for p in (start..end).rev() {
            walk[p - start] = if b[p] != b'*' {
                walk[p + 1 - start]
            } else if p + 1 < end && b[p + 1] == b'*' {
                match self.closing_bold(p + 2, end) {
                    Some(j) => walk[j + 2 - start],
                    None => walk[p + 2 - start],
                }
            } else if ends_ok(&self.text[..p]) {
                p
            } else {
                walk[p + 1 - start]
            };
        }
        walk
    }

    /// The closing `*` of an italic run whose content starts at `from`, in
    /// the span whose italic walk (from `start`) is `walk`.
    fn closing_italic(&self, from: usize, end: usize, start: usize, walk: &[usize]) -> Option<usize> {
        if from >= end || !starts_ok(&self.text[from..end]) {
            return None;
        }
        let j = walk[from - start];
        (j != NONE).then_some(j)
    }

    /// The spans of `start..end`, already inside bold and/or italic; `walk`
    /// is that span's italic walk when it is not already italic.
    fn emphasis(&self, start: usize, end: usize, bold: bool, italic: bool, walk: &[usize], out: &mut Vec<Span>) {
        let s = self.text;
        let b = s.as_bytes();
        let mut literal_from = start;
        let mut i = start;
        while i < end {
            if b[i] != b'*' {
                i += 1;
                continue;
            }
            let double = i + 1 < end && b[i + 1] == b'*';
            if !bold && double {
                if let Some(j) = self.closing_bold(i + 2, end) {
                    push_text(out, &s[literal_from..i], bold, italic);
                    // Italic inside this bold run searches within it only.
                    let inner = if italic || !s[i + 2..j].contains('*') {
                        Vec::new()
                    } else {
                        self.italic_walk(i + 2, j)
                    };
                    self.emphasis(i + 2, j, true, italic, &inner, out);
                    i = j + 2;
                    literal_from = i;
                    continue;
                }
                i += 2;
                continue;
            }
            if !italic && !double {
                if let Some(j) = self.closing_italic(i + 1, end, start, walk) {
                    push_text(out, &s[literal_from..i], bold, italic);
                    self.emphasis(i + 1, j, bold, true, &[], out);
                    i = j + 1;
                    literal_from = i;
                    continue;
                }
            }
            i += 1;
        }
        push_text(out, &s[literal_from..end], bold, italic);
    }
}

fn starts_ok(s: &str) -> bool {
    s.chars().next().is_some_and(|c| !c.is_whitespace())
}

fn ends_ok(s: &str) -> bool {
    s.chars().next_back().is_some_and(|c| !c.is_whitespace())
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
#[path = "markdown_reference.rs"]
mod reference;

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

    /// The reference's spans in the library's type.
    fn reference_inline(text: &str) -> Vec<Span> {
        reference::inline(text)
            .into_iter()
            .map(|s| Span {
                text: s.text,
                bold: s.bold,
                italic: s.italic,
            })
            .collect()
    }

    fn reference_parse(text: &str) -> Vec<Block> {
        let spans = |v: Vec<reference::Span>| {
            v.into_iter()
                .map(|s| Span {
                    text: s.text,
                    bold: s.bold,
                    italic: s.italic,
                })
                .collect()
        };
        reference::parse(text)
            .into_iter()
            .map(|b| match b {
                reference::Block::Paragraph(p) => Block::Paragraph(spans(p)),
                reference::Block::Bullets(items) => Block::Bullets(items.into_iter().map(spans).collect()),
            })
            .collect()
    }

    #[test]
    fn the_cases_that_made_the_first_parser_slow_read_as_before() {
        // Short enough for the reference, which is cubic on these runs.
        for unit in [
            "*x ** ",
            "**x * ",
            "*a ",
            "**a ",
            "*a **b _c ",
            "*a **b *c **d ",
            "***",
            "* *",
            "**a**b*",
        ] {
            let text = unit.repeat(40);
            assert_eq!(
                inline(&text),
                reference_inline(&text),
                "{unit:?} × 40 reads as the first parser read it"
            );
        }
    }

    #[test]
    fn spans_inside_bold_are_searched_within_it() {
        // The italic opened inside bold closes inside it, never after it.
        assert_eq!(
            inline("**a *b** c*"),
            vec![span("a *b", true, false), span(" c*", false, false)],
            "the italic may not close outside its bold run"
        );
        assert_eq!(inline("**a *b* c**")[1], span("b", true, true));
        assert_eq!(
            inline("*a **b* c** d*"),
            reference_inline("*a **b* c** d*"),
            "a bold run that crosses the italic's closer is stepped over, as before"
        );
    }

    use proptest::prelude::*;

    /// Text made of the characters that matter to emphasis, and a few others
    /// (multi-byte letters, Unicode spaces, line breaks, list markers).
    fn marker_text(max: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                4 => Just("*"),
                2 => Just("**"),
                3 => Just(" "),
                3 => Just("a"),
                1 => Just("é"),
                1 => Just("_"),
                1 => Just("\u{A0}"),
                1 => Just("\u{2003}"),
                1 => Just("\n"),
                1 => Just("\n- "),
                1 => Just("\r\n\n"),
                1 => Just("\t"),
                1 => Just("€"),
            ],
            0..max,
        )
        .prop_map(|parts| parts.concat())
    }

    /// Words with well-formed emphasis, as people write it.
    fn prose() -> impl Strategy<Value = String> {
        let word = || proptest::sample::select(vec!["familles", "État", "2023", "ASE", "jeunes", "x", "été", "n°5"]);
        let run = prop_oneof![
            3 => word().prop_map(|w| w.to_string()),
            1 => word().prop_map(|w| format!("**{w}**")),
            1 => word().prop_map(|w| format!("*{w}*")),
            1 => (word(), word()).prop_map(|(a, b)| format!("**{a} *{b}* fin**")),
            1 => (word(), word()).prop_map(|(a, b)| format!("*{a} **{b}** fin*")),
            1 => Just("2 * 3".to_string()),
        ];
        proptest::collection::vec(
            (
                run,
                prop_oneof![6 => Just(" "), 1 => Just("\n"), 1 => Just("\n\n- "), 1 => Just(", ")],
            ),
            0..120,
        )
        .prop_map(|parts| parts.into_iter().map(|(w, sep)| format!("{w}{sep}")).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn reads_any_marker_text_as_the_first_parser(text in marker_text(48)) {
            prop_assert_eq!(inline(&text), reference_inline(&text), "inline of {:?}", text);
            prop_assert_eq!(parse(&text), reference_parse(&text), "blocks of {:?}", text);
        }

        #[test]
        fn reads_prose_as_the_first_parser(text in prose()) {
            prop_assert_eq!(parse(&text), reference_parse(&text), "blocks of {:?}", text);
        }

        #[test]
        fn keeps_every_character_but_the_markers(text in marker_text(64)) {
            let shown: String = inline(&text).iter().map(|s| s.text.as_str()).collect();
            let stars = |s: &str| s.chars().filter(|c| *c != '*').collect::<String>();
            prop_assert_eq!(stars(&shown), stars(&text), "only stars may disappear from {:?}", text);
        }
    }
}
