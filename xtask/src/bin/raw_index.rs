//! The benchmark's ceiling (issue 6): xxgk's two tokenizers and tantivy over
//! each file's whole text, with no parsing. `cargo xtask bench` runs it as a
//! process, as it runs `xxgk index`, so both are timed alike: process start,
//! loading the dictionary, listing and reading the files, indexing, commit.
//!
//! raw_index THREADS INDEX_DIR CORPUS_DIR

use std::path::PathBuf;

use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexWriter, TantivyDocument};
use xxgk::index::tokenize;

// The same allocator as the xxgk binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [threads, index_dir, corpus] = args.as_slice() else {
        eprintln!("usage: raw_index THREADS INDEX_DIR CORPUS_DIR");
        std::process::exit(2);
    };
    let threads: usize = threads.parse().expect("THREADS is a number");
    let (files, _) = xxgk::index::source::collect_files(&[PathBuf::from(corpus)]);

    let mut b = Schema::builder();
    let opts = |tok: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tok)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let text = b.add_text_field("text", opts(tokenize::JIEBA));
    let grams = b.add_text_field("grams", opts(tokenize::BIGRAM));
    std::fs::create_dir_all(index_dir).expect("create the index folder");
    let index = Index::create_in_dir(index_dir, b.build()).expect("create the index");
    index.tokenizers().register(
        tokenize::JIEBA,
        // As in `xxgk index`: the dictionary loads on the first text, while
        // this thread goes on reading files.
        TextAnalyzer::from(tokenize::JiebaTokenizer::lazy()),
    );
    index.tokenizers().register(
        tokenize::BIGRAM,
        TextAnalyzer::from(tokenize::BigramTokenizer::default()),
    );
    let mut writer: IndexWriter = index
        .writer_with_num_threads(threads, threads * 60_000_000)
        .expect("open the writer");
    for f in &files {
        let bytes = std::fs::read(f).expect("read a corpus file");
        let s = String::from_utf8_lossy(&bytes);
        let mut doc = TantivyDocument::default();
        doc.add_text(text, &s);
        doc.add_text(grams, &s);
        writer.add_document(doc).expect("add a document");
    }
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merge");
}
