//! The six parts of a report, found by the meaning of their headings whatever
//! numbering the text uses (`三、`, `3、`, `第三部分`, none).

use super::text::{fold_char, norm};
use crate::model::Section;

pub use crate::template::TITLES;

/// `TITLES`, normalised once.
static BARE_TITLES: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| TITLES.iter().map(|t| norm(t)).collect());

#[derive(Debug, Clone, PartialEq)]
pub enum HeadingKind {
    /// Part 1–6.
    Part(u8),
    /// A legacy part that belongs to a template part (收费及减免 → 6) without being it.
    Alias(u8),
    /// 附表 / 统计表: narrative ends here.
    Stop,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub kind: HeadingKind,
    /// The title as written, numbering removed.
    pub title: String,
    /// Text after a colon on the heading line (`七、其他事项:无`).
    pub inline: String,
}

/// Returns the numbering prefix's length in bytes, or `None` for a sub-heading
/// style (`（一）`) that never starts a part.
/// Put before a line by a reader whose source marks it a heading (a Word
/// heading style or outline level) though it carries no numbering in its
/// text: the line is read as a numbered heading, by its meaning. Only put
/// where `heading` then finds a part (see `mark_heading`), so it never
/// reaches a section's text.
pub const HEADING_MARK: char = '\u{E000}';

/// `text` marked as a heading, if it reads as one of the report's parts
/// once marked; else `None` (a styled line that is no part stays text).
pub fn mark_heading(text: &str) -> Option<String> {
    let marked = format!("{HEADING_MARK}{}", text.trim());
    matches!(heading(&marked)?.kind, HeadingKind::Part(_)).then_some(marked)
}

fn numbering(s: &str) -> Option<usize> {
    if s.starts_with(HEADING_MARK) {
        return Some(HEADING_MARK.len_utf8());
    }
    let first = s.chars().next()?;
    if matches!(first, '(' | '（') {
        return None;
    }
    if first == '第' {
        if let Some(pos) = s.find("部分") {
            if s[..pos].chars().count() <= 4 {
                let mut end = pos + "部分".len();
                end += s[end..]
                    .chars()
                    .take_while(|c| matches!(c, '、' | ':' | '：' | ' ' | '.'))
                    .map(char::len_utf8)
                    .sum::<usize>();
                return Some(end);
            }
        }
    }
    let mut end = 0;
    let mut count = 0;
    for c in s.chars() {
        let c2 = fold_char(c);
        if c2.is_ascii_digit() || "一二三四五六七八九十".contains(c2) {
            end += c.len_utf8();
            count += 1;
        } else {
            break;
        }
    }
    if count == 0 || count > 2 {
        return Some(0);
    }
    let rest = &s[end..];
    let sep = rest.chars().next();
    match sep {
        Some('、') | Some('，') => {}
        Some('.') | Some('．') => {
            let after = rest.chars().nth(1);
            if after.is_some_and(|c| fold_char(c).is_ascii_digit()) {
                return Some(0);
            }
        }
        _ => return Some(0),
    }
    end += sep.map_or(0, char::len_utf8);
    end += s[end..]
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>();
    Some(end)
}

pub fn heading(line: &str) -> Option<Heading> {
    if line.starts_with('\t') || line.contains('|') {
        return None;
    }
    let s = line.trim();
    // A heading is short: reject long lines before counting characters.
    if s.is_empty() || s.len() > 48 * 4 || s.chars().count() > 48 {
        return None;
    }
    let prefix = numbering(s)?;
    let rest = s[prefix..].trim();
    let (title, inline) = match rest.find([':', '：']) {
        Some(pos) => {
            let colon_len = rest[pos..].chars().next().map_or(1, char::len_utf8);
            (rest[..pos].trim(), rest[pos + colon_len..].trim())
        }
        None => (rest, ""),
    };
    let n = norm(title);
    if n.is_empty() {
        return None;
    }
    let kind = if prefix == 0 {
        // Without numbering only a template title on its own line counts.
        let bare = n.trim_start_matches("政府信息公开");
        let exact = BARE_TITLES
            .iter()
            .position(|t| *t == n || t.trim_start_matches("政府信息公开") == bare);
        HeadingKind::Part(exact? as u8 + 1)
    } else {
        classify_title(&n)?
    };
    Some(Heading {
        kind,
        title: title.to_string(),
        inline: inline.to_string(),
    })
}

/// The template section a heading's title names (1–6), as the parser
/// numbers it: `概述` and `总体情况` are 1, `依申请公开…` 3.
pub fn section_of_title(title: &str) -> Option<u8> {
    match classify_title(title)? {
        HeadingKind::Part(n) | HeadingKind::Alias(n) => Some(n),
        HeadingKind::Stop => None,
    }
}

