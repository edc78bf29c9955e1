//! The jieba dictionary: jieba's own `dict.txt` (vendored sorted in
//! `data/jieba_dict.txt`, MIT) plus the domain words of this corpus.
//!
//! Loading the whole dictionary costs ~100 ms, the floor of every cold command.
//! jieba only consults dictionary words that occur in its input (and the total
//! frequency), so a query is cut exactly as the full dictionary would cut it by a
//! small dictionary of the words found in the query, with one filler entry that
//! keeps the total frequency equal. `for_text` builds that in a few ms.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, OnceLock};

use jieba_rs::Jieba;

/// jieba's dictionary, one `word freq tag` per line, sorted by bytes.
static DICT: &str = include_str!("../../data/jieba_dict.txt");

/// Every `(word, frequency, part of speech)` of jieba's dictionary.
pub fn entries() -> impl Iterator<Item = (&'static str, usize, &'static str)> {
    DICT.lines().map(|line| {
        let (word, freq) = word_freq(line);
        (
            word,
            freq,
            line.split_ascii_whitespace().nth(2).unwrap_or(""),
        )
    })
}

/// Terms of government information disclosure that must stay whole.
pub const DOMAIN_WORDS: &[&str] = &[
    "政府信息公开",
    "政府信息",
    "信息公开",
    "依申请公开",
    "主动公开",
    "政务公开",
    "政务公开专区",
    "行政复议",
    "行政诉讼",
    "三安全一稳定",
    "勾稽关系",
    "信息处理费",
    "政务新媒体",
    "街道办事处",
    "不予公开",
    "予以公开",
    "部分公开",
    "无法提供",
    "不予处理",
    "结转下年度",
    "上年结转",
    "行政规范性文件",
    "规范性文件",
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "过程性信息",
    "内部事务信息",
    "行政执法案卷",
    "行政查询事项",
    "年度报告",
    "政府门户网站",
    "政府信息公开指南",
    "政府信息公开目录",
    "政策解读",
    "回应关切",
    "重点领域",
    "政府公报",
    "公共查阅点",
    "信访举报投诉",
    "重复申请",
    "政务服务",
    "统计期限",
];

/// Frequency given to domain words: high enough to keep them whole.
const DOMAIN_FREQ: usize = 30_000;

/// A private-use character that never occurs in reports: the filler entry.
const FILLER: &str = "\u{E000}";

// Precomputed by build.rs: the byte offset of every line, little-endian u32.
static LINE_STARTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dict_lines.bin"));
include!(concat!(env!("OUT_DIR"), "/dict_meta.rs"));

fn line_count() -> usize {
    LINE_STARTS.len() / 4
}

fn line_start(i: usize) -> usize {
    let b = &LINE_STARTS[i * 4..i * 4 + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
}

/// Total frequency of the merged dictionary: jieba's, with the domain words'
/// own entries replaced by theirs.
static TOTAL: LazyLock<usize> = LazyLock::new(|| {
    let mut total = DICT_TOTAL + DOMAIN_WORDS.len() * DOMAIN_FREQ;
    for w in DOMAIN_WORDS {
        if let Some(i) = find_word(w) {
            total -= word_freq(line(i)).1;
        }
    }
    total
});

/// The line of `word`, if jieba's dictionary has it.
fn find_word(word: &str) -> Option<usize> {
    lines_starting_with(word).find(|&i| word_freq(line(i)).0 == word)
}

fn word_freq(line: &str) -> (&str, usize) {
    let mut it = line.split_ascii_whitespace();
    let word = it.next().unwrap_or("");
    let freq = it.next().and_then(|f| f.parse().ok()).unwrap_or(0);
    (word, freq)
}

fn line(i: usize) -> &'static str {
    let start = line_start(i);
    let end = if i + 1 < line_count() {
        line_start(i + 1)
    } else {
        DICT.len()
    };
    &DICT[start..end]
}

