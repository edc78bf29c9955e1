//! Report metadata: the issuing body as the report names itself, and the
//! statistics year (never the publication date).

use std::sync::LazyLock;

use regex::Regex;

use super::text::{cjk_digit, norm};

const YEAR: &str = r"(?P<year>(?:19|20)\d{2}|[〇零一二三四五六七八九○]{4})年度?";

static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:关于)?(?P<pre>.*?){YEAR}(?P<post>.*?)(?:政府)?信息公开(?:工作)?(?:年度|情况)?(?:工作)?(?:报告|年报)$"
    ))
    .expect("title regex")
});

static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:现|特|向社会)(?:予以|予)?公布(?:了)?(?P<inner>[^,。;:]{2,40}?)(?:政府)?信息公开(?:工作)?(?:年度)?(?:工作)?报告")
        .expect("published regex")
});

static COMPILED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"本(?:年度)?报告由(?P<inner>[^,。;:]{2,30}?)(?:根据|依据|按照|编制)")
        .expect("compiled regex")
});

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"统计(?:期限|时限|期间|时间|周期)[^0-9〇零一二三四五六七八九]{0,8}(?P<year>(?:19|20)\d{2})年")
        .expect("period regex")
});

static ANY_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(YEAR).expect("year regex"));

static YEAR_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九○]{4})年度?").expect("year regex")
});

/// The opening sentence of part one names the body when nothing else does:
/// `2025年，滨江新区坚持…`.
static FIRST_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\n)(?:一、)?(?:总体情况)?(?:19|20)\d{2}年度?(?:以来)?,(?P<inner>[^,。;:\n]{2,24}?)(?:坚持|围绕|深入|认真|全面|按照|紧紧|始终|持续|进一步|高度重视|严格|积极|不断|切实|紧扣|聚焦|着力|扎实|以|在)",
    )
    .expect("first sentence regex")
});

/// How a name that stands for a body ends.
const BODY_ENDINGS: &[&str] = &[
    "政府",
    "局",
    "委",
    "委员会",
    "办",
    "办公室",
    "厅",
    "部",
    "署",
    "街道",
    "办事处",
    "镇",
    "乡",
    "新区",
    "管委会",
    "开发区",
    "园区",
    "中心",
    "院",
    "所",
    "站",
    "区",
    "县",
    "市",
    "州",
    "旗",
];

/// Fields a crawler or an archive writes above a page's text.
const CRAWL_FIELDS: &[&str] = &[
    "标题",
    "题目",
    "文章标题",
    "发布时间",
    "发布日期",
    "成文日期",
    "时间",
    "日期",
    "发布机构",
    "发文机关",
    "发文单位",
    "发布单位",
    "来源",
    "信息来源",
    "文章来源",
    "原文链接",
    "原文地址",
    "链接",
    "网址",
    "索引号",
    "分类",
    "主题分类",
    "文号",
    "浏览次数",
    "作者",
    "url",
    "source",
    "title",
];

/// A crawler's field line (`标题: …`, `来源：…`): the field and its value.
/// Only `标题`/`题目`/`title` say anything about the report (its title);
/// the publisher is often the body's office and `来源` often another body's
/// site, so the rest are chrome.
fn crawl_field(n: &str) -> Option<(&str, &str)> {
    let (field, value) = n.split_once(':')?;
    let field = field.trim();
    CRAWL_FIELDS
        .iter()
        .any(|f| field.eq_ignore_ascii_case(f))
        .then(|| (field, value.trim()))
}

/// The line a crawl puts between its fields and the page's text:
/// `正文:`, `----正文----`, `【正文】`, `=== 正文 ===`.
fn is_text_marker(n: &str) -> bool {
    let core = n.trim_matches(|c: char| "-=*#【】[]<>:_ ".contains(c) || c == '—');
    (core == "正文" || core == "正文内容" || core.eq_ignore_ascii_case("content"))
        && n.chars().count() <= 24
}

/// Words that stand where a name should but name no one.
const NOT_A_NAME: &[&str] = &[
    "本级",
    "本机关",
    "本单位",
    "本部门",
    "我区",
    "我局",
    "我市",
    "我县",
    "我委",
    "本局",
    "本区",
    "本市",
];

#[derive(Debug, Default, PartialEq)]
pub struct Meta {
    pub body: Option<String>,
    pub year: Option<i32>,
    /// Lines up to here are title and page chrome, not narrative.
    pub title_end: usize,
}

fn year_value(s: &str) -> Option<i32> {
    let digits: Option<String> = s
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                Some(c)
            } else {
                cjk_digit(c).and_then(|d| char::from_digit(d, 10))
            }
        })
        .collect();
    let y: i32 = digits?.parse().ok()?;
    (1990..=2100).contains(&y).then_some(y)
}

