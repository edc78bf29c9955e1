//! Ranking bodies by a metric or a ratio for one year (`xxgk rank`), with
//! filters by value (`received>100`) and by `n/a`, and the group's own
//! figure: a sum, or for a ratio the ratio of the sums (never an average of
//! the bodies' ratios, which would weigh a body with 3 requests like one with
//! 3,000).

use super::filter::Region;
use super::metrics::{self, Cell};
use super::{Corpus, CorpusError};

/// A condition of `--where`: `received>100`, `reviews=n/a`, `granted<=5`.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub metric: String,
    pub op: Op,
    /// `None`: compared with `n/a` (the template lacks it or the report left it blank).
    pub value: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Gt,
    Ge,
    Lt,
    Le,
    Eq,
    Ne,
}

impl std::str::FromStr for Condition {
    type Err = String;
    fn from_str(text: &str) -> Result<Condition, String> {
        let text = text.trim();
        let ops = [
            (">=", Op::Ge),
            ("<=", Op::Le),
            ("!=", Op::Ne),
            (">", Op::Gt),
            ("<", Op::Lt),
            ("=", Op::Eq),
        ];
        let Some((at, op, len)) = ops
            .iter()
            .filter_map(|(s, op)| text.find(s).map(|i| (i, *op, s.len())))
            .min_by_key(|(i, _, len)| (*i, std::cmp::Reverse(*len)))
        else {
            return Err(format!(
                "`{text}`: want METRIC>N, <, >=, <=, =, != (or =n/a)"
            ));
        };
        let metric = text[..at].trim().to_string();
        if !metrics::all().iter().any(|(k, _)| *k == metric) {
            return Err(format!("`{text}`: unknown metric `{metric}`"));
        }
        let raw = text[at + len..].trim();
        let value = if raw.eq_ignore_ascii_case("n/a") {
            if !matches!(op, Op::Eq | Op::Ne) {
                return Err(format!("`{text}`: n/a takes = or != only"));
            }
            None
        } else {
            Some(
                raw.parse::<f64>()
                    .map_err(|_| format!("`{text}`: `{raw}` is not a number or n/a"))?,
            )
        };
        Ok(Condition { metric, op, value })
    }
}

