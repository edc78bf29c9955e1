//! The corpus-scale benchmark suite (issue 6), `cargo xtask bench`. For each size in `BENCH_SIZES`
//! (default "10000"): generate a corpus (cached under target/bench-corpus),
//! then measure parse and index throughput (1 and 2 threads, peak RSS of the
//! indexing process), the raw jieba+tantivy ceiling on the same text
//! (`raw_index`, a process timed like `xxgk index`), index size,
//! warm query latency (median, p99, 10 snippets), cold `xxgk search`,
//! `rg -l -F` on the same files, recall against rg on 200 random substrings,
//! and the TUI's first frame and keystroke → results. Writes BENCHMARKS.md and
//! prints a last `bench: …` line. Run with `scripts/bench`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use xxgk::index::search::{self, Request};
use xxgk::index::Store;

/// The workspace root (this crate is `xtask/` in it).
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits in the workspace")
        .to_path_buf()
}

fn binary() -> PathBuf {
    root().join("target/release/xxgk")
}

fn draw(term: &mut ratatui::Terminal<ratatui::backend::TestBackend>, app: &xxgk::tui::state::App) {
    let ctx = xxgk::tui::view::Ctx {
        app,
        theme: Default::default(),
        tick: 0,
    };
    term.draw(|f| xxgk::tui::view::render(f, &ctx)).unwrap();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn dir_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            total += if p.is_dir() {
                dir_bytes(&p)
            } else {
                e.metadata().map_or(0, |m| m.len())
            };
        }
    }
    total
}

/// The child's own peak RSS in MB (`VmHWM`), while it runs.
fn high_water_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Wall time and peak RSS (MB) of one child process.
///
/// Not `ru_maxrss`: a child spawned from this process (vfork, then exec)
/// starts with this process's high-water mark, which after parsing a whole
/// corpus in memory is larger than anything measured. `VmHWM` belongs to the
/// exec'd image alone; it is sampled every millisecond (it only grows) while
/// the main thread waits.
fn run_measured(cmd: &mut Command) -> (Duration, f64) {
    let t = Instant::now();
    let mut child = cmd.spawn().expect("run");
    let pid = child.id();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut peak: f64 = 0.0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                match high_water_mb(pid) {
                    Some(mb) => peak = peak.max(mb),
                    None => break,
                }
                std::thread::sleep(Duration::from_millis(1));
            }
            peak
        })
    };
    let status = child.wait().expect("wait");
    let wall = t.elapsed();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let peak = sampler.join().unwrap_or(0.0);
    assert!(
        status.success() || status.code() == Some(1),
        "{cmd:?} failed: {status}"
    );
    (wall, peak)
}

/// A corpus command, run cold (new process, warm page cache): median wall
/// time of `runs` and the largest peak RSS.
struct CommandTimes {
    label: String,
    ms: f64,
    rss_mb: f64,
}

fn corpus_commands(index: &Path) -> Vec<CommandTimes> {
    let ids: Vec<String> = {
        let out = Command::new(binary())
            .args(["bodies", "--json", "--index"])
            .arg(index)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["id"].as_str().map(str::to_string))
            .collect()
    };
    let pick = |i: usize| ids[(i * 7919) % ids.len()].clone();
    let cases: Vec<(String, Vec<String>, usize)> = vec![
        ("bodies".into(), vec!["bodies".into()], 5),
        ("trend BODY".into(), vec!["trend".into(), pick(1)], 5),
        (
            "compare 3 bodies".into(),
            vec![
                "compare".into(),
                pick(2),
                pick(3),
                pick(4),
                "--year".into(),
                "2023".into(),
            ],
            5,
        ),
        ("check".into(), vec!["check".into()], 3),
        ("export (CSV)".into(), vec!["export".into()], 1),
    ];
    cases
        .into_iter()
        .map(|(label, args, runs)| {
            let mut times = Vec::new();
            let mut rss: f64 = 0.0;
            for _ in 0..runs {
                let (t, r) = run_measured(
                    Command::new(binary())
                        .args(&args)
                        .arg("--index")
                        .arg(index)
                        .stdout(std::process::Stdio::null())
                        .stderr(std::process::Stdio::null()),
                );
                times.push(t);
                rss = rss.max(r);
            }
            times.sort();
            CommandTimes {
                label,
                ms: ms(times[times.len() / 2]),
                rss_mb: rss,
            }
        })
        .collect()
}