fn clean_name(raw: &str) -> Option<String> {
    let name = YEAR_INSIDE.replace_all(raw, "");
    // "关于" and "的" as words, never as characters: 关岭县 and 于都县 are places.
    let punct = |c: char| "、,:- ".contains(c);
    let name = name.trim_matches(punct);
    let name = name.strip_prefix("关于").unwrap_or(name);
    let name = name.strip_suffix('的').unwrap_or(name);
    let mut name = name.trim_matches(punct).to_string();
    if name.ends_with("人民") {
        name.push_str("政府");
    }
    let chars = name.chars().count();
    let has_cjk = name.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    if !(2..=40).contains(&chars) || !has_cjk || NOT_A_NAME.contains(&name.as_str()) {
        return None;
    }
    if name
        .chars()
        .any(|c| c.is_ascii_digit() || "。,;《》“”\"".contains(c))
    {
        return None;
    }
    Some(name)
}

/// Names of a site's columns that end a breadcrumb glued to a title.
const BREADCRUMB_COLUMNS: &[&str] = &[
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    "政府信息公开年报",
    "信息公开年度报告",
    "信息公开年报",
    "工作年度报告",
    "年度报告",
    "年报",
];

/// A title's text after a site's breadcrumb glued before it (`首页 > 政府信息
/// 公开 > 年度报告成都市…`): what follows the last `>`, less the column's name.
fn after_breadcrumb(pre: &str) -> &str {
    let Some(pos) = pre.rfind(['>', '›', '»']) else {
        return pre;
    };
    let tail = pre[pos..].trim_start_matches(['>', '›', '»']).trim();
    BREADCRUMB_COLUMNS
        .iter()
        .find_map(|c| tail.strip_prefix(c))
        .unwrap_or(tail)
}

/// A line that can only be a name above a title (`长春高新技术产业开发区`).
fn name_line(n: &str) -> Option<String> {
    if n.chars().count() > 30 || n.contains(['。', ',', ':', '|']) {
        return None;
    }
    clean_name(n)
}

