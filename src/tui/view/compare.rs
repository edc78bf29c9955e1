//! Compare: marked bodies side by side for a year, the largest differences
//! marked, and a bar view of the selected metric.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::grid;
use super::text::scroll_offset;
use super::{empty, Ctx};
use crate::text::{pad_left, pad_right, truncate_with};

pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let app = ctx.app;
    let Some(c) = &app.compare.comparison else {
        let msg = format!("{} bodies marked", app.marked.len());
        empty(
            frame,
            area,
            &[
                &msg,
                "Mark two or more bodies with Space on the Bodies screen (2)",
            ],
            ctx,
        );
        return;
    };
    let n = c.bodies.len();
    let [head, table, legend, bars] = Layout::vertical([
        Constraint::Length(n as u16 + 1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(n as u16 + 1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate_with(
                "*: differs most in its row · —: no report that year · n/a: not in its template · -: blank",
                legend.width as usize,
                ctx.theme.ellipsis(),
            ),
            ctx.theme.dim(),
        )),
        legend,
    );
    let letters: Vec<char> = ('A'..='Z').collect();
    let years = app.compare_years();
    let mut lines = vec![Line::styled(
        format!(
            "{}年   ←/→ year ({} years: {})",
            c.year,
            years.len(),
            crate::corpus::bodies::year_ranges(&years.iter().copied().collect())
        ),
        ctx.theme.heading(),
    )];
    let corpus = app.corpus();
    for (i, (b, id)) in c.bodies.iter().zip(&c.body_ids).enumerate() {
        // Each body's own years, so a missing one is no surprise.
        let own: std::collections::BTreeSet<i32> = corpus
            .map(|c| c.years_of(id).keys().copied().collect())
            .unwrap_or_default();
        let none = if own.contains(&c.year) {
            ""
        } else {
            "  (no report this year)"
        };
        lines.push(Line::raw(truncate_with(
            &format!(
                "  {} = {b}  [{}]{none}",
                letters[i % 26],
                crate::corpus::bodies::year_ranges(&own)
            ),
            head.width as usize,
            ctx.theme.ellipsis(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), head);

    // The csvlens way (grid::fit): the metric column frozen, each body's
    // column as wide as its widest value, those out of view reached by h/l.
    let shown = |r: &crate::corpus::series::CompareRow, j: usize| -> String {
        let cell = r.cells.get(j).map_or(String::new(), ToString::to_string);
        let mark = if r.outlier == Some(j) { "*" } else { " " };
        format!("{cell}{mark}")
    };
    let mut widths = vec![c
        .rows
        .iter()
        .map(|r| crate::text::width(r.label) + 1)
        .max()
        .unwrap_or(4)
        .max(5)];
    for j in 0..n {
        let widest = c
            .rows
            .iter()
            .map(|r| crate::text::width(&shown(r, j)))
            .max()
            .unwrap_or(1);
        widths.push(widest.max(2) + 2);
    }
    let fit = grid::fit(&widths, table.width as usize, app.compare.col.max(1));
    let mut header = pad_right("指标", fit.label);
    if fit.hidden_left() > 0 {
        header.push_str(ctx.theme.more_left());
    }
    for j in fit.first..fit.end {
        header.push_str(&pad_left(&format!("{} ", letters[(j - 1) % 26]), widths[j]));
    }
    if fit.hidden_right() > 0 {
        header.push_str(&format!(
            " {}+{}",
            ctx.theme.more_right(),
            fit.hidden_right()
        ));
    }
    let h = table.height.saturating_sub(1) as usize;
    let offset = scroll_offset(app.compare.list.selected, h);
    let mut rows = vec![Line::styled(header, ctx.theme.dim())];
    for (i, r) in c.rows.iter().enumerate().skip(offset).take(h) {
        let mut s = pad_right(
            &truncate_with(r.label, fit.label.saturating_sub(1), ctx.theme.ellipsis()),
            fit.label,
        );
        if fit.hidden_left() > 0 {
            s.push_str(&" ".repeat(grid::LEFT_MARK));
        }
        for (j, w) in widths.iter().enumerate().take(fit.end).skip(fit.first) {
            s.push_str(&pad_left(&shown(r, j - 1), *w));
        }
        let style = if i == app.compare.list.selected {
            ctx.theme.selected()
        } else {
            Style::default()
        };
        rows.push(Line::styled(s, style));
    }
    frame.render_widget(Paragraph::new(rows), table);

    // Bars of the selected metric.
    if let Some(r) = c.rows.get(app.compare.list.selected) {
        let max = r
            .cells
            .iter()
            .filter_map(|c| c.value())
            .fold(0.0f64, f64::max);
        let room = (bars.width as usize).saturating_sub(14);
        let mut lines = vec![Line::styled(r.label.to_string(), ctx.theme.dim())];
        for (i, cell) in r.cells.iter().enumerate() {
            let len = match cell.value() {
                Some(v) if max > 0.0 => ((v / max) * room as f64).round() as usize,
                _ => 0,
            };
            let bar: String = std::iter::repeat_n(ctx.theme.bar(), len).collect();
            lines.push(Line::raw(format!(
                "{} {:>9} {bar}",
                letters[i % 26],
                cell.to_string()
            )));
        }
        frame.render_widget(Paragraph::new(lines), bars);
    }
}
