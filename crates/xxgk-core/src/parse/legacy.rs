//! The legacy era (before 2019): the 政府信息公开情况统计表 of indicator / unit /
//! value. Its cells are read as one stream, whatever the layout: text cells build
//! the indicator's label, the next number is its value.

use super::labels::match_legacy;
use super::rows::Row;
use super::tables::Source;
use super::text::{classify, norm, CellKind};
use crate::model::{Num, Stats};

#[derive(Debug, Default)]
pub struct Legacy {
    pub stats: Stats,
    pub used_rows: Vec<usize>,
    /// For each statistic, in `stats` order, the row (index into the row
    /// list) its value was in.
    pub sources: Vec<Source>,
}

/// Where the 统计表 starts: its title or its 统计指标 header.
pub fn table_start(rows: &[Row]) -> Option<usize> {
    rows.iter().position(|r| {
        let n = norm(&r.cells.join(""));
        (n.contains("统计表") && n.chars().count() < 40) || n.contains("统计指标")
    })
}

pub fn extract(rows: &[Row], start: usize) -> Legacy {
    let mut out = Legacy::default();
    let mut label = String::new();
    let mut group: Option<&'static str> = None;
    for (idx, row) in rows.iter().enumerate().skip(start) {
        out.used_rows.push(idx);
        for (c, cell) in row.cells.iter().enumerate() {
            let value = match classify(cell) {
                CellKind::Text => {
                    label.push_str(&norm(cell));
                    continue;
                }
                CellKind::Unit | CellKind::Empty => continue,
                CellKind::Number(v) => Some(Num(v)),
                CellKind::Placeholder => None,
            };
            if !label.is_empty() {
                if let Some(key) = match_legacy(tail(&label, MAX_LABEL_CHARS), &mut group) {
                    if !out.stats.contains_key(key) {
                        out.sources.push(Source {
                            row: idx,
                            cell: Some(c),
                        });
                        out.stats.insert(key.to_string(), value);
                    }
                }
            }
            label.clear();
        }
    }
    out
}

/// Group headings without a value run into the next label; only its end matters.
const MAX_LABEL_CHARS: usize = 80;

fn tail(s: &str, chars: usize) -> &str {
    let count = s.chars().count();
    if count <= chars {
        return s;
    }
    let skip = s.char_indices().nth(count - chars).map_or(0, |(i, _)| i);
    &s[skip..]
}