/// Lines whose word starts with `prefix` (a contiguous range: the file is sorted).
fn lines_starting_with(prefix: &str) -> std::ops::Range<usize> {
    let n = line_count();
    let lo = partition(n, |i| line(i) < prefix);
    let hi = lo + partition(n - lo, |i| line(lo + i).starts_with(prefix));
    lo..hi
}

/// First index in 0..n for which `pred` is false (pred is true then false).
fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The dictionary text with the domain words merged in.
fn merged_lines() -> String {
    let mut out = String::with_capacity(DICT.len() + 4096);
    for l in DICT.lines() {
        if !DOMAIN_WORDS.contains(&word_freq(l).0) {
            out.push_str(l);
            out.push('\n');
        }
    }
    for w in DOMAIN_WORDS {
        out.push_str(&format!("{w} {DOMAIN_FREQ} n\n"));
    }
    out
}

static FULL: OnceLock<Arc<Jieba>> = OnceLock::new();

/// The whole dictionary, loaded once per process and shared (a tokenizer that
/// owned a copy would be cloned per segment and per query).
pub fn full() -> Arc<Jieba> {
    FULL.get_or_init(|| {
        let text = merged_lines();
        Arc::new(Jieba::with_dict(&mut text.as_bytes()).expect("bundled dictionary is well-formed"))
    })
    .clone()
}

/// Whether the full dictionary is already in memory.
pub fn full_is_loaded() -> bool {
    FULL.get().is_some()
}

/// A dictionary that cuts `text` exactly as `full()` does: the words occurring in
/// `text` plus a filler entry carrying the rest of the total frequency.
pub fn for_text(text: &str) -> Arc<Jieba> {
    match FULL.get() {
        Some(full) => full.clone(),
        None => Arc::new(filtered(text)),
    }
}

fn filtered(text: &str) -> Jieba {
    let total = *TOTAL;
    let mut found: BTreeMap<&str, usize> = BTreeMap::new();
    for (pos, c) in text.char_indices() {
        let rest = &text[pos..];
        let mut buf = [0u8; 4];
        for i in lines_starting_with(c.encode_utf8(&mut buf)) {
            let (word, freq) = word_freq(line(i));
            if rest.starts_with(word) && !DOMAIN_WORDS.contains(&word) {
                found.insert(word, freq);
            }
        }
    }
    for w in DOMAIN_WORDS {
        if text.contains(w) {
            found.insert(w, DOMAIN_FREQ);
        }
    }
    let mut dict = String::new();
    let mut sum = 0usize;
    for (w, f) in &found {
        dict.push_str(&format!("{w} {f} n\n"));
        sum += f;
    }
    if total > sum {
        dict.push_str(&format!("{FILLER} {} x\n", total - sum));
    }
    Jieba::with_dict(&mut dict.as_bytes()).expect("filtered dictionary is well-formed")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(j: &Jieba, s: &str) -> Vec<String> {
        j.cut(s, true)
            .into_iter()
            .map(|t| t.word.to_string())
            .collect()
    }

    #[test]
    fn filtered_dictionary_cuts_like_the_full_one() {
        let samples = [
            "本年度依申请公开政府信息处理费未收取，三安全一稳定",
            "长春市二道区人民政府2023年政府信息公开工作年度报告",
            "加强对全区14家政府部门26个政务新媒体账号的日常管理",
            "我区率先形成部门政务公开标准目录，行政复议纠错率为零",
        ];
        let full = full();
        for s in samples {
            assert_eq!(words(&filtered(s), s), words(&full, s), "{s}");
        }
    }

    #[test]
    fn domain_words_stay_whole() {
        let full = full();
        let w = words(&full, "依申请公开的行政复议案件，勾稽关系和信息处理费");
        for term in ["依申请公开", "行政复议", "勾稽关系", "信息处理费"] {
            assert!(w.iter().any(|x| x == term), "{term} in {w:?}");
        }
    }
}
