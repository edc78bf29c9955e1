//! Canonical statistics from rows: tables 2, 3 and 4 of the 2019/2021 templates.
//! Rows are recognised by the meaning of their labels; columns by the header rows
//! when they can be read, else by the template's order.

use super::labels::{
    active_header, header_positions, is_appeal_header, match_active_item, match_request_row,
    request_group, RequestGroup, RequestHeader,
};
use super::rows::{Row, RowKind, Split};
use super::text::{norm, CellKind};
use crate::model::{Finding, Num, Severity, Stats};
use crate::template::{active_default_columns, request_key, APPEAL_GROUPS, APPEAL_RESULTS};

/// What the tables say, plus the evidence for the template.
#[derive(Debug, Default)]
pub struct Tables {
    pub stats: Stats,
    /// Table 2 used the 2021 (本年制发…) or 2019 (本年新制作…) columns.
    pub active_era: Option<&'static str>,
    pub request_rows: usize,
    pub appeal_found: bool,
    pub active_rows: usize,
    /// Row indices (into the row list) that belong to a table.
    pub used_rows: Vec<usize>,
    /// For each statistic, in `stats` order, where it was read.
    pub sources: Vec<Source>,
    /// Cells left blank because the text does not say which columns its
    /// numbers are in (`cell.ambiguous`).
    pub findings: Vec<Finding>,
}

/// Why a row's cells are left blank.
#[derive(Debug, Clone, Copy)]
enum Blank {
    /// A row of text (cells a space apart, as PDF text is) with fewer
    /// numbers than the table has columns: a blank cell left no mark, so
    /// which columns the numbers belong to is not known.
    Unplaced,
    /// A `|` row whose values' order and their places under the header
    /// disagree, and the row's own sum accepts neither.
    Misaligned,
}

/// A statistic read from no particular row.
pub const NO_ROW: usize = usize::MAX;

/// Where a statistic was read: its row (index into the row list, `NO_ROW`
/// for none) and the cell of that row (index into its cells).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub row: usize,
    pub cell: Option<usize>,
}

impl Tables {
    /// A row of text (cells a space apart, as PDF text is) with fewer numbers
    /// than the table has columns: a blank cell left no mark, so which
    /// columns the numbers belong to is not known. Its cells stay blank.
    /// Leaves a row's cells blank, with a `cell.ambiguous` finding saying why.
    fn left_blank(&mut self, why: Blank, label: &str, values: &[CellKind], keys: Vec<String>) {
        let shown = |empty: Option<&str>| -> Vec<String> {
            values
                .iter()
                .filter_map(|v| match v {
                    CellKind::Number(n) => Some(Num(*n).to_string()),
                    CellKind::Placeholder => Some("—".to_string()),
                    _ => empty.map(str::to_string),
                })
                .collect()
        };
        let message = match why {
            Blank::Unplaced => {
                let shown = shown(None);
                format!(
                    "{label}: {} numbers ({}) for {} columns, with nothing to say which columns they are in; left blank",
                    shown.len(),
                    shown.join(" "),
                    keys.len()
                )
            }
            Blank::Misaligned => format!(
                "{label}: the cells ({}) do not line up with the header's columns, and no reading of them adds up; left blank",
                shown(Some("·")).join(" ")
            ),
        };
        self.findings.push(Finding {
            rule: "cell.ambiguous".into(),
            severity: Severity::Warning,
            message,
            keys,
        });
    }

    /// Sets a statistic and the row it came from, keeping `sources` in
    /// step with `stats` (a key set again keeps its place).
    fn put(&mut self, key: String, value: Option<Num>, row: usize, cell: Option<usize>) {
        let (i, old) = self.stats.insert_full(key, value);
        let source = Source { row, cell };
        if old.is_none() {
            self.sources.push(source);
        } else {
            self.sources[i] = source;
        }
    }
}

