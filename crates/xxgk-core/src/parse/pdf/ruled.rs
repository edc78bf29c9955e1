//! Ruled tables: the lines a page draws between columns and rows, the
//! row bands between row rules, the table's grid, and a row's cells.

use super::draw::{Glyph, Rule};
use super::glyphs::{spaced, words};
use crate::parse::grid::cell_text;
use crate::parse::text::{classify, CellKind};

/// A ruling line across the text's direction, in the turned page: a
/// boundary between two columns of a table.
#[derive(Debug, Clone, Copy)]
pub(super) struct ColumnRule {
    pub x: f32,
    pub y0: f32,
    pub y1: f32,
}

/// A ruling line along the text's direction: a boundary between two rows.
#[derive(Debug, Clone, Copy)]
pub(super) struct RowRule {
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
}

/// Lines of a ruled table's row that the rules do not part: a row whose
/// labels wrap in narrow cells (`1.属` / `于国` / `家秘` / `密`) is one band.
pub(super) const MAX_BAND_LINES: usize = 12;

/// Shorter than this, a line across the text is a mark, not a cell's side.
const MIN_RULE_LENGTH: f32 = 4.0;

/// Column rules closer than this are one (a cell's right side and the
/// next one's left, a thin bar's two edges).
pub(super) const SAME_RULE: f32 = 2.0;

/// Rows of a table this many lines apart across a page break (a running
/// header or footer, a page number between them) are still one table.
pub(super) const PAGE_BREAK_LINES: usize = 4;

/// Rules on one page beyond which its tables are not read by their rules:
/// a report's page of tables has a few hundred.
pub(super) const MAX_TABLE_RULES: usize = 6_000;

/// A page's straight lines (turned so its text runs left to right) as the
/// rules between columns and between rows. A page of thousands of rules is
/// a drawing, not a table (and matching every line against each would take
/// too long): it has none.
pub(super) fn table_rules(turned: &[Rule]) -> (Vec<ColumnRule>, Vec<RowRule>) {
    let mut columns = Vec::new();
    let mut rows = Vec::new();
    for &Rule { from: a, to: b } in turned {
        let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
        if dx < 0.5 && dy >= MIN_RULE_LENGTH {
            columns.push(ColumnRule {
                x: a.0,
                y0: a.1.min(b.1),
                y1: a.1.max(b.1),
            });
        } else if dy < 0.5 && dx >= MIN_RULE_LENGTH {
            rows.push(RowRule {
                y: a.1,
                x0: a.0.min(b.0),
                x1: a.0.max(b.0),
            });
        }
    }
    if columns.len() + rows.len() > MAX_TABLE_RULES {
        return (Vec::new(), Vec::new());
    }
    (columns, rows)
}

/// The column rules crossing a line, sorted and merged; `None` unless the
/// line lies wholly between the first and the last.
pub(super) fn crossings(line: &[Glyph], columns: &[ColumnRule]) -> Option<Vec<f32>> {
    let first = line.first()?;
    let mid = first.y + 0.3 * first.size;
    let mut xs: Vec<f32> = columns
        .iter()
        .filter(|r| r.y0 - 1.0 <= mid && mid <= r.y1 + 1.0)
        .map(|r| r.x)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|b, a| *b - *a < SAME_RULE);
    if xs.len() < 3 {
        return None;
    }
    let centre = |g: &Glyph| g.x + g.advance / 2.0;
    let (left, right) = (xs[0], xs[xs.len() - 1]);
    (!line.iter().any(|g| centre(g) < left || centre(g) > right)).then_some(xs)
}

