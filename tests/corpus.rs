//! Bodies, series across templates, comparisons, corpus rules and export
//! (`xxgk bodies | trend | compare | check | export`).

mod common;

use std::path::Path;
use std::process::{Command, Output};

use xxgk::corpus::metrics::Cell;
use xxgk::corpus::{aliases::Aliases, rules, series, Corpus, CorpusError};
use xxgk::index::Store;
use xxgk::text::width;

fn xxgk(index: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    c.env("XXGK_INDEX", index)
        .env("COLUMNS", "80")
        .env("XDG_CONFIG_HOME", index.join("no-config"));
    c
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn index_dir(dir: &Path) -> (tempfile::TempDir, Corpus) {
    let idx = tempfile::tempdir().unwrap();
    let out = xxgk(idx.path()).arg("index").arg(dir).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open(idx.path()).unwrap();
    let corpus = Corpus::load(&store).unwrap();
    (idx, corpus)
}

/// Merges 高新区 into 鸿城街道 under one display name.
const HONGCHENG_ALIAS: &str = "[[body]]\nid = \"吉林省/长春市/南关区/鸿城街道\"\nname = \"长春市南关区鸿城街道办事处\"\nnames = [\"长春高新技术产业开发区\"]\n";

/// Indexes `dir` into `index` again, where one file (or its sidecar) changed.
fn reindex_one_change(index: &Path, dir: &Path) {
    let out = xxgk(index).arg("index").arg(dir).output().unwrap();
    assert!(
        text(&out).starts_with("indexed 1, unchanged 4"),
        "{}",
        text(&out)
    );
}

#[test]
fn seeds_000_and_004_are_one_body_with_two_years() {
    let dir = common::samples();
    let (_idx, corpus) = index_dir(dir.path());
    let bodies = corpus.bodies();
    let erdao = &bodies["吉林省/长春市/二道区/人民政府"];
    assert_eq!(
        erdao.years.iter().copied().collect::<Vec<_>>(),
        [2017, 2023]
    );
    assert_eq!(erdao.name(), "长春市二道区人民政府", "the newest name");
    assert_eq!(
        corpus.resolve("二道区").unwrap(),
        "吉林省/长春市/二道区/人民政府"
    );
    assert_eq!(
        corpus.resolve("吉林省/长春市/二道区/人民政府").unwrap(),
        "吉林省/长春市/二道区/人民政府"
    );
    // 南关区鸿城街道 sits under 长春市南关区.
    assert!(bodies.contains_key("吉林省/长春市/南关区/鸿城街道"));
    // Seed 002 never names itself: listed as such, not dropped.
    assert_eq!(corpus.unnamed().len(), 1);
    let listing = text(&xxgk(_idx.path()).arg("bodies").output().unwrap());
    assert!(
        listing.contains("吉林省\n  长春市\n    二道区\n      人民政府  2017, 2023"),
        "{listing}"
    );
    assert!(listing.contains("002_45eff0c929365845.txt"), "{listing}");
    // A BODY written another way finds the same body.
    let trend = |body: &str| text(&xxgk(_idx.path()).args(["trend", body]).output().unwrap());
    let erdao_trend = trend("二道区");
    assert!(
        erdao_trend.starts_with("长春市二道区人民政府"),
        "{erdao_trend}"
    );
    assert_eq!(trend("长春市二道区政府"), erdao_trend);
    assert_eq!(trend("吉林省长春市二道区人民政府"), erdao_trend);
    assert_eq!(trend("鸿城街道办事处"), trend("鸿城街道"));
    assert!(trend("鸿城街道").starts_with("南关区鸿城街道"));
}

#[test]
fn an_alias_file_merges_two_names_and_a_sidecar_names_seed_002() {
    let dir = common::samples();
    std::fs::write(
        dir.path().join("002_45eff0c929365845.txt.toml"),
        "body = \"长春市二道区人民政府办公室\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("aliases.toml"), HONGCHENG_ALIAS).unwrap();
    let (idx, corpus) = index_dir(dir.path());
    assert!(corpus.unnamed().is_empty(), "the sidecar names seed 002");
    let bodies = corpus.bodies();
    let office = &bodies["吉林省/长春市/二道区/人民政府办公室"];
    assert_eq!(office.years.iter().copied().collect::<Vec<_>>(), [2024]);
    // The alias merged 高新区 (2021) into 鸿城街道 (2023).
    let merged = &bodies["吉林省/长春市/南关区/鸿城街道"];
    assert_eq!(
        merged.years.iter().copied().collect::<Vec<_>>(),
        [2021, 2023]
    );
    assert!(!bodies.contains_key("长春高新技术产业开发区"));
    // The office and the government stay two bodies.
    assert!(bodies.contains_key("吉林省/长春市/二道区/人民政府"));
    // Editing the sidecar re-indexes just that file.
    std::fs::write(
        dir.path().join("002_45eff0c929365845.txt.toml"),
        "body = \"长春市二道区人民政府办公室\"\nyear = 2024\n",
    )
    .unwrap();
    reindex_one_change(idx.path(), dir.path());
}

/// One body over three templates: 2017 legacy, 2020 (2019 template), 2023.
fn series_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fx = |name: &str| {
        std::fs::read_to_string(common::root().join("tests/fixtures").join(name)).unwrap()
    };
    let legacy = fx("legacy_2015.txt")
        .replace("苏州市姑苏区", "成都市武侯区")
        .replace("2015", "2017");
    std::fs::write(dir.path().join("wuhou_2017.txt"), legacy).unwrap();
    std::fs::write(dir.path().join("wuhou_2020.txt"), fx("cells_2020.txt")).unwrap();
    let modern = fx("pipe_2022.txt")
        .replace("杭州市西湖区教育局", "成都市武侯区人民政府")
        .replace("2022", "2023");
    std::fs::write(dir.path().join("wuhou_2023.txt"), modern).unwrap();
    dir
}

#[test]
fn one_series_spans_the_three_templates() {
    let dir = series_corpus();
    let (idx, corpus) = index_dir(dir.path());
    let id = corpus.resolve("武侯区").unwrap();
    let t = series::trend(&corpus, &id).unwrap();
    assert_eq!(t.years, [2017, 2020, 2023]);
    assert_eq!(t.templates, ["legacy", "2019", "2021"]);
    let row = |k: &str| t.rows.iter().find(|r| r.key == k).unwrap();
    assert_eq!(
        row("received").cells,
        [Cell::Value(58.0), Cell::Value(43.0), Cell::Value(134.0)]
    );
    assert_eq!(
        row("carried_over").cells[0],
        Cell::NotInTemplate,
        "legacy has no carry-over: n/a, not 0"
    );
    assert_eq!(row("carried_over").cells[1], Cell::Value(3.0));
    assert_eq!(
        row("other_processing").cells[1],
        Cell::Value(6.0),
        "2019: one 其他处理 row"
    );
    assert_eq!(
        row("fees").cells,
        [Cell::NotInTemplate, Cell::NotInTemplate, Cell::Value(12.5)]
    );
    assert_eq!(row("received").change, [None, Some(-15.0), Some(91.0)]);
    // 实质公开率 = (granted + partially) / processed.
    assert_eq!(
        row("disclosure_rate").cells[2],
        Cell::Value((67.0 + 11.0) / 131.0 * 100.0)
    );
    // The text table fits 80 columns and its columns line up.
    let out = text(&xxgk(idx.path()).args(["trend", "武侯区"]).output().unwrap());
    assert!(out.lines().all(|l| width(l) <= 80), "{out}");
    // Right-aligned under their year: "2023" and "134" end in the same column.
    let header = out.lines().nth(1).unwrap();
    let received = out.lines().find(|l| l.starts_with("收到申请")).unwrap();
    let end_of = |line: &str, s: &str| width(&line[..line.find(s).unwrap() + s.len()]);
    assert_eq!(end_of(header, "2023"), end_of(received, "134"), "{out}");
    assert_eq!(end_of(header, "2017"), end_of(received, "58"), "{out}");
    let csv_out = text(
        &xxgk(idx.path())
            .args(["trend", "武侯区", "--format", "csv"])
            .output()
            .unwrap(),
    );
    assert!(
        csv_out.lines().any(|l| l
            .starts_with("四川省/成都市/武侯区/人民政府,carried_over,上年结转,2017,legacy,n/a")),
        "{csv_out}"
    );
    let json = text(
        &xxgk(idx.path())
            .args(["trend", "武侯区", "--format", "json"])
            .output()
            .unwrap(),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["years"], serde_json::json!([2017, 2020, 2023]));
}

#[test]
fn carry_chain_passes_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let fx = std::fs::read_to_string(common::root().join("tests/fixtures/cells_2020.txt")).unwrap();
    std::fs::write(dir.path().join("a_2020.txt"), &fx).unwrap();
    // 2021 written like 2020: its 上年结转 (3 natural persons, 3 total) differs
    // from 2020's 结转下年度 (4 natural persons, 4 total).
    let next = fx
        .replace("二〇二〇年", "2021年")
        .replace("2020年，", "2021年，");
    std::fs::write(dir.path().join("a_2021.txt"), &next).unwrap();
    let (_idx, corpus) = index_dir(dir.path());
    let found: Vec<_> = rules::check(&corpus)
        .unwrap()
        .into_iter()
        .filter(|f| f.finding.rule == "requests.carry_chain")
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|f| f.year == Some(2021)));
    assert!(
        found[0]
            .finding
            .message
            .contains("2021年上年结转 3 ≠ 2020年结转下年度 4"),
        "{}",
        found[0].finding.message
    );
    // Fixed: carried_over of 2021 = 4 for the natural person and total columns.
    let row = |n: u32| {
        format!("\t二、上年结转政府信息公开申请数量\n\t{n}\n\t0\n\t0\n\t0\n\t0\n\t0\n\t{n}\n")
    };
    let fixed = next.replace(&row(3), &row(4));
    assert_ne!(fixed, next);
    std::fs::write(dir.path().join("a_2021.txt"), &fixed).unwrap();
    let (_idx, corpus) = index_dir(dir.path());
    let chain: Vec<_> = rules::check(&corpus)
        .unwrap()
        .into_iter()
        .filter(|f| f.finding.rule == "requests.carry_chain")
        .collect();
    assert!(chain.is_empty(), "{chain:?}");
}

