//! The browser's state and its pure `update`: actions in, state (and effects
//! for the runtime) out. Rendering only reads this state.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use crate::corpus::bodies::{self, Node};
use crate::corpus::rules::{self, Located};
use crate::corpus::series::{Comparison, Trend};
use crate::corpus::Corpus;
use crate::index::search::Hit;
use xxgk_core::model::Report;
use xxgk_core::template::{APPEAL_GROUPS, APPEAL_RESULTS, REQUEST_COLUMNS, REQUEST_ROWS};

use super::action::{Action, Effect};
use super::input::Input;

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
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Loaded({} reports)", self.corpus.reports.len())
    }
}

/// One line of the report view. Tables are one line per row, sharing widths.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Title(String),
    Heading(String),
    Text(String),
    /// A table row: cells, the table's column widths, the columns with findings,
    /// whether it is the header, and the table it belongs to.
    Row {
        cells: Vec<String>,
        widths: Vec<usize>,
        flagged: Vec<usize>,
        header: bool,
        table: usize,
    },
    Finding {
        error: bool,
        text: String,
    },
    Blank,
}

#[derive(Debug, Clone)]
pub struct ReportView {
    pub report: Report,
    pub lines: Vec<Line>,
    /// Index of the first line shown.
    pub top: usize,
    /// Words to mark (from the search).
    pub needles: Vec<String>,
    /// Lines holding a match, for n/N.
    pub hit_lines: Vec<usize>,
    /// Statistic keys with findings (from Checks): their cells are marked.
    pub flagged_keys: HashSet<String>,
    /// Tables: (name, header + rows), for CSV export.
    pub tables: Vec<Table>,
}

#[derive(Debug, Clone, Default)]
pub struct List {
    pub selected: usize,
    pub len: usize,
}

impl List {
    fn up(&mut self, n: usize) {
        self.selected = self.selected.saturating_sub(n);
    }
    fn down(&mut self, n: usize) {
        if self.len > 0 {
            self.selected = (self.selected + n).min(self.len - 1);
        }
    }
    fn top(&mut self) {
        self.selected = 0;
    }
    fn bottom(&mut self) {
        self.selected = self.len.saturating_sub(1);
    }
    fn resize(&mut self, len: usize) {
        self.len = len;
        self.selected = self.selected.min(len.saturating_sub(1));
    }
}

#[derive(Debug, Default)]
pub struct App {
    pub screen: Screen,
    pub history: Vec<Screen>,
    pub loaded: Option<Loaded>,
    pub load_error: Option<String>,
    pub status: String,
    pub quit: bool,
    /// Rows a page moves (set by the runtime from the terminal height).
    pub page: usize,

    // Search
    pub query: Input,
    pub typing: bool,
    pub hits: Vec<Hit>,
    pub hit_list: List,
    pub generation: u64,
    pub searching: bool,
    pub search_error: Option<String>,
    pub year_filter: Option<i32>,
    pub body_filter: Option<String>,

    // Bodies
    pub filter: Input,
    pub bodies: Vec<Node>,
    pub body_list: List,
    pub marked: BTreeSet<String>,

    // Body page
    pub trend: Option<Trend>,
    /// The body whose trend was asked for and has not arrived.
    pub pending_body: Option<String>,
    pub year_list: List,

    // Compare
    pub comparison: Option<Comparison>,
    pub compare_year: Option<i32>,
    pub metric_list: List,

    // Checks
    pub findings: Vec<Located>,
    pub finding_list: List,

    // Report
    pub report: Option<ReportView>,
    pub pending_needles: Vec<String>,
    /// The section the opened hit is in: the view starts at its first match.
    pub pending_section: Option<u8>,
    pub pending_flags: HashSet<String>,
}

impl App {
    pub fn new() -> App {
        App {
            typing: true,
            page: 10,
            status: "loading the index…".into(),
            ..App::default()
        }
    }

    pub fn corpus(&self) -> Option<&Corpus> {
        self.loaded.as_ref().map(|l| &*l.corpus)
    }

