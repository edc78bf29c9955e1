//! The template's own consistency rules (勾稽关系), judged on one report.
//! Rule names are those of `shared/SCHEMA.md`. Corpus rules (carry_chain) live
//! in `corpus::rules`, which sees every year of a body. `narrative` compares
//! the counts the text states with the table (`narrative.table`).

pub mod narrative;

use crate::model::{Finding, Num, Report, Severity, Stats, Template};
use crate::template::{
    cell_label, legacy_label, request_key, request_row_label, APPEAL_GROUPS, APPEAL_RESULTS,
    LEGACY_SUMS, OUTCOMES_2021, REQUEST_COLUMNS, REQUEST_ROWS,
};

/// Every per-report finding, in a stable order: arithmetic errors, then missing cells.
pub fn check(template: Template, stats: &Stats) -> Vec<Finding> {
    let mut out = Vec::new();
    if has_prefix(stats, "requests.") {
        requests_balance(stats, &mut out);
        requests_outcomes(stats, &mut out);
        requests_columns(stats, &mut out);
    }
    if has_prefix(stats, "review.") {
        appeals_sum(stats, &mut out);
    }
    if has_prefix(stats, "legacy.") {
        legacy_sums(stats, &mut out);
    }
    missing_cells(template, stats, &mut out);
    out
}

/// The statistics the corpus rules compare between a body's consecutive
/// years (`requests.carry_chain`, `active.in_force_chain`). The index stores
/// them beside each report's findings so that checking a whole corpus does not
/// read every statistic of every report.
pub fn cross_year_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = ["carried_over", "carried_forward"]
        .iter()
        .flat_map(|row| REQUEST_COLUMNS.iter().map(move |(col, _)| rkey(row, col)))
        .collect();
    keys.extend([
        "active.regulations.in_force",
        "active.regulations.issued",
        "active.regulations.repealed",
        "active.normative_documents.in_force",
        "active.normative_documents.issued",
        "active.normative_documents.repealed",
    ]);
    keys
}

/// The values a report has for `cross_year_keys` (finite numbers only).
pub fn cross_year_values(report: &Report) -> std::collections::HashMap<String, f64> {
    cross_year_keys()
        .into_iter()
        .filter_map(|k| Some((k.to_string(), report.stat(k)?)))
        .filter(|(_, v)| v.is_finite())
        .collect()
}

/// A table 3 key; rows and columns here always come from the template tables.
fn rkey(row: &str, col: &str) -> &'static str {
    request_key(row, col).unwrap_or("requests.?")
}

