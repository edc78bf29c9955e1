//! Several files for one body and year — an HTML page and its PDF, a
//! corrected re-publication, two crawls. One stands for that year, chosen by
//! a stated rule (`STANDING_RULE`), and the others are reported: the same
//! statistics make a `report.duplicate`, different ones a `report.conflict`
//! naming the cells that differ. Nothing is chosen silently.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::located::Located;
use super::{CatalogEntry, Corpus, CorpusError};
use xxgk_core::model::{Finding, Report, Severity};

/// How the file that stands for a year is chosen, as users read it.
pub const STANDING_RULE: &str =
    "the file with the fewest findings stands; then the newest file; then the first path";

/// The order of `STANDING_RULE`: the first stands.
pub fn standing_order(a: &CatalogEntry, b: &CatalogEntry) -> Ordering {
    a.findings
        .cmp(&b.findings)
        .then(b.modified.cmp(&a.modified))
        .then_with(|| a.source.cmp(&b.source))
}

/// The files of one body for one year, the standing one first.
#[derive(Debug, Clone)]
pub struct YearFiles<'a> {
    pub body_id: &'a str,
    pub year: i32,
    /// Sorted by `standing_order`; at least two.
    pub files: Vec<&'a CatalogEntry>,
}

impl YearFiles<'_> {
    pub fn standing(&self) -> &CatalogEntry {
        self.files[0]
    }
    /// Whether every file holds the same statistics.
    pub fn same_numbers(&self) -> bool {
        self.files
            .iter()
            .all(|f| f.stats_hash == self.files[0].stats_hash)
    }
}

/// Every (body, year) with more than one file.
pub fn repeated(corpus: &Corpus) -> Vec<YearFiles<'_>> {
    let mut out = Vec::new();
    // `reports` is sorted by body_id, year: each (body, year) is one run.
    let mut i = 0;
    let reports = &corpus.reports;
    while i < reports.len() {
        let (id, year) = (&reports[i].body_id, reports[i].year);
        let mut j = i + 1;
        while j < reports.len() && reports[j].body_id == *id && reports[j].year == year {
            j += 1;
        }
        if let (Some(id), Some(year), true) = (id, year, j - i > 1) {
            let mut files: Vec<&CatalogEntry> = reports[i..j].iter().collect();
            files.sort_by(|a, b| standing_order(a, b));
            out.push(YearFiles {
                body_id: id,
                year,
                files,
            });
        }
        i = j;
    }
    out
}

fn shown(v: Option<f64>) -> String {
    v.map_or("空".to_string(), |n| xxgk_core::model::Num(n).to_string())
}

/// The cells two reports disagree on: a key one has and the other lacks, or
/// different values.
fn differing_cells(reports: &[&Report]) -> Vec<String> {
    let keys: BTreeSet<&String> = reports.iter().flat_map(|r| r.stats.keys()).collect();
    keys.into_iter()
        .filter(|k| {
            let first = reports[0].stats.get(*k).map(|v| v.map(|n| n.0));
            reports[1..]
                .iter()
                .any(|r| r.stats.get(*k).map(|v| v.map(|n| n.0)) != first)
        })
        .cloned()
        .collect()
}

/// How many differing cells a message lists before "…".
const LISTED_CELLS: usize = 8;

/// `report.duplicate` and `report.conflict` for every repeated year.
pub fn check(corpus: &Corpus) -> Result<Vec<Located>, CorpusError> {
    let mut out = Vec::new();
    for group in repeated(corpus) {
        let standing = group.standing();
        let sources: Vec<String> = group.files.iter().map(|f| f.source.clone()).collect();
        let names = sources.join(", ");
        let finding = if group.same_numbers() {
            Finding {
                rule: "report.duplicate".into(),
                severity: Severity::Warning,
                message: format!(
                    "{} files hold {} {} with the same statistics: {names}; {} stands ({STANDING_RULE})",
                    sources.len(),
                    group.body_id,
                    group.year,
                    standing.source
                ),
                keys: Vec::new(),
            }
        } else {
            let full = corpus.full(&group.files)?;
            let reports: Vec<&Report> = full.iter().flatten().collect();
            let keys = if reports.len() == group.files.len() {
                differing_cells(&reports)
            } else {
                Vec::new()
            };
            let listed: Vec<String> = keys
                .iter()
                .take(LISTED_CELLS)
                .map(|k| {
                    let values: Vec<String> = reports.iter().map(|r| shown(r.stat(k))).collect();
                    format!("{k} {}", values.join(" / "))
                })
                .collect();
            let more = keys.len().saturating_sub(LISTED_CELLS);
            Finding {
                rule: "report.conflict".into(),
                severity: Severity::Error,
                message: format!(
                    "{} files hold {} {} with different statistics: {names}; {} cells differ ({}{}); {} stands ({STANDING_RULE})",
                    sources.len(),
                    group.body_id,
                    group.year,
                    keys.len(),
                    listed.join("; "),
                    if more > 0 { format!("; …and {more} more") } else { String::new() },
                    standing.source
                ),
                keys,
            }
        };
        out.push(Located::new(standing, finding, sources));
    }
    Ok(out)
}

/// Which file stands for one year of a body, and the others that exist.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct YearSource {
    pub year: i32,
    /// The file that stands for the year.
    pub source: String,
    /// The other files of that year, in `STANDING_RULE` order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<String>,
    /// Whether the others hold the same statistics (`report.duplicate`) or
    /// not (`report.conflict`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_numbers: Option<bool>,
}

impl YearSource {
    pub fn of(year: i32, files: &[&CatalogEntry]) -> YearSource {
        let others: Vec<String> = files[1..].iter().map(|f| f.source.clone()).collect();
        YearSource {
            year,
            source: files[0].source.clone(),
            same_numbers: (!others.is_empty())
                .then(|| files.iter().all(|f| f.stats_hash == files[0].stats_hash)),
            others,
        }
    }

    /// One line for people when the year has several files.
    pub fn note(&self) -> Option<String> {
        let same = self.same_numbers?;
        let file = |s: &str| {
            std::path::Path::new(s)
                .file_name()
                .map_or(s.to_string(), |n| n.to_string_lossy().into_owned())
        };
        let others: Vec<String> = self.others.iter().map(|s| file(s)).collect();
        Some(format!(
            "{}: {} files; {} stands, also {} — {}",
            self.year,
            self.others.len() + 1,
            file(&self.source),
            others.join(", "),
            if same {
                "same statistics (report.duplicate)"
            } else {
                "different statistics (report.conflict: xxgk check)"
            }
        ))
    }
}
