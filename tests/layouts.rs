//! Reports in every layout the parser reads, written for these tests from other
//! bodies, years and exporters than the seeds (see tests/fixtures/).

mod common;

use common::*;
use xxgk_core::model::{Format, Layout, Template};
use xxgk_core::template::REQUEST_COLUMNS;

fn rows_2021_fixture_a() -> Vec<(&'static str, &'static str)> {
    rows_2021(&[
        ("new_received", "120 8 1 0 3 2 134"),
        ("carried_over", "5 1 0 0 0 0 6"),
        ("granted", "60 4 1 0 1 1 67"),
        ("partially_granted", "10 1 0 0 0 0 11"),
        ("denied.security_stability", "2 0 0 0 0 0 2"),
        ("unavailable.not_held", "30 2 0 0 1 1 34"),
        ("not_processed.duplicate", "12 0 0 0 0 0 12"),
        ("other_processing.other", "4 1 0 0 0 0 5"),
        ("total", "118 8 1 0 2 2 131"),
        ("carried_forward", "7 1 0 0 1 0 9"),
    ])
}

#[test]
fn pipe_layout_with_placeholders_full_width_digits_and_separators() {
    let r = parse("tests/fixtures/pipe_2022.txt");
    assert_eq!(r.body.as_deref(), Some("杭州市西湖区教育局"));
    assert_eq!(r.body_id.as_deref(), Some("浙江省/杭州市/西湖区/教育局"));
    // The statistics year, not the publication date (2023年1月30日).
    assert_eq!(r.year, Some(2022));
    assert_eq!(r.template, Template::T2021);
    assert_eq!(r.layout, Layout::Pipe);
    assert_eq!(r.format, Format::Text);
    let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6], "sections numbered `1. `");
    assert_requests(&r, &rows_2021_fixture_a());
    assert_appeals(&r, "2 1 0 0 3 1 0 0 1 2 0 0 0 0 0");
    assert_eq!(
        r.stat("active.normative_documents.issued"),
        Some(3.0),
        "full-width ３"
    );
    assert_eq!(r.stat("active.licensing.decisions"), Some(1204.0), "1,204");
    assert_eq!(
        r.stats.get("active.penalty.decisions"),
        Some(&None),
        "— is null, never 0"
    );
    assert_eq!(r.stat("active.fees.amount"), Some(12.5));
    assert_eq!(
        rules(&r),
        vec![(
            "cell.missing".into(),
            vec!["active.penalty.decisions".into()]
        )]
    );
}

#[test]
fn gbk_encoded_file_parses_like_its_utf8_twin() {
    let bytes = std::fs::read(root().join("tests/fixtures/pipe_2022_gbk.txt")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "fixture really is GBK"
    );
    let gbk = parse("tests/fixtures/pipe_2022_gbk.txt");
    let utf8 = parse("tests/fixtures/pipe_2022.txt");
    assert_eq!(gbk.body, utf8.body);
    assert_eq!(gbk.year, utf8.year);
    assert_eq!(gbk.sections, utf8.sections);
    assert_requests(&gbk, &rows_2021_fixture_a());
    // The GBK twin writes the placeholder as "-".
    assert_eq!(gbk.stats.get("active.penalty.decisions"), Some(&None));
}

