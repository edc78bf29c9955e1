//! The update function: an action in, the state changed and effects for the
//! runtime out. The only place the state changes; plain functions, testable
//! without a terminal. `update` dispatches: the runtime's and the workers'
//! answers, moving between screens and the text box apply on any screen; the
//! rest goes to the current screen's function.

use std::collections::{BTreeSet, HashSet};

use crate::corpus::bodies;
use crate::corpus::rules::{self, Located};
use crate::corpus::series::{Comparison, Trend};
use crate::index::search::Hit;
use xxgk_core::model::Report;

use super::action::{Action, Effect};
use super::report_view::{self, compare_table, trend_table, tsv, ReportLine};
use super::state::{
    App, Loaded, PendingReport, ReportState, ReportView, Screen, SearchState, Selection, TABS,
};

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    // A status line belongs to the screen it was written on (the loader's to all).
    let global = matches!(action, Action::Loaded(_));
    let old = app.status.clone();
    let mut effects = dispatch(app, action);
    if app.status != old {
        app.status_screen = if global { None } else { Some(app.screen) };
    }
    effects.extend(previews(app));
    effects
}

/// On a wide terminal, what the preview beside the list needs and does not
/// have: the selected hit's section (Search), the selected body's figures
/// (Bodies). Asked for once per selection; a stale answer is dropped.
fn previews(app: &mut App) -> Vec<Effect> {
    if app.columns < super::state::WIDE || app.loaded.is_none() {
        return vec![];
    }
    match app.screen {
        Screen::Search => {
            let Some(h) = app.search.selected_hit() else {
                return vec![];
            };
            let key = (h.source.clone(), h.section);
            if app.search.preview.ask(&key) {
                return vec![Effect::LoadSection {
                    source: key.0,
                    section: key.1,
                }];
            }
        }
        Screen::Bodies => {
            let Some(id) = app.bodies.selected().map(|n| n.info.id.clone()) else {
                return vec![];
            };
            if app.bodies.figures.ask(&id) {
                return vec![Effect::LoadFigures { body_id: id }];
            }
        }
        _ => {}
    }
    vec![]
}

fn dispatch(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        // The runtime.
        // q on the help screen closes it; everywhere else it quits.
        Action::Quit if app.screen == Screen::Help => back(app),
        Action::Quit => {
            app.quit = true;
            vec![Effect::Quit]
        }
        Action::Resize => vec![],
        Action::ClearMarks => {
            app.marked.clear();
            app.compare.comparison = None;
            app.status = "0 bodies marked for compare".into();
            vec![]
        }
        Action::Reload => {
            app.status = "reading the index again…".into();
            vec![Effect::Reload]
        }
        Action::PageSize(rows) => {
            app.page = rows;
            vec![]
        }
        Action::Columns(columns) => {
            app.columns = columns;
            vec![]
        }
        Action::SectionLoaded {
            source,
            section,
            result,
        } => {
            app.search.preview.answer((source, section), result);
            vec![]
        }
        Action::FiguresLoaded { body_id, result } => {
            app.bodies.figures.answer(body_id, result.map(|t| *t));
            vec![]
        }
        Action::Status(s) => {
            app.status = s;
            vec![]
        }
        // The loader's and the worker's answers.
        Action::Loaded(result) => loaded(app, result),
        Action::SearchDone { generation, result } => {
            search_done(&mut app.search, generation, result)
        }
        Action::ReportLoaded(result) => report_loaded(app, result),
        Action::TrendLoaded { body_id, result } => trend_loaded(app, body_id, result),
        Action::ComparisonLoaded { ids, result } => comparison_loaded(app, ids, result),
        // Between screens.
        Action::Back => back(app),
        Action::Help => goto(app, Screen::Help),
        Action::Goto(s) => goto(app, s),
        Action::NextScreen => goto(app, next_tab(app.screen, true)),
        Action::PrevScreen => goto(app, next_tab(app.screen, false)),
        // The text box: the filter on the bodies screen, the query elsewhere.
        Action::Focus => focus(app),
        // Editing keys edit only a box that has the focus.
        Action::Input(_)
        | Action::Backspace
        | Action::Delete
        | Action::Home
        | Action::End
        | Action::KillToStart
        | Action::KillWord
        | Action::WordLeft
        | Action::WordRight
            if app.typing =>
        {
            text_box(app, action)
        }
        Action::Left | Action::Right if app.typing => text_box(app, action),
        // The search's filters and the report's hits, whichever screen is shown.
        Action::CycleYear => cycle_year(app),
        Action::TogglePerReport => {
            let s = &mut app.search;
            s.per_report = !s.per_report;
            s.list = Selection::default();
            s.regroup();
            app.status = if s.per_report {
                "one line per report (C-r: per section)".into()
            } else {
                "one line per section (C-r: per report)".into()
            };
            vec![]
        }
        Action::ToggleBodyFilter => toggle_body_filter(&mut app.search),
        Action::NextHit | Action::PrevHit => {
            let effects = next_hit(&mut app.report, matches!(action, Action::NextHit));
            if let Some(r) = &app.report.view {
                if let Some(i) = r.hit_lines.iter().position(|l| *l == r.cursor) {
                    app.status = format!("hit {}/{}", i + 1, r.hit_lines.len());
                }
            }
            effects
        }
        // The rest is the current screen's.
        action => match app.screen {
            Screen::Search => search(app, action),
            Screen::Bodies => bodies(app, action),
            Screen::Body => body(app, action),
            Screen::Compare => compare(app, action),
            Screen::Checks => checks(app, action),
            Screen::Report => report(app, action),
            Screen::Help => {
                move_in(&mut app.help, &action, app.page);
                vec![]
            }
        },
    }
}

