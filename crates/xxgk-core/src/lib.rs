//! xxgk-core: what a government information disclosure annual report
//! (政府信息公开工作年度报告) is and how it is read. No index, tokenizer or
//! terminal here: another program can depend on this crate to parse reports.
//!
//! - `template`: the State Council template's vocabulary (keys, labels, titles);
//! - `model`: the parsed report of `shared/SCHEMA.md`;
//! - `parse`: bytes → text → rows of cells → tables, sections, metadata;
//! - `places`: the administrative map (provinces › prefectures › counties);
//! - `identity`: which body a report belongs to (`body_id`), placed on that map;
//! - `checks`: the template's own rules (勾稽关系) on one report;
//! - `read_*`: the pipeline in its order — parse, identity, checks.

pub mod checks;
pub mod identity;
pub mod model;
pub mod parse;
pub mod places;
mod read;
pub mod region;
pub mod template;

pub use read::{apply_sidecar, read_bytes, read_bytes_with_evidence, read_file, read_text};
