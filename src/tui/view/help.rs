//! `?`: every key, generated from the same keymap as the hint bar.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::Ctx;
use crate::text::pad_right;
use crate::tui::keymap::{Scope, BINDINGS};

pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let mut lines = vec![Line::styled("Keys (Esc to go back)", ctx.theme.heading())];
    for (scope, title) in [
        (Scope::Global, "everywhere"),
        (Scope::Lists, "lists"),
        (Scope::Search, "search"),
        (Scope::Bodies, "bodies"),
        (Scope::Compare, "compare"),
        (Scope::Report, "report"),
    ] {
        lines.push(Line::styled(title, ctx.theme.dim()));
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            lines.push(Line::from(vec![
                Span::styled(pad_right(b.keys, 20), ctx.theme.key()),
                Span::raw(b.help),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
