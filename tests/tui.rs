//! The browser without a terminal: state updates as plain functions, and every
//! screen drawn on ratatui's TestBackend and snapshotted (80×24 and 120×40),
//! one of them in colour with its styles.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use ratatui::backend::TestBackend;
use ratatui::buffer::CellWidth;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use xxgk::corpus::{aliases::Aliases, Corpus};
use xxgk::index::ingest::{self, Options};
use xxgk::index::search::{self, Request};
use xxgk::index::source::Source;
use xxgk::index::Store;
use xxgk::text::width;
use xxgk::tui::action::{Action, Effect};
use xxgk::tui::effects::{self, Job, Task};
use xxgk::tui::report_view::ReportLine;
use xxgk::tui::state::{App, Loaded, Screen};
use xxgk::tui::theme::Theme;
use xxgk::tui::update::update;
use xxgk::tui::view::{self, Ctx};

/// The bundled samples, indexed on one thread (deterministic order).
fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_for_writing(dir.path()).unwrap();
    let sources: Vec<Source> = xxgk::samples::SAMPLES
        .iter()
        .map(|(n, b)| Source::Bundled(format!("sample-data/{n}"), b))
        .collect();
    let opts = Options {
        threads: 1,
        ..Options::default()
    };
    ingest::index(&store, &sources, &opts, &|_, _| {}).unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

fn loaded_app(store: &Store) -> App {
    let mut app = App::new();
    let corpus = Corpus::new(store.reports().unwrap(), &Aliases::default());
    update(
        &mut app,
        Action::Loaded(Ok(Box::new(Loaded {
            corpus: Arc::new(corpus),
            index_dir: "test-index".into(),
            reviews: Default::default(),
        }))),
    );
    app
}

/// What the worker answers to `effect`, as the runtime has it done.
fn answer(app: &App, store: &Store, effect: Effect) -> Action {
    let Some(Task::Job(job)) = effects::task(effect.clone(), app) else {
        panic!("not a job for the worker: {effect:?}")
    };
    effects::answer(job, Some(store), Path::new("test-index"))
}

/// `update`, then what the worker does for the corpus effects (a body's trend,
/// a comparison), answered back as the runtime does. Returns the other effects.
fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let mut rest = Vec::new();
    for effect in update(app, action) {
        match effects::task(effect.clone(), app) {
            Some(Task::Job(
                job @ (Job::Trend { .. } | Job::Compare { .. } | Job::Figures { .. }),
            )) => {
                // These read the corpus, not the index.
                let answer = effects::answer(job, None, Path::new("no-index"));
                rest.extend(act(app, answer));
            }
            _ => rest.push(effect),
        }
    }
    rest
}

/// Types `text` and answers the resulting search as the worker would.
fn type_query(app: &mut App, store: &Store, text: &str) {
    let mut last = None;
    for c in text.chars() {
        last = act(app, Action::Input(c)).into_iter().last();
    }
    if let Some(effect @ Effect::Search { .. }) = last {
        let hits = answer(app, store, effect);
        update(app, hits);
    }
}

/// Answers the report asked for in `effects` as the worker would.
fn open_report(app: &mut App, store: &Store, effects: Vec<Effect>) {
    let Some(effect @ Effect::LoadReport { .. }) = effects.into_iter().next() else {
        panic!("no report requested")
    };
    let report = answer(app, store, effect);
    assert!(matches!(report, Action::ReportLoaded(Ok(_))), "{report:?}");
    act(app, report);
}

/// Opens seed 000 (2023) as the Checks screen does: its requests.balance finding.
fn open_seed_000(app: &mut App, store: &Store) {
    act(app, Action::Goto(Screen::Checks));
    act(app, Action::Down);
    let effects = act(app, Action::Open);
    open_report(app, store, effects);
}

/// Moves the report's cursor to line `row`, key by key, from the top.
fn cursor_to(app: &mut App, row: usize) {
    act(app, Action::Top);
    for _ in 0..row {
        act(app, Action::Down);
    }
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    draw_with(
        app,
        w,
        h,
        Theme {
            color: false,
            ascii: false,
        },
    )
}

fn draw_with(app: &App, w: u16, h: u16, theme: Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        view::render(
            f,
            &Ctx {
                app,
                theme,
                tick: 0,
            },
        )
    })
    .unwrap();
    t
}

/// The screen with its styles: each row's text, then the runs of its cells
/// not in the default style, as `from..to fg on bg +MODIFIERS` (columns; a
/// wide character's second cell goes with the character).
fn styled(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let describe = |c: &ratatui::buffer::Cell| {
        let mut d = Vec::new();
        if c.fg != Color::Reset {
            d.push(format!("{:?}", c.fg));
        }
        if c.bg != Color::Reset {
            d.push(format!("on {:?}", c.bg));
        }
        if !c.modifier.is_empty() {
            d.push(format!("+{:?}", c.modifier));
        }
        d.join(" ")
    };
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut text = String::new();
        // (from, to, style) of each run of cells in one style.
        let mut runs: Vec<(u16, u16, String)> = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let c = &buf[(x, y)];
            let w = c.cell_width().max(1);
            text.push_str(c.symbol());
            let style = describe(c);
            match runs.last_mut() {
                Some((_, to, s)) if *s == style => *to = x + w,
                _ => runs.push((x, x + w, style)),
            }
            x += w;
        }
        out.push_str(format!("{y:>2} {}", text.trim_end()).trim_end());
        out.push('\n');
        let runs: Vec<String> = runs
            .into_iter()
            .filter(|(_, _, s)| !s.is_empty())
            .map(|(from, to, s)| format!("{from}..{to} {s}"))
            .collect();
        if !runs.is_empty() {
            out.push_str(&format!("   {}\n", runs.join(", ")));
        }
    }
    out
}

