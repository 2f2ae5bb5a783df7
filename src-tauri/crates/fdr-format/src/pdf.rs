//! Reading the roadmap JSON out of a received PDF: the embedded file named
//! `feuille-de-route.json`, found through the catalog's `/Names
//! /EmbeddedFiles` name tree (or its `/AF` array).
//!
//! The PDF is untrusted (it came by e-mail). This is a minimal reader of
//! just what we need, written so that a crafted file cannot take the process
//! down: every loop is bounded, recursion has a fixed depth, decompression
//! stops at a fixed size, object counts are capped, and nothing indexes
//! without a check. Anything unexpected is a clear refusal, never a panic.
//!
//! It understands classic cross-reference tables and cross-reference
//! streams only indirectly: it scans the file for `N G obj` headers (as PDF
//! repair tools do), then opens object streams (`/Type /ObjStm`), so it
//! reads files from any writer, damaged xref or not.

use std::collections::HashMap;
use std::io::Read;

/// Largest PDF read: 100 MiB.
pub const MAX_PDF_BYTES: usize = 100 * 1024 * 1024;
/// Largest decompressed stream (the JSON itself is at most 20 MiB).
const MAX_STREAM_BYTES: usize = 24 * 1024 * 1024;
/// Total decompressed bytes of object streams.
const MAX_OBJSTM_TOTAL: usize = 64 * 1024 * 1024;
/// Objects kept.
const MAX_OBJECTS: usize = 2_000_000;
/// Nesting of arrays and dictionaries.
const MAX_DEPTH: usize = 48;
/// Depth of the name tree and of reference chains.
const MAX_HOPS: usize = 32;

/// Why a PDF gives no roadmap.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// No `%PDF-` header.
    #[error("ce fichier n’est pas un PDF")]
    NotPdf,
    /// Over [`MAX_PDF_BYTES`].
    #[error("PDF trop volumineux : {0} octets, au plus 100 Mio sont lus")]
    TooLarge(usize),
    /// Structure unreadable.
    #[error("PDF endommagé : {0}")]
    Damaged(String),
    /// A PDF, but without our attachment.
    #[error("ce PDF ne contient pas de feuille de route : il n’a pas de fichier joint « feuille-de-route.json » (seuls les PDF exportés par Feuilles de route peuvent être importés)")]
    NoAttachment,
}

#[derive(Debug, Clone, PartialEq)]
enum Obj {
    Null,
    Bool(bool),
    Num(f64),
    Str(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Vec<(Vec<u8>, Obj)>),
    Ref(u32, u16),
    /// A stream: its dictionary and the byte range of its data in the file.
    Stream(Vec<(Vec<u8>, Obj)>, usize, usize),
}

