//! Output to a closed pipe (`xxgk … | head`) ends quietly with status 0
//! (shared/CLI.md): no panic, nothing on stderr.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn xxgk(index: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XXGK_INDEX", index)
        .env("COLUMNS", "80")
        .env("XDG_CONFIG_HOME", index.join("no-config"))
        .env_remove("NO_COLOR");
    c
}

/// An index of the bundled sample reports.
fn sample_index() -> tempfile::TempDir {
    let idx = tempfile::tempdir().unwrap();
    let out = xxgk(idx.path())
        .args(["index", "sample-data"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    idx
}

/// The commands scripts pipe into `head`.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["export"],
    &["export", "--format", "json"],
    &["bodies"],
    &["bodies", "--json"],
    &["search", "公开"],
    &["search", "公开", "--json"],
    &["check"],
    &["check", "--json"],
    &["trend", "二道区"],
    &["trend", "二道区", "--format", "csv-wide"],
    &["compare", "二道区", "鸿城街道", "--year", "2017"],
    &["search", "公开", "--per-report"],
    &["completions", "bash"],
    &["parse", "sample-data/000_6e7f8a5bff4cbb9a.txt"],
];

fn assert_quiet(args: &[&str], out: &Output, how: &str) {
    assert!(
        out.status.success(),
        "xxgk {args:?} ({how}): {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "xxgk {args:?} ({how}) wrote to stderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Stdout is a pipe whose reader reads the first line and goes away, as
/// `head -1` does. (Output that fits the pipe's buffer may be written
/// before the reader leaves; the next test makes the failure certain.)
#[test]
fn reader_leaving_after_the_first_line() {
    let idx = sample_index();
    for args in COMMANDS {
        let mut child = xxgk(idx.path())
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty(), "xxgk {args:?} printed nothing");
        // The reader is dropped here: the pipe is closed.
        let out = child.wait_with_output().unwrap();
        assert_quiet(args, &out, "closed after the first line");
    }
}

/// Stdout is a pipe nobody reads any more before `xxgk` writes a byte:
/// every write fails with a broken pipe.
#[test]
fn pipe_closed_before_the_first_write() {
    let idx = sample_index();
    for args in COMMANDS {
        let (read, write) = std::io::pipe().unwrap();
        drop(read);
        let out = xxgk(idx.path())
            .args(*args)
            .stdout(Stdio::from(write))
            .output()
            .unwrap();
        assert_quiet(args, &out, "closed before the first write");
    }
}
