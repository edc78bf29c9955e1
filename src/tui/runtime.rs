//! The runtime: terminal set-up and restore (quit, Ctrl-C, panic, Ctrl-Z), the
//! input thread, the loader and the search worker. Redraws only on change.

use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::{execute, terminal};

use super::action::{Action, Effect};
use super::keymap;
use super::state::{App, Loaded};
use super::theme::Theme;
use super::update::update;
use super::view::{self, Ctx};
use crate::corpus::{series, Corpus};
use crate::index::search::{self, Request};
use crate::index::Store;
use xxgk_core::model::Report;

pub struct Options {
    pub index_dir: PathBuf,
    pub ascii: bool,
}

enum Msg {
    Event(Event),
    Action(Action),
}

enum Job {
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
    Compare {
        corpus: Arc<Corpus>,
        ids: Vec<String>,
        year: Option<i32>,
    },
}

/// The jobs of a queue worth running, in order: of several searches only the
/// newest (the others answer queries already replaced); every other job.
fn worth_running(queue: Vec<Job>) -> Vec<Job> {
    let newest_search = queue.iter().rposition(|j| matches!(j, Job::Search { .. }));
    queue
        .into_iter()
        .enumerate()
        .filter(|(i, j)| !matches!(j, Job::Search { .. }) || Some(*i) == newest_search)
        .map(|(_, j)| j)
        .collect()
}

/// Quiet time after a keystroke before the query is sent.
const DEBOUNCE: Duration = Duration::from_millis(40);
const SPIN: Duration = Duration::from_millis(100);

fn load(dir: PathBuf) -> Action {
    let result = (|| -> Result<Box<Loaded>, String> {
        if !Store::exists(&dir) {
            let sources: Vec<crate::index::source::Source> = crate::samples::SAMPLES
                .iter()
                .map(|(n, b)| crate::index::source::Source::Bundled(format!("sample-data/{n}"), b))
                .collect();
            let store = Store::open_for_writing(&dir).map_err(|e| e.to_string())?;
            crate::index::ingest::index(&store, &sources, &Default::default(), &|_, _| {})
                .map_err(|e| e.to_string())?;
        }
        let store = Store::open(&dir).map_err(|e| e.to_string())?;
        let corpus = Corpus::load(&store).map_err(|e| e.to_string())?;
        // Read here, off the UI thread, so that `update` finds them in memory.
        corpus.checks().map_err(|e| e.to_string())?;
        Ok(Box::new(Loaded {
            corpus: Arc::new(corpus),
            index_dir: dir.display().to_string(),
        }))
    })();
    Action::Loaded(result)
}

