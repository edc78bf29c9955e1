//! Layout detection: turns the lines of any supported layout into rows of cells.
//!
//! - a line with `|` between cells is one row (pipe layout);
//! - tab-indented lines, one cell each, up to a blank line, are one row (the
//!   cell-per-line text a .docx converter gives); a plain line right above them
//!   is a vertically merged cell and joins the row;
//! - any other line is one row whose trailing whitespace-separated numbers are
//!   its value cells (PDF-extracted text).

use super::text::{classify, is_zero_width, CellKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Pipe,
    Cells,
    Plain,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// First and last line (0-based) of the row in the cleaned text.
    pub first: usize,
    pub last: usize,
    pub kind: RowKind,
    pub cells: Vec<String>,
}

/// A row read as a label (its text cells) followed by value cells.
#[derive(Debug, Clone)]
pub struct Split {
    pub label: String,
    /// Only `Empty`, `Placeholder` and `Number` kinds.
    pub values: Vec<CellKind>,
    /// For each value, the index of the row cell it is.
    pub cells: Vec<usize>,
}

impl Split {
    pub fn has_values(&self) -> bool {
        self.values
            .iter()
            .any(|v| matches!(v, CellKind::Number(_) | CellKind::Placeholder))
    }
}

impl Row {
    pub fn split(&self) -> Split {
        let kinds: Vec<CellKind> = self.cells.iter().map(|c| classify(c)).collect();
        let has_text = kinds.contains(&CellKind::Text);
        let last_text = kinds.iter().rposition(|k| *k == CellKind::Text);
        let mut label = String::new();
        if let Some(t) = last_text {
            for (cell, kind) in self.cells[..=t].iter().zip(&kinds) {
                if *kind == CellKind::Text {
                    if !label.is_empty() {
                        label.push(' ');
                    }
                    label.push_str(cell.trim());
                }
            }
        }
        let start = last_text.map_or(0, |t| t + 1);
        let (values, cells) = kinds[start..]
            .iter()
            .copied()
            .zip(start..)
            .filter(|(k, _)| !(has_text && *k == CellKind::Unit) && *k != CellKind::Text)
            .map(|(k, i)| {
                if k == CellKind::Unit {
                    (CellKind::Empty, i)
                } else {
                    (k, i)
                }
            })
            .unzip();
        Split {
            label,
            values,
            cells,
        }
    }
}

/// Cleans extracted text into lines: converter markers dropped, odd spaces folded,
/// leading tabs kept (they mark the cell-per-line layout).
pub fn clean_lines(text: &str) -> Vec<String> {
    text.split('\n').map(clean_line).collect()
}

fn clean_line(raw: &str) -> String {
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    let marked;
    let raw = if raw.contains('[') {
        marked = strip_markers(raw);
        marked.as_str()
    } else {
        raw
    };
    // Nearly every character stays as it is: copy runs, look at the rest.
    let mut line = String::with_capacity(raw.len());
    let mut run = 0;
    for (i, c) in raw.char_indices() {
        let dropped = is_zero_width(c) || (c != '\t' && c.is_control());
        let spaced = c == '\u{3000}' || c == '\u{a0}';
        if dropped || spaced {
            line.push_str(&raw[run..i]);
            run = i + c.len_utf8();
            if spaced {
                line.push(' ');
            }
        }
    }
    line.push_str(&raw[run..]);
    trim_line_end(&mut line);
    line
}

/// Drops trailing spaces, except that a lone tab stays: it is an empty cell
/// of the cell-per-line layout.
fn trim_line_end(line: &mut String) {
    let trimmed_len = line.trim_end().len();
    line.truncate(if trimmed_len == 0 && line.starts_with('\t') {
        1
    } else {
        trimmed_len
    });
}

/// Removes `[bookmark: _GoBack]` and `[image: 图片1]` left by document converters.
fn strip_markers(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(pos) = rest.find('[') {
        let after = &rest[pos + 1..];
        if after.starts_with("bookmark:") || after.starts_with("image:") {
            if let Some(end) = after.find(']') {
                out.push_str(&rest[..pos]);
                rest = &after[end + 1..];
                continue;
            }
        }
        out.push_str(&rest[..=pos]);
        rest = after;
    }
    out.push_str(rest);
    out
}

fn is_tab_cell(line: &str) -> bool {
    line.starts_with('\t')
}

fn pipe_cells(line: &str) -> Option<Vec<String>> {
    if !line.contains('|') {
        return None;
    }
    let trimmed = line.trim();
    let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
    if cells.len() < 2 && trimmed == inner {
        return None;
    }
    Some(cells)
}

