//! xxgk: parse, check, index and browse China's government information
//! disclosure annual reports (政府信息公开工作年度报告).
//!
//! Pipeline: `parse` (files → reports) → `checks` (rules) → index → CLI / TUI.

pub mod checks;
pub mod cli;
pub mod corpus;
pub mod gen;
pub mod identity;
pub mod index;
pub mod model;
pub mod parse;
pub mod samples;
pub mod textwidth;
pub mod tui;
