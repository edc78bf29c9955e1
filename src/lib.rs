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
pub mod tui;
