//! Tokenizers for the two text fields.
//!
//! - `JiebaTokenizer`: words by jieba (cut mode), each followed by its
//!   dictionary sub-words (jieba's search mode) at the *same* position, so
//!   phrase queries built from cut-mode words line up and positions never go
//!   backwards. Offsets are byte offsets into the text.
//! - `BigramTokenizer`: every pair of adjacent non-space characters, position =
//!   character index. A phrase of consecutive bigrams is an exact substring, so
//!   this field finds every section `rg -F` would find.

use std::sync::Arc;

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::fold::{fold_char, fold_with_offsets, has_wide_alphanumeric};

// The names are kept in the index's schema; a new name marks a change in
// what the terms are (`_w`: width-folded), so an older index is refused.
pub const JIEBA: &str = "xxgk_jieba_w";
pub const BIGRAM: &str = "xxgk_bigram_w";

/// Words worth indexing: at least one letter, digit or CJK character.
fn is_word(s: &str) -> bool {
    s.chars().any(|c| c.is_alphanumeric())
}

/// Cut-mode words of `text` with byte offsets, lower-cased, punctuation dropped.
pub fn words(jieba: &Jieba, text: &str) -> Vec<(usize, usize, String)> {
    jieba
        .cut(text, true)
        .into_iter()
        .filter(|t| is_word(t.word))
        .map(|t| (t.byte_start, t.byte_end, t.word.to_lowercase()))
        .collect()
}

#[derive(Clone)]
pub struct JiebaTokenizer {
    /// `None` until the first text when made by `lazy`.
    jieba: Option<Arc<Jieba>>,
    tokens: Vec<Token>,
}

impl JiebaTokenizer {
    pub fn new(jieba: Arc<Jieba>) -> Self {
        JiebaTokenizer {
            jieba: Some(jieba),
            tokens: Vec::new(),
        }
    }

    /// Takes the full dictionary (`dict::full`) on its first text, so an
    /// indexer can parse its first files while the dictionary loads.
    pub fn lazy() -> Self {
        JiebaTokenizer {
            jieba: None,
            tokens: Vec::new(),
        }
    }
}

pub struct VecTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl TokenStream for VecTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

fn token(from: usize, to: usize, position: usize, text: String) -> Token {
    Token {
        offset_from: from,
        offset_to: to,
        position,
        text,
        position_length: 1,
    }
}

impl Tokenizer for JiebaTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        self.tokens.clear();
        let jieba = self.jieba.get_or_insert_with(super::dict::full);
        // Full-width digits and letters are cut as their half-width forms
        // (rare: most texts take the first branch and are not copied).
        let (folded, back);
        let (text, offset): (&str, &dyn Fn(usize) -> usize) = if has_wide_alphanumeric(text) {
            (folded, back) = fold_with_offsets(text);
            (folded.as_str(), &|i| back[i])
        } else {
            (text, &|i| i)
        };
        for (position, (from, to, word)) in words(jieba, text).into_iter().enumerate() {
            let chars: Vec<(usize, char)> = text[from..to].char_indices().collect();
            // jieba's search mode: dictionary 2- and 3-grams inside longer words.
            for n in [2usize, 3] {
                if chars.len() > n {
                    for w in 0..=chars.len() - n {
                        let s = from + chars[w].0;
                        let e = chars.get(w + n).map_or(to, |(i, _)| from + i);
                        let sub = &text[s..e];
                        if jieba.has_word(sub) {
                            self.tokens.push(token(
                                offset(s),
                                offset(e),
                                position,
                                sub.to_lowercase(),
                            ));
                        }
                    }
                }
            }
            self.tokens
                .push(token(offset(from), offset(to), position, word));
        }
        VecTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

/// Bigrams of `text`: (position = char index, byte from, byte to, text).
pub fn bigrams(text: &str) -> Vec<(usize, usize, usize, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::with_capacity(chars.len());
    for i in 0..chars.len().saturating_sub(1) {
        let (a, ca) = chars[i];
        let (_, cb) = chars[i + 1];
        if ca.is_whitespace() || cb.is_whitespace() {
            continue;
        }
        let end = chars.get(i + 2).map_or(text.len(), |(e, _)| *e);
        let mut s = String::with_capacity(8);
        // Width-folded, ASCII lower-cased: the same at query time.
        s.push(fold_char(ca));
        s.push(fold_char(cb));
        out.push((i, a, end, s));
    }
    out
}

#[derive(Clone, Default)]
pub struct BigramTokenizer {
    tokens: Vec<Token>,
}

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        self.tokens.clear();
        self.tokens.extend(
            bigrams(text)
                .into_iter()
                .map(|(p, s, e, t)| token(s, e, p, t)),
        );
        VecTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(t: &mut impl Tokenizer, text: &str) -> Vec<(usize, String, usize, usize)> {
        let mut out = Vec::new();
        let mut s = t.token_stream(text);
        while s.advance() {
            let tok = s.token();
            out.push((
                tok.position,
                tok.text.clone(),
                tok.offset_from,
                tok.offset_to,
            ));
        }
        out
    }

    #[test]
    fn jieba_search_mode_keeps_parts_and_wholes_at_one_position() {
        let mut t = JiebaTokenizer::new(super::super::dict::full());
        let text = "推进政府信息公开工作";
        let toks = stream(&mut t, text);
        let at = |w: &str| toks.iter().find(|x| x.1 == w).map(|x| x.0);
        assert!(at("政府信息公开").is_some(), "{toks:?}");
        assert_eq!(
            at("信息"),
            at("政府信息公开"),
            "sub-word shares the word's position"
        );
        assert_eq!(at("公开"), at("政府信息公开"));
        // Positions never go backwards; offsets are byte offsets into the text.
        assert!(toks.windows(2).all(|w| w[0].0 <= w[1].0));
        for (_, word, from, to) in &toks {
            assert_eq!(&text[*from..*to], word);
        }
    }

    #[test]
    fn full_width_forms_make_the_terms_half_width_ones_do() {
        let mut t = JiebaTokenizer::new(super::super::dict::full());
        let wide = stream(&mut t, "２０２３年共办理ＰＤＦ申请");
        let narrow = stream(&mut t, "2023年共办理PDF申请");
        let terms = |v: &[(usize, String, usize, usize)]| {
            v.iter().map(|x| (x.0, x.1.clone())).collect::<Vec<_>>()
        };
        assert_eq!(terms(&wide), terms(&narrow));
        // Offsets stay those of the original text.
        let text = "２０２３年共办理ＰＤＦ申请";
        for (_, word, from, to) in &wide {
            assert_eq!(
                super::super::fold::fold_str(&text[*from..*to]).to_lowercase(),
                *word
            );
        }
        let b = |s: &str| bigrams(s).into_iter().map(|x| x.3).collect::<Vec<_>>();
        assert_eq!(b("规定，现（２）"), b("规定,现(2)"));
    }

    #[test]
    fn bigrams_skip_whitespace_and_lowercase() {
        let b: Vec<String> = bigrams("行政 复议A").into_iter().map(|x| x.3).collect();
        assert_eq!(b, ["行政", "复议", "议a"]);
        let pos: Vec<usize> = bigrams("行政 复议").into_iter().map(|x| x.0).collect();
        assert_eq!(pos, [0, 3], "the gap breaks adjacency");
    }
}