/// Joins the lines of one ruled row into one: consecutive lines inside a
/// table with no row rule between them (one across at least half the
/// table), at most one of them holding numbers. A page whose table draws
/// no row rules keeps its lines.
pub(super) fn join_row_bands(
    lines: Vec<Vec<Glyph>>,
    columns: &[ColumnRule],
    rows: &[RowRule],
) -> Vec<Vec<Vec<Glyph>>> {
    if rows.is_empty() || columns.is_empty() {
        return lines.into_iter().map(|l| vec![l]).collect();
    }
    let has_number = |line: &[Glyph]| {
        words(line)
            .iter()
            .any(|(w, _)| matches!(classify(&spaced(w)), CellKind::Number(_)))
    };
    let mut out: Vec<Vec<Vec<Glyph>>> = Vec::with_capacity(lines.len());
    // The open band: its table's extent, its line count, whether it has numbers.
    let mut band: Option<(f32, f32, usize, bool)> = None;
    for line in lines {
        let xs = crossings(&line, columns);
        let numbers = has_number(&line);
        let joins = match (&band, &xs, out.last().and_then(|b| b.last())) {
            (Some((left, right, count, band_numbers)), Some(_), Some(prev)) => {
                let (upper, lower) = (prev[0].y, line[0].y);
                let width = right - left;
                // Rules between the two lines, over half the table's width
                // together (a border drawn cell by cell is many short rules).
                let covered: f32 = rows
                    .iter()
                    .filter(|r| r.y < upper && r.y > lower)
                    .map(|r| (r.x1.min(*right) - r.x0.max(*left)).max(0.0))
                    .sum();
                let parted = covered >= 0.5 * width;
                !parted && *count < MAX_BAND_LINES && !(numbers && *band_numbers)
            }
            _ => false,
        };
        if joins {
            if let (Some(prev), Some(b)) = (out.last_mut(), band.as_mut()) {
                prev.push(line);
                b.2 += 1;
                b.3 |= numbers;
            }
            continue;
        }
        band = xs.map(|xs| (xs[0], xs[xs.len() - 1], 1, numbers));
        out.push(vec![line]);
    }
    out
}

/// A cell's glyphs over the lines of its row band, top to bottom: each
/// line spaced at its gaps, lines joined as one text (no space between
/// Chinese characters, where the cell only wrapped).
fn band_text(cell: &[&Glyph]) -> String {
    let mut glyphs: Vec<&Glyph> = cell.to_vec();
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut out = String::new();
    let mut start = 0;
    while start < glyphs.len() {
        let y = glyphs[start].y;
        let size = glyphs[start].size.max(1.0);
        let mut end = start + 1;
        while end < glyphs.len() && (glyphs[end].y - y).abs() <= 0.4 * size {
            end += 1;
        }
        let mut line = glyphs[start..end].to_vec();
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let text = spaced(&line);
        let ascii_meet = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && text
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if ascii_meet {
            out.push(' ');
        }
        out.push_str(&text);
        start = end;
    }
    out
}

/// For each run of consecutive lines inside a ruled table, every column
/// rule any of its lines crosses: the table's grid, so that a cell merged
/// across columns in one row and split in the next keep their columns. A
/// run goes on over a page break (`page_starts`: each page's first band)
/// with a few lines of margin between.
pub(super) fn table_grids(
    crossed: &[Option<Vec<f32>>],
    page_starts: &[usize],
) -> Vec<Option<Vec<f32>>> {
    let mut out = vec![None; crossed.len()];
    let mut i = 0;
    while i < crossed.len() {
        if crossed[i].is_none() {
            i += 1;
            continue;
        }
        let start = i;
        let mut xs: Vec<f32> = Vec::new();
        let mut last = i;
        while i < crossed.len() {
            match &crossed[i] {
                Some(c) => {
                    xs.extend(c);
                    last = i;
                    i += 1;
                }
                None => {
                    // Past a page break, within a few lines, the table goes on.
                    let next = (i..crossed.len().min(i + PAGE_BREAK_LINES + 1))
                        .find(|&j| crossed[j].is_some());
                    let same_table = |j: usize| {
                        crossed[j].as_ref().is_some_and(|c| {
                            let shared = c
                                .iter()
                                .filter(|x| xs.iter().any(|y| (*x - y).abs() < SAME_RULE))
                                .count();
                            shared * 4 >= c.len().min(xs.len()) * 3
                        })
                    };
                    match next {
                        Some(j)
                            if page_starts.iter().any(|&p| p > last && p <= j) && same_table(j) =>
                        {
                            i = j
                        }
                        _ => break,
                    }
                }
            }
        }
        i = last + 1;
        xs.sort_by(f32::total_cmp);
        xs.dedup_by(|b, a| *b - *a < SAME_RULE);
        for (slot, c) in out[start..=last].iter_mut().zip(&crossed[start..=last]) {
            if c.is_some() {
                *slot = Some(xs.clone());
            }
        }
    }
    out
}

