//! A Word 97–2003 binary document (.doc, and Kingsoft's .wps, the same
//! format) → text lines, in the form the .docx reader gives: paragraphs become
//! lines, tables become `|` rows (`grid`) with their merged cells expanded.
//!
//! The file is an OLE2 compound file (`cfb`). Its `WordDocument` stream opens
//! with the FIB, which says which table stream (`1Table` or `0Table`) holds
//! the CLX: the piece table (PlcPcd) maps character positions (CPs) to bytes
//! of `WordDocument`, as 8-bit CP1252 (compressed pieces, at fc/2) or as
//! UTF-16LE (Chinese text always). The main document is CP 0..ccpText;
//! footnotes, headers, comments and text boxes that follow it are not read.
//!
//! Word's marks in the text: 0x0D ends a paragraph, 0x0B is a line break,
//! 0x0C a page or section break, 0x09 a tab (a space, as in .docx), 0x1E a
//! non-breaking hyphen, 0x1F a soft hyphen (dropped), 0x01/0x08 and other
//! object anchors are dropped. A field (0x13 instruction 0x14 result 0x15)
//! keeps only its result.
//!
//! Tables: a cell ends with 0x07, and a row ends with one more 0x07 whose
//! paragraph has the TTP (table terminating paragraph) property. The
//! paragraph properties are read from the PAPX FKPs (`PlcBtePapx`; a
//! row end's are often too large for an FKP and kept in the `Data` stream,
//! which sprmPHugePapx points at), then the piece's Prm: sprmPFInTable (0x2416) says a paragraph ending in 0x0D belongs to the
//! open cell, sprmPFTtp (0x2417) marks the row end, and that row end's TAP
//! holds sprmTDefTable (0xD608: the cells' edges, and their vertical
//! merges) and sprmTVertMerge (0xD62B). The edges of all a table's rows make
//! its grid, so a cell as wide as two columns of another row spans two (as
//! `w:gridSpan`), and a vertically merged cell repeats the text of the cell
//! above (as `w:vMerge` does in `docx`). Where the file has no readable
//! PlcBtePapx, a row ends at a 0x07 right after another 0x07 (how Word and
//! LibreOffice lay out the row-end mark), which mistakes an empty cell after
//! another cell for the row's end; cells are then not spanned. Nested tables are flattened
//! into their cell (their marks are 0x0D paragraphs in the outer cell).
//!
//! List numbering Word draws itself is written out, as the .docx reader does:
//! a paragraph's sprmPIlfo/sprmPIlvl pick an LFO and a level of its list
//! (PlfLst with its LVLs, PlfLfo), counted per LFO. Deleted revisions
//! (sprmCFRMarkDel in the CHPX FKPs) are left out. Not read: numbering that
//! comes only from a paragraph's style (the stylesheet is not read), LFO
//! overrides of a list's start, other character properties (hidden text
//! stays), headers, footers, footnotes, comments, text boxes.
//!
//! Hostile files are bounded: streams are read up to a size cap, every
//! offset is checked against its stream, the text is capped, and every
//! failure is an error string, never a panic.

use std::io::{Cursor, Read};

use super::grid::{self, GridRow};

/// An OLE2 compound file's first eight bytes.
pub const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// The most bytes one stream may hold. Real reports' `WordDocument` streams
/// are a few MB (pictures are kept in the `Data` stream, not read here).
const MAX_STREAM_BYTES: u64 = 256 << 20;
/// The most bytes of text a document may give (UTF-8).
const MAX_TEXT_BYTES: usize = 64 << 20;
/// Columns a row may have; larger tables are read with one column a cell.
const MAX_COLUMNS: usize = 64;
/// Fields open at once; deeper ones are read as text.
const MAX_FIELD_DEPTH: usize = 64;
/// UTF-16 units of a list's number text; real ones are a few.
const MAX_LABEL: usize = 32;
/// Twips two cell edges may differ by and still be one grid line.
const EDGE_TOLERANCE: i32 = 2;

/// Whether `bytes` is an OLE2 compound file (.doc, .wps, .xls, .ppt, …).
pub fn looks_like_cfb(bytes: &[u8]) -> bool {
    bytes.starts_with(&CFB_MAGIC)
}

/// The text of a .doc, or why it cannot be read.
pub fn to_text(bytes: &[u8]) -> Result<String, String> {
    to_text_capped(bytes, MAX_TEXT_BYTES)
}

fn to_text_capped(bytes: &[u8], max_text: usize) -> Result<String, String> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| format!("not a readable .doc (compound file: {e})"))?;
    let word = stream(&mut cfb, "/WordDocument")?.ok_or(
        "not a Word document (an Office compound file without a WordDocument stream, e.g. .xls)",
    )?;
    let fib = Fib::read(&word)?;
    let table_name = if fib.which_table {
        "/1Table"
    } else {
        "/0Table"
    };
    let table = stream(&mut cfb, table_name)?.ok_or_else(|| {
        format!(
            "not a readable .doc (no {} stream)",
            table_name.trim_start_matches('/')
        )
    })?;
    let data = stream(&mut cfb, "/Data")?.unwrap_or_default();
    Document::read(&word, &table, &data, &fib)?.text(max_text)
}

/// One stream of the compound file, `None` when absent; capped in size.
fn stream(
    cfb: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    if !cfb.is_stream(name) {
        return Ok(None);
    }
    let short = name.trim_start_matches('/');
    let mut s = cfb
        .open_stream(name)
        .map_err(|e| format!("not a readable .doc ({short}: {e})"))?;
    if s.len() > MAX_STREAM_BYTES {
        return Err(too_large(short));
    }
    let mut bytes = Vec::new();
    s.by_ref()
        .take(MAX_STREAM_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("not a readable .doc ({short}: {e})"))?;
    if bytes.len() as u64 > MAX_STREAM_BYTES {
        return Err(too_large(short));
    }
    Ok(Some(bytes))
}

fn too_large(name: &str) -> String {
    format!(
        "not a readable .doc ({name} is larger than {} MB)",
        MAX_STREAM_BYTES >> 20
    )
}

fn broken(what: &str) -> String {
    format!("not a readable .doc ({what})")
}

