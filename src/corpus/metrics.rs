//! Metrics comparable across the three templates, and the ratios users ask for.
//!
//! Each metric says, per template, which statistics it adds up; where an era
//! has no such statistic the cell is `NotInTemplate` (shown `n/a`), never 0.

use xxgk_core::model::{Report, Template};

/// In JSON: a number, `null` for a blank or no report, `"n/a"` when the
/// era lacks the statistic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    Value(f64),
    /// The template has it, the report left it blank (or lacks the table).
    Blank,
    /// This era's template has no such statistic.
    NotInTemplate,
    /// The body has no report that year (compare).
    NoReport,
}

impl serde::Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Value(v) => xxgk_core::model::Num(*v).serialize(s),
            Cell::Blank | Cell::NoReport => s.serialize_none(),
            Cell::NotInTemplate => s.serialize_str("n/a"),
        }
    }
}

/// As tables show it: integers plain, ratios with one decimal, `-` for a
/// blank, `n/a` where the template has no such statistic, `—` where there
/// is no report.
impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Value(v) if v.fract() != 0.0 => write!(f, "{v:.1}"),
            Cell::Value(v) => write!(f, "{}", xxgk_core::model::Num(*v)),
            Cell::Blank => f.write_str("-"),
            Cell::NotInTemplate => f.write_str("n/a"),
            Cell::NoReport => f.write_str("—"),
        }
    }
}

impl Cell {
    /// As CSV writes it: the number (ratios to 4 decimals), empty for a
    /// blank, `n/a` where the template lacks it, `no report` where there is none.
    pub fn csv(self) -> String {
        match self {
            Cell::Value(v) if v.fract() != 0.0 => format!("{}", (v * 1e4).round() / 1e4),
            Cell::Value(v) => format!("{}", xxgk_core::model::Num(v)),
            Cell::Blank => String::new(),
            Cell::NotInTemplate => "n/a".into(),
            Cell::NoReport => "no report".into(),
        }
    }

    pub fn value(self) -> Option<f64> {
        match self {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// Keys per template: (2021, 2019, legacy); `&[]` = not in that template.
pub struct Metric {
    pub key: &'static str,
    pub label: &'static str,
    pub t2021: &'static [&'static str],
    pub t2019: &'static [&'static str],
    pub legacy: &'static [&'static str],
}

const DENIED: &[&str] = &[
    "requests.denied.state_secret.total",
    "requests.denied.prohibited_by_law.total",
    "requests.denied.security_stability.total",
    "requests.denied.third_party.total",
    "requests.denied.internal_affairs.total",
    "requests.denied.process_info.total",
    "requests.denied.enforcement_file.total",
    "requests.denied.inquiry.total",
];
const UNAVAILABLE: &[&str] = &[
    "requests.unavailable.not_held.total",
    "requests.unavailable.needs_creation.total",
    "requests.unavailable.unclear.total",
];
const NOT_PROCESSED: &[&str] = &[
    "requests.not_processed.petition.total",
    "requests.not_processed.duplicate.total",
    "requests.not_processed.publication.total",
    "requests.not_processed.excessive.total",
    "requests.not_processed.confirmation.total",
];