// ---- Between screens ----

/// Shows screen `s`; the compare screen asks the worker for its table.
fn goto(app: &mut App, s: Screen) -> Vec<Effect> {
    if app.screen != s {
        app.history.push(app.screen);
        app.screen = s;
    }
    app.typing = match s {
        Screen::Search => app.search.hits.is_empty(),
        _ => false,
    };
    if s == Screen::Help {
        app.help = Selection::new(crate::tui::keymap::help_lines().len());
    }
    if s == Screen::Compare {
        return refresh_compare(app);
    }
    vec![]
}

/// The tab after (or before) the one `screen` is on.
fn next_tab(screen: Screen, forward: bool) -> Screen {
    let i = TABS.iter().position(|s| *s == screen).unwrap_or(0);
    let n = TABS.len();
    TABS[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

/// Esc leaves the text box, else goes back.
fn back(app: &mut App) -> Vec<Effect> {
    if app.typing {
        app.typing = false;
    } else if let Some(prev) = app.history.pop() {
        app.screen = prev;
        app.typing = false;
    }
    vec![]
}

// ---- The text box ----

/// `/`: the bodies' filter on the bodies screen, else the search's query.
fn focus(app: &mut App) -> Vec<Effect> {
    // `/` finds within a report, filters the bodies, else searches.
    if app.screen == Screen::Bodies || (app.screen == Screen::Report && app.report.view.is_some()) {
        app.typing = true;
        return vec![];
    }
    let effects = goto(app, Screen::Search);
    app.typing = true;
    effects
}

/// Editing: the filter narrows the bodies' list, the query searches again.
fn text_box(app: &mut App, action: Action) -> Vec<Effect> {
    let on_bodies = app.screen == Screen::Bodies;
    let in_report = app.screen == Screen::Report;
    let typed = matches!(action, Action::Input(_));
    if !on_bodies && !in_report && typed {
        app.search.history_back = 0;
    }
    let input = if on_bodies {
        &mut app.bodies.filter
    } else if in_report {
        &mut app.report.find
    } else {
        &mut app.search.query
    };
    let changed = match action {
        Action::Input(c) => {
            input.insert(c);
            true
        }
        Action::Backspace => input.backspace(),
        Action::Delete => input.delete(),
        Action::KillToStart => input.kill_to_start(),
        Action::KillWord => input.kill_word(),
        Action::WordLeft => {
            input.word_left();
            false
        }
        Action::WordRight => {
            input.word_right();
            false
        }
        Action::Home => {
            input.home();
            false
        }
        Action::End => {
            input.end();
            false
        }
        Action::Left => {
            input.left();
            false
        }
        Action::Right => {
            input.right();
            false
        }
        _ => false,
    };
    if !changed {
        return vec![];
    }
    if in_report {
        find_in_report(&mut app.report);
        return vec![];
    }
    if !on_bodies {
        return search_effect(&mut app.search);
    }
    if typed {
        // A character typed starts the list over; deleting one keeps its place.
        app.bodies.list = Selection::default();
    }
    let n = app.bodies.visible().len();
    app.bodies.list.resize(n);
    vec![]
}

// ---- Lists ----

/// Up/Down/PageUp/PageDown/Top/Bottom in `list`; `false`: not a move.
fn move_in(list: &mut Selection, action: &Action, page: usize) -> bool {
    match action {
        Action::Up => list.up(1),
        Action::Down => list.down(1),
        Action::PageUp => list.up(page.max(1)),
        Action::PageDown => list.down(page.max(1)),
        Action::Top => list.top(),
        Action::Bottom => list.bottom(),
        _ => return false,
    }
    true
}

/// Space: marks the body (or unmarks it) for compare.
fn toggle_mark(app: &mut App, id: Option<String>) -> Vec<Effect> {
    if let Some(id) = id {
        if !app.marked.remove(&id) {
            app.marked.insert(id);
        }
        app.status = format!("{} bodies marked for compare (3)", app.marked.len());
    }
    vec![]
}

fn copy(text: Option<String>) -> Vec<Effect> {
    text.map(Effect::Copy).into_iter().collect()
}

/// `e`: the table `rows` as CSV, to be written as `xxgk-NAME.csv`.
fn export(table: Option<(String, Vec<Vec<String>>)>) -> Vec<Effect> {
    table
        .map(|(name, rows)| Effect::WriteCsv {
            name,
            csv: report_view::csv(&rows),
        })
        .into_iter()
        .collect()
}

/// Asks for report `source`, to be shown as `pending` says.
fn open_report(app: &mut App, source: String, pending: PendingReport) -> Vec<Effect> {
    app.report.pending = pending;
    app.status = format!("opening {source}…");
    vec![Effect::LoadReport { source }]
}

// ---- Search ----

fn search(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        // ↑ in an empty box (or while walking back): an earlier query.
        Action::Up
            if app.typing
                && (app.search.query.text().is_empty() || app.search.history_back > 0)
                && app.search.history_back < app.search.history.len() =>
        {
            let s = &mut app.search;
            s.history_back += 1;
            let q = s.history[s.history.len() - s.history_back].clone();
            s.query.set(&q);
            return search_effect(s);
        }
        // Up and Down leave the query box for the list; Down moves no further.
        Action::Up if app.typing => app.typing = false,
        Action::Down if app.typing => {
            app.typing = false;
            return vec![];
        }
        _ => {}
    }
    if move_in(&mut app.search.list, &action, app.page) {
        return fetch_more(&mut app.search, app.page);
    }
    let hit = app.search.selected_hit();
    match action {
        Action::Mark => {
            let id = hit.and_then(|h| h.body_id.clone());
            toggle_mark(app, id)
        }
        Action::Open => {
            if app.typing && !app.search.hits.is_empty() {
                app.typing = false;
            }
            let Some(h) = app.search.selected_hit().cloned() else {
                return vec![];
            };
            // A query that opened a hit is kept for ↑.
            let s = &mut app.search;
            let q = s.query.text().trim().to_string();
            if s.history.last() != Some(&q) {
                s.history.retain(|x| *x != q);
                s.history.push(q);
            }
            s.history_back = 0;
            let needles = crate::index::query::parse(app.search.query.text())
                .map(|p| p.positive().map(|t| t.text.clone()).collect())
                .unwrap_or_default();
            let pending = PendingReport {
                needles,
                section: Some(h.section as u8),
                flags: HashSet::new(),
            };
            open_report(app, h.source, pending)
        }
        Action::Copy => copy(hit.map(|h| {
            format!(
                "{} {} {}\n{}\n{}",
                h.body.as_deref().unwrap_or(""),
                h.year.unwrap_or(0),
                h.section_title,
                h.snippet.text,
                h.source
            )
        })),
        _ => vec![],
    }
}

/// Sends the query (with the filters) to the worker; an empty box clears.
fn search_effect(s: &mut SearchState) -> Vec<Effect> {
    s.limit = crate::tui::effects::SEARCH_LIMIT;
    s.more = false;
    fetch(s)
}

/// Asks for the first `s.limit` hits of the query in the box.
fn fetch(s: &mut SearchState) -> Vec<Effect> {
    s.generation += 1;
    let q = s.query.text().trim().to_string();
    if q.is_empty() {
        s.hits.clear();
        s.total = 0;
        s.regroup();
        s.searching = false;
        s.error = None;
        return vec![];
    }
    s.searching = true;
    vec![Effect::Search {
        generation: s.generation,
        query: q,
        year: s.year_filter.map(xxgk_core::model::YearRange::single),
        body: s.body_filter.clone(),
        limit: s.limit,
    }]
}

/// Near the end of the hits fetched so far, when there are more: as many again.
fn fetch_more(s: &mut SearchState, page: usize) -> Vec<Effect> {
    let near_end = s.list.selected + page.max(1) >= s.rows.len();
    if near_end && s.total > s.hits.len() && !s.searching {
        s.limit = s.hits.len() + crate::tui::effects::SEARCH_LIMIT.max(page);
        s.more = true;
        return fetch(s);
    }
    vec![]
}

fn search_done(
    s: &mut SearchState,
    generation: u64,
    result: Result<(Vec<Hit>, usize), String>,
) -> Vec<Effect> {
    // The newest query wins: answers to older ones are dropped.
    if generation != s.generation {
        return vec![];
    }
    s.searching = false;
    match result {
        Ok((hits, total)) => {
            if !s.more {
                s.list = Selection::new(hits.len());
            }
            // More of the same list: the selection stays where it is.
            s.hits = hits;
            s.regroup();
            s.total = total.max(s.hits.len());
            s.error = None;
        }
        Err(e) => {
            s.hits.clear();
            s.total = 0;
            s.regroup();
            s.error = Some(e);
        }
    }
    s.more = false;
    vec![]
}

/// C-y: no year, then the newest year, then older ones, then no year again.
fn cycle_year(app: &mut App) -> Vec<Effect> {
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
    let s = &mut app.search;
    s.year_filter = match s
        .year_filter
        .and_then(|y| years.iter().position(|x| *x == y))
    {
        None => years.first().copied(),
        Some(i) => years.get(i + 1).copied(),
    };
    search_effect(s)
}

/// C-b: only the selected hit's body, or all bodies again.
fn toggle_body_filter(s: &mut SearchState) -> Vec<Effect> {
    s.body_filter = match s.body_filter {
        Some(_) => None,
        None => s.hits.get(s.list.selected).and_then(|h| h.body_id.clone()),
    };
    search_effect(s)
}

// ---- Loading ----

fn loaded(app: &mut App, result: Result<Box<Loaded>, String>) -> Vec<Effect> {
    let loaded = match result {
        Ok(loaded) => loaded,
        Err(e) => {
            app.load_error = Some(e.clone());
            app.status = e;
            return vec![];
        }
    };
    app.bodies.nodes = bodies::tree(&loaded.corpus);
    app.overview = Some(crate::corpus::overview::overview(&loaded.corpus));
    app.bodies.list.resize(app.bodies.nodes.len());
    app.status = format!(
        "{} reports, {} bodies · {}",
        loaded.corpus.reports.len(),
        app.bodies.nodes.len(),
        loaded.index_dir
    );
    // The loader has read the findings already: this does no I/O.
    match rules::check(&loaded.corpus) {
        Ok(mut findings) => {
            rules::annotate(&mut findings, &loaded.reviews);
            app.checks.findings = findings;
        }
        Err(e) => app.status = format!("findings unreadable: {e}"),
    }
    app.checks.list.resize(app.checks.shown().len());
    app.loaded = Some(*loaded);
    app.load_error = None;
    if !app.search.query.text().is_empty() {
        return search_effect(&mut app.search);
    }
    vec![]
}

// ---- Bodies ----

fn bodies(app: &mut App, action: Action) -> Vec<Effect> {
    if move_in(&mut app.bodies.list, &action, app.page) {
        return vec![];
    }
    let id = app
        .bodies
        .visible()
        .get(app.bodies.list.selected)
        .map(|n| n.info.id.clone());
    match action {
        Action::Mark => toggle_mark(app, id),
        Action::Open => {
            let Some(id) = id.filter(|_| app.loaded.is_some()) else {
                return vec![];
            };
            // The trend reads this body's reports from the index.
            app.body.pending = Some(id.clone());
            vec![Effect::LoadTrend { body_id: id }]
        }
        _ => vec![],
    }
}

// ---- Body page ----

fn body(app: &mut App, action: Action) -> Vec<Effect> {
    // PgDn/PgUp scroll the year-over-year table's metrics; the other moves
    // pick the year, whose column the table follows.
    let rows = app.body.trend.as_ref().map_or(0, |t| t.rows.len());
    // The table has about a third of a page's rows (the years list and the
    // title take the rest): a step of that never skips a metric.
    let step = (app.page / 3).max(1);
    match action {
        Action::PageDown => {
            app.body.table_top = (app.body.table_top + step).min(rows.saturating_sub(1));
            return vec![];
        }
        Action::PageUp => {
            app.body.table_top = app.body.table_top.saturating_sub(step);
            return vec![];
        }
        _ => {}
    }
    if move_in(&mut app.body.list, &action, app.page) {
        return vec![];
    }
    match action {
        Action::Mark => {
            let id = app.body.trend.as_ref().map(|t| t.body_id.clone());
            toggle_mark(app, id)
        }
        Action::Open => {
            let source = app.body.trend.as_ref().and_then(|t| {
                let year = *t.years.get(app.body.list.selected)?;
                app.corpus()?
                    .years_of(&t.body_id)
                    .get(&year)
                    .map(|r| r.source.clone())
            });
            match source {
                Some(s) => open_report(app, s, PendingReport::default()),
                None => vec![],
            }
        }
        Action::Copy => copy(app.body.trend.as_ref().map(|t| tsv(&trend_table(t)))),
        Action::ExportCsv => export(
            app.body
                .trend
                .as_ref()
                .map(|t| (format!("trend-{}", t.body), trend_table(t))),
        ),
        _ => vec![],
    }
}

fn trend_loaded(app: &mut App, body_id: String, result: Result<Box<Trend>, String>) -> Vec<Effect> {
    // Only the body last opened, and only if the list is still shown.
    if app.body.pending.as_ref() != Some(&body_id) {
        return vec![];
    }
    app.body.pending = None;
    if app.screen != Screen::Bodies {
        return vec![];
    }
    match result {
        Ok(t) => {
            app.body.list = Selection::new(t.years.len());
            app.body.list.bottom();
            app.body.trend = Some(*t);
            goto(app, Screen::Body)
        }
        Err(e) => {
            app.status = format!("{body_id}: {e}");
            vec![]
        }
    }
}

// ---- Compare ----

fn compare(app: &mut App, action: Action) -> Vec<Effect> {
    if move_in(&mut app.compare.list, &action, app.page) {
        return vec![];
    }
    match action {
        // ←/→: the previous or next year any marked body has.
        Action::Left | Action::Right => {
            let years = app.compare_years();
            let Some(cur) = app
                .compare
                .year
                .and_then(|y| years.iter().position(|x| *x == y))
            else {
                return vec![];
            };
            let next = if matches!(action, Action::Left) {
                cur.saturating_sub(1)
            } else {
                (cur + 1).min(years.len() - 1)
            };
            app.compare.year = Some(years[next]);
            refresh_compare(app)
        }
        // h/l, 0/$: the body columns (the view keeps `col` in sight).
        Action::ColumnLeft | Action::ColumnRight | Action::FirstColumn | Action::LastColumn => {
            let n = app
                .compare
                .comparison
                .as_ref()
                .map_or(0, |c| c.bodies.len());
            let col = app.compare.col.clamp(1, n.max(1));
            app.compare.col = match action {
                Action::ColumnLeft => col.saturating_sub(1).max(1),
                Action::ColumnRight => (col + 1).min(n.max(1)),
                Action::FirstColumn => 1,
                _ => n.max(1),
            };
            vec![]
        }
        Action::Copy => copy(
            app.compare
                .comparison
                .as_ref()
                .map(|c| tsv(&compare_table(c))),
        ),
        Action::ExportCsv => export(
            app.compare
                .comparison
                .as_ref()
                .map(|c| (format!("compare-{}", c.year), compare_table(c))),
        ),
        _ => vec![],
    }
}

/// Asks for the comparison of the marked bodies (it reads their reports
/// from the index, so the worker does it).
fn refresh_compare(app: &mut App) -> Vec<Effect> {
    if app.loaded.is_none() {
        return vec![];
    }
    let ids: Vec<String> = app.marked.iter().cloned().collect();
    if ids.len() < 2 {
        app.compare.comparison = None;
        return vec![];
    }
    // Without a year chosen: the latest any marked body has (a body without
    // it shows —), never "no year in common".
    let year = app
        .compare
        .year
        .or_else(|| app.compare_years().last().copied());
    vec![Effect::LoadComparison { ids, year }]
}

fn comparison_loaded(
    app: &mut App,
    ids: Vec<String>,
    result: Result<Box<Comparison>, String>,
) -> Vec<Effect> {
    // Marks changed since it was asked for: a newer answer is coming.
    if !ids.iter().eq(app.marked.iter()) {
        return vec![];
    }
    match result {
        Ok(c) => {
            app.compare.year = Some(c.year);
            app.compare.list.resize(c.rows.len());
            app.compare.comparison = Some(*c);
        }
        Err(e) => {
            app.compare.comparison = None;
            app.status = format!("compare: {e}");
        }
    }
    vec![]
}

// ---- Checks ----

fn checks(app: &mut App, action: Action) -> Vec<Effect> {
    if move_in(&mut app.checks.list, &action, app.page) {
        return vec![];
    }
    let selected = app.checks.selected();
    let finding: Option<&Located> = selected.and_then(|i| app.checks.findings.get(i));
    match action {
        Action::CycleSeverity | Action::CycleRule => {
            use xxgk_core::model::Severity;
            let c = &mut app.checks;
            if matches!(action, Action::CycleSeverity) {
                c.severity = match c.severity {
                    None => Some(Severity::Error),
                    Some(Severity::Error) => Some(Severity::Warning),
                    Some(Severity::Warning) => None,
                };
            } else {
                let rules: std::collections::BTreeSet<&str> =
                    c.findings.iter().map(|f| f.finding.rule.as_str()).collect();
                let next = match &c.rule {
                    None => rules.iter().next(),
                    Some(r) => rules
                        .range::<&str, _>((
                            std::ops::Bound::Excluded(r.as_str()),
                            std::ops::Bound::Unbounded,
                        ))
                        .next(),
                };
                c.rule = next.map(|r| r.to_string());
            }
            c.list = Selection::new(c.shown().len());
            app.status = format!(
                "{} of {} findings · severity: {} · rule: {}",
                crate::text::thousands(c.shown().len()),
                crate::text::thousands(c.findings.len()),
                c.severity.map_or("all", |s| match s {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                }),
                c.rule.as_deref().unwrap_or("all")
            );
            vec![]
        }
        Action::ToggleOpenOnly => {
            app.checks.open_only = !app.checks.open_only;
            app.checks.list.resize(app.checks.shown().len());
            app.status = if app.checks.open_only {
                "open findings only (o: all)".into()
            } else {
                "all findings (o: open only)".into()
            };
            vec![]
        }
        Action::CycleReview => {
            let Some(i) = selected else { return vec![] };
            let f = &mut app.checks.findings[i];
            f.review = f.review.next();
            let review = f.review_as(f.review, &f.note);
            let id = f.id.clone();
            // A reviewed finding leaves the open-only list.
            app.checks.list.resize(app.checks.shown().len());
            vec![Effect::SaveReview { id, review }]
        }
        Action::Mark => {
            let id = finding.and_then(|f| f.body_id.clone());
            toggle_mark(app, id)
        }
        Action::Open => match finding.cloned() {
            Some(f) => {
                let pending = PendingReport {
                    flags: f.finding.keys.into_iter().collect(),
                    ..PendingReport::default()
                };
                open_report(app, f.source, pending)
            }
            None => vec![],
        },
        Action::Copy => copy(finding.map(|f| {
            format!(
                "{} {} {} {}",
                f.source,
                f.year.unwrap_or(0),
                f.finding.rule,
                f.finding.message
            )
        })),
        _ => vec![],
    }
}

// ---- Report ----

fn report(app: &mut App, action: Action) -> Vec<Effect> {
    // Enter leaves the find box; n/N then move between its matches.
    if app.typing && matches!(action, Action::Open) {
        app.typing = false;
        return vec![];
    }
    let page = app.page.max(1);
    let Some(r) = &mut app.report.view else {
        return vec![];
    };
    let last = r.lines.len().saturating_sub(1);
    // The cursor moves; the view follows it so that it stays on screen.
    let to = |cursor: usize, r: &mut ReportView| {
        r.cursor = cursor.min(last);
        if r.cursor < r.top {
            r.top = r.cursor;
        } else if r.cursor >= r.top + page {
            r.top = r.cursor + 1 - page;
        }
    };
    match action {
        Action::Up => to(r.cursor.saturating_sub(1), r),
        Action::Down => to(r.cursor + 1, r),
        Action::PageUp => {
            r.top = r.top.saturating_sub(page);
            to(r.cursor.saturating_sub(page), r)
        }
        Action::PageDown => {
            r.top = (r.top + page).min(last.saturating_sub(page - 1));
            to(r.cursor + page, r)
        }
        Action::Top => to(0, r),
        // The last line at the bottom of the screen, not alone at the top.
        Action::Bottom => to(last, r),
        // Across a table's columns: the cursor's row's, else the widest
        // table's; every table scrolls with it.
        Action::Left | Action::Right | Action::FirstColumn | Action::LastColumn => {
            let columns = |l: &ReportLine| match l {
                ReportLine::Row { cells, .. } => cells.len().saturating_sub(1),
                _ => 0,
            };
            let cols = match r.lines.get(r.cursor) {
                Some(l @ ReportLine::Row { .. }) => columns(l),
                _ => r.lines.iter().map(columns).max().unwrap_or(0),
            }
            .max(1);
            r.col = match action {
                Action::Left => r.col.saturating_sub(1),
                Action::Right => r.col + 1,
                Action::FirstColumn => 1,
                _ => cols,
            }
            .clamp(1, cols);
        }
        Action::Mark => {
            let id = r.report.body_id.clone();
            return toggle_mark(app, id);
        }
        // The cursor's line: a table row copies (and exports) its table.
        Action::Copy => {
            return copy(
                r.lines
                    .get(r.cursor)
                    .and_then(|l| report_view::copy_text(l, &r.tables)),
            )
        }
        Action::ExportCsv => {
            let Some(line) = r.lines.get(r.cursor) else {
                return vec![];
            };
            let table = match line {
                ReportLine::Row { table, .. } => *table,
                _ => 0,
            };
            // Named by body, year and table; each row says whose it is.
            let body = r.report.body.clone().unwrap_or_else(|| "未署名".into());
            let year = r.report.year.map_or(String::new(), |y| y.to_string());
            let source = r.report.source.clone();
            return export(r.tables.get(table).map(|(name, rows)| {
                let rows = rows
                    .iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let lead = if i == 0 {
                            ["body".to_string(), "year".to_string(), "source".to_string()]
                        } else {
                            [body.clone(), year.clone(), source.clone()]
                        };
                        lead.into_iter().chain(row.iter().cloned()).collect()
                    })
                    .collect();
                (format!("{body}-{year}-{name}"), rows)
            }));
        }
        _ => {}
    }
    vec![]
}

