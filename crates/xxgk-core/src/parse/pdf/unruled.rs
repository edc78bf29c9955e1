//! Tables drawn without rules: a number's column from where it stands.

use super::draw::Glyph;
use super::glyphs::{spaced, words};
use crate::parse::grid::cell_text;
use crate::parse::text::{classify, CellKind};

/// Lines of value cells this close (in lines between) are one table.
const TABLE_GAP_LINES: usize = 2;

/// A number this far from a column's centre, in column spacings, is not in it.
const COLUMN_REACH: f32 = 0.35;

/// Tables drawn without rules: where a line has fewer numbers than the
/// table's full rows, each number's column is the full rows' column whose
/// centre it stands under (or, with fewer than two full rows, the header's
/// column label). A number under no column, or two under one, leaves the
/// line as it is: the table reader then leaves those cells blank.
pub(super) fn align_unruled(lines: &[Vec<Glyph>], texts: &mut [Option<String>]) {
    // Each line's trailing numbers (words), for lines not already rows.
    let numbers: Vec<Vec<f32>> = lines
        .iter()
        .zip(texts.iter())
        .map(|(line, text)| {
            if text.is_some() {
                return Vec::new();
            }
            let ws = words(line);
            let n = ws
                .iter()
                .rev()
                .take_while(|(w, _)| is_value(&spaced(w)))
                .count();
            // A line of numbers alone, or a label and its numbers.
            ws[ws.len() - n..].iter().map(|(_, c)| *c).collect()
        })
        .collect();
    let mut i = 0;
    while i < lines.len() {
        if numbers[i].is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i + 1;
        while j < lines.len() && j - end <= TABLE_GAP_LINES + 1 {
            if !numbers[j].is_empty() {
                end = j;
            }
            j += 1;
        }
        align_block(lines, &numbers, texts, start, end);
        i = end + 1;
    }
}

fn is_value(word: &str) -> bool {
    matches!(classify(word), CellKind::Number(_) | CellKind::Placeholder)
}

fn align_block(
    lines: &[Vec<Glyph>],
    numbers: &[Vec<f32>],
    texts: &mut [Option<String>],
    start: usize,
    end: usize,
) {
    let width = (start..=end).map(|i| numbers[i].len()).max().unwrap_or(0);
    if width < 3 {
        return;
    }
    let full: Vec<usize> = (start..=end)
        .filter(|&i| numbers[i].len() == width)
        .collect();
    let anchors: Vec<f32> = if full.len() >= 2 {
        (0..width)
            .map(|k| {
                let mut cs: Vec<f32> = full.iter().map(|&i| numbers[i][k]).collect();
                cs.sort_by(f32::total_cmp);
                cs[cs.len() / 2]
            })
            .collect()
    } else {
        // The header: the nearest line above with a label and a word for
        // every column.
        let Some(h) = (start.saturating_sub(4)..start)
            .rev()
            .find(|&h| numbers[h].is_empty() && words(&lines[h]).len() == width + 1)
        else {
            return;
        };
        words(&lines[h])[1..].iter().map(|(_, c)| *c).collect()
    };
    let spacing = anchors
        .windows(2)
        .map(|w| w[1] - w[0])
        .fold(f32::MAX, f32::min);
    if spacing <= 0.0 || spacing == f32::MAX {
        return;
    }
    for i in start..=end {
        let found = &numbers[i];
        if found.is_empty() || found.len() == width {
            continue;
        }
        let mut slots = Vec::with_capacity(found.len());
        for &c in found {
            let (k, d) = anchors
                .iter()
                .enumerate()
                .map(|(k, a)| (k, (c - a).abs()))
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .unwrap_or((0, f32::MAX));
            if d > COLUMN_REACH * spacing || slots.last().is_some_and(|&last| k <= last) {
                slots.clear();
                break;
            }
            slots.push(k);
        }
        if slots.is_empty() {
            continue;
        }
        let ws = words(&lines[i]);
        let label_words = ws.len() - found.len();
        let label: Vec<&Glyph> = ws[..label_words]
            .iter()
            .flat_map(|(w, _)| w.iter().copied())
            .collect();
        let mut cells = vec![String::new(); width];
        for (slot, (w, _)) in slots.iter().zip(&ws[label_words..]) {
            cells[*slot] = spaced(w);
        }
        let mut row = format!("| {} |", cell_text(&spaced(&label)));
        for c in &cells {
            row.push(' ');
            row.push_str(c);
            row.push_str(" |");
        }
        texts[i] = Some(row);
    }
}
