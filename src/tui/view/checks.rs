//! Checks: every finding of the corpus, grouped by body and year.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::scroll_offset;
use super::{empty, Ctx};
use crate::corpus::reviews::State;
use crate::corpus::rules::Located;
use crate::text::truncate_with;
use xxgk_core::model::Severity;

pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let app = ctx.app;
    let shown = app.checks.shown();
    if shown.is_empty() {
        let msg = if app.loaded.is_none() {
            "Opening the index…"
        } else if app.checks.findings.is_empty() {
            "No findings: every report passes every rule"
        } else {
            "No open findings: every one is confirmed or dismissed (o: show all)"
        };
        empty(frame, area, &[msg], ctx);
        return;
    }
    let h = area.height as usize;
    let w = area.width as usize;
    // Rows: a body or year change adds a header row above a finding. The
    // selected finding's row decides the first row shown, so it stays on screen.
    let headers = |prev: Option<&Located>, f: &Located| -> usize {
        match prev {
            None => 2,
            Some(p) if p.body_id != f.body_id => 2,
            Some(p) if p.year != f.year => 1,
            _ => 0,
        }
    };
    let mut row_of_selected = 0;
    let mut prev: Option<&Located> = None;
    for (i, &j) in shown.iter().enumerate().take(app.checks.list.selected + 1) {
        let f = &app.checks.findings[j];
        row_of_selected += headers(prev, f) + usize::from(i > 0);
        prev = Some(f);
    }
    let first_row = scroll_offset(row_of_selected, h);
    let mut lines: Vec<Line> = Vec::new();
    let mut row = 0usize;
    let mut prev: Option<&Located> = None;
    for (i, f) in shown.iter().map(|&j| &app.checks.findings[j]).enumerate() {
        if lines.len() >= h {
            break;
        }
        let new_body = prev.is_none_or(|p| p.body_id != f.body_id);
        let new_year = new_body || prev.is_some_and(|p| p.year != f.year);
        prev = Some(f);
        let mut push = |line: Line<'static>, lines: &mut Vec<Line<'static>>| {
            if row >= first_row {
                lines.push(line);
            }
            row += 1;
        };
        if new_body {
            let name = f.body.as_deref().unwrap_or("(未署名)");
            push(
                Line::styled(
                    truncate_with(
                        &format!("{name}  [{}]", f.body_id.as_deref().unwrap_or("-")),
                        w,
                        ctx.theme.ellipsis(),
                    ),
                    ctx.theme.heading(),
                ),
                &mut lines,
            );
        }
        if new_year {
            let y = f.year.map_or("----".to_string(), |y| y.to_string());
            push(
                Line::styled(
                    truncate_with(&format!("  {y}  {}", f.source), w, ctx.theme.ellipsis()),
                    ctx.theme.dim(),
                ),
                &mut lines,
            );
        }
        let (tag, style) = match f.finding.severity {
            Severity::Error => ("E", ctx.theme.error()),
            Severity::Warning => ("W", ctx.theme.warning()),
        };
        // Reviewed findings say so first: the state, then the note.
        let review = match f.review {
            State::Open => String::new(),
            state if f.note.is_empty() => format!("[{}] ", state.as_str()),
            state => format!("[{}: {}] ", state.as_str(), f.note),
        };
        let text = truncate_with(
            &format!(" {review}{}  {}", f.finding.rule, f.finding.message),
            w.saturating_sub(5),
            ctx.theme.ellipsis(),
        );
        let row_style = if i == app.checks.list.selected {
            ctx.theme.selected()
        } else {
            Style::default()
        };
        push(
            Line::from(vec![
                Span::raw("    "),
                Span::styled(tag, style),
                Span::styled(text, row_style),
            ]),
            &mut lines,
        );
    }
    lines.truncate(h);
    frame.render_widget(Paragraph::new(lines), area);
}
