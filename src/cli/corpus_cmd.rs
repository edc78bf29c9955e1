//! `xxgk bodies | trend | compare | check | export` over the index.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::table::render;
use crate::corpus::bodies::year_ranges;
use crate::corpus::{bodies, export, rules, series, Corpus, CorpusError};
use crate::index::Store;
use crate::text::terminal_width;
use xxgk_core::model::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

fn load(dir: &Path) -> Result<Corpus, ExitCode> {
    Store::open(dir)
        .map_err(CorpusError::from)
        .and_then(|s| Corpus::load(&s))
        .map_err(fail)
}

fn fail(e: CorpusError) -> ExitCode {
    eprintln!("{e}");
    match e {
        CorpusError::Body(_) | CorpusError::NoCommonYear(_) => ExitCode::from(2),
        _ => ExitCode::from(1),
    }
}

fn out() -> std::io::StdoutLock<'static> {
    std::io::stdout().lock()
}

fn signed(v: Option<f64>, pct: bool) -> String {
    match v {
        None => String::new(),
        Some(v) if pct => format!("{v:+.1}%"),
        Some(v) if v.fract() != 0.0 => format!("{v:+.1}"),
        Some(v) => format!("{:+}", v as i64),
    }
}

pub fn bodies_cmd(dir: &Path, json: bool) -> ExitCode {
    let corpus = match load(dir) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let nodes = bodies::tree(&corpus);
    let mut o = out();
    if json {
        for n in &nodes {
            let _ = writeln!(o, "{}", serde_json::to_string(n).unwrap_or_default());
        }
        for r in corpus.unnamed() {
            let _ = writeln!(
                o,
                "{}",
                serde_json::json!({"id": null, "names": [], "years": [r.year], "sources": [r.source]})
            );
        }
        return ExitCode::SUCCESS;
    }
    let mut last_parents: Vec<String> = Vec::new();
    for n in &nodes {
        let parents = if n.parents.is_empty() {
            vec!["(无上级 no parent level)".to_string()]
        } else {
            n.parents.clone()
        };
        let common = parents
            .iter()
            .zip(&last_parents)
            .take_while(|(a, b)| a == b)
            .count();
        for (depth, p) in parents.iter().enumerate().skip(common) {
            let _ = writeln!(o, "{}{p}", "  ".repeat(depth));
        }
        last_parents = parents.clone();
        let indent = "  ".repeat(parents.len());
        let names = if n.info.names.len() > 1 {
            format!("  ({})", n.info.names.join("、"))
        } else {
            String::new()
        };
        let _ = writeln!(
            o,
            "{indent}{}  {}{names}",
            n.unit,
            year_ranges(&n.info.years)
        );
    }
    let unnamed = corpus.unnamed();
    if !unnamed.is_empty() {
        let _ = writeln!(
            o,
            "(未署名 no body named: add a sidecar FILE.toml with body = \"…\")"
        );
        for r in unnamed {
            let _ = writeln!(
                o,
                "  {}  {}",
                r.year.map_or("----".into(), |y| y.to_string()),
                r.source
            );
        }
    }
    let gaps: Vec<&bodies::Node> = nodes.iter().filter(|n| !n.missing.is_empty()).collect();
    if !gaps.is_empty() {
        let _ = writeln!(o, "\ncoverage: years a body lacks that its siblings have");
        for n in gaps {
            let missing: std::collections::BTreeSet<i32> = n.missing.iter().copied().collect();
            let _ = writeln!(o, "  {}  {}", n.info.id, year_ranges(&missing));
        }
    }
    ExitCode::SUCCESS
}

/// The corpus of just the bodies `texts` name, and their ids.
fn load_bodies(dir: &Path, texts: &[String]) -> Result<(Corpus, Vec<String>), ExitCode> {
    Store::open(dir)
        .map_err(CorpusError::from)
        .and_then(|s| Corpus::for_bodies(&s, texts))
        .map_err(fail)
}

pub fn trend_cmd(dir: &Path, body: &str, format: Format) -> ExitCode {
    let (corpus, id) = match load_bodies(dir, &[body.to_string()]) {
        Ok((c, mut ids)) => (c, ids.remove(0)),
        Err(code) => return code,
    };
    let t = match series::trend(&corpus, &id) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let mut o = out();
    match format {
        Format::Json => {
            let _ = writeln!(o, "{}", serde_json::to_string(&t).unwrap_or_default());
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(o);
            let _ = w.write_record([
                "body_id",
                "metric",
                "label",
                "year",
                "template",
                "value",
                "change",
                "pct_change",
            ]);
            for row in &t.rows {
                for (i, y) in t.years.iter().enumerate() {
                    let _ = w.write_record([
                        t.body_id.as_str(),
                        row.key,
                        row.label,
                        &y.to_string(),
                        t.templates[i],
                        &row.cells[i].to_string(),
                        &row.change[i].map(|v| format!("{v}")).unwrap_or_default(),
                        &row.pct_change[i]
                            .map(|v| format!("{v:.2}"))
                            .unwrap_or_default(),
                    ]);
                }
            }
            let _ = w.flush();
        }
        Format::Table => {
            let _ = writeln!(o, "{}  [{}]", t.body, t.body_id);
            let mut header: Vec<String> = vec!["指标".into()];
            header.extend(t.years.iter().map(|y| y.to_string()));
            let with_change = t.years.len() >= 2;
            if with_change {
                header.push("Δ".into());
                header.push("%Δ".into());
            }
            let mut rows: Vec<Vec<String>> = t
                .rows
                .iter()
                .map(|r| {
                    let mut line: Vec<String> = vec![r.label.to_string()];
                    line.extend(r.cells.iter().map(|c| c.to_string()));
                    if with_change {
                        line.push(signed(*r.change.last().unwrap_or(&None), false));
                        line.push(signed(*r.pct_change.last().unwrap_or(&None), true));
                    }
                    line
                })
                .collect();
            let mut tmpl: Vec<String> = vec!["模板 template".into()];
            tmpl.extend(t.templates.iter().map(|s| s.to_string()));
            rows.push(tmpl);
            let _ = write!(o, "{}", render(&header, &rows, terminal_width()));
            if with_change {
                let _ = writeln!(
                    o,
                    "Δ, %Δ: {} against {}. n/a: not in that year's template; -: blank",
                    t.years[t.years.len() - 1],
                    t.years[t.years.len() - 2]
                );
            }
        }
    }
    ExitCode::SUCCESS
}

