//! A Word document (.docx, Office Open XML) → text lines, as `html` does for a
//! page: paragraphs become lines, tables become `|` rows with their merged
//! cells expanded to the table's grid (`w:gridSpan`, `w:vMerge`,
//! `w:gridBefore`/`w:gridAfter`), and list numbering Word draws itself
//! (`w:numPr` — "一、" is often not in the text) is written out, so the
//! section detector sees the heading as the reader does.
//!
//! Read: body paragraphs and runs (`w:t`, `w:tab`, `w:br`, `w:cr`, `w:sym`,
//! `w:noBreakHyphen`), tables (nested ones flattened into their cell; a
//! one-column layout table that wraps content is unwrapped), text boxes
//! (`w:txbxContent`, the `mc:Choice` only, not its `mc:Fallback` copy),
//! content controls (`w:sdt`), inserted revisions. Not read: deleted or moved-
//! away revisions, field codes, headers, footers, footnotes, comments.
//!
//! Hostile files are bounded: the package's parts are read up to a size cap
//! whatever their headers claim (a zip bomb stops there), XML nesting is
//! capped, and every failure is an error, never a panic.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::grid::{self, GridRow};
use super::sections;

/// The most bytes one XML part may decompress to. The largest real reports
/// seen are a few MB of document.xml.
const MAX_PART_BYTES: u64 = 64 << 20;
/// Entries in the package: Word writes a dozen or two.
const MAX_ENTRIES: usize = 10_000;
/// XML elements open at once; real documents stay under 30.
const MAX_DEPTH: usize = 256;
/// Columns a row or a span may claim; larger values in broken files are clamped.
const MAX_COLUMNS: usize = 64;

/// Whether `bytes` is a zip package holding a Word document.
pub fn looks_like_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && memchr::memmem::find(bytes, b"word/document").is_some()
}

/// The text of a .docx, or why it cannot be read.
pub fn to_text(bytes: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable .docx (zip: {e})"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!("not a readable .docx ({} zip entries)", zip.len()));
    }
    let document =
        part(&mut zip, "word/document.xml")?.ok_or("not a Word document (no word/document.xml)")?;
    let numbering = match part(&mut zip, "word/numbering.xml")? {
        Some(xml) => Numbering::read(&xml)?,
        None => Numbering::default(),
    };
    let styles = match part(&mut zip, "word/styles.xml")? {
        Some(xml) => Styles::read(&xml)?,
        None => Styles::default(),
    };
    Walker::new(&numbering, &styles).run(&document)
}

/// One part of the package as text, `None` when absent; capped in size.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("not a readable .docx ({name}: {e})")),
    };
    if file.size() > MAX_PART_BYTES {
        return Err(too_large(name));
    }
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("not a readable .docx ({name}: {e})"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(too_large(name));
    }
    // Parts are UTF-8 (a UTF-8 BOM is allowed); UTF-16 parts are not seen in practice.
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("not a readable .docx ({name} is not UTF-8)"))
}

fn too_large(name: &str) -> String {
    format!(
        "not a readable .docx ({name} decompresses to more than {} MB)",
        MAX_PART_BYTES >> 20
    )
}

fn xml_error(e: impl std::fmt::Display) -> String {
    format!("not a readable .docx (XML: {e})")
}

/// An attribute's value by its qualified name (`w:val`), entities resolved.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    Some(
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_or_else(|_| a.value.to_string(), |v| v.into_owned()),
    )
}

fn attr_number(e: &BytesStart, name: &str) -> Option<usize> {
    attr(e, name)?.trim().parse().ok()
}

/// Reads every event of `xml`, with nesting capped; `each(event, depth)`.
fn for_each_event<'x>(
    xml: &'x str,
    mut each: impl FnMut(&Event<'x>, usize) -> Result<(), String>,
) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(xml_error)?;
        match &event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(format!(
                        "not a readable .docx (XML nested more than {MAX_DEPTH} deep)"
                    ));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        each(&event, depth)?;
        if matches!(event, Event::End(_)) {
            depth = depth.saturating_sub(1);
        }
    }
}

// ---------------------------------------------------------------------------
// Numbering: what Word draws before a numbered paragraph.

/// One level of a list: its number format, its text (`%1、`), its start.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: usize,
}

#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → its nine levels.
    abstract_levels: HashMap<String, Vec<Level>>,
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
}

