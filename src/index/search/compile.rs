//! Query compilation: the parsed query as tantivy queries — each term's
//! substring match (scored by its jieba words) and the request's filters.

use std::ops::Bound;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery, RegexQuery,
    TermQuery, TermSetQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};
use xxgk_core::model::Year;

use super::{Request, SearchError};
use crate::index::query::{combine_years, Parsed, QueryError};
use crate::index::schema::{Fields, KIND_SECTION};
use crate::index::substring::SubstringQuery;
use crate::index::tokenize::{bigrams, words};
use crate::index::{dict, Store};

/// One clause of a boolean query.
pub(super) type Clause = (Occur, Box<dyn Query>);

/// The section numbers `section:TEXT` selects: a number; a title as hits
/// show it (the report's own, `概述`, `依申请公开政府信息情况`, or part of the
/// template's, `复议`); `前言`; `表格` / `标题` for the tables and headings.
pub(super) fn section_numbers(text: &str) -> Result<Vec<u64>, QueryError> {
    use crate::index::ingest::{OTHER_SECTION, OTHER_TITLE};
    if let Ok(n) = text.parse::<u64>() {
        if n <= 6 || n == OTHER_SECTION {
            return Ok(vec![n]);
        }
        return Err(QueryError::UnknownSection(text.to_string()));
    }
    if "前言".contains(text) || text == "preamble" {
        return Ok(vec![0]);
    }
    if ["表格", "标题", "表格和标题", OTHER_TITLE].contains(&text) {
        return Ok(vec![OTHER_SECTION]);
    }
    if let Some(n) = xxgk_core::parse::sections::section_of_title(text) {
        return Ok(vec![u64::from(n)]);
    }
    let numbers: Vec<u64> = xxgk_core::template::TITLES
        .iter()
        .enumerate()
        .filter(|(_, t)| t.contains(text))
        .map(|(i, _)| i as u64 + 1)
        .collect();
    if numbers.is_empty() {
        Err(QueryError::UnknownSection(text.to_string()))
    } else {
        Ok(numbers)
    }
}

fn filter(q: Box<dyn Query>) -> Clause {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

/// The fewest bigrams that still pin down every character: in each run of
/// adjacent bigrams, every other one and the last. A phrase of these at their
/// offsets is the same exact substring as the phrase of all of them, with
/// about half the posting lists to intersect.
fn covering<T>(
    grams: &[(usize, usize, usize, T)],
) -> impl Iterator<Item = &(usize, usize, usize, T)> {
    let mut keep = vec![false; grams.len()];
    let mut run_start = 0;
    for i in 0..grams.len() {
        let run_ends = i + 1 == grams.len() || grams[i + 1].0 != grams[i].0 + 1;
        if (grams[i].0 - grams[run_start].0).is_multiple_of(2) || run_ends {
            keep[i] = true;
        }
        if run_ends {
            run_start = i + 1;
        }
    }
    grams.iter().zip(keep).filter(|(_, k)| *k).map(|(g, _)| g)
}

/// A term's query, and the jieba word that is the whole term when there is one.
struct TermMatch {
    query: Box<dyn Query>,
    whole_word: Option<Term>,
    /// The jieba words of a term cut into several, in order (scored terms only).
    phrase_words: Vec<Term>,
}

/// Matches sections containing `text` (as `rg -F` would), scored by words.
fn substring_query(
    f: &Fields,
    jieba: &jieba_rs::Jieba,
    text: &str,
    scored: bool,
) -> Option<TermMatch> {
    let grams = bigrams(text);
    let ws = words(jieba, text);
    // One jieba word spanning the whole text proves the substring where it is
    // indexed — if case folding cannot tell the two fields apart.
    let whole_word = match ws.as_slice() {
        [(0, end, w)]
            if *end == text.len()
                && text.chars().all(|c| !c.is_lowercase() && !c.is_uppercase()) =>
        {
            Some(Term::from_field_text(f.text, w))
        }
        _ => None,
    };
    let exact: Box<dyn Query> = match grams.len() {
        0 => {
            // One character: any bigram that starts or ends with it.
            let c = regex::escape(&text.to_ascii_lowercase());
            let pattern = format!("({c}.|.{c})");
            Box::new(RegexQuery::from_pattern(&pattern, f.grams).ok()?)
        }
        1 => Box::new(TermQuery::new(
            Term::from_field_text(f.grams, &grams[0].3),
            IndexRecordOption::WithFreqs,
        )),
        _ => Box::new(SubstringQuery::new(
            covering(&grams)
                .map(|(p, _, _, t)| (*p, Term::from_field_text(f.grams, t)))
                .collect(),
            whole_word.clone(),
        )),
    };
    let exact: Box<dyn Query> = Box::new(ConstScoreQuery::new(exact, EXACT_SCORE));
    if !scored {
        return Some(TermMatch {
            query: exact,
            whole_word,
            phrase_words: Vec::new(),
        });
    }
    let word_terms: Vec<Term> = ws
        .iter()
        .map(|(_, _, w)| Term::from_field_text(f.text, w))
        .collect();
    let word_query: Option<Box<dyn Query>> = match word_terms.as_slice() {
        [] => None,
        [one] => Some(Box::new(TermQuery::new(
            one.clone(),
            IndexRecordOption::WithFreqs,
        ))),
        several => Some(Box::new(PhraseQuery::new(several.to_vec()))),
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, exact)];
    if let Some(w) = word_query {
        clauses.push((Occur::Should, Box::new(BoostQuery::new(w, WORD_BOOST))));
    }
    Some(TermMatch {
        query: Box::new(BooleanQuery::new(clauses)),
        whole_word,
        phrase_words: if word_terms.len() >= 2 {
            word_terms
        } else {
            Vec::new()
        },
    })
}

