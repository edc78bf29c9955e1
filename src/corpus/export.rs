//! Every statistic of every report, tidy: one row per (report, key).

use super::Corpus;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Row<'a> {
    pub body_id: Option<&'a str>,
    pub body: Option<&'a str>,
    pub year: Option<i32>,
    pub template: &'static str,
    pub key: &'a str,
    pub value: Option<crate::model::Num>,
    pub source: &'a str,
}

pub fn rows(corpus: &Corpus) -> impl Iterator<Item = Row<'_>> {
    corpus.reports.iter().flat_map(|r| {
        r.stats.iter().map(move |(k, v)| Row {
            body_id: r.body_id.as_deref(),
            body: r.body.as_deref(),
            year: r.year,
            template: r.template.as_str(),
            key: k,
            value: *v,
            source: &r.source,
        })
    })
}

/// CSV with a header; `bom` prefixes U+FEFF so Excel reads UTF-8.
pub fn write_csv<W: std::io::Write>(corpus: &Corpus, mut out: W, bom: bool) -> std::io::Result<()> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::Writer::from_writer(out);
    for row in rows(corpus) {
        w.serialize(row).map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(io) => io,
            other => std::io::Error::other(format!("{other:?}")),
        })?;
    }
    w.flush()
}