fn commands_table(size: usize, commands: &[CommandTimes]) -> String {
    let mut md = format!(
        "\n### Corpus commands, {size} reports (new process each run, median)\n\n| command | ms | peak RSS MB |\n|---|---|---|\n"
    );
    for c in commands {
        md.push_str(&format!(
            "| `xxgk {}` | {:.0} | {:.0} |\n",
            c.label, c.ms, c.rss_mb
        ));
    }
    md
}

/// The ceiling: `xtask/src/bin/raw_index.rs`, xxgk's two tokenizers over
/// each file's whole text, no parsing, run as a process like `xxgk index`.
fn raw_binary() -> PathBuf {
    let path = root().join("target/release/raw_index");
    assert!(
        path.exists(),
        "{} is missing: scripts/bench builds it (cargo build --release -p xtask --bin raw_index)",
        path.display()
    );
    path
}

/// Recall against `rg -l -F` on 200 substrings of 2–8 characters taken from
/// the files, and what the misses are.
struct Recall {
    percent: f64,
    /// Files rg found and xxgk did not, over all substrings.
    missed: usize,
    /// Missed files checked (up to 20 a substring) for the substring in the
    /// text xxgk indexes — the preamble, a section or the other text of the
    /// parsed report — and how many held it there: true misses.
    checked: usize,
    in_indexed_text: usize,
    /// The substrings with misses: (substring, files rg found, files missed).
    missing: Vec<(String, usize, usize)>,
}

fn recall(files: &[PathBuf], corpus: &Path, store: &Store) -> Recall {
    let mut rng = xxgk_gen::Rng::new(42);
    let mut found_total = 0usize;
    let mut rg_total = 0usize;
    let mut checked = 0;
    let mut out = Recall {
        percent: 100.0,
        missed: 0,
        checked: 0,
        in_indexed_text: 0,
        missing: Vec::new(),
    };
    while checked < 200 {
        let f = &files[rng.below(files.len() as u64) as usize];
        let text = xxgk_core::parse::decode::decode(&std::fs::read(f).unwrap()).unwrap_or_default();
        let chars: Vec<char> = text.chars().collect();
        if chars.len() < 20 {
            continue;
        }
        let len = rng.range(2, 8) as usize;
        let start = rng.below((chars.len() - len) as u64) as usize;
        let needle: String = chars[start..start + len].iter().collect();
        if needle.chars().any(|c| {
            c.is_whitespace() || c.is_ascii_punctuation() || !c.is_alphanumeric() && c.is_ascii()
        }) {
            continue;
        }
        let out_rg = Command::new("rg")
            .args(["-l", "-F", &needle])
            .arg(corpus)
            .output()
            .unwrap();
        let rg_files: BTreeSet<String> = String::from_utf8_lossy(&out_rg.stdout)
            .lines()
            .map(|l| {
                std::fs::canonicalize(l).map_or(l.to_string(), |p| p.to_string_lossy().into_owned())
            })
            .collect();
        let hits = search::search(
            store,
            &Request {
                query: format!("\"{needle}\""),
                limit: 1_000_000,
                snippet_width: 10,
                ..Default::default()
            },
        )
        .unwrap_or_default();
        let ours: BTreeSet<String> = hits.into_iter().map(|h| h.source).collect();
        let missed: Vec<&String> = rg_files.iter().filter(|f| !ours.contains(*f)).collect();
        for file in missed.iter().take(20) {
            let Ok(report) = xxgk_core::read_bytes(file, &std::fs::read(file).unwrap()) else {
                continue;
            };
            out.checked += 1;
            let mut texts = vec![&report.preamble, &report.other_text];
            texts.extend(report.sections.iter().map(|s| &s.text));
            if texts.iter().any(|t| t.contains(&needle)) {
                out.in_indexed_text += 1;
            }
        }
        if !missed.is_empty() {
            out.missing.push((needle, rg_files.len(), missed.len()));
        }
        out.missed += missed.len();
        rg_total += rg_files.len();
        found_total += rg_files.len() - missed.len();
        checked += 1;
    }
    if rg_total > 0 {
        out.percent = found_total as f64 / rg_total as f64 * 100.0;
    }
    out
}

fn recall_notes(size: usize, r: &Recall) -> String {
    let mut md = format!(
        "\n### Recall misses at {size} reports\n\n{} of rg's files missed over 200 substrings. Of {} missed files checked, {} hold the substring in the text xxgk indexes (a true miss); the rest hold it only outside that text — in HTML files, the markup, navigation bars and footers the parser drops.\n\n| substring | rg files | missed |\n|---|---|---|\n",
        r.missed, r.checked, r.in_indexed_text
    );
    for (needle, rg, missed) in &r.missing {
        md.push_str(&format!("| `{needle}` | {rg} | {missed} |\n"));
    }
    md
}