    /// Bodies matching the filter box, in tree order.
    pub fn visible_bodies(&self) -> Vec<&Node> {
        let f = self.filter.text();
        self.bodies
            .iter()
            .filter(|n| {
                f.is_empty() || n.info.id.contains(f) || n.info.names.iter().any(|x| x.contains(f))
            })
            .collect()
    }

    /// Shows screen `s`; the compare screen asks the worker for its table.
    fn goto(&mut self, s: Screen) -> Vec<Effect> {
        if self.screen != s {
            self.history.push(self.screen);
            self.screen = s;
        }
        self.typing = match s {
            Screen::Search => self.hits.is_empty(),
            _ => false,
        };
        if s == Screen::Compare {
            return self.refresh_compare();
        }
        vec![]
    }

    fn search_effect(&mut self) -> Vec<Effect> {
        self.generation += 1;
        let q = self.query.text().trim().to_string();
        if q.is_empty() {
            self.hits.clear();
            self.hit_list.resize(0);
            self.searching = false;
            self.search_error = None;
            return vec![];
        }
        self.searching = true;
        vec![Effect::Search {
            generation: self.generation,
            query: q,
            year: self.year_filter.map(xxgk_core::model::YearRange::single),
            body: self.body_filter.clone(),
        }]
    }

    /// Asks for the comparison of the marked bodies (it reads their reports
    /// from the index, so the worker does it).
    fn refresh_compare(&mut self) -> Vec<Effect> {
        if self.loaded.is_none() {
            return vec![];
        }
        let ids: Vec<String> = self.marked.iter().cloned().collect();
        if ids.len() < 2 {
            self.comparison = None;
            return vec![];
        }
        vec![Effect::LoadComparison {
            ids,
            year: self.compare_year,
        }]
    }

    /// Years any marked body has, for ←/→ on the compare screen.
    fn compare_years(&self) -> Vec<i32> {
        let Some(corpus) = self.corpus() else {
            return vec![];
        };
        let mut years = BTreeSet::new();
        for id in &self.marked {
            years.extend(corpus.years_of(id).keys().copied());
        }
        years.into_iter().collect()
    }

    fn open_report(
        &mut self,
        source: String,
        needles: Vec<String>,
        flags: HashSet<String>,
    ) -> Vec<Effect> {
        self.pending_needles = needles;
        self.pending_flags = flags;
        self.pending_section = None;
        self.status = format!("opening {source}…");
        vec![Effect::LoadReport { source }]
    }

    /// The list the current screen moves in (the report view scrolls instead).
    fn list_mut(&mut self) -> Option<&mut List> {
        match self.screen {
            Screen::Search => Some(&mut self.hit_list),
            Screen::Bodies => Some(&mut self.body_list),
            Screen::Body => Some(&mut self.year_list),
            Screen::Compare => Some(&mut self.metric_list),
            Screen::Checks => Some(&mut self.finding_list),
            Screen::Report | Screen::Help => None,
        }
    }

    /// The text box of the current screen.
    fn input_mut(&mut self) -> &mut Input {
        if self.screen == Screen::Bodies {
            &mut self.filter
        } else {
            &mut self.query
        }
    }

    fn move_by(&mut self, delta: isize) {
        let n = delta.unsigned_abs();
        if let Some(list) = self.list_mut() {
            if delta < 0 {
                list.up(n)
            } else {
                list.down(n)
            }
        } else if let (Screen::Report, Some(r)) = (self.screen, &mut self.report) {
            let max = r.lines.len().saturating_sub(1);
            r.top = if delta < 0 {
                r.top.saturating_sub(n)
            } else {
                (r.top + n).min(max)
            };
        }
    }

    fn edge(&mut self, bottom: bool) {
        if let Some(list) = self.list_mut() {
            if bottom {
                list.bottom()
            } else {
                list.top()
            }
        } else if let (Screen::Report, Some(r)) = (self.screen, &mut self.report) {
            r.top = if bottom {
                r.lines.len().saturating_sub(1)
            } else {
                0
            };
        }
    }

