//! Character-level helpers: label normalisation and number reading.

/// Normalises a label for matching by meaning: full-width ASCII → half-width,
/// every kind of space removed, quotes dropped, Chinese brackets and colons folded.
/// `“三安全一稳定”` and `"三安全一稳定"` normalise alike.
pub fn norm(s: &str) -> String {
    // Labels are mostly CJK ideographs and plain ASCII, which come through
    // unchanged: they are copied a run at a time, and only the characters
    // that change are looked at one by one (this is called for every table
    // cell and most lines of every report).
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for (i, c) in s.char_indices() {
        if kept_as_is(c) {
            continue;
        }
        out.push_str(&s[run..i]);
        run = i + c.len_utf8();
        if let Some(c) = normed(c) {
            out.push(c);
        }
    }
    out.push_str(&s[run..]);
    out
}

/// Whether `norm` leaves `c` as it is.
fn kept_as_is(c: char) -> bool {
    match c {
        '\u{4e00}'..='\u{9fff}' => true,
        c if c.is_ascii() => !c.is_ascii_whitespace() && c != '"' && c != '\'' && c != '\u{b}',
        c => normed(c) == Some(c),
    }
}

/// What `norm` makes of `c`: `None` drops it.
fn normed(c: char) -> Option<char> {
    let c = fold_char(c);
    if c.is_whitespace() || is_zero_width(c) {
        return None;
    }
    match c {
        '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '＂' => None,
        '（' => Some('('),
        '）' => Some(')'),
        '：' => Some(':'),
        '，' => Some(','),
        '；' => Some(';'),
        '．' => Some('.'),
        c => Some(c),
    }
}

/// Full-width ASCII forms (U+FF01..U+FF5E) and the ideographic space to ASCII.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' | '\u{a0}' => ' ',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

/// A line that is only a page number: `- 3 -`, `— 12 —`, `第3页`,
/// `第 3 页 共 12 页`, `3/12`, or a bare `7`. `Some(true)` when it is marked
/// as one (dashes, 第…页, a slash); a bare number is `Some(false)`: a page
/// number in a PDF's margin, but in text it may be a cell of its own.
pub fn page_number(line: &str) -> Option<bool> {
    let s: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let core = s.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '·'));
    let (first, rest) = match core.split_once(['/', '共']) {
        Some((a, b)) => (a, Some(b)),
        None => (core, None),
    };
    let page = |p: &str| {
        let p = p.trim_start_matches('第').trim_end_matches('页');
        !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !page(first) || rest.is_some_and(|r| !page(r)) {
        return None;
    }
    Some(core.len() != s.len() || first.contains(['第', '页']) || rest.is_some())
}

pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// What one table cell holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellKind {
    /// Nothing at all (a merged-header filler or a blank cell).
    Empty,
    /// `—`, `-`, `/`, `无`, `不适用`: the cell says "no value".
    Placeholder,
    Number(f64),
    /// A unit such as 件 or 万元 standing in its own column (legacy tables).
    Unit,
    Text,
}

const PLACEHOLDERS: &[&str] = &[
    "—",
    "——",
    "-",
    "--",
    "–",
    "/",
    "\\",
    "无",
    "不适用",
    "空",
    "×",
    "x",
    "X",
    "*",
    "…",
    "……",
    "N/A",
    "n/a",
    "－",
    "－－",
    "／",
    "＼",
    "ｘ",
    "Ｘ",
    "＊",
    "―",
    "‐",
];

pub(crate) const UNITS: &[&str] = &[
    "条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "项", "期", "场", "批", "家", "册",
    "份",
];

pub fn classify(cell: &str) -> CellKind {
    let t = cell.trim_matches(|c: char| c.is_whitespace() || is_zero_width(c));
    if t.is_empty() {
        return CellKind::Empty;
    }
    // Fast path: most cells are plain ASCII numbers or long Chinese labels.
    if t.len() > 24 && !t.is_ascii() {
        return CellKind::Text;
    }
    if let Some(n) = parse_number(t) {
        return CellKind::Number(n);
    }
    // Placeholders and units are short and listed with their full-width forms,
    // so no folding (and no allocation) is needed here.
    if t.len() <= 12 {
        if PLACEHOLDERS.contains(&t) {
            return CellKind::Placeholder;
        }
        if UNITS.contains(&t) {
            return CellKind::Unit;
        }
    }
    CellKind::Text
}

/// Reads `344`, `１２３`, `1,234`, `1，234`, `31426.75`, `-3`, `−3`, `+2`.
/// Returns `None` for anything else (dates, percentages, `3.` numbering).
pub fn parse_number(s: &str) -> Option<f64> {
    // Most value cells are plain ASCII digits, and most other cells start with
    // a character no number starts with: neither needs the folded copy below.
    if (1..=15).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<u64>().ok().map(|v| v as f64);
    }
    let first = s.chars().map(fold_char).find(|c| !c.is_whitespace())?;
    if !(first.is_ascii_digit() || matches!(first, '-' | '−' | '–' | '+')) {
        return None;
    }
    parse_folded(s)
}

