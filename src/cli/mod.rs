//! Command-line front end (`shared/CLI.md`).

pub mod corpus_cmd;
pub mod coverage_cmd;
pub mod error;
pub mod index_cmd;
pub mod rank_cmd;
pub mod search_cmd;
pub mod summary;
pub mod table;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use error::Error;
use error::{finish, report, stdout};

#[derive(Parser, Debug)]
#[command(
    name = "xxgk",
    version,
    about = "Search, check and compare 政府信息公开工作年度报告"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Index folder for the browser (default: $XXGK_INDEX, else the platform data folder).
    #[arg(long = "index", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// ASCII symbols, for terminals that draw ambiguous-width characters wide.
    #[arg(long, global = true)]
    pub ascii: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Add report files and folders (recursively: .txt, .md, .html, .htm, .docx, .doc, .wps, .pdf) to the index.
    Index {
        /// Report files and folders (folders are read recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        location: IndexLocation,
        /// Drop documents whose file no longer exists.
        #[arg(long)]
        prune: bool,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Most files per commit (by default a commit is made once a minute).
        #[arg(long, hide = true)]
        commit_every: Option<usize>,
        /// Wait for another `xxgk index` writing to the same index instead of failing.
        #[arg(long)]
        wait: bool,
    },
    /// List bodies (city › district › body) with their years, and coverage gaps.
    Bodies {
        #[command(flatten)]
        location: IndexLocation,
        /// One JSON object per body per line.
        #[arg(long)]
        json: bool,
    },
    /// Year-over-year table of one body's statistics.
    Trend {
        /// A body_id, a full name or an unambiguous part of a name.
        body: String,
        #[command(flatten)]
        location: IndexLocation,
        /// How to print it (csv: the long shape, one row per metric and year).
        #[arg(long, value_enum, default_value = "table")]
        format: corpus_cmd::Format,
        /// Start CSV with a UTF-8 byte order mark (for Excel).
        #[arg(long)]
        bom: bool,
    },
    /// Several bodies side by side for one year (the latest they share by default).
    Compare {
        /// Two or more bodies, each a body_id, a full name or an unambiguous part of one.
        #[arg(required = true, num_args = 2..)]
        bodies: Vec<String>,
        /// The year to compare (default: the latest all of them have).
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        location: IndexLocation,
        /// How to print it (csv: the wide shape, metrics × bodies).
        #[arg(long, value_enum, default_value = "table")]
        format: corpus_cmd::Format,
        /// Start CSV with a UTF-8 byte order mark (for Excel).
        #[arg(long)]
        bom: bool,
    },
    /// Bodies × years: which published, which are missing, which have errors; --missing Y lists who has not published Y.
    Coverage {
        #[command(flatten)]
        location: IndexLocation,
        #[command(flatten)]
        args: coverage_cmd::CoverageArgs,
    },
    /// Bodies ordered by a metric or a ratio for one year, filtered by value (--where 'received>100').
    Rank {
        #[command(flatten)]
        args: rank_cmd::RankArgs,
        #[command(flatten)]
        location: IndexLocation,
    },
    /// Every rule (docs/json.md lists them) over the whole index, corpus rules included.
    Check {
        #[command(flatten)]
        location: IndexLocation,
        /// One JSON object per finding per line.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        filter: corpus_cmd::CheckArgs,
    },
    /// Mark a finding (its id from `xxgk check`) confirmed or dismissed, with a note.
    Review {
        /// The finding's id, as `xxgk check` shows it (`#…`, `id` in --json).
        id: String,
        /// confirmed, dismissed, or open (forgets the review).
        #[arg(value_enum)]
        state: crate::corpus::reviews::State,
        /// Why (kept with the review).
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        location: IndexLocation,
    },
    /// Every statistic of every report, one row per (report, key).
    Export {
        #[command(flatten)]
        location: IndexLocation,
        /// csv (or csv-long: the same) or json (with each value's evidence); table is refused.
        #[arg(long, value_enum, default_value = "csv")]
        format: corpus_cmd::Format,
        /// Start the CSV with a UTF-8 byte order mark (for Excel).
        #[arg(long)]
        bom: bool,
        #[command(flatten)]
        filter: corpus_cmd::ExportArgs,
    },
    /// Full-text search: words (AND), "phrases", -word, body:…, year:2023, year:2019..2023, section:…
    Search {
        /// The query (several arguments are joined with spaces; it may start
        /// with an excluded `-word`: `xxgk search '-诉讼 行政复议'`).
        #[arg(required = true)]
        query: Vec<String>,
        #[command(flatten)]
        location: IndexLocation,
        /// One JSON object per hit per line.
        #[arg(long)]
        json: bool,
        /// Hits to print (0: none), best first.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Bodies named so: a body_id or full name (that body), or a part of
        /// names (every body it is part of: 民政局, 二道区).
        #[arg(long)]
        body: Option<String>,
        /// Bodies under a place: 长春市, 吉林省/长春市.
        #[arg(long, value_name = "PLACE")]
        region: Option<String>,
        /// A year (2023) or a range (2019..2023), combined with the query's year:.
        #[arg(long)]
        year: Option<String>,
        /// One hit per report: its best section, with how many more match.
        #[arg(long)]
        per_report: bool,
        /// Print only the number of hits (sections).
        #[arg(long, conflicts_with = "files_with_matches")]
        count: bool,
        /// Print only the files with a hit, one per line, best first.
        #[arg(short = 'l', long)]
        files_with_matches: bool,
    },
    /// Parse report files and print a summary, or SCHEMA.md objects with --json.
    Parse {
        /// Report files (.txt, .md, .html, .docx, .doc, .wps, .pdf).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// One JSON object per file, one per line.
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script: xxgk completions bash > ~/.local/share/bash-completion/completions/xxgk
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(clap::Args, Debug, Clone)]
pub struct IndexLocation {
    /// Index folder (default: $XXGK_INDEX, else the platform data folder).
    #[arg(long = "index", value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

impl IndexLocation {
    /// The subcommand's `--index`, else the one given before the
    /// subcommand (`xxgk --index DIR search …`), else the default.
    pub fn resolve_with(&self, global: &Option<PathBuf>) -> PathBuf {
        crate::index::location::index_dir(self.dir.clone().or_else(|| global.clone()))
    }
}

/// Flags of `search` that take a value, and those that do not.
const SEARCH_VALUE_FLAGS: &[&str] = &["--index", "--limit", "--body", "--region", "--year"];
const SEARCH_SWITCHES: &[&str] = &[
    "--json",
    "-h",
    "--help",
    "--ascii",
    "--count",
    "-l",
    "--files-with-matches",
    "--per-report",
];

/// The command line with `search`'s query words after a `--`, so that a
/// query starting with an excluded word (`-诉讼 行政复议`) is not taken for
/// a flag, while flags before or after the query still work.
pub fn search_args(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    // The subcommand: the first word that is not a global flag or its value.
    let mut i = 1;
    while i < args.len() {
        match args[i].to_str() {
            Some("--index") => i += 2,
            Some(a) if a.starts_with("--index=") || a == "--ascii" => i += 1,
            _ => break,
        }
    }
    if args.get(i).and_then(|a| a.to_str()) != Some("search") {
        return args;
    }
    let (mut flags, mut query) = (Vec::new(), Vec::new());
    let mut j = i + 1;
    while j < args.len() {
        let a = args[j].to_string_lossy();
        if a == "--" {
            query.extend(args[j + 1..].iter().cloned());
            break;
        }
        let name = a.split('=').next().unwrap_or_default();
        if SEARCH_VALUE_FLAGS.contains(&name) {
            flags.push(args[j].clone());
            if !a.contains('=') {
                if let Some(v) = args.get(j + 1) {
                    flags.push(v.clone());
                }
                j += 1;
            }
        } else if SEARCH_SWITCHES.contains(&name) {
            flags.push(args[j].clone());
        } else {
            query.push(args[j].clone());
        }
        j += 1;
    }
    let mut out: Vec<std::ffi::OsString> = args[..=i].to_vec();
    out.extend(flags);
    if !query.is_empty() {
        out.push("--".into());
        out.extend(query);
    }
    out
}

/// Runs a command. Its error, if any, is for the caller to print (once) and
/// exit with (`Error::exit_code`); a closed stdout comes back as an error
/// for which `Error::is_broken_pipe` holds.
pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    let global = cli.index.clone();
    match cli.command {
        Some(Command::Parse { files, json }) => parse_files(&files, json),
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            // Into memory first: clap_complete panics on a closed pipe.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "xxgk", &mut script);
            let mut o = stdout();
            o.write_all(&script)?;
            finish(o)
        }
        Some(Command::Index {
            paths,
            location,
            prune,
            threads,
            commit_every,
            wait,
        }) => {
            let mut opts = crate::index::ingest::Options {
                prune,
                ..Default::default()
            };
            if let Some(t) = threads {
                opts.threads = t.max(1);
            }
            if let Some(n) = commit_every {
                opts.commit_every = n.max(1);
            }
            index_cmd::run(&location.resolve_with(&global), &paths, &opts, wait)
        }
        Some(Command::Search {
            query,
            location,
            json,
            limit,
            body,
            region,
            year,
            per_report,
            count,
            files_with_matches,
        }) => search_cmd::run(
            &location.resolve_with(&global),
            search_cmd::Args {
                query: query.join(" "),
                json,
                limit,
                body,
                region,
                year,
                per_report,
                output: if count {
                    search_cmd::Output::Count
                } else if files_with_matches {
                    search_cmd::Output::Files
                } else {
                    search_cmd::Output::Hits
                },
            },
        ),
        Some(Command::Bodies { location, json }) => {
            corpus_cmd::bodies_cmd(&location.resolve_with(&global), json)
        }
        Some(Command::Trend {
            body,
            location,
            format,
            bom,
        }) => corpus_cmd::trend_cmd(&location.resolve_with(&global), &body, format, bom),
        Some(Command::Compare {
            bodies,
            year,
            location,
            format,
            bom,
        }) => corpus_cmd::compare_cmd(&location.resolve_with(&global), &bodies, year, format, bom),
        Some(Command::Check {
            location,
            json,
            filter,
        }) => corpus_cmd::check_cmd(&location.resolve_with(&global), json, &filter),
        Some(Command::Review {
            id,
            state,
            note,
            location,
        }) => corpus_cmd::review_cmd(&location.resolve_with(&global), &id, state, &note),
        Some(Command::Rank { args, location }) => {
            rank_cmd::run(&location.resolve_with(&global), &args)
        }
        Some(Command::Coverage { location, args }) => {
            coverage_cmd::run(&location.resolve_with(&global), &args, cli.ascii)
        }
        Some(Command::Export {
            location,
            format,
            bom,
            filter,
        }) => corpus_cmd::export_cmd(&location.resolve_with(&global), format, bom, &filter),
        None => {
            let dir = IndexLocation { dir: None }.resolve_with(&global);
            if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
                crate::tui::runtime::run(crate::tui::runtime::Options {
                    index_dir: dir,
                    ascii: cli.ascii,
                })
                .map_err(Error::Terminal)?;
                Ok(ExitCode::SUCCESS)
            } else {
                first_run(&dir)
            }
        }
    }
}

