//! The browser's state: what `update` changes and the views read. Data and
//! read-only queries only; the changes are in `update`.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use crate::corpus::bodies::Node;
use crate::corpus::rules::Located;
use crate::corpus::series::{Comparison, Trend};
use crate::corpus::Corpus;
use crate::index::search::Hit;
use xxgk_core::model::Report;

use super::input::Input;
use super::report_view::{ReportLine, Table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    Search,
    Bodies,
    Body,
    Compare,
    Checks,
    Report,
    Help,
}

/// The four screens the tabs cycle through.
pub const TABS: [Screen; 4] = [
    Screen::Search,
    Screen::Bodies,
    Screen::Compare,
    Screen::Checks,
];

/// What the loader prepares off the UI thread.
pub struct Loaded {
    /// Shared with the worker, which reads bodies' reports from it.
    pub corpus: Arc<Corpus>,
    pub index_dir: String,
    /// The reviews of findings, read with the corpus.
    pub reviews: crate::corpus::reviews::Reviews,
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Loaded({} reports)", self.corpus.reports.len())
    }
}

/// The report screen's state: the report and the lines it is shown as.
#[derive(Debug, Clone)]
pub struct ReportView {
    pub report: Report,
    pub lines: Vec<ReportLine>,
    /// Index of the first line shown.
    pub top: usize,
    /// The line the cursor is on: `y` and `e` act on it, and on a table
    /// row the cell at `col` shows where its value was read.
    pub cursor: usize,
    /// The cursor's cell in a table row (1: the first value).
    pub col: usize,
    /// Words to mark (from the search).
    pub needles: Vec<String>,
    /// Lines holding a match, for n/N.
    pub hit_lines: Vec<usize>,
    /// Statistic keys with findings (from Checks): their cells are marked.
    pub flagged_keys: HashSet<String>,
    /// Tables: (name, header + rows), for CSV export.
    pub tables: Vec<Table>,
}

impl ReportView {
    /// Where the value under the cursor was read (`report_view::evidence_line`).
    pub fn evidence_line(&self) -> Option<String> {
        crate::tui::report_view::evidence_line(
            &self.lines,
            self.cursor,
            self.col,
            &self.report.evidence,
        )
    }
}

/// The selected row of a list of `len` rows.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub selected: usize,
    pub len: usize,
}

impl Selection {
    pub fn up(&mut self, n: usize) {
        self.selected = self.selected.saturating_sub(n);
    }
    pub fn down(&mut self, n: usize) {
        if self.len > 0 {
            self.selected = (self.selected + n).min(self.len - 1);
        }
    }
    pub fn top(&mut self) {
        self.selected = 0;
    }
    pub fn bottom(&mut self) {
        self.selected = self.len.saturating_sub(1);
    }
    /// The list now has `len` rows: the selection stays, within them.
    pub fn resize(&mut self, len: usize) {
        self.len = len;
        self.selected = self.selected.min(len.saturating_sub(1));
    }
    /// A new list of `len` rows, its first selected.
    pub fn new(len: usize) -> Selection {
        Selection { selected: 0, len }
    }
}

/// Terminals this wide (cells) show a preview beside Search's and Bodies' lists.
pub const WIDE: u16 = 120;

/// The search screen: the query box over its hits.
#[derive(Debug, Default)]
pub struct SearchState {
    pub query: Input,
    pub hits: Vec<Hit>,
    /// Hits in all (the list holds the first `hits.len()`).
    pub total: usize,
    /// Hits asked for by the search in flight or last answered.
    pub limit: usize,
    /// The search in flight fetches more of the same query: the selection stays.
    pub more: bool,
    /// One line per report (its best section) instead of one per section.
    pub per_report: bool,
    /// Queries used (a hit opened from them), oldest first; ↑ in an empty
    /// box walks back through them.
    pub history: Vec<String>,
    /// How far back ↑ has gone (0: not in the history).
    pub history_back: usize,
    /// The lines the list shows: (index into `hits`, other sections of that
    /// report among the hits fetched). `regroup` makes them.
    pub rows: Vec<(usize, usize)>,
    pub list: Selection,
    /// Numbers the queries: only the answer to the newest is shown.
    pub generation: u64,
    pub searching: bool,
    pub error: Option<String>,
    pub year_filter: Option<i32>,
    pub body_filter: Option<String>,
    /// Wide terminals: the selected hit's whole section, beside the list.
    pub preview: Wide<(String, u64), String>,
}

