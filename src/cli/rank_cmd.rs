//! `xxgk rank METRIC`: bodies ordered by a metric or a ratio for one year.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::corpus_cmd::{load, Format, EMPTY};
use super::error::{finish, stdout, Error};
use super::table::render;
use crate::corpus::filter::Region;
use crate::corpus::metrics;
use crate::corpus::rank::{rank, Condition, Query};
use crate::text::terminal_width;

#[derive(clap::Args, Debug, Clone)]
pub struct RankArgs {
    /// The metric or ratio to rank by: received, granted, processed, reviews,
    /// lawsuits, disclosure_rate, review_correction_rate, lawsuits_per_100, … (`xxgk rank list`).
    pub metric: String,
    /// Bodies under a place: 长春市, 吉林省/长春市.
    #[arg(long, value_name = "PLACE")]
    pub region: Option<String>,
    /// The year (default: the latest any body in scope has).
    #[arg(long)]
    pub year: Option<i32>,
    /// Keep bodies whose metric holds: received>100, reviews<=3, fees=n/a, fees!=n/a (repeatable; all must hold).
    #[arg(long = "where", value_name = "CONDITION")]
    pub conditions: Vec<String>,
    /// Print only the first N bodies.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Smallest first (default: largest first).
    #[arg(long)]
    pub ascending: bool,
    /// How to print it (csv: rank, body_id, body, year, metric, value, source).
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(dir: &Path, args: &RankArgs) -> Result<ExitCode, Error> {
    let mut o = stdout();
    if args.metric == "list" {
        for (key, label) in metrics::all() {
            writeln!(o, "{key}\t{label}")?;
        }
        return finish(o);
    }
    let conditions = args
        .conditions
        .iter()
        .map(|c| c.parse::<Condition>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::Usage(format!("--where {e}")))?;
    let corpus = load(dir)?;
    if corpus.reports.is_empty() {
        writeln!(o, "{EMPTY}")?;
        return finish(o);
    }
    let region = args.region.as_deref().map(Region::parse);
    let query = Query {
        metric: &args.metric,
        region: region.as_ref(),
        year: args.year,
        conditions: &conditions,
        ascending: args.ascending,
    };
    let Some(mut ranking) = rank(&corpus, &query)? else {
        let place = args.region.as_deref().unwrap_or_default();
        return Err(Error::Usage(format!(
            "--region {place}: no body of the index lies under it"
        )));
    };
    if ranking.rows.is_empty() && ranking.no_report.len() == corpus.bodies().len() {
        return Err(Error::Usage(format!(
            "--year {}: no body has a report for it",
            ranking.year
        )));
    }
    if let Some(n) = args.top {
        ranking.rows.truncate(n);
    }
    match args.format {
        Format::Json => writeln!(o, "{}", serde_json::to_string(&ranking).unwrap_or_default())?,
        Format::Csv | Format::CsvLong | Format::CsvWide => {
            let mut w = csv::Writer::from_writer(&mut o);
            w.write_record([
                "rank", "body_id", "body", "year", "metric", "value", "source",
            ])?;
            for r in &ranking.rows {
                w.write_record([
                    r.rank.map_or(String::new(), |n| n.to_string()),
                    r.body_id.clone(),
                    r.body.clone(),
                    ranking.year.to_string(),
                    ranking.metric.clone(),
                    r.value.csv(),
                    r.source.clone(),
                ])?;
            }
            w.flush()?;
        }
        Format::Table => {
            writeln!(
                o,
                "{} ({}), {}: {} {}",
                ranking.label,
                ranking.metric,
                ranking.year,
                ranking.rows.len(),
                if ranking.rows.len() == 1 {
                    "body"
                } else {
                    "bodies"
                }
            )?;
            let header = ["#".to_string(), "body".to_string(), ranking.label.clone()];
            let rows: Vec<Vec<String>> = ranking
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.rank.map_or("-".into(), |n| n.to_string()),
                        r.body.clone(),
                        r.value.to_string(),
                    ]
                })
                .collect();
            write!(o, "{}", render(&header, &rows, terminal_width()))?;
            let what = if metrics::DERIVED.iter().any(|d| d.0 == ranking.metric) {
                "ratio of the sums"
            } else {
                "sum"
            };
            writeln!(o, "all of them ({what}): {}", ranking.total)?;
            if !ranking.no_report.is_empty() {
                writeln!(
                    o,
                    "no report for {}: {}",
                    ranking.year,
                    ranking.no_report.join(", ")
                )?;
            }
        }
    }
    finish(o)
}
