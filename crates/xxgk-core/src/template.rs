//! The State Council template's vocabulary, spelled once: statistic keys,
//! the row and column labels of tables 2–4, the section titles, the legacy
//! 统计表's indicators. Parsing recognises labels by these; checks, the
//! corpus layer, the CLI and the TUI name cells by them. Key names are those
//! of `shared/SCHEMA.md`.

/// Canonical part titles of the 2019/2021 templates, parts 1–6.
pub const TITLES: [&str; 6] = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
];

/// Table 3 columns (applicant types), in template order.
pub const REQUEST_COLUMNS: [(&str, &str); 7] = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
];

/// Table 3 rows: key and the template's label, in template order.
pub const REQUEST_ROWS: &[(&str, &str)] = &[
    ("new_received", "本年新收"),
    ("carried_over", "上年结转"),
    ("granted", "予以公开"),
    ("partially_granted", "部分公开"),
    ("denied.state_secret", "属于国家秘密"),
    ("denied.prohibited_by_law", "其他法律行政法规禁止公开"),
    ("denied.security_stability", "危及“三安全一稳定”"),
    ("denied.third_party", "保护第三方合法权益"),
    ("denied.internal_affairs", "属于三类内部事务信息"),
    ("denied.process_info", "属于四类过程性信息"),
    ("denied.enforcement_file", "属于行政执法案卷"),
    ("denied.inquiry", "属于行政查询事项"),
    ("unavailable.not_held", "本机关不掌握相关政府信息"),
    ("unavailable.needs_creation", "没有现成信息需要另行制作"),
    ("unavailable.unclear", "补正后申请内容仍不明确"),
    ("not_processed.petition", "信访举报投诉类申请"),
    ("not_processed.duplicate", "重复申请"),
    ("not_processed.publication", "要求提供公开出版物"),
    ("not_processed.excessive", "无正当理由大量反复申请"),
    (
        "not_processed.confirmation",
        "要求行政机关确认或重新出具已获取信息",
    ),
    ("other_processing", "其他处理"),
    ("other_processing.no_correction", "逾期不补正"),
    ("other_processing.unpaid_fee", "逾期未缴纳费用"),
    ("other_processing.other", "其他处理·其他"),
    ("total", "总计"),
    ("carried_forward", "结转下年度继续办理"),
];

/// Outcome leaves that sum to `total` (2021 template).
pub const OUTCOMES_2021: &[&str] = &[
    "granted",
    "partially_granted",
    "denied.state_secret",
    "denied.prohibited_by_law",
    "denied.security_stability",
    "denied.third_party",
    "denied.internal_affairs",
    "denied.process_info",
    "denied.enforcement_file",
    "denied.inquiry",
    "unavailable.not_held",
    "unavailable.needs_creation",
    "unavailable.unclear",
    "not_processed.petition",
    "not_processed.duplicate",
    "not_processed.publication",
    "not_processed.excessive",
    "not_processed.confirmation",
    "other_processing.no_correction",
    "other_processing.unpaid_fee",
    "other_processing.other",
];

/// `requests.<row>.<col>` for every template row and column, built once: the
/// checks look cells up by these keys for every report.
static REQUEST_KEYS: std::sync::LazyLock<Vec<[String; 7]>> = std::sync::LazyLock::new(|| {
    REQUEST_ROWS
        .iter()
        .map(|(row, _)| REQUEST_COLUMNS.map(|(col, _)| format!("requests.{row}.{col}")))
        .collect()
});

/// The statistic key of a table 3 cell; `None` for an unknown row or column.
pub fn request_key(row: &str, col: &str) -> Option<&'static str> {
    let r = *REQUEST_ROW_INDEX.get(row)?;
    let c = REQUEST_COLUMNS.iter().position(|(k, _)| *k == col)?;
    Some(REQUEST_KEYS[r][c].as_str())
}

static REQUEST_ROW_INDEX: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, usize>> =
    std::sync::LazyLock::new(|| {
        REQUEST_ROWS
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (*k, i))
            .collect()
    });

pub fn request_row_label(key: &str) -> &'static str {
    REQUEST_ROWS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("?", |(_, l)| l)
}

pub fn request_column_label(key: &str) -> &'static str {
    REQUEST_COLUMNS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("?", |(_, l)| l)
}

/// Table 4 results, in template order.
pub const APPEAL_RESULTS: [(&str, &str); 5] = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
];

pub const APPEAL_GROUPS: [(&str, &str); 3] = [
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
];

/// Table 2 items and the template columns they can carry.
pub const ACTIVE_ITEMS: &[(&str, &[&str])] = &[
    ("regulations", &["规章"]),
    ("normative_documents", &["行政规范性文件", "规范性文件"]),
    ("licensing", &["行政许可"]),
    ("other_services", &["其他对外管理服务事项"]),
    ("penalty", &["行政处罚"]),
    ("coercion", &["行政强制"]),
    ("fees", &["行政事业性收费"]),
    ("procurement", &["政府集中采购"]),
];

