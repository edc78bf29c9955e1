//! A PDF's text layer → text lines, as `pdftotext` would lay them out, for
//! the PDF-text layout the row reader already knows (cells a space apart);
//! a line inside a ruled table becomes a `|` row, a cell for each column.
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
//!
//! `draw` interprets the content (glyphs and ruling lines), `fonts` maps
//! codes to characters and widths, `lines` rebuilds lines, `ruled` reads
//! ruled tables' rows and cells, `unruled` places numbers of tables drawn
//! without rules.

mod draw;
mod fonts;
mod glyphs;
mod lines;
mod ruled;
mod unruled;

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use draw::PageReader;
use lines::{page_bands, write_pages};

/// Pages read at most; report PDFs run to a few dozen.
const MAX_PAGES: usize = 2_000;
/// Characters kept from the whole file (a report has some tens of thousands):
/// pages are held until the last is read.
const MAX_GLYPHS: usize = 4_000_000;
/// Decompressed bytes of one page's content, and of the whole file.
const MAX_CONTENT_BYTES: usize = 64 << 20;

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
    let mut pages = Vec::new();
    for (n, page) in doc.page_iter().enumerate() {
        if n >= MAX_PAGES {
            return Err(format!("a PDF of more than {MAX_PAGES} pages"));
        }
        let drawn = reader.page(page)?;
        glyphs_seen += drawn.glyphs.len();
        undecoded += drawn.glyphs.iter().filter(|g| g.text.is_empty()).count();
        if glyphs_seen > MAX_GLYPHS {
            return Err(format!("a PDF of more than {MAX_GLYPHS} characters"));
        }
        pages.push(page_bands(drawn));
    }
    // Written once every page is read: a table's columns carry over a page break.
    for (n, lines) in write_pages(pages).into_iter().enumerate() {
        for (line, bbox) in lines {
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

// Objects: references followed, numbers and names read.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error() {
        assert!(to_text(b"%PDF-1.4\n%garbage").is_err());
        assert!(to_text(b"%PDF-").is_err());
    }
}
