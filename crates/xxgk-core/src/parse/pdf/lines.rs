//! Lines: glyphs clustered on their baselines.

#[cfg(test)]
use super::draw::Rule;
use super::draw::{Drawn, Glyph};
use crate::parse::grid::cell_text;
use crate::parse::text::{classify, CellKind};

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

/// A page turned so its text runs left to right, y up: `unturn`'s inverse.
fn turn_point(turn: usize, (x, y): (f32, f32)) -> (f32, f32) {
    match turn {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}

/// A ruling line across the text's direction, in the turned page: a
/// boundary between two columns of a table.
#[derive(Debug, Clone, Copy)]
struct ColumnRule {
    x: f32,
    y0: f32,
    y1: f32,
}

/// A ruling line along the text's direction: a boundary between two rows.
#[derive(Debug, Clone, Copy)]
struct RowRule {
    y: f32,
    x0: f32,
    x1: f32,
}

/// Lines of a ruled table's row that the rules do not part: a row whose
/// labels wrap in narrow cells (`1.属` / `于国` / `家秘` / `密`) is one band.
const MAX_BAND_LINES: usize = 12;

/// Shorter than this, a line across the text is a mark, not a cell's side.
const MIN_RULE_LENGTH: f32 = 4.0;
/// Column rules closer than this are one (a cell's right side and the
/// next one's left, a thin bar's two edges).
const SAME_RULE: f32 = 2.0;

/// A page's lines before they are written: its quarter turn, its row bands
/// (one line each, or a ruled row's wrapped lines), each band's glyphs and
/// the column rules it crosses.
pub(super) struct PageBands {
    turn: usize,
    bands: Vec<Band>,
}

struct Band {
    lines: Vec<Vec<Glyph>>,
    /// All the band's glyphs, left to right.
    all: Vec<Glyph>,
    crossed: Option<Vec<f32>>,
}

/// Rows of a table this many lines apart across a page break (a running
/// header or footer, a page number between them) are still one table.
const PAGE_BREAK_LINES: usize = 4;

/// A page's lines, top to bottom, in the direction most of its text runs,
/// each with its box in the page's coordinates. A line inside a ruled table
/// comes out as a `|` row with one cell for each column the rules make, so
/// that a blank cell, which draws no text, keeps its place.
#[cfg(test)]
pub(super) fn page_lines(drawn: Drawn) -> Vec<(String, [f32; 4])> {
    write_pages(vec![page_bands(drawn)]).remove(0)
}

/// A page's glyphs as lines and ruled row bands.
pub(super) fn page_bands(drawn: Drawn) -> PageBands {
    let Drawn { mut glyphs, rules } = drawn;
    if glyphs.is_empty() {
        return PageBands {
            turn: 0,
            bands: Vec::new(),
        };
    }
    let mut turns = [0usize; 4];
    for g in &glyphs {
        turns[g.turn as usize % 4] += 1;
    }
    let turn = (0..4).max_by_key(|&t| turns[t]).unwrap_or(0);
    // Turn the page so that its text runs left to right, y up.
    for g in &mut glyphs {
        (g.x, g.y) = turn_point(turn, (g.x, g.y));
    }
    let turned: Vec<((f32, f32), (f32, f32))> = rules
        .iter()
        .map(|r| (turn_point(turn, r.from), turn_point(turn, r.to)))
        .collect();
    let columns: Vec<ColumnRule> = turned
        .iter()
        .filter_map(|&(a, b)| {
            let vertical = (a.0 - b.0).abs() < 0.5 && (a.1 - b.1).abs() >= MIN_RULE_LENGTH;
            vertical.then(|| ColumnRule {
                x: a.0,
                y0: a.1.min(b.1),
                y1: a.1.max(b.1),
            })
        })
        .collect();
    let row_rules: Vec<RowRule> = turned
        .iter()
        .filter_map(|&(a, b)| {
            let horizontal = (a.1 - b.1).abs() < 0.5 && (a.0 - b.0).abs() >= MIN_RULE_LENGTH;
            horizontal.then(|| RowRule {
                y: a.1,
                x0: a.0.min(b.0),
                x1: a.0.max(b.0),
            })
        })
        .collect();
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
    for line in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    let bands = join_row_bands(lines, &columns, &row_rules)
        .into_iter()
        .map(|lines| {
            let mut all: Vec<Glyph> = lines.iter().flatten().cloned().collect();
            all.sort_by(|a, b| a.x.total_cmp(&b.x));
            let crossed = crossings(&all, &columns);
            Band {
                lines,
                all,
                crossed,
            }
        })
        .collect();
    PageBands { turn, bands }
}

/// Every page's lines as text with their boxes. A table's grid is every
/// column rule its rows cross, on this page and the next when it runs on.
pub(super) fn write_pages(pages: Vec<PageBands>) -> Vec<Vec<(String, [f32; 4])>> {
    let crossed: Vec<Option<Vec<f32>>> = pages
        .iter()
        .flat_map(|p| p.bands.iter().map(|b| b.crossed.clone()))
        .collect();
    let mut page_starts = Vec::with_capacity(pages.len());
    let mut at = 0;
    for p in &pages {
        page_starts.push(at);
        at += p.bands.len();
    }
    let mut grids = table_grids(&crossed, &page_starts).into_iter();
    pages
        .into_iter()
        .map(|page| {
            let page_grids: Vec<Option<Vec<f32>>> = grids.by_ref().take(page.bands.len()).collect();
            write_page(page, page_grids)
        })
        .collect()
}

fn write_page(page: PageBands, grids: Vec<Option<Vec<f32>>>) -> Vec<(String, [f32; 4])> {
    let turn = page.turn;
    // A ruled row whose labels wrap is one `|` row; a band that does not
    // read as a row of cells keeps its lines.
    let mut units: Vec<Vec<Glyph>> = Vec::with_capacity(page.bands.len());
    let mut texts: Vec<Option<String>> = Vec::with_capacity(page.bands.len());
    for (band, grid) in page.bands.into_iter().zip(&grids) {
        let row = band
            .crossed
            .as_deref()
            .zip(grid.as_deref())
            .and_then(|(xs, grid)| table_row(&band.all, xs, grid));
        match row {
            Some(row) => {
                units.push(band.all);
                texts.push(Some(row));
            }
            None => {
                for line in band.lines {
                    texts.push(None);
                    units.push(line);
                }
            }
        }
    }
    let lines = units;
    align_unruled(&lines, &mut texts);
    let mut out: Vec<(String, [f32; 4])> = lines
        .iter()
        .zip(texts)
        .map(|(line, text)| {
            let s = text.unwrap_or_else(|| {
                let all: Vec<&Glyph> = line.iter().collect();
                spaced(&all)
            });
            let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
            for g in line {
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

/// The column rules crossing a line, sorted and merged; `None` unless the
/// line lies wholly between the first and the last.
fn crossings(line: &[Glyph], columns: &[ColumnRule]) -> Option<Vec<f32>> {
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
fn join_row_bands(
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

/// Words of a line: glyphs a gap apart, with where each word's centre is.
fn words(line: &[Glyph]) -> Vec<(Vec<&Glyph>, f32)> {
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

/// Lines of value cells this close (in lines between) are one table.
const TABLE_GAP_LINES: usize = 2;
/// A number this far from a column's centre, in column spacings, is not in it.
const COLUMN_REACH: f32 = 0.35;

/// Tables drawn without rules: where a line has fewer numbers than the
/// table's full rows, each number's column is the full rows' column whose
/// centre it stands under (or, with fewer than two full rows, the header's
/// column label). A number under no column, or two under one, leaves the
/// line as it is: the table reader then leaves those cells blank.
fn align_unruled(lines: &[Vec<Glyph>], texts: &mut [Option<String>]) {
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

/// Glyphs of one line, left to right, as text: a gap wider than a third of
/// the type is a space.
fn spaced(line: &[&Glyph]) -> String {
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

/// For each run of consecutive lines inside a ruled table, every column
/// rule any of its lines crosses: the table's grid, so that a cell merged
/// across columns in one row and split in the next keep their columns. A
/// run goes on over a page break (`page_starts`: each page's first band)
/// with a few lines of margin between.
fn table_grids(crossed: &[Option<Vec<f32>>], page_starts: &[usize]) -> Vec<Option<Vec<f32>>> {
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
fn table_row(line: &[Glyph], xs: &[f32], grid: &[f32]) -> Option<String> {
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
    fn glyphs_become_lines_with_spaces_at_gaps() {
        let g = |x: f32, y: f32, t: &str| Glyph {
            x,
            y,
            advance: 10.0,
            size: 10.0,
            text: t.into(),
            turn: 0,
        };
        let lines = page_lines(Drawn {
            glyphs: vec![
                g(60.0, 700.0, "规"),
                g(70.0, 700.2, "章"),
                g(200.0, 699.8, "0"),
                g(60.0, 680.0, "行"),
                g(300.0, 40.0, "1"),
            ],
            rules: Vec::new(),
        });
        let text: Vec<&str> = lines.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(text, ["规章 0", "行"]);
        assert_eq!(lines[0].1, [60.0, 697.8, 210.0, 708.2]);
    }

    #[test]
    fn a_ruled_row_keeps_its_blank_cells() {
        let g = |x: f32, t: &str| Glyph {
            x,
            y: 500.0,
            advance: 5.0,
            size: 10.0,
            text: t.into(),
            turn: 0,
        };
        let rule = |x: f32| Rule {
            from: (x, 490.0),
            to: (x, 512.0),
        };
        // 规章 | 3 | (blank) | 14 — and the blank keeps its column.
        let drawn = Drawn {
            glyphs: vec![
                g(60.0, "规"),
                g(65.0, "章"),
                g(250.0, "3"),
                g(450.0, "1"),
                g(455.0, "4"),
            ],
            rules: [50.0, 200.0, 300.0, 300.5, 400.0, 500.0].map(rule).to_vec(),
        };
        let lines = page_lines(drawn);
        assert_eq!(lines[0].0, "| 规章 | 3 |  | 14 |");
        // A line the rules do not cross is plain text.
        let drawn = Drawn {
            glyphs: vec![g(60.0, "规"), g(250.0, "3")],
            rules: vec![Rule {
                from: (100.0, 100.0),
                to: (100.0, 200.0),
            }],
        };
        assert_eq!(page_lines(drawn)[0].0, "规 3");
        // Two numbers in one cell: a rule is missing, so the cells are not trusted.
        let drawn = Drawn {
            glyphs: vec![g(60.0, "规"), g(250.0, "3"), g(270.0, "4")],
            rules: [50.0, 200.0, 300.0].map(rule).to_vec(),
        };
        assert_eq!(page_lines(drawn)[0].0, "规 3 4");
    }
}
