//! Text laid out in terminal cells, for the whole crate (CLI tables, TUI
//! screens, search snippets):
//!
//! - display width: [`width`] (unicode-width; CJK = 2 cells). Layout code
//!   measures with it, never with `len()` or `chars().count()`;
//! - padding: [`pad_right`], [`pad_left`];
//! - truncation on grapheme boundaries: [`truncate`], [`truncate_with`];
//! - line breaking by the Unicode rules (UAX #14) with the Chinese line-start
//!   and line-end rules (禁则): [`wrap`];
//! - the width CLI tables are laid out for: [`terminal_width`].
//!
//! A grapheme cluster (a character with its combining marks, an emoji
//! sequence) is never split: cutting and wrapping measure one cluster at a
//! time, so a cut text is never wider than asked, in [`width`] as on screen.

use unicode_linebreak::{linebreaks, BreakOpportunity};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What [`truncate`] ends a cut text with.
pub const ELLIPSIS: &str = "…";

/// Display width in terminal cells: CJK characters take two, combining marks
/// none.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` cells, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    truncate_with(s, max, ELLIPSIS)
}

/// Cuts `s` to at most `max` cells, ending with `ellipsis` when cut (without
/// it when even the ellipsis does not fit). Never splits a grapheme cluster.
pub fn truncate_with(s: &str, max: usize, ellipsis: &str) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let (room, tail) = match max.checked_sub(width(ellipsis)) {
        Some(room) => (room, ellipsis),
        None => (max, ""),
    };
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w > room {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push_str(tail);
    out
}

/// Pads on the right to `w` cells (left-aligned text).
/// `n` with thousands separators: 2,011.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 hit`, `2,011 hits`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

pub fn pad_right(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// Pads on the left to `w` cells (right-aligned numbers).
pub fn pad_left(s: &str, w: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', w.saturating_sub(width(s))).collect();
    out.push_str(s);
    out
}

/// Characters a line must not start with (行首禁则): closing punctuation,
/// pause and stop marks, closing brackets and quotes.
pub fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '］'
            | '｝'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '〗'
            | '〕'
            | '〙'
            | '〛'
            | '’'
            | '”'
            | '·'
            | '・'
            | '｡'
            | '､'
            | '％'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Characters a line must not end with (行尾禁则): opening brackets and
/// quotes.
pub fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '［'
            | '｛'
            | '「'
            | '『'
            | '《'
            | '〈'
            | '【'
            | '〖'
            | '〔'
            | '〘'
            | '〚'
            | '‘'
            | '“'
            | '('
            | '['
            | '{'
    )
}

/// Whitespace that may hang past the end of a line and is dropped there.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

/// Line terminators: a hard break, not shown.
fn is_newline(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Width of `s` counted a grapheme cluster at a time, as the screen draws it
/// (never less than [`width`]).
fn cluster_width(s: &str) -> usize {
    s.graphemes(true).map(width).sum()
}

/// Whether a line may break between `before` and `after` by the 禁则.
fn may_break_between(before: &str, after: &str) -> bool {
    let next = after.chars().next();
    let last = before.trim_end_matches(is_space).chars().next_back();
    !next.is_some_and(no_line_start) && !last.is_some_and(no_line_end)
}

/// Breaks `s` into rows of at most `max` cells: at the break opportunities of
/// UAX #14 (between any two Chinese characters, after spaces and hyphens,
/// never inside a number or word), and never so that a row starts with a
/// character of [`no_line_start`] or ends with one of [`no_line_end`]: the
/// character next to it moves across the break instead. A word wider than
/// `max` is cut between grapheme clusters (still by the 禁则 where it can
/// be); a single cluster wider than `max` gets a row of its own. Line
/// terminators in `s` end rows; spaces at the end of a wrapped row, and
/// spaces past `max` before a line terminator, are dropped. Always at least
/// one row.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let boundaries: Vec<usize> = s.grapheme_indices(true).map(|(i, _)| i).collect();
    let is_boundary = |i: usize| i == s.len() || boundaries.binary_search(&i).is_ok();
    let mut rows = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut start = 0;
    for (at, opportunity) in linebreaks(s) {
        let hard = opportunity == BreakOpportunity::Mandatory;
        if !hard
            && (at == s.len() || !is_boundary(at) || !may_break_between(&s[start..at], &s[at..]))
        {
            continue;
        }
        let segment = s[start..at].trim_end_matches(is_newline);
        start = at;
        let visible = cluster_width(segment.trim_end_matches(is_space));
        if used + visible > max && !line.is_empty() {
            rows.push(end_row(std::mem::take(&mut line), 0));
            used = 0;
        }
        if used + visible <= max {
            line.push_str(segment);
            used += cluster_width(segment);
        } else {
            for piece in cut_word(segment, max) {
                if !line.is_empty() {
                    rows.push(end_row(std::mem::take(&mut line), 0));
                }
                used = cluster_width(piece);
                line.push_str(piece);
            }
        }
        if hard {
            rows.push(end_row(std::mem::take(&mut line), max));
            used = 0;
        }
    }
    if rows.is_empty() || !line.is_empty() {
        rows.push(end_row(line, max));
    }
    rows
}