fn classify_title(n: &str) -> Option<HeadingKind> {
    let any = |words: &[&str]| words.iter().any(|w| n.contains(w));
    Some(if any(&["附表", "统计表"]) || n.starts_with("附件") {
        HeadingKind::Stop
    } else if any(&["其他需要报告", "其他事项", "其他需要说明", "其他需报告"])
    {
        HeadingKind::Part(6)
    } else if n.contains("问题") && any(&["改进", "存在", "主要问题", "不足"]) {
        HeadingKind::Part(5)
    } else if (n.contains("行政复议") && n.contains("行政诉讼"))
        || (any(&["行政复议", "行政诉讼"]) && n.contains("情况"))
    {
        HeadingKind::Part(4)
    } else if n.contains("收到和处理") || (n.contains("依申请") && any(&["情况", "公开"]))
    {
        HeadingKind::Part(3)
    } else if n.contains("主动公开") && any(&["情况", "政府信息"]) {
        HeadingKind::Part(2)
    } else if any(&["总体情况", "概述", "基本情况", "总体概况", "工作概况"]) {
        HeadingKind::Part(1)
    } else if n.contains("收费") && any(&["减免", "情况"]) {
        HeadingKind::Alias(6)
    } else {
        return None;
    })
}

/// The narrative split into parts.
pub struct Split {
    pub sections: Vec<Section>,
    pub preamble: String,
    /// Every other non-empty line: title, headings, table rows, appendices.
    pub rest: String,
}

/// Splits the narrative into parts. `table_line[i]` marks lines that belong to a
/// table (their text is not narrative). Lines before `body_start` (title, page
/// chrome) are not part of the preamble.
pub fn split(
    lines: &[String],
    headings: &[Option<Heading>],
    table_line: &[bool],
    body_start: usize,
) -> Split {
    let mut rest: Vec<String> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut primary_seen = [false; 7];
    let mut current: Option<usize> = None; // index into `sections`
    let mut preamble: Vec<&str> = Vec::new();
    let mut stopped = false;
    for (i, line) in lines.iter().enumerate() {
        let text = line.trim();
        if stopped {
            push_rest(&mut rest, text);
            continue;
        }
        if let Some(h) = &headings[i] {
            let number = match h.kind {
                HeadingKind::Stop => {
                    stopped = true;
                    push_rest(&mut rest, text);
                    continue;
                }
                HeadingKind::Part(n) if !primary_seen[n as usize] => {
                    primary_seen[n as usize] = true;
                    Some(n)
                }
                HeadingKind::Alias(n) => Some(n),
                HeadingKind::Part(_) => None,
            };
            if let Some(number) = number {
                let idx = match sections.iter().position(|s| s.number == number) {
                    Some(idx) => {
                        if matches!(h.kind, HeadingKind::Part(_)) {
                            sections[idx].title = h.title.clone();
                        }
                        idx
                    }
                    None => {
                        sections.push(Section {
                            number,
                            title: h.title.clone(),
                            text: String::new(),
                        });
                        sections.len() - 1
                    }
                };
                current = Some(idx);
                if !h.inline.is_empty() {
                    push_line(&mut sections[idx].text, &h.inline);
                }
                push_rest(&mut rest, text);
                continue;
            }
        }
        if table_line.get(i).copied().unwrap_or(false) {
            push_rest(&mut rest, text);
            continue;
        }
        if text.is_empty() {
            continue;
        }
        match current {
            Some(idx) => push_line(&mut sections[idx].text, text),
            None if i >= body_start => preamble.push(text),
            None => push_rest(&mut rest, text),
        }
    }
    sections.sort_by_key(|s| s.number);
    Split {
        sections,
        preamble: preamble.join("\n"),
        rest: rest.join("\n"),
    }
}

/// A non-narrative line, table cells joined by spaces.
fn push_rest(rest: &mut Vec<String>, line: &str) {
    let cells: Vec<&str> = line
        .split(['|', '\t'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if !cells.is_empty() {
        rest.push(cells.join(" "));
    }
}

fn push_line(buf: &mut String, line: &str) {
    if !buf.is_empty() {
        buf.push('\n');
    }
    buf.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(line: &str) -> Option<u8> {
        match heading(line)?.kind {
            HeadingKind::Part(n) => Some(n),
            _ => None,
        }
    }

    #[test]
    fn headings_in_any_numbering() {
        assert_eq!(part("一、总体情况"), Some(1));
        assert_eq!(part("3、 收到和处理政府信息公开申请情况"), Some(3));
        assert_eq!(part("第四部分 政府信息公开行政复议、行政诉讼情况"), Some(4));
        assert_eq!(part("存在的主要问题及改进情况"), Some(5));
        assert_eq!(part("  七、其他事项:无"), Some(6));
        assert_eq!(
            part("五、因政府信息公开申请行政复议、提起行政诉讼的情况"),
            Some(4)
        );
    }

    #[test]
    fn non_headings() {
        assert_eq!(part("（一）主动公开"), None);
        assert_eq!(
            part("一是主管部门的公开要求与行业部门的公开需求不配套。"),
            None
        );
        assert_eq!(
            part("一、本年新收政府信息公开申请数量 344 2 0 0 1 0 347"),
            None
        );
        assert_eq!(part("四、行政复议数量"), None);
        assert_eq!(part("| 行政复议 | 行政诉讼 |"), None);
        assert_eq!(part("行政复议 行政诉讼"), None);
        assert_eq!(
            heading("八、附表:").map(|h| h.kind),
            Some(HeadingKind::Stop)
        );
    }
}
