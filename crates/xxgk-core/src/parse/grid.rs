//! A table as a grid of cells → `|` rows, the shape the row reader knows from
//! the pipe layout. HTML tables and Word tables both end here, after their
//! spans are expanded: a cell spanning rows repeats its text on each row
//! (labels such as 三、本年度办理结果 stay with every row they cover); a cell
//! spanning columns fills only its first one, so values are never doubled.

/// One row of a table: `None` where no cell reached that column.
pub type GridRow = Vec<Option<String>>;

/// Writes the grid's rows as `| a | b |` lines, every row kept (even one
/// with no text) so that a line's place in the table is its grid row, and
/// a blank line after, so that two tables never run together.
pub fn push_rows(grid: &[GridRow], out: &mut String) {
    if grid.is_empty() {
        return;
    }
    for line in grid {
        out.push('|');
        for cell in line {
            out.push(' ');
            out.push_str(cell.as_deref().unwrap_or(""));
            out.push_str(" |");
        }
        out.push('\n');
    }
    out.push('\n');
}

/// A cell's text as one pipe cell: a `|` inside it would split the row.
pub fn cell_text(text: &str) -> String {
    text.replace('|', "｜").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_piped_and_kept_and_the_table_ends_with_a_blank_line() {
        let grid = vec![
            vec![Some("规章".to_string()), None, Some("3".to_string())],
            vec![Some(String::new()), None],
        ];
        let mut out = String::new();
        push_rows(&grid, &mut out);
        assert_eq!(out, "| 规章 |  | 3 |\n|  |  |\n\n");
        assert_eq!(cell_text(" a|b "), "a｜b");
    }
}