fn snap(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        let t = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn typing_searches_and_the_newest_query_wins() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    assert!(app.typing, "the query box has the focus at start");
    let e1 = act(&mut app, Action::Input('行'));
    let e2 = act(&mut app, Action::Input('政'));
    let (g1, g2) = match (&e1[..], &e2[..]) {
        (
            [Effect::Search { generation: a, .. }],
            [Effect::Search {
                generation: b,
                query,
                ..
            }],
        ) => {
            assert_eq!(query, "行政");
            (*a, *b)
        }
        other => panic!("{other:?}"),
    };
    assert!(g2 > g1);
    // A late answer to the older query is dropped.
    update(
        &mut app,
        Action::SearchDone {
            generation: g1,
            result: Ok((vec![], 0)),
        },
    );
    assert!(app.search.searching, "still waiting for the newest");
    let hits = search::search(
        &store,
        &Request {
            query: "行政".into(),
            limit: 50,
            ..Default::default()
        },
    )
    .unwrap();
    let n = hits.len();
    update(
        &mut app,
        Action::SearchDone {
            generation: g2,
            result: Ok((hits, n)),
        },
    );
    assert!(!app.search.searching);
    assert_eq!(app.search.hits.len(), n);
    // Backspace re-searches; clearing the box clears the hits.
    assert!(!act(&mut app, Action::Backspace).is_empty());
    assert!(act(&mut app, Action::Backspace).is_empty());
    assert!(app.search.hits.is_empty());
}

#[test]
fn opening_a_hit_shows_the_report_with_hits_and_n_moves_between_them() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    type_query(&mut app, &store, "行政复议");
    assert!(!app.search.hits.is_empty());
    act(&mut app, Action::Down);
    assert!(!app.typing, "Down moves from the box to the list");
    act(&mut app, Action::Down);
    let effects = act(&mut app, Action::Open);
    open_report(&mut app, &store, effects);
    assert_eq!(app.screen, Screen::Report);
    let r = app.report.view.as_ref().unwrap();
    assert!(!r.hit_lines.is_empty());
    assert_eq!(r.needles, ["行政复议"]);
    let first = r.top;
    act(&mut app, Action::NextHit);
    let after = app.report.view.as_ref().unwrap().top;
    assert!(after != first || app.report.view.as_ref().unwrap().hit_lines.len() == 1);
    act(&mut app, Action::PrevHit);
    act(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Search);
}

#[test]
fn a_hit_opens_at_its_own_section_and_space_marks_its_body() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    type_query(&mut app, &store, "规范化监管日臻完善");
    assert_eq!(app.search.hits.len(), 1);
    assert_eq!(app.search.hits[0].section, 1);
    act(&mut app, Action::Down);
    act(&mut app, Action::Mark);
    assert!(app.marked.contains("吉林省/长春市/二道区/人民政府"));
    let effects = act(&mut app, Action::Open);
    open_report(&mut app, &store, effects);
    let r = app.report.view.as_ref().unwrap();
    let heading = r
        .lines
        .iter()
        .position(|l| matches!(l, ReportLine::Heading(h) if h.starts_with("1 ")))
        .unwrap();
    assert!(
        r.top >= heading.saturating_sub(2),
        "the view starts in section 1"
    );
    let shown = &r.lines[r.top..(r.top + 3).min(r.lines.len())];
    assert!(
        shown
            .iter()
            .any(|l| matches!(l, ReportLine::Text(t) if t.contains("规范化监管日臻完善"))),
        "{shown:?}"
    );
}

#[test]
fn screens_cycle_bodies_mark_and_compare() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    act(&mut app, Action::Back); // leave the query box
    act(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Bodies);
    assert_eq!(app.bodies.visible().len(), 3);
    act(&mut app, Action::Mark);
    act(&mut app, Action::Down);
    act(&mut app, Action::Mark);
    assert_eq!(app.marked.len(), 2);
    // Type-to-filter.
    act(&mut app, Action::Focus);
    for c in "二道".chars() {
        act(&mut app, Action::Input(c));
    }
    assert_eq!(app.bodies.visible().len(), 1);
    act(&mut app, Action::Back);
    act(&mut app, Action::Open);
    assert_eq!(app.screen, Screen::Body);
    assert_eq!(app.body.trend.as_ref().unwrap().years, [2017, 2023]);
    // Enter on a year opens that report.
    let effects = act(&mut app, Action::Open);
    assert!(matches!(&effects[..], [Effect::LoadReport { source }] if source.contains("000_")));
    act(&mut app, Action::Goto(Screen::Compare));
    let c = app
        .compare
        .comparison
        .as_ref()
        .expect("two marked bodies compare");
    assert_eq!(c.bodies.len(), 2);
    act(&mut app, Action::Quit);
    assert!(app.quit);
}

#[test]
fn checks_open_the_report_with_the_offending_cells_flagged() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    act(&mut app, Action::Goto(Screen::Checks));
    assert_eq!(app.checks.findings.len(), 6);
    // The third finding is seed 000's requests.balance.
    act(&mut app, Action::Down);
    let effects = act(&mut app, Action::Open);
    let flagged_before = app.report.pending.flags.clone();
    assert!(
        flagged_before.iter().any(|k| k.starts_with("requests.")),
        "{flagged_before:?}"
    );
    open_report(&mut app, &store, effects);
    let r = app.report.view.as_ref().unwrap();
    let flagged_rows = r
        .lines
        .iter()
        .filter(|l| matches!(l, ReportLine::Row { flagged, .. } if !flagged.is_empty()))
        .count();
    assert!(flagged_rows >= 2, "{flagged_rows}");
    // The view flags the finding's own keys, no more and no fewer.
    let finding = &app.checks.findings[app.checks.list.selected];
    let keys: HashSet<String> = finding.finding.keys.iter().cloned().collect();
    assert_eq!(r.flagged_keys, keys);
    assert_eq!(r.flagged_keys, flagged_before);
    // Tables 3 and 4 have the template's short column headers.
    let header = |name: &str| {
        r.tables
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, rows)| rows[0].clone())
    };
    assert_eq!(
        header("table3").unwrap(),
        [
            "表三",
            "自然人",
            "商业",
            "科研",
            "公益",
            "法律",
            "其他",
            "总计"
        ]
    );
    assert_eq!(
        header("table4").unwrap(),
        ["表四", "维持", "纠正", "其他", "未审结", "总计"]
    );
}

