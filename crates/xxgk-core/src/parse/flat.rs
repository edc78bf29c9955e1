//! Flattened page text: a crawler's `innerText` with whitespace collapsed,
//! the whole report on one or a few lines, headings inline and each table
//! row's cells glued into one run of digits
//! (`本年新收政府信息公开申请数量15310000154二、上年结转…`).
//!
//! A pre-pass recognises such text, cuts the tables into (label, run) pairs
//! in table order, splits the runs with `split::solve`, and writes the
//! report back as lines: a line break before and after each part heading,
//! and each table row as a pipe row (`| 一、本年新收… | 153 | 1 | … | 154 |`),
//! so the rest of the pipeline reads it unchanged. A cell no split decides
//! is written `…` (a placeholder: `null`), with a `cell.ambiguous` finding
//! listing the candidates; a split row's evidence names its split.

use super::labels::{active_header, match_request_row, request_group};
use super::sections::{heading, HeadingKind, TITLES};
use super::split::{self, CellOut, Constraint, Group, RowInput, RowOut, RowStatus};
use super::text::norm;
use crate::model::{Finding, Num, Severity};
use crate::template::{
    active_default_columns, request_row_label, ACTIVE_ITEMS, APPEAL_GROUPS, APPEAL_RESULTS,
    OUTCOMES_2021, REQUEST_COLUMNS,
};

/// The text written back as lines, and what the splitting found.
#[derive(Debug, Default)]
pub struct Unflat {
    pub text: String,
    /// For each line of `text`, the 0-based line of the original it starts in.
    pub line_map: Vec<usize>,
    /// Rows whose run was split: line of `text` (0-based) → `run → cells`.
    pub notes: Vec<(usize, String)>,
    /// `cell.ambiguous` for cells no split decides; the row's own rule for
    /// a row no split fits.
    pub findings: Vec<Finding>,
}

/// A line shorter than this is not flattened text.
const MIN_LONG_LINE_CHARS: usize = 200;
/// Glued runs of at least `MIN_GLUED_DIGITS` digits a flattened line holds.
const MIN_GLUED_RUNS: usize = 3;
const MIN_GLUED_DIGITS: usize = 7;
/// Runs of digits of any length a report on a few lines holds at least
/// (table 3 alone has some 26 rows).
const MIN_SHORT_RUNS: usize = 40;
/// A row label longer than this ends the table.
const MAX_LABEL_CHARS: usize = 90;
/// Bytes of label text looked through for the next run of a table row.
const MAX_LABEL_BYTES: usize = 600;

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_run_char(c: char) -> bool {
    is_digit(c) || split::is_placeholder_char(c)
}

/// Whether the text is flattened: a very long line holding several runs of
/// seven or more glued digits, and table 3's words. A normal report's lines
/// are short, and its cells are separated.
pub fn looks_flat(text: &str) -> bool {
    // The whole report on a few lines: page text whose cells may keep a
    // space between them (`153 100 00154`), so runs need not be long.
    let few_lines = text
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .take(6)
        .count()
        <= 5;
    text.split('\n').any(|line| {
        // Cheap tests first: most long lines are prose without table words.
        if line.len() < MIN_LONG_LINE_CHARS * 2
            || !(line.contains("新收") || line.contains("予以公开"))
            || line.chars().count() < MIN_LONG_LINE_CHARS
        {
            return false;
        }
        let (mut runs, mut short_runs, mut digits) = (0, 0, 0);
        for c in line.chars().chain(std::iter::once(' ')) {
            if is_digit(c) {
                digits += 1;
            } else {
                runs += usize::from(digits >= MIN_GLUED_DIGITS);
                short_runs += usize::from(digits > 0);
                digits = 0;
            }
        }
        runs >= MIN_GLUED_RUNS || (few_lines && short_runs >= MIN_SHORT_RUNS)
    })
}

/// Reads a run of cells starting at byte `i`: digits, decimal points
/// between digits, placeholders, single spaces between them. A digit glued
/// before `.`/`、` and a label (`…00000002.其他法律…`) is the next label's
/// numbering, not the run's. Returns the run's end and its text, or `None`
/// when only numbering is there.
fn run_at(s: &str, i: usize) -> Option<(usize, String)> {
    let mut chars: Vec<(usize, char)> = Vec::new();
    let mut end = i;
    let mut it = s[i..].char_indices().peekable();
    while let Some((off, c)) = it.next() {
        let at = i + off;
        let next = it.peek().map(|(_, n)| *n);
        let last = chars.last().map(|(_, c)| *c);
        if is_run_char(c) {
            chars.push((at, c));
            end = at + c.len_utf8();
        } else if matches!(c, '.' | '．')
            && last.is_some_and(is_digit)
            && next.is_some_and(is_digit)
        {
            chars.push((at, '.'));
        } else if matches!(c, ',' | '，')
            && last.is_some_and(is_digit)
            && thousands_after(&s[at + c.len_utf8()..])
        {
            // A thousands separator (`3,210`): kept, read as nothing.
            chars.push((at, ','));
        } else if c.is_whitespace()
            && last.is_some_and(|l| l != ' ')
            && next.is_some_and(is_run_char)
        {
            chars.push((at, ' '));
        } else {
            break;
        }
    }
    let mut after = s[end..].chars();
    let numbering = matches!(after.next(), Some('.' | '．' | '、'))
        && after
            .next()
            .is_some_and(|c| !is_digit(c) && !c.is_whitespace());
    if numbering && chars.last().is_some_and(|(_, c)| is_digit(*c)) {
        let (at, _) = chars.pop()?;
        end = at;
        while chars.last().is_some_and(|(_, c)| *c == ' ') {
            end = chars.pop()?.0;
        }
    }
    while chars.last().is_some_and(|(_, c)| *c == ',') {
        chars.pop();
    }
    if !chars.iter().any(|(_, c)| is_run_char(*c)) {
        return None;
    }
    Some((end, chars.into_iter().map(|(_, c)| c).collect()))
}

