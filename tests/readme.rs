//! Every `cargo run --release -- …` example in README.md, run on the bundled
//! samples through the real binary: each exits 0 and prints something (a
//! search example that finds nothing is a broken example).

mod common;

use std::process::Command;

/// The examples: each line of README.md that runs the binary with arguments.
fn examples() -> Vec<String> {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    readme
        .lines()
        .filter_map(|l| l.trim().strip_prefix("cargo run --release -- "))
        .map(str::to_string)
        .collect()
}

/// A command line's words as a POSIX shell splits them (quotes, no
/// expansions), up to a pipe, a redirection or a comment.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    cur.push(q);
                }
            }
            '"' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                    cur.push(q);
                }
            }
            '|' | '>' | '#' if !in_word => break,
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    out
}

#[test]
fn the_shell_splitter_reads_quotes_pipes_and_comments() {
    assert_eq!(
        words(r#"search '"政务新媒体"' --body 二道区 --json | jq .snippet"#),
        ["search", "\"政务新媒体\"", "--body", "二道区", "--json"]
    );
    assert_eq!(
        words("trend 二道区 --format csv > erdao.csv"),
        ["trend", "二道区", "--format", "csv"]
    );
    assert_eq!(
        words("search '公开 -诉讼'   # comment"),
        ["search", "公开 -诉讼"]
    );
}

#[test]
fn every_readme_example_works_on_the_samples() {
    let examples = examples();
    assert!(examples.len() >= 8, "{examples:?}");
    let index = tempfile::tempdir().unwrap();
    let run = |args: &[String]| {
        Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .current_dir(common::root())
            .env("XXGK_INDEX", index.path())
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .unwrap()
    };
    // The index example first, on the samples instead of ~/reports.
    let out = run(&["index".into(), "sample-data".into()]);
    assert!(out.status.success(), "{out:?}");
    for line in &examples {
        let mut args = words(line);
        if args.first().map(String::as_str) == Some("index") {
            args = vec!["index".into(), "sample-data".into()];
        }
        let out = run(&args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{line}: exit {:?}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!stdout.trim().is_empty(), "{line}: prints nothing");
        assert!(
            !stdout.starts_with("no hits"),
            "{line}: finds nothing on the samples"
        );
    }
}
