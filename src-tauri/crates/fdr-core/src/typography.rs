//! French typography applied when text is shown — in the PDFs, the editor's
//! preview and the spreadsheet headings — and never to the data: the format
//! keeps text exactly as typed.
//!
//! What it does, as LaTeX's babel-french and typst's French mode do:
//! - a narrow no-break space (U+202F) before `;`, `:`, `!`, `?` ending a
//!   word (replacing a space typed there), and inside « » ;
//! - straight quotes to French ones: `"…"` to « … », `'` to ’ ;
//! - `...` to … ;
//! - no-break spaces in figures typed with plain spaces: `1 000 €`
//!   (U+202F between digit groups, U+00A0 before `€`, U+202F before `%`)
//!   and `n° 5` (U+00A0).
//!
//! Never inside URLs, e-mail addresses, identifiers and codes (a word holding
//! `://`, `@`, `_`, `\`, `=`, `#`…), and never where it is already right:
//! applying it twice gives the same text (tested), so generated French text
//! passes through unchanged. One pass, linear in the length of the text.
//!
//! Extending it: a new rule is one arm in [`apply`], which must stay
//! idempotent (the property test checks it on random text).

use crate::markdown::{Block, Span};

/// Narrow no-break space.
pub const NNBSP: char = '\u{202F}';
/// No-break space.
pub const NBSP: char = '\u{A0}';

/// The text with French typography.
pub fn french(text: &str) -> String {
    let input: Vec<(char, ())> = text.chars().map(|c| (c, ())).collect();
    apply(&input).into_iter().map(|(c, ())| c).collect()
}

/// Styled spans with French typography, the rules seeing across span
/// boundaries (`**familles**?` gets its space before `?`). A character added
/// takes the style of the character it belongs to.
pub fn spans(spans: &[Span]) -> Vec<Span> {
    let input: Vec<(char, usize)> = spans
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.text.chars().map(move |c| (c, i)))
        .collect();
    let mut out: Vec<Span> = Vec::new();
    let mut current: Option<usize> = None;
    for (c, i) in apply(&input) {
        let (bold, italic) = (spans[i].bold, spans[i].italic);
        match out.last_mut() {
            Some(last) if current == Some(i) || (last.bold == bold && last.italic == italic) => last.text.push(c),
            _ => out.push(Span {
                text: c.to_string(),
                bold,
                italic,
            }),
        }
        current = Some(i);
    }
    out
}

/// Blocks of the light Markdown with French typography in each paragraph
/// and list item (the editor's preview, as the PDF shows them).
pub fn blocks(blocks: Vec<Block>) -> Vec<Block> {
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(s) => Block::Paragraph(spans(&s)),
            Block::Bullets(items) => Block::Bullets(items.iter().map(|s| spans(s)).collect()),
        })
        .collect()
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | NBSP | NNBSP)
}

/// Characters that may follow `; : ! ?` ending a word.
fn ends_word(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    ')' | ']' | '}' | '»' | '"' | '\'' | '’' | '.' | ',' | '…' | ';' | ':' | '!' | '?' | '*'
                )
        }
    }
}