/// Whether three digits follow, and no fourth: the rest of `1,204`.
fn thousands_after(s: &str) -> bool {
    let mut it = s.chars();
    (0..3).all(|_| it.next().is_some_and(is_digit)) && !it.next().is_some_and(is_digit)
}

/// The next run at or after `from`, within `limit` bytes: (start, end, run).
fn next_run(s: &str, from: usize, limit: usize) -> Option<(usize, usize, String)> {
    let mut skip_to = from;
    for (off, c) in s[from..].char_indices() {
        let at = from + off;
        if off > limit {
            return None;
        }
        if at < skip_to || !is_run_char(c) {
            continue;
        }
        match run_at(s, at) {
            Some((end, run)) => return Some((at, end, run)),
            None => skip_to = at + c.len_utf8(),
        }
    }
    None
}

/// Cells a run holds at least: its digits and placeholders.
fn run_cells(run: &str) -> usize {
    run.chars().filter(|c| is_run_char(*c)).count()
}

/// A table row found in the text.
#[derive(Debug)]
struct FoundRow {
    /// Byte range of the label.
    label: (usize, usize),
    run: String,
    /// Byte offset where the row ends (the run's end).
    end: usize,
}

struct Table3 {
    begin: usize,
    end: usize,
    rows: Vec<(FoundRow, &'static str)>,
}

/// Where the label of table 3's first row begins, in `before` (which ends
/// where its run starts): at `一、本年新收`, numbering included.
fn first_label_begin(before: &str) -> usize {
    let Some(k) = before.rfind("新收") else {
        return 0;
    };
    let mut b = k;
    let head = before[..b].trim_end_matches(' ');
    if head.ends_with("本年") {
        b = head.len() - "本年".len();
    }
    // Numbering before it: `一、`, `1.`, `（一）`.
    let head = &before[..b];
    let numbering: usize = head
        .chars()
        .rev()
        .take(4)
        .take_while(|c| "一二三四五六七八九十0123456789、.．()（） ".contains(*c))
        .map(char::len_utf8)
        .sum();
    b - numbering
}

fn find_table3(s: &str) -> Option<Table3> {
    // The first run of seven or more cells whose label names 本年新收.
    let (mut pos, mut prev_end) = (0, 0);
    let begin = loop {
        let (start, end, run) = next_run(s, pos, usize::MAX)?;
        if run_cells(&run) >= 7 {
            let before = &s[prev_end..start];
            let tail_start = before.char_indices().rev().nth(80).map_or(0, |(i, _)| i);
            if norm(&before[tail_start..]).contains("本年新收") {
                break prev_end + first_label_begin(before);
            }
        }
        prev_end = end;
        pos = end;
    };
    let mut rows: Vec<(FoundRow, &'static str)> = Vec::new();
    let mut group = None;
    let mut pos = begin;
    while let Some((start, end, run)) = next_run(s, pos, MAX_LABEL_BYTES) {
        let label = s[pos..start].trim();
        let n = norm(label);
        if n.is_empty() || n.chars().count() > MAX_LABEL_CHARS || n.contains("行政复议") {
            break;
        }
        if let Some(g) = request_group(&n) {
            group = Some(g);
        }
        let Some(key) = match_request_row(&n, group) else {
            break;
        };
        if rows.iter().any(|(_, k)| *k == key) {
            break;
        }
        if key == "total" {
            group = None;
        }
        let label_start = pos + (s[pos..start].len() - s[pos..start].trim_start().len());
        rows.push((
            FoundRow {
                label: (label_start, label_start + label.len()),
                run,
                end,
            },
            key,
        ));
        pos = end;
        if key == "carried_forward" {
            break;
        }
    }
    if rows.len() < 3 {
        return None;
    }
    let end = rows.last().map_or(begin, |(r, _)| r.end);
    Some(Table3 { begin, end, rows })
}

/// Table 4's one run: the first run after `结果维持` with fifteen cells or more.
fn find_table4(s: &str, from: usize) -> Option<FoundRow> {
    let at = from + s[from..].find("结果维持")?;
    let (start, end, run) = next_run(s, at, MAX_LABEL_BYTES)?;
    (run_cells(&run) >= 15).then_some(FoundRow {
        label: (start, start),
        run,
        end,
    })
}

/// A table 2 row: its item, the header text before it, its columns.
struct ActiveRow {
    row: FoundRow,
    item: &'static str,
    name: &'static str,
    header: (usize, usize),
    cols: Vec<&'static str>,
}

/// Table 2: item names (`规章`, `行政许可`, …) each followed by a run, from
/// the table's first header (`第二十条`, `信息内容`) up to `until`.
fn find_table2(s: &str, until: usize) -> Vec<ActiveRow> {
    let region = &s[..until];
    let Some(start) = ["第二十条", "信息内容"]
        .iter()
        .filter_map(|w| region.find(w))
        .min()
    else {
        return Vec::new();
    };
    let mut names: Vec<(&'static str, &'static str)> = ACTIVE_ITEMS
        .iter()
        .flat_map(|(k, ns)| ns.iter().map(move |n| (*k, *n)))
        .collect();
    // Longest first: 行政规范性文件 before 规范性文件.
    names.sort_by_key(|(_, n)| std::cmp::Reverse(n.len()));
    let mut out: Vec<ActiveRow> = Vec::new();
    let mut cols: Option<Vec<&'static str>> = None;
    let mut era2019 = false;
    let mut header_start = start;
    let mut i = start;
    while i < until {
        let rest = &s[i..until];
        let Some((key, name)) = names.iter().find(|(_, n)| rest.starts_with(n)).copied() else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let after = i + name.len();
        let value_at = after + (s[after..].len() - s[after..].trim_start().len());
        let run = s[value_at..]
            .chars()
            .next()
            .filter(|c| is_run_char(*c))
            .and_then(|_| run_at(s, value_at));
        let Some((end, run)) = run else {
            i = after;
            continue;
        };
        let header = norm(&s[header_start..i]);
        if let Some((c, era)) = active_header(&header) {
            if header.contains("信息内容") || c.len() >= 2 {
                era2019 |= era == Some("2019");
                cols = Some(c);
            }
        }
        let row_cols = cols
            .clone()
            .unwrap_or_else(|| active_default_columns(key, era2019).to_vec());
        out.push(ActiveRow {
            row: FoundRow {
                label: (i, after),
                run,
                end,
            },
            item: key,
            name,
            header: (header_start, i),
            cols: row_cols,
        });
        header_start = end;
        i = end;
    }
    out
}

/// Writes the report back as lines.
struct Writer<'a> {
    src: &'a str,
    newlines: Vec<usize>,
    out: Unflat,
}

impl<'a> Writer<'a> {
    fn new(src: &'a str) -> Self {
        Writer {
            src,
            newlines: memchr::memchr_iter(b'\n', src.as_bytes()).collect(),
            out: Unflat::default(),
        }
    }

