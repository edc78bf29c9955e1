//! A report: its sections, tables as aligned tables with flagged cells, and
//! its findings; matches of the search marked.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line as TLine, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::grid;
use super::text::highlighted;
use super::Ctx;
use crate::text::{pad_left, truncate_with, wrap};
use crate::tui::report_view::ReportLine;

pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let Some(r) = &ctx.app.report.view else {
        return;
    };
    let w = area.width as usize;
    // The bottom line says where the value under the cursor was read.
    // Or, while `/` is typed, the find box.
    let finding = ctx.app.typing;
    let evidence = if finding {
        Some(format!(
            "/ {}   {} (Enter: done, n/N: next/previous)",
            ctx.app.report.find.text(),
            crate::text::plural(r.hit_lines.len(), "match", "matches")
        ))
    } else {
        r.evidence_line()
    };
    let h = (area.height as usize).saturating_sub(usize::from(evidence.is_some()));
    let mut out: Vec<TLine> = Vec::with_capacity(h + 1);
    for (i, line) in r.lines.iter().enumerate().skip(r.top) {
        if out.len() >= h {
            break;
        }
        let here = i == r.cursor;
        let base = if here {
            ctx.theme.selected()
        } else {
            Style::default()
        };
        match line {
            ReportLine::Title(t) => out.push(TLine::styled(
                truncate_with(t, w, ctx.theme.ellipsis()),
                ctx.theme.heading(),
            )),
            ReportLine::Heading(t) => out.push(TLine::from(highlighted(
                t,
                &r.needles,
                if here { base } else { ctx.theme.heading() },
                ctx.theme.hit(),
            ))),
            ReportLine::Text(t) => {
                for row in wrap(t, w) {
                    out.push(TLine::from(highlighted(
                        &row,
                        &r.needles,
                        base,
                        ctx.theme.hit(),
                    )));
                }
            }
            ReportLine::Row {
                cells,
                widths,
                flagged,
                header,
                ..
            } => {
                // Each value column: its widest value, then a slot for `!`.
                let costs: Vec<usize> = widths
                    .iter()
                    .enumerate()
                    .map(|(i, w)| if i == 0 { *w } else { w + 1 })
                    .collect();
                let fit = grid::fit(&costs, w, r.col);
                let mut spans = Vec::new();
                let label = cells.first().map_or("", String::as_str);
                let label_style = if here && !*header {
                    ctx.theme.selected()
                } else if *header {
                    ctx.theme.dim()
                } else {
                    Style::default()
                };
                let label = truncate_with(label, fit.label.saturating_sub(1), ctx.theme.ellipsis());
                let mut label_spans = highlighted(&label, &r.needles, label_style, ctx.theme.hit());
                label_spans.push(Span::styled(
                    " ".repeat(fit.label.saturating_sub(crate::text::width(&label))),
                    label_style,
                ));
                spans.extend(label_spans);
                if fit.hidden_left() > 0 {
                    let mark = if *header { ctx.theme.more_left() } else { "  " };
                    spans.push(Span::styled(mark, ctx.theme.dim()));
                }
                for i in fit.first..fit.end {
                    let c = cells.get(i).map_or("", String::as_str);
                    let cw = widths.get(i).copied().unwrap_or(4);
                    let flag = flagged.contains(&i);
                    let style = if here && i == r.col && !*header {
                        ctx.theme.selected()
                    } else if flag {
                        ctx.theme.flagged()
                    } else if *header {
                        ctx.theme.dim()
                    } else {
                        Style::default()
                    };
                    // The marker has its own slot: a flagged value stays in its column.
                    spans.push(Span::styled(pad_left(c, cw), style));
                    spans.push(Span::styled(if flag { "!" } else { " " }, style));
                }
                if *header && fit.hidden_right() > 0 {
                    spans.push(Span::styled(
                        format!(" {}+{}", ctx.theme.more_right(), fit.hidden_right()),
                        ctx.theme.dim(),
                    ));
                }
                out.push(TLine::from(spans));
            }
            ReportLine::Finding { error, text } => {
                let style = if *error {
                    ctx.theme.error()
                } else {
                    ctx.theme.warning()
                };
                let tag = if *error { "E " } else { "W " };
                for (i, row) in wrap(text, w.saturating_sub(2)).into_iter().enumerate() {
                    let lead = if i == 0 {
                        Span::styled(tag, style)
                    } else {
                        Span::raw("  ")
                    };
                    out.push(TLine::from(vec![lead, Span::styled(row, base)]));
                }
            }
            ReportLine::Blank => out.push(TLine::raw("")),
        }
    }
    out.truncate(h);
    if let Some(e) = evidence {
        out.resize(h, TLine::raw(""));
        out.push(TLine::styled(
            truncate_with(&e, w, ctx.theme.ellipsis()),
            if finding {
                ctx.theme.heading()
            } else {
                ctx.theme.dim()
            },
        ));
        if finding {
            // The real cursor in the box, for IME.
            let x = area.x + 2 + ctx.app.report.find.cursor_column() as u16;
            frame.set_cursor_position(ratatui::layout::Position {
                x: x.min(area.right().saturating_sub(1)),
                y: area.y + h as u16,
            });
        }
    }
    frame.render_widget(Paragraph::new(out), area);
}
