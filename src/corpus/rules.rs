//! Rules that need several reports of one body: `requests.carry_chain`
//! (carried_over of year Y = carried_forward of Y−1) and the warning
//! `active.in_force_chain` (现行有效件数 of Y = that of Y−1 + 本年制发 − 本年废止),
//! and through `duplicates`, `report.duplicate` and `report.conflict`.

pub use super::located::{annotate, Located};
use super::{CatalogEntry, Corpus, CorpusError};
use crate::index::catalog::Checked;
use xxgk_core::model::{Finding, Severity, Template};
use xxgk_core::template::{request_key, REQUEST_COLUMNS};

/// A report of the catalog with its findings and cross-year statistics.
#[derive(Clone, Copy)]
struct Year<'a> {
    entry: &'a CatalogEntry,
    checked: &'a Checked,
}

impl Year<'_> {
    fn stat(&self, key: &str) -> Option<f64> {
        debug_assert!(
            xxgk_core::checks::cross_year_keys().contains(&key),
            "{key} is not stored for the corpus rules"
        );
        self.checked.cross_year.get(key).copied()
    }
}

fn locate(r: &CatalogEntry, finding: Finding) -> Located {
    Located::new(r, finding, Vec::new())
}

fn modern(r: Year) -> bool {
    matches!(r.entry.template, Template::T2019 | Template::T2021)
}

fn fmt(v: f64) -> String {
    xxgk_core::model::Num(v).to_string()
}

fn carry_chain(prev: Year, cur: Year, out: &mut Vec<Located>) {
    if !modern(prev) || !modern(cur) {
        return;
    }
    let (py, cy) = (prev.entry.year.unwrap_or(0), cur.entry.year.unwrap_or(0));
    for (col, label) in REQUEST_COLUMNS {
        let (Some(co_key), Some(cf_key)) = (
            request_key("carried_over", col),
            request_key("carried_forward", col),
        ) else {
            continue;
        };
        let (Some(co), Some(cf)) = (cur.stat(co_key), prev.stat(cf_key)) else {
            continue;
        };
        if (co - cf).abs() > 1e-6 {
            out.push(locate(
                cur.entry,
                Finding {
                    rule: "requests.carry_chain".into(),
                    severity: Severity::Error,
                    message: format!(
                        "{label}: {cy}年上年结转 {} ≠ {py}年结转下年度 {}",
                        fmt(co),
                        fmt(cf)
                    ),
                    keys: vec![co_key.to_string(), format!("{py}:{cf_key}")],
                },
            ));
        }
    }
}

fn in_force_chain(prev: Year, cur: Year, out: &mut Vec<Located>) {
    if prev.entry.template != Template::T2021 || cur.entry.template != Template::T2021 {
        return;
    }
    for (item, label) in [
        ("regulations", "规章"),
        ("normative_documents", "行政规范性文件"),
    ] {
        let k = |c: &str| format!("active.{item}.{c}");
        let (Some(before), Some(now), Some(issued), Some(repealed)) = (
            prev.stat(&k("in_force")),
            cur.stat(&k("in_force")),
            cur.stat(&k("issued")),
            cur.stat(&k("repealed")),
        ) else {
            continue;
        };
        let expected = before + issued - repealed;
        if (now - expected).abs() > 1e-6 {
            out.push(locate(
                cur.entry,
                Finding {
                    rule: "active.in_force_chain".into(),
                    severity: Severity::Warning,
                    message: format!(
                        "{label}: 现行有效 {} ≠ 上年现行有效 {} + 本年制发 {} − 本年废止 {} = {}",
                        fmt(now),
                        fmt(before),
                        fmt(issued),
                        fmt(repealed),
                        fmt(expected)
                    ),
                    keys: vec![k("in_force"), k("issued"), k("repealed")],
                },
            ));
        }
    }
}

/// Every finding of the corpus: each report's own, then the corpus rules;
/// grouped by body and year.
pub fn check(corpus: &Corpus) -> Result<Vec<Located>, CorpusError> {
    let checks = corpus.checks()?;
    let mut out: Vec<Located> = Vec::new();
    for r in &corpus.reports {
        out.extend(corpus.findings(r).iter().cloned().map(|f| locate(r, f)));
    }
    for id in corpus.bodies().keys() {
        let years: Vec<(i32, Year)> = corpus
            .years_of(id)
            .into_iter()
            .filter_map(|(y, entry)| {
                let checked = checks.get(&entry.key)?;
                Some((y, Year { entry, checked }))
            })
            .collect();
        for w in years.windows(2) {
            if w[1].0 - w[0].0 == 1 {
                carry_chain(w[0].1, w[1].1, &mut out);
                in_force_chain(w[0].1, w[1].1, &mut out);
            }
        }
    }
    out.extend(super::duplicates::check(corpus)?);
    out.sort_by(|a, b| (&a.body_id, a.year, &a.source).cmp(&(&b.body_id, b.year, &b.source)));
    Ok(out)
}
