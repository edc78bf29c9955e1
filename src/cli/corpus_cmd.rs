//! `xxgk bodies | trend | compare | check | review | export` over the index.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::error::{finish, stdout, Error};
use super::table::render;
use crate::corpus::bodies::year_ranges;
use crate::corpus::filter::{FindingFilter, Region};
use crate::corpus::reviews::{Reviews, State as ReviewState};
use crate::corpus::{bodies, export, rules, series, Corpus};
use crate::index::Store;
use crate::text::terminal_width;
use xxgk_core::model::{Severity, YearRange};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    Table,
    /// CSV in the command's usual shape (trend: long; compare: wide).
    Csv,
    /// CSV, one row per value: metric, body, year, value, source.
    CsvLong,
    /// CSV, metrics down and years (trend) or bodies (compare) across.
    CsvWide,
    /// One JSON document.
    Json,
}

/// A CSV writer on `o`, after a UTF-8 byte order mark when asked (Excel).
fn csv_out(
    o: &mut super::error::Out,
    bom: bool,
) -> Result<csv::Writer<&mut super::error::Out>, Error> {
    if bom {
        o.write_all("\u{feff}".as_bytes())?;
    }
    Ok(csv::Writer::from_writer(o))
}

/// `--year`: a year or a range; a bad one is a usage error.
fn year_flag(text: Option<&str>) -> Result<Option<YearRange>, Error> {
    text.map(str::parse::<YearRange>)
        .transpose()
        .map_err(|e| Error::Usage(format!("--year: {e}")))
}

/// What a command over an index with no reports says.
pub(super) const EMPTY: &str = "the index is empty: run xxgk index PATH";

pub(super) fn load(dir: &Path) -> Result<Corpus, Error> {
    Ok(Corpus::load(&Store::open(dir)?)?)
}

fn signed(v: Option<f64>, pct: bool) -> String {
    match v {
        None => String::new(),
        Some(v) if pct => format!("{v:+.1}%"),
        Some(v) if v.fract() != 0.0 => format!("{v:+.1}"),
        Some(v) => format!("{:+}", v as i64),
    }
}

pub fn bodies_cmd(dir: &Path, json: bool) -> Result<ExitCode, Error> {
    let corpus = load(dir)?;
    let nodes = bodies::tree(&corpus);
    let mut o = stdout();
    if corpus.reports.is_empty() && !json {
        writeln!(o, "{EMPTY}")?;
        return finish(o);
    }
    if json {
        for n in &nodes {
            writeln!(o, "{}", serde_json::to_string(n).unwrap_or_default())?;
        }
        for r in corpus.unnamed() {
            writeln!(
                o,
                "{}",
                serde_json::json!({"id": null, "names": [], "years": [r.year], "sources": [r.source]})
            )?;
        }
        return finish(o);
    }
    let mut last_parents: Vec<String> = Vec::new();
    for n in &nodes {
        let parents = if n.parents.is_empty() {
            vec!["(未定位 not placed on the map)".to_string()]
        } else {
            n.parents.clone()
        };
        let common = parents
            .iter()
            .zip(&last_parents)
            .take_while(|(a, b)| a == b)
            .count();
        for (depth, p) in parents.iter().enumerate().skip(common) {
            writeln!(o, "{}{p}", "  ".repeat(depth))?;
        }
        last_parents = parents.clone();
        let indent = "  ".repeat(parents.len());
        let names = if n.info.names.len() > 1 {
            format!("  ({})", n.info.names.join("、"))
        } else {
            String::new()
        };
        writeln!(
            o,
            "{indent}{}  {}{names}",
            n.unit,
            year_ranges(&n.info.years)
        )?;
        if let Some(why) = &n.local {
            writeln!(o, "{indent}  {why}")?;
        }
        for note in n.info.repeated.iter().filter_map(|r| r.note()) {
            writeln!(o, "{indent}  {note}")?;
        }
    }
    let unnamed = corpus.unnamed();
    if !unnamed.is_empty() {
        writeln!(
            o,
            "(未署名 no body named: add a sidecar FILE.toml with body = \"…\")"
        )?;
        for r in unnamed {
            writeln!(
                o,
                "  {}  {}",
                r.year.map_or("----".into(), |y| y.to_string()),
                r.source
            )?;
        }
    }
    let gaps: Vec<&bodies::Node> = nodes.iter().filter(|n| !n.missing.is_empty()).collect();
    if !gaps.is_empty() {
        writeln!(o, "\ncoverage: years a body lacks that its siblings have")?;
        for n in gaps {
            let missing: std::collections::BTreeSet<i32> = n.missing.iter().copied().collect();
            writeln!(o, "  {}  {}", n.info.id, year_ranges(&missing))?;
        }
    }
    finish(o)
}

