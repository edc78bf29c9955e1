//! `xxgk index PATH… [--index DIR] [--prune]`: progress on a terminal, quiet
//! when piped, and a closing summary with every failure and its reason.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use super::error::{finish, report, stdout, Error};
use crate::index::ingest::{self, Options, Summary};
use crate::index::source::{collect_files_counted, Source};
use crate::index::Store;

fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {pos}/{len} files  {rate}  eta {eta}  {wide_bar}  {msg}",
        )
        .map(|s| {
            // A whole number of files a second.
            s.with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0}/s", state.per_sec());
                },
            )
        })
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

fn run_sources(dir: &Path, sources: &[Source], opts: &Options) -> Result<Summary, Error> {
    run_sources_waiting(dir, sources, opts, false)
}

/// With `wait`, an index another `xxgk index` is writing is waited for
/// (checked twice a second) instead of refused.
fn run_sources_waiting(
    dir: &Path,
    sources: &[Source],
    opts: &Options,
    wait: bool,
) -> Result<Summary, Error> {
    let mut said = false;
    loop {
        match run_once(dir, sources, opts) {
            Err(Error::Index(crate::index::IndexError::Busy(_))) if wait => {
                if opts
                    .stop
                    .as_ref()
                    .is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed))
                {
                    return Ok(Summary {
                        interrupted: true,
                        total: sources.len(),
                        ..Summary::default()
                    });
                }
                if !said {
                    report(format_args!(
                        "{}: another xxgk index is writing; waiting for it to finish…",
                        dir.display()
                    ));
                    said = true;
                }
                std::thread::sleep(std::time::Duration::from_millis(500));
            }
            other => return other,
        }
    }
}

fn run_once(dir: &Path, sources: &[Source], opts: &Options) -> Result<Summary, Error> {
    let store = Store::open_for_writing(dir)?;
    let bar = progress_bar();
    bar.set_length(sources.len() as u64);
    let result = ingest::index(&store, sources, opts, &|done, total| {
        bar.set_position(done as u64);
        if done == total {
            bar.set_message("committing…");
        }
    });
    bar.finish_and_clear();
    result.map_err(Error::from)
}

pub fn index_bundled(dir: &Path) -> Result<Summary, Error> {
    let sources: Vec<Source> = crate::samples::SAMPLES
        .iter()
        // Shown as sample-data/NAME, like the files in the repository.
        .map(|(name, bytes)| Source::Bundled(format!("sample-data/{name}"), bytes))
        .collect();
    run_sources(dir, &sources, &Options::default())
}

/// Copies the `aliases.toml` found at the root of indexed folders into the
/// index folder, where `bodies`, `trend` and the others read it.
fn copy_aliases(dir: &Path, paths: &[PathBuf]) -> Result<(), String> {
    use crate::corpus::aliases::{Aliases, FILE_NAME};
    let mut texts = Vec::new();
    for p in paths.iter().filter(|p| p.is_dir()) {
        let file = p.join(FILE_NAME);
        if let Ok(text) = std::fs::read_to_string(&file) {
            Aliases::parse(&text, &file)?;
            texts.push(text);
        }
    }
    if texts.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let target = dir.join(FILE_NAME);
    std::fs::write(&target, texts.join("\n")).map_err(|e| format!("{}: {e}", target.display()))
}

/// Drops the reviews of reports whose content is no longer indexed.
fn prune_reviews(dir: &Path) -> Result<usize, String> {
    use crate::corpus::reviews::Reviews;
    let mut reviews = Reviews::load(dir)?;
    if reviews.is_empty() {
        return Ok(0);
    }
    let catalog = Store::open(dir)
        .and_then(|s| s.catalog())
        .map_err(|e| e.to_string())?;
    let live = catalog.iter().map(|r| r.hash.as_str()).collect();
    let dropped = reviews.prune(&live);
    if dropped > 0 {
        reviews.save()?;
    }
    Ok(dropped)
}

pub fn run(dir: &Path, paths: &[PathBuf], opts: &Options, wait: bool) -> Result<ExitCode, Error> {
    let (files, mut failed, skipped) = collect_files_counted(paths);
    // Ctrl-C: the files done are committed and the run ends; a second Ctrl-C ends it at once.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let _ = signal_hook::flag::register_conditional_shutdown(
        signal_hook::consts::SIGINT,
        130,
        stop.clone(),
    );
    let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, stop.clone());
    let opts = &Options {
        stop: Some(stop),
        ..opts.clone()
    };
    if let Err(e) = copy_aliases(dir, paths) {
        failed.push(("aliases".into(), e));
    }
    let sources: Vec<Source> = files.into_iter().map(Source::File).collect();
    let summary = run_sources_waiting(dir, &sources, opts, wait)?;
    failed.extend(summary.failed.iter().cloned());
    let dropped = match prune_reviews(dir) {
        Ok(n) => n,
        Err(e) => {
            failed.push(("reviews".into(), e));
            0
        }
    };
    for (file, why) in &failed {
        report(format_args!("{file}: {why}"));
    }
    let mut line = format!(
        "indexed {}, unchanged {}, failed {}",
        summary.indexed,
        summary.unchanged,
        failed.len()
    );
    if opts.prune {
        line.push_str(&format!(", removed {}", summary.removed));
    }
    if dropped > 0 {
        line.push_str(&format!(
            ", {dropped} reviews dropped (their reports' content changed)"
        ));
    }
    if skipped.other_kinds > 0 || skipped.linked_folders > 0 {
        line.push_str(&format!(
            ", skipped {} files of other kinds and {} symlinked folders",
            skipped.other_kinds, skipped.linked_folders
        ));
    }
    if summary.interrupted {
        line = format!(
            "interrupted: {} of {} committed; run again to go on ({line})",
            crate::text::thousands(summary.done()),
            crate::text::thousands(summary.total)
        );
    }
    let mut out = stdout();
    writeln!(out, "{line}  ({})", dir.display())?;
    finish(out)?;
    Ok(if summary.interrupted {
        ExitCode::from(130)
    } else if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