fn u8_at(b: &[u8], at: usize) -> Option<u8> {
    b.get(at).copied()
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn i16_at(b: &[u8], at: usize) -> Option<i16> {
    u16_at(b, at).map(|v| v as i16)
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// `len` bytes of `b` from `at`, if all are there.
fn slice(b: &[u8], at: usize, len: usize) -> Option<&[u8]> {
    b.get(at..at.checked_add(len)?)
}

// ---------------------------------------------------------------------------
// The FIB.

/// What is read of the File Information Block.
#[derive(Debug)]
struct Fib {
    which_table: bool,
    /// Characters of the main document (FibRgLw97.ccpText).
    ccp_text: u32,
    /// FibRgFcLcb: (fc, lcb) pairs, in the spec's order.
    fc_lcb: Vec<(u32, u32)>,
}

/// Indexes into FibRgFcLcb97.
const FC_PLCF_BTE_CHPX: usize = 12;
const FC_PLCF_BTE_PAPX: usize = 13;
const FC_CLX: usize = 33;
const FC_PLF_LST: usize = 73;
const FC_PLF_LFO: usize = 74;

impl Fib {
    fn read(w: &[u8]) -> Result<Fib, String> {
        let short = || broken("WordDocument is too short for its header");
        let ident = u16_at(w, 0).ok_or_else(short)?;
        if ident == 0xA5DC {
            return Err("a Word 6/95 document: only Word 97 and later are read".into());
        }
        if ident != 0xA5EC {
            return Err(broken(&format!("no Word header: magic {ident:04X}")));
        }
        let flags = u16_at(w, 0x0A).ok_or_else(short)?;
        if flags & 0x0100 != 0 {
            return Err("encrypted Word document: decrypt it first".into());
        }
        // FibBase (32 bytes), then three arrays each led by its length.
        let mut at = 32usize;
        let csw = u16_at(w, at).ok_or_else(short)? as usize;
        at += 2 + 2 * csw;
        let cslw = u16_at(w, at).ok_or_else(short)? as usize;
        at += 2;
        let rg_lw = at;
        if cslw < 4 {
            return Err(broken("FIB without ccpText"));
        }
        let ccp_text = u32_at(w, rg_lw + 12).ok_or_else(short)?;
        at += 4 * cslw;
        let count = u16_at(w, at).ok_or_else(short)? as usize;
        at += 2;
        let fc_lcb = (0..count)
            .map_while(|i| Some((u32_at(w, at + 8 * i)?, u32_at(w, at + 8 * i + 4)?)))
            .collect::<Vec<_>>();
        if fc_lcb.len() <= FC_CLX {
            return Err(short());
        }
        Ok(Fib {
            which_table: flags & 0x0200 != 0,
            ccp_text,
            fc_lcb,
        })
    }

    /// The bytes of the table stream an (fc, lcb) pair points at, if valid.
    fn in_table<'t>(&self, table: &'t [u8], index: usize) -> Option<&'t [u8]> {
        let &(fc, lcb) = self.fc_lcb.get(index)?;
        if lcb == 0 {
            return None;
        }
        slice(table, fc as usize, lcb as usize)
    }
}

// ---------------------------------------------------------------------------
// The piece table and the paragraph properties.

/// One piece: CPs `cp..cp_end` stored at byte `fc` of WordDocument.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Piece {
    cp: u32,
    cp_end: u32,
    /// Byte offset of the piece's first character.
    fc: usize,
    /// One byte a character (CP1252), else two (UTF-16LE).
    compressed: bool,
    prm: u16,
}

/// The CLX: its property modifiers (Prc grpprls) and its pieces.
fn read_clx(clx: &[u8]) -> Result<(Vec<&[u8]>, Vec<Piece>), String> {
    let mut prcs = Vec::new();
    let mut at = 0usize;
    loop {
        match u8_at(clx, at) {
            Some(1) => {
                let cb = i16_at(clx, at + 1).ok_or_else(|| broken("CLX cut short"))?;
                let cb = usize::try_from(cb).map_err(|_| broken("CLX with a negative size"))?;
                let grpprl = slice(clx, at + 3, cb).ok_or_else(|| broken("CLX cut short"))?;
                prcs.push(grpprl);
                at += 3 + cb;
            }
            Some(2) => {
                let lcb = u32_at(clx, at + 1).ok_or_else(|| broken("CLX cut short"))? as usize;
                let plc =
                    slice(clx, at + 5, lcb).ok_or_else(|| broken("piece table past the CLX"))?;
                return Ok((prcs, read_pieces(plc)?));
            }
            Some(t) => return Err(broken(&format!("CLX entry of type {t}"))),
            None => return Err(broken("CLX without a piece table")),
        }
    }
}

/// PlcPcd: n+1 CPs, then n 8-byte piece descriptors.
fn read_pieces(plc: &[u8]) -> Result<Vec<Piece>, String> {
    if plc.len() < 16 || !(plc.len() - 4).is_multiple_of(12) {
        return Err(broken(&format!("piece table of {} bytes", plc.len())));
    }
    let n = (plc.len() - 4) / 12;
    let cp = |i: usize| u32_at(plc, 4 * i).unwrap_or(0);
    let mut pieces = Vec::with_capacity(n);
    for i in 0..n {
        let (start, end) = (cp(i), cp(i + 1));
        if end < start {
            return Err(broken("piece table out of order"));
        }
        let pcd = 4 * (n + 1) + 8 * i;
        let fc = u32_at(plc, pcd + 2).unwrap_or(0);
        let compressed = fc & 0x4000_0000 != 0;
        let fc = (fc & 0x3FFF_FFFF) as usize;
        pieces.push(Piece {
            cp: start,
            cp_end: end,
            fc: if compressed { fc / 2 } else { fc },
            compressed,
            prm: u16_at(plc, pcd + 6).unwrap_or(0),
        });
    }
    Ok(pieces)
}

/// A table cell's vertical merge (TC80 vertMerge, sprmTVertMerge).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

/// A row's table properties: the cells' edges (twips) and merges.
#[derive(Debug, Clone, Default, PartialEq)]
struct Tap {
    edges: Vec<i32>,
    vmerge: Vec<VMerge>,
    /// The cell continues a horizontal merge (old Word's fMerged).
    hmerged: Vec<bool>,
}

/// What is read of a paragraph's properties.
#[derive(Debug, Clone, Default, PartialEq)]
struct Para {
    in_table: bool,
    ttp: bool,
    tap: Option<Tap>,
    /// The list (1-based LFO index, 0 for none) and its level.
    ilfo: u16,
    ilvl: u8,
    /// The number Word draws before the paragraph.
    label: Option<String>,
}

/// The sprms of a grpprl, each with its operand; stops at a cut-off one.
fn sprms(grpprl: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let sprm = u16_at(grpprl, at)?;
        let rest = grpprl.get(at + 2..)?;
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            // sprmTDefTable: a 2-byte size counting itself less one.
            _ if sprm == 0xD608 => {
                let cb = u16_at(rest, 0)? as usize;
                2 + cb.saturating_sub(1)
            }
            // sprmPChgTabs: a 1-byte size; 255 is a longer form not needed here.
            _ if sprm == 0xC615 => {
                let cb = u8_at(rest, 0)? as usize;
                if cb == 255 {
                    return None;
                }
                1 + cb
            }
            _ => 1 + u8_at(rest, 0)? as usize,
        };
        let operand = rest.get(..len)?;
        at += 2 + len;
        Some((sprm, operand))
    })
}