    /// Writes a line that starts at byte `origin` of the source; returns its
    /// line number, or `None` for a blank one.
    fn line(&mut self, text: &str, origin: usize) -> Option<usize> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        self.out.text.push_str(t);
        self.out.text.push('\n');
        self.out
            .line_map
            .push(self.newlines.partition_point(|&p| p < origin));
        Some(self.out.line_map.len() - 1)
    }

    /// Narrative: its own line breaks, plus one before and after each part
    /// heading and after the report's title.
    fn narrative(&mut self, from: usize, to: usize) {
        let src = self.src;
        let mut cuts: Vec<usize> = vec![from];
        let mut at = from;
        for piece in src[from..to].split('\n') {
            let start = at;
            at += piece.len() + 1;
            cuts.push(start);
            if start == 0 {
                if let Some(end) = title_end(piece) {
                    cuts.push(end);
                }
            }
            for (a, b) in heading_spans(piece) {
                cuts.push(start + a);
                cuts.push(start + b);
            }
        }
        cuts.push(to);
        cuts.sort_unstable();
        cuts.dedup();
        // Every line of the source starts at a cut: no window holds a line break
        // but at its end.
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1].min(to));
            if a < b {
                self.line(&src[a..b], a);
            }
        }
    }
}

/// Where the report's title ends in the first line (`…年度报告`).
fn title_end(line: &str) -> Option<usize> {
    let head_len = line.char_indices().nth(120).map_or(line.len(), |(i, _)| i);
    let head = &line[..head_len];
    // The title's own ending comes after its year: a breadcrumb before it
    // (`首页 > … > 年度报告成都市…2022年…年度报告`) ends in the same words.
    let year = head
        .char_indices()
        .find(|&(i, c)| {
            c == '年'
                && i >= 4
                && head.is_char_boundary(i - 4)
                && head[i - 4..i].bytes().all(|b| b.is_ascii_digit())
        })
        .map_or(0, |(i, _)| i);
    ["年度报告", "工作报告", "情况报告", "年报"]
        .iter()
        .filter_map(|w| head[year..].find(w).map(|p| year + p + w.len()))
        .min()
        .filter(|&e| e < line.len())
}

/// Part headings inside a line: byte ranges (`一、总体情况`).
fn heading_spans(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if !numeral(c) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        if prev.is_some_and(|p| numeral(p) || matches!(p, '第' | '(' | '（' | '.')) {
            continue;
        }
        // One or two numerals, then the separator.
        let mut j = k + 1;
        if chars.get(j).is_some_and(|(_, c)| numeral(*c)) {
            j += 1;
        }
        if !chars
            .get(j)
            .is_some_and(|(_, c)| matches!(c, '、' | '.' | '．'))
        {
            continue;
        }
        // The title: up to a space, a sentence mark or a digit, at most 30 characters.
        let title_from = j + 1;
        let mut e = title_from;
        while e < chars.len() && e - title_from < 30 {
            let c = chars[e].1;
            if c.is_whitespace() && e > title_from {
                break;
            }
            if matches!(c, '。' | '，' | ',' | '；' | ';' | '：' | ':') || c.is_ascii_digit() {
                break;
            }
            e += 1;
        }
        let byte = |idx: usize| chars.get(idx).map_or(line.len(), |(b, _)| *b);
        let (title_start, mut end) = (byte(title_from), byte(e));
        if let Some(p) = TITLES
            .iter()
            .filter_map(|t| line[title_start..end].find(t).map(|p| p + t.len()))
            .min()
        {
            end = title_start + p;
        }
        if line[end..].starts_with(['：', ':']) {
            end += line[end..].chars().next().map_or(0, char::len_utf8);
        }
        let candidate = &line[at..end];
        let is_part = heading(candidate).is_some_and(|h| {
            matches!(
                h.kind,
                HeadingKind::Part(_) | HeadingKind::Stop | HeadingKind::Alias(_)
            )
        });
        if is_part {
            out.push((at, end));
        }
    }
    out
}

