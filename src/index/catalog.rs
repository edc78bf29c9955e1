//! What the index holds, read without parsing every report: the catalog of
//! reports, their findings and cross-year statistics (all from fast columns),
//! and full reports fetched by path.

use std::collections::HashMap;

use tantivy::columnar::StrColumn;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocSet, SegmentReader, Term, TERMINATED};

use super::schema::KIND_REPORT;
use super::source::{display_path, keys_for};
use super::{index_error, IndexError, Store};
use xxgk_core::model::{Finding, Report, Template};

/// One indexed report as the catalog lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogEntry {
    /// The identity in the index (canonical path, or `bundled:…`).
    pub key: String,
    /// The path reports show.
    pub source: String,
    pub hash: String,
    pub body: Option<String>,
    pub body_id: Option<String>,
    pub year: Option<i32>,
    pub template: Template,
    /// A hash of the statistics: two files with equal ones hold the same numbers.
    pub stats_hash: String,
    pub findings: u32,
    /// Seconds since 1970; 0 when unknown.
    pub modified: u64,
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

/// Every report's identity, from the segment's fast columns.
fn list(
    segment: &SegmentReader,
    docs: Vec<u32>,
    out: &mut Vec<CatalogEntry>,
) -> tantivy::Result<()> {
    let [path, hash, body, body_id, template, stats_hash] =
        ["path", "hash", "body", "body_id", "template", "stats_hash"]
            .map(|name| TextColumn::open(segment, name));
    let (path, hash, body, body_id, template, stats_hash) =
        (path?, hash?, body?, body_id?, template?, stats_hash?);
    let year = segment.fast_fields().u64("year")?;
    let findings_count = segment.fast_fields().u64("findings_count")?;
    let modified = segment.fast_fields().u64("modified")?;
    for doc in docs {
        let key = column_get(&path, doc).unwrap_or_default();
        out.push(CatalogEntry {
            source: display_path(&key).to_string(),
            key,
            hash: column_get(&hash, doc).unwrap_or_default(),
            body: column_get(&body, doc),
            body_id: column_get(&body_id, doc),
            year: year.first(doc).and_then(|y| i32::try_from(y).ok()),
            template: template
                .as_ref()
                .and_then(|t| t.get(doc))
                .map_or(Template::Unknown, Template::from_name),
            stats_hash: column_get(&stats_hash, doc).unwrap_or_default(),
            findings: findings_count
                .first(doc)
                .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX)),
            modified: modified.first(doc).unwrap_or(0),
        });
    }
    Ok(())
}

