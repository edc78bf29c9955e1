//! Wide tables in a narrow terminal (the csvlens way): a frozen label column
//! sized to its content within a cap, value columns sized to their widest
//! value, and the columns that do not fit reached by horizontal scroll, with
//! a marker saying how many are out of view. A number is never cut.

/// Which columns of a table are drawn in a given width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// Cells of the label column (its text is cut to fit, never a value).
    pub label: usize,
    /// The value columns shown: `first..end` (column 0 is the label).
    pub first: usize,
    pub end: usize,
    /// Value columns in all (`1..columns`).
    pub columns: usize,
}

impl Fit {
    pub fn hidden_left(&self) -> usize {
        self.first.saturating_sub(1)
    }
    pub fn hidden_right(&self) -> usize {
        self.columns.saturating_sub(self.end)
    }
}

/// Cells the left marker takes (`◀ `) and the right one at most (` ▶+99`).
pub const LEFT_MARK: usize = 2;
pub const RIGHT_MARK: usize = 5;

/// The columns of a table whose columns need `widths[i]` cells each (0: the
/// label), in `width` cells, keeping value column `focus` in view.
pub fn fit(widths: &[usize], width: usize, focus: usize) -> Fit {
    let columns = widths.len();
    if columns <= 1 {
        return Fit {
            label: widths.first().copied().unwrap_or(0).min(width),
            first: 1,
            end: columns,
            columns,
        };
    }
    // The label column: its content, within a third of the width (at
    // least 8 cells), so that numbers get the rest.
    let label = widths[0].min((width / 3).max(8)).min(width);
    let room = width.saturating_sub(label);
    let focus = focus.clamp(1, columns - 1);
    // Columns from `first` that fit in `room`, with markers for what is left out.
    let end_from = |first: usize| -> usize {
        let left = if first > 1 { LEFT_MARK } else { 0 };
        let span = |reserve: usize| {
            let mut used = left + reserve;
            let mut end = first;
            while end < columns && used + widths[end] <= room {
                used += widths[end];
                end += 1;
            }
            end
        };
        let end = span(0);
        if end == columns {
            end
        } else {
            span(RIGHT_MARK)
        }
    };
    let mut first = 1;
    while first < focus && end_from(first) <= focus {
        first += 1;
    }
    // At least one column, even in a very narrow terminal.
    let end = end_from(first).max(first + 1).min(columns);
    Fit {
        label,
        first,
        end,
        columns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_fits_when_it_can() {
        let f = fit(&[10, 5, 5, 5], 80, 1);
        assert_eq!((f.label, f.first, f.end), (10, 1, 4));
        assert_eq!((f.hidden_left(), f.hidden_right()), (0, 0));
    }

    #[test]
    fn the_label_is_capped_and_the_focus_stays_in_view() {
        // Table 3 at 80 columns: a 44-cell label, seven value columns.
        let widths = [44, 8, 10, 10, 10, 10, 6, 7];
        let f = fit(&widths, 80, 1);
        assert_eq!(f.label, 26);
        assert_eq!(f.first, 1);
        assert!(f.end < 8 && f.hidden_right() > 0, "{f:?}");
        let used: usize = widths[f.first..f.end].iter().sum::<usize>() + RIGHT_MARK;
        assert!(f.label + used <= 80);
        // Focus on 总计: it comes into view, the first columns go out.
        let f = fit(&widths, 80, 7);
        assert_eq!(f.end, 8);
        assert!(f.hidden_left() > 0);
        let used: usize = widths[f.first..f.end].iter().sum::<usize>() + LEFT_MARK;
        assert!(f.label + used <= 80, "{f:?}");
        // Wide enough: all of it.
        let f = fit(&widths, 120, 7);
        assert_eq!((f.first, f.end), (1, 8));
    }

    #[test]
    fn one_column_at_least() {
        let f = fit(&[30, 50], 20, 1);
        assert_eq!((f.first, f.end), (1, 2));
    }
}
