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
    let count = if s.query.text().trim().is_empty() {
        String::new()
    } else if s.searching && s.hits.is_empty() {
        "searching…".to_string()
    } else if s.hits.is_empty() {
        crate::text::plural(s.total, "hit", "hits")
    } else if s.per_report {
        format!(
            "{} / {} shown · {}",
            crate::text::thousands(s.list.selected + 1),
            crate::text::plural(s.rows.len(), "report", "reports"),
            crate::text::plural(s.total, "hit", "hits")
        )
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
    if app.search.hits.is_empty() && app.search.query.text().trim().is_empty() {
        if let Some(o) = &app.overview {
            overview(frame, list, o, ctx);
            return;
        }
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
    // Wide terminals: a preview of the selected hit beside the list.
    let list = if list.width >= 120 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(list);
        preview(frame, right, ctx);
        left
    } else {
        list
    };
    // Two rows per hit; only the visible ones are built.
    let per = 2usize;
    let visible = (list.height as usize / per).max(1);
    let offset = scroll_offset(app.search.list.selected, visible);
    let s = &app.search;
    let w = list.width as usize;
    let mut lines: Vec<Line> = Vec::with_capacity(visible * per);
    for (i, &(hit, others)) in s.rows.iter().enumerate().skip(offset).take(visible) {
        let h = &s.hits[hit];
        let selected = i == app.search.list.selected && !app.typing;
        let head_style = if selected {
            ctx.theme.selected()
        } else {
            Style::default()
        };
        let more = if others > 0 {
            format!("  +{}", crate::text::plural(others, "section", "sections"))
        } else {
            String::new()
        };
        let head = format!(
            "{} · {} · {} {}{more}",
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

/// The start screen: the corpus at a glance under the query box — reports
/// and bodies, where the bodies are, which years each level covers, and the
/// latest findings.
fn overview(frame: &mut Frame, area: Rect, o: &crate::corpus::overview::Overview, ctx: &Ctx) {
    use crate::corpus::overview::LEVELS;
    use crate::text::{pad_left, pad_right, plural};
    let w = area.width as usize;
    let cut = |s: String| truncate_with(&s, w, ctx.theme.ellipsis());
    let span = match (o.years.keys().next(), o.years.keys().next_back()) {
        (Some(a), Some(b)) if a != b => format!(" · {a}–{b}"),
        (Some(a), _) => format!(" · {a}"),
        _ => String::new(),
    };
    let mut lines = vec![
        Line::styled(
            cut(format!(
                "{} · {}{}{span}",
                plural(o.reports, "report", "reports"),
                plural(o.bodies, "body", "bodies"),
                if o.unnamed > 0 {
                    format!(" · {} without a body", o.unnamed)
                } else {
                    String::new()
                },
            )),
            ctx.theme.heading(),
        ),
        Line::styled(
            cut("Type to search every report (e.g. 行政复议, \"政务新媒体\") · 2 bodies · 4 checks · ? keys".into()),
            ctx.theme.dim(),
        ),
        Line::raw(""),
    ];
    // Where the bodies are: provinces, each with its cities.
    for (p, n, cities) in o.provinces().into_iter().take(4) {
        let cities: Vec<String> = cities
            .iter()
            .take(6)
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        lines.push(Line::raw(cut(format!(
            "{p} {}: {}",
            plural(n, "body", "bodies"),
            cities.join(" · ")
        ))));
    }
    // A small corpus (the bundled samples on first run): its bodies by name.
    let nodes = &ctx.app.bodies.nodes;
    if !nodes.is_empty() && nodes.len() <= 8 {
        let names: Vec<&str> = nodes.iter().map(|n| n.info.name()).collect();
        lines.push(Line::raw(cut(format!("  {}", names.join(" · ")))));
    }
    lines.push(Line::raw(""));
    // Years × level: the latest years that fit.
    let label_w = 8;
    let col = 6;
    let fit = (w.saturating_sub(label_w) / col).max(1);
    let years: Vec<(&i32, &[usize; 4])> = o.years.iter().collect();
    let shown = &years[years.len().saturating_sub(fit)..];
    let mut head = pad_right("年份", label_w);
    for (y, _) in shown {
        head.push_str(&pad_left(&y.to_string(), col));
    }
    lines.push(Line::styled(cut(head), ctx.theme.dim()));
    for (l, name) in LEVELS.iter().enumerate() {
        if shown.iter().all(|(_, c)| c[l] == 0) {
            continue;
        }
        let mut row = pad_right(name, label_w);
        for (_, c) in shown {
            row.push_str(&pad_left(
                &if c[l] == 0 {
                    "·".to_string()
                } else {
                    c[l].to_string()
                },
                col,
            ));
        }
        lines.push(Line::raw(cut(row)));
    }
    // The latest findings, in the room left.
    let room = (area.height as usize).saturating_sub(lines.len() + 2);
    if room > 0 && !ctx.app.checks.findings.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            cut(format!(
                "latest findings (4 for all {})",
                ctx.app.checks.findings.len()
            )),
            ctx.theme.dim(),
        ));
        let mut latest: Vec<&crate::corpus::rules::Located> =
            ctx.app.checks.findings.iter().collect();
        latest.sort_by_key(|f| std::cmp::Reverse(f.year));
        for f in latest.into_iter().take(room.saturating_sub(1)) {
            lines.push(Line::raw(cut(format!(
                "  {} {}  {}  {}",
                f.year.map_or("----".into(), |y| y.to_string()),
                f.body.as_deref().unwrap_or("(未署名)"),
                f.finding.rule,
                f.finding.message
            ))));
        }
    }
    lines.truncate(area.height as usize);
    frame.render_widget(Paragraph::new(lines), area);
}

