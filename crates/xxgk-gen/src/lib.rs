//! A deterministic generator of realistic report files, for tests and
//! benchmarks (`cargo xtask gen-corpus`). Bodies sit in a province ›
//! city › district › body hierarchy; each has a run of years 2008–2025 with the
//! template of its year, written in every layout the parser reads. The
//! statistics satisfy the template's arithmetic except for a controlled share
//! of defects of each rule; carried_over follows last year's carried_forward.

mod names;
mod rng;
mod text;

use std::fmt::Write as _;
use std::path::Path;

pub use rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Pipe,
    Cells,
    PdfText,
    Html,
}

const LAYOUTS: [Layout; 4] = [Layout::Pipe, Layout::Cells, Layout::PdfText, Layout::Html];

#[derive(Debug, Clone)]
pub struct Body {
    pub province: &'static str,
    pub city: &'static str,
    pub district: String,
    /// The body within the district: 人民政府, a department, a street office.
    pub unit: String,
    pub first_year: u32,
    pub last_year: u32,
}

impl Body {
    pub fn full_name(&self) -> String {
        format!("{}{}{}", self.city, self.district, self.unit)
    }
    /// The shorter name some years use (without the city).
    pub fn short_name(&self) -> String {
        format!("{}{}", self.district, self.unit)
    }
    /// The body's true identity, as `xxgk_core::identity` should place it.
    pub fn body_id(&self) -> String {
        format!(
            "{}/{}/{}/{}",
            self.province,
            self.city,
            self.district,
            xxgk_core::identity::normalize_unit(&self.unit)
        )
    }
}

/// Settings of a generated corpus.
#[derive(Debug, Clone)]
pub struct Settings {
    pub count: usize,
    pub seed: u64,
    /// Share of reports with a defect of some rule (each rule equally likely).
    pub defect_rate: f64,
}

pub fn bodies(rng: &mut Rng, count: usize) -> Vec<Body> {
    let mut out = Vec::new();
    let mut produced = 0usize;
    // Each district once per city: two generated districts of one name
    // would be one body in truth as well.
    let mut seen = std::collections::HashSet::new();
    while produced < count {
        let (province, city, district) = names::place(rng);
        if !seen.insert((city, district.clone())) {
            continue;
        }
        // A district: its government, its office, departments and streets.
        let mut units = vec!["人民政府".to_string(), "人民政府办公室".to_string()];
        for _ in 0..rng.range(2, 8) {
            units.push(rng.pick(names::DEPARTMENTS).to_string());
        }
        for _ in 0..rng.range(1, 5) {
            let s = names::street(rng);
            units.push(if s.ends_with("街道") {
                format!("{s}办事处")
            } else {
                format!("{s}人民政府")
            });
        }
        units.sort();
        units.dedup();
        for unit in units {
            let first = rng.range(2008, 2022) as u32;
            let last = (first + rng.range(2, 17) as u32).min(2025);
            produced += (last - first + 1) as usize;
            out.push(Body {
                province,
                city,
                district: district.clone(),
                unit,
                first_year: first,
                last_year: last,
            });
        }
    }
    out
}

fn template_of(year: u32) -> &'static str {
    match year {
        2021.. => "2021",
        2019 | 2020 => "2019",
        _ => "legacy",
    }
}

/// The defect a report carries, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Defect {
    ShiftedTotal,
    ColumnTotal,
    Blank,
    Appeal,
    CarryChain,
    LegacySum,
}

struct Requests {
    /// Rows in template order, 6 applicant columns + total.
    rows: Vec<[Option<u64>; 7]>,
}

