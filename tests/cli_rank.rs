//! `xxgk rank` (issue 21) on the samples: order, filters, the group's figure
//! as a ratio of sums, `--top`, formats and refusals.

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

#[test]
fn bodies_rank_by_a_metric_with_the_sum_and_the_missing_named() {
    let table = ok(&["rank", "received", "--year", "2023"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "收到申请 (received), 2023: 2 bodies");
    assert!(
        lines[2].starts_with('1') && lines[2].contains("二道区") && lines[2].ends_with("347"),
        "{table}"
    );
    assert!(
        lines[3].starts_with('2') && lines[3].contains("鸿城街道") && lines[3].ends_with('0'),
        "{table}"
    );
    assert!(table.contains("all of them (sum): 347"), "{table}");
    assert!(
        table.contains("no report for 2023: 吉林省/长春市/长春高新技术产业开发区/人民政府"),
        "{table}"
    );
    let asc = ok(&[
        "rank",
        "received",
        "--year",
        "2023",
        "--ascending",
        "--top",
        "1",
    ]);
    assert!(
        asc.contains("1 body") && asc.contains("鸿城街道") && !asc.contains("二道区人民政府 "),
        "{asc}"
    );
}

#[test]
fn a_ratio_is_the_ratio_of_the_sums_and_where_filters_by_value_and_n_a() {
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "rank",
        "disclosure_rate",
        "--year",
        "2023",
        "--format",
        "json",
    ]))
    .unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows[0]["rank"], 1);
    assert!(rows[0]["body_id"].as_str().unwrap().contains("二道区"));
    // 鸿城街道 processed nothing in 2023: no rate, ranked last without a rank.
    assert!(
        rows[1]["rank"].is_null() && rows[1]["value"].is_null(),
        "{json}"
    );
    let own = rows[0]["value"].as_f64().unwrap();
    assert!(
        (json["total"].as_f64().unwrap() - own).abs() < 1e-9,
        "one body with a rate: the total is its rate"
    );
    let kept = ok(&[
        "rank",
        "received",
        "--year",
        "2023",
        "--where",
        "received>100",
        "--format",
        "csv",
    ]);
    assert_eq!(kept.lines().count(), 2, "{kept}");
    assert!(kept
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("1,吉林省/长春市/二道区/人民政府,"));
    let na = ok(&[
        "rank",
        "received",
        "--year",
        "2023",
        "--where",
        "disclosure_rate=n/a",
        "--format",
        "csv",
    ]);
    assert!(na.contains("鸿城街道") && !na.contains("二道区"), "{na}");
    assert!(ok(&["rank", "list"]).contains("review_correction_rate\t复议纠错率%"));
}

#[test]
fn unknown_metrics_bad_conditions_and_empty_years_exit_2() {
    for (args, says) in [
        (&["rank", "bogus"][..], "unknown metric `bogus`"),
        (&["rank", "received", "--where", "received>lots"], "--where"),
        (&["rank", "received", "--year", "1999"], "--year 1999"),
        (&["rank", "received", "--region", "北京市"], "北京市"),
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(says),
            "{args:?}: {o:?}"
        );
    }
}
