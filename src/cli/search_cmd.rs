//! `xxgk search QUERY [--json] [--limit N] [--body TEXT] [--year Y]`.

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

#[allow(clippy::too_many_arguments)]
pub fn run(
    dir: &Path,
    query: &str,
    json: bool,
    limit: usize,
    body: Option<String>,
    year: Option<String>,
    output: Output,
) -> Result<ExitCode, Error> {
    let store = Store::open(dir)?;
    // `--limit 0` asks for nothing, and gets nothing (the query is still checked).
    if limit == 0 {
        crate::index::query::parse(query).map_err(SearchError::Query)?;
        return Ok(ExitCode::SUCCESS);
    }
    // A bad --year is a usage error (exit 2), as a bad `year:` in the query is.
    let year = year
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|e| SearchError::Query(QueryError::BadYear(e)))?;
    let req = Request {
        query: query.to_string(),
        limit,
        body,
        year,
        snippet_width: 76,
    };
    if output != Output::Hits {
        let (_, total) = search::search_counted(
            &store,
            &Request {
                limit: 1,
                ..req.clone()
            },
        )?;
        let mut out = stdout();
        if output == Output::Count {
            writeln!(out, "{total}")?;
            return finish(out);
        }
        // Every hit, for every file (-l is not cut by --limit).
        let all = search::search(
            &store,
            &Request {
                limit: total.max(1),
                ..req
            },
        )?;
        let mut seen = std::collections::HashSet::new();
        for h in all {
            if seen.insert(h.source.clone()) {
                writeln!(out, "{}", h.source)?;
            }
        }
        return finish(out);
    }
    let hits = search::search(&store, &req)?;
    let mut out = stdout();
    if json {
        for h in &hits {
            let v = serde_json::json!({
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
            writeln!(out, "{v}")?;
        }
        return finish(out);
    }
    if hits.is_empty() {
        writeln!(
            out,
            "no hits for {query:?}; try fewer words, or part of a word"
        )?;
        return finish(out);
    }
    let (open, close) = marks();
    for (i, h) in hits.iter().enumerate() {
        let year = h.year.map_or("----".to_string(), |y| y.to_string());
        let body = h.body.as_deref().unwrap_or("(未署名)");
        writeln!(
            out,
            "{:>2}. {body} · {year} · {} {}  ({:.2})",
            i + 1,
            h.section,
            h.section_title,
            h.score
        )?;
        writeln!(out, "    {}", h.snippet.marked(open, close))?;
        writeln!(out, "    {}", h.source)?;
    }
    finish(out)
}