const QUERIES: &[(&str, &str)] = &[
    ("word", "行政复议"),
    ("word", "营商环境"),
    ("word", "信息"),
    ("two words", "政务公开 培训"),
    ("two words", "依申请公开 答复"),
    ("phrase", "\"政务新媒体\""),
    ("rare phrase", "\"殡葬改革\""),
    ("very common phrase", "\"政府信息公开\""),
    // Not in the fixed set's median and p99, which the issue defines, but in
    // "worst common phrase" with the one above: common phrases jieba cuts
    // into several words, the slowest of some twenty probed at 100k reports
    // (new process each) before such phrases were pruned.
    ("common phrase", "\"政府信息公开工作\""),
    ("common phrase", "\"信息公开工作\""),
    ("common phrase", "\"公开工作年度报告\""),
    ("common phrase", "\"主动公开政府信息\""),
    ("common phrase", "\"信息公开工作年度报告\""),
];

/// One query of the fixed set: its runs (sorted) and how many sections match.
struct QueryTimes {
    kind: &'static str,
    query: &'static str,
    runs: Vec<Duration>,
    matches: usize,
}

fn warm_queries(store: &Store) -> Vec<QueryTimes> {
    QUERIES
        .iter()
        .map(|(kind, q)| {
            let req = Request {
                query: q.to_string(),
                limit: 10,
                snippet_width: 80,
                ..Default::default()
            };
            search::search(store, &req).unwrap();
            let mut runs: Vec<Duration> = (0..30)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(search::search(store, &req).unwrap());
                    t.elapsed()
                })
                .collect();
            runs.sort();
            let matches = search::search_counted(store, &req).unwrap().1;
            QueryTimes {
                kind,
                query: q,
                runs,
                matches,
            }
        })
        .collect()
}

fn query_table(size: usize, warm: &[QueryTimes]) -> String {
    let mut md = format!(
        "\n### Warm queries at {size} reports (10 snippets, 30 runs each)\n\nThe warm median and p99 of the main table are over the fixed set (the rows down to the very common phrase); the worst common phrase is the highest p99 of the last {} rows.\n\n| kind | query | matching sections | median ms | p99 ms |\n|---|---|---|---|---|\n",
        warm.iter().filter(|q| q.kind.ends_with("common phrase")).count()
    );
    for q in warm {
        md.push_str(&format!(
            "| {} | `{}` | {} | {:.1} | {:.1} |\n",
            q.kind,
            q.query,
            q.matches,
            ms(percentile(&q.runs, 0.5)),
            ms(percentile(&q.runs, 0.99))
        ));
    }
    md
}

struct Row {
    warm: Vec<QueryTimes>,
    commands: Vec<CommandTimes>,
    size: usize,
    corpus_mb: f64,
    parse_reports_s: f64,
    parse_mb_s: f64,
    index1_mb_s: f64,
    index2_mb_s: f64,
    raw2_mb_s: f64,
    rss_mb: f64,
    raw_rss_mb: f64,
    size_ratio: f64,
    warm_median: f64,
    warm_p99: f64,
    worst_common: f64,
    cold: f64,
    rg: f64,
    recall: Recall,
    tui_first: f64,
    tui_key: f64,
}