pub const METRICS: &[Metric] = &[
    Metric {
        key: "received",
        label: "收到申请",
        t2021: &["requests.new_received.total"],
        t2019: &["requests.new_received.total"],
        legacy: &["legacy.requests.received"],
    },
    Metric {
        key: "carried_over",
        label: "上年结转",
        t2021: &["requests.carried_over.total"],
        t2019: &["requests.carried_over.total"],
        legacy: &[],
    },
    Metric {
        key: "granted",
        label: "予以公开",
        t2021: &["requests.granted.total"],
        t2019: &["requests.granted.total"],
        legacy: &["legacy.replies.granted"],
    },
    Metric {
        key: "partially_granted",
        label: "部分公开",
        t2021: &["requests.partially_granted.total"],
        t2019: &["requests.partially_granted.total"],
        legacy: &["legacy.replies.partially_granted"],
    },
    Metric {
        key: "denied",
        label: "不予公开",
        t2021: DENIED,
        t2019: DENIED,
        legacy: &["legacy.replies.denied"],
    },
    Metric {
        key: "unavailable",
        label: "无法提供",
        t2021: UNAVAILABLE,
        t2019: UNAVAILABLE,
        legacy: &["legacy.replies.not_this_body", "legacy.replies.not_exist"],
    },
    Metric {
        key: "not_processed",
        label: "不予处理",
        t2021: NOT_PROCESSED,
        t2019: NOT_PROCESSED,
        legacy: &[],
    },
    Metric {
        key: "other_processing",
        label: "其他处理",
        t2021: &[
            "requests.other_processing.no_correction.total",
            "requests.other_processing.unpaid_fee.total",
            "requests.other_processing.other.total",
        ],
        t2019: &["requests.other_processing.total"],
        legacy: &["legacy.replies.correction", "legacy.replies.other_channel"],
    },
    Metric {
        key: "processed",
        label: "办理总计",
        t2021: &["requests.total.total"],
        t2019: &["requests.total.total"],
        legacy: &["legacy.replies.total"],
    },
    Metric {
        key: "carried_forward",
        label: "结转下年",
        t2021: &["requests.carried_forward.total"],
        t2019: &["requests.carried_forward.total"],
        legacy: &[],
    },
    Metric {
        key: "reviews",
        label: "行政复议",
        t2021: &["review.total"],
        t2019: &["review.total"],
        legacy: &["legacy.review.total"],
    },
    Metric {
        key: "reviews_corrected",
        label: "复议纠正",
        t2021: &["review.corrected"],
        t2019: &["review.corrected"],
        legacy: &["legacy.review.corrected"],
    },
    Metric {
        key: "lawsuits",
        label: "行政诉讼",
        t2021: &["litigation_direct.total", "litigation_after_review.total"],
        t2019: &["litigation_direct.total", "litigation_after_review.total"],
        legacy: &["legacy.litigation.total"],
    },
    Metric {
        key: "lawsuits_corrected",
        label: "诉讼纠正",
        t2021: &[
            "litigation_direct.corrected",
            "litigation_after_review.corrected",
        ],
        t2019: &[
            "litigation_direct.corrected",
            "litigation_after_review.corrected",
        ],
        legacy: &["legacy.litigation.corrected"],
    },
    Metric {
        key: "regulations_issued",
        label: "规章制发",
        t2021: &["active.regulations.issued"],
        t2019: &["active.regulations.made"],
        legacy: &[],
    },
    Metric {
        key: "normative_issued",
        label: "规范性文件制发",
        t2021: &["active.normative_documents.issued"],
        t2019: &["active.normative_documents.made"],
        legacy: &[],
    },
    Metric {
        key: "licensing",
        label: "行政许可决定",
        t2021: &["active.licensing.decisions"],
        t2019: &["active.licensing.decisions"],
        legacy: &[],
    },
    Metric {
        key: "penalty",
        label: "行政处罚决定",
        t2021: &["active.penalty.decisions"],
        t2019: &["active.penalty.decisions"],
        legacy: &[],
    },
    Metric {
        key: "coercion",
        label: "行政强制决定",
        t2021: &["active.coercion.decisions"],
        t2019: &["active.coercion.decisions"],
        legacy: &[],
    },
    Metric {
        key: "fees",
        label: "收费金额(万元)",
        t2021: &["active.fees.amount"],
        t2019: &[],
        legacy: &[],
    },
    Metric {
        key: "active_total",
        label: "主动公开信息数",
        t2021: &[],
        t2019: &[],
        legacy: &["legacy.active.total"],
    },
];

/// Ratios: (key, label, numerator metrics, denominator metric, factor).
pub const DERIVED: &[(&str, &str, &[&str], &str, f64)] = &[
    (
        "disclosure_rate",
        "实质公开率%",
        &["granted", "partially_granted"],
        "processed",
        100.0,
    ),
    (
        "review_correction_rate",
        "复议纠错率%",
        &["reviews_corrected"],
        "reviews",
        100.0,
    ),
    (
        "lawsuits_per_100",
        "诉讼率(每百件)",
        &["lawsuits"],
        "received",
        100.0,
    ),
];