fn owned(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

fn has_prefix(stats: &Stats, prefix: &str) -> bool {
    stats.keys().any(|k| k.starts_with(prefix))
}

/// The value of a cell: `Err` when it is blank or absent (the sum is then skipped).
fn get(stats: &Stats, key: &str) -> Option<f64> {
    stats.get(key).copied().flatten().map(|n: Num| n.0)
}

fn fmt(v: f64) -> String {
    Num(v).to_string()
}

fn sum<K: AsRef<str>>(stats: &Stats, keys: &[K]) -> Option<f64> {
    keys.iter().map(|k| get(stats, k.as_ref())).sum()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

fn error(rule: &str, message: String, keys: Vec<String>) -> Finding {
    Finding {
        rule: rule.into(),
        severity: Severity::Error,
        message,
        keys,
    }
}

fn requests_balance(stats: &Stats, out: &mut Vec<Finding>) {
    for (col, col_label) in REQUEST_COLUMNS {
        let keys: Vec<&str> = ["new_received", "carried_over", "total", "carried_forward"]
            .iter()
            .map(|row| rkey(row, col))
            .collect();
        let vals: Option<Vec<f64>> = keys.iter().map(|k| get(stats, k)).collect();
        let Some(v) = vals else { continue };
        if !close(v[0] + v[1], v[2] + v[3]) {
            let keys = owned(&keys);
            out.push(error(
                "requests.balance",
                format!(
                    "{col_label}: 本年新收 {} + 上年结转 {} ≠ 总计 {} + 结转下年度 {}",
                    fmt(v[0]),
                    fmt(v[1]),
                    fmt(v[2]),
                    fmt(v[3])
                ),
                keys,
            ));
        }
    }
}

fn outcome_rows(stats: &Stats) -> Vec<&'static str> {
    let uses_2021 = [
        "other_processing.no_correction",
        "other_processing.unpaid_fee",
        "other_processing.other",
    ]
    .iter()
    .any(|r| {
        REQUEST_COLUMNS
            .iter()
            .any(|(c, _)| stats.contains_key(rkey(r, c)))
    });
    OUTCOMES_2021
        .iter()
        .copied()
        .filter(|r| uses_2021 || !r.starts_with("other_processing"))
        .chain((!uses_2021).then_some("other_processing"))
        .collect()
}

fn requests_outcomes(stats: &Stats, out: &mut Vec<Finding>) {
    let rows = outcome_rows(stats);
    for (col, col_label) in REQUEST_COLUMNS {
        let total_key = rkey("total", col);
        let Some(total) = get(stats, total_key) else {
            continue;
        };
        let keys: Vec<&str> = rows.iter().map(|r| rkey(r, col)).collect();
        let Some(parts) = sum(stats, &keys) else {
            continue;
        };
        if !close(parts, total) {
            let mut involved = vec![total_key.to_string()];
            involved.extend(
                keys.into_iter()
                    .filter(|k| get(stats, k).is_some_and(|v| v != 0.0))
                    .map(str::to_string),
            );
            out.push(error(
                "requests.outcomes",
                format!(
                    "{col_label}: 办理结果各项之和 {} ≠ （七）总计 {}",
                    fmt(parts),
                    fmt(total)
                ),
                involved,
            ));
        }
    }
}

fn requests_columns(stats: &Stats, out: &mut Vec<Finding>) {
    for (row, _) in REQUEST_ROWS {
        let total_key = rkey(row, "total");
        let Some(total) = get(stats, total_key) else {
            continue;
        };
        let keys: Vec<&str> = REQUEST_COLUMNS[..6]
            .iter()
            .map(|(col, _)| rkey(row, col))
            .collect();
        let Some(parts) = sum(stats, &keys) else {
            continue;
        };
        if !close(parts, total) {
            let mut involved = owned(&keys);
            involved.push(total_key.to_string());
            out.push(error(
                "requests.columns",
                format!(
                    "{}: 各类申请人之和 {} ≠ 总计 {}",
                    request_row_label(row),
                    fmt(parts),
                    fmt(total)
                ),
                involved,
            ));
        }
    }
}

fn appeals_sum(stats: &Stats, out: &mut Vec<Finding>) {
    for (group, group_label) in APPEAL_GROUPS {
        let keys: Vec<String> = APPEAL_RESULTS
            .iter()
            .map(|(r, _)| format!("{group}.{r}"))
            .collect();
        let Some(total) = get(stats, &keys[4]) else {
            continue;
        };
        let Some(parts) = sum(stats, &keys[..4]) else {
            continue;
        };
        if !close(parts, total) {
            out.push(error(
                "appeals.sum",
                format!(
                    "{group_label}: 结果维持 {} + 结果纠正 {} + 其他结果 {} + 尚未审结 {} ≠ 总计 {}",
                    fmt(get(stats, &keys[0]).unwrap_or(0.0)),
                    fmt(get(stats, &keys[1]).unwrap_or(0.0)),
                    fmt(get(stats, &keys[2]).unwrap_or(0.0)),
                    fmt(get(stats, &keys[3]).unwrap_or(0.0)),
                    fmt(total)
                ),
                keys,
            ));
        }
    }
}

fn legacy_sums(stats: &Stats, out: &mut Vec<Finding>) {
    for (total_key, parts) in LEGACY_SUMS {
        let Some(total) = get(stats, total_key) else {
            continue;
        };
        // Only the parts the table has; a table without any part has nothing to add up.
        let present: Vec<String> = parts
            .iter()
            .filter(|p| stats.contains_key(**p))
            .map(|p| p.to_string())
            .collect();
        if present.is_empty() {
            continue;
        }
        let Some(sum_parts) = sum(stats, &present) else {
            continue;
        };
        if !close(sum_parts, total) {
            let terms: Vec<String> = present
                .iter()
                .map(|p| format!("{} {}", legacy_label(p), fmt(get(stats, p).unwrap_or(0.0))))
                .collect();
            let mut keys = vec![total_key.to_string()];
            keys.extend(present);
            out.push(error(
                "legacy.sums",
                format!(
                    "{} {} ≠ {} = {}",
                    legacy_label(total_key),
                    fmt(total),
                    terms.join(" + "),
                    fmt(sum_parts)
                ),
                keys,
            ));
        }
    }
}

/// Cells the template requires, for the tables the report has.
fn required_cells(template: Template, stats: &Stats) -> Vec<String> {
    let mut keys = Vec::new();
    if has_prefix(stats, "requests.") {
        let mut rows: Vec<&str> = vec!["new_received", "carried_over"];
        rows.extend(outcome_rows(stats));
        rows.extend(["total", "carried_forward"]);
        for row in rows {
            for (col, _) in REQUEST_COLUMNS {
                keys.push(rkey(row, col).to_string());
            }
        }
    }
    if has_prefix(stats, "review.") {
        for (g, _) in APPEAL_GROUPS {
            for (r, _) in APPEAL_RESULTS {
                keys.push(format!("{g}.{r}"));
            }
        }
    }
    if has_prefix(stats, "active.") {
        let items: &[&str] = match template {
            Template::T2019 => &[
                "regulations.made",
                "regulations.published",
                "regulations.total_public",
                "normative_documents.made",
                "normative_documents.published",
                "normative_documents.total_public",
                "licensing.previous",
                "licensing.change",
                "licensing.decisions",
                "penalty.previous",
                "penalty.change",
                "penalty.decisions",
                "coercion.previous",
                "coercion.change",
                "coercion.decisions",
                "fees.previous",
                "fees.change",
            ],
            Template::T2021 => &[
                "regulations.issued",
                "regulations.repealed",
                "regulations.in_force",
                "normative_documents.issued",
                "normative_documents.repealed",
                "normative_documents.in_force",
                "licensing.decisions",
                "penalty.decisions",
                "coercion.decisions",
                "fees.amount",
            ],
            _ => &[],
        };
        keys.extend(items.iter().map(|i| format!("active.{i}")));
    }
    keys
}

fn missing_cells(template: Template, stats: &Stats, out: &mut Vec<Finding>) {
    let mut required = required_cells(template, stats);
    // Cells present but blank in any table (legacy included) are missing too.
    // Blanks are rare, so a linear look-up per blank is cheap.
    let mut extra = Vec::new();
    for (k, v) in stats {
        if v.is_none() && !required.contains(k) {
            extra.push(k.clone());
        }
    }
    required.extend(extra);
    for key in required {
        match stats.get(&key) {
            Some(Some(_)) => {}
            Some(None) => out.push(Finding {
                rule: "cell.missing".into(),
                severity: Severity::Warning,
                message: format!(
                    "{}: 单元格为空或占位符 (blank or placeholder)",
                    cell_label(&key)
                ),
                keys: vec![key],
            }),
            None => out.push(Finding {
                rule: "cell.missing".into(),
                severity: Severity::Warning,
                message: format!("{}: 表中缺少此单元格 (not in the table)", cell_label(&key)),
                keys: vec![key],
            }),
        }
    }
}
