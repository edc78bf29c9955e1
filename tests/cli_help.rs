//! Shell integration: every flag and argument in `--help` has a
//! description, completion scripts for bash, zsh and fish, and a man page
//! (docs/xxgk.1) kept in step with the command line.

use clap::CommandFactory;
use std::process::Command;
use xxgk::cli::Cli;

fn undescribed(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        if arg.is_hide_set() || id == "help" || id == "version" {
            continue;
        }
        if arg.get_help().is_none() && arg.get_long_help().is_none() {
            out.push(format!("{path} {id}"));
        }
    }
    for sub in cmd.get_subcommands() {
        if sub.get_about().is_none() {
            out.push(format!("{path} {} (the command)", sub.get_name()));
        }
        undescribed(sub, &format!("{path} {}", sub.get_name()), out);
    }
}

#[test]
fn every_flag_and_argument_has_a_description() {
    let mut missing = Vec::new();
    undescribed(&Cli::command(), "xxgk", &mut missing);
    assert!(missing.is_empty(), "no description: {missing:?}");
}

#[test]
fn completion_scripts_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["search", "trend", "region", "per-report"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
}

/// docs/xxgk.1 is the man page of this command line: `XXGK_WRITE_MAN=1
/// cargo test --test cli_help` writes it again after a change.
#[test]
fn the_man_page_is_current() {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/xxgk.1");
    if std::env::var_os("XXGK_WRITE_MAN").is_some() {
        std::fs::write(&path, &page).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == page,
        "docs/xxgk.1 is out of date: run XXGK_WRITE_MAN=1 cargo test --test cli_help"
    );
}
