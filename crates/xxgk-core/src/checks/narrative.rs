//! `narrative.table` (SCHEMA.md, severity `warning`): a count the narrative
//! states for the report's own year that differs from the table cell it
//! describes. Precision comes before recall: a statement is read only when it
//! clearly names one quantity of the report's own year and the whole body.
//!
//! What is read, clause by clause (a clause ends at `，` `,` `；` `;`; a
//! sentence at `。` `！` `？` or a line end; a `,` between digits that groups
//! thousands is no end), in the text of the six parts, lines that look like
//! table rows (`|`, tabs between cells, mostly digits) skipped:
//!
//! | quantity | words before the count | cell (2019/2021) | cell (legacy) |
//! |---|---|---|---|
//! | received | 新收/收到/接收/受理/接到/收悉/共有 with 政府信息公开申请/信息公开申请/公开申请/依申请; or 新收…申请 | `requests.new_received.total` | `legacy.requests.received` |
//! | concluded | 办结 (not 按时/按期/延期/逾期/超期/如期/限期/期内/未 办结); the sentence names 申请 | `requests.total.total` ((七)总计: 新收 + 上年结转 = 总计 + 结转下年度, so 总计 is what was concluded) | — |
//! | carried over | ends in 上年(度)结转 / 上一年度结转 (+ 申请, 共, 为) | `requests.carried_over.total` | — |
//! | carried forward | ends in 结转下(一)年度 / 结转至下… / 转入下… (+ 继续办理, 申请, 共, 为) | `requests.carried_forward.total` | — |
//! | review | 行政复议, the sentence about 信息公开/依申请 or in part 4 | `review.total` | — |
//! | litigation | 行政诉讼/被起诉/提起诉讼, same topic | `litigation_direct.total` + `litigation_after_review.total`, both present | — |
//! | 主动公开 | ends in 主动公开(了)(各类)(政府)信息(共/达/共计…) | no single cell: not read | `legacy.active.total` |
//!
//! The count is a number (digits, `3,210`, full-width, or Chinese numerals
//! 零/〇 … 万) right after those words, then `件` (`起` for cases, `条` for
//! 主动公开). A negation (未发生/未收到/未出现/未有/没有/未被/未因/未接到/
//! 未受理/无) before 行政复议/行政诉讼 or before 政府信息公开申请, or a clause
//! ending in `无`, states 0.
//!
//! Not read: a clause naming another year (`2022年` in a 2023 report, or two
//! years), one inheriting another year from earlier in its sentence, or any
//! year when the report's is unknown; comparisons and periods (上年 except
//! 上年结转, 去年, 同比, 较上, 累计, 以来, 近三年, 增加/减少, 截至, 月,
//! 季度…); every count after 其中/含/包括/涉及/占 in its sentence and
//! anything in brackets (parts of a whole); sub-units (各街道, 各部门,
//! 本级, 区级…) and the whole area (全区, 全市…), which one body's table
//! may not cover; channels and applicant types (网上, 当面, 自然人…);
//! outcomes (纠错, 维持, 败诉, 尚未审结…) and the body as a review authority
//! (受理, 复议机关, 审理…); approximate counts (约, 近, 余, 多, 左右, 以上);
//! other units (件次, 人次, 条次, 个, 篇, %); a span naming two quantities;
//! the preamble (it repeats part 1 in some reports). Legacy tables'
//! 行政复议/行政诉讼数量 and 办结数 are not judged.
//!
//! Judging, per cell: nothing when the cell is blank or absent; nothing when
//! any statement agrees with the table (the narrative may give a part
//! elsewhere); nothing when the disagreeing statements differ among
//! themselves; for received, a count equal to 新收 + 上年结转 (with 上年结转 >
//! 0) is read as 共受理 including last year's and gives nothing. Otherwise one
//! finding per cell, quoting the first sentence.

use crate::model::{Finding, Report, Severity, Template};
use crate::parse::text::{cjk_digit, fold_char};
use crate::template::{cell_label, legacy_label, request_key, APPEAL_GROUPS};

/// The rule's name in `findings[].rule`.
pub const RULE: &str = "narrative.table";

/// What a count in the narrative counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// 本年新收 (legacy: 收到申请数).
    Received,
    /// 办结: （七）总计.
    Concluded,
    /// 上年结转.
    CarriedOver,
    /// 结转下年度继续办理.
    CarriedForward,
    /// 被申请行政复议.
    Review,
    /// 被提起行政诉讼 (direct + after review).
    Litigation,
    /// 主动公开政府信息 (legacy only).
    Active,
}

const QUANTITIES: [Quantity; 7] = [
    Quantity::Received,
    Quantity::Concluded,
    Quantity::CarriedOver,
    Quantity::CarriedForward,
    Quantity::Review,
    Quantity::Litigation,
    Quantity::Active,
];

/// A count the narrative states, and the sentence that states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub quantity: Quantity,
    pub stated: f64,
    /// The sentence as written (the clause, for a very long sentence).
    pub sentence: String,
}

/// A claim set beside the table cell it describes.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub claim: Claim,
    pub keys: Vec<String>,
    pub table: f64,
    /// The narrative and the table give the same count.
    pub agrees: bool,
}

/// Every finding of `narrative.table` for a report: at most one per cell.
pub fn narrative_table(report: &Report) -> Vec<Finding> {
    let claims = claims(report);
    let mut out = Vec::new();
    for q in QUANTITIES {
        let Some(cell) = cell(report, q) else {
            continue;
        };
        let mine: Vec<&Claim> = claims.iter().filter(|c| c.quantity == q).collect();
        if mine.is_empty()
            || mine.iter().any(|c| {
                close(c.stated, cell.value) || cell.also.is_some_and(|a| close(c.stated, a))
            })
        {
            continue;
        }
        let first = mine[0];
        if mine.iter().any(|c| !close(c.stated, first.stated)) {
            continue;
        }
        out.push(Finding {
            rule: RULE.into(),
            severity: Severity::Warning,
            message: format!(
                "正文：“{}” {} ≠ 表格 {} {}",
                first.sentence,
                crate::model::Num(first.stated),
                cell.label,
                crate::model::Num(cell.value)
            ),
            keys: cell.keys,
        });
    }
    out
}

/// Every claim that has a cell in the report's table, with that cell.
pub fn readings(report: &Report) -> Vec<Reading> {
    claims(report)
        .into_iter()
        .filter_map(|claim| {
            let cell = cell(report, claim.quantity)?;
            Some(Reading {
                agrees: close(claim.stated, cell.value),
                table: cell.value,
                keys: cell.keys,
                claim,
            })
        })
        .collect()
}

