//! `xxgk parse` as scripts call it (shared/CLI.md).

use std::process::Command;

fn xxgk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn json_prints_one_object_per_file() {
    let mut files: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data"))
            .unwrap()
            .map(|e| format!("sample-data/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
    files.sort();
    let out = xxgk()
        .arg("parse")
        .args(&files)
        .arg("--json")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let objects: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 5);
    assert_eq!(objects[0]["source"], files[0].as_str());
    assert_eq!(objects[0]["body"], "长春市二道区人民政府");
    assert_eq!(
        objects[0]["stats"]["requests.new_received.natural_person"],
        344
    );
    assert_eq!(objects[2]["body"], serde_json::Value::Null);
    assert_eq!(objects[4]["template"], "legacy");
}

#[test]
fn summary_shows_table_3_and_findings() {
    let out = xxgk()
        .args(["parse", "sample-data/000_6e7f8a5bff4cbb9a.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("body      长春市二道区人民政府"));
    assert!(text.contains("template  2021"));
    assert!(text.contains("  5 存在的主要问题及改进情况"));
    let total = text
        .lines()
        .find(|l| l.trim_start().starts_with("总计"))
        .unwrap();
    assert!(total.ends_with("347"), "{total}");
    assert!(text.contains(
        "requests.balance  法律服务机构: 本年新收 1 + 上年结转 0 ≠ 总计 0 + 结转下年度 0"
    ));
    // Aligned by display width: every table 3 line is equally wide.
    let widths: Vec<usize> = text
        .lines()
        .skip_while(|l| !l.starts_with("table 3"))
        .skip(2)
        .take_while(|l| l.starts_with("  "))
        .map(xxgk::text::width)
        .collect();
    assert!(
        widths.len() == 25 && widths.iter().all(|w| *w == widths[0]),
        "{widths:?}"
    );
}

#[test]
fn unreadable_files_exit_1_naming_the_file_and_the_rest_still_parse() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 binary").unwrap();
    let out = xxgk()
        .arg("parse")
        .arg(&empty)
        .arg("sample-data/001_c011582259751f09.txt")
        .arg(&pdf)
        .arg(dir.path().join("missing.txt"))
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(lines[0].contains("empty.txt") && lines[0].contains("empty file"));
    assert!(lines[1].contains("report.pdf") && lines[1].contains("PDF"));
    assert!(lines[2].contains("missing.txt"));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

/// Plain text saved as .html with nothing of a report in it is an error
/// naming the file, never "every rule passes" on nothing.
#[test]
fn a_file_with_no_sections_and_no_tables_is_not_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.html");
    std::fs::write(
        &file,
        "宽新县民政局2023年政府信息公开工作年度报告\n本页内容正在更新，请稍后访问。\n",
    )
    .unwrap();
    for json in [false, true] {
        let mut c = xxgk();
        c.arg("parse").arg(&file);
        if json {
            c.arg("--json");
        }
        let out = c.output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stdout}");
        assert!(!stdout.contains("every rule passes"), "{stdout}");
        assert!(
            stderr.contains("notes.html") && stderr.contains("no report found"),
            "{stderr}"
        );
    }
}
