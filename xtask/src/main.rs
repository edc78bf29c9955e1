//! Developer tasks, kept out of the product binary: `cargo xtask gen-corpus`
//! writes a deterministic generated corpus, `cargo xtask bench` runs the
//! corpus-scale benchmark (`scripts/bench` builds what it needs first).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench;

// The same allocator as the xxgk binary: the bench parses and searches in
// this process.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "xxgk's developer tasks")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Write a deterministic generated corpus (tests, benchmarks).
    GenCorpus {
        /// Output folder (created).
        dir: PathBuf,
        #[arg(long, default_value_t = 1000)]
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Share of reports with a rule defect.
        #[arg(long, default_value_t = 0.05)]
        defect_rate: f64,
    },
    /// The corpus-scale benchmark: sizes from BENCH_SIZES (default "10000");
    /// writes BENCHMARKS.md. Run it through scripts/bench.
    Bench,
}

fn main() -> ExitCode {
    match Cli::parse().task {
        Task::GenCorpus {
            dir,
            count,
            seed,
            defect_rate,
        } => {
            let settings = xxgk_gen::Settings {
                count,
                seed,
                defect_rate,
            };
            match xxgk_gen::write_corpus(&dir, &settings) {
                Ok(n) => {
                    println!("wrote {n} reports to {}", dir.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{}: {e}", dir.display());
                    ExitCode::from(1)
                }
            }
        }
        Task::Bench => {
            bench::run();
            ExitCode::SUCCESS
        }
    }
}