pub fn compare_cmd(dir: &Path, bodies: &[String], year: Option<i32>, format: Format) -> ExitCode {
    let (corpus, ids) = match load_bodies(dir, bodies) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let c = match series::compare(&corpus, &ids, year) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let mut o = out();
    match format {
        Format::Json => {
            let _ = writeln!(o, "{}", serde_json::to_string(&c).unwrap_or_default());
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(o);
            let mut header = vec!["metric".to_string(), "label".to_string()];
            header.extend(c.body_ids.iter().cloned());
            let _ = w.write_record(&header);
            for r in &c.rows {
                let mut line = vec![r.key.to_string(), r.label.to_string()];
                line.extend(r.cells.iter().map(|v| v.to_string()));
                let _ = w.write_record(&line);
            }
            let _ = w.flush();
        }
        Format::Table => {
            let _ = writeln!(o, "{}年", c.year);
            let letters: Vec<String> = (0..c.bodies.len()).map(column_letter).collect();
            for (l, (name, id)) in letters.iter().zip(c.bodies.iter().zip(&c.body_ids)) {
                let _ = writeln!(o, "  {l} = {name}  [{id}]");
            }
            let mut header = vec!["指标".to_string()];
            header.extend(letters.iter().cloned());
            let rows: Vec<Vec<String>> = c
                .rows
                .iter()
                .map(|r| {
                    let mut line = vec![r.label.to_string()];
                    line.extend(r.cells.iter().enumerate().map(|(i, v)| {
                        let mark = if r.outlier == Some(i) { "*" } else { " " };
                        format!("{v}{mark}")
                    }));
                    line
                })
                .collect();
            let _ = write!(o, "{}", render(&header, &rows, terminal_width()));
            let _ = writeln!(
                o,
                "*: differs most in its row.  n/a: not in the template.  -: blank"
            );
        }
    }
    ExitCode::SUCCESS
}

fn column_letter(i: usize) -> String {
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if i < 26 {
        (letters[i] as char).to_string()
    } else {
        format!("B{}", i + 1)
    }
}

pub fn check_cmd(dir: &Path, json: bool) -> ExitCode {
    let corpus = match load(dir) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let found = match rules::check(&corpus) {
        Ok(found) => found,
        Err(e) => return fail(e),
    };
    let names = corpus.bodies();
    let mut o = out();
    if json {
        for f in &found {
            if writeln!(o, "{}", serde_json::to_string(f).unwrap_or_default()).is_err() {
                break;
            }
        }
        return ExitCode::SUCCESS;
    }
    let mut last: Option<(Option<String>, Option<i32>, String)> = None;
    for f in &found {
        let key = (f.body_id.clone(), f.year, f.source.clone());
        if last.as_ref().map(|l| &l.0) != Some(&key.0) {
            let name = f
                .body_id
                .as_ref()
                .and_then(|id| names.get(id))
                .map(|b| b.name().to_string());
            let name = name
                .or_else(|| f.body.clone())
                .unwrap_or_else(|| "(未署名)".into());
            let _ = writeln!(o, "{name}  [{}]", f.body_id.as_deref().unwrap_or("-"));
        }
        if last.as_ref() != Some(&key) {
            let _ = writeln!(
                o,
                "  {}  {}",
                f.year.map_or("----".into(), |y| y.to_string()),
                f.source
            );
        }
        let sev = match f.finding.severity {
            Severity::Error => "error  ",
            Severity::Warning => "warning",
        };
        let _ = writeln!(o, "    {sev} {}  {}", f.finding.rule, f.finding.message);
        last = Some(key);
    }
    let errors = found
        .iter()
        .filter(|f| f.finding.severity == Severity::Error)
        .count();
    let _ = writeln!(
        o,
        "{} findings ({errors} errors, {} warnings) in {} reports",
        found.len(),
        found.len() - errors,
        corpus.reports.len()
    );
    ExitCode::SUCCESS
}

pub fn export_cmd(dir: &Path, format: Format, bom: bool) -> ExitCode {
    let corpus = match load(dir) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let o = out();
    let result = match format {
        Format::Json => {
            let mut o = std::io::BufWriter::new(o);
            export::for_each_row(&corpus, |row| {
                writeln!(o, "{}", serde_json::to_string(&row).unwrap_or_default())
            })
            .and_then(|()| Ok(o.flush()?))
        }
        _ => export::write_csv(&corpus, o, bom),
    };
    match result {
        Err(export::ExportError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(export::ExportError::Corpus(e)) => fail(e),
        Err(e) => {
            eprintln!("export: {e}");
            ExitCode::from(1)
        }
        Ok(()) => ExitCode::SUCCESS,
    }
}