#[test]
fn copy_and_csv_effects() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    act(&mut app, Action::Goto(Screen::Bodies));
    act(&mut app, Action::Open);
    match &act(&mut app, Action::ExportCsv)[..] {
        [Effect::WriteCsv { name, csv }] => {
            assert!(name.starts_with("trend-"));
            assert!(csv.starts_with("指标,2017,2023"));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(&act(&mut app, Action::Copy)[..], [Effect::Copy(t)] if t.contains("收到申请"))
    );
}

#[test]
fn query_cursor_sits_after_chinese_characters() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    for c in "行政".chars() {
        act(&mut app, Action::Input(c));
    }
    let mut t = draw(&app, 80, 24);
    // "搜索 / " is 7 cells, 行政 4 more.
    t.backend_mut().assert_cursor_position((11, 1));
}

#[test]
fn snapshots_of_every_screen() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    snap("search_empty", &app);
    type_query(&mut app, &store, "行政复议");
    snap("search_hits", &app);
    act(&mut app, Action::Down);
    let effects = act(&mut app, Action::Open);
    open_report(&mut app, &store, effects);
    snap("report", &app);
    act(&mut app, Action::Goto(Screen::Bodies));
    act(&mut app, Action::Mark);
    act(&mut app, Action::Down);
    act(&mut app, Action::Mark);
    snap("bodies", &app);
    act(&mut app, Action::Up);
    act(&mut app, Action::Open);
    snap("body", &app);
    act(&mut app, Action::Goto(Screen::Compare));
    snap("compare", &app);
    act(&mut app, Action::Goto(Screen::Checks));
    snap("checks", &app);
    act(&mut app, Action::Help);
    snap("help", &app);
}

#[test]
fn snapshot_in_colour_keeps_the_styles() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    type_query(&mut app, &store, "行政复议");
    act(&mut app, Action::Down);
    act(&mut app, Action::Down);
    assert_eq!(app.search.list.selected, 1);
    let t = draw_with(&app, 80, 24, Theme::default());
    // The selected hit's head is reversed and bold, whatever the snapshot says.
    let buf = t.backend().buffer();
    let selected_row = (0..buf.area.height)
        .find(|y| buf[(0, *y)].modifier.contains(Modifier::REVERSED))
        .expect("a reversed row");
    assert!(buf[(0, selected_row)].modifier.contains(Modifier::BOLD));
    insta::assert_snapshot!("search_hits_colour_80x24", styled(&t));
}

#[test]
fn an_empty_index_says_what_to_do() {
    let mut app = App::new();
    update(
        &mut app,
        Action::Loaded(Err("no index at /x: run `xxgk index PATH…` first".into())),
    );
    let t = draw(&app, 80, 24);
    let text = t.backend().to_string();
    assert!(text.contains("xxgk index PATH"), "{text}");
}

#[test]
fn a_body_page_is_read_by_the_worker_and_late_answers_are_dropped() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    update(&mut app, Action::Goto(Screen::Bodies));
    // Enter asks for the trend; the list stays until it arrives.
    let effects = update(&mut app, Action::Open);
    let [Effect::LoadTrend { body_id }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(app.screen, Screen::Bodies);
    let body_id = body_id.clone();
    let corpus = app.loaded.as_ref().unwrap().corpus.clone();
    let answer = || effects::trend_loaded(&corpus, body_id.clone());
    // The user left before it came: it is not shown.
    update(&mut app, Action::Goto(Screen::Checks));
    update(&mut app, answer());
    assert_eq!(app.screen, Screen::Checks);
    assert!(app.body.trend.is_none());
    // Asked again and answered: the body page opens.
    update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Bodies);
    update(&mut app, Action::Open);
    update(&mut app, answer());
    assert_eq!(app.screen, Screen::Body);
    assert_eq!(app.body.trend.as_ref().unwrap().body_id, body_id);
    // An answer nobody waits for any more changes nothing.
    update(&mut app, Action::Back);
    update(&mut app, answer());
    assert_eq!(app.screen, Screen::Bodies);

    // A comparison for marks that have changed since is dropped.
    act(&mut app, Action::Mark);
    act(&mut app, Action::Down);
    act(&mut app, Action::Mark);
    let effects = update(&mut app, Action::Goto(Screen::Compare));
    let [Effect::LoadComparison { ids, year }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(ids.len(), 2);
    let stale = effects::comparison_loaded(&corpus, ids.clone(), *year);
    app.marked.clear();
    update(&mut app, stale);
    assert!(app.compare.comparison.is_none());
}