const REQUEST_WIDTH: usize = 7;
const APPEAL_WIDTH: usize = 15;
const MIN_REQUEST_CELLS: usize = 2;
/// Fewer matched rows than this is not table 3 but stray lines.
const MIN_REQUEST_ROWS: usize = 3;
/// A label longer than this is narrative, not a row label.
const MAX_LABEL_CHARS: usize = 90;

fn cell_value(k: &CellKind) -> Option<Num> {
    match k {
        CellKind::Number(v) => Some(Num(*v)),
        _ => None,
    }
}

/// Fits a row's value cells to `width`: padding cells of merged headers are
/// dropped, missing trailing cells become blanks.
fn fit(values: &[CellKind], width: usize) -> Vec<Option<Num>> {
    let mut out: Vec<Option<Num>> = values[kept(values, width)].iter().map(cell_value).collect();
    out.resize(width, None);
    out
}

/// For each of `fit`'s values, the row cell it came from (`cells` gives
/// each value's cell, as `Split` does).
fn fit_cells(values: &[CellKind], cells: &[usize], width: usize) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = cells[kept(values, width)]
        .iter()
        .map(|&c| Some(c))
        .collect();
    out.resize(width, None);
    out
}

/// The cells `fit` keeps: trailing, then leading, blanks beyond `width` dropped.
fn kept(values: &[CellKind], width: usize) -> std::ops::Range<usize> {
    let (mut start, mut end) = (0, values.len());
    while end - start > width && values[end - 1] == CellKind::Empty {
        end -= 1;
    }
    while end - start > width && values[start] == CellKind::Empty {
        start += 1;
    }
    start..end.min(start + width)
}

#[derive(Default)]
struct Pending {
    label: String,
    key: Option<&'static str>,
    /// The label-only rows it was read from: table rows once values follow.
    rows: Vec<usize>,
}

/// A label-only row longer than this is a sentence, not the first part of a
/// wrapped row label.
const MAX_PENDING_CHARS: usize = 45;

