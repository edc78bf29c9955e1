//! The top `limit` sections by block-max pruning: each pruned path reads
//! only the blocks of postings that can still enter the top, then lets the
//! full query (substrings, filters, negations) score what is left, so the
//! hits and scores are exactly the full query's.

use std::collections::HashSet;

use tantivy::collector::{Count, TopDocs};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EnableScoring, Occur, PhraseQuery, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DocAddress, DocId, DocSet, Searcher, SeekDangerResult, SegmentReader, Term, TERMINATED,
};

use super::compile::{by_word, with_filters, Clause, EXACT_SCORE, WORD_BOOST};
use crate::index::substring::seek_forward;

/// The top `limit` sections for a query of one whole jieba word, without
/// scoring every match.
///
/// Every section holding the word contains the term and scores above
/// `EXACT_SCORE`; every other match scores exactly `EXACT_SCORE`, and among
/// equal scores the first in index order ranks first. So the full query's top
/// `limit` is: the top sections by the word alone (block-max pruning on its
/// postings: most blocks are never scored), then, if fewer than `limit` hold
/// it, the first other matches in index order (a scan that stops early).
/// Common words (政府信息公开, in 385,000 sections of 100,000 reports) and
/// words that live in tables (行政复议) are the queries this spares.
pub(super) fn top_by_word(
    searcher: &Searcher,
    word: &Term,
    full: &dyn Query,
    filters: &[Clause],
    limit: usize,
) -> tantivy::Result<Vec<(f32, DocAddress)>> {
    let query = by_word(word, filters);
    let mut top: Vec<(f32, DocAddress)> = searcher
        .search(&query, &TopDocs::with_limit(limit).order_by_score())?
        .into_iter()
        .map(|(s, a)| (EXACT_SCORE + WORD_BOOST * s, a))
        .collect();
    if top.len() < limit {
        fill_in_index_order(searcher, full, &mut top, limit)?;
    }
    Ok(top)
}

/// Fills `top` up to `limit` with the full query's first other matches in
/// index order, at `EXACT_SCORE`: where every section scoring more is in
/// `top` already, the rest tie, and the full query ranks ties in index order.
/// (Taking the newest of them instead means verifying every match: at 100k
/// reports a word that lives in the tables, 行政复议, went from 12 to 46 ms.)
fn fill_in_index_order(
    searcher: &Searcher,
    full: &dyn Query,
    top: &mut Vec<(f32, DocAddress)>,
    limit: usize,
) -> tantivy::Result<()> {
    let holders: HashSet<DocAddress> = top.iter().map(|(_, a)| *a).collect();
    let weight = full.weight(EnableScoring::disabled_from_searcher(searcher))?;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let mut scorer = weight.scorer(segment, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            let addr = DocAddress::new(ord as u32, doc);
            let alive = segment.alive_bitset().is_none_or(|a| a.is_alive(doc));
            if alive && !holders.contains(&addr) {
                top.push((EXACT_SCORE, addr));
                if top.len() == limit {
                    return Ok(());
                }
            }
            doc = scorer.advance();
        }
    }
    Ok(())
}

/// One term's score in one segment, from term frequencies where they settle
/// it and positions only where they must: for one whole word, its BM25; for
/// a term cut into several words, the BM25 of those words as a phrase, 0
/// where they are not in a row. Sections are asked about in increasing order.
struct TermScore {
    postings: Vec<SegmentPostings>,
    bm25: Bm25Weight,
    norms: FieldNormReader,
    /// Several words: the phrase scorer, and whether section 0 holds the phrase.
    phrase: Option<(bool, Box<dyn Scorer>)>,
}

impl TermScore {
    /// `None` when a word is missing from the segment: none of its sections
    /// holds them all.
    fn new(
        segment: &SegmentReader,
        words: &[Term],
        bm25: &Bm25Weight,
        phrase: Option<&dyn Weight>,
    ) -> tantivy::Result<Option<TermScore>> {
        let inverted = segment.inverted_index(words[0].field())?;
        let mut postings = Vec::with_capacity(words.len());
        for w in words {
            match inverted.read_postings(w, IndexRecordOption::WithFreqs)? {
                Some(p) => postings.push(p),
                None => return Ok(None),
            }
        }
        let phrase = match phrase {
            Some(weight) => {
                let (first, scorer) = weight.scorer_danger(segment, 0, 1.0)?;
                Some((first == SeekDangerResult::Found, scorer))
            }
            None => None,
        };
        Ok(Some(TermScore {
            postings,
            bm25: bm25.clone(),
            norms: segment.get_fieldnorms_reader(words[0].field())?,
            phrase,
        }))
    }

