//! The PDF file syntax, written directly into bytes: numbered objects, the
//! small ones packed into compressed object streams, streams deflated on
//! two threads, and a cross-reference stream (PDF 1.5+). Objects are given
//! as their bodies (`<< /Type /Page … >>`); the helpers below write numbers,
//! names and strings the way the rest of the renderer needs them.
//!
//! Extending it: a new kind of object is a body written with [`Body`] and
//! given to [`File::object`] (or [`File::stream`] for a stream); nothing else
//! changes.

use std::fmt::Write as _;
use std::io::Write as _;

/// Deflate level: on the 247-page consolidated document, 5 writes 1 % more
/// than 6 in 70 % of its time (level 4: 7 % more, level 1: 73 % more).
const COMPRESSION_LEVEL: u32 = 5;
/// Deflate level of the object streams (structure tree, annotations,
/// outline: 2 MB of short dictionaries for a 400-action roadmap). They are
/// repetitive enough that the fast levels lose little.
const OBJECT_STREAM_LEVEL: u32 = 3;
/// Objects per object stream (a reader loads a whole stream to read one).
const OBJECTS_PER_STREAM: usize = 2000;

enum Entry {
    Free,
    At(usize),
    Packed { stream: u32, index: u32 },
}

struct PendingStream {
    id: u32,
    dict: String,
    data: Vec<u8>,
    deflate: bool,
    /// Deflate level.
    level: u32,
}

/// A PDF file being written.
pub(crate) struct File {
    out: Vec<u8>,
    entries: Vec<Entry>,
    /// The small objects' bodies, one after the other, each followed by a
    /// newline, and where each starts.
    packed_text: String,
    packed: Vec<(u32, usize)>,
    streams: Vec<PendingStream>,
}

impl File {
    /// A new file, with its header.
    pub fn new(capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        Self {
            out,
            entries: vec![Entry::Free],
            packed_text: String::new(),
            packed: Vec::new(),
            streams: Vec::new(),
        }
    }

    /// Reserves an object number.
    pub fn reserve(&mut self) -> u32 {
        self.entries.push(Entry::Free);
        (self.entries.len() - 1) as u32
    }

    /// A non-stream object; it goes into an object stream.
    pub fn object(&mut self, id: u32, body: String) {
        self.object_with(id, |out| out.push_str(&body));
    }

    /// A non-stream object written by `write` straight into the object
    /// stream's text (no allocation of its own).
    pub fn object_with(&mut self, id: u32, write: impl FnOnce(&mut String)) {
        self.packed.push((id, self.packed_text.len()));
        write(&mut self.packed_text);
        self.packed_text.push('\n');
    }

    /// A stream object: `dict` holds its entries without `<<`, `>>` and
    /// `/Length` (added here, with `/Filter` when deflated).
    pub fn stream(&mut self, id: u32, dict: String, data: Vec<u8>, deflate: bool) {
        self.streams.push(PendingStream {
            id,
            dict,
            data,
            deflate,
            level: COMPRESSION_LEVEL,
        });
    }