/// Every count the narrative states (whether or not the table has its cell),
/// each (quantity, count, sentence) once.
pub fn claims(report: &Report) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for section in &report.sections {
        for line in section.text.lines() {
            // Most lines name none of the quantities: skipped before any
            // per-character work. (Full-width forms fold to the same CJK words.)
            if is_table_line(line) || !TOPIC_WORDS.iter().any(|w| line.contains(w)) {
                continue;
            }
            let orig: Vec<char> = line.chars().collect();
            let folded: Vec<char> = orig.iter().map(|&c| fold_char(c)).collect();
            let mut start = 0;
            for end in 0..=folded.len() {
                if end == folded.len() || matches!(folded[end], '。' | '!' | '?') {
                    if end > start && might_state_a_count(&folded[start..end]) {
                        let s = Sentence {
                            orig: &orig[start..end],
                            text: mask_brackets(&folded[start..end]),
                            section: section.number,
                        };
                        for c in s.claims(report.year) {
                            if !out.contains(&c) {
                                out.push(c);
                            }
                        }
                    }
                    start = end + 1;
                }
            }
        }
    }
    out
}

/// Words one of which every quantity's sentence holds: a sentence with none
/// of them (most of a report) is not read further. Checked on chars, with
/// no allocation, as it runs on every sentence of every report.
const TOPIC_WORDS: &[&str] = &[
    "申请",
    "复议",
    "诉",
    "主动公开",
    "办结",
    "结转",
    "下年度",
    "下一年度",
];

fn might_state_a_count(sentence: &[char]) -> bool {
    let number = |c: char| c.is_ascii_digit() || is_cn_numeral(c) || c == ',';
    // A count is a number right before its unit (12件, 三起); a none is a negation.
    let count = sentence.iter().enumerate().any(|(i, &c)| {
        matches!(c, '件' | '起' | '条')
            && sentence[..i]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_some_and(|&c| number(c))
    });
    let none = sentence.iter().any(|c| matches!(c, '无' | '未' | '没'));
    (count || none)
        && TOPIC_WORDS.iter().any(|w| {
            let w: Vec<char> = w.chars().collect();
            sentence
                .windows(w.len())
                .any(|win| win[0] == w[0] && win == w.as_slice())
        })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// The table cell(s) a quantity describes, when present and not blank.
struct Cell {
    keys: Vec<String>,
    label: String,
    value: f64,
    /// Another reading that agrees too (received = 新收 + 上年结转).
    also: Option<f64>,
}

fn cell(report: &Report, q: Quantity) -> Option<Cell> {
    let legacy = report.template == Template::Legacy;
    let one = |key: &str| -> Option<Cell> {
        let label = if legacy {
            legacy_label(key).to_string()
        } else {
            cell_label(key)
        };
        Some(Cell {
            keys: vec![key.to_string()],
            label,
            value: report.stat(key)?,
            also: None,
        })
    };
    let total = |row| request_key(row, "total");
    match (q, legacy) {
        (Quantity::Received, true) => one("legacy.requests.received"),
        (Quantity::Active, true) => one("legacy.active.total"),
        (_, true) | (Quantity::Active, false) => None,
        (Quantity::Received, false) => {
            let mut c = one(total("new_received")?)?;
            let carried = report.stat(total("carried_over")?).unwrap_or(0.0);
            c.also = (carried > 0.0).then_some(c.value + carried);
            Some(c)
        }
        (Quantity::Concluded, false) => one(total("total")?),
        (Quantity::CarriedOver, false) => one(total("carried_over")?),
        (Quantity::CarriedForward, false) => one(total("carried_forward")?),
        (Quantity::Review, false) => one(&format!("{}.total", APPEAL_GROUPS[0].0)),
        (Quantity::Litigation, false) => {
            let keys: Vec<String> = APPEAL_GROUPS[1..]
                .iter()
                .map(|(g, _)| format!("{g}.total"))
                .collect();
            let value = keys.iter().map(|k| report.stat(k)).sum::<Option<f64>>()?;
            let label = keys
                .iter()
                .map(|k| cell_label(k))
                .collect::<Vec<_>>()
                .join(" + ");
            Some(Cell {
                keys,
                label,
                value,
                also: None,
            })
        }
    }
}

/// A line of a table: cells between `|` or tabs, or mostly digits.
fn is_table_line(line: &str) -> bool {
    let t = line.trim();
    if t.contains(['|', '｜', '\t']) {
        return true;
    }
    let (mut chars, mut digits) = (0usize, 0usize);
    for c in t.chars().map(fold_char) {
        if !c.is_whitespace() {
            chars += 1;
            digits += usize::from(c.is_ascii_digit());
        }
    }
    chars > 0 && digits * 2 >= chars
}

/// Bracketed text (`(含上年结转5件)`, `《条例》`) blanked out: parts and titles.
/// An unclosed bracket blanks the rest of the sentence.
fn mask_brackets(text: &[char]) -> Vec<char> {
    let mut depth = 0usize;
    text.iter()
        .map(|&c| {
            let opens = matches!(c, '(' | '[' | '【' | '〔' | '《' | '{');
            let closes = matches!(c, ')' | ']' | '】' | '〕' | '》' | '}');
            if opens {
                depth += 1;
            }
            let blank = depth > 0;
            if closes {
                depth = depth.saturating_sub(1);
            }
            if blank || closes {
                MASK
            } else {
                c
            }
        })
        .collect()
}

/// Stands for masked text: no word, number or unit.
const MASK: char = '\u{FFFC}';

struct Sentence<'a> {
    /// As written, for quoting.
    orig: &'a [char],
    /// Folded (full-width → ASCII), brackets masked; same length as `orig`.
    text: Vec<char>,
    section: u8,
}

/// A count in a clause: where its number starts, where its unit ends.
struct Count {
    start: usize,
    end: usize,
    value: f64,
    unit: char,
}