fn measure(size: usize) -> Row {
    let corpus = root().join(format!("target/bench-corpus/{size}"));
    if !corpus.join(".done").exists() {
        let _ = std::fs::remove_dir_all(&corpus);
        std::fs::create_dir_all(&corpus).unwrap();
        xxgk_gen::write_corpus(
            &corpus,
            &xxgk_gen::Settings {
                count: size,
                seed: 1,
                defect_rate: 0.05,
            },
        )
        .unwrap();
        std::fs::write(corpus.join(".done"), b"").unwrap();
    }
    let (files, _) = xxgk::index::source::collect_files(std::slice::from_ref(&corpus));
    let bytes = dir_bytes(&corpus) as f64;
    let mb = bytes / 1e6;

    // Parse, one thread, bytes in memory.
    let texts: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| (f.to_string_lossy().into_owned(), std::fs::read(f).unwrap()))
        .collect();
    let t = Instant::now();
    for (name, b) in &texts {
        std::hint::black_box(xxgk_core::read_bytes(name, b).ok());
    }
    let parse = t.elapsed().as_secs_f64();
    drop(texts);

    // Index with the binary (fresh process: honest RSS), 1 and 2 threads.
    let idx1 = tempfile::tempdir().unwrap();
    let (t1, _) = run_measured(
        Command::new(binary())
            .args(["index", "--threads", "1", "--index"])
            .arg(idx1.path())
            .arg(&corpus)
            .stdout(std::process::Stdio::null()),
    );
    drop(idx1);
    let idx2 = root().join(format!("target/bench-corpus/index-{size}"));
    // Index (2 threads) and raw take turns, three times each, and each counts
    // its fastest run: this machine's speed drifts by tens of percent within
    // minutes, and taking turns puts both under the same drift. Both are
    // processes timed from start to exit.
    let mut t2 = Duration::MAX;
    let mut rss: f64 = 0.0;
    let mut raw = Duration::MAX;
    let mut raw_rss: f64 = 0.0;
    for _ in 0..3 {
        let _ = std::fs::remove_dir_all(&idx2);
        let (t, peak) = run_measured(
            Command::new(binary())
                .args(["index", "--threads", "2", "--index"])
                .arg(&idx2)
                .arg(&corpus)
                .stdout(std::process::Stdio::null()),
        );
        t2 = t2.min(t);
        rss = rss.max(peak);
        let raw_dir = tempfile::tempdir().unwrap();
        let (t, peak) = run_measured(
            Command::new(raw_binary())
                .arg("2")
                .arg(raw_dir.path())
                .arg(&corpus),
        );
        raw = raw.min(t);
        raw_rss = raw_rss.max(peak);
    }
    let index_bytes = dir_bytes(&idx2) as f64;

    let commands = corpus_commands(&idx2);

    // Warm queries in process, 10 snippets each.
    let store = Store::open(&idx2).unwrap();
    let warm = warm_queries(&store);
    let mut all: Vec<Duration> = warm
        .iter()
        .filter(|q| q.kind != "common phrase")
        .flat_map(|q| q.runs.clone())
        .collect();
    all.sort();
    let worst_common = warm
        .iter()
        .filter(|q| q.kind.ends_with("common phrase"))
        .map(|q| percentile(&q.runs, 0.99))
        .max()
        .unwrap_or_default();

    // Cold search and rg, new process each time (warm page cache).
    let time_runs = |mk: &dyn Fn() -> Command, n: usize| -> Duration {
        let _ = mk().output();
        let mut v: Vec<Duration> = (0..n)
            .map(|_| {
                let t = Instant::now();
                let _ = mk().stdout(std::process::Stdio::null()).status();
                t.elapsed()
            })
            .collect();
        v.sort();
        v[v.len() / 2]
    };
    let cold = time_runs(
        &|| {
            let mut c = Command::new(binary());
            c.args(["search", "行政复议", "--limit", "10", "--index"])
                .arg(&idx2);
            c
        },
        15,
    );
    let rg = time_runs(
        &|| {
            let mut c = Command::new("rg");
            c.args(["-l", "-F", "行政复议"]).arg(&corpus);
            c
        },
        5,
    );

    let recall = recall(&files, &corpus, &store);

    // TUI, in process.
    let t = Instant::now();
    let app = xxgk::tui::state::App::new();
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    draw(&mut term, &app);
    let tui_first = t.elapsed();
    let mut keys = Vec::new();
    for q in [
        "行",
        "行政",
        "行政复",
        "行政复议",
        "政",
        "政务",
        "政务公",
        "政务公开",
    ] {
        let t = Instant::now();
        let hits = search::search(
            &store,
            &Request {
                query: q.into(),
                limit: 1000,
                snippet_width: 160,
                ..Default::default()
            },
        )
        .unwrap();
        let mut app = xxgk::tui::state::App::new();
        // As the worker's answer lands: the hits, their count, the list's lines.
        app.search.total = hits.len();
        app.search.hits = hits;
        app.search.regroup();
        draw(&mut term, &app);
        keys.push(t.elapsed());
    }
    keys.sort();

    Row {
        warm,
        commands,
        size,
        corpus_mb: mb,
        parse_reports_s: files.len() as f64 / parse,
        parse_mb_s: mb / parse,
        index1_mb_s: mb / t1.as_secs_f64(),
        index2_mb_s: mb / t2.as_secs_f64(),
        raw2_mb_s: mb / raw.as_secs_f64(),
        rss_mb: rss,
        raw_rss_mb: raw_rss,
        size_ratio: index_bytes / bytes * 100.0,
        warm_median: ms(percentile(&all, 0.5)),
        warm_p99: ms(percentile(&all, 0.99)),
        worst_common: ms(worst_common),
        cold: ms(cold),
        rg: ms(rg),
        recall,
        tui_first: ms(tui_first),
        tui_key: ms(percentile(&keys, 0.5)),
    }
}

