//! `xxgk search QUERY [--json] [--limit N] [--body TEXT] [--region R] [--year Y]
//! [--count | -l] [--per-report]`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use super::error::{finish, stdout, Error};
use crate::index::query::QueryError;
use crate::index::search::{self, Request, SearchError};
use crate::index::Store;

/// Terminal highlight unless NO_COLOR is set or output is piped (then 【】).
fn marks() -> (&'static str, &'static str) {
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if color {
        ("\x1b[1;4m", "\x1b[0m")
    } else {
        ("【", "】")
    }
}

/// What `search` prints: the hits, their count, or the files they are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Hits,
    /// `--count`: the number of hits (sections) in all.
    Count,
    /// `-l`: each file with a hit, once, best first.
    Files,
}

/// What `xxgk search` was asked.
#[derive(Debug, Clone)]
pub struct Args {
    pub query: String,
    pub json: bool,
    pub limit: usize,
    pub body: Option<String>,
    pub region: Option<String>,
    pub year: Option<String>,
    pub output: Output,
    /// One hit per report: its best section, with how many others match.
    pub per_report: bool,
}

pub fn run(dir: &Path, a: Args) -> Result<ExitCode, Error> {
    let store = Store::open(dir)?;
    let query = a.query.as_str();
    // `--limit 0` asks for nothing, and gets nothing (the query is still checked).
    if a.limit == 0 {
        crate::index::query::parse(query).map_err(SearchError::Query)?;
        return Ok(ExitCode::SUCCESS);
    }
    // A bad --year is a usage error (exit 2), as a bad `year:` in the query is.
    let year = a
        .year
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|e| SearchError::Query(QueryError::BadYear(e)))?;
    let req = Request {
        query: query.to_string(),
        limit: a.limit,
        body: a.body.clone(),
        region: a.region.clone(),
        year,
        snippet_width: 76,
    };
    // -l and --per-report group every hit by file, so they read them all
    // (-l is not cut by --limit; --per-report keeps `limit` reports).
    let grouped = a.output == Output::Files || a.per_report;
    let terminal = !a.json && a.output == Output::Hits && std::io::stdout().is_terminal();
    // Counting visits every match: only when the count is shown or needed.
    let total = if grouped || terminal || a.output == Output::Count {
        search::search_counted(
            &store,
            &Request {
                limit: 1,
                ..req.clone()
            },
        )?
        .1
    } else {
        0
    };
    let mut out = stdout();
    if a.output == Output::Count {
        writeln!(out, "{total}")?;
        return finish(out);
    }
    let hits = search::search(
        &store,
        &Request {
            limit: if grouped { total.max(1) } else { a.limit },
            ..req
        },
    )?;
    if a.output == Output::Files {
        let mut seen = std::collections::HashSet::new();
        for h in hits {
            if seen.insert(h.source.clone()) {
                writeln!(out, "{}", h.source)?;
            }
        }
        return finish(out);
    }
    // Per report: its best section (the first, hits being ranked) and how
    // many more of its sections match.
    let rows: Vec<(&search::Hit, usize)> = if a.per_report {
        let mut order: Vec<&str> = Vec::new();
        let mut per: std::collections::HashMap<&str, (&search::Hit, usize)> = Default::default();
        for h in &hits {
            per.entry(h.source.as_str())
                .and_modify(|e| e.1 += 1)
                .or_insert_with(|| {
                    order.push(h.source.as_str());
                    (h, 0)
                });
        }
        order.iter().take(a.limit).map(|s| per[s]).collect()
    } else {
        hits.iter().map(|h| (h, 0)).collect()
    };
    if a.json {
        for (h, more) in &rows {
            let mut v = serde_json::json!({
                "body": h.body,
                "body_id": h.body_id,
                "year": h.year,
                "section": h.section,
                "section_title": h.section_title,
                "score": h.score,
                // The report's own characters; `marks` say where the matches are.
                "snippet": h.snippet.text,
                "marks": h.snippet.marks,
                "source": h.source,
            });
            if a.per_report {
                v["other_sections"] = (*more).into();
            }
            writeln!(out, "{v}")?;
        }
        return finish(out);
    }
    if rows.is_empty() {
        if store.catalog()?.is_empty() {
            writeln!(out, "the index is empty: run xxgk index PATH")?;
        } else {
            writeln!(
                out,
                "no hits for {query:?}; try fewer words, or part of a word"
            )?;
        }
        return finish(out);
    }
    let (open, close) = marks();
    for (i, (h, more)) in rows.iter().enumerate() {
        let year = h.year.map_or("----".to_string(), |y| y.to_string());
        let body = h.body.as_deref().unwrap_or("(未署名)");
        let others = match more {
            0 => String::new(),
            1 => "  +1 section".to_string(),
            n => format!("  +{n} sections"),
        };
        writeln!(
            out,
            "{:>2}. {body} · {year} · {} {}  ({:.2}){others}",
            i + 1,
            h.section,
            h.section_title,
            h.score
        )?;
        writeln!(out, "    {}", h.snippet.marked(open, close))?;
        writeln!(out, "    {}", h.source)?;
    }
    // On a terminal, how many there are in all (scripts read the hits alone).
    if terminal {
        writeln!(out, "{}", total_line(rows.len(), total, a.per_report))?;
    }
    finish(out)
}

/// The closing line on a terminal: `20 of 2,011 hits (sections)`.
pub fn total_line(shown: usize, total: usize, per_report: bool) -> String {
    let unit = if per_report { "reports shown" } else { "shown" };
    let hits = if total == 1 { "hit" } else { "hits" };
    format!(
        "{} {unit} of {} {hits} (sections)",
        crate::text::thousands(shown),
        crate::text::thousands(total)
    )
}