/// n/N: the next (previous) line with a hit, round to the first (last).
/// The find box's text becomes what the report marks and n/N move between;
/// the cursor goes to its first match at or after it.
fn find_in_report(report: &mut ReportState) {
    let Some(r) = &mut report.view else { return };
    let text = report.find.text().trim().to_string();
    r.needles = if text.is_empty() {
        Vec::new()
    } else {
        vec![text]
    };
    r.hit_lines = report_view::hit_lines(&r.lines, &r.needles);
    if let Some(&l) = r
        .hit_lines
        .iter()
        .find(|&&l| l >= r.cursor)
        .or(r.hit_lines.first())
    {
        r.cursor = l;
        r.top = l.saturating_sub(2);
    }
}

fn next_hit(report: &mut ReportState, forward: bool) -> Vec<Effect> {
    if let Some(r) = &mut report.view {
        let next = if forward {
            r.hit_lines
                .iter()
                .find(|l| **l > r.cursor)
                .or(r.hit_lines.first())
        } else {
            r.hit_lines
                .iter()
                .rev()
                .find(|l| **l < r.cursor)
                .or(r.hit_lines.last())
        };
        if let Some(l) = next {
            r.cursor = *l;
            // Two lines of context above the hit.
            r.top = l.saturating_sub(2);
        }
    }
    vec![]
}