    fn copy_text(&self) -> Option<String> {
        match self.screen {
            Screen::Search => self.hits.get(self.hit_list.selected).map(|h| {
                format!(
                    "{} {} {}\n{}\n{}",
                    h.body.as_deref().unwrap_or(""),
                    h.year.unwrap_or(0),
                    h.section_title,
                    h.snippet.text,
                    h.source
                )
            }),
            Screen::Report => {
                let r = self.report.as_ref()?;
                match r.lines.get(r.top)? {
                    Line::Row { table, .. } => Some(tsv(&r.tables[*table].1)),
                    Line::Text(t) | Line::Heading(t) | Line::Title(t) => Some(t.clone()),
                    Line::Finding { text, .. } => Some(text.clone()),
                    Line::Blank => None,
                }
            }
            Screen::Body => self.trend.as_ref().map(|t| tsv(&trend_table(t))),
            Screen::Compare => self.comparison.as_ref().map(|c| tsv(&compare_table(c))),
            Screen::Checks => self.findings.get(self.finding_list.selected).map(|f| {
                format!(
                    "{} {} {} {}",
                    f.source,
                    f.year.unwrap_or(0),
                    f.finding.rule,
                    f.finding.message
                )
            }),
            _ => None,
        }
    }

    fn csv_export(&self) -> Option<(String, Vec<Vec<String>>)> {
        match self.screen {
            Screen::Report => {
                let r = self.report.as_ref()?;
                let table = match r.lines.get(r.top)? {
                    Line::Row { table, .. } => *table,
                    _ => 0,
                };
                let (name, rows) = r.tables.get(table)?;
                Some((
                    format!("{}-{}", r.report.year.unwrap_or(0), name),
                    rows.clone(),
                ))
            }
            Screen::Body => self
                .trend
                .as_ref()
                .map(|t| (format!("trend-{}", t.body), trend_table(t))),
            Screen::Compare => self
                .comparison
                .as_ref()
                .map(|c| (format!("compare-{}", c.year), compare_table(c))),
            _ => None,
        }
    }
}

