//! `xxgk coverage` (issue 21): bodies × years on the samples, whose truth is
//! known by hand, and on a generated corpus, whose manifest says which body
//! published which year.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Output;

use common::{shared_sample_index, xxgk_at};

fn run(index: &std::path::Path, args: &[&str]) -> Output {
    xxgk_at(index).args(args).output().unwrap()
}

fn ok(index: &std::path::Path, args: &[&str]) -> String {
    let o = run(index, args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

const ERDAO: &str = "吉林省/长春市/二道区/人民政府";
const HONGCHENG: &str = "吉林省/长春市/南关区/鸿城街道";

#[test]
fn the_samples_grid_marks_each_year_published_missing_or_with_errors() {
    let index = shared_sample_index();
    let grid: serde_json::Value = serde_json::from_str(&ok(
        index,
        &["coverage", "--region", "长春市", "--format", "json"],
    ))
    .unwrap();
    let years: Vec<i64> = grid["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y.as_i64().unwrap())
        .collect();
    assert_eq!(years, (2017..=2023).collect::<Vec<_>>());
    let row = |id: &str| {
        grid["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["body_id"] == id)
            .unwrap_or_else(|| panic!("{id} in {grid}"))
            .clone()
    };
    let erdao = row(ERDAO);
    let marks: Vec<&str> = erdao["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(
        marks[0], "errors",
        "the 2017 sample's legacy table has error findings"
    );
    assert_eq!(&marks[1..6], &["missing"; 5]);
    assert_ne!(marks[6], "missing", "2023 is there");
    assert_eq!(erdao["published"], 2);
    assert_eq!(row(HONGCHENG)["published"], 1);

    let table = ok(index, &["coverage", "--region", "长春市", "--ascii"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("17 18 19 20 21 22 23"), "{table}");
    let erdao_line = lines.iter().find(|l| l.contains("二道区人民政府")).unwrap();
    assert!(erdao_line.starts_with("!  .  .  .  .  .  "), "{table}");
    assert!(erdao_line.contains("2/7"), "{table}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("1  0  0  0  1  0  2") && l.contains("of 3 bodies")),
        "a count per year at the foot:\n{table}"
    );
    assert!(
        !table.contains('■') && !table.contains('·'),
        "--ascii after the subcommand"
    );
}

#[test]
fn missing_lists_who_has_not_published_a_year_in_every_format() {
    let index = shared_sample_index();
    let text = ok(index, &["coverage", "--missing", "2023"]);
    assert!(
        text.starts_with("1 of 3 bodies have no report for 2023"),
        "{text}"
    );
    assert!(text.contains("长春高新技术产业开发区"), "{text}");
    assert!(!text.contains("鸿城街道"), "{text}");
    let json = ok(
        index,
        &["coverage", "--missing", "2021", "--format", "json"],
    );
    let ids: BTreeSet<String> = json
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["body_id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        ids,
        BTreeSet::from([ERDAO.to_string(), HONGCHENG.to_string()])
    );
    let csv = ok(index, &["coverage", "--missing", "2021", "--format", "csv"]);
    assert_eq!(csv.lines().next(), Some("body_id,body,year"));
    assert_eq!(csv.lines().count(), 3);
}

#[test]
fn a_place_with_no_body_or_a_backwards_span_is_refused() {
    let index = shared_sample_index();
    let o = run(index, &["coverage", "--region", "北京市"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("北京市"));
    let o = run(index, &["coverage", "--from", "2023", "--to", "2020"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--from 2023 is after --to 2020"));
    // An index made from an empty folder: said so, not an empty grid.
    let (empty, index) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    ok(index.path(), &["index", empty.path().to_str().unwrap()]);
    assert!(ok(index.path(), &["coverage"]).contains("the index is empty"));
}

#[test]
fn a_generated_city_s_grid_matches_its_manifest() {
    let corpus = common::generated(600, 11, 0.0);
    let index = tempfile::tempdir().unwrap();
    ok(index.path(), &["index", corpus.path().to_str().unwrap()]);
    let manifest = std::fs::read_to_string(corpus.path().join(xxgk_gen::MANIFEST)).unwrap();
    // body_id → years, as generated.
    let mut truth: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
    for line in manifest.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        truth
            .entry(f[1].to_string())
            .or_default()
            .insert(f[2].parse().unwrap());
    }
    // The city with the most bodies.
    let mut per_city: BTreeMap<String, usize> = BTreeMap::new();
    for id in truth.keys() {
        let levels: Vec<&str> = id.split('/').collect();
        *per_city.entry(levels[..2].join("/")).or_default() += 1;
    }
    let (city, count) = per_city.iter().max_by_key(|(_, n)| **n).unwrap();
    assert!(*count >= 3, "a city with several bodies: {per_city:?}");
    let under: BTreeMap<&String, &BTreeSet<i64>> = truth
        .iter()
        .filter(|(id, _)| id.starts_with(&format!("{city}/")))
        .collect();
    let grid: serde_json::Value = serde_json::from_str(&ok(
        index.path(),
        &["coverage", "--region", city, "--format", "json"],
    ))
    .unwrap();
    let years: Vec<i64> = grid["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y.as_i64().unwrap())
        .collect();
    let first = under.values().filter_map(|y| y.first()).min().unwrap();
    let last = under.values().filter_map(|y| y.last()).max().unwrap();
    assert_eq!(years, (*first..=*last).collect::<Vec<_>>());
    let rows = grid["rows"].as_array().unwrap();
    assert_eq!(rows.len(), under.len(), "every body of {city}, no other");
    for row in rows {
        let id = row["body_id"].as_str().unwrap().to_string();
        let published: BTreeSet<i64> = years
            .iter()
            .zip(row["marks"].as_array().unwrap())
            .filter(|(_, m)| *m != "missing")
            .map(|(y, _)| *y)
            .collect();
        assert_eq!(
            &&published,
            under.get(&id).unwrap_or_else(|| panic!("{id}")),
            "{id}"
        );
    }
    // Who has not published the last year: exactly the bodies the manifest lacks it for.
    let missing = ok(
        index.path(),
        &[
            "coverage",
            "--region",
            city,
            "--missing",
            &last.to_string(),
            "--format",
            "json",
        ],
    );
    let listed: BTreeSet<String> = missing
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["body_id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let expected: BTreeSet<String> = under
        .iter()
        .filter(|(_, y)| !y.contains(last))
        .map(|(id, _)| id.to_string())
        .collect();
    assert_eq!(listed, expected);
}
