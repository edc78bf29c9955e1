//! Width folding: reports mix full-width and half-width forms (`２０２３年`
//! and `2023年`, `，` and `,`, `（` and `(`, `ＡＢＣ`). The index and the
//! query both fold them, NFKC-style for the full-width ASCII block
//! (U+FF01–U+FF5E) and the ideographic space, so either form finds the
//! other. One character always folds to one character, so character
//! positions and snippet marks stay those of the report's own text, which
//! snippets keep.

use std::borrow::Cow;

/// `c` in its half-width form (case kept).
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// `c` as the index compares it: half-width, ASCII lower-cased (Chinese has
/// no case; only ASCII is folded, the same at query time).
pub fn fold_char(c: char) -> char {
    fold_width(c).to_ascii_lowercase()
}

/// `s` with every character width-folded (borrowed when nothing changes).
pub fn fold_str(s: &str) -> Cow<'_, str> {
    if s.chars().any(|c| fold_width(c) != c) {
        Cow::Owned(s.chars().map(fold_width).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Whether `s` holds full-width digits or Latin letters: the only folded
/// characters that change how jieba cuts (punctuation and spaces separate
/// words in either form).
pub fn has_wide_alphanumeric(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}'))
}

/// `s` width-folded, with the byte offset in `s` of each byte offset of the
/// folded text that starts a character (and of its end).
pub fn fold_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(s.len());
    let mut at = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let f = fold_width(c);
        let start = folded.len();
        folded.push(f);
        at.resize(start, usize::MAX);
        at.push(i);
    }
    at.resize(folded.len(), usize::MAX);
    at.push(s.len());
    (folded, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_fold_to_half_width() {
        assert_eq!(fold_str("２０２３年"), "2023年");
        assert_eq!(
            fold_str("规定，现公布（试行）：ＡＢｃ"),
            "规定,现公布(试行):ABc"
        );
        assert_eq!(fold_str("政务\u{3000}公开"), "政务 公开");
        // Chinese punctuation NFKC leaves alone stays.
        assert_eq!(fold_str("。、“”《》"), "。、“”《》");
        assert!(matches!(fold_str("行政复议"), Cow::Borrowed(_)));
        assert_eq!(fold_char('Ａ'), 'a');
        assert!(has_wide_alphanumeric("第２条") && !has_wide_alphanumeric("第2条，"));
    }

    #[test]
    fn offsets_point_back_into_the_original() {
        let s = "共２３件，";
        let (f, at) = fold_with_offsets(s);
        assert_eq!(f, "共23件,");
        for (i, c) in f.char_indices() {
            let orig = &s[at[i]..];
            assert_eq!(fold_width(orig.chars().next().unwrap()), c);
        }
        assert_eq!(at[f.len()], s.len());
    }
}
