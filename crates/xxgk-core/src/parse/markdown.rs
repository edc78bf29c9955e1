//! Markdown as PDF-to-Markdown converters write it → the text the row
//! reader knows. Line for line (a line dropped becomes an empty one), so a
//! statistic's evidence line is its line in the file:
//!
//! - `#` heading marks, `>` quote marks, `**bold**` and `__bold__` go;
//! - a table's `| --- | :---: |` row goes, and so does a header row a
//!   converter wrote instead of the real one (`| 数据1 | 数据2 | … |`);
//! - page footers the converter kept between rows (`第 3 页 共 8 页`,
//!   `— 3 —`, `- 3 -`) go;
//! - `<br>` in a cell is a space, and `\|` a full-width bar.

use super::text::page_number;

/// Whether a file's text is Markdown: by its name, or by a table's
/// separator row or two `#` headings.
pub fn looks_like_markdown(source: &str, text: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        return true;
    }
    // Cheap test first: no separator row and no heading mark, no Markdown.
    if !(text.contains("---") || text.contains("# ")) {
        return false;
    }
    let mut headings = 0;
    for line in text.lines().take(2_000) {
        let line = line.trim_start();
        if is_separator_row(line) {
            return true;
        }
        if line.starts_with("# ") || line.starts_with("## ") || line.starts_with("### ") {
            headings += 1;
            if headings >= 2 {
                return true;
            }
        }
    }
    false
}

/// The text with Markdown's marks taken out, one line for each line.
pub fn to_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim();
        if !(is_separator_row(trimmed)
            || is_placeholder_header(trimmed)
            || page_number(trimmed) == Some(true))
        {
            out.push_str(&clean(trimmed));
        }
        out.push('\n');
    }
    out.pop();
    out
}

fn clean(line: &str) -> String {
    let mut s = line;
    while let Some(rest) = s.strip_prefix('>') {
        s = rest.trim_start();
    }
    let hashes = s.len() - s.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) {
        s = s[hashes..].trim_start();
    }
    s.replace("**", "")
        .replace("__", "")
        .replace("<br>", " ")
        .replace("<br/>", " ")
        .replace("<br />", " ")
        .replace("\\|", "｜")
}

/// `| --- | :---: |`, `---|---`: a table's header separator.
fn is_separator_row(line: &str) -> bool {
    if !line.contains('-') || !line.contains('|') && !line.starts_with('-') {
        return false;
    }
    let inner = line.trim_matches('|');
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    cells.len() >= 2
        && cells.iter().all(|c| {
            let c = c.trim_start_matches(':').trim_end_matches(':');
            c.len() >= 3 && c.bytes().all(|b| b == b'-')
        })
}

/// `| 数据1 | 数据2 | … |`: a header row a converter made up.
fn is_placeholder_header(line: &str) -> bool {
    if !line.starts_with('|') {
        return false;
    }
    let cells: Vec<&str> = line
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    !cells.is_empty()
        && cells.iter().all(|c| {
            let digits = c
                .trim_start_matches(['数', '据', '列', ' '])
                .trim_start_matches("Column");
            (c.starts_with("数据") || c.starts_with('列') || c.starts_with("Column"))
                && !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_go_and_lines_stay_in_place() {
        let md = "# 某区民政局2023年报告\n\n| 数据1 | 数据2 |\n| --- | :---: |\n| 规章 | **3** |\n第 3 页 共 6 页\n— 4 —\n> ## 五、存在的主要问题\n| 甲\\|乙 | 1<br>2 |";
        let text = to_text(md);
        let lines: Vec<&str> = text.split('\n').collect();
        assert_eq!(
            lines,
            [
                "某区民政局2023年报告",
                "",
                "",
                "",
                "| 规章 | 3 |",
                "",
                "",
                "五、存在的主要问题",
                "| 甲｜乙 | 1 2 |"
            ]
        );
    }

    #[test]
    fn markdown_is_told_by_name_or_by_its_marks() {
        assert!(looks_like_markdown("a.md", "正文"));
        assert!(looks_like_markdown(
            "a.txt",
            "| a | b |\n|---|---|\n| 1 | 2 |"
        ));
        assert!(looks_like_markdown(
            "a.txt",
            "# 标题\n正文\n## 一、总体情况"
        ));
        assert!(!looks_like_markdown("a.txt", "| a | b |\n| 1 | 2 |"));
        assert!(!looks_like_markdown("a.txt", "一、总体情况\n- 3 -\n"));
    }

    #[test]
    fn footers_are_decorated_numbers_only() {
        for s in ["第 3 页 共 8 页", "第3页", "— 3 —", "- 12 -", "3 / 8"] {
            assert_eq!(page_number(s), Some(true), "{s}");
        }
        for s in [
            "3",
            "2023年",
            "- 规章 -",
            "第二十条第（一）项",
            "1/2 的申请",
        ] {
            assert_ne!(page_number(s), Some(true), "{s}");
        }
    }
}
