//! One report file → the parsed object of SCHEMA.md.
//!
//! bytes → text (decode) → lines (HTML flattened first) → rows of cells (layout
//! detection) → canonical tables, legacy 统计表, sections and metadata.
//! Checks and identity come after, in `crate::read`; parsing knows nothing of
//! them, of the index or of the TUI.

pub mod decode;
pub mod doc;
pub mod docx;
pub mod flat;
pub mod grid;
pub mod html;
pub mod labels;
pub mod legacy;
pub mod markdown;
pub mod meta;
pub mod pdf;
pub mod rows;
pub mod sections;
pub mod sidecar;
pub mod split;
pub mod tables;
pub mod text;

#[cfg(test)]
mod test_samples;

use std::borrow::Cow;

use crate::model::{Evidence, Format, Layout, Report, SourceRow, Template};
use rows::RowKind;

#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("empty file")]
    Empty,
    #[error("binary file ({0}), not a text report")]
    Binary(String),
    #[error("not UTF-8, UTF-16 or GB18030 text")]
    Encoding,
    #[error("no report found: no section headings, statistics table or report title")]
    NotAReport,
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// A Word document that could not be read, and why.
    #[error("{0}")]
    Docx(String),
    /// A Word 97 .doc (or .wps) that could not be read, and why.
    #[error("{0}")]
    Doc(String),
    /// A PDF that could not be read, and why.
    #[error("{0}")]
    Pdf(String),
    #[error("sidecar {0}")]
    Sidecar(String),
}

/// A parsed report and the text it was read from (HTML flattened), which
/// identity reads for addresses. `body_id` is left empty and findings hold
/// only what parsing itself found (digits it could not split, `flat`): the
/// reading pipeline (`crate::read_text`) places the body and adds the
/// checks' findings, in its order.
pub struct Parsed<'a> {
    pub report: Report,
    pub text: Cow<'a, str>,
    /// What parsing itself found (cells it had to leave blank, and why);
    /// the checks' findings join them.
    pub findings: Vec<crate::model::Finding>,
}

