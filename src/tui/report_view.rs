//! The report view model: a report as the lines the report screen shows
//! (sections, tables as aligned rows with flagged cells, findings), and the
//! tables the browser copies and exports. Labels and column headers come from
//! the template vocabulary (`xxgk_core::template`).

use std::collections::HashSet;

use crate::corpus::series::{Comparison, Trend};
use crate::text::width;
use xxgk_core::model::{Report, Severity};
use xxgk_core::template::{
    legacy_label, APPEAL_GROUPS, APPEAL_RESULTS, APPEAL_RESULTS_SHORT, REQUEST_COLUMNS,
    REQUEST_COLUMNS_SHORT, REQUEST_ROWS,
};

// The short headers name the template's columns one for one.
const _: () = assert!(REQUEST_COLUMNS_SHORT.len() == REQUEST_COLUMNS.len());
const _: () = assert!(APPEAL_RESULTS_SHORT.len() == APPEAL_RESULTS.len());

/// One line of the report view. Tables are one line per row, sharing widths.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportLine {
    Title(String),
    Heading(String),
    Text(String),
    /// A table row: cells, the table's column widths, the columns with findings,
    /// whether it is the header, and the table it belongs to.
    Row {
        cells: Vec<String>,
        /// The statistic key of each cell (`None` for labels and headers).
        keys: Vec<Option<String>>,
        widths: Vec<usize>,
        flagged: Vec<usize>,
        header: bool,
        table: usize,
    },
    Finding {
        error: bool,
        text: String,
    },
    Blank,
}

/// A table of the report view: its name and rows (header first).
pub type Table = (String, Vec<Vec<String>>);

/// Rows of a table to show: (label, statistic key of each value cell).
type Spec = Vec<(String, Vec<String>)>;

fn active_spec(r: &Report) -> Spec {
    r.stats
        .keys()
        .filter(|k| k.starts_with("active."))
        .map(|k| {
            let label = xxgk_core::template::active_label(k)
                .unwrap_or_else(|| k["active.".len()..].to_string());
            (label, vec![k.clone()])
        })
        .collect()
}

fn requests_spec(r: &Report) -> Spec {
    REQUEST_ROWS
        .iter()
        .map(|(row, label)| {
            let keys = REQUEST_COLUMNS
                .iter()
                .map(|(c, _)| format!("requests.{row}.{c}"))
                .collect();
            (label.to_string(), keys)
        })
        .filter(|(_, keys): &(String, Vec<String>)| keys.iter().any(|k| r.stats.contains_key(k)))
        .collect()
}

fn appeals_spec() -> Spec {
    APPEAL_GROUPS
        .iter()
        .map(|(g, label)| {
            (
                label.to_string(),
                APPEAL_RESULTS
                    .iter()
                    .map(|(res, _)| format!("{g}.{res}"))
                    .collect(),
            )
        })
        .collect()
}

fn legacy_spec(r: &Report) -> Spec {
    r.stats
        .keys()
        .filter(|k| k.starts_with("legacy."))
        .map(|k| (legacy_label(k).to_string(), vec![k.clone()]))
        .collect()
}

/// A table's header: its name, then the column headers.
fn header<'a>(name: &'a str, columns: &[&'a str]) -> Vec<&'a str> {
    std::iter::once(name)
        .chain(columns.iter().copied())
        .collect()
}

/// Builds the report view's lines: sections with their text, tables as
/// aligned rows with flagged cells, then the findings.
pub fn report_lines(r: &Report, flagged_keys: &HashSet<String>) -> (Vec<ReportLine>, Vec<Table>) {
    let mut lines = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let finding_keys: HashSet<&str> = r
        .findings
        .iter()
        .flat_map(|f| f.keys.iter().map(String::as_str))
        .collect();
    let is_flagged = |k: &str| finding_keys.contains(k) || flagged_keys.contains(k);
    let cell = |k: &str| {
        r.stats.get(k).map_or(String::new(), |v| {
            v.map_or("·".to_string(), |n| n.to_string())
        })
    };
    let mut push_table = |lines: &mut Vec<ReportLine>, name: &str, header: &[&str], spec: Spec| {
        if spec.is_empty() {
            return;
        }
        let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
        let mut flags: Vec<Vec<usize>> = vec![vec![]];
        for (label, keys) in &spec {
            rows.push(
                std::iter::once(label.clone())
                    .chain(keys.iter().map(|k| cell(k)))
                    .collect(),
            );
            flags.push(
                keys.iter()
                    .enumerate()
                    .filter(|(_, k)| is_flagged(k))
                    .map(|(i, _)| i + 1)
                    .collect(),
            );
        }
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; cols];
        for row in &rows {
            for (i, c) in row.iter().enumerate() {
                widths[i] = widths[i].max(width(c) + 1);
            }
        }
        let t = tables.len();
        let keys_of = |i: usize| -> Vec<Option<String>> {
            match i.checked_sub(1).and_then(|r| spec.get(r)) {
                Some((_, keys)) => std::iter::once(None)
                    .chain(keys.iter().cloned().map(Some))
                    .collect(),
                None => Vec::new(),
            }
        };
        for (i, (row, flagged)) in rows.iter().zip(flags).enumerate() {
            lines.push(ReportLine::Row {
                keys: keys_of(i),
                cells: row.clone(),
                widths: widths.clone(),
                flagged,
                header: i == 0,
                table: t,
            });
        }
        tables.push((name.to_string(), rows));
    };
    lines.push(ReportLine::Title(format!(
        "{} · {} · {} 模板 · {}",
        r.body.as_deref().unwrap_or("(未署名)"),
        r.year.map_or("----".into(), |y| y.to_string()),
        r.template.as_str(),
        r.source
    )));
    for s in &r.sections {
        lines.push(ReportLine::Blank);
        lines.push(ReportLine::Heading(if s.number == 0 {
            "前言".into()
        } else {
            format!("{} {}", s.number, s.title)
        }));
        for p in s.text.lines().filter(|l| !l.trim().is_empty()) {
            lines.push(ReportLine::Text(p.trim().to_string()));
        }
        match s.number {
            2 => push_table(
                &mut lines,
                "table2",
                &["表二 主动公开", "数值"],
                active_spec(r),
            ),
            3 => push_table(
                &mut lines,
                "table3",
                &header("表三", &REQUEST_COLUMNS_SHORT),
                requests_spec(r),
            ),
            4 if r.stats.contains_key("review.total") => push_table(
                &mut lines,
                "table4",
                &header("表四", &APPEAL_RESULTS_SHORT),
                appeals_spec(),
            ),
            _ => {}
        }
    }
    let legacy = legacy_spec(r);
    if !legacy.is_empty() {
        lines.push(ReportLine::Blank);
        lines.push(ReportLine::Heading("统计表".into()));
        push_table(&mut lines, "legacy", &["指标", "数值"], legacy);
    }
    lines.push(ReportLine::Blank);
    if r.findings.is_empty() {
        lines.push(ReportLine::Heading("检查 findings: none".into()));
    } else {
        lines.push(ReportLine::Heading(format!(
            "检查 findings: {}",
            r.findings.len()
        )));
        for f in &r.findings {
            lines.push(ReportLine::Finding {
                error: f.severity == Severity::Error,
                text: format!("{}  {}", f.rule, f.message),
            });
        }
    }
    (lines, tables)
}