/// Runs the suite for each size in `BENCH_SIZES`.
pub fn run() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .unwrap_or_else(|_| "10000".into())
        .split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect();
    // BENCH_QUERIES_ONLY=1: just the warm-query and corpus-command tables,
    // on indexes already built (BENCH_QUERIES_ONLY=warm: the warm queries;
    // =recall: recall against rg and its misses).
    if std::env::var("BENCH_QUERIES_ONLY").is_ok() {
        let mode = std::env::var("BENCH_QUERIES_ONLY").unwrap_or_default();
        for size in sizes {
            let index = root().join(format!("target/bench-corpus/index-{size}"));
            let store = Store::open(&index).expect("run the full bench once first");
            if mode == "recall" {
                let corpus = root().join(format!("target/bench-corpus/{size}"));
                let (files, _) = xxgk::index::source::collect_files(std::slice::from_ref(&corpus));
                print!("{}", recall_notes(size, &recall(&files, &corpus, &store)));
                continue;
            }
            print!("{}", query_table(size, &warm_queries(&store)));
            if mode != "warm" {
                print!("{}", commands_table(size, &corpus_commands(&index)));
            }
        }
        return;
    }
    assert!(
        binary().exists(),
        "build the binary first: cargo build --release"
    );
    let rows: Vec<Row> = sizes.into_iter().map(measure).collect();
    let mut md = String::from("# Benchmarks\n\n");
    let machine = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    let date = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d %H:%M UTC")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    md.push_str(&format!(
        "Machine: {} cores, {machine}. Date: {date}. Generated corpus (`cargo xtask gen-corpus`, seed 1, 5% defects). One run: compare ratios, not absolutes.\n\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    ));
    md.push_str("| reports | corpus MB | parse reports/s | parse MB/s | index 1 thr MB/s | index 2 thr MB/s | raw jieba+tantivy 2 thr MB/s | index / raw | peak RSS MB | raw peak RSS MB | index size % | warm median ms | warm p99 ms | worst common phrase ms | cold search ms | rg -l ms | rg / cold | recall % | TUI first frame ms | keystroke→results ms |\n|");
    md.push_str(&"---|".repeat(20));
    md.push('\n');
    for r in &rows {
        md.push_str(&format!(
            "| {} | {:.0} | {:.0} | {:.1} | {:.1} | {:.1} | {:.1} | {:.0}% | {:.0} | {:.0} | {:.0} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1}× | {:.1} | {:.2} | {:.1} |\n",
            r.size, r.corpus_mb, r.parse_reports_s, r.parse_mb_s, r.index1_mb_s, r.index2_mb_s, r.raw2_mb_s,
            r.index2_mb_s / r.raw2_mb_s * 100.0, r.rss_mb, r.raw_rss_mb, r.size_ratio, r.warm_median, r.warm_p99, r.worst_common,
            r.cold, r.rg, r.rg / r.cold, r.recall.percent, r.tui_first, r.tui_key
        ));
    }
    for r in &rows {
        md.push_str(&query_table(r.size, &r.warm));
        md.push_str(&commands_table(r.size, &r.commands));
        md.push_str(&recall_notes(r.size, &r.recall));
    }
    // Hand-written analysis lives in benches/NOTES.md and is kept under the figures.
    if let Ok(notes) = std::fs::read_to_string(root().join("benches/NOTES.md")) {
        md.push('\n');
        md.push_str(&notes);
    }
    std::fs::write(root().join("BENCHMARKS.md"), &md).unwrap();
    print!("{md}");
    if let Some(r) = rows.last() {
        println!(
            "bench: index {:.1} MB/s ({:.0}% of raw), warm p99 {:.1} ms, cold {:.1} ms, rg ratio {:.1}x, recall {:.1}%, rss {:.0} MB",
            r.index2_mb_s,
            r.index2_mb_s / r.raw2_mb_s * 100.0,
            r.warm_p99,
            r.cold,
            r.rg / r.cold,
            r.recall.percent,
            r.rss_mb
        );
    }
}