impl Sentence<'_> {
    fn claims(&self, year: Option<i32>) -> Vec<Claim> {
        let text = &self.text;
        let whole: String = text.iter().collect();
        let sub_at = SUBUNIT
            .iter()
            .filter_map(|w| find(text, w).first().copied())
            .min()
            .unwrap_or(usize::MAX);
        let mut out = Vec::new();
        // The year the sentence is about so far: `None` unstated, `Some(OTHER)`
        // another year without a number (去年, 上年); a period (截至, 累计)
        // holds for the rest of the sentence.
        let mut context: Option<i32> = None;
        let mut period = false;
        for (start, end) in clauses(text) {
            let clause = &text[start..end];
            let s: String = clause.iter().collect();
            let bare = without_carried_over(&s);
            let years: Vec<i32> = years_in(clause).into_iter().map(|(y, _)| y).collect();
            if let Some(&last) = years.last() {
                context = Some(last);
            } else if contains_any(&bare, OTHER_YEARS) {
                context = Some(OTHER);
            } else if contains_any(&bare, OWN_YEAR) {
                context = year;
            }
            period |= contains_any(&bare, PERIODS) || near_years(&bare);
            let distinct = years.iter().any(|y| Some(*y) != years.first().copied());
            let own_year = match (context, year) {
                (None, _) => true,
                (Some(c), Some(y)) => c == y && !distinct,
                (Some(_), None) => false,
            };
            // A clause with neither a count nor a negation states nothing:
            // the word lists below are not searched for it.
            let counts = counts_in(text, start, end);
            if counts.is_empty() && !clause.iter().any(|c| matches!(c, '无' | '未' | '没')) {
                continue;
            }
            if !own_year
                || period
                || contains_any(&bare, COMPARISONS)
                || contains_any(&s, OTHER_UNITS)
            {
                continue;
            }
            if counts.is_empty() {
                if start < sub_at && !has_number(clause) {
                    for q in zeros(&s, &whole, self.section) {
                        out.push(self.claim(q, 0.0, start, end));
                    }
                }
                continue;
            }
            let mut from = start;
            for count in counts {
                let span: String = text[from..count.start].iter().collect();
                from = count.end;
                if count.start > sub_at {
                    continue;
                }
                if let Some(q) = classify(span.trim(), count.unit, &whole, self.section) {
                    out.push(self.claim(q, count.value, start, end));
                }
            }
        }
        out
    }

    fn claim(&self, quantity: Quantity, stated: f64, start: usize, end: usize) -> Claim {
        let all: String = self.orig.iter().collect();
        let all = all.trim();
        let sentence = if all.chars().count() <= 150 {
            all.to_string()
        } else {
            let clause: String = self.orig[start..end].iter().collect();
            let pre = if start > 0 { "…" } else { "" };
            let post = if end < self.orig.len() { "…" } else { "" };
            format!("{pre}{}{post}", clause.trim())
        };
        Claim {
            quantity,
            stated,
            sentence,
        }
    }
}

/// Clause ranges of a sentence: split at `,` and `;` (folded), except a `,`
/// grouping thousands (`3,210`).
fn clauses(text: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..=text.len() {
        let cut = i == text.len()
            || match text[i] {
                ';' => true,
                ',' => !thousands_comma(text, i),
                _ => false,
            };
        if cut {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    out
}

/// Whether the `,` at `i` groups thousands: a digit before, three after, then no digit.
fn thousands_comma(text: &[char], i: usize) -> bool {
    let digit = |j: usize| text.get(j).is_some_and(|c| c.is_ascii_digit());
    i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4)
}

/// Char positions where `needle` starts in `hay`.
fn find(hay: &[char], needle: &str) -> Vec<usize> {
    let n: Vec<char> = needle.chars().collect();
    if n.is_empty() || n.len() > hay.len() {
        return Vec::new();
    }
    hay.windows(n.len())
        .enumerate()
        .filter(|(_, w)| *w == n.as_slice())
        .map(|(i, _)| i)
        .collect()
}

fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// Years a clause names: `2023年`, `2023 年`, `二〇二三年`, either end of
/// `2019-2023`; and whether in ASCII digits.
fn years_in(clause: &[char]) -> Vec<(i32, bool)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < clause.len() {
        let ascii = clause[i].is_ascii_digit();
        let cjk = !ascii && cjk_year_digit(clause[i]).is_some();
        if !ascii && !cjk {
            i += 1;
            continue;
        }
        let same = |c: char| {
            if ascii {
                c.is_ascii_digit()
            } else {
                cjk_year_digit(c).is_some()
            }
        };
        let mut j = i;
        while j < clause.len() && same(clause[j]) {
            j += 1;
        }
        if j - i == 4 {
            let v = clause[i..j].iter().fold(0i32, |acc, &c| {
                let d = if ascii {
                    c.to_digit(10)
                } else {
                    cjk_year_digit(c)
                };
                acc * 10 + d.unwrap_or(0) as i32
            });
            let mut k = j;
            while k < clause.len() && clause[k] == ' ' {
                k += 1;
            }
            let next = clause.get(k).copied();
            let range = matches!(next, Some('-' | '—' | '–' | '~' | '至' | '到'))
                && clause.get(k + 1).is_some_and(|c| same(*c));
            if (1990..=2100).contains(&v) && (next == Some('年') || range) {
                out.push((v, ascii));
            }
        }
        i = j;
    }
    out
}

fn cjk_year_digit(c: char) -> Option<u32> {
    if c == 'O' {
        return None;
    }
    cjk_digit(c)
}

/// ASCII digits in a clause other than a year's (a count in Chinese
/// numerals is found as a count).
fn has_number(clause: &[char]) -> bool {
    let digits = clause.iter().filter(|c| c.is_ascii_digit()).count();
    let year_digits = years_in(clause).iter().filter(|(_, ascii)| *ascii).count() * 4;
    digits > year_digits
}

/// Another year, named without its number.
const OTHER_YEARS: &[&str] = &["去年", "前年", "明年", "上一年", "上年", "上个年度", "往年"];

/// This year, named without its number.
/// (全年 is the whole of whichever year the sentence is about.)
const OWN_YEAR: &[&str] = &["今年", "本年"];

/// A year that is no year: `context` for a sentence about 去年 or 上年.
const OTHER: i32 = i32::MIN;

/// Periods other than the year, for the rest of the sentence.
const PERIODS: &[&str] = &[
    "历年",
    "累计",
    "以来",
    "年来",
    "多年",
    "近年",
    "近期",
    "每年",
    "截至",
    "截止",
    "上半年",
    "下半年",
    "季度",
    "月",
    "日均",
    "平均",
];

/// 近三年, 近两年, 近5年: a span of years.
fn near_years(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    find(&chars, "近").into_iter().any(|p| {
        chars
            .get(p + 1)
            .is_some_and(|&c| c.is_ascii_digit() || is_cn_numeral(c) || c == '几')
    })
}

/// Comparisons, deltas and plans: the clause is no count of its own.
const COMPARISONS: &[&str] = &[
    "同比", "环比", "同期", "较上", "比上", "相比", "相较", "增长", "增加", "减少", "下降", "上升",
    "提高", "降低", "持平", "翻番", "预计", "计划", "力争", "争取", "目标",
];

/// 上年结转 names a cell of this year's table: no other year.
const CARRIED_OVER: &[&str] = &["上一年度结转", "上年度结转", "上年结转"];

fn without_carried_over(clause: &str) -> String {
    let mut s = clause.to_string();
    for w in CARRIED_OVER {
        s = s.replace(w, "");
    }
    s
}

/// After these, counts are parts of the whole.
const SUBUNIT: &[&str] = &["其中", "含", "包括", "涉及", "占"];

