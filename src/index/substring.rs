//! An exact-substring filter that checks bigram positions only when it must.
//!
//! A section contains the query text `w` exactly when its bigrams occur at
//! consecutive positions (a phrase on the bigram field). Reading positions is
//! the dear part of that check. But when jieba cut `w` as one word and the
//! section's jieba field holds that word, the section contains `w` already —
//! every jieba token is a substring of the text — so for common words, which
//! jieba almost always cuts whole, most candidates are settled by one seek in
//! a posting list, and positions are read only for the rest.
//!
//! Candidates are the sections holding every bigram (no positions); each is
//! accepted by the word, or else by the phrase.

use tantivy::query::{
    BooleanQuery, EnableScoring, Explanation, Occur, PhraseQuery, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term, TERMINATED};

#[derive(Clone, Debug)]
pub struct SubstringQuery {
    /// The bigrams at their character offsets (at least two).
    grams: Vec<(usize, Term)>,
    /// A jieba word whose presence proves the substring, if the text is one word.
    word: Option<Term>,
}

impl SubstringQuery {
    pub fn new(grams: Vec<(usize, Term)>, word: Option<Term>) -> Self {
        debug_assert!(grams.len() >= 2);
        SubstringQuery { grams, word }
    }
}

impl Query for SubstringQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // Wrapped in a ConstScoreQuery, this is called with scoring off, which
        // lets the phrase stop at its first occurrence in a section.
        let candidates = BooleanQuery::new(
            self.grams
                .iter()
                .map(|(_, t)| {
                    let q: Box<dyn Query> =
                        Box::new(TermQuery::new(t.clone(), IndexRecordOption::Basic));
                    (Occur::Must, q)
                })
                .collect(),
        );
        Ok(Box::new(SubstringWeight {
            candidates: candidates.weight(scoring)?,
            phrase: PhraseQuery::new_with_offset(self.grams.clone()).weight(scoring)?,
            word: match &self.word {
                Some(t) => {
                    Some(TermQuery::new(t.clone(), IndexRecordOption::Basic).weight(scoring)?)
                }
                None => None,
            },
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, t) in &self.grams {
            visitor(t, true);
        }
    }
}

struct SubstringWeight {
    candidates: Box<dyn Weight>,
    phrase: Box<dyn Weight>,
    word: Option<Box<dyn Weight>>,
}

impl Weight for SubstringWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let candidates = self.candidates.scorer(reader, 1.0)?;
        let word = match &self.word {
            Some(w) => Some(w.scorer(reader, 1.0)?),
            None => None,
        };
        // The phrase scorer starts at the first candidate: opening it at doc 0
        // would check positions up to its first match for nothing.
        let first = candidates.doc();
        let (first_in_phrase, phrase) = if first == TERMINATED {
            (
                SeekDangerResult::SeekLowerBound(TERMINATED),
                self.phrase.scorer(reader, 1.0)?,
            )
        } else {
            self.phrase.scorer_danger(reader, first, 1.0)?
        };
        let mut scorer = SubstringScorer {
            candidates,
            word,
            phrase,
            doc: first,
            score: boost,
        };
        if first != TERMINATED
            && first_in_phrase != SeekDangerResult::Found
            && !scorer.word_has(first)
        {
            scorer.next_accepted();
        }
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) == doc {
            Ok(Explanation::new("contains the substring", scorer.score()))
        } else {
            Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not contain the substring"
            )))
        }
    }
}

struct SubstringScorer {
    candidates: Box<dyn Scorer>,
    word: Option<Box<dyn Scorer>>,
    /// Only ever moved by `seek_danger`, with strictly increasing targets.
    phrase: Box<dyn Scorer>,
    doc: DocId,
    score: Score,
}

/// Moves `set` to `doc` unless it is there or past it already (a scorer
/// starts on its first match and may seek only forward), and tells whether
/// `doc` is in it.
pub(super) fn seek_forward<D: DocSet>(set: &mut D, doc: DocId) -> bool {
    if set.doc() < doc {
        set.seek(doc);
    }
    set.doc() == doc
}

impl SubstringScorer {
    fn word_has(&mut self, doc: DocId) -> bool {
        self.word
            .as_mut()
            .is_some_and(|word| seek_forward(word, doc))
    }

    /// Whether candidate `doc` (greater than every earlier one) holds the substring.
    fn accepts(&mut self, doc: DocId) -> bool {
        self.word_has(doc) || self.phrase.seek_danger(doc) == SeekDangerResult::Found
    }

    fn next_accepted(&mut self) -> DocId {
        loop {
            let doc = self.candidates.advance();
            if doc == TERMINATED || self.accepts(doc) {
                self.doc = doc;
                return doc;
            }
        }
    }
}

impl DocSet for SubstringScorer {
    fn advance(&mut self) -> DocId {
        self.next_accepted()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let doc = self.candidates.seek(target);
        if doc == TERMINATED || self.accepts(doc) {
            self.doc = doc;
            return doc;
        }
        self.next_accepted()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.candidates.size_hint()
    }

    fn cost(&self) -> u64 {
        self.candidates.cost()
    }
}

impl Scorer for SubstringScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}
