//! The index's fields. One document per report section (hits point at a
//! section) and one `report` document per file carrying the parsed statistics
//! and findings as JSON, so later commands never re-parse files.
//!
//! A report's identity (path, hash, body, year, template) is also a fast
//! field, so listing 100,000 reports reads a few columns, not the documents;
//! so are its findings and the few statistics the corpus rules need, so
//! checking a corpus reads neither the stored texts nor every statistic.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

use super::tokenize::{BIGRAM, JIEBA};

pub const KIND_SECTION: &str = "section";
pub const KIND_REPORT: &str = "report";

/// The text fields with a fast column, read by name from segment readers.
pub const FAST_TEXT: [&str; 8] = [
    "path",
    "hash",
    "stats_hash",
    "body",
    "body_id",
    "template",
    "findings",
    "cross_year",
];

#[derive(Clone)]
pub struct Fields {
    pub kind: Field,
    /// The file's identity: canonical path, or `bundled:…` for built-in samples.
    pub path: Field,
    /// SHA-256 of the file's bytes.
    pub hash: Field,
    /// Report documents: a hash of the statistics (`stats_fingerprint`), so
    /// the corpus tells a duplicate (same numbers) from a conflict unread.
    pub stats_hash: Field,
    /// Report documents: how many findings the report has.
    pub findings_count: Field,
    /// Report documents: the file's modification time (seconds since 1970;
    /// 0 for a bundled sample), to choose the newest of duplicates.
    pub modified: Field,
    pub body: Field,
    pub body_id: Field,
    /// `body_id` + U+0001 + `body`: its term dictionary lists every name of every body.
    pub body_key: Field,
    pub year: Field,
    pub template: Field,
    pub section: Field,
    pub title: Field,
    pub text: Field,
    /// Stored only: the text of the table/heading pseudo-section, which is
    /// indexed in `grams` alone (found by substring, not worth jieba's cost).
    pub plain: Field,
    pub grams: Field,
    pub report: Field,
    /// Report documents: where each statistic was read (`StoredEvidence`
    /// JSON), apart from `report` so that series and checks never decode it.
    pub evidence: Field,
    /// Report documents: the findings, as JSON (a fast column only: most
    /// reports have none, and `[]` is stored once).
    pub findings: Field,
    /// Report documents: `checks::cross_year_keys` present in the report, as
    /// a JSON object (a fast column only).
    pub cross_year: Field,
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let words = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(JIEBA)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let grams = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(BIGRAM)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        kind: b.add_text_field("kind", STRING),
        path: b.add_text_field("path", STRING | STORED | FAST),
        hash: b.add_text_field("hash", STRING | STORED | FAST),
        stats_hash: b.add_text_field("stats_hash", STRING | STORED | FAST),
        findings_count: b.add_u64_field("findings_count", STORED | FAST),
        modified: b.add_u64_field("modified", STORED | FAST),
        body: b.add_text_field("body", STRING | STORED | FAST),
        body_id: b.add_text_field("body_id", STRING | STORED | FAST),
        body_key: b.add_text_field("body_key", STRING),
        year: b.add_u64_field("year", INDEXED | STORED | FAST),
        template: b.add_text_field("template", STRING | STORED | FAST),
        section: b.add_u64_field("section", INDEXED | STORED),
        title: b.add_text_field("title", STORED),
        text: b.add_text_field("text", words),
        plain: b.add_text_field("plain", STORED),
        grams: b.add_text_field("grams", grams),
        report: b.add_text_field("report", STORED),
        evidence: b.add_text_field("evidence", STORED),
        findings: b.add_text_field("findings", FAST),
        cross_year: b.add_text_field("cross_year", FAST),
    };
    (b.build(), fields)
}

impl Fields {
    /// The fields of an existing index, by name (an index made by another
    /// version of xxgk lacks some, or lacks their fast columns, and is refused).
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        // The tokenizers' names say how text was cut and folded: another
        // name means the terms are not the ones queries now make.
        for (name, tokenizer) in [("text", JIEBA), ("grams", BIGRAM)] {
            let made_by = match schema.get_field_entry(f(name)?).field_type() {
                tantivy::schema::FieldType::Str(o) => {
                    o.get_indexing_options().map(|i| i.tokenizer().to_string())
                }
                _ => None,
            };
            if made_by.as_deref() != Some(tokenizer) {
                return Err(tantivy::TantivyError::SchemaError(format!(
                    "field {name} was tokenized by {made_by:?}, not {tokenizer}"
                )));
            }
        }
        for name in FAST_TEXT {
            if !schema.get_field_entry(f(name)?).is_fast() {
                return Err(tantivy::TantivyError::SchemaError(format!(
                    "field {name} has no fast column"
                )));
            }
        }
        Ok(Fields {
            kind: f("kind")?,
            path: f("path")?,
            hash: f("hash")?,
            stats_hash: f("stats_hash")?,
            findings_count: f("findings_count")?,
            modified: f("modified")?,
            body: f("body")?,
            body_id: f("body_id")?,
            body_key: f("body_key")?,
            year: f("year")?,
            template: f("template")?,
            section: f("section")?,
            title: f("title")?,
            text: f("text")?,
            plain: f("plain")?,
            grams: f("grams")?,
            report: f("report")?,
            evidence: f("evidence")?,
            findings: f("findings")?,
            cross_year: f("cross_year")?,
        })
    }
}

/// Stored fields are compressed on the indexing threads themselves: a
/// dedicated compressor thread per segment costs a wake-up per block, which on
/// two cores showed as a sixth of indexing time spent switching threads.
/// Larger blocks mean fewer of them and a smaller store, at a few tens of
/// microseconds more to read one hit's text.
pub fn settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compress_dedicated_thread: false,
        docstore_blocksize: 65_536,
        ..Default::default()
    }
}
