//! What the index holds, read without parsing every report: the catalog of
//! reports (from fast columns), their findings and cross-year statistics
//! (small stored fields), and full reports fetched by path.

use std::collections::HashMap;

use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocSet, SegmentReader, Term, TERMINATED};

use super::ingest::BUNDLED_PREFIX;
use super::schema::KIND_REPORT;
use super::{wrap, IndexError, Store};
use crate::model::{Finding, Report, Template};

/// One indexed report as the catalog lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    /// The identity in the index (canonical path, or `bundled:…`).
    pub key: String,
    /// The path reports show.
    pub source: String,
    pub hash: String,
    pub body: Option<String>,
    pub body_id: Option<String>,
    pub year: Option<i32>,
    pub template: Template,
}

/// The path a key shows as (bundled samples without their prefix).
pub fn display(key: &str) -> &str {
    key.strip_prefix(BUNDLED_PREFIX).unwrap_or(key)
}

/// Every term of a fast text column, by ordinal. Streaming the dictionary is
/// one sequential read, where looking ordinals up one by one seeks per report.
fn terms(column: &StrColumn) -> std::io::Result<Vec<String>> {
    let mut out = Vec::with_capacity(column.dictionary().num_terms());
    let mut stream = column.dictionary().stream()?;
    while stream.advance() {
        out.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(out)
}

/// The live report documents of a segment, in doc id order.
fn report_docs(store: &Store, segment: &SegmentReader) -> tantivy::Result<Vec<u32>> {
    let term = Term::from_field_text(store.fields.kind, KIND_REPORT);
    let Some(mut postings) = segment
        .inverted_index(store.fields.kind)?
        .read_postings(&term, IndexRecordOption::Basic)?
    else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(postings.doc_freq() as usize);
    let mut doc = postings.doc();
    while doc != TERMINATED {
        if segment
            .alive_bitset()
            .is_none_or(|alive| alive.is_alive(doc))
        {
            out.push(doc);
        }
        doc = postings.advance();
    }
    Ok(out)
}

/// A fast text column with every term it holds.
struct TextColumn {
    column: StrColumn,
    terms: Vec<String>,
}

impl TextColumn {
    fn open(segment: &SegmentReader, name: &str) -> tantivy::Result<Option<TextColumn>> {
        let Some(column) = segment.fast_fields().str(name)? else {
            return Ok(None);
        };
        let terms = terms(&column)?;
        Ok(Some(TextColumn { column, terms }))
    }

    fn get(&self, doc: u32) -> Option<&str> {
        let ord = self.column.ords().first(doc)?;
        self.terms.get(ord as usize).map(String::as_str)
    }
}

fn column_get(column: &Option<TextColumn>, doc: u32) -> Option<String> {
    column.as_ref()?.get(doc).map(str::to_string)
}

impl Store {
    /// Every indexed report's identity, in no particular order. Reads fast
    /// columns only: no stored document is decompressed.
    pub fn catalog(&self) -> Result<Vec<Listed>, IndexError> {
        let searcher = self.reader()?.searcher();
        let mut out = Vec::new();
        for segment in searcher.segment_readers() {
            self.catalog_segment(segment, &mut out)
                .map_err(|e| wrap(&self.dir, e))?;
        }
        Ok(out)
    }

    fn catalog_segment(
        &self,
        segment: &SegmentReader,
        out: &mut Vec<Listed>,
    ) -> tantivy::Result<()> {
        let docs = report_docs(self, segment)?;
        if docs.is_empty() {
            return Ok(());
        }
        let [path, hash, body, body_id, template] = ["path", "hash", "body", "body_id", "template"]
            .map(|name| TextColumn::open(segment, name));
        let (path, hash, body, body_id, template) = (path?, hash?, body?, body_id?, template?);
        let year = segment.fast_fields().u64("year")?;
        for doc in docs {
            let key = column_get(&path, doc).unwrap_or_default();
            out.push(Listed {
                source: display(&key).to_string(),
                key,
                hash: column_get(&hash, doc).unwrap_or_default(),
                body: column_get(&body, doc),
                body_id: column_get(&body_id, doc),
                year: year.first(doc).and_then(|y| i32::try_from(y).ok()),
                template: template
                    .as_ref()
                    .and_then(|t| t.get(doc))
                    .map_or(Template::Unknown, Template::from_name),
            });
        }
        Ok(())
    }

    /// (key, findings, cross-year statistics) of every indexed report, in no
    /// particular order. Reads fast columns only.
    pub fn checks(&self) -> Result<Vec<Checked>, IndexError> {
        let searcher = self.reader()?.searcher();
        let mut out = Vec::new();
        for segment in searcher.segment_readers() {
            self.checks_segment(segment, &mut out)
                .map_err(|e| wrap(&self.dir, e))?;
        }
        Ok(out)
    }

    fn checks_segment(
        &self,
        segment: &SegmentReader,
        out: &mut Vec<Checked>,
    ) -> tantivy::Result<()> {
        let docs = report_docs(self, segment)?;
        if docs.is_empty() {
            return Ok(());
        }
        let path = TextColumn::open(segment, "path")?;
        let findings = TextColumn::open(segment, "findings")?;
        let cross_year = TextColumn::open(segment, "cross_year")?;
        // Parsed once per distinct value: most reports share `[]`.
        let parsed: Vec<Vec<Finding>> = findings.as_ref().map_or(Vec::new(), |c| {
            c.terms
                .iter()
                .map(|json| serde_json::from_str(json).unwrap_or_default())
                .collect()
        });
        for doc in docs {
            let findings = findings
                .as_ref()
                .and_then(|c| c.column.ords().first(doc))
                .and_then(|ord| parsed.get(ord as usize))
                .cloned()
                .unwrap_or_default();
            let cross_year = cross_year
                .as_ref()
                .and_then(|c| c.get(doc))
                .and_then(|json| serde_json::from_str(json).ok())
                .unwrap_or_default();
            out.push(Checked {
                key: column_get(&path, doc).unwrap_or_default(),
                findings,
                cross_year,
            });
        }
        Ok(())
    }

    /// The full reports (statistics and findings; section texts are in the
    /// section documents) indexed under `keys`, in no particular order.
    pub fn reports_by_key(&self, keys: &[&str]) -> Result<Vec<Report>, IndexError> {
        let f = &self.fields;
        let mut out = Vec::with_capacity(keys.len());
        // Bounded clauses per query: a corpus-wide export asks in chunks.
        for chunk in keys.chunks(512) {
            let paths: Vec<(Occur, Box<dyn Query>)> = chunk
                .iter()
                .map(|k| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(f.path, k),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            let q = BooleanQuery::new(vec![
                (
                    Occur::Must,
                    Box::new(BooleanQuery::new(paths)) as Box<dyn Query>,
                ),
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.kind, KIND_REPORT),
                        IndexRecordOption::Basic,
                    )),
                ),
            ]);
            self.for_each_doc(&q, |doc| {
                let json = doc.get_first(f.report).and_then(|v| v.as_str());
                out.extend(json.and_then(|json| serde_json::from_str::<Report>(json).ok()));
            })?;
        }
        Ok(out)
    }
}

/// The `checks::cross_year_keys` a report has a value for.
pub fn cross_year(report: &Report) -> HashMap<String, f64> {
    crate::checks::cross_year_keys()
        .into_iter()
        .filter_map(|k| Some((k.to_string(), report.stat(k)?)))
        .filter(|(_, v)| v.is_finite())
        .collect()
}

/// A report's findings and the statistics the corpus rules compare across years.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checked {
    pub key: String,
    pub findings: Vec<Finding>,
    pub cross_year: HashMap<String, f64>,
}
