//! The top sections as `Hit`s: their stored fields, a snippet around the
//! matches and the source's display path.

use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};
use xxgk_core::model::Year;

use super::Hit;
use crate::index::query::Parsed;
use crate::index::{index_error, snippet, source, IndexError, Store};

/// `top`'s sections as hits, by relevance, then the newest year.
pub(super) fn hits(
    store: &Store,
    searcher: &Searcher,
    parsed: &Parsed,
    top: Vec<(f32, DocAddress)>,
    snippet_width: usize,
) -> Result<Vec<Hit>, IndexError> {
    let f = &store.fields;
    let needles: Vec<String> = parsed.positive().map(|t| t.text.clone()).collect();
    let width = if snippet_width == 0 {
        80
    } else {
        snippet_width
    };
    let mut hits = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let doc: TantivyDocument = searcher.doc(addr).map_err(|e| index_error(&store.dir, e))?;
        let text_of = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let text = text_of(f.text)
            .or_else(|| text_of(f.plain))
            .unwrap_or_default();
        let path = text_of(f.path).unwrap_or_default();
        hits.push(Hit {
            body: text_of(f.body),
            body_id: text_of(f.body_id),
            year: doc
                .get_first(f.year)
                .and_then(|v| v.as_u64())
                .and_then(|y| Year::try_from(y).ok()),
            section: doc
                .get_first(f.section)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            section_title: text_of(f.title).unwrap_or_default(),
            score,
            snippet: snippet::make(&text, &needles, width),
            source: source::display_path(&path).to_string(),
        });
    }
    // Relevance, then (among equal scores) narrative before the tables and
    // headings, then the newest year (a stable sort keeps index order).
    let other = crate::index::ingest::OTHER_SECTION;
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((b.section != other).cmp(&(a.section != other)))
            .then(b.year.cmp(&a.year))
    });
    Ok(hits)
}
