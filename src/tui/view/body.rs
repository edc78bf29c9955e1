//! A body's page: its years with key figures and sparklines, and the
//! year-over-year table. Enter on a year opens that report.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

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

    // Year-over-year: metrics × years (the most recent that fit), change and %.
    let label_w = 16usize;
    let col_w = 8usize;
    let room = (table.width as usize).saturating_sub(label_w + 2 * col_w);
    let n_years = (room / col_w).max(1).min(t.years.len());
    let first = t.years.len() - n_years;
    let mut header = pad_right("指标", label_w);
    for y in &t.years[first..] {
        header.push_str(&pad_left(&y.to_string(), col_w));
    }
    header.push_str(&pad_left("Δ", col_w));
    header.push_str(&pad_left("%Δ", col_w));
    let mut out = vec![Line::styled(header, ctx.theme.dim())];
    for r in t.rows.iter().take(table.height.saturating_sub(1) as usize) {
        let mut s = pad_right(
            &truncate_with(r.label, label_w - 1, ctx.theme.ellipsis()),
            label_w,
        );
        for c in &r.cells[first..] {
            s.push_str(&pad_left(&c.to_string(), col_w));
        }
        let ch = r.change.last().copied().flatten();
        let pct = r.pct_change.last().copied().flatten();
        s.push_str(&pad_left(
            &ch.map_or(String::new(), |v| format!("{v:+.0}")),
            col_w,
        ));
        s.push_str(&pad_left(
            &pct.map_or(String::new(), |v| format!("{v:+.0}%")),
            col_w,
        ));
        if width(&s) > table.width as usize {
            s = truncate_with(&s, table.width as usize, ctx.theme.ellipsis());
        }
        out.push(Line::raw(s));
    }
    frame.render_widget(Paragraph::new(out), table);
}
