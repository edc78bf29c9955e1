//! Reading a report: the one caller that sets the pipeline's order — decode,
//! parse, apply a sidecar, place the body (identity), check the template's
//! rules. Every program that wants a finished report calls these.

use std::path::Path;

use crate::model::{Format, Report};
use crate::parse::{self, sidecar, ParseError};
use crate::{checks, identity};

/// Reads and parses one file, with evidence (where each statistic was
/// read), as `xxgk parse` shows it. The error says why; the caller names the
/// file. A sidecar `FILE.toml` beside the file, if any, supplies body and year.
pub fn read_file(path: &Path) -> Result<Report, ParseError> {
    let bytes = std::fs::read(path)?;
    let mut report = read(&path.to_string_lossy(), &bytes, true)?;
    if let Some((_, s)) = sidecar::load(path).map_err(ParseError::Sidecar)? {
        apply_sidecar(&mut report, &s);
    }
    Ok(report)
}

/// Puts a sidecar's body and year on a report read without it, and places
/// the body it names.
pub fn apply_sidecar(report: &mut Report, sidecar: &sidecar::Sidecar) {
    sidecar::apply(report, sidecar);
    if sidecar.year.is_some() {
        // The narrative is judged for the report's year, which this may set.
        report
            .findings
            .retain(|f| f.rule != checks::narrative::RULE);
        let narrative = checks::narrative::narrative_table(report);
        report.findings.extend(narrative);
    }
    if let Some(body) = &sidecar.body {
        // The report's own text, for the addresses that place the body.
        let text: String = std::iter::once(report.preamble.as_str())
            .chain(report.sections.iter().map(|s| s.text.as_str()))
            .collect::<Vec<_>>()
            .join("\n");
        report.body_id = Some(identity::body_id(body, &text, &report.source));
    }
}

/// Parses a report from its bytes: a Word .docx or .doc, a PDF's text, or text in
/// any encoding `decode` reads (HTML included). No evidence: indexing, the
/// hot path, does not keep it (`read_bytes_with_evidence` does).
pub fn read_bytes(source: &str, bytes: &[u8]) -> Result<Report, ParseError> {
    read(source, bytes, false)
}

/// `read_bytes`, with evidence for every statistic.
pub fn read_bytes_with_evidence(source: &str, bytes: &[u8]) -> Result<Report, ParseError> {
    read(source, bytes, true)
}

fn read(source: &str, bytes: &[u8], evidence: bool) -> Result<Report, ParseError> {
    if parse::docx::looks_like_docx(bytes) {
        let text = parse::docx::to_text(bytes).map_err(ParseError::Docx)?;
        let mut report = read_text_as(source, &text, evidence)?;
        report.format = Format::Docx;
        return Ok(report);
    }
    if parse::doc::looks_like_cfb(bytes) {
        let text = parse::doc::to_text(bytes).map_err(ParseError::Doc)?;
        let mut report = read_text_as(source, &text, evidence)?;
        report.format = Format::Doc;
        return Ok(report);
    }
    if parse::pdf::looks_like_pdf(bytes) {
        let (text, places) = parse::pdf::to_text(bytes).map_err(ParseError::Pdf)?;
        let mut report = read_text_as(source, &text, evidence)?;
        report.format = Format::Pdf;
        // A PDF's places are its pages and boxes; its `|` rows are lines of
        // a page, not rows of one grid.
        report.evidence.cells.clear();
        for row in &mut report.evidence.rows {
            if let Some(place) = places.get(row.line - 1) {
                row.page = Some(place.page);
                row.bbox = Some(place.bbox);
            }
        }
        return Ok(report);
    }
    let text = parse::decode::decode(bytes)?;
    read_text_as(source, &text, evidence)
}

/// Parses a report from text, then places its body and checks its tables.
pub fn read_text(source: &str, text: &str) -> Result<Report, ParseError> {
    read_text_as(source, text, false)
}

fn read_text_as(source: &str, text: &str, evidence: bool) -> Result<Report, ParseError> {
    let parse::Parsed {
        mut report,
        text,
        findings,
    } = parse::parse_text(source, text, evidence)?;
    report.body_id = report
        .body
        .as_deref()
        .map(|b| identity::body_id(b, &text, source));
    let mut checked = checks::check(report.template, &report.stats);
    // A cell parsing left blank on purpose is not also "missing".
    let explained: std::collections::HashSet<&String> =
        findings.iter().flat_map(|f| &f.keys).collect();
    checked.retain(|f| f.rule != "cell.missing" || !f.keys.iter().all(|k| explained.contains(k)));
    report.findings = findings.iter().cloned().chain(checked).collect();
    // The narrative against the tables: a separate rule, after the arithmetic.
    let narrative = checks::narrative::narrative_table(&report);
    report.findings.extend(narrative);
    Ok(report)
}