/// A line (or a row band's lines) inside a ruled table as a `| a |  | c |`
/// row on the table's `grid`: a cell between two of the rules the line
/// crosses (`xs`) stands in the grid column its left rule opens, and the
/// columns it spans are empty (as a spanning HTML cell is written). `None`
/// when a cell holds two numbers (a rule the page did not draw).
pub(super) fn table_row(line: &[Glyph], xs: &[f32], grid: &[f32]) -> Option<String> {
    let centre = |g: &Glyph| g.x + g.advance / 2.0;
    let mut cells: Vec<Vec<&Glyph>> = vec![Vec::new(); xs.len() - 1];
    let last = cells.len() - 1;
    for g in line {
        let i = xs.partition_point(|&x| x <= centre(g)).saturating_sub(1);
        cells[i.min(last)].push(g);
    }
    let texts: Vec<String> = cells.iter().map(|c| cell_text(&band_text(c))).collect();
    let is_number = |t: &str| matches!(classify(t), CellKind::Number(_));
    let two_numbers =
        |t: &str| t.split_whitespace().count() > 1 && t.split_whitespace().all(is_number);
    if texts.iter().any(|t| two_numbers(t)) {
        return None;
    }
    let columns = grid.len().max(2) - 1;
    let mut row: Vec<&str> = vec![""; columns];
    for (i, t) in texts.iter().enumerate() {
        let at = grid
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 - xs[i]).abs().total_cmp(&(b.1 - xs[i]).abs()))
            .map_or(i, |(g, _)| g)
            .min(columns - 1);
        if !row[at].is_empty() {
            return None;
        }
        row[at] = t;
    }
    let mut out = String::from("|");
    for t in row {
        out.push(' ');
        out.push_str(t);
        out.push_str(" |");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grid_carries_over_a_page_break_to_the_same_columns_only() {
        let header = Some(vec![40.0, 300.0, 400.0, 500.0]);
        let rows = Some(vec![40.0, 300.0, 350.0, 400.0, 500.0]);
        let other = Some(vec![40.0, 74.0, 108.0, 142.0, 176.0, 210.0]);
        // Page 1: the header, a footer line; page 2: a running header, the rows.
        let grids = table_grids(&[header.clone(), None, None, rows.clone()], &[0, 2]);
        assert_eq!(grids[0], rows, "the header takes the rows' grid");
        assert_eq!(grids[3], rows);
        assert_eq!(grids[1], None);
        // Another table on the next page keeps its own grid.
        let grids = table_grids(&[header.clone(), None, other.clone()], &[0, 2]);
        assert_eq!(grids[0], header);
        assert_eq!(grids[2], other);
        // Without a page break between, two runs are two tables.
        let grids = table_grids(&[header.clone(), None, rows.clone()], &[0]);
        assert_eq!(grids[0], header);
    }

    #[test]
    fn a_merged_cell_stands_in_the_first_column_it_spans() {
        let g = |x: f32, t: &str| Glyph {
            x,
            y: 500.0,
            advance: 5.0,
            size: 10.0,
            text: t.into(),
            turn: 0,
        };
        let grid = [40.0, 300.0, 350.0, 400.0, 500.0];
        // This row's rules: 300–400 is one cell (merged across 350).
        let row = table_row(
            &[g(60.0, "甲"), g(340.0, "7"), g(450.0, "9")],
            &[40.0, 300.0, 400.0, 500.0],
            &grid,
        );
        assert_eq!(row.as_deref(), Some("| 甲 | 7 |  | 9 |"));
    }
}
