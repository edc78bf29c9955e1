//! The five real seed reports: metadata, every statistic of tables 2–4, findings.
//! Expected values were read off the seed files by hand.

mod common;

use common::*;
use xxgk_core::model::{Layout, Severity, Template};

const ZERO_ACTIVE_2021: [(&str, Option<f64>); 10] = [
    ("regulations.issued", Some(0.0)),
    ("regulations.repealed", Some(0.0)),
    ("regulations.in_force", Some(0.0)),
    ("normative_documents.issued", Some(0.0)),
    ("normative_documents.repealed", Some(0.0)),
    ("normative_documents.in_force", Some(0.0)),
    ("licensing.decisions", Some(0.0)),
    ("penalty.decisions", Some(0.0)),
    ("coercion.decisions", Some(0.0)),
    ("fees.amount", Some(0.0)),
];

fn active_2021(changes: &[(&'static str, f64)]) -> Vec<(&'static str, Option<f64>)> {
    ZERO_ACTIVE_2021
        .iter()
        .map(|(k, v)| {
            (
                *k,
                changes
                    .iter()
                    .find(|(c, _)| c == k)
                    .map_or(*v, |(_, n)| Some(*n)),
            )
        })
        .collect()
}

#[test]
fn seed_000_pipe_layout_with_shifted_total_row() {
    let r = parse("sample-data/000_6e7f8a5bff4cbb9a.txt");
    // No title line: the body comes from the opening sentence.
    assert_eq!(r.body.as_deref(), Some("长春市二道区人民政府"));
    assert_eq!(r.body_id.as_deref(), Some("吉林省/长春市/二道区/人民政府"));
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.template, Template::T2021);
    assert_eq!(r.layout, Layout::Pipe);
    let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    assert!(r.sections[0].text.contains("规范化监管日臻完善"));
    assert!(r.sections[4].text.starts_with("一是主管部门"));
    assert_eq!(r.sections[5].text, "2023年度本单位未收取信息处理费。");
    assert!(
        !r.sections[2].text.contains('|'),
        "table rows are not narrative"
    );

    assert_requests(
        &r,
        &rows_2021(&[
            ("new_received", "344 2 0 0 1 0 347"),
            ("granted", "215 1 0 0 0 0 216"),
            ("partially_granted", "25 0 0 0 0 0 25"),
            ("denied.state_secret", "1 0 0 0 0 0 1"),
            ("denied.third_party", "1 0 0 0 0 0 1"),
            ("denied.internal_affairs", "2 0 0 0 0 0 2"),
            ("denied.process_info", "1 0 0 0 0 0 1"),
            ("unavailable.not_held", "74 1 0 0 1 0 76"),
            ("unavailable.needs_creation", "9 0 0 0 0 0 9"),
            ("not_processed.duplicate", "14 0 0 0 0 0 14"),
            ("other_processing.no_correction", "1 0 0 0 0 0 1"),
            ("other_processing.other", "1 0 0 0 0 0 1"),
            // The real report's total row is shifted one column: kept as printed.
            ("total", "344 2 0 0 0 1 347"),
        ]),
    );
    assert_appeals(&r, "7 0 0 0 7 4 0 0 0 4 1 0 0 0 1");
    assert_active(
        &r,
        &active_2021(&[
            ("normative_documents.issued", 2.0),
            ("normative_documents.in_force", 5.0),
            ("licensing.decisions", 11961.0),
            ("penalty.decisions", 99.0),
            ("fees.amount", 1846.0),
        ]),
    );

    let found = rules(&r);
    assert_eq!(found.len(), 4, "{found:?}");
    let balance: Vec<&(String, Vec<String>)> = found
        .iter()
        .filter(|(rule, _)| rule == "requests.balance")
        .collect();
    assert_eq!(balance.len(), 2);
    assert!(balance[0]
        .1
        .contains(&"requests.new_received.legal_service".to_string()));
    assert!(balance[0]
        .1
        .contains(&"requests.total.legal_service".to_string()));
    assert!(balance[1]
        .1
        .contains(&"requests.total.other_org".to_string()));
    assert_eq!(
        r.findings[0].message,
        "法律服务机构: 本年新收 1 + 上年结转 0 ≠ 总计 0 + 结转下年度 0"
    );
    let outcomes: Vec<_> = found
        .iter()
        .filter(|(rule, _)| rule == "requests.outcomes")
        .collect();
    assert_eq!(outcomes.len(), 2);
    assert!(outcomes[0]
        .1
        .contains(&"requests.total.legal_service".to_string()));
    assert!(outcomes[0]
        .1
        .contains(&"requests.unavailable.not_held.legal_service".to_string()));
    assert!(outcomes[1]
        .1
        .contains(&"requests.total.other_org".to_string()));
    assert!(r.findings.iter().all(|f| f.severity == Severity::Error));
}

#[test]
fn seed_001_cell_per_line_all_zero() {
    let r = parse("sample-data/001_c011582259751f09.txt");
    assert_eq!(r.body.as_deref(), Some("南关区鸿城街道"));
    assert_eq!(r.body_id.as_deref(), Some("吉林省/长春市/南关区/鸿城街道"));
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.template, Template::T2021);
    assert_eq!(r.layout, Layout::CellPerLine);
    let titles: Vec<&str> = r.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles[2], "收到和处理政府信息公开申请情况"); // written "3、 …"
    assert_eq!(r.sections.len(), 6);
    assert!(r.sections[5].text.contains("未收取信息处理费"));
    assert!(!r.sections[5].text.contains("bookmark"));
    assert_requests(&r, &rows_2021(&[]));
    assert_appeals(&r, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0");
    // 规范性文件 (not 行政规范性文件) is the same item.
    assert_active(&r, &ZERO_ACTIVE_2021);
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn seed_002_without_title_has_no_body() {
    let r = parse("sample-data/002_45eff0c929365845.txt");
    assert_eq!(r.body, None);
    assert_eq!(r.body_id, None);
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.template, Template::T2021);
    assert_eq!(r.layout, Layout::Pipe);
    assert_eq!(r.sections.len(), 6);
    assert!(r.preamble.starts_with("进一步规范依申请公开"));
    assert_requests(
        &r,
        &rows_2021(&[
            ("new_received", "100 0 0 0 0 0 100"),
            ("carried_over", "13 0 0 0 0 0 13"),
            ("granted", "68 0 0 0 0 0 68"),
            ("partially_granted", "4 0 0 0 0 0 4"),
            ("denied.internal_affairs", "1 0 0 0 0 0 1"),
            ("unavailable.not_held", "40 0 0 0 0 0 40"),
            ("total", "113 0 0 0 0 0 113"),
        ]),
    );
    // The header cells are cut short (结果 | 其他 | 尚未): template order holds.
    assert_appeals(&r, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0");
    assert_active(
        &r,
        &active_2021(&[
            ("normative_documents.repealed", 5.0),
            ("normative_documents.in_force", 6.0),
        ]),
    );
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn seed_003_blank_total_is_null_and_warned() {
    let r = parse("sample-data/003_b1e4d1b1a7fab809.txt");
    assert_eq!(r.body.as_deref(), Some("长春高新技术产业开发区"));
    assert_eq!(r.year, Some(2021));
    assert_eq!(r.template, Template::T2021);
    assert_eq!(r.layout, Layout::CellPerLine);
    assert_eq!(r.sections.len(), 6);
    assert!(!r.sections[0].text.contains("[image"));
    assert_requests(
        &r,
        &rows_2021(&[
            ("new_received", "30 3 0 0 0 0 33"),
            ("carried_over", "0 0 0 0 0 0 _"),
            ("granted", "10 3 0 0 0 0 13"),
            ("partially_granted", "6 0 0 0 0 0 6"),
            ("unavailable.not_held", "11 0 0 0 0 0 11"),
            ("unavailable.needs_creation", "2 0 0 0 0 0 2"),
            ("not_processed.duplicate", "1 0 0 0 0 0 1"),
            ("total", "30 3 0 0 0 0 33"),
        ]),
    );
    assert_appeals(&r, "2 0 0 0 2 0 0 0 0 0 2 0 0 2 4");
    assert_active(
        &r,
        &active_2021(&[
            ("licensing.decisions", 1175.0),
            ("penalty.decisions", 15.0),
            ("coercion.decisions", 1.0),
            ("fees.amount", 31426.75),
        ]),
    );
    assert_eq!(
        rules(&r),
        vec![(
            "cell.missing".to_string(),
            vec!["requests.carried_over.total".to_string()]
        )]
    );
    assert_eq!(r.findings[0].severity, Severity::Warning);
}

#[test]
fn seed_004_legacy_statistics_table() {
    let r = parse("sample-data/004_007e7273948ea30e.txt");
    assert_eq!(r.body.as_deref(), Some("二道区人民政府"));
    // The address 长春市二道区… places it under the same id as seed 000.
    assert_eq!(r.body_id.as_deref(), Some("吉林省/长春市/二道区/人民政府"));
    assert_eq!(r.year, Some(2017));
    assert_eq!(r.template, Template::Legacy);
    let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    assert_eq!(r.sections[0].title, "概述");
    assert!(r.sections[5].text.contains("收费及减免"));
    assert!(
        !r.preamble.contains("网站首页"),
        "page navigation is not narrative"
    );
    let expected: [(&str, f64); 28] = [
        ("legacy.active.total", 4156.0),
        ("legacy.requests.received", 23.0),
        ("legacy.requests.in_person", 19.0),
        ("legacy.requests.fax", 0.0),
        ("legacy.requests.online", 3.0),
        ("legacy.requests.letter", 1.0),
        ("legacy.requests.completed", 22.0),
        ("legacy.requests.on_time", 21.0),
        ("legacy.requests.extended", 1.0),
        ("legacy.replies.total", 22.0),
        ("legacy.replies.already_public", 0.0),
        ("legacy.replies.granted", 10.0),
        ("legacy.replies.partially_granted", 0.0),
        ("legacy.replies.denied", 2.0),
        ("legacy.replies.not_this_body", 5.0),
        ("legacy.replies.not_exist", 4.0),
        ("legacy.replies.correction", 1.0),
        ("legacy.replies.other_channel", 0.0),
        ("legacy.review.total", 22.0),
        ("legacy.review.upheld", 15.0),
        ("legacy.review.corrected", 0.0),
        ("legacy.review.other", 6.0),
        ("legacy.litigation.total", 3.0),
        ("legacy.litigation.upheld", 0.0),
        ("legacy.litigation.corrected", 1.0),
        ("legacy.litigation.other", 2.0),
        ("legacy.complaints", 0.0),
        ("legacy.fees", 0.0),
    ];
    for (k, v) in expected {
        assert_eq!(r.stat(k), Some(v), "{k}");
    }
    assert_eq!(r.stats.len(), expected.len());
    let found = rules(&r);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "legacy.sums");
    assert_eq!(found[0].1[0], "legacy.review.total");
    assert!(r.findings[0].message.contains("22"));
    assert!(r.findings[0].message.contains("21"));
}

#[test]
fn seeds_print_as_schema_json() {
    for entry in std::fs::read_dir(root().join("sample-data")).unwrap() {
        let path = entry.unwrap().path();
        let r = xxgk_core::read_file(&path).unwrap();
        let v: serde_json::Value = serde_json::to_value(&r).unwrap();
        for key in [
            "source", "body", "body_id", "year", "template", "sections", "stats", "findings",
        ] {
            assert!(v.get(key).is_some(), "{}: {key}", path.display());
        }
        assert!(v["template"].is_string());
        for s in v["sections"].as_array().unwrap() {
            assert!(s["number"].is_u64() && s["title"].is_string() && s["text"].is_string());
        }
        for f in v["findings"].as_array().unwrap() {
            assert!(["error", "warning"].contains(&f["severity"].as_str().unwrap()));
            assert!(f["keys"].is_array() && f["message"].is_string() && f["rule"].is_string());
        }
        // Integers print as integers.
        if let Some(n) = v["stats"].get("requests.new_received.total") {
            assert!(n.is_u64() || n.is_null());
        }
    }
}