impl Para {
    /// Applies a grpprl; `data` (the Data stream) holds the properties too
    /// large for an FKP, which sprmPHugePapx points at.
    fn apply(&mut self, grpprl: &[u8], data: &[u8]) {
        for (sprm, op) in sprms(grpprl) {
            match sprm {
                0x6646 => {
                    let huge = u32_at(op, 0).and_then(|at| {
                        let at = at as usize;
                        slice(data, at + 2, u16_at(data, at)? as usize)
                    });
                    if let Some(huge) = huge {
                        // No further indirection: a huge PAPX in a huge PAPX is ignored.
                        self.apply(huge, &[]);
                    }
                }
                0x2416 => self.in_table = op[0] != 0,
                0x260A => self.ilvl = op[0],
                0x460B => self.ilfo = u16_at(op, 0).unwrap_or(0),
                0x2417 => self.ttp = op[0] != 0,
                // sprmPItap: the table depth.
                0x6649 => self.in_table = u32_at(op, 0).unwrap_or(0) > 0,
                0xD608 => self.tap = Some(def_table(&op[2..])),
                0xD62B => {
                    // cb, itc, vertMerge.
                    if let (Some(tap), Some(itc), Some(m)) =
                        (self.tap.as_mut(), u8_at(op, 1), u8_at(op, 2))
                    {
                        if let Some(v) = tap.vmerge.get_mut(itc as usize) {
                            *v = vmerge(m);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn vmerge(bits: u8) -> VMerge {
    match bits & 3 {
        0 => VMerge::None,
        3 => VMerge::Restart,
        _ => VMerge::Continue,
    }
}

/// TDefTableOperand after its size: itcMac, itcMac+1 edges, itcMac TC80s.
fn def_table(op: &[u8]) -> Tap {
    let n = u8_at(op, 0).unwrap_or(0) as usize;
    let edges: Vec<i32> = (0..=n)
        .map_while(|i| i16_at(op, 1 + 2 * i).map(i32::from))
        .collect();
    let tcs = 1 + 2 * (n + 1);
    let tcgrf = |i: usize| u16_at(op, tcs + 20 * i).unwrap_or(0);
    Tap {
        edges,
        vmerge: (0..n).map(|i| vmerge((tcgrf(i) >> 5) as u8)).collect(),
        hmerged: (0..n).map(|i| tcgrf(i) & 3 >= 2).collect(),
    }
}

/// Properties kept in FKPs (PAPX for paragraphs, CHPX for characters),
/// found by a character's byte offset in WordDocument.
struct Fkps<'a> {
    word: &'a [u8],
    /// PlcBtePapx or PlcBteChpx: n+1 FCs, then n FKP page numbers.
    plc: &'a [u8],
    n: usize,
    /// Paragraph FKPs (13-byte entries, istd before the grpprl) or character ones.
    paragraphs: bool,
}

impl<'a> Fkps<'a> {
    fn new(word: &'a [u8], plc: &'a [u8], paragraphs: bool) -> Option<Fkps<'a>> {
        if plc.len() < 12 || !(plc.len() - 4).is_multiple_of(8) {
            return None;
        }
        Some(Fkps {
            word,
            plc,
            n: (plc.len() - 4) / 8,
            paragraphs,
        })
    }

    /// The run holding byte `fc`: its bytes `start..end` and its grpprl;
    /// `None` where the file gives none.
    fn run(&self, fc: usize) -> Option<(usize, usize, &'a [u8])> {
        let fc = u32::try_from(fc).ok()?;
        let fc_at = |i: usize| u32_at(self.plc, 4 * i).unwrap_or(0);
        // The last entry whose FC is <= fc.
        let (mut lo, mut hi) = (0usize, self.n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if fc_at(mid + 1) <= fc {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if lo >= self.n || fc_at(lo) > fc {
            return None;
        }
        let pn = u32_at(self.plc, 4 * (self.n + 1) + 4 * lo)? & 0x3F_FFFF;
        let page = slice(self.word, pn as usize * 512, 512)?;
        let crun = page[511] as usize;
        // rgfc (crun+1 FCs), then crun entries: BxPaps of 13 bytes, or bytes.
        let entry = if self.paragraphs { 13 } else { 1 };
        if 4 * (crun + 1) + entry * crun > 511 {
            return None;
        }
        let run = (0..crun).find(|&i| {
            let (a, b) = (u32_at(page, 4 * i), u32_at(page, 4 * i + 4));
            matches!((a, b), (Some(a), Some(b)) if a <= fc && fc < b)
        })?;
        let (start, end) = (
            u32_at(page, 4 * run)? as usize,
            u32_at(page, 4 * run + 4)? as usize,
        );
        let offset = 2 * page[4 * (crun + 1) + entry * run] as usize;
        if offset == 0 {
            return Some((start, end, &[]));
        }
        let page = &page[..511];
        if !self.paragraphs {
            // Chpx: cb, then the grpprl.
            let cb = u8_at(page, offset)? as usize;
            return Some((start, end, slice(page, offset + 1, cb)?));
        }
        // PapxInFkp: cb (and cb' when cb is 0), then istd and the grpprl.
        let (at, len) = match u8_at(page, offset)? {
            0 => (offset + 2, 2 * u8_at(page, offset + 1)? as usize),
            cb => (offset + 1, 2 * cb as usize - 1),
        };
        Some((start, end, slice(page, at, len)?.get(2..)?))
    }
}

/// Word's list numbering: the lists (PlfLst and their levels) and the
/// paragraphs' list references (PlfLfo).
#[derive(Debug, Default)]
struct Lists {
    /// lsid → its levels (start, number format, number text).
    lists: Vec<(i32, Vec<Level>)>,
    /// LFO (0-based) → lsid.
    lfos: Vec<i32>,
}

#[derive(Debug, Clone, Default)]
struct Level {
    start: usize,
    nfc: u8,
    /// The number text: characters 0–8 stand for that level's number.
    text: Vec<u16>,
}

impl Lists {
    /// Reads what it can: a broken list table gives fewer numbers, not an error.
    fn read(table: &[u8], fib: &Fib) -> Lists {
        let mut out = Lists::default();
        if let Some(&(fc, lcb)) = fib.fc_lcb.get(FC_PLF_LST) {
            if let Some(plf) = slice(table, fc as usize, lcb as usize).filter(|p| p.len() >= 2) {
                let count = (i16_at(plf, 0).unwrap_or(0).max(0) as usize).min((plf.len() - 2) / 28);
                // The levels follow the PlfLst, list after list.
                let mut at = fc as usize + lcb as usize;
                for i in 0..count {
                    let lstf = &plf[2 + 28 * i..2 + 28 * (i + 1)];
                    let lsid = u32_at(lstf, 0).unwrap_or(0) as i32;
                    let n = if lstf[26] & 1 != 0 { 1 } else { 9 };
                    let mut levels = Vec::with_capacity(n);
                    for _ in 0..n {
                        let Some((level, next)) = read_level(table, at) else {
                            break;
                        };
                        levels.push(level);
                        at = next;
                    }
                    out.lists.push((lsid, levels));
                }
            }
        }
        if let Some(plf) = fib.in_table(table, FC_PLF_LFO) {
            let count =
                (u32_at(plf, 0).unwrap_or(0) as usize).min(plf.len().saturating_sub(4) / 16);
            out.lfos = (0..count)
                .map(|i| u32_at(plf, 4 + 16 * i).unwrap_or(0) as i32)
                .collect();
        }
        out
    }

    fn levels(&self, ilfo: u16) -> Option<&[Level]> {
        let lsid = *self.lfos.get(usize::from(ilfo).checked_sub(1)?)?;
        self.lists
            .iter()
            .find(|(id, _)| *id == lsid)
            .map(|(_, l)| l.as_slice())
    }
}

/// One LVL at `at`: LVLF (28 bytes), its grpprls, its number text. Returns
/// the level and where the next begins.
fn read_level(table: &[u8], at: usize) -> Option<(Level, usize)> {
    let lvlf = slice(table, at, 28)?;
    let start = u32_at(lvlf, 0)? as i32;
    let (chpx, papx) = (lvlf[24] as usize, lvlf[25] as usize);
    let xst = at + 28 + chpx + papx;
    let cch = u16_at(table, xst)? as usize;
    let text = slice(table, xst + 2, 2 * cch)?
        .chunks_exact(2)
        .map(|u| u16::from_le_bytes([u[0], u[1]]))
        .collect();
    Some((
        Level {
            start: start.max(0) as usize,
            nfc: lvlf[4],
            text,
        },
        xst + 2 + 2 * cch,
    ))
}

/// A level's number format as ST_NumberFormat names it (MSONFC).
fn number_format(nfc: u8) -> &'static str {
    match nfc {
        0x01 => "upperRoman",
        0x02 => "lowerRoman",
        0x03 => "upperLetter",
        0x04 => "lowerLetter",
        0x0A => "ideographDigital",
        0x0B => "japaneseCounting",
        0x0E => "decimalFullWidth",
        0x12 => "decimalEnclosedCircle",
        0x13 => "decimalFullWidth2",
        0x17 => "bullet",
        0x1B => "decimalEnclosedParen",
        0x1C => "decimalEnclosedCircleChinese",
        0x1E => "ideographTraditional",
        0x21 => "taiwaneseCounting",
        0x23 => "taiwaneseCountingThousand",
        0x25 => "chineseCounting",
        0x27 => "chineseCountingThousand",
        0xFF => "none",
        _ => "decimal",
    }
}

/// Counters of the lists met so far, per LFO, as Word keeps them.
#[derive(Default)]
struct Counters(Vec<(u16, [usize; 9])>);

impl Counters {
    /// The label of the next paragraph of list `ilfo` at level `ilvl`.
    fn next(&mut self, lists: &Lists, ilfo: u16, ilvl: u8) -> Option<String> {
        let ilvl = usize::from(ilvl);
        let levels = lists.levels(ilfo)?;
        let level = levels.get(ilvl)?;
        let at = match self.0.iter().position(|(id, _)| *id == ilfo) {
            Some(i) => i,
            None => {
                self.0.push((ilfo, [0; 9]));
                self.0.len() - 1
            }
        };
        let counts = &mut self.0[at].1;
        counts[ilvl] = if counts[ilvl] == 0 {
            level.start.max(1)
        } else {
            counts[ilvl] + 1
        };
        // A level restarts whenever a level above it advances.
        for c in counts.iter_mut().skip(ilvl + 1) {
            *c = 0;
        }
        // Bullets, no number, or a number text no list has (a broken file).
        if matches!(level.nfc, 0x17 | 0xFF) || level.text.len() > MAX_LABEL {
            return None;
        }
        let mut label = String::new();
        for c in char::decode_utf16(level.text.iter().copied()) {
            let c = c.unwrap_or('\u{fffd}');
            match c as u32 {
                i @ 0..=8 => {
                    let i = i as usize;
                    let count = if counts[i] == 0 {
                        levels.get(i).map_or(1, |l| l.start.max(1))
                    } else {
                        counts[i]
                    };
                    let format = levels.get(i).map_or("decimal", |l| number_format(l.nfc));
                    label.push_str(&super::docx::format_number(count, format));
                }
                _ => label.push(c),
            }
        }
        Some(label)
    }
}

// ---------------------------------------------------------------------------
// The document's text.

struct Document<'a> {
    word: &'a [u8],
    /// The Data stream (empty when absent).
    data: &'a [u8],
    ccp_text: u32,
    prcs: Vec<&'a [u8]>,
    pieces: Vec<Piece>,
    papx: Option<Fkps<'a>>,
    chpx: Option<Fkps<'a>>,
    lists: Lists,
}

impl<'a> Document<'a> {
    fn read(
        word: &'a [u8],
        table: &'a [u8],
        data: &'a [u8],
        fib: &Fib,
    ) -> Result<Document<'a>, String> {
        let clx = fib
            .in_table(table, FC_CLX)
            .ok_or_else(|| broken("no piece table (CLX) in the table stream"))?;
        let (prcs, pieces) = read_clx(clx)?;
        let fkps = |index, paragraphs| {
            fib.in_table(table, index)
                .and_then(|plc| Fkps::new(word, plc, paragraphs))
        };
        Ok(Document {
            word,
            data,
            ccp_text: fib.ccp_text,
            prcs,
            pieces,
            papx: fkps(FC_PLCF_BTE_PAPX, true),
            chpx: fkps(FC_PLCF_BTE_CHPX, false),
            lists: Lists::read(table, fib),
        })
    }

    /// A paragraph mark's properties (its FKP's, then its piece's); `None`
    /// when the file has no paragraph properties to read.
    fn para(&self, fc: usize, piece: &Piece) -> Option<Para> {
        let papx = self.papx.as_ref()?;
        let mut para = Para::default();
        para.apply(papx.run(fc)?.2, self.data);
        // Prm1: the piece's properties are the CLX's Prc number igrpprl.
        if piece.prm & 1 != 0 {
            if let Some(grpprl) = self.prcs.get((piece.prm >> 1) as usize) {
                para.apply(grpprl, self.data);
            }
        }
        Some(para)
    }

    /// The character run holding byte `fc`, and whether it is a deleted
    /// revision (sprmCFRMarkDel).
    fn deleted(&self, fc: usize) -> (usize, usize, bool) {
        let Some((start, end, grpprl)) = self.chpx.as_ref().and_then(|c| c.run(fc)) else {
            return (fc, fc + 1, false);
        };
        let deleted = sprms(grpprl)
            .filter(|(sprm, _)| *sprm == 0x0800)
            .last()
            .is_some_and(|(_, op)| op[0] & 1 != 0);
        (start, end, deleted)
    }

    /// The main document's text, at most `max_text` bytes of it.
    fn text(&self, max_text: usize) -> Result<String, String> {
        let mut walker = Walker::default();
        let mut counters = Counters::default();
        let mut run = (0usize, 0usize, false);
        // Bytes of text read: the cap holds whatever the pieces repeat.
        let mut total = 0usize;
        for piece in &self.pieces {
            if piece.cp >= self.ccp_text {
                break;
            }
            let count = (piece.cp_end.min(self.ccp_text) - piece.cp) as usize;
            let width = if piece.compressed { 1 } else { 2 };
            let bytes = slice(self.word, piece.fc, count * width)
                .ok_or_else(|| broken("a piece of text past the end of WordDocument"))?;
            let mut each = |fc: usize, c: char| -> Result<(), String> {
                if !(run.0 <= fc && fc < run.1) {
                    run = self.deleted(fc);
                }
                walker.char(c, run.2, || {
                    let mut para = self.para(fc, piece)?;
                    if para.ilfo > 0 && !para.ttp {
                        para.label = counters.next(&self.lists, para.ilfo, para.ilvl);
                    }
                    Some(para)
                });
                total += c.len_utf8();
                if total > max_text {
                    return Err(broken(&format!("text longer than {} MB", max_text >> 20)));
                }
                Ok(())
            };
            if piece.compressed {
                for (i, &b) in bytes.iter().enumerate() {
                    each(piece.fc + i, cp1252(b))?;
                }
            } else {
                let units = bytes
                    .chunks_exact(2)
                    .map(|u| u16::from_le_bytes([u[0], u[1]]));
                let mut i = 0usize;
                for c in char::decode_utf16(units) {
                    let c = c.unwrap_or('\u{fffd}');
                    each(piece.fc + 2 * i, c)?;
                    i += c.len_utf16();
                }
            }
        }
        Ok(walker.finish())
    }
}

/// A compressed piece's byte: CP1252, whose 0x80–0x9F are not Latin-1's.
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[b as usize - 0x80],
        _ => b as char,
    }
}

/// A row of a table as read: its cells' paragraphs, and its TAP.
#[derive(Debug, Default)]
struct Row {
    cells: Vec<Vec<String>>,
    tap: Option<Tap>,
}

/// Fields: whether the open one is in its instruction or its result.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Field {
    Instruction,
    Result,
}

#[derive(Default)]
struct Walker {
    out: String,
    /// The open paragraph's text.
    para: String,
    fields: Vec<Field>,
    /// Field begins past `MAX_FIELD_DEPTH`, read as text.
    fields_over: usize,
    /// The open table's rows, the open row's cells, the open cell's paragraphs.
    rows: Vec<Row>,
    cells: Vec<Vec<String>>,
    cell: Vec<String>,
    /// The last character was a cell mark (for files without PAPX).
    after_cell_mark: bool,
}

impl Walker {
    /// One character of the main document, `deleted` when it is a deleted
    /// revision; `para` gives the properties of the paragraph a mark ends.
    fn char(&mut self, c: char, deleted: bool, para: impl FnOnce() -> Option<Para>) {
        if deleted && !matches!(c, '\r' | '\u{7}') {
            return;
        }
        let after_cell_mark = std::mem::take(&mut self.after_cell_mark);
        match c {
            '\u{13}' => {
                if self.fields.len() < MAX_FIELD_DEPTH {
                    self.fields.push(Field::Instruction);
                } else {
                    self.fields_over += 1;
                }
                return;
            }
            '\u{14}' => {
                if self.fields_over == 0 {
                    if let Some(f) = self.fields.last_mut() {
                        *f = Field::Result;
                    }
                }
                return;
            }
            '\u{15}' => {
                if self.fields_over > 0 {
                    self.fields_over -= 1;
                } else {
                    self.fields.pop();
                }
                return;
            }
            _ => {}
        }
        let hidden = self.fields.contains(&Field::Instruction);
        match c {
            '\r' => {
                let para = para();
                let text = labelled(&para, std::mem::take(&mut self.para));
                let in_table = match &para {
                    Some(p) => p.in_table,
                    // Without properties: a paragraph inside a row's cells.
                    None => !self.cells.is_empty() || !self.cell.is_empty(),
                };
                if in_table {
                    self.cell.push(text);
                } else {
                    self.end_table();
                    self.out.push_str(&text);
                    self.out.push('\n');
                }
            }
            '\u{7}' => {
                let para = para();
                let text = std::mem::take(&mut self.para);
                let ttp = match &para {
                    Some(p) => p.ttp,
                    None => after_cell_mark && text.is_empty() && self.cell.is_empty(),
                };
                let text = if ttp { text } else { labelled(&para, text) };
                if ttp {
                    // Text before the row-end mark has no cell: one more.
                    if !text.is_empty() || !self.cell.is_empty() {
                        self.cell.push(text);
                        self.cells.push(std::mem::take(&mut self.cell));
                    }
                    let tap = para.and_then(|p| p.tap);
                    self.rows.push(Row {
                        cells: std::mem::take(&mut self.cells),
                        tap,
                    });
                } else {
                    self.cell.push(text);
                    self.cells.push(std::mem::take(&mut self.cell));
                    self.after_cell_mark = true;
                }
            }
            _ if hidden => {}
            '\u{b}' | '\u{c}' => self.para.push('\n'),
            '\t' => self.para.push(' '),
            '\u{1e}' => self.para.push('-'),
            // Soft hyphens, object anchors, footnote marks and other controls;
            // symbol fonts' private-use glyphs have no text.
            '\0'..='\u{1f}' | '\u{e000}'..='\u{f8ff}' => {}
            _ => self.para.push(c),
        }
    }