pub fn extract(rows: &[Row]) -> Tables {
    let mut t = Tables::default();
    let mut header = RequestHeader::default();
    // Table 3's column labels and the grid cell each stands in, from `|`
    // header rows: where a value is, not its order, says its column.
    let mut header_cells: Vec<(&'static str, usize)> = Vec::new();
    // Each grid column's header text so far: a label a merged cell split
    // over two header rows (`自` / `然人`) reads whole.
    let mut header_texts: Vec<String> = Vec::new();
    let mut column_order: Option<[&'static str; 7]> = None;
    let mut seen_request_rows: Vec<&'static str> = Vec::new();
    let mut group: Option<RequestGroup> = None;
    let mut pending: Option<Pending> = None;
    let mut active_cols: Option<Vec<&'static str>> = None;
    let mut appeal_header = false;
    let mut appeal_header_text = String::new();
    let mut appeal_values: Vec<CellKind> = Vec::new();
    let mut appeal_rows: Vec<usize> = Vec::new();
    // The row and cell each of `appeal_values` came from.
    let mut appeal_value_rows: Vec<usize> = Vec::new();
    let mut appeal_value_cells: Vec<usize> = Vec::new();

    // The row holding the rest of a label a page cut, read with its numbers.
    let mut absorbed: Option<usize> = None;
    for (idx, row) in rows.iter().enumerate() {
        if absorbed == Some(idx) {
            absorbed = None;
            t.used_rows.push(idx);
            continue;
        }
        // Paragraphs are not table rows; skip them before any normalising.
        if row.kind == RowKind::Plain
            && row.cells.len() == 1
            && row.cells[0].len() > MAX_LABEL_CHARS * 3
        {
            pending = None;
            continue;
        }
        let split = row.split();
        let has_values = split.has_values();
        let Split {
            label,
            values,
            cells,
        } = split;
        let n = norm(&label);
        if n.chars().count() > MAX_LABEL_CHARS {
            pending = None;
            continue;
        }
        if !has_values {
            if n.is_empty() {
                continue;
            }
            // A row with labels only: a header, a group label, or the first part
            // of a label the PDF wrapped onto the next line.
            if let Some((cols, era)) = active_header(&n) {
                // Narrative lines may use these words; a header is a table row,
                // names 信息内容, or names several columns.
                let is_header =
                    row.kind != RowKind::Plain || n.contains("信息内容") || cols.len() >= 2;
                if is_header && !n.contains("申请") {
                    // Table 2's header: no table 3 column has begun.
                    header_texts.clear();
                    header_cells.clear();
                    active_cols = Some(cols);
                    if era.is_some() {
                        t.active_era = era;
                    }
                    t.used_rows.push(idx);
                    continue;
                }
            }
            if header.feed(&n) {
                column_order = None;
                if row.kind == RowKind::Pipe {
                    note_header_cells(&row.cells, &mut header_texts, &mut header_cells);
                }
                t.used_rows.push(idx);
                continue;
            }
            // Header rows holding only part of a label (`自` over `然人`)
            // are not headers to `feed`, but their cells add to the columns'.
            if row.kind == RowKind::Pipe && seen_request_rows.is_empty() {
                note_header_cells(&row.cells, &mut header_texts, &mut header_cells);
            }
            // Once table 4 has begun, every label-only row is more of its header.
            let appeal_caption = appeal_header
                || (is_appeal_header(&n) && t.request_rows > 0)
                || n.contains("结果维持");
            if appeal_values.is_empty() && appeal_caption {
                appeal_header = true;
                appeal_header_text.push_str(&n);
                t.used_rows.push(idx);
                continue;
            }
            if let Some(g) = request_group(&n) {
                group = Some(g);
            }
            if n.contains("总计") {
                group = None;
            }
            if n.chars().count() > MAX_PENDING_CHARS {
                pending = None;
                continue;
            }
            let key = match_request_row(&n, group);
            pending = Some(match pending.take() {
                // Keep joining a label wrapped over several lines.
                Some(mut p) if p.key.is_none() && p.label.chars().count() < 40 => {
                    p.label.push_str(&n);
                    p.key = key;
                    p.rows.push(idx);
                    p
                }
                _ => Pending {
                    label: n.clone(),
                    key,
                    rows: vec![idx],
                },
            });
            continue;
        }

        // A row with values.
        if !n.is_empty() {
            if let Some(item) = match_active_item(&n) {
                let cols: Vec<&'static str> = match &active_cols {
                    Some(c) => c.clone(),
                    None => active_default_columns(item, t.active_era == Some("2019")).to_vec(),
                };
                let mut vals = fit(&values, cols.len());
                let at = fit_cells(&values, &cells, cols.len());
                if row.kind == RowKind::Plain && values.len() < cols.len() && values.len() > 1 {
                    let keys = cols.iter().map(|c| format!("active.{item}.{c}")).collect();
                    t.left_blank(Blank::Unplaced, &n, &values, keys);
                    vals.iter_mut().for_each(|v| *v = None);
                }
                for ((col, v), cell) in cols.iter().zip(vals).zip(at) {
                    let key = format!("active.{item}.{col}");
                    if !t.stats.contains_key(&key) {
                        t.put(key, v, idx, cell);
                    }
                }
                t.active_rows += 1;
                t.used_rows.push(idx);
                pending = None;
                continue;
            }
        }
        if n.is_empty() && appeal_header && appeal_values.len() < APPEAL_WIDTH {
            push_appeal_values(&mut appeal_values, &values);
            appeal_value_cells.extend(&cells);
            appeal_value_cells.truncate(appeal_values.len());
            appeal_value_rows.resize(appeal_values.len(), idx);
            appeal_rows.push(idx);
            continue;
        }
        if let Some(g) = request_group(&n) {
            group = Some(g);
        }
        let key = match_request_row(&n, group).or_else(|| {
            let p = pending.as_ref()?;
            let joined = format!("{}{}", p.label, n);
            match_request_row(&joined, group).or(p.key)
        });
        let filled = values.iter().filter(|v| **v != CellKind::Empty).count();
        // A row a page cut: its numbers here, the rest of its label in the
        // next `|` row (page chrome between), which has no numbers.
        let key = key.or_else(|| {
            if t.request_rows == 0 || filled < MIN_REQUEST_CELLS || row.kind != RowKind::Pipe {
                return None;
            }
            let (j, next) = rows
                .iter()
                .enumerate()
                .skip(idx + 1)
                .take(4)
                .find(|(_, r)| r.kind != RowKind::Plain)?;
            let rest = next.split();
            if rest.has_values() || next.kind != RowKind::Pipe {
                return None;
            }
            let k = match_request_row(&format!("{n}{}", norm(&rest.label)), group)?;
            absorbed = Some(j);
            Some(k)
        });
        let label_rows = pending.take().map(|p| p.rows).unwrap_or_default();
        // Table 3 rows carry seven cells; a lone number under a matching label is
        // another table's (the legacy 统计表 has one value per indicator).
        if let Some(key) = key.filter(|_| filled >= MIN_REQUEST_CELLS) {
            if key == "total" {
                group = None;
            }
            let mut vals = fit(&values, REQUEST_WIDTH);
            let mut at = fit_cells(&values, &cells, REQUEST_WIDTH);
            let order = *column_order.get_or_insert_with(|| header.order());
            if !seen_request_rows.contains(&key) {
                seen_request_rows.push(key);
                let keys: Vec<String> = order.iter().map(|col| request_cell(key, col)).collect();
                let mut blank = None;
                if row.kind == RowKind::Pipe {
                    let header_width = header_texts.len();
                    match align_by_header(
                        &header_cells,
                        header_width,
                        row.cells.len(),
                        &order,
                        &values,
                        &cells,
                    ) {
                        Alignment::Same | Alignment::NoHeader => {}
                        Alignment::ByHeader(v, c) => (vals, at) = (v, c),
                        Alignment::Neither => blank = Some(Blank::Misaligned),
                    }
                }
                if row.kind == RowKind::Plain && values.len() < REQUEST_WIDTH {
                    blank = Some(Blank::Unplaced);
                }
                if let Some(why) = blank {
                    t.left_blank(why, &n, &values, keys.clone());
                    vals.iter_mut().for_each(|v| *v = None);
                }
                for ((cell, v), at) in keys.into_iter().zip(vals).zip(at) {
                    t.put(cell, v, idx, at);
                }
                t.request_rows += 1;
            }
            t.used_rows.push(idx);
            t.used_rows.extend(label_rows);
            continue;
        }
        let wants_appeal = (appeal_header || values.len() >= APPEAL_WIDTH) && n.is_empty();
        if wants_appeal && appeal_values.len() < APPEAL_WIDTH {
            push_appeal_values(&mut appeal_values, &values);
            appeal_value_cells.extend(&cells);
            appeal_value_cells.truncate(appeal_values.len());
            appeal_value_rows.resize(appeal_values.len(), idx);
            appeal_rows.push(idx);
        }
    }

    if t.request_rows < MIN_REQUEST_ROWS {
        let keep: Vec<bool> = t
            .stats
            .keys()
            .map(|k| !k.starts_with("requests."))
            .collect();
        let mut kept = keep.iter();
        t.sources.retain(|_| *kept.next().unwrap_or(&true));
        t.stats.retain(|k, _| !k.starts_with("requests."));
        t.request_rows = 0;
    }
    if !appeal_values.is_empty() {
        t.appeal_found = true;
        t.used_rows.extend(&appeal_rows);
        let (groups, results) = appeal_order(&appeal_header_text);
        let mut vals = fit(&appeal_values, APPEAL_WIDTH);
        let from_text = appeal_rows.iter().any(|&i| rows[i].kind == RowKind::Plain);
        if from_text && appeal_values.len() < APPEAL_WIDTH {
            let keys = groups
                .iter()
                .flat_map(|g| results.iter().map(move |r| format!("{g}.{r}")))
                .collect();
            t.left_blank(Blank::Unplaced, "行政复议、行政诉讼", &appeal_values, keys);
            vals.iter_mut().for_each(|v| *v = None);
        }
        let first = kept(&appeal_values, APPEAL_WIDTH).start;
        let mut i = 0;
        for g in groups {
            for r in results {
                let key = format!("{g}.{r}");
                // A blank cell past the table's end has no row: the last one.
                let row = appeal_value_rows
                    .get(first + i)
                    .or(appeal_value_rows.last())
                    .copied();
                let cell = appeal_value_cells.get(first + i).copied();
                t.put(key, vals[i], row.unwrap_or(NO_ROW), cell);
                i += 1;
            }
        }
    }
    t
}

/// The statistic key of table 3's row `key` in column `col`.
pub(crate) fn request_cell(key: &str, col: &str) -> String {
    request_key(key, col).map_or_else(|| format!("requests.{key}.{col}"), str::to_string)
}

/// Records which grid cell each of table 3's column labels stands in,
/// reading each column's header text down its header rows.
fn note_header_cells(
    cells: &[String],
    texts: &mut Vec<String>,
    out: &mut Vec<(&'static str, usize)>,
) {
    if texts.len() < cells.len() {
        texts.resize(cells.len(), String::new());
    }
    for (c, cell) in cells.iter().enumerate() {
        // Only a cell with text changes its column's label.
        if cell.is_empty() || out.len() == REQUEST_WIDTH {
            continue;
        }
        texts[c].push_str(&norm(cell));
        if let [(_, key)] = header_positions(&texts[c])[..] {
            if !out.iter().any(|(k, _)| *k == key) {
                out.push((key, c));
            }
        }
    }
}

/// How a `|` row of table 3 is read: by its values' order (`fit`), or by
/// where they stand under the header's labels.
#[derive(Debug, PartialEq)]
enum Alignment {
    /// No full header to align by.
    NoHeader,
    /// The order's reading: both agree, or only it adds up.
    Same,
    /// The header's columns, which the row's arithmetic (six applicant
    /// columns = 总计) accepts where the order's reading fails.
    ByHeader(Vec<Option<Num>>, Vec<Option<usize>>),
    /// The readings disagree and the arithmetic accepts neither.
    Neither,
}

/// Each column's value is the one cell under its label's span (from its
/// label's cell to the next label's). Where this and the order's reading
/// differ, the header's reading stands unless the row's sum (six applicant
/// columns = 总计) rejects it — the header is what the table says, and a row
/// of zeros or with 总计 left blank "adds up" in any order. Rejected, or
/// with a value left of every label or two under one, the order's reading
/// stands if it adds up, else neither (`Neither`).
fn align_by_header(
    header: &[(&'static str, usize)],
    header_width: usize,
    row_width: usize,
    order: &[&'static str; 7],
    values: &[CellKind],
    cells: &[usize],
) -> Alignment {
    let sums = |v: &[Option<Num>]| -> Option<bool> {
        let total = order.iter().position(|k| *k == "total")?;
        let t = v[total]?.0;
        let parts: f64 = (0..REQUEST_WIDTH)
            .filter(|&i| i != total)
            .map(|i| v[i].map_or(0.0, |n| n.0))
            .sum();
        Some((parts - t).abs() < 1e-6)
    };
    let by_order = fit(values, REQUEST_WIDTH);
    // A header on another grid (a table cut by a page, its header on one
    // grid and its rows on another) says nothing about this row's cells.
    let header_usable = header.len() >= REQUEST_WIDTH && header_width == row_width;
    let mut by_header: Vec<Option<Num>> = vec![None; REQUEST_WIDTH];
    let mut by_header_cells: Vec<Option<usize>> = vec![None; REQUEST_WIDTH];
    let mut header_fits = header_usable;
    if header_usable {
        let mut starts: Vec<(usize, &'static str)> = header.iter().map(|&(k, c)| (c, k)).collect();
        starts.sort();
        for (value, &cell) in values.iter().zip(cells) {
            let Some(n) = cell_value(value) else {
                continue;
            };
            // The label whose span holds this cell: the last one starting at or before it.
            let slot = starts
                .iter()
                .rev()
                .find(|(c, _)| *c <= cell)
                .and_then(|(_, key)| order.iter().position(|k| k == key));
            match slot {
                Some(slot) if by_header[slot].is_none() => {
                    by_header[slot] = Some(n);
                    by_header_cells[slot] = Some(cell);
                }
                // Left of every label, or two values under one.
                _ => header_fits = false,
            }
        }
        if header_fits && by_order == by_header {
            return Alignment::Same;
        }
        if header_fits && sums(&by_header) != Some(false) {
            return Alignment::ByHeader(by_header, by_header_cells);
        }
    }
    let order_sums = sums(&by_order);
    // More cells than columns with blanks among them: the order's reading
    // is a guess at which blank is which column (a row of zeros adds up
    // whatever the guess), so it needs the filled cells to say more.
    let gaps = values.len() > REQUEST_WIDTH
        && values[kept(values, REQUEST_WIDTH)].contains(&CellKind::Empty);
    if order_sums == Some(true) && !gaps {
        return Alignment::Same;
    }
    // Without a header to go by: the filled cells alone, when there are
    // exactly seven and they add up (a blank column the grid has and the
    // table does not).
    let filled: Vec<(Option<Num>, usize)> = values
        .iter()
        .zip(cells)
        .filter(|(v, _)| **v != CellKind::Empty)
        .map(|(v, &c)| (cell_value(v), c))
        .collect();
    if filled.len() == REQUEST_WIDTH {
        let dense: Vec<Option<Num>> = filled.iter().map(|(v, _)| *v).collect();
        if sums(&dense) == Some(true) {
            let at = filled.iter().map(|(_, c)| Some(*c)).collect();
            return Alignment::ByHeader(dense, at);
        }
    }
    // Nothing that adds up, or only a guess: which cell is which column is
    // not known.
    if gaps || header_usable {
        Alignment::Neither
    } else {
        Alignment::NoHeader
    }
}

/// Table 4's 15 cells may span several rows (PDF text); padding cells beyond 15 are dropped.
fn push_appeal_values(acc: &mut Vec<CellKind>, values: &[CellKind]) {
    let mut v = values.to_vec();
    while v.last() == Some(&CellKind::Empty) && acc.len() + v.len() > APPEAL_WIDTH {
        v.pop();
    }
    acc.extend(v);
}

/// Group and result order of table 4 from its header text; the template order
/// unless the header names every result unambiguously in another order.
fn appeal_order(header: &str) -> ([&'static str; 3], [&'static str; 5]) {
    let mut groups = APPEAL_GROUPS.map(|(k, _)| k);
    if let (Some(a), Some(b)) = (header.find("未经复议直接起诉"), header.find("复议后起诉"))
    {
        // "未经复议直接起诉" does not contain "复议后起诉", so positions are honest.
        if b < a {
            groups.swap(1, 2);
        }
    }
    let mut found: Vec<(usize, &'static str)> = APPEAL_RESULTS
        .iter()
        .filter_map(|(k, label)| header.find(label).map(|p| (p, *k)))
        .collect();
    let mut results = APPEAL_RESULTS.map(|(k, _)| k);
    if found.len() == 5 {
        found.sort();
        for (slot, (_, k)) in results.iter_mut().zip(found) {
            *slot = k;
        }
    }
    (groups, results)
}
