//! Full-text search over the section documents.
//!
//! Each word or phrase must occur as an exact substring — matched on the bigram
//! field, so every section `rg -F` would find is found — and whole-word matches
//! on the jieba field add to the score, so ranking follows words. Results are
//! ordered by relevance, then newest year.
//!
//! `compile` turns the parsed query into tantivy queries, `plan` picks the
//! path to the top sections from the compiled terms, `topk` follows it (by
//! block-max pruning where it can) and `hits` turns the sections into `Hit`s.

mod compile;
mod hits;
mod plan;
mod topk;

use super::query::{self, QueryError};
use super::snippet::Snippet;
use super::{index_error, IndexError, Store};
use plan::{plan, Plan};
use xxgk_core::model::{Year, YearRange};

#[derive(Debug, Clone, Default)]
pub struct Request {
    pub query: String,
    pub limit: usize,
    /// `--body`: a body_id or a full name (that body), or a part of names
    /// (every body it is part of: `民政局`, `二道区`).
    pub body: Option<String>,
    /// `--region`: bodies under a place (`长春市`, `吉林省/长春市`).
    pub region: Option<String>,
    /// `--year` (`2023` or `2019..2023`, parsed as `YearRange`); combined
    /// with the query's `year:` (the years both hold).
    pub year: Option<YearRange>,
    /// Snippet width in display cells.
    pub snippet_width: usize,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    pub body: Option<String>,
    pub body_id: Option<String>,
    pub year: Option<Year>,
    pub section: u64,
    pub section_title: String,
    pub score: f32,
    pub snippet: Snippet,
    pub source: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error(transparent)]
    Body(#[from] xxgk_core::identity::ResolveError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("region `{0}`: no body in the index lies under it; `xxgk bodies` lists them")]
    NoRegion(String),
}

pub fn search(store: &Store, req: &Request) -> Result<Vec<Hit>, SearchError> {
    Ok(run(store, req, false)?.0)
}

/// The hits, and how many sections match in all.
pub fn search_counted(store: &Store, req: &Request) -> Result<(Vec<Hit>, usize), SearchError> {
    run(store, req, true)
}

fn run(store: &Store, req: &Request, counted: bool) -> Result<(Vec<Hit>, usize), SearchError> {
    let parsed = query::parse(&req.query)?;
    let reader = store.reader()?;
    let searcher = reader.searcher();
    let terms = compile::terms(&store.fields, &parsed);
    let filters = compile::filters(store, &searcher, req, &parsed)?;

    let limit = req.limit.max(1);
    let query = compile::with_filters(terms.clauses, &filters);
    let err = |e: tantivy::TantivyError| index_error(&store.dir, e);
    // The pruned paths' negations and filters are in the full query that
    // scores each candidate.
    let (top, total) = match plan(&terms.words, counted) {
        Plan::Terms(scored) => {
            match topk::top_by_terms(&searcher, scored, &query, &filters, limit).map_err(err)? {
                Some(top) => (top, 0),
                // Pruning would not pay: the full query decides.
                None => topk::top_by_query(&searcher, &query, limit, false).map_err(err)?,
            }
        }
        Plan::Word(word) => (
            topk::top_by_word(&searcher, word, &query, &filters, limit).map_err(err)?,
            0,
        ),
        Plan::Phrase(words) => (
            topk::top_by_phrase(&searcher, words, &query, limit).map_err(err)?,
            0,
        ),
        Plan::Full => topk::top_by_query(&searcher, &query, limit, counted).map_err(err)?,
    };
    let hits = hits::hits(store, &searcher, &parsed, top, req.snippet_width)?;
    Ok((hits, total))
}