    fn finish(mut self) -> String {
        if !self.para.is_empty() {
            let text = std::mem::take(&mut self.para);
            if !self.cells.is_empty() || !self.cell.is_empty() {
                self.cell.push(text);
            } else {
                self.end_table();
                self.out.push_str(&text);
                self.out.push('\n');
            }
        }
        self.end_table();
        self.out
    }

    /// Writes the open table (a truncated one keeps what it had).
    fn end_table(&mut self) {
        if !self.cell.is_empty() {
            self.cells.push(std::mem::take(&mut self.cell));
        }
        if !self.cells.is_empty() {
            self.rows.push(Row {
                cells: std::mem::take(&mut self.cells),
                tap: None,
            });
        }
        let rows = std::mem::take(&mut self.rows);
        if rows.is_empty() {
            return;
        }
        // A table of one column holding everything: a layout wrapper.
        if rows.iter().all(|r| r.cells.len() <= 1) {
            for para in rows.iter().flat_map(|r| r.cells.iter().flatten()) {
                self.out.push_str(para);
                self.out.push('\n');
            }
            return;
        }
        grid::push_rows(&table_grid(&rows), &mut self.out);
    }
}

/// A paragraph's text after the number Word draws before it.
fn labelled(para: &Option<Para>, text: String) -> String {
    match para.as_ref().and_then(|p| p.label.as_deref()) {
        Some(label) => format!("{label}{text}"),
        None => text,
    }
}

/// A cell's paragraphs on one line.
fn flat(cell: &[String]) -> String {
    let parts: Vec<String> = cell
        .iter()
        .map(|p| p.replace('\n', " "))
        .filter(|p| !p.trim().is_empty())
        .collect();
    grid::cell_text(&parts.join(" "))
}

/// The table's grid: each row's cells placed on the grid lines all the
/// table's rows' edges make; a vertically merged cell repeats the text above.
fn table_grid(rows: &[Row]) -> Vec<GridRow> {
    // A row's TAP counts when it describes as many cells as the row has.
    fn tap(r: &Row) -> Option<&Tap> {
        r.tap.as_ref().filter(|t| {
            t.edges.len() == r.cells.len() + 1 && t.edges.windows(2).all(|w| w[0] <= w[1])
        })
    }
    let mut lines: Vec<i32> = rows
        .iter()
        .filter_map(tap)
        .flat_map(|t| t.edges.iter().copied())
        .collect();
    lines.sort_unstable();
    lines.dedup_by(|b, a| *b - *a <= EDGE_TOLERANCE);
    let spanned = lines.len() <= MAX_COLUMNS + 1;
    // The grid line nearest an edge.
    let line = |x: i32| match lines.binary_search(&x) {
        Ok(i) => i,
        Err(i) => {
            if i > 0 && (i == lines.len() || x - lines[i - 1] <= lines[i] - x) {
                i - 1
            } else {
                i
            }
        }
    };
    let mut grid: Vec<GridRow> = Vec::with_capacity(rows.len());
    let mut copied = 0usize;
    for row in rows {
        let tap = tap(row).filter(|_| spanned);
        let mut out: GridRow = Vec::new();
        if let Some(t) = tap {
            out.extend(std::iter::repeat_n(Some(String::new()), line(t.edges[0])));
        }
        for (k, cell) in row.cells.iter().enumerate() {
            let col = out.len();
            let (span, vm, hmerged) = match tap {
                Some(t) => (
                    line(t.edges[k + 1]).saturating_sub(line(t.edges[k])).max(1),
                    t.vmerge.get(k).copied().unwrap_or_default(),
                    t.hmerged.get(k).copied().unwrap_or(false),
                ),
                None => (1, VMerge::None, false),
            };
            if hmerged && k > 0 {
                // Old Word's horizontal merge: the cell before is wider.
                out.extend(std::iter::repeat_n(Some(String::new()), span));
                continue;
            }
            let text = match vm {
                VMerge::Continue => {
                    let above = grid
                        .last()
                        .and_then(|above| above.get(col).cloned().flatten())
                        .unwrap_or_default();
                    // Text copied down is capped as read text is.
                    copied += above.len();
                    if copied > MAX_TEXT_BYTES {
                        String::new()
                    } else {
                        above
                    }
                }
                _ => flat(cell),
            };
            for dc in 0..span {
                if out.len() >= MAX_COLUMNS {
                    break;
                }
                out.push(Some(if dc == 0 { text.clone() } else { String::new() }));
            }
        }
        if let Some(t) = tap {
            let last = line(*t.edges.last().unwrap_or(&0));
            let after = lines.len().saturating_sub(1).saturating_sub(last);
            let room = MAX_COLUMNS.saturating_sub(out.len());
            out.extend(std::iter::repeat_n(Some(String::new()), after.min(room)));
        }
        grid.push(out);
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn fixture(name: &str) -> Vec<u8> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/");
        std::fs::read(format!("{dir}{name}")).unwrap()
    }

    /// A compound file holding these streams.
    fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
        let mut cfb = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        for (name, bytes) in streams {
            cfb.create_stream(name).unwrap().write_all(bytes).unwrap();
        }
        cfb.flush().unwrap();
        cfb.into_inner().into_inner()
    }

