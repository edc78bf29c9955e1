//! `xxgk coverage`: bodies × years, published, missing, with errors; and
//! with `--missing Y`, the bodies that have not published year Y.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::corpus_cmd::{load, Format, EMPTY};
use super::error::{finish, stdout, Error};
use crate::corpus::coverage::{coverage, Coverage, Mark};
use crate::corpus::filter::Region;

#[derive(clap::Args, Debug, Clone)]
pub struct CoverageArgs {
    /// Bodies under a place: 长春市, 吉林省/长春市.
    #[arg(long, value_name = "PLACE")]
    pub region: Option<String>,
    /// First year of the grid (default: the first year any body shown has).
    #[arg(long, value_name = "YEAR")]
    pub from: Option<i32>,
    /// Last year of the grid (default: the last year any body shown has).
    #[arg(long, value_name = "YEAR")]
    pub to: Option<i32>,
    /// List the bodies with no report for this year instead of the grid.
    #[arg(long, value_name = "YEAR")]
    pub missing: Option<i32>,
    /// How to print it (csv: one row per body and year; json: one document).
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(dir: &Path, args: &CoverageArgs, ascii: bool) -> Result<ExitCode, Error> {
    let corpus = load(dir)?;
    let mut o = stdout();
    if corpus.reports.is_empty() {
        if args.format == Format::Json {
            return finish(o);
        }
        writeln!(o, "{EMPTY}")?;
        return finish(o);
    }
    let region = args.region.as_deref().map(Region::parse);
    let (from, to) = match args.missing {
        Some(y) => (Some(y), Some(y)),
        None => (args.from, args.to),
    };
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(Error::Usage(format!("--from {a} is after --to {b}")));
        }
    }
    let grid = coverage(&corpus, region.as_ref(), from, to)?;
    if grid.rows.is_empty() {
        let place = args.region.as_deref().unwrap_or_default();
        return Err(Error::Usage(format!(
            "--region {place}: no body of the index lies under it"
        )));
    }
    if let Some(year) = args.missing {
        return missing(o, &grid, year, args.format);
    }
    match args.format {
        Format::Json => writeln!(o, "{}", serde_json::to_string(&grid).unwrap_or_default())?,
        Format::Csv | Format::CsvLong | Format::CsvWide => {
            let mut w = csv::Writer::from_writer(&mut o);
            w.write_record(["body_id", "body", "year", "status"])?;
            for r in &grid.rows {
                for (y, m) in grid.years.iter().zip(&r.marks) {
                    w.write_record([&r.body_id, &r.name, &y.to_string(), status(*m)])?;
                }
            }
            w.flush()?;
        }
        Format::Table => write!(o, "{}", table(&grid, ascii))?,
    }
    finish(o)
}

fn status(m: Mark) -> &'static str {
    match m {
        Mark::Published => "published",
        Mark::Errors => "errors",
        Mark::Missing => "missing",
    }
}

/// "Who has not published year Y": one body per line (JSON: one object each).
fn missing(
    mut o: super::error::Out,
    grid: &Coverage,
    year: i32,
    format: Format,
) -> Result<ExitCode, Error> {
    let rows = grid.missing_in(year);
    match format {
        Format::Json => {
            for r in rows {
                let line = serde_json::json!({"body_id": r.body_id, "body": r.name, "year": year});
                writeln!(o, "{line}")?;
            }
        }
        Format::Csv | Format::CsvLong | Format::CsvWide => {
            let mut w = csv::Writer::from_writer(&mut o);
            w.write_record(["body_id", "body", "year"])?;
            for r in rows {
                w.write_record([&r.body_id, &r.name, &year.to_string()])?;
            }
            w.flush()?;
        }
        Format::Table => {
            let known = grid.rows.len();
            writeln!(
                o,
                "{} of {known} bodies have no report for {year}",
                rows.len()
            )?;
            for r in rows {
                writeln!(o, "  {}  {}", r.name, r.body_id)?;
            }
        }
    }
    finish(o)
}

/// The grid as text: a mark per year under the years' last two digits, the
/// body's name and place on the right (so the marks line up whatever the
/// names' widths), and a count per year at the foot. Every year column is
/// as wide as its widest count, all ASCII or one-cell marks.
pub fn table(grid: &Coverage, ascii: bool) -> String {
    let counts: Vec<usize> = grid.years.iter().map(|y| grid.published_in(*y)).collect();
    let width = counts
        .iter()
        .map(|c| c.to_string().len())
        .max()
        .unwrap_or(0)
        .max(2)
        + 1;
    let cell = |text: &str| format!("{text:<width$}");
    let mut out = String::new();
    for y in &grid.years {
        out.push_str(&cell(&format!("{:02}", y.rem_euclid(100))));
    }
    out.push_str(" years  body\n");
    for r in &grid.rows {
        for m in &r.marks {
            out.push_str(&cell(m.symbol(ascii)));
        }
        let place = r.body_id.rsplit_once('/').map_or("", |(p, _)| p);
        let place = if place.is_empty() || r.body_id.contains('~') {
            String::new()
        } else {
            format!("  ({place})")
        };
        out.push_str(&format!(
            " {:>2}/{:<2}  {}{place}\n",
            r.published,
            grid.years.len(),
            r.name
        ));
    }
    for c in &counts {
        out.push_str(&cell(&c.to_string()));
    }
    out.push_str(&format!(" published, of {} bodies\n", grid.rows.len()));
    out.push_str(&format!(
        "{} published  {} with errors  {} missing\n",
        Mark::Published.symbol(ascii),
        Mark::Errors.symbol(ascii),
        Mark::Missing.symbol(ascii)
    ));
    out
}