#[test]
fn compare_marks_the_cell_that_differs_most() {
    let dir = series_corpus();
    let fx = std::fs::read_to_string(common::root().join("tests/fixtures/pipe_2022.txt")).unwrap();
    std::fs::write(dir.path().join("xihu_2023.txt"), fx.replace("2022", "2023")).unwrap();
    std::fs::copy(
        common::root().join("sample-data/000_6e7f8a5bff4cbb9a.txt"),
        dir.path().join("erdao_2023.txt"),
    )
    .unwrap();
    let (idx, corpus) = index_dir(dir.path());
    let ids: Vec<String> = ["武侯区", "西湖区", "二道区"]
        .iter()
        .map(|b| corpus.resolve(b).unwrap())
        .collect();
    let c = series::compare(&corpus, &ids, None).unwrap();
    assert_eq!(c.year, 2023, "the latest common year");
    // 行政许可: 1,204 and 1,204 against 11,961 — the third stands out.
    let licensing = c.rows.iter().find(|r| r.key == "licensing").unwrap();
    assert_eq!(
        licensing.cells,
        [
            Cell::Value(1204.0),
            Cell::Value(1204.0),
            Cell::Value(11961.0)
        ]
    );
    assert_eq!(licensing.outlier, Some(2));
    let received = c.rows.iter().find(|r| r.key == "received").unwrap();
    assert_eq!(received.outlier, Some(2), "347 against 134 and 134");
    let out = text(
        &xxgk(idx.path())
            .args(["compare", "武侯区", "西湖区", "二道区"])
            .output()
            .unwrap(),
    );
    assert!(out.contains("A = 成都市武侯区人民政府"), "{out}");
    assert!(out.contains("11961*"), "{out}");
    assert!(out.lines().all(|l| width(l) <= 80), "{out}");
    let no_common = xxgk(idx.path())
        .args(["compare", "武侯区", "西湖区", "--year", "2017"])
        .output()
        .unwrap();
    assert!(no_common.status.success());
    let ambiguous = xxgk(idx.path())
        .args(["compare", "区", "西湖区"])
        .output()
        .unwrap();
    assert_eq!(ambiguous.status.code(), Some(2));
}

