//! Command-line front end (`shared/CLI.md`).

pub mod summary;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::parse;

#[derive(Parser, Debug)]
#[command(
    name = "xxgk",
    version,
    about = "Search, check and compare 政府信息公开工作年度报告"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse report files and print a summary, or SCHEMA.md objects with --json.
    Parse {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// One JSON object per file, one per line.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Parse { files, json }) => parse_files(&files, json),
        None => show_samples(),
    }
}

fn parse_files(files: &[PathBuf], json: bool) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for file in files {
        match parse::parse_file(file) {
            Ok(report) => {
                let text = if json {
                    serde_json::to_string(&report)
                        .map(|s| s + "\n")
                        .unwrap_or_default()
                } else {
                    summary::render(&report) + "\n"
                };
                if out.write_all(text.as_bytes()).is_err() {
                    return ExitCode::SUCCESS; // stdout closed (e.g. piped to head)
                }
            }
            Err(e) => {
                eprintln!("{}: {e}", file.display());
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Until the browser exists: the bundled samples, parsed.
fn show_samples() -> ExitCode {
    for (name, bytes) in crate::samples::SAMPLES {
        match parse::parse_bytes(&format!("sample-data/{name}"), bytes) {
            Ok(r) => println!("{}", summary::render(&r)),
            Err(e) => eprintln!("sample-data/{name}: {e}"),
        }
    }
    ExitCode::SUCCESS
}