/// Parts of the body, or other bodies; and the whole area (全区…), which a
/// report of one body's table may not cover.
const OTHER_UNITS: &[&str] = &[
    "全区",
    "全市",
    "全县",
    "全省",
    "全州",
    "全旗",
    "全盟",
    "全镇",
    "全乡",
    "全系统",
    "各街道",
    "各乡镇",
    "各镇",
    "各部门",
    "各单位",
    "各地",
    "各县",
    "各区",
    "各级",
    "下属",
    "所属",
    "直属",
    "本级",
    "区级",
    "市级",
    "县级",
    "镇级",
    "乡级",
    "系统内",
];

fn is_cn_numeral(c: char) -> bool {
    c == '两' || matches!(c, '十' | '百' | '千' | '万') || (c != 'O' && cjk_digit(c).is_some())
}

/// The value of a Chinese numeral: `三`, `十二`, `一百零五`, `两千`, `一〇五`.
fn cn_value(run: &[char]) -> Option<f64> {
    let digit = |c: char| {
        if c == '两' {
            Some(2)
        } else {
            cjk_year_digit(c)
        }
    };
    let first = *run.first()?;
    if digit(first).is_none() && first != '十' {
        return None;
    }
    if !run.iter().any(|c| matches!(c, '十' | '百' | '千' | '万')) {
        let mut v = 0f64;
        for &c in run {
            v = v * 10.0 + f64::from(digit(c)?);
        }
        return Some(v);
    }
    let (mut total, mut section, mut num) = (0f64, 0f64, 0f64);
    for &c in run {
        if let Some(d) = digit(c) {
            num = f64::from(d);
            continue;
        }
        let unit = match c {
            '十' => 10.0,
            '百' => 100.0,
            '千' => 1000.0,
            _ => {
                total += (section + num).max(1.0) * 10000.0;
                section = 0.0;
                num = 0.0;
                continue;
            }
        };
        section += if num == 0.0 { 1.0 } else { num } * unit;
        num = 0.0;
    }
    Some(total + section + num)
}

/// Counts (a number, then 件, 起 or 条) in `text[start..end]`.
fn counts_in(text: &[char], start: usize, end: usize) -> Vec<Count> {
    let mut out = Vec::new();
    let at = |j: usize| if j < end { text.get(j).copied() } else { None };
    let mut i = start;
    while i < end {
        let c = text[i];
        let (value, mut j) = if c.is_ascii_digit() {
            let mut j = i;
            let mut digits = String::new();
            while j < end {
                if text[j].is_ascii_digit() {
                    digits.push(text[j]);
                    j += 1;
                } else if text[j] == ',' && thousands_comma(text, j) && j + 4 <= end {
                    j += 1;
                } else {
                    break;
                }
            }
            if at(j) == Some('.') && at(j + 1).is_some_and(|c| c.is_ascii_digit()) {
                // A decimal: skip it whole.
                j += 1;
                while at(j).is_some_and(|c| c.is_ascii_digit()) {
                    j += 1;
                }
                i = j;
                continue;
            }
            (digits.parse::<f64>().ok(), j)
        } else if is_cn_numeral(c) {
            let mut j = i;
            while j < end && is_cn_numeral(text[j]) {
                j += 1;
            }
            let before = if i > start {
                text.get(i - 1).copied()
            } else {
                None
            };
            let in_word = before.is_some_and(|b| "第每逐统唯单同任某之".contains(b));
            (if in_word { None } else { cn_value(&text[i..j]) }, j)
        } else {
            i += 1;
            continue;
        };
        let number_end = j;
        while at(j) == Some(' ') {
            j += 1;
        }
        let unit = at(j);
        let after = at(j + 1);
        let unit = match (unit, after) {
            (Some('件' | '条'), Some('次')) | (Some('起'), Some('诉')) => None,
            (Some(u @ ('件' | '起' | '条')), _) => Some(u),
            _ => None,
        };
        let before: String = text[start.max(i.saturating_sub(2))..i].iter().collect();
        let approximate = before.ends_with(['约', '近', '逾', '超', '过', '第'])
            || contains_any(
                &text[(j + 1).min(end)..(j + 3).min(end)]
                    .iter()
                    .collect::<String>(),
                &["左右", "以上", "以下", "上下"],
            );
        if let (Some(value), Some(unit), false) = (value, unit, approximate) {
            out.push(Count {
                start: i,
                end: j + 1,
                value,
                unit,
            });
            i = j + 1;
        } else {
            i = number_end.max(i + 1);
        }
    }
    out
}

const RECEIVE_VERBS: &[&str] = &["新收", "收到", "接收", "受理", "接到", "收悉", "共有"];
const REQUEST_OBJECTS: &[&str] = &["政府信息公开申请", "信息公开申请", "公开申请", "依申请"];

/// Not a count of this body's requests: other matters, channels, applicants,
/// outcomes, other steps.
const NOT_REQUESTS: &[&str] = &[
    "复议",
    "诉讼",
    "投诉",
    "举报",
    "信访",
    "咨询",
    "留言",
    "来信",
    "建议",
    "提案",
    "热线",
    "工单",
    "诉求",
    "意见",
    "网上",
    "网络",
    "当面",
    "现场",
    "信函",
    "传真",
    "邮件",
    "邮寄",
    "线上",
    "线下",
    "自然人",
    "法人",
    "企业",
    "律师",
    "申请人",
    "属于",
    "予以",
    "不予",
    "告知",
    "补正",
    "不掌握",
    "申请中",
];

/// Not a count of this body as respondent: outcomes, parts, other roles.
const NOT_APPEALS: &[&str] = &[
    "受理",
    "复议机关",
    "办理",
    "审理",
    "作为",
    "代理",
    "参加",
    "出庭",
    "应诉",
    "答复",
    "审查",
    "纠错",
    "纠正",
    "维持",
    "撤销",
    "驳回",
    "审结",
    "尚未",
    "结果",
    "确认违法",
    "终止",
    "败诉",
    "胜诉",
    "判决",
    "裁定",
    "调解",
    "和解",
    "撤回",
    "复议后",
    "直接起诉",
    "未经复议",
    "一审",
    "二审",
];

const LITIGATION: &[&str] = &["行政诉讼", "被起诉", "提起诉讼", "被诉"];

/// Whether a sentence is about information disclosure's appeals.
fn appeal_topic(sentence: &str, section: u8) -> bool {
    section == 4 || contains_any(sentence, &["信息公开", "依申请"])
}

/// `span` ends with `head` + one of `mids` + one of `tails`.
fn ends_with_form(span: &str, heads: &[&str], mids: &[&str], tails: &[&str]) -> bool {
    // Peeled from the end, so no combination is built.
    tails
        .iter()
        .filter_map(|t| span.strip_suffix(t))
        .any(|rest| {
            mids.iter()
                .filter_map(|m| rest.strip_suffix(m))
                .any(|rest| heads.iter().any(|h| rest.ends_with(h)))
        })
}

