//! Text helpers shared by the screens: display-width truncation and wrapping,
//! and spans with matches highlighted. Widths are display cells (CJK = 2).

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

use crate::index::snippet::find_all;
use crate::textwidth::width;

pub fn truncate(s: &str, max: usize, ellipsis: &str) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let room = max.saturating_sub(width(ellipsis));
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    out + ellipsis
}

/// Splits into rows of at most `max` cells, anywhere between characters (Chinese
/// has no spaces to break at).
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut rows = vec![String::new()];
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            rows.push(String::new());
            used = 0;
        }
        if let Some(last) = rows.last_mut() {
            last.push(c);
        }
        used += w;
    }
    rows
}

/// Spans of `s` with every occurrence of a needle in `hit` style.
pub fn highlighted<'a>(s: &str, needles: &[String], base: Style, hit: Style) -> Vec<Span<'a>> {
    let chars: Vec<char> = s.chars().collect();
    let marks = find_all(&chars, needles);
    marked(&chars, &marks, base, hit)
}

/// Spans with the given char ranges in `hit` style.
pub fn marked<'a>(
    chars: &[char],
    marks: &[(usize, usize)],
    base: Style,
    hit: Style,
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for &(s, e) in marks {
        if s > at {
            spans.push(Span::styled(chars[at..s].iter().collect::<String>(), base));
        }
        spans.push(Span::styled(chars[s..e].iter().collect::<String>(), hit));
        at = e;
    }
    if at < chars.len() {
        spans.push(Span::styled(chars[at..].iter().collect::<String>(), base));
    }
    spans
}

/// First row to show so that `selected` is visible in `height` rows.
pub fn scroll_offset(selected: usize, height: usize) -> usize {
    selected.saturating_sub(height.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_and_truncate_by_cells() {
        assert_eq!(wrap("政府信息公开", 5), ["政府", "信息", "公开"]);
        assert_eq!(truncate("政府信息公开工作", 9, "…"), "政府信息…");
        assert!(width(&truncate("政府信息公开工作", 9, "...")) <= 9);
    }
}
