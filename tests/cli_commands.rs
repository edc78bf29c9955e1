//! trend, compare and export as scripts use them (issue 20): --bom, wide and
//! long CSV, `n/a` / blank / no report kept apart, compare's refusals and
//! notes, export's filters and label column, `--format table` refused.

mod common;

use std::process::Output;

use common::{shared_sample_index as index, xxgk_at as xxgk};

fn run(args: &[&str]) -> Output {
    xxgk(index()).args(args).output().unwrap()
}

fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn trend_writes_long_and_wide_csv_with_a_bom_on_request() {
    let long = ok(&["trend", "二道区", "--format", "csv"]);
    assert_eq!(long, ok(&["trend", "二道区", "--format", "csv-long"]));
    assert!(long.starts_with("body_id,metric,"), "no BOM unless asked");
    let bom = ok(&["trend", "二道区", "--format", "csv", "--bom"]);
    assert!(bom.starts_with('\u{feff}'));
    let wide = csv_rows(&ok(&["trend", "二道区", "--format", "csv-wide", "--bom"]));
    assert_eq!(wide[0], ["body_id", "metric", "label", "2017", "2023"]);
    let received = wide.iter().find(|r| r[1] == "received").unwrap();
    assert_eq!(received[3..], ["23", "347"]);
    // n/a (not in that year's template) and blank stay apart, and `-` is not used.
    let active = wide.iter().find(|r| r[1] == "active_total").unwrap();
    assert!(active[3..].iter().any(|c| c == "n/a"), "{active:?}");
    assert!(wide.iter().flatten().all(|c| c != "-"));
    let sources = wide.iter().find(|r| r[1] == "source").unwrap();
    assert!(sources[3].contains("004_") && sources[4].contains("000_"));
}

#[test]
fn compare_refuses_a_body_named_twice_and_a_year_nobody_has() {
    let o = run(&["compare", "二道区", "长春市二道区政府"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("name the same body"), "{err}");
    let o = run(&["compare", "二道区", "鸿城街道", "--year", "1999"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("none of these bodies has a report for 1999")
            && err.contains("南关区鸿城街道 has 2023"),
        "{err}"
    );
}

#[test]
fn compare_says_which_body_has_no_report_that_year() {
    let table = ok(&["compare", "二道区", "鸿城街道", "--year", "2017"]);
    assert!(
        table.contains("B: 南关区鸿城街道 has no report for 2017 (its years: 2023)"),
        "{table}"
    );
    let received = table.lines().find(|l| l.starts_with("收到申请")).unwrap();
    assert!(
        received.contains("23") && received.contains('—'),
        "{received}"
    );
    let o = run(&[
        "compare",
        "二道区",
        "鸿城街道",
        "--year",
        "2017",
        "--format",
        "csv-long",
    ]);
    assert!(o.status.success());
    let rows = csv_rows(&String::from_utf8_lossy(&o.stdout));
    assert_eq!(
        rows[0],
        ["body_id", "body", "year", "metric", "label", "value", "source"]
    );
    assert!(rows
        .iter()
        .any(|r| r[1] == "南关区鸿城街道" && r[5] == "no report" && r[6].is_empty()));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no report for 2017 from 南关区鸿城街道"));
    let wide = csv_rows(&ok(&[
        "compare",
        "二道区",
        "鸿城街道",
        "--format",
        "csv-wide",
        "--bom",
    ]));
    assert_eq!(wide[0][0], "metric");
    assert_eq!(wide[0].len(), 4);
}

#[test]
fn export_filters_by_region_body_year_and_key_with_labels() {
    let all = csv_rows(&ok(&["export"]));
    let header = &all[0];
    assert_eq!(header[5], "label");
    let some = csv_rows(&ok(&[
        "export",
        "--body",
        "二道区",
        "--year",
        "2023",
        "--key",
        "requests.granted.",
    ]));
    assert!(some.len() > 1);
    for r in &some[1..] {
        assert_eq!(r[0], "吉林省/长春市/二道区/人民政府");
        assert_eq!(r[2], "2023");
        assert!(r[4].starts_with("requests.granted."), "{r:?}");
        assert!(r[5].starts_with("予以公开"), "{r:?}");
    }
    let region = csv_rows(&ok(&["export", "--region", "南关区"]));
    assert!(region.len() > 1);
    assert!(region[1..].iter().all(|r| r[0].contains("/南关区/")));
    let json = ok(&[
        "export",
        "--format",
        "json",
        "--key",
        "requests.granted.total",
    ]);
    assert!(json.lines().count() >= 4);
    for l in json.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["key"], "requests.granted.total");
        assert!(v["label"].as_str().unwrap().starts_with("予以公开"), "{v}");
    }
    for format in ["table", "csv-wide"] {
        let o = run(&["export", "--format", format]);
        assert_eq!(o.status.code(), Some(2), "{format}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("export --format"));
    }
}