impl Numbering {
    fn read(xml: &str) -> Result<Numbering, String> {
        let mut n = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        for_each_event(xml, |event, _| {
            match event {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    "w:abstractNum" => abstract_id = attr(e, "w:abstractNumId"),
                    "w:num" => num_id = attr(e, "w:numId"),
                    "w:abstractNumId" => {
                        if let (Some(num), Some(a)) = (&num_id, attr(e, "w:val")) {
                            n.nums.insert(num.clone(), a);
                        }
                    }
                    "w:lvl" => {
                        level = attr_number(e, "w:ilvl").filter(|&l| l < 9).map(|l| {
                            (
                                l,
                                Level {
                                    start: 1,
                                    ..Level::default()
                                },
                            )
                        })
                    }
                    "w:numFmt" => {
                        if let Some((_, l)) = &mut level {
                            l.format = attr(e, "w:val").unwrap_or_default();
                        }
                    }
                    "w:lvlText" => {
                        if let Some((_, l)) = &mut level {
                            l.text = attr(e, "w:val").unwrap_or_default();
                        }
                    }
                    "w:start" => {
                        if let Some((_, l)) = &mut level {
                            l.start = attr_number(e, "w:val").unwrap_or(1);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.name().as_ref() {
                    "w:lvl" => {
                        if let (Some(a), Some((i, l))) = (&abstract_id, level.take()) {
                            let levels = n.abstract_levels.entry(a.clone()).or_default();
                            if levels.len() <= i {
                                levels.resize(i + 1, Level::default());
                            }
                            levels[i] = l;
                        }
                    }
                    "w:abstractNum" => abstract_id = None,
                    "w:num" => num_id = None,
                    _ => {}
                },
                _ => {}
            }
            Ok(())
        })?;
        Ok(n)
    }

    fn levels(&self, num_id: &str) -> Option<&[Level]> {
        let a = self.nums.get(num_id)?;
        self.abstract_levels.get(a).map(Vec::as_slice)
    }
}

/// Counters of the lists met so far, per list (`w:num`), as Word keeps them.
#[derive(Default)]
struct Counters(HashMap<String, [usize; 9]>);

impl Counters {
    /// The label of the next paragraph of list `num_id` at level `ilvl`.
    fn next(&mut self, numbering: &Numbering, num_id: &str, ilvl: usize) -> Option<String> {
        let levels = numbering.levels(num_id)?;
        let level = levels.get(ilvl)?;
        // Each w:num is a list of its own, with its own counters.
        let counts = self.0.entry(num_id.to_string()).or_insert([0; 9]);
        counts[ilvl] = if counts[ilvl] == 0 {
            level.start.max(1)
        } else {
            counts[ilvl] + 1
        };
        // A level restarts whenever a level above it advances.
        for c in counts.iter_mut().skip(ilvl + 1) {
            *c = 0;
        }
        if level.format == "none" || level.format == "bullet" {
            return None;
        }
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let i = d as usize - 1;
                    let format = levels.get(i).map_or("decimal", |l| l.format.as_str());
                    let count = if counts[i] == 0 {
                        levels.get(i).map_or(1, |l| l.start.max(1))
                    } else {
                        counts[i]
                    };
                    label.push_str(&format_number(count, format));
                }
                _ => label.push(c),
            }
        }
        Some(label)
    }
}

/// A list number in one of Word's number formats (ST_NumberFormat).
pub(super) fn format_number(n: usize, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "ideographDigital"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(n, format == "ideographDigital"),
        "ideographTraditional" => {
            const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
            STEMS[(n.max(1) - 1) % 10].to_string()
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n as u32 - 1).map_or(n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n as u32 - 1).map_or(n.to_string(), String::from)
        }
        "lowerLetter" | "upperLetter" => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            let letter = (base + ((n.max(1) - 1) % 26) as u8) as char;
            letter.to_string().repeat((n.max(1) - 1) / 26 + 1)
        }
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (`digits`: 一〇五).
fn chinese(n: usize, digits: bool) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if digits || n >= 10_000 {
        return n
            .to_string()
            .chars()
            .map(|c| D[c as usize - '0' as usize])
            .collect();
    }
    if n == 0 {
        return "〇".into();
    }
    let units = [(1000, '千'), (100, '百'), (10, '十')];
    let mut out = String::new();
    let mut rest = n;
    let mut zero = false;
    for (value, unit) in units {
        let d = rest / value;
        rest %= value;
        if d > 0 {
            if zero {
                out.push('零');
                zero = false;
            }
            // 十二, not 一十二, at the start.
            if !(value == 10 && d == 1 && out.is_empty()) {
                out.push(D[d]);
            }
            out.push(unit);
        } else if !out.is_empty() {
            zero = true;
        }
    }
    if rest > 0 {
        if zero {
            out.push('零');
        }
        out.push(D[rest]);
    }
    out
}

fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, s) in TABLE {
        while n >= value {
            out.push_str(s);
            n -= value;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Styles: a heading style's own numbering.

/// A list and its level: (numId, ilvl).
type ListLevel = (String, usize);

#[derive(Debug, Default)]
struct Styles {
    /// styleId → its own list level, if any, and the style it is based on.
    numbering: HashMap<String, (Option<ListLevel>, Option<String>)>,
    /// styleIds of headings: an outline level (`w:outlineLvl`) of 0 or 1,
    /// or a name such as "heading 1" or "标题 1", in the style or one it is
    /// based on.
    headings: std::collections::HashSet<String>,
}

impl Styles {
    fn read(xml: &str) -> Result<Styles, String> {
        let mut s = Styles::default();
        let mut current: Option<String> = None;
        let (mut num_id, mut ilvl, mut based_on) = (None, None, None);
        let mut is_heading = false;
        for_each_event(xml, |event, _| {
            match event {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    "w:style" => {
                        current = attr(e, "w:styleId");
                        (num_id, ilvl, based_on) = (None, None, None);
                        is_heading = false;
                    }
                    "w:outlineLvl" => is_heading |= attr_number(e, "w:val").is_some_and(|l| l <= 1),
                    "w:name" => {
                        let name = attr(e, "w:val").unwrap_or_default().to_lowercase();
                        is_heading |= ["heading 1", "heading 2", "标题 1", "标题 2", "title"]
                            .contains(&name.as_str());
                    }
                    "w:numId" => num_id = attr(e, "w:val"),
                    "w:ilvl" => ilvl = attr_number(e, "w:val"),
                    "w:basedOn" => based_on = attr(e, "w:val"),
                    _ => {}
                },
                Event::End(e) if e.name().as_ref() == "w:style" => {
                    if let Some(id) = current.take() {
                        if is_heading {
                            s.headings.insert(id.clone());
                        }
                        let num = num_id.take().map(|n| (n, ilvl.take().unwrap_or(0)));
                        s.numbering.insert(id, (num, based_on.take()));
                    }
                }
                _ => {}
            }
            Ok(())
        })?;
        Ok(s)
    }

    /// Whether a paragraph of `style` is a heading, through its `basedOn` chain.
    fn is_heading(&self, style: &str) -> bool {
        let mut id = style;
        for _ in 0..16 {
            if self.headings.contains(id) {
                return true;
            }
            match self.numbering.get(id) {
                Some((_, Some(based_on))) => id = based_on,
                _ => return false,
            }
        }
        false
    }

    /// The numbering a paragraph of `style` has, through its `basedOn` chain.
    fn numbering_of(&self, style: &str) -> Option<ListLevel> {
        let mut id = style;
        for _ in 0..16 {
            let (num, based_on) = self.numbering.get(id)?;
            if let Some(num) = num {
                return Some(num.clone());
            }
            id = based_on.as_deref()?;
        }
        None
    }
}

// ---------------------------------------------------------------------------
// The document body.

/// Where a paragraph's or a table's text goes when it ends.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
enum Target {
    #[default]
    Out,
    /// The open cell of the table at this depth of the table stack.
    Cell(usize),
}

#[derive(Default)]
struct Paragraph {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
    /// An outline level of 0 or 1 set on the paragraph itself.
    outline_heading: bool,
    target: Target,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

struct Cell {
    /// The cell's text on one line, as a grid cell.
    flat: String,
    /// The cell's content as lines, for a layout table that is unwrapped.
    block: String,
    span: usize,
    vmerge: VMerge,
}

#[derive(Default)]
struct Row {
    cells: Vec<Cell>,
    before: usize,
    after: usize,
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
    row: Option<Row>,
    cell: Option<Cell>,
    target: Target,
}

impl Table {
    /// The grid, spans expanded: a vertically merged cell repeats the text
    /// of the cell that starts the merge.
    fn grid(&self) -> Vec<GridRow> {
        let mut grid: Vec<GridRow> = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            let mut line: GridRow = vec![Some(String::new()); row.before.min(MAX_COLUMNS)];
            for cell in &row.cells {
                let col = line.len();
                let text = match cell.vmerge {
                    VMerge::Continue => grid
                        .last()
                        .and_then(|above| above.get(col).cloned().flatten())
                        .unwrap_or_default(),
                    _ => grid::cell_text(&cell.flat),
                };
                for dc in 0..cell.span.clamp(1, MAX_COLUMNS) {
                    if line.len() >= MAX_COLUMNS {
                        break;
                    }
                    line.push(Some(if dc == 0 { text.clone() } else { String::new() }));
                }
            }
            let after = row.after.min(MAX_COLUMNS.saturating_sub(line.len()));
            line.extend(std::iter::repeat_n(Some(String::new()), after));
            grid.push(line);
        }
        grid
    }

    /// A table of one column holding everything: a layout wrapper.
    fn is_wrapper(&self) -> bool {
        !self.rows.is_empty()
            && self
                .rows
                .iter()
                .all(|r| r.cells.len() <= 1 && r.before + r.after == 0)
    }

    /// (its text on one line, its text as lines).
    fn render(&self) -> (String, String) {
        let flat: Vec<&str> = self
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| c.flat.trim()))
            .filter(|t| !t.is_empty())
            .collect();
        let mut block = String::new();
        if self.is_wrapper() {
            for cell in self.rows.iter().flat_map(|r| &r.cells) {
                block.push_str(&cell.block);
            }
        } else {
            grid::push_rows(&self.grid(), &mut block);
        }
        (flat.join(" "), block)
    }
}

