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
    /// A web page.
    Html,
    /// A Word document (.docx).
    Docx,
    /// A PDF's text layer.
    Pdf,
}

/// A row of the text the parser read, that statistics came from.
impl Format {
    /// The name SCHEMA.md gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
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
}

/// SCHEMA.md `evidence`: where every statistic was read. Rows are kept once
/// and keys point at them (a table 3 row carries seven keys); the JSON is a
/// map of key → `{line, text}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    pub rows: Vec<SourceRow>,
    /// Statistic key → its row in `rows`, in the order of `stats`.
    pub keys: IndexMap<String, usize, rustc_hash::FxBuildHasher>,
}

impl Evidence {
    pub fn get(&self, key: &str) -> Option<&SourceRow> {
        self.rows.get(*self.keys.get(key)?)
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
                map.serialize_entry(key, row)?;
            }
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = IndexMap::<String, SourceRow>::deserialize(d)?;
        let mut evidence = Evidence::default();
        for (key, row) in map {
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
    pub year: Option<i32>,
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