#[test]
fn checks_review_a_finding_and_show_only_open_ones() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    act(&mut app, Action::Goto(Screen::Checks));
    assert_eq!(app.checks.shown().len(), 6);
    act(&mut app, Action::Down);
    let id = app.checks.findings[1].id.clone();
    // r: confirmed, then dismissed, each saved in the index folder's file.
    let effects = act(&mut app, Action::CycleReview);
    let [Effect::SaveReview { id: saved, review }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (saved, review.state),
        (&id, xxgk::corpus::reviews::State::Confirmed)
    );
    assert_eq!(review.rule, app.checks.findings[1].finding.rule);
    act(&mut app, Action::CycleReview);
    assert_eq!(
        app.checks.findings[1].review,
        xxgk::corpus::reviews::State::Dismissed
    );
    // o: open only — the reviewed finding leaves the list; the view says so.
    act(&mut app, Action::ToggleOpenOnly);
    assert_eq!(app.checks.shown().len(), 5);
    assert!(!app.checks.shown().contains(&1));
    act(&mut app, Action::ToggleOpenOnly);
    let screen = format!("{:?}", draw(&app, 120, 40).backend().buffer());
    assert!(screen.contains("dismissed"), "the state is shown");
    // The effect writes the file where the runtime would.
    let dir = tempfile::tempdir().unwrap();
    let Action::Status(s) = effects::save_review(dir.path(), &id, review.clone()) else {
        panic!()
    };
    assert!(s.contains("confirmed"), "{s}");
    let saved = xxgk::corpus::reviews::Reviews::load(dir.path()).unwrap();
    assert_eq!(saved.state(&id), xxgk::corpus::reviews::State::Confirmed);
    // The keys: r and o act on the Checks screen only.
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert!(matches!(
        xxgk::tui::keymap::map(key('r'), Screen::Checks, false),
        Some(Action::CycleReview)
    ));
    assert!(xxgk::tui::keymap::map(key('o'), Screen::Bodies, false).is_none());
}

#[test]
fn the_cell_under_the_cursor_shows_where_it_was_read() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    // Seed 000 (2023) through the checks screen: its requests.balance finding.
    open_seed_000(&mut app, &store);
    let view = app.report.view.as_ref().unwrap();
    assert!(
        !view.report.evidence.is_empty(),
        "evidence is read from the index"
    );
    let row = view
        .lines
        .iter()
        .position(|l| {
            matches!(l, ReportLine::Row { keys, .. }
                if keys.get(1).and_then(|k| k.as_deref()) == Some("requests.new_received.natural_person"))
        })
        .unwrap();
    cursor_to(&mut app, row);
    let view = app.report.view.as_ref().unwrap();
    assert_eq!(view.cursor, row);
    assert!(
        view.top <= row && row < view.top + app.page.max(1),
        "the cursor stays on screen"
    );
    let line = view.evidence_line().unwrap();
    assert!(
        line.starts_with("requests.new_received.natural_person 来源 第 "),
        "{line}"
    );
    assert!(line.contains("344"), "{line}");
    // → moves to the next column; the footer follows.
    act(&mut app, Action::Right);
    let line = app.report.view.as_ref().unwrap().evidence_line().unwrap();
    assert!(
        line.starts_with("requests.new_received.commercial"),
        "{line}"
    );
    let screen = format!("{:?}", draw(&app, 80, 24).backend().buffer());
    assert!(screen.contains("来"), "the footer is drawn");
    // G: the last line at the bottom of the screen.
    act(&mut app, Action::Bottom);
    let view = app.report.view.as_ref().unwrap();
    assert_eq!(view.cursor, view.lines.len() - 1);
    assert!(view.top + app.page.max(1) > view.cursor && view.top > 0);
}

/// The rows of the drawn screen as text (wide characters once).
fn screen_rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < buf.area.width {
                let symbol = buf[(x, y)].symbol();
                row.push_str(symbol);
                // A wide character covers the next cell too.
                x += (width(symbol) as u16).max(1);
            }
            row
        })
        .collect()
}

#[test]
fn table_3_at_80_columns_scrolls_and_never_cuts_a_number() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    open_seed_000(&mut app, &store);
    let row = app
        .report
        .view
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .position(|l| matches!(l, ReportLine::Row { cells, .. } if cells[0].contains("本年新收")))
        .unwrap();
    cursor_to(&mut app, row);
    // At 80 columns the seven columns fit whole, 总计 included.
    let rows = screen_rows(&draw(&app, 80, 24));
    let line = rows
        .iter()
        .find(|r| r.contains("本年新收"))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert!(line.contains(" 344 ") && line.contains(" 347 "), "{line}");
    // Narrower, the columns that do not fit are out of view, and said to be.
    let rows = screen_rows(&draw(&app, 44, 24));
    let line = rows.iter().find(|r| r.contains("本年新收")).unwrap();
    assert!(line.contains(" 344 "), "{line}");
    assert!(!line.contains("347"), "总计 is out of view: {line}");
    assert!(
        rows.iter().any(|r| r.contains("表三") && r.contains("▶+")),
        "{rows:#?}"
    );
    // $: the last column, 总计, whole.
    act(&mut app, Action::LastColumn);
    let rows = screen_rows(&draw(&app, 44, 24));
    let line = rows.iter().find(|r| r.contains("本年新收")).unwrap();
    assert!(line.contains(" 347 "), "{line}");
    assert!(
        rows.iter().any(|r| r.contains("表三") && r.contains("◀")),
        "{rows:#?}"
    );
    let footer = app.report.view.as_ref().unwrap().evidence_line().unwrap();
    assert!(
        footer.starts_with("requests.new_received.total"),
        "{footer}"
    );
    // 0: back to the first column. At 120 columns all seven fit.
    act(&mut app, Action::FirstColumn);
    let rows = screen_rows(&draw(&app, 120, 40));
    let line = rows.iter().find(|r| r.contains("本年新收")).unwrap();
    assert!(line.contains(" 344 ") && line.contains(" 347 "), "{line}");
    // Every drawn row of table 3 keeps its numbers whole: each value cell's
    // text appears in the drawn row.
    let view = app.report.view.as_ref().unwrap();
    for l in &view.lines {
        if let ReportLine::Row {
            cells,
            header: false,
            ..
        } = l
        {
            let label = format!("{} ", cells[0]);
            if let Some(drawn) = rows.iter().find(|r| r.starts_with(&label)) {
                for c in &cells[1..] {
                    assert!(drawn.contains(c.as_str()), "{c} in {drawn}");
                }
            }
        }
    }
}