struct Walker<'a> {
    numbering: &'a Numbering,
    styles: &'a Styles,
    counters: Counters,
    out: String,
    paragraphs: Vec<Paragraph>,
    tables: Vec<Table>,
    /// Depth of an element whose whole content is skipped.
    skip_from: Option<usize>,
    in_text: bool,
    in_paragraph_properties: bool,
}

/// Elements whose content is not the document's text.
const SKIPPED: &[&str] = &[
    "w:del",
    "w:moveFrom",
    "mc:Fallback",
    "w:instrText",
    "w:delText",
    "w:rPr",
    "w:sectPr",
    "w:tblPr",
    "w:commentReference",
];

impl<'a> Walker<'a> {
    fn new(numbering: &'a Numbering, styles: &'a Styles) -> Self {
        Walker {
            numbering,
            styles,
            counters: Counters::default(),
            out: String::new(),
            paragraphs: Vec::new(),
            tables: Vec::new(),
            skip_from: None,
            in_text: false,
            in_paragraph_properties: false,
        }
    }

    fn run(mut self, xml: &str) -> Result<String, String> {
        for_each_event(xml, |event, depth| {
            self.event(event, depth);
            Ok(())
        })?;
        // A truncated document: keep what was read, tables included.
        while !self.tables.is_empty() {
            self.end_table();
        }
        while !self.paragraphs.is_empty() {
            self.end_paragraph();
        }
        Ok(self.out)
    }

    /// Where text that starts now belongs.
    fn target(&self) -> Target {
        match self.tables.last() {
            Some(t) if t.cell.is_some() => Target::Cell(self.tables.len() - 1),
            _ => Target::Out,
        }
    }

