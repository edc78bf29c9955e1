//! Effects carried out: an `Effect` from `update` becomes a `Task` (a job for
//! the worker thread, or a copy or a CSV file done on the UI thread at once),
//! and what comes of it becomes an `Action` for `update`. The runtime and the
//! tests both go through here, so that they do the same.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::corpus::{series, Corpus};
use crate::index::search::{self, Request};
use crate::index::Store;
use xxgk_core::model::Report;

use super::action::{Action, Effect};
use super::state::{App, Loaded};

/// Hits a search fetches first; scrolling near the end fetches as many again.
pub const SEARCH_LIMIT: usize = 200;
/// Characters of a hit's snippet.
pub const SNIPPET_WIDTH: usize = 160;

/// Work for the worker thread: it reads the index or the corpus.
pub enum Job {
    Search {
        generation: u64,
        request: Request,
    },
    Report {
        source: String,
    },
    Trend {
        corpus: Arc<Corpus>,
        body_id: String,
    },
    /// Previews: a newer one of the same kind makes an older one not worth running.
    Section {
        source: String,
        section: u64,
    },
    Figures {
        corpus: Arc<Corpus>,
        body_id: String,
    },
    Compare {
        corpus: Arc<Corpus>,
        ids: Vec<String>,
        year: Option<i32>,
    },
}

/// How an effect is carried out.
pub enum Task {
    /// On the worker thread (the runtime holds searches back for its debounce).
    Job(Job),
    /// On the UI thread, at once: `copy`.
    Copy(String),
    /// On the UI thread, at once: `write_csv`.
    WriteCsv { name: String, csv: String },
    /// Off the UI thread, as at start: `load`.
    Reload,
    /// On the UI thread, at once: `save_review` (a small file).
    SaveReview {
        index_dir: PathBuf,
        id: String,
        review: crate::corpus::reviews::Review,
    },
}

/// The task for `effect`. `None`: nothing to do — quitting (`update` has set
/// `App::quit`), or a trend or comparison before the corpus is loaded.
pub fn task(effect: Effect, app: &App) -> Option<Task> {
    let corpus = || app.loaded.as_ref().map(|l| l.corpus.clone());
    let job = match effect {
        Effect::Quit => return None,
        Effect::Copy(text) => return Some(Task::Copy(text)),
        Effect::Reload => return Some(Task::Reload),
        Effect::WriteCsv { name, csv } => return Some(Task::WriteCsv { name, csv }),
        Effect::SaveReview { id, review } => {
            return Some(Task::SaveReview {
                index_dir: PathBuf::from(&app.loaded.as_ref()?.index_dir),
                id,
                review,
            })
        }
        Effect::Search {
            generation,
            query,
            year,
            body,
            limit,
        } => Job::Search {
            generation,
            request: Request {
                limit,
                ..search_request(query, year, body)
            },
        },
        Effect::LoadReport { source } => Job::Report { source },
        Effect::LoadSection { source, section } => Job::Section { source, section },
        Effect::LoadFigures { body_id } => Job::Figures {
            corpus: corpus()?,
            body_id,
        },
        Effect::LoadTrend { body_id } => Job::Trend {
            corpus: corpus()?,
            body_id,
        },
        Effect::LoadComparison { ids, year } => Job::Compare {
            corpus: corpus()?,
            ids,
            year,
        },
    };
    Some(Task::Job(job))
}

/// The search the browser sends for a query (and its filters).
pub fn search_request(
    query: String,
    year: Option<xxgk_core::model::YearRange>,
    body: Option<String>,
) -> Request {
    Request {
        query,
        limit: SEARCH_LIMIT,
        body,
        region: None,
        year,
        snippet_width: SNIPPET_WIDTH,
    }
}

/// Does `job` and answers with the action for `update`. Searches and reports
/// read the index, `store` (`None`: there is none at `index_dir`); trends and
/// comparisons read the job's corpus.
pub fn answer(job: Job, store: Option<&Store>, index_dir: &Path) -> Action {
    match (job, store) {
        (Job::Trend { corpus, body_id }, _) => trend_loaded(&corpus, body_id),
        (Job::Compare { corpus, ids, year }, _) => comparison_loaded(&corpus, ids, year),
        (Job::Figures { corpus, body_id }, _) => Action::FiguresLoaded {
            result: series::trend(&corpus, &body_id)
                .map(Box::new)
                .map_err(|e| e.to_string()),
            body_id,
        },
        (Job::Search { .. } | Job::Report { .. } | Job::Section { .. }, None) => {
            Action::Status(format!("no index at {}", index_dir.display()))
        }
        (
            Job::Search {
                generation,
                request,
            },
            Some(s),
        ) => search_done(s, generation, &request),
        (Job::Report { source }, Some(s)) => Action::ReportLoaded(read_report(s, &source)),
        (Job::Section { source, section }, Some(s)) => Action::SectionLoaded {
            result: read_section(s, &source, section),
            source,
            section,
        },
    }
}

/// The answer to `Effect::Search`.
pub fn search_done(store: &Store, generation: u64, request: &Request) -> Action {
    Action::SearchDone {
        generation,
        result: search::search_counted(store, request).map_err(|e| e.to_string()),
    }
}

/// The answer to `Effect::LoadTrend`: the body's trend, read from `corpus`.
pub fn trend_loaded(corpus: &Corpus, body_id: String) -> Action {
    Action::TrendLoaded {
        result: series::trend(corpus, &body_id)
            .map(Box::new)
            .map_err(|e| e.to_string()),
        body_id,
    }
}

