//! Lines: glyphs clustered on their baselines.

use super::draw::{Drawn, Glyph, Rule};
use super::glyphs::spaced;
use super::ruled::{crossings, join_row_bands, table_grids, table_row, table_rules};
use super::unruled::align_unruled;
use crate::parse::text::page_number;

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
    let turned: Vec<Rule> = rules
        .iter()
        .map(|r| Rule {
            from: turn_point(turn, r.from),
            to: turn_point(turn, r.to),
        })
        .collect();
    let (columns, row_rules) = table_rules(&turned);
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
    while out.last().is_some_and(|(l, _)| page_number(l).is_some()) {
        out.pop();
    }
    if out.first().is_some_and(|(l, _)| page_number(l).is_some()) {
        out.remove(0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_recognised() {
        for s in ["- 3 -", "— 12 —", "第3页", "第 3 页 共 12 页", "3/12", "7"] {
            assert!(page_number(s).is_some(), "{s}");
        }
        for s in ["2024年", "一、总体情况", "规章 0 0 0", "12345"] {
            assert!(page_number(s).is_none(), "{s}");
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

    #[test]
    fn a_page_of_thousands_of_rules_is_read_plain() {
        let g = |x: f32, t: &str| Glyph {
            x,
            y: 500.0,
            advance: 5.0,
            size: 10.0,
            text: t.into(),
            turn: 0,
        };
        let rules: Vec<Rule> = (0..super::super::ruled::MAX_TABLE_RULES + 1)
            .map(|i| Rule {
                from: (i as f32 * 0.1, 0.0),
                to: (i as f32 * 0.1, 800.0),
            })
            .collect();
        let lines = page_lines(Drawn {
            glyphs: vec![g(60.0, "规"), g(250.0, "3")],
            rules,
        });
        assert_eq!(lines[0].0, "规 3");
    }
}
