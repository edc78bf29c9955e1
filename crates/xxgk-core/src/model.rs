//! The parsed-report object of `shared/SCHEMA.md`. Every layer reads this shape.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize, Serializer};

/// A statistic value. Counts are integers; amounts (万元) keep their decimals.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Deserialize)]
#[serde(transparent)]
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Integral values print as integers so consumers see `344`, not `344.0`.
        if self.0.fract() == 0.0 && self.0.abs() < 9.0e15 {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.fract() == 0.0 && self.0.abs() < 9.0e15 {
            write!(f, "{}", self.0 as i64)
        } else {
            // Trim float noise such as 31426.750000000004.
            let s = format!("{:.4}", self.0);
            let s = s.trim_end_matches('0').trim_end_matches('.');
            f.write_str(s)
        }
    }
}

/// Statistic key → value; `None` is a blank or placeholder cell. Insertion order
/// follows the template, which keeps JSON and summaries readable.
/// FxHash: keys are short, trusted strings, and lookups are the checks' hot path.
pub type Stats = IndexMap<String, Option<Num>, rustc_hash::FxBuildHasher>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Template {
    #[serde(rename = "2021")]
    T2021,
    #[serde(rename = "2019")]
    T2019,
    #[serde(rename = "legacy")]
    Legacy,
    #[serde(rename = "unknown")]
    Unknown,
}

impl Template {
    pub fn as_str(self) -> &'static str {
        match self {
            Template::T2021 => "2021",
            Template::T2019 => "2019",
            Template::Legacy => "legacy",
            Template::Unknown => "unknown",
        }
    }

    /// The template named by `as_str`; anything else is `Unknown`.
    pub fn from_name(name: &str) -> Template {
        [Template::T2021, Template::T2019, Template::Legacy]
            .into_iter()
            .find(|t| t.as_str() == name)
            .unwrap_or(Template::Unknown)
    }
}

/// How the statistics tables were laid out in the file (an addition to the schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Rows flattened to one line with `|` between cells.
    Pipe,
    /// One cell per tab-indented line, blank lines between rows (.docx → text).
    CellPerLine,
    /// PDF-extracted text: cells separated by spaces.
    PdfText,
    /// A portal web page (`<table>` elements).
    Html,
    /// No table was found.
    None,
}

/// What the file was read as (SCHEMA.md `format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text in any layout (pipe rows, cells per line, PDF-extracted text).
    #[default]
    Text,
    /// Markdown, as PDF-to-Markdown converters write it.
    Markdown,
    /// A web page.
    Html,
    /// A Word document (.docx).
    Docx,
    /// A Word 97–2003 binary document (.doc, or Kingsoft's .wps).
    Doc,
    /// A PDF's text layer.
    Pdf,
}

/// A row of the text the parser read, that statistics came from.
impl Format {
    /// The name SCHEMA.md gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Pdf => "pdf",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRow {
    /// 1-based line in the decoded text (for HTML and DOCX, in the text the
    /// parser read from them).
    pub line: usize,
    /// The source line, or the row's cells for a row spread over lines.
    pub text: String,
    /// For a PDF: the page (1-based) and the line's box `[x0, y0, x1, y1]`
    /// in PDF points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
    /// For digits that ran together in the source: the run and the cells it
    /// was split into (`15310000154 → 153 1 0 0 0 0 154`, `?` where no
    /// split decides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<String>,
}

/// SCHEMA.md `evidence`: where every statistic was read. Rows are kept once
/// and keys point at them (a table 3 row carries seven keys); the JSON is a
/// map of key → `{line, text}`, with `cell` for a value read from a table's
/// cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    pub rows: Vec<SourceRow>,
    /// Statistic key → its row in `rows`, in the order of `stats`.
    pub keys: IndexMap<String, usize, rustc_hash::FxBuildHasher>,
    /// Statistic key → its cell `[table, row, column]` (0-based: the
    /// table's place among the text's tables, the row and the column in its
    /// grid after spans are expanded), for values read from a table grid.
    pub cells: IndexMap<String, [usize; 3], rustc_hash::FxBuildHasher>,
}

/// One key's evidence as SCHEMA.md writes it.
#[derive(Serialize, Deserialize)]
struct EvidenceEntry<R> {
    #[serde(flatten)]
    row: R,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cell: Option<[usize; 3]>,
}

impl Evidence {
    pub fn get(&self, key: &str) -> Option<&SourceRow> {
        self.rows.get(*self.keys.get(key)?)
    }

