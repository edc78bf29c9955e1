//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use xxgk_core::model::Report;
use xxgk_core::template::{APPEAL_GROUPS, APPEAL_RESULTS, REQUEST_COLUMNS};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder holding a copy of the bundled sample reports.
pub fn samples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join("sample-data")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

/// The binary, run from the repository on the index at `index`, without colour.
pub fn xxgk_at(index: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XXGK_INDEX", index)
        .env("NO_COLOR", "1");
    c
}

/// One index of the bundled samples, made by the binary, shared by the
/// tests of one test file (read-only).
pub fn shared_sample_index() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = xxgk_at(dir.path())
            .args(["index", "sample-data"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        dir
    })
    .path()
}

/// `count` small reports in `dir` (`r00000.txt`…), each seed 000 under its
/// own body name: a run long enough to interrupt.
pub fn many_reports(dir: &Path, count: usize) {
    let seed =
        std::fs::read_to_string(root().join("sample-data/000_6e7f8a5bff4cbb9a.txt")).unwrap();
    for i in 0..count {
        let text = seed.replace("长春市二道区人民政府", &format!("测试市第{i}区人民政府"));
        std::fs::write(dir.join(format!("r{i:05}.txt")), text).unwrap();
    }
}

/// A folder of `count` generated reports (`xxgk_gen`), a share of them defective.
pub fn generated(count: usize, seed: u64, defect_rate: f64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let settings = xxgk_gen::Settings {
        count,
        seed,
        defect_rate,
    };
    xxgk_gen::write_corpus(dir.path(), &settings).unwrap();
    dir
}

pub fn parse(rel: &str) -> Report {
    let path = root().join(rel);
    xxgk_core::read_file(&path).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// "344 2 0 0 1 0 347" → values; `_` is a blank cell.
pub fn values(s: &str) -> Vec<Option<f64>> {
    s.split_whitespace()
        .map(|t| {
            if t == "_" {
                None
            } else {
                Some(t.parse().expect("number"))
            }
        })
        .collect()
}

/// Asserts every cell of every listed table 3 row, and that no other row exists.
pub fn assert_requests(r: &Report, rows: &[(&str, &str)]) {
    for (row, vals) in rows {
        let expected = values(vals);
        assert_eq!(expected.len(), 7, "{row}");
        for ((col, _), want) in REQUEST_COLUMNS.iter().zip(expected) {
            let key = format!("requests.{row}.{col}");
            let got = r
                .stats
                .get(&key)
                .unwrap_or_else(|| panic!("{}: missing {key}", r.source));
            assert_eq!(got.map(|n| n.0), want, "{}: {key}", r.source);
        }
    }
    let expected_keys = rows.len() * 7;
    let actual = r
        .stats
        .keys()
        .filter(|k| k.starts_with("requests."))
        .count();
    assert_eq!(actual, expected_keys, "{}: table 3 key count", r.source);
}

/// Asserts the 15 cells of table 4 in template order.
pub fn assert_appeals(r: &Report, vals: &str) {
    let expected = values(vals);
    let mut i = 0;
    for (g, _) in APPEAL_GROUPS {
        for (res, _) in APPEAL_RESULTS {
            let key = format!("{g}.{res}");
            assert_eq!(
                r.stats.get(&key).copied().flatten().map(|n| n.0),
                expected[i],
                "{}: {key}",
                r.source
            );
            assert!(r.stats.contains_key(&key), "{}: missing {key}", r.source);
            i += 1;
        }
    }
}

/// Asserts the given `active.*` values and that there are no others.
pub fn assert_active(r: &Report, expected: &[(&str, Option<f64>)]) {
    for (key, want) in expected {
        let full = format!("active.{key}");
        let got = r
            .stats
            .get(&full)
            .unwrap_or_else(|| panic!("{}: missing {full}", r.source));
        assert_eq!(got.map(|n| n.0), *want, "{}: {full}", r.source);
    }
    let actual = r.stats.keys().filter(|k| k.starts_with("active.")).count();
    assert_eq!(actual, expected.len(), "{}: table 2 key count", r.source);
}

/// The 2021-template rows, all zero except those given.
pub fn rows_2021<'a>(nonzero: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    // Every template row but the 2019 template's single （六）其他处理.
    let rows = xxgk_core::template::REQUEST_ROWS
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| *k != "other_processing");
    rows.map(|row| {
        let v = nonzero
            .iter()
            .find(|(k, _)| *k == row)
            .map_or("0 0 0 0 0 0 0", |(_, v)| v);
        (row, v)
    })
    .collect()
}

pub fn rules(r: &Report) -> Vec<(String, Vec<String>)> {
    r.findings
        .iter()
        .map(|f| (f.rule.clone(), f.keys.clone()))
        .collect()
}
