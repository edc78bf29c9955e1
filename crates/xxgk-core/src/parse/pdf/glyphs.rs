//! A line's glyphs as text: words at the gaps between them.

use super::draw::Glyph;

/// Words of a line: glyphs a gap apart, with where each word's centre is.
pub(super) fn words(line: &[Glyph]) -> Vec<(Vec<&Glyph>, f32)> {
    let mut out: Vec<Vec<&Glyph>> = Vec::new();
    let mut end: Option<f32> = None;
    for g in line {
        match out.last_mut() {
            Some(word) if !end.is_some_and(|end| g.x - end > 0.3 * g.size) => word.push(g),
            _ => out.push(vec![g]),
        }
        end = Some(g.x + g.advance);
    }
    out.into_iter()
        .map(|w| {
            let (a, b) = (w[0].x, w[w.len() - 1].x + w[w.len() - 1].advance);
            (w, (a + b) / 2.0)
        })
        .collect()
}

/// Glyphs of one line, left to right, as text: a gap wider than a third of
/// the type is a space.
pub(super) fn spaced(line: &[&Glyph]) -> String {
    let mut s = String::new();
    let mut end: Option<f32> = None;
    for g in line {
        if end.is_some_and(|end| g.x - end > 0.3 * g.size) {
            s.push(' ');
        }
        s.push_str(&g.text);
        end = Some(g.x + g.advance);
    }
    s
}