    /// At least the term's score in `doc`, a section holding every word: the
    /// BM25 at its rarest word's count (the phrase occurs no more often).
    /// Exact for one word.
    fn at_most(&mut self, doc: DocId) -> f32 {
        let rarest = self
            .postings
            .iter_mut()
            .map(|p| {
                // `doc` holds every word: the postings land on it.
                seek_forward(p, doc);
                p.term_freq()
            })
            .min()
            .unwrap_or(0);
        self.bm25.score(self.norms.fieldnorm_id(doc), rarest)
    }

    /// The term's score in `doc`, a section holding every word; asked once
    /// a section at most.
    fn exact(&mut self, doc: DocId) -> f32 {
        match &mut self.phrase {
            None => self.at_most(doc),
            Some((at_first, scorer)) => {
                let in_a_row = if doc == 0 {
                    *at_first
                } else {
                    scorer.seek_danger(doc) == SeekDangerResult::Found
                };
                if in_a_row {
                    scorer.score()
                } else {
                    0.0
                }
            }
        }
    }
}

/// A term's BM25 weight, and its phrase's weight when it has several words.
type TermWeight = (Bm25Weight, Option<Box<dyn Weight>>);

fn term_weights(
    searcher: &Searcher,
    terms: &[Vec<Term>],
    scoring: EnableScoring<'_>,
) -> tantivy::Result<Vec<TermWeight>> {
    terms
        .iter()
        .map(|words| {
            let phrase = match words.len() {
                1 => None,
                _ => Some(PhraseQuery::new(words.clone()).weight(scoring)?),
            };
            Ok((Bm25Weight::for_terms(searcher, words)?, phrase))
        })
        .collect()
}