fn tsv(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|r| r.join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn trend_table(t: &Trend) -> Vec<Vec<String>> {
    let mut rows = vec![std::iter::once("指标".to_string())
        .chain(t.years.iter().map(|y| y.to_string()))
        .collect()];
    for r in &t.rows {
        rows.push(
            std::iter::once(r.label.to_string())
                .chain(r.cells.iter().map(|c| c.to_string()))
                .collect(),
        );
    }
    rows
}

pub fn compare_table(c: &Comparison) -> Vec<Vec<String>> {
    let mut rows = vec![std::iter::once("指标".to_string())
        .chain(c.bodies.iter().cloned())
        .collect()];
    for r in &c.rows {
        rows.push(
            std::iter::once(r.label.to_string())
                .chain(r.cells.iter().map(|c| c.to_string()))
                .collect(),
        );
    }
    rows
}

/// A table of the report view: its name and rows (header first).
pub type Table = (String, Vec<Vec<String>>);

/// Rows of a table to show: (label, statistic key of each value cell).
type Spec = Vec<(String, Vec<String>)>;

fn active_spec(r: &Report) -> Spec {
    r.stats
        .keys()
        .filter(|k| k.starts_with("active."))
        .map(|k| (k["active.".len()..].to_string(), vec![k.clone()]))
        .collect()
}

fn requests_spec(r: &Report) -> Spec {
    REQUEST_ROWS
        .iter()
        .map(|(row, label)| {
            let keys = REQUEST_COLUMNS
                .iter()
                .map(|(c, _)| format!("requests.{row}.{c}"))
                .collect();
            (label.to_string(), keys)
        })
        .filter(|(_, keys): &(String, Vec<String>)| keys.iter().any(|k| r.stats.contains_key(k)))
        .collect()
}

fn appeals_spec() -> Spec {
    APPEAL_GROUPS
        .iter()
        .map(|(g, label)| {
            (
                label.to_string(),
                APPEAL_RESULTS
                    .iter()
                    .map(|(res, _)| format!("{g}.{res}"))
                    .collect(),
            )
        })
        .collect()
}

fn legacy_spec(r: &Report) -> Spec {
    r.stats
        .keys()
        .filter(|k| k.starts_with("legacy."))
        .map(|k| {
            (
                xxgk_core::template::legacy_label(k).to_string(),
                vec![k.clone()],
            )
        })
        .collect()
}

/// Builds the report view's lines: sections with their text, tables as
/// aligned rows with flagged cells, then the findings.
pub fn report_lines(r: &Report, flagged_keys: &HashSet<String>) -> (Vec<Line>, Vec<Table>) {
    use crate::textwidth::width;
    let mut lines = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let finding_keys: HashSet<&str> = r
        .findings
        .iter()
        .flat_map(|f| f.keys.iter().map(String::as_str))
        .collect();
    let is_flagged = |k: &str| finding_keys.contains(k) || flagged_keys.contains(k);
    let cell = |k: &str| {
        r.stats.get(k).map_or(String::new(), |v| {
            v.map_or("·".to_string(), |n| n.to_string())
        })
    };
    let mut push_table = |lines: &mut Vec<Line>, name: &str, header: &[&str], spec: Spec| {
        if spec.is_empty() {
            return;
        }
        let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
        let mut flags: Vec<Vec<usize>> = vec![vec![]];
        for (label, keys) in &spec {
            rows.push(
                std::iter::once(label.clone())
                    .chain(keys.iter().map(|k| cell(k)))
                    .collect(),
            );
            flags.push(
                keys.iter()
                    .enumerate()
                    .filter(|(_, k)| is_flagged(k))
                    .map(|(i, _)| i + 1)
                    .collect(),
            );
        }
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; cols];
        for row in &rows {
            for (i, c) in row.iter().enumerate() {
                widths[i] = widths[i].max(width(c) + 1);
            }
        }
        let t = tables.len();
        for (i, (row, flagged)) in rows.iter().zip(flags).enumerate() {
            lines.push(Line::Row {
                cells: row.clone(),
                widths: widths.clone(),
                flagged,
                header: i == 0,
                table: t,
            });
        }
        tables.push((name.to_string(), rows));
    };
    lines.push(Line::Title(format!(
        "{} · {} · {} 模板 · {}",
        r.body.as_deref().unwrap_or("(未署名)"),
        r.year.map_or("----".into(), |y| y.to_string()),
        r.template.as_str(),
        r.source
    )));
    for s in &r.sections {
        lines.push(Line::Blank);
        lines.push(Line::Heading(if s.number == 0 {
            "前言".into()
        } else {
            format!("{} {}", s.number, s.title)
        }));
        for p in s.text.lines().filter(|l| !l.trim().is_empty()) {
            lines.push(Line::Text(p.trim().to_string()));
        }
        match s.number {
            2 => push_table(
                &mut lines,
                "table2",
                &["表二 主动公开", "数值"],
                active_spec(r),
            ),
            3 => push_table(
                &mut lines,
                "table3",
                &[
                    "表三",
                    "自然人",
                    "商业",
                    "科研",
                    "公益",
                    "法律",
                    "其他",
                    "总计",
                ],
                requests_spec(r),
            ),
            4 if r.stats.contains_key("review.total") => push_table(
                &mut lines,
                "table4",
                &["表四", "维持", "纠正", "其他", "未审结", "总计"],
                appeals_spec(),
            ),
            _ => {}
        }
    }
    let legacy = legacy_spec(r);
    if !legacy.is_empty() {
        lines.push(Line::Blank);
        lines.push(Line::Heading("统计表".into()));
        push_table(&mut lines, "legacy", &["指标", "数值"], legacy);
    }
    lines.push(Line::Blank);
    if r.findings.is_empty() {
        lines.push(Line::Heading("检查 findings: none".into()));
    } else {
        lines.push(Line::Heading(format!(
            "检查 findings: {}",
            r.findings.len()
        )));
        for f in &r.findings {
            lines.push(Line::Finding {
                error: f.severity == xxgk_core::model::Severity::Error,
                text: format!("{}  {}", f.rule, f.message),
            });
        }
    }
    (lines, tables)
}