const TAILS: &[&str] = &["", "共", "共计", "合计", "为", "数", "数为", ":", "达"];

/// The quantity whose count follows `span` (the clause's text since its last
/// count), if exactly one fits.
fn classify(span: &str, unit: char, sentence: &str, section: u8) -> Option<Quantity> {
    let mut kinds = Vec::new();
    if unit == '件' {
        let received = (contains_any(span, RECEIVE_VERBS) && contains_any(span, REQUEST_OBJECTS))
            || (span.contains("新收") && span.contains("申请"));
        if received && !contains_any(span, NOT_REQUESTS) && !span.contains("结转") {
            kinds.push(Quantity::Received);
        }
        if concluded(span) && sentence.contains("申请") {
            kinds.push(Quantity::Concluded);
        }
        let request_mids = &[
            "",
            "申请",
            "的申请",
            "政府信息公开申请",
            "的政府信息公开申请",
        ];
        if ends_with_form(span, CARRIED_OVER, request_mids, TAILS)
            && !contains_any(span, NOT_REQUESTS)
            && !contains_any(span, RECEIVE_VERBS)
        {
            kinds.push(Quantity::CarriedOver);
        }
        let forward = &[
            "结转下年度",
            "结转下一年度",
            "结转至下年度",
            "结转至下一年度",
            "结转到下年度",
            "结转到下一年度",
            "转入下年度",
            "转入下一年度",
            "转至下一年度",
        ];
        let forward_mids = &["", "继续办理", "办理", "继续办理的", "申请", "的申请"];
        if ends_with_form(span, forward, forward_mids, TAILS) && !contains_any(span, NOT_REQUESTS) {
            kinds.push(Quantity::CarriedForward);
        }
    }
    if matches!(unit, '件' | '起')
        && appeal_topic(sentence, section)
        && !contains_any(span, NOT_APPEALS)
        && !span.contains("收到")
    {
        let review = span.contains("行政复议");
        let litigation = contains_any(span, LITIGATION);
        if review && !litigation {
            kinds.push(Quantity::Review);
        }
        if litigation && !span.contains("复议") {
            kinds.push(Quantity::Litigation);
        }
    }
    if unit == '条' {
        let heads = &["主动公开", "主动公开了"];
        let mids = &["信息", "各类信息", "各类政府信息", "政府信息", "政务信息"];
        let channels = &[
            "通过",
            "网站",
            "门户",
            "微博",
            "微信",
            "公众号",
            "新媒体",
            "公报",
            "专栏",
            "平台",
            "渠道",
            "客户端",
            "报纸",
            "电视",
            "广播",
            "公开栏",
            "文件",
            "解读",
            "领域",
        ];
        if ends_with_form(span, heads, mids, TAILS) && !contains_any(span, channels) {
            kinds.push(Quantity::Active);
        }
    }
    match kinds.as_slice() {
        [q] => Some(*q),
        _ => None,
    }
}

/// `span` says how many were concluded: its last 办结 is no part (按时办结…)
/// and no negation (未办结).
fn concluded(span: &str) -> bool {
    let chars: Vec<char> = span.chars().collect();
    let Some(&at) = find(&chars, "办结").last() else {
        return false;
    };
    let before2: String = chars[at.saturating_sub(2)..at].iter().collect();
    let parts = [
        "按时", "按期", "延期", "逾期", "超期", "如期", "限期", "期内", "时限",
    ];
    let not_this = [
        "复议", "诉讼", "投诉", "举报", "信访", "咨询", "留言", "来信", "建议", "提案", "热线",
        "工单", "诉求", "意见", "结转", "网上", "当面", "信函",
    ];
    !parts.contains(&before2.as_str())
        && !before2.ends_with('未')
        && !contains_any(span, &not_this)
        && !contains_any(span, RECEIVE_VERBS)
}

const NEGATIONS: &[&str] = &[
    "未发生",
    "未收到",
    "未出现",
    "未有",
    "没有",
    "未被",
    "未因",
    "未接到",
    "未受理",
    "无",
];

/// Words before a clause's own negation that make it no statement of fact.
const HEDGES: &[&str] = &[
    "确保",
    "力争",
    "杜绝",
    "避免",
    "防止",
    "努力",
    "争取",
    "将",
    "如",
    "若",
    "是否",
    "减少",
    "降低",
    "不发生",
];

