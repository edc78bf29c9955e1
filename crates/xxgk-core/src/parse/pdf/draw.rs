//! The page content interpreter: glyphs with their positions, and the
//! straight lines tables are ruled with (path operators `m` `l` `re` `h`,
//! kept when a paint operator draws them).

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::fonts::Font;
use super::{as_dict, dict_get, name_of, number, numbers, MAX_CONTENT_BYTES};

/// Form XObjects inside form XObjects.
const MAX_FORM_DEPTH: usize = 8;
/// Operations interpreted in the whole file: a hostile file stops here.
const MAX_OPERATIONS: usize = 20_000_000;
/// Ruling lines kept on one page: a table has a few hundred.
const MAX_RULES: usize = 50_000;
/// Points of one path kept: a ruling line has two, a cell's box four.
const MAX_PATH_POINTS: usize = 4_096;

/// One glyph drawn on a page: its origin in page space, its advance and
/// the height of its font there, its text, and its baseline's direction.
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub x: f32,
    pub y: f32,
    pub advance: f32,
    pub size: f32,
    pub text: String,
    /// The baseline's direction in quarter turns (0: left to right).
    pub turn: u8,
}

/// A straight line a path drew along the page's axes, in page space: a
/// table's ruling line, or an edge of a cell's box or of a thin filled bar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rule {
    pub from: (f32, f32),
    pub to: (f32, f32),
}

/// What a page draws that the text is rebuilt from.
#[derive(Debug, Default)]
pub(super) struct Drawn {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
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

pub(super) struct PageReader<'a> {
    pub doc: &'a Document,
    /// Fonts read once per font dictionary.
    pub fonts: HashMap<usize, std::rc::Rc<Font>>,
    pub operations: usize,
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
    pub fn page(&mut self, page: ObjectId) -> Result<Drawn, String> {
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
        let mut drawn = Drawn::default();
        self.run(&content, &dicts, IDENTITY, 0, &mut drawn)?;
        Ok(drawn)
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
        drawn: &mut Drawn,
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
        let mut path = Path::default();
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
                            Object::String(s, _) => show(&state, &mut tm, s, &mut drawn.glyphs),
                            Object::Array(items) => {
                                for item in items {
                                    match item {
                                        Object::String(s, _) => {
                                            show(&state, &mut tm, s, &mut drawn.glyphs)
                                        }
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
                "m" if n.len() == 2 => path.move_to(apply(&state.ctm, get(0), get(1))),
                "l" if n.len() == 2 => path.line_to(apply(&state.ctm, get(0), get(1))),
                "h" => path.close(),
                "re" if n.len() == 4 => {
                    let (x, y, w, h) = (get(0), get(1), get(2), get(3));
                    path.move_to(apply(&state.ctm, x, y));
                    path.line_to(apply(&state.ctm, x + w, y));
                    path.line_to(apply(&state.ctm, x + w, y + h));
                    path.line_to(apply(&state.ctm, x, y + h));
                    path.close();
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    if op.operator == "s" || op.operator.starts_with('b') {
                        path.close();
                    }
                    path.paint(&mut drawn.rules);
                }
                "n" => path = Path::default(),
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(name) = op.operands.first().and_then(name_of) {
                        self.form(resources, name, &state.ctm, depth, drawn)?;
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
        drawn: &mut Drawn,
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
            return self.run(&content, &inner, multiply(&matrix, ctm), depth + 1, drawn);
        }
        Ok(())
    }
}

/// A point through a matrix.
fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// The path being built: its segments so far, kept when it is painted.
#[derive(Default)]
struct Path {
    start: Option<(f32, f32)>,
    at: Option<(f32, f32)>,
    segments: Vec<Rule>,
}

impl Path {
    fn move_to(&mut self, p: (f32, f32)) {
        self.start = Some(p);
        self.at = Some(p);
    }

    fn line_to(&mut self, p: (f32, f32)) {
        if let Some(from) = self.at {
            if self.segments.len() < MAX_PATH_POINTS {
                self.segments.push(Rule { from, to: p });
            }
        }
        self.at = Some(p);
    }

    fn close(&mut self) {
        if let (Some(start), Some(at)) = (self.start, self.at) {
            if start != at {
                self.line_to(start);
            }
        }
    }

    /// Keeps the segments that run along an axis; the path is done.
    fn paint(&mut self, rules: &mut Vec<Rule>) {
        for r in self.segments.drain(..) {
            let (dx, dy) = ((r.to.0 - r.from.0).abs(), (r.to.1 - r.from.1).abs());
            if (dx < 0.5 || dy < 0.5) && rules.len() < MAX_RULES {
                rules.push(r);
            }
        }
        *self = Path::default();
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
