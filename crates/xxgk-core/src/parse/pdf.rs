//! A PDF's text layer → text lines, as `pdftotext` would lay them out, for
//! the PDF-text layout the row reader already knows (cells a space apart).
//!
//! lopdf reads the file (xref, object streams, filters, empty-password
//! decryption, decompression capped); this module interprets the page
//! content itself: text state and matrices (`BT` `Tf` `Tm` `Td` `TD` `T*`
//! `TL` `Tc` `Tw` `Tz` `Tj` `TJ` `'` `"`, `cm` `q` `Q`), form XObjects, and
//! every glyph's position and advance from the font's widths. Characters
//! come from the font's `/ToUnicode` first, else from its predefined CMap
//! (`UniGB-UCS2-H` codes are UCS-2, `GBK-EUC-H`/`GB-EUC-H` codes are GBK),
//! else from its simple encoding. Lines are rebuilt by clustering glyphs on
//! their baseline, in the text's own direction (a page drawn rotated reads
//! like any other), and page numbers in the margins are dropped.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// Pages read at most; report PDFs run to a few dozen.
const MAX_PAGES: usize = 2_000;
/// Decompressed bytes of one page's content, and of the whole file.
const MAX_CONTENT_BYTES: usize = 64 << 20;
/// Form XObjects inside form XObjects.
const MAX_FORM_DEPTH: usize = 8;
/// Operations interpreted in the whole file: a hostile file stops here.
const MAX_OPERATIONS: usize = 20_000_000;

pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
}

/// Where a line of the text came from: its page (1-based) and its box in
/// PDF points `[x0, y0, x1, y1]`, in the page's own coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinePlace {
    pub page: u32,
    pub bbox: [f32; 4],
}

/// The text of a PDF and where each of its lines is, or why it cannot be read.
pub fn to_text(bytes: &[u8]) -> Result<(String, Vec<LinePlace>), String> {
    let options = lopdf::LoadOptions {
        // Permissions-only encryption has an empty user password: it opens.
        password: Some(String::new()),
        max_decompressed_size: Some(MAX_CONTENT_BYTES),
        ..lopdf::LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| {
        let e = e.to_string();
        if e.to_lowercase().contains("password") || e.to_lowercase().contains("decrypt") {
            "an encrypted PDF that needs a password".to_string()
        } else {
            format!("not a readable PDF ({e})")
        }
    })?;
    let mut reader = PageReader {
        doc: &doc,
        fonts: HashMap::new(),
        operations: 0,
    };
    let mut out = String::new();
    let mut places = Vec::new();
    let mut glyphs_seen = 0usize;
    let mut undecoded = 0usize;
    for (n, page) in doc.page_iter().enumerate() {
        if n >= MAX_PAGES {
            return Err(format!("a PDF of more than {MAX_PAGES} pages"));
        }
        let glyphs = reader.page(page)?;
        glyphs_seen += glyphs.len();
        undecoded += glyphs.iter().filter(|g| g.text.is_empty()).count();
        for (line, bbox) in page_lines(glyphs) {
            out.push_str(&line);
            out.push('\n');
            places.push(LinePlace {
                page: n as u32 + 1,
                bbox,
            });
        }
    }
    if glyphs_seen == 0 {
        return Err("no text layer (a scanned PDF): OCR it first".into());
    }
    if undecoded * 2 > glyphs_seen {
        return Err(
            "its fonts map no characters to Unicode (no /ToUnicode, no known CMap): the text cannot be read"
                .into(),
        );
    }
    Ok((out, places))
}

/// One glyph drawn on a page: its origin in page space, its advance and
/// the height of its font there, its text, and its baseline's direction.
#[derive(Debug, Clone)]
struct Glyph {
    x: f32,
    y: f32,
    advance: f32,
    size: f32,
    text: String,
    /// The baseline's direction in quarter turns (0: left to right).
    turn: u8,
}

