//! How the template's row and column labels are recognised in a report (the
//! labels themselves are in `crate::template`). Labels are matched on `norm`alised text by their distinctive words, so typos in
//! the generic parts (属于三类内容事务信息), numbering and line breaks don't matter.

use crate::template::{ACTIVE_COLUMNS, ACTIVE_ITEMS, LEGACY, REQUEST_COLUMNS};

/// Outcome groups of table 3, which give context to generic sub-row labels (`3.其他`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestGroup {
    Denied,
    Unavailable,
    NotProcessed,
    OtherProcessing,
}

pub fn request_group(n: &str) -> Option<RequestGroup> {
    if n.contains("不予公开") {
        Some(RequestGroup::Denied)
    } else if n.contains("无法提供") {
        Some(RequestGroup::Unavailable)
    } else if n.contains("不予处理") {
        Some(RequestGroup::NotProcessed)
    } else if n.contains("其他处理") {
        Some(RequestGroup::OtherProcessing)
    } else {
        None
    }
}

/// Strips leading numbering: `三、`, `(一)`, `1.`, `（七）`, `一)`.
pub fn strip_numbering(n: &str) -> &str {
    let mut s = n;
    loop {
        let before = s.len();
        s = s.trim_start_matches(['(', ')', '、', '.', ':', ' ']);
        let digits_end: usize = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
            .map(char::len_utf8)
            .sum();
        if digits_end > 0 {
            let rest = &s[digits_end..];
            if let Some(sep) = rest
                .chars()
                .next()
                .filter(|c| matches!(c, '、' | '.' | ')' | ':'))
            {
                s = &rest[sep.len_utf8()..];
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Distinctive words of table 3 rows, most specific first: a sub-row's label may
/// carry its group's label too ("（三）不予公开 1.属于国家秘密").
const REQUEST_WORDS: &[(&str, &[&str])] = &[
    ("new_received", &["本年新收"]),
    ("carried_over", &["上年结转"]),
    ("carried_forward", &["结转下年度", "结转下一年度"]),
    ("denied.state_secret", &["国家秘密"]),
    (
        "denied.prohibited_by_law",
        &["法律行政法规禁止", "法律法规禁止", "行政法规禁止"],
    ),
    ("denied.security_stability", &["三安全一稳定", "危及"]),
    ("denied.third_party", &["第三方"]),
    (
        "denied.internal_affairs",
        &["内部事务", "内容事务", "三类内"],
    ),
    ("denied.process_info", &["过程性"]),
    ("denied.enforcement_file", &["执法案卷"]),
    ("denied.inquiry", &["行政查询", "查询事项"]),
    ("unavailable.not_held", &["不掌握"]),
    ("unavailable.needs_creation", &["另行制作", "没有现成"]),
    ("unavailable.unclear", &["仍不明确", "补正后"]),
    ("not_processed.petition", &["信访", "举报投诉"]),
    ("not_processed.duplicate", &["重复申请"]),
    ("not_processed.publication", &["出版物"]),
    ("not_processed.excessive", &["大量反复"]),
    ("not_processed.confirmation", &["重新出具", "确认或"]),
    ("other_processing.no_correction", &["逾期不补正", "不补正"]),
    ("other_processing.unpaid_fee", &["缴纳费用", "收费通知"]),
    ("granted", &["予以公开"]),
    ("partially_granted", &["部分公开"]),
];

/// One automaton for all row words: a label is scanned once, not once per word.
static REQUEST_MATCHER: std::sync::LazyLock<(aho_corasick::AhoCorasick, Vec<usize>)> =
    std::sync::LazyLock::new(|| {
        let mut words = Vec::new();
        let mut rank = Vec::new();
        for (i, (_, ws)) in REQUEST_WORDS.iter().enumerate() {
            for w in *ws {
                words.push(*w);
                rank.push(i);
            }
        }
        (
            aho_corasick::AhoCorasick::new(words).expect("request words"),
            rank,
        )
    });

/// Recognises a table 3 row from its normalised label.
pub fn match_request_row(n: &str, group: Option<RequestGroup>) -> Option<&'static str> {
    let (matcher, rank) = &*REQUEST_MATCHER;
    let best = matcher
        .find_overlapping_iter(n)
        .map(|m| rank[m.pattern().as_usize()])
        .min();
    if let Some(i) = best {
        return Some(REQUEST_WORDS[i].0);
    }
    if n.contains("总计") {
        return Some("total");
    }
    if n.contains("其他处理") {
        let rest = strip_numbering(n.split("其他处理").nth(1).unwrap_or(""));
        return Some(if rest.starts_with("其他") {
            "other_processing.other"
        } else {
            "other_processing"
        });
    }
    if group == Some(RequestGroup::OtherProcessing) && strip_numbering(n).starts_with("其他") {
        return Some("other_processing.other");
    }
    None
}

/// Column order of table 3 read from its header rows, when they can be read.
#[derive(Debug, Default)]
pub struct RequestHeader {
    top: Vec<&'static str>,
    sub: Vec<&'static str>,
}

impl RequestHeader {
    /// Feeds a label-only row; returns true when it was a header row.
    pub fn feed(&mut self, n: &str) -> bool {
        if !["自然人", "企业", "机构", "组织", "总计"]
            .iter()
            .any(|w| n.contains(w))
        {
            return false;
        }
        let found = header_positions(n);
        if found.is_empty() {
            return false;
        }
        let has_group = n.contains("法人或其他组织");
        if has_group && self.top.is_empty() {
            let mut top: Vec<(usize, &'static str)> = found
                .into_iter()
                .filter(|(_, k)| matches!(*k, "natural_person" | "total"))
                .collect();
            top.push((n.find("法人或其他组织").unwrap_or(0), "group"));
            top.sort();
            self.top = top.into_iter().map(|(_, k)| k).collect();
        } else if self.sub.is_empty() && found.len() >= 3 {
            self.sub = found.into_iter().map(|(_, k)| k).collect();
        } else {
            return false;
        }
        true
    }

    /// The 7 column keys in the order the table has them; the template order
    /// when the header is missing or unreadable.
    pub fn order(&self) -> [&'static str; 7] {
        let default = REQUEST_COLUMNS.map(|(k, _)| k);
        let order: Vec<&'static str> = if self.top.contains(&"group") {
            self.top
                .iter()
                .flat_map(|k| {
                    if *k == "group" {
                        self.sub.clone()
                    } else {
                        vec![*k]
                    }
                })
                .collect()
        } else {
            self.sub.clone()
        };
        let mut sorted = order.clone();
        sorted.sort();
        let mut expected = default.to_vec();
        expected.sort();
        if sorted == expected {
            let mut out = default;
            out.copy_from_slice(&order);
            out
        } else {
            default
        }
    }
}

pub(crate) fn header_positions(n: &str) -> Vec<(usize, &'static str)> {
    let cleaned = n.replace("法人或其他组织", &"#".repeat("法人或其他组织".len()));
    let mut found = Vec::new();
    for (key, label) in REQUEST_COLUMNS {
        if let Some(pos) = cleaned.find(label) {
            found.push((pos, key));
        }
    }
    found.sort();
    found
}

/// A table 4 header row: the heading of the 行政复议/行政诉讼 table.
pub fn is_appeal_header(n: &str) -> bool {
    (n.contains("行政复议") && (n.contains("行政诉讼") || n.contains("结果维持")))
        || n.contains("结果维持")
        || n.contains("未经复议直接起诉")
}

/// Recognises a table 2 item row. The label must be the item's name (with at most
/// numbering or the 第二十条 reference around it), so narrative never matches.
pub fn match_active_item(n: &str) -> Option<&'static str> {
    let mut s = n.to_string();
    if let Some(pos) = s.find("项") {
        if s.starts_with("第二十条") {
            s = s[pos + "项".len()..].to_string();
        }
    }
    let s = strip_numbering(&s);
    for (key, names) in ACTIVE_ITEMS {
        if names
            .iter()
            .any(|name| s == *name || (s.len() <= name.len() + 9 && s.ends_with(name)))
        {
            return Some(key);
        }
    }
    None
}

/// Reads a table 2 header row into its column keys, in order.
pub fn active_header(n: &str) -> Option<(Vec<&'static str>, Option<&'static str>)> {
    // Every column phrase has one of these; most label rows have none.
    if !['数', '额', '废', '效', '增']
        .iter()
        .any(|c| n.contains(*c))
    {
        return None;
    }
    let mut found: Vec<(usize, &'static str, &'static str)> = Vec::new();
    for (phrase, key, era) in ACTIVE_COLUMNS {
        if let Some(pos) = n.find(phrase) {
            if !found.iter().any(|(_, k, _)| k == key) {
                found.push((pos, key, era));
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    found.sort();
    let era = found.iter().map(|(_, _, e)| *e).find(|e| !e.is_empty());
    Some((found.into_iter().map(|(_, k, _)| k).collect(), era))
}

/// Legacy 统计表 indicators → key. `group` is the enclosing indicator
/// (行政复议 / 行政诉讼) that gives 维持/纠错/其他情形 their meaning.
pub fn match_legacy(n: &str, group: &mut Option<&'static str>) -> Option<&'static str> {
    if n.contains("行政复议") && !n.contains("诉讼") {
        *group = Some("review");
        return Some("legacy.review.total");
    }
    if n.contains("行政诉讼")
        && (n.contains("数量") || n.contains("数") || n.len() < 30)
        && !n.contains("维持")
    {
        *group = Some("litigation");
        return Some("legacy.litigation.total");
    }
    if let Some(g) = *group {
        let sub = if n.contains("维持") {
            Some("upheld")
        } else if n.contains("纠错") || n.contains("纠正") {
            Some("corrected")
        } else if n.contains("其他情形") {
            Some("other")
        } else {
            None
        };
        if let Some(sub) = sub {
            return Some(match (g, sub) {
                ("review", "upheld") => "legacy.review.upheld",
                ("review", "corrected") => "legacy.review.corrected",
                ("review", _) => "legacy.review.other",
                (_, "upheld") => "legacy.litigation.upheld",
                (_, "corrected") => "legacy.litigation.corrected",
                _ => "legacy.litigation.other",
            });
        }
        *group = None;
    }
    if n.contains("其中") && !n.contains("申请") {
        return None;
    }
    LEGACY
        .iter()
        .find(|ind| ind.words.iter().any(|w| n.contains(w)))
        .map(|ind| ind.key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::norm;

    fn row(s: &str) -> Option<&'static str> {
        match_request_row(&norm(s), None)
    }

    #[test]
    fn request_rows_by_meaning() {
        assert_eq!(
            row("（三）不予公开 1.属于国家秘密"),
            Some("denied.state_secret")
        );
        assert_eq!(
            row("5.属于三类内容事务信息"),
            Some("denied.internal_affairs")
        );
        assert_eq!(
            row("3.危及\"三安全一稳定\""),
            Some("denied.security_stability")
        );
        assert_eq!(
            row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            Some("partially_granted")
        );
        assert_eq!(row("（六）其他处理 3.其他"), Some("other_processing.other"));
        assert_eq!(row("（六）其他处理"), Some("other_processing"));
        assert_eq!(
            match_request_row("3.其他", Some(RequestGroup::OtherProcessing)),
            Some("other_processing.other")
        );
        assert_eq!(row("3.其他"), None);
        assert_eq!(row("（七）总计"), Some("total"));
        assert_eq!(row("（三）不予公开"), None);
        assert_eq!(row("四、结转下年度继续办理"), Some("carried_forward"));
    }

    #[test]
    fn numbering_is_stripped() {
        assert_eq!(strip_numbering("(六)其他处理"), "其他处理");
        assert_eq!(strip_numbering("3.其他"), "其他");
        assert_eq!(strip_numbering("三、本年度"), "本年度");
        assert_eq!(strip_numbering("一)维持"), "维持");
    }

    #[test]
    fn header_order() {
        let mut h = RequestHeader::default();
        assert!(h.feed(&norm("自然人 | 法人或其他组织 | 总计")));
        assert!(h.feed(&norm(
            "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他"
        )));
        assert_eq!(h.order(), REQUEST_COLUMNS.map(|(k, _)| k));
        let mut h = RequestHeader::default();
        h.feed(&norm("总计 自然人 法人或其他组织"));
        h.feed(&norm("商业企业 科研机构 社会公益组织 法律服务机构 其他"));
        assert_eq!(h.order()[0], "total");
        assert_eq!(h.order()[1], "natural_person");
    }

    #[test]
    fn active_items_need_their_name() {
        assert_eq!(
            match_active_item(&norm("行政规范性文件")),
            Some("normative_documents")
        );
        assert_eq!(
            match_active_item(&norm("规范性文件")),
            Some("normative_documents")
        );
        assert_eq!(match_active_item(&norm("规章")), Some("regulations"));
        assert_eq!(match_active_item(&norm("行政事业性收费")), Some("fees"));
        assert_eq!(match_active_item(&norm("加强对行政许可事项的公开")), None);
    }
}
