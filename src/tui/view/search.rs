//! Search: the query box over the result list (body · year · section, snippet).

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::{marked, scroll_offset};
use super::{empty, Ctx};
use crate::text::{truncate_with, width};

pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let app = ctx.app;
    let [input, filters, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    let prompt = "搜索 / ";
    let box_style = if app.typing {
        ctx.theme.heading()
    } else {
        Style::default()
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt, box_style),
            Span::raw(app.search.query.text().to_string()),
        ])),
        input,
    );
    if app.typing {
        // The real cursor at the display column, so IME composition shows there.
        let x = input.x + (width(prompt) + app.search.query.cursor_column()) as u16;
        frame.set_cursor_position(Position {
            x: x.min(input.right().saturating_sub(1)),
            y: input.y,
        });
    }
    let s = &app.search;
    let count = if s.hits.is_empty() {
        crate::text::plural(s.total, "hit", "hits")
    } else {
        // The selected hit's place among all of them.
        format!(
            "{} / {}",
            crate::text::thousands(s.list.selected + 1),
            crate::text::plural(s.total, "hit", "hits")
        )
    };
    let mut f = vec![Span::styled(count, ctx.theme.dim())];
    if let Some(y) = app.search.year_filter {
        f.push(Span::raw(format!("  year:{y}")));
    }
    if let Some(b) = &app.search.body_filter {
        f.push(Span::raw(format!("  body:{b}")));
    }
    f.push(Span::styled(
        "   C-y year  C-b body  Enter open",
        ctx.theme.dim(),
    ));
    frame.render_widget(Paragraph::new(Line::from(f)), filters);

    if let Some(e) = &app.search.error {
        empty(
            frame,
            list,
            &[
                e,
                "Check the query syntax: words, \"phrases\", -word, year:2023",
            ],
            ctx,
        );
        return;
    }
    if app.loaded.is_none() {
        let msg = app.load_error.as_deref().unwrap_or("Opening the index…");
        empty(frame, list, &[msg], ctx);
        return;
    }
    if app.search.hits.is_empty() {
        let lines: Vec<String> = if app.search.query.text().trim().is_empty() {
            vec![
                "Type to search every report, e.g. 行政复议 or \"政务新媒体\"".into(),
                "2 lists bodies · ? shows all keys".into(),
            ]
        } else if app.search.searching {
            vec!["Searching…".into()]
        } else {
            vec![
                format!("No hits for {}", app.search.query.text()),
                "Try fewer words or a part of a word; remove year:/body: filters".into(),
            ]
        };
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        empty(frame, list, &refs, ctx);
        return;
    }
    // Two rows per hit; only the visible ones are built.
    let per = 2usize;
    let visible = (list.height as usize / per).max(1);
    let offset = scroll_offset(app.search.list.selected, visible);
    let w = list.width as usize;
    let mut lines: Vec<Line> = Vec::with_capacity(visible * per);
    for (i, h) in app
        .search
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
    {
        let selected = i == app.search.list.selected && !app.typing;
        let head_style = if selected {
            ctx.theme.selected()
        } else {
            Style::default()
        };
        let head = format!(
            "{} · {} · {} {}",
            h.body.as_deref().unwrap_or("(未署名)"),
            h.year.map_or("----".into(), |y| y.to_string()),
            h.section,
            h.section_title
        );
        lines.push(Line::styled(
            truncate_with(&head, w, ctx.theme.ellipsis()),
            head_style.add_modifier(ratatui::style::Modifier::BOLD),
        ));
        // Start a few characters before the first match so it is on screen.
        let skip = h
            .snippet
            .marks
            .first()
            .map_or(0, |(s, _)| s.saturating_sub(8));
        let tail: String = h.snippet.text.chars().skip(skip).collect();
        let snippet = truncate_with(&tail, w.saturating_sub(2), ctx.theme.ellipsis());
        let chars: Vec<char> = snippet.chars().collect();
        let marks: Vec<(usize, usize)> = h
            .snippet
            .marks
            .iter()
            .filter(|(s, _)| *s >= skip)
            .map(|(s, e)| (s - skip, e - skip))
            .filter(|(_, e)| *e <= chars.len())
            .collect();
        let mut spans = vec![Span::raw("  ")];
        spans.extend(marked(&chars, &marks, Style::default(), ctx.theme.hit()));
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), list);
}
