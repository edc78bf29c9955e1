//! Rendering: reads `App`, draws one frame. No state changes here.

mod bodies;
mod body;
mod checks;
mod compare;
pub mod grid;
mod help;
mod report;
mod search;
pub mod text;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::keymap;
use super::state::{App, Screen, TABS};
use super::theme::Theme;

/// Everything a screen needs to draw.
pub struct Ctx<'a> {
    pub app: &'a App,
    pub theme: Theme,
    /// Spinner frame.
    pub tick: usize,
}

pub fn render(frame: &mut Frame, ctx: &Ctx) {
    let [tabs, main, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    render_tabs(frame, tabs, ctx);
    match ctx.app.screen {
        Screen::Search => search::render(frame, main, ctx),
        Screen::Bodies => bodies::render(frame, main, ctx),
        Screen::Body => body::render(frame, main, ctx),
        Screen::Compare => compare::render(frame, main, ctx),
        Screen::Checks => checks::render(frame, main, ctx),
        Screen::Report => report::render(frame, main, ctx),
        Screen::Help => help::render(frame, main, ctx),
    }
    render_status(frame, status, ctx);
    render_hints(frame, hints, ctx);
}

fn render_tabs(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let names = [
        "1 搜索 Search",
        "2 机关 Bodies",
        "3 对比 Compare",
        "4 检查 Checks",
    ];
    let current = match ctx.app.screen {
        Screen::Body => Screen::Bodies,
        Screen::Report | Screen::Help => *ctx.app.history.last().unwrap_or(&Screen::Search),
        s => s,
    };
    let mut spans = vec![Span::styled(" xxgk ", ctx.theme.heading())];
    for (name, screen) in names.iter().zip(TABS) {
        let style = if screen == current {
            ctx.theme.selected()
        } else {
            Style::default()
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {name} "), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_status(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let app = ctx.app;
    let busy = app.loaded.is_none() && app.load_error.is_none() || app.search.searching;
    let mut text = String::new();
    if busy {
        text.push(ctx.theme.spinner(ctx.tick));
        text.push(' ');
    }
    if app.status_screen.is_none_or(|s| s == app.screen) {
        text.push_str(&app.status);
    }
    let line = crate::text::truncate_with(&text, area.width as usize, ctx.theme.ellipsis());
    frame.render_widget(Paragraph::new(line).style(ctx.theme.dim()), area);
}

fn render_hints(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let hints = keymap::hints(ctx.app.screen);
    let cost =
        |(keys, help): &(&str, &str)| crate::text::width(keys) + crate::text::width(help) + 3;
    // `? help` and `q quit` always fit: the screen's own hints get the rest.
    let (tail, head): (Vec<_>, Vec<_>) =
        hints.into_iter().partition(|(k, _)| *k == "?" || *k == "q");
    let mut room = (area.width as usize).saturating_sub(tail.iter().map(cost).sum());
    let mut shown = Vec::new();
    for h in head {
        if cost(&h) > room {
            break;
        }
        room -= cost(&h);
        shown.push(h);
    }
    let mut spans = Vec::new();
    for (keys, help) in shown.into_iter().chain(tail) {
        spans.push(Span::styled(keys.to_string(), ctx.theme.key()));
        spans.push(Span::raw(format!(" {help}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A centred message for empty screens: what happened and what to do next.
/// `area` less a margin of `cells` on the left (the previews beside a list).
pub fn inset(area: Rect, cells: u16) -> Rect {
    Rect {
        x: area.x + cells.min(area.width),
        width: area.width.saturating_sub(cells),
        ..area
    }
}

pub fn empty(frame: &mut Frame, area: Rect, lines: &[&str], ctx: &Ctx) {
    let text: Vec<Line> = lines
        .iter()
        .map(|l| Line::styled(l.to_string(), ctx.theme.dim()))
        .collect();
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    let area = Rect {
        y: top,
        height: (lines.len() as u16).min(area.height),
        ..area
    };
    frame.render_widget(Paragraph::new(text).centered(), area);
}