    fn event(&mut self, event: &Event, depth: usize) {
        if let Some(from) = self.skip_from {
            if matches!(event, Event::End(_)) && depth == from {
                self.skip_from = None;
            }
            return;
        }
        match event {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if SKIPPED.contains(&name) {
                    self.skip_from = Some(depth);
                    return;
                }
                self.start(e, name);
            }
            Event::Empty(e) => {
                let name = e.name();
                let name = name.as_ref();
                if !SKIPPED.contains(&name) {
                    self.start(e, name);
                    self.end(name);
                }
            }
            Event::End(e) => self.end(e.name().as_ref()),
            Event::Text(t) if self.in_text => {
                let text = t.xml10_content();
                self.push(&text);
            }
            Event::CData(t) if self.in_text => {
                let text = t.xml10_content();
                self.push(&text);
            }
            Event::GeneralRef(r) if self.in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.xml10_content().as_ref() {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    self.push(c.encode_utf8(&mut [0; 4]));
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, e: &BytesStart, name: &str) {
        match name {
            "w:p" => {
                let target = self.target();
                self.paragraphs.push(Paragraph {
                    target,
                    ..Paragraph::default()
                });
            }
            "w:pPr" => self.in_paragraph_properties = true,
            "w:pStyle" if self.in_paragraph_properties => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.style = attr(e, "w:val");
                }
            }
            "w:numId" if self.in_paragraph_properties => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.num_id = attr(e, "w:val");
                }
            }
            "w:ilvl" if self.in_paragraph_properties => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.ilvl = attr_number(e, "w:val");
                }
            }
            "w:outlineLvl" if self.in_paragraph_properties => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.outline_heading = attr_number(e, "w:val").is_some_and(|l| l <= 1);
                }
            }
            "w:t" => self.in_text = true,
            "w:tab" | "w:ptab" if !self.in_paragraph_properties => self.push(" "),
            "w:br" | "w:cr" => self.push("\n"),
            "w:noBreakHyphen" => self.push("-"),
            "w:sym" => {
                let c = attr(e, "w:char")
                    .and_then(|h| u32::from_str_radix(h.trim(), 16).ok())
                    .and_then(char::from_u32)
                    // Symbol-font glyphs live in the private use area: no text.
                    .filter(|c| !('\u{e000}'..='\u{f8ff}').contains(c));
                if let Some(c) = c {
                    self.push(c.encode_utf8(&mut [0; 4]));
                }
            }
            "w:tbl" => {
                let target = self.target();
                self.tables.push(Table {
                    target,
                    ..Table::default()
                });
            }
            "w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(Row::default());
                }
            }
            "w:gridBefore" | "w:gridAfter" => {
                let n = attr_number(e, "w:val").unwrap_or(0).min(MAX_COLUMNS);
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    if name == "w:gridBefore" {
                        row.before = n;
                    } else {
                        row.after = n;
                    }
                }
            }
            "w:tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(Cell {
                        flat: String::new(),
                        block: String::new(),
                        span: 1,
                        vmerge: VMerge::None,
                    });
                }
            }
            "w:gridSpan" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.span = attr_number(e, "w:val").unwrap_or(1).clamp(1, MAX_COLUMNS);
                }
            }
            // `<w:vMerge/>` with no value continues the merge (ECMA-376 §17.4.85).
            "w:vMerge" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.vmerge = match attr(e, "w:val").as_deref() {
                        Some("restart") => VMerge::Restart,
                        _ => VMerge::Continue,
                    };
                }
            }
            // Old Word's horizontal merge: a continued cell widens the one before.
            "w:hMerge" if attr(e, "w:val").as_deref() != Some("restart") => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.span = 0;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "w:p" => self.end_paragraph(),
            "w:pPr" => self.in_paragraph_properties = false,
            "w:t" => self.in_text = false,
            "w:tc" => {
                if let Some(t) = self.tables.last_mut() {
                    if let (Some(cell), Some(row)) = (t.cell.take(), t.row.as_mut()) {
                        if cell.span == 0 {
                            // hMerge continuation: one more column for the cell before.
                            if let Some(prev) = row.cells.last_mut() {
                                prev.span += 1;
                            }
                        } else {
                            row.cells.push(cell);
                        }
                    }
                }
            }
            "w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(row) = t.row.take() {
                        t.rows.push(row);
                    }
                }
            }
            "w:tbl" => self.end_table(),
            _ => {}
        }
    }

    /// Adds run text to the innermost open paragraph.
    fn push(&mut self, text: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push_str(text);
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paragraphs.pop() else {
            return;
        };
        self.in_paragraph_properties = false;
        let numbered = p
            .num_id
            .clone()
            .map(|id| (id, p.ilvl.unwrap_or(0)))
            .or_else(|| p.style.as_deref().and_then(|s| self.styles.numbering_of(s)))
            .filter(|(id, _)| id != "0");
        let label = numbered
            .and_then(|(id, ilvl)| self.counters.next(self.numbering, &id, ilvl))
            .unwrap_or_default();
        let styled = p.outline_heading
            || p.style
                .as_deref()
                .is_some_and(|s| self.styles.is_heading(s));
        // A heading by its style alone, with no number in its text or from
        // Word's numbering: marked so the section reader takes it as one.
        let text = match (label.is_empty() && styled && p.target == Target::Out)
            .then(|| sections::mark_heading(&p.text))
            .flatten()
        {
            Some(marked) => marked,
            None => format!("{label}{}", p.text),
        };
        self.deliver(p.target, &text, &format!("{text}\n"));
    }

    fn end_table(&mut self) {
        let Some(mut t) = self.tables.pop() else {
            return;
        };
        // A table cut off mid-row (a truncated file) keeps what it had.
        if let (Some(cell), Some(row)) = (t.cell.take(), t.row.as_mut()) {
            row.cells.push(cell);
        }
        if let Some(row) = t.row.take() {
            t.rows.push(row);
        }
        let (flat, block) = t.render();
        self.deliver(t.target, &flat, &block);
    }

    /// Puts a finished paragraph or table where it belongs: a line (block) of
    /// the output, or into the open cell of an enclosing table.
    fn deliver(&mut self, target: Target, flat: &str, block: &str) {
        match target {
            Target::Cell(i) => {
                if let Some(cell) = self.tables.get_mut(i).and_then(|t| t.cell.as_mut()) {
                    if !flat.trim().is_empty() {
                        if !cell.flat.is_empty() {
                            cell.flat.push(' ');
                        }
                        cell.flat.push_str(&flat.replace('\n', " "));
                    }
                    cell.block.push_str(block);
                    return;
                }
                self.out.push_str(block);
            }
            Target::Out => self.out.push_str(block),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A .docx package from its parts, stored uncompressed.
    pub(crate) fn package(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, text) in parts {
            zip.start_file(*name, options).unwrap();
            std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{inner}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
        )
    }

    fn text_of(inner: &str) -> String {
        to_text(&package(&[("word/document.xml", &body(inner))])).unwrap()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn tc(props: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
    }

    #[test]
    fn headings_by_style_or_outline_level_are_marked_by_meaning() {
        let styles = r#"<w:styles xmlns:w="w"><w:style w:styleId="2"><w:name w:val="heading 1"/></w:style><w:style w:styleId="Big"><w:basedOn w:val="2"/></w:style><w:style w:styleId="Body"><w:name w:val="Normal"/></w:style></w:styles>"#;
        let styled = |style: &str, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let outlined = |text: &str| {
            format!(
                r#"<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let doc = [
            styled("2", "存在的主要问题和改进措施"),
            styled("Big", "政府信息公开行政复议、行政诉讼情况"),
            outlined("其他需要报告的事项"),
            // A styled line that is no part of the report stays text.
            styled("2", "附：联系方式"),
            styled("Body", "存在的主要问题和改进措施"),
        ]
        .concat();
        let text = to_text(&package(&[
            ("word/document.xml", &body(&doc)),
            ("word/styles.xml", styles),
        ]))
        .unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let m = sections::HEADING_MARK;
        assert_eq!(lines[0], format!("{m}存在的主要问题和改进措施"));
        assert_eq!(lines[1], format!("{m}政府信息公开行政复议、行政诉讼情况"));
        assert_eq!(lines[2], format!("{m}其他需要报告的事项"));
        assert_eq!(lines[3], "附：联系方式");
        assert_eq!(lines[4], "存在的主要问题和改进措施");
        let h = sections::heading(lines[0]).unwrap();
        assert_eq!(h.kind, sections::HeadingKind::Part(5));
        assert_eq!(h.title, "存在的主要问题和改进措施");
    }

    #[test]
    fn paragraphs_runs_tabs_breaks_and_entities() {
        let xml = r#"<w:p><w:r><w:t>一、总体</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>情况</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">本年&amp;度</w:t><w:tab/><w:t>A</w:t><w:br/><w:t>B</w:t><w:sym w:font="Wingdings" w:char="F0B7"/><w:sym w:char="2014"/></w:r></w:p>"#;
        assert_eq!(text_of(xml), "一、总体情况\n本年&度 A\nB—\n");
    }

    #[test]
    fn deleted_revisions_field_codes_and_fallbacks_are_not_text() {
        let xml = r#"<w:p><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:r><w:instrText> PAGE </w:instrText></w:r></w:p><w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p><w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"#
            .replace("{}", &p("控件内容"));
        assert_eq!(text_of(&xml), "新\n文本框\n正文\n控件内容\n");
    }

    #[test]
    fn merged_cells_expand_to_the_grid() {
        // Row 1: a label spanning two rows (vMerge restart) and a header
        // spanning two columns; row 2: the merge continued by a bare
        // <w:vMerge/> (no value = continue), then two cells; row 3: gridBefore.
        let row1 = format!(
            "<w:tr>{}{}</w:tr>",
            tc(r#"<w:vMerge w:val="restart"/>"#, "三、本年度办理结果"),
            tc(r#"<w:gridSpan w:val="2"/>"#, "法人或其他组织")
        );
        let row2 = format!(
            "<w:tr>{}{}{}</w:tr>",
            tc("<w:vMerge/>", ""),
            tc("", "1"),
            tc("", "2")
        );
        let row3 = format!(
            r#"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{}{}</w:tr>"#,
            tc("", "3"),
            tc("", "4")
        );
        let xml = format!("<w:tbl><w:tblGrid/>{row1}{row2}{row3}</w:tbl>");
        assert_eq!(
            text_of(&xml),
            "| 三、本年度办理结果 | 法人或其他组织 |  |\n| 三、本年度办理结果 | 1 | 2 |\n|  | 3 | 4 |\n\n"
        );
    }

    #[test]
    fn cells_with_several_paragraphs_and_nested_tables_stay_one_cell() {
        let nested = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            tc("", "甲"),
            tc("", "乙")
        );
        let cell = format!("<w:tc>{}{}{nested}</w:tc>", p("商业"), p("企业"));
        let xml = format!("<w:tbl><w:tr>{cell}{}</w:tr></w:tbl>", tc("", "5"));
        assert_eq!(text_of(&xml), "| 商业 企业 甲 乙 | 5 |\n\n");
    }

    #[test]
    fn a_one_column_layout_table_is_unwrapped() {
        let inner = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            tc("", "规章"),
            tc("", "3")
        );
        let xml = format!(
            "<w:tbl><w:tr><w:tc>{}{inner}</w:tc></w:tr></w:tbl>",
            p("二、主动公开政府信息情况")
        );
        assert_eq!(text_of(&xml), "二、主动公开政府信息情况\n| 规章 | 3 |\n\n");
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#;

    #[test]
    fn word_numbering_is_written_out() {
        let numbered = |lvl: usize, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let styled = r#"<w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:r><w:t>主动公开政府信息情况</w:t></w:r></w:p>"#;
        let xml = body(&format!(
            "{}{}{}{styled}",
            numbered(0, "总体情况"),
            numbered(1, "主动公开"),
            numbered(1, "依申请公开")
        ));
        let styles = r#"<w:styles xmlns:w="w"><w:style w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style><w:style w:styleId="H1"><w:basedOn w:val="Base"/></w:style></w:styles>"#;
        let docx = package(&[
            ("word/document.xml", &xml),
            ("word/numbering.xml", NUMBERING),
            ("word/styles.xml", styles),
        ]);
        assert_eq!(
            to_text(&docx).unwrap(),
            "一、总体情况\n（一）主动公开\n（二）依申请公开\n二、主动公开政府信息情况\n"
        );
    }

    #[test]
    fn number_formats() {
        assert_eq!(chinese(1, false), "一");
        assert_eq!(chinese(10, false), "十");
        assert_eq!(chinese(12, false), "十二");
        assert_eq!(chinese(20, false), "二十");
        assert_eq!(chinese(105, false), "一百零五");
        assert_eq!(chinese(2024, true), "二〇二四");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
    }

    #[test]
    fn hostile_packages_fail_cleanly() {
        assert!(to_text(b"PK\x03\x04 truncated").is_err());
        let no_document = package(&[("word/other.xml", "<a/>")]);
        assert!(to_text(&no_document)
            .unwrap_err()
            .contains("no word/document.xml"));
        let deep = format!("{}{}", "<w:p>".repeat(5000), "</w:p>".repeat(5000));
        let deep = package(&[("word/document.xml", &body(&deep))]);
        assert!(to_text(&deep).unwrap_err().contains("nested"));
        let broken = package(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]);
        assert!(to_text(&broken).is_err());
        let mut not_utf8 = package(&[("word/document.xml", "<w:document>\u{7f}</w:document>")]);
        let at = memchr::memmem::find(&not_utf8, b"\x7f").unwrap();
        not_utf8[at] = 0xff;
        // Stored, so the byte is the part's own; the zip's CRC no longer matches.
        assert!(to_text(&not_utf8).is_err());
    }

    #[test]
    fn a_zip_bomb_stops_at_the_cap() {
        // 80 MB of zeros deflates to about 80 KB.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..80 {
            std::io::Write::write_all(&mut zip, &zeros).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 2 << 20);
        assert!(to_text(&bytes)
            .unwrap_err()
            .contains("decompresses to more than"));
    }
}
