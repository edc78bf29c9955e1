//! `xxgk index`: files → parsed reports → documents, in parallel, incrementally.
//!
//! A file whose content hash is unchanged is skipped; a changed file replaces its
//! documents; `prune` drops documents whose file is gone. Work is committed every
//! minute, so an interrupted run (Ctrl-C, kill -9, full disk) leaves the last
//! commit intact and searchable. A bad file is reported, never fatal.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tantivy::indexer::IndexWriterOptions;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::merge::BoundedMerges;
use super::schema::{Fields, KIND_REPORT, KIND_SECTION};
use super::source::{Source, BUNDLED_PREFIX};
use super::{index_error, IndexError, Store};
use xxgk_core::model::Report;

/// The pseudo-section holding a report's titles, headings and table rows: found
/// by search like the narrative, not shown as a part of the report.
pub const OTHER_SECTION: u64 = 9;
pub const OTHER_TITLE: &str = "表格与标题";

/// Files handed to the parse threads at a time; between two such batches the
/// run may commit.
const BATCH: usize = 1_000;

#[derive(Clone)]
pub struct Options {
    pub prune: bool,
    pub threads: usize,
    /// Work between commits, the most an interruption can lose: a commit is
    /// made once this much time has passed since the last one...
    pub commit_after: Duration,
    /// ...or once this many files have been indexed since.
    pub commit_every: usize,
    /// Set (by Ctrl-C) to stop: the files done so far are committed, the
    /// rest left for the next run.
    pub stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            prune: false,
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            // A commit flushes every indexing thread's half-full segment,
            // fsyncs it and later merges it. Committing every 10,000 files
            // (about ten seconds of work) made 100,000 reports 5–15% slower
            // than one commit at the end, with twice the system time.
            commit_after: Duration::from_secs(60),
            commit_every: usize::MAX,
            stop: None,
        }
    }
}

#[derive(Debug, Default)]
pub struct Summary {
    pub indexed: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// (file, reason)
    pub failed: Vec<(String, String)>,
    /// Stopped before the end: the files not reached are left for the next run.
    pub interrupted: bool,
    /// Files asked for.
    pub total: usize,
}

impl Summary {
    /// Files done (indexed, unchanged or failed) and committed.
    pub fn done(&self) -> usize {
        self.indexed + self.unchanged + self.failed.len()
    }
}

/// (path key → content hash) of every indexed report.
fn indexed_hashes(store: &Store) -> Result<HashMap<String, String>, IndexError> {
    Ok(store
        .catalog()?
        .into_iter()
        .map(|listed| (listed.key, listed.hash))
        .collect())
}

/// A report's evidence as the index stores it: each source row once, keys
/// pointing at rows (the JSON of SCHEMA.md repeats a row per key).
#[derive(serde::Serialize, serde::Deserialize, Default)]
pub struct StoredEvidence {
    rows: Vec<xxgk_core::model::SourceRow>,
    keys: Vec<(String, usize)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cells: Vec<(String, [usize; 3])>,
}

impl From<&xxgk_core::model::Evidence> for StoredEvidence {
    fn from(e: &xxgk_core::model::Evidence) -> Self {
        StoredEvidence {
            rows: e.rows.clone(),
            keys: e.keys.iter().map(|(k, &i)| (k.clone(), i)).collect(),
            cells: e.cells.iter().map(|(k, &c)| (k.clone(), c)).collect(),
        }
    }
}

impl From<StoredEvidence> for xxgk_core::model::Evidence {
    fn from(s: StoredEvidence) -> Self {
        let mut e = xxgk_core::model::Evidence {
            rows: s.rows,
            ..Default::default()
        };
        let rows = e.rows.len();
        // A key pointing past the rows (a damaged document) is dropped.
        e.keys.extend(s.keys.into_iter().filter(|(_, i)| *i < rows));
        e.cells.extend(s.cells);
        e
    }
}