    /// The streams of a compound file, by name.
    fn streams(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
        let names: Vec<String> = cfb
            .walk()
            .filter(|e| e.is_stream())
            .map(|e| e.path().to_string_lossy().into_owned())
            .collect();
        names
            .into_iter()
            .map(|n| {
                let mut data = Vec::new();
                cfb.open_stream(&n).unwrap().read_to_end(&mut data).unwrap();
                (n, data)
            })
            .collect()
    }

    /// A CLX of one piece table: each piece (cp, cp_end, raw fc with its
    /// fCompressed bit).
    fn clx(pieces: &[(u32, u32, u32)]) -> Vec<u8> {
        let mut plc = Vec::new();
        for (cp, _, _) in pieces {
            plc.extend(cp.to_le_bytes());
        }
        plc.extend(pieces.last().map_or(0u32, |p| p.1).to_le_bytes());
        for (_, _, fc) in pieces {
            plc.extend([0, 0]);
            plc.extend(fc.to_le_bytes());
            plc.extend([0, 0]);
        }
        let mut out = vec![2];
        out.extend((plc.len() as u32).to_le_bytes());
        out.extend(plc);
        out
    }

    /// The streams of a .doc: its pieces of text (compressed, i.e. CP1252,
    /// or UTF-16), and the grpprl of each paragraph (by its mark's index
    /// among the marks), or no paragraph properties at all.
    fn parts(pieces: &[(&str, bool)], papx: Option<&dyn Fn(usize) -> Vec<u8>>) -> [Vec<u8>; 2] {
        let mut word = vec![0u8; 1024];
        let mut placed = Vec::new();
        let mut marks = Vec::new();
        let mut cp = 0u32;
        for (text, compressed) in pieces {
            if !word.len().is_multiple_of(2) {
                word.push(0);
            }
            let fc = word.len();
            let start = cp;
            for c in text.chars() {
                let at = word.len();
                if *compressed {
                    word.push(c as u8);
                } else {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        word.extend(u.to_le_bytes());
                    }
                }
                if matches!(c, '\r' | '\u{7}') {
                    marks.push((at, word.len()));
                }
                cp += c.len_utf16() as u32;
            }
            let raw = if *compressed {
                (2 * fc as u32) | 0x4000_0000
            } else {
                fc as u32
            };
            placed.push((start, cp, raw));
        }
        let mut table = clx(&placed);
        let clx_len = table.len();
        let mut plc_len = 0;
        if let Some(props) = papx {
            // One FKP page a paragraph.
            let (mut fcs, mut pns) = (vec![1024u32], Vec::new());
            let mut start = 1024usize;
            for (k, &(_, end)) in marks.iter().enumerate() {
                word.resize(word.len().next_multiple_of(512), 0);
                let mut page = [0u8; 512];
                page[..4].copy_from_slice(&(start as u32).to_le_bytes());
                page[4..8].copy_from_slice(&(end as u32).to_le_bytes());
                page[8] = 128;
                let mut papx = vec![0, 0];
                papx.extend(props(k));
                if !papx.len().is_multiple_of(2) {
                    page[256] = papx.len().div_ceil(2) as u8;
                    page[257..257 + papx.len()].copy_from_slice(&papx);
                } else {
                    page[257] = (papx.len() / 2) as u8;
                    page[258..258 + papx.len()].copy_from_slice(&papx);
                }
                page[511] = 1;
                pns.push((word.len() / 512) as u32);
                word.extend(page);
                fcs.push(end as u32);
                start = end;
            }
            for v in fcs.iter().chain(&pns) {
                table.extend(v.to_le_bytes());
            }
            plc_len = table.len() - clx_len;
        }
        // The FIB: FibBase, 14 words, 22 longs, 93 (fc, lcb) pairs.
        word[..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
        word[0x0A..0x0C].copy_from_slice(&0x0200u16.to_le_bytes());
        word[32] = 14;
        word[62] = 22;
        word[76..80].copy_from_slice(&cp.to_le_bytes());
        word[152] = 93;
        let pair = |word: &mut Vec<u8>, i: usize, fc: usize, lcb: usize| {
            let at = 154 + 8 * i;
            word[at..at + 4].copy_from_slice(&(fc as u32).to_le_bytes());
            word[at + 4..at + 8].copy_from_slice(&(lcb as u32).to_le_bytes());
        };
        pair(&mut word, FC_CLX, 0, clx_len);
        pair(&mut word, FC_PLCF_BTE_PAPX, clx_len, plc_len);
        [word, table]
    }

