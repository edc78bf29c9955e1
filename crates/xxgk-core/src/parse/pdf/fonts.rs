//! Fonts: codes → characters and widths.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::{as_dict, deref, dict_get, name_of, number};

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
pub(super) struct Font {
    codes: Codes,
    to_unicode: HashMap<u32, String>,
    fallback: Fallback,
    /// Glyph widths in text space units per 1 of font size.
    widths: HashMap<u32, f32>,
    default_width: f32,
}

impl Font {
    pub(super) fn read(doc: &Document, d: &Dictionary) -> Font {
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
    pub(super) fn codes(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
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

    pub(super) fn text(&self, code: u32, len: usize) -> String {
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

    pub(super) fn width(&self, code: u32) -> f32 {
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
pub(super) fn read_cmap(bytes: &[u8], out: &mut HashMap<u32, String>) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