const ROWS_2021: &[(&str, &str, &str)] = &[
    ("一、本年新收政府信息公开申请数量", "", ""),
    ("二、上年结转政府信息公开申请数量", "", ""),
    ("三、本年度办理结果", "（一）予以公开", ""),
    (
        "",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "",
    ),
    ("", "（三）不予公开", "1.属于国家秘密"),
    ("", "", "2.其他法律行政法规禁止公开"),
    ("", "", "3.危及“三安全一稳定”"),
    ("", "", "4.保护第三方合法权益"),
    ("", "", "5.属于三类内部事务信息"),
    ("", "", "6.属于四类过程性信息"),
    ("", "", "7.属于行政执法案卷"),
    ("", "", "8.属于行政查询事项"),
    ("", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("", "", "2.没有现成信息需要另行制作"),
    ("", "", "3.补正后申请内容仍不明确"),
    ("", "（五）不予处理", "1.信访举报投诉类申请"),
    ("", "", "2.重复申请"),
    ("", "", "3.要求提供公开出版物"),
    ("", "", "4.无正当理由大量反复申请"),
    ("", "", "5.要求行政机关确认或重新出具已获取信息"),
    (
        "",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "",
        "",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("", "", "3.其他"),
    ("", "（七）总计", ""),
    ("四、结转下年度继续办理", "", ""),
];

fn rows_for(template: &str) -> Vec<(&'static str, &'static str, &'static str)> {
    if template == "2021" {
        return ROWS_2021.to_vec();
    }
    let mut rows = ROWS_2021[..20].to_vec();
    rows.push(("", "（六）其他处理", ""));
    rows.extend_from_slice(&ROWS_2021[23..]);
    rows
}

/// Outcome weights per row (granted, partially, …): most requests are granted
/// or answered "not held".
fn outcome_weight(i: usize) -> u64 {
    match i {
        2 => 40,
        3 => 8,
        12 => 20,
        13 => 5,
        16 => 4,
        4..=11 => 1,
        _ => 1,
    }
}

fn requests(rng: &mut Rng, template: &str, carried: [u64; 6], scale: u64) -> (Requests, [u64; 6]) {
    let rows = rows_for(template);
    let n = rows.len();
    let outcome_rows = 2..n - 2;
    let mut table: Vec<[Option<u64>; 7]> = vec![[Some(0); 7]; n];
    let mut forward = [0u64; 6];
    for c in 0..6 {
        let col_scale = if c == 0 { scale } else { (scale / 8).max(1) };
        let new = rng.count(col_scale);
        let avail = new + carried[c];
        let fwd = if avail > 0 && rng.chance(0.3) {
            rng.below(avail.min(5) + 1)
        } else {
            0
        };
        let mut processed = avail - fwd;
        table[0][c] = Some(new);
        table[1][c] = Some(carried[c]);
        table[n - 1][c] = Some(fwd);
        forward[c] = fwd;
        let weights: Vec<u64> = outcome_rows.clone().map(outcome_weight).collect();
        let sum_w: u64 = weights.iter().sum();
        let mut total = 0;
        while processed > 0 {
            let mut r = rng.below(sum_w);
            let mut row = 0;
            for (i, w) in weights.iter().enumerate() {
                if r < *w {
                    row = i;
                    break;
                }
                r -= w;
            }
            let take = rng.range(1, processed.min(1 + processed / 3));
            let cell = &mut table[2 + row][c];
            *cell = Some(cell.unwrap_or(0) + take);
            processed -= take;
            total += take;
        }
        table[n - 2][c] = Some(total);
    }
    for row in &mut table {
        row[6] = Some(row[..6].iter().map(|v| v.unwrap_or(0)).sum());
    }
    (Requests { rows: table }, forward)
}

fn appeals(rng: &mut Rng) -> Vec<u64> {
    let mut out = Vec::with_capacity(15);
    for _ in 0..3 {
        let parts: Vec<u64> = (0..4)
            .map(|_| if rng.chance(0.25) { rng.below(6) } else { 0 })
            .collect();
        let total: u64 = parts.iter().sum();
        out.extend(parts);
        out.push(total);
    }
    out
}

/// One generated report: its text and what it should parse to.
pub struct Generated {
    pub file_name: String,
    pub text: String,
    pub body: String,
    /// The body's true identity (`Body::body_id`).
    pub body_id: String,
    pub year: u32,
    pub template: &'static str,
    pub layout: Layout,
}

fn cell_text(v: Option<u64>) -> String {
    v.map_or(String::new(), |n| n.to_string())
}

struct Doc {
    out: String,
    layout: Layout,
}

impl Doc {
    fn line(&mut self, s: &str) {
        match self.layout {
            Layout::Html => {
                let _ = writeln!(self.out, "<p>{}</p>", html_escape(s));
            }
            _ => {
                self.out.push_str(s);
                self.out.push('\n');
            }
        }
    }

    /// A table row: label cells then value cells.
    fn row(&mut self, labels: &[&str], values: &[String], pad_to: usize) {
        let labels: Vec<&str> = labels.iter().copied().filter(|l| !l.is_empty()).collect();
        match self.layout {
            Layout::Pipe => {
                let mut cells: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
                cells.extend(values.iter().cloned());
                while cells.len() < pad_to {
                    cells.push(String::new());
                }
                let _ = writeln!(self.out, "| {} |", cells.join(" | "));
            }
            Layout::Cells => {
                for l in &labels {
                    let _ = writeln!(self.out, "\t{l}");
                }
                for v in values {
                    let _ = writeln!(self.out, "\t{v}");
                }
                self.out.push('\n');
            }
            Layout::PdfText => {
                let label = labels.join(" ");
                let vals: Vec<&str> = values
                    .iter()
                    .map(|v| if v.is_empty() { "-" } else { v.as_str() })
                    .collect();
                // Long labels wrap: the first part alone, the rest with the numbers.
                let chars: Vec<char> = label.chars().collect();
                if chars.len() > 26 && !vals.is_empty() {
                    let head: String = chars[..22].iter().collect();
                    let tail: String = chars[22..].iter().collect();
                    let _ = writeln!(self.out, "{head}\n{tail} {}", vals.join(" "));
                } else if vals.is_empty() {
                    let _ = writeln!(self.out, "{label}");
                } else {
                    let _ = writeln!(self.out, "{label} {}", vals.join(" ").trim());
                }
            }
            Layout::Html => {
                let mut cells: Vec<String> = labels
                    .iter()
                    .map(|s| format!("<td>{}</td>", html_escape(s)))
                    .collect();
                cells.extend(values.iter().map(|v| format!("<td>{v}</td>")));
                let _ = writeln!(self.out, "<tr>{}</tr>", cells.concat());
            }
        }
    }

    fn table_start(&mut self) {
        if self.layout == Layout::Html {
            self.out.push_str("<table border=\"1\">\n");
        }
    }

    fn table_end(&mut self) {
        if self.layout == Layout::Html {
            self.out.push_str("</table>\n");
        }
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const CN_NUM: [&str; 7] = ["零", "一", "二", "三", "四", "五", "六"];

fn heading(rng_style: u64, n: usize, title: &str) -> String {
    match rng_style {
        0 => format!("{}、{title}", CN_NUM[n]),
        1 => format!("{n}、{title}"),
        2 => format!("第{}部分 {title}", CN_NUM[n]),
        _ => title.to_string(),
    }
}

fn cn_year(y: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    y.to_string()
        .chars()
        .map(|c| D[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

struct Chain {
    carried: [u64; 6],
    /// 现行有效件数 of regulations and normative documents last year.
    in_force: [u64; 2],
}

#[allow(clippy::too_many_arguments)]
fn report(
    rng: &mut Rng,
    body: &Body,
    year: u32,
    chain: &mut Chain,
    defect: Option<Defect>,
    index: usize,
) -> Generated {
    let template = template_of(year);
    let layout = *rng.pick(&LAYOUTS);
    let name = if rng.chance(0.3) {
        body.short_name()
    } else {
        body.full_name()
    };
    let mut doc = Doc {
        out: String::new(),
        layout,
    };
    if layout == Layout::Html {
        doc.out.push_str("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>年度报告</title><script>var x=1;</script></head><body>\n<div class=\"nav\">首页 政务公开 互动交流</div>\n");
    }
    let year_text = if rng.chance(0.1) {
        format!("{}年", cn_year(year))
    } else if rng.chance(0.5) {
        format!("{year}年度")
    } else {
        format!("{year}年")
    };
    let titled = !rng.chance(0.03);
    if titled {
        doc.line(&format!("{name}{year_text}政府信息公开工作年度报告"));
    }
    doc.line(&format!(
        "根据《中华人民共和国政府信息公开条例》规定，现公布{name}{year}年度政府信息公开工作年度报告。本报告数据统计期限为{year}年1月1日至{year}年12月31日。如对本报告有疑问，请与{}联系（地址：{}{}{}路{}号）。",
        body.unit, body.city, body.district, text::sentence(rng, "", year).chars().take(2).collect::<String>(), rng.range(1, 999)
    ));
    let style = rng.below(4);
    let titles: [&str; 6] = if template == "legacy" {
        [
            "概述",
            "主动公开政府信息情况",
            "依申请公开政府信息情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况",
            "存在的主要问题及改进情况",
            "其他需要报告的事项",
        ]
    } else {
        xxgk_core::template::TITLES
    };
    let scale = rng.range(2, 60);
    let mut forward = [0u64; 6];
    for (i, title) in titles.iter().enumerate() {
        let n = i + 1;
        doc.line(&heading(
            if template == "legacy" { 0 } else { style },
            n,
            title,
        ));
        match n {
            1 => {
                for _ in 0..rng.range(2, 6) {
                    let s = rng.range(2, 7);
                    doc.line(&text::paragraph(rng, &name, year, s));
                }
            }
            2 => {
                doc.line(&text::paragraph(rng, &name, year, 2));
                if template != "legacy" {
                    active_table(rng, &mut doc, template, &mut chain.in_force);
                }
            }
            3 => {
                if template == "legacy" {
                    doc.line(&text::paragraph(rng, &name, year, 2));
                } else {
                    let (mut req, fwd) = requests(rng, template, chain.carried, scale);
                    forward = fwd;
                    apply_defect(rng, &mut req, defect);
                    requests_table(&mut doc, template, &req);
                }
            }
            4 => {
                if template == "legacy" {
                    doc.line(&text::paragraph(rng, &name, year, 1));
                } else {
                    let mut a = appeals(rng);
                    if defect == Some(Defect::Appeal) {
                        a[4] += 1;
                    }
                    appeals_table(&mut doc, &a);
                }
            }
            5 => doc.line(&text::problems(rng)),
            _ => doc.line(if rng.chance(0.5) {
                "本年度未收取信息处理费。"
            } else {
                "无其他需要报告的事项。"
            }),
        }
    }
    if template == "legacy" {
        legacy_table(rng, &mut doc, defect == Some(Defect::LegacySum));
    }
    if layout == Layout::Html {
        doc.out
            .push_str("<div class=\"footer\">版权所有 网站标识码 0000000000</div></body></html>\n");
    }
    // Next year's carried_over is this year's carried_forward, unless broken.
    chain.carried = forward;
    if defect == Some(Defect::CarryChain) {
        chain.carried[0] += 1;
    }
    let ext = if layout == Layout::Html {
        "html"
    } else {
        "txt"
    };
    Generated {
        file_name: format!("{index:07}_{year}.{ext}"),
        text: doc.out,
        body: name,
        body_id: body.body_id(),
        year,
        template,
        layout,
    }
}

fn apply_defect(rng: &mut Rng, req: &mut Requests, defect: Option<Defect>) {
    let n = req.rows.len();
    match defect {
        Some(Defect::ShiftedTotal) => {
            // The total row shifted by one column between two applicant types.
            let c = rng.below(5) as usize;
            req.rows[n - 2].swap(c, c + 1);
            if req.rows[n - 2][c] == req.rows[n - 2][c + 1] {
                req.rows[n - 2][c] = Some(req.rows[n - 2][c].unwrap_or(0) + 1);
            }
        }
        Some(Defect::ColumnTotal) => {
            let r = rng.below(n as u64) as usize;
            req.rows[r][6] = Some(req.rows[r][6].unwrap_or(0) + 1);
        }
        Some(Defect::Blank) => {
            let r = rng.below(n as u64) as usize;
            req.rows[r][rng.below(7) as usize] = None;
        }
        _ => {}
    }
}

fn active_table(rng: &mut Rng, doc: &mut Doc, template: &str, in_force: &mut [u64; 2]) {
    doc.table_start();
    let v = |rng: &mut Rng, s: u64| rng.count(s).to_string();
    if template == "2021" {
        doc.row(&["第二十条第（一）项"], &[], 4);
        doc.row(
            &["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            &[],
            4,
        );
        for (i, item) in ["规章", "行政规范性文件"].into_iter().enumerate() {
            // 现行有效 = last year's + 本年制发 − 本年废止.
            let issued = rng.count(3);
            let repealed = rng.below(in_force[i] + issued + 1).min(3);
            in_force[i] = in_force[i] + issued - repealed;
            let vals = vec![
                issued.to_string(),
                repealed.to_string(),
                in_force[i].to_string(),
            ];
            doc.row(&[item], &vals, 4);
        }
        doc.row(&["第二十条第（五）项"], &[], 4);
        doc.row(&["信息内容", "本年处理决定数量"], &[], 4);
        let lic = vec![v(rng, 900)];
        doc.row(&["行政许可"], &lic, 4);
        doc.row(&["第二十条第（六）项"], &[], 4);
        doc.row(&["信息内容", "本年处理决定数量"], &[], 4);
        for item in ["行政处罚", "行政强制"] {
            let vals = vec![v(rng, 200)];
            doc.row(&[item], &vals, 4);
        }
        doc.row(&["第二十条第（八）项"], &[], 4);
        doc.row(&["信息内容", "本年收费金额（单位：万元）"], &[], 4);
        let fee = vec![format!("{}.{}", rng.count(300), rng.below(100))];
        doc.row(&["行政事业性收费"], &fee, 4);
    } else {
        doc.row(&["第二十条第（一）项"], &[], 4);
        doc.row(
            &[
                "信息内容",
                "本年新制作数量",
                "本年新公开数量",
                "对外公开总数量",
            ],
            &[],
            4,
        );
        for item in ["规章", "规范性文件"] {
            let vals = vec![v(rng, 3), v(rng, 3), v(rng, 40)];
            doc.row(&[item], &vals, 4);
        }
        doc.row(&["第二十条第（五）项"], &[], 4);
        doc.row(
            &["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
            &[],
            4,
        );
        for item in ["行政许可", "其他对外管理服务事项", "行政处罚", "行政强制"]
        {
            let change = rng.range(0, 10) as i64 - 5;
            let vals = vec![v(rng, 80), change.to_string(), v(rng, 500)];
            doc.row(&[item], &vals, 4);
        }
        doc.row(&["第二十条第（八）项"], &[], 4);
        doc.row(&["信息内容", "上一年项目数量", "本年增/减"], &[], 4);
        let fees = vec![v(rng, 10), "0".to_string()];
        doc.row(&["行政事业性收费"], &fees, 4);
        doc.row(&["第二十条第（九）项"], &[], 4);
        doc.row(&["信息内容", "采购项目数量", "采购总金额"], &[], 4);
        let proc = vec![v(rng, 30), format!("{}.{}", rng.count(500), rng.below(100))];
        doc.row(&["政府集中采购"], &proc, 4);
    }
    doc.table_end();
}

fn requests_table(doc: &mut Doc, template: &str, req: &Requests) {
    doc.table_start();
    doc.row(
        &[
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "申请人情况",
        ],
        &[],
        10,
    );
    doc.row(&["自然人", "法人或其他组织", "总计"], &[], 10);
    doc.row(
        &[
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ],
        &[],
        10,
    );
    for ((a, b, c), vals) in rows_for(template).iter().zip(&req.rows) {
        let values: Vec<String> = vals.iter().map(|v| cell_text(*v)).collect();
        doc.row(&[a, b, c], &values, 10);
    }
    doc.table_end();
}

fn appeals_table(doc: &mut Doc, a: &[u64]) {
    doc.table_start();
    doc.row(&["行政复议", "行政诉讼"], &[], 15);
    doc.row(
        &[
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "未经复议直接起诉",
            "复议后起诉",
        ],
        &[],
        15,
    );
    doc.row(
        &[
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
        ],
        &[],
        15,
    );
    let values: Vec<String> = a.iter().map(|v| v.to_string()).collect();
    doc.row(&[], &values, 15);
    doc.table_end();
}

fn legacy_table(rng: &mut Rng, doc: &mut Doc, defect: bool) {
    doc.line("附表：政府信息公开情况统计表");
    doc.table_start();
    doc.row(&["统计指标", "单位", "统计数"], &[], 3);
    let parts =
        |rng: &mut Rng, n: usize, s: u64| -> Vec<u64> { (0..n).map(|_| rng.count(s)).collect() };
    let active = rng.count(2000) + 50;
    doc.row(
        &["（一）主动公开政府信息数", "条"],
        &[active.to_string()],
        3,
    );
    let ways = parts(rng, 4, 20);
    let received: u64 = ways.iter().sum::<u64>() + u64::from(defect);
    doc.row(&["三、依申请公开情况"], &[], 3);
    doc.row(&["（一）收到申请数", "件"], &[received.to_string()], 3);
    for (label, v) in [
        "1.当面申请数",
        "2.传真申请数",
        "3.网络申请数",
        "4.信函申请数",
    ]
    .iter()
    .zip(&ways)
    {
        doc.row(&[label, "件"], &[v.to_string()], 3);
    }
    let replies = parts(rng, 8, 5);
    let total: u64 = replies.iter().sum();
    doc.row(&["（三）申请答复数", "件"], &[total.to_string()], 3);
    let labels = [
        "1.属于已主动公开范围数",
        "2.同意公开答复数",
        "3.同意部分公开答复数",
        "4.不同意公开答复数",
        "5.不属于本行政机关公开数",
        "6.申请信息不存在数",
        "7.告知作出更改补充数",
        "8.告知通过其他途径办理数",
    ];
    for (label, v) in labels.iter().zip(&replies) {
        doc.row(&[label, "件"], &[v.to_string()], 3);
    }
    for (head, sub) in [
        ("四、行政复议数量", "（一）维持具体行政行为数"),
        (
            "五、行政诉讼数量",
            "（一）维持具体行政行为或者驳回原告诉讼请求数",
        ),
    ] {
        let p = parts(rng, 3, 2);
        doc.row(&[head, "件"], &[p.iter().sum::<u64>().to_string()], 3);
        doc.row(&[sub, "件"], &[p[0].to_string()], 3);
        doc.row(&["（二）被依法纠错数", "件"], &[p[1].to_string()], 3);
        doc.row(&["（三）其他情形数", "件"], &[p[2].to_string()], 3);
    }
    doc.row(&["六、举报投诉数量", "件"], &[rng.count(3).to_string()], 3);
    doc.row(
        &["七、依申请公开信息收取的费用", "万元"],
        &["0".to_string()],
        3,
    );
    doc.table_end();
}

/// Generates `settings.count` reports, calling `emit` for each.
pub fn generate(
    settings: &Settings,
    mut emit: impl FnMut(Generated) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut rng = Rng::new(settings.seed);
    let all = bodies(&mut rng, settings.count);
    let mut index = 0;
    const DEFECTS: [Defect; 6] = [
        Defect::ShiftedTotal,
        Defect::ColumnTotal,
        Defect::Blank,
        Defect::Appeal,
        Defect::CarryChain,
        Defect::LegacySum,
    ];
    for body in &all {
        let mut chain = Chain {
            carried: [0; 6],
            in_force: [rng.below(5), rng.below(40)],
        };
        for year in body.first_year..=body.last_year {
            if index >= settings.count {
                return Ok(());
            }
            let defect = rng
                .chance(settings.defect_rate)
                .then(|| *rng.pick(&DEFECTS));
            emit(report(&mut rng, body, year, &mut chain, defect, index))?;
            index += 1;
        }
    }
    Ok(())
}

/// The manifest `write_corpus` writes beside the files: what each should parse to.
pub const MANIFEST: &str = "manifest.tsv";

/// Writes a corpus to `dir`, 1,000 files per subfolder, and a manifest
/// (`MANIFEST`: path, body_id, year per line) so a test can check identity.
pub fn write_corpus(dir: &Path, settings: &Settings) -> std::io::Result<usize> {
    let mut written = 0;
    let mut manifest = String::from("# path\tbody_id\tyear\n");
    generate(settings, |g| {
        let folder = format!("{:04}", written / 1000);
        let sub = dir.join(&folder);
        if written % 1000 == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        std::fs::write(sub.join(&g.file_name), g.text)?;
        manifest.push_str(&format!(
            "{folder}/{}\t{}\t{}\n",
            g.file_name, g.body_id, g.year
        ));
        written += 1;
        Ok(())
    })?;
    std::fs::write(dir.join(MANIFEST), manifest)?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_reports_parse_to_what_was_generated() {
        let settings = Settings {
            count: 150,
            seed: 7,
            defect_rate: 0.0,
        };
        let mut layouts = std::collections::HashSet::new();
        let mut templates = std::collections::HashSet::new();
        generate(&settings, |g| {
            let name = format!(
                "{}.{}",
                g.file_name,
                if g.layout == Layout::Html {
                    "html"
                } else {
                    "txt"
                }
            );
            let r = xxgk_core::read_bytes(&name, g.text.as_bytes())
                .unwrap_or_else(|e| panic!("{e}\n{}", g.text));
            assert_eq!(r.year, Some(g.year as i32), "{}", g.text);
            assert_eq!(r.body.as_deref(), Some(g.body.as_str()), "{}", g.text);
            assert_eq!(r.template.as_str(), g.template, "{}", g.text);
            assert_eq!(r.sections.len(), 6, "{}", g.text);
            let errors: Vec<_> = r
                .findings
                .iter()
                .filter(|f| f.rule != "cell.missing")
                .collect();
            assert!(errors.is_empty(), "{errors:?}\n{}", g.text);
            layouts.insert(format!("{:?}", g.layout));
            templates.insert(g.template);
            Ok(())
        })
        .unwrap();
        assert_eq!(layouts.len(), 4);
        assert_eq!(templates.len(), 3);
    }

    /// Every generated body placed where the generator put it: one series per
    /// body, none split, none merged. `XXGK_IDENTITY_REPORTS` sets the count.
    #[test]
    fn every_generated_body_is_placed_where_it_was_generated() {
        let count = std::env::var("XXGK_IDENTITY_REPORTS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(2_000);
        let settings = Settings {
            count,
            seed: 11,
            defect_rate: 0.05,
        };
        let mut wrong = Vec::new();
        let mut bodies = std::collections::HashMap::new();
        generate(&settings, |g| {
            let ext = if g.layout == Layout::Html {
                "html"
            } else {
                "txt"
            };
            let r = xxgk_core::read_bytes(&format!("c/{}.{ext}", g.file_name), g.text.as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
            let got = r.body_id.unwrap_or_default();
            if got != g.body_id {
                wrong.push(format!(
                    "{} ({} / {:?}): {got} ≠ {}",
                    g.file_name, g.body, r.body, g.body_id
                ));
            }
            bodies.insert(g.body_id.clone(), ());
            Ok(())
        })
        .unwrap();
        assert!(bodies.len() > count / 20, "{} bodies", bodies.len());
        assert!(
            wrong.is_empty(),
            "{} of {count} misplaced:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }

    #[test]
    fn same_seed_same_corpus() {
        let s = Settings {
            count: 20,
            seed: 3,
            defect_rate: 0.2,
        };
        let mut a = Vec::new();
        generate(&s, |g| {
            a.push(g.text);
            Ok(())
        })
        .unwrap();
        let mut b = Vec::new();
        generate(&s, |g| {
            b.push(g.text);
            Ok(())
        })
        .unwrap();
        assert_eq!(a, b);
    }
}