/// Each term's `TermScore` in `segment`, or `None` if a word is missing there.
fn term_scores(
    segment: &SegmentReader,
    terms: &[Vec<Term>],
    weights: &[TermWeight],
) -> tantivy::Result<Option<Vec<TermScore>>> {
    let mut out = Vec::with_capacity(terms.len());
    for (words, (bm25, phrase)) in terms.iter().zip(weights) {
        match TermScore::new(segment, words, bm25, phrase.as_deref())? {
            Some(t) => out.push(t),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// A bar lowered a little, so that rounding never drops a section that ties.
fn slack(bar: f32) -> f32 {
    bar - bar.abs() * 1e-3 - 1e-6
}

/// The best full scores found so far (best first, ties in index order, at
/// most `limit`), and the bars they set for the sections still to come.
struct Best {
    hits: Vec<(f32, DocAddress)>,
    limit: usize,
    /// `EXACT_SCORE` for each term: the part of a score words do not add.
    constant: f32,
}

impl Best {
    fn new(limit: usize, terms: usize) -> Best {
        Best {
            hits: Vec::with_capacity(limit + 1),
            limit,
            constant: terms as f32 * EXACT_SCORE,
        }
    }

    /// The `limit`-th best score, once there are that many.
    fn theta(&self) -> Option<f32> {
        (self.hits.len() == self.limit).then(|| self.hits[self.limit - 1].0)
    }

    /// Whether a section whose words score at most `words` cannot enter.
    fn shuts_out(&self, words: f32) -> bool {
        self.theta()
            .is_some_and(|t| self.constant + WORD_BOOST * words < t * (1.0 - 1e-4))
    }

    /// The bar a section's summed word scores must pass to enter, for
    /// block-max pruning: below every score while places are free.
    fn bar(&self) -> f32 {
        match self.theta() {
            None => -1.0,
            Some(theta) => slack((theta - self.constant) / WORD_BOOST),
        }
    }

    fn keep(&mut self, score: f32, address: DocAddress) {
        let place = self.hits.partition_point(|(s, _)| *s >= score);
        if place < self.limit {
            self.hits.insert(place, (score, address));
            self.hits.truncate(self.limit);
        }
    }
}

/// The best `limit` full scores among the sections holding every word of
/// `terms`, for the pruned searches below. Block-max pruning over all the
/// words hands over only sections whose summed word scores can still beat
/// θ; then each term's bound from term frequencies, then its exact score
/// from positions, are checked before `full` scores the section.
///
/// `words_must_score`: leave out sections whose words add nothing (the
/// words of a phrase not in a row): the caller gives those their places in
/// index order.
fn best_holding_every_word(
    searcher: &Searcher,
    terms: &[Vec<Term>],
    weights: &[TermWeight],
    full: &dyn Weight,
    limit: usize,
    words_must_score: bool,
) -> tantivy::Result<Best> {
    let every_word: Vec<Term> = terms.iter().flatten().cloned().collect();
    let every_word =
        bound_of(&every_word, &[]).weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut best = Best::new(limit, terms.len());
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Some(mut scores) = term_scores(segment, terms, weights)? else {
            continue;
        };
        let alive = segment.alive_bitset();
        let mut scorer = full.scorer(segment, 1.0)?;
        every_word.for_each_pruning(best.bar(), segment, &mut |doc, _| {
            if alive.is_some_and(|a| !a.is_alive(doc)) {
                return best.bar();
            }
            let at_most: f32 = scores.iter_mut().map(|t| t.at_most(doc)).sum();
            if best.shuts_out(at_most) {
                return best.bar();
            }
            let exact: f32 = scores.iter_mut().map(|t| t.exact(doc)).sum();
            if best.shuts_out(exact) || (words_must_score && exact <= 0.0) {
                return best.bar();
            }
            // Sections arrive in order, as `seek_forward` needs.
            if seek_forward(&mut scorer, doc) {
                best.keep(scorer.score(), DocAddress::new(ord as u32, doc));
            }
            best.bar()
        })?;
    }
    Ok(best)
}

/// The top `limit` sections for a query whose one positive term jieba cuts
/// into several words (`"政府信息公开工作"`: 政府信息公开 · 工作), without
/// reading the positions of every match.
///
/// A match scores `EXACT_SCORE` + `WORD_BOOST` × the BM25 of its words as a
/// phrase, 0 where they do not stand in a row. That BM25 is
/// (Σ idfᵢ)·(k₁+1)·g(phrase count, length), g rising with the count, and a
/// section holds each word at least as often as the phrase. So, with θ the
/// `limit`-th best full score so far, a section can enter the top only if
/// 1. the words' own scores summed pass (θ − `EXACT_SCORE`) / `WORD_BOOST`:
///    block-max pruning over the words' intersection skips the rest unread;
/// 2. the phrase's BM25 at its rarest word's count passes that bar too
///    (term frequencies, no positions);
/// 3. the words stand in a row, scoring above θ (their positions);
///
/// and only then does the full query (substring, filters, negations) score
/// it. Sections without the words in a row all score `EXACT_SCORE`; when too
/// few hold them, these fill the places in index order.
///
/// `"政府信息公开工作"` matches 380,000 sections of 100,000 reports, and
/// scoring them all read two phrases' positions in each.
pub(super) fn top_by_phrase(
    searcher: &Searcher,
    words: &[Term],
    full: &dyn Query,
    limit: usize,
) -> tantivy::Result<Vec<(f32, DocAddress)>> {
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let terms = [words.to_vec()];
    let weights = term_weights(searcher, &terms, scoring)?;
    let full_weight = full.weight(scoring)?;
    let mut top = best_holding_every_word(
        searcher,
        &terms,
        &weights,
        full_weight.as_ref(),
        limit,
        true,
    )?
    .hits;
    if top.len() < limit {
        fill_in_index_order(searcher, full, &mut top, limit)?;
    }
    Ok(top)
}

/// Candidates beyond which the pruned search of several words gives way to
/// the full query: rescoring that many is no cheaper than scoring every match.
const MAX_RESCORED: usize = 4096;

/// `(score, address)` of each of `docs` (sorted) that `weight` matches, as the
/// full query scores it.
fn rescore(
    searcher: &Searcher,
    weight: &dyn Weight,
    docs: &[DocAddress],
) -> tantivy::Result<Vec<(f32, DocAddress)>> {
    let mut out = Vec::with_capacity(docs.len());
    let mut i = 0;
    while i < docs.len() {
        let ord = docs[i].segment_ord;
        let mut scorer = weight.scorer(searcher.segment_reader(ord), 1.0)?;
        while i < docs.len() && docs[i].segment_ord == ord {
            if seek_forward(&mut scorer, docs[i].doc_id) {
                out.push((scorer.score(), docs[i]));
            }
            i += 1;
        }
    }
    Ok(out)
}

/// A term's jieba words, all required and scored as the sum of their BM25:
/// for one whole word, its own score; for a term cut into several words, at
/// least their phrase's score (see `top_by_phrase`).
fn bound_of(words: &[Term], filters: &[Clause]) -> Box<dyn Query> {
    match words {
        [word] => by_word(word, filters),
        several => with_filters(
            several
                .iter()
                .map(|w| (Occur::Must, by_word(w, &[])))
                .collect(),
            filters,
        ),
    }
}

/// The top `limit` sections for a query of several positive terms, each one
/// whole jieba word or a term jieba cuts into several words, or `None` when
/// pruning would not pay and the full query must run.
///
/// A section's full score is Σₜ (`EXACT_SCORE` + `WORD_BOOST` × sₜ), with sₜ
/// the BM25 of term t's word, or of its words as a phrase, and 0 when the
/// section holds the term only as a substring. Each term's `bound_of` scores
/// at least sₜ. So, with n terms and θ the `limit`-th best full score:
/// 1. among sections holding every word, block-max pruning over all the
///    words with the bar (θ − n·`EXACT_SCORE`) / `WORD_BOOST` hands over only
///    those that can still enter the top, each scored by the full query as
///    it comes (θ rises as they do);
/// 2. a section lacking some term's words can only beat θ if a term it holds
///    has sₜ ≥ τ = (θ − n·`EXACT_SCORE`) / `WORD_BOOST` / (n − 1); each
///    term's bound is read with τ as the block-max threshold, so most blocks
///    are skipped;
/// 3. those sections are scored by the full query too (which checks every
///    substring, filter and negation), and the best `limit` kept, ties in
///    index order.
///
/// The full query runs instead when fewer than `limit` sections come out of
/// step 1, or more than `MAX_RESCORED` out of step 2.
///
/// The pair `依申请公开 答复` matches 150,000 sections of 100,000 reports;
/// this reads a few blocks of each word instead.
pub(super) fn top_by_terms(
    searcher: &Searcher,
    terms: &[Vec<Term>],
    full: &dyn Query,
    filters: &[Clause],
    limit: usize,
) -> tantivy::Result<Option<Vec<(f32, DocAddress)>>> {
    let n = terms.len() as f32;
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let weights = term_weights(searcher, terms, scoring)?;
    let full_weight = full.weight(scoring)?;
    let best = best_holding_every_word(
        searcher,
        terms,
        &weights,
        full_weight.as_ref(),
        limit,
        false,
    )?;
    let Some(theta) = best.theta() else {
        // Sections lacking a word would fill places: the full query decides.
        return Ok(None);
    };
    let tau = slack((theta - n * EXACT_SCORE) / WORD_BOOST / (n - 1.0));
    let mut top = best.hits;
    let mut others: HashSet<DocAddress> = HashSet::new();
    for (t, words) in terms.iter().enumerate() {
        let weight = bound_of(words, filters).weight(scoring)?;
        let one = std::slice::from_ref(words);
        let mine = std::slice::from_ref(&weights[t]);
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let Some(mut score) = term_scores(segment, one, mine)?.and_then(|mut s| s.pop()) else {
                continue;
            };
            let mut found = Vec::new();
            weight.for_each_pruning(tau, segment, &mut |doc, _| {
                // A phrase's words pass τ by their own scores; the phrase must too.
                if words.len() == 1 || (score.at_most(doc) >= tau && score.exact(doc) >= tau) {
                    found.push(doc);
                }
                tau
            })?;
            let alive = segment.alive_bitset();
            others.extend(
                found
                    .into_iter()
                    .filter(|d| alive.is_none_or(|a| a.is_alive(*d)))
                    .map(|d| DocAddress::new(ord as u32, d)),
            );
            if others.len() > MAX_RESCORED {
                return Ok(None);
            }
        }
    }
    for (_, a) in &top {
        others.remove(a);
    }
    let mut others: Vec<DocAddress> = others.into_iter().collect();
    others.sort();
    top.extend(rescore(searcher, full_weight.as_ref(), &others)?);
    top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    top.truncate(limit);
    Ok(Some(top))
}

/// The top `limit` sections as the full query scores every match, and, when
/// `counted`, how many match in all (0 otherwise).
pub(super) fn top_by_query(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    counted: bool,
) -> tantivy::Result<(Vec<(f32, DocAddress)>, usize)> {
    let top_docs = TopDocs::with_limit(limit).order_by_score();
    // Counting visits every match, so it is done only when asked for.
    if counted {
        searcher.search(query, &(top_docs, Count))
    } else {
        searcher.search(query, &top_docs).map(|t| (t, 0))
    }
}
