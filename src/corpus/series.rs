//! Year-over-year series of one body, and several bodies side by side.

use std::collections::BTreeSet;

use super::duplicates::YearSource;
use super::metrics::{self, Cell};
use super::{Corpus, CorpusError};

#[derive(Debug, Clone, serde::Serialize)]
pub struct TrendRow {
    pub key: &'static str,
    pub label: &'static str,
    pub cells: Vec<Cell>,
    /// Change of each year against the year before it in the series.
    pub change: Vec<Option<f64>>,
    pub pct_change: Vec<Option<f64>>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Trend {
    pub body_id: String,
    pub body: String,
    pub years: Vec<i32>,
    pub templates: Vec<&'static str>,
    /// The file that stands for each year, and the others that exist.
    pub sources: Vec<YearSource>,
    pub rows: Vec<TrendRow>,
}

pub fn trend(corpus: &Corpus, id: &str) -> Result<Trend, CorpusError> {
    let by_year = corpus.full_years_of(id)?;
    let years: Vec<i32> = by_year.keys().copied().collect();
    let reports: Vec<_> = by_year.values().collect();
    let body = corpus
        .bodies()
        .get(id)
        .map_or(id.to_string(), |b| b.name().to_string());
    let rows = metrics::all()
        .into_iter()
        .map(|(key, label)| {
            let cells: Vec<Cell> = reports.iter().map(|r| metrics::value(r, key)).collect();
            let mut change = vec![None];
            let mut pct_change = vec![None];
            for w in cells.windows(2) {
                let (a, b) = (w[0].value(), w[1].value());
                change.push(a.zip(b).map(|(a, b)| b - a));
                pct_change.push(
                    a.zip(b)
                        .and_then(|(a, b)| (a != 0.0).then(|| (b - a) / a * 100.0)),
                );
            }
            change.truncate(cells.len());
            pct_change.truncate(cells.len());
            TrendRow {
                key,
                label,
                cells,
                change,
                pct_change,
            }
        })
        .collect();
    let files = corpus.files_of(id);
    let sources = years
        .iter()
        .filter_map(|y| Some(YearSource::of(*y, files.get(y)?)))
        .collect();
    Ok(Trend {
        body_id: id.to_string(),
        body,
        years,
        templates: reports.iter().map(|r| r.template.as_str()).collect(),
        sources,
        rows,
    })
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct CompareRow {
    pub key: &'static str,
    pub label: &'static str,
    pub cells: Vec<Cell>,
    /// The column that stands out most from the others, when one does.
    pub outlier: Option<usize>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Comparison {
    pub year: i32,
    pub body_ids: Vec<String>,
    pub bodies: Vec<String>,
    /// Per body, the file that stands for the year and the others that exist.
    pub sources: Vec<Option<YearSource>>,
    pub rows: Vec<CompareRow>,
}

/// The column farthest from the median of the row, if it is far (at least half
/// the median, and at least 2 apart).
fn outlier(cells: &[Cell]) -> Option<usize> {
    let vals: Vec<(usize, f64)> = cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.value().map(|v| (i, v)))
        .collect();
    if vals.len() < 2 {
        return None;
    }
    let mut sorted: Vec<f64> = vals.iter().map(|(_, v)| *v).collect();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let (i, v) = vals
        .iter()
        .max_by(|a, b| (a.1 - median).abs().total_cmp(&(b.1 - median).abs()))?;
    let d = (v - median).abs();
    (d >= 2.0 && d >= median.abs() * 0.5).then_some(*i)
}

pub fn compare(
    corpus: &Corpus,
    ids: &[String],
    year: Option<i32>,
) -> Result<Comparison, CorpusError> {
    let per_body: Vec<_> = ids.iter().map(|id| corpus.years_of(id)).collect();
    let year = match year {
        // A year no body has a report for is a question with no answer.
        Some(y) if per_body.iter().all(|years| !years.contains_key(&y)) => {
            let names = corpus.bodies();
            let theirs: Vec<String> = ids
                .iter()
                .zip(&per_body)
                .map(|(id, years)| {
                    let name = names.get(id).map_or(id.as_str(), |b| b.name());
                    let set: BTreeSet<i32> = years.keys().copied().collect();
                    format!("{name} has {}", super::bodies::year_ranges(&set))
                })
                .collect();
            return Err(CorpusError::NoCommonYear(format!(
                "none of these bodies has a report for {y}: {}",
                theirs.join("; ")
            )));
        }
        Some(y) => y,
        None => {
            let mut common: Option<BTreeSet<i32>> = None;
            for years in &per_body {
                let set: BTreeSet<i32> = years.keys().copied().collect();
                common = Some(match common {
                    None => set,
                    Some(c) => c.intersection(&set).copied().collect(),
                });
            }
            common.and_then(|c| c.last().copied()).ok_or_else(|| {
                CorpusError::NoCommonYear("these bodies have no year in common: give --year".into())
            })?
        }
    };
    // Only the compared year is read whole.
    let entries: Vec<Option<&super::CatalogEntry>> = per_body
        .iter()
        .map(|years| years.get(&year).copied())
        .collect();
    let present: Vec<&super::CatalogEntry> = entries.iter().flatten().copied().collect();
    let mut fetched = corpus.full(&present)?.into_iter();
    let reports: Vec<Option<xxgk_core::model::Report>> = entries
        .iter()
        .map(|e| e.and_then(|_| fetched.next().flatten()))
        .collect();
    let all = corpus.bodies();
    let rows = metrics::all()
        .into_iter()
        .map(|(key, label)| {
            let cells: Vec<Cell> = reports
                .iter()
                .map(|r| {
                    r.as_ref()
                        .map_or(Cell::NoReport, |r| metrics::value(r, key))
                })
                .collect();
            let outlier = outlier(&cells);
            CompareRow {
                key,
                label,
                cells,
                outlier,
            }
        })
        .collect();
    let sources = ids
        .iter()
        .map(|id| {
            let files = corpus.files_of(id);
            Some(YearSource::of(year, files.get(&year)?))
        })
        .collect();
    Ok(Comparison {
        year,
        sources,
        body_ids: ids.to_vec(),
        bodies: ids
            .iter()
            .map(|id| all.get(id).map_or(id.clone(), |b| b.name().to_string()))
            .collect(),
        rows,
    })
}
