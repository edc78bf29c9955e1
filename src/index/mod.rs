//! The corpus index: jieba-tokenized narrative plus the parsed statistics,
//! in one folder. It reads parsed reports and knows nothing of the TUI.

pub mod catalog;
pub mod dict;
pub mod fold;
pub mod ingest;
pub mod location;
pub mod merge;
pub mod query;
pub mod schema;
pub mod search;
pub mod snippet;
pub mod source;
pub mod substring;
pub mod tokenize;

use std::path::{Path, PathBuf};

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use schema::Fields;
use xxgk_core::model::Report;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("index is busy: another `xxgk index` is writing to {0}; wait for it to finish")]
    Busy(PathBuf),
    #[error(
        "no index at {0}: run `xxgk index PATH…` first (or `xxgk` to index the bundled samples)"
    )]
    Missing(PathBuf),
    #[error(
        "index at {0} was made by another version of xxgk: remove that folder and index again"
    )]
    Incompatible(PathBuf),
    #[error("index at {path}: {source}")]
    Tantivy {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
    #[error("index at {path}: the stored report of {key} cannot be read ({reason}); remove that folder and index again")]
    Stored {
        path: PathBuf,
        key: String,
        reason: String,
    },
    #[error("index at {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// An index folder, opened.
#[derive(Clone)]
pub struct Store {
    pub dir: PathBuf,
    pub index: Index,
    pub fields: Fields,
    /// Opened on first use and reloaded (cheaply: only changed segments) on
    /// each later one, so a query never pays for opening every segment.
    reader: std::sync::OnceLock<IndexReader>,
}

fn tantivy_dir(dir: &Path) -> PathBuf {
    dir.join("tantivy")
}

impl Store {
    /// Whether an index has been committed in `dir`.
    pub fn exists(dir: &Path) -> bool {
        Self::meta_file(dir).is_file()
    }

    /// The file every commit rewrites: its time says when the index last changed.
    pub fn meta_file(dir: &Path) -> PathBuf {
        tantivy_dir(dir).join("meta.json")
    }

    /// Opens an existing index for reading. Cheap: no dictionary is loaded.
    pub fn open(dir: &Path) -> Result<Store, IndexError> {
        if !Self::exists(dir) {
            return Err(IndexError::Missing(dir.to_path_buf()));
        }
        let index = Index::open_in_dir(tantivy_dir(dir)).map_err(|e| index_error(dir, e))?;
        let fields = Fields::from_schema(&index.schema())
            .map_err(|_| IndexError::Incompatible(dir.to_path_buf()))?;
        Ok(Store {
            dir: dir.to_path_buf(),
            index,
            fields,
            reader: Default::default(),
        })
    }

    /// Opens or creates the index for writing, with the tokenizers registered
    /// (this loads the full jieba dictionary).
    pub fn open_for_writing(dir: &Path) -> Result<Store, IndexError> {
        let tdir = tantivy_dir(dir);
        std::fs::create_dir_all(&tdir).map_err(|source| IndexError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let store = if Self::exists(dir) {
            Self::open(dir)?
        } else {
            let (schema, fields) = schema::build();
            let index = Index::builder()
                .schema(schema)
                .settings(schema::settings())
                .create_in_dir(&tdir)
                .map_err(|e| index_error(dir, e))?;
            Store {
                dir: dir.to_path_buf(),
                index,
                fields,
                reader: Default::default(),
            }
        };
        // The dictionary takes a good half second to load: do it beside the
        // first files' parsing rather than before it.
        if !dict::full_is_loaded() {
            std::thread::spawn(dict::full);
        }
        let tokenizers = store.index.tokenizers();
        tokenizers.register(
            tokenize::JIEBA,
            TextAnalyzer::from(tokenize::JiebaTokenizer::lazy()),
        );
        tokenizers.register(
            tokenize::BIGRAM,
            TextAnalyzer::from(tokenize::BigramTokenizer::default()),
        );
        Ok(store)
    }

    /// A reader on the last commit.
    pub fn reader(&self) -> Result<IndexReader, IndexError> {
        if let Some(reader) = self.reader.get() {
            reader.reload().map_err(|e| index_error(&self.dir, e))?;
            return Ok(reader.clone());
        }
        let reader: IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| index_error(&self.dir, e))?;
        Ok(self.reader.get_or_init(|| reader).clone())
    }

    /// Every document matching `q`.
    pub fn docs(&self, q: &dyn tantivy::query::Query) -> Result<Vec<TantivyDocument>, IndexError> {
        let mut out = Vec::new();
        self.for_each_doc(q, |doc| out.push(doc))?;
        Ok(out)
    }

    /// Calls `each` with every document matching `q`, one at a time, in
    /// storage order: documents share compressed blocks, and the store keeps
    /// only a few blocks decompressed.
    pub fn for_each_doc(
        &self,
        q: &dyn tantivy::query::Query,
        mut each: impl FnMut(TantivyDocument),
    ) -> Result<(), IndexError> {
        let searcher = self.reader()?.searcher();
        let mut addrs: Vec<_> = searcher
            .search(q, &DocSetCollector)
            .map_err(|e| index_error(&self.dir, e))?
            .into_iter()
            .collect();
        addrs.sort_unstable();
        for a in addrs {
            each(searcher.doc(a).map_err(|e| index_error(&self.dir, e))?);
        }
        Ok(())
    }

    /// Every report in the index, with its statistics and findings (section
    /// texts are in the section documents). This parses every report: the
    /// corpus layer lists reports with `catalog` and fetches full ones by key.
    pub fn reports(&self) -> Result<Vec<Report>, IndexError> {
        let q = TermQuery::new(
            Term::from_field_text(self.fields.kind, schema::KIND_REPORT),
            IndexRecordOption::Basic,
        );
        let mut out = Vec::new();
        for doc in self.docs(&q)? {
            let text = |field| doc.get_first(field).and_then(|v| v.as_str());
            if let Some(json) = text(self.fields.report) {
                out.push(self.stored_report(text(self.fields.path).unwrap_or("?"), json)?);
            }
        }
        out.sort_by(|a, b| (&a.body_id, a.year, &a.source).cmp(&(&b.body_id, b.year, &b.source)));
        Ok(out)
    }
}

impl Store {
    /// A report document's stored JSON, read back; an error names the report
    /// (an index this version wrote always reads back).
    pub(crate) fn stored_report(&self, key: &str, json: &str) -> Result<Report, IndexError> {
        serde_json::from_str(json).map_err(|e| IndexError::Stored {
            path: self.dir.clone(),
            key: source::display_path(key).to_string(),
            reason: e.to_string(),
        })
    }

    /// The report indexed from `source` with its section texts, as the
    /// report screen shows it: narrative sections (the preamble as number 0)
    /// in order; the table-and-heading pseudo-section back in `other_text`.
    pub fn report_with_text(&self, source: &str) -> Result<Option<Report>, IndexError> {
        let Some(mut report) = self.report(source)? else {
            return Ok(None);
        };
        let (other, narrative): (Vec<_>, Vec<_>) = self
            .sections(source)?
            .into_iter()
            .partition(|s| u64::from(s.number) == ingest::OTHER_SECTION);
        report.sections = narrative;
        report.other_text = other.into_iter().map(|s| s.text).collect();
        report.preamble.clear();
        Ok(Some(report))
    }

    /// The sections of the report indexed from `source` (as reports show it),
    /// the preamble as number 0, in order.
    pub fn sections(&self, source: &str) -> Result<Vec<xxgk_core::model::Section>, IndexError> {
        let f = &self.fields;
        let keys = source::keys_for(source);
        let q = self.of_paths(&keys, schema::KIND_SECTION);
        let mut out = Vec::new();
        for doc in self.docs(&q)? {
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            out.push(xxgk_core::model::Section {
                number: doc
                    .get_first(f.section)
                    .and_then(|v| v.as_u64())
                    .unwrap_or(0) as u8,
                title: text(f.title),
                text: Some(text(f.text))
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| text(f.plain)),
            });
        }
        out.sort_by_key(|s| s.number);
        Ok(out)
    }
}

