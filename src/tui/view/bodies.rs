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
