//! Parse throughput on the bundled samples and fixtures (bytes already in memory,
//! so only parsing is timed). Run: `cargo bench --bench parse`.

use std::time::{Duration, Instant};

fn main() {
    if let Ok(dir) = std::env::var("BENCH_DIR") {
        return whole_folder(std::path::Path::new(&dir));
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for dir in ["sample-data", "tests/fixtures"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                files.push((p.to_string_lossy().into_owned(), std::fs::read(&p).unwrap()));
            }
        }
    }
    files.sort();
    println!(
        "{:<48} {:>8} {:>10} {:>10}",
        "file", "bytes", "median µs", "MB/s"
    );
    // Per format (the file's extension): bytes and median time, summed.
    let mut formats: std::collections::BTreeMap<String, (usize, usize, Duration)> =
        Default::default();
    let filter = std::env::var("BENCH_FILTER").unwrap_or_default();
    for (name, bytes) in files.iter().filter(|(n, _)| n.contains(&filter)) {
        // Warm up, then take the median of many runs: these machines are noisy.
        for _ in 0..runs_wanted_warmup() {
            std::hint::black_box(xxgk_core::read_bytes(name, bytes).ok());
        }
        let runs_wanted: usize = std::env::var("BENCH_RUNS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(200);
        let mut runs: Vec<Duration> = (0..runs_wanted.max(1))
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(xxgk_core::read_bytes(name, bytes).ok());
                t.elapsed()
            })
            .collect();
        runs.sort();
        let median = runs[runs.len() / 2];
        let format = name.rsplit('.').next().unwrap_or("").to_string();
        let entry = formats.entry(format).or_default();
        entry.0 += 1;
        entry.1 += bytes.len();
        entry.2 += median;
        let short = name.rsplit('/').next().unwrap_or(name);
        println!(
            "{:<48} {:>8} {:>10.1} {:>10.1}",
            short,
            bytes.len(),
            median.as_secs_f64() * 1e6,
            bytes.len() as f64 / median.as_secs_f64() / 1e6
        );
    }
    for (format, (count, bytes, time)) in &formats {
        println!(
            "{format:<6} {count:>3} files: {:.0} reports/s, {:.1} MB/s, {:.0} µs per file",
            *count as f64 / time.as_secs_f64(),
            *bytes as f64 / time.as_secs_f64() / 1e6,
            time.as_secs_f64() * 1e6 / *count as f64
        );
    }
    // The last line, over the text formats as before, so runs compare.
    let (bytes, time) = formats
        .iter()
        .filter(|(f, _)| matches!(f.as_str(), "txt" | "html"))
        .fold((0, Duration::ZERO), |(b, t), (_, v)| (b + v.1, t + v.2));
    println!(
        "bench: parse {:.1} MB/s, {:.0} µs per 15 KB report",
        bytes as f64 / time.as_secs_f64() / 1e6,
        15_000.0 / (bytes as f64 / time.as_secs_f64()) * 1e6
    );
}

/// `BENCH_DIR=target/bench-corpus/10000`: every report of a folder once, one
/// thread, bytes already in memory — the realistic mix, and a steady target
/// for `perf record` / callgrind.
fn whole_folder(dir: &std::path::Path) {
    let (paths, _) = xxgk::index::source::collect_files(&[dir.to_path_buf()]);
    let limit: usize = std::env::var("BENCH_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX);
    let files: Vec<(String, Vec<u8>)> = paths
        .iter()
        .take(limit)
        .map(|p| (p.to_string_lossy().into_owned(), std::fs::read(p).unwrap()))
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let t = Instant::now();
    for (name, b) in &files {
        std::hint::black_box(xxgk_core::read_bytes(name, b).ok());
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "bench: parse {} reports, {:.1} MB in {:.2} s: {:.0} reports/s, {:.1} MB/s",
        files.len(),
        bytes as f64 / 1e6,
        secs,
        files.len() as f64 / secs,
        bytes as f64 / secs / 1e6
    );
}

fn runs_wanted_warmup() -> usize {
    if std::env::var("BENCH_RUNS").is_ok() {
        1
    } else {
        20
    }
}

// The same allocator as the binary, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