impl Store {
    /// The documents of `kind` indexed under any of `keys`.
    pub(crate) fn of_paths(&self, keys: &[impl AsRef<str>], kind: &str) -> BooleanQuery {
        self.of_kind_with_any(kind, keys.iter().map(|k| (self.fields.path, k.as_ref())))
    }

    /// The documents of `kind` with any of the `(field, value)` terms.
    pub(crate) fn of_kind_with_any<'a>(
        &self,
        kind: &str,
        terms: impl Iterator<Item = (tantivy::schema::Field, &'a str)>,
    ) -> BooleanQuery {
        let term = |field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::Basic,
            ))
        };
        let any = terms
            .map(|(field, value)| (Occur::Should, term(field, value)))
            .collect();
        BooleanQuery::new(vec![
            (Occur::Must, Box::new(BooleanQuery::new(any))),
            (Occur::Must, term(self.fields.kind, kind)),
        ])
    }
}

/// A tantivy error on the index in `dir`, as the error users see.
pub(crate) fn index_error(dir: &Path, e: tantivy::TantivyError) -> IndexError {
    match e {
        tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _) => {
            IndexError::Busy(dir.to_path_buf())
        }
        tantivy::TantivyError::SchemaError(_) => IndexError::Incompatible(dir.to_path_buf()),
        source => IndexError::Tantivy {
            path: dir.to_path_buf(),
            source,
        },
    }
}