#[test]
fn cell_per_line_2019_template() {
    let r = parse("tests/fixtures/cells_2020.txt");
    assert_eq!(r.body.as_deref(), Some("成都市武侯区人民政府"));
    assert_eq!(r.year, Some(2020), "二〇二〇年 in the title");
    assert_eq!(r.template, Template::T2019);
    assert_eq!(r.layout, Layout::CellPerLine);
    let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6], "第一部分 … numbering");
    assert_eq!(r.stat("requests.new_received.natural_person"), Some(40.0));
    assert_eq!(r.stat("requests.new_received.total"), Some(43.0));
    assert_eq!(
        r.stat("requests.other_processing.natural_person"),
        Some(6.0),
        "2019: one 其他处理 row"
    );
    assert!(!r
        .stats
        .contains_key("requests.other_processing.other.natural_person"));
    assert_eq!(r.stat("requests.total.total"), Some(42.0));
    assert_eq!(r.stat("requests.carried_forward.total"), Some(4.0));
    // 2019 table 2: negative changes, +/－ signs, thousands, decimals.
    assert_eq!(r.stat("active.licensing.change"), Some(-3.0));
    assert_eq!(r.stat("active.licensing.decisions"), Some(2310.0));
    assert_eq!(r.stat("active.penalty.change"), Some(2.0));
    assert_eq!(r.stat("active.fees.change"), Some(-1.0));
    assert_eq!(r.stat("active.other_services.decisions"), Some(45.0));
    assert_eq!(r.stat("active.procurement.amount"), Some(356.82));
    assert_eq!(
        r.stat("active.normative_documents.total_public"),
        Some(38.0)
    );
    assert_appeals(&r, "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0");
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn pdf_text_with_wrapped_labels_split_headers_and_one_line_table_4() {
    let r = parse("tests/fixtures/pdftext_2023.txt");
    assert_eq!(r.body.as_deref(), Some("广州市天河区市场监督管理局"));
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.template, Template::T2021);
    assert_eq!(r.layout, Layout::PdfText);
    let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6], "unnumbered headings");
    assert_requests(
        &r,
        &rows_2021(&[
            ("new_received", "57 3 0 0 0 1 61"),
            ("carried_over", "2 0 0 0 0 0 2"),
            ("granted", "30 2 0 0 0 1 33"),
            // label wrapped: "…不计其" / "他情形） 6 0 …"
            ("partially_granted", "6 0 0 0 0 0 6"),
            ("denied.security_stability", "1 0 0 0 0 0 1"),
            ("denied.process_info", "2 0 0 0 0 0 2"),
            ("unavailable.not_held", "15 1 0 0 0 0 16"),
            ("not_processed.duplicate", "3 0 0 0 0 0 3"),
            ("total", "57 3 0 0 0 1 61"),
            ("carried_forward", "2 0 0 0 0 0 2"),
        ]),
    );
    assert_appeals(&r, "3 1 0 1 5 2 0 1 0 3 0 0 0 1 1");
    assert_eq!(r.stat("active.licensing.decisions"), Some(8765.0));
    assert_eq!(r.stat("active.penalty.decisions"), Some(1021.0));
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert!(
        r.sections[2].text.is_empty(),
        "table lines are not narrative: {:?}",
        r.sections[2].text
    );
}

#[test]
fn html_portal_page_with_rowspan_and_colspan() {
    let r = parse("tests/fixtures/portal_2023.html");
    assert_eq!(r.body.as_deref(), Some("南京市鼓楼区人民政府办公室"));
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.template, Template::T2021);
    assert_eq!(r.layout, Layout::Html);
    assert_eq!(r.sections.len(), 6);
    let all_text: String = r
        .sections
        .iter()
        .map(|s| s.text.as_str())
        .collect::<String>()
        + &r.preamble;
    for chrome in ["网站首页", "当前位置", "版权所有", "_hmt", "统计代码"] {
        assert!(!all_text.contains(chrome), "page chrome kept: {chrome}");
    }
    assert_requests(
        &r,
        &rows_2021(&[
            ("new_received", "9 1 0 0 0 0 10"),
            ("granted", "5 1 0 0 0 0 6"),
            ("unavailable.not_held", "3 0 0 0 0 0 3"),
            ("total", "8 1 0 0 0 0 9"),
            ("carried_forward", "1 0 0 0 0 0 1"),
        ]),
    );
    assert_appeals(&r, "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0");
    // colspan="3" on a value cell does not triple it.
    assert_eq!(r.stat("active.licensing.decisions"), Some(64.0));
    assert_eq!(r.stat("active.normative_documents.in_force"), Some(19.0));
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    // Each value's cell of its HTML table, rowspan and colspan expanded.
    assert_eq!(
        r.evidence.cell("active.licensing.decisions"),
        Some([0, 6, 1])
    );
    assert_eq!(
        r.evidence.cell("requests.new_received.total"),
        Some([1, 3, 9])
    );
}

