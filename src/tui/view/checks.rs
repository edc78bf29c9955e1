//! Checks: every finding of the corpus, grouped by body and year.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::scroll_offset;
use super::{empty, Ctx};
use crate::corpus::reviews::State;
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
    // Each finding is one row; a body or year change adds a header row above it.
    let offset = scroll_offset(app.checks.list.selected, h.saturating_sub(h / 3).max(1));
    let mut lines: Vec<Line> = Vec::new();
    let mut prev: Option<(&Option<String>, Option<i32>)> = None;
    for (i, f) in shown
        .iter()
        .map(|&j| &app.checks.findings[j])
        .enumerate()
        .skip(offset)
    {
        if lines.len() >= h {
            break;
        }
        if prev.map(|p| p.0) != Some(&f.body_id) {
            let name = f.body.as_deref().unwrap_or("(未署名)");
            lines.push(Line::styled(
                truncate_with(
                    &format!("{name}  [{}]", f.body_id.as_deref().unwrap_or("-")),
                    w,
                    ctx.theme.ellipsis(),
                ),
                ctx.theme.heading(),
            ));
        }
        if prev != Some((&f.body_id, f.year)) {
            let y = f.year.map_or("----".to_string(), |y| y.to_string());
            lines.push(Line::styled(
                truncate_with(&format!("  {y}  {}", f.source), w, ctx.theme.ellipsis()),
                ctx.theme.dim(),
            ));
        }
        prev = Some((&f.body_id, f.year));
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
        lines.push(Line::from(vec![
            Span::raw("    "),
            Span::styled(tag, style),
            Span::styled(text, row_style),
        ]));
    }
    lines.truncate(h);
    frame.render_widget(Paragraph::new(lines), area);
}