/// A hash of a report's statistics (keys and values, in key order): equal
/// for two files of one report in different formats.
pub fn stats_fingerprint(report: &Report) -> String {
    let mut cells: Vec<(&String, Option<f64>)> = report
        .stats
        .iter()
        .map(|(k, v)| (k, v.map(|n| n.0)))
        .collect();
    cells.sort_by(|a, b| a.0.cmp(b.0));
    let mut hasher = Sha256::new();
    for (k, v) in cells {
        hasher.update(k.as_bytes());
        hasher.update(match v {
            Some(n) => format!("={n};"),
            None => "=;".to_string(),
        });
    }
    hasher
        .finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The documents of one report: one per section (and the preamble), one for the report.
pub fn documents(
    f: &Fields,
    key: &str,
    hash: &str,
    modified: u64,
    report: Report,
) -> Vec<TantivyDocument> {
    let common = |doc: &mut TantivyDocument, kind: &str| {
        doc.add_text(f.kind, kind);
        doc.add_text(f.path, key);
        doc.add_text(f.hash, hash);
        if let Some(body) = &report.body {
            doc.add_text(f.body, body);
        }
        if let Some(id) = &report.body_id {
            doc.add_text(f.body_id, id);
            doc.add_text(
                f.body_key,
                format!("{id}\u{1}{}", report.body.as_deref().unwrap_or("")),
            );
        }
        if let Some(y) = report.year.and_then(|y| u64::try_from(y).ok()) {
            doc.add_u64(f.year, y);
        }
        doc.add_text(f.template, report.template.as_str());
    };
    let mut docs = Vec::with_capacity(report.sections.len() + 2);
    let mut parts: Vec<(u64, &str, &str)> = Vec::new();
    if !report.preamble.is_empty() {
        parts.push((0, "前言", &report.preamble));
    }
    parts.extend(
        report
            .sections
            .iter()
            .map(|s| (s.number as u64, s.title.as_str(), s.text.as_str())),
    );
    if !report.other_text.is_empty() {
        parts.push((OTHER_SECTION, OTHER_TITLE, &report.other_text));
    }
    for (number, title, text) in parts {
        let mut doc = TantivyDocument::default();
        common(&mut doc, KIND_SECTION);
        doc.add_u64(f.section, number);
        doc.add_text(f.title, title);
        if number == OTHER_SECTION {
            doc.add_text(f.plain, text);
        } else {
            doc.add_text(f.text, text);
        }
        doc.add_text(f.grams, text);
        docs.push(doc);
    }
    let mut doc = TantivyDocument::default();
    common(&mut doc, KIND_REPORT);
    doc.add_text(f.stats_hash, stats_fingerprint(&report));
    doc.add_u64(f.findings_count, report.findings.len() as u64);
    doc.add_u64(f.modified, modified);
    doc.add_text(
        f.findings,
        serde_json::to_string(&report.findings).unwrap_or_default(),
    );
    doc.add_text(
        f.cross_year,
        serde_json::to_string(&xxgk_core::checks::cross_year_values(&report)).unwrap_or_default(),
    );
    // Evidence in its own field, each source row once.
    if !report.evidence.is_empty() {
        doc.add_text(
            f.evidence,
            serde_json::to_string(&StoredEvidence::from(&report.evidence)).unwrap_or_default(),
        );
    }
    // The report itself, without section texts (they are in the section
    // documents) or evidence (above): cleared in place, as the report is not
    // needed after this.
    let mut stored = report;
    stored.preamble.clear();
    stored.evidence = Default::default();
    for s in &mut stored.sections {
        s.text.clear();
    }
    doc.add_text(f.report, serde_json::to_string(&stored).unwrap_or_default());
    docs.push(doc);
    docs
}

enum Outcome {
    Indexed,
    Unchanged,
    Failed(String, String),
    /// Not reached: the run was stopped.
    Skipped,
}

fn index_one(
    writer: &IndexWriter,
    f: &Fields,
    existing: &HashMap<String, String>,
    source: &Source,
) -> Outcome {
    let key = source.key();
    let bytes = match source.bytes() {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(source.display(), format!("cannot read: {e}")),
    };
    // A sidecar (FILE.toml) is part of the content: editing it re-indexes the file.
    let side = match source {
        Source::File(p) => match xxgk_core::parse::sidecar::load(p) {
            Ok(s) => s,
            Err(e) => return Outcome::Failed(source.display(), format!("sidecar {e}")),
        },
        Source::Bundled(..) => None,
    };
    let mut hasher = Sha256::new();
    hasher.update(&bytes);
    if let Some((_, s)) = &side {
        hasher.update(format!("{s:?}"));
    }
    let hash: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let previous = existing.get(&key);
    if previous == Some(&hash) {
        return Outcome::Unchanged;
    }
    let mut report = match xxgk_core::read_bytes_with_evidence(&source.display(), &bytes) {
        Ok(r) => r,
        Err(e) => return Outcome::Failed(source.display(), e.to_string()),
    };
    if let Some((_, s)) = &side {
        xxgk_core::apply_sidecar(&mut report, s);
    }
    if previous.is_some() {
        writer.delete_term(Term::from_field_text(f.path, &key));
    }
    for doc in documents(f, &key, &hash, source.modified(), report) {
        if let Err(e) = writer.add_document(doc) {
            return Outcome::Failed(source.display(), format!("index write failed: {e}"));
        }
    }
    Outcome::Indexed
}

/// Whether a batch that brings the files indexed since the last commit to
/// `since_commit`, `elapsed` after it, should end with a commit.
fn commit_due(opts: &Options, since_commit: usize, elapsed: Duration) -> bool {
    since_commit >= opts.commit_every.max(1) || elapsed >= opts.commit_after
}

/// Indexes `sources` into `store`. `progress(done, total)` is called as files finish.
pub fn index(
    store: &Store,
    sources: &[Source],
    opts: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Summary, IndexError> {
    let threads = opts.threads.max(1);
    // One merge at a time, each bounded (see `merge`): merges map their
    // segments, and two at once would double what they hold in memory.
    let mut writer: IndexWriter = store
        .index
        .writer_with_options(
            IndexWriterOptions::builder()
                .num_worker_threads(threads)
                .memory_budget_per_thread(60_000_000)
                .num_merge_threads(1)
                .build(),
        )
        .map_err(|e| index_error(&store.dir, e))?;
    writer.set_merge_policy(Box::new(BoundedMerges::default()));
    let existing = indexed_hashes(store)?;
    let f = &store.fields;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| IndexError::Io {
            path: store.dir.clone(),
            source: std::io::Error::other(e),
        })?;
    let mut summary = Summary {
        total: sources.len(),
        ..Summary::default()
    };
    let stopped = || {
        opts.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    };
    let done = AtomicUsize::new(0);
    let mut since_commit = 0;
    let mut last_commit = Instant::now();
    for chunk in sources.chunks(BATCH.min(opts.commit_every.max(1))) {
        let outcomes: Vec<Outcome> = pool.install(|| {
            chunk
                .par_iter()
                .map(|s| {
                    if stopped() {
                        return Outcome::Skipped;
                    }
                    let o = index_one(&writer, f, &existing, s);
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, sources.len());
                    o
                })
                .collect()
        });
        for o in outcomes {
            match o {
                Outcome::Indexed => summary.indexed += 1,
                Outcome::Unchanged => summary.unchanged += 1,
                Outcome::Failed(file, why) => summary.failed.push((file, why)),
                Outcome::Skipped => {}
            }
        }
        since_commit += chunk.len();
        if stopped() {
            // What is done is kept; files a half-written segment had are
            // removed with it.
            writer.commit().map_err(|e| index_error(&store.dir, e))?;
            let _ = writer.garbage_collect_files().wait();
            summary.interrupted = true;
            return Ok(summary);
        }
        if commit_due(opts, since_commit, last_commit.elapsed()) {
            writer.commit().map_err(|e| index_error(&store.dir, e))?;
            since_commit = 0;
            last_commit = Instant::now();
        }
    }
    if since_commit > 0 {
        writer.commit().map_err(|e| index_error(&store.dir, e))?;
    }
    if opts.prune {
        for key in existing.keys() {
            if !key.starts_with(BUNDLED_PREFIX) && !Path::new(key).exists() {
                writer.delete_term(Term::from_field_text(f.path, key));
                summary.removed += 1;
            }
        }
        writer.commit().map_err(|e| index_error(&store.dir, e))?;
    }
    writer
        .wait_merging_threads()
        .map_err(|e| index_error(&store.dir, e))?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_is_due_after_a_minute_of_work_by_default() {
        let opts = Options::default();
        assert!(!commit_due(&opts, BATCH, Duration::from_secs(59)));
        assert!(!commit_due(&opts, 1_000_000, Duration::from_secs(1)));
        assert!(commit_due(&opts, BATCH, Duration::from_secs(60)));
    }

    #[test]
    fn a_file_count_makes_a_commit_due_before_the_minute() {
        let opts = Options {
            commit_every: 20,
            ..Options::default()
        };
        assert!(!commit_due(&opts, 19, Duration::ZERO));
        assert!(commit_due(&opts, 20, Duration::ZERO));
        // Zero is read as one, never as "every file is overdue".
        let opts = Options {
            commit_every: 0,
            ..Options::default()
        };
        assert!(!commit_due(&opts, 0, Duration::ZERO));
        assert!(commit_due(&opts, 1, Duration::ZERO));
    }
}