impl Condition {
    pub fn holds(&self, cell: Cell) -> bool {
        match (self.value, cell.value()) {
            (None, v) => (v.is_none()) == (self.op == Op::Eq),
            (Some(_), None) => false,
            (Some(want), Some(v)) => match self.op {
                Op::Gt => v > want,
                Op::Ge => v >= want,
                Op::Lt => v < want,
                Op::Le => v <= want,
                Op::Eq => v == want,
                Op::Ne => v != want,
            },
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Ranked {
    pub rank: Option<usize>,
    pub body_id: String,
    pub body: String,
    pub value: Cell,
    pub source: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Ranking {
    pub metric: String,
    pub label: String,
    pub year: i32,
    /// Bodies with a value, best first; then those without (`rank: null`).
    pub rows: Vec<Ranked>,
    /// The group's figure: the sum of the values, or for a ratio the ratio
    /// of the sums over the bodies that have both parts.
    pub total: Cell,
    /// Bodies under the place with no report that year.
    pub no_report: Vec<String>,
}

pub struct Query<'a> {
    pub metric: &'a str,
    pub region: Option<&'a Region>,
    /// Default: the latest year any body in scope has.
    pub year: Option<i32>,
    pub conditions: &'a [Condition],
    pub ascending: bool,
}

pub fn rank(corpus: &Corpus, q: &Query) -> Result<Option<Ranking>, CorpusError> {
    let Some(&(metric, label)) = metrics::all().iter().find(|(k, _)| *k == q.metric) else {
        return Err(CorpusError::UnknownMetric(q.metric.to_string()));
    };
    let bodies: Vec<super::BodyInfo> = corpus
        .bodies()
        .into_values()
        .filter(|b| q.region.is_none_or(|r| r.contains(&b.id)))
        .collect();
    let Some(year) = q
        .year
        .or_else(|| bodies.iter().filter_map(|b| b.years.last().copied()).max())
    else {
        return Ok(None);
    };
    let mut no_report = Vec::new();
    let mut entries = Vec::new();
    let mut who = Vec::new();
    for b in &bodies {
        match corpus.years_of(&b.id).get(&year) {
            Some(e) => {
                entries.push(*e);
                who.push(b);
            }
            None => no_report.push(b.id.clone()),
        }
    }
    let reports = corpus.full(&entries)?;
    let mut rows = Vec::new();
    let (mut num, mut den, mut sum, mut any) = (0.0, 0.0, 0.0, false);
    let derived = metrics::DERIVED.iter().find(|d| d.0 == metric);
    for (b, r) in who.into_iter().zip(&reports) {
        let Some(r) = r else { continue };
        if !q
            .conditions
            .iter()
            .all(|c| c.holds(metrics::value(r, &c.metric)))
        {
            continue;
        }
        let value = metrics::value(r, metric);
        match derived {
            Some((_, _, nums, d, _)) => {
                let n: Option<f64> = nums.iter().map(|k| metrics::value(r, k).value()).sum();
                if let (Some(n), Some(d)) = (n, metrics::value(r, d).value()) {
                    (num, den, any) = (num + n, den + d, true);
                }
            }
            None => {
                if let Some(v) = value.value() {
                    (sum, any) = (sum + v, true);
                }
            }
        }
        rows.push(Ranked {
            rank: None,
            body_id: b.id.clone(),
            body: b.name().to_string(),
            value,
            source: r.source.clone(),
        });
    }
    // Best first, ties by body_id; bodies with no value last.
    rows.sort_by(|a, b| match (a.value.value(), b.value.value()) {
        (Some(x), Some(y)) => {
            let o = if q.ascending {
                x.total_cmp(&y)
            } else {
                y.total_cmp(&x)
            };
            o.then_with(|| a.body_id.cmp(&b.body_id))
        }
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.body_id.cmp(&b.body_id),
    });
    let mut last: Option<(f64, usize)> = None;
    for (i, row) in rows.iter_mut().enumerate() {
        if let Some(v) = row.value.value() {
            // Equal values share a rank (1, 2, 2, 4).
            let r = match last {
                Some((lv, lr)) if lv == v => lr,
                _ => i + 1,
            };
            row.rank = Some(r);
            last = Some((v, r));
        }
    }
    let total = match derived {
        Some((.., factor)) if any && den > 0.0 => Cell::Value(num / den * factor),
        None if any => Cell::Value(sum),
        _ => Cell::Blank,
    };
    Ok(Some(Ranking {
        metric: metric.to_string(),
        label: label.to_string(),
        year,
        rows,
        total,
        no_report,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_core::model::{Layout, Num, Report, Stats, Template};

    fn report(id: &str, year: i32, granted: f64, processed: f64) -> Report {
        let mut stats = Stats::default();
        for (k, v) in [
            ("requests.new_received.total", processed),
            ("requests.granted.total", granted),
            ("requests.partially_granted.total", 0.0),
            ("requests.total.total", processed),
        ] {
            stats.insert(k.to_string(), Some(Num(v)));
        }
        Report {
            source: format!("{id}-{year}.txt"),
            body: Some(id.replace('/', "")),
            body_id: Some(id.to_string()),
            year: Some(year),
            template: Template::T2021,
            sections: vec![],
            stats,
            findings: vec![],
            layout: Layout::None,
            format: Default::default(),
            evidence: Default::default(),
            preamble: String::new(),
            other_text: String::new(),
        }
    }

    fn corpus() -> Corpus {
        Corpus::new(
            vec![
                report("吉林省/长春市/二道区/人民政府", 2023, 3.0, 3.0),
                report("吉林省/长春市/南关区/人民政府", 2023, 10.0, 1000.0),
                report("吉林省/长春市/朝阳区/人民政府", 2023, 10.0, 1000.0),
                report("吉林省/长春市/绿园区/人民政府", 2022, 5.0, 5.0),
                report("浙江省/杭州市/西湖区/人民政府", 2023, 99.0, 99.0),
            ],
            &Default::default(),
        )
    }

    #[test]
    fn a_ratio_ranks_bodies_and_totals_as_the_ratio_of_sums() {
        let c = corpus();
        let region = Region::parse("长春市");
        let q = Query {
            metric: "disclosure_rate",
            region: Some(&region),
            year: None,
            conditions: &[],
            ascending: false,
        };
        let r = rank(&c, &q).unwrap().unwrap();
        assert_eq!(r.year, 2023, "the latest year in the place");
        let order: Vec<(Option<usize>, &str)> = r
            .rows
            .iter()
            .map(|x| (x.rank, x.body_id.as_str()))
            .collect();
        assert_eq!(
            order,
            vec![
                (Some(1), "吉林省/长春市/二道区/人民政府"),
                (Some(2), "吉林省/长春市/南关区/人民政府"),
                (Some(2), "吉林省/长春市/朝阳区/人民政府"),
            ],
            "equal values share a rank"
        );
        // (3 + 10 + 10) / (3 + 1000 + 1000) = 1.148…%, not the mean of 100%, 1%, 1%.
        let total = r.total.value().unwrap();
        assert!((total - 2300.0 / 2003.0).abs() < 1e-9, "{total}");
        assert_eq!(r.no_report, vec!["吉林省/长春市/绿园区/人民政府"]);
    }

    #[test]
    fn conditions_filter_by_value_and_by_n_a() {
        let c = corpus();
        let cond: Vec<Condition> = vec!["received>=100".parse().unwrap()];
        let q = Query {
            metric: "granted",
            region: None,
            year: Some(2023),
            conditions: &cond,
            ascending: true,
        };
        let r = rank(&c, &q).unwrap().unwrap();
        let ids: Vec<&str> = r.rows.iter().map(|x| x.body_id.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "吉林省/长春市/南关区/人民政府",
                "吉林省/长春市/朝阳区/人民政府"
            ]
        );
        assert_eq!(r.total, Cell::Value(20.0), "a plain metric sums");
        let na: Condition = "fees=n/a".parse().unwrap();
        assert!(na.holds(Cell::Blank) && na.holds(Cell::NotInTemplate));
        assert!(!na.holds(Cell::Value(0.0)));
        let not_na: Condition = "fees!=n/a".parse().unwrap();
        assert!(not_na.holds(Cell::Value(0.0)));
        for bad in ["received", "nosuch>1", "received>lots", "received>n/a"] {
            assert!(bad.parse::<Condition>().is_err(), "{bad}");
        }
    }
}
