//! Coverage: which bodies published which years, as a bodies × years grid,
//! and "who has not published year Y". A body is known to the corpus by any
//! report of any year; a year it lacks is missing, whatever the reason (the
//! corpus cannot tell a body that did not exist yet from one that did not
//! publish, so the grid shows both the same way).

use std::collections::BTreeMap;

use super::filter::Region;
use super::{Corpus, CorpusError};
use xxgk_core::model::Severity;

/// One cell of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// A report, no error-severity finding in it.
    Published,
    /// A report whose standing file has at least one error-severity finding.
    Errors,
    /// No report that year.
    Missing,
}

impl Mark {
    /// One cell wide in every terminal font: ASCII, or marks that are not
    /// East Asian ambiguous-width.
    pub fn symbol(self, ascii: bool) -> &'static str {
        match (self, ascii) {
            (Mark::Published, false) => "■",
            (Mark::Published, true) => "#",
            (Mark::Errors, _) => "!",
            (Mark::Missing, false) => "·",
            (Mark::Missing, true) => ".",
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    pub body_id: String,
    pub name: String,
    /// One mark per year of `Coverage::years`.
    pub marks: Vec<Mark>,
    /// Years of the range with a report.
    pub published: usize,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Coverage {
    pub years: Vec<i32>,
    pub rows: Vec<Row>,
}

impl Coverage {
    /// Bodies with a report in year `year`, of those in the grid.
    pub fn published_in(&self, year: i32) -> usize {
        let Some(i) = self.years.iter().position(|y| *y == year) else {
            return 0;
        };
        self.rows
            .iter()
            .filter(|r| r.marks[i] != Mark::Missing)
            .count()
    }

    /// The bodies without a report for `year`, in grid order.
    pub fn missing_in(&self, year: i32) -> Vec<&Row> {
        let Some(i) = self.years.iter().position(|y| *y == year) else {
            return Vec::new();
        };
        self.rows
            .iter()
            .filter(|r| r.marks[i] == Mark::Missing)
            .collect()
    }
}

/// The grid of the bodies under `region` (every body when `None`), from
/// `from` to `to`; an open end is the first or last year any of them has.
/// Rows follow body_id, so a place's bodies sit together.
pub fn coverage(
    corpus: &Corpus,
    region: Option<&Region>,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<Coverage, CorpusError> {
    let bodies: Vec<(String, String)> = corpus
        .bodies()
        .into_values()
        .filter(|b| region.is_none_or(|r| r.contains(&b.id)))
        .map(|b| (b.name().to_string(), b.id))
        .collect();
    let standing: Vec<BTreeMap<i32, &crate::index::catalog::CatalogEntry>> =
        bodies.iter().map(|(_, id)| corpus.years_of(id)).collect();
    let known = standing.iter().flat_map(|s| s.keys().copied());
    let years: Vec<i32> = match (from.or(known.clone().min()), to.or(known.max())) {
        (Some(a), Some(b)) => (a..=b).collect(),
        _ => Vec::new(),
    };
    // Findings are read only when a report in the grid has some.
    let with_findings = standing
        .iter()
        .flat_map(|s| s.values())
        .any(|e| e.findings > 0);
    let checks = if with_findings {
        Some(corpus.checks()?)
    } else {
        None
    };
    let rows = bodies
        .into_iter()
        .zip(&standing)
        .map(|((name, body_id), standing)| {
            let marks: Vec<Mark> = years
                .iter()
                .map(|y| match standing.get(y) {
                    None => Mark::Missing,
                    Some(e) => {
                        let errors = checks.and_then(|c| c.get(&e.key)).is_some_and(|c| {
                            c.findings.iter().any(|f| f.severity == Severity::Error)
                        });
                        if errors {
                            Mark::Errors
                        } else {
                            Mark::Published
                        }
                    }
                })
                .collect();
            let published = marks.iter().filter(|m| **m != Mark::Missing).count();
            Row {
                body_id,
                name,
                marks,
                published,
            }
        })
        .collect();
    Ok(Coverage { years, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_core::model::{Finding, Layout, Report, Template};

    fn report(id: &str, year: i32, error: bool) -> Report {
        Report {
            source: format!("{id}-{year}.txt"),
            body: Some(id.rsplit('/').next().unwrap_or(id).to_string()),
            body_id: Some(id.to_string()),
            year: Some(year),
            template: Template::T2021,
            sections: vec![],
            stats: Default::default(),
            findings: if error {
                vec![Finding {
                    rule: "requests.balance".into(),
                    severity: Severity::Error,
                    message: "does not balance".into(),
                    keys: vec![],
                }]
            } else {
                vec![]
            },
            layout: Layout::None,
            format: Default::default(),
            evidence: Default::default(),
            preamble: String::new(),
            other_text: String::new(),
        }
    }

    #[test]
    fn a_grid_of_published_missing_and_erroneous_years_under_a_place() {
        let a = "吉林省/长春市/二道区/人民政府";
        let b = "吉林省/长春市/南关区/人民政府";
        let elsewhere = "浙江省/杭州市/西湖区/人民政府";
        let corpus = Corpus::new(
            vec![
                report(a, 2021, false),
                report(a, 2022, true),
                report(a, 2023, false),
                report(b, 2021, false),
                report(b, 2023, false),
                report(elsewhere, 2019, false),
            ],
            &Default::default(),
        );
        let region = Region::parse("长春市");
        let c = coverage(&corpus, Some(&region), None, None).unwrap();
        assert_eq!(c.years, vec![2021, 2022, 2023], "the place's own span");
        let ids: Vec<&str> = c.rows.iter().map(|r| r.body_id.as_str()).collect();
        assert_eq!(ids, vec![a, b]);
        assert_eq!(
            c.rows[0].marks,
            vec![Mark::Published, Mark::Errors, Mark::Published]
        );
        assert_eq!(
            c.rows[1].marks,
            vec![Mark::Published, Mark::Missing, Mark::Published]
        );
        assert_eq!(c.rows[1].published, 2);
        assert_eq!(c.published_in(2022), 1);
        let missing: Vec<&str> = c.missing_in(2022).iter().map(|r| r.name.as_str()).collect();
        assert_eq!(missing, vec!["人民政府"]);
        assert!(c.missing_in(1999).is_empty(), "a year outside the grid");

        let wide = coverage(&corpus, None, Some(2018), Some(2019)).unwrap();
        assert_eq!(wide.years, vec![2018, 2019]);
        assert_eq!(
            wide.rows.len(),
            3,
            "every body, even with no report in range"
        );
        assert_eq!(wide.missing_in(2019).len(), 2);
        let open_end = coverage(&corpus, Some(&region), Some(2022), None).unwrap();
        assert_eq!(open_end.years, vec![2022, 2023], "to the place's last year");
    }
}