fn parse_files(files: &[PathBuf], json: bool) -> Result<ExitCode, Error> {
    let mut out = stdout();
    let mut failed = false;
    for file in files {
        match xxgk_core::read_file(file) {
            Ok(parsed) => {
                // Not a failure (exit 0, as for findings), but never a silent pass.
                if summary::read_nothing(&parsed) {
                    out.flush()?;
                    report(format_args!(
                        "warning: {}: read as {}, {}",
                        file.display(),
                        parsed.format.as_str(),
                        summary::NOTHING_READ
                    ));
                }
                let text = if json {
                    serde_json::to_string(&parsed)
                        .map(|s| s + "\n")
                        .unwrap_or_default()
                } else {
                    summary::render(&parsed) + "\n"
                };
                out.write_all(text.as_bytes())?;
            }
            Err(e) => {
                // Parsing goes on with the next file; what was parsed so far
                // is printed first.
                out.flush()?;
                report(format_args!("{}: {e}", file.display()));
                failed = true;
            }
        }
    }
    finish(out)?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `xxgk` with no arguments when not on a terminal (piped, CI). On first run
/// (no index yet) the bundled samples are indexed, so a fresh install works
/// from any folder; then it lists what is indexed and how to search it.
fn first_run(dir: &std::path::Path) -> Result<ExitCode, Error> {
    if !crate::index::Store::exists(dir) {
        report(format_args!(
            "No index at {} yet: indexing the bundled sample reports…",
            dir.display()
        ));
        index_cmd::index_bundled(dir)?;
    }
    let store = crate::index::Store::open(dir)?;
    let corpus = crate::corpus::Corpus::load(&store)?;
    corpus.checks()?;
    let mut out = stdout();
    writeln!(out, "{} reports in {}", corpus.reports.len(), dir.display())?;
    for r in &corpus.reports {
        writeln!(
            out,
            "  {}  {}  {}  {} findings",
            r.year.map_or("----".into(), |y| y.to_string()),
            r.body.as_deref().unwrap_or("(未署名)"),
            r.template.as_str(),
            corpus.findings(r).len()
        )?;
    }
    writeln!(
        out,
        "\nTry:  xxgk search 行政复议      xxgk search \"政务新媒体\" --year 2023"
    )?;
    finish(out)
}

#[cfg(test)]
mod args_tests {
    use super::search_args;

    fn args(a: &[&str]) -> Vec<String> {
        search_args(a.iter().map(|s| s.into()).collect())
            .into_iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn a_query_may_start_with_an_excluded_word() {
        assert_eq!(
            args(&[
                "xxgk",
                "search",
                "-诉讼 行政复议",
                "--index",
                "x",
                "--limit",
                "2"
            ]),
            [
                "xxgk",
                "search",
                "--index",
                "x",
                "--limit",
                "2",
                "--",
                "-诉讼 行政复议"
            ]
        );
        assert_eq!(
            args(&[
                "xxgk",
                "--index",
                "x",
                "search",
                "行政复议",
                "-诉讼",
                "--json"
            ]),
            [
                "xxgk",
                "--index",
                "x",
                "search",
                "--json",
                "--",
                "行政复议",
                "-诉讼"
            ]
        );
        assert_eq!(
            args(&["xxgk", "search", "--year=2023", "--", "-a"]),
            ["xxgk", "search", "--year=2023", "--", "-a"]
        );
        assert_eq!(
            args(&["xxgk", "bodies", "--json"]),
            ["xxgk", "bodies", "--json"]
        );
    }
}