/// The corpus of just the bodies `texts` name, and their ids.
fn load_bodies(dir: &Path, texts: &[String]) -> Result<(Corpus, Vec<String>), Error> {
    Ok(Corpus::for_bodies(&Store::open(dir)?, texts)?)
}

pub fn trend_cmd(dir: &Path, body: &str, format: Format, bom: bool) -> Result<ExitCode, Error> {
    let (corpus, mut ids) = load_bodies(dir, &[body.to_string()])?;
    let id = ids.remove(0);
    let t = series::trend(&corpus, &id)?;
    let mut o = stdout();
    match format {
        Format::Json => {
            writeln!(o, "{}", serde_json::to_string(&t).unwrap_or_default())?;
        }
        Format::CsvWide => {
            let mut w = csv_out(&mut o, bom)?;
            let mut header = vec!["body_id".to_string(), "metric".into(), "label".into()];
            header.extend(t.years.iter().map(|y| y.to_string()));
            w.write_record(&header)?;
            let mut tmpl = vec![t.body_id.clone(), "template".into(), "模板".into()];
            tmpl.extend(t.templates.iter().map(|s| s.to_string()));
            w.write_record(&tmpl)?;
            for row in &t.rows {
                let mut line = vec![t.body_id.clone(), row.key.into(), row.label.into()];
                line.extend(row.cells.iter().map(|c| c.csv()));
                w.write_record(&line)?;
            }
            let mut src = vec![t.body_id.clone(), "source".into(), "来源".into()];
            src.extend(t.sources.iter().map(|s| s.source.clone()));
            w.write_record(&src)?;
            w.flush()?;
        }
        Format::Csv | Format::CsvLong => {
            let mut w = csv_out(&mut o, bom)?;
            w.write_record([
                "body_id",
                "metric",
                "label",
                "year",
                "template",
                "value",
                "change",
                "pct_change",
                "source",
            ])?;
            for row in &t.rows {
                for (i, y) in t.years.iter().enumerate() {
                    w.write_record([
                        t.body_id.as_str(),
                        row.key,
                        row.label,
                        &y.to_string(),
                        t.templates[i],
                        &row.cells[i].csv(),
                        &row.change[i].map(|v| format!("{v}")).unwrap_or_default(),
                        &row.pct_change[i]
                            .map(|v| format!("{v:.2}"))
                            .unwrap_or_default(),
                        t.sources.get(i).map_or("", |s| s.source.as_str()),
                    ])?;
                }
            }
            w.flush()?;
        }
        Format::Table => {
            writeln!(o, "{}  [{}]", t.body, t.body_id)?;
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
            write!(o, "{}", render(&header, &rows, terminal_width()))?;
            if with_change {
                writeln!(
                    o,
                    "Δ, %Δ: {} against {}. n/a: not in that year's template; -: blank",
                    t.years[t.years.len() - 1],
                    t.years[t.years.len() - 2]
                )?;
            }
            for note in t.sources.iter().filter_map(|s| s.note()) {
                writeln!(o, "{note}")?;
            }
        }
    }
    finish(o)
}

