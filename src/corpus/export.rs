//! Every statistic of every report, tidy: one row per (report, key).

use super::{Corpus, CorpusError};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Row<'a> {
    pub body_id: Option<&'a str>,
    pub body: Option<&'a str>,
    pub year: Option<i32>,
    pub template: &'static str,
    pub key: &'a str,
    /// The statistic in Chinese: row · column (`本年新收政府信息公开申请数量 · 自然人`).
    pub label: String,
    pub value: Option<xxgk_core::model::Num>,
    pub source: &'a str,
    /// Where the value was read (JSON export only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Where<'a>>,
}

/// One value's evidence, as SCHEMA.md writes it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Where<'a> {
    #[serde(flatten)]
    pub row: &'a xxgk_core::model::SourceRow,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<[usize; 3]>,
}

/// Reports read whole at a time: bounds memory on a corpus of any size.
const CHUNK: usize = 1_000;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Which rows to export: reports by place, body and year, statistics by key.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub region: Option<super::filter::Region>,
    /// Resolved body_ids (any of them).
    pub bodies: Option<Vec<String>>,
    pub years: Option<xxgk_core::model::YearRange>,
    /// Keys, each exact or a prefix ending in `.` (`requests.`); any of them.
    pub keys: Vec<String>,
}

impl Filter {
    fn keeps_report(&self, e: &super::CatalogEntry) -> bool {
        let id = e.body_id.as_deref().unwrap_or_default();
        self.region.as_ref().is_none_or(|r| r.contains(id))
            && self
                .bodies
                .as_ref()
                .is_none_or(|b| b.iter().any(|x| x == id))
            && self
                .years
                .is_none_or(|y| e.year.is_some_and(|ey| (y.from..=y.to).contains(&ey)))
    }

    fn keeps_key(&self, key: &str) -> bool {
        self.keys.is_empty() || self.keys.iter().any(|k| super::filter::in_family(k, key))
    }
}

/// Calls `each` with every row `filter` keeps, in catalog order (body,
/// year, source); with `evidence`, each row says where its value was read.
pub fn for_each_row(
    corpus: &Corpus,
    filter: &Filter,
    evidence: bool,
    mut each: impl FnMut(Row<'_>) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    let entries: Vec<&super::CatalogEntry> = corpus
        .reports
        .iter()
        .filter(|e| filter.keeps_report(e))
        .collect();
    for chunk in entries.chunks(CHUNK) {
        for r in corpus.full_with(chunk, evidence)?.into_iter().flatten() {
            for (k, v) in r.stats.iter().filter(|(k, _)| filter.keeps_key(k)) {
                each(Row {
                    evidence: r.evidence.get(k).map(|row| Where {
                        row,
                        cell: r.evidence.cell(k),
                    }),
                    body_id: r.body_id.as_deref(),
                    body: r.body.as_deref(),
                    year: r.year,
                    template: r.template.as_str(),
                    key: k,
                    label: xxgk_core::template::cell_label(k),
                    value: *v,
                    source: &r.source,
                })?;
            }
        }
    }
    Ok(())
}

/// CSV with a header; `bom` prefixes U+FEFF so Excel reads UTF-8.
pub fn write_csv<W: std::io::Write>(
    corpus: &Corpus,
    filter: &Filter,
    mut out: W,
    bom: bool,
) -> Result<(), ExportError> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::Writer::from_writer(out);
    for_each_row(corpus, filter, false, |row| {
        w.serialize(row).map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(io) => io,
            other => std::io::Error::other(format!("{other:?}")),
        })
    })?;
    w.flush()?;
    Ok(())
}