impl Obj {
    fn get(&self, key: &[u8]) -> Option<&Obj> {
        match self {
            Obj::Dict(d) | Obj::Stream(d, ..) => d.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    fn as_usize(&self) -> Option<usize> {
        match self {
            Obj::Num(n) if *n >= 0.0 && n.fract() == 0.0 && *n < 1e15 => Some(*n as usize),
            _ => None,
        }
    }
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn new(s: &'a [u8], i: usize) -> Self {
        Self { s, i }
    }

    fn skip_white(&mut self) {
        while self.i < self.s.len() {
            let b = self.s[self.i];
            if is_white(b) {
                self.i += 1;
            } else if b == b'%' {
                while self.i < self.s.len() && self.s[self.i] != b'\n' && self.s[self.i] != b'\r' {
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn word(&mut self) -> &'a [u8] {
        let start = self.i;
        while self.i < self.s.len() && !is_white(self.s[self.i]) && !is_delim(self.s[self.i]) {
            self.i += 1;
        }
        &self.s[start..self.i]
    }

    fn number(&mut self) -> Option<f64> {
        let w = self.word();
        std::str::from_utf8(w)
            .ok()?
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
    }

    fn name(&mut self) -> Vec<u8> {
        self.i += 1; // '/'
        let raw = self.word();
        let mut out = Vec::with_capacity(raw.len());
        let mut k = 0;
        while k < raw.len() {
            if raw[k] == b'#' && k + 2 < raw.len() {
                if let Ok(v) = u8::from_str_radix(std::str::from_utf8(&raw[k + 1..k + 3]).unwrap_or("zz"), 16) {
                    out.push(v);
                    k += 3;
                    continue;
                }
            }
            out.push(raw[k]);
            k += 1;
        }
        out
    }

    fn literal_string(&mut self) -> Option<Vec<u8>> {
        self.i += 1; // '('
        let mut out = Vec::new();
        let mut depth = 1usize;
        while self.i < self.s.len() {
            let b = self.s[self.i];
            self.i += 1;
            match b {
                b'\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.s.get(self.i) {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        b'\r' => {
                            if self.s.get(self.i) == Some(&b'\n') {
                                self.i += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(out);
                    }
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
        None
    }

    fn hex_string(&mut self) -> Option<Vec<u8>> {
        self.i += 1; // '<'
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while self.i < self.s.len() {
            let b = self.s[self.i];
            self.i += 1;
            if b == b'>' {
                if let Some(h) = high {
                    out.push(h << 4);
                }
                return Some(out);
            }
            let v = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ if is_white(b) => continue,
                _ => return None,
            };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        None
    }

    /// One object; `depth` bounds nesting.
    fn object(&mut self, depth: usize) -> Option<Obj> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_white();
        let b = self.peek()?;
        match b {
            b'/' => Some(Obj::Name(self.name())),
            b'(' => self.literal_string().map(Obj::Str),
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.peek()? {
                        b']' => {
                            self.i += 1;
                            return Some(Obj::Array(items));
                        }
                        _ => items.push(self.object(depth + 1)?),
                    }
                }
            }
            b'<' if self.s.get(self.i + 1) == Some(&b'<') => {
                self.i += 2;
                let mut entries = Vec::new();
                loop {
                    self.skip_white();
                    match self.peek()? {
                        b'>' if self.s.get(self.i + 1) == Some(&b'>') => {
                            self.i += 2;
                            return Some(Obj::Dict(entries));
                        }
                        b'/' => {
                            let key = self.name();
                            let value = self.object(depth + 1)?;
                            entries.push((key, value));
                        }
                        _ => return None,
                    }
                }
            }
            b'<' => self.hex_string().map(Obj::Str),
            b'+' | b'-' | b'.' | b'0'..=b'9' => {
                let start = self.i;
                let n = self.number()?;
                // `N G R`: a reference.
                let save = self.i;
                self.skip_white();
                if n.fract() == 0.0 && n >= 0.0 && self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    let g_start = self.i;
                    if let Some(g) = self.number() {
                        self.skip_white();
                        if self.peek() == Some(b'R')
                            && g.fract() == 0.0
                            && (0.0..=65535.0).contains(&g)
                            && n <= f64::from(u32::MAX)
                        {
                            self.i += 1;
                            return Some(Obj::Ref(n as u32, g as u16));
                        }
                    }
                    self.i = g_start;
                }
                self.i = save;
                let _ = start;
                Some(Obj::Num(n))
            }
            _ => {
                let w = self.word();
                match w {
                    b"true" => Some(Obj::Bool(true)),
                    b"false" => Some(Obj::Bool(false)),
                    b"null" => Some(Obj::Null),
                    _ => None,
                }
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from >= hay.len() || needle.is_empty() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Decompresses a FlateDecode stream, at most `limit` bytes (more is refused).
fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::new();
    let mut decoder = flate2::read::ZlibDecoder::new(data).take(limit as u64 + 1);
    decoder
        .read_to_end(&mut out)
        .map_err(|_| PdfError::Damaged("flux compressé illisible".into()))?;
    if out.len() > limit {
        return Err(PdfError::Damaged("flux décompressé trop volumineux".into()));
    }
    Ok(out)
}

fn filters(dict: &Obj) -> Vec<Vec<u8>> {
    match dict.get(b"Filter") {
        Some(Obj::Name(n)) => vec![n.clone()],
        Some(Obj::Array(a)) => a
            .iter()
            .filter_map(|o| if let Obj::Name(n) = o { Some(n.clone()) } else { None })
            .collect(),
        _ => Vec::new(),
    }
}

/// A stream's decoded bytes (no filter, or FlateDecode only).
fn stream_data(data: &[u8], dict: &Obj, limit: usize) -> Result<Vec<u8>, PdfError> {
    let f = filters(dict);
    match f.as_slice() {
        [] => {
            if data.len() > limit {
                return Err(PdfError::Damaged("flux trop volumineux".into()));
            }
            Ok(data.to_vec())
        }
        [one] if one == b"FlateDecode" => inflate(data, limit),
        _ => Err(PdfError::Damaged("filtre de flux non pris en charge".into())),
    }
}

struct Objects {
    map: HashMap<u32, Obj>,
}

impl Objects {
    fn resolve<'o>(&'o self, mut o: &'o Obj) -> Option<&'o Obj> {
        for _ in 0..MAX_HOPS {
            match o {
                Obj::Ref(n, _) => o = self.map.get(n)?,
                other => return Some(other),
            }
        }
        None
    }
}

/// The raw data range of a stream whose dictionary ends at `after_dict`.
/// `no_endstream_from` remembers where a search for `endstream` failed, so
/// that a file of broken streams is not searched again and again.
fn stream_range(file: &[u8], after_dict: usize, dict: &Obj, no_endstream_from: &mut usize) -> Option<(usize, usize)> {
    let mut p = Parser::new(file, after_dict);
    p.skip_white();
    if !file[p.i..].starts_with(b"stream") {
        return None;
    }
    let mut start = p.i + 6;
    if file.get(start) == Some(&b'\r') {
        start += 1;
    }
    if file.get(start) == Some(&b'\n') {
        start += 1;
    }
    // Trust /Length when it is direct and lands on `endstream`; otherwise search.
    if let Some(len) = dict.get(b"Length").and_then(Obj::as_usize) {
        if let Some(end) = start.checked_add(len) {
            if end <= file.len() {
                let mut q = Parser::new(file, end);
                q.skip_white();
                if file[q.i..].starts_with(b"endstream") {
                    return Some((start, end));
                }
            }
        }
    }
    if start >= *no_endstream_from {
        return None;
    }
    let Some(end) = find(file, b"endstream", start) else {
        *no_endstream_from = start;
        return None;
    };
    let mut e = end;
    if e > start && file[e - 1] == b'\n' {
        e -= 1;
    }
    if e > start && file[e - 1] == b'\r' {
        e -= 1;
    }
    Some((start, e))
}

/// Scans the file for `N G obj` and reads every object, opening object streams.
fn read_objects(file: &[u8]) -> Result<Objects, PdfError> {
    let mut map: HashMap<u32, Obj> = HashMap::new();
    let mut objstm_total = 0usize;
    let mut pos = 0;
    let mut object_streams: Vec<(Obj, usize, usize)> = Vec::new();
    let mut no_endstream_from = usize::MAX;
    while let Some(at) = find(file, b"obj", pos) {
        pos = at + 3;
        // Must be `N G obj` with a delimiter after.
        if file.get(at + 3).is_some_and(|b| !is_white(*b) && !is_delim(*b)) {
            continue;
        }
        let Some(num) = object_header(file, at) else { continue };
        let mut p = Parser::new(file, at + 3);
        let parsed = p.object(0);
        // Never scan the same bytes twice: go on after what was read, even
        // when it could not be parsed.
        pos = pos.max(p.i);
        let Some(obj) = parsed else { continue };
        let obj = match obj {
            Obj::Dict(d) => {
                let dict = Obj::Dict(d);
                match (stream_range(file, p.i, &dict, &mut no_endstream_from), dict) {
                    (Some((s, e)), Obj::Dict(d)) => {
                        pos = pos.max(e);
                        Obj::Stream(d, s, e)
                    }
                    (_, dict) => dict,
                }
            }
            other => other,
        };
        if let Obj::Stream(d, s, e) = &obj {
            if d.iter()
                .any(|(k, v)| k == b"Type" && *v == Obj::Name(b"ObjStm".to_vec()))
            {
                object_streams.push((Obj::Dict(d.clone()), *s, *e));
            }
        }
        if map.len() >= MAX_OBJECTS {
            return Err(PdfError::Damaged("trop d’objets".into()));
        }
        map.insert(num, obj); // later definitions win, as with incremental updates
    }
    for (dict, s, e) in object_streams {
        let data = stream_data(&file[s..e], &dict, MAX_STREAM_BYTES)?;
        objstm_total = objstm_total.saturating_add(data.len());
        if objstm_total > MAX_OBJSTM_TOTAL {
            return Err(PdfError::Damaged("flux d’objets trop volumineux".into()));
        }
        let n = dict.get(b"N").and_then(Obj::as_usize).unwrap_or(0).min(100_000);
        let first = dict.get(b"First").and_then(Obj::as_usize).unwrap_or(0);
        let mut header = Parser::new(&data, 0);
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            header.skip_white();
            let (Some(num), Some(off)) = (header.number(), {
                header.skip_white();
                header.number()
            }) else {
                break;
            };
            entries.push((num, off));
        }
        for (num, off) in entries {
            if !(0.0..=f64::from(u32::MAX)).contains(&num) || off < 0.0 {
                continue;
            }
            let Some(at) = first.checked_add(off as usize).filter(|a| *a < data.len()) else {
                continue;
            };
            let mut p = Parser::new(&data, at);
            if let Some(obj) = p.object(0) {
                if map.len() >= MAX_OBJECTS {
                    return Err(PdfError::Damaged("trop d’objets".into()));
                }
                // Objects in streams never hold stream data themselves.
                map.entry(num as u32).or_insert(obj);
            }
        }
    }
    Ok(Objects { map })
}

/// Reads `N G` just before the `obj` keyword at `at`: the object number.
fn object_header(file: &[u8], at: usize) -> Option<u32> {
    let mut i = at;
    let skip_back_white = |i: &mut usize| {
        while *i > 0 && is_white(file[*i - 1]) {
            *i -= 1;
        }
    };
    let digits_back = |i: &mut usize| -> Option<u64> {
        let end = *i;
        while *i > 0 && file[*i - 1].is_ascii_digit() && end - *i < 10 {
            *i -= 1;
        }
        std::str::from_utf8(&file[*i..end]).ok()?.parse().ok()
    };
    skip_back_white(&mut i);
    let _gen = digits_back(&mut i)?;
    let before_gen = i;
    skip_back_white(&mut i);
    if i == before_gen {
        return None;
    }
    let num = digits_back(&mut i)?;
    if i > 0 && !is_white(file[i - 1]) && !is_delim(file[i - 1]) && file[i - 1] != b'>' {
        return None;
    }
    u32::try_from(num).ok()
}

/// The text of a PDF string (PDFDocEncoding taken as Latin-1, or UTF-16BE with BOM).
fn string_text(o: &Obj) -> Option<String> {
    let Obj::Str(s) = o else { return None };
    if s.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = s[2..]
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16(&units).ok();
    }
    Some(s.iter().map(|&b| b as char).collect())
}

/// Whether a name is one of a consolidated document's roadmaps:
/// `feuille-de-route-theme-NN.json` or `feuille-de-route-theme-NN-K.json`.
pub fn is_consolidated_name(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix("feuille-de-route-theme-")
        .and_then(|r| r.strip_suffix(".json"))
    else {
        return false;
    };
    let mut parts = rest.splitn(2, '-');
    let theme_ok = parts
        .next()
        .is_some_and(|t| t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()));
    let nth_ok = parts
        .next()
        .is_none_or(|k| !k.is_empty() && k.len() <= 3 && k.bytes().all(|b| b.is_ascii_digit()));
    theme_ok && nth_ok
}

/// Most roadmaps read from one consolidated document.
pub const MAX_ATTACHMENTS: usize = 64;

/// The name of the answers embedded in a roadmap's PDF beside its JSON.
pub const REPONSES_NAME: &str = "reponses.json";
/// The name of the avis embedded in an avis' PDF.
pub const AVIS_NAME: &str = "avis.json";

/// Whether an embedded file's name is one the exchange defines: the
/// roadmap's JSON, its answers, an avis, or a consolidated roadmap.
pub fn is_exchange_name(name: &str) -> bool {
    name == crate::ATTACHMENT_NAME || name == REPONSES_NAME || name == AVIS_NAME || is_consolidated_name(name)
}

/// Collects the file specifications of a name tree whose names the exchange defines.
fn collect_named<'o>(
    objects: &'o Objects,
    node: &'o Obj,
    hops: usize,
    visited: &mut usize,
    out: &mut Vec<(String, &'o Obj)>,
) {
    *visited += 1;
    if hops > MAX_HOPS || *visited > 10_000 || out.len() > MAX_ATTACHMENTS + 3 {
        return;
    }
    let Some(node) = objects.resolve(node) else { return };
    if let Some(Obj::Array(names)) = node.get(b"Names").and_then(|n| objects.resolve(n)) {
        for pair in names.chunks(2) {
            if let [key, value] = pair {
                if let Some(name) = objects.resolve(key).and_then(string_text) {
                    if is_exchange_name(&name) {
                        if let Some(spec) = objects.resolve(value) {
                            out.push((name, spec));
                        }
                    }
                }
            }
        }
    }
    if let Some(Obj::Array(kids)) = node.get(b"Kids").and_then(|k| objects.resolve(k)) {
        for kid in kids.iter().take(10_000) {
            collect_named(objects, kid, hops + 1, visited, out);
        }
    }
}

/// A file specification's name (`/UF`, else `/F`).
fn filespec_name(objects: &Objects, spec: &Obj) -> Option<String> {
    [b"UF".as_slice(), b"F".as_slice()]
        .iter()
        .find_map(|k| spec.get(k).and_then(|v| objects.resolve(v)).and_then(string_text))
}

/// Every embedded file of a PDF whose name the exchange defines
/// ([`is_exchange_name`]), as (name, bytes) in name order, found through
/// the catalog's `/Names /EmbeddedFiles` tree or its `/AF` array. A PDF
/// with none of them is refused with [`PdfError::NoAttachment`].
pub fn exchange_attachments(file: &[u8]) -> Result<Vec<(String, Vec<u8>)>, PdfError> {
    if file.len() > MAX_PDF_BYTES {
        return Err(PdfError::TooLarge(file.len()));
    }
    let head = &file[..file.len().min(1024)];
    if find(head, b"%PDF-", 0).is_none() {
        return Err(PdfError::NotPdf);
    }
    let objects = read_objects(file)?;
    if objects.map.is_empty() {
        return Err(PdfError::Damaged("aucun objet lisible".into()));
    }
    let mut catalogs: Vec<(&u32, &Obj)> = objects
        .map
        .iter()
        .filter(|(_, o)| matches!(o, Obj::Dict(_)) && o.get(b"Type") == Some(&Obj::Name(b"Catalog".to_vec())))
        .collect();
    if catalogs.is_empty() {
        return Err(PdfError::Damaged("catalogue introuvable".into()));
    }
    // The same file read twice gives the same answer: catalogs in object order.
    catalogs.sort_by_key(|(id, _)| **id);
    let mut found: Vec<(String, &Obj)> = Vec::new();
    let mut visited = 0;
    for (_, catalog) in &catalogs {
        if let Some(tree) = catalog
            .get(b"Names")
            .and_then(|n| objects.resolve(n))
            .and_then(|n| n.get(b"EmbeddedFiles"))
        {
            collect_named(&objects, tree, 0, &mut visited, &mut found);
        }
        if let Some(Obj::Array(af)) = catalog.get(b"AF").and_then(|a| objects.resolve(a)) {
            for spec in af.iter().take(1000).filter_map(|s| objects.resolve(s)) {
                if let Some(name) = filespec_name(&objects, spec).filter(|n| is_exchange_name(n)) {
                    found.push((name, spec));
                }
            }
        }
    }
    // The first specification found for a name wins.
    let mut seen = std::collections::HashSet::new();
    found.retain(|(name, _)| seen.insert(name.clone()));
    if found.is_empty() {
        return Err(PdfError::NoAttachment);
    }
    if found.len() > MAX_ATTACHMENTS + 2 {
        return Err(PdfError::Damaged(format!(
            "plus de {MAX_ATTACHMENTS} feuilles de route jointes"
        )));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::with_capacity(found.len());
    let mut total = 0usize;
    for (name, spec) in found {
        let bytes = spec_bytes(file, &objects, spec)?;
        total += bytes.len();
        if total > MAX_PDF_BYTES {
            return Err(PdfError::Damaged("fichiers joints trop volumineux".into()));
        }
        out.push((name, bytes));
    }
    Ok(out)
}

/// The bytes of `feuille-de-route.json` embedded in a PDF.
pub fn extract_attachment(file: &[u8]) -> Result<Vec<u8>, PdfError> {
    let mut all = exchange_attachments(file)?;
    match all.iter().position(|(name, _)| name == crate::ATTACHMENT_NAME) {
        Some(i) => Ok(all.swap_remove(i).1),
        None => Err(PdfError::NoAttachment),
    }
}

/// The roadmaps a PDF carries, as (attachment name, bytes): the one
/// `feuille-de-route.json` of a roadmap's PDF, or every
/// `feuille-de-route-theme-NN.json` of a consolidated document (at most
/// [`MAX_ATTACHMENTS`]), in name order.
pub fn extract_attachments(file: &[u8]) -> Result<Vec<(String, Vec<u8>)>, PdfError> {
    let all = exchange_attachments(file)?;
    roadmaps_of(all)
}

/// The roadmaps among a PDF's exchange attachments (see [`extract_attachments`]).
pub fn roadmaps_of(all: Vec<(String, Vec<u8>)>) -> Result<Vec<(String, Vec<u8>)>, PdfError> {
    if let Some(own) = all.iter().position(|(name, _)| name == crate::ATTACHMENT_NAME) {
        let mut all = all;
        return Ok(vec![all.swap_remove(own)]);
    }
    let consolidated: Vec<(String, Vec<u8>)> = all.into_iter().filter(|(n, _)| is_consolidated_name(n)).collect();
    if consolidated.is_empty() {
        return Err(PdfError::NoAttachment);
    }
    if consolidated.len() > MAX_ATTACHMENTS {
        return Err(PdfError::Damaged(format!(
            "plus de {MAX_ATTACHMENTS} feuilles de route jointes"
        )));
    }
    Ok(consolidated)
}

/// The decoded bytes of a file specification's embedded file.
fn spec_bytes(file: &[u8], objects: &Objects, spec: &Obj) -> Result<Vec<u8>, PdfError> {
    let ef = spec
        .get(b"EF")
        .and_then(|e| objects.resolve(e))
        .ok_or(PdfError::NoAttachment)?;
    let stream = ef
        .get(b"F")
        .or_else(|| ef.get(b"UF"))
        .and_then(|f| objects.resolve(f))
        .ok_or(PdfError::NoAttachment)?;
    let Obj::Stream(d, s, e) = stream else {
        return Err(PdfError::Damaged("fichier joint sans contenu".into()));
    };
    let data = file
        .get(*s..*e)
        .ok_or_else(|| PdfError::Damaged("fichier joint tronqué".into()))?;
    stream_data(data, &Obj::Dict(d.clone()), crate::MAX_FILE_BYTES + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_reads_the_object_syntax() {
        let mut p = Parser::new(
            b"<< /A [1 2 0 R (a\\)b) <616263> /N#20x true null] /B << /C -1.5 >> >>",
            0,
        );
        let o = p.object(0).expect("parses");
        assert_eq!(
            o.get(b"A"),
            Some(&Obj::Array(vec![
                Obj::Num(1.0),
                Obj::Ref(2, 0),
                Obj::Str(b"a)b".to_vec()),
                Obj::Str(b"abc".to_vec()),
                Obj::Name(b"N x".to_vec()),
                Obj::Bool(true),
                Obj::Null
            ]))
        );
        assert_eq!(o.get(b"B").and_then(|b| b.get(b"C")), Some(&Obj::Num(-1.5)));
    }

    #[test]
    fn deep_nesting_and_garbage_are_refused_without_panic() {
        let deep = "[".repeat(100_000);
        assert!(
            Parser::new(deep.as_bytes(), 0).object(0).is_none(),
            "nesting is bounded"
        );
        for junk in [
            &b"%PDF-1.7\n"[..],
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj",
            b"%PDF-1.7 obj obj obj 99999999999999999999 0 obj",
            b"%PDF-",
        ] {
            assert!(extract_attachment(junk).is_err());
        }
        assert_eq!(extract_attachment(b"hello"), Err(PdfError::NotPdf));
    }

    #[test]
    fn inflate_is_bounded() {
        use std::io::Write;
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b'a'; 1_000_000]).expect("compress");
        let bomb = enc.finish().expect("finish");
        assert!(
            inflate(&bomb, 1000).is_err(),
            "a stream larger than the limit is refused"
        );
        assert_eq!(inflate(&bomb, 2_000_000).map(|v| v.len()), Ok(1_000_000));
    }
}
