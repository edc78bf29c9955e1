//! The real binary in tmux: it starts, shows the sample bodies, opens a
//! body's page, finds 行政复议 as you type, opens a report, and quits with
//! exit status 0; and at 80×24 over a generated corpus, Esc leaves an
//! empty query box, the hit count passes 200, and table 3 of a report is
//! read whole, 总计 included; and Ctrl-Z then `fg` redraws the whole screen.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux").args(args).output().expect("tmux runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn screen(session: &str) -> String {
    tmux(&["capture-pane", "-p", "-t", session])
}

/// Waits until the screen contains `text` (or fails after 20 s).
fn wait_for(session: &str, text: &str) -> String {
    let start = Instant::now();
    loop {
        let s = screen(session);
        if s.contains(text) {
            return s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "waited for {text:?}; screen:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The browser's exit status, once the shell has written it. The shell
/// creates the file before it writes the number, so an empty file means
/// "not yet" (CI once read it in between).
fn exit_status(session: &str, exit_file: &std::path::Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(exit_file) {
            if text.ends_with('\n') {
                return text.trim().to_string();
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "did not quit: {}",
            screen(session)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn browse_search_open_and_quit_in_tmux() {
    if Command::new("tmux").arg("-V").output().is_err() {
        // .ci/run installs tmux; a developer machine without it skips this one test.
        eprintln!("tmux not installed: skipping the end-to-end test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let exit_file = dir.path().join("exit");
    let session = format!("xxgk-e2e-{}", std::process::id());
    let command = format!(
        "XXGK_INDEX='{}' NO_COLOR=1 '{}'; echo $? > '{}'",
        dir.path().join("index").display(),
        env!("CARGO_BIN_EXE_xxgk"),
        exit_file.display()
    );
    tmux(&["-L", &session, "kill-server"]);
    let started = Command::new("tmux")
        .args([
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            "100",
            "-y",
            "30",
            &command,
        ])
        .env("LANG", "C.UTF-8")
        .status()
        .unwrap();
    assert!(started.success());
    // First run: the bundled samples are indexed, then the search screen.
    wait_for(&session, "5 reports");
    // The query box has the focus; Tab moves on to the bodies.
    tmux(&["send-keys", "-t", &session, "Tab"]);
    let bodies = wait_for(&session, "鸿城街道");
    assert!(bodies.contains("二道区"), "{bodies}");
    // Enter opens the first body's page, read by the worker; Esc goes back.
    tmux(&["send-keys", "-t", &session, "Enter"]);
    let body = wait_for(&session, "公开率%");
    assert!(body.contains("2017") && body.contains("2023"), "{body}");
    tmux(&["send-keys", "-t", &session, "Escape"]);
    wait_for(&session, "鸿城街道");
    tmux(&["send-keys", "-t", &session, "1"]);
    tmux(&["send-keys", "-t", &session, "-l", "行政复议"]);
    let hits = wait_for(&session, "11 hits");
    assert!(hits.contains("行政复议"), "{hits}");
    tmux(&["send-keys", "-t", &session, "Down", "Enter"]);
    // The results show "11 hits" and section names too: wait for the report
    // screen's own hint, then look for what only an opened report shows.
    let report = wait_for(&session, "next / previous hit");
    assert!(
        report.contains("前言") || report.contains("总体情况"),
        "{report}"
    );
    assert!(
        report
            .lines()
            .any(|l| l.contains("sample-data/") && l.contains(" hits")),
        "the status names the report opened:\n{report}"
    );
    // A section heading on a line of its own (the results' heads are
    // "body · year · section"), as the report view draws them.
    assert!(
        report.lines().any(|l| {
            let l = l.trim();
            !l.contains(" · ")
                && (l == "前言"
                    || l.split_once(' ')
                        .is_some_and(|(n, _)| n.parse::<u8>().is_ok()))
        }),
        "a section heading:\n{report}"
    );
    tmux(&["send-keys", "-t", &session, "q"]);
    let code = exit_status(&session, &exit_file);
    tmux(&["kill-session", "-t", &session]);
    assert_eq!(code, "0");
}

/// Starts the browser in a tmux session of `cols`×`rows` on index `index`.
fn start(
    session: &str,
    index: &std::path::Path,
    exit_file: &std::path::Path,
    cols: &str,
    rows: &str,
) {
    let command = format!(
        "XXGK_INDEX='{}' NO_COLOR=1 '{}'; echo $? > '{}'",
        index.display(),
        env!("CARGO_BIN_EXE_xxgk"),
        exit_file.display()
    );
    let started = Command::new("tmux")
        .args([
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            cols,
            "-y",
            rows,
            &command,
        ])
        .env("LANG", "C.UTF-8")
        .status()
        .unwrap();
    assert!(started.success());
}

#[test]
fn at_80x24_counts_pass_200_esc_leaves_the_box_and_table_3_is_whole() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux not installed: skipping the end-to-end test");
        return;
    }
    let corpus = common::generated(300, 5, 0.0);
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("index")
        .arg(corpus.path())
        .env("XXGK_INDEX", &index)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exit_file = dir.path().join("exit");
    let session = format!("xxgk-e2e80-{}", std::process::id());
    start(&session, &index, &exit_file, "80", "24");
    wait_for(&session, "300 reports");
    // An empty box and Esc: the keys that follow are commands, not text.
    tmux(&["send-keys", "-t", &session, "Escape"]);
    tmux(&["send-keys", "-t", &session, "2"]);
    wait_for(&session, "人民政府");
    tmux(&["send-keys", "-t", &session, "1"]);
    tmux(&["send-keys", "-t", &session, "-l", "公开"]);
    let hits = wait_for(&session, "1 / ");
    let line = hits.lines().find(|l| l.contains(" hits ")).unwrap();
    let total: usize = line
        .split_whitespace()
        .take_while(|w| *w != "hits")
        .last()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("{line}"));
    assert!(
        total > 200,
        "the real count, not the first 200 fetched: {line}"
    );
    // Open a hit, find table 3's first row, and read it whole.
    tmux(&["send-keys", "-t", &session, "Down", "Enter"]);
    wait_for(&session, "next / previous hit");
    tmux(&["send-keys", "-t", &session, "/"]);
    tmux(&["send-keys", "-t", &session, "-l", "本年新收"]);
    tmux(&["send-keys", "-t", &session, "Enter"]);
    let report = wait_for(&session, "requests.new_received");
    let header = report
        .lines()
        .find(|l| l.contains("表三"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        header.contains("总计") && !header.contains('▶'),
        "all seven columns at 80: {header}"
    );
    let row = report
        .lines()
        .find(|l| l.trim_start().starts_with("本年新收"))
        .unwrap();
    let numbers: Vec<u64> = row
        .split_whitespace()
        .skip(1)
        .filter_map(|w| w.trim_end_matches('!').parse().ok())
        .collect();
    assert_eq!(numbers.len(), 7, "{row}");
    assert_eq!(
        numbers[..6].iter().sum::<u64>(),
        numbers[6],
        "总计 read whole: {row}"
    );
    tmux(&["send-keys", "-t", &session, "q"]);
    let code = exit_status(&session, &exit_file);
    tmux(&["kill-session", "-t", &session]);
    assert_eq!(code, "0");
}

/// Ctrl-Z stops the browser and gives the shell back; `fg` redraws the
/// whole screen (tabs, list and hint bar), and the keys work again.
#[test]
fn ctrl_z_then_fg_redraws_the_whole_screen() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux not installed: skipping the end-to-end test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let exit_file = dir.path().join("exit");
    let session = format!("xxgk-e2e-z-{}", std::process::id());
    // An interactive shell, for job control (Ctrl-Z, fg).
    let started = Command::new("tmux")
        .args([
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            "80",
            "-y",
            "24",
            "bash --norc --noprofile -i",
        ])
        .env("LANG", "C.UTF-8")
        .env("PS1", "$ ")
        .status()
        .unwrap();
    assert!(started.success());
    // Its status is asked for after `fg` ends it: `cmd; echo $?` would
    // run the echo as soon as Ctrl-Z stops it.
    let command = format!(
        "XXGK_INDEX='{}' NO_COLOR=1 '{}'",
        dir.path().join("index").display(),
        env!("CARGO_BIN_EXE_xxgk"),
    );
    tmux(&["send-keys", "-t", &session, "-l", &command]);
    tmux(&["send-keys", "-t", &session, "Enter"]);
    wait_for(&session, "5 reports");
    tmux(&["send-keys", "-t", &session, "Tab"]);
    wait_for(&session, "鸿城街道");
    tmux(&["send-keys", "-t", &session, "C-z"]);
    let shell = wait_for(&session, "Stopped");
    assert!(
        !shell.contains("搜索 Search"),
        "the shell's screen: {shell}"
    );
    tmux(&["send-keys", "-t", &session, "-l", "clear; fg"]);
    tmux(&["send-keys", "-t", &session, "Enter"]);
    let back = wait_for(&session, "鸿城街道");
    let lines: Vec<&str> = back.lines().collect();
    assert!(
        lines.first().is_some_and(|l| l.contains("搜索 Search")),
        "the tab bar is back: {back}"
    );
    assert!(back.contains("q quit"), "the hint bar is back: {back}");
    assert!(back.contains("二道区"), "{back}");
    // Keys reach it again: 1 goes to Search, q quits with status 0.
    tmux(&["send-keys", "-t", &session, "Escape"]);
    tmux(&["send-keys", "-t", &session, "1"]);
    wait_for(&session, "搜索 /");
    tmux(&["send-keys", "-t", &session, "Escape"]);
    tmux(&["send-keys", "-t", &session, "q"]);
    // The shell's screen again (the browser has left its own), then the status.
    let start = Instant::now();
    while screen(&session).contains("搜索 Search") {
        assert!(start.elapsed() < Duration::from_secs(10), "did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
    tmux(&[
        "send-keys",
        "-t",
        &session,
        "-l",
        &format!("echo $? > '{}'", exit_file.display()),
    ]);
    tmux(&["send-keys", "-t", &session, "Enter"]);
    let code = exit_status(&session, &exit_file);
    tmux(&["kill-session", "-t", &session]);
    assert_eq!(code, "0");
}