/// A finished row: spaces that hang past `max` dropped (all spaces at its
/// end with `max` 0, for a row ended by wrapping).
fn end_row(mut row: String, max: usize) -> String {
    while cluster_width(&row) > max && row.ends_with(is_space) {
        row.pop();
    }
    row
}

/// Cuts a word wider than `max` (no break opportunity inside) into pieces of
/// at most `max` cells between grapheme clusters, moving a cut back where
/// the 禁则 forbid it and an earlier cut is possible.
fn cut_word(word: &str, max: usize) -> Vec<&str> {
    let clusters: Vec<(usize, &str)> = word.grapheme_indices(true).collect();
    let mut pieces = Vec::new();
    let mut first = 0; // index into `clusters` where the current piece starts
    while first < clusters.len() {
        let mut end = first;
        let mut used = 0;
        while end < clusters.len() {
            let w = width(clusters[end].1);
            if used + w > max && end > first {
                break;
            }
            used += w;
            end += 1;
        }
        if end < clusters.len() {
            let byte = |k: usize| clusters[k].0;
            let mut cut = end;
            while cut > first + 1
                && !may_break_between(&word[byte(first)..byte(cut)], &word[byte(cut)..])
            {
                cut -= 1;
            }
            if cut > first + 1
                || may_break_between(&word[byte(first)..byte(cut)], &word[byte(cut)..])
            {
                end = cut;
            }
        }
        let from = clusters[first].0;
        let to = clusters.get(end).map_or(word.len(), |c| c.0);
        pieces.push(&word[from..to]);
        first = end;
    }
    pieces
}

/// The least width CLI tables are laid out for.
const MIN_TABLE_WIDTH: usize = 40;

/// Columns CLI tables are laid out for: the terminal's own width when stdout
/// is a terminal (bash does not export `$COLUMNS`), else `$COLUMNS`, else 80.
pub fn terminal_width() -> usize {
    use std::io::IsTerminal;
    let tty = if std::io::stdout().is_terminal() {
        ratatui::crossterm::terminal::size()
            .ok()
            .map(|(cols, _)| cols)
    } else {
        None
    };
    terminal_width_from(tty, std::env::var("COLUMNS").ok().as_deref())
}