/// `lines` are the cleaned lines; `first_heading` the index of the first part heading.
pub fn extract(lines: &[String], first_heading: usize) -> Meta {
    let mut meta = Meta::default();
    let head = first_heading.min(lines.len()).min(40);
    let mut prev_name: Option<String> = None;
    // Lines a crawl put above the page: the fields, then its marker line.
    let mut crawl_end = 0;
    for (i, line) in lines[..head].iter().enumerate() {
        let n = norm(line);
        if n.is_empty() {
            continue;
        }
        let field = crawl_field(&n);
        if field.is_some() || is_text_marker(&n) {
            crawl_end = i + 1;
            meta.title_end = meta.title_end.max(i + 1);
        }
        let n = match field {
            Some((f, title))
                if ["标题", "题目", "文章标题"].contains(&f) || f.eq_ignore_ascii_case("title") =>
            {
                title.to_string()
            }
            Some(_) => continue,
            None => n,
        };
        if n.chars().count() <= 64 && !n.contains(['。', ',', '|']) {
            if let Some(c) = TITLE.captures(&n) {
                let year = year_value(&c["year"]);
                let pre = after_breadcrumb(&c["pre"]);
                let name = clean_name(&format!("{pre}{}", &c["post"]));
                if year.is_some() || name.is_some() {
                    meta.year = meta.year.or(year);
                    meta.body = meta.body.take().or(name).or(prev_name.clone());
                    meta.title_end = meta.title_end.max(i + 1);
                    continue;
                }
            }
        }
        prev_name = name_line(&n);
    }

    let head_text: String = lines[crawl_end.min(first_heading)..first_heading.min(lines.len())]
        .iter()
        .chain(lines.iter().skip(first_heading).take(12))
        .map(|l| norm(l))
        .collect::<Vec<_>>()
        .join("\n");
    // Cheap literal checks first: the regexes only run where they can match.
    let published = head_text.contains("公布");
    if meta.body.is_none() && (published || head_text.contains("报告由")) {
        meta.body = PUBLISHED
            .captures_iter(&head_text)
            .chain(COMPILED_BY.captures_iter(&head_text))
            .find_map(|c| clean_name(&c["inner"]));
    }
    if meta.body.is_none() && head_text.contains("年,") {
        meta.body = FIRST_SENTENCE
            .captures_iter(&head_text)
            .filter_map(|c| clean_name(&c["inner"]))
            // `区政府办公室`, `市局`: a level, not a name; which one is not said.
            .filter(|name| {
                !name.starts_with([
                    '区', '市', '县', '镇', '乡', '省', '州', '旗', '本', '我', '该', '全',
                ])
            })
            .find(|name| BODY_ENDINGS.iter().any(|e| name.ends_with(e)));
    }
    if meta.year.is_none() {
        meta.year = head_text
            .contains("统计")
            .then(|| PERIOD.captures(&head_text))
            .flatten()
            .and_then(|c| year_value(&c["year"]))
            .or_else(|| {
                PUBLISHED.captures(&head_text).and_then(|c| {
                    ANY_YEAR
                        .captures(&c["inner"])
                        .and_then(|y| year_value(&y["year"]))
                })
            })
            .or_else(|| {
                // "(2017年度)" on a line of its own, or a part opening "2023年，…".
                lines.iter().skip(crawl_end).map(|l| norm(l)).find_map(|n| {
                    let short = n.trim_matches(['(', ')']);
                    let c = ANY_YEAR.captures(short)?;
                    let whole = c.get(0)?;
                    let alone = whole.start() == 0
                        && (whole.end() == short.len() || short[whole.end()..].starts_with(','));
                    alone.then(|| year_value(&c["year"])).flatten()
                })
            });
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Meta {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let first = lines
            .iter()
            .position(|l| l.starts_with("一、"))
            .unwrap_or(lines.len());
        extract(&lines, first)
    }

    #[test]
    fn names_starting_with_guan_or_yu_keep_them() {
        for name in ["关岭县人民政府", "于都县人民政府"] {
            let m = meta(&format!(
                "{name}2023年政府信息公开工作年度报告\n\n一、总体情况"
            ));
            assert_eq!(m.body.as_deref(), Some(name));
        }
        let m = meta("关于长春市财政局2023年度政府信息公开工作年度报告\n\n一、总体情况");
        assert_eq!(m.body.as_deref(), Some("长春市财政局"));
    }

    #[test]
    fn title_with_body_before_year() {
        let m = meta("南关区鸿城街道2023年度政府信息公开工作年度报告\n\n一、总体情况");
        assert_eq!(m.body.as_deref(), Some("南关区鸿城街道"));
        assert_eq!(m.year, Some(2023));
    }

    #[test]
    fn title_split_over_two_lines() {
        let m = meta("长春高新技术产业开发区\n2021年政府信息公开工作年度报告\n一、总体情况");
        assert_eq!(m.body.as_deref(), Some("长春高新技术产业开发区"));
        assert_eq!(m.year, Some(2021));
    }

    #[test]
    fn chinese_numeral_year() {
        let m = meta("某某市财政局二〇二二年政府信息公开工作年度报告\n一、总体情况");
        assert_eq!(m.year, Some(2022));
        assert_eq!(m.body.as_deref(), Some("某某市财政局"));
    }

    #[test]
    fn body_from_text_when_title_is_missing() {
        let m =
            meta("根据规定,现公布2023年长春市二道区人民政府信息公开工作年度报告。\n一、总体情况");
        assert_eq!(m.body.as_deref(), Some("长春市二道区人民政府"));
        assert_eq!(m.year, Some(2023));
    }

    #[test]
    fn statistics_period_beats_publication_date() {
        let m = meta("本报告数据统计期限为2022年1月1日至2022年12月31日。发布日期:2023年1月20日\n一、总体情况");
        assert_eq!(m.year, Some(2022));
        assert_eq!(m.body, None);
    }

    #[test]
    fn crawl_fields_give_the_title_and_nothing_else() {
        let m = meta("标题：沈北新区蒲河街道2024年政府信息公开工作年度报告\n发布时间：2025-01-20\n发布机构：沈北新区蒲河街道办事处党政办公室\n原文链接：http://www.example.gov.cn/xxgk/1.html\n来源：沈阳市人民政府\n------ 正文 ------\n一、总体情况");
        assert_eq!(m.body.as_deref(), Some("沈北新区蒲河街道"));
        assert_eq!(m.year, Some(2024));
        assert_eq!(
            m.title_end, 6,
            "the fields and the marker are not narrative"
        );
    }

    #[test]
    fn no_title_no_fields_but_chrome_the_first_sentence_names_the_body() {
        let m = meta("发布时间：2026年1月15日\n来源：某县人民政府\n一、总体情况\n2025年，滨江新区坚持以人民为中心，主动公开政府信息。");
        assert_eq!(m.body.as_deref(), Some("滨江新区"));
        // The year is the report's, never the publication date's.
        assert_eq!(m.year, Some(2025));
        let m = meta("一、总体情况\n2025年，我们认真贯彻条例。");
        assert_eq!(m.body, None, "a sentence that names no body gives none");
        let m = meta("一、总体情况\n2024年，区政府办公室坚持以公开为常态。");
        assert_eq!(m.body, None, "which 区 is not said: no name is guessed");
    }

    #[test]
    fn a_breadcrumb_glued_to_the_title_is_not_the_name() {
        let m = meta("首页 > 政府信息公开 > 年度报告成都市武侯区教育局2022年政府信息公开工作年度报告\n一、总体情况");
        assert_eq!(m.body.as_deref(), Some("成都市武侯区教育局"));
        assert_eq!(m.year, Some(2022));
    }
}