/// What a wide terminal shows beside a list, for its selected row: the
/// answer for one key, and the key asked for and not yet answered.
#[derive(Debug)]
pub struct Wide<K, V> {
    pub shown: Option<(K, Result<V, String>)>,
    pub pending: Option<K>,
}

impl<K, V> Default for Wide<K, V> {
    fn default() -> Self {
        Wide {
            shown: None,
            pending: None,
        }
    }
}

impl<K: PartialEq + Clone, V> Wide<K, V> {
    /// The value for `key`, if it is the one shown.
    pub fn for_key(&self, key: &K) -> Option<&Result<V, String>> {
        self.shown
            .as_ref()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
    /// Whether `key` must be asked for (not shown, not in flight); marks it asked.
    pub fn ask(&mut self, key: &K) -> bool {
        if self.for_key(key).is_some() || self.pending.as_ref() == Some(key) {
            return false;
        }
        self.pending = Some(key.clone());
        true
    }
    /// The answer for `key`: kept if it is the one last asked for.
    pub fn answer(&mut self, key: K, value: Result<V, String>) {
        if self.pending.as_ref() == Some(&key) {
            self.pending = None;
            self.shown = Some((key, value));
        }
    }
}

impl SearchState {
    /// The lines the list shows, from `hits`: per report, its best (first)
    /// hit with a count of the others; per section, every hit but the
    /// table-and-heading pseudo-section of a report that has another hit
    /// (the same table labels match in every report).
    pub fn regroup(&mut self) {
        use std::collections::HashMap;
        let other = crate::index::ingest::OTHER_SECTION;
        let mut per_source: HashMap<&str, usize> = HashMap::new();
        for h in &self.hits {
            *per_source.entry(h.source.as_str()).or_default() += 1;
        }
        let mut seen: HashMap<&str, ()> = HashMap::new();
        self.rows = self
            .hits
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                let n = per_source[h.source.as_str()];
                if self.per_report {
                    seen.insert(h.source.as_str(), ())
                        .is_none()
                        .then_some((i, n - 1))
                } else {
                    (h.section != other || n == 1).then_some((i, 0))
                }
            })
            .collect();
        self.list.resize(self.rows.len());
    }

    /// The hit on the selected line.
    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.rows.get(self.list.selected)?.0)
    }
}

/// The bodies screen: the hierarchy with its filter box.
#[derive(Debug, Default)]
pub struct BodiesState {
    pub filter: Input,
    /// Every body, in tree order.
    pub nodes: Vec<Node>,
    /// Over the visible bodies, not over `nodes`.
    pub list: Selection,
    /// Wide terminals: the selected body's key figures, beside the list.
    pub figures: Wide<String, Trend>,
}

impl BodiesState {
    /// Bodies matching the filter box, in tree order.
    pub fn visible(&self) -> Vec<&Node> {
        let f = self.filter.text();
        self.nodes
            .iter()
            .filter(|n| {
                f.is_empty() || n.info.id.contains(f) || n.info.names.iter().any(|x| x.contains(f))
            })
            .collect()
    }

    /// The selected body among the visible ones.
    pub fn selected(&self) -> Option<&Node> {
        self.visible().get(self.list.selected).copied()
    }
}

/// A body's page: its trend, by year.
#[derive(Debug, Default)]
pub struct BodyPageState {
    pub trend: Option<Trend>,
    /// The body whose trend was asked for and has not arrived.
    pub pending: Option<String>,
    /// Over the trend's years.
    pub list: Selection,
    /// The year-over-year table's first metric row shown (PgDn/PgUp).
    pub table_top: usize,
}