#[test]
fn check_groups_by_body_and_year_and_prints_json() {
    let dir = common::samples();
    let (idx, _) = index_dir(dir.path());
    let out = text(&xxgk(idx.path()).arg("check").output().unwrap());
    assert!(
        out.starts_with("长春市二道区人民政府  [吉林省/长春市/二道区/人民政府]\n  2017"),
        "{out}"
    );
    assert!(out.contains("\n  2023  "), "{out}");
    assert!(out.contains("legacy.sums"));
    let json = text(&xxgk(idx.path()).args(["check", "--json"]).output().unwrap());
    let lines: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6);
    for v in &lines {
        for k in [
            "rule", "severity", "message", "keys", "source", "body_id", "year",
        ] {
            assert!(v.get(k).is_some(), "{k}");
        }
    }
}

#[test]
fn export_is_a_csv_a_spreadsheet_opens() {
    let dir = common::samples();
    let (idx, corpus) = index_dir(dir.path());
    let out = xxgk(idx.path()).args(["export", "--bom"]).output().unwrap();
    assert!(
        out.stdout.starts_with("\u{feff}".as_bytes()),
        "BOM for Excel"
    );
    let body = &out.stdout[3..];
    let mut r = csv::Reader::from_reader(body);
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["body_id", "body", "year", "template", "key", "label", "value", "source"]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let all = Store::open(idx.path()).unwrap().reports().unwrap();
    assert_eq!(all.len(), corpus.reports.len());
    let expected: usize = all.iter().map(|r| r.stats.len()).sum();
    assert_eq!(rows.len(), expected);
    assert!(rows.iter().any(|r| &r[0] == "吉林省/长春市/二道区/人民政府"
        && &r[4] == "requests.new_received.natural_person"
        && &r[5] == "本年新收 · 自然人"
        && &r[6] == "344"));
    // Blank cells export as empty values, not 0.
    assert!(rows
        .iter()
        .any(|r| &r[4] == "requests.carried_over.total" && r[6].is_empty()));
    let json = text(
        &xxgk(idx.path())
            .args(["export", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(json.lines().count(), expected);
    // Without --bom: plain UTF-8.
    let plain = xxgk(idx.path()).arg("export").output().unwrap();
    assert!(plain.stdout.starts_with(b"body_id,"));
}

/// The corpus as commands read it (the index's catalog from fast columns,
/// findings from small stored fields, full reports fetched by key) is the
/// corpus of every report read whole: same entries, findings, series.
#[test]
fn the_catalog_corpus_equals_the_corpus_of_whole_reports() {
    let dir = common::generated(300, 11, 0.3);
    let (idx, catalog) = index_dir(dir.path());
    let whole = Corpus::new(
        Store::open(idx.path()).unwrap().reports().unwrap(),
        &Aliases::load(idx.path()).unwrap(),
    );
    assert_eq!(catalog.reports.len(), 300);
    let listed = |c: &Corpus| {
        c.reports
            .iter()
            .map(|e| {
                (
                    e.source.clone(),
                    e.body.clone(),
                    e.body_id.clone(),
                    e.year,
                    e.template,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(listed(&catalog), listed(&whole));

    let json = |v: &[rules::Located]| serde_json::to_string(v).unwrap();
    let (mut from_catalog, mut from_whole) = (
        rules::check(&catalog).unwrap(),
        rules::check(&whole).unwrap(),
    );
    // Finding ids hash the file's content, which a corpus of whole reports lacks.
    for f in from_catalog.iter_mut().chain(from_whole.iter_mut()) {
        f.id.clear();
    }
    for rule in ["requests.balance", "requests.carry_chain"] {
        assert!(
            from_catalog.iter().any(|f| f.finding.rule == rule),
            "the generated corpus has {rule} findings"
        );
    }
    assert_eq!(json(&from_catalog), json(&from_whole));

    let bodies = catalog.bodies();
    assert!(bodies.len() > 20);
    for id in bodies.keys() {
        let (a, b) = (
            series::trend(&catalog, id).unwrap(),
            series::trend(&whole, id).unwrap(),
        );
        assert_eq!(a.years.len(), bodies[id].years.len());
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
    }
    let ids: Vec<String> = bodies.keys().take(3).cloned().collect();
    let year = Some(*bodies[&ids[0]].years.iter().next().unwrap());
    assert_eq!(
        serde_json::to_string(&series::compare(&catalog, &ids, year).unwrap()).unwrap(),
        serde_json::to_string(&series::compare(&whole, &ids, year).unwrap()).unwrap()
    );
}

/// What `trend` prints for `texts`, from a corpus and the ids it resolved:
/// each body's series as JSON, or the error.
fn trends(loaded: Result<(Corpus, Vec<String>), CorpusError>) -> String {
    match loaded {
        Ok((corpus, ids)) => ids
            .iter()
            .map(|id| match series::trend(&corpus, id) {
                Ok(t) => serde_json::to_string(&t).unwrap(),
                Err(e) => e.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Err(e) => e.to_string(),
    }
}

/// The same, from the whole catalog.
fn whole_trends(store: &Store, texts: &[String]) -> String {
    let corpus = Corpus::load(store).unwrap();
    trends(
        texts
            .iter()
            .map(|t| corpus.resolve(t))
            .collect::<Result<Vec<_>, _>>()
            .map(|ids| (corpus, ids)),
    )
}

/// `trend` and `compare` read only their bodies' reports, and answer exactly
/// as the whole catalog does: for ids, names, parts of names, unknown and
/// ambiguous texts, aliases, and a name no live report has any more.
#[test]
fn the_corpus_of_a_few_bodies_answers_as_the_whole_catalog_does() {
    let dir = common::generated(300, 12, 0.1);
    let (idx, whole) = index_dir(dir.path());
    let store = Store::open(idx.path()).unwrap();
    let bodies = whole.bodies();
    let mut texts: Vec<String> = vec!["no such body".into(), "局".into(), "区".into()];
    for (id, info) in bodies.iter().take(40) {
        texts.push(id.clone());
        texts.extend(info.names.iter().cloned());
        // A part of the name: unique for some, ambiguous for others.
        texts.push(
            info.name()
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect(),
        );
    }
    let mut fast = 0;
    for text in &texts {
        let one = std::slice::from_ref(text);
        let loaded = Corpus::for_bodies(&store, one);
        if let Ok((c, _)) = &loaded {
            fast += usize::from(c.reports.len() < whole.reports.len());
        }
        assert_eq!(trends(loaded), whole_trends(&store, one), "{text}");
    }
    assert!(fast > 40, "most lookups read only their bodies ({fast})");
    let three: Vec<String> = bodies.keys().take(3).cloned().collect();
    let (few, ids) = Corpus::for_bodies(&store, &three).unwrap();
    assert_eq!(ids, three);
    let year = bodies[&ids[0]].years.iter().next().copied();
    assert_eq!(
        serde_json::to_string(&series::compare(&few, &ids, year).unwrap()).unwrap(),
        serde_json::to_string(&series::compare(&whole, &ids, year).unwrap()).unwrap()
    );

    // Aliases, and a body renamed by re-indexing (its old name may stay in
    // deleted documents until a merge).
    let dir = common::samples();
    let sidecar = dir.path().join("002_45eff0c929365845.txt.toml");
    std::fs::write(&sidecar, "body = \"长春市二道区旧名称办公室\"\n").unwrap();
    std::fs::write(dir.path().join("aliases.toml"), HONGCHENG_ALIAS).unwrap();
    let (idx, _) = index_dir(dir.path());
    std::fs::write(&sidecar, "body = \"长春市二道区人民政府办公室\"\n").unwrap();
    reindex_one_change(idx.path(), dir.path());
    let store = Store::open(idx.path()).unwrap();
    for text in [
        "长春市南关区鸿城街道办事处",
        "鸿城街道",
        "长春高新技术产业开发区",
        "吉林省/长春市/南关区/鸿城街道",
        "旧名称",
        "长春市二道区旧名称办公室",
        "办公室",
        "二道区",
    ] {
        let one = [text.to_string()];
        assert_eq!(
            trends(Corpus::for_bodies(&store, &one)),
            whole_trends(&store, &one),
            "{text}"
        );
    }
}

#[test]
fn files_of_one_body_and_year_are_duplicates_or_conflicts_never_chosen_silently() {
    let fixtures = common::root().join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    // One report as .docx, as LibreOffice's PDF of it, and as Word 97: the same numbers.
    for f in ["docx_2023.docx", "pdf_2023_libreoffice.pdf", "doc_2023.doc"] {
        std::fs::copy(fixtures.join(f), dir.path().join(f)).unwrap();
    }
    // Seed 000 and a re-publication with one number changed (its table no
    // longer adds up, so it has more findings and does not stand).
    let seed = common::root().join("sample-data/000_6e7f8a5bff4cbb9a.txt");
    let original = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(dir.path().join("erdao_2023.txt"), &original).unwrap();
    let changed = original.replacen(
        "| 一、本年新收政府信息公开申请数量 | 344 |",
        "| 一、本年新收政府信息公开申请数量 | 345 |",
        1,
    );
    assert_ne!(changed, original);
    std::fs::write(dir.path().join("erdao_2023_republished.txt"), &changed).unwrap();
    let (idx, corpus) = index_dir(dir.path());

    let found = rules::check(&corpus).unwrap();
    let dup: Vec<_> = found
        .iter()
        .filter(|f| f.finding.rule == "report.duplicate")
        .collect();
    assert_eq!(dup.len(), 1, "{found:#?}");
    assert_eq!(
        dup[0].body_id.as_deref(),
        Some("宁夏回族自治区/银川市/兴庆区/卫生健康局")
    );
    assert_eq!(dup[0].sources.len(), 3);
    for f in ["docx_2023.docx", "pdf_2023_libreoffice.pdf", "doc_2023.doc"] {
        assert!(
            dup[0].finding.message.contains(f),
            "{}",
            dup[0].finding.message
        );
    }
    let conflict: Vec<_> = found
        .iter()
        .filter(|f| f.finding.rule == "report.conflict")
        .collect();
    assert_eq!(conflict.len(), 1, "{found:#?}");
    let c = conflict[0];
    assert_eq!(c.finding.severity, xxgk_core::model::Severity::Error);
    assert!(
        c.source.ends_with("erdao_2023.txt"),
        "the file without the new error stands: {}",
        c.source
    );
    assert_eq!(c.sources.len(), 2);
    assert!(c
        .finding
        .keys
        .contains(&"requests.new_received.natural_person".to_string()));
    assert!(
        c.finding.message.contains("344 / 345"),
        "{}",
        c.finding.message
    );

    // The year's series uses the standing file and says others exist.
    let erdao = "吉林省/长春市/二道区/人民政府";
    assert!(corpus.years_of(erdao)[&2023]
        .source
        .ends_with("erdao_2023.txt"));
    let t = series::trend(&corpus, erdao).unwrap();
    assert_eq!(t.sources[0].others.len(), 1);
    assert_eq!(t.sources[0].same_numbers, Some(false));
    let table = text(&xxgk(idx.path()).args(["trend", "二道区"]).output().unwrap());
    assert!(
        table.contains("2023: 2 files; erdao_2023.txt stands, also erdao_2023_republished.txt — different statistics"),
        "{table}"
    );
    let listing = text(
        &xxgk(idx.path())
            .args(["bodies", "--json"])
            .output()
            .unwrap(),
    );
    let health = listing
        .lines()
        .find(|l| l.contains("卫生健康局"))
        .unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(health).unwrap();
    assert_eq!(v["repeated"][0]["year"], 2023);
    assert_eq!(v["repeated"][0]["same_numbers"], true);
    assert_eq!(v["repeated"][0]["others"].as_array().unwrap().len(), 2);
    let json = text(&xxgk(idx.path()).args(["check", "--json"]).output().unwrap());
    let line = json
        .lines()
        .find(|l| l.contains("report.conflict"))
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(v["sources"].as_array().unwrap().len(), 2);
}

fn findings_json(idx: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = xxgk(idx)
        .arg("check")
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    text(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn check_filters_and_reviews_that_survive_a_reindex() {
    let dir = common::samples();
    let (idx, _) = index_dir(dir.path());
    let all = findings_json(idx.path(), &[]);
    assert_eq!(all.len(), 6, "{all:#?}");
    assert!(all
        .iter()
        .all(|f| f["review"] == "open" && f["id"].as_str().unwrap().len() == 12));
    let rules_of = |fs: &[serde_json::Value]| -> Vec<String> {
        fs.iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    // Filters: rule family, severity, year, region, body.
    let requests = findings_json(idx.path(), &["--rule", "requests."]);
    assert_eq!(requests.len(), 4);
    assert!(rules_of(&requests)
        .iter()
        .all(|r| r.starts_with("requests.")));
    let exact = findings_json(
        idx.path(),
        &["--rule", "legacy.sums", "--rule", "cell.missing"],
    );
    assert_eq!(rules_of(&exact), ["legacy.sums", "cell.missing"]);
    assert_eq!(
        findings_json(idx.path(), &["--severity", "warning"]).len(),
        1
    );
    assert_eq!(findings_json(idx.path(), &["--year", "2017"]).len(), 1);
    assert_eq!(
        findings_json(idx.path(), &["--year", "2021..2023"]).len(),
        5
    );
    assert_eq!(findings_json(idx.path(), &["--region", "长春市"]).len(), 6);
    assert_eq!(
        findings_json(idx.path(), &["--region", "吉林省/长春市/二道区"]).len(),
        5
    );
    assert_eq!(findings_json(idx.path(), &["--region", "北京市"]).len(), 0);
    assert_eq!(
        findings_json(idx.path(), &["--body", "长春市二道区政府"]).len(),
        5
    );
    let bad_year = xxgk(idx.path())
        .args(["check", "--year", "20x3"])
        .output()
        .unwrap();
    assert_eq!(bad_year.status.code(), Some(2));
    // --fail-on error: errors remain.
    let run = |args: &[&str]| xxgk(idx.path()).arg("check").args(args).output().unwrap();
    assert_eq!(run(&["--fail-on", "error"]).status.code(), Some(1));
    assert_eq!(run(&[]).status.code(), Some(0));

    // Reviews: dismiss every error, confirm the warning.
    for f in &all {
        let state = if f["severity"] == "error" {
            "dismissed"
        } else {
            "confirmed"
        };
        let out = xxgk(idx.path())
            .args([
                "review",
                f["id"].as_str().unwrap(),
                state,
                "--note",
                "核对原件",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let unknown = xxgk(idx.path())
        .args(["review", "000000000000", "dismissed"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(findings_json(idx.path(), &["--open"]).is_empty());
    assert_eq!(run(&["--fail-on", "error"]).status.code(), Some(0));
    assert_eq!(
        run(&["--fail-on", "warning"]).status.code(),
        Some(1),
        "the confirmed warning remains"
    );
    let shown = text(&run(&[]));
    assert!(shown.contains("[dismissed: 核对原件]"), "{shown}");
    assert!(
        shown.contains("6 findings (5 errors, 1 warnings; 0 open)"),
        "{shown}"
    );

    // A re-index keeps them; a report whose content changes loses its own.
    let again = xxgk(idx.path())
        .arg("index")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        text(&again).starts_with("indexed 0, unchanged 5"),
        "{}",
        text(&again)
    );
    assert!(findings_json(idx.path(), &["--open"]).is_empty());
    let legacy = dir.path().join("004_007e7273948ea30e.txt");
    let mut content = std::fs::read_to_string(&legacy).unwrap();
    content.push_str("\n附：本报告电子版可在门户网站下载。\n");
    std::fs::write(&legacy, content).unwrap();
    let changed = text(
        &xxgk(idx.path())
            .arg("index")
            .arg(dir.path())
            .output()
            .unwrap(),
    );
    assert!(changed.contains("1 reviews dropped"), "{changed}");
    let open = findings_json(idx.path(), &["--open"]);
    assert_eq!(
        rules_of(&open),
        ["legacy.sums"],
        "only the changed report's finding is open again"
    );
    let stored = std::fs::read_to_string(idx.path().join("reviews.json")).unwrap();
    assert_eq!(stored.matches("\"state\"").count(), 5);
}

#[test]
fn index_before_or_after_the_subcommand_and_queries_that_start_with_a_minus() {
    let dir = common::samples();
    let (idx, _) = index_dir(dir.path());
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .env_remove("XXGK_INDEX")
            .env("XDG_DATA_HOME", idx.path().join("no-data"))
            .env("XDG_CONFIG_HOME", idx.path().join("no-config"))
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), text(&out))
    };
    let i = idx.path().to_str().unwrap();
    for cmd in [
        &["bodies"][..],
        &["check", "--json"],
        &["trend", "二道区"],
        &["search", "行政复议", "--limit", "3"],
        &["export", "--format", "json"],
        &["rank", "received", "--ascii"],
        &["coverage", "--format", "json"],
    ] {
        let mut before = vec!["--index", i];
        before.extend_from_slice(cmd);
        let mut after = cmd.to_vec();
        after.extend_from_slice(&["--index", i]);
        let (a, b) = (run(&before), run(&after));
        assert_eq!(a.0, Some(0), "{before:?}: {}", a.1);
        assert_eq!(a, b, "{cmd:?}: --index before and after the subcommand");
        assert!(!a.1.is_empty(), "{cmd:?}");
    }
    // An excluded word first, without `--`; flags before or after it.
    let (code, out) = run(&["search", "-不存在的词 行政复议", "--index", i]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("行政复议"), "{out}");
    let (code, out) = run(&["search", "行政复议", "--limit", "0", "--index", i]);
    assert_eq!(
        (code, out.as_str()),
        (Some(0), ""),
        "--limit 0 gives nothing"
    );
    // --count: every hit, not the first 20; -l: each file once.
    let (_, count) = run(&["search", "公开", "--count", "--index", i]);
    let (_, all) = run(&["search", "公开", "--json", "--limit", "1000", "--index", i]);
    assert_eq!(count.trim().parse::<usize>().unwrap(), all.lines().count());
    assert!(all.lines().count() > 20);
    let (_, files) = run(&["search", "公开", "-l", "--index", i]);
    let files: Vec<&str> = files.lines().collect();
    assert_eq!(files.len(), 5, "{files:?}");
    assert_eq!(
        files.iter().collect::<std::collections::HashSet<_>>().len(),
        5
    );
}