/// The answer to `Effect::LoadComparison`.
pub fn comparison_loaded(corpus: &Corpus, ids: Vec<String>, year: Option<i32>) -> Action {
    Action::ComparisonLoaded {
        result: series::compare(corpus, &ids, year)
            .map(Box::new)
            .map_err(|e| e.to_string()),
        ids,
    }
}

/// A report with its section texts, for the report screen.
fn read_report(s: &Store, source: &str) -> Result<Box<Report>, String> {
    s.report_with_text(source)
        .map_err(|e| e.to_string())?
        .map(Box::new)
        .ok_or_else(|| format!("{source}: not in the index"))
}

/// One section's text (the table-and-heading pseudo-section included).
fn read_section(s: &Store, source: &str, section: u64) -> Result<String, String> {
    s.sections(source)
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|x| u64::from(x.number) == section)
        .map(|x| x.text)
        .ok_or_else(|| format!("{source}: section {section} is not in the index"))
}

/// The loader: the corpus of the index at `dir` (the bundled samples are
/// indexed there first if there is no index), with its findings read.
pub fn load(dir: &Path) -> Action {
    let result = (|| -> Result<Box<Loaded>, String> {
        if !Store::exists(dir) {
            let sources: Vec<crate::index::source::Source> = crate::samples::SAMPLES
                .iter()
                .map(|(n, b)| crate::index::source::Source::Bundled(format!("sample-data/{n}"), b))
                .collect();
            let store = Store::open_for_writing(dir).map_err(|e| e.to_string())?;
            crate::index::ingest::index(&store, &sources, &Default::default(), &|_, _| {})
                .map_err(|e| e.to_string())?;
        }
        let store = Store::open(dir).map_err(|e| e.to_string())?;
        let corpus = Corpus::load(&store).map_err(|e| e.to_string())?;
        // Read here, off the UI thread, so that `update` finds them in memory.
        corpus.checks().map_err(|e| e.to_string())?;
        let reviews = crate::corpus::reviews::Reviews::load(dir)?;
        Ok(Box::new(Loaded {
            corpus: Arc::new(corpus),
            index_dir: dir.display().to_string(),
            reviews,
        }))
    })();
    Action::Loaded(result)
}

/// Records a review in the reviews file of the index at `index_dir`; the
/// status says what was recorded, or why not.
pub fn save_review(index_dir: &Path, id: &str, review: crate::corpus::reviews::Review) -> Action {
    let state = review.state;
    let result = crate::corpus::reviews::Reviews::load(index_dir).and_then(|mut all| {
        all.set(id, review);
        all.save()
    });
    Action::Status(match result {
        Ok(()) => format!("#{id} {}", state.as_str()),
        Err(e) => format!("review not saved: {e}"),
    })
}

/// When the index at `dir` was last committed (its `meta.json`): a change
/// means an `xxgk index` finished.
pub fn index_stamp(dir: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(Store::meta_file(dir))
        .and_then(|m| m.modified())
        .ok()
}

/// OSC 52 copy to the terminal's clipboard (wrapped for tmux); the status
/// says whether it could be sent.
pub fn copy(text: &str) -> Action {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    // Plain OSC 52 (tmux passes it on with `set-clipboard on`); GNU screen
    // needs its passthrough.
    let screen = std::env::var_os("STY").is_some() && std::env::var_os("TMUX").is_none();
    let seq = if screen {
        format!("\x1bP\x1b]52;c;{b64}\x07\x1b\\")
    } else {
        format!("\x1b]52;c;{b64}\x07")
    };
    let mut out = std::io::stdout();
    Action::Status(
        match out.write_all(seq.as_bytes()).and_then(|_| out.flush()) {
            // Whether the terminal took it cannot be known from here.
            Ok(()) => format!(
                "sent {} characters to the terminal's clipboard (OSC 52)",
                text.chars().count()
            ),
            Err(e) => format!("copy failed: {e}"),
        },
    )
}

/// The file `write_csv` writes table `name` to, in the working directory.
pub fn csv_path(name: &str) -> PathBuf {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    PathBuf::from(format!("xxgk-{safe}.csv"))
}

/// Writes `csv` (with a BOM, for spreadsheets) to `csv_path(name)`, or to
/// `…-2.csv`, `…-3.csv` when that exists: a file is never overwritten. The
/// status says the full path, or why not.
pub fn write_csv(name: &str, csv: &str) -> Action {
    write_csv_in(Path::new("."), name, csv)
}

/// `write_csv` into folder `dir`.
pub fn write_csv_in(dir: &Path, name: &str, csv: &str) -> Action {
    let first = dir.join(csv_path(name));
    let stem = first.with_extension("");
    let mut last_error = None;
    for n in 1..1000 {
        let path = if n == 1 {
            first.clone()
        } else {
            PathBuf::from(format!("{}-{n}.csv", stem.display()))
        };
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path);
        match file.and_then(|mut f| f.write_all(format!("\u{feff}{csv}").as_bytes())) {
            Ok(()) => {
                let full = std::fs::canonicalize(&path).unwrap_or(path);
                return Action::Status(format!("wrote {}", full.display()));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                last_error = Some(format!("{}: {e}", path.display()));
                break;
            }
        }
    }
    Action::Status(last_error.unwrap_or_else(|| format!("{}: too many copies", first.display())))
}
