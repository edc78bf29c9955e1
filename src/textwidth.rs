//! Display-width helpers for terminal output: CJK characters take two cells.
//! Layout code measures with these, never with `len()` or `chars().count()`.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` cells, ending with `…` when cut; never splits a character.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pads on the right to `w` cells (left-aligned text).
pub fn pad_right(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// Pads on the left to `w` cells (right-aligned numbers).
pub fn pad_left(s: &str, w: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', w.saturating_sub(width(s))).collect();
    out.push_str(s);
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_two_cells() {
        assert_eq!(width("总计"), 4);
        assert_eq!(truncate("政府信息公开工作年度报告", 9), "政府信息…");
        assert_eq!(width(&truncate("政府信息公开工作年度报告", 9)), 9);
        assert_eq!(pad_left("12", 4), "  12");
        assert_eq!(width(&pad_right("总计", 6)), 6);
    }

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
}
