//! Precomputes the jieba dictionary's line offsets and total frequency, so a
//! cold `xxgk search` finds a query's words without scanning 5 MB first.

use std::io::Write;

fn main() {
    let path = "data/jieba_dict.txt";
    println!("cargo:rerun-if-changed={path}");
    let dict = std::fs::read_to_string(path).expect("data/jieba_dict.txt");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let mut offsets = Vec::with_capacity(dict.len() / 10);
    let mut total: u64 = 0;
    let mut start = 0usize;
    let mut previous = "";
    for line in dict.split_inclusive('\n') {
        offsets.extend_from_slice(&(start as u32).to_le_bytes());
        start += line.len();
        let mut it = line.split_ascii_whitespace();
        let word = it.next().unwrap_or("");
        assert!(
            word > previous,
            "dictionary must be sorted by bytes and free of duplicates: {word}"
        );
        previous = word;
        total += it.next().and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    }
    std::fs::write(out.join("dict_lines.bin"), offsets).expect("write offsets");
    let mut meta = std::fs::File::create(out.join("dict_meta.rs")).expect("dict_meta.rs");
    writeln!(meta, "/// Sum of the frequencies in data/jieba_dict.txt.\npub const DICT_TOTAL: usize = {total};").expect("write");
}
