//! `xxgk search` the way shell users expect (issue 20), through the real
//! binary on the bundled samples: width folding, filters that compose and
//! say so, `section:` by title, `--region` and `--body` across bodies,
//! `--per-report`, exclusion per section, the ranking rule, the empty index.

mod common;

use std::process::Output;

use common::{shared_sample_index as index, xxgk_at as xxgk};

fn search(args: &[&str]) -> Output {
    xxgk(index()).arg("search").args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn count(args: &[&str]) -> usize {
    let mut a = args.to_vec();
    a.push("--count");
    let o = search(&a);
    assert!(o.status.success(), "{args:?}: {}", err(&o));
    text(&o).trim().parse().unwrap()
}

fn json(args: &[&str]) -> Vec<serde_json::Value> {
    let mut a = args.to_vec();
    a.extend(["--json", "--limit", "1000"]);
    let o = search(&a);
    assert!(o.status.success(), "{args:?}: {}", err(&o));
    text(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn full_width_and_half_width_forms_find_each_other() {
    // 000 writes 规定,现公布 with an ASCII comma, 001 with a full-width one.
    let half = json(&["规定,现公布"]);
    let full = json(&["规定，现公布"]);
    let sources = |v: &[serde_json::Value]| {
        let mut s: Vec<String> = v.iter().map(|h| h["source"].to_string()).collect();
        s.sort();
        s
    };
    assert!(half.len() >= 2, "{half:?}");
    assert_eq!(sources(&half), sources(&full));
    // Snippets keep the report's own characters.
    let of_001 = half
        .iter()
        .find(|h| h["source"].as_str().unwrap().contains("001_"))
        .unwrap();
    assert!(
        of_001["snippet"].as_str().unwrap().contains("规定，现公布"),
        "{of_001}"
    );
    assert_eq!(count(&["２０２３年"]), count(&["2023年"]));
    assert!(count(&["2023年"]) > 0);
    assert_eq!(count(&["公开 year:２０２３"]), count(&["公开 year:2023"]));
    assert_eq!(count(&["公开 year：2023"]), count(&["公开 year:2023"]));
}

#[test]
fn year_filters_combine_or_say_they_cannot() {
    let o = search(&["公开", "year:2017", "--year", "2023"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("no year in common"), "{}", err(&o));
    for args in [
        &["公开 year:2017..2023", "--year", "2021..2024"][..],
        &["公开 year:2017..2023 year:2021..2030"][..],
    ] {
        let hits = json(args);
        assert!(!hits.is_empty(), "{args:?}");
        for h in &hits {
            let y = h["year"].as_i64().unwrap();
            assert!((2021..=2023).contains(&y), "{args:?}: {h}");
        }
    }
}

#[test]
fn section_takes_the_titles_the_hits_show() {
    for (title, number) in [("概述", 1), ("依申请公开", 3), ("表格", 9), ("前言", 0)] {
        // Filters alone list what they select.
        let hits = json(&[&format!("section:{title}")]);
        assert!(!hits.is_empty(), "section:{title}");
        assert!(
            hits.iter().all(|h| h["section"] == number),
            "section:{title}: {hits:?}"
        );
    }
    let o = search(&["公开 section:天气"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("section:天气") && err(&o).contains("3 依申请公开"),
        "{}",
        err(&o)
    );
}

#[test]
fn region_and_body_select_across_bodies() {
    // Every named sample body lies under 长春市 (one report has no name).
    let named = json(&["公开"])
        .iter()
        .filter(|h| {
            h["body_id"]
                .as_str()
                .is_some_and(|b| b.starts_with("吉林省/长春市/"))
        })
        .count();
    assert!(named > 0);
    assert_eq!(count(&["公开", "--region", "长春市"]), named);
    assert_eq!(count(&["公开", "--region", "吉林省/长春市"]), named);
    let nanguan = json(&["公开", "--region", "南关区"]);
    assert!(!nanguan.is_empty());
    assert!(nanguan
        .iter()
        .all(|h| h["body_id"].as_str().unwrap().contains("/南关区/")));
    let o = search(&["公开", "--region", "北京市"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("北京市"), "{}", err(&o));
    // A unit type names every body it is part of.
    let governments = json(&["公开", "--body", "人民政府"]);
    let ids: std::collections::BTreeSet<&str> = governments
        .iter()
        .map(|h| h["body_id"].as_str().unwrap())
        .collect();
    assert!(ids.len() >= 2, "{ids:?}");
    assert!(ids.iter().all(|id| id.ends_with("人民政府")), "{ids:?}");
    // An exact id still names that one body.
    let one = json(&["公开", "--body", "吉林省/长春市/二道区/人民政府"]);
    assert!(one
        .iter()
        .all(|h| h["body_id"] == "吉林省/长春市/二道区/人民政府"));
}

#[test]
fn per_report_gives_each_report_once_with_its_other_sections() {
    let per = json(&["公开", "--per-report"]);
    let sections = json(&["公开"]);
    let mut seen = std::collections::HashSet::new();
    for h in &per {
        assert!(seen.insert(h["source"].to_string()), "twice: {h}");
        let n = sections
            .iter()
            .filter(|s| s["source"] == h["source"])
            .count();
        assert_eq!(h["other_sections"], n - 1, "{h}");
    }
    assert_eq!(seen.len(), 5, "every sample report has 公开");
    let o = search(&["公开", "--per-report", "--limit", "2"]);
    let t = text(&o);
    assert_eq!(t.lines().filter(|l| l.starts_with(' ')).count(), 6, "{t}");
    assert!(t.contains(" sections"), "{t}");
}

#[test]
fn exclusion_is_per_section() {
    // A section is dropped when it holds the excluded word; the others of
    // the same report stay.
    let a = count(&["公开"]);
    let both = count(&["公开 诉讼"]);
    let without = count(&["公开 -诉讼"]);
    assert!(without > 0 && both > 0);
    assert_eq!(without, a - both);
    // Without --: the query may start with the excluded word.
    assert_eq!(count(&["-诉讼 公开"]), without);
}

#[test]
fn ranked_by_score_then_narrative_then_newest() {
    for q in ["公开", "行政复议", "件", "申请", "政府信息"] {
        let hits = json(&[q]);
        for w in hits.windows(2) {
            let key = |h: &serde_json::Value| {
                (
                    h["score"].as_f64().unwrap(),
                    h["section"] != 9,
                    h["year"].as_i64().unwrap_or(0),
                )
            };
            let (a, b) = (key(&w[0]), key(&w[1]));
            assert!(
                a.0 > b.0 || (a.0 == b.0 && (a.1 & !b.1 || (a.1 == b.1 && a.2 >= b.2))),
                "{q}: {a:?} before {b:?}"
            );
        }
    }
}

#[test]
fn piped_output_has_no_total_line_and_an_empty_index_says_so() {
    let t = text(&search(&["公开", "--limit", "1"]));
    assert_eq!(t.lines().count(), 3, "one hit, three lines: {t}");
    assert_eq!(
        xxgk::cli::search_cmd::total_line(20, 2011, false),
        "20 shown of 2,011 hits (sections)"
    );
    assert_eq!(
        xxgk::cli::search_cmd::total_line(1, 1, true),
        "1 reports shown of 1 hit (sections)"
    );
    let empty = tempfile::tempdir().unwrap();
    let idx = tempfile::tempdir().unwrap();
    let o = xxgk(idx.path())
        .arg("index")
        .arg(empty.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    for args in [&["search", "公开"][..], &["bodies"], &["check"]] {
        let o = xxgk(idx.path()).args(args).output().unwrap();
        assert!(
            text(&o).contains("the index is empty: run xxgk index PATH"),
            "{args:?}: {o:?}"
        );
    }
}