#[test]
fn esc_leaves_a_box_q_closes_help_and_the_status_stays_with_its_screen() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    // A query with no hits: Esc still leaves the box, so 2 switches screens.
    type_query(&mut app, &store, "没有这个词语");
    assert!(app.search.hits.is_empty() && app.typing);
    act(&mut app, Action::Back);
    assert!(!app.typing, "Esc leaves the box even with no hits");
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let two = xxgk::tui::keymap::map(key('2'), app.screen, app.typing).unwrap();
    act(&mut app, two);
    assert_eq!(app.screen, Screen::Bodies);
    assert_eq!(
        app.search.query.text(),
        "没有这个词语",
        "nothing typed into the box"
    );
    // Help: q closes it, it does not quit.
    act(&mut app, Action::Help);
    act(&mut app, Action::Quit);
    assert!(!app.quit && app.screen == Screen::Bodies);
    // A status written on one screen is not shown on another.
    act(&mut app, Action::Mark);
    assert!(app.status.contains("marked"));
    let on = |app: &App| {
        screen_rows(&draw(app, 80, 24))
            .iter()
            .any(|r| r.contains("marked for compare"))
    };
    assert!(on(&app));
    act(&mut app, Action::Goto(Screen::Checks));
    assert!(!on(&app), "the status belongs to the bodies screen");
    act(&mut app, Action::Goto(Screen::Bodies));
    assert!(on(&app));
    // The hint bar always ends with ? help and q quit at 80 columns.
    for s in [
        Screen::Search,
        Screen::Bodies,
        Screen::Checks,
        Screen::Compare,
    ] {
        act(&mut app, Action::Goto(s));
        let rows = screen_rows(&draw(&app, 80, 24));
        let hints = rows.last().unwrap();
        assert!(
            hints.contains("? help") && hints.contains("q quit"),
            "{s:?}: {hints}"
        );
        if s == Screen::Compare {
            assert!(
                !hints.contains("Enter open"),
                "Enter does nothing on Compare"
            );
        }
    }
}

#[test]
fn checks_filter_by_severity_and_rule_and_the_selection_stays_on_screen() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    act(&mut app, Action::Goto(Screen::Checks));
    act(&mut app, Action::CycleSeverity);
    let shown = app.checks.shown();
    assert_eq!(shown.len(), 5, "errors only");
    assert!(app.status.contains("severity: error"), "{}", app.status);
    act(&mut app, Action::CycleSeverity);
    assert_eq!(app.checks.shown().len(), 1, "warnings only");
    act(&mut app, Action::CycleSeverity);
    act(&mut app, Action::CycleRule);
    let rule = app.checks.rule.clone().unwrap();
    assert!(app
        .checks
        .shown()
        .iter()
        .all(|&i| app.checks.findings[i].finding.rule == rule));
    // Through every rule, back to all.
    for _ in 0..10 {
        if app.checks.rule.is_none() {
            break;
        }
        act(&mut app, Action::CycleRule);
    }
    assert!(app.checks.rule.is_none());
    // In a short terminal, the selected finding is always drawn.
    for _ in 0..app.checks.shown().len() {
        let f = &app.checks.findings[app.checks.selected().unwrap()];
        let needle: String = f.finding.message.chars().take(8).collect();
        let rows = screen_rows(&draw(&app, 80, 10));
        assert!(
            rows.iter().any(|r| r.contains(&needle)),
            "{needle}: {rows:#?}"
        );
        act(&mut app, Action::Down);
    }
}

#[test]
fn help_scrolls_to_every_key_at_80x24() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    act(&mut app, Action::Help);
    let all = xxgk::tui::keymap::help_lines();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..all.len() {
        for r in screen_rows(&draw(&app, 80, 24)) {
            seen.insert(r.trim_end().to_string());
        }
        act(&mut app, Action::Down);
    }
    for (keys, help) in all.into_iter().filter_map(|(k, h)| Some((k?, h))) {
        assert!(
            seen.iter().any(|r| r.starts_with(keys) && r.contains(help)),
            "{keys} {help} never shown"
        );
    }
}