/// A section's score: `EXACT_SCORE` for containing the term, plus
/// `WORD_BOOST` × the BM25 score of the term's jieba words.
pub(super) const EXACT_SCORE: f32 = 1.0;
pub(super) const WORD_BOOST: f32 = 2.0;

/// `clauses` and the request's filters, all required.
pub(super) fn with_filters(mut clauses: Vec<Clause>, filters: &[Clause]) -> Box<dyn Query> {
    clauses.extend(filters.iter().map(|(o, q)| (*o, q.box_clone())));
    Box::new(BooleanQuery::new(clauses))
}

/// The sections holding jieba word `word` that pass the filters, scored by
/// the word's BM25. Alone, the term query prunes by block-max; with filters it
/// still reads far less than the substring check over every match.
pub(super) fn by_word(word: &Term, filters: &[Clause]) -> Box<dyn Query> {
    let term: Box<dyn Query> = Box::new(TermQuery::new(word.clone(), IndexRecordOption::WithFreqs));
    if filters.is_empty() {
        term
    } else {
        with_filters(vec![(Occur::Must, term)], filters)
    }
}

/// What the pruned searches need of the terms (see `plan`).
pub(super) struct Words {
    /// For each term compiled, negated ones too: the jieba word that is the
    /// whole term, when the term is positive and has one.
    pub whole: Vec<Option<Term>>,
    /// Each positive term's scored words: one whole word, or several in a row
    /// (empty when it has neither, e.g. `公开，`: one word and a comma).
    pub scored: Vec<Vec<Term>>,
}

/// The query's terms compiled.
pub(super) struct Terms {
    /// Each term's query: required, or excluded when the term is negated.
    pub clauses: Vec<Clause>,
    pub words: Words,
}

/// Compiles every term of `parsed`.
pub(super) fn terms(f: &Fields, parsed: &Parsed) -> Terms {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut whole_words: Vec<Option<Term>> = Vec::new();
    let mut scored_words: Vec<Vec<Term>> = Vec::new();

    // Cut the query with a dictionary of just its words: identical to the full
    // dictionary's cut, at a fraction of the load time.
    let positive: String = parsed
        .positive()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let jieba = dict::for_text(&positive);
    for term in &parsed.terms {
        if let Some(m) = substring_query(f, &jieba, &term.text, !term.negated) {
            clauses.push((
                if term.negated {
                    Occur::MustNot
                } else {
                    Occur::Must
                },
                m.query,
            ));
            if !term.negated {
                scored_words.push(match &m.whole_word {
                    Some(word) => vec![word.clone()],
                    None => m.phrase_words,
                });
            }
            whole_words.push(m.whole_word.filter(|_| !term.negated));
        }
    }
    Terms {
        clauses,
        words: Words {
            whole: whole_words,
            scored: scored_words,
        },
    }
}

