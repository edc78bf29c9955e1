//! `xxgk index` as shell users expect (issue 20): Ctrl-C commits the work
//! done and says how much, the next run goes on; files of other kinds and
//! symlinked folders are counted in the summary.

mod common;

use std::process::Command;

fn xxgk(index: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    c.env("XXGK_INDEX", index).env("NO_COLOR", "1");
    c
}

#[test]
fn ctrl_c_commits_what_is_done_and_the_next_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let n = 3000;
    common::many_reports(dir.path(), n);
    let idx = tempfile::tempdir().unwrap();
    let child = xxgk(idx.path())
        .args([
            "index",
            dir.path().to_str().unwrap(),
            "--threads",
            "1",
            "--commit-every",
            "50",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once something is committed, Ctrl-C.
    let meta = idx.path().join("tantivy/meta.json");
    let started = std::time::Instant::now();
    while !std::fs::read_to_string(&meta).is_ok_and(|m| m.contains("\"max_doc\"")) {
        assert!(started.elapsed().as_secs() < 60, "no commit in a minute");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // SAFETY: sending SIGINT to our own child.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    if out.status.success() {
        // It finished before the signal landed: nothing to check.
        assert!(stdout.contains(&format!("indexed {n}")), "{stdout}");
        return;
    }
    assert_eq!(out.status.code(), Some(130), "{stdout}");
    let line = stdout.lines().next().unwrap_or_default().to_string();
    assert!(line.starts_with("interrupted: "), "{line}");
    assert!(
        line.contains(&format!("of {} committed; run again to go on", "3,000")),
        "{line}"
    );
    let done: usize = line["interrupted: ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap();
    assert!(done > 0 && done < n, "{line}");
    // The next run finds the committed files unchanged and does the rest.
    let out = xxgk(idx.path())
        .args(["index", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.starts_with(&format!("indexed {}, unchanged {done}", n - done)),
        "{stdout}"
    );
}

#[cfg(unix)]
#[test]
fn other_kinds_and_symlinked_folders_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::root().join("sample-data/000_6e7f8a5bff4cbb9a.txt"),
        dir.path().join("a.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("photo.jpg"), b"\xff\xd8").unwrap();
    std::fs::write(dir.path().join("list.xlsx"), b"PK").unwrap();
    std::fs::write(dir.path().join("a.toml"), "body = \"x\"\n").unwrap();
    let other = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(other.path(), dir.path().join("linked")).unwrap();
    let idx = tempfile::tempdir().unwrap();
    let out = xxgk(idx.path())
        .args(["index", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("indexed 1,")
            && stdout.contains("skipped 2 files of other kinds and 1 symlinked folders"),
        "{stdout}"
    );
}

#[test]
fn wait_waits_for_a_busy_index_instead_of_failing() {
    let dir = common::samples();
    let idx = tempfile::tempdir().unwrap();
    let store = xxgk::index::Store::open_for_writing(idx.path()).unwrap();
    let writer: tantivy::IndexWriter = store.index.writer_with_num_threads(1, 20_000_000).unwrap();
    let child = xxgk(idx.path())
        .args(["index", dir.path().to_str().unwrap(), "--wait"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    drop(writer);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("waiting for it to finish"), "{stderr}");
    assert!(stdout.starts_with("indexed 5,"), "{stdout}");
}
