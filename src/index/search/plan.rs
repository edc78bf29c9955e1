//! Which path a query takes to its top sections, decided from its compiled
//! terms alone.

use tantivy::Term;

use super::compile::Words;

/// The path to the top sections. Every path returns the full query's hits
/// and scores; the pruned ones only read less to find them.
#[derive(Debug, PartialEq)]
pub(super) enum Plan<'a> {
    /// Several positive terms, each scored by its words — one whole jieba
    /// word, or several in a row (`依申请公开 答复`, `行政复议 "政府信息公开工作"`;
    /// negations and filters may be added): `top_by_terms`, which hands over
    /// to `Full` when pruning would not pay.
    Terms(&'a [Vec<Term>]),
    /// One term and nothing negated, the term one whole jieba word
    /// (`政府信息公开`, `"行政复议"`; filters may be added): `top_by_word`.
    Word(&'a Term),
    /// One positive term jieba cuts into several words (`政府信息公开工作`;
    /// negations and filters may be added): `top_by_phrase`.
    Phrase(&'a [Term]),
    /// The full query scores every match: every counted search; filters
    /// alone (`year:2023`, `-诉讼 body:二道区`); one whole word with negations
    /// (`行政复议 -诉讼`); any query with a positive term that has no words to
    /// score: one jieba word with more around it (`公开，`), no word at all
    /// (`，`), letters that have a case (`PDF`, `pdf`: the word field's case
    /// folding cannot prove their substring).
    Full,
}

/// The path for terms compiled to `words`; `counted` searches count every
/// match, so they take `Plan::Full`.
pub(super) fn plan(words: &Words, counted: bool) -> Plan<'_> {
    let scored = words.scored.as_slice();
    if counted {
        return Plan::Full;
    }
    if scored.len() >= 2 && scored.iter().all(|w| !w.is_empty()) {
        return Plan::Terms(scored);
    }
    if let [Some(word)] = words.whole.as_slice() {
        return Plan::Word(word);
    }
    match scored {
        [several] if several.len() >= 2 => Plan::Phrase(several),
        _ => Plan::Full,
    }
}

#[cfg(test)]
mod tests {
    use tantivy::schema::Field;
    use tantivy::Term;

    use super::super::compile::{self, Words};
    use super::{plan, Plan};
    use crate::index::{query, schema};

    /// The path `q` takes, with the words it is pruned by: terms split by
    /// ` | `, a term's words by `·`.
    fn planned(q: &str, counted: bool) -> String {
        let (_, fields) = schema::build();
        let terms = compile::terms(&fields, &query::parse(q).unwrap());
        let text = |t: &Term| t.value().as_str().unwrap().to_string();
        let words = |ws: &[Term]| ws.iter().map(text).collect::<Vec<_>>().join("·");
        match plan(&terms.words, counted) {
            Plan::Terms(ts) => {
                let ts: Vec<String> = ts.iter().map(|t| words(t)).collect();
                format!("Terms({})", ts.join(" | "))
            }
            Plan::Word(w) => format!("Word({})", text(w)),
            Plan::Phrase(ws) => format!("Phrase({})", words(ws)),
            Plan::Full => "Full".to_string(),
        }
    }

    #[test]
    fn one_whole_word_takes_the_word_path() {
        assert_eq!(planned("政府信息公开", false), "Word(政府信息公开)");
        assert_eq!(planned("\"行政复议\"", false), "Word(行政复议)");
        assert_eq!(
            planned("行政复议 year:2023 section:5", false),
            "Word(行政复议)"
        );
        assert_eq!(planned("行政复议 body:二道区", false), "Word(行政复议)");
    }

    #[test]
    fn one_term_of_several_words_takes_the_phrase_path() {
        assert_eq!(
            planned("政府信息公开工作", false),
            "Phrase(政府信息公开·工作)"
        );
        assert_eq!(
            planned("政府信息公开工作 -诉讼 year:2019..2023", false),
            "Phrase(政府信息公开·工作)"
        );
    }

    #[test]
    fn several_terms_with_words_take_the_terms_path() {
        assert_eq!(
            planned("依申请公开 答复", false),
            "Terms(依申请公开 | 答复)"
        );
        assert_eq!(
            planned("行政复议 政府信息公开工作 -诉讼", false),
            "Terms(行政复议 | 政府信息公开·工作)"
        );
    }

    #[test]
    fn the_rest_and_every_count_score_every_match() {
        for q in [
            "year:2023",
            "-诉讼 body:二道区",
            "行政复议 -诉讼",
            "公开，",
            "，",
            "PDF",
            "行政复议 PDF",
            "政府信息公开工作 公开，",
        ] {
            assert_eq!(planned(q, false), "Full", "{q}");
        }
        for q in [
            "政府信息公开",
            "政府信息公开工作",
            "依申请公开 答复",
            "year:2023",
        ] {
            assert_eq!(planned(q, true), "Full", "{q}");
        }
    }

    /// `plan` on hand-made words: the terms path comes before the others.
    #[test]
    fn the_order_of_the_paths() {
        let w = |s: &str| Term::from_field_text(Field::from_field_id(0), s);
        let words = |whole: Vec<Option<Term>>, scored: Vec<Vec<Term>>| Words { whole, scored };
        let one = words(vec![Some(w("a"))], vec![vec![w("a")]]);
        assert_eq!(plan(&one, false), Plan::Word(&w("a")));
        let two = words(
            vec![Some(w("a")), None],
            vec![vec![w("a")], vec![w("b"), w("c")]],
        );
        assert_eq!(
            plan(&two, false),
            Plan::Terms(&[vec![w("a")], vec![w("b"), w("c")]])
        );
        let negated = words(vec![Some(w("a")), None], vec![vec![w("a")]]);
        assert_eq!(plan(&negated, false), Plan::Full);
        let phrase = words(vec![None, None], vec![vec![w("b"), w("c")]]);
        assert_eq!(plan(&phrase, false), Plan::Phrase(&[w("b"), w("c")]));
        let unscored = words(vec![None], vec![vec![]]);
        assert_eq!(plan(&unscored, false), Plan::Full);
        let filters_only = words(vec![], vec![]);
        assert_eq!(plan(&filters_only, false), Plan::Full);
    }
}