/// The quantities a clause without counts says were none: 未发生…行政复议,
/// 未收到政府信息公开申请, 行政复议:无.
fn zeros(clause: &str, sentence: &str, section: u8) -> Vec<Quantity> {
    let c = clause.trim();
    let mut out = Vec::new();
    if contains_any(c, HEDGES) {
        return out;
    }
    // `…:无`, `…为无`, `…均为无`: the words before say what was none.
    let trailing = c
        .strip_suffix('件')
        .unwrap_or(c)
        .trim_end()
        .strip_suffix('无');
    let head = match trailing {
        Some(h) => h
            .trim_end_matches([':', ' '])
            .trim_end_matches('为')
            .trim_end_matches('均'),
        None => c,
    };
    let chars: Vec<char> = head.chars().collect();
    // Where the first negation ends (none needed for a trailing 无).
    let neg_end = NEGATIONS
        .iter()
        .flat_map(|w| {
            find(&chars, w)
                .into_iter()
                .filter(|&p| {
                    let next: String = chars[(p + 1).min(chars.len())..].iter().take(2).collect();
                    *w != "无"
                        || !["正当", "法", "需", "论", "误"]
                            .iter()
                            .any(|x| next.starts_with(x))
                })
                .map(|p| p + w.chars().count())
        })
        .min();
    if neg_end.is_none() && trailing.is_none() {
        return out;
    }
    let first = |words: &[&str]| {
        words
            .iter()
            .filter_map(|w| find(&chars, w).first().copied())
            .min()
    };
    if head.contains("复议") || head.contains("诉讼") {
        if !appeal_topic(sentence, section) || contains_any(head, NOT_APPEALS) {
            return out;
        }
        let review = first(&["行政复议"]);
        let litigation = first(LITIGATION);
        let said = match neg_end {
            // The negation comes shortly before the first of them.
            Some(n) => [review, litigation]
                .into_iter()
                .flatten()
                .min()
                .is_some_and(|a| a >= n && a - n <= 20),
            // `…行政复议、行政诉讼:无`, `…的情况:无`.
            None => ["行政复议", "行政诉讼", "案件", "情况"]
                .iter()
                .any(|w| head.ends_with(w)),
        };
        if said {
            if review.is_some() {
                out.push(Quantity::Review);
            }
            if litigation.is_some() {
                out.push(Quantity::Litigation);
            }
        }
        return out;
    }
    if contains_any(head, NOT_REQUESTS)
        || contains_any(
            head,
            &[
                "超期", "逾期", "超时", "答复", "办理", "处理", "收费", "费用",
            ],
        )
    {
        return out;
    }
    for object in ["政府信息公开申请", "信息公开申请", "依申请公开", "公开申请"]
    {
        let Some(&at) = find(&chars, object).first() else {
            continue;
        };
        let rest: String = chars[at + object.chars().count()..].iter().collect();
        let tail_ok = [
            "",
            "信息",
            "事项",
            "的情况",
            "情况",
            "件",
            "申请",
            "案件",
            "的申请",
        ]
        .contains(&rest.trim());
        let near = neg_end.is_none_or(|n| at >= n && at - n <= 16);
        if tail_ok && near {
            out.push(Quantity::Received);
        }
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Num, Section, Stats};

    /// A 2021-template report for `year` with `text` as part 1 (lines may
    /// carry a part number as `4>` to go elsewhere) and table cells `stats`.
    fn report(year: Option<i32>, text: &str, stats: &[(&str, f64)]) -> Report {
        report_as(Template::T2021, year, text, stats)
    }

    fn report_as(
        template: Template,
        year: Option<i32>,
        text: &str,
        stats: &[(&str, f64)],
    ) -> Report {
        let mut sections: Vec<Section> = (1..=6)
            .map(|n| Section {
                number: n,
                title: String::new(),
                text: String::new(),
            })
            .collect();
        for line in text.lines() {
            let (n, line) = match line.split_once('>') {
                Some((n, rest)) if n.len() == 1 => (n.parse::<usize>().unwrap_or(1), rest),
                _ => (1, line),
            };
            sections[n - 1].text.push_str(line);
            sections[n - 1].text.push('\n');
        }
        let stats: Stats = stats
            .iter()
            .map(|(k, v)| (k.to_string(), Some(Num(*v))))
            .collect();
        Report {
            source: "t".into(),
            body: None,
            body_id: None,
            year,
            template,
            sections,
            stats,
            findings: Vec::new(),
            layout: crate::model::Layout::None,
            format: crate::model::Format::Text,
            evidence: Default::default(),
            preamble: String::new(),
            other_text: String::new(),
        }
    }

    const NEW: &str = "requests.new_received.total";
    const OVER: &str = "requests.carried_over.total";
    const TOTAL: &str = "requests.total.total";
    const FORWARD: &str = "requests.carried_forward.total";
    const REVIEW: &str = "review.total";
    const DIRECT: &str = "litigation_direct.total";
    const AFTER: &str = "litigation_after_review.total";

    /// The counts `text` states, as (quantity, value).
    fn stated(year: i32, text: &str) -> Vec<(Quantity, f64)> {
        claims(&report(Some(year), text, &[]))
            .into_iter()
            .map(|c| (c.quantity, c.stated))
            .collect()
    }

    fn keys(findings: &[Finding]) -> Vec<Vec<String>> {
        findings.iter().map(|f| f.keys.clone()).collect()
    }

    #[test]
    fn template_keys_are_the_schema_keys() {
        let r = report(
            Some(2023),
            "",
            &[
                (NEW, 1.0),
                (OVER, 1.0),
                (TOTAL, 1.0),
                (FORWARD, 1.0),
                (REVIEW, 1.0),
                (DIRECT, 1.0),
                (AFTER, 1.0),
            ],
        );
        for q in QUANTITIES {
            if q != Quantity::Active {
                assert!(cell(&r, q).is_some(), "{q:?}");
            }
        }
    }

    #[test]
    fn received_with_a_part_after_it() {
        assert_eq!(
            stated(
                2023,
                "2023年，本机关共收到政府信息公开申请35件，其中网上申请20件，当面申请15件。"
            ),
            [(Quantity::Received, 35.0)]
        );
        let r = report(
            Some(2023),
            "2023年，本机关共收到政府信息公开申请35件，其中网上申请20件。",
            &[(NEW, 38.0), (OVER, 0.0)],
        );
        let f = narrative_table(&r);
        assert_eq!(keys(&f), [[NEW]]);
        assert_eq!(f[0].rule, "narrative.table");
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(
            f[0].message,
            "正文：“2023年，本机关共收到政府信息公开申请35件，其中网上申请20件” 35 ≠ 表格 本年新收 · 总计 38"
        );
    }

    #[test]
    fn received_in_other_words() {
        assert_eq!(
            stated(2022, "全年共受理依申请公开31件，已全部办结。"),
            [(Quantity::Received, 31.0)]
        );
        assert_eq!(
            stated(2022, "全年新收申请134件，均在法定期限内答复。"),
            [(Quantity::Received, 134.0)]
        );
        assert_eq!(
            stated(
                2017,
                "2017年,我区接到依申请政府信息23件,按规定时限回复21件。"
            ),
            [(Quantity::Received, 23.0)]
        );
        assert_eq!(
            stated(
                2021,
                "二〇二一年度，县自然资源局共接收政府信息公开申请十二件。"
            ),
            [(Quantity::Received, 12.0)]
        );
        assert_eq!(
            stated(2023, "本年度收到政府信息公开申请 1,204 件。"),
            [(Quantity::Received, 1204.0)]
        );
        assert_eq!(
            stated(2023, "本年度收到政府信息公开申请１２件。"),
            [(Quantity::Received, 12.0)]
        );
    }

    #[test]
    fn the_template_flow_in_one_sentence() {
        let text = "2024年,区政府办公室新收到政府信息公开申请100件,上年结转13件,现办结113件,结转下年度继续办理0件,办结率100%。";
        assert_eq!(
            stated(2024, text),
            [
                (Quantity::Received, 100.0),
                (Quantity::CarriedOver, 13.0),
                (Quantity::Concluded, 113.0),
                (Quantity::CarriedForward, 0.0),
            ]
        );
        let agreeing = [(NEW, 100.0), (OVER, 13.0), (TOTAL, 113.0), (FORWARD, 0.0)];
        let r = report(Some(2024), text, &agreeing);
        assert!(narrative_table(&r).is_empty());
        assert!(readings(&r).iter().all(|r| r.agrees));
        assert_eq!(readings(&r).len(), 4);
        let r = report(
            Some(2024),
            text,
            &[(NEW, 100.0), (OVER, 13.0), (TOTAL, 110.0), (FORWARD, 3.0)],
        );
        assert_eq!(keys(&narrative_table(&r)), [[TOTAL], [FORWARD]]);
    }

    #[test]
    fn review_and_litigation_counts() {
        let text = "4>本年度，因政府信息公开被申请行政复议1件，行政诉讼0件。";
        assert_eq!(
            stated(2023, text),
            [(Quantity::Review, 1.0), (Quantity::Litigation, 0.0)]
        );
        let r = report(
            Some(2023),
            text,
            &[(REVIEW, 1.0), (DIRECT, 1.0), (AFTER, 1.0)],
        );
        let f = narrative_table(&r);
        assert_eq!(keys(&f), [[DIRECT, AFTER]]);
        assert!(
            f[0].message
                .ends_with("未经复议直接起诉 · 总计 + 复议后起诉 · 总计 2"),
            "{}",
            f[0].message
        );
        assert_eq!(
            stated(
                2023,
                "全年因政府信息公开被提起行政诉讼两起、被申请行政复议三件。"
            ),
            [(Quantity::Litigation, 2.0), (Quantity::Review, 3.0)]
        );
        // Outside part 4, only a sentence about disclosure.
        assert!(stated(2023, "全年发生行政复议3件。").is_empty());
        assert_eq!(
            stated(2023, "4>全年发生行政复议3件。"),
            [(Quantity::Review, 3.0)]
        );
    }

    #[test]
    fn none_is_zero() {
        let text = "本年度未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。";
        assert_eq!(
            stated(2023, text),
            [(Quantity::Review, 0.0), (Quantity::Litigation, 0.0)]
        );
        let r = report(
            Some(2023),
            text,
            &[(REVIEW, 2.0), (DIRECT, 0.0), (AFTER, 0.0)],
        );
        assert_eq!(keys(&narrative_table(&r)), [[REVIEW]]);
        assert_eq!(
            stated(2024, "未收到因政府信息依申请公开的行政复议和行政诉讼案件。"),
            [(Quantity::Review, 0.0), (Quantity::Litigation, 0.0)]
        );
        assert_eq!(
            stated(2023, "2023年，本单位未收到政府信息公开申请。"),
            [(Quantity::Received, 0.0)]
        );
        assert_eq!(
            stated(2023, "鸿城街道全年未有依申请公开信息，但仍规范流程。"),
            [(Quantity::Received, 0.0)]
        );
        assert_eq!(stated(2023, "4>行政复议:无"), [(Quantity::Review, 0.0)]);
        assert_eq!(
            stated(2023, "4>被申请行政复议零件。"),
            [(Quantity::Review, 0.0)]
        );
    }

    #[test]
    fn other_years_are_not_read() {
        assert!(stated(2023, "2022年共收到政府信息公开申请30件。").is_empty());
        assert!(stated(2023, "2022年收到申请30件，2023年新收申请35件。").len() == 1);
        assert_eq!(
            stated(2023, "2022年收到申请30件，2023年新收申请35件。"),
            [(Quantity::Received, 35.0)]
        );
        // A later clause of the same sentence keeps the earlier year.
        assert!(stated(2023, "2022年，区政府共收到政府信息公开申请30件，办结30件。").is_empty());
        assert!(stated(2023, "2022年，区政府全年共收到政府信息公开申请30件。").is_empty());
        assert!(stated(2023, "去年，共收到政府信息公开申请30件。").is_empty());
        assert_eq!(
            stated(2023, "与上年相比，今年共收到政府信息公开申请35件。"),
            [(Quantity::Received, 35.0)]
        );
        assert!(stated(2023, "2019-2023年共收到政府信息公开申请300件。").is_empty());
        // No year of its own: nothing named in a report of unknown year.
        let r = report(None, "2023年共收到政府信息公开申请30件。", &[(NEW, 31.0)]);
        assert!(narrative_table(&r).is_empty());
        let r = report(None, "全年共收到政府信息公开申请30件。", &[(NEW, 31.0)]);
        assert_eq!(keys(&narrative_table(&r)), [[NEW]]);
    }

    #[test]
    fn comparisons_and_periods_are_not_read() {
        for text in [
            "与上年相比收到政府信息公开申请增加5件。",
            "去年共收到政府信息公开申请30件。",
            "共收到政府信息公开申请同比增长12件。",
            "较上年多收到政府信息公开申请5件。",
            "近三年累计收到政府信息公开申请120件。",
            "2015年以来累计受理政府信息公开申请300件。",
            "截至11月底，共收到政府信息公开申请40件。",
            "上半年收到政府信息公开申请20件。",
            "比上年度收到的政府信息公开申请30件有所下降。",
        ] {
            assert!(stated(2023, text).is_empty(), "{text}");
        }
        // Only the clause with the comparison is left out.
        assert_eq!(
            stated(2023, "全年共收到政府信息公开申请35件，同比增加5件。"),
            [(Quantity::Received, 35.0)]
        );
    }

    #[test]
    fn parts_are_not_read() {
        let cases: &[(&str, &[(Quantity, f64)])] = &[
            ("其中依申请公开30件。", &[]),
            (
                "全年共收到各类申请50件，其中依申请公开政府信息申请30件。",
                &[],
            ),
            ("全年共收到申请(含依申请公开30件)。", &[]),
            ("通过网上申请平台收到政府信息公开申请20件。", &[]),
            ("各街道共收到政府信息公开申请12件。", &[]),
            ("区本级收到政府信息公开申请12件。", &[]),
            ("全区共收到政府信息公开申请1234件。", &[]),
            ("自然人提出政府信息公开申请收到30件。", &[]),
            ("按时办结政府信息公开申请55件，延期办结2件。", &[]),
            ("政府信息公开申请未办结1件。", &[]),
            ("4>复议后起诉1件。", &[]),
            ("4>行政复议3件，其中维持2件。", &[(Quantity::Review, 3.0)]),
            (
                "4>因政府信息公开被申请行政复议1件，行政复议决定纠错1件。",
                &[(Quantity::Review, 1.0)],
            ),
            (
                "全年主动公开政府信息3,210条，其中规范性文件12件。",
                &[(Quantity::Active, 3210.0)],
            ),
            ("全年通过区政府门户网站主动公开信息3,210条。", &[]),
            ("主动公开项目审批、实施和结果信息52条。", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(stated(2023, text), *want, "{text}");
        }
    }

    #[test]
    fn other_units_and_approximations_are_not_read() {
        for text in [
            "全年收到政府信息公开申请35件次。",
            "全年接待政府信息公开申请咨询120人次。",
            "全年收到政府信息公开申请约35件。",
            "全年收到政府信息公开申请100余件。",
            "全年收到政府信息公开申请30件左右。",
            "全年主动公开政府信息4156条次。",
            "全年办结率100%。",
            "全年受理行政复议申请120件。",
            "全年收到群众留言、投诉等依申请事项80件。",
            "4>本机关作为复议机关办理行政复议案件56件。",
            "4>全年收到行政复议申请3件。",
            "4>行政复议和行政诉讼共3件。",
            "4>无行政复议纠错、行政诉讼败诉案件发生。",
        ] {
            assert!(
                stated(2023, text).is_empty(),
                "{text}: {:?}",
                stated(2023, text)
            );
        }
    }

    #[test]
    fn negations_that_say_something_else() {
        for text in [
            "全区完成依申请答复347件,无行政复议纠错、行政诉讼败诉案件发生。",
            "全年没有出现依申请公开超期答复的情况。",
            "确保不发生因政府信息公开引起的行政复议。",
            "力争无行政复议案件发生。",
            "依申请公开无正当理由大量反复申请的，不予处理。",
            "本年度未发生行政复议被纠错的情况。",
        ] {
            assert!(
                stated(2023, text).is_empty(),
                "{text}: {:?}",
                stated(2023, text)
            );
        }
    }

    #[test]
    fn table_lines_are_skipped() {
        assert!(stated(
            2023,
            "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |"
        )
        .is_empty());
        assert!(stated(2023, "收到政府信息公开申请\t35件").is_empty());
        assert!(stated(2023, "12 0 0 0 3 15 4件").is_empty());
    }

    #[test]
    fn judged_per_cell() {
        // The same count as the table: nothing.
        let same = report(
            Some(2023),
            "全年共收到政府信息公开申请35件。",
            &[(NEW, 35.0)],
        );
        assert!(narrative_table(&same).is_empty());
        // No cell, or a blank one: nothing.
        let absent = report(Some(2023), "全年共收到政府信息公开申请35件。", &[]);
        assert!(narrative_table(&absent).is_empty());
        let mut blank = report(Some(2023), "全年共收到政府信息公开申请35件。", &[]);
        blank.stats.insert(NEW.to_string(), None);
        assert!(narrative_table(&blank).is_empty());
        // Litigation needs both cells.
        let half = report(Some(2023), "4>行政诉讼3件。", &[(DIRECT, 1.0)]);
        assert!(narrative_table(&half).is_empty());
        // Once per cell, though said twice; nothing when one statement agrees.
        let twice = report(
            Some(2023),
            "全年共收到政府信息公开申请35件。\n3>本年度新收政府信息公开申请35件。",
            &[(NEW, 30.0)],
        );
        assert_eq!(narrative_table(&twice).len(), 1);
        let one_agrees = report(
            Some(2023),
            "全年共收到政府信息公开申请35件。\n3>本年度新收政府信息公开申请30件。",
            &[(NEW, 30.0)],
        );
        assert!(narrative_table(&one_agrees).is_empty());
        // 共受理 may include last year's.
        let with_carried = report(
            Some(2023),
            "全年共受理政府信息公开申请45件。",
            &[(NEW, 40.0), (OVER, 5.0)],
        );
        assert!(narrative_table(&with_carried).is_empty());
        // A key of the 2021 template is not looked for in a legacy table.
        let legacy = report_as(
            Template::Legacy,
            Some(2015),
            "全年受理政府信息公开申请58件。\n全年主动公开政府信息3,210条。\n4>全年发生行政复议3件。",
            &[("legacy.requests.received", 57.0), ("legacy.active.total", 3200.0), ("legacy.review.total", 1.0)],
        );
        let f = narrative_table(&legacy);
        assert_eq!(
            keys(&f),
            [["legacy.requests.received"], ["legacy.active.total"]]
        );
        assert!(f[0].message.contains("收到申请数 57"), "{}", f[0].message);
        // 主动公开 has no single cell in the 2021 template.
        let active = report(
            Some(2023),
            "全年主动公开政府信息418条。",
            &[("active.regulations.issued", 1.0)],
        );
        assert!(narrative_table(&active).is_empty());
    }

    /// The sentences `xxgk-gen` writes into narratives (its legacy part 4
    /// included), whose numbers are not the table's: none is read.
    #[test]
    fn generated_sentences_state_nothing() {
        for text in [
            "全年通过政府门户网站主动公开各类政府信息356条，其中教育类信息12条。",
            "进一步规范依申请公开受理、登记、办理、答复等环节，强化审核把关，全年依法答复申请57件。",
            "4>进一步规范依申请公开受理、登记、办理、答复等环节，完善工作机制，全年依法答复申请8件，涉及行政复议、诉讼等事项。",
            "在城乡建设领域，压实工作责任，主动公开项目审批、实施和结果信息1200条。",
            "严格执行保密审查制度，对拟公开的36条信息逐条审核，未发生泄密事件。",
            "加强对政务新媒体的监管，全年巡查账号12个，督促更新信息340条。",
            "健全政府信息管理动态调整机制，清理规章、规范性文件15件，公开现行有效文件目录。",
            "依托政务服务大厅，打造集信息查询、政策咨询、办事指引于一体的服务平台，累计服务群众3000人次。",
        ] {
            let r = report_as(Template::Legacy, Some(2016), text, &[]);
            assert!(claims(&r).is_empty(), "{text}: {:?}", claims(&r));
            assert!(stated(2023, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn chinese_numerals() {
        let v = |s: &str| cn_value(&s.chars().collect::<Vec<_>>());
        assert_eq!(v("三"), Some(3.0));
        assert_eq!(v("十"), Some(10.0));
        assert_eq!(v("十二"), Some(12.0));
        assert_eq!(v("二十三"), Some(23.0));
        assert_eq!(v("一百零五"), Some(105.0));
        assert_eq!(v("一百一十"), Some(110.0));
        assert_eq!(v("两千三百"), Some(2300.0));
        assert_eq!(v("一万二千"), Some(12000.0));
        assert_eq!(v("零"), Some(0.0));
        assert_eq!(v("〇"), Some(0.0));
        assert_eq!(v("万"), None);
        assert_eq!(v("百"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_safe(text in "[0-9,，.件条起次年月无未没有收到新受理办结结转上下度申请政府信息公开行政复议诉讼其中含（）()《》〇零一二十百千万两约余 \t|\n。；:😀]{0,80}") {
            let r = report(Some(2023), &text, &[(NEW, 1.0), (TOTAL, 2.0), (REVIEW, 1.0), (DIRECT, 0.0), (AFTER, 0.0)]);
            let _ = narrative_table(&r);
            let _ = readings(&r);
        }
    }

    #[test]
    fn never_panics() {
        for text in [
            "",
            "件",
            "。",
            ",,,",
            "1,",
            "1,2",
            "1,234",
            "申请1,23",
            "（",
            "）件",
            "无",
            "无件",
            "未收到",
            "行政复议",
            "2023年",
            "二〇二三年",
            "１２３４５６７８９０１２３４５６７８９０件",
            "收到申请99999999999999999999999999件",
            "零零零零零件",
            "十十十件",
            "万万件",
            "收到政府信息公开申请😀5件",
            "收到政府信息公开申请5",
        ] {
            let _ = stated(2023, text);
            let _ = narrative_table(&report(None, text, &[(NEW, 1.0), (REVIEW, 1.0)]));
        }
    }
}
