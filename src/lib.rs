//! xxgk: index, search and browse China's government information disclosure
//! annual reports (政府信息公开工作年度报告).
//!
//! Pipeline: `xxgk_core` reads reports (parse → identity → checks) →
//! `index` stores and searches them → `corpus` (bodies, series, comparisons,
//! corpus rules) → `cli` and `tui`, which only read the index.

pub mod cli;
pub mod corpus;
pub mod index;
pub mod samples;
pub mod text;
/// The old name of [`text`], kept while `tui::app` and `tests/corpus.rs` still use it.
#[doc(hidden)]
pub use text as textwidth;
pub mod tui;