pub fn compare_cmd(
    dir: &Path,
    bodies: &[String],
    year: Option<i32>,
    format: Format,
    bom: bool,
) -> Result<ExitCode, Error> {
    let (corpus, ids) = load_bodies(dir, bodies)?;
    // One body named twice would be compared with itself.
    for (i, id) in ids.iter().enumerate() {
        if let Some(j) = ids[..i].iter().position(|x| x == id) {
            return Err(Error::Usage(format!(
                "`{}` and `{}` name the same body ({id}): name each body once",
                bodies[j], bodies[i]
            )));
        }
    }
    let c = series::compare(&corpus, &ids, year)?;
    // Bodies without a report that year, said once (their cells show —).
    let missing: Vec<String> = c
        .bodies
        .iter()
        .zip(&c.sources)
        .filter(|(_, s)| s.is_none())
        .map(|(b, _)| b.clone())
        .collect();
    let mut o = stdout();
    match format {
        Format::Json => {
            writeln!(o, "{}", serde_json::to_string(&c).unwrap_or_default())?;
        }
        Format::Csv | Format::CsvWide => {
            let mut w = csv_out(&mut o, bom)?;
            let mut header = vec!["metric".to_string(), "label".to_string()];
            header.extend(c.body_ids.iter().cloned());
            w.write_record(&header)?;
            for r in &c.rows {
                let mut line = vec![r.key.to_string(), r.label.to_string()];
                line.extend(r.cells.iter().map(|v| v.csv()));
                w.write_record(&line)?;
            }
            w.flush()?;
        }
        Format::CsvLong => {
            let mut w = csv_out(&mut o, bom)?;
            w.write_record([
                "body_id", "body", "year", "metric", "label", "value", "source",
            ])?;
            for r in &c.rows {
                for (i, cell) in r.cells.iter().enumerate() {
                    let source = c.sources[i].as_ref().map_or("", |s| s.source.as_str());
                    w.write_record([
                        c.body_ids[i].as_str(),
                        c.bodies[i].as_str(),
                        &c.year.to_string(),
                        r.key,
                        r.label,
                        &cell.csv(),
                        source,
                    ])?;
                }
            }
            w.flush()?;
        }
        Format::Table => {
            writeln!(o, "{}年", c.year)?;
            let letters: Vec<String> = (0..c.bodies.len()).map(column_letter).collect();
            for (l, (name, id)) in letters.iter().zip(c.bodies.iter().zip(&c.body_ids)) {
                writeln!(o, "  {l} = {name}  [{id}]")?;
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
            write!(o, "{}", render(&header, &rows, terminal_width()))?;
            writeln!(
                o,
                "*: differs most in its row.  n/a: not in the template.  -: blank.  —: no report"
            )?;
            for (i, l) in letters.iter().enumerate() {
                if c.sources[i].is_none() {
                    let b = &c.bodies[i];
                    let years: std::collections::BTreeSet<i32> =
                        corpus.years_of(&c.body_ids[i]).keys().copied().collect();
                    writeln!(
                        o,
                        "{l}: {b} has no report for {} (its years: {})",
                        c.year,
                        year_ranges(&years)
                    )?;
                }
            }
            for (l, note) in letters
                .iter()
                .zip(&c.sources)
                .filter_map(|(l, s)| Some((l, s.as_ref()?.note()?)))
            {
                writeln!(o, "{l}, {note}")?;
            }
        }
    }
    if format != Format::Table && !missing.is_empty() {
        super::error::report(format!(
            "note: no report for {} from {}",
            c.year,
            missing.join(", ")
        ));
    }
    finish(o)
}

fn column_letter(i: usize) -> String {
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if i < 26 {
        (letters[i] as char).to_string()
    } else {
        format!("B{}", i + 1)
    }
}

/// `xxgk check`'s filters (`shared/CLI.md`).
#[derive(clap::Args, Debug, Default)]
pub struct CheckArgs {
    /// Only findings no one has confirmed or dismissed (`xxgk review`).
    #[arg(long)]
    pub open: bool,
    /// Bodies under a place: 长春市, 吉林省/长春市, 长春市二道区.
    #[arg(long)]
    pub region: Option<String>,
    /// One body (a body_id, a full name or an unambiguous part of one).
    #[arg(long)]
    pub body: Option<String>,
    /// A year (2023) or a range (2019..2023).
    #[arg(long)]
    pub year: Option<String>,
    /// A rule (requests.balance) or a family ending in a dot (requests.); repeatable.
    #[arg(long)]
    pub rule: Vec<String>,
    /// Only findings of this severity.
    #[arg(long, value_enum)]
    pub severity: Option<SeverityArg>,
    /// Exit 1 when findings of this severity (or worse) remain open or
    /// confirmed after the filters.
    #[arg(long, value_enum)]
    pub fail_on: Option<SeverityArg>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeverityArg {
    Error,
    Warning,
}

impl SeverityArg {
    fn severity(self) -> Severity {
        match self {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
        }
    }
}

fn finding_filter(corpus: &Corpus, args: &CheckArgs) -> Result<FindingFilter, Error> {
    Ok(FindingFilter {
        region: args.region.as_deref().map(Region::parse),
        body_id: args
            .body
            .as_deref()
            .map(|b| corpus.resolve(b))
            .transpose()?,
        years: year_flag(args.year.as_deref())?,
        rules: args.rule.clone(),
        severity: args.severity.map(SeverityArg::severity),
        open: args.open,
    })
}

pub fn check_cmd(dir: &Path, json: bool, args: &CheckArgs) -> Result<ExitCode, Error> {
    let corpus = load(dir)?;
    let filter = finding_filter(&corpus, args)?;
    let reviews = Reviews::load(dir).map_err(Error::Reviews)?;
    let mut found = rules::check(&corpus)?;
    rules::annotate(&mut found, &reviews);
    found.retain(|f| filter.keeps(f));
    // Dismissed findings no longer hold a run back.
    let failing = args.fail_on.is_some_and(|level| {
        found.iter().any(|f| {
            f.review != ReviewState::Dismissed
                && (f.finding.severity == Severity::Error || level == SeverityArg::Warning)
        })
    });
    let names = corpus.bodies();
    let mut o = stdout();
    if json {
        for f in &found {
            writeln!(o, "{}", serde_json::to_string(f).unwrap_or_default())?;
        }
        o.flush()?;
        return Ok(if failing {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
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
            writeln!(o, "{name}  [{}]", f.body_id.as_deref().unwrap_or("-"))?;
        }
        if last.as_ref() != Some(&key) {
            writeln!(
                o,
                "  {}  {}",
                f.year.map_or("----".into(), |y| y.to_string()),
                f.source
            )?;
        }
        let sev = match f.finding.severity {
            Severity::Error => "error  ",
            Severity::Warning => "warning",
        };
        let review = match f.review {
            ReviewState::Open => String::new(),
            state if f.note.is_empty() => format!("  [{}]", state.as_str()),
            state => format!("  [{}: {}]", state.as_str(), f.note),
        };
        writeln!(
            o,
            "    {sev} {}  {}  #{}{review}",
            f.finding.rule, f.finding.message, f.id
        )?;
        last = Some(key);
    }
    let errors = found
        .iter()
        .filter(|f| f.finding.severity == Severity::Error)
        .count();
    let open = found
        .iter()
        .filter(|f| f.review == ReviewState::Open)
        .count();
    if corpus.reports.is_empty() {
        writeln!(o, "{EMPTY}")?;
        return finish(o);
    }
    writeln!(
        o,
        "{} findings ({errors} errors, {} warnings; {open} open) in {} reports",
        found.len(),
        found.len() - errors,
        corpus.reports.len()
    )?;
    o.flush()?;
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `xxgk review ID STATE [--note …]`: records a review of a current finding.
pub fn review_cmd(dir: &Path, id: &str, state: ReviewState, note: &str) -> Result<ExitCode, Error> {
    let corpus = load(dir)?;
    let id = id.trim_start_matches('#');
    let found = rules::check(&corpus)?;
    let Some(f) = found.iter().find(|f| f.id == id) else {
        return Err(Error::Usage(format!(
            "finding `{id}`: no current finding has this id; `xxgk check` lists them"
        )));
    };
    let mut reviews = Reviews::load(dir).map_err(Error::Reviews)?;
    reviews.set(id, f.review_as(state, note));
    let live: std::collections::HashSet<&str> =
        corpus.reports.iter().map(|r| r.hash.as_str()).collect();
    reviews.prune(&live);
    reviews.save().map_err(Error::Reviews)?;
    let mut o = stdout();
    writeln!(
        o,
        "#{id} {}: {}  {}",
        state.as_str(),
        f.finding.rule,
        f.source
    )?;
    finish(o)
}

/// `xxgk export`'s filters.
#[derive(clap::Args, Debug, Default)]
pub struct ExportArgs {
    /// Bodies under a place: 长春市, 吉林省/长春市.
    #[arg(long, value_name = "PLACE")]
    pub region: Option<String>,
    /// Bodies named so: a body_id or full name, or a part of names (every body it is part of).
    #[arg(long)]
    pub body: Option<String>,
    /// A year (2023) or a range (2019..2023).
    #[arg(long)]
    pub year: Option<String>,
    /// A statistic key (requests.granted.total) or a family ending in a dot (requests.); repeatable.
    #[arg(long)]
    pub key: Vec<String>,
}

pub fn export_cmd(
    dir: &Path,
    format: Format,
    bom: bool,
    args: &ExportArgs,
) -> Result<ExitCode, Error> {
    if format == Format::Table {
        return Err(Error::Usage(
            "export --format table: export writes data for scripts; use --format csv or json (xxgk trend and compare print tables)".into(),
        ));
    }
    if format == Format::CsvWide {
        return Err(Error::Usage(
            "export --format csv-wide: export is one row per value; trend and compare write wide CSV".into(),
        ));
    }
    let corpus = load(dir)?;
    let bodies = match &args.body {
        None => None,
        Some(text) => {
            let all: std::collections::BTreeMap<String, Vec<String>> = corpus
                .bodies()
                .into_iter()
                .map(|(id, b)| (id, b.names))
                .collect();
            Some(
                xxgk_core::identity::resolve_many(&all, text)
                    .map_err(crate::corpus::CorpusError::Body)?,
            )
        }
    };
    let filter = export::Filter {
        region: args.region.as_deref().map(Region::parse),
        bodies,
        years: year_flag(args.year.as_deref())?,
        keys: args.key.clone(),
    };
    let mut o = stdout();
    match format {
        Format::Json => export::for_each_row(&corpus, &filter, true, |row| {
            writeln!(o, "{}", serde_json::to_string(&row).unwrap_or_default())
        })?,
        _ => export::write_csv(&corpus, &filter, &mut o, bom)?,
    }
    o.flush().map_err(Error::Export)?;
    Ok(ExitCode::SUCCESS)
}
