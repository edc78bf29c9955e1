//! The search syntax: words (AND), `"…"` phrases, `-word`, `body:…`,
//! `year:2023`, `year:2019..2023`, `section:…`.

use xxgk_core::model::{BadYear, YearRange};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The literal to find, whitespace removed (Chinese has none between words).
    pub text: String,
    pub negated: bool,
    /// Written in quotes.
    pub quoted: bool,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub terms: Vec<Term>,
    pub bodies: Vec<String>,
    pub years: Option<YearRange>,
    pub sections: Vec<String>,
}

impl Parsed {
    pub fn positive(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| !t.negated)
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum QueryError {
    #[error("empty query: type the words to search for")]
    Empty,
    #[error("nothing to search for: add a word that is not negated (`-word` only excludes)")]
    OnlyNegated,
    #[error(transparent)]
    BadYear(#[from] BadYear),
    #[error("query too long ({0} characters): at most {MAX_QUERY_CHARS}")]
    TooLong(usize),
    #[error("year {0} and year {1} have no year in common: the year filters are combined, so give one range that holds both")]
    DisjointYears(YearRange, YearRange),
    #[error("section:{0}: no section is called that; write its number or part of a title: {titles}", titles = section_titles())]
    UnknownSection(String),
}

/// The sections `section:` takes, as the hits show them.
pub fn section_titles() -> String {
    SECTION_NAMES
        .iter()
        .map(|(n, t)| format!("{n} {t}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Sections by number, as hits show them: the preamble, the template's
/// sections, and the tables and headings indexed apart.
pub const SECTION_NAMES: &[(u64, &str)] = &[
    (0, "前言"),
    (1, "总体情况 / 概述"),
    (2, "主动公开"),
    (3, "依申请公开"),
    (4, "复议诉讼"),
    (5, "问题改进"),
    (6, "其他事项"),
    (super::ingest::OTHER_SECTION, "表格 / 标题"),
];

/// Both filters' years: the years both hold (never one silently replacing the other).
pub fn combine_years(
    a: Option<YearRange>,
    b: Option<YearRange>,
) -> Result<Option<YearRange>, QueryError> {
    match (a, b) {
        (Some(a), Some(b)) => a
            .intersect(b)
            .map(Some)
            .ok_or(QueryError::DisjointYears(a, b)),
        (a, b) => Ok(a.or(b)),
    }
}

pub const MAX_QUERY_CHARS: usize = 300;

/// Splits into raw tokens, keeping quoted spans together; an unbalanced quote
/// runs to the end of the query.
fn tokens(q: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    for c in q.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                was_quoted = true;
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push((std::mem::take(&mut cur), was_quoted));
                }
                was_quoted = false;
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push((cur, was_quoted));
    }
    out
}

pub fn parse(q: &str) -> Result<Parsed, QueryError> {
    let count = q.chars().count();
    if count > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong(count));
    }
    // Full-width forms are searched as their half-width ones (the index
    // folds them too): `规定，现公布`, `２０２３年`, `year：２０２３`.
    let q = super::fold::fold_str(q);
    let mut p = Parsed::default();
    for (raw, quoted) in tokens(&q) {
        let (negated, body) = match raw.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, raw.as_str()),
        };
        if !quoted || body.contains(':') {
            if let Some((field, value)) = body.split_once(':') {
                let value = value.trim();
                match field {
                    "body" if !value.is_empty() => {
                        p.bodies.push(value.to_string());
                        continue;
                    }
                    "year" if !value.is_empty() => {
                        p.years = combine_years(p.years, Some(value.parse()?))?;
                        continue;
                    }
                    "section" if !value.is_empty() => {
                        p.sections.push(value.to_string());
                        continue;
                    }
                    _ => {}
                }
            }
        }
        let text: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        if text.is_empty() || text == "-" {
            continue;
        }
        p.terms.push(Term {
            text,
            negated,
            quoted,
        });
    }
    let has_filter = !p.bodies.is_empty() || p.years.is_some() || !p.sections.is_empty();
    if p.terms.is_empty() && !has_filter {
        return Err(QueryError::Empty);
    }
    // Filters alone list what they select; negations alone select nothing.
    if p.positive().next().is_none() && !has_filter {
        return Err(QueryError::OnlyNegated);
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str, negated: bool, quoted: bool) -> Term {
        Term {
            text: text.into(),
            negated,
            quoted,
        }
    }

    #[test]
    fn words_phrases_negation_and_filters() {
        let p =
            parse(r#"行政复议 "政务 公开" -诉讼 body:二道区 year:2019..2023 section:3"#).unwrap();
        assert_eq!(
            p.terms,
            vec![
                t("行政复议", false, false),
                t("政务公开", false, true),
                t("诉讼", true, false)
            ]
        );
        assert_eq!(p.bodies, ["二道区"]);
        assert_eq!(
            p.years,
            Some(YearRange {
                from: 2019,
                to: 2023
            })
        );
        assert_eq!(p.sections, ["3"]);
    }

    #[test]
    fn odd_queries() {
        assert_eq!(parse(""), Err(QueryError::Empty));
        assert_eq!(parse("   "), Err(QueryError::Empty));
        assert_eq!(parse("-公开"), Err(QueryError::OnlyNegated));
        assert!(matches!(
            parse("year:abc 公开"),
            Err(QueryError::BadYear(_))
        ));
        assert!(matches!(
            parse(&"公".repeat(500)),
            Err(QueryError::TooLong(500))
        ));
        // Unbalanced quote: the phrase runs to the end.
        assert_eq!(
            parse(r#""信息 公开"#).unwrap().terms,
            vec![t("信息公开", false, true)]
        );
        // Punctuation is searched literally.
        assert_eq!(parse("“”、——").unwrap().terms.len(), 1);
        assert_eq!(
            parse("year:2023").unwrap().years,
            Some(YearRange::single(2023))
        );
    }
}