#[test]
fn a_report_table_exports_by_body_year_and_table_and_never_overwrites() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    open_seed_000(&mut app, &store);
    let row = app
        .report
        .view
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .position(|l| matches!(l, ReportLine::Row { table, .. } if *table == 1))
        .unwrap();
    cursor_to(&mut app, row);
    let [Effect::WriteCsv { name, csv }] = &act(&mut app, Action::ExportCsv)[..] else {
        panic!()
    };
    assert_eq!(name, "长春市二道区人民政府-2023-table3");
    assert!(csv.starts_with("body,year,source,表三"), "{csv}");
    assert!(csv
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("长春市二道区人民政府,2023,sample-data/000"));
    // Written twice: two files, the full path said each time.
    let dir = tempfile::tempdir().unwrap();
    let first = effects::write_csv_in(dir.path(), name, csv);
    let second = effects::write_csv_in(dir.path(), name, csv);
    let (Action::Status(a), Action::Status(b)) = (first, second) else {
        panic!()
    };
    assert!(a.starts_with("wrote /") && a.ends_with("table3.csv"), "{a}");
    assert!(b.ends_with("table3-2.csv"), "{b}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn the_body_page_reaches_every_year_and_metric_at_80x24_with_gaps_shown() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    // One body with reports 2008–2024 but 2016: seed 000 under other years.
    let seed =
        xxgk_core::read_file(&common_root().join("sample-data/000_6e7f8a5bff4cbb9a.txt")).unwrap();
    let reports: Vec<_> = (2008..=2024)
        .filter(|y| *y != 2016)
        .map(|y| {
            let mut r = seed.clone();
            r.year = Some(y);
            r.source = format!("erdao/{y}.txt");
            r
        })
        .collect();
    let corpus = Corpus::new(reports, &Aliases::default());
    let id = seed.body_id.clone().unwrap();
    app.body.trend = Some(xxgk::corpus::series::trend(&corpus, &id).unwrap());
    app.body.list = xxgk::tui::state::Selection::new(16);
    app.screen = Screen::Body;
    app.page = 10;
    let mut seen_years = std::collections::HashSet::new();
    let mut seen_rows = std::collections::HashSet::new();
    let labels: Vec<&str> = app
        .body
        .trend
        .as_ref()
        .unwrap()
        .rows
        .iter()
        .map(|r| r.label)
        .collect();
    for _ in 0..16 {
        for _ in 0..10 {
            let rows = screen_rows(&draw(&app, 80, 24));
            for r in &rows {
                for y in 2008..=2024 {
                    if r.contains(&y.to_string()) && r.starts_with("指标") {
                        seen_years.insert(y);
                    }
                }
                for l in &labels {
                    if r.starts_with(l) {
                        seen_rows.insert(*l);
                    }
                }
            }
            act(&mut app, Action::PageDown);
        }
        for _ in 0..10 {
            act(&mut app, Action::PageUp);
        }
        act(&mut app, Action::Down);
    }
    assert_eq!(
        seen_years.len(),
        17,
        "every year, the gap included: {seen_years:?}"
    );
    let missing: Vec<_> = labels.iter().filter(|l| !seen_rows.contains(*l)).collect();
    assert!(missing.is_empty(), "every metric: {missing:?}");
    // On 2017: the gap before it is shown, and Δ says it is against 2015.
    app.body.list.selected = 8;
    app.body.table_top = 0;
    let rows = screen_rows(&draw(&app, 80, 24));
    let all = rows.join("\n");
    assert!(all.contains("*2017"), "{all}");
    assert!(
        all.contains("Δ: 2017 against 2015, the report before it (2016 has none)"),
        "{all}"
    );
    assert!(all.contains("—"), "{all}");
}

fn common_root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn compare_moves_through_every_marked_year_and_says_n_a_for_a_body_without_it() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    act(&mut app, Action::Back);
    act(&mut app, Action::Goto(Screen::Bodies));
    act(&mut app, Action::Mark); // 二道区: 2017, 2023
    act(&mut app, Action::Down);
    act(&mut app, Action::Mark); // 鸿城街道: 2023
    act(&mut app, Action::Goto(Screen::Compare));
    assert_eq!(app.compare.year, Some(2023));
    act(&mut app, Action::Left);
    assert_eq!(app.compare.year, Some(2017), "a year only one body has");
    let rows = screen_rows(&draw(&app, 80, 24));
    let all = rows.join("\n");
    assert!(
        all.contains("B = 南关区鸿城街道  [2023]  (no report this year)"),
        "{all}"
    );
    assert!(all.contains("—: no report that year"), "{all}");
    let received = rows.iter().find(|r| r.starts_with("收到申请")).unwrap();
    assert!(
        received.contains("23") && received.contains('—'),
        "{received}"
    );
    assert!(!all.contains("--year"), "no CLI wording in the browser");
}

#[test]
fn r_reads_the_index_again_and_the_screens_follow() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    act(&mut app, Action::Back);
    act(&mut app, Action::Goto(Screen::Checks));
    let effects = act(&mut app, Action::Reload);
    assert_eq!(effects, [Effect::Reload]);
    assert!(matches!(
        effects::task(Effect::Reload, &app),
        Some(Task::Reload)
    ));
    // The loader's answer for an index that now holds one report fewer.
    let mut reports = store.reports().unwrap();
    reports.retain(|r| !r.source.contains("000_"));
    let corpus = Corpus::new(reports, &Aliases::default());
    update(
        &mut app,
        Action::Loaded(Ok(Box::new(Loaded {
            corpus: Arc::new(corpus),
            index_dir: "test-index".into(),
            reviews: Default::default(),
        }))),
    );
    assert_eq!(app.screen, Screen::Checks, "the screen stays");
    assert_eq!(app.checks.findings.len(), 2, "the findings follow");
    assert!(app.status.starts_with("4 reports"), "{}", app.status);
    let dir = tempfile::tempdir().unwrap();
    assert!(effects::index_stamp(dir.path()).is_none());
    assert!(effects::index_stamp(_d.path()).is_some());
}

#[test]
fn the_start_screen_is_an_overview_with_the_sample_bodies() {
    let (_d, store) = store();
    let app = loaded_app(&store);
    let all = screen_rows(&draw(&app, 80, 24)).join("\n");
    assert!(
        all.contains("5 reports · 3 bodies · 1 without a body · 2017–2024"),
        "{all}"
    );
    assert!(all.contains("吉林省 3 bodies: 长春市 3"), "{all}");
    assert!(
        all.contains("长春市二道区人民政府 · 南关区鸿城街道 · 长春高新技术产业开发区"),
        "{all}"
    );
    assert!(
        all.contains("县级") && all.contains("2017"),
        "the years × level strip: {all}"
    );
    assert!(all.contains("latest findings"), "{all}");
    assert!(
        app.typing,
        "the query box is one key away: it has the focus"
    );
}