    fn write_stream(&mut self, id: u32, dict: &str, data: &[u8], filter: bool) {
        self.entries[id as usize] = Entry::At(self.out.len());
        let _ = write!(self.out, "{id} 0 obj\n<<{dict} /Length {}", data.len());
        if filter {
            self.out.extend_from_slice(b" /Filter /FlateDecode");
        }
        self.out.extend_from_slice(b">>\nstream\n");
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Writes everything and the cross-reference stream; `trailer` holds the
    /// trailer's entries (`/Root`, `/Info`, `/ID`).
    pub fn finish(mut self, trailer: &str) -> Vec<u8> {
        // The small objects, packed into object streams (deflated below with
        // the other streams).
        let packed = std::mem::take(&mut self.packed);
        let text = std::mem::take(&mut self.packed_text);
        for (k, chunk) in packed.chunks(OBJECTS_PER_STREAM).enumerate() {
            let stream_id = self.reserve();
            let start = chunk[0].1;
            let end = packed
                .get((k + 1) * OBJECTS_PER_STREAM)
                .map_or(text.len(), |next| next.1);
            let mut header = String::with_capacity(chunk.len() * 12);
            for (index, (id, at)) in chunk.iter().enumerate() {
                push_uint(&mut header, u64::from(*id));
                header.push(' ');
                push_uint(&mut header, (at - start) as u64);
                header.push(' ');
                self.entries[*id as usize] = Entry::Packed {
                    stream: stream_id,
                    index: index as u32,
                };
            }
            let first = header.len();
            let mut data = header.into_bytes();
            data.extend_from_slice(&text.as_bytes()[start..end]);
            let dict = format!(" /Type /ObjStm /N {} /First {first}", chunk.len());
            self.streams.push(PendingStream {
                id: stream_id,
                dict,
                data,
                deflate: true,
                level: OBJECT_STREAM_LEVEL,
            });
        }
        // Deflate the streams on two threads, in halves of similar size
        // (largest first, each to the lighter half); written in their order.
        let mut streams = std::mem::take(&mut self.streams);
        let mut order: Vec<usize> = (0..streams.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(streams[i].data.len()));
        let mut in_a = vec![false; streams.len()];
        let (mut sa, mut sb) = (0usize, 0usize);
        for i in order {
            if sa <= sb {
                sa += streams[i].data.len();
                in_a[i] = true;
            } else {
                sb += streams[i].data.len();
            }
        }
        let (half_a, half_b): (Vec<_>, Vec<_>) = streams.iter_mut().zip(in_a).partition(|(_, a)| *a);
        let mut half_a: Vec<&mut PendingStream> = half_a.into_iter().map(|(s, _)| s).collect();
        let mut half_b: Vec<&mut PendingStream> = half_b.into_iter().map(|(s, _)| s).collect();
        // One deflate state per thread, reset between streams: setting up
        // a new one for each stream cost more than compressing.
        let squeeze_all = |half: &mut Vec<&mut PendingStream>| {
            let mut deflaters: Vec<(u32, Deflater)> = Vec::new();
            for s in half.iter_mut().filter(|s| s.deflate) {
                let at = match deflaters.iter().position(|(l, _)| *l == s.level) {
                    Some(at) => at,
                    None => {
                        deflaters.push((s.level, Deflater::new(s.level)));
                        deflaters.len() - 1
                    }
                };
                match deflaters[at].1.deflate(&s.data) {
                    Some(c) if c.len() + 19 < s.data.len() => s.data = c,
                    _ => s.deflate = false,
                }
            }
        };
        std::thread::scope(|scope| {
            scope.spawn(|| squeeze_all(&mut half_b));
            squeeze_all(&mut half_a);
        });
        for s in &streams {
            self.write_stream(s.id, &s.dict, &s.data, s.deflate);
        }
        // The cross-reference stream: W [1 4 2].
        let xref_id = self.reserve();
        let xref_at = self.out.len();
        self.entries[xref_id as usize] = Entry::At(xref_at);
        let mut table = Vec::with_capacity(self.entries.len() * 7);
        for e in &self.entries {
            let (kind, a, b): (u8, u32, u16) = match e {
                Entry::Free => (0, 0, 0xFFFF),
                Entry::At(offset) => (1, *offset as u32, 0),
                Entry::Packed { stream, index } => (2, *stream, *index as u16),
            };
            table.push(kind);
            table.extend_from_slice(&a.to_be_bytes());
            table.extend_from_slice(&b.to_be_bytes());
        }
        let table = deflate(&table).expect("deflating into memory cannot fail");
        let _ = write!(
            self.out,
            "{xref_id} 0 obj\n<< /Type /XRef /Size {} /W [1 4 2] {trailer} /Length {} /Filter /FlateDecode>>\nstream\n",
            self.entries.len(),
            table.len()
        );
        self.out.extend_from_slice(&table);
        let _ = write!(self.out, "\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF\n");
        self.out
    }
}

/// A zlib stream compressor kept across streams.
struct Deflater(flate2::Compress);

impl Deflater {
    fn new(level: u32) -> Self {
        Self(flate2::Compress::new(flate2::Compression::new(level), true))
    }

    fn deflate(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        self.0.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let consumed = self.0.total_in() as usize;
            let status = self
                .0
                .compress_vec(&data[consumed..], &mut out, flate2::FlushCompress::Finish)
                .ok()?;
            match status {
                flate2::Status::StreamEnd => return Some(out),
                _ => out.reserve(out.capacity().max(1024)),
            }
        }
    }
}

fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    Deflater::new(COMPRESSION_LEVEL).deflate(data)
}

/// An object body being written.
#[derive(Default)]
pub(crate) struct Body(pub String);

impl Body {
    /// Appends raw syntax.
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }
    /// Appends a reference `N 0 R` (with a leading space).
    pub fn reference(&mut self, id: u32) -> &mut Self {
        reference(&mut self.0, id);
        self
    }
    /// Appends a number (with a leading space).
    pub fn number(&mut self, v: f32) -> &mut Self {
        self.0.push(' ');
        number(&mut self.0, v);
        self
    }
    /// Appends a text string (with a leading space).
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.0.push(' ');
        text_string(&mut self.0, s);
        self
    }
    /// Appends a literal byte string (with a leading space).
    pub fn literal(&mut self, s: &str) -> &mut Self {
        self.0.push(' ');
        literal(&mut self.0, s.as_bytes());
        self
    }
}

/// Writes a reference ` N 0 R` (with a leading space).
pub(crate) fn reference(out: &mut String, id: u32) {
    out.push(' ');
    push_uint(out, u64::from(id));
    out.push_str(" 0 R");
}