/// A cell as written into a pipe row.
fn cell_text(c: &CellOut) -> String {
    match c {
        CellOut::Value(v) => Num(*v).to_string(),
        CellOut::Null => "—".to_string(),
        // A placeholder: the parser reads it as null.
        CellOut::Unknown => "…".to_string(),
    }
}

/// A row whose run is placeholders only: every cell is null, whatever the count.
fn all_placeholders(run: &str) -> bool {
    run.chars()
        .filter(|c| !c.is_whitespace())
        .all(split::is_placeholder_char)
}

/// What a row's split says, as a finding: `None` when every cell is certain.
fn finding(
    label: &str,
    run: &str,
    row: &RowOut,
    keys: &[String],
    sum_rule: Option<&str>,
    relaxed: bool,
) -> Option<Finding> {
    let unknown: Vec<String> = keys
        .iter()
        .zip(&row.cells)
        .filter(|(_, c)| **c == CellOut::Unknown)
        .map(|(k, _)| k.clone())
        .collect();
    let (rule, severity, message) = match row.status {
        RowStatus::Solved => return None,
        RowStatus::Ambiguous => {
            let cands: Vec<String> = row.candidates.iter().map(split::show_candidate).collect();
            let more = if row.candidates.len() >= split::SHOWN {
                " / …"
            } else {
                ""
            };
            let relaxed = if relaxed {
                "；表内各列的勾稽关系无一拆分能满足"
            } else {
                ""
            };
            (
                "cell.ambiguous",
                Severity::Warning,
                format!(
                    "{label}: 数字连写“{run}”有多种拆分，未取值{relaxed} (digits ran together; several splits fit): {}{more}",
                    cands.join(" / ")
                ),
            )
        }
        RowStatus::TooMany => (
            "cell.ambiguous",
            Severity::Warning,
            format!("{label}: 数字连写“{run}”拆分方式过多，未取值 (digits ran together; too many splits to choose from)"),
        ),
        // No split satisfies the row's sum: a sum the report got wrong, or
        // a cell left blank (its 总计, most often) that the run cannot show.
        // Flattened text cannot tell which, so this is no arithmetic error.
        RowStatus::NoSplit => (
            "cell.ambiguous",
            Severity::Warning,
            if sum_rule.is_some() {
                format!("{label}: 数字连写“{run}”无论如何拆分都不满足本行的合计关系（报告有误或有空格），未取值 (no split of the digits satisfies the row's sum: a wrong sum in the report, or a blank cell)")
            } else {
                format!(
                    "{label}: 数字连写“{run}”无法拆分为 {} 个数，未取值 (digits ran together; no split fits the columns)",
                    keys.len()
                )
            },
        ),
    };
    Some(Finding {
        rule: rule.into(),
        severity,
        message,
        keys: unknown,
    })
}

/// One row as the writer emits it.
struct Emit {
    start: usize,
    end: usize,
    /// Lines before the row (table 2's headers): (text, origin).
    before: Vec<(String, usize)>,
    line: String,
    origin: usize,
    note: Option<String>,
    finding: Option<Finding>,
}

/// Rows of one table, solved, as pipe rows.
#[allow(clippy::too_many_arguments)]
fn emit_rows(
    out: &mut Vec<Emit>,
    s: &str,
    found: &[&FoundRow],
    labels: &[String],
    keys: &[Vec<String>],
    groups: &[Vec<Group>],
    constraints: &[Constraint],
    sum_rule: Option<&str>,
) {
    let inputs: Vec<RowInput> = found
        .iter()
        .zip(groups)
        .map(|(r, g)| RowInput {
            tokens: split::tokens(&r.run),
            groups: g.clone(),
        })
        .collect();
    let solved = split::solve(&inputs, constraints);
    for (i, r) in found.iter().enumerate() {
        let width = keys[i].len();
        let row = if all_placeholders(&r.run) {
            RowOut {
                cells: vec![CellOut::Null; width],
                status: RowStatus::Solved,
                candidates: Vec::new(),
            }
        } else {
            solved.rows[i].clone()
        };
        let run = r.run.trim();
        let label_text = s[r.label.0..r.label.1].trim();
        let mut line = String::from("| ");
        line.push_str(label_text);
        line.push_str(" |");
        for c in &row.cells {
            line.push(' ');
            line.push_str(&cell_text(c));
            line.push_str(" |");
        }
        let note = (width > 1 || row.status != RowStatus::Solved)
            .then(|| format!("{run} → {}", split::show(&row.cells)));
        out.push(Emit {
            start: r.label.0,
            end: r.end,
            before: Vec::new(),
            line,
            origin: r.label.0,
            note,
            finding: finding(&labels[i], run, &row, &keys[i], sum_rule, solved.relaxed),
        });
    }
}