/// Table 2 column phrases → column key, and the template that uses them.
pub const ACTIVE_COLUMNS: &[(&str, &str, &str)] = &[
    ("本年制发", "issued", "2021"),
    ("废止", "repealed", "2021"),
    ("现行有效", "in_force", "2021"),
    ("收费金额", "amount", "2021"),
    ("新制作", "made", "2019"),
    ("新公开", "published", "2019"),
    ("对外公开总数", "total_public", "2019"),
    ("上一年项目数", "previous", "2019"),
    ("增/减", "change", "2019"),
    ("增减", "change", "2019"),
    ("处理决定数", "decisions", ""),
    ("采购项目数", "items", "2019"),
    ("采购总金额", "amount", "2019"),
];

/// Table 2 column keys as the templates' headers name them.
const ACTIVE_COLUMN_LABELS: &[(&str, &str)] = &[
    ("issued", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in_force", "现行有效件数"),
    ("made", "本年新制作数量"),
    ("published", "本年新公开数量"),
    ("total_public", "对外公开总数量"),
    ("previous", "上一年项目数量"),
    ("change", "本年增/减"),
    ("decisions", "本年处理决定数量"),
    ("items", "采购项目数量"),
];

/// A table 2 statistic in Chinese, with its unit: `active.fees.amount` →
/// 行政事业性收费 · 本年收费金额（万元）.
pub fn active_label(key: &str) -> Option<String> {
    let (item, col) = key.strip_prefix("active.")?.rsplit_once('.')?;
    let item_label = ACTIVE_ITEMS
        .iter()
        .find(|(k, _)| *k == item)
        .and_then(|(_, names)| names.first())?;
    let col_label = match (item, col) {
        ("fees", "amount") => "本年收费金额（万元）",
        ("procurement", "amount") => "采购总金额（万元）",
        _ => ACTIVE_COLUMN_LABELS
            .iter()
            .find(|(k, _)| *k == col)
            .map(|(_, l)| *l)?,
    };
    Some(format!("{item_label} · {col_label}"))
}

/// Default table 2 columns when no header row was read.
pub fn active_default_columns(item: &str, era2019: bool) -> &'static [&'static str] {
    match (item, era2019) {
        ("regulations" | "normative_documents", false) => &["issued", "repealed", "in_force"],
        ("regulations" | "normative_documents", true) => &["made", "published", "total_public"],
        ("licensing" | "penalty" | "coercion", false) => &["decisions"],
        ("fees", false) => &["amount"],
        ("fees", true) => &["previous", "change"],
        ("procurement", _) => &["items", "amount"],
        _ => &["previous", "change", "decisions"],
    }
}

/// Legacy indicators with parts: total and its parts, for `legacy.sums`.
pub const LEGACY_SUMS: &[(&str, &[&str])] = &[
    (
        "legacy.requests.received",
        &[
            "legacy.requests.in_person",
            "legacy.requests.fax",
            "legacy.requests.online",
            "legacy.requests.letter",
        ],
    ),
    (
        "legacy.requests.completed",
        &["legacy.requests.on_time", "legacy.requests.extended"],
    ),
    (
        "legacy.replies.total",
        &[
            "legacy.replies.already_public",
            "legacy.replies.granted",
            "legacy.replies.partially_granted",
            "legacy.replies.denied",
            "legacy.replies.not_this_body",
            "legacy.replies.not_exist",
            "legacy.replies.correction",
            "legacy.replies.other_channel",
        ],
    ),
    (
        "legacy.review.total",
        &[
            "legacy.review.upheld",
            "legacy.review.corrected",
            "legacy.review.other",
        ],
    ),
    (
        "legacy.litigation.total",
        &[
            "legacy.litigation.upheld",
            "legacy.litigation.corrected",
            "legacy.litigation.other",
        ],
    ),
];

/// Table 3 columns as short headers for narrow tables, in template order.
pub const REQUEST_COLUMNS_SHORT: [&str; 7] =
    ["自然人", "商业", "科研", "公益", "法律", "其他", "总计"];

/// Table 4 results as short headers, in template order.
pub const APPEAL_RESULTS_SHORT: [&str; 5] = ["维持", "纠正", "其他", "未审结", "总计"];

/// One indicator of the legacy 统计表: its key, the label shown for it, and the
/// words that recognise its row. Rows are recognised by the first indicator,
/// in this order, one of whose words the label holds (so 按时办结 before
/// 办结数, 不同意公开 before 同意公开). Indicators with no words are read by
/// their context: 维持/纠错/其他情形 under 行政复议 or 行政诉讼.
#[derive(Debug, Clone, Copy)]
pub struct LegacyIndicator {
    pub key: &'static str,
    pub label: &'static str,
    pub words: &'static [&'static str],
}