    fn doc(pieces: &[(&str, bool)], papx: Option<&dyn Fn(usize) -> Vec<u8>>) -> Vec<u8> {
        let [word, table] = parts(pieces, papx);
        compound(&[("WordDocument", &word), ("1Table", &table)])
    }

    fn text(pieces: &[(&str, bool)], papx: Option<&dyn Fn(usize) -> Vec<u8>>) -> String {
        to_text(&doc(pieces, papx)).unwrap()
    }

    const IN_TABLE: [u8; 3] = [0x16, 0x24, 1];
    const TTP: [u8; 3] = [0x17, 0x24, 1];

    /// sprmTDefTable for cells with these edges and TC80 vertMerge bits.
    fn def_table(edges: &[i16], vmerge: &[u8]) -> Vec<u8> {
        let mut rest = vec![vmerge.len() as u8];
        for e in edges {
            rest.extend(e.to_le_bytes());
        }
        for &m in vmerge {
            let mut tc = [0u8; 20];
            tc[..2].copy_from_slice(&(u16::from(m) << 5).to_le_bytes());
            rest.extend(tc);
        }
        let mut out = 0xD608u16.to_le_bytes().to_vec();
        out.extend(((rest.len() + 1) as u16).to_le_bytes());
        out.extend(rest);
        out
    }