type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b` (row vectors, as PDF writes them).
fn multiply(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

fn numbers(ops: &[Object]) -> Vec<f32> {
    ops.iter().map(|o| number(o).unwrap_or(0.0)).collect()
}

/// Follows references (a few hops: a loop ends as `Null`).
fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..8 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => o = next,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

fn dict_get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> &'a Object {
    d.get(key).map_or(&Object::Null, |o| deref(doc, o))
}

fn as_dict(o: &Object) -> Option<&Dictionary> {
    match o {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn name_of(o: &Object) -> Option<&[u8]> {
    match o {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Fonts: codes → characters and widths.

#[derive(Debug, Clone, Copy, PartialEq)]
enum Codes {
    /// One byte a code (simple fonts).
    One,
    /// Two bytes a code (Identity-H, UCS-2 CMaps).
    Two,
    /// GBK: one byte below 0x80, else two.
    Gbk,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Fallback {
    /// The code is the character: Latin text in a simple font, UCS-2 in
    /// the `UniGB-UCS2-H` CMap.
    Code,
    Gbk,
    None,
}

#[derive(Debug)]
struct Font {
    codes: Codes,
    to_unicode: HashMap<u32, String>,
    fallback: Fallback,
    /// Glyph widths in text space units per 1 of font size.
    widths: HashMap<u32, f32>,
    default_width: f32,
}

impl Font {
    fn read(doc: &Document, d: &Dictionary) -> Font {
        let subtype = name_of(dict_get(doc, d, b"Subtype")).unwrap_or(b"");
        // Type 3 fonts give widths in glyph space, scaled by their matrix.
        let scale = match dict_get(doc, d, b"FontMatrix") {
            Object::Array(m) if !m.is_empty() => number(&m[0]).unwrap_or(0.001).abs(),
            _ => 0.001,
        };
        let mut font = Font {
            codes: Codes::One,
            to_unicode: HashMap::new(),
            fallback: Fallback::Code,
            widths: HashMap::new(),
            default_width: 0.0,
        };
        if subtype == b"Type0" {
            let encoding = name_of(dict_get(doc, d, b"Encoding")).unwrap_or(b"Identity-H");
            let encoding = String::from_utf8_lossy(encoding);
            (font.codes, font.fallback) = if encoding.contains("UCS2") || encoding.contains("UTF16")
            {
                (Codes::Two, Fallback::Code)
            } else if encoding.contains("EUC")
                || encoding.contains("GBK")
                || encoding.contains("GBpc")
            {
                (Codes::Gbk, Fallback::Gbk)
            } else {
                (Codes::Two, Fallback::None)
            };
            font.default_width = 1.0;
            if let Object::Array(desc) = dict_get(doc, d, b"DescendantFonts") {
                if let Some(cid) = desc.first().map(|o| deref(doc, o)).and_then(as_dict) {
                    if let Some(dw) = number(dict_get(doc, cid, b"DW")) {
                        font.default_width = dw / 1000.0;
                    }
                    if let Object::Array(w) = dict_get(doc, cid, b"W") {
                        read_cid_widths(doc, w, &mut font.widths);
                    }
                }
            }
        } else {
            let first = number(dict_get(doc, d, b"FirstChar"))
                .unwrap_or(0.0)
                .max(0.0) as u32;
            if let Object::Array(w) = dict_get(doc, d, b"Widths") {
                for (i, v) in w.iter().enumerate().take(65_536) {
                    if let Some(v) = number(deref(doc, v)) {
                        font.widths.insert(first + i as u32, v * scale);
                    }
                }
            }
            font.default_width = 0.5;
        }
        if let Object::Stream(s) = dict_get(doc, d, b"ToUnicode") {
            if let Ok(bytes) = s.decompressed_content_with_limit(8 << 20) {
                read_cmap(&bytes, &mut font.to_unicode);
            }
        }
        font
    }

    /// A string's codes.
    fn codes(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = match self.codes {
                Codes::One => 1,
                Codes::Two => 2,
                Codes::Gbk => {
                    if bytes[i] < 0x80 {
                        1
                    } else {
                        2
                    }
                }
            }
            .min(bytes.len() - i);
            let code = bytes[i..i + len]
                .iter()
                .fold(0u32, |c, &b| (c << 8) | u32::from(b));
            out.push((code, len));
            i += len;
        }
        out
    }

    fn text(&self, code: u32, len: usize) -> String {
        if let Some(s) = self.to_unicode.get(&code) {
            return s.clone();
        }
        match self.fallback {
            Fallback::Code => char::from_u32(code)
                .filter(|c| !c.is_control())
                .map(String::from)
                .unwrap_or_default(),
            Fallback::Gbk => {
                let bytes: Vec<u8> = if len == 1 {
                    vec![code as u8]
                } else {
                    vec![(code >> 8) as u8, code as u8]
                };
                let (s, _, bad) = encoding_rs::GBK.decode(&bytes);
                if bad {
                    String::new()
                } else {
                    s.into_owned()
                }
            }
            Fallback::None => String::new(),
        }
    }

    fn width(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
    }
}

/// `/W [c [w w …] c1 c2 w …]`.
fn read_cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f32>) {
    let mut i = 0;
    while i < w.len() && out.len() < 200_000 {
        let Some(first) = number(deref(doc, &w[i])) else {
            return;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, v) in ws.iter().enumerate() {
                    if let Some(v) = number(deref(doc, v)) {
                        out.insert(first + k as u32, v / 1000.0);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(v)) = (
                    number(last),
                    w.get(i + 2).and_then(|o| number(deref(doc, o))),
                ) else {
                    return;
                };
                let last = (last.max(0.0) as u32).min(first.saturating_add(65_536));
                for c in first..=last {
                    out.insert(c, v / 1000.0);
                }
                i += 3;
            }
            None => return,
        }
    }
}

/// Reads a ToUnicode CMap's `bfchar` and `bfrange` entries.
fn read_cmap(bytes: &[u8], out: &mut HashMap<u32, String>) {
    let tokens = cmap_tokens(bytes);
    let hex = |t: &CmapToken| match t {
        CmapToken::Hex(h) => Some(h.clone()),
        _ => None,
    };
    let code = |h: &[u8]| h.iter().take(4).fold(0u32, |c, &b| (c << 8) | u32::from(b));
    let utf16 = |h: &[u8]| {
        let units: Vec<u16> = h
            .chunks(2)
            .map(|c| (u16::from(c[0]) << 8) | u16::from(*c.get(1).unwrap_or(&0)))
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut i = 0;
    let mut mode = "";
    while i < tokens.len() && out.len() < 200_000 {
        match &tokens[i] {
            CmapToken::Word(w) if w == "beginbfchar" => mode = "char",
            CmapToken::Word(w) if w == "beginbfrange" => mode = "range",
            CmapToken::Word(w) if w.starts_with("end") => mode = "",
            CmapToken::Hex(src) if mode == "char" => {
                if let Some(dst) = tokens.get(i + 1).and_then(hex) {
                    out.insert(code(src), utf16(&dst));
                    i += 1;
                }
            }
            CmapToken::Hex(lo) if mode == "range" => {
                let Some(hi) = tokens.get(i + 1).and_then(hex) else {
                    i += 1;
                    continue;
                };
                let (lo, hi) = (code(lo), code(&hi));
                let count = hi.saturating_sub(lo).min(65_535);
                match tokens.get(i + 2) {
                    Some(CmapToken::Hex(dst)) => {
                        let base = utf16(dst);
                        // The last UTF-16 unit counts up through the range.
                        let mut units: Vec<u16> = base.encode_utf16().collect();
                        for k in 0..=count {
                            out.insert(lo + k, String::from_utf16_lossy(&units));
                            if let Some(last) = units.last_mut() {
                                *last = last.wrapping_add(1);
                            }
                        }
                        i += 2;
                    }
                    Some(CmapToken::Open) => {
                        let mut k = 0;
                        let mut j = i + 3;
                        while let Some(CmapToken::Hex(dst)) = tokens.get(j) {
                            if k <= count {
                                out.insert(lo + k, utf16(dst));
                            }
                            k += 1;
                            j += 1;
                        }
                        i = j;
                    }
                    _ => i += 1,
                }
            }
            _ => {}
        }
        i += 1;
    }
}

#[derive(Debug, Clone, PartialEq)]
enum CmapToken {
    Hex(Vec<u8>),
    Word(String),
    Open,
    Close,
}

fn cmap_tokens(bytes: &[u8]) -> Vec<CmapToken> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' if bytes.get(i + 1) != Some(&b'<') => {
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(bytes.len(), |p| i + p);
                let digits: Vec<u8> = bytes[i + 1..end]
                    .iter()
                    .filter_map(|b| (*b as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let hex = digits
                    .chunks(2)
                    .map(|c| (c[0] << 4) | c.get(1).copied().unwrap_or(0))
                    .collect();
                out.push(CmapToken::Hex(hex));
                i = end + 1;
            }
            b'[' => {
                out.push(CmapToken::Open);
                i += 1;
            }
            b']' => {
                out.push(CmapToken::Close);
                i += 1;
            }
            b'%' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b if b.is_ascii_alphabetic() => {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                out.push(CmapToken::Word(
                    String::from_utf8_lossy(&bytes[start..i]).into_owned(),
                ));
            }
            _ => i += 1,
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Pages: the content stream interpreted into glyphs.

struct PageReader<'a> {
    doc: &'a Document,
    /// Fonts read once per font dictionary.
    fonts: HashMap<usize, std::rc::Rc<Font>>,
    operations: usize,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<std::rc::Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
}

impl<'a> PageReader<'a> {
    fn page(&mut self, page: ObjectId) -> Result<Vec<Glyph>, String> {
        let content = self
            .doc
            .get_page_content_with_limit(page, MAX_CONTENT_BYTES)
            .map_err(|e| format!("not a readable PDF (page content: {e})"))?;
        let resources = self.doc.get_page_resources(page).ok();
        let mut dicts: Vec<&Dictionary> = Vec::new();
        if let Some((own, inherited)) = &resources {
            dicts.extend(own.iter());
            dicts.extend(
                inherited
                    .iter()
                    .filter_map(|id| self.doc.get_dictionary(*id).ok()),
            );
        }
        let mut glyphs = Vec::new();
        self.run(&content, &dicts, IDENTITY, 0, &mut glyphs)?;
        Ok(glyphs)
    }

    fn font(&mut self, resources: &[&Dictionary], name: &[u8]) -> Option<std::rc::Rc<Font>> {
        for res in resources {
            let Some(fonts) = as_dict(dict_get(self.doc, res, b"Font")) else {
                continue;
            };
            let Some(font) = as_dict(dict_get(self.doc, fonts, name)) else {
                continue;
            };
            let key = font as *const Dictionary as usize;
            let doc = self.doc;
            return Some(
                self.fonts
                    .entry(key)
                    .or_insert_with(|| std::rc::Rc::new(Font::read(doc, font)))
                    .clone(),
            );
        }
        None
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: &[&Dictionary],
        ctm: Matrix,
        depth: usize,
        glyphs: &mut Vec<Glyph>,
    ) -> Result<(), String> {
        // A page whose content cannot be decoded has no text here; the others still count.
        let Ok(content) = Content::decode(content) else {
            return Ok(());
        };
        let mut state = State {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
        };
        let mut saved: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for op in &content.operations {
            self.operations += 1;
            if self.operations > MAX_OPERATIONS {
                return Err(format!(
                    "not a readable PDF (more than {MAX_OPERATIONS} drawing operations)"
                ));
            }
            let n = numbers(&op.operands);
            let get = |i: usize| n.get(i).copied().unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if saved.len() < 256 => saved.push(state.clone()),
                "Q" => {
                    if let Some(s) = saved.pop() {
                        state = s;
                    }
                }
                "cm" if n.len() == 6 => {
                    state.ctm = multiply(
                        &[get(0), get(1), get(2), get(3), get(4), get(5)],
                        &state.ctm,
                    )
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    state.font = op
                        .operands
                        .first()
                        .and_then(name_of)
                        .and_then(|name| self.font(resources, name));
                    state.size = get(1);
                }
                "Tc" => state.char_spacing = get(0),
                "Tw" => state.word_spacing = get(0),
                "Tz" => state.scale = get(0) / 100.0,
                "TL" => state.leading = get(0),
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        state.leading = -get(1);
                    }
                    tlm = multiply(&[1.0, 0.0, 0.0, 1.0, get(0), get(1)], &tlm);
                    tm = tlm;
                }
                "Tm" if n.len() == 6 => {
                    tlm = [get(0), get(1), get(2), get(3), get(4), get(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator != "Tj" && op.operator != "TJ" {
                        if op.operator == "\"" {
                            state.word_spacing = get(0);
                            state.char_spacing = get(1);
                        }
                        tlm = multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                        tm = tlm;
                    }
                    for operand in &op.operands {
                        match operand {
                            Object::String(s, _) => show(&state, &mut tm, s, glyphs),
                            Object::Array(items) => {
                                for item in items {
                                    match item {
                                        Object::String(s, _) => show(&state, &mut tm, s, glyphs),
                                        other => {
                                            let adjust = number(other).unwrap_or(0.0);
                                            let tx = -adjust / 1000.0 * state.size * state.scale;
                                            tm = multiply(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                        }
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(name) = op.operands.first().and_then(name_of) {
                        self.form(resources, name, &state.ctm, depth, glyphs)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A form XObject's content, drawn with its matrix and resources.
    fn form(
        &mut self,
        resources: &[&Dictionary],
        name: &[u8],
        ctm: &Matrix,
        depth: usize,
        glyphs: &mut Vec<Glyph>,
    ) -> Result<(), String> {
        let doc = self.doc;
        for res in resources {
            let Some(xobjects) = as_dict(dict_get(doc, res, b"XObject")) else {
                continue;
            };
            let Object::Stream(stream) = dict_get(doc, xobjects, name) else {
                continue;
            };
            if name_of(dict_get(doc, &stream.dict, b"Subtype")) != Some(b"Form") {
                return Ok(());
            }
            let matrix = match dict_get(doc, &stream.dict, b"Matrix") {
                Object::Array(m) if m.len() == 6 => {
                    let v = numbers(m);
                    [v[0], v[1], v[2], v[3], v[4], v[5]]
                }
                _ => IDENTITY,
            };
            let Ok(content) = stream.decompressed_content_with_limit(MAX_CONTENT_BYTES) else {
                return Ok(());
            };
            let mut inner: Vec<&Dictionary> = Vec::new();
            if let Some(own) = as_dict(dict_get(doc, &stream.dict, b"Resources")) {
                inner.push(own);
            }
            inner.extend_from_slice(resources);
            return self.run(&content, &inner, multiply(&matrix, ctm), depth + 1, glyphs);
        }
        Ok(())
    }
}

/// Draws a string: one glyph per code, the text matrix advanced by each.
fn show(state: &State, tm: &mut Matrix, bytes: &[u8], glyphs: &mut Vec<Glyph>) {
    let Some(font) = &state.font else {
        return;
    };
    for (code, len) in font.codes(bytes) {
        let m = multiply(tm, &state.ctm);
        let w = font.width(code);
        let mut tx = w * state.size + state.char_spacing;
        if len == 1 && code == 32 {
            tx += state.word_spacing;
        }
        tx *= state.scale;
        // The font's height and the baseline's direction on the page.
        let size = (state.size * (m[2] * m[2] + m[3] * m[3]).sqrt()).abs();
        let advance = (tx * (m[0] * m[0] + m[1] * m[1]).sqrt()).abs();
        let angle = m[1].atan2(m[0]);
        let turn = ((angle / std::f32::consts::FRAC_PI_2)
            .round()
            .rem_euclid(4.0)) as u8;
        glyphs.push(Glyph {
            x: m[4],
            y: m[5],
            advance,
            size,
            text: font.text(code, len),
            turn,
        });
        *tm = multiply(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
    }
}

// ---------------------------------------------------------------------------
// Lines: glyphs clustered on their baselines.

/// Turns a point a quarter `turn` times clockwise (the inverse of the turn
/// `page_lines` makes so text runs left to right).
fn unturn(turn: usize, (x, y): (f32, f32)) -> (f32, f32) {
    match turn {
        1 => (-y, x),
        2 => (-x, -y),
        3 => (y, -x),
        _ => (x, y),
    }
}

/// A page's lines, top to bottom, in the direction most of its text runs,
/// each with its box in the page's coordinates.
fn page_lines(mut glyphs: Vec<Glyph>) -> Vec<(String, [f32; 4])> {
    if glyphs.is_empty() {
        return Vec::new();
    }
    let mut turns = [0usize; 4];
    for g in &glyphs {
        turns[g.turn as usize % 4] += 1;
    }
    let turn = (0..4).max_by_key(|&t| turns[t]).unwrap_or(0);
    // Turn the page so that its text runs left to right, y up.
    for g in &mut glyphs {
        (g.x, g.y) = match turn {
            1 => (g.y, -g.x),
            2 => (-g.x, -g.y),
            3 => (-g.y, g.x),
            _ => (g.x, g.y),
        };
    }
    glyphs.retain(|g| g.turn as usize == turn && !g.text.chars().all(char::is_whitespace));
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if (line[0].y - g.y).abs() <= 0.4 * line[0].size.min(g.size).max(1.0) => {
                line.push(g)
            }
            _ => lines.push(vec![g]),
        }
    }
    let mut out: Vec<(String, [f32; 4])> = lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut s = String::new();
            let mut end: Option<f32> = None;
            let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
            for g in &line {
                if let Some(end) = end {
                    // A gap wider than a third of the type is a space.
                    if g.x - end > 0.3 * g.size {
                        s.push(' ');
                    }
                }
                s.push_str(&g.text);
                end = Some(g.x + g.advance);
                (x0, y0) = (x0.min(g.x), y0.min(g.y - 0.2 * g.size));
                (x1, y1) = (x1.max(g.x + g.advance), y1.max(g.y + 0.8 * g.size));
            }
            let (a, b) = (unturn(turn, (x0, y0)), unturn(turn, (x1, y1)));
            let round = |v: f32| (v * 10.0).round() / 10.0;
            let bbox = [
                round(a.0.min(b.0)),
                round(a.1.min(b.1)),
                round(a.0.max(b.0)),
                round(a.1.max(b.1)),
            ];
            (s, bbox)
        })
        .collect();
    // Page numbers in the margins: "- 3 -", "第3页", "3/12".
    while out.last().is_some_and(|(l, _)| is_page_number(l)) {
        out.pop();
    }
    if out.first().is_some_and(|(l, _)| is_page_number(l)) {
        out.remove(0);
    }
    out
}

fn is_page_number(line: &str) -> bool {
    let s: String = line
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '—' | '–' | '－' | '·'))
        .collect();
    let s = s.trim_start_matches('第');
    let s = s.split(['/', '共']).next().unwrap_or("");
    let s = s.trim_end_matches('页');
    !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_recognised() {
        for s in ["- 3 -", "— 12 —", "第3页", "第 3 页 共 12 页", "3/12", "7"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["2024年", "一、总体情况", "规章 0 0 0", "12345"] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn cmaps_map_chars_and_ranges() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n2 beginbfchar <0003> <0020> <0010> <4E00> endbfchar\n2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<4E8C> <4E09>] endbfrange";
        let mut map = HashMap::new();
        read_cmap(cmap, &mut map);
        assert_eq!(map[&3], " ");
        assert_eq!(map[&0x10], "一");
        assert_eq!(map[&0x20], "A");
        assert_eq!(map[&0x22], "C");
        assert_eq!(map[&0x30], "二");
        assert_eq!(map[&0x31], "三");
    }

    #[test]
    fn glyphs_become_lines_with_spaces_at_gaps() {
        let g = |x: f32, y: f32, t: &str| Glyph {
            x,
            y,
            advance: 10.0,
            size: 10.0,
            text: t.into(),
            turn: 0,
        };
        let lines = page_lines(vec![
            g(60.0, 700.0, "规"),
            g(70.0, 700.2, "章"),
            g(200.0, 699.8, "0"),
            g(60.0, 680.0, "行"),
            g(300.0, 40.0, "1"),
        ]);
        let text: Vec<&str> = lines.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(text, ["规章 0", "行"]);
        assert_eq!(lines[0].1, [60.0, 697.8, 210.0, 708.2]);
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(to_text(b"%PDF-1.4\n%garbage").is_err());
        assert!(to_text(b"%PDF-").is_err());
    }
}
