//! `narrative.table` on real reports: the bundled samples and the format
//! fixtures. Every finding is listed here with why it is a true
//! disagreement; the counts the narrative states that agree with the table
//! are counted (printed with `--nocapture`).

use std::path::{Path, PathBuf};

use xxgk_core::checks::narrative::{claims, readings, Quantity, RULE};

fn files(dir: &str, exts: &[&str]) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        })
        .collect();
    out.sort();
    out
}

/// (findings of the rule, statements that agree with the table), per file.
fn measure(paths: &[PathBuf]) -> Vec<(String, Vec<String>, usize)> {
    paths
        .iter()
        .filter_map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            // A fixture of a failure (a scan, a cut file) has no narrative.
            let r = match xxgk_core::read_file(p) {
                Ok(r) => r,
                Err(e) => {
                    println!("{name}: not read ({e})");
                    return None;
                }
            };
            let findings: Vec<String> = r
                .findings
                .iter()
                .filter(|f| f.rule == RULE)
                .map(|f| f.message.clone())
                .collect();
            let agreeing = readings(&r).iter().filter(|x| x.agrees).count();
            println!("{name}: {} findings, {agreeing} agreeing", findings.len());
            for f in &findings {
                println!("  {f}");
            }
            Some((name, findings, agreeing))
        })
        .collect()
}

#[test]
fn no_narrative_findings_on_the_samples() {
    let paths = files("../../sample-data", &["txt"]);
    assert_eq!(paths.len(), 5);
    let got = measure(&paths);
    assert_eq!(got.len(), 5);
    let findings: usize = got.iter().map(|g| g.1.len()).sum();
    let agreeing: usize = got.iter().map(|g| g.2).sum();
    println!("samples: {findings} findings, {agreeing} statements agreeing with the table");
    assert_eq!(findings, 0, "{got:?}");
    // 001: 全年未有依申请公开信息 (0); 002: 新收到 100, 上年结转 13, 办结 113,
    // no 行政复议 and no 行政诉讼; 004 (legacy): 接到依申请 23, 新增主动公开 4156.
    assert_eq!(agreeing, 8, "{got:?}");
}

#[test]
fn no_false_findings_on_the_fixtures() {
    let paths = files(
        "../../tests/fixtures",
        &["txt", "html", "md", "docx", "doc", "pdf"],
    );
    assert!(paths.len() >= 13, "{paths:?}");
    let got = measure(&paths);
    let findings: usize = got.iter().map(|g| g.1.len()).sum();
    let agreeing: usize = got.iter().map(|g| g.2).sum();
    println!("fixtures: {findings} findings, {agreeing} statements agreeing with the table");
    assert_eq!(findings, 0, "{got:?}");
    assert!(agreeing > 0);
}

/// The rule reads through `read_bytes` as through `read_file`: sample 002
/// with its narrative's 新收 count changed by one disagrees with its table
/// there and nowhere else.
#[test]
fn a_changed_count_is_found_end_to_end() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-data/002_45eff0c929365845.txt");
    let text = String::from_utf8(std::fs::read(path).unwrap()).unwrap();
    let said = "新收到政府信息公开申请100件";
    assert!(text.contains(said));
    let changed = text.replace(said, "新收到政府信息公开申请101件");
    let r = xxgk_core::read_bytes("002_changed.txt", changed.as_bytes()).unwrap();
    let found: Vec<_> = r.findings.iter().filter(|f| f.rule == RULE).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].keys, ["requests.new_received.total"]);
    assert!(found[0].message.contains("101件"), "{}", found[0].message);
    assert!(
        found[0].message.ends_with("≠ 表格 本年新收 · 总计 100"),
        "{}",
        found[0].message
    );
}

/// Sample 004 (legacy, 2017) says 被提起行政诉讼0件 where its table has
/// 行政诉讼数量 3: a true disagreement the rule reads but does not judge, as
/// legacy 行政复议/行政诉讼 are not among its cells.
#[test]
fn a_legacy_appeal_count_is_read_not_judged() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-data/004_007e7273948ea30e.txt");
    let r = xxgk_core::read_file(&path).unwrap();
    assert_eq!(r.stat("legacy.litigation.total"), Some(3.0));
    let said: Vec<_> = claims(&r)
        .into_iter()
        .filter(|c| c.quantity == Quantity::Litigation)
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(said[0].stated, 0.0);
    assert!(readings(&r)
        .iter()
        .all(|x| x.claim.quantity != Quantity::Litigation));
}