/// [`terminal_width`] from its sources: the terminal's columns (at least
/// 40 are used), then `$COLUMNS` when it is a number of at least 40, then 80.
pub fn terminal_width_from(terminal_columns: Option<u16>, columns_var: Option<&str>) -> usize {
    terminal_columns
        .filter(|c| *c > 0)
        .map(|c| usize::from(c).max(MIN_TABLE_WIDTH))
        .or_else(|| {
            columns_var
                .and_then(|c| c.parse().ok())
                .filter(|w| *w >= MIN_TABLE_WIDTH)
        })
        .unwrap_or(80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_like_counts() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(2011), "2,011");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(plural(1, "hit", "hits"), "1 hit");
        assert_eq!(plural(2011, "hit", "hits"), "2,011 hits");
    }
    use proptest::prelude::*;

    #[test]
    fn widths_in_cells() {
        assert_eq!(width("总计"), 4);
        assert_eq!(width("abc"), 3);
        assert_eq!(width("2024年"), 6);
        assert_eq!(width("，。"), 4);
        // A combining acute accent takes no cell of its own.
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("😀"), 2);
        // A ZWJ family is one cluster drawn two cells wide.
        assert_eq!(width("👨\u{200d}👩\u{200d}👧"), 2);
        assert_eq!(width(""), 0);
    }

    #[test]
    fn padding_by_cells() {
        assert_eq!(pad_left("12", 4), "  12");
        assert_eq!(pad_right("总计", 6), "总计  ");
        assert_eq!(width(&pad_right("总计", 6)), 6);
        assert_eq!(pad_left("总计总计", 4), "总计总计");
    }

    #[test]
    fn truncation_by_cells() {
        assert_eq!(truncate("政府信息公开工作年度报告", 9), "政府信息…");
        assert_eq!(width(&truncate("政府信息公开工作年度报告", 9)), 9);
        assert_eq!(truncate("政府信息公开工作", 9), "政府信息…");
        assert!(width(&truncate_with("政府信息公开工作", 9, "...")) <= 9);
        assert_eq!(truncate_with("政府信息公开工作", 9, "..."), "政府信...");
        assert_eq!(truncate("总计", 4), "总计");
        assert_eq!(truncate("总计", 0), "");
        assert_eq!(truncate_with("abcdef", 2, "..."), "ab");
    }

    #[test]
    fn truncation_never_splits_a_cluster() {
        let s = "cafe\u{301}st";
        assert_eq!(truncate(s, 5), "cafe\u{301}…");
        assert_eq!(truncate(s, 4), "caf…");
        let family = "ab👨\u{200d}👩\u{200d}👧cd";
        assert_eq!(truncate(family, 4), "ab…");
        assert_eq!(truncate(family, 5), "ab👨\u{200d}👩\u{200d}👧…");
    }

    #[test]
    fn wrapping_chinese() {
        assert_eq!(wrap("政府信息公开", 5), ["政府", "信息", "公开"]);
        assert_eq!(wrap("", 10), [""]);
        // 、 may not start a line: 央 comes down with it.
        assert_eq!(wrap("落实中央、省委", 8), ["落实中", "央、省委"]);
        // 《 may not end a line: it goes down with 中.
        assert_eq!(wrap("贯彻落实《中华人民", 10), ["贯彻落实", "《中华人民"]);
        // 。」 together may not start a line.
        assert_eq!(wrap("他说：好。」然后", 10), ["他说：", "好。」然后"]);
        // Quotes stay with their neighbours.
        assert_eq!(wrap("秉持“以公开", 6), ["秉", "持“以", "公开"]);
        // UAX #14 breaks before ·, which may not start a line.
        assert_eq!(wrap("长春市·二道区", 6), ["长春", "市·二", "道区"]);
    }

    #[test]
    fn wrapping_words_numbers_and_newlines() {
        assert_eq!(wrap("hello world again", 11), ["hello world", "again"]);
        // A number is not broken; it moves to the next row whole.
        assert_eq!(wrap("上年结转1300件", 10), ["上年结转", "1300件"]);
        assert_eq!(wrap("一\n\n二", 10), ["一", "", "二"]);
        assert_eq!(wrap("一\r\n二\n", 10), ["一", "二"]);
        // A word wider than the row is cut between clusters.
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        // A cluster wider than the row gets a row of its own.
        assert_eq!(wrap("政府", 1), ["政", "府"]);
        // Trailing spaces hang and are dropped at a wrap.
        assert_eq!(wrap("ab   cd", 3), ["ab", "cd"]);
    }

    #[test]
    fn terminal_width_falls_back() {
        assert_eq!(terminal_width_from(Some(132), Some("100")), 132);
        assert_eq!(terminal_width_from(Some(20), None), 40);
        assert_eq!(terminal_width_from(Some(0), Some("100")), 100);
        assert_eq!(terminal_width_from(None, Some("100")), 100);
        assert_eq!(terminal_width_from(None, Some("30")), 80);
        assert_eq!(terminal_width_from(None, Some("wide")), 80);
        assert_eq!(terminal_width_from(None, None), 80);
    }

    /// Chinese text with punctuation, never two forbidden marks in a row
    /// (a run of them wider than a row cannot be kept off a line start).
    fn chinese() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            8 => "[政府信息公开工作年度报告申请行政复议诉讼]{1,6}",
            1 => "[0-9]{1,5}",
            1 => "[a-z]{1,12}",
            1 => Just("e\u{301}".to_string()),
            1 => Just("👨\u{200d}👩\u{200d}👧".to_string()),
        ];
        let mark = prop_oneof![
            Just(String::new()),
            "[，。、：；）」』！？》]",
            "[（「『《“][政府信息]",
            Just(" ".to_string()),
        ];
        prop::collection::vec((word, mark), 1..30)
            .prop_map(|parts| parts.into_iter().map(|(w, m)| w + &m).collect())
    }

    proptest! {
        #[test]
        fn truncation_fits_and_keeps_clusters(s in chinese(), max in 0usize..40) {
            let t = truncate(&s, max);
            prop_assert!(width(&t) <= max, "{t:?} wider than {max}");
            let body = t.strip_suffix(ELLIPSIS).unwrap_or(&t);
            prop_assert!(s.starts_with(body));
            let cut = body.len();
            prop_assert!(cut == s.len() || s.grapheme_indices(true).any(|(i, _)| i == cut),
                "{t:?} splits a cluster of {s:?}");
        }

        #[test]
        fn wrapped_rows_fit_and_keep_the_rules(s in chinese(), max in 6usize..40) {
            let rows = wrap(&s, max);
            for row in &rows {
                prop_assert!(width(row) <= max, "{row:?} wider than {max}");
                prop_assert!(!row.chars().next().is_some_and(no_line_start), "{row:?} starts with a forbidden mark in {rows:?}");
                prop_assert!(!row.trim_end().chars().next_back().is_some_and(no_line_end), "{row:?} ends with a forbidden mark in {rows:?}");
            }
            // Nothing but hanging spaces is lost, and no cluster is split.
            let clusters = |t: &str| -> Vec<String> {
                t.graphemes(true).filter(|g| *g != " ").map(str::to_string).collect()
            };
            let rows_clusters: Vec<String> = rows.iter().flat_map(|r| clusters(r)).collect();
            prop_assert_eq!(rows_clusters, clusters(&s));
        }
    }
}
