//! A portal page saved as HTML → text lines. Tables become `|` rows with
//! rowspans copied down and colspans padded, so the row reader sees the same
//! shape as the pipe layout. Navigation, scripts and footers are dropped.

use scraper::{ElementRef, Html, Node};

const SKIP_TAGS: &[&str] = &[
    "head", "script", "style", "noscript", "nav", "footer", "iframe", "form", "select", "button",
    "aside", "svg", "object", "template",
];

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "main",
    "tr",
    "center",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "hr",
    "body",
];

/// Class or id fragments of page chrome.
const CHROME: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "breadcrumb",
    "crumb",
    "sidebar",
    "share",
    "copyright",
    "banner",
    "toolbar",
    "topbar",
    "login",
    "searchbox",
    "dibu",
    "daohang",
];

/// Rows/columns a single cell may span; larger values in broken pages are clamped.
const MAX_ROWSPAN: usize = 200;
const MAX_COLSPAN: usize = 60;

pub fn looks_like_html(path: &str, text: &str) -> bool {
    let lower_path = path.to_ascii_lowercase();
    if lower_path.ends_with(".html") || lower_path.ends_with(".htm") {
        return true;
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && text.contains("</table>"))
}

pub fn to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    walk(doc.root_element(), &mut out);
    out
}

fn is_chrome(el: &ElementRef) -> bool {
    let v = el.value();
    let attrs = [v.attr("class").unwrap_or(""), v.attr("id").unwrap_or("")];
    // Called for every element: compared without a lower-cased copy.
    attrs.iter().any(|a| {
        a.split(|ch: char| !ch.is_ascii_alphanumeric()).any(|w| {
            CHROME.iter().any(|c| {
                w.len() >= c.len() && w.as_bytes()[..c.len()].eq_ignore_ascii_case(c.as_bytes())
            })
        })
    })
}

fn newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn push_text(out: &mut String, text: &str) {
    let mut last_space = out.ends_with([' ', '\n']) || out.is_empty();
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = false;
        }
    }
}

fn walk(el: ElementRef, out: &mut String) {
    let name = el.value().name();
    if SKIP_TAGS.contains(&name) || is_chrome(&el) {
        return;
    }
    if name == "table" {
        newline(out);
        render_table(el, out);
        return;
    }
    let block = BLOCK_TAGS.contains(&name);
    if block {
        newline(out);
    }
    for child in el.children() {
        match child.value() {
            Node::Text(t) => push_text(out, t),
            Node::Element(_) => {
                if let Some(e) = ElementRef::wrap(child) {
                    walk(e, out);
                }
            }
            _ => {}
        }
    }
    if block {
        newline(out);
    }
}

/// All text inside a cell on one line (nested blocks and tables flattened).
fn cell_text(el: ElementRef) -> String {
    let mut s = String::new();
    for node in el.descendants() {
        match node.value() {
            Node::Text(t) => push_text(&mut s, t),
            Node::Element(e) if matches!(e.name(), "br" | "p" | "div") => push_text(&mut s, " "),
            _ => {}
        }
    }
    super::grid::cell_text(&s)
}

/// The `tr` elements of this table, not of tables nested in its cells.
fn own_rows(table: ElementRef) -> Vec<ElementRef> {
    table
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "tr")
        .filter(|tr| {
            tr.ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| a.value().name() == "table")
                .is_some_and(|t| t.id() == table.id())
        })
        .collect()
}

fn span(el: &ElementRef, attr: &str, max: usize) -> usize {
    el.value()
        .attr(attr)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

fn render_table(table: ElementRef, out: &mut String) {
    let rows = own_rows(table);
    let mut grid: Vec<super::grid::GridRow> = vec![Vec::new(); rows.len()];
    for (r, tr) in rows.iter().enumerate() {
        let mut col = 0;
        for cell in tr.children().filter_map(ElementRef::wrap) {
            if !matches!(cell.value().name(), "td" | "th") {
                continue;
            }
            while grid[r].get(col).is_some_and(Option::is_some) {
                col += 1;
            }
            let rowspan = span(&cell, "rowspan", MAX_ROWSPAN).min(rows.len() - r);
            let colspan = span(&cell, "colspan", MAX_COLSPAN);
            let text = cell_text(cell);
            for dr in 0..rowspan {
                let line = &mut grid[r + dr];
                if line.len() < col + colspan {
                    line.resize(col + colspan, None);
                }
                for dc in 0..colspan {
                    // Labels spanning rows repeat on each row; a cell spanning
                    // columns fills only its first one, so values are never doubled.
                    line[col + dc] = Some(if dc == 0 { text.clone() } else { String::new() });
                }
            }
            col += colspan;
        }
    }
    super::grid::push_rows(&grid, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_expand() {
        let html = r#"<table>
            <tr><td rowspan="2">三、本年度办理结果</td><td>（一）予以公开</td><td colspan="2">5</td></tr>
            <tr><td>（二）部分公开</td><td>1</td><td>2</td></tr></table>"#;
        let text = to_text(html);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "| 三、本年度办理结果 | （一）予以公开 | 5 |  |");
        assert_eq!(lines[1], "| 三、本年度办理结果 | （二）部分公开 | 1 | 2 |");
    }

    #[test]
    fn chrome_is_dropped() {
        let html = r#"<html><head><title>x</title><script>var a=1;</script></head><body>
            <div class="nav-bar">网站首页 政务公开</div><p>一、总体情况</p><div id="footer">版权所有</div></body></html>"#;
        let text = to_text(html);
        assert!(text.contains("一、总体情况"));
        assert!(!text.contains("网站首页"));
        assert!(!text.contains("版权所有"));
        assert!(!text.contains("var a"));
        let upper = r#"<body><ul ID="NAV-top"><li>首页</li></ul><div class="Main-Copyright">版权</div><p>正文</p></body>"#;
        assert_eq!(to_text(upper).trim(), "正文", "class and id in any case");
    }
}