/// Where the value under the cursor was read, as one line: the source line,
/// the table cell and the PDF page; `None` off a table's values.
pub fn evidence_line(
    lines: &[ReportLine],
    cursor: usize,
    col: usize,
    e: &xxgk_core::model::Evidence,
) -> Option<String> {
    let ReportLine::Row { keys, header, .. } = lines.get(cursor)? else {
        return None;
    };
    if *header {
        return None;
    }
    let key = keys.get(col)?.as_deref()?;
    let Some(row) = e.get(key) else {
        return Some(format!(
            "{key}: where it was read is not recorded (index the file again to keep it)"
        ));
    };
    let mut place = format!("第 {} 行", row.line);
    if let Some([t, rr, c]) = e.cell(key) {
        place.push_str(&format!(" · 表 {} 行 {} 列 {}", t + 1, rr + 1, c + 1));
    }
    if let Some(p) = row.page {
        place.push_str(&format!(" · 第 {p} 页"));
    }
    let split = row
        .split
        .as_ref()
        .map_or(String::new(), |s| format!("  (拆分 {s})"));
    Some(format!("{key} 来源 {place}: {}{split}", row.text.trim()))
}

/// A line's text, as the search's words are looked for in it.
fn line_text(l: &ReportLine) -> String {
    match l {
        ReportLine::Title(t) | ReportLine::Heading(t) | ReportLine::Text(t) => t.clone(),
        ReportLine::Row { cells, .. } => cells.join(" "),
        ReportLine::Finding { text, .. } => text.clone(),
        ReportLine::Blank => String::new(),
    }
}

/// The lines n/N move between: those holding one of `needles` (any case),
/// and table rows with flagged cells.
pub fn hit_lines(lines: &[ReportLine], needles: &[String]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let t = line_text(l).to_lowercase();
            needles.iter().any(|n| t.contains(&n.to_lowercase()))
                || matches!(l, ReportLine::Row { flagged, .. } if !flagged.is_empty())
        })
        .map(|(i, _)| i)
        .collect()
}

/// The heading line of section `n` (0: the preface).
pub fn section_start(lines: &[ReportLine], n: u8) -> Option<usize> {
    let heading = if n == 0 {
        "前言".to_string()
    } else {
        format!("{n} ")
    };
    lines.iter().position(
        |l| matches!(l, ReportLine::Heading(h) if h == &heading || h.starts_with(&heading)),
    )
}

/// What copying line `l` of a report copies: a table row copies its table.
pub fn copy_text(l: &ReportLine, tables: &[Table]) -> Option<String> {
    match l {
        ReportLine::Row { table, .. } => Some(tsv(&tables[*table].1)),
        ReportLine::Text(t) | ReportLine::Heading(t) | ReportLine::Title(t) => Some(t.clone()),
        ReportLine::Finding { text, .. } => Some(text.clone()),
        ReportLine::Blank => None,
    }
}

/// Rows as tab-separated text (what the clipboard gets).
pub fn tsv(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|r| r.join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rows as CSV (what `e` writes).
pub fn csv(rows: &[Vec<String>]) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    for r in rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A body's trend as a table: a row per metric, a column per year.
pub fn trend_table(t: &Trend) -> Vec<Vec<String>> {
    let mut rows = vec![std::iter::once("指标".to_string())
        .chain(t.years.iter().map(|y| y.to_string()))
        .collect()];
    for r in &t.rows {
        rows.push(
            std::iter::once(r.label.to_string())
                .chain(r.cells.iter().map(|c| c.to_string()))
                .collect(),
        );
    }
    rows
}

/// A comparison as a table: a row per metric, a column per body.
pub fn compare_table(c: &Comparison) -> Vec<Vec<String>> {
    let mut rows = vec![std::iter::once("指标".to_string())
        .chain(c.bodies.iter().cloned())
        .collect()];
    for r in &c.rows {
        rows.push(
            std::iter::once(r.label.to_string())
                .chain(r.cells.iter().map(|c| c.to_string()))
                .collect(),
        );
    }
    rows
}