/// Parses a report's text; `with_evidence` also records where each
/// statistic was read (what `xxgk parse` shows; indexing has no use for it).
pub fn parse_text<'a>(
    source: &str,
    text: &'a str,
    with_evidence: bool,
) -> Result<Parsed<'a>, ParseError> {
    let is_html = html::looks_like_html(source, text);
    let is_markdown = !is_html && markdown::looks_like_markdown(source, text);
    let text: Cow<'a, str> = if is_html {
        Cow::Owned(html::to_text(text))
    } else if is_markdown {
        Cow::Owned(markdown::to_text(text))
    } else {
        Cow::Borrowed(text)
    };
    // Flattened page text is written back as lines first (`flat`).
    let (text, flat) = match flat::unflatten(&text) {
        Some(mut f) => (Cow::Owned(std::mem::take(&mut f.text)), Some(f)),
        None => (text, None),
    };
    let lines = rows::clean_lines(&text);
    let rows = rows::rows(&lines);

    let mut tables = tables::extract(&rows);
    let mut used_rows = std::mem::take(&mut tables.used_rows);
    let mut stats = std::mem::take(&mut tables.stats);
    let mut sources = std::mem::take(&mut tables.sources);
    let mut findings = std::mem::take(&mut tables.findings);
    let mut legacy_found = false;
    if tables.request_rows == 0 {
        if let Some(start) = legacy::table_start(&rows) {
            let legacy = legacy::extract(&rows, start);
            if !legacy.stats.is_empty() {
                legacy_found = true;
                for ((key, value), row) in legacy.stats.into_iter().zip(legacy.sources) {
                    let (i, old) = stats.insert_full(key, value);
                    if old.is_none() {
                        sources.push(row);
                    } else {
                        sources[i] = row;
                    }
                }
                used_rows.extend(legacy.used_rows);
            }
        }
    }

    // Headings are found once; tables, metadata and sections all consult them.
    let headings: Vec<Option<sections::Heading>> =
        lines.iter().map(|l| sections::heading(l)).collect();
    absorb_table_captions(&rows, &headings, &mut used_rows);
    let mut table_line = vec![false; lines.len()];
    let mut row_used = vec![false; rows.len()];
    for &i in &used_rows {
        row_used[i] = true;
    }
    for (i, row) in rows.iter().enumerate() {
        if row.kind != RowKind::Plain || row_used[i] {
            table_line[row.first..=row.last]
                .iter_mut()
                .for_each(|b| *b = true);
        }
    }
    let first_heading = headings
        .iter()
        .position(|h| {
            matches!(
                h.as_ref().map(|h| &h.kind),
                Some(sections::HeadingKind::Part(_))
            )
        })
        .unwrap_or(lines.len());
    let meta = meta::extract(&lines, first_heading);
    let sections::Split {
        sections,
        preamble,
        rest,
    } = sections::split(&lines, &headings, &table_line, meta.title_end);

    if sections.is_empty() && stats.is_empty() && meta.body.is_none() {
        return Err(ParseError::NotAReport);
    }

    let template = if tables.request_rows > 0 || tables.active_rows > 0 || tables.appeal_found {
        // 2021 splits （六）其他处理 into three sub-rows; 2019 has it as one row.
        let other_rows = |dots: usize| {
            stats.keys().any(|k| {
                k.starts_with("requests.other_processing.") && k.matches('.').count() == dots
            })
        };
        let (has_2021_rows, has_2019_row) = (other_rows(3), other_rows(2));
        match tables.active_era {
            Some("2021") => Template::T2021,
            Some("2019") => Template::T2019,
            _ if has_2021_rows && !has_2019_row => Template::T2021,
            _ if has_2019_row => Template::T2019,
            _ => match meta.year {
                Some(y) if y >= 2021 => Template::T2021,
                Some(y) if y >= 2019 => Template::T2019,
                _ => Template::Unknown,
            },
        }
    } else if legacy_found {
        Template::Legacy
    } else {
        Template::Unknown
    };

    let layout = if is_html {
        Layout::Html
    } else if stats.is_empty() {
        Layout::None
    } else {
        dominant_layout(&rows, &used_rows)
    };

    let mut evidence = if with_evidence {
        evidence(&stats, &sources, &rows, &lines)
    } else {
        Evidence::default()
    };
    if is_markdown {
        // A converter's tables are cut and their header rows made up: the
        // line in the file is the place, not a cell of a grid.
        evidence.cells.clear();
    }
    // Findings of the splitting, for the cells the tables kept; the checks
    // come after (`crate::read`), which keep them.
    if let Some(f) = flat {
        for row in &mut evidence.rows {
            if let Some((_, note)) = f.notes.iter().find(|(l, _)| *l + 1 == row.line) {
                row.split = Some(note.clone());
            }
            // Lines of the text as given, not as written back.
            row.line = f.line_map.get(row.line - 1).map_or(row.line, |l| l + 1);
        }
        for mut finding in f.findings {
            finding.keys.retain(|k| stats.contains_key(k));
            if !finding.keys.is_empty() {
                findings.push(finding);
            }
        }
    }
    let report = Report {
        source: source.to_string(),
        body: meta.body,
        body_id: None,
        year: meta.year,
        template,
        sections,
        stats,
        findings: Vec::new(),
        layout,
        format: if is_html {
            Format::Html
        } else if is_markdown {
            Format::Markdown
        } else {
            Format::Text
        },
        evidence,
        preamble,
        other_text: rest,
    };
    Ok(Parsed {
        report,
        text,
        findings,
    })
}