/// The request's filters (kind, body, year, section), apart from the terms'
/// clauses; all required, none scored.
pub(super) fn filters(
    store: &Store,
    searcher: &Searcher,
    req: &Request,
    parsed: &Parsed,
) -> Result<Vec<Clause>, SearchError> {
    let f = &store.fields;
    // Only sections have text, so a positive term already excludes the report
    // documents; the filter is needed (and paid for) only without one.
    let mut filters: Vec<Clause> = Vec::new();
    if parsed.positive().next().is_none() {
        filters.push(filter(Box::new(TermQuery::new(
            Term::from_field_text(f.kind, KIND_SECTION),
            IndexRecordOption::Basic,
        ))));
    }
    // Each `body:` and `--body` selects the bodies it names (one, or all it
    // is part of), `--region` those under a place; all must hold.
    let mut body_texts = parsed.bodies.clone();
    body_texts.extend(req.body.clone());
    if !body_texts.is_empty() || req.region.is_some() {
        let all = crate::index::catalog::body_names(store, searcher)?;
        let any_of = |ids: Vec<String>| {
            filter(Box::new(TermSetQuery::new(
                ids.iter().map(|id| Term::from_field_text(f.body_id, id)),
            )))
        };
        for text in &body_texts {
            filters.push(any_of(xxgk_core::identity::resolve_many(&all, text)?));
        }
        if let Some(text) = &req.region {
            let region = xxgk_core::region::Region::parse(text);
            let ids: Vec<String> = all
                .keys()
                .filter(|id| region.contains(id))
                .cloned()
                .collect();
            if ids.is_empty() {
                return Err(SearchError::NoRegion(text.clone()));
            }
            filters.push(any_of(ids));
        }
    }
    if let Some(years) = combine_years(req.year, parsed.years)? {
        // Years are indexed as u64 (a negative one is not indexed at all).
        let year = |y: Year| Term::from_field_u64(f.year, u64::try_from(y).unwrap_or(0));
        filters.push(filter(Box::new(RangeQuery::new(
            Bound::Included(year(years.from)),
            Bound::Included(year(years.to)),
        ))));
    }
    for s in &parsed.sections {
        let numbers = section_numbers(s)?;
        filters.push(filter(Box::new(TermSetQuery::new(
            numbers
                .into_iter()
                .map(|n| Term::from_field_u64(f.section, n)),
        ))));
    }
    Ok(filters)
}

#[cfg(test)]
mod tests {
    use super::covering;

    fn kept(positions: &[usize]) -> Vec<usize> {
        let grams: Vec<(usize, usize, usize, ())> =
            positions.iter().map(|&p| (p, 0, 0, ())).collect();
        covering(&grams).map(|g| g.0).collect()
    }

    #[test]
    fn every_other_bigram_and_the_last_of_each_run() {
        assert_eq!(kept(&[0, 1]), [0, 1]);
        assert_eq!(kept(&[0, 1, 2, 3, 4]), [0, 2, 4]);
        assert_eq!(kept(&[0, 1, 2, 3]), [0, 2, 3]);
        // A space splits the text into runs: 政务 公开办 → bigrams at 0, 3, 4.
        assert_eq!(kept(&[0, 3, 4]), [0, 3, 4]);
        assert_eq!(kept(&[0, 1, 2, 5, 6, 7, 8]), [0, 2, 5, 7, 8]);
    }
}

#[cfg(test)]
mod section_tests {
    use super::section_numbers;
    use crate::index::ingest::OTHER_SECTION;

    #[test]
    fn section_takes_the_titles_hits_show() {
        let n = |t: &str| section_numbers(t).unwrap();
        assert_eq!(n("3"), [3]);
        assert_eq!(n("概述"), [1]);
        assert_eq!(n("总体情况"), [1]);
        assert_eq!(n("依申请公开"), [3]);
        assert_eq!(n("依申请公开政府信息情况"), [3]);
        assert_eq!(n("主动公开政府信息的情况"), [2]);
        assert_eq!(n("复议"), [4]);
        assert_eq!(n("前言"), [0]);
        assert_eq!(n("表格"), [OTHER_SECTION]);
        assert_eq!(n("表格与标题"), [OTHER_SECTION]);
        let err = section_numbers("天气").unwrap_err().to_string();
        assert!(
            err.contains("section:天气") && err.contains("3 依申请公开"),
            "{err}"
        );
        assert!(section_numbers("42").is_err());
    }
}