/// Writes a number with at most two decimals (content stream coordinates
/// are rounded to 1/100 pt), without trailing zeros.
pub(crate) fn number(out: &mut String, v: f32) {
    hundredths(out, to_hundredths(v));
}

/// A coordinate in whole hundredths of a point, as [`number`] rounds it.
pub(crate) fn to_hundredths(v: f32) -> i64 {
    (f64::from(v) * 100.0).round() as i64
}

/// Writes a number given in whole hundredths, without trailing zeros.
pub(crate) fn hundredths(out: &mut String, hundredths: i64) {
    if hundredths < 0 {
        out.push('-');
    }
    let h = hundredths.unsigned_abs();
    push_uint(out, h / 100);
    match h % 100 {
        0 => {}
        d if d % 10 == 0 => {
            out.push('.');
            push_uint(out, d / 10);
        }
        d => {
            out.push('.');
            if d < 10 {
                out.push('0');
            }
            push_uint(out, d);
        }
    }
}

/// Writes a colour component (0–1) with at most four decimals.
pub(crate) fn component(out: &mut String, v: f32) {
    let n = (f64::from(v.clamp(0.0, 1.0)) * 10000.0).round() as u32;
    if n == 10000 {
        out.push('1');
    } else if n == 0 {
        out.push('0');
    } else {
        let s = format!("{n:04}");
        let _ = write!(out, "0.{}", s.trim_end_matches('0'));
    }
}

/// A literal string `( … )` of bytes, escaping what must be.
pub(crate) fn literal(out: &mut String, bytes: &[u8]) {
    out.push('(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..=0x7e => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out.push(')');
}

/// A text string: printable ASCII as a literal, anything else as UTF-16BE
/// with its byte-order mark, in hexadecimal.
pub(crate) fn text_string(out: &mut String, s: &str) {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        literal(out, s.as_bytes());
    } else {
        utf16_hex(out, s);
    }
}

/// Writes an unsigned integer (the formatting machinery is slow for the
/// tens of thousands of object numbers of a large document).
pub(crate) fn push_uint(out: &mut String, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// Four lower-case hexadecimal digits of a glyph id.
pub(crate) fn hex4(out: &mut String, v: u16) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for shift in [12, 8, 4, 0] {
        out.push(char::from(DIGITS[usize::from((v >> shift) & 0xf)]));
    }
}

/// `<FEFF…>`: UTF-16BE with its byte-order mark.
pub(crate) fn utf16_hex(out: &mut String, s: &str) {
    out.push_str("<feff");
    for unit in s.encode_utf16() {
        let _ = write!(out, "{unit:04x}");
    }
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_exact_to_the_hundredth() {
        let cases = [
            (0.0, "0"),
            (12.0, "12"),
            (12.5, "12.5"),
            (12.25, "12.25"),
            (-3.1, "-3.1"),
            (-0.05, "-0.05"),
            (595.2756, "595.28"),
            (0.004, "0"),
        ];
        for (v, want) in cases {
            let mut s = String::new();
            number(&mut s, v);
            assert_eq!(s, want, "{v} is written {want}");
        }
        let mut s = String::new();
        component(&mut s, 0.568_627_5);
        assert_eq!(s, "0.5686", "colour components keep four decimals");
    }

    #[test]
    fn strings_escape_what_they_must() {
        let mut s = String::new();
        text_string(&mut s, "a(b)\\c");
        assert_eq!(s, "(a\\(b\\)\\\\c)", "parentheses and backslashes are escaped");
        let mut s = String::new();
        text_string(&mut s, "é");
        assert_eq!(s, "<feff00e9>", "non-ASCII text is UTF-16BE with a BOM");
        let mut s = String::new();
        literal(&mut s, &[0x0a, 0xff]);
        assert_eq!(s, "(\\012\\377)", "other bytes are octal escapes");
    }

    #[test]
    fn a_written_file_has_a_cross_reference_for_every_object() {
        let mut f = File::new(1024);
        let root = f.reserve();
        let pages = f.reserve();
        f.object(root, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
        f.object(pages, "<< /Type /Pages /Kids [] /Count 0 >>".into());
        let s = f.reserve();
        f.stream(s, String::new(), b"hello hello hello hello hello hello".to_vec(), true);
        let bytes = f.finish(&format!("/Root {root} 0 R"));
        assert!(bytes.starts_with(b"%PDF-1.7"), "a PDF header");
        assert!(bytes.ends_with(b"%%EOF\n"), "an end-of-file marker");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("/Type /XRef /Size 6"),
            "0, root, pages, stream, object stream, xref: {text}"
        );
        assert!(text.contains("/Type /ObjStm /N 2"), "the two dictionaries are packed");
    }
}
