//! The readable summary of one parsed report (`xxgk parse` without `--json`).

use std::fmt::Write;

use super::table::grid;
use crate::text::truncate;
use xxgk_core::model::{Report, Severity};
use xxgk_core::template::{
    legacy_label, APPEAL_GROUPS, APPEAL_RESULTS, REQUEST_COLUMNS, REQUEST_ROWS,
};

/// Short column headers so the grid fits 80 columns.
const SHORT_COLUMNS: [&str; 7] = ["自然人", "商业", "科研", "公益", "法律", "其他", "总计"];

fn cell(v: Option<Option<xxgk_core::model::Num>>) -> String {
    match v {
        Some(Some(n)) => n.to_string(),
        Some(None) => "·".to_string(),
        None => String::new(),
    }
}

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "== {}", r.source);
    let body = r.body.as_deref().unwrap_or("(not stated)");
    let id = r
        .body_id
        .as_deref()
        .map(|i| format!("  [{i}]"))
        .unwrap_or_default();
    let _ = writeln!(out, "body      {body}{id}");
    let year = r.year.map_or("(not stated)".to_string(), |y| y.to_string());
    let _ = writeln!(out, "year      {year}");
    let _ = writeln!(
        out,
        "template  {}    layout {:?}    read as {}",
        r.template.as_str(),
        r.layout,
        r.format.as_str()
    );
    let _ = writeln!(out, "sections");
    for n in 1..=6u8 {
        match r.sections.iter().find(|s| s.number == n) {
            Some(s) => {
                let _ = writeln!(
                    out,
                    "  {n} {}  ({} 字)",
                    truncate(&s.title, 50),
                    s.text.chars().count()
                );
            }
            None => {
                let _ = writeln!(out, "  {n} (missing)");
            }
        }
    }
    if r.stats.keys().any(|k| k.starts_with("requests.")) {
        let _ = writeln!(out, "table 3  收到和处理政府信息公开申请情况  (· = blank)");
        let mut rows = vec![std::iter::once(String::new())
            .chain(SHORT_COLUMNS.iter().map(|s| s.to_string()))
            .collect::<Vec<_>>()];
        for (row, label) in REQUEST_ROWS {
            if !r.stats.keys().any(|k| {
                k.starts_with(&format!("requests.{row}."))
                    && k.matches('.').count() == row.matches('.').count() + 2
            }) {
                continue;
            }
            let mut line = vec![truncate(label, 20)];
            for (col, _) in REQUEST_COLUMNS {
                line.push(cell(r.stats.get(&format!("requests.{row}.{col}")).copied()));
            }
            rows.push(line);
        }
        out.push_str(&indent(&grid(&rows, 1)));
    }
    if r.stats.keys().any(|k| k.starts_with("review.")) {
        let _ = writeln!(out, "table 4  行政复议、行政诉讼");
        let mut rows = vec![std::iter::once(String::new())
            .chain(APPEAL_RESULTS.iter().map(|(_, l)| l.to_string()))
            .collect::<Vec<_>>()];
        for (g, gl) in APPEAL_GROUPS {
            let mut line = vec![gl.to_string()];
            for (res, _) in APPEAL_RESULTS {
                line.push(cell(r.stats.get(&format!("{g}.{res}")).copied()));
            }
            rows.push(line);
        }
        out.push_str(&indent(&grid(&rows, 2)));
    }
    let active: Vec<String> = r
        .stats
        .iter()
        .filter(|(k, _)| k.starts_with("active."))
        .map(|(k, v)| format!("{}={}", &k["active.".len()..], cell(Some(*v))))
        .collect();
    if !active.is_empty() {
        let _ = writeln!(out, "table 2  {}", active.join("  "));
    }
    let legacy: Vec<Vec<String>> = r
        .stats
        .iter()
        .filter(|(k, _)| k.starts_with("legacy."))
        .map(|(k, v)| vec![legacy_label(k).to_string(), cell(Some(*v))])
        .collect();
    if !legacy.is_empty() {
        let _ = writeln!(out, "统计表 (legacy)");
        out.push_str(&indent(&grid(&legacy, 2)));
    }
    if read_nothing(r) {
        let _ = writeln!(
            out,
            "findings  none, but nothing was checked: {}",
            NOTHING_READ
        );
    } else if r.findings.is_empty() {
        let _ = writeln!(out, "findings  none: every rule passes");
    } else {
        let _ = writeln!(out, "findings  {}", r.findings.len());
        for f in &r.findings {
            let mark = match f.severity {
                Severity::Error => "error  ",
                Severity::Warning => "warning",
            };
            let _ = writeln!(out, "  {mark} {}  {}", f.rule, f.message);
        }
    }
    out
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("  {l}\n")).collect()
}

/// Why a report with no sections and no statistics is not a pass.
pub const NOTHING_READ: &str =
    "no sections and no statistics tables were read (is it a report, and in the format its name says?)";

/// Whether nothing of a report's own was read: no sections, no statistics.
pub fn read_nothing(r: &xxgk_core::model::Report) -> bool {
    r.sections.is_empty() && r.stats.is_empty()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_report_with_nothing_read_is_not_a_pass() {
        let (name, bytes) = crate::samples::SAMPLES[0];
        let mut r = xxgk_core::read_bytes(name, bytes).unwrap();
        r.sections.clear();
        r.stats.clear();
        r.findings.clear();
        let text = super::render(&r);
        assert!(!text.contains("every rule passes"), "{text}");
        assert!(text.contains("nothing was checked"), "{text}");
    }
}