/// Where each statistic was read: its row's first line and text, and for
/// a `|` row its cell in its table.
fn evidence(
    stats: &crate::model::Stats,
    sources: &[tables::Source],
    rows: &[rows::Row],
    lines: &[String],
) -> Evidence {
    let mut out = Evidence::default();
    let grid_rows = grid_rows(lines);
    // Row index → its place in `out.rows`: a row is written once.
    let mut placed: rustc_hash::FxHashMap<usize, usize> = Default::default();
    for (key, source) in stats.keys().zip(sources) {
        let idx = source.row;
        let Some(row) = rows.get(idx) else {
            continue;
        };
        if let (RowKind::Pipe, Some(cell), Some((table, r))) =
            (row.kind, source.cell, grid_rows[row.first])
        {
            out.cells.insert(key.clone(), [table, r, cell]);
        }
        let at = *placed.entry(idx).or_insert_with(|| {
            let text = if row.first == row.last {
                lines[row.first].trim().to_string()
            } else {
                row.cells.join(" | ")
            };
            // A row spread over lines (one cell a line) may open with a blank cell.
            let line = (row.first..=row.last)
                .find(|&i| !lines[i].trim().is_empty())
                .unwrap_or(row.first);
            out.rows.push(SourceRow {
                line: line + 1,
                text,
                page: None,
                bbox: None,
                split: None,
            });
            out.rows.len() - 1
        });
        out.keys.insert(key.clone(), at);
    }
    out
}

/// For each line of `|` rows, its table (the n-th run of `|` lines) and its
/// row in that table: the grids HTML and Word tables are written as
/// (`grid::push_rows`) keep every row and end with a blank line.
fn grid_rows(lines: &[String]) -> Vec<Option<(usize, usize)>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut table = None;
    let mut row = 0;
    for line in lines {
        let line = line.trim_start();
        if line.starts_with('|') {
            match &mut table {
                Some(_) if out.last().is_some_and(Option::is_some) => row += 1,
                _ => {
                    table = Some(table.map_or(0, |t| t + 1));
                    row = 0;
                }
            }
            out.push(table.map(|t| (t, row)));
        } else {
            out.push(None);
        }
    }
    out
}

/// Short label-only lines between table rows (`第二十条第（五）项`, header lines a
/// PDF split) belong to the table, not to the narrative.
fn absorb_table_captions(
    rows: &[rows::Row],
    headings: &[Option<sections::Heading>],
    used: &mut Vec<usize>,
) {
    let mut is_used = vec![false; rows.len()];
    for &i in used.iter() {
        is_used[i] = true;
    }
    let is_heading: Vec<bool> = rows.iter().map(|r| headings[r.first].is_some()).collect();
    let caption_like = |r: &rows::Row| {
        let text = r.cells.join("");
        r.kind == RowKind::Plain
            && (text.contains("勾稽关系")
                || (text.chars().count() <= 40 && !text.contains(['。', '，', '；', ';'])))
    };
    let mut i = 0;
    while i < rows.len() {
        if is_used[i] || is_heading[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < rows.len() && !is_used[i] && !is_heading[i] && caption_like(&rows[i]) {
            i += 1;
        }
        let bounded_above = start > 0 && (is_used[start - 1] || is_heading[start - 1]);
        let bounded_below = i < rows.len() && is_used[i];
        if i > start && bounded_above && bounded_below {
            used.extend(start..i);
        }
        if i == start {
            i += 1;
        }
    }
}

fn dominant_layout(rows: &[rows::Row], used: &[usize]) -> Layout {
    let mut counts = [0usize; 3];
    for &i in used {
        counts[match rows[i].kind {
            RowKind::Pipe => 0,
            RowKind::Cells => 1,
            RowKind::Plain => 2,
        }] += 1;
    }
    let max = counts.iter().max().copied().unwrap_or(0);
    if max == 0 {
        Layout::None
    } else if counts[0] == max {
        Layout::Pipe
    } else if counts[1] == max {
        Layout::CellPerLine
    } else {
        Layout::PdfText
    }
}