fn report_loaded(app: &mut App, result: Result<Box<Report>, String>) -> Vec<Effect> {
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            app.status = e;
            return vec![];
        }
    };
    let PendingReport {
        needles,
        section,
        flags,
    } = std::mem::take(&mut app.report.pending);
    let (lines, tables) = report_view::report_lines(&report, &flags);
    let hit_lines = report_view::hit_lines(&lines, &needles);
    // Start at the first match in the hit's section, else the first match.
    let section_start = section.and_then(|n| report_view::section_start(&lines, n));
    let first_hit = section_start
        .and_then(|s| hit_lines.iter().find(|h| **h >= s).copied())
        .or(hit_lines.first().copied());
    let top = first_hit.map_or(0, |h| h.saturating_sub(2));
    app.status = format!(
        "{} · {}",
        report.source,
        crate::text::plural(hit_lines.len(), "hit", "hits")
    );
    app.report.view = Some(ReportView {
        report: *report,
        cursor: first_hit.unwrap_or(0),
        col: 1,
        lines,
        top,
        needles,
        hit_lines,
        flagged_keys: flags,
        tables,
    });
    goto(app, Screen::Report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_sets_the_page_size_and_the_status_through_actions() {
        let mut app = App::new();
        app.screen = Screen::Checks;
        app.checks.list = Selection::new(50);
        update(&mut app, Action::PageSize(7));
        assert_eq!(app.page, 7);
        update(&mut app, Action::PageDown);
        assert_eq!(app.checks.list.selected, 7);
        update(&mut app, Action::Status("copied 3 characters".into()));
        assert_eq!(app.status, "copied 3 characters");
        assert!(update(&mut app, Action::Resize).is_empty());
    }

    fn hits(n: usize) -> Vec<Hit> {
        (0..n)
            .map(|i| Hit {
                body: None,
                body_id: None,
                year: Some(2023),
                section: 1,
                section_title: String::new(),
                score: 1.0,
                snippet: crate::index::snippet::Snippet {
                    text: String::new(),
                    marks: Vec::new(),
                },
                source: format!("r{i}.txt"),
            })
            .collect()
    }

    #[test]
    fn the_hit_list_fetches_more_near_its_end_and_keeps_the_selection() {
        let mut app = App::new();
        app.typing = false;
        app.screen = Screen::Search;
        app.page = 20;
        app.search.query.insert('税');
        let [Effect::Search {
            generation, limit, ..
        }] = search_effect(&mut app.search)[..]
        else {
            panic!()
        };
        assert_eq!(limit, crate::tui::effects::SEARCH_LIMIT);
        update(
            &mut app,
            Action::SearchDone {
                generation,
                result: Ok((hits(200), 2_011)),
            },
        );
        assert_eq!((app.search.hits.len(), app.search.total), (200, 2_011));
        // Far from the end: nothing more is asked.
        assert!(update(&mut app, Action::Down).is_empty());
        // Near the end: the next hits, the selection kept.
        let effects = update(&mut app, Action::Bottom);
        let [Effect::Search {
            generation, limit, ..
        }] = effects[..]
        else {
            panic!("{effects:?}")
        };
        assert!(limit > 200);
        assert_eq!(app.search.list.selected, 199);
        update(
            &mut app,
            Action::SearchDone {
                generation,
                result: Ok((hits(limit), 2_011)),
            },
        );
        assert_eq!(app.search.list.selected, 199, "the selection stays");
        assert_eq!(app.search.hits.len(), limit);
        // All fetched: no more asked for.
        app.search.total = app.search.hits.len();
        assert!(update(&mut app, Action::Bottom).is_empty());
    }
}
