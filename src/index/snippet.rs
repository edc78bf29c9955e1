//! Snippets: a window of a section's text around the densest run of matches,
//! with every match marked. Works on characters, so it never splits one, and
//! marks literal matches — exactly what the substring search found.

use crate::text::width;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    pub text: String,
    /// Marked ranges, in characters of `text`.
    pub marks: Vec<(usize, usize)>,
}

impl Snippet {
    /// The snippet with each match wrapped in `open`/`close` (e.g. 【】).
    pub fn marked(&self, open: &str, close: &str) -> String {
        let chars: Vec<char> = self.text.chars().collect();
        let mut out = String::with_capacity(self.text.len() + self.marks.len() * 8);
        let mut at = 0;
        for &(s, e) in &self.marks {
            out.extend(&chars[at..s]);
            out.push_str(open);
            out.extend(&chars[s..e]);
            out.push_str(close);
            at = e;
        }
        out.extend(&chars[at..]);
        out
    }
}

use super::fold::fold_char as fold;

/// All (start, end) char ranges where any needle occurs, merged.
pub fn find_all(chars: &[char], needles: &[String]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    for needle in needles {
        let n: Vec<char> = needle.chars().map(fold).collect();
        if n.is_empty() || n.len() > chars.len() {
            continue;
        }
        for i in 0..=chars.len() - n.len() {
            if chars[i..i + n.len()]
                .iter()
                .zip(&n)
                .all(|(a, b)| fold(*a) == *b)
            {
                ranges.push((i, i + n.len()));
            }
        }
    }
    ranges.sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// A snippet of about `max_width` display cells.
pub fn make(text: &str, needles: &[String], max_width: usize) -> Snippet {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let matches = find_all(&chars, needles);
    // The window start that covers the most matches, earliest first.
    let span = max_width / 2; // characters, as most are two cells wide
    let best = matches
        .iter()
        .enumerate()
        .max_by_key(|(i, (s, _))| {
            let covered = matches[*i..]
                .iter()
                .take_while(|(s2, _)| *s2 < s + span)
                .count();
            (covered, std::cmp::Reverse(*s))
        })
        .map_or(0, |(_, (s, _))| *s);
    let lead = 12.min(best);
    let mut start = best - lead;
    // Collapse runs of spaces at the start.
    while start < chars.len() && chars[start] == ' ' {
        start += 1;
    }
    let mut end = start;
    let mut used = 0;
    while end < chars.len() {
        let w = width(chars[end].encode_utf8(&mut [0u8; 4]));
        if used + w > max_width.saturating_sub(2) {
            break;
        }
        used += w;
        end += 1;
    }
    // Room left at the end of the text: show more of what comes before.
    let cell = |c: char| width(c.encode_utf8(&mut [0u8; 4]));
    while end == chars.len()
        && start > 0
        && used + cell(chars[start - 1]) <= max_width.saturating_sub(2)
    {
        start -= 1;
        used += cell(chars[start]);
    }
    let mut out = String::new();
    let mut shift = 0;
    if start > 0 {
        out.push('…');
        shift = 1;
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    let marks = matches
        .into_iter()
        .filter(|(s, e)| *s >= start && *e <= end)
        .map(|(s, e)| (s - start + shift, e - start + shift))
        .collect();
    Snippet { text: out, marks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_every_match_in_punctuated_text() {
        let text = "危及“三安全一稳定”的——不予公开……依申请公开、“行政复议”与行政复议。";
        let s = make(text, &["行政复议".into(), "公开".into()], 80);
        assert_eq!(
            s.marked("【", "】"),
            "危及“三安全一稳定”的——不予【公开】……依申请【公开】、“【行政复议】”与【行政复议】。"
        );
    }

    #[test]
    fn window_never_splits_characters_and_fits() {
        let text = "前".repeat(300) + "信息公开" + &"后".repeat(300);
        let s = make(&text, &["信息公开".into()], 60);
        assert!(width(&s.text) <= 60, "{}", width(&s.text));
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert_eq!(s.marks.len(), 1);
        let chars: Vec<char> = s.text.chars().collect();
        let (a, b) = s.marks[0];
        assert_eq!(chars[a..b].iter().collect::<String>(), "信息公开");
    }

    #[test]
    fn ascii_is_case_insensitive() {
        let s = make("see HTTP://x", &["http".into()], 40);
        assert_eq!(s.marks, [(4, 8)]);
    }
}