    /// The table cell `[table, row, column]` a statistic was read from.
    pub fn cell(&self, key: &str) -> Option<[usize; 3]> {
        self.cells.get(key).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.keys.len()))?;
        for (key, &row) in &self.keys {
            if let Some(row) = self.rows.get(row) {
                let cell = self.cells.get(key).copied();
                map.serialize_entry(key, &EvidenceEntry { row, cell })?;
            }
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = IndexMap::<String, EvidenceEntry<SourceRow>>::deserialize(d)?;
        let mut evidence = Evidence::default();
        for (key, EvidenceEntry { row, cell }) in map {
            if let Some(cell) = cell {
                evidence.cells.insert(key.clone(), cell);
            }
            let at = match evidence.rows.iter().position(|r| *r == row) {
                Some(at) => at,
                None => {
                    evidence.rows.push(row);
                    evidence.rows.len() - 1
                }
            };
            evidence.keys.insert(key, at);
        }
        Ok(evidence)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub number: u8,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub keys: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub source: String,
    pub body: Option<String>,
    pub body_id: Option<String>,
    pub year: Option<Year>,
    pub template: Template,
    pub sections: Vec<Section>,
    pub stats: Stats,
    pub findings: Vec<Finding>,
    /// Added key: the file's table layout.
    pub layout: Layout,
    /// What the file was read as.
    #[serde(default)]
    pub format: Format,
    /// Where each statistic was read (not kept in the index).
    #[serde(default)]
    pub evidence: Evidence,
    /// Added key: text before the first section heading (the report's introduction).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub preamble: String,
    /// Not in the JSON: every line that is not narrative (title, headings, table
    /// rows), so that search finds text in tables too.
    #[serde(skip)]
    pub other_text: String,
}

impl Report {
    pub fn stat(&self, key: &str) -> Option<f64> {
        self.stats.get(key).copied().flatten().map(|n| n.0)
    }
}

/// A report's year, as its title states it (`2023年度`).
pub type Year = i32;

/// The years from `from` to `to`, both included: `2023` or `2019..2023`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct YearRange {
    pub from: Year,
    pub to: Year,
}

/// A year or range that [`YearRange`]'s parser does not take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("year `{0}`: write a year such as 2023 or a range such as 2019..2023")]
pub struct BadYear(pub String);

impl YearRange {
    /// The one year `year`.
    pub fn single(year: Year) -> YearRange {
        YearRange {
            from: year,
            to: year,
        }
    }

    /// The years both ranges hold, if any.
    pub fn intersect(self, other: YearRange) -> Option<YearRange> {
        let r = YearRange {
            from: self.from.max(other.from),
            to: self.to.min(other.to),
        };
        (r.from <= r.to).then_some(r)
    }
}

impl std::fmt::Display for YearRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}..{}", self.from, self.to)
        }
    }
}

impl std::str::FromStr for YearRange {
    type Err = BadYear;

    /// `2023`, or `2019..2023` (either way round), each year in 1990..=2100;
    /// spaces around a year are ignored.
    fn from_str(v: &str) -> Result<YearRange, BadYear> {
        let bad = || BadYear(v.to_string());
        let year = |s: &str| -> Result<Year, BadYear> {
            let y: Year = s.trim().parse().map_err(|_| bad())?;
            if (1990..=2100).contains(&y) {
                Ok(y)
            } else {
                Err(bad())
            }
        };
        match v.split_once("..") {
            Some((a, b)) => {
                let (a, b) = (year(a)?, year(b)?);
                Ok(YearRange {
                    from: a.min(b),
                    to: a.max(b),
                })
            }
            None => year(v).map(YearRange::single),
        }
    }
}

#[cfg(test)]
mod year_tests {
    use super::{BadYear, YearRange};

    #[test]
    fn a_year_or_a_range() {
        let r = |from, to| Ok(YearRange { from, to });
        assert_eq!("2023".parse(), r(2023, 2023));
        assert_eq!(" 2023 ".parse(), r(2023, 2023));
        assert_eq!("2019..2023".parse(), r(2019, 2023));
        assert_eq!("2023..2019".parse(), r(2019, 2023));
        assert_eq!("2019 .. 2023".parse(), r(2019, 2023));
        for bad in [
            "",
            "abc",
            "23",
            "1989",
            "2101",
            "-2023",
            "2019..",
            "..2023",
            "2019..2021..2023",
            "2019-2023",
        ] {
            assert_eq!(
                bad.parse::<YearRange>(),
                Err(BadYear(bad.to_string())),
                "{bad:?}"
            );
        }
        assert_eq!(
            BadYear("abc".into()).to_string(),
            "year `abc`: write a year such as 2023 or a range such as 2019..2023"
        );
    }
}
