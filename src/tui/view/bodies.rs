//! Bodies: the hierarchy with a type-to-filter box; Space marks for compare.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::scroll_offset;
use super::{empty, Ctx};
use crate::corpus::bodies::year_ranges;
use crate::text::{truncate_with, width};

pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let app = ctx.app;
    let [input, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let prompt = "筛选 / ";
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                prompt,
                if app.typing {
                    ctx.theme.heading()
                } else {
                    Style::default()
                },
            ),
            Span::raw(app.bodies.filter.text().to_string()),
            Span::styled(marked_note(app), ctx.theme.dim()),
        ])),
        input,
    );
    if app.typing {
        let x = input.x + (width(prompt) + app.bodies.filter.cursor_column()) as u16;
        frame.set_cursor_position(Position { x, y: input.y });
    }
    let bodies = app.bodies.visible();
    if bodies.is_empty() {
        let msg = if app.loaded.is_none() {
            "Opening the index…"
        } else {
            "No body matches: Esc, then Backspace the filter"
        };
        empty(frame, list, &[msg], ctx);
        return;
    }
    // Wide terminals: the selected body's key figures beside the list.
    let list = if area.width >= crate::tui::state::WIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(list);
        if let Some(n) = bodies.get(app.bodies.list.selected) {
            figures(frame, right, n, ctx);
        }
        left
    } else {
        list
    };
    let h = list.height as usize;
    let offset = scroll_offset(app.bodies.list.selected, h);
    let w = list.width as usize;
    let sep = ctx.theme.separator();
    let lines: Vec<Line> = bodies
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(i, n)| {
            let mark = if app.marked.contains(&n.info.id) {
                ctx.theme.mark()
            } else {
                " "
            };
            let place = if n.parents.is_empty() {
                String::new()
            } else {
                n.parents.join(sep) + sep
            };
            let gaps = if n.missing.is_empty() {
                String::new()
            } else {
                format!("  lacks {}", n.missing.len())
            };
            let text = format!(
                "{mark} {place}{}  {}{gaps}",
                n.unit,
                year_ranges(&n.info.years)
            );
            let style = if i == app.bodies.list.selected && !app.typing {
                ctx.theme.selected()
            } else {
                Style::default()
            };
            Line::styled(truncate_with(&text, w, ctx.theme.ellipsis()), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

/// How many bodies are marked, and how many of them the filter hides (`x` clears them).
fn marked_note(app: &crate::tui::state::App) -> String {
    if app.marked.is_empty() {
        return "   0 marked".into();
    }
    let visible: std::collections::HashSet<&str> = app
        .bodies
        .visible()
        .iter()
        .map(|n| n.info.id.as_str())
        .collect();
    let hidden = app
        .marked
        .iter()
        .filter(|id| !visible.contains(id.as_str()))
        .count();
    if hidden > 0 {
        format!(
            "   {} marked ({hidden} hidden by the filter) · x clears",
            app.marked.len()
        )
    } else {
        format!("   {} marked · x clears", app.marked.len())
    }
}

/// Metrics the bodies preview shows, in this order (the body page has them all).
const KEY_FIGURES: &[&str] = &[
    "received",
    "granted",
    "partially_granted",
    "denied",
    "processed",
    "reviews",
    "reviews_corrected",
    "lawsuits",
    "lawsuits_corrected",
];

/// Years of figures the preview shows: the latest ones.
const FIGURE_YEARS: usize = 3;

/// The selected body at a glance: where it is, its years and files, and
/// its key figures in its latest years (the body page has the rest).
fn figures(frame: &mut Frame, area: Rect, n: &crate::corpus::bodies::Node, ctx: &Ctx) {
    let w = area.width.saturating_sub(2) as usize;
    let dim = ctx.theme.dim();
    let cut = |s: &str| truncate_with(s, w, ctx.theme.ellipsis());
    let mut lines = vec![
        Line::styled(cut(n.info.name()), ctx.theme.heading()),
        Line::styled(cut(&n.info.id), dim),
        Line::raw(cut(&format!(
            "{} years: {} · {} files",
            n.info.years.len(),
            year_ranges(&n.info.years),
            n.info.sources.len()
        ))),
    ];
    if !n.missing.is_empty() {
        let missing: std::collections::BTreeSet<i32> = n.missing.iter().copied().collect();
        lines.push(Line::raw(cut(&format!(
            "lacks {} (its siblings have them)",
            year_ranges(&missing)
        ))));
    }
    if let Some(why) = &n.local {
        lines.push(Line::styled(cut(&format!("未定位: {why}")), dim));
    }
    lines.push(Line::raw(""));
    match ctx.app.bodies.figures.for_key(&n.info.id) {
        None => lines.push(Line::styled("reading its reports…", dim)),
        Some(Err(e)) => lines.push(Line::styled(cut(e), dim)),
        Some(Ok(t)) => {
            let take = t.years.len().min(FIGURE_YEARS);
            let first = t.years.len() - take;
            let rows: Vec<_> = KEY_FIGURES
                .iter()
                .filter_map(|k| t.rows.iter().find(|r| r.key == *k))
                .collect();
            let label_w = rows.iter().map(|r| width(r.label)).max().unwrap_or(4) + 1;
            let col_w = |i: usize| {
                rows.iter()
                    .map(|r| width(&r.cells[i].to_string()))
                    .chain([4])
                    .max()
                    .unwrap_or(4)
                    + 2
            };
            let mut head = crate::text::pad_right("", label_w);
            for i in first..t.years.len() {
                head.push_str(&crate::text::pad_left(&t.years[i].to_string(), col_w(i)));
            }
            lines.push(Line::styled(cut(&head), dim));
            for r in &rows {
                let mut s = crate::text::pad_right(r.label, label_w);
                for i in first..t.years.len() {
                    s.push_str(&crate::text::pad_left(&r.cells[i].to_string(), col_w(i)));
                }
                lines.push(Line::raw(cut(&s)));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                cut("Enter: every year and metric · n/a: not in that template · -: blank"),
                dim,
            ));
        }
    }
    lines.truncate(area.height as usize);
    frame.render_widget(Paragraph::new(lines), super::inset(area, 2));
}