/// Which characters belong to a URL, an e-mail address or a code: each
/// whitespace-separated word is looked at once, without its surrounding
/// punctuation.
fn protected(chars: &[char]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let mut start = 0;
    while start < chars.len() {
        if chars[start].is_whitespace() {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < chars.len() && !chars[end].is_whitespace() {
            end += 1;
        }
        let (mut s, mut e) = (start, end);
        while s < e && matches!(chars[s], '(' | '[' | '"' | '\'' | '«' | '‘' | '“') {
            s += 1;
        }
        while e > s
            && matches!(
                chars[e - 1],
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '"' | '\'' | '»' | '’' | '”' | '…'
            )
        {
            e -= 1;
        }
        let word = &chars[s..e];
        let scheme = word.windows(3).any(|w| w == [':', '/', '/']);
        let lower_www = word.len() > 4 && word[..4].iter().map(|c| c.to_ascii_lowercase()).eq("www.".chars());
        let code = word.iter().any(|c| {
            matches!(
                c,
                '@' | '_' | '\\' | '=' | '#' | '<' | '>' | '{' | '}' | '|' | '~' | '^' | '`'
            )
        });
        if code || lower_www || scheme {
            out[s..e].iter_mut().for_each(|p| *p = true);
        }
        start = end;
    }
    out
}

/// Applies the rules to characters carrying a tag (a style, a span index),
/// in one pass.
pub fn apply<T: Copy>(input: &[(char, T)]) -> Vec<(char, T)> {
    let chars: Vec<char> = input.iter().map(|(c, _)| *c).collect();
    let keep = protected(&chars);
    let n = chars.len();
    let mut out: Vec<(char, T)> = Vec::with_capacity(n + n / 8);
    // Whether the output holds something other than spaces since the last line break.
    let text_on_line = |out: &[(char, T)]| {
        out.iter()
            .rev()
            .find(|(c, _)| !is_space(*c))
            .is_some_and(|(c, _)| *c != '\n')
    };
    let mut i = 0;
    while i < n {
        let (c, tag) = input[i];
        if keep[i] {
            out.push((c, tag));
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).copied();
        match c {
            '.' if next == Some('.') && chars.get(i + 2) == Some(&'.') && !keep[i + 1] && !keep[i + 2] => {
                out.push(('…', tag));
                i += 3;
                continue;
            }
            '\'' => out.push(('’', tag)),
            '"' | '«' | '»' => {
                let opening = match c {
                    '«' => true,
                    '»' => false,
                    _ => match out.last() {
                        None => true,
                        Some((p, _)) => p.is_whitespace() || matches!(p, '(' | '[' | '{' | '«' | '—' | '–' | '-' | '/'),
                    },
                };
                if opening {
                    out.push(('«', tag));
                    let mut j = i + 1;
                    while j < n && is_space(chars[j]) && !keep[j] {
                        j += 1;
                    }
                    if j < n && chars[j] != '\n' && chars[j] != '\r' {
                        out.push((NNBSP, tag));
                    }
                    i = j;
                    continue;
                }
                if text_on_line(&out) {
                    while out.last().is_some_and(|(p, _)| is_space(*p)) {
                        out.pop();
                    }
                    out.push((NNBSP, tag));
                }
                out.push(('»', tag));
            }
            ';' | ':' | '!' | '?' if ends_word(next) && text_on_line(&out) => {
                let after_mark = out.last().is_some_and(|(p, _)| matches!(p, ';' | ':' | '!' | '?'));
                if !after_mark {
                    while out.last().is_some_and(|(p, _)| is_space(*p)) {
                        out.pop();
                    }
                    out.push((NNBSP, tag));
                }
                out.push((c, tag));
            }
            ' ' => {
                let prev = out.last().map(|(p, _)| *p);
                let replaced = match (prev, next) {
                    (Some(p), Some('€')) if p.is_ascii_digit() => NBSP,
                    (Some(p), Some('%')) if p.is_ascii_digit() => NNBSP,
                    (Some(p), Some(d))
                        if p.is_ascii_digit()
                            && d.is_ascii_digit()
                            && digit_group_follows(&chars, i + 1)
                            && leading_group(&out) =>
                    {
                        NNBSP
                    }
                    (Some('°' | 'º'), Some(d)) if d.is_ascii_digit() && numero_before(&out) => NBSP,
                    _ => ' ',
                };
                out.push((replaced, tag));
            }
            d if d.is_ascii_digit() => {
                if out.last().is_some_and(|(p, _)| matches!(p, '°' | 'º')) && numero_before(&out) {
                    out.push((NBSP, tag));
                }
                out.push((d, tag));
            }
            _ => out.push((c, tag)),
        }
        i += 1;
    }
    out
}

/// Exactly three digits start at `at`, then no digit.
fn digit_group_follows(chars: &[char], at: usize) -> bool {
    chars.len() >= at + 3
        && chars[at..at + 3].iter().all(char::is_ascii_digit)
        && !chars.get(at + 3).is_some_and(char::is_ascii_digit)
}

/// The output ends with a first group of one to three digits, or with a
/// group of three after a separator: `1`, `12`, `1 000` (not a year `2019`).
fn leading_group<T>(out: &[(char, T)]) -> bool {
    let digits = out.iter().rev().take_while(|(c, _)| c.is_ascii_digit()).count();
    let before = out.len().checked_sub(digits + 1).map(|k| out[k].0);
    match before {
        Some(NNBSP) => digits == 3,
        Some(c) if c.is_alphanumeric() || c == ',' || c == '.' => false,
        _ => (1..=3).contains(&digits),
    }
}

/// The output ends with `n°` or `N°` starting a word.
fn numero_before<T>(out: &[(char, T)]) -> bool {
    let k = out.len();
    k >= 2 && matches!(out[k - 2].0, 'n' | 'N') && (k == 2 || !out[k - 3].0.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn punctuation_gets_its_narrow_space() {
        assert_eq!(
            french("parentalité; familles? oui! Note: voir"),
            "parentalité\u{202F}; familles\u{202F}? oui\u{202F}! Note\u{202F}: voir"
        );
        assert_eq!(
            french("Note : voir"),
            "Note\u{202F}: voir",
            "a typed space becomes the narrow one"
        );
        assert_eq!(french("Quoi ?!"), "Quoi\u{202F}?!", "one space before a group of marks");
        assert_eq!(
            french("à 10:30, 16:9"),
            "à 10:30, 16:9",
            "times and ratios are left alone"
        );
    }

    #[test]
    fn quotes_become_french() {
        assert_eq!(french("il a dit \"oui\" hier"), "il a dit «\u{202F}oui\u{202F}» hier");
        assert_eq!(french("l'action d'accueil"), "l’action d’accueil");
        assert_eq!(french("« mot »"), "«\u{202F}mot\u{202F}»");
        assert_eq!(french("«mot»"), "«\u{202F}mot\u{202F}»");
        assert_eq!(french("\"**gras**\""), "«\u{202F}**gras**\u{202F}»");
    }

    #[test]
    fn ellipsis_and_figures() {
        assert_eq!(french("et puis..."), "et puis…");
        assert_eq!(french("1 000 €"), "1\u{202F}000\u{A0}€");
        assert_eq!(french("12 500 000 personnes"), "12\u{202F}500\u{202F}000 personnes");
        assert_eq!(french("27,5 %"), "27,5\u{202F}%");
        assert_eq!(french("n° 5 et N°12"), "n°\u{A0}5 et N°\u{A0}12");
        assert_eq!(
            french("en 2019 150 jeunes"),
            "en 2019 150 jeunes",
            "a year is not a digit group"
        );
        assert_eq!(french("2019 2020"), "2019 2020");
    }

    #[test]
    fn urls_mails_and_codes_are_left_alone() {
        for t in [
            "https://exemple.fr/a?b=1&c=x",
            "www.exemple.fr/.../page",
            "jean.dupont@exemple.fr",
            "ind_1:2",
            "C:\\dossier\\l'an",
        ] {
            assert_eq!(french(t), t, "{t} is kept");
        }
        assert_eq!(
            french("Voir https://exemple.fr/faq? Et jean@x.fr!"),
            "Voir https://exemple.fr/faq\u{202F}? Et jean@x.fr\u{202F}!",
            "punctuation after the address is typography again"
        );
    }

    #[test]
    fn already_right_text_is_unchanged() {
        for t in [
            "Part de l’État : 52,3\u{202F}%",
            "213\u{202F}000\u{A0}€",
            "«\u{202F}mot\u{202F}»",
            "Priorité 1 — O3 · Titre",
            "31/12/2021",
        ] {
            let once = french(t);
            assert_eq!(french(&once), once, "{t}");
        }
        assert_eq!(french("213\u{202F}000\u{A0}€"), "213\u{202F}000\u{A0}€");
    }

    #[test]
    fn spans_see_across_their_boundaries() {
        let s = |text: &str, bold: bool| Span {
            text: text.into(),
            bold,
            italic: false,
        };
        let out = spans(&[s("des ", false), s("familles", true), s("? oui", false)]);
        assert_eq!(out.len(), 3, "{out:?}");
        assert_eq!(out[1].text, "familles");
        assert_eq!(
            out[2].text, "\u{202F}? oui",
            "the narrow space belongs to the mark: {out:?}"
        );
    }

    #[test]
    fn the_preview_blocks_get_it_too() {
        let b = blocks(crate::markdown::parse("Des **familles**? Oui.\n\n- l'accueil..."));
        assert_eq!(
            b,
            vec![
                Block::Paragraph(vec![
                    Span {
                        text: "Des ".into(),
                        bold: false,
                        italic: false
                    },
                    Span {
                        text: "familles".into(),
                        bold: true,
                        italic: false
                    },
                    Span {
                        text: "\u{202F}? Oui.".into(),
                        bold: false,
                        italic: false
                    },
                ]),
                Block::Bullets(vec![vec![Span {
                    text: "l’accueil…".into(),
                    bold: false,
                    italic: false
                }]]),
            ]
        );
    }

    #[test]
    fn a_long_text_is_done_in_one_pass() {
        // 200,000 characters of marks and quotes: linear, so this is quick even unoptimised.
        let text = "\"a\" ... ? : ' 1 000 € ".repeat(10_000);
        let out = french(&text);
        assert!(out.chars().count() >= 200_000);
        assert!(!out.contains('"'));
    }

    proptest! {
        #[test]
        fn applying_twice_changes_nothing(text in "[a-zé0-9 .,;:!?'\"«»€%°n@_/\n-]{0,80}") {
            let once = french(&text);
            prop_assert_eq!(french(&once), once.clone(), "input {:?}", text);
        }

        #[test]
        fn letters_and_digits_are_kept_in_order(text in "[a-zé0-9 .,;:!?'\"«»€%°]{0,80}") {
            let keep = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
            prop_assert_eq!(keep(&french(&text)), keep(&text));
        }
    }
}