#[test]
fn legacy_statistics_table_in_pipe_layout() {
    let r = parse("tests/fixtures/legacy_2015.txt");
    assert_eq!(r.body.as_deref(), Some("苏州市姑苏区人民政府"));
    assert_eq!(r.year, Some(2015));
    assert_eq!(r.template, Template::Legacy);
    assert_eq!(r.stat("legacy.active.total"), Some(3210.0));
    assert_eq!(r.stat("legacy.requests.received"), Some(58.0));
    assert_eq!(r.stat("legacy.requests.online"), Some(30.0));
    assert_eq!(r.stat("legacy.replies.partially_granted"), Some(4.0));
    assert_eq!(r.stat("legacy.replies.denied"), Some(3.0));
    assert_eq!(r.stats.get("legacy.replies.other_channel"), Some(&None));
    assert_eq!(r.stat("legacy.litigation.upheld"), Some(1.0));
    assert_eq!(r.stat("legacy.fees"), Some(0.0));
    // replies.total sums over a blank cell: skipped, the blank is warned instead.
    assert_eq!(
        rules(&r),
        vec![(
            "cell.missing".into(),
            vec!["legacy.replies.other_channel".into()]
        )]
    );
}

#[test]
fn html_detected_by_content_without_extension() {
    let html = std::fs::read(root().join("tests/fixtures/portal_2023.html")).unwrap();
    let r = xxgk_core::read_bytes("download.txt", &html).unwrap();
    assert_eq!(r.layout, Layout::Html);
    assert_eq!(r.format, Format::Html);
    assert_eq!(r.stat("requests.total.total"), Some(9.0));
}

#[test]
fn every_statistic_has_evidence_pointing_into_its_file() {
    for rel in [
        "tests/fixtures/pipe_2022.txt",
        "tests/fixtures/cells_2020.txt",
        "tests/fixtures/pdftext_2023.txt",
        "tests/fixtures/legacy_2015.txt",
    ] {
        let r = parse(rel);
        let text = std::fs::read_to_string(root().join(rel)).unwrap();
        let lines: Vec<&str> = text.split('\n').collect();
        assert!(!r.stats.is_empty(), "{rel}");
        for key in r.stats.keys() {
            let e = r
                .evidence
                .get(key)
                .unwrap_or_else(|| panic!("{rel}: no evidence for {key}"));
            assert!(e.line >= 1 && e.line <= lines.len(), "{rel}: {key} {e:?}");
            let first_word = e
                .text
                .split([' ', '|', '\t'])
                .find(|w| !w.is_empty())
                .unwrap();
            assert!(
                lines[e.line - 1].contains(first_word),
                "{rel}: {key}: line {} is {:?}, evidence {:?}",
                e.line,
                lines[e.line - 1],
                e.text
            );
        }
    }
    // Reading for the index skips evidence, and nothing else.
    let bytes = std::fs::read(root().join("tests/fixtures/pipe_2022.txt")).unwrap();
    let indexed = xxgk_core::read_bytes("pipe_2022.txt", &bytes).unwrap();
    assert!(indexed.evidence.is_empty());
    assert_eq!(indexed.stats, parse("tests/fixtures/pipe_2022.txt").stats);
    // A pipe row is its own line.
    let r = parse("tests/fixtures/pipe_2022.txt");
    let e = r.evidence.get("requests.new_received.total").unwrap();
    let text = std::fs::read_to_string(root().join("tests/fixtures/pipe_2022.txt")).unwrap();
    assert_eq!(text.lines().nth(e.line - 1).unwrap().trim(), e.text);
    assert!(e.text.contains("134"), "{e:?}");
}

/// PDF text (cells a space apart) with a row short of numbers: the blank
/// cells left no mark, so which columns the numbers are in is unknown. They
/// are left blank with a `cell.ambiguous` finding, never shifted left.
#[test]
fn pdf_text_rows_short_of_numbers_are_blank_with_a_finding() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/pdftext_2023.txt")).unwrap();
    let short = text.replacen(
        "（一）予以公开 30 2 0 0 0 1 33",
        "（一）予以公开 30 2 1 33",
        1,
    );
    assert_ne!(short, text, "the fixture has the row");
    let r = xxgk_core::read_text("short.txt", &short).unwrap();
    for (col, _) in REQUEST_COLUMNS {
        let key = format!("requests.granted.{col}");
        assert_eq!(r.stats.get(&key), Some(&None), "{key}");
    }
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "cell.ambiguous")
        .expect("a cell.ambiguous finding");
    assert_eq!(f.keys.len(), 7);
    assert!(f.message.contains("30 2 1 33"), "{}", f.message);
    // Its cells are explained once, not also as missing.
    assert!(!r
        .findings
        .iter()
        .any(|f| f.rule == "cell.missing" && f.keys == ["requests.granted.total"]));
    // The rows around it are read as before.
    assert_eq!(
        r.stats["requests.new_received.total"].map(|n| n.0),
        Some(61.0)
    );
}