fn line_text(l: &Line) -> String {
    match l {
        Line::Title(t) | Line::Heading(t) | Line::Text(t) => t.clone(),
        Line::Row { cells, .. } => cells.join(" "),
        Line::Finding { text, .. } => text.clone(),
        Line::Blank => String::new(),
    }
}

/// The update function: the only place state changes.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => {
            app.quit = true;
            return vec![Effect::Quit];
        }
        Action::Resize => {}
        Action::Status(s) => app.status = s,
        Action::Loaded(Ok(loaded)) => {
            app.bodies = bodies::tree(&loaded.corpus);
            app.body_list.resize(app.bodies.len());
            app.status = format!(
                "{} reports, {} bodies · {}",
                loaded.corpus.reports.len(),
                app.bodies.len(),
                loaded.index_dir
            );
            // The loader has read the findings already: this does no I/O.
            match rules::check(&loaded.corpus) {
                Ok(findings) => app.findings = findings,
                Err(e) => app.status = format!("findings unreadable: {e}"),
            }
            app.finding_list.resize(app.findings.len());
            app.loaded = Some(*loaded);
            app.load_error = None;
            if !app.query.text().is_empty() {
                return app.search_effect();
            }
        }
        Action::Loaded(Err(e)) => {
            app.load_error = Some(e.clone());
            app.status = e;
        }
        Action::SearchDone { generation, result } => {
            // The newest query wins: answers to older ones are dropped.
            if generation == app.generation {
                app.searching = false;
                match result {
                    Ok(hits) => {
                        app.hit_list = List::default();
                        app.hit_list.resize(hits.len());
                        app.hits = hits;
                        app.search_error = None;
                    }
                    Err(e) => {
                        app.hits.clear();
                        app.hit_list.resize(0);
                        app.search_error = Some(e);
                    }
                }
            }
        }
        Action::ReportLoaded(Ok(report)) => {
            let flags = std::mem::take(&mut app.pending_flags);
            let needles = std::mem::take(&mut app.pending_needles);
            let (lines, tables) = report_lines(&report, &flags);
            let hit_lines: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    let t = line_text(l).to_lowercase();
                    needles.iter().any(|n| t.contains(&n.to_lowercase()))
                        || matches!(l, Line::Row { flagged, .. } if !flagged.is_empty())
                })
                .map(|(i, _)| i)
                .collect();
            // Start at the first match in the hit's section, else the first match.
            let section_start = app.pending_section.take().and_then(|n| {
                let heading = if n == 0 {
                    "前言".to_string()
                } else {
                    format!("{n} ")
                };
                lines.iter().position(
                    |l| matches!(l, Line::Heading(h) if h == &heading || h.starts_with(&heading)),
                )
            });
            let first_hit = section_start
                .and_then(|s| hit_lines.iter().find(|h| **h >= s).copied())
                .or(hit_lines.first().copied());
            let top = first_hit.map_or(0, |h| h.saturating_sub(2));
            app.status = format!("{} · {} hits", report.source, hit_lines.len());
            app.report = Some(ReportView {
                report: *report,
                lines,
                top,
                needles,
                hit_lines,
                flagged_keys: flags,
                tables,
            });
            return app.goto(Screen::Report);
        }
        Action::ReportLoaded(Err(e)) => app.status = e,
        Action::TrendLoaded { body_id, result } => {
            // Only the body last opened, and only if the list is still shown.
            if app.pending_body.as_ref() != Some(&body_id) {
                return vec![];
            }
            app.pending_body = None;
            if app.screen != Screen::Bodies {
                return vec![];
            }
            match result {
                Ok(t) => {
                    app.year_list = List::default();
                    app.year_list.resize(t.years.len());
                    app.year_list.bottom();
                    app.trend = Some(*t);
                    return app.goto(Screen::Body);
                }
                Err(e) => app.status = format!("{body_id}: {e}"),
            }
        }
        Action::ComparisonLoaded { ids, result } => {
            // Marks changed since it was asked for: a newer answer is coming.
            if !ids.iter().eq(app.marked.iter()) {
                return vec![];
            }
            match result {
                Ok(c) => {
                    app.compare_year = Some(c.year);
                    app.metric_list.resize(c.rows.len());
                    app.comparison = Some(*c);
                }
                Err(e) => {
                    app.comparison = None;
                    app.status = format!("compare: {e}");
                }
            }
        }
        Action::Back => {
            let leave_box = app.typing
                && ((app.screen == Screen::Search && !app.hits.is_empty())
                    || app.screen == Screen::Bodies);
            if leave_box {
                app.typing = false;
            } else if let Some(prev) = app.history.pop() {
                app.screen = prev;
                app.typing = false;
            }
        }
        Action::Help => return app.goto(Screen::Help),
        Action::Goto(s) => return app.goto(s),
        Action::NextScreen | Action::PrevScreen => {
            let i = TABS.iter().position(|s| *s == app.screen).unwrap_or(0);
            let n = TABS.len();
            let next = if matches!(action, Action::NextScreen) {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            return app.goto(TABS[next]);
        }
        Action::Focus => match app.screen {
            Screen::Bodies => app.typing = true,
            _ => {
                let effects = app.goto(Screen::Search);
                app.typing = true;
                return effects;
            }
        },
        Action::Input(c) => {
            if app.screen == Screen::Bodies {
                app.filter.insert(c);
                app.body_list = List::default();
                let n = app.visible_bodies().len();
                app.body_list.resize(n);
            } else {
                app.query.insert(c);
                return app.search_effect();
            }
        }
        Action::Backspace | Action::Delete => {
            let target = app.input_mut();
            let changed = if matches!(action, Action::Backspace) {
                target.backspace()
            } else {
                target.delete()
            };
            if changed {
                if app.screen == Screen::Bodies {
                    let n = app.visible_bodies().len();
                    app.body_list.resize(n);
                } else {
                    return app.search_effect();
                }
            }
        }
        Action::Home | Action::End => {
            let target = app.input_mut();
            if matches!(action, Action::Home) {
                target.home()
            } else {
                target.end()
            }
        }
        Action::Left | Action::Right => {
            if app.typing {
                let target = app.input_mut();
                if matches!(action, Action::Left) {
                    target.left()
                } else {
                    target.right()
                }
            } else if app.screen == Screen::Compare {
                let years = app.compare_years();
                if let Some(cur) = app
                    .compare_year
                    .and_then(|y| years.iter().position(|x| *x == y))
                {
                    let next = if matches!(action, Action::Left) {
                        cur.saturating_sub(1)
                    } else {
                        (cur + 1).min(years.len() - 1)
                    };
                    app.compare_year = Some(years[next]);
                    return app.refresh_compare();
                }
            }
        }
        Action::Up => {
            if app.typing && app.screen == Screen::Search {
                app.typing = false;
            }
            app.move_by(-1)
        }
        Action::Down => {
            if app.typing && app.screen == Screen::Search {
                app.typing = false;
                return vec![];
            }
            app.move_by(1)
        }
        Action::PageUp => app.move_by(-(app.page.max(1) as isize)),
        Action::PageDown => app.move_by(app.page.max(1) as isize),
        Action::Top => app.edge(false),
        Action::Bottom => app.edge(true),
        Action::Mark => {
            // Space marks the body under the cursor, on any screen that shows one.
            let id = match app.screen {
                Screen::Bodies => app
                    .visible_bodies()
                    .get(app.body_list.selected)
                    .map(|n| n.info.id.clone()),
                Screen::Search => app
                    .hits
                    .get(app.hit_list.selected)
                    .and_then(|h| h.body_id.clone()),
                Screen::Body => app.trend.as_ref().map(|t| t.body_id.clone()),
                Screen::Checks => app
                    .findings
                    .get(app.finding_list.selected)
                    .and_then(|f| f.body_id.clone()),
                Screen::Report => app.report.as_ref().and_then(|r| r.report.body_id.clone()),
                _ => None,
            };
            if let Some(id) = id {
                if !app.marked.remove(&id) {
                    app.marked.insert(id);
                }
                app.status = format!("{} bodies marked for compare (3)", app.marked.len());
            }
        }
        Action::Open => match app.screen {
            Screen::Search => {
                if app.typing && !app.hits.is_empty() {
                    app.typing = false;
                }
                if let Some(h) = app.hits.get(app.hit_list.selected).cloned() {
                    let needles = crate::index::query::parse(app.query.text())
                        .map(|p| p.positive().map(|t| t.text.clone()).collect())
                        .unwrap_or_default();
                    let effects = app.open_report(h.source, needles, HashSet::new());
                    app.pending_section = Some(h.section as u8);
                    return effects;
                }
            }
            Screen::Bodies => {
                let id = app
                    .visible_bodies()
                    .get(app.body_list.selected)
                    .map(|n| n.info.id.clone());
                if let (Some(id), Some(_)) = (id, app.corpus()) {
                    // The trend reads this body's reports from the index.
                    app.pending_body = Some(id.clone());
                    return vec![Effect::LoadTrend { body_id: id }];
                }
            }
            Screen::Body => {
                let source = app.trend.as_ref().and_then(|t| {
                    let year = *t.years.get(app.year_list.selected)?;
                    let corpus = app.loaded.as_ref()?;
                    corpus
                        .corpus
                        .years_of(&t.body_id)
                        .get(&year)
                        .map(|r| r.source.clone())
                });
                if let Some(s) = source {
                    return app.open_report(s, vec![], HashSet::new());
                }
            }
            Screen::Checks => {
                if let Some(f) = app.findings.get(app.finding_list.selected).cloned() {
                    return app.open_report(f.source, vec![], f.finding.keys.into_iter().collect());
                }
            }
            _ => {}
        },
        Action::NextHit | Action::PrevHit => {
            if let Some(r) = &mut app.report {
                let next = if matches!(action, Action::NextHit) {
                    r.hit_lines
                        .iter()
                        .find(|l| **l > r.top)
                        .or(r.hit_lines.first())
                } else {
                    r.hit_lines
                        .iter()
                        .rev()
                        .find(|l| **l < r.top)
                        .or(r.hit_lines.last())
                };
                if let Some(l) = next {
                    r.top = *l;
                }
            }
        }
        Action::CycleYear => {
            let years: Vec<i32> = app
                .corpus()
                .map(|c| {
                    c.reports
                        .iter()
                        .filter_map(|r| r.year)
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .rev()
                        .collect()
                })
                .unwrap_or_default();
            app.year_filter = match app
                .year_filter
                .and_then(|y| years.iter().position(|x| *x == y))
            {
                None => years.first().copied(),
                Some(i) => years.get(i + 1).copied(),
            };
            return app.search_effect();
        }
        Action::ToggleBodyFilter => {
            app.body_filter = match app.body_filter {
                Some(_) => None,
                None => app
                    .hits
                    .get(app.hit_list.selected)
                    .and_then(|h| h.body_id.clone()),
            };
            return app.search_effect();
        }
        Action::Copy => {
            if let Some(t) = app.copy_text() {
                return vec![Effect::Copy(t)];
            }
        }
        Action::ExportCsv => {
            if let Some((name, rows)) = app.csv_export() {
                let mut w = csv::Writer::from_writer(Vec::new());
                for r in &rows {
                    let _ = w.write_record(r);
                }
                let csv = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
                return vec![Effect::WriteCsv { name, csv }];
            }
        }
    }
    vec![]
}