/// Runs jobs off the UI thread; of queued searches only the newest runs.
fn worker(dir: PathBuf, jobs: Receiver<Job>, tx: Sender<Msg>) {
    let mut store: Option<Store> = None;
    let no_index = || Action::Status(format!("no index at {}", dir.display()));
    while let Ok(first) = jobs.recv() {
        let mut queue = vec![first];
        queue.extend(jobs.try_iter());
        for job in worth_running(queue) {
            if store.is_none() && matches!(job, Job::Search { .. } | Job::Report { .. }) {
                store = Store::open(&dir).ok();
            }
            let action = match (job, &store) {
                (Job::Trend { corpus, body_id }, _) => trend_loaded(&corpus, body_id),
                (Job::Compare { corpus, ids, year }, _) => comparison_loaded(&corpus, ids, year),
                (Job::Search { .. } | Job::Report { .. }, None) => no_index(),
                (
                    Job::Search {
                        generation,
                        request,
                    },
                    Some(s),
                ) => Action::SearchDone {
                    generation,
                    result: search::search(s, &request).map_err(|e| e.to_string()),
                },
                (Job::Report { source }, Some(s)) => Action::ReportLoaded(read_report(s, &source)),
            };
            if tx.send(Msg::Action(action)).is_err() {
                return;
            }
        }
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

/// OSC 52 copy, wrapped for tmux; says whether it could be sent.
fn copy(text: &str) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let seq = if std::env::var_os("TMUX").is_some() {
        format!("\x1bPtmux;\x1b\x1b]52;c;{b64}\x07\x1b\\")
    } else {
        format!("\x1b]52;c;{b64}\x07")
    };
    let mut out = std::io::stdout();
    match out.write_all(seq.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => format!(
            "copied {} characters (OSC 52: the terminal must allow clipboard access)",
            text.chars().count()
        ),
        Err(e) => format!("copy failed: {e}"),
    }
}

fn write_csv(name: &str, csv: &str) -> String {
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
    let path = PathBuf::from(format!("xxgk-{safe}.csv"));
    match std::fs::write(&path, format!("\u{feff}{csv}")) {
        Ok(()) => format!(
            "wrote {}",
            std::fs::canonicalize(&path).unwrap_or(path).display()
        ),
        Err(e) => format!("{}: {e}", path.display()),
    }
}

#[cfg(unix)]
fn suspend(terminal: &mut ratatui::DefaultTerminal) {
    ratatui::restore();
    // SAFETY: raising a signal for this process; the default SIGTSTP action stops it.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    // Resumed (fg): back to raw mode and the alternate screen.
    let _ = terminal::enable_raw_mode();
    let _ = execute!(std::io::stdout(), terminal::EnterAlternateScreen);
    let _ = terminal.clear();
}

#[cfg(not(unix))]
fn suspend(_: &mut ratatui::DefaultTerminal) {}

pub fn run(opts: Options) -> std::io::Result<()> {
    let theme = Theme::from_env(opts.ascii);
    let started = Instant::now();
    let mut terminal = ratatui::try_init()?;
    let (tx, rx) = mpsc::channel::<Msg>();
    {
        let tx = tx.clone();
        std::thread::spawn(move || {
            while let Ok(ev) = event::read() {
                if tx.send(Msg::Event(ev)).is_err() {
                    break;
                }
            }
        });
    }
    {
        let tx = tx.clone();
        let dir = opts.index_dir.clone();
        std::thread::spawn(move || {
            let _ = tx.send(Msg::Action(load(dir)));
        });
    }
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    {
        let tx = tx.clone();
        let dir = opts.index_dir.clone();
        std::thread::spawn(move || worker(dir, job_rx, tx));
    }

    let mut app = App::new();
    let mut tick = 0usize;
    let mut dirty = true;
    let mut pending: Option<(Instant, Job)> = None;
    let mut first_frame: Option<Duration> = None;
    let mut loaded_at: Option<Duration> = None;
    let result = loop {
        if dirty {
            app.page = terminal
                .size()
                .map(|s| s.height.saturating_sub(6) as usize)
                .unwrap_or(10)
                .max(1);
            let _ = execute!(std::io::stdout(), terminal::BeginSynchronizedUpdate);
            let drawn = terminal.draw(|f| {
                view::render(
                    f,
                    &Ctx {
                        app: &app,
                        theme,
                        tick,
                    },
                )
            });
            let _ = execute!(std::io::stdout(), terminal::EndSynchronizedUpdate);
            if let Err(e) = drawn {
                break Err(e);
            }
            first_frame.get_or_insert_with(|| started.elapsed());
            dirty = false;
        }
        let busy = app.searching || (app.loaded.is_none() && app.load_error.is_none());
        let timeout = match &pending {
            Some((due, _)) => due.saturating_duration_since(Instant::now()),
            None if busy => SPIN,
            None => Duration::from_secs(3600),
        };
        let mut actions = Vec::new();
        match rx.recv_timeout(timeout) {
            Ok(Msg::Event(Event::Key(key))) if key.kind != KeyEventKind::Release => {
                if key.code == KeyCode::Char('z') && key.modifiers.contains(KeyModifiers::CONTROL) {
                    suspend(&mut terminal);
                    dirty = true;
                } else if let Some(a) = keymap::map(key, app.screen, app.typing) {
                    actions.push(a);
                }
            }
            Ok(Msg::Event(Event::Resize(..))) => actions.push(Action::Resize),
            Ok(Msg::Event(_)) => {}
            Ok(Msg::Action(a)) => {
                if matches!(a, Action::Loaded(_)) {
                    loaded_at = Some(started.elapsed());
                }
                actions.push(a);
            }
            Err(RecvTimeoutError::Timeout) => {
                if let Some((due, _)) = &pending {
                    if Instant::now() >= *due {
                        if let Some((_, job)) = pending.take() {
                            let _ = job_tx.send(job);
                        }
                    }
                }
                if busy {
                    tick += 1;
                    dirty = true;
                }
            }
            Err(RecvTimeoutError::Disconnected) => break Ok(()),
        }
        for a in actions {
            dirty = true;
            for effect in update(&mut app, a) {
                match effect {
                    Effect::Quit => {}
                    Effect::Search {
                        generation,
                        query,
                        year,
                        body,
                    } => {
                        let request = Request {
                            query,
                            limit: 200,
                            body,
                            year,
                            snippet_width: 160,
                        };
                        pending = Some((
                            Instant::now() + DEBOUNCE,
                            Job::Search {
                                generation,
                                request,
                            },
                        ));
                    }
                    Effect::LoadReport { source } => {
                        let _ = job_tx.send(Job::Report { source });
                    }
                    Effect::LoadTrend { body_id } => {
                        if let Some(l) = &app.loaded {
                            let corpus = l.corpus.clone();
                            let _ = job_tx.send(Job::Trend { corpus, body_id });
                        }
                    }
                    Effect::LoadComparison { ids, year } => {
                        if let Some(l) = &app.loaded {
                            let corpus = l.corpus.clone();
                            let _ = job_tx.send(Job::Compare { corpus, ids, year });
                        }
                    }
                    Effect::Copy(text) => app.status = copy(&text),
                    Effect::WriteCsv { name, csv } => app.status = write_csv(&name, &csv),
                }
            }
        }
        if app.quit {
            break Ok(());
        }
    };
    ratatui::restore();
    if std::env::var_os("XXGK_TIMING").is_some() {
        eprintln!(
            "first frame {:.1} ms, index loaded {:.1} ms",
            first_frame.unwrap_or_default().as_secs_f64() * 1e3,
            loaded_at.unwrap_or_default().as_secs_f64() * 1e3
        );
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(generation: u64) -> Job {
        Job::Search {
            generation,
            request: Request::default(),
        }
    }

    fn report(source: &str) -> Job {
        Job::Report {
            source: source.into(),
        }
    }

    fn names(jobs: Vec<Job>) -> Vec<String> {
        jobs.iter()
            .map(|j| match j {
                Job::Search { generation, .. } => format!("search {generation}"),
                Job::Report { source } => format!("report {source}"),
                Job::Trend { body_id, .. } => format!("trend {body_id}"),
                Job::Compare { ids, .. } => format!("compare {}", ids.join("+")),
            })
            .collect()
    }

    #[test]
    fn of_queued_jobs_only_older_searches_are_skipped() {
        let queue = vec![search(1), report("a"), search(2), report("b"), search(3)];
        assert_eq!(
            names(worth_running(queue)),
            ["report a", "report b", "search 3"]
        );
        assert_eq!(names(worth_running(vec![search(4)])), ["search 4"]);
        assert_eq!(names(worth_running(vec![report("c")])), ["report c"]);
    }
}