/// A portal page Word exported (tests/fixtures/make/make_word_html.py): the
/// header's spans disagree with the data rows' (自然人 spans two columns in
/// the header only, with an empty cell under it; 商业企业 spans two
/// everywhere), so reading values by order would shift them. Columns come
/// from where each value stands under the header's labels, checked by the
/// row's sum.
#[test]
fn word_made_html_with_header_spans_unlike_the_rows() {
    let r = parse("tests/fixtures/word_portal_2022.html");
    assert_eq!(r.body.as_deref(), Some("成都市武侯区教育局"));
    assert_eq!(r.year, Some(2022));
    assert_eq!(r.template, Template::T2021);
    let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    // 总计 is filled in only four rows; the rest are blank, not 0.
    let given = [
        ("new_received", "153 1 0 0 0 0 154"),
        ("carried_over", "6 0 0 0 0 0 6"),
        ("granted", "62 0 0 0 0 0 _"),
        ("partially_granted", "10 0 0 0 0 0 _"),
        ("denied.third_party", "3 0 0 0 0 0 _"),
        ("unavailable.not_held", "51 1 0 0 0 0 _"),
        ("unavailable.needs_creation", "8 0 0 0 0 0 _"),
        ("not_processed.petition", "12 0 0 0 0 0 _"),
        ("other_processing.no_correction", "5 0 0 0 0 0 _"),
        ("total", "151 1 0 0 0 0 152"),
        ("carried_forward", "8 0 0 0 0 0 8"),
    ];
    let rows: Vec<(&str, &str)> = rows_2021(&given)
        .into_iter()
        .map(|(k, v)| {
            (
                k,
                if v == "0 0 0 0 0 0 0" {
                    "0 0 0 0 0 0 _"
                } else {
                    v
                },
            )
        })
        .collect();
    assert_requests(&r, &rows);
    assert_appeals(&r, "2 0 1 0 3 1 0 0 0 1 0 0 0 0 0");
    assert_eq!(r.stat("active.licensing.decisions"), Some(317.0));
    assert_eq!(r.stat("active.normative_documents.in_force"), Some(11.0));
    // No arithmetic error, and nothing left ambiguous: only blank totals.
    assert!(
        r.findings.iter().all(|f| f.rule == "cell.missing"),
        "{:?}",
        r.findings
    );
    // The evidence points at the grid cell under 商业企业 (columns 4–5).
    assert_eq!(
        r.evidence.cell("requests.unavailable.not_held.commercial"),
        Some([1, 16, 4])
    );
}

/// A PDF turned into Markdown by a converter (tests/fixtures/converted_2023.md,
/// written for this test): `#` heading marks, `| --- |` rows, header rows
/// replaced by `数据1 | 数据2`, table 3 cut in two with the page's footer
/// between, a row label on one line and its numbers on the next, and parts
/// 四 and 五 in the wrong order.
#[test]
fn converter_markdown_reads_like_the_report() {
    let r = parse("tests/fixtures/converted_2023.md");
    assert_eq!(r.format, Format::Markdown);
    assert_eq!(r.layout, Layout::Pipe);
    assert_eq!(r.body.as_deref(), Some("甘肃省兰州市城关区民政局"));
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.template, Template::T2021);
    let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    assert!(r.sections[0].text.contains("主动公开政府信息 418 条"));
    assert!(!r.sections[0].text.contains("**"));
    assert_requests(
        &r,
        &rows_2021(&[
            ("new_received", "24 2 0 1 0 0 27"),
            ("carried_over", "1 0 0 0 0 0 1"),
            ("granted", "11 1 0 1 0 0 13"),
            ("partially_granted", "2 0 0 0 0 0 2"),
            ("denied.third_party", "1 0 0 0 0 0 1"),
            ("unavailable.not_held", "6 1 0 0 0 0 7"),
            ("unavailable.needs_creation", "1 0 0 0 0 0 1"),
            ("not_processed.petition", "2 0 0 0 0 0 2"),
            ("other_processing.no_correction", "1 0 0 0 0 0 1"),
            ("total", "24 2 0 1 0 0 27"),
            ("carried_forward", "1 0 0 0 0 0 1"),
        ]),
    );
    assert_appeals(&r, "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0");
    assert_eq!(r.stat("active.licensing.decisions"), Some(96.0));
    assert_eq!(r.stat("active.normative_documents.in_force"), Some(5.0));
    assert!(
        r.findings.iter().all(|f| f.rule == "cell.missing"),
        "{:?}",
        r.findings
    );
    // Evidence lines are the file's own lines.
    let file = std::fs::read_to_string(root().join("tests/fixtures/converted_2023.md")).unwrap();
    let e = r.evidence.get("review.total").unwrap();
    assert_eq!(file.lines().nth(e.line - 1).unwrap(), e.text);
    // Page footers are not narrative.
    assert!(!r.other_text.contains("共 6 页"), "{}", r.other_text);
}

