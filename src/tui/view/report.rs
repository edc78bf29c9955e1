//! A report: its sections, tables as aligned tables with flagged cells, and
//! its findings; matches of the search marked.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line as TLine, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::highlighted;
use super::Ctx;
use crate::text::{pad_left, pad_right, truncate_with, wrap};
use crate::tui::report_view::ReportLine;

pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let Some(r) = &ctx.app.report.view else {
        return;
    };
    let w = area.width as usize;
    let h = area.height as usize;
    let mut out: Vec<TLine> = Vec::with_capacity(h);
    for line in r.lines.iter().skip(r.top) {
        if out.len() >= h {
            break;
        }
        match line {
            ReportLine::Title(t) => out.push(TLine::styled(
                truncate_with(t, w, ctx.theme.ellipsis()),
                ctx.theme.heading(),
            )),
            ReportLine::Heading(t) => out.push(TLine::from(highlighted(
                t,
                &r.needles,
                ctx.theme.heading(),
                ctx.theme.hit(),
            ))),
            ReportLine::Text(t) => {
                for row in wrap(t, w) {
                    out.push(TLine::from(highlighted(
                        &row,
                        &r.needles,
                        Style::default(),
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
                let mut spans = Vec::new();
                for (i, c) in cells.iter().enumerate() {
                    let cw = widths.get(i).copied().unwrap_or(4);
                    let flag = flagged.contains(&i);
                    let text = if i == 0 {
                        pad_right(c, cw)
                    } else {
                        pad_left(&format!("{c}{}", if flag { "!" } else { "" }), cw + 1)
                    };
                    let style = if flag {
                        ctx.theme.flagged()
                    } else if *header {
                        ctx.theme.dim()
                    } else {
                        Style::default()
                    };
                    spans.push(Span::styled(text, style));
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
                    out.push(TLine::from(vec![lead, Span::raw(row)]));
                }
            }
            ReportLine::Blank => out.push(TLine::raw("")),
        }
    }
    out.truncate(h);
    frame.render_widget(Paragraph::new(out), area);
}