/// `parse_number` without its shortcuts: folds a copy of the cell first.
fn parse_folded(s: &str) -> Option<f64> {
    let folded: String = s
        .chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut t = folded.as_str();
    let mut negative = false;
    if let Some(rest) = t.strip_prefix(['-', '−', '–', '+']) {
        negative = t.starts_with(['-', '−', '–']);
        t = rest;
    }
    if t.is_empty() {
        return None;
    }
    let (int_part, frac_part) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    if int_part.is_empty() {
        return None;
    }
    let digits: String = if int_part.contains([',', '，']) {
        // Thousands separators must sit every three digits.
        let groups: Vec<&str> = int_part.split([',', '，']).collect();
        let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return None;
        }
        groups.concat()
    } else {
        int_part.to_string()
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 15 {
        return None;
    }
    let mut text = digits;
    if let Some(f) = frac_part {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) || f.len() > 6 {
            return None;
        }
        text.push('.');
        text.push_str(f);
    }
    let v: f64 = text.parse().ok()?;
    Some(if negative { -v } else { v })
}

/// Chinese numeral digits as written in years (`二〇二二`).
pub fn cjk_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | 'O' | '○' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn numbers_in_every_form() {
        assert_eq!(parse_number("344"), Some(344.0));
        assert_eq!(parse_number("３４４"), Some(344.0));
        assert_eq!(parse_number("1,234"), Some(1234.0));
        assert_eq!(parse_number("1，234，567"), Some(1234567.0));
        assert_eq!(parse_number("31426.75"), Some(31426.75));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("−12"), Some(-12.0));
        assert_eq!(parse_number("－5"), Some(-5.0));
        assert_eq!(parse_number(" 2"), Some(2.0));
        assert_eq!(parse_number("12,34"), None);
        assert_eq!(parse_number("3."), None);
        assert_eq!(parse_number("100%"), None);
        assert_eq!(parse_number("2023年"), None);
        assert_eq!(parse_number("-"), None);
    }

    /// Strings of up to `max_len - 1` characters drawn from `chars`.
    fn strings_of(chars: &'static str, max_len: usize) -> impl Strategy<Value = String> {
        let chars: Vec<char> = chars.chars().collect();
        proptest::collection::vec(proptest::sample::select(chars), 0..max_len)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        #[test]
        fn number_shortcuts_agree_with_the_folded_reading(
            s in strings_of("0123456789０９,，.．-−–+－＋ \u{3000}%年一甲", 18)
        ) {
            prop_assert_eq!(parse_number(&s), parse_folded(&s), "{:?}", s);
        }

        #[test]
        fn norm_copies_runs_exactly_as_it_maps_characters(
            s in strings_of("  \u{3000}\u{a0}\u{b}\t\n\u{200b}\u{feff}\"'“”‘’「」『』＂（）：，；．ＡＺａｚ０９！～,.;()甲乙\u{9fff}\u{4e00}\u{3400}é😀-", 12)
        ) {
            prop_assert_eq!(norm(&s), norm_by_char(&s), "{:?}", s);
        }
    }

    #[test]
    fn number_shortcuts_on_long_digit_runs() {
        assert_eq!(parse_number("000000000000012"), Some(12.0));
        assert_eq!(parse_number("1234567890123456"), None, "over 15 digits");
    }

    #[test]
    fn cells_are_classified() {
        assert_eq!(classify("\u{3000}"), CellKind::Empty);
        assert_eq!(classify("—"), CellKind::Placeholder);
        assert_eq!(classify("／"), CellKind::Placeholder);
        assert_eq!(classify("无"), CellKind::Placeholder);
        assert_eq!(classify("件"), CellKind::Unit);
        assert_eq!(classify("０"), CellKind::Number(0.0));
        assert_eq!(classify("行政许可"), CellKind::Text);
    }

    /// `norm` as first written, one character at a time.
    fn norm_by_char(s: &str) -> String {
        s.chars().filter_map(normed).collect()
    }

    #[test]
    fn norm_of_every_sample_line_is_its_character_reading() {
        for text in crate::parse::test_samples::texts() {
            for line in text.lines() {
                assert_eq!(norm(line), norm_by_char(line), "{line:?}");
            }
        }
    }

    #[test]
    fn norm_folds_quotes_and_widths() {
        assert_eq!(
            norm("3.危及“三安全一稳定”"),
            norm("3．危及\"三安全一稳定\"")
        );
        assert_eq!(norm("（一） 予以公开"), "(一)予以公开");
        assert_eq!(norm("商业 企业"), "商业企业");
    }
}