#[test]
fn flattened_page_text_reads_as_its_original_but_for_ambiguous_cells() {
    let flat = parse("tests/fixtures/flat_2024.txt");
    let orig = parse("tests/fixtures/pipe_2024.txt");
    let raw = std::fs::read_to_string(root().join("tests/fixtures/flat_2024.txt")).unwrap();
    assert_eq!(raw.lines().count(), 1, "the twin is one line");
    assert_eq!(flat.body.as_deref(), Some("温州市瓯海区娄桥街道办事处"));
    assert_eq!(flat.body, orig.body);
    assert_eq!(flat.year, Some(2024));
    assert_eq!(flat.year, orig.year);
    assert_eq!(flat.template, Template::T2021);
    assert_eq!(flat.template, orig.template);
    let numbers: Vec<u8> = flat.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    assert_requests(
        &flat,
        &rows_2021(&[
            ("new_received", "38 2 0 0 3 0 43"),
            ("carried_over", "2 0 0 0 0 0 2"),
            ("granted", "20 1 0 0 1 0 22"),
            ("partially_granted", "3 0 0 0 0 0 3"),
            ("denied.third_party", "1 0 0 0 0 0 1"),
            ("unavailable.not_held", "10 1 0 0 1 0 12"),
            ("not_processed.duplicate", "2 0 0 0 0 0 2"),
            ("other_processing.other", "1 0 0 0 1 0 2"),
            ("total", "37 2 0 0 3 0 42"),
            ("carried_forward", "3 0 0 0 0 0 3"),
        ]),
    );
    assert_appeals(&flat, "1 0 0 1 2 0 1 0 0 1 0 0 0 0 0");

    // Every statistic of the original, the same or null with cell.ambiguous.
    let ambiguous: Vec<&String> = flat
        .findings
        .iter()
        .filter(|f| f.rule == "cell.ambiguous")
        .flat_map(|f| &f.keys)
        .collect();
    assert_eq!(
        flat.stats.keys().collect::<Vec<_>>(),
        orig.stats.keys().collect::<Vec<_>>()
    );
    for (key, value) in &orig.stats {
        if ambiguous.contains(&key) {
            assert_eq!(flat.stats[key], None, "{key}");
        } else {
            assert_eq!(flat.stats[key], *value, "{key}");
        }
    }
    // 行政规范性文件 3 1 27 ran together as 3127: 3 12 7 and 31 2 7 fit too.
    assert_eq!(
        ambiguous,
        [
            "active.normative_documents.issued",
            "active.normative_documents.repealed",
            "active.normative_documents.in_force",
        ]
    );
    let finding = flat
        .findings
        .iter()
        .find(|f| f.rule == "cell.ambiguous")
        .unwrap();
    assert!(
        finding.message.contains("3 1 27 / 3 12 7 / 31 2 7"),
        "{}",
        finding.message
    );
    // Blank for ambiguity, not reported missing as well; otherwise as the original.
    assert!(rules(&flat).iter().all(|(rule, _)| rule != "cell.missing"));
    assert!(rules(&orig).is_empty(), "{:?}", rules(&orig));

    // Evidence: the line of the file, the row as split, and the split.
    let e = flat.evidence.get("requests.granted.total").unwrap();
    assert_eq!(e.line, 1);
    assert_eq!(e.split.as_deref(), Some("201001022 → 20 1 0 0 1 0 22"));
    assert!(
        e.text.contains("予以公开") && e.text.contains("| 22 |"),
        "{e:?}"
    );
    assert!(raw.contains("（一）予以公开201001022"));
    let json = serde_json::to_value(&flat.evidence).unwrap();
    assert_eq!(
        json["requests.new_received.total"]["split"],
        "382003043 → 38 2 0 0 3 0 43"
    );
    let json = serde_json::to_value(&orig.evidence).unwrap();
    assert!(json["requests.new_received.total"].get("split").is_none());
}

