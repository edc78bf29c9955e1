//! Aligned text tables for the terminal: display width (CJK = 2 cells), the
//! first column left-aligned, numbers right-aligned, and columns that do not fit
//! the width moved to further blocks that repeat the first column.

use crate::text::{pad_left, pad_right, truncate, width};

/// Renders rows as an aligned grid: first column left-aligned, the rest right-aligned.
pub fn grid(rows: &[Vec<String>], gap: usize) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; cols];
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(cell));
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                line.push_str(&" ".repeat(gap));
            }
            line.push_str(&if i == 0 {
                pad_right(cell, widths[i])
            } else {
                pad_left(cell, widths[i])
            });
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A table of `header` and `rows` in blocks of at most `max_width` columns.
pub fn render(header: &[String], rows: &[Vec<String>], max_width: usize) -> String {
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(width(cell));
        }
    }
    // The label column may take at most 40% of the width.
    widths[0] = widths[0].min(max_width * 2 / 5);
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let mut used = widths[0];
    for (i, w) in widths.iter().enumerate().skip(1) {
        if !cur.is_empty() && used + 2 + w > max_width {
            blocks.push(std::mem::take(&mut cur));
            used = widths[0];
        }
        cur.push(i);
        used += 2 + w;
    }
    if !cur.is_empty() || blocks.is_empty() {
        blocks.push(cur);
    }
    let mut out = String::new();
    for (b, block) in blocks.iter().enumerate() {
        if b > 0 {
            out.push('\n');
        }
        let line = |cells: &[String]| {
            let mut s = pad_right(&truncate(&cells[0], widths[0]), widths[0]);
            for &i in block {
                s.push_str("  ");
                s.push_str(&pad_left(
                    cells.get(i).map_or("", String::as_str),
                    widths[i],
                ));
            }
            s.trim_end().to_string() + "\n"
        };
        out.push_str(&line(header));
        for row in rows {
            out.push_str(&line(row));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_aligns_by_display_width() {
        let g = grid(
            &[
                vec!["自然人".into(), "1".into()],
                vec!["ab".into(), "100".into()],
            ],
            2,
        );
        let lines: Vec<&str> = g.lines().collect();
        assert_eq!(width(lines[0]), width(lines[1]));
    }

    #[test]
    fn wide_tables_split_into_blocks_that_fit() {
        let header: Vec<String> = std::iter::once("指标".to_string())
            .chain((2008..2026).map(|y| y.to_string()))
            .collect();
        let rows = vec![std::iter::once("收到申请".to_string())
            .chain((0..18).map(|i| (i * 1000).to_string()))
            .collect::<Vec<_>>()];
        let text = render(&header, &rows, 80);
        assert!(text.lines().all(|l| width(l) <= 80), "{text}");
        assert!(text.contains("2025"));
        assert_eq!(text.matches("收到申请").count(), text.split("\n\n").count());
    }
}