/// The selected hit, whole: where it is, then its passage wrapped with the
/// matches marked.
fn preview(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let Some(h) = ctx.app.search.selected_hit() else {
        return;
    };
    let w = area.width.saturating_sub(2) as usize;
    let mut lines = vec![
        Line::styled(
            truncate_with(
                &format!(
                    "{} · {}",
                    h.body.as_deref().unwrap_or("(未署名)"),
                    h.year.map_or("----".into(), |y| y.to_string())
                ),
                w,
                ctx.theme.ellipsis(),
            ),
            ctx.theme.heading(),
        ),
        Line::styled(
            truncate_with(
                &format!("{} {}", h.section, h.section_title),
                w,
                ctx.theme.ellipsis(),
            ),
            ctx.theme.dim(),
        ),
        Line::styled(
            truncate_with(&h.source, w, ctx.theme.ellipsis()),
            ctx.theme.dim(),
        ),
        Line::raw(""),
    ];
    let needles = crate::index::query::parse(ctx.app.search.query.text())
        .map(|p| p.positive().map(|t| t.text.clone()).collect::<Vec<_>>())
        .unwrap_or_default();
    // The whole section once it has arrived (the passage until then),
    // started a little before its first match so that the match shows.
    let key = (h.source.clone(), h.section);
    let (text, whole, note) = match ctx.app.search.preview.for_key(&key) {
        Some(Ok(t)) => (t.as_str(), true, String::new()),
        Some(Err(e)) => (h.snippet.text.as_str(), false, e.clone()),
        None => (
            h.snippet.text.as_str(),
            false,
            "reading the section…".to_string(),
        ),
    };
    let rows: Vec<String> = text.lines().flat_map(|l| crate::text::wrap(l, w)).collect();
    let room = (area.height as usize).saturating_sub(lines.len() + 1);
    let first_match = rows
        .iter()
        .position(|r| needles.iter().any(|n| r.contains(n.as_str())))
        .unwrap_or(0);
    let start = if whole {
        first_match
            .saturating_sub(2)
            .min(rows.len().saturating_sub(room))
    } else {
        0
    };
    if start > 0 {
        lines.push(Line::styled(
            format!("… {start} lines above"),
            ctx.theme.dim(),
        ));
    }
    let shown = rows.len().saturating_sub(start).min(room.saturating_sub(1));
    for row in rows.iter().skip(start).take(shown) {
        lines.push(Line::from(super::text::highlighted(
            row,
            &needles,
            Style::default(),
            ctx.theme.hit(),
        )));
    }
    let below = rows.len().saturating_sub(start + shown);
    if below > 0 {
        lines.push(Line::styled(
            format!("… {below} lines below"),
            ctx.theme.dim(),
        ));
    } else if !note.is_empty() {
        lines.push(Line::styled(note, ctx.theme.dim()));
    }
    lines.truncate(area.height as usize);
    frame.render_widget(Paragraph::new(lines), super::inset(area, 2));
}