/// Table 3's rules over the rows found: outcomes sum to （七）总计 and
/// 新收 + 结转 = 总计 + 结转下年度, per column, when every row they name is there.
pub(crate) fn table3_constraints(keys: &[&'static str]) -> Vec<Constraint> {
    let at = |k: &str| keys.iter().position(|x| *x == k);
    let uses_2021 = keys.iter().any(|k| k.starts_with("other_processing."));
    let leaves: Vec<&str> = OUTCOMES_2021
        .iter()
        .copied()
        .filter(|r| uses_2021 || !r.starts_with("other_processing"))
        .chain((!uses_2021).then_some("other_processing"))
        .collect();
    let mut out = Vec::new();
    let leaf_rows: Option<Vec<usize>> = leaves.iter().map(|l| at(l)).collect();
    if let (Some(leaf_rows), Some(total)) = (leaf_rows, at("total")) {
        for c in 0..REQUEST_COLUMNS.len() {
            let mut terms: Vec<(usize, usize, i64)> =
                leaf_rows.iter().map(|&r| (r, c, 1)).collect();
            terms.push((total, c, -1));
            out.push(Constraint { terms });
        }
    }
    if let (Some(n), Some(o), Some(t), Some(f)) = (
        at("new_received"),
        at("carried_over"),
        at("total"),
        at("carried_forward"),
    ) {
        for c in 0..REQUEST_COLUMNS.len() {
            out.push(Constraint {
                terms: vec![(n, c, 1), (o, c, 1), (t, c, -1), (f, c, -1)],
            });
        }
    }
    out
}

/// Recognises flattened text and writes it back as lines; `None` for any
/// other text (which is left as it is).
pub fn unflatten(s: &str) -> Option<Unflat> {
    let mut emits: Vec<Emit> = Vec::new();
    if looks_flat(s) {
        if let Some(t3) = find_table3(s) {
            tables_2_to_4(s, &t3, &mut emits);
        }
    }
    if emits.is_empty() && looks_flat_legacy(s) {
        legacy_rows(s, &mut emits);
    }
    if emits.is_empty() {
        return None;
    }
    emits.sort_by_key(|e| e.start);
    let mut w = Writer::new(s);
    let mut pos = 0;
    for e in emits {
        if e.start < pos {
            continue;
        }
        w.narrative(pos, e.start);
        for (text, origin) in &e.before {
            w.line(text, *origin);
        }
        if let Some(line) = w.line(&e.line, e.origin) {
            if let Some(note) = e.note {
                w.out.notes.push((line, note));
            }
        }
        w.out.findings.extend(e.finding);
        pos = e.end;
    }
    w.narrative(pos, s.len());
    Some(w.out)
}

/// Tables 2, 3 and 4 of the 2019/2021 templates, table 3 found.
fn tables_2_to_4(s: &str, t3: &Table3, emits: &mut Vec<Emit>) {
    // Table 2.
    let t2 = find_table2(s, t3.begin);
    for a in &t2 {
        let keys: Vec<String> = a
            .cols
            .iter()
            .map(|c| format!("active.{}.{c}", a.item))
            .collect();
        // A minus glued before a digit is a sign (本年增/减), not a placeholder.
        let chars: Vec<char> = a.row.run.chars().collect();
        let signed = chars
            .windows(2)
            .any(|w| matches!(w[0], '-' | '－' | '−') && is_digit(w[1]));
        let group = vec![Group {
            width: a.cols.len(),
            sum: false,
        }];
        let before = emits.len();
        emit_rows(
            emits,
            s,
            &[&a.row],
            &[a.name.to_string()],
            std::slice::from_ref(&keys),
            &[group],
            &[],
            None,
        );
        let e = &mut emits[before];
        e.before = vec![(s[a.header.0..a.header.1].to_string(), a.header.0)];
        e.start = a.header.0;
        if signed {
            e.line = format!("| {} |{}", a.name, " … |".repeat(a.cols.len()));
            e.note = Some(format!(
                "{} → {}",
                a.row.run.trim(),
                vec!["?"; a.cols.len()].join(" ")
            ));
            e.finding = Some(Finding {
                rule: "cell.ambiguous".into(),
                severity: Severity::Warning,
                message: format!(
                    "{}: 数字连写“{}”含正负号，未取值 (digits and signs ran together)",
                    a.name,
                    a.row.run.trim()
                ),
                keys,
            });
        }
    }

    // Table 3.
    let keys3: Vec<&'static str> = t3.rows.iter().map(|(_, k)| *k).collect();
    let found3: Vec<&FoundRow> = t3.rows.iter().map(|(r, _)| r).collect();
    let labels3: Vec<String> = keys3
        .iter()
        .map(|k| request_row_label(k).to_string())
        .collect();
    let cells3: Vec<Vec<String>> = keys3
        .iter()
        .map(|k| {
            REQUEST_COLUMNS
                .iter()
                .map(|(c, _)| super::tables::request_cell(k, c))
                .collect()
        })
        .collect();
    let groups3 = vec![split::sum_row(REQUEST_COLUMNS.len()); found3.len()];
    emit_rows(
        emits,
        s,
        &found3,
        &labels3,
        &cells3,
        &groups3,
        &table3_constraints(&keys3),
        Some("requests.columns"),
    );

    // Table 4.
    if let Some(r4) = find_table4(s, t3.end) {
        let keys: Vec<String> = APPEAL_GROUPS
            .iter()
            .flat_map(|(g, _)| APPEAL_RESULTS.iter().map(move |(r, _)| format!("{g}.{r}")))
            .collect();
        let groups = vec![
            Group {
                width: APPEAL_RESULTS.len(),
                sum: true
            };
            APPEAL_GROUPS.len()
        ];
        emit_rows(
            emits,
            s,
            &[&r4],
            &["行政复议、行政诉讼".to_string()],
            &[keys],
            &[groups],
            &[],
            Some("appeals.sum"),
        );
    }
}

/// Whether the text is a flattened legacy 统计表: a very long line naming
/// the table, with many values glued to their unit (`件58`).
fn looks_flat_legacy(text: &str) -> bool {
    text.split('\n').any(|line| {
        if line.len() < MIN_LONG_LINE_CHARS
            || !(line.contains("统计表") || line.contains("统计指标"))
            || line.chars().count() < MIN_LONG_LINE_CHARS
        {
            return false;
        }
        let chars: Vec<char> = line.chars().collect();
        let glued = chars
            .windows(2)
            .filter(|w| matches!(w[0], '件' | '条' | '元') && is_digit(w[1]))
            .count();
        glued >= MIN_LEGACY_ROWS
    })
}

/// Values glued to their unit a flattened 统计表 holds at least.
const MIN_LEGACY_ROWS: usize = 8;
/// A legacy label longer than this is not a row: the table has ended.
const MAX_LEGACY_LABEL_CHARS: usize = 160;

/// The legacy 统计表 (indicator, unit, value and perhaps 历年累计): every
/// run right after a unit is a row's values; digits elsewhere belong to a
/// label (`计1条`). Written as pipe rows `| 指标 | 件 | 58 |`.
fn legacy_rows(s: &str, emits: &mut Vec<Emit>) {
    let Some((p, word)) = ["统计指标", "统计表"]
        .iter()
        .filter_map(|w| s.find(w).map(|p| (p, *w)))
        .min()
    else {
        return;
    };
    let header_start = ["附表", "附件"]
        .iter()
        .filter_map(|w| s[..p].rfind(w))
        .filter(|&a| p - a <= 90)
        .min()
        .unwrap_or(p);
    let header_end = p + word.len();
    let mut units: Vec<&str> = super::text::UNITS.to_vec();
    units.sort_by_key(|u| std::cmp::Reverse(u.len()));
    let mut rows: Vec<(FoundRow, usize)> = Vec::new();
    let (mut pos, mut label_start) = (header_end, header_end);
    while let Some((start, end, run)) = next_run(s, pos, MAX_LABEL_BYTES) {
        let before = s[label_start..start].trim_end();
        if norm(before).chars().count() > MAX_LEGACY_LABEL_CHARS {
            break;
        }
        let Some(unit) = units.iter().find(|u| before.ends_with(**u)) else {
            pos = end;
            continue;
        };
        let unit_at = label_start + before.len() - unit.len();
        rows.push((
            FoundRow {
                label: (label_start, unit_at),
                run,
                end,
            },
            start,
        ));
        label_start = end;
        pos = end;
    }
    if rows.len() < MIN_LEGACY_ROWS {
        return;
    }
    // 历年累计 in the header: two values a row, of which the parser reads the first.
    let first_label = rows[0].0.label.0;
    let width = if norm(&s[header_end..first_label.max(header_end)]).contains("累计")
        || norm(&s[rows[0].0.label.0..rows[0].0.label.1]).contains("累计")
    {
        2
    } else {
        1
    };
    let mut group = None;
    let found: Vec<&FoundRow> = rows.iter().map(|(r, _)| r).collect();
    let labels: Vec<String> = found
        .iter()
        .map(|r| s[r.label.0..r.label.1].trim().to_string())
        .collect();
    let keys: Vec<Vec<String>> = labels
        .iter()
        .map(|l| {
            let key = super::labels::match_legacy(&norm(l), &mut group);
            let mut k = vec![key.unwrap_or("legacy.?").to_string()];
            k.resize(width, "legacy.?".to_string());
            k
        })
        .collect();
    let groups = vec![vec![Group { width, sum: false }]; found.len()];
    let first = emits.len();
    emit_rows(emits, s, &found, &labels, &keys, &groups, &[], None);
    for (e, (r, value_at)) in emits[first..].iter_mut().zip(&rows) {
        // The unit is a cell of its own, between the label and the values.
        let unit = s[r.label.1..*value_at].trim();
        if let Some(rest) = e.line.strip_prefix("| ") {
            if let Some(cut) = rest.find(" |") {
                e.line = format!("| {} | {} |{}", &rest[..cut], unit, &rest[cut + 2..]);
            }
        }
        if width == 1 {
            e.note = None;
        }
    }
    emits[first].before = vec![(s[header_start..header_end].to_string(), header_start)];
    emits[first].start = header_start;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_leave_the_next_labels_numbering() {
        let s = "公开00000002.其他法律";
        let (end, run) = run_at(s, "公开".len()).unwrap();
        assert_eq!(run, "0000000");
        assert_eq!(&s[end..], "2.其他法律");
        assert_eq!(run_at("1.属于国家秘密", 0), None);
        assert_eq!(run_at("12.5行政", 0).unwrap().1, "12.5");
        assert_eq!(run_at("0 0 0 0 五、", 0).unwrap().1, "0 0 0 0");
    }

    #[test]
    fn headings_inside_a_line() {
        let line = "如下。一、总体情况 2024年，本街道… 二、主动公开政府信息情况第二十条 （一）主动公开 三是加强";
        let spans: Vec<&str> = heading_spans(line)
            .into_iter()
            .map(|(a, b)| &line[a..b])
            .collect();
        assert_eq!(spans, ["一、总体情况", "二、主动公开政府信息情况"]);
    }

    #[test]
    fn normal_text_is_not_flattened() {
        for text in crate::parse::test_samples::texts() {
            assert!(!looks_flat(&text));
        }
    }
}

#[cfg(test)]
mod fixture {
    fn read(name: &str) -> crate::model::Report {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures")
            .join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        crate::read::read_bytes_with_evidence(name, &bytes).expect(name)
    }

    fn text(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures")
            .join(name);
        std::fs::read_to_string(path).expect(name)
    }

    /// Keys of `cell.ambiguous` findings.
    fn ambiguous(r: &crate::model::Report) -> Vec<String> {
        r.findings
            .iter()
            .filter(|f| f.rule == "cell.ambiguous")
            .flat_map(|f| f.keys.clone())
            .collect()
    }

    /// Every statistic of `flat` is the original's, or null with a finding
    /// naming it (`rules`); no statistic is added or lost.
    fn same_or_blank(flat: &crate::model::Report, orig: &crate::model::Report, rules: &[&str]) {
        let flagged: Vec<&String> = flat
            .findings
            .iter()
            .filter(|f| rules.contains(&f.rule.as_str()))
            .flat_map(|f| &f.keys)
            .collect();
        let keys: Vec<&String> = flat.stats.keys().collect();
        assert_eq!(keys, orig.stats.keys().collect::<Vec<_>>());
        for (k, v) in &orig.stats {
            let got = flat.stats[k];
            if got.is_none() && v.is_some() {
                assert!(flagged.contains(&k), "{k} is blank without a finding");
            } else {
                assert_eq!(got, *v, "{k}");
            }
        }
    }

    #[test]
    fn the_flat_twin_reads_as_its_original() {
        let flat = read("flat_2024.txt");
        let orig = read("pipe_2024.txt");
        assert_eq!(flat.body.as_deref(), Some("温州市瓯海区娄桥街道办事处"));
        assert_eq!(
            (flat.body.clone(), flat.year),
            (orig.body.clone(), orig.year)
        );
        assert_eq!(flat.template, orig.template);
        assert_eq!(
            flat.sections.iter().map(|s| s.number).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 6]
        );
        same_or_blank(&flat, &orig, &["cell.ambiguous"]);
        // 3127 is 3 1 27, 3 12 7 or 31 2 7: table 2 has no sum to choose.
        let normative = [
            "active.normative_documents.issued",
            "active.normative_documents.repealed",
            "active.normative_documents.in_force",
        ];
        assert_eq!(ambiguous(&flat), normative);
        assert!(flat.findings.iter().all(|f| f.rule != "cell.missing"));
        assert_eq!(flat.stat("requests.new_received.total"), Some(43.0));
        let ev = flat
            .evidence
            .get("requests.new_received.natural_person")
            .unwrap();
        assert_eq!(ev.line, 1);
        assert_eq!(ev.split.as_deref(), Some("382003043 → 38 2 0 0 3 0 43"));
        assert!(ev.text.starts_with("| 一、本年新收"), "{}", ev.text);
        let ev = flat.evidence.get("review.total").unwrap();
        assert_eq!(
            ev.split.as_deref(),
            Some("100120100100000 → 1 0 0 1 2 0 1 0 0 1 0 0 0 0 0")
        );
        // The original's evidence has no split.
        assert!(orig.evidence.rows.iter().all(|r| r.split.is_none()));
    }

    #[test]
    fn a_row_no_split_fits_is_blank_with_a_warning() {
        let t = text("flat_2024.txt").replace("不计其他情形）3000003", "不计其他情形）3000004");
        let flat = crate::read::read_bytes_with_evidence("typo.txt", t.as_bytes()).unwrap();
        let orig = read("pipe_2024.txt");
        same_or_blank(&flat, &orig, &["cell.ambiguous"]);
        // A wrong sum or a blank cell: flattened text cannot say which.
        let f = flat
            .findings
            .iter()
            .find(|f| f.rule == "cell.ambiguous" && f.message.contains("3000004"))
            .expect("a warning for the row");
        assert_eq!(f.severity, crate::model::Severity::Warning);
        assert_eq!(f.keys.len(), 7);
        assert!(f
            .keys
            .iter()
            .all(|k| k.starts_with("requests.partially_granted.")));
        assert_eq!(flat.stats["requests.partially_granted.total"], None);
    }

    #[test]
    fn what_the_rules_cannot_decide_is_blank_with_the_candidates() {
        // 复议: 1 12 1 0 14, 11 2 1 0 14 and 1 1 2 10 14 all run together as 1121014.
        let t = text("flat_2024.txt").replace("总计 100120100100000", "总计 11210140100100000");
        let flat = crate::read::read_bytes_with_evidence("amb.txt", t.as_bytes()).unwrap();
        assert_eq!(flat.stat("review.total"), Some(14.0));
        assert_eq!(flat.stats["review.upheld"], None);
        assert_eq!(flat.stat("litigation_direct.corrected"), Some(1.0));
        let f = flat
            .findings
            .iter()
            .find(|f| f.rule == "cell.ambiguous" && f.keys.contains(&"review.upheld".to_string()))
            .expect("ambiguous");
        assert!(f.message.contains("1 12 1 0 14"), "{}", f.message);
        assert!(f.message.contains("11 2 1 0 14"), "{}", f.message);
        assert!(!f.keys.contains(&"review.total".to_string()));
        let ev = flat.evidence.get("review.upheld").unwrap();
        assert_eq!(
            ev.split.as_deref(),
            Some("11210140100100000 → ? ? ? ? 14 0 1 0 0 1 0 0 0 0 0")
        );
    }

    /// `pipe_2024.txt` with table 3's values replaced, flattened as
    /// `make_flat.py` does.
    fn flat_variant(rows: &[[u64; 7]]) -> (String, String) {
        let src = text("pipe_2024.txt");
        let mut out = Vec::new();
        let mut next = rows.iter();
        let mut in_table3 = false;
        for line in src.lines() {
            in_table3 |= line.starts_with("三、收到和处理");
            in_table3 &= !line.starts_with("四、");
            let mut cells: Vec<String> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            let numbers = cells.iter().filter(|c| c.parse::<u64>().is_ok()).count();
            if in_table3 && numbers == 7 {
                let n = cells.len();
                let row = next.next().expect("a row per table 3 line");
                for (c, v) in cells[n - 7..].iter_mut().zip(row) {
                    *c = v.to_string();
                }
                out.push(format!("| {} |", cells.join(" | ")));
            } else {
                out.push(line.to_string());
            }
        }
        let pipe = out.join("\n");
        let flat = flatten(&pipe);
        (pipe, flat)
    }

    /// A text as a crawler's collapsed innerText gives it, as
    /// `make_flat.py` does: one line, each pipe row's text cells joined by
    /// a space and its number cells glued on.
    fn flatten(text: &str) -> String {
        let flat: Vec<String> = text
            .lines()
            .map(|line| {
                if !line.starts_with('|') {
                    return line.trim().to_string();
                }
                let mut s = String::new();
                for cell in line.trim_matches('|').split('|').map(str::trim) {
                    if cell.is_empty() {
                        continue;
                    }
                    let number = cell
                        .chars()
                        .all(|c| c.is_ascii_digit() || ".,—".contains(c));
                    if !number && !s.is_empty() {
                        s.push(' ');
                    }
                    s.push_str(cell);
                }
                s
            })
            .filter(|l| !l.is_empty())
            .collect();
        flat.join(" ")
    }

    #[test]
    fn a_flattened_legacy_table_reads_as_its_original() {
        let orig = read("legacy_2015.txt");
        let flat_text = flatten(&text("legacy_2015.txt"));
        assert_eq!(flat_text.lines().count(), 1);
        assert!(flat_text.contains("件20 2.传真申请数 件0"), "{flat_text}");
        let flat = crate::read::read_bytes_with_evidence("flat.txt", flat_text.as_bytes()).unwrap();
        assert_eq!(flat.template, crate::model::Template::Legacy);
        assert_eq!(
            (flat.body.clone(), flat.year),
            (orig.body.clone(), orig.year)
        );
        assert_eq!(flat.stats, orig.stats);
        assert_eq!(flat.stat("legacy.active.total"), Some(3210.0));
        assert_eq!(flat.findings, orig.findings);
        assert_eq!(flat.evidence.get("legacy.requests.fax").unwrap().line, 1);
    }

    #[test]
    fn a_legacy_table_with_its_running_total_glued_on() {
        // 统计数 and 历年累计 ran together: `件2080` is 20 80, 2 080 is no count.
        let t = text("legacy_2015.txt")
            .replace(
                "| 统计指标 | 单位 | 统计数 |",
                "| 统计指标 | 单位 | 统计数 | 历年累计 |",
            )
            .replace(
                "| 1.当面申请数 | 件 | 20 |",
                "| 1.当面申请数 | 件 | 20 | 80 |",
            )
            .replace("| 2.传真申请数 | 件 | 0 |", "| 2.传真申请数 | 件 | 0 | 5 |")
            .replace(
                "| 3.网络申请数 | 件 | 30 |",
                "| 3.网络申请数 | 件 | 30 | 112 |",
            );
        let flat =
            crate::read::read_bytes_with_evidence("flat.txt", flatten(&t).as_bytes()).unwrap();
        assert_eq!(flat.template, crate::model::Template::Legacy);
        // 2080: 2 080 has a leading zero, 20 80 and 208 0 fit.
        assert_eq!(flat.stats["legacy.requests.in_person"], None);
        assert_eq!(flat.stat("legacy.requests.fax"), Some(0.0), "05 is 0 5");
        assert_eq!(flat.stats["legacy.requests.online"], None);
        let amb = ambiguous(&flat);
        assert!(
            amb.contains(&"legacy.requests.in_person".to_string()),
            "{amb:?}"
        );
        let ev = flat.evidence.get("legacy.requests.fax").unwrap();
        assert_eq!(ev.split.as_deref(), Some("05 → 0 5"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Random consistent tables 3 in the flat twin: labels cut, runs
        /// split, and every number given is the original's.
        #[test]
        fn random_flat_reports_read_as_their_originals(
            t in crate::parse::split::random_tables::table3(true)
        ) {
            let (pipe, flat) = flat_variant(&t.rows);
            let orig = crate::read::read_text("pipe.txt", &pipe).unwrap();
            let flat = crate::read::read_text("flat.txt", &flat).unwrap();
            proptest::prop_assert_eq!(flat.year, orig.year);
            same_or_blank(&flat, &orig, &["cell.ambiguous"]);
        }
    }
}

#[cfg(test)]
mod timing {
    #[test]
    #[ignore = "measurement: cargo test --release -p xxgk-core flat_parse_time -- --ignored --nocapture"]
    fn flat_parse_time() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/flat_2024.txt");
        let text = std::fs::read_to_string(path).unwrap();
        let t = std::time::Instant::now();
        for _ in 0..200 {
            crate::read::read_text("flat_2024.txt", &text).unwrap();
        }
        eprintln!("flat_2024.txt: {:?} a parse", t.elapsed() / 200);
    }
}