    #[test]
    fn the_fixture_reads_as_its_docx_does() {
        let doc = to_text(&fixture("doc_2023.doc")).unwrap();
        let docx = crate::parse::docx::to_text(&fixture("docx_2023.docx")).unwrap();
        assert_eq!(doc, docx);
    }

    #[test]
    fn pieces_in_utf16_and_in_cp1252() {
        let t = text(
            &[
                ("一、总体情况\r", false),
                ("Plain \u{93}text\u{94}\r", true),
            ],
            None,
        );
        assert_eq!(t, "一、总体情况\nPlain “text”\n");
        assert_eq!(cp1252(0x80), '€');
        assert_eq!(cp1252(b'A'), 'A');
        assert_eq!(cp1252(0xE9), 'é');
    }

    #[test]
    fn only_the_main_document_is_read() {
        let [mut word, table] = parts(&[("正文\r脚注\r", false)], None);
        // ccpText: the first paragraph only; what follows is a footnote's.
        word[76..80].copy_from_slice(&3u32.to_le_bytes());
        let bytes = compound(&[("WordDocument", &word), ("1Table", &table)]);
        assert_eq!(to_text(&bytes).unwrap(), "正文\n");
    }

    #[test]
    fn fields_keep_their_result_only() {
        let t = text(
            &[(
                "见\u{13} HYPERLINK \"http://x\" \u{14}网站\u{15}。\r\
                 第\u{13} IF \u{13} PAGE \u{14}1\u{15} = 1 \u{14}一\u{15}页\r\
                 \u{13} PAGE \u{15}无结果\r",
                false,
            )],
            None,
        );
        assert_eq!(t, "见网站。\n第一页\n无结果\n");
    }

    #[test]
    fn special_characters() {
        let t = text(
            &[("a\tb\u{b}c\u{c}d\u{1e}e\u{1f}f\u{1}\u{8}g\u{f020}\r", false)],
            None,
        );
        assert_eq!(t, "a b\nc\nd-efg\n");
    }

    #[test]
    fn rows_end_at_the_table_terminating_paragraph() {
        // Row 2's last cell is empty: two 0x07 in a row that do not end it.
        let props = |k: usize| match k {
            2 => [&TTP[..], &IN_TABLE, &def_table(&[0, 100, 200], &[0, 0])].concat(),
            5 => [&TTP[..], &IN_TABLE, &def_table(&[0, 100, 200], &[0, 0])].concat(),
            0..=5 => IN_TABLE.to_vec(),
            _ => Vec::new(),
        };
        let t = text(
            &[("a\u{7}b\u{7}\u{7}c\u{7}\u{7}\u{7}after\r", false)],
            Some(&props),
        );
        assert_eq!(t, "| a | b |\n| c |  |\n\nafter\n");
    }

    #[test]
    fn a_cell_of_several_paragraphs_is_one_cell() {
        let props = |k: usize| match k {
            3 => [&TTP[..], &IN_TABLE].concat(),
            0..=3 => IN_TABLE.to_vec(),
            _ => Vec::new(),
        };
        let t = text(&[("前\r一\r二\u{7}三\u{7}\u{7}后\r", false)], Some(&props));
        // The paragraph before the table is its own; 一 and 二 share a cell.
        let props_before = |k: usize| match k {
            0 => Vec::new(),
            _ => props(k),
        };
        let t2 = text(
            &[("前\r一\r二\u{7}三\u{7}\u{7}后\r", false)],
            Some(&props_before),
        );
        assert_eq!(t, "| 前 一 二 | 三 |\n|  |\n\n后\n");
        assert_eq!(t2, "前\n| 一 二 | 三 |\n|  |\n\n后\n");
    }

    #[test]
    fn without_paragraph_properties_a_row_ends_at_a_second_cell_mark() {
        let t = text(
            &[("表前\ra\u{7}b\u{7}\u{7}c\u{7}d\u{7}\u{7}表后\r", false)],
            None,
        );
        assert_eq!(t, "表前\n| a | b |\n| c | d |\n\n表后\n");
    }

    #[test]
    fn merged_cells_are_expanded_to_the_grid() {
        // Row 1: a cell as wide as two; row 2: two cells, the first merged
        // down from row 3's label; row 3 continues it.
        let props = |k: usize| match k {
            1 => [&TTP[..], &IN_TABLE, &def_table(&[0, 200], &[0])].concat(),
            4 => [&TTP[..], &IN_TABLE, &def_table(&[0, 100, 200], &[3, 0])].concat(),
            7 => [&TTP[..], &IN_TABLE, &def_table(&[0, 100, 200], &[1, 0])].concat(),
            _ => IN_TABLE.to_vec(),
        };
        let t = text(
            &[("宽\u{7}\u{7}标签\u{7}1\u{7}\u{7}\u{7}2\u{7}\u{7}", false)],
            Some(&props),
        );
        assert_eq!(t, "| 宽 |  |\n| 标签 | 1 |\n| 标签 | 2 |\n\n");
    }