/// The flattened twin as archives keep crawled pages: crawl fields above the
/// text (the publisher is the body's office, `来源` another body's site — a
/// decoy), a marker line, then the page. And with the title gone, the body
/// comes from the opening sentence, the year never from the publication date.
#[test]
fn crawl_fields_and_a_missing_title_around_flattened_text() {
    let flat = std::fs::read_to_string(root().join("tests/fixtures/flat_2024.txt")).unwrap();
    let plain = parse("tests/fixtures/flat_2024.txt");
    let crawled = format!(
        "标题：温州市瓯海区娄桥街道办事处2024年政府信息公开工作年度报告\n发布时间：2025-01-15\n发布机构：娄桥街道党政办公室\n来源：瓯海区人民政府\n原文链接：http://www.ouhai.gov.cn/art/2025/1/15/1.html\n-------- 正文 --------\n{flat}"
    );
    let r = xxgk_core::read_text("crawled.txt", &crawled).unwrap();
    assert_eq!(r.body.as_deref(), Some("温州市瓯海区娄桥街道办事处"));
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.stats, plain.stats);
    assert!(!r.preamble.contains("党政办公室"), "{}", r.preamble);
    let untitled = flat.replacen(
        "温州市瓯海区娄桥街道办事处2024年政府信息公开工作年度报告",
        "",
        1,
    );
    let crawled = format!("发布时间：2025年1月15日\n来源：瓯海区人民政府\n{untitled}");
    let r = xxgk_core::read_text("untitled.txt", &crawled).unwrap();
    assert_eq!(r.body.as_deref(), Some("娄桥街道"));
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.stats, plain.stats);
}

/// The Word-made page as a crawler's textContent keeps it
/// (make_flat_html.py): one line, breadcrumb glued to the title, cells glued
/// or a space apart, 总计 blank in most rows. Where the template's sums
/// cannot decide (a blank 总计 leaves a row no sum), cells are blank with a
/// warning; no number differs from the page's.
#[test]
fn a_word_made_page_flattened_by_a_crawler_gives_no_wrong_number() {
    let page = parse("tests/fixtures/word_portal_2022.html");
    let flat = parse("tests/fixtures/flat_word_2022.txt");
    assert_eq!(flat.year, Some(2022));
    assert_eq!(flat.template, Template::T2021);
    let numbers: Vec<u8> = flat.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    // The breadcrumb glued to the title (`… > 年度报告成都市…`) is not the name.
    assert_eq!(flat.body, page.body);
    let warned: Vec<&String> = flat
        .findings
        .iter()
        .filter(|f| f.rule == "cell.ambiguous")
        .flat_map(|f| &f.keys)
        .collect();
    assert!(
        flat.findings
            .iter()
            .all(|f| matches!(f.rule.as_str(), "cell.ambiguous" | "cell.missing")),
        "{:?}",
        flat.findings
    );
    let mut right = 0;
    for (key, value) in &flat.stats {
        match value {
            Some(v) => {
                assert_eq!(page.stats.get(key), Some(&Some(*v)), "{key}");
                right += 1;
            }
            None if page.stats.get(key) == Some(&None) => {}
            None => assert!(warned.contains(&key), "{key}: blank without a warning"),
        }
    }
    // Measured: 47 cells given — the rows that keep their 总计 (新收, 结转,
    // （七）总计, 结转下年度) and tables 2 and 4; the rest are blank, warned.
    assert!(right >= 45, "{right}");
}