#[test]
fn hits_per_report_or_per_section() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    type_query(&mut app, &store, "公开");
    let per_section = app.search.rows.len();
    assert!(per_section > 5, "{per_section}");
    // The table-and-heading pseudo-section of a report with another hit is left out.
    let other = xxgk::index::ingest::OTHER_SECTION;
    assert!(app
        .search
        .rows
        .iter()
        .all(|&(i, _)| app.search.hits[i].section != other));
    act(&mut app, Action::TogglePerReport);
    let rows = &app.search.rows;
    assert_eq!(rows.len(), 5, "one line per report");
    let sources: std::collections::HashSet<&str> = rows
        .iter()
        .map(|&(i, _)| app.search.hits[i].source.as_str())
        .collect();
    assert_eq!(sources.len(), 5);
    assert!(rows.iter().any(|&(_, n)| n >= 3));
    act(&mut app, Action::Back);
    let all = screen_rows(&draw(&app, 120, 40)).join("\n");
    assert!(all.contains("sections"), "{all}");
    assert!(all.contains("/ 5 reports shown"), "{all}");
}

#[test]
fn readline_keys_and_query_history_in_the_box() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let alt = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT);
    let map = |app: &App, k| xxgk::tui::keymap::map(k, app.screen, app.typing).unwrap();
    type_query(&mut app, &store, "行政复议 诉讼");
    let a = map(&app, ctrl('w'));
    act(&mut app, a);
    assert_eq!(app.search.query.text(), "行政复议 ");
    let a = map(&app, alt('b'));
    act(&mut app, a);
    assert_eq!(app.search.query.cursor_column(), 0);
    let a = map(&app, ctrl('e'));
    act(&mut app, a);
    let a = map(&app, ctrl('u'));
    act(&mut app, a);
    assert_eq!(app.search.query.text(), "");
    // Out of the box, C-u pages up again.
    assert!(matches!(
        xxgk::tui::keymap::map(ctrl('u'), Screen::Search, false),
        Some(Action::PageUp)
    ));
    // A query that opened a hit comes back with ↑ in an empty box.
    type_query(&mut app, &store, "行政复议");
    act(&mut app, Action::Down);
    let effects = act(&mut app, Action::Open);
    open_report(&mut app, &store, effects);
    act(&mut app, Action::Goto(Screen::Search));
    act(&mut app, Action::Focus);
    let a = map(&app, ctrl('u'));
    act(&mut app, a);
    assert!(app.search.query.text().is_empty());
    let effects = act(&mut app, Action::Up);
    assert_eq!(app.search.query.text(), "行政复议");
    assert!(matches!(&effects[..], [Effect::Search { query, .. }] if query == "行政复议"));
}

#[test]
fn slash_finds_within_a_report() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    open_seed_000(&mut app, &store);
    act(&mut app, Action::Focus);
    assert_eq!(app.screen, Screen::Report, "/ stays in the report");
    assert!(app.typing);
    for c in "政务新媒体".chars() {
        act(&mut app, Action::Input(c));
    }
    let r = app.report.view.as_ref().unwrap();
    assert!(!r.hit_lines.is_empty());
    assert_eq!(r.needles, ["政务新媒体"]);
    assert!(r.hit_lines.contains(&r.cursor), "the cursor is on a match");
    let all = screen_rows(&draw(&app, 80, 24)).join("\n");
    assert!(all.contains("/ 政务新媒体"), "{all}");
    act(&mut app, Action::Open);
    assert!(!app.typing, "Enter leaves the box");
    let first = app.report.view.as_ref().unwrap().cursor;
    act(&mut app, Action::NextHit);
    let r = app.report.view.as_ref().unwrap();
    assert!(r.hit_lines.len() == 1 || r.cursor != first);
    assert!(app.status.starts_with("hit "), "{}", app.status);
}

#[test]
fn a_wide_terminal_previews_the_selected_hit() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    type_query(&mut app, &store, "行政复议");
    act(&mut app, Action::Down);
    let h = app.search.selected_hit().unwrap().clone();
    let rows = screen_rows(&draw(&app, 120, 40));
    // The source appears in the right-hand half only in the preview.
    let shown = rows.iter().any(|r| {
        let right: String = r.chars().skip(60).collect();
        right.contains(h.source.rsplit('/').next().unwrap())
    });
    assert!(shown, "{rows:#?}");
    let narrow = screen_rows(&draw(&app, 80, 24)).join("\n");
    assert!(!narrow.contains(&h.source), "no preview at 80 columns");
}

#[test]
fn marks_hidden_by_the_filter_are_said_and_x_clears_them() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    act(&mut app, Action::Back);
    act(&mut app, Action::Goto(Screen::Bodies));
    act(&mut app, Action::Mark);
    act(&mut app, Action::Down);
    act(&mut app, Action::Mark);
    act(&mut app, Action::Focus);
    for c in "二道".chars() {
        act(&mut app, Action::Input(c));
    }
    act(&mut app, Action::Back);
    let all = screen_rows(&draw(&app, 80, 24)).join("\n");
    assert!(all.contains("2 marked (1 hidden by the filter)"), "{all}");
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let x = xxgk::tui::keymap::map(
        KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE),
        app.screen,
        app.typing,
    )
    .unwrap();
    act(&mut app, x);
    assert!(app.marked.is_empty());
}