const fn legacy(
    key: &'static str,
    label: &'static str,
    words: &'static [&'static str],
) -> LegacyIndicator {
    LegacyIndicator { key, label, words }
}

/// Every legacy indicator, in the order rows are recognised.
pub const LEGACY: &[LegacyIndicator] = &[
    legacy(
        "legacy.active.total",
        "主动公开政府信息数",
        &["主动公开政府信息数", "主动公开信息数"],
    ),
    legacy("legacy.requests.in_person", "当面申请数", &["当面申请"]),
    legacy("legacy.requests.fax", "传真申请数", &["传真申请"]),
    legacy(
        "legacy.requests.online",
        "网络申请数",
        &["网络申请", "网上申请", "电子邮件申请"],
    ),
    legacy("legacy.requests.letter", "信函申请数", &["信函申请"]),
    legacy(
        "legacy.requests.received",
        "收到申请数",
        &["收到申请数", "受理申请总数", "申请总数", "收到申请"],
    ),
    legacy("legacy.requests.on_time", "按时办结数", &["按时办结"]),
    legacy("legacy.requests.extended", "延期办结数", &["延期办结"]),
    legacy("legacy.requests.completed", "申请办结数", &["办结数"]),
    legacy(
        "legacy.replies.total",
        "申请答复数",
        &["申请答复数", "答复总数"],
    ),
    legacy(
        "legacy.replies.already_public",
        "属于已主动公开范围数",
        &["已主动公开"],
    ),
    legacy("legacy.replies.denied", "不同意公开答复数", &["不同意公开"]),
    legacy(
        "legacy.replies.partially_granted",
        "同意部分公开答复数",
        &["同意部分公开"],
    ),
    legacy("legacy.replies.granted", "同意公开答复数", &["同意公开"]),
    legacy(
        "legacy.replies.not_this_body",
        "不属于本行政机关公开数",
        &["不属于本行政机关", "不属于本机关"],
    ),
    legacy(
        "legacy.replies.not_exist",
        "申请信息不存在数",
        &["信息不存在"],
    ),
    legacy(
        "legacy.replies.correction",
        "告知作出更改补充数",
        &["更改补充"],
    ),
    legacy(
        "legacy.replies.other_channel",
        "告知通过其他途径办理数",
        &["其他途径"],
    ),
    legacy("legacy.complaints", "举报投诉数量", &["举报投诉"]),
    legacy(
        "legacy.fees",
        "依申请公开信息收取的费用",
        &["收取的费用", "收取费用", "收费金额"],
    ),
    legacy("legacy.review.total", "行政复议数量", &[]),
    legacy("legacy.review.upheld", "行政复议·维持", &[]),
    legacy("legacy.review.corrected", "行政复议·被依法纠错", &[]),
    legacy("legacy.review.other", "行政复议·其他情形", &[]),
    legacy("legacy.litigation.total", "行政诉讼数量", &[]),
    legacy("legacy.litigation.upheld", "行政诉讼·维持", &[]),
    legacy("legacy.litigation.corrected", "行政诉讼·被依法纠错", &[]),
    legacy("legacy.litigation.other", "行政诉讼·其他情形", &[]),
];

/// The label of a legacy indicator; `?` for an unknown key.
pub fn legacy_label(key: &str) -> &'static str {
    LEGACY
        .iter()
        .find(|ind| ind.key == key)
        .map_or("?", |ind| ind.label)
}

/// A statistic named in Chinese: row label · column label.
pub fn cell_label(key: &str) -> String {
    if let Some(rest) = key.strip_prefix("requests.") {
        if let Some((row, col)) = rest.rsplit_once('.') {
            return format!("{} · {}", request_row_label(row), request_column_label(col));
        }
    }
    if key.starts_with("legacy.") {
        return legacy_label(key).to_string();
    }
    if let Some(label) = active_label(key) {
        return label;
    }
    for (g, gl) in APPEAL_GROUPS {
        for (r, rl) in APPEAL_RESULTS {
            if key == format!("{g}.{r}") {
                return format!("{gl} · {rl}");
            }
        }
    }
    key.to_string()
}

#[cfg(test)]
mod active_label_tests {
    use super::*;

    #[test]
    fn table_2_keys_have_chinese_labels_with_units() {
        assert_eq!(
            active_label("active.regulations.issued").as_deref(),
            Some("规章 · 本年制发件数")
        );
        assert_eq!(
            active_label("active.fees.amount").as_deref(),
            Some("行政事业性收费 · 本年收费金额（万元）")
        );
        assert_eq!(
            active_label("active.procurement.amount").as_deref(),
            Some("政府集中采购 · 采购总金额（万元）")
        );
        assert_eq!(
            cell_label("active.licensing.decisions"),
            "行政许可 · 本年处理决定数量"
        );
        assert_eq!(active_label("requests.total.total"), None);
    }
}
