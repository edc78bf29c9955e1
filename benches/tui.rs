//! TUI responsiveness measured in process, without a terminal: time to the
//! first frame, and keystroke → updated results (search + redraw; the runtime
//! adds a 40 ms debounce on top). On the bundled samples and on a generated
//! corpus (`BENCH_REPORTS`, default 10000), or an index made before
//! (`BENCH_INDEX=DIR`). Run: `cargo bench --bench tui`.

use std::time::{Duration, Instant};

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use xxgk::corpus::Corpus;
use xxgk::index::ingest::{self, Options};
use xxgk::index::source::{collect_files, Source};
use xxgk::index::Store;
use xxgk::tui::action::Action;
use xxgk::tui::effects::{self, Task};
use xxgk::tui::state::{App, Loaded};
use xxgk::tui::theme::Theme;
use xxgk::tui::update::update;
use xxgk::tui::view::{self, Ctx};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn draw(t: &mut Terminal<TestBackend>, app: &App) {
    t.draw(|f| {
        view::render(
            f,
            &Ctx {
                app,
                theme: Theme::default(),
                tick: 0,
            },
        )
    })
    .unwrap();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn measure(label: &str, store: &Store) {
    // First frame: state and the first draw, before anything is loaded.
    let t0 = Instant::now();
    let mut app = App::new();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    draw(&mut term, &app);
    let first = t0.elapsed();
    let t1 = Instant::now();
    // As the runtime's loader: the catalog, then the findings.
    let corpus = Corpus::load(store).unwrap();
    corpus.checks().unwrap();
    update(
        &mut app,
        Action::Loaded(Ok(Box::new(Loaded {
            corpus: std::sync::Arc::new(corpus),
            index_dir: "bench".into(),
            reviews: Default::default(),
        }))),
    );
    draw(&mut term, &app);
    let loaded = t1.elapsed();
    // Keystroke → results, per character of a few queries.
    let mut times = Vec::new();
    for q in ["行政复议", "政务新媒体", "依申请公开", "营商环境"] {
        for _ in q.chars() {
            update(&mut app, Action::Backspace);
        }
        for c in q.chars() {
            let t = Instant::now();
            // As the runtime: the search's job, answered by the worker.
            let effect = update(&mut app, Action::Input(c)).into_iter().last();
            if let Some(Task::Job(job)) = effect.and_then(|e| effects::task(e, &app)) {
                let answer = effects::answer(job, Some(store), std::path::Path::new("bench"));
                update(&mut app, answer);
            }
            draw(&mut term, &app);
            times.push(t.elapsed());
        }
        while !app.search.query.text().is_empty() {
            update(&mut app, Action::Backspace);
        }
    }
    times.sort();
    println!(
        "{label}: first frame {:.2} ms, corpus loaded and drawn {:.1} ms, keystroke→results median {:.1} ms, max {:.1} ms ({} keystrokes)",
        ms(first),
        ms(loaded),
        ms(times[times.len() / 2]),
        ms(*times.last().unwrap()),
        times.len()
    );
}

fn build(dir: &std::path::Path, sources: &[Source]) -> Store {
    let store = Store::open_for_writing(dir).unwrap();
    ingest::index(&store, sources, &Options::default(), &|_, _| {}).unwrap();
    Store::open(dir).unwrap()
}

fn main() {
    let samples: Vec<Source> = xxgk::samples::SAMPLES
        .iter()
        .map(|(n, b)| Source::Bundled(format!("sample-data/{n}"), b))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    measure("samples", &build(dir.path(), &samples));

    // An index made before (BENCH_INDEX=DIR), e.g. at 100k reports.
    if let Some(dir) = std::env::var_os("BENCH_INDEX") {
        let store = Store::open(std::path::Path::new(&dir)).unwrap();
        let n = store.catalog().unwrap().len();
        measure(&format!("{n} reports of BENCH_INDEX"), &store);
        return;
    }
    let n: usize = std::env::var("BENCH_REPORTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let corpus_dir = tempfile::tempdir().unwrap();
    xxgk_gen::write_corpus(
        corpus_dir.path(),
        &xxgk_gen::Settings {
            count: n,
            seed: 1,
            defect_rate: 0.05,
        },
    )
    .unwrap();
    let (files, _) = collect_files(&[corpus_dir.path().to_path_buf()]);
    let sources: Vec<Source> = files.into_iter().map(Source::File).collect();
    let idx = tempfile::tempdir().unwrap();
    measure(
        &format!("{n} generated reports"),
        &build(idx.path(), &sources),
    );
}