#[test]
fn a_wide_terminal_previews_the_whole_section_beside_the_hits() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    act(&mut app, Action::Columns(120));
    type_query(&mut app, &store, "行政复议");
    act(&mut app, Action::Back); // leave the box, on the first hit
    let effects = act(&mut app, Action::Down);
    let h = app.search.selected_hit().unwrap().clone();
    let ask = Effect::LoadSection {
        source: h.source.clone(),
        section: h.section,
    };
    assert_eq!(
        effects,
        std::slice::from_ref(&ask),
        "the selected hit's section is asked for"
    );
    // Asked once: another action on the same selection asks nothing.
    assert!(act(&mut app, Action::Status("x".into())).is_empty());
    let before = screen_rows(&draw(&app, 120, 40)).join("\n");
    assert!(before.contains("reading the section…"), "{before}");
    let answer = answer(&app, &store, ask);
    act(&mut app, answer);
    let Some(Ok(text)) = app.search.preview.for_key(&(h.source.clone(), h.section)) else {
        panic!("no section text: {:?}", app.search.preview)
    };
    assert!(
        text.chars().count() > h.snippet.text.chars().count(),
        "the section is longer than its passage"
    );
    // The right half shows more of the section than the passage holds.
    let rows = screen_rows(&draw(&app, 120, 40));
    let right: String = rows
        .iter()
        .map(|r| r.chars().skip(62).collect::<String>())
        .collect();
    let han = |s: &str| {
        s.chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count()
    };
    assert!(
        han(&right) > han(&h.snippet.text) + 20,
        "{} Han characters shown, the passage has {}",
        han(&right),
        han(&h.snippet.text)
    );
    // A late answer for a section no longer selected is dropped.
    act(
        &mut app,
        Action::SectionLoaded {
            source: "other.txt".into(),
            section: 1,
            result: Ok("old".into()),
        },
    );
    assert!(app
        .search
        .preview
        .for_key(&("other.txt".into(), 1))
        .is_none());
    // Narrow: nothing is asked for.
    act(&mut app, Action::Columns(80));
    assert!(act(&mut app, Action::Down).is_empty());
}

#[test]
fn a_wide_terminal_shows_the_selected_bodys_key_figures() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    act(&mut app, Action::Back);
    act(&mut app, Action::Columns(120));
    // act answers the figures job from the corpus, as the worker would.
    act(&mut app, Action::Goto(Screen::Bodies));
    let id = app.bodies.selected().unwrap().info.id.clone();
    let Some(Ok(trend)) = app.bodies.figures.for_key(&id) else {
        panic!("no figures for {id}: {:?}", app.bodies.figures.pending)
    };
    let received = trend.rows.iter().find(|r| r.key == "received").unwrap();
    let latest = received.cells.last().unwrap().to_string();
    let rows = screen_rows(&draw(&app, 120, 40));
    let line = rows
        .iter()
        .map(|r| r.chars().skip(66).collect::<String>())
        .find(|r| r.trim_start().starts_with("收到申请"))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert!(
        line.trim_end().ends_with(&latest),
        "{line} ends with {latest}"
    );
    let all = rows.join("\n");
    assert!(all.contains(&trend.years.last().unwrap().to_string()));
    assert!(all.contains("Enter: every year and metric"), "{all}");
    snap("bodies_with_figures", &app);
    // Moving on asks for the next body's; at 80 columns there is no pane.
    act(&mut app, Action::Down);
    let next = app.bodies.selected().unwrap().info.id.clone();
    assert!(app.bodies.figures.for_key(&next).is_some());
    let narrow = screen_rows(&draw(&app, 80, 24)).join("\n");
    assert!(!narrow.contains("收到申请"), "{narrow}");
}

#[test]
fn compare_scrolls_its_body_columns_and_never_cuts_a_number() {
    let (_d, store) = store();
    let mut app = loaded_app(&store);
    let seed =
        xxgk_core::read_file(&common_root().join("sample-data/000_6e7f8a5bff4cbb9a.txt")).unwrap();
    // Twelve districts with the same 2023 report: too many columns for 80 cells.
    let reports: Vec<_> = (0..12)
        .map(|i| {
            let mut r = seed.clone();
            r.body = Some(format!("测试{i:02}区人民政府"));
            r.body_id = Some(format!("吉林省/长春市/测试{i:02}区/人民政府"));
            r.source = format!("d{i}/2023.txt");
            r
        })
        .collect();
    let ids: Vec<String> = reports.iter().map(|r| r.body_id.clone().unwrap()).collect();
    let corpus = Corpus::new(reports, &Aliases::default());
    app.loaded = Some(Loaded {
        corpus: Arc::new(corpus),
        index_dir: "test-index".into(),
        reviews: Default::default(),
    });
    app.marked = ids.iter().cloned().collect();
    act(&mut app, Action::Back);
    act(&mut app, Action::Goto(Screen::Compare));
    let c = app.compare.comparison.as_ref().expect("compared");
    assert_eq!(c.bodies.len(), 12);
    let received = c.rows.iter().find(|r| r.key == "received").unwrap().cells[0].to_string();
    let mut letters = std::collections::BTreeSet::new();
    for step in 0..13 {
        let rows = screen_rows(&draw(&app, 80, 24));
        let header = rows.iter().find(|r| r.starts_with("指标")).unwrap();
        for l in 'A'..='L' {
            if header.contains(&format!(" {l} ")) || header.ends_with(&format!(" {l}")) {
                letters.insert(l);
            }
        }
        if step == 0 {
            assert!(header.contains("▶+"), "{header}");
            assert!(!header.contains('◀'), "{header}");
        }
        // Every value column shown holds the whole number.
        let row = rows.iter().find(|r| r.starts_with("收到申请")).unwrap();
        let shown = row.matches(received.as_str()).count();
        assert!(shown >= 2, "{row}");
        for w in row.split_whitespace().skip(1) {
            assert!(
                w.trim_end_matches('*') == received
                    || w == "n/a"
                    || !w.chars().all(|c| c.is_ascii_digit()),
                "a cut number {w:?} in {row}"
            );
        }
        act(&mut app, Action::ColumnRight);
    }
    assert_eq!(letters.len(), 12, "every body reachable: {letters:?}");
    let rows = screen_rows(&draw(&app, 80, 24));
    let header = rows.iter().find(|r| r.starts_with("指标")).unwrap();
    assert!(header.contains('◀') && !header.contains('▶'), "{header}");
    act(&mut app, Action::FirstColumn);
    assert_eq!(app.compare.col, 1);
    act(&mut app, Action::LastColumn);
    assert_eq!(app.compare.col, 12);
}