/// Every report's findings and cross-year statistics, from the segment's fast columns.
fn check(segment: &SegmentReader, docs: Vec<u32>, out: &mut Vec<Checked>) -> tantivy::Result<()> {
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

impl Store {
    /// `read` over the live report documents of every segment, collected.
    fn over_reports<T>(
        &self,
        read: fn(&SegmentReader, Vec<u32>, &mut Vec<T>) -> tantivy::Result<()>,
    ) -> Result<Vec<T>, IndexError> {
        let searcher = self.reader()?.searcher();
        let mut out = Vec::new();
        for segment in searcher.segment_readers() {
            let docs = report_docs(self, segment).map_err(|e| index_error(&self.dir, e))?;
            if !docs.is_empty() {
                read(segment, docs, &mut out).map_err(|e| index_error(&self.dir, e))?;
            }
        }
        Ok(out)
    }

    /// Every indexed report's identity, in no particular order. Reads fast
    /// columns only: no stored document is decompressed.
    pub fn catalog(&self) -> Result<Vec<CatalogEntry>, IndexError> {
        self.over_reports(list)
    }

    /// (key, findings, cross-year statistics) of every indexed report, in no
    /// particular order. Reads fast columns only.
    pub fn checks(&self) -> Result<Vec<Checked>, IndexError> {
        self.over_reports(check)
    }

    /// The catalog entries of the reports whose body_id (as indexed, before
    /// aliases) is one of `ids` or whose body name is one of `names`, from
    /// their stored fields: for a few bodies, far less than the whole catalog.
    pub fn catalog_of_bodies(
        &self,
        ids: &[String],
        names: &[String],
    ) -> Result<Vec<CatalogEntry>, IndexError> {
        let f = &self.fields;
        if ids.is_empty() && names.is_empty() {
            return Ok(Vec::new());
        }
        let query = self.of_kind_with_any(
            KIND_REPORT,
            ids.iter()
                .map(|id| (f.body_id, id.as_str()))
                .chain(names.iter().map(|n| (f.body, n.as_str()))),
        );
        let mut out = Vec::new();
        self.for_each_doc(&query, |doc| {
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let number = |field| doc.get_first(field).and_then(|v| v.as_u64());
            let key = text(f.path).unwrap_or_default();
            out.push(CatalogEntry {
                source: display_path(&key).to_string(),
                key,
                hash: text(f.hash).unwrap_or_default(),
                body: text(f.body),
                body_id: text(f.body_id),
                year: doc
                    .get_first(f.year)
                    .and_then(|v| v.as_u64())
                    .and_then(|y| i32::try_from(y).ok()),
                template: text(f.template).map_or(Template::Unknown, |t| Template::from_name(&t)),
                stats_hash: text(f.stats_hash).unwrap_or_default(),
                findings: number(f.findings_count)
                    .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX)),
                modified: number(f.modified).unwrap_or(0),
            });
        })?;
        Ok(out)
    }

    /// (key, full report) of the reports indexed under `keys`, in no
    /// particular order. Statistics and findings; section texts are in the
    /// section documents.
    pub fn reports_by_key(&self, keys: &[&str]) -> Result<Vec<(String, Report)>, IndexError> {
        self.reports_by_key_with(keys, false)
    }

    /// `reports_by_key`, with `evidence` the reports' evidence too (where
    /// each statistic was read).
    pub fn reports_by_key_with(
        &self,
        keys: &[&str],
        evidence: bool,
    ) -> Result<Vec<(String, Report)>, IndexError> {
        let f = &self.fields;
        let mut out = Vec::with_capacity(keys.len());
        // Bounded clauses per query: a corpus-wide export asks in chunks.
        for chunk in keys.chunks(512) {
            self.for_each_doc(&self.of_paths(chunk, KIND_REPORT), |doc| {
                let text = |field| doc.get_first(field).and_then(|v| v.as_str());
                if let (Some(key), Some(json)) = (text(f.path), text(f.report)) {
                    let mut report = self.stored_report(key, json);
                    if let (true, Ok(r), Some(e)) = (evidence, report.as_mut(), text(f.evidence)) {
                        // Evidence that does not read back is left out, not fatal.
                        if let Ok(e) =
                            serde_json::from_str::<crate::index::ingest::StoredEvidence>(e)
                        {
                            r.evidence = e.into();
                        }
                    }
                    out.push(report.map(|r| (key.to_string(), r)));
                }
            })?;
        }
        out.into_iter().collect()
    }

    /// The full report indexed from `source` (as reports show it).
    pub fn report(&self, source: &str) -> Result<Option<Report>, IndexError> {
        let [file, bundled] = keys_for(source);
        Ok(self
            .reports_by_key_with(&[&file, &bundled], true)?
            .into_iter()
            .next()
            .map(|(_, r)| r))
    }
}

/// A report's findings and the statistics the corpus rules compare across years.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checked {
    pub key: String,
    pub findings: Vec<Finding>,
    pub cross_year: HashMap<String, f64>,
}

/// Every body in the index: body_id → the names it was written as.
pub fn body_names(
    store: &Store,
    searcher: &tantivy::Searcher,
) -> Result<std::collections::BTreeMap<String, Vec<String>>, IndexError> {
    let mut out = std::collections::BTreeMap::<String, Vec<String>>::new();
    for segment in searcher.segment_readers() {
        let inverted = segment
            .inverted_index(store.fields.body_key)
            .map_err(|e| index_error(&store.dir, e))?;
        let mut terms = inverted
            .terms()
            .stream()
            .map_err(|e| index_error(&store.dir, e.into()))?;
        while terms.advance() {
            // A term whose documents are all deleted stays in the dictionary
            // until its segment is merged: a body re-indexed under another
            // name must not keep its old one.
            if let Some(alive) = segment.alive_bitset() {
                let mut postings = inverted
                    .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                    .map_err(|e| index_error(&store.dir, e.into()))?;
                let mut doc = postings.doc();
                while doc != TERMINATED && !alive.is_alive(doc) {
                    doc = postings.advance();
                }
                if doc == TERMINATED {
                    continue;
                }
            }
            let key = String::from_utf8_lossy(terms.key()).into_owned();
            if let Some((id, name)) = key.split_once('\u{1}') {
                let names = out.entry(id.to_string()).or_default();
                if !name.is_empty() && !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
            }
        }
    }
    Ok(out)
}
