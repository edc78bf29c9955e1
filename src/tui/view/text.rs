//! Spans for the screens: text with matches highlighted. Widths, truncation
//! and wrapping are `crate::text`'s.

use ratatui::style::Style;
use ratatui::text::Span;

use crate::index::snippet::find_all;

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
    fn marks_become_hit_spans() {
        let base = Style::default();
        let hit = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let spans = highlighted("政府信息公开", &["信息".to_string()], base, hit);
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["政府", "信息", "公开"]);
        assert_eq!(spans[1].style, hit);
        assert_eq!(scroll_offset(10, 5), 6);
        assert_eq!(scroll_offset(2, 5), 0);
    }
}