/// The compare screen: the marked bodies in one year.
#[derive(Debug, Default)]
pub struct CompareState {
    pub comparison: Option<Comparison>,
    pub year: Option<i32>,
    /// Over the comparison's metrics.
    pub list: Selection,
    /// The body column kept in view (`h/l`, `0/$`), from 1.
    pub col: usize,
}

/// The checks screen: every finding of the corpus.
#[derive(Debug, Default)]
pub struct ChecksState {
    pub findings: Vec<Located>,
    /// Only findings no one has confirmed or dismissed.
    pub open_only: bool,
    /// Only findings of this severity (`s`), of this rule (`f`).
    pub severity: Option<xxgk_core::model::Severity>,
    pub rule: Option<String>,
    /// Over `shown`.
    pub list: Selection,
}

impl ChecksState {
    /// The findings the screen lists (indices into `findings`).
    pub fn shown(&self) -> Vec<usize> {
        (0..self.findings.len())
            .filter(|&i| {
                let f = &self.findings[i];
                (!self.open_only || f.review == crate::corpus::reviews::State::Open)
                    && self.severity.is_none_or(|s| f.finding.severity == s)
                    && self.rule.as_ref().is_none_or(|r| f.finding.rule == *r)
            })
            .collect()
    }

    /// The selected finding's index into `findings`.
    pub fn selected(&self) -> Option<usize> {
        self.shown().get(self.list.selected).copied()
    }
}

/// How to show the report asked for and not yet arrived.
#[derive(Debug, Default)]
pub struct PendingReport {
    /// The words to mark.
    pub needles: Vec<String>,
    /// The section the opened hit is in: the view starts at its first match.
    pub section: Option<u8>,
    /// The statistic keys to flag.
    pub flags: HashSet<String>,
}

/// The report screen: the report shown, and how to show the next one.
#[derive(Debug, Default)]
pub struct ReportState {
    pub view: Option<ReportView>,
    pub pending: PendingReport,
    /// `/` in a report: the text looked for in it.
    pub find: crate::tui::input::Input,
}

/// The whole state: what every screen shares, then each screen's own. The
/// help screen has none of its own.
#[derive(Debug, Default)]
pub struct App {
    pub screen: Screen,
    pub history: Vec<Screen>,
    pub loaded: Option<Loaded>,
    pub load_error: Option<String>,
    pub status: String,
    /// The screen the status was written on; `None`: every screen's.
    pub status_screen: Option<Screen>,
    pub quit: bool,
    /// Rows a page moves (the runtime sends it from the terminal height).
    pub page: usize,
    /// The terminal's width: at `WIDE` and more, lists show a preview.
    pub columns: u16,
    /// A text box has the focus: the query (search) or the filter (bodies).
    pub typing: bool,
    /// Bodies marked for compare: marked on any screen that shows a body,
    /// shown on the bodies screen, compared on the compare screen.
    pub marked: BTreeSet<String>,

    pub search: SearchState,
    pub bodies: BodiesState,
    pub body: BodyPageState,
    pub compare: CompareState,
    pub checks: ChecksState,
    pub report: ReportState,
    /// The help screen's first line shown.
    pub help: Selection,
    /// The corpus at a glance (the start screen), made when it loads.
    pub overview: Option<crate::corpus::overview::Overview>,
}

impl App {
    pub fn new() -> App {
        App {
            typing: true,
            page: 10,
            columns: 80,
            status: "loading the index…".into(),
            ..App::default()
        }
    }

    pub fn corpus(&self) -> Option<&Corpus> {
        self.loaded.as_ref().map(|l| &*l.corpus)
    }

    /// Years any marked body has, for ←/→ on the compare screen.
    pub fn compare_years(&self) -> Vec<i32> {
        let Some(corpus) = self.corpus() else {
            return vec![];
        };
        let mut years = BTreeSet::new();
        for id in &self.marked {
            years.extend(corpus.years_of(id).keys().copied());
        }
        years.into_iter().collect()
    }
}
