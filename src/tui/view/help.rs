//! `?`: every key, generated from the same keymap as the hint bar; it
//! scrolls (j/k, PgDn) where the terminal is short.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::Ctx;
use crate::text::pad_right;
use crate::tui::keymap::help_lines;

pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let all = help_lines();
    let h = (area.height as usize).saturating_sub(1);
    let top = ctx.app.help.selected.min(all.len().saturating_sub(h));
    let below = all.len().saturating_sub(top + h);
    let title = if below > 0 || top > 0 {
        format!("Keys (Esc or q to go back; j/k scroll, {below} more below)")
    } else {
        "Keys (Esc or q to go back)".to_string()
    };
    let mut lines = vec![Line::styled(title, ctx.theme.heading())];
    for (keys, help) in all.into_iter().skip(top).take(h) {
        lines.push(match keys {
            None => Line::styled(help, ctx.theme.dim()),
            Some(keys) => Line::from(vec![
                Span::styled(pad_right(keys, 20), ctx.theme.key()),
                Span::raw(help),
            ]),
        });
    }
    frame.render_widget(Paragraph::new(lines), area);
}
