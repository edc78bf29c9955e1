//! The index and `xxgk search`: word-aware matching, phrases, filters,
//! snippets, incremental and interrupted indexing, the busy-writer message,
//! and recall against a literal substring scan (what `rg -F` finds).

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use xxgk::index::ingest::{self, Options};
use xxgk::index::search::{self, Request};
use xxgk::index::source::{collect_files, Source};
use xxgk::index::Store;
use xxgk_core::model::Year;

fn xxgk(index: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XXGK_INDEX", index)
        .env("NO_COLOR", "1");
    c
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A corpus folder: the seeds and the text fixtures (not the Word and PDF
/// ones, which tests/formats.rs reads), copied so tests may change them.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for src in ["sample-data", "tests/fixtures"] {
        for e in std::fs::read_dir(common::root().join(src)).unwrap() {
            let p = e.unwrap().path();
            let text = p
                .extension()
                .is_some_and(|e| matches!(e.to_str(), Some("txt" | "html")));
            if !text || p.file_name().unwrap().to_string_lossy().contains("gbk") {
                continue; // same report as pipe_2022.txt
            }
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn build(corpus: &Path) -> (tempfile::TempDir, Store) {
    let idx = tempfile::tempdir().unwrap();
    let store = Store::open_for_writing(idx.path()).unwrap();
    let (files, failed) = collect_files(&[corpus.to_path_buf()]);
    assert!(failed.is_empty());
    let sources: Vec<Source> = files.into_iter().map(Source::File).collect();
    let summary = ingest::index(&store, &sources, &Options::default(), &|_, _| {}).unwrap();
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    (idx, store)
}

fn hits(store: &Store, q: &str) -> Vec<search::Hit> {
    search::search(
        store,
        &Request {
            query: q.into(),
            limit: 1000,
            ..Default::default()
        },
    )
    .unwrap()
}

fn file_of(h: &search::Hit) -> String {
    Path::new(&h.source)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn finds_the_section_that_contains_a_query_and_no_other() {
    let dir = corpus();
    let (_idx, store) = build(dir.path());
    // 规范化监管日臻完善 is a heading in seed 000, section 1, and nowhere else.
    let h = hits(&store, "规范化监管日臻完善");
    assert_eq!(h.len(), 1);
    assert_eq!(file_of(&h[0]), "000_6e7f8a5bff4cbb9a.txt");
    assert_eq!(h[0].section, 1);
    assert_eq!(h[0].body.as_deref(), Some("长春市二道区人民政府"));
    assert!(h[0]
        .snippet
        .marked("【", "】")
        .contains("【规范化监管日臻完善】"));
    // A part of a word is found too (search-as-substring).
    let h = hits(&store, "化监管日");
    assert_eq!(h.len(), 1);
}

#[test]
fn phrase_and_word_queries_differ() {
    let dir = corpus();
    let (_idx, store) = build(dir.path());
    // Both words occur in many sections; the quoted phrase only where adjacent.
    let words = hits(&store, "公开 工作");
    let phrase = hits(&store, "\"公开工作\"");
    assert!(!phrase.is_empty());
    assert!(
        words.len() > phrase.len(),
        "{} vs {}",
        words.len(),
        phrase.len()
    );
    for h in &phrase {
        assert!(h.snippet.text.contains("公开工作"), "{}", h.snippet.text);
    }
    // AND: every hit has both.
    let both = hits(&store, "信访 公开");
    let only = hits(&store, "信访");
    assert!(both.len() <= only.len());
    // Negation removes.
    let not = hits(&store, "行政复议 -行政诉讼");
    let all = hits(&store, "行政复议");
    assert!(not.len() < all.len());
}

#[test]
fn filters_by_year_body_and_section() {
    let dir = corpus();
    let (_idx, store) = build(dir.path());
    let y = hits(&store, "公开 year:2017");
    assert!(!y.is_empty() && y.iter().all(|h| h.year == Some(2017)));
    let range = hits(&store, "公开 year:2020..2022");
    let years: BTreeSet<Year> = range.iter().filter_map(|h| h.year).collect();
    assert_eq!(years, [2020, 2021, 2022].into_iter().collect());
    // 二道区 finds 长春市二道区人民政府 in every year (2017 and 2023).
    let b = search::search(
        &store,
        &Request {
            query: "公开".into(),
            limit: 1000,
            body: Some("二道区".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let years: BTreeSet<Year> = b.iter().filter_map(|h| h.year).collect();
    assert_eq!(years, [2017, 2023].into_iter().collect());
    assert!(b
        .iter()
        .all(|h| h.body_id.as_deref() == Some("吉林省/长春市/二道区/人民政府")));
    let s = hits(&store, "公开 section:5");
    assert!(!s.is_empty() && s.iter().all(|h| h.section == 5));
    let s = hits(&store, "公开 section:存在的主要问题");
    assert!(!s.is_empty() && s.iter().all(|h| h.section == 5));
    // A part several bodies share selects them all.
    let several = search::search(
        &store,
        &Request {
            query: "公开".into(),
            limit: 1000,
            body: Some("区".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let ids: BTreeSet<&str> = several
        .iter()
        .filter_map(|h| h.body_id.as_deref())
        .collect();
    assert!(
        ids.len() >= 2 && ids.iter().all(|id| id.contains('区')),
        "{ids:?}"
    );
    // A text no body holds is an error.
    let err = search::search(
        &store,
        &Request {
            query: "公开".into(),
            limit: 5,
            body: Some("北京市海淀区教育局".into()),
            ..Default::default()
        },
    );
    assert!(matches!(
        err,
        Err(search::SearchError::Body(
            xxgk_core::identity::ResolveError::NoBody(_)
        ))
    ));
}

#[test]
fn ranked_by_relevance_then_newest_year() {
    let dir = corpus();
    let (_idx, store) = build(dir.path());
    let h = hits(&store, "公开");
    assert!(h
        .windows(2)
        .all(|w| w[0].score > w[1].score || (w[0].score == w[1].score && w[0].year >= w[1].year)));
}

#[test]
fn recall_equals_a_literal_scan() {
    let dir = corpus();
    let (_idx, store) = build(dir.path());
    // Each file's text as `rg -F` sees it, and as the parser read it (all of it:
    // narrative, headings, table rows).
    let mut files: Vec<(String, String, String)> = Vec::new();
    for e in std::fs::read_dir(dir.path()).unwrap() {
        let p = e.unwrap().path();
        let raw = xxgk_core::parse::decode::decode(&std::fs::read(&p).unwrap()).unwrap();
        let r = xxgk_core::read_file(&p).unwrap();
        let mut parsed = vec![r.preamble.clone(), r.other_text.clone()];
        parsed.extend(r.sections.iter().map(|s| s.text.clone()));
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        files.push((name, raw, parsed.join("\n")));
    }
    files.sort();
    // 200 substrings of 2–8 characters drawn deterministically from the files.
    let mut state: u64 = 0x9e3779b97f4a7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut checked = 0;
    while checked < 200 {
        let (_, raw, _) = &files[(next() % files.len() as u64) as usize];
        let chars: Vec<char> = raw.chars().collect();
        let len = 2 + (next() % 7) as usize;
        let start = (next() as usize) % (chars.len() - len);
        let needle: String = chars[start..start + len].iter().collect();
        // Whitespace breaks a substring (as for rg); HTML markup and converter
        // markers ([bookmark: _GoBack]) are not text: no ASCII letters.
        if needle
            .chars()
            .any(|c| c.is_whitespace() || c.is_ascii_punctuation() || c.is_ascii_alphabetic())
        {
            continue;
        }
        let lower = needle.to_lowercase();
        // A web page's chrome (its navigation bar) is dropped on purpose, and
        // flattened text's glued digits are split into cells: such a file
        // counts where the text it was read as holds the needle too.
        let rewritten = |name: &str| name.ends_with(".html") || name.starts_with("flat_");
        let rg: BTreeSet<String> = files
            .iter()
            .filter(|(name, raw, parsed)| {
                raw.to_lowercase().contains(&lower)
                    && (!rewritten(name) || parsed.to_lowercase().contains(&lower))
            })
            .map(|(n, _, _)| n.clone())
            .collect();
        let found: BTreeSet<String> = hits(&store, &format!("\"{needle}\""))
            .iter()
            .map(file_of)
            .collect();
        let missed: Vec<&String> = rg.difference(&found).collect();
        assert!(
            missed.is_empty(),
            "query {needle:?}: rg finds {missed:?}, the index does not"
        );
        // And nothing is found that the parsed text does not contain, its
        // full-width forms folded (the index folds them; rg does not).
        let folded = |s: &str| xxgk::index::fold::fold_str(s).to_lowercase();
        for f in &found {
            let parsed = &files.iter().find(|(n, _, _)| n == f).unwrap().2;
            assert!(
                folded(parsed).contains(&folded(&needle)),
                "query {needle:?} found {f} without it"
            );
        }
        checked += 1;
    }
}

#[test]
fn snippets_on_punctuation_heavy_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = "某某县财政局2022年政府信息公开工作年度报告\n一、总体情况\n“三安全一稳定”——依申请公开、行政复议……“政务公开”、《条例》——行政复议。\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let (_idx, store) = build(dir.path());
    let h = hits(&store, "行政复议");
    assert_eq!(h.len(), 1);
    let marked = h[0].snippet.marked("【", "】");
    assert_eq!(
        marked,
        "“三安全一稳定”——依申请公开、【行政复议】……“政务公开”、《条例》——【行政复议】。"
    );
    let h = hits(&store, "“三安全一稳定”");
    assert_eq!(h.len(), 1, "quotes are searched literally");
}

fn run_index(index: &Path, args: &[&str]) -> Output {
    xxgk(index).arg("index").args(args).output().unwrap()
}

#[test]
fn reindexing_skips_unchanged_files_and_replaces_changed_ones() {
    let dir = corpus();
    let idx = tempfile::tempdir().unwrap();
    let p = dir.path().to_str().unwrap();
    let first = run_index(idx.path(), &[p]);
    assert!(first.status.success(), "{}", stderr(&first));
    let n = std::fs::read_dir(dir.path()).unwrap().count();
    assert!(
        stdout(&first).starts_with(&format!("indexed {n}, unchanged 0, failed 0")),
        "{}",
        stdout(&first)
    );
    let again = run_index(idx.path(), &[p]);
    assert!(
        stdout(&again).starts_with(&format!("indexed 0, unchanged {n}, failed 0")),
        "{}",
        stdout(&again)
    );
    // Change one file: only it is redone, and its old text is gone.
    let f = dir.path().join("001_c011582259751f09.txt");
    let text = std::fs::read_to_string(&f)
        .unwrap()
        .replace("鸿城街道办公室联系", "鸿城街道党政办公室联系");
    std::fs::write(&f, text).unwrap();
    let third = run_index(idx.path(), &[p]);
    assert!(
        stdout(&third).starts_with(&format!("indexed 1, unchanged {}, failed 0", n - 1)),
        "{}",
        stdout(&third)
    );
    let out = xxgk(idx.path())
        .args(["search", "党政办公室联系", "--json"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out).lines().count(), 1);
    let out = xxgk(idx.path())
        .args(["search", "鸿城街道办公室联系", "--json"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out).lines().count(), 0);
    // --prune drops files that are gone.
    std::fs::remove_file(dir.path().join("legacy_2015.txt")).unwrap();
    let pruned = run_index(idx.path(), &[p, "--prune"]);
    assert!(stdout(&pruned).contains("removed 1"), "{}", stdout(&pruned));
    let out = xxgk(idx.path())
        .args(["search", "姑苏区", "--json"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out).lines().count(), 0);
}

#[test]
fn bad_files_are_reported_and_the_rest_indexed() {
    let dir = corpus();
    let n = std::fs::read_dir(dir.path()).unwrap().count();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(dir.path().join("binary.txt"), [0u8, 1, 2, 3, 255, 0, 7]).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("乱码");
    std::fs::write(
        dir.path().join("garbage.htm"),
        [gbk.as_ref(), b"\xff\xfe\xfd"].concat(),
    )
    .unwrap();
    let idx = tempfile::tempdir().unwrap();
    let out = run_index(idx.path(), &[dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("empty.txt: empty file"), "{err}");
    assert!(err.contains("binary.txt: binary file"), "{err}");
    assert!(err.contains("garbage.htm"), "{err}");
    assert!(
        stdout(&out).starts_with(&format!("indexed {n}, unchanged 0, failed 3")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_second_writer_is_told_the_index_is_busy() {
    let dir = corpus();
    let idx = tempfile::tempdir().unwrap();
    let store = Store::open_for_writing(idx.path()).unwrap();
    let _writer: tantivy::IndexWriter = store.index.writer_with_num_threads(1, 20_000_000).unwrap();
    let out = run_index(idx.path(), &[dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("index is busy"), "{}", stderr(&out));
}

#[test]
fn an_interrupted_index_stays_usable() {
    // Many small files, committed every 20, one thread: the run takes long
    // enough to be killed in the middle.
    let dir = tempfile::tempdir().unwrap();
    common::many_reports(dir.path(), 1500);
    let idx = tempfile::tempdir().unwrap();
    let mut child = xxgk(idx.path())
        .args([
            "index",
            dir.path().to_str().unwrap(),
            "--threads",
            "1",
            "--commit-every",
            "20",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let meta = idx.path().join("tantivy/meta.json");
    let started = std::time::Instant::now();
    // Wait for a commit with documents in it, then kill -9.
    loop {
        let committed = std::fs::read_to_string(&meta)
            .map(|m| m.contains("\"max_doc\""))
            .unwrap_or(false);
        if committed || started.elapsed().as_secs() > 60 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the run was interrupted, not finished");
    // The last commit is intact and searchable.
    let store = Store::open(idx.path()).unwrap();
    let n = store.reports().unwrap().len();
    assert!(n > 0 && n < 1500, "{n} reports after the kill");
    let out = xxgk(idx.path())
        .args(["search", "规范化监管", "--json", "--limit", "5"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!stdout(&out).is_empty());
    // Running again completes the job.
    let out = run_index(idx.path(), &[dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        Store::open(idx.path()).unwrap().reports().unwrap().len(),
        1500
    );
}

#[test]
fn odd_queries_give_a_message_and_exit_2_never_a_panic() {
    let idx = tempfile::tempdir().unwrap();
    let out = xxgk(idx.path()).output().unwrap(); // first run: bundled samples
    assert!(out.status.success(), "{}", stderr(&out));
    for q in ["", "   ", "-公开", "year:abc", &"公".repeat(500)] {
        let out = xxgk(idx.path()).args(["search", q]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{q:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty());
    }
    // `--year` takes what `year:` takes, and says the same of anything else.
    for y in ["abc", "2019..abc", "1989", "2019-2023"] {
        let out = xxgk(idx.path())
            .args(["search", "公开", "--year", y])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{y}: {}", stderr(&out));
        assert_eq!(
            stderr(&out),
            format!("year `{y}`: write a year such as 2023 or a range such as 2019..2023\n")
        );
        assert!(stdout(&out).is_empty());
    }
    for y in ["2023", "2023..2019", " 2019 .. 2023 "] {
        let out = xxgk(idx.path())
            .args(["search", "公开", "--year", y])
            .output()
            .unwrap();
        assert!(out.status.success(), "{y}: {}", stderr(&out));
    }
    for q in [
        "\"行政复议",
        "，。、",
        "“”",
        "a",
        "(",
        "*",
        "\\",
        ".*",
        "公开\"\"诉讼",
        &"公开".repeat(100),
    ] {
        let out = xxgk(idx.path()).args(["search", "--", q]).output().unwrap();
        assert!(out.status.success(), "{q:?}: {}", stderr(&out));
    }
}

#[test]
fn json_hits_have_the_cli_shape() {
    let idx = tempfile::tempdir().unwrap();
    assert!(xxgk(idx.path()).output().unwrap().status.success());
    let out = xxgk(idx.path())
        .args(["search", "行政复议", "--json", "--limit", "3"])
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for v in lines {
        for k in [
            "body", "body_id", "year", "section", "score", "snippet", "source",
        ] {
            assert!(v.get(k).is_some(), "{k}");
        }
        // The snippet as the report writes it; `marks` are char ranges into it.
        let snippet: Vec<char> = v["snippet"].as_str().unwrap().chars().collect();
        assert!(!snippet.contains(&'【'), "no added brackets in JSON");
        let marks = v["marks"].as_array().unwrap();
        assert!(!marks.is_empty());
        for m in marks {
            let (a, b) = (
                m[0].as_u64().unwrap() as usize,
                m[1].as_u64().unwrap() as usize,
            );
            assert_eq!(snippet[a..b].iter().collect::<String>(), "行政复议");
        }
        assert!(v["source"].as_str().unwrap().starts_with("sample-data/"));
    }
}

/// Section by section, on generated reports: the hits of a quoted query (and
/// their count) are exactly the sections whose indexed text contains it —
/// whether the query is one jieba word (settled by the word field where it
/// can be) or a substring across words (settled by bigram positions).
#[test]
fn substring_matches_are_exact_per_section() {
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, Value};
    let dir = common::generated(60, 7, 0.1);
    let (_idx, store) = build(dir.path());
    let f = &store.fields;
    let sections: Vec<(String, u64, String)> = store
        .docs(&TermQuery::new(
            tantivy::Term::from_field_text(f.kind, "section"),
            IndexRecordOption::Basic,
        ))
        .unwrap()
        .iter()
        .map(|d| {
            let s = |field| {
                d.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            (
                s(f.path).unwrap(),
                d.get_first(f.section).and_then(|v| v.as_u64()).unwrap(),
                s(f.text).or_else(|| s(f.plain)).unwrap_or_default(),
            )
        })
        .collect();
    let mut needles: Vec<String> = [
        "政府信息公开",
        "行政复议",
        "依申请公开",
        "政务新媒体",
        "信息",
        "公开",
        "年度报告",
        "行政诉讼",
    ]
    .map(String::from)
    .to_vec();
    let mut state: u64 = 0x2545f4914f6cdd1d;
    while needles.len() < 120 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let text: Vec<char> = sections[(state % sections.len() as u64) as usize]
            .2
            .chars()
            .collect();
        let len = 2 + (state >> 20) as usize % 6;
        if text.len() <= len {
            continue;
        }
        let start = (state >> 32) as usize % (text.len() - len);
        let needle: String = text[start..start + len].iter().collect();
        if !needle
            .chars()
            .any(|c| c.is_whitespace() || c.is_ascii_punctuation() || c == '"')
        {
            needles.push(needle);
        }
    }
    for needle in &needles {
        let lower = needle.to_ascii_lowercase();
        let expected: BTreeSet<(String, u64)> = sections
            .iter()
            .filter(|(_, _, t)| t.to_ascii_lowercase().contains(&lower))
            .map(|(p, n, _)| (p.clone(), *n))
            .collect();
        let (hits, total) = search::search_counted(
            &store,
            &Request {
                query: format!("\"{needle}\""),
                limit: 100_000,
                ..Default::default()
            },
        )
        .unwrap();
        let found: BTreeSet<(String, u64)> =
            hits.iter().map(|h| (h.source.clone(), h.section)).collect();
        assert_eq!(found, expected, "query {needle:?}");
        assert_eq!(total, expected.len(), "count of {needle:?}");
    }
}

/// An index written by an earlier xxgk (here: identity fields without fast
/// columns) is refused with the way out, not read wrongly.
#[test]
fn an_index_of_an_older_schema_is_refused_with_a_remedy() {
    use tantivy::schema::{Schema, STORED, STRING};
    let idx = tempfile::tempdir().unwrap();
    let tdir = idx.path().join("tantivy");
    std::fs::create_dir_all(&tdir).unwrap();
    let mut b = Schema::builder();
    for name in ["kind", "path", "hash", "body", "body_id", "template"] {
        b.add_text_field(name, STRING | STORED);
    }
    let index = tantivy::Index::create_in_dir(&tdir, b.build()).unwrap();
    index
        .writer::<tantivy::TantivyDocument>(15_000_000)
        .unwrap()
        .commit()
        .unwrap();
    let err = Store::open(idx.path()).err().expect("refused");
    assert!(
        matches!(err, xxgk::index::IndexError::Incompatible(_)),
        "{err}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .env("XXGK_INDEX", idx.path())
        .args(["search", "公开"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("another version of xxgk"), "{stderr}");
}

/// A query of one whole jieba word takes the pruned path (top sections by
/// that word alone); it must return what the full query returns: the same
/// sections, in the same order, with the same scores — with and without
/// filters, and when fewer sections than asked hold the word.
#[test]
fn pruned_top_sections_of_whole_words_equal_the_full_query() {
    // A row label of the statistics tables: its words stand in a row in few
    // narrative sections, and the table text is not cut into words.
    const TABLE_PHRASE: &str = "本年新收政府信息公开申请数量";
    let dir = common::generated(150, 5, 0.1);
    let (_idx, store) = build(dir.path());
    let cases = [
        ("政府信息公开", None, 10),
        ("行政复议", None, 10),
        ("信息", None, 25),
        ("依申请公开", Some("2019..2023"), 10),
        ("政务公开", Some("2021"), 5),
        ("培训", None, 10),
        ("殡葬", None, 10),
        // A word of the tables (bigram field only): the first matches in
        // index order fill the places the word's holders leave.
        ("结转下年度", None, 10),
        ("行政诉讼", Some("2021..2025"), 10),
        // Fewer matches than asked: every match.
        ("行政复议", None, 100_000),
        // Several words: the sections holding every word, then those lacking
        // one whose other word scores high enough.
        ("依申请公开 答复", None, 10),
        ("政务公开 培训", None, 20),
        ("政府信息公开 行政复议", None, 10),
        ("依申请公开 答复 政务公开", None, 10),
        ("政务公开 培训", Some("2021..2025"), 5),
        ("信息 公开", None, 50),
        // Fewer sections hold both words than asked: the full query runs.
        ("结转下年度 行政复议", None, 10),
        // Several terms, some cut into several words, some negated.
        ("信息公开工作 答复", None, 10),
        ("政府信息公开工作 培训", None, 10),
        ("\"公开工作年度报告\" 依申请公开 -殡葬", None, 10),
        ("依申请公开 答复 -培训", Some("2019..2025"), 10),
        ("信息公开工作 主动公开政府信息", None, 10),
        ("政府信息公开工作 答复", None, 3),
        ("信息公开工作 依申请公开", None, 5),
        ("公开工作年度报告 政务公开", None, 5),
        ("政府信息公开工作 行政复议", None, 10),
        ("营商环境 政务公开", None, 5),
        // One term jieba cuts into several words: the sections whose summed
        // word scores can still beat the tenth, scored by the full query.
        ("\"政府信息公开工作\"", None, 10),
        ("信息公开工作", None, 10),
        ("公开工作年度报告", None, 20),
        ("\"主动公开政府信息\"", Some("2021..2025"), 5),
        ("\"政府信息公开工作\" -培训", None, 10),
        ("\"信息公开工作\"", None, 300),
        // Fewer sections hold the words in a row than asked: the first other
        // matches in index order fill the places.
        (TABLE_PHRASE, None, 10),
    ];
    let holders = |word: &str| {
        use tantivy::query::TermQuery;
        let q = TermQuery::new(
            tantivy::Term::from_field_text(store.fields.text, word),
            tantivy::schema::IndexRecordOption::Basic,
        );
        store.docs(&q).unwrap().len()
    };
    assert!(holders("结转下年度") < 10, "the fill path is exercised");
    let phrase_holders = |text: &str| {
        use tantivy::query::PhraseQuery;
        let jieba = xxgk::index::dict::full();
        let words: Vec<tantivy::Term> = xxgk::index::tokenize::words(&jieba, text)
            .into_iter()
            .map(|(_, _, w)| tantivy::Term::from_field_text(store.fields.text, &w))
            .collect();
        assert!(words.len() >= 2, "{text}: several words");
        store.docs(&PhraseQuery::new(words)).unwrap().len()
    };
    assert!(
        phrase_holders(TABLE_PHRASE) < 10,
        "the phrase path's fill is exercised"
    );
    assert!(phrase_holders("政府信息公开工作") > 10);
    let mut pruned_used = 0;
    for (q, year, limit) in cases {
        let req = Request {
            query: q.into(),
            limit,
            year: year.map(|y| y.parse().unwrap()),
            ..Default::default()
        };
        let fast = search::search(&store, &req).unwrap();
        let (full, total) = search::search_counted(&store, &req).unwrap();
        assert!(!full.is_empty(), "{q}: the corpus has it");
        if total > limit {
            pruned_used += 1;
        }
        let key = |h: &search::Hit| (h.source.clone(), h.section);
        assert_eq!(
            fast.iter().map(key).collect::<Vec<_>>(),
            full.iter().map(key).collect::<Vec<_>>(),
            "{q} {year:?} {limit}"
        );
        for (a, b) in fast.iter().zip(&full) {
            assert!(
                (a.score - b.score).abs() < 1e-4,
                "{q}: {} vs {}",
                a.score,
                b.score
            );
        }
    }
    assert!(pruned_used >= 5, "most cases have more holders than asked");
}

/// A body renamed by re-indexing: its old name, left in deleted documents
/// until their segment is merged, is not a body any more (`--body` and
/// `trend` resolve names from this list).
#[test]
fn a_name_only_deleted_documents_hold_is_not_listed() {
    let dir = common::samples();
    let sidecar = dir.path().join("002_45eff0c929365845.txt.toml");
    let idx = tempfile::tempdir().unwrap();
    // One thread: one segment per run, too few to merge, so the old
    // documents stay in the index, deleted.
    let index_once = |body: &str| {
        std::fs::write(&sidecar, format!("body = \"{body}\"\n")).unwrap();
        let store = Store::open_for_writing(idx.path()).unwrap();
        let (files, _) = collect_files(&[dir.path().to_path_buf()]);
        let sources: Vec<Source> = files.into_iter().map(Source::File).collect();
        let opts = Options {
            threads: 1,
            ..Options::default()
        };
        ingest::index(&store, &sources, &opts, &|_, _| {}).unwrap();
    };
    index_once("长春市二道区旧名称办公室");
    index_once("长春市二道区人民政府办公室");
    let store = Store::open(idx.path()).unwrap();
    let searcher = store.reader().unwrap().searcher();
    assert!(
        searcher
            .segment_readers()
            .iter()
            .any(|s| s.num_deleted_docs() > 0),
        "the old documents are still in the index"
    );
    let names: Vec<String> = xxgk::index::catalog::body_names(&store, &searcher)
        .unwrap()
        .into_values()
        .flatten()
        .collect();
    assert!(
        names.iter().any(|n| n == "长春市二道区人民政府办公室"),
        "{names:?}"
    );
    assert!(names.iter().all(|n| !n.contains("旧名称")), "{names:?}");
}

/// A folder of reports as a user downloads them — web pages, text, Word
/// (.docx, .doc, .wps), PDF, Markdown — with a scan and a cut Word file
/// among them: everything readable is indexed, the two are listed with their
/// reasons, and a PDF's and a Word 97 file's text is searchable.
#[test]
fn a_folder_of_every_format_indexes_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = common::root().join("tests/fixtures");
    for name in [
        "portal_2023.html",
        "pipe_2022.txt",
        "docx_2023.docx",
        "doc_2023.doc",
        "pdf_2023_gbk.pdf",
        "pdf_2023_libreoffice.pdf",
        "converted_2023.md",
        "pdf_scan.pdf",
    ] {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).unwrap();
    }
    std::fs::copy(fixtures.join("doc_2023.doc"), dir.path().join("copy.wps")).unwrap();
    let docx = std::fs::read(fixtures.join("docx_2023.docx")).unwrap();
    std::fs::write(dir.path().join("cut.docx"), &docx[..docx.len() / 3]).unwrap();
    let idx = tempfile::tempdir().unwrap();
    let out = run_index(idx.path(), &[dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "a file failed");
    assert!(
        stdout(&out).starts_with("indexed 8, unchanged 0, failed 2"),
        "{}",
        stdout(&out)
    );
    let err = stderr(&out);
    assert!(err.contains("pdf_scan.pdf: no text layer"), "{err}");
    assert!(err.contains("cut.docx"), "{err}");
    let search = xxgk(idx.path())
        .args(["search", "娄桥街道", "--json"])
        .output()
        .unwrap();
    assert!(
        stdout(&search).contains("pdf_2023_gbk.pdf"),
        "{}",
        stdout(&search)
    );
    let search = xxgk(idx.path())
        .args(["search", "兴庆区", "--json"])
        .output()
        .unwrap();
    let hits = stdout(&search);
    for name in [
        "docx_2023.docx",
        "doc_2023.doc",
        "copy.wps",
        "pdf_2023_libreoffice.pdf",
    ] {
        assert!(hits.contains(name), "{name}: {hits}");
    }
}
