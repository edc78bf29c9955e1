//! Everything that can happen to the browser, as data. Keys map to actions
//! through the keymap; background work reports back with actions too.

use crate::corpus::series::{Comparison, Trend};
use crate::index::search::Hit;
use xxgk_core::model::Report;

use super::state::{Loaded, Screen};

#[derive(Debug)]
pub enum Action {
    Quit,
    Back,
    NextScreen,
    PrevScreen,
    Goto(Screen),
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Left,
    Right,
    /// The first / last column of a wide table (`0`, `$`).
    FirstColumn,
    LastColumn,
    Open,
    Mark,
    Focus,
    Input(char),
    /// Text box: Ctrl-u, Ctrl-w, Alt-b, Alt-f.
    KillToStart,
    KillWord,
    WordLeft,
    WordRight,
    Backspace,
    Delete,
    Home,
    End,
    NextHit,
    PrevHit,
    CycleYear,
    /// Search: one line per report, or per section.
    TogglePerReport,
    ToggleBodyFilter,
    /// Checks: the selected finding's review, open → confirmed → dismissed → open.
    CycleReview,
    /// Checks: open findings only, or all.
    ToggleOpenOnly,
    /// Unmark every body marked for compare.
    ClearMarks,
    /// Read the index again (`R`, or an `xxgk index` that finished meanwhile).
    Reload,
    /// Checks: all severities, errors, warnings.
    CycleSeverity,
    /// Checks: all rules, then each rule present.
    CycleRule,
    Copy,
    ExportCsv,
    /// The search worker's answer to query `generation`: the hits asked
    /// for, and how many there are in all.
    SearchDone {
        generation: u64,
        result: Result<(Vec<Hit>, usize), String>,
    },
    /// The corpus finished loading (or failed).
    Loaded(Result<Box<Loaded>, String>),
    /// A report's section texts arrived.
    ReportLoaded(Result<Box<Report>, String>),
    /// A body's year-over-year table arrived.
    TrendLoaded {
        body_id: String,
        result: Result<Box<Trend>, String>,
    },
    /// The comparison of bodies `ids` arrived.
    ComparisonLoaded {
        ids: Vec<String>,
        result: Result<Box<Comparison>, String>,
    },
    /// Something the runtime did, to show in the status line.
    Status(String),
    /// The terminal changed size (it is redrawn).
    Resize,
    /// Rows a page moves (from the terminal's height).
    PageSize(usize),
    /// The terminal's width in cells.
    Columns(u16),
    /// Compare: the body columns left / right (`h/l`).
    ColumnLeft,
    ColumnRight,
    /// A section's text arrived, for the search preview.
    SectionLoaded {
        source: String,
        section: u64,
        result: Result<String, String>,
    },
    /// A body's key figures arrived, for the bodies preview.
    FiguresLoaded {
        body_id: String,
        result: Result<Box<Trend>, String>,
    },
}

/// What `update` asks the runtime to do (`effects` says how).
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Search {
        generation: u64,
        query: String,
        year: Option<xxgk_core::model::YearRange>,
        body: Option<String>,
        /// How many hits to fetch (more as the list is scrolled).
        limit: usize,
    },
    LoadReport {
        source: String,
    },
    LoadTrend {
        body_id: String,
    },
    /// One section's text (the search preview).
    LoadSection {
        source: String,
        section: u64,
    },
    /// A body's trend for the bodies preview (not the body page).
    LoadFigures {
        body_id: String,
    },
    /// Compare `ids` in `year` (`None`: the latest year they share).
    LoadComparison {
        ids: Vec<String>,
        year: Option<i32>,
    },
    /// Read the index again: the corpus, bodies and findings.
    Reload,
    Copy(String),
    WriteCsv {
        name: String,
        csv: String,
    },
    /// Record a finding's review in the index folder's reviews file.
    SaveReview {
        id: String,
        review: crate::corpus::reviews::Review,
    },
    Quit,
}
