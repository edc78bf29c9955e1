//! The runtime: terminal set-up and restore (quit, Ctrl-C, panic, Ctrl-Z), the
//! input thread, the loader and the search worker. Redraws only on change.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::{execute, terminal};

use super::action::Action;
use super::effects::{self, Job, Task};
use super::keymap;
use super::state::App;
use super::theme::Theme;
use super::update::update;
use super::view::{self, Ctx};
use crate::index::Store;

pub struct Options {
    pub index_dir: PathBuf,
    pub ascii: bool,
}

enum Msg {
    Event(Event),
    Action(Action),
}

/// The jobs of a queue worth running, in order: of several searches only the
/// newest (the others answer queries already replaced); every other job.
fn worth_running(queue: Vec<Job>) -> Vec<Job> {
    // Searches and previews: only the newest of each kind (the selection has moved on).
    let kind = |j: &Job| match j {
        Job::Search { .. } => Some(0),
        Job::Section { .. } => Some(1),
        Job::Figures { .. } => Some(2),
        _ => None,
    };
    let newest = |k| queue.iter().rposition(|j| kind(j) == Some(k));
    let newest = [newest(0), newest(1), newest(2)];
    queue
        .into_iter()
        .enumerate()
        .filter(|(i, j)| kind(j).is_none_or(|k| newest[k] == Some(*i)))
        .map(|(_, j)| j)
        .collect()
}

/// Quiet time after a keystroke before the query is sent.
const DEBOUNCE: Duration = Duration::from_millis(40);
const SPIN: Duration = Duration::from_millis(100);
/// How often the index folder is looked at for a finished `xxgk index`.
const WATCH: Duration = Duration::from_secs(2);

/// Rows a page moves in a terminal `height` rows high.
fn page_size(height: Option<u16>) -> usize {
    height.map_or(10, |h| h.saturating_sub(6) as usize).max(1)
}

/// Runs jobs off the UI thread; of queued searches only the newest runs.
fn worker(dir: PathBuf, jobs: Receiver<Job>, tx: Sender<Msg>) {
    let mut store: Option<Store> = None;
    while let Ok(first) = jobs.recv() {
        let mut queue = vec![first];
        queue.extend(jobs.try_iter());
        for job in worth_running(queue) {
            if store.is_none()
                && matches!(
                    job,
                    Job::Search { .. } | Job::Report { .. } | Job::Section { .. }
                )
            {
                store = Store::open(&dir).ok();
            }
            let action = effects::answer(job, store.as_ref(), &dir);
            if tx.send(Msg::Action(action)).is_err() {
                return;
            }
        }
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
    let _ = execute!(
        std::io::stdout(),
        terminal::EnterAlternateScreen,
        terminal::Clear(terminal::ClearType::All)
    );
    // Both buffers blank, so the next draw writes every cell. Not
    // `Terminal::clear`: it asks the terminal for the cursor position, and
    // the answer goes to the event thread, so it times out and resets nothing.
    terminal.swap_buffers();
    terminal.swap_buffers();
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
    let load = |tx: &mpsc::Sender<Msg>| {
        let tx = tx.clone();
        let dir = opts.index_dir.clone();
        std::thread::spawn(move || {
            let _ = tx.send(Msg::Action(effects::load(&dir)));
        });
    };
    load(&tx);
    // An `xxgk index` that finishes while the browser is open is read in.
    let mut stamp = effects::index_stamp(&opts.index_dir);
    let mut stamp_checked = Instant::now();
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    {
        let tx = tx.clone();
        let dir = opts.index_dir.clone();
        std::thread::spawn(move || worker(dir, job_rx, tx));
    }

    let mut app = App::new();
    // Nothing is loaded yet, so the first width asks for no preview.
    app.columns = terminal.size().map_or(80, |s| s.width);
    // The user's rebindings (keys.toml); a bad file is said, the defaults stay.
    let user_keys = match keymap::UserKeys::load() {
        Ok(k) => k,
        Err(e) => {
            app.status = e;
            keymap::UserKeys::default()
        }
    };
    let mut tick = 0usize;
    let mut dirty = true;
    let mut pending: Option<(Instant, Job)> = None;
    let mut first_frame: Option<Duration> = None;
    let mut loaded_at: Option<Duration> = None;
    let result = loop {
        if dirty {
            let page = page_size(terminal.size().ok().map(|s| s.height));
            if page != app.page {
                update(&mut app, Action::PageSize(page));
            }
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
        let busy = app.search.searching || (app.loaded.is_none() && app.load_error.is_none());
        let timeout = match &pending {
            Some((due, _)) => due.saturating_duration_since(Instant::now()),
            None if busy => SPIN,
            None => WATCH,
        };
        let mut actions = VecDeque::new();
        match rx.recv_timeout(timeout) {
            Ok(Msg::Event(Event::Key(key))) if key.kind != KeyEventKind::Release => {
                if key.code == KeyCode::Char('z') && key.modifiers.contains(KeyModifiers::CONTROL) {
                    suspend(&mut terminal);
                    dirty = true;
                } else if let Some(a) = keymap::map_with(&user_keys, key, app.screen, app.typing) {
                    actions.push_back(a);
                }
            }
            // A wider terminal may want a preview: the width goes to `update`.
            Ok(Msg::Event(Event::Resize(columns, _))) => {
                actions.push_back(Action::Resize);
                actions.push_back(Action::Columns(columns));
            }
            Ok(Msg::Event(_)) => {}
            Ok(Msg::Action(a)) => {
                if matches!(a, Action::Loaded(_)) {
                    loaded_at = Some(started.elapsed());
                }
                actions.push_back(a);
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
        if stamp_checked.elapsed() >= WATCH {
            stamp_checked = Instant::now();
            let now = effects::index_stamp(&opts.index_dir);
            if now != stamp && app.loaded.is_some() {
                stamp = now;
                actions.push_back(Action::Reload);
            }
        }
        // Copies and CSV files are done here, their outcome sent on as actions.
        while let Some(a) = actions.pop_front() {
            dirty = true;
            for effect in update(&mut app, a) {
                match effects::task(effect, &app) {
                    Some(Task::Job(job @ Job::Search { .. })) => {
                        pending = Some((Instant::now() + DEBOUNCE, job));
                    }
                    Some(Task::Job(job)) => {
                        let _ = job_tx.send(job);
                    }
                    Some(Task::Copy(text)) => actions.push_back(effects::copy(&text)),
                    Some(Task::Reload) => {
                        stamp = effects::index_stamp(&opts.index_dir);
                        load(&tx);
                    }
                    Some(Task::WriteCsv { name, csv }) => {
                        actions.push_back(effects::write_csv(&name, &csv))
                    }
                    Some(Task::SaveReview {
                        index_dir,
                        id,
                        review,
                    }) => actions.push_back(effects::save_review(&index_dir, &id, review)),
                    None => {}
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
            request: Default::default(),
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
                Job::Section { source, section } => format!("section {source}#{section}"),
                Job::Figures { body_id, .. } => format!("figures {body_id}"),
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

    #[test]
    fn of_queued_previews_only_the_newest_of_each_kind_runs() {
        let section = |n: u64| Job::Section {
            source: "a.txt".into(),
            section: n,
        };
        let queue = vec![section(1), report("a"), section(2), search(1), section(3)];
        assert_eq!(
            names(worth_running(queue)),
            ["report a", "search 1", "section a.txt#3"]
        );
    }
}
