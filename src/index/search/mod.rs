//! Full-text search over the section documents.
//!
//! Each word or phrase must occur as an exact substring — matched on the bigram
//! field, so every section `rg -F` would find is found — and whole-word matches
//! on the jieba field add to the score, so ranking follows words. Results are
//! ordered by relevance, then newest year.
//!
//! `compile` turns the parsed query into tantivy queries, `topk` finds the
//! top sections (by block-max pruning where it can) and `hits` turns them
//! into `Hit`s.

mod compile;
mod hits;
mod topk;

use super::query::{self, QueryError};
use super::snippet::Snippet;
use super::{index_error, IndexError, Store};

#[derive(Debug, Clone, Default)]
pub struct Request {
    pub query: String,
    pub limit: usize,
    /// `--body`: a body_id, a full name or an unambiguous part of a name.
    pub body: Option<String>,
    /// `--year`: `2023` or `2019..2023`.
    pub year: Option<String>,
    /// Snippet width in display cells.
    pub snippet_width: usize,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    pub body: Option<String>,
    pub body_id: Option<String>,
    pub year: Option<u64>,
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
    let (whole_words, scored_words) = (terms.words.whole, terms.words.scored);

    let limit = req.limit.max(1);
    let query = compile::with_filters(terms.clauses, &filters);
    // Several positive terms, each scored by its words: pruned together
    // (negations and filters are in the full query that scores each section).
    let prunable =
        !counted && scored_words.len() >= 2 && scored_words.iter().all(|w| !w.is_empty());
    let pruned = if prunable {
        topk::top_by_terms(&searcher, &scored_words, &query, &filters, limit)
            .map_err(|e| index_error(&store.dir, e))?
    } else {
        None
    };
    let (top, total) = match (pruned, whole_words.as_slice()) {
        (Some(top), _) => (top, 0),
        (None, [Some(word)]) if !counted => (
            topk::top_by_word(&searcher, word, &query, &filters, limit)
                .map_err(|e| index_error(&store.dir, e))?,
            0,
        ),
        // One positive term of several words; negations and filters are in
        // the full query that scores each candidate.
        (None, _) if !counted && scored_words.len() == 1 && scored_words[0].len() >= 2 => (
            topk::top_by_phrase(&searcher, &scored_words[0], &query, limit)
                .map_err(|e| index_error(&store.dir, e))?,
            0,
        ),
        _ => topk::top_by_query(&searcher, &query, limit, counted)
            .map_err(|e| index_error(&store.dir, e))?,
    };
    let hits = hits::hits(store, &searcher, &parsed, top, req.snippet_width)?;
    Ok((hits, total))
}
