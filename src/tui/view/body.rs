//! A body's page: its years with key figures and sparklines, and the
//! year-over-year table. Enter on a year opens that report.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::grid;
use super::text::scroll_offset;
use super::Ctx;
use crate::corpus::metrics::Cell;
use crate::text::{pad_left, pad_right, truncate_with, width};

fn sparkline(cells: &[Cell], ctx: &Ctx) -> String {
    let levels = ctx.theme.spark();
    let vals: Vec<Option<f64>> = cells.iter().map(|c| c.value()).collect();
    let max = vals.iter().flatten().copied().fold(0.0f64, f64::max);
    vals.iter()
        .map(|v| match v {
            None => ' ',
            Some(v) if max <= 0.0 => levels[0],
            Some(v) => levels[((v / max) * (levels.len() - 1) as f64).round() as usize],
        })
        .collect()
}

pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let Some(t) = &ctx.app.body.trend else { return };
    let repeated = t.sources.iter().any(|s| s.same_numbers.is_some());
    let [title, years, table] = Layout::vertical([
        Constraint::Length(if repeated { 3 } else { 2 }),
        Constraint::Length((t.years.len() as u16 + 1).min(area.height / 2)),
        Constraint::Min(1),
    ])
    .areas(area);
    let row = |k: &str| t.rows.iter().find(|r| r.key == k);
    let spark_of = |k: &str| row(k).map(|r| sparkline(&r.cells, ctx)).unwrap_or_default();
    let mut head_lines = vec![
        Line::styled(format!("{}  [{}]", t.body, t.body_id), ctx.theme.heading()),
        Line::from(vec![
            Span::styled("收到申请 ", ctx.theme.dim()),
            Span::raw(spark_of("received")),
            Span::styled("  复议 ", ctx.theme.dim()),
            Span::raw(spark_of("reviews")),
            Span::styled("  诉讼 ", ctx.theme.dim()),
            Span::raw(spark_of("lawsuits")),
        ]),
    ];
    if repeated {
        // Which file stands for the selected year, when it has several;
        // else which years have several.
        let selected = t.sources.get(ctx.app.body.list.selected);
        let note = selected.and_then(|s| s.note()).unwrap_or_else(|| {
            let years: Vec<String> = t
                .sources
                .iter()
                .filter(|s| s.same_numbers.is_some())
                .map(|s| s.year.to_string())
                .collect();
            format!(
                "+ several files: {} (select a year to see which stands)",
                years.join(", ")
            )
        });
        head_lines.push(Line::styled(
            truncate_with(&note, title.width as usize, ctx.theme.ellipsis()),
            ctx.theme.warning(),
        ));
    }
    frame.render_widget(Paragraph::new(head_lines), title);
    // Years with key figures.
    let cols = [
        "received",
        "processed",
        "disclosure_rate",
        "reviews",
        "lawsuits",
    ];
    let widths = [6usize, 8, 8, 8, 9, 6, 6];
    let row_text = |cells: [&str; 7]| -> String {
        cells
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (c, w))| {
                if i < 2 {
                    pad_right(c, w)
                } else {
                    pad_left(c, w)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let head = row_text(["年份", "模板", "收到", "办结", "公开率%", "复议", "诉讼"]);
    let h = years.height.saturating_sub(1) as usize;
    let offset = scroll_offset(ctx.app.body.list.selected, h);
    let mut lines = vec![Line::styled(head, ctx.theme.dim())];
    for (i, y) in t.years.iter().enumerate().skip(offset).take(h) {
        let vals: Vec<String> = cols
            .iter()
            .map(|k| row(k).map_or(String::new(), |r| r.cells[i].to_string()))
            .collect();
        let several = t.sources.get(i).is_some_and(|s| s.same_numbers.is_some());
        let year = format!("{y}{}", if several { "+" } else { "" });
        let text = row_text([
            &year,
            t.templates[i],
            &vals[0],
            &vals[1],
            &vals[2],
            &vals[3],
            &vals[4],
        ]);
        let style = if i == ctx.app.body.list.selected {
            ctx.theme.selected()
        } else {
            Style::default()
        };
        lines.push(Line::styled(
            truncate_with(&text, years.width as usize, ctx.theme.ellipsis()),
            style,
        ));
    }
    frame.render_widget(Paragraph::new(lines), years);

    render_table(frame, table, t, ctx);
}

/// Year-over-year: metrics × every year from the first report to the last
/// (a year without a report is a gap, `—`), the selected year's column kept
/// in view, and Δ / %Δ of the selected year against the report before it.
fn render_table(frame: &mut Frame, area: Rect, t: &crate::corpus::series::Trend, ctx: &Ctx) {
    let (Some(&first), Some(&last)) = (t.years.first(), t.years.last()) else {
        return;
    };
    let years: Vec<i32> = (first..=last).collect();
    let selected = ctx.app.body.list.selected.min(t.years.len() - 1);
    let selected_year = t.years[selected];
    let column_of = |y: i32| t.years.iter().position(|&x| x == y);
    let cell = |r: &crate::corpus::series::TrendRow, y: i32| -> String {
        column_of(y).map_or("—".to_string(), |i| r.cells[i].to_string())
    };
    let delta = |r: &crate::corpus::series::TrendRow| -> (String, String) {
        let ch = r.change.get(selected).copied().flatten();
        let pct = r.pct_change.get(selected).copied().flatten();
        (
            ch.map_or(String::new(), |v| format!("{v:+.0}")),
            pct.map_or(String::new(), |v| format!("{v:+.0}%")),
        )
    };
    // Widths: each column its widest value (and a space before it).
    let label_w = t
        .rows
        .iter()
        .map(|r| width(r.label))
        .max()
        .unwrap_or(4)
        .max(width("指标"))
        + 1;
    let mut widths = vec![label_w];
    for y in &years {
        let w = t
            .rows
            .iter()
            .map(|r| width(&cell(r, *y)))
            .max()
            .unwrap_or(1)
            .max(4);
        widths.push(w + 1);
    }
    let delta_w = t
        .rows
        .iter()
        .map(|r| {
            let (a, b) = delta(r);
            width(&a).max(width(&b))
        })
        .max()
        .unwrap_or(0)
        .max(3)
        + 1;
    // Δ and %Δ stay at the right; the years scroll between.
    let room = (area.width as usize).saturating_sub(2 * delta_w);
    let focus = years
        .iter()
        .position(|&y| y == selected_year)
        .map_or(1, |i| i + 1);
    let fit = grid::fit(&widths, room, focus);
    let previous = selected.checked_sub(1).map(|i| t.years[i]);
    let mut header = pad_right("指标", fit.label);
    if fit.hidden_left() > 0 {
        header.push_str(ctx.theme.more_left());
    }
    for (i, y) in years
        .iter()
        .enumerate()
        .take(fit.end - 1)
        .skip(fit.first - 1)
    {
        let mark = if *y == selected_year { "*" } else { "" };
        header.push_str(&pad_left(&format!("{mark}{y}"), widths[i + 1]));
    }
    header.push_str(&pad_left("Δ", delta_w));
    header.push_str(&pad_left("%Δ", delta_w));
    let mut out = vec![Line::styled(header, ctx.theme.dim())];
    let h = (area.height as usize).saturating_sub(2);
    let top = ctx
        .app
        .body
        .table_top
        .min(t.rows.len().saturating_sub(h.max(1)));
    for r in t.rows.iter().skip(top).take(h) {
        let mut spans = vec![Span::raw(pad_right(
            &truncate_with(r.label, fit.label.saturating_sub(1), ctx.theme.ellipsis()),
            fit.label,
        ))];
        if fit.hidden_left() > 0 {
            spans.push(Span::raw("  "));
        }
        for (i, y) in years
            .iter()
            .enumerate()
            .take(fit.end - 1)
            .skip(fit.first - 1)
        {
            let style = if *y == selected_year {
                ctx.theme.selected()
            } else if column_of(*y).is_none() {
                ctx.theme.dim()
            } else {
                Style::default()
            };
            spans.push(Span::styled(pad_left(&cell(r, *y), widths[i + 1]), style));
        }
        let (ch, pct) = delta(r);
        spans.push(Span::raw(pad_left(&ch, delta_w)));
        spans.push(Span::raw(pad_left(&pct, delta_w)));
        out.push(Line::from(spans));
    }
    // What Δ is against, then what is out of view.
    let mut note = vec![match previous {
        Some(p) if p != selected_year - 1 => format!(
            "Δ: {selected_year} against {p}, the report before it ({} has none)",
            selected_year - 1
        ),
        Some(p) => format!("Δ: {selected_year} against {p}"),
        None => format!("Δ: {selected_year} is the first report"),
    }];
    let (left, right) = (fit.hidden_left(), fit.hidden_right());
    if left > 0 {
        note.push(format!(
            "{}–{} {}",
            years[0],
            years[left - 1],
            ctx.theme.more_left().trim()
        ));
    }
    if right > 0 {
        note.push(format!(
            "{} {}–{}",
            ctx.theme.more_right(),
            years[years.len() - right],
            years[years.len() - 1]
        ));
    }
    let gaps = years.len() - t.years.len();
    if gaps > 0 {
        note.push(format!(
            "{} without a report (—)",
            crate::text::plural(gaps, "year", "years")
        ));
    }
    let below = t.rows.len().saturating_sub(top + h);
    if below > 0 || top > 0 {
        note.push(format!(
            "metrics {}–{} of {} (PgDn/PgUp)",
            top + 1,
            (top + h).min(t.rows.len()),
            t.rows.len()
        ));
    }
    out.push(Line::styled(
        truncate_with(&note.join(" · "), area.width as usize, ctx.theme.ellipsis()),
        ctx.theme.dim(),
    ));
    frame.render_widget(Paragraph::new(out), area);
}