    #[test]
    fn huge_papx_in_the_data_stream() {
        let mut data = vec![0u8; 16];
        let grpprl = [&TTP[..], &IN_TABLE].concat();
        data.extend((grpprl.len() as u16).to_le_bytes());
        data.extend(&grpprl);
        // Row 1's TTP is in the Data stream, row 2's in its FKP.
        let props = |k: usize| match k {
            2 => [0x46, 0x66, 16, 0, 0, 0].to_vec(),
            5 => [&TTP[..], &IN_TABLE].concat(),
            _ => IN_TABLE.to_vec(),
        };
        let [word, table] = parts(
            &[("a\u{7}x\u{7}\u{7}b\u{7}y\u{7}\u{7}", false)],
            Some(&props),
        );
        let bytes = compound(&[("WordDocument", &word), ("1Table", &table), ("Data", &data)]);
        assert_eq!(to_text(&bytes).unwrap(), "| a | x |\n| b | y |\n\n");
    }

    #[test]
    fn sprms_stop_at_a_cut_operand() {
        let all: Vec<u16> = sprms(&[0x16, 0x24, 1, 0x49, 0x66, 1, 0])
            .map(|(s, _)| s)
            .collect();
        assert_eq!(all, [0x2416]);
        assert_eq!(sprms(&[0x08, 0xD6, 0xFF, 0xFF, 1]).count(), 0);
    }

    #[test]
    fn other_compound_files_are_not_word_documents() {
        let xls = compound(&[("Workbook", b"\x09\x08")]);
        let err = to_text(&xls).unwrap_err();
        assert!(err.contains("not a Word document"), "{err}");
        let [word, _] = parts(&[("a\r", false)], None);
        let err = to_text(&compound(&[("WordDocument", &word)])).unwrap_err();
        assert!(err.contains("no 1Table stream"), "{err}");
        let err = to_text(&compound(&[("WordDocument", b"\xEC\xA5")])).unwrap_err();
        assert!(err.contains("too short"), "{err}");
    }

    #[test]
    fn encrypted_and_old_documents_say_so() {
        let [mut word, table] = parts(&[("a\r", false)], None);
        word[0x0A] = 0x00;
        word[0x0B] = 0x03;
        let err = to_text(&compound(&[("WordDocument", &word), ("1Table", &table)])).unwrap_err();
        assert!(err.contains("encrypted Word document"), "{err}");
        word[..2].copy_from_slice(&0xA5DCu16.to_le_bytes());
        let err = to_text(&compound(&[("WordDocument", &word), ("1Table", &table)])).unwrap_err();
        assert!(err.contains("Word 6/95"), "{err}");
    }

    #[test]
    fn bogus_offsets_are_errors() {
        let [word, table] = parts(&[("正文\r", false)], None);
        // The FIB points at the whole table stream as the CLX.
        let with = |word: &[u8], table: &[u8]| {
            let mut word = word.to_vec();
            let at = 158 + 8 * FC_CLX;
            word[at..at + 4].copy_from_slice(&(table.len() as u32).to_le_bytes());
            to_text(&compound(&[("WordDocument", &word), ("1Table", table)])).unwrap_err()
        };
        // The CLX past the table stream.
        let mut w = word.clone();
        w[154 + 8 * FC_CLX..158 + 8 * FC_CLX].copy_from_slice(&0x7FFF_FFF0u32.to_le_bytes());
        let err = to_text(&compound(&[("WordDocument", &w), ("1Table", &table)])).unwrap_err();
        assert!(err.contains("no piece table"), "{err}");
        // A piece past WordDocument, and a huge ccpText with it.
        let mut w = word.clone();
        w[76..80].copy_from_slice(&u32::MAX.to_le_bytes());
        let t = clx(&[(0, 0x7FFF_FFFF, 2000)]);
        assert!(with(&w, &t).contains("past the end"));
        // A piece table out of order, one of a bad size, a bad CLX entry.
        assert!(with(&word, &clx(&[(5, 2, 1024)])).contains("out of order"));
        let mut t = clx(&[(0, 3, 1024)]);
        t[1] += 1;
        t.push(0);
        assert!(with(&word, &t).contains("piece table of"));
        assert!(with(&word, &[7u8; 20]).contains("CLX entry"));
        assert!(with(&word, &[1u8, 0xFF, 0x7F]).contains("CLX cut short"));
    }

    #[test]
    fn paragraph_properties_out_of_range_are_ignored() {
        let props = |_: usize| IN_TABLE.to_vec();
        let [word, table] = parts(&[("a\u{7}b\u{7}\u{7}", false)], Some(&props));
        // Every FKP page number past the stream: no properties, the fallback.
        let clx_len = u32_at(&word, 154 + 8 * FC_CLX + 4).unwrap() as usize;
        let mut table = table;
        let n = (table.len() - clx_len - 4) / 8;
        for i in 0..n {
            let at = clx_len + 4 * (n + 1) + 4 * i;
            table[at..at + 4].copy_from_slice(&0x3F_FFFFu32.to_le_bytes());
        }
        let t = to_text(&compound(&[("WordDocument", &word), ("1Table", &table)])).unwrap();
        assert_eq!(t, "| a | b |\n\n");
    }

    #[test]
    fn repeated_pieces_hit_the_text_cap() {
        let [word, _] = parts(&[("报告正文。\r", false)], None);
        // A thousand pieces all over the same bytes.
        let pieces: Vec<(u32, u32, u32)> = (0..1000).map(|i| (6 * i, 6 * (i + 1), 1024)).collect();
        let mut w = word;
        w[76..80].copy_from_slice(&6000u32.to_le_bytes());
        let t = clx(&pieces);
        w[158 + 8 * FC_CLX..162 + 8 * FC_CLX].copy_from_slice(&(t.len() as u32).to_le_bytes());
        let bytes = compound(&[("WordDocument", &w), ("1Table", &t)]);
        assert_eq!(to_text(&bytes).unwrap().lines().count(), 1000);
        let err = to_text_capped(&bytes, 10_000).unwrap_err();
        assert!(err.contains("text longer than"), "{err}");
    }

    #[test]
    fn a_truncated_file_is_an_error() {
        let bytes = fixture("doc_2023.doc");
        for cut in (0..bytes.len()).step_by(509) {
            // An error or a text, never a panic.
            let _ = to_text(&bytes[..cut]);
        }
        let err = to_text(&bytes[..bytes.len() / 2]).unwrap_err();
        assert!(err.contains(".doc"), "{err}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, .. Default::default() })]

        /// The fixture's streams with bytes overwritten anywhere (the FIB,
        /// the piece table, FKPs, lists), packed again: a text or an error.
        #[test]
        fn mutated_streams_never_panic(
            which in 0usize..3,
            edits in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), proptest::prelude::any::<u8>()), 1..16),
        ) {
            let mut parts = streams(&fixture("doc_2023.doc"));
            let names = ["/WordDocument", "/1Table", "/Data"];
            if let Some((_, data)) = parts.iter_mut().find(|(n, _)| n == names[which]) {
                for (at, b) in &edits {
                    let i = at.index(data.len());
                    data[i] = *b;
                }
            }
            let parts: Vec<(&str, &[u8])> =
                parts.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
            let _ = to_text(&compound(&parts));
        }
    }
}