/// A plain line: its trailing run of numbers (or of ≥2 placeholders) become cells.
fn plain_cells(line: &str) -> Vec<String> {
    // Most lines are prose ending in punctuation: no value cells to look for.
    let last = line.trim_end().chars().last().unwrap_or(' ');
    if !(last.is_ascii_digit()
        || ('０'..='９').contains(&last)
        || "—-–/／－无用×xX*…".contains(last))
    {
        return vec![line.trim().to_string()];
    }
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let mut cut = tokens.len();
    let mut numbers = 0;
    while cut > 0 {
        match classify(tokens[cut - 1]) {
            CellKind::Number(_) => numbers += 1,
            CellKind::Placeholder => {}
            _ => break,
        }
        cut -= 1;
    }
    let trailing = tokens.len() - cut;
    if trailing == 0 || (numbers == 0 && trailing < 2) {
        return vec![line.trim().to_string()];
    }
    let mut cells = Vec::with_capacity(trailing + 1);
    cells.push(tokens[..cut].join(" "));
    cells.extend(tokens[cut..].iter().map(|t| t.to_string()));
    cells
}

pub fn rows(lines: &[String]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if is_tab_cell(line) {
            let first = i;
            let mut cells = Vec::new();
            while i < lines.len() && is_tab_cell(&lines[i]) {
                cells.push(lines[i].trim().to_string());
                i += 1;
            }
            rows.push(Row {
                first,
                last: i - 1,
                kind: RowKind::Cells,
                cells,
            });
            continue;
        }
        if line.trim().is_empty() {
            i += 1;
            continue;
        }
        if let Some(cells) = pipe_cells(line) {
            rows.push(Row {
                first: i,
                last: i,
                kind: RowKind::Pipe,
                cells,
            });
            i += 1;
            continue;
        }
        if i + 1 < lines.len() && is_tab_cell(&lines[i + 1]) {
            // A vertically merged cell printed above the row it starts.
            let first = i;
            let mut cells = vec![line.trim().to_string()];
            i += 1;
            while i < lines.len() && is_tab_cell(&lines[i]) {
                cells.push(lines[i].trim().to_string());
                i += 1;
            }
            rows.push(Row {
                first,
                last: i - 1,
                kind: RowKind::Cells,
                cells,
            });
            continue;
        }
        rows.push(Row {
            first: i,
            last: i,
            kind: RowKind::Plain,
            cells: plain_cells(line),
        });
        i += 1;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        clean_lines(s)
    }

    /// `clean_line` one character at a time, as it was first written.
    fn clean_line_by_char(raw: &str) -> String {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let mut line: String = strip_markers(raw)
            .chars()
            .filter(|c| !is_zero_width(*c) && (*c == '\t' || !c.is_control()))
            .map(|c| {
                if c == '\u{3000}' || c == '\u{a0}' {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        trim_line_end(&mut line);
        line
    }

    const PIECES: [&str; 18] = [
        "总体",
        "情况",
        " ",
        "\t",
        "\r",
        "\u{3000}",
        "\u{a0}",
        "\u{200b}",
        "\u{feff}",
        "\u{7}",
        "[",
        "]",
        "[bookmark: _GoBack]",
        "[image: 图片1]",
        "[注]",
        "|",
        "12",
        "é",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        #[test]
        fn lines_are_cleaned_as_one_character_at_a_time(
            pieces in proptest::collection::vec(proptest::sample::select(&PIECES[..]), 0..10)
        ) {
            let s = pieces.concat();
            proptest::prop_assert_eq!(clean_line(&s), clean_line_by_char(&s), "{:?}", s);
        }
    }

    #[test]
    fn sample_lines_are_cleaned_as_one_character_at_a_time() {
        for text in crate::parse::test_samples::texts() {
            for line in text.split('\n') {
                assert_eq!(clean_line(line), clean_line_by_char(line), "{line:?}");
            }
        }
    }

    #[test]
    fn pipe_rows_keep_blank_cells() {
        let r = rows(&lines("| 规章 | 0 |  | 3 | ||"));
        assert_eq!(r[0].kind, RowKind::Pipe);
        let s = r[0].split();
        assert_eq!(s.label, "规章");
        assert_eq!(s.values[0], CellKind::Number(0.0));
        assert_eq!(s.values[1], CellKind::Empty);
        assert_eq!(s.values[2], CellKind::Number(3.0));
    }

    #[test]
    fn tab_cells_group_until_blank_line() {
        let r = rows(&lines(
            "\t\n\t（七）总计\n\t1\n\t\n\n\t四、结转下年度继续办理\n\t0\n",
        ));
        assert_eq!(r.len(), 2);
        let s = r[0].split();
        assert_eq!(s.label, "（七）总计");
        assert_eq!(s.values, vec![CellKind::Number(1.0), CellKind::Empty]);
    }

    #[test]
    fn plain_rows_split_trailing_numbers() {
        let r = rows(&lines("（三）不予公开 1.属于国家秘密 1 0 0 0 0 0 1"));
        let s = r[0].split();
        assert_eq!(s.label, "（三）不予公开 1.属于国家秘密");
        assert_eq!(s.values.len(), 7);
        let r = rows(&lines("2017年全区共设立44个便民查阅点。"));
        assert!(!r[0].split().has_values());
    }

    #[test]
    fn markers_are_removed() {
        assert_eq!(
            lines("[bookmark: _GoBack]三、本年度办理结果")[0],
            "三、本年度办理结果"
        );
        assert_eq!(lines("[image: 图片1]    （一）组织")[0], "    （一）组织");
        assert_eq!(lines("a[b]c")[0], "a[b]c");
    }
}