/// Every metric key and label, base metrics first, then ratios.
pub fn all() -> Vec<(&'static str, &'static str)> {
    METRICS
        .iter()
        .map(|m| (m.key, m.label))
        .chain(DERIVED.iter().map(|d| (d.0, d.1)))
        .collect()
}

fn keys_for(m: &Metric, t: Template) -> Option<&'static [&'static str]> {
    let keys = match t {
        Template::T2021 => m.t2021,
        Template::T2019 => m.t2019,
        Template::Legacy => m.legacy,
        Template::Unknown => return None,
    };
    (!keys.is_empty()).then_some(keys)
}

fn base(r: &Report, key: &str) -> Cell {
    let Some(m) = METRICS.iter().find(|m| m.key == key) else {
        return Cell::NotInTemplate;
    };
    let Some(keys) = keys_for(m, r.template) else {
        return Cell::NotInTemplate;
    };
    let values: Option<f64> = keys.iter().map(|k| r.stat(k)).sum();
    values.map_or(Cell::Blank, Cell::Value)
}

/// A metric of one report.
pub fn value(r: &Report, key: &str) -> Cell {
    if let Some((_, _, num, den, factor)) = DERIVED.iter().find(|d| d.0 == key) {
        let mut n = 0.0;
        for k in *num {
            match base(r, k) {
                Cell::Value(v) => n += v,
                other => return other,
            }
        }
        return match base(r, den) {
            Cell::Value(d) if d > 0.0 => Cell::Value(n / d * factor),
            Cell::Value(_) => Cell::Blank,
            other => other,
        };
    }
    base(r, key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_core::model::{Layout, Num, Stats};

    fn report(t: Template, stats: &[(&str, f64)]) -> Report {
        let mut s = Stats::default();
        for (k, v) in stats {
            s.insert(k.to_string(), Some(Num(*v)));
        }
        Report {
            source: "x".into(),
            body: None,
            body_id: None,
            year: None,
            template: t,
            sections: vec![],
            stats: s,
            findings: vec![],
            layout: Layout::None,
            format: Default::default(),
            evidence: Default::default(),
            preamble: String::new(),
            other_text: String::new(),
        }
    }

    #[test]
    fn one_metric_across_the_templates() {
        let legacy = report(
            Template::Legacy,
            &[
                ("legacy.requests.received", 23.0),
                ("legacy.replies.granted", 10.0),
                ("legacy.replies.partially_granted", 2.0),
                ("legacy.replies.total", 20.0),
            ],
        );
        let t2019 = report(
            Template::T2019,
            &[
                ("requests.new_received.total", 40.0),
                ("requests.other_processing.total", 3.0),
            ],
        );
        let t2021 = report(
            Template::T2021,
            &[
                ("requests.new_received.total", 347.0),
                ("requests.other_processing.no_correction.total", 1.0),
                ("requests.other_processing.unpaid_fee.total", 0.0),
                ("requests.other_processing.other.total", 1.0),
            ],
        );
        assert_eq!(value(&legacy, "received"), Cell::Value(23.0));
        assert_eq!(value(&t2019, "received"), Cell::Value(40.0));
        assert_eq!(value(&t2021, "received"), Cell::Value(347.0));
        assert_eq!(value(&legacy, "carried_over"), Cell::NotInTemplate, "not 0");
        assert_eq!(value(&t2019, "other_processing"), Cell::Value(3.0));
        assert_eq!(value(&t2021, "other_processing"), Cell::Value(2.0));
        assert_eq!(value(&t2019, "fees"), Cell::NotInTemplate);
        assert_eq!(
            value(&t2021, "carried_over"),
            Cell::Blank,
            "the 2021 template has it; this report lacks it"
        );
        assert_eq!(value(&legacy, "disclosure_rate"), Cell::Value(60.0));
    }
}
