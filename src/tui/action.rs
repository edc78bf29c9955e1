//! Everything that can happen to the browser, as data. Keys map to actions
//! through the keymap; background work reports back with actions too.

use crate::index::search::Hit;
use crate::model::Report;

use super::app::{Loaded, Screen};

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
    Open,
    Mark,
    Focus,
    Input(char),
    Backspace,
    Delete,
    Home,
    End,
    NextHit,
    PrevHit,
    CycleYear,
    ToggleBodyFilter,
    Copy,
    ExportCsv,
    /// The search worker's answer to query `generation`.
    SearchDone {
        generation: u64,
        result: Result<Vec<Hit>, String>,
    },
    /// The corpus finished loading (or failed).
    Loaded(Result<Box<Loaded>, String>),
    /// A report's section texts arrived.
    ReportLoaded(Result<Box<Report>, String>),
    /// Something the runtime did, to show in the status line.
    Status(String),
    Resize,
}

/// What `update` asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Search {
        generation: u64,
        query: String,
        year: Option<String>,
        body: Option<String>,
    },
    LoadReport {
        source: String,
    },
    Copy(String),
    WriteCsv {
        name: String,
        csv: String,
    },
    Quit,
}
